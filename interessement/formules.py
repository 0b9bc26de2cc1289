"""Le moteur de formules : l'enveloppe d'intéressement d'une période (REGLES.md §3).

Une seule écriture des composantes sert deux usages :
- le calcul exact d'une période (``evaluer``) en ``Decimal``, arrondi au centime inférieur, avec l'explication
  de chaque étape ;
- le calcul vectoriel (``evaluer_vecteurs``) en ``numpy`` sur des milliers de scénarios (Monte-Carlo, back-test).

Composantes (additionnées) : part d'un résultat au-delà d'un seuil (ou par tranches), paliers de croissance d'un
indicateur par rapport à N-1, objectifs collectifs pondérés, pourcentage de la masse salariale, montant fixe ;
puis déclencheurs (tous doivent être vrais), plancher (interdit, calculé tel qu'écrit), plafond de l'accord,
et toujours le plafond légal de 20 % de la masse salariale (article L3314-8 du code du travail).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import Any

import numpy as np

from . import format as fmt
from . import parametres
from .erreurs import ErreurEntree
from .modele import (
    Formule,
    MontantFixe,
    Objectif,
    Objectifs,
    PaliersCroissance,
    PartResultat,
    PourcentageMasseSalariale,
)

# --------------------------------------------------------------------------------------- deux arithmétiques


class _OpsDecimal:
    """Arithmétique exacte pour une période."""

    vectoriel = False

    @staticmethod
    def nombre(x: Any) -> Decimal:
        return x if isinstance(x, Decimal) else Decimal(str(x))

    @staticmethod
    def maximum(a: Any, b: Any) -> Any:
        return a if a >= b else b

    @staticmethod
    def minimum(a: Any, b: Any) -> Any:
        return a if a <= b else b

    @staticmethod
    def si(condition: Any, a: Any, b: Any) -> Any:
        return a if condition else b

    @staticmethod
    def et(a: Any, b: Any) -> Any:
        return a and b

    @staticmethod
    def plancher(x: Any) -> Any:
        return x.to_integral_value(rounding=ROUND_FLOOR)


class _OpsNumpy:
    """Arithmétique vectorielle (float64) pour des scénarios."""

    vectoriel = True

    @staticmethod
    def nombre(x: Any) -> Any:
        return np.asarray(x, dtype=np.float64) if not isinstance(x, Decimal) else float(x)

    maximum = staticmethod(np.maximum)
    minimum = staticmethod(np.minimum)
    si = staticmethod(np.where)
    et = staticmethod(np.logical_and)
    plancher = staticmethod(np.floor)

    @staticmethod
    def croissance(valeur: Any, precedente: Any) -> Any:
        base = np.abs(precedente)
        with np.errstate(divide="ignore", invalid="ignore"):
            g = np.where(base > 0, (valeur - precedente) / np.where(base > 0, base, 1.0), -np.inf)
        return g

    @staticmethod
    def zeros(*valeurs: Any) -> Any:
        return np.zeros(np.broadcast(*valeurs).shape)


class _OpsFlottant(_OpsDecimal):
    """Arithmétique d'un seul scénario en flottants Python (float64, comme numpy) : les mêmes opérations, élément
    par élément, que ``_OpsNumpy`` — donc les mêmes résultats — sans le coût d'un appel numpy par opération
    (back-test de quelques périodes). Une division par zéro lève ``ZeroDivisionError`` là où numpy rendrait un
    infini : l'appelant revient alors au calcul numpy. ``maximum``, ``minimum``, ``si`` et ``et`` sont ceux de
    ``_OpsDecimal`` (les mêmes pour un scalaire)."""

    vectoriel = True

    @staticmethod
    def nombre(x: Any) -> float:
        return float(x)

    @staticmethod
    def plancher(x: float) -> float:
        return float(math.floor(x))

    @staticmethod
    def croissance(valeur: float, precedente: float) -> float:
        base = abs(precedente)
        return (valeur - precedente) / base if base > 0 else -math.inf

    @staticmethod
    def zeros(*_valeurs: Any) -> float:
        return 0.0


_COMPARAISONS: dict[str, Callable[[Any, Any], Any]] = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
}


# ---------------------------------------------------------------------------------------------- explication


@dataclass
class Etape:
    libelle: str
    detail: str
    montant_centimes: int | None = None

    def __str__(self) -> str:
        suffixe = f" = {fmt.montant(self.montant_centimes)}" if self.montant_centimes is not None else ""
        return f"{self.libelle} : {self.detail}{suffixe}"


@dataclass
class ResultatFormule:
    enveloppe_centimes: int
    brut_centimes: int
    composantes_centimes: list[int]
    declenche: bool
    plafond_accord_centimes: int | None
    plafond_legal_centimes: int | None
    determinant: str
    etapes: list[Etape] = field(default_factory=list)

    @property
    def explication(self) -> str:
        return "\n".join(str(e) for e in self.etapes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "enveloppe_centimes": self.enveloppe_centimes,
            "brut_centimes": self.brut_centimes,
            "composantes_centimes": self.composantes_centimes,
            "declenche": self.declenche,
            "plafond_accord_centimes": self.plafond_accord_centimes,
            "plafond_legal_centimes": self.plafond_legal_centimes,
            "determinant": self.determinant,
            "etapes": [str(e) for e in self.etapes],
        }


# ---------------------------------------------------------------------------------------------- composantes


class _Contexte:
    def __init__(self, ops: Any, valeurs: Mapping[str, Any], precedentes: Mapping[str, Any] | None,
                 masse: Any, periode: int, etapes: list[Etape] | None, unites: Mapping[str, str] | None = None):
        self.ops = ops
        self.unites = unites or {}
        self.valeurs = valeurs
        self.precedentes = precedentes or {}
        self.masse = masse
        self.periode = periode
        self.etapes = etapes

    def valeur(self, code: str, precedente: bool = False) -> Any:
        source = self.precedentes if precedente else self.valeurs
        if code not in source:
            quand = "de la période précédente" if precedente else "de la période"
            raise ErreurEntree(f"Valeur {quand} manquante pour l'indicateur « {code} ».")
        return self.ops.nombre(source[code])

    def affiche(self, code: str, v: Any) -> str:
        """Une valeur d'indicateur dans son unité : montant, pourcentage ou nombre."""
        unite = self.unites.get(code, "centimes")
        if unite == "centimes":
            return fmt.montant(v)
        return fmt.nombre(v) + ("\u00a0%" if unite == "pourcentage" else "")

    def note(self, libelle: str, detail: str, montant: Any = None) -> None:
        if self.etapes is not None:
            self.etapes.append(Etape(libelle, detail, None if montant is None else int(self.ops.plancher(montant))))


