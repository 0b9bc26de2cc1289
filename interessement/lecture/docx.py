"""Un .docx lu tel qu'il s'affiche, pas tel que son XML le contient.

Ce qu'un lecteur voit : le résultat des champs (jamais leur code), la numérotation automatique des titres
(« Article 3 – » posé par la liste liée au style, absent du texte du XML), le texte des zones de texte, des
en-têtes et pieds de page, des notes ; les insertions suivies comptent comme du texte, les suppressions non.
Ce qu'il ne voit pas et qui est signalé comme anomalie : le texte masqué (``w:vanish``, ``w:specVanish``, y
compris par un style), le texte invisible (couleur proche du fond : trame de la cellule, du paragraphe ou du
texte), le texte minuscule ; et aussi les commentaires, les modifications suivies, les champs qui affichent du
texte. Un projet de macros, un modèle attaché ou une relation externe, un objet OLE ou ActiveX, un contenu
importé (``altChunk``) font du fichier un document qui n'est pas sorti tel quel de notre générateur.

Les pages : Word note où commençait chaque page au dernier enregistrement (``w:lastRenderedPageBreak``) ; sans
ces marques (document jamais ouvert dans Word, comme ceux que nous générons), la page n'est pas connue.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from lxml import etree

from ..erreurs import ErreurEntree
from . import modele as m
from .archive import Archive
from .modele import Anomalie, Bloc, DocumentLu
from .structure import decouper, entier_en_romain

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_ACCORD = "urn:interessement-ouvert:accord:1"
NS_OFFICE = "urn:schemas-microsoft-com:office:office"


def w(nom: str) -> str:
    return f"{{{W}}}{nom}"


_VRAI = {None, "1", "true", "on"}
_CHAMPS_MISE_EN_PAGE = {"PAGE", "NUMPAGES", "SECTIONPAGES", "PAGEREF", "TOC", "HYPERLINK", "NOTEREF", "SEQ",
                        "SECTION", "TC", "XE", "INDEX", "STYLEREF", "FILENAME", "BARCODE", "DISPLAYBARCODE",
                        "INCLUDEPICTURE"}
_SOMMAIRE = re.compile(r"^(toc ?\d|tm ?\d|table of figures|tabledesillustrations|sommaire|tocheading|en-têtedetabledesmatières)",
                       re.IGNORECASE)
_TITRE_STYLE = re.compile(r"^(heading|titre|überschrift|kop)\s*(\d)$", re.IGNORECASE)
_CONTRASTE_MIN = 1.5
_TAILLE_MIN_DEMI_POINTS = 6  # moins de 3 points : illisible
_ECHELLE_MIN = 25  # largeur des caractères (w:w) en pour cent
_CARACTERES_PUCES = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf0fc": "✓", "o": "◦"}


def _bool(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    return el.get(w("val")) in _VRAI


# ===================================================================================== propriétés de texte


@dataclass
class ProprietesTexte:
    masque: bool = False
    couleur: str | None = None  # "RRGGBB" ou "auto"
    couleur_theme: str | None = None
    taille: int | None = None  # demi-points
    echelle: int | None = None  # w:w, %
    trame: str | None = None  # couleur de fond du texte
    surlignage: str | None = None
    gras: bool = False

    def fusion(self, rpr: etree._Element | None) -> ProprietesTexte:
        if rpr is None:
            return self
        p = ProprietesTexte(**self.__dict__)
        for nom in ("vanish", "specVanish"):
            v = _bool(rpr.find(w(nom)))
            if v is not None:
                p.masque = v if nom == "vanish" else (p.masque or v)
        b = _bool(rpr.find(w("b")))
        if b is not None:
            p.gras = b
        c = rpr.find(w("color"))
        if c is not None:
            p.couleur = c.get(w("val"))
            p.couleur_theme = c.get(w("themeColor"))
        sz = rpr.find(w("sz"))
        if sz is not None and (sz.get(w("val")) or "").isdigit():
            p.taille = int(sz.get(w("val")))
        ech = rpr.find(w("w"))
        if ech is not None and (ech.get(w("val")) or "").rstrip("%").isdigit():
            p.echelle = int(ech.get(w("val")).rstrip("%"))
        shd = rpr.find(w("shd"))
        if shd is not None:
            p.trame = _fond_trame(shd)
        hl = rpr.find(w("highlight"))
        if hl is not None:
            p.surlignage = hl.get(w("val"))
        return p


_SURLIGNAGES = {"black": "000000", "blue": "0000FF", "cyan": "00FFFF", "green": "00FF00", "magenta": "FF00FF",
                "red": "FF0000", "yellow": "FFFF00", "white": "FFFFFF", "darkBlue": "000080", "darkCyan": "008080",
                "darkGreen": "008000", "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000",
                "darkGray": "808080", "lightGray": "C0C0C0"}


def _fond_trame(shd: etree._Element) -> str | None:
    fill = shd.get(w("fill"))
    val = shd.get(w("val"))
    if val == "solid" and shd.get(w("color")) not in (None, "auto"):
        return shd.get(w("color"))
    if fill and fill != "auto":
        return fill
    return None


def _rgb(hexa: str) -> tuple[float, float, float] | None:
    if not hexa or not re.fullmatch(r"[0-9A-Fa-f]{6}", hexa):
        return None
    return tuple(int(hexa[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _luminance(rgb: tuple[float, float, float]) -> float:
    def canal(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (canal(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contraste(a: str, b: str) -> float | None:
    """Rapport de contraste WCAG entre deux couleurs « RRGGBB » (1 = identiques, 21 = noir sur blanc)."""
    ra, rb = _rgb(a), _rgb(b)
    if ra is None or rb is None:
        return None
    la, lb = _luminance(ra), _luminance(rb)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


# ============================================================================================= styles


class Styles:
    def __init__(self, racine: etree._Element | None, theme: dict[str, str]):
        self.theme = theme
        self.styles: dict[str, etree._Element] = {}
        self.defaut_paragraphe: str | None = None
        self.defaut_caractere: str | None = None
        self.rpr_defaut: etree._Element | None = None
        self._cache_r: dict[tuple[str | None, str | None], ProprietesTexte] = {}
        self._cache_p: dict[str, dict] = {}
        if racine is None:
            return
        d = racine.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.rpr_defaut = d
        for s in racine.findall(w("style")):
            sid = s.get(w("styleId"))
            if not sid:
                continue
            self.styles[sid] = s
            if s.get(w("default")) in ("1", "true", "on"):
                if s.get(w("type")) == "paragraph":
                    self.defaut_paragraphe = sid
                elif s.get(w("type")) == "character":
                    self.defaut_caractere = sid

    def chaine(self, sid: str | None) -> list[etree._Element]:
        """Le style et ceux dont il hérite, du plus général au plus particulier."""
        sortie: list[etree._Element] = []
        vus: set[str] = set()
        while sid and sid in self.styles and sid not in vus:
            vus.add(sid)
            s = self.styles[sid]
            sortie.append(s)
            base = s.find(w("basedOn"))
            sid = base.get(w("val")) if base is not None else None
        return list(reversed(sortie))

    def nom(self, sid: str | None) -> str:
        s = self.styles.get(sid or "")
        n = s.find(w("name")) if s is not None else None
        return (n.get(w("val")) if n is not None else None) or sid or ""

    def texte(self, style_p: str | None, style_r: str | None) -> ProprietesTexte:
        cle = (style_p, style_r)
        if cle not in self._cache_r:
            p = ProprietesTexte().fusion(self.rpr_defaut)
            for s in self.chaine(style_p or self.defaut_paragraphe):
                p = p.fusion(s.find(w("rPr")))
            for s in self.chaine(style_r):
                p = p.fusion(s.find(w("rPr")))
            self._cache_r[cle] = p
        return self._cache_r[cle]

    def paragraphe(self, sid: str | None) -> dict:
        """numId, ilvl, niveau de plan et trame que le style de paragraphe donne."""
        sid = sid or self.defaut_paragraphe or ""
        if sid not in self._cache_p:
            d: dict = {"numId": None, "ilvl": None, "outline": None, "trame": None}
            for s in self.chaine(sid):
                ppr = s.find(w("pPr"))
                if ppr is None:
                    continue
                _lire_ppr(ppr, d)
            self._cache_p[sid] = d
        return self._cache_p[sid]

    def couleur(self, p: ProprietesTexte) -> str | None:
        if p.couleur_theme:
            theme = {"background1": "lt1", "bg1": "lt1", "text1": "dk1", "tx1": "dk1", "background2": "lt2",
                     "bg2": "lt2", "text2": "dk2", "tx2": "dk2"}.get(p.couleur_theme, p.couleur_theme)
            if theme in self.theme:
                return self.theme[theme]
        return p.couleur


def _lire_ppr(ppr: etree._Element, d: dict) -> None:
    num = ppr.find(w("numPr"))
    if num is not None:
        n = num.find(w("numId"))
        lv = num.find(w("ilvl"))
        if n is not None:
            d["numId"] = n.get(w("val"))
        if lv is not None:
            d["ilvl"] = lv.get(w("val"))
    ol = ppr.find(w("outlineLvl"))
    if ol is not None and (ol.get(w("val")) or "").isdigit():
        d["outline"] = int(ol.get(w("val")))
    shd = ppr.find(w("shd"))
    if shd is not None:
        d["trame"] = _fond_trame(shd)


def _theme(racine: etree._Element | None) -> dict[str, str]:
    sortie: dict[str, str] = {}
    if racine is None:
        return sortie
    schema = racine.find(f".//{{{A}}}clrScheme")
    if schema is None:
        return sortie
    for enfant in schema:
        nom = etree.QName(enfant).localname
        srgb = enfant.find(f"{{{A}}}srgbClr")
        sys_ = enfant.find(f"{{{A}}}sysClr")
        if srgb is not None:
            sortie[nom] = srgb.get("val")
        elif sys_ is not None:
            sortie[nom] = sys_.get("lastClr") or ("FFFFFF" if sys_.get("val") == "window" else "000000")
    return sortie


# ========================================================================================= numérotation


def _lettres(n: int) -> str:
    if n <= 0:
        return ""
    lettre = chr(ord("a") + (n - 1) % 26)
    return lettre * ((n - 1) // 26 + 1)


def formater_numero(n: int, fmt: str) -> str:
    if fmt in ("decimal", "decimalZero"):
        return f"{n:02d}" if fmt == "decimalZero" and n < 10 else str(n)
    if fmt == "upperRoman":
        return entier_en_romain(n)
    if fmt == "lowerRoman":
        return entier_en_romain(n).lower()
    if fmt == "upperLetter":
        return _lettres(n).upper()
    if fmt == "lowerLetter":
        return _lettres(n)
    if fmt in ("ordinal", "ordinalText"):
        return "1er" if n == 1 else f"{n}e"
    if fmt == "none":
        return ""
    return str(n)


class Numerotation:
    """Les numéros que Word affiche devant les paragraphes d'une liste (« Article 3 – », « 4.2. », « a) »)."""

    def __init__(self, racine: etree._Element | None):
        self.abstraits: dict[str, dict[int, etree._Element]] = {}
        self.nums: dict[str, tuple[str, dict[int, etree._Element], dict[int, int]]] = {}
        self.compteurs: dict[str, dict[int, int]] = {}
        if racine is None:
            return
        for a in racine.findall(w("abstractNum")):
            niveaux = {}
            for lvl in a.findall(w("lvl")):
                if (lvl.get(w("ilvl")) or "").isdigit():
                    niveaux[int(lvl.get(w("ilvl")))] = lvl
            self.abstraits[a.get(w("abstractNumId"))] = niveaux
        for n in racine.findall(w("num")):
            aid = n.find(w("abstractNumId"))
            if aid is None:
                continue
            surcharges: dict[int, etree._Element] = {}
            debuts: dict[int, int] = {}
            for o in n.findall(w("lvlOverride")):
                il = o.get(w("ilvl"))
                if not (il or "").isdigit():
                    continue
                so = o.find(w("startOverride"))
                if so is not None and (so.get(w("val")) or "").lstrip("-").isdigit():
                    debuts[int(il)] = int(so.get(w("val")))
                lvl = o.find(w("lvl"))
                if lvl is not None:
                    surcharges[int(il)] = lvl
            self.nums[n.get(w("numId"))] = (aid.get(w("val")), surcharges, debuts)

    def _niveau(self, num_id: str, ilvl: int) -> etree._Element | None:
        aid, surcharges, _ = self.nums[num_id]
        return surcharges.get(ilvl) or self.abstraits.get(aid, {}).get(ilvl)

    def _debut(self, num_id: str, ilvl: int) -> int:
        _, _, debuts = self.nums[num_id]
        if ilvl in debuts:
            return debuts[ilvl]
        lvl = self._niveau(num_id, ilvl)
        s = lvl.find(w("start")) if lvl is not None else None
        return int(s.get(w("val"))) if s is not None and (s.get(w("val")) or "").lstrip("-").isdigit() else 1

    def suivant(self, num_id: str | None, ilvl: int) -> str:
        """Le libellé du prochain numéro de la liste (et avance son compteur) ; « » si pas de liste."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        lvl = self._niveau(num_id, ilvl)
        if lvl is None:
            return ""
        cles = self.nums[num_id][0]
        compteurs = self.compteurs.setdefault(cles, {})
        compteurs[ilvl] = compteurs.get(ilvl, self._debut(num_id, ilvl) - 1) + 1
        for k in [k for k in compteurs if k > ilvl]:
            del compteurs[k]
        fmt_el = lvl.find(w("numFmt"))
        fmt = fmt_el.get(w("val")) if fmt_el is not None else "decimal"
        texte_el = lvl.find(w("lvlText"))
        modele = texte_el.get(w("val")) if texte_el is not None else ""
        if fmt == "bullet":
            libelle = "".join(_CARACTERES_PUCES.get(c, c) for c in (modele or "•"))
            libelle = "–" if libelle in ("", "-") else libelle
        else:
            legal = lvl.find(w("isLgl")) is not None

            def remplacer(mo: re.Match) -> str:
                k = int(mo.group(1)) - 1
                niveau = self._niveau(num_id, k)
                f = niveau.find(w("numFmt")) if niveau is not None else None
                fk = "decimal" if legal and k != ilvl else (f.get(w("val")) if f is not None else "decimal")
                valeur = compteurs.get(k, self._debut(num_id, k))
                return formater_numero(valeur, fk)

            libelle = re.sub(r"%(\d)", remplacer, modele or "")
        if not libelle.strip():
            return ""
        suffixe = lvl.find(w("suff"))
        return libelle + ("" if suffixe is not None and suffixe.get(w("val")) == "nothing" else " ")


# ============================================================================================== lecture


@dataclass
class _Morceau:
    texte: str
    masque: bool = False
    invisible: str | None = None  # code d'anomalie de texte invisible (TEXTE_INVISIBLE, TEXTE_MINUSCULE)
    gras: bool = False


@dataclass
class _Paragraphe:
    morceaux: list[_Morceau] = field(default_factory=list)
    annexes: list[Bloc] = field(default_factory=list)  # zones de texte et notes rattachées
    page: int | None = None


class LecteurDocx:
    def __init__(self, archive: Archive):
        self.archive = archive
        self.anomalies: list[Anomalie] = []
        theme_nom = next((n for n in sorted(archive.noms) if re.fullmatch(r"word/theme/theme\d*\.xml", n)), None)
        self.styles = Styles(archive.xml_si("word/styles.xml"), _theme(archive.xml(theme_nom) if theme_nom else None))
        self.numerotation = Numerotation(archive.xml_si("word/numbering.xml"))
        self.notes: dict[tuple[str, str], list[etree._Element]] = {}
        for partie, type_ in (("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")):
            racine = archive.xml_si(partie)
            if racine is None:
                continue
            for note in racine.findall(w(type_)):
                if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                self.notes[(type_, note.get(w("id")))] = note.findall(f".//{w('p')}")
        self.page = 1
        self.pages_connues = False
        self.champs_texte: list[str] = []
        self.insertions: list[str] = []
        self.suppressions: list[str] = []
        self.mises_en_forme = 0

    # ----------------------------------------------------------------------------- propriétés effectives

    def _proprietes_run(self, r: etree._Element, style_p: str | None) -> ProprietesTexte:
        rpr = r.find(w("rPr"))
        style_r = None
        if rpr is not None:
            rs = rpr.find(w("rStyle"))
            style_r = rs.get(w("val")) if rs is not None else None
            if rpr.find(w("rPrChange")) is not None:
                self.mises_en_forme += 1
        return self.styles.texte(style_p, style_r).fusion(rpr)

    def _invisible(self, p: ProprietesTexte, fond: str) -> str | None:
        if p.taille is not None and p.taille < _TAILLE_MIN_DEMI_POINTS:
            return m.TEXTE_MINUSCULE
        if p.echelle is not None and p.echelle < _ECHELLE_MIN:
            return m.TEXTE_MINUSCULE
        couleur = self.styles.couleur(p)
        if couleur in (None, "auto"):
            return None
        arriere = p.trame or (_SURLIGNAGES.get(p.surlignage or "") if p.surlignage not in (None, "none") else None) \
            or fond
        c = contraste(couleur, arriere)
        if c is not None and c < _CONTRASTE_MIN:
            return m.TEXTE_INVISIBLE
        return None

    # ------------------------------------------------------------------------------------- paragraphes

    def _texte_run(self, r: etree._Element, pile: list[list], props: ProprietesTexte, fond: str,
                   courant: _Paragraphe, etat_rev: str | None) -> None:
        """Ajoute au paragraphe le texte visible d'un run (résultats de champs compris, codes exclus)."""
        invisible = None
        for el in r:
            tag = el.tag
            if tag == w("fldChar"):
                t = el.get(w("fldCharType"))
                if t == "begin":
                    pile.append(["", False])
                elif t == "separate" and pile:
                    pile[-1][1] = True
                elif t == "end" and pile:
                    pile.pop()
                continue
            if tag == w("instrText"):
                if pile and not pile[-1][1]:
                    pile[-1][0] += el.text or ""
                continue
            if pile and not pile[-1][1]:
                continue  # entre le début d'un champ et son séparateur : le code, pas le résultat
            if tag == w("lastRenderedPageBreak"):
                self.page += 1
                if not courant.morceaux or not "".join(x.texte for x in courant.morceaux).strip():
                    courant.page = self.page
                continue
            texte = None
            if tag == w("t"):
                texte = el.text or ""
            elif tag == w("delText"):
                self.suppressions.append(el.text or "")
                continue
            elif tag == w("tab"):
                texte = "\t"
            elif tag in (w("br"), w("cr")):
                texte = "\n"
            elif tag == w("noBreakHyphen"):
                texte = "-"
            elif tag == w("sym"):
                code = el.get(w("char")) or ""
                try:
                    texte = _CARACTERES_PUCES.get(chr(int(code, 16)), chr(int(code, 16)))
                except ValueError:
                    texte = ""
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                type_ = "footnote" if tag == w("footnoteReference") else "endnote"
                for p in self.notes.get((type_, el.get(w("id"))), []):
                    courant.annexes.extend(self._blocs_paragraphe(p, "note", fond))
                continue
            elif tag == w("commentReference"):
                continue
            elif tag in (w("drawing"), w("pict")) or tag == f"{{{MC}}}AlternateContent":
                self._zones_de_texte(el, courant, fond)
                self._objets(el)
                continue
            elif tag == w("object"):
                self._ajouter_anomalie(m.OBJET_OLE, "objet incorporé (OLE) dans le texte", None)
                self._zones_de_texte(el, courant, fond)
                continue
            if texte is None:
                continue
            if invisible is None:
                invisible = self._invisible(props, fond) or ""
            masque = props.masque
            if pile and texte and any(p[1] for p in pile):
                code = (pile[-1][0].split() or [""])[0].upper()
                if code not in _CHAMPS_MISE_EN_PAGE and texte.strip():
                    self.champs_texte.append(texte)
            if etat_rev == "ins" and texte.strip():
                self.insertions.append(texte)
            courant.morceaux.append(_Morceau(texte, masque, invisible or None, props.gras))

    def _objets(self, el: etree._Element) -> None:
        for o in el.iter(f"{{{NS_OFFICE}}}OLEObject"):
            self._ajouter_anomalie(m.OBJET_OLE, "objet OLE incorporé ou lié (" + (o.get("ProgID") or "inconnu") + ")",
                                   None)

    def _zones_de_texte(self, el: etree._Element, courant: _Paragraphe, fond: str) -> None:
        """Les paragraphes des zones de texte ; d'un contenu alternatif (``mc:AlternateContent``), seule la
        première branche est lue : la version de repli (VML) répète le même texte."""
        for tx in el.iter(w("txbxContent")):
            if any(etree.QName(a).localname == "Fallback" and etree.QName(a).namespace == MC
                   and a.getprevious() is not None for a in tx.iterancestors()):
                continue
            if any(a.tag == w("txbxContent") for a in tx.iterancestors()):
                continue  # zone dans une zone : lue avec la première
            for p in tx.iterchildren(w("p"), w("tbl")):
                if p.tag == w("p"):
                    courant.annexes.extend(self._blocs_paragraphe(p, "zone_texte", fond))
                else:
                    courant.annexes.extend(self._blocs_tableau(p, "zone_texte", fond))

    def _parcourir(self, parent: etree._Element, pile: list[list], style_p: str | None, fond: str,
                   courant: _Paragraphe, etat_rev: str | None = None) -> None:
        for el in parent:
            tag = el.tag
            if tag == w("r"):
                props = self._proprietes_run(el, style_p)
                self._texte_run(el, pile, props, fond, courant, etat_rev)
            elif tag in (w("ins"), w("moveTo")):
                self._parcourir(el, pile, style_p, fond, courant, "ins")
            elif tag in (w("del"), w("moveFrom")):
                self._parcourir(el, pile, style_p, fond, courant, "del")
            elif tag == w("fldSimple"):
                code = ((el.get(w("instr")) or "").split() or [""])[0].upper()
                avant = len(courant.morceaux)
                self._parcourir(el, pile, style_p, fond, courant, etat_rev)
                if code not in _CHAMPS_MISE_EN_PAGE:
                    t = "".join(x.texte for x in courant.morceaux[avant:])
                    if t.strip():
                        self.champs_texte.append(t)
            elif tag in (w("hyperlink"), w("smartTag"), w("customXml"), w("bdo"), w("dir")):
                self._parcourir(el, pile, style_p, fond, courant, etat_rev)
            elif tag == w("sdt"):
                contenu = el.find(w("sdtContent"))
                if contenu is not None:
                    self._parcourir(contenu, pile, style_p, fond, courant, etat_rev)
            elif tag == f"{{{MC}}}AlternateContent":
                branche = next((c for c in el if etree.QName(c).localname in ("Choice", "Fallback")), None)
                if branche is not None:
                    self._parcourir(branche, pile, style_p, fond, courant, etat_rev)

    def _blocs_paragraphe(self, p: etree._Element, source: str, fond: str) -> list[Bloc]:
        ppr = p.find(w("pPr"))
        sid = None
        direct: dict = {"numId": None, "ilvl": None, "outline": None, "trame": None}
        if ppr is not None:
            ps = ppr.find(w("pStyle"))
            sid = ps.get(w("val")) if ps is not None else None
            _lire_ppr(ppr, direct)
            if ppr.find(w("pPrChange")) is not None:
                self.mises_en_forme += 1
        du_style = self.styles.paragraphe(sid)
        num_id = direct["numId"] if direct["numId"] is not None else du_style["numId"]
        ilvl_s = direct["ilvl"] if direct["ilvl"] is not None else du_style["ilvl"]
        ilvl = int(ilvl_s) if (ilvl_s or "").isdigit() else 0
        outline = direct["outline"] if direct["outline"] is not None else du_style["outline"]
        trame = direct["trame"] or du_style["trame"] or fond
        courant = _Paragraphe(page=self.page)
        pile: list[list] = []
        self._parcourir(p, pile, sid, trame, courant)
        nom_style = self.styles.nom(sid)
        numero = self.numerotation.suivant(num_id, ilvl) if num_id else ""
        niveau = None
        sommaire = bool(_SOMMAIRE.match(nom_style or "")) or bool(_SOMMAIRE.match(sid or ""))
        if source == "corps" and not sommaire:
            mt = _TITRE_STYLE.match(nom_style.replace("Titre", "Titre ").replace("  ", " ") if nom_style else "")
            if (nom_style or "").lower() in ("title", "titre"):
                niveau = 0
            elif outline is not None and outline < 9:
                niveau = outline + 1
            elif mt:
                niveau = int(mt.group(2))
        blocs = self._assembler(courant, numero, niveau, source, sommaire)
        return blocs + courant.annexes

    def _assembler(self, courant: _Paragraphe, numero: str, niveau: int | None, source: str,
                   sommaire: bool) -> list[Bloc]:
        visibles = [x for x in courant.morceaux if not x.masque and not x.invisible]
        caches = [x for x in courant.morceaux if x.masque or x.invisible]
        blocs: list[Bloc] = []
        texte = "".join(x.texte for x in visibles)
        if texte.strip():
            gras = all(x.gras for x in visibles if x.texte.strip())
            blocs.append(Bloc((numero + texte) if numero else texte, page=self.page_de(courant), source=source,
                              niveau_titre=niveau, gras=gras, sommaire=sommaire))
        elif numero.strip() and niveau is not None and not caches:
            blocs.append(Bloc(numero, page=self.page_de(courant), source=source, niveau_titre=niveau))
        # le texte caché : un bloc masqué par suite continue, et une anomalie
        suite: list[_Morceau] = []
        for x in courant.morceaux + [_Morceau("", False)]:
            if x.masque or x.invisible:
                suite.append(x)
                continue
            if suite and "".join(s.texte for s in suite).strip():
                t = "".join(s.texte for s in suite)
                code = m.TEXTE_MASQUE if any(s.masque for s in suite) else (suite[0].invisible or m.TEXTE_INVISIBLE)
                blocs.append(Bloc(t, page=self.page_de(courant), masque=True, source=source))
                quoi = {m.TEXTE_MASQUE: "texte masqué (propriété « masqué » de Word)",
                        m.TEXTE_INVISIBLE: "texte invisible (couleur du texte proche de celle du fond)",
                        m.TEXTE_MINUSCULE: "texte illisible (police minuscule ou écrasée)"}[code]
                self._ajouter_anomalie(code, f"{quoi} : « {_court(t)} »", self.page_de(courant), t)
            suite = []
        return blocs

    def page_de(self, courant: _Paragraphe) -> int | None:
        return courant.page if self.pages_connues else None

    def _blocs_tableau(self, tbl: etree._Element, source: str, fond: str) -> list[Bloc]:
        lignes: list[list[str]] = []
        annexes: list[Bloc] = []
        page = self.page
        for tr in tbl.iterchildren(w("tr")):
            ligne: list[str] = []
            for tc in _cellules(tr):
                tcpr = tc.find(w("tcPr"))
                fond_cellule = fond
                if tcpr is not None:
                    shd = tcpr.find(w("shd"))
                    if shd is not None and _fond_trame(shd):
                        fond_cellule = _fond_trame(shd)
                    vm = tcpr.find(w("vMerge"))
                    if vm is not None and vm.get(w("val")) != "restart":
                        ligne.append("")
                        continue
                morceaux = []
                for enfant in _contenu_bloc(tc):
                    if enfant.tag == w("p"):
                        for b in self._blocs_paragraphe(enfant, source, fond_cellule):
                            if b.masque or b.source != source:
                                annexes.append(b)
                            elif b.texte.strip():
                                morceaux.append(b.texte.strip())
                    elif enfant.tag == w("tbl"):
                        for b in self._blocs_tableau(enfant, source, fond_cellule):
                            if b.lignes is not None:
                                morceaux.extend(" | ".join(x for x in r if x) for r in b.lignes)
                            else:
                                annexes.append(b)
                ligne.append(" ".join(morceaux))
            lignes.append(ligne)
        if not any(any(c.strip() for c in ligne) for ligne in lignes):
            return annexes
        return [Bloc("", page=page if self.pages_connues else None, source="tableau", lignes=lignes)] + annexes

    def _ajouter_anomalie(self, code: str, message: str, page: int | None, extrait: str | None = None) -> None:
        if any(a.code == code and a.message == message for a in self.anomalies):
            return
        extrait = " ".join(extrait.split()) if extrait is not None else None
        self.anomalies.append(Anomalie(code, message[0].upper() + message[1:], page, extrait))

    # ---------------------------------------------------------------------------------------- document

    def blocs_corps(self, corps: etree._Element) -> list[Bloc]:
        blocs: list[Bloc] = []
        fond = "FFFFFF"
        for el in _contenu_bloc(corps):
            if el.tag == w("p"):
                blocs.extend(self._blocs_paragraphe(el, "corps", fond))
            elif el.tag == w("tbl"):
                blocs.extend(self._blocs_tableau(el, "corps", fond))
            elif el.tag == w("altChunk"):
                self._ajouter_anomalie(m.CONTENU_IMPORTE, "contenu importé d'un autre fichier (altChunk), affiché "
                                       "par Word mais absent du texte du document", None)
        return blocs

    def blocs_partie(self, racine: etree._Element, source: str) -> list[Bloc]:
        sauve_page, sauve_connues = self.page, self.pages_connues
        blocs = []
        for el in _contenu_bloc(racine):
            if el.tag == w("p"):
                blocs.extend(self._blocs_paragraphe(el, source, "FFFFFF"))
            elif el.tag == w("tbl"):
                for b in self._blocs_tableau(el, source, "FFFFFF"):
                    if b.lignes is not None:
                        blocs.extend(Bloc(" | ".join(c for c in r if c), source=source) for r in b.lignes)
                    else:
                        blocs.append(b)
        for b in blocs:
            b.page = None
            if b.source in ("corps", "tableau"):
                b.source = source
        self.page, self.pages_connues = sauve_page, sauve_connues
        return blocs


