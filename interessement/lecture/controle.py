"""Le contrôle d'un accord lu : ``controler(doc | faits) -> RapportLecture``.

Le validateur (``validators.valider``) s'applique à un accord de travail construit à partir des faits lus. Un fait
qui n'a pas été lu avec confiance n'y entre qu'en valeur de remplissage ; alors :

- un constat n'est gardé que si tous les champs sur lesquels il repose ont été lus dans le texte, et il cite la
  phrase d'où ils viennent ;
- une règle restée silencieuse, ou déclarée non applicable, n'est tenue pour satisfaite que si les faits dont elle
  a besoin ont été lus ; sinon elle est « à vérifier » (avec ce qu'il faut chercher dans le texte) et le rapport
  ne peut pas être « conforme » ;
- un constat qui repose sur un fait non lu devient « à vérifier » (la règle n'est pas satisfaite pour autant).

Les points « à vérifier » sont ceux du validateur (``validators.PointAVerifier``), dans sa seule liste
``rapport.a_verifier`` ; ``regles_en_erreur`` ne garde que les règles qui n'ont pas pu s'appliquer (paramètre
hors période modélisée, erreur interne). Les notes d'information, listes de dépôt et fiches individuelles sont
reconnues comme des annexes (statut « annexe ») et ne sont pas contrôlées comme des accords.

S'y ajoutent les clauses obligatoires (présentes, absentes ou incomplètes), les formulations que la loi n'admet
plus (plafond individuel de la moitié du PASS, assimilations citées de l'article de la participation L3324-6,
versement « au septième mois », durée de trois ans présentée comme obligatoire…) et, pour un document produit
par ce projet, la comparaison du texte et des données embarquées : le texte signé fait foi (INTEGRITE_DOCUMENT).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from dateutil.relativedelta import relativedelta

from interessement import parametres
from interessement.modele import CODES_ABSENCES, Accord
from validators.resultats import Rapport

from .faits import (
    ABSENT,
    AMBIGU,
    ANNEXES,
    LIBELLES_STATUTS,
    NON_TROUVE,
    OPTIONS,
    RENVOI,
    TROUVE,
    Citation,
    Fait,
    Faits,
    Lecteur,
    extraire_faits,
    lecteur_de,
)

A_VERIFIER = "à vérifier"
TEXTE_MODIFIE = "texte différent des données"
PRESENTE, ABSENTE, INCOMPLETE = "présente", "absente", "incomplète"

#: Ce dont chaque règle a besoin pour décider sur un texte (chemins du format d'échange). Les règles qui
#: portent sur un versement ou sur le document .docx ne s'appliquent pas à la lecture seule d'un texte.
BESOINS: dict[str, tuple[str, ...]] = {
    "ENTREPRISE_ELIGIBLE": ("entreprise.effectif", "entreprise.dirigeants"),
    "MODE_MISE_EN_PLACE": ("mise_en_place.mode", "entreprise.cse", "entreprise.delegues_syndicaux"),
    "DUE_CONDITIONS": ("mise_en_place.mode", "entreprise.effectif", "entreprise.cse", "entreprise.delegues_syndicaux",
                       "entreprise.couverte_accord_branche_agree"),
    "CSE_CARENCE": ("entreprise.effectif", "entreprise.cse", "entreprise.date_pv_carence"),
    "DUREE": ("periode.duree_annees", "mise_en_place.date_conclusion"),
    "PERIODE_CALCUL": ("periode.periode_calcul_mois", "periode.duree_annees", "mise_en_place.date_conclusion"),
    "DELAI_CONCLUSION": ("mise_en_place.date_conclusion", "periode.date_effet", "periode.periode_calcul_mois",
                         "periode.date_cloture_premier_exercice"),
    "DELAI_DEPOT": ("depot.date_depot", "periode.date_effet", "periode.periode_calcul_mois"),
    "RECONDUCTION": ("periode.reconduction_tacite", "periode.date_effet", "periode.duree_annees"),
    "CONTROLE_URSSAF": ("depot.date_depot",),
    "BENEFICIAIRES_TOUS": ("beneficiaires.categories_exclues",),
    "ANCIENNETE": ("beneficiaires.anciennete.mois", "mise_en_place.date_conclusion"),
    "CONDITION_PRESENCE": ("beneficiaires.condition_presence", "beneficiaires.perte_droits_depart"),
    "DIRIGEANTS": ("beneficiaires.dirigeants_inclus", "entreprise.effectif"),
    "FORMULE_ALEATOIRE": ("formule.composantes",),
    "FORMULE_ACTIVITE": ("formule.composantes",),
    "FORMULE_MESURABLE": ("formule.composantes", "indicateurs"),
    "OBJECTIFS_ATTEIGNABLES": ("formule.composantes", "historique"),
    "FORMULE_COLLECTIVE": ("formule.composantes", "indicateurs"),
    "ALEA_FAIBLE": ("formule.composantes", "historique"),
    "PLAFOND_GLOBAL": ("formule.composantes", "formule.plafond"),
    "PLAFOND_INDIVIDUEL": (),  # sur un texte : le plafond écrit est comparé à la loi plus bas
    "REDISTRIBUTION": ("repartition.redistribution_excedent",),
    "REPARTITION_CRITERES": ("repartition.part_uniforme", "repartition.part_presence", "repartition.part_salaire",
                             "repartition.autres_criteres"),
    "ASSIMILATIONS_PRESENCE": ("repartition.part_presence", "repartition.part_salaire",
                               "repartition.absences_assimilees", "periode.date_effet", "periode.duree_annees"),
    "SALAIRE_REFERENCE": ("repartition.part_salaire", "repartition.notion_salaire",
                          "repartition.salaire_reconstitue_absences"),
    "SALAIRE_DIRIGEANTS": ("repartition.part_salaire", "beneficiaires.dirigeants_inclus",
                           "repartition.plafond_salaire_dirigeants"),
    "SALAIRE_PLANCHER_PLAFOND": ("repartition.part_salaire", "repartition.salaire_plancher_centimes",
                                 "repartition.salaire_plafond_centimes"),
    "NON_SUBSTITUTION": ("elements_remuneration_supprimes", "periode.date_effet"),
    "DATE_VERSEMENT": ("versement.delai_versement_mois", "periode.periode_calcul_mois", "periode.date_effet"),
    "AFFECTATION_PLAN": ("versement.plans_epargne", "versement.affectation_defaut_plan", "versement.delai_choix_jours"),
    "CLAUSES_OBLIGATOIRES": (),  # la liste des clauses, ci-dessous
    "AVANCES": ("versement.avances",),
    "OBLIGATION_PARTAGE_VALEUR": ("entreprise.effectif", "entreprise.resultats_fiscaux"),
    # Les règles de l'issue 10 (voir ``_besoins_selon_le_texte`` pour celles qui dépendent du mode lu).
    "FORMALITES_CONCLUSION": ("mise_en_place.mode", "entreprise.cse", "entreprise.delegues_syndicaux",
                              "mise_en_place.formalites"),
    "ADHESION_BRANCHE": ("mise_en_place.mode", "mise_en_place.adhesion_branche"),
    "PREVALIDATION": ("depot.code_prevalidation",),
    "SUIVI_ORGANE": ("information.suivi_par", "entreprise.cse", "information.reglement_litiges"),
    "INFORMATION_DATE_PRESUMEE": ("information.presomption_information",),
    "DENONCIATION_REVISION": ("texte.denonciation",),
    "PIECES_DEPOT": ("mise_en_place.mode", "depot.date_depot", "depot.pieces"),
}

#: Ce qu'il faut chercher dans le texte (ou demander) quand un fait manque.
A_CHERCHER: dict[str, str] = {
    "entreprise.effectif": "l'effectif de l'entreprise (le texte le dit rarement : à demander)",
    "entreprise.dirigeants": "les dirigeants titulaires d'un contrat de travail",
    "entreprise.cse": "l'existence d'un CSE (procès-verbal d'élection ou de carence)",
    "entreprise.delegues_syndicaux": "l'existence de délégués syndicaux",
    "entreprise.couverte_accord_branche_agree": "la couverture par un accord de branche agréé",
    "entreprise.date_pv_carence": "la date du procès-verbal de carence",
    "entreprise.resultats_fiscaux": "les bénéfices et chiffres d'affaires des derniers exercices",
    "mise_en_place.mode": "le mode de conclusion (signataires, vote, décision unilatérale)",
    "mise_en_place.date_conclusion": "la date de signature (« Fait à …, le … »)",
    "periode.date_effet": "la date d'effet (« prend effet le … », « à compter de l'exercice ouvert le … »)",
    "periode.date_cloture_premier_exercice": "la date de clôture du premier exercice",
    "periode.duree_annees": "la durée de l'accord (« conclu pour une durée de … »)",
    "periode.reconduction_tacite": "la clause de reconduction tacite",
    "periode.periode_calcul_mois": "la période de calcul (exercice, semestre…)",
    "depot.date_depot": "la date de dépôt sur TéléAccords (récépissé)",
    "beneficiaires.categories_exclues": "la clause des bénéficiaires (exclusions)",
    "beneficiaires.anciennete.mois": "la condition d'ancienneté",
    "beneficiaires.anciennete.calcul": "la façon de compter l'ancienneté (tous les contrats de la période et des "
                                       "douze mois précédents)",
    "beneficiaires.condition_presence": "une condition de présence à une date",
    "beneficiaires.perte_droits_depart": "le sort des droits des salariés qui partent",
    "beneficiaires.dirigeants_inclus": "la clause des dirigeants (L3312-3)",
    "formule.composantes": "la formule de calcul (non modélisée : à lire dans le texte cité)",
    "formule.declencheurs": "les conditions de déclenchement de la formule",
    "formule.plafond": "le plafond de l'enveloppe",
    "indicateurs": "la définition et la source de chaque indicateur",
    "historique": "les valeurs passées des indicateurs (pour mesurer l'aléa)",
    "repartition.prorata_plafond_individuel": "le calcul du plafond individuel pour les présents une partie de "
                                              "l'exercice",
    "repartition.redistribution_excedent": "la redistribution de l'excédent au-delà du plafond individuel",
    "repartition.part_uniforme": "les critères de répartition et leurs parts",
    "repartition.part_presence": "les critères de répartition et leurs parts",
    "repartition.part_salaire": "les critères de répartition et leurs parts",
    "repartition.autres_criteres": "tout autre critère de répartition",
    "repartition.absences_assimilees": "la liste des absences assimilées à de la présence",
    "repartition.notion_salaire": "la notion de salaire retenue",
    "repartition.salaire_reconstitue_absences": "la reconstitution du salaire des absences assimilées",
    "repartition.plafond_salaire_dirigeants": "le plafonnement de la rémunération retenue des dirigeants",
    "repartition.salaire_plancher_centimes": "un plancher de salaire",
    "repartition.salaire_plafond_centimes": "un plafond de salaire",
    "elements_remuneration_supprimes": "les éléments de rémunération supprimés dans les douze mois précédents",
    "versement.delai_versement_mois": "la date limite de versement",
    "versement.plans_epargne": "les plans d'épargne salariale",
    "versement.affectation_defaut_plan": "l'affectation par défaut au plan d'épargne",
    "versement.delai_choix_jours": "le délai de choix du salarié (quinze jours)",
    "versement.avances": "les avances (périodicité, accord du salarié)",
    "mise_en_place.formalites": "les formalités de conclusion (qualité et audience des délégués signataires, "
                                "vote et procès-verbal du CSE, émargement ou procès-verbal de la ratification)",
    "mise_en_place.adhesion_branche": "l'accord de branche agréé auquel l'entreprise adhère (intitulé, IDCC, date, "
                                      "agrément) et les options retenues",
    "depot.code_prevalidation": "une mention de pré-validation « Mon intéressement » (code d'identification)",
    "depot.pieces": "les pièces déposées avec le texte (récépissé de TéléAccords)",
    "information.presomption_information": "la date à laquelle le bénéficiaire est présumé informé du montant qui "
                                           "lui est attribué (R3313-12)",
    "texte.denonciation": "la clause de révision et de dénonciation (même forme que la conclusion, dépôt)",
}

#: Règles pour lesquelles la date ne sert qu'à choisir le droit applicable : quand le texte ne donne pas ses
#: dates, le droit en vigueur à la date de référence s'applique (hypothèse écrite dans le rapport).
_DATE_DE_LA_LOI = {"DUREE", "PERIODE_CALCUL", "ANCIENNETE", "ASSIMILATIONS_PRESENCE", "AFFECTATION_PLAN",
                   "DATE_VERSEMENT", "DIRIGEANTS", "SALAIRE_DIRIGEANTS", "BENEFICIAIRES_TOUS", "CONDITION_PRESENCE",
                   "REPARTITION_CRITERES", "SALAIRE_REFERENCE", "SALAIRE_PLANCHER_PLAFOND", "REDISTRIBUTION",
                   "AVANCES"}

#: Règles de ``_DATE_DE_LA_LOI`` qui parcourent les périodes de calcul (la liste des absences de chaque période).
_PERIODES_DE_LA_LOI = {"ASSIMILATIONS_PRESENCE"}

# Les faits lus → chemins du format d'échange qu'ils rendent connus (un fait peut en renseigner plusieurs).
_PARTS = ("repartition.part_uniforme", "repartition.part_presence", "repartition.part_salaire")


@dataclass
class ClauseLue:
    id: str
    titre: str
    statut: str
    citation: Citation | None = None
    regle: str | None = "CLAUSES_OBLIGATOIRES"
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "titre": self.titre, "statut": self.statut, "regle": self.regle, "note": self.note,
                "citation": self.citation.to_dict() if self.citation else None}


@dataclass
class Difference:
    """Un écart entre le texte et les données embarquées d'un document produit par ce projet."""

    cle: str
    libelle: str
    texte: Any
    donnees: Any
    citation: Citation | None = None

    def to_dict(self) -> dict[str, Any]:
        from validators.resultats import en_json

        return {"cle": self.cle, "libelle": self.libelle, "texte": en_json(_simple(self.texte)),
                "donnees": en_json(_simple(self.donnees)),
                "citation": self.citation.to_dict() if self.citation else None}

    def en_texte(self) -> str:
        ou = f" ({self.citation.article})" if self.citation and self.citation.article else ""
        if self.cle == "formule.composantes":
            from .formule_lue import decrire

            lu = decrire(self.cle, self.texte) or valeur_fr(self.cle, self.texte)
            donnees = decrire(self.cle, self.donnees) or valeur_fr(self.cle, self.donnees)
        else:
            lu, donnees = valeur_fr(self.cle, self.texte), valeur_fr(self.cle, self.donnees)
        return f"{self.libelle}{ou} : le texte dit {lu}, les données {donnees}"


