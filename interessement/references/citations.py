"""Trouver les articles de code cités dans un texte juridique français.

``citations(texte)`` rend, dans l'ordre du texte, chaque article cité avec son code, son numéro normalisé
(« L3314-5 », « 154 quinquies ») et sa place dans le texte (``debut``, ``fin`` : la tranche du numéro).

Formes reconnues : « l'article L. 3314-5 du code du travail », « articles L. 3312-2 et L. 3312-3 »,
« L3324-6 », « article L. 242-1 du code de la sécurité sociale », « D. 3313-9 », « R3313-12, II »,
« au sens du 2° du I de l'article L. 3131-1 du code de la santé publique », « CSS L241-3, D242-17 »,
« prévue par le code monétaire et financier (art. L. 312-20) », « article 154 quinquies du code général des
impôts », « L. 1225-17, L. 1225-37 et L. 1226-7 du même code ».

Le code se lit dans les mots qui suivent l'énumération (« … du code de la sécurité sociale »), sinon dans ceux
qui la précèdent immédiatement (« CSS L242-1 », « code de la sécurité sociale, notamment les articles … »),
« même code » / « dudit code » renvoyant au dernier code nommé ; à défaut c'est le Code du travail.
Un numéro sans lettre (« article 81 ») n'est retenu que si un code est nommé : « article 7 de l'accord »,
« article 14 de la loi n° 47-1775 » ne sont pas des articles de code. Un numéro à lettre exige un trait
d'union (« L. 3314-5 », jamais « L 2 ») : dates, montants et numéros de lois ne sont pas pris pour des articles.

Module pur Python, sans dépendance (il sert aussi à la lecture des accords écrits ailleurs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CODE_PAR_DEFAUT", "Citation", "citations", "code_nomme", "normaliser_numero"]

#: Code retenu quand le texte n'en nomme aucun.
CODE_PAR_DEFAUT = "C. trav."

# Traits d'union que l'on rencontre dans les numéros : ASCII, trait d'union Unicode, insécable, tiret
# numérique, demi-cadratin (les documents composés remplacent souvent « - » par l'insécable U+2011).
_TRAIT = "[-\u2010\u2011\u2012\u2013]"
_ESPACE = "[ \u00a0\u202f\t]"
_ESPACES = f"{_ESPACE}*"
_LATIN = "bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies|undecies|duodecies"

# Article à lettre : L, R, D (et A pour les arrêtés), point et espace facultatifs, au moins un trait d'union.
_RE_LETTRE = re.compile(
    rf"(?<![\w\u2011-])(?P<lettre>[LRDA])(?:\.{_ESPACES}|{_ESPACE}?)"
    rf"(?P<chiffres>\d{{1,4}}(?:{_TRAIT}\d{{1,3}}){{1,4}})(?:{_ESPACE}(?P<latin>{_LATIN}))?(?![\w\u2011-])"
    r"(?!,\d)"  # « L. 3314-5,2 » n'existe pas ; « 1 225-3,5 » serait un nombre
)

# Article sans lettre, seulement après « article(s) » ou « art. » : « article 154 quinquies », « art. 81 ».
_NUM_SANS_LETTRE = rf"\d{{1,4}}(?:{_TRAIT}\d{{1,3}})*(?:{_ESPACE}(?:{_LATIN}))?(?:{_ESPACE}(?!(?:[IVX]+)\b)[A-Z]{{1,3}}\b)?"
_RE_SANS_LETTRE = re.compile(
    rf"\b(?:[Aa]rticles?|[Aa]rt\.){_ESPACES}(?P<premier>{_NUM_SANS_LETTRE})(?![\w,.]\d)"
    rf"(?P<suite>(?:{_ESPACES}(?:,|et|ou){_ESPACES}{_NUM_SANS_LETTRE}(?![\w,.]\d))*)"
)
_RE_NUM_SANS_LETTRE = re.compile(_NUM_SANS_LETTRE)

# Les codes, par la façon dont un texte les nomme (ordre : les plus longs d'abord).
_NOMS_CODES: list[tuple[str, str]] = [
    ("C. trav.", r"code\s+du\s+travail(?!\s+(?:applicable\s+à\s+Mayotte|maritime))|C\.\s?trav\.?|\bCT\b"),
    ("CSS", r"code\s+de\s+la\s+s[ée]curit[ée]\s+sociale|\bCSS\b|C\.\s?s[ée]c\.\s?soc\.?"),
    ("CSP", r"code\s+de\s+la\s+sant[ée]\s+publique|\bCSP\b|C\.\s?sant[ée]\s?publ?\.?"),
    ("CMF", r"code\s+mon[ée]taire\s+et\s+financier|\bCMF\b|C\.\s?mon\.\s?fin\.?"),
    ("CGI", r"code\s+g[ée]n[ée]ral\s+des\s+imp[ôo]ts|\bCGI\b"),
    ("C. civ.", r"code\s+civil|C\.\s?civ\.?"),
    ("C. pén.", r"code\s+p[ée]nal|C\.\s?p[ée]n\.?"),
    ("C. com.", r"code\s+de\s+commerce|C\.\s?com\.?"),
    ("C. consom.", r"code\s+de\s+la\s+consommation|C\.\s?consom\.?"),
    ("C. éduc.", r"code\s+de\s+l['’]\s?[ée]ducation"),
    ("CCH", r"code\s+de\s+la\s+construction\s+et\s+de\s+l['’]\s?habitation|\bCCH\b"),
    ("CASF", r"code\s+de\s+l['’]\s?action\s+sociale\s+et\s+des\s+familles|\bCASF\b"),
    ("C. rur.", r"code\s+rural(?:\s+et\s+de\s+la\s+p[êe]che\s+maritime)?|C\.\s?rur\.?"),
    ("C. assur.", r"code\s+des\s+assurances|C\.\s?assur\.?"),
    ("CGCT", r"code\s+g[ée]n[ée]ral\s+des\s+collectivit[ée]s\s+territoriales|\bCGCT\b"),
    ("C. mut.", r"code\s+de\s+la\s+mutualit[ée]"),
]
_RE_CODE = re.compile("|".join(f"(?P<c{i}>{motif})" for i, (_, motif) in enumerate(_NOMS_CODES)), re.IGNORECASE)
# « code de la route », « code forestier »… : un code que la table ne connaît pas, nommé en toutes lettres.
_RE_AUTRE_CODE = re.compile(
    r"\bcode\s+(?!du\s+présent|précité)((?:(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*)?[a-zà-ÿ]+(?:\s+(?:et|de|des|du|la|l['’])"
    r"\s*[a-zà-ÿ]+){0,4})", re.IGNORECASE)
_RE_MEME_CODE = re.compile(r"(?:m[êe]me\s+code|dudit\s+code|code\s+pr[ée]cit[ée]|pr[ée]sent\s+code|ce\s+code)",
                           re.IGNORECASE)

# Ce qui peut séparer un numéro du code qui le suit : compléments (II, 3°, alinéa 2, a)), « et suivants »,
# « nouveau », « modifié », parenthèses courtes, et les mots de liaison (« du », « de l' »).
_COMPLEMENT = (
    r"(?:[IVX]{1,5}\b(?:\s+(?:bis|ter))?|\d{1,2}\s?°(?:\s?(?:bis|ter))?|\d{1,2}(?:er|e|ème)?\s+alin[ée]as?"
    r"|alin[ée]as?\s+\d{1,2}|al\.\s*\d{1,2}|(?:premier|deuxi[èe]me|second|troisi[èe]me|quatri[èe]me|cinqui[èe]me"
    r"|sixi[èe]me|dernier|avant-dernier)s?\s+alin[ée]as?|[a-h]\)|et\s+suivants|et\s+s\.|s\.|nouveau|ancien"
    r"|modifi[ée]|pr[ée]cit[ée]|\([^()\n]{0,30}\))"
)
_LIAISON = r"(?:du|de\s+la|de\s+l['’]|de|des|au|aux|à|et|ou|of\s+the|of|,|:)"
_FILLER_APRES = re.compile(rf"(?:\s|{_COMPLEMENT}|{_LIAISON}\s)*", re.IGNORECASE)
# Entre deux numéros d'une même énumération.
_RE_ENTRE = re.compile(
    rf"^(?:\s|,|\bet\b|\bou\b|\bà\b|\bainsi\s+que\b|\bpuis\b|{_COMPLEMENT}|\bdu\b|\bde\b|\bla\b|\bl['’]|\bles\b"
    rf"|\bdes\b|\barticles?\b|\bart\.|\baux?\b)*$", re.IGNORECASE)
# Avant le premier numéro, après le nom d'un code : « CSS L242-1 », « code … (art. L. 312-20 », « code …,
# notamment les articles L. 123-1 ».
_RE_AVANT = re.compile(
    r"[\s,:(\[\"']*(?:(?:et\s+)?notamment\s+)?(?:(?:ses|son|les|l['’]|à\s+l['’]|aux|de\s+l['’])\s*)?"
    r"(?:articles?|art\.?)?\s*$", re.IGNORECASE)
_RE_COMPLEMENT_APRES = re.compile(rf"(?:\s*,)?\s*((?:{_COMPLEMENT}\s*)+)", re.IGNORECASE)
_RE_COMPLEMENT_AVANT = re.compile(
    r"(?:au\s+sens\s+|en\s+application\s+|prévu[es]*\s+|mentionn[ée]s?\s+|vis[ée]s?\s+)?(?:du|au|aux|des)\s+"
    r"((?:(?:\d{1,2}\s?°|[IVX]{1,5}|[a-h]\))(?:\s+(?:du|de|et)\s+)?)+)\s*(?:de\s+l['’]\s*article|de\s+l['’]art\.)\s*$",
    re.IGNORECASE)


# Nombre de chiffres avant le premier trait d'union dans la numérotation de chaque code (« L. 3314-5 » au Code du
# travail, « L. 242-1 » au CSS) : dans « articles L. 3312-2 et suivants et L. 242-1 du code de la sécurité
# sociale », le code nommé à la fin ne vaut pas pour L. 3312-2.
_CHIFFRES = {"C. trav.": 4, "CSP": 4, "CGCT": 4, "CSS": 3, "CMF": 3, "C. com.": 3, "C. consom.": 3, "CCH": 3,
             "C. éduc.": 3, "CASF": 3, "C. assur.": 3, "C. rur.": 3, "C. mut.": 3}


def _numerotation_compatible(code: str | None, num: str) -> bool:
    m = re.match(r"[LRDA](\d+)-", num)
    return code is None or not m or code not in _CHIFFRES or len(m.group(1)) == _CHIFFRES[code]


@dataclass(frozen=True)
class Citation:
    """Un article cité : code (« C. trav. », « CSS »…), numéro normalisé, tranche du numéro dans le texte.

    ``complement`` : la subdivision citée quand le texte la donne (« II », « 2° du I », « 3° ») ;
    ``code_explicite`` : faux quand le code est celui par défaut (aucun code nommé).
    """

    code: str
    num: str
    debut: int
    fin: int
    complement: str = ""
    code_explicite: bool = True

    @property
    def libelle(self) -> str:
        return f"{self.code} {'art. ' if self.num[:1].isdigit() else ''}{self.num}"


def normaliser_numero(texte: str) -> str:
    """« L. 3314-5 » → « L3314-5 », « D.3313‑9 » → « D3313-9 », « 154  quinquies » → « 154 quinquies »."""
    t = re.sub(_TRAIT, "-", texte.strip())
    m = re.match(rf"^([LRDA])\.?{_ESPACES}(\d.*)$", t)
    if m:
        t = m.group(1) + m.group(2)
    t = re.sub(rf"{_ESPACE}+", " ", t)
    return re.sub(rf"\s+({_LATIN})\b", lambda x: " " + x.group(1).lower(), t, flags=re.IGNORECASE)


def code_nomme(texte: str) -> str | None:
    """Le code que ``texte`` nomme (« du code de la sécurité sociale » → « CSS »), ou None."""
    m = _RE_CODE.search(texte)
    return _code_de(m) if m else None


def _code_de(m: re.Match[str]) -> str:
    for i, (cle, _) in enumerate(_NOMS_CODES):
        if m.group(f"c{i}"):
            return cle
    raise AssertionError(m.group(0))  # pragma: no cover - chaque alternative a son groupe


@dataclass
class _Num:
    num: str
    debut: int
    fin: int
    lettre: bool


def _numeros(texte: str) -> list[_Num]:
    trouves = [_Num(normaliser_numero(m.group(0)), m.start(), m.end(), True) for m in _RE_LETTRE.finditer(texte)]
    occupes = [(n.debut, n.fin) for n in trouves]
    for m in _RE_SANS_LETTRE.finditer(texte):
        debut_groupe = m.start("premier")
        for n in _RE_NUM_SANS_LETTRE.finditer(texte, debut_groupe, m.end()):
            if any(a < n.end() and n.start() < b for a, b in occupes):
                continue
            trouves.append(_Num(normaliser_numero(n.group(0)), n.start(), n.end(), False))
    return sorted(trouves, key=lambda n: n.debut)


def _code_apres(texte: str, pos: int) -> tuple[str | None, bool, bool]:
    """Code nommé juste après ``pos`` (après compléments et mots de liaison) : (code, « même code », abréviation
    accolée). « L3131-1 CSP » (abréviation sans « du ») ne vaut que pour ce numéro, « … du code de la santé
    publique » pour toute l'énumération qui précède."""
    f = _FILLER_APRES.match(texte, pos)
    p = f.end() if f else pos
    m = _RE_CODE.match(texte, p)
    if m:
        accolee = not m.group(0).lower().startswith("code") and not re.search(
            r"\b(?:du|de|des|au|aux)\b", texte[pos:p], re.IGNORECASE)
        return _code_de(m), False, accolee
    m = re.compile(r"(?:l['’]\s*)?" + _RE_MEME_CODE.pattern, re.IGNORECASE).match(texte, p)
    if m:
        return None, True, False
    m = _RE_AUTRE_CODE.match(texte, p)
    if m and p - pos < 40:
        return "Code " + re.sub(r"\s+", " ", m.group(1)).strip(), False, False
    return None, False, False


