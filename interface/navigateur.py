"""Retrouver un brouillon : ce que garde le navigateur de la personne, pas le serveur.

- La liste des brouillons de ce navigateur (jeton et nom de l'entreprise, date de la dernière modification ;
  jamais de données de salariés) est dans un cookie de ce navigateur (``interessement_brouillons``), écrit par un
  petit script de la page. Le serveur le lit au début de la visite (``st.context.cookies``) pour proposer de
  reprendre ; il n'en garde aucune liste : chacun ne voit que les brouillons de son propre navigateur.
- Le texte tapé dans un champ mais pas encore validé (la page prend une saisie en compte en quittant le champ)
  est gardé dans le ``localStorage`` du navigateur, sous le jeton du brouillon, et remis dans son champ après un
  rechargement. Il ne concerne que les champs de texte de l'assistant : le fichier des salariés n'y passe jamais.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from urllib.parse import unquote

import streamlit as st

from interessement import format as fmt

from . import etat
from .echappement import json_dans_script, md
from .fenetres import fenetre
from .stockage import jeton_valide

COOKIE = "interessement_brouillons"
CLE = "_brouillons_navigateur"
MAXIMUM = 20


def _lire_cookie() -> list[dict[str, str]]:
    try:
        brut = st.context.cookies.get(COOKIE)
    except Exception:  # noqa: BLE001 - hors d'un vrai navigateur (tests), pas de cookie
        return []
    return lire_liste(brut)


def lire_liste(brut: Any) -> list[dict[str, str]]:
    """Le contenu du cookie, validé : au plus ``MAXIMUM`` entrées {j: jeton, n: nom, d: date ISO}."""
    if not isinstance(brut, str) or not brut:
        return []
    try:
        donnees = json.loads(unquote(brut))
    except ValueError:
        return []
    resultat = []
    for x in donnees if isinstance(donnees, list) else []:
        if isinstance(x, dict) and jeton_valide(x.get("j")):
            resultat.append({"j": x["j"], "n": str(x.get("n") or "")[:80], "d": str(x.get("d") or "")[:10]})
    return resultat[:MAXIMUM]


def liste() -> list[dict[str, str]]:
    if CLE not in st.session_state:
        st.session_state[CLE] = _lire_cookie()
    return st.session_state[CLE]


def mettre_a_jour(entrees: list[dict[str, str]], jeton: str, nom: str, jour: str) -> list[dict[str, str]]:
    """La liste avec ce brouillon en tête (nom et date à jour), sans doublon, bornée."""
    autres = [x for x in entrees if x.get("j") != jeton]
    return ([{"j": jeton, "n": nom[:80], "d": jour}] + autres)[:MAXIMUM]


SCRIPT = """
<script>
(function () {
  var liste = %(liste)s, jeton = %(jeton)s, secret = %(secret)s;
  try {
    document.cookie = "%(cookie)s=" + encodeURIComponent(JSON.stringify(liste)) +
      "; path=/; max-age=31536000; SameSite=Strict";
    // Le secret de ce navigateur : sans lui, ses brouillons ne s'ouvrent pas (voir interface.stockage).
    if (document.cookie.indexOf("%(cookie_secret)s=" + secret) < 0) {
      document.cookie = "%(cookie_secret)s=" + secret + "; path=/; max-age=31536000; SameSite=Strict";
    }
  } catch (e) {}
  var cle = "interessement_saisie_" + jeton;
  function lire() { try { return JSON.parse(localStorage.getItem(cle) || "{}"); } catch (e) { return {}; } }
  function ecrire(o) {
    try { if (Object.keys(o).length) localStorage.setItem(cle, JSON.stringify(o)); else localStorage.removeItem(cle); }
    catch (e) {}
  }
  function cleWidget(el) {
    var c = el.closest("[class*='st-key-']");
    if (!c) return null;
    var k = Array.prototype.find.call(c.classList, function (x) { return x.indexOf("st-key-") === 0; });
    return k ? k.slice(7) : null;
  }
  function champ(el) { return el && el.matches && el.matches("input[type='text'], textarea"); }
  window.__interessementJeton = jeton;
  if (window.__interessementSaisie) return;
  window.__interessementSaisie = true;
  // Chaque frappe est gardée ; quitter le champ la fait prendre en compte par la page, on l'oublie alors.
  document.addEventListener("input", function (ev) {
    var el = ev.target, k = champ(el) && cleWidget(el);
    if (!k || el.dataset.interessementRestaure) return;
    cle = "interessement_saisie_" + window.__interessementJeton;
    var o = lire(); o[k] = el.value; ecrire(o);
  }, true);
  document.addEventListener("focusout", function (ev) {
    var el = ev.target, k = champ(el) && cleWidget(el);
    if (!k) return;
    var valeur = el.value;
    setTimeout(function () { var o = lire(); if (o[k] === valeur) { delete o[k]; ecrire(o); } }, 1500);
  }, true);
  // Après un rechargement : la saisie non validée revient dans son champ, et la page la prend en compte.
  var setter = {
    INPUT: Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set,
    TEXTAREA: Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set
  };
  setInterval(function () {
    cle = "interessement_saisie_" + window.__interessementJeton;
    var o = lire();
    Object.keys(o).forEach(function (k) {
      var el = document.querySelector(".st-key-" + CSS.escape(k) + " input[type='text'], .st-key-" +
                                      CSS.escape(k) + " textarea");
      if (!el || el === document.activeElement) return;
      if (el.value === o[k]) { delete o[k]; ecrire(o); return; }
      el.dataset.interessementRestaure = "1";
      setter[el.tagName].call(el, o[k]);
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.focus();
      el.blur();
      delete el.dataset.interessementRestaure;
    });
  }, 1000);
})();
</script>
"""


def memoriser(jeton: str, accord: dict[str, Any], secret: str, *, enregistre: bool = True) -> None:
    """Garde ce brouillon dans la liste du navigateur (dès qu'il a un nom et une ligne en base), le secret du
    navigateur dans son cookie, et installe la garde des saisies."""
    nom = ((accord.get("entreprise") or {}).get("raison_sociale") or "").strip()
    entrees = liste()
    if nom and enregistre:
        jour = date.today().isoformat()
        premiere = entrees[0] if entrees else {}
        if premiere.get("j") != jeton or premiere.get("n") != nom[:80] or premiere.get("d") != jour:
            entrees = mettre_a_jour(entrees, jeton, nom, jour)
            st.session_state[CLE] = entrees
    # Le nom vient de la personne (ou d'un brouillon partagé par son adresse) : « </script> » ne doit pas fermer
    # la balise (json_dans_script).
    script = SCRIPT % {"liste": json_dans_script(entrees), "jeton": json_dans_script(jeton),
                       "secret": json_dans_script(secret), "cookie": COOKIE, "cookie_secret": etat.COOKIE_SECRET}
    with st.sidebar:
        st.html(script, unsafe_allow_javascript=True, width="content")


def _reprendre(jeton: str) -> None:
    if not etat.reprendre(jeton):
        st.session_state[CLE] = [x for x in liste() if x.get("j") != jeton]
        st.session_state["outil_message"] = ("erreur", "Ce brouillon n'est plus enregistré sur ce serveur ; il a été "
                                                       "retiré de la liste de ce navigateur.")
        return
    st.session_state["outil_message"] = ("succes", "Brouillon repris.")


def _oublier(jeton: str) -> None:
    st.session_state[CLE] = [x for x in liste() if x.get("j") != jeton]


def _date(x: dict[str, str]) -> str:
    try:
        return fmt.date_longue(date.fromisoformat(x.get("d") or ""))
    except ValueError:
        return "date inconnue"


EXPLICATION = (
    "**Comment retrouver un brouillon ?** Il est enregistré automatiquement à chaque modification, sous l'adresse "
    "de cette page (elle se termine par « ?brouillon=… ») : gardez-la dans vos favoris. Elle ne s'ouvre que sur ce "
    "navigateur ; pour confier le brouillon à quelqu'un, créez un lien de partage (« Partager ce brouillon »). "
    "Ce navigateur se souvient aussi de vos "
    "brouillons (leur adresse et le nom de l'entreprise, jamais les salariés) et vous les propose ici. Pour en "
    "garder une copie chez vous, ou le reprendre sur un autre ordinateur, téléchargez le **fichier du brouillon "
    "(JSON)** dans la barre latérale : il se recharge au même endroit."
)


def proposer_reprise() -> None:
    """Sur la première page d'un brouillon encore vierge : reprendre un brouillon de ce navigateur."""
    jeton = etat.etat()["jeton"]
    autres = [x for x in liste() if x.get("j") != jeton]
    vierge = not ((etat.accord().get("entreprise") or {}).get("raison_sociale") or "").strip()
    if not vierge:
        return
    with st.container(border=True, key="entreprise_reprise"):
        if autres:
            st.markdown("**Reprendre un brouillon commencé sur ce navigateur**")
            for i, x in enumerate(autres[:8]):
                col1, col2 = st.columns([4, 1], vertical_alignment="center")
                col1.markdown(f"{md(x.get('n') or 'Sans nom')} — modifié le {_date(x)}")
                col2.button("Reprendre", key=f"entreprise_reprendre_{i}", on_click=_reprendre, args=(x["j"],),
                            icon=":material/restore:", width="stretch")
        st.caption(EXPLICATION)


def liste_laterale() -> None:
    """Dans la barre latérale : les brouillons de ce navigateur, à reprendre ou à oublier."""
    jeton = etat.etat()["jeton"]
    autres = [x for x in liste() if x.get("j") != jeton]
    conteneur, ouverte = fenetre(f"Vos autres brouillons sur ce navigateur ({len(autres)})", "fenetre_brouillons",
                                 icone=":material/history:")
    if not ouverte:
        return
    with conteneur:
        st.caption(EXPLICATION)
        if not autres:
            st.markdown("Aucun autre brouillon sur ce navigateur pour l'instant.")
        for i, x in enumerate(autres):
            col1, col2, col3 = st.columns([3, 1, 1], vertical_alignment="center")
            col1.markdown(f"{md(x.get('n') or 'Sans nom')}  \n:gray[modifié le {_date(x)}]")
            col2.button("Reprendre", key=f"outil_reprendre_navigateur_{i}", on_click=_reprendre, args=(x["j"],))
            col3.button("Oublier", key=f"outil_oublier_navigateur_{i}", on_click=_oublier, args=(x["j"],),
                        help="Retire ce brouillon de la liste de ce navigateur (il reste accessible par son adresse).")
