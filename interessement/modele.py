"""Le format d'échange : un accord d'intéressement = un document JSON versionné.

Le modèle porte tous les faits dont une règle de REGLES.md a besoin, pour qu'un vérificateur puisse décider
à partir du fichier seul. Il n'interdit pas ce que la loi interdit (une formule avec plancher, une exclusion de
salariés...) : ces fautes sont des constats du validateur. Il refuse seulement ce qui est incohérent ou illisible
(un type faux, une clôture avant la date d'effet, une signature après le dépôt, un montant négatif, une
composante de formule inconnue), avec un message français qui nomme le champ.

Conventions : argent en centimes entiers (champs ``*_centimes``), taux en ``Decimal`` (0.2 = 20 %), dates ISO.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from dateutil.relativedelta import relativedelta
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    field_validator,
    model_validator,
)

from . import format as fmt
from .assainir import borner_donnees, lire_json_borne, nettoyer_texte
from .bornes import (
    DATE_MAX,
    DATE_MIN,
    DECIMALES_MAX,
    MONTANT_MAX_CENTIMES,
    NOMBRE_MAX,
    PERIODES_MAX,
    SALARIES_MAX,
    TAUX_MAX,
    TEXTE_MAX,
)
from .entrees import lire_octets
from .erreurs import ErreurEntree

VERSION_FORMAT = "1.2"
VERSION_MAJEURE = 1
TAILLE_MAX_OCTETS = 5_000_000


def _decimal_json(valeur: Decimal) -> int | float:
    """Un Decimal s'écrit en nombre JSON lisible : entier s'il l'est, sinon flottant court."""
    if valeur == valeur.to_integral_value():
        return int(valeur)
    return float(valeur)


def _nombre_fini(valeur: Decimal) -> Decimal:
    if not valeur.is_finite():
        raise ValueError("nombre fini attendu (ni NaN ni infini)")
    return valeur


# Bornes techniques (interessement/bornes.py, pas des seuils légaux) : un nombre démesuré (« 1e999999 ») est refusé
# à la lecture, avant tout calcul décimal qui coûterait des minutes.
Nombre = Annotated[Decimal, Field(ge=-NOMBRE_MAX, le=NOMBRE_MAX, decimal_places=DECIMALES_MAX),
                   AfterValidator(_nombre_fini), PlainSerializer(_decimal_json, when_used="json")]
Taux = Annotated[Decimal, Field(ge=0, le=TAUX_MAX, decimal_places=DECIMALES_MAX), AfterValidator(_nombre_fini),
                 PlainSerializer(_decimal_json, when_used="json")]
#: Une fraction de 0 à 1 (temps de travail, part des suffrages).
Fraction = Annotated[Decimal, Field(ge=0, le=1, decimal_places=DECIMALES_MAX), AfterValidator(_nombre_fini),
                     PlainSerializer(_decimal_json, when_used="json")]
Centimes = Annotated[int, Field(ge=0, le=MONTANT_MAX_CENTIMES)]
#: Un montant qui peut être négatif (bénéfice fiscal, seuil, plancher de tranche).
CentimesRelatifs = Annotated[int, Field(ge=-MONTANT_MAX_CENTIMES, le=MONTANT_MAX_CENTIMES)]
#: Une date des années modélisées (1900 à 2200) : au-delà, les calculs de calendrier débordent (« year 10000 »).
Jour = Annotated[date, Field(ge=DATE_MIN, le=DATE_MAX, json_schema_extra={
    "formatMinimum": DATE_MIN.isoformat(), "formatMaximum": DATE_MAX.isoformat()})]
#: Un nom, une raison sociale, un intitulé : une seule ligne, sans caractère de contrôle ni séquence d'échappement
#: (un saut de ligne cassait l'export .ics ; une séquence ESC pouvait effacer le terminal et imprimer un faux rapport).
UneLigne = Annotated[str, BeforeValidator(lambda v: nettoyer_texte(v, une_ligne=True) if isinstance(v, str) else v)]
#: Un effectif, un nombre de votes : au plus le nombre de salariés admis.
Effectif = Annotated[int, Field(ge=0, le=10_000_000)]


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True,
                              str_max_length=TEXTE_MAX, defer_build=True)


# --------------------------------------------------------------------------------------------- entreprise

QualiteDirigeant = Literal[
    "chef_entreprise",
    "president",
    "directeur_general",
    "directeur_general_delegue",
    "gerant",
    "membre_directoire",
    "conjoint_collaborateur",
    "conjoint_associe",
]
QUALITES_CONJOINT = ("conjoint_collaborateur", "conjoint_associe")


def siren_valide(siren: str) -> bool:
    """Clé de Luhn du SIREN (9 chiffres)."""
    if len(siren) != 9 or not siren.isdigit():
        return False
    total = 0
    for rang, chiffre in enumerate(reversed(siren)):
        n = int(chiffre)
        if rang % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


class Dirigeant(_Base):
    nom: UneLigne = Field(min_length=1)
    qualite: QualiteDirigeant
    titulaire_contrat_travail: bool = False


class ResultatFiscal(_Base):
    """Bénéfice net fiscal et chiffre d'affaires d'un exercice (obligation de partage de la valeur)."""

    exercice: int = Field(ge=1900, le=2200)
    benefice_net_fiscal_centimes: CentimesRelatifs
    chiffre_affaires_centimes: Centimes


class Entreprise(_Base):
    raison_sociale: UneLigne = Field(min_length=1, max_length=300)
    siren: str | None = None
    forme_juridique: UneLigne | None = None
    adresse: str | None = None
    effectif: int = Field(ge=0, le=10_000_000, description="Salariés de l'entreprise (hors mandataires non salariés)")
    delegues_syndicaux: bool = False
    cse: bool = False
    date_pv_carence: Jour | None = None
    convention_collective: str | None = None
    couverte_accord_branche_agree: bool = False
    dirigeants: list[Dirigeant] = []
    etablissements: list[str] = []
    resultats_fiscaux: list[ResultatFiscal] = []

    @field_validator("siren")
    @classmethod
    def _siren(cls, v: str | None) -> str | None:
        if v is None or v == "":
            return None
        v = v.replace(" ", "").replace("\u00a0", "")
        if not siren_valide(v):
            raise ValueError("SIREN invalide : 9 chiffres dont le dernier est une clé de contrôle (Luhn)")
        return v


