"""Les règles ajoutées le 1er décembre 2026 après la revue d'un avocat (FORMALITES_CONCLUSION, ADHESION_BRANCHE,
PREVALIDATION, SUIVI_ORGANE, INFORMATION_DATE_PRESUMEE, DENONCIATION_REVISION, PIECES_DEPOT), la liste des clauses
obligatoires tirée de la bibliothèque, les points « à vérifier » et les faits non établis d'un texte lu."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chemins import EXEMPLES, RACINE
from test_validators import ADHESION, INTACT, PIECES_DUE_CARENCE, SARL, SAS, SELAS
from test_validators_outils import ClauseFactice, accord, avec_bibliotheque, graves

from interessement.integrite import ControleDocument
from interessement.modele import charger_accord
from validators import A_VERIFIER, AVERTISSEMENT, BLOQUANT, CONFORME, INFORMATION, NON_CONFORME, valider
from validators.bibliotheque import ABSENTE, INCOMPLETE, PRESENTE, clauses_obligatoires

SA = "sa-120-objectifs"
NEUF = sorted(p for p in [*EXEMPLES.glob("*.json"), *(RACINE / "tests" / "donnees_documents").glob("*.json")]
              if not p.name.endswith(".versement.json"))


def _constats(r, id_regle):
    return [c for c in r.constats if c.id == id_regle]


# ------------------------------------------------------------------------------------- les neuf accords de test


def test_les_neuf_accords_de_test():
    assert len(NEUF) == 9


@pytest.mark.parametrize("chemin", NEUF, ids=[p.stem for p in NEUF])
def test_les_neuf_accords_portent_les_faits_des_nouvelles_regles(chemin):
    r = valider(charger_accord(chemin))
    nouvelles = {"FORMALITES_CONCLUSION", "ADHESION_BRANCHE", "SUIVI_ORGANE", "INFORMATION_DATE_PRESUMEE",
                 "PIECES_DEPOT"}
    assert not graves(r) & nouvelles, r.en_texte()
    # sa-120 ne porte pas ses pièces du dépôt (ses données doivent tenir dans les codes QR) : à vérifier.
    attendus = {"PIECES_DEPOT"} if chemin.stem == SA else set()
    assert r.ids_a_verifier() & nouvelles == attendus, r.en_texte()
    assert r.statut == CONFORME


@pytest.mark.parametrize("chemin", NEUF, ids=[p.stem for p in NEUF])
def test_chaque_clause_obligatoire_est_presente_avec_sa_base_legale(chemin):
    liste = clauses_obligatoires(charger_accord(chemin))
    assert liste, "la bibliothèque des clauses est installée"
    ids = {c.id for c in liste}
    assert {"preambule", "champ_application", "duree_periodes", "calcul", "repartition", "versement",
            "information_suivi", "differends"} <= ids
    for c in liste:
        assert c.base_obligation, c.id
        assert c.statut == PRESENTE or chemin.stem == "riche", (c.id, c.statut, c.manques)


def _defauts_d_avant(chemin: Path) -> dict:
    """Les données d'un accord de test telles qu'elles étaient avant l'ajout des faits des nouvelles règles."""
    d = json.loads(chemin.read_text(encoding="utf-8"))
    mp, info, depot = d["mise_en_place"], d.get("information", {}), d.get("depot", {})
    for cle in ("vote_cse", "audience_signataires"):
        mp.pop(cle, None)
    if mp.get("ratification"):
        mp["ratification"].pop("proces_verbal", None)
    if mp.get("adhesion_branche"):
        mp["adhesion_branche"] = {k: v for k, v in mp["adhesion_branche"].items()
                                  if k in ("intitule", "idcc", "date_agrement", "par_document_unilateral")}
    for cle in ("presomption_information", "instance_litiges", "commission_creee_par_cse"):
        info.pop(cle, None)
    if info.get("reglement_litiges"):
        info["reglement_litiges"] = ("Les différends sont d'abord examinés par la commission de suivi ; à défaut "
                                     "d'accord, ils sont portés devant le conseil de prud'hommes ou le tribunal "
                                     "judiciaire compétent.")
    depot.pop("pieces", None)
    return d


