"""Documents Word : textes de référence (golden), aller-retour, clauses obligatoires, intégrité, refus, fiches.

Les fichiers de référence (``tests/golden/documents``) contiennent le texte normalisé des documents et le JSON
embarqué — jamais les octets (les horodatages de l'archive changent). Pour les régénérer après une modification
voulue d'un modèle : ``REGENERER_GOLDEN=1 .venv/bin/pytest tests/test_documents.py``.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date

import docx
import pytest
from lxml import etree
from test_documents_outils import (
    CAS,
    GOLDEN,
    accord,
    comparer_golden,
    parties,
    reecrire,
    textes_droits,
    versement_de,
)

from interessement import parametres
from interessement.calcul import calculer_versement
from interessement.cli import main
from interessement.documents import (
    RefusGeneration,
    controler_document,
    generer_documents,
    lire_accord,
    rendre_accord,
    rendre_fiches,
    rendre_liste_depot,
    rendre_note_information,
    textes_du_document,
)
from interessement.documents.docx_xml import NS_ACCORD
from interessement.documents.generation import texte_embarque
from interessement.integrite import empreinte
from interessement.modele import (
    CODES_ABSENCES,
    LIBELLES_MODES,
    accord_depuis_dict,
    accord_vers_json,
    charger_versement,
)

NOMS = sorted(CAS)


@pytest.fixture(scope="module")
def documents():
    """Le .docx de l'accord de chaque cas, rendu une fois."""
    return {nom: rendre_accord(accord(nom)) for nom in NOMS}


def test_les_cas_couvrent_les_six_modes_de_mise_en_place():
    modes = {accord(n).mise_en_place.mode for n in NOMS}
    assert modes == set(LIBELLES_MODES)


# ================================================================================================ golden


@pytest.mark.parametrize("nom", NOMS)
def test_golden_texte_et_json_de_l_accord(nom, documents):
    docx_ = documents[nom]
    comparer_golden(GOLDEN / f"{nom}.accord.txt", "\n".join(textes_du_document(docx_)) + "\n")
    embarque = _json_embarque(docx_)
    comparer_golden(GOLDEN / f"{nom}.accord.json", embarque + "\n")
    assert embarque == accord_vers_json(accord(nom))


@pytest.mark.parametrize("nom", NOMS)
def test_golden_note_et_liste_de_depot(nom):
    a = accord(nom)
    comparer_golden(GOLDEN / f"{nom}.note.txt", "\n".join(textes_du_document(rendre_note_information(a))) + "\n")
    comparer_golden(GOLDEN / f"{nom}.liste_depot.txt", "\n".join(textes_du_document(rendre_liste_depot(a))) + "\n")


def _json_embarque(docx_: bytes) -> str:
    trouves = []
    for nom, contenu in parties(docx_).items():
        if re.fullmatch(r"customXml/item\d+\.xml", nom):
            racine = etree.fromstring(contenu)
            if etree.QName(racine).namespace == NS_ACCORD:
                trouves.append(racine.text)
    assert len(trouves) == 1
    return trouves[0]


# ============================================================================================ aller-retour


@pytest.mark.parametrize("nom", NOMS)
def test_aller_retour_accord_docx_accord(nom, documents):
    assert lire_accord(documents[nom]) == accord(nom)


@pytest.mark.parametrize("nom", NOMS)
def test_sans_exemple_chiffre_sur_demande(nom, documents):
    """Format 1.2 : ``documents.exemple_chiffre`` (vrai par défaut, donc dans un fichier 1.1) ; faux, l'accord et la
    note d'information n'ont plus d'exemple, réel ou hypothétique, et l'accord reste vérifiable et relu à
    l'identique."""
    a = accord(nom)
    assert a.documents.exemple_chiffre is True  # les cas n'en disent rien : l'exemple y est, comme en 1.1
    avec = "\n".join(textes_droits(documents[nom]))
    assert "Exemple chiffré" in avec and "Exemple." in "\n".join(textes_droits(rendre_note_information(a)))
    sans_exemple = a.model_copy(update={"documents": a.documents.model_copy(update={"exemple_chiffre": False})})
    docx_sans = rendre_accord(sans_exemple)
    texte = "\n".join(textes_droits(docx_sans))
    assert "Exemple chiffré" not in texte and "illustratif" not in texte and "hypothétique" not in texte
    assert "Plafonnement de l'intéressement global" in texte  # le reste de l'article demeure
    assert "Exemple." not in "\n".join(textes_droits(rendre_note_information(sans_exemple)))
    assert lire_accord(docx_sans) == sans_exemple
    controle = controler_document(docx_sans)
    assert controle.intact and controle.details == [], controle.details


