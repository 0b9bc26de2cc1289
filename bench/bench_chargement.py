"""Banc : lecture d'un accord JSON (objectif ≤ 5 ms), comparée à un simple json.loads.

Usage : python bench/bench_chargement.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))

from interessement.modele import charger_accord  # noqa: E402


def mesurer(fonction, repetitions: int = 300) -> float:
    durees = []
    for _ in range(repetitions):
        t0 = time.perf_counter()
        fonction()
        durees.append(time.perf_counter() - t0)
    return statistics.median(durees)


def main() -> None:
    for chemin in sorted((RACINE / "examples").glob("*.json")):
        if chemin.name.endswith(".versement.json"):
            continue
        octets = chemin.read_bytes()
        t_json = mesurer(lambda octets=octets: json.loads(octets))
        t_lecture = mesurer(lambda chemin=chemin: charger_accord(chemin))
        print(f"{chemin.name:<32} lecture + validation {t_lecture * 1000:6.3f} ms "
              f"(json.loads seul {t_json * 1000:6.3f} ms, ratio {t_lecture / t_json:5.1f}) "
              f"{'OK' if t_lecture <= 0.005 else 'AU-DELÀ DE 5 ms'}")


if __name__ == "__main__":
    main()
