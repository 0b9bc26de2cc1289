"""Parcours dans un vrai Chromium contre un vrai serveur Streamlit (à la manière de e2e_playwright de Streamlit).

- trois entreprises, de la première page au .docx téléchargé, avec un fichier de salariés tel qu'on l'a :
  (a) une boulangerie de 14 salariés, décision unilatérale, sans CSE (procès-verbal de carence de 2024), sans
  délégué syndical, 3 ans à partir du 1er janvier 2027, CSV d'Excel français ; (b) une scierie de 30 salariés avec
  un CSE (classeur XLSX) ; (c) une entreprise de 25 salariés qui fait ratifier son accord (export de paie) ;
  le texte du .docx ne contient aucune valeur que le parcours n'a pas saisie ou confirmée ;
- à chaque état de chaque parcours : capture (``tests/captures/``), aucun mot anglais (texte visible, libellés
  lus par les lecteurs d'écran, infobulles, textes indicatifs), aucune violation grave d'axe-core, aucune
  exception ; le relevé de chaque parcours est écrit dans ``tests/captures/<parcours>.json`` ;
- l'assistant au clavier seul, le focus sur le titre de l'étape après chaque changement d'étape ;
- le script de traduction, éprouvé sur chaque entrée de son dictionnaire ;
- la page des vérificateurs, la reprise d'un brouillon après rechargement.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from chemins import EXEMPLES
from donnees_salaries.generer import DOSSIER, classeur_30
from outils_navigateur import (
    Releve,
    atteindre,
    attendre,
    au_repos,
    capture,
    choisir,
    cliquer,
    cocher,
    deposer,
    focus,
    option,
    saisir,
    suivre,
    tabuler_vers,
    telecharger,
    widget,
)

from interessement.documents import controler_document, lire_accord
from interessement.modele import LIBELLES_MODES
from interface.etapes.information import INSTANCES, SUIVI_AVEC_CSE, SUIVI_SANS_CSE

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.navigateur


# ------------------------------------------------------------------------------------------------ outils


def principal(page):
    return page.locator("[data-testid='stMain']")


def etape(page, titre: str) -> None:
    """L'étape affichée (titre h2), avec l'attente automatique de Playwright."""
    expect(page.locator("[data-testid='stMain'] h2").first).to_have_text(titre)


def suivant(page) -> None:
    cliquer(page, "nav_suivant")


def lignes_a(page, prefixe: str, n: int) -> None:
    """Ramène une liste éditable à ``n`` lignes (boutons « Supprimer » et « Ajouter »)."""
    boutons = page.locator(f"[class*='st-key-{prefixe}_'][class*='_supprimer']")
    au_repos(page)
    while boutons.count() > n:
        atteindre(page, lambda: boutons.last.get_by_role("button", name="Supprimer").click(timeout=10_000))
        attendre(page)
    while boutons.count() < n:
        cliquer(page, f"{prefixe}_ajouter")


def texte_docx(chemin: Path) -> str:
    """Tout le texte du .docx : corps, tableaux, en-têtes et pieds de page."""
    import docx

    d = docx.Document(str(chemin))
    morceaux = [p.text for p in d.paragraphs]
    for t in d.tables:
        morceaux += [cellule.text for ligne in t.rows for cellule in ligne.cells]
    for section in d.sections:
        for partie in (section.header, section.footer):
            morceaux += [p.text for p in partie.paragraphs]
    return "\n".join(morceaux).replace("\u00a0", " ").replace("\u202f", " ")


#: L'ancienne entreprise d'exemple de l'assistant, celle que le constat de l'issue 9 a retrouvée dans une DUE.
ANCIEN_EXEMPLE = {"Menuiserie Lefèvre", "812345676", "8 rue des Artisans, 44000 Nantes", "Nantes", "Julien Lefèvre",
                  "Nadia Roux", "Atelier et siège de Nantes", "IDCC 1596"}


def valeurs_des_exemples() -> set[str]:
    """Les noms, lieux, sociétés de l'ancienne entreprise d'exemple et des exemples du projet : aucun ne doit se
    retrouver dans un document qu'un parcours n'a pas rempli avec."""
    import json

    valeurs: set[str] = set(ANCIEN_EXEMPLE)
    accords = [json.loads(p.read_text(encoding="utf-8")) for p in EXEMPLES.glob("*.json")
               if not p.name.endswith(".versement.json")]
    for a in accords:
        e = a.get("entreprise") or {}
        valeurs |= {e.get("raison_sociale"), e.get("siren"), e.get("adresse"), e.get("convention_collective")}
        valeurs |= {d.get("nom") for d in e.get("dirigeants") or []}
        valeurs |= set(e.get("etablissements") or [])
        m = a.get("mise_en_place") or {}
        valeurs |= {m.get("lieu")} | {s.get("nom") for s in m.get("signataires") or []}
        if e.get("adresse"):
            valeurs |= set(re.findall(r"\d{5} ([A-ZÉ][\w'-]+)", e["adresse"]))  # la ville
    assert len(valeurs) > 20
    return {v for v in valeurs if v and len(v) > 3}


def telecharger_docx(page, dossier: Path) -> Path:
    chemin = telecharger(page, "documents_docx", dossier)
    assert chemin.name.endswith(".docx")
    return chemin


def verifier_docx(chemin: Path, saisi: set[str], *, interdits: set[str] = frozenset()) -> str:
    """Le .docx ne contient aucune valeur d'exemple (sauf si le parcours l'a saisie) ni rien d'``interdits``."""
    texte = texte_docx(chemin)
    fuites = sorted(v for v in valeurs_des_exemples() - saisi if v in texte)
    assert not fuites, f"valeurs d'exemple dans le document : {fuites}"
    presents = [f"{v} : « …{texte[max(0, m.start() - 80):m.end() + 80]}… »" for v in sorted(interdits)
                if (m := re.search(v, texte))]
    assert not presents, "le document contient :\n" + "\n".join(presents)
    return texte