def test_lire_accord_depuis_un_chemin(tmp_path, documents):
    chemin = tmp_path / "accord.docx"
    chemin.write_bytes(documents["sas-30-part-resultat"])
    assert lire_accord(chemin) == accord("sas-30-part-resultat")
    assert lire_accord(str(chemin)) == accord("sas-30-part-resultat")


def test_empreinte_dans_les_proprietes_et_sur_la_derniere_page(documents):
    docx_ = documents["sa-120-objectifs"]
    emp = empreinte(texte_embarque(accord("sa-120-objectifs")))
    custom = parties(docx_)["docProps/custom.xml"].decode()
    assert f"<vt:lpwstr>{emp}</vt:lpwstr>" in custom and 'name="empreinte_accord"' in custom
    textes = textes_droits(docx_)
    derniers = [t for t in textes if not t.startswith("[pied de page]")][-3:]
    assert any(emp in t for t in derniers)


def test_donnees_trouvees_par_espace_de_noms_et_non_par_position(documents):
    # Le modèle par défaut de python-docx a déjà une partie customXml/item1.xml (bibliographie) : la nôtre
    # n'est pas la première. On ajoute d'autres parties personnalisées avant et après, et on renomme la nôtre.
    docx_ = documents["sas-30-part-resultat"]
    contenu = parties(docx_)
    nom = next(n for n, v in contenu.items() if re.fullmatch(r"customXml/item\d+\.xml", n) and NS_ACCORD.encode() in v)
    assert nom != "customXml/item1.xml"
    leurre = b'<?xml version="1.0"?><autre xmlns="urn:autre:1">{"leurre": true}</autre>'
    modifie = reecrire(docx_, {nom: None, "customXml/item7.xml": contenu[nom], "customXml/item3.xml": leurre,
                               "customXml/item9.xml": leurre})
    assert lire_accord(modifie) == accord("sas-30-part-resultat")


# ===================================================================================== clauses obligatoires

CLAUSES = [
    "Préambule", "Objet", "Modalités de mise en place", "Champ d'application",
    "Durée, date d'effet et périodes de calcul", "Bénéficiaires", "Calcul de l'intéressement global",
    "Répartition entre les bénéficiaires", "Plafond individuel et redistribution", "Modalités de versement",
    "Choix du bénéficiaire et affectation à l'épargne salariale", "Caractère de l'intéressement",
    "Information et suivi", "Règlement des différends", "Révision et dénonciation", "Dépôt", "Signatures",
    "Données de l'accord",
]
SOUS_CLAUSES = ["Indicateurs retenus", "Formule de calcul", "Plafonnement de l'intéressement global",
                "Exemple chiffré", "Critères de répartition", "Durée de présence et absences assimilées"]


def _titres_python_docx(docx_: bytes) -> tuple[list[str], list[str]]:
    d = docx.Document(io.BytesIO(docx_))
    niveau1 = [p.text.strip().replace("\u2019", "'") for p in d.paragraphs if p.style.name in ("Heading 1", "Titre de section")]
    niveau2 = [p.text.strip().replace("\u2019", "'") for p in d.paragraphs if p.style.name == "Heading 2"]
    return niveau1, niveau2


@pytest.mark.parametrize("nom", NOMS)
def test_python_docx_trouve_chaque_clause_obligatoire(nom, documents):
    a = accord(nom)
    niveau1, niveau2 = _titres_python_docx(documents[nom])
    for clause in CLAUSES:
        assert clause in niveau1, f"{nom} : clause « {clause} » absente ({niveau1})"
    for clause in SOUS_CLAUSES:
        assert clause in niveau2, f"{nom} : sous-clause « {clause} » absente"
    dirigeants = any(t.startswith("Chefs d'entreprise") for t in niveau1)
    assert dirigeants == a.beneficiaires.dirigeants_inclus
    assert ("Avances" in niveau1) == (a.versement.avances is not None)
    assert ("Condition de déclenchement" in niveau2) == bool(a.formule.declencheurs)
    assert ("Salaire de référence" in niveau2) == (a.repartition.part_salaire > 0)
    parties_ = ["Entre les soussignés", "Auteur de la décision"]
    assert sum(p in niveau1 for p in parties_) == 1


