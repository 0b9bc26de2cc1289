"""Configuration de Streamlit : hors ligne, sans télémétrie, téléversements bornés, protection XSRF."""

import tomllib

from chemins import RACINE


def test_configuration_streamlit_hors_ligne():
    config = tomllib.loads((RACINE / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    # Une adresse affichée fixée : Streamlit ne cherche pas l'adresse IP publique (requête vers l'extérieur).
    assert config["browser"]["serverAddress"] == "localhost"
    assert config["server"]["address"] == "localhost"
    assert config["server"]["enableXsrfProtection"] is True
    assert 0 < config["server"]["maxUploadSize"] <= 50
    assert config["server"]["headless"] is True
    # Aucune surveillance des fichiers source (coûteuse à chaque nouvelle session, inutile en service).
    assert config["server"]["fileWatcherType"] == "none"
