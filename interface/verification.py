"""La page « Vérifier des accords » : pour le vérificateur, un ou plusieurs accords (JSON du format d'échange, ou
textes : Word, PDF, scans, images, .odt, .txt), et éventuellement leur versement, contrôlés règle par règle, avec
filtres et export CSV / JSON.

Un texte est lu (``interessement.lecture``) : ses faits s'affichent à côté de la phrase d'où ils viennent ; le
vérificateur corrige un fait ou renseigne un fait manquant, le contrôle est refait, et les faits corrigés se
téléchargent au format d'échange. Un .docx produit ici est lu comme un texte : le texte fait foi, et un document
retouché n'a jamais le bandeau vert « Conforme ».

Un versement n'est contrôlé qu'avec l'accord auquel il appartient : par l'identifiant de l'accord, ou par le
rattachement que choisit le vérificateur — jamais avec chacun des accords du lot.
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
from .echappement import md


@dataclass
class Lu:
    nom: str
    genre: str  # accord, versement, illisible
    accord: Any = None
    controle: Any = None
    versement: Any = None
    message: str = ""
    document: Any = None  # texte lu (DocumentLu) : contrôle sur les faits lus


EXTENSIONS_TEXTES = (".docx", ".odt", ".pdf", ".txt", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def _lire_texte(nom: str, contenu: bytes) -> Lu:
    from interessement.lecture.controle import controle_du_docx
    from interessement.lecture.ouvrir import ouvrir

    try:
        doc = ouvrir(contenu, nom)
    except ErreurEntree as exc:
        message = str(exc).removeprefix("document : ")
        return Lu(nom, "illisible", message=message if nom in message else f"{nom} : {message}")
    except Exception as exc:  # noqa: BLE001 - un fichier corrompu ou hostile : message, jamais de trace
        return Lu(nom, "illisible", message=f"{nom} : document illisible ({type(exc).__name__}).")
    return Lu(nom, "texte", controle=controle_du_docx(doc, contenu, nom), document=doc)


def lire_fichier(nom: str, contenu: bytes) -> Lu:
    """Un fichier déposé : accord (JSON), texte d'accord, versement (JSON) ou illisible (message français)."""
    if nom.lower().endswith(EXTENSIONS_TEXTES):
        return _lire_texte(nom, contenu)
    try:
        donnees, _ = lire_json(contenu, nom)
        if isinstance(donnees, dict) and "entreprise" not in donnees and (
                "salaries" in donnees or "masse_salariale_centimes" in donnees):
            return Lu(nom, "versement", versement=charger_versement(contenu, nom))
        return Lu(nom, "accord", accord=accord_depuis_dict(donnees, nom))
    except ErreurEntree as exc:
        return Lu(nom, "illisible", message=str(exc))


def controler_texte(lu: Lu, faits: Any = None, date_reference: Any = None) -> Any:
    """Le contrôle d'un texte lu (ou de ses faits corrigés par le vérificateur)."""
    from datetime import date

    from interessement.lecture.controle import controler

    doc = lu.document
    if date_reference is None and getattr(doc, "donnees_embarquees", None) is None:
        date_reference = date.today()  # un texte écrit ailleurs : la loi en vigueur au jour du contrôle
    if faits is None:
        return controler(doc, date_reference=date_reference, nom=lu.nom, document=lu.controle)
    return controler(faits, date_reference=date_reference, nom=lu.nom, document=lu.controle,
                     donnees=getattr(doc, "donnees_embarquees", None))


def _empreinte(*morceaux: bytes | str) -> str:
    h = hashlib.sha1()
    for m in morceaux:
        h.update(m if isinstance(m, bytes) else m.encode())
        h.update(b"\0")
    return h.hexdigest()


