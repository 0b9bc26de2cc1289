"""L'assistant Streamlit par AppTest : chaque étape par la clé de ses widgets, le retour en arrière qui garde les
valeurs, l'étape « Documents » fermée par un constat bloquant, la sauvegarde automatique et la reprise."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from chemins import EXEMPLES
from outils_assistant import (  # noqa: E402
    APP,
    ETAPES,
    a_renseigner,
    aller,
    boulangerie,
    brouillon,
    demarrer,
    ouvrir,
    sans_exception,
    textes,
)
from outils_assistant import dates as remplir_dates  # noqa: E402
from outils_assistant import entreprise as remplir_entreprise  # noqa: E402
from outils_assistant import formule as remplir_formule  # noqa: E402
from outils_assistant import repartition as remplir_repartition  # noqa: E402
from streamlit.testing.v1 import AppTest

from interessement.fichiers_salaries import ecrire_modele_csv


def tableau(at: AppTest, colonne: str):
    """Le tableau (DataFrame) affiché qui a cette colonne."""
    for df in list(at.dataframe) + list(at.table):
        if colonne in df.value.columns:
            return df.value
    raise AssertionError(f"aucun tableau avec la colonne « {colonne} »")


def _charger(at: AppTest, raison_sociale: str) -> None:
    ouvrir(at, "fenetre_exemples")
    libelle = next(o for o in at.selectbox(key="outil_exemple").options if raison_sociale in o)
    at.selectbox(key="outil_exemple").set_value(libelle).run()
    at.button(key="outil_charger_exemple").click().run()


# ------------------------------------------------------------------------------------------- parcours


def test_premier_ecran_brouillon_vierge_et_jeton_dans_l_adresse(base):
    at = demarrer()
    sans_exception(at)
    assert at.header[0].value == "Entreprise"
    assert at.text_input(key="entreprise_raison_sociale").value == ""
    assert at.number_input(key="entreprise_effectif").value is None
    assert at.radio(key="entreprise_cse").value is None  # aucune réponse choisie à la place de la personne
    assert brouillon(at)["entreprise"]["dirigeants"] == []
    jeton = at.query_params["brouillon"]
    assert len(jeton) >= 16
    assert "Étape 1 sur 10" in at.get("progress")[0].proto.text


def test_toutes_les_etapes_s_affichent_dans_l_ordre(base):
    at = demarrer()
    titres = [at.header[0].value]
    for _ in range(len(ETAPES) - 1):
        at.button(key="nav_suivant").click().run()
        sans_exception(at)
        titres.append(at.header[0].value)
    assert titres == ["Entreprise", "Mode de mise en place", "Dates et durée", "Bénéficiaires", "Formule de calcul",
                      "Répartition entre salariés", "Versement et épargne salariale", "Information et signataires",
                      "Récapitulatif et vérification", "Documents"]
    at.button(key="nav_precedent").click().run()
    assert at.header[0].value == "Récapitulatif et vérification"


def test_revenir_en_arriere_garde_les_valeurs(base):
    at = demarrer()
    remplir_entreprise(at, nom="Scierie Dubois & Fils", effectif=30, ds=True, cse=True, pv_carence=None)
    at.button(key="nav_suivant").click().run()
    at.radio(key="mise_en_place_mode").set_value("accord_delegues_syndicaux")
    at.button(key="nav_suivant").click().run()
    at.selectbox(key="dates_duree").set_value(2)
    at.button(key="nav_precedent").click().run()
    assert at.radio(key="mise_en_place_mode").value == "accord_delegues_syndicaux"
    at.button(key="nav_precedent").click().run()
    assert at.text_input(key="entreprise_raison_sociale").value == "Scierie Dubois & Fils"
    assert at.number_input(key="entreprise_effectif").value == 30
    assert at.radio(key="entreprise_delegues_syndicaux").value is True
    aller(at, "dates")
    assert at.selectbox(key="dates_duree").value == 2
    assert brouillon(at)["periode"]["duree_annees"] == 2


# ------------------------------------------------------------------------------------------- étape par étape


def test_entreprise_siren_invalide_signale_a_cote_du_champ(base):
    at = demarrer()
    at.text_input(key="entreprise_siren").set_value("812345677").run()
    assert "clé de contrôle" in textes(at.error)
    at.text_input(key="entreprise_siren").set_value("812345676").run()
    assert "clé de contrôle" not in textes(at.error)


def test_entreprise_dirigeants_ajout_et_suppression(base):
    at = demarrer()
    assert "le dirigeant qui représente l'entreprise" in textes(at.caption)
    at.button(key="entreprise_dirigeant_ajouter").click().run()
    assert brouillon(at)["entreprise"]["dirigeants"] == [{"nom": "", "qualite": None,
                                                          "titulaire_contrat_travail": False}]
    at.text_input(key="entreprise_dirigeant_0_nom").set_value("Julien Lefèvre").run()
    at.button(key="entreprise_dirigeant_ajouter").click().run()
    at.text_input(key="entreprise_dirigeant_1_nom").set_value("Anne Lefèvre").run()
    at.selectbox(key="entreprise_dirigeant_1_qualite").set_value("directeur_general").run()
    assert [d["nom"] for d in brouillon(at)["entreprise"]["dirigeants"]] == ["Julien Lefèvre", "Anne Lefèvre"]
    at.button(key="entreprise_dirigeant_0_supprimer").click().run()
    assert [d["nom"] for d in brouillon(at)["entreprise"]["dirigeants"]] == ["Anne Lefèvre"]
    assert at.text_input(key="entreprise_dirigeant_0_nom").value == "Anne Lefèvre"


def test_mise_en_place_seulement_les_modes_possibles(base):
    at = demarrer()
    remplir_entreprise(at, effectif=60, cse=False)
    at.button(key="nav_suivant").click().run()
    options = at.radio(key="mise_en_place_mode").options
    assert "Décision unilatérale de l'employeur" not in options
    assert "Accord conclu au sein du CSE" not in options
    assert options == ["Ratification à la majorité des deux tiers du personnel"]
    assert "Réservée aux entreprises de moins de 50 salariés" in textes(at.markdown)


def test_mise_en_place_ratification_majorite_des_deux_tiers(base):
    at = demarrer()
    remplir_entreprise(at, effectif=18)
    aller(at, "mise_en_place")
    at.radio(key="mise_en_place_mode").set_value("ratification").run()
    # Aucun vote n'est écrit à la place de la personne : tout est à renseigner.
    assert brouillon(at)["mise_en_place"]["ratification"]["votes_pour"] is None
    assert "le nombre de votes pour" in a_renseigner(at)
    at.number_input(key="mise_en_place_ratification_inscrits").set_value(18)
    at.number_input(key="mise_en_place_ratification_pour").set_value(11).run()
    assert "au moins 12 votes pour" in textes(at.error)
    at.number_input(key="mise_en_place_ratification_pour").set_value(12).run()
    assert "votes pour" not in textes(at.error)


def test_dates_conclusion_tardive_ferme_les_documents(base):
    at = demarrer()
    boulangerie(at)
    aller(at, "dates")
    effet = date.fromisoformat(brouillon(at)["periode"]["date_effet"])
    at.text_input(key="dates_conclusion").set_value(f"01/09/{effet.year}").run()
    assert "au plus tard le 30 juin" in textes(at.error)
    aller(at, "documents")
    sans_exception(at)
    assert "Les documents restent fermés" in textes(at.error)
    assert not at.main.download_button
    # Le bouton « Modifier » ramène à l'étape qui bloque ; corriger rouvre les documents.
    bouton = next(b for b in at.button if b.key and b.key.startswith("documents_corriger_"))
    bouton.click().run()
    assert at.header[0].value == "Dates et durée"
    at.text_input(key="dates_conclusion").set_value(f"01/03/{effet.year}").run()
    aller(at, "documents")
    assert "Les documents restent fermés" not in textes(at.error)
    assert at.download_button(key="documents_json")


def test_beneficiaires_anciennete_bornee_et_dirigeants_selon_l_effectif(base):
    at = demarrer()
    remplir_entreprise(at, effectif=18)
    aller(at, "beneficiaires")
    # Bornes contrôlées par l'assistant (message français), pas par Streamlit (message anglais)
    at.number_input(key="beneficiaires_anciennete").set_value(4).run()
    assert "indiquez un nombre entre 0 et 3" in textes(at.error)
    assert brouillon(at)["beneficiaires"]["anciennete"]["mois"] is None
    at.number_input(key="beneficiaires_anciennete").set_value(3).run()
    assert "indiquez un nombre entre" not in textes(at.error)
    at.radio(key="beneficiaires_dirigeants").set_value(True).run()
    assert brouillon(at)["beneficiaires"]["dirigeants_inclus"] is True
    aller(at, "entreprise")
    at.number_input(key="entreprise_effectif").set_value(300).run()
    aller(at, "beneficiaires")
    assert not [c for c in at.radio if c.key == "beneficiaires_dirigeants"]
    assert brouillon(at)["beneficiaires"]["dirigeants_inclus"] is False
    assert "réservé aux entreprises de 1 à 249 salariés" in textes(at.info)
    # Le changement est dit à l'étape, pas appliqué en silence.
    assert "les dirigeants ne peuvent plus bénéficier" in textes(at.warning)


def test_formule_part_du_resultat_simulation_en_direct(base):
    at = demarrer()
    aller(at, "formule")
    sans_exception(at)
    assert not brouillon(at)["formule"]["composantes"]  # aucune formule choisie à la place de la personne
    remplir_formule(at, taux=20.0, seuil=40_000)
    at.number_input(key="formule_sim_masse").set_value(700_000)
    at.number_input(key="formule_sim_resultat_exploitation").set_value(90_000).run()
    metriques = {m.label: m.value for m in at.metric}
    # 20 % × (90 000 − 40 000) = 10 000 €
    assert metriques["Enveloppe d'intéressement"] == "10\u00a0000,00\u00a0€"
    at.number_input(key="formule_pr_taux").set_value(10.0).run()
    assert {m.label: m.value for m in at.metric}["Enveloppe d'intéressement"] == "5\u00a0000,00\u00a0€"


def test_formule_back_test_et_alea_sur_les_chiffres_de_l_exemple(base):
    at = demarrer()
    _charger(at, "Dupont")
    aller(at, "formule")
    sans_exception(at)
    # Back-test sur les 5 exercices de l'exemple et mesure de l'aléa
    assert len(tableau(at, "Ce qui l'a décidé")) == 5
    assert "Chance de verser une prime (par exercice)" in {m.label for m in at.metric}
    # La méthode dite en une phrase est celle employée (4 variations sur 5 exercices : loi ajustée, pas un
    # tirage parmi les variations), et les chiffres de la phrase sont ceux du graphique (première période).
    textes = " ".join(m.value for m in at.markdown)
    assert "selon la moyenne et la dispersion des variations" in textes and "(4 variations observées)" in textes
    assert "en auraient versé une **3 années sur 5**" in textes
    assert "Première période : enveloppe médiane des scénarios **" in textes
    assert "dans 90 % des scénarios entre" in textes


def test_formule_paliers_du_chiffre_d_affaires_imposent_un_declencheur(base):
    at = demarrer()
    aller(at, "formule")
    at.toggle(key="formule_famille_paliers_croissance").set_value(True).run()
    sans_exception(at)
    at.selectbox(key="formule_pa_indicateur").set_value("chiffre_affaires").run()
    f = brouillon(at)["formule"]
    assert [c["type"] for c in f["composantes"]] == ["paliers_croissance"]
    # La condition de résultat est demandée, jamais choisie à la place de la personne.
    assert f["declencheurs"] and f["declencheurs"][0]["indicateur"] is None
    assert at.toggle(key="formule_dcl_actif").disabled
    assert "le résultat de la condition de déclenchement" in a_renseigner(at)
    # Retirer la dernière famille laisse la formule « à renseigner » ; aucune famille interdite n'est proposée.
    at.toggle(key="formule_famille_paliers_croissance").set_value(False).run()
    assert brouillon(at)["formule"]["composantes"] == []
    assert "au moins une" in textes(at.warning)
    libelles = " ".join(t.label for t in at.toggle)
    assert "fixe" not in libelles and "plancher" not in libelles.lower()


def test_formule_objectifs_poids_a_100(base):
    at = demarrer()
    aller(at, "formule")
    at.toggle(key="formule_famille_objectifs").set_value(True).run()
    assert brouillon(at)["formule"]["composantes"][0]["objectifs"][0]["nom"] == ""
    at.text_input(key="formule_ob_0_nom").set_value("Taux de livraisons à l'heure")
    at.number_input(key="formule_ob_0_poids").set_value(100.0)
    at.button(key="formule_ob_ajouter").click().run()
    at.text_input(key="formule_ob_1_nom").set_value("Taux de réclamations")
    at.number_input(key="formule_ob_1_poids").set_value(50.0).run()
    assert "Les poids des objectifs font 150 % au lieu de 100 %" in textes(at.error)
    at.number_input(key="formule_ob_0_poids").set_value(60.0)
    at.number_input(key="formule_ob_1_poids").set_value(40.0).run()
    assert "au lieu de 100 %" not in textes(at.error)


def test_repartition_parts_a_100_et_absences_legales(base):
    at = demarrer()
    aller(at, "repartition")
    assert "le partage de l'enveloppe entre les trois clés" in a_renseigner(at)
    at.number_input(key="repartition_part_uniforme").set_value(20.0).run()
    assert "20 % au lieu de 100 %" in textes(at.error)
    at.number_input(key="repartition_part_salaire").set_value(50.0)
    at.number_input(key="repartition_part_presence").set_value(30.0).run()
    assert "au lieu de 100 %" not in textes(at.error)
    absences = brouillon(at)["repartition"]["absences_assimilees"]
    assert {"maternite", "paternite_accueil_enfant", "adoption", "deuil", "accident_travail",
            "maladie_professionnelle", "quarantaine"} <= set(absences)
    # Avec une clé de présence, les congés payés ont leur question (plus une case parmi les autres absences).
    assert "conges_payes" not in at.multiselect(key="repartition_absences_autres").options
    at.radio(key="repartition_conges_payes").set_value(True).run()
    assert "conges_payes" in brouillon(at)["repartition"]["absences_assimilees"]
    at.multiselect(key="repartition_absences_autres").select("maladie").run()
    assert {"conges_payes", "maladie"} <= set(brouillon(at)["repartition"]["absences_assimilees"])


def _csv_salaries(n: int) -> bytes:
    lignes = ["identifiant;nom;salaire_brut;jours_inscrits;absences_maladie"]
    for i in range(n):
        salaire = "1000000,00" if i == 0 else f"{30000 + 500 * i},00"
        lignes.append(f"S{i:03d};Salarié Témoin {i:03d};{salaire};365;{i % 7}")
    return ("\n".join(lignes) + "\n").encode("utf-8")


def _montant(at: AppTest, montant: int) -> None:
    at.radio(key="repartition_enveloppe_mode").set_value("manuelle").run()
    at.number_input(key="repartition_enveloppe_montant").set_value(montant).run()


def test_repartition_demande_les_cles_avant_de_montrer_les_primes(base):
    at = demarrer()
    aller(at, "repartition")
    at.button(key="repartition_fictif").click().run()
    sans_exception(at)
    assert "répondez d'abord ci-dessus" in textes(at.info)
    assert not [m for m in at.metric if m.label == "Bénéficiaires"]


def test_repartition_fichier_des_salaries_tableau_plafond_et_rien_en_base(base):
    at = demarrer()
    remplir_repartition(at)
    assert at.download_button(key="repartition_modele")
    at.file_uploader(key="repartition_fichier").upload("salaries.csv", _csv_salaries(30), "text/csv").run()
    _montant(at, 60_000)
    sans_exception(at)
    donnees = tableau(at, "Prime brute")
    assert len(donnees) == 30
    metriques = {m.label: m.value for m in at.metric}
    assert metriques["Bénéficiaires"] == "30"
    # Le coût et le net salarié sont affichés
    assert len(tableau(at, "Intéressement placé (PEE)")) == 5
    # Rien des salariés dans la base des brouillons
    contenu = " ".join(r[0] for r in sqlite3.connect(base).execute("SELECT contenu FROM brouillons"))
    assert "Salarié Témoin" not in contenu and "S001" not in contenu


def test_repartition_enveloppe_choisie_et_plafond_individuel_signale(base):
    at = demarrer()
    remplir_repartition(at)
    at.file_uploader(key="repartition_fichier").upload("salaries.csv", _csv_salaries(5), "text/csv").run()
    at.radio(key="repartition_enveloppe_mode").set_value("manuelle").run()
    at.number_input(key="repartition_enveloppe_montant").set_value(200_000).run()
    donnees = tableau(at, "Prime brute")
    assert True in list(donnees["Plafond atteint"])
    assert "plafond individuel" in textes(at.warning)


def test_repartition_fichier_faux_message_francais_et_rien_perdu(base):
    at = demarrer()
    aller(at, "repartition")
    at.number_input(key="repartition_part_uniforme").set_value(10.0)
    at.number_input(key="repartition_part_presence").set_value(40.0).run()
    faux = b"identifiant;salaire_brut;jours_inscrits\nA1;-12;365\nA2;abc;400\n"
    at.file_uploader(key="repartition_fichier").upload("faux.csv", faux, "text/csv").run()
    sans_exception(at)
    erreurs = textes(at.error) + textes(at.markdown)
    assert "n'a pas pu être lu" in erreurs and "Ligne 2" in erreurs
    assert brouillon(at)["repartition"]["part_uniforme"] == 0.1


def test_repartition_graphique_par_salarie(base):
    at = demarrer()
    remplir_repartition(at)
    at.button(key="repartition_fictif").click().run()
    at.segmented_control(key="repartition_vue").set_value("Graphique").run()
    sans_exception(at)
    assert any("vega" in type(e).__name__.lower() or "vega" in str(getattr(e, "type", "")).lower()
               for e in at.main)


def test_repartition_graphique_nomme_chaque_barre():
    """Constat du parcours du garage (22 salariés) : l'axe ne montrait qu'un nom sur deux (chevauchement masqué
    par Vega) ; jusqu'à 40 salariés, chaque barre garde son nom."""
    from interface import graphiques

    lignes = [{"nom": f"Salarié n° {i}", "identifiant": str(i), "montant_centimes": 50_000 + i, "plafonne": False}
              for i in range(22)]
    axe = graphiques.repartition(lignes).to_dict()["encoding"]["x"]["axis"]
    assert axe["labels"] is True and axe["labelOverlap"] is False, axe


