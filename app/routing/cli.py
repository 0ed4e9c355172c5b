"""``main.py route``: the shortest (or a heuristic) walk through a picks file, as JSON.

Only the standard library is imported at module level so ``main.py --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

_METHODS = ("optimal", "s-shape", "return", "midpoint", "largest-gap")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--layout", type=Path, required=True, help="layout JSON file")
    parser.add_argument("--picks", type=Path, required=True, help="picks JSON file")
    parser.add_argument("--method", choices=_METHODS, default="optimal", help="routing method")


def main(args: argparse.Namespace) -> int:
    from app.routing import route
    from app.routing.files import RouteFileError, load_picks, load_site

    try:
        site = load_site(args.layout)
        stops = load_picks(args.picks, site)
    except RouteFileError as exc:
        print(f"route: {exc}", file=sys.stderr)
        return 2
    result = route(site.layout, stops, args.method)
    print(
        json.dumps(
            {
                "method": result.method,
                "distance_m": round(result.distance_m, 3),
                "bins": list(result.order),
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    return 0
