"""Quels modes de mise en place une entreprise peut utiliser, et pourquoi (article L3312-5 du code du travail).

Logique pure (sans Streamlit), testée seule ; les seuils viennent des paramètres datés.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from interessement import parametres
from interessement.modele import LIBELLES_MODES


@dataclass(frozen=True)
class ModePossible:
    code: str
    libelle: str
    possible: bool
    pourquoi: str
    condition: str | None = None  # ce qu'il faudra fournir si le mode est choisi


def seuils(d: date) -> dict[str, Any]:
    return {
        "due": parametres.value_at("due_effectif_max_exclu", d),
        "cse": parametres.value_at("cse_effectif_min", d),
        "dirigeants_min": parametres.value_at("dirigeants_effectif_min", d),
        "dirigeants_max": parametres.value_at("dirigeants_effectif_max_exclu", d),
        "consultation_cse": parametres.value_at("due_delai_consultation_cse_jours", d),
        "majorite": parametres.value_at("ratification_majorite", d),
    }


def votes_necessaires(inscrits: int, d: date) -> int:
    """⌈2/3 × personnel inscrit à l'effectif⌉ (pas des votants)."""
    return math.ceil(parametres.value_at("ratification_majorite", d) * inscrits)


def dirigeants_possibles(effectif: int, d: date) -> bool:
    s = seuils(d)
    return s["dirigeants_min"] <= effectif < s["dirigeants_max"]


def modes_possibles(entreprise: dict[str, Any], d: date) -> list[ModePossible]:
    s = seuils(d)
    effectif = int(entreprise.get("effectif") or 0)
    ds = bool(entreprise.get("delegues_syndicaux"))
    cse = bool(entreprise.get("cse"))
    branche = bool(entreprise.get("couverte_accord_branche_agree"))
    modes: list[ModePossible] = []

    def ajouter(code: str, possible: bool, pourquoi: str, condition: str | None = None) -> None:
        modes.append(ModePossible(code, LIBELLES_MODES[code], possible, pourquoi, condition))

    if effectif < 1:
        for code in LIBELLES_MODES:
            ajouter(code, False, "Il faut au moins un salarié (le seul dirigeant ne suffit pas).")
        return modes

    ajouter("accord_delegues_syndicaux", ds,
            "Négocié et signé avec le ou les délégués syndicaux de l'entreprise (art. L3312-5 I 2°)."
            if ds else "Demande au moins un délégué syndical dans l'entreprise.")
    ajouter("convention_collective", ds,
            "Convention ou accord collectif signé avec les organisations syndicales représentatives "
            "(art. L3312-5 I 1°)." if ds else "Demande des organisations syndicales représentatives dans "
            "l'entreprise (au moins un délégué syndical).")
    ajouter("accord_cse", cse,
            "Adopté par la majorité des membres titulaires élus présents du CSE, signé par l'employeur et pour la délégation du personnel (art. L3312-5 I 3°, D3345-1 2°)."
            if cse else "Demande un comité social et économique (CSE) en place.")
    ajouter("ratification", True,
            "Projet proposé par l'employeur et approuvé par au moins les deux tiers de tout le personnel inscrit "
            "à l'effectif (art. L3312-5 I 4°, D3345-1).",
            "La demande de ratification doit être conjointe avec les délégués syndicaux ou le CSE."
            if (ds or cse) else None)
    if effectif >= s["due"]:
        ajouter("decision_unilaterale", False,
                f"Réservée aux entreprises de moins de {s['due']} salariés (art. L3312-5 II).")
    elif branche:
        ajouter("decision_unilaterale", False,
                "Impossible quand un accord de branche agréé couvre l'entreprise : adhérez plutôt à cet accord "
                "(art. L3312-5 II).")
    elif ds or cse:
        ajouter("decision_unilaterale", True,
                f"Possible sous {s['due']} salariés, mais seulement après l'échec d'une négociation "
                "(art. L3312-5 II 2°).",
                f"Il faudra un procès-verbal de désaccord et la consultation du CSE au moins "
                f"{s['consultation_cse']} jours avant le dépôt.")
    else:
        ajouter("decision_unilaterale", True,
                f"Possible : moins de {s['due']} salariés, sans délégué syndical ni CSE (art. L3312-5 II 1°).")
    if branche:
        ajouter("adhesion_branche", True,
                "L'entreprise peut adhérer à l'accord de branche agréé qui la couvre (art. L3312-5)."
                + (f" Sous {s['due']} salariés, l'adhésion peut se faire par document unilatéral."
                   if effectif < s["due"] else " L'adhésion se fait alors par accord."))
    else:
        ajouter("adhesion_branche", False,
                "Demande un accord d'intéressement de branche agréé couvrant l'entreprise.")
    return modes


def codes_possibles(entreprise: dict[str, Any], d: date) -> list[str]:
    return [m.code for m in modes_possibles(entreprise, d) if m.possible]


def titulaires_cse(effectif: int, d: date) -> int | None:
    """Le nombre de membres titulaires de la délégation du personnel du CSE que prévoit le barème de R2314-1 pour
    ``effectif`` salariés, à défaut de protocole d'accord préélectoral ; ``None`` hors de la partie du barème que
    l'assistant reprend (moins de 11 salariés, 50 et plus)."""
    if effectif < parametres.value_at("cse_effectif_min", d) or effectif >= parametres.value_at(
            "cse_bareme_titulaires_fin_exclu", d):
        return None
    if effectif < parametres.value_at("cse_effectif_deux_titulaires", d):
        return int(parametres.value_at("cse_titulaires_11_24", d))
    return int(parametres.value_at("cse_titulaires_25_49", d))