def _simple(v: Any) -> Any:
    if isinstance(v, Fraction):
        return f"{v.numerator}/{v.denominator}"
    if isinstance(v, dict):
        return {k: _simple(x) for k, x in v.items()}
    return v


# ----------------------------------------------------------------------------------- faits → accord


_BASE: dict[str, Any] = {
    "entreprise": {"raison_sociale": "(texte lu)", "effectif": 1},
    "mise_en_place": {"mode": "convention_collective", "date_conclusion": "2026-01-01"},
    "periode": {"date_effet": "2026-01-01", "date_cloture_premier_exercice": "2026-12-31", "duree_annees": 1,
                "periode_calcul_mois": 12},
    "formule": {"composantes": [{"type": "pourcentage_masse_salariale", "taux": 0}]},
    "repartition": {"part_uniforme": 1},
}


def _poser(d: dict[str, Any], chemin: str, valeur: Any) -> None:
    morceaux = chemin.split(".")
    for m in morceaux[:-1]:
        d = d.setdefault(m, {})
    d[morceaux[-1]] = valeur


def _lire(d: Any, chemin: str) -> Any:
    for m in chemin.split("."):
        if not isinstance(d, dict) or m not in d:
            return None
        d = d[m]
    return d


def accord_de_travail(faits: Faits, base: dict[str, Any] | None = None,
                      date_hypothese: date | None = None) -> tuple[dict[str, Any], set[str]]:
    """L'accord (forme JSON du format d'échange) construit à partir des faits lus, et les chemins connus.

    ``base`` : les données embarquées d'un document produit par ce projet (toutes connues) ; sinon des valeurs de
    remplissage, inconnues. Les faits lus dans le texte l'emportent sur les données."""
    d = copy.deepcopy(base) if base is not None else copy.deepcopy(_BASE)
    connus: set[str] = _tous_chemins(d) if base is not None else set()
    if base is None and date_hypothese is not None:
        # Dates non lues : le droit en vigueur à la date de référence (hypothèse dite dans le rapport).
        d["mise_en_place"]["date_conclusion"] = date_hypothese.isoformat()
        d["periode"]["date_effet"] = date_hypothese.isoformat()

    def poser(chemin: str, valeur: Any) -> None:
        _poser(d, chemin, valeur)
        connus.add(chemin)

    def f(cle: str) -> Fait | None:
        return faits.get(cle)

    def ok(cle: str) -> bool:
        x = f(cle)
        return x is not None and x.statut == TROUVE

    def absent(cle: str) -> bool:
        x = f(cle)
        return x is not None and x.statut == ABSENT

    if ok("mise_en_place.mode") and f("mise_en_place.mode").valeur in (
            "convention_collective", "accord_delegues_syndicaux", "accord_cse", "ratification",
            "decision_unilaterale", "adhesion_branche"):
        poser("mise_en_place.mode", f("mise_en_place.mode").valeur)
    for cle in ("mise_en_place.date_conclusion", "periode.date_effet"):
        if ok(cle) and isinstance(f(cle).valeur, date):
            poser(cle, f(cle).valeur.isoformat())
    if ok("periode.duree_annees") and isinstance(f("periode.duree_annees").valeur, int):
        poser("periode.duree_annees", f("periode.duree_annees").valeur)
    if ok("periode.periode_calcul_mois") and isinstance(f("periode.periode_calcul_mois").valeur, int):
        poser("periode.periode_calcul_mois", f("periode.periode_calcul_mois").valeur)
    if ok("periode.reconduction_tacite") or absent("periode.reconduction_tacite"):
        # Sans clause, pas de reconduction tacite (L3312-5 : seulement si l'accord le prévoit).
        poser("periode.reconduction_tacite", bool(f("periode.reconduction_tacite").valeur))
    # La clôture du premier exercice : connue si elle est dans les données, sinon déduite d'une période pleine
    # à partir de la date d'effet (dit dans la note du fait).
    effet, mois = _lire(d, "periode.date_effet"), _lire(d, "periode.periode_calcul_mois")
    if "periode.date_cloture_premier_exercice" not in connus and "periode.date_effet" in connus \
            and "periode.periode_calcul_mois" in connus:
        cloture = date.fromisoformat(effet) + relativedelta(months=int(mois)) - relativedelta(days=1)
        poser("periode.date_cloture_premier_exercice", cloture.isoformat())
    elif base is None:
        e = date.fromisoformat(_lire(d, "periode.date_effet"))
        _poser(d, "periode.date_cloture_premier_exercice",
               (e + relativedelta(months=int(mois or 12)) - relativedelta(days=1)).isoformat())
    if ok("beneficiaires.anciennete.mois") and isinstance(f("beneficiaires.anciennete.mois").valeur, int):
        poser("beneficiaires.anciennete", {"mois": f("beneficiaires.anciennete.mois").valeur, "jours": 0,
                                          "calcul": _lire(d, "beneficiaires.anciennete.calcul") or "tous_contrats"})
        if base is None:
            connus.discard("beneficiaires.anciennete")  # la façon de compter n'est connue que si elle est lue
        connus.update({"beneficiaires.anciennete.mois", "beneficiaires.anciennete.jours"})
        if base is not None:
            connus.add("beneficiaires.anciennete.calcul")
    elif absent("beneficiaires.anciennete.mois"):
        poser("beneficiaires.anciennete", None)
        connus.update({"beneficiaires.anciennete.mois", "beneficiaires.anciennete.jours",
                       "beneficiaires.anciennete.calcul"})
    if ok("beneficiaires.anciennete.calcul") and isinstance(_lire(d, "beneficiaires.anciennete"), dict):
        poser("beneficiaires.anciennete.calcul", f("beneficiaires.anciennete.calcul").valeur)
    if ok("beneficiaires.condition_presence"):
        poser("beneficiaires.condition_presence", str(f("beneficiaires.condition_presence").valeur))
    elif absent("beneficiaires.condition_presence"):
        poser("beneficiaires.condition_presence", None)
    for cle in ("beneficiaires.perte_droits_depart", "beneficiaires.dirigeants_inclus"):
        if ok(cle) and isinstance(f(cle).valeur, bool):
            poser(cle, f(cle).valeur)
        elif absent(cle):
            poser(cle, False)
    if ok("beneficiaires.categories_exclues"):
        poser("beneficiaires.categories_exclues", list(f("beneficiaires.categories_exclues").valeur))
    elif absent("beneficiaires.categories_exclues"):
        poser("beneficiaires.categories_exclues", [])
    if ok("repartition.parts"):
        v = f("repartition.parts").valeur
        for k, chemin in zip(("uniforme", "presence", "salaire"), _PARTS, strict=True):
            poser(chemin, str(v.get(k, Decimal(0))))
        poser("repartition.autres_criteres", [])
    absences = f("repartition.absences_assimilees")
    if absences is not None and absences.statut == TROUVE:
        poser("repartition.absences_assimilees", [c for c in absences.valeur if c in CODES_ABSENCES])
    elif absences is not None and absences.statut == RENVOI and absences.renvoi in ("L3314-5", "la loi"):
        # Renvoi à l'article de l'intéressement : la liste légale en vigueur s'applique.
        poser("repartition.absences_assimilees", ["maternite", "paternite_accueil_enfant", "adoption", "deuil",
                                                  "accident_travail", "maladie_professionnelle", "quarantaine"])
    if ok("repartition.notion_salaire"):
        poser("repartition.notion_salaire", str(f("repartition.notion_salaire").valeur))
    plancher = f("repartition.salaire_plancher_plafond")
    if plancher is not None and plancher.statut == ABSENT:
        poser("repartition.salaire_plancher_centimes", None)
        poser("repartition.salaire_plafond_centimes", None)
    if ok("repartition.redistribution_excedent") or absent("repartition.redistribution_excedent"):
        poser("repartition.redistribution_excedent", bool(f("repartition.redistribution_excedent").valeur))
    if ok("versement.delai_versement_mois"):
        poser("versement.delai_versement_mois", int(f("versement.delai_versement_mois").valeur))
    plans = f("versement.plans_epargne")
    if plans is not None and plans.statut == TROUVE:
        poser("versement.plans_epargne", list(plans.valeur))
    if ok("versement.affectation_defaut_plan"):
        poser("versement.affectation_defaut_plan", bool(f("versement.affectation_defaut_plan").valeur))
    av = f("versement.avances")
    if av is not None and av.statut == ABSENT:
        poser("versement.avances", None)
    elif av is not None and av.statut == TROUVE and av.valeur and av.valeur.get("periodicite_mois"):
        poser("versement.avances", {"periodicite_mois": av.valeur["periodicite_mois"]})
    for cle in ("information.preambule", "information.reglement_litiges"):
        if ok(cle):
            poser(cle, str(f(cle).valeur))
    if ok("information.suivi_par"):
        poser("information.suivi_par", f("information.suivi_par").valeur)
    if ok("formule.plancher_centimes"):
        poser("formule.plancher_centimes", f("formule.plancher_centimes").valeur or 1)
    if ok("information.presomption_information") and isinstance(f("information.presomption_information").valeur,
                                                                 int):
        # Le moyen d'information n'est pas lu : seule compte, pour INFORMATION_DATE_PRESUMEE, que la date soit fixée.
        poser("information.presomption_information",
              {"moyen": "courrier", "jours_apres_envoi": min(15, f("information.presomption_information").valeur)})
    if ok("depot.code_prevalidation"):
        poser("depot.code_prevalidation", str(f("depot.code_prevalidation").valeur))
    elif absent("depot.code_prevalidation") and base is None:
        poser("depot.code_prevalidation", None)
    if ok("texte.denonciation"):
        connus.add("texte.denonciation")
    _formule_lue(faits, d, connus, poser)
    return d, connus


