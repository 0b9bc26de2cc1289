"""Outils des parcours dans un vrai Chromium (à la manière de e2e_playwright de Streamlit).

- ``serveur`` : un ``streamlit run app.py`` sur un port libre, avec une base de brouillons temporaire, prêt quand
  ``/_stcore/health`` répond, arrêté à la fin du module ;
- ``navigateur`` : le Chromium de Debian (``/usr/bin/chromium``) piloté par Playwright ; sans Chromium, les
  tests sont sautés en local mais échouent en CI (``CI=true``) ;
- ``attendre(page)`` : attend la fin de l'exécution du script (``data-test-script-state='notRunning'``) ;
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


def demarrer_serveur(dossier: Path) -> Serveur:
    port = port_libre()
    base = dossier / "brouillons.sqlite3"
    journal = dossier / "streamlit.log"
    env = {**os.environ, "INTERESSEMENT_BROUILLONS": str(base), "PYTHONUNBUFFERED": "1"}
    commande = [sys.executable, "-m", "streamlit", "run", str(RACINE / "app.py"), "--server.port", str(port),
                "--server.headless", "true", "--server.address", "127.0.0.1",
                "--browser.gatherUsageStats", "false"]
    with open(journal, "wb") as sortie:
        processus = subprocess.Popen(commande, cwd=RACINE, env=env, stdout=sortie, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        attendre_sante(url)
    except RuntimeError:
        processus.kill()
        raise RuntimeError(journal.read_text(errors="replace")) from None
    return Serveur(url, base, processus, journal)


def arreter_serveur(s: Serveur) -> None:
    s.processus.terminate()
    try:
        s.processus.wait(timeout=10)
    except subprocess.TimeoutExpired:
        s.processus.kill()
        s.processus.wait(timeout=10)


@pytest.fixture(scope="module")
def serveur(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serveur]:
    exiger_chromium()
    s = demarrer_serveur(tmp_path_factory.mktemp("serveur"))
    yield s
    arreter_serveur(s)


@pytest.fixture(scope="module")
def navigateur() -> Iterator[object]:
    exiger_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        yield b
        b.close()


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
    p.set_default_timeout(30_000)
    yield p
    contexte.close()


def attendre(page: object, delai_ms: int = 30_000) -> None:
    """Attend que le script ait fini de s'exécuter (comme ``wait_for_app_run`` des tests de Streamlit) : d'abord
    le début de l'exécution déclenchée par l'action (s'il n'est pas déjà passé), puis sa fin."""
    from playwright.sync_api import TimeoutError as Delai

    try:
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='running']",  # type: ignore
                               timeout=1_000)
    except Delai:
        pass  # exécution déjà finie, ou aucune exécution déclenchée
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",  # type: ignore
                           timeout=delai_ms)
    page.wait_for_timeout(100)  # type: ignore[attr-defined]


def widget(page: object, cle: str) -> object:
    return page.locator(f".st-key-{cle}")  # type: ignore[attr-defined]


def saisir(page: object, cle: str, valeur: str) -> None:
    champ = widget(page, cle).locator("input, textarea").first
    champ.fill(valeur)
    champ.press("Enter" if champ.evaluate("e => e.tagName") == "INPUT" else "Tab")
    attendre(page)


def cliquer(page: object, cle: str) -> None:
    widget(page, cle).locator("button").first.click()
    attendre(page)


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
