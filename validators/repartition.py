"""F. La répartition (C. trav. L3314-5, L3314-6, R3314-3) : clés, assimilations, salaire de référence."""

from __future__ import annotations

from collections.abc import Iterator

from interessement.modele import CODES_ABSENCES

from .contexte import Contexte
from .registre import DonneeManquante, NonApplicable, Trouve, css, ct, regle, urssaf
from .resultats import ACCORD, AVERTISSEMENT, BENEFICIAIRE, BLOQUANT, INFORMATION, montant_fr, pourcentage_fr


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
            observe=rep.somme_parts, attendu=1,
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
            observe=e.verse_centimes, attendu=e.attendu_centimes,
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
    """C. trav. L3314-5 : pour la répartition proportionnelle à la présence (et au salaire), sont assimilés à
    des périodes de présence les congés de maternité, de paternité et d'accueil de l'enfant (depuis le
    18 août 2022), d'adoption, de deuil, les absences pour accident du travail ou maladie professionnelle et les
    périodes de quarantaine. Toute autre absence est traitée de la même façon pour tous."""
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
        yield Trouve(
            f"Absences que la loi assimile à de la présence mais que l'accord ne retient pas : {libelles}.",
            chemin=["repartition.absences_assimilees"], observe=list(rep.absences_assimilees),
            attendu=list(requises),
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
    [ct("L3314-5"), urssaf("Calcul, répartition, plafonnement, informations")],
    champs=("repartition.part_salaire",
            "repartition.salaire_plancher_centimes",
            "repartition.salaire_plafond_centimes",
            "mise_en_place.date_conclusion"),
    a_chercher="un salaire plancher ou plafond servant de base à la répartition proportionnelle aux salaires",
)
def salaire_plancher_plafond(ctx: Contexte) -> Iterator[Trouve]:
    """C. trav. L3314-5 ne prévoit pas de plancher ni de plafond du salaire retenu par la clé salaire ; la
    pratique l'admet (décision de REGLES.md §6) : avertissement et examen par une personne."""
    rep = ctx.accord.repartition
    if rep.part_salaire == 0:
        raise NonApplicable("pas de clé salaire")
    for champ, valeur, quoi in (("salaire_plancher_centimes", rep.salaire_plancher_centimes, "plancher"),
                                ("salaire_plafond_centimes", rep.salaire_plafond_centimes, "plafond")):
        if valeur is not None:
            yield Trouve(
                f"La clé salaire applique un {quoi} de salaire ({montant_fr(valeur)}) : pratique admise mais non "
                "prévue par la loi, à faire examiner.",
                chemin=[f"repartition.{champ}"], observe=valeur, attendu=None,
                suggestion=f"Vérifiez que le {quoi} ne revient pas à exclure ou à avantager une catégorie de "
                           "salariés.",
            )
