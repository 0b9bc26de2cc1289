"""La page « Calculer et verser les primes » : de l'accord signé et des chiffres de clôture aux primes versées.

Sections, dans l'ordre où la personne avance : 1. l'accord (brouillon de l'assistant, accord JSON ou document Word
généré ici) et les périodes dues avec leurs dates limites ; 2. les chiffres de clôture (indicateurs de la formule
avec la source que l'accord nomme, masse salariale, supplément, dates) et l'enveloppe pas à pas ; 3. les salariés
(fichier CSV ou Excel lu comme dans l'assistant, avec le même écran de correspondance, ou les DSN mensuelles) ;
4. la répartition (tableau, plafonds atteints, non distribué, contrôle au centime, graphique, salariés partis) ;
5. le contrôle des règles du versement (comme le vérificateur) ; 6. les documents et les dates.

Ce qui est gardé : l'accord et les chiffres, dans le brouillon (``ui.versement_primes``), comme l'assistant garde
sa saisie ; jamais les données des salariés, qui restent en mémoire de la session (``st.session_state``) et sont
perdues au rechargement de la page — la page le dit.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import streamlit as st

from interessement import format as fmt
from interessement import parametres

from . import champs as c
from . import erreurs, etat, services
from .brouillon import date_depuis_iso
from .echappement import md

CLE = "versement_primes"  # dans etat.ui() : la source de l'accord, l'accord lu d'un fichier, les chiffres
CSV = "primes_csv"  # en session seulement : le fichier des salariés déposé {"nom", "contenu", "file_id"}
DSN = "primes_dsn"  # en session seulement : les DSN déposées {"noms", "contenus", "ids"}
REGLES_VERSEMENT = ("PLAFOND_GLOBAL", "PLAFOND_INDIVIDUEL", "REDISTRIBUTION", "DATE_VERSEMENT",
                    "VERSEMENT_AVANT_DEPOT", "SUPPLEMENT", "AVANCES")
ICONES = {"BLOQUANT": ":material/block:", "AVERTISSEMENT": ":material/warning:", "INFORMATION": ":material/info:"}


def _p() -> dict[str, Any]:
    return etat.ui().setdefault(CLE, {})


def _chemin(*morceaux: Any) -> str:
    return "ui." + ".".join([CLE, *(str(m) for m in morceaux)])


# --------------------------------------------------------------------------------------------------- l'accord


def _lire_fichier_accord(nom: str, contenu: bytes) -> tuple[dict[str, Any] | None, str | None, str | None]:
    """(accord JSON, erreur, avertissement) d'un accord JSON ou d'un document Word généré ici."""
    from interessement.modele import charger_accord

    try:
        if nom.lower().endswith(".docx"):
            from interessement.documents import controler_document, lire_accord

            accord = lire_accord(contenu)
            controle = controler_document(contenu)
            alerte = None
            if not getattr(controle, "conforme", True):
                alerte = ("Le texte de ce document a été modifié après sa génération : le texte signé prévaut. Les "
                          "montants ci-dessous sont calculés sur les données embarquées ; vérifiez qu'elles disent "
                          "la même chose que le texte signé (page « Vérifier des accords »).")
            return accord.model_dump(mode="json"), None, alerte
        return charger_accord(contenu, nom).model_dump(mode="json"), None, None
    except Exception as exc:  # noqa: BLE001 - tout fichier refusé devient un message français
        return None, erreurs.message(exc), None


def _recevoir_accord() -> None:
    fichier = st.session_state.get("primes_fichier_accord")
    if fichier is None:
        return
    p = _p()
    if p.get("accord_file_id") == fichier.file_id:
        return
    accord, erreur, alerte = _lire_fichier_accord(fichier.name, fichier.getvalue())
    p["accord_file_id"] = fichier.file_id
    if erreur:
        st.session_state["primes_erreur_accord"] = f"« {fichier.name} » n'a pas pu être lu : {erreur}."
        return
    st.session_state.pop("primes_erreur_accord", None)
    p.update({"accord": accord, "nom_accord": fichier.name, "alerte_accord": alerte})


def _accord() -> Any:
    """L'accord choisi (modèle validé), ou ``None`` tant qu'il n'y en a pas."""
    from interessement.modele import Accord

    st.subheader("1. L'accord signé", divider="gray", anchor=False)
    source = c.choix("primes_source_accord", _chemin("source"), "D'où vient l'accord ?",
                     {"brouillon": "L'accord préparé dans l'assistant (page « Construire un accord »)",
                      "fichier": "Un fichier : l'accord JSON, ou le document Word généré ici"},
                     radio=True, messages=False, aucun=True)
    p = _p()
    if source is None:
        st.caption("Choisissez l'accord dont vous calculez les primes.")
        return None
    if source == "fichier":
        st.file_uploader("Accord (JSON ou Word .docx généré par l'assistant)", type=["json", "docx"],
                         key="primes_fichier_accord", on_change=_recevoir_accord)
        _recevoir_accord()
        if st.session_state.get("primes_erreur_accord"):
            st.error(md(st.session_state["primes_erreur_accord"]), icon=":material/block:")
        if not p.get("accord"):
            return None
        try:
            modele = services.memoriser("primes_accord", services.empreinte(p["accord"]),
                                        lambda: Accord.model_validate(p["accord"]))
        except Exception as exc:  # noqa: BLE001
            st.error(f"L'accord gardé n'est plus lisible : {md(erreurs.message(exc))}. Déposez-le de nouveau.",
                     icon=":material/block:")
            return None
        st.caption(f"Accord lu dans « {md(p.get('nom_accord'))} » (gardé avec vos chiffres).")
        if p.get("alerte_accord"):
            st.warning(md(p["alerte_accord"]), icon=":material/warning:")
    else:
        modele, manques = services.accord_modele(etat.accord())
        if modele is None:
            st.warning("L'accord de l'assistant n'est pas encore complet : "
                       + md("; ".join(m for _, m in manques[:3])) + ". Terminez-le dans « Construire un accord », "
                       "ou déposez le fichier de l'accord signé.", icon=":material/warning:")
            return None
    _resume_accord(modele)
    return modele


