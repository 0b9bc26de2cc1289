"""Ce qui reste « à renseigner » : les réponses obligatoires que la personne n'a pas encore données.

Logique pure (sans Streamlit), testée seule. Un champ obligatoire sans réponse (``None``, texte vide, liste vide)
n'est jamais rempli à la place de la personne : il est nommé ici, affiché sous le champ, listé au récapitulatif, et
il garde les documents fermés. Ce qui est obligatoire dépend des réponses précédentes (le mode de mise en place
décide des faits à fournir : vote du personnel, vote du CSE, audience des syndicats signataires, accord de branche).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from .eligibilite import dirigeants_possibles, seuils

MODES_SYNDICAUX = ("accord_delegues_syndicaux", "convention_collective")
MODES_SIGNATAIRES_SALARIES = ("accord_cse", "accord_delegues_syndicaux", "convention_collective")
QUALITES_CONJOINT = ("conjoint_collaborateur", "conjoint_associe")


@dataclass(frozen=True)
class Manque:
    chemin: str
    libelle: str  # ce qu'il faut indiquer, en minuscules : « la raison sociale »

    @property
    def texte(self) -> str:
        return f"À renseigner : {self.libelle}."


def vide(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, list | dict) and not v)


def _entier(v: Any) -> int:
    try:
        return int(v or 0)
    except (TypeError, ValueError):
        return 0


def reponse_conges_payes(accord: dict[str, Any], ui: dict[str, Any]) -> bool | None:
    """« Les congés payés comptent-ils comme de la présence ? » (clé de présence) : la réponse donnée, sinon celle
    que porte déjà la liste des absences assimilées d'un brouillon (congés payés cochés parmi les autres absences
    assimilées) ; ``None`` tant que la personne n'a rien dit (jamais « non » par défaut)."""
    reponse = (ui.get("questions") or {}).get("conges_payes")
    if reponse is None and "conges_payes" in ((accord.get("repartition") or {}).get("absences_assimilees") or []):
        return True
    return reponse


