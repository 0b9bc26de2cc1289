"""Construit les modèles Word du projet (``templates/*.docx``) avec python-docx, de façon reproductible.

Usage : ``.venv/bin/python templates/construire_modeles.py``  (réécrit les quatre modèles ; les tests
vérifient que les modèles versionnés sont à jour).

Aucune phrase juridique n'est écrite ici : chaque clause, avec ses conditions et ses articles, est dans la
bibliothèque des clauses (``interessement/clauses/textes/*.yaml``) ; ce script ne fait que la mise en forme.

Les modèles sont de vrais documents Word : styles Titre, Titre 1 et 2 (articles numérotés automatiquement
« Article 1 – »), champ de sommaire (TOC), pied de page avec les champs PAGE et NUMPAGES. Le texte
contient des balises docxtpl (Jinja) : ``{{ variable }}`` et ``{%p if … %}`` / ``{%p for … %}`` (paragraphes
de structure supprimés au rendu), ``{%tr for … %}`` (lignes de tableau). Un juriste modifie la rédaction
dans la bibliothèque des clauses, puis reconstruit les modèles ; les variables disponibles sont décrites dans
``interessement/documents/contexte.py``. Aucun nombre légal n'est écrit ici : taux, délais et montants
viennent des paramètres datés (``interessement/parametres``).
"""

from __future__ import annotations

import sys
from pathlib import Path

ICI = Path(__file__).resolve().parent
sys.path.insert(0, str(ICI))
sys.path.insert(0, str(ICI.parent))

from _docx_outils import (  # noqa: E402
    STYLE_ENCADRE,
    STYLE_FORMULE,
    STYLE_PETIT,
    Redacteur,
    mettre_a_jour_champs_a_l_ouverture,
    nouveau_document,
    ordonner_schema,
)
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402

from interessement import clauses  # noqa: E402

MODELES = {
    "accord": "accord.docx",
    "note_information": "note_information.docx",
    "fiche_individuelle": "fiche_individuelle.docx",
    "liste_depot": "liste_depot.docx",
}


# ============================================================================================= rédaction

STYLES = {"petit": STYLE_PETIT, "encadre": STYLE_ENCADRE, "formule": STYLE_FORMULE, None: None}
ALIGNEMENTS = {"centre": WD_ALIGN_PARAGRAPH.CENTER, "droite": WD_ALIGN_PARAGRAPH.RIGHT, None: None}


def _texte(contenu) -> str:  # noqa: ANN001 - chaîne ou liste de phrases de la bibliothèque
    """Un paragraphe de la bibliothèque : une chaîne, ou une liste de phrases (chacune avec ses articles)."""
    if isinstance(contenu, list):
        return " ".join(morceau["texte"] for morceau in contenu)
    return contenu


def ecrire_blocs(r: Redacteur, blocs) -> None:  # noqa: ANN001
    """Écrit les blocs d'une clause (voir interessement/clauses) avec le rédacteur Word."""
    for b in blocs:
        if "p" in b:
            style = STYLES[b.get("style")]
            if b.get("style") == "encadre":
                r.encadre(_texte(b["p"]))
            elif b.get("style") == "formule":
                r.formule(_texte(b["p"]))
            else:
                r.p(_texte(b["p"]), style, aligne=ALIGNEMENTS[b.get("aligne")],
                    garder_suivant=bool(b.get("garder_suivant")))
        elif "tiret" in b:
            r.tiret(_texte(b["tiret"]))
        elif "titre" in b:
            r.titre(b["titre"])
        elif "sous_titre" in b:
            r.sous_titre(b["sous_titre"])
        elif "sous_article" in b:
            r.sous_article(b["sous_article"])
        elif "intertitre" in b:
            r.intertitre(b["intertitre"])
        elif "sommaire" in b:
            r.sommaire(b["sommaire"])
        elif "saut_de_page" in b:
            r.saut_de_page()
        elif "tableau" in b:
            t = b["tableau"]
            r.tableau(t["entetes"], t["cellules"], t.get("boucle"), t.get("largeurs"),
                      entete_repete=t.get("entete_repete", True), a_droite=t.get("a_droite", ()))
        elif "signatures" in b:
            r.tableau_signatures(b["signatures"]["boucle"], b["signatures"]["identite"])
        elif "si" in b:
            r.si(b["si"])
            ecrire_blocs(r, b.get("alors", ()))
            for branche in b.get("sinon_si", ()):
                r.sinon_si(branche["si"])
                ecrire_blocs(r, branche.get("alors", ()))
            if "sinon" in b:
                r.sinon()
                ecrire_blocs(r, b["sinon"])
            r.fin_si()
        elif "pour" in b:
            r.pour(b["pour"])
            ecrire_blocs(r, b.get("faire", ()))
            r.fin_pour()
        else:
            raise ValueError(f"bloc inconnu : {b}")


def modele(nom: str) -> Redacteur:
    """Le modèle Word d'un document, écrit clause par clause depuis la bibliothèque."""
    d = clauses.document(nom)
    doc = nouveau_document(titre_propriete=d.titre_propriete, sujet=d.sujet, compact=d.compact)
    if d.mise_a_jour_champs:
        mettre_a_jour_champs_a_l_ouverture(doc)
    r = Redacteur(doc)
    r.pied_de_page(d.pied_de_page)
    for c in d.clauses:
        condition = c.condition.jinja()
        if condition:
            r.si(condition)
        if c.niveau == "article":
            r.article(c.titre)
        elif c.niveau == "section":
            r.section(c.titre)
        ecrire_blocs(r, c.texte)
        if condition:
            r.fin_si()
    return r


# ============================================================================================ principal

CONSTRUCTEURS = {nom: (lambda nom=nom: modele(nom)) for nom in MODELES}


def construire(dossier: Path = ICI) -> list[Path]:
    """Écrit les quatre modèles dans ``dossier`` et renvoie leurs chemins."""
    chemins = []
    for nom, constructeur in CONSTRUCTEURS.items():
        chemin = Path(dossier) / MODELES[nom]
        doc = constructeur().doc
        ordonner_schema(doc)
        doc.save(chemin)
        chemins.append(chemin)
    return chemins


if __name__ == "__main__":
    for chemin in construire():
        print(f"Modèle écrit : {chemin}")
