"""Intéressement ouvert : l'assistant web (Streamlit). Lancer : ``make run`` (``python -m interface.serveur``,
qui est ``streamlit run app.py`` mis en route au démarrage).

Quatre pages : « Construire un accord » (l'assistant pas à pas), « Vérifier des accords » (pour les
vérificateurs), « Calculer et verser les primes » (chaque année, après la clôture) et « Comprendre
l'intéressement » (le guide). Toute la logique est dans le paquet ``interface``.
"""

from pathlib import Path

import streamlit as st

from interface import style

ICONE = Path(__file__).parent / "interface" / "ressources" / "icone.png"
st.set_page_config(page_title="Intéressement ouvert", page_icon=str(ICONE), layout="wide",
                   initial_sidebar_state="expanded")
style.appliquer()

pages = [
    st.Page("interface/pages/assistant.py", title="Construire un accord", icon=":material/construction:",
            default=True),
    st.Page("interface/pages/verifier.py", title="Vérifier des accords", icon=":material/search:",
            url_path="verifier"),
    st.Page("interface/pages/versement.py", title="Calculer et verser les primes", icon=":material/payments:",
            url_path="versement"),
    st.Page("interface/pages/guide.py", title="Comprendre l'intéressement", icon=":material/menu_book:",
            url_path="guide"),
]
st.navigation(pages, position="top").run()
