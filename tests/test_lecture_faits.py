"""La lecture des faits d'un texte d'accord (issue 11, points 3 à 6) : nombres et dates en lettres, négations,
menus d'options, renvois, avenants par substitution, précision d'abord ; le contrôle sur les faits lus ; le texte
qui fait foi sur nos propres documents ; ``interessement lire`` et ``valider`` sur un texte."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from decimal import Decimal
from fractions import Fraction

import jsonschema
import pytest
from chemins import RACINE
from test_validators_outils import accord

from interessement.cli import main
from interessement.lecture import lire_document
from interessement.lecture import nombres as nb
from interessement.lecture.controle import controler, schema_lecture
from interessement.lecture.faits import ABSENT, NON_TROUVE, OPTIONS, RENVOI, TROUVE, extraire_faits

GOLDEN = RACINE / "tests" / "golden" / "documents"



def depuis_texte(texte: str, nom: str = "texte.txt"):
    """Un texte brut lu comme un fichier .txt par ``lire_document``."""
    return lire_document(texte.encode("utf-8"), nom=nom)

ENTETE = ("Accord d'intéressement de la société X\nArticle 0 — Objet\nLe présent accord institue un régime "
          "d'intéressement.\n")


def _faits(texte: str):
    return extraire_faits(depuis_texte(ENTETE + texte))


# ------------------------------------------------------------------------------------------ nombres


@pytest.mark.parametrize("texte, mois", [("trois mois", 3), ("3 mois", 3), ("trois (3) mois", 3),
                                         ("douze mois", 12), ("un an", 12), ("quatre-vingt-dix jours", None)])
def test_durees_en_lettres(texte, mois):
    d = nb.durees(texte)
    assert d and d[0].en_mois == mois


def test_fractions_pourcentages_montants_dates():
    assert nb.fraction("la moitié du plafond") == Fraction(1, 2)
    assert nb.fraction("aux trois quarts du plafond") == Fraction(3, 4)
    assert nb.fraction("75 % du plafond") == Fraction(3, 4)
    assert nb.fraction("20 % des salaires et la moitié du plafond", derniere=True) == Fraction(1, 2)
    assert nb.pourcentages("2,5 % du résultat")[0][0] == Decimal("0.025")
    assert nb.montants_centimes("supérieur à 300 000 euros") == [30_000_000]
    assert nb.premiere_date("prend effet le 1er janvier 2020") == date(2020, 1, 1)
    assert nb.premiere_date("signé le 21/02/2019") == date(2019, 2, 21)
    assert nb.dates("au 1er janvier")[0].annee is None  # sans année : pas de date complète inventée
    assert nb.premiere_date("le 31 février 2020") is None


# ----------------------------------------------------------------------------------------- les faits


def test_anciennete_en_lettres_et_limite_legale():
    f = _faits("Article 3 — Bénéficiaires\nLe bénéfice de l'intéressement est subordonné à une ancienneté "
               "minimale de deux mois. Cette condition ne peut excéder trois mois (article L3342-1).")
    a = f.get("beneficiaires.anciennete.mois")
    assert (a.statut, a.valeur) == (TROUVE, 2)
    assert "deux mois" in a.citation.texte and a.citation.article == "Article 3 — Bénéficiaires"


def test_anciennete_seulement_plafonnee_est_un_choix_laisse():
    f = _faits("Article 3 — Bénéficiaires\nIl est admis une condition d'ancienneté qui ne doit pas dépasser "
               "3 mois.")
    assert f.get("beneficiaires.anciennete.mois").statut == OPTIONS


def test_menu_d_options_ne_donne_pas_la_premiere_valeur():
    f = _faits("Article 2 — Durée\nLe présent accord est conclu pour une durée de (sélectionner l'option "
               "retenue) :\n◻ 1 exercice social.\n◻ 2 exercices sociaux.\n◻ 3 exercices sociaux.")
    d = f.get("periode.duree_annees")
    assert d.statut == OPTIONS and d.valeur is None and d.options == [1, 2, 3]


def test_negation_des_absences_assimilees():
    f = _faits("Article 5 — Répartition\nLa répartition est proportionnelle à la durée de présence. Sont "
               "assimilées à des périodes de présence les périodes de congé de maternité, d'adoption et les absences "
               "consécutives à un accident du travail. Ne sont donc pas assimilées à des périodes de présence les "
               "congés de paternité.")
    a = f.get("repartition.absences_assimilees")
    assert a.statut == TROUVE
    assert "paternite_accueil_enfant" not in a.valeur
    assert {"maternite", "adoption", "accident_travail"} <= set(a.valeur)


def test_renvoi_a_l_article_de_la_loi():
    f = _faits("Article 5 — Répartition\nLa répartition est proportionnelle à la durée de présence ; sont "
               "assimilées à des périodes de présence les absences visées à l'article L. 3314-5 du code du travail.")
    a = f.get("repartition.absences_assimilees")
    assert (a.statut, a.renvoi) == (RENVOI, "L3314-5")


def test_avenant_par_substitution():
    f = extraire_faits(depuis_texte(
        "Avenant n° 1 à l'accord d'intéressement\nArticle 1er — Plafond\nÀ l'article 5.3 de l'accord "
        "d'intéressement « à la moitié » est remplacé par « aux trois quarts ».\nLe présent avenant s'applique à "
        "l'intéressement versé au titre des exercices suivants. L'intéressement reste plafonné."))
    assert f.valeur("texte.nature") == "avenant"
    p = f.get("texte.plafond_individuel_pass")
    assert (p.statut, p.valeur) == (TROUVE, Fraction(3, 4)) and "substitution" in p.note


def test_precision_d_abord_rien_n_est_devine():
    f = _faits("Article 3 — Bénéficiaires\nUne condition d'ancienneté est fixée par la direction.")
    a = f.get("beneficiaires.anciennete.mois")
    assert a.statut == NON_TROUVE and a.valeur is None
    assert f.get("periode.duree_annees").statut == ABSENT


def test_plafond_individuel_de_la_moitie_signale():
    doc = depuis_texte("Accord d'intéressement du 5 avril 2018\nArticle 6 — Plafond de l'intéressement\nLe montant attribué à un même "
                       "bénéficiaire ne peut, au titre d'un même exercice, excéder une somme égale à la moitié du "
                       "plafond annuel de la sécurité sociale. L'intéressement est réparti uniformément.")
    r = controler(doc, date_reference=date(2026, 12, 1))
    c = [x for x in r.constats if x.id == "PLAFOND_INDIVIDUEL"]
    assert c and "la moitié" in c[0].message and r.citations_de(c[0])
    assert r.statut != "conforme"


def test_un_texte_sans_interessement():
    f = extraire_faits(depuis_texte("Accord sur le télétravail\nArticle 1 — Objet\nLe télétravail est ouvert."))
    assert f.valeur("texte.nature") == "pas_interessement"
    assert controler(depuis_texte("Accord sur le télétravail\nArticle 1\nLe télétravail.")).statut != "conforme"


# ------------------------------------------------------------------------------------ le contrôle


def _due(remplacer: str | None = None):
    texte = (GOLDEN / "sarl-8-due-paliers.accord.txt").read_text(encoding="utf-8")
    if remplacer:
        assert "ancienneté minimale de deux mois" in texte
        texte = texte.replace("ancienneté minimale de deux mois", remplacer)
    donnees = json.loads((GOLDEN / "sarl-8-due-paliers.accord.json").read_text(encoding="utf-8"))
    return depuis_texte(texte, "due.txt"), donnees


def test_notre_due_intacte_est_conforme_et_ses_faits_sont_ceux_des_donnees():
    doc, donnees = _due()
    r = controler(doc, donnees=donnees)
    assert r.statut == "conforme", r.en_texte()
    assert r.differences == []


def test_notre_due_retouchee_a_six_mois_bloque_par_le_texte():
    doc, donnees = _due("ancienneté minimale de six mois")
    r = controler(doc, donnees=donnees)
    assert r.statut == "non conforme"
    anc = [c for c in r.constats if c.id == "ANCIENNETE"]
    assert anc and anc[0].severite == "BLOQUANT"
    assert any("six mois" in x.texte for x in r.citations_de(anc[0]))
    assert [d.cle for d in r.differences] == ["beneficiaires.anciennete.mois"]


def test_un_ecart_sans_bloquant_ne_laisse_jamais_conforme():
    doc, donnees = _due("ancienneté minimale d'un mois")
    r = controler(doc, donnees=donnees)
    assert r.differences and r.statut == "à vérifier"
    assert "INTEGRITE_DOCUMENT" in r.ids_a_verifier("BLOQUANT")


def test_une_seule_liste_de_points_a_verifier_du_validateur():
    """Les règles qui n'ont pas pu décider sur le texte sont des ``PointAVerifier`` du validateur, dans une seule
    liste : pas de section « Règles qui n'ont pas pu décider » qui la répète."""
    from validators import PointAVerifier

    doc = depuis_texte(ENTETE + "Article 1 — Répartition\nL'intéressement est réparti uniformément entre les "
                       "bénéficiaires.")
    r = controler(doc, date_reference=date(2026, 12, 1))
    assert r.a_verifier and all(isinstance(p, PointAVerifier) for p in r.a_verifier)
    assert all(p.a_chercher and p.severite in ("BLOQUANT", "AVERTISSEMENT", "INFORMATION") for p in r.a_verifier)
    assert not [e for e in r.regles_en_erreur if e.nature == "à vérifier"]
    texte = r.en_texte()
    assert "Règles qui n'ont pas pu décider" not in texte and texte.count("Points à vérifier") == 1
    assert r.statut != "conforme"
    d = r.to_dict()
    assert {p["id"] for p in d["a_verifier"]} == {p.id for p in r.a_verifier}
    assert all("a_chercher" in p for p in d["a_verifier"])


