"""La base des brouillons comme un service (issue 13, point 4), sur SQLite et sur PostgreSQL.

- seuls les jetons délivrés par le serveur sont acceptés ; un jeton choisi par un tiers n'est jamais adopté ;
- un brouillon est lié au navigateur qui l'a créé, sauf lien de partage créé exprès ;
- deux onglets sur un brouillon : le second écrivain reçoit ``Conflit`` au lieu d'écraser ;
- aucune ligne sans saisie ; purge après la durée de conservation (variable d'environnement) ;
- l'assistant (AppTest) : jeton d'un tiers refusé et dit en français, autre navigateur refusé, lien de partage,
  conflit dit dans la barre latérale avec ses deux issues, aucune ligne pour une visite sans saisie.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import serveur_postgresql
from outils_assistant import aller, brouillon, demarrer, ouvrir, sans_exception, textes

from interface import etat as module_etat
from interface.stockage import (
    VARIABLE_RETENTION,
    Conflit,
    ErreurStockage,
    Stockage,
    adresse_base,
    empreinte_secret,
    nouveau_secret,
    retention_jours,
)


@pytest.fixture(scope="module")
def postgresql():
    s = serveur_postgresql.demarrer()
    yield s
    serveur_postgresql.arreter(s)


@pytest.fixture(params=["sqlite", "postgresql"])
def stockage(request, tmp_path):
    if request.param == "sqlite":
        s = Stockage(tmp_path / "b.sqlite3")
    else:
        serveur = request.getfixturevalue("postgresql")
        s = Stockage(serveur.adresse.replace("postgresql://", "postgresql+psycopg://"))
        s.moteur()
        with s.moteur().begin() as cx:  # chaque test part d'une base vide
            from sqlalchemy import text

            cx.execute(text("DELETE FROM brouillons"))
    yield s
    s.fermer()


def test_jetons_delivres_seulement(stockage):
    jeton = stockage.nouveau_jeton()
    assert stockage.jeton_emis(jeton)
    assert not stockage.jeton_emis("choisiParUnTiers0001")
    assert not stockage.jeton_emis(jeton[:-1] + ("A" if jeton[-1] != "A" else "B"))  # signature altérée
    assert not stockage.jeton_emis("../../etc/passwd") and not stockage.jeton_emis(None)
    with pytest.raises(ErreurStockage, match="non délivré"):
        stockage.creer("choisiParUnTiers0001", {"accord": {}}, nouveau_secret())
    assert stockage.nombre() == 0


def test_lie_au_navigateur_sauf_partage(stockage):
    jeton, moi, autre = stockage.nouveau_jeton(), nouveau_secret(), nouveau_secret()
    stockage.creer(jeton, {"accord": {"entreprise": {"raison_sociale": "Fournil"}}}, moi)
    lu = stockage.charger(jeton)
    assert lu.proprietaire == empreinte_secret(moi) and moi not in repr(lu)  # seule l'empreinte est gardée
    assert stockage.acces(lu, moi) and not stockage.acces(lu, autre) and not stockage.acces(lu, None)
    cle = stockage.partager(jeton)
    lu = stockage.charger(jeton)
    assert stockage.acces(lu, autre, cle) and not stockage.acces(lu, autre, nouveau_secret())
    stockage.arreter_partage(jeton)
    assert not stockage.acces(stockage.charger(jeton), autre, cle)


def test_deux_onglets_conflit_au_lieu_d_ecraser(stockage):
    jeton, moi = stockage.nouveau_jeton(), nouveau_secret()
    assert stockage.creer(jeton, {"accord": {"v": "création"}}, moi) == 1
    onglet_a = onglet_b = 1
    onglet_a = stockage.ecrire(jeton, {"accord": {"v": "A"}}, onglet_a)
    with pytest.raises(Conflit) as exc:
        stockage.ecrire(jeton, {"accord": {"v": "B"}}, onglet_b)
    assert exc.value.version == 2 and "autre onglet" in str(exc.value)
    assert stockage.lire(jeton) == {"accord": {"v": "A"}}  # B n'a rien écrasé
    with pytest.raises(Conflit):  # deux créations du même brouillon : la seconde est un conflit
        stockage.creer(jeton, {"accord": {"v": "C"}}, moi)
    assert stockage.ecrire(jeton, {"accord": {"v": "A2"}}, onglet_a) == 3


def test_ecritures_concurrentes_une_seule_gagne_par_version(stockage):
    jeton, moi = stockage.nouveau_jeton(), nouveau_secret()
    stockage.creer(jeton, {"accord": {}}, moi)
    gagnants, conflits = [], []

    def ecrire(i: int) -> None:
        try:
            stockage.ecrire(jeton, {"accord": {"i": i}}, 1)
            gagnants.append(i)
        except Conflit:
            conflits.append(i)

    fils = [threading.Thread(target=ecrire, args=(i,)) for i in range(8)]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    assert len(gagnants) == 1 and len(conflits) == 7
    assert stockage.lire(jeton) == {"accord": {"i": gagnants[0]}}


def test_purge_apres_la_duree_de_conservation(stockage, monkeypatch):
    monkeypatch.setenv(VARIABLE_RETENTION, "30")
    assert retention_jours() == 30
    vieux, recent, moi = stockage.nouveau_jeton(), stockage.nouveau_jeton(), nouveau_secret()
    stockage.creer(vieux, {"accord": {"mise_en_place": {"signataires": [{"nom": "Jeanne Martin"}]}}}, moi)
    stockage.creer(recent, {"accord": {}}, moi)
    dans_29_jours = datetime.now(UTC) + timedelta(days=29)
    assert stockage.purger(dans_29_jours) == 0
    stockage.ecrire(recent, {"accord": {"x": 1}}, 1)
    # 31 jours plus tard, les deux ont plus de 30 jours ; « recent » est rajeuni juste avant
    from sqlalchemy import update

    from interface.stockage import brouillons

    with stockage.moteur().begin() as cx:
        cx.execute(update(brouillons).where(brouillons.c.jeton == recent).values(
            modifie_le=(datetime.now(UTC) + timedelta(days=20)).isoformat(timespec="seconds")))
    assert stockage.purger(datetime.now(UTC) + timedelta(days=31)) == 1
    assert stockage.charger(vieux) is None and stockage.charger(recent) is not None  # le nom du signataire aussi


@pytest.mark.parametrize("valeur", ["0", "abc", "-5", "99999"])
def test_duree_de_conservation_invalide_dite_en_francais(monkeypatch, valeur):
    monkeypatch.setenv(VARIABLE_RETENTION, valeur)
    with pytest.raises(ErreurStockage, match="nombre entier de jours"):
        retention_jours()


def test_adresse_de_la_base(monkeypatch, tmp_path):
    monkeypatch.delenv("INTERESSEMENT_BASE", raising=False)
    monkeypatch.setenv("INTERESSEMENT_BROUILLONS", str(tmp_path / "b.sqlite3"))
    assert adresse_base() == f"sqlite:///{tmp_path / 'b.sqlite3'}"
    monkeypatch.setenv("INTERESSEMENT_BASE", "postgresql://u:mdp@hote/base")
    assert adresse_base() == "postgresql+psycopg://u:mdp@hote/base"
    s = Stockage("postgresql+psycopg://u:mdp@127.0.0.1:1/base")
    with pytest.raises(ErreurStockage) as exc:
        s.moteur()
    assert "mdp" not in str(exc.value) and "inaccessible" in str(exc.value)


def test_base_d_une_version_precedente_migree(tmp_path):
    import sqlite3

    chemin = tmp_path / "ancienne.sqlite3"
    with sqlite3.connect(chemin) as cx:
        cx.execute("CREATE TABLE brouillons (jeton TEXT PRIMARY KEY, contenu TEXT NOT NULL, modifie_le TEXT NOT NULL)")
        cx.execute("INSERT INTO brouillons VALUES ('ancienJetonNonSigne1', '{}', '2020-01-01T00:00:00+00:00')")
    s = Stockage(chemin)
    jeton = s.nouveau_jeton()
    s.creer(jeton, {"accord": {}}, nouveau_secret())
    assert s.nombre() == 1  # l'ancienne ligne (plus de 90 jours) est purgée à l'ouverture
    assert not s.jeton_emis("ancienJetonNonSigne1")


# --------------------------------------------------------------------------------------- dans l'assistant


@pytest.fixture(params=["sqlite", "postgresql"])
def base(request, tmp_path, monkeypatch):
    """La base de l'assistant : le fichier SQLite par défaut, ou PostgreSQL par ``INTERESSEMENT_BASE``."""
    if request.param == "sqlite":
        monkeypatch.delenv("INTERESSEMENT_BASE", raising=False)
        monkeypatch.setenv("INTERESSEMENT_BROUILLONS", str(tmp_path / "b.sqlite3"))
        return Stockage(tmp_path / "b.sqlite3")
    serveur = request.getfixturevalue("postgresql")
    monkeypatch.setenv("INTERESSEMENT_BASE", serveur.adresse)
    s = Stockage(serveur.adresse.replace("postgresql://", "postgresql+psycopg://"))
    from sqlalchemy import text

    with s.moteur().begin() as cx:
        cx.execute(text("DELETE FROM brouillons"))
    return s


