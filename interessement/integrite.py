"""Contrôle d'intégrité d'un document généré (fait pur, sans dépendance à python-docx).

L'adaptateur Word (``interessement.documents``) lit un .docx et produit un ``ControleDocument`` ; le validateur
en tire la règle INTEGRITE_DOCUMENT. Le cœur ne sait rien du format Word.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def empreinte(donnees: bytes | str) -> str:
    """Empreinte SHA-256 (hexadécimale) des données JSON embarquées."""
    if isinstance(donnees, str):
        donnees = donnees.encode("utf-8")
    return hashlib.sha256(donnees).hexdigest()


@dataclass
class ControleDocument:
    chemin: str
    empreinte_declaree: str | None  # celle des propriétés du document
    empreinte_calculee: str | None  # celle du JSON embarqué, recalculée
    texte_conforme: bool  # le texte du document est celui que les données embarquées produisent
    details: list[str] = field(default_factory=list)  # ce qui diffère, en français

    @property
    def intact(self) -> bool:
        return (
            self.empreinte_declaree is not None
            and self.empreinte_declaree == self.empreinte_calculee
            and self.texte_conforme
        )
