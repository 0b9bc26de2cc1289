"""Outils des parcours dans un vrai Chromium (à la manière de e2e_playwright de Streamlit).

Les fixtures ``serveur``, ``navigateur`` et ``onglet`` sont branchées sur tous les tests par ``tests/conftest.py``
(``pytest_plugins``) : un fichier de tests les demande en paramètre, sans les importer.

- ``serveur`` : l'assistant comme il est déployé (``python -m interface.serveur`` : ``streamlit run app.py`` mis
  en route au démarrage) sur un port libre, avec une base de brouillons temporaire, prêt quand
  ``/_stcore/health`` répond, arrêté à la fin du module ; hors pytest (bench/) : ``demarrer_serveur(dossier,
  script)`` et ``arreter_serveur(s)``, ou ``with serveur_streamlit(dossier, script) as s`` ;
- ``navigateur`` : le Chromium de Debian (``/usr/bin/chromium``) piloté par Playwright, lancé avec ``ARGUMENTS``
  (``with chromium() as navigateur`` hors pytest) ; sans Chromium, les tests sont sautés en local mais échouent en
  CI (``CI=true``) ;
- ``onglet`` : une page neuve (contexte à part, en français, téléchargements acceptés, requêtes notées dans
  ``page.requetes``, exécutions suivies) ;
- ``attendre(page)`` : attend la fin de l'exécution du script déclenchée par la dernière action, d'après les
  messages du WebSocket (demande d'exécution envoyée, début et fin d'exécution reçus : ``SuiviExecutions``) puis
  l'état de la page (``data-test-script-state='notRunning'``) ; robuste à une machine chargée (2 cœurs en CI), où
  l'exécution peut commencer bien après l'action ;
- ``option``, ``choisir``, ``cocher``, ``saisir``, ``cliquer``, ``deposer``, ``telecharger`` : les gestes d'une
  personne, chacun attendu jusqu'au bout et repris si la page a été redessinée entre-temps (élément « détaché ») ;
- ``widget(page, cle)`` : l'élément d'un widget par sa clé (``.st-key-<clé>``) ;
- ``capture(page, nom)`` : une capture pleine page dans ``tests/captures/`` (ignoré par git).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

RACINE = Path(__file__).resolve().parent.parent
CAPTURES = Path(__file__).resolve().parent / "captures"
CHROMIUM = os.environ.get("INTERESSEMENT_CHROMIUM", "/usr/bin/chromium")
ARGUMENTS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
HOTES_LOCAUX = {"localhost", "127.0.0.1", "::1", "[::1]"}


def chromium_disponible() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


def exiger_chromium() -> None:
    if chromium_disponible():
        return
    if os.environ.get("CI"):
        pytest.fail(f"Chromium introuvable ({CHROMIUM}) : en CI, les parcours dans le navigateur doivent tourner "
                    "(apt-get install chromium).")
    pytest.skip(f"Chromium introuvable ({CHROMIUM}) : parcours dans le navigateur sautés (hors CI).")


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def attendre_sante(url: str, delai: float = 60) -> None:
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"le serveur Streamlit ne répond pas sur {url}")


class Serveur:
    def __init__(self, url: str, base: Path, processus: subprocess.Popen, journal: Path):
        self.url = url
        self.base = base
        self.processus = processus
        self.journal = journal


def demarrer_serveur(dossier: Path, script: Path | None = None) -> Serveur:
    """L'assistant par ``python -m interface.serveur`` (sans ``script``), ou un ``streamlit run script``, lancé depuis
    la racine (même ``.streamlit/config.toml``), sur un port libre de 127.0.0.1, avec la base de brouillons et le journal dans
    ``dossier`` ; rendu quand ``/_stcore/health`` répond (sinon : arrêté, et l'erreur cite le journal)."""
    port = port_libre()
    base = dossier / "brouillons.sqlite3"
    journal = dossier / f"streamlit-{script.stem if script else 'app'}.log"
    env = {**os.environ, "INTERESSEMENT_BROUILLONS": str(base), "PYTHONUNBUFFERED": "1"}
    # Sans script : comme il est déployé, ``streamlit run app.py`` précédé de la mise en route (interface/serveur.py).
    lancement = ["-m", "interface.serveur"] if script is None else ["-m", "streamlit", "run", str(script)]
    commande = [sys.executable, *lancement, "--server.port", str(port),
                "--server.headless", "true", "--server.address", "127.0.0.1",
                "--browser.gatherUsageStats", "false"]
    with open(journal, "wb") as sortie:
        processus = subprocess.Popen(commande, cwd=RACINE, env=env, stdout=sortie, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        attendre_sante(url)
    except RuntimeError:
        processus.kill()
        processus.wait(timeout=10)
        raise RuntimeError(journal.read_text(errors="replace")) from None
    return Serveur(url, base, processus, journal)


def arreter_serveur(s: Serveur) -> None:
    s.processus.terminate()
    try:
        s.processus.wait(timeout=10)
    except subprocess.TimeoutExpired:
        s.processus.kill()
        s.processus.wait(timeout=10)


@contextmanager
def serveur_streamlit(dossier: Path, script: Path | None = None) -> Iterator[Serveur]:
    """``demarrer_serveur`` puis, à la sortie du bloc, ``arreter_serveur``."""
    s = demarrer_serveur(dossier, script)
    try:
        yield s
    finally:
        arreter_serveur(s)


@contextmanager
def chromium() -> Iterator[object]:
    """Le Chromium de Debian piloté par Playwright (``CHROMIUM``, ``ARGUMENTS``), fermé à la sortie du bloc."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def serveur(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serveur]:
    exiger_chromium()
    with serveur_streamlit(tmp_path_factory.mktemp("serveur")) as s:
        yield s


@pytest.fixture(scope="module")
def navigateur() -> Iterator[object]:
    exiger_chromium()
    with chromium() as b:
        yield b


class Requetes:
    """Toutes les requêtes de la page, pour vérifier qu'aucune ne sort vers un hôte extérieur."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def noter(self, requete: object) -> None:
        self.urls.append(requete.url)  # type: ignore[attr-defined]

    def exterieures(self) -> list[str]:
        return [u for u in self.urls if urlparse(u).scheme in ("http", "https", "ws", "wss")
                and urlparse(u).hostname not in HOTES_LOCAUX]


@pytest.fixture
def onglet(navigateur: object) -> Iterator[object]:
    contexte = navigateur.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR",  # type: ignore
                                      accept_downloads=True)
    p = contexte.new_page()
    p.requetes = Requetes()
    p.on("request", p.requetes.noter)
    suivre(p)
    p.set_default_timeout(30_000)
    yield p
    contexte.close()


class SuiviExecutions:
    """Les exécutions du script vues du WebSocket de la page : chaque demande d'exécution envoyée (``rerun_script``,
    à chaque action sur un widget), chaque début (``new_session``) et chaque fin réussie (``script_finished``) reçus,
    numérotés dans l'ordre. La page est au repos quand la dernière fin réussie suit le dernier début, lui-même
    postérieur à la dernière demande : une demande arrivée pendant une exécution en relance une autre, qu'on attend.
    """

    def __init__(self) -> None:
        self.numero = 0
        self.demande = self.debut = self.fin = -1
        self.vu = 0  # numéro au dernier repos constaté par ``attendre``

    def brancher(self, socket: object) -> None:
        socket.on("framesent", self._envoye)  # type: ignore[attr-defined]
        socket.on("framereceived", self._recu)  # type: ignore[attr-defined]

    def _suivant(self) -> int:
        self.numero += 1
        return self.numero

    def _envoye(self, charge: object) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        if isinstance(charge, bytes | bytearray):
            m = BackMsg()
            try:
                m.ParseFromString(bytes(charge))
            except Exception:  # noqa: BLE001 - un message qui n'est pas de Streamlit
                return
            if m.WhichOneof("type") == "rerun_script":
                self.demande = self._suivant()

    def _recu(self, charge: object) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if isinstance(charge, bytes | bytearray):
            m = ForwardMsg()
            try:
                m.ParseFromString(bytes(charge))
            except Exception:  # noqa: BLE001
                return
            genre = m.WhichOneof("type")
            if genre == "new_session":
                self.debut = self._suivant()
            elif genre == "script_finished" and m.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                self.fin = self._suivant()

    def au_repos(self) -> bool:
        return self.fin > self.debut > self.demande

    def demande_depuis_le_repos(self) -> bool:
        return self.demande > self.vu


def suivre(page: object) -> SuiviExecutions:
    """Branche le suivi des exécutions sur ``page`` (avant son premier ``goto``)."""
    suivi = SuiviExecutions()
    page.on("websocket", suivi.brancher)  # type: ignore[attr-defined]
    page.suivi = suivi  # type: ignore[attr-defined]
    return suivi


def attendre(page: object, delai_ms: int = 30_000, *, grace_ms: int = 1_000) -> None:
    """Attend la fin de l'exécution du script déclenchée par la dernière action (comme ``wait_for_app_run`` des
    tests de Streamlit, en plus sûr) : la demande d'exécution envoyée par la page (au plus ``grace_ms`` après
    l'action ; aucune : rien à attendre), puis la fin de l'exécution qui l'a prise en compte, puis l'état
    « notRunning » de la page ; enfin un court repos, et si une nouvelle demande est partie entre-temps (un
    composant qui renvoie sa valeur après l'affichage), on recommence."""
    import time

    from playwright.sync_api import TimeoutError as Delai

    suivi: SuiviExecutions | None = getattr(page, "suivi", None)
    if suivi is None:  # page sans suivi : l'état de la page seul
        try:
            page.wait_for_selector("[data-testid='stApp'][data-test-script-state='running']",  # type: ignore
                                   timeout=grace_ms or 1)
        except Delai:
            pass
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",  # type: ignore
                               timeout=delai_ms)
        page.wait_for_function("() => !document.querySelector(\"[data-testid='stSkeleton']\")",  # type: ignore
                               timeout=delai_ms)
        page.wait_for_timeout(100)  # type: ignore[attr-defined]
        return
    fin = time.monotonic() + delai_ms / 1000
    limite_grace = time.monotonic() + grace_ms / 1000
    while not suivi.demande_depuis_le_repos() and suivi.au_repos() and time.monotonic() < limite_grace:
        page.wait_for_timeout(25)  # type: ignore[attr-defined]
    while True:
        while not suivi.au_repos():
            if time.monotonic() > fin:
                raise AssertionError(f"l'exécution du script ne finit pas ({delai_ms} ms) : demande n° "
                                     f"{suivi.demande}, début n° {suivi.debut}, fin n° {suivi.fin}")
            page.wait_for_timeout(25)  # type: ignore[attr-defined]
        restant = max(1_000, int((fin - time.monotonic()) * 1000))
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",  # type: ignore
                               timeout=restant)
        # Le code d'un widget est chargé à sa première apparition (une « ébauche » grise en attendant) : sur une
        # machine chargée, les champs de la première page peuvent manquer plusieurs secondes après l'exécution.
        page.wait_for_function("() => !document.querySelector(\"[data-testid='stSkeleton']\")",  # type: ignore
                               timeout=max(1_000, int((fin - time.monotonic()) * 1000)))
        numero = suivi.numero
        page.wait_for_timeout(150)  # type: ignore[attr-defined]
        if suivi.numero == numero and suivi.au_repos():
            suivi.vu = suivi.numero
            return


