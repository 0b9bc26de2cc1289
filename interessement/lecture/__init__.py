"""Lecture d'un accord écrit ailleurs ou par nous : Word (tel qu'il s'affiche), OpenDocument, PDF (couche texte
ou scan lu par OCR en français), images, texte brut ; son découpage en parties ; ses anomalies (texte masqué ou
invisible, commentaires, modifications suivies, macros, objets incorporés…) ; les codes QR de notre générateur.

Côté cœur : ni Streamlit, ni python-docx (le .docx est lu dans son XML, pour voir ce que python-docx ne montre
pas : résultats de champs, zones de texte, propriétés masquées).

API :

- ``lire_document(source, nom=None) -> DocumentLu`` (``source`` : chemin, octets ou fichier ouvert) ;
- ``DocumentLu`` : ``nom``, ``format``, ``pages``, ``ocr``, ``parties`` (``Partie`` : ``type``, ``numero``,
  ``titre``, ``page``, ``paragraphes``, ``annexe``, ``section``…), ``texte``, ``anomalies``, ``qr``,
  ``donnees_embarquees``, ``texte_canonique``.
"""

from .lire import lire_document
from .modele import (
    ANOMALIES_DOCUMENT_ETRANGER,
    ANOMALIES_TEXTE_CACHE,
    Anomalie,
    Bloc,
    DocumentLu,
    Paragraphe,
    Partie,
)

__all__ = [
    "ANOMALIES_DOCUMENT_ETRANGER",
    "ANOMALIES_TEXTE_CACHE",
    "Anomalie",
    "Bloc",
    "DocumentLu",
    "Paragraphe",
    "Partie",
    "lire_document",
]
