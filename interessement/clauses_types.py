"""Rédactions types proposées par défaut (assistant) : l'utilisateur les relit et les adapte.

Transitoire : l'assistant cessera de s'en servir (chaque fait vient de l'utilisateur, issue 9) ; les exemples de
``examples/`` ne s'en servent plus. Aucune de ces valeurs ne nomme une instance qui pourrait ne pas exister :
le suivi et les différends sont déduits de la présence d'un CSE (``suivi_par`` et ``reglement_litiges`` vides,
la clause est rédigée par la bibliothèque des clauses). La date présumée d'information (R3313-12 II) est un
fait que l'assistant doit demander ; la valeur ci-dessous (remise en main propre) n'est qu'une proposition.
"""

INFORMATION_DEFAUT = {
    "suivi_par": None,
    "modalites_information_salaries": (
        "Chaque salarié reçoit la note d'information à l'embauche et, lors de chaque versement, une fiche "
        "distincte du bulletin de paie indiquant le montant de ses droits et les modalités de calcul."
    ),
    "presomption_information": {"moyen": "remise_main_propre", "jours_apres_envoi": 0},
    "instance_litiges": None,
    "reglement_litiges": None,
}
