"""Assainir ce qu'un utilisateur fournit avant de le calculer, de l'imprimer ou de l'exporter.

- ``nettoyer_texte`` : ôte d'un texte ce qui n'est pas du texte — séquences d'échappement du terminal (une raison
  sociale qui efface l'écran et imprime un faux rapport), caractères de contrôle, demi-paires UTF-16 isolées
  (« \\ud800 », que nul fichier UTF-8 ne peut écrire : le rapport JSON était tronqué). Les sauts de ligne et
  tabulations sont gardés (un texte de clause en a) ; ``une_ligne=True`` les remplace par une espace.
- ``borner_donnees`` : parcourt un document JSON lu (accord, versement) et le refuse s'il porte un nombre
  démesuré, un texte ou une liste trop longs (interessement/bornes.py), en nommant chaque champ ; les textes
  en sortent nettoyés.
- ``cellule_tableur`` : neutralise une cellule d'export CSV/XLSX qui serait lue comme une formule (OWASP,
  « CSV injection ») sans toucher aux nombres.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .bornes import CHIFFRES_MAX, ENTIER_MAX, LISTE_MAX, MONTANT_MAX_CENTIMES, SALARIES_MAX, TEXTE_MAX
from .format import montant, nombre

# CSI (ESC [ … lettre), OSC (ESC ] … BEL ou ESC \), autres séquences ESC à un caractère ; C1 (U+0080-U+009F),
# dont le CSI 8 bits U+009B.
_ECHAPPEMENTS = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"        # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC (titre de fenêtre, hyperliens)
    r"|\x1b[P^_X][^\x1b]*(?:\x1b\\)?"    # DCS, PM, APC, SOS
    r"|\x1b[@-Z\\-_]?"                 # ESC seul ou suivi d'un caractère
    r"|\x9b[0-?]*[ -/]*[@-~]"          # CSI 8 bits
)
_CONTROLES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROLES_LIGNE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATS = re.compile(r"[\ud800-\udfff]")
_A_NETTOYER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
REMPLACEMENT = "\ufffd"


def nettoyer_texte(texte: str, *, une_ligne: bool = False) -> str:
    """Le texte sans séquence d'échappement, caractère de contrôle ni demi-paire UTF-16 isolée (remplacée par
    « � » : on voit qu'un caractère illisible était là). « \\r\\n » devient « \\n ». ``une_ligne`` : les sauts
    de ligne et tabulations deviennent des espaces (un nom, une raison sociale)."""
    if une_ligne:
        if not _CONTROLES_LIGNE.search(texte) and not _SURROGATS.search(texte):
            return texte
    elif not _A_NETTOYER.search(texte):
        return texte
    texte = _ECHAPPEMENTS.sub("", texte)
    texte = _SURROGATS.sub(REMPLACEMENT, texte)
    texte = texte.replace("\r\n", "\n")
    if une_ligne:
        return re.sub(r" {2,}", " ", _CONTROLES_LIGNE.sub(" ", texte)).strip()
    return _CONTROLES.sub("", texte.replace("\r", "\n"))


_A_IMPRIMER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def texte_imprimable(texte: str) -> str:
    """Un texte qu'on peut écrire sur un terminal ou dans un fichier UTF-8 sans risque (rapport, message) : sans
    séquence d'échappement, caractère de contrôle (saut de ligne, tabulation et retour chariot gardés) ni
    demi-paire UTF-16 isolée."""
    if not _A_IMPRIMER.search(texte):
        return texte
    texte = _SURROGATS.sub(REMPLACEMENT, _ECHAPPEMENTS.sub("", texte))
    return _A_IMPRIMER.sub("", texte)


class FluxPropre:
    """Un flux texte (terminal, fichier de rapport) qui n'écrit que du texte imprimable (``texte_imprimable``) :
    une raison sociale piégée ne peut ni effacer l'écran ni tronquer un rapport UTF-8."""

    def __init__(self, flux: Any):
        self._flux = flux

    def write(self, texte: Any) -> Any:
        return self._flux.write(texte_imprimable(texte) if isinstance(texte, str) else texte)

    def writelines(self, lignes: Any) -> None:
        for ligne in lignes:
            self.write(ligne)

    def __getattr__(self, nom: str) -> Any:
        return getattr(self._flux, nom)


