"""Paramètres légaux datés : valeurs, dates charnières, hors période, chargeur strict, méta-tests."""

from __future__ import annotations

import io
import tokenize
from dataclasses import FrozenInstanceError
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from interessement import parametres as P
from interessement.parametres import (
    ErreurParametre,
    HorsPeriodeModelisee,
    Parametre,
    ParametreInconnu,
    Reference,
    charger_fichier,
    charger_repertoire,
)

RACINE = Path(__file__).resolve().parent.parent
ANNEES = range(2019, 2027)

# Noms utilisés par les autres modules : un contrat, ne jamais renommer.
NOMS_CONTRAT = {
    "plafond_annuel_securite_sociale", "duree_accord_min_annees", "duree_accord_max_annees",
    "periode_calcul_standard_mois", "periode_calcul_min_mois", "due_effectif_max_exclu",
    "due_delai_consultation_cse_jours", "ratification_majorite", "delai_depot_jours",
    "controle_urssaf_premier_mois", "controle_urssaf_suivant_mois", "procedure_prevalidee_disponible",
    "anciennete_max_mois", "dirigeants_effectif_min", "dirigeants_effectif_max_exclu", "plafond_global_taux",
    "plafond_individuel_taux_pass", "plafond_salaire_conjoint_taux_pass", "versement_delai_mois_annuel",
    "versement_delai_mois_infra_annuel", "interets_retard_coefficient_tmop", "choix_salarie_delai_jours",
    "avances_periodicite_min_mois", "recuperation_avance_max_fraction_salaire",
    "non_substitution_delai_mois", "sommes_non_reclamees_delai_annees", "csg_taux", "crds_taux",
    "forfait_social_seuil_effectif", "forfait_social_taux_moins_seuil", "forfait_social_taux_a_partir_seuil",
    "exoneration_impot_plafond_taux_pass", "ppv_plafond_avec_interessement", "ppv_plafond_sans_interessement",
    "partage_valeur_effectif_min", "partage_valeur_effectif_max_exclu", "partage_valeur_taux_benefice_ca",
    "partage_valeur_exercices_consecutifs", "partage_valeur_obligation_en_vigueur", "cse_effectif_min",
    "pv_carence_validite_annees", "renegociation_fenetre_mois", "absences_assimilees_presence",
    "cotisations_patronales_taux_approx", "cotisations_salariales_taux_approx", "csg_assiette_salaire_taux",
}
CODES_ABSENCES = {"maternite", "paternite_accueil_enfant", "adoption", "deuil", "accident_travail",
                  "maladie_professionnelle", "quarantaine"}

# REGLES.md §1, tableau du PASS (en euros).
PASS_REGLES_EUROS = {2019: 40524, 2020: 41136, 2021: 41136, 2022: 41136, 2023: 43992, 2024: 46368,
                     2025: 47100, 2026: 48060}

TYPES_PAR_UNITE = {
    "centimes": int, "mois": int, "jours": int, "annees": int, "effectif": int,
    "taux": Decimal, "coefficient": Decimal, "fraction": Fraction, "booleen": bool, "liste": list,
}


# ---------------------------------------------------------------------------------------------------
# Méta-tests sur les données du projet
# ---------------------------------------------------------------------------------------------------

def test_tous_les_noms_du_contrat_existent():
    manquants = NOMS_CONTRAT - set(P.noms())
    assert not manquants, f"paramètres attendus par les autres modules absents : {sorted(manquants)}"


def test_noms_tries_et_tous_coherents():
    assert P.noms() == sorted(P.noms())
    assert set(P.tous()) == set(P.noms())
    assert all(isinstance(p, Parametre) and p.nom == nom for nom, p in P.tous().items())


def test_tous_renvoie_une_copie():
    copie = P.tous()
    copie.clear()
    assert P.tous()


@pytest.mark.parametrize("nom", sorted(NOMS_CONTRAT))
def test_periode_modelisee_commence_au_debut(nom):
    assert P.parametre(nom).debut == P.DEBUT_PERIODE_MODELISEE


