"""Which legacy encoding a file that is not UTF-8 was written in.

Windows-1252 decodes any byte string, so trying it alone never fails and turns a
Japanese Windows export (Shift_JIS) into silent mojibake. Shift_JIS (as Windows writes
it: cp932) is chosen only when the bytes decode cleanly as it and read as Japanese:
kana, or common (JIS level 1) kanji, make up the text beyond ASCII. Western text read as
Shift_JIS gives something else: an accented capital becomes a half-width katakana, and
an accented small letter followed by a letter becomes a rare (level 2) kanji.
Known limit: Czech or Polish text in Windows-1252 where Š or Ž is followed by a letter
can read as level-1 kanji; such a file would be reported "read as Shift_JIS".
"""

from __future__ import annotations

FALLBACK = "cp1252"
JAPANESE = "cp932"

ENCODING_NAMES = {FALLBACK: "Windows-1252", JAPANESE: "Shift_JIS"}


def _is_kana(c: str) -> bool:
    return "\u3040" <= c <= "\u30ff"


def _is_common_kanji(c: str) -> bool:
    """A kanji whose Shift_JIS lead byte is 0x88-0x9F (JIS X 0208 level 1)."""
    if not "\u4e00" <= c <= "\u9fff":
        return False
    try:
        return 0x88 <= c.encode(JAPANESE)[0] <= 0x9F
    except UnicodeEncodeError:
        return False


def _is_japanese(c: str) -> bool:
    return (
        _is_kana(c)
        or "\u4e00" <= c <= "\u9fff"  # kanji
        or "\u3000" <= c <= "\u303f"  # Japanese punctuation
        or "\uff00" <= c <= "\uffef"  # full- and half-width forms
    )


def _reads_as_japanese(text: str) -> bool:
    beyond_ascii = [c for c in text if ord(c) > 0x7F]
    if not beyond_ascii or any("\ue000" <= c <= "\uf8ff" for c in beyond_ascii):
        return False  # nothing to judge, or bytes Shift_JIS leaves to private use
    kana = sum(1 for c in beyond_ascii if _is_kana(c))
    common_kanji = sum(1 for c in beyond_ascii if _is_common_kanji(c))
    japanese = sum(1 for c in beyond_ascii if _is_japanese(c))
    return (kana >= 1 or common_kanji >= 2) and japanese >= 0.9 * len(beyond_ascii)


def legacy_encoding(sample: bytes) -> str:
    """The encoding to read ``sample`` (not valid UTF-8) with: Shift_JIS or Windows-1252.

    A sample cut in the middle of a character is fine: its last bytes are ignored.
    """
    try:
        text = sample.decode(JAPANESE)
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 1:
            return FALLBACK
        text = sample[: exc.start].decode(JAPANESE)
    return JAPANESE if _reads_as_japanese(text) else FALLBACK
