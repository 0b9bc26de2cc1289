"""Reconstruire la table des articles (``donnees/articles.json``) depuis les données LEGI.

Les données viennent du paquet npm ``@socialgouv/legi-data`` (Code du travail et Code de la sécurité sociale
consolidés, avec les identifiants LEGIARTI de chaque version). Pour reconstruire la table ::

    cd /tmp && npm pack @socialgouv/legi-data && mkdir -p legi && tar -xzf socialgouv-legi-data-*.tgz -C legi
    python -m interessement.references.construire --legi /tmp/legi/package --date 2026-12-01 \
        --publie-le 2026-03-29 --integrite sha512-…   # npm view @socialgouv/legi-data time dist.integrity

Pour chaque article du périmètre (``PERIMETRE`` ci-dessous), la table garde la version en vigueur à la date
de référence (``--date``) : son identifiant LEGIARTI, l'identifiant commun de l'article (cid, celui de sa
première version) et la date d'effet de la version ; quand la version prend fin après cette date (version
à venir déjà connue), la date de fin et l'identifiant de la suivante.

Les articles d'autres codes (santé publique, monétaire et financier, impôts) ne sont pas dans le paquet : ils
sont décrits à la main dans ``donnees/autres_codes.yaml`` (avec la source de chaque identifiant) ; leur
identifiant commun est relevé dans les liens que le texte même du Code du travail et du CSS fait vers eux.
Les lois et décrets qui ont modifié les articles du périmètre sont relevés avec leur identifiant JORFTEXT.

Pour ajouter un article cité demain : élargir ``PERIMETRE`` (ou ``autres_codes.yaml``) puis relancer.
Aucun accès réseau : le script ne lit que les fichiers donnés.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from .citations import citations, normaliser_numero

DONNEES = Path(__file__).parent / "donnees"
TABLE = DONNEES / "articles.json"
AUTRES_CODES = DONNEES / "autres_codes.yaml"

#: Les deux codes du paquet, sous la clé que le projet leur donne.
CODES_LEGI = {"C. trav.": "LEGITEXT000006072050", "CSS": "LEGITEXT000006073189"}

#: Les articles retenus : lettre (L, R, D) et début du numéro. Large exprès, pour qu'un article cité demain y
#: soit déjà : toute la partie épargne salariale du Code du travail (L/R/D 33xx), les absences assimilées
#: (1225, 1226, 3141, 3142), la négociation et les accords (2221, 2222, 2231 à 2233, 2241, 2242, 2261, 2262),
#: le CSE et les délégués syndicaux (2143, 2311 à 2316), effectif, contrats et ancienneté (1111, 1221, 1242),
#: création d'entreprise (5141, déblocage anticipé), paiement et retenues sur salaire (3241 à 3243, 3251, 3252) ; au CSS : effectif (130), CSG (131, 136), forfait social et
#: contributions (137), assiette et cotisations (241 à 243), Acoss (225).
PERIMETRE: dict[str, tuple[str, ...]] = {
    "C. trav.": (
        "33", "1111", "1221", "1225", "1226", "1242", "2143", "2221", "2222", "2231", "2232", "2233", "2241",
        "2242", "2261", "2262", "2311", "2312", "2313", "2314", "2315", "2316", "3141", "3142", "3241", "3242", "3243", "3251", "3252", "5141",
    ),
    "CSS": ("130", "131", "136", "137", "225", "241", "242", "243"),
}

_FIN_DES_TEMPS = date(2999, 1, 1)
_ETATS_IGNORES = {"MODIFIE_MORT_NE"}  # versions qui ne sont jamais entrées en vigueur
_RE_LIEN = re.compile(
    r"cidTexte=(?P<texte>LEGITEXT\d{12})&(?:amp;)?idArticle=(?P<article>LEGIARTI\d{12})[^>]*>(?P<libelle>[^<]*)</a>")
_RE_NUM_LIEN = re.compile(
    r"(?:(?:[LRDA])\.?\s?\d{1,4}(?:-\d{1,3})+|\d{1,4}(?:-\d{1,3})*(?:\s(?:bis|ter|quater|quinquies|sexies|septies"
    r"|octies|nonies|decies))?(?:\s[A-Z]{1,3}\b)?)")
_RE_TEXTE = re.compile(r"^(?P<nature>LOI|Loi|Décret|DÉCRET|Ordonnance|ORDONNANCE|Loi organique|LOI organique)"
                       r"\s*n°\s*(?P<numero>[\d-]+)\s+du\s+(?P<date>[^-]+?)(?:\s+-\s+art\..*)?$")


class ErreurConstruction(RuntimeError):
    pass


def _jour(ms: int) -> date:
    return datetime.fromtimestamp(ms / 1000, UTC).date()


def _articles(noeud: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if noeud.get("type") == "article":
        yield noeud["data"]
        return
    for enfant in noeud.get("children") or []:
        yield from _articles(enfant)


def dans_perimetre(code: str, num: str) -> bool:
    m = re.fullmatch(r"([LRD])(\d+)(?:-.*)?", num or "")
    return bool(m) and any(m.group(2).startswith(p) for p in PERIMETRE.get(code, ()))


def version_a(article: dict[str, Any], jour: date) -> dict[str, Any] | None:
    """La version de ``article`` (nœud LEGI) en vigueur le ``jour`` : id, depuis, et la suite si elle est connue.

    None si aucune version n'est en vigueur ce jour-là (article abrogé avant, ou créé après).
    """
    versions = [v for v in article.get("articleVersions") or [] if v.get("etat") not in _ETATS_IGNORES]
    versions = [v for v in versions if _jour(v["dateDebut"]) < _jour(v["dateFin"])]
    versions.sort(key=lambda v: v["dateDebut"])
    for i, v in enumerate(versions):
        debut, fin = _jour(v["dateDebut"]), _jour(v["dateFin"])
        if debut <= jour < fin:
            entree: dict[str, Any] = {"id": v["id"], "cid": article["cid"], "depuis": debut.isoformat()}
            if fin < _FIN_DES_TEMPS:
                entree["jusqu_au"] = fin.isoformat()
                suivantes = [s for s in versions[i + 1:] if _jour(s["dateDebut"]) == fin]
                if suivantes:
                    entree["suivante"] = suivantes[0]["id"]
            return entree
    return None


def _entree_hors_vigueur(article: dict[str, Any], jour: date) -> dict[str, Any]:
    """Un article du périmètre sans version en vigueur ce jour : on garde la dernière version connue."""
    versions = sorted((v for v in article.get("articleVersions") or [] if v.get("etat") not in _ETATS_IGNORES),
                      key=lambda v: v["dateDebut"])
    derniere = versions[-1]
    entree = {"id": derniere["id"], "cid": article["cid"], "depuis": _jour(derniere["dateDebut"]).isoformat()}
    if _jour(derniere["dateDebut"]) > jour:
        entree["note"] = f"pas encore en vigueur le {jour.isoformat()}"
    else:
        entree["jusqu_au"] = _jour(derniere["dateFin"]).isoformat()
        entree["note"] = f"abrogé avant le {jour.isoformat()}"
    return entree


def _numeros_du_lien(libelle: str) -> set[str]:
    """Le ou les numéros d'article d'un texte de lien (« 2° du I de l'article L. 3131-1 du code… » → L3131-1)."""
    lettres = {c.num for c in citations(libelle) if not c.num[:1].isdigit()}
    if lettres:
        return lettres
    return {normaliser_numero(n) for n in _RE_NUM_LIEN.findall(libelle)}


def _texte_modificateur(lien: dict[str, Any]) -> tuple[str, dict[str, str]] | None:
    titre = (lien.get("textTitle") or "").strip()
    m = _RE_TEXTE.match(titre)
    if not m or not str(lien.get("textCid", "")).startswith("JORFTEXT"):
        return None
    nature = m.group("nature").split()[0].lower()
    nature = {"décret": "décret"}.get(nature, nature)
    cle = f"{nature} {m.group('numero')}"
    titre = re.sub(r"\s+", " ", re.sub(r"\s+-\s+art\..*$", "", titre))
    return cle, {"cid": lien["textCid"], "titre": titre}


def construire(legi: Path, jour: date, autres_codes: Path = AUTRES_CODES, publie_le: date | None = None,
               integrite: str | None = None) -> dict[str, Any]:
    """La table complète (dictionnaire prêt à écrire en JSON)."""
    donnees = legi / "data" if (legi / "data").is_dir() else legi
    paquet = legi / "package.json" if (legi / "package.json").exists() else donnees.parent / "package.json"
    if not paquet.exists():
        raise ErreurConstruction(f"package.json introuvable à côté de {donnees}")
    version_paquet = json.loads(paquet.read_text(encoding="utf-8"))["version"]
    index = {t["id"]: t for t in json.loads((donnees / "index.json").read_text(encoding="utf-8"))}

    articles: dict[str, dict[str, Any]] = {}
    textes_source: dict[str, Any] = {}
    liens: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    citant: dict[tuple[str, str], tuple[str, str]] = {}
    textes: dict[str, dict[str, str]] = {}
    for code, legitext in CODES_LEGI.items():
        fichier = donnees / f"{legitext}.json"
        if not fichier.exists():
            raise ErreurConstruction(f"fichier LEGI absent : {fichier}")
        arbre = json.loads(fichier.read_text(encoding="utf-8"))
        textes_source[legitext] = {"titre": arbre["data"]["title"], "date_donnees": arbre["data"].get("dateModif")}
        table: dict[str, Any] = {}
        for a in _articles(arbre):
            num = a.get("num") or ""
            for m in _RE_LIEN.finditer(a.get("texteHtml") or ""):
                cible = m.group("texte")
                if cible in CODES_LEGI.values():
                    continue
                nums = _numeros_du_lien(m.group("libelle"))
                if len(nums) == 1:
                    cle = (cible, nums.pop())
                    liens[cle][m.group("article")] += 1
                    if cle not in citant or (dans_perimetre(code, num) and not dans_perimetre(*citant[cle])):
                        citant[cle] = (code, num)
            if not dans_perimetre(code, num):
                continue
            for lien in a.get("lienModifications") or []:
                t = _texte_modificateur(lien)
                if t:
                    textes.setdefault(*t)
            entree = version_a(a, jour) or _entree_hors_vigueur(a, jour)
            if num in table:
                raise ErreurConstruction(f"{code} {num} apparaît deux fois dans les données LEGI")
            table[num] = entree
        articles[code] = dict(sorted(table.items(), key=lambda kv: _cle_tri(kv[0])))

    codes = {
        "C. trav.": "LEGITEXT000006072050", "CSS": "LEGITEXT000006073189", "CSP": "LEGITEXT000006072665",
        "CMF": "LEGITEXT000006072026", "CGI": "LEGITEXT000006069577",
    }
    autres = yaml.safe_load(autres_codes.read_text(encoding="utf-8")) or {}
    for cle, texte in (autres.pop("textes", None) or {}).items():
        if cle in textes and textes[cle]["cid"] != texte["cid"]:
            raise ErreurConstruction(f"autres_codes.yaml : {cle} a le cid {textes[cle]['cid']} dans les données LEGI")
        textes.setdefault(cle, {k: texte[k] for k in ("cid", "titre")} | {"source": texte.get("source", "")})
    for code, entrees in autres.items():
        if code not in codes:
            raise ErreurConstruction(f"autres_codes.yaml : code inconnu {code!r} (attendu : {sorted(codes)})")
        table = {}
        for num, e in (entrees or {}).items():
            entree = {k: v for k, v in (e or {}).items() if v is not None}
            trouves = liens.get((codes[code], normaliser_numero(str(num))))
            if trouves:
                cid, _ = trouves.most_common(1)[0]
                if entree.get("cid") and entree["cid"] != cid:
                    raise ErreurConstruction(f"{code} {num} : cid {entree['cid']} ≠ {cid} des liens LEGI")
                entree["cid"] = cid
                code_citant, num_citant = citant[(codes[code], normaliser_numero(str(num)))]
                entree.setdefault("note", "Code absent du paquet LEGI : version en vigueur non établie ; le lien passe "
                                          "par l'identifiant commun et la date de référence.")
                entree["source_cid"] = (f"lien du texte de {code_citant} {num_citant} "
                                        f"(@socialgouv/legi-data {version_paquet})")
            for cle in ("depuis", "jusqu_au"):
                if isinstance(entree.get(cle), date):
                    entree[cle] = entree[cle].isoformat()
            if not entree.get("cid") and not entree.get("source"):
                raise ErreurConstruction(f"autres_codes.yaml : {code} {num} sans identifiant relevé ni source")
            table[normaliser_numero(str(num))] = entree
        articles[code] = table

    return {
        "format": 1,
        "date_reference": jour.isoformat(),
        "source": {
            "paquet": "@socialgouv/legi-data",
            "version": version_paquet,
            **({"publie_le": publie_le.isoformat()} if publie_le else {}),
            **({"integrite": integrite} if integrite else {}),
            "textes": textes_source,
            "autres_codes": "donnees/autres_codes.yaml (sources notées article par article)",
        },
        "perimetre": {code: list(p) for code, p in PERIMETRE.items()},
        "codes": {cle: {"legitext": lt, "titre": index.get(lt, {}).get("titre", "").rstrip(". ")}
                  for cle, lt in codes.items()},
        "articles": articles,
        "textes": dict(sorted(textes.items())),
    }


def _cle_tri(num: str) -> tuple[Any, ...]:
    parties = re.findall(r"\d+|\D+", num)
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parties)


