"""The shape of the project that packaging relies on."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_for_installation():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "networker").rglob("__init__.py")
    }
    assert on_disk | {"networker.resources"} == listed


def test_resources_are_readable_through_the_package():
    from importlib import resources

    folder = resources.files("networker.resources")
    assert (folder / "networker.svg").read_text(encoding="utf-8").startswith("<svg")
