"""Un PDF : couche texte (``pypdfium2``) page par page, OCR des pages qui n'en ont pas d'utilisable, codes QR.

Pour chaque page on décide si sa couche texte est utilisable : assez de lettres, peu de caractères inconnus
(polices sans table Unicode), et pas une image pleine page portant bien plus que le peu de texte trouvé. Les
autres pages sont rendues à 300 dpi et lues par Tesseract, en parallèle. Les lignes qui reviennent en haut ou en
bas de la plupart des pages (en-têtes, pieds, « Page 3 sur 12 ») sont retirées du corps et gardées à part.

Limites : ``INTERESSEMENT_PDF_PAGES_MAX`` pages (300 par défaut), taille du fichier (``lire.TAILLE_MAX``),
pixels d'une page rendue. Un PDF chiffré, corrompu ou vide donne une ``ErreurEntree`` en français.
"""

from __future__ import annotations

import os
import re
from collections import Counter

from ..erreurs import ErreurEntree
from . import modele as m
from .lignes import RE_SOMMAIRE, Ligne, paragraphes_depuis_lignes
from .modele import Anomalie, Bloc, DocumentLu
from .structure import decouper

PAGES_MAX = int(os.environ.get("INTERESSEMENT_PDF_PAGES_MAX", "300"))
DPI_OCR = 300  # rendu d'une page sans image (texte vectoriel sans couche texte utilisable)
DPI_OCR_MIN = 200
DPI_QR = 150
PIXELS_MAX_PAGE = 60_000_000
LETTRES_MIN = 25
INCONNUS_MAX = 0.05
CONFIANCE_FAIBLE = 60.0