@pytest.mark.parametrize("nom", NOMS)
def test_contenu_juridique_essentiel(nom, documents):
    a = accord(nom)
    texte = "\n".join(textes_droits(documents[nom]))
    d = a.periodes()[0].fin
    # nombres légaux issus des paramètres datés, mis en forme à la française
    for n in ("plafond_global_taux", "plafond_individuel_taux_pass"):
        assert f"{str(parametres.value_at(n, d) * 100).rstrip('0').rstrip('.')} %" in texte
    assert "36 045,00 €" in texte  # 75 % du PASS 2026, à titre indicatif
    assert "1,33 fois le taux moyen de rendement des obligations des sociétés privées" in texte
    assert "L3314-9" in texte and "L3314-8" in texte and "L3314-5" in texte and "L3342-1" in texte
    # liste complète des absences assimilées (L3314-5) à la date d'effet
    for code in parametres.value_at("absences_assimilees_presence", a.periode.date_effet):
        mot = CODES_ABSENCES[code].split(" ")[-1] if code != "paternite_accueil_enfant" else "paternité"
        assert mot in texte, f"{nom} : absence « {code} » non citée"
    # exemple chiffré sur les chiffres de l'entreprise, quand elle en a
    if a.historique:
        assert "données réelles de la période" in texte
    else:
        assert "chiffres hypothétiques, qui ne préjugent pas des résultats de la société" in texte
    # indicateurs : définition et source
    for i in a.indicateurs:
        if i.code in a.formule.indicateurs_utilises():
            assert i.source in texte
    # une signature par signataire
    for s in a.mise_en_place.signataires:
        assert s.nom in texte
    # jamais de balise de modèle oubliée
    assert "{{" not in texte and "{%" not in texte and "}}" not in texte


def test_variantes_de_mise_en_place(documents):
    t = {n: "\n".join(textes_droits(documents[n])) for n in NOMS}
    assert "ratifié à la majorité des deux tiers du personnel" in t["selas-40-semestriel"]
    assert "Majorité requise (les deux tiers du personnel inscrit) 27 voix" in t["selas-40-semestriel"].replace("\n", " ")
    assert "Votes favorables\n31" in t["selas-40-semestriel"]
    assert "décide d'instituer" in t["sarl-8-due-paliers"]
    assert "L'entreprise n'est dotée ni de délégué syndical ni de comité social et économique" in t["sarl-8-due-paliers"]
    assert "L'employeur informe chaque salarié de l'existence et du contenu de la présente décision" in t["sarl-8-due-paliers"]
    assert "procès-verbal de désaccord établi le 2 avril 2026" in t["variante-due-echec-negociation"]
    assert "consulté sur le projet de décision le 5 mai 2026" in t["variante-due-echec-negociation"]
    assert "délégués syndicaux" in t["sa-120-objectifs"] and "l'organisation syndicale CFDT" in t["sa-120-objectifs"]
    assert "convention ou d'un accord collectif de travail" in t["variante-convention-collective"]
    assert "au sein du comité social et économique" in t["sas-30-part-resultat"]
    assert "Accord national d'intéressement du bâtiment" in t["variante-adhesion-branche-accord"]
    assert "par document unilatéral de l'employeur" in t["variante-adhesion-branche-unilaterale"]
    assert "Le présent document d'adhésion" in t["variante-adhesion-branche-unilaterale"]
    assert "MI-2026-000123" not in t["variante-riche"] and "pré-validation" not in t["variante-riche"]
    assert "périodicité semestrielle" in t["variante-riche"] and "d'un dixième" in t["variante-riche"]
    assert "conjoint collaborateur" in t["variante-riche"]


