"""Répartition de l'enveloppe d'intéressement entre les bénéficiaires, exacte au centime.

Met en œuvre l'algorithme de REGLES.md §4 (règles REPARTITION_CRITERES, PLAFOND_INDIVIDUEL,
REDISTRIBUTION, PLAFOND_GLOBAL) :

1. parts initiales : a_i = Σ_k w_k · E · clé_k(i) / Σ_j clé_k(j), avec clé uniforme = 1,
   clé présence = jours de présence, clé salaire = salaire de référence ; une clé dont la somme
   est nulle ne donne rien (sa sous-enveloppe reste non distribuée) ;
2. plafond : b_i = min(a_i, C_i), excédent X = Σ (a_i − b_i) ;
3. si l'accord prévoit la redistribution : X est réparti par les mêmes règles (mêmes w_k, mêmes
   clés) entre les seuls bénéficiaires strictement sous leur plafond, puis on plafonne de nouveau,
   jusqu'à X = 0 ou jusqu'à ce que tous soient plafonnés ; sinon X reste non distribué ;
4. monnaie : chaque montant est arrondi au centime inférieur, puis les centimes restants sont donnés
   un par un aux plus grandes parties fractionnaires (égalité : ordre des identifiants), jamais
   au-delà d'un plafond. Invariant : Σ montants + reliquat = E, exactement.

Exactitude. Un bénéficiaire non plafonné reçoit à chaque tour la même « valeur par unité de clé »
que les autres : son montant exact vaut Σ_k λ_k · clé_k(i), où les trois taux λ_k sont des
``Fraction`` exactes, mises à jour à chaque tour à partir de sommes entières exactes des clés.
Les calculs par bénéficiaire se font en float64 (vectorisés) ; chaque fois qu'une décision dépend
d'une valeur trop proche d'une frontière (plafond atteint ou non, partie entière, ordre des parties
fractionnaires autour du seuil d'attribution des centimes), elle est tranchée en arithmétique entière
exacte pour les seuls bénéficiaires concernés. Le résultat est donc celui de l'arithmétique exacte,
indépendant de l'ordre des bénéficiaires.

Reliquat. Le montant exact non distribué U (sous-enveloppes de clés nulles, excédent non redistribué)
est en général fractionnaire. Le total versé est D = ⌊E − U⌋ centimes ; le reliquat entier vaut
donc E − D = ⌈U⌉ : les fractions de centime impossibles à verser restent dans le reliquat.

Les nombres légaux (taux du plafond individuel, PASS, taux du plafond global) ne figurent pas ici :
l'appelant les lit dans les paramètres datés et les passe en arguments.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = [
    "ParametresRepartition",
    "ResultatRepartition",
    "appliquer_plafond_global",
    "moyenne_centimes",
    "plafond_global_centimes",
    "plafond_individuel_centimes",
    "repartir",
]

# Marge d'erreur retenue pour une valeur float64 calculée v (en centimes) : ABS + REL·|v|.
# L'erreur réelle est de quelques ulp (≈ 1e-15·|v|) : la marge est mille fois plus large.
_MARGE_ABSOLUE = 1e-9
_MARGE_RELATIVE = 1e-12
_NOMS_CLES = ("uniforme", "présence", "salaire")


# --------------------------------------------------------------------------------------------------
# Conversions et contrôles d'entrée
# --------------------------------------------------------------------------------------------------

def _fraction(valeur: Any, nom: str) -> Fraction:
    """Convertit une part ou un taux en Fraction exacte (int, Fraction, Decimal ; pas de float)."""
    if isinstance(valeur, bool) or isinstance(valeur, float | np.floating):
        raise ValueError(
            f"« {nom} » doit être un nombre exact (Fraction ou Decimal, par exemple Decimal(\"0.5\")), "
            f"pas un nombre à virgule flottante ({valeur!r})."
        )
    if isinstance(valeur, Fraction | int | np.integer):
        return Fraction(int(valeur)) if not isinstance(valeur, Fraction) else valeur
    if isinstance(valeur, Decimal):
        if not valeur.is_finite():
            raise ValueError(f"« {nom} » doit être un nombre fini ({valeur}).")
        return Fraction(valeur)
    if isinstance(valeur, str):
        try:
            return Fraction(Decimal(valeur.strip().replace(",", ".")))
        except Exception as exc:  # noqa: BLE001 - message français ci-dessous
            raise ValueError(f"« {nom} » n'est pas un nombre : {valeur!r}.") from exc
    raise ValueError(f"« {nom} » doit être une Fraction ou un Decimal, reçu {type(valeur).__name__}.")


def _entier(valeur: Any, nom: str) -> int:
    """Un entier ≥ 0 (montant en centimes, nombre de jours)."""
    if isinstance(valeur, bool) or not isinstance(valeur, int | np.integer):
        raise ValueError(f"« {nom} » doit être un nombre entier (de centimes ou de jours), reçu {valeur!r}.")
    valeur = int(valeur)
    if valeur < 0:
        raise ValueError(f"« {nom} » ne peut pas être négatif ({valeur}).")
    return valeur


def _tableau_entier(valeurs: Any, nom: str, taille: int | None = None) -> np.ndarray:
    """Convertit en tableau int64 ≥ 0 ; refuse les valeurs non entières ou négatives."""
    tableau = np.asarray(valeurs)
    if tableau.ndim == 0:
        tableau = tableau.reshape(1)
    if tableau.ndim != 1:
        raise ValueError(f"« {nom} » doit être une liste de nombres (une valeur par bénéficiaire).")
    if tableau.size == 0:
        tableau = tableau.astype(np.int64)
    if tableau.dtype.kind == "f":
        if not np.all(np.isfinite(tableau)) or not np.all(tableau == np.floor(tableau)):
            raise ValueError(
                f"« {nom} » doit contenir des nombres entiers (centimes, jours) ; pour une présence "
                "au prorata du temps de travail, exprimez-la en centièmes de jour."
            )
        if np.any(np.abs(tableau) >= 2.0**63):
            raise ValueError(f"« {nom} » contient une valeur trop grande.")
        tableau = tableau.astype(np.int64)
    elif tableau.dtype.kind == "O":
        try:
            entiers = [int(v) for v in tableau]
        except (TypeError, ValueError) as exc:
            raise ValueError(f"« {nom} » doit contenir des nombres entiers.") from exc
        if any(e != v for e, v in zip(entiers, tableau, strict=True)):
            raise ValueError(f"« {nom} » doit contenir des nombres entiers.")
        tableau = np.array(entiers, dtype=np.int64)
    elif tableau.dtype.kind in "iub":
        tableau = tableau.astype(np.int64, copy=False)
    else:
        raise ValueError(f"« {nom} » doit contenir des nombres entiers, reçu le type {tableau.dtype}.")
    if taille is not None and tableau.size != taille:
        raise ValueError(
            f"« {nom} » contient {tableau.size} valeur(s) pour {taille} bénéficiaire(s) : "
            "il faut une valeur par bénéficiaire."
        )
    if tableau.size and int(tableau.min()) < 0:
        raise ValueError(f"« {nom} » contient une valeur négative ({int(tableau.min())}).")
    return tableau


def _somme_exacte(tableau: np.ndarray) -> int:
    """Somme exacte d'un tableau int64 ≥ 0, sans dépassement de capacité (découpage en deux moitiés)."""
    if tableau.size == 0:
        return 0
    if int(tableau.max()) < (1 << 62) // tableau.size:
        return int(tableau.sum(dtype=np.int64))
    haut = int((tableau >> 31).sum(dtype=np.int64))
    bas = int((tableau & ((1 << 31) - 1)).sum(dtype=np.int64))
    return (haut << 31) + bas