def _part_resultat(c: PartResultat, ctx: _Contexte) -> Any:
    ops = ctx.ops
    r = ctx.valeur(c.indicateur)
    if c.tranches:
        total = ops.nombre(0) * r
        bornes = [t.plancher_centimes for t in c.tranches[1:]] + [None]
        morceaux = []
        for t, haut in zip(c.tranches, bornes, strict=True):
            bas = ops.nombre(t.plancher_centimes)
            part = ops.maximum(r - bas, ops.nombre(0) * r)
            if haut is not None:
                part = ops.minimum(part, ops.nombre(haut) - bas)
            total = total + ops.nombre(t.taux) * part
            morceaux.append(f"{fmt.pourcentage(t.taux)} au-delà de {fmt.montant(t.plancher_centimes)}")
        if not ops.vectoriel:
            ctx.note(f"Part de « {c.indicateur} » par tranches",
                     f"{'; '.join(morceaux)} ; valeur {ctx.affiche(c.indicateur, r)}", total)
        return total
    seuil = ops.nombre(c.seuil_centimes)
    montant = ops.nombre(c.taux) * ops.maximum(r - seuil, ops.nombre(0) * r)
    if not ops.vectoriel:
        ctx.note(f"Part de « {c.indicateur} »",
                 f"{fmt.pourcentage(c.taux)} × max(0 ; {ctx.affiche(c.indicateur, r)} − {fmt.montant(c.seuil_centimes)})", montant)
    return montant


