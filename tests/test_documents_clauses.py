"""Les documents comme un avocat en droit du travail les lit (issue 10) : liste des clauses par mode de mise en
place, un test par défaut relevé (mauvaise rédaction absente, bonne rédaction présente), forme, codes QR."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date

import docx
import pytest
from test_documents_outils import CAS, accord, textes_droits, versement_de

from interessement.calcul import calculer_versement
from interessement.clauses import bibliotheque
from interessement.documents import (
    controler_document,
    lire_accord,
    rendre_accord,
    rendre_fiches,
    rendre_liste_depot,
    rendre_note_information,
)
from interessement.documents.contexte import FaitsManquants, numeros_articles
from interessement.documents.generation import texte_embarque
from interessement.erreurs import ErreurEntree
from interessement.integrite import (
    ErreurIntegrite,
    charges_qr,
    decoder_qr,
    empreinte,
    empreinte_texte,
    texte_canonique,
)
from interessement.modele import LIBELLES_MODES, accord_depuis_dict, charger_versement

NOMS = sorted(CAS)


@pytest.fixture(scope="module")
def docs():
    return {n: rendre_accord(accord(n)) for n in NOMS}


@pytest.fixture(scope="module")
def textes(docs):
    return {n: "\n".join(textes_droits(d)) for n, d in docs.items()}


@pytest.fixture(scope="module")
def notes():
    return {n: "\n".join(textes_droits(rendre_note_information(accord(n)))) for n in NOMS}


@pytest.fixture(scope="module")
def listes():
    return {n: "\n".join(textes_droits(rendre_liste_depot(accord(n)))) for n in NOMS}


def _articles(docx_: bytes) -> dict[str, str]:
    """Titre (sans numéro) → texte de l'article ou de la section, d'après les styles Word."""
    d = docx.Document(io.BytesIO(docx_))
    sortie: dict[str, list[str]] = {}
    courant = None
    for p in d.paragraphs:
        if p.style.name in ("Heading 1", "Titre de section"):
            courant = p.text.strip().replace("\u2019", "'")
            sortie[courant] = []
        elif courant is not None:
            sortie[courant].append(p.text.replace("\u2019", "'"))
    return {k: "\n".join(v) for k, v in sortie.items()}


def _donnees(nom: str) -> dict:
    return json.loads(CAS[nom].read_text(encoding="utf-8"))


# ===================================================================================== liste des clauses


def test_les_six_modes_sont_couverts():
    assert {accord(n).mise_en_place.mode for n in NOMS} == set(LIBELLES_MODES)


@pytest.mark.parametrize("nom", NOMS)
def test_chaque_clause_obligatoire_est_dans_le_texte_avec_sa_base_legale(nom, docs):
    """Pour chaque mode : chaque clause obligatoire qui s'applique figure sous son titre, ses repères la
    retrouvent, et un article numéroté cite au moins un article de sa base légale."""
    a = accord(nom)
    articles = _articles(docs[nom])
    for c in bibliotheque("accord"):
        if not (c.obligatoire and c.s_applique(a)):
            continue
        assert c.titre in articles, f"{nom} : clause obligatoire « {c.titre} » ({c.id}) absente"
        corps = articles[c.titre]
        assert c.presente_dans(c.titre + "\n" + corps), f"{nom} : les repères de « {c.id} » ne la retrouvent pas"
        if c.niveau == "article":
            assert any(num in corps for num in c.base_legale), f"{nom} : « {c.id} » ne cite pas sa base légale"
    for c in bibliotheque("accord"):
        if not c.s_applique(a) and c.niveau == "article" and "{{" not in c.titre:
            assert c.titre not in articles, f"{nom} : « {c.titre} » ne devrait pas figurer"


def test_renvois_par_numero_d_article(docs, textes):
    for nom in NOMS:
        t = textes[nom]
        numeros = numeros_articles(accord(nom))
        assert f"selon la formule définie à l'article {numeros['calcul']} et répartie selon les critères définis à " \
               f"l'article {numeros['repartition']}" in t
        assert "l'article « " not in t, f"{nom} : renvoi par intitulé"
        titres = [x for x in textes_droits(docs[nom]) if x.startswith("# Article ")]
        assert f"# Article {numeros['versement']} – Modalités de versement" in titres


# ======================================================================================= défauts relevés


def test_adhesion_branche_reelle(textes, listes):
    for nom in ("variante-adhesion-branche-accord", "variante-adhesion-branche-unilaterale"):
        t = textes[nom]
        a = accord(nom).mise_en_place.adhesion_branche
        assert "qui en reprennent les termes" not in t
        assert "la société retient les options suivantes (article D3345-7" in t
        for o in a.options:
            assert o.article in t and o.choix.split(" ")[0] in t
        assert "agréé en application de l'article L3345-4" in t
        assert "exonérations sont réputées acquises dès le dépôt" in t and "L3312-8, dernier alinéa" in t
        assert "L3312-8, dernier alinéa" in listes[nom]
        assert "L'Urssaf dispose d'un délai" not in t


def test_adhesion_sans_options_refusee_avec_le_champ():
    d = _donnees("variante-adhesion-branche-accord")
    d["mise_en_place"]["adhesion_branche"]["options"] = []
    with pytest.raises(FaitsManquants) as exc:
        rendre_accord(accord_depuis_dict(d))
    assert "mise_en_place.adhesion_branche.options" in str(exc.value)
    assert isinstance(exc.value, ErreurEntree)


def test_jamais_de_pre_validation(textes, listes, notes):
    for nom in NOMS:
        for t in (textes[nom], notes[nom]):
            assert "pré-validation" not in t and "pré-validé" not in t and "MI-2026" not in t
        if accord(nom).mise_en_place.mode != "adhesion_branche":
            assert "rédigé avec le logiciel libre Intéressement ouvert" in textes[nom] \
                or "rédigée avec le logiciel libre Intéressement ouvert" in textes[nom]
            assert "R3313-4" in textes[nom]
    assert "n'en bénéficie pas : ne le déposez pas avec ce code" in listes["variante-riche"]


def test_pieces_du_depot_selon_le_mode(listes):
    for t in listes.values():
        assert "Justificatif de l'information de chaque salarié" not in t
    assert "n'a été saisi d'aucune désignation de délégué syndical" in listes["sarl-8-due-paliers"]
    assert "D3345-3" in listes["sarl-8-due-paliers"]
    assert "Procès-verbal de carence" not in listes["sarl-8-due-paliers"]  # 8 salariés
    assert "Procès-verbal de désaccord" in listes["variante-due-echec-negociation"]
    assert "Procès-verbal de la séance du CSE" in listes["sas-30-part-resultat"]
    assert "liste d'émargement" in listes["selas-40-semestriel"]
    assert "délégués syndicaux ou, à défaut, le texte du mandat" in listes["sa-120-objectifs"]
    d = _donnees("sarl-8-due-paliers")
    d["entreprise"]["effectif"] = 12
    with pytest.raises(FaitsManquants, match="entreprise.date_pv_carence"):
        rendre_liste_depot(accord_depuis_dict(d))
    d["entreprise"]["date_pv_carence"] = "2025-01-15"
    t = "\n".join(textes_droits(rendre_liste_depot(accord_depuis_dict(d))))
    assert "Procès-verbal de carence (du 15 janvier 2025), de moins de quatre ans" in t


def test_suivi_par_le_cse_ou_sa_commission_sinon_les_salaries(docs, textes):
    due = _articles(docs["sarl-8-due-paliers"])["Information et suivi"]
    assert "comité social et économique" not in due.split("Information collective")[0].replace(
        "L'entreprise n'ayant pas de comité social et économique", "")
    assert "commission spécialisée créée à cet effet par le comité social et économique" in textes["variante-riche"]
    for nom in NOMS:
        assert "commission de suivi" not in textes[nom]
    d = _donnees("sarl-8-due-paliers")
    d["information"]["suivi_par"] = "commission"
    with pytest.raises(FaitsManquants, match="information.commission_creee_par_cse"):
        rendre_accord(accord_depuis_dict(d))


def test_differends_devant_une_instance_qui_existe(docs):
    assert "entre l'employeur et le ou les salariés concernés" in _articles(docs["sarl-8-due-paliers"])[
        "Règlement des différends"]
    assert "l'employeur et le comité social et économique" in _articles(docs["sas-30-part-resultat"])[
        "Règlement des différends"]
    d = _donnees("sarl-8-due-paliers")
    d["information"]["instance_litiges"] = "cse"
    with pytest.raises(FaitsManquants, match="information.instance_litiges"):
        rendre_accord(accord_depuis_dict(d))


def test_quarantaine_au_sens_du_2_du_i_de_l_article_l3131_1(textes):
    for t in textes.values():
        assert "L3131-15" not in t
        assert "mise en quarantaine au sens du 2° du I de l'article L3131-1 du code de la santé publique" in t


def test_avances_l3348_1_et_r3313_12(textes, notes):
    t = textes["variante-riche"]
    assert "il ne peut être débloqué" in t and "versement volontaire" in t
    assert "R3313-12, I, 5°" in t and "L3348-1" in t
    assert "Avances." in notes["variante-riche"] and "ne peut pas être débloqué" in notes["variante-riche"]


def test_date_presumee_d_information(textes):
    assert "présumé avoir été informé du montant qui lui est attribué trois jours après l'envoi de la fiche " \
           "individuelle par courrier" in textes["variante-riche"]
    assert "à la date à laquelle la fiche individuelle lui est remise en main propre" in textes["sarl-8-due-paliers"]
    d = _donnees("sas-30-part-resultat")
    del d["information"]["presomption_information"]
    with pytest.raises(FaitsManquants, match="information.presomption_information"):
        rendre_accord(accord_depuis_dict(d))


def test_formalites_de_conclusion_selon_le_mode(textes):
    assert "ont recueilli 62 % des suffrages exprimés" in textes["sa-120-objectifs"] and "L2232-12" in \
        textes["sa-120-objectifs"]
    assert "3 voix favorables sur 3 membres titulaires élus présents" in textes["sas-30-part-resultat"]
    # La signature pour la délégation du personnel : les signataires saisis, sans mandat que personne n'a confirmé.
    assert "pour la délégation du personnel au comité, par les signataires nommés ci-après" in \
        textes["sas-30-part-resultat"]
    assert not any("mandaté" in t for t in textes.values())
    assert "procès-verbal rendant compte de la consultation" in textes["selas-40-semestriel"]
    assert "demandée conjointement" in textes["selas-40-semestriel"]
    # Un fait de procédure absent n'est jamais inventé : un blanc à compléter avant la signature.
    d = _donnees("sas-30-part-resultat")
    del d["mise_en_place"]["vote_cse"]
    t = "\n".join(textes_droits(rendre_accord(accord_depuis_dict(d))))
    assert "par ………………… , soit la majorité des membres titulaires élus présents" in t.replace("…………………,", "………………… ,")
    d = _donnees("sa-120-objectifs")
    d["mise_en_place"]["audience_signataires"] = 0.4
    t = "\n".join(textes_droits(rendre_accord(accord_depuis_dict(d))))
    assert "ont recueilli 40 % des suffrages" in t and "consultation organisée le …………………" in t


def test_denonciation_et_revision(docs, textes):
    for nom in NOMS:
        assert "D3313-7" in textes[nom]
        unilateral_adhesion = nom == "variante-adhesion-branche-unilaterale"
        # D3313-5 (signataires ; II de L3312-5 pour une décision unilatérale) ne régit pas le document unilatéral
        # d'adhésion : il ne se modifie que parmi les options de l'accord type, sous le seuil de L3312-8.
        assert ("D3313-5" in textes[nom]) != unilateral_adhesion, nom
    t = textes["variante-adhesion-branche-unilaterale"]
    assert "que pour retenir d'autres choix parmi les options de l'accord type de branche" in t
    assert "moins de 50 salariés (articles L3312-8 et D3345-7" in t
    assert "II de l'article L3312-5" not in t.split("Révision et dénonciation")[-1].split("# Article")[0]
    assert "D3313-7-1" in textes["selas-40-semestriel"]
    assert "que tant que les conditions et les modalités prévues au II de l'article L3312-5" in \
        textes["sarl-8-due-paliers"]
    assert "disparition d'un ou plusieurs signataires" in textes["sas-30-part-resultat"]


def test_plafond_sur_le_resultat_sans_ambiguite(textes):
    t = textes["sa-120-objectifs"]
    assert "s'il est positif" not in t
    assert "lorsque cet indicateur est nul ou négatif, ce plafond est nul" in t


def test_salaries_partis_et_sommes_non_reclamees(textes, notes):
    for nom in NOMS:
        assert "l'employeur lui demande l'adresse à laquelle il pourra être informé de ses droits" in textes[nom]
        assert "D3313-10" in textes[nom]
        for t in (textes[nom], notes[nom]):
            assert "jusqu'au terme des délais prévus au III de l'article L312-20 du code monétaire et financier" in t



def test_dirigeants_salaire_de_base_seulement_avec_la_cle_salaire(textes):
    """La rémunération des dirigeants ne sert de « salaire » que si l'intéressement est réparti selon les salaires
    (L3314-6) ; elle entre toujours dans le plafond global (L3314-8)."""
    for nom in NOMS:
        a = accord(nom)
        if not a.beneficiaires.dirigeants_inclus:
            continue
        t = textes[nom]
        assert ("le salaire servant de base à la répartition proportionnelle" in t) == (a.repartition.part_salaire > 0)
        assert "Le plafond global de l'intéressement intègre la rémunération annuelle" in t

def test_modification_de_la_situation_juridique(textes):
    for t in textes.values():
        assert "notamment par fusion, cession ou scission" in t and "L3313-4" in t


def test_depot_electronique_ddets_sans_opposition_ni_exemplaires(textes, listes):
    for nom in NOMS:
        for t in (textes[nom], listes[nom]):
            assert "DREETS" not in t and "délai d'opposition" not in t and "exemplaires originaux" not in t
        assert "sous forme électronique" in textes[nom] and "(DDETS)" in textes[nom]


def test_pereco_un_seul_sigle(textes, notes):
    for nom in ("sa-120-objectifs", "variante-convention-collective"):
        assert "PERCOL" in texte_embarque(accord(nom))
        assert "PERCOL" not in textes[nom] and "(PERECO)" in textes[nom] and "PERCOL" not in notes[nom]


def test_exemple_sur_la_derniere_periode_connue(textes):
    for nom in NOMS:
        a = accord(nom)
        if a.historique:
            assert f"données réelles de la période « {a.historique[-1].periode} » de la société, dernière période " \
                   "connue" in textes[nom]


def test_le_texte_signe_prevaut_et_donnees_personnelles(textes):
    for t in textes.values():
        assert "En cas de différence entre le texte signé et ces données, le texte signé prévaut." in t
        assert "# Article" in t and "Protection des données personnelles" in t and "2016/679" in t


def test_fiche_individuelle_d3313_9():
    nom = "sa-120-objectifs"
    a = accord(nom)
    v = charger_versement(versement_de(nom))
    fiche = rendre_fiches(a, v, date_information=date(2027, 5, 10), calcul=calculer_versement(a, v))[0]
    t = "\n".join(textes_droits(fiche.contenu))
    assert "duplicata" not in t and "au plus tôt le" not in t
    assert "délai d'indisponibilité prévu par le règlement du plan" in t
    assert "création ou reprise d'entreprise" in t and "rupture du contrat de travail" in t
    # Le PER d'entreprise collectif est régi par les articles L224-13 et suivants du CMF ; ses cas de déblocage
    # anticipé sont ceux de l'article L224-4, commun aux plans d'épargne retraite.
    assert "PERECO, articles L224-13 et suivants du code monétaire et financier" in t
    assert "cas prévus à l'article L224-4 du même code" in t
    assert "Données de la période qui ont servi au calcul" in t and "masse salariale (MS)" in t
    # Le plafond propre à l'accord (ici 50 % du résultat net) : sans lui, le montant global n'est pas vérifiable.
    assert "L'intéressement global d'une période ne peut excéder 50 % de l'indicateur « Résultat net comptable »" \
        in t.replace("\u00a0", " ")


def test_fiches_remises_a_temps_pour_que_le_salarie_choisisse():
    """R3313-12, II : quinze jours pour choisir à compter de la date présumée d'information ; un versement prévu
    avant la fin de ce délai, ou des fiches datées d'avant la clôture, sont signalés à la génération."""
    from interessement.documents.generation import avertissements_fiches

    nom = "sas-30-part-resultat"  # versement prévu le 20 mai 2027, PEE, information par voie électronique
    a = accord(nom)
    v = charger_versement(versement_de(nom))
    assert avertissements_fiches(a, v, date(2027, 5, 1)) == []
    tardif = avertissements_fiches(a, v, date(2027, 5, 15))
    assert len(tardif) == 1 and "jusqu'au 30 mai 2027" in tardif[0] and "prévu le 20 mai 2027" in tardif[0]
    precoce = avertissements_fiches(a, v, date(2026, 12, 2))
    assert any("avant la clôture de la période (31 décembre 2026)" in m for m in precoce)
    sans_plan = "sarl-8-due-paliers"  # pas de plan d'épargne : pas de choix, rien à signaler après la clôture
    assert avertissements_fiches(accord(sans_plan), charger_versement(versement_de(sans_plan)),
                                 date(2027, 4, 28)) == []


