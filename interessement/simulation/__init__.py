"""Le laboratoire de l'aléa : back-test, Monte-Carlo et coût de la prime (numpy pur, ni streamlit ni docx).

- ``backtest(accord, historique=None)`` : l'enveloppe que la formule aurait donnée sur chaque exercice passé ;
- ``monte_carlo(accord, scenarios=10_000, graine=0, historique=None)`` : probabilité de versement, quantiles,
  plafonds atteints, période par période (``.proba_versement``, ``.methode``) ;
- ``cout(accord, montant_brut_centimes, effectif=None, date=None)`` : coût employeur, net salarié, impôt,
  comparés à une prime ordinaire (approximation) ;
- ``lire_historique_csv(source, accord=None)`` : historique au format CSV français.
"""

from .backtest import LigneBacktest, ResultatBacktest, backtest
from .cout import Chiffrage, VueCout, cout, cout_scenarios
from .historique import lire_historique_csv, lire_libelle, ordonner
from .monte_carlo import (
    HistoriqueInsuffisant,
    ModeleVariations,
    ResultatMonteCarlo,
    ResultatPeriode,
    ajuster_modele,
    monte_carlo,
    simuler,
)

__all__ = [
    "Chiffrage",
    "HistoriqueInsuffisant",
    "LigneBacktest",
    "ModeleVariations",
    "ResultatBacktest",
    "ResultatMonteCarlo",
    "ResultatPeriode",
    "VueCout",
    "ajuster_modele",
    "backtest",
    "cout",
    "cout_scenarios",
    "lire_historique_csv",
    "lire_libelle",
    "monte_carlo",
    "ordonner",
    "simuler",
]