class NombreDemesure(str):
    """Un nombre JSON de plus de ``CHIFFRES_MAX`` chiffres, gardé tel quel pour que ``borner_donnees`` nomme son
    champ (Python refuserait sinon au-delà de 4 300 chiffres, en anglais et sans dire où)."""


def entier_json(texte: str) -> int | NombreDemesure:
    """``parse_int`` de ``json.loads`` : l'entier, ou un ``NombreDemesure`` au-delà de ``CHIFFRES_MAX`` chiffres."""
    if len(texte) > CHIFFRES_MAX:
        return NombreDemesure(texte)
    return int(texte)


def flottant_json(texte: str) -> float | NombreDemesure:
    """``parse_float`` de ``json.loads`` : le nombre, ou un ``NombreDemesure`` s'il est trop long ou infini."""
    if len(texte) > CHIFFRES_MAX + 10:
        return NombreDemesure(texte)
    valeur = float(texte)
    if valeur in (float("inf"), float("-inf")):
        return NombreDemesure(texte)
    return valeur


def _chemin(morceaux: list[str | int]) -> str:
    texte = ""
    for m in morceaux:
        texte += f"[{m}]" if isinstance(m, int) else ("." if texte else "") + m
    return texte or "(document)"


def _abrege(texte: str) -> str:
    return texte if len(texte) <= 20 else f"{texte[:12]}…({len(texte)} caractères)"


def _demesure(chemin: list[str | int]) -> str:
    if chemin and str(chemin[-1]).endswith("_centimes"):
        return (f"montant démesuré (au plus {montant(MONTANT_MAX_CENTIMES)}) ; vérifiez le nombre de chiffres et "
                "l'unité (centimes)")
    return (f"nombre démesuré (au plus {nombre(ENTIER_MAX, 0)} en valeur absolue) ; vérifiez le nombre de chiffres "
            "et l'unité")


def borner_donnees(donnees: Any, erreurs_max: int = 20) -> tuple[Any, list[str]]:
    """(données aux textes nettoyés, erreurs « champ : problème ») d'un document JSON lu : nombres démesurés,
    textes et listes trop longs. Les valeurs autres que dict, list, str, int, float passent telles quelles."""
    erreurs: list[str] = []

    def erreur(chemin: list[str | int], message: str) -> None:
        if len(erreurs) < erreurs_max:
            erreurs.append(f"{_chemin(chemin)} : {message}")

    def visiter(v: Any, chemin: list[str | int]) -> Any:
        if isinstance(v, NombreDemesure):
            erreur(chemin, _demesure(chemin) + f" ; reçu : {_abrege(v)}")
            return None
        if isinstance(v, str):
            if len(v) > TEXTE_MAX:
                erreur(chemin, f"texte trop long ({len(v)} caractères ; au plus {TEXTE_MAX})")
                return v[:0]
            return nettoyer_texte(v)
        if isinstance(v, bool):
            return v
        if isinstance(v, int | float):
            if abs(v) > ENTIER_MAX:
                erreur(chemin, _demesure(chemin))
            return v
        if isinstance(v, list):
            maximum = SALARIES_MAX if chemin and chemin[-1] == "salaries" else LISTE_MAX
            if len(v) > maximum:
                erreur(chemin, f"liste trop longue ({len(v)} éléments ; au plus {nombre(maximum, 0)})")
                return []
            return [visiter(x, [*chemin, i]) for i, x in enumerate(v)]
        if isinstance(v, dict):
            if len(v) > LISTE_MAX and chemin:
                erreur(chemin, f"objet trop grand ({len(v)} champs ; au plus {LISTE_MAX})")
                return {}
            resultat = {}
            for k, x in v.items():
                cle = nettoyer_texte(k, une_ligne=True) if isinstance(k, str) else k
                resultat[cle] = visiter(x, [*chemin, str(cle)])
            return resultat
        return v

    return visiter(donnees, []), erreurs



