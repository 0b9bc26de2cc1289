"""C. Les bénéficiaires (C. trav. L3312-2, L3312-3, L3342-1)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from .contexte import Contexte
from .registre import NonApplicable, Trouve, ct, regle, urssaf
from .resultats import ACCORD, BENEFICIAIRE, BLOQUANT, Montant, montant_fr


@regle(
    "BENEFICIAIRES_TOUS", "Tous les salariés du périmètre bénéficient", BLOQUANT, ACCORD,
    [ct("L3312-2"), ct("L3342-1"), urssaf("Salariés bénéficiaires")],
    champs=("beneficiaires.categories_exclues",),
    a_chercher="la clause des bénéficiaires : toute exclusion par catégorie, contrat, âge ou statut",
)
def beneficiaires_tous(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3342-1 : tous les salariés d'une entreprise compris dans le champ des accords d'intéressement
    doivent pouvoir bénéficier de leurs dispositions (CDD, apprentis, temps partiel compris). Aucune exclusion
    par catégorie, contrat, âge ou statut n'est admise ; seule une condition d'ancienneté peut être exigée."""
    exclues = ctx.accord.beneficiaires.categories_exclues
    if exclues:
        yield Trouve(
            f"L'accord exclut des salariés du bénéfice de l'intéressement : {', '.join(exclues)}.",
            chemin=["beneficiaires.categories_exclues"], observe=list(exclues), attendu=[],
            suggestion="Supprimez toute exclusion : tous les salariés du périmètre doivent bénéficier de "
                       "l'intéressement, seule une condition d'ancienneté est permise.",
        )


#: Une année ordinaire et une année bissextile : toutes les longueurs de mois consécutifs y figurent.
ANNEES_DE_DEPART = (2023, 2024)
JOURS_PAR_AN_MAX = 366


@functools.cache
def _anciennete_depasse(mois: int, jours: int, maximum: int) -> bool:
    """Vrai si « mois + jours » dépasse « maximum mois » pour au moins une date de départ (mois calendaires)."""
    if jours == 0:
        return mois > maximum
    if mois >= maximum:
        return True
    for annee in ANNEES_DE_DEPART:
        depart = date(annee, 1, 1)
        for _ in range(JOURS_PAR_AN_MAX):
            if depart + relativedelta(months=mois, days=jours) > depart + relativedelta(months=maximum):
                return True
            depart += timedelta(days=1)
    return False


