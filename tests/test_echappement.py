"""Le texte de la personne n'est jamais interprété comme du Markdown ou du HTML par Streamlit (issue 13, point 2).

- ``md()`` : ce qu'il échappe, et que le texte rendu reste exactement celui de la personne (rendu par le moteur
  CommonMark de référence de Python quand il est installé, sinon par les règles de CommonMark écrites ici) ;
- une garde sur le code : dans chaque appel Streamlit qui interprète du Markdown (``st.markdown``, ``caption``,
  ``info``, ``warning``, ``error``, ``success``, ``toast``, ``write``, libellés de widgets, ``help=``), chaque
  interpolation d'une f-string, chaque morceau ajouté par ``+`` et chaque élément d'un ``.join(...)`` est soit
  ``md(...)``, soit un formateur qui ne rend que des chiffres et des dates (``fmt.montant``…), soit un texte de
  l'application (constantes en majuscules) ; jamais ``unsafe_allow_html=True``.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from interface.echappement import GLUON, SPECIAUX, json_dans_script, md, md_liste

RACINE = Path(__file__).resolve().parent.parent
SOURCES = sorted([RACINE / "app.py", *(RACINE / "interface").rglob("*.py")])

HOSTILES = [
    "![img](http://exemple.invalid/pixel.png)",
    "<img src=http://exemple.invalid/x>",
    "[lien](javascript:alert(1))",
    ":red[rouge] :material/home: $x^2$ **gras** _it_ `code` ~~barré~~",
    "# Titre\n- liste\n1. un\n> citation\n| a | b |\n|---|---|",
    "www.exemple.invalid contact@exemple.invalid http://exemple.invalid &lt;b&gt;",
]


def _deseschapper(texte: str) -> str:
    """Ce que CommonMark affiche d'un texte où chaque ponctuation est échappée : la barre oblique disparaît."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", texte).replace(GLUON, "")


def _normal(texte: str) -> str:
    return re.sub(r"\s*[\r\n]+\s*", " ", texte).lstrip()


@pytest.mark.parametrize("texte", HOSTILES)
def test_md_ne_laisse_que_des_echappements(texte: str) -> None:
    sortie = md(texte)
    assert "\n" not in sortie and "\r" not in sortie
    for ch in SPECIAUX:  # chaque caractère spécial est précédé d'une barre oblique inverse
        assert re.search(rf"(?<!\\){re.escape(ch)}", sortie.replace("\\\\", "")) is None or ch == "\\", (ch, sortie)
    assert _deseschapper(sortie) == _normal(texte)


@pytest.mark.parametrize("texte", HOSTILES + ["- tiret", "1. un", "+ plus", "> cité", "    code", "=== titre"])
def test_md_rendu_par_un_moteur_commonmark(texte: str) -> None:
    """Rendu par markdown-it (CommonMark, avec tableaux et barré comme GFM) : aucun lien, aucune image, aucune
    balise de mise en forme, et le texte visible est exactement celui de la personne."""
    import html

    from markdown_it import MarkdownIt

    moteur = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    for prefixe in ("", "Nom : ", "- "):
        rendu = moteur.render(prefixe + md(texte)).strip()
        balises = set(re.findall(r"<([a-z0-9]+)", rendu))
        assert balises <= ({"p"} if not prefixe.startswith("-") else {"ul", "li"}), rendu
        visible = html.unescape(re.sub(r"<[^>]+>", "", rendu)).replace(GLUON, "").strip()
        assert visible == (prefixe.removeprefix("- ") + _normal(texte)).strip(), rendu


def test_md_valeurs_simples() -> None:
    assert md(None) == ""
    assert md("Boulangerie Martin") == "Boulangerie Martin"
    assert md("S.A.R.L. Dupont & fils (Paris) - 14 : 30") == "S.A.R.L. Dupont \\& fils (Paris) - 14 : 30"
    assert md("14:30 http://x") == f"14\\:30 http{GLUON}\\://x"
    assert md(1234) == "1234"
    assert md("ligne 1\r\nligne 2") == "ligne 1 ligne 2"
    assert md("www.exemple.invalid") == f"www{GLUON}.exemple.invalid"
    assert md("a@b.fr") == f"a\\@{GLUON}b.fr"
    assert md_liste(["a*b", "[c]"], " ; ") == "a\\*b ; \\[c\\]"


