"""B. Durée et délais (C. trav. L3312-5, L3314-2, L3314-4, D3313-1, L3313-3, L3345-2)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import date

from dateutil.relativedelta import relativedelta

from interessement.calendrier import debut_fenetre_renegociation

from .contexte import Contexte
from .registre import NonApplicable, Trouve, ct, regle, urssaf
from .resultats import ACCORD, BLOQUANT, INFORMATION, PERIODE, date_fr


def _ans(n: int) -> str:
    return f"{n} an{'s' if n > 1 else ''}"


@regle(
    "DUREE", "Durée de l'accord", BLOQUANT, ACCORD,
    [ct("L3312-5"), urssaf("Durée, reconduction, articulation avec participation")],
    ["duree_accord_min_annees", "duree_accord_max_annees"],
    champs=("periode.duree_annees", "mise_en_place.date_conclusion"),
    a_chercher="la durée de l'accord (« conclu pour une durée de … ») et sa date de conclusion",
)
def duree(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3312-5 : l'accord d'intéressement est conclu pour une durée comprise entre un et cinq ans
    (depuis la loi du 16 août 2022 ; trois ans avant la loi ASAP du 7 décembre 2020, puis un à trois ans).
    Les bornes sont lues à la date de conclusion."""
    d = ctx.date_loi
    mini = ctx.valeur("duree_accord_min_annees", d)
    maxi = ctx.valeur("duree_accord_max_annees", d)
    n = ctx.accord.periode.duree_annees
    if not mini <= n <= maxi:
        attendu = _ans(mini) if mini == maxi else f"entre {mini} et {maxi} ans"
        yield Trouve(
            f"Durée de {_ans(n)} : l'accord doit être conclu pour une durée {attendu.replace('entre', 'comprise entre')}"
            f" (droit en vigueur le {date_fr(d)}).",
            chemin=["periode.duree_annees"], observe=_ans(n), attendu=attendu,
            suggestion=f"Ramenez la durée à {_ans(maxi if n > maxi else mini)}.",
            parametres=[("duree_accord_min_annees", d), ("duree_accord_max_annees", d)],
        )


