"""La formule d'un accord lu, modélisée dans le format d'échange quand le texte le permet.

Trois formes sont reconnues, les plus courantes du catalogue (REGLES.md §3) :

- **part d'un résultat** : « le montant global de l'intéressement est égal à 25 % du résultat net comptable »,
  « M = 5 % du bénéfice imposable », avec un seuil en euros s'il est écrit (« de la fraction … excédant
  50 000 euros ») → ``PartResultat`` ;
- **paliers de croissance** : un tableau ou des phrases « + 2 % et + | 2 % de la masse salariale brute » sous une
  introduction qui dit l'indicateur dont on mesure l'évolution (« l'évolution du chiffre d'affaires hors taxe par
  rapport à l'année précédente ») → ``PaliersCroissance`` ;
- **déclencheurs** : « ne se déclenche que si … un résultat d'exploitation positif », « si ce dernier représente au
  moins 1 % du chiffre d'affaires » → ``Declencheur``.

La précision d'abord : une formule dont un élément n'est pas lu avec certitude (taux laissé en blanc « [X %] »,
seuil qui n'est pas un montant, valeurs ponctuelles « si la progression est + 8 % » qui ne disent rien entre deux
points, plusieurs formules au choix, objectifs) n'est pas modélisée : le fait ``formule.composantes`` est alors
« non trouvé » (ou « options ») avec la phrase citée et la note « formule non modélisée », et les règles
FORMULE_* restent « à vérifier ».
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from . import nombres as nb
from .faits import (
    ABSENT,
    AMBIGU,
    NON_TROUVE,
    OPTIONS,
    TROUVE,
    Fait,
    Lecteur,
    Passage,
    _hors_sujet,
    _options,
)

NON_MODELISEE = "formule non modélisée : à lire dans le texte cité"

#: Les indicateurs, dans les mots des accords : (code, nature du format d'échange, libellé, motif). L'ordre compte
#: (« résultat brut d'exploitation » avant « résultat d'exploitation », « résultat courant » avant « résultat net »).
INDICATEURS: list[tuple[str, str, str, str]] = [
    ("resultat_courant_avant_impot", "resultat_courant_avant_impot", "Résultat courant avant impôt",
     r"résultat courant avant impôts?|\brcai\b"),
    ("excedent_brut_exploitation", "excedent_brut_exploitation", "Excédent brut d'exploitation",
     r"excédent brut d'exploitation|\bebe\b|résultat brut d'exploitation"),
    ("resultat_exploitation", "resultat_exploitation", "Résultat d'exploitation",
     r"résultat d'exploitation|bénéfice d'exploitation|excédent d'exploitation"),
    ("benefice_fiscal", "benefice_fiscal", "Bénéfice fiscal", r"bénéfice (?:fiscal|imposable)"),
    ("resultat_net_comptable", "resultat_net_comptable", "Résultat net comptable",
     r"résultat net(?: comptable)?(?: après impôts?)?|bénéfice net(?: comptable)?|\brnai\b|\brnc\b|"
     r"bénéfice comptable"),
    ("valeur_ajoutee", "valeur_ajoutee", "Valeur ajoutée", r"valeur ajoutée"),
    ("marge_brute", "marge_brute", "Marge brute", r"marge brute"),
    ("marge_commerciale", "marge", "Marge commerciale", r"marge commerciale"),
    ("chiffre_affaires", "chiffre_affaires", "Chiffre d'affaires", r"chiffre d'affaires|\bca\b"),
]
_RE_INDICATEURS = [(code, nature, libelle, re.compile(motif)) for code, nature, libelle, motif in INDICATEURS]
NATURES_RESULTAT = {"resultat_courant_avant_impot", "excedent_brut_exploitation", "resultat_exploitation",
                    "benefice_fiscal", "resultat_net_comptable", "valeur_ajoutee", "marge_brute"}

_ENVELOPPE = (r"(?:montant (?:global|total)|prime globale|masse (?:globale )?(?:de l'|d')?intéressement|masse globale|"
              r"enveloppe(?: globale)?|intéressement global|réserve d'intéressement|montant de la masse|"
              r"montant de l'intéressement|l'intéressement(?: \(i\))?|\bm\b|\bi\b|\bpgi\b)")
_RE_PART = re.compile(
    _ENVELOPPE + r"[^.;]{0,90}?(?:(?:est|sera|seront)\s+(?:égale?s?|fixée?s?|calculée?s?|déterminée?s?)\s+"
    r"(?:à|de)\s*(?::\s*)?(?:[–—•-]\s*)?|=\s*)(?:(?:un montant )?égal à\s*)?(?P<taux>\d+(?:,\d+)?|\[[^\]]*\]|…+|x)\s*%\s*"
    r"(?:×\s*|x\s+|(?:du|de la|de l'|des)\s*(?:montant (?:du|de la|de l')\s*)?)(?P<suite>[^;]{3,200})")
_RE_SEUIL_EUROS = re.compile(r"(?:excédant|au-delà de|qui excède|supérieure? à|diminuée? de|sous déduction de|"
                             r"moins|-|−)\s*(\d+(?:[.,]\d{1,2})?)\s*(?:€|euros?\b)")
_RE_SEUIL_AUTRE = re.compile(r"\b(?:excédant|au-delà d|qui excède|diminuée? d|sous déduction|après déduction|"
                             r"après imputation d'une|rémunération des capitaux|capitaux propres)")
_RE_EXEMPLE = re.compile(r"\bpar exemple\b|\bexemple\b|\bà titre d'exemple|\bpourrait\b|\bpeut être\b")
_RE_PLAFOND = re.compile(r"dans la limite|ne (?:peut|pourra|doit|saurait)\s+(?:pas\s+|en aucun cas\s+)?"
                         r"(?:dépasser|excéder)|plafonn|au maximum|plafond")


def _indicateur(texte: str) -> tuple[str, str, str] | None:
    """Le premier indicateur nommé au début de ``texte`` (dans les 60 premiers caractères)."""
    meilleur = None
    for code, nature, libelle, rx in _RE_INDICATEURS:
        m = rx.search(texte[:60])
        if m and (meilleur is None or m.start() < meilleur[0]):
            meilleur = (m.start(), (code, nature, libelle))
    return meilleur[1] if meilleur else None


def _taux(texte: str) -> Decimal | None:
    try:
        return Decimal(texte.replace(",", ".")) / 100
    except ArithmeticError:
        return None


def _zone_formule(lecteur: Lecteur) -> list[Passage]:
    zone = getattr(lecteur, "_zone_formule", None)
    if zone is None:
        zone = [p for p in lecteur.passages if not _hors_sujet(p) and not _RE_EXEMPLE.search(p.norm)]
        lecteur._zone_formule = zone  # type: ignore[attr-defined]
    return zone


# --------------------------------------------------------------------------------------- part d'un résultat

def _parts_resultat(lecteur: Lecteur) -> list[tuple[dict[str, Any], Passage, bool, str]]:
    """(composante, passage, en option, problème) pour chaque phrase « l'enveloppe est égale à X % du R »."""
    sortie = []
    for p in _zone_formule(lecteur):
        texte = p.norm
        if texte.rstrip().endswith(":") and p.bloc and p.bloc != p.texte:
            texte = nb.en_chiffres(p.bloc)  # « Le montant global de l'intéressement est égal à : – 2,5 % du … »
        m = _RE_PART.search(texte)
        if not m or _RE_PLAFOND.search(texte[max(0, m.start() - 40):m.start("taux")]):
            continue
        ind = _indicateur(m["suite"])
        if ind is None:
            continue
        code, nature, _ = ind
        if nature == "chiffre_affaires" or "masse salariale" in m["suite"][:40] or "salaires" in m["suite"][:30]:
            continue  # un pourcentage du CA ou des salaires : ce n'est pas une part de résultat (paliers, plafond)
        option = _options(p, lecteur)
        taux = _taux(m["taux"]) if re.fullmatch(r"\d+(?:,\d+)?", m["taux"]) else None
        probleme = "" if taux is not None else "taux laissé en blanc"
        composante: dict[str, Any] = {"type": "part_resultat", "indicateur": code, "taux": taux, "seuil_centimes": 0}
        suite = m["suite"]
        s = _RE_SEUIL_EUROS.search(suite)
        if s:
            composante["seuil_centimes"] = int(Decimal(s[1].replace(",", ".")) * 100)
        elif _RE_SEUIL_AUTRE.search(suite):
            probleme = probleme or "seuil qui n'est pas un montant en euros"
        sortie.append((composante, p, option, probleme))
    return sortie


