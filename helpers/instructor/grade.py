"""Grade a folder of submitted workbooks (instructors' command line).

    python -m helpers.instructor grade SUBMISSIONS --out grades.csv [--lesson 02] [--timeout 120] [--jobs 1]

Who is who: ``SUBMISSIONS/alice.ipynb`` is student ``alice`` (the file name
without its extension); ``SUBMISSIONS/alice/<any>.ipynb`` is also ``alice``
(the folder name). Hidden files and the output files are skipped; any other file
(a PDF, an empty file) is graded as a broken submission, with the reason.

Each notebook runs in its own kernel process with a time limit, then one extra
cell checks every problem of the lesson. **This runs the students' code**: see
the safety section of ``exercises/README.md``.

Writes three files:

- ``grades.csv``: one row per student and problem, in nbgrader's ``grades.csv``
  columns plus ``problem``, ``outcome`` and ``reason``;
- ``grades-totals.csv``: one row per student in nbgrader's columns, plus
  ``problems_correct`` and ``status``;
- ``grades-summary.csv``: per problem, how many students were correct,
  incorrect, not attempted, or could not be graded (also printed).

>>> NBGRADER_COLUMNS[:4]
['assignment', 'duedate', 'timestamp', 'student_id']
"""
from __future__ import annotations

import argparse
import csv
import datetime as _dt
import logging
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Sequence

__all__ = ["NBGRADER_COLUMNS", "COLUMNS", "Submission", "find_submissions", "guess_lesson", "grade_submission",
           "grade", "main"]

#: The columns of nbgrader's grades.csv export.
NBGRADER_COLUMNS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
                    "raw_score", "late_submission_penalty", "score", "max_score"]
#: The columns of the per-problem grades file.
COLUMNS = NBGRADER_COLUMNS + ["problem", "outcome", "reason"]
ERROR = "error"


@dataclass
class Submission:
    """One student's file (or the reason there is no usable file)."""

    student_id: str
    path: Path | None
    note: str = ""


@dataclass
class Graded:
    """What grading one submission found."""

    student_id: str
    outcomes: dict[str, tuple[str, str]] = field(default_factory=dict)  # problem key -> (outcome, reason)
    status: str = "ok"
    seconds: float = 0.0
    timestamp: str = ""