NEGATIONS = re.compile(r"\bni\b|n'a pu|n'ont pu|en l'absence|à défaut|faute de|\bpas de\b|\bsans\b|aucun|carence|"
                       r"n'existe|n'est pas|lorsqu'|\bsi\b|le cas échéant|s'il", re.IGNORECASE)


def cse_affirme(texte: str) -> list[str]:
    """Les phrases qui parlent du CSE sans le nier (« L'entreprise n'est dotée ni de … ni de comité social et
    économique » est juste ; « suivi par le comité social et économique » ne l'est pas sans CSE)."""
    phrases = re.split(r"(?<=[.;:])\s+|\n", texte)
    return [p for p in phrases if re.search(r"comité social et économique|\bCSE\b", p) and not NEGATIONS.search(p)]


LITIGES = ("Les différends sont d'abord examinés entre l'employeur et le salarié concerné ; à défaut d'accord, le "
           "tribunal judiciaire est compétent.")


def aller_par_la_barre(page, code: str) -> None:
    cliquer(page, f"nav_aller_{code}")


# --------------------------------------------------------------------------------------- traduction, clavier


def test_le_script_traduit_chaque_entree_du_dictionnaire(serveur, onglet):
    """Chaque phrase anglaise du dictionnaire, posée dans la page comme Streamlit le ferait (texte, aria-label,
    title, placeholder), est remplacée par le français ; de même les textes réels relevés dans Streamlit."""
    from test_traduction import TEXTES_REELS

    from interface.traduction import dictionnaire, traduire

    page = onglet
    page.goto(serveur.url)
    attendre(page)
    assert page.evaluate("document.documentElement.lang") == "fr"
    phrases = sorted(set(dictionnaire()["textes"]) | set(TEXTES_REELS))
    page.evaluate("""(phrases) => {
        const boite = document.createElement('div');
        boite.id = 'essai-traduction';
        phrases.forEach((p, i) => {
            const t = document.createElement('span'); t.textContent = p; t.dataset.i = i; boite.appendChild(t);
            const a = document.createElement('button'); a.setAttribute('aria-label', p); a.setAttribute('title', p);
            a.dataset.i = i; boite.appendChild(a);
            const s = document.createElement('input'); s.setAttribute('placeholder', p); s.dataset.i = i;
            boite.appendChild(s);
        });
        document.body.appendChild(boite);
    }""", phrases)
    page.wait_for_timeout(300)
    lus = page.evaluate("""() => [...document.querySelectorAll('#essai-traduction > *')].map(e =>
        [e.tagName, Number(e.dataset.i), e.tagName === 'SPAN' ? e.textContent :
         e.tagName === 'BUTTON' ? e.getAttribute('aria-label') + '|' + e.getAttribute('title') :
         e.getAttribute('placeholder')])""")
    erreurs = []
    for balise, i, valeur in lus:
        attendu = traduire(phrases[i])
        if balise == "BUTTON":
            attendu = f"{attendu}|{attendu}"
        if valeur != attendu:
            erreurs.append(f"{balise} « {phrases[i]} » → « {valeur} » (attendu « {attendu} »)")
    assert not erreurs, "\n".join(erreurs)
    # Un texte que Streamlit change après coup est retraduit
    page.evaluate("() => { document.querySelector('#essai-traduction span').textContent = 'Running...'; }")
    expect(page.locator("#essai-traduction span").first).to_have_text("Calcul en cours…")


