"""Le guide « Comprendre l'intéressement » : une seule source (``guide.yaml``) pour la page de l'application et
pour ``docs/guide.md``.

Aucune phrase de droit n'est écrite ici ni dans ``guide.yaml`` : les règles (titre, description, références, ce
qu'il faut changer) viennent du validateur, les nombres des paramètres datés, les explications des textes d'aide
de l'assistant, les dates limites du calendrier légal. Le guide, les constats et l'aide ne peuvent donc pas dire
des choses différentes.

    python -m interface.guide [--date AAAA-MM-JJ] [--sortie docs/guide.md]
"""

from __future__ import annotations

import argparse
import copy
import functools
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from interessement import format as fmt
from interessement import parametres
from interessement.calendrier import date_limite_conclusion, date_limite_depot, date_limite_versement
from interessement.modele import LIBELLES_MODES, PeriodeCalcul, accord_depuis_dict
from interessement.references import lier_markdown

SOURCE = Path(__file__).with_name("guide.yaml")
RACINE = Path(__file__).resolve().parents[1]
EXEMPLES = RACINE / "examples"
DOCS = RACINE / "docs" / "guide.md"
_BALISE = re.compile(r"\{(valeur|description|reference|aide|regle):([A-Za-z0-9_]+)\}")
_NOM = re.compile(r"\{([a-z_]+)\}")
_CODE_HORS_LIEN = re.compile(r"\b(CSS|C\. trav\.|CGI|CMF|CSP) \[([^\]]+)\]")


@dataclass(frozen=True)
class Section:
    titre: str
    ancre: str
    markdown: str


@functools.cache
def _source() -> dict[str, Any]:
    return yaml.safe_load(SOURCE.read_text(encoding="utf-8"))


def _regle(rid: str) -> Any:
    from validators import REGISTRE, regles

    regles()  # enregistre toutes les règles
    return REGISTRE[rid]


def _date_parametre(nom: str, d: date) -> date:
    """``d`` si le paramètre y a une valeur, sinon la dernière date connue (le guide ne plante jamais)."""
    p = parametres.parametre(nom)
    if p.couvre(d):
        return d
    return p.derniere_valeur_valable_le or p.debut


def _valeur(nom: str, d: date) -> str:
    from validators.resultats import valeur_parametre_fr

    p = parametres.parametre(nom)
    quand = _date_parametre(nom, d)
    texte = valeur_parametre_fr(p.unite, parametres.value_at(nom, quand))
    return texte if quand == d else f"{texte} (dernière valeur connue, au {fmt.date_longue(quand)})"


def _premier_paragraphe(texte: str) -> str:
    """Le premier paragraphe de la description d'une règle, sans les renvois internes au cahier des règles."""
    phrases = re.split(r"(?<=[.;])\s+", " ".join(texte.strip().split("\n\n")[0].split()))
    return " ".join(p for p in phrases if "REGLES.md" not in p)


def _en_phrase(texte: str, avant: str) -> str:
    """Une description de paramètre insérée au milieu d'une phrase commence par une minuscule (sauf sigle)."""
    fin = avant.rstrip()
    if not fin or fin.endswith((".", "!", "?")) or texte[1:2].isupper():
        return texte
    return texte[:1].lower() + texte[1:]


def _rendre(modele: str, d: date, noms: dict[str, str] | None = None) -> str:
    """Remplace les balises ; les articles cités dans le texte du guide et des règles deviennent des liens (les
    textes d'aide ont déjà les leurs)."""
    from interface.aide import AIDE

    morceaux = []
    pos = 0
    for m in _BALISE.finditer(modele):
        morceaux.append(lier_markdown(modele[pos:m.start()]))
        genre, cle = m.groups()
        if genre == "aide":
            morceaux.append(AIDE[cle])
        elif genre == "regle":
            morceaux.append(lier_markdown(_premier_paragraphe(_regle(cle).description)))
        elif genre == "description":
            morceaux.append(_en_phrase(parametres.parametre(cle).description, modele[:m.start()]))
        elif genre == "reference":
            ref = parametres.reference_at(cle, _date_parametre(cle, d))
            morceaux.append(f"[{ref.article}]({ref.lien})")
        else:
            morceaux.append(_valeur(cle, d))
        pos = m.end()
    morceaux.append(lier_markdown(modele[pos:]))
    # « CSS [L137-15](…) » → « [CSS L137-15](…) » : le code fait partie du lien (et de la citation lue).
    texte = _CODE_HORS_LIEN.sub(r"[\1 \2]", "".join(morceaux))
    valeurs = {"aujourd_hui": fmt.date_longue(d), **(noms or {})}
    return _NOM.sub(lambda m: valeurs.get(m.group(1), m.group(0)), " ".join(texte.split()))


