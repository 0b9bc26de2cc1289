"""La commande ``interessement generer``.

``interessement generer ACCORD.json [--sortie DOSSIER] [--pdf] [--versement FICHIER]
[--date-information AAAA-MM-JJ] [--date-reference AAAA-MM-JJ]``

Écrit dans DOSSIER (par défaut ``sortie``) l'accord ou la décision unilatérale (.docx), la note d'information des
salariés et la liste des pièces du dépôt ; avec ``--versement``, l'archive .zip des fiches individuelles ; avec
``--pdf``, les PDF (LibreOffice). Codes de sortie : 0 documents écrits ; 1 refus (constat bloquant du
validateur, détaillé en français avec la correction à apporter) ; 2 entrée illisible ou PDF impossible.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..cli import date_iso
from ..modele import charger_accord, charger_versement

CODE_REFUS = 1
CODE_ENTREE = 2



def _cmd_generer(args: argparse.Namespace) -> int:
    from .generation import RefusGeneration, generer_documents

    accord = charger_accord(args.accord)
    versement = charger_versement(args.versement) if args.versement else None
    try:
        resultat = generer_documents(
            accord, args.sortie, pdf=args.pdf, versement=versement, date_information=args.date_information,
            date_reference=args.date_reference,
        )
    except RefusGeneration as exc:
        print(exc.message, file=sys.stderr)
        for ligne in exc.details:
            print(f"  - {ligne}", file=sys.stderr)
        return CODE_REFUS
    print(f"Documents de « {accord.entreprise.raison_sociale} » écrits dans {args.sortie} :")
    for chemin in resultat.fichiers:
        suffixe = ""
        if chemin.suffix == ".zip":
            suffixe = f" ({resultat.nombre_fiches} fiche(s) individuelle(s))"
        print(f"  {chemin}{suffixe}")
    if resultat.avertissements:
        print("Points d'attention (non bloquants) :")
        for a in resultat.avertissements:
            print(f"  - {a}")
    if resultat.pdf_indisponible:
        print(resultat.pdf_indisponible, file=sys.stderr)
        return CODE_ENTREE
    return 0


def ajouter_commandes(sous: Any) -> None:
    p = sous.add_parser(
        "generer",
        help="Génère l'accord prêt à signer (Word, PDF), la note d'information, la liste de dépôt et les fiches",
        description="Génère l'accord d'intéressement (ou la décision unilatérale) au format Word, la note "
                    "d'information des salariés, la liste des pièces à joindre au dépôt sur TéléAccords et, pour "
                    "un versement, les fiches individuelles. Refuse un accord qui a un constat bloquant.",
    )
    p.add_argument("accord", help="fichier JSON de l'accord")
    p.add_argument("--sortie", default="sortie", metavar="DOSSIER", help="dossier des documents (défaut : sortie)")
    p.add_argument("--pdf", action="store_true", help="produit aussi les PDF (LibreOffice requis)")
    p.add_argument("--versement", metavar="FICHIER",
                   help="fichier de versement JSON : produit les fiches individuelles (une par bénéficiaire, en .zip)")
    p.add_argument("--date-information", type=date_iso, metavar="AAAA-MM-JJ",
                   help="date de remise des fiches individuelles (défaut : aujourd'hui) ; le délai de choix en part")
    p.add_argument("--date-reference", type=date_iso, metavar="AAAA-MM-JJ",
                   help="date de référence de la validation (défaut : dépôt, sinon conclusion)")
    p.set_defaults(fonction=_cmd_generer)
