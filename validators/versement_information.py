"""G. Autres conditions, versement et information (C. trav. L3312-4, L3313-2, L3314-9, L3315-2, L3348-1,
L3314-10 ; loi n° 2023-1107 art. 5)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

from interessement.calendrier import date_limite_versement

from .contexte import Contexte
from .registre import NonApplicable, Trouve, ct, loi, regle, urssaf
from .resultats import (
    ACCORD,
    AVERTISSEMENT,
    BLOQUANT,
    EXCEDENT,
    INFORMATION,
    PERIODE,
    date_fr,
    en_texte,
    montant_fr,
    pourcentage_fr,
)


@regle(
    "NON_SUBSTITUTION", "Pas de substitution à un élément de salaire", BLOQUANT, ACCORD,
    [ct("L3312-4"), urssaf("Principe de non-substitution")],
    ["non_substitution_delai_mois"],
)
def non_substitution(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3312-4 : les sommes attribuées au titre de l'intéressement n'ont pas le caractère de salaire
    et ne peuvent se substituer à aucun des éléments de rémunération en vigueur dans l'entreprise ou qui
    deviennent obligatoires ; aucun élément de rémunération ne peut être supprimé ou réduit moins de douze mois
    avant la date d'effet de l'accord (ni pendant l'accord)."""
    a = ctx.accord
    if not a.elements_remuneration_supprimes:
        raise NonApplicable("aucun élément de rémunération supprimé déclaré")
    effet = a.periode.date_effet
    mois = ctx.valeur("non_substitution_delai_mois", effet)
    limite = effet - relativedelta(months=mois)
    for k, e in enumerate(a.elements_remuneration_supprimes):
        if e.date_suppression > limite:
            yield Trouve(
                f"L'élément de rémunération « {e.libelle} » a été supprimé ou réduit le "
                f"{date_fr(e.date_suppression)}, moins de {mois} mois avant la date d'effet de l'accord "
                f"({date_fr(effet)}) : l'intéressement s'y substituerait.",
                chemin=[f"elements_remuneration_supprimes[{k}].date_suppression", "periode.date_effet"],
                observe=e.date_suppression, attendu=f"au plus tard le {date_fr(limite)}",
                suggestion=f"Reportez la date d'effet à au moins {mois} mois après la suppression, ou rétablissez "
                           "l'élément de rémunération.",
                parametres=[("non_substitution_delai_mois", effet)],
            )