def test_repartition_equipe_fictive_et_modele_csv(base):
    at = demarrer()
    remplir_entreprise(at, effectif=18)
    remplir_repartition(at)
    at.button(key="repartition_fictif").click().run()
    assert len(tableau(at, "Prime brute")) == 18
    at.file_uploader(key="repartition_fichier").upload("modele.csv", ecrire_modele_csv(), "text/csv").run()
    assert len(tableau(at, "Prime brute")) == 2


def test_versement_plans_et_avances(base):
    at = demarrer()
    aller(at, "versement")
    assert at.number_input(key="versement_delai").value is None
    at.number_input(key="versement_delai").set_value(6).run()
    assert "indiquez un nombre entre 1 et 5" in textes(at.error)
    at.number_input(key="versement_delai").set_value(5).run()
    assert "indiquez un nombre entre" not in textes(at.error)
    assert "si l'entreprise a un plan d'épargne salariale" in a_renseigner(at)
    at.radio(key="versement_plans_existe").set_value(True).run()
    at.multiselect(key="versement_plans").select("PEE").run()
    assert "15 jours" in textes(at.info)
    at.radio(key="versement_avances_actif").set_value(True).run()
    assert brouillon(at)["versement"]["avances"]["periodicite_mois"] is None
    at.selectbox(key="versement_avances_periodicite").set_value(3).run()
    v = brouillon(at)["versement"]
    assert v["plans_epargne"] == ["PEE"] and v["avances"]["periodicite_mois"] == 3


