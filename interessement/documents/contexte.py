"""Les variables des modèles Word : tout ce que les balises ``{{ … }}`` des modèles peuvent afficher.

Chaque fonction ``contexte_*`` transforme le modèle de données (``Accord``, calcul d'un versement) en un
dictionnaire de textes français déjà mis en forme (montants « 12 345,67 € », dates « 30 juin 2026 »,
taux « 20 % »). Les phrases sont dans la bibliothèque des clauses (``interessement/clauses/textes/phrases*.yaml``
et ``termes.yaml``, chacune avec ses articles) : ce module choisit la phrase et calcule ses valeurs. Les nombres
légaux viennent des paramètres datés (``interessement.parametres``, tous dans ``interessement/parametres/donnees``) ;
aucun n'est écrit ici.

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
from .faits_requis import FaitsManquants, faits_manquants, suivi_par, valeur, verifier_faits  # noqa: F401
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

P = clauses.phrase


def _libelles(nom: str) -> dict[str, str]:
    return dict(clauses.termes(nom))


#: Libellés des qualités des dirigeants et des plans d'épargne (bibliothèque des clauses, termes.yaml).
LIBELLES_QUALITES = _libelles("qualites")
LIBELLES_PLANS = _libelles("plans")


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
    return P("salaries", nombre=en_lettres(n) if lettres or n <= 1 else str(n), n=n)


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
    grammaire = clauses.termes("grammaire")
    if mode == "decision_unilaterale":
        return dict(grammaire["decision_unilaterale"]), True
    if mode == "adhesion_branche" and adhesion is not None and adhesion.par_document_unilateral:
        return dict(grammaire["adhesion_unilaterale"]), True
    return dict(grammaire["accord"]), False


def _titres(accord: Accord) -> tuple[str, str, str]:
    mode = accord.mise_en_place.mode
    titre = accord.intitule
    if mode == "decision_unilaterale" and titre == "Accord d'intéressement":
        titre = clauses.termes("titre_decision_unilaterale")
    courts = clauses.termes("titre_court")
    court = courts.get(mode, courts["autre"])
    p = accord.periode
    sous_titre = P("sous_titre", mode=LIBELLES_MODES[mode], debut=fmt.date_longue(p.date_effet),
                   fin=fmt.date_longue(p.date_fin))
    return titre, court, typographie(sous_titre)


# ============================================================================================ entreprise


def _entreprise(accord: Accord) -> dict[str, Any]:
    e = accord.entreprise
    designation = P("designation_societe", raison_sociale=e.raison_sociale, forme=e.forme_juridique or "",
                    adresse=e.adresse or "", siren=siren_texte(e.siren))
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
    cle = "ds_et_cse" if e.delegues_syndicaux and e.cse else "ds" if e.delegues_syndicaux else "cse"
    i = clauses.termes("instances")[cle]
    return i["dotee"], i["demande"], i["negociation"]


def _partie_salaries(accord: Accord) -> dict[str, Any]:
    mode = accord.mise_en_place.modalite_conclusion or accord.mise_en_place.mode
    salaries = [s for s in accord.mise_en_place.signataires if s.partie == "salaries"]
    membres: list[str] = []

    def avec_organisation(s: Any) -> str:
        return f"{s.nom}, {minuscule_initiale(s.qualite)}" + (f" ({s.organisation})" if s.organisation else "")

    if mode in ("convention_collective", "accord_delegues_syndicaux"):
        intro = P("parties_intro_convention" if mode == "convention_collective" else "parties_intro_ds")
        for s in salaries:
            membres.append(P("parties_membre_syndicat", organisation=s.organisation or VIDE, nom=s.nom,
                             qualite=minuscule_initiale(s.qualite)))
        if not membres:
            membres.append(P("parties_membre_syndicat", organisation=VIDE, nom=VIDE, qualite=""))
    elif mode == "accord_cse":
        intro = P("parties_intro_cse")
        membres = [f"{s.nom}, {minuscule_initiale(s.qualite)}" for s in salaries] or [
            P("parties_membre_titulaire_vide", vide=VIDE)]
    elif mode == "ratification":
        r = accord.mise_en_place.ratification
        date_vote = longue((r.date_vote if r else None) or accord.mise_en_place.date_conclusion)
        majorite = fraction_en_lettres(valeur("ratification_majorite", accord.mise_en_place.date_conclusion),
                                       avec_de=True)
        intro = P("parties_intro_ratification", majorite=majorite, date_vote=date_vote,
                  demande_conjointe=bool(salaries))
        membres = [avec_organisation(s) for s in salaries]
    else:  # adhésion à un accord de branche, par accord
        intro = P("parties_intro_adhesion")
        membres = [avec_organisation(s) for s in salaries] or [f"{VIDE}, {VIDE}"]
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
    constatation = P("ratification_constatation_pv" if r is not None and r.proces_verbal
                     else "ratification_constatation_emargement")
    if r is None:
        return {"demande_conjointe": False, "instances": instances, "instances_demande": demande,
                "date_vote": longue(d), "lignes": [], "majorite": majorite, "carence": carence,
                "constatation": constatation, "constat": P("ratification_constat_inconnu"),
                "mention_signature": P("ratification_mention_inconnue", majorite=majorite)}
    requis = math.ceil(fraction * r.effectif_inscrit)
    autres = r.effectif_inscrit - r.votes_pour - r.votes_contre
    lignes = [
        {"libelle": P("ratification_ligne_inscrits"), "valeur": str(r.effectif_inscrit)},
        {"libelle": P("ratification_ligne_majorite", fraction=fraction_en_lettres(fraction)),
         "valeur": P("ratification_voix", n=requis)},
        {"libelle": P("ratification_ligne_pour"), "valeur": str(r.votes_pour)},
        {"libelle": P("ratification_ligne_contre"), "valeur": str(r.votes_contre)},
        {"libelle": P("ratification_ligne_autres"), "valeur": str(autres)},
    ]
    if r.votes_pour >= requis:
        constat = P("ratification_atteinte", pour=r.votes_pour, fraction=fraction_en_lettres(fraction),
                    requis=requis)
    else:
        constat = P("ratification_non_atteinte", pour=r.votes_pour, requis=requis, majorite=majorite)
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
        "mention_signature": typographie(P(
            "ratification_mention_signature", date_vote=longue(r.date_vote or d), majorite=majorite,
            pour=r.votes_pour, inscrits=r.effectif_inscrit)),
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
        return {"intitule": VIDE, "precisions": "", "voie": clauses.termes("grammaire")["accord"]["par_voie"],
                "agrement": VIDE, "options": []}
    precisions = ""
    if a.idcc:
        precisions += f" (IDCC {a.idcc})"
    if a.date_accord:
        precisions += " " + P("date_du", date=fmt.date_longue(a.date_accord))
    agrement = []
    if a.reference_agrement:
        agrement.append(a.reference_agrement)
    if a.date_agrement and fmt.date_longue(a.date_agrement) not in (a.reference_agrement or ""):
        agrement.append(P("adhesion_agrement_du", date=fmt.date_longue(a.date_agrement)))
    if a.par_document_unilateral:
        voie = P("adhesion_voie_unilaterale", effectif_max=valeur("due_effectif_max_exclu", d))
    else:
        modalite = accord.mise_en_place.modalite_conclusion
        voie = P("adhesion_voie_accord", modalite=P(
            f"adhesion_modalite_{modalite}",
            majorite=fraction_en_lettres(valeur("ratification_majorite", d), avec_de=True)) if modalite else VIDE)
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
            valeur("accord_majoritaire_audience_taux", d)))), "audience_connue": False}
    seuil = valeur("accord_majoritaire_audience_taux", d)
    if a > seuil:
        texte = clauses.phrase("ds_majorite", audience=fmt.pourcentage(a), seuil=fmt.pourcentage(seuil))
    else:
        texte = clauses.phrase("ds_majorite_consultation", audience=fmt.pourcentage(a),
                               seuil_consultation=fmt.pourcentage(valeur("accord_consultation_audience_taux", d)),
                               ce="le présent accord", date_consultation=longue(m.date_consultation_salaries))
    return {"majorite": typographie(texte), "audience_connue": True}


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
        description = P("periodes_annuelles")
    else:
        description = P("periodes_infra_annuelles", duree=duree(n, "mois"),
                        nom={6: "semestres", 3: "trimestres", 4: "quadrimestres"}.get(n, ""))
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
            P("echeance_versement", numero=x.numero, debut=fmt.date_longue(x.debut), fin=fmt.date_longue(x.fin),
              limite=fmt.date_longue(date_limite_versement(x))) for x in periodes]),
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
    plafond_dirigeants = P("dirigeants_plafond_salaire") if rep.plafond_salaire_dirigeants else ""
    if conjoint:
        taux = fmt.pourcentage(valeur("plafond_salaire_conjoint_taux_pass", d))
        plafond_dirigeants = P("conjoint_salaire_plafonne" if rep.plafond_salaire_conjoint else "conjoint_salaire",
                               debut=plafond_dirigeants, taux=taux)
    dirigeants = [f"{x.nom}, {LIBELLES_QUALITES[x.qualite]}" for x in accord.entreprise.dirigeants
                  if conjoint or x.qualite not in QUALITES_CONJOINT]
    return {
        "anciennete": _anciennete(accord),
        "anciennete_de": de(_anciennete(accord)),
        "anciennete_max_mois": en_lettres(valeur("anciennete_max_mois", d)),
        "periode_anterieure_mois": en_lettres(valeur("anciennete_periode_anterieure_mois", d)),
        "dirigeants_inclus": b.dirigeants_inclus,
        "et_conjoint": " et conjoint" if conjoint else "",
        "conjoint_texte": P("conjoint_beneficiaire") if conjoint else "",
        "conjoint_court": P("conjoint_court") if conjoint else "",
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
            "definition": typographie(ind.definition) if ind and ind.definition else P("indicateur_non_defini"),
            "source": typographie(ind.source) if ind and ind.source else P("source_non_precisee"),
        })
    composantes = [c.to_dict() for c in rediger_composantes(accord, lex)]
    plancher = ""
    if accord.formule.plancher_centimes is not None:
        plancher = typographie(P("plancher_garanti", montant=fmt.montant(accord.formule.plancher_centimes)))
    plafonds = rediger_plafonds_accord(accord, lex)
    return {
        "indicateurs": indicateurs,
        "composantes": composantes,
        "plusieurs_composantes": len(composantes) > 1,
        "expression_globale": expression_globale(accord),
        "declencheurs": rediger_declencheurs(accord, lex),
        "plafonds_accord": plafonds,
        # Le plafond propre à l'accord en une phrase (note d'information, rappel de la fiche individuelle).
        "plafonds_resume": typographie(P("rappel_plafond_accord", plafonds=plafonds)) if plafonds else "",
        "plancher": plancher,
    }


def _pass_indicatif(accord: Accord) -> tuple[int, int, bool] | None:
    """(année, PASS, publié pour l'exercice) pour l'exemple du plafond individuel : le PASS de l'exercice de la
    première période s'il est publié, sinon le dernier publié avant lui (jusqu'à l'année de conclusion) ; rien si
    ces années sont hors période modélisée (jamais d'extrapolation)."""
    exercice = accord.periodes()[0].fin.year
    for annee in range(exercice, min(exercice, accord.mise_en_place.date_conclusion.year) - 1, -1):
        try:
            return annee, parametres.pass_annuel_centimes(annee), annee == exercice
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
        annee, pass_c, publie = indicatif
        montant = int((Decimal(pass_c) * taux_ind).to_integral_value(rounding=ROUND_HALF_UP))
        exemple = P("plafond_individuel_exemple" if publie else "plafond_individuel_exemple_dernier_pass",
                    montant=fmt.montant(montant), annee=annee)
    rep = accord.repartition
    global_dirigeants = P("plafond_global_dirigeants") if accord.beneficiaires.dirigeants_inclus else ""
    return {
        "global_taux": fmt.pourcentage(valeur("plafond_global_taux", d)),
        "global_dirigeants": global_dirigeants,
        "individuel_taux": fmt.pourcentage(taux_ind),
        "individuel_exemple": exemple,
        "prorata": rep.prorata_plafond_individuel,
        "redistribution": rep.redistribution_excedent,
        "prorata_court": P("plafond_prorata_court") if rep.prorata_plafond_individuel else "",
        "redistribution_court": P("plafond_redistribution" if rep.redistribution_excedent
                                  else "plafond_sans_redistribution"),
    }


def _repartition(accord: Accord) -> dict[str, Any]:
    rep = accord.repartition
    intro, cles, _ = cles_repartition(accord)
    codes_legaux, legales, supplementaires = absences(accord)
    presence = rep.part_presence > 0
    salaire = rep.part_salaire > 0
    if presence:
        texte = P("presence_definition", prorata_temps_travail=rep.presence_prorata_temps_travail)
    elif salaire:
        texte = P("salaire_absences")
    else:
        texte = P("uniforme_absences")
    bornes = []
    if rep.salaire_plancher_centimes is not None:
        bornes.append(P("salaire_plancher", montant=fmt.montant(rep.salaire_plancher_centimes)))
    if rep.salaire_plafond_centimes is not None:
        bornes.append(P("salaire_plafond", montant=fmt.montant(rep.salaire_plafond_centimes)))
    noms_courts = [minuscule_initiale(re.sub(r" \(.*\)$", "", x)) for x in legales]
    return {
        "introduction": intro,
        "cles": cles,
        "presence_texte": typographie(texte),
        "absences_legales": ponctuer_liste(legales),
        "absences_supplementaires": ponctuer_liste(supplementaires),
        "absences_phrase": typographie(P("absences_phrase", absences=enumeration(noms_courts))),
        "codes_absences_legales": codes_legaux,
        "salaire": salaire,
        "presence": presence,
        "notion_salaire": typographie(rep.notion_salaire or P("notion_salaire_defaut")),
        "salaire_reconstitue": rep.salaire_reconstitue_absences,
        "bornes_salaire": [typographie(b) for b in bornes],
    }


# ============================================================================================= versement


def _plans(accord: Accord) -> tuple[str, str]:
    plans = accord.versement.plans_epargne
    if not plans:
        return "", ""
    textes = [P("au_plan", plan=LIBELLES_PLANS[p]) for p in plans]
    defaut = next((p for p in plans if p in ("PEE", "PEI")), plans[0])
    return enumeration(textes, "ou"), P("au_plan", plan=LIBELLES_PLANS[defaut])


def _versement(accord: Accord) -> dict[str, Any]:
    periodes = accord.periodes()
    premiere = periodes[0]
    d = premiere.fin
    if premiere.annuelle:
        delai = P("versement_delai_annuel", ordinal=ordinal(valeur("versement_delai_mois_annuel", d)))
    else:
        delai = P("versement_delai_infra_annuel", ordinal=ordinal(valeur("versement_delai_mois_infra_annuel", d)))
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
            forfait = P("forfait_social_exonere", seuil=seuil)
        else:
            forfait = P("forfait_social_moins_seuil", taux=fmt.pourcentage(taux))
    else:
        forfait = P("forfait_social_seuil", taux=fmt.pourcentage(valeur("forfait_social_taux_a_partir_seuil", d)))
    return {
        "csg": fmt.pourcentage(valeur("csg_taux", d)),
        "crds": fmt.pourcentage(valeur("crds_taux", d)),
        "forfait_social": typographie(forfait),
    }


# =========================================================================================== information


def _presomption(accord: Accord) -> str:
    p = accord.information.presomption_information
    if p is None:
        return VIDE
    if p.moyen == "remise_main_propre":
        return typographie(clauses.phrase("presomption_remise_main_propre"))
    return typographie(clauses.phrase(f"presomption_{p.moyen}", delai=delai_presomption(p.jours_apres_envoi)))


def delai_presomption(n: int) -> str:
    """« le jour de », « le lendemain de », « trois jours après » (l'envoi de la fiche)."""
    if n == 0:
        return P("presomption_delai_jour")
    if n == 1:
        return P("presomption_delai_lendemain")
    return P("presomption_delai_jours", jours=en_lettres(n), n=n)


def _presomption_note(accord: Accord) -> str:
    """La même présomption, dite au salarié dans la note d'information (« vous »)."""
    p = accord.information.presomption_information
    if p is None:
        return VIDE
    if p.moyen == "remise_main_propre":
        return typographie(P("presomption_note_remise_main_propre"))
    return typographie(P(f"presomption_note_{p.moyen}", delai=delai_presomption(p.jours_apres_envoi)))


def _information(accord: Accord, texte: dict[str, str]) -> dict[str, str]:
    du = texte["du"]
    modalites = accord.information.modalites_information_salaries or P("modalites_information_defaut", du=du)
    return {"modalites_salaries": phrase(majuscule_initiale(modalites)),
            "modalites_salaries_suite": phrase(minuscule_initiale(modalites)), "suivi_par": suivi_par(accord),
            "presomption": _presomption(accord), "presomption_note": _presomption_note(accord)}


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
    instance = instance_litiges(accord)
    return {"instance": instance, "instance_nom": clauses.termes("instance_litiges")[instance],
            "texte_libre": phrase(libre) if libre else ""}


def _depot(accord: Accord, texte: dict[str, str], unilateral: bool) -> dict[str, str]:
    premiere = accord.periodes()[0]
    limite = date_limite_depot(premiere)
    base = accord.depot.date_depot or limite
    m1 = valeur("controle_urssaf_premier_mois", base)
    m2 = valeur("controle_urssaf_suivant_mois", base)
    suivant = " " + clauses.phrase("controle_suivant", mois=duree(m2, "mois")) if m2 else ""
    return {
        "par_qui": P("depot_par_employeur" if unilateral else "depot_par_partie"),
        "date_limite": fmt.date_longue(limite),
        "delai_jours": en_lettres(valeur("delai_depot_jours", premiere.debut)),
        "controle_premier": duree(m1, "mois"),
        "controle_suivant": typographie(suivant),
    }


def _signature(accord: Accord, employeur: dict[str, str]) -> dict[str, Any]:
    m = accord.mise_en_place
    mode = m.modalite_conclusion or m.mode
    raison = accord.entreprise.raison_sociale
    blocs = []
    for s in m.signataires:
        if s.partie == "employeur":
            pour = P("signe_employeur_due") if mode == "decision_unilaterale" else P("signe_societe",
                                                                                     raison_sociale=raison)
        elif mode == "accord_cse":
            pour = P("signe_cse")
        elif mode in ("convention_collective", "accord_delegues_syndicaux"):
            pour = P("signe_syndicat", organisation=s.organisation or VIDE)
        elif s.organisation:
            pour = P("signe_organisation", organisation=s.organisation)
        elif mode == "ratification" and accord.entreprise.cse:
            pour = P("signe_cse")
        else:
            pour = P("signe_salaries")
        blocs.append({"pour": pour, "nom": s.nom, "qualite": s.qualite})
    if not any(s.partie == "employeur" for s in m.signataires):
        blocs.insert(0, {"pour": P("signe_societe", raison_sociale=raison), "nom": employeur["nom"],
                         "qualite": majuscule_initiale(employeur["qualite"])})
    return {"lieu": m.lieu or VIDE, "date": fmt.date_longue(m.date_conclusion), "blocs": blocs}


def _annexes(accord: Accord) -> list[str]:
    m = accord.mise_en_place
    e = accord.entreprise
    annexes = []
    modalite = m.modalite_conclusion
    if modalite == "ratification":
        annexes.append(P("annexe_ratification"))
    elif modalite == "accord_cse":
        annexes.append(P("annexe_pv_cse", date=longue(m.date_conclusion)))
    elif m.mode == "decision_unilaterale":
        if e.date_pv_carence:
            annexes.append(P("annexe_carence", date=fmt.date_longue(e.date_pv_carence)))
        if e.delegues_syndicaux or e.cse:
            annexes.append(P("annexe_desaccord", date=longue(m.date_pv_desaccord)))
            annexes.append(P("annexe_consultation_cse", date=longue(m.date_consultation_cse)))
        if not (e.delegues_syndicaux or e.cse):
            annexes.append(P("annexe_attestation_ds"))
    if m.mode == "adhesion_branche":
        annexes.append(P("annexe_branche", intitule=m.adhesion_branche.intitule if m.adhesion_branche else VIDE))
    return ponctuer_liste(annexes)


def _preambule(accord: Accord, lex: Lexique, ce: str) -> dict[str, list[str]]:
    genere = []
    f = accord.formule
    noms = []
    for c in f.composantes:
        t = c.type
        if t == "part_resultat":
            noms.append(P("preambule_part_resultat", libelle=lex.libelle(c.indicateur)))
        elif t == "paliers_croissance":
            noms.append(P("preambule_paliers", libelle=lex.libelle(c.indicateur)))
        elif t == "objectifs":
            noms.append(P("preambule_objectifs", n=len(c.objectifs), nombre=en_lettres(len(c.objectifs)),
                          objectifs=enumeration([f"« {o.nom} »" for o in c.objectifs])))
        elif t == "pourcentage_masse_salariale":
            noms.append(P("preambule_masse_salariale"))
        elif t == "montant_fixe":
            noms.append(P("preambule_montant_fixe"))
    declencheurs = enumeration([f"{lex.symbole(d.indicateur)} {SYMBOLES_OPERATEURS[d.operateur]} "
                                f"{lex.valeur(d.indicateur, d.valeur)}" for d in f.declencheurs])
    genere.append(P("preambule_formule", composantes=enumeration(noms), declencheurs=declencheurs))
    _, _, raisons = cles_repartition(accord)
    if raisons:
        genere.append(P("preambule_criteres", raisons=enumeration(raisons)))
    obligation = _obligation_partage(accord, ce)
    if obligation:
        genere.append(obligation)
    return {"paragraphes": paragraphes(accord.information.preambule),
            "genere": [typographie(g) for g in genere]}


def _obligation_partage(accord: Accord, ce: str) -> str:
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
    return P("preambule_partage_valeur", mini=mini, maxi=maxi, n=en_lettres(n), taux=fmt.pourcentage(taux), ce=ce)


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
    preambule = _preambule(accord, lex, texte["ce"])
    beneficiaires = _beneficiaires(accord)
    anciennete = beneficiaires["anciennete"]
    delai_substitution = valeur("non_substitution_delai_mois", accord.periode.date_effet)
    return {
        "titre": titre,
        "titre_court": titre_court,
        "sous_titre": sous_titre,
        "mode": m.mode,
        "modalite": m.modalite_conclusion or "",
        "unilateral": unilateral,
        "texte": texte,
        "entreprise": _entreprise(accord),
        "employeur": employeur,
        "partie_salaries": _partie_salaries(accord),
        "mise_en_place": {
            "libelle": LIBELLES_MODES[m.mode],
            "libelle_court": minuscule_initiale(LIBELLES_MODES[m.mode]),
            "date_conclusion": fmt.date_longue(m.date_conclusion),
            "article": clauses.termes("article_mise_en_place").get(
                m.mode, clauses.termes("article_mise_en_place")["autre"]),
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
        "exemple": ({**rediger_exemple(accord, lex).to_dict(), "inclus": True} if accord.documents.exemple_chiffre
                    else {"inclus": False}),
        "plafonds": _plafonds(accord),
        "repartition": _repartition(accord),
        "versement": _versement(accord),
        "regime": _regime(accord),
        "non_substitution": {
            "delai_mois": en_lettres(delai_substitution),
            "elements": [typographie(P(
                "element_supprime", libelle=e.libelle, date=fmt.date_longue(e.date_suppression),
                du=texte["du"], delai=duree(delai_substitution, "mois"),
                ancien=e.date_suppression + relativedelta(months=delai_substitution) <= accord.periode.date_effet))
                for e in accord.elements_remuneration_supprimes],
        },
        "information": _information(accord, texte),
        "litiges": _litiges_accord(accord),
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
            "consultation": P("note_consultation_cse") if accord.entreprise.cse else "",
            "anciennete": P("note_anciennete", anciennete=anciennete) if anciennete else "",
        },
    }


# ========================================================================================= liste de dépôt


def _situation_conclusion(accord: Accord, limite: date) -> str:
    conclu = accord.mise_en_place.date_conclusion
    return P("situation_dans_le_delai" if conclu <= limite else "situation_hors_delai", date=fmt.date_longue(conclu))


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
        {"libelle": P("echeance_conclusion"), "date": fmt.date_longue(conclusion),
         "situation": _situation_conclusion(accord, conclusion)},
    ]
    alertes: list[str] = []
    if m.date_conclusion > conclusion:
        alertes.append(P("alerte_conclusion_tardive"))
    if m.mode == "decision_unilaterale" and (e.cse or e.delegues_syndicaux):
        jours = valeur("due_delai_consultation_cse_jours", d)
        echeances.append({
            "libelle": P("echeance_consultation_cse", jours=jours),
            "date": longue(m.date_consultation_cse),
            "situation": P("situation_consultation_cse",
                           date=longue(m.date_consultation_cse + relativedelta(days=jours)))
            if m.date_consultation_cse else P("situation_a_organiser"),
        })
    if accord.depot.date_depot:
        tardif = accord.depot.date_depot > depot
        situation = P("situation_depose", date=fmt.date_longue(accord.depot.date_depot),
                      recepisse=accord.depot.numero_recepisse or "", tardif=tardif)
        if tardif:
            alertes.append(P("alerte_depot_tardif"))
    else:
        situation = P("situation_a_effectuer")
    echeances.append({"libelle": P("echeance_depot"), "date": fmt.date_longue(depot), "situation": situation})
    for ech in calendrier(accord):
        if ech.categorie == "controle":
            echeances.append({"libelle": ech.libelle.split(" (au plus tard")[0],
                              "date": fmt.date_longue(ech.date),
                              "situation": "" if accord.depot.date_depot else P("situation_controle_sans_depot")})
    echeances.append({"libelle": P("echeance_premier_versement"),
                      "date": fmt.date_longue(date_limite_versement(premiere)), "situation": ""})

    def piece(nom: str, **valeurs: Any) -> dict[str, str]:
        texte_piece, motif = clauses.phrase(nom, **valeurs).split("|", 1)
        return {"piece": majuscule_initiale(texte_piece), "motif": motif}

    pieces = [piece("piece_texte_pdf", le_doc=texte["le_doc"], e=texte["e"] if base["unilateral"] else ""),
              piece("piece_texte_docx", le_doc=texte["le_doc"])]
    if accord.depot.code_prevalidation:
        alertes.append(clauses.phrase("alerte_prevalidation", code=accord.depot.code_prevalidation))
    # Une adhésion à un accord de branche par accord suit la modalité de sa conclusion (L3312-8 : « dans les
    # conditions prévues au I de l'article L. 3312-5 ») : ses pièces sont celles de cette modalité.
    mode = m.modalite_conclusion or m.mode
    sans_instances = not (e.cse or e.delegues_syndicaux)
    seuil_cse = valeur("cse_effectif_min", d)
    annees = valeur("pv_carence_validite_annees", d)

    def carence() -> None:
        if e.effectif < seuil_cse:
            return
        pieces.append(piece("piece_carence", date=P("date_du", date=fmt.date_longue(e.date_pv_carence))
                            if e.date_pv_carence else P("carence_a_joindre"), validite=duree(annees, "an"),
                            seuil=seuil_cse))
        if e.date_pv_carence and e.date_pv_carence + relativedelta(years=annees) < (accord.depot.date_depot or depot):
            alertes.append(P("alerte_carence_ancienne", validite=duree(annees, "an")))

    if mode in ("convention_collective", "accord_delegues_syndicaux"):
        if mode == "accord_delegues_syndicaux":
            pieces.append(piece("piece_mandat_ds"))
        pieces.append(piece("piece_notification_os"))
        consultation = ""
        if m.date_consultation_salaries:
            consultation = P("consultation_salaries_pv", date=fmt.date_longue(m.date_consultation_salaries))
        pieces.append(piece("piece_audience", consultation=consultation))
    elif mode == "accord_cse":
        pieces.append(piece("piece_pv_cse", date=fmt.date_longue(d), vote=base["cse"]["vote"]))
    elif mode == "ratification":
        r = m.ratification
        detail = P("ratification_detail_votes", pour=r.votes_pour, inscrits=r.effectif_inscrit) if r else ""
        constatation = P("ratification_piece_pv" if r and r.proces_verbal else "ratification_piece_emargement")
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
    if m.mode == "adhesion_branche":
        a = m.adhesion_branche
        pieces.append(piece("piece_branche", intitule=a.intitule if a else VIDE,
                            agrement=base["adhesion"]["agrement"]))
    for p in pieces:
        p["piece"] = typographie(p["piece"])
        p["motif"] = typographie(p["motif"])
    alertes.extend(avertissements or [])
    delai_choix = base["versement"]["delai_choix"]
    apres = [
        P("apres_recepisse"),
        P("rappel_exonerations_branche") if m.mode == "adhesion_branche" else P("rappel_pieces"),
        P("apres_note"),
        P("apres_cloture", cse=e.cse, delai_choix=delai_choix, a_plan=bool(accord.versement.plans_epargne)),
        P("apres_premier_versement", date=fmt.date_longue(date_limite_versement(premiere))),
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


def fin_du_delai_de_choix(accord: Accord, date_information: date, d_versement: date) -> date | None:
    """Le dernier jour où le bénéficiaire informé le ``date_information`` peut choisir entre le versement et le
    placement (R3313-12, II : quinze jours à compter de la date où il est présumé informé) ; ``None`` sans plan
    d'épargne (la prime est versée, il n'y a pas de choix)."""
    if not accord.versement.plans_epargne:
        return None
    pres = accord.information.presomption_information
    jours = pres.jours_apres_envoi if pres is not None and pres.moyen != "remise_main_propre" else 0
    return date_information + relativedelta(days=jours + valeur("choix_salarie_delai_jours", d_versement))


def contexte_fiches(accord: Accord, versement: Any, calcul: Any, *, date_information: date,
                    empreinte: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(contexte commun, contexte propre à chaque bénéficiaire dont la prime est positive)."""
    base = contexte_accord(accord, empreinte=empreinte)
    p = calcul.periode
    r = calcul.repartition
    montants = [int(x) for x in r.montants_centimes]
    nombre = len(montants)
    total = sum(montants)
    from interessement.repartition import moyenne_centimes

    moyen = moyenne_centimes(total, nombre)
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
        presomption_courte = clauses.phrase(f"presomption_courte_{pres.moyen}",
                                            delai=delai_presomption(pres.jours_apres_envoi))
    plans = set(accord.versement.plans_epargne)
    deblocage = []
    if plans & {"PEE", "PEI"}:
        deblocage.append(clauses.phrase("deblocage_pee"))
    if plans & {"PERECO", "PERCOL", "PERCOI"}:
        deblocage.append(clauses.phrase("deblocage_pereco"))
    lex = Lexique(accord)
    donnees_calcul = [P("fiche_donnee_masse", montant=fmt.montant(versement.masse_salariale_centimes))]
    for code, v in versement.valeurs.items():
        donnees_calcul.append(P("fiche_donnee_indicateur", libelle=minuscule_initiale(lex.libelle(code)),
                                symbole=lex.symbole(code), valeur=lex.valeur(code, v)))
    for code, v in versement.valeurs_precedentes.items():
        donnees_calcul.append(P("fiche_donnee_precedente", libelle=minuscule_initiale(lex.libelle(code)),
                                valeur=lex.valeur(code, v)))
    bornes = {"debut": fmt.date_longue(p.debut), "fin": fmt.date_longue(p.fin)}
    if p.annuelle and p.debut.month == 1 and p.debut.day == 1 and p.fin.month == 12 and p.fin.day == 31:
        libelle = P("fiche_libelle_exercice", annee=p.fin.year, **bornes)
    else:
        libelle = P("fiche_libelle_periode", numero=p.numero, **bornes)
    collectif = [{"libelle": P("fiche_montant_global"), "valeur": fmt.montant(calcul.enveloppe_centimes)}]
    if calcul.supplement_centimes:
        collectif.append({"libelle": P("fiche_dont_supplement"), "valeur": fmt.montant(calcul.supplement_centimes)})
    collectif += [
        {"libelle": P("fiche_nombre_beneficiaires"), "valeur": str(nombre)},
        {"libelle": P("fiche_montant_moyen"), "valeur": fmt.montant(moyen)},
    ]
    if r.reliquat_centimes:
        collectif.append({"libelle": P("fiche_non_distribue"), "valeur": fmt.montant(r.reliquat_centimes)})
    plans_texte, defaut = base["versement"]["plans_texte"], base["versement"]["plan_defaut_texte"]
    choix = [P("fiche_choix_versement")]
    for code in accord.versement.plans_epargne:
        choix.append(P("fiche_choix_plan", plan=LIBELLES_PLANS[code]))
    rappel = []
    for c in base["formule"]["composantes"]:
        rappel.append(c["resume"])
    rappel.extend(base["formule"]["declencheurs"])
    if base["formule"]["plafonds_resume"]:  # sans lui, le salarié ne peut pas refaire le calcul du montant global
        rappel.append(base["formule"]["plafonds_resume"])
    rappel.append(base["repartition"]["introduction"] + " " + " ".join(base["repartition"]["cles"]))
    rappel.append(typographie(P("fiche_rappel_plafond", taux=base["plafonds"]["individuel_taux"],
                                prorata=base["plafonds"]["prorata_court"],
                                redistribution=base["plafonds"]["redistribution_court"])))
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
    # Libellés rendus une fois pour toutes les fiches (des milliers par versement).
    libelles = {"presence": P("fiche_presence"), "salaire": P("fiche_salaire"), "plafond": P("fiche_plafond"),
                "brut": P("fiche_brut"), "csg": P("fiche_csg", taux=fmt.pourcentage(csg_taux)),
                "crds": P("fiche_crds", taux=fmt.pourcentage(crds_taux)), "net": P("fiche_net"),
                "defaut": P("fiche_affecte_defaut", plan=defaut), "plafonnee": P("fiche_plafonnee")}
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
            lignes.append({"libelle": libelles["presence"],
                           "valeur": P("fiche_jours", nombre=fmt.nombre(b.presence / 100))})
        if rep.part_salaire > 0:
            lignes.append({"libelle": libelles["salaire"], "valeur": fmt.montant(b.salaire_retenu_centimes)})
        lignes += [
            {"libelle": libelles["plafond"], "valeur": fmt.montant(b.plafond_centimes)},
            {"libelle": libelles["brut"], "valeur": fmt.montant(brut)},
            {"libelle": libelles["csg"], "valeur": "− " + fmt.montant(csg)},
            {"libelle": libelles["crds"], "valeur": "− " + fmt.montant(crds)},
            {"libelle": libelles["net"], "valeur": fmt.montant(net)},
        ]
        if base["versement"]["a_plan"] and base["versement"]["affectation_defaut"]:
            lignes.append({"libelle": libelles["defaut"], "valeur": fmt.montant(net)})
        notes = [typographie(n[:1].upper() + n[1:] + ".") for n in b.notes]
        if bool(r.plafonne[i]):
            notes.append(libelles["plafonnee"])
        individuels.append({
            "b": {"nom": b.nom or ident, "identifiant": ident, "net": fmt.montant(net), "notes": notes},
            "individuel": lignes,
            "montant_brut_centimes": brut,
        })
    return commun, individuels