def test_adhesion_par_accord_conclue_selon_sa_modalite(textes, listes, docs):
    """L3312-8 : l'accord d'adhésion est conclu « dans les conditions prévues au I de l'article L. 3312-5 » : le
    texte dit laquelle, et les parties, les signatures, les annexes et les pièces du dépôt sont les siennes."""
    nom = "variante-adhesion-branche-accord"  # conclu au sein du CSE (vote du 15 mai 2026)
    t = textes[nom]
    assert "par accord conclu selon l'une des modalités prévues au I de l'article L3312-5" in t
    assert "accord conclu au sein du comité social et économique (3°)" in t
    assert "représenté par ses membres titulaires signataires" in t
    assert "2 voix favorables sur 2 membres titulaires élus présents" in t and "D3345-1, 2°" in t
    assert "Pour le comité social et économique" in t and "Pour les salariés" not in t
    assert "Procès-verbal de la réunion du comité social et économique du 15 mai 2026" in t
    assert "Procès-verbal de la séance du CSE du 15 mai 2026" in listes[nom]
    assert "Référence de l'accord de branche" in listes[nom]
    assert "représentants des salariés signataires" not in t
    # Modalité inconnue : un blanc à compléter, jamais une modalité inventée.
    d = _donnees(nom)
    del d["mise_en_place"]["vote_cse"]
    t = "\n".join(textes_droits(rendre_accord(accord_depuis_dict(d))))
    assert "modalités prévues au I de l'article L3312-5 du code du travail : …………………" in t
    assert "au sein du comité social et économique, entre l'employeur" not in t
    # Adhésion par ratification : la majorité des deux tiers, le procès-verbal de la consultation.
    r = _donnees("selas-40-semestriel")["mise_en_place"]["ratification"]
    d = _donnees(nom)
    del d["mise_en_place"]["vote_cse"]
    d["mise_en_place"]["ratification"] = r
    a = accord_depuis_dict(d)
    t = "\n".join(textes_droits(rendre_accord(a)))
    assert "ratification à la majorité des deux tiers du personnel d'un projet proposé par l'employeur (4°)" in t
    assert "ratifié à la majorité des deux tiers du personnel" in t
    assert "D3313-7-1" in t
    lst = "\n".join(textes_droits(rendre_liste_depot(a)))
    assert "article D3345-1, 3°" in lst and "Référence de l'accord de branche" in lst


