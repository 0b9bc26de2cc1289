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
        .properties(height=260)
    ), "Graphique en barres : l'enveloppe qu'aurait versée la formule pour chaque exercice passé.")


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
            x=alt.X("Salarié:N", sort="-y", axis=alt.Axis(labels=len(df) <= 40, labelAngle=-45, title=None)),
            y=alt.Y("euros:Q", axis=_axe_euros("Prime brute")),
            color=alt.Color("Plafond:N", scale=alt.Scale(domain=["sous le plafond", "plafond individuel atteint"],
                                                         range=["#1565c0", "#e65100"]),
                            legend=alt.Legend(orient="bottom", title=None)),
            tooltip=["Salarié", "Montant", "Plafond"],
        )
        .properties(height=280)
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
    return _accessible((fenetres + points).properties(height=220),
                       "Frise du calendrier de l'accord : chaque échéance est aussi dans le tableau ci-dessous.")
