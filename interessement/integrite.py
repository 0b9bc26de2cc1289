"""Intégrité d'un document généré : empreintes des données et du texte, codes QR (fait pur, sans python-docx).

- ``empreinte_donnees(json)`` : SHA-256 du JSON canonique de l'accord (celui qui est embarqué dans le .docx) ;
- ``texte_canonique(docx)`` : le texte de toutes les parties textuelles du paquet Word (corps, tableaux, en-têtes,
  pieds de page, notes, zones de texte, résultats de champs ; pas les instructions de champ), paragraphe par
  paragraphe, en NFC, espaces réduits à une espace, à l'exclusion du bloc final « Données de l'accord » (qui
  imprime les empreintes et les codes QR) et des résultats des champs que Word recalcule en ouvrant le document
  (numéros de page PAGE, NUMPAGES, SECTIONPAGES, PAGEREF et sommaire TOC : ``CHAMPS_VOLATILS``) ;
  ``empreinte_texte(docx)`` en est le SHA-256 ;
- ``charges_qr(...)`` : les chaînes des codes QR imprimés sur la dernière page,
  ``IOQR1|<k>|<n>|<identifiant>|<empreinte_donnees>|<empreinte_texte>|<fragment>`` ; les fragments 1..n,
  concaténés, sont le base64url (sans « = ») de zlib(JSON canonique) ; au-delà de ``QR_MAX`` codes, un seul code
  au fragment vide (n = 1) ;
- ``decoder_qr(textes)`` : l'inverse, à partir des chaînes lues (dans n'importe quel ordre).

L'adaptateur Word (``interessement.documents``) lit un .docx et produit un ``ControleDocument`` ; le validateur
en tire la règle INTEGRITE_DOCUMENT.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.etree import ElementTree

#: Préfixe et version du format des codes QR.
PREFIXE_QR = "IOQR1"
#: Nombre maximal de codes pour porter les données ; au-delà, un seul code sans les données.
QR_MAX = 6
#: Caractères de données par code (fragment) : un code de version 23 environ (109 modules), lisible à 150 dpi imprimé sur 5,2 cm.
FRAGMENT_QR = 650

#: Titre du bloc final exclu du texte canonique (apostrophe droite ou typographique).
TITRES_BLOC_DONNEES = ("Données de l'accord", "Données de l\u2019accord")

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RE_PARTIE_TEXTE = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
_RE_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_RE_ESPACES = re.compile(r"\s+")


class ErreurIntegrite(ValueError):
    """Document ou code QR illisible pour le contrôle d'intégrité (message français)."""


def empreinte(donnees: bytes | str) -> str:
    """Empreinte SHA-256 (hexadécimale) des données JSON embarquées."""
    if isinstance(donnees, str):
        donnees = donnees.encode("utf-8")
    return hashlib.sha256(donnees).hexdigest()


empreinte_donnees = empreinte


# ========================================================================================= texte canonique


def _w(nom: str) -> str:
    return f"{{{_W}}}{nom}"


#: Champs dont Word recalcule le résultat à l'ouverture ou à l'impression (numéros de page, sommaire) : leur
#: résultat n'est pas dans le texte canonique, qui ne change donc pas quand Word met les champs à jour. Les
#: résultats des autres champs (REF, MERGEFIELD, DOCPROPERTY…) sont du texte comme un autre.
CHAMPS_VOLATILS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES", "PAGEREF", "TOC"})


def _nom_champ(instruction: str) -> str:
    mots = instruction.split()
    return mots[0].upper() if mots else ""


