"""Calcul d'un versement (interessement.calcul) : plafonds, bénéficiaires, présence (REGLES.md §4, E, F)."""

from __future__ import annotations

from datetime import date

from chemins import EXEMPLES

from interessement import parametres
from interessement.calcul import calculer_versement
from interessement.modele import Versement, charger_accord

SELAS = "selas-40-semestriel"


def _semestre_2(deja: int) -> tuple:
    accord = charger_accord(EXEMPLES / f"{SELAS}.json")
    v = Versement.model_validate({
        "periode": 2, "masse_salariale_centimes": 100_000_000,
        "salaries": [
            {"identifiant": "A", "salaire_brut_centimes": 2_000_000, "jours_inscrits": 184,
             "deja_attribue_exercice_centimes": deja},
            {"identifiant": "B", "salaire_brut_centimes": 2_000_000, "jours_inscrits": 184},
        ],
    })
    return accord, v


def test_plafond_individuel_par_exercice_impute_les_periodes_precedentes():
    # Période semestrielle : le plafond de 75 % du PASS vaut pour l'exercice entier (L3314-8) ; ce que A a déjà
    # reçu au premier semestre s'impute sur son plafond du second.
    accord, v = _semestre_2(deja=3_000_000)
    annuel = int(parametres.value_at("plafond_annuel_securite_sociale", v_date := accord.periodes()[1].fin)
                 * parametres.value_at("plafond_individuel_taux_pass", v_date))
    c = calculer_versement(accord, v, montant_centimes=10_000_000)
    plafonds = {b.identifiant: b.plafond_centimes for b in c.beneficiaires}
    assert plafonds["B"] == annuel
    assert plafonds["A"] == annuel - 3_000_000
    montants = dict(zip(c.repartition.identifiants, c.repartition.montants_centimes.tolist(), strict=True))
    assert montants["A"] <= annuel - 3_000_000


def test_plafond_individuel_deja_atteint_au_premier_semestre():
    accord, v = _semestre_2(deja=10_000_000)
    c = calculer_versement(accord, v, montant_centimes=1_000_000)
    plafonds = {b.identifiant: b.plafond_centimes for b in c.beneficiaires}
    assert plafonds["A"] == 0
    montants = dict(zip(c.repartition.identifiants, c.repartition.montants_centimes.tolist(), strict=True))
    assert montants == {"A": 0, "B": 1_000_000}


def test_pass_de_l_exercice_pour_un_exercice_decale():
    # Exercice du 1er juillet 2025 au 30 juin 2026 en deux semestres : le PASS retenu est celui de l'année de
    # clôture de l'exercice (2026) pour les deux périodes, jamais celui de 2025 pour la première.
    accord = charger_accord(EXEMPLES / f"{SELAS}.json")
    accord = accord.model_copy(update={"periode": accord.periode.model_copy(update={
        "date_effet": date(2025, 7, 1), "date_cloture_premier_exercice": date(2026, 6, 30)})})
    pass_2026 = parametres.pass_annuel_centimes(2026)
    assert parametres.pass_annuel_centimes(2025) != pass_2026
    for numero in (1, 2):
        v = Versement.model_validate({"periode": numero, "masse_salariale_centimes": 100_000_000, "salaries": [
            {"identifiant": "A", "salaire_brut_centimes": 2_000_000, "jours_inscrits": 184}]})
        c = calculer_versement(accord, v, montant_centimes=1_000)
        assert c.annee_pass == 2026
        taux = parametres.value_at("plafond_individuel_taux_pass", c.periode.fin)
        assert c.beneficiaires[0].plafond_centimes == int(pass_2026 * taux)


def test_anciennete_compte_les_contrats_anterieurs():
    # Condition de 3 mois ; entré le 15 novembre 2026 pour une période close le 31 décembre : 47 jours seulement
    # au titre du contrat en cours, mais 60 jours d'un CDD antérieur dans les 12 mois qui précèdent (L3342-1).
    accord = charger_accord(EXEMPLES / "sas-30-part-resultat.json")
    def versement(anterieure: int) -> Versement:
        return Versement.model_validate({"periode": 1, "masse_salariale_centimes": 100_000_000, "salaries": [
            {"identifiant": "A", "salaire_brut_centimes": 3_000_000, "jours_inscrits": 365},
            {"identifiant": "B", "salaire_brut_centimes": 400_000, "jours_inscrits": 47, "date_entree": "2026-11-15",
             "anciennete_anterieure_jours": anterieure}]})
    sans = calculer_versement(accord, versement(0), montant_centimes=100_000)
    assert [e.identifiant for e in sans.exclus] == ["B"]
    avec = calculer_versement(accord, versement(60), montant_centimes=100_000)
    assert not avec.exclus and {b.identifiant for b in avec.beneficiaires} == {"A", "B"}
    juste = calculer_versement(accord, versement(45), montant_centimes=100_000)  # 15/02 − 45 j = 1er janvier
    assert not juste.exclus
    court = calculer_versement(accord, versement(44), montant_centimes=100_000)
    assert [e.identifiant for e in court.exclus] == ["B"]


def test_plafond_global_annuel_pour_les_periodes_infra_annuelles():
    # Semestre 2 : 20 % de la masse salariale de l'exercice (1 000 000 €) = 200 000 €, dont 150 000 € déjà
    # distribués au semestre 1 : il reste 50 000 € ; sur la seule masse du semestre (400 000 €), ce serait 80 000 €.
    accord = charger_accord(EXEMPLES / f"{SELAS}.json")
    base = {"periode": 2, "masse_salariale_centimes": 40_000_000, "salaries": [
        {"identifiant": "A", "salaire_brut_centimes": 2_000_000, "jours_inscrits": 184}]}
    taux = parametres.value_at("plafond_global_taux", accord.periodes()[1].fin)
    prudent = calculer_versement(accord, Versement.model_validate(base), montant_centimes=9_000_000)
    assert prudent.plafond_global_centimes == int(taux * 40_000_000)
    assert any("seule période" in n for n in prudent.notes)
    annuel = calculer_versement(accord, Versement.model_validate({
        **base, "masse_salariale_exercice_centimes": 100_000_000, "deja_distribue_exercice_centimes": 15_000_000,
    }), montant_centimes=9_000_000)
    assert annuel.plafond_global_centimes == int(taux * 100_000_000) - 15_000_000
    assert annuel.enveloppe_centimes == annuel.plafond_global_centimes
    # La formule elle-même est plafonnée par le reste du plafond annuel.
    formule = calculer_versement(accord, Versement.model_validate({
        **base, "valeurs": {"excedent_brut_exploitation": 10**11},
        "masse_salariale_exercice_centimes": 100_000_000, "deja_distribue_exercice_centimes": 19_000_000,
    }))
    assert formule.enveloppe_centimes <= int(taux * 100_000_000) - 19_000_000
