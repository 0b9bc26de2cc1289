"""La page « Construire un accord » : l'assistant pas à pas.

Ordre d'une exécution :
1. reprendre ou créer le brouillon (jeton dans l'adresse), recopier la dernière saisie des widgets ;
2. suivre les réponses dont d'autres dépendent (un changement en amont est dit, jamais appliqué en silence) ;
3. calculer tous les messages (« à renseigner », saisie invalide, contrôles des étapes, constats du validateur) ;
4. afficher la barre latérale (étapes, sauvegarde, exemples, JSON), la progression, l'étape en cours — toute
   erreur d'une étape est montrée en français en haut de l'étape, sans rien perdre ;
5. sauvegarder le brouillon s'il a changé.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from . import champs as c
from . import coherence, confidentialite, constats, erreurs, etat, exemples, navigateur, requis, services
from .brouillon import (
    CODES_ETAPES,
    ETAPES,
    TITRES_ETAPES,
    brouillon_vide,
    charger_exemple,
    exporter_json,
    importer_brouillon,
)
from .brouillon import exemples as liste_exemples
from .echappement import md
from .erreurs import ErreurEntree
from .etapes import MODULES
from .fenetres import fenetre
from .textes import suivre_preambule

ETAPES_FINALES = ("revue", "documents")


def calculer_messages() -> None:
    accord = etat.accord()
    c.nouveaux_messages()
    manques = requis.manques(accord, etat.ui(), etat.aujourd_hui())
    st.session_state["_manques"] = manques
    constats.signaler_manques(manques)
    for code, module in MODULES.items():
        try:
            module.controler(accord)
        except Exception as exc:  # noqa: BLE001 - un contrôle en panne ne doit pas bloquer la saisie
            c.signaler(f"{code}.__controle__", c.Message("avertissement", "Le contrôle de cette étape n'a pas pu "
                                                         f"aboutir : {erreurs.message(exc)}."))
    modele, erreurs_saisie = services.accord_modele(accord)
    constats.signaler_erreurs_saisie(erreurs_saisie, accord)
    if modele is not None:
        try:
            rapport = services.valider(accord)
        except Exception as exc:  # noqa: BLE001 - un validateur en panne ne doit pas bloquer la saisie
            st.session_state["erreur_validateur"] = erreurs.message(exc)
            return
        manquants = {m.chemin for m in manques}
        if rapport is not None:
            for constat in rapport.constats:
                chemin = constats.chemin_principal(constat)
                if not constats._couvert(chemin, manquants):
                    c.signaler(chemin, constats.en_message(constat))


def manques_actuels() -> list[requis.Manque]:
    return st.session_state.get("_manques", [])


def exemple_restant() -> list[tuple[str, object]]:
    return exemples.restantes(etat.accord(), etat.ui().get("exemple"))


def etat_des_etapes() -> dict[str, str]:
    """Par étape : « bloquant », « a_completer » (réponse obligatoire absente, ou changement en amont à lire),
    « avertissement » ou « ok ». Une étape n'est cochée que si tout y est répondu sans point bloquant."""
    par = constats.par_etape(c.tous_les_messages())
    resultat = {}
    for code in CODES_ETAPES:
        if code in ETAPES_FINALES:
            continue
        gravites = {m.gravite for _, m in par.get(code, [])}
        resultat[code] = ("bloquant" if "bloquant" in gravites else
                          "a_completer" if "a_renseigner" in gravites or coherence.changements_de(etat.ui(), code)
                          else "avertissement" if "avertissement" in gravites else "ok")
    autres = set(resultat.values())
    complet = autres <= {"ok", "avertissement"} and not any(
        m.bloquant for _, liste in par.items() for _, m in liste)
    resultat["revue"] = "ok" if complet else "a_completer"
    resultat["documents"] = "ok" if complet and not exemple_restant() else "a_completer"
    return resultat


# ------------------------------------------------------------------------------------------------- outils


