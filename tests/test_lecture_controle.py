"""Le contrôle d'un texte lu (issue 11, défauts relevés en revue) : la date de la liste des absences assimilées,
les valeurs en français, une seule liste de points « à vérifier », les règles de l'issue 10 appliquées aux textes
lus, la pré-validation « Mon intéressement » revendiquée par un texte étranger."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from test_lecture_faits import ENTETE, depuis_texte

from interessement.lecture.controle import controler, lecture_en_texte, valeur_fr
from interessement.lecture.faits import TROUVE, Fait, valeur_saisie

NOUVELLES = {"FORMALITES_CONCLUSION", "ADHESION_BRANCHE", "PREVALIDATION", "SUIVI_ORGANE",
             "INFORMATION_DATE_PRESUMEE", "DENONCIATION_REVISION", "PIECES_DEPOT"}

REPARTITION = (
    "Article 1 — Durée\nLe présent accord est conclu pour une durée de trois ans.\n"
    "Article 2 — Répartition\nL'intéressement est réparti entre les bénéficiaires proportionnellement à la durée de "
    "présence au cours de l'exercice. Sont assimilées à des périodes de présence les périodes de congé de maternité, "
    "de congé d'adoption et les absences consécutives à un accident du travail ou à une maladie professionnelle.\n")


def _assimilations(r):
    return next(c for c in r.constats if c.id == "ASSIMILATIONS_PRESENCE")


def test_liste_des_absences_a_la_date_de_reference_sans_date_d_effet_lue():
    """Sans date d'effet lue, jamais une liste « en vigueur » à une date future inventée à partir de la durée
    (trois ans : « 1er décembre 2028 ») : la loi du jour du contrôle, dite comme telle."""
    r = controler(depuis_texte(ENTETE + REPARTITION), date_reference=date(2026, 12, 1))
    c = _assimilations(r)
    assert "2028" not in c.message and "2027" not in c.message
    assert "liste en vigueur le 1er décembre 2026, date de référence du contrôle" in c.message
    assert "date d'effet de l'accord n'ayant pas été lue" in c.message
    assert all(p["en_vigueur_depuis"] <= "2026-12-01" for p in c.parametres)


def test_liste_des_absences_de_la_derniere_periode_quand_la_date_d_effet_est_lue():
    texte = ENTETE + REPARTITION + "Article 3 — Date d'effet\nLe présent accord prend effet le 1er janvier 2019.\n"
    r = controler(depuis_texte(texte), date_reference=date(2026, 12, 1))
    c = _assimilations(r)
    assert "liste en vigueur le 1er janvier 2021, début de la dernière période de calcul de l'accord" in c.message
    assert "2026" not in c.message.split("(")[1].split(":")[0]


def test_valeurs_des_faits_en_francais():
    assert valeur_fr("formule.plafond.taux_masse_salariale", Decimal("0.2")) == "20\u00a0% de la masse salariale"
    assert valeur_fr("repartition.parts", {"uniforme": Decimal("0.5"), "presence": Decimal("0"),
                                           "salaire": Decimal("0.5")}) == "uniforme 50\u00a0%, salaire 50\u00a0%"
    assert valeur_fr("repartition.parts", {"uniforme": Decimal("0"), "presence": Decimal("0.6"),
                                           "salaire": Decimal("0.4")}) == "présence 60\u00a0%, salaire 40\u00a0%"
    assert valeur_fr("texte.plafond_individuel_pass", Fraction(3, 4)) == "les trois quarts du PASS"
    assert valeur_fr("periode.duree_annees", 3) == "3 ans" and valeur_fr("periode.duree_annees", 1) == "1 an"
    assert valeur_fr("repartition.absences_assimilees", ["maternite"]) == "congé de maternité"
    # ce que la page affiche se corrige tel quel
    assert valeur_saisie("formule.plafond.taux_masse_salariale", "20\u00a0% de la masse salariale") == Decimal("0.2")
    assert valeur_saisie("texte.plafond_individuel_pass", "les trois quarts du PASS") == Fraction(3, 4)
    assert valeur_saisie("repartition.absences_assimilees", "congé de maternité, congé de deuil") == \
        ["maternite", "deuil"]


def test_lire_affiche_des_taux_et_non_des_fractions_decimales():
    texte = (ENTETE + "Article 2 — Calcul\nL'intéressement global est égal à 10 % du résultat net comptable ; il ne "
             "peut excéder 20 % de la masse salariale brute.\nArticle 3 — Répartition\nL'intéressement est réparti "
             "pour 50 % de manière uniforme et pour 50 % proportionnellement aux salaires.\n")
    doc = depuis_texte(texte)
    sortie = lecture_en_texte(doc, controler(doc, date_reference=date(2026, 12, 1)))
    lignes = [x for x in sortie.splitlines() if x.startswith("  - ") and ("Plafond de l'enveloppe" in x
                                                                          or "Répartition :" in x)]
    assert lignes and not any("0,2" in x or "0,5" in x for x in lignes), lignes
    assert any("20\u00a0% de la masse salariale" in x for x in lignes), lignes


def test_les_regles_de_l_issue_10_s_appliquent_aux_textes_lus():
    """Un texte qui ne dit rien des formalités, de la date présumée d'information, des pièces du dépôt… : chacune
    des sept règles est appliquée, et « à vérifier » avec ce qu'il faut chercher, jamais conforme par défaut."""
    r = controler(depuis_texte(ENTETE + REPARTITION), date_reference=date(2026, 12, 1))
    assert NOUVELLES <= set(r.regles_verifiees)
    a_verifier = r.ids_a_verifier()
    assert {"FORMALITES_CONCLUSION", "SUIVI_ORGANE", "INFORMATION_DATE_PRESUMEE", "DENONCIATION_REVISION",
            "PIECES_DEPOT"} <= a_verifier, r.en_texte()
    assert all(p.a_chercher for p in r.a_verifier if p.id in NOUVELLES)
    # sans mention de pré-validation lue, la règle est sans objet ; le mode lu n'est pas une adhésion
    assert "PREVALIDATION" not in a_verifier | r.ids()