def manques(accord: dict[str, Any], ui: dict[str, Any], d: date) -> list[Manque]:
    """Toutes les réponses obligatoires encore absentes, dans l'ordre des étapes."""
    resultat: list[Manque] = []

    def exiger(chemin: str, valeur: Any, libelle: str) -> None:
        if vide(valeur):
            resultat.append(Manque(chemin, libelle))

    s = seuils(d)
    e = accord.get("entreprise") or {}
    mep = accord.get("mise_en_place") or {}
    questions = ui.get("questions") or {}

    # 1. Entreprise
    exiger("entreprise.raison_sociale", e.get("raison_sociale"), "la raison sociale")
    exiger("entreprise.adresse", e.get("adresse"), "l'adresse du siège")
    exiger("entreprise.effectif", e.get("effectif"), "le nombre de salariés")
    exiger("entreprise.delegues_syndicaux", e.get("delegues_syndicaux"), "s'il y a un délégué syndical")
    exiger("entreprise.cse", e.get("cse"), "si un comité social et économique est élu")
    exiger("entreprise.couverte_accord_branche_agree", e.get("couverte_accord_branche_agree"),
           "si un accord de branche agréé couvre l'entreprise")
    effectif = _entier(e.get("effectif"))
    if e.get("cse") is False and effectif >= s["cse"]:
        exiger("entreprise.date_pv_carence", e.get("date_pv_carence"), "la date du procès-verbal de carence")
    dirigeants = e.get("dirigeants") or []
    exiger("entreprise.dirigeants", dirigeants, "le dirigeant qui représente l'entreprise")
    for i, dg in enumerate(dirigeants):
        exiger(f"entreprise.dirigeants[{i}].nom", (dg or {}).get("nom"), "le nom du dirigeant")
        exiger(f"entreprise.dirigeants[{i}].qualite", (dg or {}).get("qualite"), "la qualité du dirigeant")

    # 2. Mode de mise en place et ses faits
    mode = mep.get("mode")
    exiger("mise_en_place.mode", mode, "le mode de mise en place")
    if mode == "ratification":
        r = mep.get("ratification") or {}
        base = "mise_en_place.ratification"
        exiger(f"{base}.effectif_inscrit", r.get("effectif_inscrit"), "le personnel inscrit le jour du vote")
        exiger(f"{base}.votes_pour", r.get("votes_pour"), "le nombre de votes pour")
        exiger(f"{base}.votes_contre", r.get("votes_contre"), "le nombre de votes contre")
        exiger(f"{base}.proces_verbal", r.get("proces_verbal"),
               "si le résultat du vote est consigné dans un procès-verbal")
        if e.get("delegues_syndicaux") or e.get("cse"):
            exiger(f"{base}.demande_conjointe", r.get("demande_conjointe"),
                   "si la ratification est demandée conjointement")
    elif mode == "accord_cse":
        v = mep.get("vote_cse") or {}
        exiger("mise_en_place.vote_cse.membres_titulaires_presents", v.get("membres_titulaires_presents"),
               "le nombre de membres titulaires présents à la réunion du CSE")
        exiger("mise_en_place.vote_cse.votes_pour", v.get("votes_pour"), "le nombre de votes favorables au CSE")
    elif mode in MODES_SYNDICAUX:
        audience = mep.get("audience_signataires")
        exiger("mise_en_place.audience_signataires", audience,
               "l'audience des syndicats signataires aux dernières élections")
        try:
            entre_30_et_50 = audience is not None and 0.3 < float(audience) <= 0.5
        except (TypeError, ValueError):
            entre_30_et_50 = False
        if entre_30_et_50:
            exiger("mise_en_place.date_consultation_salaries", mep.get("date_consultation_salaries"),
                   "la date de la consultation des salariés qui a approuvé l'accord")
    elif mode == "decision_unilaterale" and (e.get("delegues_syndicaux") or e.get("cse")):
        exiger("mise_en_place.date_pv_desaccord", mep.get("date_pv_desaccord"),
               "la date du procès-verbal de désaccord")
        if e.get("cse"):
            exiger("mise_en_place.date_consultation_cse", mep.get("date_consultation_cse"),
                   "la date de consultation du CSE")
    elif mode == "adhesion_branche":
        ab = mep.get("adhesion_branche") or {}
        base = "mise_en_place.adhesion_branche"
        exiger(f"{base}.intitule", ab.get("intitule"), "l'intitulé de l'accord de branche")
        exiger(f"{base}.idcc", ab.get("idcc"), "l'IDCC de la branche")
        exiger(f"{base}.date_accord", ab.get("date_accord"), "la date de l'accord de branche")
        exiger(f"{base}.date_agrement", ab.get("date_agrement"), "la date de son agrément")
        if effectif < s["due"]:
            exiger(f"{base}.par_document_unilateral", ab.get("par_document_unilateral"),
                   "si l'adhésion se fait par document unilatéral")
        if ab.get("par_document_unilateral"):
            exiger(f"{base}.accord_type_avec_options", ab.get("accord_type_avec_options"),
                   "si l'accord de branche propose un accord type avec des options")
        options = ab.get("options") or []
        exiger(f"{base}.options", options, "les options retenues de l'accord de branche")
        for i, o in enumerate(options):
            for champ, quoi in (("article", "l'article de l'accord de branche qui offre l'option"),
                                ("objet", "l'objet de l'option"), ("choix", "l'option retenue")):
                exiger(f"{base}.options[{i}].{champ}", (o or {}).get(champ), quoi)

    # 3. Dates
    p = accord.get("periode") or {}
    exiger("periode.date_effet", p.get("date_effet"), "la date d'effet")
    exiger("periode.date_cloture_premier_exercice", p.get("date_cloture_premier_exercice"),
           "la clôture du premier exercice")
    exiger("periode.periode_calcul_mois", p.get("periode_calcul_mois"), "la période de calcul")
    exiger("periode.duree_annees", p.get("duree_annees"), "la durée de l'accord")
    exiger("periode.reconduction_tacite", p.get("reconduction_tacite"), "si l'accord se renouvelle tacitement")
    exiger("mise_en_place.date_conclusion", mep.get("date_conclusion"), "la date de conclusion")

    # 4. Bénéficiaires
    ben = accord.get("beneficiaires") or {}
    exiger("beneficiaires.anciennete.mois", (ben.get("anciennete") or {}).get("mois"), "l'ancienneté exigée")
    if e.get("effectif") is not None and dirigeants_possibles(effectif, d):
        exiger("beneficiaires.dirigeants_inclus", ben.get("dirigeants_inclus"),
               "si les dirigeants bénéficient de l'intéressement")
        if any((dg or {}).get("qualite") in QUALITES_CONJOINT for dg in dirigeants):
            exiger("beneficiaires.conjoint_inclus", ben.get("conjoint_inclus"),
                   "si le conjoint collaborateur ou associé en bénéficie")

    # 5. Formule
    f = accord.get("formule") or {}
    composantes = f.get("composantes") or []
    exiger("formule.composantes", composantes, "la façon de calculer la prime")
    for i, comp in enumerate(composantes):
        base = f"formule.composantes[{i}]"
        t = (comp or {}).get("type")
        if t == "part_resultat":
            if comp.get("tranches"):
                for j, tr in enumerate(comp["tranches"]):
                    exiger(f"{base}.tranches[{j}].plancher_centimes", tr.get("plancher_centimes"),
                           "le seuil de la tranche")
                    exiger(f"{base}.tranches[{j}].taux", tr.get("taux"), "le pourcentage de la tranche")
            else:
                exiger(f"{base}.taux", comp.get("taux"), "le pourcentage partagé")
                exiger(f"{base}.seuil_centimes", comp.get("seuil_centimes"), "le seuil de résultat")
        elif t == "paliers_croissance":
            for j, pa in enumerate(comp.get("paliers") or []):
                exiger(f"{base}.paliers[{j}].croissance_min", pa.get("croissance_min"),
                       "la croissance qui déclenche le palier")
                exiger(f"{base}.paliers[{j}].taux_masse_salariale", pa.get("taux_masse_salariale"),
                       "le pourcentage de la masse salariale du palier")
        elif t == "objectifs":
            exiger(f"{base}.budget_taux_masse_salariale", comp.get("budget_taux_masse_salariale"),
                   "le budget des objectifs")
            for j, o in enumerate(comp.get("objectifs") or []):
                for champ, quoi in (("nom", "le nom de l'objectif"), ("poids", "le poids de l'objectif"),
                                    ("declenchement", "le niveau de déclenchement"), ("cible", "la cible")):
                    exiger(f"{base}.objectifs[{j}].{champ}", o.get(champ), quoi)
    for j, dcl in enumerate(f.get("declencheurs") or []):
        exiger(f"formule.declencheurs[{j}].valeur", dcl.get("valeur"), "la valeur de la condition de déclenchement")
    plafond = f.get("plafond")
    if isinstance(plafond, dict) and all(vide(plafond.get(k)) for k in ("taux_masse_salariale", "montant_centimes",
                                                                          "taux_indicateur")):
        resultat.append(Manque("formule.plafond.taux_masse_salariale", "le plafond de l'enveloppe (ou retirez-le)"))

    # 6. Répartition
    rep = accord.get("repartition") or {}
    if all(rep.get(k) is None for k in ("part_uniforme", "part_presence", "part_salaire")):
        resultat.append(Manque("repartition.part_uniforme", "le partage de l'enveloppe entre les trois clés"))
    try:
        salaire = float(rep.get("part_salaire") or 0) > 0
    except (TypeError, ValueError):
        salaire = False
    if salaire:
        exiger("repartition.notion_salaire", rep.get("notion_salaire"), "le salaire retenu")
    try:
        presence = float(rep.get("part_presence") or 0) > 0
    except (TypeError, ValueError):
        presence = False
    if presence:
        exiger("ui.questions.conges_payes", reponse_conges_payes(accord, ui),
               "si les congés payés comptent comme de la présence")
    exiger("repartition.redistribution_excedent", rep.get("redistribution_excedent"),
           "si ce qui dépasse le plafond individuel est redistribué")
    exiger("repartition.prorata_plafond_individuel", rep.get("prorata_plafond_individuel"),
           "si le plafond individuel est réduit au prorata de la durée dans l'effectif")

    # 7. Versement
    v = accord.get("versement") or {}
    exiger("versement.delai_versement_mois", v.get("delai_versement_mois"), "le délai de versement")
    exiger("ui.questions.plans", questions.get("plans"), "si l'entreprise a un plan d'épargne salariale")
    if questions.get("plans"):
        exiger("versement.plans_epargne", v.get("plans_epargne"), "les plans d'épargne de l'entreprise")
    exiger("ui.questions.avances", questions.get("avances"), "si des avances sont prévues")
    if questions.get("avances"):
        exiger("versement.avances.periodicite_mois", (v.get("avances") or {}).get("periodicite_mois"),
               "la fréquence des avances")

    # 8. Information et signataires
    info = accord.get("information") or {}
    exiger("information.preambule", info.get("preambule"), "le préambule")
    exiger("information.suivi_par", info.get("suivi_par"), "qui suit l'application de l'accord")
    exiger("information.modalites_information_salaries", info.get("modalites_information_salaries"),
           "comment les salariés sont informés")
    exiger("information.presomption_information.moyen", (info.get("presomption_information") or {}).get("moyen"),
           "comment chaque salarié est informé de sa prime (date où il est présumé informé)")
    exiger("information.instance_litiges", info.get("instance_litiges"), "qui examine d'abord un différend")
    exiger("information.reglement_litiges", info.get("reglement_litiges"), "le règlement des différends")
    exiger("ui.questions.elements_supprimes", questions.get("elements_supprimes"),
           "si un élément de salaire a été supprimé depuis moins d'un an")
    if questions.get("elements_supprimes"):
        for i, el in enumerate(accord.get("elements_remuneration_supprimes") or []):
            exiger(f"elements_remuneration_supprimes[{i}].libelle", el.get("libelle"), "l'élément supprimé")
            exiger(f"elements_remuneration_supprimes[{i}].date_suppression", el.get("date_suppression"),
                   "la date de la suppression")
    signataires = mep.get("signataires") or []
    if not any((s_ or {}).get("partie") == "employeur" for s_ in signataires):
        resultat.append(Manque("mise_en_place.signataires", "la personne qui signe pour l'employeur"))
    if mode in MODES_SIGNATAIRES_SALARIES and not any((s_ or {}).get("partie") == "salaries" for s_ in signataires):
        qui = "les membres du CSE qui signent" if mode == "accord_cse" else "les délégués syndicaux qui signent"
        resultat.append(Manque("mise_en_place.signataires", qui))
    for i, sg in enumerate(signataires):
        exiger(f"mise_en_place.signataires[{i}].nom", (sg or {}).get("nom"), "le nom du signataire")
        exiger(f"mise_en_place.signataires[{i}].qualite", (sg or {}).get("qualite"), "la qualité du signataire")
    exiger("mise_en_place.lieu", mep.get("lieu"), "le lieu de signature (« Fait à »)")
    return resultat


