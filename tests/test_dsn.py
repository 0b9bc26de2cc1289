"""Le lecteur de DSN mensuelles (interessement.dsn) sur des DSN fabriquées (tests/fabrique_dsn.py)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from chemins import EXEMPLES
from fabrique_dsn import Arret, Salarie, Suspension, dsn_de_l_exercice, dsn_du_mois

from interessement.calcul import calculer_versement
from interessement.cli import main
from interessement.dsn import VERSION_NORME, est_dsn, lire_dsn, lire_fichier_dsn
from interessement.modele import charger_accord, versement_depuis_dict

EXERCICE = (date(2026, 1, 1), date(2026, 12, 31))


def _equipe() -> list[Salarie]:
    return [
        # Présente toute l'année, congé de maternité de 112 jours à cheval sur quatre mois.
        Salarie("A001", "DURAND", "Claire", date(2020, 3, 1), 300_000,
                arrets=[Arret("02", date(2026, 3, 10), date(2026, 6, 29))]),
        # Arrêt maladie de 10 jours en février et 5 jours de congé sans solde en octobre.
        Salarie("A002", "PETIT", "Marc", date(2019, 1, 1), 250_000,
                arrets=[Arret("01", date(2026, 2, 3), date(2026, 2, 12))],
                suspensions=[Suspension("501", date(2026, 10, 5), date(2026, 10, 9))]),
        # Contrat rompu le 15 juin (démission, 059) ; accident du travail de 7 jours en mai.
        Salarie("A003", "LEROY", "Sami", date(2024, 9, 1), 220_000, fin_contrat=date(2026, 6, 15),
                arrets=[Arret("06", date(2026, 5, 4), date(2026, 5, 10))]),
        # Entrée le 1er septembre.
        Salarie("A004", "MOREAU", "Lina", date(2026, 9, 1), 200_000),
    ]


def _lire(equipe=None, **options):
    fichiers = dsn_de_l_exercice(equipe or _equipe(), 2026, **options)
    return lire_dsn(list(fichiers.values()), EXERCICE, noms=list(fichiers))


def test_la_version_de_la_norme_est_citee():
    assert "NEODeS" in VERSION_NORME and "2026" in VERSION_NORME


def test_chaque_bloc_utilise_est_lu():
    texte = dsn_du_mois(_equipe(), date(2026, 6, 1))
    f = lire_fichier_dsn(texte.encode(), "juin.dsn")
    assert f.erreurs == []
    assert f.mois == date(2026, 6, 1) and f.siren == "123456789"
    claire, marc, sami = f.individus  # Lina n'entre qu'en septembre
    assert (claire.matricule, claire.nom, claire.prenoms) == ("A001", "DURAND", "Claire")  # S21.G00.30
    assert claire.contrats[0].debut == date(2020, 3, 1)  # S21.G00.40.001
    brute = [r for r in claire.remunerations if r.type == "001"]  # S21.G00.51, type 001
    assert [(r.debut, r.fin, r.montant_centimes) for r in brute] == [(date(2026, 6, 1), date(2026, 6, 30), 300_000)]
    arret = claire.absences[0]  # S21.G00.60 : dernier jour travaillé, reprise
    assert (arret.bloc, arret.motif, arret.code) == ("60", "02", "maternite")
    assert (arret.debut, arret.fin) == (date(2026, 3, 10), date(2026, 6, 29))
    assert sami.contrats[0].fin == date(2026, 6, 15) and sami.contrats[0].motif_rupture == "059"  # S21.G00.62
    assert marc.absences == []
    octobre = lire_fichier_dsn(dsn_du_mois(_equipe(), date(2026, 10, 1)).encode(), "octobre.dsn")
    suspension = octobre.individus[1].absences[0]  # S21.G00.65
    assert (suspension.bloc, suspension.motif, suspension.code) == ("65", "501", "conges_sans_solde")
    assert (suspension.debut, suspension.fin) == (date(2026, 10, 5), date(2026, 10, 9))


def test_douze_mois_salaire_jours_absences():
    lecture = _lire()
    assert lecture.erreurs == []
    par_id = {s["identifiant"]: s for s in lecture.salaries}
    claire = par_id["A001"]
    assert claire["nom"] == "Claire DURAND"
    assert claire["salaire_brut_centimes"] == 12 * 300_000
    assert claire["jours_inscrits"] == 365
    # Le congé de maternité est déclaré dans quatre DSN : ses 112 jours ne sont comptés qu'une fois.
    assert claire["absences"] == {"maternite": 112}
    marc = par_id["A002"]
    assert marc["absences"] == {"maladie": 10, "conges_sans_solde": 5}


def test_contrat_rompu_en_cours_d_annee():
    lecture = _lire()
    sami = next(s for s in lecture.salaries if s["identifiant"] == "A003")
    assert sami["date_sortie"] == date(2026, 6, 15)
    assert sami["jours_inscrits"] == (date(2026, 6, 15) - date(2026, 1, 1)).days + 1
    assert sami["absences"] == {"accident_travail": 7}
    assert sami["salaire_brut_centimes"] == 5 * 220_000 + 220_000 * 15 // 30
    assert lecture.details["A003"]["motif_rupture"] == "059"
    lina = next(s for s in lecture.salaries if s["identifiant"] == "A004")
    assert lina["date_entree"] == date(2026, 9, 1) and lina["jours_inscrits"] == 122


def test_maternite_assimilee_maladie_non_dans_la_repartition():
    lecture = _lire()
    accord = charger_accord(EXEMPLES / "sas-30-part-resultat.json")
    versement = versement_depuis_dict({"periode": 1, "masse_salariale_centimes": 10_000_000,
                                       "salaries": lecture.salaries})
    calcul = calculer_versement(accord, versement, montant_centimes=1_000_000)
    presence = {b.identifiant: b.presence for b in calcul.beneficiaires}
    assert presence["A001"] == 365 * 100  # maternité : assimilée (L3314-5)
    assert presence["A002"] == (365 - 10 - 5) * 100  # maladie et congé sans solde : non assimilés
    assert presence["A003"] == 166 * 100  # accident du travail : assimilé
    total = int(calcul.repartition.montants_centimes.sum())
    assert total + calcul.repartition.reliquat_centimes == 1_000_000


def test_ligne_mal_formee_citee_par_fichier_et_ligne():
    texte = dsn_du_mois(_equipe(), date(2026, 3, 1)).splitlines()
    texte[24] = "S21.G00.30.002,DURAND"  # sans apostrophes
    texte[30] = "n'importe quoi"
    f = lire_fichier_dsn("\n".join(texte).encode(), "mars.dsn")
    messages = [str(e) for e in f.erreurs]
    assert messages[0].startswith("mars.dsn, ligne 25 : valeur mal écrite")
    assert messages[1].startswith("mars.dsn, ligne 31 : ligne illisible « n'importe quoi »")
    assert f.individus == []
    # Une date impossible est refusée avec sa rubrique.
    texte = dsn_du_mois(_equipe(), date(2026, 3, 1)).replace("S21.G00.40.001,'01032020'", "S21.G00.40.001,'31022020'")
    erreur = str(lire_fichier_dsn(texte.encode(), "mars.dsn").erreurs[0])
    assert "S21.G00.40.001 (date de début du contrat)" in erreur and "date inexistante" in erreur
    # Sur douze fichiers, la lecture ne donne aucun salarié et cite le fichier fautif.
    fichiers = dsn_de_l_exercice(_equipe(), 2026)
    fichiers["DSN_202603.dsn"] = "\n".join(texte.splitlines()[:5] + ["S21.G00.51.013,'12,50'"]).encode()
    lecture = lire_dsn(list(fichiers.values()), EXERCICE, noms=list(fichiers))
    assert lecture.salaries == []
    assert any(str(e).startswith("DSN_202603.dsn, ligne 6 : S21.G00.51.013") for e in lecture.erreurs)


def test_fichiers_hostiles_sans_trace():
    assert str(lire_fichier_dsn(b"", "vide.dsn").erreurs[0]) == "vide.dsn : fichier vide : aucune rubrique DSN."
    assert "binaire" in str(lire_fichier_dsn(b"PK\x03\x04\x00\x00", "x.dsn").erreurs[0])
    assert not est_dsn(b"Matricule;Nom\n") and est_dsn(b"\xef\xbb\xbfS10.G00.00.001,'x'\n")
    sans_mois = b"S21.G00.30.019,'A'\nS21.G00.40.001,'01012020'\n"
    assert "S20.G00.05.005" in str(lire_fichier_dsn(sans_mois, "a.dsn").erreurs[0])
    orphelin = b"S20.G00.05.005,'01012026'\nS21.G00.40.001,'01012020'\n"
    assert "avant tout individu" in str(lire_fichier_dsn(orphelin, "b.dsn").erreurs[0])
    latin1 = dsn_du_mois([Salarie("A9", "LÉON", "Zoé", date(2020, 1, 1), 100_000)], date(2026, 1, 1))
    f = lire_fichier_dsn(latin1.encode("latin-1"), "c.dsn")
    assert f.erreurs == [] and f.individus[0].nom == "LÉON"


def test_mois_en_double_et_mois_manquants():
    fichiers = dsn_de_l_exercice(_equipe(), 2026)
    doublon = list(fichiers.values()) + [fichiers["DSN_202605.dsn"]]
    lecture = lire_dsn(doublon, EXERCICE, noms=[*fichiers, "copie.dsn"])
    assert "deuxième DSN du mois de mai 2026" in str(lecture.erreurs[0])
    del fichiers["DSN_202611.dsn"]
    lecture = lire_dsn(list(fichiers.values()), EXERCICE, noms=list(fichiers))
    assert lecture.erreurs == []
    assert any("sans DSN : novembre 2026" in a for a in lecture.avertissements)


def test_motif_inconnu_et_temps_partiel_therapeutique():
    equipe = [Salarie("B1", "ROUX", "Eva", date(2020, 1, 1), 200_000,
                      arrets=[Arret("15", date(2026, 4, 1), date(2026, 4, 30)),
                              Arret("22", date(2026, 6, 1), date(2026, 6, 3))],
                      suspensions=[Suspension("632", date(2026, 9, 1), date(2026, 9, 30))])]
    lecture = _lire(equipe)
    assert lecture.salaries[0]["absences"] == {"arret_22": 3, "conge_parental_education": 30}
    assert any("Temps partiel thérapeutique" in a for a in lecture.avertissements)
    assert any("motif DSN 22" in a for a in lecture.avertissements)


def test_cli_repartir_douze_dsn_egal_au_csv(tmp_path, capsys):
    dossier = tmp_path / "dsn"
    dossier.mkdir()
    for nom, octets in dsn_de_l_exercice(_equipe(), 2026).items():
        (dossier / nom).write_bytes(octets)
    accord = str(EXEMPLES / "sas-30-part-resultat.json")
    assert main(["repartir", accord, "--salaries", str(dossier), "--exercice", "2026", "--montant", "12 000,00",
                 "--format", "json"]) == 0
    par_dossier = json.loads(capsys.readouterr().out)
    fichiers = sorted(str(p) for p in dossier.iterdir())
    assert main(["repartir", accord, "--salaries", *fichiers, "--exercice", "2026", "--montant", "12 000,00",
                 "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["beneficiaires"] == par_dossier["beneficiaires"]
    lecture = _lire()
    csv = tmp_path / "salaries.csv"
    lignes = ["Matricule;Nom;Salaire brut;Jours d'inscription;Absences maternité;Absences maladie;"
              "Absences accident du travail;Absences congé sans solde"]
    for s in lecture.salaries:
        a = s["absences"]
        lignes.append(f"{s['identifiant']};{s['nom']};{s['salaire_brut_centimes'] / 100:.2f}".replace(".", ",")
                      + f";{s['jours_inscrits']};{a.get('maternite', 0)};{a.get('maladie', 0)};"
                        f"{a.get('accident_travail', 0)};{a.get('conges_sans_solde', 0)}")
    csv.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    assert main(["repartir", accord, "--salaries", str(csv), "--exercice", "2026", "--montant", "12 000,00",
                 "--format", "json"]) == 0
    par_csv = json.loads(capsys.readouterr().out)
    montants = {b["identifiant"]: b["montant_centimes"] for b in par_dossier["beneficiaires"]}
    assert montants == {b["identifiant"]: b["montant_centimes"] for b in par_csv["beneficiaires"]}
    assert sum(montants.values()) + par_dossier["reliquat_centimes"] == 1_200_000


def test_cli_dsn_fautive_message_sans_trace(tmp_path, capsys):
    f = tmp_path / "DSN_202601.dsn"
    f.write_text("S20.G00.05.005,'01012026'\nS21.G00.30.019,'A1\n", encoding="utf-8")
    code = main(["repartir", str(EXEMPLES / "sas-30-part-resultat.json"), "--salaries", str(f), "--exercice", "2026",
                 "--montant", "1000"])
    erreur = capsys.readouterr().err
    assert code != 0 and "Traceback" not in erreur
    assert f"{f}, ligne 2 : valeur mal écrite" in erreur


@pytest.mark.parametrize("fin_de_ligne", ["\n", "\r\n"])
def test_fins_de_ligne(fin_de_ligne):
    assert _lire(fin_de_ligne=fin_de_ligne).erreurs == []


def test_lecture_rapide_et_ligne_a_ligne_donnent_le_meme_resultat():
    texte = dsn_du_mois(_equipe(), date(2026, 6, 1))
    rapide = lire_fichier_dsn(texte.encode(), "juin.dsn")
    vieux_mac = lire_fichier_dsn(texte.replace("\n", "\r").encode(), "juin.dsn")  # « \r » seul : ligne à ligne
    assert rapide.erreurs == vieux_mac.erreurs == []
    def contenu(f):  # sans les numéros de ligne (la lecture rapide ne les garde pas)
        return [(i.matricule, i.nom, [(c.debut, c.fin) for c in i.contrats],
                 [(r.type, r.debut, r.montant_centimes) for r in i.remunerations],
                 [(a.code, a.debut, a.fin) for a in i.absences]) for i in f.individus]

    assert contenu(rapide) == contenu(vieux_mac) and rapide.mois == vieux_mac.mois
    # Une fin de ligne Unicode cachée dans une valeur coupe la ligne en deux : signalé, avec son numéro.
    coupee = texte.replace("S21.G00.30.002,'DURAND'", "S21.G00.30.002,'DU\u2028RAND'")
    erreur = str(lire_fichier_dsn(coupee.encode(), "juin.dsn").erreurs[0])
    assert erreur.startswith("juin.dsn, ligne 21 : valeur mal écrite")
    # Lignes vides et espaces en fin de ligne sont admis.
    aere = lire_fichier_dsn(texte.replace("\nS21.G00.30.001", "\n\n  S21.G00.30.001").encode(), "juin.dsn")
    assert aere.erreurs == [] and len(aere.individus) == 3


# ----------------------------------------------------------------------------- lecture en flux (issue 13)

def _resume(f):
    return (f.mois, f.siren, [(i.cle, i.nom, [(c.debut, c.fin) for c in i.contrats],
                               [(r.debut, r.montant_centimes) for r in i.remunerations],
                               [(a.bloc, a.debut, a.fin) for a in i.absences]) for i in f.individus],
            [str(e) for e in f.erreurs])


def test_la_lecture_par_morceaux_ne_depend_pas_de_leur_taille(monkeypatch, tmp_path):
    """Des morceaux de 7 octets coupent les lignes, les « \\r\\n », le BOM et les caractères UTF-8 : même lecture,
    mêmes numéros de ligne dans les messages, depuis un chemin comme depuis des octets."""
    from interessement.dsn import lecture

    texte = dsn_du_mois(_equipe(), date(2026, 6, 1)).replace("LEROY", "LÉROY")
    fautif = texte.replace("S21.G00.51.013,'", "S21.G00.51.013,'x", 1)
    variantes = [texte, "\ufeff" + texte.replace("\n", "\r\n"), fautif, fautif.replace("\n", "\r\n"),
                 texte.replace("\n", "\r", 3)]
    attendus = [_resume(lire_fichier_dsn(v.encode(), "juin.dsn")) for v in variantes]
    assert attendus[0][2] and not attendus[0][3] and attendus[1] == attendus[0]
    assert attendus[2][3] and "ligne " in attendus[2][3][0]  # le message cite la ligne fautive
    monkeypatch.setattr(lecture, "TAILLE_MORCEAU", 7)
    for v, attendu in zip(variantes, attendus, strict=True):
        chemin = tmp_path / "juin.dsn"
        chemin.write_bytes(v.encode())
        assert _resume(lire_fichier_dsn(v.encode(), "juin.dsn")) == attendu
        assert _resume(lire_fichier_dsn(chemin)) == attendu
    latin = texte.encode("latin-1")  # un octet non UTF-8 dans un morceau : tout le fichier est lu en ISO 8859-1
    assert [i.nom for i in lire_fichier_dsn(latin, "juin.dsn").individus][2] == "LÉROY"


def test_une_dsn_trop_grande_est_lue_en_flux_et_arretee_au_maximum(monkeypatch, tmp_path):
    """Ni le fichier entier ni ses rubriques ne sont gardés en mémoire : au-delà de SALARIES_MAX individus la lecture
    s'arrête, et le pic de mémoire ne dépend pas de la taille du fichier (l'ancienne lecture gardait le texte, puis
    une liste de toutes ses rubriques : 605 Mo pour 600 000 individus)."""
    import tracemalloc

    from interessement.dsn import lecture

    monkeypatch.setattr(lecture, "SALARIES_MAX", 500)
    chemin = tmp_path / "enorme.dsn"
    chemin.write_bytes(b"".join(b"S21.G00.30.001,'%d'\nS21.G00.30.002,'N'\n" % i for i in range(400_000)))
    taille = chemin.stat().st_size
    tracemalloc.start()
    try:
        f = lire_fichier_dsn(chemin)
        _, pic = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert f.individus == [] and "plus de 500 salariés" in str(f.erreurs[-1])
    assert pic < taille / 2, (pic, taille)  # quelques morceaux, pas les 15 Mo du texte ni ses rubriques
