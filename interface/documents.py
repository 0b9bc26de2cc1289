"""Les documents de l'accord dans l'assistant (adaptateur vers ``interessement.documents``).

Word tout de suite (rendu en mémoire, mémorisé par empreinte de l'accord) ; PDF à la demande, quand LibreOffice
est installé (quelques secondes) ; fiches individuelles quand un vrai fichier de salariés est chargé.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import streamlit as st

from interessement.erreurs import ErreurEntree

from . import etat, services
from .echappement import md

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _rendus(modele: Any, empreinte: str) -> dict[str, bytes]:
    from interessement.documents import rendre_accord, rendre_liste_depot, rendre_note_information

    def calcul() -> dict[str, bytes]:
        rapport = services.valider(etat.accord())
        avertissements = [c.message for c in getattr(rapport, "constats", []) if c.severite == "AVERTISSEMENT"]
        horodatage = datetime.now(UTC)
        return {
            "accord": rendre_accord(modele, horodatage=horodatage),
            "note": rendre_note_information(modele, horodatage=horodatage),
            "depot": rendre_liste_depot(modele, avertissements=avertissements, horodatage=horodatage),
        }

    return services.memoriser("documents", empreinte, calcul)


def _pdf(rendus: dict[str, bytes], base: str) -> dict[str, bytes] | str:
    from interessement.documents.pdf import convertir_en_pdf

    noms = {"accord": f"{base}.docx", "note": f"note-information-{base}.docx", "depot": f"liste-depot-{base}.docx"}
    try:
        with tempfile.TemporaryDirectory(prefix="interessement-pdf-") as dossier:
            chemins = convertir_en_pdf({noms[k]: v for k, v in rendus.items()}, Path(dossier))
            par_nom = {p.stem: p.read_bytes() for p in chemins}
    except ErreurEntree as exc:
        return str(exc)
    return {k: par_nom[Path(n).stem] for k, n in noms.items() if Path(n).stem in par_nom}


def _donnees_fiches() -> tuple[Any, Any, str | None]:
    """(données des salariés, calcul de la répartition, raison de ne pas produire les fiches)."""
    donnees = st.session_state.get(services.SALARIES)
    if not donnees or donnees.get("fictif"):
        return None, None, "déposez le fichier de vos salariés à l'étape « Répartition » pour les obtenir ici."
    accord = etat.accord()
    ui = etat.ui()
    resultat, _ = services.simuler(accord, ui.get("simulation") or {})
    montant = (int(ui.get("enveloppe_manuelle_centimes") or 0) if ui.get("enveloppe_mode") == "manuelle"
               else (resultat.enveloppe_centimes if resultat is not None else 0))
    calcul, erreur, note = services.repartir(accord, donnees["liste"], donnees["jeton"], montant)
    if erreur or calcul is None:
        return None, None, erreur
    if note:
        return None, None, "disponibles quand les plafonds de l'exercice (PASS) seront publiés."
    return donnees, calcul, None


def _preparer_fiches(modele: Any, donnees: Any, calcul: Any) -> None:
    """Une fiche par bénéficiaire (quelques centièmes de seconde chacune) : barre de progression."""
    from interessement.documents import archive_fiches, rendre_fiches

    barre = st.progress(0.0, text="Préparation des fiches individuelles…")

    def avancer(fait: int, total: int) -> None:
        barre.progress(fait / max(1, total), text=f"Fiche {int(fait)} sur {int(total)}")

    try:
        versement = services.versement_de(donnees["liste"], donnees["jeton"])
        fiches = rendre_fiches(modele, versement, date_information=etat.aujourd_hui(), calcul=calcul,
                               progression=avancer)
        archive = archive_fiches(fiches) if fiches else None
        st.session_state["documents_fiches_memo"] = (calcul.cle_interface, archive,
                                                     None if archive else "aucune prime positive, donc aucune "
                                                                          "fiche à produire.")
    except (ErreurEntree, ValueError) as exc:
        st.session_state["documents_fiches_memo"] = (calcul.cle_interface, None, str(exc))
    barre.empty()


def _fiches(modele: Any, base: str) -> None:
    donnees, calcul, raison = _donnees_fiches()
    if raison:
        st.caption(f"Fiches individuelles des salariés : {md(raison)}")
        return
    memo = st.session_state.get("documents_fiches_memo")
    if not memo or memo[0] != calcul.cle_interface:
        n = len(calcul.repartition.identifiants)
        if st.button(f"Préparer les fiches individuelles ({n} salarié{'s' if n > 1 else ''})",
                     key="documents_preparer_fiches", icon=":material/badge:"):
            _preparer_fiches(modele, donnees, calcul)
            memo = st.session_state.get("documents_fiches_memo")
        else:
            return
    _, archive, raison = memo
    if archive:
        st.download_button("Fiches individuelles des salariés (archive .zip de documents Word)", archive,
                           file_name=f"fiches-individuelles-{base}.zip", mime="application/zip",
                           key="documents_fiches", on_click="ignore", icon=":material/folder_zip:")
    elif raison:
        st.caption(f"Fiches individuelles des salariés : {md(raison)}")


def afficher(modele: Any, base: str) -> None:
    try:
        import interessement.documents  # noqa: F401
    except ImportError:
        st.info("Le générateur de documents Word n'est pas disponible dans cette installation.",
                icon=":material/info:")
        return
    empreinte = services.empreinte(etat.accord())
    try:
        rendus = _rendus(modele, empreinte)
    except Exception as exc:  # noqa: BLE001 - le générateur peut refuser (fait manquant) : dit en français
        from .erreurs import message

        st.error(f"Les documents n'ont pas pu être produits : {md(message(exc))}.", icon=":material/block:")
        return
    mode = modele.mise_en_place.mode
    titre = "La décision unilatérale" if mode == "decision_unilaterale" else "L'accord"
    st.subheader("Vos documents", divider="gray", anchor=False)
    st.caption("Le document Word contient les données de l'accord et leur empreinte : un vérificateur peut le "
               "contrôler tel quel. Toute modification du texte après génération se verra.")
    col1, col2, col3 = st.columns(3)
    col1.download_button(f"{md(titre)} (Word, prêt à signer)", rendus["accord"], file_name=f"{base}.docx", mime=DOCX,
                         key="documents_docx", on_click="ignore", icon=":material/description:", type="primary",
                         width="stretch")
    col2.download_button("Note d'information des salariés (Word)", rendus["note"],
                         file_name=f"note-information-{base}.docx", mime=DOCX, key="documents_note",
                         on_click="ignore", icon=":material/groups:", width="stretch")
    col3.download_button("Pièces du dépôt TéléAccords (Word)", rendus["depot"],
                         file_name=f"liste-depot-{base}.docx", mime=DOCX, key="documents_depot",
                         on_click="ignore", icon=":material/checklist:", width="stretch")

    if services.libreoffice_disponible():
        memo = st.session_state.get("documents_pdf")
        pdf = memo[1] if memo and memo[0] == empreinte else None
        if pdf is None and st.button("Préparer les versions PDF (quelques secondes)", key="documents_preparer_pdf",
                                     icon=":material/picture_as_pdf:"):
            with st.spinner("Conversion en PDF par LibreOffice…"):
                pdf = _pdf(rendus, base)
            st.session_state["documents_pdf"] = (empreinte, pdf)
        if pdf is None:
            pass
        elif isinstance(pdf, str):
            st.warning(md(pdf), icon=":material/warning:")
        else:
            col1, col2, col3 = st.columns(3)
            libelles = {"accord": (f"{titre} (PDF)", f"{base}.pdf"),
                        "note": ("Note d'information (PDF)", f"note-information-{base}.pdf"),
                        "depot": ("Liste des pièces du dépôt (PDF)", f"liste-depot-{base}.pdf")}
            for col, (k, (libelle, nom)) in zip((col1, col2, col3), libelles.items(), strict=True):
                if k in pdf:
                    col.download_button(libelle, pdf[k], file_name=nom, mime="application/pdf",
                                        key=f"documents_pdf_{k}", on_click="ignore",
                                        icon=":material/picture_as_pdf:", width="stretch")
    else:
        st.caption("Versions PDF : installez LibreOffice sur le serveur pour les obtenir ici ; sinon, ouvrez le "
                   "document Word et enregistrez-le en PDF.")

    _fiches(modele, base)
