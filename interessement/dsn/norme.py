"""Ce que le lecteur de DSN utilise de la norme NEODeS : rubriques, formats et tables de codes.

Source : cahier technique de la norme NEODeS (déclaration sociale nominative, DSN), version 2026
(« P26V01 », cahier technique CT2026.1, GIP-MDS, net-entreprises.fr / dsn-info.fr). Le texte officiel du cahier
n'était pas disponible hors ligne pendant l'écriture : chaque numéro de rubrique et chaque code ci-dessous a été
vérifié sur des extraits publics concordants de ce cahier (base de connaissances Sage et fiches de paie citant
les rubriques S21.G00.60.001 à .010 et les codes « 01 - maladie », « 02 - maternité / adoption » ; fiche
« Bloc S21.G00.51 » de la DSN 2023 pour les rubriques .001, .002, .010, .011 ; tables de codes publiées par
plusieurs éditeurs de paie pour S21.G00.51.011, S21.G00.60.001 et S21.G00.65.001). Un code que cette table ne
connaît pas n'est jamais interprété au hasard : l'absence est comptée sous son propre code (« arret_NN »,
« suspension_NNN »), donc non assimilée à de la présence sauf si l'accord la cite, et un avertissement le dit.

Une ligne DSN s'écrit ``S21.G00.30.002,'DUPONT'`` : l'identifiant de la rubrique (structure, groupe, bloc,
rubrique), une virgule, la valeur entre apostrophes. Les dates sont au format JJMMAAAA, les montants en euros
avec un point décimal (« 2150.00 », signe « - » admis pour une régularisation).
"""

from __future__ import annotations

VERSION_NORME = "norme NEODeS, cahier technique DSN 2026 (P26V01)"

#: Les rubriques lues (les autres sont vérifiées pour leur forme seulement).
RUBRIQUES: dict[str, str] = {
    "S20.G00.05.005": "date du mois principal déclaré",
    "S21.G00.06.001": "SIREN de l'entreprise",
    "S21.G00.30.001": "numéro d'inscription au répertoire (NIR)",
    "S21.G00.30.002": "nom de famille",
    "S21.G00.30.004": "prénoms",
    "S21.G00.30.019": "matricule de l'individu dans l'entreprise",
    "S21.G00.40.001": "date de début du contrat",
    "S21.G00.40.009": "numéro du contrat",
    "S21.G00.51.001": "date de début de la période de paie",
    "S21.G00.51.002": "date de fin de la période de paie",
    "S21.G00.51.010": "numéro du contrat (rémunération)",
    "S21.G00.51.011": "type de rémunération",
    "S21.G00.51.013": "montant de la rémunération",
    "S21.G00.60.001": "motif de l'arrêt",
    "S21.G00.60.002": "date du dernier jour travaillé",
    "S21.G00.60.003": "date de fin prévisionnelle de l'arrêt",
    "S21.G00.60.010": "date de la reprise",
    "S21.G00.62.001": "date de fin du contrat",
    "S21.G00.62.002": "motif de la rupture du contrat",
    "S21.G00.65.001": "motif de la suspension",
    "S21.G00.65.002": "date de début de la suspension",
    "S21.G00.65.003": "date de fin de la suspension",
}

DATES = {"S20.G00.05.005", "S21.G00.40.001", "S21.G00.51.001", "S21.G00.51.002", "S21.G00.60.002",
         "S21.G00.60.003", "S21.G00.60.010", "S21.G00.62.001", "S21.G00.65.002", "S21.G00.65.003"}
MONTANTS = {"S21.G00.51.013"}

#: S21.G00.51.011 : le salaire de l'exercice est la somme des « rémunérations brutes non plafonnées ».
TYPE_REMUNERATION_BRUTE = "001"

#: S21.G00.60.001 (motif de l'arrêt) → code d'absence du format d'échange. L'accident de trajet (04) n'est pas un
#: accident du travail au sens de L1226-7, auquel renvoie L3314-5 : il a son propre code.
MOTIFS_ARRET: dict[str, str] = {
    "01": "maladie",
    "02": "maternite",
    "03": "paternite_accueil_enfant",
    "04": "accident_trajet",
    "05": "maladie_professionnelle",
    "06": "accident_travail",
    "07": "femme_enceinte_dispensee",
    "09": "adoption",
    "19": "deuil",
}
#: Temps partiel thérapeutique (risques maladie, accident du travail, trajet, maladie professionnelle) : le salarié
#: travaille, à temps réduit ; ces jours ne sont pas des absences.
MOTIFS_TEMPS_PARTIEL_THERAPEUTIQUE = {"15", "16", "17", "18"}

#: S21.G00.65.001 (motif de la suspension) → code d'absence.
MOTIFS_SUSPENSION: dict[str, str] = {
    "200": "conges_payes",
    "301": "formation",
    "501": "conges_sans_solde",
    "602": "activite_partielle",
    "607": "conge_presence_parentale",
    "609": "formation",
    "632": "conge_parental_education",
    "636": "enfant_malade",
    "637": "evenement_familial",
    "639": "conge_sabbatique",
    "650": "conge_proche_aidant",
    "652": "inaptitude_grossesse",
}

#: Libellés des codes d'absence propres à la DSN (ceux du format d'échange sont dans ``CODES_ABSENCES``).
LIBELLES_ABSENCES_DSN: dict[str, str] = {
    "accident_trajet": "accident de trajet",
    "femme_enceinte_dispensee": "femme enceinte dispensée de travail",
    "conge_presence_parentale": "congé de présence parentale",
    "conge_parental_education": "congé parental d'éducation",
    "enfant_malade": "congé pour enfant malade",
    "evenement_familial": "congé pour événement familial",
    "conge_sabbatique": "congé sabbatique",
    "conge_proche_aidant": "congé de proche aidant",
    "inaptitude_grossesse": "inaptitude temporaire liée à la grossesse",
}


def code_arret(motif: str) -> str:
    return MOTIFS_ARRET.get(motif, f"arret_{motif}")


def code_suspension(motif: str) -> str:
    return MOTIFS_SUSPENSION.get(motif, f"suspension_{motif}")


def libelle_absence(code: str) -> str:
    """Libellé français d'un code d'absence (format d'échange, DSN, ou code DSN non reconnu)."""
    from ..modele import CODES_ABSENCES

    if code in CODES_ABSENCES:
        return CODES_ABSENCES[code]
    if code in LIBELLES_ABSENCES_DSN:
        return LIBELLES_ABSENCES_DSN[code]
    if code.startswith("arret_"):
        return f"arrêt de travail (motif DSN {code.removeprefix('arret_')})"
    if code.startswith("suspension_"):
        return f"suspension du contrat (motif DSN {code.removeprefix('suspension_')})"
    return code
