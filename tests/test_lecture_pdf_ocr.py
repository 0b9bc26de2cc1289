"""PDF avec couche texte, scans (PDF d'images, images) lus par OCR en français, PDF mixtes, codes QR de notre
générateur lus sur le PDF et sur son scan, textes OpenDocument ; fichiers corrompus ou démesurés refusés en
français. Les scans sont fabriqués au moment du test (tests/fabrique_scans.py : LibreOffice, 200 dpi, petite
rotation, bruit)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from interessement import integrite
from interessement.erreurs import ErreurEntree
from interessement.lecture import lire_document
from interessement.lecture import pdf as lecture_pdf
from interessement.modele import charger_accord
from tests.chemins import EXEMPLES
from tests.fabrique_scans import docx_depuis_document, pdf_depuis_docx, scanner
from tests.outils_lecture import CORPUS_DEV

pytestmark = pytest.mark.lent


def _normal(texte: str) -> str:
    """Casse (petites capitales de Word), apostrophes, tirets et séparateurs de cellules mis de côté."""
    return " ".join(texte.replace("’", "'").replace("–", "-").replace("—", "-").replace("|", " ").lower().split())


def sans_sommaire(doc) -> str:
    return "\n".join(t for p in doc.parties if p.titre not in ("Sommaire", "En-têtes et pieds de page")
                     for t in ([p.intitule] if p.intitule else []) + [p.texte])


def exactitude(lu: str, reference: str) -> float:
    """1 − taux d'erreur par caractère (distance d'édition rapportée à la longueur de la référence)."""
    a, b = _normal(lu), _normal(reference)
    return 1 - Levenshtein.distance(a, b) / max(1, len(b))


@pytest.fixture(scope="module")
def genere() -> tuple[bytes, bytes]:
    from interessement.documents import rendre_accord

    docx = rendre_accord(charger_accord(EXEMPLES / "sas-30-part-resultat.json"))
    return docx, pdf_depuis_docx(docx, "accord.docx")


@pytest.fixture(scope="module")
def corpus_scanne(tmp_path_factory) -> tuple[object, bytes, bytes]:
    """Un texte réel court (avenant de la branche du machinisme agricole), mis en page puis scanné."""
    assert CORPUS_DEV is not None, "corpus de développement introuvable"
    texte = CORPUS_DEV / "texts/b1404-machinisme-avenant1-2021.txt"
    doc = lire_document(texte)
    pdf = pdf_depuis_docx(docx_depuis_document(doc), "avenant.docx")
    return doc, pdf, scanner(pdf, graine=3)


def test_pdf_couche_texte_de_notre_document(genere):
    docx, pdf = genere
    depuis_word = lire_document(docx)
    doc = lire_document(pdf, nom="accord.pdf")
    assert doc.format == "pdf" and not doc.ocr and doc.pages >= 5 and doc.pages_ocr == []
    assert [a.numero for a in doc.articles] == [a.numero for a in depuis_word.articles]
    assert [a.titre for a in doc.articles] == [a.titre for a in depuis_word.articles]
    assert all(a.page is not None and 1 <= a.page <= doc.pages for a in doc.articles)
    assert [a.page for a in doc.articles] == sorted(a.page for a in doc.articles)
    # les tableaux ne sont pas reconstruits dans un PDF : leurs cellules viennent dans l'ordre de la couche texte
    assert exactitude(sans_sommaire(doc), sans_sommaire(depuis_word)) > 0.95
    # les codes QR de la dernière page rendent les données et les empreintes
    assert doc.qr is not None and doc.qr["donnees"] == depuis_word.donnees_embarquees
    assert doc.qr["empreinte_texte"] == integrite.empreinte_texte(docx)
    # le pied de page répété est mis à part, une seule fois
    pieds = next(p for p in doc.parties if p.titre == "En-têtes et pieds de page")
    assert len(pieds.paragraphes) <= 2 and "Atelier Dupont" in pieds.texte
    assert doc.texte.count("Atelier Dupont & Fils — accord") <= 1


def test_scan_de_notre_document_qr_et_ocr(genere):
    """Les deux premières pages et la dernière, scannées : le texte est lu par OCR et les codes QR décodés."""
    _, pdf = genere
    scan = scanner(pdf, pages=[0, 1, -1], graine=1)
    doc = lire_document(scan, nom="accord-scanne.pdf")
    assert doc.ocr and doc.pages_ocr == [1, 2, 3] and doc.confiance_ocr > 80
    assert doc.qr is not None and doc.qr["identifiant"] == "exemple-sas-30-part-resultat"
    assert doc.qr["donnees"]["identifiant"] == "exemple-sas-30-part-resultat"
    reference = lire_document(pdf)
    premiers = [a.numero for a in reference.articles if a.page in (1, 2)]
    lus = [a.numero for a in doc.articles if a.page in (1, 2)]
    # La table des matières de la page 1 n'est jamais faite d'articles, même quand l'OCR défigure son intitulé ou
    # ses entrées : aucun article en page 1, rien d'inventé ni de doublé en page 2. L'OCR d'un scan bruité peut
    # défigurer un titre du corps (« Article L= “Objet ») : on n'exige pas de les lire tous (ce que la mesure de
    # bench/bench_lecture.py suit), seulement qu'au moins un le soit.
    assert not [a for a in doc.articles if a.page == 1], [(a.numero, a.intitule) for a in doc.articles]
    assert any(p.titre == "Sommaire" and p.page == 1 for p in doc.parties)
    restants = iter(premiers)
    assert all(n in restants for n in lus) and len(set(lus)) == len(lus) >= 1, (lus, premiers)


def test_scan_d_un_texte_reel(corpus_scanne):
    doc_txt, pdf, scan = corpus_scanne
    couche = lire_document(pdf, nom="avenant.pdf")
    doc = lire_document(scan, nom="avenant-scanne.pdf")
    assert doc.ocr and doc.pages_ocr == list(range(1, doc.pages + 1))
    assert exactitude(doc.texte, couche.texte) >= 0.97
    assert [a.numero for a in doc.articles] == [a.numero for a in doc_txt.articles]
    assert sum(a.titre == b.titre for a, b in zip(doc.articles, doc_txt.articles, strict=True)) >= len(
        doc_txt.articles) - 1


def test_pdf_mixte_page_par_page(corpus_scanne):
    """Une page tapée et une page scannée dans le même PDF : seule la seconde passe par l'OCR."""
    import pypdfium2 as pdfium

    _, pdf, scan = corpus_scanne
    mixte = pdfium.PdfDocument.new()
    mixte.import_pages(pdfium.PdfDocument(pdf), [0])
    mixte.import_pages(pdfium.PdfDocument(scan), [1])
    tampon = io.BytesIO()
    mixte.save(tampon)
    doc = lire_document(tampon.getvalue(), nom="mixte.pdf")
    assert doc.pages == 2 and doc.pages_ocr == [2] and doc.ocr


