"""Les résultats du validateur : un constat est une donnée, un rapport les rassemble.

Un ``Constat`` porte l'identifiant stable de la règle (REGLES.md §2), sa sévérité, sa portée, un message
français rendu à partir des valeurs constatée et attendue, les références juridiques, le chemin du ou des
champs en cause, les paramètres légaux utilisés (avec leur date d'effet) et une suggestion de correction.

Un ``Rapport`` collecte tout (jamais d'arrêt au premier problème) : les constats, les règles non applicables
(avec la raison), les règles qui n'ont pas pu décider (entrée manquante, date hors période modélisée, erreur
interne), et les points « à vérifier » : ce qu'une règle n'a pas pu établir sur les données qu'elle voit (un fait
qui ne se lit que dans le texte signé ou dans les pièces du dépôt), avec ce qu'il faut y chercher.

Statut : « non conforme » (au moins un constat bloquant) ; sinon « indéterminé » (une règle n'a pas pu s'appliquer) ;
sinon « à vérifier » (un point à vérifier qui, s'il se révélait contraire, serait bloquant — par exemple un
document retouché : le texte signé prévaut et doit être relu) ; sinon « conforme ». Un point à vérifier de portée
d'avertissement ne retire pas le statut « conforme » (qui dit : aucun constat bloquant), mais il est toujours listé.

Les valeurs constatées et attendues sont rendues en français pour les personnes (« 5 000,00 € », « 95 % »,
« 1,33 × TMOP », « 30 juin 2026 ») ; le JSON garde à côté la valeur brute pour les machines (``observe_brut``).
Les montants sont marqués ``Montant(centimes)``, les taux ``Taux(decimal)`` : ils se comparent comme des nombres.
"""

from __future__ import annotations

import functools
import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from interessement import format as fmt
from interessement.assainir import EcrivainTableur

from .ids import IDS_REGLES

BLOQUANT = "BLOQUANT"
AVERTISSEMENT = "AVERTISSEMENT"
INFORMATION = "INFORMATION"
SEVERITES = (BLOQUANT, AVERTISSEMENT, INFORMATION)

ACCORD = "accord"
PERIODE = "période"
BENEFICIAIRE = "bénéficiaire"
EXCEDENT = "excédent"
PORTEES = (ACCORD, PERIODE, BENEFICIAIRE, EXCEDENT)

CONFORME = "conforme"
NON_CONFORME = "non conforme"
INDETERMINE = "indéterminé"
A_VERIFIER = "à vérifier"
STATUTS = (CONFORME, NON_CONFORME, INDETERMINE, A_VERIFIER)

# Nature d'une règle qui n'a pas pu décider.
ENTREE_MANQUANTE = "entrée manquante"
HORS_PERIODE = "hors période modélisée"
ERREUR_INTERNE = "erreur interne"

_RANG_SEVERITE = {s: i for i, s in enumerate(SEVERITES)}
DECIMALES = 2
INDENTATION_JSON = 2
REGLES_DANS_LA_SYNTHESE = 5


@functools.lru_cache(maxsize=8192)
def date_fr(d: date) -> str:
    """« 30 juin 2026 » (mise en cache : les mêmes échéances reviennent d'un accord à l'autre)."""
    return fmt.date_longue(d)


@functools.lru_cache(maxsize=8192)
def montant_fr(centimes: int) -> str:
    """« 12 345,67 € »."""
    return fmt.montant(centimes)


@functools.lru_cache(maxsize=8192)
def pourcentage_fr(taux: Decimal | Fraction | float, decimales: int = DECIMALES) -> str:
    """« 20 % », « 1,25 % »."""
    return fmt.pourcentage(taux, decimales)


class Montant(int):
    """Un montant en centimes dans un constat : se compare comme un entier, s'écrit « 1 234,56 € »."""

    __slots__ = ()

    def __str__(self) -> str:
        return montant_fr(int(self))


