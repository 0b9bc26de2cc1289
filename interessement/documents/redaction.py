"""Rédaction juridique des éléments variables : formule en mots et en symboles, exemple chiffré, critères.

Chaque fonction reçoit le modèle (``Accord``) et renvoie des phrases françaises prêtes à insérer dans un
modèle Word. Les nombres légaux viennent des paramètres datés ; les montants et dates sont mis en forme par
``interessement.format``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .. import format as fmt
from .. import parametres
from ..erreurs import ErreurEntree
from ..formules import atteinte, croissance, evaluer, taux_plafond_global
from ..modele import (
    CODES_ABSENCES,
    Accord,
    Indicateur,
    MontantFixe,
    Objectifs,
    PaliersCroissance,
    PartResultat,
    PourcentageMasseSalariale,
)
from .typographie import typographie

# ------------------------------------------------------------------------------------------ mots français

_NOMBRES = {
    0: "zéro", 1: "un", 2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six", 7: "sept", 8: "huit",
    9: "neuf", 10: "dix", 11: "onze", 12: "douze", 13: "treize", 14: "quatorze", 15: "quinze", 16: "seize",
    18: "dix-huit", 20: "vingt", 24: "vingt-quatre", 30: "trente", 36: "trente-six", 48: "quarante-huit",
    60: "soixante",
}
_ORDINAUX = {
    1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième", 5: "cinquième", 6: "sixième",
    7: "septième", 8: "huitième", 9: "neuvième", 10: "dixième", 11: "onzième", 12: "douzième",
}
_FRACTIONS = {
    Fraction(1, 2): ("la moitié", "de la moitié"),
    Fraction(1, 3): ("un tiers", "d'un tiers"),
    Fraction(2, 3): ("les deux tiers", "des deux tiers"),
    Fraction(3, 4): ("les trois quarts", "des trois quarts"),
    Fraction(1, 10): ("un dixième", "d'un dixième"),
}
_PERIODICITES = {1: ("mensuelle", "mois"), 2: ("bimestrielle", "bimestre"), 3: ("trimestrielle", "trimestre"),
                 4: ("quadrimestrielle", "quadrimestre"), 6: ("semestrielle", "semestre"), 12: ("annuelle", "an")}


def en_lettres(n: int) -> str:
    """Petit entier en lettres (« trois ») ; au-delà du vocabulaire connu, en chiffres."""
    return _NOMBRES.get(n, str(n))


def ordinal(n: int) -> str:
    return _ORDINAUX.get(n, f"{n}e")


def duree(n: int, unite: str) -> str:
    """« trois ans », « un mois », « 18 mois » (unite : « an » ou « mois »)."""
    pluriel = unite if unite == "mois" or n <= 1 else unite + "s"
    return f"{en_lettres(n)} {pluriel}"


def fraction_en_lettres(f: Fraction, *, avec_de: bool = False) -> str:
    """``Fraction(2, 3)`` → « les deux tiers » (ou « des deux tiers ») ; sinon « 2/3 »."""
    mots = _FRACTIONS.get(f)
    if mots is None:
        return f"{'de ' if avec_de else ''}{f.numerator}/{f.denominator}"
    return mots[1] if avec_de else mots[0]


def periodicite(mois: int) -> tuple[str, str]:
    """3 → (« trimestrielle », « trimestre »)."""
    return _PERIODICITES.get(mois, (f"de {mois} mois", f"période de {mois} mois"))


def enumeration(elements: list[str], conjonction: str = "et") -> str:
    elements = [e for e in elements if e]
    if not elements:
        return ""
    if len(elements) == 1:
        return elements[0]
    return ", ".join(elements[:-1]) + f" {conjonction} " + elements[-1]


def ponctuer_liste(elements: list[str]) -> list[str]:
    """Éléments d'une énumération à tirets : « ; » à la fin de chacun, « . » au dernier."""
    sortie = []
    for i, e in enumerate(elements):
        e = e.rstrip(" ;.")
        sortie.append(typographie(e + (" ;" if i < len(elements) - 1 else ".")))
    return sortie


def minuscule_initiale(texte: str) -> str:
    if len(texte) > 1 and texte[1].isupper():
        return texte  # sigle
    return texte[:1].lower() + texte[1:]


def majuscule_initiale(texte: str) -> str:
    return texte[:1].upper() + texte[1:]


# ------------------------------------------------------------------------------------------- indicateurs

