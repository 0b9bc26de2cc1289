"""Le registre des règles : une petite fonction par règle, enregistrée avec ses métadonnées.

Une règle est une fonction ``f(ctx) -> itérable de Trouve`` décorée par ``@regle(...)`` : identifiant stable de
REGLES.md, titre français, sévérité et portée principales, références juridiques (article et lien https),
paramètres légaux utilisés. Sa docstring cite ou paraphrase l'article qu'elle met en œuvre.

Une règle qui ne s'applique pas lève ``NonApplicable(raison)`` ; une règle à qui il manque une donnée pour décider
lève ``DonneeManquante(raison)``. Le moteur (``validators.moteur``) transforme chaque ``Trouve`` en ``Constat``.

Quand un fait ne se lit que dans le texte signé ou dans les pièces du dépôt (clause de dénonciation, pièces
jointes…), la règle ne conclut pas « conforme » par défaut : elle produit un ``Verifier`` (ou lève ``AVerifier``)
qui dit ce qui n'est pas établi et ce qu'il faut chercher ; le moteur en fait un ``PointAVerifier``.

Chaque règle déclare aussi les champs du format d'échange qu'elle lit (``champs``) et ce qu'il faut chercher dans
un texte pour l'appliquer (``a_chercher``) : quand l'accord vient de faits lus dans un texte et que certains n'ont
pas été établis (``valider(..., faits_inconnus=...)``), le moteur transforme en points à vérifier les constats et
les silences qui reposent sur ces faits.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from interessement import references

from .ids import IDS_REGLES, SECTION_DE
from .resultats import PORTEES, SEVERITES, ReferenceJuridique

CODE_TRAVAIL = "https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006072050"
CODE_SECURITE_SOCIALE = "https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006073189"
LOI_2022_1158 = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000046186723"
URSSAF_INTERESSEMENT = (
    "https://www.urssaf.fr/accueil/employeur/beneficier-exonerations/epargne-salariale/interessement.html"
)


def _lien_article(article: str, code: str, repli: str) -> str:
    """Le lien Légifrance de l'article (version en vigueur, table ``interessement.references``).

    « L3312-5 II » ou « L3311-1 et suivants » mènent au premier article cité. Un article absent de la table
    garde le lien du code : ``tests/test_references.py`` le signale avec le fichier qui le cite.
    """
    try:
        return references.lien(article, code)
    except references.ArticleInconnu:
        return repli


def ct(article: str) -> ReferenceJuridique:
    """Un article du Code du travail (lien vers l'article sur Légifrance)."""
    return ReferenceJuridique(f"C. trav. {article}", _lien_article(article, "C. trav.", CODE_TRAVAIL))


def css(article: str) -> ReferenceJuridique:
    """Un article du Code de la sécurité sociale (lien vers l'article sur Légifrance)."""
    return ReferenceJuridique(f"CSS {article}", _lien_article(article, "CSS", CODE_SECURITE_SOCIALE))


def urssaf(rubrique: str) -> ReferenceJuridique:
    """Une rubrique de la page « Intéressement des salariés » de l'Urssaf."""
    return ReferenceJuridique(f"Urssaf, « Intéressement des salariés » — {rubrique}", URSSAF_INTERESSEMENT)


def loi(intitule: str, lien: str | None = None) -> ReferenceJuridique:
    """Une loi, une ordonnance ou un décret ; sans lien donné, celui du texte au Journal officiel quand la table
    des références le connaît (« Loi n° 2023-1107 … »)."""
    return ReferenceJuridique(intitule, lien or references.lien_texte(intitule) or CODE_TRAVAIL)


class NonApplicable(Exception):  # noqa: N818 - nom français, c'est un signal et non une erreur
    """La règle ne s'applique pas à cet accord (la raison est écrite dans le rapport)."""

    def __init__(self, raison: str):
        super().__init__(raison)
        self.raison = raison


class DonneeManquante(Exception):  # noqa: N818
    """Il manque une donnée pour décider : le rapport sera « indéterminé »."""

    def __init__(self, raison: str):
        super().__init__(raison)
        self.raison = raison


@dataclass
class Trouve:
    """Ce qu'une règle a trouvé ; le moteur en fait un ``Constat`` avec les métadonnées de la règle.

    ``parametres`` : couples (nom du paramètre, date à laquelle il a été lu) ; ``severite`` et ``portee``
    remplacent celles de la règle quand un cas particulier le demande (par exemple PLAFOND_GLOBAL : avertissement
    sur l'accord, bloquant sur l'excédent d'un versement).
    """

    message: str
    chemin: list[str] | str = field(default_factory=list)
    observe: Any = None
    attendu: Any = None
    suggestion: str = ""
    parametres: list[tuple[str, date]] = field(default_factory=list)
    severite: str | None = None
    portee: str | None = None
    periode: int | None = None
    beneficiaire: str | None = None
    montant_centimes: int | None = None


@dataclass
class Verifier:
    """Un point qu'une règle ne peut pas établir sur les données : ce qui n'est pas établi (``message``) et ce
    qu'une personne doit chercher dans le texte signé ou les pièces (``a_chercher``). ``severite``/``portee`` :
    celles du constat si le fait se révélait contraire (par défaut celles de la règle)."""

    message: str
    a_chercher: str
    chemin: list[str] | str = field(default_factory=list)
    severite: str | None = None
    portee: str | None = None
    parametres: list[tuple[str, date]] = field(default_factory=list)


class AVerifier(Exception):  # noqa: N818 - un signal, comme NonApplicable
    """Levée par une règle qui ne peut rien décider sans le texte : un seul point à vérifier."""

    def __init__(self, message: str, a_chercher: str, chemin: list[str] | str = (), severite: str | None = None,
                 portee: str | None = None):
        super().__init__(message)
        self.point = Verifier(message, a_chercher, list(chemin) if not isinstance(chemin, str) else chemin,
                              severite, portee)


FonctionRegle = Callable[[Any], Iterable[Trouve | Verifier] | None]

#: Besoin d'une règle : l'accord seul, un versement, ou un document .docx.
BESOINS = ("accord", "versement", "document")


@dataclass(frozen=True)
class Regle:
    id: str
    titre: str
    severite: str
    portee: str
    references: tuple[ReferenceJuridique, ...]
    parametres: tuple[str, ...]
    fonction: FonctionRegle
    besoin: str = "accord"
    severites: tuple[tuple[str, str], ...] = ()
    description: str = ""
    champs: tuple[str, ...] = ()
    a_chercher: str = ""

    @property
    def section(self) -> str:
        return SECTION_DE[self.id]

    @property
    def module(self) -> str:
        return self.fonction.__module__.rsplit(".", 1)[-1]

    @property
    def severite_texte(self) -> str:
        """« BLOQUANT / accord » ou, quand la règle peut en donner plusieurs, « AVERTISSEMENT / accord ;
        BLOQUANT / excédent »."""
        return " ; ".join(f"{s} / {p}" for s, p in self.severites)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "section": self.section,
            "module": self.module,
            "titre": self.titre,
            "severite": self.severite,
            "portee": self.portee,
            "severites_possibles": [{"severite": s, "portee": p} for s, p in self.severites],
            "besoin": self.besoin,
            "references": [r.to_dict() for r in self.references],
            "parametres": list(self.parametres),
            "champs": list(self.champs),
            "a_chercher": self.a_chercher,
            "description": self.description,
        }


