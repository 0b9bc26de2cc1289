"""Le calcul d'un versement : de l'accord et des chiffres d'une période jusqu'au montant de chaque salarié.

Enchaîne : l'enveloppe de la formule (ou un montant donné), le plafond global de 20 % (L3314-8), les
bénéficiaires (ancienneté, dirigeants), la présence (absences assimilées, L3314-5), le salaire de référence
(dirigeants et conjoint plafonnés, L3314-6), le plafond individuel de 75 % du PASS proratisé, puis la répartition
exacte au centime (REGLES.md §4).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction
from typing import Any

import numpy as np
from dateutil.relativedelta import relativedelta

from . import format as fmt
from . import parametres
from .erreurs import ErreurEntree
from .formules import ResultatFormule, evaluer_periode, plafond_legal_centimes
from .modele import Accord, PeriodeCalcul, SalarieVersement, Versement
from .repartition import ParametresRepartition, ResultatRepartition, repartir


@dataclass
class Beneficiaire:
    identifiant: str
    nom: str | None
    qualite: str
    presence: int  # en centièmes de jour
    salaire_retenu_centimes: int
    plafond_centimes: int
    notes: list[str] = field(default_factory=list)


@dataclass
class Exclu:
    identifiant: str
    nom: str | None
    motif: str


@dataclass
class CalculVersement:
    accord: Accord
    periode: PeriodeCalcul
    formule: ResultatFormule | None
    enveloppe_formule_centimes: int
    supplement_centimes: int
    plafond_global_centimes: int
    enveloppe_centimes: int  # distribuée après plafond global
    annee_pass: int  # année du PASS retenu pour le plafond individuel (clôture de l'exercice)
    excedent_global_centimes: int
    beneficiaires: list[Beneficiaire]
    exclus: list[Exclu]
    repartition: ResultatRepartition
    parametres_utilises: list[dict[str, Any]]
    notes: list[str]

    def lignes(self) -> list[dict[str, Any]]:
        """Une ligne par bénéficiaire : ce qu'un tableau ou un CSV affiche."""
        r = self.repartition
        index = {b.identifiant: b for b in self.beneficiaires}
        lignes = []
        for i, ident in enumerate(r.identifiants):
            b = index[ident]
            lignes.append({
                "identifiant": ident,
                "nom": b.nom or "",
                "qualite": b.qualite,
                "presence_jours": b.presence / 100,
                "salaire_retenu_centimes": b.salaire_retenu_centimes,
                "plafond_centimes": b.plafond_centimes,
                "part_initiale_centimes": float(r.part_initiale[i]),
                "plafonne": bool(r.plafonne[i]),
                "redistribue_centimes": int(r.redistribue_centimes[i]),
                "montant_centimes": int(r.montants_centimes[i]),
            })
        return lignes


def _jours(debut: date, fin: date) -> int:
    return (fin - debut).days + 1


def exercice_de(accord: Accord, periode: PeriodeCalcul) -> tuple[date, date]:
    """L'exercice (12 mois) qui contient la fin de la période, calé sur la clôture du premier exercice."""
    cloture = accord.periode.date_cloture_premier_exercice
    while cloture < periode.fin:
        cloture = cloture + relativedelta(years=1)
    while cloture - relativedelta(years=1) >= periode.fin:
        cloture = cloture - relativedelta(years=1)
    return cloture - relativedelta(years=1) + relativedelta(days=1), cloture


def _anciennete_suffisante(accord: Accord, s: SalarieVersement, periode: PeriodeCalcul) -> bool:
    cond = accord.beneficiaires.anciennete
    if cond is None or (cond.mois == 0 and cond.jours == 0) or s.date_entree is None:
        return True
    # Tous les contrats de la période et des 12 mois qui la précèdent comptent (L3342-1) : les jours des
    # contrats antérieurs avancent d'autant la date où la condition est remplie.
    fin = min(periode.fin, s.date_sortie) if s.date_sortie else periode.fin
    atteinte = (s.date_entree + relativedelta(months=cond.mois, days=cond.jours)
                - relativedelta(days=s.anciennete_anterieure_jours))
    return atteinte <= fin + relativedelta(days=1)


def _presence(accord: Accord, s: SalarieVersement) -> int:
    assimilees = set(accord.repartition.absences_assimilees)
    non_assimilees = sum(j for code, j in s.absences.items() if code not in assimilees)
    jours = max(0, s.jours_inscrits - non_assimilees)
    if accord.repartition.presence_prorata_temps_travail:
        return int((Decimal(jours * 100) * s.temps_travail).to_integral_value(rounding=ROUND_FLOOR))
    return jours * 100


