"""Étape 9 : le récapitulatif de toutes les réponses, avec « Modifier » vers chaque étape, et le rapport complet."""

from __future__ import annotations

from typing import Any

import streamlit as st

from .. import champs as c
from .. import constats, etat, exemples, rapport, requis, services
from ..brouillon import ETAPES, TITRES_ETAPES
from ..echappement import md

PREFIXES: list[str] = []


def controler(accord: dict[str, Any]) -> None:
    return None


def manques_par_etape() -> dict[str, list[str]]:
    """Les réponses encore « à renseigner », par étape, dans l'ordre de l'entretien."""
    resultat: dict[str, list[str]] = {}
    for chemin, liste in c.tous_les_messages().items():
        for m in liste:
            if m.gravite == "a_renseigner":
                etape = constats.etape_du_chemin(chemin) or "revue"
                texte = m.texte.removeprefix("À renseigner : ").rstrip(".") or requis.libelle_chemin(chemin)
                if texte == "À renseigner":
                    texte = requis.libelle_chemin(chemin)
                resultat.setdefault(etape, [])
                if texte not in resultat[etape]:
                    resultat[etape].append(texte)
    return {code: resultat[code] for code, _ in ETAPES if code in resultat}


def afficher_manques(prefixe: str) -> int:
    """Le bloc « À renseigner » (récapitulatif et documents) ; renvoie le nombre de réponses manquantes."""
    manques = manques_par_etape()
    total = sum(len(v) for v in manques.values())
    if not total:
        return 0
    st.warning(f"**{total} réponse{'s' if total > 1 else ''} à renseigner** avant de produire les documents : "
               "l'assistant ne les remplit jamais à votre place.", icon=":material/edit_note:")
    for code, liste in manques.items():
        with st.container(border=True):
            col1, col2 = st.columns([5, 1], vertical_alignment="center")
            col1.markdown(f"**{md(TITRES_ETAPES.get(code, code))}** : " + " ; ".join(md(x) for x in liste) + ".")
            if code in TITRES_ETAPES and code not in ("revue", "documents"):
                col2.button("Compléter", key=f"{prefixe}_completer_{code}", on_click=etat.aller_a, args=(code,),
                            icon=":material/edit:", width="stretch")
    return total


def afficher_exemple(prefixe: str) -> int:
    """Les valeurs d'un exemple encore présentes : nommées, avec l'étape où les remplacer."""
    restantes = exemples.restantes(etat.accord(), etat.ui().get("exemple"))
    if not restantes:
        return 0
    libelle = (etat.ui().get("exemple") or {}).get("libelle", "")
    st.error(f"**Ce brouillon contient encore {len(restantes)} valeur{'s' if len(restantes) > 1 else ''} de "
             f"l'exemple « {md(libelle)} »** : aucun document n'est produit avec des valeurs d'exemple. Remplacez-les "
             "par les vôtres, ou confirmez à chaque étape qu'elles sont aussi les vôtres.", icon=":material/science:")
    par_etape: dict[str, list[str]] = {}
    for chemin, valeur in restantes:
        par_etape.setdefault(constats.etape_du_chemin(chemin) or "revue", []).append(
            exemples.decrire(chemin, valeur, etat.accord()))
    for code, _ in ETAPES:
        if code not in par_etape:
            continue
        with st.container(border=True):
            col1, col2 = st.columns([5, 1], vertical_alignment="center")
            liste = par_etape[code]
            col1.markdown(f"**{TITRES_ETAPES[code]}** : " + " ; ".join(md(x) for x in liste[:10]) + (" ; …" if len(liste) > 10
                                                                                      else "") + ".")
            if code not in ("revue", "documents"):
                col2.button("Remplacer", key=f"{prefixe}_exemple_{code}", on_click=etat.aller_a, args=(code,),
                            icon=":material/edit:", width="stretch")
    return len(restantes)


