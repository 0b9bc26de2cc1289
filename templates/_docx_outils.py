"""Outils de construction des modèles Word (python-docx) : styles, numérotation, champs, balises docxtpl.

Utilisé seulement par ``construire_modeles.py`` ; les modèles produits (``*.docx``) sont versionnés pour
qu'un juriste puisse les ouvrir et les modifier dans Word ou LibreOffice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from interessement.documents.typographie import typographie_hors_balises

POLICE = "Liberation Serif"  # métriques de Times New Roman : Word et LibreOffice paginent de même
POLICE_TITRES = "Liberation Serif"
POLICE_CHASSE_FIXE = "Liberation Mono"
TAILLE = 11
BLEU = RGBColor(0x1F, 0x3A, 0x5F)
GRIS = RGBColor(0x55, 0x55, 0x55)

NUM_ARTICLES = 10
NUM_TIRETS = 11

# Styles propres au projet (identifiants Word ASCII ; les noms affichés sont en français).
STYLE_SECTION = "Titre de section"
STYLE_TIRET = "Liste tiret"
STYLE_PETIT = "Texte petit"
STYLE_ENCADRE = "Encadre"
STYLE_FORMULE = "Formule"
STYLE_TABLE_TEXTE = "Texte de tableau"


# ------------------------------------------------------------------------------------------------ document


def nouveau_document(*, titre_propriete: str, sujet: str, compact: bool = False) -> Document:
    """Un document vierge aux styles du projet ; ``compact`` : interligne et espaces resserrés (note
    d'information, liste de dépôt : deux pages au plus, sans dernière page presque vide)."""
    doc = Document()
    section = doc.sections[0]
    section.page_height = Cm(29.7)
    section.page_width = Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.4)
    section.top_margin = Cm(2.2)
    section.bottom_margin = Cm(2.0)
    section.footer_distance = Cm(1.0)
    doc.core_properties.title = titre_propriete
    doc.core_properties.subject = sujet
    doc.core_properties.author = "Intéressement ouvert"
    doc.core_properties.language = "fr-FR"
    doc.core_properties.comments = (
        "Modèle Word d'Intéressement ouvert : les balises Jinja (docxtpl) sont remplacées à la génération ; "
        "variables décrites dans interessement/documents/contexte.py."
    )
    _sans_vignette(doc)
    _styles(doc, compact)
    _numerotation(doc)
    _reglages(doc)
    return doc


def _sans_vignette(doc: Document) -> None:
    """Retire la vignette du modèle par défaut de python-docx (elle montrerait un autre document)."""
    paquet = doc.part.package
    for r_id, rel in list(paquet.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del paquet.rels[r_id]


def _langue(element, code: str = "fr-FR") -> None:
    rpr = element.get_or_add_rPr() if hasattr(element, "get_or_add_rPr") else element
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), code)
    lang.set(qn("w:eastAsia"), code)


def _police(style, nom: str, taille: float | None = None, *, gras: bool | None = None,
            italique: bool | None = None, couleur: RGBColor | None = None) -> None:
    style.font.name = nom
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), nom)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    if taille is not None:
        style.font.size = Pt(taille)
    if gras is not None:
        style.font.bold = gras
    if italique is not None:
        style.font.italic = italique
    style.font.color.rgb = couleur if couleur is not None else RGBColor(0, 0, 0)


def _espacement(style, avant: float = 0, apres: float = 6, interligne: float | None = 1.15,
                aligne=None, garder_suivant: bool | None = None) -> None:
    pf = style.paragraph_format
    pf.space_before = Pt(avant)
    pf.space_after = Pt(apres)
    if interligne is not None:
        pf.line_spacing = interligne
    if aligne is not None:
        pf.alignment = aligne
    if garder_suivant is not None:
        pf.keep_with_next = garder_suivant


def _niveau_plan(style, niveau: int) -> None:
    ppr = style.element.get_or_add_pPr()
    for ancien in ppr.findall(qn("w:outlineLvl")):
        ppr.remove(ancien)
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), str(niveau))
    ppr.append(lvl)


def _numero_style(style, num_id: int, niveau: int) -> None:
    ppr = style.element.get_or_add_pPr()
    for ancien in ppr.findall(qn("w:numPr")):
        ppr.remove(ancien)
    numpr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{niveau}"/><w:numId w:val="{num_id}"/></w:numPr>')
    ppr.insert(0, numpr)


