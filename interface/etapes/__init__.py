"""Les étapes de l'assistant, dans l'ordre de ``brouillon.ETAPES`` : chacune a ``afficher()``, ``controler(accord)``
(messages à côté des champs) et, sauf les deux dernières, ``resume(accord)`` pour le récapitulatif."""

from . import (
    beneficiaires,
    dates,
    documents,
    entreprise,
    formule,
    information,
    mise_en_place,
    repartition,
    revue,
    versement,
)

MODULES = {
    "entreprise": entreprise,
    "mise_en_place": mise_en_place,
    "dates": dates,
    "beneficiaires": beneficiaires,
    "formule": formule,
    "repartition": repartition,
    "versement": versement,
    "information": information,
    "revue": revue,
    "documents": documents,
}