def au_repos(page: object) -> None:
    """Attend que la page soit au repos, sans action qui vienne de la précéder."""
    attendre(page, grace_ms=0)


def widget(page: object, cle: str) -> object:
    return page.locator(f".st-key-{cle}")  # type: ignore[attr-defined]


def atteindre(page: object, geste, *, essais: int = 3, erreurs: tuple[type[BaseException], ...] = ()) -> None:
    """Un geste qui atteint un élément de la page (cliquer, remplir, ouvrir), repris après la fin de l'exécution en
    cours si l'élément a été redessiné pendant qu'on l'atteignait (« détaché du document », délai dépassé) : le
    geste n'a alors pas eu lieu, le reprendre ne fait rien deux fois."""
    from playwright.sync_api import Error

    for essai in range(essais):
        au_repos(page)
        try:
            geste()
            return
        except (Error, *erreurs):
            if essai == essais - 1:
                raise


def saisir(page: object, cle: str, valeur: str) -> None:
    """Tape ``valeur`` dans le champ et la valide (Entrée, ou Tab pour une zone de texte), puis attend
    l'exécution."""
    def geste() -> None:
        champ = widget(page, cle).locator("input, textarea").first
        champ.fill(valeur, timeout=10_000)
        champ.press("Enter" if champ.evaluate("e => e.tagName") == "INPUT" else "Tab", timeout=10_000)

    atteindre(page, geste)
    attendre(page)