def _contenu_bloc(parent: etree._Element):
    """Les paragraphes et tableaux d'un conteneur, à travers contrôles de contenu et XML personnalisé."""
    for el in parent:
        if el.tag in (w("p"), w("tbl"), w("altChunk")):
            yield el
        elif el.tag == w("sdt"):
            contenu = el.find(w("sdtContent"))
            if contenu is not None:
                yield from _contenu_bloc(contenu)
        elif el.tag in (w("customXml"), w("ins"), w("moveTo")):
            yield from _contenu_bloc(el)
        elif el.tag == f"{{{MC}}}AlternateContent":
            branche = next((c for c in el if etree.QName(c).localname in ("Choice", "Fallback")), None)
            if branche is not None:
                yield from _contenu_bloc(branche)


def _cellules(tr: etree._Element):
    for el in tr:
        if el.tag == w("tc"):
            yield el
        elif el.tag == w("sdt"):
            contenu = el.find(w("sdtContent"))
            if contenu is not None:
                yield from _cellules(contenu)
        elif el.tag == w("customXml"):
            yield from _cellules(el)


def _court(texte: str, n: int = 160) -> str:
    t = " ".join(texte.split())
    return t if len(t) <= n else t[: n - 1] + "…"


# ============================================================================ le paquet : parties et relations