def textes_des_paragraphes(racine: ElementTree.Element) -> list[str]:
    """Le texte brut de chaque paragraphe de la partie (``racine.iter(w:p)``, zones de texte comprises, chacune
    pour elle-même), dans l'ordre : ``w:t`` (résultats de champs compris), tabulation et saut de ligne = espace,
    trait d'union insécable = « - » ; exclus : instructions de champ, texte supprimé (révisions), trait d'union
    conditionnel et résultats des champs volatils (``CHAMPS_VOLATILS``, y compris les champs imbriqués dans le
    résultat d'un sommaire). Les champs complexes (``w:fldChar``) peuvent s'étendre sur plusieurs paragraphes."""
    morceaux: dict[int, list[str]] = {}
    champs: list[list] = []  # pile : [instruction, en_resultat]

    def volatil() -> bool:
        return any(en_resultat and _nom_champ(instr) in CHAMPS_VOLATILS for instr, en_resultat in champs)

    def parcourir(el: ElementTree.Element, courant: list[str] | None) -> None:
        for enfant in el:
            tag = enfant.tag
            if tag == _w("p"):
                parcourir(enfant, morceaux.setdefault(id(enfant), []))
            elif tag == _w("t"):
                if courant is not None and not volatil():
                    courant.append(enfant.text or "")
            elif tag in (_w("tab"), _w("br"), _w("cr")):
                if courant is not None and not volatil():
                    courant.append(" ")
            elif tag == _w("noBreakHyphen"):
                if courant is not None and not volatil():
                    courant.append("-")
            elif tag == _w("fldChar"):
                genre = enfant.get(_w("fldCharType"))
                if genre == "begin":
                    champs.append(["", False])
                elif genre == "separate" and champs:
                    champs[-1][1] = True
                elif genre == "end" and champs:
                    champs.pop()
            elif tag == _w("instrText"):
                if champs and not champs[-1][1]:
                    champs[-1][0] += enfant.text or ""
            elif tag in (_w("delText"), _w("softHyphen"), _w("delInstrText")):
                continue
            elif tag == _w("fldSimple"):
                champs.append([enfant.get(_w("instr")) or "", True])
                parcourir(enfant, courant)
                champs.pop()
            else:
                parcourir(enfant, courant)

    parcourir(racine, None)
    return ["".join(morceaux.get(id(p), ())) for p in racine.iter(_w("p"))]


def _normaliser(texte: str) -> str:
    return _RE_ESPACES.sub(" ", unicodedata.normalize("NFC", texte)).strip()


def _racine(parties: dict[str, bytes], nom: str) -> ElementTree.Element:
    donnees = parties[nom]
    if _RE_DECLARATION.search(donnees):
        raise ErreurIntegrite(f"la partie « {nom} » déclare une DTD ou des entités (document refusé)")
    try:
        return ElementTree.fromstring(donnees)
    except ElementTree.ParseError as exc:
        raise ErreurIntegrite(f"la partie « {nom} » n'est pas un XML valide ({exc})") from exc


def paragraphes_canoniques(docx: bytes) -> list[str]:
    """Les paragraphes non vides du texte canonique, dans l'ordre : corps (bloc « Données de l'accord » exclu),
    puis en-têtes, pieds de page, notes de bas de page et de fin."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(docx))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ErreurIntegrite("ce n'est pas un document Word .docx valide") from exc
    noms = [n for n in archive.namelist() if RE_PARTIE_TEXTE.fullmatch(n)]
    return paragraphes_canoniques_parties({n: archive.read(n) for n in noms})


def paragraphes_canoniques_parties(parties: dict[str, bytes]) -> list[str]:
    """Comme ``paragraphes_canoniques``, à partir des parties XML du paquet (nom → contenu)."""
    noms = sorted(n for n in parties if RE_PARTIE_TEXTE.fullmatch(n))
    if "word/document.xml" not in noms:
        raise ErreurIntegrite("la partie « word/document.xml » est absente")
    noms.remove("word/document.xml")
    corps = [_normaliser(t) for t in textes_des_paragraphes(_racine(parties, "word/document.xml"))]
    debut_bloc = max((i for i, t in enumerate(corps) if t in TITRES_BLOC_DONNEES), default=None)
    if debut_bloc is not None:
        corps = corps[:debut_bloc]
    sortie = [t for t in corps if t]
    for nom in noms:
        sortie.extend(t for brut in textes_des_paragraphes(_racine(parties, nom)) if (t := _normaliser(brut)))
    return sortie


def texte_canonique(docx: bytes) -> str:
    """Le texte canonique d'un .docx (voir le module) : un paragraphe par ligne."""
    return "\n".join(paragraphes_canoniques(docx))


def empreinte_texte(docx: bytes) -> str:
    """SHA-256 du texte canonique (UTF-8)."""
    return empreinte(texte_canonique(docx))


# ================================================================================================ codes QR


def _b64(donnees: bytes) -> str:
    return base64.urlsafe_b64encode(donnees).decode("ascii").rstrip("=")


def _de_b64(texte: str) -> bytes:
    return base64.urlsafe_b64decode(texte + "=" * (-len(texte) % 4))


