"""Banc des limites (issue 13) : le pire de chaque famille d'entrées hostiles, traité en ≤ 2 s et ≤ 300 Mo.

Chaque entrée est fabriquée ici (tests/fabrique_hostiles.py), écrite dans un fichier temporaire, puis traitée dans
un processus neuf : la durée est celle du traitement (modules déjà importés), la mémoire le pic du processus
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``, imports compris). La référence est un processus qui n'a fait
qu'importer les mêmes modules. Le banc imprime aussi le plus gros fichier *admis* de chaque famille (un vrai
fichier de 300 000 salariés n'est pas une attaque : son coût est proportionnel à sa taille, et il est dit à part).

Usage : python bench/bench_limites.py [--rapide]  (--rapide : sans les bombes ZIP de plusieurs centaines de Mo)
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
sys.path.insert(0, str(RACINE / "tests"))

DUREE_MAX_S = 2.0
MEMOIRE_MAX_MO = 300


# --------------------------------------------------------------------------------- travaux (processus enfant)

def _travail(nom: str, chemin: str) -> str:
    """Le traitement d'une entrée, tel que la ligne de commande ou l'assistant le fait ; rend l'issue."""
    from interessement.erreurs import ErreurEntree

    try:
        if nom in ("accord", "accord_admis"):
            from interessement.modele import charger_accord
            from validators.moteur import valider

            rapport = valider(charger_accord(chemin), None, None, simulation=nom == "accord_admis")
            return f"validé ({rapport.statut})"
        if nom in ("versement", "versement_admis"):
            from interessement.calcul import calculer_versement
            from interessement.modele import charger_accord, charger_versement

            v = charger_versement(chemin)
            c = calculer_versement(charger_accord(RACINE / "examples" / "sas-30-part-resultat.json"), v)
            return f"réparti ({len(c.lignes())} bénéficiaires)"
        if nom == "salaries":
            from interessement.fichiers_salaries import lire_fichier_salaries

            lecture = lire_fichier_salaries(chemin, Path(chemin).name.split("-", 1)[-1])
            if lecture.erreurs:
                return "refusé : " + str(lecture.erreurs[0])[:70]
            return f"lu ({len(lecture.salaries)} salariés)"
        if nom == "dsn":
            import datetime

            from interessement.dsn import lire_dsn

            r = lire_dsn([chemin], (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)))
            if r.erreurs:
                return "refusé : " + str(r.erreurs[-1])[:70]
            return f"lu ({len(r.salaries)} salariés)"
        if nom == "simulation":
            from interessement.modele import charger_accord
            from interessement.simulation.monte_carlo import monte_carlo

            r = monte_carlo(charger_accord(chemin), scenarios=10_000)
            negatifs = sum(1 for p in r.periodes for v in p.quantiles_enveloppe_centimes.values() if v < 0)
            return f"simulé ({len(r.periodes)} périodes, {negatifs} enveloppe(s) négative(s))"
    except ErreurEntree as exc:
        return "refusé : " + str(exc).replace("\n", " ")[:70]
    raise ValueError(nom)


def _enfant(nom: str, chemin: str) -> None:
    _importer()
    debut, cpu = time.perf_counter(), time.process_time()
    issue = _travail(nom, chemin) if nom != "reference" else "imports seuls"
    duree, cpu = time.perf_counter() - debut, time.process_time() - cpu
    memoire = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"duree": duree, "cpu": cpu, "memoire": memoire, "issue": issue}, ensure_ascii=False))


def _importer() -> None:
    import openpyxl  # noqa: F401

    import interessement.calcul  # noqa: F401
    import interessement.fichiers_salaries  # noqa: F401
    import interessement.simulation.monte_carlo  # noqa: F401
    import validators.moteur  # noqa: F401


# ------------------------------------------------------------------------------------ entrées (parent)

