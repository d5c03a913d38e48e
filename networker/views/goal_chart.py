"""A goal's chart: cumulative progress day by day, the target line and the on-track
line, drawn with QPainter.

Why not QtCharts or a plotting library: QtCharts is in PySide6-Addons, +113 MB to the
venv and the bundle for one chart (PLATFORM.md), and matplotlib brings numpy and its
own start-up (hundreds of milliseconds, tens of MB); three lines, two axes and a
hover read-out are two hundred lines of QPainter that import nothing new (the bundle
does not grow) and follow the palette (light or dark) by drawing with its roles.
Measured offscreen on a shared, busy 2-core machine: a quarter's chart at 600 x 240
grabs to a pixmap in 3 to 4 ms.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from networker.domain.goals import ChartSeries

# Room for the axes' labels, in pixels.
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 14, 28


class GoalChart(QWidget):
    """Shows one ChartSeries; hovering shows the day's count against the target."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("goalChart")
        self.setMouseTracking(True)
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.series: ChartSeries | None = None
        self.hovered: tuple[dt.date, int] | None = None
        self.setAccessibleName("Progress chart")

    def sizeHint(self) -> QSize:
        return QSize(520, 220)

    def set_series(self, series: ChartSeries | None) -> None:
        self.series = series
        self.hovered = None
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        """The chart in words (for a screen reader, and the hover's text)."""
        series = self.series
        if series is None or not series.cumulative:
            return "No progress to show yet."
        day, count = series.cumulative[-1]
        return f"{count:,} of {series.amount:,} by {day:%d %b}"

    # Geometry

    def _plot(self) -> QRectF:
        return QRectF(
            LEFT, TOP, max(1, self.width() - LEFT - RIGHT), max(1, self.height() - TOP - BOTTOM)
        )

    def _top_value(self) -> int:
        series = self.series
        assert series is not None
        highest = max((c for _d, c in series.cumulative), default=0)
        return max(1, series.amount, highest)

    def _point(self, plot: QRectF, day_index: float, value: float) -> QPointF:
        series = self.series
        assert series is not None
        x = plot.left() + plot.width() * day_index / series.period.days
        y = plot.bottom() - plot.height() * value / self._top_value()
        return QPointF(x, y)

    # Painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        series = self.series
        text = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        if series is None:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Choose a target")
            return
        plot = self._plot()
        self._axes(painter, plot, text, muted)
        # The on-track line: from nothing on the first morning to the target at the end.
        pace = QPen(muted, 1.5, Qt.PenStyle.DashLine)
        painter.setPen(pace)
        painter.drawLine(
            self._point(plot, 0, 0), self._point(plot, series.period.days, series.amount)
        )
        # The target line.
        target = QPen(_mixed(palette.color(QPalette.ColorRole.Highlight), text), 1.5,
                      Qt.PenStyle.DotLine)  # fmt: skip
        painter.setPen(target)
        left = self._point(plot, 0, series.amount)
        right = self._point(plot, series.period.days, series.amount)
        painter.drawLine(left, right)
        # The progress so far: a step up at the end of each day that counted.
        if series.cumulative:
            # Steps: what a day brought shows as a rise at its start, held through it.
            path = QPainterPath(self._point(plot, 0, 0))
            before = 0
            for number, (_day, count) in enumerate(series.cumulative):
                if count != before:
                    path.lineTo(self._point(plot, number, count))
                path.lineTo(self._point(plot, number + 1, count))
                before = count
            highlight = palette.color(QPalette.ColorRole.Highlight)
            painter.setPen(QPen(highlight, 2.5))
            painter.drawPath(path)
            fill = QPainterPath(path)
            fill.lineTo(self._point(plot, len(series.cumulative), 0))
            fill.closeSubpath()
            area = QColor(highlight)
            area.setAlpha(40)
            painter.fillPath(fill, area)
            self._latest(painter, plot, text)
        if self.hovered is not None:
            self._hover_mark(painter, plot, text)
        painter.end()

    def _latest(self, painter: QPainter, plot: QRectF, text: QColor) -> None:
        """The count so far, written beside the end of the line."""
        series = self.series
        assert series is not None
        count = series.cumulative[-1][1]
        point = self._point(plot, len(series.cumulative), count)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(text)
        painter.drawText(QPointF(point.x() + 6, point.y() - 6), f"{count:,}")
        font.setBold(False)
        painter.setFont(font)

    def _axes(self, painter: QPainter, plot: QRectF, text: QColor, muted: QColor) -> None:
        series = self.series
        assert series is not None
        metrics = QFontMetrics(self.font())
        grid = QColor(muted)
        grid.setAlpha(60)
        top = self._top_value()
        for value in sorted({0, top // 2, top, series.amount}):
            y = self._point(plot, 0, value).y()
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(muted)
            label = f"{value:,}"
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, LEFT - 6, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
        painter.setPen(muted)
        period = series.period
        marks = [period.first, period.first + (period.last - period.first) / 2, period.last]
        for number, day in enumerate(marks):
            x = self._point(plot, (day - period.first).days + 0.5, 0).x()
            align = (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignHCenter,
                     Qt.AlignmentFlag.AlignRight)[number]  # fmt: skip
            width = 80
            left = {0: x - 6, 1: x - width / 2, 2: x - width + 6}[number]
            painter.drawText(
                QRectF(left, plot.bottom() + 6, width, metrics.height()),
                align | Qt.AlignmentFlag.AlignTop,
                f"{day:%d %b}",
            )
        painter.setPen(QPen(text, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())

    def _hover_mark(self, painter: QPainter, plot: QRectF, text: QColor) -> None:
        series = self.series
        assert series is not None and self.hovered is not None
        day, count = self.hovered
        number = (day - series.period.first).days + 1
        point = self._point(plot, number, count)
        painter.setPen(QPen(text, 1, Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(point.x(), plot.top()), QPointF(point.x(), plot.bottom()))
        painter.setBrush(self.palette().color(QPalette.ColorRole.Highlight))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(point, 4, 4)

    # Hover

    def day_at(self, x: float) -> tuple[dt.date, int] | None:
        """The day under ``x`` and the count by its end (None past today or outside)."""
        series = self.series
        if series is None or not series.cumulative:
            return None
        plot = self._plot()
        if not plot.left() <= x <= plot.right():
            return None
        number = int((x - plot.left()) / plot.width() * series.period.days)
        number = min(number, len(series.cumulative) - 1)
        return series.cumulative[max(0, number)]

    def hover_text(self, found: tuple[dt.date, int]) -> str:
        series = self.series
        assert series is not None
        day, count = found
        pace = series.on_track_at(day)
        return f"{day:%a %d %b}: {count:,} of {series.amount:,} (on track: {pace:,.1f} by then)"

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        found = self.day_at(event.position().x())
        if found != self.hovered:
            self.hovered = found
            self.update()
        if found is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.hover_text(found), self)

    def leaveEvent(self, event: QEvent) -> None:
        self.hovered = None
        self.update()


def _mixed(one: QColor, other: QColor) -> QColor:
    return QColor(
        (one.red() + other.red()) // 2,
        (one.green() + other.green()) // 2,
        (one.blue() + other.blue()) // 2,
    )
