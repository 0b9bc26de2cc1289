"""Lecture des DSN mensuelles (norme NEODeS) pour la répartition de l'intéressement.

``lire_dsn(fichiers, exercice)`` donne, pour chaque salarié de l'exercice, le salaire brut, les jours
d'inscription à l'effectif et les absences par motif, sous la forme de la lecture d'un fichier CSV de salariés.
Voir ``lecture`` (le lecteur) et ``norme`` (rubriques, codes, version de la norme).
"""

from .lecture import ErreurDSN, FichierDSN, LectureDSN, est_dsn, fichiers_de, lire_dsn, lire_fichier_dsn
from .norme import VERSION_NORME, libelle_absence

__all__ = ["ErreurDSN", "FichierDSN", "LectureDSN", "VERSION_NORME", "est_dsn", "fichiers_de", "libelle_absence",
           "lire_dsn", "lire_fichier_dsn"]