# ------------------------------------------------------------------------------------ paliers de croissance

_RE_EVOLUTION = re.compile(r"(?:évolution|progression|croissance|augmentation|hausse)\s+(?:minimale\s+)?(?:de\s+\d+\s*%\s+)?"
                           r"(?:du|de la|de l'|des)\s+(?P<ind>[^,;.]{3,80})")
_RE_PALIER = re.compile(r"^\|\s*(?:\+\s*)?(?P<seuil>\d+(?:,\d+)?)\s*%\s*(?:et\s*\+|et plus|au moins|minimum)\s*\|\s*"
                        r"(?P<taux>\d+(?:,\d+)?)\s*%\s*(?P<base>[^|]*)")
_RE_PALIER_FOIS = re.compile(r"^\|\s*si\s+(?P<a>[^>≥|]{2,30}?)\s*(?:>|≥|>=)\s*(?P<k>\d+,\d+)\s*x\s*(?P<b>[^|]{2,30}?)\s*"
                             r"\|\s*m\s*=\s*(?P<taux>\d+(?:,\d+)?)\s*%\s*(?P<base>[^|]*)")


def _paliers(lecteur: Lecteur) -> list[tuple[dict[str, Any], Passage, bool, str]]:
    """Les tableaux de paliers d'un même article : chaque ligne « + 5 % et + | 3 % de la masse salariale »."""
    sortie = []
    zone = _zone_formule(lecteur)
    i = 0
    while i < len(zone):
        p = zone[i]
        if not (_RE_PALIER.match(p.norm) or _RE_PALIER_FOIS.match(p.norm)):
            i += 1
            continue
        lignes = []
        while i < len(zone) and zone[i].article == p.article and (_RE_PALIER.match(zone[i].norm) or
                                                                    _RE_PALIER_FOIS.match(zone[i].norm)):
            lignes.append(zone[i])
            i += 1
        # L'introduction : la phrase la plus proche avant le tableau qui dit quelle évolution est mesurée.
        intro = None
        for q in reversed(lecteur.passages[max(0, p.rang - 8):p.rang]):
            if q.article != p.article:
                break
            mo = _RE_EVOLUTION.search(q.norm)
            if mo and _indicateur(mo["ind"]):
                intro = (q, _indicateur(mo["ind"]))
                break
        paliers, probleme = [], ""
        for ligne in lignes:
            m = _RE_PALIER.match(ligne.norm)
            if m:
                seuil = _taux(m["seuil"])
            else:
                m = _RE_PALIER_FOIS.match(ligne.norm)
                seuil = Decimal(m["k"].replace(",", ".")) - 1
            if "masse salariale" not in m["base"] and "salaires" not in m["base"]:
                probleme = "paliers qui ne sont pas un pourcentage de la masse salariale"
            paliers.append({"croissance_min": seuil, "taux_masse_salariale": _taux(m["taux"])})
        if intro is None:
            probleme = probleme or "indicateur des paliers non lu"
        seuils = [x["croissance_min"] for x in paliers]
        taux = [x["taux_masse_salariale"] for x in paliers]
        if any(b <= a for a, b in zip(seuils, seuils[1:], strict=False)) or \
                any(b < a for a, b in zip(taux, taux[1:], strict=False)):
            probleme = probleme or "paliers dans le désordre"
        composante = {"type": "paliers_croissance", "indicateur": intro[1][0] if intro else "", "paliers": paliers}
        sortie.append((composante, intro[0] if intro else p, _options(p, lecteur), probleme))
    return sortie