_SYMBOLES = {
    "resultat_net_comptable": "RN",
    "resultat_courant_avant_impot": "RCAI",
    "resultat_exploitation": "RE",
    "benefice_fiscal": "BF",
    "excedent_brut_exploitation": "EBE",
    "valeur_ajoutee": "VA",
    "marge_brute": "MB",
    "chiffre_affaires": "CA",
    "masse_salariale": "MS*",
}

INDICES = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def indice(n: int) -> str:
    return str(n).translate(INDICES)


class Lexique:
    """Libellé, symbole et mise en forme des valeurs de chaque indicateur de l'accord."""

    def __init__(self, accord: Accord):
        self.accord = accord
        self._indicateurs: dict[str, Indicateur] = {i.code: i for i in accord.indicateurs}
        codes = list(self._indicateurs) + [c for c in accord.formule.indicateurs_utilises()
                                           if c not in self._indicateurs]
        self.symboles: dict[str, str] = {}
        pris: set[str] = {"MS", "I"}
        autre = 0
        for code in codes:
            ind = self._indicateurs.get(code)
            base = _SYMBOLES.get(ind.nature if ind else "", "")
            if not base or base in pris:
                autre += 1
                base = f"X{indice(autre)}"
                while base in pris:
                    autre += 1
                    base = f"X{indice(autre)}"
            pris.add(base)
            self.symboles[code] = base

    def libelle(self, code: str) -> str:
        ind = self._indicateurs.get(code)
        return ind.libelle if ind else code

    def unite(self, code: str) -> str:
        ind = self._indicateurs.get(code)
        return ind.unite if ind else "centimes"

    def symbole(self, code: str) -> str:
        return self.symboles.get(code, code)

    def designation(self, code: str) -> str:
        """« l'indicateur « Résultat d'exploitation » (RE) »."""
        return f"l'indicateur « {self.libelle(code)} » ({self.symbole(code)})"

    def valeur(self, code: str, v: Any) -> str:
        unite = self.unite(code)
        if unite == "centimes":
            return fmt.montant(Decimal(str(v)))
        texte = fmt.nombre(Decimal(str(v)))
        return texte + ("\u00a0%" if unite == "pourcentage" else "")

    def unites(self) -> dict[str, str]:
        return {code: self.unite(code) for code in self.symboles}


# --------------------------------------------------------------------------------------------- formule

SYMBOLES_OPERATEURS = {">": ">", ">=": "≥", "<": "<", "<=": "≤"}

_OPERATEURS = {
    ">": "strictement supérieur à",
    ">=": "supérieur ou égal à",
    "<": "strictement inférieur à",
    "<=": "inférieur ou égal à",
}


@dataclass
class ComposanteRedigee:
    titre: str
    phrases: list[str]
    expressions: list[str]
    notes: list[str] = field(default_factory=list)
    resume: str = ""
    paliers: list[dict[str, str]] = field(default_factory=list)
    tranches: list[dict[str, str]] = field(default_factory=list)
    objectifs: list[dict[str, str]] = field(default_factory=list)
    seuils: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "titre": self.titre, "phrases": [typographie(p) for p in self.phrases],
            "notes": [typographie(p) for p in self.notes],
            "resume": typographie(self.resume or self.phrases[0]),
            "expressions": self.expressions, "paliers": self.paliers, "tranches": self.tranches,
            "objectifs": self.objectifs, "seuils": self.seuils,
        }


def _nom_composante(i: int, n: int) -> str:
    return f"I{indice(i)}" if n > 1 else "I"


def rediger_composantes(accord: Accord, lex: Lexique) -> list[ComposanteRedigee]:
    composantes = accord.formule.composantes
    n = len(composantes)
    sortie: list[ComposanteRedigee] = []
    for rang, c in enumerate(composantes, start=1):
        nom = _nom_composante(rang, n)
        sujet = "L'intéressement global" if n == 1 else f"La composante {nom}"
        if isinstance(c, PartResultat):
            sortie.append(_part_resultat(c, lex, nom, sujet))
        elif isinstance(c, PaliersCroissance):
            sortie.append(_paliers(c, lex, nom, sujet))
        elif isinstance(c, Objectifs):
            sortie.append(_objectifs(accord, c, lex, nom, sujet))
        elif isinstance(c, PourcentageMasseSalariale):
            sortie.append(ComposanteRedigee(
                "Pourcentage de la masse salariale",
                [f"{sujet} est égal{'e' if n > 1 else ''} à {fmt.pourcentage(c.taux)} de la masse salariale (MS) "
                 "de la période de calcul."],
                [f"{nom} = {fmt.pourcentage(c.taux)} × MS"],
            ))
        elif isinstance(c, MontantFixe):
            sortie.append(ComposanteRedigee(
                "Montant fixe",
                [f"{sujet} comprend un montant fixe de {fmt.montant(c.montant_centimes)} par période de calcul."],
                [f"{nom} = {fmt.montant(c.montant_centimes)}"],
            ))
    return sortie


