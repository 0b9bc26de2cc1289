"""Rendu des modèles Word : docxtpl (prétraitement des balises) et Jinja2 (StrictUndefined, échappement XML).

Un modèle est lu et compilé une seule fois (cache par chemin et date de modification) : docxtpl nettoie ses
balises (``patch_xml`` : balises coupées entre plusieurs « runs », ``{%p %}`` et ``{%tr %}`` qui retirent leur
paragraphe ou leur ligne), Jinja2 compile le XML obtenu avec ``StrictUndefined`` (une variable inconnue est une
erreur, jamais un blanc silencieux) et ``autoescape=True`` (« Dupont & Fils » ou « <script> » deviennent du
texte, jamais du XML). Le rendu d'un document ne refait donc que l'exécution du gabarit et l'écriture de
l'archive : quelques millisecondes, ce qui permet de produire des milliers de fiches individuelles.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import os
import re
import sys
import threading
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import docxtpl
import jinja2
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, TemplateError
from lxml import etree

from .. import format as fmt
from ..erreurs import ErreurEntree
from .typographie import garder_les_annonces, nettoyer, typographie_xml

#: Dossier des modèles Word (``templates/`` à la racine du dépôt) ; ``INTERESSEMENT_MODELES`` le remplace.
REPERTOIRE_MODELES = Path(os.environ.get("INTERESSEMENT_MODELES")
                          or Path(__file__).resolve().parents[2] / "templates")

FICHIERS = {
    "accord": "accord.docx",
    "note_information": "note_information.docx",
    "fiche_individuelle": "fiche_individuelle.docx",
    "liste_depot": "liste_depot.docx",
}

_PARTIES_RENDUES = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml|docProps/core\.xml")
_ECHAPPEMENTS = {"{_{": "{{ '{{' }}", "}_}": "{{ '}}' }}", "{_%": "{{ '{%' }}", "%_}": "{{ '%}' }}"}


class ErreurModele(ErreurEntree):
    """Modèle Word introuvable ou invalide (par exemple une variable inconnue après une modification)."""


def analyseur_sur() -> etree.XMLParser:
    """Analyseur XML sans entités, sans DTD, sans réseau (protection contre les documents hostiles)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=False)


def environnement() -> Environment:
    env = Environment(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True)
    env.filters.update({
        "montant": fmt.montant,
        "date_longue": lambda d: fmt.date_longue(d) if isinstance(d, date) else d,
        "pourcentage": fmt.pourcentage,
        "nombre": fmt.nombre,
    })
    return env


def nettoyer_contexte(valeur: Any) -> Any:
    """Retire de toutes les chaînes du contexte les caractères interdits en XML (contrôles, non-caractères)."""
    if isinstance(valeur, str):
        return nettoyer(valeur)
    if isinstance(valeur, Mapping):
        return {k: nettoyer_contexte(v) for k, v in valeur.items()}
    if isinstance(valeur, list | tuple):
        return [nettoyer_contexte(v) for v in valeur]
    if isinstance(valeur, Decimal | int | float | bool | date) or valeur is None:
        return valeur
    return valeur


