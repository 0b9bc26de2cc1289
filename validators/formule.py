"""D. La formule (C. trav. L3312-1, L3314-2) : aléa, activité, mesurabilité, objectifs, caractère collectif.

``analyser_formule`` fait l'analyse structurelle de la formule (peut-elle être nulle ? plancher, montant fixe,
part du chiffre d'affaires ou de la masse salariale sans condition de résultat, indicateur individuel ou laissé à
l'employeur ou sans source) ; l'assistant peut l'appeler directement. ALEA_FAIBLE y ajoute un back-test sur
l'historique de l'accord et, quand le module de simulation est présent, un Monte-Carlo.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np

from interessement.formules import enveloppe_flottante, evaluer_vecteurs
from interessement.modele import (
    LIBELLES_NATURES,
    NATURES_ACTIVITE,
    Accord,
    Declencheur,
    MontantFixe,
    Objectifs,
    PaliersCroissance,
    PartResultat,
    PourcentageMasseSalariale,
)

from .contexte import Contexte
from .registre import NonApplicable, Trouve, ct, regle, urssaf
from .resultats import (
    ACCORD,
    AVERTISSEMENT,
    BLOQUANT,
    PERIODE,
    Montant,
    Taux,
    en_texte,
    montant_fr,
    pourcentage_fr,
)

# Choix de ce projet (REGLES.md, règle ALEA_FAIBLE) — ce ne sont pas des nombres légaux :
#: versement dans au moins 95 % des scénarios simulés : aléa faible ;
SEUIL_ALEA_FAIBLE = 0.95
#: versement dans au plus 5 % des scénarios : pas une incitation ;
SEUIL_ALEA_NUL = 0.05
#: nombre minimal de périodes historiques calculables pour conclure du back-test ;
MIN_PERIODES_BACKTEST = 3
#: Monte-Carlo du validateur : peu de scénarios (rapide), graine fixe (reproductible), et seulement avec un
#: historique d'au moins 3 périodes.
SCENARIOS_VALIDATEUR = 2000
GRAINE_VALIDATEUR = 0
MIN_PERIODES_MONTE_CARLO = 3

_MOTS_INDIVIDUELS = re.compile(r"individu|évaluation|evaluation|entretien|mérite|merite|note personnelle",
                               re.IGNORECASE)


# ----------------------------------------------------------------------------------------------- analyse


@dataclass
class Probleme:
    message: str
    chemin: list[str]
    observe: Any = None


@dataclass
class AnalyseFormule:
    """Analyse structurelle d'une formule (sans chiffres)."""

    peut_etre_nulle: bool
    plancher: Probleme | None = None
    montants_fixes: list[Probleme] = field(default_factory=list)
    verses_sans_condition: list[Probleme] = field(default_factory=list)
    parts_activite: list[Probleme] = field(default_factory=list)
    condition_resultat: bool = False
    declencheur_reel: bool = False
    borne_taux_masse_salariale: Decimal | None = None  # None : non bornée par la masse salariale
    indicateurs_individuels: list[Probleme] = field(default_factory=list)


def _nature(accord: Accord, code: str) -> str:
    ind = accord.indicateur(code)
    return ind.nature if ind is not None else "autre"


def _libelle(accord: Accord, code: str) -> str:
    ind = accord.indicateur(code)
    return ind.libelle if ind is not None else code


def _declencheur_toujours_vrai(accord: Accord, d: Declencheur) -> bool:
    """Un déclencheur sur un indicateur d'activité (toujours positif ou nul) du type « > valeur négative » ou
    « >= 0 » est toujours atteint : ce n'est pas une condition."""
    if _nature(accord, d.indicateur) not in NATURES_ACTIVITE:
        return False
    return (d.operateur == ">" and d.valeur < 0) or (d.operateur == ">=" and d.valeur <= 0)


