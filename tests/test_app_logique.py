"""La logique de l'assistant sans Streamlit : modes de mise en place possibles, stockage des brouillons,
chemins du brouillon, import JSON, noyau de calcul, préambule proposé."""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import date

import pytest
from chemins import EXEMPLES, RACINE

from interessement.erreurs import ErreurEntree

if str(RACINE) not in sys.path:  # le paquet « interface » vit à côté de app.py (il n'est pas installé)
    sys.path.insert(0, str(RACINE))

from interface import brouillon as b  # noqa: E402
from interface import coherence, exemples, requis  # noqa: E402
from interface.eligibilite import (  # noqa: E402
    codes_possibles,
    dirigeants_possibles,
    modes_possibles,
    votes_necessaires,
)
from interface.requis import manques  # noqa: E402
from interface.services import noyau_calcul  # noqa: E402
from interface.stockage import Stockage, jeton_valide, nouveau_secret  # noqa: E402
from interface.textes import decrire_formule, proposer_preambule, suivre_preambule  # noqa: E402

AUJOURD_HUI = date(2026, 11, 28)


def entreprise(effectif: int, ds: bool = False, cse: bool = False, branche: bool = False) -> dict:
    return {"effectif": effectif, "delegues_syndicaux": ds, "cse": cse, "couverte_accord_branche_agree": branche}


@pytest.mark.parametrize(("e", "attendus"), [
    # TPE sans représentant : ratification ou décision unilatérale
    (entreprise(8), {"ratification", "decision_unilaterale"}),
    # 49 salariés avec CSE : DUE possible seulement après échec de la négociation (mais proposée)
    (entreprise(49, cse=True), {"accord_cse", "ratification", "decision_unilaterale"}),
    # 50 salariés : plus de DUE (seuil de 50, exclu)
    (entreprise(50, cse=True), {"accord_cse", "ratification"}),
    # délégué syndical : accord avec les DS et convention collective
    (entreprise(120, ds=True, cse=True), {"accord_delegues_syndicaux", "convention_collective", "accord_cse",
                                          "ratification"}),
    # couverte par un accord de branche agréé : adhésion, et plus de DUE
    (entreprise(20, branche=True), {"ratification", "adhesion_branche"}),
    # aucun salarié : rien
    (entreprise(0), set()),
])
def test_modes_possibles(e, attendus):
    assert set(codes_possibles(e, AUJOURD_HUI)) == attendus
    for m in modes_possibles(e, AUJOURD_HUI):
        assert m.pourquoi  # chaque mode dit pourquoi il est (ou non) proposé


def test_dirigeants_de_1_a_249_salaries():
    assert not dirigeants_possibles(0, AUJOURD_HUI)
    assert dirigeants_possibles(1, AUJOURD_HUI)
    assert dirigeants_possibles(249, AUJOURD_HUI)
    assert not dirigeants_possibles(250, AUJOURD_HUI)


@pytest.mark.parametrize(("inscrits", "votes"), [(3, 2), (18, 12), (30, 20), (31, 21), (40, 27)])
def test_deux_tiers_du_personnel_inscrit(inscrits, votes):
    assert votes_necessaires(inscrits, AUJOURD_HUI) == votes


def _dupont() -> dict:
    return b.charger_exemple(EXEMPLES / "sas-30-part-resultat.json")


def test_brouillon_vierge_sans_aucun_fait_invente():
    vide = b.brouillon_vide(AUJOURD_HUI)
    ui = b.ui_par_defaut(vide)
    suivre_preambule(vide, ui)
    e, mep, info = vide["entreprise"], vide["mise_en_place"], vide["information"]
    assert e["raison_sociale"] == "" and e["effectif"] is None and e["cse"] is None and e["dirigeants"] == []
    assert mep["mode"] is None and mep["signataires"] == [] and mep["lieu"] is None and mep["ratification"] is None
    assert mep["date_conclusion"] is None and vide["periode"]["date_effet"] is None
    assert vide["formule"]["composantes"] == [] and vide["historique"] == []
    assert info["suivi_par"] is None and info["reglement_litiges"] is None and info["preambule"] is None
    assert ui["simulation"]["masse_salariale_centimes"] is None
    # Seule la loi remplit : les absences assimilées à la présence, le délai de choix du salarié.
    assert "maternite" in vide["repartition"]["absences_assimilees"] and vide["versement"]["delai_choix_jours"] == 15
    # Incomplet : pas un accord, et chaque réponse obligatoire est nommée.
    assert b.vers_accord(vide)[0] is None
    libelles = {m.libelle for m in manques(vide, ui, AUJOURD_HUI)}
    assert {"la raison sociale", "le mode de mise en place", "la date d'effet", "la façon de calculer la prime",
            "le lieu de signature (« Fait à »)", "qui examine d'abord un différend",
            "la personne qui signe pour l'employeur"} <= libelles
    # La date d'effet n'est que proposée : fin novembre, trop tard pour 2026, donc 1er janvier 2027.
    assert b.date_effet_conseillee(AUJOURD_HUI) == date(2027, 1, 1)
    assert b.date_effet_conseillee(date(2026, 3, 10)) == date(2026, 1, 1)
    assert b.cloture_proposee(date(2027, 1, 1)) == date(2027, 12, 31)


