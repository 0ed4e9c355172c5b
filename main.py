"""Warehouse Station: one entry point for the station, the server and the admin tools.

``python main.py`` starts the station; ``python main.py --help`` lists every subcommand.
Each subcommand lives in its own module with ``configure(parser)`` and ``main(args) -> int``;
those modules import only the standard library at top level, so ``--help`` and start-up stay
fast and heavy libraries (ReportLab, the server) load only when their command runs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Protocol, cast

# name -> (module, one-line help). Keep in the order a newcomer would meet them.
COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("ui.run_command", "start the station (default)"),
    "demo-data": ("app.demo.cli", "reset the station database to the demo site, or export it"),
    "route": ("app.routing.cli", "shortest picker walk through a picks file (JSON out)"),
    "server": ("server.cli", "run the central server, or migrate / tokens / import / seed-demo"),
    "label": ("app.labels.cli", "render the shipping label of an order to a PDF"),
    "print-test": ("app.labels.print_test_cli", "send a test label to a configured printer"),
    "scan-test": ("app.scan_test_cli", "read a serial scanner; print each scan raw and parsed"),
}


class CommandModule(Protocol):
    def configure(self, parser: argparse.ArgumentParser) -> None: ...
    def main(self, args: argparse.Namespace) -> int: ...


def _module(name: str) -> CommandModule:
    return cast(CommandModule, importlib.import_module(COMMANDS[name][0]))


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """All subcommands; with ``only``, just that one gets its options (its module alone is
    imported, which keeps the station's start-up from loading every other command's module)."""
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Warehouse Station: floor stations for picking and packing, and their server.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_module_name, help_text) in COMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        if only is None or name == only:
            _module(name).configure(sub_parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["run", *argv]
    args = build_parser(argv[0] if argv[0] in COMMANDS else None).parse_args(argv)
    return _module(args.command).main(args)


if __name__ == "__main__":
    sys.exit(main())
