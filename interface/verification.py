"""La page « Vérifier des accords » : pour le vérificateur, un ou plusieurs accords (JSON ou .docx produit ici),
et éventuellement leur versement, contrôlés règle par règle, avec filtres et export CSV / JSON.

Les fichiers de versement déposés avec les accords (``*.versement.json`` ou tout JSON de versement) sont rattachés
à leur accord par son identifiant ; un versement déposé à part s'applique aux accords qui n'en ont pas.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import streamlit as st

from interessement.erreurs import ErreurEntree
from interessement.modele import accord_depuis_dict, charger_versement, lire_json

from . import rapport as vue
from .constats import LIBELLES_SEVERITES


@dataclass
class Lu:
    nom: str
    genre: str  # accord, versement, illisible
    accord: Any = None
    controle: Any = None
    versement: Any = None
    message: str = ""


def _lire_docx(nom: str, contenu: bytes) -> Lu:
    try:
        from interessement.documents import controler_document, lire_accord
    except ImportError:
        return Lu(nom, "illisible", message=f"{nom} : la lecture des documents .docx n'est pas disponible dans "
                                            "cette installation ; vérifiez le fichier JSON de l'accord.")
    try:
        accord = lire_accord(contenu)
        controle = controler_document(contenu)
    except ErreurEntree as exc:
        message = str(exc).removeprefix("document : ")
        return Lu(nom, "illisible", message=message if nom in message else f"{nom} : {message}")
    except Exception as exc:  # noqa: BLE001 - un .docx corrompu ou hostile : message, jamais de trace
        return Lu(nom, "illisible", message=f"{nom} : document illisible ({type(exc).__name__}).")
    controle.chemin = nom
    return Lu(nom, "accord", accord=accord, controle=controle)


def lire_fichier(nom: str, contenu: bytes) -> Lu:
    """Un fichier déposé : accord (JSON ou .docx), versement (JSON) ou illisible (message français)."""
    if nom.lower().endswith(".docx"):
        return _lire_docx(nom, contenu)
    try:
        donnees, _ = lire_json(contenu, nom)
        if isinstance(donnees, dict) and "entreprise" not in donnees and (
                "salaries" in donnees or "masse_salariale_centimes" in donnees):
            return Lu(nom, "versement", versement=charger_versement(contenu, nom))
        return Lu(nom, "accord", accord=accord_depuis_dict(donnees, nom))
    except ErreurEntree as exc:
        return Lu(nom, "illisible", message=str(exc))


def _empreinte(*morceaux: bytes | str) -> str:
    h = hashlib.sha1()
    for m in morceaux:
        h.update(m if isinstance(m, bytes) else m.encode())
        h.update(b"\0")
    return h.hexdigest()


def _versement_pour(accord: Any, versements: list[Lu], commun: Any, seul: bool) -> tuple[Any, str | None]:
    for v in versements:
        cible = v.versement.accord_identifiant
        if cible is not None and accord.identifiant is not None and cible == accord.identifiant:
            return v.versement, v.nom
    if len(versements) == 1 and seul and versements[0].versement.accord_identifiant is None:
        return versements[0].versement, versements[0].nom
    if commun is not None:
        return commun.versement, commun.nom
    return None, None


def verifier(fichiers: list[tuple[str, bytes]], versement: tuple[str, bytes] | None,
             progression: Any = None) -> dict[str, Any]:
    """Lit et valide chaque fichier ; ``progression(fait, total, nom)`` suit l'avancement."""
    import validators

    lus = []
    total = len(fichiers)
    for n, (nom, contenu) in enumerate(fichiers, start=1):
        if progression:
            progression(n - 1, total, f"Lecture de {nom}")
        lus.append(lire_fichier(nom, contenu))
    commun = None
    illisibles = [(lu.nom, lu.message) for lu in lus if lu.genre == "illisible"]
    if versement is not None:
        commun = lire_fichier(*versement)
        if commun.genre != "versement":
            illisibles.append((commun.nom, commun.message or f"{commun.nom} : ce fichier n'est pas un versement."))
            commun = None
    accords = [lu for lu in lus if lu.genre == "accord"]
    versements = [lu for lu in lus if lu.genre == "versement"]
    resultats = []
    for n, lu in enumerate(accords, start=1):
        if progression:
            progression(n - 1, len(accords), f"Vérification de {lu.nom}")
        v, source_v = _versement_pour(lu.accord, versements, commun, len(accords) == 1)
        r = validators.valider(lu.accord, versement=v, document=lu.controle)
        r.source = lu.nom
        resultats.append({"nom": lu.nom, "rapport": r, "versement": source_v})
    if progression:
        progression(1, 1, "Terminé")
    rattaches = {x["versement"] for x in resultats}
    orphelins = [v.nom for v in versements if v.nom not in rattaches]
    return {"resultats": resultats, "illisibles": illisibles, "orphelins": orphelins}


def export_csv(resultat: dict[str, Any]) -> bytes:
    from validators.resultats import rendre_csv

    return rendre_csv([x["rapport"] for x in resultat["resultats"]], resultat["illisibles"]).encode("utf-8-sig")


def export_json(resultat: dict[str, Any]) -> str:
    from validators.resultats import synthese

    rapports = [x["rapport"] for x in resultat["resultats"]]
    return json.dumps({
        "synthese": synthese(rapports, len(resultat["illisibles"])),
        "rapports": [{**r.to_dict(), "versement": x["versement"]} for x, r in zip(resultat["resultats"], rapports,
                                                                                   strict=True)],
        "illisibles": [{"fichier": n, "erreur": m} for n, m in resultat["illisibles"]],
    }, ensure_ascii=False, indent=2)