@pytest.mark.parametrize("chemin", NEUF, ids=[p.stem for p in NEUF])
def test_les_defauts_releves_par_l_avocat_ne_passent_plus_inapercus(chemin):
    """Les neuf accords tels qu'ils étaient : chacun des défauts que les données montrent a son constat ou son
    point à vérifier (avant, le validateur n'en disait rien)."""
    from interessement.modele import accord_depuis_dict

    r = valider(accord_depuis_dict(_defauts_d_avant(chemin)))
    releves = graves(r) | r.ids_a_verifier()
    assert "INFORMATION_DATE_PRESUMEE" in graves(r)
    assert "PIECES_DEPOT" in r.ids_a_verifier()
    a = accord_depuis_dict(_defauts_d_avant(chemin))
    if a.mise_en_place.mode == "adhesion_branche":
        assert "ADHESION_BRANCHE" in r.ids(BLOQUANT) and r.statut == NON_CONFORME
    if a.mise_en_place.mode in ("accord_cse", "ratification", "accord_delegues_syndicaux", "convention_collective"):
        assert "FORMALITES_CONCLUSION" in releves
    if a.information.reglement_litiges and (a.information.suivi_par != "commission" or not a.entreprise.cse):
        assert "SUIVI_ORGANE" in graves(r)
    if a.depot.code_prevalidation:
        assert "PREVALIDATION" in r.ids_a_verifier()


# ------------------------------------------------------------------------------------ FORMALITES_CONCLUSION


@pytest.mark.parametrize(("presents", "pour", "ok"), [(2, 2, True), (3, 2, True), (4, 2, False), (2, 1, False),
                                                      (0, 0, False)])
def test_cse_vote_majoritaire_des_membres_presents(presents, pour, ok):
    r = valider(accord(SAS, {"mise_en_place.vote_cse": {"membres_titulaires_presents": presents,
                                                        "votes_pour": pour}}))
    assert graves(r) == (set() if ok else {"FORMALITES_CONCLUSION"}), r.en_texte()


def test_cse_sans_vote_ni_signataire_salarie():
    r = valider(accord(SAS, {"mise_en_place.vote_cse": None}))
    assert graves(r) == {"FORMALITES_CONCLUSION"}
    assert "procès-verbal de la séance" in _constats(r, "FORMALITES_CONCLUSION")[0].message
    r = valider(accord(SAS, {"mise_en_place.signataires": [{"nom": "Claire Dupont", "qualite": "Présidente"}]}))
    assert graves(r) == {"FORMALITES_CONCLUSION"}


@pytest.mark.parametrize(("audience", "consultation", "ok"), [
    (0.51, None, True), (0.5, None, False), (0.5, "2026-06-25", True), (0.31, None, False),
    (0.31, "2026-06-25", True), (0.3, "2026-06-25", False), (0.2, None, False),
])
def test_delegues_syndicaux_majorite_de_l2232_12(audience, consultation, ok):
    r = valider(accord(SA, {"mise_en_place.audience_signataires": audience,
                            "mise_en_place.date_consultation_salaries": consultation}))
    assert graves(r) == (set() if ok else {"FORMALITES_CONCLUSION"}), r.en_texte()
    if not ok:
        c = _constats(r, "FORMALITES_CONCLUSION")[0]
        assert "%" in c.message and "0." not in c.message
        assert {p["nom"] for p in c.parametres} == {"accord_majoritaire_audience_taux",
                                                    "accord_consultation_audience_taux"}


def test_delegues_syndicaux_audience_inconnue_a_verifier():
    r = valider(accord(SA, {"mise_en_place.audience_signataires": None}))
    assert graves(r) == set() and r.statut == CONFORME  # un avertissement possible ne retire pas « conforme »
    p = next(p for p in r.a_verifier if p.id == "FORMALITES_CONCLUSION")
    assert p.severite == AVERTISSEMENT and "premier tour" in p.a_chercher


def test_delegues_syndicaux_qualite_du_signataire():
    r = valider(accord(SA, {"mise_en_place.signataires[1].qualite": "Salarié"}))
    assert graves(r) == {"FORMALITES_CONCLUSION"}
    assert "mandat" in _constats(r, "FORMALITES_CONCLUSION")[0].message


def test_ratification_sans_proces_verbal_ni_date_de_vote():
    r = valider(accord(SELAS, {"mise_en_place.ratification.proces_verbal": False}))
    assert graves(r) == {"FORMALITES_CONCLUSION"}
    assert "émargement" in _constats(r, "FORMALITES_CONCLUSION")[0].message


def test_decision_unilaterale_relève_de_due_conditions():
    r = valider(accord(SARL))
    assert any(e.id == "FORMALITES_CONCLUSION" and "DUE_CONDITIONS" in e.raison for e in r.regles_non_applicables)


