"""Découpage en parties : sur les 14 textes réels du corpus de développement et sur les numérotations que les
accords emploient (« Article 1er », « ARTICLE 2 – », « Art. 3 », « 4.2. », « Titre II », chiffres romains,
« Annexe 1 »), sans prendre une phrase ou une énumération pour un titre."""

from __future__ import annotations

import json

import pytest

from interessement.erreurs import ErreurEntree
from interessement.lecture import lire_document
from interessement.lecture.structure import normaliser_numero, romain_en_entier
from tests.outils_lecture import CORPUS_DEV

TEXTES = sorted(CORPUS_DEV.glob("texts/*.txt")) if CORPUS_DEV else []
corpus = pytest.mark.skipif(not TEXTES, reason="corpus de développement absent (shared/corpus-dev)")


def _articles_kali(chemin):
    """(numéro normalisé, intitulé) des articles numérotés du nœud KALI d'origine."""
    sortie = []

    def parcourir(n):
        if n.get("type") == "article" and n["data"].get("num"):
            sortie.append((normaliser_numero(n["data"]["num"]), n["data"].get("surtitre")))
        for c in n.get("children", []):
            parcourir(c)

    parcourir(json.loads(chemin.with_suffix(".json").read_text(encoding="utf-8")))
    return sortie


@corpus
@pytest.mark.parametrize("chemin", TEXTES, ids=lambda c: c.stem)
def test_articles_du_corpus_comme_dans_kali(chemin):
    """Chaque article numéroté de la base KALI est retrouvé, avec son numéro et son intitulé ; les articles en
    plus ne sont que ceux des trames d'accord écrites dans le texte d'une annexe."""
    doc = lire_document(chemin)
    attendus = _articles_kali(chemin)
    lus = [p for p in doc.articles if (p.intitule or "").lower().startswith("article")]
    # dans l'ordre du texte : chaque article KALI est le prochain article lu de même numéro
    restants = iter(lus)
    for numero, titre in attendus:
        lu = next((p for p in restants if p.numero == numero), None)
        assert lu is not None, f"article {numero} non retrouvé"
        if titre:
            assert lu.titre == " ".join(titre.split())
    en_plus = len(lus) - len(attendus)
    assert en_plus >= 0
    if en_plus:  # trames d'accord écrites dans le texte d'une annexe (un seul article KALI sans numéro)
        assert sum(1 for p in lus if p.annexe) >= en_plus
    assert doc.parties[0].type == "titre" and doc.parties[0].titre == chemin.read_text(encoding="utf-8").split("\n")[0]
    assert doc.metadonnees["idcc"] == chemin.stem.split("-")[0].lstrip("b").lstrip("0")
    assert "IDCC" not in doc.texte.split("\n")[1]


@corpus
def test_modele_de_branche_a_trois_trames():
    """Exploitations frigorifiques : 9 articles de l'accord de branche puis trois trames (DS, CSE, 2/3) de dix
    articles chacune ; chaque article de trame sait dans quelle annexe il est."""
    doc = lire_document(CORPUS_DEV / "texts/b0200-frigorifiques-2019.txt")
    hors_annexe = [p.numero for p in doc.articles if p.annexe is None]
    assert hors_annexe == [str(n) for n in range(1, 10)]
    for n in (1, 2, 3):
        articles = [p for p in doc.articles if p.annexe == f"Annexe {n}"]
        assert [p.numero for p in articles] == [str(k) for k in range(1, 11)]
        assert articles[0].titre == "Objet"  # intitulé écrit sur la ligne qui suit « Article 1er »
        assert articles[3].titre == "Calcul de la réserve d'intéressement"
    annexes = [p for p in doc.parties if p.type == "annexe" and p.numero]
    assert [a.numero for a in annexes] == ["1", "2", "3"]
    assert sum(1 for p in doc.parties if p.type == "preambule" and p.annexe == "Annexe 2") == 1
    assert [p.type for p in doc.parties].count("signature") == 3


@corpus
def test_sections_titres_et_intitules_portes_par_la_section():
    """RSI : les articles n'ont pas d'intitulé propre ; celui de la sous-section qui les précède le devient."""
    doc = lire_document(CORPUS_DEV / "texts/b2798-rsi-2013.txt")
    art = {p.numero: p for p in doc.articles if p.annexe is None}
    assert art["1"].titre == "Principes. – Champ d'application. – Bénéficiaires"
    assert art["3"].section.startswith("Titre II Détermination du montant global")
    assert art["10"].titre == "Différends"
    assert [p.numero for p in doc.parties if p.type == "annexe"] == ["1", "2"]


