"""Le fichier des salariés dans l'assistant (AppTest) : fichier d'Excel tel quel, jours calculés sur l'exercice du
brouillon, écran de correspondance quand une colonne n'est pas reconnue (la correspondance, jamais les données,
gardée dans le brouillon), erreurs nommées par ligne et par colonne."""

from __future__ import annotations

import json
import sqlite3

import outils_assistant as assistant
from donnees_salaries.generer import DOSSIER
from outils_assistant import sans_exception, textes, ui
from streamlit.testing.v1 import AppTest


def demarrer() -> AppTest:
    at = assistant.demarrer()
    sans_exception(at)
    return at


def aller(at: AppTest, etape: str) -> None:
    assistant.aller(at, etape)
    sans_exception(at)


def deposer(at: AppTest, nom: str, contenu: bytes, mime: str = "text/csv") -> None:
    at.file_uploader(key="repartition_fichier").upload(nom, contenu, mime).run()
    assert not at.exception, [e.value for e in at.exception]


def test_le_fichier_d_excel_de_la_boulangerie_est_lu_tel_quel(base):
    at = demarrer()
    aller(at, "dates")
    at.text_input(key="dates_date_effet").set_value("01/01/2027").run()
    at.text_input(key="dates_cloture").set_value("31/12/2027").run()
    aller(at, "repartition")
    deposer(at, "salaries.csv", (DOSSIER / "boulangerie-14.csv").read_bytes())
    assert "14 salariés" in textes(at.markdown)
    assert "calculés des dates d'entrée et de sortie, sur l'exercice du 01/01/2027 au 31/12/2027" in textes(at.caption)
    salaries = at.session_state["salaries"]["liste"]
    apprenti = next(s for s in salaries if s["identifiant"] == "104")
    assert apprenti["jours_inscrits"] == 122 and apprenti["nom"] == "Joaquim Ferreira"
    # La correspondance reconnue est montrée (repliée) ; « Emploi » est ignorée
    assert at.selectbox(key="repartition_colonne_3").value == ""
    assert at.selectbox(key="repartition_colonne_4").value == "salaire_brut"
    # Aucune donnée de salarié dans le brouillon enregistré
    with sqlite3.connect(base) as cx:
        contenu = " ".join(r[0] for r in cx.execute("SELECT contenu FROM brouillons"))
    assert "Ferreira" not in contenu and "2150000" not in contenu and "21500,00" not in contenu


def test_l_export_de_paie_demande_de_rattacher_une_colonne(base):
    at = demarrer()
    aller(at, "dates")
    at.text_input(key="dates_date_effet").set_value("01/01/2027").run()
    at.text_input(key="dates_cloture").set_value("31/12/2027").run()
    aller(at, "repartition")
    deposer(at, "export.csv", (DOSSIER / "export-paie-25.csv").read_bytes())
    assert "Il manque : « Salaire brut de l'exercice (€) »" in textes(at.warning)
    assert "salaries" not in at.session_state or not at.session_state["salaries"]
    assert not [e for e in at.error if "n'a pas pu être lu" in str(e.value)]  # l'écran suffit, pas d'erreur rouge
    apercu = at.dataframe[0].value
    assert list(apercu.iloc[0, :3]) == ["S2000", "KOWALSKI Agnieszka", "24.000,00"]
    at.selectbox(key="repartition_colonne_2").set_value("salaire_brut").run()
    assert not at.exception
    assert "25 salariés" in textes(at.markdown)
    assert ui(at)["correspondance_colonnes"] == {"Cumul brut soumis": "salaire_brut"}
    with sqlite3.connect(base) as cx:
        enregistre = [json.loads(r[0]) for r in cx.execute("SELECT contenu FROM brouillons")]
    assert enregistre[-1]["ui"]["correspondance_colonnes"] == {"Cumul brut soumis": "salaire_brut"}
    assert "KOWALSKI" not in json.dumps(enregistre)
    # La correspondance resservira au même export : après un changement d'étape, le fichier est toujours lu
    aller(at, "versement")
    aller(at, "repartition")
    assert "25 salariés" in textes(at.markdown)


def test_sans_dates_de_l_accord_les_jours_ne_se_devinent_pas(base):
    at = demarrer()
    aller(at, "dates")
    at.text_input(key="dates_date_effet").set_value("").run()
    aller(at, "repartition")
    deposer(at, "salaries.csv", (DOSSIER / "boulangerie-14.csv").read_bytes())
    assert "Indiquez d'abord la date d'effet" in textes(at.warning)
    assert not (at.session_state["salaries"] if "salaries" in at.session_state else None)


def test_erreurs_nommees_par_ligne_et_par_colonne(base):
    at = demarrer()
    aller(at, "repartition")
    contenu = ("Matricule;Nom;Salaire brut annuel (€);Jours d'inscription\r\n"
               "1;Riou;30 000,00;365\r\n2;Tessier;trente mille;365\r\n3;Yilmaz;20 000,00;-4\r\n").encode("cp1252")
    deposer(at, "salaries.csv", contenu)
    erreurs = textes(at.error) + textes(at.markdown)
    assert "n'a pas pu être lu (2 erreur(s))" in erreurs
    assert "Ligne 3, colonne « Salaire brut annuel (€) » : montant illisible (« trente mille »)" in erreurs
    assert "Ligne 4, colonne « Jours d'inscription » : nombre de jours négatif (-4)" in erreurs


