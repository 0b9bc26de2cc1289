"""La ligne de commande ``interessement`` (sous-commandes françaises).

Chaque fonctionnalité enregistre ses sous-commandes par une fonction ``ajouter_commandes(sous_parseurs)`` ;
la liste ``MODULES`` ci-dessous les rassemble. Toute erreur d'entrée donne un message français et le code 2,
jamais une trace Python.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import io
import json
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from . import format as fmt
from .assainir import EcrivainTableur, FluxPropre
from .entrees import erreur_ecriture, message_systeme, verifier_sortie
from .erreurs import ErreurEntree
from .parametres import HorsPeriodeModelisee

MODULES = [
    "interessement.cli",
    "interessement.simulation.cli",
    "validators.cli",
    "interessement.documents.cli",
    "interessement.lots",
]

#: Quel module définit chaque sous-commande : ``interessement valider`` n'importe ni la génération des documents
#: Word ni la simulation (démarrage à froid) ; sans commande connue (aide, faute de frappe), tous les modules.
#: tests/test_cli.py vérifie que cette table dit vrai.
COMMANDES = {
    "schema": "interessement.cli", "lire": "interessement.cli", "calendrier": "interessement.cli",
    "repartir": "interessement.cli", "simuler": "interessement.simulation.cli", "valider": "validators.cli",
    "regles": "validators.cli", "generer": "interessement.documents.cli", "cache": "interessement.lots",
}

CODE_ERREUR_ENTREE = 2


class _Formateur(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001 - signature d'argparse
        super().add_usage(usage, actions, groups, prefix="utilisation : " if prefix is None else prefix)


class _Parseur(argparse.ArgumentParser):
    """argparse en français : aide, utilisation et erreurs d'usage."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formateur)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="affiche cette aide et quitte")

    def error(self, message: str) -> None:  # pragma: no cover - message seulement
        self.print_usage(sys.stderr)
        self.exit(CODE_ERREUR_ENTREE, f"{self.prog} : erreur : {traduire_erreur_argparse(message)}\n")


_TYPES_ARGPARSE = {"int": "nombre entier attendu", "float": "nombre attendu"}


def traduire_erreur_argparse(message: str) -> str:
    """Les messages d'erreur d'usage d'argparse (anglais) en français."""
    message = re.sub(r"invalid (\w+) value: '(.*)'",
                     lambda m: f"{_TYPES_ARGPARSE.get(m[1], 'valeur invalide')} (reçu : « {m[2]} »)", message)
    message = re.sub(r"invalid choice: '(.*)' \(choose from (.*)\)",
                     lambda m: f"choix invalide « {m[1]} » ; valeurs possibles : {m[2].replace(chr(39), '')}",
                     message)
    message = re.sub(r"ambiguous option: (\S+) could match (.*)",
                     lambda m: f"option ambiguë {m[1]} : précisez parmi {m[2]}", message)
    message = re.sub(r"expected (\d+) arguments?", lambda m: f"{m[1]} valeur(s) attendue(s)", message)
    traductions = {
        "the following arguments are required": "arguments obligatoires manquants",
        "unrecognized arguments": "arguments inconnus",
        "invalid choice": "choix invalide",
        "expected one argument": "une valeur est attendue",
        "expected at least one argument": "au moins une valeur est attendue",
        "expected at most one argument": "au plus une valeur est attendue",
        "ignored explicit argument": "valeur non admise pour cette option :",
        "one of the arguments": "un de ces arguments est obligatoire :",
        " is required": "",
        "not allowed with argument": "incompatible avec l'argument",
    }
    for en, fr in traductions.items():
        message = message.replace(en, fr)
    return re.sub(r"^argument ([^:]+): ", r"argument \1 : ", message).replace("manquants: ", "manquants : ")


def date_iso(texte: str) -> date:
    """Type argparse d'une date AAAA-MM-JJ, avec un message français."""
    try:
        return date.fromisoformat(texte)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date invalide « {texte} » (format AAAA-MM-JJ attendu)") from None


def _ecrire(texte: str | bytes, sortie: str | None, option: str = "--sortie") -> None:
    if sortie:
        try:
            if isinstance(texte, bytes):
                Path(sortie).write_bytes(texte)
            else:
                Path(sortie).write_text(texte, encoding="utf-8")
        except OSError as exc:
            raise erreur_ecriture(option, sortie, exc) from None
    else:
        if isinstance(texte, bytes):
            sys.stdout.buffer.write(texte)
        else:
            sys.stdout.write(texte if texte.endswith("\n") else texte + "\n")


