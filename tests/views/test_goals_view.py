"""The Goals page driven as a user would, against a real database file: the first run's
suggested goals, a goal set by keyboard and refused inline when it cannot be saved,
progress following what is logged, imported and deleted (no restart), the pace with a
fake clock, roll-over, the chart's series and hover, opening what counted."""

import datetime as dt

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QSpinBox

from networker.domain.goals import GoalDraft, Repeat, TargetDraft, TargetFilters, TargetKind
from networker.domain.interactions import InteractionDraft, InteractionKind
from networker.views.goal_dialog import GoalDialog, SeedGoalsDialog
from networker.views.goals_view import GoalCard
from tests.conftest import make_draft
from tests.views.conftest import assert_mnemonics_reach_fields, menu_action
from tests.views.test_import_in_window import CARDS, drop, mime_with_files, wait_for_preview

NOVEMBER = dict(starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 11, 30))


def goals_page(qtbot, window):
    page = window.show_page("goalsView")
    return settled(qtbot, page)


def settled(qtbot, page):
    qtbot.waitUntil(lambda: not page.loading, timeout=5000)
    return page


def after(qtbot, page, action):
    """Do ``action`` and wait until the page shows what follows from it."""
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        action()
    return settled(qtbot, page)


def bars(page, goal_id):
    return [bar.format() for _label, bar in page.cards[goal_id].bars]


def interactions_of(window):
    return window.page("todayView")._interactions()


def add_goal(qtbot, page, *targets, **fields):
    values = {"title": "Find a mentor", "targets": targets, **NOVEMBER}
    values.update(fields)
    ids = []
    after(qtbot, page, lambda: ids.append(page._goals.add(GoalDraft(**values))))
    return ids[0]


def test_a_new_user_is_offered_suggested_goals_with_targets_to_adjust(qtbot, window):
    page = goals_page(qtbot, window)
    assert page.stack.currentWidget() is page.empty
    qtbot.mouseClick(page.seed_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, SeedGoalsDialog)
    checks = [check for check, _seed, _spins in dialog.rows]
    assert [c.text() for c in checks][:2] == ["Find a mentor", "Land a role in a new field"]
    _check, _seed, spins = dialog.rows[0]
    spins[0].selectAll()
    qtbot.keyClicks(spins[0], "9")
    checks[1].setFocus()
    qtbot.keyClick(checks[1], Qt.Key.Key_Space)  # untick the second
    ok = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Add Chosen Goals")
    after(qtbot, page, lambda: qtbot.mouseClick(ok, Qt.MouseButton.LeftButton))
    assert page.stack.currentWidget() is page.splitter
    assert [p.goal.title for p in page.progress] == ["Find a mentor"]
    assert [t.amount for t in page.progress[0].targets] == [9, 6]
    assert window.statusBar().currentMessage() == "1 goal added"


def test_a_goal_set_by_keyboard_is_refused_inline_until_it_can_be_saved(qtbot, window):
    page = goals_page(qtbot, window)
    menu_action(window, "&Goals", "&New Goal…").trigger()
    dialog = page.dialog
    assert isinstance(dialog, GoalDialog)
    assert_mnemonics_reach_fields(dialog)  # QA: "P&eriod" showed its "&"
    editor = dialog.editors[0]
    editor.amount.selectAll()
    qtbot.keyClicks(editor.amount, "0")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.title_error.text() == "A goal needs a title."
    assert editor.error.text() == "A target must be at least 1."
    qtbot.keyClicks(dialog.title, "Find a mentor")
    editor.amount.selectAll()
    qtbot.keyClicks(editor.amount, "-2")
    dialog.accept()
    assert editor.error.isVisibleTo(dialog) and "at least 1" in editor.error.text()
    assert not dialog.title_error.isVisibleTo(dialog)
    qtbot.mouseClick(editor.remove, Qt.MouseButton.LeftButton)
    dialog.accept()
    assert dialog.targets_error.text() == "A goal needs at least one target to measure it by."
    dialog.repeat.setCurrentIndex(0)  # a date range
    dialog.starts.setDate(dialog.starts.date().addDays(10))
    dialog.ends.setDate(dialog.starts.date().addDays(-1))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    new = dialog.editors[0]
    new.kind.setCurrentIndex(list(TargetKind).index(TargetKind.INTERACTIONS))
    new.choose_kinds(["informational interview"])
    new.amount.selectAll()
    qtbot.keyClicks(new.amount, "5")
    dialog.accept()
    assert dialog.period_error.text() == "The period ends before it starts."
    assert not dialog.targets_error.isVisibleTo(dialog)
    assert not page._goals.has_goals()
    dialog.ends.setDate(dialog.starts.date().addDays(60))
    after(qtbot, page, lambda: qtbot.keyClick(dialog, Qt.Key.Key_Return))
    (progress,) = page.progress
    assert progress.goal.draft.targets[0].describe() == "5 informational interview interactions"