def _charger_exemple() -> None:
    libelle = st.session_state.get("outil_exemple")
    chemin = liste_exemples().get(libelle)
    if chemin is None:
        return
    try:
        nouveau = charger_exemple(chemin)
    except ErreurEntree as exc:
        st.session_state["outil_message"] = ("erreur", md(exc))
        return
    etat.remplacer_accord(nouveau, importe=True)
    etat.ui()["exemple"] = exemples.memoriser(libelle, nouveau)
    st.session_state["outil_message"] = ("succes", f"Exemple « {md(libelle)} » chargé : ses valeurs sont signalées à "
                                                   "chaque étape tant que vous ne les avez pas remplacées.")


def _reprendre_json() -> None:
    fichier = st.session_state.get("outil_reprendre")
    if fichier is None:
        return
    try:
        nouveau, questions = importer_brouillon(fichier.getvalue(), fichier.name, etat.aujourd_hui())
    except ErreurEntree as exc:
        st.session_state["outil_message"] = ("erreur", "Ce fichier n'a pas été repris ; votre brouillon actuel est "
                                                       f"conservé.\n\n{md(exc)}")
        return
    etat.remplacer_accord(nouveau, importe=questions is None)
    if questions:
        etat.ui()["questions"].update(questions)
    st.session_state["outil_message"] = ("succes", f"Brouillon « {md(fichier.name)} » repris.")


def _nouveau_brouillon() -> None:
    etat.nouveau_brouillon()
    etat.remplacer_accord(brouillon_vide(etat.aujourd_hui()))
    st.session_state["outil_message"] = ("succes", "Nouveau brouillon vierge commencé (l'ancien reste accessible "
                                                   "par son adresse et dans « Vos autres brouillons sur ce navigateur »).")


def barre_laterale(etats: dict[str, str]) -> Any:
    courant = etat.ui()["etape"]
    with st.sidebar:
        st.markdown("### Les étapes")
        icones = {"bloquant": ":red[:material/block:]", "avertissement": ":orange[:material/warning:]",
                  "a_completer": ":gray[:material/radio_button_unchecked:]", "ok": ":green[:material/check_circle:]"}
        etats_lisibles = {"bloquant": "un point à corriger", "avertissement": "complète, avec un avertissement",
                          "a_completer": "à compléter", "ok": "complète"}
        for i, (code, titre) in enumerate(ETAPES, start=1):
            icone = ":material/arrow_forward:" if code == courant else icones[etats[code]]
            st.button(f"{icone} {i}. {titre}", key=f"nav_aller_{code}", on_click=etat.aller_a, args=(code,),  # md-sûr
                      type="primary" if code == courant else "tertiary", width="stretch",
                      help=f"Étape {etats_lisibles[etats[code]]}")
        st.markdown("### Votre brouillon")
        zone_sauvegarde = st.empty()
        # Les fenêtres ne sont remplies qu'ouvertes (interface.fenetres) : la première page n'envoie pas leur contenu.
        fichier, ouverte = fenetre("Fichier du brouillon (JSON)", "fenetre_json", icone=":material/save_as:")
        if ouverte:
            with fichier:
                st.caption("Gardez une copie de votre brouillon sur votre ordinateur, ou reprenez-en une.")
                st.download_button("Télécharger le brouillon (JSON)", exporter_json(etat.accord(), etat.ui()),
                                   file_name="brouillon-interessement.json", mime="application/json",
                                   key="outil_telecharger", on_click="ignore", icon=":material/download:",
                                   width="stretch")
                st.file_uploader("Reprendre un brouillon (JSON)", type=["json"], key="outil_reprendre",
                                 on_change=_reprendre_json)
        navigateur.liste_laterale()
        partage()
        confidentialite.afficher(etat.supprimer_du_serveur)
        # Les exemples, seulement sur demande : dans une fenêtre.
        exemples_, ouverte = fenetre("Essayer avec un exemple", "fenetre_exemples", icone=":material/science:")
        if ouverte:
            with exemples_:
                st.caption("Un exemple remplace le brouillon en cours ; ses valeurs sont signalées à chaque étape, "
                           "et aucun document n'est produit tant qu'il en reste.")
                st.selectbox("Charger un exemple", list(liste_exemples()), key="outil_exemple", index=None,
                             placeholder="Choisissez un exemple…")
                st.button("Charger cet exemple", key="outil_charger_exemple", on_click=_charger_exemple,
                          disabled=not st.session_state.get("outil_exemple"), width="stretch",
                          help="Remplace le brouillon en cours par l'exemple choisi.")
        st.button("Nouveau brouillon", key="outil_nouveau", on_click=_nouveau_brouillon, width="stretch",
                  help="Recommence sur un brouillon vierge ; le brouillon actuel reste enregistré.")
        message = st.session_state.pop("outil_message", None)
        if message:
            (st.success if message[0] == "succes" else st.error)(message[1])  # textes composés avec md()
    return zone_sauvegarde


