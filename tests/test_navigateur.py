"""Parcours dans un vrai Chromium contre un vrai serveur Streamlit : de la première page au .docx téléchargé,
la page des vérificateurs sur un dossier d'exemples, la reprise d'un brouillon après rechargement.

Chaque étape est capturée dans ``tests/captures/`` (ignoré par git) pour être regardée.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from chemins import EXEMPLES
from outils_navigateur import (  # noqa: F401 - fixtures
    attendre,
    capture,
    cliquer,
    navigateur,
    onglet,
    saisir,
    serveur,
    widget,
)

import validators
from interessement.documents import controler_document, lire_accord

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.navigateur

ETAPES = ["Entreprise", "Mode de mise en place", "Dates et durée", "Bénéficiaires", "Formule de calcul",
          "Répartition entre salariés", "Versement et épargne salariale", "Information et signataires",
          "Récapitulatif et vérification", "Documents"]


def _csv_30_salaries() -> bytes:
    lignes = ["identifiant;nom;salaire_brut;jours_inscrits;absences_maladie;absences_maternite;temps_travail"]
    for i in range(30):
        salaire = f"{27_000 + 1_150 * i},{i % 100:02d}"
        jours = 365 if i % 9 else 200
        temps = "0,8" if i % 7 == 3 else "1"
        lignes.append(f"M{i + 1:03d};Personne Témoin {i + 1:02d};{salaire};{jours};{i % 5};"
                      f"{'90' if i == 12 else '0'};{temps}")
    return ("\r\n".join(lignes) + "\r\n").encode("utf-8-sig")


def _suivant(page) -> None:
    cliquer(page, "nav_suivant")


def principal(page):
    return page.locator("[data-testid='stMain']")


def etape(page, titre: str) -> None:
    """L'étape affichée (titre h2), avec l'attente automatique de Playwright."""
    expect(page.locator("[data-testid='stMain'] h2").first).to_have_text(titre)


def choisir(page, cle: str, texte: str) -> None:
    """Un bouton radio, par son libellé."""
    widget(page, cle).get_by_text(texte, exact=True).click()
    attendre(page)


def option(page, cle: str, texte: str) -> None:
    """Une liste déroulante, par le libellé de l'option."""
    widget(page, cle).locator("[role='combobox']").click()
    page.get_by_role("option", name=texte, exact=True).click()
    attendre(page)


def saisir_date(page, cle: str, texte: str) -> None:
    """Un champ date, tapé comme au clavier (JJ/MM/AAAA)."""
    jour = widget(page, cle).locator("[data-type='day']").first
    jour.click()
    page.keyboard.type(texte.replace("/", ""), delay=30)
    page.keyboard.press("Tab")
    attendre(page)


