"""Manipulations XML d'un .docx : sommaire, données embarquées, propriétés, extraction du texte.

Le sommaire
    Le modèle contient un vrai champ TOC de Word. À la génération, son résultat est rempli avec une entrée par
    titre (article numéroté ou titre de section) : un lien interne vers un signet posé sur le titre et un champ
    PAGEREF pour le numéro de page — exactement la structure qu'écrit Word. Word recalcule les numéros à
    l'ouverture (réglage ``updateFields``) et « Mettre à jour la table » fonctionne. Pour le PDF, LibreOffice
    fige le contenu d'un champ TOC mais calcule les PAGEREF qui sont hors d'un tel champ : la conversion PDF
    travaille sur une copie où les marques du champ TOC sont retirées (``sommaire_pour_pdf``), ce qui donne
    des numéros de page exacts.

Les données
    Le JSON exact de l'accord est embarqué dans une partie XML personnalisée (``customXml/itemN.xml``) dont
    l'élément racine est dans l'espace de noms ``urn:interessement-ouvert:accord:1`` ; on la retrouve par cet
    espace de noms, jamais par sa position. Son empreinte SHA-256 est dans les propriétés personnalisées du
    document (``docProps/custom.xml``, propriété ``empreinte_accord``) et imprimée sur la dernière page.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import datetime

from lxml import etree

from .modeles import analyseur_sur

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS_ACCORD = "urn:interessement-ouvert:accord:1"
NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
NS_DS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
NS_CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_DCTERMS = "http://purl.org/dc/terms/"
REL_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
REL_CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
REL_CUSTOM_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
TYPE_CUSTOM_PROPS = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
TYPE_CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

PROPRIETE_EMPREINTE = "empreinte_accord"
PROPRIETE_VERSION = "version_generateur"
PROPRIETE_FORMAT = "format_donnees"
PROPRIETE_EMPREINTE_TEXTE = "empreinte_texte"

STYLE_ARTICLE = "Heading1"
STYLE_SOUS_ARTICLE = "Heading2"
STYLE_SECTION = "Titredesection"
STYLE_SOMMAIRE = "toc1"
SEPARATEUR_ARTICLE = " – "

# Caractères interdits en XML 1.0 qui peuvent survivre dans un JSON (hors contrôles, déjà échappés).
_RE_HORS_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")


def w(nom: str) -> str:
    return f"{{{W}}}{nom}"


def lire_xml(donnees: bytes) -> etree._Element:
    return etree.fromstring(donnees, analyseur_sur())


def ecrire_xml(racine: etree._Element) -> bytes:
    return etree.tostring(racine, xml_declaration=True, encoding="UTF-8", standalone=True)


# =============================================================================================== titres


def _style(p: etree._Element) -> str | None:
    ps = p.find(f"{w('pPr')}/{w('pStyle')}")
    return ps.get(w("val")) if ps is not None else None


def texte_paragraphe(p: etree._Element, *, sans_resultats_de_champs: bool = False) -> str:
    """Le texte visible d'un paragraphe : textes, tabulations et sauts de ligne (hors instructions de champ).

    ``sans_resultats_de_champs`` : ignore aussi le résultat affiché des champs (numéro de page, PAGEREF…), que
    Word ou LibreOffice recalculent à l'ouverture ou à l'enregistrement sans que le texte ait été modifié.
    """
    morceaux = []
    pile: list[bool] = []  # pour chaque champ ouvert : sommes-nous dans son résultat ?
    for el in p.iter(w("t"), w("tab"), w("br"), w("cr"), w("noBreakHyphen"), w("fldChar"), w("fldSimple")):
        if el.tag == w("fldChar"):
            type_ = el.get(w("fldCharType"))
            if type_ == "begin":
                pile.append(False)
            elif type_ == "separate" and pile:
                pile[-1] = True
            elif type_ == "end" and pile:
                pile.pop()
            continue
        if el.tag == w("fldSimple"):
            continue
        if sans_resultats_de_champs and (any(pile) or _dans_champ_simple(el)):
            continue
        if el.tag == w("t"):
            morceaux.append(el.text or "")
        elif el.tag == w("noBreakHyphen"):
            morceaux.append("-")
        elif el.tag == w("tab"):
            parent = el.getparent()
            if parent is not None and parent.tag == w("r"):
                morceaux.append("\t")
        else:
            morceaux.append("\n")
    return "".join(morceaux)


def _dans_champ_simple(el: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None and parent.tag != w("p"):
        if parent.tag == w("fldSimple"):
            return True
        parent = parent.getparent()
    return False


def libelle_titre(p: etree._Element, compteurs: list[int]) -> tuple[str, str] | None:
    """(niveau, intitulé affiché) si ``p`` est un titre ; ``compteurs`` = [article, sous-article] en cours."""
    style = _style(p)
    if style == STYLE_ARTICLE:
        compteurs[0] += 1
        compteurs[1] = 0
        return "article", f"Article {compteurs[0]}{SEPARATEUR_ARTICLE}{texte_paragraphe(p).strip()}"
    if style == STYLE_SOUS_ARTICLE:
        compteurs[1] += 1
        return "sous_article", f"{compteurs[0]}.{compteurs[1]}. {texte_paragraphe(p).strip()}"
    if style == STYLE_SECTION:
        return "section", texte_paragraphe(p).strip()
    return None


def titres(corps: etree._Element) -> list[tuple[etree._Element, str, str]]:
    """(paragraphe, niveau, intitulé affiché) des titres du document : « Article N – … » pour les articles."""
    sortie = []
    compteurs = [0, 0]
    for p in corps.iter(w("p")):
        titre = libelle_titre(p, compteurs)
        if titre is not None:
            sortie.append((p, *titre))
    return sortie


# ============================================================================================== sommaire


def _run(texte: str | None = None, *, champ: str | None = None, instruction: str | None = None,
         tab: bool = False) -> etree._Element:
    r = etree.Element(w("r"))
    if champ:
        fc = etree.SubElement(r, w("fldChar"))
        fc.set(w("fldCharType"), champ)
    elif instruction is not None:
        it = etree.SubElement(r, w("instrText"))
        it.set(f"{{{XML_NS}}}space", "preserve")
        it.text = instruction
    elif tab:
        etree.SubElement(r, w("tab"))
    else:
        t = etree.SubElement(r, w("t"))
        t.set(f"{{{XML_NS}}}space", "preserve")
        t.text = texte or ""
    return r


def _champ_toc(p: etree._Element) -> bool:
    return any((it.text or "").strip().startswith("TOC") for it in p.iter(w("instrText")))


def construire_sommaire(document: etree._Element) -> int:
    """Remplit le champ TOC avec les titres (liens et PAGEREF) ; pose les signets. Renvoie le nombre d'entrées."""
    corps = document.find(w("body"))
    champ = next((p for p in corps.iter(w("p")) if _champ_toc(p)), None)
    if champ is None:
        return 0
    instruction = next(it.text for it in champ.iter(w("instrText")) if (it.text or "").strip().startswith("TOC"))
    entrees = [(p, libelle) for p, niveau, libelle in titres(corps) if niveau != "sous_article"]
    ids = [int(b.get(w("id"))) for b in corps.iter(w("bookmarkStart")) if (b.get(w("id")) or "").isdigit()]
    prochain = max(ids, default=0) + 1
    ppr_modele = champ.find(w("pPr"))
    nouveaux = []
    for rang, (p, libelle) in enumerate(entrees):
        signet = f"_Toc{100000 + rang:06d}"
        debut = etree.Element(w("bookmarkStart"))
        debut.set(w("id"), str(prochain))
        debut.set(w("name"), signet)
        fin = etree.Element(w("bookmarkEnd"))
        fin.set(w("id"), str(prochain))
        prochain += 1
        ppr = p.find(w("pPr"))
        if ppr is not None:
            ppr.addnext(debut)
        else:
            p.insert(0, debut)
        p.append(fin)

        entree = etree.Element(w("p"))
        if ppr_modele is not None:
            entree.append(_copie(ppr_modele))
        if rang == 0:
            entree.append(_run(champ="begin"))
            entree.append(_run(instruction=instruction))
            entree.append(_run(champ="separate"))
        lien = etree.SubElement(entree, w("hyperlink"))
        lien.set(w("anchor"), signet)
        lien.set(w("history"), "1")
        lien.append(_run(libelle))
        lien.append(_run(tab=True))
        lien.append(_run(champ="begin"))
        lien.append(_run(instruction=f" PAGEREF {signet} \\h "))
        lien.append(_run(champ="separate"))
        lien.append(_run(""))
        lien.append(_run(champ="end"))
        if rang == len(entrees) - 1:
            entree.append(_run(champ="end"))
        nouveaux.append(entree)
    if not nouveaux:
        return 0
    for entree in reversed(nouveaux):
        champ.addnext(entree)
    corps.remove(champ)
    return len(nouveaux)


