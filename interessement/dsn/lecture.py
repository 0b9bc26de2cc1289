"""Lecture stricte des DSN mensuelles d'un exercice : salaire, jours d'inscription et absences de chaque salarié.

Deux temps :

1. :func:`lire_fichier_dsn` lit un fichier : chaque ligne non vide doit être ``RUBRIQUE,'valeur'`` ; les dates
   (JJMMAAAA) et montants des rubriques utilisées sont contrôlés ; les blocs sont rattachés à l'individu
   (S21.G00.30) qui les précède. Toute ligne illisible est signalée par fichier et numéro de ligne, jamais par
   une trace Python ; un fichier fautif ne donne aucun salarié (un salaire incomplet fausserait la répartition).
2. :func:`lire_dsn` réunit les mois : un salarié est reconnu par son matricule (S21.G00.30.019), à défaut son
   NIR ; ses jours d'inscription à l'effectif sont la réunion de ses contrats (S21.G00.40.001 à
   S21.G00.62.001) dans l'exercice ; son salaire la somme des rémunérations brutes non plafonnées
   (S21.G00.51.011 = 001) dont la période commence dans l'exercice ; ses absences les jours d'arrêt
   (S21.G00.60 : du lendemain du dernier jour travaillé à la veille de la reprise, à défaut à la fin
   prévisionnelle) et de suspension (S21.G00.65), comptés une fois chacun, dans l'exercice et sous contrat.
   Un arrêt déclaré dans plusieurs mois (arrêt long, prolongation) est compté une fois, avec ses dates du mois
   le plus récent.

Le résultat a la forme de la lecture d'un fichier CSV (``salaries_pour_versement``) : la répartition, les
fiches et le contrôle sont les mêmes quelle que soit la source. Rien n'est écrit sur disque.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..bornes import SALARIES_MAX
from ..entrees import _trop_gros, lire_octets, raison_systeme, sans_ramasse_miettes
from ..erreurs import ErreurEntree
from . import norme

__all__ = ["ErreurDSN", "FichierDSN", "LectureDSN", "est_dsn", "lire_dsn", "lire_fichier_dsn"]

TAILLE_MAX_OCTETS = 50_000_000
ERREURS_MAX_PAR_FICHIER = 50
_LIGNE = re.compile(r"^(S\d{2}\.G\d{2}\.\d{2}\.\d{3}),'(.*)'$")
_RUBRIQUE_SEULE = re.compile(r"^(S\d{2}\.G\d{2}\.\d{2}\.\d{3}),")
_DATE = re.compile(r"^\d{8}$")
_MONTANT = re.compile(r"^-?\d{1,12}(\.\d{1,2})?$")
MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre")
Exercice = tuple[date, date]


@dataclass(frozen=True)
class ErreurDSN:
    fichier: str
    ligne: int  # 0 : le fichier entier
    message: str

    def __str__(self) -> str:
        if self.ligne == 0:
            return f"{self.fichier} : {self.message}"
        return f"{self.fichier}, ligne {self.ligne} : {self.message}"


@dataclass(slots=True)
class Contrat:
    debut: date
    numero: str
    ligne: int
    fin: date | None = None
    motif_rupture: str | None = None


@dataclass(slots=True)
class Remuneration:
    debut: date | None
    fin: date | None
    type: str
    montant_centimes: int
    ligne: int


@dataclass(slots=True)
class Absence:
    """Un arrêt (S21.G00.60) ou une autre suspension (S21.G00.65), en jours calendaires [debut, fin]."""

    bloc: str  # "60" ou "65"
    motif: str
    debut: date
    fin: date | None
    ligne: int
    reference: date  # dernier jour travaillé (60) ou début (65) : identifie l'absence d'un mois à l'autre

    @property
    def code(self) -> str:
        return norme.code_arret(self.motif) if self.bloc == "60" else norme.code_suspension(self.motif)


@dataclass(slots=True)
class Individu:
    ligne: int
    nir: str = ""
    nom: str = ""
    prenoms: str = ""
    matricule: str = ""
    contrats: list[Contrat] = field(default_factory=list)
    remunerations: list[Remuneration] = field(default_factory=list)
    absences: list[Absence] = field(default_factory=list)

    @property
    def cle(self) -> str:
        return self.matricule or self.nir


@dataclass
class FichierDSN:
    nom: str
    mois: date | None = None
    siren: str = ""
    individus: list[Individu] = field(default_factory=list)
    erreurs: list[ErreurDSN] = field(default_factory=list)
    lignes: int = 0


@dataclass
class LectureDSN:
    """Les salariés (dictionnaires de ``SalarieVersement``), les erreurs et ce qui mérite attention.

    ``details`` : par identifiant, ce que la page montre d'un salarié (absences par motif DSN, fin de contrat et
    motif de rupture, mois déclarés) ; ``mois`` : les mois principaux déclarés lus."""

    salaries: list[dict[str, Any]] = field(default_factory=list)
    erreurs: list[ErreurDSN] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)
    details: dict[str, dict[str, Any]] = field(default_factory=dict)
    mois: list[date] = field(default_factory=list)
    fichiers: list[str] = field(default_factory=list)
    sirens: set[str] = field(default_factory=set)
    format: str = "dsn"

    @property
    def ok(self) -> bool:
        return not self.erreurs


# ------------------------------------------------------------------------------------------------- un fichier


def est_dsn(donnees: bytes) -> bool:
    """Le contenu commence-t-il comme une DSN (une rubrique « Sxx.Gxx.xx.xxx, ») ?"""
    debut = donnees[:200].lstrip(b"\xef\xbb\xbf \r\n\t")
    return re.match(rb"S\d{2}\.G\d{2}\.\d{2}\.\d{3},", debut) is not None


def _decoder(donnees: bytes) -> str:
    if donnees.startswith(b"\xef\xbb\xbf"):
        donnees = donnees[3:]
    try:
        return donnees.decode("utf-8")
    except UnicodeDecodeError:
        return donnees.decode("latin-1")  # ISO 8859-1 : tout octet est un caractère


@lru_cache(maxsize=4096)
def _date(valeur: str) -> date:
    if not _DATE.match(valeur):
        raise ValueError("date attendue au format JJMMAAAA (par exemple 01032026)")
    try:
        return date(int(valeur[4:]), int(valeur[2:4]), int(valeur[:2]))
    except ValueError:
        raise ValueError("date inexistante") from None


def _centimes(valeur: str) -> int:
    if not _MONTANT.match(valeur):
        raise ValueError("montant attendu en euros avec un point décimal (par exemple 2150.00)")
    try:
        return int(Decimal(valeur) * 100)
    except InvalidOperation:  # pragma: no cover - exclu par l'expression régulière
        raise ValueError("montant illisible") from None


def _extrait(texte: str) -> str:
    return texte if len(texte) <= 60 else texte[:57] + "…"


_BLOCS_LUS = {"S20.G00.05", "S21.G00.06", "S21.G00.30", "S21.G00.40", "S21.G00.51", "S21.G00.60", "S21.G00.62",
              "S21.G00.65"}


#: Une rubrique lue : (bloc « S21.G00.30 », rang « 002 », valeur, numéro de ligne — 0 en lecture rapide).
Entree = tuple[str, str, str, int]


def _occurrences(entrees: Iterable[Entree]) -> Iterator[tuple[str, list[Entree]]]:
    """Découpe la suite des rubriques en occurrences de blocs : un bloc commence quand l'identifiant de bloc
    change, ou quand une rubrique n'est pas après la précédente dans le même bloc (nouvelle occurrence). En flux :
    chaque occurrence est rendue dès qu'elle est complète (les blocs que le lecteur n'utilise pas ne sont pas gardés)."""
    bloc_courant, rang_courant = "", ""
    courant: list[Entree] | None = None
    lus = _BLOCS_LUS
    for entree in entrees:
        bloc, rang = entree[0], entree[1]  # rangs à trois chiffres : l'ordre des textes est celui des nombres
        if bloc == bloc_courant and rang > rang_courant:
            if courant is not None:
                courant.append(entree)
        else:
            if courant is not None:
                yield bloc_courant, courant
            bloc_courant = bloc
            courant = [entree] if bloc in lus else None
        rang_courant = rang
    if courant is not None:
        yield bloc_courant, courant


#: Chaque ligne « RUBRIQUE,'valeur' » : (bloc, rang, valeur) pour les blocs lus, ("", "", "") pour les autres (elles
#: séparent les blocs) ; une ligne d'une autre forme n'est pas trouvée, ce que le décompte des lignes révèle.
_LIGNES = re.compile(r"^[ \t]*(?:(S20\.G00\.05|S21\.G00\.(?:06|30|40|51|60|62|65))\.(\d{3}),'(.*)'"
                     r"|S\d{2}\.G\d{2}\.\d{2}\.\d{3},'.*')[ \t]*$", re.M)
_NON_VIDES = re.compile(r"^[ \t]*\S", re.M)
#: Les fins de ligne que ``str.splitlines`` (la lecture ligne à ligne) reconnaît en plus de « \n ».
_SEPARATEURS_RARES = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_CONTROLEES = norme.DATES | norme.MONTANTS


class _Irreguliere(Exception):
    """Un morceau du fichier n'a pas que des lignes « RUBRIQUE,'valeur' » ordinaires : lecture ligne à ligne."""