def _versement_pour(accord: Any, versements: list[Lu], commun: Any, seul: bool,
                    rattachement: dict[str, str] | None = None, nom: str = "") -> tuple[Any, str | None]:
    """Le versement d'un accord : celui qui porte son identifiant ; sinon celui que le vérificateur lui a rattaché ;
    sinon, s'il n'y a qu'un accord, le seul versement sans identifiant. Jamais un versement à chaque accord."""
    for v in [*versements, *([commun] if commun is not None else [])]:
        cible = v.versement.accord_identifiant
        if cible is not None and accord.identifiant is not None and cible == accord.identifiant:
            return v.versement, v.nom
    for v in [*versements, *([commun] if commun is not None else [])]:
        if (rattachement or {}).get(v.nom) == nom:
            return v.versement, v.nom
    candidats = [v for v in [*versements, *([commun] if commun is not None else [])]
                 if v.versement.accord_identifiant is None and not (rattachement or {}).get(v.nom)]
    if seul and len(candidats) == 1:
        return candidats[0].versement, candidats[0].nom
    return None, None


def verifier(fichiers: list[tuple[str, bytes]], versement: tuple[str, bytes] | None,
             progression: Any = None, rattachement: dict[str, str] | None = None) -> dict[str, Any]:
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
    accords = [lu for lu in lus if lu.genre in ("accord", "texte")]
    versements = [lu for lu in lus if lu.genre == "versement"]
    resultats = []
    for n, lu in enumerate(accords, start=1):
        if progression:
            progression(n - 1, len(accords), f"Vérification de {lu.nom}")
        if lu.genre == "texte":
            try:
                r = controler_texte(lu)
            except Exception as exc:  # noqa: BLE001 - un texte qui fait échouer la lecture : message, le lot continue
                illisibles.append((lu.nom, f"{lu.nom} : lecture impossible ({type(exc).__name__})."))
                continue
            r.source = lu.nom
            resultats.append({"nom": lu.nom, "rapport": r, "versement": None, "lu": lu})
            continue
        v, source_v = _versement_pour(lu.accord, versements, commun, len(accords) == 1, rattachement, lu.nom)
        r = validators.valider(lu.accord, versement=v, document=lu.controle)
        r.source = lu.nom
        resultats.append({"nom": lu.nom, "rapport": r, "versement": source_v})
    if progression:
        progression(1, 1, "Terminé")
    rattaches = {x["versement"] for x in resultats}
    orphelins = [v.nom for v in [*versements, *([commun] if commun is not None else [])] if v.nom not in rattaches]
    return {"resultats": resultats, "illisibles": illisibles, "orphelins": orphelins,
            "accords_json": [lu.nom for lu in accords if lu.genre == "accord"]}


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
    st.markdown("Déposez un ou plusieurs accords : fichiers **JSON** (format d'échange) ou **textes** d'accord "
                "(Word, PDF, scans, images, .odt, .txt), y compris les documents produits par ce site. Chaque accord "
                "est contrôlé au regard de toutes les règles, chaque constat avec sa référence légale ; pour un texte, "
                "chaque fait lu est montré avec la phrase d'où il vient, et vous pouvez le corriger. Joignez les "
                "fichiers de versement (JSON) pour contrôler aussi les montants versés : chacun n'est contrôlé "
                "qu'avec l'accord auquel il appartient (par son identifiant, ou le rattachement que vous choisissez).")
    fichiers = st.file_uploader("Accords à vérifier (JSON, Word, PDF, scans, images, plusieurs à la fois)",
                                type=["json", "docx", "odt", "pdf", "txt", "png", "jpg", "jpeg", "tif", "tiff"],
                                accept_multiple_files=True, key="verif_fichiers")
    versement = st.file_uploader("Versement à contrôler (JSON, facultatif)", type=["json"], key="verif_versement",
                                 help="Contrôlé avec l'accord qui porte son identifiant, ou celui que vous lui "
                                      "rattachez ci-dessous.")
    if not fichiers:
        st.info("Aucun fichier pour l'instant.", icon=":material/info:")
        return
    entrees = [(f.name, f.getvalue()) for f in fichiers]
    entree_v = (versement.name, versement.getvalue()) if versement is not None else None
    rattachement = dict(st.session_state.get("verif_rattachement", {}))
    cle = _empreinte(*(n for n, _ in entrees), *(c for _, c in entrees),
                     *(entree_v if entree_v else ("", b"")), json.dumps(rattachement, sort_keys=True))
    memo = st.session_state.get("verif_memo")
    if not memo or memo[0] != cle:
        barre = st.progress(0.0, text="Vérification…")

        def avancer(fait: int, total: int, texte: str) -> None:
            barre.progress(min(1.0, fait / max(1, total)), text=md(texte))

        resultat = verifier(entrees, entree_v, avancer, rattachement)
        barre.empty()
        st.session_state["verif_memo"] = (cle, resultat)
    else:
        resultat = memo[1]

    rapports = [x["rapport"] for x in resultat["resultats"]]
    n_conformes = sum(1 for r in rapports if r.statut == "conforme")
    st.subheader("Synthèse", divider="gray", anchor=False)
    col1, col2, col3, col4, col5 = st.columns(5)
    col1.metric("Accords vérifiés", str(sum(1 for r in rapports if r.statut != "annexe")))
    col2.metric("Conformes", str(n_conformes))
    col3.metric("Non conformes", str(sum(1 for r in rapports if r.statut == "non conforme")))
    col4.metric("À vérifier", str(sum(1 for r in rapports if r.statut in ("à vérifier", "indéterminé"))))
    col5.metric("Illisibles", str(len(resultat["illisibles"])))
    _synthese(resultat)
    for _, message in resultat["illisibles"]:
        st.error(md(message), icon=":material/block:")
    for n, nom in enumerate(resultat["orphelins"]):
        st.warning(f"Le versement « {md(nom)} » n'est rattaché à aucun accord déposé (identifiant absent ou différent) : "
                   "il n'est contrôlé avec aucun. Choisissez son accord pour le contrôler.", icon=":material/warning:")
        options = ["(aucun)", *resultat.get("accords_json", [])]
        choix = st.selectbox(f"Accord du versement « {md(nom)} »", options, key=f"verif_rattacher_{n}",
                             index=options.index(rattachement.get(nom, "(aucun)"))
                             if rattachement.get(nom, "(aucun)") in options else 0)
        if choix != rattachement.get(nom, "(aucun)"):
            if choix == "(aucun)":
                rattachement.pop(nom, None)
            else:
                rattachement[nom] = choix
            st.session_state["verif_rattachement"] = rattachement
            st.rerun()
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
    presentes = list(dict.fromkeys(c.severite for c in tous))
    severites = [s for s in LIBELLES_SEVERITES if s in presentes] + [s for s in presentes
                                                                    if s not in LIBELLES_SEVERITES]
    regles = sorted({c.id for c in tous})
    col1, col2 = st.columns(2)
    choix_s = col1.multiselect("Sévérité", severites, default=[s for s in severites if s != "INFORMATION"]
                               or severites, key="verif_severites",
                               format_func=lambda s: LIBELLES_SEVERITES.get(s, s.capitalize()),
                               placeholder="Toutes les sévérités")
    choix_r = col2.multiselect("Règle", regles, key="verif_regles", placeholder="Toutes les règles")
    for x in resultat["resultats"]:
        r = x["rapport"]
        constats = [c for c in r.constats if (not choix_s or c.severite in choix_s)
                    and (not choix_r or c.id in choix_r)]
        titre = f"{md(x['nom'])} — {md(r.entreprise or '')} : {md(r.statut)} ({md(r.resume())})"
        with st.expander(titre, expanded=r.statut != "conforme" or len(rapports) == 1):
            vue.statut(r)
            if x["versement"]:
                st.caption(f"Versement contrôlé : {md(x['versement'])}")
            if getattr(r, "annexe", None):
                st.caption("Ce document accompagne un accord sans en être un : il n'est pas contrôlé comme un "
                           "accord.")
                continue
            if constats:
                st.dataframe(vue.tableau(constats), hide_index=True, width="stretch", row_height=HAUTEUR_LIGNE,
                             column_config=COLONNES_CONSTATS, key=f"verif_tableau_{_empreinte(x['nom'])[:10]}")
                vue.details([c for c in constats if c.severite == "BLOQUANT"])
            else:
                st.caption("Aucun constat avec ces filtres.")
            if r.a_verifier:
                st.markdown("**Points à vérifier** — le validateur n'a pas pu les établir ; ce qu'il faut chercher "
                            "dans le texte signé ou les pièces :")
                st.dataframe(tableau_points(r.a_verifier), hide_index=True, width="stretch",
                             row_height=HAUTEUR_LIGNE, column_config=COLONNES_POINTS,
                             key=f"verif_points_{_empreinte(x['nom'])[:10]}")
            if r.regles_en_erreur:
                st.warning("Règles qui n'ont pas pu décider : " + " ; ".join(f"{md(e.id)} ({md(e.raison)})"
                                                                            for e in r.regles_en_erreur),
                           icon=":material/help:")
            if x.get("lu") is not None:
                _faits_du_texte(x)


