"""Bornes techniques de tout ce qu'un utilisateur fournit (accord, versement, fichier des salariés, historique).

Ce ne sont **pas** des seuils légaux (ceux-là sont des paramètres datés, ``interessement/parametres``) : ce sont
des garde-fous contre une entrée démesurée — faute de frappe, erreur d'unité ou fichier hostile — dont le
traitement coûterait des minutes, des gigaoctets ou déborderait des entiers 64 bits. Chaque borne laisse une
large marge au-dessus de ce que les entreprises réelles connaissent ; elle est refusée à la lecture avec un
message français qui nomme le champ (ou la ligne), jamais une trace Python. Fixées le 2026-12-02 (issue 13) ;
docs/architecture.md (« Bornes des entrées ») les explique.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import zipfile

#: Montant le plus grand (centimes) : 100 milliards d'euros dépassent toute masse salariale réelle et gardent
#: les calculs au centime exacts en entiers 64 bits (numpy).
MONTANT_MAX_CENTIMES = 10**13

#: Valeur absolue la plus grande d'un nombre (indicateur en centimes, seuil, croissance…) : 10 000 milliards
#: d'euros en centimes. Un nombre de 10**999999 coûtait des minutes de calcul décimal (issue 13).
NOMBRE_MAX = Decimal(10**15)

#: Entier le plus grand en valeur absolue, quel que soit le champ.
ENTIER_MAX = 10**15

#: Chiffres d'un nombre JSON au-delà desquels la lecture le refuse d'emblée (Python refuse lui-même au-delà de
#: 4 300 chiffres, avec un message anglais).
CHIFFRES_MAX = 40

#: Décimales d'un nombre : 20 tolèrent la « poussière » binaire d'un flottant (0.30000000000000004) ;
#: 1e-999999 est refusé.
DECIMALES_MAX = 20

#: Taux le plus grand (fraction : 100 = 10 000 %) ; un taux d'intéressement réel reste sous 1 (100 %).
TAUX_MAX = Decimal(100)

#: Dates admises : les exercices modélisés (1900 à 2200) ; au-delà, « year 10000 is out of range ».
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2200, 12, 31)

#: Longueur la plus grande d'un texte (nom, définition d'un indicateur, clause citée…), en caractères.
TEXTE_MAX = 20_000

#: Éléments d'une liste ou d'un objet (signataires, indicateurs, composantes, historique, valeurs…), hors
#: salariés.
LISTE_MAX = 1_000

#: Salariés d'un versement ou d'un fichier des salariés. Les plus grands employeurs de France comptent de
#: l'ordre de 200 000 à 250 000 salariés en France (La Poste, premier employeur après l'État ; puis des groupes
#: de la distribution, de l'automobile, du transport) ; un accord d'intéressement de groupe ou d'UES (L3344-1)
#: peut couvrir un groupe entier. 300 000 couvre le plus grand d'entre eux avec une marge, et borne le travail
#: d'un fichier hostile.
SALARIES_MAX = 300_000

#: Lignes d'un fichier des salariés (CSV ou XLSX) : les salariés, l'en-tête, un titre d'export, des totaux.
LIGNES_MAX = SALARIES_MAX + 1_000

#: Lignes d'une feuille XLSX, vides comprises : la limite d'Excel lui-même (un fichier forgé peut annoncer une
#: cellule à la ligne 999 999 999).
XLSX_LIGNES_MAX = 1_048_576

#: Colonnes d'un fichier des salariés : un export de paie en compte quelques dizaines.
COLONNES_MAX = 500

#: Octets décompressés d'un classeur XLSX (toutes les parties du ZIP) : une feuille de 300 000 salariés et
#: 10 colonnes fait environ 150 Mo de XML ; au-delà c'est une « bombe ZIP » (1,4 Mo qui en font des gigaoctets).
XLSX_DECOMPRESSE_MAX = 200_000_000

#: Taux de compression le plus fort admis pour une partie de plus de 1 Mo d'un XLSX (le XML d'une feuille réelle
#: se comprime de 5 à 30 fois ; une bombe, des centaines ou des milliers de fois).
XLSX_COMPRESSION_MAX = 100

#: Périodes de calcul d'un accord (numéro de période d'un versement) : 99 ans de périodes mensuelles font 1 188.
PERIODES_MAX = 1_200

#: Périodes simulées par Monte-Carlo : cinq ans de périodes mensuelles, la durée la plus longue d'un accord
#: (L3312-5, paramètre duree_accord_max_annees depuis le 18/08/2022). Un accord de 99 ans à périodes mensuelles
#: imprimait « -92 233 720 368 547 758,08 € » (entier débordé) : seules ses 60 premières périodes sont simulées, et
#: la note le dit.
PERIODES_SIMULEES_MAX = 60

#: Taux de compression le plus fort admis pour une partie de plus de ``SEUIL_TAUX_COMPRESSION`` octets d'un
#: document reçu (.docx, .odt) : au-delà, « bombe ZIP » présumée.
TAUX_COMPRESSION_MAX = 100
SEUIL_TAUX_COMPRESSION = 1_000_000


def controler_annuaire_zip(infos: list[zipfile.ZipInfo], nom: str, quoi: str, *, parties_max: int,
                           partie_max: int, total_max: int) -> None:
    """Refuse une archive reçue d'ailleurs avant toute décompression, d'après son annuaire : trop de parties,
    partie chiffrée, taille décompressée annoncée d'une partie ou du tout, taux de compression (bombe ZIP).
    ``quoi`` : « document Word », « document OpenDocument »… (dans les messages)."""
    from .erreurs import ErreurEntree

    if len(infos) > parties_max:
        raise ErreurEntree(f"{nom} : archive suspecte ({len(infos)} parties ; maximum {parties_max}).")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ErreurEntree(f"{nom} : {quoi} chiffré ou protégé par mot de passe, illisible.")
        if info.file_size > partie_max:
            raise ErreurEntree(f"{nom} : archive suspecte, la partie « {info.filename} » annonce "
                               f"{info.file_size} octets une fois décompressée (maximum {partie_max}).")
        if info.file_size > SEUIL_TAUX_COMPRESSION and \
                info.file_size > TAUX_COMPRESSION_MAX * max(1, info.compress_size):
            raise ErreurEntree(f"{nom} : archive suspecte (bombe ZIP présumée) : la partie « {info.filename} » est "
                               f"compressée plus de {TAUX_COMPRESSION_MAX} fois.")
        total += info.file_size
    if total > total_max:
        raise ErreurEntree(f"{nom} : archive suspecte ({total} octets une fois décompressée ; maximum {total_max}).")
