"""Vue « coût » : 1 000 € à 30 et à 300 salariés vérifiés à la main, seuil du forfait social, exonération
d'impôt, paramètres datés, approximations dites, version vectorielle identique."""

from datetime import date

import numpy as np
import pytest
from chemins import EXEMPLES
from hypothesis import given
from hypothesis import strategies as st

from interessement import parametres
from interessement.erreurs import ErreurEntree
from interessement.modele import charger_accord
from interessement.simulation import cout, cout_scenarios

FIN_2026 = date(2026, 12, 31)


@pytest.fixture(scope="module")
def accord():
    return charger_accord(EXEMPLES / "sas-30-part-resultat.json")


def montants(chiffrage) -> tuple:
    return (chiffrage.brut_centimes, chiffrage.charges_employeur_centimes, chiffrage.cout_employeur_centimes,
            chiffrage.csg_centimes, chiffrage.crds_centimes, chiffrage.autres_cotisations_salariales_centimes,
            chiffrage.net_salarie_centimes, chiffrage.imposable_centimes)


def test_mille_euros_a_30_salaries(accord):
    v = cout(accord, 100_000, effectif=30, date=FIN_2026)
    # Intéressement : pas de forfait social sous 250 salariés ; CSG 9,2 % et CRDS 0,5 % sur 100 % du brut.
    # Placé : exonéré d'impôt (1 000 € ≤ 75 % du PASS 2026 = 36 045 €). Perçu : 1 000 − 6,8 % de CSG déductible.
    assert montants(v.interessement_place) == (100_000, 0, 100_000, 9_200, 500, 0, 90_300, 0)
    assert montants(v.interessement_percu) == (100_000, 0, 100_000, 9_200, 500, 0, 90_300, 93_200)
    # Prime ordinaire (approximation) : patronales 42 % = 420 € ; CSG 9,2 % × 98,25 % = 90,39 € ;
    # CRDS 0,5 % × 98,25 % = 4,9125 → 4,91 € ; salariales 22 % = 220 € dont autres 220 − 90,39 − 4,91 = 124,70 € ;
    # net 780 € ; imposable 1 000 − 124,70 − 6,8 % × 982,50 (66,81) = 808,49 €.
    assert montants(v.prime_ordinaire) == (100_000, 42_000, 142_000, 9_039, 491, 12_470, 78_000, 80_849)
    assert v.forfait_social_taux == 0
    assert v.plafond_exoneration_impot_centimes == 3_604_500
    assert v.economie_employeur_centimes == 42_000
    assert v.gain_net_salarie_centimes == 12_300


def test_mille_euros_a_300_salaries(accord):
    v = cout(accord, 100_000, effectif=300, date=FIN_2026)
    # Forfait social de 20 % à partir de 250 salariés : 200 €.
    assert montants(v.interessement_place) == (100_000, 20_000, 120_000, 9_200, 500, 0, 90_300, 0)
    assert montants(v.prime_ordinaire) == (100_000, 42_000, 142_000, 9_039, 491, 12_470, 78_000, 80_849)
    assert str(v.forfait_social_taux) == "0.20"
    assert v.economie_employeur_centimes == 22_000


@pytest.mark.parametrize(("effectif", "forfait"), [(0, 0), (249, 0), (250, 20_000), (10_000, 20_000)])
def test_seuil_du_forfait_social(accord, effectif, forfait):
    assert cout(accord, 100_000, effectif=effectif, date=FIN_2026).interessement_place.charges_employeur_centimes \
        == forfait


def test_exoneration_plafonnee_et_datee(accord):
    v = cout(accord, 4_000_000, date=FIN_2026)
    # 40 000 € placés : 36 045 € exonérés ; excédent 3 955 € imposable, moins 6,8 % de CSG déductible (268,94 €).
    assert v.interessement_place.imposable_centimes == 395_500 - 26_894
    # Avant la loi PACTE (24 mai 2019) : la moitié du PASS 2019 (40 524 €).
    assert cout(accord, 100_000, date=date(2019, 3, 1)).plafond_exoneration_impot_centimes == 2_026_200
    assert cout(accord, 100_000, date=date(2019, 6, 1)).plafond_exoneration_impot_centimes == 3_039_300


