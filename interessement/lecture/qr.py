"""Les codes QR de notre générateur, lus sur une page (PDF rendu, scan, image) par ``zxing-cpp``.

Chaque code porte ``IOQR1|k|n|identifiant|empreinte_donnees|empreinte_texte|fragment`` ; ``integrite.decoder_qr``
rassemble les fragments et rend les données et les empreintes. Les autres codes de la page sont ignorés.
"""

from __future__ import annotations

from . import modele as m
from .modele import Anomalie

PREFIXE = "IOQR1|"


def _lire(image) -> list[str]:
    import zxingcpp

    try:
        codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    except (ValueError, RuntimeError, TypeError):
        return []
    return [c.text for c in codes if c.valid and c.text]


def complets(textes: list[str]) -> bool:
    """Tous les codes 1..n de notre format sont-ils là ?"""
    vus: dict[str, set[int]] = {}
    attendus: dict[str, int] = {}
    for t in nos_codes(textes):
        champs = t.split("|", 6)
        if len(champs) == 7 and champs[1].isdigit() and champs[2].isdigit():
            cle = "|".join(champs[2:6])
            vus.setdefault(cle, set()).add(int(champs[1]))
            attendus[cle] = int(champs[2])
    return bool(vus) and all(vus[c] >= set(range(1, attendus[c] + 1)) for c in vus)


def textes_qr(image) -> list[str]:
    """Les textes des codes QR visibles sur l'image (PIL). Un scan bruité ou flou en perd parfois : l'image est
    relue filtrée (médian) puis seuillée tant que des codes de notre format manquent."""
    try:
        import zxingcpp  # noqa: F401
    except ImportError:  # pragma: no cover - dépendance déclarée
        return []
    from PIL import ImageFilter

    textes = _lire(image)
    if complets(textes) or (textes and not nos_codes(textes)):
        return textes
    gris = image.convert("L")
    filtre = gris.filter(ImageFilter.MedianFilter(3))
    for variante in (filtre, filtre.point(lambda x: 255 if x > 140 else 0)):
        textes += [t for t in _lire(variante) if t not in textes]
        if complets(textes):
            break
    return textes


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