def test_image_d_une_page(corpus_scanne):
    import pypdfium2 as pdfium

    _, _, scan = corpus_scanne
    image = pdfium.PdfDocument(scan)[0].render(scale=200 / 72).to_pil()
    tampon = io.BytesIO()
    image.save(tampon, "PNG", dpi=(200, 200))
    doc = lire_document(tampon.getvalue(), nom="page1.png")
    assert doc.format == "image" and doc.ocr and doc.pages == 1
    assert doc.articles and doc.articles[0].numero == "1"
    assert "intéressement" in doc.texte


def test_couche_texte_inutilisable():
    assert not lecture_pdf.couche_texte_utilisable("  \n 12 ", 0.0)
    assert not lecture_pdf.couche_texte_utilisable("\ufffd" * 50 + "abc" * 20, 0.0)
    assert not lecture_pdf.couche_texte_utilisable("Signé le 3 mars " * 3, 0.95)
    assert lecture_pdf.couche_texte_utilisable("Le présent accord est conclu pour trois ans. " * 20, 0.95)


def test_pdf_corrompu_ou_trop_long(genere, monkeypatch):
    _, pdf = genere
    with pytest.raises(ErreurEntree, match="PDF illisible ou corrompu"):
        lire_document(pdf[:400], nom="coupe.pdf")
    with pytest.raises(ErreurEntree, match="pas un PDF valide"):
        lire_document(b"ceci n'est pas un pdf", nom="faux.pdf")
    monkeypatch.setattr(lecture_pdf, "PAGES_MAX", 2)
    with pytest.raises(ErreurEntree, match="au plus 2 pages"):
        lire_document(pdf, nom="long.pdf")


def test_image_demesuree_refusee(monkeypatch):
    from PIL import Image

    from interessement.lecture import image as lecture_image

    monkeypatch.setattr(lecture_image, "PIXELS_MAX", 1_000_000)
    tampon = io.BytesIO()
    Image.new("L", (2000, 1000), 255).save(tampon, "PNG")
    with pytest.raises(ErreurEntree, match="image trop grande"):
        lire_document(tampon.getvalue(), nom="immense.png")
    with pytest.raises(ErreurEntree, match="image illisible"):
        lire_document(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, nom="casse.png")


