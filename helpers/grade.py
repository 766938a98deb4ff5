"""Old name of the grader, kept for one release: use ``python -m helpers.instructor grade``.

>>> from helpers.grade import NBGRADER_COLUMNS
>>> NBGRADER_COLUMNS[0]
'assignment'
"""
from __future__ import annotations

import sys

from helpers.instructor.grade import (COLUMNS, ERROR, NBGRADER_COLUMNS, Graded, Submission, find_submissions, grade,
                                      grade_submission, guess_lesson, main)

__all__ = ["COLUMNS", "ERROR", "NBGRADER_COLUMNS", "Graded", "Submission", "find_submissions", "grade",
           "grade_submission", "guess_lesson", "main"]

if __name__ == "__main__":
    sys.exit(main())