def cliquer(page: object, cle: str) -> None:
    atteindre(page, lambda: widget(page, cle).locator("button").first.click(timeout=10_000))
    attendre(page)


def option(page: object, cle: str, texte: str) -> None:
    """Une liste déroulante, par le libellé exact de l'option : on ouvre, on filtre par le début du libellé (une
    longue liste ne montre que ses premières options), on choisit ; repris si la liste a été redessinée (option
    « détachée ») ; à la fin, le champ montre l'option choisie."""
    from playwright.sync_api import Error, expect

    champ = widget(page, cle).locator("[role='combobox']").first

    def geste() -> None:
        try:
            champ.click(timeout=10_000)
            page.keyboard.press("Control+A")  # type: ignore[attr-defined]  # un essai précédent a pu laisser du texte
            page.keyboard.type(texte[:12])  # type: ignore[attr-defined]
            page.get_by_role("option", name=texte, exact=True).click(timeout=8_000)  # type: ignore[attr-defined]
            attendre(page)
            if champ.count() == 0 or not champ.is_visible():
                return  # le choix a fermé l'écran qui portait la liste
            # Un clic perdu (liste redessinée au même instant) laisse le texte tapé : on reprend.
            expect(champ).to_have_value(texte, timeout=3_000)
        except (Exception, AssertionError):
            page.keyboard.press("Escape")  # type: ignore[attr-defined]  # referme la liste avant de reprendre
            raise

    atteindre(page, geste, erreurs=(Error, AssertionError))


