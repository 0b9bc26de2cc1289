"""Découpage d'un texte en parties : titre, préambule, articles (numéro et intitulé), annexes, tableaux, signatures.

Les textes réels numérotent leurs articles de bien des façons : « Article 1er », « ARTICLE 2 – », « Art. 3 »,
« Article 4.2 », « Article II », « 4.2. Répartition », « Titre II » (qui regroupe des articles), « Annexe 1 »… et
un modèle de branche répète souvent les mêmes articles dans plusieurs annexes (une trame par mode de mise en
place). Chaque partie garde donc l'annexe et la section qui la contiennent.

Le découpage ne devine pas : une ligne n'est un titre que si sa forme le dit sans ambiguïté (« Article N » suivi
d'un séparateur ou d'un intitulé, titre explicite du format — style Word « Titre N », « ## » du corpus), ou, pour
une numérotation décimale (« 2.3. Seuils »), si elle a la forme d'un intitulé (courte, sans ponctuation finale de
phrase ou d'énumération) et suit la numérotation déjà lue. Une énumération « 1. Réduire le coût… ; » reste du
texte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .modele import Bloc, Paragraphe, Partie

_TIRETS = "–—‐‑\\-"
_SEP = rf"[\s{_TIRETS}.:)°]*"
_ROMAIN = r"[IVXLCDM]+"

_RE_ARTICLE = re.compile(
    rf"^(?P<mot>article|art\.|art\b)\s*(?P<num>premier|[1lI]\s*er\b|1\s*°|\d+(?:\s*[.{_TIRETS}]\s*\d+)*|{_ROMAIN}\b(?!\.?\s*\d))"
    r"(?:\s*(?P<suffixe>bis|ter|quater|quinquies|sexies)\b)?(?P<reste>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_RE_SECTION = re.compile(
    rf"^(?P<mot>titre|chapitre|section|sous-section|partie|livre)\s+(?P<num>premier|[1lI]\s*er\b|\d+|{_ROMAIN}\b|[A-Z]\b)"
    r"(?P<reste>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_RE_ANNEXE = re.compile(
    rf"^(?P<mot>annexe)(?P<pluriel>s)?\b\s*(?:n\s*[°o]\s*)?(?P<num>\d+|{_ROMAIN}\b|[A-Z]\b)?(?P<reste>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_RE_NUMERO = re.compile(rf"^(?P<num>\d{{1,2}}(?:\.\d{{1,2}}){{0,3}})(?:\.|\s*[{_TIRETS})])?\s+(?P<reste>\S.*)$",
                        re.DOTALL)
_RE_NUMERO_ROMAIN = re.compile(rf"^(?P<num>{_ROMAIN})\s*[.{_TIRETS})]\s*(?P<reste>\S.*)$", re.DOTALL)
_RE_PREAMBULE = re.compile(r"^(pr[ée]ambule|expos[ée] (des motifs|préalable)|il a été (convenu|arrêté) ce qui suit)"
                           r"\s*[.:]?$", re.IGNORECASE)
_RE_SIGNATURE = re.compile(r"^(fait\s+(à|a|en)\b|signatures?\s*(des parties)?\s*[.:]?$|lu et approuvé)",
                           re.IGNORECASE)
# « Article 1er » dont l'exposant a été lu par l'OCR comme une apostrophe ou un signe (« Article 1‘ — Objet »)
_RE_PREMIER_OCR = re.compile(r"^(article|art\.)\s*1\s*[‘’'`°º*ᵉ\"]{1,2}(?:er|r)?(?=\s|$)", re.IGNORECASE)
# une poussière du scan lue comme un signe devant un titre (« . Article 14 », « - Annexe 1 »)
_RE_BRUIT_OCR = re.compile(r"^[.,·•\-–—_'‘’`*:;|]{1,2}\s+(?=(article|art\.|annexe|titre|chapitre|pr[ée]ambule)\b)",
                           re.IGNORECASE)
_RE_MARQUEUR_KALI = re.compile(r"^article$", re.IGNORECASE)
_RE_DEBUT_SEPARATEUR = re.compile(rf"^[\s{_TIRETS}.:)°]+")

_RE_SOMMAIRE = re.compile(r"^(sommaire|table des matières|table des matieres)\s*:?$", re.IGNORECASE)


#: Une entrée de table des matières : un intitulé suivi de points de conduite et d'un numéro de page.
_RE_POINTS_DE_CONDUITE = re.compile(r"(?:[.·…_]\s?){3,}\s*\d{1,3}\s*$")
#: Au plus ce nombre de caractères entre deux entrées d'une table des matières (poussière d'un scan).
_BRUIT_ENTRE_ENTREES = 3
#: Une table des matières sans intitulé lisible : au moins ce nombre de titres d'articles qui se suivent sans
#: aucun texte entre eux (dans un texte, chaque article a un contenu).
_ENTREES_SANS_CORPS = 3


def _est_intitule_sommaire(texte: str) -> bool:
    """« Sommaire », « Table des matières », y compris défigurés par l'OCR (« SOMMAIRÉ », « S0MMAIRE »)."""
    t = " ".join(texte.split())
    if _RE_SOMMAIRE.match(t):
        return True
    if len(t) > 24:
        return False
    from rapidfuzz import fuzz

    brut = re.sub(r"[^a-z ]", "", t.lower().replace("0", "o").replace("é", "e").replace("è", "e")).strip()
    return max(fuzz.ratio(brut, "sommaire"), fuzz.ratio(brut, "table des matieres")) >= 85


