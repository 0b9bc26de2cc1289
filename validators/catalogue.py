"""Le catalogue des règles (Markdown, JSON), produit à partir du registre : ``docs/regles.md`` en est généré.

Régénérer : ``interessement regles --format md --sortie docs/regles.md`` (un test vérifie qu'il est à jour).
"""

from __future__ import annotations

import json
from typing import Any

from interessement import parametres

from .ids import SECTIONS
from .moteur import regles

_BESOINS = {
    "accord": "l'accord",
    "versement": "un fichier de versement",
    "document": "un document .docx généré",
}


def catalogue() -> list[dict[str, Any]]:
    """Une entrée par règle, dans l'ordre de REGLES.md."""
    return [r.to_dict() for r in regles()]


def catalogue_json() -> str:
    return json.dumps({"sections": SECTIONS, "regles": catalogue()}, ensure_ascii=False, indent=2) + "\n"


def _description_parametre(nom: str) -> str:
    try:
        return parametres.parametre(nom).description
    except parametres.ErreurParametre:  # pragma: no cover - vérifié par les tests
        return "(paramètre inconnu)"


def catalogue_markdown() -> str:
    toutes = regles()
    lignes = [
        "# Catalogue des règles du validateur",
        "",
        "<!-- Fichier généré par `interessement regles --format md --sortie docs/regles.md` : ne pas modifier "
        "à la main. -->",
        "",
        "Chaque règle de `shared/domain/REGLES.md` §2 est une fonction du paquet `validators`, enregistrée avec son "
        "identifiant stable, sa sévérité, sa portée, ses références juridiques et les paramètres légaux datés "
        "qu'elle utilise (`interessement/parametres/donnees/`). Un constat porte ces informations, le chemin du "
        "champ en cause, les valeurs constatée et attendue, et une suggestion.",
        "",
        "Sévérités : **BLOQUANT** (exonération perdue pour la portée indiquée), **AVERTISSEMENT** (l'Urssaf peut "
        "demander une modification, risque civil, intérêts dus ; l'exonération demeure), **INFORMATION** (date, "
        "obligation ou option à connaître). Statut d'un rapport : « non conforme » (au moins un bloquant), "
        "« indéterminé » (une règle n'a pas pu s'appliquer), « à vérifier » (un point que les données ne montrent "
        "pas et qui serait bloquant — un document retouché, dont le texte signé prévaut), sinon « conforme » "
        "(aucun bloquant). Les points « à vérifier » disent ce qu'il faut chercher dans le texte signé ou les pièces "
        "du dépôt ; ceux de portée d'avertissement sont listés sans retirer le statut « conforme ».",
        "",
        "Utilisation :",
        "",
        "```",
        "interessement valider CHEMIN... [--versement FICHIER] [--date-reference AAAA-MM-JJ]",
        "                      [--format texte|json|csv] [--sortie FICHIER] [--progression] [--sans-simulation]",
        "interessement regles [--format md|json] [--sortie FICHIER]",
        "```",
        "",
        "CHEMIN : un accord JSON, un .docx généré par ce projet, ou un dossier (parcouru récursivement : `*.json` "
        "sauf `*.versement.json`, et `*.docx`). Code de sortie : 0 si rien ne bloque, 1 si un accord a un constat "
        "bloquant, 2 si une entrée n'a pas pu être lue (les autres sont tout de même vérifiées) ou si un accord "
        "reste indéterminé, 3 si un accord est « à vérifier ». Date de référence par défaut : la date de dépôt de chaque accord, sinon sa date de "
        "conclusion. En Python : `validators.valider(accord, date_reference=None, versement=None, document=None)`.",
        "",
        f"{len(toutes)} règles.",
        "",
    ]
    for section, titre in SECTIONS.items():
        du_lot = [r for r in toutes if r.section == section]
        lignes += [f"## {section}. {titre}", "", "| id | règle | sévérité / portée | module |", "|---|---|---|---|"]
        lignes += [f"| [`{r.id}`](#{r.id.lower()}) | {r.titre} | {r.severite_texte} | `validators.{r.module}` |"
                   for r in du_lot]
        lignes.append("")
        for r in du_lot:
            lignes += [f"### {r.id}", "", f"**{r.titre}** — {r.severite_texte} — vérifiée sur "
                       f"{_BESOINS[r.besoin]}.", ""]
            if r.description:
                lignes += [r.description.replace("\n", " "), ""]
            if r.champs:
                lignes += ["Champs du format d'échange lus : " + ", ".join(f"`{c}`" for c in r.champs) + ".", ""]
            if r.a_chercher:
                lignes += [f"À chercher dans un texte : {r.a_chercher}.", ""]
            lignes.append("Références :")
            lignes += [f"- [{ref.article}]({ref.lien})" for ref in r.references]
            if r.parametres:
                lignes += ["", "Paramètres légaux datés :"]
                lignes += [f"- `{nom}` : {_description_parametre(nom)}" for nom in r.parametres]
            lignes.append("")
    return "\n".join(lignes).rstrip("\n") + "\n"
