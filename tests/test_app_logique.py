"""La logique de l'assistant sans Streamlit : modes de mise en place possibles, stockage des brouillons,
chemins du brouillon, import JSON, noyau de calcul, préambule proposé."""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import date

import pytest
from chemins import EXEMPLES, RACINE

from interessement.erreurs import ErreurEntree

if str(RACINE) not in sys.path:  # le paquet « interface » vit à côté de app.py (il n'est pas installé)
    sys.path.insert(0, str(RACINE))

from interface import brouillon as b  # noqa: E402
from interface.eligibilite import (  # noqa: E402
    codes_possibles,
    dirigeants_possibles,
    modes_possibles,
    votes_necessaires,
)
from interface.services import noyau_calcul  # noqa: E402
from interface.stockage import Stockage, jeton_valide, nouveau_jeton  # noqa: E402
from interface.textes import decrire_formule, proposer_preambule, suivre_preambule  # noqa: E402

AUJOURD_HUI = date(2026, 11, 28)


def entreprise(effectif: int, ds: bool = False, cse: bool = False, branche: bool = False) -> dict:
    return {"effectif": effectif, "delegues_syndicaux": ds, "cse": cse, "couverte_accord_branche_agree": branche}


@pytest.mark.parametrize(("e", "attendus"), [
    # TPE sans représentant : ratification ou décision unilatérale
    (entreprise(8), {"ratification", "decision_unilaterale"}),
    # 49 salariés avec CSE : DUE possible seulement après échec de la négociation (mais proposée)
    (entreprise(49, cse=True), {"accord_cse", "ratification", "decision_unilaterale"}),
    # 50 salariés : plus de DUE (seuil de 50, exclu)
    (entreprise(50, cse=True), {"accord_cse", "ratification"}),
    # délégué syndical : accord avec les DS et convention collective
    (entreprise(120, ds=True, cse=True), {"accord_delegues_syndicaux", "convention_collective", "accord_cse",
                                          "ratification"}),
    # couverte par un accord de branche agréé : adhésion, et plus de DUE
    (entreprise(20, branche=True), {"ratification", "adhesion_branche"}),
    # aucun salarié : rien
    (entreprise(0), set()),
])
def test_modes_possibles(e, attendus):
    assert set(codes_possibles(e, AUJOURD_HUI)) == attendus
    for m in modes_possibles(e, AUJOURD_HUI):
        assert m.pourquoi  # chaque mode dit pourquoi il est (ou non) proposé


def test_dirigeants_de_1_a_249_salaries():
    assert not dirigeants_possibles(0, AUJOURD_HUI)
    assert dirigeants_possibles(1, AUJOURD_HUI)
    assert dirigeants_possibles(249, AUJOURD_HUI)
    assert not dirigeants_possibles(250, AUJOURD_HUI)


@pytest.mark.parametrize(("inscrits", "votes"), [(3, 2), (18, 12), (30, 20), (31, 21), (40, 27)])
def test_deux_tiers_du_personnel_inscrit(inscrits, votes):
    assert votes_necessaires(inscrits, AUJOURD_HUI) == votes


def test_brouillon_par_defaut_valide_et_date_d_effet_conseillee():
    defaut = b.brouillon_par_defaut(AUJOURD_HUI)
    suivre_preambule(defaut, b.ui_par_defaut(defaut))
    modele, erreurs = b.vers_accord(defaut)
    assert erreurs == [] and modele is not None
    # fin novembre : trop tard pour 2026 (conclusion avant le 30 juin), donc 1er janvier 2027
    assert modele.periode.date_effet == date(2027, 1, 1)
    assert modele.mise_en_place.date_conclusion <= date(2027, 6, 30)
    assert b.date_effet_conseillee(date(2026, 3, 10)) == date(2026, 1, 1)
    assert [h["periode"] for h in defaut["historique"]] == ["2021", "2022", "2023", "2024", "2025"]


def test_chemins_du_brouillon():
    d = {"a": {"b": [{"c": 1}, {"c": 2}]}}
    assert b.lire(d, "a.b[1].c") == 2
    assert b.lire(d, "a.x.y", "rien") == "rien"
    b.ecrire(d, "a.b[0].c", 5)
    b.ecrire(d, "a.nouveau.champ", "v")
    assert d["a"]["b"][0]["c"] == 5 and d["a"]["nouveau"] == {"champ": "v"}