def _entrees_rapides(textes: Iterable[str], compte: list[int]) -> Iterator[Entree]:
    """Les rubriques, morceau par morceau (une expression régulière sur chaque morceau de lignes entières) ; lève
    ``_Irreguliere`` si une ligne n'a pas la forme d'une rubrique : la lecture ligne à ligne dit alors laquelle,
    avec son numéro. Les dates et montants sont contrôlés à l'analyse des blocs (une erreur y renvoie aussi à la
    lecture ligne à ligne). ``compte[0]`` : le nombre de rubriques lues."""
    for texte in textes:
        texte = texte.replace("\r\n", "\n")  # un morceau finit par « \n » : « \r\n » n'est jamais coupé
        if any(c in texte for c in _SEPARATEURS_RARES):  # un caractère : recherche en C, bien plus rapide qu'une regex
            raise _Irreguliere
        trouvees = _LIGNES.findall(texte)
        lignes = texte.count("\n") + (0 if texte.endswith("\n") else 1)
        # Une ligne non vide donne au plus une rubrique : toutes le sont si les deux nombres sont égaux.
        if len(trouvees) != lignes and len(trouvees) != len(_NON_VIDES.findall(texte)):
            raise _Irreguliere
        compte[0] += len(trouvees)
        yield from trouvees  # (bloc, rang, valeur) : le numéro de ligne manque (0)


