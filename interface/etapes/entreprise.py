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
    if not (e.get("raison_sociale") or "").strip():
        c.signaler("entreprise.raison_sociale", c.Message("bloquant", "Indiquez la raison sociale de l'entreprise."))
    siren = (e.get("siren") or "").replace(" ", "")
    if siren and not siren_valide(siren):
        texte = ("Le SIREN compte 9 chiffres." if len(siren) != 9 or not siren.isdigit()
                 else "Ce SIREN n'est pas valide : la clé de contrôle (dernier chiffre) ne correspond pas.")
        c.signaler("entreprise.siren", c.Message("bloquant", texte, "Recopiez le SIREN de l'avis de situation Insee."))
    elif not siren:
        c.signaler("entreprise.siren", c.Message(
            "avertissement", "Le SIREN n'est pas renseigné : il sera demandé lors du dépôt sur TéléAccords."))
    d = etat.aujourd_hui()
    s = seuils(d)
    effectif = int(e.get("effectif") or 0)
    if effectif < 1:
        c.signaler("entreprise.effectif", c.Message(
            "bloquant", "Un accord d'intéressement demande au moins un salarié en plus du dirigeant.",
            "Indiquez le nombre de salariés de l'entreprise."))
    if effectif >= s["cse"] and not e.get("cse") and not e.get("date_pv_carence"):
        c.signaler("entreprise.date_pv_carence", c.Message(
            "avertissement",
            f"À partir de {s['cse']} salariés, sans CSE, il faut un procès-verbal de carence (élections "
            "organisées sans candidat).", "Indiquez la date du procès-verbal de carence."))


def _ligne_dirigeant(i: int, base: str) -> None:
    col1, col2, col3 = st.columns([3, 3, 2], vertical_alignment="bottom")
    with col1:
        c.texte(f"entreprise_dirigeant_{i}_nom", f"{base}.nom", "Nom et prénom", vide_devient_rien=False)
    with col2:
        c.choix(f"entreprise_dirigeant_{i}_qualite", f"{base}.qualite", "Qualité", QUALITES)
    with col3:
        c.case(f"entreprise_dirigeant_{i}_contrat", f"{base}.titulaire_contrat_travail",
               "A aussi un contrat de travail")


def _ligne_resultat(i: int, base: str) -> None:
    col1, col2, col3 = st.columns([1, 2, 2])
    with col1:
        c.entier(f"entreprise_resultat_{i}_exercice", f"{base}.exercice", "Exercice", minimum=2000, maximum=2100,
                 defaut=etat.aujourd_hui().year - 1)
    with col2:
        c.euros(f"entreprise_resultat_{i}_benefice", f"{base}.benefice_net_fiscal_centimes",
                "Bénéfice net fiscal (€)", minimum=None)
    with col3:
        c.euros(f"entreprise_resultat_{i}_ca", f"{base}.chiffre_affaires_centimes", "Chiffre d'affaires (€)")


