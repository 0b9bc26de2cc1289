"""Back-test et historique CSV : chaque exemple vérifié à la main sur un exercice, cas limites, erreurs en français."""

import json
from decimal import Decimal

import pytest
from chemins import EXEMPLES

from interessement.erreurs import ErreurEntree
from interessement.modele import accord_depuis_dict, charger_accord
from interessement.simulation import backtest, lire_historique_csv, lire_libelle, ordonner
from interessement.simulation.backtest import NB_EXERCICES_MAX, NON_CALCULABLE
from interessement.simulation.historique import LibellePeriode, nombre_francais


def exemple(nom: str):
    return charger_accord(EXEMPLES / f"{nom}.json")


def donnees(nom: str) -> dict:
    return json.loads((EXEMPLES / f"{nom}.json").read_text(encoding="utf-8"))


def ligne(resultat, periode: str):
    return next(lg for lg in resultat.lignes if lg.periode == periode)


# --------------------------------------------------------------------------------- les exemples, à la main


def test_sas_30_part_du_rcai():
    b = backtest(exemple("sas-30-part-resultat"))
    # 2023 : 20 % × (210 000 € − 100 000 €) = 22 000 € ; plafond 8 % × 1 040 000 € = 83 200 € non atteint.
    lg = ligne(b, "2023")
    assert lg.enveloppe_centimes == 2_200_000
    assert lg.determinant == "formule"
    assert lg.taux_masse_salariale == Decimal(2_200_000) / Decimal(104_000_000)
    assert lg.moyenne_par_beneficiaire_centimes == 73_333  # 73 333,33… centimes
    # Parcours « boulangerie » (parcours-neuf) : 3 000 € entre 14 salariés s'affichaient 214,28 € dans le tableau
    # des années passées et 321,43 € (4 500 € ÷ 14, arrondi) juste au-dessus : un seul arrondi, au plus proche.
    assert ligne(backtest(exemple("sas-30-part-resultat"), effectif=14),
                 "2023").moyenne_par_beneficiaire_centimes == 157_143  # 22 000 € ÷ 14 = 1 571,428… €
    # 2021 : RCAI 80 000 € sous le seuil de 100 000 €.
    assert ligne(b, "2021").enveloppe_centimes == 0
    assert ligne(b, "2021").determinant == "seuil ou objectifs non atteints"
    assert [lg.periode for lg in b.lignes] == ["2021", "2022", "2023", "2024", "2025"]
    assert (b.nb_calculables, b.nb_versements, b.verse_chaque_annee) == (5, 3, False)


def test_sarl_8_paliers_de_croissance():
    b = backtest(exemple("sarl-8-due-paliers"))
    # 2022 : pas d'exercice 2021 dans l'historique → croissance non calculable.
    premier = ligne(b, "2022")
    assert not premier.calculable and premier.enveloppe_centimes is None and premier.verse is None
    assert premier.determinant == NON_CALCULABLE and "N-1" in premier.motif
    # 2023 : résultat d'exploitation −8 000 € → déclencheur non atteint.
    assert ligne(b, "2023").determinant == "déclencheur non atteint"
    assert ligne(b, "2023").enveloppe_centimes == 0
    # 2024 : CA 689 000 / 635 000 = +8,50 % ≥ 8 % → 1,5 % × 225 000 € = 3 375 €.
    lg = ligne(b, "2024")
    assert lg.enveloppe_centimes == 337_500
    assert lg.taux_masse_salariale == Decimal("0.015")
    # 2025 : CA +1,74 % < 4 % → rien.
    assert ligne(b, "2025").determinant == "seuil ou objectifs non atteints"
    assert b.nb_calculables == 3


def test_sa_120_objectifs():
    b = backtest(exemple("sa-120-objectifs"))
    # 2024 : ponctualité 94,8 (déclenchement 94, cible 98) → 20 % × poids 50 % = 10 % ;
    # accidents 17,2 (18 → 10, 4 paliers) : 10 % → palier 0 ; carburant 31,9 > 31,5 → 0.
    # 3 % × 4 080 000 € × 10 % = 12 240 € ; plafond 50 % × 175 000 € non atteint ; RE 260 000 € > 0.
    lg = ligne(b, "2024")
    assert lg.enveloppe_centimes == 1_224_000
    assert lg.determinant == "formule"
    assert ligne(b, "2023").determinant == "déclencheur non atteint"
    assert any("seuils de la période 1" in n for n in b.notes)