def _entrees_lentes(textes: Iterable[str], refuser: Any, compte: list[int]) -> Iterator[Entree]:
    """Chaque ligne avec son numéro ; une ligne illisible, une date ou un montant mal écrit est signalé."""
    numero = 0
    for texte in textes:
        for brute in texte.splitlines():  # un morceau finit par une fin de ligne : numéros ceux du fichier entier
            numero += 1
            ligne = brute.strip()
            if not ligne:
                continue
            m = _LIGNE.match(ligne)
            if m is None:
                if _RUBRIQUE_SEULE.match(ligne):
                    refuser(numero, f"valeur mal écrite « {_extrait(ligne)} » : elle doit être entre apostrophes, "
                                    "par exemple S21.G00.30.002,'DUPONT'.")
                else:
                    refuser(numero, f"ligne illisible « {_extrait(ligne)} » : une ligne de DSN s'écrit "
                                    "RUBRIQUE,'valeur' (par exemple S21.G00.30.002,'DUPONT').")
                continue
            rubrique, valeur = m.group(1), m.group(2)
            if rubrique in _CONTROLEES:
                try:
                    _date(valeur) if rubrique in norme.DATES else _centimes(valeur)
                except ValueError as exc:
                    refuser(numero, f"{rubrique} ({norme.RUBRIQUES[rubrique]}) : « {_extrait(valeur)} » — {exc}.")
                    continue
            compte[0] += 1
            yield rubrique[:10], rubrique[11:], valeur, numero


def _numero(entree: Entree) -> int:
    return entree[3] if len(entree) > 3 else 0


