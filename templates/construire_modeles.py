"""Construit les modèles Word du projet (``templates/*.docx``) avec python-docx, de façon reproductible.

Usage : ``.venv/bin/python templates/construire_modeles.py``  (réécrit les quatre modèles ; les tests
vérifient que les modèles versionnés sont à jour).

Les modèles sont de vrais documents Word : styles Titre, Titre 1 et 2 (articles numérotés automatiquement
« Article 1 – »), champ de sommaire (TOC), pied de page avec les champs PAGE et NUMPAGES. Le texte
contient des balises docxtpl (Jinja) : ``{{ variable }}`` et ``{%p if … %}`` / ``{%p for … %}`` (paragraphes
de structure supprimés au rendu), ``{%tr for … %}`` (lignes de tableau). Un juriste peut modifier la
rédaction directement dans Word, sans toucher aux balises ; les variables disponibles sont décrites dans
``interessement/documents/contexte.py``. Aucun nombre légal n'est écrit ici : taux, délais et montants
viennent des paramètres datés (``interessement/parametres``).
"""

from __future__ import annotations

import sys
from pathlib import Path

ICI = Path(__file__).resolve().parent
sys.path.insert(0, str(ICI))
sys.path.insert(0, str(ICI.parent))

from _docx_outils import (  # noqa: E402
    Redacteur,
    mettre_a_jour_champs_a_l_ouverture,
    nouveau_document,
    ordonner_schema,
)

MODELES = {
    "accord": "accord.docx",
    "note_information": "note_information.docx",
    "fiche_individuelle": "fiche_individuelle.docx",
    "liste_depot": "liste_depot.docx",
}


# ================================================================================================ accord



def _phrases_et_paliers(r) -> None:  # noqa: ANN001 - même rédacteur que les fonctions appelantes
    """Les phrases d'une composante de formule et, s'il y en a, le barème de ses paliers de croissance
    (commun à l'accord et à la note d'information)."""
    r.pour("phrase in c.phrases")
    r.p("{{ phrase }}")
    r.fin_pour()
    r.si("c.paliers")
    r.tableau(["Croissance de l'indicateur", "Intéressement global"], ["{{ l.condition }}", "{{ l.taux }}"],
              "l in c.paliers", [9.0, 7.0])
    r.fin_si()

