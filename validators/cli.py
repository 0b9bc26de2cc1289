"""Les commandes du vérificateur : ``interessement valider`` et ``interessement regles``.

``interessement valider CHEMIN... [--versement FICHIER] [--date-reference AAAA-MM-JJ]
[--format texte|json|csv] [--sortie FICHIER] [--progression] [--sans-simulation] [--details]
[--processus N | --dask ADRESSE] [--cache DOSSIER | --sans-cache]``

Un lot est traité sur tous les cœurs (``--processus N``) ou sur un planificateur Dask (``--dask``), les résultats
réunis dans le même rapport, dans l'ordre des fichiers ; un lot relancé ne retraite pas les fichiers déjà traités
(cache par empreinte du contenu : voir ``interessement/lots.py`` et ``docs/lots.md``).

CHEMIN : un accord JSON, un texte d'accord (.docx, .odt, .pdf avec couche texte ou scanné, image, .txt), ou un
dossier parcouru récursivement (``*.json`` sauf ``*.versement.json``, ``*.docx``, ``*.odt``, ``*.pdf``, ``*.txt``,
images ; les fichiers cachés et les fichiers de verrou de Word ``~$…`` sont ignorés). Chaque fichier illisible
donne une ligne française et le lot continue ; une barre de progression s'affiche sur un terminal.
Code de sortie : 0 conforme ; 1 si un accord a un constat bloquant ; 2 si le validateur ne peut pas décider
(un accord indéterminé ou « à vérifier », ou un fichier illisible : dans un lot, un fichier illisible donne 2).

``valider_fichier`` (le traitement d'un fichier du lot, résultat JSON) et ``controler_fichier(chemin,
date_reference=None, simulation=True)`` (le ``Rapport`` ou l'``Illisible`` d'un fichier, sans jamais lever
d'exception) sont des fonctions de module dont les résultats se sérialisent (pickle).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from interessement.assainir import EcrivainTableur, FluxPropre
from interessement.cli import date_iso
from interessement.entrees import erreur_ecriture, raison_systeme, verifier_sortie
from interessement.erreurs import ErreurEntree
from interessement.lots import ajouter_options, cache_de, executer_lot, options_valides
from interessement.modele import Versement, charger_accord, charger_versement

from .moteur import valider
from .resultats import (
    A_VERIFIER,
    AVERTISSEMENT,
    BLOQUANT,
    ENTETES_CSV,
    INDETERMINE,
    NON_CONFORME,
    Rapport,
    Synthese,
    ligne_csv_illisible,
    synthese_texte,
)

CODE_CONFORME = 0
CODE_BLOQUANT = 1
CODE_ENTREE = 2
CODE_A_VERIFIER = 2  # ne peut pas décider sur les données seules : même code que « indéterminé »
SUFFIXE_VERSEMENT = ".versement.json"
LARGEUR_BARRE = 30
ETAPES_AFFICHEES = 200



@dataclass
class Illisible:
    source: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"fichier": self.source, "erreur": self.message}


#: Les textes d'accord lus dans un dossier (les anciens formats .doc et .rtf y sont inclus pour que le lot dise,
#: en français, comment les convertir).
EXTENSIONS_TEXTES = (".docx", ".docm", ".odt", ".pdf", ".txt", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp",
                     ".webp", ".doc", ".rtf")


def _est_candidat(p: Path) -> bool:
    nom = p.name.lower()
    if nom.startswith((".", "~$")):
        return False  # fichier caché, fichier de verrou de Word
    return (nom.endswith(".json") and not nom.endswith(SUFFIXE_VERSEMENT)) or nom.endswith(EXTENSIONS_TEXTES)


def _parcourir(dossier: Path, exclus: set[Path]) -> tuple[list[Path], list[Illisible]]:
    """Les fichiers candidats d'un dossier (récursivement, triés) et les sous-dossiers illisibles : un dossier
    qu'on ne peut pas ouvrir est dit (« accès refusé »), jamais sauté en silence comme le fait ``Path.rglob``."""
    trouves: list[Path] = []
    illisibles: list[Illisible] = []

    def refus(exc: OSError) -> None:
        chemin = exc.filename if exc.filename is not None else str(dossier)
        illisibles.append(Illisible(str(chemin), f"{chemin} : dossier illisible ({raison_systeme(exc)}) ; ses "
                                                 "accords n'ont pas été vérifiés."))

    for racine, dossiers, fichiers in os.walk(dossier, onerror=refus):
        dossiers.sort()
        for nom in fichiers:
            x = Path(racine) / nom
            if _est_candidat(x) and x.is_file() and _absolu(x) not in exclus:
                trouves.append(x)
    return sorted(trouves), illisibles


