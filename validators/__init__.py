"""Le validateur : chaque règle de REGLES.md, expliquée, pour les vérificateurs et pour l'assistant.

Attention : « validators » est aussi le nom d'un paquet PyPI sans rapport ; ce projet n'en dépend pas et c'est ce
dossier-ci qui est importé (un test le vérifie).

Usage ::

    from validators import valider
    rapport = valider(accord)                    # date de référence : dépôt, sinon conclusion
    rapport = valider(accord, versement=v)       # contrôle d'un versement au centime
    print(rapport.statut, rapport.en_texte())
    rapport.a_verifier                           # ce que les données ne montrent pas : à lire dans le texte
    rapport = valider(accord, faits_inconnus={"beneficiaires.anciennete"})   # faits lus dans un texte

Modules, dans l'ordre de la loi : ``mise_en_place``, ``durees_delais``, ``beneficiaires``, ``formule``,
``plafonds``, ``repartition``, ``versement_information`` ; ``catalogue`` produit la liste des règles (Markdown,
JSON) et ``cli`` les commandes ``interessement valider`` et ``interessement regles``.
"""

from .formule import AnalyseFormule, analyser_formule
from .ids import IDS_PAR_SECTION, IDS_REGLES, SECTIONS
from .moteur import date_reference_par_defaut, regles, valider
from .registre import REGISTRE, Regle
from .resultats import (
    A_VERIFIER,
    AVERTISSEMENT,
    BLOQUANT,
    CONFORME,
    INDETERMINE,
    INFORMATION,
    NON_CONFORME,
    Constat,
    Montant,
    PointAVerifier,
    Rapport,
    ReferenceJuridique,
    RegleEcartee,
    Taux,
)

regles()

__all__ = [
    "A_VERIFIER",
    "AVERTISSEMENT",
    "BLOQUANT",
    "CONFORME",
    "IDS_PAR_SECTION",
    "IDS_REGLES",
    "INDETERMINE",
    "INFORMATION",
    "NON_CONFORME",
    "REGISTRE",
    "SECTIONS",
    "AnalyseFormule",
    "Constat",
    "Montant",
    "PointAVerifier",
    "Rapport",
    "ReferenceJuridique",
    "Regle",
    "RegleEcartee",
    "Taux",
    "analyser_formule",
    "date_reference_par_defaut",
    "regles",
    "valider",
]