def _part_resultat(c: PartResultat, lex: Lexique, nom: str, sujet: str) -> ComposanteRedigee:
    sym = lex.symbole(c.indicateur)
    accord_genre = "e" if sujet.startswith("La ") else ""
    if c.tranches:
        lignes = []
        premier = c.tranches[0].plancher_centimes
        if premier > 0:
            lignes.append({"tranche": f"jusqu'à {fmt.montant(premier)}", "taux": fmt.pourcentage(0)})
        for i, t in enumerate(c.tranches):
            if i + 1 < len(c.tranches):
                haut = c.tranches[i + 1].plancher_centimes
                libelle = f"de {fmt.montant(t.plancher_centimes)} à {fmt.montant(haut)}"
            else:
                libelle = f"au-delà de {fmt.montant(t.plancher_centimes)}"
            lignes.append({"tranche": libelle, "taux": fmt.pourcentage(t.taux)})
        phrases = [
            f"{sujet} est égal{accord_genre} à la somme des parts de {lex.designation(c.indicateur)} de la période "
            "de calcul comprises dans chacune des tranches suivantes, multipliées par le taux de la tranche :",
        ]
        resume = (f"{sujet} est calculé{accord_genre} par tranches de {lex.designation(c.indicateur)} : "
                  + enumeration([f"{x['taux']} {x['tranche']}" for x in lignes]) + ".")
        expression = f"{nom} = Σ taux de la tranche × fraction de {sym} comprise dans la tranche"
        return ComposanteRedigee(f"Part de l'indicateur « {lex.libelle(c.indicateur)} » par tranches", phrases,
                                 [expression], resume=resume, tranches=lignes)
    taux = fmt.pourcentage(c.taux or 0)
    if c.seuil_centimes == 0:
        phrase = (f"{sujet} est égal{accord_genre} à {taux} de {lex.designation(c.indicateur)} de la période de "
                  "calcul, lorsque celui-ci est positif ; il est nul dans le cas contraire.")
        expression = f"{nom} = {taux} × max(0 ; {sym})"
    else:
        phrase = (f"{sujet} est égal{accord_genre} à {taux} de la fraction de {lex.designation(c.indicateur)} de "
                  f"la période de calcul qui excède {fmt.montant(c.seuil_centimes)}. Lorsque cet indicateur est "
                  "inférieur ou égal à ce seuil, aucun intéressement n'est dû à ce titre.")
        expression = f"{nom} = {taux} × max(0 ; {sym} − {fmt.montant(c.seuil_centimes)})"
    return ComposanteRedigee(f"Part de l'indicateur « {lex.libelle(c.indicateur)} »", [phrase], [expression])


def _paliers(c: PaliersCroissance, lex: Lexique, nom: str, sujet: str) -> ComposanteRedigee:
    sym = lex.symbole(c.indicateur)
    lignes = [{"condition": f"g inférieure à {fmt.pourcentage(c.paliers[0].croissance_min)}",
               "taux": "aucun intéressement"}]
    for i, p in enumerate(c.paliers):
        if i + 1 < len(c.paliers):
            cond = (f"g au moins égale à {fmt.pourcentage(p.croissance_min)} et inférieure à "
                    f"{fmt.pourcentage(c.paliers[i + 1].croissance_min)}")
        else:
            cond = f"g au moins égale à {fmt.pourcentage(p.croissance_min)}"
        lignes.append({"condition": cond, "taux": f"{fmt.pourcentage(p.taux_masse_salariale)} de la masse salariale"})
    accord_genre = "e" if sujet.startswith("La ") else ""
    phrases = [
        f"{sujet} est égal{accord_genre} à un pourcentage de la masse salariale (MS) de la période de calcul, "
        f"fonction de la croissance (g) de {lex.designation(c.indicateur)} par rapport à la période de calcul "
        "précédente, selon le barème suivant :",
    ]
    notes = [
        f"La croissance est égale à ({sym} de la période − {sym} de la période précédente) / |{sym} de la période "
        "précédente|. Pour la première période de calcul, la période précédente est l'exercice ou la période de "
        "même durée qui précède la date d'effet. Lorsque la valeur de la période précédente est nulle, la "
        "croissance n'est pas calculable et aucun intéressement n'est dû à ce titre.",
    ]
    expressions = [f"{nom} = t(g) × MS", "où t(g) est le taux du barème correspondant à la croissance g"]
    bareme = enumeration([f"{fmt.pourcentage(p.taux_masse_salariale)} de la masse salariale si elle atteint "
                          f"{fmt.pourcentage(p.croissance_min)}" for p in c.paliers], "et")
    resume = (f"{sujet} est fonction de la croissance de {lex.designation(c.indicateur)} par rapport à la période "
              f"précédente : {bareme} ; aucun intéressement en deçà de {fmt.pourcentage(c.paliers[0].croissance_min)}.")
    return ComposanteRedigee(f"Croissance de l'indicateur « {lex.libelle(c.indicateur)} »", phrases, expressions,
                             notes, resume, paliers=lignes)