def test_structure_word_sommaire_numerotation_pied_de_page(documents):
    contenu = parties(documents["sa-120-objectifs"])
    document = contenu["word/document.xml"].decode()
    assert ' TOC \\o "1-1" \\h \\z \\u ' in document
    assert document.count("PAGEREF _Toc") >= 18 and 'w:anchor="_Toc' in document
    assert document.count('w:name="_Toc') == document.count("PAGEREF _Toc")
    pied = next(v for n, v in contenu.items() if n.startswith("word/footer")).decode()
    assert " PAGE " in pied and " NUMPAGES " in pied
    styles = contenu["word/styles.xml"].decode()
    numbering = contenu["word/numbering.xml"].decode()
    assert "Article %1 –" in numbering and 'w:styleId="Heading1"' in styles
    assert "w:updateFields" in contenu["word/settings.xml"].decode()


# ============================================================================================== intégrité


def test_document_intact(documents):
    controle = controler_document(documents["sas-30-part-resultat"])
    assert controle.intact, controle.details
    assert controle.empreinte_declaree == controle.empreinte_calculee


def test_texte_modifie_apres_generation_est_detecte(documents):
    docx_ = documents["sas-30-part-resultat"]
    document = parties(docx_)["word/document.xml"]
    modifie = reecrire(docx_, {"word/document.xml": document.replace("20\u00a0%".encode(), "30\u00a0%".encode(), 1)})
    controle = controler_document(modifie)
    assert not controle.intact and not controle.texte_conforme
    assert controle.empreinte_declaree == controle.empreinte_calculee  # les données n'ont pas bougé
    assert any("paragraphe modifié" in d and "30 %" in d for d in controle.details), controle.details


def test_paragraphe_ajoute_est_detecte(documents):
    docx_ = documents["sarl-8-due-paliers"]
    document = parties(docx_)["word/document.xml"].decode()
    ajout = '<w:p><w:r><w:t>Le gérant peut supprimer la prime à tout moment.</w:t></w:r></w:p>'
    modifie = reecrire(docx_, {"word/document.xml": document.replace("</w:body>", ajout + "</w:body>").encode()})
    controle = controler_document(modifie)
    assert not controle.texte_conforme
    assert any("ajouté" in d and "supprimer la prime" in d for d in controle.details)


def test_donnees_modifiees_sans_l_empreinte_sont_detectees(documents):
    docx_ = documents["sas-30-part-resultat"]
    contenu = parties(docx_)
    nom = next(n for n, v in contenu.items() if re.fullmatch(r"customXml/item\d+\.xml", n) and NS_ACCORD.encode() in v)
    modifie = reecrire(docx_, {nom: contenu[nom].replace(b'"taux": 0.2', b'"taux": 0.25')})
    controle = controler_document(modifie)
    assert controle.empreinte_declaree != controle.empreinte_calculee
    assert not controle.intact
    assert not controle.texte_conforme  # le texte dit 20 % mais les données disent 25 %


def test_donnees_et_empreinte_modifiees_ensemble_restent_detectees(documents):
    # Un faussaire qui met à jour les données ET l'empreinte des propriétés : le texte ne correspond plus.
    docx_ = documents["sas-30-part-resultat"]
    contenu = parties(docx_)
    nom = next(n for n, v in contenu.items() if re.fullmatch(r"customXml/item\d+\.xml", n) and NS_ACCORD.encode() in v)
    racine = etree.fromstring(contenu[nom])
    nouveau_json = racine.text.replace('"taux": 0.2', '"taux": 0.25')
    nouvelle = empreinte(nouveau_json)
    racine.text = nouveau_json
    racine.set("empreinte", nouvelle)
    ancienne = empreinte(texte_embarque(accord("sas-30-part-resultat")))
    custom = contenu["docProps/custom.xml"].replace(ancienne.encode(), nouvelle.encode())
    modifie = reecrire(docx_, {nom: etree.tostring(racine, xml_declaration=True, encoding="UTF-8"),
                               "docProps/custom.xml": custom})
    controle = controler_document(modifie)
    assert controle.empreinte_declaree == controle.empreinte_calculee == nouvelle
    assert not controle.texte_conforme and not controle.intact


def test_empreinte_absente_des_proprietes(documents):
    modifie = reecrire(documents["sas-30-part-resultat"], {"docProps/custom.xml": None})
    controle = controler_document(modifie)
    assert controle.empreinte_declaree is None and not controle.intact
    assert any("absente" in d for d in controle.details)


