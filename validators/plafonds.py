"""E. Les plafonds (C. trav. L3314-8) : plafond global, plafond individuel, redistribution de l'excédent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from .contexte import Contexte
from .formule import _analyse
from .registre import NonApplicable, Trouve, ct, regle, urssaf
from .resultats import (
    ACCORD,
    AVERTISSEMENT,
    BLOQUANT,
    EXCEDENT,
    INFORMATION,
    Montant,
    Taux,
    montant_fr,
    pourcentage_fr,
)


@regle(
    "PLAFOND_GLOBAL", "Plafond global de l'enveloppe", BLOQUANT, EXCEDENT,
    [ct("L3314-8"), urssaf("Calcul, répartition, plafonnement, informations")],
    ["plafond_global_taux"],
    severites=[(AVERTISSEMENT, ACCORD), (INFORMATION, ACCORD)],
    champs=("formule",),
    a_chercher="le plafond de l'enveloppe (le plafond global de L3314-8 au plus)",
)
def plafond_global(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3314-8 : le montant global des primes distribuées aux bénéficiaires ne doit pas dépasser
    annuellement 20 % du total des salaires bruts et, le cas échéant, de la rémunération annuelle ou du revenu
    professionnel des dirigeants bénéficiaires soumis à l'impôt sur le revenu au titre de l'année précédente.
    Le supplément d'intéressement y est compté. Un accord dont la formule peut dépasser ce plafond doit limiter
    l'enveloppe (avertissement) ; sur un versement, l'excédent est réintégré dans l'assiette des cotisations.

    Les accords que ce logiciel rédige reprennent toujours la limite de L3314-8 (clause « Plafonnement de
    l'intéressement global » de la bibliothèque) : sur des données (et non sur un texte lu ailleurs), une formule
    qui peut dépasser 20 % sans plafond propre est donc plafonnée par le texte — une information, pas un
    avertissement. Un plafond propre écrit au-dessus de 20 % contredit cette clause : avertissement."""
    a = _analyse(ctx)
    d = ctx.date_loi
    taux = ctx.valeur("plafond_global_taux", d)
    borne = a.borne_taux_masse_salariale
    if borne is None or borne > taux:
        yield _formule_au_dela_du_plafond(ctx, borne, taux, d)
    if ctx.versement is None:
        return
    an = ctx.analyse_versement
    if an.excedent_global_verse_centimes <= 0:
        return
    v = ctx.versement
    fin = an.calcul.periode.fin
    dirigeants = v.remuneration_dirigeants_n1_centimes if ctx.accord.beneficiaires.dirigeants_inclus else 0
    base = f"masse salariale {montant_fr(v.masse_salariale_centimes)}"
    if dirigeants:
        base += f" + rémunération des dirigeants {montant_fr(dirigeants)}"
    quoi = "total versé" if an.montants_renseignes else "enveloppe déclarée"
    yield Trouve(
        f"Le {quoi} ({montant_fr(an.total_verse_centimes)}) dépasse le plafond global de "
        f"{montant_fr(an.plafond_global_centimes)} ({pourcentage_fr(ctx.valeur('plafond_global_taux', fin))} × "
        f"({base})) : l'excédent de {montant_fr(an.excedent_global_verse_centimes)} est soumis à cotisations.",
        chemin=["versement.salaries", "versement.masse_salariale_centimes"],
        observe=Montant(an.total_verse_centimes), attendu=f"au plus {montant_fr(an.plafond_global_centimes)}",
        suggestion="Ramenez l'enveloppe au plafond global et réintégrez l'excédent dans l'assiette des "
                   "cotisations.",
        parametres=[("plafond_global_taux", fin)], periode=v.periode,
        montant_centimes=an.excedent_global_verse_centimes,
    )