def _absolu(p: Path) -> Path:
    try:
        return p.resolve()
    except OSError:
        return p.absolute()


def fichiers_a_valider(chemins: list[str], exclus: Iterable[str | Path] = ()) -> Iterator[Path | Illisible]:
    """Les fichiers à valider, dans l'ordre donné (dossiers parcourus récursivement, triés) ; ``exclus`` : des
    fichiers à ne jamais prendre (le rapport en cours d'écriture dans le dossier vérifié)."""
    ecartes = {_absolu(Path(x)) for x in exclus}
    for texte in chemins:
        p = Path(texte)
        if p.is_dir():
            trouves, illisibles = _parcourir(p, ecartes)
            yield from illisibles
            if not trouves and not illisibles:
                yield Illisible(texte, f"{texte} : aucun accord (.json, .docx, .odt, .pdf, .txt ou image) dans ce "
                                       "dossier.")
            yield from trouves
        elif p.exists():
            yield p
        else:
            yield Illisible(texte, f"{texte} : fichier ou dossier introuvable.")



def lire(chemin: Path, contenu: bytes | None = None) -> tuple[Any, Any]:
    """(accord, contrôle du document) d'un fichier JSON ou .docx ; ``ErreurEntree`` en français sinon.
    ``contenu`` : les octets du fichier quand ils ont été lus ailleurs (travailleur Dask)."""
    nom = chemin.name.lower()
    source: Path | bytes = chemin if contenu is None else contenu
    if nom.endswith(".docx"):
        try:
            from interessement.documents import controler_document, lire_accord
        except ImportError:
            raise ErreurEntree(f"{chemin} : la lecture des documents .docx n'est pas disponible dans cette "
                               "installation ; validez le fichier JSON de l'accord.") from None
        accord = lire_accord(source)
        return accord, controler_document(source)
    if nom.endswith(".json"):
        return charger_accord(source, str(chemin)), None
    raise ErreurEntree(f"{chemin} : format non reconnu (un accord .json ou un document .docx est attendu).")


def lire_et_controler(chemin: Path, date_reference: Any = None, contenu: bytes | None = None) -> Rapport:
    """Un texte d'accord (Word, PDF, scan, image, .odt, .txt) lu puis contrôlé sur les faits lus ; pour un .docx
    produit par ce projet, le texte fait foi et ses écarts avec les données embarquées sont listés."""
    from interessement.lecture.controle import controler_texte
    from interessement.lecture.ouvrir import ouvrir

    chemin = Path(chemin)
    source: Path | bytes = chemin if contenu is None else contenu
    doc = ouvrir(source, chemin.name)
    # Le contrôle partagé avec ``lire`` et la page « Vérifier » : intégrité d'un .docx produit ici comprise ; pour
    # un texte écrit ailleurs, ce que la loi n'admet plus s'apprécie au jour du contrôle.
    rapport = controler_texte(doc, source, date_reference, nom=str(chemin))
    rapport.source = str(chemin)
    return rapport


def controler_fichier(chemin: str | Path, date_reference: date | None = None, simulation: bool = True,
                      versement: Versement | None = None) -> Rapport | Illisible:
    """Le contrôle d'un fichier (accord JSON, texte d'accord, .docx produit ici) : un ``Rapport``, ou un
    ``Illisible`` avec son message français — jamais une exception, pour qu'un fichier n'arrête pas un lot.
    Fonction de module, arguments et résultat sérialisables (pickle) : un lot peut la répartir sur plusieurs
    cœurs."""
    chemin = Path(chemin)
    try:
        if not chemin.name.lower().endswith(".json"):
            return lire_et_controler(chemin, date_reference)
        accord, document = lire(chemin)
        rapport = valider(accord, date_reference, versement, document, simulation=simulation)
        rapport.source = str(chemin)
        return rapport
    except ErreurEntree as exc:
        return Illisible(str(chemin), str(exc))
    except MemoryError:
        return Illisible(str(chemin), f"{chemin} : fichier trop volumineux pour être lu en mémoire.")
    except Exception as exc:  # noqa: BLE001 - un fichier hostile ne doit pas arrêter le lot
        return Illisible(str(chemin), f"{chemin} : fichier illisible ({type(exc).__name__} : {exc}).")


