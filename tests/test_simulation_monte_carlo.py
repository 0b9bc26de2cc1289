"""Monte-Carlo : propriétés (Hypothesis), cas analytiques (loi normale, queue calculée avec math.erf),
reproductibilité, choix de la méthode, chemins sur plusieurs périodes, historique insuffisant, rapidité."""

import json
import math

import numpy as np
import pytest
from chemins import EXEMPLES
from hypothesis import assume, given
from hypothesis import strategies as st

from interessement.bornes import MONTANT_MAX_CENTIMES
from interessement.erreurs import ErreurEntree
from interessement.modele import accord_depuis_dict, charger_accord
from interessement.simulation import (
    HistoriqueInsuffisant,
    ModeleVariations,
    ajuster_modele,
    monte_carlo,
    simuler,
)
from interessement.simulation.monte_carlo import (
    METHODE_BOOTSTRAP,
    METHODE_NORMALE,
    NIVEAUX_QUANTILES,
)

R = "resultat_courant_avant_impot"
EXEMPLES_ACCORDS = sorted(p for p in EXEMPLES.glob("*.json") if not p.name.endswith(".versement.json"))


def base() -> dict:
    return json.loads((EXEMPLES / "sas-30-part-resultat.json").read_text(encoding="utf-8"))


def accord(valeurs, masses=None, *, taux=0.2, seuil=10_000_000, plafond=None, fin=2025, effectif=None,
           autres=None):
    """L'accord de la SAS de 30 salariés (3 périodes annuelles 2026-2028) avec un historique donné."""
    d = base()
    n = len(valeurs)
    masses = masses if masses is not None else [100_000_000] * n
    d["historique"] = [
        {"periode": str(fin - n + 1 + i), "valeurs": {R: v, **((autres or {}).get(i, {}))},
         **({"masse_salariale_centimes": m} if m is not None else {})}
        for i, (v, m) in enumerate(zip(valeurs, masses, strict=True))
    ]
    d["formule"] = {"composantes": [{"type": "part_resultat", "indicateur": R, "taux": taux, "seuil_centimes": seuil}]}
    if plafond is not None:
        d["formule"]["plafond"] = {"taux_masse_salariale": plafond}
    if effectif is not None:
        d["entreprise"]["effectif"] = effectif
    return accord_depuis_dict(d)


def queue_normale(x: float, moyenne: float, ecart_type: float) -> float:
    """P(X > x) pour X ~ N(moyenne, ecart_type²)."""
    return 0.5 * (1 - math.erf((x - moyenne) / (ecart_type * math.sqrt(2))))


def verifier_coherence(r):
    assert 0 <= r.proba_versement <= 1 and r.proba_versement + r.proba_aucun_versement == pytest.approx(1)
    assert 0 <= r.proba_plafond_accord <= 1 and 0 <= r.proba_plafond_legal <= 1
    assert r.proba_au_moins_un_versement >= max(p.proba_versement for p in r.periodes) - 1e-12
    assert r.proba_versement == pytest.approx(np.mean([p.proba_versement for p in r.periodes]))
    for quantiles in [r.quantiles_enveloppe_centimes, r.quantiles_total_centimes,
                      *(p.quantiles_enveloppe_centimes for p in r.periodes),
                      *(p.quantiles_moyenne_beneficiaire_centimes for p in r.periodes)]:
        valeurs = [quantiles[n] for n in NIVEAUX_QUANTILES]
        assert valeurs == sorted(valeurs) and valeurs[0] >= 0
        assert all(isinstance(v, int) for v in valeurs)
    for p in r.periodes:
        assert 0 <= p.proba_versement <= 1 and 0 <= p.proba_aucun_versement <= 1
        assert 0 <= p.proba_plafond_accord <= 1 and 0 <= p.proba_plafond_legal <= 1
        # Une enveloppe nulle au 95e centile veut dire : pas de versement dans au moins 5 % des cas.
        if p.proba_versement < 0.05:
            assert p.quantiles_enveloppe_centimes[95] == 0