def _lien_partage(cle: str) -> str:
    from urllib.parse import urlencode

    try:
        base = (st.context.url or "").split("?", 1)[0]
    except Exception:  # noqa: BLE001 - hors d'un vrai navigateur (tests)
        base = ""
    return f"{base}?{urlencode({etat.PARAM_URL: etat.etat()['jeton'], etat.PARAM_PARTAGE: cle})}"


def partage() -> None:
    """« Partager ce brouillon » : un lien exprès (jeton + clé de partage) ; sans lui, le brouillon ne s'ouvre que
    sur ce navigateur."""
    e = etat.etat()
    conteneur, ouverte = fenetre("Partager ce brouillon", "fenetre_partage", icone=":material/share:")
    if not ouverte:
        return
    with conteneur:
        st.caption("Ce brouillon ne s'ouvre que sur ce navigateur. Pour le confier à quelqu'un (expert-comptable, "
                   "avocat, collègue), créez un lien de partage : quiconque a ce lien peut ouvrir et modifier le "
                   "brouillon, jusqu'à ce que vous arrêtiez le partage. Un nouveau lien remplace l'ancien.")
        if st.button("Créer un lien de partage", key="outil_partager", icon=":material/link:", width="stretch"):
            etat.partager()
        if e.get("lien_partage"):
            st.code(_lien_partage(e["lien_partage"]), language=None, wrap_lines=True)
            st.button("Arrêter le partage", key="outil_arreter_partage", on_click=etat.arreter_partage,
                      icon=":material/link_off:", width="stretch")


def etat_sauvegarde(zone: Any) -> None:
    """Dit, dans la barre latérale, si le brouillon est bien enregistré (après la sauvegarde de l'exécution)."""
    e = etat.etat()
    if not e.get("conflit") and not e.get("erreur_sauvegarde"):
        zone.caption(":material/save: Enregistré automatiquement à chaque modification. Gardez l'adresse de cette "
                     "page pour le reprendre plus tard."
                     + (f" Dernier enregistrement : {md(e['sauve_a'])}." if e.get("sauve_a") else ""))
        return
    with zone.container():
        if e.get("conflit"):
            st.error("**Ce brouillon a été modifié ailleurs** (un autre onglet, ou une personne qui a le lien de "
                     "partage) depuis que cette page l'a ouvert : vos dernières modifications ne sont **pas "
                     "enregistrées**, pour ne pas effacer les siennes. Choisissez la version à garder (pour garder "
                     "les deux, téléchargez d'abord le fichier du brouillon).", icon=":material/sync_problem:")
            st.button("Reprendre la version enregistrée", key="outil_conflit_recharger",
                      on_click=etat.recharger_version_enregistree, icon=":material/sync:", width="stretch",
                      help="Abandonne les modifications de cet onglet et affiche la version enregistrée.")
            st.button("Enregistrer ma version à la place", key="outil_conflit_garder",
                      on_click=etat.garder_ma_version, icon=":material/save:", width="stretch",
                      help="Remplace la version enregistrée par celle de cet onglet.")
        else:
            st.warning(f"Sauvegarde automatique impossible ({md(e['erreur_sauvegarde'])}). Téléchargez votre "
                       "brouillon pour ne rien perdre.", icon=":material/warning:")


