"""Retrouver un brouillon dans un vrai Chromium : la première page propose les brouillons de ce navigateur (gardés
dans un cookie du navigateur, jamais dans une liste du serveur), et le texte tapé mais pas encore validé survit à
un rechargement."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest
from outils_navigateur import (
    attendre,
    capture,
    cliquer,
    saisir,
    widget,
)

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.navigateur


def _cookie(page) -> list[dict]:
    for c in page.context.cookies():
        if c["name"] == "interessement_brouillons":
            return json.loads(unquote(c["value"]))
    return []


def test_la_premiere_page_propose_de_reprendre_les_brouillons_de_ce_navigateur(serveur, onglet):
    page = onglet
    page.goto(serveur.url)
    attendre(page)
    saisir(page, "entreprise_raison_sociale", "Fournil des Halles")
    page.wait_for_timeout(500)
    jeton = page.url.split("brouillon=")[1].split("&")[0]
    entrees = _cookie(page)
    assert entrees and entrees[0]["j"] == jeton and entrees[0]["n"] == "Fournil des Halles"
    assert set(entrees[0]) == {"j", "n", "d"}  # le jeton, le nom, la date : rien d'autre
    # Une nouvelle visite, sans l'adresse du brouillon : un brouillon vierge, qui propose de reprendre l'ancien.
    page.goto(serveur.url)
    attendre(page)
    expect(widget(page, "entreprise_raison_sociale").locator("input")).to_have_value("")
    reprise = widget(page, "entreprise_reprise")
    expect(reprise).to_contain_text("Reprendre un brouillon commencé sur ce navigateur")
    expect(reprise).to_contain_text("Fournil des Halles")
    expect(reprise).to_contain_text("?brouillon=")
    capture(page, "20_reprise_navigateur")
    cliquer(page, "entreprise_reprendre_0")
    expect(widget(page, "entreprise_raison_sociale").locator("input")).to_have_value("Fournil des Halles")
    assert f"brouillon={jeton}" in page.url


def test_le_texte_tape_non_valide_survit_a_un_rechargement(serveur, onglet):
    page = onglet
    page.goto(serveur.url)
    attendre(page)
    saisir(page, "entreprise_raison_sociale", "Fournil des Halles")
    champ = widget(page, "entreprise_adresse").locator("input")
    champ.click()
    champ.press_sequentially("3 place des Lices, 35000 Rennes", delay=5)
    # Pas de validation (ni Entrée, ni sortie du champ) : la page est rechargée aussitôt.
    page.reload()
    attendre(page)
    expect(widget(page, "entreprise_adresse").locator("input")).to_have_value("3 place des Lices, 35000 Rennes",
                                                                            timeout=10_000)
    attendre(page)
    page.wait_for_timeout(1_500)
    # La saisie remise a été prise en compte par la page : elle est dans le brouillon (une autre étape puis retour).
    cliquer(page, "nav_aller_dates")
    cliquer(page, "nav_aller_entreprise")
    expect(widget(page, "entreprise_adresse").locator("input")).to_have_value("3 place des Lices, 35000 Rennes")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('interessement_saisie_') && "
                         "localStorage.getItem(k) !== '{}')") == []
