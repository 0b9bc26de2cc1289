"""Les variables des modèles Word : tout ce que les balises ``{{ … }}`` des modèles peuvent afficher.

Chaque fonction ``contexte_*`` transforme le modèle de données (``Accord``, calcul d'un versement) en un
dictionnaire de textes français déjà mis en forme (montants « 12 345,67 € », dates « 30 juin 2026 »,
taux « 20 % »). Les nombres légaux viennent des paramètres datés (``interessement.parametres``,
tous dans ``interessement/parametres/donnees``) ; aucun n'est écrit ici.

Variables du modèle d'accord (``templates/accord.docx``) : ``titre``, ``titre_court``, ``sous_titre``, ``mode``,
``unilateral``, ``texte`` (accords grammaticaux : ``ce``, ``Ce``, ``du``, ``au``, ``e``, ``il``, ``etabli``…),
``entreprise``, ``employeur``, ``partie_salaries``, ``mise_en_place``, ``ratification``, ``due``, ``adhesion``,
``preambule``, ``perimetre``, ``periode``, ``beneficiaires``, ``formule``, ``exemple``, ``plafonds``,
``repartition``, ``versement``, ``regime``, ``non_substitution``, ``information``, ``litiges``, ``depot``,
``signature``, ``annexes``, ``donnees``, ``note``.
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from dateutil.relativedelta import relativedelta

from .. import clauses, parametres
from .. import format as fmt
from ..calendrier import calendrier, date_limite_conclusion, date_limite_depot, date_limite_versement
from ..erreurs import ErreurEntree
from ..modele import LIBELLES_MODES, QUALITES_CONJOINT, Accord
from .redaction import (
    SYMBOLES_OPERATEURS,
    Lexique,
    absences,
    cles_repartition,
    duree,
    en_lettres,
    enumeration,
    expression_globale,
    fraction_en_lettres,
    majuscule_initiale,
    minuscule_initiale,
    ordinal,
    periodicite,
    ponctuer_liste,
    rediger_composantes,
    rediger_declencheurs,
    rediger_exemple,
    rediger_plafonds_accord,
)
from .typographie import typographie

VIDE = "…………………"

LIBELLES_QUALITES = {
    "chef_entreprise": "chef d'entreprise",
    "president": "président",
    "directeur_general": "directeur général",
    "directeur_general_delegue": "directeur général délégué",
    "gerant": "gérant",
    "membre_directoire": "membre du directoire",
    "conjoint_collaborateur": "conjoint collaborateur",
    "conjoint_associe": "conjoint associé",
}

LIBELLES_PLANS = {
    "PEE": "plan d'épargne entreprise (PEE)",
    "PEI": "plan d'épargne interentreprises (PEI)",
    # Le code monétaire et financier (L224-14) ne connaît qu'un plan : PERECO et PERCOL sont deux sigles du même
    # plan d'épargne retraite d'entreprise collectif ; les documents n'en emploient qu'un, PERECO.
    "PERECO": "plan d'épargne retraite d'entreprise collectif (PERECO)",
    "PERCOL": "plan d'épargne retraite d'entreprise collectif (PERECO)",
    "PERCOI": "plan d'épargne retraite d'entreprise collectif interentreprises (PERECOI)",
}

def valeur(nom: str, d: date) -> Any:
    """``parametres.value_at`` ; une date hors période modélisée devient une erreur d'entrée française."""
    try:
        return parametres.value_at(nom, d)
    except parametres.HorsPeriodeModelisee as exc:
        raise ErreurEntree(f"Impossible de rédiger le document : {exc}") from exc


def longue(d: date | None) -> str:
    return fmt.date_longue(d) if d else VIDE


def siren_texte(siren: str | None) -> str:
    if not siren:
        return ""
    return f"{siren[:3]}\u00a0{siren[3:6]}\u00a0{siren[6:]}"


def de(texte: str) -> str:
    """« de trois mois », « d'un mois » (élision devant une voyelle ou un h muet)."""
    if texte[:1].lower() in "aeéèêiîoôu" and not texte.lower().startswith("onze"):
        return "d'" + texte
    return "de " + texte


def salaries_texte(n: int, *, lettres: bool = False) -> str:
    """« 8 salariés », « un salarié »."""
    nombre = en_lettres(n) if lettres or n <= 1 else str(n)
    return f"{nombre} salarié{'s' if n > 1 else ''}"


def paragraphes(texte: str | None) -> list[str]:
    if not texte:
        return []
    return [typographie(p.strip()) for p in re.split(r"\n\s*\n|\n", texte) if p.strip()]


def phrase(texte: str) -> str:
    """Termine un texte libre par un point s'il n'a pas de ponctuation finale."""
    texte = texte.strip()
    if texte and texte[-1] not in ".!?…»)":
        texte += "."
    return typographie(texte)


# ============================================================================================ grammaire


def _grammaire(accord: Accord) -> tuple[dict[str, str], bool]:
    mode = accord.mise_en_place.mode
    adhesion = accord.mise_en_place.adhesion_branche
    if mode == "decision_unilaterale":
        return {
            "ce": "la présente décision", "Ce": "La présente décision", "du": "de la présente décision",
            "au": "à la présente décision", "il": "elle", "Il": "Elle", "e": "e", "etabli": "prise",
            "renouvele": "renouvelée", "par_voie": "par décision unilatérale de l'employeur",
            "le_doc": "la décision unilatérale instituant l'intéressement",
            "du_doc": "de la décision unilatérale instituant l'intéressement",
        }, True
    if mode == "adhesion_branche" and adhesion is not None and adhesion.par_document_unilateral:
        return {
            "ce": "le présent document d'adhésion", "Ce": "Le présent document d'adhésion",
            "du": "du présent document d'adhésion", "au": "au présent document d'adhésion", "il": "il", "Il": "Il",
            "e": "", "etabli": "établi", "renouvele": "renouvelé",
            "par_voie": "par adhésion à un accord de branche agréé",
            "le_doc": "le document d'adhésion à l'accord de branche d'intéressement",
            "du_doc": "du document d'adhésion à l'accord de branche d'intéressement",
        }, True
    return {
        "ce": "le présent accord", "Ce": "Le présent accord", "du": "du présent accord", "au": "au présent accord",
        "il": "il", "Il": "Il", "e": "", "etabli": "conclu", "renouvele": "renouvelé", "par_voie": "par accord",
        "le_doc": "l'accord d'intéressement", "du_doc": "de l'accord d'intéressement",
    }, False


def _titres(accord: Accord) -> tuple[str, str, str]:
    mode = accord.mise_en_place.mode
    titre = accord.intitule
    if mode == "decision_unilaterale" and titre == "Accord d'intéressement":
        titre = "Décision unilatérale instituant un régime d'intéressement"
    court = {
        "decision_unilaterale": "décision unilatérale d'intéressement",
        "adhesion_branche": "adhésion à un accord de branche d'intéressement",
    }.get(mode, "accord d'intéressement")
    p = accord.periode
    sous_titre = (f"{LIBELLES_MODES[mode]} — du {fmt.date_longue(p.date_effet)} au {fmt.date_longue(p.date_fin)}")
    return titre, court, typographie(sous_titre)


# ============================================================================================ entreprise


def _entreprise(accord: Accord) -> dict[str, Any]:
    e = accord.entreprise
    designation = f"La société {e.raison_sociale}"
    if e.forme_juridique:
        designation += f", {e.forme_juridique}"
    if e.adresse:
        designation += f", dont le siège est situé {e.adresse}"
    if e.siren:
        designation += f", immatriculée sous le numéro SIREN {siren_texte(e.siren)}"
    identite = [x for x in (e.forme_juridique, f"SIREN {siren_texte(e.siren)}" if e.siren else "", e.adresse) if x]
    return {
        "raison_sociale": e.raison_sociale,
        "designation": designation,
        "ligne_identite": " — ".join(identite),
        "effectif": str(e.effectif),
        "effectif_texte": salaries_texte(e.effectif),
        "convention_collective": e.convention_collective or "",
        "siren_texte": f" — SIREN {siren_texte(e.siren)}" if e.siren else "",
    }


