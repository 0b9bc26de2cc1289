"""Le back-test : ce que la formule de l'accord aurait donné sur les exercices passés.

Pour chaque exercice de l'historique (3 à 10 derniers), l'enveloppe exacte est calculée par le moteur de
formules (``formules.evaluer``, arrondi au centime inférieur) avec ce qui l'a décidée (déclencheur non
atteint, seuil ou objectifs non atteints, formule, plafond de l'accord, plafond légal de 20 %). Une
composante de croissance a besoin des valeurs de l'exercice précédent : le premier exercice (ou un exercice
dont le précédent manque) est alors « non calculable ». Une masse salariale manquante est signalée.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .. import parametres
from ..erreurs import ErreurEntree
from ..formules import ResultatFormule, evaluer
from ..modele import Accord, Formule, Objectifs, PaliersCroissance, PourcentageMasseSalariale, ValeursPeriode
from ..repartition import moyenne_centimes
from .historique import HistoriqueOrdonne, ordonner, periodes_accord

#: Choix du produit (pas des nombres légaux) : un back-test porte sur 3 à 10 exercices.
NB_EXERCICES_MIN = 3
NB_EXERCICES_MAX = 10

NON_CALCULABLE = "non calculable"


def besoin_exercice_precedent(formule: Formule) -> bool:
    """Vrai si une composante compare à la période précédente (paliers de croissance)."""
    return any(isinstance(c, PaliersCroissance) for c in formule.composantes)


def besoin_masse_salariale(formule: Formule) -> bool:
    """Vrai si le montant de la formule dépend de la masse salariale (hors plafond légal)."""
    if any(isinstance(c, PaliersCroissance | Objectifs | PourcentageMasseSalariale) for c in formule.composantes):
        return True
    return formule.plafond is not None and formule.plafond.taux_masse_salariale is not None


def date_de_reference(accord: Accord, date_fin: date | None) -> tuple[date, str | None]:
    """Date des paramètres légaux d'un exercice passé : sa fin si elle est modélisée, sinon la fin de la
    première période de l'accord (avec une note qui le dit)."""
    premiere = periodes_accord(accord)[0].fin
    if date_fin is None:
        return premiere, "date de fin inconnue : paramètres légaux de la première période de l'accord"
    if not parametres.parametre("plafond_global_taux").couvre(date_fin):
        return premiere, (f"{date_fin.isoformat()} hors période modélisée : paramètres légaux de la première "
                          "période de l'accord")
    return date_fin, None


@dataclass
class LigneBacktest:
    """Un exercice passé : l'enveloppe qu'aurait donnée la formule et ce qui l'a décidée."""

    periode: str
    masse_salariale_centimes: int | None
    calculable: bool
    enveloppe_centimes: int | None
    taux_masse_salariale: Decimal | None  # enveloppe / masse salariale
    moyenne_par_beneficiaire_centimes: int | None
    determinant: str
    motif: str | None = None
    notes: list[str] = field(default_factory=list)
    resultat: ResultatFormule | None = None

    @property
    def verse(self) -> bool | None:
        """Vrai si une enveloppe est versée ; None si l'exercice n'est pas calculable."""
        return None if self.enveloppe_centimes is None else self.enveloppe_centimes > 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "periode": self.periode,
            "masse_salariale_centimes": self.masse_salariale_centimes,
            "calculable": self.calculable,
            "enveloppe_centimes": self.enveloppe_centimes,
            "taux_masse_salariale": None if self.taux_masse_salariale is None else float(self.taux_masse_salariale),
            "moyenne_par_beneficiaire_centimes": self.moyenne_par_beneficiaire_centimes,
            "verse": self.verse,
            "determinant": self.determinant,
            "motif": self.motif,
            "notes": self.notes,
            "etapes": [str(e) for e in self.resultat.etapes] if self.resultat else [],
        }


@dataclass
class ResultatBacktest:
    lignes: list[LigneBacktest]
    periode_formule: int
    effectif: int
    notes: list[str] = field(default_factory=list)

    @property
    def nb_calculables(self) -> int:
        return sum(1 for lg in self.lignes if lg.calculable)

    @property
    def nb_versements(self) -> int:
        return sum(1 for lg in self.lignes if lg.verse)

    @property
    def proportion_versement(self) -> float | None:
        """Part des exercices calculables qui auraient donné une enveloppe (None si aucun)."""
        n = self.nb_calculables
        return None if n == 0 else self.nb_versements / n

    @property
    def verse_chaque_annee(self) -> bool | None:
        """Vrai si chaque exercice calculable aurait donné une enveloppe (aléa faible) ; None si aucun."""
        n = self.nb_calculables
        return None if n == 0 else self.nb_versements == n

    def to_dict(self) -> dict[str, Any]:
        return {
            "periode_formule": self.periode_formule,
            "effectif": self.effectif,
            "nb_calculables": self.nb_calculables,
            "nb_versements": self.nb_versements,
            "proportion_versement": self.proportion_versement,
            "verse_chaque_annee": self.verse_chaque_annee,
            "lignes": [lg.to_dict() for lg in self.lignes],
            "notes": self.notes,
        }


