"""A. La mise en place (C. trav. L3311-1 à L3312-8, D3345-1 à D3345-7, R3313-4) : entreprise, mode de conclusion,
DUE, carence du CSE, formalités de conclusion, adhésion à un accord de branche, pré-validation."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from dateutil.relativedelta import relativedelta

from interessement.modele import LIBELLES_MODES, QUALITES_CONJOINT, Accord

from .contexte import Contexte
from .registre import LOI_2022_1158, DonneeManquante, NonApplicable, Trouve, Verifier, ct, loi, regle, urssaf
from .resultats import ACCORD, AVERTISSEMENT, BLOQUANT, Taux, date_fr, en_texte, pourcentage_fr


@regle(
    "ENTREPRISE_ELIGIBLE", "Au moins un salarié qui n'est pas dirigeant", BLOQUANT, ACCORD,
    [ct("L3312-2"), ct("L3312-3"), urssaf("Entreprises et groupements concernés")],
    ["dirigeants_effectif_min"],
    champs=("entreprise.effectif", "entreprise.dirigeants"),
    a_chercher=("l'effectif de l'entreprise et ses dirigeants titulaires d'un contrat de travail (le texte le dit"
                " rarement : à demander)"),
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
    champs=("mise_en_place.mode",
            "mise_en_place.ratification",
            "entreprise.cse",
            "entreprise.delegues_syndicaux",
            "entreprise.effectif"),
    a_chercher=("le mode de conclusion (signataires, vote du CSE, ratification aux deux tiers et son résultat, "
                "demande conjointe) et les instances de l'entreprise (délégués syndicaux, CSE)"),
)
def mode_mise_en_place(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3312-5 I : l'accord est conclu par convention ou accord collectif, entre l'employeur et les
    délégués syndicaux, au sein du CSE, ou à la suite de la ratification à la majorité des deux tiers du
    personnel d'un projet proposé par l'employeur ; « lorsqu'il existe dans l'entreprise une ou plusieurs
    organisations syndicales représentatives ou un comité social et économique, la ratification est demandée
    conjointement par l'employeur et une ou plusieurs de ces organisations ou ce comité ». La majorité des deux
    tiers se compte sur l'ensemble du personnel inscrit à l'effectif à la date du vote, et non sur les votants.
    L3312-5 II ouvre la décision unilatérale (voir DUE_CONDITIONS) ; L3312-8 l'adhésion à un accord de branche
    agréé (voir ADHESION_BRANCHE)."""
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
            chemin=["mise_en_place.ratification.votes_pour"], observe=r.votes_pour,
            attendu=f"au moins {requis} votes pour",
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
    elif r.effectif_inscrit > e.effectif > 0:
        # Parcours « boulangerie » : un vote saisi à 55 inscrits restait « conforme » après le retour à 14 salariés.
        yield Trouve(
            f"L'effectif inscrit retenu pour le vote ({r.effectif_inscrit}) dépasse l'effectif de l'entreprise "
            f"({e.effectif}) : vérifiez que le vote saisi est bien celui de ce personnel, à la date du vote (une "
            "réponse antérieure a pu changer).",
            chemin=["mise_en_place.ratification.effectif_inscrit", "entreprise.effectif"],
            observe=r.effectif_inscrit, attendu=f"personnel inscrit à la date du vote (effectif déclaré {e.effectif})",
            suggestion="Corrigez l'effectif de l'entreprise ou le résultat du vote, d'après la liste d'émargement.",
            severite=AVERTISSEMENT,
        )


