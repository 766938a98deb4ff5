"""Build the student workbooks from the instructor sources.

    python -m helpers.instructor build            write exercises/NN-...-exercises.ipynb from the sources
    python -m helpers.instructor build --check    exit 1 if a committed workbook differs from a fresh build
                                                  (or a source's nbgrader metadata is out of date)

A source ``exercises/source/NN-slug.ipynb`` is the one place where a workbook's
problems are written (see :mod:`helpers.checks.workbooks`): solutions between
``### BEGIN SOLUTION`` and ``### END SOLUTION``, declarations in cells tagged
``problem``, extra proofs in cells tagged ``validate-only``. The student
workbook ``exercises/NN-slug-exercises.ipynb`` gets stubs instead of solutions,
loses the ``problem`` and ``validate-only`` cells, all outputs and execution
counts, and keeps the source's cell ids, so a rebuild of an unchanged source
gives the very same bytes. The build also keeps the sources' nbgrader cell metadata up to date
(:mod:`helpers.instructor.nbgrader_meta`), so nbgrader's own ``generate_assignment`` accepts them.

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

__all__ = ["ROOT", "SOURCE_DIR", "EXERCISE_DIR", "VALIDATE_TAG", "PROBLEM_TAG", "INSTRUCTOR_TAGS", "student_path",
           "build_notebook", "render", "build", "main", "lesson_of", "relink"]

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCE_DIR = ROOT / "exercises" / "source"
EXERCISE_DIR = ROOT / "exercises"
#: Cells with this tag run only when validating the source; the student workbook drops them.
VALIDATE_TAG = "validate-only"
#: Cells with this tag declare a problem's hints, wrong answers and options; the student workbook drops them.
PROBLEM_TAG = "problem"
INSTRUCTOR_TAGS = (VALIDATE_TAG, PROBLEM_TAG)
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
        if any(tag in tags for tag in INSTRUCTOR_TAGS):
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
    from helpers.checks.workbooks import sources

    return sources(source_dir)


def build(source_dir: Path = SOURCE_DIR, out_dir: Path = EXERCISE_DIR, check: bool = False) -> int:
    """Build every workbook; with ``check``, only compare with what is on disk. Returns an exit code."""
    import nbformat

    from . import nbgrader_meta

    status = 0
    for source in _sources(source_dir):
        target = student_path(source, out_dir)
        try:
            source_nb = nbformat.read(source, as_version=4)
            text = render(build_notebook(source_nb, source.name, source_dir, out_dir))
            stale = nbgrader_meta.add_metadata(source_nb, source.name)
        except Exception as exc:  # noqa: BLE001 - report every broken source, then fail
            print(f"FAIL {source.name}: {exc}")
            status = 1
            continue
        if stale and check:
            print(f"FAIL {source.name}: its nbgrader cell metadata is out of date: run "
                  "`python -m helpers.instructor build` and commit the result.")
            status = 1
        elif stale:
            source.write_text(render(source_nb), encoding="utf-8")
            print(f"wrote nbgrader metadata into {source.name}")
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if check:
            if current != text:
                print(f"FAIL {target.name} is {'missing' if current is None else 'out of date'}: "
                      "run `python -m helpers.instructor build` and commit the result.")
                status = 1
            else:
                print(f"ok   {target.name} matches its source")
        elif current != text:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(out_dir.parent) if out_dir.parent in target.parents else target}")
        else:
            print(f"ok   {target.name} unchanged")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """``build [--check]``: write (or only compare) the student workbooks."""
    parser = argparse.ArgumentParser(prog="python -m helpers.instructor build",
                                     description="Write the student workbooks from the instructor sources.")
    parser.add_argument("--check", action="store_true", help="only check that the committed workbooks are up to date")
    parser.add_argument("--source-dir", type=Path, default=SOURCE_DIR, help="folder of instructor sources")
    parser.add_argument("--out-dir", type=Path, default=EXERCISE_DIR, help="folder of student workbooks")
    args = parser.parse_args(argv)
    return build(args.source_dir, args.out_dir, check=args.check)


if __name__ == "__main__":
    sys.exit(main())