def modele_accord() -> Redacteur:
    doc = nouveau_document(titre_propriete="{{ titre }}", sujet="Intéressement — {{ entreprise.raison_sociale }}")
    mettre_a_jour_champs_a_l_ouverture(doc)
    r = Redacteur(doc)
    r.pied_de_page("{{ entreprise.raison_sociale }} — {{ titre_court }}")

    # ------------------------------------------------------------------------------------ page de titre
    r.titre("{{ titre }}")
    r.sous_titre("{{ sous_titre }}")
    r.centre("**{{ entreprise.raison_sociale }}**")
    r.centre("{{ entreprise.ligne_identite }}", "Texte petit")
    r.sommaire()

    # ------------------------------------------------------------------------------------------ parties
    r.si("unilateral")
    r.section("Auteur de la décision")
    r.p("{{ entreprise.designation }}, représentée par {{ employeur.nom }}, agissant en qualité de "
        "{{ employeur.qualite }} (ci-après « l'employeur » ou « la société »),")
    r.p("après avoir constaté que les conditions prévues par le code du travail pour instituer l'intéressement "
        "{{ texte.par_voie }} sont réunies, **décide** d'instituer au profit des salariés de l'entreprise un "
        "régime d'intéressement dans les conditions définies ci-après.")
    r.sinon()
    r.section("Entre les soussignés")
    r.p("{{ entreprise.designation }}, représentée par {{ employeur.nom }}, agissant en qualité de "
        "{{ employeur.qualite }} (ci-après « la société »),")
    r.p("d'une part,", aligne=2)
    r.p("**ET**")
    r.p("{{ partie_salaries.intro }}")
    r.pour("s in partie_salaries.membres")
    r.tiret("{{ s }}")
    r.fin_pour()
    r.p("d'autre part,", aligne=2)
    r.p("il a été convenu ce qui suit.")
    r.fin_si()

    # ---------------------------------------------------------------------------------------- préambule
    r.section("Préambule")
    r.pour("paragraphe in preambule.paragraphes")
    r.p("{{ paragraphe }}")
    r.fin_pour()
    r.pour("paragraphe in preambule.genere")
    r.p("{{ paragraphe }}")
    r.fin_pour()
    r.p("{{ texte.Ce }} est {{ texte.etabli }} en application des articles L3311-1 et suivants du code du "
        "travail. L'intéressement qu'{{ texte.il }} institue a un caractère collectif et aléatoire : il dépend "
        "des résultats ou des performances de l'entreprise et peut être nul.")

    # --------------------------------------------------------------------------------------- article 1
    r.article("Objet")
    r.p("{{ texte.Ce }} a pour objet d'associer collectivement les salariés de la société "
        "{{ entreprise.raison_sociale }} aux résultats ou aux performances de l'entreprise, au moyen d'une prime "
        "d'intéressement calculée selon la formule définie à l'article « Calcul de l'intéressement global » et "
        "répartie selon les critères définis à l'article « Répartition entre les bénéficiaires ».")
    r.p("{{ texte.Ce }} est {{ texte.etabli }} selon la modalité suivante : **{{ mise_en_place.libelle_court }}** "
        "({{ mise_en_place.article }} du code du travail).")

    # --------------------------------------------------------------------------------------- article 2
    r.article("Modalités de mise en place")
    r.si('mode == "convention_collective"')
    r.p("{{ texte.Ce }} est conclu dans le cadre d'une convention ou d'un accord collectif de travail, "
        "négocié et signé selon les règles de droit commun de la négociation collective (article L3312-5, "
        "1°, du code du travail).")
    r.si("entreprise.convention_collective")
    r.p("L'entreprise relève de la convention collective suivante : {{ entreprise.convention_collective }}.")
    r.fin_si()
    r.sinon_si('mode == "accord_delegues_syndicaux"')
    r.p("{{ texte.Ce }} est conclu entre l'employeur et les représentants des organisations syndicales "
        "représentatives dans l'entreprise, désignés en qualité de délégués syndicaux (article L3312-5, 2°, du "
        "code du travail). Il a été négocié au cours de réunions de négociation et signé le "
        "{{ mise_en_place.date_conclusion }}.")
    r.sinon_si('mode == "accord_cse"')
    r.p("{{ texte.Ce }} est conclu au sein du comité social et économique (article L3312-5, 3°, du code du "
        "travail). Il a été approuvé par le comité lors de sa réunion du {{ mise_en_place.date_conclusion }}, "
        "dont le procès-verbal est annexé {{ texte.au }}. La date de ce procès-verbal est la date de conclusion "
        "{{ texte.du }}.")
    r.sinon_si('mode == "ratification"')
    r.p("{{ texte.Ce }} a été proposé par l'employeur et ratifié à la majorité {{ ratification.majorite }} du personnel "
        "(article L3312-5, 4°, du code du travail).")
    r.si("ratification.demande_conjointe")
    r.p("L'entreprise étant dotée {{ ratification.instances }}, la ratification a été demandée conjointement par "
        "l'employeur et {{ ratification.instances_demande }}.")
    r.fin_si()
    r.p("Le projet a été remis à chaque salarié avant le vote, qui s'est déroulé le {{ ratification.date_vote }}. "
        "Le résultat du vote, constaté par procès-verbal annexé {{ texte.au }}, est le suivant :")
    r.tableau(
        ["Élément du vote", "Résultat"],
        ["{{ ligne.libelle }}", "{{ ligne.valeur }}"],
        "ligne in ratification.lignes",
        [10.0, 6.0],
    )
    r.p("{{ ratification.constat }}")
    r.sinon_si('mode == "decision_unilaterale"')
    r.p("{{ texte.Ce }} est prise par l'employeur en application de l'article L3312-5, II, du code du travail, "
        "qui permet aux entreprises de moins de {{ due.effectif_max }} salariés de mettre en place "
        "l'intéressement par décision unilatérale. La société emploie {{ entreprise.effectif_texte }} et "
        "n'est pas couverte par un accord de branche agréé.")
    r.si('due.motif == "absence"')
    r.p("L'entreprise n'est dotée ni de délégué syndical ni de comité social et économique.")
    r.si("due.pv_carence")
    r.p("Le comité social et économique n'a pu être mis en place, faute de candidat, comme l'atteste le "
        "procès-verbal de carence établi le {{ due.pv_carence }}, annexé {{ texte.au }}.")
    r.fin_si()
    r.sinon()
    r.p("Une négociation a été engagée avec {{ due.instances }} ; elle n'a pas abouti, comme l'atteste le "
        "procès-verbal de désaccord établi le {{ due.pv_desaccord }}. Le comité social et économique a été "
        "consulté sur le projet de décision le {{ due.consultation_cse }}, au moins {{ due.delai_consultation }} "
        "jours avant le dépôt {{ texte.du }}.")
    r.fin_si()
    r.p("Conformément à l'article L3312-5 du code du travail, chaque salarié est informé de l'existence et du "
        "contenu {{ texte.du }} : {{ information.modalites_salaries_suite }}")
    r.sinon_si('mode == "adhesion_branche"')
    r.p("{{ texte.Ce }} porte adhésion de la société à l'accord de branche d'intéressement agréé "
        "« {{ adhesion.intitule }} »{{ adhesion.precisions }}. Cette adhésion est réalisée "
        "{{ adhesion.voie }}.")
    r.p("Les stipulations de l'accord de branche s'appliquent à la société dans les conditions et selon les "
        "options précisées par les articles ci-après, qui en reprennent les termes.")
    r.fin_si()

    # --------------------------------------------------------------------------------------- article 3
    r.article("Champ d'application")
    r.si("perimetre.tous")
    r.p("{{ texte.Ce }} s'applique à l'ensemble des établissements de la société {{ entreprise.raison_sociale }}"
        "{{ perimetre.presents_et_futurs }}.")
    r.si("perimetre.etablissements")
    r.p("À la date de sa signature, la société comprend les établissements suivants :")
    r.pour("e in perimetre.etablissements")
    r.tiret("{{ e }}")
    r.fin_pour()
    r.fin_si()
    r.sinon()
    r.p("{{ texte.Ce }} s'applique aux établissements suivants de la société {{ entreprise.raison_sociale }} :")
    r.pour("e in perimetre.etablissements")
    r.tiret("{{ e }}")
    r.fin_pour()
    r.fin_si()

    # --------------------------------------------------------------------------------------- article 4
    r.article("Durée, date d'effet et périodes de calcul")
    r.p("{{ texte.Ce }} est {{ texte.etabli }} pour une durée de **{{ periode.duree }}**. {{ texte.Il }} prend "
        "effet le **{{ periode.date_effet }}** et s'applique jusqu'au **{{ periode.date_fin }}**.")
    r.p("L'intéressement est calculé {{ periode.description_calcul }}. Les périodes de calcul couvertes par "
        "{{ texte.ce }} sont les suivantes :")
    r.tableau(
        ["Période", "Début", "Fin", "Date limite de versement"],
        ["{{ p.numero }}", "{{ p.debut }}", "{{ p.fin }}", "{{ p.date_limite_versement }}"],
        "p in periode.periodes",
        [2.2, 4.3, 4.3, 5.4],
    )
    r.p("Conformément à l'article L3314-4 du code du travail, {{ texte.ce }} doit être {{ texte.etabli }} avant "
        "le premier jour de la seconde moitié de la première période de calcul, soit au plus tard le "
        "**{{ periode.date_limite_conclusion }}**.")
    r.si("periode.reconduction_tacite")
    r.p("À son terme, {{ texte.ce }} est {{ texte.renouvele }} par tacite reconduction, pour une durée "
        "identique, si aucune des parties habilitées à négocier ou à ratifier un accord d'intéressement ne "
        "demande de renégociation dans les {{ periode.fenetre_renegociation_mois }} mois qui précèdent la date "
        "de son échéance (article L3312-5 du code du travail).")
    r.sinon()
    r.p("{{ texte.Ce }} prend fin de plein droit à son terme, sans tacite reconduction. Les parties se "
        "rapprocheront au cours des {{ periode.fenetre_renegociation_mois }} mois qui précèdent cette échéance "
        "pour examiner l'opportunité d'un nouvel accord.")
    r.fin_si()

    # --------------------------------------------------------------------------------------- article 5
    r.article("Bénéficiaires")
    r.p("Bénéficient de l'intéressement tous les salariés de l'entreprise compris dans le champ d'application "
        "{{ texte.du }}, quels que soient la nature et la durée de leur contrat de travail (contrat à durée "
        "indéterminée ou déterminée, contrat d'apprentissage ou de professionnalisation, temps complet ou "
        "partiel), leur catégorie professionnelle, leur âge ou leur statut.")
    r.si("beneficiaires.anciennete")
    r.p("Le bénéfice de l'intéressement est subordonné à une ancienneté minimale "
        "**{{ beneficiaires.anciennete_de }}** dans l'entreprise, appréciée au cours de la période de calcul. "
        "Cette condition ne peut excéder {{ beneficiaires.anciennete_max_mois }} mois (article L3342-1 du code "
        "du travail). Pour la déterminer, sont pris en compte tous les contrats de travail exécutés au cours de "
        "la période de calcul et des {{ beneficiaires.periode_anterieure_mois }} mois qui la précèdent ; les "
        "périodes de suspension du contrat de travail ne sont pas déduites.")
    r.sinon()
    r.p("Aucune condition d'ancienneté n'est exigée : tout salarié ayant appartenu à l'effectif au cours de la "
        "période de calcul bénéficie de l'intéressement.")
    r.fin_si()
    r.p("Aucune condition de présence à une date déterminée n'est exigée. Le salarié qui quitte l'entreprise "
        "au cours ou à l'issue de la période de calcul conserve ses droits à l'intéressement au titre de cette "
        "période ; ses droits lui sont versés dans les conditions de l'article « Modalités de versement ».")

    # ----------------------------------------------------------------------------- article dirigeants
    r.si("beneficiaires.dirigeants_inclus")
    r.article("Chefs d'entreprise, mandataires sociaux{{ beneficiaires.et_conjoint }}")
    r.p("En application de l'article L3312-3 du code du travail, dans les entreprises dont l'effectif habituel "
        "comprend au moins {{ beneficiaires.dirigeants_effectif_min }} et moins de "
        "{{ beneficiaires.dirigeants_effectif_max }} salariés, peuvent également bénéficier de l'intéressement "
        "les chefs de ces entreprises, les présidents, directeurs généraux, gérants ou membres du directoire "
        "s'il s'agit de personnes morales{{ beneficiaires.conjoint_texte }}.")
    r.p("{{ texte.Ce }} prévoit expressément que ces personnes bénéficient de l'intéressement, dans les mêmes "
        "conditions que les salariés.")
    r.si("beneficiaires.dirigeants")
    r.p("À la date {{ texte.du }}, sont concernés :")
    r.pour("d in beneficiaires.dirigeants")
    r.tiret("{{ d }}")
    r.fin_pour()
    r.fin_si()
    r.p("Pour ces bénéficiaires, le salaire servant de base à la répartition proportionnelle aux salaires est "
        "la rémunération annuelle ou le revenu professionnel soumis à l'impôt sur le revenu au titre de l'année "
        "précédente{{ beneficiaires.plafond_dirigeants_texte }} (article L3314-6 du code du travail). Le "
        "plafond global de l'intéressement intègre cette rémunération ou ce revenu (article L3314-8).")
    r.fin_si()

    # ------------------------------------------------------------------------------------ calcul global
    r.article("Calcul de l'intéressement global")
    r.p("L'intéressement global (ou « enveloppe d'intéressement ») est calculé pour chaque période de calcul "
        "selon les stipulations du présent article. Il dépend de données objectives, connues à la clôture de la "
        "période et vérifiables ; aucune de ces données n'est laissée à l'appréciation de l'employeur.")

    r.sous_article("Indicateurs retenus")
    r.p("Les indicateurs suivants servent au calcul. Leur définition et la source des données sont arrêtées "
        "par {{ texte.ce }} et ne peuvent être modifiées que par avenant.")
    r.tableau(
        ["Indicateur", "Symbole", "Définition", "Source des données"],
        ["{{ i.libelle }}", "{{ i.symbole }}", "{{ i.definition }}", "{{ i.source }}"],
        "i in formule.indicateurs",
        [3.5, 2.0, 5.8, 4.9],
    )
    r.p("La masse salariale (MS) s'entend du total des salaires bruts, au sens de l'article L242-1 du code de "
        "la sécurité sociale, versés au cours de la période de calcul aux salariés compris dans le champ "
        "d'application {{ texte.du }}.")

    r.sous_article("Formule de calcul")
    r.pour("c in formule.composantes")
    r.si("formule.plusieurs_composantes")
    r.intertitre("{{ c.titre }}")
    r.fin_si()
    _phrases_et_paliers(r)
    r.si("c.tranches")
    r.tableau(["Fraction de l'indicateur", "Taux appliqué"], ["{{ l.tranche }}", "{{ l.taux }}"],
              "l in c.tranches", [10.0, 6.0])
    r.fin_si()
    r.si("c.objectifs")
    r.tableau(["Objectif", "Indicateur", "Poids", "Sens", "Progression"],
              ["{{ o.nom }}", "{{ o.indicateur }}", "{{ o.poids }}", "{{ o.sens }}", "{{ o.progression }}"],
              "o in c.objectifs", [3.6, 5.0, 1.7, 2.4, 3.5])
    r.p("Les niveaux de déclenchement et les cibles sont fixés pour chaque période de calcul :")
    r.tableau(["Période", "Objectif", "Déclenchement (atteinte nulle)", "Cible (atteinte complète)"],
              ["{{ s.periode }}", "{{ s.objectif }}", "{{ s.declenchement }}", "{{ s.cible }}"],
              "s in c.seuils", [4.4, 4.6, 3.6, 3.6])
    r.fin_si()
    r.pour("phrase in c.notes")
    r.p("{{ phrase }}")
    r.fin_pour()
    r.pour("e in c.expressions")
    r.formule("{{ e }}")
    r.fin_pour()
    r.fin_pour()
    r.si("formule.plusieurs_composantes")
    r.p("L'intéressement global est égal à la somme de ces composantes :")
    r.formule("{{ formule.expression_globale }}")
    r.fin_si()
    r.si("formule.plancher")
    r.p("{{ formule.plancher }}")
    r.fin_si()

    r.si("formule.declencheurs")
    r.sous_article("Condition de déclenchement")
    r.pour("phrase in formule.declencheurs")
    r.p("{{ phrase }}")
    r.fin_pour()
    r.p("Si cette condition n'est pas remplie, aucun intéressement n'est dû au titre de la période concernée, "
        "quel que soit le résultat de la formule.")
    r.fin_si()

    r.sous_article("Plafonnement de l'intéressement global")
    r.si("formule.plafonds_accord|length == 1")
    r.p("L'intéressement global d'une période ne peut excéder {{ formule.plafonds_accord[0] }}")
    r.sinon_si("formule.plafonds_accord")
    r.p("L'intéressement global d'une période ne peut excéder le plus petit des montants suivants :")
    r.pour("phrase in formule.plafonds_accord")
    r.tiret("{{ phrase }}")
    r.fin_pour()
    r.fin_si()
    r.p("En tout état de cause, conformément à l'article L3314-8 du code du travail, le montant global des "
        "primes distribuées aux bénéficiaires ne peut excéder annuellement **{{ plafonds.global_taux }}** du "
        "total des salaires bruts versés aux personnes concernées{{ plafonds.global_dirigeants }}. Cette limite "
        "s'apprécie par exercice, intéressement et supplément d'intéressement compris ; la fraction qui "
        "l'excéderait n'est pas distribuée.")

    r.sous_article("Exemple chiffré")
    r.p("{{ exemple.introduction }}")
    r.pour("d in exemple.donnees")
    r.tiret("{{ d }}")
    r.fin_pour()
    r.p("Le calcul s'établit ainsi :", garder_suivant=True)
    r.pour("e in exemple.etapes")
    r.tiret("{{ e }}")
    r.fin_pour()
    r.encadre("**{{ exemple.conclusion }}**")
    r.p("{{ exemple.avertissement }}", "Texte petit")

    # ------------------------------------------------------------------------------------- répartition
    r.article("Répartition entre les bénéficiaires")
    r.sous_article("Critères de répartition")
    r.p("{{ repartition.introduction }}")
    r.pour("cle in repartition.cles")
    r.tiret("{{ cle }}")
    r.fin_pour()
    r.p("Aucun autre critère, notamment aucun coefficient lié à la catégorie, à la fonction ou à la performance "
        "individuelle, n'est appliqué (article L3314-5 du code du travail).")
    r.sous_article("Durée de présence et absences assimilées")
    r.p("{{ repartition.presence_texte }}")
    r.p("Conformément à l'article L3314-5 du code du travail, sont assimilées à des périodes de présence, quelle "
        "que soit la clé de répartition retenue :")
    r.pour("a in repartition.absences_legales")
    r.tiret("{{ a }}")
    r.fin_pour()
    r.si("repartition.absences_supplementaires")
    r.p("{{ texte.Ce }} assimile en outre à des périodes de présence, pour l'ensemble des bénéficiaires :")
    r.pour("a in repartition.absences_supplementaires")
    r.tiret("{{ a }}")
    r.fin_pour()
    r.fin_si()
    r.p("Toute autre absence est traitée de la même manière pour l'ensemble des bénéficiaires.")
    r.si("repartition.salaire")
    r.sous_article("Salaire de référence")
    r.p("Pour la répartition proportionnelle aux salaires, le salaire de référence est celui perçu par le "
        "bénéficiaire au cours de la période de calcul, selon la définition suivante : "
        "**{{ repartition.notion_salaire }}**.")
    r.si("repartition.salaire_reconstitue")
    r.p("Pour les périodes d'absence assimilées à du temps de présence mentionnées ci-dessus, le salaire pris "
        "en compte est celui que le bénéficiaire aurait perçu s'il n'avait pas été absent (article R3314-3 du "
        "code du travail).")
    r.fin_si()
    r.pour("phrase in repartition.bornes_salaire")
    r.p("{{ phrase }}")
    r.fin_pour()
    r.fin_si()

    # ------------------------------------------------------------------------------ plafond individuel
    r.article("Plafond individuel et redistribution")
    r.p("Le montant des primes d'intéressement attribuées à un même bénéficiaire, intéressement et supplément "
        "d'intéressement compris, ne peut, au titre d'un même exercice, excéder une somme égale à "
        "**{{ plafonds.individuel_taux }} du plafond annuel de la sécurité sociale** de l'exercice au titre "
        "duquel l'intéressement est versé (article L3314-8 du code du travail){{ plafonds.individuel_exemple }}.")
    r.si("plafonds.prorata")
    r.p("Pour les bénéficiaires qui n'ont pas appartenu à l'effectif de l'entreprise pendant tout l'exercice, ce "
        "plafond est calculé au prorata de leur durée d'appartenance à l'effectif. Les absences et le travail à "
        "temps partiel ne le réduisent pas.")
    r.fin_si()
    r.si("plafonds.redistribution")
    r.p("Les sommes qui, du fait de ce plafond, ne peuvent être attribuées à un bénéficiaire sont réparties "
        "entre les bénéficiaires dont la prime n'atteint pas le plafond, selon les mêmes critères de "
        "répartition, sans que la prime d'aucun d'entre eux puisse dépasser le plafond. L'opération est "
        "renouvelée jusqu'à répartition complète ou jusqu'à ce que tous les bénéficiaires atteignent le "
        "plafond.")
    r.sinon()
    r.p("Les sommes qui, du fait de ce plafond, ne peuvent être attribuées à un bénéficiaire ne font pas "
        "l'objet d'une nouvelle répartition et ne sont pas distribuées.")
    r.fin_si()

    # ------------------------------------------------------------------------------------- versement
    r.article("Modalités de versement")
    r.p("{{ versement.delai_texte }} Au-delà de cette date, les sommes dues produisent des intérêts de retard "
        "égaux à **{{ versement.coefficient_tmop }} fois le taux moyen de rendement des obligations des sociétés "
        "privées (TMOP)** publié par le ministre chargé de l'économie, versés en même temps que le principal "
        "(article L3314-9 du code du travail).")
    r.p("Compte tenu des périodes de calcul, les dates limites de versement sont les suivantes :")
    r.pour("ligne in periode.echeances_versement")
    r.tiret("{{ ligne }}")
    r.fin_pour()
    r.p("Le bénéficiaire qui quitte l'entreprise avant que les sommes auxquelles il a droit lui aient été "
        "versées indique à l'employeur l'adresse à laquelle elles doivent lui être adressées. Lorsqu'il ne peut "
        "être atteint, ces sommes sont tenues à sa disposition pendant {{ versement.conservation }} à compter de "
        "la date limite de versement, puis remises à la Caisse des dépôts et consignations, où il peut les "
        "réclamer (article D3313-11 du code du travail).")

    r.article("Choix du bénéficiaire et affectation à l'épargne salariale")
    r.si("versement.a_plan")
    r.p("Chaque bénéficiaire peut, dans un délai de **{{ versement.delai_choix }} jours** à compter de la date "
        "à laquelle il a été informé du montant qui lui est attribué, demander le versement de tout ou partie de "
        "sa prime ou son affectation {{ versement.plans_texte }} (articles L3315-2 et R3313-12 du code du "
        "travail).")
    r.si("versement.affectation_defaut")
    r.p("À défaut de choix exprimé dans ce délai, la prime est affectée en totalité "
        "{{ versement.plan_defaut_texte }}, dans les conditions prévues par son règlement.")
    r.sinon()
    r.p("À défaut de choix exprimé dans ce délai, la prime est versée au bénéficiaire.")
    r.fin_si()
    r.p("Les sommes affectées à un plan d'épargne salariale sont exonérées d'impôt sur le revenu dans la limite "
        "d'un montant égal à {{ versement.exoneration_taux }} du plafond annuel de la sécurité sociale (article "
        "L3315-2 du code du travail) ; elles sont indisponibles dans les conditions prévues par le règlement du "
        "plan.")
    r.sinon()
    r.p("L'entreprise ne dispose pas, à la date {{ texte.du }}, d'un plan d'épargne salariale : la prime est "
        "versée directement au bénéficiaire, dans le délai prévu à l'article « Modalités de versement ». Si un "
        "plan d'épargne salariale est mis en place, chaque bénéficiaire pourra demander l'affectation de tout "
        "ou partie de sa prime à ce plan dans un délai de {{ versement.delai_choix }} jours à compter de la "
        "date à laquelle il a été informé du montant qui lui est attribué (article L3315-2 du code du travail).")
    r.fin_si()

    r.si("versement.avances")
    r.article("Avances")
    r.p("Des avances sur la prime d'intéressement peuvent être versées au bénéficiaire qui y consent, selon "
        "une périodicité **{{ versement.avances.periodicite }}** (la périodicité ne peut être inférieure au "
        "{{ versement.avances.minimum }}), "
        "après le dépôt {{ texte.du }} (article L3348-1 du code du travail). Le bénéficiaire fait connaître son "
        "accord par écrit avant chaque versement.")
    r.p("Lorsque le montant des avances excède le montant des droits définitivement attribués au titre de la "
        "période, le trop-perçu constitue une dette du bénéficiaire envers l'employeur ; elle est récupérée par "
        "retenue sur salaire, dans la limite {{ versement.avances.fraction }} du montant du salaire exigible "
        "à chaque échéance.")
    r.fin_si()

    r.article("Caractère de l'intéressement")
    r.p("Les sommes attribuées au titre de l'intéressement n'ont pas le caractère de rémunération au sens de "
        "l'article L242-1 du code de la sécurité sociale. Elles ne peuvent se substituer à aucun des éléments "
        "de rémunération en vigueur dans l'entreprise ou qui deviennent obligatoires en vertu de règles légales "
        "ou contractuelles (article L3312-4 du code du travail). Aucun élément de rémunération n'a été "
        "supprimé ou réduit au cours des {{ non_substitution.delai_mois }} mois précédant la date d'effet "
        "{{ texte.du }} pour être remplacé par l'intéressement.")
    r.pour("phrase in non_substitution.elements")
    r.p("{{ phrase }}")
    r.fin_pour()
    r.p("L'intéressement est exonéré de cotisations sociales ; il est soumis à la contribution sociale "
        "généralisée au taux de {{ regime.csg }} et à la contribution au remboursement de la dette sociale au "
        "taux de {{ regime.crds }}, sur la totalité de son montant. {{ regime.forfait_social }}")

    # ---------------------------------------------------------------------------------- information
    r.article("Information et suivi")
    r.p("{{ information.suivi }}")
    r.p("**Information collective.** {{ texte.Ce }} est porté{{ texte.e }} à la connaissance de l'ensemble du "
        "personnel. Après la clôture de chaque période de calcul, et avant le versement, les bénéficiaires sont "
        "informés du montant global de l'intéressement et des éléments qui ont servi à son calcul.")
    r.p("**Information individuelle.** {{ information.modalites_salaries }}")
    r.p("Toute somme attribuée à un bénéficiaire fait l'objet d'une fiche distincte du bulletin de paie "
        "indiquant notamment le montant global de l'intéressement, le montant moyen perçu par les bénéficiaires, "
        "le montant des droits attribués à l'intéressé, la retenue opérée au titre de la contribution sociale "
        "généralisée et de la contribution au remboursement de la dette sociale et, le cas échéant, le délai à "
        "partir duquel les droits placés sur un plan d'épargne salariale sont disponibles (article D3313-9 du "
        "code du travail). Une note rappelant les règles essentielles de calcul et de répartition y est jointe.")

    r.article("Règlement des différends")
    r.p("{{ litiges }}")

    r.article("Révision et dénonciation")
    r.si("unilateral")
    r.p("{{ texte.Ce }} peut être modifié{{ texte.e }} par l'employeur dans les mêmes formes que celles de son adoption ; "
        "la modification est portée à la connaissance des salariés et déposée dans les conditions prévues à "
        "l'article « Dépôt ». Une modification de la formule de calcul ne s'applique qu'aux périodes de calcul "
        "pour lesquelles elle intervient avant la date limite prévue par l'article L3314-4 du code du travail.")
    r.p("L'employeur peut mettre fin {{ texte.au }} ; la décision est notifiée aux salariés et déposée dans les "
        "mêmes conditions. Elle ne produit effet que pour les périodes de calcul qui n'ont pas commencé à la "
        "date de son dépôt.")
    r.sinon()
    r.p("{{ texte.Ce }} peut être révisé par avenant, conclu selon les mêmes modalités que {{ texte.ce }} et "
        "déposé dans les mêmes conditions. Un avenant qui modifie la formule de calcul ne s'applique qu'aux "
        "périodes de calcul pour lesquelles il est conclu avant la date limite prévue par l'article L3314-4 du "
        "code du travail.")
    r.p("Pendant sa durée, {{ texte.ce }} ne peut être dénoncé que par l'ensemble des parties signataires. La "
        "dénonciation est notifiée par écrit à chacune d'elles et déposée dans les mêmes conditions que "
        "{{ texte.ce }} ; elle ne produit effet que pour les périodes de calcul qui n'ont pas commencé à la date "
        "de son dépôt.")
    r.fin_si()

    r.article("Dépôt")
    r.p("{{ texte.Ce }} est déposé{{ texte.e }} par {{ depot.par_qui }} sur la plateforme de téléprocédure "
        "TéléAccords du ministère chargé du travail, au plus tard le **{{ depot.date_limite }}**, soit "
        "{{ depot.delai_jours }} jours après la date limite de conclusion (articles L3313-3 et D3313-1 du code du "
        "travail), accompagné{{ texte.e }} des pièces prévues par la réglementation.")
    r.si("depot.prevalidation")
    r.p("{{ depot.prevalidation }}")
    r.fin_si()
    r.p("{{ depot.controle }}")

    # ----------------------------------------------------------------------------------- signatures
    r.section("Signatures")
    r.p("Fait à {{ signature.lieu }}, le {{ signature.date }}, en {{ signature.exemplaires }} exemplaires "
        "originaux, dont un pour le dépôt.", garder_suivant=True)
    r.si("mode == \"ratification\"")
    r.p("{{ ratification.mention_signature }}", garder_suivant=True)
    r.fin_si()
    r.tableau_signatures("s in signature.blocs", ["**{{ s.pour }}**", "{{ s.nom }}", "{{ s.qualite }}"])

    r.si("annexes")
    r.section("Annexes")
    r.pour("a in annexes")
    r.tiret("{{ a }}")
    r.fin_pour()
    r.fin_si()

    r.section("Données de l'accord")
    r.petit("Ce document contient, sous une forme lisible par une machine, les données complètes "
            "{{ texte.du }} (format d'échange « Intéressement ouvert », version {{ donnees.version_format }}), "
            "dont le texte ci-dessus est la traduction fidèle. Toute modification du texte ou des données après "
            "la génération rompt cette correspondance et fait perdre au document son caractère vérifié.")
    r.petit("Identifiant : {{ donnees.identifiant }}")
    r.petit("Empreinte SHA-256 des données : {{ donnees.empreinte }}")
    return r