def test_date_presumee_d_information_lue_dans_le_texte():
    texte = (ENTETE + "Article 5 — Information\nChaque bénéficiaire reçoit une fiche distincte du bulletin de paie. "
             "Il est présumé informé à l'issue d'un délai de 7 jours calendaires suivant la date de la notification.\n")
    r = controler(depuis_texte(texte), date_reference=date(2026, 12, 1))
    f = r.faits.get("information.presomption_information")
    assert f.statut == TROUVE and f.valeur == 7 and "7 jours" in f.citation.texte
    assert "INFORMATION_DATE_PRESUMEE" not in r.ids_a_verifier() | r.ids()
    # une phrase qui ne fait qu'y renvoyer ne la fixe pas
    renvoi = (ENTETE + "Article 5 — Affectation\nÀ défaut de choix dans un délai de quinze jours à compter de la date "
              "à laquelle il est présumé être informé, la prime est affectée au plan d'épargne.\n")
    r = controler(depuis_texte(renvoi), date_reference=date(2026, 12, 1))
    assert r.faits.get("information.presomption_information").statut != TROUVE
    assert "INFORMATION_DATE_PRESUMEE" in r.ids_a_verifier()


def test_prevalidation_mon_interessement_revendiquee_par_un_texte_etranger():
    texte = (ENTETE + "Article 1 — Objet\nLe présent accord a été rédigé sur le site Mon intéressement de l'Urssaf : "
             "il est pré-validé sous le code d'identification MI-2024-AB12CD et ses exonérations sont sécurisées.\n"
             "Article 2 — Calcul\nL'intéressement global est égal à 10 % du résultat net comptable.\n")
    r = controler(depuis_texte(texte), date_reference=date(2026, 12, 1))
    f = r.faits.get("depot.code_prevalidation")
    assert f.statut == TROUVE and f.valeur == "MI-2024-AB12CD" and "Mon intéressement" in f.citation.texte
    point = next(p for p in r.a_verifier if p.id == "PREVALIDATION")
    assert "MI-2024-AB12CD" in point.message and "Urssaf" in point.a_chercher
    assert r.statut != "conforme"
    # une négation n'est pas une revendication
    nie = ENTETE + "Article 1 — Objet\nCe texte n'a pas été rédigé sur le site Mon intéressement.\n"
    assert controler(depuis_texte(nie), date_reference=date(2026, 12, 1)).faits.get(
        "depot.code_prevalidation").statut != TROUVE


def test_denonciation_dans_les_formes_lue_dans_le_texte():
    clause = ("Article 9 — Révision et dénonciation\nLe présent accord peut être révisé ou dénoncé par l'ensemble des "
              "signataires, dans la même forme que sa conclusion ; l'avenant ou la dénonciation fait l'objet d'un "
              "dépôt dans les mêmes conditions que l'accord.\n")
    r = controler(depuis_texte(ENTETE + REPARTITION + clause), date_reference=date(2026, 12, 1))
    assert "DENONCIATION_REVISION" not in r.ids_a_verifier() | r.ids()
    vague = "Article 9 — Dénonciation\nLe présent accord peut être dénoncé.\n"
    r = controler(depuis_texte(ENTETE + REPARTITION + vague), date_reference=date(2026, 12, 1))
    assert "DENONCIATION_REVISION" in r.ids_a_verifier()