# ------------------------------------------------------------------------------------------ mise en place

ModeMiseEnPlace = Literal[
    "convention_collective",
    "accord_delegues_syndicaux",
    "accord_cse",
    "ratification",
    "decision_unilaterale",
    "adhesion_branche",
]

LIBELLES_MODES: dict[str, str] = {
    "convention_collective": "Convention ou accord collectif de travail",
    "accord_delegues_syndicaux": "Accord avec les délégués syndicaux",
    "accord_cse": "Accord conclu au sein du CSE",
    "ratification": "Ratification à la majorité des deux tiers du personnel",
    "decision_unilaterale": "Décision unilatérale de l'employeur",
    "adhesion_branche": "Adhésion à un accord de branche agréé",
}


class Signataire(_Base):
    nom: UneLigne = Field(min_length=1)
    qualite: UneLigne = Field(min_length=1)
    partie: Literal["employeur", "salaries"] = "employeur"
    organisation: UneLigne | None = None


class Ratification(_Base):
    effectif_inscrit: Effectif = Field(description="Personnel inscrit à l'effectif à la date du vote")
    votes_pour: Effectif
    votes_contre: Effectif = 0
    date_vote: Jour | None = None
    demande_conjointe: bool = False
    proces_verbal: bool = Field(
        default=False, description="Le résultat du vote est consigné dans un procès-verbal, avec la liste "
        "d'émargement, annexé au texte et joint au dépôt (D3345-1, D3345-3)")

    @model_validator(mode="after")
    def _votes(self) -> Ratification:
        if self.votes_pour + self.votes_contre > self.effectif_inscrit:
            raise ValueError("plus de votes que de personnes inscrites à l'effectif")
        return self


PorteeOption = Literal[
    "formule", "repartition", "anciennete", "periode_calcul", "duree", "dirigeants", "versement",
    "plans_epargne", "avances", "information", "autre",
]


class OptionBranche(_Base):
    """Un choix retenu parmi les options de l'accord type de branche (L3312-8, D3345-7)."""

    article: str = Field(min_length=1, description="Article ou annexe de l'accord de branche qui offre l'option")
    objet: str = Field(min_length=1, description="Sur quoi porte l'option, dans les mots de l'accord de branche")
    choix: str = Field(min_length=1, description="L'option retenue par l'entreprise, telle qu'écrite")
    porte_sur: PorteeOption = "autre"


class AdhesionBranche(_Base):
    intitule: str = Field(min_length=1)
    idcc: str | None = None
    date_accord: Jour | None = Field(default=None, description="Date de signature de l'accord de branche")
    date_agrement: Jour | None = None
    reference_agrement: str | None = Field(
        default=None, description="Référence de l'agrément (L3345-4) : arrêté ou décision, avec sa date")
    accord_type_avec_options: bool | None = Field(
        default=None, description="L'accord de branche propose un accord type indiquant les choix laissés à "
        "l'entreprise (L3312-8 ; exigé pour un document unilatéral d'adhésion)")
    options: list[OptionBranche] = []
    par_document_unilateral: bool = False


class VoteCSE(_Base):
    """Accord conclu au sein du CSE : adopté à la majorité des membres titulaires élus présents (L3312-5)."""

    membres_titulaires_presents: Effectif
    votes_pour: Effectif

    @model_validator(mode="after")
    def _votes(self) -> VoteCSE:
        if self.votes_pour > self.membres_titulaires_presents:
            raise ValueError("plus de votes favorables que de membres présents")
        return self


class MiseEnPlace(_Base):
    mode: ModeMiseEnPlace
    date_conclusion: Jour = Field(
        description="Signature ; CSE : date du PV de la réunion ; ratification : date où la majorité des 2/3 "
        "est atteinte ; DUE : date de la décision"
    )
    lieu: str | None = None
    signataires: list[Signataire] = []
    ratification: Ratification | None = None
    date_pv_desaccord: Jour | None = None
    date_consultation_cse: Jour | None = None
    adhesion_branche: AdhesionBranche | None = None
    vote_cse: VoteCSE | None = None
    audience_signataires: Fraction | None = Field(
        default=None, description="Accord avec les délégués syndicaux : part des suffrages exprimés au "
        "premier tour des dernières élections du CSE recueillie par les organisations signataires "
        "(0.55 = 55 % ; L2232-12 : plus de 50 %, ou plus de 30 % et approbation des salariés)")
    date_consultation_salaries: Jour | None = Field(
        default=None, description="Accord signé par des organisations ayant plus de 30 % : date de la "
        "consultation des salariés qui l'a approuvé (L2232-12)")

    @property
    def modalite_conclusion(self) -> str | None:
        """La modalité du I ou du II de L3312-5 selon laquelle le texte a été conclu : le mode lui-même, sauf pour
        une adhésion à un accord de branche par accord (L3312-8 : « dans les conditions prévues au I de l'article
        L. 3312-5 »), où elle se lit sur les données de sa conclusion (vote du CSE, audience des délégués
        signataires, ratification) ; ``None`` quand elles ne la disent pas. Adhésion par document unilatéral :
        ``"adhesion_branche"``."""
        if self.mode != "adhesion_branche":
            return self.mode
        if self.adhesion_branche is not None and self.adhesion_branche.par_document_unilateral:
            return "adhesion_branche"
        if self.vote_cse is not None:
            return "accord_cse"
        if self.audience_signataires is not None:
            return "accord_delegues_syndicaux"
        if self.ratification is not None:
            return "ratification"
        return None