def _synthese(resultat: dict[str, Any]) -> None:
    import pandas as pd
    lignes = []
    for x in resultat["resultats"]:
        r = x["rapport"]
        lignes.append({"Fichier": x["nom"], "Entreprise": r.entreprise or "", "Statut": r.statut,
                       "Bloquants": len(r.bloquants), "Avertissements": len(r.avertissements),
                       "Informations": len(r.informations), "Versement contrôlé": x["versement"] or "—"})
    for nom, _ in resultat["illisibles"]:
        lignes.append({"Fichier": nom, "Entreprise": "", "Statut": "illisible", "Bloquants": 0,
                       "Avertissements": 0, "Informations": 0, "Versement contrôlé": "—"})
    st.dataframe(pd.DataFrame(lignes), hide_index=True, width="stretch", key="verif_synthese")


def page() -> None:
    st.title("Vérifier des accords", anchor=False)
    st.markdown("Déposez un ou plusieurs accords : fichiers **JSON** (format d'échange) ou documents **.docx** "
                "produits par ce site. Chaque accord est contrôlé au regard de toutes les règles, chaque constat "
                "avec sa référence légale. Joignez les fichiers de versement (JSON) pour contrôler aussi les "
                "montants versés : ils sont rattachés à leur accord par son identifiant.")
    fichiers = st.file_uploader("Accords à vérifier (JSON ou DOCX, plusieurs à la fois)", type=["json", "docx"],
                                accept_multiple_files=True, key="verif_fichiers")
    versement = st.file_uploader("Versement à contrôler (JSON, facultatif)", type=["json"], key="verif_versement",
                                 help="S'applique aux accords qui n'ont pas leur propre fichier de versement.")
    if not fichiers:
        st.info("Aucun fichier pour l'instant.", icon=":material/info:")
        return
    entrees = [(f.name, f.getvalue()) for f in fichiers]
    entree_v = (versement.name, versement.getvalue()) if versement is not None else None
    cle = _empreinte(*(n for n, _ in entrees), *(c for _, c in entrees),
                     *(entree_v if entree_v else ("", b"")))
    memo = st.session_state.get("verif_memo")
    if not memo or memo[0] != cle:
        barre = st.progress(0.0, text="Vérification…")

        def avancer(fait: int, total: int, texte: str) -> None:
            barre.progress(min(1.0, fait / max(1, total)), text=texte)

        resultat = verifier(entrees, entree_v, avancer)
        barre.empty()
        st.session_state["verif_memo"] = (cle, resultat)
    else:
        resultat = memo[1]

    rapports = [x["rapport"] for x in resultat["resultats"]]
    n_conformes = sum(1 for r in rapports if r.statut == "conforme")
    st.subheader("Synthèse", divider="gray", anchor=False)
    col1, col2, col3, col4 = st.columns(4)
    col1.metric("Accords vérifiés", str(len(rapports)))
    col2.metric("Conformes", str(n_conformes))
    col3.metric("Non conformes", str(sum(1 for r in rapports if r.statut == "non conforme")))
    col4.metric("Illisibles", str(len(resultat["illisibles"])))
    _synthese(resultat)
    for _, message in resultat["illisibles"]:
        st.error(message, icon=":material/block:")
    for nom in resultat["orphelins"]:
        st.warning(f"Le versement « {nom} » ne correspond à aucun accord déposé (identifiant différent).",
                   icon=":material/warning:")
    col1, col2 = st.columns(2)
    col1.download_button("Exporter le rapport (CSV)", export_csv(resultat), file_name="rapport-verification.csv",
                         mime="text/csv", key="verif_export_csv", on_click="ignore", icon=":material/table:",
                         width="stretch")
    col2.download_button("Exporter le rapport (JSON)", export_json(resultat),
                         file_name="rapport-verification.json", mime="application/json", key="verif_export_json",
                         on_click="ignore", icon=":material/data_object:", width="stretch")

    if not rapports:
        return
    st.subheader("Constats par accord", divider="gray", anchor=False)
    tous = [c for r in rapports for c in r.constats]
    severites = [s for s in LIBELLES_SEVERITES if any(c.severite == s for c in tous)]
    regles = sorted({c.id for c in tous})
    col1, col2 = st.columns(2)
    choix_s = col1.multiselect("Sévérité", severites, default=[s for s in severites if s != "INFORMATION"]
                               or severites, key="verif_severites", format_func=lambda s: LIBELLES_SEVERITES[s],
                               placeholder="Toutes les sévérités")
    choix_r = col2.multiselect("Règle", regles, key="verif_regles", placeholder="Toutes les règles")
    for x in resultat["resultats"]:
        r = x["rapport"]
        constats = [c for c in r.constats if (not choix_s or c.severite in choix_s)
                    and (not choix_r or c.id in choix_r)]
        titre = f"{x['nom']} — {r.entreprise or ''} : {r.statut} ({r.resume()})"
        with st.expander(titre, expanded=r.statut != "conforme" or len(rapports) == 1):
            vue.statut(r)
            if x["versement"]:
                st.caption(f"Versement contrôlé : {x['versement']}")
            if constats:
                st.dataframe(vue.tableau(constats), hide_index=True, width="stretch",
                             key=f"verif_tableau_{_empreinte(x['nom'])[:10]}")
                vue.details([c for c in constats if c.severite == "BLOQUANT"])
            else:
                st.caption("Aucun constat avec ces filtres.")
            if r.regles_en_erreur:
                st.warning("Règles qui n'ont pas pu décider : " + " ; ".join(f"{e.id} ({e.raison})"
                                                                            for e in r.regles_en_erreur),
                           icon=":material/help:")