# ------------------------------------------------------------------------------------------------- schema


def _cmd_schema(args: argparse.Namespace) -> int:
    from .modele import schema_accord, schema_versement

    if args.lecture:
        from .lecture.controle import schema_lecture

        schema = schema_lecture()
    else:
        schema = schema_versement() if args.versement else schema_accord()
    _ecrire(json.dumps(schema, ensure_ascii=False, indent=2), args.sortie)
    return 0


# --------------------------------------------------------------------------------------------------- lire


def lire_fichier(source: str, options: dict[str, Any], contenu: bytes | None = None) -> dict[str, Any]:
    """La lecture d'un fichier du lot (dans un processus ou un travailleur Dask) : code, lecture rendue."""
    from .lecture.controle import controler_texte, lecture_en_dict, lecture_en_texte
    from .lecture.ouvrir import ouvrir

    doc = ouvrir(source if contenu is None else contenu, Path(source).name)
    reference = date.fromisoformat(options["date_reference"]) if options.get("date_reference") else None
    # Le contrôle partagé avec ``valider`` et la page « Vérifier » : intégrité d'un .docx produit ici comprise ;
    # pour un texte écrit ailleurs, la loi du jour du contrôle.
    rapport = controler_texte(doc, source if contenu is None else contenu, reference, nom=source)
    # Les codes de ``valider`` : 0 conforme (ou annexe reconnue), 1 bloquant, 2 indéterminé ou à vérifier.
    code = 1 if rapport.statut == "non conforme" else 0 if rapport.statut in ("conforme", "annexe") else 2
    if options.get("format") == "json":
        return {"code": code, "rendu": {"fichier": source, **lecture_en_dict(doc, rapport)}}
    return {"code": code, "rendu": lecture_en_texte(doc, rapport)}


def _cmd_lire(args: argparse.Namespace) -> int:
    """Lit chaque texte d'accord : structure, faits cités, clauses obligatoires, constats. Un fichier illisible
    donne un message et les autres sont lus ; code 2 si un fichier n'a pas pu être lu, sinon 1 si un constat
    bloque, sinon 2 si un texte reste à vérifier, sinon 0. Un lot est lu sur tous les cœurs (ou sur Dask)."""
    from .lots import cache_de, executer_lot, options_valides

    options_valides(args)
    verifier_sortie(args.sortie, args.fichiers)
    options = {"date_reference": args.date_reference.isoformat() if args.date_reference else None,
               "format": args.format}
    if not args.date_reference:
        options["jour"] = date.today().isoformat()  # un texte écrit ailleurs s'apprécie au jour du contrôle
    resultats: list[Any] = []
    codes: list[int] = []
    for chemin, resultat in executer_lot(args.fichiers, lire_fichier, options, processus=args.processus,
                                         dask=args.dask, cache=cache_de(args)):
        if "erreur" in resultat:
            codes.append(CODE_ERREUR_ENTREE)
            message = resultat["erreur"]
            resultats.append({"fichier": chemin, "erreur": message} if args.format == "json"
                             else f"Fichier illisible : {message}")
            print(f"Illisible : {message}", file=sys.stderr)
            continue
        codes.append(resultat["code"])
        resultats.append(resultat["rendu"])
    if args.format == "json":
        sortie: Any = resultats[0] if len(resultats) == 1 else {"lectures": resultats}
        _ecrire(json.dumps(sortie, ensure_ascii=False, indent=2), args.sortie)
    else:
        _ecrire(("\n\n" + "=" * 100 + "\n\n").join(resultats), args.sortie)
    if CODE_ERREUR_ENTREE in codes:
        return CODE_ERREUR_ENTREE
    return 1 if 1 in codes else 2 if 2 in codes else 0


# ---------------------------------------------------------------------------------------------- calendrier


def _cmd_calendrier(args: argparse.Namespace) -> int:
    from .calendrier import calendrier, vers_ics
    from .modele import charger_accord

    verifier_sortie(args.ics, [args.accord], "--ics")
    accord = charger_accord(args.accord)
    echeances = calendrier(accord)
    if args.ics:
        _ecrire(vers_ics(accord, echeances), args.ics, "--ics")
    if args.format == "json":
        _ecrire(json.dumps([e.to_dict() for e in echeances], ensure_ascii=False, indent=2), None)
        return 0
    lignes = [f"Calendrier légal — {accord.entreprise.raison_sociale}", ""]
    for e in echeances:
        quand = fmt.date_longue(e.date)
        if e.date_fin and e.date_fin != e.date:
            quand = f"du {quand} au {fmt.date_longue(e.date_fin)}"
        lignes.append(f"{quand:<40} {e.libelle}  [{e.reference}]")
    if args.ics:
        lignes += ["", f"Calendrier enregistré au format .ics : {args.ics}"]
    _ecrire("\n".join(lignes), None)
    return 0