def _objectifs(accord: Accord, c: Objectifs, lex: Lexique, nom: str, sujet: str) -> ComposanteRedigee:
    lignes = []
    for o in c.objectifs:
        progression = "linéaire" if o.progression == "lineaire" else (
            f"par paliers de {fmt.pourcentage(Decimal(1) / Decimal(o.nombre_paliers))}")
        lignes.append({
            "nom": o.nom,
            "indicateur": f"{lex.libelle(o.indicateur)} ({lex.symbole(o.indicateur)})",
            "poids": fmt.pourcentage(o.poids),
            "sens": "à la hausse" if o.sens == "hausse" else "à la baisse",
            "progression": progression,
        })
    seuils = []
    for p in accord.periodes():
        for o in c.objectifs:
            d, cible = o.seuils(p.numero)
            seuils.append({
                "periode": f"{p.numero} ({fmt.date_courte(p.debut)} – {fmt.date_courte(p.fin)})",
                "objectif": o.nom,
                "declenchement": lex.valeur(o.indicateur, d),
                "cible": lex.valeur(o.indicateur, cible),
            })
    accord_genre = "e" if sujet.startswith("La ") else ""
    phrases = [
        f"{sujet} est égal{accord_genre} à {fmt.pourcentage(c.budget_taux_masse_salariale)} de la masse salariale "
        "(MS) de la période de calcul, multiplié par le taux d'atteinte pondéré des objectifs collectifs "
        "suivants :",
    ]
    notes = [
        "Pour chaque objectif, le taux d'atteinte (A) est nul lorsque l'indicateur n'atteint pas le niveau de "
        "déclenchement, égal à 100 % lorsqu'il atteint ou dépasse la cible, et proportionnel à l'écart entre ces "
        "deux niveaux dans l'intervalle (progression linéaire). Pour un objectif « à la baisse », l'indicateur "
        "doit diminuer pour progresser vers la cible. Lorsque la progression est « par paliers », le taux "
        "d'atteinte est arrondi au palier inférieur.",
    ]
    termes = " + ".join(f"{fmt.pourcentage(o.poids)} × A{indice(i)}" for i, o in enumerate(c.objectifs, start=1))
    expressions = [f"{nom} = {fmt.pourcentage(c.budget_taux_masse_salariale)} × MS × ({termes})",
                   "avec Aᵢ = min(1 ; max(0 ; (Vᵢ − Dᵢ) / (Cᵢ − Dᵢ)))"]
    notes.append("Dans cette formule, Vᵢ désigne la valeur de l'indicateur de l'objectif i sur la période, Dᵢ son "
                   "niveau de déclenchement et Cᵢ sa cible pour la période.")
    resume = (f"{sujet} est égal{accord_genre} à {fmt.pourcentage(c.budget_taux_masse_salariale)} de la masse salariale "
              "multiplié par le taux d'atteinte pondéré des objectifs collectifs : "
              + enumeration([f"« {o.nom} » ({fmt.pourcentage(o.poids)})" for o in c.objectifs]) + ".")
    return ComposanteRedigee("Objectifs collectifs", phrases, expressions, notes, resume, objectifs=lignes,
                             seuils=seuils)


def rediger_declencheurs(accord: Accord, lex: Lexique) -> list[str]:
    dcl = accord.formule.declencheurs
    if not dcl:
        return []
    conditions = [f"{lex.designation(d.indicateur)} de la période est {_OPERATEURS[d.operateur]} "
                  f"{lex.valeur(d.indicateur, d.valeur)}" for d in dcl]
    if len(conditions) == 1:
        return [typographie(f"L'intéressement n'est dû au titre d'une période de calcul que si {conditions[0]}.")]
    liste = " ; ".join(f"({i}) {c}" for i, c in enumerate(conditions, start=1))
    return [typographie("L'intéressement n'est dû au titre d'une période de calcul que si chacune des conditions "
                        f"suivantes est remplie : {liste}.")]


