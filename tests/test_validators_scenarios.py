"""Scénarios juridiques en YAML (tests/scenarios/*.yaml) : un exemple de base, un patch de champs, le statut et les
identifiants attendus. Chaque fichier commence par un commentaire français « # Pourquoi : … »."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from test_validators_outils import NOMS_EXEMPLES, accord, graves, versement

from interessement.integrite import ControleDocument
from validators import IDS_REGLES, INFORMATION, valider

DOSSIER = Path(__file__).parent / "scenarios"
FICHIERS = sorted(DOSSIER.glob("*.yaml"))
CLES = {"base", "accord", "versement", "date_reference", "document", "attendu"}
CLES_ATTENDU = {"statut", "ids", "informations", "indetermines", "a_verifier"}


def test_au_moins_40_scenarios_tous_commentes():
    assert len(FICHIERS) >= 40
    for f in FICHIERS:
        premiere = f.read_text(encoding="utf-8").splitlines()[0]
        assert premiere.startswith("# Pourquoi : "), f.name


def _date(valeur: object) -> date | None:
    if valeur is None or isinstance(valeur, date):
        return valeur
    return date.fromisoformat(str(valeur))


@pytest.mark.parametrize("fichier", FICHIERS, ids=[f.stem for f in FICHIERS])
def test_scenario(fichier):
    s = yaml.safe_load(fichier.read_text(encoding="utf-8"))
    assert set(s) <= CLES and set(s["attendu"]) <= CLES_ATTENDU, fichier.name
    assert s["base"] in NOMS_EXEMPLES
    attendu = s["attendu"]
    assert set(attendu["ids"]) <= set(IDS_REGLES)
    a = accord(s["base"], s.get("accord"))
    v = versement(s["base"], s["versement"]) if "versement" in s else None
    doc = ControleDocument(chemin=f"{fichier.stem}.docx", details=[], **s["document"]) if "document" in s else None
    r = valider(a, _date(s.get("date_reference")), v, doc)
    assert r.statut == attendu["statut"], r.en_texte()
    assert graves(r) == set(attendu["ids"]), r.en_texte()
    assert set(attendu.get("informations", [])) <= r.ids(INFORMATION)
    assert {e.id for e in r.regles_en_erreur} == set(attendu.get("indetermines", [])), r.regles_en_erreur
    if "a_verifier" in attendu:  # les règles qui laissent un point à vérifier
        assert r.ids_a_verifier() == set(attendu["a_verifier"]), r.en_texte()