def test_information_signataires_et_preambule_propose(base):
    at = demarrer()
    remplir_entreprise(at, effectif=30, cse=True, pv_carence=None, dirigeant=("Julien Lefèvre", "president"))
    remplir_formule(at, taux=20.0, seuil=40_000)
    aller(at, "information")
    # Rien n'est écrit d'avance : ni préambule, ni signataire, ni lieu.
    assert not brouillon(at)["information"]["preambule"]
    assert brouillon(at)["mise_en_place"]["signataires"] == [] and brouillon(at)["mise_en_place"]["lieu"] is None
    # Le signataire et le lieu qui suivent de l'étape 1 sont proposés, puis confirmés d'un clic.
    assert at.button(key="information_proposer_signataire_0").label.startswith("Ajouter « Julien Lefèvre, Président »")
    at.button(key="information_proposer_signataire_0").click().run()
    assert brouillon(at)["mise_en_place"]["signataires"][0] == {"nom": "Julien Lefèvre", "qualite": "Président",
                                                                 "partie": "employeur", "organisation": None}
    at.button(key="information_prendre_lieu").click().run()
    assert brouillon(at)["mise_en_place"]["lieu"] == "Rennes"
    at.button(key="information_signataire_ajouter").click().run()
    at.text_input(key="information_signataire_1_nom").set_value("Paul Girard")
    at.text_input(key="information_signataire_1_qualite").set_value("Membre suppléant du CSE").run()
    assert brouillon(at)["mise_en_place"]["signataires"][1]["nom"] == "Paul Girard"
    assert "le préambule" in a_renseigner(at)
    at.button(key="information_proposer").click().run()
    assert "20 %" in at.text_area(key="information_preambule").value
    # Avec un CSE : le suivi par le CSE ou une commission créée par lui ; les salariés directement n'est pas proposé.
    assert set(at.radio(key="information_suivi").options) == {"Le comité social et économique (CSE)",
                                                              "Une commission spécialisée créée par le CSE"}
    at.radio(key="information_suivi").set_value("commission").run()
    assert brouillon(at)["information"]["commission_creee_par_cse"] is True
    assert "La commission de suivi créée par le CSE" in at.radio(key="information_instance").options