def test_selas_40_semestres():
    b = backtest(exemple("selas-40-semestriel"))
    # 2024-S1 : 15 % × (135 000 € − 120 000 €) = 2 250 € ; 2025-S1 : 15 % × 29 000 € = 4 350 €.
    assert ligne(b, "2024-S1").enveloppe_centimes == 225_000
    assert ligne(b, "2025-S1").enveloppe_centimes == 435_000
    assert ligne(b, "2024-S2").enveloppe_centimes == 0
    assert [lg.periode for lg in b.lignes] == ["2024-S1", "2024-S2", "2025-S1", "2025-S2"]


def test_explication_et_dictionnaire():
    b = backtest(exemple("sas-30-part-resultat"))
    d = b.to_dict()
    assert d["lignes"][2]["enveloppe_centimes"] == 2_200_000
    assert any("Plafond légal" in e for e in d["lignes"][2]["etapes"])
    json.dumps(d)


# ------------------------------------------------------------------------------------------- cas limites


def accord_avec(nom: str, historique=None, **formule):
    d = donnees(nom)
    if historique is not None:
        d["historique"] = historique
    if formule:
        d["formule"] = formule
    return accord_depuis_dict(d)


def test_masse_salariale_manquante_dite():
    hist = donnees("sas-30-part-resultat")["historique"]
    del hist[2]["masse_salariale_centimes"]
    b = backtest(accord_avec("sas-30-part-resultat", hist,
                             composantes=[{"type": "part_resultat", "indicateur": "resultat_courant_avant_impot",
                                           "taux": 0.2, "seuil_centimes": 10_000_000}]))
    lg = ligne(b, "2023")
    assert lg.enveloppe_centimes == 2_200_000 and lg.taux_masse_salariale is None
    assert any("masse salariale manquante" in n for n in lg.notes)
    # Avec un plafond en % de la masse salariale, l'exercice n'est plus calculable.
    b = backtest(accord_avec("sas-30-part-resultat", hist))
    assert ligne(b, "2023").motif == "masse salariale manquante pour cet exercice"


def test_valeur_manquante_et_annee_sautee():
    hist = donnees("sarl-8-due-paliers")["historique"]
    del hist[1]  # 2023 absent : 2024 ne peut pas être comparé à 2023
    del hist[-1]["valeurs"]["resultat_exploitation"]
    b = backtest(accord_avec("sarl-8-due-paliers", hist))
    assert "N-1" in ligne(b, "2024").motif
    assert "valeur manquante" in ligne(b, "2025").motif and "resultat_exploitation" in ligne(b, "2025").motif
    assert b.nb_calculables == 0 and b.proportion_versement is None and b.verse_chaque_annee is None


def test_plafonds_determinants():
    hist = [{"periode": str(a), "masse_salariale_centimes": 100_000_000,
             "valeurs": {"resultat_courant_avant_impot": v}} for a, v in ((2023, 60_000_000), (2024, 500_000_000))]
    b = backtest(accord_avec("sas-30-part-resultat", hist))
    assert ligne(b, "2023").determinant == "plafond de l'accord"  # 8 % × 1 000 000 € = 80 000 €
    assert ligne(b, "2023").enveloppe_centimes == 8_000_000
    b = backtest(accord_avec("sas-30-part-resultat", hist,
                             composantes=[{"type": "part_resultat", "indicateur": "resultat_courant_avant_impot",
                                           "taux": 0.5, "seuil_centimes": 0}]))
    assert ligne(b, "2024").determinant == "plafond légal de 20 %"
    assert ligne(b, "2024").enveloppe_centimes == 20_000_000
    assert b.verse_chaque_annee is True


