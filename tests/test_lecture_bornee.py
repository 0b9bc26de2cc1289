"""La lecture rapide d'un document JSON (``lire_json_borne``) : quand elle dit « déjà borné », ``borner_donnees``
n'aurait rien refusé ni nettoyé, et les données sont exactement celles de la lecture avec crochets — sur des
documents fabriqués avec tout ce que les bornes refusent (nombres démesurés, exposants, textes trop longs, listes
trop longues, caractères de contrôle, demi-paires, séparateurs de ligne, sauts de ligne dans un nom de champ)."""

from __future__ import annotations

import json
import math

import pytest
from chemins import EXEMPLES
from hypothesis import given
from hypothesis import strategies as st

from interessement import assainir, bornes
from interessement.assainir import borner_donnees, entier_json, flottant_json, lire_json_borne
from interessement.modele import charger_accord


def _identiques(a: object, b: object) -> bool:
    """Égalité stricte : mêmes types à chaque niveau (``True`` n'est pas ``1``), NaN égal à NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_identiques(a[k], b[k]) for k in a)  # type: ignore[index]
    if isinstance(a, list):
        return len(a) == len(b) and all(_identiques(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)  # type: ignore[arg-type]
    return a == b


def _avec_crochets(texte: str) -> object:
    return json.loads(texte, parse_int=entier_json, parse_float=flottant_json)


def _verifier(texte: str) -> bool:
    try:
        attendu = _avec_crochets(texte)
    except (ValueError, RecursionError):
        with pytest.raises((ValueError, RecursionError)):  # la lecture rapide refuse ce que l'autre refuse
            lire_json_borne(texte)
        return False
    donnees, bornees = lire_json_borne(texte)
    assert lire_json_borne(texte, texte.encode("utf-8", "surrogatepass")) == (donnees, bornees) or not bornees
    assert _identiques(donnees, attendu)
    if bornees:
        nettoyees, erreurs = borner_donnees(attendu)
        assert erreurs == []
        assert _identiques(nettoyees, attendu)
    return bornees


_PIEGES = ["\x1b[2J", "\x00", "\x07", "\r", "\r\n", "\n", "\t", "\x7f", "\x85", "\x9b", "\u2028", "\u2029",
           "\ud800", "\udfff", "\ud83d\ude00", "é", "€", "\u00a0", "\\", '"', "/", "1e5", "NaN"]
textes = st.one_of(
    st.text(max_size=30),
    st.lists(st.sampled_from(_PIEGES) | st.text(max_size=5), max_size=6).map("".join),
    st.integers(bornes.TEXTE_MAX - 2, bornes.TEXTE_MAX + 2).map(lambda n: "a" * n),
)
nombres = st.one_of(
    st.integers(),
    st.integers(-(10**45), 10**45),
    st.sampled_from([bornes.ENTIER_MAX, bornes.ENTIER_MAX + 1, -bornes.ENTIER_MAX - 1, 10**15 - 1, 10**40, 10**41]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e20, max_value=1e20),
)
feuilles = st.one_of(st.none(), st.booleans(), textes, nombres)
documents = st.recursive(
    feuilles,
    lambda enfants: st.one_of(
        st.lists(enfants, max_size=5),
        st.dictionaries(textes, enfants, max_size=5),
        st.integers(bornes.LISTE_MAX - 1, bornes.LISTE_MAX + 1).map(lambda n: list(range(n))),
    ),
    max_leaves=20,
)


@given(documents, st.booleans())
def test_deja_borne_veut_dire_rien_a_refuser_ni_a_nettoyer(document, ascii_seul):
    _verifier(json.dumps(document, ensure_ascii=ascii_seul))


@pytest.mark.parametrize("document", [
    float("inf"), [float("-inf")], {"x": float("nan")}, "a" * bornes.TEXTE_MAX, "a" * (bornes.TEXTE_MAX + 1),
    {"x": "a" * (bornes.TEXTE_MAX + 1)}, ["a" * (bornes.TEXTE_MAX // 2)] * 3,
    ["a" * (bornes.TEXTE_MAX // 2) + '"' + "a" * (bornes.TEXTE_MAX // 2)], bornes.ENTIER_MAX,
    bornes.ENTIER_MAX + 1, -bornes.ENTIER_MAX - 1, 10**40, 10**41, list(range(bornes.LISTE_MAX)),
    list(range(bornes.LISTE_MAX + 1)), dict.fromkeys(map(str, range(bornes.LISTE_MAX + 1)), 0),
    {"a\nb": 1}, {"a\u2028": 1}, "x\u0085", "\ud800",
])
def test_chaque_borne_a_la_limite(document):
    bornees = _verifier(json.dumps(document))
    _, erreurs = borner_donnees(_avec_crochets(json.dumps(document)))
    if erreurs:
        assert not bornees


# Jetons numériques écrits à la main : exposants, zéros, très longues mantisses, que json.dumps n'écrit pas.
jetons = st.from_regex(r"\A-?(0|[1-9][0-9]{0,45})(\.[0-9]{1,45})?([eE][+-]?[0-9]{1,4})?\Z", fullmatch=True)


@given(st.lists(jetons, min_size=1, max_size=4), st.sampled_from(["[{}]", '{{"x": [{}]}}']))
def test_nombres_ecrits_a_la_main(valeurs, gabarit):
    _verifier(gabarit.format(", ".join(valeurs)))


@given(st.sampled_from(["\\n", "\\t", "\\u000a", "\\r", "\\b", "\\f", "\\u001b", "\\u0085", "\\ud800", "\\u2028",
                        "\\\\n", "\\/", "\\u00e9"]),
       st.booleans())
def test_echappements_dans_un_nom_de_champ_ou_une_valeur(echappement, dans_le_nom):
    texte = (f'{{"a{echappement}b": 1}}' if dans_le_nom else f'{{"a": "x{echappement}y"}}')
    bornees = _verifier(texte)
    if echappement in ("\\n", "\\t") and dans_le_nom:
        assert not bornees  # le nom de champ sera nettoyé : borner_donnees reste à faire


def test_les_exemples_prennent_la_lecture_rapide():
    """Le cas courant (un accord ordinaire, écrit en ASCII ou non) ne refait pas le parcours complet."""
    chemins = sorted(EXEMPLES.glob("*.json"))
    assert chemins
    for p in chemins:
        texte = p.read_text(encoding="utf-8")
        donnees = json.loads(texte)
        for variante in (texte, json.dumps(donnees, ensure_ascii=True), json.dumps(donnees, ensure_ascii=False)):
            assert _verifier(variante), p.name


def test_charger_accord_sans_parcours_quand_le_texte_le_prouve(monkeypatch):
    appels = []
    vrai = assainir.borner_donnees

    def espion(donnees, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        appels.append(1)
        return vrai(donnees, *a, **k)

    import interessement.modele as modele

    monkeypatch.setattr(modele, "borner_donnees", espion)
    exemple = EXEMPLES / "sas-30-part-resultat.json"
    rapide = charger_accord(exemple)
    assert appels == []
    d = json.loads(exemple.read_text(encoding="utf-8"))
    d["entreprise"]["raison_sociale"] = "Atelier\x1b[2J Dupont"
    lent = charger_accord(json.dumps(d).encode("utf-8"))
    assert appels == [1]
    assert lent.entreprise.raison_sociale == "Atelier Dupont"
    assert rapide.model_dump() == charger_accord(exemple.read_bytes()).model_dump()