def test_le_preambule_propose_suit_la_formule_tant_qu_il_n_est_pas_retouche(base):
    at = demarrer()
    remplir_formule(at, taux=20.0, seuil=40_000)
    aller(at, "information")
    at.button(key="information_proposer").click().run()
    aller(at, "formule")
    at.number_input(key="formule_pr_seuil").set_value(65_000).run()
    assert "65\u00a0000,00\u00a0€" in brouillon(at)["information"]["preambule"]
    aller(at, "information")
    at.text_area(key="information_preambule").set_value("Notre préambule, écrit par nous.").run()
    aller(at, "formule")
    at.number_input(key="formule_pr_seuil").set_value(70_000).run()
    assert brouillon(at)["information"]["preambule"] == "Notre préambule, écrit par nous."


def test_revue_liste_tout_et_modifier_ramene_a_l_etape(base):
    at = demarrer()
    boulangerie(at)
    aller(at, "revue")
    sans_exception(at)
    contenu = textes(at.markdown)
    assert "Fournil des Halles" in contenu and "Décision unilatérale de l'employeur" in contenu
    assert "Conforme" in textes(at.success)
    for code in ETAPES[:8]:
        assert at.button(key=f"revue_modifier_{code}")
    at.button(key="revue_modifier_formule").click().run()
    assert at.header[0].value == "Formule de calcul"
    assert at.number_input(key="formule_pr_taux").value == 15.0


def test_revue_d_un_brouillon_vierge_nomme_ce_qui_manque_et_ne_dit_pas_conforme(base):
    at = demarrer()
    aller(at, "revue")
    sans_exception(at)
    assert "réponses à renseigner" in textes(at.warning)
    assert "la raison sociale" in textes(at.markdown) and "le mode de mise en place" in textes(at.markdown)
    assert "Conforme" not in textes(at.success)
    at.button(key="revue_completer_dates").click().run()
    assert at.header[0].value == "Dates et durée"


def test_documents_ouverts_quand_tout_est_repondu(base):
    at = demarrer()
    boulangerie(at)
    aller(at, "documents")
    sans_exception(at)
    assert "Les documents restent fermés" not in textes(at.error)
    assert at.download_button(key="documents_json")
    assert at.download_button(key="documents_ics")


# ------------------------------------------------------------------------------------------ sauvegarde


def test_sauvegarde_automatique_et_reprise_par_le_jeton(base, monkeypatch):
    from interface import etat
    from interface.stockage import nouveau_secret

    secret = nouveau_secret()  # le cookie du navigateur (AppTest n'a pas de cookies)
    monkeypatch.setattr(etat, "_cookie_secret", lambda: secret)
    at = demarrer()
    jeton = at.query_params["brouillon"]
    at.text_input(key="entreprise_raison_sociale").set_value("Imprimerie Morel").run()
    at.button(key="nav_suivant").click().run()
    at.button(key="nav_suivant").click().run()
    # « Rechargement » : une nouvelle session avec la même adresse
    repris = demarrer(brouillon=jeton)
    sans_exception(repris)
    assert repris.header[0].value == "Dates et durée"
    assert brouillon(repris)["entreprise"]["raison_sociale"] == "Imprimerie Morel"
    aller(repris, "entreprise")
    assert repris.text_input(key="entreprise_raison_sociale").value == "Imprimerie Morel"
    # Un jeton inconnu ou malformé donne un brouillon neuf, jamais une erreur
    neuf = demarrer(brouillon="../../etc/passwd")
    sans_exception(neuf)
    assert brouillon(neuf)["entreprise"]["raison_sociale"] == ""
    assert neuf.query_params["brouillon"] != "../../etc/passwd"


def test_sauvegarde_impossible_le_dit_sans_bloquer(tmp_path, monkeypatch):
    (tmp_path / "un-fichier").write_text("pas un dossier")
    monkeypatch.setenv("INTERESSEMENT_BROUILLONS", str(tmp_path / "un-fichier" / "b.sqlite3"))
    at = demarrer()
    sans_exception(at)
    assert "Sauvegarde automatique impossible" in textes(at.sidebar.warning)


def test_json_telecharge_puis_repris(base):
    at = demarrer()
    at.text_input(key="entreprise_raison_sociale").set_value("Garage Roux").run()
    ouvrir(at, "fenetre_json")
    donnees = at.download_button(key="outil_telecharger").proto
    assert donnees.label == "Télécharger le brouillon (JSON)"
    # Un brouillon incomplet s'exporte et se reprend tel quel (rien n'est perdu, rien n'est ajouté).
    from interface.brouillon import exporter_json

    at.button(key="nav_aller_versement").click().run()
    at.radio(key="versement_plans_existe").set_value(False).run()
    exporte = exporter_json(brouillon(at), at.session_state["assistant"]["ui"])
    autre = demarrer()
    ouvrir(autre, "fenetre_json")
    autre.file_uploader(key="outil_reprendre").upload("brouillon.json", exporte.encode(), "application/json").run()
    sans_exception(autre)
    assert brouillon(autre)["entreprise"]["raison_sociale"] == "Garage Roux"
    assert brouillon(autre)["entreprise"]["effectif"] is None
    assert autre.session_state["assistant"]["ui"]["questions"]["plans"] is False
    assert autre.text_input(key="entreprise_raison_sociale").value == "Garage Roux"


@pytest.mark.parametrize("contenu", [b"{ceci n'est pas du JSON", b"[]", json.dumps({"entreprise": {}}).encode(),
                                     "\u00e9t\u00e9".encode("latin-1")])
def test_json_faux_message_francais_et_brouillon_garde(base, contenu):
    at = demarrer()
    at.text_input(key="entreprise_raison_sociale").set_value("Garage Roux").run()
    ouvrir(at, "fenetre_json")
    at.file_uploader(key="outil_reprendre").upload("faux.json", contenu, "application/json").run()
    sans_exception(at)
    assert "votre brouillon actuel est conservé" in textes(at.sidebar.error)
    assert brouillon(at)["entreprise"]["raison_sociale"] == "Garage Roux"
    assert at.text_input(key="entreprise_raison_sociale").value == "Garage Roux"


def test_charger_un_exemple(base):
    at = demarrer()
    ouvrir(at, "fenetre_exemples")
    libelle = next(o for o in at.selectbox(key="outil_exemple").options if "Dupont" in o)
    at.selectbox(key="outil_exemple").set_value(libelle).run()
    at.button(key="outil_charger_exemple").click().run()
    sans_exception(at)
    assert at.text_input(key="entreprise_raison_sociale").value == "Atelier Dupont & Fils"
    assert at.number_input(key="entreprise_effectif").value == 30
    attendu = json.loads((EXEMPLES / "sas-30-part-resultat.json").read_text(encoding="utf-8"))
    assert brouillon(at)["formule"]["composantes"][0]["seuil_centimes"] == \
        attendu["formule"]["composantes"][0]["seuil_centimes"]
    # Chaque étape dit que le brouillon est un exemple, et nomme les valeurs de l'exemple qu'elle contient.
    for code in ETAPES:
        aller(at, code)
        sans_exception(at)
        assert "Brouillon d'exemple" in textes(at.warning), code
    assert "Raison sociale = « Atelier Dupont & Fils »" in textes(at.markdown) + textes(at.warning)
    # L'étape « Documents » refuse un document qui porte des valeurs d'exemple, et les nomme.
    assert "Les documents restent fermés" in textes(at.error)
    assert "valeurs de l'exemple « Atelier Dupont & Fils (30 salariés) »" in textes(at.error)
    assert not [b for b in at.main.download_button if b.key == "documents_docx"]


