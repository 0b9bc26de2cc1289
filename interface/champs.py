"""Les champs de l'assistant : un widget Streamlit lié à un chemin du brouillon, avec ses messages à côté.

Chaque fonction :
1. réensemence la clé du widget depuis le brouillon si elle est absente (étape affichée de nouveau, brouillon
   remplacé) ;
2. affiche le widget (jamais de ``value=`` : la clé suffit) ;
3. écrit la valeur convertie dans le brouillon et enregistre la liaison (pour ``etat.synchroniser``) ;
4. affiche, juste sous le champ, les messages qui visent ce chemin (saisie invalide, contrôle de l'étape,
   constats du validateur).

Les textes de Streamlit restent en anglais dans le navigateur : les dates sont donc saisies dans un champ texte
(« JJ/MM/AAAA ») lu ici, et les bornes des nombres contrôlées ici (au lieu de ``min_value``/``max_value``, dont
le message est anglais). Une saisie refusée (date illisible, nombre hors bornes) est gardée telle quelle dans
``ui.saisies_invalides`` du brouillon (le champ la réaffiche, rien n'est perdu), le brouillon reçoit ``None`` à ce
chemin (la valeur refusée n'entre dans aucun document) et un message bloquant en français est affiché sous le
champ jusqu'à correction : voir ``saisies_invalides()``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import streamlit as st

from interessement import format as fmt
from interessement.references import lier_markdown

from . import brouillon as b
from . import etat
from .echappement import md

GRAVITES = ("bloquant", "a_renseigner", "avertissement", "information")
#: Ce qu'affiche un champ obligatoire sans réponse (jamais rempli à la place de la personne).
A_RENSEIGNER = "à renseigner"


@dataclass
class Message:
    gravite: str  # bloquant, a_renseigner (réponse obligatoire absente), avertissement, information
    texte: str
    suggestion: str | None = None
    regle: str | None = None
    references: list[str] = field(default_factory=list)

    @property
    def bloquant(self) -> bool:
        return self.gravite == "bloquant"

    def en_markdown(self) -> str:
        regle = f"**{self.regle}** — " if self.regle else ""
        texte = f"{regle}{md(sans_chemins(self.texte))}"
        if self.suggestion:
            texte += f"  \n**À faire :** {md(sans_chemins(self.suggestion))}"
        if self.references:
            texte += f"  \n*Références : {lier_markdown(', '.join(self.references))}*"
        return texte


_CHEMIN = re.compile(r"\s*\((?:[a-z_]+(?:\[\d+\])?\.)+[a-z_]+(?:\[\d+\])?\)")


def sans_chemins(texte: str) -> str:
    """« … masse salariale brute (formule.plafond.taux_masse_salariale). » → « … masse salariale brute. » : le
    chemin du format d'échange, utile en ligne de commande, n'est pas montré à l'écran (noms internes)."""
    return _CHEMIN.sub("", texte or "")


def _messages() -> dict[str, list[Message]]:
    return st.session_state.setdefault("_messages", {})


def nouveaux_messages() -> None:
    """Au début de chaque exécution : vide les messages, puis signale (bloquant) chaque saisie refusée."""
    st.session_state["_messages"] = {}
    st.session_state["_messages_affiches"] = set()
    _oublier_saisies_disparues()
    for chemin, saisie in saisies_invalides().items():
        signaler(chemin, Message("bloquant", saisie["message"]))


def signaler(chemin: str, message: Message) -> None:
    liste = _messages().setdefault(chemin, [])
    if all(m.texte != message.texte for m in liste):
        liste.append(message)


def messages_de(chemin: str) -> list[Message]:
    return list(_messages().get(chemin, []))


def tous_les_messages() -> dict[str, list[Message]]:
    return _messages()


def afficher_message(m: Message) -> None:
    if m.gravite == "a_renseigner":
        st.caption(f":orange[:material/edit_note: {md(m.texte)}]")
    elif m.gravite == "bloquant":
        st.error(m.en_markdown(), icon=":material/block:")
    elif m.gravite == "avertissement":
        st.warning(m.en_markdown(), icon=":material/warning:")
    else:
        st.info(m.en_markdown(), icon=":material/info:")


def afficher_messages(*chemins: str) -> None:
    """Les messages de ces chemins, sous le champ (une seule fois par exécution)."""
    deja = st.session_state.setdefault("_messages_affiches", set())
    for chemin in chemins:
        for m in _messages().get(chemin, []):
            cle = (chemin, m.texte)
            if cle in deja:
                continue
            deja.add(cle)
            afficher_message(m)