def _analyser(fichier: FichierDSN, entrees: Iterable[Entree], refuser: Any) -> None:
    """Les blocs rattachés à leur individu, au fil de la lecture ; une rubrique obligatoire absente ou une date
    incohérente est signalée."""
    individu: Individu | None = None
    for bloc, rubriques in _occurrences(entrees):
        v = {e[1]: e[2] for e in rubriques}  # rang → valeur
        premiere = _numero(rubriques[0])

        if bloc == "S20.G00.05":
            if "005" in v:
                fichier.mois = _date(v["005"]).replace(day=1)
            continue
        if bloc == "S21.G00.06":
            fichier.siren = v.get("001", fichier.siren)
            continue
        if bloc == "S21.G00.30":
            individu = Individu(ligne=premiere, nir=v.get("001", "").strip(), nom=v.get("002", "").strip(),
                                prenoms=v.get("004", "").strip(), matricule=v.get("019", "").strip())
            if not individu.cle:
                refuser(premiere, "individu (bloc S21.G00.30) sans matricule (S21.G00.30.019) ni NIR "
                                  "(S21.G00.30.001) : impossible de le reconnaître d'un mois à l'autre.")
            fichier.individus.append(individu)
            if len(fichier.individus) > SALARIES_MAX:
                raise _TropDeSalaries
            continue
        if individu is None:
            refuser(premiere, f"bloc {bloc} avant tout individu (bloc S21.G00.30).")
            continue

        def ligne_de(rang: str, _rubriques: list[Entree] = rubriques, _p: int = premiere) -> int:
            return next((_numero(e) for e in _rubriques if e[1] == rang), _p)

        def exiger(rang: str, _v: dict[str, str] = v, _bloc: str = bloc, _p: int = premiere) -> str | None:
            if not _v.get(rang, "").strip():
                rubrique = f"{_bloc}.{rang}"
                refuser(_p, f"bloc {_bloc} sans la rubrique {rubrique} ({norme.RUBRIQUES[rubrique]}).")
                return None
            return _v[rang]

        if bloc == "S21.G00.40":
            debut = exiger("001")
            if debut is not None:
                individu.contrats.append(Contrat(_date(debut), v.get("009", ""), premiere))
        elif bloc == "S21.G00.62":
            fin = exiger("001")
            if fin is None:
                continue
            if not individu.contrats:
                refuser(premiere, "fin de contrat (bloc S21.G00.62) sans contrat (bloc S21.G00.40) qui la précède.")
                continue
            contrat = individu.contrats[-1]
            contrat.fin, contrat.motif_rupture = _date(fin), v.get("002")
            if contrat.fin < contrat.debut:
                refuser(ligne_de("001"), f"la fin du contrat ({contrat.fin:%d/%m/%Y}) précède son début "
                                         f"({contrat.debut:%d/%m/%Y}).")
        elif bloc == "S21.G00.51":
            montant, type_ = exiger("013"), exiger("011")
            if montant is None or type_ is None:
                continue
            debut, fin = v.get("001"), v.get("002")
            individu.remunerations.append(Remuneration(
                _date(debut) if debut else None, _date(fin) if fin else None, type_, _centimes(montant),
                ligne_de("013")))
        elif bloc == "S21.G00.60":
            motif, djt = exiger("001"), exiger("002")
            if motif is None or djt is None:
                continue
            dernier = _date(djt)
            reprise, prevue = v.get("010"), v.get("003")
            fin = _date(reprise) - timedelta(days=1) if reprise else (_date(prevue) if prevue else None)
            if fin is not None and fin <= dernier:
                if fin < dernier:
                    refuser(ligne_de("010" if reprise else "003"),
                            f"l'arrêt finit ({fin:%d/%m/%Y}) avant le dernier jour travaillé ({dernier:%d/%m/%Y}).")
                continue
            individu.absences.append(Absence("60", motif, dernier + timedelta(days=1), fin, premiere, dernier))
        else:  # S21.G00.65
            motif, debut = exiger("001"), exiger("002")
            if motif is None or debut is None:
                continue
            d = _date(debut)
            fin_txt = v.get("003")
            fin = _date(fin_txt) if fin_txt else None
            if fin is not None and fin < d:
                refuser(ligne_de("003"), f"la suspension finit ({fin:%d/%m/%Y}) avant de commencer ({d:%d/%m/%Y}).")
                continue
            individu.absences.append(Absence("65", motif, d, fin, premiere, d))


#: Taille des morceaux lus d'un coup (256 kio) : la mémoire de la lecture ne dépend pas de la taille du fichier ;
#: les rubriques d'un morceau (tuples de textes) en occupent une douzaine de fois plus.
TAILLE_MORCEAU = 1 << 18
_BOM = b"\xef\xbb\xbf"
_FIN_INTROUVABLE = ("rubrique S20.G00.05.005 (date du mois principal déclaré) introuvable : est-ce bien une DSN "
                    "mensuelle ?")


