"""Banc d'essai du versement des primes (lecture des DSN, répartition, page « Calculer et verser les primes »).

Mesures :
1. 500 salariés lus de leurs 12 DSN mensuelles (``interessement.dsn.lire_dsn``) puis répartis au centime
   (``calcul.calculer_versement``) : cible ≤ 1 s ; comparé à la lecture d'un fichier CSV des mêmes salariés
   (``fichiers_salaries.lire_fichier_salaries``, la même répartition ensuite) : rapport DSN / CSV ;
2. temps serveur d'une exécution de la page à 500 salariés (AppTest) : sans changement, et après un changement de
   chiffre de clôture (enveloppe et répartition recalculées) ; cible ≤ 150 ms pour l'exécution sans changement.

Usage : ``python bench/bench_versement.py [--strict] [--repetitions N]`` (--strict : code de sortie 1 si une cible
est manquée). Médiane de N répétitions (7 par défaut) après une exécution d'échauffement ; temps écoulé et temps
processeur (sur une machine partagée, le second dit ce que coûte le calcul lui-même). La charge de la machine
(moyenne sur 1 minute) est affichée : les cibles sont jugées sur le temps écoulé.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
sys.path.insert(0, str(RACINE / "tests"))

from fabrique_dsn import dsn_de_l_exercice, equipe  # noqa: E402

CIBLE_DSN_S = 1.0
CIBLE_PAGE_S = 0.150
EXERCICE = (date(2026, 1, 1), date(2026, 12, 31))


def _csv(salaries: list[dict]) -> bytes:
    lignes = ["Matricule;Nom;Salaire brut (€);Jours d'inscription;Absences maladie;Absences maternité;"
              "Absences accident du travail;Absences congé sans solde"]
    for s in salaries:
        a = s["absences"]
        lignes.append(f"{s['identifiant']};{s['nom']};{s['salaire_brut_centimes'] // 100},"
                      f"{s['salaire_brut_centimes'] % 100:02d};{s['jours_inscrits']};{a.get('maladie', 0)};"
                      f"{a.get('maternite', 0)};{a.get('accident_travail', 0)};{a.get('conges_sans_solde', 0)}")
    return ("\r\n".join(lignes) + "\r\n").encode("cp1252")


def mesurer_lecture(n: int, repetitions: int) -> dict[str, list[float]]:
    from interessement.calcul import calculer_versement
    from interessement.dsn import lire_dsn
    from interessement.fichiers_salaries import lire_fichier_salaries, salaries_pour_versement
    from interessement.modele import charger_accord, versement_depuis_dict

    accord = charger_accord(RACINE / "examples" / "sas-30-part-resultat.json")
    fichiers = dsn_de_l_exercice(equipe(n, 2026), 2026)
    contenus, noms = list(fichiers.values()), list(fichiers)
    reference = lire_dsn(contenus, EXERCICE, noms=noms)
    assert not reference.erreurs and len(reference.salaries) == n, reference.erreurs[:3]
    csv = _csv(reference.salaries)
    temps: dict[str, list[float]] = {}

    def repartir(salaries: list[dict]) -> int:
        v = versement_depuis_dict({"periode": 1, "masse_salariale_centimes": sum(
            s["salaire_brut_centimes"] for s in salaries), "salaries": salaries})
        calcul = calculer_versement(accord, v, montant_centimes=10_000_000)
        total = int(calcul.repartition.montants_centimes.sum())
        assert total + calcul.repartition.reliquat_centimes == calcul.enveloppe_centimes
        return total

    for k in range(repetitions + 1):
        t, c = time.perf_counter(), time.process_time()
        lecture = lire_dsn(contenus, EXERCICE, noms=noms)
        t_lu = time.perf_counter()
        total_dsn = repartir(lecture.salaries)
        t_fin, c_fin = time.perf_counter(), time.process_time()
        t2 = time.perf_counter()
        lecture_csv = lire_fichier_salaries(csv, "salaries.csv")
        salaries_csv = salaries_pour_versement(lecture_csv.salaries)
        t2_lu = time.perf_counter()
        total_csv = repartir(salaries_csv)
        t2_fin = time.perf_counter()
        assert total_dsn == total_csv, (total_dsn, total_csv)
        if k == 0:
            continue  # échauffement
        temps.setdefault("DSN : lecture des 12 fichiers", []).append(t_lu - t)
        temps.setdefault("DSN : lecture + répartition", []).append(t_fin - t)
        temps.setdefault("DSN : lecture + répartition (temps processeur)", []).append(c_fin - c)
        temps.setdefault("CSV : lecture", []).append(t2_lu - t2)
        temps.setdefault("CSV : lecture + répartition", []).append(t2_fin - t2)
    return temps


def mesurer_page(n: int, repetitions: int) -> dict[str, list[float]]:
    from streamlit.testing.v1 import AppTest

    fichiers = dsn_de_l_exercice(equipe(n, 2026), 2026)
    temps: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as dossier:
        os.environ["INTERESSEMENT_BROUILLONS"] = str(Path(dossier) / "brouillons.sqlite3")
        at = AppTest.from_file(str(RACINE / "app.py"), default_timeout=180).run()
        at.switch_page("interface/pages/versement.py").run()
        at.radio(key="primes_source_accord").set_value("fichier").run()
        at.file_uploader(key="primes_fichier_accord").upload(
            "accord.json", (RACINE / "examples" / "sas-30-part-resultat.json").read_bytes(), "application/json").run()
        at.number_input(key="primes_p1_resultat_courant_avant_impot").set_value(285_000)
        at.number_input(key="primes_p1_masse").set_value(874_965).run()
        at.radio(key="primes_source_salaries").set_value("dsn").run()
        at.file_uploader(key="primes_fichiers_dsn").set_value([(k, v, "text/plain") for k, v in fichiers.items()])
        t = time.perf_counter()
        at.run()
        temps["page : dépôt des 12 DSN (lecture, répartition, contrôle)"] = [time.perf_counter() - t]
        assert not at.exception, [e.value for e in at.exception]
        assert any("au centime près" in s.value for s in at.success), "la répartition n'est pas affichée"
        beneficiaires = next(int(m.value) for m in at.metric if m.label == "Bénéficiaires")
        assert beneficiaires > n * 0.8, f"{beneficiaires} bénéficiaires sur {n} salariés"
        at.run()  # échauffement
        for k in range(repetitions):
            t, c = time.perf_counter(), time.process_time()
            at.run()
            temps.setdefault("page : exécution sans changement", []).append(time.perf_counter() - t)
            temps.setdefault("page : exécution sans changement (temps processeur)", []).append(
                time.process_time() - c)
            at.number_input(key="primes_p1_resultat_courant_avant_impot").set_value(285_000 + 1000 * (k + 1))
            t = time.perf_counter()
            at.run()
            temps.setdefault("page : chiffre de clôture modifié (tout recalculé)", []).append(time.perf_counter() - t)
            assert not at.exception, [e.value for e in at.exception]
    return temps


def _ligne(libelle: str, valeurs: list[float]) -> str:
    return (f"  {libelle:<58} médiane {statistics.median(valeurs) * 1000:8.1f} ms   "
            f"min {min(valeurs) * 1000:8.1f} ms   ({len(valeurs)} mesure(s))")


def main() -> int:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--strict", action="store_true")
    parseur.add_argument("--repetitions", type=int, default=7)
    parseur.add_argument("--salaries", type=int, default=500)
    args = parseur.parse_args()
    n = args.salaries
    manques = []
    print(f"Charge de la machine (1 min) : {os.getloadavg()[0]:.1f} pour {os.cpu_count()} cœur(s)")

    print(f"1. {n} salariés, 12 DSN mensuelles lues puis répartis au centime (cible ≤ {CIBLE_DSN_S:.1f} s)")
    lecture = mesurer_lecture(n, args.repetitions)
    for libelle, valeurs in lecture.items():
        print(_ligne(libelle, valeurs))
    dsn = statistics.median(lecture["DSN : lecture + répartition"])
    csv = statistics.median(lecture["CSV : lecture + répartition"])
    print(f"  rapport DSN / CSV (lecture + répartition) : {dsn / csv:.2f}")
    if dsn > CIBLE_DSN_S:
        manques.append(f"DSN lues et réparties en {dsn:.2f} s > {CIBLE_DSN_S} s")

    print(f"2. page « Calculer et verser les primes » à {n} salariés, temps serveur (AppTest) "
          f"(cible ≤ {CIBLE_PAGE_S * 1000:.0f} ms sans changement)")
    page = mesurer_page(n, args.repetitions)
    for libelle, valeurs in page.items():
        print(_ligne(libelle, valeurs))
    rerun = statistics.median(page["page : exécution sans changement"])
    if rerun > CIBLE_PAGE_S:
        manques.append(f"exécution de la page sans changement en {rerun * 1000:.0f} ms > {CIBLE_PAGE_S * 1000:.0f} ms")

    print("Cibles : " + ("toutes atteintes." if not manques else "MANQUÉES : " + " ; ".join(manques)))
    return 1 if manques and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