def _code_avant(texte: str, pos: int) -> str | None:
    debut = max(0, pos - 120)
    avant = texte[debut:pos]
    dernier = None
    for m in _RE_CODE.finditer(avant):
        dernier = m
    if dernier and _RE_AVANT.fullmatch(avant[dernier.end():]):
        return _code_de(dernier)
    return None


def citations(texte: str) -> list[Citation]:
    """Les articles de code cités dans ``texte``, dans l'ordre (voir la docstring du module)."""
    numeros = _numeros(texte)
    groupes: list[list[_Num]] = []
    for n in numeros:
        if groupes:
            prec = groupes[-1][-1]
            entre = texte[prec.fin:n.debut]
            if len(entre) <= 60 and _RE_ENTRE.match(entre) and not _RE_CODE.search(entre):
                groupes[-1].append(n)
                continue
        groupes.append([n])

    resultat: list[Citation] = []
    dernier_code: str | None = None
    for groupe in groupes:
        code, meme, accolee = _code_apres(texte, groupe[-1].fin)
        if meme:
            code = dernier_code
        codes = [code if _numerotation_compatible(code, n.num) else None for n in groupe[:-1]] + [code]
        if accolee:
            codes = [None] * (len(groupe) - 1) + [code]
        avant = _code_avant(texte, groupe[0].debut)
        for n, code_n in zip(groupe, codes, strict=True):
            code_n = code_n or avant
            explicite = code_n is not None
            if not n.lettre and not explicite:
                continue  # « article 7 de l'accord » : pas un article de code
            if explicite:
                dernier_code = code_n
            resultat.append(Citation(code_n or CODE_PAR_DEFAUT, n.num, n.debut, n.fin, _complement(texte, n),
                                     explicite))
    return resultat


def _complement(texte: str, n: _Num) -> str:
    parties = []
    m = _RE_COMPLEMENT_AVANT.search(texte[max(0, n.debut - 60):n.debut])
    if m:
        parties.append(re.sub(r"\s+", " ", m.group(1)).strip())
    m = _RE_COMPLEMENT_APRES.match(texte, n.fin)
    if m:
        apres = re.sub(r"\s+", " ", m.group(1)).strip()
        apres = re.sub(r"^\((.*)\)$", r"\1", apres)
        if not re.fullmatch(r"(?:et\s+suivants|et\s+s\.|s\.|nouveau|ancien|modifi[ée]|pr[ée]cit[ée])", apres, re.I):
            parties.append(apres)
    return " ".join(parties)