def test_decision_unilaterale_sans_parties_ni_avenant(textes):
    """Une décision unilatérale (ou un document unilatéral d'adhésion) n'a pas de « parties » et ne se modifie
    pas « par avenant » : l'employeur la modifie dans les conditions de sa clause de révision."""
    for nom in NOMS:
        a = accord(nom)
        t = textes[nom]
        numeros = numeros_articles(a)
        assert "ne peuvent être modifiées que par avenant" not in t
        assert f"ne peuvent être modifiées que dans les conditions prévues à l'article " \
               f"{numeros['revision_denonciation']}" in t
        m = a.mise_en_place
        unilateral = m.mode == "decision_unilaterale" or (m.adhesion_branche is not None
                                                          and m.adhesion_branche.par_document_unilateral)
        if unilateral:
            assert "Les parties se rapprocheront" not in t and "avenant" not in t, nom
    d = _donnees("sarl-8-due-paliers")
    assert not d["periode"].get("reconduction_tacite")
    assert "L'employeur examine, au cours des trois mois qui précèdent cette échéance" in textes["sarl-8-due-paliers"]
    t = textes["variante-adhesion-branche-unilaterale"]
    assert "L'adhésion à un accord de branche agréé étant" not in t
    assert "Le présent document d'adhésion ayant été établi avant la date limite" in t


