"""RELIABILITY case 34: only web, mail and phone links from contacts are ever opened."""

import pytest

from networker.domain.links import safe_link


@pytest.mark.parametrize(
    "value",
    [
        "file:///C:/Windows/System32/calc.exe",
        "\\\\attacker\\share\\x",
        "//attacker/share",
        "smb://attacker/share",
        "ms-msdt:/id PCWDiagnostic",
        "search-ms:query=x",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://user:pass@evil.example/",
        "mailto:",
        "https://ok.example/\r\nSet-Cookie: x",
        "tel:+1 555;ext=javascript:x",
        "not a link at all",
    ],
)
def test_anything_but_web_mail_and_phone_is_not_opened(value):
    assert safe_link(value) is None


def test_web_mail_and_phone_links_open_and_mailto_attachments_are_dropped():
    assert safe_link("https://ok.example") == "https://ok.example"
    assert safe_link("http://ok.example/a?b=c") == "http://ok.example/a?b=c"
    assert safe_link("www.linkedin.com/in/ada") == "https://www.linkedin.com/in/ada"
    assert safe_link("ada@engines.example") == "mailto:ada@engines.example"
    assert safe_link("mailto:a@b.c?attach=/home/u/.ssh/id_rsa") == "mailto:a@b.c"
    assert safe_link("mailto:a@b.c?subject=Hi&attachment=/etc/passwd") == "mailto:a@b.c?subject=Hi"
    assert safe_link("tel:+44 20 7946 0000") == "tel:+44 20 7946 0000"
