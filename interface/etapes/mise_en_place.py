"""Étape 2 : le mode de mise en place (seulement ceux que l'entreprise peut utiliser, avec la raison)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from interessement import format as fmt
from interessement.modele import LIBELLES_MODES

from .. import champs as c
from .. import etat
from ..brouillon import date_depuis_iso
from ..eligibilite import codes_possibles, modes_possibles, seuils, votes_necessaires

PREFIXES = ["mise_en_place.mode", "mise_en_place.ratification", "mise_en_place.date_pv_desaccord",
            "mise_en_place.date_consultation_cse", "mise_en_place.adhesion_branche"]


def ajuster(accord: dict[str, Any]) -> None:
    """Met les sous-objets du mode en cohérence (ratification, adhésion) et écarte un mode devenu impossible."""
    mep = accord["mise_en_place"]
    e = accord["entreprise"]
    possibles = codes_possibles(e, etat.aujourd_hui())
    if possibles and mep.get("mode") not in possibles:
        mep["mode"] = possibles[0]
    mode = mep.get("mode")
    if mode == "ratification":
        if not mep.get("ratification"):
            inscrits = int(e.get("effectif") or 0)
            mep["ratification"] = {"effectif_inscrit": inscrits,
                                   "votes_pour": votes_necessaires(inscrits, etat.aujourd_hui()),
                                   "votes_contre": 0, "date_vote": mep.get("date_conclusion"),
                                   "demande_conjointe": bool(e.get("delegues_syndicaux") or e.get("cse"))}
    else:
        mep["ratification"] = None
    if mode == "adhesion_branche":
        if not mep.get("adhesion_branche"):
            mep["adhesion_branche"] = {"intitule": "", "idcc": None, "date_agrement": None,
                                       "par_document_unilateral": int(e.get("effectif") or 0) < 50}
    else:
        mep["adhesion_branche"] = None
    if mode != "decision_unilaterale":
        mep["date_pv_desaccord"] = None
        mep["date_consultation_cse"] = None


def controler(accord: dict[str, Any]) -> None:
    mep = accord.get("mise_en_place") or {}
    e = accord.get("entreprise") or {}
    d = etat.aujourd_hui()
    if not codes_possibles(e, d):
        c.signaler("mise_en_place.mode", c.Message(
            "bloquant", "Aucun mode de mise en place n'est possible avec les réponses de l'étape « Entreprise ».",
            "Vérifiez le nombre de salariés et les représentants du personnel."))
    r = mep.get("ratification")
    if mep.get("mode") == "ratification" and r:
        inscrits = int(r.get("effectif_inscrit") or 0)
        pour = int(r.get("votes_pour") or 0)
        contre = int(r.get("votes_contre") or 0)
        besoin = votes_necessaires(inscrits, d)
        if pour + contre > inscrits:
            c.signaler("mise_en_place.ratification.votes_pour", c.Message(
                "bloquant", "Il y a plus de votes que de personnes inscrites à l'effectif."))
        elif pour < besoin:
            c.signaler("mise_en_place.ratification.votes_pour", c.Message(
                "bloquant", f"Il faut au moins {besoin} votes pour sur {inscrits} personnes inscrites (deux tiers "
                "de tout le personnel, pas des votants).",
                "Si le vote n'a pas encore eu lieu, indiquez le nombre de voix attendu."))
        if (e.get("delegues_syndicaux") or e.get("cse")) and not r.get("demande_conjointe"):
            c.signaler("mise_en_place.ratification.demande_conjointe", c.Message(
                "bloquant", "Avec des délégués syndicaux ou un CSE, la ratification doit être demandée "
                "conjointement avec eux.", "Cochez la case si la demande est conjointe."))
    if mep.get("mode") == "decision_unilaterale" and (e.get("delegues_syndicaux") or e.get("cse")):
        if not mep.get("date_pv_desaccord"):
            c.signaler("mise_en_place.date_pv_desaccord", c.Message(
                "bloquant", "Avec des délégués syndicaux ou un CSE, une décision unilatérale n'est possible "
                "qu'après l'échec de la négociation, constaté par un procès-verbal de désaccord.",
                "Indiquez la date du procès-verbal de désaccord, ou choisissez un autre mode."))
        if e.get("cse") and not mep.get("date_consultation_cse"):
            c.signaler("mise_en_place.date_consultation_cse", c.Message(
                "bloquant", f"Le CSE doit être consulté au moins {seuils(d)['consultation_cse']} jours avant le "
                "dépôt de la décision.", "Indiquez la date (prévue) de consultation du CSE."))
    ab = mep.get("adhesion_branche")
    if mep.get("mode") == "adhesion_branche" and ab is not None and not (ab.get("intitule") or "").strip():
        c.signaler("mise_en_place.adhesion_branche.intitule", c.Message(
            "bloquant", "Indiquez l'intitulé de l'accord de branche agréé."))


def afficher() -> None:
    accord = etat.accord()
    ajuster(accord)
    e = accord["entreprise"]
    d = etat.aujourd_hui()
    modes = modes_possibles(e, d)
    possibles = {m.code: m.libelle for m in modes if m.possible}
    representants = {(True, True): "avec un délégué syndical et un CSE",
                     (True, False): "avec un délégué syndical mais sans CSE",
                     (False, True): "sans délégué syndical mais avec un CSE",
                     (False, False): "sans délégué syndical ni CSE"}[(bool(e.get("delegues_syndicaux")),
                                                                   bool(e.get("cse")))]
    st.markdown(f"Votre entreprise compte **{e.get('effectif')} salariés**, {representants}. Voici les façons "
                "de mettre en place l'intéressement qui vous sont ouvertes.")
    if possibles:
        c.choix("mise_en_place_mode", "mise_en_place.mode", "Mode de mise en place", possibles, radio=True,
                captions=[m.pourquoi + (f" {m.condition}" if m.condition else "") for m in modes if m.possible],
                aide="Le mode décide qui signe l'accord (art. L3312-5 du code du travail).")
    else:
        c.afficher_messages("mise_en_place.mode")
    impossibles = [m for m in modes if not m.possible]
    if impossibles:
        with st.expander("Pourquoi les autres modes ne sont pas proposés"):
            for m in impossibles:
                st.markdown(f"- **{m.libelle}** : {m.pourquoi}")
    ajuster(accord)
    mode = accord["mise_en_place"].get("mode")
    if mode == "ratification":
        st.subheader("Vote du personnel", divider="gray", anchor=False)
        col1, col2, col3 = st.columns(3)
        with col1:
            inscrits = c.entier("mise_en_place_ratification_inscrits", "mise_en_place.ratification.effectif_inscrit",
                                "Personnel inscrit à l'effectif le jour du vote", minimum=0)
        with col2:
            c.entier("mise_en_place_ratification_pour", "mise_en_place.ratification.votes_pour", "Votes pour",
                     minimum=0)
        with col3:
            c.entier("mise_en_place_ratification_contre", "mise_en_place.ratification.votes_contre",
                     "Votes contre", minimum=0)
        st.caption(f"Majorité requise : au moins {votes_necessaires(int(inscrits or 0), d)} votes pour "
                   "(deux tiers de tout le personnel inscrit, art. L3312-5 I 4° et D3345-1).")
        c.date_("mise_en_place_ratification_date", "mise_en_place.ratification.date_vote", "Date du vote",
                facultatif=True)
        if e.get("delegues_syndicaux") or e.get("cse"):
            c.case("mise_en_place_ratification_conjointe", "mise_en_place.ratification.demande_conjointe",
                   "La ratification est demandée conjointement avec les délégués syndicaux ou le CSE")
    elif mode == "decision_unilaterale" and (e.get("delegues_syndicaux") or e.get("cse")):
        st.subheader("Échec de la négociation", divider="gray", anchor=False)
        c.date_("mise_en_place_pv_desaccord", "mise_en_place.date_pv_desaccord",
                "Date du procès-verbal de désaccord", facultatif=True,
                aide="La négociation a échoué : le procès-verbal de désaccord le constate (art. L3312-5 II 2°).")
        if e.get("cse"):
            c.date_("mise_en_place_consultation_cse", "mise_en_place.date_consultation_cse",
                    "Date de consultation du CSE", facultatif=True,
                    aide=f"Au moins {seuils(d)['consultation_cse']} jours avant le dépôt (art. L3312-5 II 2°).")
    elif mode == "adhesion_branche":
        st.subheader("Accord de branche", divider="gray", anchor=False)
        c.texte("mise_en_place_branche_intitule", "mise_en_place.adhesion_branche.intitule",
                "Intitulé de l'accord de branche", vide_devient_rien=False)
        col1, col2 = st.columns(2)
        with col1:
            c.texte("mise_en_place_branche_idcc", "mise_en_place.adhesion_branche.idcc", "IDCC de la branche")
        with col2:
            c.date_("mise_en_place_branche_agrement", "mise_en_place.adhesion_branche.date_agrement",
                    "Date de l'agrément", facultatif=True)
        if int(e.get("effectif") or 0) < seuils(d)["due"]:
            c.case("mise_en_place_branche_unilateral", "mise_en_place.adhesion_branche.par_document_unilateral",
                   "Adhésion par document unilatéral de l'employeur")


def resume(accord: dict[str, Any]) -> list[tuple[str, str]]:
    mep = accord.get("mise_en_place") or {}
    lignes = [("Mode", LIBELLES_MODES.get(mep.get("mode"), str(mep.get("mode"))))]
    r = mep.get("ratification")
    if r:
        lignes.append(("Vote", f"{r.get('votes_pour')} pour, {r.get('votes_contre')} contre, "
                               f"sur {r.get('effectif_inscrit')} inscrits"))
    for champ, libelle in (("date_pv_desaccord", "Procès-verbal de désaccord"),
                           ("date_consultation_cse", "Consultation du CSE")):
        if mep.get(champ):
            lignes.append((libelle, fmt.date_longue(date_depuis_iso(mep[champ]))))
    ab = mep.get("adhesion_branche")
    if ab:
        lignes.append(("Accord de branche", ab.get("intitule") or "—"))
    return lignes
