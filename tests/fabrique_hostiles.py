"""Entrées hostiles fabriquées à la volée (issue 13) : aucune n'est un gros fichier du dépôt.

Utilisées par tests/test_bornes_entrees.py (petites tailles) et bench/bench_limites.py (le pire de chaque famille).
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
EXEMPLE = RACINE / "examples" / "sas-30-part-resultat.json"
VERSEMENT = RACINE / "examples" / "sas-30-part-resultat.versement.json"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
         'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
             '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
             '<sheet name="Salariés" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                  'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                  'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
_ENTETE = '<c r="A1" t="inlineStr"><is><t>Matricule</t></is></c><c r="B1" t="inlineStr"><is><t>Salaire brut</t></is></c>' \
          '<c r="C1" t="inlineStr"><is><t>Jours inscrits</t></is></c>'


def xlsx(feuille_xml: str | bytes, remplissage: int = 0) -> bytes:
    """Un classeur XLSX minimal (écrit à la main) dont la première feuille est ``feuille_xml`` suivie de
    ``remplissage`` espaces (écrits par morceaux : une bombe de plusieurs gigaoctets ne passe pas en mémoire)."""
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(feuille_xml.encode() if isinstance(feuille_xml, str) else feuille_xml)
            morceau = b" " * 4_000_000
            while remplissage > 0:
                f.write(morceau[:remplissage])
                remplissage -= len(morceau)
    return tampon.getvalue()


def _feuille(lignes: str, dimension: str = "A1:C2") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            f'2006/main"><dimension ref="{dimension}"/><sheetData>{lignes}</sheetData></worksheet>')


def xlsx_bombe(octets_decompresses: int) -> bytes:
    """Une « bombe ZIP » : une feuille valide suivie d'espaces, qui se comprime plus de 1 000 fois."""
    debut = _feuille(f'<row r="1">{_ENTETE}</row><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>100</v></c>'
                     '<c r="C2"><v>365</v></c></row>').encode()
    return xlsx(debut, max(0, octets_decompresses - len(debut)))


def xlsx_cellule_lointaine(ligne: int = 5_000_000, colonne: str = "C") -> bytes:
    """Une feuille qui annonce une seule cellule très loin (et des dimensions démesurées)."""
    return xlsx(_feuille(f'<row r="1">{_ENTETE}</row><row r="{ligne}"><c r="{colonne}{ligne}"><v>1</v></c></row>',
                         dimension=f"A1:XFD{ligne}"))


def xlsx_salaries(n: int) -> bytes:
    """Un vrai classeur de ``n`` salariés (en-tête et trois colonnes)."""
    rangs = [f'<row r="1">{_ENTETE}</row>']
    for i in range(n):
        r = i + 2
        rangs.append(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>M{i}</t></is></c><c r="B{r}"><v>3250000</v></c>'
                     f'<c r="C{r}"><v>365</v></c></row>')
    return xlsx(_feuille("".join(rangs), dimension=f"A1:C{n + 1}"))


def csv_salaries(n: int) -> bytes:
    lignes = ["Matricule;Nom;Salaire brut;Jours inscrits"] + [f"M{i};Nom {i};32500,00;365" for i in range(n)]
    return ("\n".join(lignes) + "\n").encode()


def csv_lignes_minuscules(octets: int) -> bytes:
    """Un CSV de lignes d'un caractère (le plus de lignes pour une taille donnée)."""
    entete = b"Matricule;Salaire brut;Jours inscrits\n"
    return entete + b"1\n" * ((octets - len(entete)) // 2)


def csv_colonnes(n: int) -> bytes:
    return ("Matricule;Salaire brut;Jours inscrits;" + ";".join(f"c{i}" for i in range(n)) + "\nM1;1;1\n").encode()


def accord() -> dict:
    return json.loads(EXEMPLE.read_text(encoding="utf-8"))


def versement() -> dict:
    return json.loads(VERSEMENT.read_text(encoding="utf-8"))


def accord_avec(modification: dict[tuple, object]) -> dict:
    """L'accord d'exemple où chaque chemin (clés et indices) reçoit la valeur donnée."""
    donnees = copy.deepcopy(accord())
    for chemin, valeur in modification.items():
        cible = donnees
        for cle in chemin[:-1]:
            cible = cible[cle]
        cible[chemin[-1]] = valeur
    return donnees


def csv_salaries_reel(n: int, graine: int = 13) -> bytes:
    """Un export de paie tel qu'Excel (français) l'enregistre : en-têtes naturels, « ; », virgule décimale, espaces
    de milliers, dates JJ/MM/AAAA, cellules vides, temps partiel en fraction ou en pourcentage, UTF-8 avec BOM."""
    import random

    rng = random.Random(graine)
    lignes = ["Matricule;Nom;Prénom;Salaire brut (€);Jours d'inscription;Absences maladie (jours);"
              "Congé maternité (jours);Temps de travail;Date d'entrée;Date de sortie"]
    for i in range(n):
        centimes = rng.randrange(1_500_000, 9_000_000)
        euros = f"{centimes // 100:,}".replace(",", "\u00a0" if i % 3 else " ") + f",{centimes % 100:02d}"
        jours = rng.choice((365, 365, 365, 180, 92))
        maladie = rng.choice(("", "0", "3", "12"))
        temps = rng.choice(("1", "1", "0,8", "80 %", ""))
        entree = f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/{rng.randrange(1990, 2026)}"
        sortie = "" if i % 10 else "30/06/2026"
        lignes.append(f"M{i:06d};Nom{i};Prénom {i % 97};{euros};{jours};{maladie};;{temps};{entree};{sortie}")
    return ("\ufeff" + "\r\n".join(lignes) + "\r\n").encode("utf-8")
