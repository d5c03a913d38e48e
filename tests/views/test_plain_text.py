"""Contact text is never rendered as HTML (RELIABILITY.md case 32)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from networker.domain.contacts import LabeledValue
from networker.views import text
from tests.conftest import make_draft

HOSTILE = "<b>x</b><img src='file:///etc/hosts'><a href='file:///etc/passwd'>y</a>"


def test_every_label_in_the_window_is_plain_text(qtbot, window, service):
    contact_id = service.create(
        make_draft(
            given_name=HOSTILE,
            family_name="",
            organization="<table width=100000><tr><td>Org</td></tr></table>",
            title="<i>Boss</i>",
            notes=HOSTILE,
            emails=[LabeledValue("<b>work</b>", "a@b.example")],
        )
    )
    view = window.page("contactsView")
    view.select_contact(contact_id)
    assert view.panel.heading.text() == HOSTILE
    labels = window.findChildren(QLabel)
    assert labels
    rich = [
        label.objectName() or label.text()
        for label in labels
        if label.textFormat() != Qt.TextFormat.PlainText
        and label.parent() is not None
        and not isinstance(label.window(), QMessageBox)
        and label.buddy() is None  # form labels are ours, with & mnemonics
    ]
    assert rich == []
    assert view.model.index(0, 0).data() == HOSTILE


def test_message_boxes_show_text_literally(qtbot):
    box = text.message_box(None, QMessageBox.Icon.Warning, "t", f"Delete {HOSTILE}?")
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == f"Delete {HOSTILE}?"


def test_tooltips_escape_markup():
    tip = text.plain_tooltip("<b>x</b> & y")
    assert tip == "<qt>&lt;b&gt;x&lt;/b&gt; &amp; y</qt>"


def test_names_in_a_line_keep_their_own_direction_and_their_commas():
    """QA: a goal's people "Maria Johnson, محمد, Yael Lefèvre" (Yael in Hebrew) came out
    right-aligned with the commas on the wrong sides; each name is isolated (FSI … PDI)
    so its direction stays inside it and the line's own comes from around them."""
    yael = "\u05d9\u05e2\u05dc Lef\u00e8vre"
    line = text.isolated(["Maria Johnson", "محمد", yael])
    assert line == f"\u2068Maria Johnson\u2069, \u2068محمد\u2069, \u2068{yael}\u2069"
    assert text.isolated(["Ada", "José"]) == "Ada, José"  # one direction: as it is