# ------------------------------------------------------------------------------------------------- libellés

#: Le nom lisible d'un chemin du brouillon (indices remplacés par « [] »), pour le récapitulatif et les exemples.
LIBELLES: dict[str, str] = {
    "entreprise.raison_sociale": "Raison sociale",
    "entreprise.siren": "SIREN",
    "entreprise.forme_juridique": "Forme juridique",
    "entreprise.adresse": "Adresse du siège",
    "entreprise.effectif": "Nombre de salariés",
    "entreprise.date_pv_carence": "Date du procès-verbal de carence",
    "entreprise.convention_collective": "Convention collective",
    "entreprise.dirigeants[].nom": "Nom du dirigeant",
    "entreprise.etablissements[]": "Établissement",
    "entreprise.resultats_fiscaux[].exercice": "Exercice (partage de la valeur)",
    "entreprise.resultats_fiscaux[].benefice_net_fiscal_centimes": "Bénéfice net fiscal",
    "entreprise.resultats_fiscaux[].chiffre_affaires_centimes": "Chiffre d'affaires",
    "mise_en_place.date_conclusion": "Date de conclusion",
    "mise_en_place.lieu": "Fait à",
    "mise_en_place.signataires[].nom": "Nom du signataire",
    "mise_en_place.signataires[].qualite": "Qualité du signataire",
    "mise_en_place.signataires[].organisation": "Organisation du signataire",
    "mise_en_place.ratification.effectif_inscrit": "Personnel inscrit le jour du vote",
    "mise_en_place.ratification.votes_pour": "Votes pour",
    "mise_en_place.ratification.votes_contre": "Votes contre",
    "mise_en_place.ratification.date_vote": "Date du vote",
    "mise_en_place.vote_cse.membres_titulaires_presents": "Membres titulaires présents (CSE)",
    "mise_en_place.vote_cse.votes_pour": "Votes favorables (CSE)",
    "mise_en_place.audience_signataires": "Audience des syndicats signataires",
    "mise_en_place.date_consultation_salaries": "Date de la consultation des salariés",
    "mise_en_place.date_pv_desaccord": "Date du procès-verbal de désaccord",
    "mise_en_place.date_consultation_cse": "Date de consultation du CSE",
    "mise_en_place.adhesion_branche.intitule": "Intitulé de l'accord de branche",
    "mise_en_place.adhesion_branche.idcc": "IDCC de la branche",
    "mise_en_place.adhesion_branche.date_accord": "Date de l'accord de branche",
    "mise_en_place.adhesion_branche.date_agrement": "Date de l'agrément",
    "mise_en_place.adhesion_branche.reference_agrement": "Référence de l'agrément",
    "mise_en_place.adhesion_branche.options[].article": "Article de l'option de branche",
    "mise_en_place.adhesion_branche.options[].objet": "Objet de l'option de branche",
    "mise_en_place.adhesion_branche.options[].choix": "Option retenue",
    "periode.date_effet": "Date d'effet",
    "periode.date_cloture_premier_exercice": "Clôture du premier exercice",
    "periode.duree_annees": "Durée de l'accord (années)",
    "depot.date_depot": "Date du dépôt",
    "depot.numero_recepisse": "Numéro du récépissé",
    "depot.code_prevalidation": "Code d'identification (pré-validé)",
    "beneficiaires.anciennete.mois": "Ancienneté exigée (mois)",
    "indicateurs[].libelle": "Nom de l'indicateur",
    "indicateurs[].definition": "Définition de l'indicateur",
    "indicateurs[].source": "Source de l'indicateur",
    "formule.composantes[].taux": "Pourcentage partagé",
    "formule.composantes[].seuil_centimes": "Seuil de résultat",
    "formule.composantes[].tranches[].plancher_centimes": "Seuil de la tranche",
    "formule.composantes[].tranches[].taux": "Pourcentage de la tranche",
    "formule.composantes[].paliers[].croissance_min": "Croissance du palier",
    "formule.composantes[].paliers[].taux_masse_salariale": "Pourcentage de masse salariale du palier",
    "formule.composantes[].budget_taux_masse_salariale": "Budget des objectifs",
    "formule.composantes[].objectifs[].nom": "Nom de l'objectif",
    "formule.composantes[].objectifs[].poids": "Poids de l'objectif",
    "formule.composantes[].objectifs[].declenchement": "Déclenchement de l'objectif",
    "formule.composantes[].objectifs[].cible": "Cible de l'objectif",
    "formule.declencheurs[].valeur": "Valeur de la condition de déclenchement",
    "formule.plafond.taux_masse_salariale": "Plafond de l'enveloppe (% de la masse salariale)",
    "formule.plafond.montant_centimes": "Plafond de l'enveloppe (montant)",
    "historique[].periode": "Exercice passé",
    "historique[].masse_salariale_centimes": "Masse salariale d'un exercice passé",
    "historique[].valeurs.*": "Chiffre d'un exercice passé",
    "repartition.part_uniforme": "Part à parts égales",
    "repartition.part_presence": "Part selon la présence",
    "repartition.part_salaire": "Part selon le salaire",
    "repartition.notion_salaire": "Salaire retenu",
    "repartition.salaire_plancher_centimes": "Salaire plancher",
    "repartition.salaire_plafond_centimes": "Salaire plafond",
    "versement.delai_versement_mois": "Délai de versement (mois)",
    "versement.avances.periodicite_mois": "Fréquence des avances (mois)",
    "information.preambule": "Préambule",
    "information.modalites_information_salaries": "Information des salariés",
    "information.reglement_litiges": "Règlement des différends",
    "elements_remuneration_supprimes[].libelle": "Élément de salaire supprimé",
    "elements_remuneration_supprimes[].date_suppression": "Date de la suppression",
    "elements_remuneration_supprimes[].montant_annuel_centimes": "Montant de l'élément supprimé",
    "documents.exemple_chiffre": "Exemple chiffré dans les documents",
}

_INDICES = re.compile(r"\[\d+\]")


def libelle_chemin(chemin: str) -> str:
    """« mise_en_place.signataires[1].nom » → « Nom du signataire » ; un chemin inconnu reste lisible."""
    generique = _INDICES.sub("[]", chemin)
    if generique in LIBELLES:
        return LIBELLES[generique]
    for motif, libelle in LIBELLES.items():
        if motif.endswith(".*") and generique.startswith(motif[:-1]):
            return libelle
    dernier = generique.split(".")[-1].replace("[]", "").replace("_centimes", "").replace("_", " ")
    return dernier[:1].upper() + dernier[1:]