def _formule_lue(faits: Faits, d: dict[str, Any], connus: set[str], poser: Any) -> None:
    """La formule modélisée à la lecture (``formule.composantes`` trouvé) entre dans l'accord avec ses
    indicateurs (leur nature sert à l'analyse ; ils ne sont « connus » que si leur définition et leur source ont
    été lues) et ses déclencheurs (connus s'ils sont tous modélisés, ou si le texte n'en écrit aucun)."""
    comp = faits.get("formule.composantes")
    if comp is None or comp.statut != TROUVE or not isinstance(comp.valeur, list) or not comp.valeur \
            or not all(isinstance(c, dict) for c in comp.valeur):
        return
    if "formule.composantes" in connus:
        # Document produit par ce projet : ses données décrivent la formule en entier ; le texte ne la remplace que
        # s'il dit autre chose (écart listé par ``comparer``), jamais pour la décrire moins bien.
        if not _formule_differente(comp.valeur, d):
            return
    poser("formule.composantes", copy.deepcopy(comp.valeur))
    ind = faits.get("indicateurs")
    if ind is not None and ind.valeur:
        _poser(d, "indicateurs", [{k: v for k, v in i.items() if not k.startswith("_")} for i in ind.valeur])
        if ind.statut == TROUVE:
            connus.add("indicateurs")
    dec = faits.get("formule.declencheurs")
    if dec is not None and dec.statut == TROUVE:
        poser("formule.declencheurs", [{k: str(v) if isinstance(v, Decimal) else v for k, v in x.items()}
                                       for x in dec.valeur])
    elif dec is not None and dec.statut == ABSENT:
        poser("formule.declencheurs", [])
    else:
        _poser(d, "formule.declencheurs", [])
    plafond = faits.get("formule.plafond.taux_masse_salariale")
    if plafond is not None and plafond.statut == TROUVE:
        poser("formule.plafond", {"taux_masse_salariale": str(plafond.valeur)})


def _formule_differente(lue: list[dict[str, Any]], d: dict[str, Any]) -> bool:
    """La formule lue contredit-elle celle des données ? Seulement comparable quand les données n'ont qu'une
    composante : type, indicateur, taux, seuil, paliers."""
    donnees = (d.get("formule") or {}).get("composantes") or []
    if len(donnees) != 1 or len(lue) != 1:
        return False
    a, b = lue[0], donnees[0]
    if a.get("type") != b.get("type") or a.get("indicateur") != b.get("indicateur"):
        return True

    def nombre(v: Any) -> Decimal | None:
        return None if v is None else Decimal(str(v))

    if a["type"] == "part_resultat":
        return nombre(a.get("taux")) != nombre(b.get("taux")) or int(a.get("seuil_centimes") or 0) != \
            int(b.get("seuil_centimes") or 0) or bool(b.get("tranches"))
    if a["type"] == "paliers_croissance":
        return [(nombre(x["croissance_min"]), nombre(x["taux_masse_salariale"])) for x in a["paliers"]] != \
            [(nombre(x["croissance_min"]), nombre(x["taux_masse_salariale"])) for x in b.get("paliers", [])]
    return False


def _formule_d_activite(d: dict[str, Any]) -> bool:
    """La formule contient une part qui ne reflète que l'activité (pourcentage de la masse salariale, part du
    chiffre d'affaires) : ses déclencheurs décident alors de FORMULE_ACTIVITE et FORMULE_ALEATOIRE."""
    natures = {i.get("code"): i.get("nature") for i in d.get("indicateurs") or []}
    for c in (d.get("formule") or {}).get("composantes") or []:
        if c.get("type") in ("pourcentage_masse_salariale", "montant_fixe"):
            return True
        if c.get("type") == "part_resultat" and natures.get(c.get("indicateur")) in ("chiffre_affaires",
                                                                                      "masse_salariale"):
            return True
    return False


def _tous_chemins(d: Any, prefixe: str = "") -> set[str]:
    sortie: set[str] = set()
    if isinstance(d, dict):
        for k, v in d.items():
            chemin = f"{prefixe}.{k}" if prefixe else k
            sortie.add(chemin)
            sortie |= _tous_chemins(v, chemin)
    return sortie


def _connu(chemin: str, connus: set[str]) -> bool:
    """Un chemin de constat (« repartition.part_salaire », « formule.composantes[0].taux ») est connu s'il l'est,
    lui ou un champ qui le contient."""
    chemin = re.sub(r"\[\d+\]", "", chemin)
    morceaux = chemin.split(".")
    return any(".".join(morceaux[:i]) in connus for i in range(len(morceaux), 0, -1))


# ------------------------------------------------------------------------------------- le rapport


def point_a_verifier(rid: str, message: str, a_chercher: str, chemin: list[str] | None = None,
                     severite: str | None = None) -> Any:
    """Un point « à vérifier » du validateur (``validators.PointAVerifier``) pour la règle ``rid`` : ce qui n'est
    pas établi sur le texte lu, et ce qu'il faut y chercher. ``severite`` : celle du constat si le fait se révélait
    contraire (par défaut celle de la règle)."""
    from validators.registre import REGISTRE
    from validators.resultats import ACCORD, PointAVerifier

    r = REGISTRE.get(rid)
    return PointAVerifier(id=rid, severite=severite or (r.severite if r else "AVERTISSEMENT"),
                          portee=r.portee if r else ACCORD, message=message, a_chercher=a_chercher,
                          titre=r.titre if r else "", references=list(r.references) if r else [],
                          chemin=list(chemin or []))


