"""Les graphiques (Altair, rendus par Streamlit sans aucune ressource extérieure)."""

from __future__ import annotations

from typing import Any

from interessement import format as fmt


def _accessible(graphique: Any, description: str) -> Any:
    """Sans les descriptions automatiques de Vega (en anglais, dates « Dec 15, 2027 », nombres « 4,400 ») : le
    graphique entier est décrit en français ; ses données sont aussi dans le tableau ou le texte voisin."""
    return (graphique.properties(description=description).configure(aria=False)
            .configure_mark(aria=False).configure_axis(aria=False).configure_legend(aria=False))


def _axe_euros(titre: str) -> Any:
    import altair as alt

    return alt.Axis(title=titre, format=",.0f", labelExpr="replace(datum.label, /,/g, ' ') + ' €'")


def backtest(resultat: Any) -> Any:
    import altair as alt
    import pandas as pd

    lignes = [{"Exercice": lg.periode, "euros": (lg.enveloppe_centimes or 0) / 100,
               "Enveloppe": fmt.montant(lg.enveloppe_centimes) if lg.enveloppe_centimes is not None else "—",
               "Résultat": "versée" if lg.verse else ("non calculable" if lg.verse is None else "rien versé")}
              for lg in resultat.lignes]
    df = pd.DataFrame(lignes)
    return _accessible((
        alt.Chart(df, title="Enveloppe qu'aurait versée la formule")
        .mark_bar()
        .encode(
            x=alt.X("Exercice:N", sort=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("euros:Q", axis=_axe_euros("Enveloppe")),
            color=alt.Color("Résultat:N", scale=alt.Scale(domain=["versée", "rien versé", "non calculable"],
                                                          range=["#2e7d32", "#c62828", "#9e9e9e"]),
                            legend=alt.Legend(orient="bottom", title=None)),
            tooltip=["Exercice", "Enveloppe", "Résultat"],
        )
        .properties(height=320)
    ), "Graphique en barres : l'enveloppe qu'aurait versée la formule pour chaque exercice passé.")


def _euros_courts(euros: float) -> str:
    """« 10 600 € » (sans centimes) pour un libellé d'axe lisible."""
    return f"{int(round(euros)):,}".replace(",", "\u202f") + "\u00a0€"


def alea(mc: Any, bt: Any) -> tuple[Any, Any]:
    """Ce que la formule aurait versé chaque année passée, et ce qu'elle verse dans les scénarios simulés
    (première période) : deux graphiques à afficher côte à côte, pour lire « 88 % » à côté de « 3 années sur 5 »."""
    import altair as alt
    import numpy as np
    import pandas as pd

    enveloppes = np.asarray(mc.enveloppes_centimes)[:, 0] / 100 if len(mc.enveloppes_centimes) else np.zeros(0)
    nuls = int(np.count_nonzero(enveloppes <= 0))
    positifs = enveloppes[enveloppes > 0]
    lignes = []
    n = max(1, len(enveloppes))
    if nuls:
        lignes.append({"Tranche": "0 € (aucune prime)", "ordre": 0, "part": nuls / n,
                       "Part": fmt.pourcentage(nuls / n, 0)})
    if len(positifs):
        # Bornes arrondies à la centaine, la première vers le bas et la dernière vers le haut : aucun scénario
        # n'est laissé hors des tranches.
        bornes = np.round(np.quantile(positifs, np.linspace(0, 1, 7)), -2)
        bornes[0], bornes[-1] = np.floor(positifs.min() / 100) * 100, np.ceil(positifs.max() / 100) * 100
        bornes = np.unique(bornes)
        if len(bornes) < 2:
            bornes = np.array([positifs.min(), positifs.max() + 1])
        comptes, _ = np.histogram(positifs, bins=bornes)
        for k, compte in enumerate(comptes):
            lignes.append({"Tranche": f"{_euros_courts(bornes[k])} à {_euros_courts(bornes[k + 1])}",
                           "ordre": k + 1, "part": compte / n, "Part": fmt.pourcentage(compte / n, 0)})
    scenarios = (
        alt.Chart(pd.DataFrame(lignes), title=f"{fmt.nombre(mc.scenarios)} scénarios simulés (première période)")
        .mark_bar(color="#1565c0")
        .encode(y=alt.Y("Tranche:N", sort=alt.SortField("ordre"), title="Enveloppe",
                        axis=alt.Axis(labelLimit=220)),
                x=alt.X("part:Q", axis=alt.Axis(format="%", title="Part des scénarios")),
                tooltip=["Tranche", "Part"])
        .properties(height=320)
    )
    passe = pd.DataFrame([{"Exercice": lg.periode, "euros": (lg.enveloppe_centimes or 0) / 100,
                           "Enveloppe": fmt.montant(lg.enveloppe_centimes) if lg.enveloppe_centimes is not None
                           else "—",
                           "Étiquette": _euros_courts((lg.enveloppe_centimes or 0) / 100)
                           if lg.enveloppe_centimes is not None else "—",
                           "Résultat": "versée" if lg.verse else ("non calculable" if lg.verse is None else "rien versé")}
                          for lg in bt.lignes])
    base = alt.Chart(passe, title="Vos exercices passés").encode(
        x=alt.X("Exercice:N", sort=None, axis=alt.Axis(labelAngle=0)))
    barres = base.mark_bar().encode(
        y=alt.Y("euros:Q", axis=_axe_euros("Enveloppe")),
        color=alt.Color("Résultat:N", scale=alt.Scale(domain=["versée", "rien versé", "non calculable"],
                                                      range=["#2e7d32", "#c62828", "#9e9e9e"]),
                        legend=alt.Legend(orient="bottom", title=None)),
        tooltip=["Exercice", "Enveloppe", "Résultat"])
    etiquettes = base.mark_text(dy=-8, fontSize=12).encode(y="euros:Q", text="Étiquette:N")
    return (_accessible((barres + etiquettes).properties(height=320),
                        "Graphique en barres : l'enveloppe qu'aurait versée la formule pour chaque exercice passé."),
            _accessible(scenarios, "Graphique en barres : la part des scénarios simulés par tranche d'enveloppe."))


def repartition(lignes: list[dict[str, Any]]) -> Any:
    import altair as alt
    import pandas as pd

    from interessement.format import montant as montant_rapide

    df = pd.DataFrame([{"Salarié": lg["nom"] or lg["identifiant"], "euros": lg["montant_centimes"] / 100,
                        "Montant": montant_rapide(lg["montant_centimes"]),
                        "Plafond": "plafond individuel atteint" if lg["plafonne"] else "sous le plafond"}
                       for lg in lignes])
    if df.empty:
        return _accessible(alt.Chart(pd.DataFrame({"x": []})).mark_bar(), "Graphique vide : aucun salarié.")
    return _accessible((
        alt.Chart(df, title="Prime de chaque salarié")
        .mark_bar()
        .encode(
            # Chaque barre a son nom : sans labelOverlap=False, Vega masque un nom sur deux dès 20 salariés.
            x=alt.X("Salarié:N", sort="-y", axis=alt.Axis(labels=len(df) <= 40, labelAngle=-45, title=None,
                                                          labelOverlap=False, labelLimit=160)),
            y=alt.Y("euros:Q", axis=_axe_euros("Prime brute")),
            color=alt.Color("Plafond:N", scale=alt.Scale(domain=["sous le plafond", "plafond individuel atteint"],
                                                         range=["#1565c0", "#e65100"]),
                            legend=alt.Legend(orient="bottom", title=None)),
            tooltip=["Salarié", "Montant", "Plafond"],
        )
        .properties(height=340)
    ), "Graphique en barres : la prime brute de chaque salarié, de la plus forte à la plus faible.")


CATEGORIES = {"mise_en_place": "Mise en place", "controle": "Contrôle de l'Urssaf", "versement": "Versement",
              "renouvellement": "Renouvellement"}


def calendrier(echeances: list[Any]) -> Any:
    import altair as alt
    import pandas as pd

    lignes = []
    for e in echeances:
        fin = e.date_fin or e.date
        lignes.append({"debut": e.date.isoformat(), "fin": fin.isoformat(), "Étape": e.libelle,
                       "Quand": fmt.date_longue(e.date) + (f" → {fmt.date_longue(fin)}" if fin != e.date else ""),
                       "Catégorie": CATEGORIES.get(e.categorie, e.categorie), "Référence": e.reference})
    df = pd.DataFrame(lignes)
    base = alt.Chart(df, title="Le calendrier de l'accord").encode(
        y=alt.Y("Catégorie:N", title=None, sort=list(CATEGORIES.values())),
        color=alt.Color("Catégorie:N", legend=None),
        tooltip=["Étape", "Quand", "Référence"],
    )
    points = base.mark_point(filled=True, size=90).encode(x=alt.X("debut:T", title=None,
                                                                   axis=alt.Axis(format="%m/%Y")))
    fenetres = base.mark_bar(opacity=0.35, height=10).encode(x="debut:T", x2="fin:T")
    return _accessible((fenetres + points).properties(height=260),
                       "Frise du calendrier de l'accord : chaque échéance est aussi dans le tableau ci-dessous.")


def echeancier_versement(echeances: list[Any]) -> Any:
    """La frise des dates d'un versement : une ligne par étape, dans l'ordre des dates."""
    import altair as alt
    import pandas as pd

    df = pd.DataFrame([{"date": e.date.isoformat(), "Étape": e.libelle, "Quand": fmt.date_longue(e.date),
                        "Référence": e.reference} for e in echeances])
    if df.empty:
        return _accessible(alt.Chart(pd.DataFrame({"x": []})).mark_point(), "Frise vide : aucune date.")
    ordre = list(df["Étape"])
    base = alt.Chart(df, title="Les dates du versement").encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%d/%m/%Y", labelAngle=-30)),
        y=alt.Y("Étape:N", title=None, sort=ordre, axis=alt.Axis(labelLimit=420)),
        tooltip=["Étape", "Quand", "Référence"],
    )
    return _accessible((base.mark_rule(opacity=0.25) + base.mark_point(filled=True, size=90, color="#1565c0"))
                       .properties(height=34 * len(df) + 40),
                       "Frise des dates du versement : chaque date est aussi dans le tableau.")