def test_progress_follows_logging_editing_importing_and_deleting(qtbot, window, service, tmp_path):
    page = goals_page(qtbot, window)
    goal_id = add_goal(
        qtbot,
        page,
        TargetDraft(TargetKind.INTERACTIONS, 4, TargetFilters(kinds=("coffee chat",))),
        TargetDraft(TargetKind.NEW_CONTACTS, 5),
    )
    assert bars(page, goal_id) == ["0 of 4", "0 of 5"]
    ada = service.create(make_draft())  # through the window's own services: signals
    assert settled(qtbot, page) and bars(page, goal_id) == ["0 of 4", "1 of 5"]
    interactions = interactions_of(window)
    coffee = InteractionDraft([ada], InteractionKind.COFFEE_CHAT)
    logged = []
    after(qtbot, page, lambda: logged.append(interactions.log(coffee)))
    assert bars(page, goal_id) == ["1 of 4", "1 of 5"]
    call = InteractionDraft([ada], InteractionKind.CALL)
    after(qtbot, page, lambda: interactions.update(logged[0], call))
    assert bars(page, goal_id) == ["0 of 4", "1 of 5"]
    cards = tmp_path / "phone.vcf"
    cards.write_text(CARDS)
    linkedin = tmp_path / "Connections.csv"
    linkedin.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Hedy,Lamarr,,hedy@x.example,MGM,Inventor,26 Nov 2026\n"
    )
    drop(window, mime_with_files(cards, linkedin))
    with qtbot.waitSignal(window.import_flow.finished, timeout=10_000):
        wait_for_preview(qtbot, window).accept()
    page = goals_page(qtbot, window)
    # Ada is merged with the one we have; Grace, a card brought in, was not met this
    # month (QA: a first import counted everyone); Hedy was, on 26 November.
    qtbot.waitUntil(lambda: bars(page, goal_id) == ["0 of 4", "2 of 5"], timeout=5000)
    after(qtbot, page, lambda: service.delete([ada]))
    assert bars(page, goal_id) == ["0 of 4", "1 of 5"]


def test_the_pace_follows_a_fake_clock(qtbot, window, service, clock):
    page = goals_page(qtbot, window)
    ada = service.create(make_draft())
    for day in range(1, 9):
        interactions_of(window).log(
            InteractionDraft([ada], occurred_at=dt.datetime(2026, 11, day, 12, tzinfo=dt.UTC))
        )
    goal_id = add_goal(qtbot, page, TargetDraft(TargetKind.INTERACTIONS, 10))
    card = page.cards[goal_id]
    # 28 November: 91% of the month gone, 9 wanted, 8 done.
    assert (card.pace.text(), card.time_left.text()) == ("Behind", "3 days left")
    assert window.status_label.text() == "1 of 1 goals behind"
    clock.jump(dt.timedelta(days=-10))  # 18 November: 57% gone, 5 wanted
    after(qtbot, page, page.refresh)
    assert (card.pace.text(), card.time_left.text()) == ("On track", "13 days left")


