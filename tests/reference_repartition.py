"""Implémentation de référence de REGLES.md §4 : une boucle Python simple, bénéficiaire par bénéficiaire.

Sert de contre-vérification (``exact=True`` : tout en Fraction, résultat attendu identique au centime
à celui de ``interessement.repartition.repartir``) et de point de comparaison du banc d'essai
(``exact=False`` : la même boucle en float). Ne fait pas partie du paquet.
"""

from __future__ import annotations

import math
from fractions import Fraction


def repartir_reference(enveloppe_centimes, identifiants, presence, salaire_centimes, plafond_centimes,
                       params, exact: bool = True) -> dict:
    """Renvoie {"montants": [int], "reliquat": int, "plafonne": [bool], "iterations": int}."""
    nombre = Fraction if exact else float
    n = len(identifiants)
    poids = [nombre(p) for p in params.parts_exactes()]
    cles = [[1] * n, [int(x) for x in presence], [int(x) for x in salaire_centimes]]
    plafonds = [int(x) for x in plafond_centimes]
    montant = [nombre(0)] * n
    actif = [True] * n
    plafonne = [False] * n
    a_repartir = nombre(enveloppe_centimes)
    non_distribue = nombre(0)
    iterations = 0
    while True:
        iterations += 1
        for k in range(3):
            part = poids[k] * a_repartir
            if not part:
                continue
            somme = 0
            for i in range(n):
                if actif[i]:
                    somme += cles[k][i]
            if somme == 0:
                non_distribue += part
                continue
            for i in range(n):
                if actif[i]:
                    montant[i] += part * cles[k][i] / somme
        excedent = nombre(0)
        for i in range(n):
            if actif[i] and montant[i] >= plafonds[i]:
                excedent += montant[i] - plafonds[i]
                montant[i] = nombre(plafonds[i])
                actif[i] = False
                plafonne[i] = True
        if excedent <= 0:
            break
        if not params.redistribution or not any(actif):
            non_distribue += excedent
            break
        a_repartir = excedent

    a_verser = math.floor(enveloppe_centimes - non_distribue)
    entiers = [math.floor(m) for m in montant]
    manque = a_verser - sum(entiers)
    ordre = sorted(range(n), key=lambda i: (-(montant[i] - entiers[i]), identifiants[i]))
    for i in ordre:
        if manque <= 0:
            break
        if montant[i] - entiers[i] > 0 and entiers[i] + 1 <= plafonds[i]:
            entiers[i] += 1
            manque -= 1
    return {
        "montants": entiers,
        "reliquat": enveloppe_centimes - sum(entiers),
        "plafonne": plafonne,
        "iterations": iterations,
    }
