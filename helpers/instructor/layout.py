"""Which helper modules each lesson uses: the "lesson -> modules" table of CONTRIBUTING.md.

The table is computed, not written by hand: for every published lesson, the
code cells of its notebook and of its workbook source are read, the ``helpers``
modules they import are listed, and each function they call from a package
(``widgets.career_plan(...)``, ``charts.timeline(...)``) is traced to the
module that defines it. ``tests/test_layout.py`` keeps CONTRIBUTING.md equal to it.

    python -m helpers.instructor layout      print the table (paste it into CONTRIBUTING.md)

>>> "helpers.stats" in lesson_modules("13")
True
"""
from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from pathlib import Path
from typing import Sequence

__all__ = ["lesson_modules", "table", "main"]

ROOT = Path(__file__).resolve().parent.parent.parent
_FROM_HELPERS = re.compile(r"^\s*from helpers import ([\w, ]+)", re.M)
_FROM_SUB = re.compile(r"^\s*from (helpers(?:\.\w+)+) import ([\w, ]+)", re.M)
_SHARED = {"helpers.data", "helpers.quiz", "helpers.tables", "helpers.explain", "helpers.widgets.base", "helpers.checks",
           "helpers.checks.widget", "helpers.checks.workbooks"}


def _code(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def _defining_module(package: str, name: str) -> str:
    try:
        value = getattr(importlib.import_module(package), name)
    except (ImportError, AttributeError):
        return package
    module = getattr(value, "__module__", None) or package
    return module if module.startswith(package) else package


def lesson_modules(lesson: str) -> list[str]:
    """The helper modules a lesson's notebook and workbook use (shared plumbing such as ``helpers.data`` left out)."""
    from helpers import lessons

    row = lessons.lesson(lesson)
    paths = [ROOT / "notebooks" / row["notebook"], ROOT / "exercises" / "source" / f"{row['number']}-{row['slug']}.ipynb"]
    code = "\n".join(_code(p) for p in paths if p.exists())
    found: set[str] = set()
    for match in _FROM_HELPERS.finditer(code):
        for name in (n.strip() for n in match.group(1).split(",")):
            if not name:
                continue
            module = f"helpers.{name}"
            package = importlib.import_module(module)
            if hasattr(package, "__path__"):  # a package: trace the functions the lesson calls
                called = set(re.findall(rf"\b{name}\.(\w+)\s*\(", code))
                found |= {_defining_module(module, fn) for fn in called} or {module}
            else:
                found.add(module)
    for match in _FROM_SUB.finditer(code):
        module = match.group(1)
        for name in (n.strip() for n in match.group(2).split(",")):
            if name and hasattr(importlib.import_module(module), "__path__"):
                found.add(_defining_module(module, name))
            else:
                found.add(module)
    return sorted(found - _SHARED)


def table() -> str:
    """The Markdown table of every published lesson and the modules behind it."""
    from helpers import lessons

    lines = ["| Lesson | Modules behind it |", "|---|---|"]
    for row in lessons.all_lessons():
        if row["available"]:
            modules = ", ".join(f"`{m.removeprefix('helpers.')}`" for m in lesson_modules(row["number"])) or "—"
            lines.append(f"| {row['number']} {row['title']} | {modules} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``layout``: print the lesson -> modules table."""
    argparse.ArgumentParser(prog="python -m helpers.instructor layout",
                            description="Print which helper modules each lesson uses.").parse_args(argv)
    sys.stdout.write(table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
