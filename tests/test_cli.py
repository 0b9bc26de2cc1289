"""La ligne de commande du cœur : schema, calendrier, repartir."""

import json
import subprocess
import sys

import jsonschema
import pytest
from chemins import EXEMPLES

from interessement.cli import main
from interessement.modele import charger_versement

NOMS = ["sas-30-part-resultat", "sarl-8-due-paliers", "sa-120-objectifs", "selas-40-semestriel"]


def test_schema_valide_chaque_exemple(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    for nom in NOMS:
        jsonschema.validate(json.loads((EXEMPLES / f"{nom}.json").read_text(encoding="utf-8")), schema)


def test_calendrier_annuel_2026(tmp_path, capsys):
    ics = tmp_path / "cal.ics"
    assert main(["calendrier", str(EXEMPLES / "sas-30-part-resultat.json"), "--ics", str(ics)]) == 0
    sortie = capsys.readouterr().out
    assert "30 juin 2026" in sortie and "Dernier jour pour conclure" in sortie
    assert "15 juillet 2026" in sortie and "TéléAccords" in sortie
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert main(["calendrier", str(EXEMPLES / "sas-30-part-resultat.json"), "--format", "json"]) == 0
    dates = {e["libelle"]: e["date"] for e in json.loads(capsys.readouterr().out)}
    assert dates["Dernier jour pour conclure l'accord"] == "2026-06-30"
    assert dates["Dernier jour pour déposer l'accord sur TéléAccords"] == "2026-07-15"


@pytest.mark.parametrize("nom", NOMS)
def test_repartir_chaque_exemple_conserve_l_enveloppe(nom, capsys):
    accord = EXEMPLES / f"{nom}.json"
    versement = EXEMPLES / f"{nom}.versement.json"
    exercice = "2026"
    assert main(["repartir", str(accord), "--salaries", str(versement), "--exercice", exercice,
                 "--periode", "1", "--indicateurs", str(versement), "--format", "json"]) == 0
    r = json.loads(capsys.readouterr().out)
    total = sum(b["montant_centimes"] for b in r["beneficiaires"])
    assert total == r["total_verse_centimes"]
    assert total + r["reliquat_centimes"] == r["enveloppe_centimes"]
    assert r["enveloppe_centimes"] > 0
    # Les montants versés des exemples sont exactement ceux que calcule le moteur.
    v = charger_versement(versement)
    verses = {s.identifiant: s.montant_verse_centimes for s in v.salaries}
    assert {b["identifiant"]: b["montant_centimes"] for b in r["beneficiaires"]}.items() <= verses.items()
    # Le tableau lisible affiche le contrôle de conservation.
    assert main(["repartir", str(accord), "--salaries", str(versement), "--exercice", exercice, "--periode", "1",
                 "--indicateurs", str(versement)]) == 0
    texte = capsys.readouterr().out
    assert "= enveloppe, au centime près" in texte


def test_repartir_montant_et_csv(capsys):
    accord = EXEMPLES / "sas-30-part-resultat.json"
    versement = EXEMPLES / "sas-30-part-resultat.versement.json"
    assert main(["repartir", str(accord), "--salaries", str(versement), "--exercice", "2026",
                 "--montant", "12 345,67", "--format", "csv"]) == 0
    lignes = capsys.readouterr().out.strip().splitlines()
    assert lignes[0].startswith("identifiant;nom;")
    total = sum(int(lg.split(";")[-1].replace("\u00a0", "").replace(" ", "").replace(",", "")) for lg in lignes[1:])
    assert total <= 1_234_567


def test_erreurs_en_francais_sans_trace(tmp_path, capsys):
    f = tmp_path / "casse.json"
    f.write_text('{"entreprise": ', encoding="utf-8")
    assert main(["calendrier", str(f)]) == 2
    err = capsys.readouterr().err
    assert "JSON illisible" in err and "Traceback" not in err
    assert main(["repartir", str(EXEMPLES / "sas-30-part-resultat.json"), "--salaries",
                 str(EXEMPLES / "sas-30-part-resultat.versement.json"), "--exercice", "2031", "--montant", "10"]) == 2
    assert "aucune période" in capsys.readouterr().err


def test_commande_installee():
    r = subprocess.run([sys.executable, "-m", "interessement.cli", "schema", "--versement"], capture_output=True,
                       text=True, check=False)
    assert r.returncode == 0 and '"title": "Versement' in r.stdout


def test_repartir_depuis_un_csv_excel_francais(tmp_path, capsys):
    # Un export Excel français : « ; », virgule décimale, Windows-1252, accents dans les noms.
    csv_texte = (
        "Matricule;Nom;Salaire brut;Jours inscrits;Absences maladie;Absences maternité\r\n"
        "A1;Hélène Fourès;32 500,00;365;10;0\r\n"
        "A2;Gaëtan Lefèvre;28 000,50;365;0;0\r\n"
        "A3;Zoé Čapek;14 000,00;182;0;30\r\n"
    )
    f = tmp_path / "salaries.csv"
    f.write_bytes(csv_texte.replace("Č", "C").encode("cp1252"))
    code = main(["repartir", str(EXEMPLES / "sas-30-part-resultat.json"), "--salaries", str(f), "--exercice",
                 "2026", "--montant", "1000", "--format", "json"])
    assert code == 0, capsys.readouterr().err
    r = json.loads(capsys.readouterr().out)
    montants = {b["identifiant"]: b["montant_centimes"] for b in r["beneficiaires"]}
    assert sum(montants.values()) + r["reliquat_centimes"] == 100_000
    assert montants["A1"] > montants["A2"] > montants["A3"] > 0


def test_repartir_csv_avec_erreurs_les_signale_toutes(tmp_path, capsys):
    f = tmp_path / "salaries.csv"
    f.write_text("identifiant;salaire_brut;jours_inscrits\nA1;-5;365\nA2;abc;365\nA3;100;jours\n", encoding="utf-8")
    assert main(["repartir", str(EXEMPLES / "sas-30-part-resultat.json"), "--salaries", str(f), "--exercice",
                 "2026", "--montant", "1000"]) == 2
    err = capsys.readouterr().err
    assert "Ligne 2" in err and "Ligne 3" in err and "Ligne 4" in err


def test_aide_en_francais(capsys):
    with pytest.raises(SystemExit) as fin:
        main(["--help"])
    assert fin.value.code == 0
    sortie = capsys.readouterr().out
    assert sortie.startswith("utilisation : interessement") and "affiche cette aide" in sortie
    assert "show this help" not in sortie and "usage:" not in sortie
    with pytest.raises(SystemExit) as fin:
        main(["repartir"])
    assert fin.value.code == 2
    assert "arguments obligatoires manquants" in capsys.readouterr().err