# ---------------------------------------------------------------------------------------------- déclencheurs

_RE_DECLENCHE = re.compile(r"déclench|n'(?:est|sera) (?:toutefois |alors )?(?:versée?|due?|distribuée?|attribuée?) que "
                           r"(?:si|lorsque|dans la mesure)|(?:est|sera) (?:soumise?|subordonnée?|conditionnée?) (?:à|aux)|"
                           r"dès lors que|sous réserve (?:d'un|d'une|que)|à (?:la )?condition que|conditions? cumulatives?")
_RE_SI = re.compile(r"\bsi\b|\blorsque\b")
_RE_POSITIF_APRES = re.compile(
    r"[\s,]*(?:\([^)]*\)\s*)?(?:(?:de l'(?:entreprise|exercice)|comptable|de la société|de l'année n)\s*)*"
    r"(?:est\s+|soit\s+|sont\s+|doit être\s+|devra être\s+|sera\s+)?(?:strictement\s+)?"
    r"(?:positif|excédentaire|bénéficiaire|supérieur à (?:0|zéro))")
_RE_RATIO_CA = re.compile(r"(?:représente|représenter|égale? ou supérieure? à|au moins égale? à|supérieure? ou "
                          r"égale? à|≥|>=)\s*(?:au moins\s+)?(?P<taux>\d+(?:,\d+)?)\s*%\s*(?:du|de son)\s*"
                          r"(?:montant du\s+)?chiffre d'affaires")
