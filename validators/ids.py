"""Les identifiants stables des règles de REGLES.md §2, par section (copie embarquée dans le paquet).

Un test compare cette liste aux tableaux de ``shared/domain/REGLES.md`` quand le fichier est présent à côté du
dépôt ; la liste embarquée permet de vérifier la couverture du catalogue même sans ce fichier (CI).
Ne jamais renommer ni réutiliser un identifiant : en ajouter un nouveau.
"""

from __future__ import annotations

SECTIONS: dict[str, str] = {
    "A": "Mise en place",
    "B": "Durée et délais",
    "C": "Bénéficiaires",
    "D": "La formule (enveloppe globale)",
    "E": "Plafonds",
    "F": "Répartition",
    "G": "Autres conditions, versement et information",
}

IDS_PAR_SECTION: dict[str, tuple[str, ...]] = {
    "A": ("ENTREPRISE_ELIGIBLE", "MODE_MISE_EN_PLACE", "DUE_CONDITIONS", "CSE_CARENCE", "FORMALITES_CONCLUSION",
          "ADHESION_BRANCHE", "PREVALIDATION"),
    "B": ("DUREE", "PERIODE_CALCUL", "DELAI_CONCLUSION", "DELAI_DEPOT", "VERSEMENT_AVANT_DEPOT", "RECONDUCTION",
          "CONTROLE_URSSAF"),
    "C": ("BENEFICIAIRES_TOUS", "ANCIENNETE", "CONDITION_PRESENCE", "DIRIGEANTS"),
    "D": ("FORMULE_ALEATOIRE", "FORMULE_ACTIVITE", "FORMULE_MESURABLE", "OBJECTIFS_ATTEIGNABLES",
          "FORMULE_COLLECTIVE", "ALEA_FAIBLE"),
    "E": ("PLAFOND_GLOBAL", "PLAFOND_INDIVIDUEL", "REDISTRIBUTION"),
    "F": ("REPARTITION_CRITERES", "ASSIMILATIONS_PRESENCE", "SALAIRE_REFERENCE", "SALAIRE_DIRIGEANTS",
          "SALAIRE_PLANCHER_PLAFOND"),
    "G": ("NON_SUBSTITUTION", "DATE_VERSEMENT", "AFFECTATION_PLAN", "CLAUSES_OBLIGATOIRES", "AVANCES",
          "SUPPLEMENT", "INTEGRITE_DOCUMENT", "SUIVI_ORGANE", "INFORMATION_DATE_PRESUMEE", "DENONCIATION_REVISION",
          "PIECES_DEPOT", "OBLIGATION_PARTAGE_VALEUR"),
}

IDS_REGLES: tuple[str, ...] = tuple(i for ids in IDS_PAR_SECTION.values() for i in ids)

SECTION_DE: dict[str, str] = {i: s for s, ids in IDS_PAR_SECTION.items() for i in ids}
