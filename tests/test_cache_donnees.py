"""Le cache des fichiers YAML lus (interessement/cache_donnees.py) : même contenu que la lecture, jamais périmé
(la clé est le texte), seulement ce que JSON rend à l'identique, et un dossier inutilisable ne fait que relire."""

from __future__ import annotations

import os
from datetime import date

import pytest

from interessement import cache_donnees, parametres
from interessement.cache_donnees import identiques, lire_yaml


def _compteur():
    appels = []

    def lire(texte):  # noqa: ANN001, ANN202
        appels.append(texte)
        return {"texte": texte, "liste": [1, 2.5, True, None, "x"]}

    return appels, lire


def test_relu_une_fois_puis_repris_du_cache():
    appels, lire = _compteur()
    premier = lire_yaml("a: 1", "essai", lire)
    second = lire_yaml("a: 1", "essai", lire)
    assert appels == ["a: 1"]
    assert identiques(premier, second)
    lire_yaml("a: 2", "essai", lire)  # un autre texte : relu
    lire_yaml("a: 1", "autre lecteur", lire)  # un autre lecteur : relu
    assert appels == ["a: 1", "a: 2", "a: 1"]


@pytest.mark.parametrize("contenu", [{"d": date(2026, 1, 1)}, {1: "clé entière"}, ("tuple",), {"x": float("nan")}])
def test_ce_que_json_ne_rend_pas_a_l_identique_n_est_pas_garde(contenu):
    appels = []

    def lire(texte):  # noqa: ANN001, ANN202
        appels.append(texte)
        return contenu

    assert lire_yaml("t", "essai", lire) is contenu
    assert lire_yaml("t", "essai", lire) is contenu
    assert len(appels) == 2


def test_un_cache_illisible_ou_impossible_a_ecrire_ne_fait_que_relire(tmp_path, monkeypatch):
    appels, lire = _compteur()
    lire_yaml("b: 1", "essai", lire)
    for f in cache_donnees.dossier().rglob("*.json"):
        f.write_text("{pas du json", encoding="utf-8")
    assert lire_yaml("b: 1", "essai", lire)["texte"] == "b: 1"
    bloque = tmp_path / "fichier"
    bloque.write_text("", encoding="utf-8")
    monkeypatch.setenv("INTERESSEMENT_CACHE", str(bloque))  # un fichier, pas un dossier : rien ne s'écrit
    assert lire_yaml("b: 1", "essai", lire)["texte"] == "b: 1"
    assert len(appels) == 3


def test_parametres_identiques_avec_et_sans_cache(tmp_path, monkeypatch):
    froid = parametres.charger_repertoire(parametres.REPERTOIRE_DONNEES)
    fichiers = list(cache_donnees.dossier().rglob("*.json"))
    assert len(fichiers) == len(froid)  # chaque fichier de paramètre gardé
    monkeypatch.setattr(parametres, "_lire_yaml", lambda *a: pytest.fail("relu malgré le cache"))
    assert parametres.charger_repertoire(parametres.REPERTOIRE_DONNEES) == froid


def test_un_parametre_modifie_est_relu(tmp_path):
    modele = ("description: {d}\nunite: taux\nvaleurs:\n  2019-01-01: \"0.20\"\nreferences:\n  2019-01-01:\n"
              "    titre: Code du travail\n    article: L3314-8\n    lien: https://www.legifrance.gouv.fr/x\n")
    copie = tmp_path / "essai_taux.yaml"
    copie.write_text(modele.format(d="Avant"), encoding="utf-8")
    assert parametres.charger_fichier(copie).description == "Avant"
    copie.write_text(modele.format(d="Après"), encoding="utf-8")
    apres = parametres.charger_fichier(copie)
    assert apres.description == "Après"
    os.utime(copie, (0, 0))  # la date du fichier ne compte pas : seul son texte
    assert parametres.charger_fichier(copie) == apres


def test_une_cle_en_double_reste_refusee_apres_une_lecture_gardee(tmp_path):
    f = tmp_path / "essai_double.yaml"
    f.write_text("description: x\nunite: taux\nunite: taux\nvaleurs: {}\nreferences: {}\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(parametres.ErreurParametre, match="en double"):
            parametres.charger_fichier(f)
