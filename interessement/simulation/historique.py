"""L'historique des indicateurs : libellés de période, ordre chronologique, lecture d'un CSV « à la française ».

Un historique est une liste de ``ValeursPeriode`` (modele.py) : un libellé (« 2023 », « 2024-S1 »), la masse
salariale en centimes (facultative) et les valeurs des indicateurs. Les libellés reconnus :

- « 2024 » : exercice annuel (clos à la date de clôture des exercices de l'accord, l'année dite) ;
- « 2023-2024 » ou « 2023/2024 » : exercice à cheval, désigné par son année de clôture ;
- « 2024-S1 », « 2024-S2 » : semestres ; « 2024-T1 »… « 2024-T4 » (ou « Q1 »…) : trimestres ;
  « 2024-M01 »… « 2024-M12 » : mois.

Quand tous les libellés sont reconnus, l'historique est remis dans l'ordre chronologique et l'on sait si deux
périodes se suivent (une croissance par rapport à N-1 n'a de sens qu'entre périodes consécutives). Sinon,
l'ordre du fichier est conservé et chaque ligne est supposée suivre la précédente (le résultat le dit).

Le CSV : colonnes ``periode;masse_salariale;<codes des indicateurs>``, séparateur « ; » (tabulation ou
virgule acceptées), virgule décimale, espaces de milliers, « € » et « % » tolérés ; montants en euros
convertis en centimes (au plus deux décimales), cellule vide = valeur inconnue. Encodage UTF-8, ou
Windows-1252 (CSV d'Excel français). Toutes les erreurs sont rassemblées, chacune avec sa ligne et sa colonne.
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from dateutil.relativedelta import relativedelta

from .. import format as fmt
from ..bornes import LISTE_MAX
from ..entrees import lire_octets
from ..erreurs import ErreurEntree
from ..modele import (
    MONTANT_MAX_CENTIMES,
    TAILLE_MAX_OCTETS,
    Accord,
    Periode,
    PeriodeCalcul,
    ValeursPeriode,
    periodes_calcul,
)

MOIS_PAR_AN = 12

# Découpage de l'année selon la lettre du libellé : nombre de périodes par an.
_DECOUPAGES = {"S": 2, "T": 4, "Q": 4, "M": 12}
_RE_LIBELLE = re.compile(r"^\s*(\d{4})\s*(?:[-_/ ]\s*([STQM])\s*(\d{1,2}))?\s*$", re.IGNORECASE)
_RE_A_CHEVAL = re.compile(r"^\s*(\d{4})\s*[-/]\s*(\d{4})\s*$")


@dataclass(frozen=True)
class LibellePeriode:
    """Un libellé de période reconnu : année, rang dans l'année, nombre de périodes par an."""

    annee: int
    rang: int = 1
    par_an: int = 1

    @property
    def ordinal(self) -> int:
        """Numéro d'ordre : deux périodes consécutives ont des ordinaux consécutifs."""
        return self.annee * self.par_an + self.rang - 1

    @property
    def mois(self) -> int:
        """Durée de la période, en mois."""
        return MOIS_PAR_AN // self.par_an

    def fin(self, cloture: date) -> date:
        """Dernier jour de la période, les exercices étant clos au jour et au mois de ``cloture``."""
        lendemain_cloture = _cloture_de_l_annee(cloture, self.annee) + timedelta(days=1)
        return lendemain_cloture - relativedelta(months=(self.par_an - self.rang) * self.mois) - timedelta(days=1)


@functools.lru_cache(maxsize=256)
def _periodes(date_effet: date, cloture: date, mois: int, duree: int) -> tuple[PeriodeCalcul, ...]:
    periode = Periode(date_effet=date_effet, date_cloture_premier_exercice=cloture, periode_calcul_mois=mois,
                      duree_annees=duree)
    return tuple(periodes_calcul(periode))


def periodes_accord(accord: Accord) -> list[PeriodeCalcul]:
    """``accord.periodes()`` mémorisé selon les seules dates qui le déterminent (les périodes sont immuables)."""
    p = accord.periode
    return list(_periodes(p.date_effet, p.date_cloture_premier_exercice, p.periode_calcul_mois, p.duree_annees))


