"""Le lien du validateur avec la bibliothèque de clauses (``interessement.clauses``, lot « clauses »).

La bibliothèque est la source du texte que ce projet écrit : une entrée par clause de l'accord, avec sa condition,
l'article qui la rend obligatoire, sa base légale et la règle de REGLES.md qu'elle sert. Le validateur s'en sert
pour la liste des clauses obligatoires (CLAUSES_OBLIGATOIRES : présente, absente ou incomplète, avec sa base
légale) et quand le texte contrôlé est celui qu'elle produit (document généré intact). Sans bibliothèque
installée, ``bibliotheque()`` rend ``None`` et les règles qui en ont besoin disent « à vérifier ».
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from interessement.modele import Accord

PRESENTE = "présente"
ABSENTE = "absente"
INCOMPLETE = "incomplète"


@functools.cache
def bibliotheque() -> tuple[Any, ...] | None:
    """Les clauses de l'accord dans la bibliothèque, dans l'ordre du document ; ``None`` si elle n'est pas
    disponible."""
    try:
        from interessement.clauses import bibliotheque as charger
    except ImportError:
        return None
    return tuple(charger("accord"))


_OBLIGATOIRES: list[tuple[tuple[Any, ...], tuple[Any, ...]]] = []


def _obligatoires() -> tuple[Any, ...] | None:
    """Les clauses obligatoires de la bibliothèque (filtrées une fois par bibliothèque chargée)."""
    toutes = bibliotheque()
    if toutes is None:
        return None
    if not _OBLIGATOIRES or _OBLIGATOIRES[0][0] is not toutes:
        _OBLIGATOIRES[:] = [(toutes, tuple(c for c in toutes if c.obligatoire))]
    return _OBLIGATOIRES[0][1]


def clauses_de(accord: Accord, regle: str) -> list[Any] | None:
    """Les clauses de l'accord qui servent la règle ``regle`` et s'appliquent à cet accord (``None`` sans
    bibliothèque)."""
    toutes = bibliotheque()
    if toutes is None:
        return None
    return [c for c in toutes if getattr(c, "regle", None) == regle and c.s_applique(accord)]


def _vide(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


#: Ce que chaque clause obligatoire tirée des données exige des données pour être complète : (chemin du champ,
#: ce qui manque alors, en français). Les clauses que les données ne peuvent pas laisser vides (durée, versement…)
#: n'y figurent pas ; celles qui servent une autre règle (bénéficiaires, suivi, dénonciation…) sont vérifiées par
#: cette règle.
_EXIGENCES: dict[str, list[tuple[str, Callable[[Accord], bool], str]]] = {
    "preambule": [("information.preambule", lambda a: _vide(a.information.preambule),
                   "les motifs de l'accord et les raisons du choix de la formule et des critères de répartition")],
    "champ_application": [("perimetre.etablissements",
                           lambda a: not a.perimetre.tous_etablissements and not a.perimetre.etablissements,
                           "les établissements concernés (l'accord ne couvre pas tous les établissements)")],
    "repartition": [("repartition", lambda a: a.repartition.somme_parts == 0 and not a.repartition.autres_criteres,
                     "les critères de répartition (uniforme, présence, salaire)")],
    "differends": [("information.reglement_litiges", lambda a: _vide(a.information.reglement_litiges),
                    "la procédure convenue pour régler les différends")],
    "information_suivi": [
        ("information.suivi_par", lambda a: a.information.suivi_par is None,
         "les conditions d'information et de suivi par le CSE ou une commission créée par lui (ou, sans CSE, "
         "l'information des salariés)"),
        ("information.modalites_information_salaries", lambda a: _vide(a.information.modalites_information_salaries),
         "les modalités d'information des salariés"),
    ],
}

#: Clauses sans lesquelles il n'y a pas d'intéressement (formule ou répartition absente) : constat bloquant.
ESSENTIELLES = ("calcul", "repartition")


@dataclass
class ClauseVerifiee:
    """Une clause obligatoire de la bibliothèque, vérifiée sur les données d'un accord."""

    id: str
    titre: str
    statut: str
    base_obligation: str | None
    base_legale: tuple[str, ...]
    regle: str | None
    manques: list[tuple[str, str]] = field(default_factory=list)  # (chemin, ce qui manque)

    @property
    def essentielle(self) -> bool:
        return self.id in ESSENTIELLES


def clauses_obligatoires(accord: Accord, *, seulement_incompletes: bool = False) -> list[ClauseVerifiee] | None:
    """La liste des clauses obligatoires de la bibliothèque qui s'appliquent à l'accord, chacune présente, absente
    ou incomplète selon les données, avec l'article qui l'impose (``None`` sans bibliothèque).
    ``seulement_incompletes`` : ne regarde que les clauses que des données manquantes peuvent laisser incomplètes
    (celles que la règle CLAUSES_OBLIGATOIRES signale ; les autres sont écrites par la bibliothèque)."""
    obligatoires = _obligatoires()
    if obligatoires is None:
        return None
    liste = []
    for c in obligatoires:
        if seulement_incompletes and c.id not in _EXIGENCES:
            continue
        if not c.s_applique(accord):
            continue
        manques = [(chemin, quoi) for chemin, manque, quoi in _EXIGENCES.get(c.id, ()) if manque(accord)]
        statut = PRESENTE
        if manques:
            statut = ABSENTE if len(manques) == len(_EXIGENCES[c.id]) and c.id in ESSENTIELLES else INCOMPLETE
        liste.append(ClauseVerifiee(c.id, str(c.titre), statut, c.base_obligation, tuple(c.base_legale),
                                    c.regle, manques))
    return liste