def _resume_accord(accord: Any) -> None:
    from .textes import decrire_formule

    e = accord.entreprise
    col1, col2 = st.columns([3, 2])
    col1.markdown(f"**{md(e.raison_sociale)}**" + (f" — SIREN {md(e.siren)}" if e.siren else ""))
    col1.markdown(md(decrire_formule(accord.model_dump(mode="json"))))
    col2.markdown(f"Effet le {fmt.date_longue(accord.periode.date_effet)}, pour "
                  f"{int(accord.periode.duree_annees)} an{'s' if accord.periode.duree_annees > 1 else ''} "
                  f"(jusqu'au {fmt.date_longue(accord.periode.date_fin)}).")
    if accord.depot.date_depot:
        col2.caption(f"Déposé le {fmt.date_longue(accord.depot.date_depot)}.")


def _periode(accord: Any) -> Any:
    """Les périodes de l'accord avec leur date limite de versement ; la période choisie."""
    import pandas as pd

    from interessement.calendrier import date_limite_versement

    aujourd_hui = etat.aujourd_hui()
    periodes = accord.periodes()
    lignes = []
    for per in periodes:
        limite = date_limite_versement(per)
        statut = ("à venir" if per.fin >= aujourd_hui else "versement à faire" if limite >= aujourd_hui
                  else "date limite dépassée")
        lignes.append({"Période": per.numero, "Du": fmt.date_longue(per.debut), "Au": fmt.date_longue(per.fin),
                       "Verser au plus tard le": fmt.date_longue(limite), "Où en est-on ?": statut})
    st.dataframe(pd.DataFrame(lignes), hide_index=True, width="stretch", key="primes_periodes")
    closes = [per.numero for per in periodes if per.fin < aujourd_hui]
    options = {per.numero: f"Période {per.numero} : du {fmt.date_longue(per.debut)} au {fmt.date_longue(per.fin)}"
               for per in periodes}
    numero = c.choix("primes_periode", _chemin("periode"), "Période dont vous versez les primes", options,
                     messages=False, defaut=closes[-1] if closes else periodes[0].numero)
    per = next((x for x in periodes if x.numero == numero), periodes[0])
    if per.fin >= aujourd_hui:
        st.info("Cette période n'est pas encore terminée : le calcul est une simulation sur des chiffres provisoires.",
                icon=":material/info:")
    return per


# ------------------------------------------------------------------------------------------ les chiffres