def afficher_exemple_chiffre(modele: Any) -> None:
    """L'« Exemple chiffré » que l'accord et la note écriront, montré tel quel avant les documents : la personne
    voit d'où viennent ses chiffres (ses exercices passés, ou des chiffres hypothétiques dits comme tels)."""
    try:
        from interessement.documents.redaction import Lexique, rediger_exemple

        exemple = rediger_exemple(modele, Lexique(modele)).to_dict()
    except Exception:  # noqa: BLE001 - un exemple qui ne peut être établi n'empêche pas de relire le reste
        return
    if not modele.documents.exemple_chiffre:
        st.subheader("Exemple chiffré (non repris dans les documents)", divider="gray", anchor=False)
        st.caption("Vous avez choisi, à l'étape « Documents », de produire l'accord et la note d'information sans "
                   "exemple chiffré : il n'est montré qu'ici, pour vous.")
    else:
        st.subheader("Exemple chiffré écrit dans l'accord", divider="gray", anchor=False)
    if exemple["hypothetique"]:
        st.caption("Ces chiffres ne sont pas les vôtres : ce sont des chiffres hypothétiques que l'accord et la note "
                   "présentent comme tels. Vos chiffres d'essai de l'étape « Formule » n'y figurent pas. Pour un "
                   "exemple sur vos chiffres réels, saisissez vos exercices passés à l'étape « Formule ».")
    else:
        st.caption("Ces chiffres sont ceux de vos exercices passés, saisis à l'étape « Formule ».")
    with st.container(border=True, key="revue_exemple_chiffre"):
        st.markdown(md(exemple["introduction"]))
        st.markdown("\n".join(f"- {md(d)}" for d in exemple["donnees"]))
        if exemple["etapes"]:
            st.markdown("Le calcul s'établit ainsi :\n\n" + "\n".join(f"- {md(e)}" for e in exemple["etapes"]))
        st.markdown(f"**{md(exemple['conclusion'])}**")
        if exemple["avertissement"]:
            st.caption(md(exemple["avertissement"]))


def afficher() -> None:
    from . import MODULES

    accord = etat.accord()
    st.markdown("Relisez vos réponses. Le bouton **Modifier** ramène à l'étape ; vos réponses y sont conservées.")
    n_manques = afficher_manques("revue")
    afficher_exemple("revue")
    for code, titre in ETAPES:
        module = MODULES.get(code)
        if module is None or not hasattr(module, "resume") or code in ("revue", "documents"):
            continue
        with st.container(border=True, key=f"revue_bloc_{code}"):
            col1, col2 = st.columns([5, 1], vertical_alignment="center")
            col1.markdown(f"**{md(titre)}**")
            col2.button("Modifier", key=f"revue_modifier_{code}", on_click=etat.aller_a, args=(code,),
                        icon=":material/edit:", width="stretch")
            lignes = module.resume(accord)
            st.markdown("\n".join(f"- **{md(libelle)}** : {md(valeur)}" for libelle, valeur in lignes))

    modele, erreurs = services.accord_modele(accord)
    if modele is not None:
        afficher_exemple_chiffre(modele)
    st.subheader("Vérification complète", divider="gray", anchor=False)
    if modele is None:
        if n_manques:
            st.info("La vérification complète (toutes les règles, avec leurs articles) se fera quand toutes les "
                    "réponses seront données.", icon=":material/info:")
            return
        st.error("Le brouillon contient des valeurs illisibles : corrigez d'abord ces champs.", icon=":material/block:")
        for chemin, message in erreurs:
            st.markdown(f"- {md(requis.libelle_chemin(chemin))} : {md(message)}")
        return
    try:
        r = services.valider(accord)
    except Exception as exc:  # noqa: BLE001 - dit en français, jamais une trace
        from ..erreurs import message

        st.error(f"La vérification n'a pas pu aboutir : {md(message(exc))}.", icon=":material/error:")
        return
    if r is None:
        return
    if n_manques:
        st.warning("**Vérification partielle** : tant que des réponses manquent, l'assistant ne dit pas que l'accord "
                   "est conforme. Voici ce que les règles signalent déjà.", icon=":material/rule:")
    else:
        rapport.statut(r)
    rapport.points_a_verifier(r)
    saisie = [(chemin, m) for chemin, liste in c.tous_les_messages().items() for m in liste
              if m.bloquant and m.regle is None]
    if saisie:
        st.error("L'assistant signale aussi des réponses à compléter :", icon=":material/block:")
        for chemin, m in saisie:
            st.markdown(f"- {md(m.texte)} ({md(requis.libelle_chemin(chemin))})")
    for constat in r.constats:
        col1, col2 = st.columns([5, 1], vertical_alignment="center")
        with col1:
            c.afficher_message(constats.en_message(constat))
        etape = constats.etape_du_constat(constat)
        if etape in TITRES_ETAPES and etape not in ("revue", "documents"):
            col2.button("Modifier", key=f"revue_constat_{constat.id}_{r.constats.index(constat)}",
                        on_click=etat.aller_a, args=(etape,), icon=":material/edit:", width="stretch",
                        help=f"Aller à l'étape « {TITRES_ETAPES[etape]} »")