def _employeur(accord: Accord) -> dict[str, str]:
    for s in accord.mise_en_place.signataires:
        if s.partie == "employeur":
            return {"nom": s.nom, "qualite": minuscule_initiale(s.qualite)}
    for d in accord.entreprise.dirigeants:
        if d.qualite not in QUALITES_CONJOINT:
            return {"nom": d.nom, "qualite": LIBELLES_QUALITES[d.qualite]}
    return {"nom": VIDE, "qualite": VIDE}


def _instances(accord: Accord) -> tuple[str, str, str]:
    """(« dotée de… », « demandée par… », « négociation avec… ») selon les instances de l'entreprise."""
    e = accord.entreprise
    if e.delegues_syndicaux and e.cse:
        return ("de délégués syndicaux et d'un comité social et économique",
                "une ou plusieurs organisations syndicales représentatives ou le comité social et économique",
                "les délégués syndicaux et le comité social et économique")
    if e.delegues_syndicaux:
        return ("de délégués syndicaux", "une ou plusieurs organisations syndicales représentatives",
                "les délégués syndicaux")
    return ("d'un comité social et économique", "le comité social et économique", "le comité social et économique")


def _partie_salaries(accord: Accord) -> dict[str, Any]:
    mode = accord.mise_en_place.mode
    salaries = [s for s in accord.mise_en_place.signataires if s.partie == "salaries"]
    membres: list[str] = []
    if mode in ("convention_collective", "accord_delegues_syndicaux"):
        intro = ("les organisations syndicales de salariés signataires :" if mode == "convention_collective" else
                 "les organisations syndicales représentatives dans l'entreprise, représentées par leurs délégués "
                 "syndicaux :")
        for s in salaries:
            membres.append(f"l'organisation syndicale {s.organisation or VIDE}, représentée par {s.nom}, "
                           f"{minuscule_initiale(s.qualite)}")
        if not membres:
            membres.append(f"l'organisation syndicale {VIDE}, représentée par {VIDE}")
    elif mode == "accord_cse":
        intro = "le comité social et économique de la société, représenté par ses membres titulaires signataires :"
        membres = [f"{s.nom}, {minuscule_initiale(s.qualite)}" for s in salaries] or [f"{VIDE}, membre titulaire"]
    elif mode == "ratification":
        r = accord.mise_en_place.ratification
        date_vote = longue((r.date_vote if r else None) or accord.mise_en_place.date_conclusion)
        majorite = fraction_en_lettres(valeur("ratification_majorite", accord.mise_en_place.date_conclusion),
                                       avec_de=True)
        intro = (f"le personnel de la société, qui a ratifié le présent accord à la majorité {majorite} du "
                 f"personnel inscrit à l'effectif, lors du vote du {date_vote}")
        if salaries:
            intro += ", et les représentants du personnel qui en ont demandé conjointement la ratification :"
            membres = [f"{s.nom}, {minuscule_initiale(s.qualite)}"
                       + (f" ({s.organisation})" if s.organisation else "") for s in salaries]
        else:
            intro += ","
    else:  # adhésion à un accord de branche, par accord
        intro = "les représentants des salariés signataires :"
        membres = [f"{s.nom}, {minuscule_initiale(s.qualite)}" + (f" ({s.organisation})" if s.organisation else "")
                   for s in salaries] or [f"{VIDE}, {VIDE}"]
    return {"intro": typographie(intro), "membres": ponctuer_liste(membres)}


def _ratification(accord: Accord) -> dict[str, Any]:
    r = accord.mise_en_place.ratification
    d = accord.mise_en_place.date_conclusion
    fraction = valeur("ratification_majorite", d)
    majorite = fraction_en_lettres(fraction, avec_de=True)
    instances, demande, _ = _instances(accord)
    e = accord.entreprise
    carence = ""
    if e.date_pv_carence and e.effectif >= valeur("cse_effectif_min", d):
        carence = clauses.phrase("ratification_carence", date=fmt.date_longue(e.date_pv_carence))
    constatation = ("le procès-verbal rendant compte de la consultation, avec la liste d'émargement," if r is not None
                    and r.proces_verbal else "l'émargement des salariés signataires sur la liste nominative de "
                    "l'ensemble des salariés,")
    if r is None:
        return {"demande_conjointe": False, "instances": instances, "instances_demande": demande,
                "date_vote": longue(d), "lignes": [], "majorite": majorite, "carence": carence,
                "constatation": constatation,
                "constat": "Le procès-verbal de ratification précise le résultat du vote.",
                "mention_signature": f"Ratifié par le personnel à la majorité {majorite}."}
    requis = math.ceil(fraction * r.effectif_inscrit)
    autres = r.effectif_inscrit - r.votes_pour - r.votes_contre
    lignes = [
        {"libelle": "Personnel inscrit à l'effectif à la date du vote", "valeur": str(r.effectif_inscrit)},
        {"libelle": f"Majorité requise ({fraction_en_lettres(fraction)} du personnel inscrit)",
         "valeur": f"{requis} voix"},
        {"libelle": "Votes favorables", "valeur": str(r.votes_pour)},
        {"libelle": "Votes défavorables", "valeur": str(r.votes_contre)},
        {"libelle": "Abstentions, votes blancs ou nuls et personnes n'ayant pas pris part au vote",
         "valeur": str(autres)},
    ]
    if r.votes_pour >= requis:
        constat = (f"Le projet ayant recueilli {r.votes_pour} voix favorables, soit au moins "
                   f"{fraction_en_lettres(fraction)} du personnel inscrit ({requis} voix), le présent accord est "
                   "ratifié. La date à laquelle cette majorité a été atteinte est sa date de conclusion.")
    else:
        constat = (f"Le projet n'a recueilli que {r.votes_pour} voix favorables sur les {requis} requises : la "
                   f"majorité {majorite} du personnel n'est pas atteinte.")
    return {
        "carence": carence,
        "constatation": constatation,
        "demande_conjointe": bool(r.demande_conjointe and (e.cse or e.delegues_syndicaux)),
        "instances": instances,
        "instances_demande": demande,
        "date_vote": longue(r.date_vote or d),
        "lignes": lignes,
        "majorite": majorite,
        "constat": typographie(constat),
        "mention_signature": typographie(
            f"Projet ratifié par le personnel le {longue(r.date_vote or d)}, à la majorité {majorite} du personnel "
            f"inscrit à l'effectif ({r.votes_pour} voix favorables sur {r.effectif_inscrit} personnes inscrites ; "
            "procès-verbal annexé)."),
    }


def _due(accord: Accord) -> dict[str, Any]:
    e = accord.entreprise
    m = accord.mise_en_place
    d = m.date_conclusion
    _, _, negociation = _instances(accord)
    return {
        "effectif_max": str(valeur("due_effectif_max_exclu", d)),
        "motif": "echec" if (e.delegues_syndicaux or e.cse) else "absence",
        "pv_carence": fmt.date_longue(e.date_pv_carence) if e.date_pv_carence else "",
        "instances": negociation,
        "pv_desaccord": longue(m.date_pv_desaccord),
        "consultation_cse": longue(m.date_consultation_cse),
        "delai_consultation": en_lettres(valeur("due_delai_consultation_cse_jours", d)),
    }


def _adhesion(accord: Accord) -> dict[str, str]:
    a = accord.mise_en_place.adhesion_branche
    d = accord.mise_en_place.date_conclusion
    if a is None:
        return {"intitule": VIDE, "precisions": "", "voie": "par accord", "agrement": VIDE, "options": []}
    precisions = ""
    if a.idcc:
        precisions += f" (IDCC {a.idcc})"
    if a.date_accord:
        precisions += f" du {fmt.date_longue(a.date_accord)}"
    agrement = []
    if a.reference_agrement:
        agrement.append(a.reference_agrement)
    if a.date_agrement:
        agrement.append(f"agrément du {fmt.date_longue(a.date_agrement)}")
    if a.par_document_unilateral:
        voie = (f"par document unilatéral de l'employeur, la société employant moins de "
                f"{valeur('due_effectif_max_exclu', d)} salariés")
    else:
        voie = "par accord conclu avec les représentants des salariés signataires"
    options = [{"article": typographie(o.article), "objet": typographie(o.objet), "choix": typographie(o.choix)}
               for o in a.options]
    return {"intitule": a.intitule, "precisions": precisions, "voie": voie,
            "agrement": typographie(", ".join(agrement) or VIDE), "options": options}


