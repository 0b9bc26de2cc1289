"""Page « Construire un accord »."""

from interface.assistant import page

page()