def choisir(page: object, cle: str, libelle: str) -> None:
    """Un choix, que l'étape l'affiche en boutons radio ou en liste déroulante."""
    au_repos(page)
    if widget(page, cle).locator("[role='radiogroup']").count():
        atteindre(page, lambda: widget(page, cle).get_by_text(libelle, exact=True).click(timeout=10_000))
        attendre(page)
    else:
        option(page, cle, libelle)


def cocher(page: object, cle: str, oui: bool) -> None:
    au_repos(page)
    case = widget(page, cle).locator("input[type='checkbox']")
    if case.is_checked() != oui:  # type: ignore[attr-defined]
        atteindre(page, lambda: widget(page, cle).locator("label").first.click(timeout=10_000))
        attendre(page)


def deposer(page: object, cle: str, chemin: Path | list[Path]) -> None:
    """Dépose un fichier (ou plusieurs d'un coup : une liste) ; l'envoi puis l'exécution peuvent être longs (gros
    fichier, machine chargée)."""
    fichiers = [str(c) for c in chemin] if isinstance(chemin, list) else str(chemin)
    atteindre(page, lambda: widget(page, cle).locator("input[type='file']").set_input_files(fichiers))
    attendre(page, 90_000, grace_ms=10_000)


def telecharger(page: object, cle: str, dossier: Path | None = None) -> Path:
    """Clique le bouton de téléchargement du widget ``cle`` ; rend le fichier reçu : enregistré dans ``dossier``
    sous le nom proposé par la page, ou, sans dossier, le fichier temporaire de Playwright (effacé à la fermeture
    de l'onglet)."""
    au_repos(page)
    with page.expect_download() as telechargement:  # type: ignore[attr-defined]
        widget(page, cle).locator("button").first.click(timeout=10_000)
    if dossier is None:
        return Path(telechargement.value.path())
    chemin = dossier / telechargement.value.suggested_filename
    telechargement.value.save_as(chemin)
    return chemin