def test_notification_aux_organisations_representatives(listes):
    """D2231-7, 1°, b : le dépôt d'un accord signé par des organisations syndicales comporte la copie de sa
    notification à l'ensemble des organisations représentatives (L2231-5)."""
    for nom in NOMS:
        m = accord(nom).mise_en_place
        avec_syndicats = (m.modalite_conclusion or m.mode) in ("convention_collective", "accord_delegues_syndicaux")
        assert ("D2231-7, 1°, b" in listes[nom]) == avec_syndicats, nom
        # La majorité de L2232-12 se prouve par le procès-verbal des dernières élections du CSE.
        assert ("Procès-verbal des résultats du premier tour" in listes[nom]) == avec_syndicats, nom


def test_convention_collective_dit_sa_majorite_quand_elle_est_connue(textes):
    """Un accord collectif d'entreprise est valide signé par des organisations ayant plus de 50 % des suffrages
    (L2232-12) : quand les données donnent l'audience des signataires, le texte la dit ; sinon il n'invente rien."""
    t = textes["variante-convention-collective"]
    assert "Les organisations signataires ont recueilli 58 % des suffrages exprimés" in t
    d = _donnees("variante-convention-collective")
    del d["mise_en_place"]["audience_signataires"]
    t = "\n".join(textes_droits(rendre_accord(accord_depuis_dict(d))))
    assert "Les organisations signataires ont recueilli" not in t


def test_fiche_sans_cle_salaire_ne_parle_pas_du_salaire_retenu():
    """Répartition uniforme (sarl-8) : le salaire ne sert pas ; la fiche du gérant ne dit pas que sa rémunération
    retenue a été plafonnée (mention sans objet, qui laisserait croire à une clé salaire)."""
    nom = "sarl-8-due-paliers"
    a = accord(nom)
    assert a.repartition.part_salaire == 0 and a.beneficiaires.dirigeants_inclus
    v = charger_versement(versement_de(nom))
    fiches = rendre_fiches(a, v, date_information=date(2027, 4, 20), calcul=calculer_versement(a, v))
    for f in fiches:
        t = "\n".join(textes_droits(f.contenu))
        assert "Rémunération retenue plafonnée" not in t and "Salaire de référence" not in t


def test_note_dit_le_plafond_propre_a_l_accord(notes):
    for nom in NOMS:
        plafonds = accord(nom).formule.plafond
        t = notes[nom].replace("\u00a0", " ")
        assert ("L'intéressement global d'une période ne peut excéder" in t) == bool(plafonds), nom
    assert "ne peut excéder 8 % de la masse salariale de la période" in notes["sas-30-part-resultat"].replace(
        "\u00a0", " ")
    assert "le plus petit des montants suivants : 10 %" in notes["variante-riche"].replace("\u00a0", " ")


