"""Les faits d'un accord lu, chacun avec sa provenance : ``extraire_faits(doc) -> Faits``.

Un fait porte le chemin du champ du format d'échange qu'il renseigne (``periode.duree_annees``,
``beneficiaires.anciennete.mois``…) ou, quand le format n'a pas de champ, un chemin sous le préfixe ``texte.``
(``texte.nature``, ``texte.plafond_individuel_pass``…) ; sa valeur dans les unités du format ; un statut ; la
phrase citée, l'article et la page d'où il est lu.

Statuts :

- ``trouve`` : lu avec confiance ;
- ``absent`` : le texte ne traite pas du sujet (aucun passage n'en parle) ;
- ``non_trouve`` : le texte en parle, mais aucune valeur n'a pu être lue avec confiance ;
- ``ambigu`` : le texte donne des valeurs contradictoires (toutes citées) ;
- ``options`` : le texte est un modèle qui laisse le choix (menu d'options, cases à cocher, blancs) ;
- ``renvoi`` : le texte renvoie à un autre texte (« les absences visées à l'article L. 3314-5 »).

La précision d'abord : une valeur qui n'est pas lue avec confiance est « non trouvé », jamais devinée. Les
expressions reconnues viennent du vocabulaire de la loi (C. trav. L3311-1 et suivants) et des tournures
courantes de rédaction, pas d'un texte particulier.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from . import nombres as nb

TROUVE = "trouve"
ABSENT = "absent"
NON_TROUVE = "non_trouve"
AMBIGU = "ambigu"
OPTIONS = "options"
RENVOI = "renvoi"
STATUTS = (TROUVE, ABSENT, NON_TROUVE, AMBIGU, OPTIONS, RENVOI)
LIBELLES_STATUTS = {
    TROUVE: "trouvé", ABSENT: "absent du texte", NON_TROUVE: "non trouvé", AMBIGU: "ambigu",
    OPTIONS: "options offertes", RENVOI: "par renvoi à un texte",
}
PREFIXE_TEXTE = "texte."

#: Ce que chaque fait désigne, en français (affichage, « à vérifier »).
LIBELLES_FAITS: dict[str, str] = {
    "texte.nature": "Nature du texte",
    "mise_en_place.mode": "Mode de mise en place",
    "mise_en_place.date_conclusion": "Date de signature (conclusion)",
    "mise_en_place.signataires": "Signataires",
    "mise_en_place.adhesion_branche.accord_type_avec_options": "Accord type avec options (branche)",
    "periode.date_effet": "Date d'effet",
    "periode.duree_annees": "Durée (années)",
    "periode.reconduction_tacite": "Reconduction tacite",
    "periode.periode_calcul_mois": "Période de calcul (mois)",
    "texte.duree_legale_trois_ans": "Durée de trois ans présentée comme obligatoire",
    "beneficiaires.anciennete.mois": "Ancienneté exigée (mois)",
    "beneficiaires.anciennete.calcul": "Calcul de l'ancienneté",
    "beneficiaires.condition_presence": "Condition de présence à une date",
    "beneficiaires.perte_droits_depart": "Perte des droits au départ",
    "beneficiaires.categories_exclues": "Salariés exclus",
    "beneficiaires.dirigeants_inclus": "Dirigeants bénéficiaires (L3312-3)",
    "texte.formule.famille": "Formule : famille",
    "texte.formule.texte": "Formule (texte cité)",
    "formule.composantes": "Formule modélisée",
    "formule.declencheurs": "Conditions de déclenchement",
    "indicateurs": "Indicateurs de la formule (définition et source)",
    "formule.plafond.taux_masse_salariale": "Plafond de l'enveloppe (part de la masse salariale)",
    "formule.plancher_centimes": "Minimum garanti",
    "texte.plafond_individuel_pass": "Plafond individuel écrit (fraction du PASS)",
    "repartition.parts": "Répartition : parts uniforme / présence / salaire",
    "repartition.absences_assimilees": "Absences assimilées à de la présence",
    "texte.absences_renvoi": "Absences assimilées : texte cité",
    "texte.quarantaine_reference": "Quarantaine : article du code de la santé publique cité",
    "repartition.notion_salaire": "Notion de salaire",
    "repartition.salaire_plancher_plafond": "Plancher ou plafond du salaire retenu",
    "repartition.redistribution_excedent": "Redistribution de l'excédent au-delà du plafond individuel",
    "versement.delai_versement_mois": "Délai de versement (mois après la clôture)",
    "versement.affectation_defaut_plan": "Affectation par défaut au plan d'épargne",
    "versement.plans_epargne": "Plans d'épargne cités",
    "versement.avances": "Avances (acomptes)",
    "information.preambule": "Préambule",
    "information.suivi_par": "Organe de suivi",
    "information.reglement_litiges": "Règlement des différends",
    "texte.denonciation": "Dénonciation et révision",
    "information.presomption_information": "Date présumée d'information du bénéficiaire (R3313-12)",
    "depot.code_prevalidation": "Pré-validation « Mon intéressement » revendiquée (R3313-4)",
    "texte.substitutions": "Modifications par substitution (avenant)",
}


# ------------------------------------------------------------------------------------------------ le fait


@dataclass
class Citation:
    texte: str
    article: str | None = None
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"texte": self.texte, "article": self.article, "page": self.page}


@dataclass
class Fait:
    cle: str
    statut: str
    valeur: Any = None
    citations: list[Citation] = field(default_factory=list)
    options: list[Any] = field(default_factory=list)
    renvoi: str | None = None
    note: str = ""
    source: str = "texte"  # texte | verificateur

    @property
    def libelle(self) -> str:
        return LIBELLES_FAITS.get(self.cle, self.cle)

    @property
    def citation(self) -> Citation | None:
        return self.citations[0] if self.citations else None

    @property
    def connu(self) -> bool:
        """La valeur peut servir à une règle : trouvée (ou saisie par le vérificateur)."""
        return self.statut == TROUVE

    def to_dict(self) -> dict[str, Any]:
        from validators.resultats import en_json

        return {
            "cle": self.cle, "libelle": self.libelle, "statut": self.statut,
            "statut_libelle": LIBELLES_STATUTS[self.statut], "valeur": en_json(_json(self.valeur)),
            "options": en_json([_json(o) for o in self.options]), "renvoi": self.renvoi, "note": self.note,
            "source": self.source, "citations": [c.to_dict() for c in self.citations],
        }


def _json(v: Any) -> Any:
    if isinstance(v, Fraction):
        return f"{v.numerator}/{v.denominator}"
    if isinstance(v, dict):
        return {k: _json(x) for k, x in v.items()}
    return v


class Faits:
    """Les faits lus dans un document, dans l'ordre de ``LIBELLES_FAITS``."""

    def __init__(self, faits: Iterable[Fait] = (), nom: str = ""):
        self.nom = nom
        self._faits: dict[str, Fait] = {}
        for f in faits:
            self._faits[f.cle] = f

    def __iter__(self) -> Iterator[Fait]:
        return iter(self._faits.values())

    def __len__(self) -> int:
        return len(self._faits)

    def __contains__(self, cle: str) -> bool:
        return cle in self._faits

    def get(self, cle: str) -> Fait | None:
        return self._faits.get(cle)

    def ajouter(self, fait: Fait) -> None:
        self._faits[fait.cle] = fait

    def valeur(self, cle: str, defaut: Any = None) -> Any:
        f = self._faits.get(cle)
        return f.valeur if f is not None and f.connu else defaut

    def connu(self, cle: str) -> bool:
        f = self._faits.get(cle)
        return f is not None and f.connu

    def statut(self, cle: str) -> str:
        f = self._faits.get(cle)
        return f.statut if f is not None else ABSENT

    def corriger(self, cle: str, valeur: Any) -> None:
        """Le vérificateur corrige ou renseigne un fait : il devient « trouvé », de source « vérificateur »."""
        ancien = self._faits.get(cle)
        self._faits[cle] = Fait(cle, TROUVE, valeur, citations=list(ancien.citations) if ancien else [],
                                note="saisi par le vérificateur", source="verificateur")

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.nom, "faits": [f.to_dict() for f in self]}


# ------------------------------------------------------------------------------------------- les passages


@dataclass(eq=False)
class Passage:
    """Une phrase du texte visible, avec l'article, la page et le contexte (titres) où elle se trouve."""

    texte: str
    norm: str
    article: str | None
    page: int | None
    contexte: str  # titres de l'annexe, de la section et de l'article, en minuscules
    rang: int
    paragraphe: int
    bloc: str = ""  # le paragraphe, ou l'introduction « … : » suivie de sa liste

    def citation(self) -> Citation:
        return Citation(self.texte, self.article, self.page)


_ABREVIATIONS = {"art", "arts", "al", "n°", "cf", "ex", "etc", "l", "r", "d", "m", "mme", "mm", "p", "pp", "c",
                 "chap", "s", "op", "no", "vol", "av", "env", "min", "max", "hors", "ht", "ttc", "c. trav",
                 "trav", "css", "c.s.s", "j.o", "jo", "n", "i", "ii", "iii", "iv", "v", "vi", "x"}
_RE_FIN_PHRASE = re.compile(r"(?<=[.!?])\s+(?=[«(\"A-ZÀ-ÖØ-Ý0-9–—•-])")
_RE_ITEM = re.compile(r"^\s*(?:[–—•◻☐□■▪●*-]|\(?[a-z0-9]{1,3}[).°]|\d+°|[ivx]+\))\s*", re.IGNORECASE)


def phrases(texte: str) -> list[str]:
    """Découpe un paragraphe en phrases (sans couper « art. L. 3314-5 » ni « n° 2 »)."""
    morceaux: list[str] = []
    debut = 0
    for m in _RE_FIN_PHRASE.finditer(texte):
        avant = texte[debut:m.start()].rstrip(".!?")
        mot = re.split(r"[\s(]", avant)[-1].lower() if avant else ""
        if mot in _ABREVIATIONS or re.fullmatch(r"[a-z]", mot) or re.fullmatch(r"\d{1,2}", mot):
            continue
        morceaux.append(texte[debut:m.start()].strip())
        debut = m.end()
    morceaux.append(texte[debut:].strip())
    return [x for x in morceaux if x]


def _libelle_article(partie: Any) -> str | None:
    numero = getattr(partie, "numero", None)
    titre = getattr(partie, "titre", None)
    genre = getattr(partie, "type", "autre")
    if genre == "article":
        base = f"Article {numero}" if numero else "Article"
        return f"{base} — {titre}" if titre else base
    return titre or None


# Les parties consacrées à un autre dispositif : la participation (le régime de L3321-1 : « participation des
# salariés aux résultats de l'entreprise », « réserve spéciale de participation », « accord de participation ») et
# les plans d'épargne. Le mot « participation » seul a son sens courant (« récompenser la participation
# collective ») et ne suffit pas.
_RE_HORS_SUJET = re.compile(r"(?:accord|régime|dispositif|chapitre [ivx\d]+)\W+(?:\w+\W+){0,2}participation\b|"
                            r"réserve spéciale|participation des salariés aux résultats|"
                            r"participation aux résultats de l'entreprise|\brsp\b|plan d'épargne|règlement du plan|"
                            r"\bpee\b|\bpei\b|\bperco|\bper\b")


_RANGS_TITRES = ("partie", "titre", "chapitre", "section")


def _rang(intitule: str) -> int:
    """Le rang d'un titre de partie : une « Partie », un « Titre », un « Chapitre » contiennent ce qui les suit (un
    « Préambule » ou un intertitre sans forme connue se range dessous)."""
    mot = intitule.strip().lower()
    return next((i for i, m in enumerate(_RANGS_TITRES) if re.match(rf"{m}\b", mot)), len(_RANGS_TITRES))


def passages(doc: Any) -> list[Passage]:
    """Les phrases visibles d'un ``DocumentLu`` (les paragraphes masqués ne sont pas lus : le texte tel qu'il
    s'affiche fait foi ; les masquer est une anomalie relevée par la lecture du document).

    Le contexte de chaque phrase : l'annexe, les titres (partie, titre, chapitre, section, préambule…) et
    l'intitulé de l'article qui la contiennent. Un tableau est dans l'article qui le contient."""
    sortie: list[Passage] = []
    annexe = ""
    sections: dict[int, str] = {}
    n_paragraphe = 0
    dernier_article: tuple[str | None, str] = (None, "")

    def empiler(intitule: str, niveau: int) -> None:
        nonlocal sections
        cle = niveau * 10 + _rang(intitule)
        sections = {k: v for k, v in sections.items() if k < cle}
        sections[cle] = intitule

    for partie in getattr(doc, "parties", []) or []:
        genre = getattr(partie, "type", "autre")
        titre = (getattr(partie, "titre", None) or "").strip()
        niveau = int(getattr(partie, "niveau", 0) or 0)
        sa_section = (getattr(partie, "section", None) or "").strip()
        son_annexe = (getattr(partie, "annexe", None) or "").strip()
        if genre == "annexe":
            annexe = titre or son_annexe
            sections = {}
        elif son_annexe and son_annexe != annexe:
            annexe, sections = son_annexe, {}
        if genre in ("autre", "preambule", "signature") and (sa_section or titre):
            empiler(sa_section or titre, niveau)
        elif sa_section and sa_section not in sections.values() and genre in ("article", "tableau"):
            empiler(sa_section, niveau)
        if genre == "tableau":
            article, titre_article = dernier_article
        else:
            article, titre_article = _libelle_article(partie), titre if genre == "article" else ""
            if genre == "article":
                dernier_article = (article, titre_article)
        contexte = " | ".join(x for x in [annexe, *[sections[k] for k in sorted(sections)], titre_article]
                              if x).lower()
        contexte = _sans_espace_apostrophe(nb.normaliser(contexte))
        paras = [p for p in getattr(partie, "paragraphes", []) or [] if not getattr(p, "masque", False)]
        textes = [nb.normaliser(getattr(p, "texte", "") or "") for p in paras]
        if genre != "tableau":
            paras, textes = _recoller(paras, textes)
        if genre == "tableau":  # une ligne de tableau se lit « | cellule | cellule »
            textes = [t if t.startswith("|") else "| " + t for t in textes]
        blocs = _blocs(textes)
        for p, texte, bloc in zip(paras, textes, blocs, strict=True):
            n_paragraphe += 1
            page = getattr(p, "page", None) or getattr(partie, "page", None)
            morceaux = phrases(texte)
            for ph in morceaux:
                sortie.append(Passage(ph, _sans_espace_apostrophe(nb.en_chiffres(ph)), article, page, contexte,
                                      len(sortie), n_paragraphe, bloc))
    return sortie


_RE_ESPACE_APOSTROPHE = re.compile(r"(?<=\b[a-zàâçéèêëîïôûùüÿ])'\s+(?=\w)", re.IGNORECASE)


def _sans_espace_apostrophe(texte: str) -> str:
    """« d' épargne » (OCR) → « d'épargne »."""
    return _RE_ESPACE_APOSTROPHE.sub("'", texte)


