"""Le back-test en flottants Python (``enveloppe_flottante``) rend, période par période, exactement l'enveloppe du
calcul numpy (``evaluer_vecteurs``) : formules des exemples aux seuils, taux, paliers, objectifs et déclencheurs
tirés au hasard (y compris des valeurs à la limite exacte d'un seuil), historiques tirés au hasard."""

from __future__ import annotations

import copy
import json

import numpy as np
from chemins import EXEMPLES
from hypothesis import assume, given
from hypothesis import strategies as st

from interessement.erreurs import ErreurEntree
from interessement.formules import enveloppe_flottante, evaluer_vecteurs
from interessement.modele import accord_depuis_dict
from validators import formule as vf

BASES = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXEMPLES.glob("*.json"))
         if "versement" not in p.name]
facteurs = st.sampled_from([0.0, 0.5, 0.9, 1.0, 1.1, 2.0, -1.0]) | st.floats(-3, 3, allow_nan=False)


def _perturber(d: dict, rng: st.DataObject) -> dict:
    d = copy.deepcopy(d)
    for c in d["formule"]["composantes"]:
        if "seuil_centimes" in c:
            c["seuil_centimes"] = int(c["seuil_centimes"] * rng.draw(facteurs))
        if "taux" in c and c["taux"] is not None:
            c["taux"] = round(abs(c["taux"] * rng.draw(facteurs)), 4)
        for p in c.get("paliers", []):
            p["croissance_min"] = round(p["croissance_min"] * rng.draw(facteurs), 4)
        for o in c.get("objectifs", []):
            o["progression"] = rng.draw(st.sampled_from(["lineaire", "paliers"]))
    for dcl in d["formule"].get("declencheurs", []):
        dcl["valeur"] = int(dcl.get("valeur", 0) * rng.draw(facteurs)) + rng.draw(st.sampled_from([0, 1, -1]))
        dcl["operateur"] = rng.draw(st.sampled_from([">", ">=", "<", "<="]))
    for h in d.get("historique", []):
        # parfois exactement le seuil d'une part de résultat : la comparaison à la limite compte
        for code, v in h["valeurs"].items():
            h["valeurs"][code] = rng.draw(st.sampled_from([v, 0, -v, v * 2]) | st.integers(-10**11, 10**11)
                                          | st.floats(-1e3, 1e3, allow_nan=False).map(lambda x: round(x, 2)))
    return d


@given(st.integers(0, len(BASES) - 1), st.data())
def test_enveloppe_flottante_identique_a_numpy(k, data):
    try:
        accord = accord_depuis_dict(_perturber(BASES[k], data))
    except ErreurEntree:
        assume(False)
    f, hist = accord.formule, accord.historique
    codes = f.indicateurs_utilises()
    for i, h in enumerate(hist):
        if any(c not in h.valeurs for c in codes) or i == 0:
            continue
        precedentes = {c: hist[i - 1].valeurs.get(c, 0) for c in codes}
        masse = h.masse_salariale_centimes or 0
        attendu = evaluer_vecteurs(f, {c: np.array([float(h.valeurs[c])]) for c in codes}, np.array([float(masse)]),
                                   valeurs_precedentes={c: np.array([float(v)]) for c, v in precedentes.items()})
        try:
            obtenu = enveloppe_flottante(f, {c: h.valeurs[c] for c in codes}, masse, valeurs_precedentes=precedentes)
        except ZeroDivisionError:
            continue  # le back-test revient alors à numpy
        assert obtenu == float(attendu.enveloppe[0])


def test_le_back_test_rapide_retombe_sur_numpy_en_cas_de_division_par_zero(monkeypatch):
    accord = accord_depuis_dict(copy.deepcopy(BASES[0]))
    attendu = vf.backtest_rapide(accord)

    def divise(*a, **k):  # noqa: ANN002, ANN003, ANN202
        raise ZeroDivisionError

    monkeypatch.setattr(vf, "enveloppe_flottante", divise)
    assert vf.backtest_rapide(accord) == attendu


def test_enveloppes_a_la_limite_du_centime():
    """Des résultats qui tombent à un millionième de centime près d'un entier : l'arrondi (plancher après 1e-6)
    est le même des deux côtés."""
    accord = accord_depuis_dict(copy.deepcopy(next(b for b in BASES if b["formule"]["composantes"][0]["type"]
                                                   == "part_resultat")))
    f = accord.formule
    c = f.composantes[0]
    code, seuil, taux = c.indicateur, float(c.seuil_centimes), float(c.taux)
    for n in (1, 7, 12345):
        for delta in (-1e-5, -1e-6, -5e-7, 0.0, 5e-7, 1e-6, 1e-5, 0.5, 0.9999):
            r = seuil + (n + delta) / taux
            valeurs = {code: r}
            masse = 10**12
            attendu = evaluer_vecteurs(f, {code: np.array([r])}, np.array([float(masse)])).enveloppe[0]
            assert enveloppe_flottante(f, valeurs, masse) == float(attendu), (n, delta)
