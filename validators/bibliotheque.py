"""Le lien du validateur avec la bibliothèque de clauses (``interessement.clauses``, lot « clauses »).

La bibliothèque est la source du texte que ce projet écrit : une entrée par clause, avec sa condition, sa base
légale et la règle de REGLES.md qu'elle sert. Le validateur s'en sert quand le texte contrôlé est celui qu'elle
produit (document généré intact) et pour la liste des clauses obligatoires. Tant qu'elle n'est pas installée,
``bibliotheque()`` rend ``None`` et les règles qui en ont besoin disent « à vérifier ».
"""

from __future__ import annotations

import functools
from typing import Any

from interessement.modele import Accord


@functools.cache
def bibliotheque() -> tuple[Any, ...] | None:
    """Les clauses de la bibliothèque, dans l'ordre du document ; ``None`` si elle n'est pas disponible."""
    try:
        from interessement.clauses import bibliotheque as charger
    except ImportError:
        return None
    return tuple(charger())


def clauses_de(accord: Accord, regle: str) -> list[Any] | None:
    """Les clauses de la bibliothèque qui servent la règle ``regle`` et s'appliquent à l'accord (``None`` sans
    bibliothèque)."""
    toutes = bibliotheque()
    if toutes is None:
        return None
    return [c for c in toutes if getattr(c, "regle", None) == regle and c.s_applique(accord)]
