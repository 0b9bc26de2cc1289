"""G. Autres conditions, versement et information (C. trav. L3312-4, L3313-2, L3314-9, L3315-2, L3348-1,
L3314-10, R3313-12, D3313-5 à D3313-7-1, D3345-1 à D3345-5 ; loi n° 2023-1107 art. 5)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

from interessement.calendrier import date_limite_versement
from interessement.modele import LIBELLES_PIECES, Accord

from .bibliotheque import ABSENTE, PRESENTE, clauses_de
from .bibliotheque import clauses_obligatoires as liste_clauses_obligatoires
from .contexte import Contexte
from .registre import AVerifier, NonApplicable, Trouve, Verifier, ct, loi, regle, urssaf
from .resultats import (
    ACCORD,
    AVERTISSEMENT,
    BLOQUANT,
    EXCEDENT,
    INFORMATION,
    PERIODE,
    Montant,
    date_fr,
    en_texte,
    montant_fr,
    pourcentage_fr,
)


@regle(
    "NON_SUBSTITUTION", "Pas de substitution à un élément de salaire", BLOQUANT, ACCORD,
    [ct("L3312-4"), urssaf("Principe de non-substitution")],
    ["non_substitution_delai_mois"],
    champs=("elements_remuneration_supprimes", "periode.date_effet"),
    a_chercher=("les éléments de rémunération supprimés ou réduits dans les douze mois précédant la date d'effet"),
)
def non_substitution(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3312-4 : les sommes attribuées au titre de l'intéressement n'ont pas le caractère de salaire
    et ne peuvent se substituer à aucun des éléments de rémunération en vigueur dans l'entreprise ou qui
    deviennent obligatoires ; aucun élément de rémunération ne peut être supprimé ou réduit moins de douze mois
    avant la date d'effet de l'accord (ni pendant l'accord)."""
    a = ctx.accord
    if not a.elements_remuneration_supprimes:
        raise NonApplicable("aucun élément de rémunération supprimé déclaré")
    effet = a.periode.date_effet
    mois = ctx.valeur("non_substitution_delai_mois", effet)
    limite = effet - relativedelta(months=mois)
    for k, e in enumerate(a.elements_remuneration_supprimes):
        if e.date_suppression > limite:
            yield Trouve(
                f"L'élément de rémunération « {e.libelle} » a été supprimé ou réduit le "
                f"{date_fr(e.date_suppression)}, moins de {mois} mois avant la date d'effet de l'accord "
                f"({date_fr(effet)}) : l'intéressement s'y substituerait.",
                chemin=[f"elements_remuneration_supprimes[{k}].date_suppression", "periode.date_effet"],
                observe=e.date_suppression, attendu=f"au plus tard le {date_fr(limite)}",
                suggestion=f"Reportez la date d'effet à au moins {mois} mois après la suppression, ou rétablissez "
                           "l'élément de rémunération.",
                parametres=[("non_substitution_delai_mois", effet)],
            )


