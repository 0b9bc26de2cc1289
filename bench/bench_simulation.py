"""Banc d'essai du Monte-Carlo (interessement.simulation.monte_carlo).

Mesures :
1. 100 000 scénarios × 5 périodes d'une formule à deux composantes (part du RCAI au-delà d'un seuil + paliers
   de croissance du chiffre d'affaires, déclencheur sur le résultat d'exploitation, plafond de 8 % de la masse
   salariale), bootstrap puis loi normale : temps de ``monte_carlo`` de bout en bout (cible ≤ 0,5 s) ;
2. la boucle Python par scénario de référence : pour chaque scénario, le chemin est tiré en Python pur
   (``random``, ``math.exp``) et l'enveloppe de chaque période est calculée par ``formules.evaluer`` (le calcul
   exact du projet, en Decimal, avec son explication) ; mesurée sur un sous-ensemble de scénarios et extrapolée
   à 100 000 ; rapport des deux (cible ≥ 50×). Pour information, une réécriture en Python pur (flottants, sans
   explication) de la même formule est aussi chronométrée et son rapport affiché ;
3. contrôle d'exactitude : sur les mêmes chemins, ``formules.evaluer`` scénario par scénario redonne les
   enveloppes du calcul vectoriel (à 1 centime près : flottants contre Decimal) ;
4. 2 000 scénarios × les périodes de chaque exemple (l'appel du validateur, règle ALEA_FAIBLE) : cible < 5 ms.

Usage : ``python bench/bench_simulation.py [--strict]`` (--strict : code de sortie 1 si une cible est manquée).
Données synthétiques ; les montants sont des valeurs de banc, pas des nombres légaux.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

import numpy as np

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))

from interessement import parametres  # noqa: E402
from interessement.formules import evaluer  # noqa: E402
from interessement.modele import accord_depuis_dict, charger_accord  # noqa: E402
from interessement.simulation import ajuster_modele, monte_carlo  # noqa: E402
from interessement.simulation.historique import periodes_accord  # noqa: E402
from interessement.simulation.monte_carlo import METHODE_BOOTSTRAP, METHODE_NORMALE  # noqa: E402

SCENARIOS = 100_000
SOUS_ENSEMBLE = 1_000
CIBLE_TEMPS = 0.5
CIBLE_RAPPORT = 50
CIBLE_VALIDATEUR = 0.005


def accord_banc():
    """SAS fictive : accord de 5 ans, formule à deux composantes, 9 exercices d'historique."""
    import json

    d = json.loads((RACINE / "examples" / "sas-30-part-resultat.json").read_text(encoding="utf-8"))
    d["periode"]["duree_annees"] = 5
    d["indicateurs"] += [
        {"code": "chiffre_affaires", "libelle": "Chiffre d'affaires", "nature": "chiffre_affaires"},
        {"code": "resultat_exploitation", "libelle": "Résultat d'exploitation", "nature": "resultat_exploitation"},
    ]
    d["formule"] = {
        "composantes": [
            {"type": "part_resultat", "indicateur": "resultat_courant_avant_impot", "taux": 0.2,
             "seuil_centimes": 25_000_000},
            {"type": "paliers_croissance", "indicateur": "chiffre_affaires",
             "paliers": [{"croissance_min": 0.05, "taux_masse_salariale": 0.01},
                         {"croissance_min": 0.08, "taux_masse_salariale": 0.02}]},
        ],
        "declencheurs": [{"indicateur": "resultat_exploitation", "operateur": ">", "valeur": 0}],
        "plafond": {"taux_masse_salariale": 0.08},
    }
    rng = np.random.default_rng(2026)
    ca, rcai, re_, masse = 400_000_000.0, 15_000_000.0, 12_000_000.0, 100_000_000.0
    historique = []
    for annee in range(2017, 2026):
        historique.append({"periode": str(annee), "masse_salariale_centimes": int(masse),
                           "valeurs": {"chiffre_affaires": int(ca), "resultat_courant_avant_impot": int(rcai),
                                       "resultat_exploitation": int(re_)}})
        choc = rng.normal(0.04, 0.05)
        ca *= 1 + choc
        rcai = rcai * (1 + 2 * choc) + rng.normal(-1e6, 5e6)
        re_ = 0.8 * rcai + rng.normal(0, 4e6)
        masse *= 1 + rng.normal(0.03, 0.01)
    d["historique"] = historique
    return accord_depuis_dict(d)


