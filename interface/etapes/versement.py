"""Étape 7 : versement (date limite, plans d'épargne salariale, choix du salarié, avances)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from interessement import format as fmt
from interessement import parametres
from interessement.calendrier import date_limite_versement
from interessement.modele import Periode, periodes_calcul

from .. import champs as c
from .. import etat
from ..aide import AIDE
from ..echappement import md
from ..textes import A_RENSEIGNER, oui_non

PREFIXES = ["versement"]

PLANS = {
    "PEE": "Plan d'épargne entreprise (PEE)",
    "PEI": "Plan d'épargne interentreprises (PEI)",
    "PERECO": "Plan d'épargne retraite d'entreprise collectif (PER collectif)",
    "PERCOL": "PER collectif (ancienne dénomination PERCOL)",
    "PERCOI": "PER collectif interentreprises (PERCOI)",
}


def _delai_max(accord: dict[str, Any]) -> int:
    d = etat.aujourd_hui()
    infra = int((accord.get("periode") or {}).get("periode_calcul_mois") or 12) < 12
    return parametres.value_at("versement_delai_mois_infra_annuel" if infra else "versement_delai_mois_annuel", d)


def ajuster(accord: dict[str, Any]) -> None:
    v = accord["versement"]
    maximum = _delai_max(accord)
    if v.get("delai_versement_mois") is not None and int(v["delai_versement_mois"]) > maximum:
        v["delai_versement_mois"] = maximum
    v["delai_choix_jours"] = parametres.value_at("choix_salarie_delai_jours", etat.aujourd_hui())
    if v.get("plans_epargne"):
        v["affectation_defaut_plan"] = True
    if v.get("avances"):
        minimum = parametres.value_at("avances_periodicite_min_mois", etat.aujourd_hui())
        if v["avances"].get("periodicite_mois") is not None:
            v["avances"]["periodicite_mois"] = max(minimum, int(v["avances"]["periodicite_mois"]))
        v["avances"]["consentement_salarie"] = True
        v["avances"]["recuperation_max_dixieme"] = True


def controler(accord: dict[str, Any]) -> None:
    return None


def afficher() -> None:
    accord = etat.accord()
    ajuster(accord)
    d = etat.aujourd_hui()
    maximum = _delai_max(accord)
    st.markdown("Quand et comment la prime est-elle payée ?")
    c.entier("versement_delai", "versement.delai_versement_mois",
             f"Versement au plus tard … mois après la fin de chaque période (1 à {maximum})", minimum=1,
             maximum=maximum, aide=AIDE["delai_versement"], facultatif=True)
    try:
        periode = Periode.model_validate({**accord["periode"], "duree_annees": accord["periode"].get("duree_annees")
                                          or 1})
        premiere = periodes_calcul(periode)[0]
        st.caption(f"Pour la première période, la loi impose de verser au plus tard le "
                   f"{fmt.date_longue(date_limite_versement(premiere))}.")
    except ValueError:
        pass

    st.subheader("Épargne salariale", divider="gray", anchor=False)
    st.caption(AIDE["plans"])
    plans = c.oui_non("versement_plans_existe", "ui.questions.plans",
                      "L'entreprise a-t-elle un plan d'épargne salariale (PEE, PEI, PER collectif) ?")
    if plans:
        c.plusieurs("versement_plans", "versement.plans_epargne", "Plans d'épargne salariale de l'entreprise", PLANS,
                    placeholder="Choisissez le ou les plans")
    elif plans is False:
        accord["versement"]["plans_epargne"] = []
    choix = parametres.value_at("choix_salarie_delai_jours", d)
    if accord["versement"].get("plans_epargne"):
        st.info(f"Chaque salarié aura **{md(choix)} jours** après avoir été informé pour choisir entre le paiement et le "
                "placement ; sans réponse, sa prime sera placée sur le plan (art. L3315-2, R3313-12).", icon=":material/info:")
    elif plans is False:
        st.caption("Sans plan d'épargne salariale, la prime est payée au salarié et soumise à l'impôt sur le "
                   "revenu.")

    st.subheader("Avances", divider="gray", anchor=False)
    minimum = parametres.value_at("avances_periodicite_min_mois", d)
    v = accord["versement"]
    actif = c.oui_non("versement_avances_actif", "ui.questions.avances", "Des avances sont-elles prévues en cours "
                      "d'exercice ?", aide=AIDE["avances"])
    if actif and not v.get("avances"):
        v["avances"] = {"periodicite_mois": None, "consentement_salarie": True, "recuperation_max_dixieme": True}
        etat.oublier_widgets("versement_avances_periodicite")
    elif not actif:
        v["avances"] = None
    if v.get("avances"):
        c.choix("versement_avances_periodicite", "versement.avances.periodicite_mois", "Fréquence des avances",
                {n: lib for n, lib in ((3, "chaque trimestre"), (6, "chaque semestre"), (12, "une fois par an"))
                 if n >= minimum}, aucun=True)
        st.caption("Toujours avec l'accord du salarié ; un trop-perçu est repris au plus d'un dixième du salaire "
                   "par paie (art. L3348-1).")
    ajuster(accord)


def resume(accord: dict[str, Any]) -> list[tuple[str, str]]:
    v = accord.get("versement") or {}
    av = v.get("avances")
    return [
        ("Versement", f"au plus tard {v.get('delai_versement_mois')} mois après la fin de chaque période"
         if v.get("delai_versement_mois") else A_RENSEIGNER),
        ("Plans d'épargne", ", ".join(PLANS.get(p, p) for p in v.get("plans_epargne") or [])
         or oui_non(etat.ui().get("questions", {}).get("plans")).replace("non", "aucun")),
        ("Avances", f"tous les {av.get('periodicite_mois')} mois, avec l'accord du salarié" if av else "non"),
    ]