def test_json_dans_script_ne_ferme_pas_la_balise() -> None:
    objet = [{"n": "</script><img src=http://exemple.invalid/x>&", "j": "x\u2028y"}]
    texte = json_dans_script(objet)
    assert "<" not in texte and ">" not in texte and "&" not in texte and "\u2028" not in texte
    assert json.loads(texte) == objet


# ------------------------------------------------------------------------------------------ garde sur le code

#: Appels dont le premier argument (ou ``body=``/``label=``/``help=``) est du Markdown rendu par Streamlit.
AFFICHAGES = {"markdown", "caption", "info", "warning", "error", "success", "toast", "write", "expander",
              "popover", "subheader", "header", "title", "button", "download_button", "checkbox", "toggle",
              "radio", "selectbox", "multiselect", "text_input", "text_area", "number_input", "file_uploader",
              "link_button", "form_submit_button", "metric", "progress", "segmented_control", "pills",
              "date_input", "slider", "select_slider", "data_editor_label"}
MOTS_CLES = {"body", "label", "help", "text"}
#: Les fenêtres et sections remplies à l'ouverture (``interface.fenetres``) : leur libellé est un libellé de
#: ``st.popover``/``st.expander``, du Markdown.
FENETRES = {"fenetre", "section"}
#: Les champs de l'assistant (``interface.champs``, importé sous le nom ``c``) : (clé, chemin, libellé, …) ; ils
#: échappent eux-mêmes leur libellé (``test_les_champs_echappent_leur_libelle``).
CHAMPS = {"texte", "lignes", "entier", "euros", "pourcentage", "nombre_decimal", "date_", "case", "choix", "oui_non",
          "plusieurs"}
#: Fonctions dont le résultat est sûr : l'échappement lui-même, des chiffres ou des dates mis en forme, du
#: Markdown construit par l'application à partir de textes déjà échappés (``en_markdown``, ``lier_markdown``).
SURES = {"md", "md_liste", "len", "int", "round", "montant", "pourcentage", "date_longue", "nombre", "date_courte",
         "en_markdown", "lier_markdown", "taux", "montant_euros", "euros", "jours", "pluriel", "_date",
         "votes_necessaires", "centimes"}


#: Marque d'un appel dont les interpolations sont des textes de l'application seulement (relu à la main).
MARQUE = "# md-sûr"


def _sure(noeud: ast.AST) -> bool:
    """Une expression dont la valeur ne peut pas porter de Markdown venu de la personne."""
    if isinstance(noeud, ast.Constant):
        return True
    if isinstance(noeud, ast.JoinedStr):
        return all(_sure(v.value) for v in noeud.values if isinstance(v, ast.FormattedValue))
    if isinstance(noeud, ast.BinOp):
        if isinstance(noeud.op, ast.Add):
            return _sure(noeud.left) and _sure(noeud.right)
        if isinstance(noeud.op, ast.Mod):
            return _sure(noeud.left) and _sure(noeud.right)
        return True  # arithmétique : un nombre
    if isinstance(noeud, ast.IfExp):
        return _sure(noeud.body) and _sure(noeud.orelse)
    if isinstance(noeud, ast.BoolOp):
        return all(_sure(v) for v in noeud.values)
    if isinstance(noeud, ast.Compare | ast.UnaryOp):
        return True
    if isinstance(noeud, ast.Name):
        return noeud.id.isupper() or noeud.id.startswith(("n_", "nb_")) or noeud.id in {"i", "n", "j", "k", "total"}
    if isinstance(noeud, ast.Attribute):
        return noeud.attr.isupper()
    if isinstance(noeud, ast.Subscript):
        base = noeud.value
        return isinstance(base, ast.Name) and base.id.isupper()  # AIDE["…"], TITRES_ETAPES[code]
    if isinstance(noeud, ast.Tuple | ast.List):
        return all(_sure(e) for e in noeud.elts)
    if isinstance(noeud, ast.Call):
        f = noeud.func
        nom = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        if nom == "join" and isinstance(f, ast.Attribute) and noeud.args:
            arg = noeud.args[0]
            if isinstance(arg, ast.GeneratorExp | ast.ListComp):
                return _sure(f.value) and _sure(arg.elt)
            if isinstance(arg, ast.Call) and arg.args and isinstance(arg.args[0], ast.GeneratorExp | ast.ListComp):
                return _sure(f.value) and _sure(arg.args[0].elt)  # dict.fromkeys(…), sorted(…)
            return _sure(f.value) and _sure(arg)
        if nom in {"upper", "lower", "strip", "capitalize", "removeprefix", "removesuffix", "replace"} and \
                isinstance(f, ast.Attribute):
            return _sure(f.value)
        if nom == "get" and isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id.isupper():
            return True  # ICONES.get(…) : une table de l'application
        return nom in SURES
    return False


