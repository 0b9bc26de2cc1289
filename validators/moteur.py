"""Le point d'entrée : ``valider(accord, date_reference=None, versement=None, document=None) -> Rapport``.

Toutes les règles sont appliquées (jamais d'arrêt au premier problème). Une règle qui lève une exception devient
un résultat enregistré dans ``Rapport.regles_en_erreur`` — jamais un plantage du rapport.

Faits lus dans un texte : ``valider(accord, faits_inconnus={"beneficiaires.anciennete", ...})`` dit quels champs
de l'accord n'ont pas été établis (l'accord porte à leur place des valeurs par défaut, qui ne prouvent rien).
Une règle qui lit l'un de ces champs ne conclut alors ni « conforme » ni « non applicable » : ses constats qui
reposent sur un fait inconnu et son silence deviennent des points « à vérifier », avec ce qu'il faut chercher.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date

from interessement import parametres
from interessement.erreurs import ErreurEntree
from interessement.integrite import ControleDocument
from interessement.modele import Accord, Versement
from interessement.parametres import HorsPeriodeModelisee

from .contexte import Contexte
from .ids import IDS_REGLES
from .registre import REGISTRE, AVerifier, DonneeManquante, NonApplicable, Regle, Trouve, Verifier
from .resultats import (
    ENTREE_MANQUANTE,
    ERREUR_INTERNE,
    HORS_PERIODE,
    Constat,
    PointAVerifier,
    Rapport,
    RegleEcartee,
    valeur_parametre_fr,
)

_RAISONS_BESOIN = {
    "versement": "aucun versement fourni",
    "document": "aucun document .docx contrôlé",
}


@functools.cache
def _toutes() -> tuple[Regle, ...]:
    from . import (  # noqa: F401 - l'import enregistre les règles
        beneficiaires,
        durees_delais,
        formule,
        mise_en_place,
        plafonds,
        repartition,
        versement_information,
    )

    return tuple(REGISTRE[i] for i in IDS_REGLES if i in REGISTRE)


def regles() -> list[Regle]:
    """Les règles enregistrées, dans l'ordre de REGLES.md."""
    return list(_toutes())


def date_reference_par_defaut(accord: Accord) -> date:
    """La date de dépôt de l'accord, à défaut sa date de conclusion (jamais la date du jour)."""
    return accord.depot.date_depot or accord.mise_en_place.date_conclusion


@functools.lru_cache(maxsize=8192)
def _utilise(nom: str, d: date) -> tuple[tuple[str, str], ...]:
    """Trace d'un paramètre utilisé : la valeur brute (machine) et sa forme française (``valeur_texte``)."""
    trace = parametres.utilise(nom, d)
    trace["valeur_texte"] = valeur_parametre_fr(parametres.parametre(nom).unite, parametres.value_at(nom, d))
    return tuple(trace.items())


def _chemins(t: Trouve | Verifier) -> list[str]:
    return [t.chemin] if isinstance(t.chemin, str) else list(t.chemin)


def _traces(prm: list[tuple[str, date]]) -> list[dict[str, str]]:
    utilises = []
    for nom, d in prm:
        try:
            utilises.append(dict(_utilise(nom, d)))
        except HorsPeriodeModelisee:
            pass
    return utilises


def _recouvre(a: str, b: str) -> bool:
    """Deux chemins du format se recouvrent si l'un est l'autre ou le contient (« a.b » et « a.b[0].c »)."""
    if a == b:
        return True
    court, long_ = (a, b) if len(a) < len(b) else (b, a)
    return long_.startswith(court) and long_[len(court)] in ".["


def _inconnus_parmi(chemins: list[str] | tuple[str, ...], inconnus: frozenset[str]) -> list[str]:
    return [c for c in chemins if any(_recouvre(c, i) for i in inconnus)]


def _point(r: Regle, v: Verifier) -> PointAVerifier:
    return PointAVerifier(
        id=r.id, titre=r.titre, severite=v.severite or r.severite, portee=v.portee or r.portee,
        message=v.message, a_chercher=v.a_chercher or r.a_chercher, references=list(r.references),
        chemin=_chemins(v), parametres=_traces(v.parametres),
    )


def _constat(r: Regle, t: Trouve) -> Constat:
    chemin = _chemins(t)
    utilises = _traces(t.parametres)
    return Constat(
        id=r.id, titre=r.titre, severite=t.severite or r.severite, portee=t.portee or r.portee,
        message=t.message, references=list(r.references), chemin=chemin, observe=t.observe, attendu=t.attendu,
        parametres=utilises, suggestion=t.suggestion, periode=t.periode, beneficiaire=t.beneficiaire,
        montant_centimes=t.montant_centimes,
    )


