"""Parcours « Calculer et verser les primes » dans un vrai Chromium contre un vrai serveur Streamlit.

L'accord d'exemple déposé, ses chiffres de clôture saisis, un fichier des salariés tel qu'Excel (version française)
l'enregistre, puis les 12 DSN mensuelles d'une entreprise : les fiches individuelles (.zip) et l'export de paie
téléchargés, dont les montants sont ceux de ``interessement repartir`` sur les mêmes données, au centime près. À
chaque état : capture, aucun mot anglais, aucune violation grave d'accessibilité, aucune exception, aucune requête
vers un hôte extérieur.
"""

from __future__ import annotations

import json
import zipfile

import pytest
from outils_navigateur import (
    Releve,
    attendre,
    choisir,
    cliquer,
    deposer,
    saisir,
    telecharger,
)
from outils_versement import (
    ACCORD,
    EXERCICE,
    MASSE_EUROS,
    RCAI_EUROS,
    csv_salaries,
    dsn_entreprise,
    lire_export_csv,
)

from interessement.cli import main

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.navigateur


def repartir(arguments: list[str], capsys) -> dict[str, int]:
    capsys.readouterr()
    assert main(["repartir", str(ACCORD), "--exercice", EXERCICE, *arguments, "--format", "json"]) == 0
    return {b["identifiant"]: b["montant_centimes"] for b in json.loads(capsys.readouterr().out)["beneficiaires"]}


def test_parcours_versement_fichier_puis_douze_dsn(serveur, onglet, tmp_path, capsys):
    page = onglet
    releve = Releve("versement")
    page.goto(f"{serveur.url}/versement")
    attendre(page)
    expect(page.get_by_role("heading", name="Calculer et verser les primes")).to_be_visible()
    releve.noter(page, "accueil")

    choisir(page, "primes_source_accord", "Un fichier : l'accord JSON, ou le document Word généré ici")
    deposer(page, "primes_fichier_accord", [ACCORD])
    expect(page.get_by_role("heading", name="2. Les chiffres de clôture")).to_be_visible()
    saisir(page, "primes_p1_resultat_courant_avant_impot", str(RCAI_EUROS))
    saisir(page, "primes_p1_masse", str(MASSE_EUROS))
    expect(page.locator("[data-testid='stMetric']").filter(has_text="Enveloppe à répartir")).to_contain_text(
        "37\u00a0000,00")
    releve.noter(page, "chiffres")

    # Le fichier des salariés, tel qu'Excel l'enregistre
    csv = tmp_path / "salariés.csv"
    csv.write_bytes(csv_salaries())
    choisir(page, "primes_source_salaries", "Un fichier des salariés (CSV ou Excel)")
    deposer(page, "primes_fichier_salaries", [csv])
    expect(page.get_by_text("au centime près")).to_be_visible(timeout=60_000)
    saisir(page, "primes_p1_information", "15/04/2027")
    releve.noter(page, "repartition-fichier")
    export = lire_export_csv(telecharger(page, "primes_export_csv").read_bytes())
    indicateurs = tmp_path / "indicateurs.json"
    indicateurs.write_text(json.dumps({"valeurs": {"resultat_courant_avant_impot": RCAI_EUROS * 100},
                                       "masse_salariale_centimes": MASSE_EUROS * 100}))
    cli = repartir(["--salaries", str(csv), "--indicateurs", str(indicateurs)], capsys)
    assert {k: v["Prime brute de la période"] for k, v in export.items()} == cli
    cliquer(page, "primes_preparer_fiches")
    archive = tmp_path / "fiches.zip"
    archive.write_bytes(telecharger(page, "primes_fiches_zip").read_bytes())
    with zipfile.ZipFile(archive) as z:
        assert len([n for n in z.namelist() if n.endswith(".docx")]) == sum(1 for v in cli.values() if v > 0)
    releve.noter(page, "documents-fichier")

    # Puis les 12 DSN mensuelles d'une entreprise
    dossier = tmp_path / "dsn"
    dossier.mkdir()
    for nom, octets in dsn_entreprise().items():
        (dossier / nom).write_bytes(octets)
    choisir(page, "primes_source_salaries", "Les DSN mensuelles de l'exercice (fichiers .dsn ou .txt)")
    deposer(page, "primes_fichiers_dsn", sorted(dossier.iterdir()))
    expect(page.get_by_text("12 DSN lues")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("au centime près")).to_be_visible(timeout=60_000)
    releve.noter(page, "repartition-dsn")
    export = lire_export_csv(telecharger(page, "primes_export_csv").read_bytes())
    cli = repartir(["--salaries", str(dossier), "--indicateurs", str(indicateurs)], capsys)
    assert {k: v["Prime brute de la période"] for k, v in export.items()} == cli
    ics = telecharger(page, "primes_ics").read_bytes()
    assert ics.startswith(b"BEGIN:VCALENDAR") and b"Date limite de versement" in ics

    # Un rechargement garde l'accord et les chiffres, pas les salariés
    page.reload()
    attendre(page)
    expect(page.locator("[data-testid='stMetric']").filter(has_text="Enveloppe à répartir")).to_contain_text(
        "37\u00a0000,00")
    expect(page.get_by_text("au centime près")).to_have_count(0)
    releve.noter(page, "rechargement")
    assert page.requetes.exterieures() == []
    releve.verifier()
