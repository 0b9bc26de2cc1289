"""Génération des documents : l'accord (ou la décision unilatérale), la note d'information, la liste des pièces
du dépôt et les fiches individuelles d'un versement ; refus si le validateur trouve un constat bloquant.

``rendre_*`` produit un document sans valider (c'est ce que fait le contrôle d'intégrité, qui doit reproduire le
texte à l'identique) ; ``generer_documents`` valide d'abord (``validators.valider``) et refuse d'émettre un
accord qui a un constat BLOQUANT, en disant lesquels et comment les corriger.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..calcul import calculer_versement
from ..calendrier import date_limite_versement
from ..entrees import raison_systeme
from ..erreurs import ErreurEntree
from ..format import date_longue
from ..integrite import RE_PARTIE_TEXTE as RE_PARTIES_TEXTE
from ..integrite import charges_qr, empreinte, paragraphes_canoniques_parties
from ..modele import Accord, Versement, accord_vers_json
from .contexte import contexte_accord, contexte_fiches, contexte_liste_depot, fin_du_delai_de_choix
from .docx_xml import (
    MARQUE_EMPREINTE_TEXTE,
    MARQUE_QR,
    construire_sommaire,
    ecrire_xml,
    embarquer,
    inserer_codes_qr,
    json_pour_xml,
    lire_xml,
    proprietes_generales,
)
from .modeles import Modele, modele

VERSION_GENERATEUR = f"Intéressement ouvert {__version__}"


# ================================================================================================= refus


class RefusGeneration(ErreurEntree):
    """Le validateur a trouvé au moins un constat bloquant : le document n'est pas émis (code de sortie 1)."""

    code_sortie = 1

    def __init__(self, constats: list[Any], quoi: str = "l'accord"):
        self.constats = list(constats)
        lignes = []
        for c in self.constats:
            ligne = f"[{c.id}] {c.message}"
            if getattr(c, "suggestion", ""):
                ligne += f"\n      Correction : {c.suggestion}"
            refs = getattr(c, "references", None) or []
            if refs:
                ligne += "\n      Références : " + " ; ".join(getattr(r, "article", str(r)) for r in refs)
            lignes.append(ligne)
        super().__init__(
            f"Document non généré : {quoi} comporte {len(self.constats)} constat(s) bloquant(s), qui feraient "
            "perdre les exonérations. Corrigez le fichier JSON puis relancez la génération.",
            lignes,
        )


def valider_avant_generation(accord: Accord, *, versement: Versement | None = None,
                             date_reference: date | None = None) -> Any:
    """Appelle ``validators.valider`` ; lève ``RefusGeneration`` s'il y a un constat bloquant. Renvoie le rapport."""
    from validators import valider  # adaptateur : le document dépend du validateur, jamais l'inverse

    rapport = valider(accord, date_reference=date_reference, versement=versement)
    bloquants = [c for c in rapport.constats if c.severite == "BLOQUANT"]
    if bloquants:
        quoi = "le versement" if versement is not None and all(
            getattr(c, "portee", "") in ("bénéficiaire", "excédent") for c in bloquants) else (
            "la décision unilatérale" if accord.mise_en_place.mode == "decision_unilaterale" else "l'accord")
        raise RefusGeneration(bloquants, quoi)
    return rapport


#: Clauses que le document rédige par défaut quand les données de l'accord ne les précisent pas.
CLAUSES_PAR_DEFAUT = ("information.preambule", "information.suivi_par", "information.modalites_information_salaries",
                      "information.reglement_litiges")


def avertissement(constat: Any) -> str:
    """Un avertissement du validateur en une ligne ; une clause absente des données mais rédigée par défaut dans
    le document est signalée comme telle (à relire), non comme manquante."""
    chemin = (getattr(constat, "chemin", None) or [""])[0]
    if constat.id == "CLAUSES_OBLIGATOIRES" and chemin in CLAUSES_PAR_DEFAUT:
        return (f"[{constat.id}] Clause rédigée par défaut dans le document ({constat.attendu}) : relisez-la et, "
                f"si besoin, précisez-la dans les données de l'accord (champ « {chemin} »).")
    return f"[{constat.id}] {constat.message}" + (f" — {constat.suggestion}" if constat.suggestion else "")


