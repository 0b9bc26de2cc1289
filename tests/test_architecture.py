"""Imports à sens unique : le cœur de calcul n'importe ni Streamlit ni python-docx."""

import ast
from pathlib import Path

from chemins import RACINE

COEUR = ["parametres", "references", "modele.py", "formules.py", "repartition.py", "calendrier.py", "calcul.py",
         "format.py", "erreurs.py", "integrite.py", "fichiers_salaries.py", "simulation", "dsn", "paiement.py"]
INTERDITS = {"streamlit", "docx", "docxtpl", "interface", "app"}


def _imports(fichier: Path) -> set[str]:
    arbre = ast.parse(fichier.read_text(encoding="utf-8"))
    noms = set()
    for n in ast.walk(arbre):
        if isinstance(n, ast.Import):
            noms |= {a.name.split(".")[0] for a in n.names}
        elif isinstance(n, ast.ImportFrom) and n.module and n.level == 0:
            noms.add(n.module.split(".")[0])
        elif isinstance(n, ast.ImportFrom) and n.level and n.module:
            noms.add("interessement." + n.module)
    return noms


def _fichiers(racine: Path, noms: list[str]) -> list[Path]:
    fichiers = []
    for nom in noms:
        p = racine / nom
        if p.is_dir():
            fichiers += sorted(p.rglob("*.py"))
        elif p.exists():
            fichiers.append(p)
    return fichiers


def test_le_coeur_n_importe_ni_streamlit_ni_docx():
    fichiers = _fichiers(RACINE / "interessement", COEUR)
    assert len(fichiers) >= 9
    for f in fichiers:
        imports = _imports(f)
        assert not imports & INTERDITS, f"{f} importe {imports & INTERDITS}"
        assert not any(i.startswith(("interessement.documents", "interessement.cli")) for i in imports), f


def test_les_validateurs_n_importent_pas_streamlit():
    for f in sorted((RACINE / "validators").rglob("*.py")):
        imports = _imports(f)
        assert "streamlit" not in imports and "app" not in imports, f


def test_import_validators_est_ce_depot():
    # « validators » est aussi le nom d'un paquet PyPI sans rapport : c'est le nôtre qui doit être importé.
    import validators

    assert Path(validators.__file__).resolve().parent == RACINE / "validators"
    assert hasattr(validators, "valider")
