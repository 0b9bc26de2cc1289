"""Sauvegarde automatique des brouillons dans une base SQLite embarquée.

Un brouillon est rangé sous un jeton aléatoire (gardé dans l'adresse de la page, ``?brouillon=…``) : un
rechargement ou un onglet refermé puis rouvert le retrouve. La base ne reçoit que l'accord en cours et l'état de
l'assistant (étape, chiffres agrégés de simulation) ; jamais le fichier des salariés.

Chemin : variable d'environnement ``INTERESSEMENT_BROUILLONS``, sinon ``brouillons.sqlite3`` à la racine du
projet (ignoré par git).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

VARIABLE = "INTERESSEMENT_BROUILLONS"
RACINE = Path(__file__).resolve().parent.parent
_JETON = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
TAILLE_MAX = 2_000_000


def chemin_base() -> Path:
    valeur = os.environ.get(VARIABLE)
    return Path(valeur).expanduser() if valeur else RACINE / "brouillons.sqlite3"


def nouveau_jeton() -> str:
    return secrets.token_urlsafe(18)


def jeton_valide(jeton: Any) -> bool:
    return isinstance(jeton, str) and bool(_JETON.match(jeton))


class ErreurStockage(RuntimeError):
    """La base des brouillons est inaccessible (message français)."""


class Stockage:
    def __init__(self, chemin: Path | str | None = None):
        self.chemin = Path(chemin) if chemin else chemin_base()
        self._pret = False

    def _connexion(self) -> sqlite3.Connection:
        try:
            if not self._pret:
                self.chemin.parent.mkdir(parents=True, exist_ok=True)
            cx = sqlite3.connect(self.chemin, timeout=5)
            if not self._pret:
                cx.execute("PRAGMA journal_mode=WAL")
                cx.execute(
                    "CREATE TABLE IF NOT EXISTS brouillons ("
                    " jeton TEXT PRIMARY KEY, contenu TEXT NOT NULL, modifie_le TEXT NOT NULL)"
                )
                cx.commit()
                self._pret = True
            return cx
        except (sqlite3.Error, OSError, ValueError) as exc:
            raise ErreurStockage(f"base des brouillons inaccessible ({self.chemin}) : {exc}") from exc

    def lire(self, jeton: str) -> dict[str, Any] | None:
        if not jeton_valide(jeton):
            return None
        try:
            cx = self._connexion()
            try:
                ligne = cx.execute("SELECT contenu FROM brouillons WHERE jeton = ?", (jeton,)).fetchone()
            finally:
                cx.close()
        except sqlite3.Error as exc:
            raise ErreurStockage(f"lecture du brouillon impossible : {exc}") from exc
        if not ligne:
            return None
        try:
            contenu = json.loads(ligne[0])
        except ValueError:
            return None
        return contenu if isinstance(contenu, dict) else None

    def ecrire(self, jeton: str, contenu: dict[str, Any]) -> None:
        if not jeton_valide(jeton):
            raise ErreurStockage("jeton de brouillon invalide")
        texte = json.dumps(contenu, ensure_ascii=False, separators=(",", ":"))
        if len(texte) > TAILLE_MAX:
            raise ErreurStockage("brouillon trop volumineux pour être sauvegardé")
        try:
            cx = self._connexion()
            try:
                cx.execute(
                    "INSERT INTO brouillons (jeton, contenu, modifie_le) VALUES (?, ?, ?) "
                    "ON CONFLICT(jeton) DO UPDATE SET contenu = excluded.contenu, modifie_le = excluded.modifie_le",
                    (jeton, texte, datetime.now(UTC).isoformat(timespec="seconds")),
                )
                cx.commit()
            finally:
                cx.close()
        except sqlite3.Error as exc:
            raise ErreurStockage(f"sauvegarde du brouillon impossible : {exc}") from exc