class Taux(Decimal):
    """Un taux dans un constat (0.95 = 95 %) : se compare comme un décimal, s'écrit « 95 % »."""

    __slots__ = ()

    def __str__(self) -> str:
        return pourcentage_fr(Decimal(self))


def nombre_fr(valeur: Decimal | float | int, decimales: int = DECIMALES) -> str:
    """« 1,33 », « 12 345 » : virgule décimale et espaces insécables."""
    return fmt.nombre(valeur, decimales)


def _pluriel(n: int, singulier: str, pluriel: str) -> str:
    return f"{n}\u00a0{singulier if n <= 1 else pluriel}"


def valeur_parametre_fr(unite: str, valeur: Any) -> str:
    """La valeur d'un paramètre légal en français, selon son unité : « 36 045,00 € », « 75 % », « 1,33 »,
    « 2/3 », « 3 mois », « 15 jours », « 5 ans », « 250 salariés », « oui », liste de libellés."""
    if unite == "centimes":
        return montant_fr(int(valeur))
    if unite == "taux":
        return pourcentage_fr(Decimal(valeur))
    if unite == "coefficient":
        return nombre_fr(Decimal(valeur))
    if unite == "mois":
        return f"{valeur}\u00a0mois"
    if unite == "jours":
        return _pluriel(int(valeur), "jour", "jours")
    if unite == "annees":
        return _pluriel(int(valeur), "an", "ans")
    if unite == "effectif":
        return _pluriel(int(valeur), "salarié", "salariés")
    if unite == "liste":
        from interessement.modele import CODES_ABSENCES

        return ", ".join(CODES_ABSENCES.get(v, v) for v in valeur)
    return en_texte(valeur)


def en_json(valeur: Any) -> Any:
    """Une valeur observée ou attendue sous une forme JSON (machine) : dates ISO, décimaux en texte exact,
    montants en centimes entiers."""
    if isinstance(valeur, Montant):
        return int(valeur)
    if isinstance(valeur, date):
        return valeur.isoformat()
    if isinstance(valeur, Decimal):
        return int(valeur) if valeur == valeur.to_integral_value() else str(valeur)
    if isinstance(valeur, Fraction):
        return f"{valeur.numerator}/{valeur.denominator}"
    if isinstance(valeur, dict):
        return {str(k): en_json(v) for k, v in valeur.items()}
    if isinstance(valeur, list | tuple | set | frozenset):
        return [en_json(v) for v in valeur]
    return valeur


def en_texte(valeur: Any) -> str:
    """Une valeur observée ou attendue lisible par une personne, en français : « 5 000,00 € », « 95 % »,
    « 1,33 », « 30 juin 2026 », « oui »/« non », « 2/3 »."""
    if valeur is None:
        return "—"
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, Montant | Taux):
        return str(valeur)
    if isinstance(valeur, date):
        return date_fr(valeur)
    if isinstance(valeur, Fraction):
        return f"{valeur.numerator}/{valeur.denominator}"
    if isinstance(valeur, Decimal | float):
        return nombre_fr(valeur)
    if isinstance(valeur, list | tuple):
        return ", ".join(en_texte(v) for v in valeur) if valeur else "(aucun)"
    if isinstance(valeur, dict):
        return ", ".join(f"{k} : {en_texte(v)}" for k, v in valeur.items())
    return str(valeur)


@dataclass(frozen=True)
class ReferenceJuridique:
    """Un article et un lien (Légifrance ou Urssaf)."""

    article: str
    lien: str

    def to_dict(self) -> dict[str, str]:
        return {"article": self.article, "lien": self.lien}


