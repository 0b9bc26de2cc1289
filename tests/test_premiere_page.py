"""La première page de l'assistant reste légère (bench/bench_app.py, mesure 2, mesure le temps ; ici, sans chrono,
ce qui le fait) : la première exécution n'importe ni pandas, ni python-docx, ni la simulation, ni les documents, ni
le validateur ; les fenêtres de la barre latérale ne sont remplies qu'ouvertes ; le nombre d'éléments envoyés au
navigateur reste dans son budget (chaque élément coûte un message au serveur et un rendu au navigateur)."""

from __future__ import annotations

import json
import subprocess
import sys

from chemins import RACINE
from outils_assistant import demarrer, ouvrir, sans_exception

#: Ce que la première exécution ne doit pas importer depuis notre code (ni directement, ni par un de nos modules).
LOURDS = ("pandas", "numpy", "docx", "docxtpl", "openpyxl", "pypdf", "pdfplumber", "pytesseract",
          "interessement.documents", "interessement.simulation", "interessement.repartition",
          "interessement.calcul", "interessement.formules", "validators")

#: Éléments (blocs compris) de la première page d'un brouillon vierge : 80 avant les fenêtres remplies à
#: l'ouverture ; au-delà, la page redevient sensiblement plus lente à afficher (≈ 10 ms par élément au repos).
BUDGET_ELEMENTS = 53

#: Exécuté dans un processus neuf : chaque ``import`` fait par un module de l'application (``interface``,
#: ``interessement``, ``validators``, les pages) pendant la première exécution est noté, même si le module était
#: déjà chargé par Streamlit lui-même (AppTest charge pandas : seul compte ce que notre code demande).
SONDE = r"""
import builtins, importlib.util, json, os, sys, tempfile
os.environ["INTERESSEMENT_BROUILLONS"] = os.path.join(tempfile.mkdtemp(), "brouillons.sqlite3")
sys.path.insert(0, sys.argv[1])
from streamlit.testing.v1 import AppTest

demandes = set()
origine = builtins.__import__
NOTRE = ("interface", "interessement", "validators", "__main__")


def espion(nom, globals=None, locals=None, fromlist=(), level=0):
    importeur = (globals or {}).get("__name__") or ""
    if importeur.split(".")[0] in NOTRE:
        try:
            base = importlib.util.resolve_name("." * level + nom, (globals or {}).get("__package__")) if level else nom
        except (ImportError, ValueError):
            base = nom
        demandes.add(base)
        demandes.update(f"{base}.{x}" for x in fromlist or () if x != "*")
    return origine(nom, globals, locals, fromlist, level)


builtins.__import__ = espion
at = AppTest.from_file(os.path.join(sys.argv[1], "app.py"), default_timeout=120).run()
builtins.__import__ = origine
print(json.dumps({"exceptions": [e.value for e in at.exception], "demandes": sorted(demandes)}))
"""


def test_la_premiere_execution_n_importe_rien_de_lourd():
    sortie = subprocess.run([sys.executable, "-c", SONDE, str(RACINE)], cwd=RACINE, capture_output=True, text=True,
                            check=True, timeout=300)
    resultat = json.loads(sortie.stdout.strip().splitlines()[-1])
    assert resultat["exceptions"] == []
    demandes = set(resultat["demandes"])
    assert {"interface.assistant", "interessement.modele", "streamlit"} <= demandes  # la sonde voit bien nos imports
    lourds = sorted(d for d in demandes if d.startswith(LOURDS) and (d in LOURDS or d.startswith(
        tuple(f"{x}." for x in LOURDS))))
    assert lourds == [], f"la première page importe {lourds} : à importer dans la fonction qui s'en sert"



def _elements(noeud) -> int:
    enfants = getattr(noeud, "children", None) or {}
    return 1 + sum(_elements(e) for e in enfants.values())