@dataclass
class Modele:
    """Un modèle Word compilé : les parties de l'archive et les gabarits Jinja des parties à rendre."""

    nom: str
    chemin: Path
    entrees: list[tuple[zipfile.ZipInfo, bytes]]
    gabarits: dict[str, Any]
    docxtpl: DocxTemplate

    @classmethod
    def charger(cls, chemin: Path) -> Modele:
        if not chemin.is_file():
            raise ErreurModele(
                f"Modèle Word introuvable : {chemin}. Reconstruisez les modèles avec "
                "« python templates/construire_modeles.py »."
            )
        tpl = DocxTemplate(chemin)
        env = environnement()
        with zipfile.ZipFile(chemin) as archive:
            entrees = [(info, archive.read(info.filename)) for info in archive.infolist()]
        gabarits = {}
        for info, donnees in entrees:
            if not _PARTIES_RENDUES.fullmatch(info.filename):
                continue
            xml = donnees.decode("utf-8")
            if "{{" not in xml and "{%" not in xml:
                continue
            try:
                gabarits[info.filename] = _compiler(env, xml, lambda x=xml: _preparer(tpl, x))
            except TemplateError as exc:
                raise ErreurModele(f"Modèle {chemin.name}, partie {info.filename} : balise invalide ({exc}).") from exc
        return cls(chemin.stem, chemin, entrees, gabarits, tpl)

    def rendre(self, contexte: Mapping[str, Any]) -> dict[str, bytes]:
        """Les parties rendues (XML bien formé), à substituer dans l'archive du modèle."""
        contexte = nettoyer_contexte(contexte)
        parties: dict[str, bytes] = {}
        for nom, gabarit in self.gabarits.items():
            try:
                xml = gabarit.render(contexte)
            except TemplateError as exc:
                raise ErreurModele(
                    f"Modèle {self.chemin.name} : {exc.message or exc} — vérifiez les balises du modèle "
                    "(variables décrites dans interessement/documents/contexte.py)."
                ) from exc
            xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
            xml = self.docxtpl.resolve_listing(xml)
            donnees = xml.encode("utf-8")
            try:
                racine = etree.fromstring(donnees, analyseur_sur())
            except etree.XMLSyntaxError as exc:
                raise ErreurModele(f"Modèle {self.chemin.name} : le rendu de {nom} n'est pas un XML valide ({exc}).") \
                    from exc
            if nom.startswith("word/"):
                typographie_xml(racine)
                if nom == "word/document.xml":
                    garder_les_annonces(racine)
                donnees = etree.tostring(racine, xml_declaration=True, encoding="UTF-8", standalone=True)
            parties[nom] = donnees
        return parties

    def archive(self, remplacements: Mapping[str, bytes], ajouts: Mapping[str, bytes] | None = None,
                retraits: set[str] | None = None, *, compression: int = 6) -> bytes:
        """Le .docx : les parties du modèle, remplacées ou complétées (ordre du modèle conservé).

        ``compression`` : niveau zlib (1 = rapide, pour les fiches produites par milliers ; 6 par défaut)."""
        tampon = io.BytesIO()
        retraits = retraits or set()
        with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED, compresslevel=compression) as sortie:
            for info, donnees in self.entrees:
                if info.filename in retraits:
                    continue
                contenu = remplacements.get(info.filename, donnees)
                sortie.writestr(_info(info.filename), contenu, compresslevel=compression)
            for nom, contenu in (ajouts or {}).items():
                sortie.writestr(_info(nom), contenu, compresslevel=compression)
        return tampon.getvalue()

    def partie(self, nom: str) -> bytes:
        for info, donnees in self.entrees:
            if info.filename == nom:
                return donnees
        raise KeyError(nom)

    def noms(self) -> list[str]:
        return [info.filename for info, _ in self.entrees]


def _dossier_cache() -> Path | None:
    if os.environ.get("INTERESSEMENT_SANS_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "interessement-ouvert" / "modeles"


def _preparer(tpl: DocxTemplate, xml: str) -> str:
    """Le XML d'une partie prêt pour Jinja : balises nettoyées par docxtpl, échappements docxtpl."""
    source = tpl.patch_xml(xml)
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
    for motif, remplacement in _ECHAPPEMENTS.items():
        source = source.replace(motif, remplacement)
    return source


def _compiler(env: Environment, xml: str, preparer: Any) -> Any:
    """Prépare (docxtpl) et compile (Jinja) une partie ; le code compilé est gardé dans un cache disque (clé :
    empreinte du XML du modèle, versions de docxtpl, Jinja et Python), ce qui évite ce travail au premier rendu
    des processus suivants. Le cache est facultatif : sans lui, le résultat est le même."""
    dossier = _dossier_cache()
    if dossier is None:
        return env.from_string(preparer())
    cle = hashlib.sha256(
        f"{jinja2.__version__}|{docxtpl.__version__}|{sys.version_info[:2]}|{xml}".encode()).hexdigest()
    fichier = dossier / f"{cle}.marshal"
    try:
        code = marshal.loads(fichier.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        code = env.compile(preparer())
        try:
            dossier.mkdir(parents=True, exist_ok=True)
            temporaire = fichier.with_suffix(f".{os.getpid()}.tmp")
            temporaire.write_bytes(marshal.dumps(code))
            os.replace(temporaire, fichier)
        except OSError:
            pass  # cache facultatif : un dossier non inscriptible n'empêche rien
    return env.template_class.from_code(env, code, env.make_globals(None))


def _info(nom: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(nom, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


_cache: dict[tuple[str, float, int], Modele] = {}
_verrou = threading.Lock()


def modele(nom: str, repertoire: Path | None = None) -> Modele:
    """Le modèle ``nom`` (clé de ``FICHIERS``), compilé une fois puis gardé en cache."""
    chemin = Path(repertoire or REPERTOIRE_MODELES) / FICHIERS[nom]
    try:
        etat = chemin.stat()
        cle = (str(chemin), etat.st_mtime, etat.st_size)
    except OSError:
        cle = (str(chemin), 0.0, 0)
    with _verrou:
        if cle not in _cache:
            _cache[cle] = Modele.charger(chemin)
        return _cache[cle]