_RE_AUTRE_CONDITION = re.compile(r"au moins égale? à celui|supérieure? à celui|progression|augmentation|évolution|"
                                 r"objectif|précédent|critère|taux|\bn-1\b|\bn - 1\b")
_RE_MOTS_CONDITION = re.compile(r"résultat|bénéfice|excédent|chiffre d'affaires|marge|objectif|critère|taux")


def _conditions(p: Passage, lecteur: Lecteur) -> list[Passage]:
    """Les conditions d'une phrase de déclenchement : la phrase, et si elle annonce une liste (« les deux critères
    suivants : »), les paragraphes qui la suivent dans le même article."""
    morceaux = [p]
    if p.norm.rstrip().endswith(":"):
        for q in lecteur.passages[p.rang + 1:p.rang + 8]:
            if q.article != p.article or q.paragraphe > p.paragraphe + 6:
                break
            if q.norm.rstrip().endswith(":") and len(morceaux) > 1:
                break  # une nouvelle introduction : la liste des conditions est finie
            morceaux.append(q)
            if q.norm.rstrip().endswith(".") and (len(morceaux) > 2 or re.match(r"^(?:[–—•-]|critère|\d+°)",
                                                                                q.norm)):
                if not re.match(r"^critère", q.norm):
                    break
    return morceaux