# ------------------------------------------------------------------------------------------- propriétés


@st.composite
def accords_aleatoires(draw):
    n = draw(st.integers(3, 8))
    positif = draw(st.booleans())
    bas = 1_000_000 if positif else -20_000_000
    valeurs = draw(st.lists(st.integers(bas, 50_000_000), min_size=n, max_size=n))
    masses = draw(st.lists(st.integers(50_000_000, 200_000_000), min_size=n, max_size=n))
    taux = draw(st.sampled_from([0.05, 0.2, 0.5, 0.9]))
    seuil = draw(st.integers(-10_000_000, 60_000_000))
    plafond = draw(st.sampled_from([None, 0.02, 0.08]))
    return accord(valeurs, masses, taux=taux, seuil=seuil, plafond=plafond)


@given(accords_aleatoires(), st.integers(0, 2**32), st.sampled_from([None, METHODE_BOOTSTRAP, METHODE_NORMALE]))
def test_probabilites_et_quantiles_coherents(a, graine, methode):
    r = monte_carlo(a, 400, graine, methode=methode)
    verifier_coherence(r)
    assert len(r.periodes) == 3
    assert r.methode_code == (methode or (METHODE_BOOTSTRAP if r.nb_variations >= 5 else METHODE_NORMALE))


@given(accords_aleatoires(), st.integers(0, 2**32))
def test_seuil_au_dela_de_tout_atteignable_jamais_de_versement(a, graine):
    # Bootstrap : les valeurs atteignables en 3 pas sont bornées par la plus forte variation observée.
    modele, _ = ajuster_modele(a, methode=METHODE_BOOTSTRAP)
    v0 = modele.dernieres_valeurs[0]
    z = max(modele.variations[:, 0].max(), 0.0)
    borne = v0 * math.exp(3 * z) if modele.relatives[0] else v0 + 3 * z
    d = a.model_dump(mode="json")
    seuil = int(math.ceil(abs(borne) * 1.001)) + 1_000
    assume(seuil <= MONTANT_MAX_CENTIMES)  # au-delà, un accord n'est plus recevable (montant démesuré, refusé)
    d["formule"]["composantes"][0]["seuil_centimes"] = seuil
    r = monte_carlo(accord_depuis_dict(d), 500, graine, methode=METHODE_BOOTSTRAP)
    assert r.proba_versement == 0 and r.proba_au_moins_un_versement == 0
    assert all(p.proba_versement == 0 and p.quantiles_enveloppe_centimes[95] == 0 for p in r.periodes)


@given(accords_aleatoires(), st.integers(0, 2**32))
def test_meme_graine_meme_resultat(a, graine):
    r1, r2 = monte_carlo(a, 300, graine), monte_carlo(a, 300, graine)
    assert r1.to_dict() == r2.to_dict()
    assert np.array_equal(r1.enveloppes_centimes, r2.enveloppes_centimes)


@pytest.mark.parametrize("chemin", EXEMPLES_ACCORDS, ids=lambda p: p.stem)
def test_graines_differentes_resultats_proches(chemin):
    a = charger_accord(chemin)
    n = 20_000
    r1, r2 = monte_carlo(a, n, 1), monte_carlo(a, n, 2)
    assert not np.array_equal(r1.enveloppes_centimes, r2.enveloppes_centimes)
    for p1, p2 in zip(r1.periodes, r2.periodes, strict=True):
        p = (p1.proba_versement + p2.proba_versement) / 2
        assert abs(p1.proba_versement - p2.proba_versement) <= 5 * math.sqrt(2 * p * (1 - p) / n) + 1e-9
    verifier_coherence(r1)


# ------------------------------------------------------------------------------------- cas analytiques


