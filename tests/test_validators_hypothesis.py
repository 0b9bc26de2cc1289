"""Propriété : ``valider`` ne lève jamais d'exception sur un accord que le modèle accepte (accords obtenus en
perturbant les exemples), ni avec un versement perturbé ; aucune règle ne tombe en « erreur interne » ; les rendus
texte, JSON et CSV fonctionnent toujours."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from test_validators_outils import NOMS_EXEMPLES, appliquer, donnees_accord, donnees_versement

from interessement.integrite import ControleDocument
from interessement.modele import Accord, Versement
from validators import A_VERIFIER, CONFORME, INDETERMINE, NON_CONFORME, valider
from validators.resultats import ERREUR_INTERNE

DATES = st.dates(min_value=date(2018, 6, 1), max_value=date(2029, 12, 31)).map(date.isoformat)
PEUT_ETRE = st.none() | DATES
DECIMAUX = st.sampled_from([0, 0.1, 0.25, 0.3, 0.5, 0.7, 0.75, 1])
TEXTES = st.text(alphabet="abcdé ’&<>«»\"'\n", max_size=20)
CODES = ["resultat_courant_avant_impot", "chiffre_affaires", "resultat_exploitation", "taux_livraison_heure",
         "excedent_brut_exploitation", "inconnu"]
PIECES = ["texte_accord", "qualite_delegues_ou_mandat", "pv_seance_cse", "emargement_ou_pv_ratification",
          "mention_demande_conjointe", "attestation_absence_delegue_syndical", "pv_carence", "pv_desaccord",
          "pv_consultation_cse"]
#: Chemins qu'un texte lu peut laisser non établis (valider(..., faits_inconnus=…)).
CHEMINS = ["beneficiaires.anciennete", "information.preambule", "mise_en_place", "formule", "repartition",
           "depot.pieces", "information.presomption_information", "entreprise.effectif", "periode.duree_annees"]
ABSENCES = ["maternite", "paternite_accueil_enfant", "adoption", "deuil", "accident_travail",
            "maladie_professionnelle", "quarantaine", "maladie"]

PERTURBATIONS_ACCORD = {
    "entreprise.effectif": st.integers(0, 400),
    "entreprise.cse": st.booleans(),
    "entreprise.delegues_syndicaux": st.booleans(),
    "entreprise.couverte_accord_branche_agree": st.booleans(),
    "entreprise.date_pv_carence": PEUT_ETRE,
    "entreprise.dirigeants": st.lists(st.fixed_dictionaries({
        "nom": st.just("X"), "qualite": st.sampled_from(["president", "gerant", "conjoint_collaborateur"]),
        "titulaire_contrat_travail": st.booleans()}), max_size=3),
    "entreprise.resultats_fiscaux": st.lists(st.fixed_dictionaries({
        "exercice": st.integers(2019, 2027), "benefice_net_fiscal_centimes": st.integers(-10**8, 10**8),
        "chiffre_affaires_centimes": st.integers(0, 10**9)}), max_size=4),
    "mise_en_place.mode": st.sampled_from(["convention_collective", "accord_delegues_syndicaux", "accord_cse",
                                           "ratification", "decision_unilaterale", "adhesion_branche"]),
    "mise_en_place.date_conclusion": DATES,
    "mise_en_place.date_pv_desaccord": PEUT_ETRE,
    "mise_en_place.date_consultation_cse": PEUT_ETRE,
    "mise_en_place.ratification": st.none() | st.fixed_dictionaries({
        "effectif_inscrit": st.integers(0, 60), "votes_pour": st.integers(0, 60), "date_vote": PEUT_ETRE,
        "demande_conjointe": st.booleans(), "proces_verbal": st.booleans()}),
    "mise_en_place.adhesion_branche": st.none() | st.fixed_dictionaries({
        "intitule": st.just("Branche"), "par_document_unilateral": st.booleans()}, optional={
        "idcc": st.none() | st.just("1596"), "date_accord": PEUT_ETRE, "date_agrement": PEUT_ETRE,
        "reference_agrement": st.none() | TEXTES, "accord_type_avec_options": st.none() | st.booleans(),
        "options": st.lists(st.fixed_dictionaries({
            "article": st.just("Art. 5"), "objet": st.just("Formule"), "choix": st.just("option A"),
            "porte_sur": st.sampled_from(["formule", "repartition", "anciennete", "autre"])}), max_size=3)}),
    "mise_en_place.vote_cse": st.none() | st.integers(0, 12).flatmap(lambda n: st.fixed_dictionaries({
        "membres_titulaires_presents": st.just(n), "votes_pour": st.integers(0, n)})),
    "mise_en_place.audience_signataires": st.none() | st.sampled_from([0, 0.3, 0.31, 0.5, 0.51, 1]),
    "mise_en_place.date_consultation_salaries": PEUT_ETRE,
    "mise_en_place.signataires": st.lists(st.fixed_dictionaries({
        "nom": st.just("Y"), "qualite": st.sampled_from(["Délégué syndical", "Salarié", "Membre du CSE"]),
        "partie": st.sampled_from(["employeur", "salaries"])}), max_size=3),
    "depot": st.fixed_dictionaries({"date_depot": PEUT_ETRE, "code_prevalidation": st.none() | st.just("MI-1")},
                                   optional={"pieces": st.none() | st.lists(st.sampled_from(PIECES), unique=True)}),
    "periode.date_effet": DATES,
    "periode.date_cloture_premier_exercice": DATES,
    "periode.periode_calcul_mois": st.integers(1, 24),
    "periode.duree_annees": st.integers(1, 8),
    "periode.reconduction_tacite": st.booleans(),
    "perimetre": st.fixed_dictionaries({"tous_etablissements": st.booleans(),
                                        "etablissements": st.lists(TEXTES.filter(str.strip), max_size=2)}),
    "beneficiaires.anciennete": st.none() | st.fixed_dictionaries({
        "mois": st.integers(0, 8), "jours": st.integers(0, 100),
        "calcul": st.sampled_from(["tous_contrats", "contrat_en_cours", "date_fixe"])}),
    "beneficiaires.categories_exclues": st.lists(TEXTES, max_size=2),
    "beneficiaires.condition_presence": st.none() | TEXTES,
    "beneficiaires.perte_droits_depart": st.booleans(),
    "beneficiaires.dirigeants_inclus": st.booleans(),
    "beneficiaires.conjoint_inclus": st.booleans(),
    "indicateurs[0].source": st.just("") | TEXTES,
    "indicateurs[0].definition": st.just("") | TEXTES,
    "indicateurs[0].individuel": st.booleans(),
    "indicateurs[0].fixe_par_employeur": st.booleans(),
    "indicateurs[0].nature": st.sampled_from(["chiffre_affaires", "masse_salariale", "resultat_exploitation",
                                              "autre", "qualite"]),
    "formule.composantes[0]": st.one_of(
        st.fixed_dictionaries({"type": st.just("part_resultat"), "indicateur": st.sampled_from(CODES),
                               "taux": DECIMAUX, "seuil_centimes": st.integers(-10**7, 10**9)}),
        st.fixed_dictionaries({"type": st.just("pourcentage_masse_salariale"), "taux": DECIMAUX}),
        st.fixed_dictionaries({"type": st.just("montant_fixe"), "montant_centimes": st.integers(0, 10**7)}),
        st.fixed_dictionaries({"type": st.just("paliers_croissance"), "indicateur": st.sampled_from(CODES),
                               "paliers": st.just([{"croissance_min": -2, "taux_masse_salariale": 0.3}])}),
    ),
    "formule.declencheurs": st.lists(st.fixed_dictionaries({
        "indicateur": st.sampled_from(CODES), "operateur": st.sampled_from([">", ">=", "<", "<="]),
        "valeur": st.integers(-10**6, 10**6)}), max_size=2),
    "formule.plancher_centimes": st.none() | st.integers(0, 10**7),
    "formule.plafond": st.none() | st.fixed_dictionaries({"taux_masse_salariale": DECIMAUX}),
    "repartition.part_uniforme": DECIMAUX,
    "repartition.part_presence": DECIMAUX,
    "repartition.part_salaire": DECIMAUX,
    "repartition.autres_criteres": st.lists(TEXTES, max_size=2),
    "repartition.notion_salaire": st.none() | TEXTES,
    "repartition.salaire_reconstitue_absences": st.booleans(),
    "repartition.salaire_plancher_centimes": st.none() | st.integers(0, 10**7),
    "repartition.absences_assimilees": st.lists(st.sampled_from(ABSENCES), unique=True),
    "repartition.redistribution_excedent": st.booleans(),
    "repartition.prorata_plafond_individuel": st.booleans(),
    "repartition.plafond_salaire_dirigeants": st.booleans(),
    "repartition.presence_prorata_temps_travail": st.booleans(),
    "versement.delai_versement_mois": st.integers(1, 24),
    "versement.plans_epargne": st.lists(st.sampled_from(["PEE", "PERCOL"]), unique=True),
    "versement.affectation_defaut_plan": st.booleans(),
    "versement.delai_choix_jours": st.integers(0, 40),
    "versement.avances": st.none() | st.fixed_dictionaries({
        "periodicite_mois": st.integers(1, 12), "consentement_salarie": st.booleans(),
        "recuperation_max_dixieme": st.booleans()}),
    "information": st.fixed_dictionaries({"preambule": st.none() | TEXTES, "reglement_litiges": st.none() | TEXTES},
                                         optional={
        "suivi_par": st.none() | st.sampled_from(["cse", "commission", "salaries"]),
        "commission_creee_par_cse": st.booleans(),
        "instance_litiges": st.none() | st.sampled_from(["cse", "commission", "employeur"]),
        "presomption_information": st.none() | st.fixed_dictionaries({
            "moyen": st.sampled_from(["remise_main_propre", "courrier", "electronique"]),
            "jours_apres_envoi": st.integers(0, 15)})}),
    "repartition.salaire_plafond_centimes": st.none() | st.integers(0, 10**7),
    "elements_remuneration_supprimes": st.lists(st.fixed_dictionaries({
        "libelle": st.just("Prime"), "date_suppression": DATES}), max_size=2),
    "historique": st.just([]),
}

PERTURBATIONS_VERSEMENT = {
    "periode": st.integers(1, 5),
    "masse_salariale_centimes": st.integers(0, 10**10),
    "supplement_centimes": st.integers(0, 10**7),
    "date_versement": PEUT_ETRE,
    "taux_tmop": st.none() | st.sampled_from([0, 0.03, 0.05]),
    "acomptes": st.lists(st.fixed_dictionaries({"date": DATES, "montant_centimes": st.integers(0, 10**6)}),
                         max_size=2),
    "remuneration_dirigeants_n1_centimes": st.integers(0, 10**8),
    "plus_haut_salaire_centimes": st.none() | st.integers(0, 10**8),
    "salaries[0].montant_verse_centimes": st.none() | st.integers(0, 10**8),
    "salaries[1].montant_verse_centimes": st.none() | st.integers(0, 10**8),
    "salaries[0].qualite": st.sampled_from(["salarie", "dirigeant", "conjoint"]),
    "salaries[0].jours_inscrits": st.integers(0, 400),
    "salaries[0].absences": st.dictionaries(st.sampled_from(ABSENCES), st.integers(0, 400), max_size=2),
    "valeurs": st.just({}),
}


@st.composite
def patch(draw: st.DrawFn, perturbations: dict) -> dict:
    cles = draw(st.lists(st.sampled_from(sorted(perturbations)), unique=True, max_size=6))
    return {c: draw(perturbations[c]) for c in cles}


def _verifier(r) -> None:
    assert r.statut in (CONFORME, NON_CONFORME, INDETERMINE, A_VERIFIER)
    if r.statut == CONFORME:  # « conforme » n'est jamais dit avec un bloquant ni un point bloquant à vérifier
        assert not r.bloquants and not r.ids_a_verifier("BLOQUANT")
    json.dumps(r.to_dict(), ensure_ascii=False)
    assert r.en_texte() and r.en_csv()
    internes = [e for e in r.regles_en_erreur if e.nature == ERREUR_INTERNE]
    assert not internes, internes


@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow], deadline=None)
@given(nom=st.sampled_from(NOMS_EXEMPLES), p=patch(PERTURBATIONS_ACCORD),
       reference=st.none() | st.dates(date(2019, 1, 1), date(2028, 12, 31)),
       inconnus=st.none() | st.lists(st.sampled_from(CHEMINS), unique=True, max_size=4),
       document=st.none() | st.builds(ControleDocument, st.just("d.docx"), st.sampled_from([None, "a" * 64]),
                                      st.just("a" * 64), st.booleans(), st.lists(TEXTES, max_size=2)))
def test_valider_ne_leve_jamais_sur_un_accord_accepte(nom, p, reference, inconnus, document):
    try:
        accord = Accord.model_validate(appliquer(donnees_accord(nom), p))
    except ValidationError:
        assume(False)
    r = valider(accord, reference, document=document, simulation=False, faits_inconnus=inconnus)
    _verifier(r)
    if document is not None and not document.intact:
        assert r.statut != CONFORME  # le texte signé prévaut : un document retouché n'est jamais conforme


@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow], deadline=None)
@given(nom=st.sampled_from(NOMS_EXEMPLES), pa=patch(PERTURBATIONS_ACCORD), pv=patch(PERTURBATIONS_VERSEMENT))
def test_valider_ne_leve_jamais_avec_un_versement(nom, pa, pv):
    try:
        accord = Accord.model_validate(appliquer(donnees_accord(nom), pa))
        versement = Versement.model_validate(appliquer(donnees_versement(nom), pv))
    except ValidationError:
        assume(False)
    _verifier(valider(accord, versement=versement, simulation=False))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(nom=st.sampled_from(NOMS_EXEMPLES), p=patch(PERTURBATIONS_ACCORD), decalage=st.integers(-800, 800))
def test_avec_simulation_et_historique_decale(nom, p, decalage):
    """Avec le Monte-Carlo : dates de l'accord décalées, historique conservé."""
    donnees = appliquer(donnees_accord(nom), {k: v for k, v in p.items() if k != "historique"})
    for cle in ("date_effet", "date_cloture_premier_exercice"):
        d = date.fromisoformat(str(donnees["periode"][cle])) + timedelta(days=decalage)
        donnees["periode"][cle] = d.isoformat()
    try:
        accord = Accord.model_validate(donnees)
    except ValidationError:
        assume(False)
    r = valider(accord)
    assert r.statut in (CONFORME, NON_CONFORME, INDETERMINE, A_VERIFIER)