def _cloture_de_l_annee(cloture: date, annee: int) -> date:
    """La clôture de l'exercice de l'année ``annee`` (même jour et même mois que ``cloture``)."""
    return cloture + relativedelta(years=annee - cloture.year)


def lire_libelle(texte: str) -> LibellePeriode | None:
    """« 2024 » → annuel ; « 2024-S2 » → 2e semestre ; « 2023-2024 » → exercice clos en 2024 ; sinon None."""
    m = _RE_A_CHEVAL.match(texte)
    if m and int(m.group(2)) == int(m.group(1)) + 1:
        return LibellePeriode(int(m.group(2)))
    m = _RE_LIBELLE.match(texte)
    if not m:
        return None
    if m.group(2) is None:
        return LibellePeriode(int(m.group(1)))
    par_an = _DECOUPAGES[m.group(2).upper()]
    rang = int(m.group(3))
    if not 1 <= rang <= par_an:
        return None
    return LibellePeriode(int(m.group(1)), rang, par_an)


@dataclass
class HistoriqueOrdonne:
    """L'historique dans l'ordre chronologique, avec les libellés reconnus et ce qu'il faut en savoir."""

    lignes: list[ValeursPeriode]
    libelles: list[LibellePeriode | None]
    notes: list[str]

    @property
    def reconnus(self) -> bool:
        return all(lb is not None for lb in self.libelles)

    def consecutives(self, i: int) -> bool:
        """Vrai si la ligne ``i`` suit immédiatement la ligne ``i − 1`` (même découpage, période suivante)."""
        if i <= 0:
            return False
        a, b = self.libelles[i - 1], self.libelles[i]
        if a is None or b is None:
            return True  # ordre du fichier : supposées consécutives (dit dans les notes)
        return b.ordinal - a.ordinal == 1

    def fin(self, i: int, cloture: date) -> date | None:
        """Date de fin de la ligne ``i`` : ``date_fin`` si renseignée, sinon déduite du libellé."""
        ligne = self.lignes[i]
        if ligne.date_fin is not None:
            return ligne.date_fin
        lb = self.libelles[i]
        return None if lb is None else lb.fin(cloture)


def ordonner(historique: list[ValeursPeriode]) -> HistoriqueOrdonne:
    """Vérifie les libellés (pas de doublon, un seul découpage) et trie l'historique chronologiquement."""
    vus: set[str] = set()
    for ligne in historique:
        cle = ligne.periode.strip().casefold()
        if cle in vus:
            raise ErreurEntree(f"historique : la période « {ligne.periode} » figure deux fois.")
        vus.add(cle)
    libelles = [lire_libelle(lg.periode) for lg in historique]
    notes: list[str] = []
    if historique and all(lb is not None for lb in libelles):
        decoupages = {lb.par_an for lb in libelles if lb is not None}
        if len(decoupages) > 1:
            raise ErreurEntree(
                "historique : périodes de durées différentes mélangées (par exemple « 2023 » et « 2024-S1 ») ; "
                "utilisez un seul découpage."
            )
        paires = sorted(zip(libelles, historique, strict=True), key=lambda p: p[0].ordinal)  # type: ignore[union-attr]
        for (a, la), (b, lb_) in zip(paires, paires[1:], strict=False):
            if a is not None and b is not None and a.ordinal == b.ordinal:
                raise ErreurEntree(f"historique : « {la.periode} » et « {lb_.periode} » désignent la même période.")
        return HistoriqueOrdonne([p[1] for p in paires], [p[0] for p in paires], notes)
    if historique:
        illisibles = [lg.periode for lg, lb in zip(historique, libelles, strict=True) if lb is None]
        notes.append(
            f"Libellés de période non reconnus ({', '.join(illisibles[:3])}) : l'ordre du fichier est conservé "
            "et chaque période est supposée suivre la précédente."
        )
    return HistoriqueOrdonne(list(historique), [None] * len(historique), notes)


