"""Des phrases simples à partir du brouillon : la formule en mots, une proposition de préambule."""

from __future__ import annotations

from typing import Any

from interessement import format as fmt
from interessement.modele import LIBELLES_NATURES

A_RENSEIGNER = "à renseigner"


def oui_non(v: Any) -> str:
    """Une réponse oui/non pour le récapitulatif ; « à renseigner » tant qu'elle n'est pas donnée."""
    return A_RENSEIGNER if v is None else ("oui" if v else "non")


def _libelle(accord: dict[str, Any], code: str | None) -> str:
    if not code:
        return f"résultat [{A_RENSEIGNER}]"
    ind = next((i for i in accord.get("indicateurs") or [] if i.get("code") == code), None)
    return (ind or {}).get("libelle") or LIBELLES_NATURES.get(code, code)


def _valeur(accord: dict[str, Any], code: str, v: Any) -> str:
    ind = next((i for i in accord.get("indicateurs") or [] if i.get("code") == code), None)
    unite = (ind or {}).get("unite", "centimes")
    if v is None:
        return f"[{A_RENSEIGNER}]"
    if unite == "centimes":
        return fmt.montant(v)
    return fmt.nombre(v) + ("\u00a0%" if unite == "pourcentage" else "")


def _minuscule(nom: str) -> str:
    """« Résultat courant avant impôt (RCAI) » → « résultat courant avant impôt (RCAI) » : seule l'initiale passe en
    minuscule (``str.lower`` écrivait « (rcai) », « chiffre d'affaires ht ») ; un sigle en tête reste tel quel."""
    if len(nom) > 1 and nom[1].isupper():
        return nom
    return nom[:1].lower() + nom[1:]


def _pc(v: Any, chiffres: int | None = None) -> str:
    if v is None:
        return f"[{A_RENSEIGNER}]"
    return fmt.pourcentage(v) if chiffres is None else fmt.pourcentage(v, chiffres)


def _m(v: Any) -> str:
    return f"[{A_RENSEIGNER}]" if v is None else fmt.montant(v)


def decrire_composante(accord: dict[str, Any], comp: dict[str, Any]) -> str:
    t = comp.get("type")
    if t == "part_resultat":
        nom = _libelle(accord, comp.get("indicateur")) if comp.get("indicateur") else f"résultat [{A_RENSEIGNER}]"
        if comp.get("tranches"):
            morceaux = [f"{_pc(tr.get('taux'))} au-delà de {_m(tr.get('plancher_centimes'))}"
                        for tr in comp["tranches"]]
            return f"une part du {_minuscule(nom)} par tranches : " + ", ".join(morceaux)
        return (f"{_pc(comp.get('taux'))} de ce que le {_minuscule(nom)} dépasse "
                f"{_m(comp.get('seuil_centimes'))}")
    if t == "paliers_croissance":
        nom = _libelle(accord, comp.get("indicateur")) if comp.get("indicateur") else f"indicateur [{A_RENSEIGNER}]"
        morceaux = [f"{_pc(p.get('taux_masse_salariale'))} de la masse salariale si la croissance "
                    f"atteint {_pc(p.get('croissance_min'))}" for p in comp.get("paliers") or []]
        return f"selon la croissance du {_minuscule(nom)} par rapport à l'exercice précédent : " + " ; ".join(morceaux)
    if t == "objectifs":
        objectifs = ", ".join(f"{o.get('nom')} ({_pc(o.get('poids'), 0)})"
                              for o in comp.get("objectifs") or [])
        return (f"jusqu'à {_pc(comp.get('budget_taux_masse_salariale'))} de la masse salariale "
                f"selon l'atteinte d'objectifs collectifs : {objectifs}")
    if t == "montant_fixe":
        return f"un montant fixe de {fmt.montant(comp.get('montant_centimes') or 0)} (interdit)"
    if t == "pourcentage_masse_salariale":
        return f"{fmt.pourcentage(comp.get('taux') or 0)} de la masse salariale sans condition (interdit)"
    return str(t)


