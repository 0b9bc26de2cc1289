"""Ce qu'on paie après la répartition (interessement.paiement) : conservation au centime pour tout ensemble de
salariés (Hypothesis), lignes de paie égales aux fiches, exports CSV et XLSX, salariés partis, échéancier."""

from __future__ import annotations

import io
from datetime import date, timedelta

from fabrique_dsn import Arret, Salarie, dsn_de_l_exercice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from outils_versement import ACCORD, lire_export_csv

from interessement import paiement
from interessement.calcul import calculer_versement
from interessement.dsn import lire_dsn
from interessement.modele import charger_accord, versement_depuis_dict

ACCORD_EXEMPLE = charger_accord(ACCORD)

salarie = st.fixed_dictionaries({
    "salaire_brut_centimes": st.integers(0, 30_000_000),
    "jours_inscrits": st.integers(0, 365),
    "maladie": st.integers(0, 60),
    "maternite": st.integers(0, 120),
    "avance": st.integers(0, 300_000),
})


def _versement(salaries: list[dict], **autres) -> object:
    liste = []
    for i, s in enumerate(salaries):
        jours = s["jours_inscrits"]
        maladie = min(s["maladie"], jours)
        maternite = min(s["maternite"], jours - maladie)
        liste.append({"identifiant": f"S{i:04d}", "salaire_brut_centimes": s["salaire_brut_centimes"],
                      "jours_inscrits": jours, "absences": {"maladie": maladie, "maternite": maternite},
                      "avance_versee_centimes": s["avance"]})
    return versement_depuis_dict({"periode": 1, "masse_salariale_centimes": sum(
        s["salaire_brut_centimes"] for s in salaries), "salaries": liste, **autres})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(salarie, min_size=0, max_size=40), st.integers(0, 50_000_000), st.integers(0, 5_000_000))
def test_total_verse_plus_non_distribue_egale_l_enveloppe(salaries, montant, supplement):
    versement = _versement(salaries, supplement_centimes=supplement)
    calcul = calculer_versement(ACCORD_EXEMPLE, versement, montant_centimes=montant)
    lignes = paiement.lignes_paie(ACCORD_EXEMPLE, versement, calcul)
    total = sum(lg.prime_brute_centimes for lg in lignes)
    assert total + calcul.repartition.reliquat_centimes == calcul.enveloppe_centimes
    assert calcul.enveloppe_centimes + calcul.excedent_global_centimes == montant + supplement
    for lg in lignes:
        assert 0 <= lg.prime_brute_centimes <= lg.plafond_centimes
        assert lg.brut_a_verser_centimes == lg.prime_brute_centimes - lg.avances_centimes
        if lg.brut_a_verser_centimes > 0:
            assert lg.net_a_verser_centimes == lg.brut_a_verser_centimes - lg.csg_centimes - lg.crds_centimes
        else:
            assert lg.csg_centimes == lg.crds_centimes == 0


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(150_000, 900_000), st.integers(0, 364), st.integers(0, 364),
                          st.integers(0, 40)), min_size=1, max_size=12),
       st.integers(0, 20_000_000))
def test_conservation_depuis_douze_dsn(personnes, montant):
    equipe = []
    for i, (mensuel, entree, sortie, arret) in enumerate(personnes):
        debut = date(2025, 6, 1) if entree < 100 else date(2026, 1, 1) + timedelta(days=entree)
        fin = None if sortie < 200 else max(debut, date(2026, 1, 1) + timedelta(days=sortie))
        s = Salarie(f"D{i:03d}", "NOM", "Prénom", debut, mensuel, fin)
        if arret:
            a = max(debut, date(2026, 3, 1))
            s.arrets.append(Arret("01", a, a + timedelta(days=arret)))
        equipe.append(s)
    fichiers = dsn_de_l_exercice(equipe, 2026)
    lecture = lire_dsn(list(fichiers.values()), (date(2026, 1, 1), date(2026, 12, 31)), noms=list(fichiers))
    assert lecture.erreurs == []
    versement = versement_depuis_dict({"periode": 1, "masse_salariale_centimes": 1, "salaries": lecture.salaries})
    calcul = calculer_versement(ACCORD_EXEMPLE, versement, montant_centimes=montant)
    total = int(calcul.repartition.montants_centimes.sum())
    assert total + calcul.repartition.reliquat_centimes == calcul.enveloppe_centimes
    for s in lecture.salaries:
        assert sum(s["absences"].values()) <= s["jours_inscrits"] <= 365