def _adhesion(patch: dict | None = None, base: str = SAS, **adhesion) -> dict:
    return {"mise_en_place.mode": "adhesion_branche", "mise_en_place.adhesion_branche": {**ADHESION, **adhesion},
            **(patch or {})}


def test_adhesion_par_accord_sans_mode_de_conclusion_connu():
    r = valider(accord(SAS, _adhesion({"mise_en_place.vote_cse": None, "depot.pieces": ["texte_accord"]})))
    assert graves(r) == set()
    assert "FORMALITES_CONCLUSION" in r.ids_a_verifier()


def test_adhesion_unilaterale_cse_informe():
    patch = _adhesion({"depot.pieces": ["texte_accord"]}, par_document_unilateral=True)
    assert graves(valider(accord(SARL, patch))) == set()  # pas de CSE : rien à informer
    avec_cse = {**patch, "entreprise.effectif": 30, "entreprise.cse": True, "information.suivi_par": "cse"}
    assert graves(valider(accord(SARL, avec_cse))) == {"FORMALITES_CONCLUSION"}
    assert graves(valider(accord(SARL, {**avec_cse, "mise_en_place.date_consultation_cse": "2026-04-01"}))) == set()


# ---------------------------------------------------------------------------------------- ADHESION_BRANCHE


def test_adhesion_complete_conforme():
    r = valider(accord(SAS, _adhesion()))
    assert graves(r) == set() and not r.ids_a_verifier() - {"DENONCIATION_REVISION"}


def test_adhesion_sans_accord_de_branche_identifie():
    r = valider(accord(SAS, {"mise_en_place.mode": "adhesion_branche"}))
    assert graves(r) == {"ADHESION_BRANCHE"} and r.statut == NON_CONFORME


def test_adhesion_sans_option_identifiee_bloque():
    r = valider(accord(SAS, _adhesion(options=[])))
    assert r.ids(BLOQUANT) == {"ADHESION_BRANCHE"}
    assert "D3345-7" in _constats(r, "ADHESION_BRANCHE")[0].message


def test_adhesion_identification_incomplete_avertit():
    r = valider(accord(SAS, _adhesion(idcc=None)))
    assert r.ids(AVERTISSEMENT) == {"ADHESION_BRANCHE"} and not r.ids(BLOQUANT)


@pytest.mark.parametrize(("agrement", "bloque"), [("2026-05-15", False), ("2026-05-16", True)])
def test_adhesion_a_un_accord_agree_avant_la_conclusion(agrement, bloque):
    # Conclusion le 15 mai 2026 : agréé le jour même, l'accord peut être appliqué ; agréé le lendemain, non.
    r = valider(accord(SAS, _adhesion(date_agrement=agrement)))
    assert ("ADHESION_BRANCHE" in r.ids(BLOQUANT)) is bloque


def test_adhesion_sans_agrement():
    r = valider(accord(SAS, _adhesion(date_agrement=None)))
    assert r.ids(BLOQUANT) == {"ADHESION_BRANCHE"}
    r = valider(accord(SAS, _adhesion(date_agrement=None, reference_agrement="Arrêté du 1er mars 2024")))
    assert graves(r) == set()


def test_adhesion_unilaterale_sans_accord_type():
    patch = _adhesion({"depot.pieces": ["texte_accord"]}, par_document_unilateral=True,
                      accord_type_avec_options=False)
    assert valider(accord(SARL, patch)).ids(BLOQUANT) == {"ADHESION_BRANCHE"}
    inconnu = _adhesion({"depot.pieces": ["texte_accord"]}, par_document_unilateral=True,
                        accord_type_avec_options=None)
    r = valider(accord(SARL, inconnu))
    assert graves(r) == set() and r.statut == A_VERIFIER  # un point qui serait bloquant : jamais « conforme »
    assert "ADHESION_BRANCHE" in r.ids_a_verifier(BLOQUANT)


def test_adhesion_par_accord_sans_choix_offert():
    # L'accord de branche n'ouvre aucun choix : l'accord d'adhésion l'applique tel quel, sans option à citer.
    r = valider(accord(SAS, _adhesion(accord_type_avec_options=False, options=[])))
    assert graves(r) == set()


def test_adhesion_formule_propre_a_l_entreprise_a_verifier():
    options = [o for o in ADHESION["options"] if o["porte_sur"] != "formule"]
    r = valider(accord(SAS, _adhesion(options=options)))
    assert r.statut == A_VERIFIER
    p = next(p for p in r.a_verifier if p.id == "ADHESION_BRANCHE")
    assert "formule" in p.message and p.severite == BLOQUANT


# ------------------------------------------------------------------------------------------- PREVALIDATION


