"""F. La répartition (C. trav. L3314-5, L3314-6, R3314-3) : clés, assimilations, salaire de référence."""

from __future__ import annotations

from collections.abc import Iterator

from interessement import parametres
from interessement.modele import CODES_ABSENCES

from .contexte import Contexte
from .registre import DonneeManquante, NonApplicable, Trouve, css, ct, loi, regle, urssaf
from .resultats import (
    ACCORD,
    AVERTISSEMENT,
    BENEFICIAIRE,
    BLOQUANT,
    INFORMATION,
    Montant,
    Taux,
    date_fr,
    montant_fr,
    pourcentage_fr,
)


@regle(
    "REPARTITION_CRITERES", "Trois clés de répartition seulement, parts à 100 %", BLOQUANT, ACCORD,
    [ct("L3314-5"), urssaf("Calcul, répartition, plafonnement, informations")],
    severites=[(BLOQUANT, BENEFICIAIRE), (AVERTISSEMENT, BENEFICIAIRE)],
    champs=("repartition.part_uniforme",
            "repartition.part_presence",
            "repartition.part_salaire",
            "repartition.autres_criteres"),
    a_chercher="les critères de répartition et la part de chacun (uniforme, présence, salaire)",
)
def repartition_criteres(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3314-5 : la répartition entre les bénéficiaires peut être uniforme, proportionnelle à la durée
    de présence dans l'entreprise au cours de l'exercice, ou proportionnelle aux salaires ; l'accord peut retenir
    conjointement ces critères, chacun s'appliquant à une sous-enveloppe distincte (parts dont la somme fait
    100 %). Pas de clé multiplicative ni de coefficient par catégorie. Sur un versement, chaque montant est
    recalculé au centime et comparé au montant versé."""
    rep = ctx.accord.repartition
    if rep.somme_parts != 1:
        yield Trouve(
            f"Les parts des sous-enveloppes (uniforme {pourcentage_fr(rep.part_uniforme)}, présence "
            f"{pourcentage_fr(rep.part_presence)}, salaire {pourcentage_fr(rep.part_salaire)}) font "
            f"{pourcentage_fr(rep.somme_parts)} au lieu de 100 %.",
            chemin=["repartition.part_uniforme", "repartition.part_presence", "repartition.part_salaire"],
            observe=Taux(rep.somme_parts), attendu=Taux(1),
            suggestion="Ajustez les parts pour qu'elles totalisent exactement 100 %.",
        )
    for k, critere in enumerate(rep.autres_criteres):
        yield Trouve(
            f"Critère de répartition non permis : « {critere} » (seules les clés uniforme, présence et salaire "
            "sont admises).",
            chemin=[f"repartition.autres_criteres[{k}]"], observe=critere, attendu=None,
            suggestion="Supprimez ce critère (coefficient hiérarchique, clé multiplicative, critère "
                       "d'assiduité…) et répartissez selon les trois clés légales.",
        )
    if ctx.versement is None:
        return
    an = ctx.analyse_versement
    v = ctx.versement
    for e in an.ecarts:
        trop = e.difference > 0
        motif = f" ({e.motif})" if e.motif else ""
        yield Trouve(
            f"{e.nom or e.identifiant}{motif} : {montant_fr(e.verse_centimes)} versés au lieu de "
            f"{montant_fr(e.attendu_centimes)} selon les clés de l'accord "
            f"({'trop-perçu' if trop else 'manque'} de {montant_fr(abs(e.difference))}).",
            chemin=[e.chemin, "repartition"],
            observe=Montant(e.verse_centimes), attendu=Montant(e.attendu_centimes),
            suggestion=("Le trop-versé n'est pas de l'intéressement exonéré : corrigez la répartition." if trop else
                        "Versez le complément dû au bénéficiaire."),
            severite=BLOQUANT if trop else AVERTISSEMENT, portee=BENEFICIAIRE, periode=v.periode,
            beneficiaire=e.identifiant, montant_centimes=abs(e.difference),
        )


@regle(
    "ASSIMILATIONS_PRESENCE", "Absences assimilées à de la présence", BLOQUANT, ACCORD,
    [ct("L3314-5"), urssaf("Calcul, répartition, plafonnement, informations")],
    ["absences_assimilees_presence"],
    champs=("repartition.part_presence",
            "repartition.part_salaire",
            "repartition.absences_assimilees",
            "periode"),
    a_chercher=("la liste des absences assimilées à de la présence (maternité, paternité et accueil de l'enfant, "
                "adoption, deuil, accident du travail, maladie professionnelle, quarantaine)"),
)
def assimilations_presence(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3314-5 : pour la répartition proportionnelle à la présence (et au salaire, R3314-3), sont
    assimilées à des périodes de présence « 1° les périodes de congé de maternité […], de congé de paternité et
    d'accueil de l'enfant […], de congé d'adoption […] et de congé de deuil […] ; 2° les périodes de suspension du
    contrat de travail consécutives à un accident du travail ou à une maladie professionnelle […] ; 3° les
    périodes de mise en quarantaine au sens du 2° du I de l'article L. 3131-1 du code de la santé publique »
    (rédaction en vigueur depuis le 1er décembre 2023 ; la quarantaine était auparavant citée par l'article
    L3131-15 du code de la santé publique ; la paternité est exigée depuis le 18 août 2022). Toute autre absence est traitée de la même façon
    pour tous. La liste exigée est celle de chaque période de calcul (paramètre daté, avec sa référence)."""
    rep = ctx.accord.repartition
    if rep.part_presence == 0 and rep.part_salaire == 0:
        raise NonApplicable("répartition uniforme : la présence n'intervient pas")
    requises: dict[str, object] = {}
    for p in ctx.periodes:
        for code in ctx.valeur("absences_assimilees_presence", p.debut):
            requises.setdefault(code, p.debut)
    manquantes = [c for c in requises if c not in rep.absences_assimilees]
    if manquantes:
        libelles = ", ".join(CODES_ABSENCES.get(c, c) for c in manquantes)
        derniere = ctx.periodes[-1].debut
        texte = parametres.reference_at("absences_assimilees_presence", derniere).titre
        yield Trouve(
            f"Absences que la loi assimile à de la présence mais que l'accord ne retient pas : {libelles} "
            f"(liste en vigueur le {date_fr(derniere)}, début de la "
            f"{'dernière ' if len(ctx.periodes) > 1 else ''}période de calcul de l'accord : {texte}).",
            chemin=["repartition.absences_assimilees"],
            observe=[CODES_ABSENCES.get(c, c) for c in rep.absences_assimilees],
            attendu=[CODES_ABSENCES.get(c, c) for c in requises],
            suggestion="Ajoutez ces absences à la liste des absences assimilées à de la présence.",
            parametres=[("absences_assimilees_presence", ctx.periodes[-1].debut)],
        )


