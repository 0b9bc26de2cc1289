"""Étape 8 : information des salariés, suivi, litiges, non-substitution, signataires et dépôt."""

from __future__ import annotations

from typing import Any

import streamlit as st

from interessement import format as fmt

from .. import champs as c
from .. import etat
from ..aide import AIDE
from ..brouillon import INFORMATION_DEFAUT, date_depuis_iso
from ..textes import proposer_preambule

PREFIXES = ["information", "mise_en_place.signataires", "mise_en_place.lieu", "depot",
            "elements_remuneration_supprimes"]

SUIVI = {"cse": "Le comité social et économique (CSE)", "commission": "Une commission de suivi spécifique",
         "salaries": "Les salariés directement (pas de CSE)"}
PARTIES = {"employeur": "pour l'employeur", "salaries": "pour les salariés"}

QUALITES_SALARIES = {
    "accord_cse": "Membre titulaire du CSE",
    "accord_delegues_syndicaux": "Délégué syndical",
    "convention_collective": "Délégué syndical",
    "ratification": "Salarié (ratification)",
}


def controler(accord: dict[str, Any]) -> None:
    info = accord.get("information") or {}
    for champ, quoi in (("preambule", "le préambule"), ("modalites_information_salaries",
                                                       "comment les salariés sont informés"),
                        ("reglement_litiges", "comment les différends sont réglés")):
        if not (info.get(champ) or "").strip():
            c.signaler(f"information.{champ}", c.Message(
                "avertissement", f"Rédigez {quoi} : c'est une clause obligatoire de l'accord (art. L3313-2)."))
    mep = accord.get("mise_en_place") or {}
    signataires = mep.get("signataires") or []
    for i, s in enumerate(signataires):
        if not (s.get("nom") or "").strip():
            c.signaler(f"mise_en_place.signataires[{i}].nom", c.Message("bloquant", "Indiquez le nom du signataire."))
        if not (s.get("qualite") or "").strip():
            c.signaler(f"mise_en_place.signataires[{i}].qualite", c.Message(
                "bloquant", "Indiquez la qualité du signataire."))
    if not any(s.get("partie") == "employeur" for s in signataires):
        c.signaler("mise_en_place.signataires", c.Message(
            "avertissement", "Ajoutez le représentant de l'employeur qui signe l'accord."))
    if mep.get("mode") in ("accord_cse", "accord_delegues_syndicaux", "convention_collective") and not any(
            s.get("partie") == "salaries" for s in signataires):
        c.signaler("mise_en_place.signataires", c.Message(
            "avertissement", "Ajoutez les signataires pour les salariés (membres du CSE ou délégués syndicaux)."))


def _proposer_preambule() -> None:
    etat.synchroniser()
    accord = etat.accord()
    propose = proposer_preambule(accord)
    accord["information"]["preambule"] = propose
    etat.ui()["preambule_propose"] = propose
    etat.oublier_widgets("information_preambule")


def _ligne_signataire(i: int, base: str) -> None:
    col1, col2, col3 = st.columns([3, 3, 2])
    with col1:
        c.texte(f"information_signataire_{i}_nom", f"{base}.nom", "Nom et prénom", vide_devient_rien=False)
    with col2:
        c.texte(f"information_signataire_{i}_qualite", f"{base}.qualite", "Qualité", vide_devient_rien=False)
    with col3:
        c.choix(f"information_signataire_{i}_partie", f"{base}.partie", "Signe", PARTIES)


def _ligne_element(i: int, base: str) -> None:
    col1, col2, col3 = st.columns([3, 2, 2])
    with col1:
        c.texte(f"information_element_{i}_libelle", f"{base}.libelle", "Élément supprimé ou réduit",
                vide_devient_rien=False)
    with col2:
        c.date_(f"information_element_{i}_date", f"{base}.date_suppression", "Date")
    with col3:
        c.euros(f"information_element_{i}_montant", f"{base}.montant_annuel_centimes", "Montant annuel (€)",
                facultatif=True, afficher_montant=False)


