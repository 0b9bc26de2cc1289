"""Moteur de formules : exemples chiffrés de REGLES.md §3 et valeurs limites de chaque composante."""

from datetime import date
from decimal import Decimal

import numpy as np
import pytest

from interessement.erreurs import ErreurEntree
from interessement.formules import atteinte, evaluer, evaluer_vecteurs
from interessement.modele import Formule, Objectif


def F(**donnees) -> Formule:
    return Formule.model_validate(donnees)


PART_RCAI = F(composantes=[{"type": "part_resultat", "indicateur": "rcai", "taux": 0.2, "seuil_centimes": 5_000_000}])
PALIERS = F(
    composantes=[{"type": "paliers_croissance", "indicateur": "ca", "paliers": [
        {"croissance_min": 0.04, "taux_masse_salariale": 0.01},
        {"croissance_min": 0.08, "taux_masse_salariale": 0.015}]}],
    declencheurs=[{"indicateur": "re", "operateur": ">", "valeur": 0}],
)


def test_exemple_part_du_rcai():
    # REGLES §3 : 20 % × (RCAI − 50 000) avec RCAI = 180 000 → I = 26 000 €.
    r = evaluer(PART_RCAI, {"rcai": 18_000_000}, 100_000_000)
    assert r.enveloppe_centimes == 2_600_000
    assert r.determinant == "formule"
    assert "20" in r.explication


@pytest.mark.parametrize(("rcai", "attendu"), [(5_000_000, 0), (5_000_001, 0), (5_000_005, 1), (4_999_999, 0)])
def test_part_du_rcai_au_seuil(rcai, attendu):
    assert evaluer(PART_RCAI, {"rcai": rcai}, 100_000_000).enveloppe_centimes == attendu


def test_exemple_paliers_avec_declencheur():
    # REGLES §3 : croissance 5,2 % → 1 % de 1 200 000 € = 12 000 € ; avec RE = −5 000 € → 0.
    valeurs = {"ca": 105_200_000, "re": 4_000_000}
    r = evaluer(PALIERS, valeurs, 120_000_000, valeurs_precedentes={"ca": 100_000_000})
    assert r.enveloppe_centimes == 1_200_000
    r = evaluer(PALIERS, {"ca": 105_200_000, "re": -500_000}, 120_000_000, valeurs_precedentes={"ca": 100_000_000})
    assert r.enveloppe_centimes == 0
    assert r.declenche is False
    assert r.determinant == "déclencheur non atteint"


@pytest.mark.parametrize(("ca", "taux"), [(103_999_999, 0), (104_000_000, Decimal("0.01")),
                                           (107_999_999, Decimal("0.01")), (108_000_000, Decimal("0.015"))])
def test_paliers_aux_bornes(ca, taux):
    r = evaluer(PALIERS, {"ca": ca, "re": 1}, 120_000_000, valeurs_precedentes={"ca": 100_000_000})
    assert r.enveloppe_centimes == int(taux * 120_000_000)


def test_paliers_sans_base_precedente_ne_versent_rien():
    r = evaluer(PALIERS, {"ca": 10, "re": 1}, 120_000_000, valeurs_precedentes={"ca": 0})
    assert r.enveloppe_centimes == 0


def test_tranches():
    f = F(composantes=[{"type": "part_resultat", "indicateur": "r", "tranches": [
        {"plancher_centimes": 1_000_000, "taux": 0.1}, {"plancher_centimes": 3_000_000, "taux": 0.2}]}])
    # 10 % de 20 000 € (de 10 000 à 30 000) + 20 % de 10 000 € (au-delà de 30 000) = 2 000 + 2 000
    assert evaluer(f, {"r": 4_000_000}, 0).enveloppe_centimes == 400_000
    assert evaluer(f, {"r": 900_000}, 0).enveloppe_centimes == 0
    assert evaluer(f, {"r": 2_000_000}, 0).enveloppe_centimes == 100_000


def _objectif(**k):
    base = {"nom": "o", "indicateur": "x", "poids": 1, "declenchement": 90, "cible": 100}
    return Objectif.model_validate({**base, **k})


@pytest.mark.parametrize(("v", "a"), [(89, 0), (90, 0), (95, Decimal("0.5")), (100, 1), (120, 1)])
def test_atteinte_lineaire_hausse(v, a):
    assert atteinte(_objectif(), Decimal(v), 1) == a


@pytest.mark.parametrize(("v", "a"), [(20, 0), (18, 0), (14, Decimal("0.5")), (10, 1), (5, 1)])
def test_atteinte_lineaire_baisse(v, a):
    assert atteinte(_objectif(sens="baisse", declenchement=18, cible=10), Decimal(v), 1) == a