def _navigateur(monkeypatch, secret):
    """Le cookie du navigateur (AppTest n'a pas de cookies) : le secret que lirait ``st.context.cookies``."""
    monkeypatch.setattr(module_etat, "_cookie_secret", lambda: secret)


def test_visite_sans_saisie_ne_cree_aucune_ligne(base, monkeypatch):
    _navigateur(monkeypatch, nouveau_secret())
    at = demarrer()
    sans_exception(at)
    for etape in ("mise_en_place", "dates", "formule", "entreprise"):
        aller(at, etape)
    assert base.nombre() == 0
    at.text_input(key="entreprise_raison_sociale").set_value("Imprimerie Morel").run()
    assert base.nombre() == 1


def test_jeton_choisi_par_un_tiers_n_est_pas_adopte(base, monkeypatch):
    _navigateur(monkeypatch, nouveau_secret())
    at = demarrer(brouillon="choisiParUnTiers0001")
    sans_exception(at)
    assert at.query_params["brouillon"] != "choisiParUnTiers0001"
    assert base.jeton_emis(at.query_params["brouillon"])
    assert "n'a pas délivré" in textes(at.warning)
    at.text_input(key="entreprise_raison_sociale").set_value("Imprimerie Morel").run()
    assert base.charger("choisiParUnTiers0001") is None  # la saisie de la victime n'est pas sous ce jeton
    assert base.nombre() == 1