@regle(
    "DATE_VERSEMENT", "Date de versement et intérêts de retard", AVERTISSEMENT, PERIODE,
    [ct("L3314-9"), urssaf("Calcul, répartition, plafonnement, informations")],
    ["versement_delai_mois_annuel", "versement_delai_mois_infra_annuel", "interets_retard_coefficient_tmop"],
    severites=[(AVERTISSEMENT, ACCORD)],
    champs=("versement.delai_versement_mois", "periode"),
    a_chercher="la date limite de versement (dernier jour du cinquième mois suivant la clôture)",
)
def date_versement(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3314-9 : les primes sont versées au plus tard le dernier jour du cinquième mois suivant la
    clôture de l'exercice (période infra-annuelle : intérêts dus à partir du premier jour du troisième mois
    suivant la période) ; au-delà, le salarié a droit à un intérêt de retard égal à 1,33 fois le taux moyen de
    rendement des obligations des sociétés privées (TMOP), versé en même temps que le principal."""
    a = ctx.accord
    premiere = ctx.premiere
    nom = "versement_delai_mois_annuel" if premiere.annuelle else "versement_delai_mois_infra_annuel"
    legal = ctx.valeur(nom, premiere.fin)
    prevu = a.versement.delai_versement_mois
    trouve = False
    if prevu > legal:
        trouve = True
        yield Trouve(
            f"L'accord prévoit le versement {prevu} mois après la clôture de la période, au-delà du délai légal "
            f"de {legal} mois : des intérêts de retard seraient dus.",
            chemin=["versement.delai_versement_mois"], observe=f"{prevu} mois après la clôture",
            attendu=f"au plus {legal} mois après la clôture",
            suggestion=f"Prévoyez le versement au plus tard le dernier jour du {legal}e mois suivant la clôture.",
            parametres=[(nom, premiere.fin)], severite=AVERTISSEMENT, portee=ACCORD,
        )
    v = ctx.versement
    if v is None or v.date_versement is None:
        if not trouve:
            raise NonApplicable("aucune date de versement fournie")
        return
    periodes = ctx.periodes
    if not 1 <= v.periode <= len(periodes):
        raise NonApplicable(f"la période {v.periode} n'existe pas dans l'accord")
    p = periodes[v.periode - 1]
    limite = date_limite_versement(p)
    if v.date_versement <= limite:
        return
    nom_p = "versement_delai_mois_annuel" if p.annuelle else "versement_delai_mois_infra_annuel"
    jours = (v.date_versement - limite).days
    coef = ctx.valeur("interets_retard_coefficient_tmop", p.fin)
    base = ctx.analyse_versement.total_verse_centimes if (v.salaries or v.enveloppe_declaree_centimes) else 0
    prm = [(nom_p, p.fin), ("interets_retard_coefficient_tmop", p.fin)]
    if v.taux_tmop is None:
        interets = None
        detail = (f"des intérêts de retard de {en_texte(coef)} × TMOP sont dus ; le TMOP n'est pas fourni "
                  "(versement.taux_tmop) : montant non calculé")
    else:
        taux = coef * v.taux_tmop
        jours_annee = (date(limite.year + 1, 1, 1) - date(limite.year, 1, 1)).days
        interets = int((Decimal(base) * taux * jours / jours_annee).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        detail = (f"intérêts de retard dus : {montant_fr(interets)} ({en_texte(coef)} × TMOP "
                  f"{pourcentage_fr(v.taux_tmop)} = {pourcentage_fr(taux)} l'an, sur {montant_fr(base)}, "
                  f"{jours} jour(s))")
    yield Trouve(
        f"Versement le {date_fr(v.date_versement)}, {jours} jour(s) après la date limite du {date_fr(limite)} : "
        f"{detail}.",
        chemin=["versement.date_versement"], observe=v.date_versement, attendu=f"au plus tard le {date_fr(limite)}",
        suggestion="Versez les intérêts de retard avec les primes et respectez la date limite aux prochains "
                   "versements.", parametres=prm, periode=v.periode, montant_centimes=interets,
    )


@regle(
    "AFFECTATION_PLAN", "Affectation à un plan d'épargne", AVERTISSEMENT, ACCORD,
    [ct("L3315-2"), ct("R3313-12"), urssaf("Calcul, répartition, plafonnement, informations")],
    ["choix_salarie_delai_jours"],
    champs=("versement.plans_epargne", "versement.affectation_defaut_plan", "versement.delai_choix_jours"),
    a_chercher="les plans d'épargne de l'entreprise, l'affectation par défaut et le délai de choix du salarié",
)
def affectation_plan(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3315-2 : lorsque le bénéficiaire ne demande ni le versement ni l'affectation au plan d'épargne
    d'entreprise des sommes qui lui sont attribuées, « leur quote-part d'intéressement y est affectée dans les
    conditions prévues par l'accord », qui précise les modalités d'information du salarié sur cette affectation ;
    R3313-12 : le bénéficiaire dispose de quinze jours à compter de son information ; l'affectation par défaut
    vaut pour le plan d'épargne d'entreprise ou interentreprises (PEE, PEI) mis en place dans l'entreprise. Un
    plan d'épargne retraite seul (PERCOL, PERECO) n'appelle pas d'affectation par défaut de l'intéressement."""
    m = ctx.accord.versement
    if not m.plans_epargne:
        raise NonApplicable("aucun plan d'épargne salariale")
    d = ctx.date_loi
    jours = ctx.valeur("choix_salarie_delai_jours", d)
    pee = [p for p in m.plans_epargne if p in ("PEE", "PEI")]
    if pee and not m.affectation_defaut_plan:
        yield Trouve(
            f"L'entreprise dispose d'un plan d'épargne d'entreprise ({', '.join(pee)}) mais l'accord ne prévoit pas "
            "qu'à défaut de choix du bénéficiaire, sa prime y est affectée (L3315-2).",
            chemin=["versement.affectation_defaut_plan"], observe=False, attendu=True,
            suggestion=f"Prévoyez qu'à défaut de demande dans les {jours} jours suivant son information, la prime "
                       f"du bénéficiaire est affectée au {pee[0]}, et comment il est informé de cette affectation.",
            parametres=[("choix_salarie_delai_jours", d)],
        )
    if m.delai_choix_jours < jours:
        yield Trouve(
            f"Le salarié dispose de {m.delai_choix_jours} jour(s) pour choisir entre versement et placement ; le "
            f"délai est de {jours} jours à compter de son information.",
            chemin=["versement.delai_choix_jours"], observe=f"{m.delai_choix_jours} jour(s)",
            attendu=f"au moins {jours} jours",
            suggestion=f"Portez le délai de choix à {jours} jours.",
            parametres=[("choix_salarie_delai_jours", d)],
        )