@pytest.mark.parametrize("nom", sorted(NOMS_CONTRAT))
@pytest.mark.parametrize("annee", ANNEES)
def test_chaque_parametre_se_resout_chaque_annee(nom, annee):
    p = P.parametre(nom)
    for d in (date(annee, 1, 1), date(annee, 12, 31)):
        valeur = P.value_at(nom, d)
        attendu = TYPES_PAR_UNITE[p.unite]
        assert isinstance(valeur, attendu), (nom, d, valeur)
        if attendu is int:
            assert not isinstance(valeur, bool)
        ref = P.reference_at(nom, d)
        assert isinstance(ref, Reference)
        assert p.date_effet_at(d) <= d


def test_annees_modelisees():
    assert P.annees_modelisees() == list(ANNEES)


@pytest.mark.parametrize("nom", sorted(NOMS_CONTRAT))
def test_chaque_valeur_a_une_reference_complete(nom):
    p = P.parametre(nom)
    assert p.description.strip()
    assert [d for d, _ in p.valeurs] == [d for d, _ in p.references]
    for _d, ref in p.references:
        assert ref.titre.strip()
        assert ref.article.strip()
        assert ref.lien.startswith("https://")


def test_types_des_unites():
    assert isinstance(P.value_at("plafond_global_taux", date(2024, 1, 1)), Decimal)
    assert P.value_at("interets_retard_coefficient_tmop", date(2024, 1, 1)) == Decimal("1.33")
    assert P.value_at("ratification_majorite", date(2024, 1, 1)) == Fraction(2, 3)
    assert P.value_at("recuperation_avance_max_fraction_salaire", date(2024, 1, 1)) == Fraction(1, 10)
    assert P.value_at("forfait_social_taux_moins_seuil", date(2024, 1, 1)) == Decimal("0")
    assert P.value_at("csg_taux", date(2024, 1, 1)) + P.value_at("crds_taux", date(2024, 1, 1)) \
        == Decimal("0.097")


def test_les_fichiers_sont_exactement_les_parametres():
    fichiers = {p.stem for p in P.REPERTOIRE_DONNEES.iterdir()}
    assert fichiers == set(P.noms())


# ---------------------------------------------------------------------------------------------------
# PASS
# ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("annee", "euros"), sorted(PASS_REGLES_EUROS.items()))
def test_pass_par_annee(annee, euros):
    assert P.pass_annuel_centimes(annee) == euros * 100
    assert P.value_at(P.PASS, date(annee, 12, 31)) == euros * 100
    assert P.value_at(P.PASS, date(annee, 7, 14)) == euros * 100


@pytest.mark.parametrize("annee", ANNEES)
def test_pass_75_et_25_pour_cent_tombent_juste(annee):
    """REGLES.md donne 75 % et 25 % du PASS à l'euro près : aucun arrondi à prévoir."""
    pass_centimes = P.pass_annuel_centimes(annee)
    assert pass_centimes * 3 % 4 == 0
    assert pass_centimes % 4 == 0


def test_pass_reference_est_l_arrete_de_l_annee():
    for annee in ANNEES:
        ref = P.reference_at(P.PASS, date(annee, 6, 1))
        assert f"pour {annee}" in ref.titre
        assert "D242-17" in ref.article
        assert P.parametre(P.PASS).date_effet_at(date(annee, 6, 1)) == date(annee, 1, 1)


def test_pass_annuel_centimes_refuse_une_annee_non_entiere():
    with pytest.raises(TypeError):
        P.pass_annuel_centimes("2024")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        P.pass_annuel_centimes(True)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------