_TYPES_RELATIONS_ANODINS = {"hyperlink"}


def _anomalies_paquet(archive: Archive, lecteur: LecteurDocx) -> None:
    noms = archive.noms
    for nom in sorted(noms):
        bas = nom.lower()
        if bas.endswith("vbaproject.bin") or bas.endswith("vbadata.xml"):
            lecteur._ajouter_anomalie(m.MACRO, f"projet de macros VBA (« {nom} ») : un document Word qui contient "
                                      "des macros n'est pas un document produit par le générateur", None)
        elif bas.startswith("word/embeddings/"):
            lecteur._ajouter_anomalie(m.OBJET_OLE, f"objet incorporé (« {nom} »)", None)
        elif bas.startswith("word/activex/"):
            lecteur._ajouter_anomalie(m.ACTIVEX, f"contrôle ActiveX (« {nom} »)", None)
    if "[Content_Types].xml" in noms:
        types = archive.lire("[Content_Types].xml").decode("utf-8", "replace")
        if "macroEnabled" in types or "vbaProject" in types:
            lecteur._ajouter_anomalie(m.MACRO, "le document est déclaré « avec macros » (type de contenu "
                                      "macroEnabled)", None)
    for nom in sorted(n for n in noms if n.endswith(".rels")):
        racine = archive.xml(nom)
        for rel in racine.findall(f"{{{REL}}}Relationship"):
            type_ = (rel.get("Type") or "").rsplit("/", 1)[-1]
            cible = rel.get("Target") or ""
            if type_ == "attachedTemplate":
                lecteur._ajouter_anomalie(m.MODELE_EXTERNE, f"modèle attaché hors du document (« {_court(cible, 100)} ») : "
                                          "Word peut le charger à l'ouverture", None)
            elif (rel.get("TargetMode") or "").lower() == "external" and type_ not in _TYPES_RELATIONS_ANODINS:
                lecteur._ajouter_anomalie(m.RELATION_EXTERNE, f"relation vers un fichier ou une adresse extérieurs "
                                          f"(« {type_} » → « {_court(cible, 100)} »)", None)
            elif type_ in ("oleObject", "package"):
                lecteur._ajouter_anomalie(m.OBJET_OLE, f"objet incorporé (« {_court(cible, 100)} »)", None)
            elif type_ in ("control", "activeXControlBinary"):
                lecteur._ajouter_anomalie(m.ACTIVEX, f"contrôle ActiveX (« {_court(cible, 100)} »)", None)
            elif type_ in ("aFChunk", "subDocument"):
                lecteur._ajouter_anomalie(m.CONTENU_IMPORTE, f"contenu importé d'un autre fichier (« {_court(cible, 100)} »)",
                                          None)


