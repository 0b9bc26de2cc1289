"""Les lots sur tous les cœurs et sur Dask (interessement/lots.py) : ordre, fichier en échec ou processus tué,
reprise par empreinte, mêmes rapports en 1 processus, en 2 et sur un LocalCluster Dask de 2 travailleurs."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from chemins import CORPUS_TEXTES, EXEMPLES
from test_validators_outils import accord

from interessement.cli import main
from interessement.lots import Cache, executer_lot
from interessement.modele import enregistrer_accord


def longueur(source: str, options: dict, contenu: bytes | None = None) -> dict:
    """Traitement de test : la taille du fichier ; « echec » lève, « plante » tue le processus qui le lit."""
    octets = contenu if contenu is not None else Path(source).read_bytes()
    if b"echec" in octets:
        raise RuntimeError("échec voulu")
    if b"plante" in octets:
        os._exit(3)  # un plantage de bibliothèque C : le processus disparaît sans exception
    return {"taille": len(octets), "pid": os.getpid(), "suffixe": options.get("suffixe")}


def _fichiers(dossier: Path, contenus: list[str], extension: str = ".txt") -> list[str]:
    chemins = []
    for i, c in enumerate(contenus):
        f = dossier / f"f{i:03d}{extension}"
        f.write_text(c, encoding="utf-8")
        chemins.append(str(f))
    return chemins


@pytest.mark.parametrize("processus", [1, 2])
def test_ordre_garde_et_un_fichier_en_echec_ne_fait_pas_echouer_le_lot(tmp_path, processus):
    contenus = ["a" * i for i in range(1, 12)]
    contenus[4] = "echec"
    chemins = _fichiers(tmp_path, contenus)
    res = list(executer_lot(chemins, longueur, {"suffixe": "x"}, processus=processus))
    assert [s for s, _ in res] == chemins
    assert "échec voulu" in res[4][1]["erreur"] and "RuntimeError" in res[4][1]["erreur"]
    assert [r["taille"] for i, (_, r) in enumerate(res) if i != 4] == [len(c) for i, c in enumerate(contenus)
                                                                         if i != 4]
    pids = {r["pid"] for _, r in res if "pid" in r}
    assert (len(pids) == 1 and os.getpid() in pids) if processus == 1 else os.getpid() not in pids


def test_un_processus_tue_ne_perd_que_son_fichier(tmp_path):
    contenus = [f"fichier {i}" for i in range(8)]
    contenus[3] = "plante"
    chemins = _fichiers(tmp_path, contenus)
    res = dict(executer_lot(chemins, longueur, {}, processus=2))
    assert "arrêté le processus" in res[chemins[3]]["erreur"]
    assert all(res[c]["taille"] == len(contenus[i]) for i, c in enumerate(chemins) if i != 3)


def test_reprise_par_empreinte(tmp_path):
    cache = Cache(tmp_path / "cache")
    dossier = tmp_path / "lot"
    dossier.mkdir()
    chemins = _fichiers(dossier, ["un", "deux", "echec", "quatre"])
    premier = list(executer_lot(chemins, longueur, {}, processus=1, cache=cache))
    assert cache.enregistres == 3 and cache.trouves == 0  # l'erreur n'est pas gardée : elle sera retentée
    # Relancé : rien n'est retraité (le pid d'origine revient du cache) sauf le fichier en échec.
    second = list(executer_lot(chemins, longueur, {}, processus=1, cache=cache))
    assert cache.trouves == 3 and second == premier
    # Un fichier modifié est retraité, un fichier renommé aussi (son chemin est dans le rapport), d'autres options
    # aussi.
    os.rename(chemins[0], dossier / "renomme.txt")
    Path(chemins[1]).write_text("deux modifié", encoding="utf-8")
    cache.trouves = 0
    troisieme = dict(executer_lot([str(dossier / "renomme.txt"), chemins[1], chemins[3]], longueur, {},
                                  cache=cache))
    assert cache.trouves == 1 and troisieme[chemins[1]]["taille"] == len("deux modifié".encode())
    cache.trouves = 0
    list(executer_lot(chemins[3:], longueur, {"suffixe": "autre"}, cache=cache))
    assert cache.trouves == 0
    assert cache.vider() == 6 and not list((tmp_path / "cache").iterdir())


def _lot_d_accords(dossier: Path) -> None:
    for f in EXEMPLES.glob("*.json"):
        if not f.name.endswith(".versement.json"):
            shutil.copy(f, dossier / f.name)
    enregistrer_accord(accord("sas-30-part-resultat", {"beneficiaires.anciennete.mois": 6}), dossier / "faux.json")
    (dossier / "tronque.json").write_text('{"entreprise": {', encoding="utf-8")
    (dossier / "hostile.docx").write_bytes(b"PK\x03\x04 pas un document Word")
    shutil.copy(sorted(CORPUS_TEXTES.glob("*.txt"))[0], dossier / "texte.txt")


def _valider(dossier: Path, capsys, *options: str) -> tuple[int, dict, str]:
    code = main(["valider", str(dossier), "--format", "json", "--date-reference", "2026-06-01", *options])
    sortie = capsys.readouterr()
    return code, json.loads(sortie.out), sortie.err


def test_valider_meme_rapport_en_1_et_2_processus_et_reprise(tmp_path, capsys):
    _lot_d_accords(tmp_path)
    un = _valider(tmp_path, capsys, "--processus", "1", "--sans-cache")
    deux = _valider(tmp_path, capsys, "--processus", "2")
    assert un == deux
    code, rapport, err = un
    assert code == 2 and rapport["synthese"]["fichiers"] == 8 and rapport["synthese"]["illisibles"] == 2
    assert rapport["synthese"]["non_conformes"] >= 1 and "tronque.json" in err and "hostile.docx" in err
    assert [Path(r["source"]).name for r in rapport["rapports"]] == sorted(
        f.name for f in tmp_path.iterdir() if f.name not in {"tronque.json", "hostile.docx"})
    # Relancé, tout vient du cache (mêmes rapports) ; le cache se montre et se vide.
    assert _valider(tmp_path, capsys, "--processus", "2") == deux
    assert main(["cache"]) == 0
    assert "6 résultat(s)" in capsys.readouterr().out
    from interessement import cache_donnees, parametres

    cache_donnees.lire_yaml("a: 1", "essai", lambda t: {"a": 1})
    assert list(cache_donnees.dossier().glob("*/*.json"))
    assert main(["cache", "--vider"]) == 0
    sortie = capsys.readouterr().out
    assert "6 résultat(s) supprimé(s)" in sortie and "gardés lus" in sortie
    assert not list(cache_donnees.dossier().glob("*/*.json"))
    assert parametres.value_at("plafond_global_taux", date(2026, 1, 1))  # relus depuis les YAML


def test_options_de_lot_invalides_message_francais(tmp_path, capsys):
    assert main(["valider", str(EXEMPLES), "--processus", "0"]) == 2
    assert "--processus : au moins 1 processus" in capsys.readouterr().err
    assert main(["lire", str(tmp_path / "x.txt"), "--processus", "2", "--dask", "tcp://127.0.0.1:1"]) == 2
    assert "incompatibles" in capsys.readouterr().err


@pytest.fixture(scope="module")
def grappe():
    """Un LocalCluster Dask de 2 travailleurs, dans ce processus (fils), un fil chacun : rapide et sûr sur
    2 cœurs."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
                                  ) as cluster:
        yield cluster.scheduler_address