def _entrees(rapide: bool) -> list[tuple[str, str, str, bytes, bool]]:
    """(famille, description, travail, contenu, admis) ; ``admis`` : une entrée réelle admise, pas une attaque."""
    import fabrique_hostiles as f

    def accord(modif: dict) -> bytes:
        return json.dumps(f.accord_avec(modif), ensure_ascii=True).encode()

    v = f.versement()
    base = v["salaries"][0]
    grand = dict(v, salaries=[dict(base, identifiant=f"M{i}", nom=f"Salarié {i}") for i in range(25_000)])
    v_entier = json.dumps(dict(v, valeurs={"resultat_courant_avant_impot": 424242})).replace("424242", "9" * 4_000_000)
    v_tt = json.dumps(dict(v, salaries=[dict(base, temps_travail=1e30)]))
    profond = b"[" * 2_000_000 + b"]" * 2_000_000
    entrees = [
        ("nombres", "taux « 1e999999 » (3,8 ko)", "accord", accord({("formule", "composantes", 0, "taux"): "1e999999"}),
         False),
        ("nombres", "entier de 4 millions de chiffres", "versement", v_entier.encode(), False),
        ("nombres", "temps_travail 1e30 (versement JSON)", "versement", v_tt.encode(), False),
        ("dates", "date d'effet 9999-01-01", "accord", accord({("periode", "date_effet"): "9999-01-01"}), False),
        ("textes", "raison sociale de 4,9 Mo", "accord", accord({("entreprise", "adresse"): "x" * 4_900_000}), False),
        ("JSON", "imbrication de 2 millions de niveaux", "accord", profond, False),
        ("listes", "1 000 composantes de formule", "accord", accord({("formule", "composantes"): [
            {"type": "pourcentage_masse_salariale", "taux": 0.001}] * 1_000}), False),
        ("CSV", "19,5 Mo de lignes d'un caractère", "salaries", f.csv_lignes_minuscules(19_500_000), False),
        ("CSV", "une ligne de 19,5 Mo de séparateurs", "salaries",
         b"Matricule;Salaire brut;Jours inscrits\nM1;1;1" + b";" * 19_500_000 + b"\n", False),
        ("CSV", "en-tête de 2 millions de colonnes", "salaries", f.csv_colonnes(2_000_000), False),
        ("XLSX", "cellule annoncée à la ligne 999 999 999", "salaries", f.xlsx_cellule_lointaine(999_999_999), False),
        ("XLSX", "cellule en colonne XFD (16 384 colonnes)", "salaries", f.xlsx_cellule_lointaine(2, "XFD"), False),
        ("DSN", "20 Mo de lignes illisibles", "dsn", b"S\n" * 10_000_000, False),
        ("DSN", "600 000 individus (25 Mo)", "dsn",
         b"".join(b"S21.G00.30.001,'%d'\nS21.G00.30.002,'N'\n" % i for i in range(600_000)), False),
        ("simulation", "accord de 99 ans à périodes mensuelles", "simulation",
         accord({("periode", "duree_annees"): 99, ("periode", "periode_calcul_mois"): 1}), False),
        ("versement", "versement JSON de 25 000 salariés (≈ 4,6 Mo, près de la taille maximale)", "versement_admis",
         json.dumps(grand).encode(), True),
        ("CSV", "fichier réel de 20 000 salariés", "salaries", f.csv_salaries(20_000), True),
        ("CSV", "fichier réel de 300 000 salariés (SALARIES_MAX)", "salaries", f.csv_salaries(300_000), True),
        ("CSV", "export de paie de 300 000 salariés (10 colonnes, BOM, CRLF)", "salaries",
         f.csv_salaries_reel(300_000), True),
        ("XLSX", "classeur réel de 20 000 salariés", "salaries", f.xlsx_salaries(20_000), True),
    ]
    if not rapide:
        entrees[12:12] = [
            ("XLSX", "bombe ZIP : 0,3 Mo qui font 300 Mo", "salaries", f.xlsx_bombe(300_000_000), False),
            ("XLSX", "bombe ZIP : 0,15 Mo qui font 150 Mo", "salaries", f.xlsx_bombe(150_000_000), False),
        ]
    return entrees


def _fabriquer(dossier: str, rapide: bool) -> None:
    """Écrit chaque entrée dans ``dossier`` et son inventaire (``entrees.json``) : dans un processus à part, pour que
    le pic de mémoire des entrées fabriquées ne soit pas hérité par les mesures (ru_maxrss survit à execve)."""
    inventaire = []
    for i, (famille, description, travail, contenu, admis) in enumerate(_entrees(rapide)):
        ext = {"salaries": ".xlsx" if contenu[:2] == b"PK" else ".csv", "dsn": ".dsn"}.get(travail, ".json")
        chemin = Path(dossier) / f"{i:02d}-{travail}{ext}"
        chemin.write_bytes(contenu)
        inventaire.append({"famille": famille, "description": description, "travail": travail,
                           "chemin": str(chemin), "taille": len(contenu), "admis": admis})
    (Path(dossier) / "entrees.json").write_text(json.dumps(inventaire, ensure_ascii=False), encoding="utf-8")


def _mesurer(nom: str, chemin: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--enfant", nom, chemin], capture_output=True, text=True,
                          check=False, cwd=RACINE)
    if proc.returncode != 0:
        return {"duree": float("nan"), "cpu": float("nan"), "memoire": float("nan"),
                "issue": "ÉCHEC : " + proc.stderr.strip()[-200:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    rapide = "--rapide" in sys.argv
    reference = _mesurer("reference", "")
    print(f"Référence (imports seuls) : {reference['memoire']:.0f} Mo ; bornes : {DUREE_MAX_S} s de calcul (temps "
          f"processeur du processus), {MEMOIRE_MAX_MO} Mo de pic")
    print()
    print(f"{'Famille':<11} {'Entrée':<64} {'Taille':>9} {'Calcul':>7} {'Horloge':>8} {'Mémoire':>8}  Verdict  Issue")
    depassements = 0
    with tempfile.TemporaryDirectory(prefix="bench-limites-") as dossier:
        subprocess.run([sys.executable, __file__, "--fabriquer", dossier, *(["--rapide"] if rapide else [])],
                       check=True, cwd=RACINE)
        for e in json.loads((Path(dossier) / "entrees.json").read_text(encoding="utf-8")):
            m = _mesurer(e["travail"], e["chemin"])
            Path(e["chemin"]).unlink()
            ok = m["cpu"] <= DUREE_MAX_S and m["memoire"] <= MEMOIRE_MAX_MO
            verdict = "OK" if ok else ("ADMIS>" if e["admis"] else "DÉPASSE")
            depassements += 0 if ok or e["admis"] else 1
            taille = f"{e['taille'] / 1e6:.2f} Mo" if e["taille"] >= 10_000 else f"{e['taille']} o"
            issue = m["issue"].replace(e["chemin"], Path(e["chemin"]).name)
            print(f"{e['famille']:<11} {e['description']:<64} {taille:>9} {m['cpu']:6.2f}s {m['duree']:7.2f}s "
                  f"{m['memoire']:6.0f}Mo  {verdict:<7}  {issue[:90]}")
    print()
    print("Calcul : temps processeur du traitement (indépendant de la charge de la machine) ; Horloge : temps écoulé.")
    print("ADMIS> : un vrai fichier admis dont le coût, proportionnel à sa taille, dépasse les bornes d'une attaque.")
    print(f"Entrées hostiles hors bornes : {depassements}")


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--enfant":
        _enfant(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 3 and sys.argv[1] == "--fabriquer":
        _fabriquer(sys.argv[2], "--rapide" in sys.argv)
    else:
        main()