@dataclass
class Constat:
    """Un constat du validateur (voir REGLES.md §2 : ce qu'un constat porte)."""

    id: str
    severite: str
    portee: str
    message: str
    titre: str = ""
    references: list[ReferenceJuridique] = field(default_factory=list)
    chemin: list[str] = field(default_factory=list)
    observe: Any = None
    attendu: Any = None
    parametres: list[dict[str, str]] = field(default_factory=list)
    suggestion: str = ""
    periode: int | None = None
    beneficiaire: str | None = None
    montant_centimes: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "titre": self.titre,
            "severite": self.severite,
            "portee": self.portee,
            "message": self.message,
            "references": [r.to_dict() for r in self.references],
            "chemin": list(self.chemin),
            "observe": None if self.observe is None else en_texte(self.observe),
            "attendu": None if self.attendu is None else en_texte(self.attendu),
            "observe_brut": en_json(self.observe),
            "attendu_brut": en_json(self.attendu),
            "parametres": [dict(p) for p in self.parametres],
            "suggestion": self.suggestion,
            "periode": self.periode,
            "beneficiaire": self.beneficiaire,
            "montant_centimes": self.montant_centimes,
        }


@dataclass
class PointAVerifier:
    """Ce qu'une règle n'a pas pu établir sur les données qu'elle voit, et ce qu'une personne doit chercher dans
    le texte signé ou les pièces pour conclure. ``severite`` et ``portee`` : ce que serait le constat si le fait se
    révélait contraire à la règle (un point « BLOQUANT » à vérifier interdit le statut « conforme »)."""

    id: str
    severite: str
    portee: str
    message: str
    a_chercher: str
    titre: str = ""
    references: list[ReferenceJuridique] = field(default_factory=list)
    chemin: list[str] = field(default_factory=list)
    parametres: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "titre": self.titre,
            "severite_si_contraire": self.severite,
            "portee": self.portee,
            "message": self.message,
            "a_chercher": self.a_chercher,
            "references": [r.to_dict() for r in self.references],
            "chemin": list(self.chemin),
            "parametres": [dict(p) for p in self.parametres],
        }


@dataclass(frozen=True)
class RegleEcartee:
    """Une règle non applicable (``nature`` vide) ou qui n'a pas pu décider (``nature`` renseignée)."""

    id: str
    raison: str
    nature: str = ""

    def to_dict(self) -> dict[str, str]:
        d = {"id": self.id, "raison": self.raison}
        if self.nature:
            d["nature"] = self.nature
        return d


