"""Les messages de l'assistant : erreurs de saisie, contrôles des étapes et constats du validateur.

Chaque message vise un chemin du brouillon ; le chemin décide de l'étape où il s'affiche (à côté du champ quand
l'étape a un champ à ce chemin, sinon dans l'encadré des constats de l'étape).
"""

from __future__ import annotations

from typing import Any

from . import champs as c

SEVERITES = {"BLOQUANT": "bloquant", "AVERTISSEMENT": "avertissement", "INFORMATION": "information"}
LIBELLES_SEVERITES = {"BLOQUANT": "Bloquant", "AVERTISSEMENT": "Avertissement", "INFORMATION": "Information"}

# Du chemin (préfixe le plus long d'abord) à l'étape.
CHEMINS_ETAPES: list[tuple[str, str]] = sorted([
    ("entreprise", "entreprise"),
    ("mise_en_place.date_conclusion", "dates"),
    ("mise_en_place.signataires", "information"),
    ("mise_en_place.lieu", "information"),
    ("mise_en_place", "mise_en_place"),
    ("periode", "dates"),
    ("depot", "information"),
    ("perimetre", "beneficiaires"),
    ("beneficiaires", "beneficiaires"),
    ("indicateurs", "formule"),
    ("formule", "formule"),
    ("historique", "formule"),
    ("repartition", "repartition"),
    ("versement", "versement"),
    ("information", "information"),
    ("elements_remuneration_supprimes", "information"),
    ("ui.questions.plans", "versement"),
    ("ui.questions.avances", "versement"),
    ("ui.questions.conges_payes", "repartition"),
    ("ui.questions.elements_supprimes", "information"),
], key=lambda x: -len(x[0]))

# Quand un constat n'a pas de chemin : l'étape de sa règle.
REGLES_ETAPES = {
    "ENTREPRISE_ELIGIBLE": "entreprise", "CSE_CARENCE": "entreprise", "OBLIGATION_PARTAGE_VALEUR": "entreprise",
    "MODE_MISE_EN_PLACE": "mise_en_place", "DUE_CONDITIONS": "mise_en_place",
    "DUREE": "dates", "PERIODE_CALCUL": "dates", "DELAI_CONCLUSION": "dates", "RECONDUCTION": "dates",
    "DELAI_DEPOT": "information", "CONTROLE_URSSAF": "information", "VERSEMENT_AVANT_DEPOT": "versement",
    "BENEFICIAIRES_TOUS": "beneficiaires", "ANCIENNETE": "beneficiaires", "CONDITION_PRESENCE": "beneficiaires",
    "DIRIGEANTS": "beneficiaires",
    "FORMULE_ALEATOIRE": "formule", "FORMULE_ACTIVITE": "formule", "FORMULE_MESURABLE": "formule",
    "OBJECTIFS_ATTEIGNABLES": "formule", "FORMULE_COLLECTIVE": "formule", "ALEA_FAIBLE": "formule",
    "PLAFOND_GLOBAL": "formule",
    "PLAFOND_INDIVIDUEL": "repartition", "REDISTRIBUTION": "repartition", "REPARTITION_CRITERES": "repartition",
    "ASSIMILATIONS_PRESENCE": "repartition", "SALAIRE_REFERENCE": "repartition",
    "SALAIRE_DIRIGEANTS": "repartition", "SALAIRE_PLANCHER_PLAFOND": "repartition", "SUPPLEMENT": "repartition",
    "NON_SUBSTITUTION": "information", "DATE_VERSEMENT": "versement", "AFFECTATION_PLAN": "versement",
    "CLAUSES_OBLIGATOIRES": "information", "AVANCES": "versement", "INTEGRITE_DOCUMENT": "documents",
    "FORMALITES_CONCLUSION": "mise_en_place", "ADHESION_BRANCHE": "mise_en_place", "PREVALIDATION": "information",
    "SUIVI_ORGANE": "information", "INFORMATION_DATE_PRESUMEE": "information",
    "DENONCIATION_REVISION": "information", "PIECES_DEPOT": "documents",
}