def _chiffres(accord: Any, per: Any) -> dict[str, Any]:
    """Les chiffres de clôture de la période (gardés dans le brouillon), saisis ici."""
    from interessement.calendrier import date_limite_versement
    from interessement.modele import PaliersCroissance

    from .etapes.formule import _valeur_indicateur

    st.subheader("2. Les chiffres de clôture", divider="gray", anchor=False)
    st.caption("Les chiffres de l'exercice clos, tels que l'accord les définit. Ils sont gardés avec l'accord : "
               "vous les retrouvez en rechargeant la page.")
    k = f"p{per.numero}"
    base = f"chiffres.{k}"
    indicateurs = {i.code: i for i in accord.indicateurs}
    paliers = {comp.indicateur for comp in accord.formule.composantes if isinstance(comp, PaliersCroissance)}
    codes = accord.formule.indicateurs_utilises()
    colonnes = st.columns(2)
    for j, code in enumerate(codes):
        ind = indicateurs.get(code)
        libelle = ind.libelle if ind else code
        unite = ind.unite if ind else "centimes"
        with colonnes[j % 2]:
            _valeur_indicateur(f"primes_{k}_{code}", _chemin(base, "valeurs", code), libelle, unite)
            st.caption("Source prévue par l'accord : " + (md(ind.source) if ind and ind.source else
                                                           "non précisée (voir la définition de l'indicateur)")
                       + (f". Définition : {md(ind.definition)}" if ind and ind.definition else ""))
            if code in paliers:
                _valeur_indicateur(f"primes_{k}_{code}_prec", _chemin(base, "valeurs_precedentes", code),
                                   f"{libelle} de l'exercice précédent", unite)
    col1, col2 = st.columns(2)
    with col1:
        c.euros(f"primes_{k}_masse", _chemin(base, "masse_salariale_centimes"),
                "Masse salariale brute de la période (€)", pas=10_000, facultatif=True, messages=False,
                aide="Total des salaires bruts des salariés de l'accord sur la période : base du plafond de 20 % "
                     "(art. L3314-8) et des pourcentages de la formule.", placeholder="votre chiffre")
    with col2:
        c.euros(f"primes_{k}_supplement", _chemin(base, "supplement_centimes"),
                "Supplément d'intéressement décidé (€, facultatif)", facultatif=True, messages=False,
                aide="Décidé par le conseil d'administration ou le directoire, réparti comme l'intéressement et "
                     "compté dans les plafonds (art. L3314-10).", placeholder="aucun")
    limite = date_limite_versement(per)
    col1, col2, col3 = st.columns(3)
    with col1:
        c.date_(f"primes_{k}_information", _chemin(base, "date_information"),
                "Date d'information des salariés (JJ/MM/AAAA)", facultatif=True, messages=False)
    with col2:
        c.date_(f"primes_{k}_versement", _chemin(base, "date_versement"), "Date de versement prévue (JJ/MM/AAAA)",
                facultatif=True, messages=False)
        st.caption(f"Au plus tard le {fmt.date_longue(limite)} (art. L3314-9).")
    chiffres = etat.valeur(_chemin(base)) or {}
    d_versement = date_depuis_iso(chiffres.get("date_versement"))
    with col3:
        if d_versement is not None and d_versement > limite:
            c.pourcentage(f"primes_{k}_tmop", _chemin(base, "taux_tmop"), "TMOP publié (%)", pas=0.01,
                          facultatif=True, messages=False,
                          aide="Taux moyen de rendement des obligations des sociétés privées du semestre, publié "
                               "par le ministère de l'économie : base des intérêts de retard.")
    return chiffres


def _donnees_versement(per: Any, chiffres: dict[str, Any]) -> dict[str, Any] | None:
    """Le dictionnaire d'un ``Versement`` (sans salariés) ; ``None`` tant qu'un chiffre manque."""
    valeurs = {k: v for k, v in (chiffres.get("valeurs") or {}).items() if v is not None}
    if chiffres.get("masse_salariale_centimes") is None:
        return None
    donnees: dict[str, Any] = {
        "periode": per.numero, "exercice": str(per.fin.year), "valeurs": valeurs,
        "valeurs_precedentes": {k: v for k, v in (chiffres.get("valeurs_precedentes") or {}).items() if v is not None},
        "masse_salariale_centimes": int(chiffres["masse_salariale_centimes"]),
        "supplement_centimes": int(chiffres.get("supplement_centimes") or 0),
    }
    if chiffres.get("date_versement"):
        donnees["date_versement"] = chiffres["date_versement"]
    if chiffres.get("taux_tmop") is not None:
        donnees["taux_tmop"] = chiffres["taux_tmop"]
    return donnees


def _manquants(accord: Any, chiffres: dict[str, Any]) -> list[str]:
    indicateurs = {i.code: i.libelle for i in accord.indicateurs}
    manque = [indicateurs.get(code, code) for code in accord.formule.indicateurs_utilises()
              if (chiffres.get("valeurs") or {}).get(code) is None]
    if chiffres.get("masse_salariale_centimes") is None:
        manque.append("la masse salariale")
    return manque


# --------------------------------------------------------------------------------------------- les salariés


def _recevoir_csv() -> None:
    fichier = st.session_state.get("primes_fichier_salaries")
    if fichier is None:
        st.session_state.pop(CSV, None)
        return
    actuel = st.session_state.get(CSV)
    if actuel is None or actuel.get("file_id") != fichier.file_id:
        contenu = fichier.getvalue()
        st.session_state[CSV] = {"nom": fichier.name, "contenu": contenu, "file_id": fichier.file_id,
                                 "empreinte": hashlib.sha1(contenu).hexdigest()}
        for cle in [x for x in st.session_state if isinstance(x, str) and x.startswith("primes_colonne_")]:
            del st.session_state[cle]


def _recevoir_dsn() -> None:
    fichiers = st.session_state.get("primes_fichiers_dsn") or []
    if not fichiers:
        st.session_state.pop(DSN, None)
        return
    ids = tuple(f.file_id for f in fichiers)
    actuel = st.session_state.get(DSN)
    if actuel is None or actuel.get("ids") != ids:
        contenus = [f.getvalue() for f in fichiers]
        st.session_state[DSN] = {"noms": [f.name for f in fichiers], "contenus": contenus, "ids": ids,
                                 "empreintes": [hashlib.sha1(x).hexdigest() for x in contenus]}