def _libelle(libelle: str, chemin: str, messages: bool = True) -> str:
    """Le libellé du widget, échappé ; s'il manque une réponse obligatoire à ce chemin, la mention « À renseigner »
    y est intégrée (lue avec le libellé par les lecteurs d'écran, un élément de moins qu'une légende dessous)."""
    etiquette = md(libelle)
    if not messages:
        return etiquette
    deja = st.session_state.setdefault("_messages_affiches", set())
    manques = [m for m in _messages().get(chemin, []) if m.gravite == "a_renseigner" and (chemin, m.texte) not in deja]
    if not manques:
        return etiquette
    for m in manques:
        deja.add((chemin, m.texte))
    return f"{etiquette} :orange[— {' '.join(md(m.texte) for m in manques)}]"


def messages_non_affiches(prefixes: Sequence[str]) -> list[Message]:
    deja = st.session_state.get("_messages_affiches", set())
    resultat = []
    for chemin, liste in _messages().items():
        if any(chemin == p or chemin.startswith(p) for p in prefixes):
            resultat += [m for m in liste if (chemin, m.texte) not in deja]
    return resultat


# ------------------------------------------------------------------------------------------ saisies refusées


SAISIES = "_saisies"  # clé du widget → contrôle à faire (chemin, genre, bornes, libellé)
RENDUS = "_saisies_rendues"  # (étape, clés des champs contrôlés affichés) lors de l'exécution précédente


def saisies_invalides() -> dict[str, dict[str, Any]]:
    """Chemin du brouillon → ``{"valeur": saisie gardée, "message": français, "cle": widget, "etape": code}``
    pour chaque saisie refusée (les documents restent fermés tant qu'il en reste : message bloquant)."""
    try:
        ui = etat.ui()
    except KeyError:
        return {}
    return ui.setdefault("saisies_invalides", {})


def _etape_de_cle(cle: str) -> str | None:
    return next((code for code in b.CODES_ETAPES if cle.startswith(code + "_")), None)


def _oublier_saisies_disparues() -> None:
    """Une saisie refusée d'un champ que l'étape n'affiche plus (réponse antérieure changée) est oubliée."""
    precedent = st.session_state.get(RENDUS)
    try:
        courante = etat.ui().get("etape")
    except KeyError:
        return
    if precedent and precedent[0] == courante:
        invalides = saisies_invalides()
        for chemin, saisie in list(invalides.items()):
            if saisie.get("etape") == courante and saisie.get("cle") not in precedent[1]:
                del invalides[chemin]
    st.session_state[RENDUS] = (courante, set())


def _noter_rendu(cle: str) -> None:
    rendus = st.session_state.get(RENDUS)
    if rendus is not None:
        rendus[1].add(cle)


def _oublier_saisies_sous(chemin: str) -> None:
    invalides = saisies_invalides()
    for ch in list(invalides):
        if ch == chemin or ch.startswith(chemin + "[") or ch.startswith(chemin + "."):
            del invalides[ch]