def test_prevalidation_sur_les_seules_donnees_a_verifier():
    r = valider(accord(SAS, {"depot.code_prevalidation": "MI-2026-000123"}))
    assert graves(r) == set() and r.statut == CONFORME
    p = next(p for p in r.a_verifier if p.id == "PREVALIDATION")
    assert "MI-2026-000123" in p.a_chercher and "L3313-3" in p.a_chercher


def test_prevalidation_revendiquee_par_un_document_de_cet_outil():
    r = valider(accord(SAS, {"depot.code_prevalidation": "MI-2026-000123"}), document=INTACT)
    assert graves(r) == {"PREVALIDATION"}
    assert "cet outil" in _constats(r, "PREVALIDATION")[0].message


@pytest.mark.parametrize(("depot", "avertit"), [("2023-02-16", True), ("2023-02-17", False)])
def test_prevalidation_avant_la_procedure(depot, avertit):
    patch = {"depot.code_prevalidation": "MI-1", "depot.date_depot": depot, "mise_en_place.date_conclusion": depot,
             "periode.date_effet": "2023-01-01", "periode.date_cloture_premier_exercice": "2023-12-31",
             "historique": [], "entreprise.resultats_fiscaux": []}
    r = valider(accord(SAS, patch))
    assert ("PREVALIDATION" in graves(r)) is avertit


def test_controle_urssaf_ne_tient_pas_le_code_pour_acquis():
    r = valider(accord(SAS, {"depot.code_prevalidation": "MI-1"}))
    c = _constats(r, "CONTROLE_URSSAF")[0]
    assert "R3313-4" in c.message and "10 septembre 2026" in c.message


def test_controle_urssaf_adhesion_a_une_branche_acquise_au_depot():
    c = _constats(valider(accord(SAS, _adhesion())), "CONTROLE_URSSAF")[0]
    assert "dès le dépôt" in c.message and "L3312-8" in c.message


# -------------------------------------------------------------------------------------------- SUIVI_ORGANE


@pytest.mark.parametrize(("patch", "constat"), [
    ({"information.suivi_par": "commission", "information.commission_creee_par_cse": True,
      "information.instance_litiges": "commission"}, False),
    ({"information.suivi_par": "commission"}, True),
    ({"information.suivi_par": "salaries"}, True),
    ({"information.instance_litiges": "commission"}, True),
    ({"information.instance_litiges": None,
      "information.reglement_litiges": "Les différends sont examinés par la commission de suivi."}, True),
    ({"information.instance_litiges": None,
      "information.reglement_litiges": "Les différends sont examinés par le CSE, puis le juge."}, False),
])
def test_suivi_par_le_cse_ou_une_commission_qu_il_cree(patch, constat):
    r = valider(accord(SAS, patch))
    assert graves(r) == ({"SUIVI_ORGANE"} if constat else set()), r.en_texte()


@pytest.mark.parametrize(("patch", "constat"), [
    ({}, False),
    ({"information.suivi_par": "cse"}, True),
    ({"information.instance_litiges": "cse"}, True),
    ({"information.reglement_litiges": "Les différends sont examinés par le comité social et économique."}, True),
    ({"information.suivi_par": "commission", "information.commission_creee_par_cse": True}, True),
    ({"information.reglement_litiges": "À défaut de CSE, les différends sont examinés entre l'employeur et le "
                                       "salarié, puis par le juge."}, False),
])
def test_sans_cse_information_directe_et_instance_existante(patch, constat):
    r = valider(accord(SARL, patch))
    assert graves(r) == ({"SUIVI_ORGANE"} if constat else set()), r.en_texte()


# ------------------------------------------------------------------------------- INFORMATION_DATE_PRESUMEE


def test_date_presumee_d_information():
    r = valider(accord(SAS, {"information.presomption_information": None}))
    assert graves(r) == {"INFORMATION_DATE_PRESUMEE"}
    c = _constats(r, "INFORMATION_DATE_PRESUMEE")[0]
    assert "15 jours" in c.message and c.parametres[0]["nom"] == "choix_salarie_delai_jours"
    r = valider(accord(SAS, {"information.presomption_information": {"moyen": "courrier", "jours_apres_envoi": 3}}))
    assert graves(r) == set()


# ------------------------------------------------------------------------------------ DENONCIATION_REVISION