def _point_manquants(rid: str, manquants: list[str]) -> Any:
    quoi = "; ".join(dict.fromkeys(A_CHERCHER.get(m, m) for m in manquants))
    return point_a_verifier(rid, "Faits non lus dans le texte : la règle n'a pas pu être appliquée.", quoi,
                            manquants)


@dataclass
class RapportLecture(Rapport):
    """Le rapport du validateur sur un texte lu : constats (avec la phrase citée), règles à vérifier, clauses
    obligatoires, écarts entre le texte et les données embarquées."""

    faits: Faits | None = None
    clauses: list[ClauseLue] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    citations: dict[int, list[Citation]] = field(default_factory=dict)
    anomalies: list[Any] = field(default_factory=list)
    hypotheses: list[str] = field(default_factory=list)
    document: Any = None
    annexe: str | None = None  # note_information, liste_depot, fiche_individuelle : pas un accord

    @property
    def statut(self) -> str:
        """Sur un texte lu, un point à vérifier, quelle que soit sa gravité, interdit « conforme » : la règle
        n'a pas été appliquée au texte. Une annexe (note d'information, liste de dépôt, fiche individuelle) n'est
        pas un accord : statut « annexe », ni conforme ni contrôlée."""
        if self.annexe:
            return ANNEXE
        statut = super().statut
        if statut == "conforme" and self.a_verifier:
            return "à vérifier"
        return statut

    def en_texte(self, *, details: bool = True) -> str:
        if self.annexe:
            lignes = [f"Document : {ANNEXES[self.annexe]}"]
            if self.source:
                lignes.append(f"Fichier : {self.source}")
            lignes.append(f"Statut : ANNEXE — {_phrase_annexe(self.annexe)}")
            return "\n".join(lignes)
        texte = super().en_texte(details=details)
        ajouts = []
        for c in self.constats:
            cites = self.citations_de(c)
            if cites:
                ajouts.append(f"  {c.id} — texte : " + " ; ".join(_citation_texte(x) for x in cites[:2]))
        if ajouts:
            texte += "\n\nPhrases sur lesquelles reposent les constats :\n" + "\n".join(ajouts)
        if self.hypotheses:
            texte += "\n\nHypothèses : " + " ; ".join(self.hypotheses)
        if self.differences:
            texte += "\n\nÉcarts entre le texte et les données embarquées (le texte fait foi) :\n" + "\n".join(
                f"  - {x.en_texte()}" for x in self.differences)
        return texte

    def citations_de(self, constat: Any) -> list[Citation]:
        return self.citations.get(id(constat), [])

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        for c, cd in zip(self.constats, d["constats"], strict=True):
            cd["citations"] = [x.to_dict() for x in self.citations_de(c)]
        d["clauses"] = [c.to_dict() for c in self.clauses]
        d["differences_texte_donnees"] = [x.to_dict() for x in self.differences]
        d["anomalies"] = [_anomalie_dict(a) for a in self.anomalies]
        d["hypotheses"] = list(self.hypotheses)
        d["faits"] = self.faits.to_dict()["faits"] if self.faits is not None else []
        if self.annexe:
            d["annexe"] = {"type": self.annexe, "libelle": ANNEXES[self.annexe], "message": _phrase_annexe(self.annexe)}
        return d

    def __getstate__(self) -> dict[str, Any]:
        # Les citations sont rangées par identité des constats : rangées par position pour passer d'un processus
        # à l'autre (lots sur plusieurs cœurs), retrouvées à l'arrivée.
        etat = dict(self.__dict__)
        etat["citations"] = [self.citations.get(id(c), []) for c in self.constats]
        return etat

    def __setstate__(self, etat: dict[str, Any]) -> None:
        citations = etat.pop("citations", [])
        self.__dict__.update(etat)
        if isinstance(citations, list):
            self.citations = {id(c): x for c, x in zip(self.constats, citations, strict=False)}
        else:
            self.citations = {}


#: Le statut d'un document reconnu comme une annexe (jamais « conforme » : il n'a pas été contrôlé).
ANNEXE = "annexe"


def _phrase_annexe(code: str) -> str:
    return (f"ce document est une {ANNEXES[code]}, qui accompagne un accord sans en être un : il n'est pas contrôlé "
            "comme un accord. Contrôlez l'accord lui-même (son texte signé).")


def _rapport_classe() -> Any:
    return RapportLecture


def _citation_texte(c: Citation) -> str:
    ou = ", ".join(x for x in (c.article, f"page {c.page}" if c.page else None) if x)
    texte = c.texte if len(c.texte) <= 300 else c.texte[:297] + "…"
    return f"« {texte} »" + (f" ({ou})" if ou else "")


def _anomalie_dict(a: Any) -> dict[str, Any]:
    if isinstance(a, dict):
        return a
    return {"code": getattr(a, "code", ""), "message": getattr(a, "message", str(a)), "page": getattr(a, "page", None)}


def _nouveau_rapport(**kw: Any) -> RapportLecture:
    return RapportLecture(**kw)


def _cles_de(chemin: str) -> list[str]:
    """Les faits qui renseignent un chemin de constat."""
    chemin = re.sub(r"\[\d+\]", "", chemin)
    if chemin in _PARTS or chemin == "repartition":
        return ["repartition.parts"]
    if chemin.startswith("beneficiaires.anciennete"):
        return ["beneficiaires.anciennete.mois", "beneficiaires.anciennete.calcul"]
    if chemin.startswith("repartition.salaire_pl"):
        return ["repartition.salaire_plancher_plafond"]
    if chemin.startswith("versement.avances"):
        return ["versement.avances"]
    return [chemin]


def _citations_pour(chemins: list[str], faits: Faits) -> list[Citation]:
    sortie: list[Citation] = []
    for ch in chemins:
        for cle in _cles_de(ch):
            f = faits.get(cle)
            if f is not None:
                for c in f.citations[:2]:
                    if all(c.texte != x.texte for x in sortie):
                        sortie.append(c)
    return sortie


