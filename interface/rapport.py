"""Affichage d'un rapport du validateur (récapitulatif de l'assistant et page « Vérifier des accords »)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from .constats import LIBELLES_SEVERITES, references
from .echappement import md

LEGIFRANCE = "https://www.legifrance.gouv.fr/"

ICONES = {"BLOQUANT": ":material/block:", "AVERTISSEMENT": ":material/warning:", "INFORMATION": ":material/info:"}
STATUTS = {"conforme": (":material/check_circle:", "Conforme : aucun constat bloquant."),
           "non conforme": (":material/block:", "Non conforme : au moins un constat bloquant."),
           "indéterminé": (":material/help:", "Indéterminé : une règle n'a pas pu décider (donnée manquante)."),
           "à vérifier": (":material/fact_check:", "À vérifier : un point n'est pas établi ; il pourrait être "
                                                   "bloquant (voir les points à vérifier)."),
           "annexe": (":material/description:", "Annexe : ce document accompagne un accord (note d'information, "
                                                "liste de dépôt ou fiche individuelle) ; il n'est pas contrôlé "
                                                "comme un accord.")}


def statut(rapport: Any) -> None:
    icone, texte = STATUTS.get(rapport.statut, (":material/help:", rapport.statut))
    resume = rapport.resume() if hasattr(rapport, "resume") else ""
    fonction = {"conforme": st.success, "non conforme": st.error, "annexe": st.info}.get(rapport.statut,
                                                                                          st.warning)
    fonction(f"**{md(texte)}** {md(resume)}.", icon=icone)


def tableau(constats: Sequence[Any]) -> Any:
    import pandas as pd

    return pd.DataFrame({
        "Sévérité": [LIBELLES_SEVERITES.get(c.severite, c.severite) for c in constats],
        "Règle": [c.id for c in constats],
        "Constat": [c.message for c in constats],
        "À faire": [c.suggestion or "" for c in constats],
        "Références": [", ".join(references(c)) for c in constats],
        "Champ(s)": [", ".join(c.chemin or []) for c in constats],
    })


def details(constats: Sequence[Any]) -> None:
    for c in constats:
        titre = f"{ICONES.get(c.severite, '')} {md(c.id)}" + (f" — {md(c.titre)}" if getattr(c, "titre", "") else "")
        with st.expander(titre, expanded=c.severite == "BLOQUANT"):
            st.markdown(md(c.message))
            if c.suggestion:
                st.markdown(f"**À faire :** {md(c.suggestion)}")
            liens = []
            for r in c.references or []:
                lien = getattr(r, "lien", "")
                liens.append(f"[{md(r.article)}](<{lien}>)" if lien.startswith(LEGIFRANCE) else md(r.article))
            if liens:
                st.markdown("**Références :** " + " ; ".join(liens))  # md-sûr : liens échappés
            if c.chemin:
                st.caption("Champ(s) : " + ", ".join(md(x) for x in c.chemin))


def points_a_verifier(rapport: Any) -> None:
    """Les points que le validateur n'a pas pu établir (``rapport.a_verifier``), avec ce qu'il faut chercher."""
    points = list(getattr(rapport, "a_verifier", None) or [])
    if not points:
        return
    st.markdown("#### Points à vérifier")
    for p in points:
        texte = f"**{md(getattr(p, 'id', ''))}** — {md(getattr(p, 'message', ''))}"
        if getattr(p, "a_chercher", None):
            texte += f"  \n**À chercher :** {md(p.a_chercher)}"
        refs = references(p)
        if refs:
            texte += f"  \n*Références : {md(', '.join(refs))}*"
        st.warning(texte, icon=":material/fact_check:")
