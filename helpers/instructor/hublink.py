"""Links that hand the course to a class on JupyterHub (nbgitpuller links).

An nbgitpuller link, opened by a student, pulls the course repository into their
hub home folder (without overwriting their own changes) and opens a lesson in
JupyterLab. The hub needs the ``nbgitpuller`` server extension; see the README.

>>> hub_link("https://hub.example.edu", "https://github.com/example/mrt-course", "01")
'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fexample%2Fmrt-course&branch=main&urlpath=lab%2Ftree%2Fmrt-course%2Fnotebooks%2F01-the-role.ipynb'

Command line, for instructors::

    python -m helpers.instructor link https://hub.example.edu https://github.com/example/mrt-course --lesson 01
"""
from __future__ import annotations

import argparse
import sys
from urllib.parse import urlencode, urlparse

__all__ = ["hub_link", "main"]


def _check_url(url: str, what: str) -> str:
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError(f"The {what} {url!r} is not a web address; it should start with https://")
    return url.strip().rstrip("/")


def hub_link(hub: str, repo: str, lesson: str = "00", branch: str = "main") -> str:
    """The nbgitpuller link that opens ``lesson`` (its number, or its id such as ``capstone``) on ``hub``."""
    from helpers import lessons

    hub, repo = _check_url(hub, "hub address"), _check_url(repo, "repository address")
    row = lessons.lesson(lesson)
    if not row["available"]:
        raise ValueError(f"Lesson {row['number']} ({row['title']}) is not published yet.")
    folder = repo.split("/")[-1].removesuffix(".git")
    query = urlencode({
        "repo": repo,
        "branch": branch,
        "urlpath": f"lab/tree/{folder}/notebooks/{row['notebook']}",
    })
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.instructor link", description=__doc__.split("\n")[0])
    parser.add_argument("hub", help="your JupyterHub's address, e.g. https://hub.example.edu")
    parser.add_argument("repo", help="the course repository's address (your fork or this one)")
    parser.add_argument("--lesson", default="00", help="lesson to open: its number or its id, e.g. 13 or healthcare-statistics (default 00)")
    parser.add_argument("--branch", default="main")
    args = parser.parse_args(argv)
    try:
        print(hub_link(args.hub, args.repo, args.lesson, args.branch))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
