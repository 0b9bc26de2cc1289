"""Le brouillon de l'assistant : un dictionnaire de la forme d'un ``Accord`` (format d'échange JSON).

C'est l'unique source de vérité de l'assistant : chaque widget est réensemencé depuis lui et y écrit sa valeur.
Il ne contient jamais de données de salariés (elles restent en mémoire, dans la session, le temps de la visite).
À côté de l'accord, un petit dictionnaire « ui » garde l'étape en cours et les chiffres de simulation saisis
(des agrégats de l'entreprise, pas des données personnelles).
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta
from pydantic import ValidationError

from interessement import parametres
from interessement.erreurs import ErreurEntree
from interessement.modele import (
    LIBELLES_NATURES,
    VERSION_FORMAT,
    Accord,
    accord_depuis_dict,
    accord_vers_json,
    chemin_champ,
    lire_json,
    message_erreur,
)

RACINE = Path(__file__).resolve().parent.parent
EXEMPLES = RACINE / "examples"

#: L'ordre de l'entretien (comme le bloc « interview order » de docassemble).
ETAPES: list[tuple[str, str]] = [
    ("entreprise", "Entreprise"),
    ("mise_en_place", "Mode de mise en place"),
    ("dates", "Dates et durée"),
    ("beneficiaires", "Bénéficiaires"),
    ("formule", "Formule de calcul"),
    ("repartition", "Répartition entre salariés"),
    ("versement", "Versement et épargne salariale"),
    ("information", "Information et signataires"),
    ("revue", "Récapitulatif et vérification"),
    ("documents", "Documents"),
]
CODES_ETAPES = [c for c, _ in ETAPES]
TITRES_ETAPES = dict(ETAPES)

#: Définition et source par défaut des indicateurs de résultat (ligne de la liasse fiscale ou des comptes).
DEFINITIONS_INDICATEURS: dict[str, tuple[str, str]] = {
    "resultat_net_comptable": (
        "Résultat net comptable de l'exercice (bénéfice ou perte), tel qu'il ressort des comptes annuels approuvés.",
        "Liasse fiscale, formulaire 2051, ligne DI (résultat de l'exercice)",
    ),
    "resultat_courant_avant_impot": (
        "Résultat courant avant impôt de l'exercice, tel qu'il ressort des comptes annuels approuvés.",
        "Liasse fiscale, formulaire 2052, ligne GW (résultat courant avant impôts)",
    ),
    "resultat_exploitation": (
        "Résultat d'exploitation de l'exercice, tel qu'il ressort des comptes annuels approuvés.",
        "Liasse fiscale, formulaire 2052, ligne GG (résultat d'exploitation)",
    ),
    "benefice_fiscal": (
        "Bénéfice fiscal de l'exercice déclaré à l'administration fiscale.",
        "Liasse fiscale, formulaire 2058-A, ligne XN (résultat fiscal)",
    ),
    "excedent_brut_exploitation": (
        "Excédent brut d'exploitation : valeur ajoutée + subventions d'exploitation − impôts et taxes − charges "
        "de personnel, calculé à partir des comptes annuels approuvés.",
        "Comptes annuels approuvés (soldes intermédiaires de gestion)",
    ),
    "valeur_ajoutee": (
        "Valeur ajoutée de l'exercice : production et marge commerciale moins consommations en provenance de tiers.",
        "Comptes annuels approuvés (soldes intermédiaires de gestion)",
    ),
    "marge_brute": (
        "Marge brute de l'exercice : ventes de marchandises moins coût d'achat des marchandises vendues.",
        "Comptes annuels approuvés (soldes intermédiaires de gestion)",
    ),
    "chiffre_affaires": (
        "Chiffre d'affaires net hors taxes de l'exercice, tel qu'il ressort des comptes annuels approuvés.",
        "Liasse fiscale, formulaire 2052, ligne FL (chiffre d'affaires net)",
    ),
}


#: Les sources qui dépendent du régime fiscal de l'entreprise (réel normal : liasse 2050 à 2059 ; réel simplifié :
#: liasse 2033) : proposées au choix de la personne, jamais écrites d'office (une PME au régime simplifié ne dépose
#: pas de formulaire 2052). (code du choix, libellé du choix, texte de la source).
SOURCES_PAR_REGIME: dict[str, list[tuple[str, str, str]]] = {
    "resultat_net_comptable": [
        ("reel", "Régime réel normal (formulaire 2051)", DEFINITIONS_INDICATEURS["resultat_net_comptable"][1])],
    "resultat_courant_avant_impot": [
        ("reel", "Régime réel normal (formulaire 2052)", DEFINITIONS_INDICATEURS["resultat_courant_avant_impot"][1])],
    "resultat_exploitation": [
        ("reel", "Régime réel normal (formulaire 2052, ligne GG)", DEFINITIONS_INDICATEURS["resultat_exploitation"][1]),
        ("simplifie", "Régime simplifié (formulaire 2033-B, ligne 270)",
         "Liasse fiscale du régime simplifié, formulaire 2033-B, ligne 270 (résultat d'exploitation)")],
    "benefice_fiscal": [
        ("reel", "Régime réel normal (formulaire 2058-A, ligne XN)", DEFINITIONS_INDICATEURS["benefice_fiscal"][1]),
        ("simplifie", "Régime simplifié (formulaire 2033-B, ligne 370)",
         "Liasse fiscale du régime simplifié, formulaire 2033-B, ligne 370 (résultat fiscal)")],
    "chiffre_affaires": [
        ("reel", "Régime réel normal (formulaire 2052, ligne FL)", DEFINITIONS_INDICATEURS["chiffre_affaires"][1])],
}


def absences_legales(d: date) -> list[str]:
    """Les absences que la loi assimile à de la présence à la date ``d`` (article L3314-5)."""
    return list(parametres.value_at("absences_assimilees_presence", d))


def date_effet_conseillee(aujourd_hui: date) -> date:
    """Le 1er janvier de l'année en cours s'il est encore temps de conclure pour elle, sinon celui de l'an prochain."""
    if aujourd_hui <= date(aujourd_hui.year, 6, 15):
        return date(aujourd_hui.year, 1, 1)
    return date(aujourd_hui.year + 1, 1, 1)


