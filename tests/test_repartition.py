"""Répartition (REGLES.md §4) : cas calculés à la main, propriétés Hypothesis, contre-vérification
par la boucle de référence exacte (tests/reference_repartition.py)."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from reference_repartition import repartir_reference

from interessement.repartition import (
    ParametresRepartition,
    appliquer_plafond_global,
    plafond_global_centimes,
    plafond_individuel_centimes,
    repartir,
)

SANS_PLAFOND = 10**15
IDS = ["A", "B", "C"]


def params(u, p, s, redistribution=True) -> ParametresRepartition:
    total = u + p + s
    return ParametresRepartition(Fraction(u, total), Fraction(p, total), Fraction(s, total), redistribution)


def verifier_invariants(r, plafonds):
    m = r.montants_centimes
    assert m.dtype == np.int64
    assert int(m.sum()) + r.reliquat_centimes == r.enveloppe_centimes
    assert np.all(m >= 0)
    assert np.all(m <= np.asarray(plafonds))
    assert r.reliquat_centimes >= 0
    assert r.reliquat_centimes == math.ceil(r.reliquat_exact)


# --------------------------------------------------------------------------------------------------
# Cas calculés à la main
# --------------------------------------------------------------------------------------------------

def test_trois_salaries_sans_plafond_au_centime():
    # 1 000 € : moitié uniforme (166,666… € chacun), moitié au salaire 2:1:1 (250 €, 125 €, 125 €).
    # Parts exactes 416,666… / 291,666… / 291,666… : 2 centimes restants, fractions égales → A puis B.
    r = repartir(100_000, IDS, [365, 365, 365], [2_000_000, 1_000_000, 1_000_000], [SANS_PLAFOND] * 3,
                 params(1, 0, 1))
    assert r.montants_centimes.tolist() == [41_667, 29_167, 29_166]
    assert r.reliquat_centimes == 0
    assert r.iterations == 1
    assert not r.plafonne.any()


def test_trois_salaries_plafond_redistribue():
    # A plafonné à 350 € : excédent 66,666… € réparti entre B et C par les mêmes clés (moitié uniforme,
    # moitié salaire 1:1) → B = C = 291,666… + 33,333… = 325,00 € exactement.
    r = repartir(100_000, IDS, [365] * 3, [2_000_000, 1_000_000, 1_000_000], [35_000, 10**9, 10**9],
                 params(1, 0, 1))
    assert r.montants_centimes.tolist() == [35_000, 32_500, 32_500]
    assert r.plafonne.tolist() == [True, False, False]
    assert r.reliquat_centimes == 0
    assert r.iterations == 2
    assert r.redistribue_centimes.tolist() == [0, 32_500 - 29_167, 32_500 - 29_167]
    texte = r.explication("B")
    assert "291,67 €" in texte and "33,33 €" in texte and "325,00 €" in texte
    assert "350,00 € atteint" in r.explication(0)


def test_trois_salaries_plafond_sans_redistribution():
    # Sans clause de redistribution, l'excédent de A (66,666… €) n'est pas distribué ; B et C gardent
    # 291,666… € : total exact 933,333… € → 93 333 centimes versés, le centime de plus va à B.
    r = repartir(100_000, IDS, [365] * 3, [2_000_000, 1_000_000, 1_000_000], [35_000, 10**9, 10**9],
                 params(1, 0, 1, redistribution=False))
    assert r.montants_centimes.tolist() == [35_000, 29_167, 29_166]
    assert r.reliquat_centimes == 6_667
    assert r.reliquat_plafonds == Fraction(20_000, 3)
    assert r.redistribue_centimes.tolist() == [0, 0, 0]
    assert "non distribué" in r.explication("A")


def test_enveloppe_nulle():
    r = repartir(0, IDS, [10, 20, 30], [1, 2, 3], [0, 100, 100], params(1, 1, 1))
    assert r.montants_centimes.tolist() == [0, 0, 0]
    assert r.reliquat_centimes == 0


def test_aucun_beneficiaire():
    r = repartir(12_345, [], [], [], [], params(1, 0, 0))
    assert r.montants_centimes.size == 0
    assert r.reliquat_centimes == 12_345


def test_beneficiaire_unique_plafonne():
    r = repartir(100_000, ["seul"], [365], [3_000_000], [30_000], params(1, 1, 1))
    assert r.montants_centimes.tolist() == [30_000]
    assert r.plafonne.tolist() == [True]
    assert r.reliquat_centimes == 70_000


def test_tous_plafonnes():
    r = repartir(100_000, IDS, [365, 100, 50], [3, 2, 1], [10_000, 10_000, 12_000], params(1, 1, 1))
    assert r.montants_centimes.tolist() == [10_000, 10_000, 12_000]
    assert r.plafonne.all()
    assert r.reliquat_centimes == 68_000


def test_cle_presence_nulle():
    # Personne n'a de jour de présence : la sous-enveloppe présence (5 €) n'est pas distribuée.
    r = repartir(1_000, IDS, [0, 0, 0], [0, 0, 0], [SANS_PLAFOND] * 3, params(1, 1, 0))
    assert r.montants_centimes.tolist() == [167, 167, 166]
    assert r.reliquat_centimes == 500
    assert r.reliquat_cles_nulles == 500


def test_cle_presence_nulle_pendant_la_redistribution():
    # A (seul présent) est plafonné à 30 € ; la moitié « présence » de son excédent ne trouve personne
    # de présent sous son plafond : elle reste non distribuée (18,333… €).
    r = repartir(10_000, IDS, [100, 0, 0], [0, 0, 0], [3_000, 10**9, 10**9], params(1, 1, 0))
    assert r.montants_centimes.tolist() == [3_000, 2_583, 2_583]
    assert r.reliquat_exact == Fraction(5_500, 3)
    assert r.reliquat_centimes == 1_834


def test_un_centime_entre_trois():
    r = repartir(1, ["b", "a", "c"], [1, 1, 1], [1, 1, 1], [10, 10, 10], params(1, 0, 0))
    assert r.montants_centimes.tolist() == [0, 1, 0]
    assert r.reliquat_centimes == 0


def test_plafond_nul():
    # Un bénéficiaire au plafond nul (aucun jour d'inscription) ne reçoit rien ; tout va aux autres.
    r = repartir(1_000, IDS, [0, 10, 10], [0, 1, 1], [0, 10**6, 10**6], params(1, 0, 0))
    assert r.montants_centimes.tolist() == [0, 500, 500]


def test_egalites_departagees_par_identifiant_en_grand_nombre():
    # 100 000 bénéficiaires, clé uniforme seule : 7 centimes restants pour des fractions toutes égales.
    n = 100_000
    ids = [f"S{i:06d}" for i in range(n)][::-1]
    r = repartir(n * 3 + 7, ids, np.ones(n), np.ones(n), np.full(n, 10**6), params(1, 0, 0))
    gagnants = sorted(i for i, m in zip(ids, r.montants_centimes.tolist(), strict=True) if m == 4)
    assert gagnants == [f"S{i:06d}" for i in range(7)]
    assert r.reliquat_centimes == 0


def test_grands_nombres_exacts():
    # Salaires jusqu'à 10^10 centimes, 200 000 bénéficiaires, enveloppe 10^12 : chaque montant est la
    # partie entière exacte ou un centime de plus, et le total est exact.
    rng = np.random.default_rng(7)
    n = 200_000
    sal = rng.integers(0, 10**10, n)
    pres = rng.integers(0, 366, n)
    ids = [f"X{i}" for i in range(n)]
    e = 10**12 + 12_345
    w = params(1, 2, 3)
    r = repartir(e, ids, pres, sal, np.full(n, SANS_PLAFOND), w)
    verifier_invariants(r, np.full(n, SANS_PLAFOND))
    assert r.reliquat_centimes == 0
    su, sp, ss = n, int(pres.sum()), int(sal.sum())
    for i in rng.integers(0, n, 300).tolist():
        exact = Fraction(e, 6) / su + Fraction(2 * e, 6) * int(pres[i]) / sp + Fraction(3 * e, 6) * int(sal[i]) / ss
        assert r.montants_centimes[i] - math.floor(exact) in (0, 1)


def test_fractions_presque_egales_tranchees_exactement():
    # Fractions différant de moins que la précision float64 : la boucle exacte doit être suivie.
    sal = [10**15, 10**15 + 1, 10**15 + 3, 10**15 + 2]
    ids = ["d", "c", "b", "a"]
    w = params(0, 0, 1)
    for e in (7, 10**9 + 3, 10**12 + 1, 999_999_999_999):
        r = repartir(e, ids, [1] * 4, sal, [SANS_PLAFOND] * 4, w)
        ref = repartir_reference(e, ids, [1] * 4, sal, [SANS_PLAFOND] * 4, w)
        assert r.montants_centimes.tolist() == ref["montants"]


def test_plafond_atteint_tout_juste():
    # Part exacte égale au plafond : plafonné, rien à redistribuer.
    r = repartir(300, IDS, [1, 1, 1], [1, 1, 1], [100, 100, 500], params(1, 0, 0))
    assert r.montants_centimes.tolist() == [100, 100, 100]
    assert r.plafonne.tolist() == [True, True, False]
    assert r.reliquat_centimes == 0


def test_to_records():
    r = repartir(1_000, ["x", "y"], [1, 1], [1, 3], [10**6, 10**6], params(0, 0, 1))
    lignes = r.to_records()
    assert lignes[1] == {"identifiant": "y", "part_initiale_centimes": 750.0, "plafond_centimes": 1_000_000,
                         "plafonne": False, "redistribue_centimes": 0, "montant_centimes": 750}


@pytest.mark.parametrize(
    "appel, morceau",
    [
        (lambda: ParametresRepartition(Fraction(1, 2), Fraction(1, 3), Fraction(0), True), "100 %"),
        (lambda: ParametresRepartition(0.5, 0.5, 0, True), "virgule flottante"),
        (lambda: ParametresRepartition(Decimal("1.5"), Decimal("-0.5"), Decimal(0), True), "entre 0 et 1"),
        (lambda: repartir(10, ["a", "a"], [1, 1], [1, 1], [9, 9], params(1, 0, 0)), "double"),
        (lambda: repartir(10, ["a", "b"], [1], [1, 1], [9, 9], params(1, 0, 0)), "une valeur par"),
        (lambda: repartir(10, ["a"], [-1], [1], [9], params(1, 0, 0)), "négative"),
        (lambda: repartir(-10, ["a"], [1], [1], [9], params(1, 0, 0)), "négatif"),
        (lambda: repartir(10, ["a"], [1.5], [1], [9], params(1, 0, 0)), "entiers"),
    ],
)
def test_entrees_refusees_en_francais(appel, morceau):
    with pytest.raises(ValueError, match=morceau):
        appel()


def test_parts_decimales_acceptees():
    w = ParametresRepartition(Decimal("0.3"), Decimal("0.3"), Decimal("0.4"), False)
    r = repartir(1_000, IDS, [1, 2, 3], [1, 2, 3], [10**6] * 3, w)
    assert int(r.montants_centimes.sum()) == 1_000


# --------------------------------------------------------------------------------------------------
# Plafonds
# --------------------------------------------------------------------------------------------------

def test_plafond_individuel_prorata():
    pass_2026 = 4_806_000  # donnée de test (le code ne contient aucun nombre légal)
    c = plafond_individuel_centimes(pass_2026, Decimal("0.75"), [365, 180, 0], 365, prorata=True)
    assert c.tolist() == [3_604_500, (3 * pass_2026 * 180) // (4 * 365), 0]
    c = plafond_individuel_centimes(pass_2026, Decimal("0.75"), [365, 180, 0], 365, prorata=False)
    assert c.tolist() == [3_604_500] * 3
    with pytest.raises(ValueError, match="jours"):
        plafond_individuel_centimes(pass_2026, Decimal("0.75"), [400], 365)


def test_plafond_individuel_grand_taux_exact():
    c = plafond_individuel_centimes(10**12, Decimal("0.123456789123"), [366], 366)
    assert c.tolist() == [123_456_789_123]


def test_plafond_global():
    assert plafond_global_centimes(120_000_001, 5_000_000, Decimal("0.2")) == 25_000_000
    assert plafond_global_centimes(7, 0, Decimal("0.2")) == 1
    assert appliquer_plafond_global(30_000, 25_000) == (25_000, 5_000)
    assert appliquer_plafond_global(20_000, 25_000) == (20_000, 0)


# --------------------------------------------------------------------------------------------------
# Propriétés (Hypothesis)
# --------------------------------------------------------------------------------------------------

@st.composite
def cas(draw, n_max=10, redistribution=None):
    n = draw(st.integers(1, n_max))
    ids = draw(st.lists(st.text("abcdefXYZ0123", min_size=1, max_size=4), min_size=n, max_size=n, unique=True))
    presence = draw(st.lists(st.one_of(st.integers(0, 366), st.just(0)), min_size=n, max_size=n))
    salaires = draw(st.lists(st.one_of(st.integers(0, 10**10), st.integers(0, 5), st.just(10**10)),
                             min_size=n, max_size=n))
    plafonds = draw(st.lists(st.one_of(st.integers(0, 10**6), st.integers(0, 50), st.just(SANS_PLAFOND)),
                             min_size=n, max_size=n))
    e = draw(st.one_of(st.integers(0, 10), st.integers(0, 10**7), st.integers(0, 10**12)))
    u, p, s = draw(st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(0, 4)).filter(lambda t: sum(t)))
    red = draw(st.booleans()) if redistribution is None else redistribution
    return e, ids, presence, salaires, plafonds, params(u, p, s, red)


@given(cas())
def test_identique_a_la_reference_exacte(c):
    e, ids, presence, salaires, plafonds, w = c
    r = repartir(e, ids, presence, salaires, plafonds, w)
    ref = repartir_reference(e, ids, presence, salaires, plafonds, w)
    assert r.montants_centimes.tolist() == ref["montants"]
    assert r.reliquat_centimes == ref["reliquat"]
    assert r.plafonne.tolist() == ref["plafonne"]


@given(cas(n_max=30))
def test_conservation_plafonds_positivite(c):
    e, ids, presence, salaires, plafonds, w = c
    r = repartir(e, ids, presence, salaires, plafonds, w)
    verifier_invariants(r, plafonds)
    assert r.iterations <= len(ids) + 1


@given(cas(n_max=15), st.randoms(use_true_random=False))
def test_permutation_sans_effet(c, hasard):
    e, ids, presence, salaires, plafonds, w = c
    r = repartir(e, ids, presence, salaires, plafonds, w)
    ordre = list(range(len(ids)))
    hasard.shuffle(ordre)
    r2 = repartir(e, [ids[i] for i in ordre], [presence[i] for i in ordre], [salaires[i] for i in ordre],
                  [plafonds[i] for i in ordre], w)
    avant = dict(zip(ids, r.montants_centimes.tolist(), strict=True))
    apres = dict(zip(r2.identifiants, r2.montants_centimes.tolist(), strict=True))
    assert avant == apres
    assert r.reliquat_centimes == r2.reliquat_centimes


@given(cas(n_max=20), st.sampled_from([0, 1, 2]))
def test_cle_unique_sans_plafond_proportionnel(c, k):
    e, ids, presence, salaires, _, w = c
    n = len(ids)
    cle = [[1] * n, presence, salaires][k]
    assume(sum(cle) > 0)
    parts = [Fraction(int(k == j)) for j in range(3)]
    w = ParametresRepartition(*parts, redistribution=w.redistribution)
    r = repartir(e, ids, presence, salaires, [SANS_PLAFOND] * n, w)
    assert r.reliquat_centimes == 0
    for m, v in zip(r.montants_centimes.tolist(), cle, strict=True):
        assert abs(m - Fraction(e * v, sum(cle))) < 1


@given(cas(n_max=12), st.data())
def test_hausse_de_salaire_ne_baisse_pas_la_prime(c, data):
    e, ids, presence, salaires, plafonds, w = c
    w = ParametresRepartition(Fraction(0), Fraction(0), Fraction(1), w.redistribution)
    j = data.draw(st.integers(0, len(ids) - 1))
    hausse = data.draw(st.integers(1, 10**9))
    r = repartir(e, ids, presence, salaires, plafonds, w)
    salaires2 = list(salaires)
    salaires2[j] += hausse
    r2 = repartir(e, ids, presence, salaires2, plafonds, w)
    assert r2.montants_centimes[j] >= r.montants_centimes[j] - 1  # au centime d'arrondi près
    assert r2.part_initiale[j] >= r.part_initiale[j] * (1 - 1e-12)


@given(cas(n_max=20))
def test_cle_uniforme_egalite_des_non_plafonnes(c):
    e, ids, presence, salaires, plafonds, w = c
    w = ParametresRepartition(Fraction(1), Fraction(0), Fraction(0), w.redistribution)
    r = repartir(e, ids, presence, salaires, plafonds, w)
    libres = r.montants_centimes[~r.plafonne]
    if libres.size:
        assert int(libres.max()) - int(libres.min()) <= 1


@given(cas(n_max=20, redistribution=True))
def test_redistribution_jamais_au_dela_du_plafond(c):
    e, ids, presence, salaires, plafonds, w = c
    r = repartir(e, ids, presence, salaires, plafonds, w)
    assert np.all(r.montants_centimes <= np.asarray(plafonds))
    # Tant qu'un bénéficiaire non plafonné reste, seules les clés nulles et les fractions de centime
    # peuvent laisser un reliquat.
    if not r.plafonne.all():
        assert r.reliquat_plafonds == 0


@given(cas(n_max=20, redistribution=False))
def test_sans_redistribution_reliquat_egal_a_l_excedent(c):
    e, ids, presence, salaires, plafonds, w = c
    n = len(ids)
    poids = w.parts_exactes()
    cles = [[1] * n, presence, salaires]
    perdu = sum((poids[k] * e for k in range(3) if sum(cles[k]) == 0), Fraction(0))
    initial = [
        sum((poids[k] * e * cles[k][i] / sum(cles[k]) for k in range(3) if sum(cles[k])), Fraction(0))
        for i in range(n)
    ]
    excedent = sum((max(Fraction(0), a - cap) for a, cap in zip(initial, plafonds, strict=True)), Fraction(0))
    r = repartir(e, ids, presence, salaires, plafonds, w)
    assert r.reliquat_plafonds == excedent
    assert r.reliquat_centimes == math.ceil(excedent + perdu)
    if perdu == 0:
        assert abs(r.reliquat_centimes - excedent) < 1
