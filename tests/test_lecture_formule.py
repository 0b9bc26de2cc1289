"""La formule d'un accord lu (issue 11 point 3) : modélisée quand le texte le permet (part d'un résultat, paliers
de croissance, déclencheurs), sinon citée avec « formule non modélisée » ; les règles FORMULE_* décident sur la
formule modélisée et restent « à vérifier » sans elle ; répartition, période de calcul, dirigeants et nature lus
sans deviner."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from interessement.lecture import lire_document
from interessement.lecture.controle import controler
from interessement.lecture.faits import NON_TROUVE, OPTIONS, TROUVE, extraire_faits


def depuis_texte(texte: str, nom: str = "texte.txt"):
    """Un texte brut lu comme un fichier .txt par ``lire_document``."""
    return lire_document(texte.encode("utf-8"), nom=nom)

ENTETE = ("Accord d'intéressement de la société X\nArticle 1 — Objet\nLe présent accord institue un régime "
          "d'intéressement.\n")


def _faits(texte: str):
    return extraire_faits(depuis_texte(ENTETE + texte))


def _rapport(texte: str):
    return controler(depuis_texte(ENTETE + texte), date_reference=date(2026, 12, 1))


PART = ("Article 4 — Calcul de l'intéressement\n"
        "La distribution de l'intéressement au titre d'un exercice est soumise à la condition suivante :\n"
        "– le résultat d'exploitation de l'entreprise doit être positif.\n"
        "Le montant global de l'intéressement est égal à 10 % du résultat courant avant impôt de l'exercice.\n"
        "Le résultat courant avant impôt correspond au montant figurant à la ligne GW de la liasse fiscale "
        "n° 2052-SD.\n"
        "Le résultat d'exploitation correspond au montant figurant à la ligne GG de la liasse fiscale n° 2052-SD.\n")


def test_part_d_un_resultat_modelisee_avec_declencheur_et_indicateurs_sources():
    f = _faits(PART)
    comp = f.get("formule.composantes")
    assert comp.statut == TROUVE
    assert comp.valeur == [{"type": "part_resultat", "indicateur": "resultat_courant_avant_impot", "taux": "0.1",
                            "seuil_centimes": 0}]
    assert "10 %" in comp.citations[0].texte
    dec = f.get("formule.declencheurs")
    assert (dec.statut, dec.valeur) == (TROUVE, [{"indicateur": "resultat_exploitation", "operateur": ">",
                                                  "valeur": Decimal(0)}])
    ind = f.get("indicateurs")
    assert ind.statut == TROUVE
    assert {i["code"]: "ligne gw" in i["source"] or "ligne gg" in i["source"] for i in ind.valeur} == {
        "resultat_courant_avant_impot": True, "resultat_exploitation": True}
    assert f.get("texte.formule.famille").valeur == "part_resultat"


def test_regles_de_la_formule_decident_sur_la_formule_modelisee():
    r = _rapport(PART)
    a_verifier = {a.id for a in r.a_verifier}
    # Modélisée, sourcée : l'aléa et l'activité sont décidés ; seul l'historique manque (aléa mesuré, objectifs).
    assert {"FORMULE_ALEATOIRE", "FORMULE_ACTIVITE", "FORMULE_MESURABLE"}.isdisjoint(a_verifier)
    assert "ALEA_FAIBLE" in a_verifier
    assert not [c for c in r.constats if c.id.startswith("FORMULE_")]


def test_seuil_en_euros_et_taux_en_blanc():
    f = _faits("Article 4 — Calcul\nLe montant global de l'intéressement est égal à 20 % de la fraction du "
               "résultat net comptable excédant 50 000 euros.\n")
    assert f.get("formule.composantes").valeur[0]["seuil_centimes"] == 5_000_000
    f = _faits("Article 4 — Calcul\nLa prime globale d'intéressement est égale à […] % × RNAI.\n")
    assert f.get("formule.composantes").statut == NON_TROUVE
    assert "non modélisée" in f.get("formule.composantes").note


def test_formule_non_modelisee_laisse_les_regles_a_verifier():
    texte = ("Article 4 — Calcul de l'intéressement\nSi la progression du chiffre d'affaires est + 8 %, "
             "l'intéressement est égal à 1,5 % de la masse salariale brute. Si la progression du chiffre "
             "d'affaires est + 4 %, l'intéressement est égal à 1 % de la masse salariale brute.\n")
    f = _faits(texte)
    assert f.get("formule.composantes").statut != TROUVE  # deux points ne font pas des paliers
    r = _rapport(texte)
    assert {"FORMULE_ALEATOIRE", "FORMULE_ACTIVITE", "FORMULE_MESURABLE"} <= {a.id for a in r.a_verifier}
    assert r.statut != "conforme"


def test_paliers_de_croissance_d_un_tableau():
    f = _faits("Article 2 — Calcul\nLa prime globale d'intéressement est déterminée en fonction de l'évolution du "
               "chiffre d'affaires hors taxe de l'entreprise au cours de l'exercice N par rapport à l'exercice "
               "précédent.\n| CA HT N/ N – 1 | Total prime globale d'intéressement à répartir\n"
               "| + 2 % et + | 2 % de la masse salariale brute\n| + 5 % et + | 3 % de la masse salariale brute\n"
               "| + 10 % et + | 4 % de la masse salariale brute\n")
    comp = f.get("formule.composantes")
    assert comp.statut == TROUVE
    assert comp.valeur[0] == {"type": "paliers_croissance", "indicateur": "chiffre_affaires", "paliers": [
        {"croissance_min": "0.02", "taux_masse_salariale": "0.02"},
        {"croissance_min": "0.05", "taux_masse_salariale": "0.03"},
        {"croissance_min": "0.1", "taux_masse_salariale": "0.04"}]}


def test_menu_de_formules_est_un_choix():
    f = _faits("Article 6 — Calcul\nLa prime globale pourra être calculée, au choix de l'entreprise, selon l'une "
               "des options suivantes :\nOption 1\nLe montant de la masse d'intéressement (M) est égal à 5 % du "
               "bénéfice imposable.\nOption 2\nLe montant de la masse d'intéressement (M) est égal à 5 % de "
               "l'excédent brut d'exploitation.\n")
    assert f.get("formule.composantes").statut == OPTIONS
    assert f.get("texte.formule.famille").statut == OPTIONS


def test_condition_de_croissance_non_modelisee_rend_les_declencheurs_non_trouves():
    f = _faits("Article 4 — Calcul\nLa distribution est soumise aux conditions cumulatives suivantes :\n"
               "– le résultat net comptable est excédentaire et au moins égal à celui de l'exercice précédent ;\n"
               "– l'excédent d'exploitation est égal ou supérieur à 5 % du chiffre d'affaires.\n"
               "Le montant global de l'intéressement est égal à 25 % du résultat net comptable.\n")
    assert f.get("formule.composantes").statut == TROUVE
    assert f.get("formule.declencheurs").statut == NON_TROUVE


# ---------------------------------------------------------------------- répartition, période, dirigeants


def test_parts_en_fractions_sur_plusieurs_paragraphes():
    f = _faits("Article 4 — Répartition entre les bénéficiaires\nL'intéressement entre les bénéficiaires sera "
               "réparti :\n• Pour 2/3, proportionnellement à la rémunération brute perçue par chaque "
               "bénéficiaire.\nIl est entendu par rémunération brute le salaire brut fiscal.\n• Pour 1/3, "
               "proportionnellement à la durée de présence de chaque bénéficiaire.\n")
    parts = f.get("repartition.parts")
    assert parts.statut == TROUVE
    assert sum(parts.valeur.values()) == 1
    assert parts.valeur["salaire"] > parts.valeur["presence"] > 0 == parts.valeur["uniforme"]


def test_une_cle_mentionnee_n_est_pas_une_stipulation():
    f = _faits("Préambule\nArticle 1er — Préambule\nD'où la référence à une répartition proportionnelle au salaire "
               "afin de rémunérer la contribution de chaque salarié.\nArticle 5 — Divers\nEn cas d'option pour une "
               "répartition proportionnelle au salaire, le conjoint ne pourra pas bénéficier de l'intéressement.\n")
    assert f.get("repartition.parts").statut != TROUVE


def test_periode_de_calcul_par_exercice_mais_pas_quand_une_periode_courte_est_ecrite():
    base = ("Article 3 — Calcul\nLe montant global de l'intéressement au titre de chaque exercice est égal à 5 % "
            "du résultat net comptable.\nArticle 4 — Répartition\nLa répartition est calculée sur les salaires de "
            "l'exercice au titre duquel l'intéressement est attribué.\n")
    assert _faits(base).get("periode.periode_calcul_mois").valeur == 12
    courte = base + "Article 5 — Période\nL'intéressement peut être calculé sur une période de calcul semestrielle.\n"
    assert _faits(courte).get("periode.periode_calcul_mois").valeur != 12 or \
        _faits(courte).get("periode.periode_calcul_mois").statut != TROUVE


def test_dirigeants_dans_la_liste_des_beneficiaires_et_choix_de_l_entreprise():
    liste = ("Article 3 — Bénéficiaires\nSont bénéficiaires de l'intéressement :\n– les salariés de l'entreprise ;\n"
             "– les chefs d'entreprise et les présidents, directeurs généraux, gérants ou membres du directoire, "
             "des entreprises dont l'effectif habituel est compris entre 1 et moins de 250 salariés ;\n")
    assert _faits(liste).get("beneficiaires.dirigeants_inclus").valeur is True
    choix = ("Article 5 — Bénéficiaires\nDans les entreprises employant au moins un salarié et moins de 250 "
             "salariés, l'entreprise pourra en faire bénéficier :\n– le chef d'entreprise ;\n– les présidents, "
             "directeurs généraux, gérants ou membres du directoire.\n")
    assert _faits(choix).get("beneficiaires.dirigeants_inclus").statut == OPTIONS


def test_plan_d_epargne_qui_recoit_l_interessement_n_est_pas_un_accord_d_interessement():
    f = extraire_faits(depuis_texte(
        "Accord relatif à l'épargne salariale\nArticle 1 — Plan d'épargne interentreprises\nLe PEI peut être "
        "alimenté par les sommes perçues par les salariés en application de l'accord d'intéressement en vigueur "
        "dans l'entreprise. Les sommes issues de l'intéressement affectées au plan sont indisponibles cinq ans.\n"))
    assert f.get("texte.nature").valeur == "pas_interessement"
    assert len(f) == 1


# ------------------------------------------------------------------- nos documents : la formule du texte

def _sas(remplacements: list[tuple[str, str]]):
    import json

    from chemins import RACINE

    golden = RACINE / "tests" / "golden" / "documents"
    texte = (golden / "sas-30-part-resultat.accord.txt").read_text(encoding="utf-8")
    for avant, apres in remplacements:
        assert avant in texte
        texte = texte.replace(avant, apres)
    donnees = json.loads((golden / "sas-30-part-resultat.accord.json").read_text(encoding="utf-8"))
    return controler(depuis_texte(texte, "accord.txt"), donnees=donnees)


def test_notre_formule_intacte_lue_comme_les_donnees():
    r = _sas([])
    assert r.differences == [] and r.statut == "conforme", r.en_texte()


def test_notre_formule_retouchee_a_2_pour_cent_est_un_ecart_jamais_conforme():
    phrase = "L’intéressement global est égal à 20 % de la fraction"
    for remplacements in ([(phrase, phrase.replace("20 %", "2 %")), ("I = 20 % × max", "I = 2 % × max")],
                          [(phrase, phrase.replace("20 %", "2 %"))]):  # la phrase seule : deux formules, ambigu
        r = _sas(remplacements)
        ecarts = [x for x in r.differences if x.cle == "formule.composantes"]
        assert ecarts, r.en_texte()
        assert r.statut != "conforme"


# ------------------------------------------------------------- articles cités (interessement.references)

def test_absences_designees_par_leur_article_et_renvoi_a_la_participation():
    f = _faits("Article 3 — Répartition\nL'intéressement est réparti proportionnellement à la durée de présence.\n"
               "L'article L. 3324-6 du code du travail assimile à une période de présence les périodes visées aux "
               "articles L. 1225-17, L. 1225-37 et L. 1226-7 du code du travail.\n")
    absences = f.get("repartition.absences_assimilees")
    assert absences.statut == TROUVE
    assert set(absences.valeur) >= {"maternite", "adoption", "accident_travail", "maladie_professionnelle"}
    assert "L3324-6" in f.get("texte.absences_renvoi").valeur


def test_renvoi_a_la_convention_collective():
    f = _faits("Article 4 — Répartition\nLa prime globale d'intéressement est répartie proportionnellement au temps "
               "de présence effective.\nPour la détermination de la durée de présence sont prises en considération "
               "les périodes assimilées à du travail effectif conformément à l'article 6.1.2 de la convention "
               "collective nationale.\n")
    absences = f.get("repartition.absences_assimilees")
    assert absences.statut == "renvoi"
    assert absences.renvoi == "convention collective, article 6.1.2"


def test_quarantaine_citee_de_l_ancien_article_du_code_de_la_sante_publique():
    texte = ("Article 7 — Répartition\nLa répartition est effectuée proportionnellement à la durée de présence.\n"
             "Sont considérées comme heures de présence celles correspondant :\n– aux congés légaux de maternité, "
             "d'adoption et de deuil ;\n– aux périodes de mise en quarantaine au sens du 3° du I de l'article "
             "L. 3131-15 du code de la santé publique.\n")
    assert _faits(texte).get("texte.quarantaine_reference").valeur == "L3131-15 CSP"
    r = _rapport(texte)
    constat = next(c for c in r.constats if c.id == "ASSIMILATIONS_PRESENCE" and "L3131-15" in c.message)
    assert "3131-15" in r.citations_de(constat)[0].texte


def test_visas_d_une_convention_ne_font_pas_un_accord_de_branche_mais_l_article_l3312_8_oui():
    entreprise = extraire_faits(depuis_texte(
        "Protocole d'accord relatif à l'intéressement du personnel de la caisse\nArticle 1 — Visas\n"
        "Vu la convention collective nationale du personnel des caisses (IDCC 2796) ;\nVu la convention collective "
        "nationale des praticiens-conseils (IDCC 2797) ;\nVu la convention collective nationale des cadres (IDCC "
        "2798) ;\nArticle 2 — Calcul\nLe montant global de l'intéressement est égal à 2 % de la masse salariale.\n"))
    assert entreprise.get("texte.nature").valeur == "accord_entreprise"
    branche = extraire_faits(depuis_texte(
        "Accord du 14 mars 2018 relatif à la mise en place de l'intéressement\nArticle 1 — Objet\nLes partenaires "
        "sociaux souhaitent faciliter l'intéressement dans les petites entreprises.\nLe présent accord "
        "est un accord-cadre conclu dans les conditions de l'article L. 3312-8 du code du travail.\nLes entreprises "
        "de la branche qui opteront pour l'intéressement le feront pour trois exercices.\nArticle 2 — Calcul\nLa "
        "prime globale d'intéressement est égale à 5 % du résultat net comptable.\n"))
    assert branche.get("texte.nature").valeur == "accord_branche"


def test_le_verificateur_saisit_la_formule_au_format_d_echange():
    import pytest

    from interessement.erreurs import ErreurEntree
    from interessement.lecture.faits import valeur_saisie

    f = _faits("Article 4 — Calcul\nSi la progression du chiffre d'affaires est + 8 %, l'intéressement est égal à "
               "1,5 % de la masse salariale brute.\n")
    with pytest.raises(ErreurEntree, match="format d'échange"):
        valeur_saisie("formule.composantes", "20 % du résultat")
    f.corriger("formule.composantes", valeur_saisie(
        "formule.composantes", '[{"type": "part_resultat", "indicateur": "resultat_net_comptable", "taux": "0.2"}]'))
    f.corriger("indicateurs", valeur_saisie(
        "indicateurs", '[{"code": "resultat_net_comptable", "libelle": "Résultat net comptable", '
                       '"nature": "resultat_net_comptable", "definition": "ligne HN", "source": "liasse 2052"}]'))
    r = controler(f, date_reference=date(2026, 12, 1))
    assert {"FORMULE_ALEATOIRE", "FORMULE_MESURABLE"}.isdisjoint({a.id for a in r.a_verifier})


def test_la_formule_lue_est_dite_en_francais_sur_la_page_et_dans_le_rapport():
    from interessement.lecture.controle import _valeur_texte

    f = _faits(PART)

    def _valeur_texte_simple(fait):
        return " ".join(_valeur_texte(fait).replace("\u202f", " ").replace("\xa0", " ").split())

    assert _valeur_texte_simple(f.get("formule.composantes")) == "10 % du résultat courant avant impôt"
    assert _valeur_texte_simple(f.get("formule.declencheurs")) == "résultat d'exploitation > 0"
    assert "ligne gw" in _valeur_texte(f.get("indicateurs")).lower()


def test_un_avenant_n_est_pas_un_accord_sans_formule_ni_duree():
    from chemins import CORPUS_TEXTES

    r = controler(lire_document(CORPUS_TEXTES / "b1404-machinisme-avenant1-2021.txt"),
                  date_reference=date(2026, 12, 1))
    assert r.faits.get("texte.nature").valeur == "avenant"
    assert not [c for c in r.constats if c.id in ("CLAUSES_OBLIGATOIRES", "DUREE") and c.severite == "BLOQUANT"]
    assert any(p.id == "CLAUSES_OBLIGATOIRES" and "Avenant" in p.message for p in r.a_verifier)
    assert r.statut != "conforme"
