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
import secrets
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import streamlit as st

from . import brouillon as b
from .stockage import Conflit, ErreurStockage, Stockage, nouveau_secret, secret_valide

#: {"jeton", "accord", "ui", "version" (lue en base, None tant qu'aucune ligne), "secret" (du navigateur),
#:  "empreinte_sauvee", "vierge", "sauve_a", "erreur_sauvegarde", "repris", "refus", "conflit", "partage"}
CLE = "assistant"
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
COOKIE_SECRET = "interessement-navigateur"
PARAM_PARTAGE = "partage"

#: Ce que la page dit quand elle n'ouvre pas le brouillon de l'adresse (un nouveau brouillon vierge est ouvert).
REFUS = {
    "inconnu": "L'adresse de cette page contenait un identifiant de brouillon que ce serveur n'a pas délivré : il "
               "n'est pas utilisé (quelqu'un a pu le choisir pour lire ce que vous saisiriez). Un nouveau brouillon "
               "vierge est ouvert, sous une nouvelle adresse.",
    "autre_navigateur": "Ce brouillon a été commencé sur un autre navigateur : il ne s'ouvre que là, ou par un lien "
                        "de partage que son auteur crée exprès (« Partager ce brouillon »). Un nouveau brouillon "
                        "vierge est ouvert.",
    "illisible": "Le brouillon de cette adresse n'a pas pu être lu : un nouveau brouillon vierge est ouvert.",
}


def _stockage() -> Stockage:
    """Un seul objet par base (moteur SQLAlchemy préparé une fois par processus), partagé par les sessions."""
    from .stockage import adresse_base

    adresse = adresse_base()
    if adresse not in _STOCKAGES:
        _STOCKAGES[adresse] = Stockage(adresse)
    return _STOCKAGES[adresse]


def _cookie_secret() -> str | None:
    """Le secret de ce navigateur, gardé dans son cookie ``interessement-navigateur`` (écrit par la page)."""
    try:
        valeur = st.context.cookies.get(COOKIE_SECRET)
    except Exception:  # noqa: BLE001 - hors d'un vrai navigateur (tests), pas de cookie
        return None
    return valeur if secret_valide(valeur) else None