def _non_calculable(ligne: ValeursPeriode, motif: str) -> LigneBacktest:
    return LigneBacktest(ligne.periode, ligne.masse_salariale_centimes, False, None, None, None,
                         NON_CALCULABLE, motif)


def backtest(
    accord: Accord,
    historique: list[ValeursPeriode] | None = None,
    *,
    periode: int = 1,
    effectif: int | None = None,
) -> ResultatBacktest:
    """Applique la formule de l'accord à chaque exercice de l'historique (celui de l'accord par défaut).

    ``periode`` choisit les seuils des objectifs propres à une période de l'accord (la première par défaut) ;
    ``effectif`` (par défaut celui de l'entreprise) sert à la moyenne par bénéficiaire.
    """
    source = accord.historique if historique is None else historique
    notes: list[str] = []
    if not source:
        raise ErreurEntree("Back-test impossible : aucun historique (ajoutez « historique » à l'accord ou "
                           "donnez un fichier CSV d'historique).")
    ordre = ordonner(source)
    notes += ordre.notes
    if len(ordre.lignes) > NB_EXERCICES_MAX:
        ecartes = len(ordre.lignes) - NB_EXERCICES_MAX
        notes.append(f"Seuls les {NB_EXERCICES_MAX} derniers exercices sont retenus ({ecartes} plus ancien(s) écarté(s)).")
    if len(ordre.lignes) < NB_EXERCICES_MIN:
        notes.append(f"Historique court ({len(ordre.lignes)} exercice(s)) : un back-test demande au moins "
                     f"{NB_EXERCICES_MIN} exercices pour être parlant.")
    n_effectif = accord.entreprise.effectif if effectif is None else effectif
    formule = accord.formule
    unites = {i.code: i.unite for i in accord.indicateurs}
    codes = formule.indicateurs_utilises()
    n1 = besoin_exercice_precedent(formule)
    selon_masse = besoin_masse_salariale(formule)
    cloture = accord.periode.date_cloture_premier_exercice
    debut = max(0, len(ordre.lignes) - NB_EXERCICES_MAX)
    lignes = [_ligne(accord, ordre, i, codes, unites, n1, selon_masse, periode, cloture, n_effectif)
              for i in range(debut, len(ordre.lignes))]
    if n1:
        notes.append("La formule compare à l'exercice précédent : le premier exercice de l'historique n'est pas "
                     "calculable.")
    if accord.beneficiaires.dirigeants_inclus:
        notes.append("Rémunérations des dirigeants non connues : plafond légal calculé sur la seule masse salariale.")
    if any(isinstance(c, Objectifs) and any(o.par_periode for o in c.objectifs) for c in formule.composantes):
        notes.append(f"Objectifs : seuils de la période {periode} de l'accord appliqués à chaque exercice passé.")
    notes.append("Montants arrondis au centime inférieur ; moyenne par bénéficiaire = enveloppe ÷ effectif, au centime "
                 "le plus proche "
                 f"({n_effectif}).")
    return ResultatBacktest(lignes, periode, n_effectif, notes)


def _ligne(accord: Accord, ordre: HistoriqueOrdonne, i: int, codes: list[str], unites: dict[str, str],
           n1: bool, selon_masse: bool, periode: int, cloture: date, effectif: int) -> LigneBacktest:
    ligne = ordre.lignes[i]
    manquants = [c for c in codes if c not in ligne.valeurs]
    if manquants:
        return _non_calculable(ligne, f"valeur manquante pour {', '.join(f'« {c} »' for c in manquants)}")
    precedentes = None
    if n1:
        if i == 0 or not ordre.consecutives(i):
            return _non_calculable(ligne, "croissance par rapport à N-1 : pas de valeurs pour l'exercice précédent")
        precedentes = ordre.lignes[i - 1].valeurs
        manquants = [c.indicateur for c in accord.formule.composantes
                     if isinstance(c, PaliersCroissance) and c.indicateur not in precedentes]
        if manquants:
            return _non_calculable(ligne, "croissance par rapport à N-1 : valeur de l'exercice précédent manquante "
                                          f"pour {', '.join(f'« {c} »' for c in manquants)}")
    masse = ligne.masse_salariale_centimes
    notes: list[str] = []
    if masse is None and selon_masse:
        return _non_calculable(ligne, "masse salariale manquante pour cet exercice")
    date_ref: date | None
    date_ref, note = date_de_reference(accord, ordre.fin(i, cloture))
    if note:
        notes.append(note)
    if masse is None:
        notes.append("masse salariale manquante : plafond légal de 20 % non vérifié, pourcentage non calculable")
        date_ref = None
    r = evaluer(accord.formule, ligne.valeurs, masse or 0, valeurs_precedentes=precedentes, periode=periode,
                date_reference=date_ref, unites=unites)
    taux = None if not masse else Decimal(r.enveloppe_centimes) / Decimal(masse)
    # Même arrondi que l'écran « Essayez la formule » et la fiche (D3313-9) : 3 000 € entre 14, 214,29 € et non 214,28 €.
    moyenne = moyenne_centimes(r.enveloppe_centimes, effectif) if effectif > 0 else None
    return LigneBacktest(ligne.periode, masse, True, r.enveloppe_centimes, taux, moyenne, r.determinant,
                         None, notes, r)
