"""La vue « coût » : ce que la prime coûte à l'employeur et rapporte au salarié, comparée à une prime ordinaire.

Intéressement (CSS L137-15, L137-16, L136-1-1 ; C. trav. L3315-2) :
- employeur : prime brute + forfait social (0 % sous le seuil d'effectif, 20 % à partir de 250 salariés) ;
- salarié : CSG et CRDS sur 100 % du brut (pas d'abattement de 1,75 %) ;
- impôt sur le revenu : exonéré s'il est placé sur un plan d'épargne, dans la limite de 75 % du PASS (seul
  l'excédent est imposable) ; imposable s'il est perçu (brut moins la CSG déductible).

Prime ordinaire du même brut (comparaison) : cotisations patronales et salariales **approximatives** (taux
globaux indicatifs), CSG-CRDS sur 98,25 % du brut (abattement pour frais professionnels). Ce sont des ordres de
grandeur, pas un calcul de paie.

Chaque taux est un paramètre daté (``interessement/parametres/donnees``), relevé avec sa référence dans
``parametres_utilises``. Argent en centimes entiers : chaque prélèvement est arrondi au centime inférieur et
les nets s'en déduisent par différence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from .. import format as fmt
from .. import parametres
from ..erreurs import ErreurEntree
from ..modele import Accord

APPROXIMATION = "approximation"

_PARAMETRES = (
    "forfait_social_seuil_effectif",
    "forfait_social_taux_moins_seuil",
    "forfait_social_taux_a_partir_seuil",
    "csg_taux",
    "crds_taux",
    "csg_deductible_taux",
    "exoneration_impot_plafond_taux_pass",
    "cotisations_patronales_taux_approx",
    "cotisations_salariales_taux_approx",
    "csg_assiette_salaire_taux",
)


@dataclass
class Chiffrage:
    """Un versement chiffré : ce que paie l'employeur, ce que reçoit le salarié, ce qui est imposable."""

    libelle: str
    brut_centimes: int
    charges_employeur_centimes: int
    cout_employeur_centimes: int
    csg_centimes: int
    crds_centimes: int
    autres_cotisations_salariales_centimes: int
    net_salarie_centimes: int
    imposable_centimes: int
    approximation: bool

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class VueCout:
    brut_centimes: int
    effectif: int
    date: date
    forfait_social_taux: Decimal
    plafond_exoneration_impot_centimes: int
    interessement_place: Chiffrage
    interessement_percu: Chiffrage
    prime_ordinaire: Chiffrage
    parametres_utilises: list[dict[str, str]]
    notes: list[str] = field(default_factory=list)

    @property
    def economie_employeur_centimes(self) -> int:
        """Ce que l'employeur économise par rapport à une prime ordinaire (approximation)."""
        return self.prime_ordinaire.cout_employeur_centimes - self.interessement_place.cout_employeur_centimes

    @property
    def gain_net_salarie_centimes(self) -> int:
        """Ce que le salarié reçoit en plus, net, par rapport à une prime ordinaire (approximation)."""
        return self.interessement_place.net_salarie_centimes - self.prime_ordinaire.net_salarie_centimes

    def to_dict(self) -> dict[str, Any]:
        return {
            "brut_centimes": self.brut_centimes,
            "effectif": self.effectif,
            "date": self.date.isoformat(),
            "forfait_social_taux": float(self.forfait_social_taux),
            "plafond_exoneration_impot_centimes": self.plafond_exoneration_impot_centimes,
            "interessement_place": self.interessement_place.to_dict(),
            "interessement_percu": self.interessement_percu.to_dict(),
            "prime_ordinaire": self.prime_ordinaire.to_dict(),
            "economie_employeur_centimes": self.economie_employeur_centimes,
            "gain_net_salarie_centimes": self.gain_net_salarie_centimes,
            "parametres_utilises": self.parametres_utilises,
            "notes": self.notes,
        }

    def texte(self) -> str:
        """Tableau lisible : trois colonnes (placé, perçu, prime ordinaire)."""
        colonnes = [self.interessement_place, self.interessement_percu, self.prime_ordinaire]
        rangs = [
            ("Montant brut", "brut_centimes"),
            ("Charges employeur", "charges_employeur_centimes"),
            ("Coût employeur", "cout_employeur_centimes"),
            ("CSG", "csg_centimes"),
            ("CRDS", "crds_centimes"),
            ("Autres cotisations salariales", "autres_cotisations_salariales_centimes"),
            ("Net pour le salarié", "net_salarie_centimes"),
            ("Montant imposable (IR)", "imposable_centimes"),
        ]
        entetes = [""] + [c.libelle for c in colonnes]
        lignes_tab = [[lib] + [fmt.montant(getattr(c, attr)) for c in colonnes] for lib, attr in rangs]
        largeurs = [max(len(r[i]) for r in [entetes, *lignes_tab]) for i in range(len(entetes))]

        def ligne(valeurs: list[str]) -> str:
            return "  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(valeurs, largeurs,
                                                                                                  strict=True)))

        sortie = [ligne(entetes), "  ".join("-" * w for w in largeurs)] + [ligne(r) for r in lignes_tab]
        sortie += [
            "",
            f"Forfait social : {fmt.pourcentage(self.forfait_social_taux)} (effectif {self.effectif}) ; "
            f"exonération d'impôt si placé : jusqu'à {fmt.montant(self.plafond_exoneration_impot_centimes)}.",
            f"Économie pour l'employeur par rapport à une prime ordinaire (approximation) : "
            f"{fmt.montant(self.economie_employeur_centimes)} ; gain net pour le salarié (approximation) : "
            f"{fmt.montant(self.gain_net_salarie_centimes)}.",
        ]
        sortie += [f"  - {n}" for n in self.notes]
        return "\n".join(sortie)


