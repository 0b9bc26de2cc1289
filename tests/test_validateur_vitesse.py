"""Le Monte-Carlo rapide du validateur (trajectoires réutilisées d'un accord à l'autre) donne exactement la
probabilité de versement du module de simulation, pour chaque exemple et des formules perturbées."""

from __future__ import annotations

import json
import random
import sys

import pytest
from chemins import RACINE

from interessement.modele import accord_depuis_dict
from interessement.simulation import monte_carlo
from validators import formule as f

sys.path.insert(0, str(RACINE / "bench"))


def _accords() -> list:
    from bench_validateur import NOMS

    rng = random.Random(3)
    accords = []
    for nom in NOMS:
        base = json.loads((RACINE / "examples" / f"{nom}.json").read_text(encoding="utf-8"))
        accords.append(accord_depuis_dict(base))
        for _ in range(3):
            d = json.loads(json.dumps(base))
            for c in d["formule"]["composantes"]:
                if c["type"] == "part_resultat":
                    c["seuil_centimes"] = int(c["seuil_centimes"] * rng.uniform(0.5, 1.5))
                elif c["type"] == "objectifs":
                    c["budget_taux_masse_salariale"] = round(rng.uniform(0.01, 0.05), 4)
                elif c["type"] == "paliers_croissance":
                    c["paliers"][-1]["taux_masse_salariale"] = round(rng.uniform(0.01, 0.02), 4)
            accords.append(accord_depuis_dict(d))
    return accords


@pytest.mark.parametrize("k", range(16))
def test_proba_de_versement_identique_au_module_de_simulation(k):
    accord = _accords()[k]
    f._TRAJECTOIRES.clear()
    froid = f._proba_versement(accord)
    chaud = f._proba_versement(accord)  # trajectoires réutilisées
    mc = monte_carlo(accord, scenarios=f.SCENARIOS_VALIDATEUR, graine=f.GRAINE_VALIDATEUR)
    assert froid == chaud
    assert froid.proba_versement == pytest.approx(float(mc.proba_versement), abs=1e-12)
    assert froid.methode == mc.methode and froid.scenarios == mc.scenarios


def test_les_trajectoires_ne_dependent_pas_de_la_formule():
    accords = _accords()
    f._TRAJECTOIRES.clear()
    for a in accords:
        f._proba_versement(a)
    assert len(f._TRAJECTOIRES) == 4  # un jeu de trajectoires par historique, pas par formule


def test_les_deux_chemins_sont_essayes():
    """Périodes empilées (formule indépendante de la période) et période par période (seuils d'objectifs par
    période) : les exemples couvrent les deux, et le test ci-dessus les compare au module de simulation."""
    from interessement.simulation.monte_carlo import _taux_plafond_legal

    vus = set()
    for a in _accords():
        _, periodes, _, _ = f._trajectoires(a)
        taux = [_taux_plafond_legal(p.fin) for p in periodes]
        if len(periodes) > 1:
            vus.add(f._independante_de_la_periode(a, periodes, taux))
    assert vus == {True, False}
