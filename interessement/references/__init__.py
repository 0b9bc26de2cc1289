"""Les articles que le projet cite, chacun avec son lien Légifrance au niveau de l'article.

La table versionnée ``donnees/articles.json`` est construite depuis les données LEGI (paquet npm
``@socialgouv/legi-data``) par ``python -m interessement.references.construire`` : pour chaque article, l'identifiant
LEGIARTI de la version en vigueur à la date de référence de la table, l'identifiant commun (cid) et la date
d'effet de la version. Aucun accès réseau ici : on ne lit que la table.

API ::

    article("L. 3314-5")                       # Article(code="C. trav.", num="L3314-5", legiarti=…, url=…, libelle=…)
    article("article R. 3313-12")              # le mot « article » et les points sont acceptés
    article("L242-1", code="CSS")
    article("L. 242-1 du code de la sécurité sociale")   # le code nommé dans le texte l'emporte
    lien("L3314-5")                            # "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI…"
    citations("… l'article L. 3314-5 du code du travail …")  # [Citation(code, num, debut, fin, …)]
    lier_markdown("… (art. L3314-2) …")      # le même texte, chaque article cité devenu un lien Markdown

Un article absent de la table lève ``ArticleInconnu`` (message français qui dit comment l'ajouter).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..erreurs import ErreurEntree
from .citations import CODE_PAR_DEFAUT, Citation, citations, code_nomme, normaliser_numero

__all__ = [
    "CODES",
    "LEGIFRANCE",
    "Article",
    "ArticleInconnu",
    "Citation",
    "article",
    "articles",
    "citations",
    "date_reference",
    "exceptions",
    "lien",
    "lien_code",
    "lien_texte",
    "lier_markdown",
    "normaliser_code",
    "source",
]

LEGIFRANCE = "https://www.legifrance.gouv.fr"
TABLE = Path(__file__).parent / "donnees" / "articles.json"

#: Les codes de la table, par leur clé ; ``normaliser_code`` accepte aussi leurs autres noms.
CODES = ("C. trav.", "CSS", "CSP", "CMF", "CGI")
_ALIAS = {
    "c. trav.": "C. trav.", "c.trav.": "C. trav.", "c. trav": "C. trav.", "ct": "C. trav.", "code du travail": "C. trav.",
    "css": "CSS", "code de la sécurité sociale": "CSS", "code de la securite sociale": "CSS", "c. séc. soc.": "CSS",
    "csp": "CSP", "code de la santé publique": "CSP", "code de la sante publique": "CSP",
    "cmf": "CMF", "code monétaire et financier": "CMF", "code monetaire et financier": "CMF",
    "cgi": "CGI", "code général des impôts": "CGI", "code general des impots": "CGI",
}
_FORMES_LONGUES = {
    "C. trav.": "du code du travail", "CSS": "du code de la sécurité sociale", "CSP": "du code de la santé publique",
    "CMF": "du code monétaire et financier", "CGI": "du code général des impôts",
}


class ArticleInconnu(ErreurEntree):  # noqa: N818 - vocabulaire du projet
    """Un article introuvable dans la table des références (ou une référence illisible)."""


@dataclass(frozen=True)
class Article:
    """Un article de la table.

    ``legiarti`` : identifiant de la version en vigueur à la date de référence de la table, ou None quand il
    n'a pas été établi (articles d'autres codes : ``exception`` dit pourquoi et ``url`` quel lien le remplace).
    ``cid`` : identifiant commun de l'article (celui de sa première version) ; ``depuis`` : date d'effet.
    """

    code: str
    num: str
    legiarti: str | None
    url: str
    libelle: str
    cid: str | None = None
    depuis: str | None = None
    exception: str | None = None

    @property
    def forme_longue(self) -> str:
        """« article L. 3314-5 du code du travail »."""
        m = re.fullmatch(r"([LRDA])(\d.*)", self.num)
        numero = f"{m.group(1)}. {m.group(2)}" if m else self.num
        return f"article {numero} {_FORMES_LONGUES.get(self.code, '')}".strip()


@functools.cache
def _table() -> dict[str, Any]:
    return json.loads(TABLE.read_text(encoding="utf-8"))


def date_reference() -> str:
    """La date (AAAA-MM-JJ) à laquelle les versions de la table sont celles en vigueur."""
    return _table()["date_reference"]


def source() -> dict[str, Any]:
    """D'où vient la table : paquet, version, date des données de chaque code."""
    return dict(_table()["source"])


def normaliser_code(code: str) -> str:
    """« Code du travail », « C. trav. », « CT » → « C. trav. » ; « code de la sécurité sociale » → « CSS »…"""
    cle = re.sub(r"\s+", " ", code.strip()).lower()
    if cle in _ALIAS:
        return _ALIAS[cle]
    nomme = code_nomme(code)
    if nomme in CODES:
        return nomme
    raise ArticleInconnu(f"Code inconnu de la table des références : « {code} » (codes connus : "
                         f"{', '.join(CODES)}).")


def lien_code(code: str) -> str:
    """La page du code sur Légifrance (lien de repli)."""
    return f"{LEGIFRANCE}/codes/texte_lc/{_table()['codes'][normaliser_code(code)]['legitext']}"


