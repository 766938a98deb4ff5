"""A workbook's problems, read from its one source: ``exercises/source/NN-slug.ipynb``.

Everything about a problem is written once, in the instructor's source notebook:

- the **question**: a markdown cell ``## Question N · Title`` (for a multiple-choice question, its
  choices as lines ``- **(a)** text``);
- the **setup**: the code cells tagged ``setup`` (run, in order, before any answer);
- the **solution**: the answer cell, with the answer between ``### BEGIN SOLUTION`` and
  ``### END SOLUTION``;
- the **hints, wrong answers and options**: a code cell tagged ``problem`` after the answer cell,
  such as ``q1.declare("value", "total", hints=[...], wrong_answers=[...], tolerance=0.01)``.

The student workbook is built from the same file (cells tagged ``problem`` and ``validate-only``
are left out, solutions become stubs), and a workbook's setup cell gets its problems with::

    from helpers.checks import workbook
    q1, q2, q3 = workbook("healthcare-statistics")   # the lesson's id, or its number

Running a ``problem`` cell in a notebook does nothing: the course reads declarations from the
saved file, so save the notebook (and restart its kernel) after editing one.

>>> q1, *rest = workbook("02")
>>> q1.key, q1.name, type(q1).__name__
('education-pathways.q1', 'part_time', 'ValueProblem')
>>> q1.solution_code.splitlines()[0]
'### BEGIN SOLUTION'
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from . import markers

__all__ = ["SOURCE_DIR", "SETUP_TAG", "PROBLEM_TAG", "VALIDATE_TAG", "workbook", "load_problems",
           "source_path", "sources", "declared_lessons", "WorkbookError", "Problems"]

SOURCE_DIR = Path(__file__).resolve().parent.parent.parent / "exercises" / "source"
SETUP_TAG, PROBLEM_TAG, VALIDATE_TAG = "setup", "problem", "validate-only"
_KINDS = {"value": "ValueProblem", "function": "FunctionProblem", "choice": "ChoiceProblem", "query": "QueryProblem"}
_QUESTION = re.compile(r"^##\s+Question\s+(\d+)\b", re.M)
_CHOICE = re.compile(r"^\s*[-*]\s+\*\*\(([a-z])\)\*\*\s+(.+?)\s*$", re.M)
_HANDLE = re.compile(r"^\s*q(\d+)\.declare\(", re.M)


class WorkbookError(ValueError):
    """A workbook source cannot be read into problems; the message names the file and the cell."""


def _default_dir() -> Path:
    """:data:`SOURCE_DIR`, or ``$MRT_EXERCISE_SOURCES`` (the grader points a learner's kernel at copies of the
    sources without their solutions)."""
    import os

    return Path(os.environ.get("MRT_EXERCISE_SOURCES") or SOURCE_DIR)


def sources(source_dir: Path | None = None) -> list[Path]:
    """Every workbook source, in lesson order."""
    return sorted((source_dir or _default_dir()).glob("[0-9][0-9]-*.ipynb"))


def declared_lessons(source_dir: Path | None = None) -> list[str]:
    """The numbers of the lessons that have a workbook source."""
    return [p.name[:2] for p in sources(source_dir)]


def source_path(lesson: str | int, source_dir: Path | None = None) -> Path:
    """The source notebook of a lesson given by number or id (slug)."""
    from helpers import lessons

    row = lessons.lesson(lesson)
    path = (source_dir or _default_dir()) / f"{row['number']}-{row['slug']}.ipynb"
    if not path.exists():
        have = ", ".join(declared_lessons(source_dir)) or "none"
        raise LookupError(f"Lesson {row['number']} ({row['title']}) has no exercise workbook: there is no {path.name} "
                          f"in {path.parent}. Lessons with workbooks: {have}.")
    return path


class _Declaration:
    """What ``qN.declare(...)`` records while a source is read."""

    def __init__(self, number: int) -> None:
        self.number, self.args = number, None

    def declare(self, kind: str, name: str, **options: Any) -> None:
        if self.args is not None:
            raise WorkbookError(f"q{self.number} is declared twice.")
        if kind not in _KINDS:
            raise WorkbookError(f"q{self.number}: the kind {kind!r} is not one of {', '.join(_KINDS)}.")
        self.args = (kind, name, options)


def _text(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def _tags(cell: dict[str, Any]) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def load_problems(path: Path, lesson: str | None = None) -> list[Any]:
    """Read the problems declared in one source notebook, in order (a new list of new objects)."""
    from .problems import ChoiceProblem, FunctionProblem, QueryProblem, ValueProblem

    classes = {"value": ValueProblem, "function": FunctionProblem, "choice": ChoiceProblem, "query": QueryProblem}
    try:
        cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise WorkbookError(f"{Path(path).name} cannot be read as a notebook ({exc}).") from None
    lesson = lesson or Path(path).name[:2]
    setup = "\n".join(_text(c).rstrip() for c in cells if c.get("cell_type") == "code" and SETUP_TAG in _tags(c))
    problems: list[Any] = []
    last_answer, last_question = None, None
    for index, cell in enumerate(cells, start=1):
        where = f"{Path(path).name}, cell {index}"
        text = _text(cell)
        if cell.get("cell_type") == "markdown" and _QUESTION.search(text):
            last_question = (int(_QUESTION.search(text).group(1)), text)
        if cell.get("cell_type") != "code":
            continue
        if PROBLEM_TAG not in _tags(cell):
            if markers.BEGIN in text:
                last_answer = text
            continue
        handle = _HANDLE.search(text)
        if not handle:
            raise WorkbookError(f"{where}: a cell tagged '{PROBLEM_TAG}' must call qN.declare(...), e.g. "
                                f"q1.declare(\"value\", \"total\", hints=[...], wrong_answers=[...]).")
        number = int(handle.group(1))
        declaration = _Declaration(number)
        namespace: dict[str, Any] = {"__name__": f"__mrt_declaration_{lesson}_q{number}__", f"q{number}": declaration}
        try:
            exec(compile(text, f"<{where}>", "exec"), namespace)
        except WorkbookError as exc:
            raise WorkbookError(f"{where}: {exc}") from None
        except Exception as exc:  # noqa: BLE001 - an instructor's typo: say where it is
            raise WorkbookError(f"{where}: the declaration of q{number} fails: {type(exc).__name__}: {exc}") from None
        if declaration.args is None:
            raise WorkbookError(f"{where}: q{number}.declare(...) was never called.")
        if last_answer is None:
            raise WorkbookError(f"{where}: q{number} has no answer cell before it (a code cell with "
                                f"{markers.BEGIN} ... {markers.END}).")
        if number != len(problems) + 1:
            raise WorkbookError(f"{where}: expected q{len(problems) + 1} here, found q{number}; number the "
                                "questions 1, 2, 3 ... in order.")
        kind, name, options = declaration.args
        if kind == "choice":
            if last_question is None or last_question[0] != number:
                raise WorkbookError(f"{where}: q{number} is multiple choice, so a markdown cell '## Question {number} "
                                    "· ...' listing its choices as '- **(a)** text' must come before it.")
            options.setdefault("choices", dict(_CHOICE.findall(last_question[1])))
            if not options["choices"]:
                raise WorkbookError(f"{where}: Question {number}'s markdown lists no choices; write each as a line "
                                    "'- **(a)** text'.")
            unknown = set(options.get("explanations", {})) - set(options["choices"])
            if unknown:
                raise WorkbookError(f"{where}: explanations for {', '.join(sorted(unknown))}, which are not among "
                                    f"the choices {', '.join(options['choices'])}.")
        try:
            problem = classes[kind](name, lesson=lesson, number=number, setup=setup, solution=last_answer, **options)
        except (TypeError, ValueError) as exc:
            raise WorkbookError(f"{where}: q{number}: {exc}") from None
        problems.append(problem)
        last_answer = None
    return problems


class Problems(tuple):
    """A workbook's problems in order; also reachable by handle (``problems.q2``)."""

    def __getattr__(self, handle: str) -> Any:
        match = re.fullmatch(r"q(\d+)", handle)
        if match and 1 <= int(match.group(1)) <= len(self):
            return self[int(match.group(1)) - 1]
        raise AttributeError(f"this workbook has {', '.join(f'q{i}' for i in range(1, len(self) + 1))}, "
                             f"not {handle!r}.")


@functools.lru_cache(maxsize=None)
def _cached(path: str, lesson: str) -> Problems:
    return Problems(load_problems(Path(path), lesson))


def _show_untouched_answers_plainly() -> None:
    """In a notebook, show an answer still set to ``...`` as "no answer yet" rather than ``Ellipsis``."""
    import sys

    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return
    text = "no answer yet: replace ... with your answer and run the cell again"
    # IPython prints None, True, False and Ellipsis through its table of singletons, keyed by id
    shell.display_formatter.formatters["text/plain"].singleton_printers[id(Ellipsis)] = \
        lambda _obj, p, _cycle: p.text(text)


def workbook(lesson: str | int) -> Problems:
    """The problems of a lesson's workbook (``q1, q2, ...``), given the lesson's number or id.

    The same objects are returned for the same lesson within one Python session. In a notebook,
    an answer cell whose answer is still ``...`` then shows "no answer yet" instead of ``Ellipsis``.

    >>> workbook("healthcare-statistics").q4.name
    'answer_4'
    """
    from helpers import lessons

    number = lessons.number(lesson)
    problems = _cached(str(source_path(number)), number)
    _show_untouched_answers_plainly()
    return problems
