"""Ouvrir un fichier à lire : ``ouvrir(source, nom) -> DocumentLu``.

Délègue à ``interessement.lecture.lire_document`` (lecture complète des entrées : .docx tel qu'il s'affiche,
.odt, PDF, scans, images, QR code) quand il est installé. À défaut, repli minimal : .txt (lecture des articles) et
.docx (paragraphes du corps, en-têtes et pieds de page, données embarquées d'un document produit ici). Toute
erreur devient une ``ErreurEntree`` en français.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..erreurs import ErreurEntree

EXTENSIONS_TEXTE = (".docx", ".odt", ".pdf", ".txt", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
TAILLE_MAX_TEXTE = 20_000_000


def _lire_document() -> Any:
    try:
        from . import lire_document  # type: ignore[attr-defined]
    except ImportError:
        return None
    return lire_document


def ouvrir(source: str | Path | bytes, nom: str | None = None) -> Any:
    nom = nom or (Path(source).name if not isinstance(source, bytes) else "document")
    lire_document = _lire_document()
    if lire_document is not None:
        try:
            return lire_document(source, nom=nom)
        except ErreurEntree:
            raise
        except Exception as exc:  # noqa: BLE001 - un fichier hostile : message français, jamais de trace
            raise ErreurEntree(f"{nom} : document illisible ({type(exc).__name__}).") from exc
    suffixe = Path(nom).suffix.lower()
    if suffixe == ".txt":
        from .texte_minimal import depuis_texte

        brut = source if isinstance(source, bytes) else _octets(source, nom)
        try:
            texte = brut.decode("utf-8-sig")
        except UnicodeDecodeError:
            texte = brut.decode("latin-1")
        return depuis_texte(texte, nom)
    if suffixe == ".docx":
        return _docx(source, nom)
    raise ErreurEntree(f"{nom} : la lecture des fichiers {suffixe or 'sans extension'} (PDF, scans, images, .odt) "
                       "n'est pas disponible dans cette installation.")


def _octets(source: str | Path, nom: str) -> bytes:
    p = Path(source)
    try:
        if p.stat().st_size > TAILLE_MAX_TEXTE:
            raise ErreurEntree(f"{nom} : fichier trop volumineux.")
        return p.read_bytes()
    except OSError as exc:
        raise ErreurEntree(f"{nom} : fichier introuvable ou illisible.") from exc


def _docx(source: str | Path | bytes, nom: str) -> Any:
    try:
        from ..documents.lecture import textes_du_document
    except ImportError:
        raise ErreurEntree(f"{nom} : la lecture des documents .docx n'est pas disponible dans cette "
                           "installation.") from None
    from .texte_minimal import depuis_texte

    paragraphes = textes_du_document(source)
    doc = depuis_texte("\n".join(paragraphes), nom)
    doc.format = "docx"
    try:
        from ..documents import lire_accord

        doc.donnees_embarquees = lire_accord(source).model_dump(mode="json")
    except ErreurEntree:
        doc.donnees_embarquees = None
    except Exception:  # noqa: BLE001 - pas de données embarquées lisibles : document étranger
        doc.donnees_embarquees = None
    return doc
