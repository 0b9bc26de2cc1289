"""Lecture du fichier des salariés (CSV ou XLSX) pour calculer ou vérifier une répartition.

Formats acceptés :

- CSV tel qu'Excel (version française) l'enregistre : séparateur « ; » ou « , » (ou tabulation), deviné
  sur la ligne d'en-tête ; virgule décimale ; espaces (ordinaires ou insécables) comme séparateurs de
  milliers ; encodage UTF-8 avec ou sans BOM, Windows-1252, ou UTF-16 avec BOM (« texte Unicode ») ;
- XLSX (premier onglet), lu par pandas avec openpyxl.

Colonnes (en-têtes reconnus sans tenir compte de la casse, des accents, des espaces ni de la
ponctuation, synonymes français acceptés, voir ``SYNONYMES``) :

============================  ==============================================================
``identifiant`` (obligatoire)  matricule, unique dans le fichier
``nom``                        facultatif
``qualite``                    salarie (défaut) | dirigeant | conjoint
``salaire_brut`` (oblig.)      euros avec centimes, ≥ 0 → ``salaire_brut_centimes`` (entier)
``jours_inscrits`` (oblig.)    jours d'inscription à l'effectif pendant l'exercice, entier ≥ 0
``absences_<code>``            jours d'absence de ce type (« absences_maladie », « Absence maternité »…)
``temps_travail``              fraction de 0 à 1 (0,8) ou pourcentage (80 %), défaut 1
``date_entree``, ``date_sortie``  JJ/MM/AAAA ou AAAA-MM-JJ
``montant_verse``              euros → ``montant_verse_centimes`` (vérification d'un versement)
``remuneration_n1``            euros → ``remuneration_n1_centimes`` (dirigeants)
``anciennete_anterieure_jours`` jours sous contrats antérieurs (période + 12 mois avant), pour l'ancienneté
``deja_attribue_exercice``     euros → ``deja_attribue_exercice_centimes`` (périodes infra-annuelles)
============================  ==============================================================

Les montants sont convertis en centimes avec ``Decimal``, jamais par un float (une cellule XLSX
numérique est un double : on part de sa plus courte écriture décimale, ``repr``).

Toutes les valeurs fautives sont signalées d'un coup (ligne telle que la voit le tableur, en-tête =
ligne 1) ; les lignes correctes sont rendues même si d'autres sont fautives. Un fichier illisible,
trop gros, vide ou sans colonne obligatoire donne une seule erreur de ligne 0 : jamais de trace Python.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from .entrees import lire_octets
from .erreurs import ErreurEntree
from .modele import CODES_ABSENCES, SalarieVersement, message_erreur

__all__ = [
    "ErreurLigne",
    "LectureSalaries",
    "ecrire_modele_csv",
    "lire_fichier_salaries",
    "salaries_pour_versement",
]

TAILLE_MAX_OCTETS = 20_000_000
COLONNES_OBLIGATOIRES = ("identifiant", "salaire_brut", "jours_inscrits")
QUALITES = ("salarie", "dirigeant", "conjoint")


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

    def __str__(self) -> str:
        if self.ligne == 0:
            return self.message
        if self.colonne:
            return f"Ligne {self.ligne}, colonne « {self.colonne} » : {self.message}"
        return f"Ligne {self.ligne} : {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class LectureSalaries:
    """Les salariés lus (dictionnaires aux clés de ``SalarieVersement`` plus ``ligne``) et les erreurs.

    ``colonnes`` : colonne canonique → en-tête du fichier ; ``avertissements`` : ce qui a été ignoré
    (colonnes inconnues, lignes de total) ou mérite attention (code d'absence inconnu).
    """

    salaries: list[dict[str, Any]]
    erreurs: list[ErreurLigne]
    format: str = ""
    encodage: str | None = None
    separateur: str | None = None
    colonnes: dict[str, str] = field(default_factory=dict)
    avertissements: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.erreurs


def salaries_pour_versement(salaries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Les salariés lus, sans la clé ``ligne`` : prêts pour ``Versement(salaries=...)``."""
    return [{k: v for k, v in s.items() if k != "ligne"} for s in salaries]


class _Fichier(Exception):
    """Erreur qui concerne le fichier entier (ligne 0)."""


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
    "nom": {"nom", "nom_prenom", "nom_et_prenom", "prenom_nom", "nom_complet", "salarie", "beneficiaire",
            "nom_du_salarie", "nom_salarie"},
    "qualite": {"qualite", "qualite_beneficiaire", "qualite_du_beneficiaire", "type_beneficiaire",
                "type_de_beneficiaire", "categorie_beneficiaire"},
    "salaire_brut": {
        "salaire_brut", "salaire", "brut", "salaire_brut_annuel", "salaire_annuel_brut", "brut_annuel",
        "remuneration_brute", "remuneration_brute_annuelle", "salaire_de_reference", "salaire_reference",
        "salaire_brut_de_reference", "remuneration", "salaire_brut_exercice", "salaire_brut_fiscal",
        "salaire_brut_soumis_a_cotisations",
    },
    "jours_inscrits": {
        "jours_inscrits", "jours_d_inscription", "jours_inscription", "jours_effectif", "jours_a_l_effectif",
        "jours_dans_l_effectif", "jours_de_presence_a_l_effectif", "jours_sous_contrat", "jours_contrat",
        "duree_d_inscription", "duree_inscription", "jours_inscrits_a_l_effectif", "jours",
    },
    "temps_travail": {
        "temps_travail", "temps_de_travail", "taux_activite", "taux_d_activite", "quotite",
        "quotite_de_travail", "quotite_travail", "taux_temps_partiel", "taux_de_temps_partiel",
        "temps_de_travail_contractuel", "duree_du_travail",
    },
    "date_entree": {"date_entree", "date_d_entree", "entree", "date_embauche", "date_d_embauche",
                    "embauche", "debut_contrat", "date_debut_contrat", "date_de_debut"},
    "date_sortie": {"date_sortie", "date_de_sortie", "sortie", "fin_contrat", "date_fin_contrat",
                    "date_de_fin", "date_depart", "date_de_depart"},
    "montant_verse": {"montant_verse", "prime_versee", "interessement_verse", "montant_interessement",
                      "prime_interessement", "montant_de_la_prime", "prime", "interessement"},
    "anciennete_anterieure_jours": {"anciennete_anterieure_jours", "anciennete_anterieure",
                                    "jours_contrats_anterieurs", "contrats_anterieurs",
                                    "anciennete_contrats_anterieurs", "jours_anciennete_anterieure"},
    "deja_attribue_exercice": {"deja_attribue_exercice", "deja_verse_exercice", "deja_percu_exercice",
                               "interessement_deja_attribue", "interessement_deja_verse", "deja_attribue"},
    "remuneration_n1": {"remuneration_n1", "remuneration_n_1", "remuneration_imposable_n1",
                        "remuneration_imposable_n_1", "remuneration_annee_precedente", "revenu_n_1",
                        "revenu_n1", "remuneration_dirigeant_n_1", "remuneration_imposable_annee_precedente"},
}
_CANONIQUE = {syn: canon for canon, noms in SYNONYMES.items() for syn in noms}
_PREFIXES = ("nombre_de_", "nombre_d_", "nombre_", "nb_de_", "nb_", "total_")
_SUFFIXES = ("_en_euros", "_euros", "_eur", "_en_jours", "_jours", "_j", "_en_pourcentage", "_pourcentage", "_pct")

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
    return None