@dataclass
class Rapport:
    """Le rapport de validation d'un accord (et, le cas échéant, d'un versement et d'un document)."""

    constats: list[Constat] = field(default_factory=list)
    regles_non_applicables: list[RegleEcartee] = field(default_factory=list)
    regles_en_erreur: list[RegleEcartee] = field(default_factory=list)
    regles_verifiees: list[str] = field(default_factory=list)
    a_verifier: list[PointAVerifier] = field(default_factory=list)
    date_reference: date | None = None
    accord_identifiant: str | None = None
    entreprise: str | None = None
    source: str | None = None

    # ------------------------------------------------------------------------------------------- lecture

    @property
    def statut(self) -> str:
        if any(c.severite == BLOQUANT for c in self.constats):
            return NON_CONFORME
        if self.regles_en_erreur:
            return INDETERMINE
        if any(getattr(p, "severite", None) == BLOQUANT for p in self.a_verifier):
            return A_VERIFIER
        return CONFORME

    def par_severite(self, severite: str) -> list[Constat]:
        return [c for c in self.constats if c.severite == severite]

    @property
    def bloquants(self) -> list[Constat]:
        return self.par_severite(BLOQUANT)

    @property
    def avertissements(self) -> list[Constat]:
        return self.par_severite(AVERTISSEMENT)

    @property
    def informations(self) -> list[Constat]:
        return self.par_severite(INFORMATION)

    def ids(self, *severites: str) -> set[str]:
        """Identifiants des constats (de ces sévérités, ou de toutes)."""
        return {c.id for c in self.constats if not severites or c.severite in severites}

    def ids_a_verifier(self, *severites: str) -> set[str]:
        """Identifiants des règles qui ont laissé un point à vérifier (de ces sévérités possibles, ou de toutes)."""
        return {p.id for p in self.a_verifier if not severites or getattr(p, "severite", None) in severites}

    def trier(self) -> None:
        ordre = {i: n for n, i in enumerate(self.regles_verifiees)}
        self.constats.sort(key=lambda c: (_RANG_SEVERITE.get(c.severite, 9), ordre.get(c.id, 999)))
        self.a_verifier.sort(key=lambda p: (_RANG_SEVERITE.get(getattr(p, "severite", ""), 9), ordre.get(p.id, 999)))

    def resume(self) -> str:
        n_b, n_a, n_i = len(self.bloquants), len(self.avertissements), len(self.informations)
        texte = (f"{n_b} bloquant{'s' if n_b > 1 else ''}, {n_a} avertissement{'s' if n_a > 1 else ''}, "
                 f"{n_i} information{'s' if n_i > 1 else ''}")
        n_v = len(self.a_verifier)
        if n_v:
            texte += f", {n_v} point{'s' if n_v > 1 else ''} à vérifier"
        return texte

    # ------------------------------------------------------------------------------------------ rendus

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "accord_identifiant": self.accord_identifiant,
            "entreprise": self.entreprise,
            "date_reference": self.date_reference.isoformat() if self.date_reference else None,
            "statut": self.statut,
            "nombre_constats": {
                BLOQUANT: len(self.bloquants), AVERTISSEMENT: len(self.avertissements),
                INFORMATION: len(self.informations),
            },
            "constats": [c.to_dict() for c in self.constats],
            "a_verifier": [_point(p).to_dict() for p in self.a_verifier],
            "regles_non_applicables": [r.to_dict() for r in self.regles_non_applicables],
            "regles_en_erreur": [r.to_dict() for r in self.regles_en_erreur],
            # La liste n'est écrite que si une partie seulement des règles a été vérifiée (lots plus légers).
            **({} if len(self.regles_verifiees) == len(IDS_REGLES) else {"regles_verifiees": list(self.regles_verifiees)}),
            "nombre_regles_verifiees": len(self.regles_verifiees),
        }

    def en_json(self, indent: int | None = INDENTATION_JSON) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def en_texte(self, *, details: bool = True) -> str:
        """Le rapport lisible, en français."""
        titre = self.entreprise or "Accord"
        if self.accord_identifiant:
            titre += f" ({self.accord_identifiant})"
        lignes = [f"Accord : {titre}"]
        if self.source:
            lignes.append(f"Fichier : {self.source}")
        if self.date_reference:
            lignes.append(f"Date de référence : {date_fr(self.date_reference)}")
        lignes.append(f"Statut : {self.statut.upper()} — {self.resume()}")
        for c in self.constats:
            lignes.append("")
            lignes.extend(_texte_constat(c, details))
        if self.a_verifier:
            lignes += ["", "Points à vérifier (non établis par les données : à lire dans le texte signé ou les "
                           "pièces) :"]
            for p in map(_point, self.a_verifier):
                lignes.extend(_texte_point(p, details))
        if self.regles_en_erreur:
            lignes += ["", "Règles qui n'ont pas pu décider :"]
            lignes += [f"  - {r.id} ({r.nature}) : {r.raison}" for r in self.regles_en_erreur]
        if details and self.regles_non_applicables:
            lignes += ["", "Règles non applicables :"]
            lignes += [f"  - {r.id} : {r.raison}" for r in self.regles_non_applicables]
        return "\n".join(lignes)

    def lignes_csv(self) -> list[list[str]]:
        """Une ligne par constat (ou une ligne de statut s'il n'y en a aucun)."""
        base = [self.source or "", self.accord_identifiant or "", self.statut]
        if not self.constats and not self.regles_en_erreur and not self.a_verifier:
            return [base + [""] * (len(ENTETES_CSV) - len(base))]
        lignes = []
        for c in self.constats:
            lignes.append(base + [
                c.id, c.severite, c.portee, "" if c.periode is None else str(c.periode), c.beneficiaire or "",
                " ; ".join(c.chemin), c.message, en_texte(c.observe), en_texte(c.attendu), c.suggestion,
                " ; ".join(f"{r.article} <{r.lien}>" for r in c.references),
            ])
        for p in map(_point, self.a_verifier):
            lignes.append(base + [
                p.id, SEVERITE_A_VERIFIER, f"{p.severite} / {p.portee} si contraire", "", "", " ; ".join(p.chemin),
                p.message, "", "", f"À chercher : {p.a_chercher}",
                " ; ".join(f"{r.article} <{r.lien}>" for r in p.references),
            ])
        for r in self.regles_en_erreur:
            lignes.append(base + [r.id, "", "", "", "", "", f"{r.nature} : {r.raison}", "", "", "", ""])
        return lignes

    def en_csv(self) -> str:
        return rendre_csv([self])