@pytest.mark.parametrize("chemin", NEUF, ids=[p.stem for p in NEUF])
def test_denonciation_les_donnees_decident_sans_point_a_verifier(chemin):
    """Données d'un accord (JSON, brouillon) qui disent la forme de conclusion : la bibliothèque écrit la clause de
    ce mode, la règle n'a rien à dire (ni constat ni « à vérifier »)."""
    r = valider(charger_accord(chemin))
    assert "DENONCIATION_REVISION" not in r.ids_a_verifier() | graves(r), r.en_texte()


def test_denonciation_a_verifier_seulement_si_le_fait_est_inconnu(monkeypatch):
    modifie = ControleDocument("accord.docx", "e" * 64, "e" * 64, False, ["article 17 modifié"])
    p = next(p for p in valider(accord(SARL), document=modifie).a_verifier if p.id == "DENONCIATION_REVISION")
    assert p.severite == AVERTISSEMENT and "II de l'article L3312-5" in p.a_chercher
    p = next(p for p in valider(accord(SELAS), document=modifie).a_verifier if p.id == "DENONCIATION_REVISION")
    assert "D3313-7-1" in p.a_chercher and "ensemble des signataires" in p.a_chercher
    # Adhésion par accord dont la modalité de conclusion (CSE, délégués, ratification) n'est pas donnée.
    r = valider(accord(SAS, _adhesion({"mise_en_place.vote_cse": None})))
    p = next(p for p in r.a_verifier if p.id == "DENONCIATION_REVISION")
    assert "modalité du I de l'article L3312-5" in p.message
    # Document unilatéral d'adhésion : ni D3313-5 ni le II de L3312-5 ne sont ce qu'il faut chercher.
    r = valider(accord(SARL, _adhesion(par_document_unilateral=True, accord_type_avec_options=True)),
                document=modifie)
    p = next(p for p in r.a_verifier if p.id == "DENONCIATION_REVISION")
    assert "options de l'accord type" in p.a_chercher and "II de l'article L3312-5" not in p.a_chercher
    from validators import bibliotheque as module

    monkeypatch.setattr(module, "bibliotheque", lambda: None)
    assert "DENONCIATION_REVISION" in valider(accord(SAS)).ids_a_verifier()


def test_denonciation_document_intact_clause_de_la_bibliotheque():
    r = valider(accord(SAS), document=INTACT)
    assert "DENONCIATION_REVISION" not in r.ids_a_verifier() | graves(r)
    clause = ClauseFactice("revision_denonciation", regle="DENONCIATION_REVISION")
    with avec_bibliotheque([clause]):
        assert "DENONCIATION_REVISION" not in graves(valider(accord(SAS), document=INTACT))
    with avec_bibliotheque([]):
        assert graves(valider(accord(SAS), document=INTACT)) == {"DENONCIATION_REVISION"}


def test_denonciation_document_modifie_a_verifier():
    modifie = ControleDocument("accord.docx", "e" * 64, "e" * 64, False, ["article 14 modifié"])
    assert "DENONCIATION_REVISION" in valider(accord(SAS), document=modifie).ids_a_verifier()


# ------------------------------------------------------------------------------------------- PIECES_DEPOT


def test_pieces_a_deposer_avant_le_depot():
    r = valider(accord(SARL, {"depot.date_depot": None}))
    c = _constats(r, "PIECES_DEPOT")[0]
    assert c.severite == INFORMATION and "attestation" in c.message and "D3345-3" in c.message
    assert "procès-verbal de carence" not in c.message  # moins de 11 salariés


def test_pieces_du_depot_non_renseignees_a_verifier():
    r = valider(accord(SAS, {"depot.pieces": None}))
    assert graves(r) == set() and r.statut == CONFORME
    p = next(p for p in r.a_verifier if p.id == "PIECES_DEPOT")
    assert "procès-verbal de la séance du CSE" in p.message and "D3345-5" in p.message


@pytest.mark.parametrize(("pieces", "manque"), [
    (PIECES_DUE_CARENCE, False),
    (["texte_accord", "attestation_absence_delegue_syndical"], True),
    (["texte_accord", "pv_carence"], True),
])
def test_due_de_11_salaries_sans_cse_attestation_et_pv_de_carence(pieces, manque):
    patch = {"entreprise.effectif": 11, "entreprise.date_pv_carence": "2025-06-01", "depot.pieces": pieces}
    r = valider(accord(SARL, patch))
    assert graves(r) == ({"PIECES_DEPOT"} if manque else set()), r.en_texte()


def test_piece_inexistante_relève_de_sa_regle():
    # Pas de procès-verbal de carence du tout : c'est CSE_CARENCE, pas un oubli au dépôt.
    r = valider(accord(SARL, {"entreprise.effectif": 11, "depot.pieces": ["texte_accord",
                                                                         "attestation_absence_delegue_syndical"]}))
    assert graves(r) == {"CSE_CARENCE"}


