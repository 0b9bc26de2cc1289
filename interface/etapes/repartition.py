"""Étape 6 : la répartition entre salariés (clés, absences assimilées, fichier des salariés, montants, coût).

Le fichier des salariés reste en mémoire pour la session : il n'est jamais écrit sur disque ni dans la base des
brouillons.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import streamlit as st

from interessement import format as fmt
from interessement import parametres
from interessement.modele import CODES_ABSENCES

from .. import champs as c
from .. import etat, graphiques, services
from ..aide import AIDE
from ..brouillon import absences_legales, date_depuis_iso
from ..echappement import md
from ..requis import reponse_conges_payes
from ..textes import oui_non

PREFIXES = ["repartition"]
CONGES_PAYES = "conges_payes"


def _date_reference(accord: dict[str, Any]) -> Any:
    return date_depuis_iso((accord.get("periode") or {}).get("date_effet")) or etat.aujourd_hui()


def ajuster(accord: dict[str, Any]) -> None:
    rep = accord["repartition"]
    legales = absences_legales(_date_reference(accord))
    rep["absences_assimilees"] = legales + [a for a in rep.get("absences_assimilees") or [] if a not in legales]
    rep["salaire_reconstitue_absences"] = True
    rep["autres_criteres"] = []
    if not (accord.get("beneficiaires") or {}).get("dirigeants_inclus"):
        rep["plafond_salaire_dirigeants"] = True


def controler(accord: dict[str, Any]) -> None:
    rep = accord.get("repartition") or {}
    total = round(sum(float(rep.get(k) or 0) for k in ("part_uniforme", "part_presence", "part_salaire")) * 100, 4)
    repondu = any(rep.get(k) is not None for k in ("part_uniforme", "part_presence", "part_salaire"))
    if repondu and abs(total - 100) > 1e-6:
        c.signaler("repartition.part_salaire", c.Message(
            "bloquant", f"Les trois parts font {fmt.nombre(total)} % au lieu de 100 %.",
            "Ajustez les parts pour que leur somme fasse exactement 100 %."))
    if float(rep.get("part_salaire") or 0) > 0 and not (rep.get("notion_salaire") or "").strip():
        c.signaler("repartition.notion_salaire", c.Message(
            "avertissement", "Précisez quel salaire sert à la répartition.",
            "Par exemple : salaire brut soumis à cotisations sociales (article L242-1 du code de la sécurité "
            "sociale)."))
    plancher, plafond = rep.get("salaire_plancher_centimes"), rep.get("salaire_plafond_centimes")
    if plancher is not None and plafond is not None and plancher > plafond:
        c.signaler("repartition.salaire_plafond_centimes", c.Message(
            "bloquant", "Le salaire plafond est inférieur au salaire plancher."))


def _parts() -> None:
    st.markdown("**Comment partager l'enveloppe ?** " + AIDE["cles"])
    col1, col2, col3 = st.columns(3)
    with col1:
        c.pourcentage("repartition_part_uniforme", "repartition.part_uniforme", "À parts égales (%)", pas=5.0,
                      aide="Chaque bénéficiaire reçoit la même somme (art. L3314-5).", facultatif=True,
                      placeholder="0")
    with col2:
        c.pourcentage("repartition_part_presence", "repartition.part_presence", "Selon le temps de présence (%)",
                      pas=5.0, aide="Proportionnelle à la durée de présence dans l'exercice (art. L3314-5).",
                      facultatif=True, placeholder="0")
    with col3:
        c.pourcentage("repartition_part_salaire", "repartition.part_salaire", "Selon le salaire (%)", pas=5.0,
                      aide="Proportionnelle au salaire de l'exercice (art. L3314-5).", facultatif=True,
                      placeholder="0")
    rep = etat.accord()["repartition"]
    total = sum(float(rep.get(k) or 0) for k in ("part_uniforme", "part_presence", "part_salaire")) * 100
    if abs(total - 100) <= 1e-6:
        st.caption(":material/check_circle: Les parts font bien 100 %.")


def _absences() -> None:
    accord = etat.accord()
    rep = accord["repartition"]
    legales = absences_legales(_date_reference(accord))
    st.markdown("**Absences comptées comme de la présence**")
    st.caption(AIDE["absences"])
    st.markdown("Toujours assimilées (la loi l'impose) : " + ", ".join(md(CODES_ABSENCES.get(a, a)) for a in legales)
                + ".")
    autres = {code: libelle for code, libelle in CODES_ABSENCES.items() if code not in legales}
    cle = "repartition_absences_autres"
    conges, posee = None, False
    if float(rep.get("part_presence") or 0) > 0 and CONGES_PAYES not in legales:
        # Clé de présence : les congés payés ne sont jamais déduits (ni comptés) sans que la personne l'ait dit.
        questions = etat.ui().setdefault("questions", {})
        if questions.get(CONGES_PAYES) is None:
            questions[CONGES_PAYES] = reponse_conges_payes(accord, etat.ui())
        conges = c.oui_non("repartition_conges_payes", "ui.questions.conges_payes",
                           "Les congés payés comptent-ils comme de la présence ?", aide=AIDE["conges_payes"],
                           oui="Oui (recommandé)", non="Non, ils réduisent la présence")
        autres.pop(CONGES_PAYES, None)
        posee = True
    if cle not in st.session_state:
        st.session_state[cle] = [a for a in rep.get("absences_assimilees") or [] if a in autres]
    elif st.session_state.get("_repartition_conges_poses") and not posee:
        # La question n'est plus posée (plus de clé de présence) : les congés payés restent où elle les a mis.
        st.session_state[cle] = [a for a in st.session_state[cle] if a in autres] + (
            [CONGES_PAYES] if CONGES_PAYES in (rep.get("absences_assimilees") or []) else [])
    else:
        st.session_state[cle] = [a for a in st.session_state[cle] if a in autres]
    st.session_state["_repartition_conges_poses"] = posee
    choisies = st.multiselect("Autres absences assimilées (facultatif)", list(autres), key=cle,
                              format_func=lambda a: autres[a], placeholder="Aucune autre")
    rep["absences_assimilees"] = legales + list(choisies) + ([CONGES_PAYES] if conges else [])


def _options() -> None:
    accord = etat.accord()
    rep = accord["repartition"]
    if float(rep.get("part_salaire") or 0) > 0:
        c.texte("repartition_notion_salaire", "repartition.notion_salaire", "Salaire retenu", aide=AIDE["notion_salaire"])
    if float(rep.get("part_presence") or 0) > 0:
        c.case("repartition_prorata_temps", "repartition.presence_prorata_temps_travail",
               "Compter la présence des salariés à temps partiel au prorata de leur temps de travail",
               aide="Par défaut le temps partiel ne réduit pas la présence ; certains accords de branche le "
                    "prévoient.")
    c.oui_non("repartition_redistribution", "repartition.redistribution_excedent",
              "Ce qui dépasse le plafond individuel est-il redistribué aux autres salariés ?",
              aide=AIDE["redistribution"])
    c.oui_non("repartition_prorata_plafond", "repartition.prorata_plafond_individuel",
              "Le plafond individuel est-il réduit au prorata de la durée dans l'effectif ?",
              aide=AIDE["prorata_plafond"])
    with st.expander("Options avancées (rarement utiles)"):
        st.caption("Un salaire plancher ou plafond dans la clé « salaire » est pratiqué mais absent des textes : "
                   "l'Urssaf peut le discuter.")
        col1, col2 = st.columns(2)
        with col1:
            c.euros("repartition_salaire_plancher", "repartition.salaire_plancher_centimes",
                    "Salaire plancher (€, facultatif)", facultatif=True)
        with col2:
            c.euros("repartition_salaire_plafond", "repartition.salaire_plafond_centimes",
                    "Salaire plafond (€, facultatif)", facultatif=True)
        if accord["beneficiaires"].get("conjoint_inclus"):
            c.case("repartition_plafond_conjoint", "repartition.plafond_salaire_conjoint",
                   "Plafonner le salaire retenu du conjoint à 25 % du PASS (art. L3314-6)")


# ------------------------------------------------------------------------------------------ fichier des salariés


SOURCE = "salaries_source"  # le fichier déposé (nom, octets), en mémoire de session seulement
IGNORER = ""


def exercice_de(accord: dict[str, Any]) -> tuple[Any, Any] | None:
    """(début, fin) du premier exercice du brouillon (date d'effet, clôture du premier exercice), s'il est
    indiqué : les jours d'inscription à l'effectif se comptent sur l'exercice."""
    periode = accord.get("periode") or {}
    debut = date_depuis_iso(periode.get("date_effet"))
    fin = date_depuis_iso(periode.get("date_cloture_premier_exercice"))
    if debut is None or fin is None or fin < debut:
        return None
    return debut, fin


def _correspondance() -> dict[str, str | None]:
    """En-tête du fichier → colonne : ce que l'utilisateur a rattaché (gardé dans le brouillon, sans données)."""
    return etat.ui().setdefault("correspondance_colonnes", {})


def _reglages(accord: dict[str, Any]) -> dict[str, Any]:
    return {"exercice": exercice_de(accord), "correspondance": dict(_correspondance()),
            "presents_tout_l_exercice": bool(etat.ui().get("salaries_presents_tout_l_exercice"))}


def _recevoir_fichier() -> None:
    """Garde en mémoire de session le fichier déposé (ni disque, ni base des brouillons)."""
    fichier = st.session_state.get("repartition_fichier")
    if fichier is None:
        return
    source = st.session_state.get(SOURCE)
    if source is None or source.get("file_id") != fichier.file_id:
        st.session_state[SOURCE] = {"nom": fichier.name, "contenu": fichier.getvalue(), "file_id": fichier.file_id}
        for cle in [k for k in st.session_state if isinstance(k, str) and k.startswith("repartition_colonne_")]:
            del st.session_state[cle]


def _fichier_change() -> None:
    """Rappel du dépôt : un fichier retiré par sa croix est oublié, un nouveau est gardé."""
    if st.session_state.get("repartition_fichier") is None:
        _oublier_salaries()
    else:
        _recevoir_fichier()


def _lire(accord: dict[str, Any]) -> Any:
    """Lit (ou relit, si l'exercice ou la correspondance ont changé) le fichier déposé ; met à jour les salariés."""
    source = st.session_state.get(SOURCE)
    if source is None:
        return None
    reglages = _reglages(accord)
    with st.spinner(f"Lecture de « {source['nom']} »…"):
        lecture = services.lire_fichier(source["contenu"], source["nom"], **reglages)
    jeton = services.empreinte(hashlib.sha1(source["contenu"]).hexdigest(), reglages)
    if lecture.erreurs:
        st.session_state["salaries_erreurs"] = {"nom": source["nom"], "erreurs": [str(e) for e in lecture.erreurs]}
        if (st.session_state.get(services.SALARIES) or {}).get("source") == source["file_id"]:
            st.session_state.pop(services.SALARIES, None)
        return lecture
    st.session_state.pop("salaries_erreurs", None)
    actuel = st.session_state.get(services.SALARIES) or {}
    if actuel.get("jeton") != jeton:
        from interessement.fichiers_salaries import salaries_pour_versement

        st.session_state[services.SALARIES] = {
            "nom": source["nom"], "liste": salaries_pour_versement(lecture.salaries),
            "avertissements": list(lecture.avertissements), "fictif": False, "jeton": jeton,
            "source": source["file_id"]}
    return lecture


def _equipe_fictive() -> None:
    accord = etat.accord()
    sim = etat.ui().get("simulation") or {}
    effectif = int(accord["entreprise"].get("effectif") or 1)
    liste = services.equipe_fictive(effectif, int(sim.get("masse_salariale_centimes") or 0))
    st.session_state.pop("salaries_erreurs", None)
    st.session_state.pop(SOURCE, None)
    st.session_state[services.SALARIES] = {"nom": f"équipe fictive de {effectif} salariés", "liste": liste,
                                           "avertissements": [], "fictif": True,
                                           "jeton": f"fictif-{effectif}-{sim.get('masse_salariale_centimes')}"}


def _oublier_salaries() -> None:
    st.session_state.pop(services.SALARIES, None)
    st.session_state.pop("salaries_erreurs", None)
    st.session_state.pop(SOURCE, None)
    st.session_state.pop("repartition_fichier", None)


def _rattacher(entete: str, cle: str, automatique: str | None,
               correspondance: dict[str, str | None] | None = None) -> None:
    """Rappel d'une liste de l'écran de correspondance : garde le choix (ou l'oublie s'il redevient automatique).

    Un nouveau fichier efface les listes de l'ancien (``_recevoir_fichier``) ; leur rappel peut venir dans la même
    exécution, après : il ne porte alors plus aucun choix (la liste n'existe plus) et ne doit rien changer — sinon
    chaque colonne de l'ancien en-tête serait « ignorée » dans le nouveau fichier."""
    if cle not in st.session_state:
        return
    choix = st.session_state.get(cle)
    correspondance = _correspondance() if correspondance is None else correspondance
    if choix == (automatique or IGNORER):
        correspondance.pop(entete, None)
    else:
        correspondance[entete] = choix or None


def _ecran_correspondance(accord: dict[str, Any], lecture: Any) -> None:
    ecran_correspondance(st.session_state[SOURCE], _reglages(accord), lecture, _correspondance())


def ecran_correspondance(source: dict[str, Any], reglages: dict[str, Any], lecture: Any,
                         correspondance: dict[str, str | None], *, prefixe: str = "repartition",
                         chemin_presents: str = "ui.salaries_presents_tout_l_exercice",
                         sans_exercice: str = "Indiquez d'abord la date d'effet et la clôture (étape « Dates et "
                                              "durée »), ou rattachez la colonne des jours.") -> None:
    """Chaque en-tête du fichier, la colonne reconnue (modifiable) et un aperçu des premières lignes.

    Partagé par l'assistant et la page « Calculer et verser les primes » : ``source`` (nom, contenu) est le
    fichier gardé en mémoire de session, ``correspondance`` le dictionnaire (gardé sans données) où vont les
    choix, ``prefixe`` celui des clés des widgets."""
    import pandas as pd

    from interessement.fichiers_salaries import LIBELLES

    vue = services.apercu_fichier(source["contenu"], source["nom"], **reglages)
    if vue.erreur:
        return
    manquantes = list(vue.manquantes)
    ouvert = bool(manquantes or lecture is None or lecture.manquantes)
    # Un titre et une clé qui ne changent pas tant que le fichier est le même : le cadre reste ouvert pendant
    # qu'on rattache les colonnes (un titre qui change recrée le cadre, refermé, au milieu du choix).
    cle_cadre = f"{prefixe}_correspondance_" + hashlib.sha1(str(source.get("file_id")).encode()).hexdigest()[:10]
    with st.expander("Les colonnes de votre fichier", expanded=ouvert, icon=":material/table_view:",
                     key=cle_cadre):
        if ouvert:
            st.markdown("**Rattachez les colonnes de votre fichier** : certaines ne sont pas reconnues.")
        else:
            st.markdown("Toutes les colonnes nécessaires sont rattachées ; vérifiez-les ou modifiez-les ici.")
        st.caption(f"L'en-tête est la ligne {int(vue.ligne_entete)} du fichier. Choisissez, pour chaque colonne, ce "
                   "qu'elle contient, ou « — ignorer — ». Seuls ces choix sont gardés dans votre brouillon, jamais "
                   "les données du fichier.")
        if manquantes:
            noms = ", ".join(f"« {md(LIBELLES.get(m, m))} »" for m in manquantes if m != "jours_inscrits")
            if noms:
                st.warning(f"Il manque : {noms}.", icon=":material/warning:")  # md-sûr : noms échappés
        options = [IGNORER, *LIBELLES]
        automatiques = services.apercu_fichier(source["contenu"], source["nom"], exercice=reglages["exercice"],
                                               presents_tout_l_exercice=reglages["presents_tout_l_exercice"])
        colonnes = st.columns(3)
        for j, entete in enumerate(vue.entetes):
            if not entete:
                continue
            cle = f"{prefixe}_colonne_{j}"
            automatique = automatiques.reconnues.get(entete)
            if cle not in st.session_state:
                st.session_state[cle] = vue.reconnues.get(entete) or IGNORER
            with colonnes[j % 3]:
                st.selectbox(f"« {md(entete)} »" + ("" if automatique else " (non reconnue)"), options, key=cle,
                             format_func=lambda c: LIBELLES.get(c, c) if c else "— ignorer —",
                             on_change=_rattacher, args=(entete, cle, automatique, correspondance))
        if "jours_inscrits" in manquantes:
            exercice = reglages["exercice"]
            if exercice is None:
                st.warning("Le fichier n'a pas de jours d'inscription à l'effectif : ils se calculent des dates "
                           "d'entrée et de sortie sur l'exercice. " + sans_exercice, icon=":material/warning:")  # md-sûr : texte de l'application
            else:
                st.warning("Le fichier n'a ni jours d'inscription à l'effectif ni dates d'entrée et de sortie : "
                           "rattachez l'une de ces colonnes, ou confirmez ci-dessous.", icon=":material/warning:")
                c.case(f"{prefixe}_presents_exercice", chemin_presents,
                       f"Tous les salariés du fichier ont été inscrits à l'effectif pendant tout l'exercice (du "
                       f"{fmt.date_longue(exercice[0])} au {fmt.date_longue(exercice[1])})", messages=False)
        if vue.exemples:
            st.markdown(f"**Aperçu** ({len(vue.exemples)} premières lignes)")
            st.dataframe(pd.DataFrame(vue.exemples, columns=[h or f"(colonne {k + 1})"
                                                             for k, h in enumerate(vue.entetes)]),
                         hide_index=True, width="stretch", key=f"{prefixe}_apercu")


def _salaries() -> None:
    accord = etat.accord()
    st.subheader("Ce que recevrait chaque salarié", divider="gray", anchor=False)
    st.caption("Déposez le fichier de vos salariés (CSV ou Excel, tel que votre tableur ou votre logiciel de paie "
               "l'exporte) pour voir la prime de chacun. Il reste dans cette page le temps de votre visite : il "
               "n'est ni enregistré sur le serveur ni envoyé ailleurs.")
    col1, col2 = st.columns([3, 2])
    with col1:
        st.file_uploader("Fichier des salariés (CSV ou XLSX)", type=["csv", "xlsx"], key="repartition_fichier",
                         on_change=_fichier_change,
                         help="Une ligne par salarié. Colonnes reconnues : Matricule (facultatif), Nom, Prénom, "
                              "Salaire brut annuel, Jours d'inscription ou Date d'entrée et Date de sortie, Jours "
                              "d'absence et Motif (ou Absences maladie, Absences maternité…), Temps de travail. "
                              "Une colonne non reconnue se rattache à la main.")
    with col2:
        st.download_button("Télécharger le modèle à remplir (CSV)", services.modele_csv(),
                           file_name="modele-salaries.csv", mime="text/csv", key="repartition_modele",
                           on_click="ignore", icon=":material/description:")
        st.button("Essayer avec une équipe fictive", key="repartition_fictif", on_click=_equipe_fictive,
                  icon=":material/science:", help="Des salariés inventés, d'après votre effectif et votre masse "
                                                  "salariale.")
    _recevoir_fichier()  # un fichier déposé par un test ou avant le rappel
    lecture = _lire(accord)
    if st.session_state.get(SOURCE) is not None and not (st.session_state.get(services.SALARIES) or {}).get("fictif"):
        _ecran_correspondance(accord, lecture)
    erreurs = st.session_state.get("salaries_erreurs")
    if erreurs and not (lecture is not None and lecture.manquantes):
        st.error(f"Le fichier « {md(erreurs['nom'])} » n'a pas pu être lu ({len(erreurs['erreurs'])} erreur(s)). "
                 "Corrigez-le puis déposez-le de nouveau ; rien de ce que vous avez saisi n'est perdu.",
                 icon=":material/block:")
        st.markdown("\n".join(f"- {md(e)}" for e in erreurs["erreurs"][:20])
                    + ("\n- …" if len(erreurs["erreurs"]) > 20 else ""))


def _enveloppe(accord: dict[str, Any]) -> int:
    ui = etat.ui()
    resultat, _ = services.simuler(accord, ui.get("simulation") or {})
    simulee = resultat.enveloppe_centimes if resultat is not None else 0
    options = {"formule": f"L'enveloppe de la simulation ({fmt.montant(simulee)})",
               "manuelle": "Un autre montant"}
    mode = c.choix("repartition_enveloppe_mode", "ui.enveloppe_mode", "Enveloppe à répartir", options, radio=True,
                   horizontal=True, messages=False)
    if mode == "manuelle":
        c.euros("repartition_enveloppe_montant", "ui.enveloppe_manuelle_centimes", "Montant à répartir (€)",
                pas=1000, messages=False, facultatif=True, placeholder="votre montant")
        return int(ui.get("enveloppe_manuelle_centimes") or 0)
    return simulee


def _mots_du_nom(nom: Any) -> frozenset[str]:
    """Les mots d'un nom, sans casse ni accents, dans n'importe quel ordre (« Thierry BOUVIER » = « Bouvier
    Thierry »)."""
    import re
    import unicodedata

    sans_accents = unicodedata.normalize("NFKD", str(nom or "")).encode("ascii", "ignore").decode()
    return frozenset(re.findall(r"[a-z]+", sans_accents.lower()))


def dirigeants_comptes_comme_salaries(accord: dict[str, Any], salaries: list[dict[str, Any]]) -> list[str]:
    """Les avertissements pour chaque ligne du fichier qui porte le nom d'un dirigeant déclaré à l'étape
    « Entreprise » sans contrat de travail, comptée comme salarié alors que l'accord n'inclut pas les dirigeants :
    un logiciel de paie exporte le gérant ou le président rémunéré avec les salariés, sans colonne « Qualité »,
    et la prime lui serait attribuée en silence. On le dit ; on ne retire personne sans que la personne le dise."""
    if (accord.get("beneficiaires") or {}).get("dirigeants_inclus"):
        return []
    dirigeants = [d for d in (accord.get("entreprise") or {}).get("dirigeants") or []
                  if d.get("nom") and not d.get("titulaire_contrat_travail")]
    messages = []
    for d in dirigeants:
        mots = _mots_du_nom(d["nom"])
        for s in salaries:
            if s.get("qualite", "salarie") == "salarie" and len(mots) > 1 and _mots_du_nom(s.get("nom")) == mots:
                ident = str(s.get("identifiant") or "")
                ou = ident if ident.startswith("Ligne") else f"matricule {ident}"
                messages.append(
                    f"« {s.get('nom')} » ({ou}) porte le nom d'un dirigeant déclaré à l'étape "
                    f"« Entreprise » ({d['nom']}, sans contrat de travail) et reçoit une prime comme salarié, alors "
                    "que l'accord n'inclut pas les dirigeants (art. L3312-3). S'il s'agit bien de lui, indiquez "
                    "« dirigeant » dans une colonne « Qualité » de votre fichier, ou retirez sa ligne ; s'il a un "
                    "contrat de travail, cochez « A aussi un contrat de travail » à l'étape « Entreprise ».")
    return messages


def salaires_a_reconstituer(accord: dict[str, Any], salaries: list[dict[str, Any]]) -> str | None:
    """L'avertissement quand une part est répartie selon le salaire et que le fichier compte des jours d'absence
    assimilée (maternité, accident du travail…) : le salaire retenu pour ces jours est celui que le salarié aurait
    perçu (R3314-3, et la clause de l'accord) ; l'export de paie donne le salaire versé, plus bas. Le calcul prend
    le salaire du fichier tel quel : on dit quoi vérifier, sans rien deviner."""
    rep = accord.get("repartition") or {}
    if not rep.get("part_salaire"):
        return None
    assimilees = set(rep.get("absences_assimilees") or []) | set(absences_legales(_date_reference(accord)))
    concernes = [s for s in salaries if any(j for code, j in (s.get("absences") or {}).items() if code in assimilees)]
    if not concernes:
        return None
    noms = ", ".join(str(s.get("nom") or s.get("identifiant")) for s in concernes[:5]) + (
        "…" if len(concernes) > 5 else "")
    return (f"{len(concernes)} salarié{'s ont' if len(concernes) > 1 else ' a'} des jours d'absence assimilée à de "
            f"la présence ({noms}) : pour la part selon le salaire, le salaire retenu pour ces jours est celui "
            "que le salarié aurait perçu s'il avait été présent (art. R3314-3). Le calcul prend le salaire de votre fichier "
            "tel quel : vérifiez qu'il est reconstitué, sinon corrigez-le avant le versement.")


def _resultats() -> None:
    donnees = st.session_state.get(services.SALARIES)
    if not donnees:
        if st.session_state.get(SOURCE) is None:
            st.info("Aucun fichier pour l'instant : déposez le vôtre ou essayez avec une équipe fictive.",
                    icon=":material/info:")
        return
    accord = etat.accord()
    col1, col2 = st.columns([4, 1], vertical_alignment="center")
    col1.markdown(f"**{len(donnees['liste'])} salariés** lus dans « {md(donnees['nom'])} »."
                  + (" *(noms et salaires inventés)*" if donnees.get("fictif") else ""))
    col2.button("Retirer", key="repartition_retirer", on_click=_oublier_salaries, icon=":material/delete:")
    for a in donnees.get("avertissements") or []:
        st.caption(f":material/warning: {md(a)}")
    for a in dirigeants_comptes_comme_salaries(accord, donnees["liste"]):
        st.warning(md(a), icon=":material/warning:")
    if (reconstituer := salaires_a_reconstituer(accord, donnees["liste"])) is not None:
        st.warning(md(reconstituer), icon=":material/warning:")
    rep = accord.get("repartition") or {}
    manque = [q for k, q in (("redistribution_excedent", "la redistribution de l'excédent"),
                             ("prorata_plafond_individuel", "le plafond individuel au prorata"))
              if rep.get(k) is None]
    if all(rep.get(k) is None for k in ("part_uniforme", "part_presence", "part_salaire")):
        manque.insert(0, "le partage entre les trois clés")
    if manque:
        st.info("Pour voir la prime de chacun, répondez d'abord ci-dessus : " + ", ".join(md(q) for q in manque) + ".",
                icon=":material/info:")
        return
    montant = _enveloppe(accord)
    calcul, erreur, note = services.repartir(accord, donnees["liste"], donnees["jeton"], montant)
    if erreur:
        st.warning(md(erreur), icon=":material/warning:")
        return
    if note:
        st.info(md(note), icon=":material/info:")
    r = calcul.repartition
    lignes = services.memoriser("lignes_repartition", calcul.cle_interface, calcul.lignes)
    plafonnes = [lg for lg in lignes if lg["plafonne"]]
    col1, col2, col3, col4 = st.columns(4)
    col1.metric("Enveloppe répartie", fmt.montant(calcul.enveloppe_centimes))
    col2.metric("Bénéficiaires", str(len(lignes)))
    from interessement.repartition import moyenne_centimes

    col3.metric("Prime moyenne", fmt.montant(moyenne_centimes(calcul.enveloppe_centimes - r.reliquat_centimes,
                                                                len(lignes))))
    col4.metric("Non distribué", fmt.montant(r.reliquat_centimes))
    for note in calcul.notes:
        st.caption(md(note))
    if plafonnes:
        noms = ", ".join(md(lg["nom"] or lg["identifiant"]) for lg in plafonnes[:5]) + ("…" if len(plafonnes) > 5 else "")
        suite = ("l'excédent est redistribué aux autres" if accord["repartition"].get("redistribution_excedent")
                 else "l'excédent n'est pas distribué (pas de clause de redistribution)")
        st.warning(f"**{len(plafonnes)} salarié{'s' if len(plafonnes) > 1 else ''} atteigne"
                   f"{'nt' if len(plafonnes) > 1 else ''} le plafond individuel** (75 % du PASS, proratisé à la "
                   f"durée dans l'effectif, art. L3314-8) : {noms} ; {suite}.", icon=":material/warning:")  # md-sûr : noms échappés
    if calcul.exclus:
        st.caption("Non bénéficiaires : " + "; ".join(f"{md(e.nom or e.identifiant)} ({md(e.motif)})"
                                                     for e in calcul.exclus[:10]))
    cle = calcul.cle_interface
    vue = st.segmented_control("Afficher", ["Tableau", "Graphique"], default="Tableau", key="repartition_vue",
                               label_visibility="collapsed")
    if vue == "Graphique":
        st.altair_chart(services.memoriser("graphique_repartition", cle, lambda: graphiques.repartition(lignes)),
                        key="repartition_graphique")
    else:
        tableau = services.memoriser("tableau_repartition", cle, lambda: _tableau(lignes))
        # Jusqu'à 30 salariés, tout le tableau se voit d'un coup (sans défilement) ; au-delà, il défile.
        st.dataframe(tableau, hide_index=True, width="stretch", height=3 + 35 * (1 + min(30, len(lignes))),
                     key="repartition_tableau", column_config={"Plafond atteint": st.column_config.CheckboxColumn(
                         "Plafond atteint", help="Prime limitée au plafond individuel (75 % du PASS, proratisé)")})
    _cout(calcul.enveloppe_centimes - r.reliquat_centimes)


def _tableau(lignes: list[dict[str, Any]]) -> Any:
    import pandas as pd

    m, n = fmt.montant, fmt.nombre
    return pd.DataFrame({
        "Identifiant": [lg["identifiant"] for lg in lignes],
        "Nom": [lg["nom"] for lg in lignes],
        "Présence (jours)": [n(lg["presence_jours"]) for lg in lignes],
        "Salaire retenu": [m(lg["salaire_retenu_centimes"]) for lg in lignes],
        "Plafond individuel": [m(lg["plafond_centimes"]) for lg in lignes],
        "Prime brute": [m(lg["montant_centimes"]) for lg in lignes],
        "Plafond atteint": [bool(lg["plafonne"]) for lg in lignes],
    })


def _cout(total_centimes: int) -> None:
    import pandas as pd
    accord = etat.accord()
    vue, note = services.memoriser("cout", services.empreinte(accord, total_centimes),
                                   lambda: services.cout_avec_recul(accord, total_centimes))
    if vue is None:
        return
    st.subheader("Ce que cela coûte, ce que reçoivent les salariés", divider="gray", anchor=False)
    colonnes = [vue.interessement_place, vue.interessement_percu, vue.prime_ordinaire]
    rangs = [("Montant brut", "brut_centimes"), ("Coût pour l'employeur", "cout_employeur_centimes"),
             ("CSG et CRDS", None), ("Net pour les salariés", "net_salarie_centimes"),
             ("Imposable (impôt sur le revenu)", "imposable_centimes")]
    donnees = {"Élément": [r[0] for r in rangs]}
    for col in colonnes:
        valeurs = []
        for _, attr in rangs:
            valeurs.append(fmt.montant(col.csg_centimes + col.crds_centimes) if attr is None
                           else fmt.montant(getattr(col, attr)))
        donnees[col.libelle] = valeurs
    st.dataframe(pd.DataFrame(donnees), hide_index=True, width="stretch", key="repartition_cout")
    st.markdown(f"Par rapport à une prime ordinaire, l'employeur économise environ "
                f"**{fmt.montant(vue.economie_employeur_centimes)}** et les salariés reçoivent environ "
                f"**{fmt.montant(vue.gain_net_salarie_centimes)}** de plus (net, si placé). Forfait social : "
                f"{fmt.pourcentage(vue.forfait_social_taux)} (art. L137-15 du code de la sécurité sociale).")
    st.caption("Prime ordinaire : approximation avec des taux moyens de cotisations, pas un calcul de paie."
               + (f" {md(note)}" if note else ""))


def afficher() -> None:
    accord = etat.accord()
    ajuster(accord)
    _parts()
    _absences()
    _options()
    ajuster(accord)
    _salaries()
    _resultats()


def resume(accord: dict[str, Any]) -> list[tuple[str, str]]:
    from ..textes import decrire_cles

    rep = accord.get("repartition") or {}
    legales = set(absences_legales(_date_reference(accord)))
    autres = [CODES_ABSENCES.get(a, a) for a in rep.get("absences_assimilees") or [] if a not in legales]
    lignes = [
        ("Clés de répartition", decrire_cles(accord)),
        ("Absences assimilées", "celles de la loi" + (" et : " + ", ".join(autres) if autres else "")),
        ("Redistribution de l'excédent", oui_non(rep.get("redistribution_excedent"))),
        ("Plafond individuel au prorata", oui_non(rep.get("prorata_plafond_individuel"))),
    ]
    if float(rep.get("part_salaire") or 0) > 0:
        lignes.append(("Salaire retenu", rep.get("notion_salaire") or "—"))
    plafond = plafond_individuel(accord)
    if plafond is not None:
        lignes.append(plafond)
    return lignes


def plafond_individuel(accord: dict[str, Any]) -> tuple[str, str] | None:
    """(libellé, montant) du plafond individuel : le PASS de l'exercice de la première période s'il est publié,
    sinon le dernier publié, dit comme tel (un accord qui commence l'an prochain n'a pas encore son PASS)."""
    from datetime import timedelta

    from dateutil.relativedelta import relativedelta

    periode = accord.get("periode") or {}
    effet = date_depuis_iso(periode.get("date_effet"))
    cloture = date_depuis_iso(periode.get("date_cloture_premier_exercice"))
    if cloture is not None and effet is not None:
        fin = cloture
    elif effet is not None:
        fin = effet + relativedelta(months=int(periode.get("periode_calcul_mois") or 12)) - timedelta(days=1)
    else:
        fin = etat.aujourd_hui()
    for annee in range(fin.year, fin.year - 5, -1):
        try:
            pass_ = parametres.pass_annuel_centimes(annee)
            taux = parametres.value_at("plafond_individuel_taux_pass", date(annee, 12, 31))
        except parametres.HorsPeriodeModelisee:
            continue
        montant = fmt.montant(int(pass_ * taux))
        if effet is None:
            return f"Plafond individuel (PASS {annee})", montant
        if annee == fin.year:
            return f"Plafond individuel (exercice {annee})", montant
        return f"Plafond individuel (sur la base du PASS {annee}, le dernier publié)", montant
    return None
