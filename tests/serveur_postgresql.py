"""Un serveur PostgreSQL jetable pour les tests, lancé depuis le paquet Debian ``postgresql`` (``.ci/run``).

``demarrer()`` crée un groupe de bases dans un dossier temporaire (``initdb``), le lance sur un port libre de
127.0.0.1 (``pg_ctl``) et rend son adresse ``postgresql://…`` ; ``arreter()`` l'arrête et efface le dossier.
PostgreSQL refuse de tourner sous root : en root (la CI), les commandes passent par ``runuser -u postgres``
(l'utilisateur que crée le paquet Debian) et le dossier lui appartient.

Sans PostgreSQL installé : les tests sont sautés en local, mais échouent en CI (``CI=true``).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest


def binaire(nom: str) -> str | None:
    trouve = shutil.which(nom)
    if trouve:
        return trouve
    candidats = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{nom}"),
                       key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    return candidats[-1] if candidats else None


def exiger_postgresql() -> tuple[str, str]:
    initdb, pg_ctl = binaire("initdb"), binaire("pg_ctl")
    if initdb and pg_ctl:
        return initdb, pg_ctl
    if os.environ.get("CI"):
        pytest.fail("PostgreSQL introuvable (initdb, pg_ctl) : en CI, les tests de la base des brouillons doivent "
                    "tourner aussi sur PostgreSQL (apt-get install postgresql).")
    pytest.skip("PostgreSQL introuvable (initdb, pg_ctl) : tests PostgreSQL sautés (hors CI).")


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class ServeurPostgresql:
    adresse: str
    dossier: Path
    pg_ctl: str
    prefixe: list[str]


def demarrer() -> ServeurPostgresql:
    initdb, pg_ctl = exiger_postgresql()
    dossier = Path(tempfile.mkdtemp(prefix="interessement-pg-"))
    donnees = dossier / "donnees"
    prefixe: list[str] = []
    if os.geteuid() == 0:
        import pwd

        try:
            compte = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("en root, PostgreSQL doit tourner sous l'utilisateur « postgres » (paquet Debian postgresql)")
        os.chown(dossier, compte.pw_uid, compte.pw_gid)
        prefixe = ["runuser", "-u", "postgres", "--"]
    port = _port_libre()
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    subprocess.run([*prefixe, initdb, "-D", str(donnees), "-U", "essai", "--auth=trust", "-E", "UTF8",
                    "--no-locale"], check=True, capture_output=True, env=env, timeout=120)
    options = f"-k {dossier} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run([*prefixe, pg_ctl, "-D", str(donnees), "-o", options, "-l", str(dossier / "journal.log"), "-w",
                    "-t", "60", "start"], check=True, capture_output=True, env=env, timeout=90)
    fin = time.monotonic() + 30
    while time.monotonic() < fin:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    return ServeurPostgresql(f"postgresql://essai@127.0.0.1:{port}/postgres", dossier, pg_ctl, prefixe)


def arreter(s: ServeurPostgresql) -> None:
    subprocess.run([*s.prefixe, s.pg_ctl, "-D", str(s.dossier / "donnees"), "-m", "immediate", "-w", "stop"],
                   capture_output=True, timeout=60)
    shutil.rmtree(s.dossier, ignore_errors=True)
