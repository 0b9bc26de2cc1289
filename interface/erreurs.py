"""Réexporte l'erreur d'entrée du cœur (message français)."""

from interessement.erreurs import ErreurEntree

__all__ = ["ErreurEntree"]
