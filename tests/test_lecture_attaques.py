"""Les attaques du ticket 11 (point 5) de bout en bout : la formule d'origine (20 %) masquée (propriété
« vanish »), écrite en blanc ou en corps minuscule, et « égal à 2 % » affiché par un résultat de champ. Le texte tel
qu'il s'affiche est lu, la différence avec les données est listée, le texte masqué est lui-même un constat :
jamais « conforme », jamais le code de sortie 0, ni par ``interessement valider`` ni sur la page « Vérifier des
accords » ; ``interessement lire`` le dit aussi."""

from __future__ import annotations

import json

import pytest
from test_lecture_docx import _attaque

from interessement.cli import main
from interessement.lecture import lire_document
from interessement.lecture.controle import controler

MANIERES = ["vanish", "blanc", "minuscule"]


@pytest.fixture(scope="module")
def genere() -> bytes:
    from interessement.documents import rendre_accord
    from interessement.modele import charger_accord
    from tests.chemins import EXEMPLES

    return rendre_accord(charger_accord(EXEMPLES / "sas-30-part-resultat.json"))


def test_notre_document_intact_reste_conforme(genere, tmp_path, capsys):
    f = tmp_path / "accord.docx"
    f.write_bytes(genere)
    assert main(["valider", str(f), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["rapports"][0]["statut"] == "conforme"


@pytest.mark.parametrize("maniere", MANIERES)
def test_formule_cachee_et_2_pour_cent_dans_un_champ(genere, maniere, tmp_path, capsys):
    retouche = _attaque(genere, maniere)
    r = controler(lire_document(retouche, nom="retouche.docx"))
    assert r.statut != "conforme"
    ecart = [x for x in r.differences if x.cle == "formule.composantes"]
    assert ecart and ecart[0].texte[0]["taux"] == "0.02", r.en_texte()  # le texte affiché (2 %) fait foi
    assert any(c.id == "INTEGRITE_DOCUMENT" and ("invisible" in c.message or "masqu" in c.message)
               for c in r.constats)

    f = tmp_path / f"retouche-{maniere}.docx"
    f.write_bytes(retouche)
    code = main(["valider", str(f), "--format", "json"])
    rapport = json.loads(capsys.readouterr().out)["rapports"][0]
    assert code != 0 and rapport["statut"] != "conforme"
    assert any(x["cle"] == "formule.composantes" for x in rapport["differences_texte_donnees"])

    main(["lire", str(f), "--format", "json"])
    lu = json.loads(capsys.readouterr().out)
    document = lu["lectures"][0] if "lectures" in lu else lu
    assert document["rapport"]["statut"] != "conforme"
    assert any(x["cle"] == "formule.composantes" for x in document["rapport"]["differences_texte_donnees"])


@pytest.mark.parametrize("maniere", MANIERES)
def test_page_verifier_ne_dit_jamais_conforme(genere, maniere):
    from streamlit.testing.v1 import AppTest

    from tests.chemins import RACINE

    at = AppTest.from_file(str(RACINE / "interface" / "pages" / "verifier.py"), default_timeout=60).run()
    at.file_uploader(key="verif_fichiers").upload("retouche.docx", _attaque(genere, maniere),
                                                  "application/octet-stream").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Conformes"] == "0"
    assert not [s for s in at.success if "Conforme" in s.value]


# --------------------------------------------- lire et valider sur les textes réels et sur un Word étranger

def test_lire_et_valider_chaque_texte_du_corpus_en_un_lot(capsys):
    from tests.chemins import CORPUS_TEXTES

    textes = sorted(str(p) for p in CORPUS_TEXTES.glob("*.txt"))
    assert len(textes) == 14
    code = main(["valider", *textes, "--format", "json"])
    rapports = json.loads(capsys.readouterr().out)["rapports"]
    assert len(rapports) == 14 and code != 0
    # Un accord écrit ailleurs n'est jamais « conforme » sur les seuls faits de son texte (effectif, dépôt… à
    # vérifier), et chaque rapport dit ce qui reste à vérifier.
    assert all(r["statut"] != "conforme" and r["a_verifier"] for r in rapports)
    main(["lire", *textes, "--format", "json"])
    lus = json.loads(capsys.readouterr().out)
    documents = lus["lectures"] if "lectures" in lus else [lus]
    assert len(documents) == 14
    for d in documents:
        faits = {f["cle"]: f for f in d["faits"]}
        assert faits["texte.nature"]["statut"] == "trouve"
        assert all(f["citations"] for f in d["faits"] if f["statut"] == "trouve" and f["cle"] != "texte.nature"
                   and f["cle"] != "versement.plans_epargne")


def test_lire_et_valider_un_word_etranger(tmp_path, capsys):
    from test_lecture_docx import _document_etranger

    f = tmp_path / "martin.docx"
    f.write_bytes(_document_etranger())
    code = main(["valider", str(f), "--format", "json"])
    r = json.loads(capsys.readouterr().out)["rapports"][0]
    assert code != 0 and r["statut"] != "conforme"
    main(["lire", str(f), "--format", "json"])
    lu = json.loads(capsys.readouterr().out)
    d = lu["lectures"][0] if "lectures" in lu else lu
    faits = {x["cle"]: x for x in d["faits"]}
    assert faits["beneficiaires.anciennete.mois"]["valeur"] == 3
    assert faits["periode.duree_annees"]["valeur"] == 3
    assert faits["mise_en_place.date_conclusion"]["valeur"] == "2026-02-02"
