"""Les réponses dont d'autres dépendent : un changement en amont est expliqué, jamais appliqué en silence.

À chaque exécution, l'assistant compare les réponses qui décident des suivantes (effectif, délégué syndical, CSE,
accord de branche, mode de mise en place, dirigeants) avec celles de l'exécution précédente (``ui["contexte"]``).
Quand une réponse en aval devient impossible, elle n'est **jamais remplacée** par une autre : elle est effacée
(ou mise de côté, pour les faits propres à un mode) et l'étape concernée dit ce qui a changé et ce qu'il faut
faire (``ui["changements"]``, une liste de ``{"etape", "texte"}`` que la personne referme quand elle a lu).

Logique pure (sans Streamlit), testée seule.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from interessement import format as fmt
from interessement.modele import LIBELLES_MODES

from .eligibilite import codes_possibles, dirigeants_possibles, modes_possibles, seuils

#: Les faits propres à chaque mode (mis de côté quand le mode change, repris si la personne y revient).
FAITS_DES_MODES: dict[str, tuple[str, ...]] = {
    "ratification": ("ratification",),
    "accord_cse": ("vote_cse",),
    "accord_delegues_syndicaux": ("audience_signataires", "date_consultation_salaries"),
    "convention_collective": ("audience_signataires", "date_consultation_salaries"),
    "decision_unilaterale": ("date_pv_desaccord", "date_consultation_cse"),
    "adhesion_branche": ("adhesion_branche",),
}
TOUS_LES_FAITS = tuple(dict.fromkeys(f for faits in FAITS_DES_MODES.values() for f in faits))


def contexte(accord: dict[str, Any]) -> dict[str, Any]:
    e = accord.get("entreprise") or {}
    return {
        "effectif": e.get("effectif"),
        "ds": e.get("delegues_syndicaux"),
        "cse": e.get("cse"),
        "branche": e.get("couverte_accord_branche_agree"),
        "mode": (accord.get("mise_en_place") or {}).get("mode"),
        "dirigeants": [(d or {}).get("nom") for d in e.get("dirigeants") or []],
    }


def _oui_non(v: Any) -> str:
    return "non renseigné" if v is None else ("oui" if v else "non")


def _ce_qui_a_change(avant: dict[str, Any], apres: dict[str, Any]) -> list[str]:
    morceaux = []
    if avant.get("effectif") != apres.get("effectif") and avant.get("effectif") is not None:
        morceaux.append(f"le nombre de salariés est passé de {avant['effectif']} à {apres.get('effectif')}")
    if avant.get("ds") != apres.get("ds") and avant.get("ds") is not None:
        morceaux.append(f"délégué syndical : {_oui_non(apres.get('ds'))}")
    if avant.get("cse") != apres.get("cse") and avant.get("cse") is not None:
        morceaux.append(f"CSE : {_oui_non(apres.get('cse'))}")
    if avant.get("branche") != apres.get("branche") and avant.get("branche") is not None:
        morceaux.append(f"accord de branche agréé : {_oui_non(apres.get('branche'))}")
    return morceaux


def decrire_fait(nom: str, valeur: Any) -> str:
    """Un fait propre à un mode, en mots (pour dire ce qui a été mis de côté)."""
    if nom == "ratification" and isinstance(valeur, dict):
        return (f"le vote du personnel ({valeur.get('votes_pour')} pour, {valeur.get('votes_contre')} contre, sur "
                f"{valeur.get('effectif_inscrit')} inscrits)")
    if nom == "vote_cse" and isinstance(valeur, dict):
        return (f"le vote du CSE ({valeur.get('votes_pour')} votes favorables sur "
                f"{valeur.get('membres_titulaires_presents')} membres présents)")
    if nom == "audience_signataires":
        try:
            return f"l'audience des syndicats signataires ({fmt.pourcentage(valeur)})"
        except (TypeError, ValueError, ArithmeticError):
            return "l'audience des syndicats signataires"
    if nom == "adhesion_branche" and isinstance(valeur, dict):
        return f"l'accord de branche « {valeur.get('intitule') or '—'} »"
    libelles = {"date_consultation_salaries": "la date de consultation des salariés",
                "date_pv_desaccord": "la date du procès-verbal de désaccord",
                "date_consultation_cse": "la date de consultation du CSE"}
    return libelles.get(nom, nom)


def _renseigne(v: Any) -> bool:
    if isinstance(v, dict):
        return any(x not in (None, "", [], False) for x in v.values())
    return v not in (None, "", [])


def noter(ui: dict[str, Any], etape: str, texte: str, *, mode_retire: str | None = None) -> None:
    """Un changement à dire à l'étape ``etape`` ; ``mode_retire`` : le mode que ce changement a retiré (le message
    est remplacé si ce mode redevient possible, pour ne jamais laisser un message qui ne vaut plus)."""
    liste = ui.setdefault("changements", [])
    if not any(c.get("etape") == etape and c.get("texte") == texte for c in liste):
        liste.append({"etape": etape, "texte": texte, **({"mode_retire": mode_retire} if mode_retire else {})})


def refermer(ui: dict[str, Any], etape: str) -> None:
    ui["changements"] = [c for c in ui.get("changements") or [] if c.get("etape") != etape]


def changements_de(ui: dict[str, Any], etape: str) -> list[str]:
    return [c["texte"] for c in ui.get("changements") or [] if c.get("etape") == etape]


def ranger_faits_du_mode(accord: dict[str, Any], ui: dict[str, Any], ancien: str | None, nouveau: str | None
                         ) -> list[str]:
    """Met de côté les faits de l'ancien mode et reprend ceux du nouveau. Renvoie ce qui a été mis de côté."""
    mep = accord.setdefault("mise_en_place", {})
    cote = ui.setdefault("mis_de_cote", {})
    gardes = set(FAITS_DES_MODES.get(nouveau or "", ()))
    retires = []
    if ancien:
        sauvegarde = {}
        for nom in FAITS_DES_MODES.get(ancien, ()):
            if nom in gardes:
                continue
            if _renseigne(mep.get(nom)):
                sauvegarde[nom] = copy.deepcopy(mep[nom])
                retires.append(decrire_fait(nom, mep[nom]))
        if sauvegarde:
            cote[ancien] = sauvegarde
    for nom in TOUS_LES_FAITS:
        if nom not in gardes:
            mep[nom] = None
    for nom, valeur in (cote.pop(nouveau, None) or {}).items() if nouveau else ():
        if mep.get(nom) is None:
            mep[nom] = valeur
    return retires


