"""Lecture bornée d'une archive ZIP reçue d'ailleurs (.docx, .odt) et de son XML, sans confiance.

Avant de lire : nombre de parties, tailles décompressées annoncées, taux de compression (bombe ZIP), chiffrement ;
puis chaque partie est lue avec une taille bornée ; le XML est refusé s'il déclare une DTD ou des entités et
analysé sans résolution d'entités ni réseau. Toute anomalie est une ``ErreurEntree`` en français.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from ..bornes import controler_annuaire_zip
from ..erreurs import ErreurEntree

TAILLE_MAX_PARTIE = 40_000_000
TAILLE_MAX_TOTALE = 150_000_000
NOMBRE_MAX_PARTIES = 5_000

_RE_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def analyseur_xml() -> etree.XMLParser:
    """Sans entités, sans DTD, sans réseau, sans arbre démesuré."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


class Archive:
    def __init__(self, donnees: bytes, nom: str, quoi: str):
        self.nom = nom
        self.quoi = quoi  # « document Word », « document OpenDocument »
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(donnees))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
            raise ErreurEntree(f"{nom} : {quoi} illisible (archive ZIP corrompue).") from exc
        controler_annuaire_zip(infos, nom, quoi, parties_max=NOMBRE_MAX_PARTIES, partie_max=TAILLE_MAX_PARTIE,
                               total_max=TAILLE_MAX_TOTALE)
        self.infos = {info.filename: info for info in infos}
        self.noms = set(self.infos)

    def lire(self, partie: str) -> bytes:
        info = self.infos[partie]
        try:
            with self.zip.open(info) as f:
                donnees = f.read(info.file_size + 1)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError, ValueError,
                zipfile.LargeZipFile) as exc:
            raise ErreurEntree(f"{self.nom} : la partie « {partie} » est illisible ou corrompue.") from exc
        if len(donnees) > info.file_size:
            raise ErreurEntree(f"{self.nom} : la partie « {partie} » est plus grande qu'annoncé (archive falsifiée).")
        return donnees

    def xml(self, partie: str) -> etree._Element:
        donnees = self.lire(partie)
        if _RE_DECLARATION.search(donnees[:4096]) or _RE_DECLARATION.search(donnees):
            raise ErreurEntree(f"{self.nom} : la partie « {partie} » contient une déclaration DTD ou d'entité, "
                               f"interdite dans un {self.quoi} (document refusé par sécurité).")
        try:
            racine = etree.fromstring(donnees, analyseur_xml())
        except etree.XMLSyntaxError as exc:
            raise ErreurEntree(f"{self.nom} : la partie « {partie} » n'est pas un XML valide "
                               f"({exc.msg if hasattr(exc, 'msg') else exc}).") from exc
        if racine is None:
            raise ErreurEntree(f"{self.nom} : la partie « {partie} » est vide.")
        return racine

    def xml_si(self, partie: str) -> etree._Element | None:
        return self.xml(partie) if partie in self.noms else None