def test_ratification_sans_demande_conjointe_dans_une_entreprise_sans_instance():
    patch = {"entreprise.cse": False, "entreprise.effectif": 9, "mise_en_place.ratification.effectif_inscrit": 9,
             "mise_en_place.ratification.votes_pour": 7, "mise_en_place.ratification.votes_contre": 0,
             "mise_en_place.ratification.demande_conjointe": False, "information.suivi_par": "salaries",
             "information.instance_litiges": "employeur", "information.reglement_litiges": "Employeur, puis juge."}
    r = valider(accord(SELAS, {**patch, "depot.pieces": ["texte_accord", "emargement_ou_pv_ratification"]}))
    assert graves(r) == {"PIECES_DEPOT"}
    assert "attestation" in _constats(r, "PIECES_DEPOT")[0].message
    r = valider(accord(SELAS, {**patch, "depot.pieces": ["texte_accord", "emargement_ou_pv_ratification",
                                                         "attestation_absence_delegue_syndical"]}))
    assert graves(r) == set()


# -------------------------------------------------------------------------------- CLAUSES_OBLIGATOIRES


def test_liste_des_clauses_absente_incomplete():
    a = accord(SAS, {"information.preambule": None, "repartition.part_presence": 0, "repartition.part_salaire": 0})
    statuts = {c.id: c.statut for c in clauses_obligatoires(a)}
    assert statuts["preambule"] == INCOMPLETE and statuts["repartition"] == ABSENTE
    assert statuts["calcul"] == PRESENTE
    r = valider(a)
    par_champ = {c.chemin[0]: c for c in _constats(r, "CLAUSES_OBLIGATOIRES")}
    assert par_champ["repartition"].severite == BLOQUANT
    assert par_champ["information.preambule"].severite == AVERTISSEMENT
    assert "article L3313-2" in par_champ["repartition"].message


def test_clause_obligatoire_de_la_bibliotheque_selon_le_mode():
    # La liste suit la bibliothèque : une entrée obligatoire nouvelle, sans exigence de données, est présente ;
    # une entrée réservée à un autre mode n'y figure pas.
    class ClauseDUE(ClauseFactice):
        def s_applique(self, accord):
            return accord.mise_en_place.mode == "decision_unilaterale"

    clauses = [ClauseFactice("preambule", "CLAUSES_OBLIGATOIRES", base_legale=("L3313-1",)),
               ClauseDUE("parties_decision", "FORMALITES_CONCLUSION")]
    with avec_bibliotheque(clauses):
        assert [c.id for c in clauses_obligatoires(accord(SAS))] == ["preambule"]
        assert [c.id for c in clauses_obligatoires(accord(SARL))] == ["preambule", "parties_decision"]


# -------------------------------------------------------------------------------------- faits non établis


def test_faits_inconnus_font_des_points_a_verifier_jamais_conforme():
    """Un accord construit à partir d'un texte lu : l'ancienneté n'a pas été lue (valeur de remplissage « aucune
    condition ») ; ANCIENNETE n'est ni « non applicable » ni conforme, mais à vérifier (et bloquante si contraire)."""
    a = accord(SAS, {"beneficiaires.anciennete": None})
    r = valider(a, faits_inconnus={"beneficiaires.anciennete"})
    assert not any(e.id == "ANCIENNETE" for e in r.regles_non_applicables)
    p = next(p for p in r.a_verifier if p.id == "ANCIENNETE")
    assert p.severite == BLOQUANT and "beneficiaires.anciennete" in p.message and p.a_chercher
    assert r.statut == A_VERIFIER


def test_faits_inconnus_un_constat_fonde_sur_eux_devient_a_verifier():
    a = accord(SAS, {"information.presomption_information": None})
    assert graves(valider(a)) == {"INFORMATION_DATE_PRESUMEE"}
    r = valider(a, faits_inconnus={"information.presomption_information"})
    assert graves(r) == set()
    p = next(p for p in r.a_verifier if p.id == "INFORMATION_DATE_PRESUMEE")
    assert p.message.startswith("Non établi") and "présumé informé" in p.a_chercher


def test_faits_inconnus_n_effacent_pas_un_constat_fonde_sur_des_faits_lus():
    a = accord(SAS, {"beneficiaires.anciennete.mois": 6})
    r = valider(a, faits_inconnus={"information.preambule"})
    assert "ANCIENNETE" in r.ids(BLOQUANT) and r.statut == NON_CONFORME