# ==================================================================================== note d'information


def modele_note_information() -> Redacteur:
    doc = nouveau_document(titre_propriete="Note d'information sur l'intéressement",
                           sujet="Intéressement — {{ entreprise.raison_sociale }}")
    r = Redacteur(doc)
    r.pied_de_page("{{ entreprise.raison_sociale }} — note d'information sur l'intéressement")
    r.titre("L'intéressement dans notre entreprise")
    r.sous_titre("Note d'information des salariés — {{ entreprise.raison_sociale }}")
    r.encadre("Cette note résume {{ texte.le_doc }} de la société ({{ mise_en_place.libelle_court }}), applicable du "
              "{{ periode.date_effet }} au {{ periode.date_fin }}. Elle complète le livret d'épargne salariale "
              "prévu par l'article L3341-6 du code du travail ; seul le texte {{ texte.du_doc }} fait foi. Vous "
              "pouvez le consulter auprès de la direction{{ note.consultation }}.")

    r.section("Qu'est-ce que l'intéressement ?")
    r.p("L'intéressement est une prime collective qui associe les salariés aux résultats ou aux performances "
        "de l'entreprise. Son montant dépend d'une formule fixée à l'avance : il varie chaque année et peut être "
        "nul si les objectifs ne sont pas atteints. Il s'ajoute au salaire et ne le remplace pas.")

    r.section("Qui en bénéficie ?")
    r.p("Tous les salariés de l'entreprise, quel que soit leur contrat (CDI, CDD, apprentissage, temps partiel)"
        "{{ note.anciennete }}. Aucune condition de présence à une date donnée n'est exigée : si vous quittez "
        "l'entreprise, vous conservez vos droits pour la période travaillée.")
    r.si("beneficiaires.dirigeants_inclus")
    r.p("Les dirigeants de l'entreprise{{ beneficiaires.conjoint_court }} en bénéficient également, dans les "
        "mêmes conditions.")
    r.fin_si()

    r.section("Comment est calculé l'intéressement global ?")
    r.pour("c in formule.composantes")
    _phrases_et_paliers(r)
    r.si("c.objectifs")
    r.tableau(["Objectif", "Indicateur", "Poids", "Sens"],
              ["{{ o.nom }}", "{{ o.indicateur }}", "{{ o.poids }}", "{{ o.sens }}"],
              "o in c.objectifs", [4.2, 5.8, 2.2, 4.0])
    r.fin_si()
    r.fin_pour()
    r.pour("phrase in formule.declencheurs")
    r.p("{{ phrase }}")
    r.fin_pour()
    r.p("**Exemple.** {{ exemple.resume }}")

    r.section("Comment est-il réparti entre les salariés ?")
    r.p("{{ repartition.introduction }}")
    r.pour("cle in repartition.cles")
    r.tiret("{{ cle }}")
    r.fin_pour()
    r.p("{{ repartition.absences_phrase }}")

    r.section("Y a-t-il des plafonds ?")
    r.p("Oui. L'enveloppe globale ne peut dépasser {{ plafonds.global_taux }} de la masse salariale brute. La "
        "prime d'un salarié ne peut dépasser {{ plafonds.individuel_taux }} du plafond annuel de la sécurité "
        "sociale{{ plafonds.individuel_exemple }}{{ plafonds.prorata_court }}. {{ plafonds.redistribution_court }}")

    r.section("Quand est-il versé ?")
    r.p("{{ versement.delai_texte }} En cas de retard, l'entreprise vous doit des intérêts "
        "({{ versement.coefficient_tmop }} fois le TMOP).")
    r.p("Avant chaque versement, vous recevez une fiche individuelle, distincte du bulletin de paie, indiquant "
        "le montant global, le montant moyen, votre prime et les prélèvements sociaux.")

    r.section("Percevoir ou épargner : votre choix")
    r.si("versement.a_plan")
    r.p("Vous disposez de **{{ versement.delai_choix }} jours** à compter de l'information sur votre prime pour "
        "demander son versement ou son placement, en tout ou partie, {{ versement.plans_texte }}.")
    r.si("versement.affectation_defaut")
    r.p("**Sans réponse de votre part dans ce délai, votre prime est placée en totalité "
        "{{ versement.plan_defaut_texte }}.**")
    r.fin_si()
    r.p("Placée, la prime est exonérée d'impôt sur le revenu (dans la limite de {{ versement.exoneration_taux }} "
        "du plafond annuel de la sécurité sociale) mais devient indisponible pendant la durée prévue par le "
        "plan, sauf cas de déblocage anticipé. Perçue, elle est soumise à l'impôt sur le revenu.")
    r.sinon()
    r.p("L'entreprise n'a pas de plan d'épargne salariale : la prime vous est versée directement. Elle est "
        "soumise à l'impôt sur le revenu.")
    r.fin_si()

    r.section("Prélèvements sociaux")
    r.p("La prime n'est pas soumise aux cotisations sociales. Elle supporte la CSG ({{ regime.csg }}) et la "
        "CRDS ({{ regime.crds }}) sur la totalité de son montant, prélevées avant le versement ou le placement.")

    r.section("Si vous quittez l'entreprise")
    r.p("Vous conservez vos droits. Indiquez votre nouvelle adresse à l'employeur ; si vous ne pouvez être "
        "joint, votre prime reste à votre disposition pendant {{ versement.conservation }}, puis est confiée à la "
        "Caisse des dépôts et consignations, où vous pouvez la réclamer.")

    r.section("Suivi et questions")
    r.p("{{ information.suivi_note }}")
    r.p("{{ litiges_note }}")
    r.petit("Document établi à partir {{ texte.du_doc }} (identifiant {{ donnees.identifiant }}, empreinte "
            "{{ donnees.empreinte_courte }}).")
    return r


