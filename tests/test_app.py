"""L'assistant Streamlit par AppTest : chaque étape par la clé de ses widgets, le retour en arrière qui garde les
valeurs, l'étape « Documents » fermée par un constat bloquant, la sauvegarde automatique et la reprise."""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import date
from pathlib import Path

import pytest
from chemins import EXEMPLES, RACINE
from streamlit.testing.v1 import AppTest

from interessement.fichiers_salaries import ecrire_modele_csv

APP = str(RACINE / "app.py")
if str(RACINE) not in sys.path:  # le paquet « interface » vit à côté de app.py (il n'est pas installé)
    sys.path.insert(0, str(RACINE))
ETAPES = ["entreprise", "mise_en_place", "dates", "beneficiaires", "formule", "repartition", "versement",
          "information", "revue", "documents"]


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    chemin = tmp_path / "brouillons.sqlite3"
    monkeypatch.setenv("INTERESSEMENT_BROUILLONS", str(chemin))
    return chemin


def demarrer(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query)
    return at.run()


def aller(at: AppTest, etape: str) -> AppTest:
    return at.button(key=f"nav_aller_{etape}").click().run()


def textes(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def sans_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def tableau(at: AppTest, colonne: str):
    """Le tableau (DataFrame) affiché qui a cette colonne."""
    for df in at.dataframe:
        if colonne in df.value.columns:
            return df.value
    raise AssertionError(f"aucun tableau avec la colonne « {colonne} »")


def brouillon(at: AppTest) -> dict:
    return at.session_state["assistant"]["accord"]


# ------------------------------------------------------------------------------------------- parcours


def test_premier_ecran_brouillon_par_defaut_et_jeton_dans_l_adresse(base):
    at = demarrer()
    sans_exception(at)
    assert at.header[0].value == "Entreprise"
    assert at.text_input(key="entreprise_raison_sociale").value == "Menuiserie Lefèvre"
    assert at.number_input(key="entreprise_effectif").value == 18
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
    at.text_input(key="entreprise_raison_sociale").set_value("Scierie Dubois & Fils")
    at.number_input(key="entreprise_effectif").set_value(30)
    at.checkbox(key="entreprise_delegues_syndicaux").check()
    at.button(key="nav_suivant").click().run()
    at.radio(key="mise_en_place_mode").set_value("accord_delegues_syndicaux")
    at.button(key="nav_suivant").click().run()
    at.selectbox(key="dates_duree").set_value(2)
    at.button(key="nav_precedent").click().run()
    assert at.radio(key="mise_en_place_mode").value == "accord_delegues_syndicaux"
    at.button(key="nav_precedent").click().run()
    assert at.text_input(key="entreprise_raison_sociale").value == "Scierie Dubois & Fils"
    assert at.number_input(key="entreprise_effectif").value == 30
    assert at.checkbox(key="entreprise_delegues_syndicaux").value is True
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
    at.button(key="entreprise_dirigeant_ajouter").click().run()
    at.text_input(key="entreprise_dirigeant_1_nom").set_value("Anne Lefèvre").run()
    at.selectbox(key="entreprise_dirigeant_1_qualite").set_value("directeur_general").run()
    assert [d["nom"] for d in brouillon(at)["entreprise"]["dirigeants"]] == ["Julien Lefèvre", "Anne Lefèvre"]
    at.button(key="entreprise_dirigeant_0_supprimer").click().run()
    assert [d["nom"] for d in brouillon(at)["entreprise"]["dirigeants"]] == ["Anne Lefèvre"]
    assert at.text_input(key="entreprise_dirigeant_0_nom").value == "Anne Lefèvre"


def test_mise_en_place_seulement_les_modes_possibles(base):
    at = demarrer()
    at.number_input(key="entreprise_effectif").set_value(60)
    at.checkbox(key="entreprise_cse").uncheck()
    at.button(key="nav_suivant").click().run()
    options = at.radio(key="mise_en_place_mode").options
    assert "Décision unilatérale de l'employeur" not in options
    assert "Accord conclu au sein du CSE" not in options
    assert options == ["Ratification à la majorité des deux tiers du personnel"]
    assert "Réservée aux entreprises de moins de 50 salariés" in textes(at.markdown)


def test_mise_en_place_ratification_majorite_des_deux_tiers(base):
    at = demarrer()
    aller(at, "mise_en_place")
    at.radio(key="mise_en_place_mode").set_value("ratification").run()
    at.number_input(key="mise_en_place_ratification_inscrits").set_value(18)
    at.number_input(key="mise_en_place_ratification_pour").set_value(11).run()
    assert "au moins 12 votes pour" in textes(at.error)
    at.number_input(key="mise_en_place_ratification_pour").set_value(12).run()
    assert "votes pour" not in textes(at.error)


def test_dates_conclusion_tardive_ferme_les_documents(base):
    at = demarrer()
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
    aller(at, "beneficiaires")
    # Bornes contrôlées par l'assistant (message français), pas par Streamlit (message anglais)
    at.number_input(key="beneficiaires_anciennete").set_value(4).run()
    assert "indiquez un nombre entre 0 et 3" in textes(at.error)
    assert brouillon(at)["beneficiaires"]["anciennete"]["mois"] is None
    at.number_input(key="beneficiaires_anciennete").set_value(3).run()
    assert "indiquez un nombre entre" not in textes(at.error)
    at.checkbox(key="beneficiaires_dirigeants").check().run()
    assert brouillon(at)["beneficiaires"]["dirigeants_inclus"] is True
    aller(at, "entreprise")
    at.number_input(key="entreprise_effectif").set_value(300).run()
    aller(at, "beneficiaires")
    assert not [c for c in at.checkbox if c.key == "beneficiaires_dirigeants"]
    assert brouillon(at)["beneficiaires"]["dirigeants_inclus"] is False
    assert "réservé aux entreprises de 1 à 249 salariés" in textes(at.info)


def test_formule_part_du_resultat_simulation_en_direct(base):
    at = demarrer()
    aller(at, "formule")
    sans_exception(at)
    at.number_input(key="formule_sim_masse").set_value(700_000)
    at.number_input(key="formule_sim_resultat_exploitation").set_value(90_000).run()
    metriques = {m.label: m.value for m in at.metric}
    # 20 % × (90 000 − 40 000) = 10 000 €, sous le plafond de 8 % × 700 000 = 56 000 €
    assert metriques["Enveloppe d'intéressement"] == "10\u00a0000,00\u00a0€"
    at.number_input(key="formule_pr_taux").set_value(10.0).run()
    assert {m.label: m.value for m in at.metric}["Enveloppe d'intéressement"] == "5\u00a0000,00\u00a0€"
    # Back-test sur les 5 exercices du brouillon et mesure de l'aléa
    assert len(tableau(at, "Ce qui l'a décidé")) == 5
    assert "Chance de verser une prime (par exercice)" in {m.label for m in at.metric}


def test_formule_paliers_du_chiffre_d_affaires_imposent_un_declencheur(base):
    at = demarrer()
    aller(at, "formule")
    at.toggle(key="formule_famille_paliers_croissance").set_value(True).run()
    sans_exception(at)
    at.toggle(key="formule_famille_part_resultat").set_value(False).run()
    f = brouillon(at)["formule"]
    assert [c["type"] for c in f["composantes"]] == ["paliers_croissance"]
    assert f["composantes"][0]["indicateur"] == "chiffre_affaires"
    assert f["declencheurs"] and f["declencheurs"][0]["indicateur"] == "resultat_exploitation"
    assert at.toggle(key="formule_dcl_actif").disabled
    # La dernière famille ne peut pas être retirée ; aucune famille interdite n'est proposée.
    at.toggle(key="formule_famille_paliers_croissance").set_value(False).run()
    assert [c["type"] for c in brouillon(at)["formule"]["composantes"]] == ["paliers_croissance"]
    assert at.toggle(key="formule_famille_paliers_croissance").value is True
    assert "au moins une" in textes(at.warning)
    libelles = " ".join(t.label for t in at.toggle)
    assert "fixe" not in libelles and "plancher" not in libelles.lower()


def test_formule_objectifs_poids_a_100(base):
    at = demarrer()
    aller(at, "formule")
    at.toggle(key="formule_famille_objectifs").set_value(True).run()
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
    at.number_input(key="repartition_part_uniforme").set_value(20.0).run()
    assert "120 % au lieu de 100 %" in textes(at.error)
    at.number_input(key="repartition_part_presence").set_value(30.0).run()
    assert "au lieu de 100 %" not in textes(at.error)
    absences = brouillon(at)["repartition"]["absences_assimilees"]
    assert {"maternite", "paternite_accueil_enfant", "adoption", "deuil", "accident_travail",
            "maladie_professionnelle", "quarantaine"} <= set(absences)
    at.multiselect(key="repartition_absences_autres").select("conges_payes").run()
    assert "conges_payes" in brouillon(at)["repartition"]["absences_assimilees"]


def _csv_salaries(n: int) -> bytes:
    lignes = ["identifiant;nom;salaire_brut;jours_inscrits;absences_maladie"]
    for i in range(n):
        salaire = "1000000,00" if i == 0 else f"{30000 + 500 * i},00"
        lignes.append(f"S{i:03d};Salarié Témoin {i:03d};{salaire};365;{i % 7}")
    return ("\n".join(lignes) + "\n").encode("utf-8")


def test_repartition_fichier_des_salaries_tableau_plafond_et_rien_en_base(base):
    at = demarrer()
    aller(at, "repartition")
    assert at.download_button(key="repartition_modele")
    at.file_uploader(key="repartition_fichier").upload("salaries.csv", _csv_salaries(30), "text/csv").run()
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
    aller(at, "repartition")
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


def test_nombres_rapides_identiques_a_babel():
    import random

    from interessement import format as fmt
    from interface.services import nombre_rapide

    rng = random.Random(6)
    for v in [0, 0.5, 12.25, 365, 1234.5] + [rng.randint(0, 40_000) / 100 for _ in range(2000)]:
        assert nombre_rapide(v) == fmt.nombre(v)


def test_repartition_graphique_par_salarie(base):
    at = demarrer()
    aller(at, "repartition")
    at.button(key="repartition_fictif").click().run()
    at.segmented_control(key="repartition_vue").set_value("Graphique").run()
    sans_exception(at)
    assert any("vega" in type(e).__name__.lower() or "vega" in str(getattr(e, "type", "")).lower()
               for e in at.main)


def test_repartition_equipe_fictive_et_modele_csv(base):
    at = demarrer()
    aller(at, "repartition")
    at.button(key="repartition_fictif").click().run()
    assert len(tableau(at, "Prime brute")) == 18
    at.file_uploader(key="repartition_fichier").upload("modele.csv", ecrire_modele_csv(), "text/csv").run()
    assert len(tableau(at, "Prime brute")) == 2


def test_versement_plans_et_avances(base):
    at = demarrer()
    aller(at, "versement")
    at.number_input(key="versement_delai").set_value(6).run()
    assert "indiquez un nombre entre 1 et 5" in textes(at.error)
    at.number_input(key="versement_delai").set_value(5).run()
    assert "indiquez un nombre entre" not in textes(at.error)
    at.multiselect(key="versement_plans").select("PEE").run()
    assert "15 jours" in textes(at.info)
    at.toggle(key="versement_avances_actif").set_value(True).run()
    at.selectbox(key="versement_avances_periodicite").set_value(3).run()
    v = brouillon(at)["versement"]
    assert v["plans_epargne"] == ["PEE"] and v["avances"]["periodicite_mois"] == 3


def test_information_signataires_et_preambule_propose(base):
    at = demarrer()
    aller(at, "information")
    at.button(key="information_signataire_ajouter").click().run()
    at.text_input(key="information_signataire_2_nom").set_value("Paul Girard")
    at.text_input(key="information_signataire_2_qualite").set_value("Membre suppléant du CSE").run()
    assert brouillon(at)["mise_en_place"]["signataires"][2]["nom"] == "Paul Girard"
    at.text_area(key="information_preambule").set_value("").run()
    assert "préambule" in textes(at.warning)
    at.button(key="information_proposer").click().run()
    assert "20 %" in at.text_area(key="information_preambule").value


def test_le_preambule_propose_suit_la_formule_tant_qu_il_n_est_pas_retouche(base):
    at = demarrer()
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
    aller(at, "revue")
    sans_exception(at)
    contenu = textes(at.markdown)
    assert "Menuiserie Lefèvre" in contenu and "Accord conclu au sein du CSE" in contenu
    assert "Conforme" in textes(at.success)
    for code in ETAPES[:8]:
        assert at.button(key=f"revue_modifier_{code}")
    at.button(key="revue_modifier_formule").click().run()
    assert at.header[0].value == "Formule de calcul"
    assert at.number_input(key="formule_pr_taux").value == 20.0


def test_documents_ouverts_pour_le_brouillon_par_defaut(base):
    at = demarrer()
    aller(at, "documents")
    sans_exception(at)
    assert "Les documents restent fermés" not in textes(at.error)
    assert at.download_button(key="documents_json")
    assert at.download_button(key="documents_ics")


# ------------------------------------------------------------------------------------------ sauvegarde


def test_sauvegarde_automatique_et_reprise_par_le_jeton(base):
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
    assert brouillon(neuf)["entreprise"]["raison_sociale"] == "Menuiserie Lefèvre"
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
    donnees = at.download_button(key="outil_telecharger").proto
    assert donnees.label == "Télécharger le brouillon (JSON)"
    exporte = at.session_state["assistant"]["accord"]
    autre = demarrer()
    autre.file_uploader(key="outil_reprendre").upload(
        "brouillon.json", json.dumps(exporte).encode(), "application/json").run()
    assert brouillon(autre)["entreprise"]["raison_sociale"] == "Garage Roux"
    assert autre.text_input(key="entreprise_raison_sociale").value == "Garage Roux"


@pytest.mark.parametrize("contenu", [b"{ceci n'est pas du JSON", b"[]", json.dumps({"entreprise": {}}).encode(),
                                     "\u00e9t\u00e9".encode("latin-1")])
def test_json_faux_message_francais_et_brouillon_garde(base, contenu):
    at = demarrer()
    at.text_input(key="entreprise_raison_sociale").set_value("Garage Roux").run()
    at.file_uploader(key="outil_reprendre").upload("faux.json", contenu, "application/json").run()
    sans_exception(at)
    assert "votre brouillon actuel est conservé" in textes(at.sidebar.error)
    assert brouillon(at)["entreprise"]["raison_sociale"] == "Garage Roux"
    assert at.text_input(key="entreprise_raison_sociale").value == "Garage Roux"


def test_charger_un_exemple(base):
    at = demarrer()
    libelle = next(o for o in at.selectbox(key="outil_exemple").options if "Dupont" in o)
    at.selectbox(key="outil_exemple").set_value(libelle).run()
    at.button(key="outil_charger_exemple").click().run()
    sans_exception(at)
    assert at.text_input(key="entreprise_raison_sociale").value == "Atelier Dupont & Fils"
    assert at.number_input(key="entreprise_effectif").value == 30
    attendu = json.loads((EXEMPLES / "sas-30-part-resultat.json").read_text(encoding="utf-8"))
    assert brouillon(at)["formule"]["composantes"][0]["seuil_centimes"] == \
        attendu["formule"]["composantes"][0]["seuil_centimes"]
    for code in ETAPES:
        aller(at, code)
        sans_exception(at)
    assert "Les documents restent fermés" not in textes(at.error)


@pytest.mark.parametrize("exemple", sorted(p.name for p in EXEMPLES.glob("*.json")
                                           if not p.name.endswith(".versement.json")))
def test_chaque_exemple_traverse_toutes_les_etapes(base, exemple):
    at = demarrer()
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
    assert metriques == {"Accords vérifiés": "4", "Conformes": "4", "Non conformes": "0", "Illisibles": "1"}
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
    aller(at, "documents")
    docx = at.download_button(key="documents_docx")
    assert docx.proto.label.endswith("(Word, prêt à signer)")
    assert at.download_button(key="documents_note") and at.download_button(key="documents_depot")
    contenu = at.session_state["calculs"]
    rendus = next(v for (nom, _), v in contenu.items() if nom == "documents")
    accord = lire_accord(rendus["accord"])
    assert accord.entreprise.raison_sociale == "Menuiserie Lefèvre"
    assert validators.valider(accord, document=controler_document(rendus["accord"])).statut == "conforme"
    # Le .docx produit passe aussi par la page « Vérifier des accords »
    at.switch_page("interface/pages/verifier.py").run()
    at.file_uploader(key="verif_fichiers").upload("accord.docx", rendus["accord"], "application/octet-stream").run()
    sans_exception(at)
    assert {m.label: m.value for m in at.metric}["Conformes"] == "1"


def _charger(at: AppTest, raison_sociale: str) -> None:
    libelle = next(o for o in at.selectbox(key="outil_exemple").options if raison_sociale in o)
    at.selectbox(key="outil_exemple").set_value(libelle).run()
    at.button(key="outil_charger_exemple").click().run()


def test_documents_fiches_individuelles_a_la_demande(base):
    import io
    import zipfile

    at = demarrer()
    _charger(at, "Dupont")
    aller(at, "repartition")
    csv = ("identifiant;nom;salaire_brut;jours_inscrits\nA1;Alice Martin;32000,00;365\n"
           "A2;Bruno Petit;28000,00;365\nA3;Chloé Roux;41000,00;200\n").encode()
    at.file_uploader(key="repartition_fichier").upload("equipe.csv", csv, "text/csv").run()
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
    aller(at, "documents")
    at.button(key="documents_preparer_pdf").click().run()
    sans_exception(at)
    assert at.download_button(key="documents_pdf_accord")
    pdf = at.session_state["documents_pdf"][1]["accord"]
    assert pdf.startswith(b"%PDF")


def test_une_faute_ailleurs_n_empeche_pas_d_essayer_la_formule(base):
    at = demarrer()
    at.text_input(key="entreprise_siren").set_value("812345677").run()
    erreurs = textes(at.error)
    assert erreurs.count("SIREN") == 1 or erreurs.count("clé de contrôle") == 1
    aller(at, "formule")
    metriques = {m.label: m.value for m in at.metric}
    assert metriques["Enveloppe d'intéressement"] != "0,00\u00a0€"
    assert "Chance de verser une prime (par exercice)" in metriques
    aller(at, "repartition")
    at.button(key="repartition_fictif").click().run()
    assert len(tableau(at, "Prime brute")) == 18
    aller(at, "documents")
    assert "Les documents restent fermés" in textes(at.error)