def _affectations(fonction: ast.AST) -> dict[str, list[ast.AST]]:
    """Les valeurs données à chaque variable locale (``x = …``, ``x: str = …``, ``x += …``)."""
    valeurs: dict[str, list[ast.AST]] = {}
    for n in ast.walk(fonction):
        if isinstance(n, ast.Assign):
            for cible in n.targets:
                if isinstance(cible, ast.Name):
                    valeurs.setdefault(cible.id, []).append(n.value)
        elif isinstance(n, ast.AnnAssign | ast.AugAssign) and isinstance(n.target, ast.Name) and n.value:
            valeurs.setdefault(n.target.id, []).append(n.value)
    return valeurs


def _appels_markdown(arbre: ast.AST):
    """(appel, expression) pour chaque texte passé en Markdown ; une variable locale est remplacée par chacune
    des valeurs qui lui sont données dans la fonction."""
    fonctions = [n for n in ast.walk(arbre) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    for fonction in [arbre, *fonctions]:
        locales = _affectations(fonction) if fonction is not arbre else {}
        corps = fonction.body if fonction is not arbre else [n for n in arbre.body
                                                            if not isinstance(n, ast.FunctionDef)]
        for noeud in (x for racine in corps for x in ast.walk(racine)):
            if isinstance(noeud, ast.Call) and isinstance(noeud.func, ast.Name) and noeud.func.id in FENETRES:
                yield from ((noeud, valeur) for e in noeud.args[:1]
                            for valeur in (locales.get(e.id, [e]) if isinstance(e, ast.Name) else [e]))
                continue
            if not isinstance(noeud, ast.Call) or not isinstance(noeud.func, ast.Attribute):
                continue
            nom = noeud.func.attr
            exprs = []
            if nom in AFFICHAGES:
                exprs += noeud.args[:1]
            if nom in AFFICHAGES or nom in {"columns", "tabs"}:
                exprs += [mot.value for mot in noeud.keywords if mot.arg in MOTS_CLES]
            if isinstance(noeud.func.value, ast.Name) and noeud.func.value.id == "c" and nom in CHAMPS:
                # le libellé est échappé par interface.champs ; la bulle d'aide est du Markdown de l'application
                exprs += [mot.value for mot in noeud.keywords if mot.arg == "aide"]
            for e in exprs:
                if isinstance(e, ast.Name) and e.id in locales:
                    for valeur in locales[e.id]:
                        yield noeud, valeur
                else:
                    yield noeud, e


def _suspect(expr: ast.AST) -> bool:
    """Une f-string, une concaténation ou un ``join`` : ce qui y est interpolé doit être sûr. Une simple variable
    n'est pas jugée ici (sa construction l'est, là où elle est faite d'une f-string passée à ces appels)."""
    if isinstance(expr, ast.JoinedStr | ast.BinOp | ast.IfExp):
        return not _sure(expr)
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr in {"join", "format"}:
        return not _sure(expr)
    return False


def test_aucune_interpolation_non_echappee_dans_le_markdown() -> None:
    fautes = []
    for chemin in SOURCES:
        source = chemin.read_text(encoding="utf-8")
        lignes = source.splitlines()
        for appel, expr in _appels_markdown(ast.parse(source)):
            if any(MARQUE in x for x in lignes[appel.lineno - 1:appel.end_lineno]):
                continue
            if _suspect(expr):
                ligne = source.splitlines()[appel.lineno - 1].strip()
                fautes.append(f"{chemin.relative_to(RACINE)}:{appel.lineno}: {ligne[:120]}")
    assert not fautes, "Texte interpolé sans md() dans du Markdown de Streamlit :\n" + "\n".join(fautes)


def test_jamais_de_html_non_sur() -> None:
    for chemin in [*SOURCES, *(RACINE / "interessement").rglob("*.py")]:
        arbre = ast.parse(chemin.read_text(encoding="utf-8"))
        for noeud in ast.walk(arbre):
            if isinstance(noeud, ast.keyword) and noeud.arg == "unsafe_allow_html":
                assert isinstance(noeud.value, ast.Constant) and noeud.value.value is False, chemin


def test_la_garde_attrape_une_interpolation() -> None:
    """La garde elle-même : elle signale une f-string non échappée, accepte ``md()`` et les formateurs."""
    mauvais = ast.parse('st.caption(f"Non bénéficiaires : {e.nom}")\nst.warning("x" + nom)\n'
                        'st.info(", ".join(x.nom for x in l))\nst.button("a", help=f"{nom}")')
    assert [_suspect(e) for _, e in _appels_markdown(mauvais)] == [True, True, True, False, True]
    assert [_suspect(e) for _, e in _appels_markdown(ast.parse('fenetre(f"Brouillons de {nom}", "fenetre_x")'))] \
        == [True]
    bon = ast.parse('st.caption(f"Non bénéficiaires : {md(e.nom)} {fmt.montant(x)} {len(l)}")\n'
                    'st.info(", ".join(md(x.nom) for x in l))\nst.warning(AIDE["x"] + md(nom))')
    assert not any(_suspect(e) for _, e in _appels_markdown(bon))


SAISIES = {"text_area", "text_input", "number_input", "radio", "selectbox", "multiselect", "toggle", "checkbox"}


def test_les_champs_echappent_leur_libelle() -> None:
    """Dans ``interface.champs``, chaque widget reçoit ``md(libelle)`` (un libellé cite parfois un nom saisi :
    indicateur, objectif, colonne d'un fichier)."""
    arbre = ast.parse((RACINE / "interface" / "champs.py").read_text(encoding="utf-8"))
    widgets = [n for n in ast.walk(arbre) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
               and isinstance(n.func.value, ast.Name) and n.func.value.id == "st" and n.func.attr in SAISIES]
    assert len(widgets) >= 10
    for n in widgets:
        premier = n.args[0]
        assert isinstance(premier, ast.Call) and getattr(premier.func, "id", "") in {"md", "_libelle"}, \
            ast.unparse(n)[:80]
    # ``_libelle`` (libellé + mention « À renseigner ») commence par échapper le libellé.
    libelle = next(n for n in arbre.body if isinstance(n, ast.FunctionDef) and n.name == "_libelle")
    assert "etiquette = md(libelle)" in ast.unparse(libelle)
    assert not any(isinstance(x, ast.Name) and x.id == "libelle" for x in ast.walk(libelle)
                   if not (isinstance(x, ast.Name) and x.id == "libelle" and any(
                       isinstance(p, ast.Call) and getattr(p.func, "id", "") == "md" and x in p.args
                       for p in ast.walk(libelle)))), "libellé non échappé dans _libelle"


def test_les_scripts_st_html_ne_recoivent_que_du_json_sur() -> None:
    """``st.html`` n'échappe rien : chaque donnée mise dans un script l'est par ``json_dans_script`` (ou est une
    constante de l'application)."""
    vus = 0
    for chemin in SOURCES:
        for n in ast.walk(ast.parse(chemin.read_text(encoding="utf-8"))):
            if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mod) and isinstance(n.right, ast.Dict | ast.Tuple) and \
                    isinstance(n.left, ast.Name) and n.left.id.isupper() and "SCRIPT" in n.left.id:
                for v in n.right.values if isinstance(n.right, ast.Dict) else n.right.elts:
                    vus += 1
                    sur = (isinstance(v, ast.Call) and getattr(v.func, "id", "") == "json_dans_script") or \
                          (isinstance(v, ast.Name) and v.id.isupper()) or \
                          (isinstance(v, ast.Attribute) and v.attr.isupper())
                    assert sur, f"{chemin.name}:{n.lineno}: {ast.unparse(v)}"
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "html" and n.args:
                assert not isinstance(n.args[0], ast.JoinedStr) or all(
                    isinstance(x, ast.Constant) or getattr(getattr(x.value, "func", None), "id", "") in
                    {"json_dans_script", "_json_dans_script"} or
                    (isinstance(x.value, ast.Call) and getattr(x.value.func, "attr", "") == "read_text")
                    for x in n.args[0].values), f"{chemin.name}:{n.lineno}"
    assert vus >= 4