@regle(
    "DATE_VERSEMENT", "Date de versement et intérêts de retard", AVERTISSEMENT, PERIODE,
    [ct("L3314-9"), urssaf("Calcul, répartition, plafonnement, informations")],
    ["versement_delai_mois_annuel", "versement_delai_mois_infra_annuel", "interets_retard_coefficient_tmop"],
    severites=[(AVERTISSEMENT, ACCORD)],
)
def date_versement(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3314-9 : les primes sont versées au plus tard le dernier jour du cinquième mois suivant la
    clôture de l'exercice (période infra-annuelle : intérêts dus à partir du premier jour du troisième mois
    suivant la période) ; au-delà, le salarié a droit à un intérêt de retard égal à 1,33 fois le taux moyen de
    rendement des obligations des sociétés privées (TMOP), versé en même temps que le principal."""
    a = ctx.accord
    premiere = ctx.premiere
    nom = "versement_delai_mois_annuel" if premiere.annuelle else "versement_delai_mois_infra_annuel"
    legal = ctx.valeur(nom, premiere.fin)
    prevu = a.versement.delai_versement_mois
    trouve = False
    if prevu > legal:
        trouve = True
        yield Trouve(
            f"L'accord prévoit le versement {prevu} mois après la clôture de la période, au-delà du délai légal "
            f"de {legal} mois : des intérêts de retard seraient dus.",
            chemin=["versement.delai_versement_mois"], observe=prevu, attendu=f"≤ {legal}",
            suggestion=f"Prévoyez le versement au plus tard le dernier jour du {legal}e mois suivant la clôture.",
            parametres=[(nom, premiere.fin)], severite=AVERTISSEMENT, portee=ACCORD,
        )
    v = ctx.versement
    if v is None or v.date_versement is None:
        if not trouve:
            raise NonApplicable("aucune date de versement fournie")
        return
    periodes = ctx.periodes
    if not 1 <= v.periode <= len(periodes):
        raise NonApplicable(f"la période {v.periode} n'existe pas dans l'accord")
    p = periodes[v.periode - 1]
    limite = date_limite_versement(p)
    if v.date_versement <= limite:
        return
    nom_p = "versement_delai_mois_annuel" if p.annuelle else "versement_delai_mois_infra_annuel"
    jours = (v.date_versement - limite).days
    coef = ctx.valeur("interets_retard_coefficient_tmop", p.fin)
    base = ctx.analyse_versement.total_verse_centimes if (v.salaries or v.enveloppe_declaree_centimes) else 0
    prm = [(nom_p, p.fin), ("interets_retard_coefficient_tmop", p.fin)]
    if v.taux_tmop is None:
        interets = None
        detail = (f"des intérêts de retard de {en_texte(coef)} × TMOP sont dus ; le TMOP n'est pas fourni "
                  "(versement.taux_tmop) : montant non calculé")
    else:
        taux = coef * v.taux_tmop
        jours_annee = (date(limite.year + 1, 1, 1) - date(limite.year, 1, 1)).days
        interets = int((Decimal(base) * taux * jours / jours_annee).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        detail = (f"intérêts de retard dus : {montant_fr(interets)} ({en_texte(coef)} × TMOP "
                  f"{pourcentage_fr(v.taux_tmop)} = {pourcentage_fr(taux)} l'an, sur {montant_fr(base)}, "
                  f"{jours} jour(s))")
    yield Trouve(
        f"Versement le {date_fr(v.date_versement)}, {jours} jour(s) après la date limite du {date_fr(limite)} : "
        f"{detail}.",
        chemin=["versement.date_versement"], observe=v.date_versement, attendu=f"au plus tard le {date_fr(limite)}",
        suggestion="Versez les intérêts de retard avec les primes et respectez la date limite aux prochains "
                   "versements.", parametres=prm, periode=v.periode, montant_centimes=interets,
    )


@regle(
    "AFFECTATION_PLAN", "Affectation à un plan d'épargne", AVERTISSEMENT, ACCORD,
    [ct("L3315-2"), ct("R3313-12"), urssaf("Calcul, répartition, plafonnement, informations")],
    ["choix_salarie_delai_jours"],
)
def affectation_plan(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3315-2 et R3313-12 : lorsqu'un plan d'épargne (PEE, PEI, PER) existe, l'accord précise les
    modalités d'affectation ; le salarié dispose de quinze jours à compter de son information pour demander le
    versement ou l'affectation ; à défaut de choix, la prime est affectée au plan d'épargne."""
    m = ctx.accord.versement
    if not m.plans_epargne:
        raise NonApplicable("aucun plan d'épargne salariale")
    d = ctx.date_loi
    jours = ctx.valeur("choix_salarie_delai_jours", d)
    plans = ", ".join(m.plans_epargne)
    if not m.affectation_defaut_plan:
        yield Trouve(
            f"L'entreprise dispose d'un plan d'épargne ({plans}) mais l'accord ne prévoit pas l'affectation par "
            "défaut au plan en l'absence de choix du salarié.",
            chemin=["versement.affectation_defaut_plan"], observe=False, attendu=True,
            suggestion="Prévoyez qu'à défaut de choix dans le délai, la prime est affectée au plan d'épargne.",
        )
    if m.delai_choix_jours < jours:
        yield Trouve(
            f"Le salarié dispose de {m.delai_choix_jours} jour(s) pour choisir entre versement et placement ; le "
            f"délai est de {jours} jours à compter de son information.",
            chemin=["versement.delai_choix_jours"], observe=m.delai_choix_jours, attendu=f"≥ {jours}",
            suggestion=f"Portez le délai de choix à {jours} jours.",
            parametres=[("choix_salarie_delai_jours", d)],
        )


