"""La ligne de commande du vérificateur : interessement valider / regles, lots, entrées invalides, codes."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from chemins import EXEMPLES, RACINE
from test_validators_outils import NOMS_EXEMPLES, accord, donnees_accord

from interessement.cli import main
from interessement.modele import TAILLE_MAX_OCTETS, enregistrer_accord
from validators import IDS_REGLES


@pytest.mark.parametrize("nom", NOMS_EXEMPLES)
def test_chaque_exemple_avec_et_sans_son_versement_sort_en_0(nom, capsys):
    assert main(["valider", str(EXEMPLES / f"{nom}.json")]) == 0
    assert "Statut : CONFORME" in capsys.readouterr().out
    assert main(["valider", str(EXEMPLES / f"{nom}.json"), "--versement",
                 str(EXEMPLES / f"{nom}.versement.json")]) == 0
    sortie = capsys.readouterr()
    assert "Statut : CONFORME" in sortie.out and sortie.err == ""


def test_dossier_d_exemples_et_synthese(capsys):
    assert main(["valider", str(EXEMPLES)]) == 0
    sortie = capsys.readouterr()
    assert sortie.out.count("Statut : CONFORME") == 4
    assert "Synthèse du lot" in sortie.out and "Conformes       : 4" in sortie.out
    assert "versement.json" not in sortie.out  # les fichiers de versement ne sont pas des accords
    assert sortie.err == ""  # pas de barre de progression hors d'un terminal


def test_accord_bloquant_sort_en_1(tmp_path, capsys):
    f = tmp_path / "faux.json"
    enregistrer_accord(accord("sas-30-part-resultat", {"beneficiaires.anciennete.mois": 6}), f)
    assert main(["valider", str(f)]) == 1
    sortie = capsys.readouterr().out
    assert "NON CONFORME" in sortie and "ANCIENNETE" in sortie and "6 mois" in sortie


def _lot_avec_illisibles(dossier: Path) -> None:
    (dossier / "sous").mkdir()
    enregistrer_accord(accord("sas-30-part-resultat"), dossier / "bon.json")
    enregistrer_accord(accord("sas-30-part-resultat", {"beneficiaires.categories_exclues": ["CDD"]}),
                       dossier / "sous" / "exclusion.json")
    (dossier / "tronque.json").write_text('{"entreprise": {"raison_sociale": "X"', encoding="utf-8")
    (dossier / "latin1.json").write_bytes('{"intitule": "Accord d\'intéressement"}'.encode("latin-1"))
    (dossier / "enorme.json").write_bytes(b" " * (TAILLE_MAX_OCTETS + 1))
    futur = donnees_accord("sas-30-part-resultat")
    futur["version_format"] = "9.0"
    (dossier / "futur.json").write_text(json.dumps(futur), encoding="utf-8")
    (dossier / "hostile.docx").write_bytes(b"PK\x03\x04 ceci n'est pas un document Word")
    (dossier / "note.md").write_text("ignoré", encoding="utf-8")
    (dossier / "paie.versement.json").write_text("{}", encoding="utf-8")


def test_lot_avec_fichiers_illisibles_continue_et_sort_en_2(tmp_path, capsys):
    _lot_avec_illisibles(tmp_path)
    assert main(["valider", str(tmp_path)]) == 2
    sortie = capsys.readouterr()
    assert sortie.out.count("Statut : ") == 2  # bon.json et exclusion.json validés malgré le reste
    assert "Non conformes   : 1" in sortie.out and "Illisibles      : 5" in sortie.out
    assert "BENEFICIAIRES_TOUS" in sortie.out
    err = sortie.err
    assert "JSON illisible" in err and "UTF-8" in err and "trop volumineux" in err
    assert "plus récent" in err and "hostile.docx" in err
    assert "Traceback" not in err and "Traceback" not in sortie.out
    assert "note.txt" not in err + sortie.out and "paie.versement.json" not in err + sortie.out


def test_fichier_impossible_a_lire_message_francais(tmp_path, capsys):
    from interessement.erreurs import ErreurEntree
    from validators.cli import lire

    dossier = tmp_path / "dossier.json"
    dossier.mkdir()
    with pytest.raises(ErreurEntree, match="lecture impossible \\(c'est un dossier\\)"):
        lire(dossier)
    assert main(["valider", str(tmp_path)]) == 2  # parcouru comme un dossier : il ne contient aucun accord
    assert "aucun accord (.json, .docx, .odt, .pdf, .txt ou image) dans ce dossier" in capsys.readouterr().err


def test_fichier_introuvable(capsys):
    assert main(["valider", "/nulle/part/accord.json"]) == 2
    assert "introuvable" in capsys.readouterr().err


def test_format_json_et_sortie_fichier(tmp_path, capsys):
    _lot_avec_illisibles(tmp_path)
    rapport = tmp_path / "rapport.json"
    assert main(["valider", str(tmp_path), "--format", "json", "--sortie", str(rapport)]) == 2
    d = json.loads(rapport.read_text(encoding="utf-8"))
    assert d["synthese"]["fichiers"] == 7 and d["synthese"]["illisibles"] == 5
    assert d["synthese"]["regles_les_plus_frequentes"] == [{"id": "BENEFICIAIRES_TOUS", "accords": 1}]
    assert {r["statut"] for r in d["rapports"]} == {"conforme", "non conforme"}
    assert len(d["illisibles"]) == 5 and all(i["erreur"] for i in d["illisibles"])


def test_format_csv(tmp_path, capsys):
    f = tmp_path / "faux.json"
    enregistrer_accord(accord("sas-30-part-resultat", {"beneficiaires.anciennete.mois": 6}), f)
    assert main(["valider", str(f), str(EXEMPLES / "sarl-8-due-paliers.json"), "--format", "csv"]) == 1
    lignes = capsys.readouterr().out.splitlines()
    assert lignes[0] == "fichier;accord;statut;id;severite;portee;periode;beneficiaire;chemin;message;observe;" \
                        "attendu;suggestion;references"
    assert any(";ANCIENNETE;BLOQUANT;accord;" in lg for lg in lignes)
    sortie = tmp_path / "r.csv"
    assert main(["valider", str(f), "--format", "csv", "--sortie", str(sortie)]) == 1
    assert sortie.read_bytes().startswith("\ufeff".encode())  # BOM pour Excel


def test_versement_controle_au_centime(tmp_path, capsys):
    v = json.loads((EXEMPLES / "sas-30-part-resultat.versement.json").read_text(encoding="utf-8"))
    v["salaries"][0]["montant_verse_centimes"] += 1
    f = tmp_path / "v.json"
    f.write_text(json.dumps(v), encoding="utf-8")
    assert main(["valider", str(EXEMPLES / "sas-30-part-resultat.json"), "--versement", str(f)]) == 1
    assert "REPARTITION_CRITERES" in capsys.readouterr().out


def test_versement_d_un_autre_accord(capsys):
    code = main(["valider", str(EXEMPLES / "sarl-8-due-paliers.json"), "--versement",
                 str(EXEMPLES / "sas-30-part-resultat.versement.json")])
    assert code == 2
    assert "aucun accord ne correspond" in capsys.readouterr().err


def test_versement_apparie_dans_un_lot(capsys):
    assert main(["valider", str(EXEMPLES), "--versement", str(EXEMPLES / "sa-120-objectifs.versement.json"),
                 "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    raisons = {r["accord_identifiant"]: {x["id"]: x["raison"] for x in r["regles_non_applicables"]}
               for r in d["rapports"]}
    assert raisons["exemple-120-objectifs"]["SUPPLEMENT"] == "pas de supplément d'intéressement"
    assert raisons["exemple-sas-30-part-resultat"]["SUPPLEMENT"] == "aucun versement fourni"


def test_versement_illisible(tmp_path, capsys):
    f = tmp_path / "v.json"
    f.write_text("{", encoding="utf-8")
    assert main(["valider", str(EXEMPLES / "sas-30-part-resultat.json"), "--versement", str(f)]) == 2
    assert "versement illisible" in capsys.readouterr().err


def test_date_de_reference(capsys, tmp_path):
    a = tmp_path / "non_depose.json"
    enregistrer_accord(accord("sas-30-part-resultat", {"depot": {}}), a)
    assert main(["valider", str(a)]) == 0
    assert main(["valider", str(a), "--date-reference", "2026-07-16"]) == 1
    assert "DELAI_DEPOT" in capsys.readouterr().out
    with pytest.raises(SystemExit) as e:
        main(["valider", str(a), "--date-reference", "16/07/2026"])
    assert e.value.code == 2
    assert "date invalide" in capsys.readouterr().err


def test_barre_de_progression_sur_demande(capsys):
    assert main(["valider", str(EXEMPLES), "--progression", "--sans-simulation"]) == 0
    err = capsys.readouterr().err
    assert "4/4 fichiers" in err and "[" in err


def test_docx_illisible_ou_lecture_indisponible(tmp_path, capsys):
    f = tmp_path / "accord.docx"
    f.write_bytes(b"pas un zip")
    assert main(["valider", str(f)]) == 2
    err = capsys.readouterr().err
    assert "accord.docx" in err and "Traceback" not in err


def test_docx_genere_par_le_projet_puis_modifie(tmp_path, capsys):
    from interessement import documents

    f = tmp_path / "accord.docx"
    f.write_bytes(documents.rendre_accord(accord("sas-30-part-resultat")))
    assert main(["valider", str(f)]) == 0
    sortie = capsys.readouterr().out
    assert "Statut : CONFORME" in sortie and "INTEGRITE_DOCUMENT" not in sortie.split("Règles non applicables")[0]
    # Le même document retouché à la main : avertissement INTEGRITE_DOCUMENT, et jamais « conforme » ni le code 0
    # (issue 11 : une différence détectée entre le texte et les données ne laisse pas le statut conforme).
    modifie = tmp_path / "modifie.docx"
    with zipfile.ZipFile(f) as source, zipfile.ZipFile(modifie, "w") as cible:
        for element in source.infolist():
            donnees = source.read(element.filename)
            if element.filename == "word/document.xml":
                donnees = donnees.replace(b"Lyon", b"Paris", 1)
            cible.writestr(element, donnees)
    assert main(["valider", str(modifie), "--format", "json"]) == 2
    r = json.loads(capsys.readouterr().out)["rapports"][0]
    assert [c["id"] for c in r["constats"] if c["severite"] == "AVERTISSEMENT"] == ["INTEGRITE_DOCUMENT"]
    assert r["statut"] == "à vérifier" and r["faits"]
    assert "INTEGRITE_DOCUMENT" in [p["id"] for p in r["a_verifier"] if p["severite_si_contraire"] == "BLOQUANT"]
    modifie.unlink()
    # Un dossier qui mêle JSON et .docx : tout est validé.
    enregistrer_accord(accord("sarl-8-due-paliers"), tmp_path / "b.json")
    assert main(["valider", str(tmp_path), "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["synthese"]["fichiers"] == 2 and d["synthese"]["conformes"] == 2


def test_catalogue_des_regles(capsys, tmp_path):
    assert main(["regles"]) == 0
    md = capsys.readouterr().out
    assert md == (RACINE / "docs" / "regles.md").read_text(encoding="utf-8")
    assert main(["regles", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["regles"]) == len(IDS_REGLES) == 44


def test_commande_installee_sans_trace():
    r = subprocess.run([sys.executable, "-m", "interessement.cli", "valider", str(EXEMPLES / "sarl-8-due-paliers.json"),
                        "--format", "json"], capture_output=True, text=True, check=False, cwd="/")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["rapports"][0]["statut"] == "conforme"


def test_indetermine_le_dit_sur_la_sortie_d_erreur(tmp_path, capsys):
    # Un accord de 2015 : les paramètres ne couvrent pas cette date, des règles ne peuvent pas décider.
    d = json.loads((EXEMPLES / "sas-30-part-resultat.json").read_text(encoding="utf-8"))
    d["periode"].update(date_effet="2015-01-01", date_cloture_premier_exercice="2015-12-31")
    d["mise_en_place"]["date_conclusion"] = "2015-03-01"
    d["depot"]["date_depot"] = "2015-03-10"
    f = tmp_path / "ancien.json"
    f.write_text(json.dumps(d), encoding="utf-8")
    assert main(["valider", str(f)]) == 2
    sortie = capsys.readouterr()
    assert "INDÉTERMINÉ" in sortie.err and "Traceback" not in sortie.err


def test_document_modifie_jamais_conforme_ni_code_0(tmp_path, capsys):
    """Le texte signé prévaut : un .docx généré puis retouché (« six mois » d'ancienneté) n'est jamais
    « conforme » ni en sortie 0 ; sur ses seules données embarquées, le validateur le dit « à vérifier »."""
    from test_documents_outils import parties, reecrire

    from interessement.documents import controler_document, lire_accord, rendre_accord
    from validators import A_VERIFIER, valider

    docx = rendre_accord(accord("sas-30-part-resultat"))
    texte = parties(docx)["word/document.xml"]
    assert b"trois mois" in texte
    modifie = tmp_path / "modifie.docx"
    modifie.write_bytes(reecrire(docx, {"word/document.xml": texte.replace(b"trois mois", b"six mois", 1)}))
    r = valider(lire_accord(modifie), document=controler_document(modifie))
    assert r.statut == A_VERIFIER and "INTEGRITE_DOCUMENT" in r.ids_a_verifier("BLOQUANT")
    assert "À chercher : " in r.en_texte()
    assert any(";INTEGRITE_DOCUMENT;À VÉRIFIER;" in lg for lg in r.en_csv().splitlines())
    code = main(["valider", str(modifie)])
    sortie = capsys.readouterr()
    assert code != 0 and "Statut : CONFORME" not in sortie.out and "INTEGRITE_DOCUMENT" in sortie.out
