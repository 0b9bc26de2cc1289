"""Étape 5 : la formule (catalogue de REGLES.md §3), la simulation, le back-test et la mesure de l'aléa.

L'assistant ne propose que des formules permises : ni plancher, ni montant fixe, ni pourcentage du chiffre
d'affaires ou de la masse salariale sans condition (des paliers de croissance du chiffre d'affaires exigent
un déclencheur sur un résultat).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from interessement import format as fmt
from interessement.modele import LIBELLES_NATURES, NATURES_ACTIVITE, NATURES_RESULTAT

from .. import champs as c
from .. import etat, graphiques, services
from ..aide import AIDE
from ..brouillon import DEFINITIONS_INDICATEURS, SOURCES_PAR_REGIME, indicateur_resultat
from ..echappement import md

PREFIXES = ["formule", "indicateurs", "historique"]

NATURES_PALIERS = ("chiffre_affaires", "valeur_ajoutee", "marge_brute", "excedent_brut_exploitation",
                   "resultat_exploitation", "resultat_courant_avant_impot", "resultat_net_comptable")
NATURES_OBJECTIFS = {"productivite": "Productivité", "qualite": "Qualité", "securite": "Sécurité",
                     "delais": "Délais", "marge": "Marge", "rse": "Responsabilité sociale et environnementale",
                     "autre": "Autre"}
UNITES = {"pourcentage": "en %", "nombre": "nombre", "centimes": "en euros"}
FAMILLES = {
    "part_resultat": ("Une part du résultat au-delà d'un seuil",
                      "La plus simple : par exemple 20 % de ce que le résultat dépasse 50 000 €."),
    "paliers_croissance": ("Des paliers de croissance",
                           "Un pourcentage de la masse salariale selon la progression d'un indicateur par "
                           "rapport à l'exercice précédent."),
    "objectifs": ("Des objectifs collectifs",
                  "Un budget réparti selon l'atteinte d'objectifs (qualité, sécurité, délais…) pondérés."),
}


# ---------------------------------------------------------------------------------------------- structure


def _indice(accord: dict[str, Any], type_: str) -> int | None:
    for i, comp in enumerate(accord["formule"].get("composantes") or []):
        if comp.get("type") == type_:
            return i
    return None


def _nouvelle_composante(type_: str) -> dict[str, Any]:
    """Une façon de calculer, vide : l'indicateur, les pourcentages et les seuils sont choisis par la personne
    (les exemples sont dans les textes d'aide, jamais dans les champs)."""
    if type_ == "part_resultat":
        return {"type": "part_resultat", "indicateur": None, "taux": None, "seuil_centimes": None, "tranches": []}
    if type_ == "paliers_croissance":
        return {"type": "paliers_croissance", "indicateur": None,
                "paliers": [{"croissance_min": None, "taux_masse_salariale": None}]}
    return {"type": "objectifs", "budget_taux_masse_salariale": None, "objectifs": [
        {"nom": "", "indicateur": "objectif_1", "poids": None, "sens": "hausse", "declenchement": None,
         "cible": None, "progression": "lineaire", "nombre_paliers": 4, "par_periode": []}]}


def _basculer(type_: str) -> None:
    etat.synchroniser()
    accord = etat.accord()
    actif = bool(st.session_state.get(f"formule_famille_{type_}"))
    i = _indice(accord, type_)
    composantes = accord["formule"].setdefault("composantes", [])
    if actif and i is None:
        composantes.append(_nouvelle_composante(type_))
    elif not actif and i is not None:
        del composantes[i]
        if not composantes:
            st.session_state["_message_formule"] = ("La prime doit dépendre d'au moins une de ces façons de calculer : "
                                                   "choisissez-en une.")
    ajuster(accord)
    etat.oublier_widgets("formule_")
    st.session_state.pop("calculs", None)


def codes_utilises(accord: dict[str, Any]) -> list[str]:
    codes: list[str] = []
    f = accord["formule"]
    for comp in f.get("composantes") or []:
        if comp.get("type") in ("part_resultat", "paliers_croissance"):
            codes.append(comp.get("indicateur"))
        elif comp.get("type") == "objectifs":
            codes += [o.get("indicateur") for o in comp.get("objectifs") or []]
    codes += [d.get("indicateur") for d in f.get("declencheurs") or []]
    if f.get("plafond") and f["plafond"].get("indicateur"):
        codes.append(f["plafond"]["indicateur"])
    return [x for x in dict.fromkeys(codes) if x]


def _objectif(accord: dict[str, Any], code: str) -> dict[str, Any] | None:
    i = _indice(accord, "objectifs")
    if i is None:
        return None
    return next((o for o in accord["formule"]["composantes"][i]["objectifs"] if o.get("indicateur") == code), None)


def ajuster(accord: dict[str, Any]) -> list[str]:
    """Remet la formule dans le catalogue permis et tient la liste des indicateurs à jour.

    Renvoie ce qui a été retiré d'un brouillon importé (plancher, montant fixe…), pour le dire.
    """
    retire = []
    f = accord["formule"]
    if f.get("plancher_centimes") is not None:
        retire.append("un minimum garanti (plancher)")
        f["plancher_centimes"] = None
    gardees = []
    for comp in f.get("composantes") or []:
        if comp.get("type") == "montant_fixe":
            retire.append("un montant fixe versé quel que soit le résultat")
        elif comp.get("type") == "pourcentage_masse_salariale":
            retire.append("un pourcentage de la masse salariale sans condition")
        else:
            gardees.append(comp)
    f["composantes"] = gardees
    f.setdefault("declencheurs", [])
    # Des paliers sur un indicateur d'activité exigent une condition sur un résultat (FORMULE_ACTIVITE) : la
    # condition est ouverte, vide ; la personne choisit le résultat et la valeur.
    if _declencheur_obligatoire(accord) and not f["declencheurs"]:
        f["declencheurs"].append({"indicateur": None, "operateur": ">", "valeur": None})
    # Indicateurs : garder les définitions saisies, ajouter celles qui manquent, retirer les inutilisés.
    existants = {i.get("code"): i for i in accord.get("indicateurs") or []}
    nouveaux = []
    for code in codes_utilises(accord):
        ind = existants.get(code)
        obj = _objectif(accord, code)
        if ind is None:
            if code in LIBELLES_NATURES and obj is None:
                ind = indicateur_resultat(code)
            else:
                ind = {"code": code, "libelle": (obj or {}).get("nom") or f"Objectif {code.rsplit('_', 1)[-1]}",
                       "nature": "autre", "unite": "pourcentage", "definition": "", "source": ""}
        if obj is not None:
            ind["libelle"] = obj.get("nom") or ind.get("libelle") or f"Objectif {code.rsplit('_', 1)[-1]}"
        ind["individuel"] = False
        ind["fixe_par_employeur"] = False
        nouveaux.append(ind)
    accord["indicateurs"] = nouveaux
    return retire


def _declencheur_obligatoire(accord: dict[str, Any]) -> bool:
    i = _indice(accord, "paliers_croissance")
    return i is not None and accord["formule"]["composantes"][i].get("indicateur") in NATURES_ACTIVITE


# ------------------------------------------------------------------------------------------------ contrôles


def controler(accord: dict[str, Any]) -> None:
    f = accord.get("formule") or {}
    for i, comp in enumerate(f.get("composantes") or []):
        base = f"formule.composantes[{i}]"
        if comp.get("type") == "part_resultat":
            if comp.get("tranches"):
                planchers = [t.get("plancher_centimes") or 0 for t in comp["tranches"]]
                if any(b <= a for a, b in zip(planchers, planchers[1:], strict=False)):
                    c.signaler(f"{base}.tranches", c.Message(
                        "bloquant", "Les tranches doivent être rangées par seuil strictement croissant.",
                        "Corrigez le seuil de chaque tranche."))
            elif comp.get("taux") is not None and not comp.get("taux"):
                c.signaler(f"{base}.taux", c.Message("bloquant", "Indiquez le pourcentage partagé (plus de 0 %)."))
            if not comp.get("indicateur"):
                c.signaler(f"{base}.indicateur", c.Message("a_renseigner", "À renseigner : le résultat de référence."))
        elif comp.get("type") == "paliers_croissance":
            if not comp.get("indicateur"):
                c.signaler(f"{base}.indicateur", c.Message(
                    "a_renseigner", "À renseigner : l'indicateur dont on mesure la croissance."))
            paliers = comp.get("paliers") or []
            seuils_ = [p.get("croissance_min") or 0 for p in paliers if p.get("croissance_min") is not None]
            taux = [p.get("taux_masse_salariale") or 0 for p in paliers if p.get("taux_masse_salariale") is not None]
            if not paliers:
                c.signaler(f"{base}.paliers", c.Message("bloquant", "Ajoutez au moins un palier."))
            if any(b <= a for a, b in zip(seuils_, seuils_[1:], strict=False)):
                c.signaler(f"{base}.paliers", c.Message(
                    "bloquant", "Les seuils de croissance des paliers doivent être strictement croissants."))
            if any(b < a for a, b in zip(taux, taux[1:], strict=False)):
                c.signaler(f"{base}.paliers", c.Message(
                    "bloquant", "Le pourcentage de masse salariale ne doit pas baisser d'un palier au suivant."))
        elif comp.get("type") == "objectifs":
            objectifs = comp.get("objectifs") or []
            total = round(sum(float(o.get("poids") or 0) for o in objectifs) * 100, 4)
            if objectifs and all(o.get("poids") is not None for o in objectifs) and abs(total - 100) > 1e-6:
                c.signaler(f"{base}.objectifs", c.Message(
                    "bloquant", f"Les poids des objectifs font {fmt.nombre(total)} % au lieu de 100 %.",
                    "Ajustez les poids pour que leur somme fasse 100 %."))
            for j, o in enumerate(objectifs):
                d, cible = o.get("declenchement"), o.get("cible")
                if d is not None and cible is not None:
                    if d == cible:
                        c.signaler(f"{base}.objectifs[{j}].cible", c.Message(
                            "bloquant", "Le niveau de déclenchement et la cible doivent différer."))
                    elif (o.get("sens") == "hausse") != (cible > d):
                        quoi = "supérieure" if o.get("sens") == "hausse" else "inférieure"
                        c.signaler(f"{base}.objectifs[{j}].cible", c.Message(
                            "bloquant", f"La cible doit être {quoi} au niveau de déclenchement.",
                            "Vérifiez le sens de l'objectif (plus haut ou plus bas est mieux)."))
    for j, dcl in enumerate(f.get("declencheurs") or []):
        if not dcl.get("indicateur"):
            c.signaler(f"formule.declencheurs[{j}].indicateur", c.Message(
                "a_renseigner", "À renseigner : le résultat de la condition de déclenchement."))
    for j, ind in enumerate(accord.get("indicateurs") or []):
        if not (ind.get("source") or "").strip() and ind.get("nature") in SOURCES_PAR_REGIME:
            c.signaler(f"indicateurs[{j}].source", c.Message(
                "a_renseigner", f"À renseigner : la source du chiffre « {ind.get('libelle')} », selon le régime "
                "fiscal de l'entreprise (art. L3314-2)."))
            continue
        for champ, quoi in (("definition", "sa définition"), ("source", "la source du chiffre")):
            if not (ind.get(champ) or "").strip():
                c.signaler(f"indicateurs[{j}].{champ}", c.Message(
                    "bloquant", f"Indiquez {quoi} : l'indicateur « {ind.get('libelle')} » doit être mesurable et "
                    "vérifiable (art. L3314-2).",
                    "Par exemple la ligne de la liasse fiscale ou le rapport qui fournira le chiffre."))


# ------------------------------------------------------------------------------------------------ affichage


def _familles() -> None:
    accord = etat.accord()
    presentes = [comp.get("type") for comp in accord["formule"]["composantes"]]
    st.markdown("**De quoi dépend la prime ?** Choisissez une ou plusieurs façons de calculer l'enveloppe ; "
                "elles s'additionnent.")
    colonnes = st.columns(3)
    for col, (type_, (titre, explication)) in zip(colonnes, FAMILLES.items(), strict=True):
        cle = f"formule_famille_{type_}"
        if cle not in st.session_state:
            st.session_state[cle] = type_ in presentes
        with col:
            st.toggle(titre, key=cle, on_change=_basculer, args=(type_,), help=explication)
            st.caption(explication)
    message = st.session_state.pop("_message_formule", None)
    if message:
        st.warning(message, icon=":material/warning:")


def _part_resultat(i: int) -> None:
    accord = etat.accord()
    base = f"formule.composantes[{i}]"
    comp = accord["formule"]["composantes"][i]
    st.subheader("Part du résultat", anchor=False)
    c.choix("formule_pr_indicateur", f"{base}.indicateur", "Résultat de référence",
            {n: LIBELLES_NATURES[n] for n in NATURES_RESULTAT}, aucun=True,
            aide="Le résultat de l'exercice dont une part est partagée ; sa ligne dans les comptes sera écrite "
                 "dans l'accord.")
    cle_mode = "formule_pr_mode"
    if cle_mode not in st.session_state:
        st.session_state[cle_mode] = "tranches" if comp.get("tranches") else "unique"
    mode = st.radio("Calcul", ["unique", "tranches"], key=cle_mode, horizontal=True,
                    format_func=lambda m: {"unique": "Un pourcentage au-delà d'un seuil",
                                           "tranches": "Des pourcentages par tranches"}[m])
    if mode == "tranches" and not comp.get("tranches"):
        # La première tranche reprend ce que la personne a déjà saisi ; la seconde est à remplir.
        comp["tranches"] = [{"plancher_centimes": comp.get("seuil_centimes"), "taux": comp.get("taux")},
                            {"plancher_centimes": None, "taux": None}]
        comp["taux"] = None
        comp["seuil_centimes"] = 0
        etat.oublier_widgets("formule_pr_tranche_")
    elif mode == "unique" and comp.get("tranches"):
        premiere = comp["tranches"][0]
        comp["taux"] = premiere.get("taux")
        comp["seuil_centimes"] = premiere.get("plancher_centimes")
        comp["tranches"] = []
        etat.oublier_widgets("formule_pr_taux")
        etat.oublier_widgets("formule_pr_seuil")
    if mode == "unique":
        col1, col2 = st.columns(2)
        with col1:
            c.pourcentage("formule_pr_taux", f"{base}.taux", "Pourcentage partagé (%)", minimum=0.0, maximum=100.0,
                          aide="La part du résultat au-delà du seuil qui revient aux salariés (par exemple 10 "
                               "ou 20).", facultatif=True, placeholder="à renseigner")
        with col2:
            c.euros("formule_pr_seuil", f"{base}.seuil_centimes", "Seuil de résultat (€)", minimum=None, pas=5000,
                    aide="En dessous de ce résultat, rien n'est versé : c'est ce qui rend la prime aléatoire.",
                    facultatif=True, placeholder="à renseigner")
        if comp.get("taux") is not None and comp.get("seuil_centimes") is not None:
            st.caption(f"Enveloppe = {fmt.pourcentage(comp['taux'])} × (résultat − "
                       f"{fmt.montant(comp['seuil_centimes'])}), et rien si le résultat est sous le seuil.")
    else:
        st.caption("Chaque tranche s'applique à la partie du résultat comprise entre son seuil et celui de la "
                   "tranche suivante.")

        def ligne(j: int, b: str) -> None:
            col1, col2 = st.columns(2)
            with col1:
                c.euros(f"formule_pr_tranche_{j}_plancher", f"{b}.plancher_centimes", f"Tranche {j + 1} : au-delà "
                        "de (€)", minimum=None, pas=5000, facultatif=True, placeholder="à renseigner")
            with col2:
                c.pourcentage(f"formule_pr_tranche_{j}_taux", f"{b}.taux", "Pourcentage (%)", facultatif=True,
                              placeholder="à renseigner")

        c.lignes_editables("formule_pr_tranche", f"{base}.tranches", ligne,
                           lambda: {"plancher_centimes": None, "taux": None},
                           libelle_ajout="Ajouter une tranche", maximum=8, minimum=1)
        c.afficher_messages(f"{base}.tranches")


def _paliers(i: int) -> None:
    base = f"formule.composantes[{i}]"
    st.subheader("Paliers de croissance", anchor=False)
    c.choix("formule_pa_indicateur", f"{base}.indicateur", "Indicateur dont on mesure la croissance",
            {n: LIBELLES_NATURES[n] for n in NATURES_PALIERS}, aucun=True,
            aide="Sa croissance par rapport à l'exercice précédent fixe le pourcentage de la masse salariale "
                 "versé.")
    if _declencheur_obligatoire(etat.accord()):
        st.caption("Une formule liée au seul chiffre d'affaires est refusée (elle ne reflète que l'activité, art. "
                   "L3314-2) : une condition sur un résultat est donc demandée plus bas ; choisissez-la.")

    def ligne(j: int, b: str) -> None:
        col1, col2 = st.columns(2)
        with col1:
            c.pourcentage(f"formule_pa_{j}_croissance", f"{b}.croissance_min", f"Palier {j + 1} : croissance d'au "
                          "moins (%)", minimum=-100.0, maximum=1000.0, facultatif=True, placeholder="à renseigner")
        with col2:
            c.pourcentage(f"formule_pa_{j}_taux", f"{b}.taux_masse_salariale", "… donne (% de la masse salariale)",
                          maximum=20.0, pas=0.25, facultatif=True, placeholder="à renseigner")

    c.lignes_editables("formule_pa", f"{base}.paliers", ligne,
                       lambda: {"croissance_min": None, "taux_masse_salariale": None},
                       libelle_ajout="Ajouter un palier", maximum=8, minimum=1)
    c.afficher_messages(f"{base}.paliers")
    st.caption("Sous le premier palier, rien n'est versé.")


def _objectifs(i: int) -> None:
    base = f"formule.composantes[{i}]"
    st.subheader("Objectifs collectifs", anchor=False)
    c.pourcentage("formule_ob_budget", f"{base}.budget_taux_masse_salariale",
                  "Budget si tous les objectifs sont atteints (% de la masse salariale)", maximum=20.0, pas=0.25,
                  facultatif=True, placeholder="à renseigner")

    def ligne(j: int, b: str) -> None:
        o = etat.valeur(b) or {}
        col1, col2, col3 = st.columns([3, 2, 1])
        with col1:
            c.texte(f"formule_ob_{j}_nom", f"{b}.nom", f"Objectif {j + 1}", vide_devient_rien=False)
        with col2:
            c.choix(f"formule_ob_{j}_sens", f"{b}.sens", "Sens",
                    {"hausse": "plus haut est mieux", "baisse": "plus bas est mieux"})
        with col3:
            c.pourcentage(f"formule_ob_{j}_poids", f"{b}.poids", "Poids (%)", pas=5.0, facultatif=True,
                          placeholder="à renseigner")
        col1, col2, col3 = st.columns([2, 2, 2])
        with col1:
            c.nombre_decimal(f"formule_ob_{j}_declenchement", f"{b}.declenchement", "Déclenchement (0 % atteint)",
                             facultatif=True)
        with col2:
            c.nombre_decimal(f"formule_ob_{j}_cible", f"{b}.cible", "Cible (100 % atteint)", facultatif=True)
        with col3:
            c.choix(f"formule_ob_{j}_progression", f"{b}.progression", "Entre les deux",
                    {"lineaire": "progression continue", "paliers": "par paliers"})
        if o.get("progression") == "paliers":
            c.entier(f"formule_ob_{j}_nb_paliers", f"{b}.nombre_paliers", "Nombre de paliers", minimum=1,
                     maximum=20, defaut=4)
        st.divider()

    c.lignes_editables("formule_ob", f"{base}.objectifs", ligne,
                       lambda: {"nom": "", "indicateur": _nouveau_code_objectif(), "poids": None, "sens": "hausse",
                                "declenchement": None, "cible": None, "progression": "lineaire", "nombre_paliers": 4,
                                "par_periode": []},
                       libelle_ajout="Ajouter un objectif", maximum=5, minimum=1)
    c.afficher_messages(f"{base}.objectifs")


def _nouveau_code_objectif() -> str:
    existants = set(codes_utilises(etat.accord()))
    n = 1
    while f"objectif_{n}" in existants:
        n += 1
    return f"objectif_{n}"


def _declencheur_et_plafond() -> None:
    accord = etat.accord()
    f = accord["formule"]
    st.subheader("Condition de déclenchement", anchor=False)
    obligatoire = _declencheur_obligatoire(accord)
    cle = "formule_dcl_actif"
    if cle not in st.session_state:
        st.session_state[cle] = bool(f.get("declencheurs"))
    if obligatoire:
        st.session_state[cle] = True
    actif = st.toggle("Ne rien verser si un résultat n'est pas atteint", key=cle, disabled=obligatoire,
                      help="Par exemple : pas d'intéressement si le résultat d'exploitation n'est pas positif.")
    if actif and not f.get("declencheurs"):
        f["declencheurs"] = [{"indicateur": None, "operateur": ">", "valeur": None}]
        etat.oublier_widgets("formule_dcl_")
    elif not actif and f.get("declencheurs"):
        f["declencheurs"] = []
    if f.get("declencheurs"):
        col1, col2, col3 = st.columns([3, 1, 2])
        with col1:
            c.choix("formule_dcl_indicateur", "formule.declencheurs[0].indicateur", "Indicateur",
                    {n: LIBELLES_NATURES[n] for n in NATURES_RESULTAT}, aucun=True)
        with col2:
            c.choix("formule_dcl_operateur", "formule.declencheurs[0].operateur", "Condition",
                    {">": "supérieur à", ">=": "au moins"})
        with col3:
            c.euros("formule_dcl_valeur", "formule.declencheurs[0].valeur", "Valeur (€)", minimum=None, pas=5000,
                    facultatif=True, placeholder="à renseigner")
        f["declencheurs"] = f["declencheurs"][:1]

    st.subheader("Plafond de l'enveloppe", anchor=False)
    st.caption(AIDE["plafond_legal"])
    cle = "formule_pl_actif"
    plafond = f.get("plafond") or {}
    if cle not in st.session_state:
        st.session_state[cle] = any(plafond.get(k) is not None for k in ("taux_masse_salariale", "montant_centimes",
                                                                           "taux_indicateur"))
    actif = st.toggle("Plafonner l'enveloppe plus bas (conseillé)", key=cle,
                      help="Un plafond propre à l'accord limite le coût d'une très bonne année.")
    if actif and not f.get("plafond"):
        f["plafond"] = {"taux_masse_salariale": None, "taux_indicateur": None, "indicateur": None,
                        "montant_centimes": None}
        etat.oublier_widgets("formule_pl_")
    elif not actif:
        f["plafond"] = None
    if f.get("plafond"):
        col1, col2 = st.columns(2)
        with col1:
            c.pourcentage("formule_pl_taux", "formule.plafond.taux_masse_salariale",
                          "Au plus (% de la masse salariale)", maximum=20.0, facultatif=True)
        with col2:
            c.euros("formule_pl_montant", "formule.plafond.montant_centimes", "Au plus (montant en €)",
                    facultatif=True, pas=5000)


def _prendre_source(chemin: str, texte: str, cle: str) -> None:
    """La source choisie par un clic devient la réponse (jamais écrite sans ce clic)."""
    etat.synchroniser()
    etat.fixer(chemin, texte)
    etat.oublier_widgets(cle)


def _definitions() -> None:
    accord = etat.accord()
    st.subheader("Définition des indicateurs", divider="gray", anchor=False)
    st.caption("Chaque chiffre utilisé doit être défini et vérifiable : l'accord dit d'où il vient "
               "(art. L3314-2). Les lignes de la liasse fiscale sont proposées ; adaptez-les si besoin.")
    for j, ind in enumerate(accord.get("indicateurs") or []):
        code = ind.get("code")
        with st.container(border=True):
            st.markdown(f"**{md(ind.get('libelle'))}**")
            if code in DEFINITIONS_INDICATEURS or ind.get("nature") in DEFINITIONS_INDICATEURS:
                c.texte(f"formule_ind_{code}_definition", f"indicateurs[{j}].definition", "Définition", zone=True,
                        hauteur=70, vide_devient_rien=False)
            else:
                col1, col2 = st.columns([2, 1])
                with col1:
                    c.texte(f"formule_ind_{code}_definition", f"indicateurs[{j}].definition",
                            "Définition (comment il est calculé)", zone=True, hauteur=70, vide_devient_rien=False)
                with col2:
                    c.choix(f"formule_ind_{code}_unite", f"indicateurs[{j}].unite", "Unité", UNITES)
                    c.choix(f"formule_ind_{code}_nature", f"indicateurs[{j}].nature", "Nature", NATURES_OBJECTIFS,
                            defaut="autre")
            c.texte(f"formule_ind_{code}_source", f"indicateurs[{j}].source", "Source du chiffre",
                    vide_devient_rien=False)
            choix = SOURCES_PAR_REGIME.get(ind.get("nature") or "")
            if choix and not (ind.get("source") or "").strip():
                st.caption("La ligne de la liasse fiscale dépend du régime fiscal de l'entreprise : régime réel "
                           "normal (formulaires 2050 à 2059) ou régime simplifié (formulaires 2033). Choisissez "
                           "celle que dépose votre entreprise, ou écrivez la source.")
                colonnes = st.columns(len(choix))
                for col, (regime, libelle, texte) in zip(colonnes, choix, strict=True):
                    col.button(libelle, key=f"formule_ind_{code}_source_{regime}", on_click=_prendre_source,
                               args=(f"indicateurs[{j}].source", texte, f"formule_ind_{code}_source"),
                               icon=":material/receipt_long:", width="stretch")


def _unite(accord: dict[str, Any], code: str) -> str:
    ind = next((i for i in accord.get("indicateurs") or [] if i.get("code") == code), None)
    return (ind or {}).get("unite") or "centimes"


def _libelle(accord: dict[str, Any], code: str) -> str:
    """Le nom lisible d'un indicateur (jamais son code interne)."""
    ind = next((i for i in accord.get("indicateurs") or [] if i.get("code") == code), None)
    return (ind or {}).get("libelle") or LIBELLES_NATURES.get(code) or "Indicateur"


def _formule_incomplete(accord: dict[str, Any]) -> list[str]:
    """Ce qui manque encore à la formule pour l'essayer (les messages « à renseigner » de l'étape)."""
    manques = [m for chemin, liste in c.tous_les_messages().items() for m in liste
               if m.gravite == "a_renseigner" and chemin.startswith(("formule", "indicateurs"))]
    return list(dict.fromkeys(m.texte.removeprefix("À renseigner : ").rstrip(".") for m in manques))


def _simulation() -> None:
    accord = etat.accord()
    st.subheader("Essayez la formule sur vos chiffres", divider="gray", anchor=False)
    incomplete = _formule_incomplete(accord)
    if not accord["formule"].get("composantes") or incomplete:
        st.info("Complétez la formule pour l'essayer sur vos chiffres" + (" : " + " ; ".join(md(x) for x in incomplete)
                if incomplete else "") + ".", icon=":material/info:")
        return
    st.caption("Saisissez les chiffres d'un exercice (par exemple le dernier clos) : l'enveloppe se recalcule à "
               "chaque modification. Ces chiffres restent dans votre brouillon, ils ne vont pas dans l'accord.")
    codes = codes_utilises(accord)
    besoin_precedent = _indice(accord, "paliers_croissance") is not None
    sim = etat.ui().setdefault("simulation", {"masse_salariale_centimes": None, "valeurs": {},
                                              "valeurs_precedentes": {}})
    colonnes = st.columns(3)
    with colonnes[0]:
        c.euros("formule_sim_masse", "ui.simulation.masse_salariale_centimes", "Masse salariale brute (€)", pas=10_000,
                aide="Total des salaires bruts de l'exercice (base des plafonds et des pourcentages).",
                facultatif=True, placeholder="votre chiffre")
    paliers = _indice(accord, "paliers_croissance")
    code_paliers = accord["formule"]["composantes"][paliers]["indicateur"] if paliers is not None else None
    for k, code in enumerate(codes):
        with colonnes[(k + 1) % 3]:
            _valeur_indicateur(f"formule_sim_{code}", f"ui.simulation.valeurs.{code}", _libelle(accord, code),
                               _unite(accord, code))
            if besoin_precedent and code == code_paliers:
                _valeur_indicateur(f"formule_sim_{code}_prec", f"ui.simulation.valeurs_precedentes.{code}",
                                   f"{_libelle(accord, code)} de l'exercice précédent", _unite(accord, code))
    manquent = [code for code in codes if (sim.get("valeurs") or {}).get(code) is None]
    if sim.get("masse_salariale_centimes") is None or manquent:
        st.caption("Saisissez la masse salariale et " + ", ".join(f"« {md(_libelle(accord, x))} »" for x in manquent)
                   + " pour voir l'enveloppe." if manquent else "Saisissez la masse salariale pour voir l'enveloppe.")
        return
    resultat, erreur = services.simuler(accord, sim)
    if erreur:
        st.warning(md(_sans_codes(accord, erreur)), icon=":material/warning:")
        return
    masse = int(sim.get("masse_salariale_centimes") or 0)
    effectif = max(1, int(accord["entreprise"].get("effectif") or 1))
    col1, col2, col3 = st.columns(3)
    col1.metric("Enveloppe d'intéressement", fmt.montant(resultat.enveloppe_centimes))
    col2.metric("Part de la masse salariale",
                fmt.pourcentage(resultat.enveloppe_centimes / masse) if masse else "—")
    from interessement.repartition import moyenne_centimes

    col3.metric("En moyenne par salarié", fmt.montant(moyenne_centimes(resultat.enveloppe_centimes, effectif)))
    with st.expander("Le détail du calcul", expanded=False):
        for e in resultat.etapes:
            st.markdown(f"- {md(_sans_codes(accord, str(e)))}")


def _sans_codes(accord: dict[str, Any], texte: str) -> str:
    """Remplace tout code interne d'indicateur (« resultat_courant_avant_impot ») par son nom lisible."""
    import re

    codes = {i.get("code"): i.get("libelle") for i in accord.get("indicateurs") or [] if i.get("code")}
    codes |= {k: v for k, v in LIBELLES_NATURES.items() if k not in codes}
    for code in sorted(codes, key=len, reverse=True):
        if code and codes[code]:
            texte = re.sub(rf"\b{re.escape(code)}\b", codes[code].lower() if code in LIBELLES_NATURES else
                           codes[code], texte)
    return texte


def _valeur_indicateur(cle: str, chemin: str, libelle: str, unite: str) -> None:
    if unite == "centimes":
        c.euros(cle, chemin, f"{libelle} (€)", minimum=None, pas=5000, facultatif=True, placeholder="votre chiffre")
    else:
        c.nombre_decimal(cle, chemin, f"{libelle} ({'%' if unite == 'pourcentage' else 'nombre'})", facultatif=True,
                         placeholder="votre chiffre")


def _historique() -> None:
    accord = etat.accord()
    st.subheader("Et sur vos années passées ?", divider="gray", anchor=False)
    codes = codes_utilises(accord)
    if not codes:
        st.caption("Choisissez d'abord l'indicateur de la formule : vous pourrez ensuite saisir ses chiffres passés.")
        return
    st.caption("Saisissez les chiffres de vos 3 à 10 derniers exercices (ceux de vos comptes) : on voit ce que la "
               "formule aurait versé chaque année. Une formule qui verse toujours, ou jamais, n'est pas un bon "
               "intéressement. Ces chiffres restent dans votre brouillon ; ils ne sont pas écrits dans l'accord.")

    def ligne(j: int, b: str) -> None:
        colonnes = st.columns(min(4, len(codes) + 2))
        with colonnes[0]:
            c.texte(f"formule_hist_{j}_periode", f"{b}.periode", "Exercice", vide_devient_rien=False, max_chars=20,
                    placeholder="par exemple 2024")
        with colonnes[1]:
            c.euros(f"formule_hist_{j}_masse", f"{b}.masse_salariale_centimes", "Masse salariale (€)", pas=10_000,
                    afficher_montant=False, facultatif=True, placeholder="à renseigner")
        for k, code in enumerate(codes):
            with colonnes[(k + 2) % len(colonnes)]:
                unite = _unite(accord, code)
                if unite == "centimes":
                    c.euros(f"formule_hist_{j}_{code}", f"{b}.valeurs.{code}", f"{_libelle(accord, code)} (€)",
                            minimum=None, pas=5000, afficher_montant=False, facultatif=True,
                            placeholder="à renseigner")
                else:
                    c.nombre_decimal(f"formule_hist_{j}_{code}", f"{b}.valeurs.{code}", _libelle(accord, code),
                                     facultatif=True)

    hist = accord.get("historique") or []

    def nouvelle() -> dict[str, Any]:
        # Seul l'exercice suit du précédent (l'année suivante) ; les chiffres sont à saisir.
        dernier = hist[-1] if hist else {}
        try:
            periode = str(int(dernier.get("periode")) + 1)
        except (TypeError, ValueError):
            periode = ""
        return {"periode": periode, "masse_salariale_centimes": None, "valeurs": {}}

    # Toujours affiché (pas de repli qui se referme pendant la saisie).
    with st.container(border=True, key="formule_historique"):
        st.markdown(f"**Vos chiffres passés** ({len(hist)} exercice{'s' if len(hist) > 1 else ''})")
        c.lignes_editables("formule_hist", "historique", ligne, nouvelle, libelle_ajout="Ajouter un exercice",
                           maximum=10)
    incomplets = [h.get("periode") or f"ligne {j + 1}" for j, h in enumerate(hist)
                  if h.get("masse_salariale_centimes") is None or any((h.get("valeurs") or {}).get(x) is None
                                                                      for x in codes)]
    if len(hist) < 3:
        st.info("Ajoutez au moins 3 exercices pour voir ce qu'aurait versé la formule ces années-là et la mesure de l'aléa.", icon=":material/info:")
        return
    if incomplets:
        st.info("Complétez les chiffres de : " + ", ".join(md(x) for x in incomplets) + " (un exercice incomplet n'est pas "
                "compté).", icon=":material/info:")
    if _formule_incomplete(accord):
        return
    bt, erreur = services.backtest(accord)
    if erreur:
        st.warning(md(_sans_codes(accord, erreur)), icon=":material/warning:")
        return
    lignes = [{"Exercice": lg.periode,
               "Masse salariale": fmt.montant(lg.masse_salariale_centimes) if lg.masse_salariale_centimes else "—",
               "Enveloppe": fmt.montant(lg.enveloppe_centimes) if lg.enveloppe_centimes is not None else "—",
               "Part de la masse salariale": fmt.pourcentage(lg.taux_masse_salariale)
               if lg.taux_masse_salariale is not None else "—",
               "Par salarié (moyenne)": fmt.montant(lg.moyenne_par_beneficiaire_centimes)
               if lg.moyenne_par_beneficiaire_centimes is not None else "—",
               "Ce qui l'a décidé": _sans_codes(accord, lg.motif or lg.determinant)} for lg in bt.lignes]
    st.session_state["_backtest_formule"] = bt
    graphique = graphiques.backtest(bt)
    st.altair_chart(graphique, key="formule_backtest_graphique", width="stretch")
    # Un tableau statique : le texte long (« Ce qui l'a décidé ») passe à la ligne au lieu d'être coupé.
    import pandas as pd

    st.table(pd.DataFrame(lignes).set_index("Exercice"))
    n, v = bt.nb_calculables, bt.nb_versements
    st.markdown(f"Sur **{n}** exercice{'s' if n > 1 else ''} calculable{'s' if n > 1 else ''}, la formule aurait "
                f"versé une prime **{int(v)}** fois.")


def _conseil(accord: dict[str, Any], trop: bool) -> str:
    """Un conseil qui tient compte de la formule saisie : jamais « abaissez le seuil » quand il est déjà à zéro."""
    comps = accord["formule"].get("composantes") or []
    types = {comp.get("type") for comp in comps}
    seuil = next((comp.get("seuil_centimes") for comp in comps if comp.get("type") == "part_resultat"
                  and not comp.get("tranches")), None)
    if trop:
        morceaux = []
        if "part_resultat" in types:
            morceaux.append("relevez le seuil de résultat")
        if "paliers_croissance" in types:
            morceaux.append("relevez le premier palier de croissance")
        if "objectifs" in types:
            morceaux.append("choisissez des cibles plus exigeantes")
        if not accord["formule"].get("declencheurs"):
            morceaux.append("ajoutez une condition de déclenchement")
        return " ou ".join(morceaux) or "rendez la formule plus exigeante"
    morceaux = []
    if "part_resultat" in types:
        if seuil is not None and seuil > 0:
            morceaux.append("abaissez le seuil de résultat")
        else:
            morceaux.append("choisissez un résultat de référence qui est plus souvent positif (le seuil est déjà à "
                            f"{fmt.montant(seuil or 0)})")
    if "paliers_croissance" in types:
        morceaux.append("abaissez le premier palier de croissance")
    if "objectifs" in types:
        morceaux.append("choisissez des objectifs atteignables")
    if any(d.get("valeur") not in (None, 0) for d in accord["formule"].get("declencheurs") or []):
        morceaux.append("assouplissez la condition de déclenchement")
    return " ou ".join(morceaux) or "rendez la formule plus accessible"


def _alea() -> None:
    import numpy as np

    accord = etat.accord()
    bt = st.session_state.pop("_backtest_formule", None)
    if len(accord.get("historique") or []) < 3 or bt is None:
        return
    st.subheader("Mesure de l'aléa", divider="gray", anchor=False)
    mc, erreur = services.monte_carlo(accord)
    if erreur:
        st.info(md(_sans_codes(accord, erreur)), icon=":material/info:")
        return
    hist = [h for h in accord.get("historique") or [] if (h.get("periode") or "").strip()]
    depart = hist[-1]["periode"] if hist else "le dernier exercice saisi"
    n, v = bt.nb_calculables, bt.nb_versements
    # La phrase dit la méthode vraiment employée : tirage parmi les variations observées (bootstrap), ou, avec peu
    # d'années, tirage selon une loi ajustée sur elles.
    tirage = ("tirées au hasard parmi les variations d'une année sur l'autre que vos chiffres passés ont connues"
              if mc.methode_code == "bootstrap" else
              "tirées au hasard selon la moyenne et la dispersion des variations d'une année sur l'autre que vos "
              "chiffres passés ont connues")
    st.markdown(
        f"**Comment c'est calculé.** Chacun des {fmt.nombre(mc.scenarios)} scénarios part de vos derniers chiffres "
        f"connus (exercice {md(depart)}) et leur applique, année après année, des variations {md(tirage)} "
        f"({int(mc.nb_variations)} variation{'s' if mc.nb_variations > 1 else ''} observée"
        f"{'s' if mc.nb_variations > 1 else ''}), puis on compte les scénarios où la formule verse une prime. Vos "
        f"chiffres passés, eux, en auraient versé une **{int(v)} année{'s' if v > 1 else ''} sur {n}**.")
    col1, col2, col3 = st.columns(3)
    col1.metric("Chance de verser une prime (par exercice)", fmt.pourcentage(mc.proba_versement, 0))
    col2.metric("Chance de n'avoir aucune prime", fmt.pourcentage(mc.proba_aucun_versement, 0))
    col3.metric("Chance d'atteindre un plafond", fmt.pourcentage(max(mc.proba_plafond_accord,
                                                                     mc.proba_plafond_legal), 0))
    passe, simule = graphiques.alea(mc, bt)
    col1, col2 = st.columns(2)
    col1.altair_chart(passe, key="formule_alea_passe", width="stretch")
    col2.altair_chart(simule, key="formule_alea_graphique", width="stretch")
    # Les chiffres de la phrase sont ceux du graphique : la première période des scénarios.
    premiere = np.asarray(mc.enveloppes_centimes)[:, 0] if len(mc.enveloppes_centimes) else None
    if premiere is not None and len(premiere):
        bas, mediane, haut = (int(round(x)) for x in np.quantile(premiere, [0.05, 0.5, 0.95]))
        st.markdown(f"Première période : enveloppe médiane des scénarios **{fmt.montant(mediane)}** ; dans 90 % "
                    f"des scénarios entre {fmt.montant(bas)} et {fmt.montant(haut)}.")
    if mc.proba_versement >= 0.95:
        st.warning("La prime serait versée presque à coup sûr : l'Urssaf peut y voir un complément de salaire "
                   f"déguisé (aléa trop faible). Pour y remédier, {md(_conseil(accord, True))}.", icon=":material/warning:")
    elif mc.proba_versement <= 0.05:
        st.warning("La prime ne serait presque jamais versée : elle ne motivera pas. Pour y remédier, "
                   f"{md(_conseil(accord, False))}.", icon=":material/warning:")
    else:
        st.success("La prime dépend vraiment des résultats : l'aléa est bien présent.", icon=":material/check_circle:")
    st.caption(f"Détail de la méthode : {md(_sans_codes(accord, mc.methode_detail))}.")


def afficher() -> None:
    accord = etat.accord()
    st.caption(AIDE["formule"])
    _familles()
    for type_ in FAMILLES:
        i = _indice(accord, type_)
        if i is None:
            continue
        with st.container(border=True):
            {"part_resultat": _part_resultat, "paliers_croissance": _paliers, "objectifs": _objectifs}[type_](i)
    if accord["formule"].get("composantes"):
        with st.container(border=True):
            _declencheur_et_plafond()
    ajuster(accord)
    _definitions()
    _simulation()
    _historique()
    _alea()


def resume(accord: dict[str, Any]) -> list[tuple[str, str]]:
    from ..textes import decrire_formule

    return [("Formule", decrire_formule(accord))]