def _copie(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def sommaire_pour_pdf(document: etree._Element) -> None:
    """Retire les marques du champ TOC (début, instruction, séparation, fin) : les PAGEREF restent calculés."""
    corps = document.find(w("body"))
    paragraphes = [p for p in corps.iter(w("p")) if _style(p) == STYLE_SOMMAIRE]
    for p in paragraphes:
        for r in list(p.findall(w("r"))):
            fc = r.find(w("fldChar"))
            it = r.find(w("instrText"))
            if (it is not None and (it.text or "").strip().startswith("TOC")) or (
                    fc is not None and r.getparent() is p):
                p.remove(r)


# ================================================================================== données embarquées


def json_pour_xml(texte_json: str) -> str:
    """Le JSON tel qu'embarqué : les rares caractères interdits en XML sont écrits en échappement JSON."""
    return _RE_HORS_XML.sub(lambda m: f"\\u{ord(m.group(0)):04x}", texte_json)


def partie_donnees(texte_json: str, empreinte: str, version_format: str) -> bytes:
    racine = etree.Element(f"{{{NS_ACCORD}}}accord", nsmap={None: NS_ACCORD})
    racine.set("version_format", version_format)
    racine.set("empreinte", empreinte)
    racine.text = texte_json
    return ecrire_xml(racine)


def _prochain_item(noms: Iterable[str]) -> int:
    pris = {int(m.group(1)) for n in noms if (m := re.fullmatch(r"customXml/item(\d+)\.xml", n))}
    return max(pris, default=0) + 1


def _ajouter_relation(rels: etree._Element, type_: str, cible: str, prefixe: str = "rIdInteressement") -> str:
    existants = {r.get("Id") for r in rels}
    n = 1
    while f"{prefixe}{n}" in existants:
        n += 1
    rel = etree.SubElement(rels, f"{{{NS_REL}}}Relationship")
    rel.set("Id", f"{prefixe}{n}")
    rel.set("Type", type_)
    rel.set("Target", cible)
    return f"{prefixe}{n}"


def _override(types: etree._Element, partie: str, type_contenu: str) -> None:
    for o in types.findall(f"{{{NS_TYPES}}}Override"):
        if o.get("PartName") == partie:
            o.set("ContentType", type_contenu)
            return
    o = etree.SubElement(types, f"{{{NS_TYPES}}}Override")
    o.set("PartName", partie)
    o.set("ContentType", type_contenu)


def embarquer(parties: dict[str, bytes], noms_modele: list[str], texte_json: str, empreinte: str,
              version_format: str, version_generateur: str, *, empreinte_texte: str | None = None
              ) -> dict[str, bytes]:
    """Ajoute la partie de données, ses propriétés et les propriétés personnalisées. Renvoie les ajouts ;
    ``parties`` (remplacements) reçoit les relations et types de contenu modifiés."""
    ajouts: dict[str, bytes] = {}
    n = _prochain_item(noms_modele)
    item = f"customXml/item{n}.xml"
    ajouts[item] = partie_donnees(json_pour_xml(texte_json), empreinte, version_format)
    guid = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{NS_ACCORD}#{empreinte}")).upper() + "}"
    ds = etree.Element(f"{{{NS_DS}}}datastoreItem", nsmap={"ds": NS_DS})
    ds.set(f"{{{NS_DS}}}itemID", guid)
    refs = etree.SubElement(ds, f"{{{NS_DS}}}schemaRefs")
    etree.SubElement(refs, f"{{{NS_DS}}}schemaRef").set(f"{{{NS_DS}}}uri", NS_ACCORD)
    ajouts[f"customXml/itemProps{n}.xml"] = ecrire_xml(ds)
    rels_item = etree.Element(f"{{{NS_REL}}}Relationships", nsmap={None: NS_REL})
    _ajouter_relation(rels_item, REL_CUSTOM_XML_PROPS, f"itemProps{n}.xml", "rId")
    ajouts[f"customXml/_rels/item{n}.xml.rels"] = ecrire_xml(rels_item)

    rels_doc = lire_xml(parties["word/_rels/document.xml.rels"])
    _ajouter_relation(rels_doc, REL_CUSTOM_XML, f"../{item}")
    parties["word/_rels/document.xml.rels"] = ecrire_xml(rels_doc)

    props = etree.Element(f"{{{NS_CUSTOM}}}Properties", nsmap={None: NS_CUSTOM, "vt": NS_VT})
    proprietes = [(PROPRIETE_EMPREINTE, empreinte), (PROPRIETE_FORMAT, version_format),
                  (PROPRIETE_VERSION, version_generateur)]
    if empreinte_texte:
        proprietes.append((PROPRIETE_EMPREINTE_TEXTE, empreinte_texte))
    for pid, (nom, valeur) in enumerate(proprietes, start=2):
        prop = etree.SubElement(props, f"{{{NS_CUSTOM}}}property")
        prop.set("fmtid", FMTID)
        prop.set("pid", str(pid))
        prop.set("name", nom)
        etree.SubElement(prop, f"{{{NS_VT}}}lpwstr").text = valeur
    ajouts["docProps/custom.xml"] = ecrire_xml(props)
    rels_paquet = lire_xml(parties["_rels/.rels"])
    for r in list(rels_paquet):
        if r.get("Type") == REL_CUSTOM_PROPS:
            rels_paquet.remove(r)
    _ajouter_relation(rels_paquet, REL_CUSTOM_PROPS, "docProps/custom.xml")
    parties["_rels/.rels"] = ecrire_xml(rels_paquet)

    types = lire_xml(parties["[Content_Types].xml"])
    _override(types, f"/customXml/itemProps{n}.xml", TYPE_CUSTOM_XML_PROPS)
    _override(types, "/docProps/custom.xml", TYPE_CUSTOM_PROPS)
    parties["[Content_Types].xml"] = ecrire_xml(types)
    return ajouts


def proprietes_generales(core: bytes, *, description: str, horodatage: datetime | None) -> bytes:
    racine = lire_xml(core)
    desc = racine.find(f"{{{NS_DC}}}description")
    if desc is None:
        desc = etree.SubElement(racine, f"{{{NS_DC}}}description")
    desc.text = description
    if horodatage is not None:
        instant = horodatage.strftime("%Y-%m-%dT%H:%M:%SZ")
        for nom in ("created", "modified"):
            el = racine.find(f"{{{NS_DCTERMS}}}{nom}")
            if el is not None:
                el.text = instant
    return ecrire_xml(racine)


# ============================================================================================ texte normalisé

_RE_ESPACES = re.compile(r"\s+")


def normaliser(texte: str) -> str:
    """Espaces (insécables compris) réduits à une espace simple, sans espace aux extrémités."""
    return _RE_ESPACES.sub(" ", texte.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def textes_normalises(document: etree._Element, pieds: Iterable[etree._Element] = ()) -> list[str]:
    """Les paragraphes non vides, normalisés, dans l'ordre ; titres préfixés (« # Article 3 – … »).

    Le sommaire (paragraphes de style « toc 1 ») est exclu : il ne fait que répéter les titres et ses numéros
    de page dépendent de la mise en page.
    """
    corps = document.find(w("body"))
    compteurs = [0, 0]
    sortie = []
    for p in corps.iter(w("p")):
        if _style(p) == STYLE_SOMMAIRE:
            continue
        titre = libelle_titre(p, compteurs)
        if titre is not None:
            niveau, libelle = titre
            texte = ("## " if niveau == "sous_article" else "# ") + normaliser(libelle)
        else:
            texte = normaliser(texte_paragraphe(p, sans_resultats_de_champs=True))
        if texte:
            sortie.append(texte)
    for pied in pieds:
        for p in pied.iter(w("p")):
            texte = normaliser(texte_paragraphe(p, sans_resultats_de_champs=True))
            if texte:
                sortie.append("[pied de page] " + texte)
    return sortie


# =============================================================================================== codes QR

REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
NS_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MARQUE_QR = "\u27e6QR\u27e7"
MARQUE_EMPREINTE_TEXTE = "\u27e6EMPREINTE_TEXTE\u27e7"
EMU_PAR_CM = 360000


def _dessin(r_id: str, numero: int, cote_cm: float, nom: str) -> etree._Element:
    cote = int(cote_cm * EMU_PAR_CM)
    nsmap = {"wp": NS_WP, "a": NS_A, "pic": NS_PIC, "r": NS_R, "w": W}
    r = etree.Element(w("r"), nsmap=nsmap)
    dessin = etree.SubElement(r, w("drawing"))
    inline = etree.SubElement(dessin, f"{{{NS_WP}}}inline", distT="0", distB="0", distL="114300", distR="114300")
    etree.SubElement(inline, f"{{{NS_WP}}}extent", cx=str(cote), cy=str(cote))
    etree.SubElement(inline, f"{{{NS_WP}}}docPr", id=str(1000 + numero), name=nom, descr=nom)
    graphique = etree.SubElement(inline, f"{{{NS_A}}}graphic")
    donnees = etree.SubElement(graphique, f"{{{NS_A}}}graphicData", uri=NS_PIC)
    pic = etree.SubElement(donnees, f"{{{NS_PIC}}}pic")
    nv = etree.SubElement(pic, f"{{{NS_PIC}}}nvPicPr")
    etree.SubElement(nv, f"{{{NS_PIC}}}cNvPr", id=str(numero), name=nom)
    etree.SubElement(nv, f"{{{NS_PIC}}}cNvPicPr")
    remplissage = etree.SubElement(pic, f"{{{NS_PIC}}}blipFill")
    etree.SubElement(remplissage, f"{{{NS_A}}}blip").set(f"{{{NS_R}}}embed", r_id)
    etirer = etree.SubElement(remplissage, f"{{{NS_A}}}stretch")
    etree.SubElement(etirer, f"{{{NS_A}}}fillRect")
    sp = etree.SubElement(pic, f"{{{NS_PIC}}}spPr")
    xfrm = etree.SubElement(sp, f"{{{NS_A}}}xfrm")
    etree.SubElement(xfrm, f"{{{NS_A}}}off", x="0", y="0")
    etree.SubElement(xfrm, f"{{{NS_A}}}ext", cx=str(cote), cy=str(cote))
    geo = etree.SubElement(sp, f"{{{NS_A}}}prstGeom", prst="rect")
    etree.SubElement(geo, f"{{{NS_A}}}avLst")
    return r


def inserer_codes_qr(parties: dict[str, bytes], images: list[bytes], cote_cm: float) -> dict[str, bytes]:
    """Remplace le paragraphe marqué ``MARQUE_QR`` du corps par les images des codes QR (une relation et une
    partie ``word/media/qr_N.png`` par code). ``parties`` reçoit le document, les relations et les types de
    contenu modifiés ; renvoie les parties ajoutées (les images)."""
    document = lire_xml(parties["word/document.xml"])
    rels = lire_xml(parties["word/_rels/document.xml.rels"])
    types = lire_xml(parties["[Content_Types].xml"])
    cible = next((p for p in document.iter(w("p")) if MARQUE_QR in texte_paragraphe(p)), None)
    ajouts: dict[str, bytes] = {}
    if cible is None:
        return ajouts
    for r in list(cible.findall(w("r"))):
        cible.remove(r)
    for numero, png in enumerate(images, start=1):
        nom = f"media/qr_{numero}.png"
        r_id = _ajouter_relation(rels, REL_IMAGE, nom, "rIdQR")
        ajouts[f"word/{nom}"] = png
        cible.append(_dessin(r_id, numero, cote_cm, f"Code QR {numero} sur {len(images)}"))
    if not any(d.get("Extension") == "png" for d in types.findall(f"{{{NS_TYPES}}}Default")):
        d = etree.SubElement(types, f"{{{NS_TYPES}}}Default")
        d.set("Extension", "png")
        d.set("ContentType", "image/png")
    parties["word/document.xml"] = ecrire_xml(document)
    parties["word/_rels/document.xml.rels"] = ecrire_xml(rels)
    parties["[Content_Types].xml"] = ecrire_xml(types)
    return ajouts