def test_note_riche_ne_s_arrete_pas_au_milieu_de_la_formule(notes):
    t = notes["variante-riche"]
    i = t.index("multipliées par le taux de la tranche :")
    assert t[i:i + 200].count("€") >= 2, t[i:i + 200]
    assert "Fraction de l'indicateur" in t


# ================================================================================================= forme


def test_forme_apostrophes_exposant_trait_d_union_insecable_police(docs):
    for nom, d in docs.items():
        z = zipfile.ZipFile(io.BytesIO(d))
        xml = z.read("word/document.xml").decode("utf-8")
        textes_w = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)
        assert not any("'" in t for t in textes_w), f"{nom} : apostrophe droite dans le texte"
        assert "<w:noBreakHyphen/>" in xml
        assert not re.search(r"\b[LRD]\d{4}-\d", "".join(textes_w)), f"{nom} : trait d'union sécable"
        assert re.search(r'<w:vertAlign w:val="superscript"/></w:rPr><w:t>er</w:t>', xml), f"{nom} : « 1er »"
        styles = z.read("word/styles.xml").decode("utf-8")
        assert "Liberation Serif" in styles and "Times New Roman" not in styles



def test_une_annonce_ne_finit_jamais_une_page():
    """« … sont les suivantes : » avant un tableau ou une liste : le paragraphe reste avec ce qu'il annonce
    (« garder avec le paragraphe suivant ») ; l'en-tête d'un tableau reste avec sa première ligne."""
    nom = "variante-riche"
    a = accord(nom)
    rendus = {"accord": rendre_accord(a), "note": rendre_note_information(a), "liste": rendre_liste_depot(a)}
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for quoi, d in rendus.items():
        corps = docx.Document(io.BytesIO(d)).element.body
        enfants = list(corps)
        avant_tableau = 0
        for i, el in enumerate(enfants):
            if el.tag != f"{W}p":
                continue
            texte = "".join(t.text or "" for t in el.iter(f"{W}t")).strip()
            garde = el.find(f"{W}pPr/{W}keepNext") is not None
            if texte.endswith(":"):
                assert garde, f"{quoi} : « {texte[-80:]} » peut finir une page"
            if i + 1 < len(enfants) and enfants[i + 1].tag == f"{W}tbl" and texte:
                avant_tableau += 1
                assert garde, f"{quoi} : « {texte[-80:]} » séparable du tableau qui suit"
        for tbl in corps.iter(f"{W}tbl"):
            premiere = tbl.find(f"{W}tr")
            if premiere is not None and premiere.find(f"{W}trPr/{W}tblHeader") is not None:
                assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in premiere.iter(f"{W}p")), quoi
        assert quoi != "accord" or avant_tableau >= 3

# ============================================================================================= codes QR


def test_empreinte_du_texte_imprimee_et_dans_les_proprietes(docs):
    for d in docs.values():
        emp = empreinte_texte(d)
        t = textes_droits(d)
        assert f"Empreinte SHA-256 du texte : {emp}" in t
        z = zipfile.ZipFile(io.BytesIO(d))
        assert emp in z.read("docProps/custom.xml").decode("utf-8")
        assert "Données de l" not in texte_canonique(d).split("\n")[-1]


def test_empreinte_du_texte_change_si_le_texte_change(docs):
    d = docs["sarl-8-due-paliers"]
    z = zipfile.ZipFile(io.BytesIO(d))
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as sortie:
        for n in z.namelist():
            contenu = z.read(n)
            if n == "word/document.xml":
                contenu = contenu.replace(b"deux mois", b"six mois", 1)
            sortie.writestr(n, contenu)
    assert empreinte_texte(tampon.getvalue()) != empreinte_texte(d)



def _retoucher(d: bytes, **remplacements) -> bytes:
    """Le même .docx, parties remplacées par une fonction (nom de partie avec « _ » pour « / » et « . »)."""
    z = zipfile.ZipFile(io.BytesIO(d))
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as sortie:
        for n in z.namelist():
            contenu = z.read(n)
            cle = re.sub(r"[/.]", "_", n)
            if cle in remplacements:
                contenu = remplacements[cle](contenu.decode("utf-8")).encode("utf-8")
            sortie.writestr(n, contenu)
    return tampon.getvalue()


def _resultats_de_champs(xml: str, nom: str, valeur: str) -> str:
    """Ce que fait Word en mettant les champs à jour : le résultat de chaque champ ``nom`` devient ``valeur``."""
    return re.sub(rf"(<w:instrText[^>]*>\s*{nom}\b[^<]*</w:instrText></w:r>.*?<w:fldChar "
                  rf'w:fldCharType="separate"/></w:r>\s*<w:r>(?:<w:rPr>.*?</w:rPr>)?<w:t[^>]*>)[^<]*(</w:t>)',
                  rf"\g<1>{valeur}\g<2>", xml, flags=re.DOTALL)


def test_empreinte_du_texte_inchangee_quand_word_met_les_champs_a_jour(docs):
    """Word recalcule à l'ouverture les numéros de page (PAGE, NUMPAGES) et le sommaire (TOC, PAGEREF) : ces
    résultats ne sont pas dans le texte canonique. Les autres résultats de champs, et le texte, y sont."""
    d = docs["sa-120-objectifs"]
    z = zipfile.ZipFile(io.BytesIO(d))
    pieds = [n for n in z.namelist() if re.fullmatch(r"word/footer\d*\.xml", n)]
    assert pieds and any("NUMPAGES" in z.read(n).decode() for n in pieds)

    def pied(xml: str) -> str:
        return _resultats_de_champs(_resultats_de_champs(xml, "PAGE", "7"), "NUMPAGES", "12")

    def sommaire(xml: str) -> str:
        xml = _resultats_de_champs(xml, "PAGEREF", "4")
        # Word réécrit aussi les entrées du sommaire (libellés, tabulations) : retouche d'une entrée.
        return xml.replace(">Préambule<", ">Préambule (mis à jour)<", 1)

    mis_a_jour = _retoucher(d, **{re.sub(r"[/.]", "_", n): pied for n in pieds}, word_document_xml=sommaire)
    texte_pied = "".join(re.findall(r"<w:t[^>]*>([^<]*)",
                                    zipfile.ZipFile(io.BytesIO(mis_a_jour)).read(pieds[0]).decode()))
    assert "Page 7 sur 12" in texte_pied
    assert texte_canonique(mis_a_jour) == texte_canonique(d)
    assert empreinte_texte(mis_a_jour) == empreinte_texte(d)
    # Un champ non volatil garde son résultat dans le texte canonique.
    champ = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> '
             'DOCPROPERTY Societe </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>'
             '{}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    avec = _retoucher(d, word_document_xml=lambda x: x.replace("<w:body>", "<w:body>" + champ.format("Alpha"), 1))
    autre = _retoucher(avec, word_document_xml=lambda x: x.replace("<w:t>Alpha</w:t>", "<w:t>Beta</w:t>"))
    assert "Alpha" in texte_canonique(avec) and empreinte_texte(avec) != empreinte_texte(autre)


