"""nbgrader's cell metadata for the instructor sources, and the configuration nbgrader needs for them.

nbgrader reads a notebook's roles from each cell's ``metadata.nbgrader`` (schema version 3), not
from its text: its ``ClearSolutions`` refuses a cell with ``### BEGIN SOLUTION`` that is not marked
as a solution cell. ``python -m helpers.instructor build`` keeps that metadata up to date in every
source (``build --check`` fails when it is stale), so nbgrader can generate the workbooks too:

=====================================  ===================================================  ==================
cell                                   nbgrader role                                        ``grade_id``
=====================================  ===================================================  ==================
``## Question N`` (markdown)           read-only (locked)                                   ``qN-question``
the answer cell (``BEGIN SOLUTION``)   autograded answer (``solution``, not graded)         ``qN-answer``
``qN.check()``                         autograder tests (graded, locked, problem's points)  ``qN-check``
=====================================  ===================================================  ==================

Every other cell carries no nbgrader metadata. The cells tagged ``problem`` and ``validate-only``
are instructor-only; the course folder's ``nbgrader_config.py`` (:func:`config_text`) removes them
before nbgrader's own steps, and sets nbgrader's code stub to the course's.

    python -m helpers.instructor nbgrader-course FOLDER [--lesson NN ...]

writes such a folder (:mod:`helpers.instructor.nbgrader_course`): ``nbgrader_config.py`` and
``source/NN-exercises/`` with a copy of each source, whose check cells also get a hidden test
(``assert qN.check()``) so that ``nbgrader autograde`` gives a check cell its points only when the
answer is correct.

>>> cells = [{"cell_type": "markdown", "source": "## Question 1 · Total", "metadata": {}},
...          {"cell_type": "code", "source": "### BEGIN SOLUTION\\nt = 2\\n### END SOLUTION", "metadata": {}},
...          {"cell_type": "code", "source": "q1.check()", "metadata": {}},
...          {"cell_type": "code", "source": "q1.declare('value', 't', points=3)",
...           "metadata": {"tags": ["problem"]}}]
>>> [(m or {}).get("grade_id") for m in cell_metadata(cells)]
['q1-question', 'q1-answer', 'q1-check', None]
>>> cell_metadata(cells)[2]["points"], cell_metadata(cells)[2]["locked"]
(3, True)
"""
from __future__ import annotations

import ast
import re
from typing import Any, Sequence

__all__ = ["SCHEMA_VERSION", "COURSE_ID", "declared_points", "cell_metadata", "add_metadata", "config_text",
           "hidden_test"]

#: The nbgrader cell metadata schema these cells follow (the one nbgrader 0.9 writes).
SCHEMA_VERSION = 3
#: The ``course_id`` written into the course folder's ``nbgrader_config.py``.
COURSE_ID = "mrt-course"
_QUESTION = re.compile(r"^##\s+Question\s+(\d+)\b", re.M)
_CHECK = re.compile(r"\s*q(\d+)\.check\(\)\s*")


def _text(cell: Any) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def _tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def declared_points(declaration: str, where: str = "") -> tuple[int, int]:
    """``(N, points)`` of the ``qN.declare(...)`` call in a ``problem`` cell; points default to 1.

    The cell is parsed, never run, so ``points`` must be written as a number.

    >>> declared_points("q4.declare('value', 'total', points=2)")
    (4, 2)
    >>> declared_points("def cases():\\n    return []\\nq1.declare('function', 'f', cases=cases)")
    (1, 1)
    """
    try:
        tree = ast.parse(declaration)
    except SyntaxError as exc:
        raise ValueError(f"{where}the declaration is not valid Python ({exc.msg}, line {exc.lineno}); "
                         "fix it, then build again.") from None
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "declare"
                and isinstance(node.func.value, ast.Name) and re.fullmatch(r"q\d+", node.func.value.id)):
            number = int(node.func.value.id[1:])
            points = next((k.value for k in node.keywords if k.arg == "points"), None)
            if points is None:
                return number, 1
            try:
                value = ast.literal_eval(points)
            except ValueError:
                value = None
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{where}q{number}.declare(..., points=...) must be a whole number of points "
                                 "(0 or more) written as a number, like points=2.")
            return number, value
    raise ValueError(f"{where}a cell tagged 'problem' must call qN.declare(...), e.g. "
                     "q1.declare(\"value\", \"total\", hints=[...]).")


def _meta(grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = False,
          points: int | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA_VERSION,
                            "solution": solution}
    if grade:
        meta["points"] = points
    return meta