def test_nouveau_brouillon_est_vierge(base):
    at = demarrer()
    _charger(at, "Dupont")
    at.button(key="outil_nouveau").click().run()
    sans_exception(at)
    assert brouillon(at)["entreprise"]["raison_sociale"] == ""
    assert brouillon(at)["formule"]["composantes"] == []
    assert "Brouillon d'exemple" not in textes(at.warning)


def test_une_valeur_d_exemple_remplacee_ou_confirmee_n_est_plus_signalee(base):
    at = demarrer()
    _charger(at, "Dupont")
    at.text_input(key="entreprise_raison_sociale").set_value("Atelier Kermarrec").run()
    assert "Raison sociale = « Atelier Dupont" not in textes(at.warning)
    assert "Brouillon d'exemple" in textes(at.warning)  # il en reste ailleurs
    at.button(key="entreprise_confirmer_exemple").click().run()
    assert "Dans cette étape" not in textes(at.warning)


@pytest.mark.parametrize("exemple", sorted(p.name for p in EXEMPLES.glob("*.json")
                                           if not p.name.endswith(".versement.json")))
def test_chaque_exemple_traverse_toutes_les_etapes(base, exemple):
    at = demarrer()
    ouvrir(at, "fenetre_exemples")
    libelle = next(o for o in at.selectbox(key="outil_exemple").options
                   if json.loads((EXEMPLES / exemple).read_text(encoding="utf-8"))["entreprise"]["raison_sociale"] in o)
    at.selectbox(key="outil_exemple").set_value(libelle).run()
    at.button(key="outil_charger_exemple").click().run()
    avant = json.loads(json.dumps(brouillon(at)))
    for code in ETAPES:
        aller(at, code)
        sans_exception(at)
    # Parcourir les étapes sans rien toucher ne change pas l'accord (hors normalisation des indicateurs).
    apres = brouillon(at)
    for cle in ("entreprise", "periode", "beneficiaires", "repartition", "versement"):
        assert apres[cle] == avant[cle], cle


# -------------------------------------------------------------------------------------------- vérifier


def test_page_verifier_un_lot_d_exemples(base):
    at = demarrer()
    at.switch_page("interface/pages/verifier.py").run()
    sans_exception(at)
    fichiers = [(p.name, p.read_bytes(), "application/json") for p in sorted(EXEMPLES.glob("*.json"))]
    fichiers.append(("casse.json", b"{", "application/json"))
    at.file_uploader(key="verif_fichiers").set_value(fichiers).run()
    sans_exception(at)
    metriques = {m.label: m.value for m in at.metric}
    assert metriques == {"Accords vérifiés": "4", "Conformes": "4", "Non conformes": "0", "À vérifier": "0",
                         "Illisibles": "1"}
    synthese = tableau(at, "Versement contrôlé")
    assert set(synthese["Versement contrôlé"]) >= {"sas-30-part-resultat.versement.json"}
    assert "JSON illisible" in textes(at.error)
    assert at.download_button(key="verif_export_csv") and at.download_button(key="verif_export_json")
    at.multiselect(key="verif_severites").set_value(["INFORMATION"]).run()
    at.multiselect(key="verif_regles").set_value(["RECONDUCTION"]).run()
    sans_exception(at)


def test_documents_word_et_verification_du_docx_produit(base):
    import validators
    from interessement.documents import controler_document, lire_accord

    at = demarrer()
    boulangerie(at)
    aller(at, "documents")
    docx = at.download_button(key="documents_docx")
    assert docx.proto.label.endswith("(Word, prêt à signer)")
    assert at.download_button(key="documents_note") and at.download_button(key="documents_depot")
    contenu = at.session_state["calculs"]
    rendus = next(v for (nom, _), v in contenu.items() if nom == "documents")
    accord = lire_accord(rendus["accord"])
    assert accord.entreprise.raison_sociale == "Fournil des Halles"
    assert validators.valider(accord, document=controler_document(rendus["accord"])).statut == "conforme"
    # Le .docx produit passe aussi par la page « Vérifier des accords »
    at.switch_page("interface/pages/verifier.py").run()
    at.file_uploader(key="verif_fichiers").upload("accord.docx", rendus["accord"], "application/octet-stream").run()
    sans_exception(at)
    assert {m.label: m.value for m in at.metric}["Conformes"] == "1"


def test_documents_avec_ou_sans_exemple_chiffre_au_choix(base):
    """Issue 9 : l'accord peut être produit sans son exemple chiffré ; le choix se voit à l'étape des documents
    (coché « avec » par défaut, comme avant), va dans les données de l'accord (format 1.2) et le document produit
    sans exemple reste vérifiable (re-rendu depuis ses données)."""
    from interessement.documents import controler_document, lire_accord
    from interessement.integrite import texte_canonique

    def rendus(at) -> dict[str, bytes]:
        """Les documents rendus pour le brouillon tel qu'il est (ceux de la dernière exécution)."""
        voulu = brouillon(at)["documents"]["exemple_chiffre"]
        return next(v for (nom, _), v in reversed(at.session_state["calculs"].items()) if nom == "documents"
                    and lire_accord(v["accord"]).documents.exemple_chiffre is voulu)

    at = demarrer()
    boulangerie(at)
    aller(at, "documents")
    choix = at.radio(key="documents_exemple_chiffre")
    assert choix.label == "Exemple chiffré de la formule dans les documents" and choix.value is True
    assert brouillon(at)["documents"]["exemple_chiffre"] is True
    avec = rendus(at)
    assert "Exemple chiffré" in texte_canonique(avec["accord"])
    assert "Exemple." in texte_canonique(avec["note"])
    choix.set_value(False).run()
    sans_exception(at)
    assert brouillon(at)["documents"]["exemple_chiffre"] is False
    sans = rendus(at)
    texte = texte_canonique(sans["accord"])
    assert "Exemple chiffré" not in texte and "à titre purement illustratif" not in texte
    assert "Plafonnement de l’intéressement global" in texte  # le reste de l'article de la formule demeure
    assert "Exemple." not in texte_canonique(sans["note"])
    assert lire_accord(sans["accord"]).documents.exemple_chiffre is False
    controle = controler_document(sans["accord"])
    assert controle.intact and controle.details == [], controle.details
    assert at.download_button(key="documents_docx")
    aller(at, "revue")  # l'exemple reste montré à la revue, dit non repris
    sans_exception(at)
    titres = [h.value for h in at.subheader]
    assert "Exemple chiffré (non repris dans les documents)" in titres
    assert "Exemple chiffré écrit dans l'accord" not in titres