def indicateur_resultat(nature: str) -> dict[str, Any]:
    definition, source = DEFINITIONS_INDICATEURS.get(nature, ("", ""))
    if nature in SOURCES_PAR_REGIME:
        source = ""  # dépend du régime fiscal : la personne choisit (interface.etapes.formule)
    return {"code": nature, "libelle": LIBELLES_NATURES.get(nature, nature), "nature": nature,
            "unite": "centimes", "definition": definition, "source": source}


def brouillon_vide(aujourd_hui: date) -> dict[str, Any]:
    """Un brouillon vierge : la forme d'un ``Accord``, sans aucun fait de l'entreprise.

    Rien n'y est inventé : ni entreprise, ni date, ni signataire, ni vote, ni formule. Un champ obligatoire sans
    réponse (``None``, texte vide, liste vide) est « à renseigner » (``interface.requis``). N'y figurent que ce
    que la loi impose (absences assimilées à la présence à la date du jour, délai de choix du salarié) et des
    notions que l'assistant montre à l'écran avec leur article (salaire soumis à cotisations).
    """
    from interessement.modele import Repartition

    return {
        "version_format": VERSION_FORMAT,
        "intitule": "Accord d'intéressement",
        "entreprise": {
            "raison_sociale": "", "siren": None, "forme_juridique": None, "adresse": None, "effectif": None,
            "delegues_syndicaux": None, "cse": None, "date_pv_carence": None, "convention_collective": None,
            "couverte_accord_branche_agree": None, "dirigeants": [], "etablissements": [], "resultats_fiscaux": [],
        },
        "mise_en_place": {
            "mode": None, "date_conclusion": None, "lieu": None, "signataires": [], "ratification": None,
            "date_pv_desaccord": None, "date_consultation_cse": None, "adhesion_branche": None, "vote_cse": None,
            "audience_signataires": None, "date_consultation_salaries": None,
        },
        "periode": {"date_effet": None, "date_cloture_premier_exercice": None, "periode_calcul_mois": None,
                    "duree_annees": None, "reconduction_tacite": None},
        "depot": {"date_depot": None, "numero_recepisse": None, "code_prevalidation": None},
        "perimetre": {"tous_etablissements": True, "etablissements": []},
        "beneficiaires": {
            "anciennete": {"mois": None, "jours": 0, "calcul": "tous_contrats"},
            "categories_exclues": [], "condition_presence": None, "perte_droits_depart": False,
            "dirigeants_inclus": None, "conjoint_inclus": None,
        },
        "indicateurs": [],
        "formule": {"composantes": [], "declencheurs": [], "plafond": None, "plancher_centimes": None},
        "repartition": {
            "part_uniforme": None, "part_presence": None, "part_salaire": None, "autres_criteres": [],
            "notion_salaire": Repartition.model_fields["notion_salaire"].default,
            "salaire_reconstitue_absences": True, "salaire_plancher_centimes": None,
            "salaire_plafond_centimes": None, "absences_assimilees": absences_legales(aujourd_hui),
            "presence_prorata_temps_travail": False, "redistribution_excedent": None,
            "prorata_plafond_individuel": None, "plafond_salaire_conjoint": False, "plafond_salaire_dirigeants": True,
        },
        "versement": {"delai_versement_mois": None, "plans_epargne": [], "affectation_defaut_plan": True,
                      "delai_choix_jours": parametres.value_at("choix_salarie_delai_jours", aujourd_hui),
                      "avances": None},
        "information": {"preambule": None, "suivi_par": None, "commission_creee_par_cse": False,
                        "modalites_information_salaries": None, "presomption_information": None,
                        "instance_litiges": None, "reglement_litiges": None},
        "elements_remuneration_supprimes": [],
        "historique": [],
    }


