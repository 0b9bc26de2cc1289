"""Fabrique de DSN mensuelles pour les tests et les bancs (norme NEODeS, voir interessement/dsn/norme.py).

``Salarie`` décrit une personne sur l'exercice (contrat, salaire mensuel, arrêts, suspensions) ; ``dsn_du_mois``
écrit la DSN d'un mois comme un logiciel de paie : blocs S10 (émetteur), S20 (déclaration), S21.G00.06
(entreprise), S21.G00.11 (établissement), puis pour chaque salarié présent dans le mois S21.G00.30 (individu),
S21.G00.40 (contrat), S21.G00.50/51 (versement, rémunérations brute 001 et de base 010), S21.G00.60 (arrêt qui
touche le mois, redéclaré chaque mois avec sa reprise quand elle a eu lieu), S21.G00.62 (fin du contrat dans le
mois), S21.G00.65 (autre suspension), les bases assujetties et cotisations individuelles (S21.G00.78, S21.G00.81,
que le lecteur n'utilise pas), enfin S90 (total). Le salaire d'un mois incomplet est proratisé aux jours
de contrat (au centime inférieur), le reste étant simple : ce sont des données de test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

SIREN = "123456789"


@dataclass
class Arret:
    motif: str  # S21.G00.60.001
    debut: date  # premier jour d'arrêt (le dernier jour travaillé est la veille)
    fin: date  # dernier jour d'arrêt


@dataclass
class Suspension:
    motif: str  # S21.G00.65.001
    debut: date
    fin: date


@dataclass
class Salarie:
    matricule: str
    nom: str
    prenoms: str
    debut_contrat: date
    salaire_mensuel_centimes: int
    fin_contrat: date | None = None
    motif_rupture: str = "059"
    arrets: list[Arret] = field(default_factory=list)
    suspensions: list[Suspension] = field(default_factory=list)
    nir: str = ""


def _d(j: date) -> str:
    return j.strftime("%d%m%Y")


def _fin_mois(m: date) -> date:
    return (m.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def salaire_du_mois(s: Salarie, mois: date) -> int:
    """Salaire brut du mois (proratisé aux jours de contrat du mois)."""
    debut, fin = mois, _fin_mois(mois)
    a, b = max(debut, s.debut_contrat), min(fin, s.fin_contrat or fin)
    if b < a:
        return 0
    jours = (b - a).days + 1
    total = (fin - debut).days + 1
    return s.salaire_mensuel_centimes * jours // total


def _euros(centimes: int) -> str:
    signe = "-" if centimes < 0 else ""
    return f"{signe}{abs(centimes) // 100}.{abs(centimes) % 100:02d}"


def dsn_du_mois(salaries: list[Salarie], mois: date, *, siren: str = SIREN, raison_sociale: str = "Atelier Dupont",
                fin_de_ligne: str = "\n") -> str:
    debut, fin = mois.replace(day=1), _fin_mois(mois)
    lignes: list[tuple[str, str]] = [
        ("S10.G00.00.001", "Logiciel de paie de test"), ("S10.G00.00.002", "Intéressement ouvert"),
        ("S10.G00.00.005", "01"), ("S10.G00.00.006", "P26V01"), ("S10.G00.00.008", "01"),
        ("S10.G00.01.001", siren), ("S10.G00.01.002", "00012"), ("S10.G00.01.003", raison_sociale),
        ("S20.G00.05.001", "01"), ("S20.G00.05.002", "01"), ("S20.G00.05.003", "11"),
        ("S20.G00.05.004", "1"), ("S20.G00.05.005", _d(debut)), ("S20.G00.05.007", _d(fin)),
        ("S20.G00.05.010", "01"),
        ("S21.G00.06.001", siren), ("S21.G00.06.002", "00012"),
        ("S21.G00.11.001", "00012"), ("S21.G00.11.002", "1071C"),
    ]
    for s in salaries:
        if s.debut_contrat > fin or (s.fin_contrat is not None and s.fin_contrat < debut):
            continue
        lignes += [("S21.G00.30.001", s.nir or f"1800175{s.matricule[-6:]:0>6}"[:13]), ("S21.G00.30.002", s.nom),
                   ("S21.G00.30.004", s.prenoms), ("S21.G00.30.019", s.matricule),
                   ("S21.G00.40.001", _d(s.debut_contrat)), ("S21.G00.40.002", "01"),
                   ("S21.G00.40.007", "01"), ("S21.G00.40.009", f"C{s.matricule}")]
        for a in s.arrets:
            if a.fin < debut or a.debut > fin:
                continue
            lignes += [("S21.G00.60.001", a.motif), ("S21.G00.60.002", _d(a.debut - timedelta(days=1))),
                       ("S21.G00.60.003", _d(a.fin)), ("S21.G00.60.004", "02")]
            if a.fin <= fin:
                lignes += [("S21.G00.60.010", _d(a.fin + timedelta(days=1))), ("S21.G00.60.011", "01")]
        if s.fin_contrat is not None and debut <= s.fin_contrat <= fin:
            lignes += [("S21.G00.62.001", _d(s.fin_contrat)), ("S21.G00.62.002", s.motif_rupture)]
        for p in s.suspensions:
            if p.fin < debut or p.debut > fin:
                continue
            lignes += [("S21.G00.65.001", p.motif), ("S21.G00.65.002", _d(p.debut)), ("S21.G00.65.003", _d(p.fin))]
        brut = salaire_du_mois(s, debut)
        lignes += [("S21.G00.50.001", _d(fin)), ("S21.G00.50.002", _euros(brut * 78 // 100)),
                   ("S21.G00.51.001", _d(debut)), ("S21.G00.51.002", _d(fin)),
                   ("S21.G00.51.010", f"C{s.matricule}"), ("S21.G00.51.011", "001"),
                   ("S21.G00.51.013", _euros(brut)),
                   ("S21.G00.51.001", _d(debut)), ("S21.G00.51.002", _d(fin)),
                   ("S21.G00.51.010", f"C{s.matricule}"), ("S21.G00.51.011", "010"),
                   ("S21.G00.51.013", _euros(brut))]
        # Bases assujetties et cotisations individuelles (S21.G00.78, .81), comme dans une vraie DSN : le lecteur ne
        # s'en sert pas mais doit les lire (et rester rapide) ; la rémunération brute ne doit pas s'y confondre.
        for code_base in ("02", "03", "07"):
            lignes += [("S21.G00.78.001", code_base), ("S21.G00.78.002", _d(debut)), ("S21.G00.78.003", _d(fin)),
                       ("S21.G00.78.004", _euros(brut))]
            for code_cot in ("045", "068", "074"):
                lignes += [("S21.G00.81.001", code_cot), ("S21.G00.81.002", "78861779300013"),
                           ("S21.G00.81.003", _euros(brut)), ("S21.G00.81.004", _euros(brut * 7 // 100))]
    lignes += [("S90.G00.90.001", str(len(lignes) + 2)), ("S90.G00.90.002", "1")]
    return fin_de_ligne.join(f"{r},'{v}'" for r, v in lignes) + fin_de_ligne


def mois_de_l_exercice(annee: int) -> list[date]:
    return [date(annee, m, 1) for m in range(1, 13)]


def dsn_de_l_exercice(salaries: list[Salarie], annee: int, **options) -> dict[str, bytes]:
    """Les 12 DSN de l'année civile ``annee`` : nom de fichier → octets."""
    return {f"DSN_{annee}{m.month:02d}.dsn": dsn_du_mois(salaries, m, **options).encode("utf-8")
            for m in mois_de_l_exercice(annee)}