def _ouvrir(source: Any, nom: str, taille_max: int) -> Callable[[], Iterator[bytes]]:
    """De quoi relire les octets de ``source`` par morceaux, autant de fois qu'il le faut : un chemin est lu sur
    disque à chaque passage (jamais gardé entier en mémoire), des octets ou un fichier ouvert sont découpés."""
    if isinstance(source, str | Path):
        chemin = Path(source)
        try:
            taille = chemin.stat().st_size
        except OSError as exc:
            raise ErreurEntree(f"{nom} : lecture impossible ({raison_systeme(exc)}).") from None
        if taille > taille_max:
            raise _trop_gros(nom, taille, taille_max)

        def depuis_le_disque() -> Iterator[bytes]:
            lus = 0
            try:
                with chemin.open("rb") as f:
                    while morceau := f.read(TAILLE_MORCEAU):
                        lus += len(morceau)
                        if lus > taille_max:  # le fichier a grossi depuis
                            raise _trop_gros(nom, None, taille_max)
                        yield morceau
            except OSError as exc:
                raise ErreurEntree(f"{nom} : lecture impossible ({raison_systeme(exc)}).") from None
        return depuis_le_disque
    donnees, _ = lire_octets(source, nom, taille_max)

    def en_memoire() -> Iterator[bytes]:
        for i in range(0, len(donnees), TAILLE_MORCEAU):
            yield donnees[i:i + TAILLE_MORCEAU]
    return en_memoire


def _encodage(ouvrir: Callable[[], Iterator[bytes]]) -> str:
    """UTF-8 si tout le fichier l'est, sinon ISO 8859-1 (tout octet est un caractère), comme un décodage d'un coup."""
    decodeur = codecs.getincrementaldecoder("utf-8")()
    try:
        for morceau in ouvrir():
            decodeur.decode(morceau)
        decodeur.decode(b"", final=True)
    except UnicodeDecodeError:
        return "latin-1"
    return "utf-8"


def _textes(ouvrir: Callable[[], Iterator[bytes]], encodage: str) -> Iterator[str]:
    """Le texte par morceaux de lignes entières (chacun finit par « \\n », sauf le dernier), sans l'éventuel BOM."""
    decodeur = codecs.getincrementaldecoder(encodage)()
    reste: list[str] = []
    premier = True
    for morceau in ouvrir():
        if premier:
            premier = False
            morceau = morceau.removeprefix(_BOM)
        texte = decodeur.decode(morceau)
        fin = texte.rfind("\n")
        if fin < 0:
            reste.append(texte)
            continue
        yield "".join(reste) + texte[:fin + 1]
        reste = [texte[fin + 1:]]
    texte = "".join(reste) + decodeur.decode(b"", final=True)
    if texte:
        yield texte


def lire_fichier_dsn(source: Any, nom_fichier: str | None = None,
                     taille_max_octets: int = TAILLE_MAX_OCTETS) -> FichierDSN:
    """Lit une DSN mensuelle (chemin, octets ou fichier ouvert). Ne lève rien : tout est dans ``erreurs``.

    Lecture en flux, par morceaux d'un mégaoctet : ni le texte entier ni la liste de ses rubriques ne sont gardés,
    seuls les individus lus. Un premier passage rapide (une expression régulière par morceau, sans numéros de
    ligne) suffit pour une DSN correcte ; si une ligne ou une valeur est fautive, le fichier est relu ligne à ligne
    pour que chaque message cite son numéro de ligne."""
    nom = nom_fichier or (Path(source).name if isinstance(source, str | Path) else "fichier DSN")
    fichier = FichierDSN(nom=nom)
    erreurs = fichier.erreurs

    def refuser(numero: int, message: str) -> None:
        erreurs.append(ErreurDSN(nom, numero, message))
        if len(erreurs) >= ERREURS_MAX_PAR_FICHIER:
            # Au-delà, ce n'est plus une DSN à corriger : la lecture s'arrête (un fichier de 20 Mo de lignes
            # fautives gardait 10 millions d'erreurs, 3,5 Go et 23 s ; issue 13).
            raise _TropDErreurs

    def recommencer() -> None:
        erreurs.clear()
        fichier.individus.clear()
        fichier.mois, fichier.siren, fichier.lignes = None, "", 0

    try:
        with sans_ramasse_miettes():
            return _lire_fichier(fichier, source, nom, taille_max_octets, refuser, recommencer)
    except ErreurEntree as exc:
        recommencer()
        erreurs.append(ErreurDSN(nom, 0, exc.message.removeprefix(f"{nom} : ")))
        return fichier
    except _TropDErreurs:
        return _arret(fichier)
    except _TropDeSalaries:
        fichier.individus.clear()
        erreurs.append(ErreurDSN(nom, 0, f"plus de {SALARIES_MAX:_} salariés déclarés : au-delà du plus grand effectif "
                                         "admis (SALARIES_MAX, interessement/bornes.py).".replace("_", "\u00a0")))
        del erreurs[ERREURS_MAX_PAR_FICHIER:]
        return fichier


