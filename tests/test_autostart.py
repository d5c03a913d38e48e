"""'Start Networker when I log in': the XDG autostart entry."""

import shutil
import stat
import subprocess

import pytest

from networker import APP_ID, autostart


@pytest.fixture
def environ(tmp_path):
    return {"XDG_CONFIG_HOME": str(tmp_path / "config")}


def test_enabling_writes_a_private_entry_that_starts_hidden(environ, tmp_path):
    assert not autostart.is_enabled(environ)
    path = autostart.enable(str(tmp_path / "my data"), environ)
    assert autostart.is_enabled(environ)
    text = path.read_text()
    assert path.name == f"{APP_ID}.desktop"
    assert "--hidden" in text
    assert f'"{tmp_path / "my data"}"' in text  # a path with a space is quoted the spec's way
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True)
        assert result.returncode == 0, result.stdout
    autostart.disable(environ)
    assert not autostart.is_enabled(environ)
    autostart.disable(environ)  # twice is fine


@pytest.mark.parametrize(
    ("argument", "written"),
    [
        ("plain", "plain"),
        ("/home/a b", '"/home/a b"'),
        ('say "hi"', '"say \\\\"hi\\\\""'),
        ("100%", "100%%"),
        ("$HOME", '"\\\\$HOME"'),
    ],
)
def test_exec_arguments_are_quoted_as_the_desktop_entry_spec_says(argument, written):
    assert autostart.exec_quoted(argument) == written
