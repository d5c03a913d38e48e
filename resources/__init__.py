"""Networker's resources: the master icon (SVG).

pyproject.toml installs this folder as the package ``networker.resources`` so the app
reads it with ``importlib.resources``; the packaging renders its icons from the same SVG.
"""
