"""Les textes d'aide des champs : une phrase simple et l'article qui fonde la règle (lien vers l'article sur
Légifrance, ajouté en fin de module)."""

from interessement.references import lier_markdown

AIDE = {
    "raison_sociale": "Le nom officiel de l'entreprise, tel qu'il figure au registre (extrait Kbis ou avis de "
                      "situation Insee).",
    "siren": "Les 9 chiffres du numéro SIREN ; le dernier est une clé de contrôle : une faute de frappe est "
             "détectée tout de suite. Il identifie l'entreprise lors du dépôt sur TéléAccords (art. D3313-1).",
    "effectif": "Le nombre de salariés (hors mandataires sociaux non salariés). Il décide des modes de mise en "
                "place possibles (décision unilatérale sous 50 salariés, art. L3312-5), de la possibilité "
                "d'inclure les dirigeants (1 à 249 salariés, art. L3312-3) et du forfait social (CSS L137-15).",
    "ds": "Un délégué syndical désigné par un syndicat représentatif. Sa présence permet un accord avec les "
          "délégués syndicaux (art. L3312-5 I 2°).",
    "cse": "Le comité social et économique, élu dans les entreprises d'au moins 11 salariés (art. L2311-2). "
           "Sa présence permet un accord conclu au sein du CSE (art. L3312-5 I 3°).",
    "pv_carence": "À partir de 11 salariés sans CSE, l'employeur doit avoir organisé les élections : le "
                  "procès-verbal de carence le prouve. Pour une décision unilatérale, il doit dater de moins de "
                  "4 ans (art. L3312-5 II, L2314-33).",
    "branche": "Certaines branches ont négocié un accord d'intéressement agréé. S'il couvre l'entreprise, "
               "l'entreprise peut y adhérer ; la décision unilatérale n'est alors plus possible (art. L3312-5).",
    "dirigeants": "Président, gérant, directeur général… et le conjoint collaborateur ou associé. Ils ne "
                  "bénéficient de l'intéressement que dans les entreprises de 1 à 249 salariés et si l'accord le "
                  "prévoit expressément (art. L3312-3).",
    "etablissements": "Les établissements couverts par l'accord (un par ligne). L'accord doit dire lesquels il "
                      "vise (art. L3313-2).",
    "resultats_fiscaux": "Depuis 2025, une entreprise de 11 à 49 salariés dont le bénéfice net fiscal atteint "
                         "au moins 1 % du chiffre d'affaires trois exercices de suite doit mettre en place un "
                         "dispositif de partage de la valeur ; un accord d'intéressement y répond "
                         "(loi n° 2023-1107, art. 5).",
    "date_effet": "Le premier jour de la première période de calcul (souvent le premier jour de l'exercice "
                  "comptable).",
    "cloture": "Le dernier jour du premier exercice (souvent le 31 décembre).",
    "periode_calcul": "L'intéressement se calcule sur 12 mois, ou sur une période plus courte d'un nombre entier "
                      "de mois au moins égal à 3 (art. L3314-2).",
    "duree": "Un accord d'intéressement est conclu pour 1 à 5 ans (art. L3312-5).",
    "reconduction": "À son terme, l'accord est renouvelé pour la même durée si aucune partie ne demande à le "
                    "renégocier dans les 3 mois qui précèdent ; seulement si l'accord le prévoit (art. L3312-5).",
    "date_conclusion": "Signature de l'accord ; pour le CSE : date du procès-verbal de la réunion ; ratification : "
                       "date où les deux tiers sont atteints ; décision unilatérale : date de la décision. Elle doit "
                       "précéder le premier jour de la seconde moitié de la première période (art. L3314-4).",
    "anciennete": "Une condition d'ancienneté de 3 mois au plus peut être exigée. Elle se calcule sur tous les "
                  "contrats de la période de calcul et des 12 mois qui la précèdent (art. L3342-1).",
    "perimetre": "L'accord s'applique à toute l'entreprise ou à certains établissements (art. L3313-2).",
    "formule": "La formule doit être aléatoire (pouvoir donner zéro), collective et mesurable : elle dépend des "
               "résultats ou des performances de l'entreprise (art. L3314-2, L3312-1).",
    "plafond_legal": "Quel que soit le résultat de la formule, l'enveloppe ne peut pas dépasser 20 % de la masse "
                     "salariale brute (art. L3314-8) : ce plafond est toujours appliqué.",
    "cles": "Trois clés seulement : uniforme (parts égales), proportionnelle au temps de présence, "
            "proportionnelle au salaire ; combinées, chacune s'applique à une part de l'enveloppe et les parts "
            "font 100 % (art. L3314-5).",
    "absences": "Ces absences sont assimilées par la loi à de la présence : elles ne réduisent pas la prime "
                "(art. L3314-5). Vous pouvez en ajouter d'autres ; elles valent alors pour tout le monde.",
    "conges_payes": "La durée de présence compte le travail effectif et les absences assimilées à du travail "
                    "effectif et rémunérées comme tel, dont les congés payés (guide de l'épargne salariale, 2014 ; "
                    "jurisprudence de la Cour de cassation, chambre sociale). Nous vous recommandons de répondre "
                    "oui : sinon, un salarié perd une part de sa prime pour avoir pris ses congés. Votre réponse "
                    "est écrite dans l'accord, avec les autres absences assimilées.",
    "notion_salaire": "Le salaire retenu pour la clé « salaire » ; pour les absences assimilées, on retient le "
                      "salaire que la personne aurait perçu (art. L3314-5, R3314-3).",
    "redistribution": "Une prime ne peut dépasser 75 % du plafond annuel de la sécurité sociale (PASS). Avec "
                      "cette clause, l'excédent est redistribué aux autres salariés selon les mêmes clés ; sans "
                      "elle, il n'est pas distribué (art. L3314-8, L3314-11).",
    "prorata_plafond": "Pour un salarié présent une partie de l'exercice, le plafond individuel est réduit au "
                       "prorata de sa durée dans l'effectif (doctrine de l'Urssaf) ; l'absence et le temps partiel "
                       "ne le réduisent pas.",
    "delai_versement": "L'intéressement est versé au plus tard le dernier jour du 5e mois qui suit la clôture de "
                       "l'exercice (2e mois pour une période plus courte) ; au-delà, des intérêts de retard sont "
                       "dus (art. L3314-9).",
    "plans": "Si l'entreprise a un plan d'épargne salariale, le salarié choisit dans les 15 jours entre paiement "
             "et placement ; sans réponse, la prime est placée sur le plan (art. L3315-2, R3313-12). Placée, elle "
             "est exonérée d'impôt sur le revenu.",
    "avances": "L'accord peut prévoir des avances, au plus une fois par trimestre et avec l'accord du salarié ; "
               "un trop-perçu est repris dans la limite d'un dixième du salaire par paie (art. L3348-1).",
    "preambule": "Le préambule indique les motifs de l'accord et les raisons du choix de la formule et des clés "
                 "de répartition (art. L3313-1).",
    "suivi": "L'accord organise l'information du personnel et la vérification de son application (art. L3313-1) : "
             "le comité social et économique, ou une commission spécialisée créée par lui, reçoit les moyens "
             "d'information nécessaires (art. L3313-2, 6°). Sans CSE, il n'y a pas de commission de suivi : les "
             "salariés sont informés directement.",
    "modalites_information": "Comment chaque bénéficiaire est informé : le livret d'épargne salariale à "
                             "l'embauche (art. L3341-6) et, à chaque versement, une fiche distincte du bulletin de "
                             "paie (art. D3313-9), que l'accord décrit déjà. Avec un plan d'épargne salariale, la "
                             "fiche dit aussi le montant dont il peut demander le versement et le délai pour le "
                             "demander (art. R3313-12, I).",
    "presomption": "Avec un plan d'épargne salariale, le salarié a quinze jours pour demander le versement à compter "
                   "de la date où il est informé de son montant ; l'accord précise à quelle date il est présumé "
                   "informé (art. R3313-12, II).",
    "presomption_sans_plan": "Sans plan d'épargne salariale, la prime est versée directement : il n'y a pas de choix "
                             "à faire. L'accord précise tout de même à quelle date le salarié est présumé informé de "
                             "son montant, point de départ des quinze jours pour choisir si un plan est mis en place "
                             "(art. R3313-12, II, L3315-2).",
    "instance_litiges": "Qui examine d'abord un différend, en vue d'un règlement amiable, avant le juge. Seuls les "
                        "organes qui existent dans l'entreprise sont proposés (art. L3313-2, 7°).",
    "litiges": "L'accord prévoit les procédures pour régler les différends nés de son application ou de sa "
               "révision (art. L3313-2, 7°).",
    "lieu": "La ville où l'accord est signé, écrite « Fait à … » au-dessus des signatures.",
    "signataires": "Qui signe dépend du mode : l'employeur ou son représentant toujours ; pour un accord au sein "
                   "du CSE, les membres titulaires qui l'ont adopté ; avec les délégués syndicaux, leurs "
                   "organisations (art. L3312-5, D3345-1). Une décision unilatérale est signée par l'employeur seul.",
    "vote_cse": "Un accord conclu au sein du CSE est adopté par la délégation du personnel statuant à la majorité ; "
                "le procès-verbal de la séance est déposé avec l'accord (art. L3312-5 I 3°, D3345-1, 2°).",
    "audience": "L'accord signé avec des délégués syndicaux est valable si les organisations signataires ont "
                "recueilli plus de 50 % des suffrages exprimés au premier tour des dernières élections du CSE ; "
                "entre 30 % et 50 %, il doit être approuvé par une consultation des salariés (art. L2232-12).",
    "ratification": "Le projet de l'employeur est ratifié par les deux tiers de tout le personnel inscrit à "
                    "l'effectif (pas des seuls votants). Le dépôt comporte l'émargement des salariés signataires ou "
                    "un procès-verbal de la consultation (art. L3312-5 I 4°, D3345-1, 3°).",
    "demande_conjointe": "Avec des délégués syndicaux ou un CSE, la ratification est demandée conjointement par "
                         "l'employeur et ces représentants ; les documents déposés le mentionnent (art. L3312-5 I "
                         "4°, D3345-2).",
    "pv_desaccord": "Sous 50 salariés, une décision unilatérale n'est possible après une négociation que si elle a "
                    "échoué : un procès-verbal de désaccord consigne les dernières propositions des parties, et le "
                    "CSE est consulté au moins 15 jours avant le dépôt (art. L3312-5 II 2°, D3345-1).",
    "branche_accord": "L'accord de branche agréé auquel l'entreprise adhère : son intitulé, l'IDCC de la branche, "
                      "sa date et celle de son agrément par le ministre du travail (art. L3312-8, L3345-4, D3345-6).",
    "branche_options": "L'adhésion indique les options retenues parmi celles que propose l'accord de branche, avec "
                       "l'article d'où vient chacune (art. D3345-7). Sous 50 salariés, l'adhésion peut se faire par "
                       "document unilatéral si l'accord de branche propose un accord type avec ses options "
                       "(art. L3312-8, L2232-10-1).",
    "adresse": "L'adresse du siège, telle qu'elle figure au registre : elle figure en tête de l'accord.",
    "non_substitution": "Aucun élément de salaire supprimé ou réduit depuis moins de 12 mois ne peut être "
                        "remplacé par l'intéressement (art. L3312-4).",
    "depot": "L'accord est déposé sur TéléAccords au plus tard 15 jours après la date limite de conclusion "
             "(art. D3313-1). Laissez vide s'il n'est pas encore déposé.",
    "prevalidation": "Code d'identification d'un accord rédigé sur « Mon intéressement » et déposé sans "
                     "modification (accord pré-validé, art. L3313-3, R3313-4).",
}

# Chaque article cité devient un lien Markdown vers sa page Légifrance (version en vigueur).
AIDE = {cle: lier_markdown(texte) for cle, texte in AIDE.items()}