#: Hauteur des lignes des tableaux de constats et de faits (pixels) : au-delà de 64, Streamlit renvoie le texte à
#: la ligne dans la cellule au lieu de le couper ; de quoi lire quatre à cinq lignes d'un constat.
HAUTEUR_LIGNE = 110
COLONNES_CONSTATS = {
    "Sévérité": st.column_config.TextColumn("Sévérité", width="small"),
    "Règle": st.column_config.TextColumn("Règle", width="small"),
    "Constat": st.column_config.TextColumn("Constat", width="large"),
    "À faire": st.column_config.TextColumn("À faire", width="medium"),
    "Références": st.column_config.TextColumn("Références", width="small"),
    "Champ(s)": st.column_config.TextColumn("Champ(s)", width="small"),
}
COLONNES_POINTS = {
    "Règle": st.column_config.TextColumn("Règle", width="small"),
    "Ce qui n'est pas établi": st.column_config.TextColumn("Ce qui n'est pas établi", width="large"),
    "À chercher": st.column_config.TextColumn("À chercher", width="large"),
    "Si contraire": st.column_config.TextColumn("Si contraire", width="small"),
}
COLONNES_FAITS = {
    "Fait": st.column_config.TextColumn("Fait", width="medium"),
    "Statut": st.column_config.TextColumn("Statut", width="small"),
    "Valeur": st.column_config.TextColumn("Valeur", width="medium", help="Corrigez ou renseignez la valeur lue."),
    "Phrase citée": st.column_config.TextColumn("Phrase citée", width="large"),
    "Article": st.column_config.TextColumn("Article", width="small"),
}


