"""Génère les exemples de `examples/` (accords et versements), de façon déterministe.

Usage : python examples/generer.py   (réécrit les fichiers ; les tests vérifient qu'ils sont à jour)
Chaque exemple est une entreprise réaliste ; les montants versés des fichiers de versement sont ceux que
calcule le moteur de répartition, pour que chaque exemple soit conforme.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ICI = Path(__file__).resolve().parent
sys.path.insert(0, str(ICI.parent))

from interessement.modele import VERSION_FORMAT, Accord, Versement, accord_depuis_dict  # noqa: E402

NOMS = ["Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
        "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André",
        "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia"]
PRENOMS = ["Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Emma", "Hugo", "Lucas", "Louis",
           "Nathan", "Gabriel", "Jules", "Arthur", "Adam", "Raphaël", "Noé", "Zoé", "Lina", "Élise", "Théo"]

#: Information des salariés : rédigée pour chaque exemple (jamais une valeur par défaut cachée).
MODALITES_INFORMATION = (
    "Chaque salarié reçoit la note d'information à l'embauche et, lors de chaque versement, une fiche distincte du "
    "bulletin de paie indiquant le montant de ses droits et les modalités de calcul."
)


def information(*, cse: bool, remise: str = "electronique", jours: int = 0) -> dict:
    """Suivi par le CSE s'il existe, sinon les salariés directement ; différends d'abord avec cette instance."""
    return {
        "suivi_par": "cse" if cse else "salaries",
        "modalites_information_salaries": MODALITES_INFORMATION,
        "presomption_information": {"moyen": remise, "jours_apres_envoi": jours},
        "instance_litiges": "cse" if cse else "employeur",
        "reglement_litiges": LITIGES_CSE if cse else LITIGES_SANS_CSE,
    }


LITIGES_CSE = ("Les différends qui pourraient naître de l'application ou de la révision de l'accord sont examinés en "
               "premier lieu par l'employeur et le comité social et économique, en vue d'un règlement amiable. À "
               "défaut d'accord, ils sont portés devant la juridiction compétente.")
LITIGES_SANS_CSE = ("Les différends qui pourraient naître de l'application ou de la révision de la décision sont "
                    "examinés en premier lieu entre l'employeur et le ou les salariés concernés, en vue d'un "
                    "règlement amiable. À défaut d'accord, ils sont portés devant la juridiction compétente.")


ABSENCES_ASSIMILEES = ["maternite", "paternite_accueil_enfant", "adoption", "deuil", "accident_travail",
                       "maladie_professionnelle", "quarantaine"]



def salaries(graine: int, n: int, debut: date, fin: date, salaire_moyen: int, *, dirigeant: str | None = None):
    """Une liste réaliste de salariés : temps plein ou partiel, entrées et sorties, absences."""
    rng = random.Random(graine)
    jours_exercice = (fin - debut).days + 1
    liste = []
    for i in range(n):
        nom = f"{rng.choice(PRENOMS)} {rng.choice(NOMS)}"
        entree = debut
        sortie = None
        tirage = rng.random()
        if tirage < 0.12:
            entree = debut + timedelta(days=rng.randint(30, jours_exercice - 60))
        elif tirage < 0.2:
            sortie = debut + timedelta(days=rng.randint(60, jours_exercice - 30))
        fin_effective = sortie or fin
        jours = (fin_effective - entree).days + 1
        temps = 1 if rng.random() < 0.8 else rng.choice([0.5, 0.6, 0.8])
        salaire_annuel = int(rng.gauss(salaire_moyen, salaire_moyen * 0.25))
        salaire_annuel = max(salaire_annuel, 21_000)
        salaire = int(salaire_annuel * temps * jours / jours_exercice) * 100 + rng.randint(0, 99)
        absences = {}
        if rng.random() < 0.3:
            absences["maladie"] = rng.randint(2, 25)
        if rng.random() < 0.05:
            absences["maternite"] = min(jours - 10, 112)
        if rng.random() < 0.05:
            absences["accident_travail"] = rng.randint(5, 40)
        if rng.random() < 0.04:
            absences["conges_sans_solde"] = rng.randint(5, 20)
        s = {
            "identifiant": f"M{graine % 100:02d}{i + 1:04d}",
            "nom": nom,
            "salaire_brut_centimes": salaire,
            "jours_inscrits": jours,
            "absences": absences,
            "temps_travail": temps,
            "date_entree": entree.isoformat() if entree != debut else None,
            "date_sortie": sortie.isoformat() if sortie else None,
        }
        liste.append({k: v for k, v in s.items() if v is not None})
    if dirigeant:
        liste.append({
            "identifiant": "D0001", "nom": dirigeant, "qualite": "dirigeant",
            "salaire_brut_centimes": 0, "jours_inscrits": jours_exercice,
            "remuneration_n1_centimes": 5_200_000,
        })
    return liste


def exemple_sas_30() -> tuple[dict, dict]:
    accord = {
        "version_format": VERSION_FORMAT,
        "identifiant": "exemple-sas-30-part-resultat",
        "intitule": "Accord d'intéressement",
        "entreprise": {
            "raison_sociale": "Atelier Dupont & Fils",
            "siren": "732829320",
            "forme_juridique": "SAS",
            "adresse": "12 rue des Tanneurs, 69007 Lyon",
            "effectif": 30,
            "delegues_syndicaux": False,
            "cse": True,
            "convention_collective": "IDCC 1596 — Bâtiment ouvriers (plus de 10 salariés)",
            "dirigeants": [{"nom": "Claire Dupont", "qualite": "president"}],
            "etablissements": ["Siège et atelier de Lyon"],
            "resultats_fiscaux": [
                {"exercice": 2023, "benefice_net_fiscal_centimes": 14_500_000, "chiffre_affaires_centimes": 410_000_000},
                {"exercice": 2024, "benefice_net_fiscal_centimes": 16_800_000, "chiffre_affaires_centimes": 432_000_000},
                {"exercice": 2025, "benefice_net_fiscal_centimes": 15_900_000, "chiffre_affaires_centimes": 447_000_000},
            ],
        },
        "mise_en_place": {
            "mode": "accord_cse",
            "date_conclusion": "2026-05-15",
            "lieu": "Lyon",
            "signataires": [
                {"nom": "Claire Dupont", "qualite": "Présidente", "partie": "employeur"},
                {"nom": "Karim Benali", "qualite": "Membre titulaire du CSE", "partie": "salaries"},
                {"nom": "Sophie Marchand", "qualite": "Membre titulaire du CSE", "partie": "salaries"},
            ],
            "vote_cse": {"membres_titulaires_presents": 3, "votes_pour": 3},
        },
        "periode": {"date_effet": "2026-01-01", "date_cloture_premier_exercice": "2026-12-31",
                    "periode_calcul_mois": 12, "duree_annees": 3, "reconduction_tacite": True},
        "depot": {"date_depot": "2026-06-10", "numero_recepisse": "T06926001234",
                  # Pièces déposées, lues sur le récépissé (PIECES_DEPOT, D3345-1 2°).
                  "pieces": ["texte_accord", "pv_seance_cse"]},
        "perimetre": {"tous_etablissements": True, "etablissements": ["Siège et atelier de Lyon"]},
        "beneficiaires": {"anciennete": {"mois": 3, "jours": 0, "calcul": "tous_contrats"}},
        "indicateurs": [{
            "code": "resultat_courant_avant_impot", "libelle": "Résultat courant avant impôt",
            "nature": "resultat_courant_avant_impot", "unite": "centimes",
            "definition": "Résultat courant avant impôt de l'exercice, tel qu'il ressort des comptes annuels approuvés.",
            "source": "Liasse fiscale 2052, ligne GW (résultat courant avant impôts)",
        }],
        "formule": {
            "composantes": [{"type": "part_resultat", "indicateur": "resultat_courant_avant_impot",
                             "taux": 0.2, "seuil_centimes": 10_000_000}],
            "plafond": {"taux_masse_salariale": 0.08},
        },
        "repartition": {"part_uniforme": 0, "part_presence": 0.5, "part_salaire": 0.5,
                        "absences_assimilees": ABSENCES_ASSIMILEES, "redistribution_excedent": True},
        "versement": {"delai_versement_mois": 5, "plans_epargne": ["PEE"], "affectation_defaut_plan": True,
                      "delai_choix_jours": 15},
        "information": {
            "preambule": (
                "La société souhaite associer l'ensemble de ses salariés à ses résultats. Le résultat courant "
                "avant impôt reflète la performance de l'atelier que chacun contribue à construire ; au-delà d'un "
                "seuil de rentabilité de 100 000 €, une part de 20 % est partagée, pour moitié selon le temps de "
                "présence et pour moitié selon le salaire."
            ),
            **information(cse=True),
        },
        "historique": [
            {"periode": "2021", "masse_salariale_centimes": 98_000_000, "valeurs": {"resultat_courant_avant_impot": 8_000_000}},
            {"periode": "2022", "masse_salariale_centimes": 101_000_000, "valeurs": {"resultat_courant_avant_impot": 15_000_000}},
            {"periode": "2023", "masse_salariale_centimes": 104_000_000, "valeurs": {"resultat_courant_avant_impot": 21_000_000}},
            {"periode": "2024", "masse_salariale_centimes": 107_000_000, "valeurs": {"resultat_courant_avant_impot": 6_000_000}},
            {"periode": "2025", "masse_salariale_centimes": 110_000_000, "valeurs": {"resultat_courant_avant_impot": 19_000_000}},
        ],
    }
    versement = {"periode": 1, "exercice": "2026", "valeurs": {"resultat_courant_avant_impot": 28_500_000},
                 "date_versement": "2027-05-20",
                 "salaries": salaries(30, 30, date(2026, 1, 1), date(2026, 12, 31), 38_000)}
    return accord, versement


def exemple_sarl_8() -> tuple[dict, dict]:
    accord = {
        "version_format": VERSION_FORMAT,
        "identifiant": "exemple-sarl-8-due-paliers",
        "intitule": "Décision unilatérale instituant un régime d'intéressement",
        "entreprise": {
            "raison_sociale": "Boulangerie Martin",
            "siren": "552100554",
            "forme_juridique": "SARL",
            "adresse": "3 place du Marché, 35000 Rennes",
            "effectif": 8,
            "delegues_syndicaux": False,
            "cse": False,
            "convention_collective": "IDCC 843 — Boulangerie-pâtisserie artisanale",
            "dirigeants": [{"nom": "Jean Martin", "qualite": "gerant"}],
            "etablissements": ["Boulangerie de la place du Marché"],
        },
        "mise_en_place": {
            "mode": "decision_unilaterale",
            "date_conclusion": "2026-04-10",
            "lieu": "Rennes",
            "signataires": [{"nom": "Jean Martin", "qualite": "Gérant", "partie": "employeur"}],
        },
        "periode": {"date_effet": "2026-01-01", "date_cloture_premier_exercice": "2026-12-31",
                    "periode_calcul_mois": 12, "duree_annees": 3, "reconduction_tacite": False},
        "depot": {"date_depot": "2026-04-20", "numero_recepisse": "T03526000567",
                  # Décision sans délégué syndical ni CSE : attestation de l'employeur (D3345-3).
                  "pieces": ["texte_accord", "attestation_absence_delegue_syndical"]},
        "beneficiaires": {"anciennete": {"mois": 2, "jours": 0, "calcul": "tous_contrats"},
                          "dirigeants_inclus": True},
        "indicateurs": [
            {"code": "chiffre_affaires", "libelle": "Chiffre d'affaires hors taxes", "nature": "chiffre_affaires",
             "unite": "centimes", "definition": "Chiffre d'affaires net hors taxes de l'exercice.",
             "source": "Liasse fiscale 2033-B, ligne 218 (chiffre d'affaires net)"},
            {"code": "resultat_exploitation", "libelle": "Résultat d'exploitation", "nature": "resultat_exploitation",
             "unite": "centimes", "definition": "Résultat d'exploitation de l'exercice.",
             "source": "Liasse fiscale 2033-B, ligne 270 (résultat d'exploitation)"},
        ],
        "formule": {
            "composantes": [{"type": "paliers_croissance", "indicateur": "chiffre_affaires", "paliers": [
                {"croissance_min": 0.04, "taux_masse_salariale": 0.01},
                {"croissance_min": 0.08, "taux_masse_salariale": 0.015},
            ]}],
            "declencheurs": [{"indicateur": "resultat_exploitation", "operateur": ">", "valeur": 0}],
        },
        "repartition": {"part_uniforme": 1, "part_presence": 0, "part_salaire": 0,
                        "absences_assimilees": ABSENCES_ASSIMILEES, "redistribution_excedent": True},
        "versement": {"delai_versement_mois": 5, "plans_epargne": [], "affectation_defaut_plan": False},
        "information": {
            "preambule": (
                "Le gérant souhaite associer les salariés de la boulangerie au développement de l'activité, "
                "à condition que celle-ci reste rentable : la prime dépend de la croissance du chiffre d'affaires "
                "et n'est due que si le résultat d'exploitation est positif ; elle est répartie à parts égales."
            ),
            **information(cse=False, remise="remise_main_propre"),
        },
        "historique": [
            {"periode": "2022", "masse_salariale_centimes": 21_000_000,
             "valeurs": {"chiffre_affaires": 62_000_000, "resultat_exploitation": 3_100_000}},
            {"periode": "2023", "masse_salariale_centimes": 22_000_000,
             "valeurs": {"chiffre_affaires": 63_500_000, "resultat_exploitation": -800_000}},
            {"periode": "2024", "masse_salariale_centimes": 22_500_000,
             "valeurs": {"chiffre_affaires": 68_900_000, "resultat_exploitation": 4_500_000}},
            {"periode": "2025", "masse_salariale_centimes": 23_000_000,
             "valeurs": {"chiffre_affaires": 70_100_000, "resultat_exploitation": 2_600_000}},
        ],
    }
    versement = {"periode": 1, "exercice": "2026",
                 "valeurs": {"chiffre_affaires": 73_750_000, "resultat_exploitation": 4_000_000},
                 "valeurs_precedentes": {"chiffre_affaires": 70_100_000, "resultat_exploitation": 2_600_000},
                 "remuneration_dirigeants_n1_centimes": 5_200_000,
                 "plus_haut_salaire_centimes": 4_100_000,
                 "date_versement": "2027-04-30",
                 "salaries": salaries(8, 8, date(2026, 1, 1), date(2026, 12, 31), 27_000, dirigeant="Jean Martin")}
    return accord, versement


def exemple_120_objectifs() -> tuple[dict, dict]:
    accord = {
        "version_format": VERSION_FORMAT,
        "identifiant": "exemple-120-objectifs",
        "intitule": "Accord d'intéressement",
        "entreprise": {
            "raison_sociale": "Transports Lemoine",
            "siren": "443061841",
            "forme_juridique": "SA",
            "adresse": "ZA des Trois Moulins, 45000 Orléans",
            "effectif": 120,
            "delegues_syndicaux": True,
            "cse": True,
            "convention_collective": "IDCC 16 — Transports routiers et activités auxiliaires",
            "dirigeants": [{"nom": "Paul Lemoine", "qualite": "president"},
                           {"nom": "Anne Lemoine", "qualite": "directeur_general"}],
            "etablissements": ["Siège d'Orléans", "Agence de Tours"],
        },
        "mise_en_place": {
            "mode": "accord_delegues_syndicaux",
            "date_conclusion": "2026-06-20",
            "lieu": "Orléans",
            "signataires": [
                {"nom": "Paul Lemoine", "qualite": "Président-directeur général", "partie": "employeur"},
                {"nom": "Marc Leroy", "qualite": "Délégué syndical", "partie": "salaries", "organisation": "CFDT"},
                {"nom": "Nadia Haddad", "qualite": "Déléguée syndicale", "partie": "salaries", "organisation": "FO"},
            ],
            "audience_signataires": 0.62,
        },
        "periode": {"date_effet": "2026-01-01", "date_cloture_premier_exercice": "2026-12-31",
                    "periode_calcul_mois": 12, "duree_annees": 3, "reconduction_tacite": False},
        # Pièces du dépôt non renseignées (PIECES_DEPOT : « à vérifier ») : avec elles, les données ne tiennent plus
        # dans les six codes QR de la dernière page.
        "depot": {"date_depot": "2026-07-03", "numero_recepisse": "T04526002211"},
        "perimetre": {"tous_etablissements": True, "etablissements": ["Siège d'Orléans", "Agence de Tours"]},
        "beneficiaires": {"anciennete": {"mois": 3, "calcul": "tous_contrats"}, "dirigeants_inclus": False},
        "indicateurs": [
            {"code": "taux_livraison_heure", "libelle": "Taux de livraisons à l'heure", "nature": "delais",
             "unite": "pourcentage",
             "definition": "Nombre de livraisons effectuées dans le créneau convenu / nombre total de livraisons de la période × 100.",
             "source": "Logiciel d'exploitation TMS, rapport annuel « ponctualité », arrêté au 31 décembre"},
            {"code": "taux_frequence_accidents", "libelle": "Taux de fréquence des accidents du travail",
             "nature": "securite", "unite": "nombre",
             "definition": "Nombre d'accidents avec arrêt × 1 000 000 / heures travaillées de la période.",
             "source": "Déclarations d'accident du travail et heures de la DSN, bilan social"},
            {"code": "consommation_carburant", "libelle": "Consommation moyenne de carburant (litres aux 100 km)",
             "nature": "rse", "unite": "nombre",
             "definition": "Litres de gazole achetés / kilomètres parcourus par la flotte × 100.",
             "source": "Relevés des cartes carburant et des chronotachygraphes"},
            {"code": "resultat_exploitation", "libelle": "Résultat d'exploitation", "nature": "resultat_exploitation",
             "unite": "centimes", "definition": "Résultat d'exploitation de l'exercice.",
             "source": "Liasse fiscale 2052, ligne GG"},
            {"code": "resultat_net_comptable", "libelle": "Résultat net comptable", "nature": "resultat_net_comptable",
             "unite": "centimes", "definition": "Bénéfice ou perte de l'exercice.",
             "source": "Liasse fiscale 2053, ligne HN"},
        ],
        "formule": {
            "composantes": [{"type": "objectifs", "budget_taux_masse_salariale": 0.03, "objectifs": [
                {"nom": "Ponctualité des livraisons", "indicateur": "taux_livraison_heure", "poids": 0.5,
                 "sens": "hausse", "declenchement": 94, "cible": 98,
                 "par_periode": [{"periode": 2, "declenchement": 94.5, "cible": 98.5},
                                 {"periode": 3, "declenchement": 95, "cible": 99}]},
                {"nom": "Sécurité au travail", "indicateur": "taux_frequence_accidents", "poids": 0.3,
                 "sens": "baisse", "declenchement": 18, "cible": 10, "progression": "paliers", "nombre_paliers": 4},
                {"nom": "Sobriété énergétique", "indicateur": "consommation_carburant", "poids": 0.2,
                 "sens": "baisse", "declenchement": 31.5, "cible": 29},
            ]}],
            "declencheurs": [{"indicateur": "resultat_exploitation", "operateur": ">", "valeur": 0}],
            "plafond": {"taux_indicateur": 0.5, "indicateur": "resultat_net_comptable"},
        },
        "repartition": {"part_uniforme": 0.3, "part_presence": 0, "part_salaire": 0.7,
                        "absences_assimilees": ABSENCES_ASSIMILEES, "redistribution_excedent": True},
        "versement": {"delai_versement_mois": 5, "plans_epargne": ["PEE", "PERCOL"], "affectation_defaut_plan": True},
        "information": {
            "preambule": (
                "Les parties ont retenu trois objectifs collectifs qui font la qualité du service rendu aux "
                "clients et la sécurité des équipes : la ponctualité des livraisons, la baisse des accidents du "
                "travail et la sobriété en carburant. L'intéressement n'est dû que si le résultat d'exploitation "
                "est positif et ne peut dépasser la moitié du résultat net."
            ),
            **information(cse=True),
        },
        "historique": [
            {"periode": "2022", "masse_salariale_centimes": 384_000_000,
             "valeurs": {"taux_livraison_heure": 92.4, "taux_frequence_accidents": 21.0, "consommation_carburant": 32.8,
                         "resultat_exploitation": 21_000_000, "resultat_net_comptable": 14_000_000}},
            {"periode": "2023", "masse_salariale_centimes": 396_000_000,
             "valeurs": {"taux_livraison_heure": 93.1, "taux_frequence_accidents": 19.5, "consommation_carburant": 32.1,
                         "resultat_exploitation": -3_000_000, "resultat_net_comptable": -4_500_000}},
            {"periode": "2024", "masse_salariale_centimes": 408_000_000,
             "valeurs": {"taux_livraison_heure": 94.8, "taux_frequence_accidents": 17.2, "consommation_carburant": 31.9,
                         "resultat_exploitation": 26_000_000, "resultat_net_comptable": 17_500_000}},
            {"periode": "2025", "masse_salariale_centimes": 420_000_000,
             "valeurs": {"taux_livraison_heure": 93.9, "taux_frequence_accidents": 18.4, "consommation_carburant": 31.6,
                         "resultat_exploitation": 18_000_000, "resultat_net_comptable": 11_000_000}},
        ],
    }
    versement = {"periode": 1, "exercice": "2026",
                 "valeurs": {"taux_livraison_heure": 96.2, "taux_frequence_accidents": 13.9,
                             "consommation_carburant": 30.4, "resultat_exploitation": 31_000_000,
                             "resultat_net_comptable": 20_500_000},
                 "date_versement": "2027-05-28",
                 "salaries": salaries(120, 120, date(2026, 1, 1), date(2026, 12, 31), 35_000)}
    return accord, versement


def exemple_40_semestriel() -> tuple[dict, dict]:
    accord = {
        "version_format": VERSION_FORMAT,
        "identifiant": "exemple-40-semestriel",
        "intitule": "Accord d'intéressement",
        "entreprise": {
            "raison_sociale": "Clinique vétérinaire des Tilleuls",
            "siren": "889637229",
            "forme_juridique": "SELAS",
            "adresse": "41 avenue des Tilleuls, 33000 Bordeaux",
            "effectif": 40,
            "delegues_syndicaux": False,
            "cse": True,
            "convention_collective": "IDCC 1875 — Cabinets et cliniques vétérinaires",
            "dirigeants": [{"nom": "Dr Hélène Vasseur", "qualite": "president"}],
            "etablissements": ["Clinique de Bordeaux"],
        },
        "mise_en_place": {
            "mode": "ratification",
            "date_conclusion": "2026-03-12",
            "lieu": "Bordeaux",
            "signataires": [{"nom": "Dr Hélène Vasseur", "qualite": "Présidente", "partie": "employeur"}],
            "ratification": {"effectif_inscrit": 40, "votes_pour": 31, "votes_contre": 4,
                             "date_vote": "2026-03-12", "demande_conjointe": True, "proces_verbal": True},
        },
        "periode": {"date_effet": "2026-01-01", "date_cloture_premier_exercice": "2026-12-31",
                    "periode_calcul_mois": 6, "duree_annees": 2, "reconduction_tacite": False},
        "depot": {"date_depot": "2026-03-30", "numero_recepisse": "T03326000890",
                  "pieces": ["texte_accord", "emargement_ou_pv_ratification", "mention_demande_conjointe"]},
        "beneficiaires": {"anciennete": {"mois": 3, "calcul": "tous_contrats"}},
        "indicateurs": [{
            "code": "excedent_brut_exploitation", "libelle": "Excédent brut d'exploitation du semestre",
            "nature": "excedent_brut_exploitation", "unite": "centimes",
            "definition": "Excédent brut d'exploitation du semestre calculé selon le plan comptable général "
                          "(valeur ajoutée + subventions d'exploitation − impôts et taxes − charges de personnel).",
            "source": "Comptes semestriels arrêtés par l'expert-comptable (soldes intermédiaires de gestion)",
        }],
        "formule": {"composantes": [{"type": "part_resultat", "indicateur": "excedent_brut_exploitation",
                                     "taux": 0.15, "seuil_centimes": 12_000_000}],
                    # Une part de résultat n'est pas bornée : l'accord limite l'enveloppe (règle PLAFOND_GLOBAL).
                    "plafond": {"taux_masse_salariale": 0.1}},
        "repartition": {"part_uniforme": 0, "part_presence": 1, "part_salaire": 0,
                        "absences_assimilees": ABSENCES_ASSIMILEES, "redistribution_excedent": True},
        "versement": {"delai_versement_mois": 2, "plans_epargne": ["PEE"], "affectation_defaut_plan": True},
        "information": {
            "preambule": (
                "Pour associer plus souvent l'équipe aux résultats de la clinique, l'intéressement est calculé "
                "par semestre : 15 % de l'excédent brut d'exploitation au-delà de 120 000 €, dans la limite de 10 % "
                "de la masse salariale du semestre, réparti selon le temps de présence de chacun."
            ),
            **information(cse=True),
        },
        "historique": [
            {"periode": "2024-S1", "masse_salariale_centimes": 68_000_000, "valeurs": {"excedent_brut_exploitation": 13_500_000}},
            {"periode": "2024-S2", "masse_salariale_centimes": 69_000_000, "valeurs": {"excedent_brut_exploitation": 10_800_000}},
            {"periode": "2025-S1", "masse_salariale_centimes": 70_500_000, "valeurs": {"excedent_brut_exploitation": 14_900_000}},
            {"periode": "2025-S2", "masse_salariale_centimes": 71_000_000, "valeurs": {"excedent_brut_exploitation": 11_600_000}},
        ],
    }
    versement = {"periode": 1, "exercice": "2026-S1", "valeurs": {"excedent_brut_exploitation": 15_200_000},
                 "date_versement": "2026-08-25",
                 "salaries": salaries(40, 40, date(2026, 1, 1), date(2026, 6, 30), 32_000)}
    return accord, versement


EXEMPLES = {
    "sas-30-part-resultat": exemple_sas_30,
    "sarl-8-due-paliers": exemple_sarl_8,
    "sa-120-objectifs": exemple_120_objectifs,
    "selas-40-semestriel": exemple_40_semestriel,
}


def completer_versement(accord: Accord, versement: dict) -> dict:
    """Masse salariale = somme des salaires ; montants versés = répartition calculée par le moteur."""
    versement = {"version_format": VERSION_FORMAT, "accord_identifiant": accord.identifiant, **versement}
    versement["masse_salariale_centimes"] = sum(s["salaire_brut_centimes"] for s in versement["salaries"])
    from interessement.calcul import calculer_versement  # import tardif : le moteur lit les paramètres

    v = Versement.model_validate(versement)
    resultat = calculer_versement(accord, v)
    montants = dict(zip(resultat.repartition.identifiants, resultat.repartition.montants_centimes.tolist(),
                        strict=True))
    versement["enveloppe_declaree_centimes"] = resultat.enveloppe_centimes
    for s in versement["salaries"]:
        s["montant_verse_centimes"] = int(montants.get(s["identifiant"], 0))
    return versement


def generer() -> dict[str, str]:
    sorties: dict[str, str] = {}
    for nom, fabrique in EXEMPLES.items():
        donnees, versement = fabrique()
        accord = accord_depuis_dict(donnees, nom)
        sorties[f"{nom}.json"] = accord.model_dump_json(indent=2, exclude_defaults=True) + "\n"
        sorties[f"{nom}.versement.json"] = json.dumps(completer_versement(accord, versement), ensure_ascii=False,
                                                     indent=2) + "\n"
    return sorties


if __name__ == "__main__":
    for nom, texte in generer().items():
        (ICI / nom).write_text(texte, encoding="utf-8")
        print("écrit", nom)