# ------------------------------------------------------------------------------------------------- CSV


def _normaliser_entete(texte: str) -> str:
    """« Masse salariale » → « masse_salariale » ; « Période » → « periode »."""
    sans_accent = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", sans_accent.strip().lower()).strip("_")


def nombre_francais(texte: str, separateur: str = ";") -> Decimal:
    """« 1 234 567,89 » / « −3 000 » / « (3 000) » / « 94,8 % » / « 12 500 € » → Decimal. ValueError sinon."""
    t = texte.strip()
    for c in ("\u00a0", "\u202f", " ", "€", "%"):
        t = t.replace(c, "")
    t = t.replace("\u2212", "-")
    negatif = t.startswith("(") and t.endswith(")")
    if negatif:
        t = t[1:-1]
    if separateur != ",":
        if "," in t and "." in t:
            t = t.replace(".", "")  # « 1.234,56 » : point des milliers
        t = t.replace(",", ".")
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", t):
        raise ValueError(f"nombre illisible « {texte.strip()} »")
    try:
        valeur = Decimal(t)
    except InvalidOperation as exc:  # pragma: no cover - exclu par l'expression régulière
        raise ValueError(f"nombre illisible « {texte.strip()} »") from exc
    return -valeur if negatif else valeur


def _euros_en_centimes(texte: str, separateur: str) -> int:
    valeur = nombre_francais(texte, separateur) * 100
    if valeur != valeur.to_integral_value():
        raise ValueError(f"montant au-delà du centime « {texte.strip()} » (deux décimales au plus)")
    return int(valeur)


def _decoder(brut: bytes, nom: str) -> str:
    try:
        return brut.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return brut.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ErreurEntree(
            f"{nom} : encodage illisible (ni UTF-8 ni Windows-1252, octet en position {exc.start}) ; "
            "enregistrez le fichier en CSV UTF-8."
        ) from exc


def lire_historique_csv(
    source: str | Path | bytes, *, accord: Accord | None = None, nom: str = "historique"
) -> list[ValeursPeriode]:
    """Lit un historique CSV (colonnes ``periode;masse_salariale;<indicateurs>``).

    Les montants (masse salariale, indicateurs en centimes dans l'accord) sont écrits en euros et convertis en
    centimes ; les indicateurs en pourcentage ou en nombre sont lus tels quels. Avec ``accord``, une colonne
    qui n'est pas un indicateur de l'accord est refusée (avec une suggestion). Toute erreur devient une
    ``ErreurEntree`` en français qui nomme la ligne et la colonne ; toutes les erreurs sont rassemblées.
    """
    brut, nom = lire_octets(source, None if isinstance(source, str | Path) else nom, TAILLE_MAX_OCTETS)
    texte = _decoder(brut, nom)
    entete = next((lg for lg in io.StringIO(texte) if lg.strip()), None)
    if entete is None:
        raise ErreurEntree(f"{nom} : le fichier est vide.")
    separateur = ";" if ";" in entete else "\t" if "\t" in entete else ","
    lecteur = csv.reader(io.StringIO(texte), delimiter=separateur)
    erreurs: list[str] = []
    colonnes: list[str] | None = None
    resultat: list[ValeursPeriode] = []
    unites = {i.code: i.unite for i in accord.indicateurs} if accord is not None else {}
    connus: set[str] = set(unites)
    if accord is not None:
        connus |= set(accord.formule.indicateurs_utilises())
    try:
        for cellules in lecteur:
            numero = lecteur.line_num
            if not any(c.strip() for c in cellules):
                continue
            if colonnes is None:
                colonnes = [_normaliser_entete(c) for c in cellules]
                erreurs += _verifier_entete(colonnes, connus if accord is not None else None)
                if erreurs:
                    break
                continue
            if len(cellules) != len(colonnes):
                erreurs.append(f"ligne {numero} : {len(cellules)} cellule(s) au lieu de {len(colonnes)} "
                               f"(séparateur « {separateur} » attendu entre les colonnes)")
                continue
            if len(resultat) >= LISTE_MAX:
                erreurs = [f"plus de {LISTE_MAX} périodes : un historique réel en compte quelques dizaines "
                           "(borne LISTE_MAX, interessement/bornes.py)"]
                break
            if len(erreurs) >= 100:  # au-delà, le message ne servirait plus à corriger le fichier
                break
            ligne = _lire_ligne(numero, colonnes, cellules, unites, separateur, erreurs)
            if ligne is not None:
                resultat.append(ligne)
    except csv.Error as exc:
        erreurs.append(f"ligne {lecteur.line_num} : CSV mal formé ({exc})")
    if not erreurs and not resultat:
        erreurs.append("aucune ligne de données sous l'en-tête")
    if not erreurs:
        vus: dict[str, int] = {}
        for ligne in resultat:
            cle = ligne.periode.casefold()
            if cle in vus:
                erreurs.append(f"période « {ligne.periode} » en double")
            vus[cle] = 1
    if erreurs:
        raise ErreurEntree(f"{nom} : historique illisible ({len(erreurs)} erreur(s)).", erreurs)
    return resultat