def test_les_fenetres_ne_sont_remplies_qu_ouvertes(base):
    at = demarrer()
    sans_exception(at)
    cles = {getattr(e, "key", None) for e in at.sidebar.button} | {getattr(e, "key", None) for e in at.sidebar.selectbox}
    assert not {"outil_charger_exemple", "outil_exemple", "outil_partager", "outil_supprimer_brouillon"} & cles
    assert not list(at.sidebar.get("download_button")) and not list(at.sidebar.get("file_uploader"))
    # Ouverte, une fenêtre montre tout son contenu (et il fonctionne : voir tests/test_app.py).
    ouvrir(at, "fenetre_exemples")
    sans_exception(at)
    assert at.selectbox(key="outil_exemple").options
    ouvrir(at, "fenetre_json")
    assert at.download_button(key="outil_telecharger").proto.label == "Télécharger le brouillon (JSON)"
    ouvrir(at, "fenetre_brouillons")
    assert any("Comment retrouver un brouillon" in c.value for c in at.sidebar.caption)


def test_la_premiere_page_tient_dans_son_budget_d_elements(base):
    at = demarrer()
    sans_exception(at)
    n = _elements(at.main) + _elements(at.sidebar) - 2
    assert n <= BUDGET_ELEMENTS, f"{n} éléments sur la première page (budget {BUDGET_ELEMENTS})"
    # Les fonctions de la première page sont toutes là : reprise, explication du lien et du fichier JSON, exemples.
    assert at.text_input(key="entreprise_raison_sociale") is not None
    # La mention « À renseigner » est dans le libellé du champ (lue avec lui), plus une légende à part dessous.
    assert "À renseigner : la raison sociale" in at.text_input(key="entreprise_raison_sociale").label
    assert not any("renseigner : la raison sociale" in c.value.lower() for c in at.main.caption)
    assert any("Comment retrouver un brouillon" in c.value and "fichier du brouillon (JSON)" in c.value
               for c in at.main.caption)
    assert [b.proto.popover.label for b in at.sidebar.get("popover")] == [
        "Fichier du brouillon (JSON)", "Vos autres brouillons sur ce navigateur (0)", "Partager ce brouillon",
        "Confidentialité et conservation", "Essayer avec un exemple"]


#: Exécuté dans un processus neuf : la mise en route de ``python -m interface.serveur``, puis une première exécution.
SONDE_MISE_EN_ROUTE = r"""
import gc, json, os, sys
sys.path.insert(0, sys.argv[1])
os.environ["INTERESSEMENT_BROUILLONS"] = sys.argv[2]
from interface import serveur
echecs = serveur.mettre_en_route()
gel = gc.get_freeze_count()
avant = set(sys.modules)
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(os.path.join(sys.argv[1], "app.py"), default_timeout=120).run()
nouveaux = sorted(m for m in set(sys.modules) - avant if m.split(".")[0] in ("interface", "interessement", "sqlalchemy"))
print(json.dumps({"echecs": echecs, "gel": gel, "nouveaux": nouveaux, "exceptions": [e.value for e in at.exception],
                  "base": os.path.exists(sys.argv[2]), "app": str(serveur.APP)}))
"""


def test_la_mise_en_route_du_serveur_prepare_la_premiere_page(tmp_path):
    base = tmp_path / "brouillons.sqlite3"
    sortie = subprocess.run([sys.executable, "-c", SONDE_MISE_EN_ROUTE, str(RACINE), str(base)], cwd=RACINE,
                            capture_output=True, text=True, check=True, timeout=300)
    resultat = json.loads(sortie.stdout.strip().splitlines()[-1])
    assert resultat["echecs"] == [] and resultat["exceptions"] == []
    assert resultat["app"] == str(RACINE / "app.py")
    assert resultat["base"], "la base des brouillons n'est pas ouverte au démarrage"
    assert resultat["gel"] > 10_000, "les objets du démarrage ne sont pas écartés du ramasse-miettes (gc.freeze)"
    # La première visite n'importe plus rien de notre code ni de SQLAlchemy : tout l'a été au démarrage.
    assert resultat["nouveaux"] == []