def test_chaque_etape_en_francais_et_accessible(serveur, onglet, tmp_path):
    """Toutes les étapes, puis des états moins ordinaires (saisies refusées, fichier à rattacher, listes ouvertes,
    fenêtre du brouillon) : ni mot anglais, ni violation grave d'axe-core, ni exception."""
    from interface.brouillon import CODES_ETAPES

    page = onglet
    releve = Releve("etapes")
    page.goto(serveur.url)
    attendre(page)
    for code in CODES_ETAPES:
        aller_par_la_barre(page, code)
        releve.noter(page, code)

    aller_par_la_barre(page, "entreprise")
    saisir(page, "entreprise_effectif", "-3")
    expect(principal(page)).to_contain_text("Nombre de salariés : « -3 » n'est pas possible ici ; indiquez un nombre")
    releve.noter(page, "effectif-refuse")
    saisir(page, "entreprise_effectif", "14")

    aller_par_la_barre(page, "dates")
    atteindre(page, lambda: widget(page, "dates_duree").locator("[role='combobox']").first.click(timeout=10_000))
    releve.noter(page, "liste-ouverte", capturer=False)
    page.keyboard.press("Escape")
    saisir(page, "dates_date_effet", "31/02/2027")
    expect(principal(page)).to_contain_text("ce jour n'existe pas")
    releve.noter(page, "date-refusee")
    saisir(page, "dates_date_effet", "01/01/2027")
    saisir(page, "dates_cloture", "31/12/2027")

    aller_par_la_barre(page, "repartition")
    remplir_parts(page, 50, 50)
    deposer(page, "repartition_fichier", DOSSIER / "export-paie-25.csv")
    expect(principal(page)).to_contain_text("Rattachez les colonnes de votre fichier")
    releve.noter(page, "fichier-a-rattacher")
    fautif = tmp_path / "fautif.csv"
    fautif.write_bytes("Matricule;Salaire brut;Jours inscrits\r\n1;abc;365\r\n".encode("cp1252"))
    deposer(page, "repartition_fichier", fautif)
    expect(principal(page)).to_contain_text("n'a pas pu être lu")
    releve.noter(page, "fichier-fautif")
    deposer(page, "repartition_fichier", DOSSIER / "boulangerie-14.csv")
    expect(principal(page)).to_contain_text("14 salariés")
    releve.noter(page, "fichier-lu")
    atteindre(page, lambda: widget(page, "repartition_vue").get_by_text("Graphique").click(timeout=10_000))
    attendre(page)
    releve.noter(page, "graphique")
    atteindre(page, lambda: widget(page, "repartition_absences_autres").locator("input").first.click(
        timeout=10_000))
    releve.noter(page, "choix-multiple-ouvert", capturer=False)
    page.keyboard.press("Escape")

    atteindre(page, lambda: page.get_by_text("Fichier du brouillon (JSON)").click(timeout=10_000))
    attendre(page)  # la fenêtre n'est remplie qu'à l'ouverture (interface.fenetres)
    expect(widget(page, "outil_telecharger")).to_be_visible()
    releve.noter(page, "fenetre-brouillon")
    releve.verifier()


