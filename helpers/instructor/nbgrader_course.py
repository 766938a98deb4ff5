"""``python -m helpers.instructor nbgrader-course FOLDER [--lesson NN ...]``: an nbgrader course folder.

The folder gets ``nbgrader_config.py`` (:func:`helpers.instructor.nbgrader_meta.config_text`) and,
for each lesson, ``source/NN-exercises/`` with a copy of its workbook source named like the
course's student workbook. In the copies each check cell also carries a hidden test
(``assert qN.check()``), so that ``nbgrader autograde`` gives a check cell its points only when the
answer is correct. Then, in that folder: ``nbgrader generate_assignment NN-exercises``.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     [p.name for p in make_course(Path(folder), ["02"])]
['02-education-pathways-exercises.ipynb']
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from . import nbgrader_meta
from .build import SOURCE_DIR, lesson_of, render, student_path

__all__ = ["make_course", "main"]


def make_course(folder: Path, lessons: Sequence[str] = (), source_dir: Path | None = None,
                course_id: str = nbgrader_meta.COURSE_ID) -> list[Path]:
    """Write an nbgrader course folder; returns the notebooks written under ``source/``.

    ``lessons`` are numbers or ids (default: every source). Each lesson becomes the assignment
    ``NN-exercises`` holding one notebook named like the course's student workbook. An existing
    ``nbgrader_config.py`` is kept.
    """
    import nbformat

    from helpers import lessons as course

    source_dir = source_dir or SOURCE_DIR
    sources = sorted(source_dir.glob("[0-9][0-9]-*.ipynb"))
    wanted = {course.number(lesson) for lesson in lessons}
    unknown = wanted - {lesson_of(s) for s in sources}
    if unknown:
        raise ValueError(f"no workbook source for lesson(s) {', '.join(sorted(unknown))} in {source_dir}; "
                         f"lessons with one: {', '.join(lesson_of(s) for s in sources)}.")
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "nbgrader_config.py"
    if not config.exists():
        config.write_text(nbgrader_meta.config_text(course_id), encoding="utf-8")
    written = []
    for source in sources:
        if wanted and lesson_of(source) not in wanted:
            continue
        nb = nbformat.read(source, as_version=4)
        nbgrader_meta.add_metadata(nb, source.name)
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade"):
                cell.source = nbgrader_meta.hidden_test(cell.source)
        target = student_path(source, folder / "source" / f"{lesson_of(source)}-exercises")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(nb), encoding="utf-8")
        written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """``nbgrader-course FOLDER [--lesson NN ...]``: write an nbgrader course folder from the sources."""
    parser = argparse.ArgumentParser(prog="python -m helpers.instructor nbgrader-course",
                                     description="Write an nbgrader course folder (nbgrader_config.py and "
                                                 "source/NN-exercises/) from the workbook sources.")
    parser.add_argument("folder", type=Path, help="the course folder to create or update")
    parser.add_argument("--lesson", action="append", default=[],
                        help="only this lesson, by number or id (repeatable); default every lesson")
    parser.add_argument("--course-id", default=nbgrader_meta.COURSE_ID,
                        help=f"nbgrader course id (default {nbgrader_meta.COURSE_ID})")
    args = parser.parse_args(argv)
    try:
        written = make_course(args.folder, args.lesson, course_id=args.course_id)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}")
    if not written:
        print("No workbook source found: nothing to write.", file=sys.stderr)
        return 1
    print(f"Next, with the course's environment activated: cd {args.folder} && "
          f"nbgrader generate_assignment {written[0].parent.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
