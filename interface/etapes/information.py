"""Étape 8 : information des salariés, suivi, litiges, non-substitution, signataires et dépôt."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from interessement import format as fmt

from .. import champs as c
from .. import etat
from ..aide import AIDE
from ..brouillon import date_depuis_iso
from ..echappement import md
from ..textes import A_RENSEIGNER, oui_non, proposer_preambule

PREFIXES = ["information", "mise_en_place.signataires", "mise_en_place.lieu", "depot",
            "elements_remuneration_supprimes"]

SUIVI_AVEC_CSE = {"cse": "Le comité social et économique (CSE)",
                  "commission": "Une commission spécialisée créée par le CSE"}
SUIVI_SANS_CSE = {"salaries": "Les salariés directement (il n'y a pas de CSE)"}
SUIVI = SUIVI_AVEC_CSE | SUIVI_SANS_CSE
MOYENS = {"remise_main_propre": "Remise en main propre (contre signature)", "courrier": "Courrier",
          "electronique": "Voie électronique (courriel, espace en ligne)"}
INSTANCES = {"cse": "Le comité social et économique", "commission": "La commission de suivi créée par le CSE",
             "employeur": "L'employeur et le salarié concerné, directement"}
PARTIES = {"employeur": "pour l'employeur", "salaries": "pour les salariés"}

QUALITES_SALARIES = {
    "accord_cse": "Membre titulaire du CSE",
    "accord_delegues_syndicaux": "Délégué syndical",
    "convention_collective": "Délégué syndical",
}
QUALITES_SIGNATAIRE = {"president": "Président", "gerant": "Gérant", "directeur_general": "Directeur général",
                       "directeur_general_delegue": "Directeur général délégué",
                       "chef_entreprise": "Chef d'entreprise", "membre_directoire": "Membre du directoire"}


def ville(adresse: str | None) -> str | None:
    """La ville d'une adresse française (« 8 rue X, 44000 Nantes » → « Nantes ») ; ``None`` si introuvable."""
    if not adresse:
        return None
    m = re.search(r"\b\d{5}\s+([^\d,;]+?)\s*(?:cedex\b.*)?$", adresse.strip(), re.IGNORECASE)
    if m:
        return m.group(1).strip(" .") or None
    morceaux = [x.strip() for x in re.split(r"[,\n]", adresse) if x.strip()]
    return morceaux[-1] if len(morceaux) > 1 and not any(ch.isdigit() for ch in morceaux[-1]) else None


def instances_possibles(accord: dict[str, Any]) -> dict[str, str]:
    """Seuls les organes qui existent dans l'entreprise peuvent examiner un différend."""
    cse = (accord.get("entreprise") or {}).get("cse")
    suivi = (accord.get("information") or {}).get("suivi_par")
    codes = (["cse"] if cse else []) + (["commission"] if cse and suivi == "commission" else []) + ["employeur"]
    return {k: INSTANCES[k] for k in codes}


def proposer_modalites(accord: dict[str, Any]) -> str:
    """Une rédaction type des modalités d'information (L3341-6), proposée à la demande. La fiche distincte (D3313-9)
    n'y est pas décrite : la clause « Information et suivi » la décrit juste après, une seule fois ; le montant dont
    le salarié peut demander le versement n'existe qu'avec un plan d'épargne (clause « Choix du bénéficiaire »)."""
    from interessement import clauses

    return clauses.phrase("modalites_information_proposees")


def proposer_litiges(accord: dict[str, Any]) -> str | None:
    """Le règlement des différends d'après l'organe choisi (jamais un organe qui n'existe pas)."""
    instance = (accord.get("information") or {}).get("instance_litiges")
    qui = {"cse": "entre l'employeur et le comité social et économique",
           "commission": "entre l'employeur et la commission de suivi créée par le comité social et économique",
           "employeur": "entre l'employeur et le salarié concerné"}.get(instance)
    if qui is None:
        return None
    texte = ("de la présente décision" if (accord.get("mise_en_place") or {}).get("mode") == "decision_unilaterale"
             else "du présent accord")
    return (f"Les différends qui pourraient naître de l'application ou de la révision {texte} sont "
            f"examinés en premier lieu {qui}, en vue d'un règlement amiable. À défaut d'accord, ils sont portés "
            "devant la juridiction compétente.")