def test_le_validateur_signale_un_document_modifie(documents, tmp_path):
    from validators import valider

    docx_ = documents["sas-30-part-resultat"]
    document = parties(docx_)["word/document.xml"]
    chemin = tmp_path / "modifie.docx"
    chemin.write_bytes(reecrire(docx_, {"word/document.xml": document.replace(b"1,33 fois", b"1,5 fois", 1)}))
    rapport = valider(lire_accord(chemin), document=controler_document(chemin))
    assert "INTEGRITE_DOCUMENT" in {c.id for c in rapport.constats}


# ================================================================================================== refus


def _accord_bloquant():
    donnees = json.loads(CAS["sas-30-part-resultat"].read_text(encoding="utf-8"))
    donnees["formule"]["plancher_centimes"] = 500000  # minimum garanti : FORMULE_ALEATOIRE
    donnees["beneficiaires"]["categories_exclues"] = ["apprentis"]  # BENEFICIAIRES_TOUS
    return accord_depuis_dict(donnees)


def test_refus_d_un_accord_avec_constat_bloquant(tmp_path):
    with pytest.raises(RefusGeneration) as exc:
        generer_documents(_accord_bloquant(), tmp_path / "sortie")
    ids = {c.id for c in exc.value.constats}
    assert {"FORMULE_ALEATOIRE", "BENEFICIAIRES_TOUS"} <= ids
    texte = str(exc.value)
    assert "Document non généré" in texte and "Correction :" in texte
    assert not (tmp_path / "sortie").exists() or not any((tmp_path / "sortie").iterdir())


def test_commande_generer_refuse_avec_code_1_et_explications(tmp_path, capsys):
    chemin = tmp_path / "accord.json"
    chemin.write_text(accord_vers_json(_accord_bloquant()), encoding="utf-8")
    code = main(["generer", str(chemin), "--sortie", str(tmp_path / "sortie")])
    sortie = capsys.readouterr()
    assert code == 1
    assert "FORMULE_ALEATOIRE" in sortie.err and "Correction" in sortie.err
    assert "Traceback" not in sortie.err
    assert not (tmp_path / "sortie").exists() or not list((tmp_path / "sortie").glob("*.docx"))


def test_commande_generer_entree_illisible_code_2(tmp_path, capsys):
    chemin = tmp_path / "accord.json"
    chemin.write_text("{pas du json", encoding="utf-8")
    assert main(["generer", str(chemin), "--sortie", str(tmp_path)]) == 2
    assert "JSON illisible" in capsys.readouterr().err


# ========================================================================================= commande complète


@pytest.mark.parametrize("nom", ["sarl-8-due-paliers", "sa-120-objectifs"])
def test_commande_generer_avec_versement(nom, tmp_path, capsys):
    sortie = tmp_path / "sortie"
    code = main(["generer", str(CAS[nom]), "--sortie", str(sortie), "--versement", str(versement_de(nom)),
                 "--date-information", "2027-04-15"])
    texte = capsys.readouterr().out
    assert code == 0, texte
    fichiers = sorted(p.name for p in sortie.iterdir())
    assert any(f.startswith(("accord_interessement_", "decision_unilaterale_")) for f in fichiers)
    assert any(f.startswith("note_information_") for f in fichiers)
    assert any(f.startswith("liste_depot_") for f in fichiers)
    archive = next(sortie.glob("fiches_individuelles_*.zip"))
    a = accord(nom)
    v = charger_versement(versement_de(nom))
    calcul = calculer_versement(a, v)
    positifs = [int(m) for m in calcul.repartition.montants_centimes if m > 0]
    with zipfile.ZipFile(archive) as z:
        noms = z.namelist()
        assert len(noms) == len(positifs) == len(set(noms))
        assert all(re.fullmatch(r"fiche_[a-z0-9-]+_[a-z0-9-]+\.docx", n) for n in noms)
        fiche = z.read(noms[0])
    docx.Document(io.BytesIO(fiche))  # s'ouvre dans python-docx
    principal = next(p for p in sortie.glob("*.docx") if not p.name.startswith(("note_", "liste_")))
    assert lire_accord(principal) == a
    assert controler_document(principal).intact


