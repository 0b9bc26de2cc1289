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


def test_tableaux_sans_export_brut():
    """Le bouton « télécharger en CSV » de st.dataframe exporte les cellules brutes (« =HYPERLINK(…) » resterait une
    formule) : la configuration que le navigateur reçoit (message NewSession) le désactive, depuis le config.toml
    du dépôt, que le fichier de conteneur copie (issue 13, point 3)."""
    import os
    import subprocess
    import sys

    config = tomllib.loads((RACINE / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
    envoye = ("from streamlit.proto.NewSession_pb2 import Config\n"
              "from streamlit.runtime.app_session import _populate_config_msg\n"
              "m = Config(); _populate_config_msg(m); print(m.disable_data_export)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    depuis_depot = subprocess.run([sys.executable, "-c", envoye], cwd=RACINE, env=env, capture_output=True,
                                  text=True, check=True)
    assert depuis_depot.stdout.split()[-1] == "True"
    # Témoin : sans config.toml ni variable, Streamlit garde l'export (le test ci-dessus mesure bien quelque chose).
    ailleurs = subprocess.run([sys.executable, "-c", envoye], cwd="/", env={**env, "HOME": "/nonexistent"},
                              capture_output=True, text=True, check=True)
    assert ailleurs.stdout.split()[-1] == "False"
    # Le conteneur lance l'application depuis /app, où il copie .streamlit : la même configuration s'applique.
    conteneur = (RACINE / "Containerfile").read_text(encoding="utf-8")
    assert "COPY .streamlit ./.streamlit" in conteneur and "WORKDIR /app" in conteneur
