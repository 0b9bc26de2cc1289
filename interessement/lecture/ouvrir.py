"""Ouvrir un fichier à lire : ``ouvrir(source, nom) -> DocumentLu``.

La lecture est celle de ``interessement.lecture.lire_document`` (.docx tel qu'il s'affiche, .odt, PDF, scans,
images, .txt, codes QR) ; ici, toute erreur devient une ``ErreurEntree`` en français (jamais une trace).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..erreurs import ErreurEntree
from . import lire_document

EXTENSIONS_TEXTE = (".docx", ".odt", ".pdf", ".txt", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def ouvrir(source: str | Path | bytes, nom: str | None = None) -> Any:
    nom = nom or (Path(source).name if not isinstance(source, bytes) else "document")
    try:
        return lire_document(source, nom=nom)
    except ErreurEntree:
        raise
    except Exception as exc:  # noqa: BLE001 - un fichier hostile : message français, jamais de trace
        raise ErreurEntree(f"{nom} : document illisible ({type(exc).__name__}).") from exc
