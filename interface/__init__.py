"""L'assistant Streamlit (adaptateur au bord) : étapes, brouillon, sauvegarde, page de vérification."""