def test_regle_sans_ses_faits_est_a_verifier_jamais_conforme():
    doc = depuis_texte(ENTETE + "Article 1 — Répartition\nL'intéressement est réparti "
                       "uniformément entre les bénéficiaires. L'intéressement est versé chaque année.")
    r = controler(doc, date_reference=date(2026, 12, 1))
    ids = {a.id for a in r.a_verifier}
    assert {"DUREE", "DELAI_CONCLUSION", "FORMULE_ALEATOIRE"} <= ids
    assert r.statut != "conforme"
    assert any(c.statut == "absente" for c in r.clauses)


def test_corrections_du_verificateur_puis_nouveau_controle():
    doc = depuis_texte("Accord d'intéressement du 10 avril 2026\nArticle 3 — Bénéficiaires de l'intéressement\n"
                       "Une condition d'ancienneté est fixée.")
    faits = extraire_faits(doc)
    faits.corriger("beneficiaires.anciennete.mois", 4)
    r = controler(faits, date_reference=date(2026, 12, 1))
    assert "ANCIENNETE" in r.ids("BLOQUANT")
    assert faits.get("beneficiaires.anciennete.mois").source == "verificateur"


# ---------------------------------------------------------------------------------------- commandes


TEXTE = ("Accord d'intéressement du 10 avril 2026\nArticle 1 — Durée de l'intéressement\nLe présent accord est conclu pour une durée "
         "de trois ans.\nArticle 2 — Bénéficiaires\nPeuvent bénéficier de l'intéressement les salariés comptant au "
         "moins six mois d'ancienneté.\n")


