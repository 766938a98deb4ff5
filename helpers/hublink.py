"""Old name of the JupyterHub link maker, kept for one release: use ``python -m helpers.instructor link``.

>>> hub_link("https://hub.example.edu", "https://github.com/example/mrt-course", "01").endswith("01-the-role.ipynb")
True
"""
from __future__ import annotations

import sys

from helpers.instructor.hublink import hub_link, main

__all__ = ["hub_link", "main"]

if __name__ == "__main__":
    raise SystemExit(main())