def _ds(accord: Accord) -> dict[str, str]:
    """Accord avec les délégués syndicaux : la majorité de l'article L2232-12 (audience des signataires)."""
    m = accord.mise_en_place
    a = m.audience_signataires
    d = m.date_conclusion
    if a is None:
        return {"majorite": typographie(clauses.phrase("ds_majorite", audience=VIDE, seuil=fmt.pourcentage(
            valeur("accord_majoritaire_audience_taux", d))))}
    seuil = valeur("accord_majoritaire_audience_taux", d)
    if a > seuil:
        texte = clauses.phrase("ds_majorite", audience=fmt.pourcentage(a), seuil=fmt.pourcentage(seuil))
    else:
        texte = clauses.phrase("ds_majorite_consultation", audience=fmt.pourcentage(a),
                               seuil_consultation=fmt.pourcentage(valeur("accord_consultation_audience_taux", d)),
                               ce="le présent accord", date_consultation=longue(m.date_consultation_salaries))
    return {"majorite": typographie(texte)}


def _cse(accord: Accord) -> dict[str, str]:
    v = accord.mise_en_place.vote_cse
    if v is None:
        return {"vote": VIDE}
    return {"vote": clauses.phrase("cse_vote", pour=v.votes_pour, presents=v.membres_titulaires_presents)}


# ============================================================================================== période


def _periode(accord: Accord) -> dict[str, Any]:
    p = accord.periode
    periodes = accord.periodes()
    n = p.periode_calcul_mois
    if n == 12:
        description = "sur des périodes de calcul de douze mois, correspondant aux exercices de la société"
    else:
        nom = {6: " (semestres)", 3: " (trimestres)", 4: " (quadrimestres)"}.get(n, "")
        description = f"sur des périodes de calcul de {duree(n, 'mois')}{nom}"
    return {
        "duree": duree(p.duree_annees, "an"),
        "date_effet": fmt.date_longue(p.date_effet),
        "date_fin": fmt.date_longue(p.date_fin),
        "description_calcul": description,
        "periodes": [{
            "numero": str(x.numero), "debut": fmt.date_longue(x.debut), "fin": fmt.date_longue(x.fin),
            "date_limite_versement": fmt.date_longue(date_limite_versement(x)),
        } for x in periodes],
        "echeances_versement": ponctuer_liste([
            f"période {x.numero} ({fmt.date_longue(x.debut)} – {fmt.date_longue(x.fin)}) : au plus tard le "
            f"{fmt.date_longue(date_limite_versement(x))}" for x in periodes]),
        "date_limite_conclusion": fmt.date_longue(date_limite_conclusion(periodes[0])),
        "reconduction_tacite": p.reconduction_tacite,
        "fenetre_renegociation_mois": en_lettres(valeur("renegociation_fenetre_mois", p.date_fin)),
        "annuelle": periodes[0].annuelle,
    }


def _anciennete(accord: Accord) -> str:
    a = accord.beneficiaires.anciennete
    if a is None or (a.mois == 0 and a.jours == 0):
        return ""
    morceaux = []
    if a.mois:
        morceaux.append(duree(a.mois, "mois"))
    if a.jours:
        morceaux.append(f"{a.jours} jour{'s' if a.jours > 1 else ''}")
    return " et ".join(morceaux)


def _beneficiaires(accord: Accord) -> dict[str, Any]:
    b = accord.beneficiaires
    d = accord.periode.date_effet
    rep = accord.repartition
    conjoint = b.conjoint_inclus
    plafond_dirigeants = ""
    if rep.plafond_salaire_dirigeants:
        plafond_dirigeants = ", dans la limite d'une somme égale au salaire le plus élevé versé dans l'entreprise"
    if conjoint:
        taux = fmt.pourcentage(valeur("plafond_salaire_conjoint_taux_pass", d))
        plafond_dirigeants += (
            " ; pour le conjoint ou le partenaire lié par un pacte civil de solidarité, le salaire retenu"
            + (f" est plafonné à {taux} du plafond annuel de la sécurité sociale" if rep.plafond_salaire_conjoint
               else " est sa rémunération annuelle ou son revenu professionnel de l'année précédente"))
    dirigeants = [f"{x.nom}, {LIBELLES_QUALITES[x.qualite]}" for x in accord.entreprise.dirigeants
                  if conjoint or x.qualite not in QUALITES_CONJOINT]
    return {
        "anciennete": _anciennete(accord),
        "anciennete_de": de(_anciennete(accord)),
        "anciennete_max_mois": en_lettres(valeur("anciennete_max_mois", d)),
        "periode_anterieure_mois": en_lettres(valeur("anciennete_periode_anterieure_mois", d)),
        "dirigeants_inclus": b.dirigeants_inclus,
        "et_conjoint": " et conjoint" if conjoint else "",
        "conjoint_texte": (", ainsi que le conjoint du chef d'entreprise ou son partenaire lié par un pacte civil de "
                           "solidarité, s'il bénéficie du statut de conjoint collaborateur ou de conjoint associé"
                           if conjoint else ""),
        "conjoint_court": " et son conjoint collaborateur ou associé" if conjoint else "",
        "dirigeants_effectif_min": salaries_texte(valeur("dirigeants_effectif_min", d), lettres=True),
        "dirigeants_effectif_max": str(valeur("dirigeants_effectif_max_exclu", d)),
        "dirigeants": ponctuer_liste(dirigeants),
        "plafond_dirigeants_texte": typographie(plafond_dirigeants),
    }


# =============================================================================================== formule


def _formule(accord: Accord, lex: Lexique) -> dict[str, Any]:
    indicateurs = []
    for code in lex.symboles:
        ind = accord.indicateur(code)
        indicateurs.append({
            "libelle": ind.libelle if ind else code,
            "symbole": lex.symbole(code),
            "definition": typographie(ind.definition) if ind and ind.definition else "(non définie)",
            "source": typographie(ind.source) if ind and ind.source else "(non précisée)",
        })
    composantes = [c.to_dict() for c in rediger_composantes(accord, lex)]
    plancher = ""
    if accord.formule.plancher_centimes is not None:
        plancher = typographie(f"Un montant minimal de {fmt.montant(accord.formule.plancher_centimes)} est garanti "
                               "au titre de chaque période de calcul.")
    return {
        "indicateurs": indicateurs,
        "composantes": composantes,
        "plusieurs_composantes": len(composantes) > 1,
        "expression_globale": expression_globale(accord),
        "declencheurs": rediger_declencheurs(accord, lex),
        "plafonds_accord": rediger_plafonds_accord(accord, lex),
        "plancher": plancher,
    }


def _pass_indicatif(accord: Accord) -> tuple[int, int] | None:
    """(année, PASS) pour l'exemple du plafond individuel : l'exercice de la première période, à défaut
    l'année de conclusion ; rien si ces années sont hors période modélisée (jamais d'extrapolation)."""
    premiere = accord.periodes()[0]
    for annee in dict.fromkeys((premiere.fin.year, accord.mise_en_place.date_conclusion.year)):
        try:
            return annee, parametres.pass_annuel_centimes(annee)
        except parametres.HorsPeriodeModelisee:
            continue
    return None


