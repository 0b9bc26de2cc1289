"""Test de mutation (issue 13) : les accords et versements d'exemple, abîmés au hasard par Hypothesis.

Chaque exemple supprime des champs, change leur type, y met des nombres extrêmes (« 1e999999 », 2**63, NaN…)
et des textes hostiles (caractères de contrôle, demi-paires UTF-16, séquences d'échappement, formules), puis
lit le document (par le JSON ou comme l'assistant, par le dictionnaire), le valide et calcule la répartition.
On exige :

- aucune exception hors des erreurs françaises du projet (``ErreurEntree`` d'interessement/erreurs.py, et
  ``HorsPeriodeModelisee`` : un paramètre légal inconnu à la date demandée, dit en français avec un conseil) ;
- aucun exemple au-delà de 2 s (``deadline``) ;
- l'argent conservé au centime (total versé + reliquat = enveloppe), les plafonds (global et individuels)
  respectés, aucun montant négatif ; un rapport qui s'écrit en UTF-8.

10 000 exemples quand CI=true (profil « mutations-ci », dérandomisé), 200 sinon (profil « mutations » ;
``MUTATIONS=N`` pour en demander plus). Coût mesuré en CI : voir le rapport de l'issue 13.
"""

from __future__ import annotations

import copy
import json
import math
import os
from typing import Any

import pytest
from chemins import EXEMPLES
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from interessement.calcul import calculer_versement
from interessement.erreurs import ErreurEntree
from interessement.modele import accord_depuis_dict, charger_accord, charger_versement, versement_depuis_dict
from interessement.parametres import HorsPeriodeModelisee
from validators.moteur import valider

SALARIES_GARDES = 6  # versements réduits à quelques salariés : le coût d'un exemple reste de quelques ms

