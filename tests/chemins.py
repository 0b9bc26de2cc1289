"""Chemins communs des tests."""
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
EXEMPLES = RACINE / "examples"
