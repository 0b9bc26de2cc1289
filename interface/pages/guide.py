"""Page « Comprendre l'intéressement » : le guide pratique (même texte que docs/guide.md, voir interface/guide.py)."""

from datetime import date

import streamlit as st

from interface.guide import Section, guide, introduction, titre


@st.cache_data(show_spinner=False)
def _guide(jour: date) -> tuple[str, list[Section]]:
    return introduction(jour), guide(jour)


texte_introduction, sections = _guide(date.today())
st.title(titre())
st.markdown(texte_introduction)
for section in sections:
    st.header(section.titre, anchor=section.ancre)
    st.markdown(section.markdown)
