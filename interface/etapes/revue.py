"""Étape 9 : le récapitulatif de toutes les réponses, avec « Modifier » vers chaque étape, et le rapport complet."""

from __future__ import annotations

from typing import Any

import streamlit as st

from .. import champs as c
from .. import constats, etat, rapport, services
from ..brouillon import ETAPES, TITRES_ETAPES

PREFIXES: list[str] = []


def controler(accord: dict[str, Any]) -> None:
    return None


def afficher() -> None:
    from . import MODULES

    accord = etat.accord()
    st.markdown("Relisez vos réponses. Le bouton **Modifier** ramène à l'étape ; vos réponses y sont conservées.")
    for code, titre in ETAPES:
        module = MODULES.get(code)
        if module is None or not hasattr(module, "resume") or code in ("revue", "documents"):
            continue
        with st.container(border=True, key=f"revue_bloc_{code}"):
            col1, col2 = st.columns([5, 1], vertical_alignment="center")
            col1.markdown(f"**{titre}**")
            col2.button("Modifier", key=f"revue_modifier_{code}", on_click=etat.aller_a, args=(code,),
                        icon=":material/edit:", width="stretch")
            lignes = module.resume(accord)
            st.markdown("\n".join(f"- **{libelle}** : {valeur}" for libelle, valeur in lignes))

    st.subheader("Vérification complète", divider="gray", anchor=False)
    modele, erreurs = services.accord_modele(accord)
    if modele is None:
        st.error("Le brouillon est incomplet : corrigez d'abord ces champs.", icon=":material/block:")
        for chemin, message in erreurs:
            st.markdown(f"- `{chemin}` : {message}")
        return
    r = services.valider(accord)
    if r is None:
        return
    rapport.statut(r)
    saisie = [(chemin, m) for chemin, liste in c.tous_les_messages().items() for m in liste
              if m.bloquant and m.regle is None]
    if saisie:
        st.error("L'assistant signale aussi des réponses à compléter :", icon=":material/block:")
        for chemin, m in saisie:
            st.markdown(f"- {m.texte} (`{chemin}`)")
    for constat in r.constats:
        col1, col2 = st.columns([5, 1], vertical_alignment="center")
        with col1:
            c.afficher_message(constats.en_message(constat))
        etape = constats.etape_du_constat(constat)
        if etape in TITRES_ETAPES and etape not in ("revue", "documents"):
            col2.button("Modifier", key=f"revue_constat_{constat.id}_{r.constats.index(constat)}",
                        on_click=etat.aller_a, args=(etape,), icon=":material/edit:", width="stretch",
                        help=f"Aller à l'étape « {TITRES_ETAPES[etape]} »")