#: Les recherches ci-dessous portent sur les octets UTF-8 du document, où chiffres, lettres, barres obliques
#: inverses et guillemets ne sont jamais un morceau d'un caractère multioctet ; chacune commence par un octet fixe,
#: que le moteur d'expressions trouve vite (une classe de caractères en tête le ralentirait dix fois).
_EN_ZEROS = bytes.maketrans(b"123456789", b"000000000")
#: Un échappement de caractère de contrôle (« \b », « \f », « \r », « \u0000 » à « \u001f », « \u007f » à
#: « \u009f »), de demi-paire UTF-16 ou de séparateur de ligne.
_ECHAPPEMENT_A_NETTOYER = re.compile(rb"\\(?:[bfr]|u(?:00[01]|007[fF]|00[89]|[dD][89a-fA-F]|202[89]))")
#: Un caractère C1 (U+0080 à U+009F) écrit tel quel.
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
#: Un exposant de nombre, chiffres ramenés à 0 (``_EN_ZEROS``) : « 0e0 », « 0E+0 »... hors échappement « \u00e9 ».
_EXPOSANT = re.compile(rb"0(?<!\\u0)(?<!\\u[0-9A-Fa-f]0)(?<!\\u[0-9A-Fa-f]{2}0)[eE][+-]?0")


def _cles_sur_une_ligne(donnees: Any) -> bool:
    """Vrai si aucun nom de champ du document n'a de caractère que ``nettoyer_texte(une_ligne=True)`` ôterait."""
    pile = [donnees]
    while pile:
        v = pile.pop()
        if type(v) is dict:
            for k, x in v.items():
                if not isinstance(k, str) or _CONTROLES_LIGNE.search(k) or _SURROGATS.search(k):
                    return False
                if type(x) is dict or type(x) is list:
                    pile.append(x)
        elif type(v) is list:
            pile.extend(x for x in v if type(x) is dict or type(x) is list)
    return True


def _octets_sans_rien_a_borner(brut: bytes, texte: str) -> bool:
    """Vrai si le texte brut prouve que ``borner_donnees`` n'aura rien à refuser ni à nettoyer, sauf peut-être un
    nom de champ à saut de ligne échappé (vu après lecture) : chaque nombre a au plus 15 chiffres d'affilée et pas
    d'exposant, ni NaN ni Infinity (donc moins de ``ENTIER_MAX`` en valeur absolue, moins de ``CHIFFRES_MAX``
    caractères, jamais infini) ; aucun caractère C1 ni séparateur de ligne Unicode, écrit tel quel ou échappé, ni
    échappement de caractère de contrôle ou de demi-paire (un caractère de contrôle écrit tel quel dans un texte
    est refusé par ``json.loads``) ; moins de ``LISTE_MAX`` (et ``SALARIES_MAX``) virgules bornent chaque liste et
    chaque objet ; moins de ``TEXTE_MAX`` octets (ou aucun morceau plus long entre deux guillemets, ni guillemet échappé) bornent chaque
    texte. Un faux positif (« \\r » ou seize chiffres dans un texte) ne coûte que le parcours complet."""
    if brut.count(b",") >= min(LISTE_MAX, SALARIES_MAX) or b"NaN" in brut or b"Infinity" in brut or b"\x7f" in brut:
        return False
    if b"\xe2\x80\xa8" in brut or b"\xe2\x80\xa9" in brut or (b"\xc2" in brut and _C1_UTF8.search(brut)):
        return False
    if b"\\" in brut and _ECHAPPEMENT_A_NETTOYER.search(brut):
        return False
    zeros = brut.translate(_EN_ZEROS)
    chiffres_surs = min(len(str(ENTIER_MAX)), CHIFFRES_MAX) - 1  # assez peu pour rester sous les deux bornes
    if b"0" * (chiffres_surs + 1) in zeros:
        return False
    # Chaque « \u00e9 », « \u00E8 »... compte un « 0e » ; s'ils les expliquent tous, pas d'exposant.
    zero_e = zeros.count(b"0e") + zeros.count(b"0E")
    if zero_e and zero_e != zeros.count(b"\\u00e") + zeros.count(b"\\u00E") and _EXPOSANT.search(zeros):
        return False
    return len(brut) <= TEXTE_MAX or ('\\"' not in texte and max(map(len, texte.split('"'))) <= TEXTE_MAX)


