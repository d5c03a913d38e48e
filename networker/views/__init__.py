"""Widgets. They call services and item models; they never build queries."""