# ============================================================================================ rendus purs


def texte_embarque(accord: Accord) -> str:
    """Le JSON exact de l'accord tel qu'il est embarqué dans le .docx (base de l'empreinte)."""
    return json_pour_xml(accord_vers_json(accord))


def _remplacements(m: Modele, parties: dict[str, bytes], noms: tuple[str, ...]) -> dict[str, bytes]:
    for nom in noms:
        if nom not in parties:
            parties[nom] = m.partie(nom)
    return parties


def images_qr(charges: list[str]) -> list[bytes]:
    """Les images PNG des codes QR (segno), correction d'erreur M."""
    return [_image_qr(c) for c in charges]


@lru_cache(maxsize=256)
def _image_qr(charge: str) -> bytes:
    """Un code QR en PNG. Masque fixé (le choix du « meilleur » masque coûte 90 % du temps et ne change rien à
    la lecture d'un code imprimé sur fond blanc) ; mis en cache : le contrôle d'intégrité re-rend le même accord."""
    import segno

    code = segno.make(charge, error="m", micro=False, boost_error=False, mask=MASQUE_QR)
    tampon = io.BytesIO()
    code.save(tampon, kind="png", scale=4, border=4)
    return tampon.getvalue()


MASQUE_QR = 2


#: Côté imprimé d'un code QR (cm) : lisible scanné à 150 dpi ; trois codes tiennent sur une ligne.
COTE_QR_CM = 5.2


def rendre_accord(accord: Accord, *, horodatage: datetime | None = None, repertoire_modeles: Path | None = None,
                  codes_qr: bool = True) -> bytes:
    """Le .docx de l'accord : texte, sommaire, données embarquées, empreintes des données et du texte, codes QR
    sur la dernière page. Aucune validation ici.

    ``codes_qr=False`` : mêmes texte et empreintes, sans les images des codes QR (le contrôle d'intégrité, qui
    ne compare que le texte, s'épargne ainsi leur calcul)."""
    texte = texte_embarque(accord)
    emp = empreinte(texte)
    m = modele("accord", repertoire_modeles)
    parties = m.rendre(contexte_accord(accord, empreinte=emp, empreinte_texte=MARQUE_EMPREINTE_TEXTE,
                                       qr=MARQUE_QR))
    document = lire_xml(parties["word/document.xml"])
    construire_sommaire(document)
    parties["word/document.xml"] = ecrire_xml(document)
    # L'empreinte du texte : tout le texte du paquet hors du bloc final « Données de l'accord ».
    textuelles = {n: parties.get(n) or m.partie(n) for n in m.noms() if RE_PARTIES_TEXTE.fullmatch(n)}
    emp_texte = empreinte("\n".join(paragraphes_canoniques_parties(textuelles)))
    parties["word/document.xml"] = parties["word/document.xml"].replace(
        MARQUE_EMPREINTE_TEXTE.encode("utf-8"), emp_texte.encode("ascii"))
    _remplacements(m, parties, ("word/_rels/document.xml.rels", "_rels/.rels", "[Content_Types].xml",
                                "docProps/core.xml"))
    charges = charges_qr(accord.identifiant or "non renseigné", texte, emp_texte)
    ajouts = inserer_codes_qr(parties, images_qr(charges) if codes_qr else [], COTE_QR_CM)
    ajouts.update(embarquer(parties, m.noms(), texte, emp, accord.version_format, VERSION_GENERATEUR,
                            empreinte_texte=emp_texte))
    parties["docProps/core.xml"] = proprietes_generales(
        parties["docProps/core.xml"],
        description=f"Document généré par {VERSION_GENERATEUR} ; données de l'accord embarquées "
                    f"(empreinte SHA-256 {emp}) ; empreinte du texte {emp_texte}.",
        horodatage=horodatage,
    )
    return m.archive(parties, ajouts)