def test_ordre_chronologique_limite_et_notes():
    hist = [{"periode": str(a), "masse_salariale_centimes": 100_000_000,
             "valeurs": {"resultat_courant_avant_impot": 20_000_000 + a}} for a in range(2025, 2011, -1)]
    b = backtest(accord_avec("sas-30-part-resultat", hist))
    assert len(b.lignes) == NB_EXERCICES_MAX
    assert b.lignes[0].periode == "2016" and b.lignes[-1].periode == "2025"
    assert any("derniers exercices" in n for n in b.notes)
    # Exercices antérieurs à la période modélisée : paramètres de la première période de l'accord, dit.
    assert any("hors période modélisée" in n for n in b.lignes[0].notes)
    court = backtest(accord_avec("sas-30-part-resultat", hist[:2]))
    assert any("Historique court" in n for n in court.notes)


def test_historique_absent_ou_doublon():
    with pytest.raises(ErreurEntree, match="aucun historique"):
        backtest(accord_avec("sas-30-part-resultat", []))
    hist = donnees("sas-30-part-resultat")["historique"]
    hist[1]["periode"] = "2021"
    with pytest.raises(ErreurEntree, match="deux fois"):
        backtest(accord_avec("sas-30-part-resultat", hist))
    hist[1]["periode"] = "2022-S1"
    with pytest.raises(ErreurEntree, match="durées différentes"):
        backtest(accord_avec("sas-30-part-resultat", hist))


def test_libelles_non_reconnus_gardent_l_ordre():
    hist = donnees("sas-30-part-resultat")["historique"]
    for i, lg in enumerate(hist):
        lg["periode"] = f"exercice {chr(ord('A') + i)}"
    b = backtest(accord_avec("sas-30-part-resultat", hist))
    assert [lg.periode for lg in b.lignes][0] == "exercice A"
    assert ligne(b, "exercice C").enveloppe_centimes == 2_200_000
    assert any("non reconnus" in n for n in b.notes)


@pytest.mark.parametrize(("texte", "attendu"), [
    ("2024", LibellePeriode(2024)),
    ("2024-S1", LibellePeriode(2024, 1, 2)),
    ("2024 s2", LibellePeriode(2024, 2, 2)),
    ("2024-T3", LibellePeriode(2024, 3, 4)),
    ("2024-Q4", LibellePeriode(2024, 4, 4)),
    ("2024-M07", LibellePeriode(2024, 7, 12)),
    ("2023-2024", LibellePeriode(2024)),
    ("2024-S3", None),
    ("2023-2025", None),
    ("exercice", None),
])
def test_libelles(texte, attendu):
    assert lire_libelle(texte) == attendu


def test_fin_des_periodes():
    from datetime import date

    assert LibellePeriode(2024, 1, 2).fin(date(2026, 12, 31)) == date(2024, 6, 30)
    assert LibellePeriode(2024, 2, 2).fin(date(2026, 12, 31)) == date(2024, 12, 31)
    assert LibellePeriode(2024).fin(date(2026, 3, 31)) == date(2024, 3, 31)
    assert LibellePeriode(2024, 1, 4).fin(date(2026, 12, 31)) == date(2024, 3, 31)
    assert LibellePeriode(2025, 2, 2).ordinal - LibellePeriode(2025, 1, 2).ordinal == 1
    assert LibellePeriode(2026, 1, 2).ordinal - LibellePeriode(2025, 2, 2).ordinal == 1


# --------------------------------------------------------------------------------------------------- CSV

CSV_SAS = (
    "Période;Masse salariale;resultat_courant_avant_impot\n"
    "2021;980 000,00 €;80 000\n"
    "2022;1\u00a0010\u00a0000;150 000,00\n"
    "2023;1 040 000;210000\n"
    "2024;1.070.000,00;60 000\n"
    "2025;1 100 000;190 000\n"
)


def test_csv_francais_equivaut_a_l_historique_de_l_accord():
    accord = exemple("sas-30-part-resultat")
    hist = lire_historique_csv(CSV_SAS.encode("utf-8"), accord=accord)
    assert [h.model_dump() for h in hist] == [h.model_dump() for h in accord.historique]
    assert backtest(accord, hist).to_dict() == backtest(accord).to_dict()


