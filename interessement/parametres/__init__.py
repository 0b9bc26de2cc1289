"""Paramètres légaux datés (à la manière d'OpenFisca).

Chaque nombre légal du projet vit dans un fichier YAML de ``donnees/`` (un fichier par paramètre,
nom du fichier = nom du paramètre) : ses valeurs sont indexées par la date à laquelle elles prennent
effet, et chaque date porte sa référence juridique (titre, article, lien). Aucun nombre légal n'est
écrit en Python.

Format d'un fichier ::

    description: Plafond annuel de la sécurité sociale (PASS)
    unite: centimes
    valeurs:
      2019-01-01: 4052400
    references:
      2019-01-01:
        titre: Arrêté du 11 décembre 2018 portant fixation du plafond de la sécurité sociale pour 2019
        article: CSS L241-3, D242-17
        lien: https://www.legifrance.gouv.fr/...
    derniere_valeur_valable_le: 2026-12-31   # facultatif
    note: texte libre                        # facultatif

Le chargeur est strict : clé inconnue, date invalide, valeur du mauvais type pour l'unité, valeur sans
référence (ou référence sans valeur), lien non https, date en double… lèvent ``ErreurParametre`` avec
un message français qui nomme le fichier et la clé.

Types selon l'unité :

- ``centimes``, ``mois``, ``jours``, ``annees``, ``effectif`` : entier positif ou nul (``int``) ;
- ``taux`` : ``Decimal`` entre 0 et 1, écrit entre guillemets (« "0.20" ») pour éviter les flottants ;
- ``coefficient`` : ``Decimal`` positif ou nul, écrit entre guillemets (« "1.33" ») ;
- ``fraction`` : ``Fraction`` entre 0 et 1, écrite « "2/3" » ;
- ``booleen`` : ``true`` / ``false`` ;
- ``liste`` : liste de codes (``str``), sans doublon ; ``value_at`` en renvoie une copie (``list``).

Résolution : la valeur en vigueur à la date ``d`` est celle de la dernière date d'effet ≤ ``d``. Avant la
première date d'effet, ou après ``derniere_valeur_valable_le`` quand elle est renseignée, la réponse est
``HorsPeriodeModelisee`` : jamais d'extrapolation.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..cache_donnees import lire_yaml

__all__ = [
    "DEBUT_PERIODE_MODELISEE",
    "PASS",
    "UNITES",
    "ErreurParametre",
    "HorsPeriodeModelisee",
    "Parametre",
    "ParametreInconnu",
    "Reference",
    "annees_modelisees",
    "charger_fichier",
    "charger_repertoire",
    "noms",
    "parametre",
    "pass_annuel_centimes",
    "reference_at",
    "tous",
    "utilise",
    "valeur_texte",
    "value_at",
]

REPERTOIRE_DONNEES = Path(__file__).parent / "donnees"

#: Début de la période modélisée : chaque paramètre du projet a une valeur à cette date (choix de
#: modélisation, pas un nombre légal ; vérifié par les tests).
DEBUT_PERIODE_MODELISEE = date(2019, 1, 1)

#: Nom du paramètre « plafond annuel de la sécurité sociale ».
PASS = "plafond_annuel_securite_sociale"

UNITES_ENTIERES = frozenset({"centimes", "mois", "jours", "annees", "effectif"})
UNITES = frozenset(UNITES_ENTIERES | {"taux", "coefficient", "fraction", "booleen", "liste"})

CLES_OBLIGATOIRES = ("description", "unite", "valeurs", "references")
CLES_FACULTATIVES = ("derniere_valeur_valable_le", "note")
CLES_REFERENCE = ("titre", "article", "lien")

Valeur = int | Decimal | Fraction | bool | tuple[str, ...]

_MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
         "octobre", "novembre", "décembre")
_RE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_RE_DECIMAL = re.compile(r"-?\d+(\.\d+)?")
_RE_FRACTION = re.compile(r"(\d+)/(\d+)")
_RE_NOM = re.compile(r"[a-z][a-z0-9_]*")


# ---------------------------------------------------------------------------------------------------
# Erreurs
# ---------------------------------------------------------------------------------------------------

class ErreurParametre(ValueError):
    """Fichier de paramètre invalide ou paramètre introuvable (message en français)."""

    def __init__(self, message: str, *, fichier: Path | str | None = None, cle: str | None = None,
                 nom: str | None = None):
        super().__init__(message)
        self.message = message
        self.fichier = fichier
        self.cle = cle
        self.nom = nom

    def __str__(self) -> str:
        return self.message


class ParametreInconnu(ErreurParametre, KeyError):
    """Nom de paramètre qui n'existe pas."""

    def __str__(self) -> str:  # KeyError mettrait le message entre apostrophes
        return self.message