@regle(
    "SALAIRE_REFERENCE", "Salaire de référence défini et reconstitué", AVERTISSEMENT, ACCORD,
    [ct("L3314-5"), ct("R3314-3"), css("L242-1"), urssaf("Calcul, répartition, plafonnement, informations")],
    champs=("repartition.part_salaire",
            "repartition.notion_salaire",
            "repartition.salaire_reconstitue_absences"),
    a_chercher="la notion de salaire retenue et le salaire reconstitué des absences assimilées",
)
def salaire_reference(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3314-5 et R3314-3 : pour la clé salaire, l'accord définit la notion de salaire retenue (par
    exemple le salaire brut soumis à cotisations, CSS L242-1) et, pour les périodes d'absence assimilées à de la
    présence, retient le salaire que le bénéficiaire aurait perçu."""
    rep = ctx.accord.repartition
    if rep.part_salaire == 0:
        raise NonApplicable("pas de clé salaire")
    if not (rep.notion_salaire or "").strip():
        yield Trouve(
            "La clé salaire est utilisée sans que la notion de salaire soit définie.",
            chemin=["repartition.notion_salaire"], observe=None, attendu="notion de salaire définie",
            suggestion="Précisez le salaire retenu, par exemple « salaire brut soumis à cotisations sociales "
                       "(article L242-1 du code de la sécurité sociale) ».",
        )
    if not rep.salaire_reconstitue_absences:
        yield Trouve(
            "Pour les absences assimilées à de la présence, l'accord ne retient pas le salaire que le "
            "bénéficiaire aurait perçu.",
            chemin=["repartition.salaire_reconstitue_absences"], observe=False, attendu=True,
            suggestion="Prévoyez la reconstitution du salaire des périodes assimilées à de la présence.",
        )


@regle(
    "SALAIRE_DIRIGEANTS", "Salaire de référence des dirigeants et du conjoint", BLOQUANT, BENEFICIAIRE,
    [ct("L3314-6"), urssaf("Calcul, répartition, plafonnement, informations")],
    ["plafond_salaire_conjoint_taux_pass"],
    severites=[(INFORMATION, ACCORD)],
    champs=("repartition.part_salaire",
            "beneficiaires.dirigeants_inclus",
            "beneficiaires.conjoint_inclus",
            "repartition.plafond_salaire_dirigeants",
            "repartition.plafond_salaire_conjoint"),
    a_chercher="la rémunération retenue des dirigeants (plafonnée au plus haut salaire) et du conjoint",
)
def salaire_dirigeants(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3314-6 : pour la clé salaire, la rémunération retenue pour un dirigeant est sa rémunération
    annuelle ou son revenu professionnel soumis à l'impôt sur le revenu au titre de l'année précédente, dans la
    limite du salaire le plus élevé versé dans l'entreprise ; celle du conjoint collaborateur ou associé peut
    être plafonnée à un quart du plafond annuel de la sécurité sociale."""
    a = ctx.accord
    rep = a.repartition
    b = a.beneficiaires
    if rep.part_salaire == 0 or not (b.dirigeants_inclus or b.conjoint_inclus):
        raise NonApplicable("pas de clé salaire appliquée aux dirigeants ou au conjoint")
    if b.dirigeants_inclus and not rep.plafond_salaire_dirigeants:
        yield Trouve(
            "La rémunération des dirigeants retenue pour la clé salaire n'est pas limitée au salaire le plus "
            "élevé versé dans l'entreprise.",
            chemin=["repartition.plafond_salaire_dirigeants"], observe=False, attendu=True,
            suggestion="Limitez la rémunération retenue des dirigeants au plus haut salaire de l'entreprise.",
        )
    if b.conjoint_inclus and not rep.plafond_salaire_conjoint:
        d = ctx.date_loi
        yield Trouve(
            f"La rémunération du conjoint n'est pas plafonnée : l'accord peut la limiter à "
            f"{pourcentage_fr(ctx.valeur('plafond_salaire_conjoint_taux_pass', d))} du PASS (option).",
            chemin=["repartition.plafond_salaire_conjoint"], observe=False, attendu=None,
            suggestion="Option : plafonnez la rémunération retenue du conjoint.",
            parametres=[("plafond_salaire_conjoint_taux_pass", d)], severite=INFORMATION, portee=ACCORD,
        )
    v = ctx.versement
    if v is not None and b.dirigeants_inclus and rep.plafond_salaire_dirigeants \
            and v.plus_haut_salaire_centimes is None and any(s.qualite == "dirigeant" for s in v.salaries):
        raise DonneeManquante("le versement ne donne pas le plus haut salaire de l'entreprise "
                              "(versement.plus_haut_salaire_centimes), nécessaire pour plafonner la rémunération "
                              "retenue des dirigeants")