def test_conversions():
    assert b.taux_depuis_pourcentage(12.5) == 0.125
    assert b.pourcentage_depuis_taux(0.2) == 20.0
    assert b.centimes_depuis_euros(40000) == 4_000_000
    assert b.euros_depuis_centimes(4_000_099) == 40001
    assert b.date_depuis_iso("2027-06-30") == date(2027, 6, 30) and b.date_depuis_iso("n'importe") is None
    assert b.code_indicateur("Taux de livraisons à l'heure") == "taux_de_livraisons_a_l_heure"


def test_erreurs_de_saisie_nomment_le_champ():
    d = b.brouillon_par_defaut(AUJOURD_HUI)
    d["entreprise"]["siren"] = "123"
    d["repartition"]["part_presence"] = -1
    _, erreurs = b.vers_accord(d)
    chemins = {c for c, _ in erreurs}
    assert {"entreprise.siren", "repartition.part_presence"} <= chemins


@pytest.mark.parametrize("exemple", sorted(p for p in EXEMPLES.glob("*.json") if not p.name.endswith(".versement.json")))
def test_import_des_exemples(exemple):
    d = b.charger_exemple(exemple)
    assert b.vers_accord(d)[0] is not None
    assert json.loads(b.exporter_json(d))["entreprise"] == d["entreprise"]


@pytest.mark.parametrize("contenu", [b"", b"{", b"[1]", b'{"entreprise": 3}', "é".encode("latin-1")])
def test_import_json_refuse_en_francais(contenu):
    with pytest.raises(ErreurEntree) as exc:
        b.importer_json(contenu, "faux.json")
    assert "faux.json" in str(exc.value)


def test_stockage_jeton_et_aller_retour(tmp_path):
    s = Stockage(tmp_path / "sous-dossier" / "b.sqlite3")
    jeton = nouveau_jeton()
    assert jeton_valide(jeton) and not jeton_valide("../x") and not jeton_valide("court")
    assert s.lire(jeton) is None
    s.ecrire(jeton, {"accord": {"x": 1}, "ui": {"etape": "dates"}})
    s.ecrire(jeton, {"accord": {"x": 2}, "ui": {"etape": "formule"}})
    assert s.lire(jeton) == {"accord": {"x": 2}, "ui": {"etape": "formule"}}
    with sqlite3.connect(tmp_path / "sous-dossier" / "b.sqlite3") as cx:
        assert cx.execute("SELECT COUNT(*) FROM brouillons").fetchone()[0] == 1


def test_noyau_de_calcul_ignore_les_fautes_hors_calcul():
    d = b.brouillon_par_defaut(AUJOURD_HUI)
    d["entreprise"]["siren"] = "123"
    d["mise_en_place"]["signataires"] = [{"nom": "", "qualite": ""}]
    assert b.vers_accord(d)[0] is None
    noyau = noyau_calcul(d)
    modele, erreurs = b.vers_accord(noyau)
    assert erreurs == [] and modele.formule.composantes[0].seuil_centimes == 4_000_000


def test_preambule_propose_suit_puis_se_fige():
    d = b.brouillon_par_defaut(AUJOURD_HUI)
    ui = b.ui_par_defaut(d)
    suivre_preambule(d, ui)
    assert "40 000,00" in d["information"]["preambule"].replace("\u00a0", " ")
    d["formule"]["composantes"][0]["seuil_centimes"] = 6_000_000
    suivre_preambule(d, ui)
    assert "60 000,00" in d["information"]["preambule"].replace("\u00a0", " ")
    d["information"]["preambule"] = "Texte à nous."
    d["formule"]["composantes"][0]["seuil_centimes"] = 7_000_000
    suivre_preambule(d, ui)
    assert d["information"]["preambule"] == "Texte à nous."
    assert "Les parties ont retenu" in proposer_preambule(d)
    d["mise_en_place"]["mode"] = "decision_unilaterale"
    assert "L'employeur a retenu" in proposer_preambule(d)


def test_formule_en_mots():
    d = b.brouillon_par_defaut(AUJOURD_HUI)
    texte = decrire_formule(d).replace("\u00a0", " ")
    assert texte.startswith("L'enveloppe est 20 % de ce que le résultat d'exploitation dépasse 40 000,00 €")
    assert "plafonnée à 8 % de la masse salariale" in texte