def _tableau(entetes: list[str], lignes: list[list[str]]) -> str:
    def cellule(t: str) -> str:
        return t.replace("|", "\\|").replace("\n", " ")

    rangs = ["| " + " | ".join(map(cellule, entetes)) + " |", "|" + "---|" * len(entetes)]
    rangs += ["| " + " | ".join(map(cellule, ligne)) + " |" for ligne in lignes]
    return "\n".join(rangs)


def _ancre(titre: str) -> str:
    import unicodedata

    sans_accents = unicodedata.normalize("NFKD", titre).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", sans_accents.lower()).strip("-")


def _lien(r: Any) -> str:
    return f"[{r.article}]({r.lien})"


# ------------------------------------------------------------------------------------------------ sections


def _ce_que_c_est(s: dict[str, Any], d: date) -> str:
    blocs = [_rendre(p, d) for p in s["paragraphes"]]
    blocs += [f"- {_rendre(p, d)}" for p in s["n_est_pas"]]
    return "\n\n".join(blocs[: len(s["paragraphes"])]) + "\n\n" + "\n".join(blocs[len(s["paragraphes"]):])


def _modes(s: dict[str, Any], d: date) -> str:
    lignes = [[LIBELLES_MODES[mode], " ".join(_rendre(t, d) for t in textes)] for mode, textes in s["lignes"].items()]
    return "\n\n".join([_rendre(s["introduction"], d), _tableau(s["entetes"], lignes), _rendre(s["conclusion"], d)])


def _periode(debut: date) -> PeriodeCalcul:
    return PeriodeCalcul(numero=1, debut=debut, fin=date(debut.year, 12, 31), mois=12)


def _etapes(s: dict[str, Any], d: date) -> str:
    effet = date(d.year + 1, 1, 1)
    p = _periode(effet)
    noms = {"effet": fmt.date_longue(effet), "conclusion": fmt.date_longue(date_limite_conclusion(p)),
            "depot": fmt.date_longue(date_limite_depot(p)), "cloture": fmt.date_longue(p.fin),
            "versement": fmt.date_longue(date_limite_versement(p))}
    en_cours = _periode(date(d.year, 1, 1))
    noms |= {"effet_en_cours": fmt.date_longue(en_cours.debut),
             "conclusion_en_cours": fmt.date_longue(date_limite_conclusion(en_cours)),
             "depot_en_cours": fmt.date_longue(date_limite_depot(en_cours))}
    liste = [f"{k}. " + " ".join(_rendre(t, d, noms) for t in textes) for k, textes in enumerate(s["liste"], 1)]
    cle = "en_cours_possible" if d <= date_limite_conclusion(en_cours) else "en_cours_trop_tard"
    return "\n\n".join([_rendre(s["introduction"], d, noms), "\n".join(liste), _rendre(s[cle], d, noms)])


def _exoneration(s: dict[str, Any], d: date) -> str:
    lignes = []
    for nom in s["parametres"]:
        quand = _date_parametre(nom, d)
        ref = parametres.reference_at(nom, quand)
        lignes.append([parametres.parametre(nom).description, _valeur(nom, d), f"[{ref.article}]({ref.lien})"])
    pass_ = "plafond_annuel_securite_sociale"
    quand = _date_parametre(pass_, d)
    plafond = int(parametres.value_at(pass_, quand) * parametres.value_at("plafond_individuel_taux_pass", quand))
    noms = {"plafond_individuel_euros": fmt.montant(plafond), "annee": str(quand.year)}
    entetes = [_rendre(e, d) for e in s["entetes"]]
    return "\n\n".join([_rendre(s["introduction"], d), _tableau(entetes, lignes),
                        _rendre(s["plafond_en_euros"], d, noms)])