def _bordure_bas(style, couleur: str = "1F3A5F", taille: int = 8) -> None:
    ppr = style.element.get_or_add_pPr()
    bdr = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="{taille}" w:space="4" w:color="{couleur}"/></w:pBdr>'
    )
    ppr.append(bdr)


def _styles(doc: Document, compact: bool = False) -> None:
    styles = doc.styles
    # Valeurs par défaut du document : police, langue française (césure, correcteur).
    defaut = styles.element.find(qn("w:docDefaults"))
    rpr_defaut = defaut.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _langue(rpr_defaut)
    # Police par défaut du document (au lieu des polices du thème) : une seule police libre partout.
    polices = rpr_defaut.find(qn("w:rFonts"))
    if polices is None:
        polices = OxmlElement("w:rFonts")
        rpr_defaut.insert(0, polices)
    for attr in list(polices.attrib):
        del polices.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        polices.set(qn(attr), POLICE)

    normal = styles["Normal"]
    _police(normal, POLICE, TAILLE)
    interligne = 1.05 if compact else 1.15
    _espacement(normal, 0, 4 if compact else 6, interligne, WD_ALIGN_PARAGRAPH.JUSTIFY)
    normal.paragraph_format.widow_control = True

    titre = styles["Title"]
    _police(titre, POLICE_TITRES, 20, gras=True, couleur=BLEU)
    _espacement(titre, 0, 6, 1.0, WD_ALIGN_PARAGRAPH.CENTER)
    ppr = titre.element.get_or_add_pPr()
    for b in ppr.findall(qn("w:pBdr")):
        ppr.remove(b)

    sous_titre = styles["Subtitle"]
    _police(sous_titre, POLICE_TITRES, 12, italique=True, couleur=GRIS)
    _espacement(sous_titre, 0, 10 if compact else 18, 1.0, WD_ALIGN_PARAGRAPH.CENTER)

    h1 = styles["Heading 1"]
    _police(h1, POLICE_TITRES, 12.5, gras=True, couleur=BLEU)
    _espacement(h1, 16, 6, 1.0, WD_ALIGN_PARAGRAPH.LEFT, True)
    h1.paragraph_format.keep_together = True
    _numero_style(h1, NUM_ARTICLES, 0)
    _niveau_plan(h1, 0)
    _bordure_bas(h1, "A0B0C8", 4)

    h2 = styles["Heading 2"]
    _police(h2, POLICE_TITRES, 11.5, gras=True, couleur=BLEU)
    _espacement(h2, 10, 4, 1.0, WD_ALIGN_PARAGRAPH.LEFT, True)
    _numero_style(h2, NUM_ARTICLES, 1)
    _niveau_plan(h2, 1)

    h3 = styles["Heading 3"]
    _police(h3, POLICE_TITRES, 11, gras=True, italique=True, couleur=RGBColor(0, 0, 0))
    _espacement(h3, 8, 3, 1.0, WD_ALIGN_PARAGRAPH.LEFT, True)

    section = styles.add_style(STYLE_SECTION, WD_STYLE_TYPE.PARAGRAPH)
    section.base_style = normal
    section.next_paragraph_style = normal
    _police(section, POLICE_TITRES, 12.5, gras=True, couleur=BLEU)
    _espacement(section, 10 if compact else 16, 4 if compact else 6, 1.0, WD_ALIGN_PARAGRAPH.LEFT, True)
    section.font.small_caps = True
    _niveau_plan(section, 0)
    _bordure_bas(section, "A0B0C8", 4)

    toc_titre = styles["TOC Heading"]
    toc_titre.base_style = section
    _police(toc_titre, POLICE_TITRES, 12.5, gras=True, couleur=BLEU)
    _espacement(toc_titre, 6, 8, 1.0, WD_ALIGN_PARAGRAPH.LEFT, True)
    ppr = toc_titre.element.get_or_add_pPr()
    for ancien in ppr.findall(qn("w:outlineLvl")):
        ppr.remove(ancien)
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), "9")
    ppr.append(lvl)

    toc1 = styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    toc1.base_style = normal
    _police(toc1, POLICE, TAILLE)
    _espacement(toc1, 0, 2, 1.0, WD_ALIGN_PARAGRAPH.LEFT)
    largeur = Cm(21.0 - 2 * 2.4)
    toc1.paragraph_format.tab_stops.add_tab_stop(largeur, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)

    tiret = styles.add_style(STYLE_TIRET, WD_STYLE_TYPE.PARAGRAPH)
    tiret.base_style = normal
    _espacement(tiret, 0, 2 if compact else 3, interligne, WD_ALIGN_PARAGRAPH.JUSTIFY)
    _numero_style(tiret, NUM_TIRETS, 0)

    petit = styles.add_style(STYLE_PETIT, WD_STYLE_TYPE.PARAGRAPH)
    petit.base_style = normal
    _police(petit, POLICE, 8.5, couleur=GRIS)
    _espacement(petit, 0, 3, 1.0, WD_ALIGN_PARAGRAPH.LEFT)

    encadre = styles.add_style(STYLE_ENCADRE, WD_STYLE_TYPE.PARAGRAPH)
    encadre.base_style = normal
    _espacement(encadre, 2, 2, 1.1, WD_ALIGN_PARAGRAPH.LEFT)
    ppr = encadre.element.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:pBdr {nsdecls("w")}>'
        '<w:top w:val="single" w:sz="4" w:space="4" w:color="A0B0C8"/>'
        '<w:left w:val="single" w:sz="4" w:space="4" w:color="A0B0C8"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="4" w:color="A0B0C8"/>'
        '<w:right w:val="single" w:sz="4" w:space="4" w:color="A0B0C8"/>'
        '</w:pBdr>'))
    ppr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="F2F5FA"/>'))
    encadre.paragraph_format.left_indent = Cm(0.3)
    encadre.paragraph_format.right_indent = Cm(0.3)

    formule = styles.add_style(STYLE_FORMULE, WD_STYLE_TYPE.PARAGRAPH)
    formule.base_style = normal
    _police(formule, POLICE, TAILLE, italique=False)
    _espacement(formule, 4, 8, 1.1, WD_ALIGN_PARAGRAPH.CENTER)
    formule.font.bold = True

    cellule = styles.add_style(STYLE_TABLE_TEXTE, WD_STYLE_TYPE.PARAGRAPH)
    cellule.base_style = normal
    _police(cellule, POLICE, 9.5)
    _espacement(cellule, 1, 1, 1.0, WD_ALIGN_PARAGRAPH.LEFT)

    for nom in ("Header", "Footer"):
        st = styles[nom]
        _police(st, POLICE, 8.5, couleur=GRIS)
        _espacement(st, 0, 0, 1.0, WD_ALIGN_PARAGRAPH.LEFT)
        ppr = st.element.get_or_add_pPr()
        for tabs in ppr.findall(qn("w:tabs")):  # tabulations centrée et droite du modèle par défaut
            ppr.remove(tabs)


