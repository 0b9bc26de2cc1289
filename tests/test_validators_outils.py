"""Outils des tests du validateur : exemples modifiés par chemins pointés (« beneficiaires.anciennete.mois »).

Un « patch » est un dictionnaire ``{chemin: valeur}`` ; un chemin suit les clés et les indices de liste
(``formule.composantes[0].taux``) ; la valeur ``"__supprimer__"`` retire la clé ; un indice égal à la longueur de
la liste ajoute un élément. Les autres fichiers de tests importent ce module.
"""

from __future__ import annotations

import copy
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest
from chemins import EXEMPLES

from interessement.modele import Accord, Versement
from validators import AVERTISSEMENT, BLOQUANT, Rapport

NOMS_EXEMPLES = ["sas-30-part-resultat", "sarl-8-due-paliers", "sa-120-objectifs", "selas-40-semestriel"]
SUPPRIMER = "__supprimer__"
_MORCEAU = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@cache
def _lire(nom: str) -> dict[str, Any]:
    return json.loads((EXEMPLES / nom).read_text(encoding="utf-8"))


def donnees_accord(nom: str) -> dict[str, Any]:
    return copy.deepcopy(_lire(f"{nom}.json"))


def donnees_versement(nom: str) -> dict[str, Any]:
    return copy.deepcopy(_lire(f"{nom}.versement.json"))


def morceaux(chemin: str) -> list[str | int]:
    return [int(i) if i else cle for cle, i in _MORCEAU.findall(chemin)]


def appliquer(donnees: dict[str, Any], patch: dict[str, Any] | None) -> dict[str, Any]:
    """Applique un patch « chemin pointé → valeur » (en place) et renvoie les données."""
    for chemin, valeur in (patch or {}).items():
        m = morceaux(chemin)
        cible: Any = donnees
        for cle, suivante in zip(m[:-1], m[1:], strict=True):
            if isinstance(cle, int):
                cible = cible[cle]
            else:
                if cle not in cible or cible[cle] is None:
                    cible[cle] = [] if isinstance(suivante, int) else {}
                cible = cible[cle]
        dernier = m[-1]
        if valeur == SUPPRIMER:
            del cible[dernier]
        elif isinstance(dernier, int) and dernier == len(cible):
            cible.append(copy.deepcopy(valeur))
        else:
            cible[dernier] = copy.deepcopy(valeur)
    return donnees


def accord(nom: str, patch: dict[str, Any] | None = None) -> Accord:
    return Accord.model_validate(appliquer(donnees_accord(nom), patch))


def versement(nom: str, patch: dict[str, Any] | None = None) -> Versement:
    return Versement.model_validate(appliquer(donnees_versement(nom), patch))


@dataclass(frozen=True)
class ClauseFactice:
    """Une entrée de bibliothèque de clauses réduite à ce que le validateur lit (tests)."""

    id: str
    regle: str | None = None
    obligatoire: bool = True
    titre: str = ""
    base_legale: tuple[str, ...] = ()
    base_obligation: str | None = "L3313-2"

    def s_applique(self, accord: Accord) -> bool:
        return True


@contextmanager
def avec_bibliotheque(clauses: list[Any] | None):
    """Remplace, le temps d'un bloc, la bibliothèque de clauses vue par le validateur (``None`` : inchangée)."""
    if clauses is None:
        yield
        return
    from validators import bibliotheque as module

    origine = module.bibliotheque
    module.bibliotheque = lambda: tuple(clauses)  # type: ignore[assignment]
    try:
        yield
    finally:
        module.bibliotheque = origine  # type: ignore[assignment]


def graves(r: Rapport) -> set[str]:
    """Identifiants des constats bloquants et des avertissements."""
    return r.ids(BLOQUANT, AVERTISSEMENT)


def test_appliquer_chemins_indices_ajout_et_suppression():
    d = {"a": {"b": [1, 2]}, "c": 3}
    appliquer(d, {"a.b[0]": 9, "a.b[2]": 7, "c": SUPPRIMER, "x.y": 1, "l[0]": {"k": 1}})
    assert d == {"a": {"b": [9, 2, 7]}, "x": {"y": 1}, "l": [{"k": 1}]}


@pytest.mark.parametrize("nom", NOMS_EXEMPLES)
def test_exemples_intacts_apres_modification(nom):
    accord(nom, {"entreprise.effectif": 1234})
    assert accord(nom).entreprise.effectif != 1234
