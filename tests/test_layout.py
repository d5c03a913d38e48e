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


def test_no_module_of_domain_storage_formats_or_services_imports_qt():
    """The Anki rule: the layers below the window never import PySide6, each module
    checked on its own in a fresh interpreter (not only those the command line loads)."""
    import pkgutil
    import subprocess
    import sys

    import networker

    layers = ("domain", "storage", "formats", "services")
    modules = [
        f"networker.{layer}.{info.name}"
        for layer in layers
        for info in pkgutil.iter_modules([str(Path(networker.__file__).parent / layer)])
    ]
    assert len(modules) > 20
    code = (
        "import importlib, sys\n"
        "bad = []\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "    if any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules):\n"
        "        bad.append(name); break\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_the_window_start_imports_no_file_format_or_matching_library():
    """Measured: phonenumbers' metadata alone cost 80 ms of the start; vobject and
    rapidfuzz are as heavy. They load on first use (an import, Find Duplicates)."""
    import subprocess
    import sys

    code = (
        "import sys, networker.app; "
        "print(sorted(m for m in ('phonenumbers', 'vobject', 'rapidfuzz') if m in sys.modules))"
    )
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.stdout.strip() == "[]", result.stderr


def test_the_window_start_imports_no_page_but_the_first_and_no_service():
    """Pages not shown first (Today is) load when first shown (contacts_entry.py,
    calendar_entry.py, goals_entry.py), and services when first used (services/lazy.py;
    Today reads on a worker after the paint): the start's imports are most of its time."""
    import subprocess
    import sys

    pages = (
        "networker.views.calendar_view", "networker.views.event_panel",
        "networker.services.encounters", "networker.views.goals_view",
        "networker.services.goals", "networker.storage.goals", "networker.domain.goals",
        "networker.views.contacts_view", "networker.views.contact_panel",
        "networker.services.contacts", "networker.services.interactions",
        "networker.services.reminders", "networker.services.milestones",
        "networker.services.events", "networker.services.agenda", "networker.domain.listing",
        "networker.itemmodels.contact_table", "networker.views.undo",
    )  # fmt: skip
    code = f"import sys, networker.app; print(sorted(m for m in {pages!r} if m in sys.modules))"
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.stdout.strip() == "[]", result.stderr