# ------------------------------------------------------------------------------------------------ repartir


def lire_salaries(chemin: str | Sequence[str], exercice: tuple[Any, Any] | None = None) -> list[dict[str, Any]]:
    """Salariés d'un fichier CSV/XLSX (colonnes françaises), d'un fichier de versement JSON, ou des DSN mensuelles
    de l'exercice (fichiers ou dossiers) ; ``exercice`` (début, fin) : sans jours d'inscription, ils sont calculés
    des dates d'entrée et de sortie (CSV) ou des contrats (DSN)."""
    from .dsn import est_dsn, fichiers_de, lire_dsn
    from .entrees import lire_octets

    chemins = [chemin] if isinstance(chemin, str) else list(chemin)
    fichiers = fichiers_de(chemins)
    if not fichiers:
        raise ErreurEntree(f"--salaries {' '.join(chemins)} : aucun fichier (dossier vide ?).")
    debuts = {}
    for f in fichiers:
        if not f.is_file():
            raise ErreurEntree(f"{f} : fichier introuvable.")
        with f.open("rb") as flux:
            debuts[f] = flux.read(200)
    dsn = [f for f in fichiers if est_dsn(debuts[f])]
    if dsn:
        autres = [str(f) for f in fichiers if f not in dsn]
        if autres:
            raise ErreurEntree("--salaries : des DSN et d'autres fichiers mêlés ; donnez soit les DSN mensuelles de "
                               "l'exercice, soit un seul fichier CSV, XLSX ou JSON.", [f"pas une DSN : {a}" for a in autres])
        if exercice is None:
            raise ErreurEntree("--salaries : les DSN se lisent sur l'exercice de la période ; indiquez --exercice.")
        lu = lire_dsn([lire_octets(f, str(f), 50_000_000)[0] for f in dsn], exercice, noms=[str(f) for f in dsn])
        if lu.erreurs:
            raise ErreurEntree(f"{len(lu.erreurs)} erreur(s) dans les DSN.", [str(e) for e in lu.erreurs])
        for avertissement in lu.avertissements:
            print(f"Avertissement (DSN) : {avertissement}", file=sys.stderr)
        return lu.salaries
    if len(fichiers) > 1:
        raise ErreurEntree("--salaries : plusieurs fichiers ne se donnent que pour les DSN mensuelles ; pour un "
                           "CSV, un XLSX ou un JSON, donnez un seul fichier.")
    chemin = str(fichiers[0])
    if chemin.lower().endswith(".json"):
        from .modele import charger_versement

        return [s.model_dump() for s in charger_versement(chemin).salaries]
    from .fichiers_salaries import lire_fichier_salaries, salaries_pour_versement

    lecture = lire_fichier_salaries(chemin, exercice=exercice)
    # Ce que le lecteur a ignoré ou déduit (colonne inconnue, ligne de total, jours calculés des dates…) : dit sur
    # la sortie d'erreur, comme l'assistant l'affiche, sans se mêler au tableau de la sortie standard.
    for avertissement in lecture.avertissements:
        print(f"Avertissement ({Path(chemin).name}) : {avertissement}", file=sys.stderr)
    if lecture.erreurs:
        raise ErreurEntree(f"{chemin} : {len(lecture.erreurs)} erreur(s) dans le fichier des salariés.",
                           [str(e) for e in lecture.erreurs])
    return salaries_pour_versement(lecture.salaries)


def _lire_indicateurs(chemin: str) -> dict[str, Any]:
    from .modele import lire_json

    donnees, nom = lire_json(chemin, chemin)
    if not isinstance(donnees, dict):
        raise ErreurEntree(f"{nom} : un objet JSON est attendu (« valeurs », « valeurs_precedentes », "
                           "« masse_salariale_centimes »).")
    if "valeurs" not in donnees:
        donnees = {"valeurs": donnees}
    return {k: donnees[k] for k in ("valeurs", "valeurs_precedentes", "masse_salariale_centimes",
                                    "remuneration_dirigeants_n1_centimes", "plus_haut_salaire_centimes",
                                    "supplement_centimes") if k in donnees}


