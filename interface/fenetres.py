"""Les fenêtres (« popover ») et sections repliées dont le contenu n'est construit qu'à l'ouverture.

Streamlit envoie au navigateur tout ce qu'une exécution écrit, même dans une fenêtre fermée : chaque élément coûte
au serveur (un message) et au navigateur (son rendu), et la première page en était ralentie (bench/bench_app.py,
mesure 2). Une fenêtre ouverte déclenche une exécution (``on_change="rerun"``) ; son contenu n'est écrit que si elle
est ouverte (``.open``), et reste à jour tant qu'elle le reste. Les clés commencent par ``fenetre_`` (dans les tests
AppTest, ``at.session_state[cle] = True`` l'ouvre, comme un clic).
"""

from __future__ import annotations

from typing import Any

import streamlit as st


def fenetre(libelle: str, cle: str, *, icone: str | None = None) -> tuple[Any, bool]:
    """Une fenêtre de la largeur de la barre latérale : (le conteneur, ouverte ?). N'écrire dedans que si ouverte."""
    conteneur = st.popover(libelle, key=cle, icon=icone, width="stretch", on_change="rerun")  # md-sûr
    return conteneur, bool(conteneur.open)


def section(libelle: str, cle: str, *, ouverte: bool = False) -> tuple[Any, bool]:
    """Une section repliable (``st.expander``) : (le conteneur, dépliée ?). N'écrire dedans que si dépliée."""
    conteneur = st.expander(libelle, expanded=ouverte, key=cle, on_change="rerun")  # md-sûr
    return conteneur, bool(conteneur.open)