# ---------------------------------------------------------------------------------------- dates, dépôt


class Periode(_Base):
    date_effet: Jour
    date_cloture_premier_exercice: Jour
    periode_calcul_mois: int = Field(default=12, ge=1, le=120)
    duree_annees: int = Field(ge=1, le=99)
    reconduction_tacite: bool = False

    @model_validator(mode="after")
    def _coherence(self) -> Periode:
        if self.date_cloture_premier_exercice < self.date_effet:
            raise ValueError(
                f"la clôture du premier exercice ({self.date_cloture_premier_exercice.isoformat()}) précède "
                f"la date d'effet ({self.date_effet.isoformat()})"
            )
        return self

    @property
    def date_fin(self) -> date:
        return self.date_effet + relativedelta(years=self.duree_annees) - relativedelta(days=1)


PieceDepot = Literal[
    "texte_accord",
    "qualite_delegues_ou_mandat",
    "pv_seance_cse",
    "emargement_ou_pv_ratification",
    "mention_demande_conjointe",
    "attestation_absence_delegue_syndical",
    "pv_carence",
    "pv_desaccord",
    "pv_consultation_cse",
]

LIBELLES_PIECES: dict[str, str] = {
    "texte_accord": "le texte signé (accord, décision ou document d'adhésion) et ses annexes",
    "qualite_delegues_ou_mandat": "la mention de la qualité de délégué syndical des signataires, ou leur mandat",
    "pv_seance_cse": "le procès-verbal de la séance du CSE qui a adopté l'accord",
    "emargement_ou_pv_ratification": "l'émargement des salariés sur la liste nominative du personnel, ou le "
                                     "procès-verbal de la consultation",
    "mention_demande_conjointe": "la mention de la demande conjointe de ratification",
    "attestation_absence_delegue_syndical": "l'attestation de l'employeur qu'il n'a été saisi d'aucune désignation "
                                            "de délégué syndical",
    "pv_carence": "le procès-verbal de carence aux élections du CSE, encore valable au dépôt",
    "pv_desaccord": "le procès-verbal de désaccord",
    "pv_consultation_cse": "le procès-verbal de la consultation du CSE sur le projet",
}


class Depot(_Base):
    date_depot: Jour | None = None
    numero_recepisse: str | None = None
    code_prevalidation: str | None = Field(
        default=None, description="Code d'identification d'un accord pré-validé (procédure Mon intéressement)"
    )
    pieces: list[PieceDepot] | None = Field(
        default=None, description="Pièces déposées sur TéléAccords avec le texte (D3345-1 à D3345-4), telles que "
        "le récépissé les liste ; absent : non renseigné (la règle PIECES_DEPOT dit alors « à vérifier »)")


class Perimetre(_Base):
    tous_etablissements: bool = True
    etablissements: list[str] = []


# --------------------------------------------------------------------------------------------- bénéficiaires

CalculAnciennete = Literal["tous_contrats", "contrat_en_cours", "date_fixe"]


class Anciennete(_Base):
    mois: int = Field(default=0, ge=0, le=600)
    jours: int = Field(default=0, ge=0, le=3660)
    calcul: CalculAnciennete = "tous_contrats"


class Beneficiaires(_Base):
    anciennete: Anciennete | None = None
    categories_exclues: list[str] = []
    condition_presence: str | None = Field(
        default=None, description="Condition de présence à une date (interdite) : la décrire telle qu'écrite"
    )
    perte_droits_depart: bool = False
    dirigeants_inclus: bool = False
    conjoint_inclus: bool = False


# -------------------------------------------------------------------------------------------------- formule

NatureIndicateur = Literal[
    "resultat_net_comptable",
    "resultat_courant_avant_impot",
    "resultat_exploitation",
    "benefice_fiscal",
    "excedent_brut_exploitation",
    "valeur_ajoutee",
    "marge_brute",
    "chiffre_affaires",
    "masse_salariale",
    "productivite",
    "qualite",
    "securite",
    "delais",
    "marge",
    "rse",
    "autre",
]
NATURES_RESULTAT = (
    "resultat_net_comptable",
    "resultat_courant_avant_impot",
    "resultat_exploitation",
    "benefice_fiscal",
    "excedent_brut_exploitation",
    "valeur_ajoutee",
    "marge_brute",
)
NATURES_ACTIVITE = ("chiffre_affaires", "masse_salariale")

LIBELLES_NATURES: dict[str, str] = {
    "resultat_net_comptable": "Résultat net comptable",
    "resultat_courant_avant_impot": "Résultat courant avant impôt (RCAI)",
    "resultat_exploitation": "Résultat d'exploitation",
    "benefice_fiscal": "Bénéfice fiscal",
    "excedent_brut_exploitation": "Excédent brut d'exploitation (EBE)",
    "valeur_ajoutee": "Valeur ajoutée",
    "marge_brute": "Marge brute",
    "chiffre_affaires": "Chiffre d'affaires",
    "masse_salariale": "Masse salariale",
    "productivite": "Productivité",
    "qualite": "Qualité",
    "securite": "Sécurité",
    "delais": "Délais",
    "marge": "Marge",
    "rse": "Responsabilité sociale et environnementale",
    "autre": "Autre indicateur",
}


class Indicateur(_Base):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)
    libelle: UneLigne = Field(min_length=1)
    nature: NatureIndicateur = "autre"
    unite: Literal["centimes", "pourcentage", "nombre"] = "centimes"
    definition: str = ""
    source: str = ""
    individuel: bool = False
    fixe_par_employeur: bool = Field(
        default=False, description="Valeur laissée à l'appréciation de l'employeur (interdit)"
    )


class Tranche(_Base):
    plancher_centimes: CentimesRelatifs
    taux: Taux


