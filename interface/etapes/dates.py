"""Étape 3 : dates (effet, clôture, période de calcul, durée, renouvellement, date de conclusion)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from interessement import format as fmt
from interessement import parametres
from interessement.calendrier import date_limite_conclusion, date_limite_depot
from interessement.modele import Periode, periodes_calcul

from .. import champs as c
from .. import etat
from ..aide import AIDE
from ..brouillon import cloture_proposee, date_depuis_iso, date_effet_conseillee
from ..echappement import md
from ..textes import A_RENSEIGNER, oui_non

PREFIXES = ["periode", "mise_en_place.date_conclusion"]


def _periode(accord: dict[str, Any]) -> Periode | None:
    """La période telle que saisie, pour montrer ses échéances (la durée, si elle manque encore, ne change pas la
    première période : un an sert à l'affichage, jamais au brouillon)."""
    p = dict(accord.get("periode") or {})
    if not p.get("periode_calcul_mois"):
        return None
    p["duree_annees"] = p.get("duree_annees") or 1
    try:
        return Periode.model_validate(p)
    except ValueError:
        return None


def _hors_periode(accord: dict[str, Any]) -> None:
    """Une date avant la première année modélisée : dite, avec les années que l'outil connaît."""
    from interessement.parametres import DEBUT_PERIODE_MODELISEE

    from ..erreurs import annees_modelisees

    for chemin, quoi in (("periode.date_effet", "La date d'effet"),
                         ("periode.date_cloture_premier_exercice", "La clôture"),
                         ("mise_en_place.date_conclusion", "La date de conclusion")):
        d = date_depuis_iso(_lire(accord, chemin))
        if d is not None and d < DEBUT_PERIODE_MODELISEE:
            c.signaler(chemin, c.Message(
                "bloquant", f"{quoi} ({fmt.date_longue(d)}) est avant les années dont l'outil connaît les règles : "
                f"{annees_modelisees()}.",
                "Un accord se prépare pour un exercice à venir : choisissez une date dans ces années."))


def _lire(accord: dict[str, Any], chemin: str) -> Any:
    from ..brouillon import lire

    return lire(accord, chemin)


def controler(accord: dict[str, Any]) -> None:
    _hors_periode(accord)
    p = accord.get("periode") or {}
    effet = date_depuis_iso(p.get("date_effet"))
    cloture = date_depuis_iso(p.get("date_cloture_premier_exercice"))
    if effet and cloture and cloture < effet:
        c.signaler("periode.date_cloture_premier_exercice", c.Message(
            "bloquant", "La clôture du premier exercice précède la date d'effet.",
            "Choisissez une clôture postérieure à la date d'effet."))
    elif effet and cloture:
        n = int(p.get("periode_calcul_mois") or 12)
        periode = _periode(accord)
        if periode is not None:
            premiere = periodes_calcul(periode)[0]
            if premiere.fin != cloture and n == 12:
                c.signaler("periode.date_cloture_premier_exercice", c.Message(
                    "information", f"La première période de calcul court du {fmt.date_longue(premiere.debut)} au "
                    f"{fmt.date_longue(premiere.fin)} : elle ne finit pas à la clôture indiquée.",
                    "En général, la date d'effet est le premier jour de l'exercice et la clôture son dernier jour."))
            conclusion = date_depuis_iso((accord.get("mise_en_place") or {}).get("date_conclusion"))
            limite = date_limite_conclusion(premiere)
            if conclusion and conclusion > limite:
                c.signaler("mise_en_place.date_conclusion", c.Message(
                    "bloquant", f"La date de conclusion doit être au plus tard le {fmt.date_longue(limite)} : "
                    "avant le premier jour de la seconde moitié de la première période (art. L3314-4).",
                    "Avancez la signature, ou reportez la date d'effet à la période suivante."))


def _prendre(chemin: str, valeur: str, prefixe: str) -> None:
    """Rappel d'un bouton « Prendre cette date » : la proposition devient la réponse, parce que la personne l'a
    choisie (jamais écrite sans ce clic)."""
    etat.synchroniser()
    etat.fixer(chemin, valeur)
    etat.oublier_widgets(prefixe)


def _proposer(cle: str, chemin: str, proposee: Any, pourquoi: str, prefixe: str) -> None:
    if proposee is None or etat.valeur(chemin) is not None:
        return
    st.button(f"Prendre le {fmt.date_longue(proposee)}", key=cle, on_click=_prendre,
              args=(chemin, proposee.isoformat(), prefixe), icon=":material/event_available:", help=md(pourquoi))
    st.caption(f"Proposé : {md(pourquoi)}")


def afficher() -> None:
    accord = etat.accord()
    d = etat.aujourd_hui()
    st.markdown("L'intéressement se calcule par périodes (en général l'exercice comptable). L'accord doit être "
                "signé **avant la moitié de la première période**, puis déposé au plus tard 15 jours après cette date "
                "limite.")
    p = accord.get("periode") or {}
    col1, col2 = st.columns(2)
    with col1:
        c.date_("dates_date_effet", "periode.date_effet", "Date d'effet (début de la première période)",
                aide=AIDE["date_effet"], facultatif=True)
        conseillee = date_effet_conseillee(d)
        _proposer("dates_prendre_effet", "periode.date_effet", conseillee,
                  f"le premier jour de l'exercice pour lequel il est encore temps de conclure (avant le "
                  f"{fmt.date_longue(date_limite_conclusion(_premiere(conseillee)))}).", "dates_date_effet")
    with col2:
        c.date_("dates_cloture", "periode.date_cloture_premier_exercice", "Clôture du premier exercice",
                aide=AIDE["cloture"], facultatif=True)
        effet = date_depuis_iso(p.get("date_effet"))
        if effet is not None:
            _proposer("dates_prendre_cloture", "periode.date_cloture_premier_exercice", cloture_proposee(effet),
                      "un exercice de douze mois à partir de la date d'effet.", "dates_cloture")
    col1, col2 = st.columns(2)
    minimum = parametres.value_at("periode_calcul_min_mois", d)
    standard = parametres.value_at("periode_calcul_standard_mois", d)
    noms = {12: "12 mois (annuelle, la plus courante)", 6: "6 mois (semestrielle)", 3: "3 mois (trimestrielle)"}
    options = {standard: noms.get(standard, f"{standard} mois")}
    options |= {n: noms.get(n, f"{n} mois") for n in range(standard - 1, minimum - 1, -1)}
    with col1:
        c.choix("dates_periode_calcul", "periode.periode_calcul_mois", "Période de calcul", options,
                aide=AIDE["periode_calcul"], aucun=True)
    dmin = parametres.value_at("duree_accord_min_annees", d)
    dmax = parametres.value_at("duree_accord_max_annees", d)
    with col2:
        c.choix("dates_duree", "periode.duree_annees", "Durée de l'accord",
                {n: f"{n} an{'s' if n > 1 else ''}" for n in range(dmin, dmax + 1)}, aide=AIDE["duree"], aucun=True)
    c.oui_non("dates_reconduction", "periode.reconduction_tacite",
              "Renouvellement automatique (tacite reconduction) au terme de l'accord ?", aide=AIDE["reconduction"])

    st.subheader("Signature", divider="gray", anchor=False)
    periode = _periode(accord)
    if periode is not None:
        premiere = periodes_calcul(periode)[0]
        limite = date_limite_conclusion(premiere)
        depot = date_limite_depot(premiere)
        st.info(f"Pour que l'accord vaille dès la première période, il doit être **conclu au plus tard le "
                f"{fmt.date_longue(limite)}** et **déposé au plus tard le {fmt.date_longue(depot)}** "
                "(art. L3314-4 et D3313-1).", icon=":material/calendar_month:")
    c.date_("dates_conclusion", "mise_en_place.date_conclusion", "Date de conclusion (signature prévue ou faite)",
            aide=AIDE["date_conclusion"], facultatif=True)
    r = (accord.get("mise_en_place") or {}).get("ratification") or {}
    if r.get("date_vote") and not (accord.get("mise_en_place") or {}).get("date_conclusion"):
        _proposer("dates_prendre_conclusion", "mise_en_place.date_conclusion", date_depuis_iso(r["date_vote"]),
                  "la date du vote saisie à l'étape « Mode de mise en place » (la majorité des deux tiers y est "
                  "atteinte).", "dates_conclusion")
    if periode is not None:
        periodes = periodes_calcul(periode)
        with st.expander(f"Les {len(periodes)} périodes de calcul de l'accord"):
            for p_ in periodes:
                st.markdown(f"- Période {int(p_.numero)} : du {fmt.date_longue(p_.debut)} au {fmt.date_longue(p_.fin)} "
                            f"({int(p_.mois)} mois)")
            st.markdown(f"Terme de l'accord : **{fmt.date_longue(periode.date_fin)}**.")


def _premiere(effet: Any) -> Any:
    from interessement.modele import PeriodeCalcul

    return PeriodeCalcul(numero=1, debut=effet, fin=cloture_proposee(effet), mois=12)


def resume(accord: dict[str, Any]) -> list[tuple[str, str]]:
    p = accord.get("periode") or {}

    def dl(v: Any) -> str:
        x = date_depuis_iso(v)
        return fmt.date_longue(x) if x else A_RENSEIGNER

    return [
        ("Date d'effet", dl(p.get("date_effet"))),
        ("Clôture du premier exercice", dl(p.get("date_cloture_premier_exercice"))),
        ("Période de calcul", f"{p.get('periode_calcul_mois')} mois" if p.get("periode_calcul_mois")
         else A_RENSEIGNER),
        ("Durée", f"{p.get('duree_annees')} an{'s' if int(p.get('duree_annees') or 0) > 1 else ''}"
         if p.get("duree_annees") else A_RENSEIGNER),
        ("Renouvellement automatique", oui_non(p.get("reconduction_tacite"))),
        ("Date de conclusion", dl((accord.get("mise_en_place") or {}).get("date_conclusion"))),
    ]
