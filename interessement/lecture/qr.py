"""Les codes QR de notre générateur, lus sur une page (PDF rendu, scan, image) par ``zxing-cpp``.

Chaque code porte ``IOQR1|k|n|identifiant|empreinte_donnees|empreinte_texte|fragment`` ; ``integrite.decoder_qr``
rassemble les fragments et rend les données et les empreintes. Les autres codes de la page sont ignorés.
"""

from __future__ import annotations

from . import modele as m
from .modele import Anomalie

PREFIXE = "IOQR1|"


def textes_qr(image) -> list[str]:
    """Les textes de tous les codes QR visibles sur l'image (PIL), dans l'ordre de zxing-cpp."""
    try:
        import zxingcpp
    except ImportError:  # pragma: no cover - dépendance déclarée
        return []
    try:
        codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    except (ValueError, RuntimeError, TypeError):
        return []
    return [c.text for c in codes if c.valid and c.text]


def nos_codes(textes: list[str]) -> list[str]:
    return [t for t in textes if t.startswith(PREFIXE)]


def decoder(textes: list[str]) -> tuple[dict | None, list[Anomalie]]:
    """(contenu décodé ou None, anomalies) à partir des textes lus (ceux de notre format seulement)."""
    nos = list(dict.fromkeys(nos_codes(textes)))
    if not nos:
        return None, []
    try:
        from ..integrite import ErreurIntegrite, decoder_qr
    except ImportError:
        return None, [Anomalie(m.QR_ILLISIBLE, "Codes QR « Intéressement ouvert » vus mais non décodés : le "
                               "décodage n'est pas disponible dans cette installation.", None)]
    try:
        return decoder_qr(nos), []
    except ErreurIntegrite as exc:
        return None, [Anomalie(m.QR_ILLISIBLE, f"Codes QR « Intéressement ouvert » inexploitables : {exc}.", None)]