class PartResultat(_Base):
    """Part d'un résultat au-delà d'un seuil : I = taux × max(0, R − seuil), ou par tranches."""

    type: Literal["part_resultat"]
    indicateur: str
    taux: Taux | None = None
    seuil_centimes: CentimesRelatifs = 0
    tranches: list[Tranche] = []

    @model_validator(mode="after")
    def _taux_ou_tranches(self) -> PartResultat:
        if self.taux is None and not self.tranches:
            raise ValueError("indiquez un taux ou des tranches")
        planchers = [t.plancher_centimes for t in self.tranches]
        if any(b <= a for a, b in zip(planchers, planchers[1:], strict=False)):
            raise ValueError("les planchers des tranches doivent être strictement croissants")
        return self


class Palier(_Base):
    croissance_min: Nombre = Field(description="Croissance minimale de l'indicateur (0.04 = +4 %)")
    taux_masse_salariale: Taux


class PaliersCroissance(_Base):
    """Paliers de croissance d'un indicateur par rapport à la période précédente."""

    type: Literal["paliers_croissance"]
    indicateur: str
    paliers: list[Palier] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordre(self) -> PaliersCroissance:
        seuils = [p.croissance_min for p in self.paliers]
        taux = [p.taux_masse_salariale for p in self.paliers]
        if any(b <= a for a, b in zip(seuils, seuils[1:], strict=False)):
            raise ValueError("les seuils de croissance des paliers doivent être strictement croissants")
        if any(b < a for a, b in zip(taux, taux[1:], strict=False)):
            raise ValueError("les taux des paliers ne doivent pas décroître")
        return self


class SeuilsPeriode(_Base):
    periode: int = Field(ge=1, le=PERIODES_MAX, description="Numéro de la période de calcul (1 = la première)")
    declenchement: Nombre
    cible: Nombre


class Objectif(_Base):
    nom: UneLigne = Field(min_length=1)
    indicateur: str
    poids: Taux
    sens: Literal["hausse", "baisse"] = "hausse"
    declenchement: Nombre
    cible: Nombre
    progression: Literal["lineaire", "paliers"] = "lineaire"
    nombre_paliers: int = Field(default=4, ge=1, le=100)
    par_periode: list[SeuilsPeriode] = []

    def seuils(self, periode: int) -> tuple[Decimal, Decimal]:
        for s in self.par_periode:
            if s.periode == periode:
                return s.declenchement, s.cible
        return self.declenchement, self.cible

    @model_validator(mode="after")
    def _bornes(self) -> Objectif:
        for num, (d, c) in enumerate([(self.declenchement, self.cible)]
                                     + [(s.declenchement, s.cible) for s in self.par_periode]):
            if d == c:
                raise ValueError("le niveau de déclenchement et la cible doivent différer")
            if (self.sens == "hausse" and c < d) or (self.sens == "baisse" and c > d):
                quoi = "supérieure" if self.sens == "hausse" else "inférieure"
                ou = "" if num == 0 else f" (période {self.par_periode[num - 1].periode})"
                raise ValueError(f"la cible doit être {quoi} au niveau de déclenchement{ou}")
        return self


class Objectifs(_Base):
    """Objectifs collectifs pondérés : I = budget × masse salariale × Σ poids × atteinte."""

    type: Literal["objectifs"]
    budget_taux_masse_salariale: Taux
    objectifs: list[Objectif] = Field(min_length=1)

    @model_validator(mode="after")
    def _poids(self) -> Objectifs:
        total = sum((o.poids for o in self.objectifs), Decimal(0))
        if total != 1:
            raise ValueError(f"la somme des poids des objectifs doit faire 100 % (elle fait {total * 100:g} %)")
        return self


class PourcentageMasseSalariale(_Base):
    """Pourcentage de la masse salariale (seulement admis sous condition de performance ou de résultat)."""

    type: Literal["pourcentage_masse_salariale"]
    taux: Taux


class MontantFixe(_Base):
    """Montant fixe versé quel que soit le résultat (interdit : la formule doit pouvoir donner zéro)."""

    type: Literal["montant_fixe"]
    montant_centimes: Centimes


Composante = Annotated[
    PartResultat | PaliersCroissance | Objectifs | PourcentageMasseSalariale | MontantFixe,
    Field(discriminator="type"),
]


class Declencheur(_Base):
    indicateur: str
    operateur: Literal[">", ">=", "<", "<="] = ">"
    valeur: Nombre = Decimal(0)


class PlafondEnveloppe(_Base):
    taux_masse_salariale: Taux | None = None
    taux_indicateur: Taux | None = None
    indicateur: str | None = None
    montant_centimes: Centimes | None = None

    @model_validator(mode="after")
    def _indicateur(self) -> PlafondEnveloppe:
        if (self.taux_indicateur is None) != (self.indicateur is None):
            raise ValueError("un plafond en pourcentage d'un indicateur demande le taux et l'indicateur")
        return self


class Formule(_Base):
    composantes: list[Composante] = Field(min_length=1)
    declencheurs: list[Declencheur] = []
    plafond: PlafondEnveloppe | None = None
    plancher_centimes: Centimes | None = Field(default=None, description="Minimum garanti (interdit)")

    def indicateurs_utilises(self) -> list[str]:
        codes: list[str] = []
        for c in self.composantes:
            if isinstance(c, PartResultat | PaliersCroissance):
                codes.append(c.indicateur)
            elif isinstance(c, Objectifs):
                codes.extend(o.indicateur for o in c.objectifs)
        codes.extend(d.indicateur for d in self.declencheurs)
        if self.plafond and self.plafond.indicateur:
            codes.append(self.plafond.indicateur)
        return list(dict.fromkeys(codes))


class ValeursPeriode(_Base):
    """Valeurs constatées des indicateurs pour une période passée (historique, back-test)."""

    periode: str = Field(min_length=1, description="Libellé, par exemple « 2023 » ou « 2024-S1 »")
    date_fin: Jour | None = None
    masse_salariale_centimes: Centimes | None = None
    valeurs: dict[str, Nombre] = {}