@lru_cache(maxsize=4)
def _versement_charge(nom: str, texte: str) -> Versement:
    return charger_versement(texte.encode("utf-8"), nom)


def valider_fichier(source: str, options: dict[str, Any], contenu: bytes | None = None) -> dict[str, Any]:
    """Le traitement d'un fichier du lot (dans un processus ou un travailleur Dask) : le rapport déjà rendu dans
    le format demandé, son statut et ses règles pour la synthèse (résultat JSON, gardé en cache)."""
    chemin = Path(source)
    date_reference = date.fromisoformat(options["date_reference"]) if options.get("date_reference") else None
    versement_utilise = False
    if not chemin.name.lower().endswith(".json"):
        rapport = lire_et_controler(chemin, date_reference, contenu)
    else:
        accord, document = lire(chemin, contenu)
        versement = None
        if options.get("versement"):
            versement = _versement_charge(options["versement"]["nom"], options["versement"]["texte"])
        v = _versement_pour(versement, accord, options.get("seul", False))
        versement_utilise = v is not None
        rapport = valider(accord, date_reference, v, document, simulation=not options.get("sans_simulation"))
        rapport.source = source
    format_ = options.get("format", "texte")
    if format_ == "json":
        rendu: Any = rapport.to_dict()
    elif format_ == "csv":
        rendu = rapport.lignes_csv()
    else:
        rendu = rapport.en_texte(details=bool(options.get("details")))
    return {"statut": rapport.statut, "regles": sorted(rapport.ids(BLOQUANT, AVERTISSEMENT)), "rendu": rendu,
            "versement_utilise": versement_utilise}


