"""Un texte OpenDocument (.odt : LibreOffice, OnlyOffice, Word « enregistrer au format ODF ») lu tel qu'il
s'affiche : titres (``text:h`` et leur niveau), numérotation des titres et des listes, tableaux, sections, notes,
zones de texte, en-têtes et pieds de page ; le texte masqué (``text:display="none"``, champs de texte masqué),
le texte invisible (couleur proche du fond), les commentaires (``office:annotation``) et les modifications
suivies sont des anomalies, comme pour Word ; des macros (``Basic/``, ``Scripts/``), un objet incorporé ou un
lien vers un fichier extérieur aussi. LibreOffice note les sauts de page calculés (``text:soft-page-break``) :
la page en vient quand ils sont là.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..erreurs import ErreurEntree
from . import modele as m
from .archive import Archive
from .docx import contraste, formater_numero
from .modele import Anomalie, Bloc, DocumentLu
from .structure import decouper

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def q(prefixe: str, nom: str) -> str:
    return f"{{{NS[prefixe]}}}{nom}"


_FORMATS = {"1": "decimal", "I": "upperRoman", "i": "lowerRoman", "A": "upperLetter", "a": "lowerLetter", "": "none"}


@dataclass
class _Style:
    parent: str | None = None
    masque: bool | None = None
    couleur: str | None = None
    fond: str | None = None
    taille_pt: float | None = None
    liste: str | None = None  # style de liste associé (style:list-style-name)


class StylesOdt:
    def __init__(self, racines: list[etree._Element]):
        self.styles: dict[str, _Style] = {}
        self.listes: dict[str, dict[int, etree._Element]] = {}
        self.plan: dict[int, etree._Element] = {}
        for racine in racines:
            for s in racine.iter(q("style", "style")):
                nom = s.get(q("style", "name"))
                if not nom:
                    continue
                st = _Style(parent=s.get(q("style", "parent-style-name")), liste=s.get(q("style", "list-style-name")))
                tp = s.find(q("style", "text-properties"))
                if tp is not None:
                    if tp.get(q("text", "display")) is not None:
                        st.masque = tp.get(q("text", "display")) == "none"
                    c = tp.get(q("fo", "color"))
                    st.couleur = c[1:] if c and c.startswith("#") else None
                    bg = tp.get(q("fo", "background-color"))
                    st.fond = bg[1:] if bg and bg.startswith("#") else None
                    taille = tp.get(q("fo", "font-size")) or ""
                    if taille.endswith("pt"):
                        try:
                            st.taille_pt = float(taille[:-2])
                        except ValueError:
                            pass
                pp = s.find(q("style", "paragraph-properties"))
                if pp is not None and st.fond is None:
                    bg = pp.get(q("fo", "background-color"))
                    if bg and bg.startswith("#"):
                        st.fond = bg[1:]
                self.styles[nom] = st
            for liste in racine.iter(q("text", "list-style")):
                niveaux = {}
                for lv in liste:
                    if (lv.get(q("text", "level")) or "").isdigit():
                        niveaux[int(lv.get(q("text", "level")))] = lv
                self.listes[liste.get(q("style", "name"))] = niveaux
            for plan in racine.iter(q("text", "outline-style")):
                for lv in plan:
                    if (lv.get(q("text", "level")) or "").isdigit():
                        self.plan[int(lv.get(q("text", "level")))] = lv

    def effectif(self, nom: str | None) -> _Style:
        sortie = _Style()
        vus: set[str] = set()
        chaine = []
        while nom and nom in self.styles and nom not in vus:
            vus.add(nom)
            chaine.append(self.styles[nom])
            nom = self.styles[nom].parent
        for s in reversed(chaine):
            for champ in ("masque", "couleur", "fond", "taille_pt", "liste"):
                v = getattr(s, champ)
                if v is not None:
                    setattr(sortie, champ, v)
        return sortie


def _libelle(niveau_style: etree._Element | None, compteurs: list[int], niveau: int) -> str:
    if niveau_style is None:
        return ""
    if niveau_style.tag == q("text", "list-level-style-bullet"):
        return "– "
    if niveau_style.tag != q("text", "list-level-style-number") and niveau_style.tag != q("text", "outline-level-style"):
        return ""
    fmt = _FORMATS.get(niveau_style.get(q("style", "num-format")) or "", "decimal")
    if fmt == "none":
        return ""
    montrer = int(niveau_style.get(q("text", "display-levels")) or "1")
    debut = max(0, niveau - montrer)
    nombres = ".".join(formater_numero(c, fmt) for c in compteurs[debut:niveau])
    prefixe = niveau_style.get(q("style", "num-prefix")) or ""
    suffixe = niveau_style.get(q("style", "num-suffix")) or ""
    return f"{prefixe}{nombres}{suffixe} "


class LecteurOdt:
    def __init__(self, archive: Archive, contenu: etree._Element, styles: etree._Element | None):
        self.archive = archive
        self.styles = StylesOdt([r for r in (styles, contenu) if r is not None])
        self.anomalies: list[Anomalie] = []
        self.page = 1
        self.pages_connues = next(contenu.iter(q("text", "soft-page-break")), None) is not None
        self.compteurs_plan = [0] * 10
        self.compteurs_listes: dict[str, list[int]] = {}
        self.commentaires: list[str] = []

    def _anomalie(self, code: str, message: str, extrait: str | None = None) -> None:
        extrait = " ".join(extrait.split()) if extrait else extrait
        if not any(a.code == code and a.extrait == extrait and a.message == message for a in self.anomalies):
            self.anomalies.append(Anomalie(code, message, self.page if self.pages_connues else None, extrait))

    def _invisible(self, st: _Style, fond: str) -> str | None:
        if st.masque:
            return m.TEXTE_MASQUE
        if st.taille_pt is not None and st.taille_pt < 3:
            return m.TEXTE_MINUSCULE
        if st.couleur:
            c = contraste(st.couleur, st.fond or fond)
            if c is not None and c < 1.5:
                return m.TEXTE_INVISIBLE
        return None

    def _morceaux(self, el: etree._Element, style: str | None, fond: str, sortie: list, annexes: list) -> None:
        """(texte, code d'invisibilité ou None) de l'élément, dans l'ordre."""
        st = self.styles.effectif(style)
        code = self._invisible(st, fond)
        if el.text:
            sortie.append((el.text, code))
        for enfant in el:
            tag = enfant.tag
            if tag == q("text", "s"):
                sortie.append((" " * int(enfant.get(q("text", "c")) or "1"), code))
            elif tag == q("text", "tab"):
                sortie.append(("\t", code))
            elif tag == q("text", "line-break"):
                sortie.append(("\n", code))
            elif tag == q("text", "span") or tag == q("text", "a"):
                self._morceaux(enfant, enfant.get(q("text", "style-name")) or style, st.fond or fond, sortie, annexes)
            elif tag == q("text", "hidden-text"):
                sortie.append((enfant.get(q("text", "string-value")) or "", m.TEXTE_MASQUE))
            elif tag == q("office", "annotation"):
                texte = " ".join(" ".join(p.itertext()) for p in enfant.iter(q("text", "p")))
                auteur = next((x.text for x in enfant.iter(q("dc", "creator"))), None) or "auteur inconnu"
                self.commentaires.append(f"{auteur} : {' '.join(texte.split())}")
                self._anomalie(m.COMMENTAIRE, f"Commentaire : « {' '.join(texte.split())[:160]} »",
                               f"{auteur} : {texte}")
            elif tag == q("text", "note"):
                corps = enfant.find(q("text", "note-body"))
                if corps is not None:
                    for b in self._contenu(corps, "note", fond):
                        annexes.append(b)
            elif tag == q("draw", "frame"):
                for boite in enfant.iter(q("draw", "text-box")):
                    annexes.extend(self._contenu(boite, "zone_texte", fond))
                for obj in enfant.iter(q("draw", "object"), q("draw", "object-ole")):
                    self._anomalie(m.OBJET_OLE, "Objet incorporé dans le texte (« "
                                   + (obj.get(q("xlink", "href")) or "objet") + " »).")
                for img in enfant.iter(q("draw", "image")):
                    href = img.get(q("xlink", "href")) or ""
                    if href and not href.startswith(("Pictures/", "./", "media/")) and "://" in href:
                        self._anomalie(m.RELATION_EXTERNE, f"Image liée à un fichier extérieur (« {href[:100]} »).")
            elif tag == q("text", "soft-page-break"):
                self.page += 1
            elif tag in (q("text", "change-start"), q("text", "change-end"), q("text", "change"),
                         q("text", "bookmark"), q("text", "bookmark-start"), q("text", "bookmark-end"),
                         q("office", "annotation-end")):
                pass
            else:  # champs (text:page-number, text:date…), liens, méta : leur texte affiché
                self._morceaux(enfant, style, fond, sortie, annexes)
            if enfant.tail:
                sortie.append((enfant.tail, code))

    def _paragraphe(self, el: etree._Element, source: str, fond: str, prefixe: str = "",
                    niveau: int | None = None) -> list[Bloc]:
        style = el.get(q("text", "style-name"))
        morceaux: list = []
        annexes: list[Bloc] = []
        page = self.page
        self._morceaux(el, style, fond, morceaux, annexes)
        visibles = "".join(t for t, c in morceaux if not c)
        blocs = []
        if visibles.strip():
            blocs.append(Bloc(prefixe + visibles, page=page if self.pages_connues else None, source=source,
                              niveau_titre=niveau))
        caches: dict[str, list[str]] = {}
        for t, c in morceaux:
            if c:
                caches.setdefault(c, []).append(t)
        for code, textes in caches.items():
            t = "".join(textes)
            if t.strip():
                blocs.append(Bloc(t, page=page if self.pages_connues else None, masque=True, source=source))
                quoi = {m.TEXTE_MASQUE: "Texte masqué", m.TEXTE_INVISIBLE: "Texte invisible (couleur proche du fond)",
                        m.TEXTE_MINUSCULE: "Texte illisible (police minuscule)"}[code]
                self._anomalie(code, f"{quoi} : « {' '.join(t.split())[:160]} »", t)
        return blocs + annexes

    def _contenu(self, parent: etree._Element, source: str, fond: str, liste: str | None = None,
                 niveau_liste: int = 0) -> list[Bloc]:
        blocs: list[Bloc] = []
        for el in parent:
            tag = el.tag
            if tag == q("text", "p"):
                blocs.extend(self._paragraphe(el, source, fond))
            elif tag == q("text", "h"):
                niveau = int(el.get(q("text", "outline-level")) or "1")
                prefixe = ""
                if el.get(q("text", "is-list-header")) != "true":
                    self.compteurs_plan[niveau - 1] += 1
                    for k in range(niveau, len(self.compteurs_plan)):
                        self.compteurs_plan[k] = 0
                    prefixe = _libelle(self.styles.plan.get(niveau), self.compteurs_plan, niveau)
                numero = el.find(q("text", "number"))
                if numero is not None and numero.text:
                    prefixe = numero.text + " "
                    el.remove(numero)
                blocs.extend(self._paragraphe(el, source, fond, prefixe, niveau if source == "corps" else None))
            elif tag == q("text", "list"):
                nom = el.get(q("text", "style-name")) or liste
                blocs.extend(self._contenu(el, source, fond, nom, niveau_liste + 1))
            elif tag in (q("text", "list-item"), q("text", "list-header")):
                compteurs = self.compteurs_listes.setdefault(liste or "", [0] * 11)
                porte = any(e.tag in (q("text", "p"), q("text", "h")) for e in el)
                if tag == q("text", "list-item") and porte:  # un élément qui ne contient qu'une sous-liste n'a pas de numéro
                    compteurs[niveau_liste - 1] += 1
                    for k in range(niveau_liste, 11):
                        compteurs[k] = 0
                for enfant in el:
                    if enfant.tag == q("text", "p") or enfant.tag == q("text", "h"):
                        niveaux = self.styles.listes.get(liste or "", {})
                        prefixe = _libelle(niveaux.get(niveau_liste), compteurs, niveau_liste) \
                            if tag == q("text", "list-item") else ""
                        numero = enfant.find(q("text", "number"))
                        if numero is not None:
                            prefixe = (numero.text or "") + " " if (numero.text or "").strip() else prefixe
                            enfant.remove(numero)
                        blocs.extend(self._paragraphe(enfant, source, fond, prefixe))
                        tag = "fait"  # seul le premier paragraphe de l'élément porte le numéro
                    elif enfant.tag == q("text", "list"):
                        blocs.extend(self._contenu(enfant, source, fond, enfant.get(q("text", "style-name"))
                                                   or liste, niveau_liste + 1))
            elif tag == q("table", "table"):
                blocs.extend(self._tableau(el, source, fond))
            elif tag in (q("text", "section"), q("text", "index-body"), q("table", "table-header-rows"),
                         q("table", "table-rows")):
                blocs.extend(self._contenu(el, source, fond, liste, niveau_liste))
            elif tag in (q("text", "table-of-content"), q("text", "alphabetical-index")):
                corps = el.find(q("text", "index-body"))
                if corps is not None:
                    for b in self._contenu(corps, source, fond):
                        b.sommaire = True
                        b.niveau_titre = None
                        blocs.append(b)
            elif tag == q("text", "soft-page-break"):
                self.page += 1
            elif tag == q("text", "tracked-changes"):
                self._revisions(el)
        return blocs

    def _tableau(self, el: etree._Element, source: str, fond: str) -> list[Bloc]:
        lignes: list[list[str]] = []
        annexes: list[Bloc] = []
        page = self.page
        for tr in el.iter(q("table", "table-row")):
            if next((a for a in tr.iterancestors(q("table", "table")) if a is not el), None) is not None:
                continue  # ligne d'un tableau imbriqué : lue avec sa cellule
            ligne = []
            for tc in tr:
                if tc.tag == q("table", "covered-table-cell"):
                    ligne.append("")
                    continue
                if tc.tag != q("table", "table-cell"):
                    continue
                textes = []
                for b in self._contenu(tc, source, fond):
                    if b.masque or b.source != source:
                        annexes.append(b)
                    elif b.lignes is not None:
                        textes.extend(" | ".join(c for c in r if c) for r in b.lignes)
                    elif b.texte.strip():
                        textes.append(" ".join(b.texte.split()))
                ligne.append(" ".join(textes))
            lignes.append(ligne)
        if not any(any(c.strip() for c in ligne) for ligne in lignes):
            return annexes
        return [Bloc("", page=page if self.pages_connues else None, source="tableau", lignes=lignes)] + annexes

    def _revisions(self, el: etree._Element) -> None:
        for region in el.iter(q("text", "changed-region")):
            for enfant in region:
                nom = etree.QName(enfant).localname
                texte = " ".join(" ".join(p.itertext()) for p in enfant.iter(q("text", "p"))).strip()
                if nom == "deletion":
                    self._anomalie(m.REVISION_SUPPRESSION, "Modification suivie non acceptée : texte supprimé "
                                   f"« {' '.join(texte.split())[:160]} » (non lu)", texte)
                elif nom == "insertion":
                    self._anomalie(m.REVISION_INSERTION, "Modification suivie non acceptée : texte inséré (lu comme "
                                   "faisant partie du texte)")
                elif nom == "format-change":
                    self._anomalie(m.REVISION_MISE_EN_FORME, "Modification de mise en forme suivie non acceptée")


def lire_odt(donnees: bytes, nom: str) -> DocumentLu:
    archive = Archive(donnees, nom, "document OpenDocument")
    if "content.xml" not in archive.noms:
        raise ErreurEntree(f"{nom} : document OpenDocument incomplet (partie « content.xml » absente).")
    contenu = archive.xml("content.xml")
    styles = archive.xml_si("styles.xml")
    lecteur = LecteurOdt(archive, contenu, styles)
    texte = contenu.find(f"{q('office', 'body')}/{q('office', 'text')}")
    if texte is None:
        raise ErreurEntree(f"{nom} : ce document OpenDocument n'est pas un texte.")
    blocs = lecteur._contenu(texte, "corps", "FFFFFF")
    pages = lecteur.page if lecteur.pages_connues else None
    if styles is not None:
        for gabarit in styles.iter(q("style", "master-page")):
            for enfant in gabarit:
                nom_local = etree.QName(enfant).localname
                if nom_local in ("header", "footer", "header-first", "footer-first", "header-left", "footer-left"):
                    source = "entete" if nom_local.startswith("header") else "pied"
                    for b in lecteur._contenu(enfant, source, "FFFFFF"):
                        b.page = None
                        if b.source in ("corps", "tableau"):
                            b.source = source
                        if b.lignes is not None:
                            blocs.extend(Bloc(" | ".join(c for c in r if c), source=source) for r in b.lignes)
                        else:
                            blocs.append(b)
    for n in sorted(archive.noms):
        if re.match(r"(Basic|Scripts)/", n) and not n.endswith("/"):
            lecteur._anomalie(m.MACRO, f"Macros dans le document (« {n} ») : un document qui contient des macros "
                              "n'est pas un document produit par le générateur.")
            break
    for n in sorted(archive.noms):
        if re.match(r"Object \d+/|ObjectReplacements/", n):
            lecteur._anomalie(m.OBJET_OLE, f"Objet incorporé (« {n.split('/')[0]} »).")
            break
    if contenu.find(f".//{q('office', 'event-listeners')}") is not None:
        lecteur._anomalie(m.MACRO, "Le document déclenche des scripts sur des événements (office:event-listeners).")
    doc = DocumentLu(nom=nom, format="odt", pages=pages, anomalies=lecteur.anomalies,
                     commentaires=lecteur.commentaires)
    doc.parties = decouper(blocs)
    return doc
