"""Les documents Word : l'accord prêt à signer (ou la décision unilatérale), la note d'information des
salariés, la liste des pièces du dépôt, les fiches individuelles d'un versement ; PDF par LibreOffice.

Adaptateur en bord du cœur (architecture.md) : il importe le cœur et le validateur, jamais l'inverse.

API :

- ``generer_documents(accord, dossier, pdf=False, versement=None)`` : valide puis écrit tous les documents
  (``RefusGeneration`` s'il y a un constat bloquant) ;
- ``rendre_accord(accord) -> bytes`` : le .docx de l'accord, sans validation ;
- ``lire_accord(chemin_docx) -> Accord`` : l'accord embarqué dans un .docx généré ;
- ``controler_document(chemin_docx) -> ControleDocument`` : le document a-t-il été modifié depuis sa génération ?
"""

from .generation import (
    VERSION_GENERATEUR,
    FicheIndividuelle,
    RefusGeneration,
    ResultatGeneration,
    archive_fiches,
    generer_documents,
    rendre_accord,
    rendre_fiches,
    rendre_liste_depot,
    rendre_note_information,
    valider_avant_generation,
)
from .lecture import controler_document, lire_accord, textes_du_document

__all__ = [
    "VERSION_GENERATEUR",
    "FicheIndividuelle",
    "RefusGeneration",
    "ResultatGeneration",
    "archive_fiches",
    "controler_document",
    "generer_documents",
    "lire_accord",
    "rendre_accord",
    "rendre_fiches",
    "rendre_liste_depot",
    "rendre_note_information",
    "textes_du_document",
    "valider_avant_generation",
]
