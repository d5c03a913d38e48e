"""Names in any script show as letters, not empty boxes (issue 14): the set-up and the
.deb bring fonts with emoji and CJK, and Qt finds them."""

import shutil
import subprocess

import pytest

from networker.app import make_application

EMOJI = "\N{SLIGHTLY SMILING FACE}"


def fonts_for(pattern: str) -> list[str]:
    found = subprocess.run(["fc-list", pattern, "family"], capture_output=True, text=True)
    return [line for line in found.stdout.splitlines() if line.strip()]


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig's fc-list is not here")
def test_fonts_with_emoji_and_cjk_are_installed():
    assert fonts_for(":charset=1f642"), "no font has emoji: scripts/setup.sh installs one"
    assert fonts_for(":lang=zh"), "no font has Chinese: scripts/setup.sh installs one"


def test_the_packaging_list_names_the_fonts():
    from pathlib import Path

    listed = (Path(__file__).parents[1] / "packaging" / "system-libraries.txt").read_text()
    assert "fonts-noto-color-emoji" in listed and "fonts-wqy-microhei" in listed


def test_qt_finds_fonts_for_emoji_and_chinese_names(qapp):
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

    make_application([])
    families = QFontDatabase.families()
    emoji = [f for f in families if "Emoji" in f]
    assert emoji, families
    assert QFontMetrics(QFont(emoji[0])).inFontUcs4(ord(EMOJI))
    chinese = QFontMetrics(QFont("WenQuanYi Micro Hei"))
    assert chinese.inFontUcs4(ord("\N{CJK UNIFIED IDEOGRAPH-4E2D}"))