def _plafonds(accord: Accord) -> dict[str, Any]:
    premiere = accord.periodes()[0]
    d = premiere.fin
    taux_ind = valeur("plafond_individuel_taux_pass", d)
    indicatif = _pass_indicatif(accord)
    exemple = ""
    if indicatif is not None:
        annee, pass_c = indicatif
        montant = int((Decimal(pass_c) * taux_ind).to_integral_value(rounding=ROUND_HALF_UP))
        exemple = f", soit, à titre indicatif, {fmt.montant(montant)} pour l'exercice {annee}"
    rep = accord.repartition
    global_dirigeants = ""
    if accord.beneficiaires.dirigeants_inclus:
        global_dirigeants = (" et, le cas échéant, de la rémunération annuelle ou du revenu professionnel des "
                             "bénéficiaires mentionnés à l'article L3312-3 du code du travail soumis à l'impôt sur "
                             "le revenu au titre de l'année précédente")
    return {
        "global_taux": fmt.pourcentage(valeur("plafond_global_taux", d)),
        "global_dirigeants": global_dirigeants,
        "individuel_taux": fmt.pourcentage(taux_ind),
        "individuel_exemple": exemple,
        "prorata": rep.prorata_plafond_individuel,
        "redistribution": rep.redistribution_excedent,
        "prorata_court": (", au prorata du temps passé dans l'entreprise pour les salariés présents une partie de "
                          "l'exercice" if rep.prorata_plafond_individuel else ""),
        "redistribution_court": ("Ce qui dépasse ce plafond est redistribué aux autres bénéficiaires, dans la limite "
                                 "de leur propre plafond." if rep.redistribution_excedent
                                 else "Ce qui dépasse ce plafond n'est pas distribué."),
    }


def _repartition(accord: Accord) -> dict[str, Any]:
    rep = accord.repartition
    intro, cles, _ = cles_repartition(accord)
    codes_legaux, legales, supplementaires = absences(accord)
    presence = rep.part_presence > 0
    salaire = rep.part_salaire > 0
    if presence:
        texte = ("La durée de présence s'entend du nombre de jours d'appartenance à l'effectif au cours de la "
                 "période de calcul, déduction faite des absences qui ne sont pas assimilées à du temps de présence. "
                 + ("La durée de présence des salariés à temps partiel est retenue au prorata de leur durée de "
                    "travail contractuelle." if rep.presence_prorata_temps_travail
                    else "Le travail à temps partiel ne réduit pas la durée de présence."))
    elif salaire:
        texte = ("La répartition proportionnelle aux salaires tient compte des absences de la manière suivante : "
                 "le salaire des périodes d'absence assimilées à du temps de présence est reconstitué.")
    else:
        texte = ("La répartition uniforme ne dépend ni de la durée de présence ni du salaire : les absences sont "
                 "sans incidence sur le montant de la prime.")
    bornes = []
    if rep.salaire_plancher_centimes is not None:
        bornes.append(f"Le salaire retenu ne peut être inférieur à {fmt.montant(rep.salaire_plancher_centimes)}.")
    if rep.salaire_plafond_centimes is not None:
        bornes.append(f"Le salaire retenu ne peut excéder {fmt.montant(rep.salaire_plafond_centimes)}.")
    noms_courts = [minuscule_initiale(re.sub(r" \(.*\)$", "", x)) for x in legales]
    return {
        "introduction": intro,
        "cles": cles,
        "presence_texte": typographie(texte),
        "absences_legales": ponctuer_liste(legales),
        "absences_supplementaires": ponctuer_liste(supplementaires),
        "absences_phrase": typographie("Comptent comme du temps de présence : " + enumeration(noms_courts) + "."),
        "codes_absences_legales": codes_legaux,
        "salaire": salaire,
        "notion_salaire": typographie(rep.notion_salaire or "salaire brut soumis à cotisations sociales (article "
                                      "L242-1 du code de la sécurité sociale)"),
        "salaire_reconstitue": rep.salaire_reconstitue_absences,
        "bornes_salaire": [typographie(b) for b in bornes],
    }


# ============================================================================================= versement


def _plans(accord: Accord) -> tuple[str, str]:
    plans = accord.versement.plans_epargne
    if not plans:
        return "", ""
    textes = [f"au {LIBELLES_PLANS[p]}" for p in plans]
    defaut = next((p for p in plans if p in ("PEE", "PEI")), plans[0])
    return enumeration(textes, "ou"), f"au {LIBELLES_PLANS[defaut]}"


def _versement(accord: Accord) -> dict[str, Any]:
    periodes = accord.periodes()
    premiere = periodes[0]
    d = premiere.fin
    if premiere.annuelle:
        mois = valeur("versement_delai_mois_annuel", d)
        delai = (f"La prime d'intéressement est versée au plus tard le dernier jour du {ordinal(mois)} mois qui suit "
                 "la clôture de l'exercice au titre duquel elle est due.")
    else:
        mois = valeur("versement_delai_mois_infra_annuel", d)
        delai = (f"La prime d'intéressement est versée au plus tard le dernier jour du {ordinal(mois)} mois qui suit "
                 "la fin de la période de calcul au titre de laquelle elle est due.")
    plans_texte, defaut = _plans(accord)
    av = accord.versement.avances
    avances = None
    if av is not None:
        minimum = periodicite(valeur("avances_periodicite_min_mois", d))[1]
        avances = {
            "periodicite": periodicite(av.periodicite_mois)[0],
            "minimum": minimum,
            "fraction": fraction_en_lettres(valeur("recuperation_avance_max_fraction_salaire", d), avec_de=True),
        }
    annees = valeur("sommes_non_reclamees_delai_annees", d)
    return {
        "delai_texte": typographie(delai),
        "coefficient_tmop": fmt.nombre(valeur("interets_retard_coefficient_tmop", d)),
        "conservation": duree(annees, "an"),
        "a_plan": bool(accord.versement.plans_epargne),
        "delai_choix": en_lettres(valeur("choix_salarie_delai_jours", d)),
        "plans_texte": plans_texte,
        "plan_defaut_texte": defaut,
        "affectation_defaut": accord.versement.affectation_defaut_plan,
        "exoneration_taux": fmt.pourcentage(valeur("exoneration_impot_plafond_taux_pass", d)),
        "avances": avances,
    }


def _regime(accord: Accord) -> dict[str, str]:
    d = accord.periode.date_effet
    seuil = valeur("forfait_social_seuil_effectif", d)
    if accord.entreprise.effectif < seuil:
        taux = valeur("forfait_social_taux_moins_seuil", d)
        if taux == 0:
            forfait = (f"L'entreprise employant moins de {seuil} salariés, ces sommes ne sont pas soumises au forfait "
                       "social (article L137-15 du code de la sécurité sociale).")
        else:
            forfait = (f"Ces sommes sont soumises, à la charge de l'employeur, au forfait social au taux de "
                       f"{fmt.pourcentage(taux)} (article L137-15 du code de la sécurité sociale).")
    else:
        taux = valeur("forfait_social_taux_a_partir_seuil", d)
        forfait = (f"Ces sommes sont soumises, à la charge de l'employeur, au forfait social au taux de "
                   f"{fmt.pourcentage(taux)} (articles L137-15 et L137-16 du code de la sécurité sociale).")
    return {
        "csg": fmt.pourcentage(valeur("csg_taux", d)),
        "crds": fmt.pourcentage(valeur("crds_taux", d)),
        "forfait_social": typographie(forfait),
    }


# =========================================================================================== information


def suivi_par(accord: Accord) -> str:
    """L'organe de suivi (L3313-2 6°) : le CSE, une commission créée par lui, sinon les salariés directement."""
    info = accord.information
    if not accord.entreprise.cse:
        return "salaries"
    if info.suivi_par == "commission" and info.commission_creee_par_cse:
        return "commission"
    return "cse"


def _presomption(accord: Accord) -> str:
    p = accord.information.presomption_information
    if p is None:
        return VIDE
    if p.moyen == "remise_main_propre":
        return typographie(clauses.phrase("presomption_remise_main_propre"))
    n = p.jours_apres_envoi
    delai = "le jour de" if n == 0 else "le lendemain de" if n == 1 else f"{duree_jours(n)} après"
    return typographie(clauses.phrase(f"presomption_{p.moyen}", delai=delai))


def duree_jours(n: int) -> str:
    return f"{en_lettres(n)} jour{'s' if n > 1 else ''}"


def _information(accord: Accord, texte: dict[str, str]) -> dict[str, str]:
    sortie = _information_selon(accord, texte["du"])
    sortie["suivi_note"] = _information_selon(accord, texte["du_doc"])["suivi"]
    sortie["suivi_par"] = suivi_par(accord)
    sortie["presomption"] = _presomption(accord)
    return sortie