def test_champ_simple_volatil_exclu_du_texte_canonique():
    from interessement.integrite import textes_des_paragraphes

    xml = ('<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>Page '
           '</w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple><w:r><w:t> de </w:t>'
           '</w:r><w:fldSimple w:instr="REF signet"><w:r><w:t>Alpha</w:t></w:r></w:fldSimple></w:p></w:body>')
    from xml.etree import ElementTree

    assert textes_des_paragraphes(ElementTree.fromstring(xml)) == ["Page  de Alpha"]


def _document_d_une_version_anterieure(d: bytes, *, avec_empreinte_texte: bool = True) -> bytes:
    """Ce qu'aurait produit une version antérieure : mêmes texte et empreinte du texte, données embarquées sans
    le champ ``information.presomption_information`` (ajouté au format depuis), empreinte des données à jour."""
    from interessement.documents.docx_xml import NS_ACCORD, json_pour_xml, partie_donnees

    z = zipfile.ZipFile(io.BytesIO(d))
    item = next(n for n in z.namelist() if re.fullmatch(r"customXml/item\d+\.xml", n)
                and NS_ACCORD.encode() in z.read(n))
    from lxml import etree

    donnees = json.loads(etree.fromstring(z.read(item)).text)
    del donnees["information"]["presomption_information"]
    texte = json_pour_xml(json.dumps(donnees, ensure_ascii=False, indent=2))
    emp = empreinte(texte)
    ancienne = re.search(r'name="empreinte_accord"><vt:lpwstr>([0-9a-f]{64})', z.read("docProps/custom.xml")
                         .decode()).group(1)

    def proprietes(xml: str) -> str:
        xml = re.sub(r"Intéressement ouvert [^<]+", "Intéressement ouvert 0.0.1", xml.replace(ancienne, emp))
        if not avec_empreinte_texte:
            xml = re.sub(r'<property [^>]*name="empreinte_texte">.*?</property>', "", xml)
        return xml

    return _retoucher(d, docProps_custom_xml=proprietes,
                      **{re.sub(r"[/.]", "_", item): lambda _x: partie_donnees(texte, emp, "1.1").decode()})


def test_document_d_une_version_anterieure_reste_controlable(docs, tmp_path):
    """Un document dont les données n'ont pas un champ plus récent (ici la date présumée d'information, que la
    version courante exige pour rédiger) se contrôle sans erreur : l'empreinte du texte atteste qu'il n'a pas
    été modifié ; sans elle, le contrôle dit qu'il ne peut pas l'établir."""
    from interessement.cli import main

    ancien = _document_d_une_version_anterieure(docs["sarl-8-due-paliers"])
    assert lire_accord(ancien).information.presomption_information is None
    with pytest.raises(FaitsManquants):
        rendre_accord(lire_accord(ancien))
    c = controler_document(ancien)
    assert c.empreinte_declaree == c.empreinte_calculee and not c.rendu_possible
    assert c.intact, c.details
    assert any("presomption_information" in x for x in c.details)
    assert any("n'a pas été modifié" in x for x in c.details)
    # Retouché en plus : l'empreinte du texte le voit.
    retouche = _retoucher(ancien, word_document_xml=lambda x: x.replace("deux mois", "six mois", 1))
    c = controler_document(retouche)
    assert not c.intact and any("texte a été modifié" in x for x in c.details)
    # Sans empreinte du texte (documents plus anciens encore) : pas d'erreur, mais rien n'est établi.
    sans = _document_d_une_version_anterieure(docs["sarl-8-due-paliers"], avec_empreinte_texte=False)
    c = controler_document(sans)
    assert not c.intact and any("ne peut pas être établi" in x for x in c.details)
    chemin = tmp_path / "ancien.docx"
    chemin.write_bytes(ancien)
    code = main(["valider", str(chemin)])
    assert code in (0, 1, 3)  # un rapport, jamais une erreur de lecture (code 2)

def _qr_du_docx(d: bytes) -> list[str]:
    import zxingcpp
    from PIL import Image

    z = zipfile.ZipFile(io.BytesIO(d))
    lus = []
    for n in sorted(x for x in z.namelist() if x.startswith("word/media/qr_")):
        for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(z.read(n))), formats=zxingcpp.BarcodeFormat.QRCode):
            lus.append(r.text)
    return lus


@pytest.mark.parametrize("nom", NOMS)
def test_codes_qr_de_chaque_accord_rendent_les_donnees(nom, docs):
    d = docs[nom]
    lus = _qr_du_docx(d)
    assert 1 <= len(set(lus)) <= 6
    r = decoder_qr(lus)
    assert r["empreinte_texte"] == empreinte_texte(d)
    assert r["empreinte_donnees"] == empreinte(texte_embarque(accord(nom)))
    assert r["donnees"] == json.loads(texte_embarque(accord(nom)))


