"""Issue 13 (« sous attaque et sous charge ») : un test par point, chaque entrée hostile fabriquée dans le test.

Points 1 (bornes des entrées), 3 (injection de formule), 5 (traces et messages anglais), 6 (lots qui disent vrai),
7 (fichiers temporaires), 8 (avertissements du lecteur), 9 (horizon de simulation). Les bornes elles-mêmes sont dans
interessement/bornes.py ; le banc bench/bench_limites.py mesure le pire de chaque famille.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
import warnings
from pathlib import Path

import pytest
from fabrique_hostiles import (
    EXEMPLE,
    accord,
    accord_avec,
    csv_colonnes,
    csv_lignes_minuscules,
    versement,
    xlsx_bombe,
    xlsx_cellule_lointaine,
    xlsx_salaries,
)

from interessement import assainir, bornes
from interessement.assainir import cellule_tableur, nettoyer_texte
from interessement.cli import main
from interessement.erreurs import ErreurEntree
from interessement.fichiers_salaries import lire_fichier_salaries
from interessement.modele import accord_depuis_dict, charger_accord, charger_versement

ANGLAIS = ("Traceback", "Error", "Exceeds the limit", "out of range", "codec", "Input should", "Value error")


def _lancer(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


def _francais(texte: str) -> None:
    assert texte.strip()
    for mot in ANGLAIS:
        assert mot not in texte, texte


def _ecrire(chemin: Path, donnees: object) -> Path:
    chemin.write_text(json.dumps(donnees, ensure_ascii=True), encoding="utf-8")
    return chemin


# ------------------------------------------------------------------------------- 1. bornes des entrées


@pytest.mark.parametrize("chemin, valeur, champ", [
    (("formule", "composantes", 0, "taux"), "1e999999", "formule.composantes[0].taux"),
    (("formule", "composantes", 0, "taux"), "1e-999999", "formule.composantes[0].taux"),
    (("formule", "composantes", 0, "seuil_centimes"), 10**40, "formule.composantes[0].seuil_centimes"),
    (("entreprise", "resultats_fiscaux", 0, "benefice_net_fiscal_centimes"), -(10**16),
     "entreprise.resultats_fiscaux[0].benefice_net_fiscal_centimes"),
    (("periode", "date_effet"), "9999-01-01", "periode.date_effet"),
    (("entreprise", "adresse"), "x" * (bornes.TEXTE_MAX + 1), "entreprise.adresse"),
    (("mise_en_place", "signataires"), [{"nom": "A", "qualite": "B"}] * (bornes.LISTE_MAX + 1),
     "mise_en_place.signataires"),
])
def test_accord_demesure_refuse_a_la_lecture_en_nommant_le_champ(chemin, valeur, champ) -> None:
    with pytest.raises(ErreurEntree) as info:
        charger_accord(json.dumps(accord_avec({chemin: valeur})).encode())
    texte = str(info.value)
    assert champ in texte
    _francais(texte)


def test_entier_de_5000_chiffres_nomme_son_champ() -> None:
    """« Exceeds the limit (4300 digits) for integer string conversion » : désormais un message qui dit où."""
    v = versement()
    v["valeurs"]["resultat_courant_avant_impot"] = 424242
    texte = json.dumps(v).replace("424242", "9" * 5000)
    with pytest.raises(ErreurEntree) as info:
        charger_versement(texte.encode())
    assert "valeurs.resultat_courant_avant_impot : nombre démesuré" in str(info.value)
    _francais(str(info.value))


def test_nombre_json_infini_nomme_son_champ() -> None:
    texte = json.dumps(accord()).replace('"taux": 0.2', '"taux": 1e999999')
    with pytest.raises(ErreurEntree) as info:
        charger_accord(texte.encode())
    assert "formule.composantes[0].taux : nombre démesuré" in str(info.value)


def test_trop_de_salaries_dans_un_versement(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assainir, "SALARIES_MAX", 3)
    v = versement()
    assert len(v["salaries"]) > 3
    with pytest.raises(ErreurEntree) as info:
        charger_versement(json.dumps(v).encode())
    assert "salaries : liste trop longue" in str(info.value)


def test_bornes_dans_le_schema_json() -> None:
    from interessement.modele import schema_accord, schema_versement

    texte = json.dumps(schema_accord()) + json.dumps(schema_versement())
    assert '"maximum": 100' in texte and '"formatMaximum": "2200-12-31"' in texte
    assert f'"maxItems": {bornes.SALARIES_MAX}' in json.dumps(schema_versement())


def test_xlsx_bombe_zip_refusee_vite() -> None:
    lecture = lire_fichier_salaries(xlsx_bombe(30_000_000), "bombe.xlsx")
    assert len(lecture.erreurs) == 1 and "anormalement compressée" in str(lecture.erreurs[0])


def test_xlsx_decompresse_trop_gros(monkeypatch: pytest.MonkeyPatch) -> None:
    import interessement.fichiers_salaries as fs

    monkeypatch.setattr(fs, "XLSX_DECOMPRESSE_MAX", 100_000)
    lecture = lire_fichier_salaries(xlsx_salaries(2_000), "gros.xlsx")
    assert "se décompresse en" in str(lecture.erreurs[0])


def test_xlsx_cellule_lointaine_et_dimensions_mensongeres() -> None:
    lecture = lire_fichier_salaries(xlsx_cellule_lointaine(5_000_000), "loin.xlsx")
    assert "limite d'Excel" in str(lecture.erreurs[0])
    lecture = lire_fichier_salaries(xlsx_cellule_lointaine(3, "XFD"), "large.xlsx")
    assert "colonnes (au plus" in str(lecture.erreurs[0])


def test_xlsx_lu_en_continu() -> None:
    lecture = lire_fichier_salaries(xlsx_salaries(50), "ok.xlsx")
    assert lecture.ok and len(lecture.salaries) == 50
    assert lecture.salaries[0]["salaire_brut_centimes"] == 325_000_000


def test_csv_trop_de_lignes_ou_de_colonnes() -> None:
    lecture = lire_fichier_salaries(csv_lignes_minuscules(2 * bornes.LIGNES_MAX + 1_000), "lignes.csv")
    assert "lignes" in str(lecture.erreurs[0]) and "SALARIES_MAX" in str(lecture.erreurs[0])
    lecture = lire_fichier_salaries(csv_colonnes(bornes.COLONNES_MAX + 10), "colonnes.csv")
    assert "colonnes (au plus" in str(lecture.erreurs[0])


def test_le_televersement_de_l_assistant_a_les_memes_bornes() -> None:
    """L'assistant lit le fichier téléversé par le même lecteur (``services`` → ``lire_fichier_salaries``)."""
    import inspect

    from interface import services

    assert "lire_fichier_salaries" in inspect.getsource(services)


