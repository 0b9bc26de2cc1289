"""Les appels de l'interface vers le cœur, la simulation, le validateur et les documents.

Chaque résultat coûteux est mémorisé dans la session (jamais dans un cache partagé entre utilisateurs, car les
données des salariés sont personnelles), sous une empreinte de ses entrées : une exécution de Streamlit qui ne
change rien ne recalcule rien. Toute erreur d'entrée devient un message français, jamais une trace.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from interessement import format as fmt
from interessement.erreurs import ErreurEntree
from interessement.modele import Accord

from .brouillon import vers_accord

MEMOIRE = "calculs"
TAILLE_MEMOIRE = 32


def empreinte(*objets: Any) -> str:
    texte = json.dumps(objets, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(texte.encode()).hexdigest()


def memoriser(nom: str, cle: str, calcul: Callable[[], Any]) -> Any:
    memoire: OrderedDict = st.session_state.setdefault(MEMOIRE, OrderedDict())
    k = (nom, cle)
    if k in memoire:
        memoire.move_to_end(k)
        return memoire[k]
    valeur = calcul()
    memoire[k] = valeur
    while len(memoire) > TAILLE_MEMOIRE:
        memoire.popitem(last=False)
    return valeur


def _message(exc: Exception) -> str:
    return str(exc) if isinstance(exc, ErreurEntree | ValueError) else f"calcul impossible ({exc})"


# ----------------------------------------------------------------------------------------------- accord


def accord_modele(accord: dict[str, Any]) -> tuple[Accord | None, list[tuple[str, str]]]:
    return memoriser("accord", empreinte(accord), lambda: vers_accord(accord))


# --------------------------------------------------------------------------------------------- validateur


def valider(accord: dict[str, Any], date_reference: date | None = None) -> Any:
    """Le rapport du validateur sur le brouillon (``None`` s'il n'est pas encore un accord lisible).

    Date de référence : celle du validateur par défaut (dépôt, sinon conclusion), comme la ligne de commande.
    """

    def calcul() -> Any:
        modele, erreurs = vers_accord(accord)
        if modele is None:
            return None
        import validators

        return validators.valider(modele, date_reference=date_reference)

    return memoriser("rapport", empreinte(accord, date_reference.isoformat() if date_reference else None), calcul)


# --------------------------------------------------------------------------------------------- simulation

SECTIONS_CALCUL = ("periode", "beneficiaires", "indicateurs", "formule", "historique", "repartition")


def noyau_calcul(accord: dict[str, Any], *, avec_repartition: bool = False,
                 formule_neutre: bool = False) -> dict[str, Any]:
    """Ce dont un calcul a besoin, le reste remplacé par des valeurs neutres et valides.

    Une faute de saisie dans une autre étape (un SIREN mal recopié, un signataire sans nom) ne doit pas empêcher
    d'essayer la formule ou de voir la répartition : seules les sections utiles au calcul sont gardées telles
    quelles (la date de conclusion est ramenée à la date d'effet : elle ne change aucun montant).
    """
    from .brouillon import cloture_proposee, date_effet_conseillee

    e = accord.get("entreprise") or {}
    noyau = {k: json.loads(json.dumps(accord.get(k))) for k in SECTIONS_CALCUL if accord.get(k) is not None}
    # Des dates pas encore choisies ne changent aucun montant : celles du prochain exercice servent au calcul
    # (jamais au brouillon).
    periode = dict(noyau.get("periode") or {})
    if not periode.get("date_effet"):
        periode["date_effet"] = date_effet_conseillee(date.today()).isoformat()
    if not periode.get("date_cloture_premier_exercice"):
        periode["date_cloture_premier_exercice"] = cloture_proposee(
            date.fromisoformat(periode["date_effet"])).isoformat()
    periode["periode_calcul_mois"] = periode.get("periode_calcul_mois") or 12
    periode["duree_annees"] = periode.get("duree_annees") or 1
    periode["reconduction_tacite"] = bool(periode.get("reconduction_tacite"))
    noyau["periode"] = periode
    ben = dict(noyau.get("beneficiaires") or {})
    anc = dict(ben.get("anciennete") or {})
    anc["mois"] = anc.get("mois") or 0
    ben["anciennete"] = anc
    ben["dirigeants_inclus"] = bool(ben.get("dirigeants_inclus"))
    ben["conjoint_inclus"] = bool(ben.get("conjoint_inclus"))
    noyau["beneficiaires"] = ben
    if avec_repartition or formule_neutre:
        # La répartition d'un montant donné (et son coût) ne dépend pas de la formule : une formule encore
        # incomplète est remplacée, pour ce calcul seulement, par une formule neutre (le montant est celui choisi).
        from interessement.modele import Formule

        try:
            Formule.model_validate(noyau.get("formule") or {})
        except ValueError:
            noyau["formule"] = {"composantes": [{"type": "part_resultat", "indicateur": "resultat_exploitation",
                                                 "taux": 0, "seuil_centimes": 0}]}
            noyau["indicateurs"] = []
    if not avec_repartition:
        noyau["repartition"] = {"part_uniforme": 1}
    try:
        effectif = max(0, int(e.get("effectif") or 0))
    except (TypeError, ValueError):
        effectif = 0
    noyau["entreprise"] = {"raison_sociale": (e.get("raison_sociale") or "").strip() or "Entreprise",
                           "effectif": effectif}
    noyau["mise_en_place"] = {"mode": "ratification",
                              "date_conclusion": periode.get("date_effet") or date.today().isoformat()}
    return noyau



def simuler(accord: dict[str, Any], sim: dict[str, Any]) -> tuple[Any, str | None]:
    """L'enveloppe de la première période sur les chiffres saisis (formules.evaluer_periode)."""
    from interessement.formules import evaluer_periode

    def calcul() -> tuple[Any, str | None]:
        modele, erreurs = vers_accord(noyau_calcul(accord))
        if modele is None:
            return None, "La simulation attend une formule complète : " + "; ".join(m for _, m in erreurs[:3])
        try:
            return evaluer_periode(modele, sim.get("valeurs") or {}, int(sim.get("masse_salariale_centimes") or 0),
                                   valeurs_precedentes=sim.get("valeurs_precedentes") or {}), None
        except (ErreurEntree, ValueError, ArithmeticError) as exc:
            return None, _message(exc)

    return memoriser("simulation", empreinte(accord.get("formule"), accord.get("indicateurs"),
                                             accord.get("periode"), accord.get("beneficiaires"), sim), calcul)


def backtest(accord: dict[str, Any]) -> tuple[Any, str | None]:
    from interessement.simulation import backtest as bt

    def calcul() -> tuple[Any, str | None]:
        modele, erreurs = vers_accord(noyau_calcul(accord))
        if modele is None:
            return None, "Back-test impossible tant que la formule est incomplète : " + "; ".join(
                m for _, m in erreurs[:3])
        try:
            return bt(modele), None
        except (ErreurEntree, ValueError, ArithmeticError) as exc:
            return None, _message(exc)

    return memoriser("backtest", empreinte(noyau_calcul(accord)), calcul)


def monte_carlo(accord: dict[str, Any], scenarios: int = 5000, graine: int = 1) -> tuple[Any, str | None]:
    from interessement.simulation import monte_carlo as mc

    def calcul() -> tuple[Any, str | None]:
        modele, erreurs = vers_accord(noyau_calcul(accord))
        if modele is None:
            return None, "Mesure de l'aléa impossible tant que la formule est incomplète : " + "; ".join(
                m for _, m in erreurs[:3])
        try:
            return mc(modele, scenarios, graine), None
        except (ErreurEntree, ValueError, ArithmeticError) as exc:
            return None, _message(exc)

    return memoriser("monte_carlo", empreinte(noyau_calcul(accord), scenarios, graine), calcul)


def cout(modele: Accord, montant_centimes: int) -> Any:
    from interessement.parametres import HorsPeriodeModelisee
    from interessement.simulation import cout as cout_

    try:
        return cout_(modele, int(montant_centimes))
    except (ErreurEntree, ValueError, ArithmeticError, HorsPeriodeModelisee):
        return None


# ------------------------------------------------------------------------------------------------ salariés

SALARIES = "salaries"  # en mémoire, pour la session seulement : {"nom", "liste", "avertissements", "fictif"}


def modele_csv() -> bytes:
    from interessement.fichiers_salaries import ecrire_modele_csv

    return ecrire_modele_csv()


def lire_salaries(contenu: bytes, nom: str, *, exercice: tuple[date, date] | None = None,
                  correspondance: dict[str, str | None] | None = None,
                  presents_tout_l_exercice: bool = False) -> tuple[list[dict[str, Any]] | None, list[str], list[str]]:
    """Salariés lus (dictionnaires de ``SalarieVersement``), erreurs (françaises, par ligne), avertissements."""
    from interessement.fichiers_salaries import salaries_pour_versement

    lecture = lire_fichier(contenu, nom, exercice=exercice, correspondance=correspondance,
                           presents_tout_l_exercice=presents_tout_l_exercice)
    if lecture.erreurs:
        return None, [str(e) for e in lecture.erreurs], list(lecture.avertissements)
    return salaries_pour_versement(lecture.salaries), [], list(lecture.avertissements)


def lire_fichier(contenu: bytes, nom: str, *, exercice: tuple[date, date] | None = None,
                 correspondance: dict[str, str | None] | None = None, presents_tout_l_exercice: bool = False) -> Any:
    """La lecture complète (``LectureSalaries``), mémorisée pour ce contenu et ces réglages."""
    from interessement.fichiers_salaries import lire_fichier_salaries

    cle = empreinte(hashlib.sha1(contenu).hexdigest(), nom, exercice, correspondance, presents_tout_l_exercice)
    return memoriser("lecture_salaries", cle, lambda: lire_fichier_salaries(
        contenu, nom, exercice=exercice, correspondance=correspondance,
        presents_tout_l_exercice=presents_tout_l_exercice))


def apercu_fichier(contenu: bytes, nom: str, *, exercice: tuple[date, date] | None = None,
                   correspondance: dict[str, str | None] | None = None, presents_tout_l_exercice: bool = False) -> Any:
    from interessement.fichiers_salaries import apercu

    cle = empreinte(hashlib.sha1(contenu).hexdigest(), nom, exercice, correspondance, presents_tout_l_exercice)
    return memoriser("apercu_salaries", cle, lambda: apercu(
        contenu, nom, exercice=exercice, correspondance=correspondance,
        presents_tout_l_exercice=presents_tout_l_exercice))


PRENOMS = ["Camille", "Léa", "Manon", "Chloé", "Inès", "Hugo", "Lucas", "Louis", "Nathan", "Jules", "Emma",
           "Arthur", "Zoé", "Théo", "Lina", "Adam", "Sarah", "Paul", "Alice", "Yanis"]
NOMS = ["Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Leroy", "Roux", "David", "Morel", "Fournier", "Girard", "Bonnet", "Lambert"]


def equipe_fictive(effectif: int, masse_salariale_centimes: int, jours_exercice: int = 365,
                   graine: int = 7) -> list[dict[str, Any]]:
    """Une équipe inventée (noms, salaires, présences plausibles) pour voir la répartition sans fichier."""
    rng = random.Random(graine)
    n = max(1, effectif)
    moyen = max(2_100_000, masse_salariale_centimes // n)
    liste = []
    for i in range(n):
        jours = jours_exercice if rng.random() > 0.15 else rng.randint(90, jours_exercice - 30)
        temps = 1 if rng.random() > 0.2 else rng.choice([0.5, 0.8])
        salaire = int(max(1_800_000, rng.gauss(moyen, moyen * 0.3)) * temps * jours / jours_exercice)
        if i == 0:
            salaire = moyen * 4  # un cadre dirigeant salarié : pour voir le plafond individuel
        absences = {}
        if rng.random() < 0.25:
            absences["maladie"] = rng.randint(2, 20)
        if rng.random() < 0.06:
            absences["maternite"] = min(jours - 10, 112)
        liste.append({"identifiant": f"F{i + 1:03d}", "nom": f"{rng.choice(PRENOMS)} {rng.choice(NOMS)}",
                      "qualite": "salarie", "salaire_brut_centimes": salaire, "jours_inscrits": jours,
                      "absences": absences, "temps_travail": temps})
    return liste


def versement_de(salaries: list[dict[str, Any]], jeton_salaries: str) -> Any:
    """Le versement (période 1) des salariés chargés, validé une seule fois par fichier."""
    from interessement.modele import Versement

    def calcul() -> Any:
        masse = sum(int(s.get("salaire_brut_centimes") or 0) for s in salaries)
        return Versement.model_validate({"periode": 1, "masse_salariale_centimes": masse, "salaries": salaries})

    return memoriser("versement", jeton_salaries, calcul)


def decaler(accord: dict[str, Any], annees: int) -> dict[str, Any]:
    """Le même accord, ses dates reculées de ``annees`` ans (pour simuler avec des paramètres déjà connus)."""
    from dateutil.relativedelta import relativedelta

    copie = json.loads(json.dumps(accord))
    for section, champ in (("periode", "date_effet"), ("periode", "date_cloture_premier_exercice"),
                           ("mise_en_place", "date_conclusion"), ("depot", "date_depot")):
        valeur = (copie.get(section) or {}).get(champ)
        if valeur:
            copie[section][champ] = (date.fromisoformat(valeur) - relativedelta(years=annees)).isoformat()
    return copie


def decaler_salaries(salaries: list[dict[str, Any]], annees: int) -> list[dict[str, Any]]:
    """Les mêmes salariés, leurs dates d'entrée et de sortie reculées de ``annees`` ans, comme l'accord par
    ``decaler`` : l'ancienneté et la présence se comptent alors sur la même période qu'avant le recul."""
    from dateutil.relativedelta import relativedelta

    def reculer(valeur: Any) -> Any:
        if isinstance(valeur, str) and valeur:
            valeur = date.fromisoformat(valeur)
        return valeur - relativedelta(years=annees) if isinstance(valeur, date) else valeur

    return [{**s, **{c: reculer(s.get(c)) for c in ("date_entree", "date_sortie") if s.get(c) is not None}}
            for s in salaries]


def repartir(accord: dict[str, Any], salaries: list[dict[str, Any]], jeton_salaries: str,
             montant_centimes: int) -> tuple[Any, str | None, str | None]:
    """La répartition exacte au centime (calcul.calculer_versement) : (calcul, erreur, note).

    Quand les plafonds de l'exercice ne sont pas encore publiés (PASS de l'an prochain), la répartition est
    simulée avec ceux du dernier exercice connu, et la note le dit. Mémorisée par empreinte des entrées.
    """
    from interessement.calcul import calculer_versement
    from interessement.parametres import HorsPeriodeModelisee

    noyau = noyau_calcul(accord, avec_repartition=True)

    def calcul() -> tuple[Any, str | None, str | None]:
        modele, erreurs = vers_accord(noyau)
        if modele is None:
            return None, "La répartition attend des réponses complètes : " + "; ".join(
                m for _, m in erreurs[:3]), None
        derniere: Exception | None = None
        for recul in range(0, 4):
            essai = modele if recul == 0 else vers_accord(decaler(noyau, recul))[0]
            if essai is None:
                break
            # Les dates des salariés reculent avec celles de l'accord : sinon un salarié entré pendant l'exercice
            # paraîtrait entré après la période simulée (ancienneté « insuffisante », présence faussée).
            try:
                versement = (versement_de(salaries, jeton_salaries) if recul == 0 else
                             versement_de(decaler_salaries(salaries, recul), f"{jeton_salaries}:recul{recul}"))
            except ValueError as exc:
                return None, _message(exc), None
            try:
                resultat = calculer_versement(essai, versement, montant_centimes=int(montant_centimes))
            except HorsPeriodeModelisee as exc:
                derniere = exc
                continue
            except (ErreurEntree, ValueError, ArithmeticError) as exc:
                return None, _message(exc), None
            note = None
            if recul:
                annee = essai.periodes()[0].fin.year
                note = (f"Les plafonds de {annee + recul} ne sont pas encore publiés : la répartition est simulée "
                        f"avec ceux de {annee} (PASS {annee}).")
            return resultat, None, note
        return None, _message(derniere) if derniere else "Répartition impossible.", None

    cle = empreinte(noyau, jeton_salaries, montant_centimes)

    def calcul_marque() -> tuple[Any, str | None, str | None]:
        resultat = calcul()
        if resultat[0] is not None:
            resultat[0].cle_interface = cle  # pour mémoriser le tableau et le graphique qui en découlent
        return resultat

    return memoriser("repartition", cle, calcul_marque)


def cout_avec_recul(accord: dict[str, Any], montant_centimes: int) -> tuple[Any, str | None]:
    """La vue « coût » ; si les paramètres de l'exercice ne sont pas connus, ceux du dernier exercice connu."""
    noyau = noyau_calcul(accord, formule_neutre=True)
    for recul in range(0, 4):
        modele, _ = vers_accord(noyau if recul == 0 else decaler(noyau, recul))
        if modele is None:
            return None, None
        vue = cout(modele, montant_centimes)
        if vue is not None:
            note = None if recul == 0 else f"Chiffrage avec les paramètres de {vue.date.year}."
            return vue, note
    return None, None


# ----------------------------------------------------------------------------------------------- documents


def libreoffice_disponible() -> bool:
    return bool(shutil.which("soffice") or shutil.which("libreoffice"))


def montant(centimes: int | None) -> str:
    return "—" if centimes is None else fmt.montant(centimes)