@pytest.mark.parametrize(("mode", "attendus"), [
    ("ratification", {"le personnel inscrit le jour du vote", "le nombre de votes pour", "le nombre de votes contre",
                      "si le résultat du vote est consigné dans un procès-verbal",
                      "si la ratification est demandée conjointement"}),
    ("accord_cse", {"le nombre de membres titulaires présents à la réunion du CSE",
                    "le nombre de votes favorables au CSE", "les membres du CSE qui signent"}),
    ("accord_delegues_syndicaux", {"l'audience des syndicats signataires aux dernières élections",
                                   "les délégués syndicaux qui signent"}),
    ("adhesion_branche", {"l'intitulé de l'accord de branche", "l'IDCC de la branche",
                          "la date de l'accord de branche", "la date de son agrément",
                          "les options retenues de l'accord de branche"}),
])
def test_chaque_mode_demande_ses_faits(mode, attendus):
    d = b.brouillon_vide(AUJOURD_HUI)
    d["entreprise"].update({"effectif": 30, "delegues_syndicaux": True, "cse": True,
                            "couverte_accord_branche_agree": True})
    d["mise_en_place"]["mode"] = mode
    libelles = {m.libelle for m in manques(d, b.ui_par_defaut(d), AUJOURD_HUI)}
    assert attendus <= libelles


def test_changement_en_amont_dit_et_jamais_applique_en_silence():
    d = b.brouillon_vide(AUJOURD_HUI)
    ui = b.ui_par_defaut(d)
    d["entreprise"].update({"effectif": 14, "delegues_syndicaux": False, "cse": False,
                            "couverte_accord_branche_agree": False})
    coherence.suivre(d, ui, AUJOURD_HUI)
    d["mise_en_place"]["mode"] = "ratification"
    coherence.suivre(d, ui, AUJOURD_HUI)
    d["mise_en_place"]["ratification"] = {"effectif_inscrit": 14, "votes_pour": 11, "votes_contre": 0,
                                          "date_vote": None, "demande_conjointe": False, "proces_verbal": True}
    d["mise_en_place"]["mode"] = "decision_unilaterale"
    coherence.suivre(d, ui, AUJOURD_HUI)
    # Le vote n'accompagne pas la décision unilatérale : mis de côté, et dit.
    assert d["mise_en_place"]["ratification"] is None
    assert "le vote du personnel (11 pour, 0 contre, sur 14 inscrits)" in " ".join(
        coherence.changements_de(ui, "mise_en_place"))
    coherence.refermer(ui, "mise_en_place")
    # 55 salariés : plus de décision unilatérale ; aucun autre mode n'est choisi à la place de la personne.
    d["entreprise"]["effectif"] = 55
    coherence.suivre(d, ui, AUJOURD_HUI)
    assert d["mise_en_place"]["mode"] is None
    texte = " ".join(coherence.changements_de(ui, "mise_en_place"))
    assert "de 14 à 55" in texte and "« Décision unilatérale de l'employeur », n'est plus possible" in texte
    assert "Rien n'a été choisi à votre place" in texte
    # Revenir à 14 ne rechoisit rien, et le message d'avant (« n'est plus possible ») ne reste pas : il dit ce qui
    # est vrai maintenant ; reprendre la ratification reprend le vote saisi par la personne.
    d["entreprise"]["effectif"] = 14
    coherence.suivre(d, ui, AUJOURD_HUI)
    assert d["mise_en_place"]["mode"] is None
    texte = " ".join(coherence.changements_de(ui, "mise_en_place"))
    assert "n'est plus possible" not in texte
    assert "de 55 à 14" in texte and "est de nouveau possible" in texte and "Rien n'a été choisi" in texte
    d["mise_en_place"]["mode"] = "ratification"
    coherence.suivre(d, ui, AUJOURD_HUI)
    assert d["mise_en_place"]["ratification"]["votes_pour"] == 11