def equipe(n: int, annee: int = 2026, graine: int = 7) -> list[Salarie]:
    """``n`` salariés variés (entrées et sorties en cours d'année, arrêts de maladie, de maternité, d'accident du
    travail, congés sans solde), reproductibles."""
    import random

    r = random.Random(graine)
    prenoms = ["Camille", "Louis", "Inès", "Hugo", "Léa", "Nathan", "Chloé", "Jules", "Manon", "Adam"]
    noms = ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU"]
    liste = []
    for i in range(n):
        debut = date(annee - 1 - r.randrange(5), 1 + r.randrange(12), 1)
        if r.random() < 0.1:
            debut = date(annee, 2 + r.randrange(9), 1 + r.randrange(27))
        fin = None
        if r.random() < 0.1:
            fin = date(annee, 1 + r.randrange(11), 1 + r.randrange(27))
            if fin < debut:
                fin = None
        s = Salarie(f"M{i + 1:05d}", noms[i % 10], prenoms[(i * 7) % 10], debut,
                    180_000 + r.randrange(400_000), fin)
        if r.random() < 0.15:
            d = date(annee, 1 + r.randrange(11), 1 + r.randrange(20))
            s.arrets.append(Arret("01", d, d + timedelta(days=2 + r.randrange(40))))
        if r.random() < 0.03:
            d = date(annee, 1 + r.randrange(6), 1 + r.randrange(20))
            s.arrets.append(Arret("02", d, d + timedelta(days=111)))
        if r.random() < 0.03:
            d = date(annee, 1 + r.randrange(11), 1 + r.randrange(20))
            s.arrets.append(Arret("06", d, d + timedelta(days=5 + r.randrange(30))))
        if r.random() < 0.05:
            d = date(annee, 1 + r.randrange(11), 1 + r.randrange(20))
            s.suspensions.append(Suspension("501", d, d + timedelta(days=r.randrange(10))))
        liste.append(s)
    return liste
