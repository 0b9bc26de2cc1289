"""Le guide « Comprendre l'intéressement » (interface/guide.py) : une seule source pour la page et docs/guide.md,
chaque article cité est un lien, aucun nombre légal n'est écrit dans sa source, chaque erreur fréquente est un
constat réel du validateur, les dates limites suivent le jour du guide."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml
from chemins import RACINE

from interessement.modele import LIBELLES_MODES
from interessement.references import citations
from interface import guide as g

_LIEN = re.compile(r"\[[^\]]*\]\([^)]*\)")


def test_docs_guide_md_est_a_jour():
    texte = (RACINE / "docs" / "guide.md").read_text(encoding="utf-8")
    jour = g.date_de_docs(texte)
    assert jour is not None
    assert texte == g.en_markdown(jour), "python -m interface.guide --date … --sortie docs/guide.md"


@pytest.mark.parametrize("jour", [date(2026, 3, 1), date(2026, 12, 2)])
def test_chaque_article_cite_est_un_lien(jour):
    texte = g.en_markdown(jour)
    hors_liens = _LIEN.sub(" ", texte)
    assert [hors_liens[c.debut - 30:c.fin + 10] for c in citations(hors_liens)] == []
    liens = re.findall(r"\]\((https://[^)]+)\)", texte)
    assert len(liens) > 40 and all(lien.startswith("https://") for lien in liens)


def _textes(valeur):
    if isinstance(valeur, str):
        yield valeur
    elif isinstance(valeur, dict):
        for k, v in valeur.items():
            if k not in ("modifier", "exemple", "regle", "parametres"):
                yield from _textes(v)
    elif isinstance(valeur, list):
        for v in valeur:
            yield from _textes(v)


def test_la_source_n_ecrit_aucun_nombre_legal():
    source = yaml.safe_load(g.SOURCE.read_text(encoding="utf-8"))
    for texte in _textes(source):
        sans_balises = g._BALISE.sub(" ", texte)
        sans_articles = sans_balises
        for c in reversed(citations(sans_balises)):
            sans_articles = sans_articles[:c.debut] + " " + sans_articles[c.fin:]
        sans_articles = re.sub(r"\b[LRD]\d{4}-\d+(-\d+)?\b|\b[IV]+\b \d°|\d°", " ", sans_articles)
        assert not re.search(r"\d", sans_articles), texte


def test_chaque_erreur_frequente_est_un_constat_du_validateur_avec_ce_qu_il_faut_changer():
    source = yaml.safe_load(g.SOURCE.read_text(encoding="utf-8"))
    erreurs = source["erreurs"]["liste"]
    assert len(erreurs) >= 10
    for erreur in erreurs:
        c = g.constat_d_exemple(erreur)
        assert c is not None, erreur
        assert c.id == erreur["regle"] and c.severite == "BLOQUANT" and c.suggestion and c.references
    texte = g.en_markdown(date(2026, 12, 2))
    assert texte.count("Ce qu'il faut changer : ") == len(erreurs)


def test_un_mode_par_ligne_du_tableau():
    modes = next(s for s in g.guide(date(2026, 12, 2)) if s.ancre.startswith("qui-peut"))
    for libelle in LIBELLES_MODES.values():
        assert f"| {libelle} |" in modes.markdown


def test_les_dates_limites_suivent_le_jour_du_guide():
    mars = next(s for s in g.guide(date(2026, 3, 1)) if s.ancre.startswith("les-etapes")).markdown
    assert "1er janvier 2027" in mars and "30 juin 2027" in mars and "15 juillet 2027" in mars
    assert "31 mai 2028" in mars
    assert "encore temps" in mars and "30 juin 2026" in mars and "15 juillet 2026" in mars
    decembre = next(s for s in g.guide(date(2026, 12, 2)) if s.ancre.startswith("les-etapes")).markdown
    assert "trop tard" in decembre and "30 juin 2026" in decembre
    assert "1er janvier 2027" in decembre


def test_les_montants_viennent_des_parametres():
    texte = g.en_markdown(date(2026, 12, 2))
    assert "48\u00a0060,00\u00a0€" in texte  # PASS 2026
    assert "36\u00a0045,00\u00a0€" in texte  # 75 % du PASS
