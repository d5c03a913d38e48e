"""Networker: a local-first desktop app for building and keeping a professional network."""

__version__ = "0.1.0"
APP_NAME = "Networker"
APP_ID = "io.github.networker.Networker"
ORG_NAME = "Networker"