def test_lignes_de_paie_egales_aux_fiches():
    from interessement.documents import rendre_fiches

    salaries = [{"salaire_brut_centimes": 3_000_000 + 100_000 * i, "jours_inscrits": 365, "maladie": i,
                 "maternite": 0, "avance": 0} for i in range(6)]
    versement = _versement(salaries)
    calcul = calculer_versement(ACCORD_EXEMPLE, versement, montant_centimes=1_234_567)
    lignes = paiement.lignes_paie(ACCORD_EXEMPLE, versement, calcul)
    fiches = rendre_fiches(ACCORD_EXEMPLE, versement, date_information=date(2027, 4, 15), calcul=calcul)
    from docx import Document

    for fiche, lg in zip(fiches, lignes, strict=True):
        texte = "\n".join(c.text for t in Document(io.BytesIO(fiche.contenu)).tables for r in t.rows for c in r.cells)
        from interessement import format as fmt

        assert fmt.montant(lg.net_a_verser_centimes) in texte
        assert fmt.montant(lg.csg_centimes) in texte


def test_exports_csv_et_xlsx_memes_montants():
    from openpyxl import load_workbook

    versement = _versement([{"salaire_brut_centimes": 2_500_000, "jours_inscrits": 365, "maladie": 0,
                             "maternite": 0, "avance": 50_000}] * 1 + [
        {"salaire_brut_centimes": 4_000_000, "jours_inscrits": 200, "maladie": 3, "maternite": 0, "avance": 0}])
    calcul = calculer_versement(ACCORD_EXEMPLE, versement, montant_centimes=400_000)
    lignes = paiement.lignes_paie(ACCORD_EXEMPLE, versement, calcul)
    csv = lire_export_csv(paiement.export_csv(lignes))
    feuille = load_workbook(io.BytesIO(paiement.export_xlsx(lignes))).active
    entetes = [c.value for c in feuille[1]]
    for ligne in feuille.iter_rows(min_row=2, values_only=True):
        d = dict(zip(entetes, ligne, strict=True))
        attendu = csv[d["Matricule"]]
        for colonne, centimes in attendu.items():
            assert round(float(d[colonne]) * 100) == centimes
    assert csv["S0000"]["Avances déjà versées"] == 50_000
    assert csv["S0000"]["Brut à verser"] == csv["S0000"]["Prime brute de la période"] - 50_000
    assert paiement.export_csv(lignes).startswith(b"\xef\xbb\xbfMatricule;Nom;")


def test_salaries_partis_et_echeancier():
    v = versement_depuis_dict({"periode": 1, "masse_salariale_centimes": 5_000_000, "salaries": [
        {"identifiant": "A", "nom": "Ana", "salaire_brut_centimes": 2_000_000, "jours_inscrits": 365},
        {"identifiant": "B", "nom": "Bob", "salaire_brut_centimes": 1_000_000, "jours_inscrits": 181,
         "date_sortie": "2026-06-30"}]})
    calcul = calculer_versement(ACCORD_EXEMPLE, v, montant_centimes=300_000)
    partis = paiement.sortants(ACCORD_EXEMPLE, v, calcul)
    assert [p["identifiant"] for p in partis] == ["B"]
    assert "D3313-10" in partis[0]["obligations"][0] and "31 mai 2028" in partis[0]["obligations"][1]
    echeances = paiement.echeancier(ACCORD_EXEMPLE, calcul.periode, date_information=date(2027, 4, 1),
                                    date_versement=date(2027, 5, 20))
    libelles = [(e.date, e.libelle) for e in echeances]
    assert (date(2027, 4, 16), next(x for d, x in libelles if x.startswith("Fin du délai de choix"))) in libelles
    assert (date(2027, 5, 31), next(x for d, x in libelles if x.startswith("Date limite de versement"))) in libelles
    assert libelles == sorted(libelles, key=lambda x: x[0])