def test_l_assistant_au_clavier_seul(serveur, onglet):
    """Sans souris : chaque champ s'atteint par Tab, chaque étape par « Suivant » (Entrée), et le focus va au titre
    de la nouvelle étape ; jusqu'au téléchargement du document."""
    from interface.brouillon import ETAPES

    page = onglet
    page.goto(serveur.url)
    attendre(page)
    page.locator("body").focus()
    tabuler_vers(page, "entreprise_raison_sociale", cible="input")
    page.keyboard.press("Control+A")
    page.keyboard.type("Fournil du Clavier")
    page.keyboard.press("Tab")
    attendre(page)
    tabuler_vers(page, "entreprise_effectif", cible="input")
    page.keyboard.press("Control+A")
    page.keyboard.type("12")
    page.keyboard.press("Tab")
    attendre(page)
    expect(widget(page, "entreprise_effectif").locator("input")).to_have_value("12")
    for i, (_code, titre) in enumerate(ETAPES[1:], start=1):
        tabuler_vers(page, "nav_suivant", cible="button")
        page.keyboard.press("Enter")
        attendre(page)
        etape(page, titre)
        f = focus(page)
        assert f["balise"] == "H2" and f["texte"] == titre, (i, f)
        if titre == "Dates et durée":
            tabuler_vers(page, "dates_date_effet", cible="input")
            page.keyboard.press("Control+A")
            page.keyboard.type("01/01/2027")
            page.keyboard.press("Tab")
            attendre(page)
            expect(principal(page)).to_contain_text("1er janvier 2027")
    # Le téléchargement au clavier : parcours (a), une fois toutes les réponses données


# ------------------------------------------------------------------------------------------------ parcours
#
# Chaque parcours part d'un brouillon vierge et répond à chaque question comme une personne le ferait : en tapant,
# en choisissant, ou en acceptant d'un clic ce que l'assistant propose d'après ses réponses précédentes (lieu,
# signataire, rédaction des clauses). Rien d'autre ne doit se retrouver dans le document.


def si_present(page, cle: str) -> bool:
    return widget(page, cle).count() > 0


def remplir_entreprise(page, *, nom: str, siren: str, adresse: str, forme: str, effectif: int, ds: bool,
                       cse: bool, pv_carence: str | None, dirigeant: tuple[str, str]) -> None:
    etape(page, "Entreprise")
    expect(widget(page, "entreprise_raison_sociale").locator("input")).to_have_value("")  # brouillon vierge
    saisir(page, "entreprise_raison_sociale", nom)
    saisir(page, "entreprise_siren", siren)
    saisir(page, "entreprise_adresse", adresse)
    saisir(page, "entreprise_forme_juridique", forme)
    saisir(page, "entreprise_effectif", str(effectif))
    choisir(page, "entreprise_delegues_syndicaux", "Oui" if ds else "Non")
    choisir(page, "entreprise_cse", "Oui" if cse else "Non")
    if pv_carence:
        saisir(page, "entreprise_date_pv_carence", pv_carence)
    choisir(page, "entreprise_branche", "Non")
    cliquer(page, "entreprise_dirigeant_ajouter")
    saisir(page, "entreprise_dirigeant_0_nom", dirigeant[0])
    option(page, "entreprise_dirigeant_0_qualite", dirigeant[1])
    expect(principal(page)).not_to_contain_text("clé de contrôle")


def remplir_dates(page, *, effet: str, cloture: str, conclusion: str) -> None:
    etape(page, "Dates et durée")
    saisir(page, "dates_date_effet", effet)
    saisir(page, "dates_cloture", cloture)
    option(page, "dates_periode_calcul", "12 mois (annuelle, la plus courante)")
    option(page, "dates_duree", "3 ans")
    choisir(page, "dates_reconduction", "Non")
    saisir(page, "dates_conclusion", conclusion)


def remplir_beneficiaires(page, anciennete: int) -> None:
    etape(page, "Bénéficiaires")
    saisir(page, "beneficiaires_anciennete", str(anciennete))
    choisir(page, "beneficiaires_dirigeants", "Non")


def remplir_formule(page, *, taux: int, seuil: int, masse: int, resultat: int) -> None:
    etape(page, "Formule de calcul")
    cocher(page, "formule_famille_part_resultat", True)
    option(page, "formule_pr_indicateur", "Résultat d'exploitation")
    saisir(page, "formule_pr_taux", str(taux))
    saisir(page, "formule_pr_seuil", str(seuil))
    cliquer(page, "formule_ind_resultat_exploitation_source_reel")  # la source dépend du régime fiscal
    saisir(page, "formule_sim_masse", str(masse))
    saisir(page, "formule_sim_resultat_exploitation", str(resultat))


def remplir_parts(page, presence: int, salaire: int) -> None:
    saisir(page, "repartition_part_uniforme", str(100 - presence - salaire))
    saisir(page, "repartition_part_presence", str(presence))
    saisir(page, "repartition_part_salaire", str(salaire))
    if presence:  # clé de présence : les congés payés ne comptent (ou non) que sur une réponse
        choisir(page, "repartition_conges_payes", "Oui (recommandé)")
    choisir(page, "repartition_redistribution", "Oui")
    choisir(page, "repartition_prorata_plafond", "Oui")


