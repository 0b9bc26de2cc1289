"""Lecture minimale d'un texte brut en ``DocumentLu`` (parties, paragraphes), le temps que la lecture complète
des entrées (``interessement.lecture.lire_document``, branche lecture-entrees) soit disponible.

Reconnaît le format .txt du corpus (4 lignes d'en-tête, titres ``##``, ``Article N — titre``, tableaux
``| cellule | cellule``) et, plus généralement, tout texte dont les articles commencent par « Article … » ou
« # Article … ». Les objets produits ont les attributs de l'interface ``DocumentLu`` (COMMUN.md §4) dont
``extraire_faits`` a besoin : ``nom``, ``format``, ``pages``, ``ocr``, ``parties`` (``type``, ``numero``,
``titre``, ``page``, ``paragraphes`` de ``texte``, ``page``, ``masque``), ``texte``, ``anomalies``, ``qr``,
``donnees_embarquees``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Paragraphe:
    texte: str
    page: int | None = 1
    masque: bool = False


@dataclass
class Partie:
    type: str
    numero: str | None = None
    titre: str | None = None
    page: int | None = 1
    paragraphes: list[Paragraphe] = field(default_factory=list)
    niveau: int = 0


@dataclass
class DocumentTexte:
    nom: str
    format: str = "txt"
    pages: int = 1
    ocr: bool = False
    parties: list[Partie] = field(default_factory=list)
    anomalies: list[Any] = field(default_factory=list)
    qr: dict[str, Any] | None = None
    donnees_embarquees: Any = None
    texte_canonique: str | None = None

    @property
    def texte(self) -> str:
        return "\n".join(p.texte for partie in self.parties for p in partie.paragraphes if not p.masque)


_RE_ARTICLE = re.compile(r"^#*\s*(?:Article|ARTICLE)\s*(\d+(?:[.\-]\d+)*(?:\s*(?:er|bis|ter))?|[IVXL]+|premier|"
                         r"unique)?\s*(?:[—–\-:.]\s*(.*))?$")
_RE_TITRE = re.compile(r"^(#{1,6})\s+(.*)$")
_RE_ANNEXE = re.compile(r"\bannexe|accord[- ]type|mod[eè]le d'accord|trame", re.IGNORECASE)
_EN_TETE_CORPUS = re.compile(r"^(IDCC \d+|Source: |https?://)")


def depuis_texte(texte: str, nom: str = "texte") -> DocumentTexte:
    doc = DocumentTexte(nom=nom)
    lignes = texte.splitlines()
    titre = Partie(type="titre", titre=None)
    doc.parties.append(titre)
    courante = titre
    for n, brute in enumerate(lignes):
        ligne = brute.strip()
        if not ligne:
            continue
        if n < 4 and _EN_TETE_CORPUS.match(ligne):
            continue
        m = _RE_TITRE.match(ligne)
        a = _RE_ARTICLE.match(ligne) if len(ligne) < 200 else None
        if a and (a[1] or a[2] is not None or ligne.rstrip(" #").lower() in ("article", "# article")):
            courante = Partie(type="article", numero=(a[1] or "").strip() or None, titre=(a[2] or "").strip() or None)
            doc.parties.append(courante)
            continue
        if m:
            intitule = m[2].strip()
            # Même nombre de « # » : une « Partie », un « Titre », un « Chapitre » contient les titres qui le
            # suivent (« ## Chapitre III Accord d'intéressement » puis « ## Préambule »).
            rang = next((i for i, mot in enumerate(("partie", "titre", "chapitre", "section"))
                         if re.match(rf"{mot}\b", intitule, re.IGNORECASE)), 4)
            niveau = len(m[1]) * 10 + rang
            genre = "annexe" if _RE_ANNEXE.search(intitule) else \
                "preambule" if intitule.lower().startswith("préambule") else \
                "signature" if intitule.lower().startswith("signature") else "autre"
            courante = Partie(type=genre, titre=intitule, niveau=niveau)
            doc.parties.append(courante)
            continue
        courante.paragraphes.append(Paragraphe(ligne))
    if not titre.paragraphes:
        doc.parties.remove(titre)
    return doc


def lire_texte(chemin: str | Path) -> DocumentTexte:
    p = Path(chemin)
    return depuis_texte(p.read_text(encoding="utf-8"), p.name)
