"""Références au niveau de l'article : la table LEGIARTI, l'API article()/lien(), le repérage des citations."""

import json
import re

import pytest
from chemins import CORPUS_TEXTES, RACINE

from interessement import references as ref
from interessement.references import ArticleInconnu, article, citations, lien
from interessement.references import construire as cons

TABLE = RACINE / "interessement" / "references" / "donnees" / "articles.json"
RE_LEGIARTI = re.compile(r"LEGIARTI\d{12}")
RE_LIEN_ARTICLE = re.compile(r"https://www\.legifrance\.gouv\.fr/codes/article_lc/LEGIARTI\d{12}(/\d{4}-\d{2}-\d{2})?")


def _table():
    return json.loads(TABLE.read_text(encoding="utf-8"))


# --- La table ----------------------------------------------------------------------------------------------


def test_la_table_dit_d_ou_elle_vient_et_reste_petite():
    t = _table()
    assert t["source"]["paquet"] == "@socialgouv/legi-data"
    assert re.fullmatch(r"\d+\.\d+\.\d+", t["source"]["version"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", t["source"]["publie_le"]) and t["source"]["integrite"].startswith("sha512-")
    for legitext in cons.CODES_LEGI.values():
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", t["source"]["textes"][legitext]["date_donnees"])
    assert t["date_reference"] == ref.date_reference() == "2026-12-01"
    assert TABLE.stat().st_size < 400_000


def test_chaque_identifiant_a_la_forme_legiarti():
    for code, entrees in _table()["articles"].items():
        for num, e in entrees.items():
            for cle in ("id", "cid", "suivante", "version_trouvee"):
                if cle in e:
                    assert RE_LEGIARTI.fullmatch(e[cle]), f"{code} {num} : {cle} = {e[cle]!r}"
            if code in cons.CODES_LEGI:
                assert "id" in e and "cid" in e and re.fullmatch(r"\d{4}-\d{2}-\d{2}", e["depuis"]), (code, num)


@pytest.mark.parametrize("code, lettres, debuts", [
    ("C. trav.", "LRD", ["3311", "3312", "3313", "3314", "3315", "332", "333", "334", "2231", "2232", "1225",
                         "1226", "3142"]),
    ("CSS", "L", ["136-", "137-", "241-", "242-"]),
])
def test_le_perimetre_demande_est_couvert(code, lettres, debuts):
    nums = _table()["articles"][code]
    for debut in debuts:
        for lettre in lettres:
            if (code, lettre + debut) in {("C. trav.", "R3315"), ("C. trav.", "D3315"), ("C. trav.", "D3312")}:
                continue  # familles vides dans le code (aucun article R3315-*, D3315-*, D3312-* en vigueur)
            assert any(n.startswith(lettre + debut) for n in nums), f"aucun article {code} {lettre}{debut}*"
    if code == "CSS":
        assert "L225-1" in nums


# Identifiants relevés à la main dans le Code du travail du paquet @socialgouv/legi-data 2.513.0 (articleVersions :
# la version dont la période [dateDebut, dateFin[ contient le 1er décembre 2026).
VERSIONS_EN_VIGUEUR = {
    "L3314-5": ("LEGIARTI000048488981", "2023-12-01"),
    "R3313-12": ("LEGIARTI000049905663", "2024-07-07"),
    "L3312-8": ("LEGIARTI000042656571", "2020-12-09"),
    "D3345-3": ("LEGIARTI000046816592", "2022-12-28"),
    "L3313-2": ("LEGIARTI000035653154", "2018-01-01"),
}


@pytest.mark.parametrize("num", sorted(VERSIONS_EN_VIGUEUR))
def test_version_en_vigueur_le_1er_decembre_2026(num):
    a = article(num)
    assert (a.legiarti, a.depuis) == VERSIONS_EN_VIGUEUR[num]
    assert a.url == f"https://www.legifrance.gouv.fr/codes/article_lc/{VERSIONS_EN_VIGUEUR[num][0]}"


def test_une_modification_differee_deja_en_vigueur_est_prise():
    # CSS L137-26 : l'arbre du paquet (mars 2026) porte la version ABROGE_DIFF ; au 1er décembre 2026 c'est la
    # version VIGUEUR_DIFF du 1er septembre 2026 qui s'applique.
    a = article("L137-26", "CSS")
    assert a.depuis == "2026-09-01" and a.legiarti == "LEGIARTI000053151613"
    # R3324-22 : version en vigueur jusqu'au 1er janvier 2029, la suivante est connue.
    e = _table()["articles"]["C. trav."]["R3324-22"]
    assert e["jusqu_au"] == "2029-01-01" and RE_LEGIARTI.fullmatch(e["suivante"])


def test_les_exceptions_sont_connues_et_justifiees():
    """Les seuls articles sans identifiant de version établi : ceux d'autres codes que le paquet ne contient pas.

    Ajouter une exception ici n'est permis qu'avec sa source dans donnees/autres_codes.yaml."""
    attendues = {
        ("CSP", "L3131-1"): "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006687867/2026-12-01",
        ("CSP", "L3131-15"): "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006072665/"
                             "LEGISCTA000041747458/2022-07-05/",
        ("CMF", "L312-20"): "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000029096231/2026-12-01",
        ("CMF", "L214-164"): "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000027780393/2026-12-01",
        ("CGI", "154 quinquies"): "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000054336634",
    }
    # Articles du code monétaire et financier vers lesquels le Code du travail ou le CSS font un lien : identifiant
    # commun relevé dans ces liens, lien par cet identifiant et la date de référence.
    par_les_liens_legi = {("CMF", n) for n in ("L214-165", "L214-166", "L224-2", "L224-3", "L224-4", "L224-9",
                                               "L224-13", "L224-14", "L224-16")}
    trouvees = {(a.code, a.num): a for a in ref.exceptions()}
    assert set(trouvees) == set(attendues) | par_les_liens_legi
    for cle, url in attendues.items():
        assert trouvees[cle].url == url
    table = _table()["articles"]
    for (code, num), a in trouvees.items():
        assert a.legiarti is None and a.exception
        assert table[code][num].get("source") or table[code][num].get("source_cid"), f"{code} {num} sans source"
        if (code, num) in par_les_liens_legi:
            assert a.url == f"https://www.legifrance.gouv.fr/codes/article_lc/{a.cid}/2026-12-01"


# --- La construction depuis les données LEGI -------------------------------------------------------------

_MS_JOUR = 86_400_000


def _ms(iso):
    from datetime import date
    return (date.fromisoformat(iso) - date(1970, 1, 1)).days * _MS_JOUR


def _version(id_, etat, debut, fin="2999-01-01"):
    return {"id": id_, "etat": etat, "dateDebut": _ms(debut), "dateFin": _ms(fin)}


def _article_legi(num, cid, versions, html=""):
    return {"type": "article", "data": {"num": num, "cid": cid, "id": versions[-1]["id"], "articleVersions": versions,
                                          "texteHtml": html, "lienModifications": []}}


def _legi(tmp_path, articles_ct):
    data = tmp_path / "package" / "data"
    data.mkdir(parents=True)
    (tmp_path / "package" / "package.json").write_text(json.dumps({"version": "9.9.9"}), encoding="utf-8")
    (data / "index.json").write_text(json.dumps([{"id": "LEGITEXT000006072050", "titre": "Code du travail"}]))
    for legitext, enfants in (("LEGITEXT000006072050", articles_ct), ("LEGITEXT000006073189", [])):
        arbre = {"type": "code", "data": {"title": "X", "dateModif": "2026-03-27"},
                 "children": [{"type": "section", "data": {}, "children": enfants}]}
        (data / f"{legitext}.json").write_text(json.dumps(arbre), encoding="utf-8")
    return tmp_path / "package"


def test_construire_choisit_la_version_en_vigueur_a_la_date(tmp_path):
    lien_csp = ('<a href="/affichCodeArticle.do?cidTexte=LEGITEXT000006072665&idArticle=LEGIARTI000006687867'
                '&dateTexte=&categorieLien=cid">2° du I de l\'article L. 3131-1 du code de la santé publique</a>')
    legi = _legi(tmp_path, [
        _article_legi("L3314-5", "LEGIARTI000000000001", [
            _version("LEGIARTI000000000001", "MODIFIE", "2008-05-01", "2023-12-01"),
            _version("LEGIARTI000000000002", "VIGUEUR", "2023-12-01"),
        ], html=lien_csp),
        _article_legi("L3313-9", "LEGIARTI000000000010", [
            _version("LEGIARTI000000000010", "ABROGE_DIFF", "2020-01-01", "2026-09-01"),
            _version("LEGIARTI000000000011", "MODIFIE_MORT_NE", "2026-01-01", "2026-01-01"),
            _version("LEGIARTI000000000012", "VIGUEUR_DIFF", "2026-09-01", "2028-01-01"),
            _version("LEGIARTI000000000013", "VIGUEUR_DIFF", "2028-01-01"),
        ]),
        _article_legi("L9999-1", "LEGIARTI000000000020", [_version("LEGIARTI000000000020", "VIGUEUR", "2008-05-01")]),
    ])
    from datetime import date
    autres = tmp_path / "autres.yaml"
    autres.write_text("CSP:\n  L3131-1:\n", encoding="utf-8")
    t = cons.construire(legi, date(2026, 12, 1), autres)
    ct = t["articles"]["C. trav."]
    assert ct["L3314-5"] == {"id": "LEGIARTI000000000002", "cid": "LEGIARTI000000000001", "depuis": "2023-12-01"}
    assert ct["L3313-9"] == {"id": "LEGIARTI000000000012", "cid": "LEGIARTI000000000010", "depuis": "2026-09-01",
                             "jusqu_au": "2028-01-01", "suivante": "LEGIARTI000000000013"}
    assert "L9999-1" not in ct  # hors du périmètre
    assert t["articles"]["CSP"]["L3131-1"]["cid"] == "LEGIARTI000006687867"  # relevé dans le lien de L3314-5
    assert t["source"]["version"] == "9.9.9"
    # Le même jour d'avant la modification différée : la version d'alors.
    assert cons.construire(legi, date(2026, 3, 1), autres)["articles"]["C. trav."]["L3313-9"]["id"] == (
        "LEGIARTI000000000010")
    # Un article d'un autre code sans lien relevé ni source est refusé.
    autres.write_text("CMF:\n  L214-165:\n", encoding="utf-8")
    with pytest.raises(cons.ErreurConstruction, match="sans identifiant relevé ni source"):
        cons.construire(legi, date(2026, 12, 1), autres)
    # L'écriture relit à l'identique.
    sortie = tmp_path / "articles.json"
    cons.ecrire(t, sortie)
    assert json.loads(sortie.read_text(encoding="utf-8")) == t


def test_construire_refuse_un_dossier_sans_donnees(tmp_path, capsys):
    assert cons.main(["--legi", str(tmp_path), "--date", "2026-12-01", "--sortie", str(tmp_path / "t.json")]) == 2
    assert "Erreur" in capsys.readouterr().err


def test_la_table_versionnee_est_la_sortie_du_script():
    """La table versionnée est exactement ce que le script tire du paquet npm de la version notée (téléchargé et
    vérifié par ``make test`` : tests/telecharger_legi.py)."""
    from datetime import date

    from telecharger_legi import DOSSIER, TEMOIN
    assert (DOSSIER / TEMOIN).exists(), "paquet legi-data absent : lancez `make test` ou tests/telecharger_legi.py"
    source = _table()["source"]
    t = cons.construire(DOSSIER / "package", date.fromisoformat(_table()["date_reference"]),
                        publie_le=date.fromisoformat(source["publie_le"]), integrite=source["integrite"])
    assert t["source"]["version"] == source["version"]
    assert t == _table()


# --- article() et lien() ---------------------------------------------------------------------------------


@pytest.mark.parametrize("forme", ["L3314-5", "L. 3314-5", "L.3314-5", "article L. 3314-5", "L3314\u20115",
                                   "l'article L. 3314-5 du code du travail", "L3314-5 3°", "Code du travail L3314-5"])
def test_article_accepte_les_formes_usuelles(forme):
    a = article(forme)
    assert (a.code, a.num, a.libelle) == ("C. trav.", "L3314-5", "C. trav. L3314-5")


def test_article_d_autres_codes_et_plages():
    assert article("article R. 3313-12").num == "R3313-12"
    assert article("L3312-5 II").num == "L3312-5"
    assert article("L3311-1 et suivants").num == "L3311-1"
    assert article("D3345-1 à D3345-7").num == "D3345-1"
    assert article("L242-1", code="CSS").libelle == "CSS L242-1"
    assert article("L242-1", code="code de la sécurité sociale").code == "CSS"
    assert article("L. 242-1 du code de la sécurité sociale").code == "CSS"  # le code nommé l'emporte
    assert article("154 quinquies", code="CGI").libelle == "CGI art. 154 quinquies"
    assert article("L3314-5").forme_longue == "article L. 3314-5 du code du travail"
    assert RE_LIEN_ARTICLE.fullmatch(lien("D. 3313-9"))
    assert RE_LIEN_ARTICLE.fullmatch(lien("L3131-1", code="CSP"))


def test_article_inconnu_ou_illisible_message_francais():
    with pytest.raises(ArticleInconnu, match=r"Article inconnu de la table des références : C\. trav\. L9999-1.*"
                                             r"construire\.py.*autres_codes\.yaml"):
        article("L9999-1")
    with pytest.raises(ArticleInconnu, match="illisible"):
        article("le trente juin")
    with pytest.raises(ArticleInconnu, match="vide"):
        article("  ")
    with pytest.raises(ArticleInconnu, match="Code inconnu"):
        article("L3314-5", code="Code de la route")
    # Un ancien numéro du Code du travail (avant 2008) n'est pas dans la table.
    with pytest.raises(ArticleInconnu):
        article("L. 441-2")


def test_lien_texte_des_lois():
    assert ref.lien_texte("Loi n° 2023-1107 du 29 novembre 2023, art. 5") == (
        "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000048480565")
    assert ref.lien_texte("loi n° 2022-1158") == "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000046186723"
    assert ref.lien_texte("arrêté du 3 février 2026") is None


def test_lier_markdown():
    texte = "Un accord est conclu pour 1 à 5 ans (art. L3312-5) ; forfait social (CSS L137-15) ; article L. 441-2."
    lie = ref.lier_markdown(texte)
    assert f"(art. [L3312-5]({lien('L3312-5')}))" in lie
    assert f"(CSS [L137-15]({lien('L137-15', 'CSS')}))" in lie
    assert "article L. 441-2." in lie  # inconnu de la table : laissé en texte
    assert re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", lie) == texte


# --- citations() -----------------------------------------------------------------------------------------


def _cites(texte):
    return [(c.code, c.num) for c in citations(texte)]


@pytest.mark.parametrize("texte, attendu", [
    ("l'article L. 3314-5 du code du travail", [("C. trav.", "L3314-5")]),
    ("articles L. 3312-2 et L. 3312-3", [("C. trav.", "L3312-2"), ("C. trav.", "L3312-3")]),
    ("L. 3324-6", [("C. trav.", "L3324-6")]),
    ("article L. 242-1 du code de la sécurité sociale", [("CSS", "L242-1")]),
    ("D. 3313-9", [("C. trav.", "D3313-9")]),
    ("R3313-12, II", [("C. trav.", "R3313-12")]),
    ("au sens du 2° du I de l'article L. 3131-1 du code de la santé publique", [("CSP", "L3131-1")]),
    ("CSS L241-3, D242-17", [("CSS", "L241-3"), ("CSS", "D242-17")]),
    ("prévue par le code monétaire et financier (art. L. 312-20).", [("CMF", "L312-20")]),
    ("l'article 154 quinquies du code général des impôts", [("CGI", "154 quinquies")]),
    ("aux articles L. 1225-17, L. 1225-37 et L. 1226-7 du code du travail",
     [("C. trav.", "L1225-17"), ("C. trav.", "L1225-37"), ("C. trav.", "L1226-7")]),
    ("Vu le code de la sécurité sociale, notamment les articles L. 123-1 et L. 123-2 ;",
     [("CSS", "L123-1"), ("CSS", "L123-2")]),
    ("l'article L. 3314-8 modifié du code du travail et l'article L. 137-16 du même code",
     [("C. trav.", "L3314-8"), ("C. trav.", "L137-16")]),
    ("l'article L. 3314-5 prévoit que, au sens de l'article L. 242-1 du code de la sécurité sociale",
     [("C. trav.", "L3314-5"), ("CSS", "L242-1")]),
    ("articles L. 3331-1 et suivants du code du travail", [("C. trav.", "L3331-1")]),
    ("(art. L. 612-8 et suivants du code de l'éducation)", [("C. éduc.", "L612-8")]),
    ("R. 3314-3 nouveau du code du travail", [("C. trav.", "R3314-3")]),
    ("article 515-9 du code civil", [("C. civ.", "515-9")]),
    ("C. trav. L3312-5 I 4°, D3345-1", [("C. trav.", "L3312-5"), ("C. trav.", "D3345-1")]),
    ("L3131-1 CSP", [("CSP", "L3131-1")]),
    ('css("L242-1") et ct("L3312-1")', [("CSS", "L242-1"), ("C. trav.", "L3312-1")]),
    ("L3313\u20113 (trait d'union insécable), D.\u00a03313-9", [("C. trav.", "L3313-3"), ("C. trav.", "D3313-9")]),
    ("du forfait social (CSS [L137-15](https://www.legifrance.gouv.fr/x))", [("CSS", "L137-15")]),  # lien Markdown
])
def test_citations_formes(texte, attendu):
    assert _cites(texte) == attendu


def test_citations_positions_et_complements():
    texte = "Selon le R3313-12, II et au sens du 2° du I de l'article L. 3131-1 du code de la santé publique."
    r, csp = citations(texte)
    assert texte[r.debut:r.fin] == "R3313-12" and r.complement == "II" and not r.code_explicite
    assert texte[csp.debut:csp.fin] == "L. 3131-1" and csp.complement == "2° du I" and csp.code_explicite


def test_citations_aucun_faux_positif():
    texte = ("Le 1er janvier 2019, pour l'exercice 2019-2020, la prime de 5 000,00 € (soit 12,5 %) est versée avant "
             "le 31/05/2020. L'article 7 de l'accord, l'article 14 de la loi n° 47-1775 du 10 septembre 1947 et la "
             "loi n° 2023-1107 du 29 novembre 2023 ; le décret n° 2019-1234 ; le tableau 2052 ligne GW ; "
             "R 2 = 0,97 ; la zone D 12 ; le lot L 3 ; CERFA 15930-01 ; n° SIREN 123 456 789 ; 1 225-17 salariés.")
    assert citations(texte) == []


# --- Les 14 textes réels du corpus de développement -----------------------------------------------------

CORPUS = CORPUS_TEXTES
# Nombre de numéros d'article à lettre (« L. 3314-5 », « D3313-9 »…) dans chaque texte, comptés avec une
# expression simple et indépendante ; plus les articles sans lettre d'un code nommé (code civil, code pénal).
SANS_LETTRE = {"b0247-habillement-epargne-2022": 4, "b1404-machinisme-agricole-2018": 2,
               "b1404-machinisme-avenant1-2021": 2}
RE_SIMPLE = re.compile(r"(?<![\w-])[LRD]\.?\s?\d{1,4}(?:-\d+)+")


def _corpus():
    textes = sorted(CORPUS.glob("*.txt"))
    assert len(textes) == 14, f"corpus de développement introuvable ou incomplet ({CORPUS})"
    return textes


def test_corpus_aucune_citation_perdue():
    total = 0
    for f in _corpus():
        texte = f.read_text(encoding="utf-8")
        trouvees = citations(texte)
        attendu = len(RE_SIMPLE.findall(texte)) + SANS_LETTRE.get(f.stem, 0)
        assert len(trouvees) == attendu, f.name
        # chaque numéro à lettre est trouvé à sa place
        places = {(c.debut, c.fin) for c in trouvees}
        for m in RE_SIMPLE.finditer(texte):
            assert (m.start(), m.end()) in places, (f.name, m.group(0))
        total += len(trouvees)
    assert total == 227


def test_corpus_codes_lus_dans_le_texte():
    par_code = {}
    for f in _corpus():
        texte = f.read_text(encoding="utf-8")
        for c in citations(texte):
            par_code.setdefault(c.code, set()).add(c.num)
            suite = texte[c.fin:c.fin + 80].lower()
            # Quand le texte nomme un code juste après le numéro, c'est celui retenu.
            m = re.match(r"\s*(?:\)\s*)?(?:modifié\s+|nouveau\s+)?du code (de la sécurité sociale|monétaire et "
                         r"financier|de la santé publique|du travail)", suite)
            if m:
                assert c.code == {"de la sécurité sociale": "CSS", "monétaire et financier": "CMF",
                                  "de la santé publique": "CSP", "du travail": "C. trav."}[m.group(1)], (f.name, c)
    assert {"L3131-1"} == par_code["CSP"]
    assert {"L312-20", "L214-164"} <= par_code["CMF"]
    assert {"L242-1", "L137-15", "L137-16"} <= par_code["CSS"]


# --- Chaque article cité dans le dépôt a son entrée -------------------------------------------------------

#: Ce que le projet écrit et qu'un utilisateur lit : constats et règles, paramètres, textes des clauses et
#: des documents, modèles, aide de l'assistant, exemples, documentation, textes attendus des documents.
SOURCES_CITANT = [
    "validators/**/*.py", "interessement/**/*.py", "interessement/**/*.yaml", "interessement/**/*.md",
    "interessement/**/*.j2", "interessement/**/*.txt", "templates/*.py", "interface/**/*.py", "app.py",
    "examples/*.json", "examples/*.py", "README.md", "docs/*.md", "tests/golden/documents/*.txt",
]

#: Citations d'un article absent de la table qu'on ne peut pas réécrire (copie verbatim, ancien numéro cité comme
#: tel…) : (fichier, code, num) → raison.
CITATIONS_HORS_TABLE: dict[tuple[str, str, str], str] = {
    ("docs/REGLES.md", "C. trav.", "L3131-15"): "copie du livre des règles (en anglais) : « no longer L3131-15 » est "
                                                "l'article du code de la santé publique nommé juste avant",
}


def _fichiers_citant():
    vus = set()
    for motif in SOURCES_CITANT:
        for f in sorted(RACINE.glob(motif)):
            rel = f.relative_to(RACINE).as_posix()
            # Le paquet des références lui-même (ses exemples et ses données) n'est pas un texte qui cite.
            if f.is_file() and ".venv" not in f.parts and not rel.startswith("interessement/references/") \
                    and f not in vus:
                vus.add(f)
                yield f


#: Fonctions du registre dont l'argument est un numéro d'article d'un code donné.
APPELS_CODE = {"ct": "C. trav. ", "css": "CSS "}


def _morceaux(f):
    """(ligne, texte) : le fichier entier, ou pour du Python ses chaînes (les littéraux adjacents réunis,
    « css("L242-1") » lu « CSS L242-1 »)."""
    import ast

    texte = f.read_text(encoding="utf-8")
    if f.suffix != ".py":
        yield 1, texte
        return
    arbre = ast.parse(texte)
    prefixes = {}
    for n in ast.walk(arbre):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in APPELS_CODE:
            for a in n.args:
                prefixes[id(a)] = APPELS_CODE[n.func.id]
    for n in ast.walk(arbre):
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            yield n.lineno, prefixes.get(id(n), "") + n.value
        elif isinstance(n, ast.JoinedStr):
            yield n.lineno, "".join(v.value if isinstance(v, ast.Constant) else " " for v in n.values)


def test_chaque_article_cite_dans_le_depot_est_dans_la_table():
    inconnus = []
    cites = set()
    for f in _fichiers_citant():
        rel = f.relative_to(RACINE).as_posix()
        for ligne0, texte in _morceaux(f):
            for c in citations(texte):
                cites.add((c.code, c.num))
                if (rel, c.code, c.num) in CITATIONS_HORS_TABLE:
                    continue
                try:
                    ref.article(c.num, c.code)
                except ArticleInconnu:
                    ligne = ligne0 + texte.count("\n", 0, c.debut)
                    extrait = texte[max(0, c.debut - 40):c.fin + 40].replace("\n", " ")
                    inconnus.append(f"  {rel}:{ligne} cite {c.code} {c.num} — « …{extrait}… »")
    assert not inconnus, (
        "Articles cités sans entrée dans la table des références (interessement/references/donnees/articles.json) :\n"
        + "\n".join(inconnus)
        + "\nPour les ajouter : Code du travail ou CSS → élargir PERIMETRE dans interessement/references/construire.py "
          "puis « python -m interessement.references.construire --legi /tmp/legi/package --date AAAA-MM-JJ » "
          "(paquet : npm pack @socialgouv/legi-data) ; autre code → une entrée avec sa source dans "
          "interessement/references/donnees/autres_codes.yaml, puis la même commande. Une mauvaise lecture (le code "
          "n'est pas celui que le texte veut dire) se corrige en nommant le code dans le texte (« CSS L242-1 », "
          "« … du code de la sécurité sociale »).")
    # Le dépôt cite bien des dizaines d'articles : le test ne passe pas parce qu'il ne lit rien.
    assert len(cites) >= 40


RE_LIEN_LEGIFRANCE = re.compile(r"https://www\.legifrance\.gouv\.fr/[^\s\"')\]>]+")
#: Les seuls endroits où une page de code entière peut figurer : les liens de repli.
LIENS_DE_CODE_PERMIS = {"validators/registre.py", "interessement/references/__init__.py"}


def test_aucun_lien_vers_un_code_entier_et_chaque_identifiant_est_connu():
    connus = {v for entrees in _table()["articles"].values() for e in entrees.values()
              for k, v in e.items() if k in ("id", "cid", "suivante", "version_trouvee")}
    fautes = []
    for f in [*_fichiers_citant(), *(RACINE / "interessement" / "references").glob("*.py")]:
        rel = f.relative_to(RACINE).as_posix()
        for m in RE_LIEN_LEGIFRANCE.finditer(f.read_text(encoding="utf-8")):
            url = m.group(0)
            if re.search(r"/codes/(?:id|texte_lc)/LEGITEXT\d+/?$", url) and rel not in LIENS_DE_CODE_PERMIS:
                fautes.append(f"  {rel} : lien vers un code entier {url} (utiliser interessement.references.lien)")
            for ident in re.findall(r"/codes/article_lc/(LEGIARTI\d{12})", url):
                if ident not in connus:
                    fautes.append(f"  {rel} : {ident} n'est dans la table sous aucun article ({url})")
    assert not fautes, "\n".join(fautes)


def test_les_references_des_regles_menent_a_leur_article():
    from validators.registre import REGISTRE

    n = 0
    for r in REGISTRE.values():
        for reference in r.references:
            cs = citations(reference.article)
            if cs and reference.article.startswith(("C. trav.", "CSS")):
                assert reference.lien == ref.article(cs[0].num, cs[0].code).url, (r.id, reference)
                n += 1
            else:
                assert not re.search(r"/codes/(?:id|texte_lc)/", reference.lien), (r.id, reference)
    assert n >= 50


def test_les_references_des_parametres_menent_a_l_article_ou_au_texte():
    from interessement.parametres import tous

    n = 0
    for p in tous().values():
        for d, reference in p.references:
            if "legifrance" not in reference.lien:
                continue
            n += 1
            cs = [c for c in citations(reference.article) if c.code_explicite or not c.num[:1].isdigit()]
            urls = {ref.article(c.num, c.code).url for c in cs}
            assert reference.lien in urls or re.search(r"/(jorf|loda|eli)/", reference.lien), (p.nom, d, reference)
    assert n >= 60


def test_citations_abreviation_accolee_ne_vaut_que_pour_son_numero():
    assert _cites("base légale : L3312-5, D3345-1, L3131-1 CSP") == [
        ("C. trav.", "L3312-5"), ("C. trav.", "D3345-1"), ("CSP", "L3131-1")]
    assert _cites("articles L. 123-1 et L. 123-2 du code de la sécurité sociale") == [("CSS", "L123-1"),
                                                                                     ("CSS", "L123-2")]


def test_la_base_legale_de_chaque_clause_a_son_lien():
    from interessement.clauses import bibliotheque

    n = 0
    for c in bibliotheque():
        for num in [*c.base_legale, *(a for ph in c.phrases for a in ph.articles)]:
            assert RE_LIEN_ARTICLE.fullmatch(ref.lien(num)) or ref.article(num).exception, (c.id, num)
            n += 1
    assert n >= 20


def test_citations_le_code_nomme_ne_vaut_pas_pour_une_autre_numerotation():
    assert _cites("articles L. 3312-2 et suivants et L. 242-1 du code de la sécurité sociale") == [
        ("C. trav.", "L3312-2"), ("CSS", "L242-1")]


def test_citations_en_anglais_dans_le_livre_des_regles():
    assert _cites("quarantine (cited by L3314-5 as 2° of I of L3131-1 of the code de la santé publique)") == [
        ("C. trav.", "L3314-5"), ("CSP", "L3131-1")]
