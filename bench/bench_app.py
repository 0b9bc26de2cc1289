"""Banc d'essai de l'assistant Streamlit.

Mesures :
1. temps serveur d'un changement d'étape avec un fichier de 500 salariés chargé (AppTest : l'exécution du script
   déclenchée par le bouton de l'étape), pour chacune des dix étapes, aller et retour ; cible ≤ 0,5 s ;
   plus, à l'étape « Répartition », une exécution sans changement et une exécution après un changement de clé
   (répartition au centime recalculée) ;
2. première page utilisable dans Chromium (Playwright, Chromium de Debian) : du ``page.goto`` à la fin de
   l'exécution du script avec le champ « Raison sociale » visible ; comparée, dans la même exécution, à une page
   Streamlit d'une seule ligne (``st.write``) servie de la même façon ; cible : au plus 1,5 fois la page nue.
   Premier chargement après le démarrage du serveur, puis médiane des suivants. L'assistant est servi comme il est
   déployé (``python -m interface.serveur`` : mise en route au démarrage), la page nue par ``streamlit run``.
   Deux lectures des mêmes chargements : le moment où Playwright voit la page prête (la cible), et le moment où la
   page l'est, noté dans la page (Playwright ne regarde que par paliers, jusqu'à 500 ms).

Usage : ``python bench/bench_app.py [--strict] [--sans-navigateur] [--navigateur-seulement] [--chargements N]`` (--strict : code de sortie 1 si une cible
est manquée). La mesure 2 est sautée si Chromium est absent.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
sys.path.insert(0, str(RACINE / "tests"))

CIBLE_CHANGEMENT_ETAPE_S = 0.5
CIBLE_RATIO_PREMIERE_PAGE = 1.5
CHARGEMENTS = 9


def csv_salaries(n: int) -> bytes:
    """Un export de paie de ``n`` salariés comme on l'a : en-têtes naturels, « ; », virgule décimale, milliers
    insécables, Windows-1252, dates d'entrée et de sortie (jours d'inscription calculés sur l'exercice)."""
    lignes = ["Matricule;Nom;Prénom;Salaire brut annuel (€);Date d'entrée;Date de sortie;Jours d'absence;Motif;"
              "Temps de travail"]
    motifs = ["Maladie", "Congé maternité", "Accident du travail", "Congé sans solde"]
    for i in range(n):
        euros = 24_000 + (i * 137) % 60_000
        salaire = f"{euros // 1000}\u00a0{euros % 1000:03d},{i % 100:02d}"
        entree = "03/05/2027" if i % 11 == 0 else f"{1 + i % 28:02d}/{1 + i % 12:02d}/{2005 + i % 20}"
        sortie = "30/09/2027" if i % 23 == 0 else ""
        absence = str(i % 9) if i % 3 == 0 else ""
        motif = motifs[i % 4] if absence else ""
        lignes.append(f"B{i:05d};Nom{i:05d};Prénom;{salaire};{entree};{sortie};{absence};{motif};"
                      f"{'80 %' if i % 6 == 0 else '1'}")
    return ("\r\n".join(lignes) + "\r\n").encode("cp1252")


