"""How validation and grading learn outcomes, and the per-lesson problem lists.

When the environment variable ``MRT_GRADING_FILE`` names a file, every check
appends one JSON line to it (``lesson``, ``problem``, ``name``, ``kind``,
``outcome``, ``message``). The grader and the validator set it for each
notebook they run; learners never need it. ``kind`` is ``check`` for a
learner's own ``qN.check()``, ``wrong-answer`` for a validate-only cell and
``grader`` for :func:`check_all`, which the grader runs after the last cell.

>>> [p.key for p in lesson_problems("02")][:2]
['education-pathways.q1', 'education-pathways.q2']
>>> "02" in available_lessons()
True
"""
from __future__ import annotations

import importlib
import json
import os
import re
from pathlib import Path
from typing import Any, Iterable

from .markers import strip_markers
from .results import CORRECT, INCORRECT, NOT_ATTEMPTED, CheckResult

__all__ = ["GRADING_ENV", "append_record", "read_records", "lesson_problems", "available_lessons",
           "check_all", "self_test", "GradingReport"]

GRADING_ENV = "MRT_GRADING_FILE"
_LESSON = re.compile(r"lesson(\d\d)\.py")


def append_record(problem: Any, result: CheckResult, kind: str) -> None:
    """Append one check result to ``$MRT_GRADING_FILE`` (does nothing when it is unset)."""
    target = os.environ.get(GRADING_ENV)
    if not target:
        return
    line = json.dumps({"lesson": problem.lesson, "problem": problem.key, "name": problem.name, "kind": kind,
                       "outcome": result.outcome, "message": result.message}, sort_keys=True)
    try:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    except OSError:
        pass  # grading reports "no result" for this problem


def read_records(path: str | Path) -> list[dict[str, Any]]:
    """The records in a grading file; unreadable lines are skipped."""
    records: list[dict[str, Any]] = []
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return records
    for line in text.splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict) and isinstance(item.get("problem"), str):
            records.append(item)
    return records


def available_lessons() -> list[str]:
    """Lesson numbers that have declared problems (a ``lessonNN.py`` module here)."""
    here = Path(__file__).parent
    return sorted(m.group(1) for p in here.iterdir() if (m := _LESSON.fullmatch(p.name)))


def lesson_problems(lesson: str) -> list[Any]:
    """The problems declared for ``lesson`` (e.g. ``"02"``), in order."""
    if not re.fullmatch(r"\d\d", str(lesson)):
        raise ValueError(f"a lesson number has two digits, like '02'; got {lesson!r}.")
    try:
        module = importlib.import_module(f"{__package__}.lesson{lesson}")
    except ModuleNotFoundError:
        raise LookupError(f"lesson {lesson} has no problems (no helpers/checks/lesson{lesson}.py); "
                          f"lessons with problems: {', '.join(available_lessons())}.") from None
    return list(module.PROBLEMS)


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


def self_test(lessons: Iterable[str] | None = None) -> list[str]:
    """Prove each declared problem: the solution is Correct, every declared wrong answer is
    Incorrect and the student stub is Not attempted. Returns the failures (empty = all good)."""
    failures: list[str] = []
    for lesson in lessons or available_lessons():
        for problem in lesson_problems(lesson):
            if not problem.wrong_answers:
                failures.append(f"{problem.key}: declares no wrong answer.")
            runs = [("the solution", strip_markers(problem.solution_code), CORRECT),
                    ("the student stub", problem.student_code(), NOT_ATTEMPTED)]
            runs += [(f"wrong answer {i + 1}", code, INCORRECT) for i, (code, _) in enumerate(problem.wrong_answers)]
            for what, code, want in runs:
                try:
                    got = problem.judge(problem.run(code).get(problem.name, Ellipsis)).outcome
                except BaseException as exc:  # noqa: BLE001
                    got = f"an error ({type(exc).__name__}: {exc})"
                if got != want:
                    failures.append(f"{problem.key}: {what} should be {want}, but is {got}.")
    return failures
