"""Lecture d'un texte brut (.txt), dont le format du corpus de textes réels (KALI) :

- quatre lignes d'en-tête : titre, « IDCC … », « Source: … », adresse Légifrance ;
- ``##`` (``###``…) pour les titres de sections ;
- « Article N — intitulé » pour les articles, « Article » seul pour un article sans numéro de la base KALI ;
- les tableaux aplatis en lignes ``| cellule | cellule``, une cellule pouvant s'étendre sur plusieurs lignes.

Un texte brut quelconque est lu ligne par ligne ; s'il est coupé à largeur fixe (sortie de ``pdftotext``, courriel),
les lignes sont recollées en paragraphes. Un saut de page (``\\f``) change de page.
"""

from __future__ import annotations

import re

from .lignes import Ligne, paragraphes_depuis_lignes
from .modele import Bloc

_RE_TITRE = re.compile(r"^(#{1,6})\s+(.*)$")
_MAX_LIGNES_ENTRE_RANGEES = 8


def decoder_texte(donnees: bytes) -> str:
    """UTF-8 (avec ou sans BOM), sinon Windows-1252 (les textes français des vieux logiciels)."""
    if donnees.startswith(b"\xef\xbb\xbf"):
        donnees = donnees[3:]
    for encodage in ("utf-8", "cp1252"):
        try:
            return donnees.decode(encodage)
        except UnicodeDecodeError:
            continue
    return donnees.decode("latin-1")


def _entete_corpus(lignes: list[str]) -> tuple[dict[str, str], int] | None:
    """(métadonnées, nombre de lignes d'en-tête) si le texte a l'en-tête du corpus KALI."""
    if len(lignes) < 4 or not lignes[0].strip():
        return None
    meta: dict[str, str] = {}
    fin = 1
    for i in range(1, min(len(lignes), 7)):
        ligne = lignes[i].strip()
        if ligne.startswith("IDCC"):
            meta["idcc_ligne"] = ligne
            m = re.match(r"IDCC\s+(\d+)", ligne)
            if m:
                meta["idcc"] = m.group(1)
        elif ligne.startswith("Source:"):
            meta["source"] = ligne[len("Source:"):].strip()
        elif ligne.startswith(("http://", "https://")):
            meta["url"] = ligne
        elif ligne:
            break
        fin = i + 1
    if "idcc_ligne" not in meta or "source" not in meta:
        return None
    return meta, fin


def _cellules(ligne: str) -> list[str]:
    """« | a | b » → ["a", "b"] (une ligne de continuation « b | c » → ["b", "c"])."""
    contenu = ligne[1:] if ligne.startswith("|") else ligne
    return [c.strip() for c in contenu.split("|")]


def _tableau(lignes: list[tuple[str, int | None]], debut: int) -> tuple[Bloc, int]:
    """Le tableau qui commence à ``debut`` et l'indice de la première ligne après lui.

    Les lignes entre deux rangées (« | … ») prolongent la dernière cellule de la rangée précédente, puis
    ouvrent des cellules à chaque « | ». Après la dernière rangée, on ne prolonge la rangée que tant qu'elle a
    moins de cellules que le tableau n'a de colonnes.
    """
    # rangées : indices des lignes « | » ; le tableau s'étend tant que la rangée suivante est proche
    indices = [debut]
    i = debut + 1
    entre = 0
    while i < len(lignes):
        texte = lignes[i][0].strip()
        if texte.startswith("|"):
            indices.append(i)
            entre = 0
        elif texte:
            if _RE_TITRE.match(texte) or re.match(r"^article\b", texte, re.IGNORECASE):
                break
            entre += 1
            if entre > _MAX_LIGNES_ENTRE_RANGEES:
                break
        i += 1
    rangees: list[list[str]] = []
    fin = indices[-1] + 1
    for n, j in enumerate(indices):
        rangee = _cellules(lignes[j][0].strip())
        limite = indices[n + 1] if n + 1 < len(indices) else None
        k = j + 1
        while k < len(lignes) and (limite is None or k < limite):
            texte = lignes[k][0].strip()
            if limite is None:
                colonnes = max((len(r) for r in rangees), default=0)
                if not texte:
                    k += 1
                    continue
                if len(rangee) >= colonnes or _RE_TITRE.match(texte):
                    break
            if texte:
                morceaux = [c.strip() for c in texte.split("|")]
                rangee[-1] = (rangee[-1] + " " + morceaux[0]).strip()
                rangee.extend(morceaux[1:])
            k += 1
        if limite is None:
            fin = k
        rangees.append(rangee)
    return Bloc("", page=lignes[debut][1], lignes=rangees, source="tableau"), fin


def _coupe_a_largeur_fixe(lignes: list[str]) -> bool:
    pleines = [len(x) for x in lignes if x.strip()]
    if len(pleines) < 20:
        return False
    vides = sum(1 for x in lignes if not x.strip())
    longues = sorted(pleines)[len(pleines) // 2]
    return 40 <= longues <= 110 and max(pleines) <= 140 and vides < len(pleines) * 0.5


def lire_texte(donnees: bytes) -> tuple[list[Bloc], dict[str, str], int | None]:
    """(blocs, métadonnées, nombre de pages si le texte a des sauts de page)."""
    texte = decoder_texte(donnees).replace("\r\n", "\n").replace("\r", "\n")
    pages_texte = texte.split("\f")
    avec_pages = len(pages_texte) > 1
    lignes: list[tuple[str, int | None]] = []
    for n, page in enumerate(pages_texte, start=1):
        for ligne in page.split("\n"):
            lignes.append((ligne.rstrip(), n if avec_pages else None))
    brutes = [x for x, _ in lignes]
    meta: dict[str, str] = {}
    blocs: list[Bloc] = []
    debut = 0
    entete = _entete_corpus(brutes)
    if entete is not None:
        meta, debut = entete
        blocs.append(Bloc(brutes[0].strip(), page=lignes[0][1], niveau_titre=0))
    if entete is None and _coupe_a_largeur_fixe(brutes[debut:]):
        # texte coupé à largeur fixe : lignes recollées en paragraphes, page par page
        largeur = max(len(x) for x in brutes)
        par_page: dict[int | None, list[Ligne]] = {}
        for y, (ligne, page) in enumerate(lignes[debut:]):
            if ligne.strip():
                retrait = len(ligne) - len(ligne.lstrip())
                par_page.setdefault(page, []).append(Ligne(ligne.strip(), float(retrait), float(len(ligne)),
                                                           float(y), 1.0))
            else:
                par_page.setdefault(page, []).append(Ligne("", 0.0, 0.0, float(y), 1.0))
        for page, ls in par_page.items():
            for p in paragraphes_depuis_lignes(ls, largeur_page=float(largeur)):
                blocs.append(Bloc(p, page=page))
        return blocs, meta, len(pages_texte) if avec_pages else None
    i = debut
    while i < len(lignes):
        ligne, page = lignes[i]
        brut = ligne.strip()
        if not brut:
            i += 1
            continue
        m = _RE_TITRE.match(brut)
        if m:
            blocs.append(Bloc(m.group(2).strip(), page=page, niveau_titre=len(m.group(1))))
            i += 1
            continue
        if brut.startswith("|"):
            bloc, i = _tableau(lignes, i)
            blocs.append(bloc)
            continue
        blocs.append(Bloc(brut, page=page))
        i += 1
    return blocs, meta, len(pages_texte) if avec_pages else None