def _simple(nom: str, contexte: dict[str, Any], horodatage: datetime | None, repertoire: Path | None) -> bytes:
    m = modele(nom, repertoire)
    parties = m.rendre(contexte)
    if "docProps/core.xml" in parties or horodatage is not None:
        parties["docProps/core.xml"] = proprietes_generales(
            parties.get("docProps/core.xml") or m.partie("docProps/core.xml"),
            description=f"Document généré par {VERSION_GENERATEUR}.", horodatage=horodatage)
    return m.archive(parties)


def rendre_note_information(accord: Accord, *, horodatage: datetime | None = None,
                            repertoire_modeles: Path | None = None) -> bytes:
    emp = empreinte(texte_embarque(accord))
    return _simple("note_information", contexte_accord(accord, empreinte=emp), horodatage, repertoire_modeles)


def rendre_liste_depot(accord: Accord, *, avertissements: list[str] | None = None,
                       horodatage: datetime | None = None, repertoire_modeles: Path | None = None) -> bytes:
    emp = empreinte(texte_embarque(accord))
    ctx = contexte_liste_depot(accord, empreinte=emp, avertissements=avertissements)
    return _simple("liste_depot", ctx, horodatage, repertoire_modeles)


@dataclass
class FicheIndividuelle:
    identifiant: str
    nom: str
    nom_fichier: str
    contenu: bytes


def avertissements_fiches(accord: Accord, versement: Versement, date_information: date) -> list[str]:
    """Les incohérences de calendrier d'une remise de fiches individuelles (messages à l'utilisateur) : fiches
    remises avant la clôture de la période, ou délai de choix du salarié (R3313-12, II) qui finit après la date de
    versement prévue — le salarié perdrait son choix entre versement et placement."""
    p = accord.periodes()[versement.periode - 1]
    d_versement = versement.date_versement or date_limite_versement(p)
    messages = []
    if date_information <= p.fin:
        messages.append(f"[FICHES] Les fiches individuelles sont datées du {date_longue(date_information)}, avant la "
                        f"clôture de la période ({date_longue(p.fin)}) : indiquez la date réelle de leur remise "
                        "(option --date-information).")
    fin_choix = fin_du_delai_de_choix(accord, date_information, d_versement)
    if fin_choix is not None and fin_choix >= d_versement:
        messages.append(f"[FICHES] Le délai de choix des salariés court jusqu'au {date_longue(fin_choix)}, mais le "
                        f"versement est prévu le {date_longue(d_versement)} : remettez les fiches plus tôt ou "
                        "reportez le versement après la fin de ce délai (article R3313-12, II, du code du travail).")
    return messages


def rendre_fiches(accord: Accord, versement: Versement, *, date_information: date,
                  repertoire_modeles: Path | None = None, calcul: Any = None,
                  progression: Callable[[int, int], None] | None = None) -> list[FicheIndividuelle]:
    """Une fiche distincte du bulletin de paie (D3313-9) par bénéficiaire dont la prime est positive."""
    calcul = calcul or calculer_versement(accord, versement)
    emp = empreinte(texte_embarque(accord))
    commun, individuels = contexte_fiches(accord, versement, calcul, date_information=date_information,
                                          empreinte=emp)
    m = modele("fiche_individuelle", repertoire_modeles)
    fiches = []
    pris: set[str] = set()
    for rang, individuel in enumerate(individuels, start=1):
        ctx = dict(commun)
        ctx.update(individuel)
        contenu = m.archive(m.rendre(ctx), compression=1)
        b = individuel["b"]
        nom_fichier = _nom_unique(f"fiche_{slug(b['identifiant'])}_{slug(b['nom'])}", pris) + ".docx"
        fiches.append(FicheIndividuelle(b["identifiant"], b["nom"], nom_fichier, contenu))
        if progression:
            progression(rang, len(individuels))
    return fiches


