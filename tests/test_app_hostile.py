"""Aucune exception n'atteint la personne : chaque étape parcourue avec des valeurs hostiles (textes démesurés,
balises, nombres négatifs ou énormes, dates hors des années modélisées, fichiers faux) ne montre jamais l'encadré
d'erreur de Streamlit ; les erreurs sont dites en français, et rien de ce qui a été saisi n'est perdu."""

from __future__ import annotations

import json
from datetime import date

import pytest
from outils_assistant import (
    ETAPES,
    aller,
    boulangerie,
    brouillon,
    demarrer,
    ouvrir,
    sans_exception,
    textes,
)
from outils_assistant import entreprise as remplir_entreprise
from streamlit.testing.v1 import AppTest

HOSTILES = ["<script>alert(1)</script>", "A" * 2000, "Dupont & Fils \"SAS\" 'é' {{ x }} {% if %}", "😀 \u202e\u0000",
            "   ", "Robert'); DROP TABLE brouillons;--"]


pytestmark = pytest.mark.usefixtures("base")  # chaque test a sa base de brouillons neuve (tests/conftest.py)


def _sans_anglais(at: AppTest) -> None:
    """Aucun message d'erreur de Streamlit ou de Python à l'écran."""
    tout = textes(at.error) + textes(at.warning) + textes(at.markdown)
    for mot in ("Traceback", "Exception", "KeyError", "TypeError", "ValueError", "This app has encountered"):
        assert mot not in tout, mot


def _toutes_les_etapes(at: AppTest) -> None:
    for code in ETAPES:
        aller(at, code)
        sans_exception(at)
        _sans_anglais(at)


@pytest.mark.parametrize("texte", HOSTILES)
def test_textes_hostiles_dans_chaque_champ_de_texte(texte):
    at = demarrer()
    boulangerie(at)
    for code in ETAPES[:8]:
        aller(at, code)
        for champ in list(at.text_input) + list(at.text_area):
            if champ.key and champ.key.startswith(code + "_"):
                champ.set_value(texte[: champ.max_chars] if champ.max_chars else texte)
        at.run()
        sans_exception(at)
        _sans_anglais(at)
    _toutes_les_etapes(at)
    # La saisie est gardée telle quelle (au plus la longueur permise par le champ).
    raison = brouillon(at)["entreprise"]["raison_sociale"]
    assert raison == texte[:300].strip() or raison == texte[:300]


def test_nombres_hostiles():
    at = demarrer()
    boulangerie(at)
    aller(at, "entreprise")
    at.number_input(key="entreprise_effectif").set_value(10_000_000).run()
    sans_exception(at)
    aller(at, "formule")
    for cle in ("formule_pr_seuil", "formule_sim_masse", "formule_sim_resultat_exploitation"):
        for valeur in (-10**12, 10**15, 0):
            at.number_input(key=cle).set_value(valeur).run()
            sans_exception(at)
    aller(at, "repartition")
    at.number_input(key="repartition_part_uniforme").set_value(100.0)
    at.number_input(key="repartition_part_salaire").set_value(100.0).run()
    sans_exception(at)
    assert "250 % au lieu de 100 %" in textes(at.error)  # 100 + 50 (présence) + 100
    _toutes_les_etapes(at)


@pytest.mark.parametrize("jour", [date(2017, 1, 1), date(2000, 1, 1), date(2099, 12, 31)])
def test_dates_hors_des_annees_modelisees_dites_en_francais(jour):
    at = demarrer()
    boulangerie(at)
    aller(at, "dates")
    at.text_input(key="dates_date_effet").set_value(jour.strftime("%d/%m/%Y"))
    at.text_input(key="dates_cloture").set_value(date(jour.year, 12, 31).strftime("%d/%m/%Y")).run()
    sans_exception(at)
    if jour.year < 2019:
        assert "années dont l'outil connaît les règles : 2019 à 2026" in textes(at.error)
    _toutes_les_etapes(at)
    assert brouillon(at)["periode"]["date_effet"] == jour.isoformat()  # rien n'est perdu
    aller(at, "documents")
    assert not [b for b in at.main.download_button if b.key == "documents_docx"] or jour.year >= 2019


def test_une_etape_en_panne_est_dite_en_francais_sans_rien_perdre(monkeypatch):
    from interface.etapes import versement

    at = demarrer()
    remplir_entreprise(at, nom="Garage Roux")

    def panne() -> None:
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(versement, "afficher", panne)
    aller(at, "versement")
    sans_exception(at)
    assert "n'a pas pu s'afficher" in textes(at.error) and "RuntimeError" in textes(at.error)
    aller(at, "entreprise")
    assert at.text_input(key="entreprise_raison_sociale").value == "Garage Roux"


@pytest.mark.parametrize("contenu", [
    json.dumps({"brouillon_interessement": "1.1", "accord": {"entreprise": {"effectif": "beaucoup",
                                                                             "dirigeants": "personne"}}}),
    json.dumps({"brouillon_interessement": "1.1", "accord": {"formule": {"composantes": [{"type": "??"}]}}}),
    json.dumps({"brouillon_interessement": "1.1", "accord": []}),
])
def test_brouillon_json_hostile_repris_sans_exception(contenu):
    at = demarrer()
    ouvrir(at, "fenetre_json")
    at.file_uploader(key="outil_reprendre").upload("b.json", contenu.encode(), "application/json").run()
    sans_exception(at)
    _toutes_les_etapes(at)


def test_fichier_des_salaries_hostile():
    at = demarrer()
    boulangerie(at)
    aller(at, "repartition")
    for nom, contenu in [("vide.csv", b""), ("binaire.xlsx", b"PK\x03\x04 pas un classeur"),
                         ("faux.csv", "Nom;Salaire\n" "é;-5\n".encode("latin-1")),
                         ("enorme.csv", b"identifiant;salaire_brut;jours_inscrits\n" + b"A;1e308;365\n" * 3)]:
        at.file_uploader(key="repartition_fichier").upload(nom, contenu, "text/csv").run()
        sans_exception(at)
        _sans_anglais(at)
    assert brouillon(at)["repartition"]["part_presence"] == 0.5


def test_un_nom_hostile_ne_ferme_pas_le_script_des_brouillons_du_navigateur():
    """Trouvé en parcourant l'assistant avec des valeurs hostiles : une raison sociale « </script><img …> » fermait
    le script qui garde la liste des brouillons du navigateur ; la suite du script s'affichait en clair et la balise
    <img onerror> s'exécutait (pour quiconque ouvre l'adresse du brouillon). Le nom n'y est plus qu'une donnée."""
    nom = "</script><img src=x onerror=alert(1)><!--"
    at = demarrer()
    at.text_input(key="entreprise_raison_sociale").set_value(nom).run()
    sans_exception(at)
    scripts = [h.proto.body for h in at.sidebar.get("html") if "interessement_brouillons" in h.proto.body]
    assert len(scripts) == 1, [h.proto.body[:80] for h in at.sidebar.get("html")]
    corps = scripts[0]
    assert corps.count("</script>") == 1 and corps.rstrip().endswith("</script>")
    assert "<img" not in corps and "<!--" not in corps
    assert brouillon(at)["entreprise"]["raison_sociale"] == nom  # la saisie, elle, est gardée telle quelle