def test_commande_lire_texte_et_json(tmp_path, capsys):
    f = tmp_path / "accord.txt"
    f.write_text(TEXTE, encoding="utf-8")
    assert main(["lire", str(f), "--date-reference", "2026-12-01"]) == 1
    sortie = capsys.readouterr().out
    assert "Ancienneté exigée (mois) [trouvé] : 6" in sortie and "six mois d'ancienneté" in sortie
    assert "[BLOQUANT] ANCIENNETE" in sortie and "Clauses obligatoires" in sortie
    assert main(["lire", str(f), "--format", "json", "--date-reference", "2026-12-01"]) == 1
    d = json.loads(capsys.readouterr().out)
    jsonschema.validate(d, schema_lecture())
    assert main(["schema", "--lecture"]) == 0
    assert json.loads(capsys.readouterr().out)["title"].startswith("Lecture")


def test_lire_un_fichier_illisible_n_arrete_pas_les_autres(tmp_path, capsys):
    bon = tmp_path / "bon.txt"
    bon.write_text(TEXTE, encoding="utf-8")
    mauvais = tmp_path / "scan.docx"
    mauvais.write_bytes(b"pas un zip")
    assert main(["lire", str(mauvais), str(bon), "--format", "json"]) == 2
    out, err = capsys.readouterr()
    d = json.loads(out)
    assert len(d["lectures"]) == 2 and "erreur" in d["lectures"][0] and d["lectures"][1]["faits"]
    assert "scan.docx" in err and "Traceback" not in err + out