def mesurer_serveur(n: int = 500, repetitions: int = 5) -> dict[str, list[float]]:
    """Temps serveur (secondes) des exécutions du script, par nature d'action."""
    from streamlit.testing.v1 import AppTest

    from interface.brouillon import CODES_ETAPES

    resultats: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as dossier:
        os.environ["INTERESSEMENT_BROUILLONS"] = str(Path(dossier) / "brouillons.sqlite3")
        from outils_assistant import boulangerie

        at = AppTest.from_file(str(RACINE / "app.py"), default_timeout=120).run()
        boulangerie(at)  # un brouillon rempli comme une personne le ferait (boulangerie DUE, tout répondu)
        at.button(key="nav_aller_repartition").click().run()
        at.file_uploader(key="repartition_fichier").upload("salaries.csv", csv_salaries(n), "text/csv").run()
        assert not at.exception, [e.value for e in at.exception]
        assert any(f"**{n} salariés** lus" in m.value for m in at.markdown), "les 500 salariés ne sont pas lus"
        assert any(len(df.value) > n * 0.8 for df in at.dataframe), "le tableau des primes n'est pas affiché"

        def chrono(libelle: str, action) -> None:
            t = time.perf_counter()
            action()
            resultats.setdefault(libelle, []).append(time.perf_counter() - t)
            assert not at.exception, (libelle, [e.value for e in at.exception])

        for _ in range(2):  # échauffement : chaque étape une fois
            for code in CODES_ETAPES:
                at.button(key=f"nav_aller_{code}").click().run()
        for _ in range(repetitions):
            for code in [*CODES_ETAPES[1:], "entreprise", "repartition"]:
                at.button(key=f"nav_aller_{code}").click()
                chrono(f"changement d'étape → {code}", at.run)
        for _ in range(repetitions):
            chrono("répartition : exécution sans changement", at.run)
        for k in range(repetitions):
            at.number_input(key="repartition_part_presence").set_value(50.0 + 0.5 * (k + 1))
            at.number_input(key="repartition_part_salaire").set_value(50.0 - 0.5 * (k + 1))
            chrono("répartition : changement de clé (recalcul au centime)", at.run)
    return resultats


APP_NUE = 'import streamlit as st\n\nst.write("Bonjour")\n'


#: Par page, pour chaque chargement : (démarrage de la page jusqu'au début de l'exécution du script, exécution du
#: script sur le serveur, affichage après la fin de l'exécution), en secondes, d'après les messages du WebSocket.
phases: dict[str, list[tuple[float, float, float]]] = {}
#: Par page, pour chaque chargement : secondes du ``page.goto`` au premier instant où la page elle-même est utilisable
#: (même condition : l'élément attendu visible et l'exécution terminée), notée dans la page à chaque modification
#: du document. Playwright, lui, ne regarde qu'à 0, 20, 70, 170, 270 ms puis toutes les 500 ms : une page prête
#: juste après un de ses regards est vue jusqu'à 0,5 s plus tard (les temps ci-dessus en sont arrondis vers le haut).
dans_la_page: dict[str, list[float]] = {}
#: Par page, pour chaque chargement : (temps processeur du serveur, temps occupé du fil principal du navigateur
#: dont exécution du JavaScript) en secondes — moins sensibles que le temps écoulé à la charge d'une machine partagée.
processeur: dict[str, list[tuple[float, float, float]]] = {}


def _cpu_processus(pid: int) -> float:
    """Temps processeur (utilisateur + système) d'un processus, en secondes (Linux : /proc) ; 0 ailleurs."""
    try:
        champs = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(champs[11]) + int(champs[12])) / os.sysconf("SC_CLK_TCK")


#: Posé dans la page avant ses scripts : note ``performance.now()`` quand la page est utilisable pour la première fois.
SONDE_PRETE = """
(() => {
  const [selecteur, texte] = %s;
  const visible = (e) => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden"; };
  const prete = () => [...document.querySelectorAll(selecteur)].some((e) => (!texte || e.textContent.includes(texte))
      && visible(e)) && document.querySelector("[data-testid='stApp'][data-test-script-state='notRunning']");
  const observateur = new MutationObserver(() => {
    if (window.__benchPrete === undefined && prete()) { window.__benchPrete = performance.now(); observateur.disconnect(); }
  });
  observateur.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
})();
"""


