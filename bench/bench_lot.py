"""Banc des lots : fichiers par seconde de ``interessement valider DOSSIER`` en 1 processus, en 2 processus et sur
un LocalCluster Dask de 2 travailleurs, sur les mêmes fichiers (PDF à couche texte et scans), et le rapport
d'échelle (débit à 2 / débit à 1).

    .venv/bin/python bench/bench_lot.py [--fichiers 200] [--scans 10] [--pages-scan 1] [--cache DOSSIER]

Les fichiers : les textes du corpus de développement mis en page par LibreOffice (PDF à couche texte), copiés
jusqu'au nombre voulu (chaque copie a des octets différents : un commentaire PDF ajouté) ; ``--scans`` d'entre eux
sont des scans (pages rastérisées, tournées, bruitées, sans couche texte, tests/fabrique_scans.py) de
``--pages-scan`` pages. Un scan coûte quelques secondes de CPU par page contre une fraction de seconde pour un PDF
à couche texte : la part des scans est réduite (10 sur 200 par défaut) pour que le banc tienne en ~10 minutes
sur 2 cœurs ; les débits des scans seuls sont affichés à part. Chaque mesure lance la commande dans un processus
neuf, sans cache des résultats (``--sans-cache``), sauf le passage à 2 processus qui remplit un cache neuf : la reprise (même lot relancé)
est mesurée à la fin. Temps écoulé (horloge murale) : c'est lui que le parallélisme réduit.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))
sys.path.insert(0, str(RACINE / "bench"))

from bench_lecture_entrees import pages, pdfs_du_corpus  # noqa: E402

from tests.fabrique_scans import scanner  # noqa: E402
from tests.outils_lecture import CORPUS_DEV  # noqa: E402

PYTHON = sys.executable


def fabriquer_lot(dossier: Path, cache: Path, fichiers: int, scans: int, pages_scan: int) -> tuple[int, int]:
    textes = sorted((CORPUS_DEV / "texts").glob("*.txt"))
    pdfs = pdfs_du_corpus(cache, textes)
    noms = sorted(pdfs)
    n_scans = 0
    for i in range(fichiers):
        nom = noms[i % len(noms)]
        if i < scans:
            cle = cache / f"{nom}.scan{pages_scan}-{i}.pdf"
            if not cle.exists():
                cle.write_bytes(scanner(pages(pdfs[nom], pages_scan), graine=i))
            (dossier / f"{i:04d}-{nom}.scan.pdf").write_bytes(cle.read_bytes())
            n_scans += 1
        else:
            (dossier / f"{i:04d}-{nom}.pdf").write_bytes(pdfs[nom] + f"\n%copie {i}\n".encode())
    return fichiers - n_scans, n_scans


def lancer(dossier: Path, sortie: Path, *options: str) -> tuple[float, dict]:
    env = dict(os.environ)
    env.pop("INTERESSEMENT_OCR_PROCESSUS", None)
    t = time.perf_counter()
    avant = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([PYTHON, "-m", "interessement.cli", "valider", str(dossier), "--format", "json",
                    "--date-reference", "2026-06-01", "--sortie", str(sortie), *options],
                   env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    duree = time.perf_counter() - t
    apres = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (apres.ru_utime + apres.ru_stime) - (avant.ru_utime + avant.ru_stime)
    synthese = json.loads(sortie.read_text(encoding="utf-8"))["synthese"]
    synthese["cpu"] = cpu
    return duree, synthese


def main(argv: list[str] | None = None) -> int:
    parseur = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parseur.add_argument("--fichiers", type=int, default=200)
    parseur.add_argument("--scans", type=int, default=10)
    parseur.add_argument("--pages-scan", type=int, default=1)
    parseur.add_argument("--cache", type=Path, default=RACINE / "bench" / ".scans")
    args = parseur.parse_args(argv)

    from distributed import LocalCluster

    with tempfile.TemporaryDirectory(prefix="bench-lot-") as tmp:
        racine = Path(tmp)
        lot, lot_scans = racine / "lot", racine / "scans"
        lot.mkdir()
        lot_scans.mkdir()
        n_pdf, n_scans = fabriquer_lot(lot, args.cache, args.fichiers, args.scans, args.pages_scan)
        for f in sorted(lot.glob("*.scan.pdf")):
            os.link(f, lot_scans / f.name)
        print(f"Charge de la machine au départ : {os.getloadavg()[0]:.1f} (sur {os.cpu_count()} cœurs : au-delà, "
              "les autres programmes faussent le temps écoulé et le rapport d'échelle).")
        print(f"Lot : {args.fichiers} fichiers ({n_pdf} PDF à couche texte, {n_scans} scans de {args.pages_scan} "
              f"page(s)) ; {os.cpu_count()} cœurs.")
        sortie = racine / "rapport.json"
        env_cache = racine / "cache"
        mesures: dict[str, float] = {}
        # Le passage à 2 processus remplit un cache neuf (écrire 200 petits JSON : négligeable) pour la reprise.
        for etiquette, options in [("1 processus", ["--processus", "1", "--sans-cache"]),
                                   ("2 processus", ["--processus", "2", "--cache", str(env_cache)])]:
            duree, synthese = lancer(lot, sortie, *options)
            mesures[etiquette] = duree
            print(f"  {etiquette:<28} {duree:7.1f} s  {args.fichiers / duree:6.2f} fichiers/s  "
                  f"(CPU de la commande et de ses processus : {synthese['cpu']:.1f} s ; "
                  f"illisibles : {synthese['illisibles']})")
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as grappe:
            duree, synthese = lancer(lot, sortie, "--dask", grappe.scheduler_address, "--sans-cache")
            mesures["Dask (2 travailleurs)"] = duree
            print(f"  {'Dask LocalCluster 2 trav.':<28} {duree:7.1f} s  {args.fichiers / duree:6.2f} fichiers/s  "
                  f"(illisibles : {synthese['illisibles']})")
        print(f"Rapport d'échelle : 2 processus / 1 = {mesures['1 processus'] / mesures['2 processus']:.2f} ; "
              f"Dask / 1 processus = {mesures['1 processus'] / mesures['Dask (2 travailleurs)']:.2f} "
              "(idéal : 2,00 sur 2 cœurs)")
        if n_scans:
            for etiquette, options in [("scans, 1 processus", ["--processus", "1"]),
                                       ("scans, 2 processus", ["--processus", "2"])]:
                duree, _ = lancer(lot_scans, sortie, *options, "--sans-cache")
                print(f"  {etiquette:<28} {duree:7.1f} s  {n_scans / duree:6.2f} fichiers/s  "
                      f"({duree / n_scans:.1f} s par scan)")
        reprise, synthese = lancer(lot, sortie, "--cache", str(env_cache))
        print(f"Reprise : le lot relancé (tout en cache) {reprise:.2f} s contre {mesures['2 processus']:.1f} s "
              f"({synthese['fichiers']} fichiers rapportés).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
