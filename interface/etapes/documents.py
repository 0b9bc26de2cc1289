"""Étape 10 : les documents (accord Word et PDF, note d'information, liste de dépôt, JSON, calendrier .ics).

L'étape reste fermée tant qu'un constat bloquant subsiste : elle dit quoi changer et renvoie à l'étape.
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from interessement import format as fmt
from interessement.calendrier import calendrier, vers_ics

from .. import champs as c
from .. import constats, documents, etat, exemples, graphiques, requis, services
from ..brouillon import TITRES_ETAPES, exporter_json
from ..echappement import md

PREFIXES: list[str] = []


def controler(accord: dict[str, Any]) -> None:
    return None


def bloquants() -> list[tuple[str, c.Message]]:
    return [(chemin, m) for chemin, liste in c.tous_les_messages().items() for m in liste if m.bloquant]


def nom_fichier(accord: dict[str, Any]) -> str:
    nom = (accord.get("entreprise") or {}).get("raison_sociale") or "accord"
    import unicodedata

    ascii_ = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:60] or "accord"


def _fermee(liste: list[tuple[str, c.Message]], erreurs: list[tuple[str, str]]) -> None:
    st.error("**Les documents restent fermés** tant qu'un point bloquant subsiste : l'accord perdrait ses "
             "exonérations. Voici ce qu'il faut changer.", icon=":material/lock:")
    vus = set()
    for chemin, message in liste:
        etape = constats.etape_du_chemin(chemin) or "revue"
        if (etape, message.texte) in vus:
            continue
        vus.add((etape, message.texte))
        with st.container(border=True):
            col1, col2 = st.columns([5, 1], vertical_alignment="center")
            titre = TITRES_ETAPES.get(etape)
            col1.markdown((f"**Étape « {md(titre)} »** — " if titre else "") + message.en_markdown())
            if etape in TITRES_ETAPES and etape != "documents":
                col2.button("Modifier", key=f"documents_corriger_{len(vus)}", icon=":material/edit:",
                            on_click=etat.aller_a, args=(etape,), width="stretch",
                            help=f"Aller à l'étape « {md(titre)} »")
    if erreurs and not liste:
        for chemin, message in erreurs:
            st.markdown(f"- {md(requis.libelle_chemin(chemin))} : {md(message)}")


def _prochaines_etapes(echeances: list[Any]) -> None:
    """Ce qu'il reste à faire, dans l'ordre : signer, déposer, puis le premier versement."""
    aujourd_hui = etat.aujourd_hui()
    utiles = [e for e in echeances if e.categorie in ("mise_en_place", "versement") and e.date >= aujourd_hui
              and "Clôture" not in e.libelle and "Sommes non réclamées" not in e.libelle][:4]
    if not utiles:
        return
    lignes = "\n".join(f"- **{fmt.date_longue(e.date)}** : {md(e.libelle[0].lower() + e.libelle[1:])} "
                       f"({md(e.reference)})" for e in utiles)
    st.info("**Vos prochaines échéances**\n\n" + lignes, icon=":material/event:")  # md-sûr : lignes échappées


#: Le choix « exemple chiffré » de l'accord (``documents.exemple_chiffre`` du format 1.2) ; sans réponse (brouillon
#: d'avant ce choix), l'exemple est inclus, comme avant, et le choix se voit coché.
OPTIONS_EXEMPLE = {True: "Avec l'exemple chiffré (une illustration de la formule, sans valeur contractuelle)",
                   False: "Sans exemple chiffré"}


def _choisir_exemple_chiffre() -> bool:
    return bool(c.choix(
        "documents_exemple_chiffre", "documents.exemple_chiffre", "Exemple chiffré de la formule dans les documents",
        OPTIONS_EXEMPLE, radio=True, defaut=True,
        aide="L'exemple applique la formule à la dernière période de l'historique de vos résultats ; sans historique, "
             "à des valeurs hypothétiques, dites comme telles dans le texte. Il aide les salariés à comprendre le "
             "calcul ; la loi ne l'exige pas."))


def afficher() -> None:
    import pandas as pd

    from .revue import afficher_exemple, afficher_manques

    accord = etat.accord()
    manques = [m for liste in c.tous_les_messages().values() for m in liste if m.gravite == "a_renseigner"]
    restantes = exemples.restantes(accord, etat.ui().get("exemple"))
    if manques or restantes:
        st.error("**Les documents restent fermés** : chaque fait d'un document vient de vous, de la loi ou d'une "
                 "autre de vos réponses ; il en manque encore, ou des valeurs d'exemple restent.",
                 icon=":material/lock:")
        afficher_manques("documents")
        afficher_exemple("documents")
        return
    modele, erreurs = services.accord_modele(accord)
    liste = bloquants()
    if modele is None or liste:
        _fermee(liste, erreurs)
        return
    st.success("Votre accord ne comporte aucun point bloquant : voici vos documents.", icon=":material/check_circle:")
    if _choisir_exemple_chiffre() != modele.documents.exemple_chiffre:
        modele, _ = services.accord_modele(etat.accord())
    base = nom_fichier(accord)
    echeances = calendrier(modele)
    _prochaines_etapes(echeances)
    documents.afficher(modele, base)

    st.subheader("Données et calendrier", divider="gray", anchor=False)
    col1, col2 = st.columns(2)
    with col1:
        st.download_button("Données de l'accord (JSON)", exporter_json(accord), file_name=f"{base}.json",
                           mime="application/json", key="documents_json", on_click="ignore", icon=":material/data_object:",
                           width="stretch", help="Le format d'échange lisible par le validateur et par ce site.")
    with col2:
        st.download_button("Calendrier (.ics, pour votre agenda)", vers_ics(modele, echeances),
                           file_name=f"{base}.ics", mime="text/calendar", key="documents_ics", on_click="ignore",
                           icon=":material/calendar_month:", width="stretch")
    st.altair_chart(graphiques.calendrier(echeances), key="documents_frise", width="stretch")
    # Un tableau statique : les libellés longs passent à la ligne et aucune ligne n'est cachée par un défilement.
    st.table(pd.DataFrame({
        "Date": [fmt.date_longue(e.date) + (f" → {fmt.date_longue(e.date_fin)}" if e.date_fin else "")
                 for e in echeances],
        "Étape": [e.libelle for e in echeances],
        "Référence": [e.reference for e in echeances],
    }).set_index("Date"))