@pytest.mark.parametrize("id_regle", ["FORMALITES_CONCLUSION", "ADHESION_BRANCHE", "PREVALIDATION", "SUIVI_ORGANE",
                                      "INFORMATION_DATE_PRESUMEE", "DENONCIATION_REVISION", "PIECES_DEPOT"])
def test_nouvelles_regles_declarent_champs_et_quoi_chercher(id_regle):
    from validators import REGISTRE

    r = REGISTRE[id_regle]
    assert r.champs and len(r.a_chercher) > 40


# ------------------------------------------------------------------------------ chiffres en français, messages


def _plafond_depasse_exercice_decale():
    """Exercice du 1er juillet 2025 au 30 juin 2026, périodes semestrielles : la période 1 finit en 2025, mais le
    plafond individuel est celui du PASS de l'année de clôture de l'exercice (2026)."""
    from interessement.calcul import calculer_versement
    from interessement.modele import Versement

    a = accord(SELAS, {"periode.date_effet": "2025-07-01", "periode.date_cloture_premier_exercice": "2026-06-30",
                       "mise_en_place.date_conclusion": "2025-09-01", "mise_en_place.ratification.date_vote":
                       "2025-09-01", "depot.date_depot": "2025-09-05", "historique": [],
                       "formule.plafond": None})
    donnees = {"periode": 1, "valeurs": {"excedent_brut_exploitation": 100_000_000},
               "masse_salariale_centimes": 50_000_000,
               "salaries": [{"identifiant": "A", "salaire_brut_centimes": 45_000_000, "jours_inscrits": 184},
                            {"identifiant": "B", "salaire_brut_centimes": 5_000_000, "jours_inscrits": 184}]}
    calc = calculer_versement(a, Versement.model_validate(donnees))
    montants = dict(zip(calc.repartition.identifiants, calc.repartition.montants_centimes.tolist(), strict=True))
    plafond = calc.beneficiaires[0].plafond_centimes
    donnees["salaries"][0]["montant_verse_centimes"] = plafond + 1
    donnees["salaries"][1]["montant_verse_centimes"] = montants["B"]
    return a, Versement.model_validate(donnees), plafond


def test_l_annee_du_pass_citee_est_celle_dont_le_montant_est_utilise():
    a, v, plafond = _plafond_depasse_exercice_decale()
    r = valider(a, versement=v)
    c = next(c for c in r.constats if c.id == "PLAFOND_INDIVIDUEL")
    assert "PASS 2026" in c.message and "PASS 2025" not in c.message
    pass_utilise = next(p for p in c.parametres if p["nom"] == "plafond_annuel_securite_sociale")
    assert pass_utilise["en_vigueur_depuis"].startswith("2026") and pass_utilise["valeur_texte"] == "48\u00a0060,00\u00a0€"


def test_valeurs_en_francais_dans_le_texte_le_json_et_le_csv():
    from test_validators import _plafond_individuel_depasse

    a, v = _plafond_individuel_depasse()
    r = valider(a, versement=v)
    c = next(c for c in r.constats if c.id == "PLAFOND_INDIVIDUEL")
    d = c.to_dict()
    assert d["observe"].endswith("\u00a0€") and "," in d["observe"]
    assert isinstance(d["observe_brut"], int) and d["attendu"].startswith("au plus ")
    texte = r.en_texte()
    assert f"Constaté : {d['observe']}" in texte
    ligne = next(lg for lg in r.en_csv().splitlines() if ";PLAFOND_INDIVIDUEL;" in lg)
    assert d["observe"] in ligne and str(d["observe_brut"]) not in ligne
    assert "Paramètres : plafond_individuel_taux_pass = 75\u00a0%" in texte


@pytest.mark.parametrize(("patch", "id_regle"), [
    ({"formule.composantes[0].seuil_centimes": 0}, "ALEA_FAIBLE"),
    ({"formule.plafond.taux_masse_salariale": 0.21}, "PLAFOND_GLOBAL"),
    ({"repartition.part_salaire": 0.4}, "REPARTITION_CRITERES"),
    ({"versement.delai_versement_mois": 6}, "DATE_VERSEMENT"),
    ({"versement.delai_choix_jours": 10}, "AFFECTATION_PLAN"),
    ({"versement.avances": {"periodicite_mois": 1}}, "AVANCES"),
])
def test_jamais_de_taux_brut_ni_de_centimes_pour_les_personnes(patch, id_regle):
    import re

    r = valider(accord(SAS, patch))
    brut = re.compile(r"(?<![\w,])0\.\d+|\b\d{5,}\b|≤ \d|≥ \d")
    constats = [c for c in r.constats if c.id == id_regle]
    assert constats
    for c in constats:
        d = c.to_dict()
        for champ in ("message", "suggestion", "observe", "attendu"):
            assert not brut.search(str(d[champ] or "")), (champ, d[champ])