def _premier_janvier(d: date) -> date:
    """Le PASS d'une année est celui en vigueur au 1er janvier."""
    return d.replace(month=1, day=1)


def _taux(nom: str, d: date) -> Fraction:
    valeur = parametres.value_at(nom, d)
    assert isinstance(valeur, Decimal)
    return Fraction(valeur)


def _plancher(montant: Any, taux: Fraction) -> Any:
    """⌊montant × taux⌋ exact (entier Python ou tableau d'entiers)."""
    return (montant * taux.numerator) // taux.denominator


def taux_forfait_social(effectif: int, d: date) -> Decimal:
    """0 % sous le seuil d'effectif, 20 % à partir du seuil (paramètres datés)."""
    seuil = parametres.value_at("forfait_social_seuil_effectif", d)
    assert isinstance(seuil, int)
    nom = "forfait_social_taux_a_partir_seuil" if effectif >= seuil else "forfait_social_taux_moins_seuil"
    valeur = parametres.value_at(nom, d)
    assert isinstance(valeur, Decimal)
    return valeur


def chiffrer(brut: Any, effectif: int, d: date) -> dict[str, Any]:
    """Le chiffrage, pour un montant (centimes, entier) ou un tableau de montants (un par scénario).

    Renvoie un dictionnaire de montants (mêmes formes que ``brut``) : clés ``<colonne>_<champ>`` pour les
    colonnes ``place``, ``percu`` et ``prime`` (voir ``Chiffrage``), plus ``plafond_exoneration``.
    """
    t = {nom: _taux(nom, d) for nom in _PARAMETRES if nom != "forfait_social_seuil_effectif"}
    fs = Fraction(taux_forfait_social(effectif, d))
    pass_annuel = parametres.value_at(parametres.PASS, _premier_janvier(d))
    assert isinstance(pass_annuel, int)
    plafond_exo = _plancher(pass_annuel, t["exoneration_impot_plafond_taux_pass"])
    zero = brut * 0
    forfait = _plancher(brut, fs)
    csg = _plancher(brut, t["csg_taux"])
    crds = _plancher(brut, t["crds_taux"])
    net = brut - csg - crds
    excedent = np.maximum(brut - plafond_exo, zero) if isinstance(brut, np.ndarray) else max(brut - plafond_exo, 0)
    imposable_place = excedent - _plancher(excedent, t["csg_deductible_taux"])
    imposable_percu = brut - _plancher(brut, t["csg_deductible_taux"])
    assiette = t["csg_assiette_salaire_taux"]
    patronales = _plancher(brut, t["cotisations_patronales_taux_approx"])
    csg_p = _plancher(brut, assiette * t["csg_taux"])
    crds_p = _plancher(brut, assiette * t["crds_taux"])
    salariales = _plancher(brut, t["cotisations_salariales_taux_approx"])
    autres = salariales - csg_p - crds_p
    autres = np.maximum(autres, zero) if isinstance(brut, np.ndarray) else max(autres, 0)
    net_p = brut - csg_p - crds_p - autres
    imposable_p = brut - autres - _plancher(brut, assiette * t["csg_deductible_taux"])
    commun = {"brut": brut, "charges_employeur": forfait, "cout_employeur": brut + forfait, "csg": csg, "crds": crds,
              "autres_cotisations_salariales": zero, "net_salarie": net}
    resultat: dict[str, Any] = {"plafond_exoneration": plafond_exo}
    for cle, v in commun.items():
        resultat[f"place_{cle}"] = v
        resultat[f"percu_{cle}"] = v
    resultat["place_imposable"] = imposable_place
    resultat["percu_imposable"] = imposable_percu
    resultat.update({"prime_brut": brut, "prime_charges_employeur": patronales,
                     "prime_cout_employeur": brut + patronales, "prime_csg": csg_p, "prime_crds": crds_p,
                     "prime_autres_cotisations_salariales": autres, "prime_net_salarie": net_p,
                     "prime_imposable": imposable_p})
    return resultat