def lire_json_borne(texte: str, brut: bytes | None = None) -> tuple[Any, bool]:
    """(données, déjà bornées) : ``json.loads(texte, parse_int=entier_json, parse_float=flottant_json)``, et vrai
    si ``borner_donnees`` n'y trouverait rien à refuser ni à nettoyer — on peut alors s'en passer (le cas d'un
    accord ordinaire : le parcours coûtait plus que la lecture elle-même). ``brut`` : les octets UTF-8 d'où vient
    ``texte``, s'ils sont là. La preuve se lit sur le texte brut (``_octets_sans_rien_a_borner``) ; les nombres y
    étant courts, ``json.loads`` sans crochets de lecture donne les mêmes valeurs. Sinon, lecture avec crochets,
    exactement comme avant, et ``borner_donnees`` reste à faire."""
    if brut is None:
        brut = texte.encode("utf-8", "surrogatepass")
    if _octets_sans_rien_a_borner(brut, texte):
        donnees = json.loads(texte)
        return donnees, ((b"\\n" not in brut and b"\\t" not in brut) or _cles_sur_une_ligne(donnees))
    return json.loads(texte, parse_int=entier_json, parse_float=flottant_json), False


# --------------------------------------------------------------------------------------- exports CSV / XLSX

#: Premiers caractères qu'un tableur lit comme le début d'une formule (OWASP, « CSV Injection »).
DEBUTS_FORMULE = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NOMBRE = re.compile(r"^[+-]?(\d[\d\u00a0\u202f ]*)?([.,]\d+)?(\u00a0?[€%])?$")


def cellule_tableur(valeur: Any) -> Any:
    """La valeur d'une cellule d'export sans risque d'injection de formule : un texte qui commence par ``=``,
    ``+``, ``-``, ``@``, une tabulation ou un retour chariot est préfixé d'une apostrophe (recommandation OWASP),
    qu'un tableur n'affiche pas ; un nombre (y compris écrit « -1 234,56 ») est laissé tel quel. Les textes
    sont aussi débarrassés des caractères de contrôle."""
    if not isinstance(valeur, str):
        return valeur
    texte = nettoyer_texte(valeur)
    if texte.startswith(DEBUTS_FORMULE) and not (_NOMBRE.match(texte) and any(c.isdigit() for c in texte)):
        return "'" + texte
    return texte


def ligne_tableur(valeurs: Any) -> list[Any]:
    """``cellule_tableur`` appliquée à chaque cellule d'une ligne."""
    return [cellule_tableur(v) for v in valeurs]


class EcrivainTableur:
    """Un ``csv.writer`` dont chaque cellule passe par ``cellule_tableur`` : le seul moyen d'écrire un export CSV
    (``repartir --format csv``, ``valider --format csv``, exports de l'assistant)."""

    def __init__(self, flux: Any, **options: Any):
        import csv

        options.setdefault("delimiter", ";")
        self._w = csv.writer(flux, **options)

    def writerow(self, ligne: Any) -> Any:
        return self._w.writerow(ligne_tableur(ligne))

    def writerows(self, lignes: Any) -> None:
        for ligne in lignes:
            self.writerow(ligne)
