"""Quelques règles CSS locales (aucune ressource extérieure) : textes de Streamlit en français, étapes alignées."""

import streamlit as st

CSS = """
<style>
/* Le téléversement de Streamlit n'est pas traduit : on remplace ses deux textes anglais. */
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { font-size: 0 !important; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
  content: "Choisir un fichier"; font-size: 0.875rem; }
[data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0 !important; }
[data-testid="stFileUploaderDropzoneInstructions"] span::after {
  content: "ou glissez-le ici (20 Mo au plus)"; font-size: 0.8rem; }
/* « Press Enter to apply » : inutile, la saisie est prise en compte en quittant le champ. */
[data-testid="InputInstructions"] { display: none; }
/* La liste des étapes, alignée à gauche. */
[class*="st-key-nav_aller_"] button { justify-content: flex-start; }
[class*="st-key-nav_aller_"] button > div { justify-content: flex-start; width: 100%; }
</style>
"""


def appliquer() -> None:
    st.html(CSS)