def _numerotation(doc: Document) -> None:
    numbering = doc.part.numbering_part.element
    w = nsdecls("w")
    articles = parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="{NUM_ARTICLES}">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/>'
        '<w:suff w:val="space"/><w:lvlText w:val="Article %1 –"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/>'
        '<w:suff w:val="space"/><w:lvlText w:val="%1.%2."/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>'
        '</w:abstractNum>'
    )
    tirets = parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="{NUM_TIRETS}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        f'<w:pStyle w:val="{STYLE_TIRET.replace(" ", "")}"/>'
        '<w:lvlText w:val="–"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:tabs><w:tab w:val="num" w:pos="567"/></w:tabs><w:ind w:left="567" w:hanging="284"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{POLICE}" w:hAnsi="{POLICE}"/></w:rPr></w:lvl>'
        '</w:abstractNum>'
    )
    # Les abstractNum précèdent les num (ordre du schéma).
    premier_num = numbering.find(qn("w:num"))
    for abstrait in (articles, tirets):
        if premier_num is not None:
            premier_num.addprevious(abstrait)
        else:
            numbering.append(abstrait)
    for num_id in (NUM_ARTICLES, NUM_TIRETS):
        numbering.append(parse_xml(
            f'<w:num {w} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'
        ))


def _reglages(doc: Document) -> None:
    settings = doc.settings.element
    for ancien in settings.findall(qn("w:rsids")):
        settings.remove(ancien)
    # Césure automatique (français).
    auto = OxmlElement("w:autoHyphenation")
    auto.set(qn("w:val"), "true")
    settings.append(auto)  # remis à sa place par ordonner_schema()


