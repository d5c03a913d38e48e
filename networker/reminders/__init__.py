"""Reminders brought to the user: the scheduler (one timer to the next due time), the
notifiers (tray balloon or desktop notification, in-window, none) and the tray icon."""