def titre_etape(page: object) -> str:
    return page.locator("[data-testid='stHeading'] h2").first.inner_text().strip()  # type: ignore[attr-defined]


def capture(page: object, nom: str) -> Path:
    """Capture de toute la hauteur du contenu (la page de Streamlit défile dans son conteneur)."""
    CAPTURES.mkdir(exist_ok=True)
    hauteur = page.evaluate(  # type: ignore[attr-defined]
        "Math.max(...[...document.querySelectorAll('[data-testid=stMain], [data-testid=stAppViewContainer], "
        "section')].map(e => e.scrollHeight))")
    taille = page.viewport_size  # type: ignore[attr-defined]
    page.set_viewport_size({"width": taille["width"], "height": min(int(hauteur) + 40, 8000)})  # type: ignore
    page.wait_for_timeout(400)  # type: ignore[attr-defined]
    chemin = CAPTURES / f"{nom}.png"
    page.screenshot(path=str(chemin))  # type: ignore[attr-defined]
    page.set_viewport_size(taille)  # type: ignore[attr-defined]
    page.wait_for_timeout(100)  # type: ignore[attr-defined]
    return chemin


# ------------------------------------------------------------------------------------ français partout

#: Ce que lit l'utilisateur : le texte visible (sans le nom anglais des icônes, rendu en image par la police)
#: et les attributs lus par les lecteurs d'écran ou affichés au survol.
_JS_TEXTES = """() => {
  const attributs = ['aria-label', 'title', 'placeholder', 'aria-description', 'aria-roledescription',
                     'aria-valuetext', 'alt'];
  const icone = (e) => e.getAttribute('data-testid') === 'stIconMaterial' ||
                       getComputedStyle(e).fontFamily.includes('Material Symbols');
  const visibles = [];
  const marcheur = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = marcheur.nextNode())) {
    const p = n.parentElement;
    if (!p || !n.nodeValue.trim() || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(p.tagName)) continue;
    if (icone(p)) continue;
    if (p.closest('[aria-hidden="true"]') && !p.checkVisibility()) continue;
    if (!p.checkVisibility({checkOpacity: false, checkVisibilityCSS: true})) continue;
    visibles.push(n.nodeValue.trim());
  }
  const lus = [];
  for (const e of document.querySelectorAll('*')) {
    for (const a of attributs) {
      const v = e.getAttribute(a);
      if (v && v.trim()) lus.push(a + ' = ' + v.trim());
    }
  }
  return {visibles: visibles, attributs: lus, langue: document.documentElement.lang};
}"""