def decrire_formule(accord: dict[str, Any]) -> str:
    f = accord.get("formule") or {}
    morceaux = [decrire_composante(accord, comp) for comp in f.get("composantes") or []]
    texte = "L'enveloppe est " + " ; plus ".join(morceaux) if morceaux else "Aucune formule"
    for d in f.get("declencheurs") or []:
        operateur = {">": "dépasse", ">=": "atteint au moins", "<": "reste sous", "<=": "ne dépasse pas"}.get(
            d.get("operateur"), d.get("operateur"))
        texte += (f". Rien n'est versé sauf si le {_minuscule(_libelle(accord, d.get('indicateur')))} {operateur} "
                  f"{_valeur(accord, d.get('indicateur'), d.get('valeur'))}")
    p = f.get("plafond") or {}
    plafonds = []
    if p.get("taux_masse_salariale") is not None:
        plafonds.append(f"{fmt.pourcentage(p['taux_masse_salariale'])} de la masse salariale")
    if p.get("montant_centimes") is not None:
        plafonds.append(fmt.montant(p["montant_centimes"]))
    if plafonds:
        texte += ". Elle est plafonnée à " + " et à ".join(plafonds)
    if not morceaux:
        return texte + "."
    # « et toujours à 20 % » se lisait comme une enveloppe garantie : c'est une limite (L3314-8).
    return texte + ", dans la limite de 20 % de la masse salariale (plafond légal)."


def decrire_cles(accord: dict[str, Any]) -> str:
    r = accord.get("repartition") or {}
    morceaux = []
    for cle, libelle in (("part_uniforme", "à parts égales"), ("part_presence", "selon le temps de présence"),
                         ("part_salaire", "selon le salaire")):
        if r.get(cle):
            morceaux.append(f"{fmt.pourcentage(r[cle], 0)} {libelle}")
    return ", ".join(morceaux) or "aucune clé"


def proposer_preambule(accord: dict[str, Any]) -> str:
    formule = decrire_formule(accord)
    formule = formule[0].lower() + formule[1:]
    qui = ("L'employeur a retenu" if (accord.get("mise_en_place") or {}).get("mode") == "decision_unilaterale"
           else "Les parties ont retenu")
    return (
        "La société souhaite associer l'ensemble de ses salariés à ses résultats et à ses performances, auxquels "
        f"chacun contribue. {qui} une formule simple et mesurable : {formule} Ainsi, la prime "
        "dépend réellement des résultats de l'entreprise et peut être nulle. L'enveloppe est répartie "
        f"{decrire_cles(accord)}{_raisons_des_cles(accord)}."
    )


#: Ce que chaque clé de répartition reconnaît, pour la phrase du préambule proposé.
RAISONS_CLES = (("part_uniforme", "la contribution de chacun à la performance collective"),
                ("part_presence", "la présence de chacun dans l'entreprise"),
                ("part_salaire", "le niveau de responsabilité de chacun"))


def _raisons_des_cles(accord: dict[str, Any]) -> str:
    """« , afin de reconnaître … » d'après les seules clés retenues (aucune présence sans clé de présence)."""
    r = accord.get("repartition") or {}
    raisons = [raison for cle, raison in RAISONS_CLES if r.get(cle)]
    if not raisons:
        return ""
    if len(raisons) == 1:
        return f", afin de reconnaître {raisons[0]}"
    return f", afin de reconnaître à la fois {', '.join(raisons[:-1])} et {raisons[-1]}"


def suivre_preambule(accord: dict[str, Any], ui: dict[str, Any]) -> None:
    """Le préambule proposé (à la demande de la personne) suit ses réponses tant qu'elle ne l'a pas retouché.

    Jamais proposé : rien n'est écrit (le préambule reste « à renseigner »). Identique à la dernière
    proposition : remplacé par la proposition du moment. Retouché ou vidé : plus jamais modifié.
    """
    info = accord.setdefault("information", {})
    actuel = info.get("preambule")
    if ui.get("preambule_propose") is not None and actuel == ui["preambule_propose"]:
        propose = proposer_preambule(accord)
        info["preambule"] = propose
        ui["preambule_propose"] = propose