def deduire_de_la_loi(accord: dict[str, Any], d: date) -> None:
    """Les réponses que la loi donne d'elle-même d'après les faits déjà saisis (jamais d'après un exemple) :
    pas de dirigeant bénéficiaire hors de 1 à 249 salariés (L3312-3), pas de conjoint bénéficiaire sans conjoint
    collaborateur ou associé, pas de demande conjointe de ratification sans délégué syndical ni CSE."""
    from .requis import QUALITES_CONJOINT

    e = accord.get("entreprise") or {}
    ben = accord.setdefault("beneficiaires", {})
    effectif = e.get("effectif")
    if isinstance(effectif, int) and not dirigeants_possibles(effectif, d):
        ben["dirigeants_inclus"] = False
        ben["conjoint_inclus"] = False
    if not any((x or {}).get("qualite") in QUALITES_CONJOINT for x in e.get("dirigeants") or []):
        ben["conjoint_inclus"] = False
    r = (accord.get("mise_en_place") or {}).get("ratification")
    if isinstance(r, dict) and e.get("delegues_syndicaux") is False and e.get("cse") is False:
        r["demande_conjointe"] = False


def suivre(accord: dict[str, Any], ui: dict[str, Any], d: date) -> None:
    """Compare avec l'exécution précédente ; efface ce qui est devenu impossible et le dit à l'étape concernée."""
    avant = ui.get("contexte")
    apres = contexte(accord)
    e = accord.setdefault("entreprise", {})
    mep = accord.setdefault("mise_en_place", {})
    info = accord.setdefault("information", {})
    ben = accord.setdefault("beneficiaires", {})
    if avant is None:
        ui["contexte"] = apres
        deduire_de_la_loi(accord, d)
        return
    pourquoi = _ce_qui_a_change(avant, apres)
    ui["contexte"] = apres
    cause = (" et ".join(pourquoi)[:1].upper() + " et ".join(pourquoi)[1:]) if pourquoi else ""

    # Le mode choisi n'est plus possible : il est retiré, jamais remplacé par un autre.
    mode = mep.get("mode")
    if mode and e.get("effectif") is not None and mode not in codes_possibles(e, d):
        raison = next((m.pourquoi for m in modes_possibles(e, d) if m.code == mode), "")
        retires = ranger_faits_du_mode(accord, ui, mode, None)
        mep["mode"] = None
        texte = (f"{cause + ' : ' if cause else ''}le mode choisi, « {LIBELLES_MODES.get(mode, mode)} », n'est plus "
                 f"possible. {raison} Rien n'a été choisi à votre place : choisissez un autre mode.")
        if retires:
            texte += " Mis de côté (repris si vous revenez à ce mode) : " + ", ".join(retires) + "."
        noter(ui, "mise_en_place", texte, mode_retire=mode)
    elif avant.get("mode") != mode:
        retires = ranger_faits_du_mode(accord, ui, avant.get("mode"), mode)
        if retires and avant.get("mode"):
            noter(ui, "mise_en_place", f"Vous avez quitté « {LIBELLES_MODES.get(avant['mode'], avant['mode'])} » : "
                  + ", ".join(retires) + " " + ("ont" if len(retires) > 1 else "a") + " été mis de côté ; ces "
                  "réponses ne figureront pas dans le document (elles reviennent si vous choisissez de nouveau ce "
                  "mode).")
        if avant.get("mode") and any((s or {}).get("partie") == "salaries" for s in mep.get("signataires") or []):
            noter(ui, "information", "Le mode de mise en place a changé : vérifiez les signataires pour les "
                  "salariés (qui signe dépend du mode).")

    # Un mode retiré par un changement précédent redevient possible : le message d'alors ne vaut plus, il est
    # remplacé par ce qui est vrai maintenant (le mode n'est pas rechoisi à la place de la personne).
    if pourquoi and e.get("effectif") is not None:
        possibles = codes_possibles(e, d)
        for c in list(ui.get("changements") or []):
            ancien = c.get("mode_retire")
            if ancien and ancien in possibles:
                ui["changements"].remove(c)
                if mep.get("mode") is None:
                    noter(ui, "mise_en_place", f"{cause} : « {LIBELLES_MODES.get(ancien, ancien)} », retiré plus "
                          "tôt, est de nouveau possible. Rien n'a été choisi à votre place : choisissez votre mode "
                          "(les réponses mises de côté reviennent avec lui).")

    # Le vote porte sur le personnel inscrit le jour du vote : un effectif changé depuis est signalé.
    r = mep.get("ratification") or {}
    if (pourquoi and avant.get("effectif") != apres.get("effectif") and r.get("effectif_inscrit") is not None
            and r.get("effectif_inscrit") != apres.get("effectif")):
        noter(ui, "mise_en_place", f"{cause} : le vote saisi porte sur {r['effectif_inscrit']} personnes inscrites. "
              "Vérifiez qu'il correspond bien au personnel inscrit le jour du vote.")

    # Le suivi et les différends ne peuvent être confiés qu'à un organe qui existe.
    if avant.get("cse") != apres.get("cse") and avant.get("cse") is not None:
        effaces = []
        if e.get("cse") is False and info.get("suivi_par") in ("cse", "commission"):
            effaces.append("qui suit l'application de l'accord")
            info["suivi_par"] = None
            info["commission_creee_par_cse"] = False
        if e.get("cse") and info.get("suivi_par") == "salaries":
            effaces.append("qui suit l'application de l'accord")
            info["suivi_par"] = None
        if e.get("cse") is False and info.get("instance_litiges") in ("cse", "commission"):
            effaces.append("qui examine d'abord un différend")
            info["instance_litiges"] = None
        if effaces:
            noter(ui, "information", f"{cause} : la réponse à « " + " » et à « ".join(effaces) + " » ne valait plus "
                  "et a été effacée ; répondez de nouveau (et relisez le règlement des différends).")
        if e.get("cse") and e.get("date_pv_carence"):
            e["date_pv_carence"] = None
            noter(ui, "entreprise", "Un CSE est élu : la date du procès-verbal de carence, devenue sans objet, a "
                  "été effacée.")

    # Les dirigeants ne bénéficient que de 1 à 249 salariés.
    effectif = apres.get("effectif")
    if effectif is not None and avant.get("effectif") != effectif:
        if ben.get("dirigeants_inclus") and not dirigeants_possibles(int(effectif), d):
            ben["dirigeants_inclus"] = None
            ben["conjoint_inclus"] = None
            s = seuils(d)
            noter(ui, "beneficiaires", f"{cause} : les dirigeants ne peuvent plus bénéficier de l'intéressement "
                  f"(réservé aux entreprises de {s['dirigeants_min']} à {s['dirigeants_max'] - 1} salariés, art. "
                  "L3312-3) ; votre réponse a été effacée.")
        if e.get("date_pv_carence") and int(effectif) < seuils(d)["cse"]:
            e["date_pv_carence"] = None
            noter(ui, "entreprise", f"{cause} : sous {seuils(d)['cse']} salariés, le procès-verbal de carence "
                  "n'est pas demandé ; sa date a été effacée.")

    # Un signataire repris d'un dirigeant qui n'existe plus.
    disparus = [n for n in avant.get("dirigeants") or [] if n and n not in apres["dirigeants"]]
    signataires = {(s or {}).get("nom") for s in mep.get("signataires") or [] if (s or {}).get("partie") == "employeur"}
    for nom in disparus:
        if nom in signataires:
            noter(ui, "information", f"« {nom} » n'est plus parmi les dirigeants de l'étape « Entreprise » mais "
                  "signe encore pour l'employeur : vérifiez les signataires.")
    deduire_de_la_loi(accord, d)
    ui["contexte"] = contexte(accord)