# ---------------------------------------------------------------------------------------------- répartition

CODES_ABSENCES: dict[str, str] = {
    "maternite": "congé de maternité",
    "paternite_accueil_enfant": "congé de paternité et d'accueil de l'enfant",
    "adoption": "congé d'adoption",
    "deuil": "congé de deuil",
    "accident_travail": "accident du travail",
    "maladie_professionnelle": "maladie professionnelle",
    "quarantaine": "mise en quarantaine",
    "maladie": "maladie non professionnelle",
    "conges_payes": "congés payés",
    "conges_sans_solde": "congé sans solde",
    "activite_partielle": "activité partielle",
    "formation": "formation",
}


class Repartition(_Base):
    part_uniforme: Taux = Decimal(0)
    part_presence: Taux = Decimal(0)
    part_salaire: Taux = Decimal(0)
    autres_criteres: list[str] = Field(
        default=[], description="Tout autre critère (coefficient hiérarchique, clé multiplicative...) : interdit"
    )
    notion_salaire: str | None = "salaire brut soumis à cotisations sociales (article L242-1 du code de la sécurité sociale)"
    salaire_reconstitue_absences: bool = True
    salaire_plancher_centimes: Centimes | None = None
    salaire_plafond_centimes: Centimes | None = None
    absences_assimilees: list[str] = []
    presence_prorata_temps_travail: bool = False
    redistribution_excedent: bool = True
    prorata_plafond_individuel: bool = True
    plafond_salaire_conjoint: bool = False
    plafond_salaire_dirigeants: bool = True

    @property
    def somme_parts(self) -> Decimal:
        return self.part_uniforme + self.part_presence + self.part_salaire


# -------------------------------------------------------------------------------- versement, information


class Avances(_Base):
    periodicite_mois: int = Field(ge=1, le=12)
    consentement_salarie: bool = True
    recuperation_max_dixieme: bool = True


class ModalitesVersement(_Base):
    delai_versement_mois: int = Field(default=5, ge=1, le=24, description="Mois après la clôture de la période")
    plans_epargne: list[Literal["PEE", "PEI", "PERECO", "PERCOL", "PERCOI"]] = []
    affectation_defaut_plan: bool = True
    delai_choix_jours: int = Field(default=15, ge=0, le=365)
    avances: Avances | None = None


MoyenInformation = Literal["remise_main_propre", "courrier", "electronique"]


class PresomptionInformation(_Base):
    """Date à laquelle le bénéficiaire est présumé informé des sommes dues (R3313-12 II) : elle ouvre ses
    quinze jours pour choisir entre le versement et le plan d'épargne."""

    moyen: MoyenInformation
    jours_apres_envoi: int = Field(
        default=0, ge=0, le=15, description="Jours après l'envoi ou la mise en ligne (0 : le jour même)")


class Information(_Base):
    preambule: str | None = None
    suivi_par: Literal["cse", "commission", "salaries"] | None = None
    commission_creee_par_cse: bool = Field(
        default=False, description="La commission de suivi est une commission spécialisée créée par le CSE "
        "(L3313-2 6°) ; sans CSE, il n'y a pas de commission de suivi")
    modalites_information_salaries: str | None = None
    presomption_information: PresomptionInformation | None = None
    instance_litiges: Literal["cse", "commission", "employeur"] | None = Field(
        default=None, description="Qui examine d'abord un différend avant le juge : le CSE, la commission de "
        "suivi créée par lui, ou l'employeur et le salarié directement")
    reglement_litiges: str | None = None


class OptionsDocuments(_Base):
    """Ce que la personne choisit de faire figurer dans les documents, hors clauses exigées par la loi
    (format 1.2)."""

    exemple_chiffre: bool = Field(
        default=True, description="L'accord et la note d'information contiennent l'exemple chiffré de la formule "
        "(illustration sans valeur contractuelle : sur la dernière période de l'historique, à défaut sur des "
        "valeurs hypothétiques dites comme telles) ; false : ils sont produits sans exemple chiffré")


class ElementSupprime(_Base):
    libelle: str = Field(min_length=1)
    date_suppression: Jour
    montant_annuel_centimes: Centimes | None = None


# -------------------------------------------------------------------------------------------------- accord


def _verifier_version(v: str) -> str:
    try:
        majeure = int(str(v).split(".")[0])
    except ValueError as exc:
        raise ValueError(f"version de format illisible : « {v} »") from exc
    if majeure > VERSION_MAJEURE:
        raise ValueError(
            f"ce fichier est au format {v}, plus récent que celui que ce logiciel lit ({VERSION_FORMAT}) : "
            "mettez à jour le logiciel"
        )
    if majeure < 1:
        raise ValueError(f"version de format inconnue : « {v} »")
    return v


class Accord(_Base):
    """Un accord d'intéressement (ou une décision unilatérale) : tout ce qu'une règle doit connaître."""

    version_format: str = VERSION_FORMAT
    identifiant: str | None = None
    intitule: UneLigne = "Accord d'intéressement"
    entreprise: Entreprise
    mise_en_place: MiseEnPlace
    periode: Periode
    depot: Depot = Depot()
    perimetre: Perimetre = Perimetre()
    beneficiaires: Beneficiaires = Beneficiaires()
    indicateurs: list[Indicateur] = []
    formule: Formule
    repartition: Repartition
    versement: ModalitesVersement = ModalitesVersement()
    information: Information = Information()
    elements_remuneration_supprimes: list[ElementSupprime] = []
    historique: list[ValeursPeriode] = []
    documents: OptionsDocuments = OptionsDocuments()

    _v = field_validator("version_format")(classmethod(lambda cls, v: _verifier_version(v)))

    @model_validator(mode="after")
    def _dates(self) -> Accord:
        d = self.depot.date_depot
        if d is not None and self.mise_en_place.date_conclusion > d:
            raise ValueError(
                f"la date de conclusion ({self.mise_en_place.date_conclusion.isoformat()}) est postérieure à "
                f"la date de dépôt ({d.isoformat()}) : on ne dépose qu'un accord conclu"
            )
        codes = [i.code for i in self.indicateurs]
        doublons = sorted(c for c, n in Counter(codes).items() if n > 1)
        if doublons:
            raise ValueError(f"indicateur défini plusieurs fois : {', '.join(doublons)}")
        return self

    def indicateur(self, code: str) -> Indicateur | None:
        return next((i for i in self.indicateurs if i.code == code), None)

    def periodes(self) -> list[PeriodeCalcul]:
        return periodes_calcul(self.periode)