REGISTRE: dict[str, Regle] = {}


def regle(
    id: str,  # noqa: A002 - le vocabulaire du contrat
    titre: str,
    severite: str,
    portee: str,
    references: Iterable[ReferenceJuridique],
    parametres: Iterable[str] = (),
    besoin: str = "accord",
    severites: Iterable[tuple[str, str]] = (),
    champs: Iterable[str] = (),
    a_chercher: str = "",
) -> Callable[[FonctionRegle], FonctionRegle]:
    """Enregistre une règle. Refuse un identifiant absent de REGLES.md ou déjà pris.

    ``champs`` : chemins du format d'échange que la règle lit (préfixes : « beneficiaires.anciennete ») ;
    ``a_chercher`` : ce qu'une personne doit chercher dans un texte pour appliquer la règle, en français."""
    if id not in IDS_REGLES:
        raise ValueError(f"identifiant de règle inconnu de REGLES.md : {id}")
    if id in REGISTRE:
        raise ValueError(f"identifiant de règle déjà enregistré : {id}")
    couples = tuple(dict.fromkeys([(severite, portee), *severites]))
    if any(s not in SEVERITES or p not in PORTEES for s, p in couples) or besoin not in BESOINS:
        raise ValueError(f"{id} : sévérité, portée ou besoin inconnu")

    def decorer(f: FonctionRegle) -> FonctionRegle:
        REGISTRE[id] = Regle(
            id=id, titre=titre, severite=severite, portee=portee, references=tuple(references),
            parametres=tuple(parametres), fonction=f, besoin=besoin, severites=couples,
            description=inspect.cleandoc(f.__doc__ or ""), champs=tuple(champs), a_chercher=a_chercher,
        )
        return f

    return decorer
