"""La bibliothèque des clauses : entrées bien formées, conditions, repères sur des textes réels."""

from __future__ import annotations

import re

import pytest
from chemins import CORPUS_TEXTES

from interessement.clauses import (
    DOCUMENTS,
    OPTIONS,
    ErreurBibliotheque,
    _clause,
    bibliotheque,
    clause,
    reperer,
)


def test_chaque_document_a_ses_clauses_dans_l_ordre():
    for nom in DOCUMENTS:
        assert bibliotheque(nom), nom
    ids = [c.id for c in bibliotheque()]
    assert len(ids) == len(set(ids))
    accord = [c.id for c in bibliotheque("accord")]
    assert accord.index("preambule") < accord.index("calcul") < accord.index("repartition") < accord.index("depot")
    assert accord[-1] == "donnees"


def test_clauses_obligatoires_de_l_accord_et_leur_base():
    obligatoires = {c.id: c for c in bibliotheque("accord") if c.obligatoire}
    # L3313-2 : période, établissements, calcul et répartition, dates de versement, suivi, différends
    for ident in ("preambule", "duree_periodes", "champ_application", "calcul", "repartition", "versement",
                  "information_suivi", "differends", "depot", "revision_denonciation"):
        assert ident in obligatoires, ident
    for c in obligatoires.values():
        assert c.base_obligation in c.base_legale, c.id
        assert c.reperes, f"{c.id} : clause obligatoire sans repère"
        assert c.regle and re.fullmatch(r"[A-Z_]+", c.regle)


def test_articles_cites_bien_formes_et_dans_le_code():
    from interessement.references import article

    for c in bibliotheque():
        for num in c.articles_cites:
            assert re.fullmatch(r"[LRD]\d{3,4}(-\d+)*( (CSS|CSP|CMF))?", num), (c.id, num)
            assert article(num).legiarti.startswith("LEGIARTI"), f"{c.id} : article {num} absent de la table"


def test_phrases_du_programme_avec_des_articles_de_la_table():
    """Les phrases que le programme compose (phrases*.yaml) : articles bien formés et présents dans la table ;
    celles qui citent un article dans leur texte le déclarent dans « articles »."""
    from interessement.clauses import phrases_programme
    from interessement.references import article, citations

    phrases = phrases_programme()
    assert len(phrases) > 200
    for nom, ph in phrases.items():
        for num in ph.articles:
            assert article(num).url.startswith("https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI"), nom
        cites = {article(c.num, code=c.code).num for c in citations(ph.texte) if c.code in ("C. trav.", "CSS")}
        declares = {article(a).num for a in ph.articles}
        assert cites <= declares, f"phrase « {nom} » cite {sorted(cites - declares)} sans le déclarer"


def test_condition_selon_le_mode_et_les_options():
    from test_documents_outils import accord

    due = accord("sarl-8-due-paliers")
    sa = accord("sa-120-objectifs")
    assert clause("parties_decision").s_applique(due) and not clause("parties_decision").s_applique(sa)
    assert clause("parties_accord").s_applique(sa) and not clause("parties_accord").s_applique(due)
    assert clause("dirigeants").s_applique(due) == due.beneficiaires.dirigeants_inclus
    assert clause("avances").s_applique(sa) == (sa.versement.avances is not None)
    assert clause("parties_decision").condition.jinja() == "(unilateral)"
    assert clause("parties_accord").condition.jinja() == "not (unilateral)"


def test_phrases_avec_leurs_articles():
    phrases = clause("preambule").phrases
    assert phrases and all(p.texte for p in phrases)
    assert any(p.condition for p in clause("mise_en_place").phrases)


def test_erreurs_de_bibliotheque_en_francais():
    with pytest.raises(ErreurBibliotheque, match="base_obligation"):
        _clause("accord", {"id": "x", "titre": "X", "obligatoire": True})
    with pytest.raises(ErreurBibliotheque, match="option « inconnue » inconnue"):
        _clause("accord", {"id": "x", "titre": "X", "obligatoire": False, "condition": {"options": ["inconnue"]}})
    with pytest.raises(ErreurBibliotheque, match="repère"):
        _clause("accord", {"id": "x", "titre": "X", "obligatoire": False, "reperes": ["(?i)(non fermé"]})
    with pytest.raises(ErreurBibliotheque, match="article illisible"):
        _clause("accord", {"id": "x", "titre": "X", "obligatoire": False, "base_legale": ["L 3313 2"]})
    assert set(OPTIONS) >= {"unilateral", "dirigeants", "avances"}


CORPUS = CORPUS_TEXTES


def test_reperes_sur_les_textes_reels_du_corpus():
    """Les repères des clauses obligatoires retrouvent ces clauses dans des accords rédigés par d'autres
    (textes réels de la base KALI, étiquetés à la main) ; un avenant ne reprend pas tout l'accord."""
    import yaml

    textes = sorted(CORPUS.glob("*.txt"))
    assert textes, f"corpus de développement introuvable ({CORPUS})"
    etiquettes = {e["slug"]: e for e in yaml.safe_load((CORPUS.parent / "labels.yaml").read_text())["entries"]}
    essentielles = ("calcul", "repartition", "versement", "differends", "beneficiaires")
    verifies = 0
    for chemin in textes:
        e = etiquettes[chemin.stem]
        if e["kind"] == "avenant":
            continue
        trouve = reperer(chemin.read_text(encoding="utf-8"))
        attendues = list(essentielles) + (["plafond_individuel"] if e.get("individual_cap") not in (None, "not found", "not said") else [])
        manquantes = [i for i in attendues if i not in trouve]
        assert not manquantes, f"{chemin.name} : repères sans correspondance {manquantes}"
        verifies += 1
    assert verifies >= 12
