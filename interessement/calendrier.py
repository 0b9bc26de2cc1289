"""Le calendrier légal d'un accord (REGLES.md §5), chaque date avec son libellé français et sa référence.

Conclusion (L3314-4), dépôt (D3313-1), fin du contrôle de l'Urssaf (L3313-3), information et choix du
salarié (L3315-2, R3313-12), date limite de versement (L3314-9), sommes non réclamées (D3313-11), fenêtre de
renégociation ; export .ics avec la bibliothèque icalendar.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime

from dateutil.relativedelta import relativedelta

from . import format as fmt
from . import parametres
from .assainir import nettoyer_texte
from .modele import Accord, PeriodeCalcul


@dataclass(frozen=True)
class Echeance:
    date: date
    libelle: str
    reference: str
    categorie: str  # mise_en_place, controle, versement, renouvellement
    periode: int | None = None
    date_fin: date | None = None  # pour une fenêtre
    detail: str = ""

    def to_dict(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "date_fin": self.date_fin.isoformat() if self.date_fin else None,
            "libelle": self.libelle,
            "reference": self.reference,
            "categorie": self.categorie,
            "periode": self.periode,
            "detail": self.detail,
        }


def _fin_de_mois(d: date) -> date:
    return d + relativedelta(day=31)


def date_limite_conclusion(p: PeriodeCalcul) -> date:
    """Veille du premier jour de la seconde moitié de la période (L3314-4).

    Nombre pair de mois : veille de (début + n/2 mois) ; sinon veille de (début + ⌊jours/2⌋ jours).
    """
    if p.mois % 2 == 0 and p.mois > 0:
        return p.debut + relativedelta(months=p.mois // 2) - relativedelta(days=1)
    return p.debut + relativedelta(days=p.jours // 2) - relativedelta(days=1)


def date_limite_depot(p: PeriodeCalcul) -> date:
    return date_limite_conclusion(p) + relativedelta(days=parametres.value_at("delai_depot_jours", p.debut))


def date_limite_versement(p: PeriodeCalcul) -> date:
    """Dernier jour du 5e mois après la clôture (annuel) ou du 2e mois après la période (infra-annuel)."""
    nom = "versement_delai_mois_annuel" if p.annuelle else "versement_delai_mois_infra_annuel"
    mois = parametres.value_at(nom, p.fin)
    return _fin_de_mois(p.fin + relativedelta(months=mois, day=1))


def debut_fenetre_renegociation(fin: date, mois: int) -> date:
    """Premier jour des ``mois`` mois qui précèdent le terme ``fin`` (inclus) : lendemain du terme − mois.

    Terme au 30 juin, 3 mois : 1er avril (et non « 30 juin − 3 mois + 1 jour » = 31 mars).
    """
    return fin + relativedelta(days=1) - relativedelta(months=mois)


def calendrier(accord: Accord) -> list[Echeance]:
    """Toutes les échéances de l'accord, triées par date."""
    periodes = accord.periodes()
    echeances: list[Echeance] = []
    premiere = periodes[0]
    conclusion = date_limite_conclusion(premiere)
    depot = date_limite_depot(premiere)
    echeances.append(Echeance(accord.periode.date_effet, "Date d'effet de l'accord", "C. trav. L3312-5",
                              "mise_en_place"))
    echeances.append(Echeance(
        conclusion, "Dernier jour pour conclure l'accord", "C. trav. L3314-4", "mise_en_place", 1,
        detail="Avant le premier jour de la seconde moitié de la première période de calcul.",
    ))
    echeances.append(Echeance(
        depot, "Dernier jour pour déposer l'accord sur TéléAccords", "C. trav. D3313-1", "mise_en_place", 1,
        detail=f"{parametres.value_at('delai_depot_jours', premiere.debut)} jours après la date limite de conclusion.",
    ))
    depot_reel = accord.depot.date_depot
    base_controle = depot_reel or depot
    if accord.mise_en_place.mode == "adhesion_branche":
        # L3312-8 dernier alinéa : l'adhésion conclue ou signée dans le délai a ses exonérations réputées acquises
        # dès le dépôt, pour toute sa durée ; pas de contrôle de l'Urssaf sur son contenu.
        echeances.append(Echeance(
            base_controle, "Adhésion à un accord de branche agréé : exonérations réputées acquises dès le dépôt"
            + ("" if depot_reel else " (au plus tard, à la date limite de dépôt)"),
            "C. trav. L3312-8", "controle",
            detail="Si l'adhésion est conclue ou signée avant la date limite de conclusion et déposée.",
        ))
    elif accord.depot.code_prevalidation and parametres.value_at("procedure_prevalidee_disponible", base_controle):
        # R3313-4 : seul un texte entièrement rédigé sur le site de l'Urssaf et déposé sans modification avec son
        # code a ce statut ; un code déclaré ne le prouve pas : l'échéance le dit sous condition.
        echeances.append(Echeance(
            base_controle, "Code « Mon intéressement » déclaré : exonérations réputées acquises dès le dépôt "
            "seulement si le texte déposé est celui téléchargé sur le site de l'Urssaf, sans modification",
            "C. trav. L3313-3, R3313-4", "controle",
            detail="À défaut, le contrôle de l'Urssaf de l'article L3313-3 s'applique (trois mois, puis deux).",
        ))
    else:
        m1 = parametres.value_at("controle_urssaf_premier_mois", base_controle)
        m2 = parametres.value_at("controle_urssaf_suivant_mois", base_controle)
        suffixe = "" if depot_reel else " (au plus tard, à partir de la date limite de dépôt)"
        echeances.append(Echeance(
            base_controle + relativedelta(months=m1),
            "Fin du contrôle de l'Urssaf : exonérations sécurisées pour l'exercice en cours" + suffixe,
            "C. trav. L3313-3, L3345-2", "controle",
        ))
        if m2:
            echeances.append(Echeance(
                base_controle + relativedelta(months=m1 + m2),
                "Fin du contrôle de l'Urssaf : exonérations sécurisées pour les exercices suivants" + suffixe,
                "C. trav. L3313-3, L3345-2", "controle",
            ))
    for p in periodes:
        versement = date_limite_versement(p)
        choix = parametres.value_at("choix_salarie_delai_jours", p.fin)
        nom_p = f"période {p.numero} ({fmt.date_courte(p.debut)} – {fmt.date_courte(p.fin)})"
        echeances.append(Echeance(p.fin, f"Clôture de la {nom_p}", "C. trav. L3314-2", "versement", p.numero))
        echeances.append(Echeance(
            p.fin + relativedelta(days=1), f"Information des salariés{' et du CSE' if accord.entreprise.cse else ''} sur le calcul ({nom_p})",
            "C. trav. L3313-2, D3313-9", "versement", p.numero, date_fin=versement,
            detail=f"Avant le versement ; le salarié a ensuite {choix} jours pour choisir entre paiement et placement.",
        ))
        echeances.append(Echeance(
            versement - relativedelta(days=choix), f"Dernier jour conseillé pour informer les salariés ({nom_p})",
            "C. trav. L3315-2, R3313-12", "versement", p.numero,
            detail=f"Pour laisser le délai de choix de {choix} jours avant la date limite de versement.",
        ))
        echeances.append(Echeance(
            versement, f"Date limite de versement ({nom_p})", "C. trav. L3314-9", "versement", p.numero,
            detail=f"Au-delà, des intérêts de retard égaux à "
                   f"{fmt.nombre(parametres.value_at('interets_retard_coefficient_tmop', p.fin))} fois le TMOP sont dus.",
        ))
        annees = parametres.value_at("sommes_non_reclamees_delai_annees", p.fin)
        echeances.append(Echeance(
            versement + relativedelta(years=annees),
            f"Sommes non réclamées des salariés partis remises à la Caisse des dépôts ({nom_p})",
            "C. trav. D3313-11", "versement", p.numero,
        ))
    fin = accord.periode.date_fin
    mois_reneg = parametres.value_at("renegociation_fenetre_mois", fin)
    echeances.append(Echeance(
        debut_fenetre_renegociation(fin, mois_reneg),
        "Fenêtre de renégociation ou de renouvellement" + (" (reconduction tacite prévue)"
                                                           if accord.periode.reconduction_tacite else ""),
        "C. trav. L3312-5", "renouvellement", date_fin=fin,
        detail=f"Les {mois_reneg} mois qui précèdent le terme de l'accord.",
    ))
    echeances.append(Echeance(fin, "Terme de l'accord", "C. trav. L3312-5", "renouvellement"))
    return sorted(echeances, key=lambda e: (e.date, e.categorie != "mise_en_place"))