def test_fiches_individuelles_mentions_d3313_9():
    nom = "sa-120-objectifs"
    a = accord(nom)
    v = charger_versement(versement_de(nom))
    calcul = calculer_versement(a, v)
    fiches = rendre_fiches(a, v, date_information=date(2027, 5, 10), calcul=calcul)
    montants = {i: int(m) for i, m in zip(calcul.repartition.identifiants, calcul.repartition.montants_centimes,
                                          strict=True)}
    from interessement import format as fmt

    fiche = fiches[0]
    texte = "\n".join(textes_droits(fiche.contenu))
    brut = montants[fiche.identifiant]
    csg = round(brut * parametres.value_at("csg_taux", v.date_versement))
    crds = round(brut * parametres.value_at("crds_taux", v.date_versement))
    attendus = [
        "Montant global de l'intéressement de la période", fmt.montant(calcul.enveloppe_centimes).replace("\u00a0", " "),
        "Montant moyen perçu par les bénéficiaires",
        "Montant brut de votre prime d'intéressement", fmt.montant(brut).replace("\u00a0", " "),
        "CSG, 9,2 %", fmt.montant(csg).replace("\u00a0", " "), "CRDS, 0,5 %", fmt.montant(crds).replace("\u00a0", " "),
        "Montant net de votre prime", fmt.montant(brut - csg - crds).replace("\u00a0", " "),
        "15 jours", "jusqu'au 25 mai 2027",  # 10 mai (présumé informé le jour de la mise à disposition) + 15 jours
        "plan d'épargne entreprise (PEE)", "délai d'indisponibilité prévu par le règlement du plan",
        "mariage ou PACS", "Pour le plan d'épargne retraite d'entreprise collectif (PERECO",
        "Date de versement prévue : 28 mai 2027", fiche.nom,
    ]
    for a_trouver in attendus:
        assert a_trouver in texte, a_trouver
    assert sum(1 for f in fiches) == sum(1 for m in montants.values() if m > 0)


def test_fiches_sans_plan_d_epargne():
    nom = "sarl-8-due-paliers"
    fiches = rendre_fiches(accord(nom), charger_versement(versement_de(nom)), date_information=date(2027, 4, 15))
    texte = "\n".join(textes_droits(fiches[0].contenu))
    assert "ne dispose pas de plan d'épargne salariale" in texte
    assert "délai d'indisponibilité" not in texte and "duplicata" not in texte


def test_liste_de_depot_selon_le_mode():
    t = {n: "\n".join(textes_droits(rendre_liste_depot(accord(n)))) for n in NOMS}
    assert "Procès-verbal rendant compte de la consultation, avec la liste d'émargement" in t["selas-40-semestriel"]
    assert "demande conjointe" in t["selas-40-semestriel"]
    assert "Procès-verbal de désaccord" in t["variante-due-echec-negociation"]
    assert "Procès-verbal de consultation du CSE" in t["variante-due-echec-negociation"]
    assert "n'a été saisi d'aucune désignation de délégué syndical" in t["sarl-8-due-paliers"]
    assert "Procès-verbal de la séance du CSE du 15 mai 2026 (3 voix favorables" in t["sas-30-part-resultat"]
    assert "qualité de délégués syndicaux" in t["sa-120-objectifs"]
    assert "Référence de l'accord de branche" in t["variante-adhesion-branche-accord"]
    assert "arrêté du 1er mars 2024" in t["variante-adhesion-branche-accord"]
    assert "n'en bénéficie pas : ne le déposez pas avec ce code" in t["variante-riche"]
    for texte in t.values():
        assert "Justificatif de l'information de chaque salarié" not in texte
        assert "délai d'opposition" not in texte and "DREETS" not in texte
    for texte in t.values():
        assert "Date limite de dépôt sur TéléAccords" in texte
    assert "15 juillet 2026" in t["sas-30-part-resultat"] and "15 avril 2026" in t["selas-40-semestriel"]


def test_liste_de_depot_pv_de_carence_pour_une_due_de_11_salaries_sans_cse():
    donnees = json.loads(CAS["sarl-8-due-paliers"].read_text(encoding="utf-8"))
    donnees["entreprise"]["effectif"] = 15
    donnees["entreprise"]["date_pv_carence"] = "2025-02-01"
    texte = "\n".join(textes_droits(rendre_liste_depot(accord_depuis_dict(donnees))))
    assert "Procès-verbal de carence (du 1er février 2025), de moins de quatre ans" in texte