def cell_metadata(cells: Sequence[Any], name: str = "source") -> list[dict[str, Any] | None]:
    """The ``metadata.nbgrader`` each cell should carry (None: none), in cell order.

    Raises ValueError, naming the cell, for a check or question cell that appears twice, a check
    cell of an undeclared problem, an answer cell with no declaration after it, or a declared
    problem without a ``qN.check()`` cell.
    """
    from helpers.checks.markers import has_solution

    result: list[dict[str, Any] | None] = [None] * len(cells)
    points: dict[int, int] = {}
    pending: list[int] = []  # answer cells waiting for the declaration that follows them
    checks: dict[int, int] = {}
    seen: dict[str, int] = {}

    def claim(grade_id: str, index: int) -> None:
        if grade_id in seen:
            raise ValueError(f"{name}, cells {seen[grade_id] + 1} and {index + 1} are both {grade_id!r}; a "
                             "workbook has one question, answer and check cell per problem.")
        seen[grade_id] = index

    for index, cell in enumerate(cells):
        text, tags, where = _text(cell), _tags(cell), f"{name}, cell {index + 1}: "
        if "validate-only" in tags:
            continue
        if "problem" in tags:
            number, worth = declared_points(text, where)
            points[number] = worth
            for count, answer in enumerate(pending, start=1):
                grade_id = f"q{number}-answer" + (f"-{count}" if count > 1 else "")
                claim(grade_id, answer)
                result[answer] = _meta(grade_id, solution=True)
            pending = []
        elif cell.get("cell_type") == "markdown" and _QUESTION.match(text):
            grade_id = f"q{_QUESTION.match(text).group(1)}-question"
            claim(grade_id, index)
            result[index] = _meta(grade_id, locked=True)
        elif cell.get("cell_type") == "code" and has_solution(text):
            pending.append(index)
        elif cell.get("cell_type") == "code" and _CHECK.fullmatch(text):
            number = int(_CHECK.fullmatch(text).group(1))
            claim(f"q{number}-check", index)
            checks[number] = index
    if pending:
        raise ValueError(f"{name}, cell {pending[0] + 1}: an answer cell (### BEGIN SOLUTION) with no "
                         "qN.declare(...) cell tagged 'problem' after it.")
    for number, index in checks.items():
        if number not in points:
            raise ValueError(f"{name}, cell {index + 1}: q{number}.check() checks a problem that is never declared.")
        result[index] = _meta(f"q{number}-check", grade=True, locked=True, points=points[number])
    missing = sorted(set(points) - set(checks))
    if missing:
        raise ValueError(f"{name}: q{missing[0]} has no check cell; add a code cell containing only "
                         f"q{missing[0]}.check() after its answer cell.")
    return result


def add_metadata(nb: Any, name: str = "source") -> bool:
    """Set every cell's nbgrader metadata in place (removing stale ones); True if anything changed."""
    changed = False
    for cell, meta in zip(nb.cells, cell_metadata(nb.cells, name)):
        old = cell.metadata.get("nbgrader")
        if meta is None and old is not None:
            del cell.metadata["nbgrader"]
            changed = True
        elif meta is not None and old != meta:
            cell.metadata["nbgrader"] = meta
            changed = True
    return changed


#: The code stub nbgrader puts in place of a solution: the course's stub inside a function body.
_CODE_STUB = 'raise NotImplementedError("Replace this line with your answer")'


def config_text(course_id: str = COURSE_ID) -> str:
    """The ``nbgrader_config.py`` of a course folder made from the sources.

    >>> "TagRemovePreprocessor" in config_text() and "code_stub" in config_text()
    True
    """
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", course_id):
        raise ValueError(f"course id {course_id!r}: use letters, digits, '-', '_' or '.' only.")
    return f'''"""nbgrader configuration for the MRT course's workbooks (written by helpers.instructor)."""
from nbconvert.preprocessors import TagRemovePreprocessor
from nbgrader.converters import GenerateAssignment

c = get_config()  # noqa: F821 - provided by nbgrader when it reads this file
c.CourseDirectory.course_id = "{course_id}"
# Hints, wrong answers and validation cells are for the instructor only: drop them first, as the
# course's own build does.
c.TagRemovePreprocessor.enabled = True
c.TagRemovePreprocessor.remove_cell_tags = ["problem", "validate-only"]
c.GenerateAssignment.preprocessors = [TagRemovePreprocessor] + list(
    GenerateAssignment.class_traits()["preprocessors"].default())
# The course's stub for a solution inside a function body (at the top level the course's own
# build writes `name = ...` instead; nbgrader writes this line there too).
c.ClearSolutions.code_stub = {{"python": {_CODE_STUB!r}}}
'''


def hidden_test(check_source: str) -> str:
    """A check cell with a hidden test that fails unless the answer is correct (for ``nbgrader autograde``).

    >>> print(hidden_test("q2.check()"))
    q2.check()
    ### BEGIN HIDDEN TESTS
    assert q2.check(), "q2 is not correct"
    ### END HIDDEN TESTS
    """
    match = _CHECK.fullmatch(check_source)
    if not match:
        raise ValueError(f"{check_source!r} is not a check cell; a check cell contains only qN.check().")
    handle = f"q{match.group(1)}"
    return (f"{check_source.strip()}\n### BEGIN HIDDEN TESTS\nassert {handle}.check(), \"{handle} is not correct\"\n"
            "### END HIDDEN TESTS")
