"""Erreurs d'entrée présentées à l'utilisateur en français (jamais de trace Python)."""

from __future__ import annotations


class ErreurEntree(ValueError):
    """Une entrée invalide : message français, éventuellement la liste des champs en cause."""

    def __init__(self, message: str, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.details = list(details or [])

    def __str__(self) -> str:
        if not self.details:
            return self.message
        return self.message + "\n" + "\n".join(f"  - {d}" for d in self.details)
