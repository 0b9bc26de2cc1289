"""La page « Calculer et verser les primes » par AppTest, section par section : l'accord, les périodes et les
chiffres, les salariés (fichier et DSN), la répartition, le contrôle, les documents et la reprise après un
rechargement (l'accord et les chiffres oui, les salariés non)."""

from __future__ import annotations

import json
from datetime import date

from chemins import EXEMPLES
from fabrique_dsn import dsn_du_mois
from outils_assistant import demarrer, sans_exception, textes
from outils_assistant import ouvrir as ouvrir_fenetre
from outils_versement import (
    ACCORD,
    EXERCICE,
    MASSE_EUROS,
    RCAI_EUROS,
    csv_salaries,
    dsn_entreprise,
    lire_export_csv,
)

from interessement.cli import main

PAGE = "interface/pages/versement.py"



def ouvrir(**query):
    at = demarrer(**query)
    at.switch_page(PAGE).run()
    sans_exception(at)
    return at


def accord_fichier(at, nom="accord.json", contenu=None):
    at.radio(key="primes_source_accord").set_value("fichier").run()
    at.file_uploader(key="primes_fichier_accord").upload(nom, contenu or ACCORD.read_bytes(),
                                                         "application/json").run()
    sans_exception(at)


def chiffres(at, rcai=RCAI_EUROS, masse=MASSE_EUROS):
    at.number_input(key="primes_p1_resultat_courant_avant_impot").set_value(rcai)
    at.number_input(key="primes_p1_masse").set_value(masse).run()
    sans_exception(at)


def salaries_csv(at, contenu=None):
    at.radio(key="primes_source_salaries").set_value("fichier").run()
    at.file_uploader(key="primes_fichier_salaries").upload("salariés.csv", contenu or csv_salaries(),
                                                           "text/csv").run()
    sans_exception(at)


def memoire(at, nom):
    """Ce que la page a calculé et servi (mémoire de session des calculs), par nom."""
    valeurs = [v for (n, _), v in at.session_state["calculs"].items() if n == nom]
    assert valeurs, nom
    return valeurs[-1]


def tableau(at, colonne):
    """Le tableau affiché qui a cette colonne (AppTest ne donne pas la clé d'un tableau)."""
    for df in at.dataframe:
        if colonne in df.value.columns:
            return df.value
    raise AssertionError(f"aucun tableau avec la colonne « {colonne} »")


def metriques(at):
    return {m.label: m.value for m in at.metric}


# ------------------------------------------------------------------------------------------------ l'accord


def test_premier_ecran_rien_n_est_choisi(base):
    at = ouvrir()
    assert at.title[0].value == "Calculer et verser les primes"
    assert at.radio(key="primes_source_accord").value is None
    assert "Choisissez l'accord" in textes(at.caption)
    assert not at.metric


def test_brouillon_vierge_de_l_assistant_est_incomplet(base):
    at = ouvrir()
    at.radio(key="primes_source_accord").set_value("brouillon").run()
    sans_exception(at)
    assert "pas encore complet" in textes(at.warning)


def test_accord_json_resume_et_periodes(base):
    at = ouvrir()
    accord_fichier(at)
    assert "Atelier" in textes(at.markdown) or "SIREN" in textes(at.markdown)
    assert "20 %" in textes(at.markdown)  # la formule en mots
    periodes = tableau(at, "Verser au plus tard le")
    assert list(periodes["Verser au plus tard le"])[:1] == ["31 mai 2027"]
    assert at.selectbox(key="primes_periode").value == 1


def test_accord_word_genere_est_lu(base):
    from interessement.documents import rendre_accord
    from interessement.modele import charger_accord

    docx = rendre_accord(charger_accord(ACCORD))
    at = ouvrir()
    accord_fichier(at, "accord.docx", docx)
    assert tableau(at, "Verser au plus tard le").shape[0] == 3
    assert not at.error


def test_fichier_d_accord_illisible_message_francais(base):
    at = ouvrir()
    accord_fichier(at, "accord.json", b"{pas du json")
    assert "n'a pas pu être lu" in textes(at.error)
    assert "Traceback" not in textes(at.error)


