"""What the station's and the server's Alembic trees share: how a tree is configured, how the
single initial migration is written again before the first release, and the developers'
command line (``revision``, ``regenerate-initial``).

Each tree keeps its own migrations, version table and database (``app.persistence.schema``,
``server.schema``); only the tooling is the same. The station imports this at every start, so
Alembic (0.1-0.2 s) and the developer tools' modules are imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

Revision = Callable[[str, Path], None]  # (message, scratch database file)


def alembic_config(migrations: Path, connection: object | None = None) -> Config:
    """A config for the tree in ``migrations``; ``env.py`` runs on ``connection`` if given."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations))
    cfg.attributes["connection"] = connection
    return cfg


def regenerate_initial(migrations: Path, revision: Revision, message: str) -> None:
    """Delete the one migration of the tree and write it again from the models.

    Only while no database of this kind exists outside development (before the first
    release): after that, every change gets its own revision.
    """
    import tempfile

    versions = migrations / "versions"
    old = list(versions.glob("*.py"))
    if len(old) > 1:
        raise SystemExit("more than one migration exists: add a revision instead")
    for path in old:
        path.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        revision(message, Path(tmp) / "scratch.db")


def developer_main(
    description: str,
    revision: Revision,
    regenerate: Callable[[], None],
    argv: Sequence[str] | None = None,
) -> int:
    """``python -m <schema module> revision -m "add x"`` or ``... regenerate-initial``."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("action", choices=["revision", "regenerate-initial"])
    parser.add_argument("-m", "--message", default="")
    ns = parser.parse_args(argv)
    if ns.action == "regenerate-initial":
        regenerate()
    else:
        with tempfile.TemporaryDirectory() as tmp:
            revision(ns.message or "schema change", Path(tmp) / "scratch.db")
    return 0
