"""La base des brouillons : SQLite embarquée par défaut, PostgreSQL pour plusieurs instances (SQLAlchemy).

Ce qu'elle garde : pour chaque brouillon, l'accord en cours et l'état de l'assistant (étape, chiffres agrégés de
simulation) — dont le nom de l'entreprise et les **noms des signataires et des dirigeants** (des données
personnelles) ; jamais le fichier des salariés. Chaque brouillon est supprimé ``retention_jours()`` jours après sa
dernière modification (``INTERESSEMENT_BROUILLONS_RETENTION_JOURS``, 90 par défaut) : voir
``interface.confidentialite`` et docs/DEPLOIEMENT.md.

Règles du service :

- **jetons délivrés par le serveur** : un jeton est un nombre aléatoire suivi de sa signature (HMAC-SHA256 avec une
  clé gardée dans la base, partagée par toutes les instances) ; un jeton choisi par un tiers (``?brouillon=…``) n'a
  pas de signature valide et n'est jamais adopté (``jeton_emis``) ;
- **lié au navigateur qui l'a créé** : la ligne garde l'empreinte SHA-256 d'un secret du navigateur (cookie) ; un
  autre navigateur ne l'ouvre qu'avec la clé d'un lien de partage créé exprès par son auteur (``partager``) ;
- **pas de dernier écrivain silencieux** : chaque écriture porte la version lue (comparer-puis-écrire) ; si un
  autre onglet a écrit entre-temps, ``Conflit`` est levé et rien n'est écrasé ;
- **une ligne seulement quand quelque chose a été saisi** : ``creer`` n'est appelé que pour un brouillon modifié.

Adresse de la base : ``INTERESSEMENT_BASE`` (adresse SQLAlchemy : ``postgresql://utilisateur@hote/base``,
``sqlite:////chemin/b.sqlite3``) ; sinon le fichier SQLite ``INTERESSEMENT_BROUILLONS``, sinon
``brouillons.sqlite3`` à la racine du projet (ignoré par git).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    insert,
    select,
)
from sqlalchemy import update as maj
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

VARIABLE = "INTERESSEMENT_BROUILLONS"
VARIABLE_BASE = "INTERESSEMENT_BASE"
VARIABLE_RETENTION = "INTERESSEMENT_BROUILLONS_RETENTION_JOURS"
RETENTION_PAR_DEFAUT = 90
RACINE = Path(__file__).resolve().parent.parent
_JETON = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
TAILLE_MAX = 2_000_000
_ALEA = 16  # octets aléatoires d'un jeton (128 bits)
_SIGNATURE = 8  # octets de signature gardés (64 bits : infaisable à deviner en ligne)
PURGE_TOUTES_LES_S = 3600

metadonnees = MetaData()
brouillons = Table(
    "brouillons", metadonnees,
    Column("jeton", String(64), primary_key=True),
    Column("contenu", Text, nullable=False),
    Column("modifie_le", String(32), nullable=False, index=True),  # ISO 8601 UTC, « 2026-12-02T10:00:00+00:00 »
    Column("version", Integer, nullable=False, server_default="1"),
    Column("proprietaire", String(64)),  # SHA-256 du secret du navigateur qui l'a créé
    Column("partage", String(64)),  # SHA-256 de la clé du lien de partage (aucune : pas de partage)
    Column("cree_le", String(32)),
)
cles = Table(
    "cles", metadonnees,
    Column("nom", String(32), primary_key=True),
    Column("valeur", String(128), nullable=False),
)


class ErreurStockage(RuntimeError):
    """La base des brouillons est inaccessible (message français)."""


class Conflit(ErreurStockage):
    """Le brouillon a été modifié ailleurs (autre onglet, autre personne) depuis sa lecture."""

    def __init__(self, version: int | None):
        self.version = version
        super().__init__("ce brouillon a été modifié dans un autre onglet ou par une autre personne"
                         + (f" (version {version})" if version else ""))


@dataclass
class Brouillon:
    jeton: str
    contenu: dict[str, Any]
    version: int
    proprietaire: str | None
    partage: str | None
    modifie_le: str


def chemin_base() -> Path:
    valeur = os.environ.get(VARIABLE)
    return Path(valeur).expanduser() if valeur else RACINE / "brouillons.sqlite3"


def adresse_base() -> str:
    """L'adresse SQLAlchemy de la base (``postgresql://…`` devient ``postgresql+psycopg://…``)."""
    adresse = os.environ.get(VARIABLE_BASE, "").strip()
    if not adresse:
        return f"sqlite:///{chemin_base()}"
    if adresse.startswith("postgresql://") or adresse.startswith("postgres://"):
        adresse = "postgresql+psycopg://" + adresse.split("://", 1)[1]
    return adresse