def _salaries(accord: Any, per: Any) -> dict[str, Any] | None:
    """{"liste", "jeton", "nom", "avertissements", "details"} des salariés lus, ou ``None``."""
    st.subheader("3. Les salariés", divider="gray", anchor=False)
    st.caption("Les données des salariés restent dans cette page le temps de votre visite : elles ne sont ni "
               "enregistrées sur le serveur ni envoyées ailleurs. Un rechargement de la page garde l'accord et les "
               "chiffres, pas les salariés : il faudra déposer de nouveau leurs fichiers.")
    source = c.choix("primes_source_salaries", _chemin("source_salaries"), "Vos salariés",
                     {"fichier": "Un fichier des salariés (CSV ou Excel)",
                      "dsn": "Les DSN mensuelles de l'exercice (fichiers .dsn ou .txt)"},
                     radio=True, horizontal=True, messages=False, aucun=True)
    if source == "fichier":
        return _salaries_fichier(accord, per)
    if source == "dsn":
        return _salaries_dsn(accord, per)
    return None


def _salaries_fichier(accord: Any, per: Any) -> dict[str, Any] | None:
    from interessement.fichiers_salaries import salaries_pour_versement

    from .etapes.repartition import ecran_correspondance

    st.file_uploader("Fichier des salariés (CSV ou XLSX)", type=["csv", "xlsx"], key="primes_fichier_salaries",
                     on_change=_recevoir_csv,
                     help="Une ligne par salarié : matricule, nom, salaire brut de la période, jours d'inscription ou "
                          "dates d'entrée et de sortie, jours d'absence et motif, avances déjà versées (facultatif).")
    _recevoir_csv()
    source = st.session_state.get(CSV)
    if source is None:
        return None
    p = _p()
    correspondance = p.setdefault("correspondance", {})
    reglages = {"exercice": (per.debut, per.fin), "correspondance": dict(correspondance),
                "presents_tout_l_exercice": bool(p.get("presents_tout_l_exercice"))}
    with st.spinner(f"Lecture de « {md(source['nom'])} »…"):
        lecture = services.lire_fichier(source["contenu"], source["nom"], **reglages)
    ecran_correspondance(source, reglages, lecture, correspondance, prefixe="primes",
                         chemin_presents=_chemin("presents_tout_l_exercice"))
    if lecture.erreurs:
        if not lecture.manquantes:
            st.error(f"Le fichier « {md(source['nom'])} » n'a pas pu être lu ({len(lecture.erreurs)} erreur(s)). "
                     "Corrigez-le puis déposez-le de nouveau ; rien de ce que vous avez saisi n'est perdu.",
                     icon=":material/block:")
            st.markdown("\n".join(f"- {md(str(e))}" for e in lecture.erreurs[:20])
                        + ("\n- …" if len(lecture.erreurs) > 20 else ""))
        return None
    jeton = services.empreinte(source["empreinte"], reglages)
    liste = services.memoriser("primes_liste", jeton, lambda: salaries_pour_versement(lecture.salaries))
    return {"liste": liste, "jeton": jeton, "nom": source["nom"], "avertissements": list(lecture.avertissements),
            "details": {}}


def _salaries_dsn(accord: Any, per: Any) -> dict[str, Any] | None:
    from interessement.dsn import VERSION_NORME, lire_dsn

    st.file_uploader("DSN mensuelles de la période (déposez les 12 fichiers d'un coup)", type=None,
                     accept_multiple_files=True, key="primes_fichiers_dsn", on_change=_recevoir_dsn,
                     help=f"Les déclarations mensuelles telles que votre logiciel de paie les produit ({VERSION_NORME}) :"
                          " contrats, rémunérations brutes, arrêts de travail et suspensions.")
    _recevoir_dsn()
    depot = st.session_state.get(DSN)
    if depot is None:
        return None
    exercice = (per.debut, per.fin)
    jeton = services.empreinte(depot["empreintes"], depot["noms"], exercice)  # empreintes faites au dépôt
    with st.spinner(f"Lecture de {len(depot['contenus'])} DSN…"):
        lecture = services.memoriser("primes_lecture_dsn", jeton,
                                     lambda: lire_dsn(depot["contenus"], exercice, noms=depot["noms"]))
    if lecture.erreurs:
        st.error(f"Les DSN n'ont pas pu être lues ({len(lecture.erreurs)} erreur(s)) : aucun salarié n'est retenu "
                 "tant qu'un fichier est fautif. Corrigez-le ou retirez-le.", icon=":material/block:")
        st.markdown("\n".join(f"- {md(str(e))}" for e in lecture.erreurs[:20])
                    + ("\n- …" if len(lecture.erreurs) > 20 else ""))
        return None
    sirens = sorted(lecture.sirens - {""})
    if accord.entreprise.siren and sirens and sirens != [accord.entreprise.siren.replace(" ", "")]:
        st.warning(f"Les DSN déclarent le SIREN {md(', '.join(sirens))}, l'accord celui de "
                   f"{md(accord.entreprise.raison_sociale)} ({md(accord.entreprise.siren)}) : vérifiez qu'il s'agit "
                   "bien de la même entreprise (ou de ses établissements couverts par l'accord).",
                   icon=":material/warning:")
    mois = ", ".join(f"{m.month:02d}/{m.year}" for m in lecture.mois)
    st.caption(f"{len(lecture.fichiers)} DSN lues (mois déclarés : {mois}) ; {len(lecture.salaries)} salariés. "  # md-sûr
               f"Lecture selon la {VERSION_NORME}.")
    _absences_dsn(accord, lecture)
    return {"liste": lecture.salaries, "jeton": jeton, "nom": f"{len(lecture.fichiers)} DSN",
            "avertissements": list(lecture.avertissements), "details": lecture.details}