def test_charges_qr_format_et_repli_sur_un_seul_code():
    json_ = json.dumps({"x": "é" * 50})
    charges = charges_qr("acc|1", json_, "t" * 64, fragment=10)
    assert len(charges) > 1 and all(c.startswith(f"IOQR1|{k}|{len(charges)}|acc/1|") for k, c in
                                    enumerate(charges, 1))
    assert decoder_qr(list(reversed(charges)))["donnees"] == {"x": "é" * 50}
    seul = charges_qr("acc", "x" * 50_000 + json_, "t" * 64, fragment=10)
    assert len(seul) == 1 and seul[0].endswith("|")
    assert decoder_qr(seul)["donnees"] is None
    with pytest.raises(ErreurIntegrite, match="manquants"):
        decoder_qr(charges[:-1])
    with pytest.raises(ErreurIntegrite, match="aucun code"):
        decoder_qr(["https://exemple.fr"])


# ======================================================== aucune phrase juridique dans le constructeur Word


@pytest.mark.parametrize("module", ["templates/construire_modeles.py", "interessement/documents/contexte.py",
                                    "interessement/documents/redaction.py"])
def test_aucune_phrase_juridique_dans_les_constructeurs(module):
    """Les modèles Word sont écrits depuis la bibliothèque, et les phrases que le programme compose avec les
    données (formule, exemple chiffré, parties, note, liste de dépôt, fiches) y sont aussi : ces modules ne
    contiennent que de la mise en forme et du calcul."""
    from pathlib import Path

    source = (Path(__file__).resolve().parents[1] / module).read_text("utf-8")
    code = re.sub(r'""".*?"""', "", source, flags=re.DOTALL)  # docstrings
    code = re.sub(r"#[^\n]*", "", code)  # commentaires
    chaines = re.findall(r'"([^"\n]{25,})"|\'([^\'\n]{25,})\'', code)
    phrases = [a or b for a, b in chaines if re.search(r"\b(le|la|les|du|des|est|sont|un|une|au|aux)\b", a or b)]
    assert not phrases, phrases
    assert "article L" not in code and "code du travail" not in code


@pytest.mark.lent
def test_codes_qr_relus_sur_le_pdf_rasterise_a_150_dpi(tmp_path):
    import shutil
    import subprocess

    import zxingcpp
    from PIL import Image

    from interessement.documents.pdf import convertir_en_pdf

    assert shutil.which("pdftoppm"), "poppler-utils (pdftoppm) requis"
    noms = ["sa-120-objectifs", "variante-adhesion-branche-unilaterale"]  # 6 et 5 codes
    docs = {f"{n}.docx": rendre_accord(accord(n)) for n in noms}
    for pdf in convertir_en_pdf(docs, tmp_path):
        nom = pdf.stem
        infos = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        derniere = re.search(r"^Pages:\s+(\d+)", infos, flags=re.MULTILINE).group(1)
        # Seule la dernière page porte les codes : elle seule est tramée (150 dpi, comme un scan courant).
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", derniere, "-l", derniere, str(pdf),
                        str(tmp_path / nom)], check=True)
        page = next(tmp_path.glob(f"{nom}-*.png"))
        lus = [r.text for r in zxingcpp.read_barcodes(Image.open(page), formats=zxingcpp.BarcodeFormat.QRCode)]
        r = decoder_qr(lus)
        assert r["donnees"] == json.loads(texte_embarque(accord(nom))), nom
        assert r["empreinte_texte"] == empreinte_texte(docs[f"{nom}.docx"])


def test_liste_de_depot_sans_plan_ne_promet_pas_de_choix_de_placement(listes):
    """Constat du parcours du garage (aucun plan d'épargne salariale) : la liste de dépôt disait de « laisser
    quinze jours pour choisir entre le versement et le placement », alors que l'accord et la note disent la prime
    versée directement. Le choix n'est dit que si l'entreprise a un plan (L3315-2)."""
    for nom in NOMS:
        a = accord(nom)
        choix = "pour choisir entre le versement et le placement" in listes[nom].replace("\u00a0", " ")
        assert choix == bool(a.versement.plans_epargne), nom
        if not a.versement.plans_epargne:
            assert "elle lui est versée directement" in listes[nom], nom
    assert any(not accord(n).versement.plans_epargne for n in NOMS) and any(accord(n).versement.plans_epargne
                                                                             for n in NOMS)


def test_note_ne_parle_pas_d_objectifs_pour_une_formule_sans_objectifs(notes):
    """Constat du parcours du garage (part du résultat d'exploitation) : la note disait la prime nulle « si les
    objectifs ne sont pas atteints », alors que la formule n'a pas d'objectifs."""
    for nom in NOMS:
        if not any(c.type == "objectifs" for c in accord(nom).formule.composantes):
            assert "objectifs ne sont pas atteints" not in notes[nom], nom
            assert "peut être nul si les résultats ou les performances" in notes[nom].replace("\u00a0", " "), nom


def test_sans_plan_l_accord_ne_parle_pas_du_montant_dont_il_peut_demander_le_versement(textes):
    """Constat n° 18 du parcours du garage : sans plan d'épargne salariale, l'article « Choix du bénéficiaire »
    disait chaque bénéficiaire informé « du montant dont il peut demander le versement » (R3313-12, I) ; il n'y a
    pas de choix sans plan, la prime est versée directement. La phrase ne reste qu'avec un plan."""
    for nom in NOMS:
        a = accord(nom)
        texte = textes[nom].replace("\u00a0", " ")
        assert ("montant dont il peut demander le versement" in texte) == bool(a.versement.plans_epargne), nom
        if not a.versement.plans_epargne:
            assert "la prime est versée directement au bénéficiaire" in texte, nom
    assert any(not accord(n).versement.plans_epargne for n in NOMS) and any(accord(n).versement.plans_epargne
                                                                             for n in NOMS)


