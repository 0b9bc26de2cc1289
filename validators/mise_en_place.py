"""A. La mise en place (C. trav. L3311-1 à L3312-5) : entreprise, mode de conclusion, DUE, carence du CSE."""

from __future__ import annotations

import math
from collections.abc import Iterator

from dateutil.relativedelta import relativedelta

from interessement.modele import LIBELLES_MODES, QUALITES_CONJOINT

from .contexte import Contexte
from .registre import LOI_2022_1158, DonneeManquante, NonApplicable, Trouve, ct, loi, regle, urssaf
from .resultats import ACCORD, AVERTISSEMENT, BLOQUANT, date_fr, en_texte


@regle(
    "ENTREPRISE_ELIGIBLE", "Au moins un salarié qui n'est pas dirigeant", BLOQUANT, ACCORD,
    [ct("L3312-2"), ct("L3312-3"), urssaf("Entreprises et groupements concernés")],
    ["dirigeants_effectif_min"],
)
def entreprise_eligible(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3312-2 : toute entreprise qui satisfait à ses obligations en matière de représentation du
    personnel peut instituer un intéressement *collectif des salariés*. L'Urssaf en déduit qu'il faut au moins
    un salarié qui n'a pas la qualité de dirigeant : un accord ne peut exister là où le seul salarié est le
    président ou le gérant (L3312-3 ne fait bénéficier les dirigeants qu'« en plus des salariés »)."""
    e = ctx.accord.entreprise
    minimum = ctx.valeur("dirigeants_effectif_min", ctx.date_loi)
    dirigeants_salaries = sum(1 for d in e.dirigeants
                              if d.titulaire_contrat_travail and d.qualite not in QUALITES_CONJOINT)
    non_dirigeants = e.effectif - dirigeants_salaries
    if non_dirigeants < minimum:
        detail = (f" (effectif déclaré {e.effectif}, dont {dirigeants_salaries} dirigeant(s) titulaire(s) d'un "
                  "contrat de travail)") if dirigeants_salaries else ""
        yield Trouve(
            f"L'entreprise ne compte aucun salarié non dirigeant{detail} : un intéressement ne peut pas y être "
            "mis en place.",
            chemin=["entreprise.effectif", "entreprise.dirigeants"],
            observe=max(non_dirigeants, 0), attendu=f"au moins {minimum} salarié non dirigeant",
            suggestion="Vérifiez l'effectif déclaré : il doit compter au moins un salarié qui n'est ni président, "
                       "ni gérant, ni directeur général.",
            parametres=[("dirigeants_effectif_min", ctx.date_loi)],
        )


@regle(
    "MODE_MISE_EN_PLACE", "Mode de mise en place cohérent avec l'entreprise", BLOQUANT, ACCORD,
    [ct("L3312-5"), ct("D3345-1"), urssaf("Mise en place de l'accord d'intéressement")],
    ["ratification_majorite"],
    severites=[(AVERTISSEMENT, ACCORD)],
)
def mode_mise_en_place(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3312-5 I : l'accord est conclu par convention ou accord collectif, entre l'employeur et les
    délégués syndicaux, au sein du CSE, ou à la suite de la ratification à la majorité des deux tiers du
    personnel d'un projet proposé par l'employeur ; « lorsqu'il existe dans l'entreprise une ou plusieurs
    organisations syndicales représentatives ou un comité social et économique, la ratification est demandée
    conjointement par l'employeur et une ou plusieurs de ces organisations ou ce comité ». La majorité des deux
    tiers se compte sur l'ensemble du personnel inscrit à l'effectif à la date du vote, et non sur les votants.
    L3312-5 II ouvre la décision unilatérale (voir DUE_CONDITIONS) ; L3312-8 l'adhésion à un accord de branche
    agréé."""
    a = ctx.accord
    mp = a.mise_en_place
    e = a.entreprise
    libelle = LIBELLES_MODES[mp.mode]
    if mp.mode == "accord_cse" and not e.cse:
        yield Trouve(
            f"Mode « {libelle} » alors que l'entreprise n'a pas de comité social et économique.",
            chemin=["mise_en_place.mode", "entreprise.cse"], observe="pas de CSE", attendu="un CSE en place",
            suggestion="Choisissez un autre mode (ratification par le personnel, ou décision unilatérale si "
                       "l'entreprise y est éligible), ou corrigez « entreprise.cse ».",
        )
    if mp.mode == "accord_delegues_syndicaux" and not e.delegues_syndicaux:
        yield Trouve(
            f"Mode « {libelle} » alors que l'entreprise n'a pas de délégué syndical.",
            chemin=["mise_en_place.mode", "entreprise.delegues_syndicaux"], observe="pas de délégué syndical",
            attendu="au moins un délégué syndical",
            suggestion="Concluez l'accord au sein du CSE ou par ratification, ou corrigez "
                       "« entreprise.delegues_syndicaux ».",
        )
    if mp.mode == "adhesion_branche" and mp.adhesion_branche is None:
        yield Trouve(
            "Adhésion à un accord de branche agréé sans que l'accord de branche soit identifié.",
            chemin=["mise_en_place.adhesion_branche"], observe=None, attendu="intitulé de l'accord de branche",
            suggestion="Renseignez l'intitulé (et l'IDCC) de l'accord de branche agréé auquel l'entreprise adhère.",
        )
    if mp.mode != "ratification":
        return
    r = mp.ratification
    if r is None:
        raise DonneeManquante("mode « ratification » sans le résultat du vote (mise_en_place.ratification : "
                              "effectif inscrit et votes pour)")
    majorite = ctx.valeur("ratification_majorite", ctx.date_loi)
    requis = math.ceil(majorite * r.effectif_inscrit)
    p = [("ratification_majorite", ctx.date_loi)]
    if r.effectif_inscrit == 0:
        yield Trouve(
            "Ratification avec un effectif inscrit nul : aucun personnel n'a pu ratifier le projet.",
            chemin=["mise_en_place.ratification.effectif_inscrit"], observe=0, attendu="au moins 1",
            suggestion="Indiquez l'effectif inscrit à la date du vote.", parametres=p,
        )
    elif r.votes_pour < requis:
        yield Trouve(
            f"Ratification non acquise : {r.votes_pour} vote(s) pour, alors qu'il en faut au moins {requis} "
            f"({en_texte(majorite)} des {r.effectif_inscrit} personnes inscrites à l'effectif, et non des "
            "votants).",
            chemin=["mise_en_place.ratification.votes_pour"], observe=r.votes_pour, attendu=f"≥ {requis}",
            suggestion=f"Organisez un nouveau vote : le projet doit recueillir l'accord des {en_texte(majorite)} "
                       "de l'ensemble du personnel inscrit.", parametres=p,
        )
    if (e.delegues_syndicaux or e.cse) and not r.demande_conjointe:
        qui = "des délégués syndicaux" if e.delegues_syndicaux else "du CSE"
        yield Trouve(
            f"Ratification demandée par l'employeur seul alors que l'entreprise dispose {qui} : la ratification "
            "doit être demandée conjointement.",
            chemin=["mise_en_place.ratification.demande_conjointe"], observe=False, attendu=True,
            suggestion="Faites demander la ratification conjointement par l'employeur et une organisation "
                       "syndicale représentative ou le CSE.",
        )
    if 0 < r.effectif_inscrit < e.effectif:
        yield Trouve(
            f"L'effectif inscrit retenu pour le vote ({r.effectif_inscrit}) est inférieur à l'effectif de "
            f"l'entreprise ({e.effectif}) : vérifiez que la majorité a été calculée sur l'ensemble du personnel "
            "inscrit à la date du vote, et non sur les seuls votants.",
            chemin=["mise_en_place.ratification.effectif_inscrit", "entreprise.effectif"],
            observe=r.effectif_inscrit, attendu=f"personnel inscrit à la date du vote (effectif déclaré {e.effectif})",
            suggestion="Joignez la liste du personnel inscrit à la date du vote.", severite=AVERTISSEMENT,
        )


@regle(
    "DUE_CONDITIONS", "Conditions de la décision unilatérale", BLOQUANT, ACCORD,
    [ct("L3312-5 II"), loi("Loi n° 2022-1158 du 16 août 2022, art. 4", LOI_2022_1158),
     urssaf("Mise en place de l'accord d'intéressement")],
    ["due_effectif_max_exclu", "due_echec_negociation_possible", "due_delai_consultation_cse_jours"],
)
def due_conditions(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3312-5 II : lorsqu'une entreprise de moins de cinquante salariés n'est pas couverte par un
    accord de branche agréé, l'employeur peut mettre en place un régime d'intéressement par décision unilatérale
    1° si l'entreprise est dépourvue de délégué syndical et de CSE, ou 2° si, au terme d'une négociation, aucun
    accord n'a été conclu (procès-verbal de désaccord) ; le CSE, s'il existe, est alors consulté sur le projet au
    moins quinze jours avant son dépôt. L'adhésion à un accord de branche agréé par un document unilatéral n'est
    ouverte qu'aux entreprises de moins de cinquante salariés."""
    a = ctx.accord
    mp = a.mise_en_place
    e = a.entreprise
    d = ctx.date_loi
    unilaterale_branche = mp.mode == "adhesion_branche" and mp.adhesion_branche is not None \
        and mp.adhesion_branche.par_document_unilateral
    if mp.mode != "decision_unilaterale" and not unilaterale_branche:
        raise NonApplicable(f"mode « {LIBELLES_MODES[mp.mode]} »")
    seuil = ctx.valeur("due_effectif_max_exclu", d)
    p_seuil = [("due_effectif_max_exclu", d)]
    quoi = "La décision unilatérale" if mp.mode == "decision_unilaterale" else \
        "L'adhésion à un accord de branche par document unilatéral"
    if e.effectif >= seuil:
        attendu = f"moins de {seuil} salariés" if seuil else "aucune entreprise (non ouverte à cette date)"
        yield Trouve(
            f"{quoi} n'est ouverte qu'aux entreprises de moins de {seuil} salariés ; l'entreprise en compte "
            f"{e.effectif}.",
            chemin=["entreprise.effectif", "mise_en_place.mode"], observe=e.effectif, attendu=attendu,
            suggestion="Concluez un accord (avec les délégués syndicaux, au sein du CSE ou par ratification par "
                       "le personnel).", parametres=p_seuil,
        )
    if mp.mode != "decision_unilaterale":
        return
    if e.couverte_accord_branche_agree:
        yield Trouve(
            "L'entreprise est couverte par un accord de branche agréé : elle ne peut pas instituer "
            "l'intéressement par décision unilatérale.",
            chemin=["entreprise.couverte_accord_branche_agree", "mise_en_place.mode"], observe=True, attendu=False,
            suggestion="Adhérez à l'accord de branche agréé ou concluez un accord d'entreprise.",
        )
    if not (e.delegues_syndicaux or e.cse):
        return
    instances = " et ".join(x for x, present in (("délégué syndical", e.delegues_syndicaux), ("CSE", e.cse))
                            if present)
    echec_possible = ctx.valeur("due_echec_negociation_possible", d)
    if not echec_possible:
        yield Trouve(
            f"À la date de la décision ({date_fr(d)}), la décision unilatérale n'est pas ouverte à une "
            f"entreprise pourvue de {instances}, même après échec des négociations.",
            chemin=["mise_en_place.mode", "entreprise.delegues_syndicaux", "entreprise.cse"],
            observe=instances, attendu="ni délégué syndical ni CSE",
            suggestion="Concluez un accord avec les représentants du personnel.",
            parametres=[("due_echec_negociation_possible", d)],
        )
        return
    if mp.date_pv_desaccord is None:
        yield Trouve(
            f"L'entreprise dispose de {instances} : la décision unilatérale n'est possible qu'après l'échec "
            "d'une négociation constaté par un procès-verbal de désaccord, qui n'est pas renseigné.",
            chemin=["mise_en_place.date_pv_desaccord"], observe=None, attendu="date du procès-verbal de désaccord",
            suggestion="Négociez d'abord avec les représentants du personnel ; en cas d'échec, établissez et "
                       "joignez le procès-verbal de désaccord.",
            parametres=[("due_echec_negociation_possible", d)],
        )
    elif mp.date_pv_desaccord > mp.date_conclusion:
        yield Trouve(
            f"Le procès-verbal de désaccord ({date_fr(mp.date_pv_desaccord)}) est postérieur à la décision "
            f"unilatérale ({date_fr(mp.date_conclusion)}).",
            chemin=["mise_en_place.date_pv_desaccord", "mise_en_place.date_conclusion"],
            observe=mp.date_pv_desaccord, attendu=f"au plus tard le {date_fr(mp.date_conclusion)}",
            suggestion="La décision ne peut être prise qu'après l'échec constaté de la négociation.",
        )
    if not e.cse:
        return
    d_depot = a.depot.date_depot
    jours = ctx.valeur("due_delai_consultation_cse_jours", d_depot or d)
    p_cse = [("due_delai_consultation_cse_jours", d_depot or d)]
    if mp.date_consultation_cse is None:
        yield Trouve(
            "Le CSE doit être consulté sur le projet de décision unilatérale ; la date de consultation n'est pas "
            "renseignée.",
            chemin=["mise_en_place.date_consultation_cse"], observe=None,
            attendu=f"consultation au moins {jours} jours avant le dépôt",
            suggestion="Consultez le CSE et indiquez la date de la réunion.", parametres=p_cse,
        )
    elif d_depot is not None and mp.date_consultation_cse > d_depot - relativedelta(days=jours):
        limite = d_depot - relativedelta(days=jours)
        yield Trouve(
            f"Le CSE a été consulté le {date_fr(mp.date_consultation_cse)}, moins de {jours} jours avant le dépôt "
            f"du {date_fr(d_depot)} (consultation au plus tard le {date_fr(limite)}).",
            chemin=["mise_en_place.date_consultation_cse", "depot.date_depot"],
            observe=mp.date_consultation_cse, attendu=f"au plus tard le {date_fr(limite)}",
            suggestion=f"Déposez la décision au plus tôt {jours} jours après la consultation du CSE.",
            parametres=p_cse,
        )


@regle(
    "CSE_CARENCE", "Procès-verbal de carence en l'absence de CSE", BLOQUANT, ACCORD,
    [ct("L3312-2"), ct("L3312-5 II"), ct("L2314-33"), urssaf("Entreprises et groupements concernés")],
    ["cse_effectif_min", "pv_carence_validite_annees"],
)
def cse_carence(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3312-2 : seule l'entreprise « qui satisfait aux obligations incombant à l'employeur en matière
    de représentation du personnel » peut instituer un intéressement. À partir de onze salariés sans CSE, un
    procès-verbal de carence doit établir que les élections ont été organisées ; joint à une décision
    unilatérale, il doit dater de moins de quatre ans (durée d'un cycle électoral, L2314-33)."""
    a = ctx.accord
    e = a.entreprise
    seuil = ctx.valeur("cse_effectif_min", ctx.date_loi)
    if e.cse:
        raise NonApplicable("l'entreprise dispose d'un CSE")
    if e.effectif < seuil:
        raise NonApplicable(f"moins de {seuil} salariés : pas d'obligation d'élire un CSE")
    p = [("cse_effectif_min", ctx.date_loi)]
    if e.date_pv_carence is None:
        yield Trouve(
            f"L'entreprise compte {e.effectif} salariés et n'a pas de CSE : un procès-verbal de carence "
            "(élections organisées sans candidat) est nécessaire, il n'est pas renseigné.",
            chemin=["entreprise.date_pv_carence", "entreprise.cse"], observe=None,
            attendu="date du procès-verbal de carence",
            suggestion="Organisez les élections du CSE ; en l'absence de candidat, joignez le procès-verbal de "
                       "carence à l'accord.", parametres=p,
        )
        return
    if a.mise_en_place.mode != "decision_unilaterale":
        return
    quand = a.depot.date_depot or ctx.date_reference
    annees = ctx.valeur("pv_carence_validite_annees", quand)
    fin_validite = e.date_pv_carence + relativedelta(years=annees)
    if quand >= fin_validite:
        yield Trouve(
            f"Le procès-verbal de carence du {date_fr(e.date_pv_carence)} a plus de {annees} ans au "
            f"{date_fr(quand)} : il ne peut plus être joint à la décision unilatérale.",
            chemin=["entreprise.date_pv_carence"], observe=e.date_pv_carence,
            attendu=f"après le {date_fr(quand - relativedelta(years=annees))}",
            suggestion="Organisez de nouvelles élections du CSE et joignez le nouveau procès-verbal.",
            parametres=p + [("pv_carence_validite_annees", quand)],
        )