class HorsPeriodeModelisee(ErreurParametre):
    """Date hors de la période pour laquelle le paramètre est connu : pas d'extrapolation."""

    def __init__(self, message: str, *, nom: str, date_demandee: date, debut: date, fin: date | None):
        super().__init__(message, nom=nom)
        self.date_demandee = date_demandee
        self.debut = debut
        self.fin = fin

    def conseil(self) -> str:
        """Ce que l'utilisateur peut changer : une date de l'accord, l'exercice demandé, ou la version de l'outil."""
        if self.date_demandee < self.debut:
            return (f"L'outil ne connaît pas les règles légales en vigueur avant le {date_fr(self.debut)} : "
                    "vérifiez les dates de l'accord (date d'effet, de conclusion, de dépôt) ou l'exercice demandé.")
        fin = f" (connue jusqu'au {date_fr(self.fin)})" if self.fin else ""
        return (f"La valeur de « {self.nom} » au {date_fr(self.date_demandee)} n'est pas encore connue de "
                f"l'outil{fin} : vérifiez les dates de l'accord ou l'exercice demandé, ou mettez l'outil à jour "
                "quand la nouvelle valeur est publiée.")


# ---------------------------------------------------------------------------------------------------
# Modèle
# ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Reference:
    """Référence juridique d'une valeur : titre du texte, article, lien (https)."""

    titre: str
    article: str
    lien: str


@dataclass(frozen=True)
class Parametre:
    """Un paramètre légal daté. ``valeurs`` et ``references`` sont triées par date d'effet."""

    nom: str
    description: str
    unite: str
    valeurs: tuple[tuple[date, Valeur], ...]
    references: tuple[tuple[date, Reference], ...]
    derniere_valeur_valable_le: date | None = None
    note: str | None = None

    @property
    def debut(self) -> date:
        """Première date d'effet connue."""
        return self.valeurs[0][0]

    def _indice(self, d: date) -> int:
        if not isinstance(d, date) or isinstance(d, datetime):
            raise TypeError(f"Paramètre « {self.nom} » : une date (datetime.date) est attendue, "
                            f"reçu {type(d).__name__}.")
        fin = self.derniere_valeur_valable_le
        if d < self.debut or (fin is not None and d > fin):
            raise HorsPeriodeModelisee(
                f"Paramètre « {self.nom} » : date du {date_fr(d)} hors période modélisée "
                f"({self.periode_connue()}).",
                nom=self.nom, date_demandee=d, debut=self.debut, fin=fin)
        indice = 0
        for i, (date_effet, _valeur) in enumerate(self.valeurs):
            if date_effet <= d:
                indice = i
            else:
                break
        return indice

    def periode_connue(self) -> str:
        """« valeurs connues du 1er janvier 2019 au 31 décembre 2026 » (ou « à partir du … »)."""
        if self.derniere_valeur_valable_le is None:
            return f"valeurs connues à partir du {date_fr(self.debut)}"
        return (f"valeurs connues du {date_fr(self.debut)} "
                f"au {date_fr(self.derniere_valeur_valable_le)}")

    def value_at(self, d: date) -> Valeur | list[str]:
        """Valeur en vigueur le jour ``d`` (dernière date d'effet ≤ ``d``)."""
        valeur = self.valeurs[self._indice(d)][1]
        return list(valeur) if isinstance(valeur, tuple) else valeur

    def reference_at(self, d: date) -> Reference:
        """Référence juridique de la valeur en vigueur le jour ``d``."""
        return self.references[self._indice(d)][1]

    def date_effet_at(self, d: date) -> date:
        """Date à laquelle la valeur en vigueur le jour ``d`` a pris effet."""
        return self.valeurs[self._indice(d)][0]

    def couvre(self, d: date) -> bool:
        """Vrai si une valeur est connue le jour ``d``."""
        try:
            self._indice(d)
        except HorsPeriodeModelisee:
            return False
        return True