def _declencheurs(lecteur: Lecteur, article: list[Passage]) -> tuple[list[dict[str, Any]], list[Passage], list[Passage]]:
    """(déclencheurs modélisés, passages lus, passages de conditions non modélisées) : les phrases de
    déclenchement de tout le texte d'intéressement, et les « si … » de l'article de la formule."""
    lus: list[dict[str, Any]] = []
    cites: list[Passage] = []
    autres: list[Passage] = []
    dans_article = {id(p) for p in article}
    for p in _zone_formule(lecteur):
        if not (_RE_DECLENCHE.search(p.norm) or (id(p) in dans_article and _RE_SI.search(p.norm))):
            continue
        if re.search(r"(?:condition|seuil)s? (?:du seuil )?de déclenchement (?:prévue?s?|visée?s?|définie?s?|"
                     r"mentionnée?s?)", p.norm):
            continue  # renvoi à la condition écrite ailleurs (« si la condition du seuil de déclenchement prévu à
            #           l'article 4 a) est remplie »)
        if re.search(r"ancienneté|salarié|bénéficiaire|affect|plafond|dénonc|révision|dépôt|exonération",
                     p.norm) and not re.search(r"résultat|bénéfice|excédent|chiffre d'affaires", p.norm):
            continue
        if _options(p, lecteur):
            autres.append(p)
            continue
        pieces = _conditions(p, lecteur)
        conditions = [q.norm for q in pieces]
        if not any(_RE_MOTS_CONDITION.search(c) for c in conditions):
            continue
        lus_ici: list[dict[str, Any]] = []
        reste = False
        for q, c in zip(pieces, conditions, strict=True):
            avant = len(lus_ici)
            trouve = False
            for code, nature, libelle, rx in _RE_INDICATEURS:
                for m in rx.finditer(c):
                    suite = c[m.end():m.end() + 110]
                    if nature != "chiffre_affaires" and _RE_POSITIF_APRES.match(suite):
                        lus_ici.append({"indicateur": code, "operateur": ">", "valeur": Decimal(0)})
                        trouve = True
                    r = _RE_RATIO_CA.search(suite)
                    if r and nature != "chiffre_affaires" and (r.start() < 40 or re.search(
                            r"ce dernier|celui-ci|celle-ci", suite[:r.start()])):
                        lus_ici.append({"indicateur": f"{code}_sur_ca", "operateur": ">=", "valeur": _taux(r["taux"]),
                                        "_ratio": (code, libelle)})
                        trouve = True
                if trouve:
                    break
            if not trouve:
                m = re.search(r"(?:atteint|réalise|dégage|d')\s*un\s+(?P<ind>[^,;.(]{3,60}?)\s+(?:positif|excédentaire)",
                              c)
                if m and _indicateur(m["ind"]):
                    lus_ici.append({"indicateur": _indicateur(m["ind"])[0], "operateur": ">", "valeur": Decimal(0)})
                    trouve = True
            if len(lus_ici) > avant and q is not p and q not in cites:
                cites.append(q)
            if (trouve and _RE_AUTRE_CONDITION.search(c)) or (not trouve and _RE_MOTS_CONDITION.search(c) and
                                                               c is not conditions[0]):
                reste = True
            if not trouve and c is conditions[0] and len(conditions) == 1 and _RE_MOTS_CONDITION.search(c):
                reste = True
        lus += lus_ici
        if lus_ici and p not in cites:
            cites.insert(0, p) if not cites else cites.append(p)
        if reste:
            autres.append(p)
    vus, uniques = set(), []
    for d in lus:
        k = (d["indicateur"], d["operateur"], d["valeur"])
        if k not in vus:
            vus.add(k)
            uniques.append(d)
    return uniques, cites, autres


# ----------------------------------------------------------------------------------------- les indicateurs

_RE_SOURCE = re.compile(r"ligne\s+[a-z]{1,2}\d*\b[^.;]{0,80}|ligne\s+\d{2,4}\b[^.;]{0,80}|liasse fiscale[^.;]{0,80}|"
                        r"compte de résultat[^.;]{0,60}|règlement (?:comptable|anc)[^.;]{0,60}|plan comptable[^.;]{0,60}|"
                        r"normes? comptables?[^.;]{0,40}|(?:formulaire|imprimé)\s+(?:cerfa\s+)?n°\s*\d{4}[^.;]{0,60}|"
                        r"\b20(?:52|53|33)(?:-sd|-b-sd)?\b[^.;]{0,60}|articles? 209 et suivants[^.;]{0,80}")


def _definition(lecteur: Lecteur, code: str, rx: re.Pattern[str]) -> tuple[str, str, Passage | None]:
    """(définition, source, passage) d'un indicateur : la phrase qui le définit (« correspond à », « tel que
    figurant à la ligne », « est déterminé dans les conditions ») et la source qu'elle cite."""
    for p in _zone_formule(lecteur):
        m = rx.search(p.norm)
        if not m:
            continue
        apres = p.norm[m.end():m.end() + 220]
        if re.search(r"correspond|s'entend|est (?:défini|déterminé|calculé|égal à la différence)|tel que (?:figurant|"
                     r"défini|ressortant)|figurant à la ligne|\(ligne|ligne [a-z]{1,2}\b|désigne", apres) or \
                _RE_SOURCE.search(apres[:120]):
            source = _RE_SOURCE.search(apres) or _RE_SOURCE.search(p.norm)
            if source is None:  # la source dans la phrase qui suit, au même paragraphe (« Ces deux résultats sont
                #                 définis par le modèle de compte de résultat… »)
                suivant = lecteur.passages[p.rang + 1] if p.rang + 1 < len(lecteur.passages) else None
                if suivant is not None and suivant.paragraphe in (p.paragraphe, p.paragraphe + 1):
                    source = _RE_SOURCE.search(suivant.norm)
            return p.texte, (source[0].strip(" ,)") if source else ""), p
    return "", "", None