def _lire_fichier(fichier: FichierDSN, source: Any, nom: str, taille_max_octets: int, refuser: Any,
                  recommencer: Callable[[], None]) -> FichierDSN:
    """Les passages sur le fichier ; lève ``ErreurEntree``, ``_TropDErreurs`` ou ``_TropDeSalaries``."""
    erreurs = fichier.erreurs
    ouvrir = _ouvrir(source, nom, taille_max_octets)
    premier = next(ouvrir(), b"")
    if b"\x00" in premier[:4096]:
        erreurs.append(ErreurDSN(nom, 0, "fichier binaire : une DSN est un fichier texte (une rubrique par "
                                         "ligne, par exemple S21.G00.30.002,'DUPONT')."))
        return fichier
    encodage = _encodage(ouvrir)
    try:
        _lire(fichier, ouvrir, encodage, refuser, rapide=True)
    except (_Irreguliere, ValueError):  # une ligne, une date ou un montant illisible en lecture rapide
        recommencer()
        erreurs.append(ErreurDSN(nom, 0, "valeur illisible"))
    if erreurs:  # les numéros de ligne, pour les messages : la lecture ligne à ligne
        recommencer()
        _lire(fichier, ouvrir, encodage, refuser, rapide=False)
    del erreurs[ERREURS_MAX_PAR_FICHIER:]
    return fichier


def _lire(fichier: FichierDSN, ouvrir: Callable[[], Iterator[bytes]], encodage: str, refuser: Any, *,
          rapide: bool) -> None:
    """Un passage sur le fichier. Rapide : rubriques et analyse des blocs ensemble (lève ``_Irreguliere`` ou
    ``ValueError`` à la première ligne ou valeur fautive). Lent : toutes les lignes sont d'abord contrôlées (chaque
    faute avec son numéro de ligne), puis, s'il n'y en a aucune, analysées dans un second passage."""
    compte = [0]
    if rapide:
        _analyser(fichier, _entrees_rapides(_textes(ouvrir, encodage), compte), refuser)
    else:
        for _ in _entrees_lentes(_textes(ouvrir, encodage), refuser, compte):
            pass
        if fichier.erreurs:
            fichier.lignes = compte[0]
            return
        if compte[0]:
            compte = [0]
            _analyser(fichier, _entrees_lentes(_textes(ouvrir, encodage), refuser, compte), refuser)
    fichier.lignes = compte[0]
    if not compte[0]:
        if not fichier.erreurs:
            refuser(0, "fichier vide : aucune rubrique DSN.")
    elif fichier.mois is None and not fichier.erreurs:
        refuser(0, _FIN_INTROUVABLE)


class _TropDeSalaries(Exception):
    """Plus de ``SALARIES_MAX`` individus dans une DSN : la lecture s'arrête."""


class _TropDErreurs(Exception):
    """Le nombre d'erreurs d'un fichier atteint ``ERREURS_MAX_PAR_FICHIER`` : la lecture s'arrête."""


def _arret(fichier: FichierDSN) -> FichierDSN:
    fichier.individus.clear()
    fichier.erreurs.append(ErreurDSN(fichier.nom, 0, f"lecture arrêtée après {ERREURS_MAX_PAR_FICHIER} erreurs : "
                                                      "vérifiez qu'il s'agit bien d'une DSN mensuelle."))
    return fichier


# ------------------------------------------------------------------------------------------------ les 12 mois


def _nom_mois(d: date) -> str:
    return f"{MOIS[d.month - 1]} {d.year}"


def _mois_de(exercice: Exercice) -> list[date]:
    debut, fin = exercice
    mois, courant = [], debut.replace(day=1)
    while courant <= fin:
        mois.append(courant)
        courant = (courant + timedelta(days=32)).replace(day=1)
    return mois


def _fin_du_mois(d: date) -> date:
    return (d.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)


@dataclass
class _Cumul:
    nom: str = ""
    nir: str = ""
    contrats: dict[tuple[date, str], tuple[date, Contrat]] = field(default_factory=dict)
    absences: dict[tuple[str, str, date], tuple[date, Absence]] = field(default_factory=dict)
    salaire_centimes: int = 0
    hors_exercice_centimes: int = 0
    mois: set[date] = field(default_factory=set)


