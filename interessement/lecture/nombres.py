"""Les nombres, durées, taux, fractions et dates tels que les accords les écrivent.

Un accord écrit « trois mois », « 3 mois », « trois (3) mois », « douze mois », « la moitié du plafond »,
« aux trois quarts », « 2,5 % », « 300 000 euros », « 1er janvier 2020 », « 21/02/2019 ». Les nombres en lettres
sont convertis par ``text2num`` (``alpha2digit``) ; « un » et « une », qu'il laisse en lettres parce qu'ils sont
aussi des articles, ne sont lus comme 1 que devant une unité (« un an », « une année »).

Ces fonctions ne devinent pas : une expression qu'elles ne reconnaissent pas donne ``None``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from text_to_num import alpha2digit

MOIS = {
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12, "décembre": 12,
}
ORDINAUX = {
    "premier": 1, "deuxième": 2, "second": 2, "troisième": 3, "quatrième": 4, "cinquième": 5, "sixième": 6,
    "septième": 7, "huitième": 8, "neuvième": 9, "dixième": 10, "onzième": 11, "douzième": 12,
}

_ESPACES = re.compile(r"[\u00a0\u202f\u2007\u2009\t ]+")
_APOSTROPHES = re.compile(r"[\u2019\u02bc\u2018`´]")
_TIRETS = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2212]")


def normaliser(texte: str) -> str:
    """NFC, espaces insécables et fines en espaces simples, apostrophes typographiques en « ' »."""
    texte = unicodedata.normalize("NFC", texte)
    texte = _APOSTROPHES.sub("'", texte)
    return _ESPACES.sub(" ", texte).strip()


@functools.lru_cache(maxsize=20_000)
def en_chiffres(texte: str) -> str:
    """Le texte normalisé, minuscules, nombres en lettres écrits en chiffres (« trois mois » → « 3 mois »),
    « un an » → « 1 an », tirets longs en « - »."""
    t = normaliser(texte).lower()
    t = _TIRETS.sub("-", t)
    try:
        t = alpha2digit(t, "fr", threshold=2)  # « deux mois » converti ; « un », « une » restent des articles
    except Exception:  # noqa: BLE001 - une phrase que text2num ne sait pas lire reste en lettres
        pass
    t = re.sub(r"\b(?:un|une)\s+(?=(?:an|ans|année|exercice|mois|jour|trimestre|semestre)\b)", "1 ", t)
    # « trois (3) mois », « 3 (trois) mois » : la parenthèse répète le nombre.
    t = re.sub(r"\b(\d+)\s*\(\s*\1\s*\)", r"\1", t)
    t = re.sub(r"\b(\d+)\s*\(\s*[a-zéèêàûôî -]+\)\s*(?=mois|ans?|jours?|années?)", r"\1 ", t)
    # Séparateurs de milliers : « 300 000 » → « 300000 » (groupes de trois chiffres seulement).
    t = re.sub(r"(?<=\d)[ .](?=\d{3}(?!\d))", "", t)
    return t


def nombre(texte: str) -> Decimal | None:
    """« 2,5 » → 2.5 ; « 300 000 » → 300000 ; « douze » → 12."""
    t = en_chiffres(texte).replace(",", ".").strip()
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


# --------------------------------------------------------------------------------------------- durées

@dataclass(frozen=True)
class Duree:
    valeur: int
    unite: str  # mois, an, jour, exercice, trimestre, semestre
    debut: int
    fin: int

    @property
    def en_mois(self) -> int | None:
        return {"mois": self.valeur, "an": 12 * self.valeur, "exercice": 12 * self.valeur,
                "trimestre": 3 * self.valeur, "semestre": 6 * self.valeur}.get(self.unite)


_UNITES = {"mois": "mois", "an": "an", "ans": "an", "année": "an", "années": "an", "jour": "jour", "jours": "jour",
           "exercice": "exercice", "exercices": "exercice", "trimestre": "trimestre", "trimestres": "trimestre",
           "semestre": "semestre", "semestres": "semestre"}
_RE_DUREE = re.compile(
    r"\b(\d{1,3})\s*(mois|ans|an|années|année|jours|jour|exercices|exercice|trimestres|trimestre|semestres|semestre)\b")


def durees(texte: str) -> list[Duree]:
    """Toutes les durées écrites dans un texte (positions dans le texte converti par ``en_chiffres``)."""
    t = en_chiffres(texte)
    return [Duree(int(m[1]), _UNITES[m[2]], m.start(), m.end()) for m in _RE_DUREE.finditer(t)]


# ----------------------------------------------------------------------------------- taux et fractions

_RE_POURCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:%|pour\s*cent\b|p\.\s*100)")


