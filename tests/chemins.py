"""Chemins communs des tests."""
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
EXEMPLES = RACINE / "examples"
#: Le corpus de développement (14 textes réels de la base KALI, étiquetés) : copie versionnée de
#: ``shared/corpus-dev`` pour que les tests tournent sur un clone seul (test_corpus_copie vérifie l'égalité).
CORPUS_DEV = RACINE / "tests" / "corpus_dev"
CORPUS_TEXTES = CORPUS_DEV / "texts"
CORPUS_ETIQUETTES = CORPUS_DEV / "labels.yaml"
SHARED = RACINE.parent / "shared"
