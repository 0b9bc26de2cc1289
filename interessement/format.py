"""Mise en forme française des montants, dates et taux (rendu de babel, locale fr_FR). Espaces insécables pour
l'impression.

Les nombres et les dates sont écrits directement, sans charger babel ni ses données de locale (un quart du démarrage
de ``interessement valider``) ; tests/test_format.py vérifie, sur des milliers de valeurs tirées au hasard, que le
rendu est celui de ``babel.numbers.format_decimal`` et ``babel.dates.format_date`` pour fr_FR. Babel reste utilisé
pour ce que ce calcul direct ne couvre pas (nombre infini ou NaN).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, localcontext
from fractions import Fraction

LOCALE = "fr_FR"
ESPACE = "\u00a0"
#: Les mois en français (format large de la locale fr_FR de babel, « d MMMM y »).
MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre")


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
    """« 1 234,5 » : le rendu de ``format_decimal(d, "#,##0.##", locale="fr_FR")`` (arrondi au plus proche pair à
    ``decimales`` chiffres, zéros de fin ôtés, groupes de trois chiffres séparés d'une espace insécable), calculé
    pas à pas comme babel le fait."""
    d = Decimal(str(valeur))
    with localcontext() as ctx:  # précision suffisante pour les très grands nombres (l'arrondi de babel)
        ctx.prec = max(ctx.prec, d.adjusted() + decimales + 2)
        if not d.is_finite():
            from babel.numbers import format_decimal

            motif = "#,##0" + ("." + "#" * decimales if decimales else "")
            return _espaces(format_decimal(d, format=motif, locale=LOCALE))
        negatif = d.is_signed()
        arrondi = abs(d).normalize().quantize(Decimal(10) ** -decimales)
        entier, _, fraction = f"{arrondi:f}".partition(".")
    groupes = []
    while len(entier) > 3:
        groupes.append(entier[-3:])
        entier = entier[:-3]
    texte = ESPACE.join([entier, *reversed(groupes)])
    fraction = fraction.rstrip("0") if decimales else ""
    return ("-" if negatif else "") + texte + ("," + fraction if fraction else "")


def pourcentage(taux: Decimal | float | Fraction, decimales: int = 2) -> str:
    """``Decimal("0.2")`` → « 20 % » ; ``0.0125`` → « 1,25 % »."""
    if isinstance(taux, Fraction):
        taux = Decimal(taux.numerator) / Decimal(taux.denominator)
    return f"{nombre(Decimal(str(taux)) * 100, decimales)}{ESPACE}%"


def date_longue(d: date) -> str:
    """``date(2026, 6, 30)`` → « 30 juin 2026 » (« 1er » pour le premier du mois)."""
    return f"{'1er' if d.day == 1 else d.day} {MOIS[d.month - 1]} {d.year}"


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