def test_valider_notre_docx_retouche_a_six_mois(tmp_path, capsys):
    from interessement import documents

    f = tmp_path / "due.docx"
    f.write_bytes(documents.rendre_accord(accord("sarl-8-due-paliers")))
    modifie = tmp_path / "due-modifiee.docx"
    with zipfile.ZipFile(f) as source, zipfile.ZipFile(modifie, "w") as cible:
        for element in source.infolist():
            contenu = source.read(element.filename)
            if element.filename == "word/document.xml":
                assert b">de deux mois<" in contenu  # la durée est un passage en gras du paragraphe
                contenu = contenu.replace(b">de deux mois<", b">de six mois<", 1)
            cible.writestr(element, contenu)
    assert main(["valider", str(modifie), "--format", "json"]) == 1
    r = json.loads(capsys.readouterr().out)["rapports"][0]
    assert r["statut"] == "non conforme"
    assert any(c["id"] == "ANCIENNETE" and c["severite"] == "BLOQUANT" for c in r["constats"])
    assert any(x["cle"] == "beneficiaires.anciennete.mois" for x in r["differences_texte_donnees"])


# ------------------------------------------------------------------------------ page « Vérifier des accords »


def _page():
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(RACINE / "interface" / "pages" / "verifier.py"), default_timeout=60)


def test_page_verifier_un_texte_faits_cites_et_correction():
    at = _page().run()
    at.file_uploader(key="verif_fichiers").upload("accord.txt", TEXTE.encode(), "text/plain").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Non conformes"] == "1"
    from interface.verification import _empreinte

    assert at.download_button(key=f"verif_faits_json_{_empreinte('accord.txt')[:10]}")  # faits au format d'échange
    assert at.session_state["verif_memo"][1]["resultats"][0]["rapport"].faits.get(
        "beneficiaires.anciennete.mois").valeur == 6
    # Le vérificateur ramène l'ancienneté à trois mois : le contrôle est refait, le bloquant disparaît.
    lu = at.session_state["verif_memo"][1]["resultats"][0]
    lu["rapport"].faits.corriger("beneficiaires.anciennete.mois", 3)
    from interface.verification import controler_texte

    r = controler_texte(lu["lu"], lu["rapport"].faits)
    assert "ANCIENNETE" not in r.ids("BLOQUANT")


def test_page_versement_seulement_avec_son_accord(tmp_path):
    from chemins import EXEMPLES

    from interface.verification import verifier

    fichiers = [(p.name, p.read_bytes()) for p in sorted(EXEMPLES.glob("*.json")) if "versement" not in p.name]
    v = json.loads((EXEMPLES / "sas-30-part-resultat.versement.json").read_text(encoding="utf-8"))
    v["accord_identifiant"] = None
    sans_id = ("paie.json", json.dumps(v).encode())
    r = verifier(fichiers, sans_id)
    # Plusieurs accords, un versement sans identifiant : il n'est contrôlé avec aucun (jamais avec chacun).
    assert all(x["versement"] is None for x in r["resultats"]) and r["orphelins"] == ["paie.json"]
    cible = next(n for n, _ in fichiers if n.startswith("sas-30"))
    r = verifier(fichiers, sans_id, rattachement={"paie.json": cible})
    assert [x["nom"] for x in r["resultats"] if x["versement"]] == [cible]


def test_page_document_retouche_sans_bandeau_vert():
    from interessement import documents

    brut = documents.rendre_accord(accord("sarl-8-due-paliers"))
    import io

    sortie = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(brut)) as source, zipfile.ZipFile(sortie, "w") as cible:
        for element in source.infolist():
            contenu = source.read(element.filename)
            if element.filename == "word/document.xml":
                contenu = contenu.replace(b"Rennes", b"Nantes", 1)
            cible.writestr(element, contenu)
    at = _page().run()
    at.file_uploader(key="verif_fichiers").upload("due.docx", sortie.getvalue(), "application/octet-stream").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Conformes"] == "0"
    assert not [s for s in at.success if "Conforme" in s.value]
