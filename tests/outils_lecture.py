"""Outils des tests de la lecture : où trouver le corpus de développement (textes réels de la base KALI)."""

from __future__ import annotations

import os
from pathlib import Path

from tests.chemins import RACINE


def corpus_dev() -> Path | None:
    """La copie versionnée ``tests/corpus_dev`` si elle existe, sinon ``shared/corpus-dev`` à côté du dépôt (ou
    d'un dossier parent), sinon ``INTERESSEMENT_CORPUS_DEV``."""
    candidats = [RACINE / "tests" / "corpus_dev"]
    if os.environ.get("INTERESSEMENT_CORPUS_DEV"):
        candidats.insert(0, Path(os.environ["INTERESSEMENT_CORPUS_DEV"]))
    candidats += [parent / "shared" / "corpus-dev" for parent in RACINE.parents]
    return next((c for c in candidats if (c / "texts").is_dir()), None)


CORPUS_DEV = corpus_dev()