def retention_jours() -> int:
    """Le délai de conservation d'un brouillon après sa dernière modification, en jours."""
    brut = os.environ.get(VARIABLE_RETENTION, "").strip()
    if not brut:
        return RETENTION_PAR_DEFAUT
    try:
        jours = int(brut)
    except ValueError:
        jours = 0
    if not 1 <= jours <= 3650:
        raise ErreurStockage(f"{VARIABLE_RETENTION} doit être un nombre entier de jours entre 1 et 3650 "
                             f"(lu : « {brut[:20]} »)")
    return jours


def jeton_valide(jeton: Any) -> bool:
    """La forme d'un jeton (caractères et longueur) ; ``Stockage.jeton_emis`` dit s'il vient de ce serveur."""
    return isinstance(jeton, str) and bool(_JETON.match(jeton))


def secret_valide(secret: Any) -> bool:
    return isinstance(secret, str) and bool(_SECRET.match(secret))


def nouveau_secret() -> str:
    """Le secret d'un navigateur (ou la clé d'un lien de partage) : 256 bits aléatoires."""
    return secrets.token_urlsafe(32)


def empreinte_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _b64(octets: bytes) -> str:
    return base64.urlsafe_b64encode(octets).decode().rstrip("=")


def _maintenant() -> datetime:
    return datetime.now(UTC)


def _iso(d: datetime) -> str:
    return d.astimezone(UTC).isoformat(timespec="seconds")


