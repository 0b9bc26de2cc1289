"""La traduction des mots de Streamlit (dictionnaire interface/ressources/streamlit_fr.yaml).

Ici sans navigateur : le dictionnaire se lit, chaque motif se compile et traduit les textes réels de Streamlit,
aucune traduction ne contient de mot anglais. Le script lui-même est éprouvé dans Chromium
(tests/test_navigateur.py::test_le_script_traduit_chaque_entree_du_dictionnaire).
"""

from __future__ import annotations

import re

import pytest
from outils_navigateur import MOTS_ANGLAIS

from interface import traduction

TEXTES_REELS = {
    # Textes relevés dans Streamlit 1.67 (paquet streamlit/static) → traduction attendue
    "Help for Raison sociale": "Aide : Raison sociale",
    "Drag and drop file here": "Glissez-déposez un fichier ici",
    "Limit 20MB per file • CSV, XLSX": "20 Mo au plus par fichier • CSV, XLSX",
    "20MB per file • CSV, XLSX": "20 Mo au plus par fichier • CSV, XLSX",
    "0.8KB": "0,8 ko",
    "61.0B": "61 octets",
    "1.2MB": "1,2 Mo",
    "export-paie-25.csv, 1.5KB": "export-paie-25.csv, 1,5 ko",
    "salaries.csv, 61.0B": "salaries.csv, 61 octets",
    "Select all": "Tout choisir",
    "Choose date": "Choisir une date",
    "Running...": "Calcul en cours…",
    "Number is outside the allowed range. Please enter a value between 0 and 5.":
        "Nombre hors des limites : indiquez une valeur entre 0 et 5.",
    "Error: Number is below the allowed range. Please enter a value greater than or equal to 1.":
        "Erreur : Nombre trop petit : indiquez une valeur supérieure ou égale à 1.",
    "Remove modele.csv": "Retirer modele.csv",
    "12 – December": "12 – décembre",
    "Collapse sidebar": "Replier le panneau latéral",
    # Issue 13, point 5 : refus d'un fichier trop gros par le navigateur (streamlit/static, « file-too-large »)
    "File must be 20.0MB or smaller.": "Fichier trop volumineux : 20,0 Mo au plus.",
    "File must be 200MB or smaller.": "Fichier trop volumineux : 200 Mo au plus.",
    "application/pdf files are not allowed.":
        "Fichiers application/pdf non acceptés : choisissez un fichier d'un type proposé.",
    "Only one file is allowed.": "Un seul fichier à la fois.",
    # Parcours « boulangerie » (parcours-neuf) : Streamlit lit le libellé brut, Markdown compris, dans l'aria-label ;
    # un lecteur d'écran disait « deux-points orange crochet » devant chaque « À renseigner ».
    "Ancienneté minimale exigée, en mois (0 à 3 ; 0 = aucune) :orange[— À renseigner : l'ancienneté exigée.]":
        "Ancienneté minimale exigée, en mois (0 à 3 ; 0 = aucune) — À renseigner : l'ancienneté exigée.",
    "Help for Ancienneté minimale exigée, en mois (0 à 3 ; 0 = aucune) :orange[— À renseigner : l'ancienneté "
    "exigée.]": "Aide : Ancienneté minimale exigée, en mois (0 à 3 ; 0 = aucune) — À renseigner : l'ancienneté exigée.",
}


@pytest.mark.parametrize("anglais, francais", sorted(TEXTES_REELS.items()))
def test_les_textes_de_streamlit_sont_traduits(anglais, francais):
    assert traduction.traduire(anglais) == francais


def test_un_texte_francais_n_est_pas_touche():
    for texte in ("Raison sociale", "Étape 1 sur 10 : Entreprise", "Ouvrir", "Aide : Raison sociale",
                  "20 Mo au plus par fichier"):
        assert traduction.traduire(texte) is None


def test_le_dictionnaire_est_complet_et_bien_forme():
    d = traduction.dictionnaire()
    assert len(d["textes"]) > 80 and len(d["motifs"]) > 20
    for m in d["motifs"]:
        assert m["anglais"].startswith("^") and m["anglais"].endswith("$"), m
        re.compile(m["anglais"])  # la même syntaxe sert en JavaScript (pas de groupes nommés à la Python)
        assert "(?P<" not in m["anglais"]


def test_aucune_traduction_ne_contient_de_mot_anglais():
    d = traduction.dictionnaire()
    francais = list(d["textes"].values()) + [m["francais"] for m in d["motifs"]] + list(d["icones"].values())
    francais += list(d["prefixes"].values())
    for texte in francais:
        mots = {m.lower() for m in re.findall(r"[^\W\d_]+", texte)} & MOTS_ANGLAIS
        assert not mots, (texte, mots)


def test_le_fragment_html_ne_peut_pas_fermer_sa_balise():
    html = traduction.html()
    assert html.count("</script>") == 3
    assert "window.__dictionnaireFr" in html