def remplir_versement(page) -> None:
    etape(page, "Versement et épargne salariale")
    saisir(page, "versement_delai", "5")
    choisir(page, "versement_plans_existe", "Non")
    choisir(page, "versement_avances_actif", "Non")


def remplir_information(page, *, suivi: str, instance: str, salaries: list[tuple[str, str]] = ()) -> None:
    etape(page, "Information et signataires")
    cliquer(page, "information_proposer")
    choisir(page, "information_suivi", suivi)
    if si_present(page, "information_prendre_modalites"):
        cliquer(page, "information_prendre_modalites")
    choisir(page, "information_presomption_moyen", "Remise en main propre (contre signature)")
    choisir(page, "information_instance", instance)
    cliquer(page, "information_prendre_litiges")
    choisir(page, "information_substitution", "Non")
    cliquer(page, "information_proposer_signataire_0")
    for k, (nom, qualite) in enumerate(salaries, start=1):
        cliquer(page, "information_signataire_ajouter")
        saisir(page, f"information_signataire_{k}_nom", nom)
        saisir(page, f"information_signataire_{k}_qualite", qualite)
        option(page, f"information_signataire_{k}_partie", "pour les salariés")
    cliquer(page, "information_prendre_lieu")


def documents(page, releve: Releve, tmp_path: Path) -> Path:
    suivant(page)
    etape(page, "Récapitulatif et vérification")
    releve.noter(page, "revue")
    expect(principal(page)).not_to_contain_text("à renseigner")
    suivant(page)
    etape(page, "Documents")
    releve.noter(page, "documents")
    expect(principal(page)).not_to_contain_text("Les documents restent fermés")
    return telecharger_docx(page, tmp_path)