def chronometre(fonction, repetitions: int):
    meilleur, resultat = float("inf"), None
    for _ in range(repetitions):
        debut = time.perf_counter()
        resultat = fonction()
        meilleur = min(meilleur, time.perf_counter() - debut)
    return meilleur, resultat


def boucle_evaluer(accord, modele, n: int, graine: int) -> list[list[int]]:
    """Référence : chemin tiré en Python pur puis ``formules.evaluer`` période par période, scénario par scénario."""
    alea = random.Random(graine)
    periodes = periodes_accord(accord)
    codes = list(modele.codes)
    lignes = [list(v) for v in modele.variations]
    relatives = list(modele.relatives) + [True]
    unites = {i.code: i.unite for i in accord.indicateurs}
    enveloppes = []
    for _ in range(n):
        etat = list(modele.dernieres_valeurs) + [modele.derniere_masse]
        scenario = []
        for p in periodes:
            precedent = dict(zip(codes, etat, strict=False))
            z = alea.choice(lignes)
            etat = [v * math.exp(dz) if rel else v + dz for v, dz, rel in zip(etat, z, relatives, strict=True)]
            r = evaluer(accord.formule, dict(zip(codes, etat, strict=False)), int(etat[-1]),
                        valeurs_precedentes=precedent, periode=p.numero, date_reference=p.fin, unites=unites)
            scenario.append(r.enveloppe_centimes)
        enveloppes.append(scenario)
    return enveloppes


