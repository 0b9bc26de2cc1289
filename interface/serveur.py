"""Lancer l'assistant : ``python -m interface.serveur [options de streamlit run]`` (``make run``, le conteneur).

C'est ``streamlit run app.py``, précédé d'une mise en route faite une fois au démarrage du serveur plutôt que
pendant la première visite (bench/bench_app.py, mesure 2, « premier chargement ») :

- les modules de la première page (``interface``, ``interessement.modele``…, SQLAlchemy et son dialecte, PIL pour
  l'icône de la page) sont importés, et la base des brouillons ouverte (tables créées) ; une base injoignable
  n'empêche pas le démarrage : la page le dira, comme avant ;
- le dictionnaire de traduction, les scripts de la page et les paramètres datés sont lus, le
  schéma de validation de l'accord (pydantic) construit ;
- les objets de ce démarrage, qui vivent autant que le processus, sont écartés du ramasse-miettes
  (``gc.freeze``) : Streamlit fait un ``gc.collect(2)`` après chaque exécution du script, pendant lequel le
  serveur n'envoie plus rien au navigateur ; il ne parcourt plus alors que les objets des sessions.

Les options sont celles de ``streamlit run`` (``--server.port 8501 --server.address 0.0.0.0``…) ; la configuration
reste ``.streamlit/config.toml`` du dossier courant (lancer depuis la racine du dépôt, ou ``/app``).
"""

from __future__ import annotations

import gc
import importlib
import sys
from pathlib import Path

#: Le script de l'application, à côté du paquet (dépôt, ou /app du conteneur, lancé depuis ce dossier).
APP = next((p for p in (Path(__file__).resolve().parent.parent / "app.py", Path.cwd() / "app.py") if p.exists()),
           Path("app.py"))

#: Importés par la première exécution du script (``python -X importtime``, et les modules nouveaux après une
#: première exécution AppTest) : les nôtres, et ceux que Streamlit importe lui-même à la demande.
MODULES = (
    "interface.assistant", "interface.style", "interface.etapes", "interface.navigateur",
    "streamlit.material_icon_names", "streamlit.elements.lib.image_utils", "PIL.Image", "PIL.PngImagePlugin",
    "numpy", "sqlite3",  # numpy : importé par Streamlit pour l'icône de la page (set_page_config)
)


def mettre_en_route() -> list[str]:
    """Importe et prépare ce que la première page demande ; rend la liste de ce qui n'a pas pu l'être (le
    serveur démarre quand même : la première visite le refera et dira l'erreur en français)."""
    echecs = []
    for nom in MODULES:
        try:
            importlib.import_module(nom)
        except Exception as exc:  # noqa: BLE001 - une mise en route incomplète ne doit pas empêcher le démarrage
            echecs.append(f"{nom} ({type(exc).__name__})")
    try:
        from interface import etat, traduction

        traduction.html()
        etat._stockage().moteur()  # tables créées, dialecte SQLAlchemy importé
        from datetime import date

        from interface.brouillon import brouillon_vide, vers_accord

        vers_accord(brouillon_vide(date.today()))  # paramètres datés lus (YAML), schéma pydantic de l'accord construit
    except Exception as exc:  # noqa: BLE001 - base injoignable : dit à la première visite
        echecs.append(f"base des brouillons ({type(exc).__name__})")
    # Streamlit avertit, une fois par processus, qu'un script n'est pas lancé par « streamlit run » ; pour le savoir,
    # il inspecte toute la pile d'appels au premier élément écrit (≈ 60 ms de la première page). Lancé d'ici, c'est
    # toujours par « streamlit run » : l'avertissement ne s'applique pas.
    import streamlit.delta_generator as dg

    if hasattr(dg, "_use_warning_has_been_displayed"):
        dg._use_warning_has_been_displayed = True
    gc.collect()
    gc.freeze()
    return echecs


def main(arguments: list[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if arguments is None else arguments)
    for echec in mettre_en_route():
        print(f"Mise en route incomplète : {echec} (la première visite s'en chargera).", file=sys.stderr)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *arguments]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