def rediger_plafonds_accord(accord: Accord, lex: Lexique) -> list[str]:
    p = accord.formule.plafond
    if p is None:
        return []
    phrases = []
    if p.taux_masse_salariale is not None:
        phrases.append(f"{fmt.pourcentage(p.taux_masse_salariale)} de la masse salariale de la période")
    if p.taux_indicateur is not None and p.indicateur is not None:
        phrases.append(f"{fmt.pourcentage(p.taux_indicateur)} de {lex.designation(p.indicateur)} de la période ; "
                       "lorsque cet indicateur est nul ou négatif, ce plafond est nul et aucun intéressement n'est dû "
                       "au titre de la période")
    if p.montant_centimes is not None:
        phrases.append(f"{fmt.montant(p.montant_centimes)} par période de calcul")
    return ponctuer_liste(phrases)


def expression_globale(accord: Accord) -> str:
    n = len(accord.formule.composantes)
    return "I = " + " + ".join(_nom_composante(i, n) for i in range(1, n + 1))


# ---------------------------------------------------------------------------------------- exemple chiffré

#: Hypothèse d'illustration (pas un nombre légal) : masse salariale annuelle par salarié quand l'accord ne
#: donne aucun historique.
MASSE_ILLUSTRATION_PAR_SALARIE_CENTIMES = 3_500_000


@dataclass
class Exemple:
    introduction: str
    donnees: list[str]
    etapes: list[str]
    conclusion: str
    resume: str
    avertissement: str
    enveloppe_centimes: int | None
    hypothetique: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "introduction": typographie(self.introduction),
            "donnees": ponctuer_liste(self.donnees),
            "etapes": ponctuer_liste(self.etapes),
            "conclusion": typographie(self.conclusion),
            "resume": typographie(self.resume),
            "avertissement": typographie(self.avertissement),
            "hypothetique": self.hypothetique,
        }


def _jeux_historiques(accord: Accord) -> list[tuple[str, dict[str, Any], dict[str, Any] | None, int]]:
    """(libellé, valeurs, valeurs précédentes, masse) pour chaque période historique exploitable."""
    jeux = []
    precedent: dict[str, Any] | None = None
    for h in accord.historique:
        if h.masse_salariale_centimes is not None:
            jeux.append((h.periode, dict(h.valeurs), precedent, h.masse_salariale_centimes))
        precedent = dict(h.valeurs)
    return jeux


def _valeurs_hypothetiques(accord: Accord, masse: int) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    valeurs: dict[str, Decimal] = {}
    precedentes: dict[str, Decimal] = {}
    unites = {i.code: i.unite for i in accord.indicateurs}
    dixieme = Decimal(masse) / 10

    def base(code: str) -> Decimal:
        return dixieme if unites.get(code, "centimes") == "centimes" else Decimal(100)

    for c in accord.formule.composantes:
        if isinstance(c, PartResultat):
            plancher = c.tranches[-1].plancher_centimes if c.tranches else c.seuil_centimes
            valeurs[c.indicateur] = Decimal(plancher) + base(c.indicateur)
        elif isinstance(c, PaliersCroissance):
            avant = base(c.indicateur) * 10
            precedentes[c.indicateur] = avant
            valeurs[c.indicateur] = (avant * (1 + c.paliers[0].croissance_min)).quantize(Decimal(1))
        elif isinstance(c, Objectifs):
            for o in c.objectifs:
                d, cible = o.seuils(1)
                valeurs[o.indicateur] = (Decimal(d) + Decimal(cible)) / 2
    for d in accord.formule.declencheurs:
        if d.indicateur not in valeurs:
            ecart = base(d.indicateur)
            valeurs[d.indicateur] = d.valeur + ecart if d.operateur in (">", ">=") else d.valeur - ecart
    p = accord.formule.plafond
    if p is not None and p.indicateur and p.indicateur not in valeurs:
        valeurs[p.indicateur] = base(p.indicateur) * 10
    return valeurs, precedentes


