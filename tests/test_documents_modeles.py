"""Les modèles Word versionnés : à jour avec leur script, sans nombre légal écrit en dur, erreurs claires."""

from __future__ import annotations

import re
import shutil
import sys
import zipfile

import pytest
from chemins import RACINE
from lxml import etree
from test_documents_outils import accord

from interessement.documents import rendre_accord
from interessement.documents.docx_xml import texte_paragraphe, w
from interessement.documents.modeles import FICHIERS, ErreurModele, modele
from interessement.documents.typographie import typographie, typographie_hors_balises

MODELES = RACINE / "templates"
PARTIES_COMPAREES = ("word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml",
                     "word/footer1.xml", "[Content_Types].xml", "word/_rels/document.xml.rels")


def _construire(dossier):
    sys.path.insert(0, str(MODELES))
    try:
        import construire_modeles
    finally:
        sys.path.remove(str(MODELES))
    return construire_modeles.construire(dossier)


def test_les_modeles_versionnes_sont_a_jour(tmp_path):
    for chemin in _construire(tmp_path):
        versionne = MODELES / chemin.name
        with zipfile.ZipFile(chemin) as neuf, zipfile.ZipFile(versionne) as ancien:
            for partie in PARTIES_COMPAREES:
                assert neuf.read(partie) == ancien.read(partie), (
                    f"{chemin.name} : {partie} n'est plus à jour ; lancez « python templates/construire_modeles.py »")


def _textes_hors_balises(chemin) -> list[str]:
    with zipfile.ZipFile(chemin) as z:
        racine = etree.fromstring(z.read("word/document.xml"))
        pieds = [etree.fromstring(z.read(n)) for n in z.namelist() if re.fullmatch(r"word/footer\d*\.xml", n)]
    textes = []
    for element in [racine, *pieds]:
        for p in element.iter(w("p")):
            texte = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", texte_paragraphe(p))
            if texte.strip():
                textes.append(texte)
    return textes


@pytest.mark.parametrize("nom", sorted(FICHIERS.values()))
def test_aucun_nombre_legal_ecrit_dans_les_modeles(nom):
    interdit = re.compile(r"\d+(?:[,.]\d+)?\s?(?:%|jours?\b|mois\b|ans?\b|€)|\b(?:quinze|douze|cinquième|deux tiers)\b")
    for texte in _textes_hors_balises(MODELES / nom):
        assert not interdit.search(texte), f"{nom} : nombre légal écrit en dur dans « {texte} »"


@pytest.mark.parametrize("nom", sorted(FICHIERS.values()))
def test_modeles_ont_de_vrais_styles_word(nom):
    with zipfile.ZipFile(MODELES / nom) as z:
        document = z.read("word/document.xml").decode()
        styles = z.read("word/styles.xml").decode()
        pied = z.read("word/footer1.xml").decode()
    assert 'w:pStyle w:val="Title"' in document
    assert " PAGE " in pied and " NUMPAGES " in pied
    assert 'w:val="fr-FR"' in styles
    if nom == "accord.docx":
        assert 'w:pStyle w:val="Heading1"' in document and 'w:pStyle w:val="Heading2"' in document
        assert " TOC " in document


def _copie_modeles(tmp_path):
    dossier = tmp_path / "modeles"
    shutil.copytree(MODELES, dossier, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return dossier


def test_variable_inconnue_message_clair(tmp_path):
    dossier = _copie_modeles(tmp_path)
    chemin = dossier / "accord.docx"
    with zipfile.ZipFile(chemin) as z:
        contenu = {n: z.read(n) for n in z.namelist()}
    contenu["word/document.xml"] = contenu["word/document.xml"].replace(b"{{ titre }}", b"{{ titre_inconnu }}", 1)
    with zipfile.ZipFile(chemin, "w") as z:
        for n, v in contenu.items():
            z.writestr(n, v)
    with pytest.raises(ErreurModele, match="titre_inconnu") as exc:
        rendre_accord(accord("sas-30-part-resultat"), repertoire_modeles=dossier)
    assert "accord.docx" in str(exc.value)


def test_modele_absent(tmp_path):
    with pytest.raises(ErreurModele, match="Modèle Word introuvable"):
        modele("accord", tmp_path)


def test_typographie_francaise():
    assert typographie("Article : « texte » ; 20 % ?") == "Article\u00a0: «\u00a0texte\u00a0»\u00a0; 20\u00a0%\u00a0?"
    assert typographie_hors_balises("Note : {% if a %}{{ b }}{% endif %}") == "Note\u00a0: {% if a %}{{ b }}{% endif %}"
