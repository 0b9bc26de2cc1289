"""Les faits que seul l'utilisateur peut donner et sans lesquels un document n'est pas rédigé (jamais inventés).

``verifier_faits(accord)`` lève ``FaitsManquants`` (message français, un détail par champ : « champ « X » : … »)
quand un fait nécessaire au texte manque ; ``suivi_par(accord)`` dit quel organe suit l'accord (L3313-2, 6°).
Ce sont des messages à l'utilisateur, pas des phrases des documents (celles-ci sont dans la bibliothèque des
clauses).
"""

from __future__ import annotations

from .. import parametres
from ..erreurs import ErreurEntree
from ..modele import Accord


def valeur(nom: str, d):  # noqa: ANN001, ANN202
    """``parametres.value_at`` ; une date hors période modélisée devient une erreur d'entrée française."""
    try:
        return parametres.value_at(nom, d)
    except parametres.HorsPeriodeModelisee as exc:
        raise ErreurEntree(f"Impossible de rédiger le document : {exc}") from exc


def suivi_par(accord: Accord) -> str:
    """L'organe de suivi (L3313-2 6°) : le CSE, une commission créée par lui, sinon les salariés directement."""
    info = accord.information
    if not accord.entreprise.cse:
        return "salaries"
    if info.suivi_par == "commission" and info.commission_creee_par_cse:
        return "commission"
    return "cse"



class FaitsManquants(ErreurEntree):
    """Un fait que seul l'utilisateur peut donner manque : le document n'est pas rédigé (jamais inventé)."""


def faits_manquants(accord: Accord) -> list[tuple[str, str]]:
    """(champ, ce qu'il faut y dire) pour chaque fait nécessaire au texte que les données ne donnent pas."""
    m = accord.mise_en_place
    e = accord.entreprise
    info = accord.information
    manques: list[tuple[str, str]] = []
    if info.presomption_information is None:
        manques.append(("information.presomption_information",
                        "la date à laquelle le bénéficiaire est présumé informé du montant qui lui est attribué "
                        "(remise en main propre, courrier ou voie électronique, et le nombre de jours après "
                        "l'envoi) ; elle ouvre son délai de choix (article R3313-12, II)"))
    if m.mode == "adhesion_branche":
        a = m.adhesion_branche
        if a is None:
            manques.append(("mise_en_place.adhesion_branche", "l'accord de branche agréé auquel la société adhère"))
        else:
            if not a.options:
                manques.append(("mise_en_place.adhesion_branche.options",
                                "les options retenues parmi celles de l'accord de branche, chacune avec l'article "
                                "de l'accord de branche qui la propose (article D3345-7)"))
            if not (a.reference_agrement or a.date_agrement):
                manques.append(("mise_en_place.adhesion_branche.reference_agrement",
                                "la référence ou la date de l'agrément de l'accord de branche (article L3345-4)"))
    # Vote du CSE, audience des signataires, consultation des salariés : laissés en blanc (« ………… ») à
    # compléter avant la signature, et signalés par la règle FORMALITES_CONCLUSION ; jamais inventés.
    if m.mode == "ratification" and m.ratification is None:
        manques.append(("mise_en_place.ratification", "le résultat du vote de ratification (article D3345-1, 3°)"))
    elif m.mode == "decision_unilaterale":
        if e.cse or e.delegues_syndicaux:
            if m.date_pv_desaccord is None:
                manques.append(("mise_en_place.date_pv_desaccord", "la date du procès-verbal de désaccord"))
            if m.date_consultation_cse is None:
                manques.append(("mise_en_place.date_consultation_cse", "la date de la consultation du CSE"))
        elif e.effectif >= valeur("cse_effectif_min", m.date_conclusion) and e.date_pv_carence is None:
            manques.append(("entreprise.date_pv_carence", "la date du procès-verbal de carence (article D3345-3)"))
    if info.suivi_par == "commission" and not (e.cse and info.commission_creee_par_cse):
        manques.append(("information.commission_creee_par_cse",
                        "la commission de suivi doit être une commission spécialisée créée par le CSE (article "
                        "L3313-2, 6°) ; sans CSE, le suivi revient aux salariés directement"))
    if info.suivi_par == "cse" and not e.cse:
        manques.append(("information.suivi_par", "l'entreprise n'a pas de CSE : le suivi revient aux salariés "
                        "directement (valeur « salaries »)"))
    if info.instance_litiges == "cse" and not e.cse:
        manques.append(("information.instance_litiges", "l'entreprise n'a pas de CSE pour examiner les différends"))
    if info.instance_litiges == "commission" and suivi_par(accord) != "commission":
        manques.append(("information.instance_litiges", "aucune commission créée par le CSE n'existe pour examiner "
                        "les différends"))
    return manques


def verifier_faits(accord: Accord) -> None:
    manques = faits_manquants(accord)
    if manques:
        raise FaitsManquants(
            "Document non rédigé : il manque des faits que seul l'utilisateur peut donner (le document ne les "
            "invente jamais).", [f"champ « {champ} » : {quoi}" for champ, quoi in manques])