def ecrire(table: dict[str, Any], chemin: Path) -> None:
    """JSON lisible et stable : une ligne par article (diffs courts d'une version à l'autre)."""
    lignes = ["{"]
    cles = list(table)
    for i, cle in enumerate(cles):
        virgule = "," if i < len(cles) - 1 else ""
        valeur = table[cle]
        if cle in ("articles", "textes"):
            lignes.append(f"  {json.dumps(cle)}: {{")
            sous = list(valeur.items())
            for j, (k, v) in enumerate(sous):
                v2 = ","if j < len(sous) - 1 else ""
                if cle == "articles":
                    lignes.append(f"    {json.dumps(k, ensure_ascii=False)}: {{")
                    items = list(v.items())
                    for n, (num, e) in enumerate(items):
                        v3 = "," if n < len(items) - 1 else ""
                        lignes.append(f"      {json.dumps(num, ensure_ascii=False)}: "
                                      f"{json.dumps(e, ensure_ascii=False)}{v3}")
                    lignes.append(f"    }}{v2}")
                else:
                    lignes.append(f"    {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}{v2}")
            lignes.append(f"  }}{virgule}")
        else:
            lignes.append(f"  {json.dumps(cle)}: {json.dumps(valeur, ensure_ascii=False)}{virgule}")
    lignes.append("}")
    chemin.write_text("\n".join(lignes) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Reconstruit la table des articles depuis @socialgouv/legi-data.")
    p.add_argument("--legi", type=Path, default=Path("/tmp/legi/package"),
                   help="dossier du paquet décompressé (contenant package.json et data/)")
    p.add_argument("--date", type=date.fromisoformat, required=True, help="date de référence AAAA-MM-JJ")
    p.add_argument("--sortie", type=Path, default=TABLE)
    p.add_argument("--publie-le", type=date.fromisoformat, default=None,
                   help="date de publication de la version du paquet (npm view @socialgouv/legi-data time)")
    p.add_argument("--integrite", default=None, help="empreinte du paquet (npm view @socialgouv/legi-data dist.integrity)")
    args = p.parse_args(argv)
    try:
        table = construire(args.legi, args.date, publie_le=args.publie_le, integrite=args.integrite)
    except (ErreurConstruction, OSError, ValueError) as e:
        print(f"Erreur : {e}", file=sys.stderr)
        return 2
    ecrire(table, args.sortie)
    n = sum(len(v) for v in table["articles"].values())
    print(f"{n} articles écrits dans {args.sortie} ({table['source']['version']}, au {table['date_reference']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