def _absences_dsn(accord: Any, lecture: Any) -> None:
    """Les absences lues dans les DSN, par motif, assimilées ou non à de la présence selon l'accord."""
    import pandas as pd

    from interessement.dsn import libelle_absence

    assimilees = set(accord.repartition.absences_assimilees)
    lignes = []
    for s in lecture.salaries:
        for a in lecture.details.get(s["identifiant"], {}).get("absences", []):
            lignes.append({"Matricule": s["identifiant"], "Nom": s["nom"] or "",
                           "Motif": libelle_absence(a["code"]),
                           "Bloc DSN": f"S21.G00.{a['bloc']} motif {a['motif_dsn']}",
                           "Du": a["debut"].strftime("%d/%m/%Y"), "Au": a["fin"].strftime("%d/%m/%Y"),
                           "Jours dans la période": a["jours"],
                           "Compté comme présence": a["code"] in assimilees})
    if not lignes:
        return
    with st.expander(f"Absences lues dans les DSN ({len(lignes)})", icon=":material/event_busy:"):
        st.caption("Assimilées à de la présence : celles que l'accord cite (dont toutes celles de l'article L3314-5). "
                   "Les autres réduisent la présence.")
        st.dataframe(pd.DataFrame(lignes), hide_index=True, width="stretch", key="primes_absences_dsn")


# ------------------------------------------------------------------------------------------ le calcul


def _calculer(accord: Any, donnees: dict[str, Any], salaries: dict[str, Any] | None) -> tuple[Any, Any]:
    """(versement, calcul), mémorisés par empreinte de l'accord, des chiffres et des salariés."""
    from interessement.calcul import calculer_versement
    from interessement.modele import Versement

    jeton = salaries["jeton"] if salaries else "aucun"

    def calcul() -> tuple[Any, Any]:
        versement = Versement.model_validate({**donnees, "salaries": salaries["liste"] if salaries else []})
        return versement, calculer_versement(accord, versement)

    return services.memoriser("primes_calcul", services.empreinte(accord.model_dump(mode="json"), donnees, jeton),
                              calcul)


def _enveloppe(calcul: Any) -> None:
    col1, col2, col3 = st.columns(3)
    col1.metric("Enveloppe de la formule", fmt.montant(calcul.enveloppe_formule_centimes))
    col2.metric("Plafond global (20 % de la masse salariale)", fmt.montant(calcul.plafond_global_centimes))
    col3.metric("Enveloppe à répartir", fmt.montant(calcul.enveloppe_centimes))
    with st.expander("Le calcul de l'enveloppe pas à pas", expanded=True, icon=":material/calculate:"):
        if calcul.formule is not None:
            from interessement.paiement import etapes_en_mots

            for e in etapes_en_mots(calcul.accord, calcul.formule.etapes):
                st.markdown(f"- {md(e)}")
        if calcul.supplement_centimes:
            st.markdown(f"- Supplément d'intéressement : {fmt.montant(calcul.supplement_centimes)}, compté dans les "
                        "plafonds (art. L3314-10).")
        if calcul.excedent_global_centimes:
            st.markdown(f"- Au-delà du plafond légal : {fmt.montant(calcul.excedent_global_centimes)} non distribués.")


# ------------------------------------------------------------------------------------------ la répartition


def _tableau(lignes: list[Any]) -> Any:
    import pandas as pd

    m = fmt.montant
    df = pd.DataFrame({
        "Matricule": [lg.identifiant for lg in lignes],
        "Nom": [lg.nom for lg in lignes],
        "Part initiale": [m(round(lg.part_initiale_centimes)) for lg in lignes],
        "Plafond individuel": [m(lg.plafond_centimes) for lg in lignes],
        "Plafond atteint": [lg.plafonne for lg in lignes],
        "Redistribué": [m(lg.redistribue_centimes) for lg in lignes],
        "Prime brute": [m(lg.prime_brute_centimes) for lg in lignes],
        "Avances déduites": [m(lg.avances_centimes) for lg in lignes],
        "Brut à verser": [m(lg.brut_a_verser_centimes) for lg in lignes],
        "CSG": [m(lg.csg_centimes) for lg in lignes],
        "CRDS": [m(lg.crds_centimes) for lg in lignes],
        "Net à verser": [m(lg.net_a_verser_centimes) for lg in lignes],
    })
    if not df["Plafond atteint"].any():
        return df  # rien à surligner : pas de mise en forme (coûteuse à chaque exécution)
    plafonnes = df["Plafond atteint"].to_numpy()

    def surligner(tableau: Any) -> Any:
        styles = pd.DataFrame("", index=tableau.index, columns=tableau.columns)
        styles.loc[plafonnes] = "background-color: #fff3e0"
        return styles

    return df.style.apply(surligner, axis=None)