#: Ce que la colonne « severite » du CSV et l'en-tête du texte disent d'un point à vérifier.
SEVERITE_A_VERIFIER = "À VÉRIFIER"

ENTETES_CSV = ["fichier", "accord", "statut", "id", "severite", "portee", "periode", "beneficiaire", "chemin",
               "message", "observe", "attendu", "suggestion", "references"]


def ligne_csv_illisible(source: str, message: str) -> list[str]:
    return [source, "", "illisible", "", "", "", "", "", "", message, "", "", "", ""]


def rendre_csv(rapports: list[Rapport], illisibles: list[tuple[str, str]] | None = None) -> str:
    """Les constats de plusieurs rapports dans un seul CSV (séparateur « ; », pour Excel en français)."""
    tampon = io.StringIO()
    w = EcrivainTableur(tampon, delimiter=";", lineterminator="\n")
    w.writerow(ENTETES_CSV)
    for r in rapports:
        w.writerows(r.lignes_csv())
    for source, message in illisibles or []:
        w.writerow(ligne_csv_illisible(source, message))
    return tampon.getvalue()


def _texte_constat(c: Constat, details: bool) -> list[str]:
    entete = f"[{c.severite}] {c.id}"
    if c.titre:
        entete += f" — {c.titre}"
    precision = [f"portée : {c.portee}"]
    if c.periode is not None:
        precision.append(f"période {c.periode}")
    if c.beneficiaire:
        precision.append(f"bénéficiaire {c.beneficiaire}")
    lignes = [f"{entete} ({', '.join(precision)})", f"  {c.message}"]
    if not details:
        return lignes
    if c.chemin:
        lignes.append(f"  Champ(s) : {', '.join(c.chemin)}")
    if c.observe is not None or c.attendu is not None:
        lignes.append(f"  Constaté : {en_texte(c.observe)} — attendu : {en_texte(c.attendu)}")
    if c.suggestion:
        lignes.append(f"  À faire : {c.suggestion}")
    if c.references:
        lignes.append("  Références : " + " ; ".join(f"{r.article} ({r.lien})" for r in c.references))
    if c.parametres:
        lignes.append("  Paramètres : " + " ; ".join(
            f"{p['nom']} = {p.get('valeur_texte', p['valeur'])} (depuis le {date_fr(date.fromisoformat(p['en_vigueur_depuis']))}, "
            f"{p['reference']})"
            for p in c.parametres))
    return lignes


def _point(p: Any) -> PointAVerifier:
    """Un point à vérifier, même venu d'un autre module sous une forme voisine (``id``, ``titre``, ``raison`` ou
    ``message``, ``manquants`` ou ``chemin``) : le rapport ne plante jamais sur sa liste de points."""
    if isinstance(p, PointAVerifier):
        return p
    return PointAVerifier(
        id=str(getattr(p, "id", "")), severite=str(getattr(p, "severite", "") or "non précisée"),
        portee=str(getattr(p, "portee", "") or ACCORD),
        message=str(getattr(p, "message", None) or getattr(p, "raison", "") or ""),
        a_chercher=str(getattr(p, "a_chercher", "") or ""), titre=str(getattr(p, "titre", "") or ""),
        references=list(getattr(p, "references", None) or []),
        chemin=list(getattr(p, "chemin", None) or getattr(p, "manquants", None) or []),
    )


