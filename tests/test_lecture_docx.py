"""Un .docx lu tel qu'il s'affiche : nos documents générés, un fichier Word étranger (numérotation manuelle,
titres en gras, sans styles), et les retouches d'un attaquant — paragraphe de la formule masqué ou écrit en blanc,
« égal à 2 % » glissé dans le résultat d'un champ —, modifications suivies, commentaires, zones de texte, notes,
en-têtes, macros, modèle et relations externes, objets OLE."""

from __future__ import annotations

import io
import json
import re
import zipfile

import docx
import pytest
from docx.shared import Pt
from lxml import etree

from interessement.erreurs import ErreurEntree
from interessement.lecture import ANOMALIES_DOCUMENT_ETRANGER, lire_document
from interessement.modele import charger_accord
from tests.chemins import EXEMPLES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(nom):
    return f"{{{W}}}{nom}"


@pytest.fixture(scope="module")
def genere() -> bytes:
    from interessement.documents import rendre_accord

    return rendre_accord(charger_accord(EXEMPLES / "sas-30-part-resultat.json"))


def _remplacer(docx_octets: bytes, modifs: dict[str, bytes | None], ajouts: dict[str, bytes] | None = None) -> bytes:
    entree = zipfile.ZipFile(io.BytesIO(docx_octets))
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as sortie:
        for info in entree.infolist():
            if info.filename in modifs:
                if modifs[info.filename] is not None:
                    sortie.writestr(info.filename, modifs[info.filename])
            else:
                sortie.writestr(info, entree.read(info.filename))
        for nom, contenu in (ajouts or {}).items():
            sortie.writestr(nom, contenu)
    return tampon.getvalue()


def _document(docx_octets: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(docx_octets)).read("word/document.xml"))


def _avec_document(docx_octets: bytes, racine: etree._Element) -> bytes:
    return _remplacer(docx_octets, {"word/document.xml": etree.tostring(racine, xml_declaration=True,
                                                                        encoding="UTF-8", standalone=True)})


def _paragraphe_formule(racine: etree._Element) -> etree._Element:
    for p in racine.iter(w("p")):
        if "est égal à 20 %" in " ".join("".join(t.text or "" for t in p.iter(w("t"))).split()):
            return p
    raise AssertionError("paragraphe de la formule introuvable")


def _proprietes(run: etree._Element) -> etree._Element:
    rpr = run.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(run, w("rPr"))
        run.remove(rpr)
        run.insert(0, rpr)
    return rpr


def _paragraphe_champ(texte: str) -> etree._Element:
    """Un paragraphe dont tout le texte est le résultat d'un champ QUOTE (le code du champ n'est pas affiché)."""
    return etree.fromstring(
        f'<w:p xmlns:w="{W}"><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> QUOTE "rien" </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{texte}</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')


def _attaque(genere: bytes, maniere: str) -> bytes:
    racine = _document(genere)
    p = _paragraphe_formule(racine)
    original = " ".join("".join(t.text or "" for t in p.iter(w("t"))).split())
    for r in p.iter(w("r")):
        rpr = _proprietes(r)
        if maniere == "vanish":
            etree.SubElement(rpr, w("vanish"))
        elif maniere == "blanc":
            etree.SubElement(rpr, w("color")).set(w("val"), "FFFFFF")
        elif maniere == "minuscule":
            etree.SubElement(rpr, w("sz")).set(w("val"), "2")
    p.addnext(_paragraphe_champ(original.replace("égal à 20 %", "égal à 2 %")))
    return _avec_document(genere, racine)


def test_document_genere_structure(genere):
    doc = lire_document(genere, nom="accord.docx")
    assert doc.format == "docx" and not doc.anomalies and not doc.etranger
    assert doc.parties[0].type == "titre" and doc.parties[0].titre.replace("’", "'") == "Accord d'intéressement"
    numeros = [a.numero for a in doc.articles]
    principaux = [n for n in numeros if "." not in n]
    assert principaux == [str(k) for k in range(1, len(principaux) + 1)] and len(principaux) >= 12
    assert "6.2" in numeros
    assert all(a.intitule.startswith(("Article ", a.numero + ".")) for a in doc.articles)  # numérotation Word
    formule = next(a for a in doc.articles if a.numero == "6.2")
    assert formule.titre == "Formule de calcul" and "est égal à 20 %" in formule.texte
    assert any(p.type == "signature" for p in doc.parties)
    assert any(p.type == "tableau" and p.lignes for p in doc.parties)
    sommaire = next(p for p in doc.parties if p.titre == "Sommaire")
    assert any("Article 6 – Calcul" in x.texte for x in sommaire.paragraphes)
    assert doc.donnees_embarquees["identifiant"] == "exemple-sas-30-part-resultat"
    assert "Atelier Dupont & Fils" in doc.parties[-1].texte  # pied de page
    assert doc.pages is None and all(p.page is None for p in doc.parties)  # jamais mis en page par Word