def _information_selon(accord: Accord, du: str) -> dict[str, str]:
    info = accord.information
    organe = suivi_par(accord)
    if organe == "cse":
        suivi = (f"Le suivi de l'application {du} est assuré par le comité social et économique. Après la clôture "
                 "de chaque période de calcul et avant le versement, le comité reçoit les éléments ayant servi au "
                 "calcul et à la répartition de l'intéressement ; il peut se faire assister d'un expert-comptable "
                 "dans les conditions prévues par le code du travail. Il peut confier ce suivi à une commission "
                 "spécialisée qu'il désigne.")
    elif organe == "commission":
        suivi = (f"Une commission de suivi, composée de représentants des salariés désignés parmi les bénéficiaires, "
                 f"est chargée du suivi de l'application {du}. Après la clôture de chaque période de calcul et avant "
                 "le versement, elle reçoit de l'employeur les éléments ayant servi au calcul et à la répartition de "
                 "l'intéressement, et peut demander toute explication utile.")
    else:
        suivi = ("En l'absence de comité social et économique, l'information prévue par le code du travail est "
                 "délivrée directement aux salariés : après la clôture de chaque période de calcul et avant le "
                 "versement, l'employeur porte à la connaissance de l'ensemble du personnel le montant de "
                 "l'intéressement global et les éléments ayant servi à son calcul et à sa répartition.")
    modalites = info.modalites_information_salaries or (
        f"Chaque salarié reçoit, lors de la conclusion de son contrat de travail, le livret d'épargne salariale et "
        f"une note d'information présentant les dispositions {du} ; le texte {du} est tenu à sa disposition.")
    return {"suivi": typographie(suivi), "modalites_salaries": phrase(majuscule_initiale(modalites)),
            "modalites_salaries_suite": phrase(minuscule_initiale(modalites)), "suivi_par": organe}


def instance_litiges(accord: Accord) -> str:
    """Qui examine d'abord un différend : seulement une instance qui existe dans l'entreprise."""
    i = accord.information.instance_litiges
    if i == "cse" and accord.entreprise.cse:
        return "cse"
    if i == "commission" and suivi_par(accord) == "commission":
        return "commission"
    return "employeur"


def _litiges_accord(accord: Accord) -> dict[str, str]:
    libre = accord.information.reglement_litiges
    return {"instance": instance_litiges(accord), "texte_libre": phrase(libre) if libre else ""}


def _litiges(accord: Accord, texte: dict[str, str], cle: str = "du") -> str:
    if accord.information.reglement_litiges:
        return phrase(accord.information.reglement_litiges)
    instance = {"cse": "le comité social et économique",
                "commission": "la commission spécialisée créée par le comité social et économique"}.get(
        instance_litiges(accord), "le ou les salariés concernés")
    return typographie(
        f"Les différends qui pourraient naître de l'application {texte[cle]} sont examinés en premier lieu entre "
        f"l'employeur et {instance}, en vue d'un règlement amiable. À défaut d'accord, ils sont portés devant la "
        "juridiction compétente.")


def _depot(accord: Accord, texte: dict[str, str], unilateral: bool) -> dict[str, str]:
    premiere = accord.periodes()[0]
    limite = date_limite_depot(premiere)
    base = accord.depot.date_depot or limite
    m1 = valeur("controle_urssaf_premier_mois", base)
    m2 = valeur("controle_urssaf_suivant_mois", base)
    suivant = " " + clauses.phrase("controle_suivant", mois=duree(m2, "mois")) if m2 else ""
    return {
        "par_qui": "l'employeur" if unilateral else "la partie la plus diligente",
        "date_limite": fmt.date_longue(limite),
        "delai_jours": en_lettres(valeur("delai_depot_jours", premiere.debut)),
        "controle_premier": duree(m1, "mois"),
        "controle_suivant": typographie(suivant),
    }


def _signature(accord: Accord, employeur: dict[str, str]) -> dict[str, Any]:
    m = accord.mise_en_place
    mode = m.mode
    raison = accord.entreprise.raison_sociale
    blocs = []
    for s in m.signataires:
        if s.partie == "employeur":
            pour = "L'employeur" if mode == "decision_unilaterale" else f"Pour la société {raison}"
        elif mode == "accord_cse":
            pour = "Pour le comité social et économique"
        elif mode in ("convention_collective", "accord_delegues_syndicaux"):
            pour = f"Pour l'organisation syndicale {s.organisation or VIDE}"
        elif s.organisation:
            pour = f"Pour {s.organisation}"
        elif mode == "ratification" and accord.entreprise.cse:
            pour = "Pour le comité social et économique"
        else:
            pour = "Pour les salariés"
        blocs.append({"pour": pour, "nom": s.nom, "qualite": s.qualite})
    if not any(s.partie == "employeur" for s in m.signataires):
        blocs.insert(0, {"pour": f"Pour la société {raison}", "nom": employeur["nom"],
                         "qualite": majuscule_initiale(employeur["qualite"])})
    return {"lieu": m.lieu or VIDE, "date": fmt.date_longue(m.date_conclusion), "blocs": blocs}


def _annexes(accord: Accord) -> list[str]:
    m = accord.mise_en_place
    e = accord.entreprise
    annexes = []
    if m.mode == "ratification":
        annexes.append("Procès-verbal de ratification et liste d'émargement")
    elif m.mode == "accord_cse":
        annexes.append(f"Procès-verbal de la réunion du comité social et économique du {longue(m.date_conclusion)}")
    elif m.mode == "decision_unilaterale":
        if e.date_pv_carence:
            annexes.append(f"Procès-verbal de carence du {fmt.date_longue(e.date_pv_carence)}")
        if e.delegues_syndicaux or e.cse:
            annexes.append(f"Procès-verbal de désaccord du {longue(m.date_pv_desaccord)}")
            annexes.append(f"Procès-verbal de consultation du comité social et économique du "
                           f"{longue(m.date_consultation_cse)}")
        if not (e.delegues_syndicaux or e.cse):
            annexes.append("Attestation de l'employeur selon laquelle il n'a été saisi d'aucune désignation de "
                           "délégué syndical (article D3345-3 du code du travail)")
    elif m.mode == "adhesion_branche":
        intitule = m.adhesion_branche.intitule if m.adhesion_branche else VIDE
        annexes.append(f"Accord de branche « {intitule} » et décision d'agrément")
    return ponctuer_liste(annexes)


def _preambule(accord: Accord, lex: Lexique) -> dict[str, list[str]]:
    genere = []
    f = accord.formule
    noms = []
    for c in f.composantes:
        t = c.type
        if t == "part_resultat":
            noms.append(f"une part de l'indicateur « {lex.libelle(c.indicateur)} »")
        elif t == "paliers_croissance":
            noms.append(f"la croissance de l'indicateur « {lex.libelle(c.indicateur)} »")
        elif t == "objectifs":
            objectifs = enumeration([f"« {o.nom} »" for o in c.objectifs])
            noms.append(f"{en_lettres(len(c.objectifs))} objectif{'s' if len(c.objectifs) > 1 else ''} collectif"
                        f"{'s' if len(c.objectifs) > 1 else ''} de performance ({objectifs}), mesurable"
                        f"{'s' if len(c.objectifs) > 1 else ''} et fixé{'s' if len(c.objectifs) > 1 else ''} à "
                        "l'avance pour chaque période")
        elif t == "pourcentage_masse_salariale":
            noms.append("un pourcentage de la masse salariale")
        elif t == "montant_fixe":
            noms.append("un montant fixe")
    raison_formule = f"La formule de calcul retenue repose sur {enumeration(noms)}."
    if f.declencheurs:
        raison_formule += (" L'intéressement est en outre subordonné à une condition de déclenchement ("
                           + enumeration([f"{lex.symbole(d.indicateur)} {SYMBOLES_OPERATEURS[d.operateur]} "
                                          f"{lex.valeur(d.indicateur, d.valeur)}" for d in f.declencheurs])
                           + "), afin qu'il ne soit dû que si la situation économique de l'entreprise le permet.")
    raison_formule += (" Elle associe les salariés à des résultats ou à des performances sur lesquels ils ont une "
                       "prise collective, à partir de données objectives et vérifiables.")
    genere.append(raison_formule)
    _, _, raisons = cles_repartition(accord)
    if raisons:
        genere.append("Les critères de répartition ont été choisis pour les raisons suivantes : "
                      + enumeration(raisons) + ".")
    obligation = _obligation_partage(accord)
    if obligation:
        genere.append(obligation)
    return {"paragraphes": paragraphes(accord.information.preambule),
            "genere": [typographie(g) for g in genere]}


