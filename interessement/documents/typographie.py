"""Typographie française des textes produits : espaces insécables, caractères interdits en XML."""

from __future__ import annotations

import re

ESPACE_INSECABLE = "\u00a0"

# Caractères admis par XML 1.0 (hors tabulation et saut de ligne, traités à part) ; les autres sont retirés.
_RE_INTERDITS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_RE_AVANT = re.compile(r" ([:;!?»%])")
_RE_APRES = re.compile(r"(«) ")


def nettoyer(texte: str) -> str:
    """Retire ce qu'un document Word ne peut pas contenir (caractères de contrôle, non-caractères).

    Les sauts de ligne Windows deviennent des sauts de ligne simples ; la tabulation est conservée.
    """
    texte = texte.replace("\r\n", "\n").replace("\r", "\n")
    return _RE_INTERDITS.sub("", texte)


def typographie(texte: str) -> str:
    """Espace insécable avant « : ; ! ? » et % et à l'intérieur des guillemets français."""
    texte = _RE_AVANT.sub(ESPACE_INSECABLE + r"\1", texte)
    return _RE_APRES.sub(r"\1" + ESPACE_INSECABLE, texte)


_RE_BALISE = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.DOTALL)


def typographie_hors_balises(texte: str) -> str:
    """``typographie`` appliquée au texte d'un modèle, sans toucher aux balises Jinja."""
    morceaux = _RE_BALISE.split(texte)
    return "".join(m if _RE_BALISE.fullmatch(m) else typographie(m) for m in morceaux)


# ================================================================================ typographie du XML rendu

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RE_ARTICLE_CODE = re.compile(r"\b[LRD]\d{3,4}(?:-\d+)+")
_RE_PREMIER = re.compile(r"\b1er\b")


def _w(nom: str) -> str:
    return f"{{{_W}}}{nom}"


def typographie_xml(racine) -> None:  # noqa: ANN001 - élément lxml
    """Typographie d'une partie Word déjà rendue : apostrophe typographique (’), « 1er » avec « er » en
    exposant, trait d'union insécable dans les numéros d'article (« L3313‑3 » ne se coupe jamais en fin de ligne).
    Le texte normalisé (intégrité, textes de référence) lit le trait d'union insécable comme « - »."""
    from lxml import etree

    for t in list(racine.iter(_w("t"))):
        texte = t.text or ""
        if "'" in texte:
            texte = texte.replace("'", "\u2019")
            t.text = texte
        run = t.getparent()
        if run is None or run.tag != _w("r"):
            continue
        if not (_RE_ARTICLE_CODE.search(texte) or _RE_PREMIER.search(texte)):
            continue
        # Découpe le w:t en morceaux : texte, trait d'union insécable, « er » en exposant (run distinct).
        morceaux: list[tuple[str, str]] = []  # (nature, texte) : t | nbh | exposant
        pos = 0
        motif = re.compile(f"{_RE_ARTICLE_CODE.pattern}|{_RE_PREMIER.pattern}")
        for m in motif.finditer(texte):
            morceaux.append(("t", texte[pos:m.start()]))
            trouve = m.group(0)
            if trouve == "1er":
                morceaux.append(("t", "1"))
                morceaux.append(("exposant", "er"))
            else:
                for i, bout in enumerate(trouve.split("-")):
                    if i:
                        morceaux.append(("nbh", "-"))
                    morceaux.append(("t", bout))
            pos = m.end()
        morceaux.append(("t", texte[pos:]))
        rpr = run.find(_w("rPr"))
        # Le run d'origine garde ce qui précède le w:t ; les morceaux vont dans des runs successifs.
        index_t = list(run).index(t)
        apres = list(run)[index_t + 1:]
        run.remove(t)
        for el in apres:
            run.remove(el)
        courant = run
        for nature, bout in morceaux:
            if nature == "exposant":
                nouveau = etree.Element(_w("r"))
                proprietes = etree.SubElement(nouveau, _w("rPr")) if rpr is None else _copie_rpr(rpr, nouveau)
                va = etree.SubElement(proprietes, _w("vertAlign"))
                va.set(_w("val"), "superscript")
                tt = etree.SubElement(nouveau, _w("t"))
                tt.text = bout
                courant.addnext(nouveau)
                courant = nouveau
                suite = etree.Element(_w("r"))
                if rpr is not None:
                    _copie_rpr(rpr, suite)
                courant.addnext(suite)
                courant = suite
            elif nature == "nbh":
                etree.SubElement(courant, _w("noBreakHyphen"))
            elif bout:
                tt = etree.SubElement(courant, _w("t"))
                tt.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                tt.text = bout
        for el in apres:
            courant.append(el)


def _copie_rpr(rpr, run):  # noqa: ANN001, ANN202
    from copy import deepcopy

    copie = deepcopy(rpr)
    run.insert(0, copie)
    return copie


def garder_les_annonces(racine) -> None:  # noqa: ANN001 - élément lxml
    """Un paragraphe qui se termine par « : » (« … sont les suivantes : ») annonce un tableau ou une liste, comme
    celui qui précède immédiatement un tableau : il reçoit « garder avec le paragraphe suivant » (``w:keepNext``)
    et ne finit donc jamais une page. Appliqué au document rendu : les phrases variables (« … représentés par : »)
    sont couvertes comme celles des modèles."""
    from lxml import etree

    for p in racine.iter(_w("p")):
        dernier = None
        for t in p.iter(_w("t")):
            if t.text and t.text.strip():
                dernier = t.text
        suivant = p.getnext()
        avant_tableau = suivant is not None and suivant.tag == _w("tbl")
        if dernier is None or not (dernier.rstrip().endswith(":") or avant_tableau):
            continue
        ppr = p.find(_w("pPr"))
        if ppr is None:
            ppr = etree.Element(_w("pPr"))
            p.insert(0, ppr)
        if ppr.find(_w("keepNext")) is not None:
            continue
        style = ppr.find(_w("pStyle"))
        garde = etree.Element(_w("keepNext"))
        if style is not None:
            style.addnext(garde)
        else:
            ppr.insert(0, garde)