def controler(accord: dict[str, Any]) -> None:
    info = accord.get("information") or {}
    e = accord.get("entreprise") or {}
    if info.get("suivi_par") in ("cse", "commission") and e.get("cse") is False:
        c.signaler("information.suivi_par", c.Message(
            "bloquant", "L'entreprise n'a pas de CSE : le suivi ne peut pas lui être confié, ni à une commission "
            "créée par lui (art. L3313-2, 6°).", "Choisissez l'information directe des salariés."))
    instance = info.get("instance_litiges")
    if instance and instance not in instances_possibles(accord):
        c.signaler("information.instance_litiges", c.Message(
            "bloquant", f"« {INSTANCES.get(instance, instance)} » n'existe pas dans l'entreprise : un différend ne "
            "peut pas lui être soumis.", "Choisissez un organe qui existe."))
    pres = info.get("presomption_information") or {}
    if pres.get("moyen") in ("courrier", "electronique") and pres.get("jours_apres_envoi") is None:
        c.signaler("information.presomption_information.jours_apres_envoi", c.Message(
            "a_renseigner", "À renseigner : combien de jours après l'envoi le salarié est présumé informé."))
    mep = accord.get("mise_en_place") or {}
    for i, s_ in enumerate(mep.get("signataires") or []):
        if s_.get("partie") == "salaries" and mep.get("mode") in ("accord_delegues_syndicaux", "convention_collective"
                                                                  ) and not (s_.get("organisation") or "").strip():
            c.signaler(f"mise_en_place.signataires[{i}].organisation", c.Message(
                "a_renseigner", "À renseigner : l'organisation syndicale du signataire."))


def _proposer_preambule() -> None:
    etat.synchroniser()
    accord = etat.accord()
    propose = proposer_preambule(accord)
    accord["information"]["preambule"] = propose
    etat.ui()["preambule_propose"] = propose
    etat.oublier_widgets("information_preambule")


def _prendre(chemin: str, valeur: Any, prefixe: str) -> None:
    """Une proposition devient la réponse parce que la personne a cliqué (jamais écrite sans ce clic)."""
    etat.synchroniser()
    etat.fixer(chemin, valeur)
    etat.oublier_widgets(prefixe)


def _ajouter_signataire(signataire: dict[str, Any]) -> None:
    etat.synchroniser()
    liste = etat.valeur("mise_en_place.signataires") or []
    liste.append(signataire)
    etat.fixer("mise_en_place.signataires", liste)
    etat.oublier_widgets("information_signataire_")


def _ligne_signataire(i: int, base: str) -> None:
    mode = etat.accord()["mise_en_place"].get("mode")
    syndical = mode in ("accord_delegues_syndicaux", "convention_collective")
    colonnes = st.columns([3, 3, 2, 2] if syndical else [3, 3, 2])
    with colonnes[0]:
        c.texte(f"information_signataire_{i}_nom", f"{base}.nom", "Nom et prénom", vide_devient_rien=False)
    with colonnes[1]:
        c.texte(f"information_signataire_{i}_qualite", f"{base}.qualite", "Qualité", vide_devient_rien=False)
    with colonnes[2]:
        c.choix(f"information_signataire_{i}_partie", f"{base}.partie", "Signe", PARTIES)
    if syndical:
        with colonnes[3]:
            c.texte(f"information_signataire_{i}_organisation", f"{base}.organisation", "Organisation syndicale")


def _ligne_element(i: int, base: str) -> None:
    col1, col2, col3 = st.columns([3, 2, 2])
    with col1:
        c.texte(f"information_element_{i}_libelle", f"{base}.libelle", "Élément supprimé ou réduit",
                vide_devient_rien=False)
    with col2:
        c.date_(f"information_element_{i}_date", f"{base}.date_suppression", "Date", facultatif=True)
    with col3:
        c.euros(f"information_element_{i}_montant", f"{base}.montant_annuel_centimes", "Montant annuel (€)",
                facultatif=True, afficher_montant=False)


def _preambule(accord: dict[str, Any]) -> None:
    st.subheader("Préambule", divider="gray", anchor=False)
    c.texte("information_preambule", "information.preambule", "Pourquoi cet accord, cette formule et ces clés",
            zone=True, hauteur=170, aide=AIDE["preambule"], max_chars=5000, vide_devient_rien=False)
    if accord["information"].get("preambule") and accord["information"]["preambule"] == etat.ui().get(
            "preambule_propose"):
        st.caption("Ce texte a été proposé d'après vos réponses et suit vos changements de formule ; dès que vous le "
                   "modifiez, il reste tel que vous l'avez écrit.")
    st.button("Proposer un préambule d'après mes réponses", key="information_proposer", icon=":material/edit_note:",
              on_click=_proposer_preambule)


