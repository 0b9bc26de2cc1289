"""Outils communs des tests AppTest de l'assistant : démarrer, aller à une étape, remplir un brouillon vierge comme
le ferait une personne (aucun exemple chargé)."""

from __future__ import annotations

import re
import sys
from datetime import date

from chemins import RACINE
from streamlit.testing.v1 import AppTest

APP = str(RACINE / "app.py")
if str(RACINE) not in sys.path:  # le paquet « interface » vit à côté de app.py (il n'est pas installé)
    sys.path.insert(0, str(RACINE))

ETAPES = ["entreprise", "mise_en_place", "dates", "beneficiaires", "formule", "repartition", "versement",
          "information", "revue", "documents"]


def demarrer(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(query)
    return at.run()


def ouvrir(at: AppTest, fenetre: str) -> AppTest:
    """Ouvre une fenêtre de la barre latérale (``interface.fenetres`` : son contenu n'est écrit qu'ouverte), comme
    un clic sur son bouton."""
    at.session_state[fenetre] = True
    return at.run()


def aller(at: AppTest, etape: str) -> AppTest:
    return at.button(key=f"nav_aller_{etape}").click().run()


def textes(elements) -> str:
    """Le texte des éléments tel que la personne le lit : les échappements Markdown (``interface.echappement.md``,
    « \\& » → « & ») sont retirés, comme au rendu."""
    return "\n".join(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", str(e.value)).replace("\u2060", "")
                     for e in elements)


def sans_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def brouillon(at: AppTest) -> dict:
    return at.session_state["assistant"]["accord"]


def ui(at: AppTest) -> dict:
    return at.session_state["assistant"]["ui"]


def saisir_date(at: AppTest, cle: str, jour: date) -> None:
    """Une date se saisit en JJ/MM/AAAA dans un champ texte (pas de calendrier Streamlit, anglais)."""
    at.text_input(key=cle).set_value(jour.strftime("%d/%m/%Y"))


def a_renseigner(at: AppTest) -> str:
    """Les mentions « À renseigner » affichées (dans les libellés, sous les champs, en tête d'étape)."""
    libelles = [str(w.label) for genre in ("text_input", "text_area", "number_input", "radio", "selectbox",
                                           "multiselect", "checkbox", "toggle") for w in getattr(at, genre)]
    return "\n".join([str(c.value) for c in at.caption if "renseigner" in str(c.value)] +
                     [x for x in libelles if "renseigner" in x])


def entreprise(at: AppTest, *, nom: str = "Fournil des Halles", adresse: str = "3 place des Lices, 35000 Rennes",
               effectif: int = 14, ds: bool = False, cse: bool = False, branche: bool = False,
               pv_carence: date | None = date(2024, 3, 12), dirigeant: tuple[str, str] | None = ("Claire Roussel",
                                                                                                  "gerant")) -> None:
    aller(at, "entreprise")
    at.text_input(key="entreprise_raison_sociale").set_value(nom)
    at.text_input(key="entreprise_adresse").set_value(adresse)
    at.number_input(key="entreprise_effectif").set_value(effectif)
    at.radio(key="entreprise_delegues_syndicaux").set_value(ds)
    at.radio(key="entreprise_cse").set_value(cse)
    at.radio(key="entreprise_branche").set_value(branche).run()
    if pv_carence is not None and [d for d in at.text_input if d.key == "entreprise_date_pv_carence"]:
        saisir_date(at, "entreprise_date_pv_carence", pv_carence)
        at.run()
    if dirigeant and not brouillon(at)["entreprise"]["dirigeants"]:
        at.button(key="entreprise_dirigeant_ajouter").click().run()
        at.text_input(key="entreprise_dirigeant_0_nom").set_value(dirigeant[0])
        at.selectbox(key="entreprise_dirigeant_0_qualite").set_value(dirigeant[1]).run()


def dates(at: AppTest, *, conclusion: date = date(2027, 3, 15), duree: int = 3, effet: date | None = None) -> None:
    """Les dates ; sans ``effet``, la date d'effet et la clôture proposées sont prises d'un clic."""
    aller(at, "dates")
    if effet is not None:
        saisir_date(at, "dates_date_effet", effet)
        saisir_date(at, "dates_cloture", date(effet.year, 12, 31))
        at.run()
    if [b for b in at.button if b.key == "dates_prendre_effet"]:
        at.button(key="dates_prendre_effet").click().run()
    if [b for b in at.button if b.key == "dates_prendre_cloture"]:
        at.button(key="dates_prendre_cloture").click().run()
    at.selectbox(key="dates_periode_calcul").set_value(12)
    at.selectbox(key="dates_duree").set_value(duree)
    at.radio(key="dates_reconduction").set_value(False)
    saisir_date(at, "dates_conclusion", conclusion)
    at.run()


def formule(at: AppTest, *, taux: float = 15.0, seuil: int = 20_000) -> None:
    aller(at, "formule")
    if not at.toggle(key="formule_famille_part_resultat").value:
        at.toggle(key="formule_famille_part_resultat").set_value(True).run()
    at.selectbox(key="formule_pr_indicateur").set_value("resultat_exploitation")
    at.number_input(key="formule_pr_taux").set_value(taux)
    at.number_input(key="formule_pr_seuil").set_value(seuil).run()
    # La source dépend du régime fiscal : la personne la choisit (régime réel normal ici).
    at.button(key="formule_ind_resultat_exploitation_source_reel").click().run()


def repartition(at: AppTest, parts: tuple[float, float, float] = (0.0, 50.0, 50.0)) -> None:
    aller(at, "repartition")
    for cle, valeur in zip(("uniforme", "presence", "salaire"), parts, strict=True):
        at.number_input(key=f"repartition_part_{cle}").set_value(valeur)
    at.run()
    if [r for r in at.radio if r.key == "repartition_conges_payes"]:  # clé de présence : question posée
        at.radio(key="repartition_conges_payes").set_value(True)
    at.radio(key="repartition_redistribution").set_value(True)
    at.radio(key="repartition_prorata_plafond").set_value(True).run()


def versement(at: AppTest) -> None:
    aller(at, "versement")
    at.number_input(key="versement_delai").set_value(5)
    at.radio(key="versement_plans_existe").set_value(False)
    at.radio(key="versement_avances_actif").set_value(False).run()


def information(at: AppTest, *, suivi: str = "salaries", instance: str = "employeur") -> None:
    aller(at, "information")
    at.button(key="information_proposer").click().run()
    at.radio(key="information_suivi").set_value(suivi).run()
    if [b for b in at.button if b.key == "information_prendre_modalites"]:
        at.button(key="information_prendre_modalites").click().run()
    at.radio(key="information_presomption_moyen").set_value("remise_main_propre").run()
    at.radio(key="information_instance").set_value(instance).run()
    at.button(key="information_prendre_litiges").click().run()
    at.radio(key="information_substitution").set_value(False).run()
    if [b for b in at.button if b.key == "information_proposer_signataire_0"]:
        at.button(key="information_proposer_signataire_0").click().run()
    if [b for b in at.button if b.key == "information_prendre_lieu"]:
        at.button(key="information_prendre_lieu").click().run()


def boulangerie(at: AppTest) -> None:
    """La boulangerie de 14 salariés, sans CSE (procès-verbal de carence de 2024), sans délégué syndical, par
    décision unilatérale, 3 ans à partir du 1er janvier 2027 : tout répondu depuis un brouillon vierge."""
    entreprise(at)
    aller(at, "mise_en_place")
    at.radio(key="mise_en_place_mode").set_value("decision_unilaterale").run()
    dates(at)
    aller(at, "beneficiaires")
    at.number_input(key="beneficiaires_anciennete").set_value(3)
    at.radio(key="beneficiaires_dirigeants").set_value(False).run()
    formule(at)
    repartition(at)
    versement(at)
    information(at)


def entreprise_avec_cse(at: AppTest) -> None:
    """Une entreprise de 30 salariés avec un CSE : accord conclu au sein du CSE, vote de la séance saisi."""
    entreprise(at, nom="Menuiserie Arvor", adresse="12 rue du Port, 56100 Lorient", effectif=30, cse=True,
               pv_carence=None, dirigeant=("Yann Le Gall", "president"))
    aller(at, "mise_en_place")
    at.radio(key="mise_en_place_mode").set_value("accord_cse").run()
    at.number_input(key="mise_en_place_cse_presents").set_value(3)
    at.number_input(key="mise_en_place_cse_pour").set_value(3).run()
    dates(at)
    aller(at, "beneficiaires")
    at.number_input(key="beneficiaires_anciennete").set_value(0)
    at.radio(key="beneficiaires_dirigeants").set_value(False).run()
    formule(at)
    repartition(at, (20.0, 40.0, 40.0))
    versement(at)
    information(at, suivi="cse", instance="cse")
    at.button(key="information_signataire_ajouter").click().run()
    at.text_input(key="information_signataire_1_nom").set_value("Maëlle Riou").run()


def ratification_25(at: AppTest) -> None:
    """Une entreprise de 25 salariés sans représentant du personnel, par ratification des deux tiers."""
    entreprise(at, nom="Imprimerie Lamarck", adresse="21 quai Duguay-Trouin, 35400 Saint-Malo", effectif=25,
               pv_carence=date(2023, 10, 2), dirigeant=("Hélène Lamarck", "president"))
    aller(at, "mise_en_place")
    at.radio(key="mise_en_place_mode").set_value("ratification").run()
    at.number_input(key="mise_en_place_ratification_inscrits").set_value(25)
    at.number_input(key="mise_en_place_ratification_pour").set_value(19)
    at.number_input(key="mise_en_place_ratification_contre").set_value(4)
    at.radio(key="mise_en_place_ratification_pv").set_value(True).run()
    dates(at, conclusion=date(2027, 4, 2))
    aller(at, "beneficiaires")
    at.number_input(key="beneficiaires_anciennete").set_value(2)
    at.radio(key="beneficiaires_dirigeants").set_value(False).run()
    formule(at, taux=10.0, seuil=35_000)
    repartition(at, (100.0, 0.0, 0.0))
    versement(at)
    information(at)
