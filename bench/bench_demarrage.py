"""Banc du démarrage à froid : temps processeur de ``interessement valider FICHIER`` dans un processus neuf
(objectif ≤ 0,4 s), comparé à un interpréteur nu et au plancher des bibliothèques qu'il ne peut pas éviter.

    .venv/bin/python bench/bench_demarrage.py [--repetitions 7] [--fichier examples/sas-30-part-resultat.json]

Temps processeur (utilisateur + système) du processus enfant, ``resource.getrusage(RUSAGE_CHILDREN)`` : indépendant
des autres programmes de la machine, à la contention des caches près (le minimum et la médiane sont affichés).
Mesures, chacune dans un processus neuf, sans le cache des résultats de lots (``--sans-cache``) :

1. ``python -c pass`` : l'interpréteur seul ;
2. ``python -c "import numpy, numpy.random; from pydantic import BaseModel"`` : le plancher des bibliothèques dont la
   validation a besoin (numpy pour le Monte-Carlo, pydantic pour le format d'échange ; ni PyYAML ni babel depuis
   l'issue 14 : paramètres et clauses repris du cache des fichiers lus, nombres et dates écrits sans babel) ;
3. ``interessement valider FICHIER --sans-simulation`` ;
4. ``interessement valider FICHIER`` (avec le Monte-Carlo d'ALEA_FAIBLE) — l'objectif ;
5. ``interessement --help`` (toutes les sous-commandes : documents Word et simulation compris).

``--imports`` affiche en plus les modules les plus coûteux (``python -X importtime``), triés par temps cumulé.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
OBJECTIF_S = 0.4


#: Le processus enfant écrit ses fichiers .pyc à la première exécution, comme chez un utilisateur (pip les écrit à
#: l'installation) : une machine où PYTHONDONTWRITEBYTECODE est posé mesurerait sinon la compilation des sources
#: à chaque démarrage (+0,25 s).
ENVIRONNEMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def cpu(commande: list[str]) -> float:
    avant = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(commande, cwd=RACINE, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=ENVIRONNEMENT)
    apres = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (apres.ru_utime + apres.ru_stime) - (avant.ru_utime + avant.ru_stime)


def mesurer(commande: list[str], repetitions: int) -> tuple[float, float]:
    cpu(commande)  # une première fois : fichiers .pyc écrits, pages en cache du système
    mesures = [cpu(commande) for _ in range(repetitions)]
    return min(mesures), statistics.median(mesures)


def imports_couteux(commande: list[str], nombre: int = 25) -> list[tuple[int, str]]:
    sortie = subprocess.run([sys.executable, "-X", "importtime", *commande[1:]], cwd=RACINE, check=False,
                            capture_output=True, text=True, env=ENVIRONNEMENT).stderr
    lignes = []
    for ligne in sortie.splitlines():
        if ligne.startswith("import time:") and "|" in ligne and "cumulative" not in ligne:
            _, cumul, nom = ligne[len("import time:"):].split("|")
            lignes.append((int(cumul), nom.rstrip()))
    return sorted(lignes, reverse=True)[:nombre]


def main(argv: list[str] | None = None) -> int:
    parseur = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parseur.add_argument("--repetitions", type=int, default=7)
    parseur.add_argument("--fichier", default="examples/sas-30-part-resultat.json")
    parseur.add_argument("--imports", action="store_true")
    args = parseur.parse_args(argv)
    py = sys.executable
    valider = [py, "-m", "interessement.cli", "valider", args.fichier, "--sans-cache"]
    cas = [
        ("interpréteur nu (python -c pass)", [py, "-c", "pass"]),
        ("plancher : numpy, pydantic", [py, "-c", "import numpy, numpy.random; from pydantic import BaseModel"]),
        ("valider --sans-simulation", [*valider, "--sans-simulation"]),
        ("valider (Monte-Carlo compris)", valider),
        ("interessement --help", [py, "-m", "interessement.cli", "--help"]),
    ]
    resultats = {}
    print(f"Temps processeur d'un processus neuf ({args.repetitions} fois : minimum / médiane)")
    for etiquette, commande in cas:
        mini, mediane = mesurer(commande, args.repetitions)
        resultats[etiquette] = mediane
        print(f"  {etiquette:<42} {mini:6.3f} s / {mediane:6.3f} s")
    nu = resultats["interpréteur nu (python -c pass)"]
    v = resultats["valider (Monte-Carlo compris)"]
    print(f"valider : {v:.3f} s de CPU, {v / nu:.1f} × l'interpréteur nu ; objectif ≤ {OBJECTIF_S} s : "
          f"{'atteint' if v <= OBJECTIF_S else 'NON ATTEINT'}")
    if args.imports:
        print("Imports les plus coûteux de valider (temps cumulé, µs, python -X importtime) :")
        for cumul, nom in imports_couteux(valider):
            print(f"  {cumul:9d}  {nom}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
