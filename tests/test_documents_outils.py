"""Outils communs aux tests des documents Word : cas (exemples et variantes de mise en place), golden files."""

from __future__ import annotations

import io
import os
import zipfile
from functools import cache
from pathlib import Path

from chemins import EXEMPLES, RACINE

from interessement.modele import Accord, charger_accord

DONNEES = RACINE / "tests" / "donnees_documents"
GOLDEN = RACINE / "tests" / "golden" / "documents"

#: Régénérer les fichiers de référence : ``REGENERER_GOLDEN=1 .venv/bin/pytest tests/test_documents.py``.
REGENERER = os.environ.get("REGENERER_GOLDEN") == "1"


def _cas() -> dict[str, Path]:
    cas = {p.stem: p for p in sorted(EXEMPLES.glob("*.json")) if not p.name.endswith(".versement.json")}
    cas.update({f"variante-{p.stem}": p for p in sorted(DONNEES.glob("*.json"))})
    return cas


CAS = _cas()


@cache
def accord(nom: str) -> Accord:
    return charger_accord(CAS[nom])


def versement_de(nom: str) -> Path | None:
    chemin = CAS[nom].with_name(CAS[nom].stem + ".versement.json")
    return chemin if chemin.exists() else None


def comparer_golden(chemin: Path, obtenu: str) -> None:
    """Compare ``obtenu`` au fichier de référence (ou le réécrit si REGENERER_GOLDEN=1)."""
    if REGENERER or not chemin.exists():
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_text(obtenu, encoding="utf-8")
        if not REGENERER:
            raise AssertionError(f"Fichier de référence créé : {chemin} ; relancez les tests.")
        return
    attendu = chemin.read_text(encoding="utf-8")
    if attendu != obtenu:
        import difflib

        diff = "\n".join(difflib.unified_diff(attendu.splitlines(), obtenu.splitlines(), "attendu", "obtenu",
                                              lineterm="", n=1))
        raise AssertionError(f"{chemin.name} diffère (REGENERER_GOLDEN=1 pour accepter) :\n{diff[:6000]}")


def textes_droits(docx: bytes) -> list[str]:
    """Les paragraphes d'un document, apostrophes typographiques (’) lues comme droites (') pour les recherches."""
    from interessement.documents import textes_du_document

    return [t.replace("\u2019", "'") for t in textes_du_document(docx)]


def parties(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {n: z.read(n) for n in z.namelist()}


def reecrire(docx: bytes, modifications: dict[str, bytes | None]) -> bytes:
    """Une copie du .docx où certaines parties sont remplacées (``None`` : supprimées) ou ajoutées."""
    contenu = parties(docx)
    for nom, valeur in modifications.items():
        if valeur is None:
            contenu.pop(nom, None)
        else:
            contenu[nom] = valeur
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as z:
        for nom, valeur in contenu.items():
            z.writestr(nom, valeur)
    return tampon.getvalue()