def _periode_de_l_exercice(accord: Any, exercice: int, periode: int | None) -> int:
    periodes = accord.periodes()
    if periode is not None:
        return periode
    candidates = [p for p in periodes if p.fin.year == exercice]
    if not candidates:
        annees = sorted({p.fin.year for p in periodes})
        raise ErreurEntree(f"--exercice {exercice} : aucune période de l'accord ne se termine en {exercice} "
                           f"(exercices couverts : {', '.join(map(str, annees))}).")
    if len(candidates) > 1:
        raise ErreurEntree(f"--exercice {exercice} : plusieurs périodes se terminent en {exercice} "
                           f"(n° {', '.join(str(p.numero) for p in candidates)}) ; précisez --periode N.")
    return candidates[0].numero


def _cmd_repartir(args: argparse.Namespace) -> int:
    from .calcul import calculer_versement
    from .modele import MONTANT_MAX_CENTIMES, charger_accord, versement_depuis_dict

    verifier_sortie(args.sortie, [args.accord, *args.salaries, args.indicateurs])
    accord = charger_accord(args.accord)
    numero = _periode_de_l_exercice(accord, args.exercice, args.periode)
    periode = next((p for p in accord.periodes() if p.numero == numero), None)
    salaries = lire_salaries(args.salaries, (periode.debut, periode.fin) if periode else None)
    donnees: dict[str, Any] = {"periode": numero, "exercice": str(args.exercice), "salaries": salaries}
    montant = None
    if args.montant is not None:
        try:
            montant = fmt.euros_en_centimes(args.montant)
        except ValueError as exc:
            raise ErreurEntree(f"--montant : {exc}") from exc
        if montant < 0:
            raise ErreurEntree("--montant : le montant doit être positif ou nul.")
        if montant > MONTANT_MAX_CENTIMES:
            raise ErreurEntree(f"--montant : montant démesuré (au plus {fmt.montant(MONTANT_MAX_CENTIMES)}) ; "
                               "vérifiez le nombre de chiffres.")
    else:
        donnees.update(_lire_indicateurs(args.indicateurs))
    if "masse_salariale_centimes" not in donnees:
        donnees["masse_salariale_centimes"] = sum(int(s.get("salaire_brut_centimes", 0)) for s in salaries)
    versement = versement_depuis_dict(donnees, " ".join(args.salaries))
    calcul = calculer_versement(accord, versement, montant_centimes=montant)
    lignes = calcul.lignes()
    if args.format == "json":
        sortie = {
            "enveloppe_centimes": calcul.enveloppe_centimes,
            "enveloppe_formule_centimes": calcul.enveloppe_formule_centimes,
            "plafond_global_centimes": calcul.plafond_global_centimes,
            "reliquat_centimes": calcul.repartition.reliquat_centimes,
            "total_verse_centimes": int(calcul.repartition.montants_centimes.sum()),
            "explication_formule": calcul.formule.to_dict() if calcul.formule else None,
            "beneficiaires": lignes,
            "exclus": [e.__dict__ for e in calcul.exclus],
            "notes": calcul.notes,
            "parametres_utilises": calcul.parametres_utilises,
        }
        _ecrire(json.dumps(sortie, ensure_ascii=False, indent=2), args.sortie)
        return 0
    if args.format == "csv":
        tampon = io.StringIO()
        w = EcrivainTableur(tampon, delimiter=";")
        w.writerow(["identifiant", "nom", "presence_jours", "salaire_retenu", "plafond_individuel",
                    "part_initiale", "plafonne", "redistribue", "montant"])
        for lg in lignes:
            w.writerow([lg["identifiant"], lg["nom"], fmt.nombre(lg["presence_jours"]),
                        fmt.montant(lg["salaire_retenu_centimes"], devise=False),
                        fmt.montant(lg["plafond_centimes"], devise=False),
                        fmt.montant(lg["part_initiale_centimes"], devise=False),
                        "oui" if lg["plafonne"] else "non",
                        fmt.montant(lg["redistribue_centimes"], devise=False),
                        fmt.montant(lg["montant_centimes"], devise=False)])
        texte = tampon.getvalue()
        _ecrire(texte.encode("utf-8-sig") if args.sortie else texte, args.sortie)
        return 0
    _ecrire(texte_repartition(calcul), args.sortie)
    return 0