#: Mots anglais qui ne sont pas aussi des mots français (« date », « page », « menu », « options », « format »,
#: « document », « note », « total », « simple », « but », « as », « or », « an », « me »… en sont exclus) :
#: les mots de l'interface de Streamlit et les mots anglais courants.
MOTS_ANGLAIS = frozenset("""
the and of to with for from this that these those here there is are was were be been has have had will would
can could should may might must not yes you your our we they them it its into onto over under about above
below between than then when where which who whom what why how all any some each every more most less least
only just also very please thanks sorry welcome
file files drag drop browse limit per upload uploading uploaded download downloads downloading select selected
selection choose chosen help clear cleared close closed open opened search searching running run rerun stop
stopped error errors warning press enter apply show hide shown hidden remove removed delete deleted copy copied
view settings print screencast sidebar collapse expand fullscreen next previous back submit cancel
confirm encountered outside allowed range greater equal results result loading wait connecting connection
connected disconnected reconnect row rows column columns ascending descending filter width height chart
charts data save saved edit add new reset undo redo toggle left right bottom light dark theme system
month year day week today yesterday tomorrow value values number numbers icon keyboard arrow forward check
progress
circle deploy app visualization axis titled scale legend spec items item clipboard manage logs redacted leaks
details recorded ask google done skip home learn dismiss again something went wrong
increment decrement password entry matches none empty invalid input inputs required optional
size bytes characters unpin autosize hide format string true false null undefined nan
january february march april june july august september october november december
monday tuesday wednesday thursday friday saturday sunday jan feb apr may jun jul aug dec
""".split()) - {"format"}

#: Motifs anglais : tailles de fichier (« 0.8KB », « 20MB »), nombres à l'anglaise (« 9,000 », « 1.5 »
#: suivi d'une unité), noms internes du code (« resultat_courant_avant_impot »).
MOTIFS_ANGLAIS = (
    (r"\b\d+(?:[.,]\d+)?\s?(?:[kKMGT]i?B|kb|mb)\b", "taille de fichier à l'anglaise"),
    (r"(?<![\d,.])[1-9]\d{0,2}(?:(?:,\d{3}){2,}|,\d00)(?![\d,])", "nombre à l'anglaise (séparateur de milliers « , »)"),
    (r"\b[a-z]+(?:_[a-z0-9]+){1,}\b", "nom interne du code"),
)


def mots_anglais(textes: dict[str, list[str]]) -> list[str]:
    """Les mots et motifs anglais trouvés (avec leur contexte), d'après la liste ci-dessus et le dictionnaire
    de traduction (toute phrase anglaise de Streamlit restée telle quelle)."""
    import re

    from interface.traduction import dictionnaire

    phrases = set(dictionnaire()["textes"]) - {"Format"}
    trouves = []
    for genre in ("visibles", "attributs"):
        for brut in textes[genre]:
            texte = brut.split(" = ", 1)[1] if genre == "attributs" else brut
            if texte in phrases:
                trouves.append(f"{genre} : phrase de Streamlit non traduite « {brut} »")
                continue
            for mot in re.findall(r"[^\W\d_]+", texte):
                if mot.lower() in MOTS_ANGLAIS and not (len(mot) > 1 and mot.isupper()):
                    trouves.append(f"{genre} : « {mot} » dans « {brut[:160]} »")
                    break
            for motif, nom in MOTIFS_ANGLAIS:
                m = re.search(motif, texte)
                if m:
                    trouves.append(f"{genre} : {nom} « {m.group(0)} » dans « {brut[:160]} »")
    return trouves


def textes_lus(page: object) -> dict[str, list[str]]:
    return page.evaluate(_JS_TEXTES)  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------- accessibilité

