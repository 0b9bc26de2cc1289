"""Étape 4 : bénéficiaires (ancienneté, dirigeants là où la loi le permet, périmètre)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from interessement import parametres

from .. import champs as c
from .. import etat
from ..aide import AIDE
from ..eligibilite import dirigeants_possibles, seuils
from ..requis import QUALITES_CONJOINT
from ..textes import A_RENSEIGNER, oui_non

PREFIXES = ["beneficiaires", "perimetre"]


def ajuster(accord: dict[str, Any]) -> list[str]:
    """Retire ce que la loi interdit (exclusions, condition de présence…) ; dit ce qui a été retiré."""
    retire = []
    ben = accord["beneficiaires"]
    effectif = accord["entreprise"].get("effectif")
    if effectif is not None and not dirigeants_possibles(int(effectif), etat.aujourd_hui()):
        # La loi l'interdit (art. L3312-3) ; un changement d'effectif qui l'a rendu impossible est dit par
        # ``coherence`` à cette étape.
        ben["dirigeants_inclus"] = False
        ben["conjoint_inclus"] = False
    anc = ben.get("anciennete") or {"mois": None, "jours": 0, "calcul": "tous_contrats"}
    if anc.get("calcul", "tous_contrats") != "tous_contrats":
        retire.append("un calcul de l'ancienneté limité au contrat en cours ou à une date fixe")
    maximum = parametres.value_at("anciennete_max_mois", etat.aujourd_hui())
    if int(anc.get("mois") or 0) > maximum or (int(anc.get("mois") or 0) == maximum and int(anc.get("jours") or 0)):
        retire.append(f"une ancienneté supérieure à {maximum} mois (ramenée à {maximum} mois)")
        anc["mois"], anc["jours"] = maximum, 0
    anc["calcul"] = "tous_contrats"
    ben["anciennete"] = anc
    # Ce que la loi interdit n'est jamais proposé : pas d'exclusion, pas de condition de présence.
    if ben.get("categories_exclues"):
        retire.append("l'exclusion de catégories de salariés (" + ", ".join(ben["categories_exclues"]) + ")")
    if ben.get("condition_presence"):
        retire.append(f"la condition de présence « {ben['condition_presence']} »")
    if ben.get("perte_droits_depart"):
        retire.append("la perte des droits en cas de départ")
    if (accord.get("repartition") or {}).get("autres_criteres"):
        retire.append("des critères de répartition non admis (" + ", ".join(accord["repartition"]["autres_criteres"])
                      + ")")
    ben["categories_exclues"] = []
    ben["condition_presence"] = None
    ben["perte_droits_depart"] = False
    rep = accord.get("repartition") or {}
    rep["autres_criteres"] = []
    per = accord.setdefault("perimetre", {"tous_etablissements": True, "etablissements": []})
    etabs = accord["entreprise"].get("etablissements") or []
    if per.get("tous_etablissements", True):
        per["etablissements"] = list(etabs)
    else:
        per["etablissements"] = [x for x in per.get("etablissements") or [] if x in etabs]
    return retire


def controler(accord: dict[str, Any]) -> None:
    per = accord.get("perimetre") or {}
    if not per.get("tous_etablissements", True) and not per.get("etablissements"):
        c.signaler("perimetre.etablissements", c.Message(
            "bloquant", "Choisissez au moins un établissement couvert par l'accord."))


def afficher() -> None:
    accord = etat.accord()
    ajuster(accord)
    d = etat.aujourd_hui()
    st.markdown("**Tous les salariés** de l'entreprise (ou des établissements couverts) bénéficient de "
                "l'intéressement : CDI, CDD, apprentis, temps partiel. La loi interdit d'exclure une catégorie "
                "(art. L3342-1) ou de poser une condition de présence à une date : l'assistant ne le propose donc "
                "pas.")
    maximum = parametres.value_at("anciennete_max_mois", d)
    c.entier("beneficiaires_anciennete", "beneficiaires.anciennete.mois",
             f"Ancienneté minimale exigée, en mois (0 à {maximum} ; 0 = aucune)", minimum=0, maximum=maximum,
             aide=AIDE["anciennete"], facultatif=True)
    st.caption("L'ancienneté se compte en additionnant tous les contrats de la période de calcul et des 12 mois "
               "qui la précèdent (art. L3342-1).")

    effectif = int(accord["entreprise"].get("effectif") or 0)
    st.subheader("Dirigeants", divider="gray", anchor=False)
    s = seuils(d)
    if accord["entreprise"].get("effectif") is None:
        st.info("Indiquez d'abord le nombre de salariés à l'étape « Entreprise » : il décide si les dirigeants "
                "peuvent bénéficier de l'intéressement (art. L3312-3).", icon=":material/info:")
    elif dirigeants_possibles(effectif, d):
        c.oui_non("beneficiaires_dirigeants", "beneficiaires.dirigeants_inclus",
                  "Les dirigeants (président, gérant, directeur général…) bénéficient-ils aussi de l'intéressement ?",
                  aide=AIDE["dirigeants"])
        if any((dg or {}).get("qualite") in QUALITES_CONJOINT for dg in accord["entreprise"].get("dirigeants") or []):
            c.oui_non("beneficiaires_conjoint", "beneficiaires.conjoint_inclus",
                      "Le conjoint ou partenaire de PACS collaborateur ou associé en bénéficie-t-il aussi ?",
                      aide=AIDE["dirigeants"])
        if accord["beneficiaires"].get("dirigeants_inclus"):
            st.caption("Leur part est calculée sur leur rémunération imposable de l'année précédente, plafonnée "
                       "au plus haut salaire de l'entreprise (art. L3314-6).")
    else:
        st.info(f"Les dirigeants ne peuvent pas bénéficier de l'intéressement : c'est réservé aux entreprises "
                f"de {int(s['dirigeants_min'])} à {int(s['dirigeants_max']) - 1} salariés (art. L3312-3).", icon=":material/info:")

    st.subheader("Établissements couverts", divider="gray", anchor=False)
    etabs = accord["entreprise"].get("etablissements") or []
    c.case("beneficiaires_tous_etablissements", "perimetre.tous_etablissements",
           "L'accord couvre toute l'entreprise", aide=AIDE["perimetre"])
    if not accord["perimetre"].get("tous_etablissements", True):
        if etabs:
            c.plusieurs("beneficiaires_etablissements", "perimetre.etablissements", "Établissements couverts",
                        {x: x for x in etabs})
        else:
            st.warning("Ajoutez d'abord les établissements à l'étape « Entreprise ».", icon=":material/warning:")
    ajuster(accord)


def resume(accord: dict[str, Any]) -> list[tuple[str, str]]:
    ben = accord.get("beneficiaires") or {}
    per = accord.get("perimetre") or {}
    mois = (ben.get("anciennete") or {}).get("mois")
    return [
        ("Bénéficiaires", "tous les salariés"),
        ("Ancienneté exigée", A_RENSEIGNER if mois is None else f"{mois} mois" if mois else "aucune"),
        ("Dirigeants bénéficiaires", oui_non(ben.get("dirigeants_inclus"))),
        ("Conjoint bénéficiaire", oui_non(ben.get("conjoint_inclus"))),
        ("Périmètre", "toute l'entreprise" if per.get("tous_etablissements", True)
         else ", ".join(per.get("etablissements") or []) or "—"),
    ]