def _numero_d_article(texte: str) -> str | None:
    """Le numéro normalisé d'une ligne qui a la forme d'un titre d'article (« Article 3 — Bénéficiaires »)."""
    t = _RE_BRUIT_OCR.sub("", " ".join(texte.split()))
    if len(t) > 150:
        return None
    if _RE_PREMIER_OCR.match(t):
        t = _RE_PREMIER_OCR.sub("Article 1", t)
    m = _RE_ARTICLE.match(t)
    if not m or not _suite_d_intitule(m.group("reste")):
        return None
    return normaliser_numero(m.group("num")) + (f" {m.group('suffixe').lower()}" if m.group("suffixe") else "")


def _texte_courant(texte: str) -> bool:
    """Un paragraphe de texte (et non un intitulé ou une entrée de sommaire) : long, ou une phrase terminée."""
    t = " ".join(texte.split())
    return len(t) > 80 or (len(t) > 40 and t.endswith((".", ";", ":")) and " " in t)


def marquer_sommaires(blocs: list[Bloc]) -> list[Bloc]:
    """Les entrées d'une table des matières, reconnues à leur forme même quand son intitulé manque ou que l'OCR l'a
    défiguré : une ligne « Article 3 — Bénéficiaires ........ 4 » (points de conduite et numéro de page), ou une
    suite d'au moins trois titres d'articles sans texte courant entre eux dont les numéros reviennent plus loin
    comme titres du corps. Le dernier titre d'une telle suite reste un article si du texte le suit et que son
    numéro ne revient pas. Ces entrées deviennent du sommaire, jamais des articles."""
    sortie = list(blocs)
    corps = [i for i, b in enumerate(sortie) if b.source == "corps" and b.lignes is None and not b.sommaire]
    numeros = {i: _numero_d_article(sortie[i].texte) for i in corps}

    def plus_loin(i: int) -> bool:
        return any(numeros.get(j) == numeros[i] for j in corps if j > i)

    def marquer(i: int) -> None:
        b = sortie[i]
        sortie[i] = Bloc(b.texte, b.page, b.masque, b.source, sommaire=True)

    for i in corps:
        t = " ".join(sortie[i].texte.split())
        if len(t) <= 200 and _RE_POINTS_DE_CONDUITE.search(t) and re.search(r"[A-Za-zÀ-ÿ]{3}", t):
            marquer(i)
    serie: list[int] = []

    def clore(suivant: int | None) -> None:
        titres = [i for i in serie if numeros.get(i)]
        revenus = [i for i in titres if plus_loin(i)]
        if len(titres) >= _ENTREES_SANS_CORPS and len(revenus) >= 2 and len(revenus) * 3 >= len(titres):
            dernier = titres[-1]
            garde = suivant is not None and _texte_courant(sortie[suivant].texte) and not plus_loin(dernier)
            for i in serie:
                if not (garde and i >= dernier):
                    marquer(i)
        serie.clear()

    for i in corps:
        t = " ".join(sortie[i].texte.split())
        if sortie[i].sommaire:
            clore(i)
        elif numeros.get(i) or (serie and not _texte_courant(t)):
            serie.append(i)
        else:
            clore(i)
    clore(None)
    return sortie