def _recoller(paras: list[Any], textes: list[str]) -> tuple[list[Any], list[str]]:
    """Une phrase coupée par un saut de page (PDF, scan) : un paragraphe qui ne finit pas par une ponctuation
    suivi d'un paragraphe qui commence par une minuscule est la même phrase (« … à une maladie » +
    « professionnelle, ainsi que … »)."""
    sortie_p: list[Any] = []
    sortie_t: list[str] = []
    for p, t in zip(paras, textes, strict=True):
        if sortie_t and t and t[0].islower() and not re.search(r"[.:;!?»)]\s*$", sortie_t[-1]) \
                and not _RE_ITEM.match(t):
            sortie_t[-1] = f"{sortie_t[-1]} {t}"
            continue
        sortie_p.append(p)
        sortie_t.append(t)
    return sortie_p, sortie_t


def _blocs(textes: list[str]) -> list[str]:
    """Pour chaque paragraphe, son bloc : une introduction qui finit par « : » et les éléments de liste qui la
    suivent forment un seul bloc (« sont assimilées à de la présence : – … ; – … »)."""
    blocs = list(textes)
    i = 0
    while i < len(textes):
        if textes[i].rstrip().endswith(":"):
            j = i + 1
            while j < len(textes) and (_RE_ITEM.match(textes[j]) or textes[j].rstrip().endswith((";", ",")) or
                                       textes[j - 1].rstrip().endswith((";", ",")) and j > i + 1):
                j += 1
            if j > i + 1:
                bloc = " ".join(textes[i:j])
                for k in range(i, j):
                    blocs[k] = bloc
                i = j
                continue
        i += 1
    return blocs


# ------------------------------------------------------------------------------------------ les motifs

_RE_OPTIONS = re.compile(
    r"\boption\s*(?:n°\s*)?(?:\d|[a-d]\b|[ivx]+\b)|\boptions? (?:suivantes|possibles|proposées|offertes|retenues?|"
    r"choisies?|au choix)|\bl'une des options|\boption retenue|◻|☐|□|\bau choix de l'entreprise|\(s[ée]lectionner|"
    r"s[ée]lectionner l'option|\bhypoth[eè]se (?:où|d'une?\b)|……|\.\.\.\.|\bxx\b|à compléter|\bà préciser\b|\bvariante\b|"
    r"l'entreprise (?:peut|pourra) (?:choisir|retenir|opter)|(?:au|le) choix de l'entreprise|"
    r"(?:il est possible|possibilité) de (?:prévoir|retenir)|\(options?\b|\boptions? (?:disponibles?|facultatives?)")
_RE_NEGATION = re.compile(r"\b(?:ne|n'|sans|aucun|aucune|jamais|ni)\b|\bpas de\b|\bnon\b")


_RE_TITRE_OPTION = re.compile(r"^[•□◻☐\s-]*(?:options?|variante|formule|hypoth[eè]se)\s*(?:n°\s*)?(?:\d+|[a-d]|[ivx]+)\b")


def _options(p: Passage, lecteur: Lecteur | None = None) -> bool:
    """Le passage appartient à un menu d'options (ou à un blanc à remplir) d'un modèle : il le dit, son article
    s'intitule « Option 2 – … », ou il suit, dans son article, un intertitre « Option 1 »."""
    if _RE_OPTIONS.search(p.norm) or _RE_OPTIONS.search(p.bloc.lower()):
        return True
    titre = nb.normaliser((p.article or "").lower())
    if re.search(r"\s—\s", titre) and _RE_TITRE_OPTION.search(titre.split(" — ", 1)[1]):
        return True
    if lecteur is not None:
        for q in reversed(lecteur.passages[max(0, p.rang - 40):p.rang + 1]):
            if q.article != p.article:
                break
            if len(q.norm) < 250 and _RE_TITRE_OPTION.search(q.norm):
                return True
        avant = lecteur.precedent(p)
        if avant is not None and avant.paragraphe != p.paragraphe and avant.texte.rstrip().endswith(":") \
                and _RE_OPTIONS.search(avant.norm):
            return True
    return False


def _nie(norm: str, debut: int, portee: int = 70) -> bool:
    """Une négation dans la même proposition, avant la position ``debut`` (« ne sont pas », « sans », « aucune »)."""
    avant = norm[max(0, debut - portee):debut]
    avant = re.split(r"[;:.]|\bmais\b|\ben revanche\b|\bpar contre\b", avant)[-1]
    return bool(_RE_NEGATION.search(avant))


_RE_NUMEROTATION = re.compile(r"^(?:(?:annexe|chapitre|titre|section|partie)\s*(?:[ivxl]+|\d+|n°\s*\d+)?[\s.:–—-]*)+")


def _hors_sujet(p: Passage) -> bool:
    """Passage d'une partie consacrée à la participation ou à un plan d'épargne (pas à l'intéressement) : un
    titre qui le dit (« Accord de participation », « Annexe 2 Participation », « Règlement du plan d'épargne »)."""
    return _contexte_hors_sujet(p.contexte)


@functools.lru_cache(maxsize=4096)
def _contexte_hors_sujet(contexte: str) -> bool:
    if "intéressement" in contexte:
        return False
    for segment in contexte.split(" | "):
        if _RE_HORS_SUJET.search(segment) or _RE_NUMEROTATION.sub("", segment.strip()).startswith("participation"):
            return True
    return False


class Lecteur:
    def __init__(self, doc: Any):
        self.doc = doc
        self.passages = passages(doc)
        self.texte = " ".join(p.norm for p in self.passages)

    def precedent(self, p: Passage) -> Passage | None:
        return self.passages[p.rang - 1] if p.rang > 0 else None

    def chercher(self, motif: re.Pattern[str] | str, *, hors_sujet: bool = False,
                 exclure: re.Pattern[str] | str | None = None) -> list[Passage]:
        rx = re.compile(motif) if isinstance(motif, str) else motif
        ex = re.compile(exclure) if isinstance(exclure, str) else exclure
        return [p for p in self.passages if rx.search(p.norm) and (hors_sujet or not _hors_sujet(p))
                and not (ex and ex.search(p.norm))]


def lecteur_de(doc: Any) -> Lecteur:
    """Le ``Lecteur`` d'un document, construit une fois (découpage en phrases) et gardé avec lui : la lecture des
    faits et la liste des clauses s'en servent toutes deux."""
    attributs = getattr(doc, "__dict__", None)
    if attributs is None:
        return Lecteur(doc)
    lecteur = attributs.get("_lecteur")
    if lecteur is None or lecteur.doc is not doc:
        lecteur = Lecteur(doc)
        attributs["_lecteur"] = lecteur
    return lecteur


@dataclass
class Candidat:
    valeur: Any
    passage: Passage
    options: bool = False
    note: str = ""


def _resoudre(cle: str, candidats: list[Candidat], sujet: list[Passage], *, note_absent: str = "",
              comparer: Callable[[Any], Any] = lambda v: v) -> Fait:
    """Décide le statut d'un fait à partir des valeurs lues : une seule valeur → trouvé ; plusieurs valeurs
    différentes → ambigu ; un passage d'options → options ; rien → non trouvé si le sujet est abordé, absent
    sinon."""
    if not candidats:
        if sujet:
            return Fait(cle, NON_TROUVE, citations=[p.citation() for p in sujet[:2]],
                        note="le texte en parle, mais aucune valeur n'a pu être lue avec confiance")
        return Fait(cle, ABSENT, note=note_absent)
    fermes = [c for c in candidats if not c.options]
    en_option = [c for c in candidats if c.options]
    if en_option and (not fermes or len(en_option) > len(fermes)):
        valeurs = _distinctes([c.valeur for c in candidats], comparer)
        return Fait(cle, OPTIONS, options=valeurs, citations=_citations(en_option),
                    note="modèle : la valeur est laissée au choix de l'entreprise")
    valeurs = _distinctes([c.valeur for c in fermes], comparer)
    if len(valeurs) == 1:
        notes = "; ".join(dict.fromkeys(c.note for c in fermes if c.note))
        return Fait(cle, TROUVE, valeurs[0], citations=_citations(fermes), note=notes)
    return Fait(cle, AMBIGU, options=valeurs, citations=_citations(fermes),
                note="le texte donne plusieurs valeurs différentes")


def _distinctes(valeurs: list[Any], comparer: Callable[[Any], Any]) -> list[Any]:
    vues: dict[Any, Any] = {}
    for v in valeurs:
        k = comparer(v)
        k = tuple(k) if isinstance(k, list) else k
        vues.setdefault(k, v)
    return list(vues.values())


def _citations(candidats: list[Candidat], n: int = 3) -> list[Citation]:
    vues: list[Citation] = []
    for c in candidats:
        cit = c.passage.citation()
        if all(cit.texte != v.texte for v in vues):
            vues.append(cit)
        if len(vues) >= n:
            break
    return vues


# ------------------------------------------------------------------------------------------- nature, mode

# Un accord de branche : la branche, ses partenaires sociaux, ses accords types ou « modes d'emploi », l'article
# L3312-8 (accord de branche d'intéressement), un « accord-cadre » pour les entreprises de la branche. Les visas
# (« Vu la convention collective nationale… ») ne disent que le droit applicable : ils ne comptent pas.
_RE_BRANCHE = re.compile(r"\bbranche\b|\bidcc\b|convention collective nationale|partenaires sociaux|"
                         r"organisations? (?:professionnelles?|d'employeurs)|accord[- ]type|mode d'emploi|trame|"
                         r"\bl\.?\s?3312-8\b|accord[- ]cadre")


# Ce qu'un accord d'intéressement écrit et qu'un plan d'épargne alimenté par les primes n'écrit pas : le calcul et
# la répartition de l'intéressement (pas « les primes d'intéressement affectées au plan »).
_RE_CALCUL_INTERESSEMENT = re.compile(
    r"(?:montant|prime|masse|enveloppe|réserve)s? globale?s? (?:de l'|d')intéressement|masse d'intéressement|"
    r"intéressement (?:global|collectif)|(?:calcul|répartition|formule|détermination) (?:de l'|du montant de l'|de la "
    r"prime d')intéressement|l'intéressement (?:est|sera) (?:égal|calculé|déterminé|réparti|fonction)|"
    r"primes? (?:globale|individuelle)s? d'intéressement")


def _titre(lecteur: Lecteur) -> str:
    return " ".join(p.norm for p in lecteur.passages[:3])


#: Les documents qui accompagnent un accord sans en être un (ceux que produit ce projet, et leurs équivalents écrits
#: ailleurs), reconnus à leur intitulé.
ANNEXES = {"note_information": "note d'information", "liste_depot": "liste de dépôt",
           "fiche_individuelle": "fiche individuelle"}
_RE_ANNEXES = (
    ("fiche_individuelle", re.compile(r"^fiche (?:individuelle|de répartition individuelle|distincte)\b[^.]{0,40}"
                                      r"intéressement|document distinct du bulletin de paie")),
    ("note_information", re.compile(r"^(?:note|notice|livret) d'information\b|\bnote d'information des salariés\b")),
    ("liste_depot", re.compile(r"^dépôt sur téléaccords\b|^liste des pièces\b|^pièces et échéances\b")),
)


def annexe_de(lecteur: Lecteur) -> str | None:
    """``note_information``, ``liste_depot`` ou ``fiche_individuelle`` quand l'intitulé du document (ses trois
    premières lignes) le dit ; sinon ``None``."""
    for p in lecteur.passages[:3]:
        for code, rx in _RE_ANNEXES:
            if rx.search(p.norm):
                return code
    return None


def nature(lecteur: Lecteur) -> Fait:
    cle = "texte.nature"
    titres = " ".join(dict.fromkeys(p.contexte for p in lecteur.passages))
    n_interessement = len(re.findall(r"intéressement", lecteur.texte + " " + titres))
    if n_interessement < 2:
        return Fait(cle, TROUVE, "pas_interessement",
                    note=f"le mot « intéressement » n'apparaît que {n_interessement} fois")
    premiers = lecteur.passages[:2]
    titre = _titre(lecteur)
    cit = [p.citation() for p in premiers[:1]]
    annexe = annexe_de(lecteur)
    if annexe is not None:
        return Fait(cle, TROUVE, annexe, citations=cit, note=f"{ANNEXES[annexe]} : pas un accord")
    modifie = re.search(r"(?:est|sont) (?:remplacée?s?|ainsi modifiée?s?|complétée?s?|supprimée?s?|abrogée?s?)\b|"
                        r"ainsi rédigée?|nouvelle rédaction|rédaction suivante", lecteur.texte)
    if re.search(r"^\s*avenant\b|\bavenant n°", premiers[0].norm if premiers else "") and modifie:
        return Fait(cle, TROUVE, "avenant", citations=cit)
    calcul = [p for p in lecteur.passages if _RE_CALCUL_INTERESSEMENT.search(p.norm) and not _hors_sujet(p)]
    autre_dispositif = re.search(r"plan d'épargne|\bpee\b|\bpei\b|\bperco|participation", lecteur.texte)
    intitule = lecteur.passages[0].norm if lecteur.passages else ""
    if not calcul and autre_dispositif and "intéressement" not in intitule:
        # Un accord d'intéressement fixe le calcul et la répartition de l'intéressement (L3313-2, L3314-2) : un
        # texte qui cite l'intéressement sans jamais en parler (plan d'épargne alimenté par les primes,
        # participation) n'en est pas un.
        return Fait(cle, TROUVE, "pas_interessement", citations=cit,
                    note="le texte cite l'intéressement sans en fixer le calcul ni la répartition (plan d'épargne, "
                         "participation…)")
    if re.search(r"document unilatéral d'adhésion|adhésion à l'accord de branche|bulletin d'adhésion", titre):
        return Fait(cle, TROUVE, "adhesion_branche", citations=cit)
    if re.search(r"décision unilatérale", titre):
        return Fait(cle, TROUVE, "decision_unilaterale", citations=cit)
    branche = [p for p in lecteur.passages if _RE_BRANCHE.search(p.norm) and not re.match(r"vu\b", p.norm)]
    if len(branche) >= 3 and re.search(r"\bbranche\b|idcc|convention collective nationale|partenaires sociaux",
                                       lecteur.texte):
        cites = [b.citation() for b in branche[:2]]
        return Fait(cle, TROUVE, "accord_branche", citations=cites,
                    note="accord de branche (ou accord type de branche)")
    if re.search(r"\baccord\b|\bprotocole\b|\bconvention\b", titre):
        return Fait(cle, TROUVE, "accord_entreprise", citations=cit)
    return Fait(cle, NON_TROUVE, citations=cit, note="ni accord, ni décision unilatérale, ni avenant reconnu")


_MODES = [
    ("decision_unilaterale", re.compile(r"décision unilatérale")),
    ("ratification", re.compile(r"ratifi\w+.{0,120}(?:2/3|deux tiers)|(?:2/3|deux tiers).{0,80}ratifi")),
    ("accord_cse", re.compile(r"(?:au sein du|avec le|par le|et le) (?:comité social et économique|cse)\b.{0,120}"
                              r"(?:majorité|vot|adopt|signataire|mandat)")),
    ("accord_delegues_syndicaux", re.compile(r"(?:organisations? syndicales?|délégués? syndica\w+).{0,120}"
                                             r"(?:représentées?|signataires?|représentatives?)")),
]


