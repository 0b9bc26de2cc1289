"""Les documents Word/PDF de l'accord (adaptateur vers ``interessement.documents``)."""

from __future__ import annotations

from typing import Any

import streamlit as st


def afficher(modele: Any, base: str) -> None:
    st.info("Le générateur de documents Word n'est pas encore disponible dans cette installation.", icon=":material/info:")
