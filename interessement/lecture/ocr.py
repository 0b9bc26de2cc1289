"""Reconnaissance de caractères en français (Tesseract, par ``pytesseract``) des pages scannées et des images.

Chaque page est préparée — niveaux de gris, filtre médian contre le bruit de numérisation, redressement d'une
inclinaison de quelques degrés (profil de projection : l'angle qui rend les lignes de texte les plus nettes),
agrandissement des images de faible résolution —, puis lue par Tesseract (``fra``), qui seuille lui-même
l'image (Otsu). Les pages d'un document sont lues en parallèle (``INTERESSEMENT_OCR_PROCESSUS``, par défaut le
nombre de cœurs, au plus 4), chaque Tesseract sur un seul fil (``OMP_THREAD_LIMIT=1``). Une page à l'envers ou
couchée (confiance très basse) est retournée d'après la détection d'orientation de Tesseract puis relue.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from ..erreurs import ErreurEntree
from .lignes import Ligne

LANGUE = os.environ.get("INTERESSEMENT_OCR_LANGUE", "fra")
DELAI_PAGE_SECONDES = int(os.environ.get("INTERESSEMENT_OCR_DELAI", "180"))
DPI_CIBLE = 300
INCLINAISON_MAX = 4.0  # degrés
CONFIANCE_RETOURNER = 45.0


@dataclass
class PageOCR:
    lignes: list[Ligne] = field(default_factory=list)
    confiance: float | None = None  # moyenne des mots (0-100)
    angle: float = 0.0  # redressement appliqué (degrés)
    rotation: int = 0  # rotation d'orientation appliquée (0, 90, 180, 270)
    erreur: str | None = None


def verifier_tesseract() -> None:
    """``ErreurEntree`` en français si Tesseract ou ses données françaises manquent."""
    try:
        import pytesseract
    except ImportError as exc:  # pragma: no cover - dépendance déclarée
        raise ErreurEntree("Lecture des scans impossible : le module « pytesseract » n'est pas installé.") from exc
    try:
        langues = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise ErreurEntree("Lecture des scans impossible : Tesseract n'est pas installé sur cette machine (paquets "
                           "Debian « tesseract-ocr » et « tesseract-ocr-fra »).") from exc
    if LANGUE not in langues:
        raise ErreurEntree(f"Lecture des scans impossible : les données de la langue « {LANGUE} » de Tesseract "
                           "manquent (paquet Debian « tesseract-ocr-fra »).")


def _niveaux_de_gris(image):
    from PIL import Image, ImageOps

    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        fond = Image.new("RGB", image.size, "white")
        image = image.convert("RGBA")
        fond.paste(image, mask=image.split()[-1])
        image = fond
    return image.convert("L")


def inclinaison(image) -> float:
    """L'angle (degrés) dont tourner l'image pour que ses lignes de texte soient horizontales : celui qui
    maximise la variance du profil horizontal (somme de l'encre ligne à ligne) d'une réduction seuillée."""
    import numpy as np
    from PIL import Image

    petite = image.copy()
    petite.thumbnail((900, 900))
    a = np.asarray(petite, dtype=np.uint8)
    seuil = min(200, int(a.mean() * 0.8))
    encre = Image.fromarray(((a < seuil) * 255).astype(np.uint8))

    def score(angle: float) -> float:
        tournee = np.asarray(encre.rotate(angle, resample=Image.NEAREST, expand=False, fillcolor=0), dtype=np.float32)
        profil = tournee.sum(axis=1)
        return float(np.var(profil))

    meilleur, angle_meilleur = score(0.0), 0.0
    pas = 0.5
    for angle in np.arange(-INCLINAISON_MAX, INCLINAISON_MAX + pas / 2, pas):
        s = score(float(angle))
        if s > meilleur * 1.0001:
            meilleur, angle_meilleur = s, float(angle)
    for angle in np.arange(angle_meilleur - pas, angle_meilleur + pas + 0.01, 0.1):
        s = score(float(angle))
        if s > meilleur * 1.0001:
            meilleur, angle_meilleur = s, float(angle)
    return round(angle_meilleur, 2)


def preparer(image, dpi: float | None = None):
    """(image prête pour Tesseract, angle de redressement appliqué)."""
    from PIL import Image, ImageFilter

    gris = _niveaux_de_gris(image)
    if dpi and dpi < 150:
        facteur = min(2.0, DPI_CIBLE / dpi)
        gris = gris.resize((int(gris.width * facteur), int(gris.height * facteur)), Image.LANCZOS)
    if dpi is None or dpi >= 250:
        gris = gris.filter(ImageFilter.MedianFilter(3))
    angle = inclinaison(gris)
    if abs(angle) >= 0.2:
        gris = gris.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    return sans_filets(gris), angle


def sans_filets(gris):
    """Les filets horizontaux (trait sous un titre, bordure de tableau) effacés : collés au texte, ils font
    perdre à Tesseract la ligne entière. Une rangée de pixels sombres sur plus de la moitié de la largeur n'est
    pas du texte."""
    import numpy as np
    from PIL import Image

    a = np.asarray(gris)
    sombres = (a < 140).sum(axis=1)
    filets = np.flatnonzero(sombres > 0.5 * a.shape[1])
    if not len(filets):
        return gris
    b = a.copy()
    for y in filets:
        b[max(0, y - 1):y + 2, :] = np.maximum(b[max(0, y - 1):y + 2, :], np.where(a[y] < 140, 255, a[y]))
    return Image.fromarray(b)


def _donnees(image, config: str) -> dict:
    import pytesseract

    return pytesseract.image_to_data(image, lang=LANGUE, config=config, output_type=pytesseract.Output.DICT,
                                     timeout=DELAI_PAGE_SECONDES)


def _lignes(d: dict) -> tuple[list[Ligne], float | None]:
    groupes: dict[tuple[int, int, int], list[int]] = {}
    ordre: list[tuple[int, int, int]] = []
    confiances = []
    for i, mot in enumerate(d["text"]):
        if not (mot or "").strip():
            continue
        cle = (d["block_num"][i], d["par_num"][i], d["line_num"][i])
        if cle not in groupes:
            groupes[cle] = []
            ordre.append(cle)
        groupes[cle].append(i)
        try:
            c = float(d["conf"][i])
        except (TypeError, ValueError):
            c = -1
        if c >= 0:
            confiances.append(c)
    lignes: list[Ligne] = []
    precedent = None
    for cle in ordre:
        idx = groupes[cle]
        if precedent is not None and cle[:2] != precedent[:2]:
            lignes.append(Ligne("", 0, 0, 0, 1))  # nouveau paragraphe selon Tesseract
        precedent = cle
        x0 = min(d["left"][i] for i in idx)
        x1 = max(d["left"][i] + d["width"][i] for i in idx)
        y = min(d["top"][i] for i in idx)
        h = max(d["height"][i] for i in idx)
        lignes.append(Ligne(" ".join(d["text"][i].strip() for i in idx), float(x0), float(x1), float(y), float(h)))
    confiance = sum(confiances) / len(confiances) if confiances else None
    return lignes, confiance


def lire_page(image, dpi: float | None = None) -> PageOCR:
    """Une page (image PIL) lue par Tesseract."""
    import pytesseract

    try:
        prete, angle = preparer(image, dpi)
        config = "--oem 1 --psm 3 -c tessedit_do_invert=0"  # pas de recherche de texte en négatif : 6 % de temps
        lignes, confiance = _lignes(_donnees(prete, config))
        rotation = 0
        if confiance is None or confiance < CONFIANCE_RETOURNER:
            try:
                osd = pytesseract.image_to_osd(prete, config="--psm 0", output_type=pytesseract.Output.DICT,
                                               timeout=DELAI_PAGE_SECONDES)
                rotation = int(osd.get("rotate", 0)) % 360
            except (pytesseract.TesseractError, RuntimeError, ValueError):
                rotation = 0
            if rotation:
                tournee = prete.rotate(-rotation, expand=True, fillcolor=255)
                autres, conf2 = _lignes(_donnees(tournee, config))
                if (conf2 or 0) > (confiance or 0):
                    lignes, confiance = autres, conf2
                else:
                    rotation = 0
        return PageOCR(lignes, confiance, angle, rotation)
    except RuntimeError as exc:  # délai dépassé (pytesseract lève RuntimeError)
        return PageOCR(erreur=f"lecture interrompue après {DELAI_PAGE_SECONDES} s ({exc})")
    except pytesseract.TesseractError as exc:
        return PageOCR(erreur=f"Tesseract a échoué ({exc.message if hasattr(exc, 'message') else exc})")


def processus() -> int:
    n = os.environ.get("INTERESSEMENT_OCR_PROCESSUS")
    if n and n.isdigit() and int(n) > 0:
        return int(n)
    return max(1, min(4, os.cpu_count() or 1))


def lire_pages(images: list, dpis: list[float | None] | None = None) -> list[PageOCR]:
    """Les pages lues en parallèle (un Tesseract par page, chacun sur un seul fil)."""
    verifier_tesseract()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    dpis = dpis or [None] * len(images)
    if len(images) <= 1 or processus() == 1:
        return [lire_page(im, d) for im, d in zip(images, dpis, strict=True)]
    with ThreadPoolExecutor(max_workers=min(processus(), len(images))) as pool:
        return list(pool.map(lire_page, images, dpis))
