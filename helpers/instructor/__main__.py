"""``python -m helpers.instructor build|validate|grade|link ...``: one entry point for the instructor tools."""
from __future__ import annotations

import importlib
import sys
from typing import Sequence

from . import COMMANDS

_USAGE = """usage: python -m helpers.instructor COMMAND [options]

commands:
  build      write the student workbooks from the instructor sources (--check: only compare)
  validate   prove every problem, then run every source and workbook in a fresh kernel
  grade      grade a folder of submitted workbooks into grades.csv
  link       print an nbgitpuller link that opens a lesson on your JupyterHub
  layout     print which helper modules each lesson uses (the table in CONTRIBUTING.md)
  nbgrader-course   write an nbgrader course folder (nbgrader_config.py, source/NN-exercises/)

'python -m helpers.instructor COMMAND --help' explains a command's options."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run one instructor command; returns its exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(_USAGE)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command not in COMMANDS:
        print(f"Unknown command {command!r}.\n\n{_USAGE}", file=sys.stderr)
        return 2
    module = importlib.import_module(f"{__package__}.{COMMANDS[command]}")
    return int(module.main(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
