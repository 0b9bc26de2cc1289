"""Analyse d'un versement : recalcul de l'enveloppe et de la répartition, comparaison au centime, attribution
de chaque écart à la règle qui l'explique.

Le recalcul est celui de ``interessement.calcul.calculer_versement``. Pour attribuer un écart à sa cause, on
compare aussi les montants versés à des répartitions « contrefactuelles » calculées avec le même moteur
(``interessement.repartition.repartir``) et les mêmes bénéficiaires :

- l'enveloppe non ramenée au plafond global (PLAFOND_GLOBAL : l'excédent a été versé) ;
- la clause de redistribution inversée (REDISTRIBUTION : excédent redistribué sans clause, ou non redistribué
  malgré la clause) ;
- l'enveloppe sans le supplément (SUPPLEMENT : supplément versé hors des clés de répartition).

Ce qui reste inexpliqué est un écart de répartition (REPARTITION_CRITERES), salarié par salarié.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from interessement.calcul import CalculVersement, calculer_versement
from interessement.erreurs import ErreurEntree
from interessement.formules import evaluer
from interessement.modele import Accord, Versement
from interessement.repartition import ParametresRepartition, repartir

from .registre import DonneeManquante

QUALITES_DIRIGEANTS = ("dirigeant", "conjoint")
MOTIFS_DIRIGEANTS = ("dirigeant non bénéficiaire", "conjoint non bénéficiaire")


@dataclass
class Ecart:
    identifiant: str
    nom: str | None
    verse_centimes: int
    attendu_centimes: int
    plafond_centimes: int | None = None
    motif: str = ""
    indice: int = 0  # position dans versement.salaries

    @property
    def difference(self) -> int:
        return self.verse_centimes - self.attendu_centimes

    @property
    def chemin(self) -> str:
        return f"versement.salaries[{self.indice}].montant_verse_centimes"


@dataclass
class AnalyseVersement:
    calcul: CalculVersement
    verses: dict[str, int]
    attendus: dict[str, int]
    plafonds: dict[str, int]
    total_verse_centimes: int
    total_attendu_centimes: int
    plafond_global_centimes: int
    montants_renseignes: bool
    excedent_global_verse_centimes: int = 0
    explique_par_plafond_global: bool = False
    depassements_individuels: list[Ecart] = field(default_factory=list)
    dirigeants_payes: list[Ecart] = field(default_factory=list)
    redistribution: str | None = None  # "sans_clause" / "clause_non_appliquee"
    ecarts_redistribution: list[Ecart] = field(default_factory=list)
    supplement_hors_cles: bool = False
    ecarts_supplement: list[Ecart] = field(default_factory=list)
    supplement_hors_plafond_global: bool = False
    ecarts: list[Ecart] = field(default_factory=list)


def _repartition(calcul: CalculVersement, accord: Accord, enveloppe: int, redistribution: bool) -> dict[str, int]:
    rep = accord.repartition
    params = ParametresRepartition(
        part_uniforme=Fraction(rep.part_uniforme), part_presence=Fraction(rep.part_presence),
        part_salaire=Fraction(rep.part_salaire), redistribution=redistribution,
    )
    b = calcul.beneficiaires
    res = repartir(
        enveloppe, [x.identifiant for x in b],
        np.array([x.presence for x in b], dtype=np.int64),
        np.array([x.salaire_retenu_centimes for x in b], dtype=np.int64),
        np.array([x.plafond_centimes for x in b], dtype=np.int64),
        params,
    )
    return dict(zip(res.identifiants, res.montants_centimes.tolist(), strict=True))


def _enveloppe_sans_plafond_legal(accord: Accord, versement: Versement) -> int:
    """L'enveloppe de la formule avant le plafond légal de 20 % (plafond de l'accord compris)."""
    r = evaluer(
        accord.formule, versement.valeurs, versement.masse_salariale_centimes,
        valeurs_precedentes=versement.valeurs_precedentes, periode=versement.periode,
        unites={i.code: i.unite for i in accord.indicateurs},
    )
    return r.enveloppe_centimes


def _identiques(verses: dict[str, int], repartition: dict[str, int]) -> bool:
    return all(repartition.get(i, 0) == m for i, m in verses.items())


def analyser(accord: Accord, versement: Versement) -> AnalyseVersement:
    try:
        calcul = calculer_versement(accord, versement)
    except ErreurEntree as exc:
        raise DonneeManquante(f"le versement ne peut pas être recalculé : {exc}") from exc
    ids = calcul.repartition.identifiants
    montants = dict(zip(ids, calcul.repartition.montants_centimes.tolist(), strict=True))
    plafonds = {b.identifiant: b.plafond_centimes for b in calcul.beneficiaires}
    salaries = {s.identifiant: s for s in versement.salaries}
    indices = {s.identifiant: k for k, s in enumerate(versement.salaries)}
    verses = {s.identifiant: s.montant_verse_centimes for s in versement.salaries
              if s.montant_verse_centimes is not None}
    attendus = {i: montants.get(i, 0) for i in verses}
    total_verse = sum(verses.values())
    if not verses and versement.enveloppe_declaree_centimes is not None:
        total_verse = versement.enveloppe_declaree_centimes
    a = AnalyseVersement(
        calcul=calcul, verses=verses, attendus=attendus, plafonds=plafonds, total_verse_centimes=total_verse,
        total_attendu_centimes=sum(attendus.values()), plafond_global_centimes=calcul.plafond_global_centimes,
        montants_renseignes=bool(verses),
    )
    if total_verse > calcul.plafond_global_centimes:
        a.excedent_global_verse_centimes = total_verse - calcul.plafond_global_centimes
        if versement.supplement_centimes and total_verse - versement.supplement_centimes \
                <= calcul.plafond_global_centimes:
            a.supplement_hors_plafond_global = True
    if not verses:
        return a

    def ecart(i: str, attendu: int, motif: str = "") -> Ecart:
        s = salaries[i]
        return Ecart(i, s.nom, verses[i], attendu, plafonds.get(i), motif, indices[i])

    motifs_exclus = {e.identifiant: e.motif for e in calcul.exclus}
    restants: dict[str, int] = {}
    for i, v in verses.items():
        if i not in montants:
            motif = motifs_exclus.get(i, "")
            if v > 0 and salaries[i].qualite in QUALITES_DIRIGEANTS and motif.startswith(MOTIFS_DIRIGEANTS):
                a.dirigeants_payes.append(ecart(i, 0, motif))
            elif v > 0:
                a.ecarts.append(ecart(i, 0, f"non bénéficiaire : {motifs_exclus.get(i, 'absent du calcul')}"))
            continue
        if v > plafonds[i]:
            a.depassements_individuels.append(ecart(i, attendus[i]))
            continue
        if v != attendus[i]:
            restants[i] = v
    if not restants and not a.depassements_individuels:
        return a

    # 1. L'excédent sur le plafond global a été versé (répartition identique à celle de l'enveloppe entière).
    if a.excedent_global_verse_centimes > 0:
        entiere = _enveloppe_sans_plafond_legal(accord, versement) + calcul.supplement_centimes
        if entiere > calcul.enveloppe_centimes and _identiques(
                verses, _repartition(calcul, accord, entiere, accord.repartition.redistribution_excedent)):
            a.explique_par_plafond_global = True
            return a
    if not restants:
        return a
    redistribue = accord.repartition.redistribution_excedent
    # 2. Clause de redistribution inversée.
    if calcul.repartition.plafonne.any():
        inverse = _repartition(calcul, accord, calcul.enveloppe_centimes, not redistribue)
        if _identiques(restants, inverse):
            a.redistribution = "clause_non_appliquee" if redistribue else "sans_clause"
            a.ecarts_redistribution = [ecart(i, attendus[i]) for i in restants]
            return a
    # 3. Supplément versé en plus de la répartition de base, mais pas selon les clés.
    supplement = versement.supplement_centimes
    if supplement > 0:
        base_enveloppe = min(calcul.enveloppe_formule_centimes, calcul.plafond_global_centimes)
        base = _repartition(calcul, accord, base_enveloppe, redistribue)
        ajouts = {i: v - base.get(i, 0) for i, v in verses.items() if i in montants}
        if all(x >= 0 for x in ajouts.values()) and 0 < sum(ajouts.values()) <= supplement:
            a.supplement_hors_cles = True
            a.ecarts_supplement = [ecart(i, attendus[i]) for i in restants]
            return a
    # 4. Excédent non redistribuable réparti quand même (sans clause) : seuls des compléments, dans la limite
    #    du reliquat, versés à des bénéficiaires sous leur plafond.
    if not redistribue and calcul.repartition.plafonne.any():
        ajouts = {i: v - attendus[i] for i, v in restants.items()}
        if all(x > 0 for x in ajouts.values()) and sum(ajouts.values()) <= calcul.repartition.reliquat_centimes:
            a.redistribution = "sans_clause"
            a.ecarts_redistribution = [ecart(i, attendus[i]) for i in restants]
            return a
    a.ecarts.extend(ecart(i, attendus[i]) for i in restants)
    return a