def _commentaires(archive: Archive) -> list[str]:
    racine = archive.xml_si("word/comments.xml")
    if racine is None:
        return []
    sortie = []
    for c in racine.findall(w("comment")):
        auteur = c.get(w("author")) or "auteur inconnu"
        texte = " ".join(" ".join(t.text or "" for t in p.iter(w("t"))).strip() for p in c.iter(w("p"))).strip()
        sortie.append(f"{auteur} : {texte}")
    return sortie


def _donnees_embarquees(archive: Archive) -> dict | None:
    for nom in sorted(archive.noms):
        if not re.fullmatch(r"customXml/item\d+\.xml", nom):
            continue
        racine = archive.xml(nom)
        if etree.QName(racine).namespace == NS_ACCORD:
            try:
                donnees = json.loads(racine.text or "")
            except (json.JSONDecodeError, RecursionError):
                return {"_illisible": True}
            return donnees if isinstance(donnees, dict) else {"_illisible": True}
    return None


def _parties_entetes(archive: Archive) -> list[tuple[str, str]]:
    """(partie, source) des en-têtes et pieds de page que le document référence, dans l'ordre des relations."""
    rels = archive.xml_si("word/_rels/document.xml.rels")
    sortie = []
    if rels is not None:
        for rel in rels.findall(f"{{{REL}}}Relationship"):
            type_ = (rel.get("Type") or "").rsplit("/", 1)[-1]
            if type_ in ("header", "footer") and (rel.get("TargetMode") or "").lower() != "external":
                cible = rel.get("Target") or ""
                partie = cible.lstrip("/") if cible.startswith("/") else "word/" + cible
                if partie in archive.noms:
                    sortie.append((partie, "entete" if type_ == "header" else "pied"))
    return sorted(set(sortie))