def test_modalites_proposees_ne_redisent_pas_la_fiche_distincte():
    """Constats n° 18 et 19 : la rédaction proposée à l'étape « Information » décrivait la fiche distincte (et le
    « montant dont il peut demander le versement », même sans plan) juste avant le paragraphe D3313-9 de la
    bibliothèque, qui la décrit aussi. Avec la proposition, l'article « Information et suivi » la décrit une fois."""
    import sys

    from chemins import RACINE

    if str(RACINE) not in sys.path:
        sys.path.insert(0, str(RACINE))
    from interface.etapes.information import proposer_modalites

    for nom in NOMS:
        a = accord(nom)
        propose = proposer_modalites(a.model_dump(mode="json"))
        assert "demander le versement" not in propose and "montant moyen" not in propose
        donnees = a.model_dump(mode="json")
        donnees["information"]["modalites_information_salaries"] = propose
        texte = "\n".join(textes_droits(rendre_accord(accord_depuis_dict(donnees)))).replace("\u00a0", " ")
        assert texte.count("montant moyen perçu par les bénéficiaires") == 1, nom
        assert "fiche distincte du bulletin de paie et la note décrites ci-après" in texte, nom


def _accord_l_an_prochain(nom: str):
    """Le cas ``nom`` décalé pour commencer l'année qui suit le dernier PASS publié (conclu en décembre avant)."""
    from interessement import parametres

    derniere = parametres.annees_modelisees()[-1]
    donnees = accord(nom).model_dump(mode="json")
    donnees["periode"]["date_effet"] = date(derniere + 1, 1, 1).isoformat()
    donnees["periode"]["date_cloture_premier_exercice"] = date(derniere + 1, 12, 31).isoformat()
    donnees["mise_en_place"]["date_conclusion"] = date(derniere, 12, 10).isoformat()
    donnees["depot"] = {**(donnees.get("depot") or {}), "date_depot": None, "numero_recepisse": None}
    donnees["historique"] = []
    return accord_depuis_dict(donnees), derniere


def test_plafond_individuel_indicatif_dit_le_dernier_pass_publie():
    """Constat n° 21 du parcours du garage : un accord 2027-2029 conclu en décembre 2026 disait « à titre
    indicatif, 36 045,00 € pour l'exercice 2026 » (l'exercice 2026 n'est pas couvert) ; le PASS de 2027 n'étant pas
    publié, le montant est dit « sur la base du plafond annuel de la sécurité sociale de 2026, le dernier publié »."""
    a, derniere = _accord_l_an_prochain("sas-30-part-resultat")
    for texte in ("\n".join(textes_droits(rendre_note_information(a))),
                  "\n".join(textes_droits(rendre_accord(a)))):
        texte = texte.replace("\u00a0", " ")
        assert f"pour l'exercice {derniere}" not in texte.replace("\u2019", "'")
        assert f"sécurité sociale de {derniere}, le dernier publié" in texte
    # L'exercice dont le PASS est publié garde « pour l'exercice » (cas de référence).
    ref = accord("sas-30-part-resultat")
    texte = "\n".join(textes_droits(rendre_note_information(ref))).replace("\u00a0", " ").replace("\u2019", "'")
    assert f"pour l'exercice {ref.periodes()[0].fin.year}" in texte and "le dernier publié" not in texte


def test_exemple_chiffre_hypothetique_dit_comme_tel(textes, notes):
    """Constat n° 12 du parcours du garage : l'« Exemple chiffré » de l'accord et de la note était établi sur des
    valeurs que la personne n'avait ni vues ni confirmées (770 000 € de masse salariale). Sans exercice passé, il est
    dit « établi sur des chiffres hypothétiques, qui ne préjugent pas des résultats de la société »."""
    hypothetiques = [n for n in NOMS if not any(h.masse_salariale_centimes is not None
                                                for h in accord(n).historique)]
    assert hypothetiques and len(hypothetiques) < len(NOMS)
    for nom in NOMS:
        accord_ = textes[nom].replace("\u00a0", " ")
        note = notes[nom].replace("\u00a0", " ")
        phrase = "Exemple établi sur des chiffres hypothétiques, qui ne préjugent pas des résultats de la société"
        assert (phrase in accord_) == (nom in hypothetiques), nom
        assert ("Appliquée à des chiffres hypothétiques, qui ne préjugent pas des résultats de la société, la "
                "formule" in note) == (nom in hypothetiques), nom


def test_un_libelle_qui_porte_deja_son_sigle_ne_le_repete_pas():
    """Parcours « boulangerie » (parcours-neuf) : le libellé proposé par l'assistant, « Résultat courant avant impôt
    (RCAI) », suivi du symbole donnait « l'indicateur « Résultat courant avant impôt (RCAI) » (RCAI) » et, dans
    l'exemple chiffré, « résultat courant avant impôt (RCAI) (RCAI) : 41 000,00 € »."""
    d = _donnees("sas-30-part-resultat")
    d["indicateurs"][0]["libelle"] = "Résultat courant avant impôt (RCAI)"
    t = "\n".join(textes_droits(rendre_accord(accord_depuis_dict(d)))).replace("\u00a0", " ")
    assert "(RCAI) (RCAI)" not in t and "(RCAI) » (RCAI)" not in t
    assert "l'indicateur « Résultat courant avant impôt » (RCAI)" in t.replace("’", "'")
    assert re.search(r"résultat courant avant impôt \(RCAI\) : [\d ]+,\d\d €", t), t[t.find("Exemple"):][:600]


@pytest.mark.parametrize(("lieu", "attendu"), [("Le Havre", "Fait au Havre, le"), ("Les Sables-d'Olonne",
                          "Fait aux Sables-d'Olonne, le"), ("La Rochelle", "Fait à La Rochelle, le"),
                          ("Rennes", "Fait à Rennes, le")])
def test_fait_a_contracte_avec_l_article_de_la_ville(lieu, attendu):
    """Parcours de la ratification (parcours-neuf) : « Fait à Le Havre, le 1er mars 2027 »."""
    d = _donnees("sas-30-part-resultat")
    d["mise_en_place"]["lieu"] = lieu
    t = "\n".join(textes_droits(rendre_accord(accord_depuis_dict(d)))).replace("’", "'")
    assert attendu in t and "à Le " not in t and "à Les " not in t
