"""Méta-tests du validateur : identifiants uniques et tous issus de REGLES.md, chaque règle implémentée,
référencée (lien https), documentée, ses paramètres existent ; le catalogue docs/regles.md est à jour."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from chemins import RACINE
from test_validators import CAS_ISOLES, _rapport
from test_validators_outils import NOMS_EXEMPLES, accord, versement

import validators
from interessement import parametres
from validators import IDS_PAR_SECTION, IDS_REGLES, REGISTRE, regles, valider
from validators.catalogue import catalogue, catalogue_json, catalogue_markdown
from validators.resultats import PORTEES, SEVERITES

# Le livre des règles : sa copie versionnée dans docs/ (toujours présente), et l'original de shared/ à côté
# du dépôt quand il existe (la copie doit alors lui être identique).
REGLES_MD = Path(RACINE) / "docs" / "REGLES.md"
REGLES_MD_PARTAGE = Path(RACINE).parent / "shared" / "domain" / "REGLES.md"
MODULES_PAR_SECTION = {"A": "mise_en_place", "B": "durees_delais", "C": "beneficiaires", "D": "formule",
                       "E": "plafonds", "F": "repartition", "G": "versement_information"}
_ID = re.compile(r"^[A-Z][A-Z0-9_]+$")


def lire_tableaux_regles(texte: str) -> dict[str, dict[str, str]]:
    """{section: {id: cellule « sévérité / portée »}} des tableaux de la §2 de REGLES.md."""
    debut = texte.index("## 2.")
    fin = texte.index("## 3.", debut)
    sections: dict[str, dict[str, str]] = {}
    courante = None
    for ligne in texte[debut:fin].splitlines():
        titre = re.match(r"^### ([A-G])\.", ligne)
        if titre:
            courante = sections.setdefault(titre.group(1), {})
            continue
        cellules = [c.strip() for c in ligne.strip().strip("|").split("|")]
        if courante is not None and len(cellules) >= 3 and _ID.match(cellules[0]):
            courante[cellules[0]] = cellules[-1]
    return sections


def test_identifiants_uniques():
    assert len(IDS_REGLES) == len(set(IDS_REGLES))
    assert sum(len(v) for v in IDS_PAR_SECTION.values()) == len(IDS_REGLES)


def test_chaque_id_de_la_liste_embarquee_est_implemente():
    assert set(REGISTRE) == set(IDS_REGLES)
    assert [r.id for r in regles()] == list(IDS_REGLES)


def test_copie_de_regles_md_a_jour():
    texte = REGLES_MD.read_text(encoding="utf-8")
    assert "## 2. Rule catalogue" in texte
    if REGLES_MD_PARTAGE.exists():
        assert texte == REGLES_MD_PARTAGE.read_text(encoding="utf-8"), (
            "docs/REGLES.md diffère de shared/domain/REGLES.md : recopiez-le puis mettez les règles à jour")


def test_ids_identiques_a_ceux_de_regles_md():
    tableaux = lire_tableaux_regles(REGLES_MD.read_text(encoding="utf-8"))
    assert set(tableaux) == set("ABCDEFG")
    for section, ids in tableaux.items():
        assert set(ids) == set(IDS_PAR_SECTION[section]), section
        for i, cellule in ids.items():
            premiere = cellule.split()[0].strip("*")
            assert premiere in {s for s, _ in REGISTRE[i].severites}, (i, cellule)


def test_lecture_des_tableaux_sur_un_extrait():
    extrait = ("## 2. Catalogue\n### A. Mise en place\n| id | règle | sévérité |\n|---|---|---|\n"
               "| ENTREPRISE_ELIGIBLE | au moins un salarié | BLOQUANT / accord |\n## 3. Formules\n")
    assert lire_tableaux_regles(extrait) == {"A": {"ENTREPRISE_ELIGIBLE": "BLOQUANT / accord"}}


@pytest.mark.parametrize("id_regle", IDS_REGLES)
def test_metadonnees_de_chaque_regle(id_regle):
    r = REGISTRE[id_regle]
    assert r.titre and r.titre[0].isupper()
    assert r.severite in SEVERITES and r.portee in PORTEES
    assert all(s in SEVERITES and p in PORTEES for s, p in r.severites)
    assert r.references, "au moins une référence juridique"
    for ref in r.references:
        assert ref.article.strip()
        assert ref.lien.startswith("https://") and " " not in ref.lien
    assert any("legifrance.gouv.fr" in ref.lien for ref in r.references) or id_regle == "OBLIGATION_PARTAGE_VALEUR"
    for nom in r.parametres:
        parametres.parametre(nom)  # lève ParametreInconnu s'il n'existe pas
    assert len(r.description) > 80, "la docstring cite ou paraphrase l'article"
    assert re.search(r"L\d{4}|R\d{4}|D\d{4}|[Ll]oi n°", r.description), "la docstring nomme l'article"
    assert r.module == MODULES_PAR_SECTION[r.section]


def test_import_validators_est_ce_depot():
    assert Path(validators.__file__).resolve().parent == Path(RACINE) / "validators"


def _constats_de_reference():
    for cas in CAS_ISOLES.values():
        yield from _rapport(cas).constats
    for nom in NOMS_EXEMPLES:
        yield from valider(accord(nom), versement=versement(nom)).constats


def test_chaque_constat_a_une_severite_et_une_portee_declarees():
    vus = 0
    for c in _constats_de_reference():
        assert (c.severite, c.portee) in REGISTRE[c.id].severites, (c.id, c.severite, c.portee)
        assert c.message and c.suggestion and c.chemin
        for p in c.parametres:
            assert p["nom"] in REGISTRE[c.id].parametres, (c.id, p["nom"])
        vus += 1
    assert vus > 40


# ------------------------------------------------------------------------------------------ catalogue


def test_docs_regles_md_est_a_jour():
    chemin = Path(RACINE) / "docs" / "regles.md"
    assert chemin.read_text(encoding="utf-8") == catalogue_markdown(), (
        "docs/regles.md n'est pas à jour : interessement regles --format md --sortie docs/regles.md")


def test_catalogue_json_complet():
    d = json.loads(catalogue_json())
    assert [r["id"] for r in d["regles"]] == list(IDS_REGLES)
    assert set(d["sections"]) == set("ABCDEFG")
    for r in catalogue():
        assert r["references"] and r["titre"] and r["description"]
    md = catalogue_markdown()
    for i in IDS_REGLES:
        assert f"### {i}" in md


# ----------------------------------------------------------------------------- pas de nombre légal en dur


def _constantes_numeriques(fichier: Path) -> list[tuple[int, object]]:
    """Nombres écrits dans le code, hors constantes nommées en majuscules et arguments nommés."""
    arbre = ast.parse(fichier.read_text(encoding="utf-8"))
    exclus: set[int] = set()
    for n in ast.walk(arbre):
        if isinstance(n, ast.Assign | ast.AnnAssign):
            cibles = n.targets if isinstance(n, ast.Assign) else [n.target]
            if all(isinstance(t, ast.Name) and t.id.isupper() for t in cibles):
                exclus |= {id(x) for x in ast.walk(n)}
        elif isinstance(n, ast.keyword):
            exclus |= {id(x) for x in ast.walk(n.value)}
    return [(n.lineno, n.value) for n in ast.walk(arbre)
            if isinstance(n, ast.Constant) and isinstance(n.value, int | float) and not isinstance(n.value, bool)
            and id(n) not in exclus and n.value not in (0, 1, -1)]


def test_aucun_nombre_legal_en_dur_dans_les_regles():
    trouves = {}
    for f in sorted((Path(RACINE) / "validators").glob("*.py")):
        nombres = _constantes_numeriques(f)
        if nombres:
            trouves[f.name] = nombres
    assert not trouves, f"nombres en dur (utiliser interessement.parametres ou une constante nommée) : {trouves}"