def test_interets_de_retard_en_francais():
    from test_validators_outils import versement

    r = valider(accord(SAS), versement=versement(SAS, {"date_versement": "2027-06-10", "taux_tmop": 0.04}))
    c = next(c for c in r.constats if c.id == "DATE_VERSEMENT")
    assert "1,33 × TMOP 4\u00a0%" in c.message and "1.33" not in c.message


def test_plancher_et_plafond_de_salaire_permis_par_la_loi():
    r = valider(accord(SAS, {"repartition.salaire_plafond_centimes": 6_000_000}))
    c = next(c for c in r.constats if c.id == "SALAIRE_PLANCHER_PLAFOND")
    assert c.severite == AVERTISSEMENT
    assert "non prévue par la loi" not in c.message and "L3314-5 permet" in c.message
    assert "même pour tous" in c.suggestion and "uniforme" in c.suggestion
    r = valider(accord(SAS, {"repartition.salaire_plafond_centimes": 1_000_000,
                             "repartition.salaire_plancher_centimes": 2_000_000}))
    assert any("dépasse le salaire plafond" in c.message for c in r.constats if c.id == "SALAIRE_PLANCHER_PLAFOND")
    # Accord conclu en 2022 : la loi ne le mentionnait pas encore ; jamais « non prévue par la loi ».
    patch = {"mise_en_place.date_conclusion": "2022-05-15", "depot.date_depot": "2022-06-10",
             "periode.date_effet": "2022-01-01", "periode.date_cloture_premier_exercice": "2022-12-31",
             "historique": [], "entreprise.resultats_fiscaux": [], "repartition.salaire_plancher_centimes": 1_500_000}
    c = next(c for c in valider(accord(SAS, patch)).constats if c.id == "SALAIRE_PLANCHER_PLAFOND")
    assert "doctrine administrative" in c.message and "non prévue" not in c.message


def test_quarantaine_citee_selon_l3314_5_en_vigueur():
    sans = [x for x in accord(SAS).repartition.absences_assimilees if x != "quarantaine"]
    r = valider(accord(SAS, {"repartition.absences_assimilees": sans}))
    c = next(c for c in r.constats if c.id == "ASSIMILATIONS_PRESENCE")
    assert "2° du I de l'article L3131-1 du code de la santé publique" in c.message
    assert "L3131-15" not in c.message
    from datetime import date

    from interessement import parametres

    assert "L3131-15" in parametres.reference_at("absences_assimilees_presence", date(2020, 6, 1)).titre
    assert "2° du I de l'article L3131-1" in parametres.reference_at("absences_assimilees_presence",
                                                                     date(2023, 12, 1)).titre


def test_affectation_par_defaut_seulement_vers_un_pee():
    assert graves(valider(accord(SAS, {"versement.plans_epargne": ["PERCOL"],
                                       "versement.affectation_defaut_plan": False}))) == set()
    assert graves(valider(accord(SAS, {"versement.affectation_defaut_plan": False}))) == {"AFFECTATION_PLAN"}


def test_reconduction_sans_formalite_inventee():
    c = next(c for c in valider(accord(SAS)).constats if c.id == "RECONDUCTION")
    assert "administration" not in c.suggestion and "3 ans" in c.message


def test_pv_de_carence_d_une_ratification_sans_demande_conjointe():
    patch = {"entreprise.cse": False, "entreprise.effectif": 20, "entreprise.date_pv_carence": "2021-01-10",
             "mise_en_place.ratification.effectif_inscrit": 20, "mise_en_place.ratification.votes_pour": 15,
             "mise_en_place.ratification.votes_contre": 0, "mise_en_place.ratification.demande_conjointe": False,
             "information.suivi_par": "salaries", "information.instance_litiges": "employeur",
             "information.reglement_litiges": "Employeur, puis juge.",
             "depot.pieces": ["texte_accord", "emargement_ou_pv_ratification",
                              "attestation_absence_delegue_syndical", "pv_carence"]}
    r = valider(accord(SELAS, patch))
    assert graves(r) == {"CSE_CARENCE"}
    assert "projet ratifié" in next(c for c in r.constats if c.id == "CSE_CARENCE").message