def boucle_python_pur(accord, modele, n: int, graine: int) -> float:
    """Réécriture en Python pur (flottants) de la même formule : part de résultat + paliers, déclencheur, plafonds."""
    alea = random.Random(graine)
    f = accord.formule
    part, paliers = f.composantes
    seuil, taux = float(part.seuil_centimes), float(part.taux)
    bornes = [(float(p.croissance_min), float(p.taux_masse_salariale)) for p in paliers.paliers]
    plafond_ms = float(f.plafond.taux_masse_salariale)
    legal = float(parametres.value_at("plafond_global_taux", accord.periodes()[0].fin))
    i_ca, i_rcai, i_re = (modele.codes.index(c) for c in ("chiffre_affaires", "resultat_courant_avant_impot",
                                                           "resultat_exploitation"))
    lignes = [list(v) for v in modele.variations]
    relatives = list(modele.relatives) + [True]
    k = len(accord.periodes())
    verses = 0
    for _ in range(n):
        etat = list(modele.dernieres_valeurs) + [modele.derniere_masse]
        for _p in range(k):
            ca1 = etat[i_ca]
            z = alea.choice(lignes)
            etat = [v * math.exp(dz) if rel else v + dz for v, dz, rel in zip(etat, z, relatives, strict=True)]
            masse = etat[-1]
            montant = taux * max(0.0, etat[i_rcai] - seuil)
            g = (etat[i_ca] - ca1) / abs(ca1) if ca1 else -math.inf
            t = 0.0
            for c, x in bornes:
                if g >= c:
                    t = x
            montant += t * masse
            if not etat[i_re] > 0:
                montant = 0.0
            montant = min(montant, plafond_ms * masse, legal * masse)
            verses += math.floor(montant) > 0
    return verses / (n * k)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="code de sortie 1 si une cible est manquée")
    args = parser.parse_args()
    verdicts = []
    accord = accord_banc()
    k = len(periodes_accord(accord))
    print(f"Formule à deux composantes, {k} périodes, historique de {len(accord.historique)} exercices.")

    # 1. Vectoriel, de bout en bout
    temps = {}
    for methode in (METHODE_BOOTSTRAP, METHODE_NORMALE):
        monte_carlo(accord, 1_000, 0, methode=methode)  # échauffement
        t, r = chronometre(lambda m=methode: monte_carlo(accord, SCENARIOS, 0, methode=m), 3)
        temps[methode] = t
        print(f"monte_carlo {SCENARIOS:_} scénarios × {k} périodes ({methode}) : {t * 1000:.0f} ms "
              f"(P(versement) {r.proba_versement:.4f}, médiane {r.quantiles_enveloppe_centimes[50] / 100:.2f} €)")
    t_vect = temps[METHODE_BOOTSTRAP]
    verdicts.append((f"{SCENARIOS:_} × {k} ≤ {CIBLE_TEMPS} s", max(temps.values()) <= CIBLE_TEMPS))

    # 2. Boucles Python par scénario (sous-ensemble, extrapolé)
    modele, _ = ajuster_modele(accord, methode=METHODE_BOOTSTRAP)
    t_boucle, _ = chronometre(lambda: boucle_evaluer(accord, modele, SOUS_ENSEMBLE, 1), 1)
    t_boucle_total = t_boucle * SCENARIOS / SOUS_ENSEMBLE
    rapport = t_boucle_total / t_vect
    print(f"Boucle Python + formules.evaluer : {t_boucle * 1000:.0f} ms pour {SOUS_ENSEMBLE:_} scénarios, "
          f"extrapolé à {SCENARIOS:_} : {t_boucle_total:.1f} s → rapport {rapport:.0f}×")
    verdicts.append((f"rapport / boucle evaluer ≥ {CIBLE_RAPPORT}×", rapport >= CIBLE_RAPPORT))
    n_pur = 20_000
    t_pur, p_pur = chronometre(lambda: boucle_python_pur(accord, modele, n_pur, 1), 1)
    t_pur_total = t_pur * SCENARIOS / n_pur
    print(f"Réécriture Python pur (flottants, pour information) : {t_pur * 1000:.0f} ms pour {n_pur:_} scénarios, "
          f"extrapolé : {t_pur_total:.2f} s → rapport {t_pur_total / t_vect:.1f}× (P(versement) {p_pur:.4f})")

    # 3. Exactitude : mêmes chemins, evaluer scénario par scénario
    n_ctrl = 300
    r = monte_carlo(accord, n_ctrl, 11, methode=METHODE_BOOTSTRAP)
    rng = np.random.default_rng(11)
    etat = modele.etat_initial(n_ctrl)
    periodes = periodes_accord(accord)
    unites = {i.code: i.unite for i in accord.indicateurs}
    ecart_max = 0
    for j, p in enumerate(periodes):
        precedent = etat.copy()
        modele.avancer(etat, modele.tirer(rng, n_ctrl))
        for s in range(n_ctrl):
            valeurs = {c: float(etat[i, s]) for i, c in enumerate(modele.codes)}
            prec = {c: float(precedent[i, s]) for i, c in enumerate(modele.codes)}
            exact = evaluer(accord.formule, valeurs, int(etat[-1, s]), valeurs_precedentes=prec, periode=p.numero,
                            date_reference=p.fin, unites=unites).enveloppe_centimes
            ecart_max = max(ecart_max, abs(exact - int(r.enveloppes_centimes[s, j])))
    print(f"Contrôle : {n_ctrl} scénarios × {k} périodes recalculés par formules.evaluer, écart maximal "
          f"{ecart_max} centime(s) (flottants contre Decimal, masse salariale tronquée au centime)")
    verdicts.append(("exactitude à 1 centime près", ecart_max <= 1))

    # 4. L'appel du validateur : 2 000 scénarios sur chaque exemple
    for chemin in sorted((RACINE / "examples").glob("*.json")):
        if chemin.name.endswith(".versement.json"):
            continue
        a = charger_accord(chemin)
        monte_carlo(a, 2_000, 0)
        t, r = chronometre(lambda a=a: monte_carlo(a, 2_000, 0), 20)
        ok = t < CIBLE_VALIDATEUR
        print(f"2 000 scénarios × {len(r.periodes)} périodes, {chemin.stem} : {t * 1000:.2f} ms "
              f"(P(versement) {r.proba_versement:.3f}, {r.methode_code})")
        verdicts.append((f"{chemin.stem} 2 000 scénarios < {CIBLE_VALIDATEUR * 1000:.0f} ms", ok))

    print()
    for libelle, ok in verdicts:
        print(f"{'OK ' if ok else 'MANQUÉ'}  {libelle}")
    return 1 if args.strict and not all(ok for _, ok in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
