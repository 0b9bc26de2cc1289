"""Règles CSS locales (aucune ressource extérieure) et traduction des textes de Streamlit, posées une fois par
page : contrastes suffisants (RGAA), focus visible, étapes alignées."""

import streamlit as st

from . import traduction

CSS = """
<style>
/* « Press Enter to apply » : inutile, la saisie est prise en compte en quittant le champ. */
[data-testid="InputInstructions"] { display: none; }
/* Contraste (RGAA 3.2, 4,5:1) : les légendes grises de Streamlit (texte à 60 % d'opacité, 3,9:1) sont foncées. */
[data-testid="stCaptionContainer"] { opacity: 1 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] [data-testid="stCaptionContainer"] { color: #595959 !important; }
[data-testid="stSidebar"] [data-testid="stCaptionContainer"],
[data-testid="stSidebar"] [data-testid="stCaptionContainer"] p { color: #4a4a4a !important; }
[data-testid="stFileUploaderDropzoneInstructions"] small,
[data-testid="stFileUploaderFileData"] small { color: #595959 !important; }
input::placeholder, textarea::placeholder { color: #6b6b6b !important; opacity: 1; }
/* Focus clavier toujours visible (RGAA 10.7). */
:focus-visible { outline: 3px solid #1f4e9c !important; outline-offset: 2px; }
/* Le titre de l'étape reçoit le focus à chaque changement d'étape (pour les lecteurs d'écran) : pas de cadre. */
h2[tabindex="-1"]:focus { outline: none; }
/* La liste des étapes, alignée à gauche. */
[class*="st-key-nav_aller_"] button { justify-content: flex-start; }
[class*="st-key-nav_aller_"] button > div { justify-content: flex-start; width: 100%; }
/* Le trait entre l'étape et les boutons précédent/suivant (à la place d'un élément st.divider). */
.st-key-navigation_etapes { border-top: 1px solid rgba(49, 51, 63, 0.2); padding-top: 1rem; margin-top: 1rem; }
/* Erreur inattendue (filet de sécurité) : pas de liens vers des moteurs de recherche extérieurs. */
[data-testid="stException"] a, [data-testid="stException"] button { display: none !important; }
/* Le conteneur du script de traduction ne prend pas de place. */
.st-key-traduction_fr, [data-testid="stElementContainer"]:has(> [data-testid="stHtml"] script) { display: none; }
</style>
"""


def appliquer() -> None:
    # Un seul élément (les règles et les scripts) : chaque élément coûte un message et un rendu.
    st.html(CSS + traduction.html(), unsafe_allow_javascript=True)
