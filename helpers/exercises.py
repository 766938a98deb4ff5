"""Build and validate the exercise workbooks (instructors' command line).

    python -m helpers.exercises build            write exercises/NN-...-exercises.ipynb from the sources
    python -m helpers.exercises build --check    exit 1 if a committed workbook differs from a fresh build
    python -m helpers.exercises validate         run every source and every workbook in a fresh kernel

A source ``exercises/source/NN-title.ipynb`` holds solutions between
``### BEGIN SOLUTION`` and ``### END SOLUTION`` and may have cells tagged
``validate-only``. The student workbook ``exercises/NN-title-exercises.ipynb``
gets stubs instead of solutions, loses the validate-only cells, all outputs
and execution counts, and keeps the source's cell ids, so a rebuild of an
unchanged source gives the very same bytes.

>>> from helpers.exercises import student_path
>>> student_path(Path("exercises/source/02-education-pathways.ipynb")).name
'02-education-pathways-exercises.ipynb'
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path
from typing import Any, Sequence

__all__ = ["ROOT", "SOURCE_DIR", "EXERCISE_DIR", "VALIDATE_TAG", "student_path", "build_notebook", "render",
           "build", "validate_notebook", "validate", "main", "lesson_of", "relink"]

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "exercises" / "source"
EXERCISE_DIR = ROOT / "exercises"
#: Cells with this tag run only when validating the source; the student workbook drops them.
VALIDATE_TAG = "validate-only"
_KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def student_path(source: Path, out_dir: Path | None = None) -> Path:
    """Where the student workbook built from ``source`` goes."""
    return (out_dir or source.parent.parent) / f"{source.stem}-exercises.ipynb"


def lesson_of(path: Path) -> str:
    """The two-digit lesson number a source or workbook file name starts with.

    >>> lesson_of(Path("15-pay-and-outlook-exercises.ipynb"))
    '15'
    """
    match = re.match(r"(\d\d)-", path.name)
    if not match:
        raise ValueError(f"{path.name}: an exercise file name starts with the two-digit lesson number, "
                         "like 02-education-pathways.ipynb.")
    return match.group(1)


_LINK = re.compile(r"(\]\()([^)\s#]+)")


def relink(markdown: str, source_dir: Path, out_dir: Path) -> str:
    """Rewrite relative markdown links written for ``source_dir`` so they work from ``out_dir``.

    >>> relink("[Lesson](../../notebooks/02-a.ipynb)", Path("/c/exercises/source"), Path("/c/exercises"))
    '[Lesson](../notebooks/02-a.ipynb)'
    """
    def fix(match: re.Match) -> str:
        target = match.group(2)
        if "://" in target or target.startswith(("/", "mailto:")):
            return match.group(0)
        moved = os.path.relpath(os.path.normpath(source_dir / target), out_dir)
        return match.group(1) + Path(moved).as_posix()

    return _LINK.sub(fix, markdown)


def build_notebook(source_nb: Any, name: str = "source", source_dir: Path | None = None,
                   out_dir: Path | None = None) -> Any:
    """The student version of a source notebook (a new NotebookNode); links are rewritten from
    ``source_dir`` to ``out_dir`` when both are given."""
    import nbformat

    from helpers.checks.markers import student_source

    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": dict(_KERNELSPEC), "language_info": {"name": "python"}}
    for number, cell in enumerate(source_nb.cells, start=1):
        tags = list(cell.get("metadata", {}).get("tags", []))
        if VALIDATE_TAG in tags:
            continue
        if not cell.get("id"):
            raise ValueError(f"{name}, cell {number} has no id. Open and save the source in JupyterLab 4 "
                             "(nbformat 4.5) so every cell gets one.")
        text = cell.source if isinstance(cell.source, str) else "".join(cell.source)
        if cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(student_source(text, where=f"{name}, cell {number}, "))
        elif cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(relink(text, source_dir, out_dir) if source_dir and out_dir else text)
        else:
            new = nbformat.v4.new_raw_cell(text)
        new.id = cell.id
        if tags:
            new.metadata["tags"] = tags
        nb.cells.append(new)
    return nb


def render(nb: Any) -> str:
    """Stable JSON text of a notebook (sorted keys, one-space indent, final newline)."""
    import nbformat

    nbformat.validate(nb)
    return nbformat.writes(nb, version=4).rstrip("\n") + "\n"


def _sources(source_dir: Path) -> list[Path]:
    return sorted(p for p in source_dir.glob("[0-9][0-9]-*.ipynb"))


def build(source_dir: Path = SOURCE_DIR, out_dir: Path = EXERCISE_DIR, check: bool = False) -> int:
    """Build every workbook; with ``check``, only compare with what is on disk. Returns an exit code."""
    import nbformat

    status = 0
    for source in _sources(source_dir):
        target = student_path(source, out_dir)
        try:
            text = render(build_notebook(nbformat.read(source, as_version=4), source.name, source_dir, out_dir))
        except Exception as exc:  # noqa: BLE001 - report every broken source, then fail
            print(f"FAIL {source.name}: {exc}")
            status = 1
            continue
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if check:
            if current != text:
                print(f"FAIL {target.name} is {'missing' if current is None else 'out of date'}: "
                      "run `python -m helpers.exercises build` and commit the result.")
                status = 1
            else:
                print(f"ok   {target.name} matches its source")
        elif current != text:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(out_dir.parent) if out_dir.parent in target.parents else target}")
        else:
            print(f"ok   {target.name} unchanged")
    return status


def validate_notebook(path: Path, student: bool, timeout: float = 300.0) -> list[str]:
    """Run one notebook and return its problems (an empty list means it passed).

    A source: no cell may fail, every declared problem must be checked and Correct, every
    validate-only wrong answer must be Incorrect. A student workbook: no cell may fail and every
    problem must be checked and Not attempted.
    """
    import nbformat

    from helpers.checks.grading import lesson_problems
    from helpers.checks.runner import run_notebook

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

    from helpers.checks.grading import self_test

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
                problems = [f"{path.name} is missing: run `python -m helpers.exercises build`."]
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
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m helpers.exercises", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write the student workbooks from the sources")
    b.add_argument("--check", action="store_true", help="only check that the committed workbooks are up to date")
    v = sub.add_parser("validate", help="run sources and workbooks and check every outcome")
    v.add_argument("--timeout", type=float, default=300.0, help="seconds allowed per notebook (default 300)")
    v.add_argument("--lesson", action="append", default=[], metavar="NN",
                   help="validate only this lesson's workbook (repeat for more)")
    for p in (b, v):
        p.add_argument("--source-dir", type=Path, default=SOURCE_DIR, help="folder of instructor sources")
        p.add_argument("--out-dir", type=Path, default=EXERCISE_DIR, help="folder of student workbooks")
    args = parser.parse_args(argv)
    if args.command == "build":
        return build(args.source_dir, args.out_dir, check=args.check)
    return validate(args.source_dir, args.out_dir, timeout=args.timeout, only=args.lesson)


if __name__ == "__main__":
    sys.exit(main())
