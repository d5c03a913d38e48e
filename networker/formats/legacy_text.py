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

import itertools
import re

FALLBACK = "cp1252"
JAPANESE = "cp932"

ENCODING_NAMES = {FALLBACK: "Windows-1252", JAPANESE: "Shift_JIS"}


# Character classes, counted with the re module: a CSV sample is up to 4 MB, and a
# Python loop per character took 0.9 s for it (on every read of the file).
_BEYOND_ASCII = re.compile("[^\x00-\x7f]")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")  # bytes Shift_JIS leaves to private use
_KANA = re.compile("[\u3040-\u30ff]")  # hiragana, katakana
_KANJI = re.compile("[\u4e00-\u9fff]")
_JAPANESE = re.compile(
    "[\u3040-\u30ff"  # kana
    "\u4e00-\u9fff"  # kanji
    "\u3000-\u303f"  # Japanese punctuation
    "\uff00-\uffef]"  # full- and half-width forms
)


def _is_common_kanji(kanji: str) -> bool:
    """A kanji whose Shift_JIS lead byte is 0x88-0x9F (JIS X 0208 level 1)."""
    try:
        return 0x88 <= kanji.encode(JAPANESE)[0] <= 0x9F
    except UnicodeEncodeError:
        return False


def _reads_as_japanese(text: str) -> bool:
    beyond_ascii = len(_BEYOND_ASCII.findall(text))
    if not beyond_ascii or _PRIVATE_USE.search(text):
        return False  # nothing to judge, or not text Shift_JIS writes
    if len(_JAPANESE.findall(text)) < 0.9 * beyond_ascii:
        return False
    if _KANA.search(text):
        return True
    common = (m for m in _KANJI.finditer(text) if _is_common_kanji(m.group()))
    return len(list(itertools.islice(common, 2))) == 2


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
