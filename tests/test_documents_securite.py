"""Documents hostiles ou inattendus, et propriétés Hypothesis : tout texte se rend et se relit à l'identique.

Un .docx qui n'est pas un ZIP, une bombe ZIP, un XML avec DTD ou entités, des parties manquantes, des données
illisibles : refus avec un message français (``ErreurEntree``), jamais une trace Python.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_documents_outils import CAS, accord, parties, reecrire

from interessement.documents import controler_document, lire_accord, rendre_accord, textes_du_document
from interessement.documents.docx_xml import NS_ACCORD, normaliser
from interessement.documents.lecture import TAILLE_MAX_PARTIE
from interessement.documents.typographie import nettoyer
from interessement.erreurs import ErreurEntree
from interessement.modele import accord_depuis_dict


@pytest.fixture(scope="module")
def docx_sain():
    return rendre_accord(accord("sas-30-part-resultat"))


def _nom_donnees(docx_: bytes) -> str:
    return next(n for n, v in parties(docx_).items()
                if re.fullmatch(r"customXml/item\d+\.xml", n) and NS_ACCORD.encode() in v)


def _refus(source, *mots):
    for fonction in (lire_accord, controler_document):
        with pytest.raises(ErreurEntree) as exc:
            fonction(source)
        message = str(exc.value)
        for mot in mots:
            assert mot in message, message
    return message


# ============================================================================================ pas un .docx


def test_pas_un_zip(tmp_path):
    chemin = tmp_path / "faux.docx"
    chemin.write_text("Ceci n'est pas un document Word.", encoding="utf-8")
    _refus(chemin, "n'est pas un document Word .docx valide")


def test_fichier_vide_et_zip_tronque(tmp_path, docx_sain):
    vide = tmp_path / "vide.docx"
    vide.write_bytes(b"")
    _refus(vide, "archive ZIP illisible")
    _refus(docx_sain[: len(docx_sain) // 2], "archive ZIP illisible")


def test_fichier_introuvable(tmp_path):
    _refus(tmp_path / "absent.docx", "introuvable")


# =================================================================================================== bombe


def test_bombe_zip_refusee_avant_lecture(docx_sain):
    # 50 Mo de zéros compressés en quelques dizaines de kilo-octets.
    bombe = reecrire(docx_sain, {"word/document.xml": b"\0" * (TAILLE_MAX_PARTIE // 2)})
    assert len(bombe) < 1_000_000
    _refus(bombe, "bombe ZIP")


def test_partie_annoncee_trop_grande(docx_sain):
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_STORED) as z:
        for nom, contenu in parties(docx_sain).items():
            z.writestr(nom, contenu)
        z.writestr("word/media/enorme.bin", b"x" * 10)
    brut = bytearray(tampon.getvalue())
    # falsifie la taille décompressée annoncée dans le répertoire central
    pos = brut.rfind(b"word/media/enorme.bin") - 46 + 24
    brut[pos:pos + 4] = (TAILLE_MAX_PARTIE + 1).to_bytes(4, "little")
    _refus(bytes(brut), "archive suspecte")


def test_trop_de_parties(docx_sain):
    ajouts = {f"word/media/p{i}.bin": b"" for i in range(2100)}
    _refus(reecrire(docx_sain, ajouts), "archive suspecte")


# ================================================================================================ XML hostile

RIRE = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<accord xmlns="urn:interessement-ouvert:accord:1">&lol3;</accord>"""

