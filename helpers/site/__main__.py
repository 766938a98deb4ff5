"""Command line: ``python -m helpers.site build [--only NN ...] [--out DIR] [--repo URL] [--hub URL]``."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .build import COURSE, build
from .pages import DEFAULT_HUB, DEFAULT_REPO


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.site", description="Build the course website.")
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("build", help="run the notebooks and render the site")
    make.add_argument("--only", nargs="+", metavar="NN", help="lesson numbers or ids to build (default: all)")
    make.add_argument("--out", type=Path, default=COURSE / "_build" / "site", help="where the site goes")
    make.add_argument("--src", type=Path, default=None, help="working folder (default _build/site-src)")
    make.add_argument("--repo", default=os.environ.get("MRT_SITE_REPO") or DEFAULT_REPO,
                      help="the course repository on GitHub, for the Binder and hub links")
    make.add_argument("--hub", default=os.environ.get("MRT_SITE_HUB") or DEFAULT_HUB,
                      help="your JupyterHub's address, for the nbgitpuller links")
    args = parser.parse_args(argv)
    try:
        build(args.out, args.only, src=args.src, repo=args.repo, hub=args.hub)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