@regle(
    "CLAUSES_OBLIGATOIRES", "Clauses obligatoires de l'accord", AVERTISSEMENT, ACCORD,
    [ct("L3313-1"), ct("L3313-2"), urssaf("Contenu de l'accord d'intéressement")],
    severites=[(BLOQUANT, ACCORD)],
    champs=("information.preambule", "information.suivi_par", "information.modalites_information_salaries",
            "information.reglement_litiges", "perimetre", "repartition"),
    a_chercher="les clauses obligatoires : préambule (motifs, raisons du choix de la formule et de la "
               "répartition), période, établissements concernés, calcul, répartition, dates de versement, "
               "information et suivi par le CSE (ou une commission créée par lui) et des salariés, règlement des "
               "différends",
)
def clauses_obligatoires(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3313-1 : l'accord « comporte notamment un préambule indiquant les motifs de l'accord ainsi que
    les raisons du choix des modalités de calcul de l'intéressement et des critères de répartition de ses
    produits ». L3313-2 : il définit la période pour laquelle il est conclu, les établissements concernés, les
    modalités d'intéressement, de calcul et de répartition, les dates de versement, les conditions dans
    lesquelles le CSE ou une commission spécialisée créée par lui dispose des moyens d'information nécessaires, et
    les procédures convenues pour régler les différends. La liste est celle des entrées obligatoires de la
    bibliothèque des clauses (``interessement.clauses``) qui s'appliquent à l'accord, chacune présente, absente ou
    incomplète selon les données, avec l'article qui l'impose ; sans formule ou sans répartition, il n'y a pas
    d'intéressement (bloquant)."""
    a = ctx.accord
    liste = liste_clauses_obligatoires(a, seulement_incompletes=True)
    if liste is None:
        raise AVerifier("La bibliothèque des clauses n'est pas disponible : la liste des clauses obligatoires n'a "
                        "pas pu être vérifiée.", "chaque clause obligatoire de l'accord (L3313-1, L3313-2)")
    for c in liste:
        if c.statut == PRESENTE:
            continue
        base = f"article {c.base_obligation}" if c.base_obligation else "L3313-2"
        for chemin, quoi in c.manques:
            if c.statut == ABSENTE:
                message = f"Clause obligatoire « {c.titre} » absente ({base}) : l'accord ne prévoit pas {quoi}."
            else:
                message = f"Clause obligatoire « {c.titre} » incomplète ({base}) : il y manque {quoi}."
            yield Trouve(
                message, chemin=[chemin], observe=None, attendu=quoi,
                suggestion=(f"Prévoyez {quoi} : sans cette clause, il n'y a pas d'intéressement." if c.essentielle else
                            f"Rédigez dans l'accord {quoi}."),
                severite=BLOQUANT if c.essentielle else None,
            )


@regle(
    "AVANCES", "Avances sur intéressement", AVERTISSEMENT, ACCORD,
    [ct("L3348-1"), ct("L3251-3"), urssaf("Calcul, répartition, plafonnement, informations")],
    ["avances_periodicite_min_mois", "recuperation_avance_max_fraction_salaire"],
    champs=("versement.avances",),
    a_chercher="la clause d'avances : périodicité, accord du salarié, reversement du trop-perçu",
)
def avances(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3348-1 : l'accord peut prévoir le versement d'avances, versées au bénéficiaire « après avoir
    recueilli son accord, selon une périodicité qui ne peut être inférieure au trimestre » ; lorsque les droits
    définitifs sont inférieurs aux avances, le trop-perçu est « intégralement reversé […] sous la forme d'une
    retenue sur salaire dans les conditions prévues à l'article L. 3251-3 » (retenues successives ne dépassant pas
    le dixième du salaire exigible) ; affecté à un plan d'épargne salariale, il ne peut être débloqué et n'ouvre
    pas droit aux exonérations. R3313-12 I 5° : l'information du bénéficiaire porte sur ces modalités."""
    a = ctx.accord
    clause = a.versement.avances
    v = ctx.versement
    if clause is None and not (v is not None and v.acomptes):
        raise NonApplicable("ni clause d'avances ni acompte versé")
    d = ctx.date_loi
    if clause is None:
        assert v is not None
        total = sum(x.montant_centimes for x in v.acomptes)
        yield Trouve(
            f"{len(v.acomptes)} acompte(s) versé(s) ({montant_fr(total)}) alors que l'accord ne prévoit pas "
            "d'avances.",
            chemin=["versement.acomptes", "versement.avances"], observe=Montant(total), attendu="clause d'avances",
            suggestion="Prévoyez les avances dans l'accord (par avenant déposé) avant d'en verser.",
        )
        return
    mini = ctx.valeur("avances_periodicite_min_mois", d)
    if clause.periodicite_mois < mini:
        yield Trouve(
            f"Avances versées {'chaque mois' if clause.periodicite_mois == 1 else f'tous les {clause.periodicite_mois} mois'}"
            f" : la périodicité ne peut être inférieure à {mini} mois (une avance par trimestre au plus).",
            chemin=["versement.avances.periodicite_mois"], observe=f"tous les {clause.periodicite_mois} mois",
            attendu=f"au plus une fois tous les {mini} mois",
            suggestion=f"Prévoyez des avances au plus une fois tous les {mini} mois.",
            parametres=[("avances_periodicite_min_mois", d)],
        )
    if not clause.consentement_salarie:
        yield Trouve(
            "Les avances sont versées sans l'accord du salarié.",
            chemin=["versement.avances.consentement_salarie"], observe=False, attendu=True,
            suggestion="Prévoyez que chaque avance est versée avec l'accord du salarié.",
        )
    if not clause.recuperation_max_dixieme:
        fraction = ctx.valeur("recuperation_avance_max_fraction_salaire", d)
        yield Trouve(
            f"La retenue sur salaire qui reprend le trop-perçu d'avances n'est pas limitée à {en_texte(fraction)} "
            "du salaire exigible à chaque paie (L3348-1, L3251-3).",
            chemin=["versement.avances.recuperation_max_dixieme"], observe=False, attendu=True,
            suggestion=f"Limitez la retenue à {en_texte(fraction)} du salaire par paie.",
            parametres=[("recuperation_avance_max_fraction_salaire", d)],
        )


@regle(
    "SUPPLEMENT", "Supplément d'intéressement", BLOQUANT, EXCEDENT,
    [ct("L3314-10"), ct("L3314-8"), urssaf("Supplément d'intéressement")],
    besoin="versement",
)
def supplement(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3314-10 : le conseil d'administration ou le directoire peut décider de verser un supplément
    d'intéressement, réparti selon les modalités de l'accord (ou d'un accord spécifique déposé) ; il est compté
    dans les plafonds global et individuel de L3314-8."""
    v = ctx.versement
    assert v is not None
    if v.supplement_centimes == 0:
        raise NonApplicable("pas de supplément d'intéressement")
    an = ctx.analyse_versement
    if an.supplement_hors_plafond_global:
        yield Trouve(
            f"Le supplément de {montant_fr(v.supplement_centimes)} a été versé en plus de l'enveloppe sans être "
            f"compté dans le plafond global ({montant_fr(an.plafond_global_centimes)}).",
            chemin=["versement.supplement_centimes"], observe=Montant(an.total_verse_centimes),
            attendu=f"au plus {montant_fr(an.plafond_global_centimes)}",
            suggestion="Le supplément compte dans le plafond global : réduisez-le.", periode=v.periode,
            montant_centimes=an.excedent_global_verse_centimes,
        )
    if an.supplement_hors_cles:
        ecart = sum(abs(e.difference) for e in an.ecarts_supplement)
        yield Trouve(
            f"Le supplément de {montant_fr(v.supplement_centimes)} n'a pas été réparti selon les clés de "
            f"l'accord ({len(an.ecarts_supplement)} bénéficiaire(s) concerné(s), écarts cumulés "
            f"{montant_fr(ecart)}).",
            chemin=["versement.supplement_centimes"] + [e.chemin for e in an.ecarts_supplement],
            observe=Montant(ecart), attendu=Montant(0),
            suggestion="Répartissez le supplément selon les mêmes clés que l'intéressement (ou un accord "
                       "spécifique déposé).", periode=v.periode, montant_centimes=ecart,
        )


@regle(
    "INTEGRITE_DOCUMENT", "Intégrité du document généré : le texte signé prévaut", AVERTISSEMENT, ACCORD,
    [ct("L3313-3"), ct("D3345-4"), ct("D3313-1")],
    besoin="document",
    severites=[(BLOQUANT, ACCORD)],
    a_chercher="chaque clause du texte signé, comparée aux données embarquées : les règles s'appliquent aux faits "
               "du texte (interessement lire), jamais aux seules données",
)
def integrite_document(ctx: Contexte) -> Iterator[Trouve | Verifier]:
    """C. trav. L3313-3 et D3313-1 : c'est l'accord déposé, tel qu'il a été signé, qui est contrôlé et ouvre
    droit aux exonérations. Les données embarquées dans un document généré par ce projet doivent correspondre à
    son texte et à son empreinte ; toute modification après génération est signalée avec ce qui a changé, et le
    texte signé prévaut : les règles vérifiées sur les données embarquées ne disent plus rien du texte, qui doit
    être relu (ou ses faits lus) avant toute conclusion — le statut ne peut pas rester « conforme »."""
    doc = ctx.document
    assert doc is not None
    if doc.intact:
        return
    raisons = list(doc.details)
    empreinte_differente = doc.empreinte_declaree != doc.empreinte_calculee
    if doc.empreinte_declaree is None:
        raisons.insert(0, "empreinte absente des propriétés du document")
    elif empreinte_differente:
        raisons.insert(0, "l'empreinte des données embarquées ne correspond pas à celle du document")
    if not doc.texte_conforme and not doc.details:
        raisons.append("le texte du document diffère de celui que produisent ses données")
    yield Trouve(
        f"Le document {doc.chemin} a été modifié après sa génération ({' ; '.join(raisons)}) : le texte signé "
        "prévaut sur les données embarquées.",
        chemin=["document"],
        observe=doc.empreinte_calculee if empreinte_differente else "texte modifié après la génération",
        attendu=doc.empreinte_declaree if empreinte_differente else "texte produit par les données embarquées",
        suggestion="Régénérez le document à partir de ses données, ou faites relire le texte modifié et vérifiez "
                   "l'accord sur les faits du texte (interessement lire).",
    )
    yield Verifier(
        "Les autres règles ont été appliquées aux données embarquées, que le texte modifié ne reflète plus : "
        "tant que le texte signé n'a pas été vérifié, l'accord ne peut pas être dit conforme.",
        "dans le texte signé, chaque passage modifié ("
        + (" ; ".join(doc.details) if doc.details else "comparez-le au texte régénéré à partir des données")
        + ") et les règles qu'il touche (ancienneté, formule, répartition, plafonds…)",
        chemin=["document"], severite=BLOQUANT, portee=ACCORD,
    )


# ------------------------------------------------------------------------------- suivi et différends (L3313-2)

_MENTION_COMMISSION = re.compile(r"\bcommission", re.IGNORECASE)
_MENTION_CSE = re.compile(r"\bCSE\b|comit[ée] social et [ée]conomique", re.IGNORECASE)
#: « à défaut de CSE », « en l'absence de commission », « sans comité » : la phrase ne confie rien à l'instance.
_NEGATION_AVANT = re.compile(r"(d[ée]faut|absence)\s+(d[e'’]\s*|du\s+)(la\s+|l[’']\s*)?$|\b(sans|pas\s+de|ni)\s+(la\s+|le\s+|l[’']\s*)?$",
                             re.IGNORECASE)


#: Caractères lus avant une mention pour y chercher une négation (choix de ce projet, pas un nombre légal).
FENETRE_NEGATION = 30


def _nomme(motif: re.Pattern[str], texte: str) -> bool:
    """Le texte confie-t-il quelque chose à cette instance (une mention qui n'est pas niée juste avant) ?"""
    return any(not _NEGATION_AVANT.search(texte[max(0, m.start() - FENETRE_NEGATION):m.start()])
               for m in motif.finditer(texte))


@regle(
    "SUIVI_ORGANE", "Organe de suivi et des différends existant dans l'entreprise", AVERTISSEMENT, ACCORD,
    [ct("L3313-2"), urssaf("Contenu de l'accord d'intéressement")],
    ["cse_effectif_min"],
    champs=("information.suivi_par", "information.commission_creee_par_cse", "information.instance_litiges",
            "information.reglement_litiges", "entreprise.cse"),
    a_chercher="la clause d'information et de suivi (le CSE ou une commission créée par lui ; sans CSE, "
               "l'information directe des salariés) et la clause de règlement des différends : l'instance qu'elles "
               "nomment existe-t-elle dans l'entreprise ?",
)
def suivi_organe(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3313-2 6° : l'accord définit « les conditions dans lesquelles le comité social et économique ou
    une commission spécialisée créée par lui dispose des moyens d'information nécessaires sur les conditions
    d'application des clauses du contrat » ; sans CSE, les salariés sont informés directement. L3313-2 7° : les
    procédures convenues pour régler les différends. Une commission que le CSE n'a pas créée, ou une instance qui
    n'existe pas dans l'entreprise, ne peut ni suivre l'accord ni examiner les différends."""
    a = ctx.accord
    i = a.information
    cse = a.entreprise.cse
    commission = cse and i.suivi_par == "commission" and i.commission_creee_par_cse
    if i.suivi_par == "cse" and not cse:
        yield Trouve(
            "Le suivi de l'accord est confié au CSE alors que l'entreprise n'a pas de comité social et économique.",
            chemin=["information.suivi_par", "entreprise.cse"], observe="suivi par le CSE", attendu="un CSE en place",
            suggestion="Sans CSE, prévoyez l'information directe des salariés (information.suivi_par "
                       "« salaries »).",
        )
    elif i.suivi_par == "commission" and not cse:
        yield Trouve(
            "Le suivi de l'accord est confié à une commission alors que l'entreprise n'a pas de CSE : seule une "
            "commission créée par le CSE peut en être chargée (L3313-2 6°).",
            chemin=["information.suivi_par", "entreprise.cse"], observe="commission de suivi", attendu="un CSE",
            suggestion="Sans CSE, prévoyez l'information directe des salariés.",
        )
    elif i.suivi_par == "commission" and not i.commission_creee_par_cse:
        yield Trouve(
            "Le suivi de l'accord est confié à une « commission de suivi » que le CSE n'a pas créée : L3313-2 6° "
            "ne connaît que le CSE ou une commission spécialisée créée par lui.",
            chemin=["information.suivi_par", "information.commission_creee_par_cse"], observe=False, attendu=True,
            suggestion="Confiez le suivi au CSE, ou à une commission spécialisée que le CSE crée (et dites-le).",
        )
    elif i.suivi_par == "salaries" and cse:
        yield Trouve(
            "L'entreprise a un CSE, mais l'accord prévoit seulement l'information directe des salariés : c'est le "
            "CSE (ou une commission qu'il crée) qui doit disposer des moyens d'information sur l'application de "
            "l'accord.",
            chemin=["information.suivi_par", "entreprise.cse"], observe="information directe des salariés",
            attendu="suivi par le CSE ou une commission créée par lui",
            suggestion="Confiez le suivi au CSE ; l'information des salariés s'y ajoute.",
        )
    instance = i.instance_litiges
    if instance == "cse" and not cse:
        yield Trouve(
            "Les différends sont d'abord portés devant le CSE, qui n'existe pas dans l'entreprise.",
            chemin=["information.instance_litiges", "entreprise.cse"], observe="CSE", attendu="une instance existante",
            suggestion="Prévoyez un examen entre l'employeur et le salarié, puis le juge compétent.",
        )
    elif instance == "commission" and not commission:
        yield Trouve(
            "Les différends sont d'abord portés devant une commission qui n'existe pas dans l'entreprise (le CSE "
            "n'a pas créé de commission de suivi).",
            chemin=["information.instance_litiges", "information.suivi_par", "information.commission_creee_par_cse"],
            observe="commission", attendu="une instance existante",
            suggestion="Portez d'abord les différends devant le CSE (s'il existe) ou entre l'employeur et le "
                       "salarié, puis devant le juge compétent.",
        )
    texte = i.reglement_litiges or ""
    if instance != "commission" and _nomme(_MENTION_COMMISSION, texte) and not commission:
        yield Trouve(
            "La clause de règlement des différends les confie à une « commission » qui n'existe pas dans "
            f"l'entreprise : « {texte} ».",
            chemin=["information.reglement_litiges"], observe=texte, attendu="une instance existante",
            suggestion="Nommez l'instance qui existe réellement : le CSE s'il y en a un, sinon un examen entre "
                       "l'employeur et le salarié, puis le juge compétent.",
        )
    elif instance != "cse" and _nomme(_MENTION_CSE, texte) and not cse:
        yield Trouve(
            f"La clause de règlement des différends nomme le CSE, qui n'existe pas dans l'entreprise : « {texte} ».",
            chemin=["information.reglement_litiges", "entreprise.cse"], observe=texte, attendu="une instance existante",
            suggestion="Prévoyez un examen entre l'employeur et le salarié, puis le juge compétent.",
        )


# -------------------------------------------------------------------- date présumée d'information (R3313-12 II)


@regle(
    "INFORMATION_DATE_PRESUMEE", "Date à laquelle le bénéficiaire est présumé informé", AVERTISSEMENT, ACCORD,
    [ct("R3313-12"), ct("L3315-2")],
    ["choix_salarie_delai_jours"],
    champs=("information.presomption_information",),
    a_chercher="la phrase qui fixe la date à laquelle le bénéficiaire est présumé informé du montant qui lui est "
               "attribué (par exemple « le troisième jour suivant l'envoi »), qui ouvre son délai de choix",
)
def information_date_presumee(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. R3313-12 II : « la demande du bénéficiaire est formulée dans un délai de quinze jours à compter
    de la date à laquelle il a été informé du montant qui lui est attribué. L'accord précise la date à laquelle le
    bénéficiaire est présumé avoir été informé. » À défaut, le délai court de la réception, prouvée par tout
    moyen, du document d'information : l'entreprise doit alors prouver la réception de chaque salarié."""
    i = ctx.accord.information
    if i.presomption_information is not None:
        return
    d = ctx.date_loi
    jours = ctx.valeur("choix_salarie_delai_jours", d)
    yield Trouve(
        "L'accord ne dit pas à quelle date le bénéficiaire est présumé informé du montant qui lui est attribué ; "
        f"faute de cette clause, ses {jours} jours pour choisir entre le versement et le placement courent de la "
        "réception du document d'information, que l'entreprise doit pouvoir prouver pour chacun.",
        chemin=["information.presomption_information"], observe=None,
        attendu="date présumée d'information (moyen d'information et jours après l'envoi)",
        suggestion="Précisez la date présumée d'information, par exemple : remise en main propre le jour même, "
                   "courrier ou message électronique le troisième jour suivant l'envoi.",
        parametres=[("choix_salarie_delai_jours", d)],
    )


# ----------------------------------------------------------------- révision et dénonciation (D3313-5 à D3313-7-1)


def _a_chercher_denonciation(ctx: Contexte) -> str:
    mp = ctx.accord.mise_en_place
    adhesion_unilaterale = mp.adhesion_branche is not None and mp.adhesion_branche.par_document_unilateral \
        and mp.mode == "adhesion_branche"
    if adhesion_unilaterale:
        forme = ("modification par l'employeur, dans la même forme, pour retenir d'autres options de l'accord type "
                 "de branche, tant que l'entreprise reste sous le seuil de L3312-8 ; dénonciation par l'employeur")
    elif mp.mode == "decision_unilaterale":
        forme = ("dénonciation ou modification par l'employeur, dans la même forme, une décision unilatérale ne "
                 "pouvant être modifiée ainsi que tant que les conditions du II de l'article L3312-5 sont remplies "
                 "(D3313-5)")
    else:
        forme = ("dénonciation ou modification par l'ensemble des signataires, dans la même forme que la "
                 "conclusion, et selon l'une des modalités du I de L3312-5 si un signataire a disparu (D3313-5)")
    morceaux = [
        "la clause de révision et de dénonciation : " + forme,
        "l'avenant ou la dénonciation déposé comme l'accord (D3313-6)",
        "déposée dans le délai de l'article D3313-1, la dénonciation vaut pour l'exercice en cours (D3313-7)",
    ]
    if mp.modalite_conclusion == "ratification":
        morceaux.append("la demande de renégociation formalisée par un émargement ou un procès-verbal de "
                        "consultation du personnel (D3313-7-1)")
    return " ; ".join(morceaux)


@regle(
    "DENONCIATION_REVISION", "Révision et dénonciation dans les formes", AVERTISSEMENT, ACCORD,
    [ct("D3313-5"), ct("D3313-6"), ct("D3313-7"), ct("D3313-7-1"), ct("L3312-5"), ct("L3312-8")],
    ["delai_depot_jours"],
    champs=("mise_en_place.mode", "mise_en_place.adhesion_branche", "mise_en_place.vote_cse",
            "mise_en_place.audience_signataires", "mise_en_place.ratification"),
    a_chercher="la clause de révision et de dénonciation : qui peut dénoncer ou modifier, dans quelle forme, "
               "son dépôt et son effet sur l'exercice en cours (D3313-5 à D3313-7-1)",
)
def denonciation_revision(ctx: Contexte) -> Iterator[Trouve | Verifier]:
    """C. trav. D3313-5 : « l'accord d'intéressement ne peut être modifié ou dénoncé que par l'ensemble des
    signataires et dans la même forme que sa conclusion » ; si un signataire a disparu, selon l'une des modalités
    du I de L3312-5 ; « la modification d'une décision unilatérale de l'employeur dans la même forme que sa
    conclusion n'est possible que dans les conditions et selon les modalités prévues au II de l'article
    L. 3312-5 ». D3313-6 : l'avenant est déposé comme l'accord. D3313-7 : « pour être applicable à l'exercice
    en cours, la dénonciation […] est déposée dans le délai prévu à l'article D. 3313-1 ». D3313-7-1 : pour un
    accord ratifié, la demande de renégociation est formalisée par un émargement ou un procès-verbal.

    Ce que la clause doit dire dépend de la forme de conclusion. Les données d'un accord (fichier JSON, brouillon
    de l'assistant) sont celles dont la bibliothèque des clauses écrit le texte : quand elles disent la forme de
    conclusion (le mode, et pour une adhésion par accord sa modalité du I de L3312-5) et que la bibliothèque a une
    clause pour ce mode, la règle n'a rien à dire. Elle dit « à vérifier » quand le fait est vraiment inconnu :
    document retouché (le texte signé prévaut et il faut le lire), adhésion par accord dont la modalité de
    conclusion n'est pas donnée, bibliothèque absente."""
    a = ctx.accord
    doc = ctx.document
    if doc is not None and not doc.intact:
        yield Verifier(
            "Le document a été modifié après sa génération : la clause de révision et de dénonciation signée ne "
            "se lit que dans son texte.",
            _a_chercher_denonciation(ctx),
            chemin=["document"], parametres=[("delai_depot_jours", ctx.premiere.debut)],
        )
        return
    if a.mise_en_place.modalite_conclusion is None:
        yield Verifier(
            "L'accord d'adhésion doit être révisé ou dénoncé dans la forme de sa conclusion (D3313-5) ; les données "
            "ne disent pas selon quelle modalité du I de l'article L3312-5 il a été conclu.",
            _a_chercher_denonciation(ctx),
            chemin=["mise_en_place.vote_cse", "mise_en_place.audience_signataires", "mise_en_place.ratification"],
            parametres=[("delai_depot_jours", ctx.premiere.debut)],
        )
        return
    clauses = clauses_de(a, "DENONCIATION_REVISION")
    if clauses is None:
        yield Verifier(
            "Les conditions de révision et de dénonciation ne se lisent que dans le texte (bibliothèque des clauses "
            "indisponible).",
            _a_chercher_denonciation(ctx),
            chemin=["mise_en_place.mode"], parametres=[("delai_depot_jours", ctx.premiere.debut)],
        )
    elif not clauses:
        yield Trouve(
            "La bibliothèque des clauses n'a pas de clause de révision et de dénonciation applicable à ce mode de "
            "mise en place : le texte n'en comporterait pas.",
            chemin=["mise_en_place.mode"], observe=None, attendu="clause de révision et de dénonciation",
            suggestion="Ajoutez à la bibliothèque de clauses une clause de révision et de dénonciation pour ce "
                       "mode, puis régénérez le document.",
        )


# ---------------------------------------------------------------------------- pièces du dépôt (D3345-1 à D3345-7)


#: Article qui exige chaque pièce du dépôt.
ARTICLE_PIECE = {
    "texte_accord": "D3345-4", "qualite_delegues_ou_mandat": "D3345-1 1°", "pv_seance_cse": "D3345-1 2°",
    "emargement_ou_pv_ratification": "D3345-1 3°", "mention_demande_conjointe": "D3345-2",
    "attestation_absence_delegue_syndical": "D3345-3", "pv_carence": "D3345-3", "pv_desaccord": "D3345-1",
    "pv_consultation_cse": "D3345-1",
}


def pieces_du_depot(accord: Accord, cse_effectif_min: int) -> list[str]:
    """Les pièces (codes de ``LIBELLES_PIECES``) que le dépôt sur TéléAccords doit comporter pour ce mode de mise
    en place (D3345-1 à D3345-4, L3312-8)."""
    e = accord.entreprise
    mp = accord.mise_en_place
    pieces = ["texte_accord"]
    sans_instance = ["attestation_absence_delegue_syndical"]
    if e.effectif >= cse_effectif_min and not e.cse:
        sans_instance.append("pv_carence")
    # Adhésion à un accord de branche par accord : les pièces de la modalité du I de L3312-5 qui l'a conclue.
    mode = mp.modalite_conclusion
    if mode == "adhesion_branche":  # document unilatéral d'adhésion
        return pieces
    if mode == "accord_delegues_syndicaux":
        pieces.append("qualite_delegues_ou_mandat")
    elif mode == "accord_cse":
        pieces.append("pv_seance_cse")
    elif mode == "ratification":
        pieces.append("emargement_ou_pv_ratification")
        r = mp.ratification
        # Avec des délégués syndicaux ou un CSE, la ratification est demandée conjointement (L3312-5, vérifié par
        # MODE_MISE_EN_PLACE) : l'attestation d'absence de délégué syndical n'a alors pas d'objet.
        conjointe = (r is not None and r.demande_conjointe) or e.delegues_syndicaux or e.cse
        pieces += ["mention_demande_conjointe"] if conjointe else sans_instance
    elif mode == "decision_unilaterale":
        if e.delegues_syndicaux or e.cse:
            pieces.append("pv_desaccord")
            if e.cse:
                pieces.append("pv_consultation_cse")
        else:
            pieces += sans_instance
    return pieces


def libelle_piece(accord: Accord, code: str) -> str:
    mp = accord.mise_en_place
    if code == "texte_accord" and mp.mode == "adhesion_branche":
        unilaterale = mp.adhesion_branche is not None and mp.adhesion_branche.par_document_unilateral
        texte = ("le document unilatéral d'adhésion signé (L3312-8, D3313-1)" if unilaterale else
                 "l'accord d'adhésion signé et ses annexes (L3312-8, D3313-1)")
        return texte
    return f"{LIBELLES_PIECES[code]} ({ARTICLE_PIECE[code]})"


def _piece_inexistante(a: Accord, code: str) -> bool:
    """Une pièce que les données disent inexistante relève de la règle qui l'exige (CSE_CARENCE, DUE_CONDITIONS,
    FORMALITES_CONCLUSION), pas d'un oubli au dépôt : elle n'est pas signalée deux fois."""
    mp = a.mise_en_place
    return {
        "pv_carence": a.entreprise.date_pv_carence is None,
        "pv_desaccord": mp.date_pv_desaccord is None,
        "pv_consultation_cse": mp.date_consultation_cse is None,
        "pv_seance_cse": mp.vote_cse is None,
        "emargement_ou_pv_ratification": mp.ratification is None or not mp.ratification.proces_verbal,
    }.get(code, False)


@regle(
    "PIECES_DEPOT", "Pièces du dépôt selon le mode de mise en place", AVERTISSEMENT, ACCORD,
    [ct("D3345-1"), ct("D3345-2"), ct("D3345-3"), ct("D3345-4"), ct("D3345-5"), ct("D3313-1")],
    ["cse_effectif_min"],
    severites=[(INFORMATION, ACCORD)],
    champs=("mise_en_place", "entreprise.cse", "entreprise.delegues_syndicaux", "entreprise.effectif",
            "depot.date_depot", "depot.pieces"),
    a_chercher="le récépissé du dépôt sur TéléAccords et la liste des pièces déposées avec le texte",
)
def pieces_depot(ctx: Contexte) -> Iterator[Trouve | Verifier]:
    """C. trav. D3345-1 : selon le mode, le dépôt comporte la mention de la qualité de délégué syndical ou le
    mandat des signataires, le procès-verbal de la séance du CSE, l'émargement ou le procès-verbal de la
    ratification, ou, pour une décision unilatérale après échec des négociations, le procès-verbal de désaccord et
    celui de la consultation du CSE ; D3345-2 : la mention de la demande conjointe de ratification ; D3345-3 :
    sans demande conjointe ou pour une décision unilatérale d'une entreprise sans délégué ni CSE, « une
    attestation de l'employeur selon laquelle il n'a été saisi d'aucune désignation de délégué syndical et, pour
    les entreprises assujetties à la législation sur les comités sociaux et économiques, un procès-verbal de
    carence datant de moins de quatre ans » ; D3345-5 : le délai de contrôle de l'Urssaf « ne court qu'à
    réception des documents […] nécessaires pour effectuer ce contrôle ». Les pièces déposées ne figurent pas
    dans le texte : sans leur liste (``depot.pieces``, lue sur le récépissé), la règle dit « à vérifier ». Une
    pièce que les données disent inexistante (pas de procès-verbal de carence, de désaccord, de vote) relève de la
    règle qui l'exige ; une demande conjointe manquante, de MODE_MISE_EN_PLACE."""
    a = ctx.accord
    d = ctx.date_loi
    prm = [("cse_effectif_min", d)]
    requises = pieces_du_depot(a, ctx.valeur("cse_effectif_min", d))
    libelles = [libelle_piece(a, c) for c in requises]
    depot = a.depot
    if depot.date_depot is None:
        yield Trouve(
            f"Pièces à déposer sur TéléAccords : {' ; '.join(libelles)}. Le délai de contrôle de l'Urssaf ne court "
            "qu'à leur réception (D3345-5).",
            chemin=["depot.pieces", "mise_en_place.mode"], observe=None, attendu=libelles,
            suggestion="Réunissez ces pièces et joignez-les au texte signé lors du dépôt.", parametres=prm,
            severite=INFORMATION,
        )
        return
    if depot.pieces is None:
        yield Verifier(
            f"Le dépôt du {date_fr(depot.date_depot)} doit comporter : {' ; '.join(libelles)}. Les données ne disent "
            "pas quelles pièces ont été déposées ; le délai de contrôle de l'Urssaf ne court qu'à leur réception "
            "(D3345-5).",
            f"dans le récépissé et les pièces du dépôt : {' ; '.join(libelles)}",
            chemin=["depot.pieces"], parametres=prm,
        )
        return
    manquantes = [c for c in requises if c not in depot.pieces and not _piece_inexistante(a, c)]
    if manquantes:
        textes = [libelle_piece(a, c) for c in manquantes]
        yield Trouve(
            f"Le dépôt du {date_fr(depot.date_depot)} ne comporte pas : {' ; '.join(textes)}. Tant que l'Urssaf ne "
            "les a pas reçues, son délai de contrôle ne court pas et les exonérations ne sont pas sécurisées "
            "(D3345-5).",
            chemin=["depot.pieces"], observe=[libelle_piece(a, c) for c in depot.pieces], attendu=libelles,
            suggestion="Complétez le dépôt sur TéléAccords avec ces pièces.", parametres=prm,
        )


@regle(
    "OBLIGATION_PARTAGE_VALEUR", "Obligation de partage de la valeur des petites entreprises bénéficiaires", INFORMATION, ACCORD,
    [loi("Loi n° 2023-1107 du 29 novembre 2023, art. 5"), urssaf("Dispositifs expérimentaux")],
    ["partage_valeur_obligation_en_vigueur", "partage_valeur_effectif_min", "partage_valeur_effectif_max_exclu",
     "partage_valeur_exercices_consecutifs", "partage_valeur_taux_benefice_ca"],
    champs=("entreprise.effectif", "entreprise.resultats_fiscaux"),
    a_chercher=("l'effectif et les bénéfices nets fiscaux et chiffres d'affaires des derniers exercices (à "
                "demander)"),
)
def obligation_partage_valeur(ctx: Contexte) -> Iterator[Trouve]:
    """Loi n° 2023-1107 du 29 novembre 2023, art. 5 : pour les exercices ouverts à compter du 1er janvier 2025,
    une entreprise de onze à quarante-neuf salariés qui réalise, trois exercices consécutifs, un bénéfice net
    fiscal au moins égal à 1 % de son chiffre d'affaires met en place un dispositif de partage de la valeur ;
    un accord d'intéressement y satisfait."""
    d = ctx.date_reference
    if not ctx.valeur("partage_valeur_obligation_en_vigueur", d):
        raise NonApplicable(f"obligation non en vigueur le {date_fr(d)}")
    e = ctx.accord.entreprise
    mini = ctx.valeur("partage_valeur_effectif_min", d)
    maxi = ctx.valeur("partage_valeur_effectif_max_exclu", d)
    if not mini <= e.effectif < maxi:
        raise NonApplicable(f"effectif hors de la tranche {mini}-{maxi - 1} salariés")
    if not e.resultats_fiscaux:
        raise NonApplicable("résultats fiscaux non renseignés")
    n = ctx.valeur("partage_valeur_exercices_consecutifs", d)
    taux = ctx.valeur("partage_valeur_taux_benefice_ca", d)
    serie: list[int] = []
    trouvee: list[int] = []
    for r in sorted(e.resultats_fiscaux, key=lambda x: x.exercice):
        ok = r.chiffre_affaires_centimes > 0 and r.benefice_net_fiscal_centimes >= taux * r.chiffre_affaires_centimes
        if ok and serie and r.exercice == serie[-1] + 1:
            serie.append(r.exercice)
        else:
            serie = [r.exercice] if ok else []
        if len(serie) >= n:
            trouvee = serie[-n:]
    if not trouvee:
        raise NonApplicable(f"pas {n} exercices consécutifs avec un bénéfice net fiscal d'au moins "
                            f"{pourcentage_fr(taux)} du chiffre d'affaires")
    yield Trouve(
        f"Entreprise de {e.effectif} salariés dont le bénéfice net fiscal a atteint au moins "
        f"{pourcentage_fr(taux)} du chiffre d'affaires {n} exercices consécutifs "
        f"({', '.join(map(str, trouvee))}) : un dispositif de partage de la valeur est obligatoire ; cet accord "
        "d'intéressement y satisfait.",
        chemin=["entreprise.resultats_fiscaux"], observe=trouvee, attendu=None,
        suggestion="Conservez l'accord en vigueur (ou un autre dispositif) tant que l'obligation s'applique.",
        parametres=[("partage_valeur_obligation_en_vigueur", d), ("partage_valeur_effectif_min", d),
                    ("partage_valeur_effectif_max_exclu", d), ("partage_valeur_exercices_consecutifs", d),
                    ("partage_valeur_taux_benefice_ca", d)],
    )
