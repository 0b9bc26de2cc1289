"""Le validateur, règle par règle : les exemples sont conformes, chaque règle isolée donne exactement son
identifiant, et chaque seuil est testé juste en deçà et juste au-delà."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from test_validators_outils import NOMS_EXEMPLES, SUPPRIMER, accord, avec_bibliotheque, graves, versement

from interessement import parametres
from interessement.calcul import calculer_versement
from interessement.integrite import ControleDocument
from interessement.modele import Versement
from validators import (
    A_VERIFIER,
    AVERTISSEMENT,
    BLOQUANT,
    CONFORME,
    IDS_REGLES,
    INDETERMINE,
    INFORMATION,
    NON_CONFORME,
    valider,
)
from validators.resultats import ENTREE_MANQUANTE, ERREUR_INTERNE

SAS = "sas-30-part-resultat"
SARL = "sarl-8-due-paliers"
SA = "sa-120-objectifs"
SELAS = "selas-40-semestriel"


# ------------------------------------------------------------------------------------------------ exemples


@pytest.mark.parametrize("nom", NOMS_EXEMPLES)
@pytest.mark.parametrize("avec_versement", [False, True])
def test_chaque_exemple_est_conforme_sans_avertissement(nom, avec_versement):
    r = valider(accord(nom), versement=versement(nom) if avec_versement else None)
    assert r.statut == CONFORME, r.en_texte()
    assert graves(r) == set(), r.en_texte()
    assert not r.regles_en_erreur
    assert set(r.regles_verifiees) == set(IDS_REGLES)
    assert {c.severite for c in r.constats} <= {INFORMATION}


def test_date_reference_par_defaut_depot_puis_conclusion():
    a = accord(SAS)
    assert valider(a).date_reference == date(2026, 6, 10)
    b = accord(SAS, {"depot": SUPPRIMER})
    assert valider(b).date_reference == date(2026, 5, 15)
    assert valider(a, date(2026, 1, 2)).date_reference == date(2026, 1, 2)


# ------------------------------------------------------------------- une règle isolée, exactement son id


def _supplement_hors_cles() -> tuple[Any, Versement]:
    """Supplément de 1 000 € versé à parts égales au lieu des clés de l'accord (présence et salaire)."""
    a = accord(SAS)
    v = versement(SAS, {"supplement_centimes": 100_000})
    base = calculer_versement(a, versement(SAS))
    montants = dict(zip(base.repartition.identifiants, base.repartition.montants_centimes.tolist(), strict=True))
    ids = sorted(montants)
    parts = {i: 100_000 // len(ids) + (1 if k < 100_000 % len(ids) else 0) for k, i in enumerate(ids)}
    donnees = v.model_dump(mode="json")
    for s in donnees["salaries"]:
        s["montant_verse_centimes"] = montants.get(s["identifiant"], 0) + parts.get(s["identifiant"], 0)
    return a, Versement.model_validate(donnees)


def _plafond_individuel_depasse() -> tuple[Any, Versement]:
    a = accord(SAS)
    calc = calculer_versement(a, versement(SAS))
    plafond = calc.beneficiaires[0].plafond_centimes
    return a, versement(SAS, {"salaries[0].montant_verse_centimes": plafond + 1})


def _redistribution_sans_clause() -> tuple[Any, Versement]:
    """Trois salariés, l'un plafonné ; montants versés avec redistribution alors que l'accord ne la prévoit pas."""
    patch = {"repartition.redistribution_excedent": True, "formule.plafond.taux_masse_salariale": 0.2}
    avec = accord(SAS, patch)
    donnees = {
        "periode": 1, "valeurs": {"resultat_courant_avant_impot": 60_000_000}, "masse_salariale_centimes": 50_000_000,
        "salaries": [
            {"identifiant": "A", "salaire_brut_centimes": 45_000_000, "jours_inscrits": 365},
            {"identifiant": "B", "salaire_brut_centimes": 2_500_000, "jours_inscrits": 365},
            {"identifiant": "C", "salaire_brut_centimes": 2_500_000, "jours_inscrits": 365},
        ],
    }
    calc = calculer_versement(avec, Versement.model_validate(donnees))
    assert calc.repartition.plafonne.any()
    montants = dict(zip(calc.repartition.identifiants, calc.repartition.montants_centimes.tolist(), strict=True))
    for s in donnees["salaries"]:
        s["montant_verse_centimes"] = montants[s["identifiant"]]
    return accord(SAS, {**patch, "repartition.redistribution_excedent": False}), Versement.model_validate(donnees)


def _plafond_global_depasse() -> tuple[Any, Versement]:
    """Masse salariale déclarée si basse que l'enveloppe versée (calculée sans plafond) dépasse les 20 %."""
    a = accord(SELAS, {"formule.plafond": SUPPRIMER})
    v = versement(SELAS, {"masse_salariale_centimes": 2_000_000})
    return a, v


#: Pièces du dépôt d'une DUE d'une entreprise de 11 salariés ou plus sans CSE (D3345-3).
PIECES_DUE_CARENCE = ["texte_accord", "attestation_absence_delegue_syndical", "pv_carence"]

#: Un document généré intact (empreinte identique, texte conforme à ses données).
INTACT = ControleDocument("accord.docx", "e" * 64, "e" * 64, True)

#: Une adhésion complète à un accord de branche agréé (à partir de l'exemple SAS, accord au sein du CSE).
ADHESION = {
    "intitule": "Accord national d'intéressement du bâtiment", "idcc": "1596", "date_accord": "2023-06-15",
    "date_agrement": "2024-03-01", "accord_type_avec_options": True,
    "options": [
        {"article": "Article 5.1", "objet": "Formule", "choix": "20 % du RCAI au-delà de 100 000 €",
         "porte_sur": "formule"},
        {"article": "Article 6.2", "objet": "Répartition", "choix": "moitié présence, moitié salaire",
         "porte_sur": "repartition"},
    ],
}

CAS_ISOLES: dict[str, dict[str, Any]] = {
    "ENTREPRISE_ELIGIBLE": {"base": SAS, "accord": {"entreprise.effectif": 1,
                                                    "entreprise.dirigeants[0].titulaire_contrat_travail": True}},
    "MODE_MISE_EN_PLACE": {"base": SELAS, "accord": {"mise_en_place.ratification.votes_pour": 26}},
    "DUE_CONDITIONS": {"base": SARL, "accord": {"entreprise.effectif": 50, "entreprise.date_pv_carence": "2025-06-01",
                                                "depot.pieces": PIECES_DUE_CARENCE}},
    "CSE_CARENCE": {"base": SARL, "accord": {"entreprise.effectif": 11}},
    "DUREE": {"base": SAS, "accord": {"periode.duree_annees": 6}},
    "PERIODE_CALCUL": {"base": SAS, "accord": {"periode.periode_calcul_mois": 13}},
    "DELAI_CONCLUSION": {"base": SAS, "accord": {"mise_en_place.date_conclusion": "2026-07-01",
                                                 "depot.date_depot": "2026-07-01"}},
    "DELAI_DEPOT": {"base": SAS, "accord": {"depot.date_depot": "2026-07-16"}},
    "VERSEMENT_AVANT_DEPOT": {"base": SAS, "versement": {"date_versement": "2026-06-09"}},
    "RECONDUCTION": {"base": SAS, "accord": {"periode.reconduction_tacite": False}, "information": True},
    "CONTROLE_URSSAF": {"base": SAS, "accord": {"depot.code_prevalidation": "MI-2026-000123"}, "information": True},
    "BENEFICIAIRES_TOUS": {"base": SAS, "accord": {"beneficiaires.categories_exclues": ["apprentis"]}},
    "ANCIENNETE": {"base": SAS, "accord": {"beneficiaires.anciennete.jours": 1}},
    "CONDITION_PRESENCE": {"base": SAS, "accord": {"beneficiaires.condition_presence": "présent au 31 décembre"}},
    "DIRIGEANTS": {"base": SA, "accord": {"entreprise.effectif": 250, "beneficiaires.dirigeants_inclus": True}},
    "FORMULE_ALEATOIRE": {"base": SAS, "accord": {"formule.plancher_centimes": 500_000}},
    "FORMULE_ACTIVITE": {"base": SAS, "accord": {
        "indicateurs[1]": {"code": "chiffre_affaires", "libelle": "Chiffre d'affaires", "nature": "chiffre_affaires",
                           "definition": "Chiffre d'affaires net hors taxes.", "source": "Liasse 2052, ligne FL"},
        "formule.composantes[0]": {"type": "part_resultat", "indicateur": "chiffre_affaires", "taux": 0.01,
                                   "seuil_centimes": 300_000_000}}},
    "FORMULE_MESURABLE": {"base": SAS, "accord": {"indicateurs[0].source": ""}},
    "OBJECTIFS_ATTEIGNABLES": {"base": SA, "accord": {"formule.composantes[0].objectifs[0].declenchement": 93}},
    "FORMULE_COLLECTIVE": {"base": SAS, "accord": {"indicateurs[0].individuel": True}},
    "ALEA_FAIBLE": {"base": SAS, "accord": {"formule.composantes[0].seuil_centimes": 0}},
    "PLAFOND_GLOBAL": {"fabrique": _plafond_global_depasse},
    "PLAFOND_INDIVIDUEL": {"fabrique": _plafond_individuel_depasse},
    "REDISTRIBUTION": {"fabrique": _redistribution_sans_clause},
    "REPARTITION_CRITERES": {"base": SAS, "accord": {"repartition.autres_criteres": ["coefficient hiérarchique"]}},
    "ASSIMILATIONS_PRESENCE": {"base": SAS, "accord": {"repartition.absences_assimilees": [
        "maternite", "adoption", "deuil", "accident_travail", "maladie_professionnelle", "quarantaine"]}},
    "SALAIRE_REFERENCE": {"base": SAS, "accord": {"repartition.notion_salaire": None}},
    "SALAIRE_DIRIGEANTS": {"base": SAS, "accord": {"beneficiaires.dirigeants_inclus": True,
                                                   "repartition.plafond_salaire_dirigeants": False}},
    "SALAIRE_PLANCHER_PLAFOND": {"base": SAS, "accord": {"repartition.salaire_plancher_centimes": 1_500_000}},
    "NON_SUBSTITUTION": {"base": SAS, "accord": {"elements_remuneration_supprimes": [
        {"libelle": "Prime de fin d'année", "date_suppression": "2025-01-02"}]}},
    "DATE_VERSEMENT": {"base": SAS, "versement": {"date_versement": "2027-06-01", "taux_tmop": 0.04}},
    "AFFECTATION_PLAN": {"base": SAS, "accord": {"versement.affectation_defaut_plan": False}},
    "CLAUSES_OBLIGATOIRES": {"base": SAS, "accord": {"information.reglement_litiges": None}},
    "AVANCES": {"base": SAS, "accord": {"versement.avances": {"periodicite_mois": 1}}},
    "SUPPLEMENT": {"fabrique": _supplement_hors_cles},
    "INTEGRITE_DOCUMENT": {"base": SAS, "document": ControleDocument("accord.docx", "a" * 64, "b" * 64, True)},
    "SUIVI_ORGANE": {"base": SAS, "accord": {"information.suivi_par": "commission"}},
    "INFORMATION_DATE_PRESUMEE": {"base": SAS, "accord": {"information.presomption_information": None}},
    "DENONCIATION_REVISION": {"base": SAS, "document": INTACT, "bibliotheque": []},
    "PIECES_DEPOT": {"base": SAS, "accord": {"depot.pieces": ["texte_accord"]}},
    "OBLIGATION_PARTAGE_VALEUR": {"base": SAS, "information": True},
    "FORMALITES_CONCLUSION": {"base": SAS, "accord": {"mise_en_place.vote_cse.votes_pour": 1}},
    "ADHESION_BRANCHE": {"base": SAS, "accord": {"mise_en_place.mode": "adhesion_branche",
                                                 "mise_en_place.adhesion_branche": {**ADHESION, "options": []}}},
    "PREVALIDATION": {"base": SAS, "accord": {"depot.code_prevalidation": "MI-2026-000123"}, "document": INTACT},
}


def test_un_cas_isole_par_regle():
    assert set(CAS_ISOLES) == set(IDS_REGLES)


def _rapport(cas: dict[str, Any]):
    if "fabrique" in cas:
        a, v = cas["fabrique"]()
        return valider(a, versement=v)
    a = accord(cas["base"], cas.get("accord"))
    v = versement(cas["base"], cas["versement"]) if "versement" in cas else None
    with avec_bibliotheque(cas.get("bibliotheque")):
        return valider(a, versement=v, document=cas.get("document"))


@pytest.mark.parametrize("id_regle", IDS_REGLES)
def test_accord_faux_sur_une_seule_regle_donne_exactement_cet_id(id_regle):
    cas = CAS_ISOLES[id_regle]
    r = _rapport(cas)
    assert not r.regles_en_erreur, r.regles_en_erreur
    if cas.get("information"):
        assert graves(r) == set(), r.en_texte()
        assert id_regle in r.ids(INFORMATION)
        return
    assert graves(r) == {id_regle}, r.en_texte()
    for c in r.constats:
        if c.id == id_regle:
            assert c.message and c.suggestion and c.references
            assert all(ref.lien.startswith("https://") for ref in c.references)


# ----------------------------------------------------------------------------------- valeurs limites (A)


@pytest.mark.parametrize(("votes", "attendu"), [(27, set()), (26, {"MODE_MISE_EN_PLACE"})])
def test_ratification_deux_tiers_exactement_et_un_de_moins(votes, attendu):
    # 40 inscrits : ⌈2/3 × 40⌉ = 27 votes pour.
    assert graves(valider(accord(SELAS, {"mise_en_place.ratification.votes_pour": votes}))) == attendu


@pytest.mark.parametrize(("inscrits", "requis"), [(3, 2), (9, 6), (10, 7), (11, 8), (1, 1)])
def test_ratification_majorite_arrondie_au_superieur(inscrits, requis):
    base = {"entreprise.effectif": inscrits, "mise_en_place.ratification.effectif_inscrit": inscrits,
            "mise_en_place.ratification.votes_contre": 0}
    assert "MODE_MISE_EN_PLACE" not in graves(valider(accord(SELAS, {
        **base, "mise_en_place.ratification.votes_pour": requis})))
    r = valider(accord(SELAS, {**base, "mise_en_place.ratification.votes_pour": requis - 1}))
    assert "MODE_MISE_EN_PLACE" in r.ids(BLOQUANT)
    c = next(c for c in r.constats if c.id == "MODE_MISE_EN_PLACE")
    assert c.attendu == f"au moins {requis} votes pour" and c.chemin == ["mise_en_place.ratification.votes_pour"]
    assert c.parametres[0]["nom"] == "ratification_majorite" and c.parametres[0]["valeur"] == "2/3"


def test_ratification_sans_demande_conjointe_avec_cse():
    r = valider(accord(SELAS, {"mise_en_place.ratification.demande_conjointe": False}))
    assert graves(r) == {"MODE_MISE_EN_PLACE"}


def test_ratification_sans_resultat_de_vote_est_indeterminee():
    r = valider(accord(SELAS, {"mise_en_place.ratification": None}))
    assert r.statut == INDETERMINE
    assert [(e.id, e.nature) for e in r.regles_en_erreur] == [("MODE_MISE_EN_PLACE", ENTREE_MANQUANTE)]


def test_mode_cse_sans_cse_et_ds_sans_ds():
    sans_cse = {"entreprise.cse": False, "entreprise.date_pv_carence": "2025-01-10",
                "information.suivi_par": "salaries", "information.instance_litiges": "employeur",
                "information.reglement_litiges": "Examen entre l'employeur et le salarié, puis le juge."}
    r = valider(accord(SAS, sans_cse))
    assert graves(r) == {"MODE_MISE_EN_PLACE"}
    r = valider(accord(SA, {"entreprise.delegues_syndicaux": False}))
    assert graves(r) == {"MODE_MISE_EN_PLACE"}


@pytest.mark.parametrize(("effectif", "attendu"), [(49, set()), (50, {"DUE_CONDITIONS"})])
def test_due_49_et_50_salaries(effectif, attendu):
    r = valider(accord(SARL, {"entreprise.effectif": effectif, "entreprise.date_pv_carence": "2025-06-01",
                              "depot.pieces": PIECES_DUE_CARENCE}))
    assert graves(r) == attendu


def test_due_seuil_date_2021_onze_salaries():
    # Avant le 18 août 2022, la DUE n'était ouverte qu'en dessous de 11 salariés.
    patch = {"mise_en_place.date_conclusion": "2021-03-01", "depot.date_depot": "2021-03-10",
             "periode.date_effet": "2021-01-01", "periode.date_cloture_premier_exercice": "2021-12-31",
             "entreprise.date_pv_carence": "2020-06-01", "historique": []}
    assert "DUE_CONDITIONS" not in graves(valider(accord(SARL, {**patch, "entreprise.effectif": 10})))
    r = valider(accord(SARL, {**patch, "entreprise.effectif": 11}))
    assert "DUE_CONDITIONS" in r.ids(BLOQUANT)
    c = next(c for c in r.constats if c.id == "DUE_CONDITIONS")
    assert c.parametres == [{**parametres.utilise("due_effectif_max_exclu", date(2021, 3, 1)),
                             "valeur_texte": "11\u00a0salariés"}]


def test_due_couverte_par_accord_de_branche():
    r = valider(accord(SARL, {"entreprise.couverte_accord_branche_agree": True}))
    assert graves(r) == {"DUE_CONDITIONS"}


def _due_avec_cse(consultation: str | None, pv: str | None = "2026-03-01") -> set[str]:
    patch = {"entreprise.effectif": 30, "entreprise.cse": True, "mise_en_place.date_pv_desaccord": pv,
             "mise_en_place.date_consultation_cse": consultation, "information.suivi_par": "cse",
             "depot.pieces": ["texte_accord", "pv_desaccord", "pv_consultation_cse"]}
    return graves(valider(accord(SARL, patch)))


def test_due_apres_echec_consultation_du_cse_15_jours_avant_le_depot():
    # Dépôt le 20 avril 2026 : consultation au plus tard le 5 avril.
    assert _due_avec_cse("2026-04-05") == set()
    assert _due_avec_cse("2026-04-06") == {"DUE_CONDITIONS"}
    assert _due_avec_cse(None) == {"DUE_CONDITIONS"}
    assert _due_avec_cse("2026-04-05", pv=None) == {"DUE_CONDITIONS"}


def test_due_avec_ds_avant_la_loi_de_2022():
    patch = {"mise_en_place.date_conclusion": "2022-03-01", "depot.date_depot": "2022-03-10",
             "periode.date_effet": "2022-01-01", "periode.date_cloture_premier_exercice": "2022-12-31",
             "entreprise.delegues_syndicaux": True, "mise_en_place.date_pv_desaccord": "2022-02-01",
             "historique": []}
    r = valider(accord(SARL, patch))
    assert "DUE_CONDITIONS" in r.ids(BLOQUANT)


def test_adhesion_branche_par_document_unilateral_reservee_aux_moins_de_50():
    patch = {"mise_en_place.mode": "adhesion_branche",
             "mise_en_place.adhesion_branche": {**ADHESION, "par_document_unilateral": True},
             "depot.pieces": ["texte_accord"]}
    assert graves(valider(accord(SARL, {**patch, "entreprise.effectif": 10}))) == set()
    r = valider(accord(SARL, {**patch, "entreprise.effectif": 50, "entreprise.date_pv_carence": "2025-06-01"}))
    assert graves(r) == {"DUE_CONDITIONS"}
    r = valider(accord(SARL, {"mise_en_place.mode": "adhesion_branche"}))
    assert "ADHESION_BRANCHE" in r.ids(BLOQUANT) and "MODE_MISE_EN_PLACE" not in graves(r)


@pytest.mark.parametrize(("effectif", "attendu"), [(10, set()), (11, {"CSE_CARENCE"})])
def test_carence_a_partir_de_11_salaries(effectif, attendu):
    assert graves(valider(accord(SARL, {"entreprise.effectif": effectif}))) == attendu


@pytest.mark.parametrize(("pv", "attendu"), [("2022-04-21", set()), ("2022-04-20", {"CSE_CARENCE"})])
def test_pv_de_carence_de_moins_de_quatre_ans_au_depot(pv, attendu):
    # DUE déposée le 20 avril 2026 : le PV du 20 avril 2022 a quatre ans, celui du 21 avril 2022 non.
    patch = {"entreprise.effectif": 20, "entreprise.date_pv_carence": pv, "depot.pieces": PIECES_DUE_CARENCE}
    assert graves(valider(accord(SARL, patch))) == attendu


def test_entreprise_sans_salarie():
    r = valider(accord(SAS, {"entreprise.effectif": 0}))
    assert "ENTREPRISE_ELIGIBLE" in r.ids(BLOQUANT)
    assert "ENTREPRISE_ELIGIBLE" not in graves(valider(accord(SAS, {"entreprise.effectif": 1})))


# ----------------------------------------------------------------------------------- valeurs limites (B)


@pytest.mark.parametrize(("duree", "attendu"), [(1, set()), (5, set()), (6, {"DUREE"})])
def test_duree_5_et_6_ans(duree, attendu):
    assert graves(valider(accord(SAS, {"periode.duree_annees": duree}))) == attendu


def test_duree_avant_2022_au_plus_3_ans():
    patch = {"mise_en_place.date_conclusion": "2021-05-15", "depot.date_depot": "2021-06-10",
             "periode.date_effet": "2021-01-01", "periode.date_cloture_premier_exercice": "2021-12-31",
             "historique": [], "entreprise.resultats_fiscaux": []}
    assert "DUREE" not in graves(valider(accord(SAS, {**patch, "periode.duree_annees": 3})))
    assert "DUREE" in graves(valider(accord(SAS, {**patch, "periode.duree_annees": 4})))


@pytest.mark.parametrize(("mois", "ok"), [(3, True), (2, False), (12, True), (13, False), (6, True)])
def test_periode_de_calcul(mois, ok):
    # Date d'effet le 1er mars, conclusion le 2 mars : toujours dans le délai, quel que soit le découpage.
    patch = {"periode.periode_calcul_mois": mois, "periode.date_effet": "2026-03-01",
             "periode.date_cloture_premier_exercice": "2027-02-28", "mise_en_place.date_conclusion": "2026-03-02",
             "depot.date_depot": "2026-03-03"}
    assert ("PERIODE_CALCUL" in graves(valider(accord(SAS, patch)))) is not ok


@pytest.mark.parametrize(("mois", "duree", "ok"), [(5, 1, False), (4, 1, True), (5, 5, True), (9, 3, True), (10, 1, False)])
def test_derniere_periode_tronquee(mois, duree, ok):
    # Des périodes de 5 mois sur un an laissent une dernière période de 2 mois : pas une période admise.
    patch = {"periode.periode_calcul_mois": mois, "periode.duree_annees": duree, "periode.date_effet": "2026-03-01",
             "periode.date_cloture_premier_exercice": "2027-02-28", "mise_en_place.date_conclusion": "2026-03-02",
             "depot.date_depot": "2026-03-03"}
    r = valider(accord(SAS, patch))
    assert ("PERIODE_CALCUL" in graves(r)) is not ok
    if not ok:
        assert any("multiple de la période" in c.message for c in r.constats if c.id == "PERIODE_CALCUL")


@pytest.mark.parametrize(("conclusion", "attendu"), [("2026-06-30", set()), ("2026-07-01", {"DELAI_CONCLUSION"})])
def test_dernier_jour_pour_conclure_et_le_lendemain(conclusion, attendu):
    r = valider(accord(SAS, {"mise_en_place.date_conclusion": conclusion, "depot.date_depot": "2026-07-01"}))
    assert graves(r) == attendu
    if attendu:
        c = r.bloquants[0]
        assert c.portee == "période" and c.periode == 1 and c.observe == date(2026, 7, 1)
        assert "30 juin 2026" in c.message and "périodes n° 2, 3" in c.message


def test_conclusion_semestrielle_et_ratification_au_vote():
    # Période de 6 mois (nombre pair) : dernier jour = 31 mars ; la ratification est conclue le jour du vote.
    assert graves(valider(accord(SELAS, {"mise_en_place.ratification.date_vote": "2026-03-31"}))) == set()
    r = valider(accord(SELAS, {"mise_en_place.ratification.date_vote": "2026-04-01", "depot.date_depot": "2026-04-02"}))
    assert graves(r) == {"DELAI_CONCLUSION"}


@pytest.mark.parametrize(("depot", "attendu"), [("2026-07-15", set()), ("2026-07-16", {"DELAI_DEPOT"})])
def test_depot_le_dernier_jour_et_le_lendemain(depot, attendu):
    assert graves(valider(accord(SAS, {"depot.date_depot": depot}))) == attendu


def test_accord_non_depose():
    a = accord(SAS, {"depot": SUPPRIMER})
    r = valider(a)  # date de référence : la conclusion, avant la date limite de dépôt
    assert r.statut == CONFORME
    info = next(c for c in r.constats if c.id == "DELAI_DEPOT")
    assert info.severite == INFORMATION and "15 juillet 2026" in info.message
    assert graves(valider(a, date(2026, 7, 15))) == set()
    r = valider(a, date(2026, 7, 16))
    assert graves(r) == {"DELAI_DEPOT"}


def test_versement_et_acompte_avant_depot():
    r = valider(accord(SAS, {"versement.avances": {"periodicite_mois": 3}}),
                versement=versement(SAS, {"acomptes": [{"date": "2026-06-09", "montant_centimes": 10_000},
                                                       {"date": "2026-06-10", "montant_centimes": 10_000}]}))
    assert graves(r) == {"VERSEMENT_AVANT_DEPOT"}
    assert [c.chemin[0] for c in r.bloquants] == ["versement.acomptes[0].date"]
    assert graves(valider(accord(SAS), versement=versement(SAS, {"date_versement": "2026-06-10"}))) == set()


def test_versement_sans_depot():
    r = valider(accord(SAS, {"depot": SUPPRIMER}), versement=versement(SAS))
    assert "VERSEMENT_AVANT_DEPOT" in r.ids(BLOQUANT)


def test_controle_urssaf_pre_valide_et_classique():
    r = valider(accord(SAS, {"depot.code_prevalidation": "MI-1"}))
    c = next(c for c in r.constats if c.id == "CONTROLE_URSSAF")
    assert "R3313-4" in c.message and "sans modification" in c.message
    c = next(c for c in valider(accord(SAS)).constats if c.id == "CONTROLE_URSSAF")
    assert "10 septembre 2026" in c.message and "10 novembre 2026" in c.message


# ----------------------------------------------------------------------------------- valeurs limites (C)


@pytest.mark.parametrize(("mois", "jours", "ok"), [(3, 0, True), (3, 1, False), (2, 28, True), (2, 29, False),
                                                    (4, 0, False), (0, 89, True), (0, 90, False), (1, 59, True), (1, 60, False)])
def test_anciennete_trois_mois_et_trois_mois_un_jour(mois, jours, ok):
    r = valider(accord(SAS, {"beneficiaires.anciennete": {"mois": mois, "jours": jours}}))
    assert ("ANCIENNETE" in graves(r)) is not ok


@pytest.mark.parametrize("calcul", ["contrat_en_cours", "date_fixe"])
def test_anciennete_pas_sur_le_seul_contrat(calcul):
    assert graves(valider(accord(SAS, {"beneficiaires.anciennete.calcul": calcul}))) == {"ANCIENNETE"}


def test_perte_des_droits_au_depart():
    assert graves(valider(accord(SAS, {"beneficiaires.perte_droits_depart": True}))) == {"CONDITION_PRESENCE"}


@pytest.mark.parametrize(("effectif", "attendu"), [(249, set()), (250, {"DIRIGEANTS"})])
def test_dirigeants_249_et_250_salaries(effectif, attendu):
    r = valider(accord(SA, {"entreprise.effectif": effectif, "beneficiaires.dirigeants_inclus": True}))
    assert graves(r) == attendu
    if attendu:
        assert r.bloquants[0].portee == "bénéficiaire"


def test_dirigeant_paye_sans_clause():
    v = versement(SARL)
    a = accord(SARL, {"beneficiaires.dirigeants_inclus": False})
    r = valider(a, versement=v)
    assert "DIRIGEANTS" in r.ids(BLOQUANT)
    c = next(c for c in r.constats if c.id == "DIRIGEANTS")
    assert c.beneficiaire == "D0001" and c.montant_centimes > 0


# ----------------------------------------------------------------------------------- valeurs limites (D)


def test_formule_avec_montant_fixe_et_pourcentage_sans_condition():
    r = valider(accord(SAS, {"formule.composantes[1]": {"type": "montant_fixe", "montant_centimes": 100_000}}))
    assert "FORMULE_ALEATOIRE" in r.ids(BLOQUANT)
    r = valider(accord(SAS, {"formule.composantes[0]": {"type": "pourcentage_masse_salariale", "taux": 0.02}}))
    assert {"FORMULE_ALEATOIRE", "FORMULE_ACTIVITE"} <= r.ids(BLOQUANT)
    # Avec une condition de résultat, un pourcentage de la masse salariale est admis.
    r = valider(accord(SAS, {
        "formule.composantes[0]": {"type": "pourcentage_masse_salariale", "taux": 0.02},
        "formule.declencheurs": [{"indicateur": "resultat_courant_avant_impot", "operateur": ">", "valeur": 0}]}))
    assert not {"FORMULE_ALEATOIRE", "FORMULE_ACTIVITE"} & graves(r)


def test_indicateur_absent_ou_laisse_a_l_employeur():
    r = valider(accord(SAS, {"indicateurs": []}))
    assert "FORMULE_MESURABLE" in r.ids(BLOQUANT)
    r = valider(accord(SAS, {"indicateurs[0].fixe_par_employeur": True}))
    assert graves(r) == {"FORMULE_MESURABLE"}


@pytest.mark.parametrize(("declenchement", "attendu"), [(94.0, set()), (93.9, {"OBJECTIFS_ATTEIGNABLES"})])
def test_objectif_deja_atteint_a_la_derniere_valeur_connue(declenchement, attendu):
    # Dernière valeur connue (2025) : 93,9 % de livraisons à l'heure.
    r = valider(accord(SA, {"formule.composantes[0].objectifs[0].declenchement": declenchement}))
    assert graves(r) == attendu


def test_objectif_en_baisse_deja_atteint():
    # Accidents : dernière valeur 18,4 ; un déclenchement à 18,4 (sens baisse) est déjà atteint.
    r = valider(accord(SA, {"formule.composantes[0].objectifs[1].declenchement": 18.4}))
    assert "OBJECTIFS_ATTEIGNABLES" in r.ids(BLOQUANT)


def test_critere_individuel_dans_la_repartition():
    r = valider(accord(SAS, {"repartition.autres_criteres": ["évaluation individuelle annuelle"]}))
    assert graves(r) == {"FORMULE_COLLECTIVE", "REPARTITION_CRITERES"}


def test_alea_jamais_verse():
    r = valider(accord(SAS, {"formule.composantes[0].seuil_centimes": 500_000_000}))
    assert graves(r) == {"ALEA_FAIBLE"}
    assert all("incitation" in c.message for c in r.avertissements)


def test_alea_back_test_et_monte_carlo():
    r = valider(accord(SAS, {"formule.composantes[0].seuil_centimes": 0}))
    messages = [c.message for c in r.avertissements]
    assert len(messages) == 2 and "5 sur 5" in messages[0]
    assert messages[1].startswith("Simulation (2000 scénarios")
    r = valider(accord(SAS, {"formule.composantes[0].seuil_centimes": 500_000_000}))
    assert "jamais versé" in r.avertissements[0].message


def test_alea_sans_historique_non_applicable():
    r = valider(accord(SAS, {"historique": []}))
    assert any(e.id == "ALEA_FAIBLE" for e in r.regles_non_applicables)


def test_alea_back_test_seul_sans_simulation():
    r = valider(accord(SAS, {"formule.composantes[0].seuil_centimes": 0}), simulation=False)
    assert graves(r) == {"ALEA_FAIBLE"}
    assert len(r.avertissements) == 1 and "5 sur 5" in r.avertissements[0].message


# ----------------------------------------------------------------------------------- valeurs limites (E)


def test_plafond_global_accord_borne_par_la_formule():
    # Objectifs à 3 % de la masse salariale : jamais plus de 20 %, pas besoin de plafond.
    assert "PLAFOND_GLOBAL" not in valider(accord(SA)).ids()
    # Un budget de 25 % sans plafond propre : l'accord que ce logiciel rédige reprend la limite de L3314-8 (la
    # fraction au-delà n'est pas distribuée) — une information, pas un avertissement faux (« ne plafonne pas »).
    r = valider(accord(SA, {"formule.composantes[0].budget_taux_masse_salariale": 0.25}))
    assert "PLAFOND_GLOBAL" not in graves(r)
    info = next(c for c in r.informations if c.id == "PLAFOND_GLOBAL")
    assert "reprend la limite de l'article L3314-8" in info.message and "ne plafonne pas" not in info.message
    assert "25\u00a0%" in info.message and info.portee == "accord"
    r = valider(accord(SAS, {"formule.plafond.taux_masse_salariale": 0.2}))
    assert "PLAFOND_GLOBAL" not in r.ids()
    # Un plafond propre au-dessus de 20 % contredit la clause légale : avertissement.
    r = valider(accord(SAS, {"formule.plafond.taux_masse_salariale": 0.21}))
    assert graves(r) == {"PLAFOND_GLOBAL"}
    assert "21\u00a0%" in r.avertissements[0].message and "20\u00a0%" in r.avertissements[0].suggestion
    # Lu dans un texte écrit ailleurs qui ne plafonne pas : avertissement.
    r = valider(accord(SA, {"formule.composantes[0].budget_taux_masse_salariale": 0.25}), texte_lu=True)
    assert graves(r) == {"PLAFOND_GLOBAL"} and r.avertissements[0].portee == "accord"
    assert "le texte de l'accord ne plafonne pas" in r.avertissements[0].message


def test_plafond_global_clause_toujours_ecrite_dans_les_modeles():
    """L'information « l'accord reprend la limite » n'est vraie que si chaque accord rédigé écrit la clause, sans
    condition, dans tous les modes de mise en place."""
    from interessement.clauses import bibliotheque

    trouvees = [(c, p) for c in bibliotheque("accord") for p in c.phrases
                if "L3314-8" in p.texte and "n'est pas distribuée" in p.texte and "global" in p.texte]
    assert trouvees, "la clause de la limite légale de l'enveloppe a disparu des modèles"
    c, p = trouvees[0]
    assert p.condition is None and not c.condition.modes and not c.condition.options
    assert all(c.s_applique(accord(nom)) for nom in (SA, SAS))


def test_plafond_global_verse_au_centime():
    a, v = _plafond_global_depasse()
    r = valider(a, versement=v)
    c = next(c for c in r.bloquants if c.id == "PLAFOND_GLOBAL")
    total = sum(s.montant_verse_centimes for s in v.salaries)
    assert c.portee == "excédent" and c.montant_centimes == total - 400_000  # 20 % × 20 000 €


def _petit_versement(montant_a: int | None = None, redistribution: bool = True) -> tuple[Any, Versement, int]:
    """Deux salariés, clé salaire seule, enveloppe énorme : A est plafonné (plafond entier, présent toute
    l'année)."""
    a = accord(SAS, {"repartition.part_presence": 0, "repartition.part_salaire": 1,
                     "repartition.redistribution_excedent": redistribution,
                     "formule.plafond.taux_masse_salariale": 0.2})
    donnees = {"periode": 1, "valeurs": {"resultat_courant_avant_impot": 100_000_000},
               "masse_salariale_centimes": 50_000_000,
               "salaries": [{"identifiant": "A", "salaire_brut_centimes": 45_000_000, "jours_inscrits": 365},
                            {"identifiant": "B", "salaire_brut_centimes": 5_000_000, "jours_inscrits": 365}]}
    calc = calculer_versement(a, Versement.model_validate(donnees))
    montants = dict(zip(calc.repartition.identifiants, calc.repartition.montants_centimes.tolist(), strict=True))
    plafond = calc.beneficiaires[0].plafond_centimes
    assert montants["A"] == plafond
    donnees["salaries"][0]["montant_verse_centimes"] = plafond if montant_a is None else montant_a
    donnees["salaries"][1]["montant_verse_centimes"] = montants["B"]
    return a, Versement.model_validate(donnees), plafond


def test_plafond_individuel_exactement_et_un_centime_de_plus():
    pass_2026 = parametres.value_at("plafond_annuel_securite_sociale", date(2026, 1, 1))
    taux = parametres.value_at("plafond_individuel_taux_pass", date(2026, 12, 31))
    a, v, plafond = _petit_versement()
    assert plafond == int(Decimal(pass_2026) * taux)  # 36 045,00 €
    assert graves(valider(a, versement=v)) == set()
    a, v, _ = _petit_versement(plafond + 1)
    r = valider(a, versement=v)
    assert graves(r) == {"PLAFOND_INDIVIDUEL"}
    c = r.bloquants[0]
    assert (c.beneficiaire, c.montant_centimes, c.portee) == ("A", 1, "excédent")
    assert {p["nom"] for p in c.parametres} == {"plafond_individuel_taux_pass", "plafond_annuel_securite_sociale"}
    assert "36\u00a0045,00\u00a0€" in c.message


def test_plafond_individuel_proratise_et_information_sans_prorata():
    r = valider(accord(SAS, {"repartition.prorata_plafond_individuel": False}))
    assert "PLAFOND_INDIVIDUEL" in r.ids(INFORMATION) and graves(r) == set()


def test_redistribution_non_appliquee_malgre_la_clause():
    a, v, _ = _petit_versement(redistribution=False)  # montants calculés sans redistribution…
    a_clause = accord(SAS, {"repartition.part_presence": 0, "repartition.part_salaire": 1,
                            "repartition.redistribution_excedent": True,
                            "formule.plafond.taux_masse_salariale": 0.2})
    r = valider(a_clause, versement=v)  # … alors que l'accord la prévoit
    assert graves(r) == {"REDISTRIBUTION"} and r.avertissements[0].severite == AVERTISSEMENT


def test_redistribution_information_sans_clause():
    r = valider(accord(SAS, {"repartition.redistribution_excedent": False}))
    assert "REDISTRIBUTION" in r.ids(INFORMATION) and graves(r) == set()


# ----------------------------------------------------------------------------------- valeurs limites (F)


@pytest.mark.parametrize(("delta", "severite"), [(1, BLOQUANT), (-1, AVERTISSEMENT)])
def test_ecart_d_un_centime_sur_un_salarie(delta, severite):
    v = versement(SAS)
    montant = v.salaries[3].montant_verse_centimes
    r = valider(accord(SAS), versement=versement(SAS, {"salaries[3].montant_verse_centimes": montant + delta}))
    assert graves(r) == {"REPARTITION_CRITERES"}
    c = r.constats[0]
    assert (c.severite, c.beneficiaire, c.montant_centimes, c.portee) == (severite, v.salaries[3].identifiant, 1,
                                                                          "bénéficiaire")
    assert c.observe == montant + delta and c.attendu == montant
    assert c.chemin[0] == "versement.salaries[3].montant_verse_centimes"


def test_parts_qui_ne_font_pas_100_pour_cent():
    r = valider(accord(SAS, {"repartition.part_salaire": 0.4}))
    assert graves(r) == {"REPARTITION_CRITERES"}
    # Le versement ne peut pas être recalculé : règles du versement indéterminées, mais le bloquant l'emporte.
    r = valider(accord(SAS, {"repartition.part_salaire": 0.4}), versement=versement(SAS))
    assert r.statut == NON_CONFORME


def test_paternite_exigee_seulement_depuis_aout_2022():
    sans_paternite = ["maternite", "adoption", "deuil", "accident_travail", "maladie_professionnelle", "quarantaine"]
    patch = {"mise_en_place.date_conclusion": "2021-05-15", "depot.date_depot": "2021-06-10",
             "periode.date_effet": "2021-01-01", "periode.date_cloture_premier_exercice": "2021-12-31",
             "periode.duree_annees": 1, "repartition.absences_assimilees": sans_paternite, "historique": [],
             "entreprise.resultats_fiscaux": []}
    assert "ASSIMILATIONS_PRESENCE" not in graves(valider(accord(SAS, patch)))
    patch["periode.duree_annees"] = 2  # la période 2022 commence avant le 18 août : pas encore exigée
    assert "ASSIMILATIONS_PRESENCE" not in graves(valider(accord(SAS, patch)))
    patch["periode.duree_annees"] = 3  # la période 2023 l'exige
    assert "ASSIMILATIONS_PRESENCE" in graves(valider(accord(SAS, patch)))


def test_salaire_non_reconstitue_et_plafond_de_salaire():
    assert graves(valider(accord(SAS, {"repartition.salaire_reconstitue_absences": False}))) == {"SALAIRE_REFERENCE"}
    assert graves(valider(accord(SAS, {"repartition.salaire_plafond_centimes": 6_000_000}))) == \
        {"SALAIRE_PLANCHER_PLAFOND"}


# ----------------------------------------------------------------------------------- valeurs limites (G)


@pytest.mark.parametrize(("suppression", "attendu"), [("2025-01-01", set()), ("2025-01-02", {"NON_SUBSTITUTION"})])
def test_non_substitution_douze_mois_exactement(suppression, attendu):
    patch = {"elements_remuneration_supprimes": [{"libelle": "Prime", "date_suppression": suppression}]}
    assert graves(valider(accord(SAS, patch))) == attendu


@pytest.mark.parametrize(("jour", "attendu"), [("2027-05-31", set()), ("2027-06-01", {"DATE_VERSEMENT"})])
def test_versement_le_dernier_jour_et_le_lendemain(jour, attendu):
    assert graves(valider(accord(SAS), versement=versement(SAS, {"date_versement": jour}))) == attendu


def test_interets_de_retard_au_centime():
    v = versement(SAS, {"date_versement": "2027-06-10", "taux_tmop": 0.04})
    total = sum(s.montant_verse_centimes for s in v.salaries)
    r = valider(accord(SAS), versement=v)
    c = r.avertissements[0]
    attendu = int((Decimal(total) * Decimal("1.33") * Decimal("0.04") * 10 / 365).quantize(Decimal(1), "ROUND_HALF_UP"))
    assert c.id == "DATE_VERSEMENT" and c.montant_centimes == attendu
    assert "10 jour(s)" in c.message and "31 mai 2027" in c.message
    sans_taux = valider(accord(SAS), versement=versement(SAS, {"date_versement": "2027-06-10"}))
    assert "TMOP n'est pas fourni" in sans_taux.avertissements[0].message


def test_versement_infra_annuel_fin_du_deuxieme_mois():
    # Semestre clos le 30 juin 2026 : versement au plus tard le 31 août 2026.
    assert graves(valider(accord(SELAS), versement=versement(SELAS, {"date_versement": "2026-08-31"}))) == set()
    r = valider(accord(SELAS), versement=versement(SELAS, {"date_versement": "2026-09-01"}))
    assert graves(r) == {"DATE_VERSEMENT"}


def test_delai_de_versement_de_l_accord():
    assert graves(valider(accord(SAS, {"versement.delai_versement_mois": 6}))) == {"DATE_VERSEMENT"}
    assert graves(valider(accord(SELAS, {"versement.delai_versement_mois": 3}))) == {"DATE_VERSEMENT"}


@pytest.mark.parametrize(("jours", "attendu"), [(15, set()), (14, {"AFFECTATION_PLAN"})])
def test_delai_de_choix_du_salarie(jours, attendu):
    assert graves(valider(accord(SAS, {"versement.delai_choix_jours": jours}))) == attendu


def test_clauses_manquantes_et_repartition_absente():
    r = valider(accord(SAS, {"information": {"presomption_information": {"moyen": "courrier"}}}))
    assert graves(r) == {"CLAUSES_OBLIGATOIRES"} and len(r.avertissements) == 4
    r = valider(accord(SAS, {"repartition.part_presence": 0, "repartition.part_salaire": 0}))
    assert {"CLAUSES_OBLIGATOIRES", "REPARTITION_CRITERES"} <= r.ids(BLOQUANT)
    r = valider(accord(SAS, {"perimetre.tous_etablissements": False, "perimetre.etablissements": []}))
    assert graves(r) == {"CLAUSES_OBLIGATOIRES"}


@pytest.mark.parametrize(("periodicite", "attendu"), [(3, set()), (2, {"AVANCES"})])
def test_avances_trimestrielles(periodicite, attendu):
    assert graves(valider(accord(SAS, {"versement.avances": {"periodicite_mois": periodicite}}))) == attendu


def test_acompte_sans_clause():
    r = valider(accord(SAS), versement=versement(SAS, {"acomptes": [{"date": "2026-10-01",
                                                                      "montant_centimes": 10_000}]}))
    assert graves(r) == {"AVANCES"}


def test_supplement_hors_plafond_global():
    a = accord(SELAS, {"formule.plafond": SUPPRIMER})
    v = versement(SELAS)
    total = sum(s.montant_verse_centimes for s in v.salaries)
    masse = int(total / Decimal("0.2")) + 100  # le plafond global couvre tout juste la prime de base
    donnees = v.model_dump(mode="json")
    donnees["masse_salariale_centimes"] = masse
    donnees["supplement_centimes"] = 50_000
    n = len(donnees["salaries"])
    for k, s in enumerate(donnees["salaries"]):
        s["montant_verse_centimes"] += 50_000 // n + (1 if k < 50_000 % n else 0)
    r = valider(a, versement=Versement.model_validate(donnees))
    assert {"SUPPLEMENT", "PLAFOND_GLOBAL"} <= r.ids(BLOQUANT)


def test_document_intact_et_modifie():
    r = valider(accord(SAS), document=INTACT)
    assert graves(r) == set() and r.statut == CONFORME
    modifie = ControleDocument("accord.docx", "e" * 64, "e" * 64, False, ["article 4 modifié"])
    r = valider(accord(SAS), document=modifie)
    assert graves(r) == {"INTEGRITE_DOCUMENT"}
    assert "article 4 modifié" in r.avertissements[0].message and "prévaut" in r.avertissements[0].message
    # Le texte signé prévaut : un document retouché ne peut jamais rester « conforme » sur ses seules données.
    assert r.statut == A_VERIFIER
    point = next(p for p in r.a_verifier if p.id == "INTEGRITE_DOCUMENT")
    assert point.severite == BLOQUANT and "article 4 modifié" in point.a_chercher


def test_obligation_partage_valeur_trois_exercices_consecutifs():
    r = valider(accord(SAS))
    assert "OBLIGATION_PARTAGE_VALEUR" in r.ids(INFORMATION)
    # Un exercice sous 1 % du chiffre d'affaires casse la série.
    r = valider(accord(SAS, {"entreprise.resultats_fiscaux[1].benefice_net_fiscal_centimes": 4_000_000}))
    assert "OBLIGATION_PARTAGE_VALEUR" not in r.ids()
    # Avant 2025, l'obligation n'existait pas.
    r = valider(accord(SAS), date(2024, 6, 1))
    assert "OBLIGATION_PARTAGE_VALEUR" not in r.ids()


# ------------------------------------------------------------------------------ robustesse et résultats


def test_une_regle_qui_plante_devient_un_resultat():
    from validators.registre import REGISTRE

    def plante(ctx):
        raise ZeroDivisionError("division par zéro")

    regle = REGISTRE["DUREE"]
    origine = regle.fonction
    object.__setattr__(regle, "fonction", plante)  # les règles sont immuables : remplacement le temps du test
    try:
        r = valider(accord(SAS))
    finally:
        object.__setattr__(regle, "fonction", origine)
    assert r.statut == INDETERMINE
    assert [(e.id, e.nature) for e in r.regles_en_erreur] == [("DUREE", ERREUR_INTERNE)]
    assert "ZeroDivisionError" in r.regles_en_erreur[0].raison


def test_date_hors_periode_modelisee_est_indeterminee():
    # Versement d'un exercice 2028 : PASS 2028 inconnu, jamais extrapolé.
    a = accord(SAS)
    v = versement(SAS, {"periode": 3, "date_versement": "2029-05-20"})
    r = valider(a, versement=v)
    assert r.statut == INDETERMINE
    assert any(e.nature == "hors période modélisée" for e in r.regles_en_erreur)


def test_rendus_texte_json_csv():
    r = valider(accord(SAS, {"beneficiaires.anciennete.jours": 1}))
    texte = r.en_texte()
    assert "NON CONFORME" in texte and "ANCIENNETE" in texte and "À faire" in texte and "legifrance" in texte
    d = r.to_dict()
    assert d["statut"] == "non conforme" and d["constats"][0]["id"] == "ANCIENNETE"
    assert d["constats"][0]["chemin"] == ["beneficiaires.anciennete.mois", "beneficiaires.anciennete.jours"]
    assert d["constats"][0]["parametres"][0]["nom"] == "anciennete_max_mois"
    import json

    assert json.loads(r.en_json())["accord_identifiant"] == "exemple-sas-30-part-resultat"
    lignes = r.en_csv().splitlines()
    assert lignes[0].startswith("fichier;accord;statut;id;severite")
    assert any(";ANCIENNETE;BLOQUANT;accord;" in lg for lg in lignes)


def test_reconduction_fenetre_de_trois_mois_terme_au_30_juin():
    # Terme le 30 juin 2028 : la fenêtre de renégociation commence le 1er avril 2028.
    a = accord(SAS, {"periode.date_effet": "2025-07-01", "periode.date_cloture_premier_exercice": "2026-06-30"})
    c = next(c for c in valider(a).constats if c.id == "RECONDUCTION")
    assert "1er avril 2028" in c.message, c.message


@pytest.mark.parametrize(("effectif", "inscrits", "signale"), [(40, 40, False), (55, 40, True), (14, 40, True)])
def test_ratification_effectif_inscrit_different_de_l_effectif_est_a_verifier(effectif, inscrits, signale):
    """Parcours « boulangerie » (parcours-neuf) : 55 inscrits saisis, puis l'effectif ramené à 14 ; la revue disait
    « Conforme : 0 bloquant, 0 avertissement » pour « 40 pour, 5 contre, sur 55 inscrits »."""
    r = valider(accord(SELAS, {"entreprise.effectif": effectif,
                               "mise_en_place.ratification.effectif_inscrit": inscrits}))
    trouves = [c for c in r.constats if c.id == "MODE_MISE_EN_PLACE"
               and c.chemin == ["mise_en_place.ratification.effectif_inscrit", "entreprise.effectif"]]
    assert bool(trouves) == signale
    assert all(c.severite == AVERTISSEMENT for c in trouves)


def test_reconduction_d_une_decision_unilaterale_ne_dit_pas_negociez():
    """Parcours « boulangerie » (parcours-neuf) : une décision unilatérale de l'employeur sans reconduction disait
    « pour le renouveler, négociez à partir du 1er octobre 2029 » ; elle ne se négocie pas."""
    c = next(c for c in valider(accord(SARL, {"periode.reconduction_tacite": False})).constats
             if c.id == "RECONDUCTION")
    assert "négoci" not in c.message and "La décision prend fin le 31 décembre 2028" in c.message, c.message
    assert "L3312-5 II" in c.message
    c = next(c for c in valider(accord(SAS, {"periode.reconduction_tacite": False})).constats
             if c.id == "RECONDUCTION")
    assert "négociez" in c.message


@pytest.mark.parametrize(("pv", "bloque"), [("2031-03-14", True), ("2026-04-11", True), ("2026-04-10", False),
                                           ("2024-03-14", False)])
def test_proces_verbal_de_carence_posterieur_a_la_conclusion(pv, bloque):
    """Parcours « boulangerie » (parcours-neuf) : un procès-verbal de carence du 14 mars 2031 pour une décision du
    10 avril 2026 passait sans constat, et le document affirmait qu'il « atteste » l'absence de CSE."""
    a = accord(SARL, {"entreprise.effectif": 14, "entreprise.date_pv_carence": pv})
    assert a.mise_en_place.date_conclusion == date(2026, 4, 10)
    trouves = [c for c in valider(a).constats if c.id == "CSE_CARENCE" and "après la conclusion" in c.message]
    assert bool(trouves) == bloque
    assert all(c.severite == BLOQUANT for c in trouves)