def _suivi(accord: dict[str, Any]) -> None:
    info = accord["information"]
    cse = accord["entreprise"].get("cse")
    st.subheader("Information et suivi", divider="gray", anchor=False)
    if cse is None:
        st.info("Répondez d'abord à l'étape « Entreprise » : y a-t-il un CSE ? Le suivi en dépend.",
                icon=":material/info:")
    else:
        options = SUIVI_AVEC_CSE if cse else SUIVI_SANS_CSE
        st.caption("D'après l'étape « Entreprise », un CSE est élu : le suivi lui revient, ou à une commission qu'il "
                    "crée." if cse else "D'après l'étape « Entreprise », il n'y a pas de CSE : les salariés sont "
                    "informés directement (pas de commission de suivi).")
        c.choix("information_suivi", "information.suivi_par", "Qui suit l'application de l'accord", options,
                aide=AIDE["suivi"], radio=True, aucun=True)
        info["commission_creee_par_cse"] = info.get("suivi_par") == "commission"
    c.texte("information_salaries", "information.modalites_information_salaries",
            "Comment les salariés sont informés", zone=True, hauteur=160, aide=AIDE["modalites_information"])
    if not (info.get("modalites_information_salaries") or "").strip():
        st.button("Proposer une rédaction (livret d'épargne salariale et fiche distincte)", key="information_prendre_"
                  "modalites", on_click=_prendre, args=("information.modalites_information_salaries",
                                                       proposer_modalites(accord), "information_salaries"),
                  icon=":material/edit_note:", help="Le texte apparaît dans le champ : relisez-le et adaptez-le.")
    st.markdown("**Date où chaque salarié est présumé informé de sa prime**")
    sans_plan = not (accord.get("versement") or {}).get("plans_epargne") and (
        etat.ui().get("questions") or {}).get("plans") is False
    st.caption(AIDE["presomption_sans_plan"] if sans_plan else AIDE["presomption"])
    col1, col2 = st.columns([2, 1])
    pres = info.get("presomption_information") or {}
    with col1:
        c.choix("information_presomption_moyen", "information.presomption_information.moyen",
                "Comment la fiche de chaque salarié lui est remise", MOYENS, radio=True, aucun=True)
    pres = info.get("presomption_information") or {}
    if pres.get("moyen") == "remise_main_propre":
        pres["jours_apres_envoi"] = 0
        col2.caption("Présumé informé le jour de la remise.")
    elif pres.get("moyen"):
        with col2:
            c.entier("information_presomption_jours", "information.presomption_information.jours_apres_envoi",
                     "Présumé informé … jours après l'envoi", minimum=0, maximum=15, facultatif=True,
                     aide="Par exemple 3 jours pour un courrier ; 0 pour le jour même de la mise en ligne.")
    if info.get("presomption_information") is not None and not (info["presomption_information"] or {}).get("moyen"):
        info["presomption_information"] = None


def _litiges(accord: dict[str, Any]) -> None:
    info = accord["information"]
    st.markdown("**Règlement des différends**")
    c.choix("information_instance", "information.instance_litiges", "Qui examine d'abord un différend",
            instances_possibles(accord), radio=True, aucun=True, aide=AIDE["instance_litiges"])
    c.texte("information_litiges", "information.reglement_litiges", "Règlement des différends", zone=True,
            hauteur=90, aide=AIDE["litiges"])
    propose = proposer_litiges(accord)
    if propose and (info.get("reglement_litiges") or "").strip() != propose:
        st.button("Rédiger d'après ma réponse ci-dessus", key="information_prendre_litiges", on_click=_prendre,
                  args=("information.reglement_litiges", propose, "information_litiges"), icon=":material/edit_note:",
                  help="Remplace le texte du champ par une rédaction qui nomme l'organe choisi.")


def _elements(accord: dict[str, Any]) -> None:
    st.subheader("Éléments de salaire supprimés", divider="gray", anchor=False)
    st.caption(AIDE["non_substitution"])
    reponse = c.oui_non("information_substitution", "ui.questions.elements_supprimes",
                        "Avez-vous supprimé ou réduit une prime ou un élément de salaire depuis moins d'un an ?")
    if reponse:
        if not accord.get("elements_remuneration_supprimes"):
            accord["elements_remuneration_supprimes"] = [
                {"libelle": "", "date_suppression": None, "montant_annuel_centimes": None}]
        c.lignes_editables("information_element", "elements_remuneration_supprimes", _ligne_element,
                           lambda: {"libelle": "", "date_suppression": None, "montant_annuel_centimes": None},
                           libelle_ajout="Ajouter un élément", maximum=10, minimum=1)
        c.afficher_messages("elements_remuneration_supprimes")
    elif reponse is False:
        accord["elements_remuneration_supprimes"] = []


