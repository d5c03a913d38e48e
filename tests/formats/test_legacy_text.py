"""Bytes that are not UTF-8: Shift_JIS when they read as Japanese, else Windows-1252."""

import pytest

from networker.formats.legacy_text import legacy_encoding


@pytest.mark.parametrize(
    "text",
    [
        "Zoë Ångström, Café Müller",
        "José Núñez — «naïve» façade",
        "½ price ™",
        "ÅSA ÖBERG",  # accented capitals: half-width katakana in Shift_JIS
        "Renée Hélène",  # é + letter: a valid but rare kanji
    ],
)
def test_western_text_stays_windows_1252(text):
    sample = text.encode("cp1252", errors="replace")
    assert legacy_encoding(sample) == "cp1252"


@pytest.mark.parametrize(
    "text", ["名無しの権兵衛", "株式会社テスト", "ﾃｽﾄ 株式会社", "山田 花子, 東京"]
)
def test_japanese_text_is_shift_jis(text):
    assert legacy_encoding(text.encode("shift_jis")) == "cp932"


def test_a_sample_cut_inside_a_character_still_reads_as_japanese():
    sample = "東京都千代田区".encode("shift_jis")
    assert legacy_encoding(sample[:-1]) == "cp932"


def test_bytes_valid_in_both_but_not_japanese_stay_windows_1252():
    # 0x82 0xA0 is a valid Shift_JIS pair, but one odd pair among Western text is not
    # Japanese: the share of Japanese characters decides.
    sample = "Ren\xe9e ".encode("latin-1") + b"caf\x82\xa0 " + "Zoë Ångström".encode("cp1252")
    assert legacy_encoding(sample) == "cp1252"
