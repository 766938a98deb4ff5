"""How long grading a class takes: a generated class of workbook-02 submissions, graded in real kernels.

    .venv/bin/python benchmarks/grading.py [--students 50] [--jobs 2]

A third of the class is all correct, a third partly wrong, a third untouched (answers taken from
the workbook's own source). Prints the total time, the time per submission and the rows written.
Run it on a quiet machine; what it measures is mostly kernel start-up.
"""
from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from helpers.checks.grading import lesson_problems
from helpers.checks.markers import strip_markers
from helpers.instructor import grade
from helpers.instructor.build import EXERCISE_DIR
from timing import summary  # benchmarks/timing.py


def write_class(folder: Path, students: int) -> None:
    workbook = nbformat.read(EXERCISE_DIR / "02-education-pathways-exercises.ipynb", as_version=4)
    problems = lesson_problems("02")
    for i in range(students):
        nb = nbformat.from_dict(workbook)
        kind = ("correct", "partial", "untouched")[i % 3]
        for p in problems:
            if kind == "untouched" or (kind == "partial" and p.number % 2 == 0):
                continue
            cell = next(c for c in nb.cells if c.id == f"q{p.number}-answer")
            cell.source = strip_markers(p.solution_code)
        nbformat.write(nb, folder / f"{kind}{i:03d}.ipynb")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "class", Path(tmp) / "grades.csv"
        folder.mkdir()
        write_class(folder, args.students)
        started = time.perf_counter()
        status = grade.grade(folder, out, lesson="02", timeout=60, jobs=args.jobs)
        seconds = time.perf_counter() - started
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
    print(f"\nclass of {args.students}, {args.jobs} at a time: {seconds:.1f} s in all, "
          f"{seconds / args.students:.2f} s per submission, {len(rows)} rows written, exit status {status}")
    summary(students=args.students, jobs=args.jobs, total_s=round(seconds, 1),
            per_submission_s=round(seconds / args.students, 2), rows=len(rows), status=status)
    return status


if __name__ == "__main__":
    sys.exit(main())