def _ouvrir(donnees: bytes, nom: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(donnees)
    except pdfium.PdfiumError as exc:
        texte = str(exc).lower()
        if "password" in texte:
            raise ErreurEntree(f"{nom} : PDF protégé par un mot de passe, illisible : fournissez-en une copie sans "
                               "protection.") from exc
        raise ErreurEntree(f"{nom} : PDF illisible ou corrompu.") from exc


_RE_EXPOSANT = re.compile(r"\b(1|I) (er|ère|re)\b")  # « 1er » dont l'exposant est un autre morceau de texte


_RE_CESURE_FIN_DE_LIGNE = re.compile("\u00ad(?=\r\n|\n|\r|$)")


def _traits_d_union(texte: str) -> str:
    """pdfium rend le trait d'union d'un mot coupé en fin de ligne par U+FFFE (« Saint[U+FFFE]Herblain ») ; un
    trait d'union conditionnel (U+00AD) en fin de ligne s'affiche aussi « - ». Un caractère pour un caractère :
    les positions des boîtes de caractères restent justes."""
    return _RE_CESURE_FIN_DE_LIGNE.sub("-", texte.replace("\ufffe", "-"))


def _lignes_texte(page) -> tuple[list[Ligne], str]:
    """Les lignes de la couche texte (texte et géométrie, y vers le bas) et le texte brut de la page."""
    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        if n <= 0:
            return [], ""
        texte = _traits_d_union(tp.get_text_range())
        hauteur_page = page.get_height()
        lignes: list[Ligne] = []
        debut = 0
        for morceau in re.split(r"(\r\n|\n|\r)", texte):
            if morceau in ("\r\n", "\n", "\r"):
                debut += len(morceau)
                continue
            contenu = _RE_EXPOSANT.sub(r"\1\2", morceau.strip())
            if contenu and len(texte) == n:
                gauche = debut + (len(morceau) - len(morceau.lstrip()))
                droite = debut + len(morceau.rstrip()) - 1
                g = tp.get_charbox(gauche)
                d = tp.get_charbox(droite)
                x0, x1 = min(g[0], d[0]), max(g[2], d[2])
                haut = max(g[3], d[3])
                bas = min(g[1], d[1])
                lignes.append(Ligne(contenu, float(x0), float(x1), float(hauteur_page - haut),
                                    float(max(1.0, haut - bas))))
            elif contenu:
                lignes.append(Ligne(contenu, 0.0, float(len(contenu)), float(len(lignes) * 12), 10.0))
            debut += len(morceau)
        return lignes, texte
    finally:
        tp.close()


def _images_de_page(page) -> tuple[float, float | None]:
    """(part de la surface de la page couverte par des images (0-1), résolution de la plus grande en dpi)."""
    import pypdfium2.raw as pdfium_c

    surface = max(1.0, page.get_width() * page.get_height())
    couverte = 0.0
    plus_grande, dpi = 0.0, None
    try:
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            g, b, d, h = obj.get_bounds()
            aire = max(0.0, d - g) * max(0.0, h - b)
            couverte += aire
            if aire > plus_grande and d - g > 1:
                plus_grande = aire
                largeur_px, _ = obj.get_px_size()
                dpi = largeur_px / ((d - g) / 72)
    except Exception:  # noqa: BLE001 - objet de page malformé : on n'en tient pas compte
        return 0.0, None
    return min(1.0, couverte / surface), dpi


def couche_texte_utilisable(texte: str, part_images: float) -> bool:
    lettres = sum(1 for c in texte if c.isalpha())
    inconnus = sum(1 for c in texte if c == "\ufffd" or (ord(c) < 32 and c not in "\r\n\t")
                   or 0xE000 <= ord(c) <= 0xF8FF)
    if lettres < LETTRES_MIN:
        return False
    if inconnus > INCONNUS_MAX * max(1, len(texte)):
        return False
    return not (part_images > 0.6 and lettres < 300)  # scan avec quelques mots tapés (tampon, en-tête)


def _cle_entete(texte: str) -> str:
    return re.sub(r"\d+", "#", " ".join(texte.lower().split()))


def separer_entetes(pages: list[list[Ligne]]) -> tuple[list[list[Ligne]], list[tuple[int, str, str]]]:
    """Retire des pages les lignes répétées en tête ou en pied de la plupart d'entre elles.

    Renvoie (pages sans ces lignes, [(page, source, texte)]) ; rien n'est retiré sous trois pages."""
    if len([p for p in pages if p]) < 3:
        return pages, []
    compte: Counter[str] = Counter()
    for lignes in pages:
        pleines = [ligne for ligne in lignes if ligne.texte.strip()]
        vus = {_cle_entete(x.texte) for x in pleines[:2] + pleines[-2:]}
        compte.update(vus)
    seuil = max(3, int(0.6 * len(pages)))
    repetees = {cle for cle, n in compte.items() if n >= seuil and len(cle) <= 200}
    if not repetees:
        return pages, []
    sorties: list[list[Ligne]] = []
    retirees: list[tuple[int, str, str]] = []
    for numero, lignes in enumerate(pages, start=1):
        pleines = [i for i, x in enumerate(lignes) if x.texte.strip()]
        bords = set(pleines[:2]) | set(pleines[-2:])
        garde = []
        for i, x in enumerate(lignes):
            if i in bords and _cle_entete(x.texte) in repetees:
                retirees.append((numero, "entete" if pleines and i in pleines[:2] else "pied", x.texte))
            else:
                garde.append(x)
        sorties.append(garde)
    return sorties, retirees


def blocs_de_pages(pages: list[list[Ligne]], largeurs: list[float | None]) -> list[Bloc]:
    pages, retirees = separer_entetes(pages)
    blocs: list[Bloc] = []
    for numero, (lignes, largeur) in enumerate(zip(pages, largeurs, strict=True), start=1):
        for p in paragraphes_depuis_lignes(lignes, largeur_page=largeur):
            blocs.append(Bloc(p, page=numero, sommaire=bool(RE_SOMMAIRE.search(p))))
    vus: set[str] = set()
    for numero, source, texte in retirees:
        cle = _cle_entete(texte)
        if cle not in vus:
            vus.add(cle)
            blocs.append(Bloc(texte, page=numero, source=source))  # type: ignore[arg-type]
    return blocs


def anomalies_ocr(resultats, numeros: list[int]) -> list[Anomalie]:
    sortie = []
    for numero, r in zip(numeros, resultats, strict=True):
        if r.erreur:
            sortie.append(Anomalie(m.TEXTE_ILLISIBLE, f"Page {numero} : {r.erreur}.", numero))
        elif not any(x.texte.strip() for x in r.lignes):
            sortie.append(Anomalie(m.PAGE_SANS_TEXTE, f"Page {numero} : aucun texte reconnu.", numero))
        elif r.confiance is not None and r.confiance < CONFIANCE_FAIBLE:
            sortie.append(Anomalie(m.TEXTE_ILLISIBLE, f"Page {numero} : texte reconnu avec une confiance faible "
                                   f"({r.confiance:.0f} %) ; relisez-la sur l'original.", numero))
    return sortie


def dpi_ocr(dpi_image: float | None) -> int:
    """Le rendu d'une page scannée à la résolution de son image (entre 200 et 300 dpi) : l'agrandir n'apporte
    rien à Tesseract et coûte du temps."""
    if dpi_image is None:
        return DPI_OCR
    return int(min(DPI_OCR, max(DPI_OCR_MIN, round(dpi_image))))


def lire_pdf(donnees: bytes, nom: str) -> DocumentLu:
    from . import ocr, qr

    pdf = _ouvrir(donnees, nom)
    try:
        n = len(pdf)
        if n == 0:
            raise ErreurEntree(f"{nom} : PDF sans aucune page.")
        if n > PAGES_MAX:
            raise ErreurEntree(f"{nom} : PDF de {n} pages ; au plus {PAGES_MAX} pages sont lues (découpez le "
                               "document ou ne gardez que l'accord et ses annexes).")
        pages: list[list[Ligne]] = [[] for _ in range(n)]
        largeurs: list[float | None] = [None] * n
        a_lire: list[int] = []
        dpis: list[float | None] = [None] * n
        avec_images: list[int] = []
        for i in range(n):
            page = pdf[i]
            try:
                lignes, texte = _lignes_texte(page)
                part, dpi_image = _images_de_page(page)
                dpis[i] = dpi_image
                if part > 0.0:
                    avec_images.append(i)
                if couche_texte_utilisable(texte, part):
                    pages[i] = lignes
                    largeurs[i] = float(page.get_width())
                else:
                    a_lire.append(i)
            finally:
                page.close()
        codes: list[str] = []
        anomalies: list[Anomalie] = []
        confiances = []
        lot = max(1, 2 * ocr.processus())  # pages rendues à la fois : mémoire bornée
        for debut in range(0, len(a_lire), lot):
            numeros = a_lire[debut:debut + lot]
            rendus = [dpi_ocr(dpis[i]) for i in numeros]
            images = [_rendre(pdf, i, d, nom) for i, d in zip(numeros, rendus, strict=True)]
            for im in images:
                codes.extend(qr.textes_qr(im))
            resultats = ocr.lire_pages(images, [float(d) for d in rendus])
            del images
            for i, r in zip(numeros, resultats, strict=True):
                pages[i] = r.lignes
                largeurs[i] = None
                if r.confiance is not None:
                    confiances.append(r.confiance)
            anomalies.extend(anomalies_ocr(resultats, [i + 1 for i in numeros]))
        for i in reversed([i for i in avec_images if i not in a_lire][-3:]):
            if qr.nos_codes(codes):
                break
            codes.extend(qr.textes_qr(_rendre(pdf, i, DPI_QR, nom)))
    finally:
        pdf.close()
    contenu, anomalies_qr = qr.decoder(codes)
    doc = DocumentLu(nom=nom, format="pdf", pages=n, ocr=bool(a_lire), pages_ocr=[i + 1 for i in a_lire],
                     confiance_ocr=round(sum(confiances) / len(confiances), 1) if confiances else None,
                     anomalies=anomalies + anomalies_qr, qr=contenu, codes_qr=qr.nos_codes(codes))
    doc.parties = decouper(blocs_de_pages(pages, largeurs))
    return doc


def _rendre(pdf, i: int, dpi: int, nom: str):
    page = pdf[i]
    try:
        largeur, hauteur = page.get_size()
        echelle = dpi / 72
        if largeur * hauteur * echelle * echelle > PIXELS_MAX_PAGE:
            echelle = (PIXELS_MAX_PAGE / max(1.0, largeur * hauteur)) ** 0.5
        if echelle * max(largeur, hauteur) < 50:
            raise ErreurEntree(f"{nom} : page {i + 1} de dimensions invalides.")
        return page.render(scale=echelle, grayscale=True).to_pil()
    finally:
        page.close()