class PeriodeCalcul(BaseModel):
    """Une période de calcul de l'accord (calculée, pas saisie)."""

    model_config = ConfigDict(frozen=True)
    numero: int
    debut: date
    fin: date
    mois: int

    @property
    def jours(self) -> int:
        return (self.fin - self.debut).days + 1

    @property
    def annuelle(self) -> bool:
        return self.mois >= 12


def periodes_calcul(p: Periode) -> list[PeriodeCalcul]:
    """Découpe la durée de l'accord en périodes de calcul successives.

    La première période court de la date d'effet à la clôture du premier exercice lorsque celle-ci tombe à la
    fin d'une période de ``periode_calcul_mois`` mois ; sinon les périodes sont des blocs de ``n`` mois à partir
    de la date d'effet. Une période qui dépasserait la fin de l'accord est tronquée à cette fin.
    """
    n = p.periode_calcul_mois
    fin_accord = p.date_fin
    resultat: list[PeriodeCalcul] = []
    debut = p.date_effet
    numero = 1
    while debut <= fin_accord and numero <= 1200:
        fin_pleine = p.date_effet + relativedelta(months=n * numero) - relativedelta(days=1)
        fin = min(fin_pleine, fin_accord)
        ecart = relativedelta(fin + relativedelta(days=1), debut)
        mois = n if fin == fin_pleine else ecart.years * 12 + ecart.months
        resultat.append(PeriodeCalcul(numero=numero, debut=debut, fin=fin, mois=mois))
        debut = fin + relativedelta(days=1)
        numero += 1
    return resultat


# ------------------------------------------------------------------------------------------------ versement

QualiteBeneficiaire = Literal["salarie", "dirigeant", "conjoint"]


class SalarieVersement(_Base):
    identifiant: UneLigne = Field(min_length=1)
    nom: UneLigne | None = None
    qualite: QualiteBeneficiaire = "salarie"
    salaire_brut_centimes: Centimes
    jours_inscrits: int = Field(ge=0, le=400)
    absences: dict[str, Annotated[int, Field(ge=0, le=400)]] = {}
    temps_travail: Fraction = Field(default=Decimal(1), description="Fraction d'un temps plein, de 0 à 1")
    date_entree: Jour | None = None
    date_sortie: Jour | None = None
    remuneration_n1_centimes: Centimes | None = None
    montant_verse_centimes: Centimes | None = None
    deja_attribue_exercice_centimes: Centimes = Field(
        default=0,
        description="Intéressement (et supplément) déjà attribué au titre des périodes précédentes du même "
        "exercice (période infra-annuelle) : il s'impute sur le plafond individuel de l'exercice",
    )
    avance_versee_centimes: Centimes = Field(
        default=0,
        description="Avances sur l'intéressement de la période déjà versées au salarié (L3348-1) : elles sont "
        "déduites de ce qui reste à lui verser",
    )
    anciennete_anterieure_jours: int = Field(
        default=0, ge=0, le=10_000,
        description="Jours passés sous des contrats antérieurs au contrat en cours, pendant la période de calcul "
        "et les 12 mois qui la précèdent : ils comptent dans l'ancienneté (L3342-1)",
    )


class Acompte(_Base):
    date: Jour
    montant_centimes: Centimes


class Versement(_Base):
    """Les faits d'une répartition effectuée (ou à effectuer) pour une période : entrée séparée de l'accord."""

    version_format: str = VERSION_FORMAT
    accord_identifiant: str | None = None
    periode: int = Field(default=1, ge=1, le=PERIODES_MAX, description="Numéro de la période de calcul")
    exercice: str | None = None
    valeurs: dict[str, Nombre] = {}
    valeurs_precedentes: dict[str, Nombre] = {}
    masse_salariale_centimes: Centimes
    masse_salariale_exercice_centimes: Centimes | None = Field(
        default=None,
        description="Période infra-annuelle : masse salariale de l'exercice entier jusqu'à la fin de la période "
        "(périodes précédentes comprises) ; le plafond global de 20 % s'apprécie alors sur l'exercice",
    )
    deja_distribue_exercice_centimes: Centimes = Field(
        default=0,
        description="Intéressement déjà distribué au titre des périodes précédentes du même exercice : il "
        "s'impute sur le plafond global de l'exercice",
    )
    remuneration_dirigeants_n1_centimes: Centimes = 0
    plus_haut_salaire_centimes: Centimes | None = None
    enveloppe_declaree_centimes: Centimes | None = None
    supplement_centimes: Centimes = 0
    date_versement: Jour | None = None
    acomptes: list[Acompte] = []
    taux_tmop: Taux | None = None
    salaries: list[SalarieVersement] = Field(default=[], max_length=SALARIES_MAX)

    _v = field_validator("version_format")(classmethod(lambda cls, v: _verifier_version(v)))

    @model_validator(mode="after")
    def _identifiants(self) -> Versement:
        ids = [s.identifiant for s in self.salaries]
        doublons = sorted(i for i, n in Counter(ids).items() if n > 1)
        if doublons:
            raise ValueError(f"identifiant de salarié en double : {', '.join(doublons[:5])}")
        return self