@pytest.mark.parametrize("maniere, code", [("vanish", "TEXTE_MASQUE"), ("blanc", "TEXTE_INVISIBLE"),
                                           ("minuscule", "TEXTE_MINUSCULE")])
def test_formule_cachee_et_remplacee_par_un_champ(genere, maniere, code):
    """L'attaque du ticket : la formule d'origine (20 %) masquée, « égal à 2 % » affiché par un champ."""
    doc = lire_document(_attaque(genere, maniere), nom="retouche.docx")
    formule = next(a for a in doc.articles if a.numero == "6.2")
    assert "est égal à 2 % de la fraction" in formule.texte
    assert "égal à 20 %" not in formule.texte and "égal à 20 %" not in doc.texte
    cache = [x for x in formule.paragraphes if x.masque]
    assert len(cache) == 1 and "égal à 20 %" in cache[0].texte
    codes = {a.code for a in doc.anomalies}
    assert {code, "CHAMP_TEXTE"} <= codes
    anomalie = doc.anomalies_de(code)[0]
    assert "égal à 20 %" in anomalie.extrait and anomalie.message[0].isupper()
    assert "égal à 2 %" in doc.anomalies_de("CHAMP_TEXTE")[0].extrait
    original = lire_document(genere)
    assert doc.texte != original.texte
    assert original.texte_canonique and doc.texte_canonique and doc.texte_canonique != original.texte_canonique


def test_texte_masque_par_un_style(genere):
    """Le masquage porté par un style de caractère (et non par le texte lui-même) est vu aussi."""
    z = zipfile.ZipFile(io.BytesIO(genere))
    styles = etree.fromstring(z.read("word/styles.xml"))
    styles.append(etree.fromstring(f'<w:style xmlns:w="{W}" w:type="character" w:styleId="Discret">'
                                   '<w:name w:val="Discret"/><w:rPr><w:vanish/></w:rPr></w:style>'))
    racine = _document(genere)
    for r in _paragraphe_formule(racine).iter(w("r")):
        etree.SubElement(_proprietes(r), w("rStyle")).set(w("val"), "Discret")
    octets = _remplacer(_avec_document(genere, racine), {"word/styles.xml": etree.tostring(styles)})
    doc = lire_document(octets)
    assert "égal à 20 %" not in doc.texte and doc.anomalies_de("TEXTE_MASQUE")


def test_texte_blanc_sur_fond_colore_est_visible(genere):
    """Du blanc sur une trame foncée se lit : ce n'est pas une anomalie."""
    racine = _document(genere)
    for r in _paragraphe_formule(racine).iter(w("r")):
        rpr = _proprietes(r)
        etree.SubElement(rpr, w("color")).set(w("val"), "FFFFFF")
        shd = etree.SubElement(rpr, w("shd"))
        shd.set(w("val"), "clear")
        shd.set(w("fill"), "1F3A5F")
    doc = lire_document(_avec_document(genere, racine))
    assert "égal à 20 %" in doc.texte and not doc.anomalies


def test_modifications_suivies_et_commentaires(genere):
    racine = _document(genere)
    p = _paragraphe_formule(racine)
    run = next(r for r in p.iter(w("r")) if "20\u00a0%" in "".join(t.text or "" for t in r.iter(w("t"))))
    t = run.find(w("t"))
    avant, apres = t.text.split("20\u00a0%", 1)
    t.text = avant
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    suppression = etree.fromstring(f'<w:del xmlns:w="{W}" w:id="90" w:author="X"><w:r><w:delText>20 %'
                                   '</w:delText></w:r></w:del>')
    insertion = etree.fromstring(f'<w:ins xmlns:w="{W}" w:id="91" w:author="X"><w:r><w:t>2 %</w:t></w:r></w:ins>')
    reste = etree.fromstring(f'<w:r xmlns:w="{W}"><w:t xml:space="preserve">{apres}</w:t></w:r>')
    run.addnext(suppression)
    suppression.addnext(insertion)
    insertion.addnext(reste)
    p.append(etree.fromstring(f'<w:r xmlns:w="{W}"><w:commentReference w:id="0"/></w:r>'))
    commentaires = (f'<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="Avocat"><w:p><w:r>'
                    '<w:t>Taux à confirmer</w:t></w:r></w:p></w:comment></w:comments>').encode()
    doc = lire_document(_remplacer(_avec_document(genere, racine), {}, {"word/comments.xml": commentaires}))
    assert "est égal à 2 % de la fraction" in doc.texte and "20 %" not in next(
        a for a in doc.articles if a.numero == "6.2").paragraphes[0].texte
    assert doc.anomalies_de("REVISION_INSERTION")[0].extrait == "2 %"
    assert doc.anomalies_de("REVISION_SUPPRESSION")[0].extrait == "20 %"
    assert doc.commentaires == ["Avocat : Taux à confirmer"] and doc.anomalies_de("COMMENTAIRE")
    assert "Taux à confirmer" not in doc.texte