@corpus
def test_tableaux_du_corpus():
    doc = lire_document(CORPUS_DEV / "texts/b1516-organismes-formation-2020.txt")
    tableau = next(p for p in doc.parties if p.type == "tableau")
    assert tableau.lignes == [
        ["Résultat d'exploitation de l'année considérée", "Montant global de l'intéressement"],
        ["≤ 10 % du chiffre d'affaires HT de l'année N − 1", "15 % du résultat d'exploitation"],
        ["> 10 % du chiffre d'affaires HT de l'année N − 1", "17 % du résultat d'exploitation"],
    ]
    assert tableau.article == "4.1" and tableau.annexe is not None
    # cellule sur plusieurs lignes (« Seuil de déclenchement ») recollée
    secu = lire_document(CORPUS_DEV / "texts/b0218-secu-organismes-protocole-2017.txt")
    entete = next(p for p in secu.parties if p.type == "tableau" and p.lignes[0][0] == "N°").lignes[0]
    assert entete == ["N°", "Indicateurs", "Cible", "Seuil de déclenchement", "Pondération", "Règles de gestion"]


def _doc(texte: str):
    return lire_document(texte.encode("utf-8"), nom="essai.txt")


def test_numerotations_des_articles():
    doc = _doc("""ACCORD D'INTÉRESSEMENT

Entre les soussignés : la société Dupont SAS.

Article 1er – Objet
Le présent accord a pour objet l'intéressement.

ARTICLE 2 – DURÉE
Il est conclu pour trois ans.

Art. 3 : Bénéficiaires
Tous les salariés.

Article 4 bis - Formule
Le montant est égal à 10 % du résultat.

Article V. Répartition
Uniforme.

TITRE II – DISPOSITIONS DIVERSES

Article 6
Dépôt
L'accord sera déposé.

Annexe 1 : Liste des établissements
Paris.

Fait à Lyon, le 3 mars 2026.
Pour la société
""")
    arts = doc.articles
    assert [(a.numero, a.titre) for a in arts] == [
        ("1", "Objet"), ("2", "DURÉE"), ("3", "Bénéficiaires"), ("4 bis", "Formule"), ("5", "Répartition"),
        ("6", "Dépôt")]
    assert arts[-1].section == "TITRE II – DISPOSITIONS DIVERSES"
    assert [p.type for p in doc.parties] == ["titre", "preambule", "article", "article", "article", "article",
                                             "article", "autre", "article", "annexe", "signature"]
    annexe = next(p for p in doc.parties if p.type == "annexe")
    assert (annexe.numero, annexe.titre) == ("1", "Liste des établissements")
    assert doc.parties[-1].annexe == "Annexe 1 : Liste des établissements"


def test_phrases_et_enumerations_ne_sont_pas_des_titres():
    doc = _doc("""Accord d'intéressement

Article 1 – Bénéficiaires
Article 3 du présent accord : les salariés comptent trois mois d'ancienneté.
Article L. 3314-5 du code du travail : sont assimilées à une présence les absences suivantes.
Art. L3312-3 : les dirigeants peuvent bénéficier de l'intéressement.
1. Réduire le coût global d'une unité d'œuvre ;
2. Améliorer la productivité globale ;
Annexe au présent accord, la liste des indicateurs est jointe.
""")
    assert [a.numero for a in doc.articles] == ["1"]
    assert len(doc.articles[0].paragraphes) == 6
    assert not [p for p in doc.parties if p.type == "annexe"]


def test_numerotation_decimale_sans_le_mot_article():
    """Un accord numéroté « 1. Objet », « 2. Durée », « 2.1 Renouvellement » : les titres suivent la
    numérotation ; une énumération numérotée dans un article reste du texte."""
    doc = _doc("""Accord d'intéressement de la société Martin

1. Objet
Le présent accord institue un intéressement.
2. Durée
Trois exercices.
2.1 Renouvellement
Par tacite reconduction.
3. Calcul
Les indicateurs sont :
1. Le chiffre d'affaires ;
2. La marge brute ;
4. Répartition
Uniforme.
""")
    assert [(a.numero, a.titre, a.niveau) for a in doc.articles] == [
        ("1", "Objet", 1), ("2", "Durée", 1), ("2.1", "Renouvellement", 2), ("3", "Calcul", 1),
        ("4", "Répartition", 1)]
    assert doc.articles[3].texte.count("\n") == 2


