"""Les mots de Streamlit lui-même en français (ses widgets écrivent en anglais dans le navigateur).

Ce que l'on peut faire côté serveur l'est côté serveur (dates saisies en JJ/MM/AAAA et lues par ``champs``,
bornes des nombres contrôlées par ``champs`` avec un message français, options de ``.streamlit/config.toml``).
Pour le reste, seul le navigateur connaît le texte : un petit script, envoyé une fois par page, remplace les
textes et les attributs lus par les lecteurs d'écran (``aria-label``, ``title``, ``placeholder``…) d'après un
seul dictionnaire, ``ressources/streamlit_fr.yaml``, et met la langue de la page à ``fr``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RESSOURCES = Path(__file__).parent / "ressources"
DICTIONNAIRE = RESSOURCES / "streamlit_fr.yaml"
SCRIPT = RESSOURCES / "traduction.js"
ACCESSIBILITE = RESSOURCES / "accessibilite.js"  # focus sur le titre de l'étape après chaque changement d'étape


@lru_cache(maxsize=1)
def dictionnaire() -> dict[str, Any]:
    """``{"textes": {anglais: français}, "motifs": [{"anglais": regex, "francais": remplacement}], "icones": {}}``."""
    donnees = yaml.safe_load(DICTIONNAIRE.read_text(encoding="utf-8")) or {}
    inconnues = set(donnees) - {"textes", "motifs", "prefixes", "icones"}
    if inconnues:
        raise ValueError(f"{DICTIONNAIRE.name} : sections inconnues {sorted(inconnues)}")
    return {"textes": {str(k): str(v) for k, v in (donnees.get("textes") or {}).items()},
            "motifs": [{"anglais": str(m["anglais"]), "francais": str(m["francais"])}
                       for m in donnees.get("motifs") or []],
            "prefixes": {str(k): str(v) for k, v in (donnees.get("prefixes") or {}).items()},
            "icones": {str(k): str(v) for k, v in (donnees.get("icones") or {}).items()}}


def _json_dans_script(objet: Any) -> str:
    # « </script> » dans une chaîne fermerait la balise : on échappe « </ ».
    return json.dumps(objet, ensure_ascii=False).replace("</", "<\\/")


@lru_cache(maxsize=1)
def html() -> str:
    """Le fragment HTML (scripts) à passer à ``st.html(..., unsafe_allow_javascript=True)`` : le dictionnaire, la
    traduction, l'accessibilité (focus sur le titre de l'étape)."""
    return (f"<script>window.__dictionnaireFr = {_json_dans_script(dictionnaire())};</script>"
            f"<script>{SCRIPT.read_text(encoding='utf-8')}</script>"
            f"<script>{ACCESSIBILITE.read_text(encoding='utf-8')}</script>")


def traduire(texte: str) -> str | None:
    """La traduction qu'appliquerait le navigateur (mêmes règles que ``traduction.js``), pour les tests."""
    import re

    t = texte.strip()
    d = dictionnaire()
    if t in d["textes"]:
        return d["textes"][t]
    for m in d["motifs"]:
        motif = re.compile(m["anglais"])
        if motif.search(t):
            return motif.sub(re.sub(r"\$(\d)", r"\\\1", m["francais"]), t, count=1)
    for anglais, francais in d["prefixes"].items():
        if t.startswith(anglais) and len(t) > len(anglais):
            reste = t[len(anglais):]
            return francais + (traduire(reste) or reste)
    return None