def vers_ics(accord: Accord, echeances: list[Echeance] | None = None, *, horodatage: datetime | None = None) -> bytes:
    """Le calendrier au format iCalendar (.ics), un événement « journée entière » par échéance."""
    from icalendar import Calendar, Event

    echeances = echeances if echeances is not None else calendrier(accord)
    horodatage = horodatage or datetime.now(UTC)
    cal = Calendar()
    cal.add("prodid", "-//Intéressement ouvert//Calendrier légal//FR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", nettoyer_texte(f"Intéressement — {accord.entreprise.raison_sociale}", une_ligne=True))
    for e in echeances:
        ev = Event()
        empreinte = hashlib.sha256(
            f"{accord.identifiant or accord.entreprise.raison_sociale}|{e.libelle}|{e.date}".encode()
        ).hexdigest()[:24]
        ev.add("uid", f"{empreinte}@interessement-ouvert")
        ev.add("dtstamp", horodatage)
        ev.add("summary", nettoyer_texte(e.libelle, une_ligne=True))
        ev.add("dtstart", e.date)
        ev.add("dtend", (e.date_fin or e.date) + relativedelta(days=1))
        ev.add("description", " ".join(x for x in (e.detail, f"Référence : {e.reference}.") if x))
        ev.add("categories", [e.categorie])
        cal.add_component(ev)
    return cal.to_ical()