def _signataires(accord: dict[str, Any]) -> None:
    st.subheader("Signataires", divider="gray", anchor=False)
    st.caption(AIDE["signataires"])
    mep = accord["mise_en_place"]
    mode = mep.get("mode")
    if mode == "ratification":  # la décision unilatérale (signée par l'employeur seul) est dite par l'aide
        st.caption("Le projet est signé par l'employeur ; le procès-verbal du vote est joint au dépôt.")
    signataires = mep.get("signataires") or []
    noms = {(s_.get("nom") or "").strip() for s_ in signataires}
    for i, d in enumerate(accord["entreprise"].get("dirigeants") or []):
        nom = (d.get("nom") or "").strip()
        if not nom or nom in noms:
            continue
        qualite = QUALITES_SIGNATAIRE.get(d.get("qualite"))
        if qualite is None:
            continue
        st.button(f"Ajouter « {md(nom)}, {md(qualite)} » comme signataire pour l'employeur", key=f"information_proposer_"
                  f"signataire_{i}", on_click=_ajouter_signataire,
                  args=({"nom": nom, "qualite": qualite, "partie": "employeur", "organisation": None},),
                  icon=":material/person_add:", help="D'après les dirigeants de l'étape « Entreprise ».")
    c.lignes_editables("information_signataire", "mise_en_place.signataires", _ligne_signataire,
                       lambda: {"nom": "", "qualite": QUALITES_SALARIES.get(mode, ""),
                                "partie": "salaries" if mode in QUALITES_SALARIES else "employeur",
                                "organisation": None},
                       libelle_ajout="Ajouter un signataire", maximum=20)
    c.afficher_messages("mise_en_place.signataires")
    c.texte("information_lieu", "mise_en_place.lieu", "Fait à (ville)", aide=AIDE["lieu"], max_chars=100)
    proposee = ville(accord["entreprise"].get("adresse"))
    if proposee and not (mep.get("lieu") or "").strip():
        st.button(f"Prendre « {md(proposee)} » (ville du siège)", key="information_prendre_lieu", on_click=_prendre,
                  args=("mise_en_place.lieu", proposee, "information_lieu"), icon=":material/location_on:")


def afficher() -> None:
    accord = etat.accord()
    accord.setdefault("information", {})
    _preambule(accord)
    _suivi(accord)
    _litiges(accord)
    _elements(accord)
    _signataires(accord)
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
    signataires = "; ".join(f"{s.get('nom') or A_RENSEIGNER} ({s.get('qualite') or A_RENSEIGNER}, "
                            f"{PARTIES.get(s.get('partie'), '')})" for s in mep.get("signataires") or []) or A_RENSEIGNER
    elements = accord.get("elements_remuneration_supprimes") or []
    pres = info.get("presomption_information") or {}
    preambule = info.get("preambule") or ""
    lignes = [
        ("Préambule", (preambule[:200] + ("…" if len(preambule) > 200 else "")) or A_RENSEIGNER),
        ("Suivi", SUIVI.get(info.get("suivi_par"), A_RENSEIGNER)),
        ("Information des salariés", info.get("modalites_information_salaries") or A_RENSEIGNER),
        ("Présumé informé", (MOYENS.get(pres.get("moyen"), "") + (
            f", {pres.get('jours_apres_envoi')} jour(s) après l'envoi" if pres.get("jours_apres_envoi") else ""))
         or A_RENSEIGNER),
        ("Différends examinés d'abord par", INSTANCES.get(info.get("instance_litiges"), A_RENSEIGNER)),
        ("Règlement des différends", info.get("reglement_litiges") or A_RENSEIGNER),
        ("Éléments de salaire supprimés", ", ".join(e.get("libelle") or "?" for e in elements)
         or oui_non(etat.ui().get("questions", {}).get("elements_supprimes")).replace("non", "aucun")),
        ("Signataires", signataires),
        ("Fait à", mep.get("lieu") or A_RENSEIGNER),
    ]
    if depot.get("date_depot"):
        lignes.append(("Dépôt", fmt.date_longue(date_depuis_iso(depot["date_depot"]))
                       + (f", récépissé {depot['numero_recepisse']}" if depot.get("numero_recepisse") else "")))
    return lignes