def test_loi_normale_ecarts_absolus_queue_exacte():
    # Un résultat qui change de signe : écarts absolus ; 3 variations (< 5) : loi normale.
    valeurs = [-2_000_000, 3_000_000, 1_000_000, 6_000_000]
    ecarts = np.diff(valeurs).astype(float)
    mu, sigma = ecarts.mean(), ecarts.std(ddof=1)
    seuil = 9_000_000
    a = accord(valeurs, seuil=seuil)
    n = 200_000
    r = monte_carlo(a, n, 7)
    assert r.methode_code == METHODE_NORMALE and r.nb_variations == 3
    assert "écarts absolus" in r.methodes_indicateurs[R] and "change de signe" in r.methodes_indicateurs[R]
    # Versement dès que 20 % × (R − seuil) atteint un centime : R ≥ seuil + 5 centimes.
    for k, p in enumerate(r.periodes, start=1):
        attendu = queue_normale(seuil + 5, valeurs[-1] + k * mu, sigma * math.sqrt(k))
        erreur_type = math.sqrt(attendu * (1 - attendu) / n)
        assert abs(p.proba_versement - attendu) <= 4 * erreur_type, (k, p.proba_versement, attendu)
        assert p.erreur_type == pytest.approx(erreur_type, rel=0.05)
    # 75e centile de la période 1 : 20 % × (R₇₅ − seuil), R ~ N(V0 + μ, σ²), R₇₅ = V0 + μ + z₀,₇₅ σ.
    z75 = 0.6744897501960817
    attendu = 0.2 * (valeurs[-1] + mu + z75 * sigma - seuil)
    assert r.periodes[0].quantiles_enveloppe_centimes[75] == pytest.approx(attendu, rel=0.03)


def test_loi_log_normale_injectee_directement():
    # Variation relative : log(V₁/V₀) ~ N(0,05 ; 0,2²) ; seuil 12 M centimes, V₀ = 10 M centimes.
    a = accord([10_000_000] * 3)
    modele = ModeleVariations.normal([R], [True], [10_000_000], [0.05], [[0.04]], derniere_masse=100_000_000)
    n = 200_000
    r = simuler(a, modele, n, 3)
    for k, p in enumerate(r.periodes, start=1):
        attendu = queue_normale(math.log((10_000_000 + 5) / 10_000_000), k * 0.05, 0.2 * math.sqrt(k))
        assert abs(p.proba_versement - attendu) <= 4 * math.sqrt(attendu * (1 - attendu) / n)


def test_covariance_du_modele_normal_respectee():
    cov = np.array([[0.04, 0.03], [0.03, 0.09]])
    modele = ModeleVariations.normal(["a", "b"], [True, False], [1.0, 1.0], [0.01, -0.02], cov)
    z = modele.tirer(np.random.default_rng(0), 200_000)
    assert np.allclose(np.cov(z), cov, atol=0.003)
    assert np.allclose(z.mean(axis=1), [0.01, -0.02], atol=0.003)


def test_covariance_empirique_de_l_historique():
    # Deux indicateurs liés : la loi normale ajustée garde leur covariance empirique (rang réduit compris).
    autres = {i: {"resultat_exploitation": v} for i, v in enumerate([100, 250, 180, 400])}
    a = accord([1_000_000, 2_500_000, 1_800_000, 4_000_000], autres=autres)
    d = a.model_dump(mode="json")
    d["formule"]["declencheurs"] = [{"indicateur": "resultat_exploitation", "operateur": ">", "valeur": 0}]
    a = accord_depuis_dict(d)
    modele, _ = ajuster_modele(a)
    assert modele.methode == METHODE_NORMALE
    attendue = np.cov(modele.variations, rowvar=False, ddof=1)
    assert np.allclose(modele.covariance, attendue)
    z = modele.tirer(np.random.default_rng(1), 100_000)
    assert np.allclose(np.cov(z), attendue, rtol=0.05, atol=1e-6)