def valider(
    accord: Accord,
    date_reference: date | None = None,
    versement: Versement | None = None,
    document: ControleDocument | None = None,
    *,
    ids: set[str] | None = None,
    simulation: bool = True,
    faits_inconnus: Iterable[str] | None = None,
    texte_lu: bool = False,
) -> Rapport:
    """Applique toutes les règles (ou celles de ``ids``) à l'accord, au versement et au document éventuels.

    ``date_reference`` : la date à laquelle on se place (dépôt non encore fait, dernières valeurs connues,
    obligation de partage de la valeur) ; par défaut la date de dépôt de l'accord, ou sa date de conclusion.
    ``simulation=False`` : ALEA_FAIBLE se contente du back-test, sans Monte-Carlo (lots volumineux).
    ``faits_inconnus`` : chemins du format d'échange non établis (faits non lus dans un texte) ; les règles qui en
    dépendent donnent des points « à vérifier » (voir le module).
    ``texte_lu=True`` : l'accord a été lu dans un texte écrit ailleurs ; sinon ce sont les données dont ce logiciel
    rédige l'accord, et les clauses que ses modèles écrivent toujours (la limite de L3314-8) en font partie.
    """
    d = date_reference or date_reference_par_defaut(accord)
    inconnus = frozenset(faits_inconnus or ())
    ctx = Contexte(accord, d, versement, document, simulation=simulation, faits_inconnus=inconnus,
                   texte_lu=texte_lu)
    rapport = Rapport(date_reference=d, accord_identifiant=accord.identifiant,
                      entreprise=accord.entreprise.raison_sociale)
    for r in _toutes():
        if ids is not None and r.id not in ids:
            continue
        rapport.regles_verifiees.append(r.id)
        if r.besoin == "versement" and versement is None or r.besoin == "document" and document is None:
            rapport.regles_non_applicables.append(RegleEcartee(r.id, _RAISONS_BESOIN[r.besoin]))
            continue
        manquants = _inconnus_parmi(r.champs, inconnus) if inconnus else []
        trouves: list[Trouve | Verifier] = []
        ecartee: RegleEcartee | None = None
        try:
            for t in r.fonction(ctx) or ():
                trouves.append(t)
        except NonApplicable as exc:
            ecartee = RegleEcartee(r.id, exc.raison)
        except AVerifier as exc:
            trouves.append(exc.point)
        except DonneeManquante as exc:
            ecartee = RegleEcartee(r.id, exc.raison, ENTREE_MANQUANTE)
        except HorsPeriodeModelisee as exc:
            ecartee = RegleEcartee(r.id, str(exc), HORS_PERIODE)
        except ErreurEntree as exc:
            ecartee = RegleEcartee(r.id, str(exc), ENTREE_MANQUANTE)
        except Exception as exc:  # noqa: BLE001 - une règle qui plante devient un résultat enregistré
            ecartee = RegleEcartee(r.id, f"{type(exc).__name__} : {exc}", ERREUR_INTERNE)
        if manquants:
            trouves, ecartee = _sur_faits_inconnus(r, trouves, ecartee, manquants, inconnus)
        if ecartee is not None:
            (rapport.regles_en_erreur if ecartee.nature else rapport.regles_non_applicables).append(ecartee)
        for t in trouves:
            try:
                if isinstance(t, Verifier):
                    rapport.a_verifier.append(_point(r, t))
                else:
                    rapport.constats.append(_constat(r, t))
            except Exception as exc:  # noqa: BLE001
                rapport.regles_en_erreur.append(
                    RegleEcartee(r.id, f"{type(exc).__name__} : {exc}", ERREUR_INTERNE))
    rapport.trier()
    return rapport


def _sur_faits_inconnus(r: Regle, trouves: list[Trouve | Verifier], ecartee: RegleEcartee | None,
                        manquants: list[str], inconnus: frozenset[str],
                        ) -> tuple[list[Trouve | Verifier], RegleEcartee | None]:
    """Une règle qui lit des faits non établis : ses constats fondés sur eux deviennent des points à vérifier ;
    son silence, sa non-application ou sa donnée manquante aussi (elles peuvent venir d'une valeur par défaut)."""
    resultat: list[Trouve | Verifier] = []
    convertis = 0
    for t in trouves:
        if isinstance(t, Trouve) and _inconnus_parmi(_chemins(t), inconnus):
            convertis += 1
            resultat.append(Verifier(
                f"Non établi (fait non lu dans le texte) : {t.message}", r.a_chercher, t.chemin,
                severite=t.severite, portee=t.portee, parametres=t.parametres))
        else:
            resultat.append(t)
    if not convertis and (ecartee is None or ecartee.nature != ERREUR_INTERNE):
        raison = f" ({ecartee.raison})" if ecartee is not None else ""
        resultat.append(Verifier(
            f"La règle n'a pas pu être appliquée : fait(s) non établi(s) — {', '.join(manquants)}{raison}.",
            r.a_chercher, manquants))
        ecartee = None
    return resultat, ecartee