def test_a_repeating_goal_rolls_over_and_shows_its_streak(qtbot, window, service, clock):
    page = goals_page(qtbot, window)
    ada = service.create(make_draft())
    goal_id = add_goal(
        qtbot,
        page,
        TargetDraft(TargetKind.INTERACTIONS, 1),
        starts_on=dt.date(2026, 11, 1),
        ends_on=None,
        repeat=Repeat.MONTHLY,
    )
    after(qtbot, page, lambda: interactions_of(window).log(InteractionDraft([ada])))
    assert page.cards[goal_id].pace.text() == "Achieved"
    clock.advance(dt.timedelta(days=5))  # 3 December
    after(qtbot, page, page.refresh)
    card = page.cards[goal_id]
    assert card.time_left.text() == "29 days left · every month · 1 in a row"
    assert card.pace.text() == "On track"  # none wanted yet on the 3rd
    assert page.streak.text() == "1 month achieved in a row. ✓ Nov"
    assert bars(page, goal_id) == ["0 of 1"]


def test_the_chart_draws_the_target_and_hover_shows_the_day(qtbot, window, service):
    page = goals_page(qtbot, window)
    ada = service.create(make_draft())
    for day in (2, 2, 10):
        interactions_of(window).log(
            InteractionDraft([ada], occurred_at=dt.datetime(2026, 11, day, 12, tzinfo=dt.UTC))
        )
    add_goal(qtbot, page, TargetDraft(TargetKind.INTERACTIONS, 6))
    chart = page.chart
    series = chart.series
    assert (series.amount, series.period.days, len(series.cumulative)) == (6, 30, 28)
    assert [c for _d, c in series.cumulative[:3]] == [0, 2, 2]
    assert series.cumulative[-1] == (dt.date(2026, 11, 28), 3)
    chart.resize(600, 240)
    plot = chart._plot()
    x = plot.left() + plot.width() * 9.5 / 30  # over 10 November
    where = QPointF(chart.mapToGlobal(QPoint(int(x), 100)))
    event = QMouseEvent(
        QMouseEvent.Type.MouseMove, QPointF(x, 100), where,
        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(chart, event)
    assert chart.hovered == (dt.date(2026, 11, 10), 3)
    assert chart.hover_text(chart.hovered) == "Tue 10 Nov: 3 of 6 (on track: 2.0 by then)"
    assert not chart.grab().isNull()


def test_choosing_a_target_shows_what_counted_and_enter_opens_it(qtbot, window, service):
    page = goals_page(qtbot, window)
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    grace = service.create(make_draft(given_name="Grace", family_name="Hopper", tags=[]))
    interactions_of(window).log(InteractionDraft([ada], InteractionKind.THANK_YOU,
                                                 summary="for the intro"))  # fmt: skip
    add_goal(
        qtbot,
        page,
        TargetDraft(TargetKind.INTERACTIONS, 3),
        TargetDraft(TargetKind.NEW_CONTACTS, 3, TargetFilters(tag="mentor")),
    )
    assert page.counted_list.item(0).text() == "28 Nov  thank-you: Ada Lovelace — for the intro"
    with qtbot.waitSignal(page.refreshed):
        page.target_list.setCurrentRow(1)
    assert [page.counted_list.item(r).text() for r in range(page.counted_list.count())] == [
        "28 Nov  Ada Lovelace"
    ]
    page.counted_list.setFocus()
    page.counted_list.setCurrentRow(0)
    qtbot.keyClick(page.counted_list, Qt.Key.Key_Return)
    contacts = window.host.current()
    assert contacts.objectName() == "contactsView"
    assert contacts.selected_contacts() == [ada]
    assert grace


def test_deleting_a_goal_asks_first(qtbot, window, confirm_answers):
    answers, asked = confirm_answers
    page = goals_page(qtbot, window)
    add_goal(qtbot, page, TargetDraft(TargetKind.MANUAL, 3))
    page.list.setFocus()
    answers.append(False)
    qtbot.keyClick(page.list, Qt.Key.Key_Delete)
    assert asked[0].startswith("Delete the goal “Find a mentor”?")
    assert len(page.progress) == 1
    answers.append(True)
    after(qtbot, page, lambda: qtbot.keyClick(page.list, Qt.Key.Key_Delete))
    assert page.progress == [] and page.stack.currentWidget() is page.empty


def test_a_manual_target_is_set_from_the_detail(qtbot, window):
    page = goals_page(qtbot, window)
    goal_id = add_goal(qtbot, page, TargetDraft(TargetKind.MANUAL, 3))
    assert page.number_button.isEnabled()
    qtbot.mouseClick(page.number_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    spin = dialog.findChild(QSpinBox)
    spin.selectAll()
    qtbot.keyClicks(spin, "2")
    after(qtbot, page, dialog.accept)
    assert bars(page, goal_id) == ["2 of 3"]


def test_linking_contacts_makes_them_count_for_only_linked_targets(qtbot, window, service):
    page = goals_page(qtbot, window)
    ada = service.create(make_draft(given_name="Ada", family_name="Lovelace"))
    service.create(make_draft(given_name="Bob", family_name="Byte", tags=[]))
    goal_id = add_goal(qtbot, page, TargetDraft(TargetKind.NEW_CONTACTS, 2, only_linked=True))
    window.page("contactsView").model.wait_for_loader()
    qtbot.mouseClick(page.link_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.keyClicks(dialog.search, "ada")
    dialog.results.item(0).setCheckState(Qt.CheckState.Checked)
    after(qtbot, page, dialog.accept)
    assert bars(page, goal_id) == ["1 of 2"]
    assert page.linked_label.text() == "Ada Lovelace"
    assert ada


def test_the_splitter_is_remembered(qtbot, window):
    page = goals_page(qtbot, window)
    add_goal(qtbot, page, TargetDraft(TargetKind.MANUAL, 1))
    page.splitter.setSizes([300, 700])
    state = page.save_state()
    page.splitter.setSizes([500, 500])
    page.restore_state(state)
    assert page.splitter.sizes()[0] < page.splitter.sizes()[1]


def test_goal_titles_are_plain_text(qtbot, window):
    page = goals_page(qtbot, window)
    goal_id = add_goal(qtbot, page, TargetDraft(TargetKind.MANUAL, 1), title="<b>Bold</b>")
    card = page.cards[goal_id]
    assert isinstance(card, GoalCard)
    assert all(
        label.textFormat() == Qt.TextFormat.PlainText for label in page.findChildren(QLabel)
        if label.text()
    )  # fmt: skip


def test_today_shows_the_goals_behind_and_opens_them(qtbot, window):
    goals = window.show_page("goalsView")
    settled(qtbot, goals)
    add_goal(qtbot, goals, TargetDraft(TargetKind.MANUAL, 1), title="Ahead",
             starts_on=dt.date(2026, 11, 20), ends_on=dt.date(2026, 12, 20))  # fmt: skip
    behind = add_goal(qtbot, goals, TargetDraft(TargetKind.INTERACTIONS, 10), title="Behind")
    today = window.show_page("todayView")
    with qtbot.waitSignal(today.refreshed, timeout=5000):
        today.refresh()
    from networker.views.today_view import GoalBehindRow

    (row,) = today.body.findChildren(GoalBehindRow)
    texts = [label.text() for label in row.findChildren(QLabel)]
    assert texts == ["Behind", "0 of 10 so far: behind"]
    qtbot.mouseClick(row.open_button, Qt.MouseButton.LeftButton)
    assert window.host.current() is goals
    assert goals.selected_goal == behind


def test_the_chart_follows_a_dark_palette(qtbot):
    from PySide6.QtGui import QColor, QPalette

    from networker.domain.goals import Period, chart_series
    from networker.views.goal_chart import GoalChart

    chart = GoalChart()
    qtbot.addWidget(chart)
    palette = chart.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#3daee9"))
    chart.setPalette(palette)
    chart.resize(400, 200)
    november = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    chart.set_series(chart_series(november, 4, {dt.date(2026, 11, 2): 3}, dt.date(2026, 11, 28)))
    image = chart.grab().toImage()
    assert image.pixelColor(2, 2) == QColor("#1e1e1e")
    colours = {image.pixelColor(x, y).name() for x in range(0, 400, 3) for y in range(0, 200, 3)}
    assert "#3daee9" in colours  # the line, in the palette's highlight


def test_a_goal_card_fits_a_640_px_window(qtbot, window):
    """QA: at 640 px a card's title ran into its pace and "every month" was cut off."""
    from networker.domain.goals import Repeat
    from tests.views.test_narrow_window import resized

    page = goals_page(qtbot, window)
    goal_id = add_goal(
        qtbot, page, TargetDraft(TargetKind.INTERACTIONS, 3),
        title="Meet three investors before the seed round closes", repeat=Repeat.MONTHLY,
    )  # fmt: skip
    resized(qtbot, window, 640)
    if page.splitter.orientation() == Qt.Orientation.Horizontal:
        page.splitter.setSizes([190, 450])  # the list as narrow as the QA saw it
    qtbot.wait(10)
    card = page.cards[goal_id]
    assert card.minimumSizeHint().width() <= card.width()  # nothing needs more than it has
    inside = card.contentsRect()
    for label in (card.title, card.pace, card.time_left):
        assert inside.contains(label.geometry()), label.text()
        assert label.height() >= label.heightForWidth(label.width()), label.text()
    assert not card.title.geometry().intersects(card.pace.geometry())


def test_the_suggested_goals_never_scroll_sideways(qtbot, window):
    """QA: the dialog always showed a horizontal scroll bar; also with a large font."""
    from PySide6.QtWidgets import QScrollArea

    page = goals_page(qtbot, window)
    app = QApplication.instance()
    font = app.font()
    large = font.__class__(font)
    large.setPointSize(14)
    for shown_font in (font, large):
        app.setFont(shown_font)
        try:
            page.offer_seeds()
            dialog = page.dialog
            qtbot.waitExposed(dialog)
            scroll = dialog.findChild(QScrollArea)
            body = scroll.widget()
            assert not scroll.horizontalScrollBar().isVisible()
            assert body.width() <= scroll.viewport().width()
            assert body.minimumSizeHint().width() <= scroll.viewport().width()
            dialog.reject()
        finally:
            app.setFont(font)


def test_at_640_px_the_goal_detail_goes_under_the_goals_with_its_edit_button(qtbot, window):
    """QA: at 640 px the detail was cut off and its Edit button hidden."""
    from PySide6.QtWidgets import QScrollArea

    from tests.views.test_narrow_window import resized

    page = goals_page(qtbot, window)
    add_goal(qtbot, page, TargetDraft(TargetKind.MANUAL, 3),
             title="Land a product role in healthtech, in Berlin or remotely")  # fmt: skip
    for width in (640, 1100, 1920):
        resized(qtbot, window, width)
        assert window.width() == width
        assert page.narrow is (width < 900)
        edit = page.edit_button
        right = edit.mapTo(window, edit.rect().topRight()).x()
        assert edit.isVisible() and right <= window.width(), width
        scroll = page.detail_panel
        assert isinstance(scroll, QScrollArea)
        assert scroll.widget().width() <= scroll.viewport().width(), width


def test_link_contacts_tells_apart_people_of_one_name(qtbot, window, service):
    """QA: the Link Contacts list showed four "Amara Johnson"s and nothing else."""
    page = goals_page(qtbot, window)
    for organization, title in (("Müller GmbH", "CTO"), ("Müller GmbH", "Sales"), ("Acme", "")):
        service.create(make_draft(given_name="Amara", family_name="Johnson",
                                  organization=organization, title=title))  # fmt: skip
    add_goal(qtbot, page, TargetDraft(TargetKind.NEW_CONTACTS, 2, only_linked=True))
    window.page("contactsView").model.wait_for_loader()
    expected = [
        "Amara Johnson · Acme",
        "Amara Johnson · Müller GmbH · CTO",
        "Amara Johnson · Müller GmbH · Sales",
    ]
    qtbot.mouseClick(page.link_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.keyClicks(dialog.search, "amara")
    shown = [dialog.results.item(row).text() for row in range(dialog.results.count())]
    assert sorted(shown) == expected
    for row in range(dialog.results.count()):
        dialog.results.item(row).setCheckState(Qt.CheckState.Checked)
    after(qtbot, page, dialog.accept)
    qtbot.mouseClick(page.link_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog  # the linked ones, as the list shows them before a search
    shown = [dialog.results.item(row).text() for row in range(dialog.results.count())]
    assert sorted(shown) == expected
