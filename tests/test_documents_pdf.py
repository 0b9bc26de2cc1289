"""PDF par LibreOffice : sommaire avec de vrais numéros de page, accents, aucune balise de modèle.

Le test tourne quand ``soffice`` est installé. En intégration continue (CI=true), LibreOffice est installé par
``.ci/run`` : son absence est alors une erreur, jamais un saut silencieux.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from test_documents_outils import CAS, accord

from interessement.cli import main
from interessement.documents import pdf as module_pdf
from interessement.documents.generation import generer_documents

SOFFICE = module_pdf.soffice()
EN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _exiger_soffice() -> None:
    if SOFFICE:
        return
    if EN_CI:
        pytest.fail("LibreOffice (soffice) est absent alors que CI=true : .ci/run doit l'installer.")
    pytest.skip("LibreOffice (soffice) n'est pas installé sur cette machine")


def _texte_pdf(chemin) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        if EN_CI:
            pytest.fail("pdftotext (poppler-utils) est absent alors que CI=true.")
        pytest.skip("pdftotext n'est pas installé")
    return subprocess.run([pdftotext, "-layout", str(chemin), "-"], capture_output=True, check=True,
                          text=True).stdout


def _tel_que_lu(texte: str) -> str:
    """Le texte comme un lecteur le voit : pdftotext sépare l'exposant de « 1er » par une espace (« 1 er ») ;
    les documents emploient l'apostrophe typographique (’)."""
    return re.sub(r"\b1 er\b", "1er", texte)


@pytest.mark.lent
def test_pdf_de_l_accord_avec_sommaire_pagine(tmp_path):
    _exiger_soffice()
    resultat = generer_documents(accord("sa-120-objectifs"), tmp_path, pdf=True)
    pdfs = sorted(p for p in resultat.fichiers if p.suffix == ".pdf")
    assert len(pdfs) == 3 and all(p.stat().st_size > 5000 for p in pdfs)
    principal = next(p for p in pdfs if p.name.startswith("accord_interessement_"))
    brut = _texte_pdf(principal)
    assert re.search(r"\b1 er janvier 2026", brut)  # « er » en exposant, extrait à part par pdftotext
    texte = _tel_que_lu(brut)
    assert "Accord d’intéressement" in texte and "Transports Lemoine" in texte
    assert "du 1er janvier 2026 au 31 décembre 2028" in texte
    assert "'" not in texte.rsplit("Données de l’accord", 1)[0]  # apostrophe typographique partout
    assert "{{" not in texte and "{%" not in texte
    # Sommaire : chaque article y figure avec un numéro de page (calculé par LibreOffice, pas figé).
    pages_du_sommaire = re.findall(r"Article (\d+) – [^\n]*?\.{3,}\s*(\d+)\s*$", texte, flags=re.MULTILINE)
    assert len(pages_du_sommaire) >= 15, texte[:3000]
    pages = [int(p) for _, p in pages_du_sommaire]
    assert pages == sorted(pages) and pages[-1] > 2
    # La page annoncée par le sommaire est bien celle de l'article.
    feuilles = texte.split("\f")
    for numero, page in pages_du_sommaire[:6]:
        assert re.search(rf"^\s*Article {numero} – ", feuilles[int(page) - 1], flags=re.MULTILINE), (numero, page)
    assert "Page 1 sur" in feuilles[0]
    # L'empreinte des données est imprimée sur la dernière page.
    derniere = [f for f in feuilles if f.strip()][-1]
    assert "Empreinte SHA-256 des données" in derniere


@pytest.mark.lent
def test_commande_generer_pdf(tmp_path, capsys):
    _exiger_soffice()
    code = main(["generer", str(CAS["sarl-8-due-paliers"]), "--sortie", str(tmp_path), "--pdf"])
    assert code == 0, capsys.readouterr().err
    assert any(p.name.startswith("decision_unilaterale_") for p in tmp_path.glob("*.pdf"))


def test_sans_libreoffice_message_clair(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(module_pdf, "soffice", lambda: None)
    code = main(["generer", str(CAS["sas-30-part-resultat"]), "--sortie", str(tmp_path), "--pdf"])
    sortie = capsys.readouterr()
    assert code == 2
    assert "LibreOffice est introuvable" in sortie.err and "documents Word ont bien été générés" in sortie.err
    assert list(tmp_path.glob("*.docx")) and not list(tmp_path.glob("*.pdf"))
