"""Grade a folder of submitted workbooks (instructors' command line).

    python -m helpers.instructor grade SUBMISSIONS --out grades.csv [--lesson 02] [--timeout 120] [--jobs 1]
        [--resume] [--no-sandbox] [--trust-records] [--secret TEXT] [--memory-mb 4096]

Who is who: see :mod:`helpers.instructor.submissions`. Each submission runs in a worker process of
its own session (:mod:`helpers.instructor.kernelrun`), inside a bubblewrap sandbox by default
(:mod:`helpers.instructor.sandbox`); the worker's kernel only hands over its answers as plain data
and this process judges them (:mod:`helpers.instructor.judge`). Each student is written to a journal
as soon as graded (:mod:`helpers.instructor.journal`), and the CSV files are written from it.
**This runs the students' code**: see the safety section of ``exercises/README.md``.

Writes ``grades.csv`` (a row per student and problem: nbgrader's columns plus ``problem``,
``outcome``, ``reason``), ``grades-totals.csv`` (a row per student: nbgrader's columns plus
``problems_correct``, ``status``), ``grades-summary.csv`` (per problem) and the journal.

>>> NBGRADER_COLUMNS[:4]
['assignment', 'duedate', 'timestamp', 'student_id']
"""
from __future__ import annotations

import argparse
import datetime as _dt
import os
import secrets
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from .journal import COLUMNS, ERROR, NBGRADER_COLUMNS, Journal, JournalError, journal_path, write_csvs
from .submissions import Submission, find_submissions, guess_lesson, lesson_mismatch

__all__ = ["NBGRADER_COLUMNS", "COLUMNS", "Submission", "Graded", "find_submissions", "guess_lesson",
           "grade_submission", "grade", "main"]


@dataclass
class Graded:
    """What grading one submission found."""

    student_id: str
    outcomes: dict[str, tuple[str, str]] = field(default_factory=dict)  # problem key -> (outcome, reason)
    status: str = "ok"
    seconds: float = 0.0
    timestamp: str = ""

    def entry(self) -> dict[str, Any]:
        """The journal line for this student."""
        return {"student_id": self.student_id, "timestamp": self.timestamp, "status": self.status,
                "seconds": round(self.seconds, 2), "outcomes": {k: list(v) for k, v in self.outcomes.items()}}


