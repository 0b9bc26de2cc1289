"""Banc d'essai de la base des brouillons (``interface.stockage``) à 10 000 brouillons.

Une base remplie de 10 000 brouillons de la taille d'un vrai (un exemple complet et son état d'interface, environ
8 Ko de JSON), puis, sur des brouillons tirés au hasard :
- ``ecrire`` : la sauvegarde d'une modification (comparer-puis-écrire sur la version) ; cible : médiane ≤ 10 ms
  (le 95e centile est affiché : sur une machine partagée, il mesure surtout l'ordonnanceur) ;
- ``creer`` : la première sauvegarde d'un nouveau brouillon (jeton signé, lié au navigateur) ;
- ``charger`` : la reprise d'un brouillon ;
- la référence : l'ancienne écriture sans contrôle (``INSERT … ON CONFLICT DO UPDATE`` en sqlite3 brut) sur la
  même base, pour le rapport ;
- ``purger`` : la purge de la durée de conservation sur 10 000 lignes.
Sur SQLite (fichier, mode WAL), puis sur PostgreSQL si ``initdb`` est installé (serveur jetable, comme les tests).

Usage : ``python bench/bench_brouillons.py [--n 10000] [--mesures 300] [--strict] [--sans-postgresql]``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
sys.path.insert(0, str(RACINE / "tests"))

CIBLE_MS = 10.0


def contenu_type(i: int) -> dict:
    from interface.brouillon import charger_exemple, ui_par_defaut

    exemples = sorted(p for p in (RACINE / "examples").glob("*.json") if not p.name.endswith(".versement.json"))
    accord = charger_exemple(exemples[i % len(exemples)])
    accord["entreprise"]["raison_sociale"] = f"Entreprise {i}"
    return {"accord": accord, "ui": ui_par_defaut(accord, importe=True)}


def remplir(stockage, n: int) -> list[str]:
    """``n`` brouillons insérés d'un coup (la mise en place du banc, pas la mesure)."""
    from sqlalchemy import insert

    from interface.stockage import brouillons, empreinte_secret, nouveau_secret

    modeles = [json.dumps(contenu_type(i), ensure_ascii=False, separators=(",", ":")) for i in range(4)]
    quand = datetime.now(UTC).isoformat(timespec="seconds")
    jetons = [stockage.nouveau_jeton() for _ in range(n)]
    proprietaire = empreinte_secret(nouveau_secret())
    lignes = [{"jeton": j, "contenu": modeles[i % 4], "modifie_le": quand, "cree_le": quand, "version": 1,
               "proprietaire": proprietaire} for i, j in enumerate(jetons)]
    with stockage.moteur().begin() as cx:
        for debut in range(0, n, 1000):
            cx.execute(insert(brouillons), lignes[debut:debut + 1000])
    return jetons


def chrono(fonction, repetitions: int) -> list[float]:
    temps = []
    for k in range(repetitions):
        t = time.perf_counter()
        fonction(k)
        temps.append((time.perf_counter() - t) * 1000)
    return temps


def resume(nom: str, temps: list[float]) -> tuple[float, float]:
    mediane = statistics.median(temps)
    p95 = statistics.quantiles(temps, n=20, method="inclusive")[18]
    print(f"  {nom:<38} médiane {mediane:6.2f} ms   95 % {p95:6.2f} ms   max {max(temps):7.2f} ms")
    return mediane, p95


