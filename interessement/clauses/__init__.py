"""La bibliothèque des clauses : chaque phrase juridique des documents, en un seul endroit lisible par un juriste.

Les textes sont dans ``interessement/clauses/textes/*.yaml`` (un fichier par document : accord, note
d'information, fiche individuelle, liste des pièces du dépôt ; fragments communs dans ``communs.yaml``). Chaque
entrée est un article (ou une rubrique) : son identifiant stable, son titre, les modes de mise en place et les
options où il s'applique, s'il est obligatoire et par quel article, les articles sur lesquels il repose, la règle
de REGLES.md qu'il sert, des expressions régulières (``reperes``) qui retrouvent la même clause dans un accord
rédigé par d'autres, et son texte (balises Jinja), phrase par phrase avec les articles cités.

Les phrases que le programme compose avec les données (formule en mots, exemple chiffré, parties, ratification,
liste de dépôt, fiche individuelle…) sont dans ``phrases*.yaml`` (``phrase(nom, **valeurs)``, chacune avec ses
articles) ; les mots qui dépendent d'un choix (accords grammaticaux selon le mode, libellés des plans, des
qualités, des absences assimilées…) dans ``termes.yaml`` (``termes(nom)``).

Les modèles Word (``templates/*.docx``) sont construits à partir de ces entrées par
``templates/construire_modeles.py`` ; le validateur (CLAUSES_OBLIGATOIRES) et la lecture des textes d'autrui
utilisent les mêmes entrées.

API ::

    from interessement.clauses import bibliotheque, clause, reperer

    for c in bibliotheque("accord"):         # dans l'ordre du document ; bibliotheque() : tous les documents
        c.id, c.titre, c.obligatoire, c.base_obligation, c.base_legale, c.regle, c.reperes
        c.s_applique(accord)                 # selon le mode de mise en place et les options de l'accord
        c.phrases                            # [Phrase(texte, articles, condition)]
        c.trouver(texte)                     # correspondances de ses repères dans un texte quelconque
    clause("depot")                          # une entrée par son identifiant
    reperer(texte)                           # {identifiant: [(début, fin), …]} pour les clauses de l'accord
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..cache_donnees import lire_yaml

DOSSIER_TEXTES = Path(__file__).resolve().parent / "textes"

#: Les documents, dans l'ordre de ``bibliotheque()``.
DOCUMENTS = ("accord", "note_information", "fiche_individuelle", "liste_depot")

MODES = ("convention_collective", "accord_delegues_syndicaux", "accord_cse", "ratification",
         "decision_unilaterale", "adhesion_branche")

NIVEAUX = ("article", "section", "aucun")

_RE_ARTICLE = re.compile(r"^[LRD]\d{3,4}(-\d+)*( (CSS|CSP|CMF))?$")


def _unilateral(accord: Any) -> bool:
    m = accord.mise_en_place
    if m.mode == "decision_unilaterale":
        return True
    return m.mode == "adhesion_branche" and m.adhesion_branche is not None and m.adhesion_branche.par_document_unilateral


#: Les options dont peut dépendre une clause : (prédicat sur l'``Accord``, même condition dans les modèles Word).
OPTIONS: dict[str, tuple[Any, str]] = {
    "unilateral": (_unilateral, "unilateral"),
    "dirigeants": (lambda a: a.beneficiaires.dirigeants_inclus, "beneficiaires.dirigeants_inclus"),
    "avances": (lambda a: a.versement.avances is not None, "versement.avances"),
    "plan_epargne": (lambda a: bool(a.versement.plans_epargne), "versement.a_plan"),
    "declencheurs": (lambda a: bool(a.formule.declencheurs), "formule.declencheurs"),
    "repartition_salaire": (lambda a: a.repartition.part_salaire > 0, "repartition.salaire"),
    "cse": (lambda a: a.entreprise.cse, "entreprise.cse"),
}


class ErreurBibliotheque(ValueError):
    """Une entrée de la bibliothèque est mal formée (message français : fichier, entrée, champ)."""


@dataclass(frozen=True)
class Phrase:
    """Une phrase (ou un paragraphe) d'une clause : texte Jinja, articles sur lesquels elle repose, condition
    Jinja sous laquelle elle figure dans le document (``None`` : toujours, dès que la clause s'applique)."""

    texte: str
    articles: tuple[str, ...] = ()
    condition: str | None = None


@dataclass(frozen=True)
class Condition:
    """Quand une clause s'applique : modes de mise en place (vide : tous) et options (« !x » : sans x).

    ``si`` est une condition propre au rendu du document (par exemple « annexes » : la liste n'est pas vide) ;
    elle ne dépend pas que de l'accord et ``s_applique`` la tient pour remplie."""

    modes: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    si: str | None = None

    def s_applique(self, accord: Any) -> bool:
        if self.modes and accord.mise_en_place.mode not in self.modes:
            return False
        for option in self.options:
            negation = option.startswith("!")
            valeur = bool(OPTIONS[option.lstrip("!")][0](accord))
            if valeur == negation:
                return False
        return True

    def jinja(self) -> str | None:
        """La même condition, pour les balises ``{%p if … %}`` des modèles Word."""
        morceaux = []
        if self.modes:
            morceaux.append("mode in [" + ", ".join(f'"{m}"' for m in self.modes) + "]")
        for option in self.options:
            expr = OPTIONS[option.lstrip("!")][1]
            morceaux.append(f"not ({expr})" if option.startswith("!") else f"({expr})")
        if self.si:
            morceaux.append(f"({self.si})")
        return " and ".join(morceaux) or None

    def __str__(self) -> str:
        morceaux = []
        if self.modes:
            morceaux.append("modes : " + ", ".join(self.modes))
        if self.options:
            morceaux.append("options : " + ", ".join(self.options))
        if self.si:
            morceaux.append(f"si {self.si}")
        return " ; ".join(morceaux) or "toujours"


@dataclass(frozen=True)
class Clause:
    id: str
    document: str
    titre: str
    niveau: str
    condition: Condition
    obligatoire: bool
    base_obligation: str | None
    base_legale: tuple[str, ...]
    regle: str | None
    reperes: tuple[str, ...]
    texte: tuple[Any, ...] = field(repr=False)

    def s_applique(self, accord: Any) -> bool:
        return self.condition.s_applique(accord)

    @property
    def phrases(self) -> list[Phrase]:
        return list(_phrases(self.texte, (), None))

    @property
    def articles_cites(self) -> list[str]:
        """Tous les articles de la base légale et des phrases, sans doublon, dans l'ordre."""
        vus = dict.fromkeys(self.base_legale)
        for p in self.phrases:
            vus.update(dict.fromkeys(p.articles))
        return list(vus)

    def trouver(self, texte: str) -> list[re.Match[str]]:
        """Les correspondances des repères de la clause dans ``texte`` (un accord quelconque)."""
        return [m for motif in _compiles(self.reperes) for m in motif.finditer(texte)]

    def presente_dans(self, texte: str) -> bool:
        return any(motif.search(texte) for motif in _compiles(self.reperes))


@cache
def _compile(motif: str) -> re.Pattern[str]:
    return re.compile(motif, re.MULTILINE)


def _compiles(motifs: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [_compile(m) for m in motifs]


def _phrases(blocs: Any, articles: tuple[str, ...], condition: str | None) -> Iterator[Phrase]:
    for bloc in blocs or ():
        if not isinstance(bloc, dict):
            continue
        if "p" in bloc or "tiret" in bloc:
            contenu = bloc.get("p", bloc.get("tiret"))
            if isinstance(contenu, list):
                for morceau in contenu:
                    yield Phrase(morceau["texte"], tuple(morceau.get("articles", ())), condition)
            else:
                yield Phrase(contenu, tuple(bloc.get("articles", ())), condition)
        elif "si" in bloc:
            yield from _phrases(bloc.get("alors"), articles, _et(condition, bloc["si"]))
            precedentes = [bloc["si"]]
            for branche in bloc.get("sinon_si", ()):
                cond = " and ".join([f"not ({c})" for c in precedentes] + [f"({branche['si']})"])
                yield from _phrases(branche.get("alors"), articles, _et(condition, cond))
                precedentes.append(branche["si"])
            if "sinon" in bloc:
                cond = " and ".join(f"not ({c})" for c in precedentes)
                yield from _phrases(bloc["sinon"], articles, _et(condition, cond))
        elif "pour" in bloc:
            yield from _phrases(bloc.get("faire"), articles, condition)


def _et(a: str | None, b: str) -> str:
    return b if a is None else f"({a}) and ({b})"


# ================================================================================================ chargement

_CLES_CLAUSE = {"id", "titre", "niveau", "condition", "obligatoire", "base_obligation", "base_legale", "regle",
                "reperes", "texte"}
_CLES_BLOC = {"p", "tiret", "titre", "sous_titre", "sous_article", "intertitre", "sommaire", "tableau", "signatures",
              "si", "alors", "sinon_si", "sinon", "pour", "faire", "inclure", "style", "aligne", "garder_suivant",
              "articles", "saut_de_page"}


def _lire_yaml(nom: str) -> Any:
    chemin = DOSSIER_TEXTES / f"{nom}.yaml"
    try:
        texte = chemin.read_text(encoding="utf-8")
    except OSError as exc:
        raise ErreurBibliotheque(f"Bibliothèque des clauses : {chemin.name} illisible ({exc}).") from exc

    def lire(t: str) -> Any:
        import yaml  # seulement pour un texte pas encore lu (interessement.cache_donnees)

        try:
            # libyaml (C) quand il est là : ~10 fois plus rapide que le SafeLoader en Python (démarrage à froid).
            return yaml.load(t, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            raise ErreurBibliotheque(f"Bibliothèque des clauses : {chemin.name} illisible ({exc}).") from exc

    return lire_yaml(texte, "clauses", lire)


@cache
def fragments() -> dict[str, list[Any]]:
    """Les fragments communs à plusieurs documents (``communs.yaml``), appelés par ``inclure``."""
    donnees = _lire_yaml("communs") or {}
    return dict(donnees.get("fragments") or {})


def _resoudre(blocs: Any, ou: str) -> list[Any]:
    sortie = []
    for bloc in blocs or ():
        if not isinstance(bloc, dict):
            raise ErreurBibliotheque(f"{ou} : bloc illisible « {bloc!r} » (attendu : p, tiret, si, pour, tableau…).")
        inconnues = set(bloc) - _CLES_BLOC
        if inconnues:
            raise ErreurBibliotheque(f"{ou} : clé(s) inconnue(s) {sorted(inconnues)}.")
        if "inclure" in bloc:
            nom = bloc["inclure"]
            if nom not in fragments():
                raise ErreurBibliotheque(f"{ou} : fragment « {nom} » absent de communs.yaml.")
            sortie.extend(_resoudre(fragments()[nom], f"{ou}, fragment {nom}"))
            continue
        bloc = dict(bloc)
        for cle in ("alors", "sinon", "faire"):
            if cle in bloc:
                bloc[cle] = _resoudre(bloc[cle], ou)
        if "sinon_si" in bloc:
            bloc["sinon_si"] = [{"si": b["si"], "alors": _resoudre(b.get("alors"), ou)} for b in bloc["sinon_si"]]
        for article in bloc.get("articles", ()):
            _verifier_article(article, ou)
        if isinstance(bloc.get("p"), list):
            for morceau in bloc["p"]:
                for article in morceau.get("articles", ()):
                    _verifier_article(article, ou)
        sortie.append(bloc)
    return sortie


def _verifier_article(article: str, ou: str) -> None:
    if not _RE_ARTICLE.match(str(article)):
        raise ErreurBibliotheque(f"{ou} : numéro d'article illisible « {article} » (forme attendue : L3313-2, "
                                 "D3345-1, L3131-1 CSP).")


def _clause(document: str, brut: dict[str, Any]) -> Clause:
    ou = f"{document}.yaml, clause « {brut.get('id', '?')} »"
    inconnues = set(brut) - _CLES_CLAUSE
    if inconnues:
        raise ErreurBibliotheque(f"{ou} : clé(s) inconnue(s) {sorted(inconnues)}.")
    for requise in ("id", "titre", "obligatoire"):
        if requise not in brut:
            raise ErreurBibliotheque(f"{ou} : champ « {requise} » manquant.")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", brut["id"]):
        raise ErreurBibliotheque(f"{ou} : identifiant non ASCII ou mal formé.")
    niveau = brut.get("niveau", "article")
    if niveau not in NIVEAUX:
        raise ErreurBibliotheque(f"{ou} : niveau « {niveau} » inconnu ({', '.join(NIVEAUX)}).")
    cond = brut.get("condition") or {}
    modes = tuple(cond.get("modes") or ())
    options = tuple(cond.get("options") or ())
    for m in modes:
        if m not in MODES:
            raise ErreurBibliotheque(f"{ou} : mode « {m} » inconnu.")
    for o in options:
        if o.lstrip("!") not in OPTIONS:
            raise ErreurBibliotheque(f"{ou} : option « {o} » inconnue ({', '.join(OPTIONS)}).")
    base = tuple(str(a) for a in brut.get("base_legale") or ())
    for a in base:
        _verifier_article(a, ou)
    obligation = brut.get("base_obligation")
    if brut["obligatoire"] and not obligation:
        raise ErreurBibliotheque(f"{ou} : clause obligatoire sans « base_obligation » (l'article qui l'impose).")
    if obligation:
        _verifier_article(obligation, ou)
    reperes = tuple(brut.get("reperes") or ())
    for motif in reperes:
        try:
            _compile(motif)
        except re.error as exc:
            raise ErreurBibliotheque(f"{ou} : repère « {motif} » invalide ({exc}).") from exc
    return Clause(
        id=brut["id"], document=document, titre=str(brut["titre"]), niveau=niveau,
        condition=Condition(modes, options, cond.get("si")), obligatoire=bool(brut["obligatoire"]),
        base_obligation=obligation, base_legale=base, regle=brut.get("regle"), reperes=reperes,
        texte=tuple(_resoudre(brut.get("texte"), ou)),
    )


@dataclass(frozen=True)
class Document:
    """Un document de la bibliothèque : ses propriétés Word et ses clauses dans l'ordre."""

    nom: str
    titre_propriete: str
    sujet: str
    pied_de_page: str
    mise_a_jour_champs: bool
    clauses: tuple[Clause, ...]
    compact: bool = False  # mise en page resserrée (note, liste de dépôt)


@cache
def document(nom: str) -> Document:
    if nom not in DOCUMENTS:
        raise ErreurBibliotheque(f"Document « {nom} » inconnu ({', '.join(DOCUMENTS)}).")
    donnees = _lire_yaml(nom)
    clauses = tuple(_clause(nom, c) for c in donnees.get("clauses") or ())
    return Document(nom, donnees["titre_propriete"], donnees["sujet"], donnees["pied_de_page"],
                    bool(donnees.get("mise_a_jour_champs")), clauses, bool(donnees.get("compact")))


def bibliotheque(document_: str | None = None) -> list[Clause]:
    """Les clauses d'un document (``"accord"``, ``"note_information"``, ``"fiche_individuelle"``,
    ``"liste_depot"``), dans l'ordre du document ; sans argument, celles de tous les documents."""
    noms = DOCUMENTS if document_ is None else (document_,)
    sortie: list[Clause] = []
    vus: set[str] = set()
    for nom in noms:
        for c in document(nom).clauses:
            if c.id in vus:
                raise ErreurBibliotheque(f"{nom}.yaml : identifiant « {c.id} » en double.")
            vus.add(c.id)
            sortie.append(c)
    return sortie


def clause(identifiant: str) -> Clause:
    """Une clause par son identifiant (``KeyError`` si elle n'existe pas)."""
    for c in bibliotheque():
        if c.id == identifiant:
            return c
    raise KeyError(identifiant)


#: Fichiers des phrases que le programme compose (``phrases.yaml``, ``phrases_formule.yaml``…), lus ensemble.
MOTIF_PHRASES = "phrases*.yaml"


@cache
def _phrases_programme() -> dict[str, Any]:
    phrases: dict[str, Any] = {}
    for chemin in sorted(DOSSIER_TEXTES.glob(MOTIF_PHRASES)):
        for nom, brut in ((_lire_yaml(chemin.stem) or {}).get("phrases") or {}).items():
            if nom in phrases:
                raise ErreurBibliotheque(f"{chemin.name} : phrase « {nom} » déjà définie dans un autre fichier.")
            if not isinstance(brut, dict) or "texte" not in brut:
                raise ErreurBibliotheque(f"{chemin.name} : phrase « {nom} » sans « texte ».")
            phrases[nom] = brut
    return phrases


@cache
def _gabarit_phrase(nom: str) -> Any:
    import jinja2

    brut = _phrases_programme().get(nom)
    if brut is None:
        raise ErreurBibliotheque(f"Phrase « {nom} » absente des fichiers {MOTIF_PHRASES}.")
    for article in brut.get("articles", ()):
        _verifier_article(article, f"phrase « {nom} »")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)
    return env.from_string(brut["texte"])


@cache
def _termes() -> dict[str, Any]:
    return dict((_lire_yaml("termes") or {}).get("termes") or {})


def termes(nom: str) -> Any:
    """Un tableau de mots du document (``termes.yaml``) : libellés, accords grammaticaux, intitulés selon le
    mode… (``KeyError`` s'il n'existe pas)."""
    return _termes()[nom]


def phrase(nom: str, /, **valeurs: Any) -> str:
    """Une phrase des fichiers ``phrases*.yaml`` (phrases que le programme compose avec les données de l'accord),
    rendue avec ``valeurs`` ; une variable manquante est une erreur, jamais un blanc."""
    return _gabarit_phrase(nom).render(**valeurs)


def phrases_programme() -> dict[str, Phrase]:
    """Toutes les phrases des fichiers ``phrases*.yaml`` avec leurs articles (pour la relecture et les tests)."""
    return {nom: Phrase(b["texte"], tuple(b.get("articles", ()))) for nom, b in _phrases_programme().items()}


def reperer(texte: str, document_: str = "accord") -> dict[str, list[tuple[int, int]]]:
    """Pour chaque clause du document dont un repère se trouve dans ``texte`` : les positions trouvées."""
    sortie: dict[str, list[tuple[int, int]]] = {}
    for c in bibliotheque(document_):
        positions = [m.span() for m in c.trouver(texte)]
        if positions:
            sortie[c.id] = positions
    return sortie


__all__ = ["DOCUMENTS", "OPTIONS", "Clause", "Condition", "Document", "ErreurBibliotheque", "Phrase",
           "bibliotheque", "clause", "document", "fragments", "phrase", "phrases_programme", "reperer", "termes"]
