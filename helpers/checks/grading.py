"""Each lesson's problems, and the check of them all that the grader runs after a learner's cells.

Problems are declared once, in the lesson's workbook source (see :mod:`helpers.checks.workbooks`).

>>> [p.key for p in lesson_problems("02")][:2]
['education-pathways.q1', 'education-pathways.q2']
>>> "02" in available_lessons()
True
"""
from __future__ import annotations

from typing import Any

from .records import append_record
from .workbooks import declared_lessons, workbook

__all__ = ["lesson_problems", "available_lessons", "check_all", "GradingReport"]


def available_lessons() -> list[str]:
    """Numbers of the lessons that have a workbook (a source in ``exercises/source/``)."""
    return declared_lessons()


def lesson_problems(lesson: str | int) -> list[Any]:
    """The problems declared for a lesson (its number, e.g. ``"02"``, or its id), in order."""
    return list(workbook(lesson))


class GradingReport(list):
    """The results of :func:`check_all`, one per problem; prints as a short list."""

    def __str__(self) -> str:
        return "\n".join(str(r) for r in self)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return "".join(r._repr_html_() for r in self)


def check_all(lesson: str, namespace: dict[str, Any] | None = None) -> GradingReport:
    """Check every problem of ``lesson`` against ``namespace`` (default: the notebook's) for grading."""
    from .problems import _MISSING, _caller_namespace

    namespace = _caller_namespace() if namespace is None else namespace
    report = GradingReport()
    for problem in lesson_problems(lesson):
        try:
            value = namespace.get(problem.name, _MISSING)
        except BaseException:  # noqa: BLE001
            value = _MISSING
        result = problem.judge(value)
        append_record(problem, result, kind="grader")
        report.append(result)
    return report
