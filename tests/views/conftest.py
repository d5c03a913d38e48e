import pytest

from PySide6.QtCore import QSettings, Qt

from networker.app import build_main_window, make_application


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, database, data_paths, clock, settings, model_validator):
    make_application([])
    window = build_main_window(database=database, paths=data_paths, clock=clock, settings=settings)
    # Every window test checks the contact list's model as the test drives the page.
    model_validator(window.page("contactsView").model)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def view(window):
    return window.show_page("contactsView")


@pytest.fixture
def service(view):
    return view._contacts


@pytest.fixture
def confirm_answers(monkeypatch):
    """Answers for confirmation boxes, in order; records what was asked."""
    asked: list[str] = []
    answers: list[bool] = []

    def fake_confirm(parent, title, question, action):
        asked.append(question)
        return answers.pop(0)

    monkeypatch.setattr("networker.views.text.confirm", fake_confirm)
    return answers, asked


class ModalDialogs(list):
    """The texts of the message boxes shown, in order. ``click(*texts)`` answers the
    coming boxes by clicking the buttons with those texts, in turn; a test that clicks
    reads its boxes itself."""

    def __init__(self) -> None:
        super().__init__()
        self.clicks: list[str] = []
        self.clicking = False

    def click(self, *texts: str) -> "ModalDialogs":
        self.clicking = True
        self.clicks.extend(texts)
        return self


@pytest.fixture(autouse=True)
def modal_dialogs(monkeypatch):
    """A modal box would block a headless run for ever: each one is recorded and
    answered Cancel (or by a click the test asked for) instead, and a test that did
    not expect one fails."""
    from PySide6.QtWidgets import QMessageBox

    shown = ModalDialogs()

    def fake_exec(box):
        shown.append(box.text())
        for button in box.buttons():
            if shown.clicks and button.text() == shown.clicks[0]:
                shown.clicks.pop(0)
                button.click()
                break
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    yield shown
    unexpected = [t for t in shown if not t.startswith("Save the changes")]
    assert shown.clicking or not unexpected, f"unexpected message boxes: {unexpected}"


def menu_action(window, menu_title: str, text: str):
    """The action of a menu in the window's menu bar, found by the texts a user sees."""
    for menu_action_ in window.menuBar().actions():
        if menu_action_.text() == menu_title:
            for action in menu_action_.menu().actions():
                if action.text() == text:
                    return action
    raise LookupError(f"{menu_title} > {text}")


def assert_mnemonics_reach_fields(dialog):
    """Every label of ``dialog`` showing a mnemonic has a field to move to: a form row
    holding a layout gets no buddy, and then shows "&" and lets Alt+letter type (QA)."""
    import re

    from PySide6.QtWidgets import QLabel

    for label in dialog.findChildren(QLabel):
        if re.search(r"&[^&]", label.text().replace("&&", "")) and label.isVisibleTo(dialog):
            assert label.buddy() is not None, f"“{label.text()}” has no field"
            # (QLabel focuses its buddy only if the buddy itself takes focus.)
            assert label.buddy().focusPolicy() != Qt.FocusPolicy.NoFocus, (
                f"“{label.text()}” moves to a field that takes no focus"
            )