def croissance(valeur: Any, precedente: Any, ops: Any = _OpsDecimal) -> Any:
    """Croissance relative (V − V₋₁) / |V₋₁| ; nulle quand V₋₁ = 0 (pas de base de comparaison)."""
    if ops.vectoriel:
        return ops.croissance(valeur, precedente)
    if precedente == 0:
        return None
    return (valeur - precedente) / abs(precedente)


def _paliers(c: PaliersCroissance, ctx: _Contexte) -> Any:
    ops = ctx.ops
    v = ctx.valeur(c.indicateur)
    v1 = ctx.valeur(c.indicateur, precedente=True)
    g = croissance(v, v1, ops)
    if ops.vectoriel:
        taux = ops.zeros(v, v1)
        for p in c.paliers:
            taux = ops.si(g >= float(p.croissance_min), float(p.taux_masse_salariale), taux)
        return taux * ctx.masse
    taux = Decimal(0)
    if g is not None:
        for p in c.paliers:
            if g >= p.croissance_min:
                taux = p.taux_masse_salariale
    montant = taux * ctx.masse
    texte_g = "non calculable (valeur précédente nulle)" if g is None else fmt.pourcentage(g)
    ctx.note(f"Paliers de croissance de « {c.indicateur} »",
             f"croissance {texte_g} ({ctx.affiche(c.indicateur, v1)} → {ctx.affiche(c.indicateur, v)}) ; "
             f"taux retenu {fmt.pourcentage(taux)} de la masse salariale {fmt.montant(ctx.masse)}", montant)
    return montant


def atteinte(o: Objectif, v: Any, periode: int, ops: Any = _OpsDecimal) -> Any:
    """Taux d'atteinte d'un objectif : 0 sous le déclenchement, 1 à la cible, linéaire ou par paliers entre."""
    declenchement, cible = o.seuils(periode)
    d, c = ops.nombre(declenchement), ops.nombre(cible)
    a = (v - d) / (c - d)
    zero = ops.nombre(0) * v
    a = ops.minimum(ops.maximum(a, zero), zero + 1)
    if o.progression == "paliers":
        n = ops.nombre(o.nombre_paliers)
        a = ops.plancher(a * n) / n
    return a


def _objectifs(c: Objectifs, ctx: _Contexte) -> Any:
    ops = ctx.ops
    total = None
    for o in c.objectifs:
        v = ctx.valeur(o.indicateur)
        a = atteinte(o, v, ctx.periode, ops)
        contribution = ops.nombre(o.poids) * a
        total = contribution if total is None else total + contribution
        if not ops.vectoriel:
            declenchement, cible = o.seuils(ctx.periode)
            ctx.note(f"Objectif « {o.nom} »",
                     f"valeur {ctx.affiche(o.indicateur, v)}, déclenchement {ctx.affiche(o.indicateur, declenchement)}, "
                     f"cible {ctx.affiche(o.indicateur, cible)} "
                     f"→ atteinte {fmt.pourcentage(a)} × poids {fmt.pourcentage(o.poids)}")
    montant = ops.nombre(c.budget_taux_masse_salariale) * ctx.masse * total
    if not ops.vectoriel:
        ctx.note("Objectifs", f"budget {fmt.pourcentage(c.budget_taux_masse_salariale)} de la masse salariale "
                 f"{fmt.montant(ctx.masse)} × atteinte pondérée {fmt.pourcentage(total)}", montant)
    return montant


def _pourcentage_ms(c: PourcentageMasseSalariale, ctx: _Contexte) -> Any:
    montant = ctx.ops.nombre(c.taux) * ctx.masse
    ctx.note("Pourcentage de la masse salariale", f"{fmt.pourcentage(c.taux)} × {fmt.montant(ctx.masse)}", montant) \
        if not ctx.ops.vectoriel else None
    return montant