def test_note_d_information():
    texte = "\n".join(textes_droits(rendre_note_information(accord("sa-120-objectifs"))))
    for a_trouver in ["Qu'est-ce que l'intéressement ?", "Qui en bénéficie ?", "Percevoir ou épargner",
                      "quinze jours", "placée en totalité au plan d'épargne entreprise (PEE)", "CSG (9,2 %)",
                      "L3341-6", "Caisse des dépôts"]:
        assert a_trouver in texte, a_trouver


def test_mise_a_jour_des_champs_et_decoupage_des_runs_ne_sont_pas_des_modifications(documents):
    # Ce que fait Word en enregistrant un document non modifié : numéros de page recalculés (pied de page,
    # sommaire), texte redécoupé en plusieurs « runs ».
    docx_ = documents["sas-30-part-resultat"]
    contenu = parties(docx_)
    pied = next(n for n in contenu if n.startswith("word/footer"))
    nouveau_pied = contenu[pied].replace(b"<w:t>1</w:t>", b"<w:t>7</w:t>")
    document = contenu["word/document.xml"].decode()
    document = document.replace('<w:t xml:space="preserve"></w:t>', '<w:t xml:space="preserve">4</w:t>')
    document = document.replace('<w:t xml:space="preserve">Le présent accord a pour objet',
                                '<w:t xml:space="preserve">Le présent </w:t></w:r><w:r><w:t>accord a pour objet', 1)
    assert '<w:t xml:space="preserve">Le présent </w:t>' in document
    controle = controler_document(reecrire(docx_, {pied: nouveau_pied, "word/document.xml": document.encode()}))
    assert controle.intact, controle.details


def test_refus_des_fiches_d_un_versement_avec_constat_bloquant(tmp_path, capsys):
    donnees = json.loads(versement_de("sas-30-part-resultat").read_text(encoding="utf-8"))
    donnees["salaries"][0]["montant_verse_centimes"] = 5_000_000  # au-delà du plafond individuel
    chemin = tmp_path / "versement.json"
    chemin.write_text(json.dumps(donnees), encoding="utf-8")
    code = main(["generer", str(CAS["sas-30-part-resultat"]), "--sortie", str(tmp_path / "sortie"),
                 "--versement", str(chemin)])
    sortie = capsys.readouterr()
    assert code == 1
    assert "le versement comporte" in sortie.err and "PLAFOND_INDIVIDUEL" in sortie.err
    assert not (tmp_path / "sortie").exists() or not list((tmp_path / "sortie").iterdir())


@pytest.mark.parametrize(("total", "nombre", "moyenne"), [(1_300_000, 22, 59_091), (480_000, 38, 12_632),
                                                         (3_700_000, 29, 127_586), (5, 2, 3), (0, 3, 0), (7, 0, 0)])
def test_montant_moyen_au_centime_le_plus_proche(total, nombre, moyenne):
    from interessement.repartition import moyenne_centimes

    assert moyenne_centimes(total, nombre) == moyenne


def test_fiche_individuelle_montant_moyen_arrondi_et_non_tronque():
    """Constat du parcours du garage (13 000,00 € entre 22) : la moyenne était tronquée (590,90 € au lieu de
    590,91 €). Sur l'exemple semestriel, 4 800,00 € entre 38 bénéficiaires : 126,32 € (126,315…), pas 126,31 €."""
    from interessement import format as fmt

    nom = "selas-40-semestriel"
    a = accord(nom)
    v = charger_versement(versement_de(nom))
    calcul = calculer_versement(a, v)
    montants = [int(m) for m in calcul.repartition.montants_centimes]
    assert sum(montants) % len(montants) * 2 > len(montants)  # la troncature donnerait un centime de moins
    fiches = rendre_fiches(a, v, date_information=date(2027, 5, 10), calcul=calcul)
    texte = "\n".join(textes_droits(fiches[0].contenu)).replace("\u00a0", " ")
    juste = fmt.montant((2 * sum(montants) + len(montants)) // (2 * len(montants))).replace("\u00a0", " ")
    tronque = fmt.montant(sum(montants) // len(montants)).replace("\u00a0", " ")
    assert juste in texte and tronque not in texte, (juste, tronque)