def _obligation_partage(accord: Accord) -> str:
    """Phrase du préambule quand l'entreprise relève de l'obligation de partage de la valeur (loi 2023-1107)."""
    e = accord.entreprise
    d = accord.periode.date_effet
    try:
        if not valeur("partage_valeur_obligation_en_vigueur", d):
            return ""
        mini = valeur("partage_valeur_effectif_min", d)
        maxi = valeur("partage_valeur_effectif_max_exclu", d)
        n = valeur("partage_valeur_exercices_consecutifs", d)
        taux = valeur("partage_valeur_taux_benefice_ca", d)
    except ErreurEntree:
        return ""
    if not (mini <= e.effectif < maxi) or len(e.resultats_fiscaux) < n:
        return ""
    derniers = sorted(e.resultats_fiscaux, key=lambda r: r.exercice)[-n:]
    consecutifs = all(b.exercice == a.exercice + 1 for a, b in zip(derniers, derniers[1:], strict=False))
    if not consecutifs or not all(r.chiffre_affaires_centimes > 0 and Decimal(r.benefice_net_fiscal_centimes)
                                  >= taux * r.chiffre_affaires_centimes for r in derniers):
        return ""
    return (f"La société, qui emploie au moins {mini} et moins de {maxi} salariés, a réalisé au cours des "
            f"{en_lettres(n)} derniers exercices un bénéfice net fiscal au moins égal à {fmt.pourcentage(taux)} de son "
            "chiffre d'affaires : {ce} lui permet de satisfaire à l'obligation de mettre en place un dispositif de "
            "partage de la valeur (loi n° 2023-1107 du 29 novembre 2023, article 5).")


# ========================================================================================= faits à fournir


class FaitsManquants(ErreurEntree):
    """Un fait que seul l'utilisateur peut donner manque : le document n'est pas rédigé (jamais inventé)."""


def faits_manquants(accord: Accord) -> list[tuple[str, str]]:
    """(champ, ce qu'il faut y dire) pour chaque fait nécessaire au texte que les données ne donnent pas."""
    m = accord.mise_en_place
    e = accord.entreprise
    info = accord.information
    manques: list[tuple[str, str]] = []
    if info.presomption_information is None:
        manques.append(("information.presomption_information",
                        "la date à laquelle le bénéficiaire est présumé informé du montant qui lui est attribué "
                        "(remise en main propre, courrier ou voie électronique, et le nombre de jours après "
                        "l'envoi) ; elle ouvre son délai de choix (article R3313-12, II)"))
    if m.mode == "adhesion_branche":
        a = m.adhesion_branche
        if a is None:
            manques.append(("mise_en_place.adhesion_branche", "l'accord de branche agréé auquel la société adhère"))
        else:
            if not a.options:
                manques.append(("mise_en_place.adhesion_branche.options",
                                "les options retenues parmi celles de l'accord de branche, chacune avec l'article "
                                "de l'accord de branche qui la propose (article D3345-7)"))
            if not (a.reference_agrement or a.date_agrement):
                manques.append(("mise_en_place.adhesion_branche.reference_agrement",
                                "la référence ou la date de l'agrément de l'accord de branche (article L3345-4)"))
    # Vote du CSE, audience des signataires, consultation des salariés : laissés en blanc (« ………… ») à
    # compléter avant la signature, et signalés par la règle FORMALITES_CONCLUSION ; jamais inventés.
    if m.mode == "ratification" and m.ratification is None:
        manques.append(("mise_en_place.ratification", "le résultat du vote de ratification (article D3345-1, 3°)"))
    elif m.mode == "decision_unilaterale":
        if e.cse or e.delegues_syndicaux:
            if m.date_pv_desaccord is None:
                manques.append(("mise_en_place.date_pv_desaccord", "la date du procès-verbal de désaccord"))
            if m.date_consultation_cse is None:
                manques.append(("mise_en_place.date_consultation_cse", "la date de la consultation du CSE"))
        elif e.effectif >= valeur("cse_effectif_min", m.date_conclusion) and e.date_pv_carence is None:
            manques.append(("entreprise.date_pv_carence", "la date du procès-verbal de carence (article D3345-3)"))
    if info.suivi_par == "commission" and not (e.cse and info.commission_creee_par_cse):
        manques.append(("information.commission_creee_par_cse",
                        "la commission de suivi doit être une commission spécialisée créée par le CSE (article "
                        "L3313-2, 6°) ; sans CSE, le suivi revient aux salariés directement"))
    if info.suivi_par == "cse" and not e.cse:
        manques.append(("information.suivi_par", "l'entreprise n'a pas de CSE : le suivi revient aux salariés "
                        "directement (valeur « salaries »)"))
    if info.instance_litiges == "cse" and not e.cse:
        manques.append(("information.instance_litiges", "l'entreprise n'a pas de CSE pour examiner les différends"))
    if info.instance_litiges == "commission" and suivi_par(accord) != "commission":
        manques.append(("information.instance_litiges", "aucune commission créée par le CSE n'existe pour examiner "
                        "les différends"))
    return manques


def verifier_faits(accord: Accord) -> None:
    manques = faits_manquants(accord)
    if manques:
        raise FaitsManquants(
            "Document non rédigé : il manque des faits que seul l'utilisateur peut donner (le document ne les "
            "invente jamais).", [f"champ « {champ} » : {quoi}" for champ, quoi in manques])


# ============================================================================================== assemblage


def numeros_articles(accord: Accord) -> dict[str, str]:
    """Le numéro de chaque article de l'accord (renvois « à l'article 7 »), dans l'ordre de la bibliothèque."""
    numeros: dict[str, str] = {}
    for c in clauses.bibliotheque("accord"):
        if c.niveau == "article" and c.s_applique(accord):
            numeros[c.id] = str(len(numeros) + 1)
    return numeros


def contexte_accord(accord: Accord, *, empreinte: str, empreinte_texte: str = "", qr: str = "") -> dict[str, Any]:
    """Toutes les variables du modèle d'accord (et de la note d'information)."""
    verifier_faits(accord)
    texte, unilateral = _grammaire(accord)
    titre, titre_court, sous_titre = _titres(accord)
    lex = Lexique(accord)
    employeur = _employeur(accord)
    m = accord.mise_en_place
    preambule = _preambule(accord, lex)
    preambule["genere"] = [g.replace("{ce}", texte["ce"]) for g in preambule["genere"]]
    beneficiaires = _beneficiaires(accord)
    anciennete = beneficiaires["anciennete"]
    return {
        "titre": titre,
        "titre_court": titre_court,
        "sous_titre": sous_titre,
        "mode": m.mode,
        "unilateral": unilateral,
        "texte": texte,
        "entreprise": _entreprise(accord),
        "employeur": employeur,
        "partie_salaries": _partie_salaries(accord),
        "mise_en_place": {
            "libelle": LIBELLES_MODES[m.mode],
            "libelle_court": minuscule_initiale(LIBELLES_MODES[m.mode]),
            "date_conclusion": fmt.date_longue(m.date_conclusion),
            "article": {"decision_unilaterale": "article L3312-5, II,",
                        "adhesion_branche": "articles L3312-5 et L3312-8"}.get(m.mode, "article L3312-5"),
        },
        "art": numeros_articles(accord),
        "ds": _ds(accord),
        "cse": _cse(accord),
        "ratification": _ratification(accord),
        "due": _due(accord),
        "adhesion": _adhesion(accord),
        "preambule": preambule,
        "perimetre": {
            "tous": accord.perimetre.tous_etablissements,
            "presents_et_futurs": ", présents et futurs" if accord.perimetre.tous_etablissements else "",
            "etablissements": ponctuer_liste(list(accord.perimetre.etablissements or accord.entreprise.etablissements)),
        },
        "periode": _periode(accord),
        "beneficiaires": beneficiaires,
        "formule": _formule(accord, lex),
        "exemple": rediger_exemple(accord, lex).to_dict(),
        "plafonds": _plafonds(accord),
        "repartition": _repartition(accord),
        "versement": _versement(accord),
        "regime": _regime(accord),
        "non_substitution": {
            "delai_mois": en_lettres(valeur("non_substitution_delai_mois", accord.periode.date_effet)),
            "elements": [typographie(f"Pour mémoire, l'élément de rémunération « {e.libelle} » a été supprimé le "
                                     f"{fmt.date_longue(e.date_suppression)}.")
                         for e in accord.elements_remuneration_supprimes],
        },
        "information": _information(accord, texte),
        "litiges": _litiges_accord(accord),
        "litiges_note": _litiges(accord, texte, "du_doc"),
        "depot": _depot(accord, texte, unilateral),
        "signature": _signature(accord, employeur),
        "annexes": _annexes(accord),
        "donnees": {
            "version_format": accord.version_format,
            "identifiant": accord.identifiant or "non renseigné",
            "empreinte": empreinte,
            "empreinte_courte": empreinte[:16],
            "empreinte_texte": empreinte_texte,
            "qr": qr,
        },
        "note": {
            "consultation": " ou du comité social et économique" if accord.entreprise.cse else "",
            "anciennete": f", dès lors qu'ils ont au moins {anciennete} d'ancienneté" if anciennete else "",
        },
    }


