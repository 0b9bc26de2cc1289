"""La page « Vérifier des accords » (provisoire)."""

import streamlit as st


def page() -> None:
    st.title("Vérifier des accords")