def _verifier_entete(colonnes: list[str], connus: set[str] | None) -> list[str]:
    erreurs = []
    if "periode" not in colonnes:
        erreurs.append("ligne 1 : colonne « periode » absente (en-tête attendu : periode;masse_salariale;<indicateurs>)")
    if "masse_salariale" not in colonnes:
        erreurs.append("ligne 1 : colonne « masse_salariale » absente (laissez les cellules vides si elle est inconnue)")
    for c in sorted({c for c in colonnes if colonnes.count(c) > 1}):
        erreurs.append(f"ligne 1 : colonne « {c} » en double")
    for rang, c in enumerate(colonnes, start=1):
        if not c:
            erreurs.append(f"ligne 1, colonne {rang} : en-tête vide")
        elif connus is not None and c not in connus and c not in ("periode", "masse_salariale"):
            proches = difflib.get_close_matches(c, sorted(connus), n=1)
            suggestion = f" ; vouliez-vous dire « {proches[0]} » ?" if proches else ""
            erreurs.append(f"ligne 1, colonne « {c} » : ce n'est pas un indicateur de l'accord "
                           f"(indicateurs : {', '.join(sorted(connus)) or 'aucun'}){suggestion}")
    return erreurs


def _lire_ligne(numero: int, colonnes: list[str], cellules: list[str], unites: dict[str, str],
                separateur: str, erreurs: list[str]) -> ValeursPeriode | None:
    avant = len(erreurs)
    periode = ""
    masse: int | None = None
    valeurs: dict[str, Decimal] = {}
    for colonne, cellule in zip(colonnes, cellules, strict=True):
        contenu = cellule.strip()
        if colonne == "periode":
            periode = contenu
            if not periode:
                erreurs.append(f"ligne {numero}, colonne « periode » : libellé de période vide")
            continue
        if not contenu:
            continue  # valeur inconnue
        try:
            if colonne == "masse_salariale":
                masse = _euros_en_centimes(contenu, separateur)
                if masse < 0:
                    raise ValueError(f"la masse salariale doit être positive ou nulle (reçu « {contenu} »)")
                if masse > MONTANT_MAX_CENTIMES:
                    raise ValueError(f"masse salariale démesurée (au plus {fmt.montant(MONTANT_MAX_CENTIMES)}) ; "
                                     "vérifiez le nombre de chiffres")
            elif unites.get(colonne, "centimes") == "centimes":
                valeurs[colonne] = Decimal(_euros_en_centimes(contenu, separateur))
            else:
                valeurs[colonne] = nombre_francais(contenu, separateur)
        except ValueError as exc:
            erreurs.append(f"ligne {numero}, colonne « {colonne} » : {exc}")
    if len(erreurs) > avant:
        return None
    return ValeursPeriode(periode=periode, masse_salariale_centimes=masse, valeurs=valeurs)
