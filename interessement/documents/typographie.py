"""Typographie française des textes produits : espaces insécables, caractères interdits en XML."""

from __future__ import annotations

import re

ESPACE_INSECABLE = "\u00a0"

# Caractères admis par XML 1.0 (hors tabulation et saut de ligne, traités à part) ; les autres sont retirés.
_RE_INTERDITS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_RE_AVANT = re.compile(r" ([:;!?»%])")
_RE_APRES = re.compile(r"(«) ")


def nettoyer(texte: str) -> str:
    """Retire ce qu'un document Word ne peut pas contenir (caractères de contrôle, non-caractères).

    Les sauts de ligne Windows deviennent des sauts de ligne simples ; la tabulation est conservée.
    """
    texte = texte.replace("\r\n", "\n").replace("\r", "\n")
    return _RE_INTERDITS.sub("", texte)


def typographie(texte: str) -> str:
    """Espace insécable avant « : ; ! ? » et % et à l'intérieur des guillemets français."""
    texte = _RE_AVANT.sub(ESPACE_INSECABLE + r"\1", texte)
    return _RE_APRES.sub(r"\1" + ESPACE_INSECABLE, texte)


_RE_BALISE = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.DOTALL)


def typographie_hors_balises(texte: str) -> str:
    """``typographie`` appliquée au texte d'un modèle, sans toucher aux balises Jinja."""
    morceaux = _RE_BALISE.split(texte)
    return "".join(m if _RE_BALISE.fullmatch(m) else typographie(m) for m in morceaux)
