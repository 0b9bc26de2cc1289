"""Banc de la lecture des entrées : temps de lecture d'un PDF à couche texte, d'un scan, d'un lot de 1 000 PDF
(mémoire bornée), et exactitude de l'OCR sur les textes du corpus de développement scannés.

    .venv/bin/python bench/bench_lecture_entrees.py [--ocr] [--textes b0043,b1686…] [--cache DOSSIER]

- PDF de 20 pages à couche texte (un texte du corpus mis en page par LibreOffice) : ``lire_document`` (structure
  comprise ; les faits et le contrôle sont mesurés par bench/bench_lecture.py), comparé à la simple extraction du
  texte brut par pypdfium2 ;
- scan de 10 pages (200 dpi, petite rotation, bruit) lu par OCR sur les cœurs de la machine, comparé à la même
  lecture sur un seul processus avec ``--sequentiel`` ;
- 1 000 PDF à couche texte lus l'un après l'autre : temps par fichier et mémoire maximale (RSS) après 10, 100 et
  1 000 fichiers ;
- ``--ocr`` : chaque texte du corpus scanné (toutes ses pages) puis lu par OCR ; exactitude par caractère
  (1 − distance d'édition / longueur) contre la couche texte du PDF d'origine, et articles retrouvés. Les PDF et
  les scans sont gardés dans ``--cache`` (par défaut ``bench/.scans``) : bench/bench_lecture.py peut s'en servir.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

from interessement.erreurs import ErreurEntree  # noqa: E402
from interessement.lecture import lire_document  # noqa: E402
from tests.fabrique_scans import docx_depuis_document, scanner  # noqa: E402
from tests.outils_lecture import CORPUS_DEV  # noqa: E402


def rss_mo() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pdfs_du_corpus(cache: Path, textes: list[Path]) -> dict[str, bytes]:
    """Le PDF (LibreOffice) de chaque texte, fabriqué une fois puis gardé dans le cache."""
    from interessement.documents.pdf import convertir_en_pdf

    cache.mkdir(parents=True, exist_ok=True)
    manquants = {f"{t.stem}.docx": docx_depuis_document(lire_document(t)) for t in textes
                 if not (cache / f"{t.stem}.pdf").exists()}
    if manquants:
        convertir_en_pdf(manquants, cache)
    return {t.stem: (cache / f"{t.stem}.pdf").read_bytes() for t in textes}


def pages(pdf: bytes, n: int) -> bytes:
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(pdf)
    sortie = pdfium.PdfDocument.new()
    sortie.import_pages(source, list(range(min(n, len(source)))))
    tampon = io.BytesIO()
    sortie.save(tampon)
    return tampon.getvalue()


def texte_brut(pdf: bytes) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


def chrono(f, repetitions: int = 5) -> float:
    mesures = []
    for _ in range(repetitions):
        t = time.perf_counter()
        f()
        mesures.append(time.perf_counter() - t)
    return statistics.median(mesures)


def _normal(texte: str) -> str:
    return " ".join(texte.replace("’", "'").replace("–", "-").replace("—", "-").replace("|", " ").lower().split())


def exactitude(lu: str, reference: str) -> float:
    from rapidfuzz.distance import Levenshtein

    a, b = _normal(lu), _normal(reference)
    return 1 - Levenshtein.distance(a, b) / max(1, len(b))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Banc de la lecture des entrées")
    parser.add_argument("--ocr", action="store_true", help="mesurer l'exactitude de l'OCR sur tout le corpus scanné")
    parser.add_argument("--textes", help="préfixes des textes du corpus à scanner (par défaut tous)")
    parser.add_argument("--cache", type=Path, default=RACINE / "bench" / ".scans")
    parser.add_argument("--sequentiel", action="store_true", help="mesurer aussi le scan sur un seul processus")
    parser.add_argument("--lot", type=int, default=1000)
    args = parser.parse_args(argv)
    if CORPUS_DEV is None:
        print("corpus de développement introuvable (shared/corpus-dev ou tests/corpus_dev)")
        return 1
    tous = sorted((CORPUS_DEV / "texts").glob("*.txt"))
    print(f"Machine : {os.cpu_count()} cœurs, charge moyenne {os.getloadavg()[0]:.1f} (autres processus compris)")
    pdfs = pdfs_du_corpus(args.cache, tous)
    nb_pages = {nom: _nb_pages(p) for nom, p in pdfs.items()}

    # 1. PDF de 20 pages à couche texte
    source = max(pdfs, key=lambda n: nb_pages[n])
    pdf20 = pages(pdfs[source], 20)
    lire_document(pdf20, nom="x.pdf")  # imports et caches chauds
    t_lire = chrono(lambda: lire_document(pdf20, nom="vingt.pdf"))
    t_brut = chrono(lambda: texte_brut(pdf20))
    doc = lire_document(pdf20, nom="vingt.pdf")
    print(f"\nPDF de {doc.pages} pages à couche texte ({source}) : {t_lire * 1000:.0f} ms (objectif : bien moins "
          f"de 1 s, faits et contrôle en plus) ; extraction brute pypdfium2 {t_brut * 1000:.0f} ms "
          f"(× {t_lire / t_brut:.1f}) ; {len(doc.articles)} articles, {len(doc.parties)} parties")

    # 2. scan de 10 pages
    scan10 = scanner(pages(pdfs[source], 10), graine=7)
    t = time.perf_counter()
    doc = lire_document(scan10, nom="scan10.pdf")
    t_scan = time.perf_counter() - t
    from interessement.lecture import ocr

    print(f"Scan de {doc.pages} pages (200 dpi) lu par OCR sur {ocr.processus()} processus : {t_scan:.1f} s "
          f"({t_scan / doc.pages:.1f} s/page ; objectif ≤ 60 s) ; confiance Tesseract {doc.confiance_ocr} ; "
          f"exactitude {exactitude(doc.texte, lire_document(pages(pdfs[source], 10)).texte):.3f}")
    if args.sequentiel:
        os.environ["INTERESSEMENT_OCR_PROCESSUS"] = "1"
        t = time.perf_counter()
        lire_document(scan10, nom="scan10.pdf")
        t1 = time.perf_counter() - t
        del os.environ["INTERESSEMENT_OCR_PROCESSUS"]
        print(f"  même scan sur 1 processus : {t1:.1f} s (accélération × {t1 / t_scan:.2f})")

    # 3. lot de 1 000 PDF
    noms = sorted(pdfs)
    with tempfile.TemporaryDirectory(prefix="lot-") as tmp:
        chemins = []
        for i in range(args.lot):
            c = Path(tmp) / f"accord-{i:04d}.pdf"
            c.write_bytes(pdfs[noms[i % len(noms)]])
            chemins.append(c)
        rss0 = rss_mo()
        reperes = {}
        t = time.perf_counter()
        pages_lues = 0
        for i, c in enumerate(chemins, start=1):
            pages_lues += lire_document(c).pages
            if i in (10, 100, args.lot):
                reperes[i] = rss_mo()
        duree = time.perf_counter() - t
    print(f"Lot de {args.lot} PDF à couche texte ({pages_lues} pages) : {duree:.1f} s ({duree / args.lot * 1000:.0f} ms "
          f"par fichier) ; mémoire maximale {rss0:.0f} Mo avant, "
          + ", ".join(f"{v:.0f} Mo après {k}" for k, v in reperes.items()))

    # 4. exactitude de l'OCR sur le corpus scanné
    if args.ocr:
        choisis = [t for t in tous if not args.textes or any(t.stem.startswith(p) for p in args.textes.split(","))]
        print(f"\nOCR des textes du corpus scannés ({len(choisis)} textes) :")
        total_car, total_err, total_pages, total_t = 0, 0.0, 0, 0.0
        for n, texte in enumerate(choisis):
            chemin_scan = args.cache / f"{texte.stem}.scan.pdf"
            if not chemin_scan.exists():
                chemin_scan.write_bytes(scanner(pdfs[texte.stem], graine=n))
            reference = lire_document(pdfs[texte.stem], nom=f"{texte.stem}.pdf")
            t = time.perf_counter()
            try:
                lu = lire_document(chemin_scan)
            except ErreurEntree as exc:
                print(f"  {texte.stem:42} non lu : {exc}")
                continue
            d = time.perf_counter() - t
            ex = exactitude(lu.texte, reference.texte)
            a = [x.numero for x in reference.articles]
            b = [x.numero for x in lu.articles]
            communs = sum(bloc.size for bloc in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
            longueur = len(_normal(reference.texte))
            total_car += longueur
            total_err += (1 - ex) * longueur
            total_pages += lu.pages
            total_t += d
            print(f"  {texte.stem:42} {lu.pages:3} p. {d:6.1f} s  exactitude {ex:.3f}  articles {communs}/{len(a)} "
                  f"(lus {len(b)})  confiance {lu.confiance_ocr}")
        print(f"  ensemble : {total_pages} pages en {total_t:.0f} s ({total_t / max(1, total_pages):.1f} s/page), "
              f"exactitude par caractère {1 - total_err / max(1, total_car):.4f}")
    return 0


def _nb_pages(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(pdf))


if __name__ == "__main__":
    raise SystemExit(main())
