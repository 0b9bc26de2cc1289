"""Lecture du fichier des salariés (CSV ou XLSX) pour calculer ou vérifier une répartition.

Formats acceptés :

- CSV tel qu'Excel (version française) l'enregistre : séparateur « ; » ou « , » (ou tabulation), deviné
  sur la ligne d'en-tête ; virgule décimale ; espaces (ordinaires ou insécables) comme séparateurs de
  milliers ; encodage UTF-8 avec ou sans BOM, Windows-1252, ou UTF-16 avec BOM (« texte Unicode ») ;
- XLSX (premier onglet), lu en continu par openpyxl (dimensions annoncées ignorées, bombe ZIP refusée).

Colonnes (en-têtes reconnus sans tenir compte de la casse, des accents, des espaces, de la ponctuation ni
des unités « (€) », « en jours », synonymes français acceptés, voir ``SYNONYMES`` ; libellés : ``LIBELLES``) :

============================  ==============================================================
``identifiant``                matricule, unique dans le fichier ; sans cette colonne, « Ligne 2 », « Ligne 3 »…
``nom``, ``prenom``            facultatifs (« Prénom Nom » quand les deux colonnes existent)
``qualite``                    salarie (défaut) | dirigeant | conjoint
``salaire_brut`` (oblig.)      euros avec centimes, ≥ 0 → ``salaire_brut_centimes`` (entier)
``jours_inscrits``             jours d'inscription à l'effectif pendant l'exercice, entier ≥ 0 ; sans cette
                               colonne, calculés des dates d'entrée et de sortie et de l'exercice (``exercice=``)
``absences_<code>``            jours d'absence de ce type (« absences_maladie », « Absence maternité »…)
``absences`` + ``motif_absence``  « Jours d'absence » et leur « Motif » dans deux colonnes
``temps_travail``              fraction de 0 à 1 (0,8) ou pourcentage (80 %), défaut 1
``date_entree``, ``date_sortie``  JJ/MM/AAAA ou AAAA-MM-JJ
``montant_verse``              euros → ``montant_verse_centimes`` (vérification d'un versement)
``remuneration_n1``            euros → ``remuneration_n1_centimes`` (dirigeants)
``anciennete_anterieure_jours`` jours sous contrats antérieurs (période + 12 mois avant), pour l'ancienneté
``deja_attribue_exercice``     euros → ``deja_attribue_exercice_centimes`` (périodes infra-annuelles)
``avance_versee``              euros → ``avance_versee_centimes`` (avances déjà versées, L3348-1)
============================  ==============================================================

La ligne d'en-tête est la première des dix premières lignes non vides qui a au moins deux colonnes reconnues
(un export de paie commence souvent par un titre). Un en-tête non reconnu peut être rattaché à une colonne par
``correspondance`` (en-tête du fichier → colonne, ou ``None`` pour l'ignorer) : c'est ce que garde le
brouillon de l'assistant (jamais les données). ``apercu()`` donne les en-têtes, quelques lignes et ce qui
manque, pour l'écran de correspondance.

Les montants sont convertis en centimes avec ``Decimal``, jamais par un float (une cellule XLSX
numérique est un double : on part de sa plus courte écriture décimale, ``repr``).

Toutes les valeurs fautives sont signalées d'un coup (ligne telle que la voit le tableur, en-tête =
ligne 1 ; colonne nommée par son en-tête dans le fichier) ; les lignes correctes sont rendues même si d'autres
sont fautives. Un fichier illisible,
trop gros, vide ou sans colonne obligatoire donne une seule erreur de ligne 0 : jamais de trace Python.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import keyword
import math
import operator
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from .assainir import nettoyer_texte
from .bornes import (
    COLONNES_MAX,
    DATE_MAX,
    DATE_MIN,
    LIGNES_MAX,
    MONTANT_MAX_CENTIMES,
    TEXTE_MAX,
    XLSX_COMPRESSION_MAX,
    XLSX_DECOMPRESSE_MAX,
    XLSX_LIGNES_MAX,
)
from .entrees import lire_octets, sans_ramasse_miettes
from .erreurs import ErreurEntree
from .format import nombre as _nombre_fr
from .modele import CODES_ABSENCES, SalarieVersement, message_erreur

__all__ = [
    "Apercu",
    "ErreurLigne",
    "LIBELLES",
    "LectureSalaries",
    "apercu",
    "ecrire_modele_csv",
    "lire_fichier_salaries",
    "salaries_pour_versement",
]

TAILLE_MAX_OCTETS = 20_000_000
COLONNES_OBLIGATOIRES = ("salaire_brut",)
QUALITES = ("salarie", "dirigeant", "conjoint")

#: Le nom français de chaque colonne (messages, écran de correspondance).
LIBELLES: dict[str, str] = {
    "identifiant": "Identifiant (matricule)",
    "nom": "Nom (ou nom et prénom)",
    "prenom": "Prénom",
    "qualite": "Qualité (salarié, dirigeant, conjoint)",
    "salaire_brut": "Salaire brut de l'exercice (€)",
    "jours_inscrits": "Jours d'inscription à l'effectif",
    "date_entree": "Date d'entrée",
    "date_sortie": "Date de sortie",
    "absences": "Jours d'absence (motif dans une autre colonne)",
    "motif_absence": "Motif de l'absence",
    "temps_travail": "Temps de travail (fraction ou %)",
    "montant_verse": "Prime versée (€)",
    "remuneration_n1": "Rémunération de l'année précédente (dirigeants, €)",
    "anciennete_anterieure_jours": "Jours sous contrats antérieurs",
    "deja_attribue_exercice": "Déjà attribué au titre de l'exercice (€)",
    "avance_versee": "Avances d'intéressement déjà versées (€)",
    **{f"absences_{code}": f"Jours d'absence : {libelle}" for code, libelle in CODES_ABSENCES.items()},
}


# --------------------------------------------------------------------------------------------------
# Résultat
# --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ErreurLigne:
    """Une valeur refusée : ligne du tableur (en-tête = 1 ; 0 = le fichier entier), colonne canonique,
    valeur lue telle quelle, message français."""

    ligne: int
    colonne: str
    valeur: str
    message: str
    entete: str = ""  # l'en-tête de la colonne dans le fichier (« Salaire brut (€) »), pour les messages

    def __str__(self) -> str:
        if self.ligne == 0:
            return self.message
        if self.colonne or self.entete:
            return f"Ligne {self.ligne}, colonne « {self.entete or self.colonne} » : {self.message}"
        return f"Ligne {self.ligne} : {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class LectureSalaries:
    """Les salariés lus (dictionnaires aux clés de ``SalarieVersement`` plus ``ligne``) et les erreurs.

    ``colonnes`` : colonne canonique → en-tête du fichier ; ``avertissements`` : ce qui a été ignoré
    (colonnes inconnues, lignes de total) ou mérite attention (code d'absence inconnu, jours calculés des
    dates). ``entetes`` : la ligne d'en-tête lue ; ``inconnues`` : ses en-têtes non reconnus ;
    ``manquantes`` : les colonnes nécessaires introuvables (le fichier n'est alors pas lu : l'assistant
    propose l'écran de correspondance).
    """

    salaries: list[dict[str, Any]]
    erreurs: list[ErreurLigne]
    format: str = ""
    encodage: str | None = None
    separateur: str | None = None
    colonnes: dict[str, str] = field(default_factory=dict)
    avertissements: list[str] = field(default_factory=list)
    entetes: list[str] = field(default_factory=list)
    inconnues: list[str] = field(default_factory=list)
    manquantes: list[str] = field(default_factory=list)
    ligne_entete: int = 0

    @property
    def ok(self) -> bool:
        return not self.erreurs


def salaries_pour_versement(salaries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Les salariés lus, sans la clé ``ligne`` : prêts pour ``Versement(salaries=...)`` (dictionnaires à clés
    partagées quand ils ont les clés de la lecture : voir ``_fabrique_de_dicts``)."""
    ordre = [*_CHAMPS_RAPIDES, "ligne"]
    fabrique = _fabrique_de_dicts(tuple(_CHAMPS_RAPIDES))
    valeurs = operator.itemgetter(*_CHAMPS_RAPIDES)
    with sans_ramasse_miettes():  # des centaines de milliers de dictionnaires sans cycle (voir entrees.py)
        return [fabrique(*valeurs(s)) if len(s) == len(ordre) and list(s) == ordre
                else {k: v for k, v in s.items() if k != "ligne"} for s in salaries]


class _Fichier(Exception):
    """Erreur qui concerne le fichier entier (ligne 0)."""


class _Colonnes(_Fichier):
    """Colonnes nécessaires introuvables (``manquantes``) : l'écran de correspondance peut y remédier."""

    def __init__(self, message: str, manquantes: list[str]):
        super().__init__(message)
        self.manquantes = manquantes


class _Valeur(Exception):
    """Valeur de cellule refusée (message français) ; ``cite`` : le message cite déjà la valeur."""

    def __init__(self, message: str, cite: bool = False):
        super().__init__(message)
        self.cite = cite


# --------------------------------------------------------------------------------------------------
# En-têtes
# --------------------------------------------------------------------------------------------------

def _normaliser(texte: Any) -> str:
    """« Salaire brut (€) » → « salaire_brut » ; « N° Matricule » → « n_matricule »."""
    t = unicodedata.normalize("NFKD", str(texte))
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = t.replace("œ", "oe").replace("æ", "ae")
    return re.sub(r"[^a-z0-9]+", "_", t).strip("_")


SYNONYMES: dict[str, set[str]] = {
    "identifiant": {
        "identifiant", "id", "ident", "matricule", "n_matricule", "no_matricule", "numero_matricule",
        "matricule_salarie", "numero", "numero_salarie", "n_salarie", "no_salarie", "code_salarie",
        "identifiant_salarie", "id_salarie", "num_salarie", "reference_salarie",
    },
    "nom": {"nom", "nom_prenom", "nom_et_prenom", "prenom_nom", "prenom_et_nom", "nom_complet", "salarie",
            "beneficiaire", "nom_du_salarie", "nom_salarie", "nom_de_famille", "nom_usuel", "nom_patronymique",
            "nom_de_naissance", "salarie_e", "collaborateur", "collaboratrice", "employe"},
    "prenom": {"prenom", "prenoms", "prenom_usuel", "prenom_du_salarie", "prenom_salarie"},
    "qualite": {"qualite", "qualite_beneficiaire", "qualite_du_beneficiaire", "type_beneficiaire",
                "type_de_beneficiaire", "categorie_beneficiaire"},
    "salaire_brut": {
        "salaire_brut", "salaire", "brut", "salaire_brut_annuel", "salaire_annuel_brut", "brut_annuel",
        "remuneration_brute", "remuneration_brute_annuelle", "salaire_de_reference", "salaire_reference",
        "salaire_brut_de_reference", "remuneration", "salaire_brut_exercice", "salaire_brut_de_l_exercice",
        "salaire_brut_fiscal",
        "salaire_brut_soumis_a_cotisations", "brut_fiscal", "cumul_brut", "cumul_brut_annuel", "brut_cumule",
        "salaire_brut_cumule", "remuneration_brute_cumulee", "total_brut", "brut_soumis", "montant_brut",
        "salaire_annuel", "remuneration_annuelle", "remuneration_annuelle_brute", "salaire_brut_total",
    },
    "jours_inscrits": {
        "jours_inscrits", "jours_d_inscription", "jours_inscription", "jours_effectif", "jours_a_l_effectif",
        "jours_dans_l_effectif", "jours_de_presence_a_l_effectif", "jours_sous_contrat", "jours_contrat",
        "duree_d_inscription", "duree_inscription", "jours_inscrits_a_l_effectif", "jours",
        "jours_de_presence_dans_l_effectif", "jours_d_appartenance", "jours_calendaires_inscrits",
    },
    "absences": {"absences", "absence", "jours_d_absence", "jours_absence", "jours_absences", "jours_d_absences",
                 "nombre_de_jours_d_absence", "nb_jours_absence", "nb_jours_d_absence", "total_absences",
                 "total_jours_absence", "duree_absence", "duree_de_l_absence", "jours_absents"},
    "motif_absence": {"motif", "motif_absence", "motif_d_absence", "motif_de_l_absence", "motif_des_absences",
                      "type_absence", "type_d_absence", "type_de_l_absence", "nature_absence", "nature_de_l_absence",
                      "cause_absence", "motif_de_l_arret", "motif_arret"},
    "temps_travail": {
        "temps_travail", "temps_de_travail", "taux_activite", "taux_d_activite", "quotite",
        "quotite_de_travail", "quotite_travail", "taux_temps_partiel", "taux_de_temps_partiel",
        "temps_de_travail_contractuel", "duree_du_travail",
    },
    "date_entree": {"date_entree", "date_d_entree", "entree", "date_embauche", "date_d_embauche",
                    "embauche", "debut_contrat", "date_debut_contrat", "date_de_debut", "date_d_arrivee",
                    "date_arrivee", "date_d_entree_dans_l_entreprise", "entree_le", "date_debut_de_contrat",
                    "date_de_debut_de_contrat", "date_d_anciennete", "debut"},
    "date_sortie": {"date_sortie", "date_de_sortie", "sortie", "fin_contrat", "date_fin_contrat",
                    "date_de_fin", "date_depart", "date_de_depart", "sortie_le", "date_fin_de_contrat",
                    "date_de_fin_de_contrat", "fin"},
    "montant_verse": {"montant_verse", "prime_versee", "interessement_verse", "montant_interessement",
                      "prime_interessement", "montant_de_la_prime", "prime", "interessement"},
    "anciennete_anterieure_jours": {"anciennete_anterieure_jours", "anciennete_anterieure",
                                    "jours_contrats_anterieurs", "contrats_anterieurs",
                                    "anciennete_contrats_anterieurs", "jours_anciennete_anterieure"},
    "deja_attribue_exercice": {"deja_attribue_exercice", "deja_verse_exercice", "deja_percu_exercice",
                               "interessement_deja_attribue", "interessement_deja_verse", "deja_attribue"},
    "avance_versee": {"avance_versee", "avances_versees", "avance", "avances", "avance_interessement",
                      "avances_interessement", "avance_sur_interessement", "avances_sur_interessement",
                      "acompte", "acomptes", "acompte_verse", "acomptes_verses", "avances_deja_versees"},
    "remuneration_n1": {"remuneration_n1", "remuneration_n_1", "remuneration_imposable_n1",
                        "remuneration_imposable_n_1", "remuneration_annee_precedente", "revenu_n_1",
                        "revenu_n1", "remuneration_dirigeant_n_1", "remuneration_imposable_annee_precedente"},
}
_CANONIQUE = {syn: canon for canon, noms in SYNONYMES.items() for syn in noms}
_PREFIXES = ("nombre_de_", "nombre_d_", "nombre_", "nb_de_", "nb_", "total_")
_SUFFIXES = ("_en_euros", "_euros", "_eur", "_en_jours", "_jours", "_j", "_en_pourcentage", "_pourcentage", "_pct",
             "_jj_mm_aaaa", "_aaaa_mm_jj", "_en_j")
_ANNEE = re.compile(r"_(?:19|20)\d\d$|_n$")  # « Salaire brut 2027 », « Salaire brut N »

# Codes d'absence du modèle (CODES_ABSENCES) et synonymes courants des exports de paie.
SYNONYMES_ABSENCES: dict[str, str] = {
    **{code: code for code in CODES_ABSENCES},
    "conge_maternite": "maternite", "conges_maternite": "maternite",
    "paternite": "paternite_accueil_enfant", "conge_paternite": "paternite_accueil_enfant",
    "conge_de_paternite": "paternite_accueil_enfant", "accueil_enfant": "paternite_accueil_enfant",
    "paternite_et_accueil_de_l_enfant": "paternite_accueil_enfant",
    "conge_paternite_et_accueil_de_l_enfant": "paternite_accueil_enfant",
    "conge_adoption": "adoption", "conge_d_adoption": "adoption",
    "conge_deuil": "deuil", "conge_de_deuil": "deuil",
    "at": "accident_travail", "accident_du_travail": "accident_travail", "accident_de_travail": "accident_travail",
    "mp": "maladie_professionnelle", "maladie_pro": "maladie_professionnelle",
    "mise_en_quarantaine": "quarantaine",
    "arret_maladie": "maladie", "maladie_non_professionnelle": "maladie", "maladie_ordinaire": "maladie",
    "cp": "conges_payes", "conge_paye": "conges_payes", "conges_paye": "conges_payes",
    "css": "conges_sans_solde", "conge_sans_solde": "conges_sans_solde", "sans_solde": "conges_sans_solde",
    "chomage_partiel": "activite_partielle", "ap": "activite_partielle",
    "conge_formation": "formation",
}
_ABSENCE = re.compile(
    r"^(?:nb_|nombre_de_|nombre_d_|nombre_)?(?:jours_)?(?:d_)?(?:absences?|abs)(?:_(?:pour|de|en|du|d))?_(.+?)"
    r"(?:_en_jours|_jours|_j)?$"
)


def _colonne_canonique(entete: Any) -> tuple[str, str | None] | None:
    """(canonique, code d'absence ou None) d'un en-tête ; None s'il n'est pas reconnu."""
    n = _normaliser(entete)
    if not n:
        return None
    candidats = [n]
    for p in _PREFIXES:
        if n.startswith(p):
            candidats.append(n[len(p):])
    for c in list(candidats):
        if _ANNEE.search(c):
            candidats.append(_ANNEE.sub("", c))
    for c in list(candidats):
        for s in _SUFFIXES:
            if c.endswith(s):
                candidats.append(c[: -len(s)])
    for c in candidats:
        if c in _CANONIQUE:
            return _CANONIQUE[c], None
    m = _ABSENCE.match(n)
    if m:
        brut = m.group(1)
        code = SYNONYMES_ABSENCES.get(brut, brut)
        return f"absences_{code}", code
    for c in candidats:  # « Congé maternité (j) », « Maladie (jours) » : un motif d'absence seul
        if c in SYNONYMES_ABSENCES and c not in ("cp", "css", "ap", "at", "mp"):
            code = SYNONYMES_ABSENCES[c]
            return f"absences_{code}", code
    return None


# --------------------------------------------------------------------------------------------------
# Valeurs de cellules
# --------------------------------------------------------------------------------------------------

def _vide(v: Any) -> bool:
    if type(v) is str:  # le cas de chaque cellule d'un CSV : « not v.strip() » sans créer de texte
        return not v or v.isspace()
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    return isinstance(v, str) and not v.strip()


def _texte(v: Any) -> str:
    """La valeur telle que l'utilisateur la voit (pour les messages)."""
    if _vide(v):
        return ""
    if isinstance(v, datetime):
        return v.strftime("%d/%m/%Y") if v.time() == datetime.min.time() else v.isoformat(sep=" ")
    if isinstance(v, date):
        return v.strftime("%d/%m/%Y")
    if isinstance(v, float):
        return repr(v).removesuffix(".0") if v.is_integer() else repr(v).replace(".", ",")
    return str(v).strip()


def _format_euros(centimes: int) -> str:
    """-120000 → « -1 200,00 » (messages)."""
    signe = "-" if centimes < 0 else ""
    c = abs(centimes)
    return f"{signe}{c // 100:,}".replace(",", " ") + f",{c % 100:02d}"


_ESPACES = dict.fromkeys(map(ord, " \u00a0\u202f\u2009\u2007'’\t"), None)
_MILLIERS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")


_DEVISE_FIN = re.compile(r"(?i)(€|eur(?:os?)?)$")
_DEVISE_DEBUT = re.compile(r"(?i)^(€|eur)")
_CHIFFRES = re.compile(r"\d+(?:\.\d*)?|\.\d+")


def _decimal(v: Any) -> tuple[Decimal, bool]:
    """Nombre d'une cellule → (Decimal exact, venait d'un float). Lève _Valeur si illisible."""
    if isinstance(v, bool):
        raise _Valeur("nombre attendu")
    if isinstance(v, int):
        return Decimal(v), False
    if isinstance(v, float):
        if not math.isfinite(v):
            raise _Valeur("nombre attendu")
        return Decimal(repr(v)), True
    if isinstance(v, Decimal):
        return v, False
    if isinstance(v, date | datetime):
        raise _Valeur("une date n'est pas un nombre")
    s = str(v).strip()
    negatif = False
    if s.startswith("(") and s.endswith(")"):
        negatif, s = True, s[1:-1]
    s = s.translate(_ESPACES)
    s = _DEVISE_FIN.sub("", s)
    s = _DEVISE_DEBUT.sub("", s)
    if s[:1] in ("-", "−", "\u2013"):
        negatif, s = not negatif, s[1:]
    elif s[:1] == "+":
        s = s[1:]
    if "," in s and "." in s:
        decimal_sep = "," if s.rfind(",") > s.rfind(".") else "."
        milliers = "." if decimal_sep == "," else ","
        entier, _, fraction = s.rpartition(decimal_sep)
        if not _MILLIERS.match(entier) or milliers not in entier:
            raise _Valeur("nombre illisible")
        s = entier.replace(milliers, "") + "." + fraction
    elif s.count(",") > 1 or s.count(".") > 1:
        sep = "," if "," in s else "."
        if not _MILLIERS.match(s):
            raise _Valeur("nombre illisible")
        s = s.replace(sep, "")
    else:
        s = s.replace(",", ".")
    if not _CHIFFRES.fullmatch(s):
        raise _Valeur("nombre illisible")
    try:
        d = Decimal(s)
    except InvalidOperation as exc:  # pragma: no cover - exclu par l'expression régulière
        raise _Valeur("nombre illisible") from exc
    return (-d if negatif else d), False


#: L'écriture d'un montant la plus courante (« 32500 », « 32 500,00 », « 1 234,5 ») : lue sans Decimal, avec le même
#: résultat que ``_decimal`` (au plus 18 chiffres : int() n'approche jamais sa limite de chiffres).
_MONTANT_SIMPLE = re.compile(r"([0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3}){1,5}|[0-9]{1,18})(?:,([0-9]{1,2}))?")
_SANS_ESPACES = dict.fromkeys(map(ord, " \u00a0\u202f"), None)


def _centimes(v: Any) -> int:
    """Montant en euros → centimes entiers (peut être négatif : l'appelant le refuse avec son message)."""
    if type(v) is str:
        m = _MONTANT_SIMPLE.fullmatch(v)
        if m is not None:
            entier, fraction = m.groups()
            centimes = int(entier.translate(_SANS_ESPACES)) * 100
            if fraction:
                centimes += int(fraction) * (10 if len(fraction) == 1 else 1)
            return centimes
    try:
        d, flottant = _decimal(v)
    except _Valeur as exc:
        raise _Valeur("montant illisible ; indiquez un nombre en euros, par exemple 32 500,00") from exc
    c = d * 100
    entier = c.to_integral_value()
    if c != entier:
        # Une cellule XLSX calculée (0,1 + 0,2) peut porter une poussière binaire : tolérée sous 1e-6 centime.
        if not (flottant and abs(c - entier) < Decimal("1e-6")):
            raise _Valeur("montant au-delà du centime ; indiquez au plus deux décimales")
    return int(entier)


_ENTIER_SIMPLE = re.compile(r"[0-9]{1,9}")


def _jours(v: Any) -> int:
    if type(v) is str and _ENTIER_SIMPLE.fullmatch(v):
        return int(v)  # même nombre que Decimal(v) : chiffres seuls, ni signe ni espace
    try:
        d, _ = _decimal(v)
    except _Valeur:
        raise _Valeur("nombre entier de jours attendu") from None
    if d != d.to_integral_value():
        raise _Valeur("nombre de jours non entier ; indiquez un nombre entier de jours")
    if d < 0:
        raise _Valeur(f"nombre de jours négatif ({int(d)}) ; indiquez un nombre positif ou nul", cite=True)
    return int(d)


#: Valeur d'une cellule (texte court) → résultat, pour les colonnes aux quelques valeurs répétées (temps de travail,
#: qualité) : le calcul est fait une fois par valeur distincte ; une valeur refusée n'est jamais gardée (l'erreur
#: est recalculée, avec son message, à chaque cellule). Borné : un fichier hostile n'y fait pas grossir la mémoire.
_MEMOIRE_MAX = 4_096


def _memoise(calcul: Any) -> Any:
    memoire: dict[str, Any] = {}

    def memoise(v: Any) -> Any:
        if type(v) is not str or len(v) > 40:
            return calcul(v)
        resultat = memoire.get(v)
        if resultat is None:
            resultat = calcul(v)
            if len(memoire) < _MEMOIRE_MAX:
                memoire[v] = resultat
        return resultat
    memoise.__doc__ = calcul.__doc__
    return memoise


def _temps_travail(v: Any) -> Decimal:
    conseil = "indiquez une fraction entre 0 et 1 (0,8) ou un pourcentage (80 %)"
    pourcentage = isinstance(v, str) and v.strip().endswith("%")
    try:
        d, flottant = _decimal(v.strip().rstrip("%") if pourcentage else v)
    except _Valeur:
        raise _Valeur(f"temps de travail illisible ; {conseil}") from None
    if pourcentage:
        d = d / 100
    if flottant:
        d = d.quantize(Decimal("1e-9")).normalize()
    if not Decimal(0) < d <= 1:
        raise _Valeur(f"temps de travail hors limites ; {conseil}")
    return d


_temps_travail = _memoise(_temps_travail)


_FORMATS_DATE = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d")
_ORIGINE_EXCEL = date(1899, 12, 30)


_DATE_SIMPLE = re.compile(r"[0-9]{2}/[0-9]{2}/[0-9]{4}")


def _date(v: Any) -> date:
    if type(v) is str and _DATE_SIMPLE.fullmatch(v):
        try:  # « 22/03/2004 » : le premier format essayé (%d/%m/%Y), sans strptime
            return date(int(v[6:]), int(v[3:5]), int(v[:2]))
        except ValueError:
            pass  # date inexistante : le chemin ordinaire donne le message
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, int | float) and not isinstance(v, bool):
        # Numéro de série Excel (cellule de date sans format) : 1 = 31/12/1899.
        if float(v).is_integer() and 1 <= v <= 2_958_465:
            return _ORIGINE_EXCEL + timedelta(days=int(v))
        raise _Valeur("date illisible ; format attendu JJ/MM/AAAA")
    s = str(v).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]00:00(:00)?", s):
        s = s[:10]
    for fmt in _FORMATS_DATE:
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise _Valeur("date illisible ; format attendu JJ/MM/AAAA (ou AAAA-MM-JJ)")