def mode(lecteur: Lecteur, nature_texte: str | None) -> Fait:
    cle = "mise_en_place.mode"
    entete = [p for p in lecteur.passages if p.rang < 60 or "signat" in p.contexte]
    trouves: dict[str, Passage] = {}
    for code, rx in _MODES:
        for p in entete:
            if rx.search(p.norm) and not _nie(p.norm, rx.search(p.norm).start()):
                trouves.setdefault(code, p)
    if nature_texte in ("accord_branche", "adhesion_branche"):
        if nature_texte == "adhesion_branche":
            return Fait(cle, TROUVE, "adhesion_branche", citations=[lecteur.passages[0].citation()])
        modes = sorted(trouves)
        return Fait(cle, OPTIONS, options=modes, citations=[p.citation() for p in trouves.values()][:3],
                    note="accord de branche : le mode de mise en place dans l'entreprise est celui qu'elle choisit")
    if nature_texte == "decision_unilaterale":
        return Fait(cle, TROUVE, "decision_unilaterale", citations=[lecteur.passages[0].citation()])
    if len(trouves) == 1:
        code, p = next(iter(trouves.items()))
        return Fait(cle, TROUVE, code, citations=[p.citation()])
    if len(trouves) > 1:
        return Fait(cle, AMBIGU, options=sorted(trouves), citations=[p.citation() for p in trouves.values()][:3])
    return Fait(cle, NON_TROUVE if lecteur.passages else ABSENT)


# ------------------------------------------------------------------------------------------------ dates

_RE_FAIT_A = re.compile(r"\bfait (?:à|en)\b.{0,60}?\ble\b")
_RE_TITRE_DATE = re.compile(r"^(?:accord|avenant|protocole|convention|décision|document)\b[^.]{0,120}?\bdu\s+"
                            r"(?!.{0,30}\bau\s+(?:1er|\d{1,2})\s)")


def date_conclusion(lecteur: Lecteur) -> Fait:
    cle = "mise_en_place.date_conclusion"
    candidats: list[Candidat] = []
    for p in lecteur.passages[:2]:
        m = _RE_TITRE_DATE.search(p.norm.lower())
        if m:
            d = nb.dates(p.texte[m.end() - 4:])
            if d and d[0].date:
                candidats.append(Candidat(d[0].date, p, note="date du titre"))
    for p in lecteur.chercher(_RE_FAIT_A, hors_sujet=True):
        d = [x for x in nb.dates(p.texte) if x.date]
        if d:
            candidats.append(Candidat(d[0].date, p, note="date de signature"))
        elif _options(p):
            candidats.append(Candidat(None, p, options=True))
    for p in lecteur.chercher(r"\b(?:signé|conclu|adopté|décidé|ratifié)\w* le\b"):
        if re.search(r"\b(?:signé|conclu|adopté|décidé|ratifié)\w* le\s+(?:1er|\d)", p.norm):
            d = [x for x in nb.dates(p.texte) if x.date]
            if d:
                candidats.append(Candidat(d[0].date, p, note="date de conclusion"))
    # Une date de titre et une date de signature différentes : la signature fait foi si elle est postérieure
    # (texte consolidé) ; le titre seul suffit sinon.
    fermes = [c for c in candidats if c.valeur is not None and not c.options]
    return _resoudre(cle, fermes or [c for c in candidats if c.valeur is not None or c.options], [])


_RE_EFFET = re.compile(r"(?:prend(?:ra)? effet|entre(?:ra)? en vigueur|s'appliquer?a? (?:pour la première fois )?"
                       r"(?:à compter|à partir)|est applicable (?:à compter|à partir)|applicable à compter|"
                       r"(?:à compter|à partir) de l'exercice (?:ouvert|commençant|débutant))")


def date_effet(lecteur: Lecteur) -> Fait:
    cle = "periode.date_effet"
    candidats = []
    sujet = lecteur.chercher(_RE_EFFET, exclure=r"dénonc|révision|avenant modifi|modification")
    for p in sujet:
        m = _RE_EFFET.search(p.norm)
        suite = p.norm[m.start():m.start() + 160]
        d = [x for x in nb.dates(suite) if x.date]
        if d:
            candidats.append(Candidat(d[0].date, p, options=_options(p)))
        elif re.search(r"……|\.\.\.|xx|date (?:de|d')", suite) and _options(p):
            candidats.append(Candidat(None, p, options=True))
    return _resoudre(cle, [c for c in candidats if c.valeur is not None or c.options], sujet)


# ------------------------------------------------------------------------------------------ durée, période

_RE_DUREE_ACCORD = re.compile(
    r"(?:conclu\w*|institué\w*|mis\w* en place|pris\w*|adopté\w*|applicable|établi\w*|valable|s'appliqu\w*|"
    r"appliqu\w*)\s+pour\s+"
    r"(?:une\s+(?:durée|période)\s+(?:déterminée\s+)?(?:de|d')\s*|la durée de\s*)?(\d{1,2})\s*"
    r"(ans?|années?|exercices?)|"
    r"durée\s+(?:de l'accord|du présent accord|de la présente décision|d'application)?\s*(?:est\s+)?"
    r"(?:fixée\s+)?(?:à|de)\s+(\d{1,2})\s*(ans?|années?|exercices?)|"
    r"pour\s+(?:une\s+période\s+de\s+)?(\d{1,2})\s+(exercices|années)\s+(?:sociaux|consécutifs|consécutives|"
    r"successifs|successives)")
_RE_EXERCICES_LISTE = re.compile(r"(?:exercices?|années?)\s+((?:(?:(?:19|20)\d\d|xx)(?:\s*,\s*|\s+et\s+|\s+à\s+))+"
                                 r"(?:(?:19|20)\d\d|xx))\b")
_RE_INDETERMINEE = re.compile(r"durée indéterminée")
_RE_DUREE_EXCLURE = re.compile(r"préavis|dénonc|caisse des dépôts|tenues? à (?:sa|leur) disposition|"
                               r"indisponib|blocage|bloqué|stage|mandat|ancienneté|délai|congé")


def duree(lecteur: Lecteur) -> Fait:
    cle = "periode.duree_annees"
    candidats: list[Candidat] = []
    sujet = lecteur.chercher(r"\bdurée\b.{0,40}(?:accord|décision|dispositif|régime)|"
                             r"(?:accord|décision|dispositif|régime).{0,60}\bdurée\b",
                             exclure=_RE_DUREE_EXCLURE)
    for p in lecteur.chercher(_RE_DUREE_ACCORD, exclure=_RE_DUREE_EXCLURE):
        for m in _RE_DUREE_ACCORD.finditer(p.norm):
            n = int(m[1] or m[3] or m[5])
            if 1 <= n <= 10:
                candidats.append(Candidat(n, p, options=_options(p)))
    for p in lecteur.chercher(r"durée\b.{0,60}(?:……|\.\.\.\.|\(s[ée]lectionner)|conclu pour une durée de\s*:",
                              exclure=_RE_DUREE_EXCLURE):
        candidats.append(Candidat(None, p, options=True))
    titres = {p.contexte: p for p in lecteur.passages}
    for texte, p in [(p.norm, p) for p in lecteur.chercher(r"conclu\w* pour\b|s'applique\w* (?:aux|pour les)|"
                                                           r"au titre des|pour les", exclure=_RE_DUREE_EXCLURE)] + \
            [(t, p) for t, p in titres.items() if re.search(r"pour les (?:exercices|années)", t)]:
        m = _RE_EXERCICES_LISTE.search(texte)
        if m:
            jetons = re.findall(r"(?:19|20)\d\d|xx", m[1])
            annees = [int(a) for a in jetons if a != "xx"]
            if "xx" in jetons:
                n = len(jetons) if " à " not in m[1] else 0
            elif " à " in m[1] and len(annees) == 2:
                n = annees[1] - annees[0] + 1
            else:
                n = len(annees) if annees == list(range(annees[0], annees[0] + len(annees))) else 0
            if 1 <= n <= 10:
                candidats.append(Candidat(n, p, note=f"exercices {m[1]}"))
    for p in lecteur.chercher(r"durée comprise entre (\d+) ans? et (\d+) ans", exclure=_RE_DUREE_EXCLURE):
        m = re.search(r"durée comprise entre (\d+) ans? et (\d+) ans", p.norm)
        for n in range(int(m[1]), int(m[2]) + 1):
            candidats.append(Candidat(n, p, options=True, note="durée au choix dans la fourchette légale"))
    # Cases à cocher de durées (« ◻ Un exercice social. ◻ Deux exercices sociaux. »).
    for p in lecteur.chercher(r"^[◻☐□]\s*\d+\s+(?:exercices?|ans?|années?)\b"):
        m = re.search(r"(\d+)\s+(?:exercices?|ans?|années?)", p.norm)
        if m:
            candidats.append(Candidat(int(m[1]), p, options=True))
    indetermine = lecteur.chercher(_RE_INDETERMINEE, exclure=r"contrat")
    if not candidats and indetermine:
        return Fait(cle, TROUVE, "indeterminee", citations=[p.citation() for p in indetermine[:2]],
                    note="durée indéterminée : contraire à L3312-5 pour un régime d'intéressement")
    fait = _resoudre(cle, [c for c in candidats if c.valeur is not None] or candidats, sujet)
    if fait.statut == OPTIONS:
        fait.options = sorted(v for v in fait.options if v is not None)
    if fait.statut == TROUVE and indetermine:
        fait.note = ("le texte-cadre est à durée indéterminée ; la durée lue est celle du régime d'intéressement "
                     "(L3312-5 : d'un à cinq ans)")
    return fait


def duree_legale_trois_ans(lecteur: Lecteur) -> Fait | None:
    """Une durée de trois ans présentée comme imposée par la loi (c'était le cas avant la loi ASAP de 2020)."""
    rx = re.compile(r"(?:durée (?:légale|obligatoire|minimale)|la loi (?:impose|prévoit|exige)|"
                    r"(?:doit|doivent) être conclu\w* pour une durée|obligatoirement conclu).{0,60}\b3 ans")
    trouves = lecteur.chercher(rx)
    if trouves:
        return Fait("texte.duree_legale_trois_ans", TROUVE, True, citations=[p.citation() for p in trouves[:2]])
    return None


_RE_RECONDUCTION = re.compile(r"tacite reconduction|reconduction tacite|reconduit\w* tacitement|"
                              r"renouvel\w+ (?:par |de manière |de façon )?tacite\w*|tacitement (?:reconduit|renouvel)")


def reconduction(lecteur: Lecteur) -> Fait:
    cle = "periode.reconduction_tacite"
    candidats: list[Candidat] = []
    for p in lecteur.chercher(_RE_RECONDUCTION):
        m = _RE_RECONDUCTION.search(p.norm)
        if re.search(r"\bsi\b|lorsque|sous réserve que|à condition", p.norm[max(0, m.start() - 60):m.start()]) \
                and not re.search(r"\bsauf si\b", p.norm):
            continue  # rappel conditionnel de la loi, pas une stipulation
        nie = _nie(p.norm, m.start(), 90)
        candidats.append(Candidat(not nie, p, options=_options(p, lecteur)))
    for p in lecteur.chercher(r"prend(?:ra)? fin (?:de plein droit|automatiquement)|sera (?:donc )?caduc"):
        candidats.append(Candidat(False, p, options=_options(p, lecteur)))
    fait = _resoudre(cle, candidats, [], note_absent="le texte ne prévoit pas de reconduction tacite")
    return fait


_RE_PERIODE_CALCUL = re.compile(r"période de calcul|calculé\w* (?:sur|par|au titre d)|période de référence|"
                                r"exercice de calcul")
_RE_ANNUEL = re.compile(r"(?:période de calcul|calculé\w*|période de référence)[^.;]{0,80}?"
                        r"(?:\bl'exercice\b|\bchaque exercice\b|exercice (?:social|comptable)|\bannuel\w*|"
                        r"\b1 an\b|12 mois|année civile)")


def periode_calcul(lecteur: Lecteur) -> Fait:
    cle = "periode.periode_calcul_mois"
    sujet = lecteur.chercher(_RE_PERIODE_CALCUL)
    candidats: list[Candidat] = []
    for p in sujet:
        if re.search(r"qui la précèd|qui le précèd|précédant|ancienneté|stage|choisie?\b", p.norm) and \
                not re.search(r"infra-annuel|semestr|trimestr", p.norm):
            continue
        mois = set()
        if _RE_ANNUEL.search(p.norm):
            mois.add(12)
        for d in nb.durees(p.norm):
            fenetre = p.norm[max(0, d.debut - 60):d.fin + 10]
            if d.en_mois and 3 <= d.en_mois <= 12 and re.search(r"période|calcul", fenetre) and \
                    not re.search(r"précèd|suivant|après|avant|délai|versement", p.norm[d.fin:d.fin + 25]):
                mois.add(d.en_mois)
        if re.search(r"\bsemestr", p.norm):
            mois.add(6)
        if re.search(r"\btrimestr", p.norm) and "avance" not in p.norm and "acompte" not in p.norm:
            mois.add(3)
        if not mois:
            if re.search(r"inférieure? à (?:1 an|12 mois|1 année|l'année)", p.norm) and _options(p, lecteur):
                candidats.append(Candidat(None, p, options=True))  # « Hypothèse d'une période inférieure à 1 an »
            continue
        if len(mois) > 1:
            candidats.append(Candidat(sorted(mois), p, options=True))
        else:
            candidats.append(Candidat(mois.pop(), p, options=_options(p)))
    fait = _resoudre(cle, [c for c in candidats if not isinstance(c.valeur, list)] or candidats, sujet)
    if fait.statut == OPTIONS:
        fait.options = sorted({x for v in fait.options for x in (v if isinstance(v, list) else [v]) if x is not None},
                              reverse=True)
    if fait.statut in (NON_TROUVE, ABSENT):
        par_exercice = _periode_par_exercice(lecteur)
        if par_exercice is not None:
            return par_exercice
    return fait


_RE_PAR_EXERCICE = re.compile(
    r"exercice (?:social |comptable )?(?:au titre duquel|considéré|de référence|concerné)|"
    r"au titre (?:de l'|d'un |de chaque |du même |du dernier )exercice|exercice annuel|exercice de 12 mois|"
    r"\bpar exercice|chaque exercice|(?:résultat|bénéfice)[^.;]{0,40} de l'exercice")
_RE_INFRA_ANNUEL = re.compile(r"infra-annuel|(?:période|calcul)[^.;]{0,60}(?:semestr|trimestr)|"
                              r"(?:semestr|trimestr)\w*[^.;]{0,60}(?:période de calcul|calculé)|"
                              r"inférieure? à (?:1 an|12 mois|une année|l'année)|durée inférieure|"
                              r"période (?:de calcul )?(?:de|d'une durée de) [3-9] mois")