def _montant_fixe(c: MontantFixe, ctx: _Contexte) -> Any:
    if not ctx.ops.vectoriel:
        ctx.note("Montant fixe", "versé quel que soit le résultat", Decimal(c.montant_centimes))
    return ctx.ops.nombre(c.montant_centimes) + ctx.masse * 0


_COMPOSANTES: dict[type, Callable[[Any, _Contexte], Any]] = {
    PartResultat: _part_resultat,
    PaliersCroissance: _paliers,
    Objectifs: _objectifs,
    PourcentageMasseSalariale: _pourcentage_ms,
    MontantFixe: _montant_fixe,
}


def _plafond_accord(formule: Formule, ctx: _Contexte) -> Any:
    p = formule.plafond
    if p is None:
        return None
    ops = ctx.ops
    plafonds = []
    if p.taux_masse_salariale is not None:
        plafonds.append(ops.nombre(p.taux_masse_salariale) * ctx.masse)
    if p.taux_indicateur is not None and p.indicateur is not None:
        r = ctx.valeur(p.indicateur)
        plafonds.append(ops.nombre(p.taux_indicateur) * ops.maximum(r, ops.nombre(0) * r))
    if p.montant_centimes is not None:
        plafonds.append(ops.nombre(p.montant_centimes) + ctx.masse * 0)
    if not plafonds:
        return None
    resultat = plafonds[0]
    for autre in plafonds[1:]:
        resultat = ops.minimum(resultat, autre)
    return resultat


# ------------------------------------------------------------------------------------------------ évaluation


def taux_plafond_global(d: date) -> Decimal:
    return parametres.value_at("plafond_global_taux", d)


def plafond_legal_centimes(masse_salariale_centimes: int, remuneration_dirigeants_centimes: int, d: date) -> int:
    """20 % de la masse salariale brute (+ rémunérations imposables N-1 des dirigeants bénéficiaires)."""
    base = Decimal(masse_salariale_centimes + remuneration_dirigeants_centimes)
    return int((taux_plafond_global(d) * base).to_integral_value(rounding=ROUND_FLOOR))