def rediger_exemple(accord: Accord, lex: Lexique) -> Exemple:
    """L'exemple chiffré : sur la dernière période historique qui donne un intéressement (sinon la dernière),
    à défaut sur des valeurs hypothétiques."""
    periodes = accord.periodes()
    d_ref = periodes[0].fin
    candidats = []
    for libelle, valeurs, precedentes, masse in _jeux_historiques(accord):
        try:
            res = evaluer(accord.formule, valeurs, masse, valeurs_precedentes=precedentes, periode=1,
                          date_reference=d_ref, unites=lex.unites())
        except (ErreurEntree, ArithmeticError):
            continue
        candidats.append((libelle, valeurs, precedentes, masse, res))
    hypothetique = False
    if candidats:
        # La dernière période connue, qu'elle donne ou non un intéressement (jamais la « meilleure »).
        libelle, valeurs, precedentes, masse, res = candidats[-1]
    else:
        hypothetique = True
        masse = max(1, accord.entreprise.effectif) * MASSE_ILLUSTRATION_PAR_SALARIE_CENTIMES
        valeurs, precedentes = _valeurs_hypothetiques(accord, masse)
        libelle = ""
        try:
            res = evaluer(accord.formule, valeurs, masse, valeurs_precedentes=precedentes, periode=1,
                          date_reference=d_ref, unites=lex.unites())
        except (ErreurEntree, ArithmeticError):
            return Exemple(
                "Les données disponibles ne permettent pas d'établir un exemple chiffré.", [], [],
                "Exemple non disponible.", "", "", None, True)
    exemple = _exemple_depuis(accord, lex, libelle, valeurs, precedentes or {}, masse, res, d_ref, hypothetique)
    derniere = accord.historique[-1].periode if accord.historique else None
    if not hypothetique and derniere is not None and derniere != libelle:
        exemple.introduction = exemple.introduction.replace(
            " Données retenues :", f" La période « {derniere} », plus récente, ne comporte pas toutes les données "
            "nécessaires au calcul. Données retenues :")
    return exemple


def _exemple_depuis(accord: Accord, lex: Lexique, libelle: str, valeurs: dict[str, Any],
                    precedentes: dict[str, Any], masse: int, res: Any, d_ref: date,
                    hypothetique: bool) -> Exemple:
    formule = accord.formule
    n = len(formule.composantes)
    if hypothetique:
        intro = ("À titre d'illustration, la formule est appliquée ci-dessous à des valeurs hypothétiques, "
                 "choisies pour montrer le mécanisme de calcul ; elles ne constituent ni une prévision ni un "
                 "objectif. Données retenues :")
        source = "à des valeurs hypothétiques"
    else:
        intro = (f"À titre d'illustration, la formule est appliquée ci-dessous aux données réelles de la période "
                 f"« {libelle} » de la société, dernière période connue. Données retenues :")
        source = f"aux données de la période « {libelle} »"
    donnees = [f"masse salariale (MS) : {fmt.montant(masse)}"]
    utilises = formule.indicateurs_utilises()
    for code in utilises:
        if code in valeurs:
            donnees.append(f"{minuscule_initiale(lex.libelle(code))} ({lex.symbole(code)}) : "
                           f"{lex.valeur(code, valeurs[code])}")
        if code in precedentes and any(isinstance(c, PaliersCroissance) and c.indicateur == code
                                       for c in formule.composantes):
            donnees.append(f"{minuscule_initiale(lex.libelle(code))} de la période précédente : "
                           f"{lex.valeur(code, precedentes[code])}")
    etapes: list[str] = []
    for rang, (c, montant) in enumerate(zip(formule.composantes, res.composantes_centimes, strict=True), start=1):
        nom = _nom_composante(rang, n)
        etapes.extend(_etapes_composante(c, lex, nom, valeurs, precedentes, masse, montant))
    if n > 1:
        etapes.append(f"somme des composantes : {' + '.join(fmt.montant(m) for m in res.composantes_centimes)}"
                      f" = {fmt.montant(sum(res.composantes_centimes))}")
    for dcl in formule.declencheurs:
        v = valeurs.get(dcl.indicateur)
        if v is None:
            continue
        ok = {">": v > dcl.valeur, ">=": v >= dcl.valeur, "<": v < dcl.valeur, "<=": v <= dcl.valeur}[dcl.operateur]
        etapes.append(f"condition de déclenchement ({lex.symbole(dcl.indicateur)} {SYMBOLES_OPERATEURS[dcl.operateur]} "
                      f"{lex.valeur(dcl.indicateur, dcl.valeur)}) : {lex.valeur(dcl.indicateur, v)}, "
                      + ("condition remplie" if ok else "condition non remplie, aucun intéressement n'est dû"))
    if formule.plancher_centimes is not None:
        etapes.append(f"montant minimal garanti : {fmt.montant(formule.plancher_centimes)}")
    if res.plafond_accord_centimes is not None:
        atteint = res.determinant == "plafond de l'accord"
        etapes.append(f"plafond de l'intéressement global prévu ci-dessus : {fmt.montant(res.plafond_accord_centimes)} "
                      f"({'atteint' if atteint else 'non atteint'})")
    if res.plafond_legal_centimes is not None:
        atteint = res.determinant == "plafond légal de 20 %"
        etapes.append(f"plafond légal de {fmt.pourcentage(taux_plafond_global(d_ref))} de la masse salariale : "
                      f"{fmt.montant(res.plafond_legal_centimes)} ({'atteint' if atteint else 'non atteint'})")
    enveloppe = res.enveloppe_centimes
    part = fmt.pourcentage(Decimal(enveloppe) / Decimal(masse)) if masse else "—"
    if enveloppe > 0:
        conclusion = f"Intéressement global : {fmt.montant(enveloppe)}, soit {part} de la masse salariale."
        verbe = "donne" if hypothetique else "aurait donné"
        resume = (f"Appliquée {source}, la formule {verbe} un intéressement global de {fmt.montant(enveloppe)}, "
                  f"soit {part} de la masse salariale.")
    else:
        conclusion = "Intéressement global : 0,00 € — aucun intéressement n'aurait été dû."
        verbe = "ne donne" if hypothetique else "n'aurait donné"
        resume = f"Appliquée {source}, la formule {verbe} aucun intéressement : la prime peut être nulle."
    avertissement = ("Cet exemple est donné à titre purement illustratif ; il ne préjuge pas du montant de "
                     "l'intéressement, qui sera calculé sur les données réelles de chaque période de calcul.")
    return Exemple(intro, donnees, etapes, conclusion, resume, avertissement, enveloppe, hypothetique)