def _periode_par_exercice(lecteur: Lecteur) -> Fait | None:
    """Sans période de calcul écrite, un texte dont le calcul, la répartition et le plafond portent sur
    « l'exercice au titre duquel l'intéressement est attribué » calcule l'intéressement par exercice : 12 mois
    (L3314-2 : « une année »). Jamais quand le texte parle d'une période plus courte (semestre, trimestre,
    « infra-annuel », « inférieure à un an ») : il peut alors la laisser au choix."""
    if any(_RE_INFRA_ANNUEL.search(p.norm) for p in lecteur.passages
           if not _hors_sujet(p) and not re.search(r"avance|acompte", p.norm)):
        return None
    ps = [p for p in lecteur.passages if _RE_PAR_EXERCICE.search(p.norm) and not _hors_sujet(p)
          and re.search(r"intéressement|prime|répart|calcul|plafond|bénéficiaire", p.norm + " " + p.contexte)]
    if not ps:
        return None
    if len(ps) < 2:
        return Fait("periode.periode_calcul_mois", NON_TROUVE, citations=[ps[0].citation()],
                    note="le calcul est rapporté à l'exercice une seule fois : la période n'est pas lue avec confiance")
    return Fait("periode.periode_calcul_mois", TROUVE, 12, citations=[p.citation() for p in ps[:2]],
                note="pas de période de calcul écrite : le calcul porte sur l'exercice (12 mois) ; à revoir si "
                     "l'exercice de l'entreprise n'est pas de 12 mois")


# ---------------------------------------------------------------------------------------- bénéficiaires

_RE_ANCIENNETE = re.compile(
    r"ancienneté\s+(?:minimale|minimum|requise|exigée|continue ou discontinue|préalable)?\s*(?:d'au moins|au moins|"
    r"minimum|minimale|au minimum|égale à|supérieure à|de plus de)?\s*(?:de|d')?\s*(\d{1,3})\s*(mois|jours?)\b|"
    r"(?:au moins|minimum|au minimum|plus de)?\s*(\d{1,3})\s*(mois|jours?)\s+(?:révolus\s+)?d'ancienneté")
_RE_LIMITE = re.compile(r"ne (?:doit|peut|pourra|saurait) (?:pas )?(?:dépasser|excéder|être supérieure?)|"
                        r"\bmaximale?\b|\bau plus\b|\bau maximum\b|\bplafonnée\b")
_RE_ANCIENNETE_EXCLURE = re.compile(r"stag|\badhérer\b|plan d'épargne|\bpee\b|\bpei\b|réserve spéciale")


def anciennete(lecteur: Lecteur) -> Fait:
    cle = "beneficiaires.anciennete.mois"
    sujet = lecteur.chercher(r"ancienneté", exclure=_RE_ANCIENNETE_EXCLURE)
    candidats: list[Candidat] = []
    limites: list[Candidat] = []
    for p in sujet:
        if re.search(r"(?:aucune|sans|pas de) condition d'ancienneté|sans ancienneté|dès (?:leur|l')embauche",
                     p.norm):
            candidats.append(Candidat(0, p, options=_options(p, lecteur)))
            continue
        for m in _RE_ANCIENNETE.finditer(p.norm):
            n, unite = (int(m[1]), m[2]) if m[1] else (int(m[3]), m[4])
            mois = n if unite == "mois" else None
            if mois is None:
                continue  # ancienneté en jours : non convertie en mois sans ambiguïté
            suite = p.norm[m.end():m.end() + 30]
            if re.search(r"qui (?:la|le) précèd|précédant", suite):
                continue
            avant = p.norm[max(0, m.start() - 80):m.start() + len(m[0])]
            c = Candidat(mois, p, options=_options(p, lecteur))
            if _RE_LIMITE.search(avant) and not re.search(r"minimale|minimum|au moins", m[0]):
                limites.append(c)
            else:
                candidats.append(c)
    rx_limite = re.compile(r"ancienneté[^.;]{0,40}?(?:ne (?:doit|peut|pourra|saurait) (?:pas )?(?:dépasser|excéder)|"
                           r"maximale? de|au plus de|au maximum de)\s*(\d{1,3})\s*mois")
    for p in sujet:
        for m in rx_limite.finditer(p.norm):
            limites.append(Candidat(int(m[1]), p, options=True))
    if not candidats and limites:
        valeurs = sorted({c.valeur for c in limites})
        return Fait(cle, OPTIONS, options=[f"au plus {v} mois" for v in valeurs],
                    citations=_citations(limites),
                    note="le texte fixe seulement un maximum : la condition est laissée au choix")
    return _resoudre(cle, candidats, sujet, note_absent="aucune condition d'ancienneté n'est écrite")


def calcul_anciennete(lecteur: Lecteur) -> Fait:
    cle = "beneficiaires.anciennete.calcul"
    tous = lecteur.chercher(r"(?:tous les|l'ensemble des) contrats?.{0,160}(?:12 mois|douze mois) qui (?:la|le) précèd|"
                            r"(?:tous les|l'ensemble des) contrats? de travail exécutés",
                            exclure=_RE_ANCIENNETE_EXCLURE)
    en_cours = lecteur.chercher(r"ancienneté.{0,80}(?:contrat en cours|seul contrat|dernier contrat)|"
                                r"(?:contrat en cours|dernier contrat).{0,80}ancienneté",
                                exclure=_RE_ANCIENNETE_EXCLURE)
    en_cours = [p for p in en_cours if not _nie(p.norm, p.norm.find("contrat"))]
    if tous and not en_cours:
        return Fait(cle, TROUVE, "tous_contrats", citations=[p.citation() for p in tous[:2]])
    if en_cours and not tous:
        return Fait(cle, TROUVE, "contrat_en_cours", citations=[p.citation() for p in en_cours[:2]])
    if tous and en_cours:
        return Fait(cle, AMBIGU, options=["tous_contrats", "contrat_en_cours"],
                    citations=[tous[0].citation(), en_cours[0].citation()])
    return Fait(cle, ABSENT if not lecteur.chercher("ancienneté") else NON_TROUVE)


_RE_PRESENCE_DATE = re.compile(
    r"(?:être |être encore |être toujours |sont |soient |est |seuls? les salariés )?(?:présents?|inscrits? (?:à|aux) "
    r"(?:l')?effectifs?|figurant (?:à|aux) (?:l')?effectifs?|appartenant (?:à|aux) (?:l')?effectifs?|"
    r"liés? par un contrat de travail)\s+(?:dans l'entreprise |au sein de l'entreprise |à l'effectif )?"
    r"(?:au\s+(?:\d{1,2}|1er|dernier jour)|à la date (?:du|de la|de)\s+(?:versement|paiement|signature|clôture)|"
    r"le jour (?:du|de la) (?:versement|paiement)|lors du (?:versement|paiement)|à la clôture)")


def condition_presence(lecteur: Lecteur) -> Fait:
    cle = "beneficiaires.condition_presence"
    candidats = []
    for p in lecteur.chercher(_RE_PRESENCE_DATE):
        m = _RE_PRESENCE_DATE.search(p.norm)
        if _nie(p.norm, m.start(), 100) or re.search(r"ancienneté s'apprécie|pour l'appréciation de l'ancienneté|"
                                                    r"quitt\w+|départ", p.norm):
            continue
        candidats.append(Candidat(p.texte, p, options=_options(p, lecteur)))
    if candidats:
        return _resoudre(cle, candidats, [], comparer=lambda v: "condition")
    negation = lecteur.chercher(r"aucune condition de présence|sans condition de présence|"
                                r"n'est (?:pas )?subordonné\w* à (?:une|aucune) condition de présence")
    return Fait(cle, ABSENT, citations=[p.citation() for p in negation[:1]],
                note="aucune condition de présence à une date n'est écrite")


def perte_droits_depart(lecteur: Lecteur) -> Fait:
    cle = "beneficiaires.perte_droits_depart"
    rx = re.compile(r"(?:perd\w*|privé\w*|déchu\w*|suppression)\s+(?:de\s+)?(?:le bénéfice|ses droits|leurs droits|"
                    r"tout droit|des droits)")
    candidats = []
    for p in lecteur.chercher(rx):
        m = rx.search(p.norm)
        if re.search(r"départ|quitt|rupture|démission|licenci|résiliation", p.norm):
            candidats.append(Candidat(not _nie(p.norm, m.start(), 60), p))
    for p in lecteur.chercher(r"conserv\w+ (?:ses|leurs|le bénéfice de ses) droits|ne peut entraîner la suppression"):
        candidats.append(Candidat(False, p))
    return _resoudre(cle, candidats, [])


_CATEGORIES = [
    ("apprentis", r"apprenti"), ("salariés en contrat à durée déterminée", r"contrats? à durée déterminée|\bcdd\b"),
    ("salariés à temps partiel", r"temps partiel"), ("saisonniers", r"saisonnier"),
    ("contrats de professionnalisation", r"professionnalisation"), ("cadres", r"\bcadres\b"),
    ("non-cadres", r"non[- ]cadres"), ("salariés en préavis", r"préavis"),
]
_RE_EXCLUSION = re.compile(r"(?:sont|seront|est|sera) exclu\w*|à l'exclusion des?|ne (?:bénéficient|bénéficieront|"
                           r"peuvent bénéficier|pourront bénéficier) pas|n'ouvrent? pas droit|ne sont pas bénéficiaires")


def categories_exclues(lecteur: Lecteur) -> Fait:
    cle = "beneficiaires.categories_exclues"
    exclues: dict[str, Passage] = {}
    for p in lecteur.chercher(_RE_EXCLUSION, exclure=r"stagiaires? non titulaire|non titulaires? d'un contrat|"
                                                     r"mandataires?|intérimaire|droit public|fonctionnaire"):
        m = _RE_EXCLUSION.search(p.norm)
        fenetre = p.norm[m.start():m.start() + 160]
        if re.search(r"quel(?:le)?s? que soi|y compris|notamment pas", fenetre):
            continue
        for libelle, motif in _CATEGORIES:
            if re.search(motif, fenetre):
                exclues.setdefault(libelle, p)
    if exclues:
        return Fait(cle, TROUVE, sorted(exclues), citations=[p.citation() for p in exclues.values()][:3])
    return Fait(cle, ABSENT, note="aucune exclusion de salariés n'est écrite")


_RE_DIRIGEANTS = re.compile(r"chefs? d'entreprise|mandataires? sociaux|\bdirigeants?\b|\bprésident\w*\b|"
                            r"\bgérants?\b|membres? du directoire|conjoint collaborateur|l\.? ?3312-3")


_RE_DIRIGEANTS_OPTION = re.compile(
    r"sous réserve que (?:le présent |l')accord le prévoi|si (?:le présent |l')accord le prévoi|si l'entreprise le "
    r"souhaite|l'accord (?:peut|pourra) prévoir|(?:peut|pourra|peuvent|pourront) (?:en )?faire bénéficier|"
    r"(?:l'entreprise|l'employeur) (?:peut|pourra|a la faculté)")
_RE_INTRO_BENEFICIAIRES = re.compile(r"(?:sont|seront) bénéficiaires|bénéficient (?:de l'intéressement|du présent)|"
                                     r"s'appliquent? aux bénéficiaires|peuvent bénéficier|(?:pourra|peut) en faire "
                                     r"bénéficier|bénéficiaires suivants")


def dirigeants(lecteur: Lecteur) -> Fait:
    """Les dirigeants (L3312-3) bénéficient-ils ? Oui quand le texte les nomme parmi les bénéficiaires (« peuvent
    également bénéficier de l'intéressement », un élément de la liste « Sont bénéficiaires : – les chefs
    d'entreprise… ») ; « options » quand il laisse le choix (« l'entreprise pourra en faire bénéficier », « si
    l'accord le prévoit », case à cocher) ; la seule mention des mandataires titulaires d'un contrat de travail ne
    vaut pas clause L3312-3."""
    cle = "beneficiaires.dirigeants_inclus"
    candidats: list[Candidat] = []
    salaries: list[Candidat] = []
    sujet: list[Passage] = []
    for p in lecteur.chercher(_RE_DIRIGEANTS, exclure=r"représenté\w* par|agissant en (?:qualité|vertu)|"
                                                      r"signataire|salaire le plus élevé|rémunération annuelle|"
                                                      r"revenu professionnel"):
        m = _RE_DIRIGEANTS.search(p.norm)
        bloc = nb.en_chiffres(p.bloc) if p.bloc and p.bloc != p.texte else p.norm
        element = bloc != p.norm and _RE_ITEM.match(p.texte) is not None
        if not re.search(r"bénéfici", p.norm) and not (element and _RE_INTRO_BENEFICIAIRES.search(bloc)):
            continue
        sujet.append(p)
        if re.search(r"cumul\w* .{0,40}contrat de travail|titulaires? d'un contrat de travail|"
                     r"au titre de (?:leur|son) contrat de travail", p.norm) and not re.search(r"l\.? ?3312-3|250",
                                                                                             p.norm):
            salaries.append(Candidat(False, p, note="seuls les mandataires titulaires d'un contrat de travail, au "
                                                    "titre de ce contrat"))
            continue
        if not element and not re.search(r"l\.? ?3312-3|250|moins de (?:100|cent)|peuvent (?:également |aussi )?"
                                         r"bénéficier|bénéficient (?:également|aussi)|(?:prévoit|prévoient) "
                                         r"expressément|(?:faire|en faire) bénéficier", p.norm):
            continue
        zone = bloc if element else p.norm
        propre = bool(_RE_DIRIGEANTS_OPTION.search(zone) or re.search(r"[□◻☐]", p.norm))
        options = propre or _options(p, lecteur)
        if re.search(r"(?:prévoit|prévoient) expressément|bénéficient (?:également|aussi) de l'intéressement", p.norm):
            options = propre = False
        candidats.append(Candidat(not _nie(p.norm, m.start(), 50), p, options=options,
                                  note="" if propre or not options else "option d'un autre sujet"))
    for p in lecteur.chercher(r"(?:prévoit|prévoient) expressément que[^.]{0,60}bénéficient"):
        avant = lecteur.precedent(p)
        if _RE_DIRIGEANTS.search(p.contexte) or (avant is not None and _RE_DIRIGEANTS.search(avant.norm)):
            m = re.search(r"expressément", p.norm)
            candidats.append(Candidat(not _nie(p.norm, m.start(), 40), p))
    # Les mandataires salariés bénéficient au titre de leur contrat de travail : cela ne dit rien des dirigeants
    # quand le texte nomme aussi les chefs d'entreprise parmi les bénéficiaires.
    if not candidats:
        candidats = salaries
    if not sujet:
        # Les dirigeants nommés ailleurs que dans une phrase lue (liste mal découpée d'un scan…) : le texte en parle,
        # ce n'est pas « absent ».
        sujet = [p for p in lecteur.chercher(r"chefs? d'entreprise|présidents?,? directeurs? généraux|membres? du "
                                             r"directoire") if not re.search(r"représenté\w* par|agissant en|"
                                                                             r"signataire|salaire le plus élevé", p.norm)]
    # Un modèle dont les options portent sur autre chose (« Option 1 – sans condition d'ancienneté », « Option 2 –
    # ancienneté de trois mois ») et qui nomme les dirigeants de la même façon dans chacune : ce n'est pas un choix.
    autres = [c for c in candidats if c.note == "option d'un autre sujet"]
    if autres and len({c.passage.article for c in autres}) >= 2 and len({c.valeur for c in candidats}) == 1 and \
            all(c.note == "option d'un autre sujet" or not c.options for c in candidats):
        for c in autres:
            c.options, c.note = False, "même stipulation dans chacune des options du modèle"
    return _resoudre(cle, candidats, sujet, note_absent="le texte ne fait pas bénéficier les dirigeants (L3312-3)")