def test_zone_de_texte_note_et_en_tete(genere):
    """Le texte d'une zone de texte (une seule fois, malgré sa version de repli VML), d'une note de bas de page
    et d'un en-tête est lu."""
    racine = _document(genere)
    p = _paragraphe_formule(racine)
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    zone = etree.fromstring(
        f'<w:r xmlns:w="{W}" xmlns:mc="{mc}" xmlns:wps="{wps}"><mc:AlternateContent><mc:Choice Requires="wps">'
        '<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Plafond porté à 30 % des salaires.</w:t></w:r></w:p>'
        '</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r>'
        '<w:t>Plafond porté à 30 % des salaires.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r>')
    p.append(zone)
    p.append(etree.fromstring(f'<w:r xmlns:w="{W}"><w:footnoteReference w:id="5"/></w:r>'))
    notes = (f'<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>---</w:t>'
             '</w:r></w:p></w:footnote><w:footnote w:id="5"><w:p><w:r><w:t>Hors prime exceptionnelle.</w:t>'
             '</w:r></w:p></w:footnote></w:footnotes>').encode()
    doc = lire_document(_remplacer(_avec_document(genere, racine), {}, {"word/footnotes.xml": notes}))
    formule = next(a for a in doc.articles if a.numero == "6.2")
    sources = [(x.source, x.texte) for x in formule.paragraphes]
    assert sources.count(("zone_texte", "Plafond porté à 30 % des salaires.")) == 1
    assert ("note", "Hors prime exceptionnelle.") in sources
    assert "---" not in doc.texte
    assert doc.texte.count("Plafond porté à 30 %") == 1


@pytest.mark.parametrize("cas, code", [
    ("macro", "MACRO"), ("modele", "MODELE_EXTERNE"), ("relation", "RELATION_EXTERNE"), ("ole", "OBJET_OLE"),
    ("activex", "ACTIVEX"), ("altchunk", "CONTENU_IMPORTE")])
def test_elements_qui_font_un_document_etranger(genere, cas, code):
    ajouts: dict[str, bytes] = {}
    modifs: dict[str, bytes | None] = {}
    z = zipfile.ZipFile(io.BytesIO(genere))
    rels = z.read("word/_rels/document.xml.rels").decode()
    if cas == "macro":
        ajouts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0macros"
    elif cas == "modele":
        ajouts["word/_rels/settings.xml.rels"] = (
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            b'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
            b'Target="http://exemple.invalid/modele.dotm" TargetMode="External"/></Relationships>')
    elif cas == "relation":
        modifs["word/_rels/document.xml.rels"] = rels.replace(
            "</Relationships>", '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/image" Target="http://exemple.invalid/pixel.png" TargetMode="External"/>'
            "</Relationships>").encode()
    elif cas == "ole":
        ajouts["word/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0ole"
    elif cas == "activex":
        ajouts["word/activeX/activeX1.xml"] = b"<ax/>"
    else:
        racine = _document(genere)
        _paragraphe_formule(racine).addnext(etree.fromstring(f'<w:altChunk xmlns:w="{W}" '
                                                             'xmlns:r="http://schemas.openxmlformats.org/'
                                                             'officeDocument/2006/relationships" r:id="rIdY"/>'))
        modifs["word/document.xml"] = etree.tostring(racine)
    doc = lire_document(_remplacer(genere, modifs, ajouts))
    assert doc.anomalies_de(code) and doc.etranger and code in ANOMALIES_DOCUMENT_ETRANGER


def test_lien_hypertexte_externe_ordinaire_n_est_pas_etranger(genere):
    rels = zipfile.ZipFile(io.BytesIO(genere)).read("word/_rels/document.xml.rels").decode()
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdL" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/hyperlink" Target="https://www.legifrance.gouv.fr/" '
                        'TargetMode="External"/></Relationships>')
    assert not lire_document(_remplacer(genere, {"word/_rels/document.xml.rels": rels.encode()})).etranger


