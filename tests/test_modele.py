"""Le format d'échange : erreurs en français qui nomment le champ, aller-retour JSON, schéma."""

import copy
import json
from datetime import date, timedelta

import jsonschema
import pytest
from chemins import EXEMPLES
from hypothesis import given
from hypothesis import strategies as st

from interessement.erreurs import ErreurEntree
from interessement.modele import (
    Accord,
    accord_depuis_dict,
    accord_vers_json,
    charger_accord,
    charger_versement,
    periodes_calcul,
    schema_accord,
    schema_versement,
    siren_valide,
)

EXEMPLES_ACCORDS = sorted(p for p in EXEMPLES.glob("*.json") if not p.name.endswith(".versement.json"))
EXEMPLES_VERSEMENTS = sorted(EXEMPLES.glob("*.versement.json"))


def base() -> dict:
    return json.loads((EXEMPLES / "sas-30-part-resultat.json").read_text(encoding="utf-8"))


def erreur(donnees) -> str:
    with pytest.raises(ErreurEntree) as exc:
        accord_depuis_dict(donnees)
    return str(exc.value)


def test_quatre_exemples_et_leur_versement():
    assert len(EXEMPLES_ACCORDS) == 4 and len(EXEMPLES_VERSEMENTS) == 4
    for p in EXEMPLES_ACCORDS:
        a = charger_accord(p)
        assert a.entreprise.raison_sociale
    for p in EXEMPLES_VERSEMENTS:
        v = charger_versement(p)
        assert v.salaries and all(s.montant_verse_centimes is not None for s in v.salaries)


def test_exemples_valides_par_le_schema_publie():
    schema = schema_accord()
    for p in EXEMPLES_ACCORDS:
        jsonschema.validate(json.loads(p.read_text(encoding="utf-8")), schema)
    schema_v = schema_versement()
    for p in EXEMPLES_VERSEMENTS:
        jsonschema.validate(json.loads(p.read_text(encoding="utf-8")), schema_v)


def test_type_faux():
    d = base()
    d["entreprise"]["effectif"] = "trente"
    msg = erreur(d)
    assert "entreprise.effectif" in msg and "nombre entier attendu" in msg and "trente" in msg


def test_champ_manquant():
    d = base()
    del d["mise_en_place"]["date_conclusion"]
    assert "mise_en_place.date_conclusion : champ obligatoire manquant" in erreur(d)


def test_signature_apres_depot():
    d = base()
    d["mise_en_place"]["date_conclusion"] = "2026-06-11"
    assert "postérieure à la date de dépôt" in erreur(d)


def test_cloture_avant_effet():
    d = base()
    d["periode"]["date_cloture_premier_exercice"] = "2025-12-31"
    msg = erreur(d)
    assert "periode" in msg and "précède la date d'effet" in msg


def test_montant_negatif():
    d = base()
    d["formule"]["plafond"] = {"montant_centimes": -5}
    msg = erreur(d)
    assert "formule.plafond.montant_centimes" in msg and "supérieur ou égal à 0" in msg


def test_composante_inconnue():
    d = base()
    d["formule"]["composantes"].append({"type": "prime_exceptionnelle", "montant": 1})
    msg = erreur(d)
    assert "formule.composantes[1]" in msg and "composante inconnue « prime_exceptionnelle »" in msg


def test_champ_inconnu():
    d = base()
    d["entreprise"]["effectiff"] = 3
    assert "entreprise.effectiff : champ inconnu" in erreur(d)


def test_options_des_documents_format_1_2():
    d = base()
    d["version_format"] = "1.1"  # un fichier 1.1 se lit tel quel : l'exemple chiffré reste dans les documents
    assert "documents" not in d and accord_depuis_dict(d).documents.exemple_chiffre is True
    d["documents"] = {"exemple_chiffre": False}
    assert accord_depuis_dict(d).documents.exemple_chiffre is False
    d["documents"] = {"exemple_chiffre": "peut-être"}
    assert "documents.exemple_chiffre : oui/non attendu" in erreur(d)
    d["documents"] = {"exemple": False}
    assert "documents.exemple : champ inconnu" in erreur(d)


def test_toutes_les_erreurs_a_la_fois():
    d = base()
    d["entreprise"]["effectif"] = -1
    d["periode"]["duree_annees"] = "x"
    with pytest.raises(ErreurEntree) as exc:
        accord_depuis_dict(d)
    assert len(exc.value.details) == 2