def test_un_constat_fonde_sur_un_fait_non_lu_devient_a_verifier():
    """ADHESION_BRANCHE sur une adhésion dont l'accord de branche n'est pas lu : son constat repose sur une valeur de
    remplissage ; il n'est pas gardé, mais la règle n'est pas satisfaite pour autant."""
    from interessement.lecture.faits import extraire_faits

    faits = extraire_faits(depuis_texte(ENTETE + REPARTITION))
    faits.ajouter(Fait("mise_en_place.mode", TROUVE, "adhesion_branche"))
    r = controler(faits, date_reference=date(2026, 12, 1))
    assert "ADHESION_BRANCHE" in r.ids_a_verifier() and "ADHESION_BRANCHE" not in r.ids()


# ------------------------------------------------------------- nos documents d'une version antérieure (INTEGRITE)


def _docx_ancien(variante: str) -> bytes:
    """Notre DUE telle qu'une version antérieure l'aurait produite : sans empreinte du texte (données sans un champ
    récent), avec une empreinte d'un autre schéma, ou avec des données que ce format ne lit plus."""
    import io
    import json
    import re
    import zipfile

    from lxml import etree
    from test_documents_clauses import _document_d_une_version_anterieure, _retoucher
    from test_documents_outils import accord

    from interessement.documents import rendre_accord
    from interessement.documents.docx_xml import NS_ACCORD, json_pour_xml, partie_donnees
    from interessement.integrite import empreinte

    d = rendre_accord(accord("sarl-8-due-paliers"))
    sans_texte = re.compile(r'<property [^>]*name="empreinte_texte">.*?</property>')
    if variante == "sans_empreinte_texte":
        return _document_d_une_version_anterieure(d, avec_empreinte_texte=False)
    if variante == "autre_schema":
        return _retoucher(d, docProps_custom_xml=lambda x: sans_texte.sub("", re.sub(
            r'(name="empreinte_accord"><vt:lpwstr>)[0-9a-f]{64}', r"\g<1>" + "a" * 40, x)))
    z = zipfile.ZipFile(io.BytesIO(d))
    item = next(n for n in z.namelist() if re.fullmatch(r"customXml/item\d+\.xml", n) and NS_ACCORD.encode()
                in z.read(n))
    donnees = json.loads(etree.fromstring(z.read(item)).text)
    donnees["champ_d_une_ancienne_version"] = 1
    del donnees["information"]
    texte = json_pour_xml(json.dumps(donnees, ensure_ascii=False, indent=2))
    ancienne = re.search(r'name="empreinte_accord"><vt:lpwstr>([0-9a-f]{64})', z.read("docProps/custom.xml")
                         .decode()).group(1)
    return _retoucher(d, docProps_custom_xml=lambda x: sans_texte.sub("", x.replace(ancienne, empreinte(texte))),
                      **{re.sub(r"[/.]", "_", item): lambda _x: partie_donnees(texte, empreinte(texte), "1.0").decode()})


VARIANTES = ["sans_empreinte_texte", "autre_schema", "donnees_anciennes"]


@pytest.mark.parametrize("variante", VARIANTES)
def test_document_d_une_version_anterieure_integrite_non_etablie(variante, tmp_path, capsys):
    """Ni prouvé modifié ni prouvé intact : « l'intégrité ne peut pas être établie », à vérifier, code 2 — jamais
    « indéterminé » au code 0 ni « modifié après sa génération » ; le texte est lu et contrôlé quand même."""
    import json

    from interessement.cli import main

    f = tmp_path / f"{variante}.docx"
    f.write_bytes(_docx_ancien(variante))
    code = main(["valider", str(f), "--format", "json"])
    sortie = capsys.readouterr()
    r = json.loads(sortie.out)["rapports"][0]
    assert code == 2 and r["statut"] == "à vérifier", sortie.out
    point = next(p for p in r["a_verifier"] if p["id"] == "INTEGRITE_DOCUMENT")
    assert "l'intégrité du document ne peut pas être établie" in point["message"].lower()
    assert point["severite_si_contraire"] == "BLOQUANT"
    assert not any("modifié après sa génération" in c["message"] for c in r["constats"])
    assert r["faits"] and any(x["cle"] == "beneficiaires.anciennete.mois" and x["statut"] == "trouve"
                              for x in r["faits"])


