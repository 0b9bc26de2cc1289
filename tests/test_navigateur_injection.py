"""Markdown, HTML et ``javascript:`` dans chaque champ de texte libre, dans un vrai Chromium (issue 13, point 2).

Chaque champ de texte de chaque étape de l'assistant, les noms des salariés d'un fichier déposé (plafonnés, non
bénéficiaires, cellule illisible citée dans l'erreur), le nom du fichier, et sur la page des vérificateurs un accord
JSON, un texte d'accord et un versement dont les noms portent ces textes : toutes les requêtes de la page sont
notées (``page.on("request")``) et aucune ne part hors de 127.0.0.1 ; aucune image ni aucun lien vers
« exemple.invalid », aucun lien ``javascript:`` cliquable ; le texte est montré tel quel.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from outils_navigateur import (
    attendre,
    capture,
    cliquer,
    option,
    widget,
)

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.navigateur

RACINE = Path(__file__).resolve().parent.parent
IMAGE = "![img](http://exemple.invalid/pixel.png)"
HTML = "<img src=http://exemple.invalid/x>"
LIEN = "[lien](javascript:alert(1))"
HOSTILE = f"{IMAGE} {HTML} {LIEN}"
ETAPES = ["entreprise", "mise_en_place", "dates", "beneficiaires", "formule", "repartition", "versement",
          "information", "revue", "documents"]
CHAMPS = ("[data-testid='stMain'] input[type='text']:not([role='combobox']), [data-testid='stMain'] textarea, "
          "[data-testid='stSidebar'] input[type='text']:not([role='combobox'])")

#: Ce que le DOM ne doit jamais contenir : une image ou un lien venus du texte, un lien javascript:.
_JS_SORTIES = """() => {
  const mauvais = [];
  for (const e of document.querySelectorAll('img, image, source, video, audio, iframe, embed, object, link')) {
    const src = e.getAttribute('src') || e.getAttribute('href') || e.getAttribute('data') || '';
    if (src.includes('exemple.invalid')) mauvais.push(e.tagName + ' ' + src);
  }
  for (const a of document.querySelectorAll('a[href]')) {
    const h = a.getAttribute('href').trim().toLowerCase();
    if (h.startsWith('javascript:') || h.includes('exemple.invalid')) mauvais.push('A ' + h);
  }
  return mauvais;
}"""


def _contient(page, texte: str, zone: str = "[data-testid='stMain']", delai_s: float = 30) -> None:
    """Le texte est montré tel quel (sans le gluon invisible qui empêche les liens automatiques)."""
    import time

    fin = time.monotonic() + delai_s
    while True:
        lu = page.locator(zone).first.inner_text().replace("\u2060", "")
        if texte in lu:
            return
        assert time.monotonic() < fin, (texte, lu[:3000])
        page.wait_for_timeout(300)


def _verifier(page, ou: str) -> None:
    assert page.requetes.exterieures() == [], (ou, page.requetes.exterieures())
    assert page.evaluate(_JS_SORTIES) == [], (ou, page.evaluate(_JS_SORTIES))


def _remplir_tous_les_champs(page, etape: str) -> int:
    """Met le texte hostile dans chaque champ de texte libre affiché (les champs redessinés sont relus)."""
    n = page.locator(CHAMPS).count()
    remplis = 0
    for i in range(n):
        champs = page.locator(CHAMPS)
        if i >= champs.count():
            break
        champ = champs.nth(i)
        if not champ.is_visible() or not champ.is_enabled() or champ.input_value() == HOSTILE:
            continue
        champ.fill(HOSTILE)
        champ.press("Enter" if champ.evaluate("e => e.tagName") == "INPUT" else "Tab")
        attendre(page)
        remplis += 1
    _verifier(page, etape)
    return remplis


def _csv(lignes: list[str]) -> bytes:
    entete = "Matricule;Nom;Prénom;Salaire brut annuel (€);Date d'entrée;Date de sortie;Jours d'absence"
    return ("\r\n".join([entete, *lignes]) + "\r\n").encode("utf-8")


def _sans_export_brut(page) -> None:
    """La barre d'outils d'un tableau des salariés n'offre pas « Download as CSV » : ce bouton exporte les cellules
    brutes (un nom « =HYPERLINK(…) » y resterait une formule) ; client.disableDataExport le retire (issue 13,
    point 3), les exports de l'application étant neutralisés."""
    visible = page.locator("[data-testid='stDataFrame']:visible")
    bloc = page.locator("[data-testid='stElementContainer']").filter(has=visible).last
    bloc.locator("[data-testid='stDataFrame']").hover()
    boutons = bloc.locator("[data-testid='stElementToolbarButton'] button")
    expect(boutons.first).to_be_visible()  # la barre d'outils est bien là (plein écran, recherche…)
    libelles = boutons.evaluate_all("bs => bs.map(b => (b.getAttribute('aria-label') || '').toLowerCase())")
    assert libelles and not [x for x in libelles if "download" in x or "csv" in x or "télécharg" in x], libelles