def _short(text: Any, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def grade_submission(sub: Submission, lesson: str, timeout: float, context: Any = None) -> Graded:
    """Run one submission and judge every problem of ``lesson``; never raises.

    ``context`` is a :class:`helpers.instructor.execute.Context` (made on first need when omitted:
    sandboxed where bubblewrap works)."""
    import nbformat

    from helpers.checks.grading import lesson_problems

    started = time.monotonic()
    problems = context.key.problems if context is not None else lesson_problems(lesson)
    graded = Graded(sub.student_id)
    if sub.path is not None:
        try:
            stamp = _dt.datetime.fromtimestamp(sub.path.stat().st_mtime, _dt.timezone.utc)
            graded.timestamp = stamp.isoformat(timespec="seconds")
        except OSError:
            pass

    def fail(reason: str) -> Graded:
        graded.status = _short(reason, 600)
        graded.outcomes = {p.key: (ERROR, _short(reason, 600)) for p in problems}
        graded.seconds = time.monotonic() - started
        return graded

    if sub.refused or sub.path is None:
        return fail(sub.refused or sub.note or "nothing to grade")
    name = sub.path.name.encode("utf-8", "backslashreplace").decode("utf-8")
    if sub.path.suffix.lower() != ".ipynb":
        return fail(f"{name} is not a Jupyter notebook (only .ipynb files are graded)")
    try:
        raw = (context.snapshot(sub) if context is not None else None) or sub.path.read_bytes()
        if not raw:
            return fail(f"{name} is an empty file")
        nb = nbformat.reads(raw.decode("utf-8", "replace"), as_version=4)
        if not isinstance(nb.get("cells"), list):
            raise ValueError("it has no list of cells")
        for cell in nb.cells:
            if cell.get("cell_type") == "code":
                cell.outputs, cell.execution_count = [], None
    except Exception as exc:  # noqa: BLE001
        return fail(f"{name} is not a readable notebook ({type(exc).__name__}: {_short(exc, 150)})")
    text = "\n".join(c.get("source", "") for c in nb.cells if isinstance(c.get("source", ""), str))
    if wrong := lesson_mismatch(text, lesson):
        return fail(wrong)
    if context is None:
        from .execute import Context

        context = Context.make(lesson, sandboxed=None)
        try:
            return grade_submission(sub, lesson, timeout, context)
        finally:
            context.close()
    run = context.run(nb, timeout)
    trouble = "; ".join(filter(None, [sub.note] + run.notes + ([run.stopped] if run.stopped else []) + run.errors[:3]
                               + ([f"and {len(run.errors) - 3} more errors"] if len(run.errors) > 3 else [])))
    for problem in problems:
        outcome, reason = context.verdict(problem, run)
        if outcome != "correct" and trouble:
            reason = f"{reason} [notebook: {trouble}]"
        graded.outcomes[problem.key] = (outcome, _short(reason, 700))
    status = _short(run.stopped or (f"{len(run.errors)} cell error(s)" if run.errors else "ok"), 300)
    graded.status = "; ".join(filter(None, [status] + run.notes + [sub.note]))
    graded.seconds = time.monotonic() - started
    return graded


def _progress_line(i: int, n: int, g: Graded, problems: list[Any]) -> str:
    right = sum(g.outcomes[p.key][0] == "correct" for p in problems)
    status = "" if g.status == "ok" else f"  [{_short(g.status, 90)}]"
    return f"[{i:>{len(str(n))}}/{n}] {g.student_id:<20} {right}/{len(problems)} correct  {g.seconds:5.1f} s{status}"


def grade(folder: Path, out: Path, lesson: str | None = None, timeout: float = 120.0, jobs: int = 1,
          assignment: str | None = None, duedate: str = "", *, resume: bool = False, sandboxed: bool = True,
          trust_records: bool = False, secret: str | None = None, memory_mb: int = 4096) -> int:
    """Grade every submission in ``folder``; write the journal as it goes, then the CSV files; return an exit code."""
    from helpers import lessons
    from helpers.checks.grading import available_lessons

    from .execute import Context
    from .sandbox import INSTALL_HINT, sandbox_works

    if not folder.is_dir():
        print(f"{folder} is not a folder. Give the folder that holds the submitted notebooks.", file=sys.stderr)
        return 2
    journal_file = journal_path(out)
    skip = [out, out.with_name(f"{out.stem}-totals.csv"), out.with_name(f"{out.stem}-summary.csv"), journal_file]
    subs = find_submissions(folder, skip=skip, lesson=lesson and _number(lesson))
    lesson = lesson or guess_lesson(subs)
    try:
        lesson = lessons.number(lesson) if lesson else lesson
    except ValueError:
        pass  # reported just below, with the lessons that can be graded
    if lesson not in available_lessons():
        print(f"Cannot tell which lesson to grade (found {lesson!r}). Pass --lesson with one of: "
              f"{', '.join(available_lessons())}.", file=sys.stderr)
        return 2
    subs = find_submissions(folder, skip=skip, lesson=lesson)
    works, why = sandbox_works()
    if sandboxed and not works:
        print(f"Refusing to grade without a sandbox: {why}. {INSTALL_HINT}", file=sys.stderr)
        return 2
    if not sandboxed:
        print("WARNING: grading WITHOUT a sandbox (--no-sandbox): the students' code can read and change your "
              "files and use the network. Do this only in a disposable machine or container.", flush=True)
    assignment = assignment or f"{lesson}-exercises"
    try:
        journal = Journal(journal_file, {"lesson": lesson, "assignment": assignment,
                                         "secret": None if (secret or os.environ.get("MRT_GRADER_SECRET")) else
                                         secrets.token_hex(16)}, resume=resume)
    except JournalError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    secret = secret or os.environ.get("MRT_GRADER_SECRET") or journal.header["secret"]
    pending = [s for s in subs if s.student_id not in journal.done]
    if journal.resumed:
        print(f"Resuming from {journal_file.name}: {len(subs) - len(pending)} already graded, {len(pending)} to go.")
    context = Context.make(lesson, sandboxed=sandboxed, secret=secret, memory_mb=memory_mb,
                           trust_records=trust_records, hide=[folder, out.parent])
    problems = context.key.problems
    print(f"Grading {len(pending)} submission(s) for lesson {lesson} ({len(problems)} problems), {timeout:g} s per "
          f"notebook, {jobs} at a time, {'in a sandbox' if sandboxed else 'WITHOUT a sandbox'}.", flush=True)
    started, lock, count = time.monotonic(), threading.Lock(), [len(subs) - len(pending)]
    try:
        context.take_snapshots(pending)
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = {pool.submit(grade_submission, s, lesson, timeout, context): s for s in pending}
            for future in as_completed(futures):
                try:
                    g = future.result()
                except Exception as exc:  # noqa: BLE001 - a bug here must not lose the class
                    g = Graded(futures[future].student_id, status=f"grading failed: {_short(exc, 200)}")
                    g.outcomes = {p.key: (ERROR, g.status) for p in problems}
                g.status = "; ".join(filter(None, [g.status, context.changed_note(futures[future])]))
                with lock:
                    journal.add(g.entry())
                    count[0] += 1
                    print(_progress_line(count[0], len(subs), g, problems), flush=True)
    except KeyboardInterrupt:
        print(f"\nInterrupted: {count[0]} of {len(subs)} graded and kept in {journal_file}. Run the same command "
              "with --resume to grade the rest.", file=sys.stderr)
        return 130
    finally:
        context.close()
        journal.close()
    entries = [journal.done[s.student_id] for s in subs]
    rows, summary = write_csvs(out, entries, problems, assignment, duedate)
    print(f"\nPer problem ({len(entries)} students):")
    print(f"  {'problem':<8} {'variable':<28} {'correct':>7} {'incorrect':>9} {'not att.':>8} {'error':>5}")
    for s in summary:
        print(f"  {s['problem']:<8} {s['variable']:<28} {s['correct']:>7} {s['incorrect']:>9} "
              f"{s['not_attempted']:>8} {s['error']:>5}")
    print(f"\nWrote {out} ({len(rows)} rows), {out.stem}-totals.csv and {out.stem}-summary.csv "
          f"in {time.monotonic() - started:.0f} s (journal: {journal_file.name}).")
    return 0


def _number(lesson: str) -> str:
    from helpers import lessons

    try:
        return lessons.number(lesson)
    except ValueError:
        return lesson


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
    parser.add_argument("--resume", action="store_true", help="continue an interrupted run from its journal "
                                                              "(students already graded are not graded again)")
    parser.add_argument("--no-sandbox", action="store_true", help="grade without bubblewrap (only in a disposable "
                                                                  "machine: the students' code can reach your files)")
    parser.add_argument("--trust-records", action="store_true", help="when an answer cannot be collected, use the "
                        "notebook's own check record (a student can forge these; off by default)")
    parser.add_argument("--secret", help="secret the capstone's hidden test extracts are made from (default: "
                                         "$MRT_GRADER_SECRET, else a random one kept in the journal)")
    parser.add_argument("--memory-mb", type=int, default=4096, help="memory limit per process (default 4096)")
    args = parser.parse_args(argv)
    return grade(args.submissions, args.out, args.lesson, args.timeout, args.jobs, args.assignment, args.duedate,
                 resume=args.resume, sandboxed=not args.no_sandbox, trust_records=args.trust_records,
                 secret=args.secret, memory_mb=args.memory_mb)


if __name__ == "__main__":
    sys.exit(main())
