"""Des lignes d'une page (couche texte d'un PDF, OCR, texte coupé à largeur fixe) aux paragraphes.

Une page ne dit pas où finissent ses paragraphes : on coupe avant une ligne quand un interligne plus grand
que l'ordinaire la sépare de la précédente, quand la précédente s'arrête court (fin de paragraphe ou titre) ou
finit par « : » ou « ; », quand elle commence une énumération (« – », « 1° », « a) ») ou un titre
(« Article 3 »), ou quand elle est en retrait alors que la précédente ne l'est pas. Sinon les lignes sont
recollées, un mot coupé en fin de ligne (« inté-/ressement ») étant ressoudé.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

_RE_ENUMERATION = re.compile(r"^([–—\-•▪◦·*]\s|\d{1,2}\s*°|\(?[a-z]\)\s|\(?\d{1,2}\)\s|[IVX]{1,4}\s*[.–-]\s)")
_RE_TITRE = re.compile(r"^(article|art\.|annexe|titre|chapitre|section|préambule|preambule|fait\s+à)\b",
                       re.IGNORECASE)
#: Une entrée de sommaire : points de conduite puis numéro de page (« Article 3 – Durée ........ 4 »).
RE_SOMMAIRE = re.compile(r"([.·…_]\s?){4,}\s*\d{1,4}\s*$")
_RE_NUMERO_TITRE = re.compile(r"^\d{1,2}(\.\d{1,2})*\.?\s+[A-ZÉÈÀ]")
_RE_NOTE_DE_MODELE = re.compile(r"^\(?(?:options?|variante|nota|note)\b", re.IGNORECASE)


@dataclass
class Ligne:
    texte: str  # "" : ligne vide (séparation explicite)
    x0: float
    x1: float
    y: float  # haut de la ligne (croît vers le bas)
    hauteur: float


def _souder(a: str, b: str) -> str:
    if re.search(r"[a-zàâçéèêëîïôûùüÿœ]-$", a) and b[:1].islower():
        return a[:-1] + b
    return a + " " + b


def paragraphes_depuis_lignes(lignes: list[Ligne], largeur_page: float | None = None) -> list[str]:
    """Les paragraphes d'une page, dans l'ordre de lecture des lignes données."""
    pleines = [ligne for ligne in lignes if ligne.texte.strip()]
    if not pleines:
        return []
    marge = statistics.median_low(sorted(round(ligne.x0) for ligne in pleines))
    droites = sorted(ligne.x1 for ligne in pleines)
    droite = droites[int(len(droites) * 0.9)] if len(droites) >= 5 else max(droites)
    largeur = max(1.0, droite - marge) if largeur_page is None else max(1.0, min(largeur_page, droite) - marge)
    hauteur = statistics.median(ligne.hauteur for ligne in pleines) or 1.0
    ecarts = [b.y - a.y for a, b in zip(pleines, pleines[1:], strict=False) if 0 < b.y - a.y < 4 * hauteur]
    interligne = statistics.median(ecarts) if ecarts else 1.3 * hauteur

    paragraphes: list[str] = []
    courant: str | None = None
    precedente: Ligne | None = None
    for ligne in lignes:
        texte = " ".join(ligne.texte.split())
        if not texte:
            if courant:
                paragraphes.append(courant)
            courant, precedente = None, None
            continue
        coupe = courant is None or precedente is None
        if not coupe:
            courte = precedente.x1 < marge + 0.80 * largeur
            ecart = ligne.y - precedente.y
            # l'interligne attendu grandit avec la police (un titre en grands caractères sur deux lignes)
            attendu = interligne * max(1.0, max(precedente.hauteur, ligne.hauteur) / hauteur)
            retrait = ligne.x0 > marge + 0.02 * largeur and precedente.x0 <= marge + 0.02 * largeur
            coupe = (
                ecart > 1.3 * attendu
                or ecart < 0  # colonne ou bloc suivant
                or courte
                or courant.endswith((":", ";"))
                or bool(RE_SOMMAIRE.search(courant))
                or bool(_RE_ENUMERATION.match(texte))
                or bool(_RE_TITRE.match(texte))
                or (bool(_RE_TITRE.match(courant)) and texte[:1].isupper())  # fin d'un intitulé « Article 3 – … »
                or (bool(_RE_NUMERO_TITRE.match(texte)) and courant.endswith((".", ":", ";")))
                or (retrait and courant.endswith((".", "»", ")")))
                # une note d'un modèle après une phrase finie (« (Option disponible…) », « Option 2 : … »)
                or (courant.endswith(".") and bool(_RE_NOTE_DE_MODELE.match(texte)))
            )
        if coupe:
            if courant:
                paragraphes.append(courant)
            courant = texte
        else:
            courant = _souder(courant, texte)
        precedente = ligne
    if courant:
        paragraphes.append(courant)
    return paragraphes
