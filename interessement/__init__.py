"""Intéressement ouvert : construire, simuler et vérifier un accord d'intéressement.

Le cœur de calcul (paramètres, modèle, formules, répartition, calendrier, simulation) est du Python pur :
il n'importe ni Streamlit ni python-docx.
"""

__version__ = "0.1.0"