def mesurer(nom_base: str, stockage, n: int, mesures: int, brut=None) -> bool:
    from interface.stockage import nouveau_secret

    t = time.perf_counter()
    jetons = remplir(stockage, n)
    print(f"{nom_base} : {stockage.nombre()} brouillons ({len(json.dumps(contenu_type(0))) / 1000:.1f} Ko chacun), "
          f"remplie en {time.perf_counter() - t:.1f} s")
    alea = random.Random(1)
    versions = dict.fromkeys(jetons, 1)
    modifie = [contenu_type(i) for i in range(4)]

    secret = nouveau_secret()
    nouveaux = [stockage.nouveau_jeton() for _ in range(mesures)]
    # Le réglage par défaut et l'autre (contrôle de connexion « SELECT 1 » avant chaque emprunt, pool_pre_ping :
    # l'ancien réglage de SQLite), en alternance sur la même base pour que la charge de la machine pèse pareil.
    from interface.stockage import Stockage

    sqlite = stockage.adresse.startswith("sqlite")
    autre = Stockage(stockage.adresse, verifier_connexions=sqlite)
    temps_defaut, temps_autre = [], []

    def alterner(k: int) -> None:
        for s, temps in ((stockage, temps_defaut), (autre, temps_autre))[::1 if k % 2 else -1]:
            j = alea.choice(jetons)
            modifie[k % 4]["accord"]["entreprise"]["raison_sociale"] = f"Modifiée {k}"
            t0 = time.perf_counter()
            versions[j] = s.ecrire(j, modifie[k % 4], versions[j])
            temps.append((time.perf_counter() - t0) * 1000)

    for k in range(mesures):
        alterner(k)
    med_e, p95_e = resume("sauvegarde (ecrire, version contrôlée)", temps_defaut)
    med_a, _ = resume("  même, " + ("avec pool_pre_ping (avant)" if sqlite else "sans pool_pre_ping"), temps_autre)
    print(f"  rapport {'avant / maintenant' if sqlite else 'sans contrôle / avec'} : "
          f"{(med_a / med_e if sqlite else med_a / med_e):.2f}")
    autre.fermer()
    resume("première sauvegarde (creer)", chrono(lambda k: stockage.creer(nouveaux[k], modifie[k % 4], secret),
                                                 mesures))
    resume("reprise (charger)", chrono(lambda k: stockage.charger(alea.choice(jetons)), mesures))
    if brut is not None:
        texte = json.dumps(modifie[0], ensure_ascii=False, separators=(",", ":"))

        def ancienne(k: int) -> None:
            cx = brut()
            cx.execute("INSERT INTO brouillons (jeton, contenu, modifie_le) VALUES (?, ?, ?) ON CONFLICT(jeton) DO "
                       "UPDATE SET contenu = excluded.contenu, modifie_le = excluded.modifie_le",
                       (alea.choice(jetons), texte, datetime.now(UTC).isoformat(timespec="seconds")))
            cx.commit()
            cx.close()

        med_b, _ = resume("référence : ancienne écriture sqlite3", chrono(ancienne, mesures))
        print(f"  rapport sauvegarde / référence : {med_e / med_b:.2f}")
    t = time.perf_counter()
    stockage.purger()
    print(f"  purge (durée de conservation) sur {stockage.nombre()} lignes : {(time.perf_counter() - t) * 1000:.1f} ms")
    ok = med_e <= CIBLE_MS
    print(f"  cible sauvegarde ≤ {CIBLE_MS:g} ms (médiane) : {'tenue' if ok else 'MANQUÉE'}"
          f" ; 95e centile {p95_e:.1f} ms (sensible à la charge de la machine)")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--mesures", type=int, default=300)
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--sans-postgresql", action="store_true")
    args = parser.parse_args()

    import sqlite3

    from interface.stockage import Stockage

    resultats = []
    with tempfile.TemporaryDirectory() as dossier:
        chemin = Path(dossier) / "brouillons.sqlite3"
        s = Stockage(chemin)
        resultats.append(mesurer("SQLite", s, args.n, args.mesures,
                                 brut=lambda: sqlite3.connect(chemin, timeout=10)))
        s.fermer()
    if not args.sans_postgresql:
        import serveur_postgresql

        if serveur_postgresql.binaire("initdb") is None:
            print("PostgreSQL : initdb introuvable, mesure sautée")
        else:
            serveur = serveur_postgresql.demarrer()
            try:
                s = Stockage(serveur.adresse.replace("postgresql://", "postgresql+psycopg://"))
                resultats.append(mesurer("PostgreSQL (fsync désactivé, serveur de test)", s, args.n, args.mesures))
                s.fermer()
            finally:
                serveur_postgresql.arreter(serveur)
    return 1 if args.strict and not all(resultats) else 0


if __name__ == "__main__":
    sys.exit(main())
