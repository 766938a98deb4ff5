"""Old name of the workbook tools, kept for one release: use ``python -m helpers.instructor``.

``python -m helpers.exercises build|validate ...`` still works and runs
``python -m helpers.instructor build|validate ...``; the names below are
those of :mod:`helpers.instructor.build` and :mod:`helpers.instructor.validate`.

>>> student_path(Path("exercises/source/13-healthcare-statistics.ipynb")).name
'13-healthcare-statistics-exercises.ipynb'
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

from helpers.instructor.build import (EXERCISE_DIR, ROOT, SOURCE_DIR, VALIDATE_TAG, build, build_notebook, lesson_of,
                                      relink, render, student_path)
from helpers.instructor.validate import validate, validate_notebook

__all__ = ["ROOT", "SOURCE_DIR", "EXERCISE_DIR", "VALIDATE_TAG", "student_path", "build_notebook", "render", "build",
           "validate_notebook", "validate", "lesson_of", "relink", "main", "Path"]


def main(argv: Sequence[str] | None = None) -> int:
    """``build`` or ``validate``, as ``python -m helpers.instructor`` runs them."""
    from helpers.instructor.__main__ import main as instructor_main

    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] not in (["build"], ["validate"]):
        print("usage: python -m helpers.exercises build|validate [options]  "
              "(the new command is python -m helpers.instructor)", file=sys.stderr)
        return 2
    return instructor_main(args)


if __name__ == "__main__":
    sys.exit(main())