def test_plus_de_cse_efface_le_suivi_et_l_instance_qui_n_existent_plus():
    d = b.brouillon_vide(AUJOURD_HUI)
    ui = b.ui_par_defaut(d)
    d["entreprise"].update({"effectif": 30, "cse": True})
    d["information"].update({"suivi_par": "commission", "commission_creee_par_cse": True,
                             "instance_litiges": "commission"})
    coherence.suivre(d, ui, AUJOURD_HUI)
    d["entreprise"]["cse"] = False
    coherence.suivre(d, ui, AUJOURD_HUI)
    assert d["information"]["suivi_par"] is None and d["information"]["instance_litiges"] is None
    assert d["information"]["commission_creee_par_cse"] is False
    assert "CSE : non" in " ".join(coherence.changements_de(ui, "information"))


def test_valeurs_d_un_exemple_reperees_tant_qu_elles_restent():
    d = _dupont()
    ex = exemples.memoriser("Atelier Dupont", d)
    restantes = dict(exemples.restantes(d, ex))
    assert restantes["entreprise.raison_sociale"] == "Atelier Dupont & Fils"
    assert "mise_en_place.signataires[0].nom" in restantes and "mise_en_place.lieu" in restantes
    # Ni codes, ni oui/non, ni ce que la loi impose.
    assert not [c for c in restantes if c.endswith((".mode", ".cse", "absences_assimilees", ".type"))]
    d["entreprise"]["raison_sociale"] = "Atelier Kermarrec"
    assert "entreprise.raison_sociale" not in dict(exemples.restantes(d, ex))
    exemples.confirmer(ex, ["mise_en_place.lieu"])
    assert "mise_en_place.lieu" not in dict(exemples.restantes(d, ex))
    assert requis.libelle_chemin("mise_en_place.signataires[3].nom") == "Nom du signataire"


def test_chemins_du_brouillon():
    d = {"a": {"b": [{"c": 1}, {"c": 2}]}}
    assert b.lire(d, "a.b[1].c") == 2
    assert b.lire(d, "a.x.y", "rien") == "rien"
    b.ecrire(d, "a.b[0].c", 5)
    b.ecrire(d, "a.nouveau.champ", "v")
    assert d["a"]["b"][0]["c"] == 5 and d["a"]["nouveau"] == {"champ": "v"}


def test_conversions():
    assert b.taux_depuis_pourcentage(12.5) == 0.125
    assert b.pourcentage_depuis_taux(0.2) == 20.0
    assert b.centimes_depuis_euros(40000) == 4_000_000
    assert b.euros_depuis_centimes(4_000_099) == 40001
    assert b.date_depuis_iso("2027-06-30") == date(2027, 6, 30) and b.date_depuis_iso("n'importe") is None
    assert b.code_indicateur("Taux de livraisons à l'heure") == "taux_de_livraisons_a_l_heure"


def test_erreurs_de_saisie_nomment_le_champ():
    d = _dupont()
    d["entreprise"]["siren"] = "123"
    d["repartition"]["part_presence"] = -1
    _, erreurs = b.vers_accord(d)
    chemins = {c for c, _ in erreurs}
    assert {"entreprise.siren", "repartition.part_presence"} <= chemins


@pytest.mark.parametrize("exemple", sorted(p for p in EXEMPLES.glob("*.json") if not p.name.endswith(".versement.json")))
def test_import_des_exemples(exemple):
    d = b.charger_exemple(exemple)
    assert b.vers_accord(d)[0] is not None
    assert json.loads(b.exporter_json(d))["entreprise"] == d["entreprise"]


@pytest.mark.parametrize("contenu", [b"", b"{", b"[1]", b'{"entreprise": 3}', "é".encode("latin-1")])
def test_import_json_refuse_en_francais(contenu):
    with pytest.raises(ErreurEntree) as exc:
        b.importer_json(contenu, "faux.json")
    assert "faux.json" in str(exc.value)


def test_stockage_jeton_et_aller_retour(tmp_path):
    s = Stockage(tmp_path / "sous-dossier" / "b.sqlite3")
    jeton = s.nouveau_jeton()
    assert jeton_valide(jeton) and not jeton_valide("../x") and not jeton_valide("court")
    assert s.lire(jeton) is None
    v = s.creer(jeton, {"accord": {"x": 1}, "ui": {"etape": "dates"}}, nouveau_secret())
    s.ecrire(jeton, {"accord": {"x": 2}, "ui": {"etape": "formule"}}, v)
    assert s.lire(jeton) == {"accord": {"x": 2}, "ui": {"etape": "formule"}}
    with sqlite3.connect(tmp_path / "sous-dossier" / "b.sqlite3") as cx:
        assert cx.execute("SELECT COUNT(*) FROM brouillons").fetchone()[0] == 1


