"""L'état de l'assistant dans la session Streamlit : le brouillon, ses liaisons aux widgets, sa sauvegarde.

Règles (STYLE.md) :
- un seul objet brouillon dans ``st.session_state`` est la source de vérité ;
- chaque widget a une clé et une *liaison* (clé → chemin dans le brouillon, conversion) ;
- au début de chaque exécution, la valeur de chaque widget encore vivant est recopiée dans le brouillon
  (``synchroniser``), si bien que les rappels (boutons « Suivant », « Modifier »…) voient la dernière saisie ;
- quand on change d'étape ou de brouillon, les clés des widgets sont oubliées : l'étape affichée les
  réensemence depuis le brouillon (un widget non affiché perd sa valeur chez Streamlit).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import streamlit as st

from . import brouillon as b
from .stockage import ErreurStockage, Stockage, jeton_valide, nouveau_jeton

CLE = "assistant"  # {"jeton", "accord", "ui", "empreinte_sauvee", "sauve_a", "erreur_sauvegarde"}
LIAISONS = "_liaisons"
PARAM_URL = "brouillon"

# Conversions widget → brouillon, par nom (la table des liaisons ne garde que des noms).
CONVERSIONS: dict[str, Callable[[Any], Any]] = {
    "identite": lambda v: v,
    "texte": lambda v: (v or "").strip(),
    "texte_ou_rien": lambda v: (v or "").strip() or None,
    "entier": lambda v: None if v is None else int(v),
    "nombre": lambda v: None if v is None else round(float(v), 6),
    "euros": b.centimes_depuis_euros,
    "pourcentage": b.taux_depuis_pourcentage,
    "date": b.iso_depuis_date,
    "booleen": bool,
    "liste": lambda v: list(v or []),
    "lignes": lambda v: [x.strip() for x in (v or "").splitlines() if x.strip()],
}


def aujourd_hui() -> date:
    """La date du jour : lue ici seulement, au bord (le cœur reçoit toujours sa date de référence)."""
    return date.today()


_STOCKAGES: dict[str, Stockage] = {}


def _stockage() -> Stockage:
    """Un seul objet par base (préparée une fois par processus : table, mode WAL), partagé par les sessions."""
    from .stockage import chemin_base

    chemin = str(chemin_base())
    if chemin not in _STOCKAGES:
        _STOCKAGES[chemin] = Stockage(chemin)
    return _STOCKAGES[chemin]


def _empreinte(contenu: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(contenu, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def etat() -> dict[str, Any]:
    return st.session_state[CLE]


def accord() -> dict[str, Any]:
    return etat()["accord"]


def ui() -> dict[str, Any]:
    return etat()["ui"]


def initialiser() -> None:
    """Au premier passage : reprend le brouillon de l'adresse s'il existe, sinon un brouillon vierge."""
    if CLE in st.session_state:
        if st.query_params.get(PARAM_URL) != etat()["jeton"]:
            st.query_params[PARAM_URL] = etat()["jeton"]
        return
    jeton = st.query_params.get(PARAM_URL)
    contenu = None
    erreur = None
    if jeton_valide(jeton):
        try:
            contenu = _stockage().lire(jeton)
        except ErreurStockage as exc:
            erreur = str(exc)
    if contenu and isinstance(contenu.get("accord"), dict):
        accord_ = contenu["accord"]
        ui_ = {**b.ui_par_defaut(accord_), **(contenu.get("ui") or {})}
        if ui_.get("etape") not in b.CODES_ETAPES:
            ui_["etape"] = "entreprise"
        repris = True
    else:
        jeton = jeton if jeton_valide(jeton) else nouveau_jeton()
        accord_ = b.brouillon_vide(aujourd_hui())
        ui_ = b.ui_par_defaut(accord_)
        repris = False
    st.session_state[CLE] = {
        "jeton": jeton, "accord": accord_, "ui": ui_, "empreinte_sauvee": _empreinte(
            {"accord": accord_, "ui": ui_}) if repris else None,
        "sauve_a": None, "erreur_sauvegarde": erreur, "repris": repris,
    }
    st.session_state[LIAISONS] = {}
    st.query_params[PARAM_URL] = jeton


def reprendre(jeton: str) -> bool:
    """Rappel « Reprendre » : remplace la session par le brouillon enregistré sous ce jeton (``False`` s'il
    n'existe plus). Le brouillon en cours reste enregistré sous le sien."""
    if not jeton_valide(jeton):
        return False
    try:
        contenu = _stockage().lire(jeton)
    except ErreurStockage:
        return False
    if not contenu or not isinstance(contenu.get("accord"), dict):
        return False
    sauvegarder()
    accord_ = contenu["accord"]
    ui_ = {**b.ui_par_defaut(accord_), **(contenu.get("ui") or {})}
    if ui_.get("etape") not in b.CODES_ETAPES:
        ui_["etape"] = "entreprise"
    e = etat()
    e.update({"jeton": jeton, "accord": accord_, "ui": ui_, "empreinte_sauvee": _empreinte(
        {"accord": accord_, "ui": ui_}), "sauve_a": None, "repris": True})
    st.session_state.pop("calculs", None)
    oublier_widgets()
    st.query_params[PARAM_URL] = jeton
    return True


def sauvegarder() -> None:
    """Écrit le brouillon (sans données de salariés) s'il a changé depuis la dernière sauvegarde."""
    e = etat()
    contenu = {"accord": e["accord"], "ui": e["ui"]}
    empreinte = _empreinte(contenu)
    if empreinte == e["empreinte_sauvee"]:
        return
    try:
        _stockage().ecrire(e["jeton"], contenu)
    except ErreurStockage as exc:
        e["erreur_sauvegarde"] = str(exc)
        return
    e["empreinte_sauvee"] = empreinte
    e["sauve_a"] = datetime.now().strftime("%H h %M min %S s")  # pas de « 21:14:57 » : Streamlit y verrait un émoji à charger
    e["erreur_sauvegarde"] = None


# ------------------------------------------------------------------------------------------- liaisons


def cible(chemin: str) -> tuple[dict[str, Any], str]:
    """Le dictionnaire visé par un chemin : l'accord, ou l'état de l'interface pour « ui.… »."""
    if chemin.startswith("ui."):
        return ui(), chemin[3:]
    return accord(), chemin


def valeur(chemin: str, defaut: Any = None) -> Any:
    racine, sous = cible(chemin)
    return b.lire(racine, sous, defaut)


def fixer(chemin: str, v: Any) -> None:
    racine, sous = cible(chemin)
    b.ecrire(racine, sous, v)


def lier(cle: str, chemin: str, conversion: str) -> None:
    st.session_state.setdefault(LIAISONS, {})[cle] = (chemin, conversion)


def synchroniser() -> None:
    """Recopie dans le brouillon la valeur de chaque widget lié encore présent dans la session."""
    liaisons = st.session_state.get(LIAISONS, {})
    for cle, (chemin, conversion) in list(liaisons.items()):
        if cle not in st.session_state:
            del liaisons[cle]
            continue
        try:
            fixer(chemin, CONVERSIONS[conversion](st.session_state[cle]))
        except (IndexError, KeyError, TypeError, ValueError):
            del liaisons[cle]


#: Toutes les clés de widgets des étapes commencent par le code de leur étape.
PREFIXES_WIDGETS = tuple(f"{code}_" for code in b.CODES_ETAPES)


def oublier_widgets(prefixe: str | None = None) -> None:
    """Oublie la valeur des widgets des étapes (tous, ou ceux dont la clé commence par ``prefixe``)."""
    prefixes = PREFIXES_WIDGETS if prefixe is None else (prefixe,)
    liaisons = st.session_state.get(LIAISONS, {})
    for cle in list(liaisons):
        if cle.startswith(prefixes):
            liaisons.pop(cle, None)
    for cle in list(st.session_state.keys()):
        if isinstance(cle, str) and cle.startswith(prefixes):
            del st.session_state[cle]


def aller_a(etape: str) -> None:
    """Rappel des boutons de navigation : garde la saisie en cours puis change d'étape."""
    synchroniser()
    oublier_widgets()
    ui()["etape"] = etape
    st.session_state["_haut_de_page"] = True


def remplacer_accord(nouveau: dict[str, Any], *, etape: str = "entreprise", importe: bool = False) -> None:
    """Remplace le brouillon (exemple, fichier JSON, nouveau brouillon) ; les widgets sont réensemencés.

    ``importe`` : un accord complet lu d'un fichier, dont les réponses oui/non se déduisent."""
    e = etat()
    e["accord"] = nouveau
    e["ui"] = b.ui_par_defaut(nouveau, importe=importe)
    e["ui"]["etape"] = etape
    st.session_state.pop("calculs", None)
    oublier_widgets()