def test_atteinte_par_paliers():
    o = _objectif(progression="paliers", nombre_paliers=4)
    assert atteinte(o, Decimal("97.6"), 1) == Decimal("0.75")
    assert atteinte(o, Decimal("97.4"), 1) == Decimal("0.5")
    assert atteinte(o, Decimal("92.4"), 1) == Decimal("0")


def test_seuils_par_periode():
    o = _objectif(par_periode=[{"periode": 2, "declenchement": 95, "cible": 105}])
    assert atteinte(o, Decimal(95), 1) == Decimal("0.5")
    assert atteinte(o, Decimal(95), 2) == 0


def test_objectifs_budget_et_poids():
    f = F(composantes=[{"type": "objectifs", "budget_taux_masse_salariale": 0.03, "objectifs": [
        {"nom": "a", "indicateur": "a", "poids": 0.6, "declenchement": 0, "cible": 10},
        {"nom": "b", "indicateur": "b", "poids": 0.4, "sens": "baisse", "declenchement": 10, "cible": 0}]}])
    r = evaluer(f, {"a": 5, "b": 0}, 100_000_000)
    # 3 % × 1 000 000 € × (0,6 × 0,5 + 0,4 × 1) = 21 000 €
    assert r.enveloppe_centimes == 2_100_000


def test_plafond_accord_et_plafond_legal():
    f = F(composantes=[{"type": "part_resultat", "indicateur": "r", "taux": 0.5}],
          plafond={"taux_masse_salariale": 0.05})
    r = evaluer(f, {"r": 100_000_000}, 100_000_000, date_reference=date(2026, 12, 31))
    assert r.enveloppe_centimes == 5_000_000 and r.determinant == "plafond de l'accord"
    f = F(composantes=[{"type": "part_resultat", "indicateur": "r", "taux": 0.5}])
    r = evaluer(f, {"r": 100_000_000}, 100_000_000, date_reference=date(2026, 12, 31))
    assert r.enveloppe_centimes == 20_000_000 and r.determinant == "plafond légal de 20 %"
    r = evaluer(f, {"r": 40_000_000}, 100_000_000, date_reference=date(2026, 12, 31))
    assert r.enveloppe_centimes == 20_000_000  # exactement au plafond
    r = evaluer(f, {"r": 39_999_998}, 100_000_000, date_reference=date(2026, 12, 31))
    assert r.enveloppe_centimes == 19_999_999


def test_plancher_et_montant_fixe_calcules_tels_qu_ecrits():
    f = F(composantes=[{"type": "part_resultat", "indicateur": "r", "taux": 0.1, "seuil_centimes": 100}],
          plancher_centimes=50_000)
    assert evaluer(f, {"r": 0}, 0).enveloppe_centimes == 50_000
    f = F(composantes=[{"type": "montant_fixe", "montant_centimes": 123}])
    assert evaluer(f, {}, 0).enveloppe_centimes == 123


def test_valeur_manquante_message_francais():
    with pytest.raises(ErreurEntree, match="rcai"):
        evaluer(PART_RCAI, {}, 0)


def test_vecteurs_identiques_au_calcul_exact():
    rng = np.random.default_rng(3)
    rcai = rng.normal(10_000_000, 8_000_000, 500).round()
    ca = rng.normal(100_000_000, 8_000_000, 500).round()
    re = rng.normal(1_000_000, 2_000_000, 500).round()
    v = evaluer_vecteurs(PART_RCAI, {"rcai": rcai}, 100_000_000, taux_plafond_legal=Decimal("0.2"))
    w = evaluer_vecteurs(PALIERS, {"ca": ca, "re": re}, 120_000_000, valeurs_precedentes={"ca": np.full(500, 1e8)})
    for i in range(500):
        exact = evaluer(PART_RCAI, {"rcai": int(rcai[i])}, 100_000_000, date_reference=date(2026, 12, 31))
        assert abs(v.enveloppe[i] - exact.enveloppe_centimes) <= 1
        exact = evaluer(PALIERS, {"ca": int(ca[i]), "re": int(re[i])}, 120_000_000,
                        valeurs_precedentes={"ca": 100_000_000})
        assert abs(w.enveloppe[i] - exact.enveloppe_centimes) <= 1


def test_montants_a_la_francaise_identiques_a_babel():
    from babel.numbers import format_decimal

    from interessement.format import montant

    for c in [0, 1, 99, 100, 123456, 3604500, -5, -123456789, 10**12 + 7]:
        attendu = format_decimal(Decimal(c) / 100, format="#,##0.00", locale="fr_FR").replace("\u202f", "\u00a0")
        assert montant(c) == attendu + "\u00a0€"
        assert montant(c, devise=False) == attendu
