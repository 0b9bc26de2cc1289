"""Lecture sûre d'un .docx généré : données embarquées (``lire_accord``) et contrôle d'intégrité
(``controler_document``).

Un .docx reçu d'ailleurs peut être hostile. Avant de lire quoi que ce soit : taille du fichier, nombre de
parties, tailles décompressées annoncées et taux de compression (bombe ZIP), puis lecture bornée de chaque
partie ; le XML est refusé s'il déclare une DTD ou des entités, et analysé sans résolution d'entités ni accès
réseau. Toute anomalie donne une ``ErreurEntree`` en français, jamais une trace Python.
"""

from __future__ import annotations

import difflib
import io
import json
import re
import zipfile
from pathlib import Path

from lxml import etree

from ..bornes import controler_annuaire_zip
from ..entrees import raison_systeme
from ..erreurs import ErreurEntree
from ..integrite import RE_PARTIE_TEXTE, ControleDocument, empreinte, paragraphes_canoniques_parties
from ..modele import Accord, accord_depuis_dict
from .docx_xml import (
    NS_ACCORD,
    NS_CUSTOM,
    NS_VT,
    PROPRIETE_EMPREINTE,
    PROPRIETE_EMPREINTE_TEXTE,
    PROPRIETE_VERSION,
    textes_normalises,
)
from .modeles import analyseur_sur

TAILLE_MAX_FICHIER = 25_000_000
TAILLE_MAX_PARTIE = 30_000_000
TAILLE_MAX_TOTALE = 100_000_000
NOMBRE_MAX_PARTIES = 2_000

_RE_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_RE_ITEM = re.compile(r"customXml/item\d+\.xml")


class ArchiveDocx:
    """Une archive .docx vérifiée, dont on lit les parties avec des tailles bornées."""

    def __init__(self, source: str | Path | bytes, nom: str | None = None):
        if isinstance(source, bytes | bytearray):
            brut = bytes(source)
            self.nom = nom or "document"
        else:
            chemin = Path(source)
            self.nom = nom or str(chemin)
            try:
                taille = chemin.stat().st_size
            except OSError as exc:
                raise ErreurEntree(f"{self.nom} : fichier introuvable ou illisible ({raison_systeme(exc)}).") from exc
            if taille > TAILLE_MAX_FICHIER:
                raise ErreurEntree(f"{self.nom} : fichier trop volumineux ({taille} octets ; maximum "
                                   f"{TAILLE_MAX_FICHIER}).")
            try:
                brut = chemin.read_bytes()
            except OSError as exc:
                raise ErreurEntree(f"{self.nom} : fichier illisible ({raison_systeme(exc)}).") from exc
        if len(brut) > TAILLE_MAX_FICHIER:
            raise ErreurEntree(f"{self.nom} : fichier trop volumineux ({len(brut)} octets ; maximum "
                               f"{TAILLE_MAX_FICHIER}).")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(brut))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
            raise ErreurEntree(f"{self.nom} : ce n'est pas un document Word .docx valide (archive ZIP "
                               "illisible).") from exc
        controler_annuaire_zip(self.zip.infolist(), self.nom, "document Word", parties_max=NOMBRE_MAX_PARTIES,
                               partie_max=TAILLE_MAX_PARTIE, total_max=TAILLE_MAX_TOTALE)
        self.noms = {info.filename for info in self.zip.infolist()}
        for indispensable in ("[Content_Types].xml", "word/document.xml"):
            if indispensable not in self.noms:
                raise ErreurEntree(f"{self.nom} : document Word incomplet, la partie « {indispensable} » est "
                                   "absente.")

    def lire(self, partie: str) -> bytes:
        info = self.zip.getinfo(partie)
        try:
            with self.zip.open(info) as f:
                donnees = f.read(info.file_size + 1)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError, ValueError) as exc:
            raise ErreurEntree(f"{self.nom} : la partie « {partie} » est illisible ou corrompue ({exc}).") from exc
        if len(donnees) > info.file_size or len(donnees) > TAILLE_MAX_PARTIE:
            raise ErreurEntree(f"{self.nom} : la partie « {partie} » est plus grande qu'annoncé (archive "
                               "falsifiée).")
        return donnees

    def xml(self, partie: str) -> etree._Element:
        donnees = self.lire(partie)
        if _RE_DECLARATION.search(donnees):
            raise ErreurEntree(f"{self.nom} : la partie « {partie} » contient une déclaration DTD ou d'entité, "
                               "interdite dans un document Word (document refusé par sécurité).")
        try:
            racine = etree.fromstring(donnees, analyseur_sur())
        except etree.XMLSyntaxError as exc:
            raise ErreurEntree(f"{self.nom} : la partie « {partie} » n'est pas un XML valide ({exc}).") from exc
        if racine.getroottree().docinfo.doctype:
            raise ErreurEntree(f"{self.nom} : la partie « {partie} » déclare une DTD (document refusé par "
                               "sécurité).")
        return racine


def ouvrir(source: str | Path | bytes) -> ArchiveDocx:
    return ArchiveDocx(source)