def test_arrondi_au_centime_inferieur(accord):
    v = cout(accord, 1_999, effectif=300, date=FIN_2026)
    # 19,99 € : CSG 1,83908 → 1,83 € ; CRDS 0,09995 → 0,09 € ; forfait 3,998 → 3,99 €.
    assert (v.interessement_place.csg_centimes, v.interessement_place.crds_centimes,
            v.interessement_place.charges_employeur_centimes) == (183, 9, 399)
    assert v.interessement_place.net_salarie_centimes == 1_999 - 183 - 9
    assert any("centime inférieur" in n for n in v.notes)


def test_approximations_dites_et_parametres_references(accord):
    v = cout(accord, 100_000)
    assert v.date == FIN_2026 and v.effectif == 30  # par défaut : première période et effectif de l'accord
    assert v.prime_ordinaire.approximation and "approximation" in v.prime_ordinaire.libelle
    assert not v.interessement_place.approximation
    noms = {p["nom"] for p in v.parametres_utilises}
    assert {"csg_taux", "crds_taux", "forfait_social_taux_a_partir_seuil", "forfait_social_seuil_effectif",
            "exoneration_impot_plafond_taux_pass", "cotisations_patronales_taux_approx",
            "cotisations_salariales_taux_approx", "csg_assiette_salaire_taux", "csg_deductible_taux",
            parametres.PASS} <= noms
    assert all(p["reference"] for p in v.parametres_utilises)
    texte = v.texte()
    assert "Prime ordinaire (approximation)" in texte and "1\u00a0000,00\u00a0€" in texte
    d = v.to_dict()
    assert d["prime_ordinaire"]["approximation"] is True and d["economie_employeur_centimes"] == 42_000


def test_hors_periode_modelisee(accord):
    with pytest.raises(parametres.HorsPeriodeModelisee):
        cout(accord, 100_000, date=date(2027, 6, 30))
    with pytest.raises(parametres.HorsPeriodeModelisee):
        cout(accord, 100_000, date=date(2018, 12, 31))


@pytest.mark.parametrize("montant", [-1, 1.5, True, "100"])
def test_montant_invalide(accord, montant):
    with pytest.raises(ErreurEntree, match="montant brut"):
        cout(accord, montant)


def test_effectif_ou_date_manquants():
    with pytest.raises(ErreurEntree, match="effectif"):
        cout(None, 100, date=FIN_2026)
    with pytest.raises(ErreurEntree, match="date"):
        cout(None, 100, effectif=3)
    with pytest.raises(ErreurEntree, match="effectif"):
        cout(None, 100, effectif=-1, date=FIN_2026)
    assert cout(None, 100_000, effectif=30, date=FIN_2026).interessement_place.net_salarie_centimes == 90_300


@given(st.lists(st.integers(0, 10_000_000_000), min_size=1, max_size=20), st.sampled_from([5, 249, 250, 5_000]))
def test_vectoriel_identique_et_coherent(accord_montants, effectif):
    a = charger_accord(EXEMPLES / "sas-30-part-resultat.json")
    tableau = cout_scenarios(a, np.asarray(accord_montants, dtype=np.float64), effectif=effectif, date=FIN_2026)
    for i, m in enumerate(accord_montants):
        v = cout(a, m, effectif=effectif, date=FIN_2026)
        for prefixe, c in (("place", v.interessement_place), ("percu", v.interessement_percu),
                           ("prime", v.prime_ordinaire)):
            assert tableau[f"{prefixe}_net_salarie"][i] == c.net_salarie_centimes
            assert tableau[f"{prefixe}_cout_employeur"][i] == c.cout_employeur_centimes
            assert tableau[f"{prefixe}_imposable"][i] == c.imposable_centimes
            assert c.brut_centimes == (c.net_salarie_centimes + c.csg_centimes + c.crds_centimes
                                       + c.autres_cotisations_salariales_centimes)
            assert c.cout_employeur_centimes == c.brut_centimes + c.charges_employeur_centimes
            assert 0 <= c.imposable_centimes <= c.brut_centimes
            assert c.net_salarie_centimes >= 0
        # L'intéressement coûte moins cher à l'employeur et rapporte plus au salarié qu'une prime ordinaire.
        assert v.economie_employeur_centimes >= 0 and v.gain_net_salarie_centimes >= 0


def test_cout_scenarios_refuse_un_montant_negatif(accord):
    with pytest.raises(ErreurEntree, match="positifs"):
        cout_scenarios(accord, np.array([-100.0]))
