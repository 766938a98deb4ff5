"""Validate the workbooks: every problem proven, every source and workbook run in a fresh kernel.

    python -m helpers.instructor validate [--lesson NN ...] [--timeout 300]

First every declared problem is proven in-process (:func:`self_test`: the solution is
Correct, each declared wrong answer Incorrect, the student stub Not attempted); then
each source must run with every problem checked and Correct and every
``validate-only`` wrong answer Incorrect, and each student workbook must run with
every problem checked and Not attempted.

>>> self_test(["15"])
[]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Iterable, Sequence

from helpers.checks.grading import available_lessons, lesson_problems
from helpers.checks.markers import strip_markers
from helpers.checks.results import CORRECT, INCORRECT, NOT_ATTEMPTED

from .build import EXERCISE_DIR, SOURCE_DIR, _sources, lesson_of, student_path

__all__ = ["self_test", "validate_notebook", "validate", "main"]


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


def validate_notebook(path: Path, student: bool, timeout: float = 300.0) -> list[str]:
    """Run one notebook and return its problems (an empty list means it passed).

    A source: no cell may fail, every declared problem must be checked and Correct, every
    validate-only wrong answer must be Incorrect. A student workbook: no cell may fail and every
    problem must be checked and Not attempted.
    """
    import nbformat

    from .runner import run_notebook

    nb = nbformat.read(path, as_version=4)
    lesson = lesson_of(path)
    problems = lesson_problems(lesson)
    report = run_notebook(nb, timeout=timeout)
    failures = list(report.errors)
    if report.stopped:
        failures.append(report.stopped)
    want = "not attempted" if student else "correct"
    for problem in problems:
        checks = [r for r in report.records if r["problem"] == problem.key and r["kind"] == "check"]
        if not checks:
            failures.append(f"{problem.label} (`{problem.name}`) is never checked: add a cell `q{problem.number}.check()`.")
        for record in checks:
            if record["outcome"] != want:
                failures.append(f"{problem.label} was {record['outcome']} (should be {want}): {record['message']}")
    for record in report.records:
        if record["kind"] == "wrong-answer" and record["outcome"] != "incorrect":
            failures.append(f"a validate-only wrong answer for {record['problem']} was reported "
                            f"{record['outcome']}, not incorrect: the check cannot fail.")
    if student and any(r["kind"] == "wrong-answer" for r in report.records):
        failures.append("the student workbook still contains validate-only cells.")
    return failures


def validate(source_dir: Path = SOURCE_DIR, out_dir: Path = EXERCISE_DIR, timeout: float = 300.0,
             only: Sequence[str] = ()) -> int:
    """Validate every source and workbook (or those of the lessons in ``only``), print a summary
    per notebook, return an exit code."""
    import logging

    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    status = 0
    sources = _sources(source_dir)
    if only:
        wanted = {f"{int(n):02d}" if str(n).isdigit() else str(n) for n in only}
        unknown = wanted - {lesson_of(p) for p in sources}
        if unknown:
            print(f"No workbook source for lesson(s) {', '.join(sorted(unknown))} in {source_dir}; "
                  f"the sources are: {', '.join(p.name for p in sources)}.")
            return 2
        sources = [p for p in sources if lesson_of(p) in wanted]
    lessons = sorted({lesson_of(p) for p in sources})
    failures = self_test(lessons)
    print(f"{'FAIL' if failures else 'ok  '} declared problems of lesson(s) {', '.join(lessons)}: solution Correct, "
          "wrong answers Incorrect, stubs Not attempted")
    for failure in failures:
        print(f"       - {failure}")
    status |= bool(failures)
    for source in sources:
        for path, student in ((source, False), (student_path(source, out_dir), True)):
            started = time.monotonic()
            if not path.exists():
                problems = [f"{path.name} is missing: run `python -m helpers.instructor build`."]
            else:
                try:
                    problems = validate_notebook(path, student, timeout)
                except Exception as exc:  # noqa: BLE001
                    problems = [f"could not validate: {type(exc).__name__}: {exc}"]
            what = "workbook, all Not attempted" if student else "source, all Correct"
            print(f"{'FAIL' if problems else 'ok  '} {path.name} ({what}; {time.monotonic() - started:.1f} s)")
            for problem in problems:
                print(f"       - {problem}")
            status |= bool(problems)
    print("Validation passed." if status == 0 else "Validation FAILED: see the lines marked FAIL above.")
    return int(status)


def main(argv: Sequence[str] | None = None) -> int:
    """``validate [--lesson NN] [--timeout S]``: prove the problems and run the notebooks."""
    parser = argparse.ArgumentParser(prog="python -m helpers.instructor validate",
                                     description="Run every source and workbook in a fresh kernel and check every outcome.")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds allowed per notebook (default 300)")
    parser.add_argument("--lesson", action="append", default=[], metavar="NN",
                        help="validate only this lesson's workbook (repeat for more)")
    parser.add_argument("--source-dir", type=Path, default=SOURCE_DIR, help="folder of instructor sources")
    parser.add_argument("--out-dir", type=Path, default=EXERCISE_DIR, help="folder of student workbooks")
    args = parser.parse_args(argv)
    return validate(args.source_dir, args.out_dir, timeout=args.timeout, only=args.lesson)


if __name__ == "__main__":
    sys.exit(main())
