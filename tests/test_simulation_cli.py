"""``interessement simuler`` : chaque exemple sort 0 avec le tableau du back-test et les probabilités ; les
erreurs d'entrée sortent 2 avec un message français, jamais une trace Python."""

import json
import subprocess
import sys

import pytest
from chemins import EXEMPLES, RACINE

from interessement.cli import main

EXEMPLES_ACCORDS = sorted(p for p in EXEMPLES.glob("*.json") if not p.name.endswith(".versement.json"))


@pytest.mark.parametrize("chemin", EXEMPLES_ACCORDS, ids=lambda p: p.stem)
def test_chaque_exemple(chemin, capsys):
    assert main(["simuler", str(chemin), "--scenarios", "2000"]) == 0
    sortie = capsys.readouterr().out
    assert "Back-test" in sortie
    assert "Période  Masse salariale" in sortie and "Décidée par" in sortie
    assert "P(versement)" in sortie and "Méthode : " in sortie
    assert "Vue « coût »" in sortie
    assert "\u00a0€" in sortie


def test_montants_et_probabilites_en_francais(capsys):
    assert main(["simuler", str(EXEMPLES / "sas-30-part-resultat.json"), "--scenarios", "1000", "--graine", "3"]) == 0
    sortie = capsys.readouterr().out
    ligne_2023 = next(lg for lg in sortie.splitlines() if lg.startswith("2023 "))
    assert "1\u00a0040\u00a0000,00\u00a0€" in ligne_2023 and "22\u00a0000,00\u00a0€" in ligne_2023
    assert "formule" in ligne_2023
    assert "Versement dans 3 période(s) sur 5 calculable(s)." in sortie
    assert "1\u00a0000 scénarios, graine 3" in sortie


def test_format_json(capsys):
    assert main(["simuler", str(EXEMPLES / "sarl-8-due-paliers.json"), "--scenarios", "500",
                 "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["backtest"]["lignes"][2]["enveloppe_centimes"] == 337_500
    assert 0 <= d["monte_carlo"]["proba_versement"] <= 1
    assert d["monte_carlo"]["scenarios"] == 500
    assert d["cout"]["par_beneficiaire"]["prime_ordinaire"]["approximation"] is True


def test_meme_graine_meme_sortie(capsys):
    args = ["simuler", str(EXEMPLES / "selas-40-semestriel.json"), "--scenarios", "800", "--graine", "5"]
    main(args)
    premiere = capsys.readouterr().out
    main(args)
    assert capsys.readouterr().out == premiere


def test_historique_csv(tmp_path, capsys):
    csv = tmp_path / "historique.csv"
    csv.write_text("periode;masse_salariale;resultat_courant_avant_impot\n"
                   "2022;1 000 000;150 000\n2023;1 050 000;90 000\n2024;1 100 000;230 000\n"
                   "2025;1 150 000;-20 000\n", encoding="utf-8")
    assert main(["simuler", str(EXEMPLES / "sas-30-part-resultat.json"), "--historique", str(csv),
                 "--scenarios", "500"]) == 0
    sortie = capsys.readouterr().out
    assert f"Historique : fichier {csv}." in sortie
    assert "26\u00a0000,00\u00a0€" in sortie  # 2024 : 20 % × (230 000 − 100 000)


def test_historique_json(tmp_path, capsys):
    donnees = json.loads((EXEMPLES / "sas-30-part-resultat.json").read_text(encoding="utf-8"))
    chemin = tmp_path / "historique.json"
    chemin.write_text(json.dumps(donnees["historique"]), encoding="utf-8")
    assert main(["simuler", str(EXEMPLES / "sas-30-part-resultat.json"), "--historique", str(chemin),
                 "--scenarios", "300"]) == 0
    chemin.write_text(json.dumps([{"periode": "2024", "masse_salariale_centimes": -1}]), encoding="utf-8")
    assert main(["simuler", str(EXEMPLES / "sas-30-part-resultat.json"), "--historique", str(chemin)]) == 2
    assert "historique invalide" in capsys.readouterr().err


def test_historique_trop_court_pour_simuler(tmp_path, capsys):
    csv = tmp_path / "court.csv"
    csv.write_text("periode;masse_salariale;resultat_courant_avant_impot\n2024;1 000 000;150 000\n"
                   "2025;1 000 000;160 000\n", encoding="utf-8")
    assert main(["simuler", str(EXEMPLES / "sas-30-part-resultat.json"), "--historique", str(csv)]) == 0
    sortie = capsys.readouterr().out
    assert "Simulation impossible" in sortie and "Back-test" in sortie


@pytest.mark.parametrize(("arguments", "extrait"), [
    (["--historique", "absent.csv"], "introuvable"),
    (["--scenarios", "0"], "Nombre de scénarios"),
    (["--graine", "-4"], "Graine"),
])
def test_erreurs_d_entree(arguments, extrait, capsys):
    assert main(["simuler", str(EXEMPLES / "sas-30-part-resultat.json"), *arguments]) == 2
    erreur = capsys.readouterr().err
    assert extrait in erreur and "Traceback" not in erreur


def test_csv_errone_ligne_et_colonne(tmp_path, capsys):
    csv = tmp_path / "faux.csv"
    csv.write_text("periode;masse_salariale;resultat_courant_avant_impot\n2024;1 000;dix\n", encoding="utf-8")
    assert main(["simuler", str(EXEMPLES / "sas-30-part-resultat.json"), "--historique", str(csv)]) == 2
    assert "ligne 2, colonne « resultat_courant_avant_impot » : nombre illisible « dix »" in capsys.readouterr().err


def test_accord_sans_historique(tmp_path, capsys):
    donnees = json.loads((EXEMPLES / "sas-30-part-resultat.json").read_text(encoding="utf-8"))
    donnees["historique"] = []
    chemin = tmp_path / "accord.json"
    chemin.write_text(json.dumps(donnees), encoding="utf-8")
    assert main(["simuler", str(chemin)]) == 2
    assert "--historique" in capsys.readouterr().err


def test_processus_reel_sans_trace():
    resultat = subprocess.run([sys.executable, "-m", "interessement.cli", "simuler",
                               str(EXEMPLES / "sa-120-objectifs.json"), "--scenarios", "abc"],
                              capture_output=True, text=True, cwd=RACINE)
    assert resultat.returncode == 2 and "Traceback" not in resultat.stderr
    resultat = subprocess.run([sys.executable, "-m", "interessement.cli", "simuler",
                               str(EXEMPLES / "sa-120-objectifs.json"), "--scenarios", "500"],
                              capture_output=True, text=True, cwd=RACINE)
    assert resultat.returncode == 0 and "P(versement)" in resultat.stdout


def test_vue_cout_hors_periode_modelisee_dite(tmp_path, capsys):
    donnees = json.loads((EXEMPLES / "sas-30-part-resultat.json").read_text(encoding="utf-8"))
    donnees["periode"].update({"date_effet": "2027-01-01", "date_cloture_premier_exercice": "2027-12-31"})
    donnees["mise_en_place"]["date_conclusion"] = "2027-05-15"
    donnees["depot"]["date_depot"] = "2027-06-10"
    chemin = tmp_path / "accord-2027.json"
    chemin.write_text(json.dumps(donnees), encoding="utf-8")
    assert main(["simuler", str(chemin), "--scenarios", "300"]) == 0
    sortie = capsys.readouterr().out
    assert "Vue « coût » indisponible" in sortie and "hors période modélisée" in sortie
    assert main(["simuler", str(chemin), "--scenarios", "300", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["cout"] is None and "hors période modélisée" in d["cout_impossible"]