def _cle_sommaire(texte: str) -> str:
    """Une entrée de table des matières réduite à ses lettres (sans points de conduite ni numéro de page)."""
    return re.sub(r"[^a-zà-ÿœ]+", "", re.sub(r"([.·…_]\s?){2,}\s*\d*\s*$", "", texte.lower()))


_ROMAINS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def romain_en_entier(texte: str) -> int | None:
    """« XIV » → 14 ; ``None`` si ce n'est pas un nombre romain bien formé."""
    texte = texte.upper()
    if not texte or any(c not in _ROMAINS for c in texte):
        return None
    total = 0
    for i, c in enumerate(texte):
        v = _ROMAINS[c]
        total += -v if i + 1 < len(texte) and _ROMAINS[texte[i + 1]] > v else v
    return total if entier_en_romain(total) == texte else None


def entier_en_romain(n: int) -> str:
    sortie = []
    for valeur, lettres in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                            (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= valeur:
            sortie.append(lettres)
            n -= valeur
    return "".join(sortie)


def normaliser_numero(num: str, suffixe: str | None = None) -> str:
    """« 1er », « premier » → « 1 » ; « II » → « 2 » ; « 4 - 2 » → « 4.2 » ; suffixe « bis » gardé."""
    n = re.sub(r"\s+", "", num)
    if n.lower() in ("premier", "1er", "ler", "ier", "1°"):
        n = "1"
    elif (r := romain_en_entier(n)) is not None:
        n = str(r)
    else:
        n = re.sub(rf"[{_TIRETS}]", ".", n).strip(".")
    return f"{n} {suffixe.lower()}" if suffixe else n


def _intitule_apres(reste: str) -> tuple[str | None, str | None]:
    """(intitulé, suite) du texte qui suit « Article 3 » : séparateurs retirés ; un intitulé suivi d'un long
    texte sur la même ligne (« Article 3 : Bénéficiaires. Tous les salariés… ») est coupé à sa première phrase."""
    titre = _RE_DEBUT_SEPARATEUR.sub("", reste).strip()
    if not titre:
        return None, None
    if len(titre) <= 160:
        return titre, None
    coupure = re.search(r"[.:]\s+(?=[A-ZÉÈÀÇ«])", titre[:140])
    if coupure:
        return titre[:coupure.start()].strip(), titre[coupure.end():].strip()
    return None, titre


def _suite_d_intitule(reste: str) -> bool:
    """Ce qui suit « Article 3 » en fait un titre : rien, un séparateur (« – », « : », « . »), ou un intitulé
    qui commence par une majuscule ; « Article 3 du présent accord… » est une phrase, pas un titre."""
    if not reste.strip():
        return True
    if re.match(rf"^\s*[{_TIRETS}.:)]", reste):
        return True
    debut = reste.lstrip()[:1]
    return reste[:1].isspace() and (debut.isupper() or debut in "«“\"")


def _a_forme_d_intitule(texte: str, *, explicite: bool, gras: bool = False, longueur: int = 120) -> bool:
    """Court, commençant par une majuscule, sans ponctuation finale d'une phrase ou d'une énumération."""
    t = texte.strip()
    if explicite:
        return bool(t)
    if not t or len(t) > longueur or t[-1] in ";,:" or t.endswith("…"):
        return False
    if t[-1] == "." and not gras and not (len(t) <= 40 and t.count(" ") <= 4):
        return False
    premier = t.lstrip("«“\"'( ")[:1]
    return bool(premier) and (premier.isupper() or premier.isdigit())


@dataclass
class _Titre:
    type: str  # article | section | annexe | groupe_annexes | preambule | signature | generique
    numero: str | None = None
    titre: str | None = None
    suite: str | None = None  # texte qui suit l'intitulé sur la même ligne
    niveau: int = 1


def _numero_suit(precedent: tuple[int, ...] | None, numero: tuple[int, ...]) -> bool:
    """« 2.4 » après « 2.3 », « 3 » après « 2.3 », « 2.3.1 » après « 2.3 » (à un numéro oublié près)."""
    if precedent is None:
        return numero[-1] <= 1 and all(n <= 1 for n in numero[:-1]) or numero == (0,)
    if len(numero) == len(precedent) + 1:
        return numero[:-1] == precedent and numero[-1] == 1
    if len(numero) <= len(precedent):
        base = precedent[:len(numero)]
        return numero[:-1] == base[:-1] and 1 <= numero[-1] - base[-1] <= 2
    return False


@dataclass
class _Etat:
    parties: list[Partie] = field(default_factory=list)
    courante: Partie | None = None
    annexe: str | None = None
    niveau_annexes: int | None = None  # niveau du titre explicite « Annexes » (groupe) en cours
    niveau_annexe: int | None = None  # niveau du titre explicite de l'annexe en cours
    sections: dict[int, str] = field(default_factory=dict)  # niveau → intitulé des sections ouvertes
    article: Partie | None = None  # l'article en cours (pour les tableaux et les sous-articles)
    article_racine: Partie | None = None  # le dernier article ouvert par « Article N » (et non « 2. Titre »)
    dernier_numero: tuple[int, ...] | None = None  # dernière numérotation décimale acceptée
    marqueur: bool = False  # la ligne précédente était le marqueur « Article » (article sans numéro de KALI)
    titre_en_attente: str | None = None  # intitulé explicite juste avant un article sans intitulé
    intitule_attendu: bool = False  # l'article courant n'a pas d'intitulé : la ligne suivante peut l'être
    vu_structure: bool = False
    titre_explicite: bool = False  # le titre du document vient d'un titre explicite (style « Titre », en-tête)


def _section(etat: _Etat) -> str | None:
    return " › ".join(etat.sections[k] for k in sorted(etat.sections)) or None


def _classer(bloc: Bloc, etat: _Etat, avec_articles: bool) -> _Titre | None:
    texte = _RE_BRUIT_OCR.sub("", " ".join(bloc.texte.split()))
    explicite = bloc.niveau_titre is not None
    if not texte or bloc.masque or bloc.source != "corps":
        return None
    if len(texte) > 400:
        return None

    m = _RE_ARTICLE.match(_RE_PREMIER_OCR.sub(r"\1 1er", texte))
    if m and _suite_d_intitule(m.group("reste")):
        titre, suite = _intitule_apres(m.group("reste"))
        numero = normaliser_numero(m.group("num"), m.group("suffixe"))
        return _Titre("article", numero, titre, suite, niveau=numero.split(" ")[0].count(".") + 1)

    m = _RE_SECTION.match(texte)
    if m and (explicite or _a_forme_d_intitule(texte, explicite=False, gras=True, longueur=200)):
        reste = m.group("reste")
        if not reste.strip() or not reste.strip()[:1].islower() or _RE_DEBUT_SEPARATEUR.match(reste):
            return _Titre("section", normaliser_numero(m.group("num")), _intitule_apres(reste)[0] or None)

    m = _RE_ANNEXE.match(texte)
    if m:
        reste = m.group("reste")
        titre = _RE_DEBUT_SEPARATEUR.sub("", reste).strip() or None
        forme = _a_forme_d_intitule(texte, explicite=explicite, gras=True, longueur=160)
        if m.group("pluriel"):
            if forme and (titre is None or not titre[:1].islower() or reste.lstrip().startswith(":")):
                return _Titre("groupe_annexes", None, titre)
        elif forme and (m.group("num") or titre is None or explicite or etat.marqueur
                        or etat.niveau_annexes is not None or not titre[:1].islower()):
            numero = normaliser_numero(m.group("num")) if m.group("num") else None
            return _Titre("annexe", numero, titre)

    if _RE_PREAMBULE.match(texte):
        return _Titre("preambule", None, texte.rstrip(".: "))
    if _RE_SIGNATURE.match(texte) and len(texte) <= 250:
        return _Titre("signature", None, None)

    m = _RE_NUMERO.match(texte)
    if m and _a_forme_d_intitule(m.group("reste"), explicite=explicite, gras=bloc.gras):
        numero = tuple(int(x) for x in m.group("num").split("."))
        if etat.article is not None and etat.article_racine is not None:
            # dans un « Article 4 » : seuls « 4.1 », « 4.2 »… sont des sous-articles
            racine = (etat.article_racine.numero or "").split(".")[0].split(" ")[0]
            precedent = etat.dernier_numero if etat.dernier_numero and str(etat.dernier_numero[0]) == racine \
                else (int(racine),) if racine.isdigit() else None
            if len(numero) >= 2 and str(numero[0]) == racine and _numero_suit(precedent, numero):
                return _Titre("article", ".".join(map(str, numero)), m.group("reste").strip(), niveau=len(numero))
        elif (not avec_articles or etat.annexe is not None) and (explicite or _numero_suit(etat.dernier_numero,
                                                                                         numero)):
            return _Titre("article", ".".join(map(str, numero)), m.group("reste").strip(), niveau=len(numero))
    m = _RE_NUMERO_ROMAIN.match(texte)
    if m and (r := romain_en_entier(m.group("num"))) is not None and _a_forme_d_intitule(
            m.group("reste"), explicite=explicite, gras=bloc.gras):
        if avec_articles:
            return _Titre("section", str(r), m.group("reste").strip())
        return _Titre("article", str(r), m.group("reste").strip())
    if explicite and bloc.niveau_titre and bloc.niveau_titre > 0:
        return _Titre("generique", None, texte)
    return None


def _compte_articles(blocs: list[Bloc]) -> int:
    n = 0
    for b in blocs:
        t = " ".join(b.texte.split())
        if b.source == "corps" and not b.masque and len(t) <= 400:
            m = _RE_ARTICLE.match(t)
            if m and _suite_d_intitule(m.group("reste")):
                n += 1
    return n


def decouper(blocs: list[Bloc]) -> list[Partie]:
    """Les parties du texte, dans l'ordre, chacune avec sa page (celle de son premier bloc)."""
    etat = _Etat()
    blocs = marquer_sommaires(blocs)
    avec_articles = _compte_articles(blocs) >= 2
    entetes: list[Bloc] = []
    sommaire: Partie | None = None
    en_sommaire: list[str] | None = None  # entrées d'une table des matières en cours de lecture
    numeros_sommaire: set[str | None] = set()  # leurs numéros d'articles

    def ouvrir(partie: Partie) -> Partie:
        partie.annexe = partie.annexe if partie.type == "annexe" else etat.annexe
        partie.section = partie.section or (_section(etat) if partie.type != "annexe" else None)
        etat.parties.append(partie)
        etat.courante = partie
        etat.intitule_attendu = False
        return partie

    def ajouter(bloc: Bloc, texte: str | None = None) -> None:
        t = texte if texte is not None else bloc.texte
        if etat.courante is None:
            # texte avant toute structure : titre (quelques lignes courtes) puis préambule
            titre = not etat.parties and (bloc.niveau_titre == 0 or len(t) <= 200)
            ouvrir(Partie("titre" if titre else "preambule", page=bloc.page))
            etat.titre_explicite = bloc.niveau_titre == 0
        elif etat.courante.type == "titre" and bloc.niveau_titre != 0 and (
                etat.titre_explicite or len(etat.courante.paragraphes) >= 3 or len(t) > 200 or bloc.masque
                or t.rstrip().endswith((".", ";", ":"))):
            ouvrir(Partie("preambule", page=bloc.page))
        etat.courante.paragraphes.append(Paragraphe(texte if texte is not None else bloc.texte, bloc.page,
                                                    bloc.masque, bloc.source))

    for bloc in blocs:
        if bloc.source in ("entete", "pied"):
            entetes.append(bloc)
            continue
        cle = _cle_sommaire(bloc.texte)
        numero = _numero_d_article(bloc.texte) if en_sommaire is not None else None
        if en_sommaire is not None and bloc.sommaire:
            en_sommaire.append(cle)
            numeros_sommaire.add(numero)
        elif en_sommaire is not None and bloc.source == "corps" and bloc.lignes is None:
            # une table des matières sans marque (PDF scanné) : ses entrées courtes jusqu'à ce que la première
            # revienne comme titre du corps, qu'un vrai paragraphe commence, ou qu'un numéro d'article déjà lu
            # dans le sommaire revienne (le corps commence)
            if (en_sommaire and cle == en_sommaire[0]) or len(bloc.texte) > 150 or len(en_sommaire) > 80 \
                    or (numero is not None and numero in numeros_sommaire):
                en_sommaire = None
            else:
                en_sommaire.append(cle)
                numeros_sommaire.add(numero)
                bloc = Bloc(bloc.texte, bloc.page, bloc.masque, bloc.source, sommaire=True)
        elif en_sommaire is None and bloc.source == "corps" and _est_intitule_sommaire(bloc.texte):
            en_sommaire = []
        if bloc.sommaire:
            if sommaire is None:
                sommaire = Partie("autre", None, "Sommaire", bloc.page, annexe=etat.annexe)
                etat.parties.append(sommaire)
                etat.courante = None  # le texte qui suit la table des matières ouvre une nouvelle partie
            sommaire.paragraphes.append(Paragraphe(" ".join(bloc.texte.split()), bloc.page, bloc.masque, "sommaire"))
            continue
        if bloc.lignes is not None:
            numero = etat.article.numero if etat.article is not None and etat.courante is etat.article else None
            tableau = Partie("tableau", page=bloc.page, lignes=bloc.lignes, article=numero,
                             annexe=etat.annexe, section=_section(etat),
                             paragraphes=[Paragraphe(" | ".join(c for c in ligne), bloc.page, bloc.masque, "tableau")
                                          for ligne in bloc.lignes if any(c.strip() for c in ligne)])
            etat.parties.append(tableau)
            etat.titre_en_attente = None
            continue
        texte = " ".join(bloc.texte.split())
        if not texte:
            continue
        if bloc.niveau_titre == 0 and not bloc.masque:  # titre du document
            if etat.courante is None or (etat.courante.type == "titre" and len(etat.parties) == 1):
                ajouter(bloc, texte)
                continue
        if bloc.source == "corps" and not bloc.masque and _RE_MARQUEUR_KALI.match(texte):
            etat.marqueur = True
            continue
        titre = _classer(bloc, etat, avec_articles)
        etat.marqueur = False
        en_attente, etat.titre_en_attente = etat.titre_en_attente, None
        niveau = bloc.niveau_titre

        # Fin d'une annexe ou d'un groupe d'annexes : un titre explicite de niveau égal ou supérieur.
        if niveau is not None and titre is not None and titre.type not in ("article",):
            if etat.niveau_annexe is not None and niveau <= etat.niveau_annexe and titre.type != "annexe":
                etat.niveau_annexe = None
                if etat.niveau_annexes is None:
                    etat.annexe = None
            if etat.niveau_annexes is not None and niveau <= etat.niveau_annexes and titre.type != "groupe_annexes":
                if not (titre.type == "annexe" and niveau == etat.niveau_annexes):
                    etat.niveau_annexes = None
                    etat.annexe = None
            for k in [k for k in etat.sections if k >= niveau]:
                del etat.sections[k]

        if niveau is not None and titre is not None and titre.type == "article":
            for k in [k for k in etat.sections if k >= niveau]:
                del etat.sections[k]

        if titre is None and etat.intitule_attendu and etat.courante is not None and not etat.courante.paragraphes \
                and _a_forme_d_intitule(texte, explicite=False, gras=bloc.gras, longueur=80):
            etat.courante.titre = texte.rstrip(".")
            etat.courante.intitule = f"{etat.courante.intitule} {texte}"
            etat.intitule_attendu = False
            continue
        etat.intitule_attendu = False
        if titre is None:
            ajouter(bloc, texte)
            continue
        etat.vu_structure = True

        if titre.type == "article":
            if re.fullmatch(r"\d+(\.\d+)*", titre.numero):
                etat.dernier_numero = tuple(int(x) for x in titre.numero.split("."))
            partie = ouvrir(Partie("article", titre.numero, titre.titre or en_attente, bloc.page, intitule=texte,
                                   niveau=titre.niveau))
            etat.article = partie
            if _RE_ARTICLE.match(texte):
                etat.article_racine = partie
            if titre.suite:
                partie.paragraphes.append(Paragraphe(titre.suite, bloc.page, False, "corps"))
            elif not titre.titre and not en_attente:
                etat.intitule_attendu = True
        elif titre.type in ("annexe", "groupe_annexes"):
            if titre.type == "groupe_annexes":
                etat.niveau_annexes = niveau if niveau is not None else 1
                libelle = texte
            else:
                if niveau is not None and etat.niveau_annexes is not None and niveau > etat.niveau_annexes:
                    etat.niveau_annexe = niveau
                elif niveau is not None and etat.niveau_annexes is None:
                    etat.niveau_annexe = niveau
                libelle = texte
            etat.sections.clear()
            etat.annexe = libelle
            etat.article = None
            etat.article_racine = None
            etat.dernier_numero = None
            ouvrir(Partie("annexe", titre.numero, titre.titre, bloc.page, intitule=texte, annexe=libelle))
        elif titre.type == "preambule":
            ouvrir(Partie("preambule", None, titre.titre, bloc.page, intitule=texte))
            etat.article = None
            etat.article_racine = None
        elif titre.type == "signature":
            if etat.courante is None or etat.courante.type != "signature":
                ouvrir(Partie("signature", None, None, bloc.page, intitule=None))
            etat.article = None
            etat.article_racine = None
            etat.courante.paragraphes.append(Paragraphe(texte, bloc.page, False, "corps"))
        elif titre.type == "section":
            etat.sections[niveau if niveau is not None else 0] = texte
            etat.article = None
            etat.article_racine = None
            ouvrir(Partie("autre", titre.numero, titre.titre, bloc.page, intitule=texte))
        else:  # titre explicite sans forme connue
            if etat.niveau_annexes is not None and niveau is not None and niveau > etat.niveau_annexes and (
                    etat.niveau_annexe is None or niveau <= etat.niveau_annexe):
                etat.niveau_annexe = niveau
                etat.sections.clear()
                etat.annexe = texte
                etat.article = None
                etat.article_racine = None
                etat.dernier_numero = None
                ouvrir(Partie("annexe", None, texte, bloc.page, intitule=texte, annexe=texte))
            else:
                etat.sections[niveau if niveau is not None else 0] = texte
                etat.article = None
                etat.article_racine = None
                ouvrir(Partie("autre", None, texte, bloc.page, intitule=texte))
                etat.titre_en_attente = texte
    for partie in etat.parties:
        if partie.type == "titre" and partie.paragraphes and partie.titre is None:
            partie.titre = " ".join(p.texte for p in partie.paragraphes if not p.masque)[:300] or None
    if entetes:
        partie = Partie("autre", None, "En-têtes et pieds de page", entetes[0].page)
        vus = set()
        for b in entetes:
            t = " ".join(b.texte.split())
            if t and (t, b.masque) not in vus:
                vus.add((t, b.masque))
                partie.paragraphes.append(Paragraphe(t, b.page, b.masque, b.source))
        if partie.paragraphes:
            etat.parties.append(partie)
    return etat.parties