def charges_qr(identifiant: str, json_canonique: str, empreinte_du_texte: str, *, fragment: int = FRAGMENT_QR,
               maximum: int = QR_MAX) -> list[str]:
    """Les chaînes des codes QR : identifiant, empreintes et, quand elles tiennent en ``maximum`` codes, les
    données compressées réparties en fragments."""
    if "|" in identifiant:
        identifiant = identifiant.replace("|", "/")
    emp = empreinte(json_canonique)
    charge = _b64(zlib.compress(json_canonique.encode("utf-8"), 9))
    morceaux = [charge[i:i + fragment] for i in range(0, len(charge), fragment)] or [""]
    if len(morceaux) > maximum:
        morceaux = [""]
    n = len(morceaux)
    return [f"{PREFIXE_QR}|{k}|{n}|{identifiant}|{emp}|{empreinte_du_texte}|{m}" for k, m in enumerate(morceaux, 1)]


def decoder_qr(textes: list[str]) -> dict:
    """Les codes QR lus (dans n'importe quel ordre, doublons admis) → ``{identifiant, empreinte_donnees,
    empreinte_texte, donnees}`` ; ``donnees`` est le dict de l'accord, ou ``None`` quand les codes ne les portent
    pas. ``ErreurIntegrite`` si les codes sont incomplets, incohérents ou ne correspondent pas à l'empreinte."""
    parties: dict[int, str] = {}
    entete: tuple[int, str, str, str] | None = None
    for texte in textes:
        champs = texte.strip().split("|", 6)
        if len(champs) != 7 or champs[0] != PREFIXE_QR:
            continue  # un autre code QR sur la page
        _, k, n, ident, emp_d, emp_t, fragment = champs
        try:
            k_, n_ = int(k), int(n)
        except ValueError as exc:
            raise ErreurIntegrite(f"code QR illisible (numéro « {k} » sur « {n} »)") from exc
        if entete is None:
            entete = (n_, ident, emp_d, emp_t)
        elif entete != (n_, ident, emp_d, emp_t):
            raise ErreurIntegrite("les codes QR lus n'appartiennent pas au même document")
        if not 1 <= k_ <= n_:
            raise ErreurIntegrite(f"code QR numéroté {k_} sur {n_}")
        parties[k_] = fragment
    if entete is None:
        raise ErreurIntegrite("aucun code QR « Intéressement ouvert » parmi les codes lus")
    n, ident, emp_d, emp_t = entete
    manquants = [k for k in range(1, n + 1) if k not in parties]
    if manquants:
        raise ErreurIntegrite(f"codes QR manquants : {', '.join(map(str, manquants))} sur {n}")
    charge = "".join(parties[k] for k in range(1, n + 1))
    donnees = None
    if charge:
        try:
            texte_json = zlib.decompress(_de_b64(charge)).decode("utf-8")
        except (ValueError, zlib.error, UnicodeDecodeError) as exc:
            raise ErreurIntegrite("les données des codes QR sont illisibles") from exc
        if empreinte(texte_json) != emp_d:
            raise ErreurIntegrite("les données des codes QR ne correspondent pas à leur empreinte")
        donnees = json.loads(texte_json)
    return {"identifiant": ident, "empreinte_donnees": emp_d, "empreinte_texte": emp_t, "donnees": donnees}


# ===================================================================================== contrôle d'un document


@dataclass
class ControleDocument:
    chemin: str
    empreinte_declaree: str | None  # celle des propriétés du document
    empreinte_calculee: str | None  # celle du JSON embarqué, recalculée
    texte_conforme: bool  # le texte du document est celui que les données embarquées produisent
    details: list[str] = field(default_factory=list)  # ce qui diffère, en français
    empreinte_texte_declaree: str | None = None  # celle des propriétés (documents récents), sinon None
    empreinte_texte_calculee: str | None = None  # celle du texte canonique du document reçu
    #: Le texte a pu être re-rendu depuis les données par la version courante (False : document d'une autre
    #: version dont les données n'ont pas tous les faits qu'elle demande ; la comparaison repose alors sur
    #: l'empreinte du texte).
    rendu_possible: bool = True

    @property
    def intact(self) -> bool:
        return (
            self.empreinte_declaree is not None
            and self.empreinte_declaree == self.empreinte_calculee
            and self.texte_conforme
        )