def navigation(code: str) -> None:
    i = CODES_ETAPES.index(code)
    precedent, suivant = i > 0, i < len(CODES_ETAPES) - 1
    # Une seule rangée (pas de colonnes : chaque colonne est un élément de plus à envoyer et à dessiner) ; le trait
    # qui la sépare de l'étape est une bordure CSS (interface/style.py), pas un élément ``st.divider`` de plus.
    with st.container(horizontal=True, horizontal_alignment="distribute" if precedent and suivant
                      else "right" if suivant else "left", key="navigation_etapes"):
        if precedent:
            st.button(f"← {TITRES_ETAPES[CODES_ETAPES[i - 1]]}", key="nav_precedent", on_click=etat.aller_a,
                      args=(CODES_ETAPES[i - 1],))
        if suivant:
            st.button(f"{TITRES_ETAPES[CODES_ETAPES[i + 1]]} →", key="nav_suivant", on_click=etat.aller_a,
                      args=(CODES_ETAPES[i + 1],), type="primary")


def constats_restants(code: str) -> None:
    """Les messages de l'étape qui n'ont pas trouvé de champ où s'afficher."""
    deja = st.session_state.get("_messages_affiches", set())
    restants = [(chemin, m) for chemin, m in constats.par_etape(c.tous_les_messages()).get(code, [])
                if (chemin, m.texte) not in deja]
    a_renseigner = [m for _, m in restants if m.gravite == "a_renseigner"]
    restants = [(chemin, m) for chemin, m in restants if m.gravite != "a_renseigner"]
    if a_renseigner:
        st.caption(":orange[:material/edit_note: " + " ".join(dict.fromkeys(md(m.texte) for m in a_renseigner)) + "]")
    if not restants:
        return
    st.markdown("#### Ce que la vérification signale pour cette étape")
    for chemin, m in restants:
        deja.add((chemin, m.texte))
        c.afficher_message(m)


def _refermer_changements(code: str) -> None:
    coherence.refermer(etat.ui(), code)


def bandeau_changements(code: str) -> None:
    """Ce qui a changé en amont et ce que l'assistant a effacé : dit en haut de l'étape concernée."""
    textes = coherence.changements_de(etat.ui(), code)
    if not textes:
        return
    with st.container(border=True, key=f"{code}_bandeau_changements"):
        st.warning("**Une réponse précédente a changé.**\n\n" + "\n\n".join(f"- {md(t)}" for t in textes),
                   icon=":material/change_circle:")
        st.button("J'ai lu, c'est noté", key=f"{code}_changements_lus", on_click=_refermer_changements,
                  args=(code,), icon=":material/done:")


def _confirmer_exemple(code: str) -> None:
    etat.synchroniser()
    chemins = [ch for ch, _ in exemple_restant() if constats.etape_du_chemin(ch) == code]
    exemples.confirmer(etat.ui().get("exemple"), chemins)


def bandeau_exemple(code: str) -> None:
    """Tant qu'une valeur de l'exemple reste dans le brouillon, chaque étape le dit (et nomme celles de l'étape)."""
    restantes = exemple_restant()
    if not restantes:
        return
    libelle = (etat.ui().get("exemple") or {}).get("libelle", "")
    ici = [(ch, v) for ch, v in restantes if constats.etape_du_chemin(ch) == code]
    texte = (f"**Brouillon d'exemple** (« {md(libelle)} ») : {len(restantes)} valeur{'s' if len(restantes) > 1 else ''} "
             "de l'exemple y reste" + ("nt" if len(restantes) > 1 else "") + ". Remplacez-les par celles de votre "
             "entreprise : aucun document n'est produit tant qu'il en reste.")
    if ici:
        texte += "\n\nDans cette étape : " + " ; ".join(
            md(exemples.decrire(ch, v, etat.accord())) for ch, v in ici[:12]) + (
            " ; …" if len(ici) > 12 else "") + "."
    with st.container(key=f"{code}_bandeau_exemple"):
        st.warning(texte, icon=":material/science:")
        if ici:
            st.button("Ces valeurs de l'exemple sont aussi les miennes", key=f"{code}_confirmer_exemple",
                      on_click=_confirmer_exemple, args=(code,), icon=":material/verified:",
                      help="Elles ne seront plus signalées comme exemple ; les documents les reprendront.")