# ================================================================================== fiche individuelle


def modele_fiche_individuelle() -> Redacteur:
    doc = nouveau_document(titre_propriete="Fiche individuelle d'intéressement",
                           sujet="Intéressement — {{ entreprise.raison_sociale }}")
    r = Redacteur(doc)
    r.pied_de_page("{{ entreprise.raison_sociale }} — fiche distincte du bulletin de paie (article D3313-9 du "
                   "code du travail)")
    r.titre("Fiche individuelle d'intéressement")
    r.sous_titre("{{ periode_libelle }} — document distinct du bulletin de paie")
    r.tableau(["Entreprise", "Bénéficiaire"],
              ["{{ entreprise.raison_sociale }}{{ entreprise.siren_texte }}",
               "**{{ b.nom }}** (matricule {{ b.identifiant }})"], None, [8.1, 8.1], entete_repete=False)

    r.section("L'intéressement de la période")
    r.tableau(["Élément", "Montant"], ["{{ l.libelle }}", "{{ l.valeur }}"], "l in collectif", [11.0, 5.2],
              a_droite=[1])

    r.section("Vos droits")
    r.tableau(["Élément", "Montant"], ["{{ l.libelle }}", "{{ l.valeur }}"], "l in individuel", [11.0, 5.2],
              a_droite=[1])
    r.pour("n in b.notes")
    r.petit("{{ n }}")
    r.fin_pour()

    r.section("Votre choix")
    r.si("a_plan")
    r.p("Vous disposez d'un délai de **{{ delai_choix }} jours** à compter de la remise de cette fiche, soit "
        "**jusqu'au {{ date_limite_choix }}**, pour demander le versement de tout ou partie de votre prime ou son "
        "affectation {{ plans_texte }}.")
    r.si("affectation_defaut")
    r.p("À défaut de réponse dans ce délai, la totalité de votre prime nette, soit **{{ b.net }}**, sera "
        "affectée {{ plan_defaut_texte }}. Les sommes ainsi placées seront disponibles au plus tôt le "
        "**{{ date_disponibilite }}**, sauf cas de déblocage anticipé prévus par le code du travail "
        "(article R3324-22) ; elles sont exonérées d'impôt sur le revenu dans la limite de "
        "{{ exoneration_taux }} du plafond annuel de la sécurité sociale.")
    r.fin_si()
    r.tableau(["Votre choix (à retourner avant le {{ date_limite_choix }})", "Montant"],
              ["{{ c }}", "………………… €"], "c in choix", [11.0, 5.2], a_droite=[1])
    r.sinon()
    r.p("L'entreprise ne dispose pas de plan d'épargne salariale : votre prime nette, soit **{{ b.net }}**, vous "
        "sera versée avec votre salaire. Elle est soumise à l'impôt sur le revenu.")
    r.fin_si()
    r.p("Date de versement prévue : **{{ date_versement }}**. La date limite légale de versement est le "
        "{{ date_limite_versement }} ; au-delà, des intérêts de retard sont dus.")

    r.section("Rappel des règles de calcul et de répartition")
    r.pour("phrase in rappel")
    r.p("{{ phrase }}", "Texte petit")
    r.fin_pour()
    r.petit("Fiche remise le {{ date_information }}. Conservez ce document : il n'est pas délivré de duplicata.")
    return r