class Stockage:
    """La base des brouillons ; un objet par base et par processus (moteur SQLAlchemy et ses connexions)."""

    def __init__(self, adresse: Path | str | None = None, *, verifier_connexions: bool | None = None):
        """``verifier_connexions`` : une requête de contrôle (« SELECT 1 ») avant chaque emprunt d'une connexion du
        pool (pool_pre_ping). Par défaut : non pour SQLite (un fichier : pas de connexion à perdre), oui pour un
        serveur (une connexion coupée par le serveur ou le réseau serait sinon une sauvegarde manquée)."""
        self._verifier = verifier_connexions
        if adresse is None:
            adresse = adresse_base()
        elif isinstance(adresse, Path) or "://" not in str(adresse):
            adresse = f"sqlite:///{Path(adresse).expanduser()}"
        self.adresse = str(adresse)
        self._moteur: Engine | None = None
        self._cle: bytes | None = None
        self._verrou = threading.Lock()
        self._derniere_purge = 0.0

    # ------------------------------------------------------------------------------------------ connexion

    def _lisible(self) -> str:
        try:
            return make_url(self.adresse).render_as_string(hide_password=True)
        except Exception:  # noqa: BLE001 - adresse illisible : on ne la montre pas
            return "adresse illisible"

    def moteur(self) -> Engine:
        if self._moteur is not None:
            return self._moteur
        with self._verrou:
            if self._moteur is not None:
                return self._moteur
            try:
                url = make_url(self.adresse)
                sqlite = url.get_backend_name() == "sqlite"
                options: dict[str, Any] = {"pool_pre_ping": not sqlite if self._verifier is None else self._verifier}
                if not sqlite:
                    # Connexions renouvelées avant que le serveur ou un pare-feu ne coupe une connexion inactive.
                    options["pool_recycle"] = 1800
                if sqlite:
                    if url.database and url.database != ":memory:":
                        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
                    options["connect_args"] = {"timeout": 10}
                moteur = create_engine(url, **options)
                if url.get_backend_name() == "sqlite":
                    @event.listens_for(moteur, "connect")
                    def _pragmas(cx: Any, _: Any) -> None:
                        c = cx.cursor()
                        c.execute("PRAGMA journal_mode=WAL")
                        c.execute("PRAGMA synchronous=NORMAL")
                        c.close()
                metadonnees.create_all(moteur)
                self._migrer(moteur)
                self._moteur = moteur
            except (SQLAlchemyError, OSError, ValueError, ImportError) as exc:
                raise ErreurStockage(f"base des brouillons inaccessible ({self._lisible()}) : "
                                     f"{type(exc).__name__}") from exc
        try:
            self.purger()
        except ErreurStockage:
            pass
        return self._moteur

    @staticmethod
    def _migrer(moteur: Engine) -> None:
        """Une base d'une version précédente (jeton, contenu, modifie_le) reçoit les colonnes nouvelles."""
        from sqlalchemy import inspect, text

        presentes = {c["name"] for c in inspect(moteur).get_columns("brouillons")}
        ajouts = {"version": "INTEGER NOT NULL DEFAULT 1", "proprietaire": "VARCHAR(64)",
                  "partage": "VARCHAR(64)", "cree_le": "VARCHAR(32)"}
        with moteur.begin() as cx:
            for nom, genre in ajouts.items():
                if nom not in presentes:
                    cx.execute(text(f"ALTER TABLE brouillons ADD COLUMN {nom} {genre}"))

    def _executer(self, action: str, fonction: Any) -> Any:
        try:
            with self.moteur().begin() as cx:
                return fonction(cx)
        except ErreurStockage:
            raise
        except SQLAlchemyError as exc:
            raise ErreurStockage(f"{action} impossible : {type(exc).__name__}") from exc

    # --------------------------------------------------------------------------------------------- jetons

    def _cle_jetons(self) -> bytes:
        """La clé de signature des jetons : ``INTERESSEMENT_SECRET`` s'il est fixé, sinon créée une fois dans la
        base (toutes les instances qui partagent la base la partagent)."""
        if self._cle is not None:
            return self._cle
        fixe = os.environ.get("INTERESSEMENT_SECRET", "").strip()
        if fixe:
            self._cle = hashlib.sha256(fixe.encode()).digest()
            return self._cle

        def lire_ou_creer(cx: Any) -> str:
            valeur = cx.execute(select(cles.c.valeur).where(cles.c.nom == "jetons")).scalar()
            return valeur

        valeur = self._executer("lecture de la clé des jetons", lire_ou_creer)
        if valeur is None:
            try:
                self._executer("création de la clé des jetons",
                               lambda cx: cx.execute(insert(cles).values(nom="jetons", valeur=secrets.token_hex(32))))
            except ErreurStockage:
                pass  # une autre instance l'a créée au même moment : on relit la sienne
            valeur = self._executer("lecture de la clé des jetons", lire_ou_creer)
        if valeur is None:
            raise ErreurStockage("clé des jetons introuvable")
        self._cle = bytes.fromhex(valeur)
        return self._cle

    def _signature(self, alea: str) -> str:
        return _b64(hmac.new(self._cle_jetons(), alea.encode(), hashlib.sha256).digest()[:_SIGNATURE])

    def nouveau_jeton(self) -> str:
        alea = _b64(secrets.token_bytes(_ALEA))
        return alea + self._signature(alea)

    def jeton_emis(self, jeton: Any) -> bool:
        """``True`` si ce jeton a été délivré par ce serveur (ou une instance de la même base)."""
        n = len(_b64(bytes(_ALEA)))
        if not jeton_valide(jeton) or len(jeton) != n + len(_b64(bytes(_SIGNATURE))):
            return False
        return hmac.compare_digest(jeton[n:], self._signature(jeton[:n]))

    # ------------------------------------------------------------------------------------------ brouillons

    @staticmethod
    def _texte(contenu: dict[str, Any]) -> str:
        texte = json.dumps(contenu, ensure_ascii=False, separators=(",", ":"))
        if len(texte) > TAILLE_MAX:
            raise ErreurStockage("brouillon trop volumineux pour être sauvegardé")
        return texte

    def charger(self, jeton: str) -> Brouillon | None:
        if not jeton_valide(jeton):
            return None
        ligne = self._executer("lecture du brouillon", lambda cx: cx.execute(
            select(brouillons).where(brouillons.c.jeton == jeton)).mappings().first())
        if not ligne:
            return None
        try:
            contenu = json.loads(ligne["contenu"])
        except ValueError:
            return None
        if not isinstance(contenu, dict):
            return None
        return Brouillon(jeton, contenu, int(ligne["version"] or 1), ligne["proprietaire"], ligne["partage"],
                         ligne["modifie_le"])

    def _version(self, jeton: str) -> int | None:
        """La version enregistrée (seule : un conflit n'a pas besoin du contenu) ; ``None`` si le brouillon n'existe
        pas."""
        version = self._executer("lecture du brouillon", lambda cx: cx.execute(
            select(brouillons.c.version).where(brouillons.c.jeton == jeton)).scalar())
        return int(version or 1) if version is not None else None

    def lire(self, jeton: str) -> dict[str, Any] | None:
        """Le contenu seul (sans contrôle d'accès : à l'appelant de le faire, voir ``acces``)."""
        b = self.charger(jeton)
        return b.contenu if b else None

    @staticmethod
    def acces(brouillon: Brouillon, secret: str | None, cle_partage: str | None = None) -> bool:
        """Ce navigateur (son secret) ou ce lien de partage (sa clé) peut-il ouvrir ce brouillon ?"""
        if secret and brouillon.proprietaire and hmac.compare_digest(brouillon.proprietaire,
                                                                      empreinte_secret(secret)):
            return True
        return bool(cle_partage and brouillon.partage
                    and hmac.compare_digest(brouillon.partage, empreinte_secret(cle_partage)))

    def creer(self, jeton: str, contenu: dict[str, Any], secret: str) -> int:
        """Première écriture d'un brouillon (version 1), lié au navigateur de ``secret``. ``Conflit`` s'il existe
        déjà (créé entre-temps dans un autre onglet)."""
        if not self.jeton_emis(jeton):
            raise ErreurStockage("jeton de brouillon non délivré par ce serveur")
        if not secret_valide(secret):
            raise ErreurStockage("secret du navigateur invalide")
        texte = self._texte(contenu)
        quand = _iso(_maintenant())
        try:
            self._executer("sauvegarde du brouillon", lambda cx: cx.execute(insert(brouillons).values(
                jeton=jeton, contenu=texte, modifie_le=quand, cree_le=quand, version=1,
                proprietaire=empreinte_secret(secret))))
        except ErreurStockage as exc:
            if isinstance(exc.__cause__, IntegrityError):
                raise Conflit(self._version(jeton)) from exc
            raise
        self._purger_de_temps_en_temps()
        return 1

    def ecrire(self, jeton: str, contenu: dict[str, Any], version: int) -> int:
        """Écrit le brouillon s'il est encore à ``version`` (comparer-puis-écrire) ; renvoie la nouvelle version.
        ``Conflit`` si un autre onglet l'a modifié (ou s'il a été supprimé) entre-temps : rien n'est écrit."""
        texte = self._texte(contenu)

        def ecrire_si(cx: Any) -> int:
            r = cx.execute(maj(brouillons).where(brouillons.c.jeton == jeton, brouillons.c.version == version)
                           .values(contenu=texte, modifie_le=_iso(_maintenant()), version=version + 1))
            return r.rowcount

        if self._executer("sauvegarde du brouillon", ecrire_si) != 1:
            raise Conflit(self._version(jeton))
        self._purger_de_temps_en_temps()
        return version + 1

    def partager(self, jeton: str) -> str:
        """Crée (ou remplace) la clé du lien de partage ; renvoie la clé (seule son empreinte est gardée)."""
        cle = nouveau_secret()
        n = self._executer("partage du brouillon", lambda cx: cx.execute(
            maj(brouillons).where(brouillons.c.jeton == jeton).values(partage=empreinte_secret(cle))).rowcount)
        if n != 1:
            raise ErreurStockage("brouillon introuvable : rien n'a encore été enregistré")
        return cle

    def arreter_partage(self, jeton: str) -> None:
        self._executer("arrêt du partage", lambda cx: cx.execute(
            maj(brouillons).where(brouillons.c.jeton == jeton).values(partage=None)))

    def supprimer(self, jeton: str) -> None:
        self._executer("suppression du brouillon", lambda cx: cx.execute(
            delete(brouillons).where(brouillons.c.jeton == jeton)))

    # ----------------------------------------------------------------------------------------------- purge

    def purger(self, maintenant: datetime | None = None) -> int:
        """Supprime les brouillons non modifiés depuis ``retention_jours()`` jours ; renvoie leur nombre."""
        limite = _iso((maintenant or _maintenant()) - timedelta(days=retention_jours()))
        self._derniere_purge = time.monotonic()
        return self._executer("purge des brouillons", lambda cx: cx.execute(
            delete(brouillons).where(brouillons.c.modifie_le < limite)).rowcount)

    def _purger_de_temps_en_temps(self) -> None:
        if time.monotonic() - self._derniere_purge > PURGE_TOUTES_LES_S:
            try:
                self.purger()
            except ErreurStockage:
                pass

    def nombre(self) -> int:
        from sqlalchemy import func

        return int(self._executer("comptage", lambda cx: cx.execute(
            select(func.count()).select_from(brouillons)).scalar() or 0))

    def fermer(self) -> None:
        if self._moteur is not None:
            self._moteur.dispose()
            self._moteur = None


__all__ = ["Brouillon", "Conflit", "ErreurStockage", "Stockage", "adresse_base", "jeton_valide", "retention_jours"]