def test_noyau_de_calcul_ignore_les_fautes_hors_calcul():
    d = _dupont()
    seuil = d["formule"]["composantes"][0]["seuil_centimes"]
    d["entreprise"]["siren"] = "123"
    d["mise_en_place"]["signataires"] = [{"nom": "", "qualite": ""}]
    assert b.vers_accord(d)[0] is None
    noyau = noyau_calcul(d)
    modele, erreurs = b.vers_accord(noyau)
    assert erreurs == [] and modele.formule.composantes[0].seuil_centimes == seuil
    # Des dates pas encore choisies : le calcul prend le prochain exercice, le brouillon reste vide.
    vide = b.brouillon_vide(AUJOURD_HUI)
    vide["formule"] = d["formule"]
    vide["indicateurs"] = d["indicateurs"]
    modele, erreurs = b.vers_accord(noyau_calcul(vide))
    assert erreurs == [] and modele is not None and vide["periode"]["date_effet"] is None


def test_preambule_propose_suit_puis_se_fige():
    d = _dupont()
    d["information"]["preambule"] = None
    d["formule"]["composantes"][0]["seuil_centimes"] = 4_000_000
    ui = b.ui_par_defaut(d)
    suivre_preambule(d, ui)
    assert d["information"]["preambule"] is None  # jamais écrit sans que la personne le demande
    ui["preambule_propose"] = d["information"]["preambule"] = proposer_preambule(d)
    assert "40 000,00" in d["information"]["preambule"].replace("\u00a0", " ")
    d["formule"]["composantes"][0]["seuil_centimes"] = 6_000_000
    suivre_preambule(d, ui)
    assert "60 000,00" in d["information"]["preambule"].replace("\u00a0", " ")
    d["information"]["preambule"] = "Texte à nous."
    d["formule"]["composantes"][0]["seuil_centimes"] = 7_000_000
    suivre_preambule(d, ui)
    assert d["information"]["preambule"] == "Texte à nous."
    assert "Les parties ont retenu" in proposer_preambule(d)
    d["mise_en_place"]["mode"] = "decision_unilaterale"
    assert "L'employeur a retenu" in proposer_preambule(d)


@pytest.mark.parametrize(("parts", "present", "absent"), [
    # Le garage : moitié à parts égales, moitié selon le salaire, aucune clé de présence
    ((50.0, 0.0, 50.0), ["performance collective", "niveau de responsabilité"], ["présence"]),
    ((100.0, 0.0, 0.0), ["performance collective"], ["présence", "responsabilité", "à la fois"]),
    ((0.0, 50.0, 50.0), ["présence de chacun", "niveau de responsabilité"], ["performance collective"]),
    ((20.0, 40.0, 40.0), ["performance collective, la présence de chacun dans l'entreprise et le niveau"], []),
])
def test_preambule_propose_ne_justifie_que_les_cles_retenues(parts, present, absent):
    """Le préambule proposé ne dit pas « reconnaître … sa présence dans l'entreprise » sans clé de présence."""
    d = _dupont()
    d["repartition"].update(dict(zip(("part_uniforme", "part_presence", "part_salaire"), parts, strict=True)))
    texte = proposer_preambule(d).split("L'enveloppe est répartie", 1)[1]
    assert all(m in texte for m in present), texte
    assert not [m for m in absent if m in texte], texte
    assert texte.endswith(".") and not texte.endswith("..")


def test_formule_en_mots():
    d = _dupont()
    d["formule"]["composantes"][0].update({"taux": 0.2, "seuil_centimes": 4_000_000})
    d["formule"]["plafond"] = {"taux_masse_salariale": 0.08}
    texte = decrire_formule(d).replace("\u00a0", " ")
    nom = d["indicateurs"][0]["libelle"].lower()
    assert texte.startswith(f"L'enveloppe est 20 % de ce que le {nom} dépasse 40 000,00 €")
    assert "plafonnée à 8 % de la masse salariale" in texte
    # Une formule incomplète le dit, sans inventer de chiffre.
    d["formule"]["composantes"][0]["taux"] = None
    assert "[à renseigner] de ce que" in decrire_formule(d)