def _repartition(accord: Any, versement: Any, calcul: Any, salaries: dict[str, Any]) -> list[Any]:
    from interessement.paiement import lignes_paie

    from . import graphiques

    st.subheader("4. La répartition entre les salariés", divider="gray", anchor=False)
    for a in salaries.get("avertissements") or []:
        st.caption(f":material/warning: {md(a)}")
    cle = services.empreinte(calcul.enveloppe_centimes, salaries["jeton"], versement.model_dump(mode="json",
                                                                                                 exclude={"salaries"}))
    lignes = services.memoriser("primes_lignes", cle, lambda: lignes_paie(accord, versement, calcul))
    r = calcul.repartition
    total = int(r.montants_centimes.sum())
    col1, col2, col3, col4 = st.columns(4)
    col1.metric("Bénéficiaires", str(len(lignes)))
    col2.metric("Total réparti (brut)", fmt.montant(total))
    col3.metric("Non distribué", fmt.montant(r.reliquat_centimes))
    col4.metric("Net à verser", fmt.montant(sum(lg.net_a_verser_centimes for lg in lignes)))
    if total + r.reliquat_centimes == calcul.enveloppe_centimes:
        st.success(f"Contrôle : {fmt.montant(total)} répartis + {fmt.montant(r.reliquat_centimes)} non distribués = "
                   f"{fmt.montant(calcul.enveloppe_centimes)}, l'enveloppe, au centime près.",
                   icon=":material/check_circle:")
    else:  # pragma: no cover - la répartition garantit l'égalité
        st.error("Le total réparti et le non distribué ne font pas l'enveloppe : ne versez pas, signalez l'erreur.",
                 icon=":material/block:")
    for note in calcul.notes:
        st.caption(md(note))
    plafonnes = [lg for lg in lignes if lg.plafonne]
    if plafonnes:
        suite = ("l'excédent est redistribué aux autres salariés" if accord.repartition.redistribution_excedent
                 else "l'excédent n'est pas distribué (l'accord ne prévoit pas de redistribution)")
        noms = ", ".join(md(lg.nom or lg.identifiant) for lg in plafonnes[:5]) + ("…" if len(plafonnes) > 5 else "")
        st.warning(f"**{len(plafonnes)} salarié(s) au plafond individuel** (75 % du PASS, proratisé à la durée "  # md-sûr
                   f"dans l'effectif, art. L3314-8), surligné(s) dans le tableau : {noms} ; {suite}.",
                   icon=":material/warning:")
    if calcul.exclus:
        st.caption("Non bénéficiaires : " + "; ".join(f"{md(e.nom or e.identifiant)} ({md(e.motif)})"
                                                     for e in calcul.exclus[:10]))
    vue = st.segmented_control("Afficher", ["Tableau", "Graphique"], default="Tableau", key="primes_vue",
                               label_visibility="collapsed")
    if vue == "Graphique":  # un seul des deux à chaque exécution : le graphique de 500 barres est coûteux
        st.altair_chart(services.memoriser("primes_graphique", cle,
                                           lambda: graphiques.repartition(calcul.lignes())), key="primes_graphique")
    else:
        st.dataframe(services.memoriser("primes_tableau", cle, lambda: _tableau(lignes)), hide_index=True,
                     width="stretch", height=min(460, 38 + 35 * len(lignes)), key="primes_tableau",
                     column_config={"Plafond atteint": st.column_config.CheckboxColumn(
                         "Plafond atteint", help="Prime limitée au plafond individuel (75 % du PASS, proratisé), "
                                                 "ligne surlignée")})
    if any(lg.avances_centimes for lg in lignes):
        from interessement.clauses import phrase
        from interessement.documents.redaction import fraction_en_lettres

        fraction = parametres.value_at("recuperation_avance_max_fraction_salaire", calcul.periode.fin)
        st.caption(md(phrase("versement_avances", fraction=fraction_en_lettres(fraction))))
    _sortants(accord, versement, calcul, cle)
    return lignes


def _sortants(accord: Any, versement: Any, calcul: Any, cle: str) -> None:
    from interessement.paiement import sortants

    def liste() -> tuple[int, str, list[str]]:
        partis = sortants(accord, versement, calcul)
        texte = "\n".join(f"- {md(s['nom'] or s['identifiant'])}, sorti le {fmt.date_longue(s['date_sortie'])} : "
                          f"{fmt.montant(s['montant_centimes'])}" for s in partis)
        return len(partis), texte, [md(t) for t in (partis[0]["obligations"] if partis else [])]

    n_partis, texte, obligations = services.memoriser("primes_sortants", cle, liste)
    if not n_partis:
        return
    with st.expander(f"Salariés partis avant la fin de la période ({n_partis})", icon=":material/logout:"):
        st.markdown(texte)  # md-sûr : chaque nom est passé par md() dans liste()
        for obligation in obligations:
            st.caption(obligation)  # md-sûr : échappé dans liste()


# ------------------------------------------------------------------------------------------ le contrôle


def _versement_controle(versement: Any, calcul: Any) -> Any:
    """Le versement tel qu'il sera fait : chaque salarié avec le montant calculé, pour les règles du vérificateur."""
    montants = {lg["identifiant"]: lg["montant_centimes"] for lg in calcul.lignes()}
    salaries = [s.model_copy(update={"montant_verse_centimes": montants.get(s.identifiant, 0)})
                for s in versement.salaries]
    return versement.model_copy(update={"salaries": salaries})


