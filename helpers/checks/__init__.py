"""The exercise layer: problems declared as data, checks, hints, solutions and progress.

A workbook gets its problems, declared once in its source notebook, and nothing
else is placed in the notebook::

    from helpers.checks import workbook
    q1, q2, q3, q4, q5 = workbook("education-pathways")
    q1.check()      # Correct / Incorrect (what is wrong) / Not attempted
    q1.hint()       # first hint; q1.hint(2) the next
    q1.solution()   # one correct answer

Importing this package reads and writes nothing; modules load on first use.
The instructor's tools (build, validate, grade) are in :mod:`helpers.instructor`.

>>> import helpers.checks as checks
>>> checks.CORRECT, checks.NOT_ATTEMPTED
('correct', 'not attempted')
"""
from __future__ import annotations

import importlib
from typing import Any

__all__ = ["CheckResult", "Feedback", "CORRECT", "INCORRECT", "NOT_ATTEMPTED", "OUTCOMES",
           "ValueProblem", "FunctionProblem", "ChoiceProblem", "QueryProblem", "Problem",
           "progress_widget", "progress_table", "check_all", "lesson_problems", "workbook"]

_WHERE = {
    "CheckResult": "results", "Feedback": "results", "CORRECT": "results", "INCORRECT": "results",
    "NOT_ATTEMPTED": "results", "OUTCOMES": "results",
    "ValueProblem": "problems", "FunctionProblem": "problems", "ChoiceProblem": "problems", "Problem": "problems",
    "QueryProblem": "problems",
    "progress_widget": "widget", "progress_table": "widget",
    "check_all": "grading", "lesson_problems": "grading", "workbook": "workbooks",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'helpers.checks' has no attribute {name!r}; it offers {', '.join(__all__)}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