def cloture_proposee(effet: date) -> date:
    """La clôture qui suit de la date d'effet : la veille du même jour un exercice plus tard (proposée, jamais
    écrite sans confirmation)."""
    return effet + relativedelta(months=12) - relativedelta(days=1)


CONGES_PAYES = "conges_payes"


def ui_par_defaut(accord: dict[str, Any], *, importe: bool = False) -> dict[str, Any]:
    """État de l'interface sauvegardé avec le brouillon.

    - ``etape`` : l'étape en cours ;
    - ``simulation`` : les chiffres d'essai de la formule (vides au départ ; ceux du dernier exercice saisi dans
      les chiffres passés quand il y en a) ;
    - ``questions`` : les réponses oui/non qui ne sont pas des champs de l'accord (« un plan d'épargne ? ») ;
      ``None`` = pas encore répondu. Pour un accord importé (fichier, exemple), elles se déduisent de l'accord ;
    - ``preambule_propose`` : le dernier préambule proposé à la demande (il suit les réponses tant qu'il n'est
      pas retouché) ;
    - ``contexte``, ``changements``, ``mis_de_cote`` : le suivi des réponses dont d'autres dépendent
      (``interface.coherence``) ; ``exemple`` : les valeurs d'un exemple chargé (``interface.exemples``).
    """
    hist = accord.get("historique") or []
    dernier = hist[-1] if hist else {}
    avant = hist[-2] if len(hist) > 1 else {}
    v = accord.get("versement") or {}
    questions: dict[str, Any] = {"plans": None, "avances": None, "elements_supprimes": None, "conges_payes": None}
    if importe:
        questions = {"plans": bool(v.get("plans_epargne")), "avances": bool(v.get("avances")),
                     "elements_supprimes": bool(accord.get("elements_remuneration_supprimes")),
                     "conges_payes": CONGES_PAYES in ((accord.get("repartition") or {}).get("absences_assimilees")
                                                     or [])}
    return {
        "etape": "entreprise",
        "simulation": {
            "masse_salariale_centimes": dernier.get("masse_salariale_centimes"),
            "valeurs": dict(dernier.get("valeurs") or {}),
            "valeurs_precedentes": dict(avant.get("valeurs") or {}),
        },
        "questions": questions,
        "preambule_propose": None,
        "enveloppe_mode": "formule",
        "enveloppe_manuelle_centimes": None,
        "contexte": None,
        "changements": [],
        "mis_de_cote": {},
        "exemple": None,
    }


