"""Étape 2 : le mode de mise en place (seulement ceux que l'entreprise peut utiliser, avec la raison)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from interessement import format as fmt
from interessement.modele import LIBELLES_MODES

from .. import champs as c
from .. import etat
from ..aide import AIDE
from ..brouillon import date_depuis_iso
from ..echappement import md
from ..eligibilite import codes_possibles, modes_possibles, seuils, titulaires_cse, votes_necessaires
from ..textes import A_RENSEIGNER, oui_non

PREFIXES = ["mise_en_place.mode", "mise_en_place.ratification", "mise_en_place.date_pv_desaccord",
            "mise_en_place.date_consultation_cse", "mise_en_place.adhesion_branche", "mise_en_place.vote_cse",
            "mise_en_place.audience_signataires", "mise_en_place.date_consultation_salaries"]

PORTEES = {"formule": "La formule de calcul", "repartition": "La répartition", "anciennete": "L'ancienneté",
           "periode_calcul": "La période de calcul", "duree": "La durée", "dirigeants": "Les dirigeants",
           "versement": "Le versement", "plans_epargne": "Les plans d'épargne", "avances": "Les avances",
           "information": "L'information", "autre": "Autre"}


def preparer(accord: dict[str, Any]) -> None:
    """Crée, vides, les faits que le mode choisi demande (rien n'y est inventé : ni vote, ni date)."""
    mep = accord["mise_en_place"]
    e = accord["entreprise"]
    mode = mep.get("mode")
    representants = bool(e.get("delegues_syndicaux") or e.get("cse"))
    if mode == "ratification" and not mep.get("ratification"):
        mep["ratification"] = {"effectif_inscrit": None, "votes_pour": None, "votes_contre": None, "date_vote": None,
                               "demande_conjointe": None if representants else False, "proces_verbal": None}
    if mode == "accord_cse" and not mep.get("vote_cse"):
        mep["vote_cse"] = {"membres_titulaires_presents": None, "votes_pour": None}
    if mode == "adhesion_branche" and not mep.get("adhesion_branche"):
        unilateral = None if int(e.get("effectif") or 0) < seuils(etat.aujourd_hui())["due"] else False
        mep["adhesion_branche"] = {"intitule": "", "idcc": None, "date_accord": None, "date_agrement": None,
                                   "reference_agrement": None, "accord_type_avec_options": None, "options": [],
                                   "par_document_unilateral": unilateral}


def _entier(v: Any) -> int | None:
    try:
        return None if v is None else int(v)
    except (TypeError, ValueError):
        return None


def controler(accord: dict[str, Any]) -> None:
    mep = accord.get("mise_en_place") or {}
    e = accord.get("entreprise") or {}
    d = etat.aujourd_hui()
    reponses = all(e.get(k) is not None for k in ("effectif", "delegues_syndicaux", "cse",
                                                  "couverte_accord_branche_agree"))
    if reponses and not codes_possibles(e, d):
        c.signaler("mise_en_place.mode", c.Message(
            "bloquant", "Aucun mode de mise en place n'est possible avec les réponses de l'étape « Entreprise ».",
            "Vérifiez le nombre de salariés et les représentants du personnel."))
    mode = mep.get("mode")
    r = mep.get("ratification") or {}
    if mode == "ratification":
        inscrits, pour, contre = (_entier(r.get(k)) for k in ("effectif_inscrit", "votes_pour", "votes_contre"))
        if inscrits is not None and pour is not None:
            besoin = votes_necessaires(inscrits, d)
            if pour + (contre or 0) > inscrits:
                c.signaler("mise_en_place.ratification.votes_pour", c.Message(
                    "bloquant", "Il y a plus de votes que de personnes inscrites à l'effectif."))
            elif pour < besoin:
                c.signaler("mise_en_place.ratification.votes_pour", c.Message(
                    "bloquant", f"Il faut au moins {besoin} votes pour sur {inscrits} personnes inscrites (deux tiers "
                    "de tout le personnel, pas des votants) : le projet n'est pas ratifié (art. L3312-5 I 4°).",
                    "Indiquez le résultat du vote tel qu'il figure au procès-verbal ; s'il n'est pas atteint, le "
                    "projet ne peut pas valoir accord."))
        if (e.get("delegues_syndicaux") or e.get("cse")) and r.get("demande_conjointe") is False:
            c.signaler("mise_en_place.ratification.demande_conjointe", c.Message(
                "bloquant", "Avec des délégués syndicaux ou un CSE, la ratification doit être demandée "
                "conjointement avec eux (art. L3312-5 I 4°).", "Faites la demande avec eux, ou choisissez un autre "
                "mode."))
    if mode == "accord_cse":
        v = mep.get("vote_cse") or {}
        presents, pour = _entier(v.get("membres_titulaires_presents")), _entier(v.get("votes_pour"))
        if presents is not None and pour is not None:
            if pour > presents:
                c.signaler("mise_en_place.vote_cse.votes_pour", c.Message(
                    "bloquant", "Il y a plus de votes favorables que de membres présents."))
            elif pour * 2 <= presents:
                c.signaler("mise_en_place.vote_cse.votes_pour", c.Message(
                    "bloquant", f"{pour} vote{'s' if pour > 1 else ''} favorable{'s' if pour > 1 else ''} sur "
                    f"{presents} membres présents : ce n'est pas la majorité, l'accord n'est pas adopté au sein du "
                    "CSE (art. D3345-1, 2°).", "Indiquez le résultat du procès-verbal de la séance."))
        effectif = _entier(e.get("effectif"))
        prevus = titulaires_cse(effectif, d) if effectif is not None else None
        if presents is not None and prevus is not None and presents > prevus:
            c.signaler("mise_en_place.vote_cse.membres_titulaires_presents", c.Message(
                "information", f"{presents} membres titulaires présents : pour {effectif} salariés, l'article "
                f"R2314-1 prévoit {prevus} titulaire{'s' if prevus > 1 else ''} au CSE, sauf protocole d'accord "
                "préélectoral qui en prévoit davantage.", "Vérifiez ce nombre au procès-verbal des élections du "
                "CSE (ou au protocole préélectoral) : seuls les membres titulaires votent ; rien à changer s'il "
                "est exact.", references=["R2314-1"]))
    if mode in ("accord_delegues_syndicaux", "convention_collective"):
        audience = mep.get("audience_signataires")
        if audience is not None and float(audience) <= 0.3:
            c.signaler("mise_en_place.audience_signataires", c.Message(
                "bloquant", "Des organisations signataires qui ont recueilli 30 % des suffrages ou moins ne peuvent "
                "pas conclure seules un accord valable (art. L2232-12).", "Recueillez d'autres signatures, ou "
                "choisissez un autre mode."))
    if mode == "decision_unilaterale" and any((s or {}).get("partie") == "salaries"
                                              for s in mep.get("signataires") or []):
        c.signaler("mise_en_place.signataires", c.Message(
            "bloquant", "Une décision unilatérale est signée par l'employeur seul : retirez les signataires pour "
            "les salariés.", "À l'étape « Information et signataires »."))


def _option(i: int, base: str) -> None:
    col1, col2 = st.columns([1, 2])
    with col1:
        c.texte(f"mise_en_place_option_{i}_article", f"{base}.article", "Article de l'accord de branche",
                vide_devient_rien=False, placeholder="par exemple « article 5.2 »", max_chars=100)
        c.choix(f"mise_en_place_option_{i}_porte", f"{base}.porte_sur", "Porte sur", PORTEES)
    with col2:
        c.texte(f"mise_en_place_option_{i}_objet", f"{base}.objet", "Objet de l'option (mots de l'accord)",
                vide_devient_rien=False, max_chars=500)
        c.texte(f"mise_en_place_option_{i}_choix", f"{base}.choix", "Option retenue (telle qu'écrite)", zone=True,
                hauteur=70, vide_devient_rien=False, max_chars=2000)


def afficher() -> None:
    accord = etat.accord()
    e = accord["entreprise"]
    d = etat.aujourd_hui()
    manquent = [q for k, q in (("effectif", "le nombre de salariés"), ("delegues_syndicaux", "le délégué syndical"),
                               ("cse", "le CSE"), ("couverte_accord_branche_agree", "l'accord de branche"))
                if e.get(k) is None]
    if manquent:
        st.info("Les modes possibles dépendent de l'étape « Entreprise » : répondez d'abord à ce qui concerne "
                + ", ".join(md(q) for q in manquent) + ".", icon=":material/info:")
        st.button("Aller à l'étape « Entreprise »", key="mise_en_place_aller_entreprise", on_click=etat.aller_a,
                  args=("entreprise",), icon=":material/arrow_back:")
        return
    preparer(accord)
    modes = modes_possibles(e, d)
    possibles = {m.code: m.libelle for m in modes if m.possible}
    representants = {(True, True): "avec un délégué syndical et un CSE",
                     (True, False): "avec un délégué syndical mais sans CSE",
                     (False, True): "sans délégué syndical mais avec un CSE",
                     (False, False): "sans délégué syndical ni CSE"}[(bool(e.get("delegues_syndicaux")),
                                                                   bool(e.get("cse")))]
    st.markdown(f"Votre entreprise compte **{md(e.get('effectif'))} salariés**, {md(representants)}. Voici les façons "
                "de mettre en place l'intéressement qui vous sont ouvertes ; choisissez la vôtre.")
    if possibles:
        c.choix("mise_en_place_mode", "mise_en_place.mode", "Mode de mise en place", possibles, radio=True,
                captions=[m.pourquoi + (f" {m.condition}" if m.condition else "") for m in modes if m.possible],
                aide="Le mode décide qui signe l'accord et ce qu'il faut joindre au dépôt (art. L3312-5, D3345-1).",
                aucun=True)
    else:
        c.afficher_messages("mise_en_place.mode")
    impossibles = [m for m in modes if not m.possible]
    if impossibles:
        with st.expander("Pourquoi les autres modes ne sont pas proposés"):
            for m in impossibles:
                st.markdown(f"- **{md(m.libelle)}** : {md(m.pourquoi)}")
    preparer(accord)
    mode = accord["mise_en_place"].get("mode")
    if mode == "ratification":
        st.subheader("Vote du personnel", divider="gray", anchor=False)
        st.caption(AIDE["ratification"])
        col1, col2, col3 = st.columns(3)
        with col1:
            inscrits = c.entier("mise_en_place_ratification_inscrits", "mise_en_place.ratification.effectif_inscrit",
                                "Personnel inscrit à l'effectif le jour du vote", minimum=0, facultatif=True,
                                aide="Tout le personnel inscrit à l'effectif ce jour-là, votants ou non.")
        with col2:
            c.entier("mise_en_place_ratification_pour", "mise_en_place.ratification.votes_pour", "Votes pour",
                     minimum=0, facultatif=True)
        with col3:
            c.entier("mise_en_place_ratification_contre", "mise_en_place.ratification.votes_contre",
                     "Votes contre", minimum=0, facultatif=True)
        if inscrits is not None:
            st.caption(f"Majorité requise : au moins {votes_necessaires(int(inscrits), d)} votes pour sur {int(inscrits)} "
                       "(deux tiers de tout le personnel inscrit, art. L3312-5 I 4°).")
        c.date_("mise_en_place_ratification_date", "mise_en_place.ratification.date_vote", "Date du vote",
                facultatif=True, aide="C'est aussi la date de conclusion de l'accord (étape « Dates et durée »).")
        c.oui_non("mise_en_place_ratification_pv", "mise_en_place.ratification.proces_verbal",
                  "Le résultat du vote est-il consigné dans un procès-verbal (ou une liste d'émargement) ?",
                  aide="Il est joint au dépôt (art. D3345-1, 3°).")
        if e.get("delegues_syndicaux") or e.get("cse"):
            c.oui_non("mise_en_place_ratification_conjointe", "mise_en_place.ratification.demande_conjointe",
                      "La ratification est-elle demandée conjointement avec les délégués syndicaux ou le CSE ?",
                      aide=AIDE["demande_conjointe"])
    elif mode == "accord_cse":
        st.subheader("Vote du CSE", divider="gray", anchor=False)
        st.caption(AIDE["vote_cse"])
        col1, col2 = st.columns(2)
        with col1:
            c.entier("mise_en_place_cse_presents", "mise_en_place.vote_cse.membres_titulaires_presents",
                     "Membres titulaires présents à la réunion", minimum=0, facultatif=True)
        with col2:
            c.entier("mise_en_place_cse_pour", "mise_en_place.vote_cse.votes_pour", "Votes favorables", minimum=0,
                     facultatif=True)
        st.caption("Indiquez le résultat tel qu'il figure au procès-verbal de la séance ; sa date est la date de "
                   "conclusion (étape « Dates et durée »).")
    elif mode in ("accord_delegues_syndicaux", "convention_collective"):
        st.subheader("Organisations syndicales signataires", divider="gray", anchor=False)
        st.caption(AIDE["audience"])
        audience = c.pourcentage("mise_en_place_audience", "mise_en_place.audience_signataires",
                                 "Suffrages recueillis par les organisations signataires (%)", facultatif=True,
                                 placeholder="à renseigner", pas=1.0,
                                 aide="Part des suffrages exprimés en faveur d'organisations représentatives au "
                                      "premier tour des dernières élections des titulaires au CSE.")
        if audience is not None and 30 < audience <= 50:
            c.date_("mise_en_place_consultation_salaries", "mise_en_place.date_consultation_salaries",
                    "Date de la consultation des salariés qui a approuvé l'accord", facultatif=True,
                    aide="Entre 30 % et 50 %, l'accord n'est valable qu'approuvé par les salariés à la majorité des "
                         "suffrages exprimés (art. L2232-12).")
    elif mode == "decision_unilaterale" and (e.get("delegues_syndicaux") or e.get("cse")):
        st.subheader("Échec de la négociation", divider="gray", anchor=False)
        st.caption(AIDE["pv_desaccord"])
        c.date_("mise_en_place_pv_desaccord", "mise_en_place.date_pv_desaccord",
                "Date du procès-verbal de désaccord", facultatif=True)
        if e.get("cse"):
            c.date_("mise_en_place_consultation_cse", "mise_en_place.date_consultation_cse",
                    "Date de consultation du CSE", facultatif=True,
                    aide=f"Au moins {int(seuils(d)['consultation_cse'])} jours avant le dépôt (art. L3312-5 II 2°).")
    elif mode == "adhesion_branche":
        st.subheader("Accord de branche", divider="gray", anchor=False)
        st.caption(AIDE["branche_accord"])
        base = "mise_en_place.adhesion_branche"
        c.texte("mise_en_place_branche_intitule", f"{base}.intitule", "Intitulé de l'accord de branche",
                vide_devient_rien=False, max_chars=500)
        col1, col2, col3 = st.columns(3)
        with col1:
            c.texte("mise_en_place_branche_idcc", f"{base}.idcc", "IDCC de la branche", max_chars=10,
                    placeholder="4 chiffres")
        with col2:
            c.date_("mise_en_place_branche_date", f"{base}.date_accord", "Date de l'accord de branche",
                    facultatif=True)
        with col3:
            c.date_("mise_en_place_branche_agrement", f"{base}.date_agrement", "Date de l'agrément", facultatif=True)
        c.texte("mise_en_place_branche_reference", f"{base}.reference_agrement",
                "Référence de l'agrément (arrêté ou décision, facultatif)", max_chars=300)
        if int(e.get("effectif") or 0) < seuils(d)["due"]:
            c.oui_non("mise_en_place_branche_unilateral", f"{base}.par_document_unilateral",
                      "L'employeur adhère-t-il par document unilatéral ?",
                      aide="Possible sous 50 salariés si l'accord de branche le prévoit (art. L3312-8).")
        if (accord["mise_en_place"].get("adhesion_branche") or {}).get("par_document_unilateral"):
            c.oui_non("mise_en_place_branche_type", f"{base}.accord_type_avec_options",
                      "L'accord de branche propose-t-il un accord type indiquant les choix laissés à l'employeur ?",
                      aide="Exigé pour une adhésion par document unilatéral (art. L3312-8, L2232-10-1).")
        st.markdown("**Options retenues**")
        st.caption(AIDE["branche_options"])
        c.lignes_editables("mise_en_place_option", f"{base}.options", _option,
                           lambda: {"article": "", "objet": "", "choix": "", "porte_sur": "autre"},
                           libelle_ajout="Ajouter une option retenue", maximum=30)
        c.afficher_messages(f"{base}.options")


def resume(accord: dict[str, Any]) -> list[tuple[str, str]]:
    mep = accord.get("mise_en_place") or {}
    mode = mep.get("mode")
    lignes = [("Mode", LIBELLES_MODES.get(mode, A_RENSEIGNER) if mode else A_RENSEIGNER)]

    def n(v: Any) -> str:
        return A_RENSEIGNER if v is None else str(v)

    r = mep.get("ratification")
    if mode == "ratification" and r:
        lignes.append(("Vote du personnel", f"{n(r.get('votes_pour'))} pour, {n(r.get('votes_contre'))} contre, "
                                            f"sur {n(r.get('effectif_inscrit'))} inscrits"))
        lignes.append(("Procès-verbal du vote", oui_non(r.get("proces_verbal"))))
    v = mep.get("vote_cse")
    if mode == "accord_cse" and v:
        lignes.append(("Vote du CSE", f"{n(v.get('votes_pour'))} votes favorables sur "
                                      f"{n(v.get('membres_titulaires_presents'))} membres présents"))
    if mode in ("accord_delegues_syndicaux", "convention_collective"):
        a = mep.get("audience_signataires")
        lignes.append(("Audience des signataires", A_RENSEIGNER if a is None else fmt.pourcentage(a)))
    for champ, libelle in (("date_pv_desaccord", "Procès-verbal de désaccord"),
                           ("date_consultation_cse", "Consultation du CSE"),
                           ("date_consultation_salaries", "Consultation des salariés")):
        if mep.get(champ):
            lignes.append((libelle, fmt.date_longue(date_depuis_iso(mep[champ]))))
    ab = mep.get("adhesion_branche")
    if mode == "adhesion_branche" and ab:
        lignes.append(("Accord de branche", f"{ab.get('intitule') or A_RENSEIGNER} (IDCC {ab.get('idcc') or '—'})"))
        lignes.append(("Options retenues", str(len(ab.get("options") or [])) or A_RENSEIGNER))
    return lignes