# --------------------------------------------------------------------------------------------- formule

_RE_CONTEXTE_FORMULE = re.compile(r"calcul|formule|détermination|montant global|intéressement global|"
                                  r"enveloppe|masse (?:globale|d'intéressement)|prime globale")
_FAMILLES = [
    ("part_resultat", re.compile(r"\d+(?:[.,]\d+)?\s*%\s*(?:du|de (?:la|ce|l'))\s*(?:résultat|bénéfice|excédent "
                                 r"brut|rnai|rcai)|%\s*×\s*(?:rnai|rcai|résultat|bénéfice)|"
                                 r"(?:résultat|bénéfice)[^.]{0,60}×\s*\d+(?:[.,]\d+)?\s*%")),
    ("paliers_croissance", re.compile(r"(?:progression|croissance|augmentation|évolution|hausse)\b[^.]{0,80}"
                                      r"(?:chiffre d'affaires|\bca\b|marge|valeur ajoutée|produits)"
                                      r"[^.]{0,120}%\s*de la masse salariale|pourcentage de la masse salariale"
                                      r"[^.]{0,120}(?:croissance|progression|évolution)")),
    ("objectifs", re.compile(r"objectifs? (?:de performance|collectifs?|à atteindre|fixés?)|taux d'atteinte|"
                             r"taux de réussite|critères? de performance|indicateurs? de performance|"
                             r"primes? pour objectifs?|atteinte des? objectifs?")),
]
# Un modèle qui laisse la formule à l'entreprise : options numérotées, « au choix », ou l'entreprise qui
# « précise dans l'accord … la formule » à partir d'« exemples d'éléments ».
_RE_OPTIONS_FORMULE = re.compile(r"\b(?:option|formule|variante)\s*(?:n°\s*)?(?:1|2|a|b|i)\b|au choix|"
                                 r"l'une des (?:formules|options)|(?:selon )?le choix de l'entreprise|"
                                 r"l'entreprise (?:précise|choisit|détermine|définit|retient)[^.]{0,80}"
                                 r"(?:formule|éléments de calcul)|exemples? d'éléments")


def formule(lecteur: Lecteur) -> list[Fait]:
    sujet = [p for p in lecteur.passages if _RE_CONTEXTE_FORMULE.search(p.contexte) and not _hors_sujet(p)]
    familles: dict[str, list[Passage]] = {}
    for p in sujet:
        if re.search(r"\bpar exemple\b|\bà titre d'exemple|\bexemples?\b|^nota\b", p.norm):
            continue  # un exemple ou une note de modèle ne dit pas la formule du texte
        for code, rx in _FAMILLES:
            if rx.search(p.norm):
                familles.setdefault(code, []).append(p)
    options = [p for p in sujet if _RE_OPTIONS_FORMULE.search(p.norm) or _RE_OPTIONS_FORMULE.search(p.contexte)]
    cle = "texte.formule.famille"
    if options and (len(familles) > 1 or len(options) >= 2):
        fam = Fait(cle, OPTIONS, options=sorted(familles), citations=[p.citation() for p in options[:2]],
                   note="plusieurs formules au choix de l'entreprise")
    elif len(familles) == 1:
        code, ps = next(iter(familles.items()))
        fam = Fait(cle, TROUVE, code, citations=[ps[0].citation()])
    elif len(familles) > 1:
        principal = max(familles, key=lambda k: len(familles[k]))
        fam = Fait(cle, AMBIGU, options=sorted(familles), citations=[familles[k][0].citation() for k in familles][:3],
                   note=f"plusieurs familles de formule ; la plus citée : {principal}")
    else:
        fam = Fait(cle, NON_TROUVE if sujet else ABSENT, citations=[p.citation() for p in sujet[:1]])
    texte = [p for p in sujet if re.search(r"=|×|%\s*(?:du|de la|des)", p.norm)][:3]
    faits = [fam, Fait("texte.formule.texte", TROUVE if texte else (NON_TROUVE if sujet else ABSENT),
                       " ".join(p.texte for p in texte) or None, citations=[p.citation() for p in texte],
                       note="formule non modélisée : à lire dans le texte cité")]
    plancher = lecteur.chercher(r"(?:minimum|plancher) garanti|montant minimum (?:de|d')\s*intéressement|"
                                r"(?:ne (?:pourra|peut) (?:pas )?être inférieur\w*) à\s+\d", exclure=r"salaire")
    plancher = [p for p in plancher if not _nie(p.norm, p.norm.find("garanti"), 30) or "inférieur" in p.norm]
    if plancher:
        faits.append(Fait("formule.plancher_centimes", TROUVE,
                          (nb.montants_centimes(plancher[0].texte) or [None])[0],
                          citations=[plancher[0].citation()], note="minimum garanti écrit dans le texte"))
    return faits


_RE_PLAFOND_ENVELOPPE = re.compile(
    r"(?:dans la limite de|ne (?:peut|pourra|doit|saurait) (?:pas |en aucun cas )?(?:dépasser|excéder)|"
    r"plafonné\w* à|limité\w* à|au maximum)\s+(?:annuellement\s+)?(?:de\s+)?(\d+(?:[.,]\d+)?)\s*%\s+"
    r"(?:du (?:montant )?total |de la somme |de la masse |du montant )?(?:des |de la )?(?:salaires|masse salariale|"
    r"rémunérations)")


def plafond_enveloppe(lecteur: Lecteur) -> Fait:
    cle = "formule.plafond.taux_masse_salariale"
    candidats = []
    for p in lecteur.chercher(_RE_PLAFOND_ENVELOPPE, exclure=r"même bénéficiaire|plafond annuel de la sécurité"):
        for m in _RE_PLAFOND_ENVELOPPE.finditer(p.norm):
            taux = Decimal(m[1].replace(",", ".")) / 100
            candidats.append(Candidat(taux, p, options=_options(p, lecteur)))
    fait = _resoudre(cle, candidats, [])
    if fait.statut == AMBIGU:
        # Le plafond légal de 20 % rappelé à côté d'un plafond conventionnel plus bas : le plus bas s'applique.
        valeurs = sorted(fait.options)
        fait = Fait(cle, TROUVE, valeurs[0], citations=fait.citations,
                    note=f"plusieurs plafonds écrits ({', '.join(f'{v * 100:g} %' for v in valeurs)}) : le plus bas "
                         "s'applique")
    return fait


# --------------------------------------------------------------------------------------------- plafonds

_RE_PASS = re.compile(r"plafond annuel\b[^.;]{0,60}(?:sécurité sociale|cotisations sociales)|\bpass\b|"
                      r"plafond de la sécurité sociale")
_RE_INDIVIDUEL = re.compile(r"même bénéficiaire|\bindividuel\w*|par bénéficiaire|un bénéficiaire|attribué\w* à|"
                            r"(?:salarié|bénéficiaire) ne (?:peut|pourra)|montant des droits|ne peut\w* excéder|"
                            r"ne (?:peut|pourra) (?:pas )?dépasser")
_RE_SUBSTITUTION = re.compile(r"«\s*([^»]{1,120}?)\s*»\s*(?:est|sont)\s+remplacée?s?\s+par\s+«\s*([^»]{1,200}?)\s*»")


def substitutions(lecteur: Lecteur) -> list[tuple[str, str, Passage]]:
    """Les modifications par substitution d'un avenant : (ancien, nouveau, passage)."""
    sortie = []
    for p in lecteur.passages:
        for m in _RE_SUBSTITUTION.finditer(nb.normaliser(p.texte).lower()):
            sortie.append((m[1], m[2], p))
    return sortie


def plafond_individuel(lecteur: Lecteur) -> Fait:
    cle = "texte.plafond_individuel_pass"
    candidats: list[Candidat] = []
    for p in lecteur.chercher(_RE_PASS, exclure=r"conjoint|25 %|quart du plafond(?! annuel de la)|"
                                                r"rémunération retenue|salaire (?:retenu|pris en compte)"):
        m = _RE_PASS.search(p.norm)
        if not _RE_INDIVIDUEL.search(p.norm):
            continue
        avant = p.norm[max(0, m.start() - 70):m.start()]
        f = nb.fraction(avant.split(";")[-1], derniere=True) if avant else None
        if f is None or f not in (Fraction(1, 2), Fraction(3, 4), Fraction(1, 1)):
            continue
        candidats.append(Candidat(f, p, options=_options(p)))
    for ancien, nouveau, p in substitutions(lecteur):
        fa, fn = nb.fraction(ancien), nb.fraction(nouveau)
        if fa in (Fraction(1, 2), Fraction(3, 4)) and fn in (Fraction(1, 2), Fraction(3, 4)) and fa != fn:
            # « à la moitié » remplacé par « aux trois quarts » : la substitution porte sur le plafond (seul plafond
            # de l'intéressement exprimé en fraction) ; la valeur nouvelle remplace l'ancienne.
            candidats = [c for c in candidats if c.valeur != fa]
            candidats.append(Candidat(fn, p, note=f"modifié par substitution : « {ancien} » → « {nouveau} »"))
    sujet = [p for p in lecteur.chercher(_RE_PASS) if _RE_INDIVIDUEL.search(p.norm)
             and re.search(r"plafond individuel|par bénéficiaire|même bénéficiaire|montant des droits|prime "
                           r"individuelle|à un (?:même )?(?:salarié|bénéficiaire)", p.norm)]
    return _resoudre(cle, candidats, sujet[:2], note_absent="le plafond individuel n'est pas écrit")


# -------------------------------------------------------------------------------------------- répartition

_RE_CLE_UNIFORME = re.compile(r"(?:de manière|de façon|façon|manière)\s+(?:uniforme|égalitaire|égale)|"
                              r"répartition\s+(?:uniforme|égalitaire)|(?:en |par )?parts? égales?|non hiérarchisée|"
                              r"uniformément|\buniforme\b|égalitaire")
_RE_CLE_PRESENCE = re.compile(r"(?:proportionnel\w*|au prorata)\s+(?:à|de|du)\s+(?:la\s+)?(?:durée\s+(?:de\s+|d')?"
                              r"(?:la\s+)?présence|temps de présence|présence|temps de travail effectif)|"
                              r"selon la durée de (?:la )?présence|de la durée de (?:la )?présence|présence effective|"
                              r"durée de présence")
_RE_CLE_SALAIRE = re.compile(r"(?:proportionnel\w*|au prorata)\s+(?:aux?|des?|du|à la)\s+(?:montant des?\s+)?"
                             r"(?:salaires?|rémunérations?)|des salaires bruts? perçus|du salaire brut|"
                             r"selon (?:le|les) salaires?|aux salaires\b")
_RE_CONTEXTE_REPARTITION = re.compile(r"répartition|répartie?s?|critères?|réparti")
_CLES = (("uniforme", _RE_CLE_UNIFORME), ("presence", _RE_CLE_PRESENCE), ("salaire", _RE_CLE_SALAIRE))
_CLES_RX = dict(_CLES)


def _part_de(segment: str) -> Fraction | None:
    """La part d'une sous-enveloppe écrite dans un segment : « pour moitié », « 50 % », « pour 2/3 », « un tiers »."""
    if re.search(r"pour moitié|\bmoitié\b|\b50 ?%", segment):
        return Fraction(1, 2)
    m = re.search(r"\bpour (?:les |le )?(\d)\s*/\s*(\d)\b|\b(\d)\s*/\s*(\d)\s+(?:de la masse|du montant|de "
                  r"l'enveloppe|de l'intéressement|de la prime)|\b(\d|un) tiers\b", segment)
    if m:
        if m[5]:
            return Fraction(1 if m[5] == "un" else int(m[5]), 3)
        n, d = (m[1], m[2]) if m[1] else (m[3], m[4])
        if int(d) and 0 < int(n) < int(d):
            return Fraction(int(n), int(d))
    pc = nb.pourcentages(segment)
    if pc:
        return Fraction(pc[0][0])
    return None


def _parts_exactes(parts: dict[str, Fraction]) -> dict[str, Decimal]:
    """Des parts qui font 1 en décimaux qui font exactement 1 (1/3 → 0,3333333333 ; la plus grande part prend le
    reste)."""
    sortie = {k: Decimal(p.numerator) / Decimal(p.denominator) for k, p in parts.items()}
    sortie = {k: v.quantize(Decimal("1.0000000000")).normalize() if v.as_tuple().exponent < -10 else v
              for k, v in sortie.items()}
    if sortie and sum(sortie.values()) != 1:
        grande = max(sortie, key=lambda k: (sortie[k], k))
        sortie[grande] += 1 - sum(sortie.values())
    return {k: sortie.get(k, Decimal(0)) for k in ("uniforme", "presence", "salaire")}


# Une règle de répartition est une stipulation (« est répartie », « s'effectue ») ; la simple mention d'une clé
# (« en cas d'option pour une répartition proportionnelle au salaire », « d'où la référence à une répartition
# proportionnelle au salaire » d'un préambule) n'en est pas une.
_RE_STIPULE_REPARTITION = re.compile(
    r"(?:est|sont|sera|seront) répartie?s?|(?:est|sera) (?:effectuée|faite|calculée|opérée)|s'effectue|se fait|"
    r"répartition (?:est|sera|s'effectue|se fait)|réparti\w* (?:entre|proportionnellement|selon|de manière|au prorata|"
    r"uniformément|comme suit|pour)")
_RE_MENTION_CONDITIONNELLE = re.compile(r"\ben cas d'option\b|\bsi\b|\blorsque\b|\bdans le cas où\b|\bd'où\b|"
                                        r"\bafin de\b|la référence à|\bexemple")


