"""Ce qu'on remet et ce qu'on paie après la répartition d'une période : lignes de paie, export pour le logiciel de
paie (CSV et XLSX), salariés partis, échéancier du versement (.ics). La note de versement (Word) est dans
``interessement.documents.note_versement``.

Les montants viennent de ``calcul.calculer_versement`` (au centime) ; CSG et CRDS sont calculées sur le brut comme
sur les fiches individuelles (taux datés du versement, arrondi au centime le plus proche) ; les phrases juridiques
viennent de la bibliothèque des clauses (``phrases_versement.yaml``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from dateutil.relativedelta import relativedelta

from . import format as fmt
from . import parametres
from .assainir import ligne_tableur
from .calendrier import Echeance, calendrier, date_limite_versement
from .modele import Accord, PeriodeCalcul, Versement

__all__ = ["COLONNES_EXPORT", "LignePaie", "echeancier", "etapes_en_mots", "export_csv", "export_xlsx", "lignes_paie",
           "obligations_sortants", "plan_par_defaut", "prelevements", "sortants"]

#: Colonnes de l'export de paie, dans l'ordre (clé de ``LignePaie`` → en-tête français).
COLONNES_EXPORT = {
    "identifiant": "Matricule",
    "nom": "Nom",
    "prime_brute_centimes": "Prime brute de la période",
    "avances_centimes": "Avances déjà versées",
    "brut_a_verser_centimes": "Brut à verser",
    "csg_centimes": "CSG",
    "crds_centimes": "CRDS",
    "net_a_verser_centimes": "Net à verser",
    "affectation_defaut": "Affectation sans réponse du salarié",
}


@dataclass
class LignePaie:
    identifiant: str
    nom: str
    part_initiale_centimes: float
    plafond_centimes: int
    plafonne: bool
    redistribue_centimes: int
    prime_brute_centimes: int
    avances_centimes: int
    brut_a_verser_centimes: int
    csg_centimes: int
    crds_centimes: int
    net_a_verser_centimes: int
    affectation_defaut: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def etapes_en_mots(accord: Accord, etapes: list[Any]) -> list[str]:
    """Les étapes du calcul de l'enveloppe, chaque code d'indicateur (« resultat_courant_avant_impot ») remplacé par
    le nom que l'accord lui donne."""
    import re

    noms = {i.code: i.libelle for i in accord.indicateurs}
    motif = re.compile(r"\b(" + "|".join(re.escape(c) for c in sorted(noms, key=len, reverse=True)) + r")\b") \
        if noms else None
    return [motif.sub(lambda m: noms[m.group(1)], str(e)) if motif else str(e) for e in etapes]


def date_de_versement(versement: Versement, periode: PeriodeCalcul) -> date:
    """La date de versement prévue, à défaut la date limite (c'est aussi celle des fiches individuelles)."""
    return versement.date_versement or date_limite_versement(periode)


def _arrondi(x: Decimal) -> int:
    return int(x.to_integral_value(rounding=ROUND_HALF_UP))


def prelevements(brut_centimes: int, d: date) -> tuple[int, int]:
    """(CSG, CRDS) sur un brut, taux datés ``d`` (100 % du brut, sans abattement : L136-1-1 CSS)."""
    if brut_centimes <= 0:
        return 0, 0
    return (_arrondi(Decimal(brut_centimes) * parametres.value_at("csg_taux", d)),
            _arrondi(Decimal(brut_centimes) * parametres.value_at("crds_taux", d)))


def plan_par_defaut(accord: Accord) -> str | None:
    """Le plan où vont les droits du salarié qui ne répond pas (PEE ou PEI d'abord), ou ``None`` sans plan."""
    plans = accord.versement.plans_epargne
    if not plans or not accord.versement.affectation_defaut_plan:
        return None
    return next((p for p in plans if p in ("PEE", "PEI")), plans[0])


def lignes_paie(accord: Accord, versement: Versement, calcul: Any) -> list[LignePaie]:
    """Une ligne par bénéficiaire, dans l'ordre de la répartition."""
    d = date_de_versement(versement, calcul.periode)
    avances = {s.identifiant: s.avance_versee_centimes for s in versement.salaries}
    plan = plan_par_defaut(accord)
    defaut = plan if plan else "paiement"
    lignes = []
    for lg in calcul.lignes():
        brut = lg["montant_centimes"]
        avance = avances.get(lg["identifiant"], 0)
        a_verser = brut - avance
        csg, crds = prelevements(a_verser, d)
        lignes.append(LignePaie(
            lg["identifiant"], lg["nom"], lg["part_initiale_centimes"], lg["plafond_centimes"], lg["plafonne"],
            lg["redistribue_centimes"], brut, avance, a_verser, csg, crds, a_verser - csg - crds if a_verser > 0
            else a_verser, defaut))
    return lignes