@regle(
    "PERIODE_CALCUL", "Période de calcul", BLOQUANT, ACCORD,
    [ct("L3314-2"), urssaf("Calcul, répartition, plafonnement, informations")],
    ["periode_calcul_standard_mois", "periode_calcul_min_mois"],
    champs=("periode.periode_calcul_mois",
            "periode.duree_annees",
            "periode.date_effet",
            "mise_en_place.date_conclusion"),
    a_chercher="la période de calcul (exercice, semestre, trimestre) et la durée de l'accord",
)
def periode_calcul(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3314-2 : l'intéressement est calculé sur une période d'une durée égale à un an, ou inférieure
    et exprimée en nombre entier de mois au moins égal à trois."""
    d = ctx.date_loi
    standard = ctx.valeur("periode_calcul_standard_mois", d)
    mini = ctx.valeur("periode_calcul_min_mois", d)
    n = ctx.accord.periode.periode_calcul_mois
    if not mini <= n <= standard:
        yield Trouve(
            f"Période de calcul de {n} mois : elle doit être de {standard} mois, ou d'un nombre entier de mois "
            f"compris entre {mini} et {standard}.",
            chemin=["periode.periode_calcul_mois"], observe=f"{n} mois", attendu=f"entre {mini} et {standard} mois",
            suggestion=f"Retenez une période annuelle ({standard} mois) ou infra-annuelle d'au moins {mini} mois.",
            parametres=[("periode_calcul_standard_mois", d), ("periode_calcul_min_mois", d)],
        )
        return
    # La durée de l'accord doit se découper en périodes entières : une dernière période tronquée à moins de
    # trois mois (par exemple des périodes de 5 mois sur un an) n'est pas une période de calcul admise.
    courtes = [p for p in ctx.periodes if p.mois < mini]
    for p in courtes:
        yield Trouve(
            f"La période n° {p.numero} (du {date_fr(p.debut)} au {date_fr(p.fin)}) ne compte que "
            f"{p.mois} mois : la durée de l'accord n'est pas un multiple de la période de calcul de {n} mois.",
            chemin=["periode.periode_calcul_mois", "periode.duree_annees"], observe=f"{p.mois} mois",
            attendu=f"au moins {mini} mois",
            suggestion="Choisissez une période de calcul qui divise la durée de l'accord (12, 6, 4 ou 3 mois).",
            parametres=[("periode_calcul_min_mois", d)],
        )


def _periodes_apres(ctx: Contexte, jour: object) -> str:
    """Les périodes ouvertes après ``jour`` (celles qui gardent les exonérations)."""
    suivantes = [p.numero for p in ctx.periodes if jour is not None and p.debut > jour]
    if not suivantes:
        return "aucune période de l'accord n'ouvre droit aux exonérations"
    return f"seules les périodes n° {', '.join(map(str, suivantes))} ouvrent droit aux exonérations"


@regle(
    "DELAI_CONCLUSION", "Conclusion avant la moitié de la première période", BLOQUANT, PERIODE,
    [ct("L3314-4"), urssaf("Délai de conclusion, de dépôt des accords")],
    champs=("mise_en_place.date_conclusion",
            "mise_en_place.ratification.date_vote",
            "periode.date_effet",
            "periode.date_cloture_premier_exercice",
            "periode.periode_calcul_mois",
            "depot.date_depot"),
    a_chercher="la date de signature (« Fait à …, le … »), du vote ou de la décision, et la date d'effet",
)
def delai_conclusion(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3314-4 : pour ouvrir droit aux exonérations, l'accord doit avoir été conclu avant le premier
    jour de la deuxième moitié de la période de calcul suivant sa date de prise d'effet. Date de conclusion :
    la signature ; au sein du CSE, la date du procès-verbal de la réunion ; par ratification, la date où la
    majorité des deux tiers est atteinte ; décision unilatérale, la date de la décision. Conclu en retard,
    l'accord n'ouvre droit aux exonérations que pour les périodes ouvertes après son dépôt."""
    conclu = ctx.date_conclusion_effective
    limite = ctx.limite_conclusion
    if conclu > limite:
        chemin = ["mise_en_place.date_conclusion"]
        if conclu != ctx.accord.mise_en_place.date_conclusion:
            chemin.append("mise_en_place.ratification.date_vote")
        yield Trouve(
            f"Accord conclu le {date_fr(conclu)}, après le dernier jour permis ({date_fr(limite)}, veille du "
            f"premier jour de la seconde moitié de la première période de calcul) : "
            f"{_periodes_apres(ctx, ctx.accord.depot.date_depot)}.",
            chemin=chemin + ["periode.date_effet"], observe=conclu, attendu=f"au plus tard le {date_fr(limite)}",
            suggestion="Reportez la date d'effet à la prochaine période de calcul, ou admettez que la première "
                       "période ne soit pas exonérée.", periode=1,
        )


@regle(
    "DELAI_DEPOT", "Dépôt sur TéléAccords dans le délai", BLOQUANT, PERIODE,
    [ct("D3313-1"), ct("L3313-3"), urssaf("Délai de conclusion, de dépôt des accords")],
    ["delai_depot_jours"],
    severites=[(INFORMATION, ACCORD)],
    champs=("depot.date_depot",
            "periode.date_effet",
            "periode.date_cloture_premier_exercice",
            "periode.periode_calcul_mois"),
    a_chercher="la date du dépôt sur TéléAccords (récépissé) et la date d'effet",
)
def delai_depot(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. D3313-1 : l'accord est déposé sur la plateforme TéléAccords au plus tard quinze jours après la
    date limite de conclusion prévue à l'article L3314-4. Déposé en retard, il n'ouvre droit aux exonérations
    que pour les périodes de calcul ouvertes après le dépôt."""
    limite = ctx.limite_depot
    depot = ctx.accord.depot.date_depot
    p = [("delai_depot_jours", ctx.premiere.debut)]
    jours = ctx.valeur("delai_depot_jours", ctx.premiere.debut)
    if depot is not None and depot > limite:
        yield Trouve(
            f"Accord déposé le {date_fr(depot)}, après la date limite du {date_fr(limite)} ({jours} jours après "
            f"la date limite de conclusion) : {_periodes_apres(ctx, depot)}.",
            chemin=["depot.date_depot"], observe=depot, attendu=f"au plus tard le {date_fr(limite)}",
            suggestion="Le dépôt tardif ne peut pas être régularisé pour la première période : prévoyez une date "
                       "d'effet ultérieure.", parametres=p, periode=1,
        )
    elif depot is None and ctx.date_reference > limite:
        yield Trouve(
            f"Au {date_fr(ctx.date_reference)}, l'accord n'est pas déposé alors que la date limite de dépôt était "
            f"le {date_fr(limite)} : {_periodes_apres(ctx, ctx.date_reference)}.",
            chemin=["depot.date_depot"], observe=None, attendu=f"dépôt au plus tard le {date_fr(limite)}",
            suggestion="Déposez l'accord sur TéléAccords sans attendre ; les périodes ouvertes après le dépôt "
                       "seront exonérées.", parametres=p, periode=1,
        )
    elif depot is None:
        yield Trouve(
            f"Accord à déposer sur TéléAccords au plus tard le {date_fr(limite)}.",
            chemin=["depot.date_depot"], observe=None, attendu=f"au plus tard le {date_fr(limite)}",
            suggestion="Déposez l'accord signé et ses annexes sur TéléAccords.", parametres=p,
            severite=INFORMATION, portee=ACCORD,
        )


@regle(
    "VERSEMENT_AVANT_DEPOT", "Aucun versement avant le dépôt", BLOQUANT, PERIODE,
    [ct("L3313-3"), ct("D3313-1"), urssaf("Délai de conclusion, de dépôt des accords")],
    besoin="versement",
    champs=("depot.date_depot",),
    a_chercher="la date du dépôt sur TéléAccords (récépissé)",
)
def versement_avant_depot(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3313-3 et D3313-1 : les exonérations supposent un accord déposé. Aucune somme, pas même une
    avance ou un « acompte », ne peut être versée au titre de l'intéressement avant le dépôt de l'accord."""
    v = ctx.versement
    assert v is not None
    depot = ctx.accord.depot.date_depot
    paiements = [("versement.date_versement", v.date_versement, None)] if v.date_versement else []
    paiements += [(f"versement.acomptes[{i}].date", a.date, a.montant_centimes) for i, a in enumerate(v.acomptes)]
    if not paiements:
        raise NonApplicable("le versement n'indique ni date de paiement ni acompte")
    for chemin, quand, montant in paiements:
        quoi = "Acompte versé" if montant is not None else "Intéressement versé"
        if depot is None:
            yield Trouve(
                f"{quoi} le {date_fr(quand)} alors que l'accord n'est pas déposé.",
                chemin=[chemin, "depot.date_depot"], observe=quand, attendu="après le dépôt de l'accord",
                suggestion="Déposez l'accord sur TéléAccords avant tout versement.", periode=v.periode,
                montant_centimes=montant,
            )
        elif quand < depot:
            yield Trouve(
                f"{quoi} le {date_fr(quand)}, avant le dépôt de l'accord le {date_fr(depot)}.",
                chemin=[chemin, "depot.date_depot"], observe=quand, attendu=f"à partir du {date_fr(depot)}",
                suggestion="Aucune somme ne doit être versée avant le dépôt : les sommes versées avant sont "
                           "soumises à cotisations.", periode=v.periode, montant_centimes=montant,
            )


@functools.lru_cache(maxsize=4096)
def _debut_fenetre(fin: date, mois: int) -> date:
    return debut_fenetre_renegociation(fin, mois)


@functools.lru_cache(maxsize=4096)
def _plus_mois(d: date, mois: int) -> date:
    return d + relativedelta(months=mois)


@regle(
    "RECONDUCTION", "Terme, renouvellement et reconduction tacite", INFORMATION, ACCORD,
    [ct("L3312-5"), urssaf("Durée, reconduction, articulation avec participation")],
    ["renegociation_fenetre_mois"],
    champs=("periode.reconduction_tacite", "periode.date_effet", "periode.duree_annees"),
    a_chercher="la clause de reconduction tacite et le terme de l'accord",
)
def reconduction(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3312-5 : lorsque l'accord (ou la décision unilatérale, choix de REGLES.md §6) le prévoit, il
    se renouvelle par tacite reconduction, pour la même durée, si aucune des parties ne demande de renégociation
    dans les trois mois précédant son terme."""
    p = ctx.accord.periode
    fin = ctx.periodes[-1].fin
    mois = ctx.valeur("renegociation_fenetre_mois", fin)
    debut_fenetre = _debut_fenetre(fin, mois)
    prm = [("renegociation_fenetre_mois", fin)]
    if p.reconduction_tacite:
        yield Trouve(
            f"Reconduction tacite prévue : sauf demande de renégociation entre le {date_fr(debut_fenetre)} et le "
            f"{date_fr(fin)}, l'accord sera renouvelé pour la même durée ({_ans(p.duree_annees)}).",
            chemin=["periode.reconduction_tacite"], observe=True, attendu=f"renouvellement de {_ans(p.duree_annees)}",
            suggestion="Avant le terme, vérifiez que l'accord, renouvelé tel quel, reste conforme au droit alors en "
                       "vigueur et que sa formule reste aléatoire (seuils et objectifs non déjà atteints) ; sinon, "
                       "demandez sa renégociation dans la fenêtre.",
            parametres=prm,
        )
    elif ctx.accord.mise_en_place.mode == "decision_unilaterale":
        # Une décision unilatérale ne se négocie pas : l'employeur en prend une nouvelle (L3312-5 II).
        yield Trouve(
            f"La décision prend fin le {date_fr(fin)} ; pour poursuivre l'intéressement, préparez à partir du "
            f"{date_fr(debut_fenetre)} un nouveau régime (nouvelle décision si les conditions de l'article "
            "L3312-5 II sont encore réunies, sinon un accord).",
            chemin=["periode.reconduction_tacite"], observe=False, attendu=f"nouveau régime avant le {date_fr(fin)}",
            suggestion="Prévoyez la reconduction tacite dans la décision si vous souhaitez la renouveler "
                       "automatiquement.", parametres=prm,
        )
    else:
        yield Trouve(
            f"L'accord prend fin le {date_fr(fin)} ; pour le renouveler, négociez à partir du "
            f"{date_fr(debut_fenetre)}.",
            chemin=["periode.reconduction_tacite"], observe=False, attendu=f"nouvel accord avant le {date_fr(fin)}",
            suggestion="Prévoyez la reconduction tacite dans l'accord si vous souhaitez le renouveler "
                       "automatiquement.", parametres=prm,
        )


@regle(
    "CONTROLE_URSSAF", "Contrôle de l'Urssaf et sécurisation des exonérations", INFORMATION, ACCORD,
    [ct("L3313-3"), ct("L3345-2"), ct("D3345-5"), ct("R3313-4"), ct("L3312-8"),
     urssaf("Délai de conclusion, de dépôt des accords")],
    ["controle_urssaf_premier_mois", "controle_urssaf_suivant_mois", "procedure_prevalidee_disponible"],
    champs=("depot.date_depot", "depot.code_prevalidation", "mise_en_place.mode"),
    a_chercher="la date du dépôt sur TéléAccords (récépissé)",
)
def controle_urssaf(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3313-3 et L3345-2 : l'Urssaf dispose de trois mois à compter du dépôt pour demander le retrait
    ou la modification des clauses contraires à la loi (exercice en cours), puis de deux mois supplémentaires
    (exercices suivants) ; à défaut, les exonérations sont réputées acquises ; D3345-5 : le délai ne court qu'à
    réception des pièces nécessaires au contrôle. L3312-8 : l'adhésion à un accord de branche agréé, conclue ou
    signée dans le délai, rend les exonérations acquises dès le dépôt. R3313-4 : un texte rédigé entièrement sur le
    site de l'Urssaf et déposé sans modification avec son code d'identification est réputé conforme — le code seul
    ne le prouve pas (voir PREVALIDATION)."""
    a = ctx.accord
    depot = a.depot
    if depot.date_depot is None:
        raise NonApplicable("accord non déposé : les délais de contrôle courent à partir du dépôt")
    d = depot.date_depot
    prevalide = ctx.valeur("procedure_prevalidee_disponible", d)
    m1 = ctx.valeur("controle_urssaf_premier_mois", d)
    m2 = ctx.valeur("controle_urssaf_suivant_mois", d)
    fin1 = _plus_mois(d, m1)
    prm = [("controle_urssaf_premier_mois", d), ("controle_urssaf_suivant_mois", d),
           ("procedure_prevalidee_disponible", d)]
    if a.mise_en_place.mode == "adhesion_branche":
        yield Trouve(
            f"Adhésion à un accord de branche agréé déposée le {date_fr(d)} : les exonérations sont réputées "
            "acquises dès le dépôt, pour la durée de l'adhésion, si elle a été conclue ou signée dans le délai "
            "(L3312-8).",
            chemin=["depot.date_depot", "mise_en_place.mode"], observe=d, attendu=None,
            suggestion="Conservez le récépissé du dépôt et le texte de l'accord de branche agréé.", parametres=prm,
        )
        return
    texte = f"Exonérations sécurisées pour l'exercice en cours à défaut de demande de l'Urssaf au {date_fr(fin1)}"
    if m2:
        texte += f", pour les exercices suivants au {date_fr(_plus_mois(d, m1 + m2))}"
    texte += " (ces délais ne courent qu'à réception des pièces du dépôt)."
    if depot.code_prevalidation and prevalide:
        texte += (f" Le code {depot.code_prevalidation} ne sécurise les exonérations dès le dépôt que pour un texte "
                  "rédigé entièrement sur le site de l'Urssaf et déposé sans modification (R3313-4) : voir "
                  "PREVALIDATION.")
    elif depot.code_prevalidation:
        texte += (f" Le code de pré-validation n'a pas d'effet : la procédure n'existait pas encore le "
                  f"{date_fr(d)}.")
    yield Trouve(
        texte, chemin=["depot.date_depot"], observe=d, attendu=fin1,
        suggestion="Conservez le récépissé du dépôt ; répondez à toute demande de l'Urssaf dans ces délais.",
        parametres=prm,
    )