# Dates charnières : juste avant / juste après
# ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("nom", "veille", "jour", "avant", "apres"), [
    ("plafond_individuel_taux_pass", date(2019, 5, 23), date(2019, 5, 24), Decimal("0.50"), Decimal("0.75")),
    ("exoneration_impot_plafond_taux_pass", date(2019, 5, 23), date(2019, 5, 24),
     Decimal("0.50"), Decimal("0.75")),
    ("dirigeants_effectif_max_exclu", date(2019, 5, 23), date(2019, 5, 24), 100, 250),
    ("duree_accord_min_annees", date(2020, 12, 8), date(2020, 12, 9), 3, 1),
    ("duree_accord_max_annees", date(2022, 8, 17), date(2022, 8, 18), 3, 5),
    ("due_effectif_max_exclu", date(2020, 6, 18), date(2020, 6, 19), 0, 11),
    ("due_effectif_max_exclu", date(2022, 8, 17), date(2022, 8, 18), 11, 50),
    ("due_delai_consultation_cse_jours", date(2022, 8, 17), date(2022, 8, 18), 0, 15),
    ("controle_urssaf_premier_mois", date(2022, 12, 31), date(2023, 1, 1), 4, 3),
    ("controle_urssaf_suivant_mois", date(2022, 12, 31), date(2023, 1, 1), 0, 2),
    ("procedure_prevalidee_disponible", date(2023, 2, 16), date(2023, 2, 17), False, True),
    ("partage_valeur_obligation_en_vigueur", date(2024, 12, 31), date(2025, 1, 1), False, True),
    ("ppv_plafond_avec_interessement", date(2022, 6, 30), date(2022, 7, 1), 0, 600000),
    ("ppv_plafond_sans_interessement", date(2022, 6, 30), date(2022, 7, 1), 0, 300000),
    ("plafond_annuel_securite_sociale", date(2025, 12, 31), date(2026, 1, 1), 4710000, 4806000),
])
def test_dates_charnieres(nom, veille, jour, avant, apres):
    assert P.value_at(nom, veille) == avant
    assert P.value_at(nom, jour) == apres
    assert P.parametre(nom).date_effet_at(jour) == jour
    assert P.parametre(nom).date_effet_at(veille) < jour


def test_utilise_pour_les_constats():
    assert P.utilise("plafond_individuel_taux_pass", date(2026, 3, 1)) == {
        "nom": "plafond_individuel_taux_pass",
        "valeur": "0.75",
        "en_vigueur_depuis": "2019-05-24",
        "reference": "C. trav. L3314-8",
    }
    assert P.utilise("ratification_majorite", date(2026, 3, 1))["valeur"] == "2/3"
    assert P.utilise("procedure_prevalidee_disponible", date(2026, 3, 1))["valeur"] == "oui"
    assert P.utilise(P.PASS, date(2026, 3, 1))["en_vigueur_depuis"] == "2026-01-01"


def test_absences_assimilees():
    toutes = P.value_at("absences_assimilees_presence", date(2026, 1, 1))
    assert set(toutes) == CODES_ABSENCES
    for _d, valeur in P.parametre("absences_assimilees_presence").valeurs:
        assert set(valeur) <= CODES_ABSENCES
    avant = P.value_at("absences_assimilees_presence", date(2022, 8, 17))
    assert "paternite_accueil_enfant" not in avant
    assert "paternite_accueil_enfant" in P.value_at("absences_assimilees_presence", date(2022, 8, 18))
    assert {"maternite", "adoption", "accident_travail", "maladie_professionnelle"} <= set(
        P.value_at("absences_assimilees_presence", date(2019, 1, 1)))


def test_valeur_liste_renvoyee_en_copie():
    valeur = P.value_at("absences_assimilees_presence", date(2026, 1, 1))
    valeur.append("conges_payes")
    assert "conges_payes" not in P.value_at("absences_assimilees_presence", date(2026, 1, 1))


def test_parametre_immuable():
    with pytest.raises(FrozenInstanceError):
        P.parametre(P.PASS).nom = "autre"  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------------
# Hors période modélisée
# ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("d", [date(2018, 12, 31), date(2027, 1, 1), date(2027, 3, 1)])
def test_pass_hors_periode(d):
    with pytest.raises(HorsPeriodeModelisee) as info:
        P.value_at(P.PASS, d)
    message = str(info.value)
    assert "« plafond_annuel_securite_sociale »" in message
    assert P.date_fr(d) in message and d.isoformat() not in message  # une date en français
    assert "hors période modélisée" in message
    assert "valeurs connues du 1er janvier 2019 au 31 décembre 2026" in message
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, ErreurParametre)
    assert info.value.date_demandee == d


def test_message_hors_periode_exact():
    with pytest.raises(HorsPeriodeModelisee) as info:
        P.value_at(P.PASS, date(2027, 3, 1))
    assert str(info.value) == ("Paramètre « plafond_annuel_securite_sociale » : date du 1er mars 2027 hors période "
                               "modélisée (valeurs connues du 1er janvier 2019 au 31 décembre 2026).")