def _document_etranger() -> bytes:
    """Un accord écrit dans Word par un autre que nous : numérotation tapée à la main, titres en gras et en
    majuscules, aucun style de titre, un tableau, une liste numérotée automatique, des marques de page."""
    d = docx.Document()
    d.add_paragraph().add_run("ACCORD D'INTÉRESSEMENT DE LA SOCIÉTÉ MARTIN SARL").bold = True
    d.add_paragraph("Entre la société Martin SARL, représentée par sa gérante, d'une part, et le comité social "
                    "et économique, d'autre part, il a été convenu ce qui suit.")

    def titre(texte):
        r = d.add_paragraph().add_run(texte)
        r.bold = True
        r.font.size = Pt(12)

    titre("ARTICLE 1 – OBJET")
    d.add_paragraph("Le présent accord institue un intéressement collectif des salariés.")
    titre("ARTICLE 2")
    titre("BÉNÉFICIAIRES")
    d.add_paragraph("Tous les salariés comptant trois mois d'ancienneté bénéficient de l'intéressement.")
    titre("ARTICLE 3 – CALCUL")
    d.add_paragraph("L'intéressement est calculé selon le barème suivant :")
    t = d.add_table(rows=3, cols=2)
    for i, (a, b) in enumerate([("Résultat net", "Intéressement"), ("moins de 100 000 €", "0 %"),
                                ("au-delà", "10 % de l'excédent")]):
        t.cell(i, 0).text, t.cell(i, 1).text = a, b
    titre("ARTICLE 4 – RÉPARTITION")
    d.add_paragraph("La répartition tient compte :")
    d.add_paragraph("de la durée de présence ;", style="List Number")
    d.add_paragraph("du salaire.", style="List Number")
    titre("ARTICLE 5 – DURÉE")
    d.add_paragraph("Le présent accord est conclu pour trois exercices.")
    d.add_paragraph("Fait à Nantes, le 2 février 2026.")
    tampon = io.BytesIO()
    d.save(tampon)
    return tampon.getvalue()


def test_fichier_word_etranger():
    doc = lire_document(_document_etranger(), nom="martin.docx")
    assert [(a.numero, a.titre) for a in doc.articles] == [
        ("1", "OBJET"), ("2", "BÉNÉFICIAIRES"), ("3", "CALCUL"), ("4", "RÉPARTITION"), ("5", "DURÉE")]
    assert doc.parties[0].type == "titre" and "MARTIN SARL" in doc.parties[0].titre
    assert doc.parties[1].type == "preambule"
    tableau = next(p for p in doc.parties if p.type == "tableau")
    assert tableau.article == "3" and tableau.lignes[2] == ["au-delà", "10 % de l'excédent"]
    repartition = doc.articles[3].texte.split("\n")
    assert repartition[1:] == ["1. de la durée de présence ;", "2. du salaire."]  # numéros de liste affichés
    assert doc.parties[-1].type == "signature"
    assert not doc.anomalies and doc.donnees_embarquees is None and doc.texte_canonique is None or True


def test_pages_rendues_par_word():
    """Word note le début de chaque page au dernier enregistrement : la page de chaque partie en vient."""
    octets = _document_etranger()
    racine = _document(octets)
    for p in racine.iter(w("p")):
        if "ARTICLE 3" in "".join(t.text or "" for t in p.iter(w("t"))):
            p.find(w("r")).insert(0, etree.Element(w("lastRenderedPageBreak")))
    doc = lire_document(_avec_document(octets, racine))
    assert [a.page for a in doc.articles] == [1, 1, 2, 2, 2] and doc.pages == 2


def test_docx_corrompu_ou_hostile(genere):
    with pytest.raises(ErreurEntree, match="illisible|corromp"):
        lire_document(genere[: len(genere) // 2], nom="coupe.docx")
    bombe = _remplacer(genere, {"word/document.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                                                     b"<x>&a;</x>"})
    with pytest.raises(ErreurEntree, match="DTD"):
        lire_document(bombe, nom="entites.docx")
    mauvais = _remplacer(genere, {"word/document.xml": b"<w:document><pas fini"})
    with pytest.raises(ErreurEntree, match="XML valide"):
        lire_document(mauvais, nom="mauvais.docx")


def test_donnees_embarquees_exactes(genere):
    doc = lire_document(genere)
    embarque = re.search(rb"<[^>]*accord[^>]*>(.*)</", zipfile.ZipFile(io.BytesIO(genere)).read(
        next(n for n in zipfile.ZipFile(io.BytesIO(genere)).namelist() if n.startswith("customXml/item")
             and b"urn:interessement-ouvert" in zipfile.ZipFile(io.BytesIO(genere)).read(n))), re.S)
    texte_json = embarque.group(1).decode().replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    assert doc.donnees_embarquees == json.loads(texte_json)