# ========================================================================================= liste de dépôt


def _situation_conclusion(accord: Accord, limite: date) -> str:
    conclu = accord.mise_en_place.date_conclusion
    if conclu <= limite:
        return f"conclu le {fmt.date_longue(conclu)} : dans le délai"
    return f"conclu le {fmt.date_longue(conclu)} : HORS DÉLAI"


def contexte_liste_depot(accord: Accord, *, empreinte: str, avertissements: list[str] | None = None
                         ) -> dict[str, Any]:
    base = contexte_accord(accord, empreinte=empreinte)
    texte = base["texte"]
    m = accord.mise_en_place
    e = accord.entreprise
    premiere = accord.periodes()[0]
    conclusion = date_limite_conclusion(premiere)
    depot = date_limite_depot(premiere)
    d = m.date_conclusion
    echeances = [
        {"libelle": "Date limite de conclusion (article L3314-4)", "date": fmt.date_longue(conclusion),
         "situation": _situation_conclusion(accord, conclusion)},
    ]
    alertes: list[str] = []
    if m.date_conclusion > conclusion:
        alertes.append("La date de conclusion dépasse la date limite : les exonérations ne s'appliquent qu'aux "
                       "périodes de calcul ouvertes après le dépôt.")
    if m.mode == "decision_unilaterale" and (e.cse or e.delegues_syndicaux):
        jours = valeur("due_delai_consultation_cse_jours", d)
        echeances.append({
            "libelle": f"Consultation du CSE (au moins {jours} jours avant le dépôt)",
            "date": longue(m.date_consultation_cse),
            "situation": f"dépôt possible à partir du {longue(m.date_consultation_cse + relativedelta(days=jours))}"
            if m.date_consultation_cse else "à organiser",
        })
    if accord.depot.date_depot:
        situation = f"déposé le {fmt.date_longue(accord.depot.date_depot)}"
        if accord.depot.numero_recepisse:
            situation += f" (récépissé {accord.depot.numero_recepisse})"
        if accord.depot.date_depot > depot:
            situation += " : HORS DÉLAI"
            alertes.append("Le dépôt est intervenu après la date limite : les exonérations de la première période "
                           "sont compromises.")
    else:
        situation = "à effectuer"
    echeances.append({"libelle": "Date limite de dépôt sur TéléAccords (article D3313-1)",
                      "date": fmt.date_longue(depot), "situation": situation})
    for ech in calendrier(accord):
        if ech.categorie == "controle":
            echeances.append({"libelle": ech.libelle.replace(" (au plus tard, à partir de la date limite de dépôt)",
                                                             ""),
                              "date": fmt.date_longue(ech.date),
                              "situation": "" if accord.depot.date_depot else "compté à partir de la date limite"})
    echeances.append({"libelle": "Premier versement de l'intéressement, au plus tard",
                      "date": fmt.date_longue(date_limite_versement(premiere)), "situation": ""})

    def piece(nom: str, **valeurs: Any) -> dict[str, str]:
        texte_piece, motif = clauses.phrase(nom, **valeurs).split("|", 1)
        return {"piece": majuscule_initiale(texte_piece), "motif": motif}

    pieces = [piece("piece_texte_pdf", le_doc=texte["le_doc"], e=texte["e"] if base["unilateral"] else ""),
              piece("piece_texte_docx", le_doc=texte["le_doc"])]
    if accord.depot.code_prevalidation:
        alertes.append(clauses.phrase("alerte_prevalidation", code=accord.depot.code_prevalidation))
    mode = m.mode
    sans_instances = not (e.cse or e.delegues_syndicaux)
    seuil_cse = valeur("cse_effectif_min", d)
    annees = valeur("pv_carence_validite_annees", d)

    def carence() -> None:
        if e.effectif < seuil_cse:
            return
        pieces.append(piece("piece_carence", date=f"du {fmt.date_longue(e.date_pv_carence)}" if e.date_pv_carence
                            else "à joindre", validite=duree(annees, "an"), seuil=seuil_cse))
        if e.date_pv_carence and e.date_pv_carence + relativedelta(years=annees) < (accord.depot.date_depot or depot):
            alertes.append(f"Le procès-verbal de carence a plus de {duree(annees, 'an')} à la date du dépôt.")

    if mode == "accord_delegues_syndicaux":
        pieces.append(piece("piece_mandat_ds"))
        consultation = ""
        if m.date_consultation_salaries:
            consultation = (f", et procès-verbal de la consultation des salariés du "
                            f"{fmt.date_longue(m.date_consultation_salaries)}")
        pieces.append(piece("piece_audience", consultation=consultation))
    elif mode == "accord_cse":
        pieces.append(piece("piece_pv_cse", date=fmt.date_longue(d), vote=base["cse"]["vote"]))
    elif mode == "ratification":
        r = m.ratification
        detail = (f" ({r.votes_pour} voix favorables sur {r.effectif_inscrit} personnes inscrites)" if r else "")
        constatation = ("Procès-verbal rendant compte de la consultation, avec la liste d'émargement" if r and
                        r.proces_verbal else "Liste nominative de l'ensemble des salariés portant l'émargement des "
                        "salariés signataires")
        pieces.append(piece("piece_ratification", constatation=constatation, detail=detail,
                            majorite=base["ratification"]["majorite"]))
        if sans_instances:
            pieces.append(piece("piece_attestation_ds"))
            carence()
        else:
            pieces.append(piece("piece_demande_conjointe", instances=base["ratification"]["instances_demande"]))
    elif mode == "decision_unilaterale":
        if sans_instances:
            pieces.append(piece("piece_attestation_ds"))
            carence()
        else:
            jours = valeur("due_delai_consultation_cse_jours", d)
            pieces.append(piece("piece_desaccord", date=longue(m.date_pv_desaccord)))
            pieces.append(piece("piece_consultation_cse", date=longue(m.date_consultation_cse), jours=jours))
    elif mode == "adhesion_branche":
        a = m.adhesion_branche
        pieces.append(piece("piece_branche", intitule=a.intitule if a else VIDE,
                            agrement=base["adhesion"]["agrement"]))
    for p in pieces:
        p["piece"] = typographie(p["piece"])
        p["motif"] = typographie(p["motif"])
    alertes.extend(avertissements or [])
    delai_choix = base["versement"]["delai_choix"]
    apres = [
        "Conserver le récépissé de dépôt délivré par la DDETS via TéléAccords.",
        clauses.phrase("rappel_exonerations_branche") if mode == "adhesion_branche" else
        clauses.phrase("rappel_pieces"),
        "Remettre à chaque salarié la note d'information sur l'intéressement, et la remettre à chaque nouvel "
        "embauché avec le livret d'épargne salariale.",
        f"Après la clôture de chaque période : calculer l'intéressement, informer {'le CSE et ' if e.cse else ''}"
        f"les salariés, remettre à chacun sa fiche individuelle et lui laisser {delai_choix} jours pour choisir "
        "entre le versement et le placement.",
        f"Verser l'intéressement de la première période au plus tard le "
        f"{fmt.date_longue(date_limite_versement(premiere))}.",
    ]
    base.update({
        "echeances": [{k: typographie(v) for k, v in x.items()} for x in echeances],
        "pieces": pieces,
        "alertes": [typographie(a) for a in alertes],
        "apres_depot": [typographie(a) for a in apres],
    })
    return base


