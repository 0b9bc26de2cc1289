"""Les nombres et les dates écrits sans babel (interessement/format.py) ont exactement le rendu de babel pour la
locale fr_FR, qui sert ici d'oracle : valeurs tirées au hasard (entiers, décimaux, flottants, négatifs, zéros
négatifs, très grands et très petits nombres, arrondis au plus proche pair) et toutes les dates modélisées."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, localcontext

from babel.dates import format_date
from babel.numbers import format_decimal
from hypothesis import example, given
from hypothesis import strategies as st

from interessement import format as fmt


def _babel_nombre(valeur: object, decimales: int) -> str:
    motif = "#,##0" + ("." + "#" * decimales if decimales else "")
    d = Decimal(str(valeur))
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, d.adjusted() + decimales + 2)
        return format_decimal(d, format=motif, locale="fr_FR").replace("\u202f", "\u00a0")


valeurs = st.one_of(
    st.integers(-(10**30), 10**30),
    st.decimals(allow_nan=False, allow_infinity=False, places=None, min_value=Decimal("-1e25"),
                max_value=Decimal("1e25")),
    st.decimals(allow_nan=False, allow_infinity=False, places=6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([Decimal("0.005"), Decimal("0.015"), Decimal("0.025"), Decimal("-0.005"), Decimal("-0"),
                     -0.0, Decimal("1E+3"), Decimal("123456789.995"), Decimal("999.995"), Decimal("1e-30")]),
)


@given(valeurs, st.integers(0, 4))
@example(Decimal("2.5"), 0)
@example(Decimal("-0.001"), 2)
@example(Decimal("1234567.891"), 2)
def test_nombre_comme_babel(valeur, decimales):
    assert fmt.nombre(valeur, decimales) == _babel_nombre(valeur, decimales)


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-5, max_value=5, places=5))
def test_pourcentage_comme_babel(taux):
    assert fmt.pourcentage(taux) == _babel_nombre(Decimal(str(taux)) * 100, 2) + "\u00a0%"


def test_nombres_infinis_rendus_par_babel():
    assert fmt.nombre(Decimal("Infinity")) == _babel_nombre(Decimal("Infinity"), 2)


def test_toutes_les_dates_modelisees_comme_babel():
    d = date(1900, 1, 1)
    while d <= date(2200, 12, 31):
        attendu = format_date(d, format="d MMMM y", locale="fr_FR")
        attendu = ("1er" + attendu[1:]) if d.day == 1 else attendu
        assert fmt.date_longue(d) == attendu, d
        d += timedelta(days=13 if d.day != 1 else 1)


@given(st.dates())
def test_date_longue_comme_babel(d):
    attendu = format_date(d, format="d MMMM y", locale="fr_FR")
    assert fmt.date_longue(d) == (("1er" + attendu[1:]) if d.day == 1 else attendu)