def test_documents_fiches_individuelles_a_la_demande(base):
    import io
    import zipfile

    at = demarrer()
    boulangerie(at)
    # Un exercice dont le plafond de la sécurité sociale est publié (2026) : les fiches peuvent être produites.
    remplir_dates(at, effet=date(2026, 1, 1), conclusion=date(2026, 3, 15))
    aller(at, "repartition")
    csv = ("identifiant;nom;salaire_brut;jours_inscrits\nA1;Alice Martin;32000,00;365\n"
           "A2;Bruno Petit;28000,00;365\nA3;Chloé Roux;41000,00;200\n").encode()
    at.file_uploader(key="repartition_fichier").upload("equipe.csv", csv, "text/csv").run()
    _montant(at, 9_000)
    aller(at, "documents")
    assert not [b for b in at.main.download_button if b.key == "documents_fiches"]
    at.button(key="documents_preparer_fiches").click().run()
    sans_exception(at)
    archive = at.download_button(key="documents_fiches")
    memo = at.session_state["documents_fiches_memo"]
    noms = zipfile.ZipFile(io.BytesIO(memo[1])).namelist()
    assert archive and len(noms) == 3 and all(n.endswith(".docx") for n in noms)


@pytest.mark.lent
def test_documents_pdf_par_libreoffice(base):
    import shutil

    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice absent : pas de PDF (le bouton n'est pas proposé)")
    at = AppTest.from_file(APP, default_timeout=300).run()
    boulangerie(at)
    aller(at, "documents")
    at.button(key="documents_preparer_pdf").click().run()
    sans_exception(at)
    assert at.download_button(key="documents_pdf_accord")
    pdf = at.session_state["documents_pdf"][1]["accord"]
    assert pdf.startswith(b"%PDF")


def test_une_faute_ailleurs_n_empeche_pas_d_essayer_la_formule(base):
    at = demarrer()
    _charger(at, "Dupont")
    at.text_input(key="entreprise_siren").set_value("812345677").run()
    erreurs = textes(at.error)
    assert erreurs.count("SIREN") == 1 or erreurs.count("clé de contrôle") == 1
    aller(at, "formule")
    metriques = {m.label: m.value for m in at.metric}
    assert metriques["Enveloppe d'intéressement"] != "0,00\u00a0€"
    assert "Chance de verser une prime (par exercice)" in metriques
    aller(at, "repartition")
    at.button(key="repartition_fictif").click().run()
    assert len(tableau(at, "Prime brute")) == 30
    aller(at, "documents")
    assert "Les documents restent fermés" in textes(at.error)


# ------------------------------------------------------------------------------------ règles de l'issue 9


def _icones(at: AppTest) -> dict[str, str]:
    return {code: at.button(key=f"nav_aller_{code}").label for code in ETAPES}


def test_progression_honnete_aucune_etape_cochee_au_depart(base):
    at = demarrer()
    aller(at, "documents")
    icones = _icones(at)
    assert not [code for code, libelle in icones.items() if "check_circle" in libelle]
    assert all("radio_button_unchecked" in icones[c] for c in ETAPES[:9])
    boulangerie(at)
    aller(at, "documents")
    icones = _icones(at)
    # Tout répondu, sans point bloquant : chaque étape est cochée (ou signale un simple avertissement).
    assert all("check_circle" in icones[c] or "warning" in icones[c] for c in ETAPES[:9]), icones
    # Une réponse retirée décoche son étape, et l'étape « Documents » se referme.
    aller(at, "information")
    at.text_input(key="information_lieu").set_value("").run()
    aller(at, "documents")
    assert "radio_button_unchecked" in _icones(at)["information"]
    assert "Les documents restent fermés" in textes(at.error)
    assert "le lieu de signature" in textes(at.markdown)


def test_changement_d_effectif_dit_et_vote_jamais_invente(base):
    at = demarrer()
    remplir_entreprise(at, effectif=14)
    aller(at, "mise_en_place")
    at.radio(key="mise_en_place_mode").set_value("ratification").run()
    at.number_input(key="mise_en_place_ratification_inscrits").set_value(14)
    at.number_input(key="mise_en_place_ratification_pour").set_value(11)
    at.number_input(key="mise_en_place_ratification_contre").set_value(1).run()
    at.radio(key="mise_en_place_mode").set_value("decision_unilaterale").run()
    # Le vote ne va pas avec la décision unilatérale : mis de côté, et dit.
    assert brouillon(at)["mise_en_place"]["ratification"] is None
    assert "le vote du personnel (11 pour, 1 contre, sur 14 inscrits)" in textes(at.warning)
    at.button(key="mise_en_place_changements_lus").click().run()
    assert "vote du personnel" not in textes(at.warning)
    # 55 salariés : la décision unilatérale n'est plus possible ; l'étape le dit, rien n'est choisi à la place.
    aller(at, "entreprise")
    at.number_input(key="entreprise_effectif").set_value(55).run()
    aller(at, "mise_en_place")
    sans_exception(at)
    assert brouillon(at)["mise_en_place"]["mode"] is None
    assert at.radio(key="mise_en_place_mode").value is None
    assert "passé de 14 à 55" in textes(at.warning) and "Rien n'a été choisi à votre place" in textes(at.warning)
    # Retour à 14 : toujours rien de choisi, aucun vote n'apparaît.
    aller(at, "entreprise")
    at.number_input(key="entreprise_effectif").set_value(14).run()
    aller(at, "mise_en_place")
    assert brouillon(at)["mise_en_place"]["mode"] is None
    assert brouillon(at)["mise_en_place"]["ratification"] is None
    assert "le mode de mise en place" in a_renseigner(at)


def test_suivi_et_instance_seulement_parmi_les_organes_qui_existent(base):
    at = demarrer()
    boulangerie(at)
    aller(at, "information")
    # Sans CSE : ni suivi par le CSE, ni commission de suivi, ni différend devant eux.
    assert at.radio(key="information_suivi").options == ["Les salariés directement (il n'y a pas de CSE)"]
    assert at.radio(key="information_instance").options == ["L'employeur et le salarié concerné, directement"]
    assert "commission" not in brouillon(at)["information"]["reglement_litiges"]
    # Un CSE élu ensuite : le suivi « salariés directement » ne vaut plus ; effacé et dit.
    aller(at, "entreprise")
    at.radio(key="entreprise_cse").set_value(True).run()
    aller(at, "information")
    assert brouillon(at)["information"]["suivi_par"] is None
    assert "CSE : oui" in textes(at.warning)


def test_docx_de_la_boulangerie_sans_valeur_inventee(base):
    """Le document de la boulangerie ne contient que ce qui a été saisi ou confirmé : pas d'exemple, pas de
    Nantes, pas de CSE ni de commission de suivi, pas de vote."""
    from interessement.documents import lire_accord
    from interessement.integrite import texte_canonique

    at = demarrer()
    boulangerie(at)
    aller(at, "documents")
    sans_exception(at)
    rendus = next(v for (nom, _), v in at.session_state["calculs"].items() if nom == "documents")
    texte = texte_canonique(rendus["accord"])
    accord = lire_accord(rendus["accord"])
    assert accord.entreprise.raison_sociale == "Fournil des Halles" and accord.mise_en_place.lieu == "Rennes"
    for interdit in ("Lefèvre", "Nantes", "Menuiserie", "Dupont", "commission de suivi", "voix favorables",
                     "Julien", "Nadia"):
        assert interdit not in texte, interdit
    assert "Claire Roussel" in texte and "Rennes" in texte


def _historique(at: AppTest, lignes: list[tuple[str, int, int]], code: str = "resultat_exploitation") -> None:
    for j, (annee, masse, valeur) in enumerate(lignes):
        at.button(key="formule_hist_ajouter").click().run()
        at.text_input(key=f"formule_hist_{j}_periode").set_value(annee)
        at.number_input(key=f"formule_hist_{j}_masse").set_value(masse)
        at.number_input(key=f"formule_hist_{j}_{code}").set_value(valeur).run()


def test_formule_chiffres_passes_de_la_personne_et_conseil_qui_tient_compte_du_seuil(base):
    at = demarrer()
    remplir_formule(at, taux=10.0, seuil=0)
    # Les chiffres passés sont vides au départ (jamais ceux d'un exemple) et restent affichés pendant la saisie.
    assert brouillon(at)["historique"] == []
    _historique(at, [("2022", 400_000, -300_000), ("2023", 410_000, -310_000), ("2024", 420_000, -305_000),
                     ("2025", 430_000, -300_000)])
    sans_exception(at)
    assert [h["periode"] for h in brouillon(at)["historique"]] == ["2022", "2023", "2024", "2025"]
    assert at.number_input(key="formule_hist_3_resultat_exploitation").value == -300_000
    assert len(tableau(at, "Ce qui l'a décidé")) == 4
    conseils = textes(at.warning)
    assert "presque jamais versée" in conseils
    # Le seuil est déjà à 0 : le conseil n'est pas de l'abaisser.
    assert "abaissez le seuil" not in conseils.lower()
    assert "le seuil est déjà à 0,00" in conseils
    # La mesure de l'aléa dit en une phrase comment les scénarios sont tirés, à côté des années passées.
    phrase = textes(at.markdown)
    assert "part de vos derniers chiffres connus (exercice 2025)" in phrase
    assert "en auraient versé une **0 année sur 4**" in phrase


def test_formule_sans_nom_interne_et_sans_constat_perime(base):
    from interessement.modele import LIBELLES_NATURES

    at = demarrer()
    aller(at, "formule")
    at.toggle(key="formule_famille_part_resultat").set_value(True).run()
    at.selectbox(key="formule_pr_indicateur").set_value("resultat_courant_avant_impot").run()
    # La définition proposée est affichée, et aucun message ne la dit manquante dans la même exécution.
    assert at.text_area(key="formule_ind_resultat_courant_avant_impot_definition").value
    assert "Indiquez sa définition" not in textes(at.error)
    at.button(key="formule_ind_resultat_courant_avant_impot_source_reel").click().run()  # source selon le régime
    at.number_input(key="formule_pr_taux").set_value(20.0)
    at.number_input(key="formule_pr_seuil").set_value(10_000).run()
    _historique(at, [("2022", 500_000, 60_000), ("2023", 510_000, 20_000), ("2024", 520_000, 90_000)],
                code="resultat_courant_avant_impot")
    at.number_input(key="formule_sim_masse").set_value(500_000)
    at.number_input(key="formule_sim_resultat_courant_avant_impot").set_value(80_000).run()
    ecran = "\n".join(textes(x) for x in (at.markdown, at.caption, at.warning, at.info, at.error, at.success))
    ecran += "\n".join(df.value.to_string() for df in list(at.table) + list(at.dataframe))
    for code in (c for c in LIBELLES_NATURES if "_" in c):
        assert code not in ecran, code
    # Un objectif : sa définition saisie fait disparaître le message dans la même exécution.
    at.toggle(key="formule_famille_objectifs").set_value(True).run()
    at.text_input(key="formule_ob_0_nom").set_value("Taux de réclamations").run()
    assert "Indiquez sa définition" in textes(at.error)
    at.text_area(key="formule_ind_objectif_1_definition").set_value("Réclamations reçues / commandes livrées.")
    at.text_input(key="formule_ind_objectif_1_source").set_value("Registre des réclamations").run()
    assert "Indiquez sa définition" not in textes(at.error)
    assert "Indiquez la source du chiffre" not in textes(at.error)


def test_premiere_page_propose_les_brouillons_de_ce_navigateur(base, monkeypatch):
    from interface import etat, navigateur
    from interface.brouillon import brouillon_vide
    from interface.stockage import Stockage, nouveau_secret

    enregistre = brouillon_vide(date(2026, 12, 1))
    enregistre["entreprise"]["raison_sociale"] = "Fournil des Halles"
    stockage = Stockage(base)
    jeton, secret = stockage.nouveau_jeton(), nouveau_secret()
    stockage.creer(jeton, {"accord": enregistre, "ui": {"etape": "dates"}}, secret)
    monkeypatch.setattr(etat, "_cookie_secret", lambda: secret)  # le même navigateur
    monkeypatch.setattr(navigateur, "_lire_cookie", lambda: [{"j": jeton, "n": "Fournil des Halles",
                                                              "d": "2026-11-30"}])
    at = demarrer()
    sans_exception(at)
    assert "Reprendre un brouillon commencé sur ce navigateur" in textes(at.markdown)
    assert "Fournil des Halles — modifié le 30 novembre 2026" in textes(at.markdown)
    assert "?brouillon=" in textes(at.caption) and "fichier du brouillon (JSON)" in textes(at.caption)
    at.button(key="entreprise_reprendre_0").click().run()
    sans_exception(at)
    assert brouillon(at)["entreprise"]["raison_sociale"] == "Fournil des Halles"
    assert at.query_params["brouillon"] == jeton
    assert at.header[0].value == "Dates et durée"


def test_le_navigateur_ne_garde_que_le_jeton_et_le_nom(base):
    at = demarrer()
    boulangerie(at)
    aller(at, "repartition")
    csv = "identifiant;nom;salaire_brut;jours_inscrits\nA1;Alice Témoin;32000,00;365\n".encode()
    at.file_uploader(key="repartition_fichier").upload("equipe.csv", csv, "text/csv").run()
    scripts = "\n".join(h.proto.body for h in at.sidebar.get("html"))
    jeton = at.session_state["assistant"]["jeton"]
    assert "interessement_brouillons" in scripts and jeton in scripts and "Fournil des Halles" in scripts
    assert "Alice" not in scripts and "32000" not in scripts
    assert at.session_state["_brouillons_navigateur"][0] == {"j": jeton, "n": "Fournil des Halles",
                                                              "d": date.today().isoformat()}


def test_ratification_de_25_salaries_le_document_porte_le_vote_saisi(base):
    from outils_assistant import ratification_25

    from interessement.documents import lire_accord
    from interessement.integrite import texte_canonique

    at = demarrer()
    ratification_25(at)
    aller(at, "documents")
    sans_exception(at)
    assert at.download_button(key="documents_docx")
    rendus = next(v for (nom, _), v in at.session_state["calculs"].items() if nom == "documents")
    accord = lire_accord(rendus["accord"])
    r = accord.mise_en_place.ratification
    assert (r.effectif_inscrit, r.votes_pour, r.votes_contre, r.proces_verbal) == (25, 19, 4, True)
    texte = texte_canonique(rendus["accord"])
    assert "19" in texte and "Saint-Malo" in texte
    for interdit in ("Nantes", "Lefèvre", "37 voix", "comité social et économique de la société, représenté"):
        assert interdit not in texte, interdit


def test_dates_le_delai_de_depot_court_de_la_date_limite(base):
    """Constat du parcours du garage : « puis déposé dans les 15 jours » se lisait « 15 jours après la
    signature » ; le délai de dépôt court de la date limite de conclusion (D3313-1)."""
    at = demarrer()
    aller(at, "dates")
    texte = textes(at.markdown)
    assert "déposé au plus tard 15 jours après cette date limite" in texte
    assert "déposé dans les 15 jours" not in texte


def test_conges_payes_question_explicite_avec_une_cle_de_presence(base):
    """Constat n° 11 du parcours du garage : sans case cochée, les congés payés étaient déduits de la présence sans
    que la personne l'ait décidé. Avec une clé de présence, la question est posée, « à renseigner » tant qu'elle
    n'a pas de réponse, et la réponse met ou retire les congés payés des absences assimilées (écrites dans
    l'accord)."""
    from interface.requis import manques

    at = demarrer()
    aller(at, "repartition")
    assert not [r for r in at.radio if r.key == "repartition_conges_payes"]  # pas de clé de présence : pas posée
    at.number_input(key="repartition_part_presence").set_value(100.0).run()
    sans_exception(at)
    question = at.radio(key="repartition_conges_payes")
    assert question.value is None and "Cour de cassation" in str(question.help)
    assert "conges_payes" not in brouillon(at)["repartition"]["absences_assimilees"]
    a = brouillon(at)
    assert "ui.questions.conges_payes" in [m.chemin for m in manques(a, at.session_state["assistant"]["ui"],
                                                                      date(2027, 1, 1))]
    assert "conges_payes" not in at.multiselect(key="repartition_absences_autres").options
    assert "À renseigner : si les congés payés comptent comme de la présence" in a_renseigner(at)
    question.set_value(True).run()
    assert "conges_payes" in brouillon(at)["repartition"]["absences_assimilees"]
    assert "ui.questions.conges_payes" not in [m.chemin for m in manques(
        brouillon(at), at.session_state["assistant"]["ui"], date(2027, 1, 1))]
    at.radio(key="repartition_conges_payes").set_value(False).run()
    assert "conges_payes" not in brouillon(at)["repartition"]["absences_assimilees"]
    sans_exception(at)


def test_conges_payes_brouillon_qui_a_deja_sa_liste_garde_sa_reponse():
    """Un brouillon dont la liste des absences assimilées porte déjà les congés payés (cochés autrefois parmi les
    autres absences) garde cette réponse ; un accord importé porte la sienne ; un brouillon vierge n'en a pas."""
    from interface.brouillon import brouillon_vide, ui_par_defaut
    from interface.requis import reponse_conges_payes

    accord = brouillon_vide(date(2026, 12, 2))
    assert reponse_conges_payes(accord, ui_par_defaut(accord)) is None
    accord["repartition"]["absences_assimilees"].append("conges_payes")
    assert reponse_conges_payes(accord, {"questions": {}}) is True
    assert ui_par_defaut(accord, importe=True)["questions"]["conges_payes"] is True
    accord["repartition"]["absences_assimilees"].remove("conges_payes")
    assert ui_par_defaut(accord, importe=True)["questions"]["conges_payes"] is False


def test_plafond_individuel_du_recapitulatif_dit_le_dernier_pass_publie():
    """Constat n° 21 : le récapitulatif disait « Plafond individuel (cette année) » avec le PASS de l'année du jour
    pour un accord qui commence l'an prochain ; il dit l'exercice, ou le dernier PASS publié comme tel."""
    from interessement import format as fmt
    from interessement import parametres
    from interface.etapes.repartition import plafond_individuel

    derniere = parametres.annees_modelisees()[-1]
    taux = parametres.value_at("plafond_individuel_taux_pass", date(derniere, 12, 31))
    montant = fmt.montant(int(parametres.pass_annuel_centimes(derniere) * taux))
    futur = {"periode": {"date_effet": f"{derniere + 1}-01-01", "periode_calcul_mois": 12}}
    assert plafond_individuel(futur) == (f"Plafond individuel (sur la base du PASS {derniere}, le dernier publié)",
                                         montant)
    connu = {"periode": {"date_effet": f"{derniere}-01-01", "periode_calcul_mois": 12}}
    assert plafond_individuel(connu) == (f"Plafond individuel (exercice {derniere})", montant)


def test_exemple_chiffre_montre_au_recapitulatif_avant_les_documents(base):
    """Constat n° 12 : l'exemple chiffré de l'accord n'était vu qu'en ouvrant le .docx. Le récapitulatif le montre
    tel que l'accord l'écrira, avec sa source : ici des chiffres hypothétiques (aucun exercice passé saisi), dits
    comme tels ; les chiffres d'essai de l'étape « Formule » n'y vont pas."""
    at = demarrer()
    boulangerie(at)
    aller(at, "revue")
    sans_exception(at)
    assert "Exemple chiffré écrit dans l'accord" in textes(at.subheader)
    texte = textes(at.markdown)
    assert "Exemple établi sur des chiffres hypothétiques, qui ne préjugent pas des résultats de la société" in texte
    assert "Intéressement global" in texte
    assert "Ces chiffres ne sont pas les vôtres" in textes(at.caption)


def test_source_du_resultat_d_exploitation_choisie_selon_le_regime_fiscal(base):
    """Constat n° 16 du parcours du garage : « Liasse fiscale, formulaire 2052, ligne GG » était écrit d'office ;
    une PME au régime simplifié dépose un 2033-B (ligne 270). La source reste « à renseigner » jusqu'au choix."""
    at = demarrer()
    aller(at, "formule")
    at.toggle(key="formule_famille_part_resultat").set_value(True).run()
    at.selectbox(key="formule_pr_indicateur").set_value("resultat_exploitation").run()
    sans_exception(at)
    assert at.text_input(key="formule_ind_resultat_exploitation_source").value == ""
    assert "À renseigner : la source du chiffre" in a_renseigner(at)
    at.button(key="formule_ind_resultat_exploitation_source_simplifie").click().run()
    ind = next(i for i in brouillon(at)["indicateurs"] if i["code"] == "resultat_exploitation")
    assert ind["source"] == "Liasse fiscale du régime simplifié, formulaire 2033-B, ligne 270 (résultat d'exploitation)"
    assert at.text_input(key="formule_ind_resultat_exploitation_source").value == ind["source"]
    assert not [b for b in at.button if b.key == "formule_ind_resultat_exploitation_source_reel"]


def test_vote_du_cse_plus_de_titulaires_que_le_bareme_est_signale_sans_bloquer(base):
    """Constat n° 17 du parcours du garage : « 2 voix favorables sur 2 membres titulaires présents » pour 22
    salariés, alors que R2314-1 prévoit 1 titulaire de 11 à 24 salariés (sauf protocole préélectoral) : une
    information à vérifier, pas un blocage."""
    from outils_assistant import entreprise as remplir

    from interface.eligibilite import titulaires_cse

    jour = date(2026, 12, 2)
    assert [titulaires_cse(n, jour) for n in (10, 11, 22, 24, 25, 49, 50)] == [None, 1, 1, 1, 2, 2, None]
    at = demarrer()
    remplir(at, nom="Garage des Quatre Routes", effectif=22, cse=True, pv_carence=None)
    aller(at, "mise_en_place")
    at.radio(key="mise_en_place_mode").set_value("accord_cse").run()
    at.number_input(key="mise_en_place_cse_presents").set_value(2)
    at.number_input(key="mise_en_place_cse_pour").set_value(2).run()
    sans_exception(at)
    ecran = "\n".join(textes(x) for x in (at.info, at.warning, at.error, at.caption, at.markdown))
    assert "pour 22 salariés, l'article R2314-1 prévoit 1 titulaire au CSE" in ecran
    assert "n'est pas adopté" not in ecran
    at.number_input(key="mise_en_place_cse_presents").set_value(1)
    at.number_input(key="mise_en_place_cse_pour").set_value(1).run()
    ecran = "\n".join(textes(x) for x in (at.info, at.warning, at.error, at.caption, at.markdown))
    assert "R2314-1 prévoit" not in ecran