# ====================================================================================== fiches individuelles


def _arrondi(x: Decimal) -> int:
    return int(x.to_integral_value(rounding=ROUND_HALF_UP))


def contexte_fiches(accord: Accord, versement: Any, calcul: Any, *, date_information: date,
                    empreinte: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(contexte commun, contexte propre à chaque bénéficiaire dont la prime est positive)."""
    base = contexte_accord(accord, empreinte=empreinte)
    p = calcul.periode
    r = calcul.repartition
    montants = [int(x) for x in r.montants_centimes]
    nombre = len(montants)
    total = sum(montants)
    moyen = total // nombre if nombre else 0
    d_versement = versement.date_versement or date_limite_versement(p)
    csg_taux = valeur("csg_taux", d_versement)
    crds_taux = valeur("crds_taux", d_versement)
    delai = valeur("choix_salarie_delai_jours", d_versement)
    pres = accord.information.presomption_information
    jours_presomption = pres.jours_apres_envoi if pres is not None and pres.moyen != "remise_main_propre" else 0
    date_presumee = date_information + relativedelta(days=jours_presomption)
    if pres is None or pres.moyen == "remise_main_propre":
        presomption_courte = clauses.phrase("presomption_courte_remise_main_propre")
    else:
        n = pres.jours_apres_envoi
        quand = "le jour de" if n == 0 else "le lendemain de" if n == 1 else f"{duree_jours(n)} après"
        presomption_courte = clauses.phrase(f"presomption_courte_{pres.moyen}", delai=quand)
    plans = set(accord.versement.plans_epargne)
    deblocage = []
    if plans & {"PEE", "PEI"}:
        deblocage.append(clauses.phrase("deblocage_pee"))
    if plans & {"PERECO", "PERCOL", "PERCOI"}:
        deblocage.append(clauses.phrase("deblocage_pereco"))
    lex = Lexique(accord)
    donnees_calcul = [f"masse salariale (MS) : {fmt.montant(versement.masse_salariale_centimes)}"]
    for code, v in versement.valeurs.items():
        donnees_calcul.append(f"{minuscule_initiale(lex.libelle(code))} ({lex.symbole(code)}) : {lex.valeur(code, v)}")
    for code, v in versement.valeurs_precedentes.items():
        donnees_calcul.append(f"{minuscule_initiale(lex.libelle(code))}, période précédente : {lex.valeur(code, v)}")
    if p.annuelle and p.debut.month == 1 and p.debut.day == 1 and p.fin.month == 12 and p.fin.day == 31:
        libelle = f"Intéressement de l'exercice {p.fin.year}"
    else:
        libelle = f"Intéressement de la période {p.numero}"
    libelle += f" (du {fmt.date_longue(p.debut)} au {fmt.date_longue(p.fin)})"
    collectif = [{"libelle": "Montant global de l'intéressement de la période", "valeur":
                  fmt.montant(calcul.enveloppe_centimes)}]
    if calcul.supplement_centimes:
        collectif.append({"libelle": "dont supplément d'intéressement", "valeur":
                          fmt.montant(calcul.supplement_centimes)})
    collectif += [
        {"libelle": "Nombre de bénéficiaires", "valeur": str(nombre)},
        {"libelle": "Montant moyen perçu par les bénéficiaires", "valeur": fmt.montant(moyen)},
    ]
    if r.reliquat_centimes:
        collectif.append({"libelle": "Montant non distribué (plafonds individuels)",
                          "valeur": fmt.montant(r.reliquat_centimes)})
    plans_texte, defaut = base["versement"]["plans_texte"], base["versement"]["plan_defaut_texte"]
    choix = ["Je demande le versement immédiat de la somme de :"]
    for code in accord.versement.plans_epargne:
        choix.append(f"Je demande l'affectation au {LIBELLES_PLANS[code]} de la somme de :")
    rappel = []
    for c in base["formule"]["composantes"]:
        rappel.append(c["resume"])
    rappel.extend(base["formule"]["declencheurs"])
    rappel.append(base["repartition"]["introduction"] + " " + " ".join(base["repartition"]["cles"]))
    rappel.append(typographie(
        f"La prime individuelle ne peut excéder {base['plafonds']['individuel_taux']} du plafond annuel de la "
        f"sécurité sociale{base['plafonds']['prorata_court']}. {base['plafonds']['redistribution_court']}"))
    commun = {
        "entreprise": base["entreprise"],
        "periode_libelle": typographie(libelle),
        "collectif": collectif,
        "a_plan": base["versement"]["a_plan"],
        "affectation_defaut": base["versement"]["affectation_defaut"],
        "plans_texte": plans_texte,
        "plan_defaut_texte": defaut,
        "delai_choix": str(delai),
        "date_limite_choix": fmt.date_longue(date_presumee + relativedelta(days=delai)),
        "presomption_courte": typographie(presomption_courte),
        "deblocage": ponctuer_liste(deblocage),
        "donnees_calcul": ponctuer_liste(donnees_calcul),
        "date_information": fmt.date_longue(date_information),
        "date_versement": fmt.date_longue(d_versement),
        "date_limite_versement": fmt.date_longue(date_limite_versement(p)),
        "exoneration_taux": base["versement"]["exoneration_taux"],
        "choix": choix,
        "rappel": rappel,
    }
    rep = accord.repartition
    index = {b.identifiant: b for b in calcul.beneficiaires}
    individuels = []
    for i, ident in enumerate(r.identifiants):
        brut = montants[i]
        if brut <= 0:
            continue
        b = index[ident]
        csg = _arrondi(Decimal(brut) * csg_taux)
        crds = _arrondi(Decimal(brut) * crds_taux)
        net = brut - csg - crds
        lignes = []
        if rep.part_presence > 0:
            lignes.append({"libelle": "Durée de présence retenue", "valeur": f"{fmt.nombre(b.presence / 100)} jours"})
        if rep.part_salaire > 0:
            lignes.append({"libelle": "Salaire de référence", "valeur": fmt.montant(b.salaire_retenu_centimes)})
        lignes += [
            {"libelle": "Plafond individuel applicable", "valeur": fmt.montant(b.plafond_centimes)},
            {"libelle": "Montant brut de votre prime d'intéressement", "valeur": fmt.montant(brut)},
            {"libelle": f"Contribution sociale généralisée (CSG, {fmt.pourcentage(csg_taux)})",
             "valeur": "− " + fmt.montant(csg)},
            {"libelle": f"Contribution au remboursement de la dette sociale (CRDS, {fmt.pourcentage(crds_taux)})",
             "valeur": "− " + fmt.montant(crds)},
            {"libelle": "Montant net de votre prime", "valeur": fmt.montant(net)},
        ]
        if base["versement"]["a_plan"] and base["versement"]["affectation_defaut"]:
            lignes.append({"libelle": f"Montant affecté {defaut} à défaut de choix de votre part",
                           "valeur": fmt.montant(net)})
        notes = [typographie(n[:1].upper() + n[1:] + ".") for n in b.notes]
        if bool(r.plafonne[i]):
            notes.append("Votre prime a été limitée au plafond individuel.")
        individuels.append({
            "b": {"nom": b.nom or ident, "identifiant": ident, "net": fmt.montant(net), "notes": notes},
            "individuel": lignes,
            "montant_brut_centimes": brut,
        })
    return commun, individuels