def _etapes_composante(c: Any, lex: Lexique, nom: str, valeurs: dict[str, Any], precedentes: dict[str, Any],
                       masse: int, montant: int) -> list[str]:
    if isinstance(c, PartResultat):
        r = Decimal(str(valeurs[c.indicateur]))
        sym = lex.symbole(c.indicateur)
        if c.tranches:
            morceaux = []
            bornes = [t.plancher_centimes for t in c.tranches[1:]] + [None]
            for t, haut in zip(c.tranches, bornes, strict=True):
                partie = max(Decimal(0), r - t.plancher_centimes)
                if haut is not None:
                    partie = min(partie, Decimal(haut - t.plancher_centimes))
                if partie > 0:
                    morceaux.append(f"{fmt.pourcentage(t.taux)} × {fmt.montant(partie)}")
            detail = " + ".join(morceaux) if morceaux else "aucune tranche atteinte"
            return [f"{nom} : part de {sym} par tranches : {detail} = {fmt.montant(montant)}"]
        taux = fmt.pourcentage(c.taux or 0)
        if c.seuil_centimes == 0:
            return [f"{nom} = {taux} × max(0 ; {lex.valeur(c.indicateur, r)}) = {fmt.montant(montant)}"]
        if r <= c.seuil_centimes:
            return [f"{nom} : {sym} ({lex.valeur(c.indicateur, r)}) n'excède pas le seuil de "
                    f"{fmt.montant(c.seuil_centimes)}, soit {fmt.montant(0)}"]
        return [f"{nom} = {taux} × ({lex.valeur(c.indicateur, r)} − {fmt.montant(c.seuil_centimes)}) = "
                f"{fmt.montant(montant)}"]
    if isinstance(c, PaliersCroissance):
        v = Decimal(str(valeurs[c.indicateur]))
        v1 = Decimal(str(precedentes.get(c.indicateur, 0)))
        g = croissance(v, v1)
        sym = lex.symbole(c.indicateur)
        if g is None:
            return [f"{nom} : croissance de {sym} non calculable (valeur précédente nulle), soit {fmt.montant(0)}"]
        taux = Decimal(0)
        for p in c.paliers:
            if g >= p.croissance_min:
                taux = p.taux_masse_salariale
        return [
            f"croissance de {sym} : ({lex.valeur(c.indicateur, v)} − {lex.valeur(c.indicateur, v1)}) / "
            f"{lex.valeur(c.indicateur, abs(v1))} = {fmt.pourcentage(g)}",
            f"{nom} = {fmt.pourcentage(taux)} × {fmt.montant(masse)} = {fmt.montant(montant)}"
            + ("" if taux else " (croissance inférieure au premier palier)"),
        ]
    if isinstance(c, Objectifs):
        etapes = []
        total = Decimal(0)
        for i, o in enumerate(c.objectifs, start=1):
            v = Decimal(str(valeurs[o.indicateur]))
            a = atteinte(o, v, 1)
            total += o.poids * a
            d, cible = o.seuils(1)
            etapes.append(f"A{indice(i)} ({o.nom}) : valeur {lex.valeur(o.indicateur, v)}, déclenchement "
                          f"{lex.valeur(o.indicateur, d)}, cible {lex.valeur(o.indicateur, cible)} → "
                          f"atteinte {fmt.pourcentage(a)}")
        etapes.append(f"{nom} = {fmt.pourcentage(c.budget_taux_masse_salariale)} × {fmt.montant(masse)} × "
                      f"{fmt.pourcentage(total)} (atteinte pondérée) = {fmt.montant(montant)}")
        return etapes
    if isinstance(c, PourcentageMasseSalariale):
        return [f"{nom} = {fmt.pourcentage(c.taux)} × {fmt.montant(masse)} = {fmt.montant(montant)}"]
    if isinstance(c, MontantFixe):
        return [f"{nom} = {fmt.montant(c.montant_centimes)}"]
    return []