# Ordre des éléments imposé par le schéma WordprocessingML (Word refuse un document qui ne le respecte pas).
_ORDRE_PPR = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
              "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
              "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
_ORDRE_TBLPR = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
                "tblCaption", "tblDescription")
_ORDRE_TCPR = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
               "textDirection", "tcFitText", "vAlign", "hideMark")
_ORDRE_TRPR = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
               "tblHeader", "tblCellSpacing", "jc", "hidden")
_ORDRE_SETTINGS = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts",
    "saveFormsData", "mirrorMargins", "alignBordersAndEdges", "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
    "proofState", "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod",
    "documentType", "mailMerge", "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting",
    "documentProtection", "autoFormatOverride", "styleLockTheme", "styleLockQFSet", "defaultTabStop",
    "autoHyphenation", "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting",
    "bookFoldPrinting", "bookFoldPrintingSheets", "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter", "noLineBreaksBefore",
    "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
    "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly", "useXSLTWhenSaving",
    "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr",
    "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)
_ORDRES = {"pPr": _ORDRE_PPR, "tblPr": _ORDRE_TBLPR, "tcPr": _ORDRE_TCPR, "trPr": _ORDRE_TRPR}


def _ordonner(parent, ordre: tuple[str, ...]) -> None:
    rang = {qn(f"w:{nom}"): i for i, nom in enumerate(ordre)}
    enfants = list(parent)
    tries = sorted(enfants, key=lambda e: rang.get(e.tag, len(ordre)))
    if tries != enfants:
        for e in enfants:
            parent.remove(e)
        for e in tries:
            parent.append(e)


def ordonner_schema(doc: Document) -> None:
    """Remet dans l'ordre du schéma les propriétés de paragraphe, de tableau et les réglages du document."""
    racines = [doc.element, doc.styles.element, doc.part.numbering_part.element]
    for section in doc.sections:
        racines += [section.footer._element, section.header._element]
    for racine in racines:
        for nom, ordre in _ORDRES.items():
            for el in racine.iter(qn(f"w:{nom}")):
                _ordonner(el, ordre)
    _ordonner(doc.settings.element, _ORDRE_SETTINGS)


def mettre_a_jour_champs_a_l_ouverture(doc: Document) -> None:
    """Word recalcule les champs (numéros de page du sommaire) à l'ouverture du document."""
    settings = doc.settings.element
    maj = OxmlElement("w:updateFields")
    maj.set(qn("w:val"), "true")
    # Position dans la séquence CT_Settings : après w:hyphenationZone/… ; avant w:compat convient.
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(maj)
    else:
        settings.append(maj)


# --------------------------------------------------------------------------------------------- paragraphes

_RE_GRAS = re.compile(r"(\*\*.+?\*\*|__.+?__)")


def _runs(paragraphe, texte: str) -> None:
    """« **gras** » et « __italique__ » ; typographie française hors des balises Jinja."""
    for morceau in _RE_GRAS.split(typographie_hors_balises(texte)):
        if not morceau:
            continue
        if morceau.startswith("**") and morceau.endswith("**"):
            paragraphe.add_run(morceau[2:-2]).bold = True
        elif morceau.startswith("__") and morceau.endswith("__"):
            paragraphe.add_run(morceau[2:-2]).italic = True
        else:
            paragraphe.add_run(morceau)