def donnees_embarquees(archive: ArchiveDocx) -> tuple[str, dict[str, str]]:
    """(JSON embarqué, attributs) de la partie XML personnalisée dont la racine est dans l'espace de noms
    ``urn:interessement-ouvert:accord:1`` ; cherchée par espace de noms, jamais par position."""
    trouvees = []
    for nom in sorted(archive.noms):
        if not _RE_ITEM.fullmatch(nom):
            continue
        racine = archive.xml(nom)
        if etree.QName(racine).namespace == NS_ACCORD:
            trouvees.append((nom, racine))
    if not trouvees:
        raise ErreurEntree(f"{archive.nom} : ce document ne contient pas les données d'un accord (il n'a pas été "
                           "généré par Intéressement ouvert, ou ses données ont été retirées).")
    if len(trouvees) > 1:
        raise ErreurEntree(f"{archive.nom} : ce document contient plusieurs jeux de données d'accord "
                           f"({', '.join(n for n, _ in trouvees)}) : document ambigu, refusé.")
    _, racine = trouvees[0]
    return racine.text or "", {k: v for k, v in racine.attrib.items()}


def _accord_depuis_texte(texte: str, nom: str) -> Accord:
    try:
        donnees = json.loads(texte)
    except json.JSONDecodeError as exc:
        raise ErreurEntree(f"{nom} : les données embarquées ne sont pas un JSON lisible (ligne {exc.lineno}, "
                           f"colonne {exc.colno}).") from exc
    except RecursionError as exc:
        raise ErreurEntree(f"{nom} : données embarquées trop profondément imbriquées.") from exc
    return accord_depuis_dict(donnees, f"{nom} (données embarquées)")


def lire_accord(chemin_docx: str | Path | bytes) -> Accord:
    """L'accord embarqué dans un .docx généré par ce projet (``ErreurEntree`` en français sinon)."""
    archive = ouvrir(chemin_docx)
    texte, _ = donnees_embarquees(archive)
    return _accord_depuis_texte(texte, archive.nom)


def proprietes_personnalisees(archive: ArchiveDocx) -> dict[str, str]:
    if "docProps/custom.xml" not in archive.noms:
        return {}
    racine = archive.xml("docProps/custom.xml")
    proprietes = {}
    for prop in racine.findall(f"{{{NS_CUSTOM}}}property"):
        valeur = prop.find(f"{{{NS_VT}}}lpwstr")
        if prop.get("name") and valeur is not None:
            proprietes[prop.get("name")] = valeur.text or ""
    return proprietes


def _pieds(archive: ArchiveDocx) -> list[etree._Element]:
    noms = sorted(n for n in archive.noms if re.fullmatch(r"word/(footer|header)\d*\.xml", n))
    return [archive.xml(n) for n in noms]


def textes_du_document(source: str | Path | bytes) -> list[str]:
    """Les paragraphes normalisés d'un .docx (corps puis en-têtes et pieds de page), sommaire exclu."""
    archive = ouvrir(source)
    return textes_normalises(archive.xml("word/document.xml"), _pieds(archive))


