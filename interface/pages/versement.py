"""Page « Calculer et verser les primes »."""

from interface.versement_primes import page

page()