def evaluer(
    formule: Formule,
    valeurs: Mapping[str, Any],
    masse_salariale_centimes: int,
    *,
    valeurs_precedentes: Mapping[str, Any] | None = None,
    periode: int = 1,
    date_reference: date | None = None,
    remuneration_dirigeants_centimes: int = 0,
    unites: Mapping[str, str] | None = None,
    plafond_legal_impose_centimes: int | None = None,
) -> ResultatFormule:
    """Enveloppe exacte d'une période, en centimes (arrondie au centime inférieur), avec son explication.

    ``date_reference`` (la fin de la période) fixe le taux du plafond légal ; sans elle, le plafond légal
    n'est pas appliqué (et l'explication le dit). ``plafond_legal_impose_centimes`` remplace le plafond calculé
    sur la masse de la période (plafond annuel restant d'un exercice découpé en périodes infra-annuelles).
    """
    etapes: list[Etape] = []
    masse = Decimal(masse_salariale_centimes)
    ctx = _Contexte(_OpsDecimal, valeurs, valeurs_precedentes, masse, periode, etapes, unites)
    montants = [_COMPOSANTES[type(c)](c, ctx) for c in formule.composantes]
    brut = sum(montants, Decimal(0))
    composantes_centimes = [int(m.to_integral_value(rounding=ROUND_FLOOR)) for m in montants]
    if len(montants) > 1:
        ctx.note("Somme des composantes", " + ".join(fmt.montant(m) for m in composantes_centimes), brut)
    determinant = "formule"
    enveloppe = brut
    declenche = True
    for dcl in formule.declencheurs:
        v = ctx.valeur(dcl.indicateur)
        ok = _COMPARAISONS[dcl.operateur](v, dcl.valeur)
        ctx.note(f"Déclencheur « {dcl.indicateur} {dcl.operateur} {ctx.affiche(dcl.indicateur, dcl.valeur)} »",
                 f"valeur {ctx.affiche(dcl.indicateur, v)} : {'atteint' if ok else 'non atteint, enveloppe nulle'}")
        declenche = declenche and ok
    if not declenche:
        enveloppe = Decimal(0)
        determinant = "déclencheur non atteint"
    elif brut == 0:
        determinant = "seuil ou objectifs non atteints"
    if formule.plancher_centimes is not None and enveloppe < formule.plancher_centimes:
        enveloppe = Decimal(formule.plancher_centimes)
        determinant = "plancher (interdit)"
        ctx.note("Plancher", "minimum garanti par l'accord (contraire au caractère aléatoire)", enveloppe)
    plafond = _plafond_accord(formule, ctx)
    plafond_accord = None if plafond is None else int(plafond.to_integral_value(rounding=ROUND_FLOOR))
    if plafond is not None:
        atteint = enveloppe > plafond
        if atteint:
            enveloppe = plafond
            determinant = "plafond de l'accord"
        ctx.note("Plafond de l'accord", f"{fmt.montant(plafond_accord)} ({'atteint' if atteint else 'non atteint'})")
    legal = None
    if date_reference is not None:
        if plafond_legal_impose_centimes is None:
            legal = plafond_legal_centimes(masse_salariale_centimes, remuneration_dirigeants_centimes, date_reference)
            detail = (f"{fmt.pourcentage(taux_plafond_global(date_reference))} × "
                      f"{fmt.montant(masse_salariale_centimes + remuneration_dirigeants_centimes)} = {fmt.montant(legal)}")
        else:
            legal = plafond_legal_impose_centimes
            detail = f"reste du plafond annuel de l'exercice : {fmt.montant(legal)}"
        atteint = enveloppe > legal
        if atteint:
            enveloppe = Decimal(legal)
            determinant = "plafond légal de 20 %"
        ctx.note("Plafond légal (art. L3314-8)", f"{detail} ({'atteint' if atteint else 'non atteint'})")
    final = int(enveloppe.to_integral_value(rounding=ROUND_FLOOR))
    etapes.append(Etape("Enveloppe de la période", f"déterminée par : {determinant}", final))
    return ResultatFormule(final, int(brut.to_integral_value(rounding=ROUND_FLOOR)), composantes_centimes,
                           declenche, plafond_accord, legal, determinant, etapes)


@dataclass
class ResultatVecteurs:
    enveloppe: np.ndarray  # centimes (float64, arrondis au centime inférieur)
    brut: np.ndarray
    declenche: np.ndarray
    plafond_accord_atteint: np.ndarray
    plafond_legal_atteint: np.ndarray


def evaluer_vecteurs(
    formule: Formule,
    valeurs: Mapping[str, np.ndarray],
    masse_salariale_centimes: np.ndarray | float,
    *,
    valeurs_precedentes: Mapping[str, np.ndarray] | None = None,
    periode: int = 1,
    taux_plafond_legal: Decimal | None = None,
    remuneration_dirigeants_centimes: np.ndarray | float = 0.0,
) -> ResultatVecteurs:
    """Même formule, sur des vecteurs de scénarios (float64). Pour le Monte-Carlo et le back-test."""
    masse = np.asarray(masse_salariale_centimes, dtype=np.float64)
    ctx = _Contexte(_OpsNumpy, {k: np.asarray(v, dtype=np.float64) for k, v in valeurs.items()},
                    {k: np.asarray(v, dtype=np.float64) for k, v in (valeurs_precedentes or {}).items()},
                    masse, periode, None)
    brut = None
    for c in formule.composantes:
        m = _COMPOSANTES[type(c)](c, ctx)
        brut = m if brut is None else brut + m
    forme = np.broadcast(brut, masse).shape
    brut = np.broadcast_to(brut, forme).astype(np.float64)
    declenche = np.ones(forme, dtype=bool)
    for dcl in formule.declencheurs:
        declenche &= _COMPARAISONS[dcl.operateur](ctx.valeur(dcl.indicateur), float(dcl.valeur))
    enveloppe = np.where(declenche, brut, 0.0)
    if formule.plancher_centimes is not None:
        enveloppe = np.maximum(enveloppe, float(formule.plancher_centimes))
    plafond = _plafond_accord(formule, ctx)
    plafond_atteint = np.zeros(forme, dtype=bool)
    if plafond is not None:
        plafond_atteint = enveloppe > plafond
        enveloppe = np.minimum(enveloppe, plafond)
    legal_atteint = np.zeros(forme, dtype=bool)
    if taux_plafond_legal is not None:
        legal = float(taux_plafond_legal) * (masse + np.asarray(remuneration_dirigeants_centimes, dtype=np.float64))
        legal_atteint = enveloppe > legal
        enveloppe = np.minimum(enveloppe, legal)
    return ResultatVecteurs(np.floor(enveloppe + 1e-6), brut, declenche, plafond_atteint, legal_atteint)