@regle(
    "ANCIENNETE", "Condition d'ancienneté limitée, tous contrats comptés", BLOQUANT, ACCORD,
    [ct("L3342-1"), urssaf("Salariés bénéficiaires")],
    ["anciennete_max_mois", "anciennete_periode_anterieure_mois"],
    champs=("beneficiaires.anciennete", "mise_en_place.date_conclusion"),
    a_chercher=("la condition d'ancienneté (plafonnée par L3342-1) et la façon de la compter (tous les contrats de "
                "la période de calcul et des douze mois qui la précèdent)"),
)
def anciennete(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3342-1 : une condition d'ancienneté dans l'entreprise ou le groupe peut être exigée ; elle ne
    peut excéder trois mois. Pour la déterminer, tous les contrats de travail exécutés au cours de la période de
    calcul et des douze mois qui la précèdent sont pris en compte (pas seulement le contrat en cours, pas à une
    date fixe). Décision de REGLES.md §6 : ancienneté comptée en mois calendaires ; trois mois passent."""
    cond = ctx.accord.beneficiaires.anciennete
    if cond is None or (cond.mois == 0 and cond.jours == 0):
        raise NonApplicable("aucune condition d'ancienneté")
    d = ctx.date_loi
    maximum = ctx.valeur("anciennete_max_mois", d)
    p = [("anciennete_max_mois", d)]
    texte = f"{cond.mois} mois" + (f" et {cond.jours} jour(s)" if cond.jours else "")
    if _anciennete_depasse(cond.mois, cond.jours, maximum):
        yield Trouve(
            f"Condition d'ancienneté de {texte} : elle ne peut pas dépasser {maximum} mois.",
            chemin=["beneficiaires.anciennete.mois", "beneficiaires.anciennete.jours"],
            observe=texte, attendu=f"au plus {maximum} mois",
            suggestion=f"Ramenez la condition d'ancienneté à {maximum} mois au plus.", parametres=p,
        )
    if cond.calcul != "tous_contrats":
        comment = {"contrat_en_cours": "sur le seul contrat en cours",
                   "date_fixe": "à une date fixe"}.get(cond.calcul, cond.calcul)
        avant = ctx.valeur("anciennete_periode_anterieure_mois", d)
        tous = f"tous les contrats exécutés au cours de la période de calcul et des {avant} mois qui la précèdent"
        yield Trouve(
            f"L'ancienneté est appréciée {comment} : elle doit tenir compte de {tous}.",
            chemin=["beneficiaires.anciennete.calcul"], observe=comment, attendu=tous,
            suggestion=f"Prévoyez le calcul de l'ancienneté sur {tous}.",
            parametres=p + [("anciennete_periode_anterieure_mois", d)],
        )


@regle(
    "CONDITION_PRESENCE", "Pas de condition de présence à une date", BLOQUANT, ACCORD,
    [ct("L3342-1"), urssaf("Salariés bénéficiaires")],
    champs=("beneficiaires.condition_presence", "beneficiaires.perte_droits_depart"),
    a_chercher=("une condition de présence à une date (31 décembre, jour du versement) ou une perte des droits au"
                " départ"),
)
def condition_presence(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3342-1 : hors la condition d'ancienneté, aucune condition ne peut restreindre le bénéfice de
    l'intéressement. L'Urssaf : « aucune condition de présence (effective, continue ou à une date déterminée)
    ne peut être prévue » ; le salarié qui quitte l'entreprise conserve ses droits."""
    b = ctx.accord.beneficiaires
    if b.condition_presence:
        yield Trouve(
            f"L'accord pose une condition de présence : « {b.condition_presence} ».",
            chemin=["beneficiaires.condition_presence"], observe=b.condition_presence, attendu=None,
            suggestion="Supprimez toute condition de présence à une date (31 décembre, jour du versement, "
                       "signature) : seule une condition d'ancienneté est permise.",
        )
    if b.perte_droits_depart:
        yield Trouve(
            "L'accord prive de leurs droits les salariés qui quittent l'entreprise.",
            chemin=["beneficiaires.perte_droits_depart"], observe=True, attendu=False,
            suggestion="Le salarié qui part conserve ses droits : prévoyez comment il est informé et payé "
                       "(et, faute de réclamation, la remise des sommes à la Caisse des dépôts).",
        )


@regle(
    "DIRIGEANTS", "Dirigeants et conjoint bénéficiaires", BLOQUANT, BENEFICIAIRE,
    [ct("L3312-3"), urssaf("Salariés bénéficiaires")],
    ["dirigeants_effectif_min", "dirigeants_effectif_max_exclu"],
    champs=("beneficiaires.dirigeants_inclus", "beneficiaires.conjoint_inclus", "entreprise.effectif"),
    a_chercher=("la clause qui fait bénéficier les dirigeants ou le conjoint (L3312-3) et l'effectif de "
                "l'entreprise"),
)
def dirigeants(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3312-3 : dans les entreprises dont l'effectif habituel comprend au moins un salarié et moins de
    deux cent cinquante, peuvent bénéficier de l'intéressement, si l'accord le prévoit expressément, les chefs
    d'entreprise, présidents, directeurs généraux, gérants ou membres du directoire, ainsi que le conjoint ou le
    partenaire de PACS ayant le statut de conjoint collaborateur ou de conjoint associé."""
    a = ctx.accord
    b = a.beneficiaires
    v = ctx.versement
    if not (b.dirigeants_inclus or b.conjoint_inclus) and v is None:
        raise NonApplicable("l'accord n'inclut ni les dirigeants ni le conjoint")
    d = ctx.date_loi
    mini = ctx.valeur("dirigeants_effectif_min", d)
    maxi = ctx.valeur("dirigeants_effectif_max_exclu", d)
    p = [("dirigeants_effectif_min", d), ("dirigeants_effectif_max_exclu", d)]
    effectif = a.entreprise.effectif
    if (b.dirigeants_inclus or b.conjoint_inclus) and not mini <= effectif < maxi:
        qui = " et ".join(x for x, ok in (("les dirigeants", b.dirigeants_inclus), ("le conjoint", b.conjoint_inclus))
                          if ok)
        yield Trouve(
            f"L'accord fait bénéficier {qui} alors que l'entreprise compte {effectif} salariés : ce n'est "
            f"possible que de {mini} à {maxi - 1} salariés.",
            chemin=["beneficiaires.dirigeants_inclus", "beneficiaires.conjoint_inclus", "entreprise.effectif"],
            observe=effectif, attendu=f"de {mini} à {maxi - 1} salariés",
            suggestion="Retirez les dirigeants et le conjoint des bénéficiaires.", parametres=p,
        )
    if v is None:
        return
    for e in ctx.analyse_versement.dirigeants_payes:
        yield Trouve(
            f"{e.nom or e.identifiant} a reçu {montant_fr(e.verse_centimes)} alors que l'accord ne prévoit pas "
            "expressément que les dirigeants (ou le conjoint) bénéficient de l'intéressement.",
            chemin=[e.chemin, "beneficiaires.dirigeants_inclus"],
            observe=Montant(e.verse_centimes), attendu=Montant(0),
            suggestion="Ces sommes ne sont pas de l'intéressement exonéré : réintégrez-les dans l'assiette des "
                       "cotisations ou modifiez l'accord par avenant pour les périodes suivantes.",
            beneficiaire=e.identifiant, montant_centimes=e.verse_centimes, parametres=p,
        )