def test_version_plus_recente():
    d = base()
    d["version_format"] = "2.0"
    assert "plus récent" in erreur(d)


def test_json_tronque_et_encodage(tmp_path):
    texte = (EXEMPLES / "sas-30-part-resultat.json").read_text(encoding="utf-8")
    f = tmp_path / "tronque.json"
    f.write_text(texte[:200], encoding="utf-8")
    with pytest.raises(ErreurEntree, match="JSON illisible, ligne"):
        charger_accord(f)
    f.write_bytes(texte.encode("cp1252", errors="replace"))
    with pytest.raises(ErreurEntree, match="UTF-8"):
        charger_accord(f)
    f.write_bytes(b"")
    with pytest.raises(ErreurEntree, match="vide"):
        charger_accord(f)
    f.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ErreurEntree, match="objet JSON"):
        charger_accord(f)
    with pytest.raises(ErreurEntree, match="introuvable"):
        charger_accord(tmp_path / "absent.json")


def test_fichier_trop_gros(tmp_path):
    f = tmp_path / "gros.json"
    f.write_bytes(b" " * 6_000_000)
    with pytest.raises(ErreurEntree, match="trop volumineux"):
        charger_accord(f)


def test_siren():
    assert siren_valide("732829320")
    assert not siren_valide("732829321")
    d = base()
    d["entreprise"]["siren"] = "123456789"
    assert "SIREN invalide" in erreur(d)


def test_periodes():
    a = charger_accord(EXEMPLES / "selas-40-semestriel.json")
    ps = a.periodes()
    assert [(p.debut, p.fin, p.mois) for p in ps[:2]] == [
        (date(2026, 1, 1), date(2026, 6, 30), 6), (date(2026, 7, 1), date(2026, 12, 31), 6)]
    assert len(ps) == 4 and ps[-1].fin == date(2027, 12, 31)
    p = a.periode.model_copy(update={"periode_calcul_mois": 5})
    ps = periodes_calcul(p)
    assert ps[-1].fin == date(2027, 12, 31) and sum(x.jours for x in ps) == (date(2028, 1, 1) - date(2026, 1, 1)).days


noms = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=80).filter(
    lambda s: s.strip() == s and s)


@given(
    nom=noms,
    effectif=st.integers(0, 5000),
    effet=st.dates(date(2019, 1, 1), date(2030, 1, 1)),
    duree=st.integers(1, 6),
    taux=st.decimals("0", "1", places=4),
    seuil=st.integers(-10**9, 10**10),
    parts=st.sampled_from([(1, 0, 0), (0, 1, 0), (0, 0, 1), (0.5, 0.5, 0), (0.3, 0.3, 0.4), (0.25, 0, 0.75)]),
    decalage=st.integers(0, 200),
)
def test_aller_retour_json(nom, effectif, effet, duree, taux, seuil, parts, decalage):
    d = copy.deepcopy(BASE)
    d["entreprise"]["raison_sociale"] = nom
    d["entreprise"]["effectif"] = effectif
    d["periode"]["date_effet"] = effet.isoformat()
    d["periode"]["date_cloture_premier_exercice"] = (effet + timedelta(days=364)).isoformat()
    d["periode"]["duree_annees"] = duree
    d["mise_en_place"]["date_conclusion"] = (effet + timedelta(days=decalage)).isoformat()
    d["depot"]["date_depot"] = (effet + timedelta(days=decalage + 10)).isoformat()
    d["formule"]["composantes"][0]["taux"] = str(taux)
    d["formule"]["composantes"][0]["seuil_centimes"] = seuil
    d["repartition"].update(part_uniforme=parts[0], part_presence=parts[1], part_salaire=parts[2])
    a = accord_depuis_dict(d)
    b = Accord.model_validate_json(accord_vers_json(a))
    assert a == b
    assert json.loads(accord_vers_json(b)) == json.loads(accord_vers_json(a))


BASE = base() if (EXEMPLES / "sas-30-part-resultat.json").exists() else {}


def test_exemples_a_jour_avec_leur_generateur():
    # examples/generer.py est la source des exemples : les fichiers commités doivent être exactement sa sortie.
    import importlib.util

    spec = importlib.util.spec_from_file_location("generer_exemples", EXEMPLES / "generer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for nom, texte in module.generer().items():
        assert (EXEMPLES / nom).read_text(encoding="utf-8") == texte, f"{nom} : relancez python examples/generer.py"