# --------------------------------------------------------------------------------------------------
# Valeurs de cellules
# --------------------------------------------------------------------------------------------------

def _vide(v: Any) -> bool:
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
    s = re.sub(r"(?i)(€|eur(?:os?)?)$", "", s)
    s = re.sub(r"(?i)^(€|eur)", "", s)
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
    if not re.fullmatch(r"\d+(?:\.\d*)?|\.\d+", s):
        raise _Valeur("nombre illisible")
    try:
        d = Decimal(s)
    except InvalidOperation as exc:  # pragma: no cover - exclu par l'expression régulière
        raise _Valeur("nombre illisible") from exc
    return (-d if negatif else d), False


def _centimes(v: Any) -> int:
    """Montant en euros → centimes entiers (peut être négatif : l'appelant le refuse avec son message)."""
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


def _jours(v: Any) -> int:
    try:
        d, _ = _decimal(v)
    except _Valeur:
        raise _Valeur("nombre entier de jours attendu") from None
    if d != d.to_integral_value():
        raise _Valeur("nombre de jours non entier ; indiquez un nombre entier de jours")
    if d < 0:
        raise _Valeur(f"nombre de jours négatif ({int(d)}) ; indiquez un nombre positif ou nul", cite=True)
    return int(d)


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


_FORMATS_DATE = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d")
_ORIGINE_EXCEL = date(1899, 12, 30)


