"""The body of a due reminder's notification: at most three short lines of context (the
latest interaction, how the user met the contact, other open follow-ups), computed by
services.reminders; when there is none, what the reminder is and when it came due.

Plain text: the notifier escapes it where the desktop reads markup."""

from __future__ import annotations

import datetime as dt

from networker.services.reminders import DueReminder, ReminderContext

LINE_MAX = 80


def notification_body(
    reminder: DueReminder, context: ReminderContext | None, *, local_now: dt.datetime
) -> str:
    lines = _context_lines(context, today=local_now.date()) if context else []
    if not lines:
        due = reminder.due.astimezone(local_now.tzinfo)
        kind = reminder.kind.value.capitalize().replace("-", " ")
        lines = [f"{kind}, due {due:%a %d %b %H:%M}"]
    return "\n".join(_short(line) for line in lines)


def _context_lines(context: ReminderContext, *, today: dt.date) -> list[str]:
    lines = []
    if context.last_on is not None:
        day = f"{context.last_on:%a %d %b}" + (
            f" {context.last_on.year}" if context.last_on.year != today.year else ""
        )
        lines.append(f"Last in touch {day}: {context.last_interaction}")
    else:
        lines.append("Not in touch yet")
    if context.how_we_met:
        lines.append(f"Met: {context.how_we_met}")
    if context.other_follow_ups:
        more = len(context.other_follow_ups) - 1
        lines.append(
            f"Also open: {context.other_follow_ups[0]}" + (f" (and {more} more)" if more else "")
        )
    return lines


def _short(line: str) -> str:
    """One line (a summary or how-we-met may hold several), cut at LINE_MAX."""
    line = " ".join(line.split())
    return line if len(line) <= LINE_MAX else line[: LINE_MAX - 1].rstrip() + "…"