def archive_fiches(fiches: list[FicheIndividuelle]) -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_STORED) as z:
        for f in fiches:
            info = zipfile.ZipInfo(f.nom_fichier, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o600 << 16
            z.writestr(info, f.contenu)  # un .docx est déjà compressé
    return tampon.getvalue()


# ================================================================================================ fichiers


def slug(texte: str, longueur: int = 60) -> str:
    """Nom de fichier sûr : ASCII, minuscules, tirets ; jamais de « / » ni de « .. »."""
    ascii_ = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode("ascii").lower()
    propre = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")
    return (propre[:longueur].strip("-")) or "sans-nom"


def _nom_unique(base: str, pris: set[str]) -> str:
    nom = base
    n = 2
    while nom in pris:
        nom = f"{base}-{n}"
        n += 1
    pris.add(nom)
    return nom


def prefixe_accord(accord: Accord) -> str:
    return {"decision_unilaterale": "decision_unilaterale",
            "adhesion_branche": "adhesion_accord_branche"}.get(accord.mise_en_place.mode, "accord_interessement")


@dataclass
class ResultatGeneration:
    fichiers: list[Path] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)
    rapport: Any = None
    pdf_indisponible: str | None = None
    nombre_fiches: int = 0


def generer_documents(
    accord: Accord,
    dossier: str | Path,
    *,
    pdf: bool = False,
    versement: Versement | None = None,
    date_information: date | None = None,
    date_reference: date | None = None,
    horodatage: datetime | None = None,
    valider: bool = True,
) -> ResultatGeneration:
    """Valide, puis écrit dans ``dossier`` : l'accord (.docx), la note d'information, la liste des pièces du
    dépôt et, avec un versement, l'archive des fiches individuelles ; avec ``pdf=True``, les PDF aussi."""
    resultat = ResultatGeneration()
    if valider:
        rapport = valider_avant_generation(accord, versement=versement, date_reference=date_reference)
        resultat.rapport = rapport
        for c in rapport.constats:
            if c.severite == "AVERTISSEMENT":
                resultat.avertissements.append(avertissement(c))
        for r in getattr(rapport, "regles_en_erreur", []):
            resultat.avertissements.append(f"[{r.id}] règle non vérifiée : {r.raison}")
    horodatage = horodatage or datetime.now(UTC)
    dossier = Path(dossier)
    try:
        dossier.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ErreurEntree(f"Dossier de sortie {dossier} : création impossible ({raison_systeme(exc)}) ; "
                           "choisissez un dossier où vous pouvez écrire.") from exc
    s = slug(accord.entreprise.raison_sociale)
    documents = {
        f"{prefixe_accord(accord)}_{s}.docx": rendre_accord(accord, horodatage=horodatage),
        f"note_information_{s}.docx": rendre_note_information(accord, horodatage=horodatage),
        f"liste_depot_{s}.docx": rendre_liste_depot(
            accord, avertissements=[a.split("] ", 1)[-1] for a in resultat.avertissements if "[" in a],
            horodatage=horodatage),
    }
    for nom, contenu in documents.items():
        resultat.fichiers.append(_ecrire(dossier / nom, contenu))
    if versement is not None:
        d_information = date_information or horodatage.date()
        resultat.avertissements.extend(avertissements_fiches(accord, versement, d_information))
        fiches = rendre_fiches(accord, versement, date_information=d_information)
        resultat.nombre_fiches = len(fiches)
        if fiches:
            nom = f"fiches_individuelles_{s}_periode_{versement.periode}.zip"
            resultat.fichiers.append(_ecrire(dossier / nom, archive_fiches(fiches)))
        else:
            resultat.avertissements.append("Aucune fiche individuelle : aucun bénéficiaire n'a de prime positive "
                                           "pour cette période.")
    if pdf:
        from .pdf import LibreOfficeIndisponible, convertir_en_pdf

        try:
            resultat.fichiers.extend(convertir_en_pdf(documents, dossier))
        except LibreOfficeIndisponible as exc:
            resultat.pdf_indisponible = str(exc)
    return resultat


def _ecrire(chemin: Path, contenu: bytes) -> Path:
    try:
        chemin.write_bytes(contenu)
    except OSError as exc:
        raise ErreurEntree(f"Impossible d'écrire {chemin} ({raison_systeme(exc)}).") from exc
    return chemin