def controler(source: Any, *, date_reference: date | None = None, donnees: Accord | dict[str, Any] | None = None,
              nom: str | None = None, document: Any = None) -> Any:
    """Contrôle un accord lu : un ``DocumentLu`` (ou ce qu'accepte ``extraire_faits``) ou des ``Faits`` déjà
    lus (corrigés par le vérificateur).

    ``donnees`` : les données d'un document produit par ce projet (embarquées ou lues dans le QR code) ; par
    défaut celles que porte le document lu. ``date_reference`` : la date à laquelle on se place pour dire ce que
    la loi n'admet plus (par défaut, la date de conclusion lue)."""
    from validators import moteur
    from validators.registre import REGISTRE
    from validators.resultats import (
        AVERTISSEMENT,
        BLOQUANT,
        ERREUR_INTERNE,
        HORS_PERIODE,
        INFORMATION,
        Constat,
    )

    doc = None
    if isinstance(source, Faits):
        faits = source
    else:
        doc = source
        faits = extraire_faits(source)
    anomalies = list(getattr(doc, "anomalies", None) or [])
    if donnees is None and doc is not None:
        donnees = _donnees_du_document(doc)
    base = donnees.model_dump(mode="json") if isinstance(donnees, Accord) else donnees
    ref_hypothese = date_reference if base is None else None
    d, connus = accord_de_travail(faits, base, ref_hypothese)
    rapport = _nouveau_rapport(faits=faits, anomalies=anomalies, document=doc)
    rapport.source = nom or getattr(doc, "nom", None) or faits.nom or None
    lecteur = lecteur_de(doc) if doc is not None else None
    nature = faits.valeur("texte.nature")
    if nature in ANNEXES:
        # Une note d'information, une liste de dépôt, une fiche individuelle : pas un accord, pas contrôlé comme tel.
        rapport.annexe = nature
        rapport.clauses = []
        return rapport
    if nature == "pas_interessement":
        rapport.a_verifier.append(point_a_verifier(
            "CLAUSES_OBLIGATOIRES", "Ce document n'est pas un texte d'intéressement (le mot n'y figure presque pas) : "
            "aucune règle ne lui a été appliquée.", "un accord, une décision unilatérale ou un avenant "
            "d'intéressement", severite=BLOQUANT))
        return rapport
    try:
        accord = Accord.model_validate(d)
    except Exception as exc:  # noqa: BLE001 - données embarquées d'une autre version, faits incohérents…
        if base is not None:
            # Données embarquées que ce format ne lit plus (document d'une version antérieure) : le texte seul.
            rapport.hypotheses.append(
                f"données embarquées illisibles par cette version ({type(exc).__name__}) : seuls les faits lus dans "
                "le texte sont contrôlés")
            base = None
            ref_hypothese = date_reference
            d, connus = accord_de_travail(faits, None, ref_hypothese)
        try:
            accord = Accord.model_validate(d)
        except Exception as exc2:  # noqa: BLE001 - des faits incohérents (clôture avant l'effet…) : rien n'est tu
            rapport.a_verifier.append(point_a_verifier(
                "CLAUSES_OBLIGATOIRES", f"Faits lus incohérents entre eux ({type(exc2).__name__}) : aucune règle n'a "
                "pu être appliquée sur eux.", "les dates, la durée et la période de calcul du texte",
                severite=BLOQUANT))
            accord = Accord.model_validate(_BASE | {"periode": _BASE["periode"]})
            connus = set()
    ref = date_reference or (accord.mise_en_place.date_conclusion if "mise_en_place.date_conclusion" in connus
                             else None)
    ids = {i for i in BESOINS if i in REGISTRE}
    # Sans date d'effet lue, les périodes de calcul ne sont pas connues : les règles qui ne dépendent de la date que
    # pour le choix de la loi l'appliquent à une seule période, ouverte à la date de référence (jamais à des périodes
    # futures inventées à partir de la durée lue).
    date_effet_fictive = base is None and "periode.date_effet" not in connus
    if document is not None:
        ids.add("INTEGRITE_DOCUMENT")
        connus.add("document")
    brut = moteur.valider(accord, ref or moteur.date_reference_par_defaut(accord), document=document,
                          simulation=False, ids=ids, texte_lu=True)
    if date_effet_fictive and accord.periode.duree_annees > 1:
        une_periode = accord.model_copy(update={"periode": accord.periode.model_copy(update={"duree_annees": 1})})
        seuls = {i for i in _PERIODES_DE_LA_LOI if i in ids}
        autre = moteur.valider(une_periode, ref or moteur.date_reference_par_defaut(accord), simulation=False,
                               ids=seuls, texte_lu=True)
        brut.constats = [c for c in brut.constats if c.id not in seuls] + autre.constats
        brut.a_verifier = [p for p in brut.a_verifier if p.id not in seuls] + autre.a_verifier
        brut.regles_non_applicables = [r for r in brut.regles_non_applicables if r.id not in seuls] + \
            autre.regles_non_applicables
        brut.regles_en_erreur = [r for r in brut.regles_en_erreur if r.id not in seuls] + autre.regles_en_erreur
    rapport.date_reference = ref
    rapport.accord_identifiant = accord.identifiant if base is not None else None
    rapport.entreprise = accord.entreprise.raison_sociale if base is not None else None
    rapport.regles_verifiees = list(brut.regles_verifiees)
    hypotheses = {"mise_en_place.date_conclusion", "periode.date_effet"} - connus if ref_hypothese else set()
    if hypotheses:
        rapport.hypotheses.append(
            f"dates non lues ({', '.join(A_CHERCHER[h].split(' (')[0] for h in sorted(hypotheses))}) : le droit en "
            f"vigueur le {_date_fr(ref_hypothese)} est appliqué aux règles qui ne dépendent de la date que pour le "
            "choix de la loi")

    activite = _formule_d_activite(d)

    def besoins_manquants(rid: str) -> list[str]:
        admis = connus | (hypotheses if rid in _DATE_DE_LA_LOI else set())
        besoins = BESOINS.get(rid, ())
        if activite and rid in ("FORMULE_ACTIVITE", "FORMULE_ALEATOIRE"):
            besoins = (*besoins, "formule.declencheurs")
        return [b for b in besoins if not _connu(b, admis)]

    avec_constat: set[str] = set()
    non_etablis: dict[str, list[Any]] = {}
    for c in brut.constats:
        admis = connus | (hypotheses if c.id in _DATE_DE_LA_LOI else set())
        if c.id == "INTEGRITE_DOCUMENT" and document is not None and _integrite_non_etablie(document):
            continue  # dit plus bas : l'intégrité ne peut pas être établie (ce n'est pas une modification prouvée)
        if c.chemin and all(_connu(ch, admis) for ch in c.chemin) and not besoins_manquants(c.id):
            if c.parametres and c.id in _DATE_DE_LA_LOI and "periode.date_effet" in hypotheses:
                debut = "début de la période de calcul de l'accord"
                if debut in c.message:
                    c.message = c.message.replace(debut, "date de référence du contrôle, la date d'effet de l'accord "
                                                         "n'ayant pas été lue")
                else:
                    c.message += (f" La date d'effet de l'accord n'a pas été lue : c'est le droit en vigueur le "
                                  f"{_date_fr(ref_hypothese)}, date de référence du contrôle, qui est appliqué.")
            rapport.constats.append(c)
            rapport.citations[id(c)] = _citations_pour(c.chemin, faits)
            avec_constat.add(c.id)
        elif not besoins_manquants(c.id):
            # Un constat qui repose sur un fait non lu (une valeur de remplissage) ne dit rien du texte : la règle
            # n'est pas satisfaite pour autant.
            non_etablis.setdefault(c.id, []).append(c)
    points_du_moteur: dict[str, list[Any]] = {}
    for pt in brut.a_verifier:
        points_du_moteur.setdefault(pt.id, []).append(pt)
    ecartees = {r.id: r for r in brut.regles_non_applicables}
    en_erreur = {r.id: r for r in brut.regles_en_erreur}
    for rid in rapport.regles_verifiees:
        if rid in ("CLAUSES_OBLIGATOIRES", "INTEGRITE_DOCUMENT"):
            continue
        manquants = besoins_manquants(rid)
        if rid in en_erreur and en_erreur[rid].nature in (HORS_PERIODE, ERREUR_INTERNE) and not manquants:
            rapport.regles_en_erreur.append(en_erreur[rid])
            continue
        if manquants:
            rapport.a_verifier.append(_point_manquants(rid, manquants))
            continue
        if rid == "DENONCIATION_REVISION" and base is None:
            # Sur un texte écrit ailleurs, la clause ne se juge que sur le texte lu (la règle, sur des données,
            # s'appuie sur la bibliothèque des clauses qui aurait écrit le texte).
            if not _denonciation_dans_les_formes(lecteur):
                rapport.a_verifier.append(point_a_verifier(
                    rid, "La clause de révision et de dénonciation lue ne dit pas dans quelle forme l'accord est "
                    "révisé ou dénoncé (celle de sa conclusion, par ses signataires) ni son dépôt.",
                    REGISTRE[rid].a_chercher, ["texte.denonciation"]))
            continue
        for c in non_etablis.get(rid, []):
            rapport.a_verifier.append(point_a_verifier(
                rid, f"Non établi (fait non lu dans le texte) : {c.message}", REGISTRE[rid].a_chercher
                or "; ".join(A_CHERCHER.get(ch, ch) for ch in c.chemin), c.chemin, severite=c.severite))
        rapport.a_verifier.extend(points_du_moteur.get(rid, []))
        if rid in avec_constat or rid in non_etablis or rid in points_du_moteur:
            continue
        if rid in ecartees:
            rapport.regles_non_applicables.append(ecartees[rid])

    # Une ancienneté lue dont la façon de compter ne l'est pas : à vérifier (tous les contrats de la période et
    # des douze mois qui la précèdent, L3342-1).
    mois_anc = faits.valeur("beneficiaires.anciennete.mois")
    if mois_anc and "beneficiaires.anciennete.calcul" not in connus and "ANCIENNETE" not in rapport.ids(BLOQUANT) \
            and not any(a.id == "ANCIENNETE" for a in rapport.a_verifier):
        rapport.a_verifier.append(_point_manquants("ANCIENNETE", ["beneficiaires.anciennete.calcul"]))

    # Les formulations que la loi n'admet plus, lues dans le texte.
    def constat(rid: str, severite: str, message: str, chemin: list[str], cles: list[str], *, observe: Any = None,
                attendu: Any = None, suggestion: str = "", parametres_: list[tuple[str, date]] = ()) -> None:
        r = REGISTRE.get(rid)
        utilises = []
        for nom_p, d_p in parametres_:
            try:
                utilises.append(parametres.utilise(nom_p, d_p))
            except parametres.HorsPeriodeModelisee:
                pass
        c = Constat(id=rid, severite=severite, portee="accord", message=message, titre=r.titre if r else "",
                    references=list(r.references) if r else [], chemin=chemin, observe=observe, attendu=attendu,
                    parametres=utilises, suggestion=suggestion)
        rapport.constats.append(c)
        rapport.citations[id(c)] = _citations_pour(cles, faits)

    jour = ref
    plafond = faits.get("texte.plafond_individuel_pass")
    if plafond is not None and plafond.connu and jour is not None:
        try:
            legal = Fraction(parametres.value_at("plafond_individuel_taux_pass", jour))
        except parametres.HorsPeriodeModelisee:
            legal = None
        if legal is not None and plafond.valeur != legal:
            constat("PLAFOND_INDIVIDUEL", AVERTISSEMENT,
                    f"Le texte fixe le plafond individuel {_a_fraction(plafond.valeur)} du plafond annuel de la "
                    f"sécurité sociale ; la loi en vigueur le {_date_fr(jour)} le fixe {_a_fraction(legal)} "
                    "(C. trav. L3314-8).",
                    ["texte.plafond_individuel_pass"], ["texte.plafond_individuel_pass"],
                    observe=_simple(plafond.valeur), attendu=_simple(legal),
                    suggestion=f"Écrivez le plafond légal ({_fraction_fr(legal)} du PASS de l'exercice) par avenant.",
                    parametres_=[("plafond_individuel_taux_pass", jour)])
    renvois = faits.valeur("texte.absences_renvoi") or []
    if "L3324-6" in renvois:
        constat("ASSIMILATIONS_PRESENCE", AVERTISSEMENT,
                "Le texte fonde les absences assimilées à de la présence sur l'article L3324-6, qui est celui de la "
                "participation ; pour l'intéressement, c'est l'article L3314-5, dont la liste est plus large "
                "(paternité et accueil de l'enfant, deuil, quarantaine).",
                ["texte.absences_renvoi"], ["texte.absences_renvoi"], observe="L3324-6", attendu="L3314-5",
                suggestion="Citez l'article L3314-5 et reprenez sa liste des absences assimilées.")
    quarantaine = faits.get("texte.quarantaine_reference")
    if quarantaine is not None and quarantaine.connu and jour is not None:
        try:
            ref_loi = parametres.reference_at("absences_assimilees_presence", jour)
        except parametres.HorsPeriodeModelisee:
            ref_loi = None
        if ref_loi is not None and "L3131-1 du code de la santé publique" in " ".join(ref_loi.titre.split()):
            constat("ASSIMILATIONS_PRESENCE", INFORMATION,
                    "Le texte définit la quarantaine par renvoi à l'article L3131-15 du code de la santé publique ; "
                    "l'article L3314-5 en vigueur la définit « au sens du 2° du I de l'article L. 3131-1 du code de "
                    "la santé publique » : la période reste assimilée à de la présence, la référence est à mettre "
                    "à jour.",
                    ["texte.quarantaine_reference"], ["texte.quarantaine_reference"], observe="L3131-15 CSP",
                    attendu="L3131-1 CSP (2° du I)",
                    suggestion="Citez « la mise en quarantaine au sens du 2° du I de l'article L. 3131-1 du code de "
                               "la santé publique » (C. trav. L3314-5).",
                    parametres_=[("absences_assimilees_presence", jour)])
    if faits.valeur("texte.duree_legale_trois_ans"):
        constat("DUREE", INFORMATION,
                "Le texte présente la durée de trois ans comme imposée par la loi ; elle est comprise entre un et "
                "cinq ans depuis la loi du 16 août 2022 (C. trav. L3312-5).",
                ["texte.duree_legale_trois_ans"], ["texte.duree_legale_trois_ans"],
                suggestion="Choisissez la durée (un à cinq ans) sans la présenter comme obligatoire.")
    if faits.valeur("periode.duree_annees") == "indeterminee" and nature not in ("accord_branche", "avenant"):
        constat("DUREE", BLOQUANT,
                "Le texte est conclu pour une durée indéterminée : un accord d'intéressement est conclu pour une "
                "durée d'un à cinq ans (C. trav. L3312-5).",
                ["periode.duree_annees"], ["periode.duree_annees"], observe="indéterminée", attendu="1 à 5 ans",
                suggestion="Fixez la durée de l'accord (un à cinq ans).")

    rapport.clauses = liste_clauses(faits, lecteur)
    absentes = [cl for cl in rapport.clauses if cl.statut == ABSENTE and cl.regle == "CLAUSES_OBLIGATOIRES"]
    if nature == "avenant" and absentes:
        # Un avenant ne modifie que certaines clauses : les autres sont dans le texte qu'il modifie.
        rapport.a_verifier.append(point_a_verifier(
            "CLAUSES_OBLIGATOIRES", "Avenant : les clauses qu'il ne contient pas ("
            + ", ".join(cl.titre.lower() for cl in absentes) + ") sont à vérifier dans le texte qu'il modifie.",
            "ces clauses dans l'accord que l'avenant modifie", severite=BLOQUANT))
        absentes = []
    for cl in absentes:
        grave = cl.id in ("calcul", "repartition")  # sans formule ni répartition, pas d'intéressement
        constat("CLAUSES_OBLIGATOIRES", BLOQUANT if grave else AVERTISSEMENT,
                f"Clause obligatoire non trouvée dans le texte : {cl.titre.lower()}.", [f"clauses.{cl.id}"], [],
                suggestion=f"Vérifiez la clause ({cl.titre.lower()}) et ajoutez-la si elle manque (C. trav. "
                           "L3313-2).")
    if any(c.statut == INCOMPLETE for c in rapport.clauses) and base is None:
        incompletes = [c.titre.lower() for c in rapport.clauses if c.statut == INCOMPLETE]
        rapport.a_verifier.append(point_a_verifier(
            "CLAUSES_OBLIGATOIRES", "Clauses présentes mais dont le contenu n'a pas pu être lu : "
            + ", ".join(incompletes) + ".", "le contenu de ces clauses dans le texte", severite=BLOQUANT))

    # Un document produit ici : le texte lu fait foi, chaque écart avec les données est listé.
    if base is not None:
        rapport.differences = comparer(faits, base)
        if rapport.differences:
            constat("INTEGRITE_DOCUMENT", AVERTISSEMENT,
                    "Le texte du document diffère des données embarquées : "
                    + " ; ".join(x.en_texte() for x in rapport.differences)
                    + ". Le texte signé fait foi : les règles sont appliquées aux faits lus dans le texte.",
                    ["document"], [x.cle for x in rapport.differences],
                    suggestion="Faites contrôler le texte modifié ou régénérez le document à partir de ses données.")
            rapport.a_verifier.append(point_a_verifier(
                "INTEGRITE_DOCUMENT", f"{len(rapport.differences)} écart(s) entre le texte et les données embarquées : "
                "les règles ont été appliquées aux faits du texte, qui fait foi.",
                "chaque écart listé, dans le texte signé", ["document"], severite=BLOQUANT))
    if document is not None and _integrite_non_etablie(document):
        rapport.a_verifier.append(point_a_verifier(
            "INTEGRITE_DOCUMENT", "L'intégrité du document ne peut pas être établie ("
            + " ; ".join(getattr(document, "details", None) or ["document d'une autre version"])
            + ") : rien ne prouve qu'il a été modifié, rien ne prouve qu'il ne l'a pas été. Les règles ont été "
            "appliquées aux faits lus dans le texte, qui fait foi.",
            "le texte signé, clause par clause (faits lus ci-dessus), ou un document régénéré par cette version à "
            "partir des données", ["document"], severite=BLOQUANT))
    elif document is not None and not getattr(document, "intact", True) \
            and not any(p.id == "INTEGRITE_DOCUMENT" for p in rapport.a_verifier):
        rapport.a_verifier.append(point_a_verifier(
            "INTEGRITE_DOCUMENT", "Document modifié après sa génération : les règles ont été appliquées aux faits "
            "lus dans le texte, qui fait foi.", "dans le texte signé, chaque passage modifié", ["document"],
            severite=BLOQUANT))
    if anomalies:
        constat("INTEGRITE_DOCUMENT", AVERTISSEMENT,
                "Le document contient du texte invisible ou des éléments étrangers : "
                + " ; ".join(_anomalie_dict(a)["message"] for a in anomalies) + ".", ["document"], [],
                suggestion="Faites lire le document tel qu'il s'affiche et retirez les éléments cachés.")
        if base is not None:
            rapport.a_verifier.append(point_a_verifier(
                "INTEGRITE_DOCUMENT", "Le document contient du texte caché ou des éléments étrangers : il ne peut "
                "pas être tenu pour celui que le générateur a produit.", "le texte tel qu'il s'affiche, et les "
                "éléments cachés signalés", ["document"], severite=BLOQUANT))
    rapport.trier()
    return rapport