# ------------------------------------------------------------------------------------------- chemins


_MORCEAU = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _morceaux(chemin: str) -> list[str | int]:
    return [int(i) if i else n for n, i in _MORCEAU.findall(chemin)]


def lire(donnees: Any, chemin: str, defaut: Any = None) -> Any:
    """Valeur au chemin « a.b[2].c » (``defaut`` si absent)."""
    courant = donnees
    for m in _morceaux(chemin):
        try:
            courant = courant[m]
        except (KeyError, IndexError, TypeError):
            return defaut
        if courant is None:
            return defaut
    return courant


def ecrire(donnees: Any, chemin: str, valeur: Any) -> None:
    """Écrit ``valeur`` au chemin, en créant les objets intermédiaires manquants."""
    morceaux = _morceaux(chemin)
    courant = donnees
    for m, suivant in zip(morceaux, morceaux[1:], strict=False):
        if isinstance(m, int):
            courant = courant[m]
            continue
        if courant.get(m) is None:
            courant[m] = [] if isinstance(suivant, int) else {}
        courant = courant[m]
    courant[morceaux[-1]] = valeur


# ----------------------------------------------------------------------------------------- conversions


def taux_depuis_pourcentage(p: float | int | None) -> float | None:
    return None if p is None else round(float(p) / 100, 6)


def pourcentage_depuis_taux(t: Any) -> float:
    return 0.0 if t is None else round(float(t) * 100, 4)


def centimes_depuis_euros(e: float | int | None) -> int | None:
    return None if e is None else int(round(float(e) * 100))


def euros_depuis_centimes(c: Any) -> int:
    return 0 if c is None else int(round(int(c) / 100))


def date_depuis_iso(texte: Any) -> date | None:
    if isinstance(texte, date):
        return texte
    if not texte:
        return None
    try:
        return date.fromisoformat(str(texte))
    except ValueError:
        return None


def iso_depuis_date(d: date | None) -> str | None:
    return d.isoformat() if d else None


def code_indicateur(nom: str) -> str:
    """Un code ASCII snake_case à partir d'un nom (« Taux de livraison à l'heure » → « taux_de_livraison_a_l_heure »)."""
    ascii_ = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode().lower()
    code = re.sub(r"[^a-z0-9]+", "_", ascii_).strip("_")[:50] or "objectif"
    return code if code[0].isalpha() else f"i_{code}"


# ------------------------------------------------------------------------------------------ validation


def vers_accord(accord: dict[str, Any]) -> tuple[Accord | None, list[tuple[str, str]]]:
    """Le brouillon en ``Accord`` ; sinon la liste (chemin, message français) des champs à corriger."""
    try:
        return Accord.model_validate(accord), []
    except ValidationError as exc:
        erreurs = []
        for e in exc.errors(include_url=False):
            chemin = chemin_champ(tuple(e.get("loc", ())))
            message = message_erreur(e).removeprefix(f"{chemin} : ")
            erreurs.append((chemin, message))
        return None, erreurs


# ------------------------------------------------------------------------------------------ import/export


def exemples() -> dict[str, Path]:
    """Les exemples fournis, par libellé lisible."""
    resultat = {}
    for p in sorted(EXEMPLES.glob("*.json")):
        if p.name.endswith(".versement.json"):
            continue
        try:
            d = json.loads(p.read_text(encoding="utf-8"))
            ent = d["entreprise"]
            libelle = f"{ent['raison_sociale']} ({ent['effectif']} salariés)"
        except (OSError, ValueError, KeyError, TypeError):
            libelle = p.stem
        resultat[libelle] = p
    return resultat