def tableau_points(points: list[Any]) -> Any:
    import pandas as pd

    from validators.resultats import _point

    liste = [_point(p) for p in points]
    return pd.DataFrame({
        "Règle": [p.id for p in liste],
        "Ce qui n'est pas établi": [p.message for p in liste],
        "À chercher": [p.a_chercher for p in liste],
        "Si contraire": [LIBELLES_SEVERITES.get(p.severite, p.severite) for p in liste],
    })


def _corriger(x: dict[str, Any], cle: str, texte: str) -> str | None:
    """Le vérificateur corrige ou renseigne un fait : le contrôle est refait sur les faits corrigés. Rend le
    message d'erreur (français) si la valeur saisie ne se lit pas."""
    from interessement.lecture.faits import valeur_saisie

    try:
        valeur = valeur_saisie(cle, texte)
    except ErreurEntree as exc:
        return str(exc)
    x["rapport"].faits.corriger(cle, valeur)
    nouveau = controler_texte(x["lu"], x["rapport"].faits)
    nouveau.source = x["nom"]
    x["rapport"] = nouveau
    return None


def _faits_du_texte(x: dict[str, Any]) -> None:
    """Les faits lus à côté de leur phrase ; le vérificateur corrige ou renseigne une valeur, le contrôle est
    refait, et les faits corrigés se téléchargent au format d'échange."""
    import pandas as pd

    from interessement.lecture.controle import accord_de_travail, lecture_en_dict
    from interessement.lecture.faits import LIBELLES_STATUTS, valeur_saisie

    r = x["rapport"]
    faits = r.faits
    cle_page = _empreinte(x["nom"])[:10]
    st.markdown("**Faits lus dans le texte** — corrigez une valeur ou renseignez un fait manquant dans la colonne "
                "« Valeur » ; le contrôle est refait.")
    liste = list(faits)
    lignes = pd.DataFrame({
        "Fait": [f.libelle for f in liste],
        "Statut": [LIBELLES_STATUTS.get(f.statut, f.statut) + (" (vérificateur)" if f.source == "verificateur" else "")
                   for f in liste],
        "Valeur": [_valeur_affichee(f) for f in liste],
        "Phrase citée": [f.citation.texte if f.citation else "" for f in liste],
        "Article": [(f.citation.article or "") if f.citation else "" for f in liste],
    })
    edite = st.data_editor(lignes, hide_index=True, width="stretch", key=f"verif_faits_{cle_page}",
                           disabled=["Fait", "Statut", "Phrase citée", "Article"], row_height=HAUTEUR_LIGNE,
                           column_config=COLONNES_FAITS)
    erreurs = []
    change = False
    for f, avant, apres in zip(liste, lignes["Valeur"], edite["Valeur"], strict=True):
        if (apres or "") != (avant or ""):
            try:
                valeur = valeur_saisie(f.cle, str(apres))
                if not (f.source == "verificateur" and valeur == f.valeur):
                    faits.corriger(f.cle, valeur)
                    change = True
            except ErreurEntree as exc:
                erreurs.append(str(exc))
    with st.form(f"verif_corriger_{cle_page}", clear_on_submit=False, border=True):
        st.markdown("**Corriger un fait** — choisissez-le, écrivez sa valeur (« 3 mois », « 20 % », « oui », "
                    "« 01/01/2026 », « uniforme 50 %, salaire 50 % »…) ; le contrôle est refait.")
        col1, col2 = st.columns([2, 3])
        cles = [f.cle for f in liste]
        choisi = col1.selectbox("Fait", cles, format_func=lambda c: faits.get(c).libelle,
                                key=f"verif_corriger_fait_{cle_page}")
        saisie = col2.text_input("Valeur", key=f"verif_corriger_valeur_{cle_page}")
        if st.form_submit_button("Corriger et refaire le contrôle", icon=":material/restart_alt:"):
            erreur = _corriger(x, choisi, saisie)
            if erreur:
                erreurs.append(erreur)
            else:
                st.rerun()
    for e in erreurs:
        st.error(md(e), icon=":material/error:")
    if change:
        nouveau = controler_texte(x["lu"], faits)
        nouveau.source = x["nom"]
        x["rapport"] = nouveau
        st.rerun()
    d, connus = accord_de_travail(faits, getattr(x["lu"].document, "donnees_embarquees", None))
    partiel = {k: v for k, v in d.items() if any(c == k or c.startswith(k + ".") for c in connus)}
    col1, col2 = st.columns(2)
    col1.download_button("Télécharger les faits (format d'échange, JSON)",
                         json.dumps(partiel, ensure_ascii=False, indent=2, default=str),
                         file_name=f"{x['nom'].rsplit('.', 1)[0]}.faits.json", mime="application/json",
                         key=f"verif_faits_json_{cle_page}", on_click="ignore", icon=":material/download:")
    col2.download_button("Télécharger la lecture complète (JSON)",
                         json.dumps(lecture_en_dict(x["lu"].document, x["rapport"]), ensure_ascii=False, indent=2,
                                    default=str),
                         file_name=f"{x['nom'].rsplit('.', 1)[0]}.lecture.json", mime="application/json",
                         key=f"verif_lecture_json_{cle_page}", on_click="ignore", icon=":material/data_object:")
    st.caption("Le fichier des faits ne contient que les champs lus dans le texte ou saisis : complétez-le (entreprise, "
               "dates manquantes…) pour en faire un accord complet au format d'échange.")


def _valeur_affichee(f: Any) -> str:
    from interessement.lecture.controle import _valeur_texte

    return "" if f.statut in ("absent", "non_trouve") else _valeur_texte(f)
