"""Données communes des tests de la page « Calculer et verser les primes » (AppTest, navigateur, banc) : l'accord
d'exemple, ses chiffres de clôture, un fichier des salariés tel qu'Excel (version française) l'enregistre, et les
12 DSN mensuelles d'une entreprise."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from chemins import EXEMPLES
from fabrique_dsn import dsn_de_l_exercice, equipe

ACCORD = EXEMPLES / "sas-30-part-resultat.json"
VERSEMENT = EXEMPLES / "sas-30-part-resultat.versement.json"
RCAI_EUROS = 285_000
MASSE_EUROS = 874_965
EXERCICE = "2026"


def csv_salaries() -> bytes:
    """Les salariés de l'exemple, dans un CSV d'Excel français : « ; », virgule décimale, Windows-1252, accents
    dans les en-têtes, dates JJ/MM/AAAA."""
    v = json.loads(VERSEMENT.read_text(encoding="utf-8"))
    tampon = io.StringIO()
    w = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    w.writerow(["Matricule", "Nom et prénom", "Salaire brut annuel (€)", "Jours d'inscription", "Temps de travail",
                "Date d'entrée", "Date de sortie", "Jours d'absence", "Motif"])
    for s in v["salaries"]:
        absences = s.get("absences") or {}
        code, jours = next(iter(absences.items()), ("", ""))
        w.writerow([s["identifiant"], s["nom"], f"{Decimal(s['salaire_brut_centimes']) / 100:.2f}".replace(".", ","),
                    s["jours_inscrits"], str(s.get("temps_travail", 1)).replace(".", ","),
                    "/".join(reversed(s["date_entree"].split("-"))) if s.get("date_entree") else "",
                    "/".join(reversed(s["date_sortie"].split("-"))) if s.get("date_sortie") else "",
                    jours, {"maladie": "Maladie", "maternite": "Congé maternité"}.get(code, code)])
    return tampon.getvalue().encode("cp1252")


SIREN = "732829320"  # celui de l'accord d'exemple


def dsn_entreprise(n: int = 30, siren: str = SIREN) -> dict[str, bytes]:
    """Les 12 DSN de 2026 de l'entreprise de l'accord d'exemple, ``n`` salariés (entrées, sorties, arrêts,
    suspensions)."""
    return dsn_de_l_exercice(equipe(n, 2026, graine=11), 2026, siren=siren, raison_sociale="Atelier Dupont & Fils")


def lire_export_csv(octets: bytes) -> dict[str, dict[str, int]]:
    """Export de paie CSV → {matricule: {colonne: centimes}} pour les colonnes de montants."""
    lignes = list(csv.reader(io.StringIO(octets.decode("utf-8-sig")), delimiter=";"))
    entetes = lignes[0]
    resultat = {}
    for ligne in lignes[1:]:
        d = dict(zip(entetes, ligne, strict=True))
        resultat[d["Matricule"]] = {k: int(Decimal(v.replace(",", ".")) * 100) for k, v in d.items()
                                    if k not in ("Matricule", "Nom", "Affectation sans réponse du salarié")}
    return resultat