def enveloppe_flottante(
    formule: Formule,
    valeurs: Mapping[str, float],
    masse_salariale_centimes: float,
    *,
    valeurs_precedentes: Mapping[str, float] | None = None,
    periode: int = 1,
) -> float:
    """L'enveloppe d'un seul scénario, sans plafond légal : exactement ``evaluer_vecteurs(...).enveloppe`` pour ce
    scénario (mêmes opérations float64, dans le même ordre ; tests/test_formules.py le vérifie), sans numpy.
    ``ZeroDivisionError`` si une division par zéro survient (numpy rendrait un infini) : utiliser alors
    ``evaluer_vecteurs``."""
    masse = float(masse_salariale_centimes)
    ctx = _Contexte(_OpsFlottant, {k: float(v) for k, v in valeurs.items()},
                    {k: float(v) for k, v in (valeurs_precedentes or {}).items()}, masse, periode, None)
    if not formule.composantes:
        raise ZeroDivisionError("formule sans composante : voir evaluer_vecteurs")
    brut = None
    for c in formule.composantes:
        m = _COMPOSANTES[type(c)](c, ctx)
        brut = m if brut is None else brut + m
    brut = float(brut)
    declenche = True
    for dcl in formule.declencheurs:  # chaque déclencheur lu, comme numpy (une valeur manquante lève)
        atteint = bool(_COMPARAISONS[dcl.operateur](ctx.valeur(dcl.indicateur), float(dcl.valeur)))
        declenche = declenche and atteint
    enveloppe = brut if declenche else 0.0
    if formule.plancher_centimes is not None:
        enveloppe = _OpsFlottant.maximum(enveloppe, float(formule.plancher_centimes))
    plafond = _plafond_accord(formule, ctx)
    if plafond is not None:
        enveloppe = _OpsFlottant.minimum(enveloppe, plafond)
    return float(math.floor(enveloppe + 1e-6))


def evaluer_periode(
    accord: Any,
    valeurs: Mapping[str, Any],
    masse_salariale_centimes: int,
    *,
    valeurs_precedentes: Mapping[str, Any] | None = None,
    periode: int = 1,
    remuneration_dirigeants_centimes: int = 0,
    plafond_legal_impose_centimes: int | None = None,
) -> ResultatFormule:
    """L'enveloppe d'une période de l'accord, plafond légal daté à la fin de cette période."""
    periodes = accord.periodes()
    if not 1 <= periode <= len(periodes):
        raise ErreurEntree(f"Période {periode} inexistante : l'accord compte {len(periodes)} période(s) de calcul.")
    return evaluer(
        accord.formule,
        valeurs,
        masse_salariale_centimes,
        valeurs_precedentes=valeurs_precedentes,
        periode=periode,
        date_reference=periodes[periode - 1].fin,
        remuneration_dirigeants_centimes=remuneration_dirigeants_centimes if accord.beneficiaires.dirigeants_inclus else 0,
        unites={i.code: i.unite for i in accord.indicateurs},
        plafond_legal_impose_centimes=plafond_legal_impose_centimes,
    )