def test_document_ancien_retouche_a_six_mois_bloque_par_le_texte(tmp_path):
    """Sans empreinte du texte, la retouche ne se prouve pas par l'empreinte : le texte, lu, la montre."""
    from test_documents_clauses import _retoucher

    from interessement.cli import main

    ancien = _docx_ancien("sans_empreinte_texte")
    retouche = _retoucher(ancien, word_document_xml=lambda x: x.replace("deux mois", "six mois"))
    f = tmp_path / "ancien-six-mois.docx"
    f.write_bytes(retouche)
    assert main(["valider", str(f)]) == 1


# ------------------------------------------------------------------------ nos annexes ne sont pas des accords


@pytest.fixture(scope="module")
def annexes() -> dict[str, bytes]:
    from datetime import date as d_

    from chemins import EXEMPLES

    from interessement.documents import generation as g
    from interessement.modele import charger_accord, charger_versement

    due = charger_accord(EXEMPLES / "sarl-8-due-paliers.json")
    sa = charger_accord(EXEMPLES / "sa-120-objectifs.json")
    fiche = g.rendre_fiches(sa, charger_versement(EXEMPLES / "sa-120-objectifs.versement.json"),
                            date_information=d_(2027, 3, 1))[0].contenu
    return {"note_information": g.rendre_note_information(due), "liste_depot": g.rendre_liste_depot(due),
            "fiche_individuelle": fiche}


@pytest.mark.parametrize("code, libelle", [("note_information", "note d'information"),
                                           ("liste_depot", "liste de dépôt"),
                                           ("fiche_individuelle", "fiche individuelle")])
def test_nos_annexes_reconnues_et_non_controlees_comme_des_accords(annexes, code, libelle, tmp_path, capsys):
    import json

    from interessement.cli import main

    f = tmp_path / f"{code}.docx"
    f.write_bytes(annexes[code])
    assert main(["valider", str(f), "--format", "json"]) == 0
    r = json.loads(capsys.readouterr().out)["rapports"][0]
    assert r["statut"] == "annexe" and r["annexe"]["type"] == code
    assert r["constats"] == [] and r["a_verifier"] == []  # ni bloquant, ni « conforme » d'un accord
    assert main(["valider", str(f)]) == 0
    sortie = capsys.readouterr().out
    assert f"Statut : ANNEXE — ce document est une {libelle}" in sortie and "CONFORME" not in sortie
    main(["lire", str(f), "--format", "json"])
    lu = json.loads(capsys.readouterr().out)
    assert next(x for x in lu["faits"] if x["cle"] == "texte.nature")["valeur"] == code
    assert lu["rapport"]["statut"] == "annexe"


def test_un_lot_accord_et_annexes(annexes, tmp_path, capsys):
    import json

    from test_documents_outils import accord as accord_de

    from interessement.cli import main
    from interessement.documents import rendre_accord

    for code, contenu in annexes.items():
        (tmp_path / f"{code}.docx").write_bytes(contenu)
    (tmp_path / "due.docx").write_bytes(rendre_accord(accord_de("sarl-8-due-paliers")))
    assert main(["valider", str(tmp_path), "--format", "json"]) == 0
    s = json.loads(capsys.readouterr().out)["synthese"]
    assert s["fichiers"] == 4 and s["conformes"] == 1 and s["annexes"] == 3


def test_pdf_dont_les_codes_qr_sont_lus_garde_la_date_de_reference_du_json():
    """Constat n° 14 du parcours du garage : sur notre PDF, les codes QR rendent les données de l'accord, mais
    ``controler_texte`` ne regardait que la partie embarquée d'un .docx et prenait le jour du contrôle comme date
    de référence. Un document produit ici se contrôle à la date de son JSON (dépôt, sinon conclusion)."""
    from chemins import EXEMPLES

    from interessement.documents import rendre_accord
    from interessement.lecture import lire_document
    from interessement.lecture.controle import controler_texte
    from interessement.modele import charger_accord
    from validators.moteur import date_reference_par_defaut

    accord = charger_accord(EXEMPLES / "sas-30-part-resultat.json")
    docx_ = rendre_accord(accord)
    doc = lire_document(docx_, nom="accord.docx")
    donnees = doc.donnees_embarquees
    assert donnees is not None
    attendue = date_reference_par_defaut(accord)
    assert attendue != date.today()
    assert controler_texte(doc, docx_).date_reference == attendue
    # Le même document vu comme un PDF : pas de partie embarquée, les données viennent des codes QR.
    doc.donnees_embarquees = None
    doc.qr = {"donnees": donnees if isinstance(donnees, dict) else donnees.model_dump(mode="json")}
    assert controler_texte(doc, b"%PDF-1.7", nom="accord.pdf").date_reference == attendue
