"""Machine à états (Hypothesis) sur l'assistant : des suites aléatoires de navigations et de saisies ne lèvent
jamais d'erreur, le brouillon reste l'unique source de vérité (chaque widget réaffiché montre la valeur du
brouillon) et la base contient toujours le brouillon de la session (un rechargement le retrouve tel quel)."""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path

import pytest
from chemins import RACINE
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from streamlit.testing.v1 import AppTest

ETAPES = ["entreprise", "mise_en_place", "dates", "beneficiaires", "formule", "repartition", "versement",
          "information", "revue", "documents"]
NOMS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàç &'-ABCDEFGHIJ", min_size=1, max_size=30).map(str.strip).filter(
    bool)


class Assistant(RuleBasedStateMachine):
    @initialize()
    def demarrer(self) -> None:
        self.dossier = tempfile.TemporaryDirectory()
        self.base = Path(self.dossier.name) / "b.sqlite3"
        self.ancien = os.environ.get("INTERESSEMENT_BROUILLONS")
        os.environ["INTERESSEMENT_BROUILLONS"] = str(self.base)
        self.at = AppTest.from_file(str(RACINE / "app.py"), default_timeout=60).run()
        self.raison_sociale = self.brouillon()["entreprise"]["raison_sociale"]
        self.effectif = self.brouillon()["entreprise"]["effectif"]

    def teardown(self) -> None:
        if self.ancien is None:
            os.environ.pop("INTERESSEMENT_BROUILLONS", None)
        else:
            os.environ["INTERESSEMENT_BROUILLONS"] = self.ancien
        self.dossier.cleanup()

    def brouillon(self) -> dict:
        return self.at.session_state["assistant"]["accord"]

    def etape(self) -> str:
        return self.at.session_state["assistant"]["ui"]["etape"]

    @rule(etape=st.sampled_from(ETAPES))
    def aller(self, etape: str) -> None:
        self.at.button(key=f"nav_aller_{etape}").click().run()

    @rule()
    def suivant(self) -> None:
        boutons = [b for b in self.at.button if b.key == "nav_suivant"]
        if boutons:
            boutons[0].click().run()

    @rule(nom=NOMS)
    def renommer(self, nom: str) -> None:
        if self.etape() != "entreprise":
            self.at.button(key="nav_aller_entreprise").click().run()
        self.at.text_input(key="entreprise_raison_sociale").set_value(nom).run()
        self.raison_sociale = nom

    @rule(effectif=st.integers(min_value=1, max_value=400))
    def changer_effectif(self, effectif: int) -> None:
        if self.etape() != "entreprise":
            self.at.button(key="nav_aller_entreprise").click().run()
        self.at.number_input(key="entreprise_effectif").set_value(effectif).run()
        self.effectif = effectif

    @rule(parts=st.sampled_from([(0, 50, 50), (100, 0, 0), (20, 30, 50), (30, 30, 30)]))
    def changer_cles(self, parts: tuple[int, int, int]) -> None:
        if self.etape() != "repartition":
            self.at.button(key="nav_aller_repartition").click().run()
        for cle, valeur in zip(("uniforme", "presence", "salaire"), parts, strict=True):
            self.at.number_input(key=f"repartition_part_{cle}").set_value(float(valeur))
        self.at.run()

    @rule(seuil=st.integers(min_value=0, max_value=500_000))
    def changer_seuil(self, seuil: int) -> None:
        if self.etape() != "formule":
            self.at.button(key="nav_aller_formule").click().run()
        champs = [n for n in self.at.number_input if n.key == "formule_pr_seuil"]
        if champs:
            champs[0].set_value(seuil).run()

    @invariant()
    def jamais_d_erreur(self) -> None:
        if hasattr(self, "at"):
            assert not self.at.exception, [e.value for e in self.at.exception]

    @invariant()
    def le_brouillon_garde_les_saisies(self) -> None:
        if not hasattr(self, "at"):
            return
        e = self.brouillon()["entreprise"]
        assert e["raison_sociale"] == self.raison_sociale
        assert e["effectif"] == self.effectif
        if self.etape() == "entreprise":
            assert self.at.text_input(key="entreprise_raison_sociale").value == self.raison_sociale
            assert self.at.number_input(key="entreprise_effectif").value == self.effectif

    @invariant()
    def la_base_contient_le_brouillon(self) -> None:
        if not hasattr(self, "at"):
            return
        jeton = self.at.session_state["assistant"]["jeton"]
        ligne = None
        if self.base.exists():
            with sqlite3.connect(self.base) as cx:
                ligne = cx.execute("SELECT contenu FROM brouillons WHERE jeton = ?", (jeton,)).fetchone()
        if ligne is None:  # aucune ligne tant que rien n'est saisi (issue 13) : le brouillon est encore vierge
            assert self.at.session_state["assistant"]["version"] is None
            assert self.brouillon()["entreprise"]["raison_sociale"] == ""
            return
        assert json.loads(ligne[0])["accord"] == json.loads(json.dumps(self.brouillon()))


Assistant.TestCase.settings = settings(max_examples=6, stateful_step_count=8, deadline=None,
                                       suppress_health_check=[HealthCheck.too_slow])
test_assistant_machine_a_etats = pytest.mark.lent(Assistant.TestCase)