def test_bootstrap_tire_des_annees_entieres():
    # B = 2 × A chaque année : les variations relatives sont identiques, elles doivent le rester.
    valeurs = [1_000_000, 1_300_000, 1_100_000, 1_500_000, 1_400_000, 1_900_000, 1_700_000]
    autres = {i: {"resultat_exploitation": 2 * v} for i, v in enumerate(valeurs)}
    d = accord(valeurs, autres=autres).model_dump(mode="json")
    d["formule"]["declencheurs"] = [{"indicateur": "resultat_exploitation", "operateur": ">", "valeur": 0}]
    a = accord_depuis_dict(d)
    modele, _ = ajuster_modele(a)
    assert modele.methode == METHODE_BOOTSTRAP and modele.nb_variations == 6
    z = modele.tirer(np.random.default_rng(0), 5_000)
    assert np.allclose(z[0], z[1])
    lignes_observees = {tuple(np.round(v, 12)) for v in modele.variations}
    assert {tuple(np.round(c, 12)) for c in z.T} <= lignes_observees
    r = monte_carlo(a, 2_000, 0)
    assert r.methode == "rééchantillonnage des variations observées (bootstrap)"
    assert "variations relatives, rééchantillonnées" == r.methodes_indicateurs[R]


# ---------------------------------------------------------------------------------------- modélisation


def test_exemples_methodes_et_periodes():
    r = monte_carlo(charger_accord(EXEMPLES / "selas-40-semestriel.json"), 2_000, 0)
    assert len(r.periodes) == 4 and r.pas_avant == 0
    assert [p.fin.isoformat() for p in r.periodes] == ["2026-06-30", "2026-12-31", "2027-06-30", "2027-12-31"]
    assert "2025-S2" in r.methode_detail
    r = monte_carlo(charger_accord(EXEMPLES / "sa-120-objectifs.json"), 2_000, 0)
    assert r.methodes_indicateurs["taux_livraison_heure"].startswith("écarts absolus")
    assert "(taux)" in r.methodes_indicateurs["taux_livraison_heure"]
    assert r.methodes_indicateurs["masse salariale"].startswith("variations relatives")


def test_pas_intermediaires_quand_l_historique_s_arrete_avant():
    a = accord([20_000_000, 22_000_000, 21_000_000, 25_000_000], fin=2023)
    r = monte_carlo(a, 1_000, 0)
    assert r.pas_avant == 2
    assert any("2 période(s) simulée(s)" in n for n in r.notes)
    a = accord([20_000_000, 22_000_000, 21_000_000, 25_000_000], fin=2026)
    r = monte_carlo(a, 1_000, 0)
    assert r.pas_avant == 0 and any("couvre déjà" in n for n in r.notes)


def test_historique_long_limite_aux_dix_dernieres_periodes():
    valeurs = [20_000_000 + 1_000_000 * (i % 4) for i in range(14)]
    r = monte_carlo(accord(valeurs), 1_000, 0)
    assert r.nb_variations == 9 and r.methode_code == METHODE_BOOTSTRAP
    assert any("4 plus ancienne(s) écartée(s)" in n for n in r.notes)


def test_historique_semestriel_pour_un_accord_annuel_dit():
    d = base()
    d["historique"] = [{"periode": p, "masse_salariale_centimes": 50_000_000, "valeurs": {R: v}}
                       for p, v in [("2024-S1", 9e6), ("2024-S2", 1e7), ("2025-S1", 1.1e7), ("2025-S2", 1.2e7)]]
    r = monte_carlo(accord_depuis_dict(d), 1_000, 0)
    assert any("par périodes de 6 mois" in n for n in r.notes)
    assert r.pas_avant == 1


