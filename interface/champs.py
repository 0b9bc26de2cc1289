"""Les champs de l'assistant : un widget Streamlit lié à un chemin du brouillon, avec ses messages à côté.

Chaque fonction :
1. réensemence la clé du widget depuis le brouillon si elle est absente (étape affichée de nouveau, brouillon
   remplacé) ;
2. affiche le widget (jamais de ``value=`` : la clé suffit) ;
3. écrit la valeur convertie dans le brouillon et enregistre la liaison (pour ``etat.synchroniser``) ;
4. affiche, juste sous le champ, les messages qui visent ce chemin (saisie invalide, contrôle de l'étape,
   constats du validateur).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import streamlit as st

from interessement import format as fmt
from interessement.references import lier_markdown

from . import brouillon as b
from . import etat

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
        texte = f"{regle}{self.texte}"
        if self.suggestion:
            texte += f"  \n**À faire :** {self.suggestion}"
        if self.references:
            texte += f"  \n*Références : {lier_markdown(', '.join(self.references))}*"
        return texte


def _messages() -> dict[str, list[Message]]:
    return st.session_state.setdefault("_messages", {})


def nouveaux_messages() -> None:
    st.session_state["_messages"] = {}
    st.session_state["_messages_affiches"] = set()


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
        st.caption(f":orange[:material/edit_note: {m.texte}]")
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


def messages_non_affiches(prefixes: Sequence[str]) -> list[Message]:
    deja = st.session_state.get("_messages_affiches", set())
    resultat = []
    for chemin, liste in _messages().items():
        if any(chemin == p or chemin.startswith(p) for p in prefixes):
            resultat += [m for m in liste if (chemin, m.texte) not in deja]
    return resultat


# ------------------------------------------------------------------------------------------------ liaison


def _semer(cle: str, chemin: str, vers_widget: Callable[[Any], Any]) -> None:
    if cle not in st.session_state:
        try:
            st.session_state[cle] = vers_widget(etat.valeur(chemin))
        except (TypeError, ValueError, ArithmeticError):  # une valeur illisible d'un fichier repris : champ vide
            st.session_state[cle] = vers_widget(None)


def _garder(cle: str, chemin: str, conversion: str, valeur: Any, messages: bool) -> Any:
    etat.fixer(chemin, etat.CONVERSIONS[conversion](valeur))
    etat.lier(cle, chemin, conversion)
    if messages:
        afficher_messages(chemin)
    return valeur


def texte(cle: str, chemin: str, libelle: str, *, aide: str | None = None, zone: bool = False,
          vide_devient_rien: bool = True, placeholder: str | None = None, hauteur: int | None = None,
          messages: bool = True, max_chars: int | None = 2000) -> str:
    _semer(cle, chemin, lambda v: "" if v is None else str(v))
    if zone:
        v = st.text_area(libelle, key=cle, help=aide, placeholder=placeholder, height=hauteur, max_chars=max_chars)
    else:
        v = st.text_input(libelle, key=cle, help=aide, placeholder=placeholder, max_chars=max_chars)
    return _garder(cle, chemin, "texte_ou_rien" if vide_devient_rien else "texte", v, messages)


def lignes(cle: str, chemin: str, libelle: str, *, aide: str | None = None, messages: bool = True) -> list[str]:
    """Une liste de textes saisie une par ligne."""
    _semer(cle, chemin, lambda v: "\n".join(v or []))
    v = st.text_area(libelle, key=cle, help=aide, height=90)
    _garder(cle, chemin, "lignes", v, messages)
    return etat.CONVERSIONS["lignes"](v)


def entier(cle: str, chemin: str, libelle: str, *, minimum: int | None = 0, maximum: int | None = None,
           pas: int = 1, aide: str | None = None, messages: bool = True, desactive: bool = False,
           defaut: int = 0, facultatif: bool = False) -> int | None:
    def vers(v: Any) -> int | None:
        if v is None and facultatif:
            return None
        v = defaut if v is None else int(v)
        if minimum is not None:
            v = max(v, minimum)
        if maximum is not None:
            v = min(v, maximum)
        return v

    _semer(cle, chemin, vers)
    v = st.number_input(libelle, key=cle, min_value=minimum, max_value=maximum, step=pas, help=aide,
                        disabled=desactive, placeholder=A_RENSEIGNER if facultatif else None)
    return _garder(cle, chemin, "entier", v, messages)


def euros(cle: str, chemin: str, libelle: str, *, minimum: int | None = 0, pas: int = 1000,
          aide: str | None = None, facultatif: bool = False, messages: bool = True,
          afficher_montant: bool = True, placeholder: str | None = None) -> int | None:
    """Un montant saisi en euros entiers, gardé en centimes dans le brouillon."""
    _semer(cle, chemin, lambda v: (None if facultatif else 0) if v is None else b.euros_depuis_centimes(v))
    v = st.number_input(libelle, key=cle, min_value=minimum, step=pas, help=aide,
                        placeholder=(placeholder or "aucun") if facultatif else None)
    if afficher_montant and v is not None and abs(v) >= 1000:
        st.caption(f"soit {fmt.montant(int(v) * 100)}")
    return _garder(cle, chemin, "euros", v, messages)


def pourcentage(cle: str, chemin: str, libelle: str, *, minimum: float = 0.0, maximum: float = 100.0,
                pas: float = 0.5, aide: str | None = None, facultatif: bool = False,
                messages: bool = True, placeholder: str | None = None) -> float | None:
    """Un taux saisi en pourcentage (20 pour 20 %), gardé en taux (0.2) dans le brouillon."""
    _semer(cle, chemin, lambda v: (None if facultatif else 0.0) if v is None else b.pourcentage_depuis_taux(v))
    v = st.number_input(libelle, key=cle, min_value=minimum, max_value=maximum, step=pas, format="%g",
                        help=aide, placeholder=(placeholder or "aucun") if facultatif else None)
    return _garder(cle, chemin, "pourcentage", v, messages)


def nombre_decimal(cle: str, chemin: str, libelle: str, *, aide: str | None = None, messages: bool = True,
                   pas: float = 1.0, facultatif: bool = False, placeholder: str | None = None) -> float | None:
    """Un nombre décimal libre (valeur d'un indicateur en %, en nombre…)."""
    _semer(cle, chemin, lambda v: (None if facultatif else 0.0) if v is None else float(v))
    v = st.number_input(libelle, key=cle, step=pas, format="%g", help=aide,
                        placeholder=(placeholder or A_RENSEIGNER) if facultatif else None)
    return _garder(cle, chemin, "nombre", v, messages)


def date_(cle: str, chemin: str, libelle: str, *, aide: str | None = None, facultatif: bool = False,
          messages: bool = True, minimum: date | None = None, maximum: date | None = None) -> date | None:
    def vers(v: Any) -> date | None:
        d = b.date_depuis_iso(v)
        return d if d is not None or facultatif else etat.aujourd_hui()

    _semer(cle, chemin, vers)
    v = st.date_input(libelle, key=cle, help=aide, format="DD/MM/YYYY",
                      min_value=minimum or date(2000, 1, 1), max_value=maximum or date(2100, 12, 31))
    if isinstance(v, tuple):  # jamais en mode plage, par sécurité
        v = v[0] if v else None
    if v is not None:
        st.caption(fmt.date_longue(v))
    return _garder(cle, chemin, "date", v, messages)


def case(cle: str, chemin: str, libelle: str, *, aide: str | None = None, messages: bool = True,
         desactive: bool = False, bascule: bool = False) -> bool:
    _semer(cle, chemin, lambda v: bool(v))
    fonction = st.toggle if bascule else st.checkbox
    v = fonction(libelle, key=cle, help=aide, disabled=desactive)
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
        v = st.radio(libelle, codes, key=cle, format_func=lambda c: options[c], help=aide, horizontal=horizontal,
                     captions=captions, index=index)
    else:
        v = st.selectbox(libelle, codes, key=cle, format_func=lambda c: options[c], help=aide, index=index,
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
    v = st.multiselect(libelle, codes, key=cle, format_func=lambda c: options[c], help=aide,
                       placeholder=placeholder)
    return _garder(cle, chemin, "liste", v, messages)


# ------------------------------------------------------------------------------------------ listes de lignes


def _ajouter_ligne(prefixe: str, chemin: str, nouvelle: Callable[[], dict[str, Any]]) -> None:
    etat.synchroniser()
    liste = etat.valeur(chemin) or []
    liste.append(nouvelle())
    etat.fixer(chemin, liste)
    etat.oublier_widgets(prefixe + "_")


def _supprimer_ligne(prefixe: str, chemin: str, indice: int) -> None:
    etat.synchroniser()
    liste = etat.valeur(chemin) or []
    if 0 <= indice < len(liste):
        del liste[indice]
    etat.fixer(chemin, liste)
    etat.oublier_widgets(prefixe + "_")


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
        colonnes = st.columns(largeurs or [12, 1], vertical_alignment="bottom")
        with colonnes[0]:
            rendu(i, f"{chemin}[{i}]")
        with colonnes[-1]:
            st.button(":material/close:", key=f"{prefixe}_{i}_supprimer", help="Supprimer cette ligne",
                      on_click=_supprimer_ligne, args=(prefixe, chemin, i), disabled=len(liste) <= minimum)
    if len(liste) < maximum:
        st.button(libelle_ajout, key=f"{prefixe}_ajouter", icon=":material/add:", on_click=_ajouter_ligne,
                  args=(prefixe, chemin, nouvelle))
    return liste
