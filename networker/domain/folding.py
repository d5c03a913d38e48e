"""Text as a search compares it: case and accents folded the same way on both sides, so
"garcia" finds García, "muller" Müller, "jose" José, "strasse" Straße, "lodz" Łódź."""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter and a mark.
_WHOLE = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe",
     "ı": "i",  # noqa: RUF001 (the dotless i is the point)
     "ħ": "h", "ŧ": "t", "ŋ": "n", "ĸ": "q"}
)  # fmt: skip


def fold(text: str) -> str:
    """Casefolded (ß becomes ss), compatibility-decomposed (ﬁ becomes fi, ① becomes 1),
    combining marks dropped, and the few letters without a decomposition mapped."""
    if text.isascii():
        return text.casefold()  # most text: no Unicode work at all
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.translate(_WHOLE)