def test_masse_salariale_incomplete_ou_absente():
    a = accord([20_000_000, 22_000_000, 21_000_000, 25_000_000], [100_000_000, None, 110_000_000, 120_000_000])
    r = monte_carlo(a, 1_000, 0)
    assert r.methodes_indicateurs["masse salariale"].startswith("constante")
    assert any("tenue constante" in n for n in r.notes)
    a = accord([20_000_000, 22_000_000, 21_000_000, 25_000_000], [None] * 4)
    r = monte_carlo(a, 1_000, 0)
    assert r.proba_plafond_legal == 0 and any("Masse salariale inconnue" in n for n in r.notes)
    a = accord([20_000_000, 22_000_000, 21_000_000, 25_000_000], [None] * 4, plafond=0.08)
    with pytest.raises(HistoriqueInsuffisant, match="masse salariale"):
        monte_carlo(a, 1_000, 0)


def test_plafonds_atteints():
    # 90 % d'un résultat bien supérieur à la masse salariale : le plafond légal de 20 % est presque sûr.
    a = accord([300_000_000, 320_000_000, 310_000_000, 330_000_000], taux=0.9, seuil=0)
    r = monte_carlo(a, 2_000, 0)
    assert r.proba_plafond_legal > 0.99 and r.proba_plafond_accord == 0
    assert r.periodes[0].quantiles_enveloppe_centimes[50] <= 0.2 * 130_000_000
    a = accord([300_000_000, 320_000_000, 310_000_000, 330_000_000], taux=0.9, seuil=0, plafond=0.08)
    r = monte_carlo(a, 2_000, 0)
    assert r.proba_plafond_accord > 0.99 and r.proba_plafond_legal == 0


def test_historique_insuffisant():
    with pytest.raises(HistoriqueInsuffisant, match="au moins 2"):
        monte_carlo(accord([1_000_000, 2_000_000]), 100)
    d = accord([1_000_000, 2_000_000, 3_000_000]).model_dump(mode="json")
    for i, annee in enumerate(("2019", "2021", "2023")):
        d["historique"][i]["periode"] = annee
    with pytest.raises(HistoriqueInsuffisant, match="0 variation"):
        monte_carlo(accord_depuis_dict(d), 100)
    d["historique"] = []
    with pytest.raises(HistoriqueInsuffisant, match="aucun historique"):
        monte_carlo(accord_depuis_dict(d), 100)
    d["historique"] = [{"periode": "2024", "valeurs": {"autre": 1}}]
    with pytest.raises(HistoriqueInsuffisant, match="tous les indicateurs"):
        monte_carlo(accord_depuis_dict(d), 100)
    assert issubclass(HistoriqueInsuffisant, ErreurEntree)


@pytest.mark.parametrize(("scenarios", "graine", "message"), [
    (0, 0, "entre 1 et"), (10**7, 0, "entre 1 et"), (2.5, 0, "entier"), (True, 0, "entier"),
    (100, -1, "Graine"), (100, "a", "Graine"),
])
def test_entrees_invalides(scenarios, graine, message):
    with pytest.raises(ErreurEntree, match=message):
        monte_carlo(charger_accord(EXEMPLES_ACCORDS[0]), scenarios, graine)


def test_methode_inconnue():
    with pytest.raises(ErreurEntree, match="Méthode de simulation inconnue"):
        monte_carlo(charger_accord(EXEMPLES_ACCORDS[0]), 100, methode="magie")


def test_effectif_nul_et_dictionnaire():
    a = accord([20_000_000, 22_000_000, 21_000_000, 25_000_000], effectif=0)
    r = monte_carlo(a, 500, 0)
    assert r.quantiles_moyenne_beneficiaire_centimes is None
    assert all(p.quantiles_moyenne_beneficiaire_centimes is None for p in r.periodes)
    d = json.loads(json.dumps(r.to_dict()))
    assert d["periodes"][0]["quantiles_enveloppe_centimes"].keys() == {"5", "25", "50", "75", "95"}
    assert d["proba_versement"] == r.proba_versement


def test_interface_pour_le_validateur():
    # ALEA_FAIBLE lit ces deux attributs : un flottant et un texte.
    r = monte_carlo(charger_accord(EXEMPLES / "sas-30-part-resultat.json"), scenarios=2_000)
    assert isinstance(r.proba_versement, float) and isinstance(r.methode, str) and r.methode
