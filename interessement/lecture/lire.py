"""``lire_document`` : un fichier quelconque (Word, OpenDocument, PDF, scan, image, texte) → ``DocumentLu``.

Le format est reconnu à son contenu (signature des premiers octets), l'extension ne servant qu'à nommer ce qui
est refusé. Toute erreur — fichier corrompu, trop gros, format inconnu — est une ``ErreurEntree`` en français.
"""

from __future__ import annotations

import os
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

from ..entrees import lire_octets
from ..erreurs import ErreurEntree
from .modele import DocumentLu
from .structure import decouper

#: Taille maximale d'un fichier lu (octets) ; ``INTERESSEMENT_LECTURE_TAILLE_MAX`` la remplace.
TAILLE_MAX = int(os.environ.get("INTERESSEMENT_LECTURE_TAILLE_MAX", str(150_000_000)))


_FORMATS_PAR_EXTENSION = {".docx": "docx", ".docm": "docx", ".dotx": "docx", ".odt": "odt", ".pdf": "pdf",
                          ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image",
                          ".bmp": "image", ".webp": "image", ".txt": "txt", ".doc": "docx"}
_NOMS_FORMATS = {"docx": "document Word", "odt": "document OpenDocument", "pdf": "PDF", "image": "fichier image",
                 "txt": "texte"}


def format_de(donnees: bytes, nom: str) -> str:
    """docx | odt | pdf | image | txt, reconnu au contenu ; ``ErreurEntree`` pour un format non pris en charge."""
    tete = donnees[:8]
    if donnees.lstrip()[:5] == b"%PDF-" or b"%PDF-" in donnees[:1024]:
        return "pdf"
    if tete.startswith(b"PK\x03\x04") or tete.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(BytesIO(donnees)) as z:
                noms = set(z.namelist())
                if "word/document.xml" in noms:
                    return "docx"
                if "mimetype" in noms:
                    info = z.getinfo("mimetype")
                    if info.file_size < 200:
                        mime = z.read("mimetype").decode("ascii", "replace").strip()
                        if mime == "application/vnd.oasis.opendocument.text":
                            return "odt"
                        raise ErreurEntree(f"{nom} : document OpenDocument de type « {mime} » : seuls les "
                                           "textes (.odt) sont lus.")
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
            raise ErreurEntree(f"{nom} : archive illisible ou corrompue (ni un document Word .docx ni un "
                               "OpenDocument .odt valide).") from exc
        raise ErreurEntree(f"{nom} : archive ZIP qui n'est ni un document Word (.docx) ni un texte OpenDocument "
                           "(.odt).")
    if tete.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ErreurEntree(f"{nom} : ancien format Word (.doc) ou document chiffré, non lu : enregistrez-le au "
                           "format .docx (Word : Fichier › Enregistrer sous › Document Word) ou en PDF.")
    if tete.startswith(b"{\\rtf"):
        raise ErreurEntree(f"{nom} : format RTF non lu : enregistrez le document au format .docx ou en PDF.")
    if (tete.startswith(b"\x89PNG\r\n\x1a\n") or tete.startswith(b"\xff\xd8\xff")
            or tete[:4] in (b"II*\x00", b"MM\x00*") or tete.startswith(b"BM")
            or (tete[:4] == b"RIFF" and donnees[8:12] == b"WEBP")):
        return "image"
    echantillon = donnees[:4096]
    if b"\x00" in echantillon:
        raise ErreurEntree(f"{nom} : format de fichier non reconnu (ni Word .docx, ni OpenDocument .odt, ni PDF, "
                           "ni image, ni texte).")
    return "txt"


def lire_document(source: Any, nom: str | None = None) -> DocumentLu:
    """Lit un accord : .docx, .odt, .pdf (couche texte ou scan), .png/.jpg/.tif, .txt.

    ``source`` : chemin, octets ou fichier ouvert ; ``nom`` : le nom à citer dans les messages.
    """
    if nom is None and isinstance(source, str | Path):
        nom = Path(source).name
    donnees, nom = lire_octets(source, nom, TAILLE_MAX)
    if not donnees:
        raise ErreurEntree(f"{nom} : fichier vide.")
    try:
        return _lire(donnees, nom)
    except ErreurEntree:
        raise
    except MemoryError as exc:
        raise ErreurEntree(f"{nom} : document trop volumineux pour être lu en mémoire.") from exc
    except Exception as exc:  # noqa: BLE001 - un fichier hostile ou inattendu : message français, jamais de trace
        raise ErreurEntree(f"{nom} : document illisible ou corrompu ({type(exc).__name__}).") from exc


def _lire(donnees: bytes, nom: str) -> DocumentLu:
    fmt = format_de(donnees, nom)
    attendu = _FORMATS_PAR_EXTENSION.get(Path(nom).suffix.lower())
    if fmt == "txt" and attendu not in (None, "txt"):
        raise ErreurEntree(f"{nom} : ce fichier n'est pas un {_NOMS_FORMATS[attendu]} valide (contenu illisible ou "
                           "corrompu).")
    if fmt == "txt":
        from .texte import lire_texte

        blocs, meta, pages = lire_texte(donnees)
        doc = DocumentLu(nom=nom, format="txt", pages=pages, metadonnees=meta)
        doc.parties = decouper(blocs)
        return doc
    if fmt == "docx":
        from .docx import lire_docx

        return lire_docx(donnees, nom)
    if fmt == "odt":
        from .odt import lire_odt

        return lire_odt(donnees, nom)
    if fmt == "pdf":
        from .pdf import lire_pdf

        return lire_pdf(donnees, nom)
    from .image import lire_image

    return lire_image(donnees, nom)