def texte_repartition(calcul: Any) -> str:
    """Le tableau lisible par salarié, avec le contrôle de conservation au centime."""
    a = calcul.accord
    p = calcul.periode
    lignes = [
        f"{a.entreprise.raison_sociale} — répartition de la période {p.numero} "
        f"({fmt.date_longue(p.debut)} – {fmt.date_longue(p.fin)})",
        "",
    ]
    if calcul.formule is not None:
        lignes += ["Calcul de l'enveloppe :"] + [f"  {e}" for e in calcul.formule.etapes] + [""]
    entetes = ["Identifiant", "Nom", "Présence (j)", "Salaire retenu", "Plafond indiv.", "Part initiale",
               "Plafonné", "Montant"]
    rangs = []
    for lg in calcul.lignes():
        rangs.append([
            lg["identifiant"], (lg["nom"] or "")[:28], fmt.nombre(lg["presence_jours"]),
            fmt.montant(lg["salaire_retenu_centimes"]), fmt.montant(lg["plafond_centimes"]),
            fmt.montant(lg["part_initiale_centimes"]), "oui" if lg["plafonne"] else "",
            fmt.montant(lg["montant_centimes"]),
        ])
    largeurs = [max(len(str(x)) for x in col) for col in zip(entetes, *rangs, strict=False)]
    droite = {2, 3, 4, 5, 7}

    def _ligne(valeurs: Sequence[str]) -> str:
        return "  ".join(str(v).rjust(w) if i in droite else str(v).ljust(w)
                         for i, (v, w) in enumerate(zip(valeurs, largeurs, strict=True)))

    lignes.append(_ligne(entetes))
    lignes.append("  ".join("-" * w for w in largeurs))
    lignes += [_ligne(r) for r in rangs]
    total = int(calcul.repartition.montants_centimes.sum())
    reliquat = calcul.repartition.reliquat_centimes
    lignes += [
        "",
        f"Enveloppe à répartir        : {fmt.montant(calcul.enveloppe_centimes)}",
        f"Total réparti               : {fmt.montant(total)}",
        f"Reliquat non distribué      : {fmt.montant(reliquat)}",
        f"Contrôle (total + reliquat) : {fmt.montant(total + reliquat)} "
        + ("= enveloppe, au centime près" if total + reliquat == calcul.enveloppe_centimes else "≠ ENVELOPPE"),
    ]
    if calcul.exclus:
        lignes += ["", "Non bénéficiaires :"] + [f"  {e.identifiant} {e.nom or ''} : {e.motif}" for e in calcul.exclus]
    if calcul.notes:
        lignes += ["", "Notes :"] + [f"  - {n}" for n in calcul.notes]
    return "\n".join(lignes)


# ---------------------------------------------------------------------------------------------- assemblage


def ajouter_commandes(sous: Any) -> None:
    p = sous.add_parser("schema", help="Affiche le schéma JSON du format d'échange")
    p.add_argument("--versement", action="store_true", help="schéma du fichier de versement (au lieu de l'accord)")
    p.add_argument("--lecture", action="store_true", help="schéma de la sortie JSON de « interessement lire »")
    p.add_argument("--sortie", help="fichier où écrire le schéma")
    p.set_defaults(fonction=_cmd_schema)

    p = sous.add_parser("lire", help="Lit des textes d'accord (Word, PDF, scan, image, .odt, .txt) : faits cités, "
                                     "clauses, constats",
                        description="Lit chaque texte d'accord et en donne la structure, les faits lus avec la phrase "
                                    "d'où ils viennent, les clauses obligatoires et les constats du validateur.")
    p.add_argument("fichiers", nargs="+", metavar="FICHIER", help="texte d'accord (.docx, .odt, .pdf, image, .txt)")
    p.add_argument("--format", choices=["texte", "json"], default="texte")
    p.add_argument("--date-reference", metavar="AAAA-MM-JJ", type=date_iso, default=None,
                   help="date à laquelle apprécier ce que la loi admet (par défaut : aujourd'hui pour un texte écrit "
                        "ailleurs ; la date de dépôt, sinon de conclusion, pour un document produit ici dont les "
                        "données sont lues — partie embarquée d'un .docx, codes QR d'un PDF)")
    p.add_argument("--sortie", metavar="FICHIER", help="fichier où écrire la lecture")
    from .lots import ajouter_options

    ajouter_options(p)
    p.set_defaults(fonction=_cmd_lire)

    p = sous.add_parser("calendrier", help="Calendrier légal d'un accord")
    p.add_argument("accord", help="fichier JSON de l'accord")
    p.add_argument("--ics", metavar="FICHIER", help="exporte aussi le calendrier au format .ics")
    p.add_argument("--format", choices=["texte", "json"], default="texte")
    p.set_defaults(fonction=_cmd_calendrier)

    p = sous.add_parser("repartir", help="Répartit l'enveloppe d'un exercice entre les salariés")
    p.add_argument("accord", help="fichier JSON de l'accord")
    p.add_argument("--salaries", required=True, nargs="+", metavar="FICHIER",
                   help="salariés : CSV ou XLSX (colonnes françaises), fichier de versement JSON, ou les DSN mensuelles "
                        "de l'exercice (fichiers ou dossier)")
    p.add_argument("--exercice", required=True, type=int, metavar="AAAA", help="année de clôture de la période")
    p.add_argument("--periode", type=int, metavar="N", help="numéro de la période (périodes infra-annuelles)")
    groupe = p.add_mutually_exclusive_group(required=True)
    groupe.add_argument("--montant", metavar="EUROS", help="enveloppe à répartir, en euros (ex. 12 500,00)")
    groupe.add_argument("--indicateurs", metavar="FICHIER",
                        help="valeurs des indicateurs (JSON : valeurs, valeurs_precedentes, masse_salariale_centimes)")
    p.add_argument("--format", choices=["texte", "csv", "json"], default="texte")
    p.add_argument("--sortie", metavar="FICHIER")
    p.set_defaults(fonction=_cmd_repartir)


