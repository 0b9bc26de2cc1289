"""Banc du validateur : accords JSON validés par seconde (un cœur) et mémoire de pointe d'un lot de 10 000.

Usage : python bench/bench_validateur.py [--nombre 10000] [--simulation 500]

Les débits sont calculés sur le temps processeur du processus (``time.process_time``), indépendant des autres
programmes qui partagent la machine ; le temps écoulé est affiché à côté.

Les accords sont générés dans un dossier temporaire en perturbant les exemples (raison sociale, effectif, dates,
seuils et taux de la formule : chaque accord est différent, le cache du Monte-Carlo ne sert donc pas). Mesures :

1. lecture seule (``charger_accord``) ;
2. lecture + ``valider`` sans Monte-Carlo (ALEA_FAIBLE par back-test seul) — objectif ≥ 5 000 accords/s ;
3. lecture + ``valider`` complet (Monte-Carlo de 2 000 scénarios) sur un sous-ensemble — objectif ≥ 1 500/s ;
   3b. idem quand les historiques des indicateurs diffèrent aussi d'un accord à l'autre (rien à réutiliser) ;
4. lecture + ``valider`` complet quand les formules se répètent (cache du Monte-Carlo) ;
5. le lot entier par la commande ``interessement valider DOSSIER --sans-simulation --format json --sortie F``,
   dans un processus séparé : durée et mémoire de pointe (taille résidente maximale) ; idem avec le Monte-Carlo.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # un seul cœur, y compris pour numpy
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))

from interessement.modele import charger_accord  # noqa: E402
from validators import valider  # noqa: E402

NOMS = ["sas-30-part-resultat", "sarl-8-due-paliers", "sa-120-objectifs", "selas-40-semestriel"]
OBJECTIF_PAR_SECONDE = 5000  # issue 14
OBJECTIF_MONTE_CARLO = 1500  # issue 14 : formules toutes différentes


def _decaler(texte: str, jours: int) -> str:
    return (date.fromisoformat(texte) + timedelta(days=jours)).isoformat()


def generer(dossier: Path, nombre: int, graine: int = 0, formules_distinctes: bool = True,
            historiques_distincts: bool = False) -> list[Path]:
    rng = random.Random(graine)
    bases = [json.loads((RACINE / "examples" / f"{n}.json").read_text(encoding="utf-8")) for n in NOMS]
    chemins = []
    for i in range(nombre):
        d = json.loads(json.dumps(bases[i % len(bases)]))
        d["identifiant"] = f"lot-{i:06d}"
        d["entreprise"]["raison_sociale"] = f"Entreprise n° {i}"
        d["entreprise"]["effectif"] = max(1, d["entreprise"]["effectif"] + rng.randint(-3, 3))
        if "ratification" in d["mise_en_place"]:
            d["entreprise"]["effectif"] = d["mise_en_place"]["ratification"]["effectif_inscrit"]
        recul = rng.randint(0, 20)  # conclusion et dépôt un peu plus tôt : toujours dans les délais
        d["mise_en_place"]["date_conclusion"] = _decaler(d["mise_en_place"]["date_conclusion"], -recul)
        if d["mise_en_place"].get("ratification", {}).get("date_vote"):
            d["mise_en_place"]["ratification"]["date_vote"] = d["mise_en_place"]["date_conclusion"]
        d["depot"]["date_depot"] = _decaler(d["depot"]["date_depot"], -recul)
        if formules_distinctes:
            for c in d["formule"]["composantes"]:
                if c["type"] == "part_resultat":
                    c["seuil_centimes"] = int(c["seuil_centimes"] * rng.uniform(0.9, 1.1))
                elif c["type"] == "objectifs":
                    c["budget_taux_masse_salariale"] = round(rng.uniform(0.02, 0.04), 4)
                elif c["type"] == "paliers_croissance":
                    c["paliers"][-1]["taux_masse_salariale"] = round(rng.uniform(0.015, 0.02), 4)
        if historiques_distincts:  # chaque entreprise a ses propres chiffres passés : rien à réutiliser
            for h in d.get("historique", []):
                h["valeurs"] = {k: (int(v * rng.uniform(0.8, 1.2)) if isinstance(v, int)
                                    else round(float(v) * rng.uniform(0.97, 1.03), 2))
                                for k, v in h["valeurs"].items()}
                if h.get("masse_salariale_centimes"):
                    h["masse_salariale_centimes"] = int(h["masse_salariale_centimes"] * rng.uniform(0.95, 1.05))
        chemin = dossier / f"accord-{i:06d}.json"
        chemin.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        chemins.append(chemin)
    return chemins


def mesurer(chemins: list[Path], simulation: bool) -> tuple[float, float, dict[str, int]]:
    """(accords/s en temps processeur, accords/s en temps écoulé, statuts)."""
    statuts: dict[str, int] = {}
    debut, debut_cpu = time.perf_counter(), time.process_time()
    for c in chemins:
        r = valider(charger_accord(c), simulation=simulation)
        statuts[r.statut] = statuts.get(r.statut, 0) + 1
    cpu, ecoule = time.process_time() - debut_cpu, time.perf_counter() - debut
    return len(chemins) / cpu, len(chemins) / ecoule, statuts


def commande(dossier: Path, sortie: Path, *options: str) -> tuple[float, float, int]:
    """(secondes écoulées, mémoire résidente maximale en Mio, code de sortie) de ``interessement valider``."""
    script = ("import resource, sys, time\n"
              "from interessement.cli import main\n"
              "t = time.perf_counter()\n"
              f"code = main(['valider', {str(dossier)!r}, '--format', 'json', '--sortie', {str(sortie)!r}"
              + "".join(f", {o!r}" for o in options) + "])\n"
              "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, code)\n")
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=RACINE,
                       env={**os.environ, "PYTHONPATH": str(RACINE)})
    duree, rss, code = r.stdout.split()
    return float(duree), float(rss), int(code)


def par_regle(chemins: list[Path], simulation: bool, nombre: int = 15) -> None:
    """Ce qui borne le débit : temps processeur de la lecture (JSON + modèle pydantic) et de chaque règle (µs par
    accord), le reste étant celui du moteur (boucle, constats, tri)."""
    import validators.moteur as moteur

    temps: dict[str, float] = {}
    originales = {r.id: r for r in moteur._toutes()}

    def chronometree(r):  # noqa: ANN001, ANN202
        f = r.fonction

        def g(ctx):  # noqa: ANN001, ANN202
            t = time.process_time()
            try:
                return list(f(ctx) or ())
            finally:
                temps[r.id] = temps.get(r.id, 0.0) + time.process_time() - t
        return g

    from dataclasses import replace

    moteur._toutes.cache_clear()
    chronometrees = tuple(replace(r, fonction=chronometree(r)) for r in originales.values())
    ancienne = moteur._toutes
    moteur._toutes = lambda: chronometrees  # type: ignore[assignment]
    try:
        lecture = total = 0.0
        for c in chemins:
            t0 = time.process_time()
            a = charger_accord(c)
            t1 = time.process_time()
            valider(a, simulation=simulation)
            t2 = time.process_time()
            lecture += t1 - t0
            total += t2 - t0
    finally:
        moteur._toutes = ancienne
    n = len(chemins)
    regles = sum(temps.values())
    print(f"   par accord : {total / n * 1e6:6.0f} µs = lecture {lecture / n * 1e6:4.0f} µs "
          f"+ règles {regles / n * 1e6:4.0f} µs + moteur {(total - lecture - regles) / n * 1e6:4.0f} µs ; "
          f"règles les plus coûteuses :")
    for rid, t in sorted(temps.items(), key=lambda x: -x[1])[:nombre]:
        print(f"     {rid:<28} {t / n * 1e6:6.1f} µs")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--nombre", type=int, default=10_000)
    p.add_argument("--simulation", type=int, default=500, help="accords validés avec le Monte-Carlo")
    p.add_argument("--par-regle", action="store_true",
                   help="affiche aussi ce qui borne le débit (lecture, chaque règle, moteur), en µs par accord")
    args = p.parse_args()
    dossier = Path(tempfile.mkdtemp(prefix="bench-validateur-"))
    try:
        t0 = time.perf_counter()
        chemins = generer(dossier, args.nombre)
        print(f"{args.nombre} accords générés dans {dossier} en {time.perf_counter() - t0:.1f} s")

        # Chauffe (imports, caches de paramètres et de formats) hors mesure.
        for c in chemins[:50]:
            valider(charger_accord(c), simulation=False)

        debut = time.process_time()
        for c in chemins:
            charger_accord(c)
        lecture = len(chemins) / (time.process_time() - debut)
        print(f"1. lecture seule                                : {lecture:8.0f} accords/s")

        debit, ecoule, statuts = mesurer(chemins, simulation=False)
        verdict = "OK" if debit >= OBJECTIF_PAR_SECONDE else f"EN DESSOUS DE {OBJECTIF_PAR_SECONDE}"
        print(f"2. lecture + validation, sans Monte-Carlo       : {debit:8.0f} accords/s  {verdict} "
              f"(temps écoulé : {ecoule:.0f}/s) {statuts}")

        if args.par_regle:
            par_regle(chemins[:2000], simulation=False)

        sous_lot = chemins[: args.simulation]
        debit_mc, ecoule_mc, _ = mesurer(sous_lot, simulation=True)
        verdict_mc = "OK" if debit_mc >= OBJECTIF_MONTE_CARLO else f"EN DESSOUS DE {OBJECTIF_MONTE_CARLO}"
        print(f"3. lecture + validation, Monte-Carlo (distincts): {debit_mc:8.0f} accords/s {verdict_mc} "
              f"(temps écoulé : {ecoule_mc:.0f}/s ; {len(sous_lot)} accords, formules toutes différentes)")
        if args.par_regle:
            from validators import formule as _f

            _f._SIMULATIONS.clear()
            par_regle(sous_lot, simulation=True, nombre=5)

        distincts = dossier / "historiques-distincts"
        distincts.mkdir()
        chemins_distincts = generer(distincts, args.simulation, graine=2, historiques_distincts=True)
        debit_hd, ecoule_hd, _ = mesurer(chemins_distincts, simulation=True)
        print(f"3b. idem, historiques aussi tous différents    : {debit_hd:8.0f} accords/s "
              f"(temps écoulé : {ecoule_hd:.0f}/s ; aucune trajectoire réutilisable)")
        shutil.rmtree(distincts)

        repetes = dossier / "repetes"
        repetes.mkdir()
        chemins_repetes = generer(repetes, args.simulation, graine=1, formules_distinctes=False)
        debit_cache, ecoule_cache, _ = mesurer(chemins_repetes, simulation=True)
        print(f"4. lecture + validation, Monte-Carlo (répétées) : {debit_cache:8.0f} accords/s "
              f"(temps écoulé : {ecoule_cache:.0f}/s ; {len(chemins_repetes)} accords, 4 formules : cache)")
        shutil.rmtree(repetes)

        with tempfile.TemporaryDirectory(prefix="bench-rapport-") as t:
            sortie = Path(t) / "rapport.json"
            duree, rss, code = commande(dossier, sortie, "--sans-simulation", "--processus", "1", "--sans-cache")
            taille = sortie.stat().st_size / 2**20
            print(f"5. interessement valider DOSSIER ({len(chemins)} fichiers, --sans-simulation, JSON) : "
                  f"{duree:.1f} s écoulées, code {code}, mémoire résidente maximale {rss:.0f} Mio, "
                  f"rapport de {taille:.0f} Mio")
            duree, rss, code = commande(dossier, sortie, "--processus", "1", "--sans-cache")
            print(f"6. interessement valider DOSSIER ({len(chemins)} fichiers, avec Monte-Carlo, JSON)   : "
                  f"{duree:.1f} s écoulées, code {code}, mémoire résidente maximale {rss:.0f} Mio")
    finally:
        shutil.rmtree(dossier, ignore_errors=True)


if __name__ == "__main__":
    main()