#: Les règles d'axe-core lancées : WCAG 2.0, 2.1 et 2.2 niveaux A et AA (socle du RGAA 4.1) et bonnes pratiques.
AXE_OPTIONS = {"resultTypes": ["violations"],
               "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                                     "best-practice"]}}
IMPACTS_GRAVES = ("serious", "critical")


def axe(page: object) -> list[dict]:
    """Les violations relevées par axe-core (celui que livre le paquet axe-playwright-python : pas de réseau)."""
    from axe_playwright_python.sync_playwright import Axe

    resultat = Axe().run(page, options=AXE_OPTIONS)
    return [{"id": v["id"], "impact": v["impact"], "aide": v["help"], "noeuds": len(v["nodes"]),
             "cibles": [str(n["target"])[-160:] for n in v["nodes"][:3]]} for v in resultat.response["violations"]]


class Releve:
    """À chaque état d'un parcours : capture, mots anglais, violations d'accessibilité ; tout est gardé pour le
    rapport (``tests/captures/<parcours>.json``) et vérifié à la fin (``verifier()``), pour voir d'un coup tout ce
    qui ne va pas."""

    def __init__(self, parcours: str):
        self.parcours = parcours
        self.etats: list[dict] = []
        for ancienne in CAPTURES.glob(f"{parcours}-[0-9][0-9]-*.png"):  # captures d'une exécution précédente
            ancienne.unlink()

    def noter(self, page: object, nom: str, *, capturer: bool = True) -> dict:
        au_repos(page)
        # Le script de traduction arrive avec la première exécution ; sur une machine chargée, il peut n'être pas
        # encore actif quand le script Python a fini : on l'attend, puis on laisse son observateur passer.
        page.wait_for_function("() => window.__traductionFrActive === true", timeout=30_000)  # type: ignore
        page.wait_for_timeout(300)  # type: ignore[attr-defined]
        etat = {"etat": nom, "anglais": sorted(set(mots_anglais(textes_lus(page)))), "axe": axe(page)}
        if capturer:
            etat["capture"] = str(capture(page, f"{self.parcours}-{len(self.etats) + 1:02d}-{nom}").name)
        exceptions = page.locator("[data-testid='stException']").count()  # type: ignore[attr-defined]
        etat["exceptions"] = exceptions
        self.etats.append(etat)
        return etat

    def graves(self) -> list[str]:
        return [f"{e['etat']} : {v['id']} ({v['impact']}, {v['noeuds']} élément(s)) — {v['aide']} {v['cibles']}"
                for e in self.etats for v in e["axe"] if v["impact"] in IMPACTS_GRAVES]

    def anglais(self) -> list[str]:
        return [f"{e['etat']} : {mot}" for e in self.etats for mot in e["anglais"]]

    def ecrire(self) -> Path:
        import json

        CAPTURES.mkdir(exist_ok=True)
        chemin = CAPTURES / f"{self.parcours}.json"
        chemin.write_text(json.dumps(self.etats, ensure_ascii=False, indent=1), encoding="utf-8")
        return chemin

    def verifier(self) -> None:
        self.ecrire()
        problemes = self.anglais() + self.graves() + [
            f"{e['etat']} : {e['exceptions']} exception(s) Streamlit affichée(s)" for e in self.etats if e["exceptions"]]
        assert not problemes, "\n".join(problemes)


# ------------------------------------------------------------------------------------------------- clavier

def tabuler_vers(page: object, cle: str, *, cible: str = "input, textarea, button, a, [role='combobox']",
                 maximum: int = 200, arriere: bool = False) -> None:
    """Appuie sur Tab (ou Maj+Tab) jusqu'à ce que le focus soit sur un élément ``cible`` du widget ``cle`` (le champ,
    pas le bouton d'aide qui le précède) : rien que le clavier."""
    touche = "Shift+Tab" if arriere else "Tab"
    parcours = []
    test = (f"() => {{ const e = document.activeElement; return !!e && !!e.closest('.st-key-{cle}') && "
            f"e.matches({cible!r}) && !(e.getAttribute('aria-label') || '').startsWith('Aide'); }}")
    for _ in range(maximum):
        if page.evaluate(test):  # type: ignore
            return
        page.keyboard.press(touche)  # type: ignore[attr-defined]
        parcours.append(page.evaluate(  # type: ignore[attr-defined]
            "() => { const e = document.activeElement; const k = e && e.closest('[class*=\"st-key-\"]'); "
            "return (e ? e.tagName : '?') + (k ? ' ' + [...k.classList].find(c => c.startsWith('st-key-')) : ''); }"))
    raise AssertionError(f"« {cle} » jamais atteint au clavier ({maximum} × {touche}) ; focus : {parcours[-25:]}")


def focus(page: object) -> dict:
    return page.evaluate(  # type: ignore[attr-defined]
        "() => { const e = document.activeElement; return {balise: e ? e.tagName : null, "
        "texte: e ? (e.innerText || e.value || '').trim().slice(0, 120) : null}; }")
