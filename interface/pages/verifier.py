"""Page « Vérifier des accords »."""

from interface.verification import page

page()