def test_parcours_a_boulangerie_14_salaries_due_sans_cse(serveur, onglet, tmp_path):
    """La boulangerie du constat de l'issue 9 : DUE, pas de CSE (PV de carence de 2024), pas de délégué syndical,
    3 ans à partir du 1er janvier 2027, ses 14 salariés dans un CSV d'Excel français. L'étape « Entreprise » se
    remplit au clavier seul, et le document se télécharge au clavier."""
    page = onglet
    releve = Releve("parcours-a")
    saisi = {"Boulangerie Quéméner", "Maëlle Quéméner", "Quimper", "12 place Saint-Corentin, 29000 Quimper"}
    page.goto(serveur.url)
    attendre(page)
    etape(page, "Entreprise")
    releve.noter(page, "vierge")
    # L'étape « Entreprise » au clavier seul (Tab, frappe, flèches, Espace, Entrée)
    for cle, valeur in (("entreprise_raison_sociale", "Boulangerie Quéméner"), ("entreprise_siren", "732829320"),
                        ("entreprise_adresse", "12 place Saint-Corentin, 29000 Quimper"),
                        ("entreprise_forme_juridique", "SARL"), ("entreprise_effectif", "14")):
        tabuler_vers(page, cle, cible="input, textarea")
        page.keyboard.type(valeur)
        page.keyboard.press("Tab")
        attendre(page)
    for cle in ("entreprise_delegues_syndicaux", "entreprise_cse"):
        tabuler_vers(page, cle, cible="input[type='radio']")
        page.keyboard.press("ArrowRight")  # de « Oui » à « Non »
        attendre(page)
        expect(widget(page, cle).locator("input[type='radio']").nth(1)).to_be_checked()
    tabuler_vers(page, "entreprise_date_pv_carence", cible="input")
    page.keyboard.type("14/03/2024")
    page.keyboard.press("Tab")
    attendre(page)
    expect(principal(page)).to_contain_text("14 mars 2024")
    tabuler_vers(page, "entreprise_branche", cible="input[type='radio']")
    page.keyboard.press("ArrowRight")
    attendre(page)
    tabuler_vers(page, "entreprise_dirigeant_ajouter", cible="button")
    page.keyboard.press("Enter")
    attendre(page)
    tabuler_vers(page, "entreprise_dirigeant_0_nom", cible="input")
    page.keyboard.type("Maëlle Quéméner")
    page.keyboard.press("Tab")
    attendre(page)
    tabuler_vers(page, "entreprise_dirigeant_0_qualite", cible="input")
    page.keyboard.type("Gérant")
    page.keyboard.press("Enter")
    attendre(page)
    expect(widget(page, "entreprise_dirigeant_0_qualite").locator("input")).to_have_value("Gérant(e)")
    releve.noter(page, "entreprise")

    suivant(page)
    etape(page, "Mode de mise en place")
    choisir(page, "mise_en_place_mode", LIBELLES_MODES["decision_unilaterale"])
    releve.noter(page, "mise_en_place")

    suivant(page)
    remplir_dates(page, effet="01/01/2027", cloture="31/12/2027", conclusion="15/12/2026")
    releve.noter(page, "dates")

    suivant(page)
    remplir_beneficiaires(page, 3)
    releve.noter(page, "beneficiaires")

    suivant(page)
    remplir_formule(page, taux=15, seuil=30000, masse=410000, resultat=70000)
    releve.noter(page, "formule")

    suivant(page)
    etape(page, "Répartition entre salariés")
    remplir_parts(page, 50, 50)
    deposer(page, "repartition_fichier", DOSSIER / "boulangerie-14.csv")
    expect(principal(page)).to_contain_text("14 salariés")
    expect(principal(page)).to_contain_text("calculés des dates d'entrée et de sortie")
    expect(principal(page)).to_contain_text("Enveloppe répartie")
    releve.noter(page, "repartition")

    suivant(page)
    remplir_versement(page)
    releve.noter(page, "versement")

    suivant(page)
    remplir_information(page, suivi=SUIVI_SANS_CSE["salaries"], instance=INSTANCES["employeur"])
    releve.noter(page, "information")

    suivant(page)
    etape(page, "Récapitulatif et vérification")
    releve.noter(page, "revue")
    expect(principal(page)).to_contain_text("Boulangerie Quéméner")
    suivant(page)
    etape(page, "Documents")
    releve.noter(page, "documents")
    # Le document, téléchargé au clavier
    tabuler_vers(page, "documents_docx", cible="button")
    with page.expect_download() as telechargement:
        page.keyboard.press("Enter")
    docx = tmp_path / "decision.docx"
    telechargement.value.save_as(docx)
    texte = verifier_docx(docx, saisi, interdits={r"\bvoix\b", r"\bvotes? (pour|contre)", r"ratifié",
                                                   r"commission de suivi", r"Nantes"})
    assert not cse_affirme(texte), cse_affirme(texte)
    assert "Boulangerie Quéméner" in texte and "Quimper" in texte and "Maëlle Quéméner" in texte
    accord = lire_accord(docx)
    assert accord.mise_en_place.mode == "decision_unilaterale"
    assert accord.entreprise.effectif == 14 and accord.entreprise.cse is False
    assert accord.entreprise.date_pv_carence.isoformat() == "2024-03-14"
    assert accord.periode.date_effet.isoformat() == "2027-01-01" and accord.periode.duree_annees == 3
    assert accord.mise_en_place.ratification is None and accord.mise_en_place.lieu == "Quimper"
    assert page.requetes.exterieures() == []
    releve.verifier()