def _integrite_non_etablie(doc: Any) -> bool:
    """Un document produit par ce projet dont on ne peut ni prouver qu'il a été modifié ni qu'il est intact :
    document d'une version antérieure (empreinte d'un autre schéma ou absente, pas d'empreinte du texte, données
    que cette version ne lit plus ou ne sait plus rédiger). Un texte dont l'empreinte ne correspond plus, ou des
    données dont l'empreinte SHA-256 ne correspond plus, sont des modifications prouvées."""
    if getattr(doc, "intact", True):
        return False
    td, tc = getattr(doc, "empreinte_texte_declaree", None), getattr(doc, "empreinte_texte_calculee", None)
    if td is not None and td != tc:
        return False
    ed, ec = getattr(doc, "empreinte_declaree", None), getattr(doc, "empreinte_calculee", None)
    sha256 = ed is not None and re.fullmatch(r"[0-9a-f]{64}", ed) is not None
    if sha256 and ed != ec:
        return False
    details = " ".join(getattr(doc, "details", None) or [])
    if not getattr(doc, "rendu_possible", True) or "données embarquées illisibles" in details \
            or "changement de modèle" in details:
        return True
    return not sha256


_RE_DENONCIATION = re.compile(r"dénonc|révis")
_RE_FORMES = re.compile(r"même forme|mêmes formes|formes? (?:prévues?|requises?)|ensemble des (?:parties )?signataires|"
                        r"parties signataires|dans les conditions (?:prévues|fixées|définies)")
_RE_DEPOT = re.compile(r"dépôt|déposée?s?|d\.? ?3313-[567]|d\.? ?3345")


def _denonciation_dans_les_formes(lecteur: Lecteur | None) -> bool:
    """La clause de révision et de dénonciation dit dans quelle forme (celle de la conclusion, par les
    signataires) et qu'elle est déposée : ce que DENONCIATION_REVISION demande de lire dans le texte."""
    if lecteur is None:
        return False
    ps = [p for p in lecteur.passages if _RE_DENONCIATION.search(p.norm) or _RE_DENONCIATION.search(p.contexte)]
    texte = " ".join(p.norm for p in ps)
    return bool(_RE_FORMES.search(texte) and _RE_DEPOT.search(texte))


def controle_du_docx(doc: Any, source: Any, nom: str | None = None) -> Any:
    """Pour un .docx produit par ce projet (données embarquées), le contrôle de son intégrité
    (``interessement.documents.controler_document``) ; ``None`` pour tout autre document, ou si ce contrôle n'est
    pas possible (l'intégrité est alors jugée sur le texte seul)."""
    if getattr(doc, "donnees_embarquees", None) is None or getattr(doc, "format", None) != "docx":
        return None
    try:
        from interessement.documents import controler_document

        controle = controler_document(source)
    except Exception:  # noqa: BLE001 - module absent, archive refusée : l'intégrité se juge sur le texte seul
        return None
    if nom:
        controle.chemin = nom
    return controle


def controler_texte(doc: Any, source: Any, date_reference: date | None = None, nom: str | None = None) -> Any:
    """Le contrôle d'un document lu (``lire_document``), tel que ``interessement lire``, ``interessement valider``
    et la page « Vérifier des accords » le font : l'intégrité d'un .docx produit ici (``source`` : son chemin ou
    ses octets), et, pour un texte écrit ailleurs, la loi du jour du contrôle pour ce qu'elle n'admet plus."""
    import os

    if nom is None:
        nom = str(source) if isinstance(source, str | os.PathLike) else getattr(doc, "nom", None)
    controle = controle_du_docx(doc, source, nom)
    if date_reference is None and getattr(doc, "donnees_embarquees", None) is None:
        date_reference = date.today()
    return controler(doc, date_reference=date_reference, nom=nom, document=controle)


def _date_fr(d: date) -> str:
    from interessement.format import date_longue

    return date_longue(d)


def _a_fraction(f: Fraction) -> str:
    """« à la moitié », « aux trois quarts », « à 60 % »."""
    texte = _fraction_fr(f)
    return "aux " + texte[4:] if texte.startswith("les ") else "à " + texte


