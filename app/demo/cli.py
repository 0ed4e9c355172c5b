"""``main.py demo-data``: reset the station database to the demo site, or export it as JSON."""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, default=None, help="generator seed (default: fixed)")
    parser.add_argument(
        "--reset", action="store_true", help="delete the station database first, then load the site"
    )
    parser.add_argument("--json", metavar="FILE", help="write the site as JSON to FILE instead")


def main(args: argparse.Namespace) -> int:
    import dataclasses
    import json
    import sys

    from app import config as config_module
    from app.bootstrap import open_core, station_db_path
    from app.demo.site import DEFAULT_SEED, generate, this_hour

    seed = DEFAULT_SEED if args.seed is None else args.seed
    if args.json:
        site = generate(seed, now=this_hour())
        data = dataclasses.asdict(site)
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1, default=str)
        print(f"wrote the demo site (seed {seed}) to {args.json}")
        return 0
    try:
        config = config_module.load()
    except config_module.ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    data_dir = config_module.data_dir()
    db = station_db_path(data_dir)
    if args.reset:
        for suffix in ("", "-wal", "-shm"):
            db.with_name(db.name + suffix).unlink(missing_ok=True)
    core = open_core(config, data_dir, seed_demo=True)
    core.close()
    print(f"station database ready with the demo site: {db}")
    return 0