def _controle(accord: Any, versement: Any, calcul: Any, cle: str) -> Any:
    import validators

    st.subheader("5. Le contrôle du versement", divider="gray", anchor=False)
    st.caption("Les règles du versement, appliquées comme par un vérificateur de l'Urssaf : "
               + ", ".join(REGLES_VERSEMENT) + ".")
    rapport = services.memoriser("primes_rapport", cle, lambda: validators.valider(
        accord, date_reference=etat.aujourd_hui(), versement=_versement_controle(versement, calcul),
        ids=set(REGLES_VERSEMENT)))
    if not rapport.constats and not rapport.a_verifier:
        st.success("Aucun constat sur les règles du versement.", icon=":material/check_circle:")
    for constat in rapport.constats:
        liens = ", ".join(f"[{md(ref.article)}]({ref.lien})" for ref in constat.references)
        texte = f"**{md(constat.titre or constat.id)}** ({md(constat.id)}) — {md(constat.message)}"  # md-sûr
        if constat.suggestion:
            texte += f" {md(constat.suggestion)}"
        if liens:
            texte += f" ({liens})"
        affichage = {"BLOQUANT": st.error, "AVERTISSEMENT": st.warning}.get(constat.severite, st.info)
        affichage(texte, icon=ICONES.get(constat.severite, ":material/info:"))
    for point in rapport.a_verifier:
        st.info(f"À vérifier ({md(point.id)}) : {md(point.message)} — {md(point.a_chercher)}",
                icon=":material/help:")
    ecartees = [r for r in rapport.regles_non_applicables + rapport.regles_en_erreur]
    if ecartees:
        st.caption("Non appliquées : " + "; ".join(f"{md(r.id)} ({md(r.raison)})" for r in ecartees))
    return rapport


# ------------------------------------------------------------------------------------------ documents et dates


def _interets(rapport: Any) -> str | None:
    constat = next((x for x in rapport.constats if x.id == "DATE_VERSEMENT"), None)
    return constat.message if constat else None


def _documents(accord: Any, versement: Any, calcul: Any, lignes: list[Any], rapport: Any, chiffres: dict[str, Any],
               cle: str) -> None:
    from interessement import paiement
    from interessement.calendrier import vers_ics

    st.subheader("6. Ce qu'il faut remettre et payer", divider="gray", anchor=False)
    bloquants = [x for x in rapport.constats if x.severite == "BLOQUANT"]
    if bloquants:
        st.error("Un constat bloquant du contrôle ci-dessus interdit de verser ces montants en l'état : corrigez-le "
                 "pour obtenir les documents.", icon=":material/block:")
        return
    d_info = date_depuis_iso(chiffres.get("date_information"))
    d_versement = date_depuis_iso(chiffres.get("date_versement"))
    base = f"interessement-periode-{calcul.periode.numero}"
    col1, col2, col3 = st.columns(3)
    col1.download_button("Export pour la paie (CSV)", services.memoriser("primes_csv_export", cle,
                                                                         lambda: paiement.export_csv(lignes)),
                         file_name=f"paie-{base}.csv", mime="text/csv", key="primes_export_csv", on_click="ignore",
                         icon=":material/table:", width="stretch")
    col2.download_button("Export pour la paie (Excel)", services.memoriser("primes_xlsx_export", cle,
                                                                           lambda: paiement.export_xlsx(lignes)),
                         file_name=f"paie-{base}.xlsx", key="primes_export_xlsx", on_click="ignore",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         icon=":material/grid_on:", width="stretch")
    cle_dates = services.empreinte(cle, str(d_info), str(d_versement))
    echeances = services.memoriser("primes_echeances", cle_dates, lambda: paiement.echeancier(
        accord, calcul.periode, date_information=d_info, date_versement=d_versement, interets=_interets(rapport)))
    constats = [f"{x.id} : {x.message}" for x in rapport.constats]

    def note() -> bytes:
        from interessement.documents.note_versement import note_versement

        return note_versement(accord, versement, calcul, lignes, echeances, constats=constats)

    col3.download_button("Note de versement (Word)", services.memoriser("primes_note", cle + str(d_info), note),
                         file_name=f"note-versement-{base}.docx", key="primes_note", on_click="ignore",
                         mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                         icon=":material/description:", width="stretch")
    _fiches(accord, versement, calcul, d_info, base, cle)
    _dates(accord, echeances, rapport, vers_ics, base, cle_dates)