# ======================================================================================= liste de dépôt


def modele_liste_depot() -> Redacteur:
    doc = nouveau_document(titre_propriete="Liste des pièces du dépôt", sujet="Intéressement — {{ entreprise.raison_sociale }}")
    r = Redacteur(doc)
    r.pied_de_page("{{ entreprise.raison_sociale }} — dépôt sur TéléAccords")
    r.titre("Dépôt {{ texte.du_doc }} sur TéléAccords")
    r.sous_titre("{{ titre }} — {{ entreprise.raison_sociale }}")
    r.encadre("Modalité de mise en place : **{{ mise_en_place.libelle }}**. Le dépôt se fait en ligne sur la "
              "plateforme TéléAccords (www.teleaccords.travail-emploi.gouv.fr) ; la DREETS transmet ensuite "
              "{{ texte.le_doc }} à l'Urssaf, qui en contrôle le contenu.")

    r.section("Échéances")
    r.tableau(["Échéance", "Date", "Situation"], ["{{ e.libelle }}", "{{ e.date }}", "{{ e.situation }}"],
              "e in echeances", [8.2, 3.6, 4.4])

    r.section("Pièces à joindre")
    r.tableau(["", "Pièce", "Pourquoi"], ["☐", "{{ p.piece }}", "{{ p.motif }}"], "p in pieces", [0.8, 8.4, 7.0])

    r.si("alertes")
    r.section("Points d'attention")
    r.pour("a in alertes")
    r.tiret("{{ a }}")
    r.fin_pour()
    r.fin_si()

    r.section("Après le dépôt")
    r.pour("a in apres_depot")
    r.tiret("{{ a }}")
    r.fin_pour()
    r.petit("Liste établie à partir des données {{ texte.du_doc }} (identifiant {{ donnees.identifiant }}, empreinte "
            "{{ donnees.empreinte_courte }}).")
    return r


# ============================================================================================ principal

CONSTRUCTEURS = {
    "accord": modele_accord,
    "note_information": modele_note_information,
    "fiche_individuelle": modele_fiche_individuelle,
    "liste_depot": modele_liste_depot,
}


def construire(dossier: Path = ICI) -> list[Path]:
    """Écrit les quatre modèles dans ``dossier`` et renvoie leurs chemins."""
    chemins = []
    for nom, constructeur in CONSTRUCTEURS.items():
        chemin = Path(dossier) / MODELES[nom]
        doc = constructeur().doc
        ordonner_schema(doc)
        doc.save(chemin)
        chemins.append(chemin)
    return chemins


if __name__ == "__main__":
    for chemin in construire():
        print(f"Modèle écrit : {chemin}")
