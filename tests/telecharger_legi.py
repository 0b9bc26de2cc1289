"""Télécharge le paquet npm ``@socialgouv/legi-data`` de la version dont la table des références est tirée, pour
le test qui vérifie que la table versionnée (interessement/references/donnees/articles.json) est bien la sortie de
son script. Appelé par ``make test`` (préparation, comme ``pip install``) — jamais par l'application.

    python tests/telecharger_legi.py [--dossier .cache/legi-data]

L'archive est vérifiée contre l'empreinte (sha512, « integrity » de npm) notée dans la table, puis décompressée
avec le filtre « data » de tarfile (aucun chemin hors du dossier, aucun lien). Rien n'est fait si le paquet est
déjà là, dans la version de la table.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
TABLE = RACINE / "interessement" / "references" / "donnees" / "articles.json"
DOSSIER = RACINE / ".cache" / "legi-data"
TEMOIN = Path("package") / "data" / "LEGITEXT000006072050.json"


def source() -> dict:
    return json.loads(TABLE.read_text(encoding="utf-8"))["source"]


def telecharger(dossier: Path = DOSSIER) -> Path:
    """Le dossier ``package`` du paquet (téléchargé et vérifié s'il manque)."""
    s = source()
    version = dossier / "version"
    if (dossier / TEMOIN).exists() and version.exists() and version.read_text().strip() == s["version"]:
        return dossier / "package"
    nom = s["paquet"]
    adresse = f"https://registry.npmjs.org/{nom}/-/{nom.split('/')[-1]}-{s['version']}.tgz"
    with urllib.request.urlopen(adresse, timeout=120) as r:  # noqa: S310 - adresse fixe du registre npm
        brut = r.read()
    algo, attendu = s["integrite"].split("-", 1)
    obtenu = base64.b64encode(hashlib.new(algo, brut).digest()).decode()
    if obtenu != attendu:
        raise SystemExit(f"Erreur : l'archive {adresse} n'a pas l'empreinte notée dans la table ({algo}).")
    dossier.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(brut), mode="r:gz") as t:
        t.extractall(dossier, filter="data")
    version.write_text(s["version"] + "\n")
    return dossier / "package"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dossier", type=Path, default=DOSSIER)
    a = p.parse_args(argv)
    try:
        print(telecharger(a.dossier))
    except OSError as exc:
        print(f"Erreur : téléchargement du paquet legi-data impossible ({exc}).", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
