"""Conversion PDF par LibreOffice (``soffice --headless --convert-to pdf``), avec un profil temporaire.

Le sommaire : LibreOffice fige le contenu d'un champ TOC de Word ; la copie convertie est donc débarrassée des
marques du champ (voir ``docx_xml.sommaire_pour_pdf``) et LibreOffice calcule lui-même les numéros de page
(champs PAGEREF) : le PDF a un sommaire exact.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

from ..erreurs import ErreurEntree
from .docx_xml import ecrire_xml, lire_xml, sommaire_pour_pdf

DELAI_SECONDES = int(os.environ.get("INTERESSEMENT_DELAI_PDF", "240"))


class LibreOfficeIndisponible(ErreurEntree):
    """LibreOffice n'est pas installé : les documents Word sont produits, pas les PDF."""


def soffice() -> str | None:
    """Chemin de LibreOffice (``soffice`` ou ``libreoffice``), ou ``None``."""
    return os.environ.get("INTERESSEMENT_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def preparer_pour_pdf(docx: bytes) -> bytes:
    """La copie à convertir : sommaire hors champ TOC (numéros de page calculés par LibreOffice)."""
    entree = zipfile.ZipFile(io.BytesIO(docx))
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as sortie:
        for info in entree.infolist():
            donnees = entree.read(info.filename)
            if info.filename == "word/document.xml":
                document = lire_xml(donnees)
                sommaire_pour_pdf(document)
                donnees = ecrire_xml(document)
            sortie.writestr(info, donnees)
    return tampon.getvalue()


def _lancer(commande: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """Lance LibreOffice dans son propre groupe de processus, fichiers créés privés (umask 077) ; au-delà du délai,
    tout le groupe est tué (``soffice`` lance ``soffice.bin``, qui survivrait à son parent et écrirait encore dans
    le dossier temporaire après son nettoyage)."""
    try:
        proc = subprocess.Popen(commande, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                start_new_session=True, umask=0o077)
    except OSError as exc:
        raise LibreOfficeIndisponible(f"PDF non produit : LibreOffice n'a pas pu être lancé ({exc}).") from exc
    try:
        sortie, erreurs = proc.communicate(timeout=DELAI_SECONDES)
    except subprocess.TimeoutExpired as exc:
        _tuer_groupe(proc)
        raise ErreurEntree(f"La conversion PDF par LibreOffice a dépassé {DELAI_SECONDES} secondes et a été "
                           "interrompue ; les documents Word ont bien été générés.") from exc
    except BaseException:
        _tuer_groupe(proc)
        raise
    finally:
        _tuer_groupe(proc, seulement_restants=True)
    return subprocess.CompletedProcess(commande, proc.returncode, sortie, erreurs)


def _tuer_groupe(proc: subprocess.Popen[bytes], seulement_restants: bool = False) -> None:
    """Tue le groupe de processus de ``proc`` (LibreOffice et ses enfants) et attend la fin de ``proc``."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        if seulement_restants:
            return
    try:
        proc.communicate(timeout=10)
    except (subprocess.TimeoutExpired, ValueError, OSError):
        pass


def convertir_en_pdf(documents: Mapping[str, bytes], dossier: Path) -> list[Path]:
    """Convertit chaque document (nom de fichier .docx → contenu) en PDF dans ``dossier`` ; un seul lancement
    de LibreOffice pour tous. Lève ``LibreOfficeIndisponible`` si LibreOffice n'est pas installé."""
    programme = soffice()
    if not programme:
        raise LibreOfficeIndisponible(
            "PDF non produit : LibreOffice est introuvable sur cette machine (commande « soffice »). Installez-le "
            "(par exemple le paquet « libreoffice-writer ») puis relancez avec --pdf ; les documents Word ont bien "
            "été générés et peuvent être convertis depuis Word ou LibreOffice."
        )
    dossier = Path(dossier)
    # Dossier privé (0700, tempfile.mkdtemp) supprimé quoi qu'il arrive, LibreOffice et ses enfants arrêtés d'abord
    # (voir _lancer) : après un dépassement de délai, aucun PDF des données de l'entreprise ne reste dans /tmp.
    with tempfile.TemporaryDirectory(prefix="interessement-pdf-", ignore_cleanup_errors=True) as tmp:
        tmp_path = Path(tmp)
        entrees = []
        for nom, contenu in documents.items():
            chemin = tmp_path / nom
            chemin.write_bytes(preparer_pour_pdf(contenu))
            entrees.append(chemin)
        profil = (tmp_path / "profil").as_uri()
        sortie = tmp_path / "pdf"
        sortie.mkdir()
        commande = [programme, f"-env:UserInstallation={profil}", "--headless", "--invisible", "--nologo",
                    "--norestore", "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export", "--outdir",
                    str(sortie), *map(str, entrees)]
        proc = _lancer(commande, {**os.environ, "HOME": tmp})
        produits = []
        for chemin in entrees:
            pdf = sortie / (chemin.stem + ".pdf")
            if not pdf.is_file() or pdf.stat().st_size == 0:
                detail = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip()[-400:]
                raise ErreurEntree(f"LibreOffice n'a pas produit le PDF de {chemin.name} (code {proc.returncode}"
                                   + (f" : {detail}" if detail else "") + ").")
            cible = dossier / pdf.name
            shutil.copyfile(pdf, cible)
            produits.append(cible)
        return produits