# ------------------------------------------------------------------------------------------- répartition

LIBELLES_ABSENCES_JURIDIQUES = {
    "maternite": "le congé de maternité (articles L1225-17 et suivants du code du travail)",
    "paternite_accueil_enfant": "le congé de paternité et d'accueil de l'enfant (article L1225-35 du code du "
                                "travail)",
    "adoption": "le congé d'adoption (article L1225-37 du code du travail)",
    "deuil": "le congé de deuil (article L3142-1-1 du code du travail)",
    "accident_travail": "les absences consécutives à un accident du travail (article L1226-7 du code du "
                        "travail)",
    "maladie_professionnelle": "les absences consécutives à une maladie professionnelle (article L1226-7 du code "
                               "du travail)",
    "quarantaine": "les périodes de mise en quarantaine au sens du 2° du I de l'article L3131-1 du code de la santé "
                   "publique",
}


def libelle_absence(code: str) -> str:
    if code in LIBELLES_ABSENCES_JURIDIQUES:
        return LIBELLES_ABSENCES_JURIDIQUES[code]
    if code in CODES_ABSENCES:
        return "les périodes de " + CODES_ABSENCES[code]
    return code.replace("_", " ")


def absences(accord: Accord) -> tuple[list[str], list[str], list[str]]:
    """(codes légaux, libellés légaux, libellés supplémentaires) à la date d'effet."""
    d = accord.periode.date_effet
    legales = list(parametres.value_at("absences_assimilees_presence", d))
    supplementaires = [c for c in accord.repartition.absences_assimilees if c not in legales]
    return legales, [libelle_absence(c) for c in legales], [libelle_absence(c) for c in supplementaires]


def cles_repartition(accord: Accord) -> tuple[str, list[str], list[str]]:
    """(phrase d'introduction, critères en tirets, raisons du choix pour le préambule)."""
    rep = accord.repartition
    parts = [(rep.part_uniforme, "uniforme"), (rep.part_presence, "presence"), (rep.part_salaire, "salaire")]
    actives = [(p, k) for p, k in parts if p > 0]
    seule = len(actives) == 1 and actives[0][0] == 1
    cles = []
    raisons = []
    for part, cle in actives:
        quantite = "la totalité de l'intéressement global" if seule else (
            f"{fmt.pourcentage(part)} de l'intéressement global")
        if cle == "uniforme":
            cles.append(f"{quantite}, de manière uniforme : chaque bénéficiaire en reçoit une part égale")
            raisons.append("la répartition uniforme traduit la dimension collective de la performance, à "
                           "laquelle chacun contribue")
        elif cle == "presence":
            cles.append(f"{quantite}, proportionnellement à la durée de présence de chaque bénéficiaire au cours "
                        "de la période de calcul")
            raisons.append("la répartition selon la durée de présence tient compte de la contribution effective "
                           "de chacun au cours de la période")
        else:
            cles.append(f"{quantite}, proportionnellement au salaire de chaque bénéficiaire au cours de la période "
                        "de calcul")
            raisons.append("la répartition proportionnelle aux salaires tient compte du niveau de qualification et "
                           "de responsabilité de chacun")
    for critere in rep.autres_criteres:
        cles.append(f"selon le critère suivant : {critere}")
    intro = ("L'intéressement global est réparti entre les bénéficiaires selon le critère suivant :" if seule
             else f"L'intéressement global est réparti entre les bénéficiaires en {en_lettres(len(cles))} parts, "
                  "chacune selon un critère distinct :")
    return typographie(intro), ponctuer_liste(cles), raisons