def test_hors_periode_aussi_pour_reference_et_pass_annuel():
    with pytest.raises(HorsPeriodeModelisee):
        P.reference_at(P.PASS, date(2027, 1, 1))
    with pytest.raises(HorsPeriodeModelisee):
        P.pass_annuel_centimes(2027)
    with pytest.raises(HorsPeriodeModelisee):
        P.pass_annuel_centimes(2018)
    with pytest.raises(HorsPeriodeModelisee):
        P.utilise(P.PASS, date(2027, 1, 1))


def test_avant_la_premiere_valeur_sans_date_de_fin():
    with pytest.raises(HorsPeriodeModelisee) as info:
        P.value_at("plafond_global_taux", date(2018, 12, 31))
    assert "à partir du 1er janvier 2019" in str(info.value)
    assert P.value_at("plafond_global_taux", date(2040, 1, 1)) == Decimal("0.20")


def test_parametre_inconnu():
    with pytest.raises(ParametreInconnu) as info:
        P.value_at("plafond_anuel_securite_sociale", date(2024, 1, 1))
    assert "Paramètre inconnu « plafond_anuel_securite_sociale »" in str(info.value)
    assert "plafond_annuel_securite_sociale" in str(info.value)
    assert isinstance(info.value, KeyError)
    assert isinstance(info.value, ErreurParametre)


def test_date_attendue():
    with pytest.raises(TypeError):
        P.value_at(P.PASS, "2024-01-01")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        P.value_at(P.PASS, datetime(2024, 1, 1))


# ---------------------------------------------------------------------------------------------------
# Chargeur strict sur un répertoire quelconque
# ---------------------------------------------------------------------------------------------------

VALIDE = """\
description: Paramètre d'essai
unite: centimes
valeurs:
  2020-01-01: 100
  2021-07-01: 200
references:
  2020-01-01:
    titre: Texte 1
    article: Art. 1
    lien: https://example.org/1
  2021-07-01:
    titre: Texte 2
    article: Art. 2
    lien: https://example.org/2
derniere_valeur_valable_le: 2021-12-31
note: essai
"""


def ecrire(dossier: Path, nom: str, texte: str) -> Path:
    chemin = dossier / f"{nom}.yaml"
    chemin.write_text(texte, encoding="utf-8")
    return chemin


def test_charger_repertoire_valide(tmp_path):
    ecrire(tmp_path, "essai", VALIDE)
    (tmp_path / "LISEZMOI.md").write_text("ignoré", encoding="utf-8")
    parametres = charger_repertoire(tmp_path)
    assert list(parametres) == ["essai"]
    p = parametres["essai"]
    assert p.value_at(date(2021, 6, 30)) == 100
    assert p.value_at(date(2021, 7, 1)) == 200
    assert p.reference_at(date(2021, 7, 1)) == Reference("Texte 2", "Art. 2", "https://example.org/2")
    assert p.date_effet_at(date(2021, 12, 31)) == date(2021, 7, 1)
    assert p.note == "essai"
    with pytest.raises(HorsPeriodeModelisee, match="valeurs connues du 1er janvier 2020 au 31 décembre 2021"):
        p.value_at(date(2022, 1, 1))
    with pytest.raises(HorsPeriodeModelisee):
        p.value_at(date(2019, 12, 31))
    assert P.annees_modelisees(parametres) == [2020, 2021]


def test_ordre_des_dates_indifferent(tmp_path):
    texte = VALIDE.replace("  2020-01-01: 100\n  2021-07-01: 200\n", "  2021-07-01: 200\n  2020-01-01: 100\n")
    p = charger_fichier(ecrire(tmp_path, "essai", texte))
    assert [d for d, _ in p.valeurs] == [date(2020, 1, 1), date(2021, 7, 1)]