def export_csv(lignes: list[LignePaie]) -> bytes:
    """CSV tel qu'Excel (version française) l'ouvre : « ; », virgule décimale, UTF-8 avec BOM."""
    tampon = io.StringIO()
    w = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    w.writerow(COLONNES_EXPORT.values())
    for lg in lignes:
        d = lg.to_dict()
        w.writerow(ligne_tableur([fmt.montant(d[k], devise=False).replace("\u202f", "").replace("\u00a0", "")
                                  if k.endswith("_centimes") else d[k] for k in COLONNES_EXPORT]))
    return tampon.getvalue().encode("utf-8-sig")


def export_xlsx(lignes: list[LignePaie]) -> bytes:
    """Classeur Excel : montants en nombres (euros, deux décimales), une ligne par bénéficiaire."""
    from openpyxl import Workbook

    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Intéressement"
    feuille.append(list(COLONNES_EXPORT.values()))
    for lg in lignes:
        d = lg.to_dict()
        # Un nom « =HYPERLINK(…) » serait une formule pour openpyxl et Excel : neutralisé (issue 13, point 3).
        feuille.append(ligne_tableur([Decimal(d[k]) / 100 if k.endswith("_centimes") else d[k]
                                      for k in COLONNES_EXPORT]))
    for ligne in feuille.iter_rows(min_row=2, min_col=3, max_col=8):
        for cellule in ligne:
            cellule.number_format = "#,##0.00"
    for colonne, largeur in zip("ABCDEFGHI", (14, 28, 16, 16, 14, 12, 12, 14, 30), strict=True):
        feuille.column_dimensions[colonne].width = largeur
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


def obligations_sortants(periode: PeriodeCalcul) -> list[str]:
    """Ce que l'employeur doit aux bénéficiaires partis (D3313-10 : adresse et fiche ; D3313-11 : sommes non
    réclamées conservées puis remises à la Caisse des dépôts), avec les dates de la période."""
    from .clauses import phrase

    limite = date_limite_versement(periode)
    annees = parametres.value_at("sommes_non_reclamees_delai_annees", periode.fin)
    return [phrase("versement_sortant_adresse"),
            phrase("versement_sortant_non_reclame", duree=f"{annees} an" + ("s" if annees > 1 else ""),
                   date=fmt.date_longue(limite + relativedelta(years=annees)))]


def sortants(accord: Accord, versement: Versement, calcul: Any) -> list[dict[str, Any]]:
    """Les bénéficiaires partis avant la fin de la période, avec leur prime et ce que l'employeur leur doit."""
    p = calcul.periode
    montants = {lg["identifiant"]: lg["montant_centimes"] for lg in calcul.lignes()}
    partis = [s for s in versement.salaries
              if s.date_sortie is not None and s.date_sortie < p.fin and s.identifiant in montants]
    if not partis:
        return []
    obligations = obligations_sortants(p)
    return [{"identifiant": s.identifiant, "nom": s.nom or "", "date_sortie": s.date_sortie,
             "montant_centimes": montants[s.identifiant], "obligations": obligations} for s in partis]


def echeancier(accord: Accord, periode: PeriodeCalcul, *, date_information: date | None,
               date_versement: date | None, interets: str | None = None) -> list[Echeance]:
    """Les dates du versement de la période : clôture, information, fin du délai de choix, versement prévu, date
    limite (avec les intérêts de retard s'il est prévu après), sommes non réclamées."""
    echeances = [e for e in calendrier(accord) if e.categorie == "versement" and e.periode == periode.numero]
    choix = parametres.value_at("choix_salarie_delai_jours", periode.fin)
    if date_information is not None:
        echeances.append(Echeance(date_information, "Information des salariés : remise des fiches individuelles",
                                  "C. trav. D3313-9", "versement", periode.numero))
        # Comme sur les fiches : le salarié est présumé informé à la date que l'accord fixe (R3313-12 II).
        pres = accord.information.presomption_information
        jours = pres.jours_apres_envoi if pres is not None and pres.moyen != "remise_main_propre" else 0
        presume = date_information + relativedelta(days=jours)
        detail = (f"Présumé informé le {fmt.date_longue(presume)} ({jours} jour(s) après l'envoi, selon l'accord), "
                  f"puis {choix} jours pour choisir." if jours else "")
        echeances.append(Echeance(presume + relativedelta(days=choix),
                                  f"Fin du délai de choix des salariés ({choix} jours)", "C. trav. L3315-2, R3313-12",
                                  "versement", periode.numero, detail=detail))
    if date_versement is not None:
        echeances.append(Echeance(date_versement, "Versement prévu des primes", "C. trav. L3314-9", "versement",
                                  periode.numero, detail=interets or ""))
    return sorted(echeances, key=lambda e: e.date)
