"""``interessement valider DOSSIER`` sur les textes d'accord tels qu'on les a : Word, OpenDocument, PDF avec couche
texte, image scannée, texte brut, JSON — un fichier illisible n'arrête pas les autres ; la barre de progression ;
la fonction par fichier, importable et sérialisable (pour répartir un lot sur plusieurs cœurs)."""

from __future__ import annotations

import io
import json
import pickle
from pathlib import Path

import pytest
from test_lecture_docx import _document_etranger
from test_lecture_pdf_ocr import _odt

from interessement.cli import main
from interessement.modele import charger_accord, enregistrer_accord
from tests.chemins import EXEMPLES
from tests.fabrique_scans import pdf_depuis_docx
from validators.cli import Illisible, controler_fichier

pytestmark = pytest.mark.lent


@pytest.fixture(scope="module")
def dossier(tmp_path_factory) -> Path:
    import pypdfium2 as pdfium

    d = tmp_path_factory.mktemp("lot")
    etranger = _document_etranger()
    (d / "martin.docx").write_bytes(etranger)
    pdf = pdf_depuis_docx(etranger, "martin.docx")
    (d / "sous-dossier").mkdir()
    (d / "sous-dossier" / "martin.pdf").write_bytes(pdf)
    (d / "martin.odt").write_bytes(_odt(etranger, tmp_path_factory.mktemp("odt")))
    image = pdfium.PdfDocument(pdf)[0].render(scale=200 / 72).to_pil()
    tampon = io.BytesIO()
    image.save(tampon, "PNG", dpi=(200, 200))
    (d / "martin-page1.png").write_bytes(tampon.getvalue())
    (d / "martin.txt").write_text("ACCORD D'INTÉRESSEMENT\nArticle 1 — Bénéficiaires\nTous les salariés comptant "
                                  "trois mois d'ancienneté bénéficient de l'intéressement.\n", encoding="utf-8")
    enregistrer_accord(charger_accord(EXEMPLES / "sarl-8-due-paliers.json"), d / "due.json")
    (d / "abime.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    (d / "ancien.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (d / "~$martin.docx").write_bytes(b"verrou de Word")  # fichier de verrou : ignoré
    (d / "notes.csv").write_text("pas un accord", encoding="utf-8")  # ni accord ni texte : ignoré
    return d


ATTENDUS = {"martin.docx", "martin.pdf", "martin.odt", "martin-page1.png", "martin.txt", "due.json"}


def test_valider_un_dossier_parcourt_tous_les_formats(dossier, capsys):
    code = main(["valider", str(dossier), "--format", "json", "--sans-simulation", "--progression"])
    sortie = capsys.readouterr()
    d = json.loads(sortie.out)
    lus = {Path(r["source"]).name for r in d["rapports"]}
    assert lus == ATTENDUS, lus
    illisibles = {Path(i["fichier"]).name: i["erreur"] for i in d["illisibles"]}
    assert set(illisibles) == {"abime.pdf", "ancien.doc"}
    assert "enregistrez-le au format .docx" in illisibles["ancien.doc"]
    assert code == 2  # un fichier illisible : le lot ne peut pas être dit conforme
    # les textes étrangers sont contrôlés sur leurs faits (l'ancienneté de trois mois lue partout, OCR compris)
    for r in d["rapports"]:
        if Path(r["source"]).suffix != ".json":
            assert r["statut"] != "conforme", r["source"]
            faits = {f["cle"]: f for f in r["faits"]}
            assert faits["beneficiaires.anciennete.mois"]["valeur"] == 3, r["source"]
    # la barre de progression sur la sortie d'erreur, jusqu'au bout
    assert "8/8 fichiers" in sortie.err and "[" in sortie.err
    assert "Illisible : " in sortie.err and "abime.pdf" in sortie.err


def test_controle_par_fichier_importable_et_serialisable(dossier):
    """``controler_fichier`` ne lève jamais et son résultat passe d'un processus à l'autre (pickle), citations
    des constats comprises."""
    r = controler_fichier(dossier / "martin.docx")
    copie = pickle.loads(pickle.dumps(r))
    assert copie.statut == r.statut and [c.id for c in copie.constats] == [c.id for c in r.constats]
    assert [len(copie.citations_de(c)) for c in copie.constats] == [len(r.citations_de(c)) for c in r.constats]
    assert copie.to_dict()["faits"] == r.to_dict()["faits"]
    abime = controler_fichier(dossier / "abime.pdf")
    assert isinstance(abime, Illisible) and "abime.pdf" in abime.message
    assert pickle.loads(pickle.dumps(abime)) == abime
    assert isinstance(controler_fichier(dossier / "inexistant.pdf"), Illisible)
    json_ = controler_fichier(dossier / "due.json", simulation=False)
    assert pickle.loads(pickle.dumps(json_)).statut == json_.statut
