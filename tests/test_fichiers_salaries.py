"""Lecture du fichier des salariés : variantes CSV d'Excel, XLSX, erreurs groupées par ligne, aller-retour."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from interessement.fichiers_salaries import (
    ErreurLigne,
    apercu,
    ecrire_modele_csv,
    lire_fichier_salaries,
    salaries_pour_versement,
)
from interessement.modele import SalarieVersement

NBSP = "\u00a0"


def csv_fr(lignes: list[list[str]], sep: str = ";", fin: str = "\r\n") -> str:
    tampon = io.StringIO()
    csv.writer(tampon, delimiter=sep, lineterminator=fin).writerows(lignes)
    return tampon.getvalue()


ENTETE = ["Matricule", "Nom", "Salaire brut", "Jours inscrits", "Absences maladie", "Absence maternité"]
LIGNES = [
    ENTETE,
    ["A001", "Dupont Éloïse", f"32{NBSP}500,00", "365", "4", "0"],
    ["A002", "Lefèvre Jérôme", "1 234 567,89", "200", "", "30"],
]


def verifier_deux_salaries(lecture):
    assert lecture.erreurs == []
    assert [s["identifiant"] for s in lecture.salaries] == ["A001", "A002"]
    assert [s["salaire_brut_centimes"] for s in lecture.salaries] == [3_250_000, 123_456_789]
    assert lecture.salaries[0]["nom"] == "Dupont Éloïse"
    assert lecture.salaries[1]["absences"] == {"maladie": 0, "maternite": 30}
    assert lecture.salaries[0]["qualite"] == "salarie"
    assert lecture.salaries[0]["temps_travail"] == Decimal(1)
    assert [s["ligne"] for s in lecture.salaries] == [2, 3]


# --------------------------------------------------------------------------------------------------
# Variantes d'encodage et de séparateur
# --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("encodage", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_encodages_et_separateurs(encodage, sep):
    donnees = csv_fr(LIGNES, sep=sep).encode(encodage)
    lecture = lire_fichier_salaries(donnees, "salaries.csv")
    verifier_deux_salaries(lecture)
    assert lecture.separateur == sep
    assert lecture.format == "csv"


def test_fins_de_ligne_unix_et_chemin(tmp_path):
    chemin = tmp_path / "salaries.csv"
    chemin.write_bytes(csv_fr(LIGNES, fin="\n").encode("cp1252"))
    verifier_deux_salaries(lire_fichier_salaries(chemin))
    verifier_deux_salaries(lire_fichier_salaries(str(chemin)))
    with chemin.open("rb") as f:
        verifier_deux_salaries(lire_fichier_salaries(f))


def test_entetes_insensibles_a_la_casse_aux_accents_et_synonymes():
    texte = csv_fr([
        ["  N° MATRICULE ", "Qualité", "Rémunération brute (€)", "Nb jours d'inscription", "Jours d'absence AT",
         "Temps de travail", "Date d'embauche", "Date de sortie", "Prime versée", "Rémunération N-1", "Service"],
        ["7", "Gérant", "45 000", "365", "2", "80 %", "2019-09-01", "31/12/2026", "1 000,5", "60 000,00", "Compta"],
    ])
    lecture = lire_fichier_salaries(texte.encode("utf-8"))
    assert lecture.erreurs == []
    s = lecture.salaries[0]
    assert s["identifiant"] == "7"
    assert s["qualite"] == "dirigeant"
    assert s["salaire_brut_centimes"] == 4_500_000
    assert s["absences"] == {"accident_travail": 2}
    assert s["temps_travail"] == Decimal("0.8")
    assert s["date_entree"] == date(2019, 9, 1) and s["date_sortie"] == date(2026, 12, 31)
    assert s["montant_verse_centimes"] == 100_050
    assert s["remuneration_n1_centimes"] == 6_000_000
    assert any("Service" in a for a in lecture.avertissements)


@pytest.mark.parametrize(
    "texte, centimes",
    [("1234,56", 123_456), ("1 234,56 €", 123_456), (f"1{NBSP}234,5", 123_450), ("1\u202f234", 123_400),
     ("1.234,56", 123_456), ("1234.56", 123_456), ("0", 0), ("0,01", 1), ("12 EUR", 1_200),
     ("99999999999,99", 9_999_999_999_999)],
)
def test_montants_francais_exacts(texte, centimes):
    lecture = lire_fichier_salaries(csv_fr([["identifiant", "salaire_brut", "jours_inscrits"],
                                            ["X", texte, "1"]]).encode("utf-8"))
    assert lecture.erreurs == []
    assert lecture.salaries[0]["salaire_brut_centimes"] == centimes


def test_lignes_vides_et_ligne_de_total_ignorees():
    texte = "identifiant;salaire_brut;jours_inscrits\r\nA;10;1\r\n;;\r\n\r\nB;20;2\r\n;;\r\nC;7;\r\nTOTAL;30;\r\n"
    lecture = lire_fichier_salaries(texte.encode("utf-8"))
    assert [s["ligne"] for s in lecture.salaries] == [2, 5]
    assert lecture.erreurs == [ErreurLigne(7, "jours_inscrits", "", lecture.erreurs[0].message, "jours_inscrits")]
    assert any("Ligne 8 ignorée" in a for a in lecture.avertissements)


# --------------------------------------------------------------------------------------------------
# XLSX
# --------------------------------------------------------------------------------------------------

def test_xlsx(tmp_path):
    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.append(["Matricule", "Nom", "Salaire brut", "Jours inscrits", "Absences maladie", "Temps de travail",
                    "Date d'entrée", "Qualité"])
    feuille.append(["A001", "Dupont", 32500, 365, 4, 1, datetime(2020, 1, 15), "salarié"])
    feuille.append([1002, "Martin", 1234.56, 200, None, 0.8, "15/03/2021", "Conjoint collaborateur"])
    feuille.append([])
    feuille.append(["A003", "Calcul", 0.1 + 0.2, 10, 0, 0.5, 44197, None])  # 0,30 € ; 44197 = 01/01/2021
    feuille.append(["A004", "Négatif", -1200, 10, 0, 1, None, None])
    chemin = tmp_path / "salaries.xlsx"
    classeur.save(chemin)

    lecture = lire_fichier_salaries(chemin)
    assert lecture.format == "xlsx"
    assert [s["identifiant"] for s in lecture.salaries] == ["A001", "1002", "A003"]
    assert [s["salaire_brut_centimes"] for s in lecture.salaries] == [3_250_000, 123_456, 30]
    assert lecture.salaries[0]["date_entree"] == date(2020, 1, 15)
    assert lecture.salaries[1]["qualite"] == "conjoint"
    assert lecture.salaries[1]["temps_travail"] == Decimal("0.8")
    assert lecture.salaries[2]["date_entree"] == date(2021, 1, 1)
    assert [s["ligne"] for s in lecture.salaries] == [2, 3, 5]
    assert [str(e) for e in lecture.erreurs] == [
        "Ligne 6, colonne « Salaire brut » : montant négatif (-1 200,00) ; indiquez un salaire brut positif ou nul."
    ]
    # Les mêmes octets, sans nom de fichier : reconnus à leur signature.
    assert len(lire_fichier_salaries(chemin.read_bytes()).salaries) == 3


def test_xls_et_faux_xlsx_refuses():
    xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    lecture = lire_fichier_salaries(xls, "ancien.xls")
    assert lecture.erreurs[0].ligne == 0 and ".xls" in lecture.erreurs[0].message
    lecture = lire_fichier_salaries(b"PK\x03\x04 pas vraiment un zip", "casse.xlsx")
    assert len(lecture.erreurs) == 1 and lecture.erreurs[0].ligne == 0
    assert "XLSX" in lecture.erreurs[0].message


# --------------------------------------------------------------------------------------------------
# Erreurs
# --------------------------------------------------------------------------------------------------

def test_plusieurs_lignes_fautives_signalees_ensemble():
    texte = csv_fr([
        ["identifiant", "nom", "qualite", "salaire_brut", "jours_inscrits", "absences_maladie", "temps_travail",
         "date_entree", "date_sortie"],
        ["A1", "Bon", "", "30000", "365", "", "", "", ""],                       # 2 : correcte
        ["A2", "Mauvais", "stagiaire", "abc", "12,5", "-3", "1,5", "31/02/2024", ""],  # 3 : six erreurs
        ["A3", "Bon aussi", "salarie", "1000", "100", "10", "0,5", "01/01/2024", "31/12/2024"],  # 4
        ["", "Sans id", "", "10", "10", "", "", "", ""],                          # 5
        ["A5", "Dates", "", "10", "10", "", "", "01/06/2024", "01/01/2024"],      # 6
        ["A6", "-", "", "-1 200,00", "10", "", "", "", ""],                       # 7
        ["A1", "Doublon", "", "10", "10", "", "", "", ""],                        # 8
        ["A9", "Absent", "", "10", "5", "6", "", "", ""],                         # 9
    ])
    lecture = lire_fichier_salaries(texte.encode("utf-8"))
    assert [s["identifiant"] for s in lecture.salaries] == ["A1", "A3"]
    trouvees = {(e.ligne, e.colonne) for e in lecture.erreurs}
    assert trouvees == {
        (3, "qualite"), (3, "salaire_brut"), (3, "jours_inscrits"), (3, "absences_maladie"), (3, "temps_travail"),
        (3, "date_entree"), (5, "identifiant"), (6, "date_sortie"), (7, "salaire_brut"), (8, "identifiant"),
        (9, "absences"),
    }
    messages = [str(e) for e in lecture.erreurs]
    assert ("Ligne 7, colonne « salaire_brut » : montant négatif (-1 200,00) ; "
            "indiquez un salaire brut positif ou nul.") in messages
    assert any(m.startswith("Ligne 8, colonne « identifiant » : identifiant « A1 » en double (déjà utilisé ligne 2)")
               for m in messages)
    assert any("« abc »" in m for m in messages)
    assert all(e.message.endswith(".") for e in lecture.erreurs)


def test_colonne_obligatoire_absente():
    texte = csv_fr([["Matricule", "Nom", "Salaire"], ["A", "B", "10"]])
    lecture = lire_fichier_salaries(texte.encode("utf-8"))
    assert lecture.salaries == []
    assert len(lecture.erreurs) == 1
    erreur = lecture.erreurs[0]
    assert erreur.ligne == 0
    assert "« Jours d'inscription à l'effectif »" in erreur.message and "« Matricule »" in erreur.message
    assert lecture.manquantes == ["jours_inscrits"]


def test_separateur_inconnu_explique():
    lecture = lire_fichier_salaries(b"identifiant|salaire_brut|jours_inscrits\nA|10|1\n")
    assert lecture.erreurs[0].ligne == 0 and "séparateur" in lecture.erreurs[0].message


def test_colonnes_en_double():
    texte = csv_fr([["identifiant", "salaire", "salaire brut", "jours_inscrits"], ["A", "1", "1", "1"]])
    lecture = lire_fichier_salaries(texte.encode("utf-8"))
    assert len(lecture.erreurs) == 1 and "gardez-en une seule" in lecture.erreurs[0].message


def test_valeurs_en_trop_sur_une_ligne():
    # CSV séparé par des virgules avec une virgule décimale non protégée.
    lecture = lire_fichier_salaries(b"identifiant,salaire_brut,jours_inscrits\nA,1234,56,365\nB,10,1\n")
    assert [s["identifiant"] for s in lecture.salaries] == ["B"]
    assert lecture.erreurs[0].ligne == 2 and "séparateur" in lecture.erreurs[0].message


@pytest.mark.parametrize("donnees", [b"", b"\xef\xbb\xbf", b"  \r\n\r\n", b";;;\r\n;;\r\n"])
def test_fichier_vide(donnees):
    lecture = lire_fichier_salaries(donnees, "vide.csv")
    assert lecture.salaries == []
    assert [e.ligne for e in lecture.erreurs] == [0]
    assert "vide" in lecture.erreurs[0].message


def test_entete_seule():
    lecture = lire_fichier_salaries(b"identifiant;salaire_brut;jours_inscrits\r\n")
    assert [e.ligne for e in lecture.erreurs] == [0]
    assert "aucun salarié" in lecture.erreurs[0].message


def test_contenu_binaire():
    import random

    hasard = random.Random(3)
    donnees = bytes(hasard.randrange(256) for _ in range(5_000))
    lecture = lire_fichier_salaries(donnees, "salaries.csv")
    assert len(lecture.erreurs) == 1 and lecture.erreurs[0].ligne == 0
    assert "binaire" in lecture.erreurs[0].message
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256))
    assert lire_fichier_salaries(png).erreurs[0].ligne == 0


def test_fichier_trop_gros(tmp_path):
    donnees = csv_fr(LIGNES).encode("utf-8")
    lecture = lire_fichier_salaries(donnees, taille_max_octets=50)
    assert len(lecture.erreurs) == 1 and "taille maximale" in lecture.erreurs[0].message
    chemin = tmp_path / "gros.csv"
    chemin.write_bytes(donnees)
    assert "taille maximale" in lire_fichier_salaries(chemin, taille_max_octets=50).erreurs[0].message
    with chemin.open("rb") as f:
        assert "taille maximale" in lire_fichier_salaries(f, taille_max_octets=50).erreurs[0].message


def test_fichier_introuvable(tmp_path):
    lecture = lire_fichier_salaries(tmp_path / "absent.csv")
    assert lecture.erreurs[0].ligne == 0 and "introuvable" in lecture.erreurs[0].message


def test_identifiant_en_double():
    texte = csv_fr([["identifiant", "salaire_brut", "jours_inscrits"], ["A", "1", "1"], ["B", "1", "1"],
                    ["A", "2", "2"]])
    lecture = lire_fichier_salaries(texte.encode("utf-8"))
    assert [s["identifiant"] for s in lecture.salaries] == ["A", "B"]
    assert [(e.ligne, e.colonne) for e in lecture.erreurs] == [(4, "identifiant")]
    assert "ligne 2" in lecture.erreurs[0].message


def test_motif_d_absence_inconnu_signale():
    texte = csv_fr([["identifiant", "salaire_brut", "jours_inscrits", "absences_greve"], ["A", "1", "10", "2"]])
    lecture = lire_fichier_salaries(texte.encode("utf-8"))
    assert lecture.salaries[0]["absences"] == {"greve": 2}
    assert any("greve" in a for a in lecture.avertissements)


def test_motif_inconnu_cite_tel_que_la_personne_l_a_ecrit():
    """Un motif « Absence injustifiée » écrit dans la colonne Motif : le message le cite ainsi, jamais par un code
    interne (« absence_injustifiee »)."""
    texte = csv_fr([["Matricule", "Salaire brut annuel", "Jours inscrits", "Jours d'absence", "Motif"],
                    ["A", "30000", "365", "2", "Absence injustifiée"], ["B", "30000", "365", "0", ""]])
    lecture = lire_fichier_salaries(texte.encode("utf-8"))
    messages = " ".join(lecture.avertissements)
    assert "« Absence injustifiée »" in messages and "absence_injustifiee" not in messages


# --------------------------------------------------------------------------------------------------
# Modèle CSV et passage au modèle de versement
# --------------------------------------------------------------------------------------------------

def test_modele_csv_relu_sans_erreur():
    octets = ecrire_modele_csv()
    assert octets.startswith(b"\xef\xbb\xbf")
    texte = octets.decode("utf-8-sig")
    assert texte.splitlines()[0].startswith("Matricule;Nom;Prénom;Qualité;Salaire brut de l'exercice (€)")
    assert len(texte.strip().splitlines()) == 3 and "\r\n" in texte
    lecture = lire_fichier_salaries(octets, "modele.csv")
    assert lecture.erreurs == [] and lecture.avertissements == []
    assert [s["salaire_brut_centimes"] for s in lecture.salaries] == [3_250_000, 1_425_050]
    assert lecture.salaries[0]["nom"] == "Marie Dupont" and lecture.salaries[1]["absences"]["accident_travail"] == 3
    assert set(lecture.colonnes) == {"identifiant", "nom", "prenom", "qualite", "salaire_brut", "jours_inscrits",
                                     "absences_maladie", "absences_maternite", "absences_accident_travail",
                                     "absences_conges_sans_solde", "temps_travail", "date_entree", "date_sortie"}


def test_salaries_pour_versement():
    lecture = lire_fichier_salaries(ecrire_modele_csv())
    for d in salaries_pour_versement(lecture.salaries):
        assert "ligne" not in d
        SalarieVersement(**d)


# --------------------------------------------------------------------------------------------------
# Aller-retour (Hypothesis)
# --------------------------------------------------------------------------------------------------

def _euros_fr(centimes: int, milliers: str) -> str:
    entier = f"{centimes // 100:,}".replace(",", milliers)
    return f"{entier},{centimes % 100:02d}"


ligne_salarie = st.fixed_dictionaries({
    "nom": st.text(alphabet="abcdeéèàçôÉ ;'\"-,", max_size=12),
    "centimes": st.integers(0, 10**11),
    "jours": st.integers(0, 366),
    "maladie": st.integers(0, 366),
    "qualite": st.sampled_from(["salarie", "dirigeant", "conjoint", "Salariée", "Gérant", ""]),
})


@given(
    st.lists(ligne_salarie, min_size=1, max_size=15),
    st.sampled_from(["", " ", NBSP]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    st.sampled_from([";", ","]),
)
def test_aller_retour_csv_francais(lignes, milliers, encodage, sep):
    table = [["Matricule", "Nom", "Qualité", "Salaire brut", "Jours inscrits", "Absences maladie"]]
    for k, ligne in enumerate(lignes):
        maladie = min(ligne["maladie"], ligne["jours"])
        table.append([f"M{k:04d}", ligne["nom"], ligne["qualite"], _euros_fr(ligne["centimes"], milliers),
                      str(ligne["jours"]), str(maladie)])
    lecture = lire_fichier_salaries(csv_fr(table, sep=sep).encode(encodage), "export.csv")
    assert lecture.erreurs == []
    assert [s["salaire_brut_centimes"] for s in lecture.salaries] == [x["centimes"] for x in lignes]
    assert [s["jours_inscrits"] for s in lecture.salaries] == [x["jours"] for x in lignes]
    assert [s["nom"] for s in lecture.salaries] == [x["nom"].strip() or None for x in lignes]


@given(st.one_of(
    st.binary(max_size=2_000),
    st.text(alphabet=st.sampled_from(list("identifiantsalire_brujo;,\t\"\r\n 0123456789-€.,/é\u00a0xyz")), max_size=500)
    .map(lambda t: ("identifiant;salaire_brut;jours_inscrits\r\n" + t).encode("utf-8")),
))
def test_jamais_de_trace_python(donnees):
    lecture = lire_fichier_salaries(donnees, "x.csv")
    assert all(isinstance(e, ErreurLigne) for e in lecture.erreurs)
    for s in lecture.salaries:
        assert s["salaire_brut_centimes"] >= 0 and s["jours_inscrits"] >= 0


def test_colonnes_anciennete_anterieure_et_deja_attribue():
    texte = ("Matricule;Salaire brut;Jours inscrits;Ancienneté antérieure (jours);Déjà attribué exercice\n"
             "A1;30 000,00;365;45;1 200,50\nA2;20 000,00;100;;\n")
    lecture = lire_fichier_salaries(texte.encode("utf-8"), "s.csv")
    assert not lecture.erreurs
    a1, a2 = lecture.salaries
    assert a1["anciennete_anterieure_jours"] == 45 and a1["deja_attribue_exercice_centimes"] == 120_050
    assert "anciennete_anterieure_jours" not in a2 or a2["anciennete_anterieure_jours"] in (None, 0)


# --------------------------------------------------------------------------------------------------
# Le fichier tel que les gens l'ont (issue 9, point 7)
# --------------------------------------------------------------------------------------------------

EXERCICE_2027 = (date(2027, 1, 1), date(2027, 12, 31))


def test_les_fichiers_types_sont_la_sortie_de_leur_generateur():
    from donnees_salaries.generer import DOSSIER, FICHIERS

    for nom, fabrique in FICHIERS.items():
        assert (DOSSIER / nom).read_bytes() == fabrique(), f"relancez python tests/donnees_salaries/generer.py ({nom})"


def test_csv_d_excel_francais_de_la_boulangerie():
    """Windows-1252, « ; », virgule décimale, milliers insécables, en-têtes naturels, sans jours d'inscription :
    ils sont calculés des dates d'entrée et de sortie sur l'exercice."""
    from donnees_salaries.generer import DOSSIER, salaries_boulangerie

    attendus = salaries_boulangerie()
    lecture = lire_fichier_salaries(DOSSIER / "boulangerie-14.csv", exercice=EXERCICE_2027)
    assert lecture.erreurs == []
    assert (lecture.encodage, lecture.separateur) == ("Windows-1252", ";")
    assert lecture.colonnes == {"identifiant": "Matricule", "nom": "Nom", "prenom": "Prénom",
                                "salaire_brut": "Salaire brut annuel (€)", "date_entree": "Date d'entrée",
                                "date_sortie": "Date de sortie", "absences": "Jours d'absence",
                                "motif_absence": "Motif"}
    assert lecture.inconnues == ["Emploi"]
    assert len(lecture.salaries) == 14
    par_id = {s["identifiant"]: s for s in lecture.salaries}
    for a in attendus:
        s = par_id[a["matricule"]]
        assert s["salaire_brut_centimes"] == a["salaire_centimes"]
        assert s["nom"] == f"{a['prenom']} {a['nom']}"
        assert s["date_entree"] == a["entree"] and s["date_sortie"] == a["sortie"]
    assert par_id["101"]["jours_inscrits"] == 365
    assert par_id["104"]["jours_inscrits"] == 122  # entré le 01/09/2027 : 30 + 31 + 30 + 31 jours
    assert par_id["110"]["jours_inscrits"] == 181  # sorti le 30/06/2027
    assert par_id["103"]["absences"] == {"maladie": 14}
    assert par_id["106"]["absences"] == {"maternite": 112}
    assert par_id["112"]["absences"] == {"accident_travail": 4}
    assert any("calculés des dates d'entrée et de sortie" in a for a in lecture.avertissements)
    assert any("« Emploi »" in a for a in lecture.avertissements)


def test_sans_exercice_les_dates_ne_suffisent_pas():
    from donnees_salaries.generer import DOSSIER

    lecture = lire_fichier_salaries(DOSSIER / "boulangerie-14.csv")
    assert lecture.salaries == [] and lecture.manquantes == ["jours_inscrits"]
    assert "avec l'exercice" in lecture.erreurs[0].message


def test_export_de_paie_avec_titre_total_et_colonne_a_rattacher():
    from donnees_salaries.generer import DOSSIER, salaries_export_25

    chemin = DOSSIER / "export-paie-25.csv"
    lecture = lire_fichier_salaries(chemin, exercice=EXERCICE_2027)
    assert lecture.manquantes == ["salaire_brut"]
    assert lecture.ligne_entete == 3 and "Cumul brut soumis" in lecture.inconnues
    assert "« Salaire brut de l'exercice (€) »" in lecture.erreurs[0].message

    vue = apercu(chemin, exercice=EXERCICE_2027)
    assert vue.erreur is None and vue.ligne_entete == 3
    assert vue.entetes[:3] == ["N° salarié", "Nom et prénom", "Cumul brut soumis"]
    assert vue.reconnues["Cumul brut soumis"] is None and vue.reconnues["Nom et prénom"] == "nom"
    assert vue.reconnues["Congé maternité (j)"] == "absences_maternite"
    assert vue.exemples[0][:3] == ["S2000", "KOWALSKI Agnieszka", "24.000,00"] and len(vue.exemples) == 5
    assert vue.manquantes == ["salaire_brut"]

    correspondance = {"Cumul brut soumis": "salaire_brut"}
    assert apercu(chemin, exercice=EXERCICE_2027, correspondance=correspondance).manquantes == []
    lecture = lire_fichier_salaries(chemin, exercice=EXERCICE_2027, correspondance=correspondance)
    assert lecture.erreurs == []
    attendus = salaries_export_25()
    assert [s["salaire_brut_centimes"] for s in lecture.salaries] == [a["salaire_centimes"] for a in attendus]
    assert any("Ligne 29 ignorée : ligne de total" in a for a in lecture.avertissements)
    s17 = next(s for s in lecture.salaries if s["identifiant"] == "S2017")
    assert s17["jours_inscrits"] == 90  # sorti le 31/03/2027
    s6 = next(s for s in lecture.salaries if s["identifiant"] == "S2006")
    assert s6["absences"]["accident_travail"] == 9


def test_une_colonne_peut_etre_ignoree_par_la_correspondance():
    texte = csv_fr([["Matricule", "Salaire", "Salaire brut", "Jours inscrits"], ["A", "1", "2", "3"]])
    lecture = lire_fichier_salaries(texte.encode("utf-8"))
    assert "gardez-en une seule" in lecture.erreurs[0].message
    lecture = lire_fichier_salaries(texte.encode("utf-8"), correspondance={"Salaire": None})
    assert lecture.erreurs == [] and lecture.salaries[0]["salaire_brut_centimes"] == 200
    assert not any("Salaire »" in a for a in lecture.avertissements)  # ignorée à la demande : rien à dire


def test_classeur_xlsx_en_tetes_naturels(tmp_path):
    from donnees_salaries.generer import classeur_30, salaries_30

    chemin = tmp_path / "salaries.xlsx"
    chemin.write_bytes(classeur_30())
    lecture = lire_fichier_salaries(chemin)
    assert lecture.erreurs == [], lecture.erreurs[:3]
    assert lecture.colonnes["salaire_brut"] == "Salaire brut 2027"
    assert lecture.colonnes["jours_inscrits"] == "Jours d'inscription"
    attendus = salaries_30()
    assert [s["salaire_brut_centimes"] for s in lecture.salaries] == [round(a["salaire"] * 100) for a in attendus]
    assert lecture.salaries[0]["date_entree"] == attendus[0]["entree"]
    assert lecture.salaries[3]["temps_travail"] == Decimal("0.8")


def test_identifiant_facultatif_et_prenom():
    texte = csv_fr([["Prénom", "NOM", "Salaire brut (€)", "Jours d'inscription"],
                    ["Anaïs", "Riou", "30 000,00", "365"], ["", "Tessier", "20 000", "100"]])
    lecture = lire_fichier_salaries(texte.encode("cp1252"))
    assert lecture.erreurs == []
    assert [(s["identifiant"], s["nom"]) for s in lecture.salaries] == [("Ligne 2", "Anaïs Riou"),
                                                                        ("Ligne 3", "Tessier")]
    assert any("Pas de colonne de matricule" in a for a in lecture.avertissements)


@pytest.mark.parametrize("entete", ["Salaire brut (€)", "SALAIRE BRUT ANNUEL", "salaire  brut annuel (en euros)",
                                    "Salaire brut annuel 2027", "Rémunération brute annuelle (EUR)",
                                    " Salaire_brut "])
def test_en_tetes_avec_unites_accents_casse_et_espaces(entete):
    texte = csv_fr([["Matricule", entete, "Jours inscrits"], ["A", "32 500,00", "365"]])
    lecture = lire_fichier_salaries(texte.encode("utf-8"))
    assert lecture.erreurs == [], lecture.erreurs
    assert lecture.salaries[0]["salaire_brut_centimes"] == 3_250_000


def test_tout_l_exercice_a_la_demande_seulement():
    texte = csv_fr([["Nom", "Salaire brut"], ["Riou", "30 000"]]).encode("utf-8")
    assert lire_fichier_salaries(texte, exercice=EXERCICE_2027).manquantes == ["jours_inscrits"]
    lecture = lire_fichier_salaries(texte, exercice=EXERCICE_2027, presents_tout_l_exercice=True)
    assert lecture.erreurs == [] and lecture.salaries[0]["jours_inscrits"] == 365
    assert any("exercice entier" in a for a in lecture.avertissements)


def test_chaque_valeur_fautive_nommee_par_sa_ligne_et_l_en_tete_du_fichier():
    texte = csv_fr([
        ["Matricule", "Nom", "Salaire brut annuel (€)", "Date d'entrée", "Date de sortie", "Jours d'absence", "Motif"],
        ["1", "Riou", "30 000,00", "01/01/2020", "", "", ""],
        ["2", "Tessier", "trente mille", "01/01/2020", "", "", ""],
        ["3", "Yilmaz", "20 000,00", "31/02/2027", "", "", ""],
        ["4", "Bouvier", "20 000,00", "01/06/2027", "01/03/2027", "", ""],
        ["5", "Hoarau", "20 000,00", "01/01/2027", "", "400", "Maladie"],
        ["6", "Pichon", "20 000,00", "01/01/2027", "", "3", "Grève"],
    ]).encode("cp1252")
    lecture = lire_fichier_salaries(texte, exercice=EXERCICE_2027)
    messages = [str(e) for e in lecture.erreurs]
    assert messages[0] == ("Ligne 3, colonne « Salaire brut annuel (€) » : montant illisible (« trente mille ») ; "
                           "indiquez un nombre en euros, par exemple 32 500,00.")
    assert messages[1].startswith("Ligne 4, colonne « Date d'entrée » : date illisible (« 31/02/2027 »)")
    assert messages[2].startswith("Ligne 5, colonne « Date de sortie » : la date de sortie (01/03/2027) précède")
    assert messages[3].startswith("Ligne 6, colonne « Jours d'absence » : le total des absences (400 jours)")
    assert len(messages) == 4
    assert [s["identifiant"] for s in lecture.salaries] == ["1", "6"]
    assert lecture.salaries[1]["absences"] == {"greve": 3}
    assert any("« Grève » inconnu" in a for a in lecture.avertissements)


def test_accident_de_trajet_n_est_pas_un_accident_du_travail():
    """L3314-5 assimile les absences de L1226-7 (accident du travail, maladie professionnelle), et L1226-7 exclut
    l'accident de trajet : un « Motif » « Accident de trajet » ne doit pas compter comme présence (même code que le
    lecteur de DSN, motif 04)."""
    from interessement import parametres

    texte = csv_fr([["Matricule", "Salaire brut", "Jours inscrits", "Jours d'absence", "Motif"],
                    ["A", "1000", "365", "12", "Accident de trajet"], ["B", "1000", "365", "5", "Accident du travail"]])
    lecture = lire_fichier_salaries(texte.encode("utf-8"))
    assert [s["absences"] for s in lecture.salaries] == [{"accident_trajet": 12}, {"accident_travail": 5}]
    assimilees = list(parametres.value_at("absences_assimilees_presence", date(2027, 1, 1)))
    assert "accident_trajet" not in assimilees and "accident_travail" in assimilees


# ------------------------------------------------------------- lecture rapide (issue 13) : mêmes valeurs, mêmes messages

_VALEURS_DE_CELLULES = ["", " ", "abc", "-3", "1e5", "12,345", "1 23,00", "(12,00)", "12.5", "0,8", "80 %", "120 %", "0",
                        "1,0000000001", "31/02/2026", "2026-01-05", "01/01/1899", "01/01/2201", "29/02/2024",
                        "00/01/2020", " M1 ", "=1+1", "\x1b[2J", "a\u2028b", "dirigeant", "Gérante", "9" * 30,
                        "99999999999999999", "365,0", "401", "\u0663", "1\u00a0234,56", "1 234,5", "  32 500,00  ",
                        "32 500,00 €", "0012,5", "00", "012/03/2020", "M000001", "Nom\tSuite", "0,80", "100 %"]


def _lecture_complete(lecture):
    return (lecture.salaries, [list(s) for s in lecture.salaries],
            [[type(v) for v in s.values()] for s in lecture.salaries], [e.to_dict() for e in lecture.erreurs],
            [str(e) for e in lecture.erreurs], lecture.avertissements, lecture.colonnes)


@given(st.lists(st.tuples(st.integers(1, 40), st.integers(0, 9), st.sampled_from(_VALEURS_DE_CELLULES)),
                min_size=1, max_size=12), st.booleans())
def test_la_lecture_rapide_rend_exactement_ce_que_rend_le_modele(modifications, avec_exercice):
    """Les chemins rapides (montants, jours et dates sans Decimal ni strptime, validation sans pydantic d'une ligne
    sûre) rendent les mêmes salariés (valeurs, types, ordre des clés) et les mêmes erreurs que le chemin complet, sur
    un export de paie réel où des cellules sont remplacées par des valeurs limites."""
    import fabrique_hostiles

    from interessement import fichiers_salaries as fs

    lignes = fabrique_hostiles.csv_salaries_reel(40).decode("utf-8").split("\r\n")
    for ligne, colonne, valeur in modifications:
        cellules = lignes[ligne].split(";")
        cellules[colonne] = valeur
        lignes[ligne] = ";".join(cellules)
    donnees = "\r\n".join(lignes).encode("utf-8")
    exercice = (date(2026, 1, 1), date(2026, 12, 31)) if avec_exercice else None
    rapide = fs.lire_fichier_salaries(donnees, "paie.csv", exercice=exercice)
    assert len(rapide.salaries) + len({e.ligne for e in rapide.erreurs}) >= 40 - len(modifications)
    complet = _lecture_sans_chemins_rapides(fs, donnees, exercice)
    assert _lecture_complete(rapide) == _lecture_complete(complet)


def _lecture_sans_chemins_rapides(fs, donnees, exercice):
    """La même lecture, chaque cellule passant par le chemin complet (Decimal, strptime) et chaque ligne par
    SalarieVersement."""
    from unittest import mock

    class _JamaisSimple:
        def fullmatch(self, _texte):
            return None

    with mock.patch.object(fs, "_RAPIDE_POSSIBLE", False), mock.patch.object(fs, "_PAR_COLONNES", False), \
            mock.patch.object(fs, "_MONTANT_SIMPLE", _JamaisSimple()), \
            mock.patch.object(fs, "_ENTIER_SIMPLE", _JamaisSimple()), \
            mock.patch.object(fs, "_DATE_SIMPLE", _JamaisSimple()):
        return fs.lire_fichier_salaries(donnees, "paie.csv", exercice=exercice)


def test_la_validation_rapide_suit_le_modele():
    """Si SalarieVersement gagne un champ ou un validateur, la validation rapide se désactive (elle ne saurait pas le
    contrôler) ; aujourd'hui elle est active et sert bien chaque ligne d'un fichier correct."""
    from unittest import mock

    import fabrique_hostiles

    from interessement import fichiers_salaries as fs

    assert fs._RAPIDE_POSSIBLE
    assert tuple(SalarieVersement.model_fields) == tuple(fs._CHAMPS_RAPIDES)
    fs._FRACTIONS_SURES.clear()
    with mock.patch.object(fs, "SalarieVersement", wraps=SalarieVersement) as modele:
        lecture = fs.lire_fichier_salaries(fabrique_hostiles.csv_salaries_reel(200), "paie.csv")
    assert len(lecture.salaries) == 200 and not lecture.erreurs
    # Le modèle n'est consulté qu'une fois par temps de travail distinct (1, 0,8 et 80 % : deux valeurs), pas par ligne.
    assert modele.call_count == 2


@pytest.mark.parametrize("retirer", [None, "Jours d'inscription", "Matricule", "Prénom", "Nom", "Temps de travail",
                                     "Date d'entrée"])
def test_la_lecture_par_colonnes_d_un_fichier_propre_rend_ce_que_rend_la_boucle(retirer):
    """Un fichier propre est lu colonne par colonne (sans la boucle ligne à ligne ni pydantic), avec le même résultat
    que la boucle : valeurs, types, ordre des clés, avertissements (jours calculés des dates, lignes sans date
    d'entrée, identifiants « Ligne N »)."""
    from unittest import mock

    import fabrique_hostiles

    from interessement import fichiers_salaries as fs

    lignes = [ligne.split(";") for ligne in fabrique_hostiles.csv_salaries_reel(300).decode("utf-8-sig").split("\r\n")]
    if retirer:
        k = lignes[0].index(retirer)
        lignes = [[c for j, c in enumerate(ligne) if j != k] for ligne in lignes if ligne != [""]]
    if "Date d'entrée" in lignes[0]:
        for n in (5, 17):  # des dates d'entrée vides
            lignes[n][lignes[0].index("Date d'entrée")] = ""
    donnees = "\r\n".join(";".join(ligne) for ligne in lignes).encode("utf-8")
    exercice = (date(2026, 1, 1), date(2026, 12, 31))
    with mock.patch.object(fs, "_salarie_sur", side_effect=AssertionError("boucle ligne à ligne")):
        par_colonnes = fs.lire_fichier_salaries(donnees, "paie.csv", exercice=exercice)
    assert len(par_colonnes.salaries) == 300 and not par_colonnes.erreurs
    assert _lecture_complete(par_colonnes) == _lecture_complete(_lecture_sans_chemins_rapides(fs, donnees, exercice))


# ------------------------------------------------- lecture par morceaux de texte (issue 13) : mêmes résultats, moins cher

_CHIFFRES_ET_ESPACES = st.text(alphabet="0123456789 \u00a0\u202f", min_size=1, max_size=24)
_MONTANTS_FR = st.one_of(
    st.builds(lambda e, f: f"{e:,}".replace(",", " ") + f, st.integers(0, 10**15),
              st.sampled_from(["", ",00", ",5", ",05", ",50", ",123"])),
    st.builds(lambda e, f, sep: f"{e:,}".replace(",", sep) + f, st.integers(0, 10**12), st.sampled_from(["", ",99"]),
              st.sampled_from(["\u00a0", "\u202f", "", "."])),
    st.builds(lambda c, f: c + f, _CHIFFRES_ET_ESPACES, st.sampled_from(["", ",", ",1", ",12", ",123", ".5"])),
    st.sampled_from(["", " ", ",5", "1,2,3", "-12,00", "12 €", "1e3", "٣", "9" * 19 + ",00", "99999999999,99", "0,00",
                     "00000000000000000000,00", "1\t000,00"]),
)


@given(st.lists(_MONTANTS_FR, min_size=1, max_size=8), st.booleans())
def test_une_colonne_de_montants_lue_d_un_trait_vaut_le_chemin_exact(montants, obligatoire):
    """Une colonne de montants lue d'un trait (espaces retirées, int()) donne, cellule par cellule, ce que donne le
    chemin exact (_centimes par Decimal, sans la forme rapide), ou renonce comme lui (cellule refusée ou démesurée)."""
    from unittest import mock

    from interessement import fichiers_salaries as fs

    class _JamaisSimple:
        def fullmatch(self, _texte):
            return None

    def exact(v):
        if not v or v.isspace():
            if obligatoire:
                raise fs._PasPropre
            return None
        with mock.patch.object(fs, "_MONTANT_SIMPLE", _JamaisSimple()):
            try:
                c = fs._centimes(v)
            except fs._Valeur:
                raise fs._PasPropre from None
        if not 0 <= c <= fs.MONTANT_MAX_CENTIMES:
            raise fs._PasPropre
        return c

    try:
        attendu = [exact(v) for v in montants]
    except fs._PasPropre:
        attendu = "renonce"
    try:
        obtenu = fs._colonne_de_montants(montants, obligatoire)
    except fs._PasPropre:
        obtenu = "renonce"
    assert obtenu == attendu
    if attendu != "renonce":
        assert all(type(c) is int for c in obtenu if c is not None)


def _export(n=40):
    import fabrique_hostiles

    return fabrique_hostiles.csv_salaries_reel(n).decode("utf-8-sig").split("\r\n")


_RETOUCHES = st.sampled_from([
    "ligne vide à la fin", "lignes blanches à la fin", "ligne vide au milieu", "séparateurs seuls au milieu",
    "titre avant l'en-tête", "fins de ligne LF", "sans fin de ligne finale", "« \\r » seul", "guillemets",
    "cellule en trop", "cellule en moins", "matricule en double", "ligne de total", "ligne blanche très large",
    "montant à point décimal", "date AAAA-MM-JJ", "jours « 365,0 »", "nom entouré d'espaces", "contrôle dans un nom",
])


def _retoucher(lignes, retouche, k):
    lignes = list(lignes)
    k = 1 + k % (len(lignes) - 2)
    if retouche == "ligne vide à la fin":
        lignes += [""]
    elif retouche == "lignes blanches à la fin":
        lignes[-1:] = [";;", "  ", ""]
    elif retouche == "ligne vide au milieu":
        lignes.insert(k, "")
    elif retouche == "séparateurs seuls au milieu":
        lignes.insert(k, ";" * 9)
    elif retouche == "titre avant l'en-tête":
        lignes[:0] = ["Export de paie 2026", ""]
    elif retouche == "cellule en trop":
        lignes[k] += ";x"
    elif retouche == "cellule en moins":
        lignes[k] = lignes[k].rsplit(";", 1)[0]
    elif retouche == "matricule en double":
        if ";" in lignes[k]:
            lignes[k] = lignes[1].split(";")[0] + ";" + lignes[k].split(";", 1)[1]
    elif retouche == "ligne de total":
        lignes[k] = "Total;;;1 000,00;;;;;;"
    elif retouche == "ligne blanche très large":
        lignes += [";" * 600, ""]
    else:
        cellules = lignes[k].split(";")
        j, valeur = {"montant à point décimal": (3, "32500.00"), "date AAAA-MM-JJ": (8, "2020-01-15"),
                     "jours « 365,0 »": (4, "365,0"), "nom entouré d'espaces": (1, " Nom "),
                     "contrôle dans un nom": (1, "No\x07m"), "guillemets": (1, '"Nom ; Suite"')
                     }.get(retouche, (None, None))
        if j is not None and j < len(cellules):
            cellules[j] = valeur
            lignes[k] = ";".join(cellules)
    texte = "\r\n".join(lignes)
    if retouche == "fins de ligne LF":
        texte = texte.replace("\r\n", "\n")
    elif retouche == "sans fin de ligne finale":
        texte = texte.rstrip("\r\n")
    elif retouche == "« \\r » seul":
        texte = texte.replace("\r\n", "\r", 1)
    return texte


@given(st.lists(st.tuples(_RETOUCHES, st.integers(0, 100)), max_size=3), st.sampled_from([1, 40, 300, 10**6]),
       st.booleans(), st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_la_lecture_par_morceaux_de_texte_rend_ce_que_rend_la_boucle(retouches, morceau, avec_exercice, encodage):
    """Le CSV sans guillemets lu par morceaux de texte (toutes tailles de morceaux, jusqu'à une ligne par morceau)
    rend les mêmes salariés (valeurs, types, ordre des clés), erreurs et avertissements que csv.reader suivi de la
    boucle ligne à ligne, quelles que soient les retouches (lignes vides, fins de ligne, titre, cellules en trop,
    doublons, valeurs à l'écriture inhabituelle…) ; elle renonce d'elle-même quand il le faut."""
    from unittest import mock

    from interessement import fichiers_salaries as fs

    texte = "\r\n".join(_export())
    for retouche, k in retouches:
        texte = _retoucher(texte.replace("\r\n", "\n").replace("\r", "\n").split("\n"), retouche, k)
    donnees = texte.encode(encodage, errors="replace")
    exercice = (date(2026, 1, 1), date(2026, 12, 31)) if avec_exercice else None
    with mock.patch.object(fs, "_MORCEAU", morceau):
        rapide = fs.lire_fichier_salaries(donnees, "paie.csv", exercice=exercice)
    complet = _lecture_sans_chemins_rapides(fs, donnees, exercice)
    assert _lecture_complete(rapide) == _lecture_complete(complet)
    assert (rapide.format, rapide.encodage, rapide.separateur, rapide.entetes, rapide.inconnues, rapide.manquantes,
            rapide.ligne_entete) == (complet.format, complet.encodage, complet.separateur, complet.entetes,
                                     complet.inconnues, complet.manquantes, complet.ligne_entete)


@pytest.mark.parametrize("retouche", ["ligne vide à la fin", "lignes blanches à la fin", "titre avant l'en-tête",
                                      "fins de ligne LF", "sans fin de ligne finale", "montant à point décimal",
                                      "date AAAA-MM-JJ", "jours « 365,0 »"])
def test_un_fichier_propre_est_lu_par_morceaux_de_texte_sans_csv_reader(retouche):
    """Un export propre (même retouché de ce que la lecture par colonnes sait lire) ne passe ni par csv.reader pour
    ses données ni par la boucle ligne à ligne : seules ses premières lignes (l'en-tête) sont lues par csv.reader."""
    from unittest import mock

    from interessement import fichiers_salaries as fs

    donnees = _retoucher(_export(300), retouche, 7).encode("utf-8")
    lignes_csv = fs._lignes_csv
    with mock.patch.object(fs, "_MORCEAU", 2_000), mock.patch.object(fs, "_analyser", side_effect=AssertionError), \
            mock.patch.object(fs, "_lignes_csv", side_effect=lambda t, s: lignes_csv(t, s)) as lu:
        lecture = fs.lire_fichier_salaries(donnees, "paie.csv")
    assert len(lecture.salaries) == 300 and not lecture.erreurs
    assert lu.call_count == 1 and len(lu.call_args.args[0]) < 2_000
    assert _lecture_complete(lecture) == _lecture_complete(_lecture_sans_chemins_rapides(fs, donnees, None))


def test_un_csv_entre_guillemets_propre_est_lu_par_colonnes_sans_la_boucle():
    """Des cellules entre guillemets (csv.reader seul sait les lire) : les lignes brutes sont lues par colonnes,
    morceau par morceau, sans la boucle ligne à ligne, avec le même résultat qu'elle."""
    from unittest import mock

    from interessement import fichiers_salaries as fs

    lignes = [ligne.split(";") for ligne in _export(300) if ligne]
    tampon = io.StringIO()
    csv.writer(tampon, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_ALL).writerows(lignes)
    donnees = tampon.getvalue().encode("utf-8")
    with mock.patch.object(fs, "_LIGNES_PAR_MORCEAU", 7), \
            mock.patch.object(fs, "_salarie_sur", side_effect=AssertionError("boucle ligne à ligne")):
        lecture = fs.lire_fichier_salaries(donnees, "paie.csv")
    assert len(lecture.salaries) == 300 and not lecture.erreurs
    assert _lecture_complete(lecture) == _lecture_complete(_lecture_sans_chemins_rapides(fs, donnees, None))


def test_les_salaries_lus_sont_des_dictionnaires_ordinaires():
    """Les salariés (dictionnaires à clés partagées, plus compacts) se comportent en tout comme des dictionnaires :
    égalité, copie, modification, JSON, et salaries_pour_versement rend les mêmes dictionnaires sans « ligne »."""
    import json

    lecture = lire_fichier_salaries("\r\n".join(_export(5)).encode("utf-8"), "paie.csv")
    s = lecture.salaries[0]
    assert type(s) is dict and type(s["absences"]) is dict and s == dict(s) and list(s)[-1] == "ligne"
    copie = json.loads(json.dumps(s, default=str))
    assert list(copie) == list(s)
    pour_versement = salaries_pour_versement(lecture.salaries)
    assert pour_versement == [{k: v for k, v in x.items() if k != "ligne"} for x in lecture.salaries]
    assert [list(x) for x in pour_versement] == [[k for k in x if k != "ligne"] for x in lecture.salaries]
    autres = [dict(x, absences=dict(x["absences"])) for x in lecture.salaries[1:]]
    s["nouveau"] = 1
    del s["nom"]
    s["absences"]["greve"] = 2
    assert list(s)[-1] == "nouveau" and "nom" not in s and s["absences"]["greve"] == 2
    assert lecture.salaries[1:] == autres  # rien n'est partagé d'un salarié à l'autre