# ------------------------------------------------------------------------------- 3. injection de formule


@pytest.mark.parametrize("texte", ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
                                   "\t=1", "\r=1", "\uff1d1+1"])
def test_cellule_formule_neutralisee(texte: str) -> None:
    assert cellule_tableur(texte).startswith("'")


@pytest.mark.parametrize("valeur", ["-1 234,56", "-5", "+3", "12,50 €", "-0,01", 42, -7, None, "Dupont", ""])
def test_nombres_et_textes_ordinaires_inchanges(valeur: object) -> None:
    assert cellule_tableur(valeur) == valeur


def test_repartir_csv_neutralise_les_noms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    salaries = tmp_path / "salaries.csv"
    salaries.write_text("Matricule;Nom;Salaire brut;Jours inscrits\n"
                        "=1+1;\"=HYPERLINK(\"\"http://x\"\")\";30000,00;365\n@A;-2+3;20000,00;200\n", encoding="utf-8")
    code, out, _ = _lancer(capsys, ["repartir", str(EXEMPLE), "--salaries", str(salaries), "--exercice", "2026",
                                    "--montant", "1000", "--format", "csv"])
    assert code == 0
    lignes = list(csv.reader(io.StringIO(out), delimiter=";"))
    assert [lg[0] for lg in lignes[1:]] == ["'=1+1", "'@A"]
    assert [lg[1] for lg in lignes[1:]] == ["'=HYPERLINK(\"http://x\")", "'-2+3"]
    assert sum(int(lg[-1].replace(",", "").replace("\u00a0", "")) for lg in lignes[1:]) == 100_000