def test_markdown_et_html_de_la_personne_ne_sortent_jamais(serveur, onglet, tmp_path):
    page = onglet
    page.goto(serveur.url)
    attendre(page)
    page.locator("[data-testid='stSidebar']").get_by_text("Essayer avec un exemple").click()  # la fenêtre
    attendre(page)  # remplie à l'ouverture (interface.fenetres)
    option(page, "outil_exemple", "Atelier Dupont & Fils (30 salariés)")
    cliquer(page, "outil_charger_exemple")

    # Salariés : des noms plafonnés et un non-bénéficiaire, puis une cellule illisible citée dans l'erreur.
    cliquer(page, "nav_aller_repartition")
    bon = tmp_path / "salaries.csv"
    bon.write_bytes(_csv([f"A1;{HOSTILE};Jean;1000000;01/01/2010;;",
                          f"A2;{IMAGE};Marie;1000000;01/01/2012;;",
                          f"A3;{LIEN};Paul;30000;15/12/2026;;"]))
    widget(page, "repartition_fichier").locator("input[type='file']").set_input_files(str(bon))
    attendre(page, 60_000)
    widget(page, "repartition_enveloppe_mode").get_by_text("Un autre montant", exact=True).click()
    attendre(page)
    champ = widget(page, "repartition_enveloppe_montant").locator("input")
    champ.fill("300000")
    champ.press("Enter")
    attendre(page, 60_000)
    _contient(page, "atteignent le plafond individuel")
    _contient(page, f"Jean {HOSTILE}, Marie {IMAGE}")
    _contient(page, f"Non bénéficiaires : Paul {LIEN}")
    _verifier(page, "plafonnés et non bénéficiaires")
    _sans_export_brut(page)
    capture(page, "40_injection_salaries")
    cliquer(page, "repartition_retirer")
    mauvais = tmp_path / f"salaries {IMAGE.replace('/', '_')}.csv"
    mauvais.write_bytes(_csv([f"A1;{HOSTILE};Jean;abc {IMAGE};01/01/2010;;"]))
    widget(page, "repartition_fichier").locator("input[type='file']").set_input_files(str(mauvais))
    attendre(page, 60_000)
    _contient(page, "montant illisible")
    _contient(page, f"abc {IMAGE}")  # la cellule citée, montrée telle quelle
    _verifier(page, "cellule illisible")

    # Chaque champ de texte libre de chaque étape.
    remplis = 0
    for code in ETAPES:
        cliquer(page, f"nav_aller_{code}")
        remplis += _remplir_tous_les_champs(page, code)
    assert remplis >= 15, remplis
    cliquer(page, "nav_aller_revue")  # le récapitulatif cite chaque réponse
    _contient(page, f"Raison sociale : {HOSTILE}")
    _verifier(page, "récapitulatif")
    capture(page, "41_injection_recapitulatif")
    # La liste des brouillons de ce navigateur (nom de l'entreprise) sur une nouvelle visite.
    page.goto(serveur.url)
    attendre(page)
    _contient(page, HOSTILE[:80], zone=".st-key-entreprise_reprise")  # nom gardé sur 80 caractères
    _verifier(page, "reprise")


def test_la_page_des_verificateurs_montre_les_textes_lus_sans_les_interpreter(serveur, onglet, tmp_path):
    page = onglet
    accord = json.loads((RACINE / "examples" / "sas-30-part-resultat.json").read_text(encoding="utf-8"))
    accord["entreprise"]["raison_sociale"] = HOSTILE
    accord["entreprise"]["adresse"] = IMAGE
    for s in accord["mise_en_place"].get("signataires") or []:
        s["nom"] = LIEN
    (tmp_path / f"accord {LIEN.replace('/', '_')}.json").write_text(json.dumps(accord, ensure_ascii=False),
                                                                    encoding="utf-8")
    texte = (f"ACCORD D'INTÉRESSEMENT\n\nEntre la société {HOSTILE}, SAS au capital de 10 000 euros, dont le siège "
             f"est {IMAGE}, représentée par {LIEN}, son président,\n\net les salariés.\n\nArticle 1 – Objet\n"
             "Le présent accord est conclu pour une durée de trois ans à compter du 1er janvier 2026.\n"
             f"Article 2 – Formule\nL'intéressement est égal à 20 % du résultat courant avant impôt {HTML}.\n")
    (tmp_path / "accord-texte.txt").write_text(texte, encoding="utf-8")
    versement = json.loads((RACINE / "examples" / "sas-30-part-resultat.versement.json").read_text(encoding="utf-8"))
    for i, salarie in enumerate(versement["salaries"][:3]):
        salarie["nom"] = [HOSTILE, IMAGE, LIEN][i]
    versement["salaries"][0]["montant_verse_centimes"] += 1  # un écart de versement, constat qui cite le salarié
    (tmp_path / f"versement {IMAGE.replace('/', '_')}.json").write_text(json.dumps(versement), encoding="utf-8")
    (tmp_path / "illisible.json").write_text(f'{{"entreprise": "{HOSTILE}"', encoding="utf-8")

    page.goto(f"{serveur.url}/verifier")
    attendre(page)
    fichiers = [str(p) for p in sorted(tmp_path.iterdir()) if not p.name.startswith("versement")]
    widget(page, "verif_fichiers").locator("input[type='file']").set_input_files(fichiers)
    attendre(page, 90_000)
    widget(page, "verif_versement").locator("input[type='file']").set_input_files(
        [str(p) for p in tmp_path.iterdir() if p.name.startswith("versement")])
    attendre(page, 90_000)
    expect(page.locator("[data-testid='stMetric']").filter(has_text="Accords vérifiés")).to_be_visible(timeout=60_000)
    from playwright.sync_api import Error as ErreurPlaywright

    for nom in ("accord-texte.txt", "accord ["):
        try:  # ouvrir chaque accord (les textes lus, les constats) ; un accord déjà ouvert est laissé tel quel
            resume = page.locator("[data-testid='stMain'] summary", has_text=nom).first
            if resume.locator("xpath=..").get_attribute("open") is None:
                resume.click(timeout=5_000)
                attendre(page)
        except ErreurPlaywright:
            pass
    _contient(page, HOSTILE)  # le nom de l'entreprise, montré tel quel
    _verifier(page, "vérificateurs")
    capture(page, "42_injection_verifier")