def _reperer(charge: object, reperes: dict[str, float]) -> None:
    """Note l'heure du premier début d'exécution (``new_session``) et de la première fin (``script_finished``)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    if not isinstance(charge, bytes | bytearray):
        return
    m = ForwardMsg()
    try:
        m.ParseFromString(bytes(charge))
    except Exception:  # noqa: BLE001
        return
    genre = m.WhichOneof("type")
    if genre == "new_session":
        reperes.setdefault("debut", time.perf_counter())
    elif genre == "script_finished":
        reperes.setdefault("fin", time.perf_counter())


def mesurer_premiere_page(chargements: int = CHARGEMENTS, *, mise_en_route: bool = True) -> dict[str, list[float]] | None:
    """Secondes jusqu'à la page utilisable, pour la page nue et pour l'assistant, chargées en alternance (la charge
    de la machine, partagée, pèse alors autant sur l'une que sur l'autre) ; le premier chargement de chaque serveur
    est le premier de sa liste."""
    from outils_navigateur import arreter_serveur, chromium, chromium_disponible, demarrer_serveur

    if not chromium_disponible():
        return None

    temps: dict[str, list[float]] = {}
    phases.clear()
    dans_la_page.clear()
    processeur.clear()
    with tempfile.TemporaryDirectory() as d:
        dossier = Path(d)
        nue = dossier / "page_nue.py"
        nue.write_text(APP_NUE, encoding="utf-8")
        pages = {
            # (script, ce qui rend la page utilisable, la même chose en CSS et texte pour la sonde de la page) ; les
            # deux lancés depuis la racine (même config.toml) ; l'assistant comme il est déployé (script None)
            "page nue (une ligne)": (nue, "[data-testid='stMarkdownContainer'] >> text=Bonjour",
                                     ("[data-testid='stMarkdownContainer']", "Bonjour")),
            "assistant (étape 1)": (None if mise_en_route else RACINE / "app.py", ".st-key-entreprise_raison_sociale input",
                                    (".st-key-entreprise_raison_sociale input", "")),
        }
        serveurs = {}
        try:
            for i, (nom, (script, _, _)) in enumerate(pages.items()):
                (dossier / f"serveur{i}").mkdir()
                serveurs[nom] = demarrer_serveur(dossier / f"serveur{i}", script)
            with chromium() as navigateur:
                for _ in range(chargements):
                    for nom, (_, pret, sonde) in pages.items():
                        contexte = navigateur.new_context(viewport={"width": 1400, "height": 1000})
                        contexte.add_init_script(SONDE_PRETE % json.dumps(list(sonde)))
                        page = contexte.new_page()
                        cdp = contexte.new_cdp_session(page)
                        cdp.send("Performance.enable")
                        cpu_serveur = _cpu_processus(serveurs[nom].processus.pid)
                        reperes: dict[str, float] = {}
                        page.on("websocket", lambda ws, r=reperes: ws.on("framereceived",
                                                                        lambda c, r=r: _reperer(c, r)))
                        t = time.perf_counter()
                        t_horloge = time.time()
                        reperes["t0"] = t
                        page.goto(serveurs[nom].url)
                        page.locator(pret).first.wait_for(state="visible", timeout=60_000)
                        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                                               timeout=60_000)
                        fin = time.perf_counter()
                        temps.setdefault(nom, []).append(fin - t)
                        prete = page.evaluate("performance.timeOrigin + window.__benchPrete") / 1000
                        dans_la_page.setdefault(nom, []).append(prete - t_horloge)
                        metriques = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                        processeur.setdefault(nom, []).append((
                            _cpu_processus(serveurs[nom].processus.pid) - cpu_serveur, metriques.get("TaskDuration", 0.0),
                            metriques.get("ScriptDuration", 0.0)))
                        if "debut" in reperes and "fin" in reperes:
                            phases.setdefault(nom, []).append((reperes["debut"] - t, reperes["fin"] - reperes["debut"],
                                                               fin - reperes["fin"]))
                        contexte.close()
        finally:
            for s in serveurs.values():
                arreter_serveur(s)
    return temps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--sans-navigateur", action="store_true")
    parser.add_argument("--navigateur-seulement", action="store_true", help="la mesure 2 seulement")
    parser.add_argument("--sans-mise-en-route", action="store_true",
                        help="l'assistant par « streamlit run app.py », sans la mise en route d'interface.serveur")
    parser.add_argument("--chargements", type=int, default=CHARGEMENTS, help="chargements de chaque page")
    args = parser.parse_args()
    manque = False

    print("1. Temps serveur, fichier de 500 salariés chargé (AppTest, secondes)")
    pire = 0.0
    for libelle, valeurs in ({} if args.navigateur_seulement else mesurer_serveur()).items():
        mediane, maximum = statistics.median(valeurs), max(valeurs)
        if libelle.startswith("changement d'étape"):
            pire = max(pire, mediane)
        print(f"   {libelle:<58} médiane {mediane:6.3f} s, max {maximum:6.3f} s")
    ok = pire <= CIBLE_CHANGEMENT_ETAPE_S
    manque |= not ok
    if not args.navigateur_seulement:
        print(f"   changement d'étape, pire médiane : {pire:.3f} s (cible ≤ {CIBLE_CHANGEMENT_ETAPE_S} s) "
              f"{'OK' if ok else 'MANQUÉ'}")

    if not args.sans_navigateur:
        print("2. Première page utilisable dans Chromium (secondes)")
        temps = mesurer_premiere_page(args.chargements, mise_en_route=not args.sans_mise_en_route)
        if temps is None:
            print("   Chromium absent : mesure sautée")
        else:
            for nom, valeurs in temps.items():
                print(f"   {nom:<24} premier chargement {valeurs[0]:5.2f} s, suivants : médiane "
                      f"{statistics.median(valeurs[1:]):5.2f} s ({', '.join(f'{x:.2f}' for x in valeurs[1:])})")
            for nom, liste in phases.items():
                d, e, a = (statistics.median(x[k] for x in liste[1:] or liste) for k in range(3))
                print(f"   {nom:<24} décomposé (médianes) : démarrage {d:4.2f} s, exécution du script {e:4.2f} s, "
                      f"affichage après l'exécution {a:4.2f} s")
            for nom, liste in processeur.items():
                serveur, fil, js = (statistics.median(x[k] for x in liste[1:] or liste) for k in range(3))
                print(f"   {nom:<24} processeur (médianes) : serveur {serveur:4.2f} s, fil principal du navigateur "
                      f"{fil:4.2f} s dont JavaScript {js:4.2f} s")
            nue, app = temps["page nue (une ligne)"], temps["assistant (étape 1)"]
            apparies = sorted(a / n for a, n in zip(app[1:], nue[1:], strict=True))
            print(f"   rapports chargement par chargement (assistant / page nue chargée juste avant) : médiane "
                  f"{statistics.median(apparies):.2f}, de {apparies[0]:.2f} à {apparies[-1]:.2f}")
            ratio = statistics.median(app[1:]) / statistics.median(nue[1:])
            ratio_premier = app[0] / nue[0]
            ok = ratio <= CIBLE_RATIO_PREMIERE_PAGE
            manque |= not ok
            print(f"   rapport assistant / page nue : {ratio:.2f} (médianes des chargements suivants ; cible ≤ "
                  f"{CIBLE_RATIO_PREMIERE_PAGE}) {'OK' if ok else 'MANQUÉ'} ; premier chargement : {ratio_premier:.2f}")
            pn, pa = dans_la_page["page nue (une ligne)"], dans_la_page["assistant (étape 1)"]
            for nom, valeurs in dans_la_page.items():
                print(f"   {nom:<24} utilisable dans la page (sans les paliers d'attente de Playwright) : premier "
                      f"{valeurs[0]:5.2f} s, suivants : médiane {statistics.median(valeurs[1:]):5.2f} s "
                      f"({', '.join(f'{x:.2f}' for x in valeurs[1:])})")
            apparies = sorted(a / n for a, n in zip(pa[1:], pn[1:], strict=True))
            print(f"   rapport dans la page : {statistics.median(pa[1:]) / statistics.median(pn[1:]):.2f} (médianes), "
                  f"chargement par chargement de {apparies[0]:.2f} à {apparies[-1]:.2f} ; premier chargement : "
                  f"{pa[0] / pn[0]:.2f}")
            charge = os.getloadavg()[0]
            print(f"   charge de la machine pendant la mesure : {charge:.1f} pour {os.cpu_count()} cœurs"
                  + (" (machine partagée chargée : les rapports sont gonflés)" if charge > (os.cpu_count() or 1) else ""))
    return 1 if args.strict and manque else 0


if __name__ == "__main__":
    sys.exit(main())