def _formule_au_dela_du_plafond(ctx: Contexte, borne: Decimal | None, taux: Decimal, d: date) -> Trouve:
    """La formule peut dépasser le plafond global : qui la limite (le texte lu, la clause légale que nos modèles
    écrivent, un plafond propre trop haut) ?"""
    quoi = ("peut dépasser" if borne is None else
            f"peut atteindre {pourcentage_fr(borne)} de la masse salariale, au-delà de")
    plafond = ctx.accord.formule.plafond
    propre = plafond.taux_masse_salariale if plafond is not None else None
    commun = dict(chemin=["formule.plafond"], observe=None if borne is None else Taux(borne),
                  attendu=f"au plus {pourcentage_fr(taux)} de la masse salariale",
                  parametres=[("plafond_global_taux", d)], portee=ACCORD)
    if propre is not None and propre > taux:
        return Trouve(
            f"Le plafond de l'enveloppe fixé par l'accord ({pourcentage_fr(propre)} de la masse salariale) dépasse "
            f"le plafond légal de {pourcentage_fr(taux)} : au-delà de {pourcentage_fr(taux)}, les primes ne sont "
            "pas de l'intéressement exonéré.",
            suggestion=f"Ramenez le plafond de l'enveloppe à {pourcentage_fr(taux)} de la masse salariale au plus "
                       "(formule.plafond.taux_masse_salariale).",
            severite=AVERTISSEMENT, **commun)
    if ctx.texte_lu:
        return Trouve(
            f"La formule {quoi} {pourcentage_fr(taux)} de la masse salariale et le texte de l'accord ne plafonne "
            "pas l'enveloppe à ce niveau.",
            suggestion=f"Prévoyez dans l'accord que l'enveloppe est limitée à {pourcentage_fr(taux)} de la masse "
                       "salariale brute (article L3314-8), par avenant.",
            severite=AVERTISSEMENT, **commun)
    return Trouve(
        f"La formule {quoi} {pourcentage_fr(taux)} de la masse salariale. L'accord rédigé à partir de ces données "
        f"reprend la limite de l'article L3314-8 : la part de l'enveloppe au-delà de {pourcentage_fr(taux)} de la "
        "masse salariale ne sera pas distribuée.",
        suggestion="Rien à changer pour l'exonération. Si le texte signé n'est pas celui que ce logiciel rédige, "
                   f"vérifiez qu'il reprend cette limite ; pour que la formule elle-même reste sous "
                   f"{pourcentage_fr(taux)}, fixez un plafond (formule.plafond.taux_masse_salariale).",
        severite=INFORMATION, **commun)


