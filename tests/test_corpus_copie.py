"""La copie versionnée du corpus de développement (tests/corpus_dev) est identique à l'original
(shared/corpus-dev) quand celui-ci est présent à côté du dépôt ; sur un clone seul, la copie fait foi."""

import filecmp

from chemins import CORPUS_DEV, CORPUS_TEXTES, SHARED

ORIGINAL = SHARED / "corpus-dev"


def test_corpus_present_dans_le_depot():
    assert len(list(CORPUS_TEXTES.glob("*.txt"))) == 14
    assert len(list(CORPUS_TEXTES.glob("*.json"))) == 14
    assert "entries:" in (CORPUS_DEV / "labels.yaml").read_text(encoding="utf-8")


def test_copie_identique_a_shared():
    if not ORIGINAL.is_dir():
        return
    for f in [ORIGINAL / "labels.yaml", ORIGINAL / "README.md", *sorted((ORIGINAL / "texts").iterdir())]:
        copie = CORPUS_DEV / f.relative_to(ORIGINAL)
        assert copie.is_file() and filecmp.cmp(f, copie, shallow=False), f"{copie} diffère de {f} : recopiez-le"