def _poser(donnees: dict[str, Any], chemin: str, valeur: Any) -> None:
    *parents, cle = chemin.split(".")
    for p in parents:
        donnees = donnees.setdefault(p, {})
    donnees[cle] = valeur


@functools.cache
def _exemple(nom: str) -> dict[str, Any] | None:
    try:
        return json.loads((EXEMPLES / f"{nom}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def constat_d_exemple(erreur: dict[str, Any]) -> Any | None:
    """Le constat que le validateur donne sur l'exemple modifié comme le dit ``guide.yaml`` (None si les
    exemples ne sont pas installés)."""
    from validators import valider

    base = _exemple(erreur["exemple"])
    if base is None:
        return None
    donnees = copy.deepcopy(base)
    for chemin, valeur in erreur["modifier"].items():
        _poser(donnees, chemin, valeur)
    rapport = valider(accord_depuis_dict(donnees), ids={erreur["regle"]}, simulation=False)
    return next((c for c in rapport.constats if c.id == erreur["regle"]), None)


def _erreurs(s: dict[str, Any], d: date) -> str:
    blocs = [_rendre(s["introduction"], d)]
    for k, erreur in enumerate(s["liste"], 1):
        r = _regle(erreur["regle"])
        bloc = [f"**{k}. {r.titre}** ({r.severite_texte})", "",
                _CODE_HORS_LIEN.sub(r"[\1 \2]", lier_markdown(_premier_paragraphe(r.description)))]
        c = constat_d_exemple(erreur)
        if c is not None:
            bloc += ["", f"- Exemple : {lier_markdown(c.message)}"]
            if c.suggestion:
                bloc.append(f"- Ce qu'il faut changer : {lier_markdown(c.suggestion)}")
        if r.a_chercher:
            bloc.append(f"- À vérifier dans le texte : {lier_markdown(r.a_chercher)}")
        bloc.append("- Références : " + " ; ".join(_lien(ref) for ref in r.references))
        blocs.append("\n".join(bloc))
    return "\n\n".join(blocs)


_SECTIONS = [("ce_que_c_est", _ce_que_c_est), ("modes", _modes), ("etapes", _etapes),
             ("exoneration", _exoneration), ("erreurs", _erreurs)]


def titre() -> str:
    return _source()["titre"]


def introduction(aujourd_hui: date | None = None) -> str:
    return _rendre(_source()["introduction"], aujourd_hui or date.today())


def guide(aujourd_hui: date | None = None) -> list[Section]:
    """Les sections du guide au jour ``aujourd_hui`` (par défaut : aujourd'hui)."""
    d = aujourd_hui or date.today()
    src = _source()
    return [Section(src[cle]["titre"], _ancre(src[cle]["titre"]), f(src[cle], d)) for cle, f in _SECTIONS]


ENTETE_DOCS = "<!-- Fichier généré par `python -m interface.guide --date {date} --sortie docs/guide.md` " \
              "depuis interface/guide.yaml : ne pas modifier à la main. -->"


def en_markdown(aujourd_hui: date | None = None) -> str:
    d = aujourd_hui or date.today()
    parties = [f"# {titre()}", ENTETE_DOCS.format(date=d.isoformat()), introduction(d)]
    parties += [f"## {s.titre}\n\n{s.markdown}" for s in guide(d)]
    return "\n\n".join(parties) + "\n"


def date_de_docs(texte: str) -> date | None:
    """La date à laquelle ``docs/guide.md`` a été produit (lue dans son en-tête)."""
    m = re.search(r"--date (\d{4}-\d{2}-\d{2})", texte)
    return date.fromisoformat(m.group(1)) if m else None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Produit le guide « Comprendre l'intéressement » en Markdown.")
    p.add_argument("--date", type=date.fromisoformat, default=None, help="date du guide (AAAA-MM-JJ)")
    p.add_argument("--sortie", type=Path, default=None)
    args = p.parse_args(argv)
    texte = en_markdown(args.date)
    if args.sortie:
        args.sortie.write_text(texte, encoding="utf-8")
    else:
        sys.stdout.write(texte)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
