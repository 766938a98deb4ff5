"""nbgrader-style solution markers, and the placeholder stubs that replace them.

In an instructor source the answer sits between ``### BEGIN SOLUTION`` and
``### END SOLUTION``. The student workbook gets a stub in its place, chosen so
that the check reports *Not attempted* until the learner writes something:

- markers indented inside a function: ``raise NotImplementedError(...)``;
- markers at the top level: ``name = ...`` for every variable the solution assigns
  (``...`` is Python's Ellipsis, which no answer ever equals).

>>> print(student_source("x = 1\\n### BEGIN SOLUTION\\nanswer = x + 1\\n### END SOLUTION\\nanswer"))
x = 1
answer = ...  # replace ... with your answer
answer
>>> strip_markers("### BEGIN SOLUTION\\nanswer = 2\\n### END SOLUTION")
'answer = 2'
"""
from __future__ import annotations

import ast
import textwrap

__all__ = ["BEGIN", "END", "STUB_RAISE", "MarkerError", "has_solution", "strip_markers", "student_source"]

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
#: The line that replaces a solution inside a function body.
STUB_RAISE = 'raise NotImplementedError("Replace this line with your answer")'
#: The comment after a ``name = ...`` stub.
STUB_COMMENT = "  # replace ... with your answer"


class MarkerError(ValueError):
    """Solution markers are unbalanced, or the solution has no variable to stub."""


def has_solution(source: str) -> bool:
    """True when ``source`` contains a ``### BEGIN SOLUTION`` line.

    >>> has_solution("### BEGIN SOLUTION\\nx = 1\\n### END SOLUTION")
    True
    """
    return any(line.strip() == BEGIN for line in source.splitlines())


def _regions(lines: list[str], where: str) -> list[tuple[int, int]]:
    """(begin, end) line indexes of every solution region, checking the markers balance."""
    regions, start = [], None
    for i, line in enumerate(lines):
        text = line.strip()
        if text == BEGIN:
            if start is not None:
                raise MarkerError(f"{where}line {i + 1}: a second {BEGIN!r} before {END!r}.")
            start = i
        elif text == END:
            if start is None:
                raise MarkerError(f"{where}line {i + 1}: {END!r} without a {BEGIN!r} before it.")
            regions.append((start, i))
            start = None
    if start is not None:
        raise MarkerError(f"{where}line {start + 1}: {BEGIN!r} is never closed by {END!r}.")
    return regions


def strip_markers(source: str, where: str = "") -> str:
    """The source with the marker lines removed and the solution kept (the instructor's version)."""
    lines = source.splitlines()
    _regions(lines, where)
    return "\n".join(line for line in lines if line.strip() not in (BEGIN, END))


def _assigned_names(code: str) -> list[str]:
    names: list[str] = []

    def add(target: ast.AST) -> None:
        if isinstance(target, ast.Name) and target.id not in names:
            names.append(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                add(elt)

    for node in ast.parse(code).body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                add(target)
        elif isinstance(node, ast.AnnAssign):
            add(node.target)
    return names


def student_source(source: str, where: str = "") -> str:
    """The source with each solution region replaced by its stub (the student's version).

    ``where`` (e.g. ``"02-education-pathways.ipynb, cell 7, "``) prefixes error messages.
    """
    lines = source.splitlines()
    out: list[str] = []
    last = 0
    for begin, end in _regions(lines, where):
        out.extend(lines[last:begin])
        indent = lines[begin][: len(lines[begin]) - len(lines[begin].lstrip())]
        body = "\n".join(lines[begin + 1:end])
        if indent:
            out.append(indent + STUB_RAISE)
        else:
            try:
                names = _assigned_names(textwrap.dedent(body))
            except SyntaxError as exc:
                raise MarkerError(f"{where}line {begin + 2 + (exc.lineno or 1) - 1}: the solution is not "
                                  f"valid Python ({exc.msg}).") from None
            if not names:
                raise MarkerError(
                    f"{where}line {begin + 1}: cannot make a stub for this solution. At the top level a "
                    "solution must assign a variable (answer = ...); for a function, put the markers "
                    "inside its body."
                )
            out.extend(f"{name} = ...{STUB_COMMENT}" for name in names)
        last = end + 1
    out.extend(lines[last:])
    return "\n".join(out)
