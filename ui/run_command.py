"""``main.py run``: start the station window (the default command)."""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--full-screen", action="store_true", help="start full screen")


def main(args: argparse.Namespace) -> int:
    raise SystemExit("the station window is being built (issue 2)")
