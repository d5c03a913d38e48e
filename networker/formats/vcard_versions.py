"""TYPE values and parameters spelled as the vCard version being written has them.

A card read from a 3.0 file and written as 4.0 (or the other way) would otherwise
keep the other version's spellings. Applied to what is written, whatever version the
card came in: a card written in the version it was read in comes back as it was read,
and an export read back and written again is the same text.

- 3.0 -> 4.0: TYPE=pref is PREF=1 (RFC 6350 5.3); EMAIL's INTERNET, 3.0's default,
  says nothing and is left out; the values RFC 6350 no longer has (EMAIL X400; TEL
  MSG, BBS, MODEM, CAR, ISDN, PCS; ADR DOM, INTL, POSTAL, PARCEL) are written as
  x-names (X-CAR): valid 4.0 that readers ignore, and 3.0 again when written as 3.0.
- 4.0 -> 3.0: a PREF parameter, of any value (3.0 has no ranks), is TYPE=PREF. The
  other 4.0 parameters (LABEL, MEDIATYPE, PID...) are kept: 3.0 (RFC 2425's
  text/directory) allows any parameter name, and vobject, khard's reader, takes them.
"""

from __future__ import annotations

# The 3.0 TYPE values each property lost in 4.0, lower case.
_ONLY_30 = {
    "EMAIL": frozenset({"x400"}),
    "TEL": frozenset({"msg", "bbs", "modem", "car", "isdn", "pcs"}),
    "ADR": frozenset({"dom", "intl", "postal", "parcel"}),
}
_DROPPED_IN_40 = {"EMAIL": frozenset({"internet"})}


def _is_pref(param: str) -> bool:
    return param.partition("=")[0].strip().upper() == "PREF"


def spelled_for(
    name: str, types: tuple[str, ...], params: tuple[str, ...], version: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(TYPE values, other parameters) of property ``name`` as ``version`` spells them."""
    if version == "4.0":
        return _to_40(name, types, params)
    return _to_30(name, types, params)


def _to_40(
    name: str, types: tuple[str, ...], params: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    only_30 = _ONLY_30.get(name, frozenset())
    dropped = _DROPPED_IN_40.get(name, frozenset())
    written: list[str] = []
    pref = False
    for value in types:
        lowered = value.lower()
        if lowered == "pref":
            pref = True
        elif lowered in only_30:
            written.append(f"X-{value}")
        elif lowered not in dropped:
            written.append(value)
    if pref and not any(_is_pref(p) for p in params):
        params = ("PREF=1", *params)
    return tuple(written), params


def _to_30(
    name: str, types: tuple[str, ...], params: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    only_30 = _ONLY_30.get(name, frozenset())
    # An x-name this module made of a 3.0 value (X-CAR) is that value again.
    written = tuple(
        t[2:] if t[:2].upper() == "X-" and t[2:].lower() in only_30 else t for t in types
    )
    kept = tuple(p for p in params if not _is_pref(p))
    if len(kept) < len(params) and not any(t.lower() == "pref" for t in written):
        lower = bool(written) and all(t == t.lower() for t in written)
        written += ("pref" if lower else "PREF",)
    return written, kept