def _date(v: Any) -> date:
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


def _identifiant(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


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
    """Le séparateur le plus fréquent hors guillemets sur la première ligne non vide (« ; » à égalité)."""
    for ligne in texte.splitlines():
        if ligne.strip():
            break
    else:
        return ";"
    comptes = {";": 0, ",": 0, "\t": 0}
    dedans = False
    for c in ligne:
        if c == '"':
            dedans = not dedans
        elif not dedans and c in comptes:
            comptes[c] += 1
    meilleur = max(comptes.values())
    return next(s for s in (";", "\t", ",") if comptes[s] == meilleur)


def _lignes_csv(texte: str, separateur: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(texte, newline=""), delimiter=separateur, quotechar='"'))
    except csv.Error as exc:
        raise _Fichier(f"Le fichier CSV est mal formé ({exc}) : vérifiez les guillemets.") from None


def _lignes_xlsx(donnees: bytes) -> list[list[Any]]:
    import pandas as pd  # import tardif : pandas n'est utile qu'aux classeurs

    try:
        with zipfile.ZipFile(io.BytesIO(donnees)) as archive:
            noms = set(archive.namelist())
            if "xl/workbook.xml" not in noms:
                if "mimetype" in noms and b"opendocument" in archive.read("mimetype"):
                    raise _Fichier("Le format OpenDocument (.ods) n'est pas pris en charge : enregistrez le "
                                   "classeur au format .xlsx ou CSV (séparateur point-virgule).")
                raise _Fichier("Le fichier est une archive ZIP mais pas un classeur XLSX.")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # styles par défaut absents, extensions inconnues : sans effet ici
            tableau = pd.read_excel(io.BytesIO(donnees), sheet_name=0, header=None, dtype=object,
                                    engine="openpyxl")
    except _Fichier:
        raise
    except Exception as exc:  # noqa: BLE001 - tout échec de lecture devient un message français
        raise _Fichier(f"Le classeur XLSX est illisible ou endommagé ({type(exc).__name__}). "
                       "Ouvrez-le dans votre tableur et enregistrez-le de nouveau.") from None
    return [[None if _vide(v) else v for v in ligne] for ligne in tableau.to_numpy(dtype=object).tolist()]


# --------------------------------------------------------------------------------------------------
# Lecture
# --------------------------------------------------------------------------------------------------

def lire_fichier_salaries(
    source: str | Path | bytes | BinaryIO,
    nom_fichier: str | None = None,
    taille_max_octets: int = TAILLE_MAX_OCTETS,
) -> LectureSalaries:
    """Lit un fichier de salariés CSV ou XLSX. ``source`` : chemin (str ou Path), octets, ou fichier
    ouvert en binaire ; ``nom_fichier`` sert à reconnaître le format (.csv/.xlsx) quand ``source`` est
    des octets, le contenu étant de toute façon examiné (signature ZIP d'un XLSX).
    Ne lève pas d'exception pour une entrée fautive : tout est dans ``erreurs``."""
    lecture = LectureSalaries(salaries=[], erreurs=[])
    try:
        donnees, nom = _lire_octets(source, nom_fichier, taille_max_octets)
        ext = _extension(nom)
        if not donnees.strip(b" \t\r\n\x00") or donnees in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
            raise _Fichier("Le fichier est vide.")
        if donnees.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
            raise _Fichier("Le format Excel 97-2003 (.xls) n'est pas pris en charge : enregistrez le classeur "
                           "au format .xlsx ou CSV (séparateur point-virgule).")
        if donnees.startswith(b"PK\x03\x04"):
            lecture.format = "xlsx"
            lignes = _lignes_xlsx(donnees)
        elif ext in (".xlsx", ".xlsm"):
            raise _Fichier(f"« {nom} » porte l'extension {ext} mais n'est pas un classeur XLSX valide.")
        else:
            lecture.format = "csv"
            texte, lecture.encodage = _decoder(donnees)
            lecture.separateur = _separateur(texte)
            lignes = _lignes_csv(texte, lecture.separateur)
        _analyser(lignes, lecture)
    except _Fichier as exc:
        lecture.salaries = []
        lecture.erreurs = [ErreurLigne(0, "", "", str(exc))]
    return lecture


