"""Montrer le texte d'une personne dans le Markdown de Streamlit sans qu'il devienne du Markdown.

Streamlit interprète le Markdown de ``st.markdown``, ``st.caption``, ``st.info``/``warning``/``error``/
``success``, ``st.toast``, ``st.write`` (texte), des libellés de widgets et des bulles ``help=`` : une image
``![x](http://…)`` y est chargée depuis un hôte extérieur (le navigateur révèle alors l'adresse IP et la visite),
un lien ``[x](…)`` devient cliquable, ``:red[…]``, ``$…$``, ``# titre``, une liste ou un tableau changent la mise en
page. Tout texte venu de la personne ou d'un fichier (nom d'entreprise, de salarié, de signataire, cellule
illisible citée dans un message, faits lus dans un accord déposé, constats qui citent ces textes) passe donc par
``md()`` avant d'entrer dans une chaîne Markdown ; le Markdown voulu par l'application (gras, icônes) reste
autour, jamais dedans.

``md()`` précède d'une barre oblique inverse chaque caractère qui ouvre une construction Markdown (CommonMark
permet d'échapper toute ponctuation ASCII : le texte affiché reste celui de la personne) et remplace les fins de
ligne par des espaces (une ligne ne peut plus ouvrir un titre, une liste ou un bloc). Il n'échappe pas la
ponctuation ordinaire (« . », « ( », « - » au milieu d'un mot, « : » suivi d'une espace) : les libellés des
widgets, dont Streamlit reprend le texte brut pour les lecteurs d'écran, restent lisibles. Le
HTML n'est jamais activé (``unsafe_allow_html`` n'est utilisé nulle part : un test le garde) ; les fragments
``st.html`` qui contiennent une donnée de la personne l'y mettent par ``json_dans_script``.

Ne pas l'appliquer aux textes que Streamlit n'interprète pas (options d'un ``selectbox``, valeurs d'un
``st.dataframe``, contenu d'un champ de saisie, ``st.text``, ``st.code``) : les barres obliques s'y verraient.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: Les caractères qui ouvrent une construction Markdown de Streamlit où qu'ils soient : emphase, code, liens et
#: images, HTML, titres, formules ``$``, barré, tableaux, entités ``&…;``, adresses ``a@b.fr``, notes ``[^…]``.
SPECIAUX = frozenset("\\`*_{}[]<>#!$~|&^@")
#: Ceux qui n'ont de sens qu'au début d'une ligne (listes, citations, séparateurs) : échappés là seulement.
DEBUT_DE_LIGNE = frozenset("-+=>")
_FIN_DE_LIGNE = re.compile(r"\s*[\r\n\u2028\u2029\x0b\x0c\x85]+\s*")
_LISTE_NUMEROTEE = re.compile(r"^(\d{1,9})([.)])")
#: Streamlit (remark-gfm) fait des liens des adresses écrites en clair, « http://… », « www.… », « a@b.fr »,
#: *après* la lecture du Markdown : une barre oblique n'y peut rien. Un gluon invisible (U+2060, WORD JOINER)
#: inséré après « http », « www » ou « @ » casse ces motifs sans rien changer à ce qui s'affiche.
GLUON = "\u2060"
_LIEN_EN_CLAIR = re.compile(r"(?i)(\b(?:https?|ftp|mailto|xmpp|javascript|data|file)(?=:)|\bwww(?=\.)|@)")


def md(texte: Any) -> str:
    """Le texte tel quel, sûr dans du Markdown de Streamlit (``None`` → chaîne vide).

    Chaque caractère de ``SPECIAUX`` est précédé d'une barre oblique inverse ; « : » aussi quand il est collé au
    caractère suivant (``http:``, ``:red[``, ``:material/…:``) ; au début du texte, un « - », « + », « = », « > »
    ou un numéro de liste (« 1. ») ; un ``GLUON`` invisible suit « http », « www » et « @ » (plus de lien
    automatique). Le texte affiché
    reste celui de la personne, à ceci près que les fins de ligne deviennent des espaces et que les blancs du
    début sont retirés (quatre espaces ouvriraient un bloc de code).
    """
    if texte is None:
        return ""
    s = _FIN_DE_LIGNE.sub(" ", str(texte)).lstrip()
    s = _LIEN_EN_CLAIR.sub(lambda m: m.group(0) + GLUON, s)
    sortie = []
    for i, ch in enumerate(s):
        if ch in SPECIAUX or (ch == ":" and i + 1 < len(s) and not s[i + 1].isspace()):
            sortie.append("\\" + ch)
        else:
            sortie.append(ch)
    resultat = "".join(sortie)
    if resultat[:1] in DEBUT_DE_LIGNE:
        resultat = "\\" + resultat
    return _LISTE_NUMEROTEE.sub(r"\1\\\2", resultat)


def md_liste(textes: Any, separateur: str = ", ") -> str:
    """Plusieurs textes de la personne, chacun échappé, joints par ``separateur`` (Markdown de l'application)."""
    return separateur.join(md(t) for t in textes)


def json_dans_script(objet: Any) -> str:
    """Un objet JSON sûr dans un ``<script>`` : ``<``, ``>``, ``&`` et les séparateurs de ligne Unicode y sont
    écrits en ``\\uXXXX`` (une chaîne « </script><img src=…> » ne ferme plus la balise)."""
    texte = json.dumps(objet, ensure_ascii=True)
    return texte.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


__all__ = ["DEBUT_DE_LIGNE", "GLUON", "SPECIAUX", "json_dans_script", "md", "md_liste"]