# ------------------------------------------------------------------------------------------ erreurs en français

_MESSAGES = {
    "missing": "champ obligatoire manquant",
    "extra_forbidden": "champ inconnu (vérifiez l'orthographe)",
    "int_parsing": "nombre entier attendu",
    "int_type": "nombre entier attendu",
    "int_from_float": "nombre entier attendu (sans décimales)",
    "float_parsing": "nombre attendu",
    "float_type": "nombre attendu",
    "decimal_parsing": "nombre attendu",
    "decimal_type": "nombre attendu",
    "bool_parsing": "oui/non attendu (true ou false)",
    "bool_type": "oui/non attendu (true ou false)",
    "string_type": "texte attendu",
    "string_too_short": "ne doit pas être vide",
    "string_too_long": "texte trop long",
    "string_pattern_mismatch": "format invalide (lettres minuscules, chiffres et « _ »)",
    "date_parsing": "date invalide (format AAAA-MM-JJ attendu)",
    "date_from_datetime_parsing": "date invalide (format AAAA-MM-JJ attendu)",
    "date_type": "date attendue (AAAA-MM-JJ)",
    "list_type": "liste attendue",
    "dict_type": "objet attendu",
    "model_type": "objet attendu",
    "model_attributes_type": "objet attendu",
    "too_short": "liste trop courte (au moins un élément)",
    "union_tag_not_found": "le champ « type » est manquant",
    "int_parsing_size": "nombre entier démesuré (trop de chiffres)",
    "finite_number": "nombre fini attendu (ni NaN ni infini)",
    "decimal_max_digits": "trop de chiffres",
    "decimal_max_places": "trop de décimales",
    "decimal_whole_digits": "trop de chiffres avant la virgule",
    "date_from_datetime_inexact": "date sans heure attendue (AAAA-MM-JJ)",
    "datetime_parsing": "date et heure invalides (format AAAA-MM-JJTHH:MM attendu)",
    "datetime_type": "date et heure attendues",
    "string_unicode": "texte illisible (caractères invalides)",
    "too_long": "liste trop longue",
    "enum": "valeur non admise",
    "none_required": "aucune valeur attendue (null)",
    "dict_attributes_type": "objet attendu",
    "set_type": "liste attendue",
    "tuple_type": "liste attendue",
    "mapping_type": "objet attendu",
}
_MESSAGE_INCONNU = "valeur invalide"


def chemin_champ(loc: tuple[Any, ...]) -> str:
    morceaux: list[str] = []
    for x in loc:
        if isinstance(x, int):
            morceaux.append(f"[{x}]")
        elif str(x) in {"part_resultat", "paliers_croissance", "objectifs", "pourcentage_masse_salariale",
                        "montant_fixe"} and morceaux and morceaux[-1].startswith("["):
            continue
        else:
            morceaux.append(("." if morceaux else "") + str(x))
    return "".join(morceaux) or "(document)"


def _est_date(valeur: Any) -> bool:
    return isinstance(valeur, date) or (isinstance(valeur, str) and len(valeur) == 10 and valeur[4:5] == "-")


def _borne(valeur: Any) -> str:
    """Une borne d'erreur pydantic en français : « 1 000 000 », « 31/12/2200 »."""
    if isinstance(valeur, str) and len(valeur) == 10 and valeur[4] == "-":
        try:
            return date.fromisoformat(valeur).strftime("%d/%m/%Y")
        except ValueError:
            return valeur
    if isinstance(valeur, date):
        return valeur.strftime("%d/%m/%Y")
    if isinstance(valeur, int | Decimal) and not isinstance(valeur, bool) and abs(valeur) >= 10_000:
        return fmt.nombre(valeur, 0)
    return str(valeur)


def message_erreur(err: dict[str, Any]) -> str:
    """Une erreur pydantic en une ligne française : « champ : problème (valeur reçue) »."""
    t = err["type"]
    ctx = err.get("ctx") or {}
    if t in ("value_error", "assertion_error"):
        msg = str(ctx.get("error", err.get("msg", ""))).removeprefix("Value error, ")
    elif t == "greater_than_equal" and _est_date(ctx.get("ge")):
        msg = f"date hors des années admises : au plus tôt le {_borne(ctx.get('ge'))}"
    elif t == "greater_than_equal":
        msg = f"doit être supérieur ou égal à {_borne(ctx.get('ge'))}"
    elif t == "greater_than":
        msg = f"doit être supérieur à {ctx.get('gt')}"
    elif t == "less_than_equal" and str((err.get("loc") or ("",))[-1]).endswith("_centimes"):
        msg = (f"montant démesuré (au plus {fmt.montant(ctx.get('le', MONTANT_MAX_CENTIMES))}) ; "
               "vérifiez le nombre de chiffres et l'unité")
    elif t in ("less_than_equal", "greater_than_equal") and _est_date(ctx.get("le", ctx.get("ge"))):
        quand = "au plus tard" if t == "less_than_equal" else "au plus tôt"
        msg = f"date hors des années admises : {quand} le {_borne(ctx.get('le', ctx.get('ge')))}"
    elif t == "less_than_equal":
        msg = f"doit être inférieur ou égal à {_borne(ctx.get('le'))}"
        if ctx.get("le") == TAUX_MAX:
            msg += f" ({fmt.nombre(TAUX_MAX * 100, 0)} %) ; un taux s'écrit en fraction : 0.2 = 20 %"
    elif t == "less_than":
        msg = f"doit être inférieur à {ctx.get('lt')}"
    elif t == "literal_error":
        msg = f"valeur non admise ; valeurs possibles : {ctx.get('expected', '')}".replace(" or ", ", ")
    elif t == "union_tag_invalid":
        msg = (f"composante inconnue « {ctx.get('tag')} » ; composantes possibles : "
               f"{ctx.get('expected_tags', '')}")
    elif t in ("too_long", "string_too_long") and "max_length" in ctx:
        msg = f"{_MESSAGES[t]} (au plus {_borne(ctx['max_length'])})"
    elif t == "decimal_max_places" and "decimal_places" in ctx:
        msg = f"trop de décimales (au plus {ctx['decimal_places']})"
    else:
        msg = _MESSAGES.get(t, _MESSAGE_INCONNU)  # jamais le message anglais de pydantic
    valeur = err.get("input")
    demesure = t == "less_than_equal" and msg.startswith("montant démesuré")  # reçu en centimes : trompeur en CSV
    if t not in ("missing", "extra_forbidden") and not demesure and isinstance(valeur, str | int | float) and not isinstance(valeur, bool):
        texte = str(valeur)
        if len(texte) <= 60:
            msg += f" (reçu : « {texte} »)"
    champ = chemin_champ(tuple(err.get("loc", ())))
    return f"{champ} : {msg}"