def test_parcours_b_scierie_30_salaries_avec_cse(serveur, onglet, tmp_path):
    page = onglet
    releve = Releve("parcours-b")
    saisi = {"Scierie des Trois Vallées", "Gérardmer", "Hélène Kerjean", "Corentin Riou",
             "4 chemin du Moulin, 88400 Gérardmer"}
    page.goto(serveur.url)
    attendre(page)
    remplir_entreprise(page, nom="Scierie des Trois Vallées", siren="523456788",
                       adresse="4 chemin du Moulin, 88400 Gérardmer", forme="SAS", effectif=30, ds=False, cse=True,
                       pv_carence=None, dirigeant=("Hélène Kerjean", "Président(e)"))
    releve.noter(page, "entreprise")

    suivant(page)
    etape(page, "Mode de mise en place")
    choisir(page, "mise_en_place_mode", LIBELLES_MODES["accord_cse"])
    saisir(page, "mise_en_place_cse_presents", "4")
    saisir(page, "mise_en_place_cse_pour", "4")
    releve.noter(page, "mise_en_place")

    suivant(page)
    remplir_dates(page, effet="01/01/2027", cloture="31/12/2027", conclusion="20/05/2027")
    expect(principal(page)).to_contain_text("au plus tard le 30 juin")
    releve.noter(page, "dates")

    suivant(page)
    remplir_beneficiaires(page, 3)
    releve.noter(page, "beneficiaires")

    suivant(page)
    remplir_formule(page, taux=20, seuil=60000, masse=1050000, resultat=140000)
    # 20 % × (140 000 − 60 000) = 16 000 €, sous le plafond de 8 % de la masse salariale (84 000 €)
    expect(page.locator("[data-testid='stMetric']").first).to_contain_text("16\u00a0000,00\u00a0€")
    releve.noter(page, "formule")

    suivant(page)
    etape(page, "Répartition entre salariés")
    remplir_parts(page, 50, 50)
    classeur = tmp_path / "salaries-2027.xlsx"
    classeur.write_bytes(classeur_30())
    deposer(page, "repartition_fichier", classeur)
    expect(principal(page)).to_contain_text("30 salariés lus dans « salaries-2027.xlsx »")
    expect(principal(page)).to_contain_text("Enveloppe répartie")
    releve.noter(page, "repartition")

    suivant(page)
    remplir_versement(page)
    releve.noter(page, "versement")

    suivant(page)
    remplir_information(page, suivi=SUIVI_AVEC_CSE["cse"], instance=INSTANCES["cse"],
                        salaries=[("Corentin Riou", "Membre titulaire du CSE")])
    releve.noter(page, "information")

    docx = documents(page, releve, tmp_path)
    texte = verifier_docx(docx, saisi, interdits={r"ratifié", r"Nantes", r"commission de suivi"})
    assert "Corentin Riou" in texte and "Gérardmer" in texte
    # Le seul vote du document est celui que le parcours a tapé
    assert re.findall(r"(\d+) voix", texte) == ["4"], re.findall(r".{60}\d+ voix.{60}", texte)
    accord = lire_accord(docx)
    assert accord.entreprise.raison_sociale == "Scierie des Trois Vallées"
    assert accord.entreprise.effectif == 30 and accord.mise_en_place.mode == "accord_cse"
    assert accord.formule.composantes[0].seuil_centimes == 6_000_000
    assert (accord.mise_en_place.vote_cse.membres_titulaires_presents, accord.mise_en_place.vote_cse.votes_pour) \
        == (4, 4)
    import validators

    rapport = validators.valider(accord, document=controler_document(docx))
    assert rapport.statut == "conforme", rapport.en_texte()
    assert page.requetes.exterieures() == []
    # Les salariés ne sont jamais écrits dans la base des brouillons
    with sqlite3.connect(serveur.base) as cx:
        contenu = " ".join(r[0] for r in cx.execute("SELECT contenu FROM brouillons"))
    assert "Scierie des Trois Vallées" in contenu and "Zimmermann" not in contenu
    releve.verifier()


def test_parcours_c_ratification_25_salaries(serveur, onglet, tmp_path):
    page = onglet
    releve = Releve("parcours-c")
    saisi = {"Transports Abgrall", "Morlaix", "Goulven Abgrall", "ZA de Kerivin, 29600 Morlaix"}
    page.goto(serveur.url)
    attendre(page)
    remplir_entreprise(page, nom="Transports Abgrall", siren="412345670", adresse="ZA de Kerivin, 29600 Morlaix",
                       forme="SAS", effectif=25, ds=False, cse=False, pv_carence="02/10/2025",
                       dirigeant=("Goulven Abgrall", "Président(e)"))
    releve.noter(page, "entreprise")

    suivant(page)
    etape(page, "Mode de mise en place")
    choisir(page, "mise_en_place_mode", LIBELLES_MODES["ratification"])
    saisir(page, "mise_en_place_ratification_inscrits", "25")
    saisir(page, "mise_en_place_ratification_pour", "19")
    saisir(page, "mise_en_place_ratification_contre", "4")
    saisir(page, "mise_en_place_ratification_date", "04/12/2026")
    choisir(page, "mise_en_place_ratification_pv", "Oui")
    releve.noter(page, "mise_en_place")

    suivant(page)
    remplir_dates(page, effet="01/01/2027", cloture="31/12/2027", conclusion="10/12/2026")
    releve.noter(page, "dates")

    suivant(page)
    remplir_beneficiaires(page, 2)
    releve.noter(page, "beneficiaires")

    suivant(page)
    remplir_formule(page, taux=10, seuil=50000, masse=900000, resultat=120000)
    releve.noter(page, "formule")

    suivant(page)
    etape(page, "Répartition entre salariés")
    remplir_parts(page, 0, 0)
    deposer(page, "repartition_fichier", DOSSIER / "export-paie-25.csv")
    expect(principal(page)).to_contain_text("Rattachez les colonnes de votre fichier")
    releve.noter(page, "repartition-correspondance")
    option(page, "repartition_colonne_2", "Salaire brut de l'exercice (€)")
    expect(principal(page)).to_contain_text("25 salariés")
    expect(principal(page)).to_contain_text("Enveloppe répartie")
    releve.noter(page, "repartition")

    suivant(page)
    remplir_versement(page)
    releve.noter(page, "versement")

    suivant(page)
    remplir_information(page, suivi=SUIVI_SANS_CSE["salaries"], instance=INSTANCES["employeur"])
    releve.noter(page, "information")

    docx = documents(page, releve, tmp_path)
    texte = verifier_docx(docx, saisi, interdits={r"Nantes", r"37 voix", r"\b55\b", r"commission de suivi"})
    assert not cse_affirme(texte), cse_affirme(texte)
    assert "19" in texte and "Morlaix" in texte
    accord = lire_accord(docx)
    r = accord.mise_en_place.ratification
    assert accord.mise_en_place.mode == "ratification"
    assert (r.effectif_inscrit, r.votes_pour, r.votes_contre) == (25, 19, 4)
    assert r.date_vote.isoformat() == "2026-12-04"
    assert page.requetes.exterieures() == []
    releve.verifier()