def repartition(lecteur: Lecteur) -> Fait:
    cle = "repartition.parts"
    candidats: list[Candidat] = []
    sujet = [p for p in lecteur.passages if (_RE_CONTEXTE_REPARTITION.search(p.contexte) or
                                            re.search(r"\brépartie?s?\b|\brépartition\b", p.norm))
             and not _hors_sujet(p)]
    vus: set[str] = set()
    seules: list[Candidat] = []  # une clé sans part écrite (100 % ?), gardées à part
    par_article: dict[str | None, dict[str, tuple[Fraction, Passage]]] = {}
    for p in sujet:
        bloc = nb.en_chiffres(p.bloc) if p.bloc else p.norm
        if bloc in vus:
            continue
        vus.add(bloc)
        if not re.search(r"répartie?s?|répartition|réparti|distribué|\bpour\b", bloc):
            continue
        if re.search(r"plafond|excédent|reliquat|redistribu|supplément|absence|congé|reconstitu", bloc) and \
                not re.search(r"critères? de répartition|selon les critères|répartie?s? (?:comme suit|selon|entre)",
                              bloc):
            continue
        segments = re.split(r"\s(?:et|;|–|-|•)\s(?=(?:pour|à|\d+ ?%|proportionnel|selon|de manière|uniform|la moitié|"
                            r"l'autre))", bloc)
        parts: dict[str, Fraction | None] = {}
        for seg in segments:
            for code, rx in _CLES:
                if rx.search(seg) and code not in parts:
                    if code == "presence" and re.search(r"quelle que soit la (?:durée de )?présence|sans tenir compte"
                                                        r" (?:du salaire ou )?du temps de présence|indépendamment",
                                                        seg):
                        continue
                    if code == "salaire" and re.search(r"quel que soit (?:le|son) salaire|sans tenir compte du salaire",
                                                       seg):
                        continue
                    parts[code] = _part_de(seg)
        if not parts:
            continue
        options = _options(p, lecteur) or bool(re.search(r"\bou\b\s+(?:proportionnel|selon|de manière|uniform|"
                                                         r"pour moitié|\d+ ?%|à \d+ ?%)", bloc))
        if re.search(r"……|\.\.\.|… …", bloc):
            options = True
        connues = {k: v for k, v in parts.items() if v is not None}
        if len(parts) == 1 and not connues:
            code = next(iter(parts))
            debut = _CLES_RX[code].search(bloc)
            avant = bloc[:debut.start()] if debut else bloc
            if options:
                candidats.append(Candidat({code: Fraction(1)}, p, options=True))
            elif _RE_STIPULE_REPARTITION.search(bloc) and not _RE_MENTION_CONDITIONNELLE.search(avant) and \
                    not _dans_preambule(p):
                seules.append(Candidat({code: Fraction(1)}, p))
            continue
        if len(connues) == len(parts) and sum(connues.values()) == 1:
            valeur = connues
        elif len(parts) == 2 and len(connues) == 1 and 0 < next(iter(connues.values())) < 1:
            autre = next(k for k in parts if k not in connues)
            valeur = {**connues, autre: 1 - next(iter(connues.values()))}
        elif len(parts) == 1 and not options:
            # « • Pour 2/3, proportionnellement à la rémunération » : une part d'une clé ; les autres parts sont dans
            # d'autres paragraphes du même article.
            code, part = next(iter(connues.items()))
            par_article.setdefault(p.article, {}).setdefault(code, (part, p))
            continue
        else:
            if options:
                candidats.append(Candidat(None, p, options=True))
            continue
        candidats.append(Candidat(valeur, p, options=options))
    for article, cles in par_article.items():
        if sum(part for part, _ in cles.values()) == 1:
            premier = min((p for _, p in cles.values()), key=lambda p: p.rang)
            candidats.append(Candidat({k: part for k, (part, _) in cles.items()}, premier,
                                      note="parts écrites dans des paragraphes successifs"))
            seules = [c for c in seules if c.passage.article != article]
    candidats += seules
    for c in candidats:
        if isinstance(c.valeur, dict):
            c.valeur = _parts_exactes(c.valeur)
    fait = _resoudre(cle, candidats, [p for p in sujet if re.search(r"répartition|répartie?", p.norm)][:2],
                     comparer=lambda v: tuple(sorted(v.items())) if isinstance(v, dict) else v)
    if fait.statut == OPTIONS:
        fait.options = [o for o in fait.options if o is not None]
    return fait


# Les absences, dans les mots des accords, vers les codes du format d'échange (interessement.modele.CODES_ABSENCES).
_ABSENCES = [
    ("maternite", r"maternité"),
    ("paternite_accueil_enfant", r"paternité"),
    ("adoption", r"adoption"),
    ("deuil", r"\bdeuil"),
    ("accident_travail", r"accidents? (?:du |de )travail|\bat\b|\bat/mp\b|accident de trajet"),
    ("maladie_professionnelle", r"maladies? professionnelles?|\bmp\b|at/mp"),
    ("quarantaine", r"quarantaine|isolement (?:prophylactique|sanitaire)"),
    ("conges_payes", r"congés payés"),
    ("activite_partielle", r"activité partielle|chômage partiel"),
    ("formation", r"formation"),
    ("maladie", r"maladie(?! professionnelle)(?!s professionnelles)"),
]
_ABSENCES_PAR_ARTICLE = [
    ("maternite", r"\bl\.?\s?1225-17\b"), ("paternite_accueil_enfant", r"\bl\.?\s?1225-35\b"),
    ("adoption", r"\bl\.?\s?1225-37\b"), ("accident_travail", r"\bl\.?\s?1226-7\b"),
    ("maladie_professionnelle", r"\bl\.?\s?1226-7\b"), ("deuil", r"\bl\.?\s?3142-1-1\b"),
    ("quarantaine", r"\bl\.?\s?3131-1(?:5)?\b[^.;]{0,40}santé publique"),
]
_RE_ASSIMILE = re.compile(r"assimil\w*\b[^.;:]{0,40}?(?:à|comme)\s+(?:une |des |du |de la |la )?(?:périodes? de |"
                          r"temps de |durée de )?(?:présence|travail effectif)|ne (?:sont|seront) pas déduite?s?|"
                          r"(?:sauf|à l'exception des?) (?:pour )?(?:les )?(?:périodes d')?absences? (?:pour|liées?)|"
                          r"à l'exception des périodes|"
                          r"sont (?:considérées|prises en compte) comme (?:du temps de )?(?:présence|travail effectif)|"
                          r"(?:salaire|rémunération)\w* .{0,80}reconstitué\w*|reconstitu\w+ .{0,40}(?:salaire|rémunération)|"
                          r"(?:salaire|rémunération)\w*[^.;]{0,60}(?:celle|celui|ceux|celles) qu'aur(?:ait|aient) perçue?s?")
_RE_NEGATION_ASSIMILATION = re.compile(r"\bne (?:sont|seront|sera|est) (?:donc )?pas\b|\bnon assimilé|n'(?:est|ont) pas|"
                                       r"ne font pas l'objet|ne donnent pas lieu")


def _codes_absences(segment: str) -> list[str]:
    # « (à l'exception des rechutes dues à un accident du travail chez un précédent employeur) », « (article
    # L1225-17) » : l'exception ne retire pas l'absence, la référence n'en ajoute pas.
    segment = re.sub(r"\([^)]*(?:rechute|précédent employeur)[^)]*\)|\((?:articles?|art\.|l\.|c\. trav)[^)]{0,40}\)", " ",
                     segment)
    codes = []
    for code, motif in _ABSENCES:
        if re.search(motif, segment):
            codes.append(code)
    # Les congés désignés par leur article (« les périodes visées aux articles L. 1225-17, L. 1225-37 et
    # L. 1226-7 »), dans le vocabulaire de L3314-5.
    for code, motif in _ABSENCES_PAR_ARTICLE:
        if code not in codes and re.search(motif, segment):
            codes.append(code)
    if "maladie" in codes and re.search(r"\bmaladies?\b", re.sub(r"maladies? professionnelles?", "", segment)) is None:
        codes.remove("maladie")
    return codes


def absences_assimilees(lecteur: Lecteur) -> list[Fait]:
    cle = "repartition.absences_assimilees"
    positifs: dict[str, Passage] = {}
    negatifs: dict[str, Passage] = {}
    renvois: list[tuple[str, Passage]] = []
    vus: set[str] = set()
    sujet = lecteur.chercher(_RE_ASSIMILE)
    for p in sujet:
        bloc = nb.en_chiffres(p.bloc) if p.bloc else p.norm
        if p.norm not in bloc:
            bloc = p.norm
        if bloc in vus:
            continue
        vus.add(bloc)
        if re.search(r"ancienneté", bloc) and not re.search(r"présence|répartition|salaire", bloc):
            continue
        original = p.bloc if p.bloc and p.norm in bloc else p.texte
        for c in _articles_cites(original):
            avant = original[max(0, c.debut - 70):c.debut].lower()
            if c.code == "C. trav." and (c.num in ("L3324-6", "L3314-5") or _RE_RENVOI_AVANT.search(avant)):
                renvois.append((c.num, p))
        m = _RE_RENVOI_CONVENTION.search(bloc)
        if m:
            renvois.append((f"convention collective, article {m[1]}", p))
        if re.search(r"(?:assimilé\w*|travail effectif) par la loi|dispositions légales", bloc) and \
                not _codes_absences(bloc):
            renvois.append(("la loi", p))
        intro, _, liste = bloc.partition(":")
        if liste and _RE_ASSIMILE.search(intro) and (_RE_ITEM.search(liste.strip()[:3]) or p.bloc != p.texte):
            # « sont assimilées à des périodes de présence : – … ; – … » : la liste prend la polarité de
            # l'introduction ; une introduction sur l'ancienneté ne dit rien de la répartition.
            if re.search(r"(?:calcul|détermination|appréciation|condition) de l'ancienneté", intro) and \
                    not re.search(r"répartition|présence dans|salaire", intro):
                continue
            nie = bool(_RE_NEGATION_ASSIMILATION.search(intro)) and not re.search(r"ne (?:sont|seront) pas déduite?s?",
                                                                                 intro)
            for c in _codes_absences(intro) + _codes_absences(liste):
                (negatifs if nie else positifs).setdefault(c, p)
            continue
        # Chaque proposition avec sa polarité : « sont assimilées … ; en revanche ne sont pas assimilées … ».
        morceaux = phrases(p.bloc) if p.bloc and p.norm in bloc else [p.texte]
        for prop in (x for ph in morceaux for x in re.split(r";|\ben revanche\b|\bpar contre\b|\bmais\b",
                                                           nb.en_chiffres(ph))):
            m = _RE_ASSIMILE.search(prop)
            codes = _codes_absences(prop)
            if not codes:
                continue
            if re.search(r"(?:calcul|détermination|appréciation|condition) de l'ancienneté", prop) and \
                    not re.search(r"répartition|présence dans|salaire", prop):
                continue
            nie = bool(_RE_NEGATION_ASSIMILATION.search(prop))
            if m is None and not nie and not re.search(r"assimil|présence|reconstitu|ne sont pas déduit", prop):
                continue
            if re.search(r"ne (?:sont|seront) pas déduite?s?", prop):
                nie = False
            cible = negatifs if nie else positifs
            for c in codes:
                cible.setdefault(c, p)
    faits = []
    for c in list(positifs):
        if c in negatifs and negatifs[c].rang > positifs[c].rang:
            del positifs[c]
    if positifs:
        cites = list(dict.fromkeys(positifs.values()))
        note = ""
        if negatifs:
            note = "non assimilées selon le texte : " + ", ".join(sorted(negatifs))
        faits.append(Fait(cle, TROUVE, sorted(positifs), citations=[p.citation() for p in cites[:4]], note=note))
    elif renvois:
        art, p = renvois[0]
        faits.append(Fait(cle, RENVOI, renvoi=_article_propre(art), citations=[p.citation()],
                          note="la liste des absences assimilées est celle du texte cité"))
    else:
        faits.append(Fait(cle, NON_TROUVE if sujet else ABSENT, citations=[p.citation() for p in sujet[:1]]))
    if renvois:
        faits.append(Fait("texte.absences_renvoi", TROUVE, sorted({_article_propre(a) for a, _ in renvois}),
                          citations=[p.citation() for _, p in renvois[:2]]))
    return faits


def _article_propre(texte: str) -> str:
    if texte == "la loi" or texte.startswith("convention collective"):
        return texte
    return re.sub(r"[.\s]", "", texte).upper()


# « les absences visées aux articles L. 1225-17… » : ce qui précède une citation qui en fait un renvoi.
_RE_RENVOI_AVANT = re.compile(r"(?:visée?s?|mentionnée?s?|prévue?s?|énumérée?s?|définie?s?) (?:à|aux|par) "
                              r"(?:l'|les )?articles?\s*$")
# Renvoi à la convention collective (« les périodes assimilées à du travail effectif conformément à l'article
# 6.1.2 de la convention collective nationale ») : la liste est celle de la convention, pas écrite ici.
_RE_RENVOI_CONVENTION = re.compile(r"(?:conformément|visée?s?|prévue?s?|définie?s?|mentionnée?s?) (?:à|aux|par) "
                                   r"l'article ([\d.]+(?: \w)?) de la convention collective")


def _articles_cites(texte: str) -> list[Any]:
    """Les articles cités dans un texte (``interessement.references.citations``), code compris (« L. 3131-15 du
    code de la santé publique » → CSP)."""
    from ..references import citations

    try:
        return citations(texte)
    except Exception:  # noqa: BLE001 - une citation mal formée ne fait pas échouer la lecture
        return []


def reference_quarantaine(lecteur: Lecteur) -> Fait | None:
    """La quarantaine définie par renvoi à l'article L3131-15 du code de la santé publique : référence que
    L3314-5 a remplacée (depuis le 1er décembre 2023 : « au sens du 2° du I de l'article L. 3131-1 du code de la
    santé publique »)."""
    for p in lecteur.chercher(r"quarantaine"):
        for c in _articles_cites(p.texte):
            if f"{c.num} {c.code}" == "L3131-15 CSP":
                return Fait("texte.quarantaine_reference", TROUVE, "L3131-15 CSP", citations=[p.citation()])
    return None


def notion_salaire(lecteur: Lecteur) -> Fait:
    cle = "repartition.notion_salaire"
    rx = re.compile(r"(?:salaires?|rémunérations?)\s+(?:annuels?\s+)?bruts?[^.;]{0,120}|"
                    r"(?:on entend par|s'entend d[eu]s?|il s'agit d[eu]s?|est égal au|correspond(?:ent)? au)\s+"
                    r"(?:salaires?|rémunérations?)[^.;]{0,120}|l\.?\s?242-1[^.;]{0,40}")
    candidats = []
    for p in lecteur.chercher(rx):
        if not (_RE_CONTEXTE_REPARTITION.search(p.contexte) or re.search(r"répartition|proportionnel", p.norm)):
            continue
        if not re.search(r"salaire|rémunération", p.norm) or re.search(r"masse salariale|20 ?%", p.norm):
            continue
        m = rx.search(p.norm)
        candidats.append(Candidat(nb.normaliser(p.texte)[m.start():m.end()].strip(" ,"), p))
    if not candidats:
        return Fait(cle, ABSENT)
    c = candidats[0]
    return Fait(cle, TROUVE, c.valeur, citations=[c.passage.citation()])


def salaire_plancher_plafond(lecteur: Lecteur) -> Fait:
    cle = "repartition.salaire_plancher_plafond"
    rx = re.compile(r"salaire plancher|plancher de salaire|plafond de salaire|salaire plafond|"
                    r"(?:salaire|rémunération)\w* (?:retenue?s? |pris en compte )?(?:est |sera )?(?:limitée?|plafonnée?) à|"
                    r"dans la limite de \d+ fois le plafond")
    candidats = []
    for p in lecteur.chercher(rx, exclure=r"dirigeant|mandataire|conjoint|salaire le plus élevé|3312-3|3314-6"):
        candidats.append(Candidat(True, p, options=_options(p, lecteur) or "possible" in p.norm))
    # « Le salaire à prendre en considération est … Ce montant ne peut ni être inférieur au plafond de la sécurité
    # sociale ni excéder deux fois ce plafond » : un plancher ou un plafond du salaire retenu.
    borne = re.compile(r"ne (?:peut|pourra) (?:ni )?(?:pas )?(?:être inférieure? (?:au|à)|excéder)[^.;]{0,80}"
                       r"(?:plafond|smic|minimum conventionnel|salaire minimum)")
    for p in lecteur.chercher(borne, exclure=r"dirigeant|mandataire|conjoint|salaire le plus élevé|3312-3|3314-6|"
                                             r"prime|droits|intéressement|bénéficiaire"):
        avant = lecteur.precedent(p)
        if re.search(r"^(?:ce montant|le salaire|la rémunération|ce salaire)", p.norm) and (
                re.search(r"salaire|rémunération", p.norm[:40]) or
                (avant is not None and re.search(r"salaire|rémunération", avant.norm))):
            candidats.append(Candidat(True, p, options=_options(p, lecteur)))
    return _resoudre(cle, candidats, [])