def _euros(centimes: int | float | Fraction) -> str:
    """« 1 234,56 € » (arrondi au centime le plus proche ; l'affichage fin est dans interessement.format)."""
    c = int(round(centimes))
    signe = "-" if c < 0 else ""
    c = abs(c)
    entiers = f"{c // 100:,}".replace(",", " ")
    return f"{signe}{entiers},{c % 100:02d} €"


# --------------------------------------------------------------------------------------------------
# Paramètres et résultat
# --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ParametresRepartition:
    """Parts des trois sous-enveloppes (somme = 1) et clause de redistribution de l'accord."""

    part_uniforme: Fraction | Decimal
    part_presence: Fraction | Decimal
    part_salaire: Fraction | Decimal
    redistribution: bool

    def __post_init__(self) -> None:
        parts = self.parts_exactes()
        for nom, part in zip(("part_uniforme", "part_presence", "part_salaire"), parts, strict=True):
            if part < 0 or part > 1:
                raise ValueError(f"La part « {nom} » doit être comprise entre 0 et 1 (reçu {float(part):g}).")
        if sum(parts) != 1:
            total = sum(parts)
            raise ValueError(
                "Les parts des sous-enveloppes (uniforme, présence, salaire) doivent totaliser 100 % ; "
                f"elles totalisent {float(total) * 100:g} %."
            )
        if not isinstance(self.redistribution, bool | np.bool_):
            raise ValueError("« redistribution » doit valoir vrai ou faux.")

    def parts_exactes(self) -> tuple[Fraction, Fraction, Fraction]:
        """Les trois parts en Fraction exacte, dans l'ordre uniforme, présence, salaire."""
        return (
            _fraction(self.part_uniforme, "part_uniforme"),
            _fraction(self.part_presence, "part_presence"),
            _fraction(self.part_salaire, "part_salaire"),
        )


