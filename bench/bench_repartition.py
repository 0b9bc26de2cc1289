"""Banc d'essai de la répartition (interessement.repartition.repartir).

Mesures :
1. temps de répartition pour 100 000 bénéficiaires, trois sous-enveloppes, des plafonds atteints
   (cible ≤ 0,3 s) ;
2. temps de la boucle Python simple de référence (tests/reference_repartition.py) sur les mêmes
   données et rapport (cible ≥ 20×) : en arithmétique exacte (Fraction, la référence des tests, mêmes
   montants au centime) et en float (la même boucle sans exactitude) ; les montants sont comparés ;
3. pic de mémoire pour 1 000 000 de bénéficiaires (cible ≤ 2 Gio) : pic tracemalloc pendant l'appel
   et RSS maximal du processus.

Usage : ``python bench/bench_repartition.py [--strict] [--sans-exact]`` (--strict : code de sortie 1
si une cible est manquée ; --sans-exact : ne pas lancer la boucle exacte, ~10 s). Les données sont synthétiques ; le plafond est une valeur de banc, pas un nombre légal.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from fractions import Fraction
from pathlib import Path

import numpy as np

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
sys.path.insert(0, str(RACINE / "tests"))

from reference_repartition import repartir_reference  # noqa: E402

from interessement.repartition import ParametresRepartition, repartir  # noqa: E402

PLAFOND_BANC = 3_000_000  # centimes, valeur arbitraire du banc (atteinte par les plus hauts salaires)
JOURS = 365


def donnees(n: int, graine: int = 2026):
    """Population synthétique : salaires log-normaux, entrées/sorties en cours d'exercice, absences."""
    rng = np.random.default_rng(graine)
    salaires = np.rint(rng.lognormal(mean=np.log(3_200_000), sigma=0.6, size=n)).astype(np.int64)
    inscrits = np.where(rng.random(n) < 0.85, JOURS, rng.integers(1, JOURS, n)).astype(np.int64)
    absences = np.minimum(rng.poisson(6, n), inscrits)
    presence = inscrits - absences
    plafonds = (PLAFOND_BANC * inscrits) // JOURS
    identifiants = [f"M{i:07d}" for i in range(n)]
    enveloppe = int(salaires.sum()) // 5  # enveloppe généreuse : des plafonds sont atteints
    return enveloppe, identifiants, presence, salaires, plafonds


def chronometre(fonction, repetitions: int) -> tuple[float, object]:
    meilleur = float("inf")
    resultat = None
    for _ in range(repetitions):
        debut = time.perf_counter()
        resultat = fonction()
        meilleur = min(meilleur, time.perf_counter() - debut)
    return meilleur, resultat


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="code de sortie 1 si une cible est manquée")
    parser.add_argument("--sans-exact", action="store_true", help="ne pas chronométrer la boucle exacte")
    args = parser.parse_args()
    params = ParametresRepartition(Fraction(1, 3), Fraction(1, 3), Fraction(1, 3), redistribution=True)
    verdicts = []

    # 1. 100 000 bénéficiaires
    n = 100_000
    e, ids, pres, sal, cap = donnees(n)
    repartir(e, ids, pres, sal, cap, params)  # échauffement
    t_vect, r = chronometre(lambda: repartir(e, ids, pres, sal, cap, params), 5)
    print(f"Répartition vectorisée, {n:_} bénéficiaires : {t_vect * 1000:.1f} ms "
          f"({r.iterations} tours, {int(r.plafonne.sum()):_} plafonnés, reliquat {r.reliquat_centimes} c)")
    verdicts.append(("temps 100 000 ≤ 0,3 s", t_vect <= 0.3))

    # Part de la validation des identifiants (unicité : un ensemble Python de n chaînes)
    t_ids, _ = chronometre(lambda: len(set(ids)), 5)
    print(f"  dont contrôle d'unicité des identifiants (set Python) : ~{t_ids * 1000:.1f} ms")

    # 2. Boucle Python simple sur les mêmes données
    t_flot, ref = chronometre(lambda: repartir_reference(e, ids, pres, sal, cap, params, exact=False), 1)
    ecarts = np.abs(np.asarray(ref["montants"]) - r.montants_centimes)
    print(f"Boucle Python en float : {t_flot:.2f} s ; rapport {t_flot / t_vect:.0f}× "
          f"(écart max des montants : {int(ecarts.max())} centime(s))")
    if not args.sans_exact:
        t_exact, ref = chronometre(lambda: repartir_reference(e, ids, pres, sal, cap, params, exact=True), 1)
        identique = ref["montants"] == r.montants_centimes.tolist() and ref["reliquat"] == r.reliquat_centimes
        print(f"Boucle Python exacte (Fraction, référence des tests) : {t_exact:.2f} s ; "
              f"rapport {t_exact / t_vect:.0f}× (montants identiques : {'oui' if identique else 'NON'})")
        verdicts.append(("rapport ≥ 20× (boucle de référence exacte)", t_exact / t_vect >= 20 and identique))
    verdicts.append(("rapport ≥ 20× (boucle float)", t_flot / t_vect >= 20))

    # 3. Mémoire pour 1 000 000 de bénéficiaires
    n = 1_000_000
    e, ids, pres, sal, cap = donnees(n)
    tracemalloc.start()
    debut = time.perf_counter()
    r = repartir(e, ids, pres, sal, cap, params)
    duree = time.perf_counter() - debut
    _, pic = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux : kio
    assert int(r.montants_centimes.sum()) + r.reliquat_centimes == e
    print(f"1 000 000 bénéficiaires : {duree:.2f} s (sous tracemalloc), pic alloué pendant l'appel "
          f"{pic / 2**20:.0f} Mio, RSS maximal du processus {rss / 2**20:.0f} Mio")
    verdicts.append(("mémoire 1 000 000 ≤ 2 Gio", max(pic, rss) <= 2 * 2**30))

    for nom, ok in verdicts:
        print(f"  [{'OK' if ok else 'ÉCHEC'}] {nom}")
    return 1 if args.strict and not all(ok for _, ok in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