def test_parcours_complet_d_une_entreprise_de_30_salaries(serveur, onglet, tmp_path):  # noqa: F811 - fixtures importées
    page = onglet
    page.goto(serveur.url)
    attendre(page)
    etape(page, "Entreprise")
    # Un brouillon vierge : rien d'une entreprise d'exemple.
    expect(widget(page, "entreprise_raison_sociale").locator("input")).to_have_value("")
    saisir(page, "entreprise_raison_sociale", "Scierie des Trois Vallées")
    saisir(page, "entreprise_siren", "523456788")
    saisir(page, "entreprise_effectif", "30")
    saisir(page, "entreprise_adresse", "4 chemin du Moulin, 88400 Gérardmer")
    choisir(page, "entreprise_delegues_syndicaux", "Non")
    choisir(page, "entreprise_cse", "Oui")
    choisir(page, "entreprise_branche", "Non")
    cliquer(page, "entreprise_dirigeant_ajouter")
    saisir(page, "entreprise_dirigeant_0_nom", "Odile Perrin")
    option(page, "entreprise_dirigeant_0_qualite", "Président(e)")
    expect(principal(page)).not_to_contain_text("clé de contrôle")
    capture(page, "01_entreprise")

    _suivant(page)
    etape(page, "Mode de mise en place")
    widget(page, "mise_en_place_mode").get_by_text("Accord conclu au sein du CSE").click()
    attendre(page)
    saisir(page, "mise_en_place_cse_presents", "4")
    saisir(page, "mise_en_place_cse_pour", "4")
    capture(page, "02_mise_en_place")

    _suivant(page)
    etape(page, "Dates et durée")
    cliquer(page, "dates_prendre_effet")
    cliquer(page, "dates_prendre_cloture")
    option(page, "dates_periode_calcul", "12 mois (annuelle, la plus courante)")
    option(page, "dates_duree", "3 ans")
    choisir(page, "dates_reconduction", "Non")
    saisir_date(page, "dates_conclusion", "15/03/2027")
    expect(principal(page)).to_contain_text("au plus tard le 30 juin")
    capture(page, "03_dates")

    _suivant(page)
    etape(page, "Bénéficiaires")
    saisir(page, "beneficiaires_anciennete", "3")
    choisir(page, "beneficiaires_dirigeants", "Non")
    capture(page, "04_beneficiaires")

    _suivant(page)
    etape(page, "Formule de calcul")
    widget(page, "formule_famille_part_resultat").locator("label").first.click()
    attendre(page)
    option(page, "formule_pr_indicateur", "Résultat d'exploitation")
    saisir(page, "formule_pr_taux", "20")
    saisir(page, "formule_pr_seuil", "60000")
    saisir(page, "formule_sim_masse", "1050000")
    saisir(page, "formule_sim_resultat_exploitation", "140000")
    # 20 % × (140 000 − 60 000) = 16 000 €
    expect(page.locator("[data-testid='stMetric']").first).to_contain_text("16\u00a0000,00\u00a0€")
    capture(page, "05_formule")

    _suivant(page)
    etape(page, "Répartition entre salariés")
    fichier = tmp_path / "salaries.csv"
    fichier.write_bytes(_csv_30_salaries())
    widget(page, "repartition_fichier").locator("input[type='file']").set_input_files(str(fichier))
    attendre(page)
    saisir(page, "repartition_part_presence", "50")
    saisir(page, "repartition_part_salaire", "50")
    choisir(page, "repartition_redistribution", "Oui")
    choisir(page, "repartition_prorata_plafond", "Oui")
    expect(principal(page)).to_contain_text("30 salariés lus dans « salaries.csv »")
    expect(principal(page)).to_contain_text("Enveloppe répartie")
    capture(page, "06_repartition")

    _suivant(page)
    etape(page, "Versement et épargne salariale")
    saisir(page, "versement_delai", "5")
    choisir(page, "versement_plans_existe", "Non")
    choisir(page, "versement_avances_actif", "Non")
    capture(page, "07_versement")

    _suivant(page)
    etape(page, "Information et signataires")
    cliquer(page, "information_proposer")
    choisir(page, "information_suivi", "Le comité social et économique (CSE)")
    cliquer(page, "information_prendre_modalites")
    choisir(page, "information_presomption_moyen", "Remise en main propre (contre signature)")
    choisir(page, "information_instance", "Le comité social et économique")
    cliquer(page, "information_prendre_litiges")
    choisir(page, "information_substitution", "Non")
    cliquer(page, "information_proposer_signataire_0")
    cliquer(page, "information_signataire_ajouter")
    saisir(page, "information_signataire_1_nom", "Lucas Didier")
    cliquer(page, "information_prendre_lieu")
    capture(page, "08_information")

    _suivant(page)
    etape(page, "Récapitulatif et vérification")
    expect(principal(page)).to_contain_text("Scierie des Trois Vallées")
    expect(principal(page)).to_contain_text("Conforme : aucun constat bloquant")
    capture(page, "09_revue")

    _suivant(page)
    etape(page, "Documents")
    capture(page, "10_documents")
    with page.expect_download() as telechargement:
        widget(page, "documents_docx").locator("button").click()
    docx = tmp_path / "accord.docx"
    telechargement.value.save_as(docx)
    assert telechargement.value.suggested_filename.endswith(".docx")

    accord = lire_accord(docx)
    assert accord.entreprise.raison_sociale == "Scierie des Trois Vallées"
    assert accord.entreprise.effectif == 30
    assert accord.formule.composantes[0].seuil_centimes == 6_000_000
    rapport = validators.valider(accord, document=controler_document(docx))
    assert rapport.statut == "conforme", rapport.en_texte()

    # Aucune requête vers un hôte extérieur pendant tout le parcours
    assert page.requetes.exterieures() == []
    # Les salariés ne sont jamais écrits dans la base des brouillons
    with sqlite3.connect(serveur.base) as cx:
        contenu = " ".join(r[0] for r in cx.execute("SELECT contenu FROM brouillons"))
    assert "Scierie des Trois Vallées" in contenu and "Personne Témoin" not in contenu


def test_page_des_verificateurs_sur_un_dossier_d_exemples(serveur, onglet):  # noqa: F811 - fixtures importées
    page = onglet
    page.goto(f"{serveur.url}/verifier")
    attendre(page)
    assert page.get_by_role("heading", name="Vérifier des accords").is_visible()
    fichiers = [str(p) for p in sorted(EXEMPLES.glob("*.json"))]
    widget(page, "verif_fichiers").locator("input[type='file']").set_input_files(fichiers)
    attendre(page, 60_000)
    metriques = page.locator("[data-testid='stMetric']")
    expect(metriques).to_have_count(4, timeout=60_000)
    expect(metriques.nth(0)).to_contain_text("Accords vérifiés")
    expect(metriques.nth(0)).to_contain_text("4")
    expect(metriques.nth(1)).to_contain_text("Conformes")
    expect(metriques.nth(1)).to_contain_text("4")
    expect(metriques.nth(3)).to_contain_text("Illisibles")
    expect(metriques.nth(3)).to_contain_text("0")
    with page.expect_download() as telechargement:
        widget(page, "verif_export_csv").locator("button").click()
    contenu = Path(telechargement.value.path()).read_text(encoding="utf-8-sig")
    assert contenu.startswith("fichier;accord;statut;id;severite")
    capture(page, "11_verifier")
    assert page.requetes.exterieures() == []


def test_un_rechargement_reprend_le_brouillon(serveur, onglet):  # noqa: F811 - fixtures importées
    page = onglet
    page.goto(serveur.url)
    attendre(page)
    saisir(page, "entreprise_raison_sociale", "Fournil du Marché")
    _suivant(page)
    _suivant(page)
    expect(page.locator("h2").first).to_have_text("Dates et durée")
    assert "brouillon=" in page.url
    page.reload()
    attendre(page)
    expect(page.locator("h2").first).to_have_text("Dates et durée")
    cliquer(page, "nav_aller_entreprise")
    expect(widget(page, "entreprise_raison_sociale").locator("input")).to_have_value("Fournil du Marché")
    capture(page, "12_reprise")
    # Un onglet refermé puis rouvert à la même adresse retrouve aussi le brouillon
    adresse = page.url
    nouvel_onglet = page.context.new_page()
    nouvel_onglet.goto(adresse)
    attendre(nouvel_onglet)
    expect(widget(nouvel_onglet, "entreprise_raison_sociale").locator("input")).to_have_value(
        "Fournil du Marché")