@regle(
    "SALAIRE_PLANCHER_PLAFOND", "Plancher ou plafond du salaire retenu", AVERTISSEMENT, ACCORD,
    [ct("L3314-5"), loi("Loi n° 2023-1107 du 29 novembre 2023, art. 14"),
     urssaf("Calcul, répartition, plafonnement, informations")],
    ["salaire_plancher_plafond_prevu"],
    champs=("repartition.part_salaire", "repartition.salaire_plancher_centimes",
            "repartition.salaire_plafond_centimes", "mise_en_place.date_conclusion"),
    a_chercher=("un salaire plancher ou plafond servant de base à la répartition proportionnelle aux salaires, son "
                "montant et la façon dont il s'applique aux salariés présents une partie de l'exercice"),
)
def salaire_plancher_plafond(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3314-5, deuxième alinéa, inséré par la loi n° 2023-1107 du 29 novembre 2023 (art. 14), en
    vigueur le 1er décembre 2023 : « L'accord peut fixer un salaire plancher, un salaire plafond ou les deux,
    servant de base de calcul de la part individuelle. » Auparavant, la doctrine administrative admettait déjà
    ces bornes. REGLES.md garde un avertissement : la faculté est légale, mais une personne vérifie que la borne
    sert seulement à la part répartie selon le salaire, qu'elle est fixée par l'accord et la même pour tous, et
    qu'elle ne vide pas la clé salaire de son sens (un plafond sous le salaire de presque tous la rend uniforme)."""
    rep = ctx.accord.repartition
    if rep.part_salaire == 0:
        raise NonApplicable("pas de clé salaire")
    d = ctx.date_loi
    prevu = ctx.valeur("salaire_plancher_plafond_prevu", d)
    prm = [("salaire_plancher_plafond_prevu", d)]
    plancher, plafond = rep.salaire_plancher_centimes, rep.salaire_plafond_centimes
    if plancher is not None and plafond is not None and plancher > plafond:
        yield Trouve(
            f"Le salaire plancher ({montant_fr(plancher)}) dépasse le salaire plafond ({montant_fr(plafond)}) : la "
            "clé salaire ne peut pas s'appliquer.",
            chemin=["repartition.salaire_plancher_centimes", "repartition.salaire_plafond_centimes"],
            observe=Montant(plancher), attendu=f"au plus {montant_fr(plafond)}",
            suggestion="Corrigez les montants : le plancher doit être inférieur au plafond.", parametres=prm,
        )
    base = ("l'article L3314-5 permet à l'accord de fixer un salaire plancher, un salaire plafond ou les deux" if prevu
            else f"à la date de conclusion ({date_fr(d)}), L3314-5 ne le mentionnait pas encore (il le permet depuis "
                 "la loi n° 2023-1107) ; la doctrine administrative l'admettait")
    for champ, valeur, quoi in (("salaire_plancher_centimes", plancher, "plancher"),
                                ("salaire_plafond_centimes", plafond, "plafond")):
        if valeur is None:
            continue
        effet = ("relève le salaire retenu des moins payés" if quoi == "plancher" else
                 "limite le salaire retenu des mieux payés")
        yield Trouve(
            f"La répartition proportionnelle aux salaires retient un salaire {quoi} de {montant_fr(valeur)}, qui "
            f"{effet} : {base}. À faire examiner par une personne.",
            chemin=[f"repartition.{champ}"], observe=Montant(valeur), attendu=None,
            suggestion=f"Vérifiez que le {quoi} est fixé en euros dans l'accord et le même pour tous (jamais par "
                       "catégorie), qu'il ne s'applique qu'à la part répartie selon le salaire, que l'accord dit comment "
                       "il s'applique aux salariés présents une partie de l'exercice et, "
                       + ("pour un plafond, qu'il ne se situe pas sous le salaire de la plupart des salariés (la clé "
                          "deviendrait uniforme)." if quoi == "plafond" else
                          "pour un plancher, qu'il ne dépasse pas le salaire de la plupart des salariés (la clé "
                          "deviendrait uniforme)."),
            parametres=prm,
        )
