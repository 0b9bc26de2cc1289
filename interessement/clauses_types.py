"""Rédactions types proposées par défaut (assistant, exemples) : l'utilisateur les relit et les adapte."""

INFORMATION_DEFAUT = {
    "suivi_par": "cse",
    "modalites_information_salaries": (
        "Chaque salarié reçoit la note d'information à l'embauche et, lors de chaque versement, une fiche "
        "distincte du bulletin de paie indiquant le montant de ses droits et les modalités de calcul."
    ),
    "reglement_litiges": (
        "Les différends sont d'abord examinés par la commission de suivi ; à défaut d'accord, ils sont portés "
        "devant le conseil de prud'hommes ou le tribunal judiciaire compétent."
    ),
}