# ------------------------------------------------------------------------------------ chiffres et enveloppe


def test_chiffres_de_cloture_et_enveloppe_pas_a_pas(base):
    at = ouvrir()
    accord_fichier(at)
    assert "Pour calculer l'enveloppe, indiquez" in textes(at.info)
    assert "Source prévue par l'accord" in textes(at.caption)
    chiffres(at)
    m = metriques(at)
    assert m["Enveloppe de la formule"] == "37\u00a0000,00\u00a0€"
    assert m["Plafond global (20 % de la masse salariale)"] == "174\u00a0993,00\u00a0€"
    etapes = textes(at.expander[0].markdown)
    assert "Plafond légal (art. L3314-8)" in etapes and "174\u00a0993,00\u00a0€ (non atteint)" in etapes
    assert "resultat_courant_avant_impot" not in etapes and "Résultat courant avant impôt" in etapes


# --------------------------------------------------------------------------------------------- salariés


def test_fichier_francais_repartition_et_export_egal_a_la_ligne_de_commande(base, tmp_path, capsys):
    at = ouvrir()
    accord_fichier(at)
    chiffres(at)
    salaries_csv(at)
    assert "au centime près" in textes(at.success)
    colonnes = set(tableau(at, "Prime brute").columns)
    assert {"Part initiale", "Plafond individuel", "Plafond atteint", "Redistribué", "Avances déduites", "Prime brute",
            "CSG", "CRDS", "Net à verser"} <= colonnes
    export = lire_export_csv(memoire(at, "primes_csv_export"))
    f = tmp_path / "salaries.csv"
    f.write_bytes(csv_salaries())
    indicateurs = tmp_path / "indicateurs.json"
    indicateurs.write_text(json.dumps({"valeurs": {"resultat_courant_avant_impot": RCAI_EUROS * 100},
                                       "masse_salariale_centimes": MASSE_EUROS * 100}))
    capsys.readouterr()
    assert main(["repartir", str(ACCORD), "--salaries", str(f), "--exercice", EXERCICE, "--indicateurs",
                 str(indicateurs), "--format", "json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    assert {b["identifiant"]: b["montant_centimes"] for b in cli["beneficiaires"]} == {
        k: v["Prime brute de la période"] for k, v in export.items()}
    for ligne in export.values():
        assert ligne["Net à verser"] == ligne["Brut à verser"] - ligne["CSG"] - ligne["CRDS"]
    # Rien des salariés dans la base des brouillons.
    import sqlite3

    with sqlite3.connect(base) as cx:
        contenu = " ".join(str(r) for r in cx.execute("select * from brouillons"))
    assert "M300001" not in contenu and "Fournier" not in contenu


def test_colonne_non_reconnue_rattachee_a_la_main(base):
    contenu = csv_salaries().decode("cp1252").replace("Salaire brut annuel (€)", "Rémun. 2026 (€)")
    at = ouvrir()
    accord_fichier(at)
    chiffres(at)
    salaries_csv(at, contenu.encode("cp1252"))
    # Le cadre garde son titre (il reste ouvert pendant le choix) ; ce qu'il faut faire est dit dedans.
    assert "Les colonnes de votre fichier" in "\n".join(e.label for e in at.expander)
    assert "Rattachez les colonnes de votre fichier" in textes(at.markdown)
    cle = next(s.key for s in at.selectbox if s.key and s.key.startswith("primes_colonne_")
               and "Rémun" in s.label)
    at.selectbox(key=cle).set_value("salaire_brut").run()
    sans_exception(at)
    assert "au centime près" in textes(at.success)


def test_fichier_fautif_cite_la_ligne(base):
    contenu = csv_salaries().decode("cp1252").splitlines()
    contenu[3] = contenu[3].replace(";", ";-", 3).replace(";-", ";", 2)
    at = ouvrir()
    accord_fichier(at)
    chiffres(at)
    salaries_csv(at, ("\r\n".join(contenu) + "\r\n").encode("cp1252"))
    assert "n'a pas pu être lu" in textes(at.error)
    assert "Ligne 4" in textes(at.markdown)


def test_douze_dsn_absences_par_motif_et_assimilation(base):
    at = ouvrir()
    accord_fichier(at)
    chiffres(at)
    at.radio(key="primes_source_salaries").set_value("dsn").run()
    fichiers = dsn_entreprise()
    at.file_uploader(key="primes_fichiers_dsn").set_value([(n, b, "text/plain") for n, b in fichiers.items()]).run()
    sans_exception(at)
    assert "12 DSN lues" in textes(at.caption)
    assert "SIREN" not in textes(at.warning)  # les DSN de l'entreprise de l'accord
    absences = tableau(at, "Compté comme présence")
    par_motif = dict(zip(absences["Motif"], absences["Compté comme présence"], strict=False))
    assert par_motif.get("maladie non professionnelle") is False
    assert "au centime près" in textes(at.success)


def test_dsn_d_une_autre_entreprise_signalee(base):
    at = ouvrir()
    accord_fichier(at)
    chiffres(at)
    at.radio(key="primes_source_salaries").set_value("dsn").run()
    fichiers = dsn_entreprise(5, siren="999999999")
    at.file_uploader(key="primes_fichiers_dsn").set_value([(n, b, "text/plain") for n, b in fichiers.items()]).run()
    sans_exception(at)
    assert "Les DSN déclarent le SIREN 999999999" in textes(at.warning)


def test_accord_complet_de_l_assistant(base):
    at = demarrer()
    ouvrir_fenetre(at, "fenetre_exemples")
    libelle = next(o for o in at.selectbox(key="outil_exemple").options if "Atelier" in o)
    at.selectbox(key="outil_exemple").set_value(libelle).run()
    at.button(key="outil_charger_exemple").click().run()
    at.switch_page(PAGE).run()
    at.radio(key="primes_source_accord").set_value("brouillon").run()
    sans_exception(at)
    assert not at.warning
    assert tableau(at, "Verser au plus tard le").shape[0] == 3
    chiffres(at)
    assert metriques(at)["Enveloppe à répartir"] == "37\u00a0000,00\u00a0€"


def test_dsn_fautive_nomme_le_fichier_et_la_ligne(base):
    at = ouvrir()
    accord_fichier(at)
    chiffres(at)
    at.radio(key="primes_source_salaries").set_value("dsn").run()
    fichiers = dsn_entreprise(5)
    fichiers["DSN_202604.dsn"] = fichiers["DSN_202604.dsn"].replace(b"S21.G00.30.019,'", b"S21.G00.30.019,", 1)
    at.file_uploader(key="primes_fichiers_dsn").set_value([(n, b, "text/plain") for n, b in fichiers.items()]).run()
    sans_exception(at)
    assert "Les DSN n'ont pas pu être lues" in textes(at.error)
    assert "DSN_202604.dsn, ligne" in textes(at.markdown)  # texte lu (échappements retirés)
    assert not at.metric or "Bénéficiaires" not in metriques(at)


# ------------------------------------------------------------------------------------------ répartition


def test_plafond_individuel_surligne_et_salaries_partis(base):
    trois = ("Matricule;Nom;Salaire brut (€);Jours d'inscription\r\nA1;Cadre;400 000,00;365\r\n"
             "B2;Employée;50 000,00;365\r\nC3;Employé;50 000,00;365\r\n").encode("cp1252")
    at = ouvrir()
    accord_fichier(at)
    chiffres(at, rcai=2_000_000)  # enveloppe plafonnée par l'accord à 8 % de la masse, à 3 salariés
    salaries_csv(at, trois)
    assert "au plafond individuel" in textes(at.warning) or "Plafond individuel" in textes(at.caption)
    assert "au centime près" in textes(at.success)
    assert tableau(at, "Plafond atteint")["Plafond atteint"].any()
    at.radio(key="primes_source_salaries").set_value("dsn").run()
    at.file_uploader(key="primes_fichiers_dsn").set_value(
        [(n, b, "text/plain") for n, b in dsn_entreprise().items()]).run()
    sans_exception(at)
    assert any("partis avant la fin" in e.label for e in at.expander)
    assert "D3313-10" in textes(at.caption) and "Caisse des dépôts" in textes(at.caption)


# ------------------------------------------------------------------------------------------ contrôle


def test_versement_tardif_interets_de_retard_chiffres(base):
    at = ouvrir()
    accord_fichier(at)
    chiffres(at)
    salaries_csv(at)
    at.text_input(key="primes_p1_versement").set_value("30/06/2027").run()
    at.number_input(key="primes_p1_tmop").set_value(4.0).run()
    sans_exception(at)
    avertissements = textes(at.warning)
    assert "DATE_VERSEMENT" in avertissements and "30 jour(s) après la date limite" in avertissements
    assert "intérêts de retard dus" in avertissements


def test_avances_deduites_et_signalees_sans_clause(base):
    contenu = csv_salaries().decode("cp1252").splitlines()
    contenu[0] += ";Avance versée (€)"
    contenu[1:] = [ligne + (";100,00" if i == 0 else ";") for i, ligne in enumerate(contenu[1:])]
    at = ouvrir()
    accord_fichier(at)
    chiffres(at)
    salaries_csv(at, ("\r\n".join(contenu) + "\r\n").encode("cp1252"))
    at.text_input(key="primes_p1_avances").set_value("15/10/2026").run()
    sans_exception(at)
    assert "AVANCES" in textes(at.warning) + textes(at.error)
    assert "Avances déduites" in tableau(at, "Prime brute").columns


# ------------------------------------------------------------------------------------------ documents


def test_documents_fiches_export_note_et_calendrier(base):
    at = ouvrir()
    accord_fichier(at)
    chiffres(at)
    salaries_csv(at)
    libelles = [b.label for b in at.download_button]
    assert {"Export pour la paie (CSV)", "Export pour la paie (Excel)", "Note de versement (Word)",
            "Ajouter ces dates à mon agenda (.ics)"} <= set(libelles)
    assert "date d'information" in textes(at.caption)
    at.text_input(key="primes_p1_information").set_value("15/04/2027").run()
    at.button(key="primes_preparer_fiches").click().run()
    sans_exception(at)
    assert any("Fiches individuelles" in b.label for b in at.download_button)
    echeances = tableau(at, "Étape")
    assert "Date limite de versement" in " ".join(echeances["Étape"])
    assert "30 avril 2027" in list(echeances["Date"])  # fin du délai de choix de 15 jours
    import io

    from openpyxl import load_workbook

    classeur = load_workbook(io.BytesIO(memoire(at, "primes_xlsx_export")))
    assert classeur.active["A1"].value == "Matricule" and classeur.active.max_row == 30
    assert memoire(at, "primes_note")[:2] == b"PK"


# ------------------------------------------------------------------------------------------ reprise


def test_rechargement_garde_l_accord_et_les_chiffres_pas_les_salaries(base):
    at = ouvrir()
    accord_fichier(at)
    chiffres(at)
    salaries_csv(at)
    assert "Bénéficiaires" in metriques(at)
    jeton = at.session_state["assistant"]["jeton"]
    recharge = ouvrir(brouillon=jeton)
    assert recharge.radio(key="primes_source_accord").value == "fichier"
    assert metriques(recharge)["Enveloppe de la formule"] == "37\u00a0000,00\u00a0€"
    assert "Bénéficiaires" not in metriques(recharge)
    assert "Un rechargement de la page garde l'accord et les chiffres, pas les salariés" in textes(recharge.caption)


def test_une_dsn_mal_datee_est_dite(base):
    texte = dsn_du_mois([], date(2026, 1, 1)).replace("S20.G00.05.005,'01012026'", "S20.G00.05.005,'32012026'")
    at = ouvrir()
    accord_fichier(at)
    chiffres(at)
    at.radio(key="primes_source_salaries").set_value("dsn").run()
    at.file_uploader(key="primes_fichiers_dsn").set_value([("janvier.dsn", texte.encode(), "text/plain")]).run()
    sans_exception(at)
    assert "date inexistante" in textes(at.markdown)
    assert EXEMPLES.exists()