@dataclass
class ResultatRepartition:
    """Résultat de :func:`repartir` : un montant entier en centimes par bénéficiaire, et le reliquat.

    ``part_initiale`` est la part a_i avant tout plafonnement, en centimes (float64, information) ;
    ``redistribue_centimes`` le montant reçu par redistribution, arrondi au centime (information) ;
    ``reliquat_exact`` le montant exact non distribué (Fraction de centimes), décomposé en
    ``reliquat_plafonds`` (excédent sur les plafonds non redistribué) et ``reliquat_cles_nulles``
    (sous-enveloppes dont la clé est nulle) ; ``reliquat_centimes`` = ⌈reliquat_exact⌉.
    """

    identifiants: list[str]
    montants_centimes: np.ndarray
    part_initiale: np.ndarray
    plafonne: np.ndarray
    redistribue_centimes: np.ndarray
    reliquat_centimes: int
    iterations: int
    enveloppe_centimes: int
    plafond_centimes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    redistribution: bool = False
    reliquat_exact: Fraction = Fraction(0)
    reliquat_plafonds: Fraction = Fraction(0)
    reliquat_cles_nulles: Fraction = Fraction(0)

    @property
    def total_distribue_centimes(self) -> int:
        return _somme_exacte(self.montants_centimes)

    def _indice(self, i: int | str) -> int:
        if isinstance(i, str):
            try:
                return self.identifiants.index(i)
            except ValueError:
                raise KeyError(f"Bénéficiaire inconnu : « {i} ».") from None
        return int(i)

    def explication(self, i: int | str) -> str:
        """Explication en français du montant d'un bénéficiaire (indice ou identifiant)."""
        k = self._indice(i)
        ident = self.identifiants[k]
        montant = int(self.montants_centimes[k])
        phrases = [f"Bénéficiaire « {ident} » : part initiale {_euros(float(self.part_initiale[k]))}"]
        if self.plafond_centimes.size:
            plafond = int(self.plafond_centimes[k])
            if self.plafonne[k]:
                excedent = float(self.part_initiale[k]) - plafond
                texte = f"plafond individuel de {_euros(plafond)} atteint"
                if excedent > 0.5:
                    devenir = "redistribué aux autres bénéficiaires" if self.redistribution else "non distribué"
                    texte += f" (excédent de {_euros(excedent)} {devenir})"
                phrases.append(texte)
            else:
                phrases.append(f"plafond individuel de {_euros(plafond)} non atteint")
        recu = int(self.redistribue_centimes[k])
        if recu:
            phrases.append(f"{_euros(recu)} reçus par redistribution de l'excédent d'autres bénéficiaires")
        phrases.append(f"montant final {_euros(montant)}")
        return " ; ".join(phrases) + "."

    def to_records(self) -> list[dict]:
        """Une ligne par bénéficiaire, en types Python natifs (pour JSON, tableaux, documents)."""
        plafonds = self.plafond_centimes if self.plafond_centimes.size else [None] * len(self.identifiants)
        return [
            {
                "identifiant": ident,
                "part_initiale_centimes": float(a),
                "plafond_centimes": None if c is None else int(c),
                "plafonne": bool(p),
                "redistribue_centimes": int(r),
                "montant_centimes": int(m),
            }
            for ident, a, c, p, r, m in zip(
                self.identifiants, self.part_initiale, plafonds, self.plafonne,
                self.redistribue_centimes, self.montants_centimes, strict=True,
            )
        ]