def find_submissions(folder: Path, skip: Sequence[Path] = (), lesson: str | None = None) -> list[Submission]:
    """Every student in ``folder``, sorted by student id."""
    skip_set = {p.resolve() for p in skip}
    found: dict[str, Submission] = {}
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "__")) or entry.resolve() in skip_set:
            continue
        if entry.is_dir():
            notebooks = sorted(p for p in entry.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
            if not notebooks:
                found[entry.name] = Submission(entry.name, None, f"the folder {entry.name}/ holds no .ipynb notebook")
                continue
            preferred = [p for p in notebooks if lesson and p.name.startswith(f"{lesson}-")] or notebooks
            note = f"{len(notebooks)} notebooks in {entry.name}/; graded {preferred[0].name}" if len(notebooks) > 1 else ""
            found[entry.name] = Submission(entry.name, preferred[0], note)
        elif entry.is_file():
            old = found.get(entry.stem)
            if old is None or (old.path is not None and old.path.suffix != ".ipynb" and entry.suffix == ".ipynb"):
                found[entry.stem] = Submission(entry.stem, entry)
    return [found[k] for k in sorted(found)]


_WORKBOOK_CALL = re.compile(r"workbook\(\s*\\?[\"']([A-Za-z0-9-]+)\\?[\"']\s*\)")


def guess_lesson(submissions: Sequence[Submission]) -> str | None:
    """The lesson most submissions take their problems from (``workbook("slug")`` in the setup cell)."""
    from helpers import lessons

    votes: Counter[str] = Counter()
    for sub in submissions:
        if sub.path is None or sub.path.suffix != ".ipynb":
            continue
        try:
            text = sub.path.read_text(encoding="utf-8", errors="replace")[:2_000_000]
        except OSError:
            continue
        named = set()
        for which in set(_WORKBOOK_CALL.findall(text)):
            try:
                named.add(lessons.number(which))
            except ValueError:
                continue
        votes.update(named)
        if match := re.match(r"(\d\d)-", sub.path.name):
            votes[match.group(1)] += 1
    return votes.most_common(1)[0][0] if votes else None


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def grade_submission(sub: Submission, lesson: str, timeout: float) -> Graded:
    """Run one submission and judge every problem of ``lesson``; never raises."""
    import nbformat

    from helpers.checks.grading import lesson_problems
    from helpers.instructor.runner import run_notebook

    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    started = time.monotonic()
    problems = lesson_problems(lesson)
    graded = Graded(sub.student_id)
    if sub.path is not None:
        try:
            stamp = _dt.datetime.fromtimestamp(sub.path.stat().st_mtime, _dt.timezone.utc)
            graded.timestamp = stamp.isoformat(timespec="seconds")
        except OSError:
            pass

    def fail(reason: str) -> Graded:
        graded.status = reason
        graded.outcomes = {p.key: (ERROR, reason) for p in problems}
        graded.seconds = time.monotonic() - started
        return graded

    if sub.path is None:
        return fail(sub.note)
    if sub.path.suffix != ".ipynb":
        return fail(f"{sub.path.name} is not a Jupyter notebook (only .ipynb files are graded)")
    try:
        if sub.path.stat().st_size == 0:
            return fail(f"{sub.path.name} is an empty file")
        nb = nbformat.read(sub.path, as_version=4)
        if not isinstance(nb.get("cells"), list):
            raise ValueError("it has no list of cells")
        for cell in nb.cells:
            if cell.get("cell_type") == "code":
                cell.outputs, cell.execution_count = [], None
    except Exception as exc:  # noqa: BLE001
        return fail(f"{sub.path.name} is not a readable notebook ({type(exc).__name__}: {_short(exc, 150)})")
    report = run_notebook(nb, timeout=timeout, grade_lesson=lesson)
    trouble = "; ".join(filter(None, [sub.note, report.stopped] + report.errors[:3]
                                + ([f"and {len(report.errors) - 3} more errors"] if len(report.errors) > 3 else [])))
    for problem in problems:
        grader = [r for r in report.records if r["problem"] == problem.key and r["kind"] == "grader"]
        own = [r for r in report.records if r["problem"] == problem.key and r["kind"] == "check"]
        if grader:
            outcome, reason = grader[-1]["outcome"], grader[-1]["message"]
        elif own:
            outcome = own[-1]["outcome"]
            reason = f"{own[-1]['message']} (from the notebook's own check; the grading step did not run)"
        else:
            outcome, reason = ERROR, "no result: the notebook stopped before this problem could be checked"
        if outcome != "correct" and trouble:
            reason = f"{reason} [notebook: {trouble}]"
        graded.outcomes[problem.key] = (outcome, _short(reason, 600))
    graded.status = _short(report.stopped or (f"{len(report.errors)} cell error(s)" if report.errors else "ok"), 300)
    graded.seconds = time.monotonic() - started
    return graded


def _progress_line(i: int, n: int, g: Graded, problems: list[Any]) -> str:
    right = sum(g.outcomes[p.key][0] == "correct" for p in problems)
    status = "" if g.status == "ok" else f"  [{_short(g.status, 90)}]"
    return f"[{i:>{len(str(n))}}/{n}] {g.student_id:<20} {right}/{len(problems)} correct  {g.seconds:5.1f} s{status}"


def _run_all(subs: list[Submission], lesson: str, timeout: float, jobs: int, problems: list[Any]) -> list[Graded]:
    results: dict[str, Graded] = {}
    n = len(subs)

    def done(g: Graded) -> None:
        results[g.student_id] = g
        print(_progress_line(len(results), n, g, problems), flush=True)

    if jobs > 1 and n > 1:
        try:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
                futures = {pool.submit(grade_submission, s, lesson, timeout): s for s in subs}
                for future in as_completed(futures):
                    try:
                        done(future.result())
                    except BrokenProcessPool:
                        raise
                    except Exception as exc:  # noqa: BLE001
                        g = Graded(futures[future].student_id, status=f"grading failed: {exc}")
                        g.outcomes = {p.key: (ERROR, g.status) for p in problems}
                        done(g)
        except BrokenProcessPool:
            print("A grading worker died; grading the remaining submissions one at a time.", flush=True)
    for sub in subs:  # sequential (jobs=1), or whatever a broken pool left undone
        if sub.student_id not in results:
            done(grade_submission(sub, lesson, timeout))
    return [results[s.student_id] for s in subs]


def _write(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def grade(folder: Path, out: Path, lesson: str | None = None, timeout: float = 120.0, jobs: int = 1,
          assignment: str | None = None, duedate: str = "") -> int:
    """Grade every submission in ``folder``; write the CSV files; return an exit code."""
    from helpers import lessons
    from helpers.checks.grading import available_lessons, lesson_problems

    if not folder.is_dir():
        print(f"{folder} is not a folder. Give the folder that holds the submitted notebooks.", file=sys.stderr)
        return 2
    totals_path = out.with_name(f"{out.stem}-totals.csv")
    summary_path = out.with_name(f"{out.stem}-summary.csv")
    subs = find_submissions(folder, skip=[out, totals_path, summary_path], lesson=lesson)
    lesson = lesson or guess_lesson(subs)
    try:
        lesson = lessons.number(lesson) if lesson else lesson
    except ValueError:
        pass  # reported just below, with the lessons that can be graded
    if lesson not in available_lessons():
        print(f"Cannot tell which lesson to grade (found {lesson!r}). Pass --lesson with one of: "
              f"{', '.join(available_lessons())}.", file=sys.stderr)
        return 2
    problems = lesson_problems(lesson)
    assignment = assignment or f"{lesson}-exercises"
    print(f"Grading {len(subs)} submission(s) for lesson {lesson} ({len(problems)} problems), "
          f"{timeout:g} s per notebook, {jobs} at a time.", flush=True)
    started = time.monotonic()
    graded = _run_all(subs, lesson, timeout, max(1, jobs), problems)
    rows, totals = [], []
    for g in graded:
        base = {"assignment": assignment, "duedate": duedate, "timestamp": g.timestamp, "student_id": g.student_id,
                "last_name": "", "first_name": "", "email": "", "late_submission_penalty": 0}
        raw = 0
        for p in problems:
            outcome, reason = g.outcomes.get(p.key, (ERROR, "no result"))
            score = p.points if outcome == "correct" else 0
            raw += score
            rows.append({**base, "raw_score": score, "score": score, "max_score": p.points,
                         "problem": p.key, "outcome": outcome, "reason": "" if outcome == "correct" else reason})
        totals.append({**base, "raw_score": raw, "score": raw, "max_score": sum(p.points for p in problems),
                       "problems_correct": sum(g.outcomes.get(p.key, ("",))[0] == "correct" for p in problems),
                       "status": g.status})
    out.parent.mkdir(parents=True, exist_ok=True)
    _write(out, COLUMNS, rows)
    _write(totals_path, NBGRADER_COLUMNS + ["problems_correct", "status"], totals)
    summary = []
    for p in problems:
        counts = Counter(r["outcome"] for r in rows if r["problem"] == p.key)
        summary.append({"problem": p.key, "variable": p.name, "correct": counts["correct"],
                        "incorrect": counts["incorrect"], "not_attempted": counts["not attempted"],
                        "error": counts[ERROR], "students": len(graded),
                        "percent_correct": round(100 * counts["correct"] / len(graded), 1) if graded else 0.0})
    _write(summary_path, list(summary[0]) if summary else ["problem"], summary)
    print(f"\nPer problem ({len(graded)} students):")
    print(f"  {'problem':<8} {'variable':<28} {'correct':>7} {'incorrect':>9} {'not att.':>8} {'error':>5}")
    for s in summary:
        print(f"  {s['problem']:<8} {s['variable']:<28} {s['correct']:>7} {s['incorrect']:>9} "
              f"{s['not_attempted']:>8} {s['error']:>5}")
    print(f"\nWrote {out} ({len(rows)} rows), {totals_path.name} and {summary_path.name} "
          f"in {time.monotonic() - started:.0f} s.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m helpers.instructor grade",
                                     description="Grade a folder of submitted exercise workbooks. "
                                                 "This runs the students' code: see exercises/README.md.")
    parser.add_argument("submissions", type=Path, help="folder of submissions: NAME.ipynb or NAME/<notebook>.ipynb")
    parser.add_argument("--out", type=Path, default=Path("grades.csv"), help="per-problem CSV (default grades.csv)")
    parser.add_argument("--lesson", help="the lesson: its number or id, e.g. 13 or healthcare-statistics (default: guessed from the notebooks)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per notebook (default 120)")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks graded at once, one kernel each (default 1)")
    parser.add_argument("--assignment", help="assignment name in the CSV (default NN-exercises)")
    parser.add_argument("--duedate", default="", help="due date to write in the CSV (default empty)")
    args = parser.parse_args(argv)
    return grade(args.submissions, args.out, args.lesson, args.timeout, args.jobs, args.assignment, args.duedate)


if __name__ == "__main__":
    sys.exit(main())
