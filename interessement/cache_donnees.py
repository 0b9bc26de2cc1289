"""Les fichiers YAML du programme (paramètres légaux datés, bibliothèque des clauses) gardés lus, comme Python garde
ses ``.pyc`` : ``interessement valider`` sur un fichier n'importe plus PyYAML ni ne relit soixante fichiers à
chaque démarrage.

Le contenu lu est gardé en JSON sous la clé SHA-256 du **texte** du fichier et du lecteur qui l'a lu : un fichier
modifié n'a plus la même clé, il est relu (jamais de contenu périmé). Seul ce que JSON rend à l'identique est gardé
(types compris : une date, une clé entière ou un tuple ne le sont pas, et ce fichier-là est relu à chaque fois).
Le dossier est ``$INTERESSEMENT_CACHE/donnees`` si la variable est définie, sinon
``$XDG_CACHE_HOME/interessement/donnees`` (par défaut ``~/.cache/interessement/donnees``) ; un dossier qu'on ne
peut pas écrire, ou un fichier de cache illisible, ne fait que relire le YAML. Aucune donnée d'un utilisateur n'y
est écrite : seulement les fichiers livrés avec le programme.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Changer ce numéro invalide tout ce qui a été gardé (format du cache).
VERSION = "1"


def dossier() -> Path:
    if os.environ.get("INTERESSEMENT_CACHE"):
        return Path(os.environ["INTERESSEMENT_CACHE"]) / "donnees"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "interessement" / "donnees"


def identiques(a: Any, b: Any) -> bool:
    """Égalité stricte : mêmes types à chaque niveau (``True`` n'est pas ``1``, ``"1"`` n'est pas ``1``)."""
    if type(a) is not type(b):
        return False
    if type(a) is dict:
        return list(a) == list(b) and all(identiques(a[k], b[k]) for k in a)
    if type(a) is list:
        return len(a) == len(b) and all(identiques(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def lire_yaml(texte: str, lecteur: str, lire: Callable[[str], Any]) -> Any:
    """``lire(texte)`` (qui lit le YAML, et lève ses propres erreurs), ou son résultat gardé pour ce texte et ce
    ``lecteur`` (le nom de la façon de lire : deux lecteurs peuvent lire un même texte différemment)."""
    cle = hashlib.sha256(f"{VERSION}\0{lecteur}\0{texte}".encode("utf-8", "surrogatepass")).hexdigest()
    chemin = dossier() / cle[:2] / f"{cle}.json"
    try:
        return json.loads(chemin.read_bytes())["contenu"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    contenu = lire(texte)
    try:
        brut = json.dumps({"contenu": contenu}, ensure_ascii=False)
        if not identiques(json.loads(brut)["contenu"], contenu):
            return contenu
        chemin.parent.mkdir(parents=True, exist_ok=True)
        provisoire = chemin.with_name(f".{chemin.name}.{os.getpid()}")
        provisoire.write_text(brut, encoding="utf-8")
        os.replace(provisoire, chemin)
    except (OSError, ValueError, TypeError, RecursionError):
        pass  # rien de gardé : le fichier sera relu la prochaine fois
    return contenu


def vider() -> int:
    """Supprime le contenu gardé (``interessement cache --vider``) ; rend le nombre de fichiers supprimés."""
    n = 0
    racine = dossier()
    for f in racine.glob("*/*.json") if racine.is_dir() else ():
        try:
            f.unlink()
            n += 1
        except OSError:
            pass
    return n