def calculer_versement(
    accord: Accord,
    versement: Versement,
    *,
    montant_centimes: int | None = None,
) -> CalculVersement:
    """Calcule la répartition d'une période. ``montant_centimes`` remplace l'enveloppe de la formule."""
    periodes = accord.periodes()
    if not 1 <= versement.periode <= len(periodes):
        raise ErreurEntree(
            f"versement.periode : la période {versement.periode} n'existe pas (l'accord en compte {len(periodes)})."
        )
    periode = periodes[versement.periode - 1]
    d = periode.fin
    notes: list[str] = []
    utilises = [parametres.utilise("plafond_global_taux", d)]
    dirigeants_inclus = accord.beneficiaires.dirigeants_inclus
    remu_dirigeants = versement.remuneration_dirigeants_n1_centimes if dirigeants_inclus else 0

    # Plafond global (L3314-8) : « annuellement ». Pour une période infra-annuelle dont la masse salariale de
    # l'exercice est connue, le plafond est celui de l'exercice, diminué de ce qui a déjà été distribué au titre
    # de ses périodes précédentes ; à défaut, il est appliqué à la masse de la seule période (prudent).
    if versement.masse_salariale_exercice_centimes is not None:
        annuel = plafond_legal_centimes(versement.masse_salariale_exercice_centimes, remu_dirigeants, d)
        plafond_global = max(0, annuel - versement.deja_distribue_exercice_centimes)
        notes.append(f"Plafond global de l'exercice : {fmt.montant(annuel)}, dont "
                     f"{fmt.montant(versement.deja_distribue_exercice_centimes)} déjà distribués ; reste "
                     f"{fmt.montant(plafond_global)} pour cette période.")
        impose: int | None = plafond_global
    else:
        plafond_global = plafond_legal_centimes(versement.masse_salariale_centimes, remu_dirigeants, d)
        impose = None
        if not periode.annuelle:
            notes.append("Plafond global appliqué à la masse salariale de la seule période (prudent) : indiquez "
                         "la masse salariale de l'exercice et ce qui a déjà été distribué pour appliquer le "
                         "plafond annuel.")

    resultat_formule: ResultatFormule | None = None
    if montant_centimes is None:
        resultat_formule = evaluer_periode(
            accord, versement.valeurs, versement.masse_salariale_centimes,
            valeurs_precedentes=versement.valeurs_precedentes, periode=versement.periode,
            remuneration_dirigeants_centimes=remu_dirigeants, plafond_legal_impose_centimes=impose,
        )
        enveloppe_formule = resultat_formule.enveloppe_centimes
    else:
        if montant_centimes < 0:
            raise ErreurEntree("Le montant de l'enveloppe doit être positif ou nul.")
        enveloppe_formule = montant_centimes
    total = enveloppe_formule + versement.supplement_centimes
    enveloppe = min(total, plafond_global)
    excedent_global = total - enveloppe
    if excedent_global:
        notes.append(f"Plafond global de {fmt.montant(plafond_global)} atteint : {fmt.montant(excedent_global)} "
                     "ne sont pas distribués (art. L3314-8).")

    # Bénéficiaires
    # Le PASS de l'exercice au titre duquel l'intéressement est attribué : celui de l'année de clôture de
    # l'exercice, le même pour toutes les périodes d'un exercice (L3314-8).
    debut_ex, fin_ex = exercice_de(accord, periode)
    annee_pass = fin_ex.year
    pass_c = parametres.value_at("plafond_annuel_securite_sociale", date(annee_pass, 1, 1))
    taux_ind = parametres.value_at("plafond_individuel_taux_pass", d)
    utilises += [parametres.utilise("plafond_annuel_securite_sociale", date(annee_pass, 1, 1)),
                 parametres.utilise("plafond_individuel_taux_pass", d)]
    jours_exercice = _jours(debut_ex, fin_ex)
    prorata = accord.repartition.prorata_plafond_individuel
    notes.append(
        f"Plafond individuel : {fmt.pourcentage(taux_ind)} du PASS {annee_pass} ({fmt.montant(pass_c)})"
        + (", proratisé au temps de présence dans l'effectif sur l'exercice." if prorata else ", sans prorata.")
    )
    plafond_annuel = Decimal(pass_c) * taux_ind
    taux_conjoint = parametres.value_at("plafond_salaire_conjoint_taux_pass", d)

    beneficiaires: list[Beneficiaire] = []
    exclus: list[Exclu] = []
    for s in versement.salaries:
        if s.qualite == "dirigeant" and not dirigeants_inclus:
            exclus.append(Exclu(s.identifiant, s.nom, "dirigeant non bénéficiaire (l'accord ne les inclut pas)"))
            continue
        if s.qualite == "conjoint" and not accord.beneficiaires.conjoint_inclus:
            exclus.append(Exclu(s.identifiant, s.nom, "conjoint non bénéficiaire (l'accord ne l'inclut pas)"))
            continue
        if not _anciennete_suffisante(accord, s, periode):
            exclus.append(Exclu(s.identifiant, s.nom, "ancienneté insuffisante sur la période"))
            continue
        b_notes: list[str] = []
        notes_salaire: list[str] = []  # dites seulement si une part est répartie selon le salaire
        salaire = s.salaire_brut_centimes
        if s.qualite == "dirigeant":
            salaire = s.remuneration_n1_centimes if s.remuneration_n1_centimes is not None else salaire
            if accord.repartition.plafond_salaire_dirigeants and versement.plus_haut_salaire_centimes is not None \
                    and salaire > versement.plus_haut_salaire_centimes:
                salaire = versement.plus_haut_salaire_centimes
                notes_salaire.append("rémunération retenue plafonnée au plus haut salaire de l'entreprise")
        elif s.qualite == "conjoint" and accord.repartition.plafond_salaire_conjoint:
            plafond_conjoint = int((Decimal(pass_c) * taux_conjoint).to_integral_value(rounding=ROUND_FLOOR))
            if salaire > plafond_conjoint:
                salaire = plafond_conjoint
                notes_salaire.append(f"salaire retenu plafonné à {fmt.pourcentage(taux_conjoint)} du PASS")
        rep = accord.repartition
        if rep.salaire_plancher_centimes is not None and salaire < rep.salaire_plancher_centimes:
            salaire = rep.salaire_plancher_centimes
            notes_salaire.append("salaire relevé au plancher de l'accord")
        if rep.salaire_plafond_centimes is not None and salaire > rep.salaire_plafond_centimes:
            salaire = rep.salaire_plafond_centimes
            notes_salaire.append("salaire limité au plafond de l'accord")
        if rep.part_salaire > 0:
            b_notes.extend(notes_salaire)
        if periode.annuelle:
            jours_ex = min(s.jours_inscrits, jours_exercice)
        else:
            entree = max(s.date_entree or debut_ex, debut_ex)
            sortie = min(s.date_sortie or fin_ex, fin_ex)
            jours_ex = max(0, _jours(entree, sortie))
        if prorata:
            plafond = plafond_annuel * jours_ex / jours_exercice
        else:
            plafond = plafond_annuel
        plafond_c = int(plafond.to_integral_value(rounding=ROUND_FLOOR))
        if s.deja_attribue_exercice_centimes:
            # Le plafond vaut pour l'exercice (L3314-8) : les périodes précédentes du même exercice s'y imputent.
            plafond_c = max(0, plafond_c - s.deja_attribue_exercice_centimes)
            b_notes.append(f"plafond individuel diminué de {fmt.montant(s.deja_attribue_exercice_centimes)} déjà "
                           "attribués au titre du même exercice")
        beneficiaires.append(Beneficiaire(
            s.identifiant, s.nom, s.qualite, _presence(accord, s), salaire, plafond_c, b_notes,
        ))

    rep = accord.repartition
    if rep.somme_parts != 1:
        raise ErreurEntree(
            f"repartition : les parts des sous-enveloppes font {fmt.pourcentage(rep.somme_parts)} au lieu de 100 % ; "
            "corrigez part_uniforme, part_presence et part_salaire."
        )
    params = ParametresRepartition(
        part_uniforme=Fraction(rep.part_uniforme),
        part_presence=Fraction(rep.part_presence),
        part_salaire=Fraction(rep.part_salaire),
        redistribution=rep.redistribution_excedent,
    )
    resultat = repartir(
        enveloppe,
        [b.identifiant for b in beneficiaires],
        np.array([b.presence for b in beneficiaires], dtype=np.int64),
        np.array([b.salaire_retenu_centimes for b in beneficiaires], dtype=np.int64),
        np.array([b.plafond_centimes for b in beneficiaires], dtype=np.int64),
        params,
    )
    if resultat.reliquat_centimes:
        notes.append(f"Reliquat non distribué : {fmt.montant(resultat.reliquat_centimes)}.")
    return CalculVersement(
        accord=accord, periode=periode, formule=resultat_formule, enveloppe_formule_centimes=enveloppe_formule,
        supplement_centimes=versement.supplement_centimes, plafond_global_centimes=plafond_global,
        enveloppe_centimes=enveloppe, annee_pass=annee_pass, excedent_global_centimes=excedent_global, beneficiaires=beneficiaires,
        exclus=exclus, repartition=resultat, parametres_utilises=utilises, notes=notes,
    )