MOIS = {"janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
        "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "sep": 9, "octobre": 10,
        "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12}
FORMAT_DATE = "JJ/MM/AAAA"


class SaisieRefusee(ValueError):
    """Une saisie impossible à lire ou hors bornes ; le message est en français."""


def lire_date(texte: str) -> date | None:
    """« 01/01/2027 », « 1/1/2027 », « 01-01-2027 », « 01.01.2027 », « 2027-01-01 », « 1er janvier 2027 » → date ;
    vide → None. Lève ``SaisieRefusee`` (message français) sinon."""
    t = (texte or "").strip()
    if not t:
        return None
    brut = unicodedata.normalize("NFKD", t.lower())
    brut = "".join(ch for ch in brut if not unicodedata.combining(ch))
    m = re.fullmatch(r"(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2,4})", brut)
    if m:
        jour, mois, annee = (int(x) for x in m.groups())
        if len(m.group(3)) != 4:
            raise SaisieRefusee(f"« {t} » : écrivez l'année en entier (quatre chiffres), au format {FORMAT_DATE}.")
    elif m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", brut):
        annee, mois, jour = (int(x) for x in m.groups())
    elif m := re.fullmatch(r"(\d{1,2})\s*(?:er)?\s+([a-z]+)\.?\s+(\d{4})", brut):
        jour, annee = int(m.group(1)), int(m.group(3))
        mois = MOIS.get(m.group(2))
        if mois is None:
            raise SaisieRefusee(f"« {t} » : mois inconnu ; écrivez la date au format {FORMAT_DATE}, par exemple "
                                "01/01/2027.")
    else:
        raise SaisieRefusee(f"« {t} » n'est pas une date lisible : écrivez-la au format {FORMAT_DATE}, par exemple "
                            "01/01/2027.")
    if not 1 <= mois <= 12:
        raise SaisieRefusee(f"« {t} » : le mois doit aller de 1 à 12 (format {FORMAT_DATE}).")
    try:
        return date(annee, mois, jour)
    except ValueError:
        import calendar

        mois_nom = fmt.date_longue(date(max(annee, 1), mois, 1)).split(" ", 1)[1]
        raise SaisieRefusee(f"« {t} » : ce jour n'existe pas ({mois_nom} n'a que "
                            f"{calendar.monthrange(max(annee, 1), mois)[1]} jours).") from None


def _nombre_fr(v: float | int) -> str:
    return fmt.nombre(v, 6) if isinstance(v, float) and not float(v).is_integer() else fmt.nombre(int(v), 0)


def _verifier(spec: dict[str, Any], valeur: Any) -> Any:
    """La valeur pour le brouillon (forme du widget), ou ``SaisieRefusee``."""
    libelle = spec.get("libelle") or "Ce champ"
    genre = spec["genre"]
    if genre == "date":
        d = lire_date(valeur if isinstance(valeur, str) else "" if valeur is None else str(valeur))
        if d is None:
            return None
        mini, maxi = b.date_depuis_iso(spec.get("minimum")), b.date_depuis_iso(spec.get("maximum"))
        if (mini and d < mini) or (maxi and d > maxi):
            bornes = (f"entre le {fmt.date_longue(mini)} et le {fmt.date_longue(maxi)}" if mini and maxi else
                      f"au plus tôt le {fmt.date_longue(mini)}" if mini else f"au plus tard le {fmt.date_longue(maxi)}")
            raise SaisieRefusee(f"{libelle} : le {fmt.date_longue(d)} n'est pas possible ici ; indiquez une date "
                                f"{bornes}." + (f" {spec['explication']}" if spec.get("explication") else ""))
        return d
    if valeur is None:
        return None
    mini, maxi = spec.get("minimum"), spec.get("maximum")
    unite = spec.get("unite") or ""
    if (mini is not None and valeur < mini) or (maxi is not None and valeur > maxi):
        vu = f"« {_nombre_fr(valeur)}{unite} »"
        if mini is not None and maxi is not None:
            attendu = f"un nombre entre {_nombre_fr(mini)} et {_nombre_fr(maxi)}{unite}"
        elif mini is not None:
            attendu = "un nombre positif ou nul" if mini == 0 else f"un nombre d'au moins {_nombre_fr(mini)}{unite}"
        else:
            attendu = f"un nombre d'au plus {_nombre_fr(maxi)}{unite}"
        raise SaisieRefusee(f"{libelle} : {vu} n'est pas possible ici ; indiquez {attendu}."
                            + (f" {spec['explication']}" if spec.get("explication") else ""))
    return valeur


def _convertir(cle: str, conversion: str, valeur: Any) -> Any:
    """Conversion widget → brouillon d'un champ contrôlé : la saisie refusée est gardée à part, le brouillon reçoit
    ``None``. Appelée à chaque synchronisation (même quand un bouton change d'étape dans la même exécution)."""
    spec = st.session_state.get(SAISIES, {}).get(cle)
    if spec is None:
        return etat.CONVERSIONS[conversion](valeur)
    invalides = saisies_invalides()
    try:
        valide = _verifier(spec, valeur)
    except SaisieRefusee as exc:
        invalides[spec["chemin"]] = {"valeur": valeur, "message": str(exc), "cle": cle,
                                     "etape": _etape_de_cle(cle)}
        return None
    invalides.pop(spec["chemin"], None)
    return etat.CONVERSIONS[conversion](valide)


def _iso_ou_rien(v: Any) -> str | None:
    if isinstance(v, date):
        return v.isoformat()
    try:
        d = lire_date(v or "")
    except SaisieRefusee:
        return None
    return d.isoformat() if d else None


etat.CONVERSIONS.setdefault("date_texte", _iso_ou_rien)


def _controler(cle: str, chemin: str, genre: str, conversion: str, libelle: str, **bornes: Any) -> str:
    """Enregistre le contrôle du champ et renvoie le nom de sa conversion (une par clé de widget)."""
    st.session_state.setdefault(SAISIES, {})[cle] = {
        "chemin": chemin, "genre": genre, "libelle": libelle.split(" (")[0].rstrip(" :?"),
        **{k: (v.isoformat() if isinstance(v, date) else v) for k, v in bornes.items()}}
    nom = f"controle:{conversion}:{cle}"
    if nom not in etat.CONVERSIONS:
        etat.CONVERSIONS[nom] = functools.partial(_convertir, cle, conversion)
    _noter_rendu(cle)
    return nom


def _invalide(chemin: str) -> dict[str, Any] | None:
    return saisies_invalides().get(chemin)


# ------------------------------------------------------------------------------------------------ liaison


def _semer(cle: str, chemin: str, vers_widget: Callable[[Any], Any]) -> None:
    if cle not in st.session_state:
        refusee = _invalide(chemin)
        if refusee:
            st.session_state[cle] = refusee["valeur"]
            return
        try:
            st.session_state[cle] = vers_widget(etat.valeur(chemin))
        except (TypeError, ValueError, ArithmeticError):  # une valeur illisible d'un fichier repris : champ vide
            st.session_state[cle] = vers_widget(None)


def _garder(cle: str, chemin: str, conversion: str, valeur: Any, messages: bool) -> Any:
    etat.fixer(chemin, etat.CONVERSIONS[conversion](valeur))
    etat.lier(cle, chemin, conversion)
    if messages:
        afficher_messages(chemin)
    elif _invalide(chemin):
        m = Message("bloquant", _invalide(chemin)["message"])
        if (chemin, m.texte) not in st.session_state.setdefault("_messages_affiches", set()):
            st.session_state["_messages_affiches"].add((chemin, m.texte))
            afficher_message(m)
    return valeur


def texte(cle: str, chemin: str, libelle: str, *, aide: str | None = None, zone: bool = False,
          vide_devient_rien: bool = True, placeholder: str | None = None, hauteur: int | None = None,
          messages: bool = True, max_chars: int | None = 2000) -> str:
    _semer(cle, chemin, lambda v: "" if v is None else str(v))
    if zone:
        v = st.text_area(_libelle(libelle, chemin, messages), key=cle, help=aide, placeholder=placeholder, height=hauteur, max_chars=max_chars)
    else:
        v = st.text_input(_libelle(libelle, chemin, messages), key=cle, help=aide, placeholder=placeholder, max_chars=max_chars)
    return _garder(cle, chemin, "texte_ou_rien" if vide_devient_rien else "texte", v, messages)


def lignes(cle: str, chemin: str, libelle: str, *, aide: str | None = None, messages: bool = True) -> list[str]:
    """Une liste de textes saisie une par ligne."""
    _semer(cle, chemin, lambda v: "\n".join(v or []))
    v = st.text_area(_libelle(libelle, chemin, messages), key=cle, help=aide, height=90)
    _garder(cle, chemin, "lignes", v, messages)
    return etat.CONVERSIONS["lignes"](v)


def entier(cle: str, chemin: str, libelle: str, *, minimum: int | None = 0, maximum: int | None = None,
           pas: int = 1, aide: str | None = None, messages: bool = True, desactive: bool = False,
           defaut: int | None = 0, facultatif: bool = False, explication: str | None = None) -> int | None:
    """Un nombre entier ; les bornes sont contrôlées ici (message français sous le champ), pas par Streamlit.
    ``facultatif=True`` (ou ``defaut=None``) : champ vide (« à renseigner ») tant que le brouillon n'a pas de valeur."""
    conversion = _controler(cle, chemin, "nombre", "entier", libelle, minimum=minimum, maximum=maximum,
                            explication=explication)

    def vers(v: Any) -> int | None:
        if v is None:
            return None if facultatif else defaut
        return int(v)

    _semer(cle, chemin, vers)
    v = st.number_input(_libelle(libelle, chemin, messages), key=cle, step=pas, help=aide, disabled=desactive,
                        placeholder=A_RENSEIGNER if facultatif or defaut is None else None)
    return _garder(cle, chemin, conversion, v, messages)


def euros(cle: str, chemin: str, libelle: str, *, minimum: int | None = 0, pas: int = 1000,
          aide: str | None = None, facultatif: bool = False, messages: bool = True,
          afficher_montant: bool = True, placeholder: str | None = None, maximum: int | None = None) -> int | None:
    """Un montant saisi en euros entiers, gardé en centimes dans le brouillon."""
    conversion = _controler(cle, chemin, "nombre", "euros", libelle, minimum=minimum, maximum=maximum,
                            unite=" €")
    _semer(cle, chemin, lambda v: (None if facultatif else 0) if v is None else b.euros_depuis_centimes(v))
    v = st.number_input(_libelle(libelle, chemin, messages), key=cle, step=pas, help=aide,
                        placeholder=(placeholder or "aucun") if facultatif else None)
    if afficher_montant and v is not None and abs(v) >= 1000:
        st.caption(f"soit {fmt.montant(int(v) * 100)}")
    return _garder(cle, chemin, conversion, v, messages)


def pourcentage(cle: str, chemin: str, libelle: str, *, minimum: float = 0.0, maximum: float = 100.0,
                pas: float = 0.5, aide: str | None = None, facultatif: bool = False,
                messages: bool = True, placeholder: str | None = None) -> float | None:
    """Un taux saisi en pourcentage (20 pour 20 %), gardé en taux (0.2) dans le brouillon."""
    conversion = _controler(cle, chemin, "nombre", "pourcentage", libelle, minimum=minimum, maximum=maximum,
                            unite=" %")
    _semer(cle, chemin, lambda v: (None if facultatif else 0.0) if v is None else b.pourcentage_depuis_taux(v))
    v = st.number_input(_libelle(libelle, chemin, messages), key=cle, step=pas, format="%g", help=aide,
                        placeholder=(placeholder or "aucun") if facultatif else None)
    return _garder(cle, chemin, conversion, v, messages)


def nombre_decimal(cle: str, chemin: str, libelle: str, *, aide: str | None = None, messages: bool = True,
                   pas: float = 1.0, facultatif: bool = False, placeholder: str | None = None) -> float | None:
    """Un nombre décimal libre (valeur d'un indicateur en %, en nombre…)."""
    _semer(cle, chemin, lambda v: (None if facultatif else 0.0) if v is None else float(v))
    v = st.number_input(_libelle(libelle, chemin, messages), key=cle, step=pas, format="%g", help=aide,
                        placeholder=(placeholder or A_RENSEIGNER) if facultatif else None)
    return _garder(cle, chemin, "nombre", v, messages)


def date_(cle: str, chemin: str, libelle: str, *, aide: str | None = None, facultatif: bool = False,
          messages: bool = True, minimum: date | None = None, maximum: date | None = None,
          explication: str | None = None) -> date | None:
    """Une date saisie au format JJ/MM/AAAA dans un champ texte (le calendrier de Streamlit est en anglais),
    lue ici ; sous le champ, la date en toutes lettres ou le message qui dit quoi corriger.

    Vide : ``None`` dans le brouillon (« à renseigner » si la date est obligatoire ; jamais la date du jour).
    ``minimum``/``maximum`` : bornes contrôlées ici, ``explication`` complète leur message (années modélisées…).
    """
    conversion = _controler(cle, chemin, "date", "date_texte", libelle, minimum=minimum, maximum=maximum,
                            explication=explication)

    def vers(v: Any) -> str:
        d = b.date_depuis_iso(v)
        return d.strftime("%d/%m/%Y") if d else ""

    _semer(cle, chemin, vers)
    if not isinstance(st.session_state.get(cle), str):  # ancienne valeur d'un st.date_input
        st.session_state[cle] = vers(st.session_state.get(cle))
    v = st.text_input(_libelle(libelle, chemin, messages), key=cle, help=aide, placeholder=FORMAT_DATE, max_chars=40)
    _garder(cle, chemin, conversion, v, messages)
    d = b.date_depuis_iso(etat.valeur(chemin))
    if d is not None:
        st.caption(fmt.date_longue(d))
    return d


def case(cle: str, chemin: str, libelle: str, *, aide: str | None = None, messages: bool = True,
         desactive: bool = False, bascule: bool = False) -> bool:
    _semer(cle, chemin, lambda v: bool(v))
    fonction = st.toggle if bascule else st.checkbox
    v = fonction(_libelle(libelle, chemin, messages), key=cle, help=aide, disabled=desactive)
    return _garder(cle, chemin, "booleen", v, messages)


def choix(cle: str, chemin: str, libelle: str, options: Mapping[Any, str], *, aide: str | None = None,
          radio: bool = False, horizontal: bool = False, messages: bool = True, captions: list[str] | None = None,
          defaut: Any = None, aucun: bool = False) -> Any:
    """Un choix dans une liste. ``aucun=True`` : rien n'est choisi tant que la personne n'a pas répondu."""
    codes = list(options)

    def vers(v: Any) -> Any:
        if v in codes:
            return v
        if aucun:
            return None
        return defaut if defaut in codes else codes[0]

    _semer(cle, chemin, vers)
    if st.session_state.get(cle) not in codes and not (aucun and st.session_state.get(cle) is None):
        st.session_state[cle] = vers(None)
    index = None if aucun else 0
    if radio:
        # Les options et légendes d'un bouton radio sont du Markdown pour Streamlit (pas celles d'une liste).
        v = st.radio(_libelle(libelle, chemin, messages), codes, key=cle, format_func=lambda c: md(options[c]), help=aide, horizontal=horizontal,
                     captions=[md(x) for x in captions] if captions else None, index=index)
    else:
        v = st.selectbox(_libelle(libelle, chemin, messages), codes, key=cle, format_func=lambda c: options[c], help=aide, index=index,
                         placeholder="Choisissez…")
    return _garder(cle, chemin, "identite", v, messages)


def oui_non(cle: str, chemin: str, libelle: str, *, aide: str | None = None, messages: bool = True,
            oui: str = "Oui", non: str = "Non") -> bool | None:
    """Une question fermée sans réponse par défaut (``None`` tant que la personne n'a pas choisi)."""
    return choix(cle, chemin, libelle, {True: oui, False: non}, aide=aide, radio=True, horizontal=True,
                 messages=messages, aucun=True)


def plusieurs(cle: str, chemin: str, libelle: str, options: Mapping[str, str], *, aide: str | None = None,
              messages: bool = True, placeholder: str = "Choisissez…") -> list[str]:
    codes = list(options)
    _semer(cle, chemin, lambda v: [c for c in (v or []) if c in codes])
    v = st.multiselect(_libelle(libelle, chemin, messages), codes, key=cle, format_func=lambda c: options[c], help=aide,
                       placeholder=placeholder)
    return _garder(cle, chemin, "liste", v, messages)


# ------------------------------------------------------------------------------------------ listes de lignes


def _ajouter_ligne(prefixe: str, chemin: str, nouvelle: Callable[[], dict[str, Any]]) -> None:
    etat.synchroniser()
    liste = etat.valeur(chemin) or []
    liste.append(nouvelle())
    etat.fixer(chemin, liste)
    etat.oublier_widgets(prefixe + "_")
    _oublier_saisies_sous(chemin)


def _supprimer_ligne(prefixe: str, chemin: str, indice: int) -> None:
    etat.synchroniser()
    liste = etat.valeur(chemin) or []
    if 0 <= indice < len(liste):
        del liste[indice]
    etat.fixer(chemin, liste)
    etat.oublier_widgets(prefixe + "_")
    _oublier_saisies_sous(chemin)


def lignes_editables(prefixe: str, chemin: str, rendu: Callable[[int, str], None],
                     nouvelle: Callable[[], dict[str, Any]], *, libelle_ajout: str, maximum: int = 50,
                     minimum: int = 0, largeurs: Sequence[float] | None = None) -> list[dict[str, Any]]:
    """Une liste du brouillon, une ligne de widgets par élément, avec « Ajouter » et « Supprimer ».

    ``rendu(i, base)`` affiche les champs de la ligne ``i`` (``base`` = chemin de l'élément, clé = préfixe_i_…).
    """
    liste = etat.valeur(chemin)
    if liste is None:
        liste = []
        etat.fixer(chemin, liste)
    for i in range(len(liste)):
        colonnes = st.columns(largeurs or [10, 2], vertical_alignment="bottom")
        with colonnes[0]:
            rendu(i, f"{chemin}[{i}]")
        with colonnes[-1]:
            st.button("Supprimer", icon=":material/close:", key=f"{prefixe}_{i}_supprimer",
                      help="Supprimer cette ligne",
                      on_click=_supprimer_ligne, args=(prefixe, chemin, i), disabled=len(liste) <= minimum)
    if len(liste) < maximum:
        st.button(libelle_ajout, key=f"{prefixe}_ajouter", icon=":material/add:", on_click=_ajouter_ligne,
                  args=(prefixe, chemin, nouvelle))
    return liste