def afficher() -> None:
    accord = etat.accord()
    info = accord.setdefault("information", {})
    for cle, valeur in INFORMATION_DEFAUT.items():
        if info.get(cle) is None:
            info[cle] = valeur
    st.subheader("Préambule", divider="gray", anchor=False)
    c.texte("information_preambule", "information.preambule", "Pourquoi cet accord, cette formule et ces clés",
            zone=True, hauteur=170, aide=AIDE["preambule"], max_chars=5000, vide_devient_rien=False)
    if accord["information"].get("preambule") and accord["information"]["preambule"] == etat.ui().get(
            "preambule_propose"):
        st.caption("Ce texte est proposé d'après vos réponses et suit vos changements de formule ; dès que vous le "
                   "modifiez, il reste tel que vous l'avez écrit.")
    st.button("Proposer un préambule d'après mes réponses", key="information_proposer", icon=":material/edit_note:",
              on_click=_proposer_preambule)

    st.subheader("Information et suivi", divider="gray", anchor=False)
    c.choix("information_suivi", "information.suivi_par", "Qui suit l'application de l'accord", SUIVI,
            aide=AIDE["suivi"], defaut="cse" if accord["entreprise"].get("cse") else "commission")
    c.texte("information_salaries", "information.modalites_information_salaries",
            "Comment les salariés sont informés", zone=True, hauteur=90, aide=AIDE["suivi"])
    c.texte("information_litiges", "information.reglement_litiges", "Règlement des différends", zone=True,
            hauteur=90, aide=AIDE["litiges"])

    st.subheader("Éléments de salaire supprimés", divider="gray", anchor=False)
    st.caption(AIDE["non_substitution"])
    elements = accord.get("elements_remuneration_supprimes") or []
    cle = "information_substitution"
    if cle not in st.session_state:
        st.session_state[cle] = "oui" if elements else "non"
    reponse = st.radio("Avez-vous supprimé ou réduit une prime ou un élément de salaire depuis moins d'un an ?",
                       ["non", "oui"], key=cle, horizontal=True)
    if reponse == "oui":
        if not elements:
            accord["elements_remuneration_supprimes"] = [
                {"libelle": "", "date_suppression": etat.aujourd_hui().isoformat(), "montant_annuel_centimes": None}]
        c.lignes_editables("information_element", "elements_remuneration_supprimes", _ligne_element,
                           lambda: {"libelle": "", "date_suppression": etat.aujourd_hui().isoformat(),
                                    "montant_annuel_centimes": None},
                           libelle_ajout="Ajouter un élément", maximum=10, minimum=1)
        c.afficher_messages("elements_remuneration_supprimes")
    else:
        accord["elements_remuneration_supprimes"] = []

    st.subheader("Signataires", divider="gray", anchor=False)
    mode = accord["mise_en_place"].get("mode")
    if mode == "decision_unilaterale":
        st.caption("Une décision unilatérale est signée par l'employeur seul.")
    elif mode == "ratification":
        st.caption("Le projet est signé par l'employeur ; le procès-verbal du vote est joint au dépôt.")
    c.lignes_editables("information_signataire", "mise_en_place.signataires", _ligne_signataire,
                       lambda: {"nom": "", "qualite": QUALITES_SALARIES.get(mode, ""), "partie": "salaries",
                                "organisation": None},
                       libelle_ajout="Ajouter un signataire", maximum=20)
    c.afficher_messages("mise_en_place.signataires")
    c.texte("information_lieu", "mise_en_place.lieu", "Fait à (ville)")

    with st.expander("L'accord est déjà déposé ? (facultatif)", expanded=bool((accord.get("depot") or {}).get(
            "date_depot"))):
        st.caption(AIDE["depot"])
        col1, col2 = st.columns(2)
        with col1:
            c.date_("information_depot_date", "depot.date_depot", "Date du dépôt sur TéléAccords", facultatif=True)
        with col2:
            c.texte("information_depot_numero", "depot.numero_recepisse", "Numéro du récépissé")
        c.texte("information_depot_code", "depot.code_prevalidation", "Code d'identification (accord pré-validé)",
                aide=AIDE["prevalidation"])


def resume(accord: dict[str, Any]) -> list[tuple[str, str]]:
    info = accord.get("information") or {}
    mep = accord.get("mise_en_place") or {}
    depot = accord.get("depot") or {}
    signataires = "; ".join(f"{s.get('nom')} ({s.get('qualite')}, {PARTIES.get(s.get('partie'), '')})"
                            for s in mep.get("signataires") or []) or "aucun"
    elements = accord.get("elements_remuneration_supprimes") or []
    lignes = [
        ("Préambule", (info.get("preambule") or "—")[:200] + ("…" if len(info.get("preambule") or "") > 200 else "")),
        ("Suivi", SUIVI.get(info.get("suivi_par"), "—")),
        ("Information des salariés", info.get("modalites_information_salaries") or "—"),
        ("Règlement des différends", info.get("reglement_litiges") or "—"),
        ("Éléments de salaire supprimés", ", ".join(e.get("libelle") or "?" for e in elements) or "aucun"),
        ("Signataires", signataires),
        ("Lieu", mep.get("lieu") or "—"),
    ]
    if depot.get("date_depot"):
        lignes.append(("Dépôt", fmt.date_longue(date_depuis_iso(depot["date_depot"]))
                       + (f", récépissé {depot['numero_recepisse']}" if depot.get("numero_recepisse") else "")))
    return lignes
