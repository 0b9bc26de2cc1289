"""Sous-commande ``interessement simuler`` : back-test, Monte-Carlo et vue « coût » d'un accord.

    interessement simuler ACCORD.json [--historique FICHIER] [--scenarios N] [--graine N] [--format texte|json]

L'historique vient de l'accord (champ ``historique``) ou d'un fichier (CSV français
``periode;masse_salariale;<indicateurs>``, ou JSON : liste de ``{periode, masse_salariale_centimes, valeurs}``).
Toute erreur d'entrée : message français, code de sortie 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np
from pydantic import TypeAdapter, ValidationError

from .. import format as fmt
from .. import parametres
from ..erreurs import ErreurEntree
from ..modele import Accord, ValeursPeriode, charger_accord, erreurs_en_francais
from .backtest import ResultatBacktest, backtest
from .cout import VueCout, cout
from .historique import lire_historique_csv, periodes_accord
from .monte_carlo import NIVEAUX_QUANTILES, HistoriqueInsuffisant, ResultatMonteCarlo, monte_carlo

SCENARIOS_DEFAUT = 10_000


def lire_historique(chemin: str, accord: Accord) -> list[ValeursPeriode]:
    """Historique d'un fichier : CSV français, ou JSON (liste de périodes au format de l'accord)."""
    if not chemin.lower().endswith(".json"):
        return lire_historique_csv(chemin, accord=accord)
    from ..modele import lire_json

    donnees, nom = lire_json(chemin, chemin)
    if isinstance(donnees, dict) and "historique" in donnees:
        donnees = donnees["historique"]
    if not isinstance(donnees, list):
        raise ErreurEntree(f"{nom} : une liste de périodes ([{{\"periode\": ..., \"valeurs\": ...}}, ...]) est attendue.")
    try:
        return TypeAdapter(list[ValeursPeriode]).validate_python(donnees)
    except ValidationError as exc:
        details = erreurs_en_francais(exc)
        raise ErreurEntree(f"{nom} : historique invalide ({len(details)} erreur(s)).", details) from exc


def _tableau(entetes: list[str], rangs: list[list[str]], a_droite: set[int]) -> list[str]:
    largeurs = [max(len(str(x)) for x in col) for col in zip(entetes, *rangs, strict=False)]

    def ligne(valeurs: Sequence[str]) -> str:
        return "  ".join(str(v).rjust(w) if i in a_droite else str(v).ljust(w)
                         for i, (v, w) in enumerate(zip(valeurs, largeurs, strict=True))).rstrip()

    return [ligne(entetes), "  ".join("-" * w for w in largeurs)] + [ligne(r) for r in rangs]


def _proba(p: float) -> str:
    return fmt.pourcentage(p, 1)


def texte_backtest(b: ResultatBacktest) -> list[str]:
    lignes = ["Back-test : l'enveloppe que la formule aurait donnée sur les exercices passés", ""]
    rangs = []
    for lg in b.lignes:
        rangs.append([
            lg.periode,
            fmt.montant(lg.masse_salariale_centimes) if lg.masse_salariale_centimes is not None else "inconnue",
            fmt.montant(lg.enveloppe_centimes) if lg.enveloppe_centimes is not None else "—",
            fmt.pourcentage(lg.taux_masse_salariale) if lg.taux_masse_salariale is not None else "—",
            fmt.montant(lg.moyenne_par_beneficiaire_centimes) if lg.moyenne_par_beneficiaire_centimes is not None
            else "—",
            lg.determinant + (f" : {lg.motif}" if lg.motif else "") + "".join(f" ({n})" for n in lg.notes),
        ])
    lignes += _tableau(["Période", "Masse salariale", "Enveloppe", "% masse sal.", "Moyenne/bénéf.", "Décidée par"],
                       rangs, {1, 2, 3, 4})
    lignes.append("")
    if b.nb_calculables:
        lignes.append(f"Versement dans {b.nb_versements} période(s) sur {b.nb_calculables} calculable(s).")
    else:
        lignes.append("Aucune période calculable.")
    lignes += [f"  - {n}" for n in b.notes]
    return lignes


def texte_monte_carlo(r: ResultatMonteCarlo) -> list[str]:
    lignes = [f"Simulation de Monte-Carlo : {r.scenarios:_} scénarios, graine {r.graine}".replace("_", "\u00a0"), "",
              f"Méthode : {r.methode_detail}."]
    lignes += [f"  - {code} : {texte}" for code, texte in r.methodes_indicateurs.items()]
    lignes.append("")
    entetes = ["Période", "Fin", "P(versement)", "P(aucun)"] + [
        "Médiane" if n == 50 else f"{n} %".replace(" ", "\u00a0") for n in NIVEAUX_QUANTILES
    ] + ["Médiane/bénéf.", "P(plafond accord)", "P(plafond 20 %)".replace(" %", "\u00a0%")]
    rangs = []
    for p in r.periodes:
        par_tete = p.quantiles_moyenne_beneficiaire_centimes
        rangs.append([str(p.numero), fmt.date_courte(p.fin), _proba(p.proba_versement), _proba(p.proba_aucun_versement)]
                     + [fmt.montant(p.quantiles_enveloppe_centimes[n]) for n in NIVEAUX_QUANTILES]
                     + [fmt.montant(par_tete[50]) if par_tete else "—", _proba(p.proba_plafond_accord),
                        _proba(p.proba_plafond_legal)])
    lignes.append("Enveloppe de chaque période (quantiles) :")
    lignes += _tableau(entetes, rangs, set(range(2, len(entetes))))
    lignes += [
        "",
        f"Ensemble des périodes : versement dans {_proba(r.proba_versement)} des cas "
        f"(aucun versement : {_proba(r.proba_aucun_versement)}) ; au moins un versement sur la durée de l'accord : "
        f"{_proba(r.proba_au_moins_un_versement)}.",
        f"Enveloppe médiane d'une période : {fmt.montant(r.quantiles_enveloppe_centimes[50])} ; total sur la durée "
        f"de l'accord : médiane {fmt.montant(r.quantiles_total_centimes[50])}, de "
        f"{fmt.montant(r.quantiles_total_centimes[5])} à {fmt.montant(r.quantiles_total_centimes[95])} "
        "(5 % – 95 %).".replace(" %", "\u00a0%"),
        f"Plafond de l'accord atteint : {_proba(r.proba_plafond_accord)} ; plafond légal de 20 % atteint : "
        f"{_proba(r.proba_plafond_legal)}.".replace("20 %", "20\u00a0%"),
    ]
    lignes += [f"  - {n}" for n in r.notes]
    return lignes


def enveloppe_pour_cout(r: ResultatMonteCarlo) -> tuple[int, str]:
    """L'enveloppe médiane ; si elle est nulle, la médiane des enveloppes versées (et le libellé qui le dit)."""
    mediane = r.quantiles_enveloppe_centimes[50]
    if mediane > 0:
        return mediane, "enveloppe médiane d'une période"
    versees = r.enveloppes_centimes[r.enveloppes_centimes > 0]
    if versees.size == 0:
        return 0, "enveloppe médiane d'une période (aucun scénario ne verse)"
    return int(np.floor(np.median(versees) + 1e-6)), "enveloppe médiane quand un versement a lieu"