@regle(
    "DUE_CONDITIONS", "Conditions de la décision unilatérale", BLOQUANT, ACCORD,
    [ct("L3312-5 II"), loi("Loi n° 2022-1158 du 16 août 2022, art. 4", LOI_2022_1158),
     urssaf("Mise en place de l'accord d'intéressement")],
    ["due_effectif_max_exclu", "due_echec_negociation_possible", "due_delai_consultation_cse_jours"],
    champs=("mise_en_place.mode",
            "mise_en_place.adhesion_branche.par_document_unilateral",
            "mise_en_place.date_pv_desaccord",
            "mise_en_place.date_consultation_cse",
            "entreprise.effectif",
            "entreprise.cse",
            "entreprise.delegues_syndicaux",
            "entreprise.couverte_accord_branche_agree",
            "depot.date_depot"),
    a_chercher=("pour une décision unilatérale : l'effectif (seuil de L3312-5 II), l'absence de délégué syndical"
                " et de CSE ou le procès-verbal de désaccord et la date de consultation du CSE, l'absence "
                "d'accord de branche agréé"),
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
    [ct("L3312-2"), ct("L3312-5 II"), ct("L2314-33"), ct("D3345-3"), urssaf("Entreprises et groupements concernés")],
    ["cse_effectif_min", "pv_carence_validite_annees"],
    champs=("entreprise.effectif",
            "entreprise.cse",
            "entreprise.date_pv_carence",
            "mise_en_place.mode",
            "depot.date_depot"),
    a_chercher="l'existence d'un CSE, ou le procès-verbal de carence aux élections et sa date",
)
def cse_carence(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3312-2 : seule l'entreprise « qui satisfait aux obligations incombant à l'employeur en matière
    de représentation du personnel » peut instituer un intéressement. À partir de onze salariés sans CSE, un
    procès-verbal de carence doit établir que les élections ont été organisées ; joint à une décision
    unilatérale ou à un projet ratifié sans demande conjointe, il doit dater de moins de quatre ans (D3345-3 ; durée
    d'un cycle électoral, L2314-33)."""
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
    conclu = ctx.date_conclusion_effective
    if e.date_pv_carence > conclu:
        # Parcours « boulangerie » : un procès-verbal daté de 2031 « attestait » l'absence de CSE d'une décision de
        # 2026, sans aucun constat.
        yield Trouve(
            f"Le procès-verbal de carence est daté du {date_fr(e.date_pv_carence)}, après la conclusion "
            f"({date_fr(conclu)}) : à cette date, l'absence de CSE n'était constatée par aucun procès-verbal.",
            chemin=["entreprise.date_pv_carence", "mise_en_place.date_conclusion"], observe=e.date_pv_carence,
            attendu=f"au plus tard le {date_fr(conclu)}",
            suggestion="Vérifiez la date du procès-verbal de carence (une faute de frappe ?) ; s'il est postérieur, "
                       "concluez l'accord après lui.", parametres=p,
        )
        return
    mp = a.mise_en_place
    ratification_seule = mp.mode == "ratification" and not (mp.ratification and mp.ratification.demande_conjointe)
    if mp.mode != "decision_unilaterale" and not ratification_seule:
        return
    quand = a.depot.date_depot or ctx.date_reference
    annees = ctx.valeur("pv_carence_validite_annees", quand)
    fin_validite = e.date_pv_carence + relativedelta(years=annees)
    if quand >= fin_validite:
        yield Trouve(
            f"Le procès-verbal de carence du {date_fr(e.date_pv_carence)} a plus de {annees} ans au "
            f"{date_fr(quand)} : il ne peut plus être déposé avec "
            f"{'la décision unilatérale' if mp.mode == 'decision_unilaterale' else 'le projet ratifié'} (D3345-3).",
            chemin=["entreprise.date_pv_carence"], observe=e.date_pv_carence,
            attendu=f"après le {date_fr(quand - relativedelta(years=annees))}",
            suggestion="Organisez de nouvelles élections du CSE et joignez le nouveau procès-verbal.",
            parametres=p + [("pv_carence_validite_annees", quand)],
        )


# --------------------------------------------------------------------------------------- formalités (D3345-1)

_QUALITE_SYNDICALE = re.compile(r"d[ée]l[ée]gu[ée]e?s?\s+syndica|mandat", re.IGNORECASE)
_A_CHERCHER_FORMALITES = (
    "dans le texte et ses annexes, les formalités du mode de conclusion : pour des délégués syndicaux, leur "
    "qualité (ou leur mandat) et l'audience des organisations signataires au premier tour des dernières élections "
    "du CSE (la majorité de L2232-12, ou l'approbation des salariés consultés) ; au sein du CSE, le vote de la "
    "délégation du personnel (membres titulaires présents, votes favorables) et le procès-verbal de la séance ; "
    "par ratification, la demande conjointe et le procès-verbal du vote ou la liste d'émargement"
)


def _signataires_salaries(a: Accord) -> list[tuple[int, str]]:
    return [(k, s.qualite) for k, s in enumerate(a.mise_en_place.signataires) if s.partie == "salaries"]


def _formalites_syndicales(ctx: Contexte, mention_qualite: bool) -> Iterator[Trouve | Verifier]:
    """Accord signé par des organisations syndicales : qualité des signataires (D3345-1 1°) et majorité de
    L2232-12."""
    a = ctx.accord
    mp = a.mise_en_place
    d = ctx.date_loi
    signataires = _signataires_salaries(a)
    if not signataires:
        yield Trouve(
            "Aucun signataire n'est indiqué pour les organisations syndicales : l'accord doit être signé par "
            "l'employeur et par des délégués syndicaux (ou des représentants mandatés).",
            chemin=["mise_en_place.signataires"], observe="aucun signataire pour les salariés",
            attendu="au moins un délégué syndical signataire",
            suggestion="Indiquez les délégués syndicaux signataires, avec leur organisation syndicale.",
        )
    elif mention_qualite:
        for k, qualite in signataires:
            if not _QUALITE_SYNDICALE.search(qualite):
                nom = mp.signataires[k].nom
                yield Trouve(
                    f"La qualité du signataire {nom} (« {qualite} ») ne dit pas qu'il est délégué syndical ni "
                    "qu'il a reçu mandat : le dépôt doit mentionner cette qualité ou joindre le mandat.",
                    chemin=[f"mise_en_place.signataires[{k}].qualite"], observe=qualite,
                    attendu="délégué syndical, ou représentant mandaté (texte du mandat joint)",
                    suggestion="Écrivez la qualité exacte (« délégué syndical CFDT ») ou joignez le mandat qui "
                               "habilite le signataire.",
                )
    majoritaire = ctx.valeur("accord_majoritaire_audience_taux", d)
    minoritaire = ctx.valeur("accord_consultation_audience_taux", d)
    prm = [("accord_majoritaire_audience_taux", d), ("accord_consultation_audience_taux", d)]
    audience = mp.audience_signataires
    if audience is None:
        yield Verifier(
            "L'audience des organisations syndicales signataires n'est pas renseignée : la validité de l'accord "
            f"(plus de {pourcentage_fr(majoritaire)} des suffrages, L2232-12) n'est pas établie.",
            "le procès-verbal du premier tour des dernières élections des titulaires au CSE : part des suffrages "
            "exprimés en faveur d'organisations représentatives recueillie par les signataires ; entre "
            f"{pourcentage_fr(minoritaire)} et {pourcentage_fr(majoritaire)}, le résultat de la consultation "
            "des salariés qui a approuvé l'accord",
            chemin=["mise_en_place.audience_signataires"], parametres=prm,
        )
    elif audience <= minoritaire:
        yield Trouve(
            f"Les organisations signataires ont recueilli {pourcentage_fr(audience)} des suffrages : il faut plus "
            f"de {pourcentage_fr(majoritaire)} (ou plus de {pourcentage_fr(minoritaire)} et l'approbation des "
            "salariés) pour qu'un accord d'entreprise soit valide.",
            chemin=["mise_en_place.audience_signataires"], observe=Taux(audience),
            attendu=f"plus de {pourcentage_fr(majoritaire)}",
            suggestion="Faites signer l'accord par des organisations qui représentent ensemble plus de "
                       f"{pourcentage_fr(majoritaire)} des suffrages, ou concluez-le selon un autre mode.",
            parametres=prm,
        )
    elif audience <= majoritaire and mp.date_consultation_salaries is None:
        yield Trouve(
            f"Les organisations signataires ont recueilli {pourcentage_fr(audience)} des suffrages, pas plus de "
            f"{pourcentage_fr(majoritaire)} : l'accord n'est valide qu'approuvé par les salariés consultés "
            "(L2232-12), et cette consultation n'est pas renseignée.",
            chemin=["mise_en_place.audience_signataires", "mise_en_place.date_consultation_salaries"],
            observe=Taux(audience), attendu=f"plus de {pourcentage_fr(majoritaire)}, ou approbation des salariés",
            suggestion="Indiquez la date de la consultation des salariés qui a approuvé l'accord, ou recueillez "
                       "d'autres signatures.", parametres=prm,
        )


def _formalites_cse(ctx: Contexte) -> Iterator[Trouve]:
    """Accord conclu au sein du CSE : vote majoritaire de la délégation du personnel (L3312-5 I 3°, D3345-1 2°)."""
    a = ctx.accord
    mp = a.mise_en_place
    d = ctx.date_loi
    vote = mp.vote_cse
    prm = [("cse_vote_majorite", d)]
    if vote is None:
        yield Trouve(
            "L'accord ne rend pas compte du vote de la délégation du personnel au CSE (membres titulaires "
            "présents, votes favorables) : c'est ce vote majoritaire qui conclut l'accord, et le procès-verbal de "
            "la séance est joint au dépôt.",
            chemin=["mise_en_place.vote_cse"], observe=None, attendu="vote de la délégation du personnel",
            suggestion="Indiquez le nombre de membres titulaires présents et le nombre de votes favorables, tels "
                       "que le procès-verbal de la séance les consigne.", parametres=prm,
        )
    else:
        majorite = ctx.valeur("cse_vote_majorite", d)
        if vote.membres_titulaires_presents == 0 or vote.votes_pour <= majorite * vote.membres_titulaires_presents:
            yield Trouve(
                f"Vote du CSE : {vote.votes_pour} vote(s) favorable(s) pour {vote.membres_titulaires_presents} "
                "membre(s) titulaire(s) présent(s) : la délégation du personnel n'a pas adopté l'accord à la "
                "majorité.",
                chemin=["mise_en_place.vote_cse.votes_pour", "mise_en_place.vote_cse.membres_titulaires_presents"],
                observe=vote.votes_pour,
                attendu=f"plus de la moitié des {vote.membres_titulaires_presents} membres présents",
                suggestion="Soumettez de nouveau le projet au vote du CSE ; l'accord n'est conclu que s'il recueille "
                           "la majorité des membres titulaires présents.", parametres=prm,
            )
    if not _signataires_salaries(a):
        yield Trouve(
            "Aucun membre de la délégation du personnel au CSE ne signe l'accord.",
            chemin=["mise_en_place.signataires"], observe="aucun signataire pour les salariés",
            attendu="un ou des membres de la délégation du personnel désignés par le comité",
            suggestion="Faites signer l'accord, pour la délégation du personnel, par un ou des membres titulaires "
                       "que le comité désigne lors de la séance du vote.",
        )


def _formalites_ratification(ctx: Contexte) -> Iterator[Trouve]:
    """Ratification : procès-verbal de la consultation ou émargement (D3345-1 3°)."""
    r = ctx.accord.mise_en_place.ratification
    if r is None:
        raise NonApplicable("résultat du vote non renseigné (voir MODE_MISE_EN_PLACE)")
    if not r.proces_verbal:
        yield Trouve(
            "Le résultat de la ratification n'est pas consigné dans un procès-verbal de la consultation ni par "
            "l'émargement des salariés sur la liste nominative du personnel.",
            chemin=["mise_en_place.ratification.proces_verbal"], observe=False, attendu=True,
            suggestion="Établissez le procès-verbal du vote (ou la liste d'émargement de l'ensemble du personnel), "
                       "annexez-le à l'accord et joignez-le au dépôt.",
        )
    if r.date_vote is None:
        yield Trouve(
            "La date du vote de ratification n'est pas indiquée : c'est elle qui fixe la date de conclusion.",
            chemin=["mise_en_place.ratification.date_vote"], observe=None, attendu="date du vote",
            suggestion="Indiquez la date à laquelle la majorité des deux tiers a été atteinte.",
        )


@regle(
    "FORMALITES_CONCLUSION", "Formalités de conclusion du mode de mise en place", AVERTISSEMENT, ACCORD,
    [ct("D3345-1"), ct("D3345-2"), ct("L3312-5"), ct("L2232-12"), ct("L2232-10-1"), ct("L3312-8")],
    ["accord_majoritaire_audience_taux", "accord_consultation_audience_taux", "cse_vote_majorite"],
    champs=("mise_en_place", "entreprise.cse", "entreprise.delegues_syndicaux"),
    a_chercher=_A_CHERCHER_FORMALITES,
)
def formalites_conclusion(ctx: Contexte) -> Iterator[Trouve | Verifier]:
    """C. trav. D3345-1 : lorsque l'accord est conclu autrement que par convention ou accord collectif, les
    documents déposés comportent « 1° si l'accord a été conclu entre l'employeur et les représentants
    d'organisations syndicales, la mention que ces représentants ont la qualité de délégués syndicaux ou, à
    défaut, le texte du mandat les habilitant à signer l'accord ; 2° si l'accord a été conclu au sein d'un comité
    social et économique entre l'employeur et la délégation du personnel statuant à la majorité, le procès-verbal
    de la séance ; 3° si l'accord résulte […] de la ratification par les deux tiers des salariés […] : a) soit
    l'émargement […] ; b) soit un procès-verbal rendant compte de la consultation ». L2232-12 : un accord
    d'entreprise est signé par des organisations ayant recueilli plus de 50 % des suffrages exprimés au premier
    tour des dernières élections du CSE, ou plus de 30 % et approuvé par les salariés. L2232-10-1 : le document
    unilatéral d'adhésion à un accord type est appliqué après information du CSE, s'il existe, et des salariés.
    La décision unilatérale relève de DUE_CONDITIONS (absence de délégué et de CSE, ou procès-verbal de désaccord
    et consultation du CSE)."""
    a = ctx.accord
    mp = a.mise_en_place
    if mp.mode == "decision_unilaterale":
        raise NonApplicable("décision unilatérale : ses conditions (absence de délégué syndical et de CSE, ou "
                            "procès-verbal de désaccord et consultation du CSE) relèvent de DUE_CONDITIONS")
    if mp.mode == "accord_delegues_syndicaux":
        yield from _formalites_syndicales(ctx, mention_qualite=True)
    elif mp.mode == "convention_collective":
        yield from _formalites_syndicales(ctx, mention_qualite=False)
    elif mp.mode == "accord_cse":
        yield from _formalites_cse(ctx)
    elif mp.mode == "ratification":
        yield from _formalites_ratification(ctx)
    elif mp.adhesion_branche is not None and mp.adhesion_branche.par_document_unilateral:
        if a.entreprise.cse and mp.date_consultation_cse is None:
            yield Trouve(
                "Le CSE doit être informé avant que l'employeur applique l'accord type de branche par document "
                "unilatéral (L2232-10-1) ; la date de cette information n'est pas renseignée.",
                chemin=["mise_en_place.date_consultation_cse"], observe=None, attendu="date d'information du CSE",
                suggestion="Informez le CSE (et les salariés, par tous moyens) du document unilatéral d'adhésion et "
                           "indiquez la date de cette information.",
            )
    elif mp.vote_cse is not None:
        yield from _formalites_cse(ctx)
    elif mp.audience_signataires is not None:
        yield from _formalites_syndicales(ctx, mention_qualite=True)
    elif mp.ratification is not None:
        yield from _formalites_ratification(ctx)
    else:
        yield Verifier(
            "L'accord d'adhésion à l'accord de branche doit être conclu selon l'une des modalités du I de "
            "l'article L3312-5 (L3312-8) ; les données ne disent pas laquelle, ni ses formalités.",
            "comment l'accord d'adhésion a été conclu (délégués syndicaux, CSE, ratification aux deux tiers) et "
            "ses formalités : qualité et audience des délégués signataires, vote et procès-verbal du CSE, "
            "procès-verbal ou émargement de la ratification",
            chemin=["mise_en_place.vote_cse", "mise_en_place.audience_signataires", "mise_en_place.ratification"],
        )


# ------------------------------------------------------------------------------- adhésion à une branche (L3312-8)


@regle(
    "ADHESION_BRANCHE", "Adhésion réelle à un accord de branche agréé", BLOQUANT, ACCORD,
    [ct("L3312-8"), ct("D3345-7"), ct("L2232-10-1"), ct("L3345-4"), ct("D3345-6")],
    severites=[(AVERTISSEMENT, ACCORD)],
    champs=("mise_en_place.mode", "mise_en_place.adhesion_branche", "mise_en_place.date_conclusion"),
    a_chercher="l'accord de branche visé (intitulé, IDCC, date, arrêté d'agrément) et, article par article, les "
               "options de son accord type retenues par l'entreprise pour la formule, la répartition et les autres "
               "choix ouverts ; une formule ou des clés propres à l'entreprise ne sont pas une adhésion",
)
def adhesion_branche(ctx: Contexte) -> Iterator[Trouve | Verifier]:
    """C. trav. L3312-8 : « toute entreprise peut faire application d'un dispositif d'intéressement conclu au
    niveau de la branche, dès lors que l'accord de branche a été agréé en application de l'article L. 3345-4 » ;
    les entreprises de moins de cinquante salariés peuvent l'appliquer par un document unilatéral d'adhésion
    « si l'accord de branche prévoit cette possibilité et propose, sous forme d'accord type indiquant les
    différents choix laissés à l'employeur, des stipulations spécifiques pour ces entreprises » ; les
    exonérations sont alors « réputées acquises dès le dépôt ». D3345-7 : l'accord d'adhésion indique « la ou les
    options proposées par l'accord de branche qu'elles choisissent de retenir » ; le document unilatéral
    « indique les choix retenus parmi les options de l'accord type ». La formule et les clés sont donc celles de
    l'accord de branche, pas un texte propre à l'entreprise (le seuil de cinquante salariés est vérifié par
    DUE_CONDITIONS)."""
    mp = ctx.accord.mise_en_place
    if mp.mode != "adhesion_branche":
        raise NonApplicable(f"mode « {LIBELLES_MODES[mp.mode]} »")
    ab = mp.adhesion_branche
    if ab is None:
        yield Trouve(
            "Adhésion à un accord de branche sans que l'accord de branche soit identifié : l'entreprise n'applique "
            "un dispositif de branche que s'il est agréé (L3312-8).",
            chemin=["mise_en_place.adhesion_branche"], observe=None,
            attendu="intitulé, IDCC, date et agrément de l'accord de branche",
            suggestion="Identifiez l'accord de branche agréé (intitulé, IDCC, date, arrêté d'agrément) et les "
                       "options retenues, article par article.",
        )
        return
    manques = [quoi for quoi, v in (("l'IDCC", ab.idcc), ("la date de l'accord de branche", ab.date_accord))
               if not v]
    if manques:
        yield Trouve(
            f"Accord de branche « {ab.intitule} » incomplètement identifié : {' et '.join(manques)} "
            f"{'manquent' if len(manques) > 1 else 'manque'}.",
            chemin=[f"mise_en_place.adhesion_branche.{c}" for c, v in (("idcc", ab.idcc),
                                                                       ("date_accord", ab.date_accord)) if not v],
            observe=None, attendu="IDCC et date de signature de l'accord de branche",
            suggestion="Complétez l'identification de l'accord de branche (IDCC de la convention collective, date "
                       "de signature).", severite=AVERTISSEMENT,
        )
    conclu = ctx.date_conclusion_effective
    if ab.date_agrement is None and not ab.reference_agrement:
        yield Trouve(
            f"L'agrément de l'accord de branche « {ab.intitule} » n'est pas identifié : seul un accord de branche "
            "agréé (L3345-4) peut être appliqué par adhésion.",
            chemin=["mise_en_place.adhesion_branche.date_agrement", "mise_en_place.adhesion_branche.reference_agrement"],
            observe=None, attendu="date et référence de l'arrêté d'agrément",
            suggestion="Indiquez l'arrêté d'agrément de l'accord de branche (date, référence) ; sans agrément, "
                       "concluez un accord d'entreprise.",
        )
    elif ab.date_agrement is not None and ab.date_agrement > conclu:
        yield Trouve(
            f"L'accord de branche a été agréé le {date_fr(ab.date_agrement)}, après l'adhésion du "
            f"{date_fr(conclu)} : à cette date, il ne pouvait pas être appliqué par adhésion.",
            chemin=["mise_en_place.adhesion_branche.date_agrement", "mise_en_place.date_conclusion"],
            observe=ab.date_agrement, attendu=f"agrément au plus tard le {date_fr(conclu)}",
            suggestion="Adhérez de nouveau à l'accord de branche maintenant agréé, pour les périodes suivantes.",
        )
    if ab.par_document_unilateral:
        if ab.accord_type_avec_options is False:
            yield Trouve(
                "L'accord de branche ne propose pas d'accord type indiquant les choix laissés à l'employeur : "
                "l'entreprise ne peut pas y adhérer par un document unilatéral (L3312-8, L2232-10-1).",
                chemin=["mise_en_place.adhesion_branche.accord_type_avec_options",
                        "mise_en_place.adhesion_branche.par_document_unilateral"],
                observe=False, attendu=True,
                suggestion="Concluez un accord d'adhésion (délégués syndicaux, CSE ou ratification) ou un accord "
                           "d'entreprise.",
            )
        elif ab.accord_type_avec_options is None:
            yield Verifier(
                "Il n'est pas établi que l'accord de branche prévoit l'adhésion par document unilatéral et propose "
                "un accord type indiquant les choix laissés à l'employeur (L3312-8).",
                "dans l'accord de branche, la clause ouvrant l'adhésion par document unilatéral aux petites "
                "entreprises (L3312-8) et l'accord type avec ses options",
                chemin=["mise_en_place.adhesion_branche.accord_type_avec_options"],
            )
    if ab.accord_type_avec_options is False and not ab.par_document_unilateral:
        return  # l'accord de branche n'ouvre aucun choix : l'accord d'adhésion l'applique tel quel
    if not ab.options:
        yield Trouve(
            f"L'adhésion à « {ab.intitule} » n'indique aucune des options de l'accord de branche retenues par "
            "l'entreprise (D3345-7) : sans elles, ce n'est pas une adhésion mais un texte propre à l'entreprise.",
            chemin=["mise_en_place.adhesion_branche.options"], observe=[],
            attendu="pour chaque option offerte : l'article de l'accord de branche et le choix retenu",
            suggestion="Pour chaque choix que l'accord de branche laisse à l'entreprise, indiquez l'article qui "
                       "l'offre et l'option retenue (formule, répartition, ancienneté, versement…).",
        )
        return
    portees = {o.porte_sur for o in ab.options}
    for quoi, chemin, libelle in (("formule", "formule", "la formule de calcul"),
                                  ("repartition", "repartition", "la répartition")):
        if quoi not in portees:
            yield Verifier(
                f"Aucune option retenue ne porte sur {libelle} : il n'est pas établi que {libelle} de l'accord "
                "est celle de l'accord de branche plutôt qu'un texte propre à l'entreprise.",
                f"dans l'accord de branche, l'article qui fixe {libelle} (ou l'offre en option) et sa comparaison "
                f"avec {libelle} écrite dans l'adhésion",
                chemin=["mise_en_place.adhesion_branche.options", chemin],
            )


# ----------------------------------------------------------------------------------- pré-validation (R3313-4)


@regle(
    "PREVALIDATION", "Pré-validation revendiquée à tort", AVERTISSEMENT, ACCORD,
    [ct("R3313-4"), ct("L3313-3"), urssaf("Délai de conclusion, de dépôt des accords")],
    ["procedure_prevalidee_disponible"],
    champs=("depot.code_prevalidation", "depot.date_depot"),
    a_chercher="une mention de pré-validation ou de code d'identification « Mon intéressement » dans le texte ; "
               "son authentification auprès de l'Urssaf pour ce texte déposé sans modification",
)
def prevalidation(ctx: Contexte) -> Iterator[Trouve | Verifier]:
    """C. trav. R3313-4 : « lorsque l'accord a été entièrement et exclusivement rédigé au moyen d'un site internet
    géré par l'organisme mentionné à l'article L. 225-1 du code de la sécurité sociale […], un code
    d'identification de l'accord est délivré […] permettant l'authentification de l'accord. Sous réserve
    qu'aucune modification n'ait été apportée à ses clauses après son téléchargement […], l'accord déposé […]
    avec le code d'identification […] est réputé conforme ». Tout autre texte — en particulier un document
    généré par ce projet — ne peut pas se dire pré-validé : le contrôle de l'Urssaf de L3313-3 s'applique."""
    depot = ctx.accord.depot
    code = depot.code_prevalidation
    if not code:
        raise NonApplicable("aucun code de pré-validation")
    d = depot.date_depot or ctx.date_reference
    prm = [("procedure_prevalidee_disponible", d)]
    if not ctx.valeur("procedure_prevalidee_disponible", d):
        yield Trouve(
            f"L'accord se réclame d'un code de pré-validation ({code}) alors que la procédure de pré-validation "
            f"n'existait pas le {date_fr(d)} : ses exonérations ne sont pas sécurisées par ce code.",
            chemin=["depot.code_prevalidation", "depot.date_depot"], observe=code, attendu=None,
            suggestion="Retirez la mention de pré-validation : l'accord est soumis au contrôle de l'Urssaf "
                       "(trois mois après le dépôt, puis deux mois pour les exercices suivants).", parametres=prm,
        )
    elif ctx.document is not None:
        yield Trouve(
            f"Le document {ctx.document.chemin} a été rédigé avec cet outil, et non sur le site de l'Urssaf : il ne "
            f"peut pas se dire pré-validé ni porter le code {code} (R3313-4).",
            chemin=["depot.code_prevalidation"], observe=code, attendu=None,
            suggestion="Retirez le code et toute mention de pré-validation : l'accord est soumis au contrôle de "
                       "l'Urssaf après son dépôt (L3313-3).", parametres=prm,
        )
    else:
        yield Verifier(
            f"L'accord déclare le code de pré-validation {code} : le statut pré-validé n'appartient qu'à un texte "
            "rédigé entièrement sur le site de l'Urssaf et déposé sans modification avec ce code ; sinon, il "
            "présente à tort ses exonérations comme sécurisées.",
            f"auprès de l'Urssaf, que le code {code} authentifie ce texte ; que le texte déposé est identique au "
            "texte téléchargé (aucune clause modifiée) ; à défaut, le contrôle de l'Urssaf (L3313-3) s'applique",
            chemin=["depot.code_prevalidation"], parametres=prm,
        )