def _premiere_annee_sans_pass() -> int:
    """La première année dont le plafond de la sécurité sociale n'est pas encore dans les paramètres."""
    from interessement import parametres
    from interessement.parametres import HorsPeriodeModelisee

    annee = 2020
    while True:
        try:
            parametres.value_at("plafond_annuel_securite_sociale", date(annee, 1, 1))
        except HorsPeriodeModelisee:
            return annee
        annee += 1


def test_repartition_simulee_avec_le_pass_connu_garde_l_anciennete_des_entres_dans_l_exercice():
    """Exercice dont le PASS n'est pas publié : la répartition de l'assistant est simulée avec le dernier PASS
    connu (dates de l'accord reculées d'un an). Les dates des salariés reculent avec elles : une salariée entrée
    le 1er mars, qui a ses 3 mois d'ancienneté dans l'exercice, en bénéficie ; un salarié entré le 1er novembre
    ne les a pas. (Constat du parcours du garage : deux salariés entrés dans l'exercice y étaient exclus.)"""
    from interessement.fichiers_salaries import lire_fichier_salaries, salaries_pour_versement
    from interface import services

    annee = _premiere_annee_sans_pass()
    d = _dupont()
    d["periode"]["date_effet"] = date(annee, 1, 1).isoformat()
    d["periode"]["date_cloture_premier_exercice"] = date(annee, 12, 31).isoformat()
    d["periode"]["periode_calcul_mois"] = 12
    d["beneficiaires"]["anciennete"] = {"mois": 3, "jours": 0}
    fichier = ("Matricule;Nom;Prénom;Salaire brut annuel;Date d'entrée;Date de sortie\r\n"
               "1;ANCIEN;Paul;30000,00;01/01/2010;\r\n"
               f"2;LEMAIRE;Chloé;21540,00;01/03/{annee};\r\n"
               f"3;SIMON;Hugo;9800,00;01/02/{annee};31/07/{annee}\r\n"
               f"4;TARDIF;Léon;4000,00;01/11/{annee};\r\n").encode("cp1252")
    lecture = lire_fichier_salaries(fichier, "export.csv", exercice=(date(annee, 1, 1), date(annee, 12, 31)))
    assert not lecture.erreurs, lecture.erreurs
    calcul, erreur, note = services.repartir(d, salaries_pour_versement(lecture.salaries), "essai", 1_000_000)
    assert erreur is None and note and f"PASS {annee - 1}" in note
    assert [(e.nom, e.motif) for e in calcul.exclus] == [("Léon TARDIF", "ancienneté insuffisante sur la période")]
    lignes = calcul.lignes()
    assert sorted(lg["nom"] for lg in lignes) == ["Chloé LEMAIRE", "Hugo SIMON", "Paul ANCIEN"]
    assert sum(lg["montant_centimes"] for lg in lignes) == 1_000_000


def test_formule_en_mots_plafond_legal_est_une_limite_et_sigles_gardes():
    """Parcours « boulangerie » (parcours-neuf) : le préambule proposé, signé tel quel, disait « l'enveloppe est
    10 % de ce que le résultat courant avant impôt (rcai) dépasse 0,00 €, et toujours à 20 % de la masse salariale »
    (une enveloppe garantie, et le sigle en minuscules) ; sans formule : « Aucune formule, et toujours à 20 % »."""
    d = _dupont()
    d["indicateurs"][0]["libelle"] = "Résultat courant avant impôt (RCAI)"
    d["formule"]["composantes"][0].update({"taux": 0.1, "seuil_centimes": 0})
    texte = decrire_formule(d).replace("\u00a0", " ")
    assert "résultat courant avant impôt (RCAI) dépasse" in texte, texte
    assert "toujours à 20 %" not in texte and texte.endswith(", dans la limite de 20 % de la masse salariale "
                                                             "(plafond légal).")
    assert "(RCAI)" in proposer_preambule(d)
    d["formule"].update({"composantes": [], "declencheurs": [], "plafond": None})
    assert decrire_formule(d) == "Aucune formule."


def test_reglement_des_differends_propose_selon_le_mode():
    """Une décision unilatérale n'est pas « le présent accord » : la rédaction proposée suit le mode."""
    from interface.etapes.information import proposer_litiges

    d = _dupont()
    d["information"]["instance_litiges"] = "employeur"
    d["mise_en_place"]["mode"] = "decision_unilaterale"
    assert "révision de la présente décision sont" in proposer_litiges(d)
    d["mise_en_place"]["mode"] = "ratification"
    assert "révision du présent accord sont" in proposer_litiges(d)