def _empreinte(contenu: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(contenu, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


#: Les parties de l'état de l'interface qui ne sont pas des réponses de la personne (l'étape affichée, le suivi
#: des réponses, le préambule proposé) : les changer ne crée pas de ligne. Tout le reste (réponses oui/non,
#: chiffres de simulation, saisies refusées, état de la page « Calculer et verser »…) en est une.
HORS_SAISIE_UI = ("etape", "contexte", "changements", "mis_de_cote", "preambule_propose")


def _empreinte_saisie(accord: dict[str, Any], ui: dict[str, Any]) -> str:
    """Ce qui a été saisi : l'accord et les réponses qui n'y sont pas (une valeur vide vaut une absence)."""
    return _empreinte({"accord": accord, "ui": {k: v for k, v in ui.items() if k not in HORS_SAISIE_UI and v}})


def etat() -> dict[str, Any]:
    return st.session_state[CLE]


def accord() -> dict[str, Any]:
    return etat()["accord"]


def ui() -> dict[str, Any]:
    return etat()["ui"]


def _etat_neuf(jeton: str, secret: str, refus: str | None = None, erreur: str | None = None) -> dict[str, Any]:
    accord_ = b.brouillon_vide(aujourd_hui())
    ui_ = b.ui_par_defaut(accord_)
    return {"jeton": jeton, "accord": accord_, "ui": ui_, "version": None, "secret": secret,
            "vierge": None, "empreinte_sauvee": None, "sauve_a": None,
            "erreur_sauvegarde": erreur, "repris": False, "refus": refus, "conflit": None, "partage": None}


def _etat_repris(brouillon: Any, secret: str, cle_partage: str | None) -> dict[str, Any]:
    contenu = brouillon.contenu
    accord_ = contenu["accord"]
    ui_ = {**b.ui_par_defaut(accord_), **(contenu.get("ui") or {})}
    if ui_.get("etape") not in b.CODES_ETAPES:
        ui_["etape"] = "entreprise"
    return {"jeton": brouillon.jeton, "accord": accord_, "ui": ui_, "version": brouillon.version, "secret": secret,
            "vierge": None, "empreinte_sauvee": _empreinte({"accord": accord_, "ui": ui_}), "sauve_a": None,
            "erreur_sauvegarde": None, "repris": True, "refus": None, "conflit": None, "partage": cle_partage}


def _nouveau_jeton() -> str:
    try:
        return _stockage().nouveau_jeton()
    except ErreurStockage:
        return secrets.token_urlsafe(24)  # base inaccessible : rien ne sera enregistré (et c'est dit)


_SCRIPT_SECRET = """<script>
(function () { try {
  var s = %s;
  if (document.cookie.indexOf("%s=" + s) < 0) document.cookie = "%s=" + s + "; path=/; max-age=31536000; SameSite=Strict";
} catch (e) {} })();
</script>"""


def _garder_secret() -> None:
    """Tant que le navigateur n'a pas le cookie du secret, la page le lui donne (sur toutes les pages qui ouvrent
    le brouillon : un rechargement retrouve alors le brouillon)."""
    secret = etat()["secret"]
    if _cookie_secret() == secret:
        return
    from .echappement import json_dans_script

    st.html(_SCRIPT_SECRET % (json_dans_script(secret), COOKIE_SECRET, COOKIE_SECRET), unsafe_allow_javascript=True,
            width="content")


def initialiser(*, garder_secret: bool = True) -> None:
    """Au premier passage : reprend le brouillon de l'adresse si ce serveur l'a délivré et si ce navigateur (ou le
    lien de partage de l'adresse) y a droit ; sinon un brouillon vierge, et la page dit pourquoi.

    ``garder_secret=False`` : la page pose elle-même le cookie du secret (l'assistant, par le script de
    ``navigateur.memoriser``) ; un élément de moins à envoyer."""
    _initialiser()
    if garder_secret:
        _garder_secret()


def _initialiser() -> None:
    if CLE in st.session_state:
        e = etat()
        if st.query_params.get(PARAM_URL) != e["jeton"]:
            st.query_params[PARAM_URL] = e["jeton"]
        if e.get("partage") and st.query_params.get(PARAM_PARTAGE) != e["partage"]:
            st.query_params[PARAM_PARTAGE] = e["partage"]
        return
    secret = _cookie_secret() or nouveau_secret()
    jeton = st.query_params.get(PARAM_URL)
    cle_partage = st.query_params.get(PARAM_PARTAGE)
    cle_partage = cle_partage if secret_valide(cle_partage) else None
    nouvel_etat = None
    try:
        stockage = _stockage()
        if jeton and not stockage.jeton_emis(jeton):
            nouvel_etat = _etat_neuf(stockage.nouveau_jeton(), secret, refus=REFUS["inconnu"])
        elif jeton:
            lu = stockage.charger(jeton)
            if lu is None:
                nouvel_etat = _etat_neuf(jeton, secret)  # délivré ici, rien encore saisi (ou purgé)
            elif not isinstance(lu.contenu.get("accord"), dict):
                nouvel_etat = _etat_neuf(stockage.nouveau_jeton(), secret, refus=REFUS["illisible"])
            elif stockage.acces(lu, secret, cle_partage):
                nouvel_etat = _etat_repris(lu, secret, cle_partage if not stockage.acces(lu, secret) else None)
            else:
                nouvel_etat = _etat_neuf(stockage.nouveau_jeton(), secret, refus=REFUS["autre_navigateur"])
        else:
            nouvel_etat = _etat_neuf(stockage.nouveau_jeton(), secret)
    except ErreurStockage as exc:
        nouvel_etat = _etat_neuf(_nouveau_jeton(), secret, erreur=str(exc))
    st.session_state[CLE] = nouvel_etat
    st.session_state[LIAISONS] = {}
    st.query_params[PARAM_URL] = nouvel_etat["jeton"]
    if nouvel_etat["partage"]:
        st.query_params[PARAM_PARTAGE] = nouvel_etat["partage"]
    elif PARAM_PARTAGE in st.query_params:
        del st.query_params[PARAM_PARTAGE]


def reprendre(jeton: str) -> bool:
    """Rappel « Reprendre » : remplace la session par le brouillon enregistré sous ce jeton (``False`` s'il
    n'existe plus ou s'il n'appartient pas à ce navigateur). Le brouillon en cours reste enregistré sous le sien."""
    e = etat()
    try:
        stockage = _stockage()
        lu = stockage.charger(jeton) if stockage.jeton_emis(jeton) else None
    except ErreurStockage:
        return False
    if lu is None or not isinstance(lu.contenu.get("accord"), dict) or not stockage.acces(lu, e["secret"]):
        return False
    sauvegarder()
    e.update(_etat_repris(lu, e["secret"], None))
    st.session_state.pop("calculs", None)
    oublier_widgets()
    st.query_params[PARAM_URL] = jeton
    if PARAM_PARTAGE in st.query_params:
        del st.query_params[PARAM_PARTAGE]
    return True


def nouveau_brouillon() -> None:
    """Un brouillon vierge sous un nouveau jeton (l'ancien reste enregistré sous le sien)."""
    e = etat()
    e.update(_etat_neuf(_nouveau_jeton(), e["secret"]))
    e["repris"] = False
    st.query_params[PARAM_URL] = e["jeton"]
    if PARAM_PARTAGE in st.query_params:
        del st.query_params[PARAM_PARTAGE]


def sauvegarder() -> None:
    """Écrit le brouillon (sans données de salariés) s'il a changé depuis la dernière sauvegarde ; la première
    ligne n'est créée que lorsque quelque chose a été saisi. Un conflit (autre onglet) est dit, jamais écrasé."""
    e = etat()
    if e.get("conflit"):
        return
    contenu = {"accord": e["accord"], "ui": e["ui"]}
    empreinte = _empreinte(contenu)
    if empreinte == e["empreinte_sauvee"]:
        return
    if e.get("version") is None:
        saisie = _empreinte_saisie(e["accord"], e["ui"])
        if e.get("vierge") is None:
            e["vierge"] = saisie  # fin de la première exécution d'un brouillon neuf : rien n'a pu être saisi
        if saisie == e["vierge"]:
            return  # rien de saisi : aucune ligne
    try:
        if e.get("version") is None:
            e["version"] = _stockage().creer(e["jeton"], contenu, e["secret"])
        else:
            e["version"] = _stockage().ecrire(e["jeton"], contenu, e["version"])
    except Conflit as exc:
        e["conflit"] = {"version": exc.version}
        return
    except ErreurStockage as exc:
        e["erreur_sauvegarde"] = str(exc)
        return
    e["empreinte_sauvee"] = empreinte
    e["sauve_a"] = datetime.now().strftime("%H h %M min %S s")  # pas de « 21:14:57 » : Streamlit y verrait un émoji à charger
    e["erreur_sauvegarde"] = None


_ECHEC = object()  # la lecture du brouillon enregistré a échoué (l'erreur est notée dans l'état)


def _version_enregistree(e: dict) -> Any:
    """Le brouillon enregistré sous le jeton de cet onglet (ou None) ; ``_ECHEC`` si le stockage a échoué, l'erreur
    étant alors notée pour la barre latérale."""
    try:
        return _stockage().charger(e["jeton"])
    except ErreurStockage as exc:
        e["erreur_sauvegarde"] = str(exc)
        return _ECHEC


def recharger_version_enregistree() -> None:
    """Rappel après un conflit : abandonne la saisie de cet onglet et reprend la version enregistrée."""
    e = etat()
    lu = _version_enregistree(e)
    if lu is _ECHEC:
        return
    if lu is None or not isinstance(lu.contenu.get("accord"), dict):
        e["conflit"], e["version"], e["empreinte_sauvee"] = None, None, None
        return
    partage = e.get("partage")
    e.update(_etat_repris(lu, e["secret"], partage))
    e["repris"] = False
    st.session_state.pop("calculs", None)
    oublier_widgets()


def garder_ma_version() -> None:
    """Rappel après un conflit : enregistre la saisie de cet onglet par-dessus l'autre version (choix explicite)."""
    e = etat()
    lu = _version_enregistree(e)
    if lu is _ECHEC:
        return
    e["conflit"] = None
    e["version"] = lu.version if lu is not None else None
    e["empreinte_sauvee"] = None
    sauvegarder()


def partager() -> str | None:
    """Crée le lien de partage du brouillon (l'enregistre d'abord) ; renvoie la clé, ``None`` si impossible."""
    e = etat()
    e["empreinte_sauvee"] = None if e.get("version") is None else e["empreinte_sauvee"]
    if e.get("version") is None:
        try:
            e["version"] = _stockage().creer(e["jeton"], {"accord": e["accord"], "ui": e["ui"]}, e["secret"])
            e["empreinte_sauvee"] = _empreinte({"accord": e["accord"], "ui": e["ui"]})
        except ErreurStockage as exc:
            e["erreur_sauvegarde"] = str(exc)
            return None
    try:
        cle = _stockage().partager(e["jeton"])
    except ErreurStockage as exc:
        e["erreur_sauvegarde"] = str(exc)
        return None
    e["lien_partage"] = cle
    return cle


def supprimer_du_serveur() -> None:
    """Rappel « Supprimer ce brouillon du serveur » : efface la ligne et ouvre un brouillon vierge."""
    e = etat()
    try:
        _stockage().supprimer(e["jeton"])
    except ErreurStockage as exc:
        e["erreur_sauvegarde"] = str(exc)
        return
    nouveau_brouillon()
    remplacer_accord(b.brouillon_vide(aujourd_hui()))
    st.session_state["outil_message"] = ("succes", "Le brouillon a été supprimé du serveur ; un brouillon vierge "
                                                   "est ouvert.")


def arreter_partage() -> None:
    e = etat()
    try:
        _stockage().arreter_partage(e["jeton"])
    except ErreurStockage as exc:
        e["erreur_sauvegarde"] = str(exc)
        return
    e["lien_partage"] = None


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