def _entete(lignes: list[list[Any]], lecture: LectureSalaries) -> tuple[int, dict[int, tuple[str, str | None]]]:
    """Indice de la ligne d'en-tête et colonnes reconnues (indice → (canonique, code d'absence))."""
    debut = next((i for i, ligne in enumerate(lignes) if any(not _vide(v) for v in ligne)), None)
    if debut is None:
        raise _Fichier("Le fichier est vide.")
    colonnes: dict[int, tuple[str, str | None]] = {}
    vues: dict[str, str] = {}
    inconnues = []
    for j, entete in enumerate(lignes[debut]):
        if _vide(entete):
            continue
        reconnu = _colonne_canonique(entete)
        if reconnu is None:
            inconnues.append(str(entete).strip())
            continue
        canon = reconnu[0]
        if canon in vues:
            raise _Fichier(f"Les colonnes « {vues[canon]} » et « {str(entete).strip()} » désignent toutes deux "
                           f"« {canon} » : gardez-en une seule.")
        vues[canon] = str(entete).strip()
        colonnes[j] = reconnu
    manquantes = [c for c in COLONNES_OBLIGATOIRES if c not in vues]
    if manquantes:
        trouvees = ", ".join(f"« {_texte(v)} »" for v in lignes[debut] if not _vide(v)) or "aucune"
        conseil = ""
        if len([v for v in lignes[debut] if not _vide(v)]) == 1 and lecture.format == "csv":
            conseil = " Une seule colonne a été lue : le séparateur doit être « ; » ou « , »."
        raise _Fichier(
            f"Colonne(s) obligatoire(s) absente(s) : {', '.join(manquantes)}. Colonnes trouvées (ligne "
            f"{debut + 1}) : {trouvees}.{conseil} Les colonnes attendues sont celles du modèle CSV "
            "(identifiant ; salaire_brut ; jours_inscrits ; nom, qualite, absences_<motif>… facultatives)."
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
}
_LIGNES_TOTAL = {"total", "totaux", "total_general", "sous_total"}