def analyser_formule(accord: Accord) -> AnalyseFormule:
    f = accord.formule
    reels = [d for d in f.declencheurs if not _declencheur_toujours_vrai(accord, d)]
    condition = any(_nature(accord, d.indicateur) not in NATURES_ACTIVITE for d in f.declencheurs)
    a = AnalyseFormule(peut_etre_nulle=True, declencheur_reel=bool(reels), condition_resultat=condition)
    borne: Decimal | None = Decimal(0)
    for i, c in enumerate(f.composantes):
        chemin = f"formule.composantes[{i}]"
        if isinstance(c, MontantFixe):
            borne = None
            if c.montant_centimes > 0:
                a.montants_fixes.append(Probleme(
                    "un montant fixe est versé quel que soit le résultat", [f"{chemin}.montant_centimes"],
                    Montant(c.montant_centimes)))
        elif isinstance(c, PourcentageMasseSalariale):
            borne = None if borne is None else borne + c.taux
            if c.taux > 0:
                a.parts_activite.append(Probleme(
                    f"un pourcentage de la masse salariale ({pourcentage_fr(c.taux)})", [f"{chemin}.taux"],
                    Taux(c.taux)))
                if not reels:
                    a.verses_sans_condition.append(Probleme(
                        f"{pourcentage_fr(c.taux)} de la masse salariale est versé chaque année",
                        [f"{chemin}.taux"], Taux(c.taux)))
        elif isinstance(c, PartResultat):
            borne = None
            activite = _nature(accord, c.indicateur) in NATURES_ACTIVITE
            if activite:
                nom = LIBELLES_NATURES[_nature(accord, c.indicateur)].lower()
                a.parts_activite.append(Probleme(
                    f"une part du {nom} (« {_libelle(accord, c.indicateur)} »)", [f"{chemin}.indicateur"],
                    _libelle(accord, c.indicateur)))
                seuil = c.tranches[0].plancher_centimes if c.tranches else c.seuil_centimes
                taux = c.tranches[0].taux if c.tranches else (c.taux or Decimal(0))
                if seuil <= 0 and taux > 0 and not reels:
                    a.verses_sans_condition.append(Probleme(
                        f"une part du {nom} est versée dès le premier euro", [f"{chemin}.seuil_centimes"],
                        Montant(seuil)))
        elif isinstance(c, PaliersCroissance):
            if borne is not None:
                borne += max(p.taux_masse_salariale for p in c.paliers)
        elif isinstance(c, Objectifs) and borne is not None:
            borne += c.budget_taux_masse_salariale
    if f.plancher_centimes:
        a.plancher = Probleme("l'accord garantit un minimum (plancher)", ["formule.plancher_centimes"],
                              Montant(f.plancher_centimes))
    if f.plafond is not None and f.plafond.taux_masse_salariale is not None:
        borne = f.plafond.taux_masse_salariale if borne is None else min(borne, f.plafond.taux_masse_salariale)
    a.borne_taux_masse_salariale = borne
    a.peut_etre_nulle = a.plancher is None and not a.verses_sans_condition and not (
        a.montants_fixes and not reels)
    for code in f.indicateurs_utilises():
        ind = accord.indicateur(code)
        if ind is not None and ind.individuel:
            k = accord.indicateurs.index(ind)
            a.indicateurs_individuels.append(Probleme(
                f"l'indicateur « {ind.libelle} » mesure une performance individuelle",
                [f"indicateurs[{k}].individuel"], ind.libelle))
    return a


def _analyse(ctx: Contexte) -> AnalyseFormule:
    if not hasattr(ctx, "_analyse_formule"):
        ctx._analyse_formule = analyser_formule(ctx.accord)  # type: ignore[attr-defined]
    return ctx._analyse_formule  # type: ignore[attr-defined]


# ------------------------------------------------------------------------------------------------- règles