def _fraction_fr(f: Fraction) -> str:
    return {Fraction(1, 2): "la moitié", Fraction(3, 4): "les trois quarts",
            Fraction(1, 1): "la totalité"}.get(f, f"{float(f) * 100:g} %")


def _donnees_du_document(doc: Any) -> dict[str, Any] | None:
    """Les données d'un document produit par ce projet : partie XML embarquée, sinon QR code."""
    for source in (getattr(doc, "donnees_embarquees", None), (getattr(doc, "qr", None) or {}).get("donnees")):
        if isinstance(source, Accord):
            return source.model_dump(mode="json")
        if isinstance(source, dict) and "entreprise" in source:
            return source
        if isinstance(source, str | bytes):
            import json

            try:
                v = json.loads(source)
            except ValueError:
                continue
            if isinstance(v, dict) and "entreprise" in v:
                return v
    return None


# ------------------------------------------------------------------------------------- texte ↔ données

_COMPARABLES = {
    "mise_en_place.date_conclusion": lambda v: v.isoformat() if isinstance(v, date) else v,
    "periode.date_effet": lambda v: v.isoformat() if isinstance(v, date) else v,
    "periode.duree_annees": None,
    "periode.periode_calcul_mois": None,
    "periode.reconduction_tacite": None,
    "beneficiaires.anciennete.mois": None,
    "beneficiaires.dirigeants_inclus": None,
    "repartition.redistribution_excedent": None,
    "versement.delai_versement_mois": None,
}


def comparer(faits: Faits, donnees: dict[str, Any] | Accord) -> list[Difference]:
    """Les écarts, fait par fait (donc clause par clause), entre le texte lu et les données d'un document."""
    d = donnees.model_dump(mode="json") if isinstance(donnees, Accord) else donnees
    sortie: list[Difference] = []
    for cle, conv in _COMPARABLES.items():
        f = faits.get(cle)
        if f is None or f.statut != TROUVE:
            continue
        attendu = _lire(d, cle)
        if cle == "beneficiaires.anciennete.mois":
            anc = _lire(d, "beneficiaires.anciennete")
            attendu = anc.get("mois", 0) if isinstance(anc, dict) else 0
        lu = conv(f.valeur) if conv else f.valeur
        if lu != attendu and not (attendu is None and lu in (False, 0)):
            sortie.append(Difference(cle, f.libelle, f.valeur, attendu, f.citation))
    parts = faits.get("repartition.parts")
    if parts is not None and parts.statut == TROUVE:
        rep = d.get("repartition", {})
        donnees_parts = {k: Decimal(str(rep.get(f"part_{k}", 0))) for k in ("uniforme", "presence", "salaire")}
        if any(Decimal(str(parts.valeur.get(k, 0))) != donnees_parts[k] for k in donnees_parts):
            sortie.append(Difference("repartition.parts", parts.libelle, parts.valeur, donnees_parts, parts.citation))
    comp = faits.get("formule.composantes")
    if comp is not None and comp.statut == TROUVE and _formule_differente(comp.valeur, d):
        sortie.append(Difference("formule.composantes", comp.libelle, comp.valeur,
                                 (d.get("formule") or {}).get("composantes"), comp.citation))
    elif comp is not None and comp.statut == AMBIGU and any(_formule_differente([o], d) for o in comp.options):
        # Deux formules dans le texte (« égal à 2 % » dans la phrase, « I = 20 % × … » dans la formule écrite) :
        # au moins l'une n'est pas celle des données.
        autre = next(o for o in comp.options if _formule_differente([o], d))
        sortie.append(Difference("formule.composantes", comp.libelle, [autre],
                                 (d.get("formule") or {}).get("composantes"), comp.citation))
    absences = faits.get("repartition.absences_assimilees")
    if absences is not None and absences.statut == TROUVE:
        dans = set(_lire(d, "repartition.absences_assimilees") or [])
        if set(absences.valeur) & set(CODES_ABSENCES) != dans & set(CODES_ABSENCES):
            sortie.append(Difference("repartition.absences_assimilees", absences.libelle, sorted(absences.valeur),
                                     sorted(dans), absences.citation))
    return sortie


# --------------------------------------------------------------------------------- clauses obligatoires

@dataclass(frozen=True)
class _Clause:
    id: str
    titre: str
    reperes: tuple[str, ...]
    faits: tuple[str, ...] = ()
    regle: str = "CLAUSES_OBLIGATOIRES"


# Repli tant que la bibliothèque des clauses (``interessement.clauses.bibliotheque()``) n'est pas disponible :
# les clauses que L3313-2 rend obligatoires, et leurs repères dans un texte quelconque.
_CLAUSES_LOI = (
    _Clause("preambule", "Préambule : motifs de l'accord et raisons du choix de la formule et de la répartition",
            (r"préambule", r"\bmotifs?\b", r"raisons? du choix"), ("information.preambule",)),
    _Clause("periode", "Période pour laquelle l'accord est conclu", (r"\bdurée\b", r"exercices?"),
            ("periode.duree_annees",)),
    _Clause("champ", "Établissements concernés (champ d'application)",
            (r"champ d'application", r"établissements?", r"s'applique à l'ensemble")),
    _Clause("calcul", "Modalités de calcul de l'intéressement",
            (r"calcul de l'intéressement", r"formule", r"intéressement global", r"prime globale",
             r"masse (?:globale|d'intéressement)", r"enveloppe"), ("texte.formule.famille",)),
    _Clause("repartition", "Critères et modalités de répartition",
            (r"répartition", r"répartie?s?"), ("repartition.parts",)),
    _Clause("versement", "Dates de versement", (r"versement", r"versée?s?"), ("versement.delai_versement_mois",)),
    _Clause("suivi", "Information et suivi par le CSE ou une commission",
            (r"suivi", r"comité social et économique", r"commission"), ("information.suivi_par",)),
    _Clause("information_salaries", "Information des salariés",
            (r"information (?:individuelle|collective|du personnel|des salariés)", r"fiche distincte",
             r"note d'information", r"portée? à la connaissance")),
    _Clause("litiges", "Procédure de règlement des différends", (r"différends?", r"litiges?"),
            ("information.reglement_litiges",)),
    _Clause("denonciation", "Révision et dénonciation", (r"dénonc", r"révision"), ("texte.denonciation",),
            regle="DENONCIATION_REVISION"),
)


#: Les clauses de la bibliothèque → les faits qui en disent le contenu (clause « incomplète » quand elle est
#: présente mais que ses faits n'ont pas pu être lus).
_FAITS_DES_CLAUSES = {
    "preambule": ("information.preambule",), "duree_periodes": ("periode.duree_annees",),
    "beneficiaires": ("beneficiaires.anciennete.mois",), "calcul": ("texte.formule.famille",),
    "repartition": ("repartition.parts",), "plafond_individuel": ("texte.plafond_individuel_pass",),
    "versement": ("versement.delai_versement_mois",), "information_suivi": ("information.suivi_par",),
    "differends": ("information.reglement_litiges",), "revision_denonciation": ("texte.denonciation",),
}


def _clauses_de_la_bibliotheque() -> list[_Clause] | None:
    """Les clauses obligatoires de l'accord dans la bibliothèque des clauses (celles qui valent pour tout accord,
    sans condition de mode ou d'option), avec leurs repères."""
    try:
        from interessement.clauses import bibliotheque
    except ImportError:
        return None
    try:
        sortie = []
        for c in bibliotheque("accord"):
            cond = getattr(c, "condition", None)
            conditionnelle = cond is not None and (getattr(cond, "modes", ()) or getattr(cond, "options", ())
                                                   or getattr(cond, "si", None))
            if not getattr(c, "obligatoire", False) or not getattr(c, "reperes", None) or conditionnelle:
                continue
            sortie.append(_Clause(c.id, c.titre, tuple(c.reperes), _FAITS_DES_CLAUSES.get(c.id, ()),
                                  getattr(c, "regle", None) or "CLAUSES_OBLIGATOIRES"))
        return sortie or None
    except Exception:  # noqa: BLE001 - une bibliothèque en cours d'écriture ne doit pas casser la lecture
        return None


def liste_clauses(faits: Faits, lecteur: Lecteur | None) -> list[ClauseLue]:
    """Les clauses obligatoires, chacune présente (avec une phrase citée), absente ou incomplète (le sujet est
    abordé mais son contenu n'a pas pu être lu)."""
    clauses = _clauses_de_la_bibliotheque() or list(_CLAUSES_LOI)
    sortie = []
    for cl in clauses:
        passage = None
        if lecteur is not None:
            for rx in cl.reperes:
                try:
                    motif = re.compile(rx, re.IGNORECASE)
                except re.error:
                    continue
                passage = next((p for p in lecteur.passages if motif.search(p.texte) or motif.search(p.norm)
                                or motif.search(p.contexte)), None)
                if passage is not None:
                    break
        lus = [faits.get(k) for k in cl.faits]
        trouves = [f for f in lus if f is not None and f.statut in (TROUVE, OPTIONS, RENVOI)]
        citation = passage.citation() if passage is not None else (trouves[0].citation if trouves else None)
        if lecteur is None:
            statut = PRESENTE if trouves else ABSENTE if all(f is None or f.statut == ABSENT for f in lus) and lus \
                else INCOMPLETE
            if not cl.faits:
                statut = INCOMPLETE
        elif passage is None and not trouves:
            statut = ABSENTE
        elif cl.faits and not trouves and any(f is not None and f.statut in (NON_TROUVE, ABSENT) for f in lus):
            statut = INCOMPLETE
        else:
            statut = PRESENTE
        note = "" if statut != INCOMPLETE else "le sujet est abordé mais son contenu n'a pas pu être lu"
        sortie.append(ClauseLue(cl.id, cl.titre, statut, citation, cl.regle, note))
    return sortie


