"""Les valeurs d'un exemple chargé : repérées tant qu'elles restent dans le brouillon, jamais dans un document.

Charger un exemple (à la demande seulement) garde la liste de ses valeurs (``ui["exemple"]``) : chemin → valeur.
Tant qu'une de ces valeurs est encore au même chemin du brouillon, chaque étape le dit et l'étape « Documents »
refuse de produire un document en les nommant. La personne les remplace par les siennes, ou confirme, étape par
étape, qu'une valeur de l'exemple est aussi la sienne.

Comptent comme valeurs de l'exemple les faits : textes, nombres non nuls, dates. Pas les codes d'une liste fermée
(mode, qualité d'un dirigeant, type de formule…), ni les oui/non, ni ce que la loi impose (absences assimilées,
délai de choix du salarié), ni les définitions types des indicateurs que l'assistant propose à tous.
"""

from __future__ import annotations

from typing import Any

from .brouillon import DEFINITIONS_INDICATEURS, SOURCES_PAR_REGIME, lire

#: Dernier morceau de chemin jamais compté (codes, constantes, structure).
CLES_IGNOREES = {
    "version_format", "intitule", "identifiant", "type", "indicateur", "code", "nature", "unite", "operateur",
    "sens", "progression", "calcul", "partie", "mode", "suivi_par", "instance_litiges", "moyen", "porte_sur",
    "delai_choix_jours", "nombre_paliers", "periode_calcul_mois", "absences_assimilees", "plans_epargne",
    "categories_exclues", "autres_criteres", "jours", "jours_apres_envoi",
}
#: Chemins (sans indice) jamais comptés : codes d'une liste fermée à un endroit précis.
CHEMINS_IGNORES = {"entreprise.dirigeants[].qualite"}
DEFINITIONS_TYPES = {t for paire in DEFINITIONS_INDICATEURS.values() for t in paire} | {
    texte for choix in SOURCES_PAR_REGIME.values() for _, _, texte in choix}


def _libelles_types() -> set[str]:
    from interessement.modele import LIBELLES_NATURES

    return set(LIBELLES_NATURES.values())


def _generique(chemin: str) -> str:
    import re

    return re.sub(r"\[\d+\]", "[]", chemin)


def aplatir(donnees: Any, prefixe: str = "") -> dict[str, Any]:
    """Les faits d'un accord, par chemin (« entreprise.dirigeants[0].nom » → « Julien Lefèvre »)."""
    resultat: dict[str, Any] = {}
    if isinstance(donnees, dict):
        for cle, valeur in donnees.items():
            if cle in CLES_IGNOREES:
                continue
            resultat |= aplatir(valeur, f"{prefixe}.{cle}" if prefixe else cle)
    elif isinstance(donnees, list):
        for i, valeur in enumerate(donnees):
            resultat |= aplatir(valeur, f"{prefixe}[{i}]")
    elif isinstance(donnees, bool) or donnees is None:
        pass
    elif isinstance(donnees, int | float):
        if donnees != 0 and _generique(prefixe) not in CHEMINS_IGNORES:
            resultat[prefixe] = donnees
    elif isinstance(donnees, str):
        texte = donnees.strip()
        if (texte and texte not in DEFINITIONS_TYPES and texte not in _libelles_types()
                and _generique(prefixe) not in CHEMINS_IGNORES):
            resultat[prefixe] = donnees
    return resultat


def memoriser(libelle: str, accord: dict[str, Any]) -> dict[str, Any]:
    """Ce que ``ui["exemple"]`` garde d'un exemple qu'on vient de charger."""
    return {"libelle": libelle, "valeurs": aplatir(accord)}


def restantes(accord: dict[str, Any], exemple: dict[str, Any] | None) -> list[tuple[str, Any]]:
    """Les valeurs de l'exemple encore présentes, au même chemin, dans le brouillon."""
    if not exemple:
        return []
    return [(chemin, valeur) for chemin, valeur in (exemple.get("valeurs") or {}).items()
            if lire(accord, chemin) == valeur]


def confirmer(exemple: dict[str, Any] | None, chemins: list[str]) -> None:
    """La personne confirme que ces valeurs sont aussi les siennes : elles ne comptent plus comme exemple."""
    if not exemple:
        return
    valeurs = exemple.get("valeurs") or {}
    for chemin in chemins:
        valeurs.pop(chemin, None)


def en_texte(valeur: Any, chemin: str) -> str:
    """Une valeur d'exemple lisible (montants en euros, taux en %, dates en toutes lettres)."""
    from interessement import format as fmt

    from .brouillon import date_depuis_iso

    if isinstance(valeur, int | float) and chemin.endswith("_centimes"):
        return fmt.montant(int(valeur))
    if isinstance(valeur, float) and (chemin.endswith(("taux", "poids", "croissance_min", "taux_masse_salariale"))
                                      or ".part_" in chemin):
        return fmt.pourcentage(valeur)
    if isinstance(valeur, str):
        d = date_depuis_iso(valeur) if len(valeur) == 10 and valeur[4:5] == "-" else None
        if d is not None:
            return fmt.date_longue(d)
        return f"« {valeur[:80]}{'…' if len(valeur) > 80 else ''} »"
    return fmt.nombre(valeur) if isinstance(valeur, float) else str(valeur)


def decrire(chemin: str, valeur: Any, accord: dict[str, Any]) -> str:
    """« Raison sociale = « Atelier Dupont & Fils » », « Résultat d'exploitation 2021 = 80 000,00 € »."""
    import re

    from interessement import format as fmt

    from .requis import libelle_chemin

    m = re.match(r"historique\[(\d+)\]\.valeurs\.([a-z0-9_]+)$", chemin)
    if m:
        ligne = (accord.get("historique") or [{}])[int(m.group(1))] if int(m.group(1)) < len(
            accord.get("historique") or []) else {}
        ind = next((i for i in accord.get("indicateurs") or [] if i.get("code") == m.group(2)), {})
        nom = f"{ind.get('libelle') or 'Indicateur'} {ligne.get('periode') or ''}".strip()
        if isinstance(valeur, int | float) and (ind.get("unite") or "centimes") == "centimes":
            return f"{nom} = {fmt.montant(int(valeur))}"
        return f"{nom} = {fmt.nombre(valeur) if isinstance(valeur, float) else valeur}"
    return f"{libelle_chemin(chemin)} = {en_texte(valeur, chemin)}"