def afficher_etape(code: str) -> None:
    """L'étape ; toute erreur y est dite en français, en haut de l'étape, et rien de ce qui est saisi n'est perdu."""
    try:
        MODULES[code].afficher()
    except Exception as exc:  # noqa: BLE001 - aucune exception ne doit atteindre la personne
        st.error(f"Une partie de cette étape n'a pas pu s'afficher : {md(erreurs.message(exc))}. Vos réponses sont "
                 "conservées ; corrigez la valeur en cause ou revenez à l'étape précédente.", icon=":material/error:")


def normaliser() -> None:
    """Avant tout message : la formule remise dans le catalogue permis (et ses indicateurs à jour), les clauses
    que la loi interdit retirées — et dit à l'étape concernée —, les parts de répartition laissées vides à 0 dès
    qu'une part est donnée. Ainsi aucun message ne décrit un état que l'affichage change ensuite."""
    from .etapes import beneficiaires, formule

    accord, ui = etat.accord(), etat.ui()
    try:
        retire = formule.ajuster(accord)
        if retire:
            coherence.noter(ui, "formule", "Le brouillon contenait des éléments de formule que la loi interdit ; ils "
                            "ont été retirés : " + " ; ".join(retire) + " (la prime doit pouvoir être nulle, art. "
                            "L3314-2).")
        retire = beneficiaires.ajuster(accord)
        if retire:
            coherence.noter(ui, "beneficiaires", "Le brouillon contenait des clauses que la loi interdit ; elles ont "
                            "été retirées : " + " ; ".join(retire) + " (art. L3342-1, L3314-5).")
    except Exception as exc:  # noqa: BLE001 - un brouillon importé étrange ne doit jamais bloquer la page
        st.session_state["erreur_validateur"] = erreurs.message(exc)
    rep = accord.get("repartition") or {}
    parts = ("part_uniforme", "part_presence", "part_salaire")
    if any(rep.get(k) is not None for k in parts):
        for k in parts:
            if rep.get(k) is None:
                rep[k] = 0.0
                cle = f"repartition_{k}"
                if st.session_state.get(cle, 0.0) is None:
                    st.session_state[cle] = 0.0  # le champ vide montre désormais 0 %


def page() -> None:
    etat.initialiser(garder_secret=False)  # le cookie du secret est posé par navigateur.memoriser, en fin de page
    etat.synchroniser()
    coherence.suivre(etat.accord(), etat.ui(), etat.aujourd_hui())
    normaliser()
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
    if e.get("refus") and e.get("version") is None:
        st.warning(e["refus"], icon=":material/gpp_maybe:")
    st.header(TITRES_ETAPES[code], divider="blue", anchor=False)
    if code == "entreprise":
        navigateur.proposer_reprise()
    bandeau_exemple(code)
    bandeau_changements(code)
    messages_etape = [m for _, m in constats.par_etape(c.tous_les_messages()).get(code, [])]
    n_bloquants = sum(1 for m in messages_etape if m.bloquant)
    n_manques = len({m.texte for m in messages_etape if m.gravite == "a_renseigner"})
    if code not in ETAPES_FINALES:
        if n_bloquants:
            st.error(f"{n_bloquants} point{'s' if n_bloquants > 1 else ''} à corriger dans cette étape (détail à "
                     "côté des champs concernés).", icon=":material/block:")
        if n_manques:
            st.caption(f":material/edit_note: {n_manques} réponse{'s' if n_manques > 1 else ''} à renseigner dans "
                       "cette étape (signalée" + ("s" if n_manques > 1 else "") + " dans le libellé du champ ou dessous).")
    if st.session_state.get("erreur_validateur"):
        st.warning(f"Le validateur n'a pas pu tout vérifier : {md(st.session_state.pop('erreur_validateur'))}.",
                   icon=":material/warning:")
    afficher_etape(code)
    if code not in ETAPES_FINALES:
        constats_restants(code)
    navigation(code)
    etat.sauvegarder()
    etat_sauvegarde(zone_sauvegarde)
    # La liste de ce navigateur ne garde que ses propres brouillons (pas ceux ouverts par un lien de partage).
    navigateur.memoriser(etat.etat()["jeton"], etat.accord(), etat.etat()["secret"],
                         enregistre=etat.etat().get("version") is not None and not etat.etat().get("partage"))
