"""Le contexte d'une validation : l'accord, la date de référence, le versement et le document éventuels.

Les valeurs dérivées (périodes de calcul, dates limites, analyse du versement) sont calculées une seule fois et
partagées entre les règles.
"""

from __future__ import annotations

import functools
from datetime import date
from functools import cached_property
from typing import Any

from interessement import parametres
from interessement.calendrier import date_limite_conclusion, date_limite_depot
from interessement.integrite import ControleDocument
from interessement.modele import Accord, PeriodeCalcul, Versement

from .registre import DonneeManquante

#: Périodes de calcul déjà découpées, par (date d'effet, clôture, mois, durée) : dans un lot, beaucoup d'accords
#: partagent les mêmes dates. Les ``PeriodeCalcul`` sont immuables ; les listes ne sont jamais modifiées.
_PERIODES: dict[tuple[date, date, int, int], list[PeriodeCalcul]] = {}
_TAILLE_MAX_CACHE = 10_000


def periodes_de(accord: Accord) -> list[PeriodeCalcul]:
    p = accord.periode
    cle = (p.date_effet, p.date_cloture_premier_exercice, p.periode_calcul_mois, p.duree_annees)
    periodes = _PERIODES.get(cle)
    if periodes is None:
        periodes = accord.periodes()
        if len(_PERIODES) >= _TAILLE_MAX_CACHE:
            _PERIODES.clear()
        _PERIODES[cle] = periodes
    return periodes


@functools.lru_cache(maxsize=_TAILLE_MAX_CACHE)
def _valeur(nom: str, d: date) -> Any:
    """Valeur d'un paramètre (immuable : une liste devient un tuple) ; les paramètres ne changent pas en cours
    d'exécution."""
    v = parametres.value_at(nom, d)
    return tuple(v) if isinstance(v, list) else v


@functools.lru_cache(maxsize=_TAILLE_MAX_CACHE)
def _limites(p: PeriodeCalcul) -> tuple[date, date]:
    return date_limite_conclusion(p), date_limite_depot(p)


class Contexte:
    def __init__(self, accord: Accord, date_reference: date, versement: Versement | None = None,
                 document: ControleDocument | None = None, simulation: bool = True,
                 faits_inconnus: frozenset[str] = frozenset(), texte_lu: bool = False):
        self.accord = accord
        #: l'accord vient d'un texte écrit ailleurs (lu), et non des données dont ce logiciel rédige le texte
        self.texte_lu = texte_lu
        self.faits_inconnus = faits_inconnus
        self.simulation = simulation
        self.date_reference = date_reference
        self.versement = versement
        self.document = document

    # ---------------------------------------------------------------------------------------------- dates

    @property
    def date_loi(self) -> date:
        """La date qui fixe le droit applicable à la mise en place : celle de la conclusion."""
        return self.accord.mise_en_place.date_conclusion

    @cached_property
    def date_conclusion_effective(self) -> date:
        """Signature ; ratification : le jour où la majorité des deux tiers est atteinte (le vote, s'il est plus
        tardif que la date déclarée)."""
        mp = self.accord.mise_en_place
        if mp.mode == "ratification" and mp.ratification is not None and mp.ratification.date_vote is not None:
            return max(mp.date_conclusion, mp.ratification.date_vote)
        return mp.date_conclusion

    @cached_property
    def periodes(self) -> list[PeriodeCalcul]:
        return periodes_de(self.accord)

    @property
    def premiere(self) -> PeriodeCalcul:
        return self.periodes[0]

    @property
    def limite_conclusion(self) -> date:
        return _limites(self.premiere)[0]

    @property
    def limite_depot(self) -> date:
        return _limites(self.premiere)[1]

    def valeur(self, nom: str, d: date) -> Any:
        return _valeur(nom, d)

    # ------------------------------------------------------------------------------------------ versement

    @property
    def analyse_versement(self) -> Any:
        """L'analyse du versement (recalcul et comparaison au centime), partagée par les règles du versement ;
        calculée une fois, y compris quand elle échoue (l'erreur est relevée à chaque règle qui en dépend)."""
        if not hasattr(self, "_analyse_versement"):
            if self.versement is None:
                raise DonneeManquante("aucun versement fourni")
            from .analyse_versement import analyser

            try:
                self._analyse_versement: Any = analyser(self.accord, self.versement)
            except Exception as exc:
                self._analyse_versement = exc
        if isinstance(self._analyse_versement, Exception):
            raise self._analyse_versement
        return self._analyse_versement