def test_brouillon_d_un_autre_navigateur_refuse_puis_partage(base, monkeypatch):
    moi, autre = nouveau_secret(), nouveau_secret()
    _navigateur(monkeypatch, moi)
    at = demarrer()
    jeton = at.query_params["brouillon"]
    at.text_input(key="entreprise_raison_sociale").set_value("Imprimerie Morel").run()
    # Le même navigateur (rechargement) le retrouve.
    assert brouillon(demarrer(brouillon=jeton))["entreprise"]["raison_sociale"] == "Imprimerie Morel"
    # Un autre navigateur qui a l'adresse : refusé, dit en français, brouillon vierge sous un autre jeton.
    _navigateur(monkeypatch, autre)
    intrus = demarrer(brouillon=jeton)
    sans_exception(intrus)
    assert brouillon(intrus)["entreprise"]["raison_sociale"] == ""
    assert intrus.query_params["brouillon"] != jeton
    assert "commencé sur un autre navigateur" in textes(intrus.warning)
    # L'auteur crée un lien de partage : l'autre navigateur l'ouvre avec ce lien.
    _navigateur(monkeypatch, moi)
    ouvrir(at, "fenetre_partage")
    at.button(key="outil_partager").click().run()
    sans_exception(at)
    cle = at.session_state["assistant"]["lien_partage"]
    assert f"partage={cle}" in at.code[0].value and f"brouillon={jeton}" in at.code[0].value
    _navigateur(monkeypatch, autre)
    invite = demarrer(brouillon=jeton, partage=cle)
    sans_exception(invite)
    assert brouillon(invite)["entreprise"]["raison_sociale"] == "Imprimerie Morel"
    assert invite.query_params["partage"] == cle
    # Partage arrêté : le lien ne l'ouvre plus.
    _navigateur(monkeypatch, moi)
    at.button(key="outil_arreter_partage").click().run()
    _navigateur(monkeypatch, autre)
    assert brouillon(demarrer(brouillon=jeton, partage=cle))["entreprise"]["raison_sociale"] == ""