_QUALITES = {
    **dict.fromkeys(
        ("salarie", "salariee", "employe", "employee", "ouvrier", "ouvriere", "cadre", "non_cadre", "etam",
         "agent_de_maitrise", "technicien", "apprenti", "apprentie", "cdd", "cdi", "alternant", "alternante"),
        "salarie",
    ),
    **dict.fromkeys(
        ("dirigeant", "dirigeante", "president", "presidente", "pdg", "directeur_general", "directrice_generale",
         "dg", "dgd", "directeur_general_delegue", "directrice_generale_deleguee", "gerant", "gerante",
         "cogerant", "co_gerant", "chef_d_entreprise", "chef_entreprise", "mandataire_social",
         "membre_du_directoire", "membre_directoire"),
        "dirigeant",
    ),
    **dict.fromkeys(
        ("conjoint", "conjointe", "conjoint_collaborateur", "conjointe_collaboratrice", "conjoint_associe",
         "conjointe_associee", "partenaire_pacs", "pacs", "conjoint_pacs", "partenaire_lie_par_un_pacs"),
        "conjoint",
    ),
}


def _qualite(v: Any) -> str:
    q = _QUALITES.get(_normaliser(v))
    if q is None:
        raise _Valeur("qualité inconnue ; valeurs possibles : salarie, dirigeant, conjoint")
    return q