def lire_dsn(sources: Iterable[Any], exercice: Exercice, *, noms: Sequence[str] | None = None) -> LectureDSN:
    """Lit les DSN mensuelles ``sources`` (chemins, octets ou fichiers ouverts ; ``noms`` pour des octets) et
    donne chaque salarié de l'exercice ``(début, fin)``. Ne lève rien : tout est dans ``erreurs``."""
    lecture = LectureDSN()
    sources = list(sources)
    noms = list(noms) if noms is not None else [None] * len(sources)
    fichiers = [lire_fichier_dsn(s, n) for s, n in zip(sources, noms, strict=True)]
    lecture.fichiers = [f.nom for f in fichiers]
    for f in fichiers:
        lecture.erreurs.extend(f.erreurs)
    if not fichiers:
        lecture.erreurs.append(ErreurDSN("DSN", 0, "aucun fichier DSN donné."))
    if lecture.erreurs:
        return lecture
    debut_ex, fin_ex = exercice
    vus: dict[tuple[str, date], str] = {}
    for f in fichiers:
        assert f.mois is not None
        cle = (f.siren, f.mois)
        if cle in vus:
            lecture.erreurs.append(ErreurDSN(f.nom, 0, f"deuxième DSN du mois de {_nom_mois(f.mois)} (déjà lu dans "
                                                       f"« {vus[cle]} ») : chaque mois ne doit être donné qu'une fois."))
        vus[cle] = f.nom
    if lecture.erreurs:
        return lecture
    lecture.mois = sorted({f.mois for f in fichiers if f.mois})
    lecture.sirens = {f.siren for f in fichiers}
    if len(lecture.sirens - {""}) > 1:
        lecture.avertissements.append(
            "Les DSN viennent de plusieurs entreprises (SIREN " + ", ".join(sorted(lecture.sirens - {""})) + ") : "
            "l'intéressement se calcule entreprise par entreprise, sauf accord de groupe.")
    hors = [m for m in lecture.mois if not (debut_ex.replace(day=1) <= m <= fin_ex)]
    if hors:
        lecture.avertissements.append(
            "DSN d'un mois hors de l'exercice (" + ", ".join(_nom_mois(m) for m in hors) + ") : seules les périodes "
            f"de l'exercice (du {debut_ex:%d/%m/%Y} au {fin_ex:%d/%m/%Y}) sont comptées.")
    manquants = [m for m in _mois_de(exercice) if m not in lecture.mois]
    if manquants:
        lecture.avertissements.append(
            "Mois de l'exercice sans DSN : " + ", ".join(_nom_mois(m) for m in manquants) + ". Les salaires de ces "
            "mois manquent et les contrats et absences sont ceux des mois lus : ajoutez ces DSN avant de calculer.")

    cumuls: dict[str, _Cumul] = {}
    for f in sorted(fichiers, key=lambda x: x.mois or date.min):
        mois = f.mois or date.min
        for ind in f.individus:
            c = cumuls.setdefault(ind.cle, _Cumul())
            c.nom = " ".join(x for x in (ind.prenoms, ind.nom) if x) or c.nom
            c.nir = ind.nir or c.nir
            c.mois.add(mois)
            for contrat in ind.contrats:
                c.contrats[(contrat.debut, contrat.numero)] = (mois, contrat)  # le mois le plus récent l'emporte
            for a in ind.absences:
                c.absences[(a.bloc, a.motif, a.reference)] = (mois, a)
            for r in ind.remunerations:
                if r.type != norme.TYPE_REMUNERATION_BRUTE:
                    continue
                periode = r.debut or mois
                if debut_ex <= periode <= fin_ex:
                    c.salaire_centimes += r.montant_centimes
                else:
                    c.hors_exercice_centimes += r.montant_centimes

    dernier_mois = _fin_du_mois(lecture.mois[-1]) if lecture.mois else fin_ex
    sans_fin: list[str] = []
    tpt: list[str] = []
    inconnus: set[str] = set()
    for ident, c in sorted(cumuls.items()):
        jours: set[int] = set()  # jours sous contrat dans l'exercice (numéros ordinaux)
        entree: date | None = None
        sortie: date | None = None
        motif_rupture = None
        for _, contrat in c.contrats.values():
            a = max(contrat.debut, debut_ex)
            b = min(contrat.fin or fin_ex, fin_ex)
            entree = contrat.debut if entree is None else min(entree, contrat.debut)
            jours.update(range(a.toordinal(), b.toordinal() + 1))
        fins = [ct.fin for _, ct in c.contrats.values()]
        if fins and all(f is not None for f in fins):
            dernier = max(c.contrats.values(), key=lambda mc: mc[1].fin or date.min)[1]
            if dernier.fin is not None and dernier.fin <= fin_ex:
                sortie, motif_rupture = dernier.fin, dernier.motif_rupture
        if not c.contrats:
            lecture.erreurs.append(ErreurDSN("DSN", 0, f"salarié « {ident} » sans contrat (bloc S21.G00.40) : ses "
                                                       "jours d'inscription à l'effectif ne peuvent être comptés."))
            continue
        if not jours:
            continue  # contrats hors de l'exercice : pas dans l'effectif de l'exercice
        par_code: dict[str, int] = {}
        pris: set[int] = set()
        absences_detail = []
        for mois_decl, a in sorted(c.absences.values(), key=lambda ma: (ma[1].debut, ma[1].bloc, ma[1].motif)):
            if a.bloc == "60" and a.motif in norme.MOTIFS_TEMPS_PARTIEL_THERAPEUTIQUE:
                tpt.append(ident)
                continue
            fin = a.fin
            if fin is None:
                fin = _fin_du_mois(mois_decl) if mois_decl != date.min else dernier_mois
                sans_fin.append(ident)
            code = a.code
            if code.startswith(("arret_", "suspension_")):
                inconnus.add(code)
            periode = set(range(max(a.debut, debut_ex).toordinal(), min(fin, fin_ex).toordinal() + 1))
            periode = (periode & jours) - pris
            pris |= periode
            n = len(periode)
            if n:
                par_code[code] = par_code.get(code, 0) + n
                absences_detail.append({"code": code, "libelle": norme.libelle_absence(code), "bloc": a.bloc,
                                        "motif_dsn": a.motif, "debut": a.debut, "fin": fin, "jours": n})
        if c.salaire_centimes < 0:
            lecture.erreurs.append(ErreurDSN("DSN", 0, f"salarié « {ident} » : salaire brut de l'exercice négatif "
                                                       f"({c.salaire_centimes / 100:.2f} €) après régularisations."))
            continue
        lecture.salaries.append({
            "identifiant": ident, "nom": c.nom or None, "qualite": "salarie",
            "salaire_brut_centimes": c.salaire_centimes, "jours_inscrits": len(jours), "absences": par_code,
            "date_entree": entree, "date_sortie": sortie,
        })
        lecture.details[ident] = {"absences": absences_detail, "motif_rupture": motif_rupture,
                                  "mois_declares": sorted(m for m in c.mois if m != date.min),
                                  "hors_exercice_centimes": c.hors_exercice_centimes}
    if sans_fin:
        lecture.avertissements.append(
            "Arrêt ou suspension sans date de fin ni de reprise pour " + ", ".join(sorted(set(sans_fin))[:10])
            + " : compté jusqu'à la fin du dernier mois où il est déclaré.")
    if tpt:
        lecture.avertissements.append(
            "Temps partiel thérapeutique (S21.G00.60.001 = 15 à 18) pour " + ", ".join(sorted(set(tpt))[:10])
            + " : le salarié travaille, ces jours ne sont pas comptés comme des absences.")
    for code in sorted(inconnus):
        lecture.avertissements.append(
            f"Motif DSN sans équivalent connu ({norme.libelle_absence(code)}) : compté comme une absence non "
            "assimilée à de la présence, sauf si l'accord cite ce code.")
    if lecture.salaries and any(s["absences"] for s in lecture.salaries):
        lecture.avertissements.append(
            "Salaire retenu : les rémunérations brutes déclarées (S21.G00.51, type 001). Pour les absences assimilées "
            "à de la présence, l'accord retient le salaire que le salarié aurait perçu (R3314-3) : vérifiez-le "
            "pour les salariés concernés.")
    return lecture


def fichiers_de(chemins: Iterable[str | Path]) -> list[Path]:
    """Les fichiers désignés : un dossier donne ses fichiers (triés, fichiers cachés exclus)."""
    resultat: list[Path] = []
    for c in chemins:
        p = Path(c)
        if p.is_dir():
            resultat.extend(sorted(x for x in p.iterdir() if x.is_file() and not x.name.startswith(".")))
        else:
            resultat.append(p)
    return resultat