def _analyser(reference: str) -> tuple[str, str | None]:
    """(numéro normalisé, code nommé dans la référence ou None)."""
    if not isinstance(reference, str) or not reference.strip():
        raise ArticleInconnu("Référence d'article vide : attendu par exemple « L3314-5 » ou "
                             "« article L. 3314-5 du code du travail ».")
    trouvees = citations(reference)
    if not trouvees:
        # « 154 quinquies » seul : un numéro sans lettre n'est une citation qu'avec son code.
        nu = re.sub(r"^\s*(?:articles?|art\.)\s*", "", reference.strip(), flags=re.IGNORECASE)
        if re.fullmatch(r"\d{1,4}(?:-\d+)*(?:\s+[a-z]+)?(?:\s+[A-Z]{1,3})?", nu):
            return normaliser_numero(nu), None
        raise ArticleInconnu(f"Référence d'article illisible : « {reference} » (attendu par exemple « L3314-5 », "
                             "« L. 3314-5 » ou « article R. 3313-12 »).")
    premiere = trouvees[0]
    return premiere.num, (premiere.code if premiere.code_explicite else None)


def _url(code: str, e: dict[str, Any]) -> tuple[str, str | None, str | None]:
    """(url, legiarti établi ou None, raison de l'exception ou None)."""
    if e.get("id"):
        return f"{LEGIFRANCE}/codes/article_lc/{e['id']}", e["id"], None
    note = e.get("note") or "identifiant de la version en vigueur non établi"
    if e.get("cid"):
        return f"{LEGIFRANCE}/codes/article_lc/{e['cid']}/{date_reference()}", None, note
    if e.get("version_trouvee"):
        return f"{LEGIFRANCE}/codes/article_lc/{e['version_trouvee']}", None, note
    if e.get("lien"):
        return e["lien"], None, note
    return lien_code(code), None, note


def _article(code: str, num: str) -> Article:
    entrees = _table()["articles"].get(code, {})
    e = entrees.get(num)
    if e is None:
        raise ArticleInconnu(
            f"Article inconnu de la table des références : {code} {num}. S'il existe, ajoutez-le : pour le Code du "
            "travail ou le CSS, élargissez PERIMETRE dans interessement/references/construire.py et relancez "
            "« python -m interessement.references.construire --date AAAA-MM-JJ » ; pour un autre code, décrivez-le "
            "dans interessement/references/donnees/autres_codes.yaml (avec la source de son identifiant).")
    url, legiarti, exception = _url(code, e)
    libelle = f"{code} {'art. ' if num[:1].isdigit() else ''}{num}"
    return Article(code, num, legiarti, url, libelle, e.get("cid"), e.get("depuis"), exception)


def article(num: str, code: str = CODE_PAR_DEFAUT) -> Article:
    """L'article ``num`` du code ``code`` (Code du travail par défaut).

    ``num`` accepte « L3314-5 », « L. 3314-5 », « article R. 3313-12 », « L3312-5 II », « L3311-1 et suivants »
    (le premier article d'une plage) et « L. 242-1 du code de la sécurité sociale » (le code nommé l'emporte).
    """
    numero, nomme = _analyser(num)
    return _article(nomme or normaliser_code(code), numero)


def lien(num: str, code: str = CODE_PAR_DEFAUT) -> str:
    """Le lien Légifrance de l'article (``…/codes/article_lc/LEGIARTI…``)."""
    return article(num, code).url


def articles() -> list[Article]:
    """Tous les articles de la table."""
    return [_article(code, num) for code, entrees in _table()["articles"].items() for num in entrees]


def exceptions() -> list[Article]:
    """Les articles dont la version en vigueur n'est pas établie (le lien est alors un lien de repli)."""
    return [a for a in articles() if a.exception]


def lien_texte(reference: str) -> str | None:
    """Le lien Légifrance d'une loi, d'une ordonnance ou d'un décret qui a modifié un article de la table.

    ``reference`` : « loi n° 2023-1107 », « Loi n° 2022-1158 du 16 août 2022, art. 4 », « décret 2023-98 »…
    None si le texte n'est pas dans la table.
    """
    m = re.search(r"\b(loi|ordonnance|décret|decret)\b\D{0,12}?(\d{2,4}-\d{1,5})\b", reference, re.IGNORECASE)
    if not m:
        return None
    nature = {"decret": "décret"}.get(m.group(1).lower(), m.group(1).lower())
    texte = _table()["textes"].get(f"{nature} {m.group(2)}")
    return f"{LEGIFRANCE}/jorf/id/{texte['cid']}" if texte else None


def lier_markdown(texte: str) -> str:
    """``texte`` où chaque article cité et connu de la table devient un lien Markdown vers Légifrance."""
    morceaux = []
    pos = 0
    for c in citations(texte):
        try:
            url = _article(c.code, c.num).url
        except ArticleInconnu:
            continue
        morceaux.append(texte[pos:c.debut])
        morceaux.append(f"[{texte[c.debut:c.fin]}]({url})")
        pos = c.fin
    morceaux.append(texte[pos:])
    return "".join(morceaux)