# ------------------------------------------------------------------------------------------------ ensemble

def lire_formule(lecteur: Lecteur) -> list[Fait]:
    """Les faits ``formule.composantes``, ``formule.declencheurs`` et ``indicateurs``."""
    parts = _parts_resultat(lecteur)
    paliers = _paliers(lecteur)
    tous = parts + paliers
    fermes = [t for t in tous if not t[2]]
    en_option = [t for t in tous if t[2]]
    cle = "formule.composantes"
    if not tous:
        # Un accord d'intéressement a toujours une formule (L3314-2) : ne pas la lire n'est pas la dire absente.
        return [Fait(cle, NON_TROUVE, citations=[p.citation() for p in _mentionne_formule(lecteur)[:1]],
                     note=NON_MODELISEE)]
    if en_option and (not fermes or len(en_option) >= len(fermes)):
        return [Fait(cle, OPTIONS, options=[_json(c) for c, *_ in en_option[:6]],
                     citations=[p.citation() for _, p, _, _ in en_option[:3]],
                     note="plusieurs formules au choix de l'entreprise : " + NON_MODELISEE)]
    distinctes = {repr(_json(c)) for c, *_ in fermes}
    if len(distinctes) > 1:
        return [Fait(cle, AMBIGU, options=[_json(c) for c, *_ in fermes[:4]],
                     citations=[p.citation() for _, p, _, _ in fermes[:3]],
                     note="plusieurs formules différentes : " + NON_MODELISEE)]
    composante, passage, _, probleme = fermes[0]
    if probleme:
        return [Fait(cle, NON_TROUVE, citations=[passage.citation()], note=f"{probleme} : {NON_MODELISEE}")]
    article = [p for p in lecteur.passages if p.article == passage.article and not _hors_sujet(p)]
    mixte = [p for p in article if re.search(r"objectifs? (?:de|à atteindre|fixés?|collectifs?)|critères? de "
                                             r"performance|taux d'atteinte|majorée? de|augmentée? de|s'ajoute",
                                             p.norm) and not _RE_EXEMPLE.search(p.norm)]
    if mixte:
        return [Fait(cle, NON_TROUVE, citations=[passage.citation(), mixte[0].citation()],
                     note="formule qui combine plusieurs éléments (objectifs, majoration) : " + NON_MODELISEE)]
    declencheurs, cites, autres = _declencheurs(lecteur, article)
    indicateurs = _indicateurs_de(lecteur, composante, declencheurs)
    faits = [Fait(cle, TROUVE, [_json(composante)], citations=[passage.citation()],
                  note="formule lue et modélisée ; à relire dans la phrase citée")]
    propres = [{k: v for k, v in d.items() if not k.startswith("_")} for d in declencheurs]
    if autres:
        faits.append(Fait("formule.declencheurs", NON_TROUVE, options=propres, citations=[p.citation() for p in
                                                                                        (cites + autres)[:3]],
                          note="conditions de déclenchement écrites mais pas toutes modélisées : à lire dans le texte"))
    elif propres:
        faits.append(Fait("formule.declencheurs", TROUVE, propres, citations=[p.citation() for p in cites[:3]]))
    else:
        faits.append(Fait("formule.declencheurs", ABSENT, [], note="aucune condition de déclenchement écrite dans "
                                                                 "l'article de la formule"))
    complets = all(i["definition"] and i["source"] for i in indicateurs)
    faits.append(Fait("indicateurs", TROUVE if complets else NON_TROUVE, indicateurs,
                      citations=[c for i in indicateurs for c in i.pop("_citations", [])][:3],
                      note="" if complets else "définition ou source d'un indicateur non lue : à vérifier dans le "
                                               "texte (L3314-2)"))
    return faits