def _analyser(lignes: list[list[Any]], lecture: LectureSalaries) -> None:
    debut, colonnes = _entete(lignes, lecture)
    nb_entetes = len(lignes[debut])
    erreurs = lecture.erreurs
    premiere_ligne: dict[str, int] = {}
    donnees = 0
    for i in range(debut + 1, len(lignes)):
        brute = lignes[i]
        if all(_vide(v) for v in brute):
            continue
        numero = i + 1
        donnees += 1
        erreurs_ligne: list[ErreurLigne] = []

        def refuser(colonne: str, valeur: Any, message: str, _numero: int = numero,
                    _liste: list[ErreurLigne] = erreurs_ligne) -> None:
            _liste.append(ErreurLigne(_numero, colonne, _texte(valeur), message))

        en_trop = [v for v in brute[nb_entetes:] if not _vide(v)]
        if en_trop:
            refuser("", "", f"la ligne compte {nb_entetes + len(en_trop)} valeurs pour {nb_entetes} colonnes "
                    "d'en-tête ; vérifiez le séparateur (un montant à virgule décimale doit être entre guillemets "
                    "dans un CSV séparé par des virgules).")
            erreurs.extend(erreurs_ligne)
            continue
        cellules = {canon: (brute[j] if j < len(brute) else None) for j, (canon, _) in colonnes.items()}
        ident_brut = cellules["identifiant"]
        if not _vide(ident_brut) and _normaliser(ident_brut) in _LIGNES_TOTAL:
            lecture.avertissements.append(f"Ligne {numero} ignorée : ligne de total.")
            donnees -= 1
            continue

        salarie: dict[str, Any] = {"absences": {}}
        for canon, code in colonnes.values():
            valeur = cellules[canon]
            try:
                if _vide(valeur):
                    if canon in COLONNES_OBLIGATOIRES:
                        raise _Valeur(f"valeur manquante ; {_CONSEILS_MANQUANT[canon]}")
                    if code is not None:
                        salarie["absences"][code] = 0
                    continue
                if canon == "identifiant":
                    salarie["identifiant"] = _identifiant(valeur)
                elif canon == "nom":
                    salarie["nom"] = _identifiant(valeur)
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
                elif canon == "temps_travail":
                    salarie["temps_travail"] = _temps_travail(valeur)
                elif canon in ("date_entree", "date_sortie"):
                    salarie[canon] = _date(valeur)
            except _Valeur as exc:
                refuser(canon, valeur, _avec_valeur(str(exc), "" if exc.cite else _texte(valeur)))

        inscrits = salarie.get("jours_inscrits")
        total_absences = sum(salarie["absences"].values())
        if inscrits is not None and total_absences > inscrits and not any(
            e.colonne.startswith("absences_") for e in erreurs_ligne
        ):
            refuser("absences", total_absences, f"le total des absences ({total_absences} jours) dépasse les jours "
                    f"d'inscription ({inscrits}).")
        entree, sortie = salarie.get("date_entree"), salarie.get("date_sortie")
        if entree and sortie and sortie < entree:
            refuser("date_sortie", sortie, f"la date de sortie ({sortie:%d/%m/%Y}) précède la date d'entrée "
                    f"({entree:%d/%m/%Y}).")
        ident = salarie.get("identifiant")
        if ident is not None:
            if ident in premiere_ligne:
                refuser("identifiant", ident, f"identifiant « {ident} » en double (déjà utilisé ligne "
                        f"{premiere_ligne[ident]}) ; chaque salarié doit avoir un identifiant unique.")
            else:
                premiere_ligne[ident] = numero

        if not erreurs_ligne:
            try:
                modele = SalarieVersement(**salarie)
            except ValidationError as exc:
                for err in exc.errors(include_url=False):
                    champ = str(err["loc"][0]) if err.get("loc") else ""
                    message = message_erreur(err).split(" : ", 1)[-1]
                    colonne = champ.removesuffix("_centimes")
                    refuser(colonne, cellules.get(colonne, ""), message + ".")
            else:
                lecture.salaries.append({**modele.model_dump(), "ligne": numero})
        erreurs.extend(erreurs_ligne)

    if donnees == 0:
        raise _Fichier(f"Le fichier ne contient que la ligne d'en-tête (ligne {debut + 1}) : aucun salarié à lire.")


# --------------------------------------------------------------------------------------------------
# Modèle à remplir
# --------------------------------------------------------------------------------------------------

COLONNES_MODELE = (
    "identifiant", "nom", "qualite", "salaire_brut", "jours_inscrits", "absences_maladie",
    "absences_maternite", "absences_accident_travail", "absences_conges_sans_solde", "temps_travail",
    "date_entree", "date_sortie",
)


def ecrire_modele_csv() -> bytes:
    """Octets d'un modèle CSV pour Excel (version française) : « ; », virgule décimale, UTF-8 avec BOM,
    fins de ligne CRLF ; l'en-tête et deux lignes d'exemple (à remplacer)."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow(COLONNES_MODELE)
    ecrivain.writerow(["M001", "Dupont Marie", "salarie", "32500,00", "365", "12", "0", "0", "0", "1",
                       "01/03/2018", ""])
    ecrivain.writerow(["M002", "Martin Paul", "salarie", "14250,50", "184", "0", "0", "3", "0", "0,8",
                       "01/07/2025", ""])
    return tampon.getvalue().encode("utf-8-sig")
