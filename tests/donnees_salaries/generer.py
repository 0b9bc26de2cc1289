"""Fichiers de salariés « comme les gens les ont », pour les tests et les parcours dans le navigateur.

- ``boulangerie-14.csv`` : ce qu'Excel (version française) enregistre en « CSV (séparateur : point-virgule) » :
  Windows-1252, « ; », virgule décimale, espace insécable des milliers sur les cellules formatées, fins de ligne
  CRLF, en-têtes naturels (Matricule, Nom, Prénom, Salaire brut annuel (€), Date d'entrée, Date de sortie,
  Jours d'absence, Motif) ; pas de jours d'inscription : ils viennent des dates et de l'exercice 2027 ;
- ``export-paie-25.csv`` : un export de logiciel de paie : une ligne de titre, une ligne vide, un en-tête
  « N° salarié ; Nom et prénom ; Cumul brut soumis ; … » (« Cumul brut soumis » n'est pas reconnu : l'écran de
  correspondance le rattache au salaire brut), milliers à point (« 32.500,00 »), une ligne de total ;
- ``classeur_30()`` : un classeur XLSX de 30 salariés (dates en vraies dates Excel), écrit à la demande.

Les noms sont inventés (et absents des exemples du projet). ``python tests/donnees_salaries/generer.py`` réécrit
les deux CSV ; un test vérifie qu'ils sont exactement la sortie de ce générateur.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

DOSSIER = Path(__file__).resolve().parent
NBSP = "\u00a0"

NOMS = ["Quéméner", "Le Goff", "Benali", "Ferreira", "Nguyen", "Kowalski", "Haddad", "Le Bihan", "Oliveira",
        "Traoré", "Marchetti", "Ould Ahmed", "Cœurdevey", "Étienne", "Lozac'h", "Zimmermann", "Diallo", "Pichon",
        "Abgrall", "Carvalho", "Le Floch", "Mansouri", "Kerjean", "Schaeffer", "Tessier", "Yilmaz", "Bouvier",
        "Riou", "Guéguen", "Hoarau"]
PRENOMS = ["Maëlle", "Gwenaël", "Yasmina", "Joaquim", "Thi Lan", "Agnieszka", "Karim", "Soizic", "Inês", "Awa",
           "Lorenzo", "Fatimata", "Édith", "Noël", "Brieuc", "Ottilie", "Mamadou", "Armelle", "Tanguy", "Rosa",
           "Goulven", "Nadir", "Rozenn", "Hélène", "Loïc", "Elif", "Anaïs", "Corentin", "Ophélie", "Jérémie"]


def _euros(centimes: int, milliers: str = NBSP) -> str:
    entier = f"{centimes // 100:,}".replace(",", milliers)
    return f"{entier},{centimes % 100:02d}"


def salaries_boulangerie() -> list[dict]:
    """Les 14 salariés de la boulangerie (exercice 2027) : ce que le fichier dit, et ce que l'on doit en lire."""
    lignes = []
    emplois = ["Boulanger", "Pâtissier", "Vendeuse", "Apprenti boulanger", "Vendeur", "Tourier"]
    for i in range(14):
        salaire = 2_150_000 + (i * 173_311) % 1_450_000
        entree = date(2012 + i % 12, 1 + (i * 5) % 12, 1 + (i * 7) % 28)
        sortie = None
        if i == 3:
            entree = date(2027, 9, 1)  # apprenti arrivé en cours d'exercice
            salaire = 420_000
        if i == 9:
            sortie = date(2027, 6, 30)  # parti en cours d'exercice
            salaire = 1_180_050
        absences, motif = 0, ""
        if i in (2, 7):
            absences, motif = 12 + i, "Maladie"
        if i == 5:
            absences, motif = 112, "Congé maternité"
        if i == 11:
            absences, motif = 4, "Accident du travail"
        lignes.append({"matricule": f"{101 + i}", "nom": NOMS[i].upper() if i % 4 == 0 else NOMS[i],
                       "prenom": PRENOMS[i], "emploi": emplois[i % len(emplois)], "salaire_centimes": salaire,
                       "entree": entree, "sortie": sortie, "absences": absences, "motif": motif})
    return lignes


