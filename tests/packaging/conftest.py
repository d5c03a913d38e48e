"""The packaging scripts are files, not a package (a folder named ``packaging`` must not
shadow the library of that name): load them by path."""

import importlib.util
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def load(name):
    spec = importlib.util.spec_from_file_location(
        f"networker_packaging_{name}", PACKAGING / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def icons():
    return load("icons")


@pytest.fixture(scope="session")
def debian():
    return load("debian")
