"""A workbook's number must be worked out, not copied: no number a lesson shows passes a value
problem of that lesson's workbook.

Each lesson with a workbook is run top to bottom (as a learner would have it open beside the
workbook); every number in its outputs (printed text, tables, HTML) is then offered to each of the
workbook's value problems whose answer is a number. A number that passes was on the learner's
screen already, so the problem proves nothing: it must use other data (another month, unit, seed or
bed count) or become a function problem checked on hidden inputs.

Whole numbers under 10 are left out: they appear in any lesson by chance (a step, a day, a count of
columns), so an answer such as 4 cannot be "copied" from a lesson in any useful sense.
"""
from __future__ import annotations

import html
import numbers
import re
from pathlib import Path

import nbformat
import pytest

from helpers.checks import workbook
from helpers.checks.problems import ValueProblem
from helpers.checks.results import CORRECT

ROOT = Path(__file__).resolve().parents[1]
WORKBOOKS = sorted((ROOT / "exercises").glob("[0-9][0-9]-*-exercises.ipynb"))
LESSON_OF = {wb: ROOT / "notebooks" / (wb.name.replace("-exercises", "")) for wb in WORKBOOKS}
NUMBER = re.compile(r"(?<![\w.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])-?\d+(?:\.\d+)?")


def shown_numbers(text: str) -> set[float]:
    """Every number written in ``text`` (thousands separators allowed), as floats, except whole
    numbers under 10.

    >>> sorted(shown_numbers("ALOS 4.25 days; 1,234 stays; 12.5%; ICD S62.5; step 3"))
    [4.25, 12.5, 1234.0]
    """
    found = {float(m.replace(",", "")) for m in NUMBER.findall(text)}
    return {n for n in found if not (n.is_integer() and abs(n) < 10)}


def output_text(nb) -> str:
    """All the text of a run notebook's outputs: streams, plain text and HTML without its tags."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if "text" in out:
                parts.append(out["text"])
            data = out.get("data", {})
            parts.append(data.get("text/plain", ""))
            parts.append(html.unescape(re.sub(r"<[^>]+>", " ", data.get("text/html", ""))))
    return "\n".join(parts)


def copied_numbers_that_pass(problems, shown: set[float]) -> list[str]:
    """The value problems with a numeric answer that one of the ``shown`` numbers passes."""
    passing = []
    for problem in problems:
        if not isinstance(problem, ValueProblem):
            continue
        expected = problem.expected()
        if isinstance(expected, bool) or not isinstance(expected, numbers.Real):
            continue
        for number in sorted(shown):
            for offered in {number, int(number)} if float(number).is_integer() else {number}:
                if problem.judge(offered).outcome == CORRECT:
                    passing.append(f"{problem.key} ({problem.name}) passes with {offered!r}, shown in the lesson")
                    break
    return passing


def test_the_rule_catches_a_copied_number_and_passes_a_worked_one():
    problems = list(workbook("healthcare-statistics"))
    numeric = [p for p in problems if isinstance(p, ValueProblem) and isinstance(p.expected(), numbers.Real)
               and not isinstance(p.expected(), bool)]
    assert numeric, "the statistics workbook should have a numeric value problem"
    right = float(numeric[0].expected())
    assert copied_numbers_that_pass(numeric[:1], {right, 123456.0})  # shown in the lesson: caught
    assert not copied_numbers_that_pass(numeric[:1], {right + 1000.5, 123456.0})  # never shown: fine
    assert shown_numbers(output_text(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        outputs=[nbformat.v4.new_output("stream", text=f"The answer is {right:,.2f}")])]))) >= {round(right, 2)}


@pytest.mark.parametrize("workbook_path", WORKBOOKS, ids=lambda p: p.stem)
def test_no_number_the_lesson_shows_passes_a_value_problem(workbook_path):
    from nbclient import NotebookClient

    lesson = LESSON_OF[workbook_path]
    nb = nbformat.read(lesson, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=False,
                   resources={"metadata": {"path": str(lesson.parent)}}).execute()
    slug = lesson.stem[3:]
    passing = copied_numbers_that_pass(list(workbook(slug)), shown_numbers(output_text(nb)))
    assert not passing, "\n".join(passing)
