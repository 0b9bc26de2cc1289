"""Une image (photo ou scan d'une page : PNG, JPEG, TIFF multipage, BMP, WebP) lue par OCR, codes QR compris.

Bornes : ``PIXELS_MAX`` pixels par image (une « bombe de décompression » est refusée), ``PAGES_MAX`` pages
pour un TIFF multipage.
"""

from __future__ import annotations

import io
import warnings

from ..erreurs import ErreurEntree
from .modele import DocumentLu
from .pdf import PAGES_MAX, anomalies_ocr, blocs_de_pages
from .structure import decouper

PIXELS_MAX = 80_000_000


def _pages(donnees: bytes, nom: str):
    from PIL import Image, ImageSequence, UnidentifiedImageError

    # Pas de ``Image.MAX_IMAGE_PIXELS = …`` : ce réglage vaut pour tout le processus (il changerait la lecture des
    # images des autres modules) ; la taille annoncée est contrôlée ci-dessous, avant tout décodage.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(donnees))
            if image.width * image.height > PIXELS_MAX:
                raise ErreurEntree(f"{nom} : image trop grande ({image.width} × {image.height} pixels ; au plus "
                                   f"{PIXELS_MAX // 1_000_000} millions de pixels).")
            pages, dpis = [], []
            for n, cadre in enumerate(ImageSequence.Iterator(image)):
                if n >= PAGES_MAX:
                    raise ErreurEntree(f"{nom} : image de plus de {PAGES_MAX} pages.")
                cadre.load()
                pages.append(cadre.copy())
                dpi = (cadre.info.get("dpi") or (None,))[0]
                dpis.append(float(dpi) if dpi and float(dpi) > 30 else None)
            return pages, dpis
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ErreurEntree(f"{nom} : image trop grande (au plus {PIXELS_MAX // 1_000_000} millions de pixels).") from exc
    except ErreurEntree:
        raise  # déjà un message français (image trop grande, trop de pages) : ErreurEntree est une ValueError
    except UnidentifiedImageError as exc:
        raise ErreurEntree(f"{nom} : image illisible ou d'un format inconnu.") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ErreurEntree(f"{nom} : image illisible ou corrompue.") from exc


def lire_image(donnees: bytes, nom: str) -> DocumentLu:
    from . import ocr, qr

    pages, dpis = _pages(donnees, nom)
    codes: list[str] = []
    for p in pages:
        codes.extend(qr.textes_qr(p))
    resultats = ocr.lire_pages(pages, dpis)
    confiances = [r.confiance for r in resultats if r.confiance is not None]
    contenu, anomalies_qr = qr.decoder(codes)
    doc = DocumentLu(nom=nom, format="image", pages=len(pages), ocr=True, pages_ocr=list(range(1, len(pages) + 1)),
                     confiance_ocr=round(sum(confiances) / len(confiances), 1) if confiances else None,
                     anomalies=anomalies_ocr(resultats, list(range(1, len(pages) + 1))) + anomalies_qr,
                     qr=contenu, codes_qr=qr.nos_codes(codes))
    doc.parties = decouper(blocs_de_pages([r.lignes for r in resultats], [None] * len(pages)))
    return doc