def test_un_fichier_corrige_remplace_l_ancien_sans_perdre_la_reconnaissance_des_colonnes(base):
    """Le fichier remplacé par sa version corrigée (mêmes en-têtes, ici en XLSX) : les listes de correspondance de
    l'ancien, effacées, peuvent rappeler leur fonction dans la même exécution que le dépôt (le navigateur renvoie
    leurs valeurs avec celle du dépôt) ; ce rappel ne doit rien « ignorer »."""
    from io import BytesIO

    import openpyxl

    entetes = ["Nom", "Prénom", "Salaire brut annuel", "Date d'entrée", "Date de sortie", "Jours d'absence",
               "Motif", "Service"]
    csv = ("\r\n".join([";".join(entetes), "Quéméner;Maëlle;32 500,00;15/03/2024;;;;Fournil",
                        "Le Goff;Gwenaël;28 120,50;01/09/2019;;3;Maladie;Fournil"]) + "\r\n").encode("cp1252")
    classeur = openpyxl.Workbook()
    classeur.active.append(entetes)
    classeur.active.append(["Quéméner", "Maëlle", 32500.0, None, None, None, None, "Fournil"])
    classeur.active.append(["Le Goff", "Gwenaël", 28120.5, None, None, 3, "Maladie", "Fournil"])
    xlsx = BytesIO()
    classeur.save(xlsx)
    at = demarrer()
    aller(at, "dates")
    at.text_input(key="dates_date_effet").set_value("01/01/2027").run()
    at.text_input(key="dates_cloture").set_value("31/12/2027").run()
    aller(at, "repartition")
    deposer(at, "salaries.csv", csv)
    assert "2 salariés" in textes(at.markdown)
    # Même exécution : le nouveau fichier et une liste de l'ancien écran qui renvoie sa valeur (modifiée)
    at.selectbox(key="repartition_colonne_2").set_value("nom")
    deposer(at, "salaries.xlsx", xlsx.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert not [w for w in at.warning if "Il manque" in str(w.value)], textes(at.warning)
    assert "2 salariés" in textes(at.markdown)
    assert ui(at)["correspondance_colonnes"] == {}


EXPORT_GARAGE = ("Matricule;Nom;Prénom;Salaire brut annuel;Date d'entrée;Date de sortie;Jours d'absence;Motif\r\n"
                 "0001;BOUVIER;Thierry;52400,00;01/03/2009;;0;\r\n"
                 "0002;LE ROUX;Gaëlle;28950,40;15/09/2015;;12;Maladie\r\n"
                 "0003;PICARD;Kévin;26400,00;02/05/2018;;0;\r\n"
                 "0013;COLIN;Aurélie;25800,00;08/02/2022;;84;Congé maternité\r\n").encode("cp1252")


def _garage_jusqu_au_fichier(contrat_de_travail: bool) -> AppTest:
    """Le garage : son gérant déclaré à l'étape « Entreprise », dirigeants non bénéficiaires, puis l'export de
    paie (sans colonne « Qualité ») où figure le gérant rémunéré."""
    from datetime import date

    from outils_assistant import repartition, saisir_date

    at = demarrer()
    at.number_input(key="entreprise_effectif").set_value(22).run()
    at.button(key="entreprise_dirigeant_ajouter").click().run()
    at.text_input(key="entreprise_dirigeant_0_nom").set_value("Thierry Bouvier")
    at.selectbox(key="entreprise_dirigeant_0_qualite").set_value("gerant").run()
    if contrat_de_travail:
        at.checkbox(key="entreprise_dirigeant_0_contrat").check().run()
    aller(at, "dates")
    saisir_date(at, "dates_date_effet", date(2027, 1, 1))
    saisir_date(at, "dates_cloture", date(2027, 12, 31))
    at.run()
    aller(at, "beneficiaires")
    at.radio(key="beneficiaires_dirigeants").set_value(False).run()
    repartition(at, (50.0, 0.0, 50.0))
    deposer(at, "export_paie_2027.csv", EXPORT_GARAGE)
    return at


def test_le_gerant_exporte_avec_les_salaries_est_signale(base):
    """Constat du parcours du garage : le gérant (sans contrat de travail, dirigeants non bénéficiaires) figurait
    dans l'export de paie et recevait une prime sans un mot ; l'assistant le dit, sans le retirer lui-même."""
    at = _garage_jusqu_au_fichier(contrat_de_travail=False)
    alertes = textes(at.warning)
    assert "« Thierry BOUVIER » (matricule 0001) porte le nom d'un dirigeant" in alertes, alertes
    assert "colonne « Qualité »" in alertes
    assert "4 salariés" in textes(at.markdown)  # personne n'est retiré en silence


def test_salaire_des_absences_assimilees_a_verifier(base):
    """Constat du parcours du garage : une salariée en congé de maternité (84 jours) ; l'export de paie donne le
    salaire versé, le calcul le prenait tel quel sans un mot, alors que l'accord et R3314-3 retiennent le salaire
    qu'elle aurait perçu. La maladie ordinaire (non assimilée) n'est pas citée."""
    at = _garage_jusqu_au_fichier(contrat_de_travail=True)
    alertes = textes(at.warning)
    assert "1 salarié a des jours d'absence assimilée à de la présence (Aurélie COLIN)" in alertes, alertes
    assert "R3314-3" in alertes and "LE ROUX" not in alertes


def test_le_gerant_avec_contrat_de_travail_n_est_pas_signale(base):
    at = _garage_jusqu_au_fichier(contrat_de_travail=True)
    assert "porte le nom d'un dirigeant" not in textes(at.warning)