@regle(
    "FORMULE_ALEATOIRE", "L'enveloppe doit pouvoir être nulle", BLOQUANT, ACCORD,
    [ct("L3312-1"), ct("L3314-2"), urssaf("Contenu de l'accord d'intéressement")],
    champs=("formule",),
    a_chercher="la formule de calcul : un minimum garanti, un montant fixe, une part versée quoi qu'il arrive",
)
def formule_aleatoire(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3312-1 : l'intéressement « présente un caractère aléatoire et résulte d'une formule de calcul
    liée aux résultats ou aux performances de l'entreprise ». L'enveloppe doit donc pouvoir être nulle : pas de
    minimum garanti, de plancher, de montant fixe, ni de « part de base » versée quoi qu'il arrive."""
    a = _analyse(ctx)
    if a.plancher is not None:
        yield Trouve(
            f"L'accord garantit une enveloppe minimale de {montant_fr(a.plancher.observe)} : "
            "l'intéressement doit pouvoir être nul.",
            chemin=a.plancher.chemin, observe=a.plancher.observe, attendu=None,
            suggestion="Supprimez le plancher (minimum garanti) de la formule.",
        )
    for p in a.montants_fixes:
        yield Trouve(
            f"La formule contient un montant fixe ({montant_fr(p.observe)}) : {p.message}, sans lien avec "
            "les résultats ou les performances.",
            chemin=p.chemin, observe=p.observe, attendu=None,
            suggestion="Remplacez le montant fixe par une part d'un résultat ou par des objectifs de performance.",
        )
    for p in a.verses_sans_condition:
        yield Trouve(
            f"L'enveloppe ne peut jamais être nulle : {p.message}, sans déclencheur.",
            chemin=p.chemin, observe=p.observe, attendu="une enveloppe qui peut être nulle",
            suggestion="Subordonnez le versement à une condition de résultat ou de performance (déclencheur), "
                       "ou fondez la formule sur un résultat au-delà d'un seuil.",
        )


@regle(
    "FORMULE_ACTIVITE", "Pas d'enveloppe qui ne reflète que l'activité", BLOQUANT, ACCORD,
    [ct("L3312-1"), ct("L3314-2"), urssaf("Contenu de l'accord d'intéressement")],
    champs=("formule", "indicateurs"),
    a_chercher=("la formule de calcul : une part du chiffre d'affaires ou de la masse salariale sans condition de"
                " résultat"),
)
def formule_activite(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3312-1 et L3314-2 : la formule est liée aux résultats ou aux performances de l'entreprise.
    Un pourcentage du chiffre d'affaires ou de la masse salariale, sans condition de résultat ou de performance,
    ne reflète que l'activité : l'Urssaf le refuse."""
    a = _analyse(ctx)
    if a.condition_resultat:
        return
    for p in a.parts_activite:
        yield Trouve(
            f"La formule verse {p.message} sans condition de résultat ou de performance : elle ne reflète que "
            "l'activité de l'entreprise.",
            chemin=p.chemin + ["formule.declencheurs"], observe=p.observe,
            attendu="une condition de résultat ou de performance",
            suggestion="Ajoutez un déclencheur sur un résultat (par exemple résultat d'exploitation > 0) ou une "
                       "performance, ou fondez la formule sur un résultat.",
        )


@regle(
    "FORMULE_MESURABLE", "Indicateurs définis, sourcés, objectifs", BLOQUANT, ACCORD,
    [ct("L3314-2"), ct("L3313-2"), urssaf("Contenu de l'accord d'intéressement")],
    champs=("formule", "indicateurs"),
    a_chercher=("la définition et la source de chaque indicateur de la formule (ligne de la liasse fiscale, "
                "logiciel, DSN)"),
)
def formule_mesurable(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3313-2 et L3314-2 : l'accord définit les modalités de calcul de l'intéressement. Chaque
    indicateur est défini dans l'accord avec sa source (par exemple une ligne de la liasse fiscale), objectif et
    calculable à la fin de la période ; rien n'est laissé à l'appréciation de l'employeur."""
    accord = ctx.accord
    for code in accord.formule.indicateurs_utilises():
        ind = accord.indicateur(code)
        if ind is None:
            yield Trouve(
                f"L'indicateur « {code} » est utilisé par la formule mais n'est pas défini dans l'accord.",
                chemin=["indicateurs", "formule"], observe=code, attendu="indicateur défini avec sa source",
                suggestion=f"Ajoutez l'indicateur « {code} » à la liste des indicateurs, avec sa définition et "
                           "sa source.",
            )
            continue
        k = accord.indicateurs.index(ind)
        manques = []
        if not ind.definition.strip():
            manques.append(("définition", f"indicateurs[{k}].definition"))
        if not ind.source.strip():
            manques.append(("source", f"indicateurs[{k}].source"))
        if manques:
            yield Trouve(
                f"L'indicateur « {ind.libelle} » n'a pas de {' ni de '.join(m for m, _ in manques)} : il doit "
                "pouvoir être calculé objectivement à la fin de la période.",
                chemin=[c for _, c in manques], observe=None, attendu=", ".join(m for m, _ in manques),
                suggestion="Écrivez la définition de l'indicateur et sa source (par exemple « liasse fiscale "
                           "2052, ligne GW »).",
            )
        if ind.fixe_par_employeur:
            yield Trouve(
                f"La valeur de l'indicateur « {ind.libelle} » est laissée à l'appréciation de l'employeur.",
                chemin=[f"indicateurs[{k}].fixe_par_employeur"], observe=True, attendu=False,
                suggestion="Définissez l'indicateur par une donnée objective et vérifiable (comptes, logiciel, "
                           "DSN).",
            )


def _dernieres_valeurs(accord: Accord, avant: date) -> dict[str, tuple[Decimal, str]]:
    """Dernière valeur connue de chaque indicateur (ordre de l'historique), hors périodes closes après ``avant``."""
    connues: dict[str, tuple[Decimal, str]] = {}
    for h in accord.historique:
        if h.date_fin is not None and h.date_fin >= avant:
            continue
        for code, v in h.valeurs.items():
            connues[code] = (v, h.periode)
    return connues


@regle(
    "OBJECTIFS_ATTEIGNABLES", "Objectifs fixés et non déjà atteints", BLOQUANT, PERIODE,
    [ct("L3312-1"), ct("L3314-2"), urssaf("Contenu de l'accord d'intéressement")],
    champs=("formule", "historique", "mise_en_place.date_conclusion"),
    a_chercher="les seuils et objectifs de chaque période et les dernières valeurs réelles des indicateurs",
)
def objectifs_atteignables(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3312-1 : le caractère aléatoire suppose que les objectifs et seuils soient fixés pour chaque
    période dans l'accord (ou un avenant déposé) et ne soient pas déjà atteints lors de la conclusion ; on les
    compare aux dernières valeurs réelles connues (historique de l'accord)."""
    accord = ctx.accord
    objectifs = [(i, j, o) for i, c in enumerate(accord.formule.composantes) if isinstance(c, Objectifs)
                 for j, o in enumerate(c.objectifs)]
    if not objectifs:
        raise NonApplicable("la formule ne comporte pas d'objectifs")
    connues = _dernieres_valeurs(accord, ctx.date_conclusion_effective)
    if not any(o.indicateur in connues for _, _, o in objectifs):
        raise NonApplicable("aucune valeur historique des indicateurs des objectifs pour comparer")
    for i, j, o in objectifs:
        if o.indicateur not in connues:
            continue
        v, quand = connues[o.indicateur]
        atteintes = []
        for p in ctx.periodes:
            declenchement, cible = o.seuils(p.numero)
            deja = v >= declenchement if o.sens == "hausse" else v <= declenchement
            if deja:
                atteintes.append((p.numero, declenchement, cible))
        if not atteintes:
            continue
        numero, declenchement, cible = atteintes[0]
        complet = v >= cible if o.sens == "hausse" else v <= cible
        niveau = "la cible" if complet else "le niveau de déclenchement"
        periodes = ", ".join(str(n) for n, _, _ in atteintes)
        chemin = f"formule.composantes[{i}].objectifs[{j}]"
        yield Trouve(
            f"Objectif « {o.nom} » : {niveau} ({en_texte(cible if complet else declenchement)}) est déjà atteint "
            f"par la dernière valeur connue ({en_texte(v)} en {quand}), pour la ou les périodes {periodes}.",
            chemin=[f"{chemin}.declenchement", f"{chemin}.cible", f"{chemin}.par_periode"], observe=v,
            attendu=f"{'au-dessus' if o.sens == 'hausse' else 'en dessous'} de {en_texte(v)}",
            suggestion="Fixez un niveau de déclenchement et une cible au-delà des résultats déjà obtenus.",
            periode=numero,
        )


@regle(
    "FORMULE_COLLECTIVE", "Pas de critère individuel", BLOQUANT, ACCORD,
    [ct("L3312-1"), ct("L3314-5"), urssaf("Contenu de l'accord d'intéressement")],
    champs=("formule", "indicateurs", "repartition.autres_criteres"),
    a_chercher="tout critère de performance individuelle dans la formule ou la répartition",
)
def formule_collective(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3312-1 : l'intéressement associe *collectivement* les salariés aux résultats ou aux
    performances ; L3314-5 limite la répartition à des critères collectifs (uniforme, durée de présence,
    salaire). Aucun critère de performance individuelle dans la formule ni dans la répartition."""
    for p in _analyse(ctx).indicateurs_individuels:
        yield Trouve(
            f"La formule utilise un critère individuel : {p.message}.",
            chemin=p.chemin, observe=p.observe, attendu="indicateur collectif",
            suggestion="Remplacez l'indicateur individuel par un indicateur collectif (entreprise, établissement "
                       "ou équipe).",
        )
    for k, critere in enumerate(ctx.accord.repartition.autres_criteres):
        if _MOTS_INDIVIDUELS.search(critere):
            yield Trouve(
                f"La répartition dépend d'un critère individuel : « {critere} ».",
                chemin=[f"repartition.autres_criteres[{k}]"], observe=critere, attendu=None,
                suggestion="Supprimez tout critère de performance individuelle de la répartition.",
            )


def backtest_rapide(accord: Accord) -> tuple[int, int, list[str]]:
    """Back-test vectoriel sur l'historique de l'accord : (périodes calculables, périodes avec versement,
    libellés des périodes calculables). Une période est calculable si toutes les valeurs nécessaires sont connues
    (et celles de la période précédente pour des paliers de croissance)."""
    f = accord.formule
    hist = accord.historique
    codes = f.indicateurs_utilises()
    precedente = any(isinstance(c, PaliersCroissance) for c in f.composantes)
    masse_requise = any(isinstance(c, PaliersCroissance | Objectifs | PourcentageMasseSalariale)
                        for c in f.composantes) or (f.plafond is not None and f.plafond.taux_masse_salariale)
    lignes = []
    for k, h in enumerate(hist):
        if any(c not in h.valeurs for c in codes):
            continue
        if masse_requise and h.masse_salariale_centimes is None:
            continue
        if precedente and (k == 0 or any(c not in hist[k - 1].valeurs for c in codes)):
            continue
        lignes.append(k)
    if not lignes:
        return 0, 0, []
    try:  # quelques périodes : un scénario à la fois en flottants, mêmes opérations que numpy (enveloppe_flottante)
        verses = 0
        for k in lignes:
            enveloppe = enveloppe_flottante(
                f, {c: hist[k].valeurs[c] for c in codes}, hist[k].masse_salariale_centimes or 0,
                valeurs_precedentes={c: hist[k - 1].valeurs.get(c, 0) for c in codes} if precedente else None)
            verses += enveloppe >= 1
        return len(lignes), verses, [hist[k].periode for k in lignes]
    except ZeroDivisionError:
        pass  # numpy rend un infini là où le calcul en flottants divise par zéro
    valeurs = {c: np.array([float(hist[k].valeurs[c]) for k in lignes]) for c in codes}
    precedentes = {c: np.array([float(hist[k - 1].valeurs.get(c, 0)) for k in lignes]) for c in codes} \
        if precedente else None
    masse = np.array([float(hist[k].masse_salariale_centimes or 0) for k in lignes])
    r = evaluer_vecteurs(f, valeurs, masse, valeurs_precedentes=precedentes)
    return len(lignes), int((r.enveloppe >= 1).sum()), [hist[k].periode for k in lignes]


@dataclass(frozen=True)
class ResumeSimulation:
    proba_versement: float
    scenarios: int
    methode: str


#: Résultats du Monte-Carlo déjà calculés, par contenu déterminant (formule, historique, périodes, indicateurs) :
#: dans un lot, des accords identiques sur ces points donnent la même simulation (graine fixe).
_SIMULATIONS: dict[str, ResumeSimulation | None] = {}
_TAILLE_MAX_SIMULATIONS = 4096


#: Trajectoires simulées des indicateurs, par ce dont elles dépendent (historique, indicateurs de la formule et
#: leurs unités, besoin de la masse salariale, périodes de l'accord) et non par la formule : dans un lot, des
#: accords qui partagent un historique (une même branche, un même groupe…) ne retirent pas les mêmes scénarios.
_TRAJECTOIRES: dict[str, Any] = {}
#: Mémoire gardée pour les trajectoires (octets) : au-delà, le cache est vidé.
_OCTETS_MAX_TRAJECTOIRES = 64 * 2**20
_OCTETS_TRAJECTOIRES = [0]


def _historique_et_periode(accord: Accord) -> str:
    """Le contenu dont dépendent les trajectoires (historique, période), en JSON : une partie des clés de cache."""
    return accord.model_dump_json(include={"historique", "periode"})


def _trajectoires(accord: Accord, historique_et_periode: str | None = None,
                  ) -> tuple[Any, list[Any], np.ndarray, np.ndarray]:
    """(modèle, périodes, états précédents, états), les états en tableaux (colonnes, périodes, scénarios) :
    exactement les tirages de ``interessement.simulation.monte_carlo(accord, SCENARIOS_VALIDATEUR,
    GRAINE_VALIDATEUR)``. ``historique_et_periode`` : ``_historique_et_periode(accord)`` s'il est déjà calculé."""
    from interessement.simulation.backtest import besoin_masse_salariale
    from interessement.simulation.historique import ordonner, periodes_accord
    from interessement.simulation.monte_carlo import HistoriqueInsuffisant, ajuster_modele, pas_avant_accord

    codes = accord.formule.indicateurs_utilises()
    unites = {i.code: i.unite for i in accord.indicateurs if i.code in codes}
    cle = "|".join([historique_et_periode or _historique_et_periode(accord), ",".join(codes),
                    repr(sorted(unites.items())), str(besoin_masse_salariale(accord.formule))])
    if cle in _TRAJECTOIRES:
        return _TRAJECTOIRES[cle]
    if not accord.historique:
        raise HistoriqueInsuffisant("Simulation impossible : aucun historique des indicateurs.")
    ordre = ordonner(accord.historique)
    modele, depart = ajuster_modele(accord, ordre=ordre)
    periodes = periodes_accord(accord)
    pas, _ = pas_avant_accord(accord, ordre, depart, periodes)
    rng = np.random.default_rng(GRAINE_VALIDATEUR)
    etat = modele.etat_initial(SCENARIOS_VALIDATEUR)
    for _ in range(pas):
        modele.avancer(etat, modele.tirer(rng, SCENARIOS_VALIDATEUR))
    precedents = np.empty((etat.shape[0], len(periodes), SCENARIOS_VALIDATEUR))
    etats = np.empty_like(precedents)
    for k in range(len(periodes)):
        precedents[:, k] = etat
        modele.avancer(etat, modele.tirer(rng, SCENARIOS_VALIDATEUR))
        etats[:, k] = etat
    octets = precedents.nbytes + etats.nbytes
    if _OCTETS_TRAJECTOIRES[0] + octets > _OCTETS_MAX_TRAJECTOIRES:
        _TRAJECTOIRES.clear()
        _OCTETS_TRAJECTOIRES[0] = 0
    _OCTETS_TRAJECTOIRES[0] += octets
    _TRAJECTOIRES[cle] = resultat = (modele, periodes, precedents, etats)
    return resultat


def _independante_de_la_periode(accord: Accord, periodes: list[Any], taux: list[Any]) -> bool:
    """Vrai si la formule donne la même fonction des indicateurs à chaque période (pas de seuils d'objectifs par
    période, même plafond légal) : les périodes s'évaluent alors en une seule fois, empilées."""
    if len(set(taux)) > 1:
        return False
    for c in accord.formule.composantes:
        if isinstance(c, Objectifs) and any(len({o.seuils(p.numero) for p in periodes}) > 1 for o in c.objectifs):
            return False
    return True


def _proba_versement(accord: Accord, historique_et_periode: str | None = None) -> ResumeSimulation:
    """La probabilité de versement du Monte-Carlo, sans les quantiles ni les notes dont le validateur n'a pas
    besoin ; la formule est évaluée sur des trajectoires réutilisées (``_trajectoires``), toutes les périodes en
    un seul appel vectoriel quand la formule ne dépend pas de la période (mêmes opérations, élément par élément :
    mêmes résultats)."""
    from interessement.simulation.monte_carlo import LIBELLES_METHODES, _taux_plafond_legal

    modele, periodes, precedents, etats = _trajectoires(accord, historique_et_periode)
    codes = modele.codes
    n = SCENARIOS_VALIDATEUR
    masse_connue = modele.derniere_masse is not None
    taux = [_taux_plafond_legal(p.fin) if masse_connue else None for p in periodes]

    def evaluer(etat: np.ndarray, precedent: np.ndarray, numero: int, t: Any) -> np.ndarray:
        # etat, precedent : (colonnes, scénarios) ou (colonnes, périodes, scénarios) ; rend les enveloppes.
        masse: np.ndarray | float = etat[len(codes)] if modele.masse_modelisee else (modele.derniere_masse or 0.0)
        return evaluer_vecteurs(
            accord.formule, {c: etat[j] for j, c in enumerate(codes)}, masse,
            valeurs_precedentes={c: precedent[j] for j, c in enumerate(codes)}, periode=numero,
            taux_plafond_legal=t,
        ).enveloppe

    if not periodes:
        verses: list[float] = []
    elif len(periodes) > 1 and _independante_de_la_periode(accord, periodes, taux):
        enveloppes = evaluer(etats, precedents, periodes[0].numero, taux[0])
        verses = list(np.count_nonzero(enveloppes > 0, axis=1) / n)
    else:
        verses = [np.count_nonzero(evaluer(etats[:, k], precedents[:, k], per.numero, t) > 0) / n
                  for k, (per, t) in enumerate(zip(periodes, taux, strict=True))]
    proba = float(np.mean(verses)) if verses else 0.0
    return ResumeSimulation(proba, n, LIBELLES_METHODES[modele.methode])


def monte_carlo_validateur(accord: Accord) -> ResumeSimulation | None:
    """Le Monte-Carlo du module de simulation (s'il est présent), réduit pour le validateur ; None s'il est
    absent ou si l'historique ne permet pas de simuler. Mis en cache par contenu ; les trajectoires des
    indicateurs sont réutilisées d'un accord à l'autre quand elles ne dépendent pas de la formule."""
    try:
        from interessement.simulation import monte_carlo  # noqa: F401 - présence du module de simulation
    except ImportError:
        return None
    from interessement.erreurs import ErreurEntree

    # Historique et période sérialisés une seule fois : ils servent aussi à la clé des trajectoires.
    historique_et_periode = _historique_et_periode(accord)
    cle = historique_et_periode + "\x00" + accord.model_dump_json(include={"formule", "indicateurs"})
    if cle in _SIMULATIONS:
        return _SIMULATIONS[cle]
    try:
        resume: ResumeSimulation | None = _proba_versement(accord, historique_et_periode)
    except ErreurEntree:
        resume = None
    if len(_SIMULATIONS) >= _TAILLE_MAX_SIMULATIONS:
        _SIMULATIONS.clear()
    _SIMULATIONS[cle] = resume
    return resume


@regle(
    "ALEA_FAIBLE", "Aléa mesuré : back-test et simulation", AVERTISSEMENT, ACCORD,
    [ct("L3312-1"), urssaf("Contenu de l'accord d'intéressement")],
    champs=("formule", "indicateurs", "historique"),
    a_chercher="la formule de calcul et les valeurs passées des indicateurs (pour mesurer l'aléa)",
)
def alea_faible(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3312-1 : l'intéressement présente un caractère aléatoire. Mesure (choix de ce projet,
    REGLES.md) : une formule qui aurait versé chaque année de l'historique, ou dans au moins 95 % des scénarios
    simulés, a un aléa faible ; une formule qui verse dans au plus 5 % des scénarios n'est pas une incitation.
    Le back-test exige au moins trois périodes calculables ; le Monte-Carlo (2 000 scénarios, graine fixe)
    utilise le module de simulation et un historique d'au moins trois périodes."""
    accord = ctx.accord
    if not _analyse(ctx).peut_etre_nulle:
        raise NonApplicable("la formule ne peut pas être nulle (voir FORMULE_ALEATOIRE)")
    if not accord.historique:
        raise NonApplicable("aucun historique des indicateurs")
    n, verses, libelles = backtest_rapide(accord)
    conclu = False
    if n >= MIN_PERIODES_BACKTEST:
        conclu = True
        part = verses / n
        if verses == n:
            yield Trouve(
                f"Sur l'historique ({', '.join(libelles)}), la formule aurait versé un intéressement chaque "
                f"période ({verses} sur {n}) : l'aléa est faible.",
                chemin=["formule", "historique"], observe=f"{verses}/{n}", attendu="au moins une période sans "
                "versement", suggestion="Relevez le seuil ou le niveau de déclenchement pour que l'intéressement "
                "dépende réellement des résultats.",
            )
        elif part <= SEUIL_ALEA_NUL:
            yield Trouve(
                f"Sur l'historique ({', '.join(libelles)}), la formule "
                + (f"n'aurait jamais versé d'intéressement (0 période sur {n})" if verses == 0 else
                   f"n'aurait versé un intéressement que {verses} fois sur {n} périodes")
                + " : ce n'est pas une incitation.",
                chemin=["formule", "historique"], observe=f"{verses}/{n}", attendu="des versements possibles",
                suggestion="Abaissez le seuil ou les objectifs pour qu'ils soient atteignables.",
            )
    if ctx.simulation and len(accord.historique) >= MIN_PERIODES_MONTE_CARLO:
        mc = monte_carlo_validateur(accord)
        if mc is not None:
            conclu = True
            proba = float(mc.proba_versement)
            if proba >= SEUIL_ALEA_FAIBLE:
                yield Trouve(
                    f"Simulation ({mc.scenarios} scénarios, {mc.methode}) : un intéressement serait versé dans "
                    f"{pourcentage_fr(proba, 1)} des cas : l'aléa est faible.",
                    chemin=["formule"], observe=Taux(round(proba, 4)),
                    attendu=f"moins de {pourcentage_fr(SEUIL_ALEA_FAIBLE, 0)} des scénarios",
                    suggestion="Relevez le seuil ou le niveau de déclenchement.",
                )
            elif proba <= SEUIL_ALEA_NUL:
                yield Trouve(
                    f"Simulation ({mc.scenarios} scénarios, {mc.methode}) : un intéressement ne serait versé que "
                    f"dans {pourcentage_fr(proba, 1)} des cas : ce n'est pas une incitation.",
                    chemin=["formule"], observe=Taux(round(proba, 4)),
                    attendu=f"plus de {pourcentage_fr(SEUIL_ALEA_NUL, 0)} des scénarios",
                    suggestion="Abaissez le seuil ou les objectifs pour qu'ils soient atteignables.",
                )
    if not conclu:
        raise NonApplicable(f"historique insuffisant ({n} période(s) calculable(s), il en faut "
                            f"{MIN_PERIODES_BACKTEST})")
