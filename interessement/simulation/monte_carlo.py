"""Le Monte-Carlo : la chance que l'accord verse quelque chose, et combien, période par période.

Modèle (choix de ce projet, dit dans le résultat) :

- chaque indicateur de la formule varie d'une période à la suivante ; la variation est **relative** pour un
  indicateur monétaire toujours positif dans l'historique (on travaille sur log(Vₜ / Vₜ₋₁), ce qui garde la
  valeur positive), **absolue** (Vₜ − Vₜ₋₁) pour un taux, un nombre, ou un montant qui change de signe ou
  s'annule ; la masse salariale suit ses propres variations relatives observées ;
- les indicateurs sont tirés **conjointement** : on rééchantillonne des vecteurs de variation d'années
  entières (bootstrap), ce qui garde leur corrélation ; avec moins de 5 variations observées, on ajuste une
  loi normale multivariée (moyenne et covariance empiriques) ;
- chaque scénario est un chemin : la période k dérive de la période k − 1, en partant des dernières valeurs
  connues (avec les pas intermédiaires si l'historique s'arrête avant la veille de l'accord) ;
- l'enveloppe de chaque période est calculée par le moteur de formules vectoriel
  (``formules.evaluer_vecteurs``), avec le plafond de l'accord et le plafond légal de 20 % daté de la fin de
  la période.

Tirages par ``numpy.random.Generator`` (graine donnée) : même graine, même résultat.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
from dateutil.relativedelta import relativedelta

from .. import parametres
from ..bornes import MONTANT_MAX_CENTIMES, NOMBRE_MAX, PERIODES_SIMULEES_MAX
from ..erreurs import ErreurEntree
from ..formules import evaluer_vecteurs
from ..modele import Accord, PeriodeCalcul, ValeursPeriode
from .backtest import NB_EXERCICES_MAX, besoin_masse_salariale
from .historique import HistoriqueOrdonne, ordonner, periodes_accord

METHODE_BOOTSTRAP = "bootstrap"
METHODE_NORMALE = "normale"
LIBELLES_METHODES = {
    METHODE_BOOTSTRAP: "rééchantillonnage des variations observées (bootstrap)",
    METHODE_NORMALE: "loi normale ajustée (moyenne et covariance empiriques)",
}
#: Choix de modélisation : en dessous de 5 variations observées, le bootstrap est trop pauvre.
NB_VARIATIONS_BOOTSTRAP = 5
#: Il faut au moins 2 variations (3 périodes consécutives) pour estimer une dispersion.
NB_VARIATIONS_MIN = 2
NIVEAUX_QUANTILES = (5, 25, 50, 75, 95)
SCENARIOS_MAX = 1_000_000
LIBELLE_MASSE = "masse salariale"


class HistoriqueInsuffisant(ErreurEntree):
    """L'historique ne permet pas d'estimer les variations des indicateurs."""


# ------------------------------------------------------------------------------------------------- modèle


@dataclass
class ModeleVariations:
    """Le modèle des variations de période à période, indicateurs (et masse salariale) ensemble.

    Colonnes : les indicateurs ``codes`` puis, si ``masse_modelisee``, la masse salariale (relative).
    ``variations`` (une ligne par variation observée, valeurs transformées : log-rapport ou écart) sert au
    bootstrap et à l'ajustement ; un modèle normal peut aussi être donné directement (``normal``).
    """

    codes: tuple[str, ...]
    relatives: tuple[bool, ...]
    dernieres_valeurs: np.ndarray
    derniere_masse: float | None
    masse_modelisee: bool
    methode: str
    variations: np.ndarray | None = None
    moyenne: np.ndarray | None = None
    covariance: np.ndarray | None = None
    depart: str | None = None
    raisons: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    _facteur: np.ndarray | None = field(default=None, repr=False, init=False)

    def __post_init__(self) -> None:
        if self.methode not in LIBELLES_METHODES:
            raise ErreurEntree(f"Méthode de simulation inconnue « {self.methode} » ; méthodes : "
                               f"{', '.join(LIBELLES_METHODES)}.")
        k = self.nb_colonnes
        if self.variations is not None:
            self.variations = np.asarray(self.variations, dtype=np.float64).reshape(-1, k)
        if self.methode == METHODE_NORMALE:
            if self.moyenne is None and self.variations is not None and len(self.variations):
                # Facteur de la covariance empirique tiré directement des variations centrées (SVD) :
                # rang ≤ n − 1, donc autant de tirages normaux que de directions réellement observées.
                self.moyenne = self.variations.mean(axis=0)
                n = len(self.variations)
                centrees = self.variations - self.moyenne
                if n > 1 and k:
                    _u, sv, vt = np.linalg.svd(centrees, full_matrices=False)
                    garder = sv > sv.max(initial=0.0) * 1e-12
                    self._facteur = vt[garder].T * (sv[garder] / math.sqrt(n - 1))
                else:
                    self._facteur = np.zeros((k, 0))
                self.covariance = self._facteur @ self._facteur.T
            if self.moyenne is None or self.covariance is None:
                raise ErreurEntree("Modèle normal : moyenne et covariance (ou variations observées) sont nécessaires.")
            self.moyenne = np.asarray(self.moyenne, dtype=np.float64).reshape(k)
            self.covariance = np.asarray(self.covariance, dtype=np.float64).reshape(k, k)
            if self._facteur is None:
                w, v = np.linalg.eigh((self.covariance + self.covariance.T) / 2)
                garder = w > max(w.max(initial=0.0), 0.0) * 1e-12
                self._facteur = v[:, garder] * np.sqrt(w[garder])
        elif self.variations is None or len(self.variations) == 0:
            raise ErreurEntree("Modèle bootstrap : au moins une variation observée est nécessaire.")
        self._variations_t = None if self.variations is None else np.ascontiguousarray(self.variations.T)
        rel = list(self.relatives) + ([True] if self.masse_modelisee else [])
        self._rel = np.flatnonzero(np.asarray(rel, dtype=bool))
        self._abs = np.flatnonzero(~np.asarray(rel, dtype=bool))

    @classmethod
    def normal(cls, codes: list[str] | tuple[str, ...], relatives: list[bool] | tuple[bool, ...],
               dernieres_valeurs: list[float] | np.ndarray, moyenne: list[float] | np.ndarray,
               covariance: list[list[float]] | np.ndarray, *, derniere_masse: float | None = None,
               masse_modelisee: bool = False) -> ModeleVariations:
        """Un modèle normal donné directement (tests, hypothèses de l'utilisateur)."""
        return cls(tuple(codes), tuple(relatives), np.asarray(dernieres_valeurs, dtype=np.float64), derniere_masse,
                   masse_modelisee, METHODE_NORMALE, moyenne=np.asarray(moyenne, dtype=np.float64),
                   covariance=np.asarray(covariance, dtype=np.float64))

    @property
    def nb_colonnes(self) -> int:
        return len(self.codes) + (1 if self.masse_modelisee else 0)

    @property
    def nb_variations(self) -> int:
        return 0 if self.variations is None else len(self.variations)

    def etat_initial(self, scenarios: int) -> np.ndarray:
        """Les dernières valeurs connues, une colonne par scénario : tableau (colonnes, scénarios)."""
        depart = list(self.dernieres_valeurs) + ([self.derniere_masse or 0.0] if self.masse_modelisee else [])
        return np.repeat(np.asarray(depart, dtype=np.float64).reshape(-1, 1), scenarios, axis=1)

    def tirer(self, rng: np.random.Generator, scenarios: int) -> np.ndarray:
        """Un pas de variation pour chaque scénario : tableau (colonnes, scénarios), valeurs transformées."""
        if self.methode == METHODE_BOOTSTRAP:
            assert self._variations_t is not None
            indices = rng.integers(0, self._variations_t.shape[1], size=scenarios)
            return self._variations_t[:, indices]
        assert self.moyenne is not None and self._facteur is not None
        e = rng.standard_normal((self._facteur.shape[1], scenarios))
        z = np.repeat(self.moyenne[:, None], scenarios, axis=1)
        for j in range(e.shape[0]):  # quelques directions : plus rapide qu'un produit matriciel BLAS si étroit
            z += self._facteur[:, j:j + 1] * e[j]
        return z

    def avancer(self, etat: np.ndarray, z: np.ndarray) -> None:
        """Applique un pas de variation à l'état (en place) : produit pour les relatives, somme sinon."""
        for i in self._rel:
            etat[i] *= np.exp(z[i])
        for i in self._abs:
            etat[i] += z[i]

    def methodes_indicateurs(self) -> dict[str, str]:
        """Pour chaque indicateur (et la masse salariale), la variation modélisée et la méthode."""
        quoi = "rééchantillonnées" if self.methode == METHODE_BOOTSTRAP else "loi normale"
        resultat = {}
        for code, rel in zip(self.codes, self.relatives, strict=True):
            nature = "variations relatives" if rel else "écarts absolus"
            raison = self.raisons.get(code)
            resultat[code] = f"{nature}, {quoi}" + (f" ({raison})" if raison else "")
        if self.masse_modelisee:
            resultat[LIBELLE_MASSE] = f"variations relatives, {quoi}"
        elif self.derniere_masse is not None:
            resultat[LIBELLE_MASSE] = "constante (variations non observées dans l'historique)"
        else:
            resultat[LIBELLE_MASSE] = "inconnue"
        return resultat


def _transformer(v: float, v1: float, relative: bool) -> float:
    return math.log(v / v1) if relative else v - v1


def ajuster_modele(
    accord: Accord,
    historique: list[ValeursPeriode] | None = None,
    *,
    methode: str | None = None,
    ordre: HistoriqueOrdonne | None = None,
) -> tuple[ModeleVariations, int]:
    """Estime le modèle des variations depuis l'historique ; renvoie aussi l'indice (dans l'historique ordonné)
    de la période de départ. ``methode`` force « bootstrap » ou « normale » (sinon : selon le nombre de
    variations). ``HistoriqueInsuffisant`` si l'on ne peut rien estimer."""
    if ordre is None:
        source = accord.historique if historique is None else historique
        if not source:
            raise HistoriqueInsuffisant("Simulation impossible : aucun historique des indicateurs (ajoutez "
                                        "« historique » à l'accord ou donnez un fichier CSV d'historique).")
        ordre = ordonner(source)
    notes = list(ordre.notes)
    codes = tuple(accord.formule.indicateurs_utilises())
    lignes = ordre.lignes
    premier = max(0, len(lignes) - NB_EXERCICES_MAX)
    if premier:
        notes.append(f"Seules les {NB_EXERCICES_MAX} dernières périodes de l'historique servent à estimer les "
                     f"variations ({premier} plus ancienne(s) écartée(s)).")
    complets = [i for i in range(premier, len(lignes)) if all(c in lignes[i].valeurs for c in codes)]
    if not complets:
        raise HistoriqueInsuffisant(
            "Simulation impossible : aucun exercice de l'historique ne donne tous les indicateurs de la formule "
            f"({', '.join(codes)})."
        )
    depart = complets[-1]
    if depart != len(lignes) - 1:
        notes.append(f"Dernière période complète : « {lignes[depart].periode} » (les suivantes ont des valeurs "
                     "manquantes) ; la simulation part de là.")
    ensemble = set(complets)
    paires = [i for i in complets if i - 1 in ensemble and ordre.consecutives(i)]
    if len(paires) < NB_VARIATIONS_MIN:
        raise HistoriqueInsuffisant(
            f"Simulation impossible : {len(paires)} variation(s) observée(s) entre périodes consécutives "
            f"complètes ; il en faut au moins {NB_VARIATIONS_MIN} (soit {NB_VARIATIONS_MIN + 1} exercices "
            "consécutifs avec tous les indicateurs)."
        )
    unites = {i.code: i.unite for i in accord.indicateurs}
    relatives = []
    raisons: dict[str, str] = {}
    for c in codes:
        valeurs = [float(lignes[i].valeurs[c]) for i in range(premier, len(lignes)) if c in lignes[i].valeurs]
        unite = unites.get(c, "centimes")
        if unite != "centimes":
            relatives.append(False)
            raisons[c] = "taux" if unite == "pourcentage" else "nombre"
        elif min(valeurs) <= 0:
            relatives.append(False)
            raisons[c] = "montant qui change de signe ou s'annule"
        else:
            relatives.append(True)
    masses = [lignes[i].masse_salariale_centimes for i in range(len(lignes))]
    masse_modelisee = all(masses[i] and masses[i - 1] for i in paires)
    derniere_masse: float | None = None
    if masses[depart]:
        derniere_masse = float(masses[depart])  # type: ignore[arg-type]
    else:
        connues = [m for m in masses[: depart + 1] if m]
        if connues:
            derniere_masse = float(connues[-1])
            notes.append("Masse salariale de la période de départ inconnue : dernière masse connue retenue.")
    if not masse_modelisee and derniere_masse is not None:
        notes.append("Masse salariale manquante dans l'historique : tenue constante à sa dernière valeur connue.")
    if derniere_masse is None:
        if besoin_masse_salariale(accord.formule):
            raise HistoriqueInsuffisant("Simulation impossible : la formule dépend de la masse salariale et "
                                        "l'historique n'en donne aucune.")
        notes.append("Masse salariale inconnue : plafond légal de 20 % non vérifié, moyenne par bénéficiaire "
                     "seulement.")
    lignes_z = []
    for i in paires:
        z = [_transformer(float(lignes[i].valeurs[c]), float(lignes[i - 1].valeurs[c]), rel)
             for c, rel in zip(codes, relatives, strict=True)]
        if masse_modelisee:
            z.append(math.log(masses[i] / masses[i - 1]))  # type: ignore[operator]
        lignes_z.append(z)
    k = len(codes) + (1 if masse_modelisee else 0)
    variations = np.asarray(lignes_z, dtype=np.float64).reshape(len(paires), k)
    choisie = methode or (METHODE_BOOTSTRAP if len(paires) >= NB_VARIATIONS_BOOTSTRAP else METHODE_NORMALE)
    if methode is None and choisie == METHODE_NORMALE:
        notes.append(f"Moins de {NB_VARIATIONS_BOOTSTRAP} variations observées ({len(paires)}) : loi normale "
                     "ajustée plutôt que rééchantillonnage.")
    dernieres = np.asarray([float(lignes[depart].valeurs[c]) for c in codes], dtype=np.float64)
    modele = ModeleVariations(codes, tuple(relatives), dernieres, derniere_masse, masse_modelisee, choisie,
                              variations=variations, depart=lignes[depart].periode, raisons=raisons, notes=notes)
    return modele, depart


def pas_avant_accord(accord: Accord, ordre: HistoriqueOrdonne, depart: int,
                     periodes: list[PeriodeCalcul] | None = None) -> tuple[int, list[str]]:
    """Nombre de pas à simuler entre la dernière période connue et la veille de la première période."""
    notes: list[str] = []
    premiere = (periodes_accord(accord) if periodes is None else periodes)[0]
    fin_depart = ordre.fin(depart, accord.periode.date_cloture_premier_exercice)
    libelle = ordre.libelles[depart]
    pas_historique = libelle.mois if libelle is not None else accord.periode.periode_calcul_mois
    if pas_historique != accord.periode.periode_calcul_mois:
        notes.append(f"L'historique est par périodes de {pas_historique} mois, l'accord par périodes de "
                     f"{accord.periode.periode_calcul_mois} mois : une variation observée est appliquée par "
                     "période de l'accord.")
    if fin_depart is None:
        notes.append("Position de l'historique par rapport à l'accord inconnue : la première période suit "
                     "directement la dernière période connue.")
        return 0, notes
    ecart = relativedelta(premiere.fin + relativedelta(days=1), fin_depart + relativedelta(days=1))
    mois = ecart.years * 12 + ecart.months
    if mois <= 0:
        notes.append("L'historique couvre déjà la première période de l'accord : la simulation part de la "
                     "dernière période connue.")
        return 0, notes
    pas = max(1, round(mois / pas_historique))
    if pas > 1:
        notes.append(f"{pas - 1} période(s) simulée(s) entre la dernière période connue et l'accord.")
    return pas - 1, notes


# ------------------------------------------------------------------------------------------------ résultat


_NIVEAUX = np.asarray(NIVEAUX_QUANTILES, dtype=np.float64) / 100


def _quantiles(tries: np.ndarray) -> np.ndarray:
    """Quantiles (interpolation linéaire, comme ``numpy.quantile``) de valeurs déjà triées sur le dernier axe,
    arrondis au centime inférieur : tableau (..., niveaux). Un tri suffit pour tous les niveaux."""
    n = tries.shape[-1]
    h = (n - 1) * _NIVEAUX
    bas = np.floor(h).astype(np.int64)
    haut = np.minimum(bas + 1, n - 1)
    fraction = h - bas
    a, b = tries[..., bas], tries[..., haut]
    return np.floor(a + fraction * (b - a) + 1e-6).astype(np.int64)


def _dict_quantiles(valeurs: np.ndarray) -> dict[int, int]:
    return {n: int(v) for n, v in zip(NIVEAUX_QUANTILES, valeurs, strict=True)}


@dataclass
class ResultatPeriode:
    """Une période de calcul de l'accord, sur tous les scénarios."""

    numero: int
    debut: date
    fin: date
    proba_versement: float
    erreur_type: float
    quantiles_enveloppe_centimes: dict[int, int]
    quantiles_moyenne_beneficiaire_centimes: dict[int, int] | None
    moyenne_enveloppe_centimes: int
    proba_plafond_accord: float
    proba_plafond_legal: float

    @property
    def proba_aucun_versement(self) -> float:
        return 1.0 - self.proba_versement

    def to_dict(self) -> dict[str, Any]:
        return {
            "numero": self.numero,
            "debut": self.debut.isoformat(),
            "fin": self.fin.isoformat(),
            "proba_versement": self.proba_versement,
            "proba_aucun_versement": self.proba_aucun_versement,
            "erreur_type": self.erreur_type,
            "quantiles_enveloppe_centimes": {str(k): v for k, v in self.quantiles_enveloppe_centimes.items()},
            "quantiles_moyenne_beneficiaire_centimes": None if self.quantiles_moyenne_beneficiaire_centimes is None
            else {str(k): v for k, v in self.quantiles_moyenne_beneficiaire_centimes.items()},
            "moyenne_enveloppe_centimes": self.moyenne_enveloppe_centimes,
            "proba_plafond_accord": self.proba_plafond_accord,
            "proba_plafond_legal": self.proba_plafond_legal,
        }


@dataclass
class ResultatMonteCarlo:
    """Le résultat d'une simulation. ``proba_versement`` : part des couples (scénario, période) avec une
    enveloppe > 0 (moyenne des probabilités par période) ; ``methode`` : libellé français de la méthode."""

    scenarios: int
    graine: int
    methode_code: str
    methode: str
    methode_detail: str
    methodes_indicateurs: dict[str, str]
    nb_variations: int
    pas_avant: int
    effectif: int
    periodes: list[ResultatPeriode]
    proba_versement: float
    proba_au_moins_un_versement: float
    proba_plafond_accord: float
    proba_plafond_legal: float
    quantiles_enveloppe_centimes: dict[int, int]
    quantiles_moyenne_beneficiaire_centimes: dict[int, int] | None
    quantiles_total_centimes: dict[int, int]
    notes: list[str]
    enveloppes_centimes: np.ndarray = field(repr=False)  # (scénarios, périodes), centimes en flottants

    @property
    def proba_aucun_versement(self) -> float:
        return 1.0 - self.proba_versement

    @property
    def proba_aucun_versement_sur_la_duree(self) -> float:
        return 1.0 - self.proba_au_moins_un_versement

    def to_dict(self) -> dict[str, Any]:
        def qd(d: dict[int, int] | None) -> dict[str, int] | None:
            return None if d is None else {str(k): v for k, v in d.items()}

        return {
            "scenarios": self.scenarios,
            "graine": self.graine,
            "methode_code": self.methode_code,
            "methode": self.methode,
            "methode_detail": self.methode_detail,
            "methodes_indicateurs": self.methodes_indicateurs,
            "nb_variations": self.nb_variations,
            "pas_avant": self.pas_avant,
            "effectif": self.effectif,
            "proba_versement": self.proba_versement,
            "proba_aucun_versement": self.proba_aucun_versement,
            "proba_au_moins_un_versement": self.proba_au_moins_un_versement,
            "proba_plafond_accord": self.proba_plafond_accord,
            "proba_plafond_legal": self.proba_plafond_legal,
            "quantiles_enveloppe_centimes": qd(self.quantiles_enveloppe_centimes),
            "quantiles_moyenne_beneficiaire_centimes": qd(self.quantiles_moyenne_beneficiaire_centimes),
            "quantiles_total_centimes": qd(self.quantiles_total_centimes),
            "periodes": [p.to_dict() for p in self.periodes],
            "notes": self.notes,
        }


# ------------------------------------------------------------------------------------------------ simulation


def _verifier_scenarios(scenarios: Any) -> int:
    if isinstance(scenarios, bool) or not isinstance(scenarios, int | np.integer):
        raise ErreurEntree(f"Nombre de scénarios : entier attendu (reçu « {scenarios} »).")
    if not 1 <= scenarios <= SCENARIOS_MAX:
        raise ErreurEntree(f"Nombre de scénarios : entre 1 et {SCENARIOS_MAX:_} (reçu {scenarios:_}).".replace("_", " "))
    return int(scenarios)


def _verifier_graine(graine: Any) -> int:
    if isinstance(graine, bool) or not isinstance(graine, int | np.integer) or graine < 0:
        raise ErreurEntree(f"Graine : entier positif ou nul attendu (reçu « {graine} »).")
    return int(graine)


def _taux_plafond_legal(fin: date) -> Decimal:
    try:
        valeur = parametres.value_at("plafond_global_taux", fin)
    except parametres.HorsPeriodeModelisee as exc:
        raise ErreurEntree(f"Simulation impossible : {exc}") from exc
    assert isinstance(valeur, Decimal)
    return valeur


_NOMBRE_MAX = float(NOMBRE_MAX)
_MONTANT_MAX = float(MONTANT_MAX_CENTIMES)


def _saturer(etat: np.ndarray, indice_masse: int | None) -> None:
    """Borne en place les indicateurs simulés (et la masse salariale) : un chemin qui s'emballe sur des centaines
    de périodes sature à la borne des nombres au lieu de déborder (infini, NaN, entier négatif à l'affichage)."""
    np.nan_to_num(etat, copy=False, nan=0.0, posinf=_NOMBRE_MAX, neginf=-_NOMBRE_MAX)
    np.clip(etat, -_NOMBRE_MAX, _NOMBRE_MAX, out=etat)
    if indice_masse is not None:
        np.clip(etat[indice_masse], 0, _MONTANT_MAX, out=etat[indice_masse])


def simuler(
    accord: Accord,
    modele: ModeleVariations,
    scenarios: int = 10_000,
    graine: int = 0,
    *,
    pas_avant: int = 0,
    effectif: int | None = None,
    notes: list[str] | None = None,
    periodes: list[PeriodeCalcul] | None = None,
) -> ResultatMonteCarlo:
    """Simule ``scenarios`` chemins du modèle sur toutes les périodes de l'accord (fonction de bas niveau :
    le modèle peut être donné directement)."""
    n = _verifier_scenarios(scenarios)
    graine = _verifier_graine(graine)
    rng = np.random.default_rng(graine)
    formule = accord.formule
    periodes = periodes_accord(accord) if periodes is None else periodes
    notes = list(notes or [])
    if len(periodes) > PERIODES_SIMULEES_MAX:
        notes.append(f"Simulation limitée aux {PERIODES_SIMULEES_MAX} premières périodes sur {len(periodes)} (jusqu'au "
                     f"{periodes[PERIODES_SIMULEES_MAX - 1].fin:%d/%m/%Y}) : au-delà de cinq ans de périodes "
                     "mensuelles, durée la plus longue qu'un accord puisse avoir (L3312-5), des variations tirées "
                     "au hasard ne disent plus rien.")
        periodes = periodes[:PERIODES_SIMULEES_MAX]
    n_effectif = accord.entreprise.effectif if effectif is None else effectif
    codes = modele.codes
    indice_masse = len(codes)
    etat = modele.etat_initial(n)
    masse_connue = modele.derniere_masse is not None
    k_periodes = len(periodes)
    enveloppes = np.empty((k_periodes, n))
    plafond_accord = np.zeros(k_periodes)
    plafond_legal = np.zeros(k_periodes)
    for _ in range(pas_avant):
        modele.avancer(etat, modele.tirer(rng, n))
        _saturer(etat, indice_masse if modele.masse_modelisee else None)
    for k, p in enumerate(periodes):
        precedent = etat.copy()
        modele.avancer(etat, modele.tirer(rng, n))
        _saturer(etat, indice_masse if modele.masse_modelisee else None)
        if modele.masse_modelisee:
            masse: np.ndarray | float = etat[indice_masse]
        else:
            masse = modele.derniere_masse or 0.0
        r = evaluer_vecteurs(
            formule,
            {c: etat[j] for j, c in enumerate(codes)},
            masse,
            valeurs_precedentes={c: precedent[j] for j, c in enumerate(codes)},
            periode=p.numero,
            taux_plafond_legal=_taux_plafond_legal(p.fin) if masse_connue else None,
        )
        # Une enveloppe reste un montant réel : jamais négative, jamais au-delà de la borne des montants.
        enveloppes[k] = np.clip(np.nan_to_num(r.enveloppe, nan=0.0, posinf=_MONTANT_MAX, neginf=0.0), 0, _MONTANT_MAX)
        plafond_accord[k] = np.count_nonzero(r.plafond_accord_atteint) / r.plafond_accord_atteint.size
        plafond_legal[k] = np.count_nonzero(r.plafond_legal_atteint) / r.plafond_legal_atteint.size
    return _resultat(accord, modele, periodes, enveloppes, plafond_accord, plafond_legal, n, graine, pas_avant,
                     n_effectif, notes)


def _resultat(accord: Accord, modele: ModeleVariations, periodes: list[PeriodeCalcul], enveloppes: np.ndarray,
              p_accord: np.ndarray, p_legal: np.ndarray, n: int, graine: int, pas_avant: int, effectif: int,
              notes: list[str]) -> ResultatMonteCarlo:
    """Synthèse ; ``enveloppes`` : tableau (périodes, scénarios)."""
    verse = enveloppes > 0
    p_verse = np.count_nonzero(verse, axis=1) / n
    q_periodes = _quantiles(np.sort(enveloppes, axis=1))  # (périodes, niveaux)
    moyennes = enveloppes.mean(axis=1)
    q_global = _quantiles(np.sort(enveloppes, axis=None))
    q_total = _quantiles(np.sort(enveloppes.sum(axis=0)))
    par_tete = effectif > 0
    resultats_periodes = []
    for k, p in enumerate(periodes):
        q = q_periodes[k]
        pv = float(p_verse[k])
        resultats_periodes.append(ResultatPeriode(
            p.numero, p.debut, p.fin, pv, math.sqrt(pv * (1 - pv) / n), _dict_quantiles(q),
            _dict_quantiles(q // effectif) if par_tete else None, int(moyennes[k]), float(p_accord[k]),
            float(p_legal[k]),
        ))
    code = modele.methode
    detail = (f"{LIBELLES_METHODES[code]}, sur {modele.nb_variations} variation(s) de période à période ; "
              "indicateurs tirés ensemble " + ("(vecteurs de variation de périodes entières)"
                                              if code == METHODE_BOOTSTRAP else "(covariance empirique)")
              + (f" ; départ : « {modele.depart} »" if modele.depart else ""))
    toutes_notes = list(modele.notes) + list(notes)
    if accord.beneficiaires.dirigeants_inclus:
        toutes_notes.append("Rémunérations des dirigeants non modélisées : plafond légal sur la seule masse salariale.")
    toutes_notes.append(f"Moyenne par bénéficiaire = enveloppe ÷ effectif ({effectif}) ; montants arrondis au "
                        "centime inférieur.")
    return ResultatMonteCarlo(
        scenarios=n, graine=graine, methode_code=code, methode=LIBELLES_METHODES[code], methode_detail=detail,
        methodes_indicateurs=modele.methodes_indicateurs(), nb_variations=modele.nb_variations,
        pas_avant=pas_avant, effectif=effectif, periodes=resultats_periodes,
        proba_versement=float(p_verse.mean()) if len(periodes) else 0.0,
        proba_au_moins_un_versement=float(np.count_nonzero(verse.any(axis=0)) / n),
        proba_plafond_accord=float(p_accord.mean()) if len(periodes) else 0.0,
        proba_plafond_legal=float(p_legal.mean()) if len(periodes) else 0.0,
        quantiles_enveloppe_centimes=_dict_quantiles(q_global),
        quantiles_moyenne_beneficiaire_centimes=_dict_quantiles(q_global // effectif) if par_tete else None,
        quantiles_total_centimes=_dict_quantiles(q_total), notes=toutes_notes, enveloppes_centimes=enveloppes.T,
    )


def monte_carlo(
    accord: Accord,
    scenarios: int = 10_000,
    graine: int = 0,
    historique: list[ValeursPeriode] | None = None,
    *,
    methode: str | None = None,
    effectif: int | None = None,
) -> ResultatMonteCarlo:
    """Simule l'accord sur ``scenarios`` chemins des indicateurs estimés sur l'historique (celui de l'accord par
    défaut). ``HistoriqueInsuffisant`` (une ``ErreurEntree``) si l'historique ne suffit pas."""
    n = _verifier_scenarios(scenarios)
    _verifier_graine(graine)
    source = accord.historique if historique is None else historique
    if not source:
        raise HistoriqueInsuffisant("Simulation impossible : aucun historique des indicateurs (ajoutez "
                                    "« historique » à l'accord ou donnez un fichier CSV d'historique).")
    ordre = ordonner(source)
    modele, depart = ajuster_modele(accord, methode=methode, ordre=ordre)
    periodes = periodes_accord(accord)
    pas, notes = pas_avant_accord(accord, ordre, depart, periodes)
    return simuler(accord, modele, n, graine, pas_avant=pas, effectif=effectif, notes=notes, periodes=periodes)