@pytest.mark.parametrize(("remplacer", "par", "cle", "extrait"), [
    ("note: essai\n", "note: essai\nvaleur: 3\n", "valeur", "clé inconnue « valeur »"),
    ("    article: Art. 2\n", "    article: Art. 2\n    url: https://x.org\n", "references.2021-07-01.url",
     "clé inconnue"),
    ("  2021-07-01: 200\n", "  2021-02-30: 200\n", "valeurs.2021-02-30", "date invalide"),
    ("  2021-07-01: 200\n", "  01/07/2021: 200\n", "valeurs.01/07/2021", "date invalide"),
    ("derniere_valeur_valable_le: 2021-12-31", "derniere_valeur_valable_le: 31 décembre 2021",
     "derniere_valeur_valable_le", "date invalide"),
    ("derniere_valeur_valable_le: 2021-12-31", "derniere_valeur_valable_le: 2021-06-30",
     "derniere_valeur_valable_le", "antérieure à la dernière date d'effet"),
    ("  2021-07-01: 200\n", "  2021-07-01: 200\n  2022-01-01: 300\n", "valeurs.2022-01-01",
     "valeur sans référence"),
    ("    lien: https://example.org/2\n", "    lien: https://example.org/2\n  2022-01-01:\n    titre: T\n"
     "    article: A\n    lien: https://example.org/3\n", "references.2022-01-01", "référence sans valeur"),
    ("  2021-07-01: 200\n", '  2021-07-01: "200"\n', "valeurs.2021-07-01", "entier positif ou nul"),
    ("  2021-07-01: 200\n", "  2021-07-01: 200.5\n", "valeurs.2021-07-01", "entier positif ou nul"),
    ("  2021-07-01: 200\n", "  2021-07-01: true\n", "valeurs.2021-07-01", "entier positif ou nul"),
    ("  2021-07-01: 200\n", "  2021-07-01: -1\n", "valeurs.2021-07-01", "entier positif ou nul"),
    ("unite: centimes", "unite: euros", "unite", "unité inconnue « euros »"),
    ("description: Paramètre d'essai\n", "", "description", "clé obligatoire « description » absente"),
    ("    lien: https://example.org/2\n", "    lien: http://example.org/2\n", "references.2021-07-01.lien",
     "lien https:// attendu"),
    ("    article: Art. 2\n", "    article: ''\n", "references.2021-07-01.article", "texte non vide"),
    ("    article: Art. 2\n", "", "references.2021-07-01.article", "texte non vide"),
    ("  2021-07-01: 200\n", "  2021-07-01: 200\n  2021-07-01: 300\n", "2021-07-01", "en double"),
])
def test_chargeur_strict(tmp_path, remplacer, par, cle, extrait):
    assert remplacer in VALIDE
    chemin = ecrire(tmp_path, "essai", VALIDE.replace(remplacer, par))
    with pytest.raises(ErreurParametre) as info:
        charger_repertoire(tmp_path)
    message = str(info.value)
    assert "« essai.yaml »" in message, message
    assert cle in message, message
    assert extrait in message, message
    assert info.value.fichier == chemin


UNITE_ESSAI = """\
description: Essai
unite: {unite}
valeurs:
  2020-01-01: {valeur}
references:
  2020-01-01:
    titre: T
    article: A
    lien: https://example.org
"""


@pytest.mark.parametrize(("unite", "valeur", "attendu"), [
    ("taux", '"0.20"', Decimal("0.20")),
    ("taux", '"0"', Decimal("0")),
    ("taux", "0", Decimal("0")),
    ("coefficient", '"1.33"', Decimal("1.33")),
    ("fraction", '"2/3"', Fraction(2, 3)),
    ("booleen", "false", False),
    ("liste", "[maternite, deuil]", ["maternite", "deuil"]),
    ("liste", "[]", []),
    ("mois", "12", 12),
])
def test_types_acceptes(tmp_path, unite, valeur, attendu):
    p = charger_fichier(ecrire(tmp_path, "essai", UNITE_ESSAI.format(unite=unite, valeur=valeur)))
    resultat = p.value_at(date(2020, 1, 1))
    assert resultat == attendu
    assert type(resultat) is type(attendu)


