"""Rédaction juridique des éléments variables : formule en mots et en symboles, exemple chiffré, critères.

Chaque fonction reçoit le modèle (``Accord``) et renvoie des phrases françaises prêtes à insérer dans un
modèle Word. Le texte de chaque phrase est dans la bibliothèque des clauses
(``interessement/clauses/textes/phrases_formule.yaml`` et ``termes.yaml``, avec ses articles) : ce module ne fait
que choisir la phrase et calculer ses valeurs. Les nombres légaux viennent des paramètres datés ; les montants et
dates sont mis en forme par ``interessement.format``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .. import clauses, parametres
from .. import format as fmt
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

P = clauses.phrase

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

    def libelle_avant_symbole(self, code: str) -> str:
        """Le libellé à écrire devant « (symbole) » : sans le sigle qu'il porte déjà (« Résultat courant avant impôt
        (RCAI) » suivi de « (RCAI) » donnait « (RCAI) (RCAI) »)."""
        libelle = self.libelle(code)
        fin = f"({self.symbole(code)})"
        if libelle.endswith(fin) and len(libelle) > len(fin):
            return libelle[:-len(fin)].rstrip()
        return libelle

    def designation(self, code: str) -> str:
        """« l'indicateur « Résultat d'exploitation » (RE) »."""
        return P("designation_indicateur", libelle=self.libelle_avant_symbole(code), symbole=self.symbole(code))

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

_OPERATEURS: dict[str, str] = dict(clauses.termes("operateurs"))


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
        sujet = P("sujet_global") if n == 1 else P("sujet_composante", nom=nom)
        if isinstance(c, PartResultat):
            sortie.append(_part_resultat(c, lex, nom, sujet))
        elif isinstance(c, PaliersCroissance):
            sortie.append(_paliers(c, lex, nom, sujet))
        elif isinstance(c, Objectifs):
            sortie.append(_objectifs(accord, c, lex, nom, sujet))
        elif isinstance(c, PourcentageMasseSalariale):
            sortie.append(ComposanteRedigee(
                P("composante_masse_titre"),
                [P("composante_masse", sujet=sujet, e="e" if n > 1 else "", taux=fmt.pourcentage(c.taux))],
                [f"{nom} = {fmt.pourcentage(c.taux)} × MS"],
            ))
        elif isinstance(c, MontantFixe):
            sortie.append(ComposanteRedigee(
                P("composante_fixe_titre"),
                [P("composante_fixe", sujet=sujet, montant=fmt.montant(c.montant_centimes))],
                [f"{nom} = {fmt.montant(c.montant_centimes)}"],
            ))
    return sortie


def _genre(sujet: str) -> str:
    """« e » quand le sujet est féminin (« La composante I₁ est égale… »)."""
    return "e" if sujet.startswith("La ") else ""


def _part_resultat(c: PartResultat, lex: Lexique, nom: str, sujet: str) -> ComposanteRedigee:
    sym = lex.symbole(c.indicateur)
    e = _genre(sujet)
    indicateur = lex.designation(c.indicateur)
    if c.tranches:
        lignes = []
        premier = c.tranches[0].plancher_centimes
        if premier > 0:
            lignes.append({"tranche": P("tranche_jusqua", haut=fmt.montant(premier)), "taux": fmt.pourcentage(0)})
        for i, t in enumerate(c.tranches):
            if i + 1 < len(c.tranches):
                libelle = P("tranche_de_a", bas=fmt.montant(t.plancher_centimes),
                            haut=fmt.montant(c.tranches[i + 1].plancher_centimes))
            else:
                libelle = P("tranche_au_dela", bas=fmt.montant(t.plancher_centimes))
            lignes.append({"tranche": libelle, "taux": fmt.pourcentage(t.taux)})
        phrases = [P("part_tranches", sujet=sujet, e=e, indicateur=indicateur)]
        resume = P("part_tranches_resume", sujet=sujet, e=e, indicateur=indicateur,
                   tranches=enumeration([f"{x['taux']} {x['tranche']}" for x in lignes]))
        expression = P("part_tranches_expression", nom=nom, symbole=sym)
        return ComposanteRedigee(P("part_tranches_titre", libelle=lex.libelle(c.indicateur)), phrases,
                                 [expression], resume=resume, tranches=lignes)
    taux = fmt.pourcentage(c.taux or 0)
    if c.seuil_centimes == 0:
        phrase = P("part_sans_seuil", sujet=sujet, e=e, taux=taux, indicateur=indicateur)
        expression = f"{nom} = {taux} × max(0 ; {sym})"
    else:
        phrase = P("part_avec_seuil", sujet=sujet, e=e, taux=taux, indicateur=indicateur,
                   seuil=fmt.montant(c.seuil_centimes))
        expression = f"{nom} = {taux} × max(0 ; {sym} − {fmt.montant(c.seuil_centimes)})"
    return ComposanteRedigee(P("part_titre", libelle=lex.libelle(c.indicateur)), [phrase], [expression])


def _paliers(c: PaliersCroissance, lex: Lexique, nom: str, sujet: str) -> ComposanteRedigee:
    sym = lex.symbole(c.indicateur)
    premier = fmt.pourcentage(c.paliers[0].croissance_min)
    lignes = [{"condition": P("palier_en_deca", seuil=premier), "taux": P("palier_aucun")}]
    for i, p in enumerate(c.paliers):
        if i + 1 < len(c.paliers):
            cond = P("palier_entre", bas=fmt.pourcentage(p.croissance_min),
                     haut=fmt.pourcentage(c.paliers[i + 1].croissance_min))
        else:
            cond = P("palier_au_moins", bas=fmt.pourcentage(p.croissance_min))
        lignes.append({"condition": cond, "taux": P("palier_taux", taux=fmt.pourcentage(p.taux_masse_salariale))})
    indicateur = lex.designation(c.indicateur)
    phrases = [P("paliers", sujet=sujet, e=_genre(sujet), indicateur=indicateur)]
    notes = [P("paliers_croissance", s=sym)]
    expressions = [f"{nom} = t(g) × MS", P("paliers_expression_bareme")]
    bareme = enumeration([P("paliers_bareme", taux=fmt.pourcentage(p.taux_masse_salariale),
                            seuil=fmt.pourcentage(p.croissance_min)) for p in c.paliers], "et")
    resume = P("paliers_resume", sujet=sujet, indicateur=indicateur, bareme=bareme, seuil=premier)
    return ComposanteRedigee(P("paliers_titre", libelle=lex.libelle(c.indicateur)), phrases, expressions,
                             notes, resume, paliers=lignes)


def _objectifs(accord: Accord, c: Objectifs, lex: Lexique, nom: str, sujet: str) -> ComposanteRedigee:
    lignes = []
    for o in c.objectifs:
        progression = P("objectif_lineaire") if o.progression == "lineaire" else P(
            "objectif_paliers", pas=fmt.pourcentage(Decimal(1) / Decimal(o.nombre_paliers)))
        lignes.append({
            "nom": o.nom,
            "indicateur": f"{lex.libelle_avant_symbole(o.indicateur)} ({lex.symbole(o.indicateur)})",
            "poids": fmt.pourcentage(o.poids),
            "sens": P("objectif_hausse") if o.sens == "hausse" else P("objectif_baisse"),
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
    budget = fmt.pourcentage(c.budget_taux_masse_salariale)
    phrases = [P("objectifs", sujet=sujet, e=_genre(sujet), budget=budget)]
    notes = [P("objectifs_atteinte")]
    termes = " + ".join(f"{fmt.pourcentage(o.poids)} × A{indice(i)}" for i, o in enumerate(c.objectifs, start=1))
    expressions = [f"{nom} = {fmt.pourcentage(c.budget_taux_masse_salariale)} × MS × ({termes})",
                   "avec Aᵢ = min(1 ; max(0 ; (Vᵢ − Dᵢ) / (Cᵢ − Dᵢ)))"]
    notes.append(P("objectifs_notations"))
    resume = P("objectifs_resume", sujet=sujet, e=_genre(sujet), budget=budget,
               objectifs=enumeration([f"« {o.nom} » ({fmt.pourcentage(o.poids)})" for o in c.objectifs]))
    return ComposanteRedigee(P("objectifs_titre"), phrases, expressions, notes, resume, objectifs=lignes,
                             seuils=seuils)


def rediger_declencheurs(accord: Accord, lex: Lexique) -> list[str]:
    dcl = accord.formule.declencheurs
    if not dcl:
        return []
    conditions = [P("declencheur_condition", indicateur=lex.designation(d.indicateur),
                    operateur=_OPERATEURS[d.operateur], valeur=lex.valeur(d.indicateur, d.valeur)) for d in dcl]
    if len(conditions) == 1:
        return [typographie(P("declencheur", condition=conditions[0]))]
    liste = " ; ".join(f"({i}) {c}" for i, c in enumerate(conditions, start=1))
    return [typographie(P("declencheurs", conditions=liste))]


def rediger_plafonds_accord(accord: Accord, lex: Lexique) -> list[str]:
    p = accord.formule.plafond
    if p is None:
        return []
    phrases = []
    if p.taux_masse_salariale is not None:
        phrases.append(P("plafond_accord_masse", taux=fmt.pourcentage(p.taux_masse_salariale)))
    if p.taux_indicateur is not None and p.indicateur is not None:
        phrases.append(P("plafond_accord_indicateur", taux=fmt.pourcentage(p.taux_indicateur),
                         indicateur=lex.designation(p.indicateur)))
    if p.montant_centimes is not None:
        phrases.append(P("plafond_accord_montant", montant=fmt.montant(p.montant_centimes)))
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
            return Exemple(P("exemple_indisponible"), [], [], P("exemple_indisponible_conclusion"), "", "", None,
                           True)
    derniere = accord.historique[-1].periode if accord.historique else None
    complement = ""
    if not hypothetique and derniere is not None and derniere != libelle:
        complement = P("exemple_periode_incomplete", periode=derniere)
    return _exemple_depuis(accord, lex, libelle, valeurs, precedentes or {}, masse, res, d_ref, hypothetique,
                           complement)


def _exemple_depuis(accord: Accord, lex: Lexique, libelle: str, valeurs: dict[str, Any],
                    precedentes: dict[str, Any], masse: int, res: Any, d_ref: date,
                    hypothetique: bool, complement: str = "") -> Exemple:
    formule = accord.formule
    n = len(formule.composantes)
    if hypothetique:
        intro = P("exemple_intro_hypothetique", complement=complement)
        source = P("exemple_source_hypothetique")
    else:
        intro = P("exemple_intro_reel", periode=libelle, complement=complement)
        source = P("exemple_source_reelle", periode=libelle)
    donnees = [P("exemple_donnee_masse", montant=fmt.montant(masse))]
    utilises = formule.indicateurs_utilises()
    for code in utilises:
        if code in valeurs:
            donnees.append(P("exemple_donnee", libelle=minuscule_initiale(lex.libelle_avant_symbole(code)),
                             symbole=lex.symbole(code), valeur=lex.valeur(code, valeurs[code])))
        if code in precedentes and any(isinstance(c, PaliersCroissance) and c.indicateur == code
                                       for c in formule.composantes):
            donnees.append(P("exemple_donnee_precedente", libelle=minuscule_initiale(lex.libelle(code)),
                             valeur=lex.valeur(code, precedentes[code])))
    etapes: list[str] = []
    for rang, (c, montant) in enumerate(zip(formule.composantes, res.composantes_centimes, strict=True), start=1):
        nom = _nom_composante(rang, n)
        etapes.extend(_etapes_composante(c, lex, nom, valeurs, precedentes, masse, montant))
    if n > 1:
        etapes.append(P("exemple_somme", termes=" + ".join(fmt.montant(m) for m in res.composantes_centimes),
                        total=fmt.montant(sum(res.composantes_centimes))))
    for dcl in formule.declencheurs:
        v = valeurs.get(dcl.indicateur)
        if v is None:
            continue
        ok = {">": v > dcl.valeur, ">=": v >= dcl.valeur, "<": v < dcl.valeur, "<=": v <= dcl.valeur}[dcl.operateur]
        etapes.append(P("exemple_declencheur", symbole=lex.symbole(dcl.indicateur),
                        operateur=SYMBOLES_OPERATEURS[dcl.operateur], seuil=lex.valeur(dcl.indicateur, dcl.valeur),
                        valeur=lex.valeur(dcl.indicateur, v), remplie=ok))
    if formule.plancher_centimes is not None:
        etapes.append(P("exemple_plancher", montant=fmt.montant(formule.plancher_centimes)))
    if res.plafond_accord_centimes is not None:
        etapes.append(P("exemple_plafond_accord", montant=fmt.montant(res.plafond_accord_centimes),
                        atteint=res.determinant == "plafond de l'accord"))
    if res.plafond_legal_centimes is not None:
        etapes.append(P("exemple_plafond_legal", taux=fmt.pourcentage(taux_plafond_global(d_ref)),
                        montant=fmt.montant(res.plafond_legal_centimes),
                        atteint=res.determinant == "plafond légal de 20 %"))
    enveloppe = res.enveloppe_centimes
    part = fmt.pourcentage(Decimal(enveloppe) / Decimal(masse)) if masse else "—"
    if enveloppe > 0:
        conclusion = P("exemple_conclusion", montant=fmt.montant(enveloppe), part=part)
        resume = P("exemple_resume", source=source, hypothetique=hypothetique, montant=fmt.montant(enveloppe),
                   part=part)
    else:
        conclusion = P("exemple_conclusion_nulle")
        resume = P("exemple_resume_nul", source=source, hypothetique=hypothetique)
    return Exemple(intro, donnees, etapes, conclusion, resume, P("exemple_avertissement"), enveloppe, hypothetique)


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
            detail = " + ".join(morceaux) if morceaux else P("etape_aucune_tranche")
            return [P("etape_tranches", nom=nom, symbole=sym, detail=detail, montant=fmt.montant(montant))]
        taux = fmt.pourcentage(c.taux or 0)
        if c.seuil_centimes == 0:
            return [f"{nom} = {taux} × max(0 ; {lex.valeur(c.indicateur, r)}) = {fmt.montant(montant)}"]
        if r <= c.seuil_centimes:
            return [P("etape_sous_seuil", nom=nom, symbole=sym, valeur=lex.valeur(c.indicateur, r),
                      seuil=fmt.montant(c.seuil_centimes), zero=fmt.montant(0))]
        return [f"{nom} = {taux} × ({lex.valeur(c.indicateur, r)} − {fmt.montant(c.seuil_centimes)}) = "
                f"{fmt.montant(montant)}"]
    if isinstance(c, PaliersCroissance):
        v = Decimal(str(valeurs[c.indicateur]))
        v1 = Decimal(str(precedentes.get(c.indicateur, 0)))
        g = croissance(v, v1)
        sym = lex.symbole(c.indicateur)
        if g is None:
            return [P("etape_croissance_non_calculable", nom=nom, symbole=sym, zero=fmt.montant(0))]
        taux = Decimal(0)
        for p in c.paliers:
            if g >= p.croissance_min:
                taux = p.taux_masse_salariale
        return [
            P("etape_croissance", symbole=sym, v=lex.valeur(c.indicateur, v), v1=lex.valeur(c.indicateur, v1),
              abs_v1=lex.valeur(c.indicateur, abs(v1)), g=fmt.pourcentage(g)),
            f"{nom} = {fmt.pourcentage(taux)} × {fmt.montant(masse)} = {fmt.montant(montant)}"
            + ("" if taux else P("etape_sous_premier_palier")),
        ]
    if isinstance(c, Objectifs):
        etapes = []
        total = Decimal(0)
        for i, o in enumerate(c.objectifs, start=1):
            v = Decimal(str(valeurs[o.indicateur]))
            a = atteinte(o, v, 1)
            total += o.poids * a
            d, cible = o.seuils(1)
            etapes.append(P("etape_objectif", a=f"A{indice(i)}", objectif=o.nom, valeur=lex.valeur(o.indicateur, v),
                            declenchement=lex.valeur(o.indicateur, d), cible=lex.valeur(o.indicateur, cible),
                            atteinte=fmt.pourcentage(a)))
        etapes.append(P("etape_objectifs_total", nom=nom, budget=fmt.pourcentage(c.budget_taux_masse_salariale),
                        masse=fmt.montant(masse), total=fmt.pourcentage(total), montant=fmt.montant(montant)))
        return etapes
    if isinstance(c, PourcentageMasseSalariale):
        return [f"{nom} = {fmt.pourcentage(c.taux)} × {fmt.montant(masse)} = {fmt.montant(montant)}"]
    if isinstance(c, MontantFixe):
        return [f"{nom} = {fmt.montant(c.montant_centimes)}"]
    return []


# ------------------------------------------------------------------------------------------- répartition

#: Les absences que la loi assimile à du temps de présence (L3314-5), avec leur article (termes.yaml).
LIBELLES_ABSENCES_JURIDIQUES: dict[str, str] = dict(clauses.termes("absences_juridiques"))


def libelle_absence(code: str) -> str:
    if code in LIBELLES_ABSENCES_JURIDIQUES:
        return LIBELLES_ABSENCES_JURIDIQUES[code]
    if code in CODES_ABSENCES:
        return P("absence_autre", libelle=CODES_ABSENCES[code])
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
        quantite = P("quantite_totalite") if seule else P("quantite_part", part=fmt.pourcentage(part))
        cles.append(P(f"cle_{cle}", quantite=quantite))
        raisons.append(P(f"raison_{cle}"))
    for critere in rep.autres_criteres:
        cles.append(P("cle_autre", critere=critere))
    intro = P("repartition_un_critere") if seule else P("repartition_plusieurs_criteres", nombre=en_lettres(len(cles)))
    return typographie(intro), ponctuer_liste(cles), raisons
