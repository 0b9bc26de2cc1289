"""Configuration commune des tests : profils Hypothesis (CI=true charge le profil « ci »)."""
import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", derandomize=True, deadline=None, max_examples=100,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("rapide", max_examples=30, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "rapide"))


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _cache_des_lots_isole(tmp_path_factory, monkeypatch):
    """Chaque test a son propre cache des résultats de lots (interessement/lots.py) : aucun résultat d'un test
    n'en sert un autre, rien n'est écrit dans le dossier personnel."""
    monkeypatch.setenv("INTERESSEMENT_CACHE", str(tmp_path_factory.mktemp("cache-lots")))