EXTERNE = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<accord xmlns="urn:interessement-ouvert:accord:1">&xxe;</accord>"""


@pytest.mark.parametrize("charge", [RIRE, EXTERNE], ids=["milliard-de-rires", "entite-externe"])
def test_entites_et_dtd_refusees(docx_sain, charge):
    hostile = reecrire(docx_sain, {_nom_donnees(docx_sain): charge})
    _refus(hostile, "DTD")


def test_dtd_dans_le_document_principal(docx_sain):
    document = parties(docx_sain)["word/document.xml"]
    hostile = document.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY a "b">]>', 1)
    with pytest.raises(ErreurEntree, match="DTD"):
        controler_document(reecrire(docx_sain, {"word/document.xml": hostile}))


def test_xml_mal_forme(docx_sain):
    hostile = reecrire(docx_sain, {_nom_donnees(docx_sain): b"<accord xmlns='urn:interessement-ouvert:accord:1'>"})
    _refus(hostile, "n'est pas un XML valide")


# ========================================================================================== parties manquantes


def test_sans_document_principal(docx_sain):
    _refus(reecrire(docx_sain, {"word/document.xml": None}), "document Word incomplet", "word/document.xml")


def test_sans_content_types(docx_sain):
    _refus(reecrire(docx_sain, {"[Content_Types].xml": None}), "document Word incomplet")


def test_sans_donnees_embarquees(docx_sain):
    _refus(reecrire(docx_sain, {_nom_donnees(docx_sain): None}), "ne contient pas les données d'un accord")


def test_document_word_ordinaire(tmp_path):
    chemin = tmp_path / "lettre.docx"
    d = docx.Document()
    d.add_paragraph("Une lettre ordinaire.")
    d.save(chemin)
    _refus(chemin, "ne contient pas les données d'un accord")


def test_deux_jeux_de_donnees(docx_sain):
    contenu = parties(docx_sain)
    _refus(reecrire(docx_sain, {"customXml/item42.xml": contenu[_nom_donnees(docx_sain)]}), "plusieurs jeux")


def test_donnees_json_illisibles(docx_sain):
    hostile = reecrire(docx_sain, {_nom_donnees(docx_sain):
                                   b'<accord xmlns="urn:interessement-ouvert:accord:1">{pas du json</accord>'})
    with pytest.raises(ErreurEntree, match="JSON lisible"):
        lire_accord(hostile)
    controle = controler_document(hostile)
    assert not controle.intact and any("illisibles" in d for d in controle.details)


def test_donnees_json_invalides_pour_le_modele(docx_sain):
    hostile = reecrire(docx_sain, {_nom_donnees(docx_sain):
                                   b'<accord xmlns="urn:interessement-ouvert:accord:1">{"intitule": 3}</accord>'})
    with pytest.raises(ErreurEntree, match="accord invalide"):
        lire_accord(hostile)


def test_partie_chiffree(docx_sain):
    brut = bytearray(docx_sain)
    # bit « chiffré » dans l'en-tête central de la première entrée
    pos = brut.find(b"PK\x01\x02")
    brut[pos + 8] |= 0x1
    _refus(bytes(brut), "chiffré")


# ============================================================================================ Hypothesis

CARACTERES = st.characters(codec="utf-8", exclude_categories=("Cs",))
PIEGES = st.sampled_from(["Dupont & Fils", "<script>alert(1)</script>", "L'Étoile « Sud »", 'Guillemets "doubles"',
                          "{{ titre }}", "{%p if x %}", "]]>", "&amp; &lt;", "Œuvre d'Ève — n° 1", "Tab\tulation",
                          "Ligne\nsuivante", "Contrôle\x07\x0b\x1f", "Zéro\u200blargeur", "\ufeffBOM"])
TEXTES = st.one_of(PIEGES, st.text(CARACTERES, min_size=1, max_size=60),
                   st.text(CARACTERES, min_size=200, max_size=400))


def _visible(texte: str) -> str:
    """Ce qu'un lecteur voit d'une saisie : caractères interdits retirés, espaces réduites, apostrophe
    typographique (les documents écrivent « L’Étoile » pour « L'Étoile »)."""
    return normaliser(nettoyer(texte)).replace("'", "\u2019")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raison=TEXTES, dirigeant=TEXTES, etablissement=TEXTES, preambule=TEXTES, lieu=TEXTES)
def test_tout_texte_se_rend_et_se_relit(raison, dirigeant, etablissement, preambule, lieu):
    donnees = json.loads(CAS["sarl-8-due-paliers"].read_text(encoding="utf-8"))
    donnees["entreprise"]["raison_sociale"] = raison[:300]
    donnees["entreprise"]["dirigeants"][0]["nom"] = dirigeant
    donnees["entreprise"]["etablissements"] = [etablissement]
    donnees["mise_en_place"]["signataires"][0]["nom"] = dirigeant
    donnees["mise_en_place"]["lieu"] = lieu
    donnees["information"]["preambule"] = preambule
    try:
        a = accord_depuis_dict(donnees)
    except ErreurEntree:
        return  # texte vide après suppression des espaces : refusé par le modèle, pas par le document
    docx_ = rendre_accord(a)
    assert lire_accord(docx_) == a  # aller-retour exact, caractères de contrôle compris
    controle = controler_document(docx_)
    assert controle.intact, controle.details
    texte = "\n".join(textes_du_document(docx_))
    for valeur in (a.entreprise.raison_sociale, a.mise_en_place.signataires[0].nom):
        visible = _visible(valeur)
        if visible:
            assert visible in normaliser(texte.replace("\n", " ")), visible
    docx.Document(io.BytesIO(docx_))  # python-docx l'ouvre