class Redacteur:
    """Écrit un modèle paragraphe par paragraphe, avec les balises docxtpl de structure."""

    def __init__(self, doc: Document):
        self.doc = doc

    # Texte
    def p(self, texte: str = "", style: str | None = None, *, aligne=None, garder_suivant: bool = False,
          retrait_cm: float | None = None, avant: float | None = None):
        para = self.doc.add_paragraph(style=style)
        _runs(para, texte)
        if aligne is not None:
            para.alignment = aligne
        if garder_suivant or texte.rstrip().endswith(":"):
            # Un paragraphe qui annonce la suite (« … les suivantes : ») ne finit jamais une page : il reste
            # avec le tableau ou la liste qu'il introduit.
            para.paragraph_format.keep_with_next = True
        if retrait_cm is not None:
            para.paragraph_format.left_indent = Cm(retrait_cm)
        if avant is not None:
            para.paragraph_format.space_before = Pt(avant)
        return para

    def centre(self, texte: str, style: str | None = None):
        return self.p(texte, style, aligne=WD_ALIGN_PARAGRAPH.CENTER)

    def tiret(self, texte: str):
        return self.p(texte, STYLE_TIRET)

    def titre(self, texte: str):
        return self.p(texte, "Title")

    def sous_titre(self, texte: str):
        return self.p(texte, "Subtitle")

    def article(self, texte: str):
        return self.p(texte, "Heading 1")

    def sous_article(self, texte: str):
        return self.p(texte, "Heading 2")

    def intertitre(self, texte: str):
        return self.p(texte, "Heading 3")

    def section(self, texte: str):
        return self.p(texte, STYLE_SECTION)

    def encadre(self, texte: str):
        return self.p(texte, STYLE_ENCADRE)

    def formule(self, texte: str):
        return self.p(texte, STYLE_FORMULE)

    def petit(self, texte: str):
        return self.p(texte, STYLE_PETIT)

    def saut_de_page(self):
        para = self.doc.add_paragraph()
        para.add_run().add_break(WD_BREAK.PAGE)
        return para

    # Structure docxtpl (paragraphes supprimés au rendu)
    def si(self, condition: str):
        return self.doc.add_paragraph(f"{{%p if {condition} %}}")

    def sinon_si(self, condition: str):
        return self.doc.add_paragraph(f"{{%p elif {condition} %}}")

    def sinon(self):
        return self.doc.add_paragraph("{%p else %}")

    def fin_si(self):
        return self.doc.add_paragraph("{%p endif %}")

    def pour(self, boucle: str):
        return self.doc.add_paragraph(f"{{%p for {boucle} %}}")

    def fin_pour(self):
        return self.doc.add_paragraph("{%p endfor %}")

    # Champs
    def sommaire(self, titre: str = "Sommaire"):
        """Un vrai champ TOC (Word) ; son contenu est produit à la génération (voir documents/docx_xml.py)."""
        self.doc.add_paragraph(titre, style="TOC Heading")
        para = self.doc.add_paragraph(style="toc 1")
        _champ_debut(para, ' TOC \\o "1-1" \\h \\z \\u ')
        para.add_run("Le sommaire est établi à la génération du document.")
        _champ_fin(para)
        return para

    # Tableaux
    def tableau(self, entetes: Iterable[str], cellules: Iterable[str], boucle: str | None,
                largeurs_cm: Iterable[float] | None = None, *, entete_repete: bool = True,
                a_droite: Iterable[int] = ()):
        """Un tableau : une ligne d'en-tête, puis une ligne par élément de ``boucle`` (balises ``{%tr %}``)."""
        entetes = list(entetes)
        cellules = list(cellules)
        lignes = 2 + (2 if boucle else 0)
        table = self.doc.add_table(rows=lignes, cols=len(entetes))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        rangs = list(table.rows)
        for cell, texte in zip(rangs[0].cells, entetes, strict=True):
            _cellule(cell, texte, gras=True, fond="DCE3EE")
            cell.paragraphs[0].paragraph_format.keep_with_next = True  # l'en-tête reste avec la première ligne
        if entete_repete:
            trpr = rangs[0]._tr.get_or_add_trPr()
            trpr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        if boucle:
            _cellule(rangs[1].cells[0], f"{{%tr for {boucle} %}}")
            for cell, texte in zip(rangs[2].cells, cellules, strict=True):
                _cellule(cell, texte)
            _cellule(rangs[3].cells[0], "{%tr endfor %}")
        else:
            for cell, texte in zip(rangs[1].cells, cellules, strict=True):
                _cellule(cell, texte)
        for rang in rangs[1:]:
            trpr = rang._tr.get_or_add_trPr()
            trpr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
        for colonne in a_droite:
            for rang in rangs:
                for para in rang.cells[colonne].paragraphs:
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if largeurs_cm:
            _largeurs(table, list(largeurs_cm))
        self.doc.add_paragraph(style=STYLE_PETIT)  # espace après le tableau
        return table

    def tableau_signatures(self, boucle: str, identite: list[str]):
        """Un bloc de signature par signataire : identité à gauche, cadre de signature à droite."""
        table = self.doc.add_table(rows=3, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        rangs = list(table.rows)
        _cellule(rangs[0].cells[0], f"{{%tr for {boucle} %}}")
        cell = rangs[1].cells[0]
        cell.paragraphs[0].text = ""
        for i, ligne in enumerate(identite):
            para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            _runs(para, ligne)
            para.style = self.doc.styles[STYLE_TABLE_TEXTE]
            para.paragraph_format.keep_with_next = True
        cadre = rangs[1].cells[1]
        cadre.paragraphs[0].text = ""
        para = cadre.paragraphs[0]
        para.style = self.doc.styles[STYLE_TABLE_TEXTE]
        _runs(para, "__Signature__")
        for _ in range(3):
            cadre.add_paragraph(style=STYLE_TABLE_TEXTE)
        _bordures_cellule(cadre)
        _cellule(rangs[2].cells[0], "{%tr endfor %}")
        for rang in rangs:
            trpr = rang._tr.get_or_add_trPr()
            trpr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
        _largeurs(table, [8.6, 7.6])
        self.doc.add_paragraph(style=STYLE_PETIT)
        return table

    # Pied de page
    def pied_de_page(self, texte_gauche: str):
        section = self.doc.sections[0]
        pied = section.footer
        para = pied.paragraphs[0]
        para.style = self.doc.styles["Footer"]
        para.paragraph_format.tab_stops.add_tab_stop(Cm(21.0 - 2 * 2.4), WD_TAB_ALIGNMENT.RIGHT)
        _runs(para, texte_gauche)
        para.add_run("\tPage ")
        _champ_simple(para, " PAGE ", "1")
        para.add_run(" sur ")
        _champ_simple(para, " NUMPAGES ", "1")
        ppr = para._p.get_or_add_pPr()
        ppr.append(parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="4" w:space="4" w:color="A0B0C8"/></w:pBdr>'
        ))

    def nouvelle_section(self):
        return self.doc.add_section(WD_SECTION.NEW_PAGE)