settings.register_profile("mutations-ci", max_examples=10_000, deadline=2_000, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("mutations", max_examples=int(os.environ.get("MUTATIONS", "200")), deadline=2_000,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFIL = settings.get_profile("mutations-ci" if os.environ.get("CI") == "true" else "mutations")


def _paires() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    paires = []
    for chemin in sorted(EXEMPLES.glob("*.versement.json")):
        accord = json.loads(chemin.with_name(chemin.name.replace(".versement", "")).read_text(encoding="utf-8"))
        versement = json.loads(chemin.read_text(encoding="utf-8"))
        versement["salaries"] = versement["salaries"][:SALARIES_GARDES]
        paires.append((accord, versement))
    return paires


PAIRES = _paires()
ACCORDS = [accord_depuis_dict(copy.deepcopy(a)) for a, _ in PAIRES]
VERSEMENTS = [versement_depuis_dict(copy.deepcopy(v)) for _, v in PAIRES]

NOMBRES = st.one_of(
    st.sampled_from([0, -1, 1, 2, 10**15, -(10**15), 10**15 + 1, 10**13 + 1, 2**63, -(2**63), 10**40, 10**400,
                     1e308, -1e308, 1e-300, 0.1 + 0.2, -0.0, float("nan"), float("inf"), float("-inf")]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
)
TEXTES = st.one_of(
    st.sampled_from(["", " ", "0", "-1", "1e999999", "-1e999999", "1e-999999", "NaN", "Infinity", "1,5", "12 500,00",
                     "9999-12-31", "0001-01-01", "2026-02-30", "2200-12-31", "1899-12-31", "\ud800", "\udfff",
                     "\x1b[2J\x1b[HCONFORME", "\x00\x07\x08", "a\r\nb", "\u202e", "=HYPERLINK(\"http://x\")",
                     "+1", "@SUM(A1)", "![p](http://exemple.invalid/p.png)", "<script>alert(1)</script>",
                     "javascript:alert(1)", "x" * 20_001, "9" * 5_000]),
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x9F), max_size=20),
)
AUTRES = st.sampled_from([None, True, False, [], {}, [None], {"": None}, [[]], {"type": "inconnu"}])
VALEURS = st.one_of(NOMBRES, TEXTES, AUTRES, st.lists(NOMBRES, max_size=3))


def _chemins(doc: Any, prefixe: tuple = ()) -> list[tuple]:
    chemins = [prefixe] if prefixe else []
    if isinstance(doc, dict):
        for k, v in doc.items():
            chemins += _chemins(v, (*prefixe, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            chemins += _chemins(v, (*prefixe, i))
    return chemins


def _muter(doc: Any, data: st.DataObject) -> Any:
    chemins = _chemins(doc)
    chemin = data.draw(st.sampled_from(chemins), label="chemin")
    parent = doc
    for cle in chemin[:-1]:
        parent = parent[cle]
    cle = chemin[-1]
    operation = data.draw(st.sampled_from(["supprimer", "remplacer", "remplacer", "ajuster", "ajuster", "dupliquer",
                                           "vider"]), label="operation")
    valeur = parent[cle]
    if operation == "ajuster" and isinstance(valeur, int | float) and not isinstance(valeur, bool):
        # Un nombre du même type, souvent admis : la mutation atteint le calcul (extrêmes admis compris).
        parent[cle] = data.draw(st.one_of(
            st.sampled_from([0, 1, valeur * 2, valeur * 1000, -valeur, 10**13, 10**15, 10**13 - 1]),
            st.integers(0, 10**13), st.floats(0, 1)), label="nombre voisin")
        if isinstance(valeur, int) and isinstance(parent[cle], float) and parent[cle] > 1:
            parent[cle] = int(parent[cle])
    elif operation == "ajuster" and isinstance(valeur, str):
        parent[cle] = data.draw(st.sampled_from([valeur + "\x1b[2J", "\ud800" + valeur, "=" + valeur, valeur * 3,
                                                 valeur + "\n" + valeur, valeur.upper()]), label="texte voisin")
    elif operation == "supprimer":
        del parent[cle]
    elif operation == "dupliquer" and isinstance(parent, list):
        parent.insert(cle, copy.deepcopy(parent[cle]))
    elif operation == "vider":
        parent[cle] = type(parent[cle])() if isinstance(parent[cle], list | dict | str) else None
    else:
        parent[cle] = copy.deepcopy(data.draw(VALEURS, label="valeur"))  # jamais un objet partagé du tirage
    return doc


def _lire(classe: str, doc: Any, par_json: bool) -> Any:
    if par_json:
        octets = json.dumps(doc, ensure_ascii=True).encode()  # NaN et Infinity s'écrivent comme Python les écrit
        return charger_accord(octets) if classe == "accord" else charger_versement(octets)
    return accord_depuis_dict(doc) if classe == "accord" else versement_depuis_dict(doc)


def _verifier_calcul(accord: Any, versement: Any) -> None:
    c = calculer_versement(accord, versement)
    r = c.repartition
    montants = [int(m) for m in r.montants_centimes]
    assert c.enveloppe_formule_centimes >= 0 and c.enveloppe_centimes >= 0 and r.reliquat_centimes >= 0
    assert all(m >= 0 for m in montants)
    assert sum(montants) + r.reliquat_centimes == c.enveloppe_centimes  # conservation au centime
    assert c.enveloppe_centimes <= max(c.plafond_global_centimes, 0)  # plafond global (L3314-8)
    for ligne in c.lignes():  # plafond individuel (L3314-10) : jamais dépassé
        assert 0 <= ligne["montant_centimes"] <= ligne["plafond_centimes"], ligne
    assert math.isfinite(float(sum(montants)))


@settings(PROFIL)
@given(st.data())
def test_mutations_des_exemples(data: st.DataObject) -> None:
    indice = data.draw(st.integers(0, len(PAIRES) - 1), label="exemple")
    cible = data.draw(st.sampled_from(["accord", "versement"]), label="cible")
    accord_brut, versement_brut = PAIRES[indice]
    doc = copy.deepcopy(accord_brut if cible == "accord" else versement_brut)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        if not _chemins(doc):
            break
        doc = _muter(doc, data)
    par_json = data.draw(st.booleans(), label="par_json")
    try:
        lu = _lire(cible, doc, par_json)
        event(f"{cible} lu")
        accord = lu if cible == "accord" else ACCORDS[indice]
        versement = lu if cible == "versement" else VERSEMENTS[indice]
        if cible == "accord":
            rapport = valider(accord, None, None, simulation=False)
            json.dumps(rapport.to_dict(), ensure_ascii=False).encode("utf-8")
            rapport.en_texte().encode("utf-8")
        _verifier_calcul(accord, versement)
    except (ErreurEntree, HorsPeriodeModelisee) as exc:
        event(f"{cible} refusé : {type(exc).__name__}")
        texte = str(exc)
        assert texte.strip()
        for anglais in ("Input should", "Traceback", "Value error", "Exceeds the limit", "out of range"):
            assert anglais not in texte, texte
        texte.encode("utf-8")  # un message qui s'écrit (pas de demi-paire UTF-16)


def test_les_exemples_non_mutes_passent() -> None:
    for accord, versement in zip(ACCORDS, VERSEMENTS, strict=True):
        _verifier_calcul(accord, versement)


@pytest.mark.parametrize("valeur", [float("nan"), float("inf"), "1e999999", 10**400, "\ud800"])
def test_quelques_mutations_fixes(valeur: Any) -> None:
    """Des cas que la recherche aléatoire doit couvrir, fixés pour ne jamais dépendre du tirage."""
    for accord_brut, versement_brut in PAIRES:
        a = copy.deepcopy(accord_brut)
        a["formule"]["composantes"][0]["type"] = a["formule"]["composantes"][0]["type"]
        a["entreprise"]["raison_sociale"] = valeur if isinstance(valeur, str) else "X"
        a["repartition"]["part_uniforme"] = valeur
        with pytest.raises(ErreurEntree):
            _lire("accord", a, par_json=True)
        v = copy.deepcopy(versement_brut)
        v["masse_salariale_centimes"] = valeur
        with pytest.raises(ErreurEntree):
            _lire("versement", v, par_json=False)