# ---------------------------------------------------------------------------------------------------
# Chargement strict
# ---------------------------------------------------------------------------------------------------

class _CleEnDouble(Exception):
    def __init__(self, cle: object):
        super().__init__(cle)
        self.cle = cle


@functools.cache
def _chargeur() -> type:
    """Le lecteur YAML des paramètres, construit au premier fichier relu (PyYAML n'est importé qu'alors : le
    contenu déjà lu est repris de ``interessement.cache_donnees``)."""
    import yaml

    class _Chargeur(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml (C) : ~10 fois plus rapide
        """SafeLoader sans conversion implicite des dates (on les valide soi-même) et sans clé en double."""

    _Chargeur.yaml_implicit_resolvers = {
        premier: [(tag, motif) for tag, motif in resolveurs if tag != "tag:yaml.org,2002:timestamp"]
        for premier, resolveurs in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def _construire_mapping(chargeur: Any, noeud: Any) -> dict:
        chargeur.flatten_mapping(noeud)
        vues: set = set()
        for noeud_cle, _noeud_valeur in noeud.value:
            cle = chargeur.construct_object(noeud_cle, deep=True)
            try:
                doublon = cle in vues
            except TypeError:
                doublon = False  # clé non hachable : SafeConstructor signalera l'erreur
            if doublon:
                raise _CleEnDouble(cle)
            try:
                vues.add(cle)
            except TypeError:
                pass
        return chargeur.construct_mapping(noeud, deep=True)

    _Chargeur.add_constructor("tag:yaml.org,2002:map", _construire_mapping)
    return _Chargeur


def _lire_yaml(texte: str, fichier: Path) -> Any:
    import yaml

    try:
        return yaml.load(texte, Loader=_chargeur())
    except _CleEnDouble as exc:
        raise ErreurParametre(f"Fichier « {fichier.name} » : clé « {exc.cle} » en double.",
                              fichier=fichier, cle=str(exc.cle)) from None
    except yaml.YAMLError as exc:
        raise ErreurParametre(f"Fichier « {fichier.name} » : YAML illisible ({exc}).",
                              fichier=fichier) from None


def date_fr(d: date) -> str:
    """« 1er janvier 2019 », « 31 décembre 2026 » (messages d'erreur ; l'exposant typographique est au bord)."""
    return f"{'1er' if d.day == 1 else d.day} {_MOIS[d.month - 1]} {d.year}"


def _lire_date(texte: object, fichier: Path, cle: str) -> date:
    if isinstance(texte, str) and _RE_DATE.fullmatch(texte):
        try:
            return date.fromisoformat(texte)
        except ValueError:
            pass
    raise ErreurParametre(
        f"Fichier « {fichier.name} », clé « {cle} » : date invalide « {texte} » "
        "(format attendu AAAA-MM-JJ, date existante).", fichier=fichier, cle=cle)


def _lire_valeur(unite: str, brute: object, fichier: Path, cle: str) -> Valeur:
    def erreur(attendu: str) -> ErreurParametre:
        return ErreurParametre(
            f"Fichier « {fichier.name} », clé « {cle} » : valeur « {brute!r} » invalide pour l'unité "
            f"« {unite} » ({attendu}).", fichier=fichier, cle=cle)

    if unite in UNITES_ENTIERES:
        if isinstance(brute, bool) or not isinstance(brute, int) or brute < 0:
            raise erreur("entier positif ou nul attendu")
        return brute
    if unite in ("taux", "coefficient"):
        if not isinstance(brute, str | int) or isinstance(brute, bool):
            raise erreur('nombre décimal écrit entre guillemets attendu, par exemple "0.20"')
        texte = str(brute).strip()
        if not _RE_DECIMAL.fullmatch(texte):
            raise erreur('nombre décimal écrit avec un point attendu, par exemple "0.20"')
        try:
            valeur = Decimal(texte)
        except InvalidOperation:  # pragma: no cover - exclu par l'expression régulière
            raise erreur("nombre décimal attendu") from None
        if valeur < 0 or (unite == "taux" and valeur > 1):
            raise erreur("taux entre 0 et 1 attendu" if unite == "taux" else "coefficient positif attendu")
        return valeur
    if unite == "fraction":
        correspondance = _RE_FRACTION.fullmatch(brute.strip()) if isinstance(brute, str) else None
        if correspondance is None or int(correspondance.group(2)) == 0:
            raise erreur('fraction écrite « "numérateur/dénominateur" » attendue, par exemple "2/3"')
        valeur_fraction = Fraction(int(correspondance.group(1)), int(correspondance.group(2)))
        if valeur_fraction > 1:
            raise erreur("fraction entre 0 et 1 attendue")
        return valeur_fraction
    if unite == "booleen":
        if not isinstance(brute, bool):
            raise erreur("true ou false attendu")
        return brute
    if unite == "liste":
        if not isinstance(brute, list) or not all(isinstance(x, str) and _RE_NOM.fullmatch(x) for x in brute):
            raise erreur("liste de codes en snake_case attendue")
        if len(set(brute)) != len(brute):
            raise erreur("code en double dans la liste")
        return tuple(brute)
    raise AssertionError(unite)  # pragma: no cover - unité déjà validée


def _lire_reference(brute: object, fichier: Path, cle: str) -> Reference:
    if not isinstance(brute, dict):
        raise ErreurParametre(
            f"Fichier « {fichier.name} », clé « {cle} » : la référence doit contenir "
            f"{', '.join(CLES_REFERENCE)}.", fichier=fichier, cle=cle)
    for cle_ref in brute:
        if cle_ref not in CLES_REFERENCE:
            raise ErreurParametre(
                f"Fichier « {fichier.name} », clé « {cle}.{cle_ref} » : clé inconnue "
                f"(clés permises : {', '.join(CLES_REFERENCE)}).", fichier=fichier, cle=f"{cle}.{cle_ref}")
    champs = {}
    for cle_ref in CLES_REFERENCE:
        valeur = brute.get(cle_ref)
        if not isinstance(valeur, str) or not valeur.strip():
            raise ErreurParametre(
                f"Fichier « {fichier.name} », clé « {cle}.{cle_ref} » : texte non vide obligatoire.",
                fichier=fichier, cle=f"{cle}.{cle_ref}")
        champs[cle_ref] = valeur.strip()
    if not champs["lien"].startswith("https://") or any(c.isspace() for c in champs["lien"]):
        raise ErreurParametre(
            f"Fichier « {fichier.name} », clé « {cle}.lien » : lien https:// attendu, reçu "
            f"« {champs['lien']} ».", fichier=fichier, cle=f"{cle}.lien")
    return Reference(**champs)


def _lire_dictionnaire_date(brut: object, fichier: Path, cle: str) -> dict[date, object]:
    if not isinstance(brut, dict) or not brut:
        raise ErreurParametre(
            f"Fichier « {fichier.name} », clé « {cle} » : dictionnaire non vide « date: … » attendu.",
            fichier=fichier, cle=cle)
    resultat: dict[date, object] = {}
    for texte, valeur in brut.items():
        d = _lire_date(texte, fichier, f"{cle}.{texte}")
        resultat[d] = valeur
    return dict(sorted(resultat.items()))


def charger_fichier(chemin: Path | str) -> Parametre:
    """Lit et valide un fichier de paramètre ; le nom du paramètre est celui du fichier."""
    fichier = Path(chemin)
    nom = fichier.stem
    if not _RE_NOM.fullmatch(nom):
        raise ErreurParametre(
            f"Fichier « {fichier.name} » : nom de paramètre invalide (snake_case ASCII attendu).",
            fichier=fichier)
    try:
        texte = fichier.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ErreurParametre(f"Fichier « {fichier.name} » : YAML illisible ({exc}).",
                              fichier=fichier) from None
    contenu = lire_yaml(texte, "parametres", lambda t: _lire_yaml(t, fichier))
    if not isinstance(contenu, dict):
        raise ErreurParametre(f"Fichier « {fichier.name} » : un dictionnaire YAML est attendu.",
                              fichier=fichier)

    permises = CLES_OBLIGATOIRES + CLES_FACULTATIVES
    for cle in contenu:
        if cle not in permises:
            raise ErreurParametre(
                f"Fichier « {fichier.name} » : clé inconnue « {cle} » (clés permises : "
                f"{', '.join(permises)}).", fichier=fichier, cle=str(cle))
    for cle in CLES_OBLIGATOIRES:
        if cle not in contenu:
            raise ErreurParametre(f"Fichier « {fichier.name} » : clé obligatoire « {cle} » absente.",
                                  fichier=fichier, cle=cle)

    description = contenu["description"]
    if not isinstance(description, str) or not description.strip():
        raise ErreurParametre(f"Fichier « {fichier.name} », clé « description » : texte non vide attendu.",
                              fichier=fichier, cle="description")
    unite = contenu["unite"]
    if unite not in UNITES:
        raise ErreurParametre(
            f"Fichier « {fichier.name} », clé « unite » : unité inconnue « {unite} » (unités permises : "
            f"{', '.join(sorted(UNITES))}).", fichier=fichier, cle="unite")
    note = contenu.get("note")
    if note is not None and (not isinstance(note, str) or not note.strip()):
        raise ErreurParametre(f"Fichier « {fichier.name} », clé « note » : texte non vide attendu.",
                              fichier=fichier, cle="note")

    valeurs_brutes = _lire_dictionnaire_date(contenu["valeurs"], fichier, "valeurs")
    references_brutes = _lire_dictionnaire_date(contenu["references"], fichier, "references")
    for d in valeurs_brutes:
        if d not in references_brutes:
            raise ErreurParametre(
                f"Fichier « {fichier.name} », clé « valeurs.{d.isoformat()} » : valeur sans référence "
                f"(ajouter « references.{d.isoformat()} »).", fichier=fichier, cle=f"valeurs.{d.isoformat()}")
    for d in references_brutes:
        if d not in valeurs_brutes:
            raise ErreurParametre(
                f"Fichier « {fichier.name} », clé « references.{d.isoformat()} » : référence sans valeur "
                "à la même date.", fichier=fichier, cle=f"references.{d.isoformat()}")

    valeurs = tuple((d, _lire_valeur(unite, v, fichier, f"valeurs.{d.isoformat()}"))
                    for d, v in valeurs_brutes.items())
    references = tuple((d, _lire_reference(r, fichier, f"references.{d.isoformat()}"))
                       for d, r in references_brutes.items())

    fin = None
    if "derniere_valeur_valable_le" in contenu:
        fin = _lire_date(contenu["derniere_valeur_valable_le"], fichier, "derniere_valeur_valable_le")
        if fin < valeurs[-1][0]:
            raise ErreurParametre(
                f"Fichier « {fichier.name} », clé « derniere_valeur_valable_le » : {fin.isoformat()} est "
                f"antérieure à la dernière date d'effet {valeurs[-1][0].isoformat()}.",
                fichier=fichier, cle="derniere_valeur_valable_le")

    return Parametre(nom=nom, description=description.strip(), unite=unite, valeurs=valeurs,
                     references=references, derniere_valeur_valable_le=fin,
                     note=note.strip() if note else None)


def charger_repertoire(repertoire: Path | str) -> dict[str, Parametre]:
    """Charge tous les ``*.yaml`` d'un répertoire (triés par nom). Un ``*.yml`` est refusé."""
    dossier = Path(repertoire)
    if not dossier.is_dir():
        raise ErreurParametre(f"Répertoire de paramètres introuvable : « {dossier} ».", fichier=dossier)
    mal_nommes = sorted(p.name for p in dossier.glob("*.yml"))
    if mal_nommes:
        raise ErreurParametre(
            f"Fichier « {mal_nommes[0]} » : extension .yml non reconnue, renommer en .yaml.",
            fichier=dossier / mal_nommes[0])
    return {p.stem: charger_fichier(p) for p in sorted(dossier.glob("*.yaml"))}


@functools.cache
def _parametres() -> dict[str, Parametre]:
    return charger_repertoire(REPERTOIRE_DONNEES)


# ---------------------------------------------------------------------------------------------------
# API
# ---------------------------------------------------------------------------------------------------

def parametre(nom: str) -> Parametre:
    """Le paramètre ``nom`` ; ``ParametreInconnu`` (avec suggestion) s'il n'existe pas."""
    tous_parametres = _parametres()
    try:
        return tous_parametres[nom]
    except (KeyError, TypeError):
        proches = difflib.get_close_matches(str(nom), list(tous_parametres), n=1)
        suggestion = f" Vouliez-vous dire « {proches[0]} » ?" if proches else ""
        raise ParametreInconnu(f"Paramètre inconnu « {nom} ».{suggestion}", nom=str(nom)) from None


def value_at(nom: str, d: date) -> Valeur | list[str]:
    """Valeur du paramètre ``nom`` en vigueur le jour ``d`` ; ``HorsPeriodeModelisee`` hors période."""
    return parametre(nom).value_at(d)


def reference_at(nom: str, d: date) -> Reference:
    """Référence juridique de la valeur du paramètre ``nom`` en vigueur le jour ``d``."""
    return parametre(nom).reference_at(d)


def noms() -> list[str]:
    """Noms de tous les paramètres, triés."""
    return sorted(_parametres())


def tous() -> dict[str, Parametre]:
    """Tous les paramètres (copie du dictionnaire ; les ``Parametre`` sont immuables)."""
    return dict(_parametres())


def valeur_texte(valeur: Valeur | list[str]) -> str:
    """Forme texte stable d'une valeur : « 0.75 », « 2/3 », « 1234567 », « oui »/« non », « a, b »."""
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, list | tuple):
        return ", ".join(valeur)
    return str(valeur)


def utilise(nom: str, d: date) -> dict[str, str]:
    """Trace d'un paramètre utilisé par un constat : nom, valeur (texte), date d'effet ISO, article."""
    p = parametre(nom)
    return {
        "nom": nom,
        "valeur": valeur_texte(p.value_at(d)),
        "en_vigueur_depuis": p.date_effet_at(d).isoformat(),
        "reference": p.reference_at(d).article,
    }


def pass_annuel_centimes(annee: int) -> int:
    """PASS de l'année ``annee`` en centimes (valeur au 1er janvier)."""
    if isinstance(annee, bool) or not isinstance(annee, int):
        raise TypeError(f"Année entière attendue, reçu {annee!r}.")
    valeur = value_at(PASS, date(annee, 1, 1))
    assert isinstance(valeur, int)
    return valeur


def annees_modelisees(parametres: Mapping[str, Parametre] | None = None) -> list[int]:
    """Années civiles entièrement couvertes par tous les paramètres (du 1er janvier au 31 décembre)."""
    ensemble = _parametres() if parametres is None else parametres
    if not ensemble:
        return []
    premiere = max(p.debut for p in ensemble.values())
    annee_debut = premiere.year if premiere == date(premiere.year, 1, 1) else premiere.year + 1
    fins = [p.derniere_valeur_valable_le for p in ensemble.values() if p.derniere_valeur_valable_le]
    if fins:
        derniere = min(fins)
        annee_fin = derniere.year if derniere == date(derniere.year, 12, 31) else derniere.year - 1
    else:
        annee_fin = max(d.year for p in ensemble.values() for d, _ in p.valeurs)
    return list(range(annee_debut, annee_fin + 1))