def _texte_point(p: PointAVerifier, details: bool) -> list[str]:
    entete = f"[{SEVERITE_A_VERIFIER}] {p.id}"
    if p.titre:
        entete += f" — {p.titre}"
    lignes = [f"{entete} (si contraire : {p.severite} / {p.portee})", f"  {p.message}"]
    if p.a_chercher:
        lignes.append(f"  À chercher : {p.a_chercher}")
    if not details:
        return lignes
    if p.chemin:
        lignes.append(f"  Champ(s) : {', '.join(p.chemin)}")
    if p.references:
        lignes.append("  Références : " + " ; ".join(f"{r.article} ({r.lien})" for r in p.references))
    return lignes


class Synthese:
    """La synthèse d'un lot, tenue au fil de l'eau (sans garder les rapports) : nombre de fichiers par statut et
    règles les plus fréquentes (bloquants et avertissements, comptées une fois par accord)."""

    def __init__(self) -> None:
        self.statuts: Counter[str] = Counter()
        self.frequences: Counter[str] = Counter()
        self.illisibles = 0

    def ajouter(self, r: Rapport) -> None:
        self.ajouter_statut(r.statut, r.ids(BLOQUANT, AVERTISSEMENT))

    def ajouter_statut(self, statut: str, regles: Iterable[str]) -> None:
        """Un rapport déjà rendu (lot parallèle) : son statut et ses règles bloquantes ou d'avertissement."""
        self.statuts[statut] += 1
        self.frequences.update(set(regles))

    def ajouter_illisible(self) -> None:
        self.illisibles += 1

    def to_dict(self, top: int = REGLES_DANS_LA_SYNTHESE) -> dict[str, Any]:
        return {
            "fichiers": sum(self.statuts.values()) + self.illisibles,
            "conformes": self.statuts.get(CONFORME, 0),
            "non_conformes": self.statuts.get(NON_CONFORME, 0),
            "indetermines": self.statuts.get(INDETERMINE, 0),
            "a_verifier": self.statuts.get(A_VERIFIER, 0),
            # Annexes reconnues (note d'information, liste de dépôt, fiche individuelle) : pas des accords.
            "annexes": self.statuts.get("annexe", 0),
            "illisibles": self.illisibles,
            "regles_les_plus_frequentes": [{"id": i, "accords": n} for i, n in
                                           sorted(self.frequences.items(), key=lambda x: (-x[1], x[0]))[:top]],
        }


def synthese(rapports: list[Rapport], illisibles: int = 0, top: int = REGLES_DANS_LA_SYNTHESE) -> dict[str, Any]:
    """La synthèse d'une liste de rapports (voir ``Synthese``)."""
    s = Synthese()
    for r in rapports:
        s.ajouter(r)
    for _ in range(illisibles):
        s.ajouter_illisible()
    return s.to_dict(top)


def synthese_texte(s: dict[str, Any]) -> str:
    lignes = [
        "Synthèse du lot",
        f"  Fichiers        : {s['fichiers']}",
        f"  Conformes       : {s['conformes']}",
        f"  Non conformes   : {s['non_conformes']}",
        f"  Indéterminés    : {s['indetermines']}",
        f"  À vérifier      : {s.get('a_verifier', 0)}",
        f"  Illisibles      : {s['illisibles']}",
    ]
    if s.get("annexes"):
        lignes.insert(-1, f"  Annexes         : {s['annexes']} (note d'information, liste de dépôt ou fiche "
                          "individuelle : non contrôlées comme des accords)")
    if s["regles_les_plus_frequentes"]:
        lignes.append("  Règles les plus fréquentes (bloquants et avertissements) :")
        lignes += [f"    {x['id']:<28} {x['accords']} accord{'s' if x['accords'] > 1 else ''}"
                   for x in s["regles_les_plus_frequentes"]]
    return "\n".join(lignes)