def erreurs_en_francais(exc: ValidationError) -> list[str]:
    return [message_erreur(e) for e in exc.errors(include_url=False)]


# ---------------------------------------------------------------------------------------------- lecture JSON


def _lire_texte(source: str | Path | bytes, nom: str) -> tuple[str, str, bytes]:
    brut, nom = lire_octets(source, None if isinstance(source, str | Path) else nom, TAILLE_MAX_OCTETS)
    try:
        texte = brut.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ErreurEntree(
            f"{nom} : le fichier n'est pas encodé en UTF-8 (octet illisible en position {exc.start}) ; "
            "enregistrez-le en UTF-8."
        ) from exc
    return texte, nom, brut


def lire_json(source: str | Path | bytes, nom: str) -> tuple[Any, str]:
    donnees, nom, _ = _lire_json(source, nom)
    return donnees, nom


def _lire_json(source: str | Path | bytes, nom: str) -> tuple[Any, str, bool]:
    """(données, nom, déjà bornées : ``borner_donnees`` n'y changerait rien, voir ``lire_json_borne``)."""
    texte, nom, brut = _lire_texte(source, nom)
    if not texte.strip():
        raise ErreurEntree(f"{nom} : le fichier est vide.")
    try:
        donnees, bornees = lire_json_borne(texte, brut)
        return donnees, nom, bornees
    except json.JSONDecodeError as exc:
        raise ErreurEntree(
            f"{nom} : JSON illisible, ligne {exc.lineno}, colonne {exc.colno} : {_json_fr(exc.msg)}."
        ) from exc
    except RecursionError as exc:
        raise ErreurEntree(f"{nom} : JSON trop profondément imbriqué.") from exc
    except ValueError as exc:  # filet : jamais le message anglais de Python
        raise ErreurEntree(f"{nom} : JSON illisible (nombre ou texte démesuré).") from exc


def _json_fr(msg: str) -> str:
    table = {
        "Expecting value": "valeur attendue",
        "Expecting property name enclosed in double quotes": "nom de champ entre guillemets attendu",
        "Expecting ',' delimiter": "virgule attendue",
        "Expecting ':' delimiter": "deux-points attendus",
        "Unterminated string starting at": "texte non terminé",
        "Extra data": "données en trop après la fin du document",
        "Invalid control character at": "caractère de contrôle interdit",
    }
    for en, fr in table.items():
        if msg.startswith(en):
            return fr
    return msg


def _valider(classe: type[BaseModel], donnees: Any, nom: str, quoi: str, bornees: bool = False) -> Any:
    """``bornees`` : les données viennent de ``lire_json_borne``, qui a établi que ``borner_donnees`` n'y
    changerait rien (ni refus ni nettoyage) — on s'en passe."""
    if not isinstance(donnees, dict):
        article = "l'" if quoi[:1] in "aeiouéh" else "le "
        raise ErreurEntree(f"{nom} : un objet JSON ({{...}}) décrivant {article}{quoi} est attendu.")
    if not bornees:
        donnees, demesures = borner_donnees(donnees)
        if demesures:
            raise ErreurEntree(f"{nom} : {quoi} invalide ({len(demesures)} erreur(s)).", demesures)
    try:
        return classe.model_validate(donnees)
    except ValidationError as exc:
        details = erreurs_en_francais(exc)
        raise ErreurEntree(f"{nom} : {quoi} invalide ({len(details)} erreur(s)).", details) from exc


def accord_depuis_dict(donnees: Any, nom: str = "accord") -> Accord:
    return _valider(Accord, donnees, nom, "accord")


def versement_depuis_dict(donnees: Any, nom: str = "versement") -> Versement:
    return _valider(Versement, donnees, nom, "versement")


def charger_accord(source: str | Path | bytes, nom: str = "accord") -> Accord:
    """Lit un accord JSON (chemin ou octets). Toute erreur devient une ``ErreurEntree`` en français."""
    donnees, nom, bornees = _lire_json(source, nom)
    return _valider(Accord, donnees, nom, "accord", bornees)


def charger_versement(source: str | Path | bytes, nom: str = "versement") -> Versement:
    donnees, nom, bornees = _lire_json(source, nom)
    return _valider(Versement, donnees, nom, "versement", bornees)


def accord_vers_json(accord: Accord) -> str:
    return accord.model_dump_json(indent=2, exclude_none=False)


def enregistrer_accord(accord: Accord, chemin: str | Path) -> None:
    Path(chemin).write_text(accord_vers_json(accord) + "\n", encoding="utf-8")


def schema_accord() -> dict[str, Any]:
    schema = Accord.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://interessement-ouvert.fr/schema/accord-{VERSION_FORMAT}.json"
    schema["title"] = "Accord d'intéressement"
    return schema


def schema_versement() -> dict[str, Any]:
    schema = Versement.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://interessement-ouvert.fr/schema/versement-{VERSION_FORMAT}.json"
    schema["title"] = "Versement d'intéressement (répartition d'une période)"
    return schema
