"""The course as a static website (``make site``): every lesson and workbook run, with its outputs.

Build all of it with ``make site``, or a part from the command line::

    python -m helpers.site build --only 00 03 --out _build/site-part

See :mod:`helpers.site.build` for the steps and :mod:`helpers.site.pages` for what each page gets.
Nothing here runs at import.

>>> from helpers import site
>>> site.lesson_rows(["01"])[0]["slug"]
'the-role'
"""
from __future__ import annotations

from .build import build, execute, find_myst, prepare
from .pages import DEFAULT_HUB, DEFAULT_REPO, binder_link, home_page, lesson_rows, run_links

__all__ = ["build", "execute", "find_myst", "prepare", "DEFAULT_HUB", "DEFAULT_REPO", "binder_link",
           "home_page", "lesson_rows", "run_links"]
