"""La notice de confidentialité de l'assistant : ce que le serveur et le navigateur gardent, et combien de temps.

Un seul texte, repris dans la barre latérale de l'assistant et dans docs/DEPLOIEMENT.md (politique de
conservation) ; la durée vient de ``interface.stockage.retention_jours`` (variable
``INTERESSEMENT_BROUILLONS_RETENTION_JOURS``).
"""

from __future__ import annotations

import streamlit as st

from .fenetres import fenetre
from .stockage import ErreurStockage, retention_jours


def duree() -> int | None:
    try:
        return retention_jours()
    except ErreurStockage:
        return None


def texte(jours: int | None) -> str:
    delai = f"**{jours} jours**" if jours else "le délai fixé par l'administrateur du serveur"
    return (
        "**Ce que ce serveur enregistre.** Votre brouillon d'accord : l'entreprise, ses dirigeants, les dates, la "
        "formule, vos réponses et les chiffres d'essai de la simulation, ainsi que **les noms et qualités des "
        "signataires et des dirigeants** (des données personnelles). Jamais le fichier de vos salariés : il est lu en "
        "mémoire le temps de la visite, puis oublié.\n\n"
        f"**Combien de temps.** Un brouillon est supprimé automatiquement {delai} après sa dernière modification "
        "(noms des signataires compris). Vous pouvez le supprimer vous-même tout de suite ci-dessous ; gardez "
        "auparavant le fichier du brouillon (JSON) si vous voulez le reprendre.\n\n"
        "**Qui peut l'ouvrir.** Seulement ce navigateur, qui garde pour cela un cookie « interessement-navigateur » "
        "(un nombre aléatoire, rien sur vous) ; une autre personne seulement par un lien de partage que vous créez "
        "et pouvez arrêter.\n\n"
        "**Ce que ce navigateur garde.** Un second cookie (l'adresse et le nom de vos "
        "brouillons, pour vous les proposer) et, le temps de la valider, la saisie en cours d'un champ "
        "(stockage local). Aucun traceur, aucune mesure d'audience, aucune ressource chargée d'un autre site."
    )


def afficher(supprimer: object) -> None:
    """La notice, dans une fenêtre de la barre latérale, avec le bouton qui supprime le brouillon du serveur."""
    conteneur, ouverte = fenetre("Confidentialité et conservation", "fenetre_confidentialite",
                                 icone=":material/shield_lock:")
    if not ouverte:
        return
    with conteneur:
        st.markdown(texte(duree()))
        st.button("Supprimer ce brouillon du serveur", key="outil_supprimer_brouillon", on_click=supprimer,
                  icon=":material/delete_forever:", width="stretch",
                  help="Efface le brouillon de la base du serveur maintenant et ouvre un brouillon vierge.")