def csv_boulangerie() -> bytes:
    entete = ["Matricule", "Nom", "Prénom", "Emploi", "Salaire brut annuel (€)", "Date d'entrée", "Date de sortie",
              "Jours d'absence", "Motif"]
    lignes = [";".join(entete)]
    for k, s in enumerate(salaries_boulangerie()):
        lignes.append(";".join([
            s["matricule"], s["nom"], s["prenom"], s["emploi"],
            _euros(s["salaire_centimes"], NBSP if k % 3 else ""),
            s["entree"].strftime("%d/%m/%Y"), s["sortie"].strftime("%d/%m/%Y") if s["sortie"] else "",
            str(s["absences"]) if s["absences"] else "", s["motif"],
        ]))
    return ("\r\n".join(lignes) + "\r\n").encode("cp1252")


def salaries_export_25() -> list[dict]:
    lignes = []
    for i in range(25):
        salaire = 2_400_000 + (i * 211_117) % 2_600_000
        lignes.append({"numero": f"S{2000 + i}", "nom": f"{NOMS[(i + 5) % 30].upper()} {PRENOMS[(i + 5) % 30]}",
                       "salaire_centimes": salaire,
                       "entree": date(2010 + i % 15, 1 + i % 12, 1 + i % 27),
                       "sortie": date(2027, 3, 31) if i == 17 else None,
                       "maladie": (i * 3) % 11 if i % 4 == 0 else 0, "at": 9 if i == 6 else 0,
                       "maternite": 80 if i == 20 else 0})
    return lignes


def csv_export_25() -> bytes:
    lignes = ["EXPORT PAIE - CUMULS ANNUELS - Exercice du 01/01/2027 au 31/12/2027;;;;;;;", ";;;;;;;",
              "N° salarié;Nom et prénom;Cumul brut soumis;Date entrée;Date sortie;Abs. maladie (j);Abs. AT (j);"
              "Congé maternité (j)"]
    total = 0
    for s in salaries_export_25():
        total += s["salaire_centimes"]
        lignes.append(";".join([s["numero"], s["nom"], _euros(s["salaire_centimes"], "."),
                                s["entree"].strftime("%d/%m/%Y"),
                                s["sortie"].strftime("%d/%m/%Y") if s["sortie"] else "",
                                str(s["maladie"]), str(s["at"]), str(s["maternite"])]))
    lignes.append(f"TOTAL;;{_euros(total, '.')};;;;;")
    return ("\r\n".join(lignes) + "\r\n").encode("cp1252")


def salaries_30() -> list[dict]:
    lignes = []
    for i in range(30):
        lignes.append({"matricule": f"M{i + 1:03d}", "nom": NOMS[i], "prenom": PRENOMS[i],
                       "salaire": round(27_000 + 1_150.5 * i, 2), "jours": 365 if i % 9 else 200,
                       "maladie": i % 5, "maternite": 90 if i == 12 else 0,
                       "temps": 0.8 if i % 7 == 3 else 1, "entree": date(2015 + i % 10, 1 + i % 12, 1)})
    return lignes


def classeur_30() -> bytes:
    import openpyxl

    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.title = "Salariés 2027"
    feuille.append(["Matricule", "Nom", "Prénom", "Salaire brut 2027", "Jours d'inscription", "Absences maladie",
                    "Absences maternité", "Temps de travail", "Date d'embauche"])
    for s in salaries_30():
        feuille.append([s["matricule"], s["nom"], s["prenom"], s["salaire"], s["jours"], s["maladie"],
                        s["maternite"], s["temps"], s["entree"]])
        feuille.cell(feuille.max_row, 9).number_format = "DD/MM/YYYY"
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


FICHIERS = {"boulangerie-14.csv": csv_boulangerie, "export-paie-25.csv": csv_export_25}


if __name__ == "__main__":
    for nom, fabrique in FICHIERS.items():
        (DOSSIER / nom).write_bytes(fabrique())
        print(f"écrit {nom}")