def afficher() -> None:
    st.markdown("Commençons par votre entreprise : ces réponses décident des modes de mise en place possibles "
                "et figurent en tête de l'accord.")
    col1, col2 = st.columns(2)
    with col1:
        c.texte("entreprise_raison_sociale", "entreprise.raison_sociale", "Raison sociale",
                aide=AIDE["raison_sociale"], vide_devient_rien=False, max_chars=300)
        c.texte("entreprise_siren", "entreprise.siren", "Numéro SIREN", aide=AIDE["siren"],
                placeholder="9 chiffres", max_chars=11)
        c.texte("entreprise_adresse", "entreprise.adresse", "Adresse du siège")
    with col2:
        c.texte("entreprise_forme_juridique", "entreprise.forme_juridique", "Forme juridique",
                placeholder="SAS, SARL, SA…", max_chars=60)
        c.entier("entreprise_effectif", "entreprise.effectif", "Nombre de salariés", minimum=0, maximum=10_000_000,
                 aide=AIDE["effectif"])
        c.texte("entreprise_convention_collective", "entreprise.convention_collective",
                "Convention collective (intitulé et IDCC)", placeholder="IDCC 1596 — Bâtiment ouvriers")

    st.subheader("Représentants du personnel", divider="gray", anchor=False)
    e = etat.accord()["entreprise"]
    col1, col2 = st.columns(2)
    with col1:
        c.case("entreprise_delegues_syndicaux", "entreprise.delegues_syndicaux",
               "L'entreprise a au moins un délégué syndical", aide=AIDE["ds"])
    with col2:
        c.case("entreprise_cse", "entreprise.cse", "Un comité social et économique (CSE) est élu", aide=AIDE["cse"])
    s = seuils(etat.aujourd_hui())
    if int(e.get("effectif") or 0) >= s["cse"] and not e.get("cse"):
        c.date_("entreprise_date_pv_carence", "entreprise.date_pv_carence", "Date du procès-verbal de carence",
                aide=AIDE["pv_carence"], facultatif=True)
    elif e.get("date_pv_carence") and e.get("cse"):
        e["date_pv_carence"] = None
    c.case("entreprise_branche", "entreprise.couverte_accord_branche_agree",
           "Un accord d'intéressement de branche agréé couvre l'entreprise", aide=AIDE["branche"])

    st.subheader("Dirigeants", divider="gray", anchor=False)
    st.caption(AIDE["dirigeants"])
    c.lignes_editables("entreprise_dirigeant", "entreprise.dirigeants", _ligne_dirigeant,
                       lambda: {"nom": "", "qualite": "president", "titulaire_contrat_travail": False},
                       libelle_ajout="Ajouter un dirigeant", maximum=10)

    st.subheader("Établissements", divider="gray", anchor=False)
    c.lignes("entreprise_etablissements", "entreprise.etablissements", "Établissements (un par ligne)",
             aide=AIDE["etablissements"])

    effectif = int(e.get("effectif") or 0)
    with st.expander("Obligation de partage de la valeur (entreprises de 11 à 49 salariés)",
                     expanded=bool(e.get("resultats_fiscaux"))):
        st.caption(AIDE["resultats_fiscaux"])
        if 11 <= effectif < 50:
            st.markdown("Indiquez vos trois derniers exercices pour savoir si l'obligation vous concerne "
                        "(facultatif).")
        c.lignes_editables("entreprise_resultat", "entreprise.resultats_fiscaux", _ligne_resultat,
                           lambda: {"exercice": etat.aujourd_hui().year - 1, "benefice_net_fiscal_centimes": 0,
                                    "chiffre_affaires_centimes": 0},
                           libelle_ajout="Ajouter un exercice", maximum=10)


def resume(accord: dict[str, Any]) -> list[tuple[str, str]]:
    e = accord.get("entreprise") or {}
    dirigeants = ", ".join(f"{d.get('nom')} ({QUALITES.get(d.get('qualite'), d.get('qualite'))})"
                           for d in e.get("dirigeants") or []) or "aucun"
    lignes = [
        ("Raison sociale", e.get("raison_sociale") or "—"),
        ("Forme juridique", e.get("forme_juridique") or "—"),
        ("SIREN", e.get("siren") or "non renseigné"),
        ("Adresse", e.get("adresse") or "—"),
        ("Nombre de salariés", str(e.get("effectif"))),
        ("Délégué syndical", "oui" if e.get("delegues_syndicaux") else "non"),
        ("CSE", "oui" if e.get("cse") else "non"),
        ("Convention collective", e.get("convention_collective") or "—"),
        ("Accord de branche agréé", "oui" if e.get("couverte_accord_branche_agree") else "non"),
        ("Dirigeants", dirigeants),
        ("Établissements", ", ".join(e.get("etablissements") or []) or "—"),
    ]
    if e.get("date_pv_carence"):
        from ..brouillon import date_depuis_iso

        lignes.append(("Procès-verbal de carence", fmt.date_longue(date_depuis_iso(e["date_pv_carence"]))))
    return lignes