def test_valider_et_lire_sur_un_localcluster_dask(tmp_path, capsys, grappe):
    _lot_d_accords(tmp_path)
    local = _valider(tmp_path, capsys, "--processus", "1", "--sans-cache")
    assert _valider(tmp_path, capsys, "--dask", grappe, "--sans-cache") == local
    # lire : les textes voyagent avec la tâche ; un fichier illisible n'arrête pas les autres.
    textes = [str(tmp_path / "texte.txt"), str(tmp_path / "hostile.docx")]
    assert main(["lire", *textes, "--format", "json", "--sans-cache", "--processus", "1"]) == 2
    attendu = capsys.readouterr().out
    assert main(["lire", *textes, "--format", "json", "--dask", grappe]) == 2
    sortie = capsys.readouterr()
    assert sortie.out == attendu and "hostile.docx" in sortie.err
    lectures = json.loads(sortie.out)["lectures"]
    assert lectures[0]["fichier"] == textes[0] and lectures[0]["faits"] and "erreur" in lectures[1]


def test_dask_un_fichier_en_echec_ne_fait_pas_echouer_le_lot(tmp_path, grappe):
    chemins = _fichiers(tmp_path, ["un", "echec", "trois"])
    res = dict(executer_lot(chemins, longueur, {}, dask=grappe))
    assert res[chemins[0]]["taille"] == 2 and "échec voulu" in res[chemins[1]]["erreur"]
    assert res[chemins[2]]["taille"] == 5


def test_planificateur_dask_injoignable_message_francais(capsys):
    assert main(["valider", str(EXEMPLES), "--dask", "tcp://127.0.0.1:9", "--sans-cache"]) == 2
    err = capsys.readouterr().err
    assert "planificateur Dask" in err and "Traceback" not in err
