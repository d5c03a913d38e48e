"""A card's logical lines as written: group, name, parameters and raw value, with the
vCard text escapes and the TYPE parameter <-> label rules.

vobject reads a value as its own idea of the property (it keeps the first of a
comma list, drops 2.1's bare parameters, escapes a structured value it does not know),
so what must come back exactly is read from the lines themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from networker.domain.contacts import normalize_label

_PROPERTY = re.compile(r'^(?:([\w-]+)\.)?([\w-]+)((?:;(?:"[^"]*"|[^":;])*)*):(.*)$', re.DOTALL)
_PARAM = re.compile(r';((?:"[^"]*"|[^";:])*)')
# The escapes of RFC 6350 3.4, and Apple's "\:" (http\://...); any other backslash is text.
_ESCAPED = re.compile(r"\\([nN\\,;:])")
_PARAM_NAME = re.compile(r"^[A-Za-z0-9-]+$")
# Bare 2.1 parameters that say how a value is written, not what it is.
_NOT_TYPES = frozenset({"QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"})


@dataclass(frozen=True)
class RawProperty:
    group: str  # "item1", or ""
    name: str  # upper case
    params: tuple[tuple[str, str | None], ...]  # (name upper case, value as written or None)
    value: str  # the value as written (escaped)
    line: str  # the whole logical line

    def well_formed(self) -> bool:
        """Whether every parameter has a name (``TAIL;PARAM=value;:x`` has an empty one):
        a line strict readers refuse is never written back."""
        return all(_PARAM_NAME.match(key) for key, _value in self.params)

    def param(self, key: str) -> str | None:
        return next((v for k, v in self.params if k == key and v is not None), None)

    def types(self) -> tuple[str, ...]:
        """TYPE values as written: TYPE=work,fax, TYPE=work;TYPE=fax and 2.1's ;WORK;FAX."""
        found: list[str] = []
        for key, value in self.params:
            if key == "TYPE" and value is not None:
                found += [t.strip().strip('"') for t in value.strip('"').split(",")]
            elif value is None and key not in _NOT_TYPES:
                found += self.written_key(key).split(",")  # 2.1's ;MSG,WORK
        return tuple(t for t in (normalize_label(t) for t in found) if t)

    def written_key(self, key: str) -> str:
        # A bare parameter keeps the case it was written in.
        for raw in _PARAM.findall(self.line.split(":", 1)[0]):
            if raw.upper() == key:
                return str(raw)
        return key


def raw_properties(text: str) -> list[RawProperty]:
    """The card's logical lines (already unfolded), BEGIN, END and VERSION left out.
    A line that is no property continues the one before when that one is base64
    (2.1 writes base64 over several lines); otherwise it is ignored."""
    found: list[RawProperty] = []
    for line in text.split("\n"):
        line = line.rstrip("\r")
        match = _PROPERTY.match(line)
        if match is None:
            if found and line.strip() and _is_base64(found[-1]):
                last = found[-1]
                more = line.strip()
                found[-1] = RawProperty(
                    last.group, last.name, last.params, last.value + more, last.line + more
                )
            continue
        group, name, params, value = match.groups()
        name = name.upper()
        if name in ("BEGIN", "END", "VERSION"):
            continue
        parsed = []
        for raw in _PARAM.findall(params):
            key, sep, given = raw.partition("=")
            parsed.append((key.strip().upper(), given if sep else None))
        found.append(RawProperty(group or "", name, tuple(parsed), value, line))
    return found


def _is_base64(prop: RawProperty) -> bool:
    return any(
        (k == "ENCODING" and (v or "").strip('"').upper() in ("B", "BASE64")) or k == "BASE64"
        for k, v in prop.params
    )


def unescape(value: str) -> str:
    """A text value without its escapes: \\n a line break, \\, \\; \\: \\\\ themselves."""
    if "\\" not in value:
        return value
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def escape(value: str) -> str:
    """A text value as vCard writes it (RFC 6350 3.4): \\ , ; and line breaks escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def split_unescaped(value: str, separator: str) -> list[str]:
    """Split on ``separator`` where it is not escaped; the parts keep their escapes."""
    if "\\" not in value:
        return value.split(separator)  # the usual case, at C speed
    parts, current, index = [], [], 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            current.append(value[index : index + 2])
            index += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def components(value: str, count: int) -> list[str]:
    """A structured value (N, ADR, ORG) as ``count`` parts, each unescaped; a part that
    is a comma list is joined with ", " (N's "Richter,James" is "Richter, James")."""
    parts = split_unescaped(value, ";")
    parts = (parts + [""] * count)[:count] if count else parts
    return [", ".join(unescape(p) for p in split_unescaped(part, ",")) for part in parts]


# TYPE words and the labels they make: a place and a device ("work fax").
_PLACES = ("work", "home", "other")
_DEVICES = {"cell": "mobile", "mobile": "mobile", "fax": "fax", "pager": "pager"}
_WRITTEN = {"mobile": "CELL"}


def label_from_types(types: tuple[str, ...]) -> str:
    lowered = {t.lower() for t in types}
    place = next((p for p in _PLACES if p in lowered), "")
    device = next((d for t, d in _DEVICES.items() if t in lowered), "")
    return " ".join(w for w in (place, device) if w)


def canonical_types(label: str) -> tuple[str, ...] | None:
    """The TYPE values Networker writes for a label of its own ("work fax" -> WORK,
    FAX), or None for a custom label ("Assistant"), which is written as X-LABEL."""
    words = label.split()
    if any(w not in _PLACES and w not in _DEVICES.values() for w in words):
        return None
    types = tuple(_WRITTEN.get(w, w.upper()) for w in words)
    return types if label_from_types(types) == label else None


def kept_types(label: str, types: tuple[str, ...]) -> tuple[str, ...]:
    """The types worth keeping with a label: none when they are what Networker would
    write for it anyway."""
    return () if canonical_types(label) == types else types


def types_to_write(label: str, types: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """(TYPE values, X-LABEL or "") for an item: the types as the client wrote them
    while the label is still theirs; a label the user changed decides alone."""
    if types and label_from_types(types) == label:
        return types, ""
    canonical = canonical_types(label)
    if canonical is not None:
        return canonical, ""
    return types, label
