"""Configuration commune des tests : profils Hypothesis (CI=true charge le profil « ci ») ; fixtures des parcours
dans le navigateur (``serveur``, ``navigateur``, ``onglet`` de ``tests/outils_navigateur.py``), offertes à tous les
fichiers de tests sans import."""
import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", derandomize=True, deadline=None, max_examples=100,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("rapide", max_examples=30, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "rapide"))

pytest_plugins = ["outils_navigateur"]



@pytest.fixture
def base(tmp_path, monkeypatch):
    """La base des brouillons de l'assistant (SQLite), neuve pour le test : son chemin. (``test_modele``,
    ``test_stockage``… appellent « base » autre chose : leur fixture remplace celle-ci.)"""
    chemin = tmp_path / "brouillons.sqlite3"
    monkeypatch.setenv("INTERESSEMENT_BROUILLONS", str(chemin))
    return chemin


@pytest.fixture(autouse=True)
def _cache_des_lots_isole(tmp_path_factory, monkeypatch):
    """Chaque test a son propre cache des résultats de lots (interessement/lots.py) : aucun résultat d'un test
    n'en sert un autre, rien n'est écrit dans le dossier personnel."""
    monkeypatch.setenv("INTERESSEMENT_CACHE", str(tmp_path_factory.mktemp("cache-lots")))


@pytest.fixture(autouse=True)
def _meme_navigateur_dans_apptest(request, monkeypatch):
    """AppTest n'a pas de cookies : dans les tests de l'assistant (``test_app*``), chaque session est « le même
    navigateur » (même secret, celui que garderait le cookie ``interessement-navigateur``), si bien qu'un
    rechargement (nouvelle session, même ``?brouillon=``) reprend le brouillon. ``tests/test_stockage.py`` change
    de navigateur exprès."""
    if not request.node.module.__name__.startswith("test_app"):
        return
    from interface import etat

    secret = "secret-du-navigateur-des-tests-de-l-assistant-0001"
    monkeypatch.setattr(etat, "_cookie_secret", lambda: secret)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """En CI (CI=true, où .ci/run installe Chromium, LibreOffice, PostgreSQL…), un test sauté est un échec : aucun
    test n'est compté comme passé sans avoir tourné."""
    resultat = yield
    rapport = resultat.get_result()
    if os.environ.get("CI") and rapport.skipped and not hasattr(rapport, "wasxfail"):
        rapport.outcome = "failed"
        rapport.longrepr = f"test sauté en CI (interdit) : {rapport.longrepr}"