def _differences(observe: list[str], attendu: list[str], maximum: int = 8) -> list[str]:
    details = []
    matcher = difflib.SequenceMatcher(a=attendu, b=observe, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace":
            for x, y in zip(attendu[a1:a2], observe[b1:b2], strict=False):
                obs, att = _ecart(y, x)
                details.append(f"paragraphe modifié : « {obs} » au lieu de « {att} »")
            for x in attendu[a1 + (b2 - b1):a2]:
                details.append(f"paragraphe supprimé : « {_court(x)} »")
            for y in observe[b1 + (a2 - a1):b2]:
                details.append(f"paragraphe ajouté : « {_court(y)} »")
        elif op == "delete":
            details.extend(f"paragraphe supprimé : « {_court(x)} »" for x in attendu[a1:a2])
        else:
            details.extend(f"paragraphe ajouté : « {_court(y)} »" for y in observe[b1:b2])
    if len(details) > maximum:
        details = details[:maximum] + [f"… et {len(details) - maximum} autre(s) différence(s)"]
    return details


def _court(texte: str, n: int = 120) -> str:
    return texte if len(texte) <= n else texte[: n - 1] + "…"


def _ecart(observe: str, attendu: str, contexte: int = 30) -> tuple[str, str]:
    """Les passages qui diffèrent entre deux paragraphes, avec un peu de contexte de part et d'autre."""
    debut = 0
    while debut < min(len(observe), len(attendu)) and observe[debut] == attendu[debut]:
        debut += 1
    fin = 0
    while (fin < min(len(observe), len(attendu)) - debut
           and observe[len(observe) - 1 - fin] == attendu[len(attendu) - 1 - fin]):
        fin += 1
    a = max(0, debut - contexte)

    def extrait(t: str) -> str:
        b = min(len(t), len(t) - fin + contexte)
        return ("…" if a > 0 else "") + t[a:b] + ("…" if b < len(t) else "")

    return _court(extrait(observe)), _court(extrait(attendu))


def controler_document(chemin_docx: str | Path | bytes) -> ControleDocument:
    """Le document a-t-il été modifié après sa génération ?

    1. l'empreinte des données embarquées est recalculée et comparée à celle des propriétés ;
    2. l'empreinte du texte canonique (``integrite.texte_canonique``, numéros de page et sommaire exclus) est
       recalculée et comparée à celle des propriétés, quand le document en porte une ;
    3. le texte est re-rendu depuis les données embarquées et comparé paragraphe par paragraphe.

    Un document produit par une autre version, dont les données n'ont pas un champ que la version courante
    exige pour rédiger (par exemple ``information.presomption_information``), ne peut pas être re-rendu : le
    contrôle ne lève pas d'erreur, il le dit et s'appuie sur l'empreinte du texte (s'il n'en a pas, le texte
    n'est pas établi conforme)."""
    from .generation import VERSION_GENERATEUR, rendre_accord

    archive = ouvrir(chemin_docx)
    nom = archive.nom if not isinstance(chemin_docx, bytes | bytearray) else "document"
    texte, attributs = donnees_embarquees(archive)
    calculee = empreinte(texte)
    proprietes = proprietes_personnalisees(archive)
    declaree = proprietes.get(PROPRIETE_EMPREINTE)
    details: list[str] = []
    if declaree is None:
        details.append("l'empreinte des données est absente des propriétés du document")
    elif declaree != calculee:
        details.append("les données embarquées ne correspondent plus à l'empreinte enregistrée à la génération "
                       f"(enregistrée {declaree[:16]}…, recalculée {calculee[:16]}…)")
    if attributs.get("empreinte") not in (None, calculee):
        details.append("l'empreinte inscrite avec les données embarquées ne correspond pas à ces données")
    texte_declaree = proprietes.get(PROPRIETE_EMPREINTE_TEXTE)
    texte_calculee = _empreinte_texte(archive)
    if texte_declaree is not None and texte_declaree != texte_calculee:
        details.append("le texte a été modifié après la génération : son empreinte ne correspond plus à celle "
                       f"enregistrée (enregistrée {texte_declaree[:16]}…, recalculée {texte_calculee[:16]}…)")
    texte_intact = texte_declaree is not None and texte_declaree == texte_calculee

    def resultat(conforme: bool, rendu_possible: bool = True) -> ControleDocument:
        return ControleDocument(nom, declaree, calculee, conforme, details, texte_declaree, texte_calculee,
                                rendu_possible)

    version = proprietes.get(PROPRIETE_VERSION)
    autre_version = bool(version) and version != VERSION_GENERATEUR
    observe = textes_normalises(archive.xml("word/document.xml"), _pieds(archive))
    try:
        accord = _accord_depuis_texte(texte, nom)
    except ErreurEntree as exc:
        details.append(f"données embarquées illisibles : {exc.message}")
        return resultat(False)
    try:
        attendu_docx = rendre_accord(accord, codes_qr=False)
    except ErreurEntree as exc:  # FaitsManquants, paramètre hors période modélisée…
        manque = " ; ".join(exc.details) if exc.details else exc.message
        origine = f"produit par « {version} »" if version else "produit par une version antérieure"
        details.append(f"document {origine} : la version « {VERSION_GENERATEUR} » ne peut pas re-rendre son texte "
                       f"depuis ses données ({manque})")
        if texte_intact:
            details.append("l'empreinte du texte enregistrée à la génération correspond : le texte n'a pas été "
                           "modifié depuis")
        elif texte_declaree is None:
            details.append("le document ne porte pas d'empreinte du texte : que le texte n'a pas été modifié ne "
                           "peut pas être établi ; lisez le texte signé, qui fait foi")
        return resultat(texte_intact, rendu_possible=False)
    attendu = textes_du_document(attendu_docx)
    texte_conforme = observe == attendu and texte_declaree in (None, texte_calculee)
    if observe != attendu:
        if autre_version and texte_intact:
            # Le texte est celui de la génération (empreinte) ; il diffère seulement du rendu de cette version.
            details.append(f"document produit par « {version} » : son texte diffère de celui que rédige « "
                           f"{VERSION_GENERATEUR} » depuis les mêmes données (changement de modèle), mais "
                           "l'empreinte du texte enregistrée à la génération correspond : il n'a pas été modifié")
            texte_conforme = True
        else:
            details.append("le texte du document ne correspond pas à celui que produisent ses données embarquées")
            details.extend(_differences(observe, attendu))
            if autre_version:
                details.append(f"document produit par « {version} », comparé avec « {VERSION_GENERATEUR} » : une "
                               "différence peut aussi venir d'un changement de modèle entre ces versions")
    return resultat(texte_conforme)


def _empreinte_texte(archive: ArchiveDocx) -> str:
    """SHA-256 du texte canonique du document reçu (parties textuelles lues avec leurs bornes de taille)."""
    from ..integrite import ErreurIntegrite

    parties = {n: archive.lire(n) for n in archive.noms if RE_PARTIE_TEXTE.fullmatch(n)}
    try:
        return empreinte("\n".join(paragraphes_canoniques_parties(parties)))
    except ErreurIntegrite as exc:
        raise ErreurEntree(f"{archive.nom} : {exc}") from exc