# ------------------------------------------------------------------------------------- autres pages et reprise


def test_page_des_verificateurs_sur_un_dossier_d_exemples(serveur, onglet):
    page = onglet
    releve = Releve("verifier")
    page.goto(f"{serveur.url}/verifier")
    attendre(page)
    assert page.get_by_role("heading", name="Vérifier des accords").is_visible()
    releve.noter(page, "accueil")
    fichiers = [str(p) for p in sorted(EXEMPLES.glob("*.json"))]
    widget(page, "verif_fichiers").locator("input[type='file']").set_input_files(fichiers)
    attendre(page, 60_000)
    metriques = page.locator("[data-testid='stMetric']")
    expect(metriques).to_have_count(5, timeout=60_000)
    expect(metriques.nth(0)).to_contain_text("Accords vérifiés")
    expect(metriques.nth(0)).to_contain_text("4")
    expect(metriques.nth(1)).to_contain_text("Conformes")
    expect(metriques.nth(1)).to_contain_text("4")
    expect(metriques.nth(4)).to_contain_text("Illisibles")
    expect(metriques.nth(4)).to_contain_text("0")
    with page.expect_download() as telechargement:
        widget(page, "verif_export_csv").locator("button").click()
    contenu = Path(telechargement.value.path()).read_text(encoding="utf-8-sig")
    assert contenu.startswith("fichier;accord;statut;id;severite")
    releve.noter(page, "rapport")
    assert page.requetes.exterieures() == []
    releve.ecrire()
    # Le français de la page des vérificateurs (son contenu est à l'équipe lecture-faits) : textes de Streamlit
    assert not [m for m in releve.anglais() if "phrase de Streamlit" in m], releve.anglais()


def test_un_rechargement_reprend_le_brouillon(serveur, onglet):
    page = onglet
    page.goto(serveur.url)
    attendre(page)
    saisir(page, "entreprise_raison_sociale", "Boulangerie du Marché")
    suivant(page)
    suivant(page)
    expect(page.locator("h2").first).to_have_text("Dates et durée")
    assert "brouillon=" in page.url
    page.reload()
    attendre(page)
    expect(page.locator("h2").first).to_have_text("Dates et durée")
    cliquer(page, "nav_aller_entreprise")
    expect(widget(page, "entreprise_raison_sociale").locator("input")).to_have_value("Boulangerie du Marché")
    capture(page, "reprise")
    # Un onglet refermé puis rouvert à la même adresse retrouve aussi le brouillon
    adresse = page.url
    nouvel_onglet = page.context.new_page()
    suivre(nouvel_onglet)
    nouvel_onglet.goto(adresse)
    attendre(nouvel_onglet)
    expect(widget(nouvel_onglet, "entreprise_raison_sociale").locator("input")).to_have_value(
        "Boulangerie du Marché")