def lire_docx(donnees: bytes, nom: str) -> DocumentLu:
    archive = Archive(donnees, nom, "document Word")
    if "word/document.xml" not in archive.noms:
        raise ErreurEntree(f"{nom} : document Word incomplet (partie « word/document.xml » absente).")
    lecteur = LecteurDocx(archive)
    document = archive.xml("word/document.xml")
    corps = document.find(w("body"))
    if corps is None:
        raise ErreurEntree(f"{nom} : document Word sans corps de texte.")
    lecteur.pages_connues = next(corps.iter(w("lastRenderedPageBreak")), None) is not None
    blocs = lecteur.blocs_corps(corps)
    pages = lecteur.page if lecteur.pages_connues else None
    for partie, source in _parties_entetes(archive):
        blocs.extend(lecteur.blocs_partie(archive.xml(partie), source))
    _anomalies_paquet(archive, lecteur)
    if lecteur.champs_texte:
        t = " ".join(" ".join(lecteur.champs_texte).split())
        lecteur._ajouter_anomalie(m.CHAMP_TEXTE, f"texte affiché par un champ (le texte vient d'un calcul, pas du "
                                  f"document) : « {_court(t)} »", None, t)
    if lecteur.insertions:
        t = " ".join(" ".join(lecteur.insertions).split())
        lecteur._ajouter_anomalie(m.REVISION_INSERTION, f"modification suivie non acceptée : texte inséré « {_court(t)} » "
                                  "(lu comme faisant partie du texte)", None, t)
    if lecteur.suppressions:
        t = " ".join(" ".join(lecteur.suppressions).split())
        lecteur._ajouter_anomalie(m.REVISION_SUPPRESSION, f"modification suivie non acceptée : texte supprimé « {_court(t)} » "
                                  "(non lu)", None, t)
    if lecteur.mises_en_forme:
        lecteur._ajouter_anomalie(m.REVISION_MISE_EN_FORME, f"{lecteur.mises_en_forme} modification(s) de mise en "
                                  "forme suivies non acceptées", None)
    commentaires = _commentaires(archive)
    for c in commentaires:
        lecteur._ajouter_anomalie(m.COMMENTAIRE, f"commentaire : « {_court(c)} »", None, c)
    app = archive.xml_si("docProps/app.xml")
    if pages is None and app is not None and lecteur.pages_connues:
        el = next((e for e in app if etree.QName(e).localname == "Pages"), None)
        if el is not None and (el.text or "").isdigit():
            pages = int(el.text)
    doc = DocumentLu(nom=nom, format="docx", pages=pages, anomalies=lecteur.anomalies, commentaires=commentaires,
                     donnees_embarquees=_donnees_embarquees(archive))
    doc.parties = decouper(blocs)
    doc.texte_canonique = _texte_canonique(donnees)
    _codes_qr(archive, doc)
    return doc


def _codes_qr(archive: Archive, doc: DocumentLu) -> None:
    """Les codes QR des images du document (les nôtres sont des PNG de ``word/media``)."""
    import io

    from . import qr

    images = [n for n in sorted(archive.noms) if n.startswith("word/media/") and n.lower().endswith(".png")
              and archive.infos[n].file_size <= 2_000_000][:24]
    if not images:
        return
    from PIL import Image, UnidentifiedImageError

    textes: list[str] = []
    for n in images:
        try:
            with Image.open(io.BytesIO(archive.lire(n))) as image:
                if image.width * image.height > 16_000_000:
                    continue
                image.load()
                textes.extend(qr.textes_qr(image))
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
            continue
    doc.codes_qr = qr.nos_codes(textes)
    doc.qr, anomalies = qr.decoder(textes)
    doc.anomalies.extend(anomalies)


def _texte_canonique(donnees: bytes) -> str | None:
    try:
        from ..integrite import texte_canonique
    except ImportError:  # l'empreinte du texte n'est pas encore disponible dans integrite.py
        return None
    try:
        return texte_canonique(donnees)
    except ErreurEntree:
        return None