def test_sous_articles_d_un_article():
    doc = _doc("""Accord

Article 4 – Calcul
4.1. Formule
Dix pour cent.
4.2. Plafond
Vingt pour cent des salaires.
5.3. Une ligne qui n'est pas un sous-article de l'article 4
Article 5 – Répartition
""")
    assert [a.numero for a in doc.articles] == ["4", "4.1", "4.2", "5"]


def test_texte_visible_et_pages_du_texte_brut():
    doc = lire_document("Accord\n\nArticle 1 – Objet\nTexte.\n\fArticle 2 – Durée\nTrois ans.\n".encode(),
                        nom="a.txt")
    assert doc.pages == 2
    assert [(a.numero, a.page) for a in doc.articles] == [("1", 1), ("2", 2)]
    assert "Article 2 – Durée\nTrois ans." in doc.texte


def test_texte_coupe_a_largeur_fixe():
    lignes = ("Le montant global de l'intéressement est égal à dix pour cent du résultat net de "
              "l'exercice, apprécié après impôt sur les sociétés, tel qu'il ressort des comptes annuels "
              "approuvés par l'assemblée générale. ") * 4
    corps = []
    mot = ""
    for m in lignes.split():
        if len(mot) + len(m) + 1 > 72:
            corps.append(mot)
            mot = m
        else:
            mot = (mot + " " + m).strip()
    corps.append(mot)
    texte = "Accord d'intéressement\n\nArticle 1 – Calcul\n" + "\n".join(corps * 3) + "\n"
    doc = lire_document(texte.encode("cp1252"), nom="a.txt")
    assert len(doc.articles) == 1
    assert len(doc.articles[0].paragraphes) <= 3
    assert "intéressement est égal à dix pour cent" in doc.articles[0].texte


def test_nombres_romains_et_numeros():
    assert romain_en_entier("XIV") == 14 and romain_en_entier("IIII") is None and romain_en_entier("L") == 50
    assert normaliser_numero("1er") == "1" and normaliser_numero("premier") == "1"
    assert normaliser_numero("4 - 2") == "4.2" and normaliser_numero("III", "bis") == "3 bis"


@pytest.mark.parametrize("contenu, message", [
    (b"", "fichier vide"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "ancien format Word"),
    (b"PK\x03\x04" + b"\x00" * 50, "archive illisible"),
    (b"{\\rtf1 bonjour}", "RTF"),
    (b"\x00\x01\x02binaire", "format de fichier non reconnu"),
])
def test_fichiers_non_lus_en_francais(contenu, message):
    with pytest.raises(ErreurEntree, match=message):
        lire_document(contenu, nom="piece.bin")


def test_fichier_introuvable_en_francais(tmp_path):
    with pytest.raises(ErreurEntree, match="introuvable"):
        lire_document(tmp_path / "absent.pdf")


def test_la_lecture_des_fichiers_n_importe_ni_streamlit_ni_python_docx():
    import ast

    from tests.chemins import RACINE

    for nom in ("lire", "modele", "structure", "texte", "lignes", "archive", "docx", "odt", "pdf", "image", "ocr",
                "qr"):
        arbre = ast.parse((RACINE / "interessement" / "lecture" / f"{nom}.py").read_text(encoding="utf-8"))
        modules = {a.name.split(".")[0] for n in ast.walk(arbre) if isinstance(n, ast.Import) for a in n.names}
        modules |= {n.module.split(".")[0] for n in ast.walk(arbre)
                    if isinstance(n, ast.ImportFrom) and n.module and n.level == 0}
        modules |= {"documents" for n in ast.walk(arbre)
                    if isinstance(n, ast.ImportFrom) and n.level and (n.module or "").startswith("documents")}
        assert not modules & {"streamlit", "docx", "docxtpl", "documents", "interface"}, nom


