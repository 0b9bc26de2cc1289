"""Le démarrage à froid de la commande (bench/bench_demarrage.py mesure) : « valider » n'importe que ce qu'il lui
faut, la table des sous-commandes dit vrai, le ramasse-miettes suspendu au démarrage reprend."""

from __future__ import annotations

import argparse
import gc
import importlib
import subprocess
import sys

from chemins import EXEMPLES, RACINE

from interessement import cli, lots


def test_la_table_des_commandes_dit_vrai():
    trouve = {}
    for nom in cli.MODULES:
        sous = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(nom).ajouter_commandes(sous)
        trouve.update(dict.fromkeys(sous.choices, nom))
    assert trouve == cli.COMMANDES


def test_valider_n_importe_ni_les_documents_word_ni_la_simulation():
    code = ("import sys; from interessement.cli import main; "
            f"r = main(['valider', {str(EXEMPLES / 'sas-30-part-resultat.json')!r}, '--sans-simulation', "
            "'--sans-cache']); "
            "print(r, sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'docxtpl', 'jinja2', 'streamlit', "
            "'pandas') or m.startswith(('interessement.documents', 'interessement.simulation'))))")
    sortie = subprocess.run([sys.executable, "-c", code], cwd=RACINE, capture_output=True, text=True, check=True)
    assert sortie.stdout.strip().splitlines()[-1] == "0 []"


def test_valider_n_importe_ni_babel_ni_yaml_une_fois_les_donnees_lues():
    """Démarrage à froid (issue 14) : nombres et dates en français sans babel (interessement/format.py), paramètres
    et clauses repris du cache des fichiers lus (interessement/cache_donnees.py) — la première exécution lit le
    YAML, les suivantes non. Le cache est celui du test (conftest : INTERESSEMENT_CACHE)."""
    code = ("import sys; from interessement.cli import main; "
            f"r = main(['valider', {str(EXEMPLES / 'sas-30-part-resultat.json')!r}, '--sans-simulation', "
            "'--sans-cache']); "
            "print(r, sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in ('babel', 'yaml')}))")
    premiere = subprocess.run([sys.executable, "-c", code], cwd=RACINE, capture_output=True, text=True, check=True)
    assert premiere.stdout.strip().splitlines()[-1] == "0 ['yaml']"
    suivante = subprocess.run([sys.executable, "-c", code], cwd=RACINE, capture_output=True, text=True, check=True)
    assert suivante.stdout.strip().splitlines()[-1] == "0 []"


def test_la_commande_sans_sous_commande_connue_les_montre_toutes(capsys):
    import pytest

    with pytest.raises(SystemExit) as sortie:
        cli.main(["--help"])
    assert sortie.value.code == 0
    aide = capsys.readouterr().out
    assert all(c in aide for c in cli.COMMANDES)


def test_le_ramasse_miettes_reprend_apres_le_premier_fichier(tmp_path):
    fichiers = []
    for i in range(3):
        f = tmp_path / f"f{i}.txt"
        f.write_text("x" * i, encoding="utf-8")
        fichiers.append(str(f))
    from test_lots import longueur

    gc.disable()
    try:
        lots.suspendre_gc_jusqu_au_premier_fichier()
        resultats = lots.executer_lot(fichiers, longueur, {}, processus=1)
        next(resultats)
        assert gc.isenabled()
        assert len(list(resultats)) == 2
    finally:
        gc.enable()
        gc.unfreeze()
