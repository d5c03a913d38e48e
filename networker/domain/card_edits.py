"""What an edit in the contact panel makes of a postal address or a chat handle.

The panel shows an address's seven parts and its label, a handle's service, name and
label; the vCard details behind them (the TYPE spellings, kept parameters such as
PREF or X-…, the property a handle was written as: X-SKYPE or IMPP) stay with the
item for as long as they still describe what the user left, so an export gives
them back.
"""

from __future__ import annotations

from dataclasses import replace

from networker.domain.contacts import SERVICE_NAMES, Handle, PostalAddress

# The labels a vCard says with TYPE (formats/vcard_lines.py); any other is written
# as X-LABEL.
ADDRESS_LABELS = ("home", "work", "other")
HANDLE_LABELS = ("work", "home", "other")
# The services offered for a new handle: (shown, vCard IMPP scheme).
HANDLE_SERVICES = (
    ("Skype", "skype"), ("Jabber", "xmpp"), ("Matrix", "matrix"), ("Google Talk", "gtalk"),
    ("AIM", "aim"), ("MSN", "msn"), ("Yahoo", "ymsgr"), ("ICQ", "icq"), ("QQ", "qq"),
    ("SIP", "sip"), ("IRC", "irc"), ("Twitter", "twitter"),
)  # fmt: skip
# An address's parameters that restate its old content (the printed label, the
# coordinates): wrong once its parts change, so they go; PREF, X-… and the rest stay.
_STALE_WITH_PARTS = frozenset({"LABEL", "GEO"})


def service_scheme(shown: str) -> str:
    """The IMPP scheme for a service typed or chosen by name ("Jabber" -> "xmpp"); a
    service Networker does not know becomes its own scheme ("Signal" -> "signal")."""
    shown = " ".join(shown.split())
    for name, scheme in HANDLE_SERVICES:
        if name.casefold() == shown.casefold():
            return scheme
    for scheme, name in SERVICE_NAMES.items():
        if name.casefold() == shown.casefold():
            return scheme
    # RFC 3986: a scheme is letters, digits, "+", "-" and "."
    return "".join(c for c in shown.lower() if c.isascii() and (c.isalnum() or c in "+-."))


def edited_address(old: PostalAddress | None, new: PostalAddress) -> PostalAddress:
    """``new`` (as the panel reads it, without types or parameters) with what ``old``
    kept that still holds: its types while its label is the same, its parameters
    (all of them while its parts are the same, the LABEL and GEO that restate the
    old parts dropped once they change)."""
    if old is None:
        return new
    if new.parts() == old.parts():
        params = old.params
    else:
        params = tuple(
            p for p in old.params if p.partition("=")[0].upper() not in _STALE_WITH_PARTS
        )
    return replace(new, types=old.types if new.label == old.label else (), params=params)


def edited_handle(old: Handle | None, shown: str, address: str, label: str) -> Handle:
    """The handle a panel row holds: ``shown`` is the service as the row shows it. While
    the service is the one ``old`` had, the handle keeps its scheme, the property it
    was written as (X-SKYPE stays X-SKYPE) and its X-SERVICE-TYPE; a new service is
    written as IMPP."""
    if old is None:
        return Handle(service_scheme(shown), address, label)
    types = old.types if label == old.label else ()
    if " ".join(shown.split()) == old.service_name():
        return replace(old, address=address, label=label, types=types)
    return Handle(service_scheme(shown), address, label, types)
