"""La page « Comprendre l'intéressement » dans un vrai Chromium : en français seulement, sans violation grave
d'axe-core, chaque article cité est un lien vers Légifrance, et l'on y arrive par la barre de navigation."""

from __future__ import annotations

import pytest
from outils_navigateur import (
    Releve,
    attendre,
)

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.navigateur

#: Les citations d'articles du texte visible qui ne sont pas dans un lien.
_JS_ARTICLES_SANS_LIEN = r"""
() => {
  const racine = document.querySelector("[data-testid='stMain']") || document.body;
  const marcheur = document.createTreeWalker(racine, NodeFilter.SHOW_TEXT);
  const seuls = [];
  const motif = /\b[LRD]\.?\s?\d{3,4}-\d+(-\d+)?\b/g;
  while (marcheur.nextNode()) {
    const n = marcheur.currentNode;
    if (n.parentElement.closest("a")) continue;
    for (const m of n.textContent.matchAll(motif)) seuls.push(n.textContent.slice(Math.max(0, m.index - 30), m.index + 12));
  }
  return seuls;
}
"""


def test_la_page_du_guide_en_francais_accessible_et_liee(serveur, onglet):
    page = onglet
    releve = Releve("guide")
    page.goto(serveur.url)
    attendre(page)
    page.get_by_role("link", name="Comprendre l'intéressement").first.click()
    attendre(page)
    expect(page.get_by_role("heading", name="Comprendre l'intéressement", level=1)).to_be_visible()
    for titre in ("Ce qu'est l'intéressement, et ce qu'il n'est pas", "Qui peut le mettre en place, et comment",
                  "Les étapes et leurs dates limites", "Ce qui est exonéré, et ce que cela coûte",
                  "Les erreurs les plus fréquentes"):
        expect(page.get_by_role("heading", name=titre)).to_be_visible()
    assert "/guide" in page.url
    releve.noter(page, "guide")
    assert page.evaluate(_JS_ARTICLES_SANS_LIEN) == []
    liens = page.locator("[data-testid='stMain'] a[href^='https://www.legifrance.gouv.fr/']")
    assert liens.count() > 40
    assert page.locator("[data-testid='stMain'] table").count() == 2
    assert page.requetes.exterieures() == []
    releve.verifier()
