"""Étape 1 : l'entreprise (nom, SIREN, effectif, représentants du personnel, branche, dirigeants)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from interessement import format as fmt
from interessement.modele import siren_valide

from .. import champs as c
from .. import etat
from ..aide import AIDE
from ..eligibilite import seuils
from ..fenetres import section
from ..textes import A_RENSEIGNER, oui_non

PREFIXES = ["entreprise"]

QUALITES = {
    "president": "Président(e)",
    "gerant": "Gérant(e)",
    "directeur_general": "Directeur général / directrice générale",
    "directeur_general_delegue": "Directeur général délégué",
    "chef_entreprise": "Chef d'entreprise (entreprise individuelle)",
    "membre_directoire": "Membre du directoire",
    "conjoint_collaborateur": "Conjoint collaborateur",
    "conjoint_associe": "Conjoint associé",
}


def controler(accord: dict[str, Any]) -> None:
    e = accord.get("entreprise") or {}
    siren = (e.get("siren") or "").replace(" ", "")
    if siren and not siren_valide(siren):
        texte = ("Le SIREN compte 9 chiffres." if len(siren) != 9 or not siren.isdigit()
                 else "Ce SIREN n'est pas valide : la clé de contrôle (dernier chiffre) ne correspond pas.")
        c.signaler("entreprise.siren", c.Message("bloquant", texte, "Recopiez le SIREN de l'avis de situation Insee."))
    elif not siren and (e.get("raison_sociale") or "").strip():
        c.signaler("entreprise.siren", c.Message(
            "avertissement", "Le SIREN n'est pas renseigné : il sera demandé lors du dépôt sur TéléAccords."))
    if e.get("effectif") is not None and int(e.get("effectif") or 0) < 1:
        c.signaler("entreprise.effectif", c.Message(
            "bloquant", "Un accord d'intéressement demande au moins un salarié en plus du dirigeant (art. L3312-3).",
            "Indiquez le nombre de salariés de l'entreprise."))


def _ligne_dirigeant(i: int, base: str) -> None:
    col1, col2, col3 = st.columns([3, 3, 2], vertical_alignment="bottom")
    with col1:
        c.texte(f"entreprise_dirigeant_{i}_nom", f"{base}.nom", "Nom et prénom", vide_devient_rien=False)
    with col2:
        c.choix(f"entreprise_dirigeant_{i}_qualite", f"{base}.qualite", "Qualité", QUALITES, aucun=True)
    with col3:
        c.case(f"entreprise_dirigeant_{i}_contrat", f"{base}.titulaire_contrat_travail",
               "A aussi un contrat de travail")


def _ligne_resultat(i: int, base: str) -> None:
    col1, col2, col3 = st.columns([1, 2, 2])
    with col1:
        c.entier(f"entreprise_resultat_{i}_exercice", f"{base}.exercice", "Exercice", minimum=2000, maximum=2100,
                 facultatif=True)
    with col2:
        c.euros(f"entreprise_resultat_{i}_benefice", f"{base}.benefice_net_fiscal_centimes",
                "Bénéfice net fiscal (€)", minimum=None, facultatif=True, placeholder="à renseigner")
    with col3:
        c.euros(f"entreprise_resultat_{i}_ca", f"{base}.chiffre_affaires_centimes", "Chiffre d'affaires (€)",
                facultatif=True, placeholder="à renseigner")


def afficher() -> None:
    st.markdown("Commençons par votre entreprise : ces réponses décident des modes de mise en place possibles "
                "et figurent en tête de l'accord.")
    col1, col2 = st.columns(2)
    with col1:
        c.texte("entreprise_raison_sociale", "entreprise.raison_sociale", "Raison sociale",
                aide=AIDE["raison_sociale"], vide_devient_rien=False, max_chars=300)
        c.texte("entreprise_siren", "entreprise.siren", "Numéro SIREN", aide=AIDE["siren"],
                placeholder="9 chiffres", max_chars=11)
        c.texte("entreprise_adresse", "entreprise.adresse", "Adresse du siège", aide=AIDE["adresse"],
                placeholder="numéro, rue, code postal et ville", max_chars=300)
    with col2:
        c.texte("entreprise_forme_juridique", "entreprise.forme_juridique", "Forme juridique",
                placeholder="SAS, SARL, SA…", max_chars=60)
        c.entier("entreprise_effectif", "entreprise.effectif", "Nombre de salariés", minimum=0, maximum=10_000_000,
                 aide=AIDE["effectif"], facultatif=True)
        c.texte("entreprise_convention_collective", "entreprise.convention_collective",
                "Convention collective (intitulé et IDCC)", placeholder="IDCC 1596 — Bâtiment ouvriers")

    st.subheader("Représentants du personnel", divider="gray", anchor=False)
    e = etat.accord()["entreprise"]
    col1, col2 = st.columns(2)
    with col1:
        c.oui_non("entreprise_delegues_syndicaux", "entreprise.delegues_syndicaux",
                  "L'entreprise a-t-elle au moins un délégué syndical ?", aide=AIDE["ds"])
    with col2:
        c.oui_non("entreprise_cse", "entreprise.cse", "Un comité social et économique (CSE) est-il élu ?",
                  aide=AIDE["cse"])
    s = seuils(etat.aujourd_hui())
    if e.get("effectif") is not None and int(e.get("effectif") or 0) >= s["cse"] and e.get("cse") is False:
        c.date_("entreprise_date_pv_carence", "entreprise.date_pv_carence", "Date du procès-verbal de carence",
                aide=AIDE["pv_carence"], facultatif=True)
    c.oui_non("entreprise_branche", "entreprise.couverte_accord_branche_agree",
              "Un accord d'intéressement de branche agréé couvre-t-il l'entreprise ?", aide=AIDE["branche"])

    st.subheader("Dirigeants", divider="gray", anchor=False)
    st.caption(AIDE["dirigeants"])
    c.lignes_editables("entreprise_dirigeant", "entreprise.dirigeants", _ligne_dirigeant,
                       lambda: {"nom": "", "qualite": None, "titulaire_contrat_travail": False},
                       libelle_ajout="Ajouter un dirigeant", maximum=10)
    c.afficher_messages("entreprise.dirigeants")

    st.subheader("Établissements", divider="gray", anchor=False)
    c.lignes("entreprise_etablissements", "entreprise.etablissements", "Établissements (un par ligne)",
             aide=AIDE["etablissements"])

    effectif = int(e.get("effectif") or 0)
    conteneur, ouverte = section("Obligation de partage de la valeur (entreprises de 11 à 49 salariés)",
                                 "entreprise_section_resultats", ouverte=bool(e.get("resultats_fiscaux")))
    if not ouverte:  # contenu écrit seulement dépliée (interface.fenetres)
        return
    with conteneur:
        st.caption(AIDE["resultats_fiscaux"])
        if 11 <= effectif < 50:
            st.markdown("Indiquez vos trois derniers exercices pour savoir si l'obligation vous concerne "
                        "(facultatif).")
        c.lignes_editables("entreprise_resultat", "entreprise.resultats_fiscaux", _ligne_resultat,
                           lambda: {"exercice": None, "benefice_net_fiscal_centimes": None,
                                    "chiffre_affaires_centimes": None},
                           libelle_ajout="Ajouter un exercice", maximum=10)


def resume(accord: dict[str, Any]) -> list[tuple[str, str]]:
    e = accord.get("entreprise") or {}
    dirigeants = ", ".join(f"{d.get('nom') or A_RENSEIGNER} ({QUALITES.get(d.get('qualite'), A_RENSEIGNER)})"
                           for d in e.get("dirigeants") or []) or A_RENSEIGNER
    lignes = [
        ("Raison sociale", e.get("raison_sociale") or A_RENSEIGNER),
        ("Forme juridique", e.get("forme_juridique") or "—"),
        ("SIREN", e.get("siren") or "non renseigné"),
        ("Adresse", e.get("adresse") or A_RENSEIGNER),
        ("Nombre de salariés", A_RENSEIGNER if e.get("effectif") is None else str(e.get("effectif"))),
        ("Délégué syndical", oui_non(e.get("delegues_syndicaux"))),
        ("CSE", oui_non(e.get("cse"))),
        ("Convention collective", e.get("convention_collective") or "—"),
        ("Accord de branche agréé", oui_non(e.get("couverte_accord_branche_agree"))),
        ("Dirigeants", dirigeants),
        ("Établissements", ", ".join(e.get("etablissements") or []) or "—"),
    ]
    if e.get("date_pv_carence"):
        from ..brouillon import date_depuis_iso

        lignes.append(("Procès-verbal de carence", fmt.date_longue(date_depuis_iso(e["date_pv_carence"]))))
    return lignes
