"""``main.py server``: run the central server, and its admin commands.

    main.py server [--db URL] [--host H] [--port P] [--ssl-certfile F --ssl-keyfile F]
    main.py server migrate
    main.py server create-token --kind station --station pack-1 [--zone A] [--name N]
    main.py server create-token --kind integration --name webshop
    main.py server revoke-token ID
    main.py server list-tokens
    main.py server import-orders orders.csv
    main.py server seed-demo

``--db`` (or ``WS_SERVER_DB``) is a SQLAlchemy URL; ``postgresql://user@host/db`` works as is.
Without one, the server uses SQLite in the station's data folder (``server.db``). Only the
standard library is imported at module level, so ``main.py --help`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker


def _add_db(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS if suppress else None,
        help="database URL (default: $WS_SERVER_DB, else SQLite server.db in the data folder)",
    )


def configure(parser: argparse.ArgumentParser) -> None:
    _add_db(parser, suppress=False)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port to listen on")
    parser.add_argument("--ssl-certfile", metavar="FILE", help="TLS certificate (PEM)")
    parser.add_argument("--ssl-keyfile", metavar="FILE", help="TLS private key (PEM)")
    parser.add_argument(
        "--migrate", action="store_true", help="bring the schema up to date before serving"
    )
    parser.add_argument("--log-level", default="info", help="uvicorn log level")
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    sub.required = False

    p = sub.add_parser("serve", help="run the HTTP server (the default)")
    _add_db(p, suppress=True)
    p = sub.add_parser("migrate", help="create or upgrade the server schema")
    _add_db(p, suppress=True)
    p = sub.add_parser("create-token", help="make a bearer token (printed once)")
    _add_db(p, suppress=True)
    p.add_argument("--kind", choices=["station", "integration"], required=True)
    p.add_argument("--name", help="what the token is for (default: the station id)")
    p.add_argument("--station", help="station id (station tokens)")
    p.add_argument("--zone", help="the station's zone: it receives that zone's stock")
    p = sub.add_parser("revoke-token", help="revoke a token by id (see list-tokens)")
    _add_db(p, suppress=True)
    p.add_argument("token_id", type=int)
    p = sub.add_parser("list-tokens", help="list tokens (never their secrets)")
    _add_db(p, suppress=True)
    p = sub.add_parser("import-orders", help="take orders from a CSV file")
    _add_db(p, suppress=True)
    p.add_argument("csv", help="CSV file, one row per order line (see README)")
    p = sub.add_parser("seed-demo", help="load the demo site into an empty server database")
    _add_db(p, suppress=True)


def database_url(args: argparse.Namespace) -> str:
    url = getattr(args, "db", None) or os.environ.get("WS_SERVER_DB")
    if url:
        return str(url)
    from app import config as config_module
    from server.db import default_url

    return default_url(config_module.data_dir())


def main(args: argparse.Namespace) -> int:
    import logging

    from server.db import make_engine

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    action = args.action or "serve"
    url = database_url(args)
    engine = make_engine(url)
    try:
        if action == "serve":
            return _serve(args, url, engine)
        if action == "migrate":
            from server import schema

            schema.upgrade(engine)
            print(f"server schema is at {schema.current(engine)}")
            return 0
        if not _schema_ready(engine, url):
            return 2
        handler = {
            "create-token": _create_token,
            "revoke-token": _revoke_token,
            "list-tokens": _list_tokens,
            "import-orders": _import_orders,
            "seed-demo": _seed_demo,
        }[action]
        return handler(args, engine)
    finally:
        engine.dispose()


def _schema_ready(engine: Engine, url: str) -> bool:
    from server import schema

    if url.startswith("sqlite"):
        schema.upgrade(engine)  # a single-machine database: nobody to race with
        return True
    if not schema.is_current(engine):
        print("the server schema is not up to date: run `main.py server migrate`", file=sys.stderr)
        return False
    return True


def _serve(args: argparse.Namespace, url: str, engine: Engine) -> int:
    import uvicorn

    from server import schema
    from server.app import create_app
    from server.settings import ServerSettings

    if args.migrate:
        schema.upgrade(engine)
    elif not _schema_ready(engine, url):
        return 2
    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        print("TLS needs both --ssl-certfile and --ssl-keyfile", file=sys.stderr)
        return 2
    app = create_app(ServerSettings.from_env(url), engine=engine)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
        log_level=args.log_level,
        server_header=False,
    )
    return 0


def _factory(engine: Engine) -> sessionmaker[Session]:
    from server.db import make_session_factory

    return make_session_factory(engine)


def _create_token(args: argparse.Namespace, engine: Engine) -> int:
    from server.db import transaction
    from server.models import TokenKind
    from server.tokens import TokenError, create_token

    kind = TokenKind(args.kind)
    name = args.name or args.station or ""
    if not name:
        print("give the token a --name", file=sys.stderr)
        return 2
    try:
        issued = transaction(
            _factory(engine),
            lambda s: create_token(s, kind, name, station_id=args.station, zone=args.zone),
        )
    except TokenError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    # The secret goes to stdout only (for a pipe or the admin's eyes), never to a log.
    print(issued.secret)
    print(
        f"token {issued.info.id} ({issued.info.kind}, {issued.info.name}) created; "
        "it is shown only now",
        file=sys.stderr,
    )
    return 0


def _revoke_token(args: argparse.Namespace, engine: Engine) -> int:
    from server.db import transaction
    from server.tokens import TokenError, revoke_token

    try:
        info = transaction(_factory(engine), lambda s: revoke_token(s, args.token_id))
    except TokenError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"token {info.id} ({info.name}) revoked at {info.revoked_at:%Y-%m-%d %H:%M:%S} UTC")
    return 0


def _list_tokens(args: argparse.Namespace, engine: Engine) -> int:
    from server.db import transaction
    from server.tokens import list_tokens

    tokens = transaction(_factory(engine), list_tokens)
    print(f"{'id':>4}  {'kind':<12} {'name':<24} {'station':<16} {'prefix':<12} state")
    for t in tokens:
        state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "live"
        print(
            f"{t.id:>4}  {t.kind:<12} {t.name:<24} {t.station_id or '-':<16} "
            f"{t.prefix + '…':<12} {state}"
        )
    return 0


def _import_orders(args: argparse.Namespace, engine: Engine) -> int:
    from pathlib import Path

    from server.importer import import_orders

    path = Path(args.csv)
    if not path.is_file():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    report = import_orders(_factory(engine), path, actor="import:" + path.name)
    for error in report.errors:
        print(str(error))
    print(
        f"{len(report.created)} orders created, {len(report.already_present)} already present, "
        f"{report.failed_orders} refused",
        file=sys.stderr,
    )
    return 0 if report.ok else 1


def _seed_demo(args: argparse.Namespace, engine: Engine) -> int:
    from server.demo import seed

    try:
        n = seed(_factory(engine))
    except RuntimeError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"demo site loaded: {n} orders taken in")
    return 0