def pourcentages(texte: str) -> list[tuple[Decimal, int, int]]:
    """Les pourcentages d'un texte en taux décimaux (« 2,5 % » → 0.025), avec leurs positions."""
    t = en_chiffres(texte)
    sortie = []
    for m in _RE_POURCENT.finditer(t):
        try:
            sortie.append((Decimal(m[1].replace(",", ".")) / 100, m.start(), m.end()))
        except InvalidOperation:
            continue
    return sortie


_FRACTIONS = [
    (re.compile(r"\b(?:aux\s+|les\s+)?3\s*(?:/\s*4|quarts?)\b"), Fraction(3, 4)),
    (re.compile(r"\b(?:la\s+|à\s+la\s+)?moitié\b"), Fraction(1, 2)),
    (re.compile(r"\b1\s*/\s*2\b"), Fraction(1, 2)),
    (re.compile(r"\b(?:le\s+|au\s+)?(?:1\s+)?quart\b"), Fraction(1, 4)),
    (re.compile(r"\b(?:les\s+)?2\s*(?:/\s*3|tiers)\b"), Fraction(2, 3)),
]


def fraction(texte: str, derniere: bool = False) -> Fraction | None:
    """« la moitié » → 1/2 ; « aux trois quarts » → 3/4 ; « 75 % » → 3/4. La première fraction écrite (la
    dernière avec ``derniere=True`` : la plus proche de ce qui suit)."""
    t = en_chiffres(texte)
    trouvees: list[tuple[int, Fraction]] = []
    for motif, valeur in _FRACTIONS:
        trouvees += [(m.start(), valeur) for m in motif.finditer(t)]
    trouvees += [(debut, Fraction(taux)) for taux, debut, _ in pourcentages(t)]
    if not trouvees:
        return None
    trouvees.sort(key=lambda x: x[0])
    return trouvees[-1][1] if derniere else trouvees[0][1]


# ---------------------------------------------------------------------------------------------- montants

_RE_MONTANT = re.compile(r"(\d+(?:[.,]\d{1,2})?)\s*(?:€|euros?\b)")


def montants_centimes(texte: str) -> list[int]:
    """« 300 000 euros » → 30 000 000 centimes ; « 1 500,50 € » → 150 050."""
    t = en_chiffres(texte)
    sortie = []
    for m in _RE_MONTANT.finditer(t):
        try:
            sortie.append(int(Decimal(m[1].replace(",", ".")) * 100))
        except InvalidOperation:
            continue
    return sortie


# ------------------------------------------------------------------------------------------------ dates

_RE_DATE_LETTRES = re.compile(
    r"\b(1er|1 er|premier|\d{1,2})\s+(janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|"
    r"octobre|novembre|décembre|decembre)(?:\s+(\d{4}))?\b")
_RE_DATE_CHIFFRES = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")


@dataclass(frozen=True)
class DateLue:
    jour: int
    mois: int
    annee: int | None
    debut: int
    fin: int

    @property
    def date(self) -> date | None:
        if self.annee is None:
            return None
        try:
            return date(self.annee, self.mois, self.jour)
        except ValueError:
            return None


def dates(texte: str) -> list[DateLue]:
    """Les dates d'un texte : « 1er janvier 2020 », « 21 février 2019 », « 01/01/2020 », « 1er janvier » (sans
    année : ``annee`` est None). Les positions sont celles du texte normalisé en minuscules."""
    t = normaliser(texte).lower()
    sortie = []
    for m in _RE_DATE_LETTRES.finditer(t):
        j = 1 if m[1] in ("1er", "1 er", "premier") else int(m[1])
        if 1 <= j <= 31:
            sortie.append(DateLue(j, MOIS[m[2]], int(m[3]) if m[3] else None, m.start(), m.end()))
    for m in _RE_DATE_CHIFFRES.finditer(t):
        j, mo, a = int(m[1]), int(m[2]), int(m[3])
        if 1 <= j <= 31 and 1 <= mo <= 12:
            sortie.append(DateLue(j, mo, a, m.start(), m.end()))
    return sorted(sortie, key=lambda d: d.debut)


def premiere_date(texte: str) -> date | None:
    for d in dates(texte):
        if d.date is not None:
            return d.date
    return None


def ordinal(mot: str) -> int | None:
    """« cinquième » → 5 ; « 5e », « 5ème », « 5e » → 5."""
    mot = normaliser(mot).lower()
    if mot in ORDINAUX:
        return ORDINAUX[mot]
    m = re.fullmatch(r"(\d{1,2})\s*(?:e|è|ème|eme|er|ier)", mot)
    return int(m[1]) if m else None