@regle(
    "CLAUSES_OBLIGATOIRES", "Clauses obligatoires de l'accord", AVERTISSEMENT, ACCORD,
    [ct("L3313-2"), ct("D3313-9"), urssaf("Contenu de l'accord d'intéressement")],
    severites=[(BLOQUANT, ACCORD)],
)
def clauses_obligatoires(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3313-2 : l'accord comporte un préambule indiquant les motifs de l'accord et les raisons du
    choix des modalités de calcul et des critères de répartition ; il précise la période pour laquelle il est
    conclu, les établissements concernés, les modalités de calcul et de répartition, les dates de versement, les
    conditions d'information et de suivi (CSE ou commission spécifique) et d'information des salariés, et les
    procédures de règlement des différends. Sans formule ou sans répartition, il n'y a pas d'intéressement."""
    a = ctx.accord
    i = a.information
    if a.repartition.somme_parts == 0 and not a.repartition.autres_criteres:
        yield Trouve(
            "L'accord ne prévoit aucune clé de répartition.",
            chemin=["repartition"], observe=None, attendu="au moins une clé (uniforme, présence, salaire)",
            suggestion="Choisissez la répartition : uniforme, selon la présence, selon le salaire, ou une "
                       "combinaison.", severite=BLOQUANT,
        )
    manques = [
        ("information.preambule", i.preambule,
         "préambule indiquant les motifs de l'accord et les raisons du choix de la formule et de la répartition"),
        ("information.suivi_par", i.suivi_par, "modalités d'information et de suivi par le CSE ou une commission"),
        ("information.modalites_information_salaries", i.modalites_information_salaries,
         "modalités d'information des salariés"),
        ("information.reglement_litiges", i.reglement_litiges, "procédure de règlement des différends"),
    ]
    for chemin, valeur, quoi in manques:
        if valeur is None or (isinstance(valeur, str) and not valeur.strip()):
            yield Trouve(
                f"Clause manquante : {quoi}.", chemin=[chemin], observe=None, attendu=quoi,
                suggestion=f"Ajoutez la clause : {quoi}.",
            )
    if not a.perimetre.tous_etablissements and not a.perimetre.etablissements:
        yield Trouve(
            "L'accord ne couvre pas tous les établissements et ne dit pas lesquels sont concernés.",
            chemin=["perimetre.etablissements"], observe=[], attendu="liste des établissements concernés",
            suggestion="Énumérez les établissements couverts par l'accord.",
        )


@regle(
    "AVANCES", "Avances sur intéressement", AVERTISSEMENT, ACCORD,
    [ct("L3348-1"), urssaf("Calcul, répartition, plafonnement, informations")],
    ["avances_periodicite_min_mois", "recuperation_avance_max_fraction_salaire"],
)
def avances(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3348-1 : l'accord peut prévoir le versement d'avances, selon une périodicité au moins
    trimestrielle, avec l'accord du salarié ; lorsque les avances excèdent le montant finalement dû, le
    trop-perçu est récupéré par retenue sur salaire, dans la limite d'un dixième du salaire par paie."""
    a = ctx.accord
    clause = a.versement.avances
    v = ctx.versement
    if clause is None and not (v is not None and v.acomptes):
        raise NonApplicable("ni clause d'avances ni acompte versé")
    d = ctx.date_loi
    if clause is None:
        assert v is not None
        total = sum(x.montant_centimes for x in v.acomptes)
        yield Trouve(
            f"{len(v.acomptes)} acompte(s) versé(s) ({montant_fr(total)}) alors que l'accord ne prévoit pas "
            "d'avances.",
            chemin=["versement.acomptes", "versement.avances"], observe=total, attendu="clause d'avances",
            suggestion="Prévoyez les avances dans l'accord (par avenant déposé) avant d'en verser.",
        )
        return
    mini = ctx.valeur("avances_periodicite_min_mois", d)
    if clause.periodicite_mois < mini:
        yield Trouve(
            f"Avances tous les {clause.periodicite_mois} mois : la périodicité doit être d'au moins {mini} mois.",
            chemin=["versement.avances.periodicite_mois"], observe=clause.periodicite_mois, attendu=f"≥ {mini}",
            suggestion=f"Prévoyez des avances au plus une fois tous les {mini} mois.",
            parametres=[("avances_periodicite_min_mois", d)],
        )
    if not clause.consentement_salarie:
        yield Trouve(
            "Les avances sont versées sans l'accord du salarié.",
            chemin=["versement.avances.consentement_salarie"], observe=False, attendu=True,
            suggestion="Prévoyez que chaque avance est versée avec l'accord du salarié.",
        )
    if not clause.recuperation_max_dixieme:
        fraction = ctx.valeur("recuperation_avance_max_fraction_salaire", d)
        yield Trouve(
            f"La récupération du trop-perçu n'est pas limitée à {en_texte(fraction)} du salaire par paie.",
            chemin=["versement.avances.recuperation_max_dixieme"], observe=False, attendu=True,
            suggestion=f"Limitez la retenue à {en_texte(fraction)} du salaire par paie.",
            parametres=[("recuperation_avance_max_fraction_salaire", d)],
        )


@regle(
    "SUPPLEMENT", "Supplément d'intéressement", BLOQUANT, EXCEDENT,
    [ct("L3314-10"), ct("L3314-8"), urssaf("Supplément d'intéressement")],
    besoin="versement",
)
def supplement(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3314-10 : le conseil d'administration ou le directoire peut décider de verser un supplément
    d'intéressement, réparti selon les modalités de l'accord (ou d'un accord spécifique déposé) ; il est compté
    dans les plafonds global et individuel de L3314-8."""
    v = ctx.versement
    assert v is not None
    if v.supplement_centimes == 0:
        raise NonApplicable("pas de supplément d'intéressement")
    an = ctx.analyse_versement
    if an.supplement_hors_plafond_global:
        yield Trouve(
            f"Le supplément de {montant_fr(v.supplement_centimes)} a été versé en plus de l'enveloppe sans être "
            f"compté dans le plafond global ({montant_fr(an.plafond_global_centimes)}).",
            chemin=["versement.supplement_centimes"], observe=an.total_verse_centimes,
            attendu=f"≤ {an.plafond_global_centimes}",
            suggestion="Le supplément compte dans le plafond global : réduisez-le.", periode=v.periode,
            montant_centimes=an.excedent_global_verse_centimes,
        )
    if an.supplement_hors_cles:
        ecart = sum(abs(e.difference) for e in an.ecarts_supplement)
        yield Trouve(
            f"Le supplément de {montant_fr(v.supplement_centimes)} n'a pas été réparti selon les clés de "
            f"l'accord ({len(an.ecarts_supplement)} bénéficiaire(s) concerné(s), écarts cumulés "
            f"{montant_fr(ecart)}).",
            chemin=["versement.supplement_centimes"] + [e.chemin for e in an.ecarts_supplement],
            observe=ecart, attendu=0,
            suggestion="Répartissez le supplément selon les mêmes clés que l'intéressement (ou un accord "
                       "spécifique déposé).", periode=v.periode, montant_centimes=ecart,
        )


@regle(
    "INTEGRITE_DOCUMENT", "Intégrité du document généré", AVERTISSEMENT, ACCORD,
    [ct("L3313-3"), ct("R3313-4"), urssaf("Délai de conclusion, de dépôt des accords")],
    besoin="document",
)
def integrite_document(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3313-3 dernier alinéa et R3313-4 : un accord rédigé avec la procédure dématérialisée et déposé
    sans modification bénéficie des exonérations sans contrôle. Les données embarquées dans un document généré
    doivent correspondre à son texte et à son empreinte : toute modification après génération fait perdre le
    statut « pré-validé »."""
    doc = ctx.document
    assert doc is not None
    if doc.intact:
        return
    raisons = list(doc.details)
    empreinte_differente = doc.empreinte_declaree != doc.empreinte_calculee
    if doc.empreinte_declaree is None:
        raisons.insert(0, "empreinte absente des propriétés du document")
    elif doc.empreinte_declaree != doc.empreinte_calculee:
        raisons.insert(0, "l'empreinte des données embarquées ne correspond pas à celle du document")
    if not doc.texte_conforme and not doc.details:
        raisons.append("le texte du document diffère de celui que produisent ses données")
    prevalide = " : le statut « pré-validé » est perdu" if ctx.accord.depot.code_prevalidation else ""
    yield Trouve(
        f"Le document {doc.chemin} a été modifié après sa génération{prevalide} ({' ; '.join(raisons)}).",
        chemin=["document"],
        observe=doc.empreinte_calculee if empreinte_differente else "texte modifié après la génération",
        attendu=doc.empreinte_declaree if empreinte_differente else "texte produit par les données embarquées",
        suggestion="Régénérez le document à partir de ses données, ou faites contrôler le texte modifié.",
    )


@regle(
    "OBLIGATION_PARTAGE_VALEUR", "Obligation de partage de la valeur des petites entreprises bénéficiaires", INFORMATION, ACCORD,
    [loi("Loi n° 2023-1107 du 29 novembre 2023, art. 5"), urssaf("Dispositifs expérimentaux")],
    ["partage_valeur_obligation_en_vigueur", "partage_valeur_effectif_min", "partage_valeur_effectif_max_exclu",
     "partage_valeur_exercices_consecutifs", "partage_valeur_taux_benefice_ca"],
)
def obligation_partage_valeur(ctx: Contexte) -> Iterator[Trouve]:
    """Loi n° 2023-1107 du 29 novembre 2023, art. 5 : pour les exercices ouverts à compter du 1er janvier 2025,
    une entreprise de onze à quarante-neuf salariés qui réalise, trois exercices consécutifs, un bénéfice net
    fiscal au moins égal à 1 % de son chiffre d'affaires met en place un dispositif de partage de la valeur ;
    un accord d'intéressement y satisfait."""
    d = ctx.date_reference
    if not ctx.valeur("partage_valeur_obligation_en_vigueur", d):
        raise NonApplicable(f"obligation non en vigueur le {date_fr(d)}")
    e = ctx.accord.entreprise
    mini = ctx.valeur("partage_valeur_effectif_min", d)
    maxi = ctx.valeur("partage_valeur_effectif_max_exclu", d)
    if not mini <= e.effectif < maxi:
        raise NonApplicable(f"effectif hors de la tranche {mini}-{maxi - 1} salariés")
    if not e.resultats_fiscaux:
        raise NonApplicable("résultats fiscaux non renseignés")
    n = ctx.valeur("partage_valeur_exercices_consecutifs", d)
    taux = ctx.valeur("partage_valeur_taux_benefice_ca", d)
    serie: list[int] = []
    trouvee: list[int] = []
    for r in sorted(e.resultats_fiscaux, key=lambda x: x.exercice):
        ok = r.chiffre_affaires_centimes > 0 and r.benefice_net_fiscal_centimes >= taux * r.chiffre_affaires_centimes
        if ok and serie and r.exercice == serie[-1] + 1:
            serie.append(r.exercice)
        else:
            serie = [r.exercice] if ok else []
        if len(serie) >= n:
            trouvee = serie[-n:]
    if not trouvee:
        raise NonApplicable(f"pas {n} exercices consécutifs avec un bénéfice net fiscal d'au moins "
                            f"{pourcentage_fr(taux)} du chiffre d'affaires")
    yield Trouve(
        f"Entreprise de {e.effectif} salariés dont le bénéfice net fiscal a atteint au moins "
        f"{pourcentage_fr(taux)} du chiffre d'affaires {n} exercices consécutifs "
        f"({', '.join(map(str, trouvee))}) : un dispositif de partage de la valeur est obligatoire ; cet accord "
        "d'intéressement y satisfait.",
        chemin=["entreprise.resultats_fiscaux"], observe=trouvee, attendu=None,
        suggestion="Conservez l'accord en vigueur (ou un autre dispositif) tant que l'obligation s'applique.",
        parametres=[("partage_valeur_obligation_en_vigueur", d), ("partage_valeur_effectif_min", d),
                    ("partage_valeur_effectif_max_exclu", d), ("partage_valeur_exercices_consecutifs", d),
                    ("partage_valeur_taux_benefice_ca", d)],
    )
