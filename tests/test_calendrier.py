"""Calendrier légal (REGLES.md §5)."""

from datetime import date

from chemins import EXEMPLES
from icalendar import Calendar

from interessement.calendrier import (
    calendrier,
    date_limite_conclusion,
    date_limite_depot,
    date_limite_versement,
    vers_ics,
)
from interessement.modele import PeriodeCalcul, charger_accord


def P(debut, fin, mois):
    return PeriodeCalcul(numero=1, debut=debut, fin=fin, mois=mois)


def test_accord_annuel_au_1er_janvier_2026():
    p = P(date(2026, 1, 1), date(2026, 12, 31), 12)
    assert date_limite_conclusion(p) == date(2026, 6, 30)
    assert date_limite_depot(p) == date(2026, 7, 15)
    assert date_limite_versement(p) == date(2027, 5, 31)


def test_exercice_decale():
    p = P(date(2026, 4, 1), date(2027, 3, 31), 12)
    assert date_limite_conclusion(p) == date(2026, 9, 30)
    assert date_limite_versement(p) == date(2027, 8, 31)


def test_periode_impaire():
    # 3 mois du 1er janvier au 31 mars 2026 : 90 jours, veille de début + 45 jours = 14 février
    p = P(date(2026, 1, 1), date(2026, 3, 31), 3)
    assert date_limite_conclusion(p) == date(2026, 2, 14)
    assert date_limite_versement(p) == date(2026, 5, 31)


def test_semestre():
    p = P(date(2026, 1, 1), date(2026, 6, 30), 6)
    assert date_limite_conclusion(p) == date(2026, 3, 31)
    assert date_limite_depot(p) == date(2026, 4, 15)
    assert date_limite_versement(p) == date(2026, 8, 31)


def test_calendrier_complet_et_ics():
    accord = charger_accord(EXEMPLES / "sas-30-part-resultat.json")
    ech = calendrier(accord)
    libelles = [e.libelle for e in ech]
    assert any("conclure" in x for x in libelles) and any("TéléAccords" in x for x in libelles)
    assert [e.date for e in ech] == sorted(e.date for e in ech)
    assert all(e.reference for e in ech)
    # 3 périodes annuelles → 3 dates limites de versement
    assert sum("Date limite de versement" in x for x in libelles) == 3
    cal = Calendar.from_ical(vers_ics(accord, ech))
    evenements = [c for c in cal.walk("VEVENT")]
    assert len(evenements) == len(ech)
    assert len({str(e["uid"]) for e in evenements}) == len(ech)


def test_fenetre_de_renegociation_terme_au_30_juin():
    # Accord du 1er juillet 2025 pour 3 ans : terme le 30 juin 2028 ; les 3 mois qui précèdent commencent le
    # 1er avril 2028 (et non le 31 mars : 30 juin − 3 mois = 30 mars, + 1 jour).
    accord = charger_accord(EXEMPLES / "sas-30-part-resultat.json").model_copy(deep=True)
    accord.periode.date_effet = date(2025, 7, 1)
    accord.periode.date_cloture_premier_exercice = date(2026, 6, 30)
    fenetre = next(e for e in calendrier(accord) if e.libelle.startswith("Fenêtre de renégociation"))
    assert (fenetre.date, fenetre.date_fin) == (date(2028, 4, 1), date(2028, 6, 30))


def test_adhesion_de_branche_exonerations_acquises_des_le_depot_sans_controle():
    """L3312-8 dernier alinéa : l'adhésion à un accord de branche agréé a ses exonérations réputées acquises dès
    le dépôt ; le calendrier n'annonce pas de « fin du contrôle de l'Urssaf »."""
    from chemins import RACINE

    accord = charger_accord(RACINE / "tests" / "donnees_documents" / "adhesion-branche-unilaterale.json")
    libelles = [e.libelle for e in calendrier(accord)]
    assert any("réputées acquises dès le dépôt" in x and "accord de branche" in x for x in libelles)
    assert not any("Fin du contrôle" in x for x in libelles)


def test_code_prevalidation_declare_n_est_pas_une_preuve():
    """R3313-4 : seul un texte rédigé entièrement sur le site de l'Urssaf et déposé sans modification avec son code
    est réputé conforme ; un code déclaré ne donne qu'une échéance sous condition, jamais « pré-validé »."""
    accord = charger_accord(EXEMPLES / "sas-30-part-resultat.json")
    accord = accord.model_copy(update={"depot": accord.depot.model_copy(update={"code_prevalidation": "MI-2026-000123"})})
    libelles = [e.libelle for e in calendrier(accord)]
    assert not any("pré-validé" in x for x in libelles)
    assert any("seulement si le texte déposé est celui téléchargé" in x for x in libelles)


def test_information_du_cse_seulement_s_il_existe():
    sans = charger_accord(EXEMPLES / "sarl-8-due-paliers.json")
    avec = charger_accord(EXEMPLES / "sas-30-part-resultat.json")
    assert not sans.entreprise.cse and avec.entreprise.cse
    assert not any("et du CSE" in e.libelle for e in calendrier(sans))
    assert any("Information des salariés et du CSE" in e.libelle for e in calendrier(avec))
