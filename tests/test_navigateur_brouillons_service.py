"""La base des brouillons dans un vrai Chromium (issue 13, point 4) : le secret du navigateur est gardé dans son
cookie, un rechargement reprend le brouillon, un autre navigateur (autre contexte, autres cookies) qui a l'adresse
ne l'ouvre pas, et l'ouvre avec le lien de partage ; un jeton choisi par un tiers n'est pas adopté."""

from __future__ import annotations

import pytest
from outils_navigateur import (
    attendre,
    cliquer,
    saisir,
    widget,
)

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.navigateur


def _jeton(page) -> str:
    return page.url.split("brouillon=")[1].split("&")[0]


def test_brouillon_lie_au_navigateur_et_lien_de_partage(serveur, onglet, navigateur):
    page = onglet
    page.goto(serveur.url)
    attendre(page)
    saisir(page, "entreprise_raison_sociale", "Fournil des Halles")
    page.wait_for_timeout(500)
    jeton = _jeton(page)
    assert any(c["name"] == "interessement-navigateur" for c in page.context.cookies())
    page.reload()
    attendre(page)
    expect(widget(page, "entreprise_raison_sociale").locator("input")).to_have_value("Fournil des Halles")
    assert _jeton(page) == jeton

    autre = navigateur.new_context(locale="fr-FR").new_page()  # un autre navigateur : ni cookie ni secret
    try:
        autre.goto(f"{serveur.url}/?brouillon={jeton}")
        attendre(autre)
        expect(autre.locator("[data-testid='stMain']")).to_contain_text("commencé sur un autre navigateur")
        expect(widget(autre, "entreprise_raison_sociale").locator("input")).to_have_value("")
        assert _jeton(autre) != jeton
        # Le lien de partage, créé exprès par l'auteur, l'ouvre.
        page.locator("[data-testid='stSidebar']").get_by_text("Partager ce brouillon").click()
        attendre(page)  # la fenêtre est remplie à l'ouverture (interface.fenetres)
        cliquer(page, "outil_partager")
        lien = page.locator("[data-testid='stCode'] code").first.inner_text().strip()
        assert f"brouillon={jeton}" in lien and "partage=" in lien
        autre.goto(lien)
        attendre(autre)
        expect(widget(autre, "entreprise_raison_sociale").locator("input")).to_have_value("Fournil des Halles")
        # Un jeton choisi par un tiers : jamais adopté, et dit.
        autre.goto(f"{serveur.url}/?brouillon=choisiParUnTiers0001")
        attendre(autre)
        expect(autre.locator("[data-testid='stMain']")).to_contain_text("n'a pas délivré")
        assert _jeton(autre) != "choisiParUnTiers0001"
    finally:
        autre.context.close()
