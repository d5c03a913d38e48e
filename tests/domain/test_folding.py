import pytest

from networker.domain.folding import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("García Fernández", "garcia fernandez"),
        ("Müller", "muller"),
        ("JOSÉ", "jose"),
        ("Straße", "strasse"),
        ("Łódź", "lodz"),
        ("Søren Ærø", "soren aero"),
        ("Œuvre", "oeuvre"),
        ("ﬁnance", "finance"),
        ("İstanbul", "istanbul"),
        ("Ada Lovelace", "ada lovelace"),
        ("李小龙", "李小龙"),  # no case, no marks: as it is
        ("😀 Ann", "😀 ann"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_both_sides_fold_alike():
    for name in ("Zoë Saldaña", "Dvořák", "Ångström"):
        assert fold(fold(name)) == fold(name) == fold(name.upper())
