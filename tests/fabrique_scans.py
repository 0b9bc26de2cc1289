"""Fabrique de documents de test « comme on les reçoit » : un texte du corpus mis en page dans Word, exporté en
PDF par LibreOffice, puis « scanné » (pages rastérisées à 200 dpi, légèrement tournées, bruitées, un PDF fait
des seules images, sans couche texte). Sert aux tests de l'OCR et au banc ``bench/bench_lecture_entrees.py``.

    python tests/fabrique_scans.py TEXTE.txt… --sortie DOSSIER    # écrit NOM.docx, NOM.pdf, NOM.scan.pdf
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
if str(RACINE) not in sys.path:
    sys.path.insert(0, str(RACINE))


def docx_depuis_document(doc) -> bytes:
    """Un .docx (python-docx, styles par défaut) qui reprend les parties d'un ``DocumentLu`` : titre, titres
    d'annexes et de sections, intitulés d'articles en gras, paragraphes, tableaux."""
    import docx

    d = docx.Document()
    for partie in doc.parties:
        if partie.type == "titre":
            d.add_heading(partie.titre or "", 0)
            continue
        if partie.type == "tableau":
            lignes = [ligne for ligne in partie.lignes if any(c.strip() for c in ligne)]
            if lignes:
                colonnes = max(len(ligne) for ligne in lignes)
                t = d.add_table(rows=len(lignes), cols=colonnes)
                t.style = "Table Grid"
                for i, ligne in enumerate(lignes):
                    for j, c in enumerate(ligne):
                        t.cell(i, j).text = c
            continue
        if partie.type == "annexe" and partie.intitule:
            d.add_heading(partie.intitule, 1)
        elif partie.type == "autre" and partie.intitule:
            d.add_heading(partie.intitule, 2)
        elif partie.intitule:
            d.add_paragraph().add_run(partie.intitule).bold = True
        for p in partie.paragraphes:
            if not p.masque:
                d.add_paragraph(p.texte)
    tampon = io.BytesIO()
    d.save(tampon)
    return tampon.getvalue()


def pdf_depuis_docx(contenu: bytes, nom: str = "document.docx") -> bytes:
    """Le PDF de LibreOffice (``LibreOfficeIndisponible`` s'il n'est pas installé)."""
    from interessement.documents.pdf import convertir_en_pdf

    with tempfile.TemporaryDirectory(prefix="fabrique-") as tmp:
        (chemin,) = convertir_en_pdf({nom: contenu}, Path(tmp))
        return chemin.read_bytes()


def scanner(pdf: bytes, *, dpi: int = 200, angle_max: float = 1.5, bruit: float = 12.0, graine: int = 0,
            pages: list[int] | None = None) -> bytes:
    """Un « scan » du PDF : chaque page rastérisée en niveaux de gris, tournée d'un petit angle, bruitée (bruit
    gaussien et grains sel/poivre), seuillée comme un scanner de bureau le fait à moitié, reliée en un PDF
    d'images sans couche texte."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(graine)
    document = pdfium.PdfDocument(pdf)
    images = []
    if pages is not None and not pages:
        raise ValueError("aucune page à scanner")
    try:
        for i in range(len(document)) if pages is None else [p % len(document) for p in pages]:
            page = document[i]
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            angle = float(rng.uniform(-angle_max, angle_max))
            image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
            image = image.filter(ImageFilter.GaussianBlur(0.6))
            a = np.asarray(image, dtype=np.float32)
            a = a + rng.normal(0, bruit, a.shape)
            grains = rng.random(a.shape)
            a[grains < 0.0015] = 0
            a[grains > 0.9985] = 255
            a = np.clip(a * 0.92 + 12, 0, 255)  # papier un peu gris
            a = np.where(a > 228, 255, a).astype(np.uint8)  # le scanner blanchit le fond du papier
            images.append(Image.fromarray(a))
    finally:
        document.close()
    tampon = io.BytesIO()
    images[0].save(tampon, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return tampon.getvalue()


def fabriquer(texte: Path, sortie: Path, graine: int = 0) -> tuple[Path, Path, Path]:
    from interessement.lecture import lire_document

    sortie.mkdir(parents=True, exist_ok=True)
    docx_ = sortie / f"{texte.stem}.docx"
    pdf = sortie / f"{texte.stem}.pdf"
    scan = sortie / f"{texte.stem}.scan.pdf"
    if not docx_.exists():
        docx_.write_bytes(docx_depuis_document(lire_document(texte)))
    if not pdf.exists():
        pdf.write_bytes(pdf_depuis_docx(docx_.read_bytes(), docx_.name))
    if not scan.exists():
        scan.write_bytes(scanner(pdf.read_bytes(), graine=graine))
    return docx_, pdf, scan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("textes", nargs="+", type=Path)
    parser.add_argument("--sortie", type=Path, required=True)
    args = parser.parse_args(argv)
    for n, texte in enumerate(args.textes):
        for chemin in fabriquer(texte, args.sortie, graine=n):
            print(chemin)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