# --------------------------------------------------------------------------------------------------
# Plafonds
# --------------------------------------------------------------------------------------------------

def moyenne_centimes(total_centimes: int, nombre: int) -> int:
    """La moyenne au centime le plus proche (demi-centime arrondi au-dessus), 0 sans bénéficiaire : le « montant
    moyen perçu par les bénéficiaires » de la fiche individuelle (D3313-9) et des écrans. 13 000,00 € entre 22
    bénéficiaires : 590,91 € (590,909…), pas 590,90 €."""
    if nombre <= 0:
        return 0
    return (2 * int(total_centimes) + int(nombre)) // (2 * int(nombre))


def plafond_individuel_centimes(
    pass_centimes: int,
    taux: Decimal | Fraction,
    jours_inscrits: Any,
    jours_exercice: int,
    prorata: bool = True,
) -> np.ndarray:
    """Plafond individuel C_i (PLAFOND_INDIVIDUEL, C. trav. L3314-8), en centimes, arrondi à l'inférieur.

    C_i = ⌊taux × PASS × jours_inscrits_i / jours_exercice⌋ avec prorata (REGLES.md §6 : appliqué par
    défaut aux présents une partie de l'exercice ; absences et temps partiel ne le réduisent pas),
    ⌊taux × PASS⌋ sans prorata. Le taux et le PASS viennent des paramètres datés de l'appelant.
    """
    pass_centimes = _entier(pass_centimes, "pass_centimes")
    t = _fraction(taux, "taux")
    if t < 0:
        raise ValueError("Le taux du plafond individuel ne peut pas être négatif.")
    jours = _tableau_entier(jours_inscrits, "jours_inscrits")
    jours_exercice = _entier(jours_exercice, "jours_exercice")
    if jours_exercice == 0:
        raise ValueError("L'exercice doit compter au moins un jour.")
    numerateur = t.numerator * pass_centimes
    if not prorata:
        return np.full(jours.size, numerateur // t.denominator, dtype=np.int64)
    if jours.size and int(jours.max()) > jours_exercice:
        raise ValueError(
            f"Un bénéficiaire compte {int(jours.max())} jours d'inscription pour un exercice de "
            f"{jours_exercice} jours."
        )
    denominateur = t.denominator * jours_exercice
    if numerateur * jours_exercice < (1 << 62):
        return (numerateur * jours) // denominateur
    exacts = [(numerateur * int(j)) // denominateur for j in jours]
    return np.array(exacts, dtype=np.int64)


def plafond_global_centimes(
    masse_salariale_centimes: int, remuneration_dirigeants_centimes: int, taux: Decimal | Fraction
) -> int:
    """Plafond global (PLAFOND_GLOBAL, C. trav. L3314-8) : ⌊taux × (masse salariale + rémunération
    imposable N-1 des dirigeants bénéficiaires)⌋, en centimes. Le taux vient des paramètres datés."""
    masse = _entier(masse_salariale_centimes, "masse_salariale_centimes")
    dirigeants = _entier(remuneration_dirigeants_centimes, "remuneration_dirigeants_centimes")
    t = _fraction(taux, "taux")
    if t < 0:
        raise ValueError("Le taux du plafond global ne peut pas être négatif.")
    return math.floor(t * (masse + dirigeants))


def appliquer_plafond_global(enveloppe_centimes: int, plafond_centimes: int) -> tuple[int, int]:
    """(enveloppe retenue, excédent) : l'enveloppe est ramenée au plafond global s'il est dépassé."""
    enveloppe = _entier(enveloppe_centimes, "enveloppe_centimes")
    plafond = _entier(plafond_centimes, "plafond_centimes")
    retenue = min(enveloppe, plafond)
    return retenue, enveloppe - retenue


# --------------------------------------------------------------------------------------------------
# Répartition
# --------------------------------------------------------------------------------------------------

class _Etat:
    """Taux exacts λ_k (valeur d'une unité de chaque clé) et montants courants en float64.

    Les tableaux couvrent toute la population ; un bénéficiaire plafonné reçoit un seuil bas infini
    (il ne redevient jamais candidat) et son montant float64 n'est plus utilisé.
    """

    def __init__(self, presence: np.ndarray, salaire: np.ndarray, plafond: np.ndarray):
        self.presence = presence
        self.salaire = salaire
        self.plafond = plafond
        self.lam = [Fraction(0), Fraction(0), Fraction(0)]
        self.presence_f = presence.astype(np.float64)
        self.salaire_f = salaire.astype(np.float64)
        self.plafond_f = plafond.astype(np.float64)
        # Encadrement du plafond : un montant float64 hors de [bas, haut] est sûrement d'un côté.
        marge = _marge(self.plafond_f)
        self.seuil_bas = self.plafond_f - marge
        self.seuil_haut = self.plafond_f + marge
        self.t = np.zeros(presence.size)

    def evaluer(self) -> np.ndarray:
        """Recalcule les montants float64 : Σ_k λ_k · clé_k(i) (seuls ceux des actifs ont un sens)."""
        lu, lp, ls = (float(x) for x in self.lam)
        t = np.full(self.presence.size, lu)
        if lp:
            t += lp * self.presence_f
        if ls:
            t += ls * self.salaire_f
        self.t = t
        return t

    def plafonner(self, idx: np.ndarray) -> None:
        self.seuil_bas[idx] = np.inf

    def numerateurs(self, idx: np.ndarray) -> tuple[np.ndarray, int]:
        """Montants exacts des bénéficiaires idx sous la forme N_i / q, N_i entiers Python (tableau
        object), q dénominateur commun."""
        q = math.lcm(*(x.denominator for x in self.lam))
        pu, pp, ps = (x.numerator * (q // x.denominator) for x in self.lam)
        colonnes = []
        if pp:
            colonnes.append(self.presence[idx])
        if ps:
            colonnes.append(self.salaire[idx])
        if not colonnes:
            return np.full(idx.size, pu, dtype=object), q
        # Les montants ne dépendent que des clés : calcul exact une fois par combinaison distincte.
        matrice = np.stack(colonnes, axis=1)
        uniques, inverse = np.unique(matrice, axis=0, return_inverse=True)
        valeurs = np.empty(len(uniques), dtype=object)
        for j, ligne in enumerate(uniques.tolist()):
            v = pu
            pos = 0
            if pp:
                v += pp * ligne[pos]
                pos += 1
            if ps:
                v += ps * ligne[pos]
            valeurs[j] = v
        return valeurs[inverse.reshape(-1)], q


def _marge(valeurs: np.ndarray) -> np.ndarray:
    """Borne (très large) de l'erreur float64 sur des montants ≥ 0 : ABS + REL·v."""
    marge = valeurs * _MARGE_RELATIVE
    marge += _MARGE_ABSOLUE
    return marge


def _nouveaux_plafonnes(etat: _Etat) -> np.ndarray:
    """Indices des actifs dont le montant exact atteint leur plafond (≥) ; les cas trop proches du
    plafond pour le float64 sont tranchés en arithmétique exacte.

    Si t_float > C + marge(C), le montant exact dépasse C (erreur relative ≤ 1e-15 ≪ 1e-12) ;
    si t_float < C − marge(C), il est en dessous ; entre les deux, calcul exact.
    """
    t = etat.evaluer()
    candidats = np.flatnonzero(t >= etat.seuil_bas)
    if candidats.size == 0:
        return candidats
    atteint = t[candidats] > etat.seuil_haut[candidats]
    doute = np.flatnonzero(~atteint)
    if doute.size:
        idx = candidats[doute]
        n, q = etat.numerateurs(idx)
        plafonds = etat.plafond[idx].tolist()
        atteint[doute] = [a >= b * q for a, b in zip(n.tolist(), plafonds, strict=True)]
    return candidats[atteint]


def _verifier_identifiants(identifiants: Sequence[str]) -> list[str]:
    ids = list(identifiants)
    try:
        "".join(ids)  # contrôle de type le plus rapide : TypeError dès qu'un identifiant n'est pas une chaîne
    except TypeError:
        ids = [str(x) for x in ids]
    if len(set(ids)) != len(ids):
        vus: set[str] = set()
        doublons = sorted({x for x in ids if x in vus or vus.add(x)})
        raise ValueError(f"Identifiants en double : {', '.join(doublons[:10])}.")
    return ids


def repartir(
    enveloppe_centimes: int,
    identifiants: Sequence[str],
    presence: Any,
    salaire_centimes: Any,
    plafond_centimes: Any,
    params: ParametresRepartition,
) -> ResultatRepartition:
    """Répartit l'enveloppe E (déjà ramenée au plafond global) selon REGLES.md §4, au centime près.

    ``presence`` : jours de présence (absences non assimilées déduites), entiers ≥ 0 ;
    ``salaire_centimes`` : salaire de référence, entiers ≥ 0 ; ``plafond_centimes`` : plafond
    individuel C_i déjà proratisé par l'appelant (voir :func:`plafond_individuel_centimes`).
    Seules les proportions des clés comptent : toute unité entière convient (jours, centièmes de jour).
    Les égalités de parties fractionnaires sont départagées par l'ordre lexicographique des identifiants.
    Lève ``ValueError`` (message français) sur une entrée invalide.
    """
    if not isinstance(params, ParametresRepartition):
        raise ValueError("« params » doit être un ParametresRepartition.")
    enveloppe = _entier(enveloppe_centimes, "enveloppe_centimes")
    ids = _verifier_identifiants(identifiants)
    n = len(ids)
    pres = _tableau_entier(presence, "presence", n)
    sal = _tableau_entier(salaire_centimes, "salaire_centimes", n)
    cap = _tableau_entier(plafond_centimes, "plafond_centimes", n)
    poids = params.parts_exactes()
    etat = _Etat(pres, sal, cap)

    plafonne = np.zeros(n, dtype=bool)
    sommes = [n, _somme_exacte(pres), _somme_exacte(sal)]
    cles_nulles = Fraction(0)
    excedent_non_redistribue = Fraction(0)

    def distribuer(montant: Fraction) -> Fraction:
        """Ajoute montant aux actifs par les trois clés ; renvoie la part non distribuable (clé nulle)."""
        perdu = Fraction(0)
        for k in range(3):
            part = poids[k] * montant
            if not part:
                continue
            if sommes[k] == 0:
                perdu += part
            else:
                etat.lam[k] += part / sommes[k]
        return perdu

    # Tour 1 : parts initiales a_i ; tours suivants : redistribution de l'excédent sur les plafonds.
    cles_nulles += distribuer(Fraction(enveloppe))
    iterations = 1
    part_initiale = etat.evaluer().copy()
    while True:
        nouveaux = _nouveaux_plafonnes(etat)
        if nouveaux.size == 0:
            break
        cles_nouveaux = [nouveaux.size, _somme_exacte(pres[nouveaux]), _somme_exacte(sal[nouveaux])]
        excedent = sum(
            (etat.lam[k] * cles_nouveaux[k] for k in range(3)), Fraction(0)
        ) - _somme_exacte(cap[nouveaux])
        plafonne[nouveaux] = True
        etat.plafonner(nouveaux)
        for k in range(3):
            sommes[k] -= cles_nouveaux[k]
        if excedent == 0:
            break  # plafond atteint tout juste : rien à redistribuer, les autres restent sous le leur
        if not params.redistribution or sommes[0] == 0:
            excedent_non_redistribue += excedent
            break
        cles_nulles += distribuer(excedent)
        iterations += 1

    # ---- Monnaie : centimes entiers -------------------------------------------------------------
    reliquat_exact = cles_nulles + excedent_non_redistribue
    a_verser = math.floor(enveloppe - reliquat_exact)
    libres = ~plafonne
    t = np.where(plafonne, 0.0, etat.t)  # montants float64 des actifs (λ à jour), 0 pour les plafonnés
    marge = _marge(t)
    entiers_f = np.floor(t)
    frac = t - entiers_f
    montants = entiers_f.astype(np.int64)
    montants[plafonne] = cap[plafonne]
    frac[plafonne] = -1.0  # jamais candidat à un centime supplémentaire
    # Partie entière douteuse (valeur exacte trop proche d'un entier) : calcul exact.
    proche = np.flatnonzero(((frac <= marge) | (frac >= 1 - marge)) & libres)
    if proche.size:
        num, q = etat.numerateurs(proche)
        for j, v in zip(proche.tolist(), num.tolist(), strict=True):
            e, r = divmod(v, q)
            montants[j] = e
            frac[j] = float(Fraction(r, q))
            marge[j] = _MARGE_ABSOLUE  # valeur exacte arrondie : erreur ≤ 1 ulp
    manque = a_verser - _somme_exacte(montants)
    if manque < 0 or manque >= max(sommes[0], 1):  # pragma: no cover - garde-fou
        raise AssertionError("Répartition incohérente : centimes restants hors limites.")
    if manque:
        montants[_choisir_centimes(etat, frac, marge, manque, ids)] += 1

    if np.any(montants > cap) or np.any(montants < 0):  # pragma: no cover - garde-fou
        raise AssertionError("Répartition incohérente : montant hors de [0, plafond].")

    # Reçu par redistribution (information) : montant final − part initiale plafonnée arrondie, de sorte
    # que l'explication « part initiale + redistribué = final » tombe juste à l'affichage.
    if params.redistribution and iterations > 1:
        final_f = np.where(plafonne, etat.plafond_f, t)
        initial_plafonne = np.minimum(part_initiale, etat.plafond_f)
        recu = final_f - initial_plafonne > _marge(final_f)
        redistribue = montants - np.rint(initial_plafonne).astype(np.int64)
        np.maximum(redistribue, 0, out=redistribue)
        redistribue[~recu] = 0
    else:
        redistribue = np.zeros(n, dtype=np.int64)

    return ResultatRepartition(
        identifiants=ids,
        montants_centimes=montants,
        part_initiale=part_initiale,
        plafonne=plafonne,
        redistribue_centimes=redistribue,
        reliquat_centimes=enveloppe - _somme_exacte(montants),
        iterations=iterations,
        enveloppe_centimes=enveloppe,
        plafond_centimes=cap,
        redistribution=bool(params.redistribution),
        reliquat_exact=reliquat_exact,
        reliquat_plafonds=excedent_non_redistribue,
        reliquat_cles_nulles=cles_nulles,
    )


def _choisir_centimes(etat: _Etat, frac: np.ndarray, marge: np.ndarray, m: int, ids: list[str]) -> np.ndarray:
    """Indices des m bénéficiaires aux plus grandes parties fractionnaires exactes (plafonnés exclus :
    frac = −1) ; égalités départagées par identifiant croissant.

    Encadrement : chaque partie exacte est dans [frac − marge, frac + marge], marge ≤ M. Soit v la
    m-ième et v' la (m+1)-ième plus grande valeur de frac. Au moins m valeurs exactes sont ≥ v − M :
    tout bénéficiaire de borne haute < v − M est exclu. Au plus m valeurs exactes dépassent v' + M :
    tout bénéficiaire de borne basse > v' + M est retenu. Les autres sont départagés exactement.
    (L'appelant garantit m < nombre d'actifs de partie fractionnaire > 0, donc v' ≥ 0.)
    """
    taille = frac.size
    m_max = float(marge.max())
    rangs = np.partition(frac, [taille - m - 1, taille - m])
    v, v2 = rangs[taille - m], rangs[taille - m - 1]
    surs = frac - marge > v2 + m_max
    candidats = frac + marge >= v - m_max
    doute = np.flatnonzero(candidats & ~surs)
    reste = m - int(np.count_nonzero(surs))
    choisis = [np.flatnonzero(surs)]
    if reste:
        num, q = etat.numerateurs(doute)
        restes = [x % q for x in num.tolist()]
        # Rang exact des parties fractionnaires (peu de valeurs distinctes), puis identifiant.
        rang = {val: r for r, val in enumerate(sorted(set(restes), reverse=True))}
        codes = np.array([rang[val] for val in restes], dtype=np.int64)
        noms = np.array([ids[i] for i in doute.tolist()])
        ordre = np.lexsort((noms, codes))
        choisis.append(doute[ordre[:reste]])
    return np.concatenate(choisis)
