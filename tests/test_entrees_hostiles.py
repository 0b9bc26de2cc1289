"""Entrées hostiles : chaque mauvaise entrée donne un message français (code 2, ou 1 pour un constat BLOQUANT),
jamais une trace Python ni un message anglais."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from chemins import RACINE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interessement import format as fmt
from interessement.cli import main, traduire_erreur_argparse
from interessement.modele import MONTANT_MAX_CENTIMES, charger_accord, charger_versement

EXEMPLE = RACINE / "examples" / "sas-30-part-resultat.json"
VERSEMENT = RACINE / "examples" / "sas-30-part-resultat.versement.json"
ANGLAIS = re.compile(r"Traceback|Errno|No such file|Is a directory|Permission denied|invalid \w+ value|choose from|"
                     r"Input should|Unable to parse|exceeded maximum|positional arguments|Value error")


def _accord() -> dict:
    return json.loads(EXEMPLE.read_text(encoding="utf-8"))


def _lancer(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # erreurs d'usage d'argparse
        code = int(exc.code or 0)
    sortie = capsys.readouterr()
    return code, sortie.err


def _francais(err: str) -> None:
    assert err.strip(), "message d'erreur vide"
    assert not ANGLAIS.search(err), err


# ------------------------------------------------------------------------------------------ fichiers illisibles

CONTENUS = {
    "vide.json": b"",
    "binaire.json": bytes(range(256)) * 4,
    "tronque.json": EXEMPLE.read_bytes()[:300],
    "liste.json": b"[1, 2]",
    "null.json": b"null",
    "nombre.json": b"42",
    "profond.json": b"[" * 100_000 + b"]" * 100_000,
    "nan.json": EXEMPLE.read_bytes().replace(b'"taux": 0.2', b'"taux": NaN'),
    "flottant_enorme.json": EXEMPLE.read_bytes().replace(b'"seuil_centimes": 10000000', b'"seuil_centimes": 1e308'),
}


@pytest.mark.parametrize("commande", [["calendrier"], ["simuler", "--scenarios", "10"], ["generer"]])
@pytest.mark.parametrize("nom", sorted(CONTENUS))
def test_accord_illisible(tmp_path: Path, capsys: pytest.CaptureFixture[str], commande: list[str], nom: str) -> None:
    chemin = tmp_path / nom
    chemin.write_bytes(CONTENUS[nom])
    argv = [commande[0], str(chemin), *commande[1:]]
    if commande[0] == "generer":
        argv += ["--sortie", str(tmp_path / "sortie")]
    code, err = _lancer(capsys, argv)
    assert code == 2
    _francais(err)
    assert nom in err


@pytest.mark.parametrize("chemin", ["/nexiste/pas.json", "DOSSIER"])
def test_chemin_absent_ou_dossier(tmp_path: Path, capsys: pytest.CaptureFixture[str], chemin: str) -> None:
    chemin = str(tmp_path) if chemin == "DOSSIER" else chemin
    for argv in (["calendrier", chemin], ["simuler", chemin], ["generer", chemin, "--sortie", str(tmp_path / "s")],
                 ["repartir", str(EXEMPLE), "--salaries", chemin, "--exercice", "2026", "--montant", "1"]):
        code, err = _lancer(capsys, argv)
        assert code == 2, argv
        _francais(err)


def test_versement_qui_n_est_pas_un_objet(tmp_path: Path) -> None:
    from interessement.erreurs import ErreurEntree

    with pytest.raises(ErreurEntree, match="décrivant le versement"):
        charger_versement(b"[1]")


# ------------------------------------------------------------------------------------------ nombres démesurés


@pytest.mark.parametrize("taux", [10**30, 1000, "1e999999", "1e-999999"])
def test_taux_demesure_refuse_a_la_lecture(tmp_path: Path, capsys: pytest.CaptureFixture[str], taux: object) -> None:
    """Issue 13 : « 1e999999 » coûtait 48 s puis une trace decimal.Overflow ; refusé à la lecture, champ nommé."""
    donnees = _accord()
    donnees["formule"]["composantes"][0]["taux"] = taux
    chemin = tmp_path / "accord.json"
    chemin.write_text(json.dumps(donnees), encoding="utf-8")
    code, err = _lancer(capsys, ["simuler", str(chemin), "--scenarios", "10"])
    assert code == 2, err
    _francais(err)
    assert "formule.composantes[0].taux" in err


@given(st.integers(min_value=0, max_value=10**60), st.integers(min_value=0, max_value=4))
@settings(max_examples=60, deadline=None)
def test_nombre_enorme_mis_en_forme(valeur: int, decimales: int) -> None:
    assert fmt.nombre(valeur, decimales).replace("\u00a0", "").startswith(str(valeur)[:5])


@pytest.mark.parametrize("montant", [MONTANT_MAX_CENTIMES + 1, 10**30])
def test_centimes_demesures_refuses_en_francais(montant: int) -> None:
    from interessement.erreurs import ErreurEntree

    donnees = json.loads(VERSEMENT.read_text(encoding="utf-8"))
    donnees["salaries"][0]["salaire_brut_centimes"] = montant
    with pytest.raises(ErreurEntree) as info:
        charger_versement(json.dumps(donnees).encode())
    assert "salaries[0].salaire_brut_centimes : montant démesuré" in str(info.value)


def test_salaire_demesure_dans_le_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "salaries.csv"
    csv.write_text("identifiant;nom;salaire_brut;jours_inscrits\nA1;Dupont;1" + "0" * 30 + ";365\n", encoding="utf-8")
    code, err = _lancer(capsys, ["repartir", str(EXEMPLE), "--salaries", str(csv), "--exercice", "2026",
                                 "--montant", "1000"])
    assert code == 2
    _francais(err)
    assert "Ligne 2" in err and "salaire_brut" in err and "démesuré" in err


@pytest.mark.parametrize("montant", ["abc", "-5", "nan", "inf", "", "1,2,3", "0,001", "1" + "0" * 40, "1e999"])
def test_montant_invalide(tmp_path: Path, capsys: pytest.CaptureFixture[str], montant: str) -> None:
    csv = tmp_path / "s.csv"
    csv.write_text("identifiant;nom;salaire_brut;jours_inscrits\nA1;Dupont;30000;365\n", encoding="utf-8")
    code, err = _lancer(capsys, ["repartir", str(EXEMPLE), "--salaries", str(csv), "--exercice", "2026",
                                 "--montant", montant])
    assert code == 2
    _francais(err)
    assert "--montant" in err


# ------------------------------------------------------------------------------------------ dates hors période


@pytest.mark.parametrize("annee", [2010, 2015])
def test_accord_avant_la_periode_modelisee(tmp_path: Path, capsys: pytest.CaptureFixture[str], annee: int) -> None:
    donnees = _accord()
    donnees["periode"].update(date_effet=f"{annee}-01-01", date_cloture_premier_exercice=f"{annee}-12-31")
    donnees["mise_en_place"]["date_conclusion"] = f"{annee}-05-15"
    donnees["depot"]["date_depot"] = f"{annee}-06-10"
    chemin = tmp_path / "accord.json"
    chemin.write_text(json.dumps(donnees), encoding="utf-8")
    code, err = _lancer(capsys, ["calendrier", str(chemin)])
    assert code == 2
    _francais(err)
    assert "hors période modélisée" in err and "vérifiez les dates de l'accord" in err


def test_exercice_dont_les_parametres_ne_sont_pas_encore_connus(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "s.csv"
    csv.write_text("identifiant;nom;salaire_brut;jours_inscrits\nA1;Dupont;30000;365\n", encoding="utf-8")
    # L'exemple déplacé en 2090 : le PASS de ses exercices ne sera pas publié avant longtemps (jamais un test sauté
    # le jour où celui de l'exemple le sera).
    d = json.loads(EXEMPLE.read_text(encoding="utf-8"))
    d["periode"] |= {"date_effet": "2090-01-01", "date_cloture_premier_exercice": "2090-12-31"}
    d["mise_en_place"]["date_conclusion"] = "2090-05-15"
    d["depot"]["date_depot"] = "2090-06-10"
    futur = tmp_path / "accord-2090.json"
    futur.write_text(json.dumps(d), encoding="utf-8")
    derniere = charger_accord(futur).periodes()[-1].fin.year
    code, err = _lancer(capsys, ["repartir", str(futur), "--salaries", str(csv), "--exercice", str(derniere),
                                 "--montant", "100"])
    assert code == 2
    _francais(err)
    assert "pas encore connue" in err or "vérifiez les dates" in err


# ------------------------------------------------------------------------------------------ sorties et usage


@pytest.mark.parametrize("sortie", ["DOSSIER", "/nexiste/pas/rapport.csv"])
@pytest.mark.parametrize("format_", ["texte", "csv", "json"])
def test_sortie_impossible(tmp_path: Path, capsys: pytest.CaptureFixture[str], sortie: str, format_: str) -> None:
    sortie = str(tmp_path) if sortie == "DOSSIER" else sortie
    csv = tmp_path / "s.csv"
    csv.write_text("identifiant;nom;salaire_brut;jours_inscrits\nA1;Dupont;30000;365\n", encoding="utf-8")
    code, err = _lancer(capsys, ["repartir", str(EXEMPLE), "--salaries", str(csv), "--exercice", "2026",
                                 "--montant", "100", "--format", format_, "--sortie", sortie])
    assert code == 2
    _francais(err)
    assert "--sortie" in err and "écriture impossible" in err


@pytest.mark.parametrize("argv", [
    ["schema", "--sortie", "DOSSIER"],
    ["regles", "--sortie", "DOSSIER"],
    ["calendrier", str(EXEMPLE), "--ics", "DOSSIER"],
    ["valider", str(EXEMPLE), "--sans-simulation", "--sortie", "DOSSIER"],
    ["valider", str(EXEMPLE), "--sans-simulation", "--format", "csv", "--sortie", "/nexiste/pas/r.csv"],
    ["generer", str(EXEMPLE), "--sortie", "/proc/nexiste/pas"],
])
def test_sortie_impossible_toutes_commandes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            argv: list[str]) -> None:
    argv = [str(tmp_path) if a == "DOSSIER" else a for a in argv]
    code, err = _lancer(capsys, argv)
    assert code == 2
    _francais(err)


@pytest.mark.parametrize("argv", [
    ["repartir", "a.json", "--salaries", "s.csv", "--exercice", "abc", "--montant", "1"],
    ["calendrier", "a.json", "--format", "pdf"],
    ["simuler", "a.json", "--scenarios", "abc"],
    ["simuler", "a.json", "--graine", "1.5"],
    ["zorglub"],
    ["repartir", "a.json"],
    ["repartir", "a.json", "--salaries", "s", "--exercice", "1", "--montant", "1", "--indicateurs", "i"],
])
def test_erreurs_d_usage_en_francais(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, err = _lancer(capsys, argv)
    assert code == 2
    _francais(err)
    assert "erreur :" in err


def test_aide_en_francais(capsys: pytest.CaptureFixture[str]) -> None:
    for commande in ("calendrier", "repartir", "simuler", "valider", "generer"):
        with pytest.raises(SystemExit):
            main([commande, "--help"])
        aide = capsys.readouterr().out
        assert "positional arguments" not in aide and "options:" in aide


def test_traduction_argparse() -> None:
    assert traduire_erreur_argparse("argument --x: invalid int value: 'a'") == \
        "argument --x : nombre entier attendu (reçu : « a »)"


@pytest.mark.parametrize("scenarios", ["0", "-1", "100000000000"])
def test_scenarios_hors_bornes(capsys: pytest.CaptureFixture[str], scenarios: str) -> None:
    code, err = _lancer(capsys, ["simuler", str(EXEMPLE), "--scenarios", scenarios])
    assert code == 2
    _francais(err)


@given(st.binary(max_size=300))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_octets_quelconques_comme_accord(capsys: pytest.CaptureFixture[str], octets: bytes) -> None:
    from interessement.erreurs import ErreurEntree

    with pytest.raises(ErreurEntree) as info:
        charger_accord(octets)
    _francais(str(info.value))


def test_copie_profonde_inchangee() -> None:  # l'exemple sert de base aux mutations ci-dessus
    assert copy.deepcopy(_accord()) == _accord()


def test_historique_csv_demesure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "historique.csv"
    csv.write_text("periode;masse_salariale;resultat_courant_avant_impot\n"
                   + "".join(f"{a};1{'0' * 30};80000\n" for a in range(2015, 2025)), encoding="utf-8")
    code, err = _lancer(capsys, ["simuler", str(EXEMPLE), "--scenarios", "10", "--historique", str(csv)])
    assert code == 2
    _francais(err)
    assert "ligne 2, colonne « masse_salariale » : masse salariale démesurée" in err