_qualite = _memoise(_qualite)


def _identifiant(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    texte = nettoyer_texte(str(v), une_ligne=True)
    if len(texte) > TEXTE_MAX:
        raise _Valeur(f"texte trop long ({len(texte)} caractères ; au plus {TEXTE_MAX})", cite=True)
    return texte


# --------------------------------------------------------------------------------------------------
# Octets, format, texte
# --------------------------------------------------------------------------------------------------

def _taille(octets: int) -> str:
    return f"{octets / 1_000_000:.1f} Mo".replace(".", ",")


def _lire_octets(source: Any, nom_fichier: str | None, taille_max: int) -> tuple[bytes, str | None]:
    nom = nom_fichier or (Path(source).name if isinstance(source, str | Path) else None)
    try:
        donnees, _ = lire_octets(source, nom, taille_max)
    except ErreurEntree as exc:
        raise _Fichier(exc.message) from None
    return donnees, nom or (getattr(source, "name", None) if hasattr(source, "read") else None)


def _extension(nom: str | None) -> str:
    return Path(nom).suffix.lower() if nom else ""


def _decoder(donnees: bytes) -> tuple[str, str]:
    """Texte et nom de l'encodage. Lève _Fichier pour un contenu binaire."""
    if donnees.startswith(b"\xef\xbb\xbf"):
        candidats = ["utf-8-sig"]
    elif donnees.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidats = ["utf-16"]
    else:
        candidats = ["utf-8", "cp1252"]
    for encodage in candidats:
        try:
            texte = donnees.decode(encodage)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _Fichier(_MESSAGE_BINAIRE)
    controles = sum(1 for c in texte[:100_000] if (ord(c) < 32 and c not in "\t\r\n\x0c") or c == "\x7f")
    if "\x00" in texte or controles > max(2, len(texte[:100_000]) // 200):
        raise _Fichier(_MESSAGE_BINAIRE)
    return texte, {"utf-8-sig": "UTF-8 (avec BOM)", "utf-8": "UTF-8", "cp1252": "Windows-1252",
                   "utf-16": "UTF-16"}[encodage]


_MESSAGE_BINAIRE = (
    "Le fichier n'est ni un CSV ni un classeur XLSX lisible (contenu binaire ou encodage inconnu). "
    "Enregistrez-le depuis votre tableur au format « CSV (séparateur : point-virgule) » ou « Classeur Excel (.xlsx) »."
)


def _separateur(texte: str) -> str:
    """Le séparateur le plus fréquent hors guillemets sur une ligne, parmi les dix premières lignes non vides (un
    titre d'export peut précéder l'en-tête) ; « ; » à égalité."""
    # Le premier mégaoctet suffit : découper tout le texte coûtait des secondes sur 19 Mo de lignes minuscules.
    lignes = [ligne for ligne in texte[:1_000_000].splitlines()[:50] if ligne.strip()][:10]
    comptes = {";": 0, ",": 0, "\t": 0}
    for ligne in lignes:
        ici = dict.fromkeys(comptes, 0)
        dedans = False
        for c in ligne:
            if c == '"':
                dedans = not dedans
            elif not dedans and c in ici:
                ici[c] += 1
        if max(ici.values()) >= 2 or ligne is lignes[-1]:
            comptes = ici
            break
    meilleur = max(comptes.values())
    return next(s for s in (";", "\t", ",") if comptes[s] == meilleur)


def _trop_de_lignes() -> _Fichier:
    return _Fichier(f"Le fichier compte plus de {_nombre_fr(LIGNES_MAX, 0)} lignes : c'est au-delà du plus grand "
                    "effectif admis (interessement/bornes.py, SALARIES_MAX). Vérifiez qu'il ne contient que les "
                    "salariés de l'entreprise, ou découpez-le.")


def _trop_de_colonnes(ligne: int, n: int) -> _Fichier:
    return _Fichier(f"La ligne {ligne} compte {_nombre_fr(n, 0)} colonnes (au plus {COLONNES_MAX}) : ce n'est pas "
                    "un fichier des salariés ; vérifiez le séparateur ou enregistrez de nouveau le fichier.")


def _lignes_csv(texte: str | list[str], separateur: str) -> list[list[str]]:
    """Les lignes brutes d'un texte CSV, ou de ses morceaux (coupés après un « \\n », jamais entre « \\r » et
    « \\n » : ce sont les mêmes lignes ; chaque morceau est rendu à la mémoire dès qu'il est lu)."""
    # Bornes vérifiées pendant la lecture : un CSV de 19,5 Mo fait de lignes minuscules coûtait des minutes.
    lignes: list[list[str]] = []
    morceaux = [texte] if isinstance(texte, str) else texte
    del texte

    def lignes_physiques() -> Iterator[str]:
        while morceaux:
            yield from io.StringIO(morceaux.pop(0), newline="")

    def physiques() -> Iterable[str]:
        # Une ligne de 19 Mo de séparateurs est refusée avant que csv n'en fasse une liste de 19 millions de cases
        # (4 × la borne : des séparateurs entre guillemets restent admis).
        for numero, ligne in enumerate(lignes_physiques(), start=1):
            if len(ligne) > 4 * COLONNES_MAX and ligne.count(separateur) > 4 * COLONNES_MAX:
                raise _trop_de_colonnes(numero, ligne.count(separateur) + 1)
            yield ligne

    try:
        for numero, ligne in enumerate(csv.reader(physiques(), delimiter=separateur, quotechar='"'), start=1):
            if len(ligne) > COLONNES_MAX:
                raise _trop_de_colonnes(numero, len(ligne))
            if numero > LIGNES_MAX:
                raise _trop_de_lignes()
            lignes.append(ligne)
    except csv.Error as exc:
        raise _Fichier(f"Le fichier CSV est mal formé ({exc}) : vérifiez les guillemets.") from None
    return lignes


def _verifier_archive(archive: zipfile.ZipFile) -> None:
    """Refuse une « bombe ZIP » avant toute décompression : taille décompressée totale et taux de compression
    de chaque partie, d'après l'annuaire du ZIP (zipfile ne décompresse jamais au-delà de la taille annoncée)."""
    infos = archive.infolist()
    total = sum(i.file_size for i in infos)
    if total > XLSX_DECOMPRESSE_MAX:
        raise _Fichier(f"Le classeur XLSX se décompresse en {_taille(total)} (au plus {_taille(XLSX_DECOMPRESSE_MAX)}) "
                       ": c'est bien au-delà d'un fichier des salariés. Enregistrez la seule feuille des salariés, "
                       "ou au format CSV.")
    for i in infos:
        if i.file_size > 1_000_000 and i.file_size > XLSX_COMPRESSION_MAX * max(1, i.compress_size):
            raise _Fichier(f"Le classeur XLSX contient une partie anormalement compressée (« {i.filename} » : "
                           f"{_taille(i.compress_size)} qui en font {_taille(i.file_size)}) : fichier refusé. "
                           "Enregistrez-le de nouveau depuis votre tableur, ou au format CSV.")


def _lignes_xlsx(donnees: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook  # import tardif : openpyxl n'est utile qu'aux classeurs

    try:
        with zipfile.ZipFile(io.BytesIO(donnees)) as archive:
            noms = set(archive.namelist())
            if "xl/workbook.xml" not in noms:
                if "mimetype" in noms and b"opendocument" in archive.read("mimetype"):
                    raise _Fichier("Le format OpenDocument (.ods) n'est pas pris en charge : enregistrez le "
                                   "classeur au format .xlsx ou CSV (séparateur point-virgule).")
                raise _Fichier("Le fichier est une archive ZIP mais pas un classeur XLSX.")
            _verifier_archive(archive)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # styles par défaut absents, extensions inconnues : sans effet ici
            # Lecture en continu (read_only) : une seule cellule annoncée en XFD1048576 ne crée pas un tableau
            # d'un milliard de cases ; les dimensions déclarées par le fichier sont ignorées.
            classeur = load_workbook(io.BytesIO(donnees), read_only=True, data_only=True)
            try:
                feuille = classeur.worksheets[0]
                feuille.reset_dimensions()
                lignes: list[list[Any]] = []
                vide: list[Any] = []  # une même liste pour toutes les lignes vides (numérotation gardée)
                remplies = 0
                for numero, ligne in enumerate(feuille.iter_rows(values_only=True), start=1):
                    if not ligne and numero <= XLSX_LIGNES_MAX:  # ligne absente du fichier : rien à examiner
                        lignes.append(vide)
                        continue
                    if numero > XLSX_LIGNES_MAX:
                        raise _Fichier(f"La feuille annonce des lignes au-delà de la ligne "
                                       f"{_nombre_fr(XLSX_LIGNES_MAX, 0)}, la limite d'Excel : fichier forgé ou "
                                       "endommagé. Enregistrez-le de nouveau depuis votre tableur, ou au format CSV.")
                    if len(ligne) > COLONNES_MAX:
                        raise _trop_de_colonnes(numero, len(ligne))
                    cellules = [None if _vide(v) else v for v in ligne]
                    if any(v is not None for v in cellules):
                        remplies += 1
                        if remplies > LIGNES_MAX:
                            raise _trop_de_lignes()
                        lignes.append(cellules)
                    else:
                        lignes.append(vide)
            finally:
                classeur.close()
    except _Fichier:
        raise
    except Exception as exc:  # noqa: BLE001 - tout échec de lecture devient un message français
        raise _Fichier(f"Le classeur XLSX est illisible ou endommagé ({type(exc).__name__}). "
                       "Ouvrez-le dans votre tableur et enregistrez-le de nouveau.") from None
    return lignes


# --------------------------------------------------------------------------------------------------
# Lecture
# --------------------------------------------------------------------------------------------------

Exercice = tuple[date, date]


def _lignes(source: Any, nom_fichier: str | None, taille_max: int, lecture: LectureSalaries) -> list[list[Any]]:
    """Les lignes brutes (cellules) du fichier ; lève _Fichier."""
    contenu = _contenu(source, nom_fichier, taille_max, lecture)
    if isinstance(contenu, str):
        return _lignes_csv(contenu, lecture.separateur or ";")
    return contenu


def _contenu(source: Any, nom_fichier: str | None, taille_max: int, lecture: LectureSalaries) -> str | list[list[Any]]:
    """Le texte d'un CSV (``lecture.separateur`` deviné), ou les lignes brutes d'un classeur ; lève _Fichier."""
    donnees, nom = _lire_octets(source, nom_fichier, taille_max)
    ext = _extension(nom)
    if not donnees.strip(b" \t\r\n\x00") or donnees in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        raise _Fichier("Le fichier est vide.")
    if donnees.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise _Fichier("Le format Excel 97-2003 (.xls) n'est pas pris en charge : enregistrez le classeur "
                       "au format .xlsx ou CSV (séparateur point-virgule).")
    if donnees.startswith(b"PK\x03\x04"):
        lecture.format = "xlsx"
        return _lignes_xlsx(donnees)
    if ext in (".xlsx", ".xlsm"):
        raise _Fichier(f"« {nom} » porte l'extension {ext} mais n'est pas un classeur XLSX valide.")
    lecture.format = "csv"
    texte, lecture.encodage = _decoder(donnees)
    lecture.separateur = _separateur(texte)
    return texte


#: Caractères examinés au plus pour trouver l'en-tête d'un CSV lu par morceaux (ses dix premières lignes non vides).
_TETE_MAX = 1_000_000
_FIN_DE_LIGNE = re.compile(r"\r\n?|\n")


def _csv_par_morceaux(boite: list[str], lecture: LectureSalaries, exercice: Exercice | None,
                      correspondance: dict[str, str | None], presents_tout_l_exercice: bool
                      ) -> LectureSalaries | tuple[str | list[str], bool]:
    """La lecture d'un CSV sans guillemets (le cas des exports de paie) par morceaux de texte : l'en-tête cherché
    dans les premières lignes, puis chaque morceau découpé en colonnes et lu par ``_par_colonnes``, sans jamais tenir
    à la fois tout le texte, toutes ses lignes et toutes leurs cellules (300 000 salariés : 500 → 250 Mo, 2 s → 1 s).

    ``boite`` : une liste qui tient le seul renvoi au texte (vidée ici : le texte entier est rendu à la mémoire dès
    qu'il est découpé). Rend la lecture faite, ou ``(texte, par_colonnes)`` pour le chemin ordinaire (csv.reader puis
    ``_analyser``), qui donne chaque message (le texte, ou ses morceaux), et ``par_colonnes`` faux si la lecture par colonnes a déjà renoncé sur ces
    données. Mêmes salariés, mêmes avertissements que le chemin ordinaire : tests/test_fichiers_salaries.py."""
    texte = boite.pop()
    separateur = lecture.separateur or ";"
    if not (_PAR_COLONNES and _RAPIDE_POSSIBLE) or '"' in texte:
        return texte, True
    # L'en-tête : les lignes jusqu'à la dixième non vide (csv.reader les lit comme le chemin ordinaire).
    fins: list[int] = []
    non_vides = 0
    for m in _FIN_DE_LIGNE.finditer(texte, 0, _TETE_MAX):
        ligne = texte[fins[-1] if fins else 0:m.start()]
        fins.append(m.end())
        non_vides += not _ligne_blanche(ligne, separateur)
        if non_vides >= 10:
            break
    else:  # moins de dix lignes non vides dans ce qui a été examiné
        if len(texte) > _TETE_MAX:
            return texte, True  # des lignes démesurées avant l'en-tête : le chemin ordinaire
        if not fins or fins[-1] < len(texte):
            fins.append(len(texte))  # la dernière ligne, sans fin de ligne
    m = None  # (un résultat de recherche tient le texte entier)
    if texte[fins[-1] - 1:fins[-1] + 1] == "\r\n":
        return texte, True  # « \r\n » coupé par la limite de l'examen : le chemin ordinaire
    essai = LectureSalaries(salaries=[], erreurs=[], format=lecture.format, encodage=lecture.encodage,
                            separateur=lecture.separateur)
    try:
        tete = _lignes_csv(texte[:fins[-1]], separateur)
        debut, colonnes = _entete(tete, essai, exercice, correspondance, presents_tout_l_exercice)
    except _Fichier:
        return texte, True  # le chemin ordinaire en donne le message (après ce qu'il aurait dit avant)
    presentes = {canon for canon, _ in colonnes.values()}
    nb_entetes = len(tete[debut])
    jours_calcules = "jours_inscrits" not in presentes
    # Les données, par morceaux de lignes entières (coupés après un « \n » : jamais entre « \r » et « \n »).
    depart = fins[debut]
    avant, morceaux = texte[:depart], []
    while depart < len(texte):
        fin = texte.find("\n", depart + _MORCEAU)
        fin = len(texte) if fin < 0 else fin + 1
        morceaux.append(texte[depart:fin])  # chaque morceau n'a que la largeur de ses propres caractères
        depart = fin
    del texte
    sans_entree = _par_colonnes(_morceaux_de_texte(morceaux, separateur, nb_entetes, debut + 1), debut, colonnes,
                                essai, exercice, jours_calcules)
    if sans_entree is None:
        return [avant, *morceaux], False
    _avertir_calculs(essai, presentes, exercice, jours_calcules, sans_entree, {})
    return essai


def lire_fichier_salaries(
    source: str | Path | bytes | BinaryIO,
    nom_fichier: str | None = None,
    taille_max_octets: int = TAILLE_MAX_OCTETS,
    *,
    exercice: Exercice | None = None,
    correspondance: dict[str, str | None] | None = None,
    presents_tout_l_exercice: bool = False,
) -> LectureSalaries:
    """Lit un fichier de salariés CSV ou XLSX. ``source`` : chemin (str ou Path), octets, ou fichier
    ouvert en binaire ; ``nom_fichier`` sert à reconnaître le format (.csv/.xlsx) quand ``source`` est
    des octets, le contenu étant de toute façon examiné (signature ZIP d'un XLSX).

    ``exercice`` (début, fin) : sans colonne de jours d'inscription, ils sont calculés des dates d'entrée et de
    sortie (une date absente : inscrit dès le début, ou jusqu'à la fin, de l'exercice ; c'est dit dans les
    avertissements). ``presents_tout_l_exercice`` : sans jours ni dates, chacun compte l'exercice entier (à la
    demande expresse de l'utilisateur). ``correspondance`` : en-tête du fichier → colonne (clé de ``LIBELLES``)
    ou ``None`` pour l'ignorer, appliquée avant la reconnaissance automatique.

    Ne lève pas d'exception pour une entrée fautive : tout est dans ``erreurs``."""
    lecture = LectureSalaries(salaries=[], erreurs=[])
    try:
        with sans_ramasse_miettes():
            contenu = _contenu(source, nom_fichier, taille_max_octets, lecture)
            par_colonnes = True
            if isinstance(contenu, str):
                boite, contenu = [contenu], None  # le texte n'est tenu que par la boîte (rendu dès qu'il est découpé)
                lu = _csv_par_morceaux(boite, lecture, exercice, correspondance or {}, presents_tout_l_exercice)
                if isinstance(lu, LectureSalaries):
                    return lu
                texte, par_colonnes = lu
                del lu
                contenu = _lignes_csv(texte, lecture.separateur or ";")
                del texte
            _analyser(contenu, lecture, exercice, correspondance or {}, presents_tout_l_exercice, par_colonnes)
    except _Colonnes as exc:
        lecture.salaries = []
        lecture.manquantes = exc.manquantes
        lecture.erreurs = [ErreurLigne(0, "", "", str(exc))]
    except _Fichier as exc:
        lecture.salaries = []
        lecture.erreurs = [ErreurLigne(0, "", "", str(exc))]
    return lecture


@dataclass
class Apercu:
    """De quoi montrer l'écran de correspondance : les en-têtes du fichier, quelques lignes (textes), la colonne
    reconnue pour chaque en-tête (ou None) et les colonnes nécessaires qui manquent. ``erreur`` : le fichier
    est illisible (message français)."""

    entetes: list[str] = field(default_factory=list)
    exemples: list[list[str]] = field(default_factory=list)
    reconnues: dict[str, str | None] = field(default_factory=dict)
    manquantes: list[str] = field(default_factory=list)
    ligne_entete: int = 0
    erreur: str | None = None


def apercu(
    source: str | Path | bytes | BinaryIO,
    nom_fichier: str | None = None,
    *,
    correspondance: dict[str, str | None] | None = None,
    exercice: Exercice | None = None,
    presents_tout_l_exercice: bool = False,
    lignes: int = 5,
    taille_max_octets: int = TAILLE_MAX_OCTETS,
) -> Apercu:
    """Les en-têtes du fichier, ``lignes`` premières lignes de données et la colonne reconnue de chaque en-tête
    (après ``correspondance``), pour que l'utilisateur rattache ce qui n'est pas reconnu."""
    lecture = LectureSalaries(salaries=[], erreurs=[])
    resultat = Apercu()
    try:
        toutes = _lignes(source, nom_fichier, taille_max_octets, lecture)
        debut, colonnes, _ = _choisir_entete(toutes, correspondance or {})
    except _Fichier as exc:
        resultat.erreur = str(exc)
        return resultat
    entete = toutes[debut]
    largeur = max((j + 1 for j, v in enumerate(entete) if not _vide(v)), default=0)
    resultat.ligne_entete = debut + 1
    resultat.entetes = [_texte(v) for v in entete[:largeur]]
    resultat.reconnues = {h: None for h in resultat.entetes if h}
    for j, (canon, _) in colonnes.items():
        resultat.reconnues[_texte(entete[j])] = canon
    for ligne in toutes[debut + 1:]:
        if len(resultat.exemples) >= lignes:
            break
        if any(not _vide(v) for v in ligne):
            resultat.exemples.append([_texte(ligne[j]) if j < len(ligne) else "" for j in range(largeur)])
    resultat.manquantes = _manquantes({c for c, _ in colonnes.values()}, exercice, presents_tout_l_exercice)
    return resultat


def _reconnaitre(ligne: list[Any], correspondance: dict[str, str | None]
                 ) -> tuple[dict[int, tuple[str, str | None]], list[str], list[str]]:
    """(indice → (colonne, code d'absence), en-têtes inconnus, en-têtes ignorés à la demande)."""
    colonnes: dict[int, tuple[str, str | None]] = {}
    inconnues, ignorees = [], []
    for j, entete in enumerate(ligne):
        if _vide(entete):
            continue
        texte = _texte(entete)
        if texte in correspondance:
            cible = correspondance[texte]
            if not cible:
                ignorees.append(texte)
                continue
            if cible in LIBELLES or cible.startswith("absences_"):
                colonnes[j] = (cible, cible[len("absences_"):] if cible.startswith("absences_") else None)
                continue
        reconnu = _colonne_canonique(entete)
        if reconnu is None:
            inconnues.append(texte)
        else:
            colonnes[j] = reconnu
    return colonnes, inconnues, ignorees


def _choisir_entete(lignes: list[list[Any]], correspondance: dict[str, str | None]
                    ) -> tuple[int, dict[int, tuple[str, str | None]], tuple[list[str], list[str]]]:
    """La ligne d'en-tête : la première des dix premières lignes non vides qui a au moins deux colonnes
    reconnues (sinon la première non vide)."""
    # Les dix premières seulement (un générateur : 300 000 lignes n'ont pas à être toutes examinées).
    candidates = list(itertools.islice((i for i, ligne in enumerate(lignes) if not all(map(_vide, ligne))), 10))
    if not candidates:
        raise _Fichier("Le fichier est vide.")
    for i in candidates:
        colonnes, inconnues, ignorees = _reconnaitre(lignes[i], correspondance)
        if len(colonnes) >= 2:
            return i, colonnes, (inconnues, ignorees)
    colonnes, inconnues, ignorees = _reconnaitre(lignes[candidates[0]], correspondance)
    return candidates[0], colonnes, (inconnues, ignorees)


def _manquantes(presentes: set[str], exercice: Exercice | None, presents_tout_l_exercice: bool) -> list[str]:
    manquantes = [c for c in COLONNES_OBLIGATOIRES if c not in presentes]
    if "jours_inscrits" not in presentes:
        dates = bool({"date_entree", "date_sortie"} & presentes)
        if exercice is None or not (dates or presents_tout_l_exercice):
            manquantes.append("jours_inscrits")
    return manquantes


def _entete(lignes: list[list[Any]], lecture: LectureSalaries, exercice: Exercice | None,
            correspondance: dict[str, str | None], presents_tout_l_exercice: bool
            ) -> tuple[int, dict[int, tuple[str, str | None]]]:
    """Indice de la ligne d'en-tête et colonnes reconnues (indice → (canonique, code d'absence))."""
    debut, colonnes, (inconnues, _) = _choisir_entete(lignes, correspondance)
    entete = lignes[debut]
    lecture.ligne_entete = debut + 1
    lecture.entetes = [_texte(v) for v in entete]
    lecture.inconnues = inconnues
    vues: dict[str, str] = {}
    for j, (canon, _) in sorted(colonnes.items()):
        texte = _texte(entete[j])
        if canon in vues:
            raise _Fichier(f"Les colonnes « {vues[canon]} » et « {texte} » désignent toutes deux "
                           f"« {LIBELLES.get(canon, canon)} » : gardez-en une seule (ou rattachez l'une d'elles à "
                           "une autre colonne, ou ignorez-la).")
        vues[canon] = texte
    manquantes = _manquantes(set(vues), exercice, presents_tout_l_exercice)
    if manquantes:
        trouvees = ", ".join(f"« {_texte(v)} »" for v in entete if not _vide(v)) or "aucune"
        conseil = ""
        if len([v for v in entete if not _vide(v)]) == 1 and lecture.format == "csv":
            conseil = " Une seule colonne a été lue : le séparateur doit être « ; » ou « , »."
        noms = []
        for m in manquantes:
            if m == "jours_inscrits":
                noms.append("« Jours d'inscription à l'effectif » (ou les dates d'entrée et de sortie"
                            + (")" if exercice is not None else ", avec l'exercice)"))
            else:
                noms.append(f"« {LIBELLES.get(m, m)} »")
        raise _Colonnes(
            f"Colonne(s) nécessaire(s) introuvable(s) : {', '.join(noms)}. Colonnes trouvées (ligne "
            f"{debut + 1}) : {trouvees}.{conseil} Rattachez les colonnes de votre fichier, ou reprenez le modèle "
            "CSV (Matricule ; Nom ; Salaire brut ; Jours inscrits ; Date d'entrée ; Date de sortie…).",
            manquantes,
        )
    lecture.colonnes = vues
    for nom in inconnues:
        lecture.avertissements.append(f"Colonne ignorée : « {nom} » (non reconnue).")
    for canon, code in colonnes.values():
        if code is not None and code not in CODES_ABSENCES:
            lecture.avertissements.append(
                f"Motif d'absence « {code} » (colonne « {vues[canon]} ») inconnu : ces jours comptent comme des "
                "absences non assimilées à de la présence, sauf si l'accord cite ce motif."
            )
    if "motif_absence" in vues and "absences" not in vues:
        lecture.avertissements.append(f"Colonne « {vues['motif_absence']} » ignorée : aucune colonne de jours "
                                      "d'absence ne l'accompagne.")
    return debut, colonnes


def _avec_valeur(message: str, texte: str) -> str:
    """« montant illisible ; conseil » → « montant illisible (« 12a ») ; conseil. »"""
    if texte and texte not in message:
        tete, sep, reste = message.partition(" ; ")
        message = f"{tete} (« {texte} »){sep}{reste}"
    return message if message.endswith(".") else message + "."


_CONSEILS_MANQUANT = {
    "identifiant": "chaque ligne doit avoir un identifiant (matricule) unique",
    "salaire_brut": "indiquez le salaire brut de l'exercice en euros (par exemple 32 500,00)",
    "jours_inscrits": "indiquez le nombre de jours d'inscription à l'effectif pendant l'exercice",
}
_NEGATIFS = {
    "salaire_brut": "indiquez un salaire brut positif ou nul",
    "montant_verse": "indiquez un montant versé positif ou nul",
    "remuneration_n1": "indiquez une rémunération positive ou nulle",
    "deja_attribue_exercice": "indiquez le montant déjà attribué au titre de l'exercice, positif ou nul",
    "avance_versee": "indiquez les avances déjà versées, positives ou nulles",
}
_LIGNES_TOTAL = {"total", "totaux", "total_general", "sous_total", "total_salaries", "totaux_generaux"}
_MOTIFS = {**SYNONYMES_ABSENCES, **{_normaliser(libelle): code for code, libelle in CODES_ABSENCES.items()},
           "conge_maladie": "maladie", "arret_de_travail": "maladie", "accident_de_trajet": "accident_trajet",
           "conge_parental": "conge_parental", "greve": "greve"}
SANS_MOTIF = "sans_motif"


def _ligne_de_total(valeur: Any) -> bool:
    """« Total », « Sous-total »… (tous commencent par t ou s : le test rapide évite de normaliser chaque ligne)."""
    return (isinstance(valeur, str) and valeur.lstrip()[:1] in ("T", "t", "S", "s")
            and _normaliser(valeur) in _LIGNES_TOTAL)


def _code_motif(valeur: Any) -> str:
    n = _normaliser(valeur)
    return _MOTIFS.get(n, n) or SANS_MOTIF


def _jours_exercice(entree: date | None, sortie: date | None, exercice: Exercice) -> int:
    debut, fin = exercice
    a, b = max(entree or debut, debut), min(sortie or fin, fin)
    return max(0, (b - a).days + 1)


_LIBEREE: list[Any] = []


# --------------------------------------------------------------------------------------------------
# Validation rapide d'une ligne correcte (le modèle reste juge de toute autre)
# --------------------------------------------------------------------------------------------------

#: Les champs de SalarieVersement et ce que la validation rapide en contrôle. Si le modèle change (champ ajouté,
#: retiré, validateur de modèle), la validation rapide se désactive d'elle-même : chaque ligne repasse par pydantic.
_CHAMPS_RAPIDES = {
    "identifiant": "texte", "nom": "texte_ou_rien", "qualite": "qualite", "salaire_brut_centimes": "centimes",
    "jours_inscrits": "jours", "absences": "absences", "temps_travail": "fraction", "date_entree": "jour",
    "date_sortie": "jour", "remuneration_n1_centimes": "centimes", "montant_verse_centimes": "centimes",
    "deja_attribue_exercice_centimes": "centimes", "avance_versee_centimes": "centimes",
    "anciennete_anterieure_jours": "anciennete",
}
_DEFAUTS = {nom: champ.get_default(call_default_factory=True) for nom, champ in SalarieVersement.model_fields.items()
            if not champ.is_required()}
_REQUIS = frozenset(("identifiant", "salaire_brut_centimes", "jours_inscrits", "absences"))
_RAPIDE_POSSIBLE = (tuple(SalarieVersement.model_fields) == tuple(_CHAMPS_RAPIDES)
                    and not SalarieVersement.__pydantic_decorators__.model_validators
                    and not SalarieVersement.__pydantic_decorators__.field_validators)
#: Un texte que le modèle garderait tel quel : ni caractère de contrôle, ni demi-paire UTF-16, ni séparateur de ligne
#: (nettoyer_texte n'y change rien), ni espace au début ou à la fin (str_strip_whitespace n'y change rien).
_TEXTE_SUR = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]"
                        r"(?:[^\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]*[^\s\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff])?")
_CODE_SUR = re.compile(r"[a-z0-9_]{1,100}")
_FRACTIONS_SURES: dict[tuple[Any, ...], Decimal] = {}


def _fraction_sure(d: Any) -> Decimal | None:
    """Le temps de travail tel que le modèle le rend, s'il l'accepte (vérifié par le modèle une fois par valeur)."""
    if type(d) is not Decimal:
        return None
    cle = d.as_tuple()
    sure = _FRACTIONS_SURES.get(cle)
    if sure is None:
        try:
            sure = SalarieVersement(identifiant="x", salaire_brut_centimes=0, jours_inscrits=0,
                                    temps_travail=d).temps_travail
        except ValidationError:
            return None
        if len(_FRACTIONS_SURES) < _MEMOIRE_MAX:
            _FRACTIONS_SURES[cle] = sure
    return sure


def _salarie_sur(salarie: dict[str, Any], numero: int) -> dict[str, Any] | None:
    """``{**SalarieVersement(**salarie).model_dump(), "ligne": numero}`` sans pydantic quand chaque valeur est de celles que le modèle
    accepte telles quelles (entiers dans leurs bornes, dates de DATE_MIN à DATE_MAX, textes sans rien à nettoyer) ;
    ``None`` sinon : la ligne passe alors par le modèle, qui dit ce qui ne va pas. 4 µs de moins par ligne (1,3 s
    sur 300 000 salariés) ; tests/test_fichiers_salaries.py compare les deux chemins."""
    if not _RAPIDE_POSSIBLE or not _REQUIS.issubset(salarie):
        return None
    convertis: dict[str, Any] = {}
    for nom, valeur in salarie.items():
        genre = _CHAMPS_RAPIDES.get(nom)
        if genre == "centimes":
            if type(valeur) is not int or not 0 <= valeur <= MONTANT_MAX_CENTIMES:
                return None
        elif genre == "jours":
            if type(valeur) is not int or not 0 <= valeur <= 400:
                return None
        elif genre == "texte" or genre == "texte_ou_rien":
            if valeur is None and genre == "texte_ou_rien":
                pass
            elif type(valeur) is not str or len(valeur) > TEXTE_MAX or not _TEXTE_SUR.fullmatch(valeur):
                return None
        elif genre == "absences":
            if type(valeur) is not dict:
                return None
            for code, jours in valeur.items():
                if type(code) is not str or not _CODE_SUR.fullmatch(code) or type(jours) is not int \
                        or not 0 <= jours <= 400:
                    return None
            convertis[nom] = dict(valeur)
        elif genre == "jour":
            if valeur is not None and (type(valeur) is not date or not DATE_MIN <= valeur <= DATE_MAX):
                return None
        elif genre == "fraction":
            sure = _fraction_sure(valeur)
            if sure is None:
                return None
            convertis[nom] = sure
        elif genre == "qualite":
            if valeur not in QUALITES or type(valeur) is not str:
                return None
        elif genre == "anciennete":
            if type(valeur) is not int or not 0 <= valeur <= 10_000:
                return None
        else:
            return None  # champ inconnu : le modèle le refuse (extra="forbid")
    # Dans l'ordre des champs du modèle, comme model_dump.
    return _SALARIE_DE_COLONNES(*[convertis[nom] if nom in convertis else salarie[nom] if nom in salarie
                                  else _DEFAUTS[nom] for nom in _CHAMPS_RAPIDES], numero)


#: Lecture par colonnes d'un fichier propre (voir ``_par_colonnes``) ; désactivable pour comparer (tests).
_PAR_COLONNES = True
_SIMPLES_OBLIGATOIRES = ("identifiant", "salaire_brut", "jours_inscrits")
#: Caractères d'un morceau de texte découpé d'un trait (lignes entières) ; lignes d'un morceau de lignes brutes.
_MORCEAU = 1_000_000
_LIGNES_PAR_MORCEAU = 20_000


class _PasPropre(Exception):
    """Une cellule demande le chemin ligne à ligne (erreur à dire, cas rare) : la lecture par colonnes renonce."""


@functools.lru_cache(maxsize=64)
def _fabrique_de_dicts(noms: tuple[str, ...]) -> Any:
    """Une fonction (v0, v1, …) → ``{noms[0]: v0, noms[1]: v1, …}``, un vrai ``dict``, dans cet ordre.

    Les dictionnaires rendus partagent leur table de clés (dictionnaires « à clés partagées » de CPython, PEP 412 : ce
    sont les ``__dict__`` d'objets d'une même classe, dont l'objet est aussitôt rendu à la mémoire) : 217 octets par
    salarié au lieu de 465 pour 15 clés, 97 au lieu de 185 pour deux codes d'absence ; 300 000 salariés tiennent en
    100 Mo de moins. Ils restent des ``dict`` ordinaires (égalité, copie, modification, JSON) ; un nom qui n'est pas
    un identifiant Python donne un dictionnaire ordinaire (même contenu, même ordre)."""
    if not noms or not all(n.isidentifier() and not keyword.iskeyword(n) for n in noms) or len(noms) > 30:
        return lambda *valeurs: dict(zip(noms, valeurs, strict=True))
    parametres = ", ".join(f"v{k}" for k in range(len(noms)))
    corps = "".join(f"    o.{nom} = v{k}\n" for k, nom in enumerate(noms))
    espace: dict[str, Any] = {"_nouveau": object.__new__, "_Ligne": type("_Ligne", (), {})}
    exec(f"def fabrique({parametres}):\n    o = _nouveau(_Ligne)\n{corps}    return o.__dict__\n",  # noqa: S102
         espace)  # texte construit ici des seuls noms vérifiés ci-dessus (identifiants Python)
    return espace["fabrique"]


#: Un salarié (dictionnaire aux clés de model_dump, puis « ligne ») de ses valeurs dans l'ordre des champs.
_SALARIE_DE_COLONNES = _fabrique_de_dicts((*_CHAMPS_RAPIDES, "ligne"))


def _salarie_de_modele(valeurs: dict[str, Any], numero: int) -> dict[str, Any]:
    """``{**valeurs, "ligne": numero}`` (valeurs : aux clés de model_dump, dans leur ordre)."""
    if _RAPIDE_POSSIBLE and len(valeurs) == len(_CHAMPS_RAPIDES) and list(valeurs) == _ORDRE_DES_CHAMPS:
        return _SALARIE_DE_COLONNES(*valeurs.values(), numero)
    return {**valeurs, "ligne": numero}


_ORDRE_DES_CHAMPS = list(_CHAMPS_RAPIDES)


def _colonne_simple(valeurs: Sequence[Any], conversion: Any, obligatoire: bool) -> list[Any]:
    """Chaque cellule convertie ; ``None`` pour une cellule vide facultative. ``_PasPropre`` à la première cellule
    vide obligatoire ou refusée (le chemin ligne à ligne en dira le message)."""
    sortie: list[Any] = []
    ajouter = sortie.append
    for v in valeurs:
        if not v or v.isspace():
            if obligatoire:
                raise _PasPropre
            ajouter(None)
            continue
        try:
            ajouter(conversion(v))
        except _Valeur:
            raise _PasPropre from None
    return sortie


def _colonne_par_valeurs(valeurs: Sequence[Any], conversion: Any, obligatoire: bool,
                         table: dict[Any, Any] | None = None) -> list[Any]:
    """Comme ``_colonne_simple``, chaque valeur distincte convertie une seule fois (dates, jours, temps de travail,
    qualité : quelques milliers de valeurs au plus pour 300 000 cellules). ``table`` : les valeurs déjà converties
    (d'un morceau précédent de la même colonne), complétée ici ; un même objet pour une même valeur."""
    table = {} if table is None else table
    nouvelles = [v for v in set(valeurs) if v not in table]
    table.update(zip(nouvelles, _colonne_simple(nouvelles, conversion, obligatoire), strict=True))
    return list(map(table.__getitem__, valeurs))


#: Un caractère qui interdit de garder un texte tel quel (contrôle, demi-paire, séparateur de ligne), cherché d'un
#: coup sur les cellules d'une colonne jointes par une espace.
_CARACTERES_A_REVOIR = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _colonne_de_textes(valeurs: Sequence[Any], obligatoire: bool) -> list[Any]:
    """Comme ``_colonne_simple(valeurs, _texte_sur, obligatoire)`` ; d'un trait quand chaque cellule est un texte
    sûr : ni vide, ni trop long, sans caractère à revoir, sans espace au début ni à la fin (``str.strip`` n'y change
    rien : mêmes espaces que ``\\s``) — gardée telle quelle, _identifiant n'y changerait rien."""
    if (min(map(len, valeurs)) > 0 and max(map(len, valeurs)) <= TEXTE_MAX
            and not _CARACTERES_A_REVOIR.search(" ".join(valeurs))
            and all(map(operator.eq, valeurs, map(str.strip, valeurs)))):
        return list(valeurs)
    return _colonne_simple(valeurs, _texte_sur, obligatoire)


#: Une cellule qui pourrait être « Total », « Sous-total »… (``_ligne_de_total`` : première lettre T ou S après des
#: espaces), cherchée d'un coup sur les cellules d'une colonne jointes par « \n ».
_DEBUT_DE_TOTAL = re.compile(r"\n[^\S\n]*[TtSs]")


def _ligne_de_total_dans(valeurs: Sequence[Any]) -> bool:
    """``any(map(_ligne_de_total, valeurs))``, examinant une à une les seules cellules qui commencent par T ou S."""
    if not _DEBUT_DE_TOTAL.search("\n" + "\n".join(valeurs)):
        return False
    return any(map(_ligne_de_total, valeurs))


def _texte_sur(v: str) -> str:
    """Le texte que la boucle ligne à ligne garderait (``_identifiant``), s'il est de ceux que le modèle garde tels
    quels."""
    if len(v) > 4 * TEXTE_MAX:
        raise _Valeur("")
    texte = _identifiant(v)
    if not _TEXTE_SUR.fullmatch(texte):
        raise _Valeur("")
    return texte


def _montant_sur(v: str) -> int:
    """Les centimes que la boucle ligne à ligne lirait (``_centimes``), s'ils sont de ceux que le modèle garde."""
    m = _MONTANT_SIMPLE.fullmatch(v)
    if m is None:
        c = _centimes(v)  # toute autre écriture : le chemin exact (Decimal) ; _Valeur si refusée
    else:
        entier, fraction = m.groups()  # le calcul de _centimes pour cette forme
        c = int(entier.translate(_SANS_ESPACES)) * 100
        if fraction:
            c += int(fraction) * (10 if len(fraction) == 1 else 1)
    if not 0 <= c <= MONTANT_MAX_CENTIMES:
        raise _Valeur("")
    return c


#: Une colonne de montants tout entière, cellules jointes par « \n », espaces de milliers retirées : chaque montant a
#: deux décimales (« 32500,00 ») ou aucune (« 32500 »). Pour ces écritures, _centimes rend int(chiffres) (× 100 sans
#: décimales) : les espaces (ordinaires, insécables, fines) n'y font rien, ni au début ni à la fin ; au plus 18
#: chiffres avant la virgule. tests/test_fichiers_salaries.py compare les deux chemins (Hypothesis).
_MONTANTS_A_DEUX_DECIMALES = re.compile(r"(?:[0-9]{1,18},[0-9]{2}\n)*+[0-9]{1,18},[0-9]{2}")
_MONTANTS_ENTIERS = re.compile(r"(?:[0-9]{1,18}\n)*+[0-9]{1,18}")


def _colonne_de_montants(valeurs: Sequence[Any], obligatoire: bool) -> list[Any]:
    """Comme ``_colonne_simple(valeurs, _montant_sur, obligatoire)``, la colonne entière d'un trait quand tous ses
    montants ont la même écriture, la plus courante (deux décimales, ou aucune)."""
    texte = "\n".join(valeurs).translate(_SANS_ESPACES)
    sortie: list[Any] | None = None
    if _MONTANTS_A_DEUX_DECIMALES.fullmatch(texte):
        sortie = list(map(int, texte.replace(",", "").split("\n")))
    elif _MONTANTS_ENTIERS.fullmatch(texte):
        sortie = [100 * c for c in map(int, texte.split("\n"))]
    del texte
    if sortie is None or len(sortie) != len(valeurs):  # (une cellule à saut de ligne compterait pour deux)
        return _colonne_simple(valeurs, _montant_sur, obligatoire)
    if max(sortie) > MONTANT_MAX_CENTIMES:
        raise _PasPropre
    return sortie


def _jours_surs(maximum: int) -> Any:
    def jours(v: str) -> int:
        n = int(v) if _ENTIER_SIMPLE.fullmatch(v) else _jours(v)  # toute autre écriture : le chemin exact
        if n > maximum:
            raise _Valeur("")
        return n
    return jours


def _date_sure(v: str) -> date:
    if _DATE_SIMPLE.fullmatch(v):
        try:
            d = date(int(v[6:]), int(v[3:5]), int(v[:2]))
        except ValueError:
            raise _Valeur("") from None
    else:
        d = _date(v)  # toute autre écriture (AAAA-MM-JJ…) : le chemin exact
    if not DATE_MIN <= d <= DATE_MAX:
        raise _Valeur("")
    return d


def _fraction_de_cellule(v: str) -> Decimal:
    sure = _fraction_sure(_temps_travail(v))
    if sure is None:
        raise _Valeur("")
    return sure


def _ligne_blanche(ligne: str, separateur: str) -> bool:
    """Une ligne de texte (sans guillemets) dont chaque cellule est vide."""
    reste = ligne.replace(separateur, "")
    return not reste or reste.isspace()


def _morceaux_de_texte(morceaux: list[str], separateur: str, nb_entetes: int, lignes_avant: int
                       ) -> Iterator[list[list[str]]]:
    """Les colonnes de chaque morceau de texte (lignes entières, sans guillemets : une ligne est une rangée du CSV et
    ses cellules sont entre les séparateurs, comme csv.reader les lit), morceau après morceau ; les lignes vides de la
    fin sont ignorées (la boucle ligne à ligne les ignore). ``_PasPropre`` pour ce que seul csv.reader et la boucle
    ligne à ligne savent dire : fin de ligne « \\r » seule, ligne qui n'a pas le nombre de cellules de l'en-tête ou
    qui en a trop, cellule au-delà de la taille admise par csv, trop de lignes. Le texte n'est jamais tout entier
    découpé : seules les cellules d'un morceau existent à la fois."""
    limite = csv.field_size_limit()
    lignes_vues = lignes_avant
    dernier = len(morceaux) - 1
    for k, morceau in enumerate(morceaux):
        if "\r" in morceau:
            morceau = morceau.replace("\r\n", "\n")
            if "\r" in morceau:
                raise _PasPropre
        lignes = morceau.split("\n")
        if morceau.endswith("\n"):
            lignes.pop()
        del morceau
        lignes_vues += len(lignes)
        if lignes_vues > LIGNES_MAX or not lignes or max(map(len, lignes)) > limite:
            raise _PasPropre
        comptes = list(map(str.count, lignes, itertools.repeat(separateur)))
        if max(comptes) >= COLONNES_MAX:
            raise _PasPropre
        if k == dernier:
            while lignes and _ligne_blanche(lignes[-1], separateur):
                lignes.pop()
            if not lignes:
                return
            del comptes[len(lignes):]
        if comptes.count(nb_entetes - 1) != len(comptes):
            raise _PasPropre
        del comptes
        cellules = separateur.join(lignes).split(separateur)
        del lignes
        yield [cellules[j::nb_entetes] for j in range(nb_entetes)]


def _morceaux_de_lignes(lignes: list[list[Any]], debut: int, nb_entetes: int) -> Iterator[list[Sequence[Any]]]:
    """Les colonnes des lignes brutes qui suivent l'en-tête, par morceaux (sans les lignes vides de la fin) ;
    ``_PasPropre`` si une ligne n'a pas autant de cellules que l'en-tête."""
    fin = len(lignes)
    while fin > debut + 1 and all(map(_vide, lignes[fin - 1])):
        fin -= 1
    for a in range(debut + 1, fin, _LIGNES_PAR_MORCEAU):
        bloc = lignes[a:min(fin, a + _LIGNES_PAR_MORCEAU)]
        if set(map(len, bloc)) != {nb_entetes}:
            raise _PasPropre
        yield list(zip(*bloc, strict=True))


def _par_colonnes(morceaux: Iterable[list[Sequence[Any]]], debut: int, colonnes: dict[int, tuple[str, str | None]],
                  lecture: LectureSalaries, exercice: Exercice | None, jours_calcules: bool) -> list[int] | None:
    """La lecture d'un fichier propre colonne par colonne : chaque colonne d'un morceau de lignes convertie d'un
    trait (montants, jours, dates de la forme la plus courante, temps de travail et qualité une fois par valeur
    distincte), puis les salariés du morceau assemblés, sans la boucle ligne à ligne ni pydantic. Elle ne sert que
    si *tout* le fichier est de ce que la boucle ligne à ligne accepterait telle quelle (même nombre de cellules que
    d'en-têtes, aucune ligne vide ni de total sauf des lignes vides à la fin, aucune valeur refusée, identifiants
    uniques, absences dans les jours d'inscription…) ; sinon elle renonce (``None``) sans rien avoir changé et la
    boucle ligne à ligne donne chaque message. Mêmes valeurs, mêmes clés dans le même ordre :
    tests/test_fichiers_salaries.py compare les deux chemins. ``morceaux`` : les colonnes de chaque morceau de
    lignes, dans l'ordre (``_morceaux_de_texte``, ``_morceaux_de_lignes``). Rend les lignes sans date d'entrée
    (pour l'avertissement)."""
    if not (_PAR_COLONNES and _RAPIDE_POSSIBLE):
        return None
    canons = {canon: j for j, (canon, _) in colonnes.items()}
    if "absences" in canons or "salaire_brut" not in canons or (jours_calcules and exercice is None):
        return None
    if any(code is not None and not _CODE_SUR.fullmatch(code) for _, code in colonnes.values()):
        return None
    codes = [code for _, code in colonnes.values() if code is not None]
    fabrique_absences = _fabrique_de_dicts(tuple(codes)) if codes else None
    tables: dict[str, dict[Any, Any]] = {canon: {} for canon in canons}
    j_identifiant = canons.get("identifiant")
    salaries: list[dict[str, Any]] = []
    sans_entree: list[int] = []
    identifiants: set[str] = set()
    premier = debut + 2  # numéro (tableur) de la première ligne du morceau
    try:
        for par_colonne in morceaux:
            n = len(par_colonne[0])
            premiere = par_colonne[0]
            if (min(map(len, premiere)) == 0 or any(map(str.isspace, premiere))) or _ligne_de_total_dans(premiere):
                return None  # la première cellule non vide d'une ligne serait ailleurs, ou c'est une ligne de total
            if j_identifiant not in (None, 0) and _ligne_de_total_dans(par_colonne[j_identifiant]):
                return None
            sans_entree_morceau = _morceau_par_colonnes(par_colonne, canons, colonnes, tables, premier, exercice,
                                                        jours_calcules, fabrique_absences, salaries, identifiants)
            if sans_entree_morceau is None:
                return None
            sans_entree.extend(sans_entree_morceau)
            premier += n
    except _PasPropre:
        return None
    n = premier - debut - 2
    if n == 0 or (j_identifiant is not None and len(identifiants) != n):
        return None  # aucune ligne (le message le dit) ; un identifiant en double (le message cite ses deux lignes)
    del identifiants, tables
    if lecture.salaries:
        lecture.salaries.extend(salaries)
    else:
        lecture.salaries = salaries
    return sans_entree


def _morceau_par_colonnes(par_colonne: list[Sequence[Any]], canons: dict[str, int],
                          colonnes: dict[int, tuple[str, str | None]], tables: dict[str, dict[Any, Any]],
                          premier: int, exercice: Exercice | None, jours_calcules: bool, fabrique_absences: Any,
                          salaries: list[dict[str, Any]], identifiants: set[str]) -> list[int] | None:
    """Un morceau de lignes de ``_par_colonnes`` : ses salariés ajoutés à ``salaries`` (et leurs identifiants à
    ``identifiants``) ; ``None`` ou ``_PasPropre`` s'il faut la boucle ligne à ligne."""
    n = len(par_colonne[0])
    valeurs: dict[str, list[Any]] = {}
    absences: list[list[Any]] = []
    for canon, j in canons.items():
        code = colonnes[j][1]
        cellules = par_colonne[j]
        obligatoire = canon in _SIMPLES_OBLIGATOIRES
        if canon in ("identifiant", "nom", "prenom"):
            valeurs[canon] = _colonne_de_textes(cellules, canon == "identifiant")
        elif canon == "qualite":
            valeurs[canon] = _colonne_par_valeurs(cellules, _qualite, False, tables[canon])
        elif canon in _NEGATIFS:
            valeurs[canon] = _colonne_de_montants(cellules, obligatoire)
        elif canon == "jours_inscrits" or code is not None:
            colonne = _colonne_par_valeurs(cellules, _jours_surs(400), obligatoire, tables[canon])
            if code is not None:
                absences.append([0 if x is None else x for x in colonne] if None in colonne else colonne)
            else:
                valeurs[canon] = colonne
        elif canon == "anciennete_anterieure_jours":
            valeurs[canon] = _colonne_par_valeurs(cellules, _jours_surs(10_000), False, tables[canon])
        elif canon == "temps_travail":
            valeurs[canon] = _colonne_par_valeurs(cellules, _fraction_de_cellule, False, tables[canon])
        elif canon in ("date_entree", "date_sortie"):
            valeurs[canon] = _colonne_par_valeurs(cellules, _date_sure, False, tables[canon])
        elif canon == "motif_absence":
            continue  # sans colonne de jours d'absence : ignorée (c'est dit dans les avertissements)
        else:
            return None
    del par_colonne
    if "identifiant" in valeurs:
        avant = len(identifiants)
        identifiants.update(valeurs["identifiant"])
        if len(identifiants) != avant + n:
            return None  # un identifiant en double : le message cite ses deux lignes
    if "prenom" in valeurs:
        prenoms = valeurs.pop("prenom")
        noms = valeurs.get("nom") or [None] * n
        fusion = [(f"{p} {m}" if m else p) if p else m for p, m in zip(prenoms, noms, strict=True)]
        if any(x is not None and len(x) > TEXTE_MAX for x in fusion):
            return None
        valeurs["nom"] = fusion
    entrees, sorties = valeurs.get("date_entree"), valeurs.get("date_sortie")
    if entrees is not None and sorties is not None and any(
            e is not None and s is not None and s < e for e, s in zip(entrees, sorties, strict=True)):
        return None
    sans_entree: list[int] = []
    if jours_calcules:
        assert exercice is not None
        vides: list[Any] = [None] * n
        valeurs["jours_inscrits"] = [_jours_exercice(e, s, exercice) for e, s in
                                     zip(entrees or vides, sorties or vides, strict=True)]
        if entrees is not None:
            sans_entree = [premier + k for k, e in enumerate(entrees) if e is None]
    inscrits = valeurs["jours_inscrits"]
    if max(inscrits) > 400:
        return None
    if absences and sum(map(max, absences)) > min(inscrits):  # sinon aucune ligne ne peut dépasser
        totaux = [sum(x) for x in zip(*absences, strict=True)]
        if any(a > b for a, b in zip(totaux, inscrits, strict=True)):
            return None
    # Assemblage, dans l'ordre des champs du modèle (model_dump) puis « ligne ».
    colonnes_finales: list[Any] = []
    for nom in _CHAMPS_RAPIDES:
        canon = nom.removesuffix("_centimes")
        defaut = _DEFAUTS.get(nom)
        if nom == "identifiant":
            colonne = valeurs.get("identifiant") or [f"Ligne {premier + k}" for k in range(n)]
        elif nom == "absences":
            colonne = list(map(fabrique_absences, *absences)) if absences else [{} for _ in range(n)]
        elif canon not in valeurs:
            colonne = itertools.repeat(defaut)
        else:
            colonne = valeurs[canon]
            if defaut is not None and None in colonne:
                colonne = [defaut if v is None else v for v in colonne]
        colonnes_finales.append(colonne)
    del valeurs, absences
    colonnes_finales.append(range(premier, premier + n))
    salaries.extend(map(_SALARIE_DE_COLONNES, *colonnes_finales))
    return sans_entree


def _analyser(lignes: list[list[Any]], lecture: LectureSalaries, exercice: Exercice | None = None,
              correspondance: dict[str, str | None] | None = None, presents_tout_l_exercice: bool = False,
              par_colonnes: bool = True) -> None:
    """Les salariés et les erreurs des lignes brutes ; ``par_colonnes`` : essayer d'abord la lecture par colonnes
    (faux quand elle a déjà renoncé sur le texte du même fichier)."""
    debut, colonnes = _entete(lignes, lecture, exercice, correspondance or {}, presents_tout_l_exercice)
    entetes = {canon: _texte(lignes[debut][j]) for j, (canon, _) in colonnes.items()}
    presentes = set(entetes)
    nb_entetes = len(lignes[debut])
    erreurs = lecture.erreurs
    premiere_ligne: dict[str, int] = {}
    donnees = 0
    jours_calcules = "jours_inscrits" not in presentes
    sans_entree: list[int] = []  # une date de sortie vide est l'usage (toujours présent) : rien à en dire
    motifs_inconnus: dict[str, str] = {}  # code → texte de la cellule tel que la personne l'a écrit
    sans_entree_colonnes = None
    if par_colonnes and lecture.format == "csv":
        sans_entree_colonnes = _par_colonnes(_morceaux_de_lignes(lignes, debut, nb_entetes), debut, colonnes, lecture,
                                             exercice, jours_calcules)
    if sans_entree_colonnes is not None:
        _avertir_calculs(lecture, presentes, exercice, jours_calcules, sans_entree_colonnes, set())
        return
    indices = [(j, canon) for j, (canon, _) in colonnes.items()]
    largeur = max((j for j, _ in indices), default=-1) + 1
    for i in range(debut + 1, len(lignes)):
        brute = lignes[i]
        lignes[i] = _LIBEREE  # la ligne brute est rendue à la mémoire dès qu'elle est lue (gros fichiers)
        if all(map(_vide, brute)):
            continue
        numero = i + 1
        donnees += 1
        erreurs_ligne: list[ErreurLigne] = []

        def refuser(colonne: str, valeur: Any, message: str, _numero: int = numero,
                    _liste: list[ErreurLigne] = erreurs_ligne) -> None:
            entete = entetes.get(colonne) or {"absences": "jours d'absence (total)"}.get(colonne, "")
            _liste.append(ErreurLigne(_numero, colonne, _texte(valeur), message, entete))

        en_trop = [v for v in brute[nb_entetes:] if not _vide(v)] if len(brute) > nb_entetes else None
        if en_trop:
            refuser("", "", f"la ligne compte {nb_entetes + len(en_trop)} valeurs pour {nb_entetes} colonnes "
                    "d'en-tête ; vérifiez le séparateur (un montant à virgule décimale doit être entre guillemets "
                    "dans un CSV séparé par des virgules).")
            erreurs.extend(erreurs_ligne)
            continue
        if len(brute) >= largeur:
            cellules = {canon: brute[j] for j, canon in indices}
        else:
            cellules = {canon: (brute[j] if j < len(brute) else None) for j, canon in indices}
        premiere = next((v for v in brute if not _vide(v)), None)
        if _ligne_de_total(premiere) or _ligne_de_total(cellules.get("identifiant")):
            lecture.avertissements.append(f"Ligne {numero} ignorée : ligne de total.")
            donnees -= 1
            continue

        salarie: dict[str, Any] = {"absences": {}}
        absence_generale: int | None = None
        for canon, code in colonnes.values():
            valeur = cellules[canon]
            try:
                if _vide(valeur):
                    if canon in COLONNES_OBLIGATOIRES or canon in ("identifiant", "jours_inscrits"):
                        raise _Valeur(f"valeur manquante ; {_CONSEILS_MANQUANT[canon]}")
                    if code is not None:
                        salarie["absences"][code] = 0
                    continue
                if canon == "identifiant":
                    salarie["identifiant"] = _identifiant(valeur)
                elif canon in ("nom", "prenom"):
                    salarie[canon] = _identifiant(valeur)
                elif canon == "qualite":
                    salarie["qualite"] = _qualite(valeur)
                elif canon in _NEGATIFS:
                    centimes = _centimes(valeur)
                    if centimes < 0:
                        raise _Valeur(f"montant négatif ({_format_euros(centimes)}) ; {_NEGATIFS[canon]}.", cite=True)
                    salarie[f"{canon}_centimes"] = centimes
                elif canon in ("jours_inscrits", "anciennete_anterieure_jours"):
                    salarie[canon] = _jours(valeur)
                elif code is not None:
                    salarie["absences"][code] = _jours(valeur)
                elif canon == "absences":
                    absence_generale = _jours(valeur)
                elif canon == "temps_travail":
                    salarie["temps_travail"] = _temps_travail(valeur)
                elif canon in ("date_entree", "date_sortie"):
                    salarie[canon] = _date(valeur)
            except _Valeur as exc:
                refuser(canon, valeur, _avec_valeur(str(exc), "" if exc.cite else _texte(valeur)))

        if absence_generale:
            motif = cellules.get("motif_absence")
            code = SANS_MOTIF if _vide(motif) else _code_motif(motif)
            if code not in CODES_ABSENCES:
                motifs_inconnus.setdefault(code if code != SANS_MOTIF else "", _texte(motif) if code != SANS_MOTIF else "")
            salarie["absences"][code] = salarie["absences"].get(code, 0) + absence_generale
        prenom = salarie.pop("prenom", None)
        if prenom:
            salarie["nom"] = f"{prenom} {salarie['nom']}" if salarie.get("nom") else prenom
        if "identifiant" not in presentes:
            salarie["identifiant"] = f"Ligne {numero}"
        entree, sortie = salarie.get("date_entree"), salarie.get("date_sortie")
        if entree and sortie and sortie < entree:
            refuser("date_sortie", sortie, f"la date de sortie ({sortie:%d/%m/%Y}) précède la date d'entrée "
                    f"({entree:%d/%m/%Y}).")
        elif jours_calcules and exercice is not None and not any(
                e.colonne in ("date_entree", "date_sortie") for e in erreurs_ligne):
            salarie["jours_inscrits"] = _jours_exercice(entree, sortie, exercice)
            if "date_entree" in presentes and entree is None:
                sans_entree.append(numero)
        inscrits = salarie.get("jours_inscrits")
        total_absences = sum(salarie["absences"].values())
        if inscrits is not None and total_absences > inscrits and not any(
            e.colonne.startswith("absences") for e in erreurs_ligne
        ):
            refuser("absences", total_absences, f"le total des absences ({total_absences} jours) dépasse les jours "
                    f"d'inscription ({inscrits}"
                    + (", calculés des dates d'entrée et de sortie" if jours_calcules else "") + ").")
        ident = salarie.get("identifiant")
        if ident is not None:
            if ident in premiere_ligne:
                refuser("identifiant", ident, f"identifiant « {ident} » en double (déjà utilisé ligne "
                        f"{premiere_ligne[ident]}) ; chaque salarié doit avoir un identifiant unique.")
            else:
                premiere_ligne[ident] = numero

        if not erreurs_ligne:
            sur = _salarie_sur(salarie, numero)
            if sur is not None:
                lecture.salaries.append(sur)
                continue
            try:
                modele = SalarieVersement(**salarie)
            except ValidationError as exc:
                for err in exc.errors(include_url=False):
                    champ = str(err["loc"][0]) if err.get("loc") else ""
                    message = message_erreur(err).split(" : ", 1)[-1]
                    colonne = champ.removesuffix("_centimes")
                    refuser(colonne, cellules.get(colonne, ""), message + ".")
            else:
                lecture.salaries.append(_salarie_de_modele(modele.model_dump(), numero))
        erreurs.extend(erreurs_ligne)

    if donnees == 0:
        raise _Fichier(f"Le fichier ne contient que la ligne d'en-tête (ligne {debut + 1}) : aucun salarié à lire.")
    _avertir_calculs(lecture, presentes, exercice, jours_calcules, sans_entree, motifs_inconnus)


def _lignes_citees(numeros: list[int]) -> str:
    texte = ", ".join(str(n) for n in numeros[:8]) + ("…" if len(numeros) > 8 else "")
    return f"ligne{'s' if len(numeros) > 1 else ''} {texte}"


def _avertir_calculs(lecture: LectureSalaries, presentes: set[str], exercice: Exercice | None,
                     jours_calcules: bool, sans_entree: list[int], motifs_inconnus: dict[str, str]) -> None:
    """Ce qui a été déduit du fichier et de l'exercice, dit à l'utilisateur."""
    if "identifiant" not in presentes:
        lecture.avertissements.append("Pas de colonne de matricule : chaque salarié est désigné par sa ligne "
                                      "(« Ligne 2 », « Ligne 3 »…).")
    if jours_calcules and exercice is not None:
        debut, fin = exercice
        periode = f"du {debut:%d/%m/%Y} au {fin:%d/%m/%Y}"
        if {"date_entree", "date_sortie"} & presentes:
            lecture.avertissements.append(f"Jours d'inscription à l'effectif calculés des dates d'entrée et de "
                                          f"sortie, sur l'exercice {periode}.")
        else:
            lecture.avertissements.append(f"Sans jours d'inscription ni dates, chaque salarié compte l'exercice "
                                          f"entier ({periode}), comme vous l'avez indiqué.")
        if sans_entree:
            lecture.avertissements.append(f"Date d'entrée vide ({_lignes_citees(sans_entree)}) : salarié compté "
                                          f"présent dès le {debut:%d/%m/%Y}.")
    for code in sorted(motifs_inconnus):
        if code:
            lecture.avertissements.append(
                f"Motif d'absence « {motifs_inconnus[code]} » inconnu : ces jours comptent comme des absences non assimilées à de "
                "la présence, sauf si l'accord cite ce motif.")
        else:
            lecture.avertissements.append(
                "Jours d'absence sans motif : ils comptent comme des absences non assimilées à de la présence "
                "(indiquez le motif — maladie, maternité, accident du travail… — pour ceux que la loi assimile).")


# --------------------------------------------------------------------------------------------------
# Modèle à remplir
# --------------------------------------------------------------------------------------------------

COLONNES_MODELE = (
    "Matricule", "Nom", "Prénom", "Qualité", "Salaire brut de l'exercice (€)", "Jours d'inscription",
    "Absences maladie (jours)", "Absences maternité (jours)", "Absences accident du travail (jours)",
    "Congé sans solde (jours)", "Temps de travail", "Date d'entrée", "Date de sortie",
)


def ecrire_modele_csv() -> bytes:
    """Octets d'un modèle CSV pour Excel (version française) : « ; », virgule décimale, UTF-8 avec BOM,
    fins de ligne CRLF ; l'en-tête (noms naturels, reconnus à la lecture) et deux lignes d'exemple (à remplacer)."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow(COLONNES_MODELE)
    ecrivain.writerow(["M001", "Dupont", "Marie", "salarié", "32500,00", "365", "12", "0", "0", "0", "1",
                       "01/03/2018", ""])
    ecrivain.writerow(["M002", "Martin", "Paul", "salarié", "14250,50", "184", "0", "0", "3", "0", "0,8",
                       "01/07/2025", ""])
    return tampon.getvalue().encode("utf-8-sig")