def redistribution(lecteur: Lecteur) -> Fait:
    cle = "repartition.redistribution_excedent"
    candidats = []
    rx_oui = re.compile(r"(?:répartie?s?|redistribuée?s?|réaffectée?s?|attribuée?s?|partagée?s?|distribuée?s?|"
                        r"reversée?s?)\s+(?:de nouveau\s+|directement\s+)?"
                        r"(?:entre|aux|parmi)\s+(?:les\s+)?(?:autres\s+)?(?:bénéficiaires|salariés)[^.]{0,80}"
                        r"(?:n'atteig?n|n'ayant pas atteint|n'ont pas atteint|dont (?:la prime|le montant|les droits)"
                        r"[^.]{0,40}(?:inférieur|n'atteig?n))|fait l'objet d'une (?:nouvelle )?répartition|"
                        r"redistribu\w+|(?:nouvelle|seconde) répartition")
    rx_non = re.compile(r"ne (?:sera|seront|fera|feront|fait|font|peut|peuvent) (?:pas|l'objet d'aucune)\s+"
                        r"(?:être )?(?:répartie?s?|redistribuée?s?|distribuée?s?|de redistribution|redistribution)|"
                        r"(?:reste|restera|demeure)\w* (?:acquis\w*|la propriété) (?:à|de) l'entreprise|"
                        r"ne (?:sera|seront) pas (?:distribué|versé)")
    for p in lecteur.chercher(r"plafond|excédent|excède|dépass"):
        if not re.search(r"plafond|excédent|dépassant|dépass", p.norm):
            continue
        if re.search(r"absence|absent", p.norm) and not re.search(r"plafond", p.norm):
            continue
        if rx_non.search(p.norm):
            candidats.append(Candidat(False, p, options=_options(p, lecteur)))
        elif rx_oui.search(p.norm):
            m = rx_oui.search(p.norm)
            if _nie(p.norm, m.start(), 40):
                candidats.append(Candidat(False, p, options=_options(p, lecteur)))
            elif re.search(r"plafond|excédent|dépass", p.norm):
                candidats.append(Candidat(True, p, options=_options(p, lecteur)))
    return _resoudre(cle, candidats, [], note_absent="le texte ne prévoit pas la redistribution : l'excédent n'est "
                                                     "pas distribué (L3314-11)")


# ----------------------------------------------------------------------------------- versement, épargne

_RE_DELAI_VERSEMENT = re.compile(
    r"(?:dernier jour|la fin|le courant|au cours|au plus tard|avant (?:le dernier jour|la fin)|à la fin|avant l'expiration|"
    r"courant)\s+(?:du\s+|de\s+la\s+)?(\d{1,2})\s*(?:e|è|ème|eme)\s+mois|"
    r"(?:dans un délai de|délai de|avant l'expiration d'un délai de)\s+(\d{1,2})\s+mois|"
    r"(?:au|le|du)\s+(\d{1,2})\s*(?:e|è|ème|eme)\s+mois\s+(?:suivant|qui suit|après)")
_MOIS_NOMS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"


def delai_versement(lecteur: Lecteur) -> Fait:
    cle = "versement.delai_versement_mois"
    candidats = []
    rx_sujet = re.compile(r"(?:vers|pay|régl)\w+\b.{0,80}(?:mois|clôture|exercice)|(?:mois|clôture).{0,80}"
                          r"(?:vers|pay)\w+")
    sujet = [p for p in lecteur.passages if (rx_sujet.search(p.norm) or rx_sujet.search(p.bloc.lower()))
             and not _hors_sujet(p)]
    for p in sujet:
        if re.search(r"infra-annuel|inférieure? à (?:1 an|12 mois|l'année)|trimestri|semestri|période de calcul "
                     r"(?:est )?inférieure|intérêt|acompte|avance|indisponib|caisse des dépôts|délai de carence|"
                     r"opposition|dénonc|révision|dépôt|supprim|substitu", p.norm):
            continue
        if not re.search(r"clôture|exercice|suivant|qui suit", p.norm):
            continue
        for m in _RE_DELAI_VERSEMENT.finditer(p.norm):
            n = int(m[1] or m[2] or m[3])
            if 1 <= n <= 12:
                candidats.append(Candidat(n, p, options=_options(p)))
        m = re.search(rf"(?:avant le|au plus tard le|jusqu'au)\s+(?:1er|\d{{1,2}})\s+({_MOIS_NOMS})\s+"
                      r"(?:de l'(?:exercice|année) suivant|suivant la clôture|de l'année n\s*\+\s*1)", p.norm)
        if m:
            candidats.append(Candidat(nb.MOIS[m[1]], p, note="date fixe, pour un exercice clos le 31 décembre"))
    return _resoudre(cle, candidats, sujet[:2])


_RE_DEFAUT = re.compile(r"(?:à défaut|en l'absence|en absence|faute|sans) (?:de |d')?(?:choix|option|demande|réponse|"
                        r"décision|manifestation|expression|volonté|instruction|retour|précision)|"
                        r"affect\w+ par défaut|par défaut|à défaut\s*,|affecté\w* d'office")
_RE_PLANS = {"PEE": r"\bpee\b|plan d'épargne (?:d')?entreprise", "PEI": r"\bpei\b|plan d'épargne interentreprises?",
             "PERECO": r"\bpereco\b|plan d'épargne retraite d'entreprise collectif|\bpercol\b|\bperco\b",
             "PERCOI": r"\bpercoi\b"}


def affectation_defaut(lecteur: Lecteur) -> list[Fait]:
    cle = "versement.affectation_defaut_plan"
    candidats = []
    for p in lecteur.chercher(_RE_DEFAUT, hors_sujet=True):
        m = _RE_DEFAUT.search(p.norm)
        suite = p.norm[m.start():]
        if not re.search(r"intéressement|prime|sommes|droits", p.norm + " " + p.contexte):
            continue
        if re.search(r"(?:affect|plac|investi|vers|versé|attribu|bloqu)\w*[^.;]{0,50}?(?:plan|\bpee\b|\bpei\b|\bper\w*|"
                     r"fcpe|fonds|compte courant bloqué)|(?:pee|pei|plan d'épargne|fcpe|fonds)[^.]{0,60}par défaut", suite):
            candidats.append(Candidat(True, p, options=_options(p)))
        elif re.search(r"(?:sera|seront|est|sont) versée?s?(?:\s+(?:directement|immédiatement))?"
                       r"(?:\s+(?:au|aux) (?:salarié|bénéficiaire)s?)?\s*(?:\.|$|;|,)", suite) and \
                not re.search(r"plan|pee|pei|fcpe|fonds", suite[:120]):
            candidats.append(Candidat(False, p, options=_options(p)))
    plans = sorted({nom for nom, rx in _RE_PLANS.items() if re.search(rx, lecteur.texte)})
    sujet = [p for p in lecteur.chercher(_RE_DEFAUT, hors_sujet=True)
             if re.search(r"plan|\bpee\b|\bpei\b|fcpe|fonds|affect", p.norm)]
    faits = [_resoudre(cle, candidats, sujet[:2], note_absent="le texte ne dit pas où vont les sommes sans choix du "
                                                              "bénéficiaire")]
    faits.append(Fait("versement.plans_epargne", TROUVE if plans else ABSENT, plans or None))
    return faits


def avances(lecteur: Lecteur) -> Fait:
    cle = "versement.avances"
    rx = re.compile(r"\b(?:avances?|acomptes?)\b")
    candidats = []
    for p in lecteur.chercher(rx, exclure=r"avance de|à l'avance|par avance|en avance"):
        if not re.search(r"intéressement|prime", p.norm + p.contexte):
            continue
        periodicite = 3 if re.search(r"trimestr", p.norm) else 6 if re.search(r"semestr", p.norm) else \
            1 if re.search(r"mensuel|chaque mois", p.norm) else None
        m = rx.search(p.norm)
        if _nie(p.norm, m.start(), 40) and periodicite is None:
            candidats.append(Candidat(None, p, note="pas d'avance"))
            continue
        candidats.append(Candidat({"periodicite_mois": periodicite}, p, options=_options(p, lecteur)))
    if not candidats:
        return Fait(cle, ABSENT, note="le texte ne prévoit pas d'avances")
    fermes = [c for c in candidats if c.valeur is not None and c.valeur["periodicite_mois"] is not None]
    if fermes:
        return _resoudre(cle, fermes, [], comparer=lambda v: v["periodicite_mois"])
    return Fait(cle, NON_TROUVE, citations=[candidats[0].passage.citation()],
                note="le texte parle d'avances sans que leur périodicité soit lue")


# ---------------------------------------------------------------------------------------- information

def _dans_preambule(p: Passage) -> bool:
    """Le passage est du préambule : son article s'intitule « Préambule », ou il suit un titre « Préambule » sans
    être dans un article numéroté (un titre « ## Préambule » d'un texte à plat ne se ferme pas : les articles
    numérotés qui suivent n'en sont pas)."""
    article = (p.article or "").lower()
    if "préambule" in article:
        return True
    return p.contexte.rsplit(" | ", 1)[-1].startswith("préambule") and not re.match(r"article \w", article)


def preambule(lecteur: Lecteur) -> Fait:
    cle = "information.preambule"
    ps = [p for p in lecteur.passages if _dans_preambule(p)]
    if ps:
        return Fait(cle, TROUVE, " ".join(p.texte for p in ps[:3]), citations=[ps[0].citation()])
    return Fait(cle, ABSENT)


def suivi(lecteur: Lecteur) -> Fait:
    cle = "information.suivi_par"
    candidats = []
    for p in lecteur.chercher(r"suivi|informé\w*|information"):
        if not re.search(r"suivi de l'(?:application|accord)|commission de suivi|chargée? du suivi|assurer le suivi|"
                         r"(?:comité social et économique|\bcse\b).{0,80}(?:inform|suivi)", p.norm):
            continue
        sans_cse = re.search(r"(?:n'ayant pas de|n'a pas de|en l'absence de|à défaut de|sans|pas de)\s+(?:comité social "
                             r"et économique|\bcse\b)", p.norm)
        if sans_cse and re.search(r"(?:directement|individuellement) (?:aux|à chaque|à l'ensemble des) (?:salariés|"
                                  r"bénéficiaires)|l'ensemble du personnel", p.norm):
            candidats.append(Candidat("salaries", p, options=_options(p, lecteur)))
            continue
        if re.search(r"commission (?:de suivi|spéciale|spécifique)|commission (?:créée|constituée)", p.norm):
            code = "commission"
        elif re.search(r"comité social et économique|\bcse\b|comité d'entreprise", p.norm) and not sans_cse:
            code = "cse"
        else:
            continue
        if re.search(r"branche|paritaire|partenaires sociaux", p.norm):
            continue  # suivi de l'accord de branche par la branche, pas dans l'entreprise
        candidats.append(Candidat(code, p, options=_options(p, lecteur)))
    directs = lecteur.chercher(r"(?:en l'absence|à défaut) de (?:comité social et économique|cse)[^.]{0,120}"
                               r"(?:salariés|personnel)")
    fait = _resoudre("information.suivi_par", candidats, [])
    if fait.statut == AMBIGU and set(fait.options) == {"cse", "commission"}:
        fait = Fait(cle, TROUVE, "commission", citations=fait.citations,
                    note="commission de suivi (en principe créée par le CSE)")
    if fait.statut in (ABSENT,) and directs:
        fait = Fait(cle, TROUVE, "salaries", citations=[directs[0].citation()])
    return fait


def litiges(lecteur: Lecteur) -> Fait:
    cle = "information.reglement_litiges"
    ps = [p for p in lecteur.passages if re.search(r"différend|litige|contestation|réclamation", p.contexte)]
    ps += lecteur.chercher(r"(?:différends?|litiges?|contestations?)\b.{0,120}(?:règl|soumis|examin|porté|tenté|"
                           r"recherch|juridiction|tribunal|prud'hom|conciliation)")
    if ps:
        return Fait(cle, TROUVE, ps[0].texte, citations=[ps[0].citation()])
    return Fait(cle, ABSENT)


def denonciation(lecteur: Lecteur) -> Fait:
    ps = lecteur.chercher(r"dénonc|révis") or [p for p in lecteur.passages if re.search(r"dénonc|révision", p.contexte)]
    if ps:
        return Fait("texte.denonciation", TROUVE, True, citations=[ps[0].citation()])
    return Fait("texte.denonciation", ABSENT)


_RE_PRESUME_INFORME = re.compile(r"(?:présumée?s?|réputée?s?) (?:avoir été |être |en être |être avoir été )?"
                                 r"informée?s?")
_RE_DATE_PRESUMEE = re.compile(r"à l'issue|suivant|après|à compter|jours?|le jour|à la date|dès")


def presomption_information(lecteur: Lecteur) -> Fait:
    """R3313-12 II : « l'accord précise la date à laquelle le bénéficiaire est présumé avoir été informé ». Une
    phrase qui la fixe (« Il est présumé informé à l'issue d'un délai de 7 jours calendaires suivant la date de la
    notification ») ; une phrase qui ne fait qu'y renvoyer (« quinze jours à compter de la date à laquelle il est
    présumé être informé ») ne la fixe pas."""
    cle = "information.presomption_information"
    candidats, sujet = [], []
    for p in lecteur.chercher(_RE_PRESUME_INFORME, hors_sujet=True):
        m = _RE_PRESUME_INFORME.search(p.norm)
        if re.search(r"(?:date|jour|moment) (?:à laquelle|où|auquel)\s+(?:il|elle|le bénéficiaire|le salarié|"
                     r"chaque bénéficiaire)?\s*(?:est|sera)\s*$", p.norm[:m.start()]):
            sujet.append(p)  # renvoi à la date présumée, pas sa définition
            continue
        suite = p.norm[m.end():m.end() + 200]
        if not _RE_DATE_PRESUMEE.search(suite) or _nie(p.norm, m.start(), 30):
            sujet.append(p)
            continue
        d = nb.durees(suite)
        jours = next((x.valeur for x in d if x.unite == "jour"), None) if d else None
        ordinal = re.search(r"\ble (\w+) jour (?:ouvrable |calendaire |franc )?(?:suivant|qui suit|après)", suite)
        if jours is None and ordinal and nb.ordinal(ordinal[1]) is not None:
            jours = nb.ordinal(ordinal[1])
        if jours is None and re.search(r"\ble lendemain\b", suite):
            jours = 1
        if jours is None and re.search(r"le jour même|le jour de|à la date (?:de|d')|à la date à laquelle[^.;]{0,80}"
                                       r"(?:remise?|reçue?|mise? à (?:sa )?disposition|envoyée?|notifiée?)", suite):
            jours = 0
        if jours is None:
            sujet.append(p)
            continue
        candidats.append(Candidat(jours, p, options=_options(p, lecteur)))
    return _resoudre(cle, candidats, sujet[:2], note_absent="le texte ne dit pas à quelle date le bénéficiaire est "
                                                            "présumé informé")


