"""Mise en forme française des montants, dates et taux (babel). Espaces insécables pour l'impression."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, localcontext
from fractions import Fraction

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "fr_FR"
ESPACE = "\u00a0"


def _espaces(texte: str) -> str:
    return texte.replace("\u202f", ESPACE)


def montant(centimes: int | float, *, devise: bool = True) -> str:
    """``1234567`` → « 12 345,67 € » (espaces insécables ; calcul direct, sans babel, car appelé sur des
    tableaux de milliers de lignes — même rendu que la locale fr_FR)."""
    c = int(round(centimes))
    entier, cents = divmod(abs(c), 100)
    texte = ("-" if c < 0 else "") + f"{entier:,}".replace(",", ESPACE) + f",{cents:02d}"
    return f"{texte}{ESPACE}€" if devise else texte


def nombre(valeur: int | float | Decimal, decimales: int = 2) -> str:
    motif = "#,##0" + ("." + "#" * decimales if decimales else "")
    d = Decimal(str(valeur))
    with localcontext() as ctx:  # précision suffisante pour les très grands nombres (l'arrondi de babel)
        ctx.prec = max(ctx.prec, d.adjusted() + decimales + 2)
        return _espaces(format_decimal(d, format=motif, locale=LOCALE))


def pourcentage(taux: Decimal | float | Fraction, decimales: int = 2) -> str:
    """``Decimal("0.2")`` → « 20 % » ; ``0.0125`` → « 1,25 % »."""
    if isinstance(taux, Fraction):
        taux = Decimal(taux.numerator) / Decimal(taux.denominator)
    return f"{nombre(Decimal(str(taux)) * 100, decimales)}{ESPACE}%"


def date_longue(d: date) -> str:
    """``date(2026, 6, 30)`` → « 30 juin 2026 » (« 1er » pour le premier du mois)."""
    texte = format_date(d, format="d MMMM y", locale=LOCALE)
    return ("1er" + texte[1:]) if d.day == 1 else texte


def date_courte(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def euros_en_centimes(texte: str | int | float | Decimal) -> int:
    """« 1 234,56 » / « 1234.56 » / 1234.56 → 123456. Lève ValueError (message français) sinon."""
    if isinstance(texte, int) and not isinstance(texte, bool):
        if abs(texte) > 10**15:
            raise ValueError("montant démesuré ; vérifiez le nombre de chiffres")
        return texte * 100
    brut = str(texte).strip().replace(ESPACE, "").replace("\u202f", "").replace(" ", "").replace("€", "")
    if "," in brut and "." in brut:
        brut = brut.replace(".", "")
    brut = brut.replace(",", ".")
    try:
        valeur = Decimal(brut)
    except ArithmeticError as exc:
        raise ValueError(f"montant illisible : « {texte} »") from exc
    if not valeur.is_finite():
        raise ValueError(f"montant illisible : « {texte} »")
    if valeur.adjusted() > 15 or len(brut) > 40:  # avant tout calcul : « 1e999999 » déborderait (bornes.py)
        raise ValueError(f"montant démesuré : « {str(texte)[:40]} » ; vérifiez le nombre de chiffres")
    centimes = valeur * 100
    if centimes != centimes.to_integral_value():
        raise ValueError(f"montant au-delà du centime : « {texte} »")
    return int(centimes)
