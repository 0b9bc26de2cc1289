"""Rend une section de la base KALI (paquet npm ``@socialgouv/kali-data``) au format texte du corpus.

    python tests/corpus_controle/rendre_kali.py DOSSIER_DU_PAQUET KALITEXT… SLUG [--dossier texts]

Format (celui de tests/corpus_dev) : 4 lignes d'en-tête (titre, IDCC et convention, source, adresse Légifrance),
une ligne vide, puis les sections en titres ``## …``, les articles en ``Article N — titre``, les paragraphes
séparés par une ligne vide, les retours à la ligne (<br/>) gardés, les tableaux aplatis en lignes ``| cellule |
cellule``. Le nœud KALI d'origine est écrit à côté (``SLUG.json``).
"""

from __future__ import annotations

import argparse
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path


class _Texte(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.morceaux: list[str] = []
        self.cellules: list[str] | None = None
        self.cellule: list[str] | None = None

    def _ecrire(self, s: str) -> None:
        (self.cellule if self.cellule is not None else self.morceaux).append(s)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "br":
            self._ecrire("\n")
        elif tag == "tr":
            self.cellules = []
        elif tag in ("td", "th"):
            self.cellule = []
        elif tag == "p" and self.cellule is None:
            self.morceaux.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cellule is not None:
            if self.cellules is not None:
                self.cellules.append(re.sub(r"\s+", " ", "".join(self.cellule)).strip())
            self.cellule = None
        elif tag == "tr" and self.cellules is not None:
            self.morceaux.append("\n| " + " | ".join(self.cellules) + "\n")
            self.cellules = None
        elif tag == "p" and self.cellule is None:
            self.morceaux.append("\n\n")
        elif tag == "table":
            self.morceaux.append("\n\n")

    def handle_data(self, data: str) -> None:
        self._ecrire(data)


def texte_html(contenu: str) -> str:
    p = _Texte()
    p.feed(contenu or "")
    brut = "".join(p.morceaux)
    lignes = [re.sub(r"[ \t\xa0]+", " ", x).strip() for x in brut.split("\n")]
    sortie = "\n".join(lignes)
    return re.sub(r"\n{3,}", "\n\n", sortie).strip()


def rendre(noeud: dict, niveau: int = 0) -> list[str]:
    lignes: list[str] = []
    d = noeud.get("data") or {}
    if noeud.get("type") == "article":
        num, titre = d.get("num"), d.get("surtitre") or d.get("title")
        tete = "Article" + (f" {num}" if num else "") + (f" — {titre}" if titre else "")
        lignes += [tete, texte_html(d.get("content") or ""), ""]
    elif niveau > 0 and d.get("title"):
        lignes += [f"## {html.unescape(d['title']).strip()}", ""]
    for c in noeud.get("children") or []:
        lignes += rendre(c, niveau + 1)
    return lignes


def trouver(noeud: dict, ident: str) -> dict | None:
    if (noeud.get("data") or {}).get("id") == ident:
        return noeud
    for c in noeud.get("children") or []:
        if isinstance(c, dict) and (r := trouver(c, ident)):
            return r
    return None


def main() -> int:
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("paquet", type=Path)
    a.add_argument("kalitext")
    a.add_argument("slug")
    a.add_argument("--dossier", type=Path, default=Path(__file__).parent / "texts")
    args = a.parse_args()
    version = json.loads((args.paquet / "package.json").read_text())["version"]
    for f in sorted((args.paquet / "data").glob("KALICONT*.json")):
        conv = json.loads(f.read_text(encoding="utf-8"))
        section = trouver(conv, args.kalitext)
        if section is None:
            continue
        cd, d = conv["data"], section["data"]
        entete = [
            html.unescape(d["title"]).strip(),
            f"IDCC {cd.get('num')} — {' '.join((cd.get('title') or '').split())}",
            f"Source: KALI {d['id']} (état {d.get('etat')}, modifDate {d.get('modifDate')}), npm @socialgouv/kali-data "
            f"{version} data/{f.name}",
            f"https://www.legifrance.gouv.fr/conv_coll/id/{d['id']}",
            "",
        ]
        corps = rendre(section)
        texte = "\n".join(entete + corps)
        texte = re.sub(r"\n{3,}", "\n\n", texte).strip() + "\n"
        args.dossier.mkdir(parents=True, exist_ok=True)
        (args.dossier / f"{args.slug}.txt").write_text(texte, encoding="utf-8")
        (args.dossier / f"{args.slug}.json").write_text(json.dumps(section, ensure_ascii=False), encoding="utf-8")
        print(f"{args.slug}.txt : {len(texte)} caractères ({f.name})")
        return 0
    print(f"{args.kalitext} introuvable dans {args.paquet}")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