def vues_cout(accord: Accord, r: ResultatMonteCarlo) -> tuple[int, str, VueCout, VueCout | None] | str:
    """Vue « coût » de l'enveloppe médiane : pour l'entreprise et par bénéficiaire ; un texte si impossible."""
    montant, libelle = enveloppe_pour_cout(r)
    d = periodes_accord(accord)[0].fin
    try:
        entiere = cout(accord, montant, date=d)
        effectif = accord.entreprise.effectif
        par_tete = cout(accord, montant // effectif, date=d) if effectif > 0 else None
    except parametres.HorsPeriodeModelisee as exc:
        return f"Vue « coût » indisponible : {exc}"
    return montant, libelle, entiere, par_tete


def texte_cout(accord: Accord, vues: tuple[int, str, VueCout, VueCout | None] | str) -> list[str]:
    if isinstance(vues, str):
        return [vues]
    montant, libelle, entiere, par_tete = vues
    lignes = [f"Vue « coût » ({libelle} : {fmt.montant(montant)}, paramètres au {fmt.date_longue(entiere.date)})", ""]
    ip, po = entiere.interessement_place, entiere.prime_ordinaire
    lignes.append(f"Pour l'entreprise : coût {fmt.montant(ip.cout_employeur_centimes)} (dont forfait social "
                  f"{fmt.montant(ip.charges_employeur_centimes)}), contre {fmt.montant(po.cout_employeur_centimes)} "
                  "pour la même somme en prime ordinaire (approximation).")
    if par_tete is not None:
        lignes += ["", f"Par bénéficiaire (moyenne : enveloppe ÷ effectif {accord.entreprise.effectif}, "
                       f"{fmt.montant(par_tete.brut_centimes)} brut) :", par_tete.texte()]
    else:
        lignes += [f"  - {n}" for n in entiere.notes]
    return lignes


def _cmd_simuler(args: argparse.Namespace) -> int:
    accord = charger_accord(args.accord)
    historique = lire_historique(args.historique, accord) if args.historique else None
    if historique is None and not accord.historique:
        raise ErreurEntree(f"{args.accord} : l'accord n'a pas d'historique ; donnez-en un avec --historique FICHIER "
                           "(CSV : periode;masse_salariale;<indicateurs>).")
    b = backtest(accord, historique)
    r: ResultatMonteCarlo | None
    impossible = None
    try:
        r = monte_carlo(accord, args.scenarios, args.graine, historique)
    except HistoriqueInsuffisant as exc:
        r, impossible = None, str(exc)
    vues = vues_cout(accord, r) if r is not None else None
    if args.format == "json":
        sortie: dict[str, Any] = {
            "accord": accord.entreprise.raison_sociale,
            "source_historique": args.historique or "accord",
            "backtest": b.to_dict(),
            "monte_carlo": r.to_dict() if r is not None else None,
            "monte_carlo_impossible": impossible,
            "cout": None,
        }
        if isinstance(vues, tuple):
            montant, libelle, entiere, par_tete = vues
            sortie["cout"] = {"enveloppe_centimes": montant, "libelle": libelle, "enveloppe": entiere.to_dict(),
                              "par_beneficiaire": par_tete.to_dict() if par_tete else None}
        elif isinstance(vues, str):
            sortie["cout_impossible"] = vues
        sys.stdout.write(json.dumps(sortie, ensure_ascii=False, indent=2) + "\n")
        return 0
    source = f"fichier {args.historique}" if args.historique else "historique de l'accord"
    lignes = [f"Laboratoire de l'aléa — {accord.entreprise.raison_sociale}", f"Historique : {source}.", ""]
    lignes += texte_backtest(b)
    lignes.append("")
    if r is None:
        lignes.append(impossible or "")
    else:
        lignes += texte_monte_carlo(r)
        lignes.append("")
        lignes += texte_cout(accord, vues)  # type: ignore[arg-type]
    sys.stdout.write("\n".join(lignes) + "\n")
    return 0


def ajouter_commandes(sous: Any) -> None:
    p = sous.add_parser("simuler", help="Back-test, simulation de Monte-Carlo et coût de la prime d'un accord")
    p.add_argument("accord", help="fichier JSON de l'accord")
    p.add_argument("--historique", metavar="FICHIER",
                   help="historique des indicateurs : CSV (periode;masse_salariale;<indicateurs>, montants en "
                        "euros, virgule décimale) ou JSON ; par défaut celui de l'accord")
    p.add_argument("--scenarios", type=int, default=SCENARIOS_DEFAUT, metavar="N",
                   help=f"nombre de scénarios (défaut {SCENARIOS_DEFAUT})")
    p.add_argument("--graine", type=int, default=0, metavar="N", help="graine du générateur aléatoire (défaut 0)")
    p.add_argument("--format", choices=["texte", "json"], default="texte")
    p.set_defaults(fonction=_cmd_simuler)
