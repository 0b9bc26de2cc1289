"""La page « Vérifier des accords » dans un vrai Chromium (issue 11) : un PDF d'accord écrit ailleurs et notre
décision unilatérale retouchée à « six mois » ; les faits à côté de leurs phrases, une correction qui refait le
contrôle, et jamais le bandeau vert « Conforme » pour le document retouché."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from outils_navigateur import (
    attendre,
    capture,
    widget,
)
from test_lecture_docx import _document_etranger
from test_validators_outils import accord

from interessement.documents import rendre_accord
from interface.verification import _empreinte

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = pytest.mark.lent


def _retoucher(docx: bytes, avant: str, apres: str) -> bytes:
    z = zipfile.ZipFile(io.BytesIO(docx))
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as sortie:
        for n in z.namelist():
            contenu = z.read(n)
            if n == "word/document.xml":
                assert avant.encode() in contenu
                contenu = contenu.replace(avant.encode(), apres.encode(), 1)
            sortie.writestr(n, contenu)
    return tampon.getvalue()


@pytest.fixture(scope="module")
def fichiers(tmp_path_factory) -> tuple[Path, Path]:
    from tests.fabrique_scans import pdf_depuis_docx

    d = tmp_path_factory.mktemp("verifier")
    pdf = d / "martin.pdf"
    pdf.write_bytes(pdf_depuis_docx(_document_etranger(), "martin.docx"))
    due = d / "due-retouchee.docx"
    due.write_bytes(_retoucher(rendre_accord(accord("sarl-8-due-paliers")), "deux mois",
                               "six mois"))
    return pdf, due


def _expander(page, nom: str):
    return page.locator("[data-testid='stExpander']").filter(has_text=nom).first


def test_verifier_un_pdf_etranger_et_notre_due_retouchee(serveur, onglet, fichiers):
    page = onglet
    pdf, due = fichiers
    page.goto(f"{serveur.url}/verifier")
    attendre(page)
    widget(page, "verif_fichiers").locator("input[type='file']").set_input_files([str(pdf), str(due)])
    attendre(page, 120_000)
    metriques = page.locator("[data-testid='stMetric']")
    expect(metriques).to_have_count(5, timeout=120_000)
    libelles = ["Accords vérifiés", "Conformes", "Non conformes", "À vérifier", "Illisibles"]
    # le PDF étranger n'a pas toutes les clauses obligatoires (bloquant), la DUE retouchée bloque sur l'ancienneté
    for n, (libelle, valeur) in enumerate(zip(libelles, ["2", "0", "2", "0", "0"], strict=True)):
        expect(metriques.nth(n)).to_contain_text(libelle)
        expect(metriques.nth(n)).to_contain_text(valeur)
    # Jamais de bandeau vert « Conforme » : la DUE retouchée est non conforme par son texte (ancienneté de six mois).
    expect(page.locator("[data-testid='stAlertContentSuccess']")).to_have_count(0)
    retouchee = _expander(page, due.name)
    expect(retouchee).to_contain_text("non conforme")
    expect(retouchee.locator("[data-testid='stAlertContentError']").first).to_contain_text("Non conforme")
    # Les faits à côté de leurs phrases (tableau éditable des faits : sa grille accessible contient les cellules).
    grille = retouchee.locator("[data-testid='stDataFrame']").last
    expect(grille).to_contain_text("Date de signature (conclusion)", timeout=30_000)
    expect(grille).to_contain_text("Fait à Rennes, le 10 avril 2026.")
    expect(grille).to_contain_text("Décision unilatérale de l'employeur")  # une valeur en français, pas un code
    expect(retouchee).to_contain_text("ANCIENNETE")
    # Le PDF étranger : ses faits et leurs phrases ; ses points à vérifier ; pas encore de constat d'ancienneté
    etranger = _expander(page, pdf.name)
    expect(etranger.locator("[data-testid='stDataFrame']").last).to_contain_text("Fait à Nantes, le 2 février 2026.")
    expect(etranger).to_contain_text("Points à vérifier")
    assert "ANCIENNETE" not in etranger.locator("[data-testid='stDataFrame']").first.inner_text()
    capture(page, "verifier-avant-correction")

    # Le vérificateur corrige l'ancienneté lue dans le PDF (six mois) : le contrôle est refait, ANCIENNETE bloque.
    cle = _empreinte(pdf.name)[:10]
    widget(page, f"verif_corriger_fait_{cle}").locator("[role='combobox']").first.click()
    page.keyboard.type("Ancienneté exigée")
    page.get_by_role("option", name="Ancienneté exigée (mois)").first.click()
    champ = widget(page, f"verif_corriger_valeur_{cle}").locator("input")
    champ.fill("6 mois")
    etranger.locator("[data-testid='stForm']").get_by_role("button", name=re.compile("Corriger et refaire")).click()
    attendre(page, 60_000)
    etranger = _expander(page, pdf.name)
    expect(etranger.locator("[data-testid='stDataFrame']").first).to_contain_text("ANCIENNETE", timeout=60_000)
    expect(page.locator("[data-testid='stAlertContentSuccess']")).to_have_count(0)
    capture(page, "verifier-apres-correction")
    assert page.requetes.exterieures() == []