def etape_du_chemin(chemin: str) -> str | None:
    for prefixe, etape in CHEMINS_ETAPES:
        if chemin == prefixe or chemin.startswith(prefixe + ".") or chemin.startswith(prefixe + "["):
            return etape
    return None


def chemins(constat: Any) -> list[str]:
    ch = getattr(constat, "chemin", None)
    if ch is None and isinstance(constat, dict):
        ch = constat.get("chemin")
    if isinstance(ch, str):
        return [ch] if ch else []
    return [x for x in (ch or []) if x]


def etape_du_constat(constat: Any) -> str:
    for ch in chemins(constat):
        e = etape_du_chemin(ch)
        if e:
            return e
    return REGLES_ETAPES.get(getattr(constat, "id", ""), "revue")


def references(constat: Any) -> list[str]:
    refs = []
    for r in getattr(constat, "references", None) or []:
        article = getattr(r, "article", None) or (r.get("article") if isinstance(r, dict) else str(r))
        refs.append(str(article))
    return refs


def en_message(constat: Any) -> c.Message:
    return c.Message(SEVERITES.get(constat.severite, "information"), constat.message,
                     getattr(constat, "suggestion", None) or None, constat.id, references(constat))


def chemin_principal(constat: Any) -> str:
    ch = chemins(constat)
    if ch:
        return ch[0]
    return f"{etape_du_constat(constat)}.__regle__"


def signaler_constats(rapport: Any) -> None:
    """Range chaque constat du validateur sous son premier chemin (ou sous l'étape de sa règle)."""
    if rapport is None:
        return
    for constat in rapport.constats:
        c.signaler(chemin_principal(constat), en_message(constat))


def signaler_manques(manques: list[Any]) -> None:
    """Chaque réponse obligatoire absente, sous son champ : « À renseigner : … »."""
    for m in manques:
        c.signaler(m.chemin, c.Message("a_renseigner", m.texte))


def _couvert(chemin: str, manquants: set[str]) -> bool:
    """Le chemin (ou un parent, ou un enfant) est déjà « à renseigner »."""
    for m in manquants:
        if chemin == m or chemin.startswith((m + ".", m + "[")) or m.startswith((chemin + ".", chemin + "[")):
            return True
    return False


def signaler_erreurs_saisie(erreurs: list[tuple[str, str]], accord: dict[str, Any] | None = None) -> None:
    """Les erreurs de lecture du brouillon, sauf là où un contrôle d'étape bloque déjà (message plus utile) et là
    où la réponse n'est simplement pas encore donnée (« à renseigner », pas une faute)."""
    from .brouillon import lire
    from .requis import vide

    manquants = {chemin for chemin, liste in c.tous_les_messages().items() for m in liste
                 if m.gravite == "a_renseigner"}
    for chemin, message in erreurs:
        chemin = chemin or "entreprise"
        if any(m.bloquant for m in c.messages_de(chemin)) or _couvert(chemin, manquants):
            continue
        if accord is not None and vide(lire(accord, chemin)):
            # Une réponse pas encore donnée : l'étape est incomplète. Si elle nomme déjà ce qui manque, rien de
            # plus ; sinon « à renseigner » sous le champ.
            etape = etape_du_chemin(chemin)
            if not any(etape_du_chemin(m) == etape for m in manquants):
                c.signaler(chemin, c.Message("a_renseigner", "À renseigner."))
            continue
        c.signaler(chemin, c.Message("bloquant", message, regle=None))


def par_etape(messages: dict[str, list[c.Message]]) -> dict[str, list[tuple[str, c.Message]]]:
    resultat: dict[str, list[tuple[str, c.Message]]] = {}
    for chemin, liste in messages.items():
        etape = etape_du_chemin(chemin) or chemin.split(".")[0]
        for m in liste:
            resultat.setdefault(etape, []).append((chemin, m))
    return resultat
