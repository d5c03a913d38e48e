"""Files in and out (vCard, CSV, iCalendar): file <-> domain drafts. No Qt, no database.

``IMPORTABLE_TYPES`` is the one list of the files Networker opens: a drop, File > Import,
a double-click in a file manager (the packaging builds the desktop entry's MimeType, the
shared-mime-info globs and the Windows/macOS associations from it). The calendar adds
iCalendar (events) as the third.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    mime_type: str
    suffixes: tuple[str, ...]
    description: str
    # Other names the same files go by (older clients, other desktops).
    aliases: tuple[str, ...] = ()
    # The type code a Mac knows these files by (UTI), for the bundle's Info.plist.
    uti: str = ""


IMPORTABLE_TYPES = (
    FileType(
        "text/vcard",
        (".vcf", ".vcard"),
        "vCard contacts",
        aliases=("text/x-vcard", "text/directory"),
        uti="public.vcard",
    ),
    FileType(
        "text/csv",
        (".csv",),
        "Contacts table (CSV)",
        aliases=("text/x-csv", "text/comma-separated-values"),
        uti="public.comma-separated-values-text",
    ),
    FileType(
        "text/calendar",
        (".ics",),
        "iCalendar events",
        aliases=("text/x-vcalendar",),
        uti="com.apple.ical.ics",
    ),
)

IMPORTABLE_SUFFIXES = tuple(suffix for kind in IMPORTABLE_TYPES for suffix in kind.suffixes)


def open_dialog_filter() -> str:
    """The name filter of an "open file" dialog: every importable file, then each kind."""
    patterns = " ".join(f"*{suffix}" for suffix in IMPORTABLE_SUFFIXES)
    each = [
        f"{kind.description} ({' '.join(f'*{s}' for s in kind.suffixes)})"
        for kind in IMPORTABLE_TYPES
    ]
    return ";;".join([f"Contacts and events ({patterns})", *each, "All files (*)"])