def construire_parseur(commande: str | None = None) -> argparse.ArgumentParser:
    """Le parseur de toutes les sous-commandes, ou seulement de celles du module qui définit ``commande``."""
    parseur = _Parseur(prog="interessement",
                       description="Construire, simuler et vérifier un accord d'intéressement.")
    sous = parseur.add_subparsers(title="commandes", dest="commande", metavar="COMMANDE", parser_class=_Parseur)
    for nom in [COMMANDES[commande]] if commande in COMMANDES else MODULES:
        importlib.import_module(nom).ajouter_commandes(sous)
    return parseur


def lancer() -> None:
    """Le point d'entrée de la commande ``interessement`` (processus neuf) : ``main`` avec le ramasse-miettes
    suspendu pendant le démarrage. Les imports (pydantic, numpy, les règles) créent des centaines de milliers
    d'objets sans cycle à collecter ; les parcourir coûte un tiers du démarrage à froid (bench/bench_demarrage.py).
    Ces objets sont ensuite gelés (``gc.freeze`` : jamais reparcourus, ni à la sortie) ; pour ``valider`` et
    ``lire``, le ramasse-miettes reprend après le premier fichier (interessement/lots.py), pour les autres
    commandes dès la commande reconnue."""
    gc.disable()
    sys.exit(main(demarrage_a_froid=True))


def main(argv: Sequence[str] | None = None, *, demarrage_a_froid: bool = False) -> int:
    try:
        return _main(argv, demarrage_a_froid)
    finally:
        if demarrage_a_froid:
            gc.freeze()  # la sortie ne reparcourt pas les objets déjà là


def _main(argv: Sequence[str] | None, demarrage_a_froid: bool) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parseur = construire_parseur(argv[0] if argv else None)
    args = parseur.parse_args(argv)
    if demarrage_a_froid:
        from .lots import suspendre_gc_jusqu_au_premier_fichier

        gc.freeze()
        if argv and argv[0] in ("valider", "lire"):
            suspendre_gc_jusqu_au_premier_fichier()
        else:
            gc.enable()
    if not getattr(args, "fonction", None):
        parseur.print_help()
        return CODE_ERREUR_ENTREE
    sortie, erreurs = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = FluxPropre(sortie), FluxPropre(erreurs)  # type: ignore[assignment]
    try:
        return _executer(args)
    finally:
        sys.stdout, sys.stderr = sortie, erreurs


def _executer(args: argparse.Namespace) -> int:
    try:
        return int(args.fonction(args) or 0)
    except HorsPeriodeModelisee as exc:
        print(f"Erreur : {exc}\n  {exc.conseil()}", file=sys.stderr)
        return CODE_ERREUR_ENTREE
    except ValueError as exc:  # dont ErreurEntree et ErreurParametre : leur message est en français
        print(f"Erreur : {exc}", file=sys.stderr)
        return CODE_ERREUR_ENTREE
    except OSError as exc:
        print(f"Erreur : {message_systeme(exc)}", file=sys.stderr)
        return CODE_ERREUR_ENTREE
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    lancer()