@pytest.mark.parametrize(("unite", "valeur"), [
    ("taux", "0.20"),            # flottant YAML : à écrire entre guillemets
    ("taux", '"1.5"'),           # un taux est entre 0 et 1
    ("taux", '"-0.1"'),
    ("taux", '"0,20"'),
    ("taux", '"NaN"'),
    ("taux", '"1e-2"'),
    ("taux", "true"),
    ("coefficient", "1.33"),
    ("fraction", '"0.66"'),
    ("fraction", '"3/2"'),
    ("fraction", '"1/0"'),
    ("booleen", '"oui"'),
    ("booleen", "1"),
    ("liste", "maternite"),
    ("liste", "[maternite, maternite]"),
    ("liste", "[Maternité]"),
    ("effectif", '"11"'),
    ("jours", "[15]"),
])
def test_types_refuses(tmp_path, unite, valeur):
    ecrire(tmp_path, "essai", UNITE_ESSAI.format(unite=unite, valeur=valeur))
    with pytest.raises(ErreurParametre) as info:
        charger_repertoire(tmp_path)
    assert "« essai.yaml », clé « valeurs.2020-01-01 »" in str(info.value)
    assert f"« {unite} »" in str(info.value)


@pytest.mark.parametrize("texte", [
    "description: [non fermé\n",
    "- une liste\n",
    "",
])
def test_yaml_illisible_ou_pas_un_dictionnaire(tmp_path, texte):
    ecrire(tmp_path, "essai", texte)
    with pytest.raises(ErreurParametre, match="essai.yaml"):
        charger_repertoire(tmp_path)


def test_nom_de_fichier_invalide(tmp_path):
    ecrire(tmp_path, "Essai-1", VALIDE)
    with pytest.raises(ErreurParametre, match="nom de paramètre invalide"):
        charger_repertoire(tmp_path)


def test_extension_yml_refusee(tmp_path):
    (tmp_path / "essai.yml").write_text(VALIDE, encoding="utf-8")
    with pytest.raises(ErreurParametre, match=r"\.yml"):
        charger_repertoire(tmp_path)


def test_repertoire_introuvable(tmp_path):
    with pytest.raises(ErreurParametre, match="introuvable"):
        charger_repertoire(tmp_path / "absent")


# ---------------------------------------------------------------------------------------------------
# Aucun nombre du PASS écrit en dur dans le code
# ---------------------------------------------------------------------------------------------------

def _nombres_interdits() -> set[int]:
    interdits: set[int] = set()
    for annee in ANNEES:
        centimes = P.pass_annuel_centimes(annee)
        for part in (centimes, centimes * 3 // 4, centimes // 2, centimes // 4):
            interdits.update({part, part // 100})
    return interdits


def _fichiers_python() -> list[Path]:
    fichiers = []
    for dossier in ("interessement", "validators"):
        racine = RACINE / dossier
        if not racine.is_dir():
            continue
        for chemin in sorted(racine.rglob("*.py")):
            if (RACINE / "interessement" / "parametres") in chemin.parents:
                continue
            fichiers.append(chemin)
    return fichiers


def _litteraux_numeriques(source: str) -> list[tuple[int, str]]:
    trouves = []
    for jeton in tokenize.generate_tokens(io.StringIO(source).readline):
        if jeton.type == tokenize.NUMBER:
            trouves.append((jeton.start[0], jeton.string))
    return trouves


def _valeur_entiere(litteral: str) -> int | None:
    texte = litteral.replace("_", "").lower()
    try:
        return int(texte, 0)
    except ValueError:
        pass
    try:
        nombre = Decimal(texte.rstrip("j"))
    except ArithmeticError:
        return None
    return int(nombre) if nombre == nombre.to_integral_value() else None


def test_detecteur_de_litteraux():
    interdits = _nombres_interdits()
    source = "a = 48_060\nb = 4806000.0\nc = '48060'\nd = 36045\ne = 12\n"
    trouves = [(ligne, lit) for ligne, lit in _litteraux_numeriques(source) if _valeur_entiere(lit) in interdits]
    assert trouves == [(1, "48_060"), (2, "4806000.0"), (4, "36045")]


def test_aucun_nombre_du_pass_en_dur_dans_le_code():
    interdits = _nombres_interdits()
    assert {48060, 4806000, 36045, 3604500, 12015, 40524} <= interdits
    fautes = []
    for chemin in _fichiers_python():
        for ligne, litteral in _litteraux_numeriques(chemin.read_text(encoding="utf-8")):
            if _valeur_entiere(litteral) in interdits:
                fautes.append(f"{chemin.relative_to(RACINE)}:{ligne}: {litteral}")
    assert not fautes, ("nombres du PASS écrits en dur (utiliser interessement.parametres) :\n"
                        + "\n".join(fautes))
