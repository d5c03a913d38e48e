"""Folding an imported contact into a stored one: add what is new, fill what is empty,
and keep the user's own value wherever the two differ."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, TypeVar

from networker.domain.contacts import ContactDraft, Handle, LabeledValue, phone_digits
from networker.domain.matching import phone_key

T = TypeVar("T")


def _key(kind: str, value: str, region: str = "") -> str:
    """What makes two values one: a phone number in E.164 (read in ``region`` when it
    has no country code: 555-555-1111 and +1 555 555 1111 are one number in the US;
    by its digits when it is too short to tell), an address without case."""
    if kind == "phones":
        return phone_key(value, region) or phone_digits(value) or value
    return value.casefold().strip()


def _union(
    kind: str, mine: list[LabeledValue], theirs: list[LabeledValue], region: str = ""
) -> list[LabeledValue]:
    seen = {_key(kind, item.value, region) for item in mine}
    merged = list(mine)
    for item in theirs:
        key = _key(kind, item.value, region)
        if key not in seen:
            seen.add(key)
            merged.append(item)
    return merged


def _added(mine: list[T], theirs: list[T], key: Callable[[T], object]) -> list[T]:
    """``mine``, then the items of ``theirs`` it does not hold yet (by ``key``)."""
    seen = {key(item) for item in mine}
    return list(mine) + [item for item in theirs if key(item) not in seen]


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _units(mine: ContactDraft, theirs: ContactDraft) -> list[str]:
    # Units belong to the organization they came with: taken only with it, or to fill
    # those of the same organization.
    if not mine.organization or (
        not mine.org_units and _folded(mine.organization) == _folded(theirs.organization)
    ):
        return list(theirs.org_units)
    return list(mine.org_units)


def _handle_key(handle: Handle) -> tuple[str, str]:
    return handle.service.casefold(), _folded(handle.address)


def merge(mine: ContactDraft, theirs: ContactDraft, *, phone_region: str = "") -> ContactDraft:
    """``mine`` with what ``theirs`` adds; equal to ``mine`` when nothing is new.
    ``phone_region``: the country numbers without a code are read in."""
    text_fields = (
        "given_name", "family_name", "organization", "title", "notes", "how_we_met", "school",
        "name_prefix", "middle_name", "name_suffix", "gender",
    )  # fmt: skip
    filled = {name: getattr(mine, name) or getattr(theirs, name) for name in text_fields}
    tags = list(mine.tags)
    known = {t.casefold() for t in tags}
    tags += [t for t in theirs.tags if t.casefold() not in known]
    extras = list(mine.extras) + [line for line in theirs.extras if line not in mine.extras]
    return replace(
        mine,
        **filled,
        display_name=mine.display_name or theirs.display_name,
        emails=_union("emails", mine.emails, theirs.emails),
        phones=_union("phones", mine.phones, theirs.phones, phone_region),
        urls=_union("urls", mine.urls, theirs.urls),
        birthday=mine.birthday or theirs.birthday,
        photo=mine.photo or theirs.photo,
        tags=tags,
        strength=mine.strength if mine.strength is not None else theirs.strength,
        cadence_days=mine.cadence_days if mine.cadence_days is not None else theirs.cadence_days,
        uid=mine.uid or theirs.uid,
        extras=extras,
        nicknames=_added(mine.nicknames, theirs.nicknames, _folded),
        org_units=_units(mine, theirs),
        more_titles=_added(mine.more_titles, theirs.more_titles, _folded),
        roles=_added(mine.roles, theirs.roles, _folded),
        addresses=_added(mine.addresses, theirs.addresses, lambda a: _folded(a.one_line())),
        handles=_added(mine.handles, theirs.handles, _handle_key),
        dates=_added(mine.dates, theirs.dates, lambda d: (d.label.casefold(), d.value)),
        related=_added(mine.related, theirs.related, lambda r: _folded(r.value)),
    )


def edited_over(base: ContactDraft, mine: ContactDraft, theirs: ContactDraft) -> ContactDraft:
    """An edit of ``base`` saved over a contact that changed meanwhile (an import in
    another window or a terminal): the fields the user edited take the editor's value,
    every other field keeps what the contact holds now (``theirs``)."""
    edited = {
        name: getattr(mine, name)
        for name in ContactDraft.__dataclass_fields__
        if getattr(mine, name) != getattr(base, name)
    }
    return replace(theirs, **edited)


def same_contact(a: ContactDraft, b: ContactDraft) -> bool:
    """Equal as stored: tags compare without regard to order or case."""
    return replace(a, tags=sorted(t.casefold() for t in a.tags)) == replace(
        b, tags=sorted(t.casefold() for t in b.tags)
    )


def describe(before: ContactDraft, after: ContactDraft) -> tuple[str, ...]:
    """What a merge changes, in words: "email: ada@x.example", "title: Countess"."""
    lines: list[str] = []
    for name, label in (("emails", "email"), ("phones", "phone"), ("urls", "web")):
        known = {v.value for v in getattr(before, name)}
        lines += [f"{label}: {v.value}" for v in getattr(after, name) if v.value not in known]
    lines += [f"address: {a.one_line()}" for a in after.addresses if a not in before.addresses]
    lines += [f"handle: {h.shown()}" for h in after.handles if h not in before.handles]
    for name in ("nicknames", "more_titles", "roles"):
        known = set(getattr(before, name))
        lines += [f"{name.rstrip('s').replace('_', ' ')}: {v}" for v in getattr(after, name)
                  if v not in known]  # fmt: skip
    for name in ("given_name", "family_name", "organization", "title", "school", "how_we_met",
                 "name_prefix", "middle_name", "name_suffix", "gender"):  # fmt: skip
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            was = f" (was {old})" if old else ""
            lines.append(f"{name.replace('_', ' ')}: {new}{was}")
    if before.birthday != after.birthday and after.birthday:
        lines.append(f"birthday: {after.birthday.iso()}")
    if before.notes != after.notes:
        lines.append("notes added")
    if before.photo != after.photo:
        lines.append("photo added")
    known_tags = {t.casefold() for t in before.tags}
    lines += [f"tag: {t}" for t in after.tags if t.casefold() not in known_tags]
    if len(after.extras) > len(before.extras):
        lines.append(f"{len(after.extras) - len(before.extras)} other vCard properties")
    return tuple(lines)


# What a file said: remembered per contact and file (8 bytes a value), so that the next
# import of that file does not add back what the user has removed or changed since
# (a three-way merge: the file then, the contact now, the file now).
_SCALARS = (
    "given_name", "family_name", "display_name", "organization", "title", "notes",
    "how_we_met", "school", "name_prefix", "middle_name", "name_suffix", "gender",
)  # fmt: skip
_DIGEST = 8


def _digest(key: str) -> bytes:
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=_DIGEST).digest()


def _keys(draft: ContactDraft) -> Iterator[tuple[str, str]]:
    """(field, key) for each value ``draft`` holds, keys compared as a user would: case
    and spacing aside, phone numbers by their digits."""
    for name in _SCALARS:
        if value := getattr(draft, name):
            yield name, f"{name}={_folded(value)}"
    for item in draft.emails:
        yield "emails", f"email={_folded(item.value)}"
    for item in draft.phones:
        yield "phones", f"phone={phone_digits(item.value) or _folded(item.value)}"
    for item in draft.urls:
        yield "urls", f"url={_folded(item.value)}"
    for tag in draft.tags:
        yield "tags", f"tag={_folded(tag)}"
    for name in ("nicknames", "more_titles", "roles"):
        for text in getattr(draft, name):
            yield name, f"{name}={_folded(text)}"
    for address in draft.addresses:
        yield "addresses", f"address={_folded(address.one_line())}"
    for handle in draft.handles:
        yield "handles", "handle={}|{}".format(*_handle_key(handle))
    for item in draft.dates:
        yield "dates", f"date={item.label.casefold()}|{item.value}"
    for item in draft.related:
        yield "related", f"related={_folded(item.value)}"
    if draft.birthday is not None:
        yield "birthday", f"birthday={draft.birthday.iso()}"
    if draft.photo:
        yield "photo", "photo=" + hashlib.blake2b(draft.photo, digest_size=_DIGEST).hexdigest()
    if draft.strength is not None:
        yield "strength", f"strength={draft.strength}"
    if draft.cadence_days is not None:
        yield "cadence_days", f"cadence={draft.cadence_days}"


def said(draft: ContactDraft) -> bytes:
    """What a file's record says, as the digests of its values (stored per contact and
    file by the import)."""
    return b"".join(sorted({_digest(key) for _field, key in _keys(draft)}))


def _digests(blob: bytes) -> set[bytes]:
    return {blob[i : i + _DIGEST] for i in range(0, len(blob), _DIGEST)}


def left_out(theirs: ContactDraft, mine: ContactDraft, said_before: bytes) -> ContactDraft:
    """``theirs`` without what the same file said last time and ``mine`` no longer
    holds: the user removed, changed or emptied it since, and the file saying it again
    is no reason to bring it back. A value the file says for the first time stays."""
    declined = _digests(said_before) - {_digest(key) for _field, key in _keys(mine)}
    if not declined:
        return theirs
    keep: dict[str, list[object]] = {}
    dropped: set[str] = set()
    for name, key in _keys(theirs):
        # A single value (a title) the contact holds another of was never taken: the
        # file disagrees, as before, and the import says so; one the user emptied stays
        # empty. Every value of a list was added, so one missing now was taken out.
        single = not isinstance(getattr(theirs, name), list)
        if _digest(key) in declined and not (single and getattr(mine, name) not in ("", None)):
            dropped.add(name)
            keep.setdefault(name, []).append(None)
        else:
            keep.setdefault(name, []).append(key)
    if not dropped:
        return theirs
    changes: dict[str, Any] = {}
    for name in dropped:
        value = getattr(theirs, name)
        if isinstance(value, list):  # the values whose key was not declined, in order
            changes[name] = [v for v, key in zip(value, keep[name], strict=True) if key]
        elif name in ("strength", "cadence_days", "birthday", "photo"):
            changes[name] = None
        else:
            changes[name] = ""
    return replace(theirs, **changes)