def normaliser(accord: Accord) -> dict[str, Any]:
    """Un accord validé, remis sous forme de dictionnaire JSON complet (tous les champs présents)."""
    return json.loads(accord_vers_json(accord))


def importer_json(contenu: bytes, nom: str) -> dict[str, Any]:
    """Lit un accord JSON téléversé. Lève ``ErreurEntree`` (message français) s'il est illisible ou invalide."""
    donnees, nom = lire_json(contenu, nom)
    if isinstance(donnees, dict) and isinstance(donnees.get("accord"), dict) and "entreprise" not in donnees:
        donnees = donnees["accord"]  # brouillon complet exporté avec son état d'interface
    return normaliser(accord_depuis_dict(donnees, nom))


def charger_exemple(chemin: Path) -> dict[str, Any]:
    return importer_json(chemin.read_bytes(), chemin.name)


#: Clé qui marque un brouillon encore incomplet exporté par l'assistant (l'accord n'est pas encore valide).
MARQUE_BROUILLON = "brouillon_interessement"
QUESTIONS = ("plans", "avances", "elements_supprimes")


def exporter_json(accord: dict[str, Any], ui: dict[str, Any] | None = None) -> str:
    """Le brouillon en JSON : l'accord normalisé s'il est complet ; sinon le brouillon tel quel, marqué comme tel,
    avec les réponses oui/non qui ne sont pas dans l'accord (pour le reprendre plus tard sans rien perdre)."""
    modele, _ = vers_accord(accord)
    if modele is not None:
        return accord_vers_json(modele) + "\n"
    questions = {k: v for k, v in ((ui or {}).get("questions") or {}).items() if k in QUESTIONS}
    return json.dumps({MARQUE_BROUILLON: VERSION_FORMAT, "accord": accord, "questions": questions},
                      ensure_ascii=False, indent=2) + "\n"


def _fusionner(vide: Any, lu: Any) -> Any:
    """Le brouillon lu, sur la forme du brouillon vierge : clés inconnues ignorées, sections du mauvais type
    remplacées par leur forme vierge (les valeurs illisibles deviennent des champs vides à l'affichage)."""
    if isinstance(vide, dict):
        if not isinstance(lu, dict):
            return vide
        return {k: _fusionner(v, lu[k]) if k in lu else v for k, v in vide.items()}
    if isinstance(vide, list):
        return lu if isinstance(lu, list) else vide
    return lu if lu is None or isinstance(lu, str | int | float | bool | dict | list) else vide


def importer_brouillon(contenu: bytes, nom: str, aujourd_hui: date) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Un accord complet (comme ``importer_json``) ou un brouillon incomplet exporté par l'assistant.

    Renvoie (brouillon, réponses oui/non) ; ces réponses valent ``None`` pour un accord complet (elles s'en
    déduisent). Lève ``ErreurEntree`` (message français) pour tout autre contenu.
    """
    donnees, nom = lire_json(contenu, nom)
    if isinstance(donnees, dict) and MARQUE_BROUILLON in donnees:
        if not isinstance(donnees.get("accord"), dict):
            raise ErreurEntree(f"{nom} : brouillon illisible (la partie « accord » manque).")
        brouillon = _fusionner(brouillon_vide(aujourd_hui), donnees["accord"])
        questions = {k: v for k, v in (donnees.get("questions") or {}).items()
                     if k in QUESTIONS and v in (True, False, None)} if isinstance(donnees.get("questions"), dict) else {}
        return brouillon, questions
    return importer_json(contenu, nom), None


def copie(d: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(d)


__all__ = [
    "CODES_ETAPES",
    "ETAPES",
    "ErreurEntree",
    "TITRES_ETAPES",
    "brouillon_vide",
    "ecrire",
    "lire",
    "vers_accord",
]
