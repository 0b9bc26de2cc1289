"""Banc d'essai : 20 sessions simultanées sur l'assistant (issue 13, « sous la charge »).

Un client du protocole de Streamlit (WebSocket ``/_stcore/stream``, messages protobuf de Streamlit, comme le
navigateur) ouvre des sessions sur l'assistant local (``python -m interface.serveur``, 127.0.0.1 seulement) ;
chaque session, en
boucle bornée, charge la première page (l'exécution du script jusqu'à ``script_finished``), puis saisit une raison
sociale (une exécution qui crée la ligne du brouillon en base), et recommence ``--pages`` fois. « Temps de page » :
de l'envoi de la demande à la fin de l'exécution.

Mesures, dans la même exécution :
1. une session seule (la référence) ;
2. ``--sessions`` sessions (20) en même temps, au rythme d'une personne (une action toutes les ``--pause``
   secondes en moyenne, tirée entre la moitié et une fois et demie) : erreurs (cible 0) et rapport des médianes
   (cible ≤ 2) ;
3. les mêmes sessions sans pause (pire cas : chaque session enchaîne ses pages), pour information ;
4. avec ``--instances N`` : N processus Streamlit derrière une même base (SQLite partagée ou
   ``INTERESSEMENT_BASE``), chaque session collée à une instance (sessions « collantes », comme derrière un
   répartiteur ; voir docs/DEPLOIEMENT.md).

Usage : ``python bench/bench_sessions.py [--sessions 20] [--pages 4] [--pause 20] [--instances 1] [--strict]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "tests"))

CIBLE_RAPPORT = 2.0


async def _executer(ws, requete) -> tuple[float, list]:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    t = time.perf_counter()
    await ws.send(requete.SerializeToString())
    elements = []
    while True:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(ws.recv(), 120))
        genre = message.WhichOneof("type")
        if genre == "delta" and message.delta.WhichOneof("type") == "new_element":
            elements.append(message.delta.new_element)
        elif genre == "script_finished":
            if message.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                raise RuntimeError(f"exécution terminée avec le statut {message.script_finished}")
            return time.perf_counter() - t, elements
        elif genre == "delta" and message.delta.WhichOneof("type") == "new_element" and \
                message.delta.new_element.WhichOneof("type") == "exception":
            raise RuntimeError("exception dans la page")


def _exceptions(elements) -> list[str]:
    return [e.exception.message for e in elements if e.WhichOneof("type") == "exception"]


async def session(url: str, n: int, pages: int, pause: float, temps: list[float], erreurs: list[str]) -> None:
    """Une personne : première page puis saisie d'une raison sociale, ``pages`` fois."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg

    alea = random.Random(n)
    for p in range(pages):
        try:
            async with websockets.connect(url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                                          origin=url, max_size=None, open_timeout=60) as ws:
                demande = BackMsg()
                demande.rerun_script.query_string = ""
                duree, elements = await _executer(ws, demande)
                temps.append(duree)
                erreurs.extend(_exceptions(elements))
                champ = next((e.text_input.id for e in elements if e.WhichOneof("type") == "text_input"
                              and e.text_input.id.endswith("entreprise_raison_sociale")), None)
                if champ is None:
                    erreurs.append("champ « Raison sociale » absent de la première page")
                    continue
                if pause:
                    await asyncio.sleep(alea.uniform(pause / 2, pause * 1.5))
                saisie = BackMsg()
                saisie.rerun_script.query_string = ""
                etat = saisie.rerun_script.widget_states.widgets.add()
                etat.id = champ
                etat.string_value = f"Boulangerie {n}-{p}"
                duree, elements = await _executer(ws, saisie)
                temps.append(duree)
                erreurs.extend(_exceptions(elements))
        except Exception as exc:  # noqa: BLE001 - toute erreur est comptée
            erreurs.append(f"{type(exc).__name__}: {exc}")
        if pause:
            await asyncio.sleep(alea.uniform(pause / 2, pause * 1.5))


