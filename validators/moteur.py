"""Le point d'entrée : ``valider(accord, date_reference=None, versement=None, document=None) -> Rapport``.

Toutes les règles sont appliquées (jamais d'arrêt au premier problème). Une règle qui lève une exception devient
un résultat enregistré dans ``Rapport.regles_en_erreur`` — jamais un plantage du rapport.
"""

from __future__ import annotations

import functools
from datetime import date

from interessement import parametres
from interessement.erreurs import ErreurEntree
from interessement.integrite import ControleDocument
from interessement.modele import Accord, Versement
from interessement.parametres import HorsPeriodeModelisee

from .contexte import Contexte
from .ids import IDS_REGLES
from .registre import REGISTRE, DonneeManquante, NonApplicable, Regle, Trouve
from .resultats import (
    ENTREE_MANQUANTE,
    ERREUR_INTERNE,
    HORS_PERIODE,
    Constat,
    Rapport,
    RegleEcartee,
)

_RAISONS_BESOIN = {
    "versement": "aucun versement fourni",
    "document": "aucun document .docx contrôlé",
}


@functools.cache
def _toutes() -> tuple[Regle, ...]:
    from . import (  # noqa: F401 - l'import enregistre les règles
        beneficiaires,
        durees_delais,
        formule,
        mise_en_place,
        plafonds,
        repartition,
        versement_information,
    )

    return tuple(REGISTRE[i] for i in IDS_REGLES if i in REGISTRE)


def regles() -> list[Regle]:
    """Les règles enregistrées, dans l'ordre de REGLES.md."""
    return list(_toutes())


def date_reference_par_defaut(accord: Accord) -> date:
    """La date de dépôt de l'accord, à défaut sa date de conclusion (jamais la date du jour)."""
    return accord.depot.date_depot or accord.mise_en_place.date_conclusion


@functools.lru_cache(maxsize=8192)
def _utilise(nom: str, d: date) -> tuple[tuple[str, str], ...]:
    return tuple(parametres.utilise(nom, d).items())


def _constat(r: Regle, t: Trouve) -> Constat:
    chemin = [t.chemin] if isinstance(t.chemin, str) else list(t.chemin)
    utilises = []
    for nom, d in t.parametres:
        try:
            utilises.append(dict(_utilise(nom, d)))
        except HorsPeriodeModelisee:
            pass
    return Constat(
        id=r.id, titre=r.titre, severite=t.severite or r.severite, portee=t.portee or r.portee,
        message=t.message, references=list(r.references), chemin=chemin, observe=t.observe, attendu=t.attendu,
        parametres=utilises, suggestion=t.suggestion, periode=t.periode, beneficiaire=t.beneficiaire,
        montant_centimes=t.montant_centimes,
    )


def valider(
    accord: Accord,
    date_reference: date | None = None,
    versement: Versement | None = None,
    document: ControleDocument | None = None,
    *,
    ids: set[str] | None = None,
    simulation: bool = True,
) -> Rapport:
    """Applique toutes les règles (ou celles de ``ids``) à l'accord, au versement et au document éventuels.

    ``date_reference`` : la date à laquelle on se place (dépôt non encore fait, dernières valeurs connues,
    obligation de partage de la valeur) ; par défaut la date de dépôt de l'accord, ou sa date de conclusion.
    ``simulation=False`` : ALEA_FAIBLE se contente du back-test, sans Monte-Carlo (lots volumineux).
    """
    d = date_reference or date_reference_par_defaut(accord)
    ctx = Contexte(accord, d, versement, document, simulation=simulation)
    rapport = Rapport(date_reference=d, accord_identifiant=accord.identifiant,
                      entreprise=accord.entreprise.raison_sociale)
    for r in _toutes():
        if ids is not None and r.id not in ids:
            continue
        rapport.regles_verifiees.append(r.id)
        if r.besoin == "versement" and versement is None or r.besoin == "document" and document is None:
            rapport.regles_non_applicables.append(RegleEcartee(r.id, _RAISONS_BESOIN[r.besoin]))
            continue
        trouves: list[Trouve] = []
        try:
            for t in r.fonction(ctx) or ():
                trouves.append(t)
        except NonApplicable as exc:
            rapport.regles_non_applicables.append(RegleEcartee(r.id, exc.raison))
        except DonneeManquante as exc:
            rapport.regles_en_erreur.append(RegleEcartee(r.id, exc.raison, ENTREE_MANQUANTE))
        except HorsPeriodeModelisee as exc:
            rapport.regles_en_erreur.append(RegleEcartee(r.id, str(exc), HORS_PERIODE))
        except ErreurEntree as exc:
            rapport.regles_en_erreur.append(RegleEcartee(r.id, str(exc), ENTREE_MANQUANTE))
        except Exception as exc:  # noqa: BLE001 - une règle qui plante devient un résultat enregistré
            rapport.regles_en_erreur.append(
                RegleEcartee(r.id, f"{type(exc).__name__} : {exc}", ERREUR_INTERNE))
        for t in trouves:
            try:
                rapport.constats.append(_constat(r, t))
            except Exception as exc:  # noqa: BLE001
                rapport.regles_en_erreur.append(
                    RegleEcartee(r.id, f"{type(exc).__name__} : {exc}", ERREUR_INTERNE))
    rapport.trier()
    return rapport