class Progression:
    """Barre de progression sur la sortie d'erreur (seulement si c'est un terminal, ou sur demande)."""

    def __init__(self, total: int, flux: TextIO, active: bool):
        self.total = total
        self.flux = flux
        self.active = active and total > 1
        self.fait = 0

    def avancer(self) -> None:
        self.fait += 1
        if not self.active or (self.fait % max(1, self.total // ETAPES_AFFICHEES) and self.fait != self.total):
            return
        plein = LARGEUR_BARRE * self.fait // self.total
        self.flux.write(f"\r[{'#' * plein}{'.' * (LARGEUR_BARRE - plein)}] {self.fait}/{self.total} fichiers")
        if self.fait == self.total:
            self.flux.write("\n")
        self.flux.flush()


def _versement_pour(versement: Versement | None, accord: Any, seul: bool) -> Versement | None:
    """Le versement s'applique à l'accord dont l'identifiant est le sien (ou au seul accord validé quand l'un
    des deux identifiants manque)."""
    if versement is None:
        return None
    cible = versement.accord_identifiant
    if cible is not None and accord.identifiant is not None:
        return versement if cible == accord.identifiant else None
    return versement if seul else None


class _Ecrivain:
    """Écrit le rapport au fil de l'eau (texte, JSON ou CSV) : un lot de 10 000 accords n'est pas gardé en
    mémoire sous forme de rapports complets ; seule la synthèse l'est."""

    def __init__(self, flux: TextIO, format_: str, details: bool):
        flux = FluxPropre(flux)  # type: ignore[assignment] - ni séquence d'échappement ni demi-paire UTF-16
        self.flux = flux
        self.format = format_
        self.details = details
        self.premier = True
        self.csv = EcrivainTableur(flux, delimiter=";", lineterminator="\n")
        if format_ == "json":
            flux.write('{\n  "rapports": [')
        elif format_ == "csv":
            self.csv.writerow(ENTETES_CSV)

    def rapport(self, rendu: Any) -> None:
        """Un rapport déjà rendu par ``valider_fichier`` (dictionnaire, lignes CSV ou texte)."""
        if self.format == "json":
            # Un rapport par ligne dans un lot (encodeur C de json, bien plus rapide) ; indenté pour un seul accord.
            if self.details:
                texte = json.dumps(rendu, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            else:
                texte = json.dumps(rendu, ensure_ascii=False)
            self.flux.write(("\n    " if self.premier else ",\n    ") + texte)
        elif self.format == "csv":
            self.csv.writerows(rendu)
        else:
            self.flux.write(("" if self.premier else "\n\n") + rendu)
        self.premier = False

    def fin(self, illisibles: list[Illisible], resume: dict[str, Any], synthese_lot: bool) -> None:
        if self.format == "json":
            self.flux.write(("]" if self.premier else "\n  ]") + ',\n  "illisibles": ')
            self.flux.write(json.dumps([i.to_dict() for i in illisibles], ensure_ascii=False))
            self.flux.write(',\n  "synthese": ' + json.dumps(resume, ensure_ascii=False) + "\n}\n")
            return
        if self.format == "csv":
            self.csv.writerows(ligne_csv_illisible(i.source, i.message) for i in illisibles)
            return
        blocs = [f"Fichier illisible : {i.message}" for i in illisibles]
        if synthese_lot:
            blocs.append(synthese_texte(resume))
        if blocs:
            self.flux.write(("" if self.premier else "\n\n") + "\n\n".join(blocs))
        self.flux.write("\n")


def executer(args: argparse.Namespace, sortie: TextIO | None = None, erreurs: TextIO | None = None) -> int:
    erreurs = erreurs or sys.stderr
    illisibles: list[Illisible] = []
    versement = None
    versement_brut = None
    options_valides(args)
    if args.versement:
        try:
            versement = charger_versement(args.versement)
            versement_brut = {"nom": args.versement,
                              "texte": Path(args.versement).read_bytes().decode("utf-8-sig")}
        except ErreurEntree as exc:
            illisibles.append(Illisible(args.versement, f"versement illisible : {exc}"))
    verifier_sortie(args.sortie, [*args.chemins, args.versement])
    elements = list(fichiers_a_valider(args.chemins, [args.sortie] if args.sortie else []))
    fichiers = [e for e in elements if isinstance(e, Path)]
    illisibles += [e for e in elements if isinstance(e, Illisible)]
    seul = len(fichiers) == 1
    lot = len(elements) > 1
    progression = Progression(len(fichiers), erreurs, args.progression or erreurs.isatty())
    synthese_lot = Synthese()
    versement_utilise = False
    fichier_sortie = None
    if args.sortie:
        encodage = "utf-8-sig" if args.format == "csv" else "utf-8"
        try:
            fichier_sortie = open(args.sortie, "w", encoding=encodage, newline="")  # noqa: SIM115 - fermé plus bas
        except OSError as exc:
            raise erreur_ecriture("--sortie", args.sortie, exc) from None
    try:
        ecrivain = _Ecrivain(fichier_sortie or sortie or sys.stdout, args.format, args.details or not lot)
        options: dict[str, Any] = {
            "date_reference": args.date_reference.isoformat() if args.date_reference else None,
            "sans_simulation": bool(args.sans_simulation), "format": args.format,
            "details": bool(args.details or not lot), "seul": seul,
            "versement": versement_brut if versement is not None else None,
        }
        if any(not f.name.lower().endswith(".json") for f in fichiers) and not args.date_reference:
            options["jour"] = date.today().isoformat()  # un texte écrit ailleurs s'apprécie au jour du contrôle
        for source, resultat in executer_lot([str(f) for f in fichiers], valider_fichier, options,
                                             processus=args.processus, dask=args.dask, cache=cache_de(args),
                                             avancer=progression.avancer):
            if "erreur" in resultat:
                illisibles.append(Illisible(source, resultat["erreur"]))
                continue
            versement_utilise = versement_utilise or resultat["versement_utilise"]
            synthese_lot.ajouter_statut(resultat["statut"], resultat["regles"])
            ecrivain.rapport(resultat["rendu"])
        if versement is not None and not versement_utilise and fichiers:
            illisibles.append(Illisible(
                args.versement, f"{args.versement} : aucun accord ne correspond à ce versement "
                f"(accord_identifiant « {versement.accord_identifiant} »)."))
        for _ in illisibles:
            synthese_lot.ajouter_illisible()
        ecrivain.fin(illisibles, synthese_lot.to_dict(), lot)
    finally:
        if fichier_sortie is not None:
            fichier_sortie.close()
    for i in illisibles:
        erreurs.write(f"Illisible : {i.message}\n")
    if illisibles:
        return CODE_ENTREE
    if synthese_lot.statuts.get(NON_CONFORME):
        return CODE_BLOQUANT
    if synthese_lot.statuts.get(INDETERMINE):
        n = synthese_lot.statuts[INDETERMINE]
        erreurs.write(f"{n} accord(s) au statut INDÉTERMINÉ : des règles n'ont pas pu être appliquées "
                      "(données manquantes ou dates hors période modélisée) ; le rapport dit lesquelles et pourquoi.\n")
        return CODE_ENTREE
    if synthese_lot.statuts.get(A_VERIFIER):
        n = synthese_lot.statuts[A_VERIFIER]
        erreurs.write(f"{n} accord(s) au statut À VÉRIFIER : un point que les données ne montrent pas doit être lu "
                      "dans le texte signé ou les pièces (par exemple un document modifié après sa génération) ; "
                      "le rapport dit quoi chercher.\n")
        return CODE_A_VERIFIER
    return CODE_CONFORME


def _cmd_valider(args: argparse.Namespace) -> int:
    return executer(args)


def _cmd_regles(args: argparse.Namespace) -> int:
    from .catalogue import catalogue_json, catalogue_markdown

    texte = catalogue_json() if args.format == "json" else catalogue_markdown()
    if args.sortie:
        try:
            Path(args.sortie).write_text(texte, encoding="utf-8")
        except OSError as exc:
            raise erreur_ecriture("--sortie", args.sortie, exc) from None
    else:
        sys.stdout.write(texte)
    return 0


def ajouter_commandes(sous: Any) -> None:
    p = sous.add_parser(
        "valider", help="Vérifie des accords (JSON, Word, PDF, scans, dossier) et, le cas échéant, un versement",
        description="Applique toutes les règles de REGLES.md à chaque accord et donne un rapport expliqué.",
    )
    p.add_argument("chemins", nargs="+", metavar="CHEMIN",
                   help="accord JSON, texte d'accord (.docx, .odt, .pdf, scan, image, .txt), ou dossier (parcouru "
                        "récursivement)")
    p.add_argument("--versement", metavar="FICHIER",
                   help="fichier de versement JSON à contrôler au centime (avec un seul accord, ou celui dont "
                        "l'identifiant correspond)")
    p.add_argument("--date-reference", metavar="AAAA-MM-JJ", type=date_iso, default=None,
                   help="date à laquelle se placer (par défaut : date de dépôt de chaque accord, sinon de "
                        "conclusion, pour un JSON comme pour un document produit ici dont les données sont lues — "
                        "partie embarquée d'un .docx, codes QR d'un PDF ; aujourd'hui pour un texte écrit ailleurs)")
    p.add_argument("--format", choices=["texte", "json", "csv"], default="texte")
    p.add_argument("--sortie", metavar="FICHIER", help="fichier où écrire le rapport")
    p.add_argument("--progression", action="store_true",
                   help="affiche la progression même si la sortie d'erreur n'est pas un terminal")
    p.add_argument("--sans-simulation", action="store_true",
                   help="ALEA_FAIBLE sans Monte-Carlo (back-test seul) : plus rapide sur de gros lots")
    p.add_argument("--details", action="store_true",
                   help="rapport détaillé de chaque accord même dans un lot")
    ajouter_options(p)
    p.set_defaults(fonction=_cmd_valider)

    p = sous.add_parser("regles", help="Catalogue des règles du validateur (Markdown ou JSON)")
    p.add_argument("--format", choices=["md", "json"], default="md")
    p.add_argument("--sortie", metavar="FICHIER")
    p.set_defaults(fonction=_cmd_regles)