def _indicateurs_de(lecteur: Lecteur, composante: dict[str, Any], declencheurs: list[dict[str, Any]]
                    ) -> list[dict[str, Any]]:
    codes = [composante["indicateur"]] + [d["indicateur"] for d in declencheurs]
    sortie: list[dict[str, Any]] = []
    par_code = {code: (nature, libelle, rx) for code, nature, libelle, rx in _RE_INDICATEURS}
    ratios = {d["indicateur"]: d["_ratio"] for d in declencheurs if "_ratio" in d}
    for code in dict.fromkeys(codes):
        if code in ratios:
            base, libelle = ratios[code]
            d_base = next((i for i in sortie if i["code"] == base), None)
            sortie.append({"code": code, "libelle": f"{libelle} rapporté au chiffre d'affaires", "nature": "autre",
                           "unite": "pourcentage", "definition": f"{libelle} divisé par le chiffre d'affaires",
                           "source": d_base["source"] if d_base else "", "_citations": []})
            continue
        nature, libelle, rx = par_code[code]
        definition, source, p = _definition(lecteur, code, rx)
        sortie.append({"code": code, "libelle": libelle, "nature": nature,
                       "unite": "centimes", "definition": definition, "source": source,
                       "_citations": [p.citation()] if p else []})
    return sortie


def _mentionne_formule(lecteur: Lecteur) -> list[Passage]:
    return [p for p in _zone_formule(lecteur) if re.search(
        r"(?:montant global|prime globale|masse (?:globale|d'intéressement)|enveloppe|intéressement global)[^.]{0,80}"
        r"(?:égal|calcul|détermin|fonction)", p.norm)]


def _json(c: dict[str, Any]) -> dict[str, Any]:
    """La composante avec des nombres écrits comme le format d'échange les lit (chaînes décimales)."""
    def conv(v: Any) -> Any:
        if isinstance(v, Decimal):
            return format(v.normalize(), "f")
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        if isinstance(v, list):
            return [conv(x) for x in v]
        return v
    return conv(c)


# ------------------------------------------------------------------------------------------------ en français

_LIBELLES = {code: libelle for code, _, libelle, _ in INDICATEURS}


def _pc(v: Any) -> str:
    from ..format import pourcentage

    return pourcentage(Decimal(str(v)))


def _libelle(code: str) -> str:
    if code.endswith("_sur_ca"):
        return f"{_LIBELLES.get(code[:-7], code[:-7]).lower()} rapporté au chiffre d'affaires"
    return _LIBELLES.get(code, code).lower()


def decrire(cle: str, valeur: Any) -> str | None:
    """La formule, ses déclencheurs ou ses indicateurs dits en français (« 20 % du résultat courant avant impôt
    au-delà de 100 000,00 € »), pour la page et le texte du rapport ; ``None`` si la valeur n'a pas cette forme."""
    from ..format import montant

    if not isinstance(valeur, list) or not all(isinstance(x, dict) for x in valeur):
        return None
    morceaux = []
    try:
        if cle == "formule.composantes":
            for c in valeur:
                if c.get("type") == "part_resultat":
                    seuil = int(c.get("seuil_centimes") or 0)
                    morceaux.append(f"{_pc(c['taux'])} du {_libelle(c['indicateur'])}"
                                    + (f" au-delà de {montant(seuil)}" if seuil else ""))
                elif c.get("type") == "paliers_croissance":
                    paliers = " ; ".join(f"croissance d'au moins {_pc(p['croissance_min'])} : "
                                         f"{_pc(p['taux_masse_salariale'])} de la masse salariale"
                                         for p in c["paliers"])
                    morceaux.append(f"paliers de croissance du {_libelle(c['indicateur'])} ({paliers})")
                else:
                    return None
        elif cle == "formule.declencheurs":
            for d in valeur:
                v = d.get("valeur")
                v = _pc(v) if str(d.get("indicateur", "")).endswith("_sur_ca") else str(v)
                op = {">": ">", ">=": "≥", "<": "<", "<=": "≤"}.get(d.get("operateur", ">"), ">")
                morceaux.append(f"{_libelle(d['indicateur'])} {op} {v}")
        elif cle == "indicateurs":
            for i in valeur:
                source = i.get("source") or "source non lue"
                morceaux.append(f"{i.get('libelle') or i.get('code')} ({source})")
        else:
            return None
    except (KeyError, ArithmeticError, TypeError, ValueError):
        return None
    return " ; ".join(morceaux) if morceaux else None