def test_deux_onglets_le_conflit_est_dit(base, monkeypatch):
    _navigateur(monkeypatch, nouveau_secret())
    a = demarrer()
    jeton = a.query_params["brouillon"]
    a.text_input(key="entreprise_raison_sociale").set_value("Imprimerie Morel").run()
    b = demarrer(brouillon=jeton)  # second onglet du même navigateur
    b.text_input(key="entreprise_raison_sociale").set_value("Imprimerie Morel et fils").run()
    a.text_input(key="entreprise_raison_sociale").set_value("Imprimerie Morel SA").run()
    sans_exception(a)
    assert "modifié ailleurs" in textes(a.sidebar.error)
    assert base.lire(jeton)["accord"]["entreprise"]["raison_sociale"] == "Imprimerie Morel et fils"
    # Issue 1 : l'onglet A garde sa version, exprès.
    a.button(key="outil_conflit_garder").click().run()
    sans_exception(a)
    assert base.lire(jeton)["accord"]["entreprise"]["raison_sociale"] == "Imprimerie Morel SA"
    assert "modifié ailleurs" not in textes(a.sidebar.error)
    # Issue 2 : l'onglet B, maintenant en retard, reprend la version enregistrée.
    b.text_input(key="entreprise_raison_sociale").set_value("Autre nom").run()
    assert "modifié ailleurs" in textes(b.sidebar.error)
    b.button(key="outil_conflit_recharger").click().run()
    sans_exception(b)
    assert brouillon(b)["entreprise"]["raison_sociale"] == "Imprimerie Morel SA"
    assert b.text_input(key="entreprise_raison_sociale").value == "Imprimerie Morel SA"


def test_notice_de_confidentialite_et_suppression(base, monkeypatch):
    _navigateur(monkeypatch, nouveau_secret())
    monkeypatch.setenv(VARIABLE_RETENTION, "45")
    at = demarrer()
    at.text_input(key="entreprise_raison_sociale").set_value("Imprimerie Morel").run()
    ouvrir(at, "fenetre_confidentialite")
    notice = textes(at.sidebar.markdown)
    assert "45 jours" in notice and "signataires" in notice and "fichier de vos salariés" in notice
    assert base.nombre() == 1
    at.button(key="outil_supprimer_brouillon").click().run()
    sans_exception(at)
    assert base.nombre() == 0 and brouillon(at)["entreprise"]["raison_sociale"] == ""


def _requetes(stockage):
    """Les requêtes SQL envoyées à la base (sans les SAVEPOINT/BEGIN implicites du pilote)."""
    from sqlalchemy import event

    envoyees: list[str] = []

    def noter(_cx, _curseur, requete, *_):
        envoyees.append(requete.split()[0].upper())

    event.listen(stockage.moteur(), "before_cursor_execute", noter)
    return envoyees


def test_une_sauvegarde_est_une_seule_requete(stockage):
    """Enregistrer un brouillon : un seul UPDATE versionné, dans une seule transaction ; ni lecture préalable, ni
    requête de contrôle de la connexion sur SQLite (pool_pre_ping) ; un conflit relit la seule version, pas le
    contenu (issue 13 : sauvegarde ≤ 10 ms, bench/bench_brouillons.py)."""
    secret = nouveau_secret()
    jeton = stockage.nouveau_jeton()
    stockage.creer(jeton, {"accord": {"n": 0}}, secret)
    envoyees = _requetes(stockage)
    v = stockage.ecrire(jeton, {"accord": {"n": 1}}, 1)
    v = stockage.ecrire(jeton, {"accord": {"n": 2}}, v)
    assert envoyees == ["UPDATE", "UPDATE"] or (  # pool_pre_ping sur un serveur : « SELECT 1 » avant chaque emprunt
        "sqlite" not in stockage.adresse and envoyees == ["SELECT", "UPDATE", "SELECT", "UPDATE"])
    envoyees.clear()
    nouveau = stockage.nouveau_jeton()
    stockage.creer(nouveau, {"accord": {"n": 0}}, secret)
    assert [r for r in envoyees if r != "SELECT"] == ["INSERT"] and len(envoyees) <= 2
    envoyees.clear()
    with pytest.raises(Conflit) as conflit:
        stockage.ecrire(jeton, {"accord": {"n": 9}}, 1)
    assert conflit.value.version == 3
    lectures = [r for r in envoyees if r == "SELECT"]
    assert envoyees[-1] == "SELECT" and len(lectures) <= 3
    # La relecture du conflit ne demande que la version (le contenu fait des kilo-octets).
    from sqlalchemy import event

    texte: list[str] = []
    event.listen(stockage.moteur(), "before_cursor_execute", lambda _c, _k, requete, *_: texte.append(requete))
    with pytest.raises(Conflit):
        stockage.ecrire(jeton, {"accord": {"n": 9}}, 1)
    derniere = texte[-1].lower()
    assert derniere.startswith("select") and "contenu" not in derniere and "version" in derniere