__all__ = ["A_VERIFIER", "ClauseLue", "Difference", "accord_de_travail", "comparer", "controler",
           "liste_clauses", "LIBELLES_STATUTS"]


# ---------------------------------------------------------------------------------------- rendus « lire »

VERSION_LECTURE = "1.0"


_NATURES = {"accord_entreprise": "accord d'entreprise", "decision_unilaterale": "décision unilatérale",
            "avenant": "avenant", "accord_branche": "accord de branche (ou accord type de branche)",
            "adhesion_branche": "adhésion à un accord de branche",
            "pas_interessement": "pas un texte d'intéressement"}
_LIBELLES_CLES = {"uniforme": "uniforme", "presence": "présence", "salaire": "salaire"}
_UNITES_FAITS = {"periode.duree_annees": ("an", "ans"), "periode.periode_calcul_mois": ("mois", "mois"),
                 "beneficiaires.anciennete.mois": ("mois", "mois"), "versement.delai_versement_mois": ("mois", "mois")}


def valeur_fr(cle: str, v: Any) -> str:
    """La valeur d'un fait lue par une personne, en français : « 20 % de la masse salariale », « uniforme 50 %,
    salaire 50 % », « les trois quarts du PASS », « 3 mois », « 7 jours après l'envoi »."""
    from interessement.format import montant, pourcentage
    from validators.resultats import en_texte

    if v is None:
        return "—"
    try:
        if cle == "texte.nature" and isinstance(v, str):
            return _NATURES.get(v) or ANNEXES.get(v) or v
        if cle == "mise_en_place.mode" and isinstance(v, str):
            from interessement.modele import LIBELLES_MODES

            return LIBELLES_MODES.get(v, v)
        if cle == "information.suivi_par" and isinstance(v, str):
            return {"cse": "le CSE", "commission": "une commission de suivi",
                    "salaries": "les salariés directement (sans CSE)"}.get(v, v)
        if cle == "periode.duree_annees" and v == "indeterminee":
            return "durée indéterminée"
        if cle in _UNITES_FAITS and isinstance(v, int) and not isinstance(v, bool):
            un, plusieurs = _UNITES_FAITS[cle]
            return f"{v} {un if v == 1 else plusieurs}"
        if cle == "formule.plafond.taux_masse_salariale" and not isinstance(v, bool):
            return f"{pourcentage(Decimal(str(v)))} de la masse salariale"
        if cle == "texte.plafond_individuel_pass" and isinstance(v, Fraction | Decimal | int | float):
            return f"{_fraction_fr(Fraction(v))} du PASS"
        if cle in ("repartition.parts", "repartition") and isinstance(v, dict):
            return ", ".join(f"{_LIBELLES_CLES.get(k, k)} {pourcentage(Decimal(str(x)))}" for k, x in v.items()
                             if Decimal(str(x))) or "—"
        if cle == "information.presomption_information" and isinstance(v, int):
            return "le jour de l'envoi" if v == 0 else f"{v} jour{'s' if v > 1 else ''} après l'envoi"
        if cle == "repartition.absences_assimilees" and isinstance(v, list | tuple):
            return ", ".join(CODES_ABSENCES.get(c, c) for c in v) if v else "(aucune)"
        if cle.endswith("_centimes") and isinstance(v, int) and not isinstance(v, bool):
            return montant(v)
        if ("taux" in cle or cle.endswith(".parts")) and isinstance(v, Decimal | float):
            return pourcentage(Decimal(str(v)))
    except (ArithmeticError, TypeError, ValueError):
        pass
    return en_texte(_simple(v))


def _valeur_texte(f: Fait) -> str:
    if f.statut == OPTIONS:
        return "options : " + ("; ".join(valeur_fr(f.cle, o) for o in f.options) if f.options
                               else "au choix de l'entreprise")
    if f.statut == RENVOI:
        return f"renvoi à {f.renvoi}"
    if f.statut == "ambigu":
        return "valeurs contradictoires : " + "; ".join(valeur_fr(f.cle, o) for o in f.options)
    if f.statut in (ABSENT, NON_TROUVE):
        return "—"
    from .formule_lue import decrire

    dit = decrire(f.cle, f.valeur)
    if dit:
        return dit if len(dit) <= 300 else dit[:297] + "…"
    texte = valeur_fr(f.cle, f.valeur)
    return texte if len(texte) <= 160 else texte[:157] + "…"


def structure(doc: Any) -> list[dict[str, Any]]:
    sortie = []
    for p in getattr(doc, "parties", []) or []:
        paras = getattr(p, "paragraphes", []) or []
        sortie.append({"type": getattr(p, "type", "autre"), "numero": getattr(p, "numero", None),
                       "titre": getattr(p, "titre", None), "page": getattr(p, "page", None),
                       "paragraphes": len(paras), "masques": sum(1 for x in paras if getattr(x, "masque", False))})
    return sortie


def lecture_en_dict(doc: Any, rapport: Any) -> dict[str, Any]:
    """La lecture d'un document (structure, faits, clauses, constats), au format publié par
    ``schema_lecture()``."""
    return {
        "version_lecture": VERSION_LECTURE,
        "document": {"nom": getattr(doc, "nom", None), "format": getattr(doc, "format", None),
                     "pages": getattr(doc, "pages", None), "ocr": bool(getattr(doc, "ocr", False)),
                     "structure": structure(doc)},
        "faits": [f.to_dict() for f in rapport.faits] if rapport.faits is not None else [],
        "clauses": [c.to_dict() for c in rapport.clauses],
        "rapport": rapport.to_dict(),
    }


def lecture_en_texte(doc: Any, rapport: Any) -> str:
    lignes = [f"Document : {getattr(doc, 'nom', '')} ({getattr(doc, 'format', '')}"
              f"{', ' + str(getattr(doc, 'pages', '')) + ' page(s)' if getattr(doc, 'pages', None) else ''}"
              f"{', lu par OCR' if getattr(doc, 'ocr', False) else ''})", "", "Structure :"]
    for p in structure(doc):
        if p["type"] in ("article", "annexe", "preambule", "titre", "signature", "tableau"):
            nom = " ".join(x for x in (p["type"].capitalize() if p["type"] != "article" else "Article",
                                       p["numero"] or "") if x)
            titre = f" — {p['titre']}" if p["titre"] and p["type"] == "article" else \
                (f" : {p['titre']}" if p["titre"] else "")
            page = f" (page {p['page']})" if p["page"] else ""
            lignes.append(f"  {nom}{titre}{page}")
    lignes += ["", "Faits lus (statut, valeur, phrase citée) :"]
    for f in rapport.faits or []:
        lignes.append(f"  - {f.libelle} [{LIBELLES_STATUTS[f.statut]}] : {_valeur_texte(f)}")
        if f.citation is not None and f.statut != ABSENT:
            lignes.append(f"      {_citation_texte(f.citation)}")
        if f.note:
            lignes.append(f"      ({f.note})")
    lignes += ["", "Clauses obligatoires :"]
    for c in rapport.clauses:
        lignes.append(f"  - {c.titre} : {c.statut}")
    lignes += ["", "Contrôle :", rapport.en_texte(details=True)]
    return "\n".join(lignes)


def schema_lecture() -> dict[str, Any]:
    """Le schéma JSON de la sortie de ``interessement lire --format json``."""
    citation = {"type": "object", "properties": {"texte": {"type": "string"}, "article": {"type": ["string", "null"]},
                                                  "page": {"type": ["integer", "null"]}},
                "required": ["texte"]}
    fait = {"type": "object", "required": ["cle", "statut", "citations"], "properties": {
        "cle": {"type": "string", "description": "chemin du champ du format d'échange, ou « texte.… »"},
        "libelle": {"type": "string"},
        "statut": {"enum": ["trouve", "absent", "non_trouve", "ambigu", "options", "renvoi"]},
        "statut_libelle": {"type": "string"}, "valeur": {}, "options": {"type": "array"},
        "renvoi": {"type": ["string", "null"]}, "note": {"type": "string"},
        "source": {"enum": ["texte", "verificateur"]}, "citations": {"type": "array", "items": citation}}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://interessement-ouvert.fr/schema/lecture-{VERSION_LECTURE}.json",
        "title": "Lecture d'un texte d'accord d'intéressement : structure, faits cités, clauses, constats",
        "type": "object",
        "required": ["version_lecture", "document", "faits", "clauses", "rapport"],
        "properties": {
            "version_lecture": {"const": VERSION_LECTURE},
            "document": {"type": "object", "required": ["nom", "structure"], "properties": {
                "nom": {"type": ["string", "null"]}, "format": {"type": ["string", "null"]},
                "pages": {"type": ["integer", "null"]}, "ocr": {"type": "boolean"},
                "structure": {"type": "array", "items": {"type": "object", "required": ["type"], "properties": {
                    "type": {"type": "string"}, "numero": {"type": ["string", "null"]},
                    "titre": {"type": ["string", "null"]}, "page": {"type": ["integer", "null"]},
                    "paragraphes": {"type": "integer"}, "masques": {"type": "integer"}}}}}},
            "faits": {"type": "array", "items": fait},
            "clauses": {"type": "array", "items": {"type": "object", "required": ["id", "titre", "statut"],
                                                   "properties": {"id": {"type": "string"},
                                                                  "titre": {"type": "string"},
                                                                  "statut": {"enum": [PRESENTE, ABSENTE, INCOMPLETE]},
                                                                  "regle": {"type": ["string", "null"]},
                                                                  "note": {"type": "string"},
                                                                  "citation": {"anyOf": [citation, {"type": "null"}]}}}},
            "rapport": {"type": "object", "required": ["statut", "constats", "a_verifier"], "properties": {
                "statut": {"enum": ["conforme", "non conforme", "indéterminé", "à vérifier", ANNEXE]},
                "constats": {"type": "array"}, "a_verifier": {"type": "array"},
                "differences_texte_donnees": {"type": "array"}, "hypotheses": {"type": "array"}}},
        },
    }
