"""Traiter un lot de fichiers sur tous les cœurs d'une machine ou sur un moteur Dask distributed.

``executer_lot(sources, fonction, options, processus=…, dask=…, cache=…)`` applique ``fonction(source, options)``
à chaque fichier et rend ``(source, resultat)`` **dans l'ordre des sources**, au fil de l'eau : le rapport s'écrit
à mesure, un lot de dizaines de milliers de fichiers n'est jamais gardé en mémoire. ``fonction`` est une fonction
de module (les travailleurs la retrouvent par son nom) qui rend un dictionnaire JSON ; toute exception qu'elle
lève — et même l'arrêt brutal du processus qui la lance (plantage d'une bibliothèque, mémoire épuisée) — devient
le résultat ``{"erreur": "… message français …"}`` de ce seul fichier : un fichier en échec ne fait jamais échouer
le lot.

Reprise par empreinte : chaque résultat est gardé dans un cache, sous la clé SHA-256 du **contenu** du fichier, des
options du traitement, de son chemin (il est écrit dans le rapport) et de la version du programme (empreinte de ses
sources et de ses données). Relancé sur le même lot, un fichier déjà traité n'est pas retraité : un lot interrompu
reprend où il en était ; un fichier modifié, renommé ou déplacé est retraité. Les erreurs ne sont pas gardées (un
fichier en échec est retenté). Le cache est dans ``$INTERESSEMENT_CACHE`` s'il est défini, sinon
``$XDG_CACHE_HOME/interessement/resultats`` (par défaut ``~/.cache/interessement/resultats``) ; ``interessement
cache --vider`` le vide (ou supprimer le dossier).

Parallélisme : ``processus`` processus locaux (par défaut, tous les cœurs que le système donne à ce programme) ;
``dask="tcp://hote:8786"`` : les fichiers sont envoyés aux travailleurs d'un planificateur Dask existant (le
programme doit y être installé ; le contenu de chaque fichier voyage avec la tâche, les travailleurs n'ont pas
besoin de voir les mêmes dossiers).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # concurrent.futures n'est importé que pour un lot parallèle (démarrage à froid)
    from concurrent.futures import Future

#: Fichiers JSON (rapides) regroupés par tâche ; un texte à lire (PDF, scan, Word…) est seul dans la sienne.
FICHIERS_JSON_PAR_TACHE = 32
#: Tâches en vol par travailleur : assez pour ne jamais laisser un cœur attendre, assez peu pour borner la mémoire.
TACHES_EN_VOL_PAR_TRAVAILLEUR = 4
#: Au-delà, un fichier n'a pas d'empreinte (il n'est pas mis en cache) : il sera refusé par sa lecture.
TAILLE_MAX_EMPREINTE = 512 * 1024 * 1024
VERSION_CACHE = "1"
Resultat = dict[str, Any]


# ----------------------------------------------------------------------------------------------------- cache


def dossier_cache_par_defaut() -> Path:
    if os.environ.get("INTERESSEMENT_CACHE"):
        return Path(os.environ["INTERESSEMENT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "interessement" / "resultats"


_VERSION_PROGRAMME: str | None = None


def version_programme() -> str:
    """Empreinte des sources et des données du programme (chemin, taille, date de modification) : un
    changement de code, de règle ou de paramètre invalide tout le cache."""
    global _VERSION_PROGRAMME
    if _VERSION_PROGRAMME is None:
        h = hashlib.sha256(VERSION_CACHE.encode())
        racine = Path(__file__).resolve().parent
        for paquet in (racine, racine.parent / "validators"):
            for dossier, sous, noms in os.walk(paquet):
                sous[:] = sorted(d for d in sous if d != "__pycache__")
                for nom in sorted(noms):
                    if nom.endswith((".py", ".yaml", ".json")):
                        st = os.stat(os.path.join(dossier, nom))
                        h.update(f"{os.path.relpath(os.path.join(dossier, nom), racine)}:{st.st_size}:"
                                 f"{st.st_mtime_ns}\n".encode())
        _VERSION_PROGRAMME = h.hexdigest()
    return _VERSION_PROGRAMME


def empreinte_fichier(chemin: str | Path) -> str | None:
    """SHA-256 du contenu (lu par blocs) ; None si le fichier est illisible ou démesuré."""
    try:
        if os.path.getsize(chemin) > TAILLE_MAX_EMPREINTE:
            return None
        with open(chemin, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except (OSError, ValueError):
        return None


class Cache:
    """Résultats par empreinte, un fichier JSON par résultat (``<2 premiers caractères>/<clé>.json``), écrits
    de façon atomique par le seul processus principal."""

    def __init__(self, dossier: str | Path | None = None):
        self.dossier = Path(dossier) if dossier else dossier_cache_par_defaut()
        self.trouves = 0
        self.enregistres = 0

    def cle(self, empreinte: str, traitement: str, options: dict[str, Any], source: str = "") -> str:
        # Le chemin fait partie de la clé : il est écrit dans le rapport (un fichier renommé est retraité).
        texte = json.dumps([version_programme(), traitement, options, empreinte, source], sort_keys=True,
                           default=str)
        return hashlib.sha256(texte.encode()).hexdigest()

    def _chemin(self, cle: str) -> Path:
        return self.dossier / cle[:2] / f"{cle}.json"

    def lire(self, cle: str) -> Resultat | None:
        try:
            resultat = json.loads(self._chemin(cle).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(resultat, dict):
            return None
        self.trouves += 1
        return resultat

    def ecrire(self, cle: str, resultat: Resultat) -> None:
        chemin = self._chemin(cle)
        try:
            chemin.parent.mkdir(parents=True, exist_ok=True)
            provisoire = chemin.with_name(f".{chemin.name}.{os.getpid()}")
            provisoire.write_text(json.dumps(resultat, ensure_ascii=False), encoding="utf-8")
            os.replace(provisoire, chemin)
            self.enregistres += 1
        except (OSError, ValueError):
            pass  # un cache qu'on ne peut pas écrire ne fait pas échouer le lot : le fichier sera retraité

    def vider(self) -> int:
        """Supprime les résultats gardés ; rend leur nombre."""
        n = 0
        if not self.dossier.is_dir():
            return 0
        for f in self.dossier.glob("*/*.json"):
            try:
                f.unlink()
                n += 1
            except OSError:
                pass
        for d in self.dossier.iterdir():
            try:
                d.rmdir()
            except OSError:
                pass
        return n

    def taille(self) -> tuple[int, int]:
        """(nombre de résultats, octets)."""
        fichiers = list(self.dossier.glob("*/*.json")) if self.dossier.is_dir() else []
        return len(fichiers), sum(f.stat().st_size for f in fichiers)


# ------------------------------------------------------------------------------------------------ exécution


def nombre_de_coeurs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - hors Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class _Tache:
    sources: list[str]
    contenus: list[bytes | None] | None = None  # Dask : le contenu voyage avec la tâche


def _nom_fonction(fonction: Callable[..., Resultat]) -> str:
    return f"{fonction.__module__}:{fonction.__qualname__}"


def _retrouver(nom: str) -> Callable[..., Resultat]:
    module, _, qualname = nom.partition(":")
    objet: Any = importlib.import_module(module)
    for partie in qualname.split("."):
        objet = getattr(objet, partie)
    return objet


def appliquer(fonction: Callable[..., Resultat], source: str, options: dict[str, Any],
              contenu: bytes | None = None) -> Resultat:
    """``fonction`` sur un fichier ; toute exception devient ``{"erreur": …}`` (message français)."""
    from .erreurs import ErreurEntree

    try:
        if contenu is not None:
            return fonction(source, options, contenu=contenu)
        return fonction(source, options)
    except ErreurEntree as exc:
        return {"erreur": str(exc)}
    except MemoryError:
        return {"erreur": f"{source} : mémoire insuffisante pour traiter ce fichier."}
    except RecursionError:
        return {"erreur": f"{source} : fichier trop profondément imbriqué pour être traité."}
    except Exception as exc:  # noqa: BLE001 - un fichier hostile ne doit pas arrêter le lot
        return {"erreur": f"{source} : fichier illisible ({type(exc).__name__} : {exc})."}


def _executer_tache(nom_fonction: str, tache: _Tache, options: dict[str, Any]) -> list[Resultat]:
    """Ce que lance un travailleur (processus local ou Dask) : une tâche de un ou plusieurs fichiers."""
    import gc

    if not gc.isenabled():  # processus né (fork) d'un démarrage à froid : mémoire bornée sur un long lot
        gc.freeze()
        gc.enable()
    fonction = _retrouver(nom_fonction)
    contenus = tache.contenus or [None] * len(tache.sources)
    with _un_fil_par_fichier():
        return [appliquer(fonction, s, options, c) for s, c in zip(tache.sources, contenus, strict=True)]


@contextmanager
def _un_fil_par_fichier() -> Iterator[None]:
    """Dans un lot, les fichiers sont l'unité de parallélisme : la lecture OCR d'un fichier n'ouvre pas en plus
    un fil par page (``--processus 1`` = un cœur), sauf réglage explicite de ``INTERESSEMENT_OCR_PROCESSUS``."""
    avant = {k: os.environ.get(k) for k in ("INTERESSEMENT_OCR_PROCESSUS", "OMP_THREAD_LIMIT")}
    for k in avant:
        os.environ.setdefault(k, "1")
    try:
        yield
    finally:
        for k, v in avant.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _decouper(sources: list[str]) -> list[_Tache]:
    taches: list[_Tache] = []
    courant: list[str] = []
    for s in sources:
        if s.lower().endswith(".json"):
            courant.append(s)
            if len(courant) >= FICHIERS_JSON_PAR_TACHE:
                taches.append(_Tache(courant))
                courant = []
        else:
            if courant:
                taches.append(_Tache(courant))
                courant = []
            taches.append(_Tache([s]))
    if courant:
        taches.append(_Tache(courant))
    return taches


def _message_arret(source: str, moteur: str) -> Resultat:
    return {"erreur": f"{source} : le traitement de ce fichier a arrêté {moteur} (plantage d'une bibliothèque "
                      "ou mémoire épuisée) ; les autres fichiers du lot ont été traités."}


class _Local:
    """Processus locaux (``concurrent.futures``) ; un processus tué est remplacé et les fichiers qui étaient en
    cours sont repris un par un, dans un processus chacun, pour trouver celui qui l'a tué."""

    def __init__(self, processus: int):
        import multiprocessing

        methodes = multiprocessing.get_all_start_methods()
        # fork : les travailleurs partent du programme déjà importé (pas de seconde d'import par processus).
        self.contexte = multiprocessing.get_context("fork" if "fork" in methodes else "spawn")
        self.processus = processus
        self.pool = self._nouveau(processus)

    def _nouveau(self, n: int) -> Any:
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(max_workers=n, mp_context=self.contexte)

    def soumettre(self, nom: str, tache: _Tache, options: dict[str, Any]) -> Future:
        return self.pool.submit(_executer_tache, nom, tache, options)

    def recuperer(self, futur: Future, tache: _Tache, nom: str, options: dict[str, Any],
                  en_vol: deque[tuple[_Tache, Future]]) -> list[Resultat]:
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        try:
            return futur.result()
        except BrokenProcessPool:
            pass
        # Le processus est mort : toutes les tâches en vol sont perdues. Chaque fichier concerné est repris seul.
        self.pool.shutdown(wait=False, cancel_futures=True)
        a_reprendre = [tache] + [t for t, _ in en_vol]
        repris = {id(t): self._isoler(nom, t, options) for t in a_reprendre}
        self.pool = self._nouveau(self.processus)
        for i, (t, _) in enumerate(en_vol):  # les tâches en vol sont déjà faites : futurs résolus
            f = Future()
            f.set_result(repris[id(t)])
            en_vol[i] = (t, f)
        return repris[id(tache)]

    def _isoler(self, nom: str, tache: _Tache, options: dict[str, Any]) -> list[Resultat]:
        from concurrent.futures.process import BrokenProcessPool

        resultats = []
        for source in tache.sources:
            pool = self._nouveau(1)
            try:
                resultats += pool.submit(_executer_tache, nom, _Tache([source]), options).result()
            except BrokenProcessPool:
                resultats.append(_message_arret(source, "le processus qui le lisait"))
            finally:
                pool.shutdown(wait=False, cancel_futures=True)
        return resultats

    def fermer(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _joignable(adresse: str) -> None:
    """Un planificateur ``tcp://hôte:port`` injoignable est dit tout de suite (sans les 30 s d'attente de Dask)."""
    import socket
    from urllib.parse import urlsplit

    from .erreurs import ErreurEntree

    if "://" not in adresse:
        adresse = "tcp://" + adresse
    morceaux = urlsplit(adresse)
    if morceaux.scheme not in ("tcp", "tls"):
        return
    try:
        hote, port = morceaux.hostname, morceaux.port
    except ValueError:
        hote = port = None
    if not hote or not port:
        raise ErreurEntree(f"--dask : adresse « {adresse} » invalide (forme attendue : tcp://hote:8786).")
    try:
        socket.create_connection((hote, port), timeout=10).close()
    except OSError as exc:
        raise ErreurEntree(f"--dask : impossible de joindre le planificateur Dask « {adresse} » "
                           f"({exc.strerror or type(exc).__name__}).") from None


class _Dask:
    """Un planificateur Dask distributed existant (``tcp://hote:8786``, ou l'adresse d'un ``LocalCluster``)."""

    def __init__(self, adresse: str):
        from .erreurs import ErreurEntree

        try:
            from distributed import Client
        except ImportError:  # pragma: no cover - dépendance déclarée
            raise ErreurEntree("--dask : Dask distributed n'est pas installé (pip install 'dask[distributed]')."
                               ) from None
        _joignable(adresse)
        try:
            self.client = Client(adresse, timeout=30, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ErreurEntree(f"--dask : impossible de joindre le planificateur Dask « {adresse} » "
                               f"({type(exc).__name__} : {exc}).") from None
        self.processus = max(1, sum(self.client.nthreads().values()))

    def soumettre(self, nom: str, tache: _Tache, options: dict[str, Any]) -> Any:
        contenus: list[bytes | None] = []
        for s in tache.sources:
            try:
                contenus.append(Path(s).read_bytes() if os.path.getsize(s) <= TAILLE_MAX_EMPREINTE else None)
            except OSError:
                contenus.append(None)  # le travailleur dira pourquoi en le lisant
        tache = _Tache(tache.sources, contenus)
        return self.client.submit(_executer_tache, nom, tache, options, pure=False)

    def recuperer(self, futur: Any, tache: _Tache, nom: str, options: dict[str, Any],
                  en_vol: deque[tuple[_Tache, Any]]) -> list[Resultat]:
        try:
            return futur.result()
        except Exception:  # noqa: BLE001 - travailleur perdu (KilledWorker…) : ces fichiers seulement
            return [_message_arret(s, "le travailleur Dask qui le lisait") for s in tache.sources]

    def fermer(self) -> None:
        self.client.close()


_GC_SUSPENDU = False


def suspendre_gc_jusqu_au_premier_fichier() -> None:
    """Démarrage à froid (``interessement.cli.lancer``) : le ramasse-miettes reste suspendu pendant le premier
    fichier (qui construit les schémas, charge les paramètres et la bibliothèque des clauses), puis reprend pour
    que la mémoire d'un long lot reste bornée."""
    global _GC_SUSPENDU
    _GC_SUSPENDU = True


def _reprendre_gc() -> None:
    global _GC_SUSPENDU
    if _GC_SUSPENDU:
        import gc

        _GC_SUSPENDU = False
        gc.freeze()
        gc.enable()


def executer_lot(sources: Iterable[str], fonction: Callable[..., Resultat], options: dict[str, Any], *,
                 processus: int | None = None, dask: str | None = None, cache: Cache | None = None,
                 avancer: Callable[[], None] | None = None) -> Iterator[tuple[str, Resultat]]:
    """Les résultats ``(source, résultat)`` dans l'ordre des sources (voir le module)."""
    sources = list(sources)
    nom = _nom_fonction(fonction)
    options = dict(options)
    a_faire: list[str] = []
    deja: dict[int, Resultat] = {}
    cles: dict[str, str] = {}
    if cache is not None:
        for i, s in enumerate(sources):
            empreinte = empreinte_fichier(s)
            if empreinte is not None:
                cles[s] = cache.cle(empreinte, nom, options, s)
                trouve = cache.lire(cles[s])
                if trouve is not None:
                    deja[i] = trouve
                    continue
            a_faire.append(s)
    else:
        a_faire = sources

    def garder(source: str, resultat: Resultat) -> None:
        if cache is not None and source in cles and "erreur" not in resultat:
            cache.ecrire(cles[source], resultat)

    if not a_faire:
        _reprendre_gc()
    moteur: Any = None
    if dask:
        moteur = _Dask(dask)
    else:
        n = nombre_de_coeurs() if processus is None else max(1, processus)
        if n > 1 and len(a_faire) > 1:
            moteur = _Local(min(n, len(_decouper(a_faire))))
    try:
        if moteur is None:
            flux = _flux_en_ligne(fonction, a_faire, options)
        else:
            flux = _flux_parallele(moteur, nom, a_faire, options)
        i = 0
        for source, resultat in flux:
            _reprendre_gc()
            while i in deja:
                yield sources[i], deja.pop(i)
                if avancer:
                    avancer()
                i += 1
            garder(source, resultat)
            yield source, resultat
            if avancer:
                avancer()
            i += 1
        while i in deja:
            yield sources[i], deja.pop(i)
            if avancer:
                avancer()
            i += 1
    finally:
        if moteur is not None:
            moteur.fermer()


def _flux_en_ligne(fonction: Callable[..., Resultat], sources: list[str], options: dict[str, Any]
                   ) -> Iterator[tuple[str, Resultat]]:
    for s in sources:
        if len(sources) > 1:
            with _un_fil_par_fichier():
                resultat = appliquer(fonction, s, options)
        else:  # un seul fichier : ses pages sont lues en parallèle
            resultat = appliquer(fonction, s, options)
        yield s, resultat


def _flux_parallele(moteur: Any, nom: str, sources: list[str], options: dict[str, Any]
                    ) -> Iterator[tuple[str, Resultat]]:
    taches = deque(_decouper(sources))
    en_vol: deque[tuple[_Tache, Any]] = deque()
    limite = TACHES_EN_VOL_PAR_TRAVAILLEUR * moteur.processus
    while taches or en_vol:
        while taches and len(en_vol) < limite:
            t = taches.popleft()
            en_vol.append((t, moteur.soumettre(nom, t, options)))
        tache, futur = en_vol.popleft()
        resultats = moteur.recuperer(futur, tache, nom, options, en_vol)
        yield from zip(tache.sources, resultats, strict=True)


def ajouter_options(p: Any) -> None:
    """Les options de lot communes à ``valider`` et ``lire``."""
    p.add_argument("--processus", metavar="N", type=int, default=None,
                   help="nombre de processus pour un lot (par défaut : tous les cœurs de la machine)")
    p.add_argument("--dask", metavar="ADRESSE",
                   help="adresse d'un planificateur Dask distributed (ex. tcp://hote:8786) : le lot est réparti "
                        "sur ses travailleurs")
    p.add_argument("--cache", metavar="DOSSIER", default=None,
                   help="dossier des résultats gardés pour la reprise d'un lot (par défaut : $INTERESSEMENT_CACHE, "
                        "sinon ~/.cache/interessement/resultats)")
    p.add_argument("--sans-cache", action="store_true",
                   help="ne lit ni n'écrit les résultats gardés : chaque fichier est retraité")


def options_valides(args: Any) -> None:
    from .erreurs import ErreurEntree

    if args.processus is not None and args.processus < 1:
        raise ErreurEntree(f"--processus : au moins 1 processus (reçu : {args.processus}).")
    if args.processus is not None and args.dask:
        raise ErreurEntree("--processus et --dask sont incompatibles : avec Dask, le nombre de travailleurs est "
                           "celui du planificateur.")


def cache_de(args: Any) -> Cache | None:
    return None if args.sans_cache else Cache(args.cache)


def _cmd_cache(args: Any) -> int:
    cache = Cache(args.dossier)
    if args.vider:
        n = cache.vider()
        print(f"Cache vidé : {n} résultat(s) supprimé(s) de {cache.dossier}.")
        if args.dossier is None:
            from . import cache_donnees

            m = cache_donnees.vider()
            print(f"Fichiers de données du programme gardés lus : {m} supprimé(s) de {cache_donnees.dossier()} "
                  "(ils seront relus).")
        return 0
    n, octets = cache.taille()
    taille = f"{octets / 1e6:.1f}".replace(".", ",")
    print(f"Cache des résultats : {cache.dossier}\n  {n} résultat(s), {taille} Mo\n"
          "  (interessement cache --vider pour le vider)")
    return 0


def ajouter_commandes(sous: Any) -> None:
    p = sous.add_parser("cache", help="Où sont gardés les résultats des lots (reprise), et les vider",
                        description="Les résultats de « valider » et « lire » sont gardés par empreinte du contenu "
                                    "de chaque fichier : un lot relancé ne retraite pas les fichiers déjà traités.")
    p.add_argument("--vider", action="store_true", help="supprime tous les résultats gardés (et les fichiers de données du programme gardés lus)")
    p.add_argument("--dossier", metavar="DOSSIER", default=None, help="dossier du cache (par défaut : celui des lots)")
    p.set_defaults(fonction=_cmd_cache)