@regle(
    "PLAFOND_INDIVIDUEL", "Plafond individuel par bénéficiaire", BLOQUANT, EXCEDENT,
    [ct("L3314-8"), urssaf("Calcul, répartition, plafonnement, informations")],
    ["plafond_individuel_taux_pass", "plafond_annuel_securite_sociale"],
    severites=[(INFORMATION, ACCORD)],
    champs=("repartition.prorata_plafond_individuel",),
    a_chercher=("le plafond individuel écrit (fraction du PASS de L3314-8) et son calcul pour les présents une partie de"
                " l'exercice"),
)
def plafond_individuel(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3314-8 : le montant des primes (intéressement et supplément) attribuées à un même bénéficiaire
    ne peut, au titre d'un même exercice, excéder une somme égale aux trois quarts du plafond annuel de la
    sécurité sociale de l'exercice. Décision de REGLES.md §6 : le plafond est proratisé au temps passé dans
    l'effectif pour les bénéficiaires présents une partie de l'exercice (absences et temps partiel ne le
    réduisent pas), sauf si l'accord l'écarte."""
    rep = ctx.accord.repartition
    if not rep.prorata_plafond_individuel:
        yield Trouve(
            "L'accord n'applique pas le prorata du plafond individuel aux bénéficiaires présents une partie de "
            "l'exercice : le plafond entier s'applique à chacun.",
            chemin=["repartition.prorata_plafond_individuel"], observe=False, attendu=True,
            suggestion="Vérifiez ce choix avec la doctrine de l'Urssaf (prorata appliqué par défaut).",
            severite=INFORMATION, portee=ACCORD,
        )
    if ctx.versement is None:
        if rep.prorata_plafond_individuel:
            raise NonApplicable("aucun versement fourni : le plafond individuel se vérifie sur les montants versés")
        return
    an = ctx.analyse_versement
    fin = an.calcul.periode.fin
    p = [("plafond_individuel_taux_pass", fin), ("plafond_annuel_securite_sociale", date(an.calcul.annee_pass, 1, 1))]
    taux = ctx.valeur("plafond_individuel_taux_pass", fin)
    for e in an.depassements_individuels:
        assert e.plafond_centimes is not None
        excedent = e.verse_centimes - e.plafond_centimes
        yield Trouve(
            f"{e.nom or e.identifiant} a reçu {montant_fr(e.verse_centimes)}, au-delà de son plafond individuel "
            f"de {montant_fr(e.plafond_centimes)} ({pourcentage_fr(taux)} du PASS {an.calcul.annee_pass}"
            f"{', proratisé' if rep.prorata_plafond_individuel else ''}) : l'excédent de {montant_fr(excedent)} "
            "n'est pas de l'intéressement exonéré.",
            chemin=[e.chemin], observe=Montant(e.verse_centimes),
            attendu=f"au plus {montant_fr(e.plafond_centimes)}",
            suggestion="Ramenez le montant au plafond ; l'excédent est redistribué si l'accord le prévoit, sinon "
                       "il n'est pas distribué.",
            parametres=p, periode=ctx.versement.periode, beneficiaire=e.identifiant, montant_centimes=excedent,
        )


@regle(
    "REDISTRIBUTION", "Redistribution de l'excédent au-delà des plafonds individuels", BLOQUANT, EXCEDENT,
    [ct("L3314-8"), ct("L3314-5"), urssaf("Calcul, répartition, plafonnement, informations")],
    severites=[(AVERTISSEMENT, EXCEDENT), (INFORMATION, ACCORD)],
    champs=("repartition.redistribution_excedent",),
    a_chercher="la redistribution de l'excédent au-delà du plafond individuel",
)
def redistribution(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3314-8 et L3314-5 : les sommes qui excèdent le plafond individuel ne sont redistribuées que si
    l'accord le prévoit, entre les bénéficiaires qui n'atteignent pas le plafond, selon les mêmes règles de
    répartition, et jamais au-delà du plafond ; à défaut, elles ne sont pas distribuées."""
    rep = ctx.accord.repartition
    if ctx.versement is None:
        if rep.redistribution_excedent:
            raise NonApplicable("aucun versement fourni et l'accord prévoit la redistribution")
        yield Trouve(
            "L'accord ne prévoit pas de redistribuer l'excédent au-delà des plafonds individuels : cet excédent "
            "ne sera pas distribué.",
            chemin=["repartition.redistribution_excedent"], observe=False, attendu=None,
            suggestion="Prévoyez la redistribution si vous souhaitez distribuer toute l'enveloppe.",
            severite=INFORMATION, portee=ACCORD,
        )
        return
    an = ctx.analyse_versement
    if an.redistribution is None:
        return
    ecart = sum(e.difference for e in an.ecarts_redistribution)
    v = ctx.versement
    if an.redistribution == "sans_clause":
        yield Trouve(
            f"L'excédent au-delà des plafonds individuels a été redistribué ({montant_fr(ecart)} à "
            f"{len(an.ecarts_redistribution)} bénéficiaire(s)) alors que l'accord ne le prévoit pas.",
            chemin=["repartition.redistribution_excedent"] + [e.chemin for e in an.ecarts_redistribution],
            observe=Montant(ecart), attendu=Montant(0),
            suggestion="Sans clause de redistribution, l'excédent n'est pas distribué : les sommes redistribuées "
                       "sont soumises à cotisations.", periode=v.periode, montant_centimes=ecart,
        )
    else:
        yield Trouve(
            f"L'accord prévoit la redistribution de l'excédent au-delà des plafonds individuels, mais "
            f"{montant_fr(-ecart)} n'ont pas été redistribués.",
            chemin=["repartition.redistribution_excedent"] + [e.chemin for e in an.ecarts_redistribution],
            observe=Montant(ecart), attendu=Montant(0),
            suggestion="Versez le complément aux bénéficiaires sous leur plafond, selon les clés de répartition.",
            severite=AVERTISSEMENT, portee=EXCEDENT, periode=v.periode, montant_centimes=-ecart,
        )