def _largeurs(table, largeurs_cm: list[float]) -> None:
    """Largeurs de colonnes fixes, lues par Word (tcW) comme par LibreOffice (tblGrid)."""
    table.autofit = False
    tblpr = table._tbl.tblPr
    for ancien in tblpr.findall(qn("w:tblLayout")):
        tblpr.remove(ancien)
    disposition = OxmlElement("w:tblLayout")
    disposition.set(qn("w:type"), "fixed")
    tblpr.append(disposition)
    for col, largeur in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), largeurs_cm, strict=True):
        col.set(qn("w:w"), str(int(Cm(largeur).twips)))
    for rang in table.rows:
        for cell, largeur in zip(rang.cells, largeurs_cm, strict=True):
            cell.width = Cm(largeur)


def _cellule(cell, texte: str, *, gras: bool = False, fond: str | None = None) -> None:
    cell.paragraphs[0].text = ""
    para = cell.paragraphs[0]
    para.style = cell.part.document.styles[STYLE_TABLE_TEXTE]
    if gras:
        para.add_run(texte).bold = True
    else:
        _runs(para, texte)
    if fond:
        tcpr = cell._tc.get_or_add_tcPr()
        tcpr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fond}"/>'))


def _bordures_cellule(cell) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    tcpr.append(parse_xml(
        f'<w:tcBorders {nsdecls("w")}>'
        '<w:top w:val="single" w:sz="4" w:color="A0B0C8"/><w:left w:val="single" w:sz="4" w:color="A0B0C8"/>'
        '<w:bottom w:val="single" w:sz="4" w:color="A0B0C8"/><w:right w:val="single" w:sz="4" w:color="A0B0C8"/>'
        '</w:tcBorders>'))


def _fld(para, type_: str) -> None:
    run = para.add_run()
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), type_)
    run._r.append(fc)


def _champ_debut(para, instruction: str) -> None:
    _fld(para, "begin")
    run = para.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    run._r.append(instr)
    _fld(para, "separate")


def _champ_fin(para) -> None:
    _fld(para, "end")


def _champ_simple(para, instruction: str, valeur: str) -> None:
    _champ_debut(para, instruction)
    para.add_run(valeur)
    _champ_fin(para)