def test_csv_windows_1252_tabulation_et_cellules_vides(tmp_path):
    accord = exemple("sa-120-objectifs")
    texte = ("periode\tmasse_salariale\ttaux_livraison_heure\ttaux_frequence_accidents\n"
             "2024\t\t94,8 %\t17,2\n"
             "2025\t4 200 000\t93,9\t\n")
    chemin = tmp_path / "historique.csv"
    chemin.write_bytes(texte.encode("cp1252"))
    hist = lire_historique_csv(chemin, accord=accord)
    assert hist[0].masse_salariale_centimes is None
    assert hist[0].valeurs == {"taux_livraison_heure": Decimal("94.8"), "taux_frequence_accidents": Decimal("17.2")}
    assert hist[1].masse_salariale_centimes == 420_000_000
    assert "taux_frequence_accidents" not in hist[1].valeurs
    chemin.write_bytes("Période;masse_salariale\n2024;1 000\n".encode("cp1252"))
    assert lire_historique_csv(chemin)[0].masse_salariale_centimes == 100_000


def test_csv_erreurs_rassemblees_avec_ligne_et_colonne():
    accord = exemple("sas-30-part-resultat")
    texte = ("periode;masse_salariale;resultat_courant_avant_impot\n"
             "2021;980 000,001;80 000\n"
             "2022;-5;douze\n"
             ";100;100\n"
             "2024;100\n")
    with pytest.raises(ErreurEntree) as exc:
        lire_historique_csv(texte.encode(), accord=accord, nom="h.csv")
    message = str(exc.value)
    assert message.startswith("h.csv : historique illisible (5 erreur(s)).")
    assert "ligne 2, colonne « masse_salariale » : montant au-delà du centime « 980 000,001 »" in message
    assert "ligne 3, colonne « masse_salariale » : la masse salariale doit être positive" in message
    assert "ligne 3, colonne « resultat_courant_avant_impot » : nombre illisible « douze »" in message
    assert "ligne 4, colonne « periode » : libellé de période vide" in message
    assert "ligne 5 : 2 cellule(s) au lieu de 3" in message


def test_csv_entete():
    accord = exemple("sas-30-part-resultat")
    with pytest.raises(ErreurEntree) as exc:
        lire_historique_csv(b"periode;masse;resultat_courant_avant_impo\n2024;1;1\n", accord=accord)
    message = str(exc.value)
    assert "colonne « masse_salariale » absente" in message
    assert "vouliez-vous dire « resultat_courant_avant_impot » ?" in message
    for brut, attendu in [(b"", "vide"), (b"periode;masse_salariale\n", "aucune ligne"),
                          (b"\xff\xfe\x00\x81\x8d", "encodage"),
                          (b"periode;masse_salariale\n2024;1\n2024;2\n", "en double")]:
        with pytest.raises(ErreurEntree, match=attendu):
            lire_historique_csv(brut)


def test_csv_fichier_introuvable(tmp_path):
    with pytest.raises(ErreurEntree, match="introuvable"):
        lire_historique_csv(tmp_path / "absent.csv")


@pytest.mark.parametrize(("texte", "attendu"), [
    ("1 234 567,89", "1234567.89"), ("\u22123 000", "-3000"), ("(3 000)", "-3000"), ("94,8 %", "94.8"),
    ("1.234,5", "1234.5"), ("12 500 €", "12500"), ("-0,5", "-0.5"),
])
def test_nombres_francais(texte, attendu):
    assert nombre_francais(texte) == Decimal(attendu)


@pytest.mark.parametrize("texte", ["", "12a", "1,2,3", "--1", "€"])
def test_nombres_illisibles(texte):
    with pytest.raises(ValueError, match="illisible"):
        nombre_francais(texte)


def test_ordonner_signale_les_periodes_consecutives():
    accord = exemple("sarl-8-due-paliers")
    ordre = ordonner(accord.historique)
    assert [ordre.consecutives(i) for i in range(4)] == [False, True, True, True]