_RE_PREVALIDATION = re.compile(r"mon intéressement|pré-?validée?|prévalidée?|pré-?validation|code d'identification "
                               r"(?:de l'accord|délivré)|réputée? conforme")
_RE_CODE = re.compile(r"\b(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{5,}\b")


def prevalidation(lecteur: Lecteur) -> Fait:
    """R3313-4 : un texte qui se dit rédigé sur « Mon intéressement », pré-validé ou porteur d'un code
    d'identification. La valeur : le code cité, sinon « mention de pré-validation » (la règle PREVALIDATION dit
    ce qu'il faut en vérifier)."""
    cle = "depot.code_prevalidation"
    candidats = []
    for p in lecteur.chercher(_RE_PREVALIDATION, hors_sujet=True):
        m = _RE_PREVALIDATION.search(p.norm)
        if _nie(p.norm, m.start(), 40) or re.search(r"\bne peut pas\b|\bne saurait\b|à tort", p.norm):
            continue
        if "réputé" in m.group(0) and not re.search(r"mon intéressement|code|site|urssaf", p.norm):
            continue  # « réputé conforme » d'autre chose
        code = _RE_CODE.search(p.texte)
        candidats.append(Candidat(code.group(0) if code else "mention de pré-validation", p))
    if not candidats:
        return Fait(cle, ABSENT, note="le texte ne se réclame d'aucune pré-validation")
    codes = [c for c in candidats if c.valeur != "mention de pré-validation"]
    return _resoudre(cle, codes or candidats[:1], [])


def _passages_de_la_clause(lecteur: Lecteur, ident: str) -> list[Passage]:
    """Les passages qu'un repère de la clause ``ident`` de la bibliothèque (``interessement.clauses``) retrouve :
    le texte traite du sujet de la clause."""
    try:
        from ..clauses import clause

        reperes = [re.compile(r) for r in clause(ident).reperes]
    except Exception:  # noqa: BLE001 - bibliothèque absente ou repère invalide : pas de preuve de présence
        return []
    return [p for p in lecteur.passages if not _hors_sujet(p) and any(r.search(p.texte) for r in reperes)]


#: Les faits qui disent le contenu d'une clause de la bibliothèque : un fait « absent » alors que la clause est
#: retrouvée par ses repères devient « non trouvé » (le texte en parle ; on n'a pas su lire sa valeur).
CLAUSES_DES_FAITS = {
    "versement.delai_versement_mois": "versement",
    "information.suivi_par": "information_suivi",
    "information.reglement_litiges": "differends",
    "texte.denonciation": "revision_denonciation",
    "information.preambule": "preambule",
}


def _absent_ou_non_trouve(lecteur: Lecteur, faits: Faits) -> None:
    for cle, ident in CLAUSES_DES_FAITS.items():
        f = faits.get(cle)
        if f is None or f.statut != ABSENT:
            continue
        ps = _passages_de_la_clause(lecteur, ident)
        if ps:
            faits.ajouter(Fait(cle, NON_TROUVE, citations=[p.citation() for p in ps[:2]],
                               note=f"la clause « {ident} » est retrouvée par ses repères, mais sa valeur n'a pas "
                                    "été lue"))


# ------------------------------------------------------------------------------------------ l'ensemble


def extraire_faits(doc: Any) -> Faits:
    """Les faits d'un ``DocumentLu`` (ou de tout objet qui en a les ``parties``), chacun avec sa provenance.

    Un ``str`` est accepté : c'est un texte brut, lu par ``lire_document`` comme un fichier .txt."""
    if isinstance(doc, str):
        from . import lire_document

        doc = lire_document(doc.encode("utf-8"), nom="texte.txt")
    lecteur = lecteur_de(doc)
    faits = Faits(nom=str(getattr(doc, "nom", "") or ""))
    nat = nature(lecteur)
    faits.ajouter(nat)
    if nat.valeur == "pas_interessement" or nat.valeur in ANNEXES:
        return faits
    from .formule_lue import lire_formule

    lecteurs: list[tuple[str, Callable[[], Any]]] = [
        ("mise_en_place.mode", lambda: mode(lecteur, nat.valeur)),
        ("mise_en_place.date_conclusion", lambda: date_conclusion(lecteur)),
        ("periode.date_effet", lambda: date_effet(lecteur)),
        ("periode.duree_annees", lambda: duree(lecteur)),
        ("texte.duree_legale_trois_ans", lambda: duree_legale_trois_ans(lecteur)),
        ("periode.reconduction_tacite", lambda: reconduction(lecteur)),
        ("periode.periode_calcul_mois", lambda: periode_calcul(lecteur)),
        ("beneficiaires.anciennete.mois", lambda: anciennete(lecteur)),
        ("beneficiaires.anciennete.calcul", lambda: calcul_anciennete(lecteur)),
        ("beneficiaires.condition_presence", lambda: condition_presence(lecteur)),
        ("beneficiaires.perte_droits_depart", lambda: perte_droits_depart(lecteur)),
        ("beneficiaires.categories_exclues", lambda: categories_exclues(lecteur)),
        ("beneficiaires.dirigeants_inclus", lambda: dirigeants(lecteur)),
        ("texte.formule.famille", lambda: formule(lecteur)),
        ("formule.composantes", lambda: lire_formule(lecteur)),
        ("formule.plafond.taux_masse_salariale", lambda: plafond_enveloppe(lecteur)),
        ("texte.plafond_individuel_pass", lambda: plafond_individuel(lecteur)),
        ("repartition.parts", lambda: repartition(lecteur)),
        ("repartition.absences_assimilees", lambda: absences_assimilees(lecteur)),
        ("texte.quarantaine_reference", lambda: reference_quarantaine(lecteur)),
        ("repartition.notion_salaire", lambda: notion_salaire(lecteur)),
        ("repartition.salaire_plancher_plafond", lambda: salaire_plancher_plafond(lecteur)),
        ("repartition.redistribution_excedent", lambda: redistribution(lecteur)),
        ("versement.delai_versement_mois", lambda: delai_versement(lecteur)),
        ("versement.affectation_defaut_plan", lambda: affectation_defaut(lecteur)),
        ("versement.avances", lambda: avances(lecteur)),
        ("information.preambule", lambda: preambule(lecteur)),
        ("information.suivi_par", lambda: suivi(lecteur)),
        ("information.reglement_litiges", lambda: litiges(lecteur)),
        ("texte.denonciation", lambda: denonciation(lecteur)),
        ("information.presomption_information", lambda: presomption_information(lecteur)),
        ("depot.code_prevalidation", lambda: prevalidation(lecteur)),
    ]
    for cle, lire in lecteurs:
        try:
            lu = lire()
        except Exception as exc:  # noqa: BLE001 - une tournure imprévue : ce fait n'est pas lu, les autres le sont
            faits.ajouter(Fait(cle, NON_TROUVE, note=f"lecture interrompue ({type(exc).__name__}) : à lire dans le "
                                                     "texte"))
            continue
        for f in (lu if isinstance(lu, list) else [lu] if lu is not None else []):
            faits.ajouter(f)
        if cle == "formule.composantes":
            _famille_de_la_formule(faits)
    _absent_ou_non_trouve(lecteur, faits)
    duree_lue = faits.get("periode.duree_annees")
    if nat.valeur in ("accord_branche", "avenant") and duree_lue is not None and duree_lue.valeur == "indeterminee":
        # Le texte de branche (ou l'avenant, qui suit le texte qu'il modifie) est à durée indéterminée ; la durée
        # du régime dans l'entreprise (L3312-5 : un à cinq ans) n'est pas celle-là.
        faits.ajouter(Fait("periode.duree_annees", NON_TROUVE, citations=list(duree_lue.citations),
                           note="accord de branche à durée indéterminée : la durée du régime dans l'entreprise "
                                "n'est pas lue"))
    subs = substitutions(lecteur)
    if subs:
        faits.ajouter(Fait("texte.substitutions", TROUVE, [{"ancien": a, "nouveau": n} for a, n, _ in subs],
                           citations=[p.citation() for _, _, p in subs[:5]]))
    return faits


def _famille_de_la_formule(faits: Faits) -> None:
    """La famille de la formule suit la formule modélisée quand elle l'est (ou le menu de formules d'un modèle)."""
    comp = faits.get("formule.composantes")
    fam = faits.get("texte.formule.famille")
    if comp is None:
        return
    if comp.statut == TROUVE:
        genre = comp.valeur[0]["type"]
        if fam is None or fam.statut != TROUVE or fam.valeur != genre:
            faits.ajouter(Fait("texte.formule.famille", TROUVE, genre, citations=list(comp.citations),
                               note="d'après la formule modélisée"))
    elif comp.statut == OPTIONS and (fam is None or fam.statut != OPTIONS):
        genres = sorted({o.get("type") for o in comp.options if isinstance(o, dict)})
        faits.ajouter(Fait("texte.formule.famille", OPTIONS, options=genres, citations=list(comp.citations),
                           note="plusieurs formules au choix de l'entreprise"))


def date_iso(v: Any) -> str | None:
    return v.isoformat() if isinstance(v, date) else None


# ------------------------------------------------------------------------------ saisie du vérificateur

_ENTIERS = {"periode.duree_annees", "periode.periode_calcul_mois", "beneficiaires.anciennete.mois",
            "versement.delai_versement_mois"}
_DATES = {"mise_en_place.date_conclusion", "periode.date_effet"}
_BOOLEENS = {"periode.reconduction_tacite", "beneficiaires.dirigeants_inclus", "beneficiaires.perte_droits_depart",
             "repartition.redistribution_excedent", "versement.affectation_defaut_plan", "texte.denonciation",
             "repartition.salaire_plancher_plafond", "texte.duree_legale_trois_ans"}


def valeur_saisie(cle: str, texte: str) -> Any:
    """La valeur qu'un vérificateur tape pour corriger ou renseigner un fait (« 3 », « 01/01/2026 », « oui »,
    « 3/4 », « uniforme 50 %, salaire 50 % », « maternite, adoption »). ``ErreurEntree`` en français sinon."""
    from ..erreurs import ErreurEntree

    brut = nb.normaliser(texte or "")
    if not brut:
        raise ErreurEntree(f"{LIBELLES_FAITS.get(cle, cle)} : valeur vide.")
    t = brut.lower()
    if cle in _ENTIERS:
        d = nb.durees(t)
        n = d[0].valeur if d else (int(t) if t.isdigit() else None)
        if n is None:
            raise ErreurEntree(f"{LIBELLES_FAITS[cle]} : nombre entier attendu (reçu : « {brut} »).")
        return n
    if cle in _DATES:
        try:
            return date.fromisoformat(t)
        except ValueError:
            d = nb.premiere_date(t)
            if d is None:
                raise ErreurEntree(f"{LIBELLES_FAITS[cle]} : date attendue, JJ/MM/AAAA (reçu : « {brut} »).") from None
            return d
    if cle in _BOOLEENS:
        if t in ("oui", "vrai", "true", "o", "1"):
            return True
        if t in ("non", "faux", "false", "n", "0"):
            return False
        raise ErreurEntree(f"{LIBELLES_FAITS[cle]} : « oui » ou « non » attendu (reçu : « {brut} »).")
    if cle == "formule.plafond.taux_masse_salariale":
        taux = nb.pourcentages(t)
        if not taux:
            raise ErreurEntree(f"{LIBELLES_FAITS[cle]} : pourcentage attendu, par exemple « 20 % » (reçu : « {brut} »).")
        return taux[0][0]
    if cle == "information.presomption_information":
        if "jour de l'envoi" in t or "jour même" in t:
            return 0
        d = nb.durees(t)
        if not d or d[0].unite != "jour" or d[0].valeur > 15:
            raise ErreurEntree(f"{LIBELLES_FAITS[cle]} : nombre de jours après l'envoi attendu, par exemple « 3 jours "
                               f"après l'envoi » (reçu : « {brut} »).")
        return d[0].valeur
    if cle == "texte.plafond_individuel_pass":
        f = nb.fraction(t)
        if f is None:
            raise ErreurEntree(f"{LIBELLES_FAITS[cle]} : fraction attendue, par exemple « 3/4 » (reçu : « {brut} »).")
        return f
    if cle == "repartition.parts":
        parts = {}
        for code, motif in (("uniforme", r"uniforme"), ("presence", r"présence|presence"), ("salaire", r"salaire")):
            m = re.search(rf"(?:{motif})\s*:?\s*(\d+(?:[.,]\d+)?)\s*%|(\d+(?:[.,]\d+)?)\s*%\s*(?:{motif})", t)
            if m:
                parts[code] = Decimal((m[1] or m[2]).replace(",", ".")) / 100
        if not parts or sum(parts.values()) != 1:
            raise ErreurEntree(f"{LIBELLES_FAITS[cle]} : écrivez les parts, par exemple « uniforme 50 %, salaire "
                               f"50 % », qui font 100 % (reçu : « {brut} »).")
        return {k: parts.get(k, Decimal(0)) for k in ("uniforme", "presence", "salaire")}
    if cle == "mise_en_place.mode":
        from ..modele import LIBELLES_MODES

        par_libelle = {v.lower(): k for k, v in LIBELLES_MODES.items()}
        if t in LIBELLES_MODES or t in par_libelle:
            return par_libelle.get(t, t)
        raise ErreurEntree(f"{LIBELLES_FAITS[cle]} : l'un de {', '.join(LIBELLES_MODES.values())} (reçu : « {brut} »).")
    if cle in ("formule.composantes", "formule.declencheurs", "indicateurs"):
        import json

        try:
            v = json.loads(brut)
        except ValueError:
            v = None
        if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
            raise ErreurEntree(f"{LIBELLES_FAITS[cle]} : écrivez la liste au format d'échange (JSON), par exemple "
                               '[{"type": "part_resultat", "indicateur": "resultat_net_comptable", "taux": "0.2"}] '
                               f"(reçu : « {brut[:60]} »).")
        return v
    if cle == "repartition.absences_assimilees":
        from ..modele import CODES_ABSENCES

        par_libelle = {v.lower(): k for k, v in CODES_ABSENCES.items()}
        codes = [par_libelle.get(x.strip(), x.strip()) for x in re.split(r"[,;]", t) if x.strip()]
        if codes == ["(aucune)"]:
            return []
        inconnus = [c for c in codes if c not in CODES_ABSENCES]
        if inconnus:
            raise ErreurEntree(f"{LIBELLES_FAITS[cle]} : codes inconnus {', '.join(inconnus)} ; codes possibles : "
                               f"{', '.join(CODES_ABSENCES)}.")
        return codes
    return brut
