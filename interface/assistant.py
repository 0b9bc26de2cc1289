"""La page « Construire un accord » : l'assistant pas à pas.

Ordre d'une exécution :
1. reprendre ou créer le brouillon (jeton dans l'adresse), recopier la dernière saisie des widgets ;
2. calculer tous les messages (saisie invalide, contrôles des étapes, constats du validateur) ;
3. afficher la barre latérale (étapes, sauvegarde, exemples, JSON), la progression, l'étape en cours ;
4. sauvegarder le brouillon s'il a changé.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from . import champs as c
from . import constats, etat, services
from .brouillon import (
    CODES_ETAPES,
    ETAPES,
    TITRES_ETAPES,
    brouillon_par_defaut,
    charger_exemple,
    exemples,
    exporter_json,
    importer_json,
)
from .erreurs import ErreurEntree
from .etapes import MODULES
from .stockage import nouveau_jeton
from .textes import suivre_preambule


def calculer_messages() -> None:
    accord = etat.accord()
    c.nouveaux_messages()
    modele, erreurs = services.accord_modele(accord)
    for module in MODULES.values():
        module.controler(accord)
    constats.signaler_erreurs_saisie(erreurs)
    if modele is not None:
        try:
            constats.signaler_constats(services.valider(accord))
        except Exception as exc:  # noqa: BLE001 - un validateur en panne ne doit pas bloquer la saisie
            st.session_state["erreur_validateur"] = str(exc)


def etat_des_etapes() -> dict[str, str]:
    """Par étape : « bloquant », « avertissement » ou « ok »."""
    par = constats.par_etape(c.tous_les_messages())
    resultat = {}
    for code in CODES_ETAPES:
        gravites = {m.gravite for _, m in par.get(code, [])}
        resultat[code] = ("bloquant" if "bloquant" in gravites else
                          "avertissement" if "avertissement" in gravites else "ok")
    return resultat


# ------------------------------------------------------------------------------------------------- outils


def _charger_exemple() -> None:
    libelle = st.session_state.get("outil_exemple")
    chemin = exemples().get(libelle)
    if chemin is None:
        return
    try:
        etat.remplacer_accord(charger_exemple(chemin))
    except ErreurEntree as exc:
        st.session_state["outil_message"] = ("erreur", str(exc))
        return
    st.session_state["outil_message"] = ("succes", f"Exemple « {libelle} » chargé.")


def _reprendre_json() -> None:
    fichier = st.session_state.get("outil_reprendre")
    if fichier is None:
        return
    try:
        nouveau = importer_json(fichier.getvalue(), fichier.name)
    except ErreurEntree as exc:
        st.session_state["outil_message"] = ("erreur", "Ce fichier n'a pas été repris ; votre brouillon actuel est "
                                                       f"conservé.\n\n{exc}")
        return
    etat.remplacer_accord(nouveau)
    st.session_state["outil_message"] = ("succes", f"Brouillon « {fichier.name} » repris.")


def _nouveau_brouillon() -> None:
    etat.etat()["jeton"] = nouveau_jeton()
    etat.etat()["empreinte_sauvee"] = None
    etat.remplacer_accord(brouillon_par_defaut(etat.aujourd_hui()))
    st.query_params[etat.PARAM_URL] = etat.etat()["jeton"]
    st.session_state["outil_message"] = ("succes", "Nouveau brouillon commencé (l'ancien reste accessible par "
                                                   "son adresse).")


def barre_laterale(etats: dict[str, str]) -> Any:
    courant = etat.ui()["etape"]
    with st.sidebar:
        st.markdown("### Les étapes")
        icones = {"bloquant": ":red[:material/block:]", "avertissement": ":orange[:material/warning:]",
                  "ok": ":green[:material/check_circle:]"}
        for i, (code, titre) in enumerate(ETAPES, start=1):
            icone = ":material/arrow_forward:" if code == courant else icones[etats[code]]
            st.button(f"{icone} {i}. {titre}", key=f"nav_aller_{code}", on_click=etat.aller_a, args=(code,),
                      type="primary" if code == courant else "tertiary", width="stretch")
        st.divider()
        st.markdown("### Votre brouillon")
        zone_sauvegarde = st.empty()
        # Dans une fenêtre : ses composants ne sont chargés par le navigateur qu'à l'ouverture (première page
        # plus rapide).
        with st.popover("Fichier du brouillon (JSON)", icon=":material/save_as:", width="stretch"):
            st.caption("Gardez une copie de votre brouillon sur votre ordinateur, ou reprenez-en une.")
            st.download_button("Télécharger le brouillon (JSON)", exporter_json(etat.accord()),
                               file_name="brouillon-interessement.json", mime="application/json",
                               key="outil_telecharger", on_click="ignore", icon=":material/download:",
                               width="stretch")
            st.file_uploader("Reprendre un brouillon (JSON)", type=["json"], key="outil_reprendre",
                             on_change=_reprendre_json)
        options = list(exemples())
        st.selectbox("Charger un exemple", options, key="outil_exemple", index=None,
                     placeholder="Choisissez un exemple…")
        st.button("Charger cet exemple", key="outil_charger_exemple", on_click=_charger_exemple,
                  disabled=not st.session_state.get("outil_exemple"), width="stretch",
                  help="Remplace le brouillon en cours par l'exemple choisi.")
        st.button("Nouveau brouillon", key="outil_nouveau", on_click=_nouveau_brouillon, width="stretch",
                  help="Recommence avec l'entreprise d'exemple ; le brouillon actuel reste enregistré.")
        message = st.session_state.pop("outil_message", None)
        if message:
            (st.success if message[0] == "succes" else st.error)(message[1])
    return zone_sauvegarde


def etat_sauvegarde(zone: Any) -> None:
    """Dit, dans la barre latérale, si le brouillon est bien enregistré (après la sauvegarde de l'exécution)."""
    e = etat.etat()
    with zone.container():
        if e.get("erreur_sauvegarde"):
            st.warning(f"Sauvegarde automatique impossible ({e['erreur_sauvegarde']}). Téléchargez votre "
                       "brouillon pour ne rien perdre.", icon=":material/warning:")
        else:
            st.caption(":material/save: Enregistré automatiquement à chaque modification. Gardez l'adresse de "
                       "cette page pour le reprendre plus tard."
                       + (f" Dernier enregistrement : {e['sauve_a']}." if e.get("sauve_a") else ""))


def navigation(code: str) -> None:
    i = CODES_ETAPES.index(code)
    st.divider()
    col1, _, col3 = st.columns([1, 2, 1])
    if i > 0:
        col1.button(f"← {TITRES_ETAPES[CODES_ETAPES[i - 1]]}", key="nav_precedent", on_click=etat.aller_a,
                    args=(CODES_ETAPES[i - 1],), width="stretch")
    if i < len(CODES_ETAPES) - 1:
        col3.button(f"{TITRES_ETAPES[CODES_ETAPES[i + 1]]} →", key="nav_suivant", on_click=etat.aller_a,
                    args=(CODES_ETAPES[i + 1],), type="primary", width="stretch")


def constats_restants(code: str) -> None:
    """Les messages de l'étape qui n'ont pas trouvé de champ où s'afficher."""
    deja = st.session_state.get("_messages_affiches", set())
    restants = [(chemin, m) for chemin, m in constats.par_etape(c.tous_les_messages()).get(code, [])
                if (chemin, m.texte) not in deja]
    if not restants:
        return
    st.markdown("##### Ce que la vérification signale pour cette étape")
    for chemin, m in restants:
        deja.add((chemin, m.texte))
        c.afficher_message(m)


def page() -> None:
    etat.initialiser()
    etat.synchroniser()
    suivre_preambule(etat.accord(), etat.ui())
    calculer_messages()
    etats = etat_des_etapes()
    code = etat.ui()["etape"]
    zone_sauvegarde = barre_laterale(etats)

    i = CODES_ETAPES.index(code)
    st.title("Construire votre accord d'intéressement", anchor=False)
    st.progress((i + 1) / len(CODES_ETAPES), text=f"Étape {i + 1} sur {len(CODES_ETAPES)} : {TITRES_ETAPES[code]}")
    e = etat.etat()
    if e.pop("repris", False):
        st.toast("Votre brouillon a été repris là où vous l'aviez laissé.", icon=":material/save:")
    st.header(TITRES_ETAPES[code], divider="blue", anchor=False)
    n_bloquants = sum(1 for _, m in constats.par_etape(c.tous_les_messages()).get(code, []) if m.bloquant)
    if n_bloquants and code not in ("revue", "documents"):
        st.error(f"{n_bloquants} point{'s' if n_bloquants > 1 else ''} à corriger dans cette étape (détail à côté "
                 "des champs concernés).", icon=":material/block:")
    MODULES[code].afficher()
    if code not in ("revue", "documents"):
        constats_restants(code)
    if st.session_state.get("erreur_validateur"):
        st.caption(f"Le validateur n'a pas pu tout vérifier : {st.session_state.pop('erreur_validateur')}")
    navigation(code)
    etat.sauvegarder()
    etat_sauvegarde(zone_sauvegarde)
