"""Which links from contacts may be opened (RELIABILITY case 34): a web address, an
e-mail address or a phone number, and nothing else. Contact data comes from files
anyone can write, so a "web address" may be ``file:///…calc.exe``, ``smb://…``,
``javascript:…`` or a ``mailto:`` that attaches a private key; those are shown as text,
never handed to the desktop to open."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

WEB_SCHEMES = ("http", "https")
# mailto fields a mail program honours that are safe to pass on (RFC 6068); others
# (attach, attachment, and anything unknown) are dropped.
MAILTO_FIELDS = ("subject", "body", "cc", "bcc")


def safe_link(value: str) -> str | None:
    """The link to open for a contact's web address, e-mail address or phone number, or
    None when it must not be opened. A bare address gets its scheme (``ada@x.org`` →
    ``mailto:``, ``www.x.org`` → ``https://``)."""
    text = value.strip()
    if not text or any(c in text for c in "\r\n\t\\") or text.startswith("//"):
        return None  # control characters, UNC paths (\\host\share) and //host forms
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if not scheme:
        if "@" in text and "/" not in text:
            return _mailto("mailto:" + text)
        if "." in text.split("/", 1)[0] and " " not in text:
            text, scheme = "https://" + text, "https"
        else:
            return None
    if scheme in WEB_SCHEMES:
        parts = urlsplit(text)
        return text if parts.netloc and not parts.username else None
    if scheme == "mailto":
        return _mailto(text)
    if scheme == "tel":
        number = text[4:]
        return text if number and all(c in "+0123456789-(). /" for c in number) else None
    return None


def _mailto(text: str) -> str | None:
    parts = urlsplit(text)
    address = parts.path
    if not address or "@" not in address or any(c in address for c in "<>\"'"):
        return None
    kept = [(k, v) for k, v in parse_qsl(parts.query) if k.lower() in MAILTO_FIELDS]
    query = urlencode(kept, quote_via=quote)
    return urlunsplit(("mailto", "", address, query, ""))