@pytest.mark.parametrize("graine", range(12))
def test_fichier_abime_jamais_de_trace(graine):
    """Des octets abîmés au hasard dans un .docx, un .odt ou un PDF : une ErreurEntree française ou une lecture,
    jamais une autre exception."""
    import io
    import random
    import zipfile

    import docx

    rng = random.Random(graine)
    d = docx.Document()
    d.add_paragraph("Article 1 – Objet")
    d.add_paragraph("Le présent accord institue un intéressement.")
    tampon = io.BytesIO()
    d.save(tampon)
    octets = bytearray(tampon.getvalue())
    if graine % 3 == 1:  # une partie XML abîmée dans une archive valide
        z = zipfile.ZipFile(io.BytesIO(bytes(octets)))
        sortie = io.BytesIO()
        with zipfile.ZipFile(sortie, "w") as w:
            for info in z.infolist():
                contenu = bytearray(z.read(info.filename))
                if info.filename == "word/document.xml":
                    for _ in range(5):
                        contenu[rng.randrange(len(contenu))] = rng.randrange(256)
                w.writestr(info, bytes(contenu))
        octets = bytearray(sortie.getvalue())
    elif graine % 3 == 2:
        octets = bytearray(b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(2000)))
    else:
        for _ in range(20):
            octets[rng.randrange(len(octets))] = rng.randrange(256)
    try:
        lire_document(bytes(octets), nom="abime.docx" if graine % 3 != 2 else "abime.pdf")
    except ErreurEntree as exc:
        assert exc.message.startswith("abime.")


@pytest.mark.parametrize("ligne", ["Article 1‘ — Objet", "Article ler — Objet", "Article Ier – Objet",
                                   "Article 1° : Objet", "ARTICLE PREMIER - Objet"])
def test_article_premier_tel_que_l_ocr_le_lit(ligne):
    doc = _doc(f"Accord\n\n{ligne}\nLe présent accord institue un intéressement.\n")
    assert [(a.numero, a.titre) for a in doc.articles] == [("1", "Objet")]


# ------------------------------------------------------------------ tables des matières lues par OCR (issue 11)

_SOMMAIRE_OCR = ["Article 1-=Objet..s inner", "Article 2 - Modalités de mise en place.",
                 "Article 3 — Champ d'application...", ". Article 4 — Durée, date d’effet et périodes de calcul.",
                 "Article 5 - Bénéficiaires", "Article 6 — Calcul de l’intéressement global"]
_CORPS = [("Article 1 — Objet", 2), ("Le présent accord a pour objet d'associer les salariés aux résultats.", 2),
          ("Article 2 — Modalités de mise en place", 2), ("Le présent accord est conclu au sein du CSE.", 2),
          ("Article 3 — Champ d'application", 2), ("Le présent accord s'applique à l'ensemble des établissements.", 3)]


def _decoupe(lignes):
    from interessement.lecture.modele import Bloc
    from interessement.lecture.structure import decouper

    return decouper([Bloc(t, p) for t, p in lignes])


@pytest.mark.parametrize("intitule", [None, "SOMMAIRE", "S0MMAIRÉ", "Table des matieres"])
def test_table_des_matieres_d_un_scan_n_est_pas_faite_d_articles(intitule):
    """Les entrées d'un sommaire scanné (« Article 3 — Champ d'application... », sans numéro de page ou avec), même
    sans intitulé lisible, ne sont jamais des articles : seuls les titres du corps le sont, avec leur page."""
    lignes = [("Accord d'intéressement", 1)] + ([(intitule, 1)] if intitule else [])
    lignes += [(t, 1) for t in _SOMMAIRE_OCR] + _CORPS
    parties = _decoupe(lignes)
    articles = [(p.numero, p.page) for p in parties if p.type == "article"]
    assert articles == [("1", 2), ("2", 2), ("3", 2)], articles
    sommaire = next(p for p in parties if p.titre == "Sommaire")
    assert len(sommaire.paragraphes) == len(_SOMMAIRE_OCR)


def test_entree_de_sommaire_a_points_de_conduite():
    """« Article 3 — Bénéficiaires ........ 4 » est une entrée de sommaire, même seule ; un titre du corps suivi de
    son texte reste un article."""
    parties = _decoupe([("Accord d'intéressement", 1), ("Article 3 — Bénéficiaires ........ 4", 1),
                        ("Préambule ............ 2", 1), ("Article 3 — Bénéficiaires", 4),
                        ("Tous les salariés bénéficient de l'intéressement.", 4)])
    assert [(p.numero, p.page) for p in parties if p.type == "article"] == [("3", 4)]


def test_articles_du_corps_jamais_pris_pour_un_sommaire():
    """Deux titres qui se suivent (« ARTICLE 2 » puis « BÉNÉFICIAIRES ») ou des articles au texte court restent
    des articles."""
    lignes = [("Accord d'intéressement", 1)]
    for n in range(1, 6):
        lignes += [(f"Article {n} — Objet {n}", 1), ("Texte court.", 1)]
    assert [p.numero for p in _decoupe(lignes) if p.type == "article"] == ["1", "2", "3", "4", "5"]