def _fiches(accord: Any, versement: Any, calcul: Any, d_info: date | None, base: str, cle: str) -> None:
    from interessement.documents import archive_fiches, rendre_fiches

    if d_info is None:
        st.caption("Fiches individuelles : indiquez la date d'information des salariés (section 2) pour les "
                   "préparer.")
        return
    memo = st.session_state.get("primes_fiches")
    cle_fiches = cle + d_info.isoformat()
    if not memo or memo[0] != cle_fiches:
        n = len(calcul.repartition.identifiants)
        if not st.button(f"Préparer les fiches individuelles ({n} salarié(s))", key="primes_preparer_fiches",
                         icon=":material/badge:"):
            return
        barre = st.progress(0.0, text="Préparation des fiches individuelles…")
        try:
            fiches = rendre_fiches(accord, versement, date_information=d_info, calcul=calcul,
                                   progression=lambda fait, total: barre.progress(fait / max(1, total),
                                                                                  text=f"Fiche {int(fait)} sur {int(total)}"))
            memo = (cle_fiches, archive_fiches(fiches) if fiches else None, None if fiches else
                    "aucune prime positive, donc aucune fiche à produire")
        except Exception as exc:  # noqa: BLE001
            memo = (cle_fiches, None, erreurs.message(exc))
        barre.empty()
        st.session_state["primes_fiches"] = memo
    _, archive, raison = memo
    if archive:
        st.download_button("Fiches individuelles des salariés (archive .zip de documents Word)", archive,
                           file_name=f"fiches-individuelles-{base}.zip", mime="application/zip",
                           key="primes_fiches_zip", on_click="ignore", icon=":material/folder_zip:", type="primary")
    elif raison:
        st.caption(f"Fiches individuelles : {md(raison)}.")


def _dates(accord: Any, echeances: list[Any], rapport: Any, vers_ics: Any, base: str, cle: str) -> None:
    import pandas as pd

    from . import graphiques

    st.markdown("**Les dates du versement**")
    # La frise, convertie une fois en spécification Vega-Lite (Altair la revaliderait à chaque exécution).
    st.vega_lite_chart(services.memoriser("primes_frise", cle,
                                          lambda: graphiques.echeancier_versement(echeances).to_dict()),
                       key="primes_frise")
    st.dataframe(services.memoriser("primes_tableau_dates", cle, lambda: pd.DataFrame(
        [{"Date": fmt.date_longue(e.date), "Étape": e.libelle, "Référence": e.reference, "Précision": e.detail}
         for e in echeances])), hide_index=True, width="stretch", key="primes_echeances")
    interets = _interets(rapport)
    if interets:
        st.warning(md(interets), icon=":material/schedule:")
    st.download_button("Ajouter ces dates à mon agenda (.ics)",
                       services.memoriser("primes_ics", cle, lambda: vers_ics(accord, echeances)),
                       file_name=f"dates-{base}.ics", mime="text/calendar", key="primes_ics", on_click="ignore",
                       icon=":material/event:")


# ------------------------------------------------------------------------------------------ la page


def page() -> None:
    etat.initialiser()
    etat.synchroniser()
    st.title("Calculer et verser les primes", anchor=False)
    st.caption("Après la clôture de l'exercice : l'enveloppe à partir des chiffres de clôture, la prime de chaque "
               "salarié, le contrôle des règles, puis les fiches individuelles, l'export pour la paie et les dates.")
    try:
        _contenu()
    except Exception as exc:  # noqa: BLE001 - jamais de trace : un message français, rien de perdu
        st.error(f"Le calcul n'a pas pu aboutir : {md(erreurs.message(exc))}. Vos saisies sont gardées.",
                 icon=":material/block:")
    finally:
        etat.sauvegarder()


def _contenu() -> None:
    accord = _accord()
    if accord is None:
        return
    per = _periode(accord)
    chiffres = _chiffres(accord, per)
    donnees = _donnees_versement(per, chiffres)
    manque = _manquants(accord, chiffres)
    if manque or donnees is None:
        st.info("Pour calculer l'enveloppe, indiquez : " + md(", ".join(manque)) + ".", icon=":material/info:")
    else:
        _, apercu = _calculer(accord, donnees, None)
        _enveloppe(apercu)
    salaries = _salaries(accord, per)
    if donnees is None or manque or not salaries:
        return
    avances = sum(int(s.get("avance_versee_centimes") or 0) for s in salaries["liste"])
    if avances:
        k = f"p{per.numero}"
        c.date_(f"primes_{k}_avances", _chemin("chiffres", k, "date_avances"),
                f"Date de la dernière avance versée ({fmt.montant(avances)} en tout, JJ/MM/AAAA)", facultatif=True,
                messages=False)
        d_avances = (etat.valeur(_chemin("chiffres", k)) or {}).get("date_avances")
        if d_avances:
            donnees = {**donnees, "acomptes": [{"date": d_avances, "montant_centimes": avances}]}
        else:
            st.info("Le fichier indique des avances déjà versées : donnez la date de la dernière pour que le contrôle "
                    "des avances (L3348-1) s'applique.", icon=":material/info:")
    versement, calcul = _calculer(accord, donnees, salaries)
    masse_lue = sum(int(s.get("salaire_brut_centimes") or 0) for s in salaries["liste"])
    if masse_lue != versement.masse_salariale_centimes:
        st.caption(f"Masse salariale saisie : {fmt.montant(versement.masse_salariale_centimes)} ; somme des salaires "
                   f"lus : {fmt.montant(masse_lue)}. Vérifiez que la masse saisie couvre bien tous les salariés "
                   "de l'accord.")
    lignes = _repartition(accord, versement, calcul, salaries)
    cle = services.empreinte(accord.model_dump(mode="json"), donnees, salaries["jeton"])
    rapport = _controle(accord, versement, calcul, cle)
    _documents(accord, versement, calcul, lignes, rapport, chiffres, cle)
