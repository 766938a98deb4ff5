"""A workbook's number must be worked out, not copied: no number a lesson shows passes a value
problem of that lesson's workbook.

Each lesson with a workbook is run top to bottom (as a learner would have it open beside the
workbook); every number in its outputs (printed text, tables, HTML) is then offered to each of the
workbook's value problems whose answer is a number. A number that passes was on the learner's
screen already, so the problem proves nothing: it must use other data (another month, unit, seed or
bed count) or become a function problem checked on hidden inputs.

A workbook's SQL query problems (lesson 09) are held to the same rule: every query text written in the lesson's
code (a string literal holding SELECT) is run as an answer to each query problem, and must not pass.

The same run also offers each of the lesson's own variables (a count, a list, a table the lesson
built) to every value problem, whatever its type: an answer the lesson already holds in a variable
is an answer the learner can copy.

Whole numbers under 10 are left out of the printed numbers: they appear in any lesson by chance (a step, a day, a count of
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
from helpers.checks.problems import QueryProblem, ValueProblem
from helpers.checks.results import CORRECT

ROOT = Path(__file__).resolve().parents[1]
WORKBOOKS = sorted((ROOT / "exercises").glob("[0-9][0-9]-*-exercises.ipynb"))
LESSON_OF = {wb: ROOT / "notebooks" / (wb.name.replace("-exercises", "")) for wb in WORKBOOKS}
NUMBER = re.compile(r"(?<![\w.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])-?\d+(?:\.\d+)?")


def shown_numbers(text: str) -> set[float]:
    """Every number written in ``text`` (thousands separators allowed; "$25k" is 25,000), as floats,
    except whole numbers under 10.

    >>> sorted(shown_numbers("ALOS 4.25 days; 1,234 stays; 12.5%; ICD S62.5; step 3; $25k-$35k; 40 km"))
    [4.25, 12.5, 40.0, 1234.0, 25000.0, 35000.0]
    """
    found = set()
    for m in NUMBER.finditer(text):
        value = float(m.group().replace(",", ""))
        thousands = re.match(r"[kK](?![A-Za-z])", text[m.end():m.end() + 2])
        found.add(value * 1000 if thousands else value)
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


def shown_queries(nb) -> set[str]:
    """Every string literal in the lesson's code cells that holds an SQL SELECT.

    >>> sorted(shown_queries(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
    ...     'q = "SELECT 1"\\nname = "Ann"')])))
    ['SELECT 1']
    """
    import ast

    found = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "select" in node.value.lower():
                found.add(node.value)
    return found


def copied_queries_that_pass(problems, queries: set[str]) -> list[str]:
    """The query problems that one of the lesson's own SQL texts passes."""
    return [f"{p.key} ({p.name}) passes with a query written in the lesson: {q[:60]!r}"
            for p in problems if isinstance(p, QueryProblem)
            for q in sorted(queries) if p.judge(q).outcome == CORRECT]


def test_the_query_rule_catches_a_copied_query_and_passes_a_worked_one():
    problems = [p for p in workbook("health-data-standards") if isinstance(p, QueryProblem)]
    assert problems, "the lesson 09 workbook should have query problems"
    right = problems[0].expected()
    assert copied_queries_that_pass(problems[:1], {right, "SELECT 1 AS x"})
    assert not copied_queries_that_pass(problems[:1], {"SELECT patient_id FROM patients"})


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


# Run at the end of the lesson, in its kernel: which of the lesson's variables pass a value problem?
_VARIABLES_THAT_PASS = """
import json as _json, types as _types
from helpers.checks import workbook as _workbook
from helpers.checks.problems import QueryProblem as _QueryProblem, ValueProblem as _ValueProblem
from helpers.checks.results import CORRECT as _CORRECT
_hits = []
for _problem in _workbook({slug!r}):
    if not isinstance(_problem, (_ValueProblem, _QueryProblem)):
        continue
    for _name, _value in list(globals().items()):
        if _name.startswith("_") or callable(_value) or isinstance(_value, _types.ModuleType):
            continue
        if isinstance(_problem, _QueryProblem) and not (isinstance(_value, str) and "select" in _value.lower()):
            continue  # only query text can answer a query problem; running anything else costs time
        if _problem.judge(_value).outcome == _CORRECT:
            _hits.append(f"{{_problem.key}} ({{_problem.name}}) passes with the lesson's variable {{_name}}")
print("VARIABLES THAT PASS", _json.dumps(_hits))
"""


def variables_that_pass(nb) -> list[str]:
    """What the extra last cell printed: the lesson variables that pass a value problem."""
    text = "".join(out.get("text", "") for out in nb.cells[-1].get("outputs", []))
    match = re.search(r"VARIABLES THAT PASS (\[.*\])", text)
    assert match, f"the probe cell printed no result: {text[-500:]}"
    import json

    return json.loads(match.group(1))


@pytest.mark.parametrize("workbook_path", WORKBOOKS, ids=lambda p: p.stem)
def test_nothing_the_lesson_shows_or_holds_passes_a_value_problem(workbook_path):
    from nbclient import NotebookClient

    lesson = LESSON_OF[workbook_path]
    slug = lesson.stem[3:]
    nb = nbformat.read(lesson, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(_VARIABLES_THAT_PASS.format(slug=slug)))
    NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=False,
                   resources={"metadata": {"path": str(lesson.parent)}}).execute()
    passing = copied_numbers_that_pass(list(workbook(slug)), shown_numbers(output_text(nb)))
    passing += copied_queries_that_pass(list(workbook(slug)), shown_queries(nb))
    passing += variables_that_pass(nb)
    assert not passing, "\n".join(passing)


def test_the_variable_probe_catches_an_answer_the_lesson_holds_and_passes_one_it_does_not(tmp_path):
    from nbclient import NotebookClient

    problem = next(p for p in workbook("healthcare-statistics") if p.name == "occupancy_july")
    right = float(problem.expected())
    found = []
    for value in (right, right + 5.0):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"july = {value!r}"),
                                             nbformat.v4.new_code_cell(_VARIABLES_THAT_PASS.format(
                                                 slug="healthcare-statistics"))])
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
        found.append(variables_that_pass(nb))
    assert found[0] == ["healthcare-statistics.q5 (occupancy_july) passes with the lesson's variable july"]
    assert found[1] == []
