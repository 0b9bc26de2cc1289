"""Les erreurs vues par la personne : toujours en français, jamais une trace Python.

Réexporte l'erreur d'entrée du cœur (message français) et traduit toute autre exception en une phrase qui dit ce
qui s'est passé et ce qu'on peut faire ; une date hors des années modélisées dit lesquelles le sont.
"""

from __future__ import annotations

import logging

from interessement.erreurs import ErreurEntree

JOURNAL = logging.getLogger("interessement.interface")


def annees_modelisees() -> str:
    """« 2019 à 2026 » : les années dont l'outil connaît les règles (plafond de la sécurité sociale publié)."""
    from interessement import parametres

    try:
        annees = parametres.annees_modelisees()
    except Exception:  # noqa: BLE001 - un message d'erreur ne doit jamais échouer lui-même
        return "les années publiées"
    return f"{annees[0]} à {annees[-1]}" if annees else "aucune année"


def message(exc: BaseException) -> str:
    """Une phrase française pour la personne, sans point final (l'appelant la termine) ; le détail technique va dans
    le journal du serveur."""
    return _message(exc).rstrip().rstrip(".")


def _message(exc: BaseException) -> str:
    from interessement.parametres import HorsPeriodeModelisee

    if isinstance(exc, HorsPeriodeModelisee):
        return (f"{exc.conseil()} Les règles sont connues pour les années {annees_modelisees()} : choisissez des "
                "dates dans ces années.")
    if isinstance(exc, ErreurEntree):
        return str(exc)
    if isinstance(exc, ValueError | ArithmeticError) and str(exc):
        return f"valeur impossible à traiter ({exc})"
    JOURNAL.exception("Erreur inattendue dans l'assistant", exc_info=exc)
    return (f"erreur inattendue ({type(exc).__name__}). Ce n'est pas de votre fait : signalez-la si elle "
            "persiste")


__all__ = ["ErreurEntree", "annees_modelisees", "message"]