def test_valider_csv_neutralise(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chemin = _ecrire(tmp_path / "a.json", accord_avec({("identifiant",): "=cmd|'/C calc'!A0"}))
    code, out, _ = _lancer(capsys, ["valider", str(chemin), "--format", "csv", "--sans-simulation"])
    assert code in (0, 1, 2)
    lignes = list(csv.reader(io.StringIO(out), delimiter=";"))
    assert all(not c.startswith(("=", "+", "@")) for lg in lignes for c in lg)
    assert any(c == "'=cmd|'/C calc'!A0" for lg in lignes for c in lg)


# ------------------------------------------------------------------------- 5. traces et messages anglais


def test_temps_travail_demesure_dans_le_versement_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    v = versement()
    for tt in (1e30, 2):
        v["salaries"][0]["temps_travail"] = tt
        chemin = _ecrire(tmp_path / "v.json", v)
        code, _, err = _lancer(capsys, ["repartir", str(EXEMPLE), "--salaries", str(chemin), "--exercice", "2026",
                                        "--montant", "1000"])
        assert code == 2
        assert "salaries[0].temps_travail" in err
        _francais(err)


def test_saut_de_ligne_dans_la_raison_sociale_et_ics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chemin = _ecrire(tmp_path / "a.json", accord_avec({("entreprise", "raison_sociale"): "Atelier\nDupont\r\nFils"}))
    code, out, err = _lancer(capsys, ["calendrier", str(chemin), "--ics", str(tmp_path / "c.ics")])
    assert code == 0, err
    assert "Atelier Dupont Fils" in out
    from icalendar import Calendar

    Calendar.from_ical((tmp_path / "c.ics").read_bytes())


def test_annee_10000_dite_en_francais(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    donnees = accord_avec({("periode", "date_effet"): "9999-06-01", ("periode", "date_cloture_premier_exercice"):
                           "9999-12-31"})
    code, _, err = _lancer(capsys, ["calendrier", str(_ecrire(tmp_path / "a.json", donnees))])
    assert code == 2 and "periode.date_effet : date hors des années admises" in err
    _francais(err)


def test_demi_paire_et_sequences_d_echappement(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Un \\ud800 tronquait le rapport JSON ; « ESC[2J » effaçait le terminal et imprimait un faux rapport."""
    piege = "Atelier\ud800 \x1b[2J\x1b[H\x1b]0;titre\x07CONFORME\x9b31m"
    a = _ecrire(tmp_path / "a.json", accord_avec({("entreprise", "raison_sociale"): piege}))
    b = _ecrire(tmp_path / "b.json", accord())
    sortie = tmp_path / "rapport.json"
    code, _, err = _lancer(capsys, ["valider", str(a), str(b), "--format", "json", "--sortie", str(sortie),
                                    "--sans-simulation"])
    rapport = json.loads(sortie.read_text(encoding="utf-8"))
    assert len(rapport["rapports"]) == 2 and rapport["synthese"]
    code, out, err = _lancer(capsys, ["calendrier", str(a)])
    assert code == 0
    assert "\x1b" not in out + err and "\x9b" not in out + err
    assert "Atelier\ufffd CONFORME" in out


def test_nettoyer_texte() -> None:
    assert nettoyer_texte("a\x1b[31mb\x1b[0m\x00c\ud800") == "abc\ufffd"
    assert nettoyer_texte("ligne 1\r\nligne 2\tx") == "ligne 1\nligne 2\tx"
    assert nettoyer_texte("A\nB\u2028C", une_ligne=True) == "A B C"
    assert accord_depuis_dict(accord_avec({("entreprise", "raison_sociale"): "X\x07\x1b[2JY"})) \
        .entreprise.raison_sociale == "XY"


# --------------------------------------------------------------------------------- 6. lots qui disent vrai


def _refuser_scandir(monkeypatch: pytest.MonkeyPatch, refuse: Path) -> None:
    """Root lit tout : le refus d'accès est simulé sur ``os.scandir`` (que ``os.walk`` appelle)."""
    vrai = os.scandir

    def scandir(chemin: object = ".") -> object:
        if Path(os.fsdecode(chemin)).resolve() == refuse.resolve():
            raise PermissionError(13, "Permission denied", os.fsdecode(chemin))
        return vrai(chemin)

    monkeypatch.setattr(os, "scandir", scandir)


def test_sous_dossier_illisible_signale(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _ecrire(tmp_path / "a.json", accord())
    (tmp_path / "prive").mkdir()
    _ecrire(tmp_path / "prive" / "b.json", accord())
    _refuser_scandir(monkeypatch, tmp_path / "prive")
    code, _, err = _lancer(capsys, ["valider", str(tmp_path), "--sans-simulation"])
    assert code == 2
    assert "prive : dossier illisible (accès refusé)" in err


def test_dossier_illisible_dit_acces_refuse(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _ecrire(tmp_path / "a.json", accord())
    _refuser_scandir(monkeypatch, tmp_path)
    code, _, err = _lancer(capsys, ["valider", str(tmp_path)])
    assert code == 2
    assert "accès refusé" in err and "aucun accord" not in err


@pytest.mark.parametrize("commande", ["valider", "repartir", "calendrier", "lire"])
def test_sortie_egale_a_une_entree_refusee(tmp_path: Path, capsys: pytest.CaptureFixture[str], commande: str) -> None:
    chemin = _ecrire(tmp_path / "accord.json", accord())
    avant = chemin.read_bytes()
    argv = {"valider": ["valider", str(chemin), "--sortie", str(chemin)],
            "repartir": ["repartir", str(chemin), "--salaries", str(chemin), "--exercice", "2026", "--montant", "1",
                         "--sortie", str(tmp_path / "." / "accord.json")],
            "calendrier": ["calendrier", str(chemin), "--ics", str(chemin)],
            "lire": ["lire", str(chemin), "--sortie", str(chemin)]}[commande]
    code, _, err = _lancer(capsys, argv)
    assert code == 2 and "l'un des fichiers à lire" in err
    assert chemin.read_bytes() == avant


def test_rapport_ecrit_dans_le_dossier_verifie_jamais_repris(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    _ecrire(tmp_path / "a.json", accord())
    sortie = tmp_path / "rapport.json"
    for _ in range(2):  # la seconde fois, le rapport de la première est là
        _lancer(capsys, ["valider", str(tmp_path), "--format", "json", "--sortie", str(sortie),
                         "--sans-simulation"])
        rapport = json.loads(sortie.read_text(encoding="utf-8"))
        assert [r["source"] for r in rapport["rapports"]] == [str(tmp_path / "a.json")]
        assert rapport["illisibles"] == []


# ------------------------------------------------------------------------------ 7. fichiers temporaires


def test_conversion_pdf_interrompue_ne_laisse_rien(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Un faux LibreOffice qui lance un enfant (comme soffice.bin) puis dépasse le délai."""
    import tempfile

    from interessement.documents import pdf

    temporaire = tmp_path / "tmp"
    temporaire.mkdir()
    trace = tmp_path / "trace.txt"
    faux = tmp_path / "soffice"
    faux.write_text(f"""#!{sys.executable}
import os, subprocess, sys, time
outdir = sys.argv[sys.argv.index("--outdir") + 1]
open({str(trace)!r}, "w").write(oct(os.stat(os.path.dirname(outdir)).st_mode & 0o777) + " " + oct(os.umask(0)))
subprocess.Popen([sys.executable, "-c", "import time, sys; time.sleep(3); open(sys.argv[1] + '/x.pdf', 'w').write('x')",
                  outdir])
time.sleep(30)
""", encoding="utf-8")
    faux.chmod(0o700)
    monkeypatch.setenv("INTERESSEMENT_SOFFICE", str(faux))
    monkeypatch.setattr(pdf, "DELAI_SECONDES", 1)
    monkeypatch.setattr(tempfile, "tempdir", str(temporaire))
    with pytest.raises(ErreurEntree, match="dépassé 1 secondes"):
        pdf.convertir_en_pdf({"accord.docx": _docx_minimal()}, tmp_path)
    mode, umask = trace.read_text().split()
    assert mode == "0o700" and umask == "0o77"
    import time

    time.sleep(3.5)  # l'enfant aurait écrit son PDF dans le dossier supprimé
    assert list(temporaire.iterdir()) == []


def _docx_minimal() -> bytes:
    import docx

    tampon = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Accord")
    document.save(tampon)
    return tampon.getvalue()


# -------------------------------------------------------------------- 8. avertissements du lecteur (CLI)


def test_repartir_affiche_les_avertissements_du_lecteur(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    salaries = tmp_path / "s.csv"
    salaries.write_text("Matricule;Nom;Salaire brut;Jours inscrits;Couleur préférée\nM1;A;30000,00;365;bleu\n",
                        encoding="utf-8")
    code, out, err = _lancer(capsys, ["repartir", str(EXEMPLE), "--salaries", str(salaries), "--exercice", "2026",
                                      "--montant", "100"])
    assert code == 0
    assert "Colonne ignorée : « Couleur préférée »" in err and "Couleur" not in out


# ----------------------------------------------------------------------- 9. horizon de la simulation


def test_accord_de_99_ans_mensuel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    donnees = accord_avec({("periode", "duree_annees"): 99, ("periode", "periode_calcul_mois"): 1})
    chemin = _ecrire(tmp_path / "a.json", donnees)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        code, out, err = _lancer(capsys, ["simuler", str(chemin), "--scenarios", "2000", "--format", "json"])
    assert code == 0, err
    resultat = json.loads(out)
    mc = resultat["monte_carlo"] if "monte_carlo" in resultat else resultat
    periodes = mc["periodes"]
    assert len(periodes) == bornes.PERIODES_SIMULEES_MAX
    assert any("limitée aux 60 premières périodes" in n for n in mc["notes"])
    for p in periodes:
        assert all(0 <= v <= bornes.MONTANT_MAX_CENTIMES for v in p["quantiles_enveloppe_centimes"].values())
    assert all(v >= 0 for v in mc["quantiles_total_centimes"].values())


def test_saturation_des_chemins_simules() -> None:
    import numpy as np

    from interessement.simulation.monte_carlo import _saturer

    etat = np.array([[np.inf, -np.inf, np.nan, 1.0], [1e300, -1e300, 5.0, np.inf]])
    _saturer(etat, 1)
    assert np.isfinite(etat).all() and etat[1].min() >= 0 and etat.max() <= float(bornes.NOMBRE_MAX)


def test_mode_des_dossiers_temporaires_python() -> None:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="interessement-pdf-") as d:
        assert stat.S_IMODE(os.stat(d).st_mode) == 0o700


def test_historique_csv_borne() -> None:
    from interessement.simulation.historique import lire_historique_csv

    lignes = ["periode;masse_salariale;resultat_courant_avant_impot"] + [
        f"{1000 + i};1000000,00;50000,00" for i in range(bornes.LISTE_MAX + 5)]
    with pytest.raises(ErreurEntree) as info:
        lire_historique_csv("\n".join(lignes).encode(), accord=charger_accord(EXEMPLE))
    assert f"plus de {bornes.LISTE_MAX} périodes" in str(info.value)


@pytest.mark.parametrize("montant", ["1e999999", "9" * 5000, "1e30"])
def test_montant_demesure_en_ligne_de_commande(tmp_path: Path, capsys: pytest.CaptureFixture[str], montant: str) -> None:
    salaries = tmp_path / "s.csv"
    salaries.write_text("Matricule;Salaire brut;Jours inscrits\nM1;30000,00;365\n", encoding="utf-8")
    code, _, err = _lancer(capsys, ["repartir", str(EXEMPLE), "--salaries", str(salaries), "--exercice", "2026",
                                    "--montant", montant])
    assert code == 2 and "--montant : montant démesuré" in err
    _francais(err)


def test_exports_de_paiement_neutralises() -> None:
    """Les exports CSV et XLSX de la page des primes : un nom « =HYPERLINK(…) » n'y devient jamais une formule."""
    from openpyxl import load_workbook

    from interessement import paiement
    from interessement.calcul import calculer_versement
    from interessement.modele import versement_depuis_dict

    v = versement()
    v["salaries"] = v["salaries"][:2]
    v["salaries"][0].update(identifiant="@A1", nom="=HYPERLINK(\"http://x\",\"y\")")
    v["salaries"][1].update(nom="-2+3")
    a = charger_accord(EXEMPLE)
    versement_lu = versement_depuis_dict(v)
    lignes = paiement.lignes_paie(a, versement_lu, calculer_versement(a, versement_lu, montant_centimes=100_000))
    texte = paiement.export_csv(lignes).decode("utf-8-sig")
    cellules = [c for lg in csv.reader(io.StringIO(texte), delimiter=";") for c in lg]
    assert "'=HYPERLINK(\"http://x\",\"y\")" in cellules and "'@A1" in cellules and "'-2+3" in cellules
    feuille = load_workbook(io.BytesIO(paiement.export_xlsx(lignes))).active
    valeurs = [c for lg in feuille.iter_rows(values_only=True) for c in lg]
    assert all(not (isinstance(x, str) and x.startswith(("=", "@", "+"))) for x in valeurs)
    assert any(isinstance(x, int | float) for x in valeurs)  # les montants restent des nombres


def test_dsn_de_lignes_fautives_arretee_vite() -> None:
    """20 Mo de lignes illisibles gardaient 10 millions d'erreurs (3,5 Go, 23 s) : la lecture s'arrête à 50."""
    import datetime

    from interessement.dsn import lire_dsn

    r = lire_dsn([b"S\n" * 2_000_000], (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)), noms=["x.dsn"])
    assert len(r.erreurs) <= 60 and "lecture arrêtée après 50 erreurs" in str(r.erreurs[-1])