def _date_par_defaut(accord: Accord | None) -> date:
    if accord is None:
        raise ErreurEntree("Vue « coût » : indiquez la date (ou l'accord dont la première période la donne).")
    return accord.periodes()[0].fin


def cout(
    accord: Accord | None,
    montant_brut_centimes: int,
    *,
    effectif: int | None = None,
    date: date | None = None,
) -> VueCout:
    """Chiffre un montant brut d'intéressement (centimes) : coût employeur, net salarié, impôt, et la même
    somme versée en prime ordinaire. ``effectif`` (par défaut celui de l'entreprise) fixe le forfait social ;
    ``date`` (par défaut la fin de la première période de l'accord) fixe les paramètres ; le PASS est celui de
    l'année de cette date. ``HorsPeriodeModelisee`` si un paramètre n'est pas connu à cette date."""
    if isinstance(montant_brut_centimes, bool) or not isinstance(montant_brut_centimes, int | np.integer):
        raise ErreurEntree(f"Vue « coût » : montant brut en centimes entiers attendu (reçu « {montant_brut_centimes} »).")
    if montant_brut_centimes < 0:
        raise ErreurEntree("Vue « coût » : le montant brut doit être positif ou nul.")
    if effectif is None:
        if accord is None:
            raise ErreurEntree("Vue « coût » : indiquez l'effectif (ou l'accord qui le donne).")
        effectif = accord.entreprise.effectif
    if effectif < 0:
        raise ErreurEntree("Vue « coût » : l'effectif doit être positif ou nul.")
    d = date if date is not None else _date_par_defaut(accord)
    brut = int(montant_brut_centimes)
    c = chiffrer(brut, effectif, d)

    def chiffrage(prefixe: str, libelle: str, approximation: bool) -> Chiffrage:
        return Chiffrage(libelle, *(int(c[f"{prefixe}_{k}"]) for k in (
            "brut", "charges_employeur", "cout_employeur", "csg", "crds", "autres_cotisations_salariales",
            "net_salarie", "imposable")), approximation=approximation)

    utilises = [parametres.utilise(nom, d) for nom in _PARAMETRES]
    utilises.append(parametres.utilise(parametres.PASS, _premier_janvier(d)))
    notes = [
        "Montants arrondis au centime inférieur pour chaque prélèvement ; les nets s'en déduisent.",
        "Prime ordinaire : approximation (taux globaux indicatifs de cotisations patronales et salariales, "
        "CSG-CRDS comprises dans ces dernières), pas un calcul de paie.",
        "Montant imposable : approximation (CSG déductible retirée ; sans les autres revenus du foyer).",
        "Intéressement placé : exonéré d'impôt dans la limite annuelle (toutes sommes d'intéressement placées "
        "de l'année) ; seul l'excédent est imposable.",
    ]
    return VueCout(
        brut_centimes=brut, effectif=effectif, date=d, forfait_social_taux=taux_forfait_social(effectif, d),
        plafond_exoneration_impot_centimes=int(c["plafond_exoneration"]),
        interessement_place=chiffrage("place", "Intéressement placé (PEE)", False),
        interessement_percu=chiffrage("percu", "Intéressement perçu", False),
        prime_ordinaire=chiffrage("prime", f"Prime ordinaire ({APPROXIMATION})", True),
        parametres_utilises=utilises, notes=notes,
    )


def cout_scenarios(accord: Accord, montants_centimes: np.ndarray, *, effectif: int | None = None,
                   date: date | None = None) -> dict[str, np.ndarray]:
    """Le même chiffrage pour un tableau de montants bruts (un par scénario), en centimes entiers (int64)."""
    n_effectif = accord.entreprise.effectif if effectif is None else effectif
    d = date if date is not None else _date_par_defaut(accord)
    montants = np.floor(np.asarray(montants_centimes, dtype=np.float64) + 1e-6).astype(np.int64)
    if montants.size and montants.min() < 0:
        raise ErreurEntree("Vue « coût » : montants bruts positifs ou nuls attendus.")
    return {k: np.asarray(v, dtype=np.int64) for k, v in chiffrer(montants, n_effectif, d).items()}