async def charge(urls: list[str], sessions: int, pages: int, pause: float) -> tuple[list[float], list[str], float]:
    temps: list[float] = []
    erreurs: list[str] = []
    t = time.perf_counter()
    await asyncio.gather(*(session(urls[i % len(urls)], i, pages, pause, temps, erreurs) for i in range(sessions)))
    return temps, erreurs, time.perf_counter() - t


def _resume(temps: list[float]) -> str:
    if not temps:
        return "aucune mesure"
    q = statistics.quantiles(temps, n=20, method="inclusive") if len(temps) >= 2 else [temps[0]] * 19
    return (f"médiane {statistics.median(temps):.2f} s, 95 % {q[18]:.2f} s, max {max(temps):.2f} s "
            f"({len(temps)} exécutions)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--pause", type=float, default=20.0, help="pause moyenne entre deux actions (s)")
    parser.add_argument("--instances", type=int, default=1)
    parser.add_argument("--sans-rafale", action="store_true", help="ne pas mesurer les sessions sans pause")
    parser.add_argument("--postgresql", action="store_true",
                        help="une base PostgreSQL jetable (paquet Debian postgresql) au lieu de SQLite")
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()

    from outils_navigateur import arreter_serveur, demarrer_serveur

    with tempfile.TemporaryDirectory() as dossier:
        base = Path(dossier) / "brouillons.sqlite3"
        sys.path.insert(0, str(RACINE))
        os.environ.setdefault("INTERESSEMENT_BASE", f"sqlite:///{base}")  # une base pour toutes les instances
        serveurs = []
        pg = None
        if args.postgresql:
            import serveur_postgresql

            pg = serveur_postgresql.demarrer()
            os.environ["INTERESSEMENT_BASE"] = pg.adresse
        print(f"base : {os.environ['INTERESSEMENT_BASE'].split('@')[-1]}")
        try:
            for i in range(args.instances):
                d = Path(dossier) / f"instance{i}"
                d.mkdir()
                s = demarrer_serveur(d)
                serveurs.append(s)
            urls = [s.url for s in serveurs]
            asyncio.run(charge(urls[:1], 1, 1, 0))  # modules importés, caches chauds
            seul, erreurs_seul, _ = asyncio.run(charge(urls[:1], 1, args.pages, 0))
            print(f"1 session : {_resume(seul)} ; erreurs : {len(erreurs_seul)}")
            temps, erreurs, duree = asyncio.run(charge(urls, args.sessions, args.pages, args.pause))
            rapport = statistics.median(temps) / statistics.median(seul) if temps and seul else float("inf")
            print(f"{args.sessions} sessions, {args.instances} instance(s), une action toutes les ~{args.pause:g} s : "
                  f"{_resume(temps)} ; erreurs : {len(erreurs)} ; durée {duree:.0f} s")
            print(f"  rapport des médianes (charge / seule) : {rapport:.2f} (cible ≤ {CIBLE_RAPPORT:g})")
            for e in erreurs[:5]:
                print(f"  erreur : {e}")
            if not args.sans_rafale:
                rafale, erreurs_rafale, duree_r = asyncio.run(charge(urls, args.sessions, 1, 0))
                print(f"{args.sessions} sessions sans pause (pire cas, pour information) : {_resume(rafale)} ; "
                      f"erreurs : {len(erreurs_rafale)} ; rapport {statistics.median(rafale) / statistics.median(seul):.1f}")
            from interface.stockage import Stockage, adresse_base

            print(f"brouillons en base : {Stockage(adresse_base()).nombre()} (une ligne par saisie de session, aucune pour "
                  "une simple visite)")
        finally:
            for s in serveurs:
                arreter_serveur(s)
                journal = s.journal.read_text(errors="replace") if s.journal.exists() else ""
                if "Traceback" in journal:  # l'erreur de la page, pour la corriger
                    print("journal du serveur :\n" + journal[journal.index("Traceback"):][:4000])
            if pg is not None:
                serveur_postgresql.arreter(pg)
    manque = bool(erreurs or erreurs_seul) or rapport > CIBLE_RAPPORT
    return 1 if args.strict and manque else 0


if __name__ == "__main__":
    sys.exit(main())