def _odt(docx: bytes, dossier: Path) -> bytes:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice est nécessaire pour fabriquer un .odt"
    (dossier / "d.docx").write_bytes(docx)
    subprocess.run([soffice, f"-env:UserInstallation={(dossier / 'profil').as_uri()}", "--headless",
                    "--convert-to", "odt", "--outdir", str(dossier), str(dossier / "d.docx")],
                   capture_output=True, timeout=240, check=True, env={"HOME": str(dossier), "PATH": "/usr/bin:/bin"})
    return (dossier / "d.odt").read_bytes()


def test_odt_etranger_et_texte_masque(tmp_path):
    from tests.test_lecture_docx import _document_etranger

    odt = _odt(_document_etranger(), tmp_path)
    doc = lire_document(odt, nom="martin.odt")
    assert doc.format == "odt"
    assert [(a.numero, a.titre) for a in doc.articles] == [
        ("1", "OBJET"), ("2", "BÉNÉFICIAIRES"), ("3", "CALCUL"), ("4", "RÉPARTITION"), ("5", "DURÉE")]
    assert doc.articles[3].texte.split("\n")[1:] == ["1. de la durée de présence ;", "2. du salaire."]
    assert next(p for p in doc.parties if p.type == "tableau").lignes[2] == ["au-delà", "10 % de l'excédent"]
    assert not doc.anomalies
    # un passage masqué par un style automatique et un commentaire
    z = zipfile.ZipFile(io.BytesIO(odt))
    contenu = z.read("content.xml").decode()
    contenu = contenu.replace("</office:automatic-styles>", '<style:style style:name="Cache" style:family="text">'
                              '<style:text-properties text:display="none"/></style:style></office:automatic-styles>')
    contenu = contenu.replace("trois exercices.", 'trois exercices.<text:span text:style-name="Cache"> Durée '
                              'portée à six ans.</text:span><office:annotation><dc:creator>Avocat</dc:creator>'
                              '<text:p>À revoir</text:p></office:annotation>', 1)
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as sortie:
        for info in z.infolist():
            sortie.writestr(info, contenu.encode() if info.filename == "content.xml" else z.read(info.filename))
    doc = lire_document(tampon.getvalue(), nom="martin-retouche.odt")
    assert "six ans" not in doc.texte and "trois exercices." in doc.articles[4].texte
    assert doc.anomalies_de("TEXTE_MASQUE")[0].extrait == "Durée portée à six ans."
    assert doc.commentaires == ["Avocat : À revoir"]


def test_redressement_d_une_page_inclinee():
    """Le profil de projection retrouve l'inclinaison d'une page de texte tournée de 2,5° (au dixième près)."""
    from PIL import Image, ImageDraw

    from interessement.lecture.ocr import inclinaison

    page = Image.new("L", (1200, 1600), 255)
    dessin = ImageDraw.Draw(page)
    for ligne in range(40):
        dessin.text((100, 80 + ligne * 36), "Le présent accord institue un intéressement des salariés " * 2, fill=0)
    for angle in (2.5, -1.2):
        tournee = page.rotate(angle, expand=False, fillcolor=255)
        assert abs(inclinaison(tournee) + angle) <= 0.25
    assert abs(inclinaison(page)) <= 0.1


class _PageTexte:
    """Une page dont la couche texte est donnée (ce que pdfium rend), une boîte par caractère."""

    def __init__(self, texte: str) -> None:
        self.texte = texte

    def get_textpage(self):
        page = self

        class _Couche:
            def count_chars(self) -> int:
                return len(page.texte)

            def get_text_range(self) -> str:
                return page.texte

            def get_charbox(self, i: int) -> tuple[float, float, float, float]:
                return (10.0 + i, 700.0, 11.0 + i, 710.0)

            def close(self) -> None:
                return None

        return _Couche()

    def get_height(self) -> float:
        return 842.0


def test_trait_d_union_de_fin_de_ligne_rendu_par_pdfium():
    """Constat n° 15 du parcours du garage : la citation lue dans notre PDF portait « Saint\\ufffeHerblain » (pdfium
    rend par U+FFFE le trait d'union d'un mot coupé en fin de ligne) ; un trait d'union conditionnel (U+00AD) en fin
    de ligne s'affiche aussi « - ». Les boîtes de caractères restent alignées sur le texte."""
    lignes, texte = lecture_pdf._lignes_texte(_PageTexte("Fait à Saint\ufffeHerblain, le 10 décembre 2026\r\n"
                                                          "intéres\u00ad\r\nsement du per\u00adsonnel"))
    assert "\ufffe" not in texte and "Saint-Herblain" in texte
    assert [x.texte for x in lignes] == ["Fait à Saint-Herblain, le 10 décembre 2026", "intéres-",
                                         "sement du per\u00adsonnel"]
    assert lignes[1].x0 == 10.0 + len("Fait à Saint-Herblain, le 10 décembre 2026\r\n")
