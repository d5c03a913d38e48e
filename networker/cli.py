"""The command line (../shared/CONTRACT.md): ``networker [--data-dir DIR] [--smoke-test]``."""

from __future__ import annotations

import argparse
import sys

from networker import APP_NAME, __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="networker",
        description=f"{APP_NAME}: build and keep your professional network.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where the data lives (default: $NETWORKER_DATA_DIR, else the user data folder)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start, show the main window, print 'smoke-test ok' and exit",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    # Imported here so that --help and --version answer without loading Qt.
    from networker.app import run_gui

    return run_gui(data_dir=args.data_dir, smoke_test=args.smoke_test)
