"""Building and validating the exercise workbooks (helpers.exercises)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from helpers import exercises
from helpers.checks import grading, markers
from helpers.checks.problems import ChoiceProblem

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "exercises" / "source").glob("[0-9][0-9]-*.ipynb"))


def lesson_of(path: Path) -> str:
    return exercises.lesson_of(path)


def test_the_two_required_workbooks_exist():
    names = {p.name for p in SOURCES}
    assert {"02-education-pathways.ipynb", "15-pay-and-outlook.ipynb"} <= names
    for source in SOURCES:
        assert exercises.student_path(source).exists()


def test_committed_workbooks_equal_a_fresh_build(capsys):
    assert exercises.build(check=True) == 0, capsys.readouterr().out


def test_build_is_reproducible(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    assert exercises.build(out_dir=first) == 0 and exercises.build(out_dir=second) == 0
    for source in SOURCES:
        one = exercises.student_path(source, first).read_bytes()
        assert one == exercises.student_path(source, second).read_bytes()
    for source in SOURCES:  # building again over the same folder rewrites nothing
        before = exercises.student_path(source, first).stat().st_mtime_ns
        exercises.build(out_dir=first)
        assert exercises.student_path(source, first).stat().st_mtime_ns == before


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_student_workbook_is_clean(source):
    src = nbformat.read(source, as_version=4)
    nb = nbformat.read(exercises.student_path(source), as_version=4)
    nbformat.validate(nb)
    assert nb.nbformat == 4 and nb.nbformat_minor >= 5
    assert nb.metadata["kernelspec"]["name"] == "python3" and "widgets" not in nb.metadata
    kept = [c.id for c in src.cells if exercises.VALIDATE_TAG not in c.metadata.get("tags", [])]
    assert [c.id for c in nb.cells] == kept, "cell ids must be the source's"
    assert any(exercises.VALIDATE_TAG in c.metadata.get("tags", []) for c in src.cells)
    for cell in nb.cells:
        assert markers.BEGIN not in cell.source and markers.END not in cell.source
        assert "check_wrong" not in cell.source
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
    text = exercises.student_path(source).read_text()
    assert text.endswith("}\n") and "BEGIN SOLUTION" not in text


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_source_matches_the_declared_problems(source):
    """Each problem's solution is a cell of the source, verbatim; the workbook shows its stub,
    a check cell and the help lines; the setup cell imports exactly the lesson's problems."""
    lesson = lesson_of(source)
    problems = grading.lesson_problems(lesson)
    src = nbformat.read(source, as_version=4)
    student = nbformat.read(exercises.student_path(source), as_version=4)
    src_code = [c.source for c in src.cells if c.cell_type == "code"]
    student_code = [c.source for c in student.cells if c.cell_type == "code"]
    markdown = "\n".join(c.source for c in src.cells if c.cell_type == "markdown")
    for p in problems:
        assert p.solution_code in src_code, f"{p.key}: the source's answer cell differs from the declaration"
        assert p.student_code() in student_code
        assert f"q{p.number}.check()" in student_code
        assert f"# q{p.number}.hint()\n# q{p.number}.hint(2)\n# q{p.number}.solution()" in student_code
        assert f"## Question {p.number} " in markdown
        if isinstance(p, ChoiceProblem):
            for letter, text in p.choices.items():
                assert f"**({letter})** {text}" in markdown, f"{p.key}: choice {letter} not shown"
    setup = student_code[0]
    names = ", ".join(f"q{p.number}" for p in problems)
    assert f"from helpers.checks.lesson{lesson} import {names}" in setup
    assert re.search(r"^from helpers import \w+(, \w+)*\s*(#.*)?$", setup, re.M), "the setup cell imports the helpers it uses"
    assert setup.rstrip().endswith('print("Setup complete.")')
    assert re.search(rf"\]\(\.\./notebooks/{lesson}-[a-z0-9-]+\.ipynb\)", "\n".join(
        c.source for c in student.cells if c.cell_type == "markdown")), "no link back to the lesson"


def test_lessons_table_names_the_workbooks():
    from helpers import data

    lessons = data.load("lessons").set_index("number")
    for source in SOURCES:
        assert lessons.loc[lesson_of(source), "exercise"] == exercises.student_path(source).name


def test_build_reports_a_broken_source(tmp_path, capsys):
    src_dir, out = tmp_path / "source", tmp_path / "out"
    src_dir.mkdir(), out.mkdir()
    nb = nbformat.read(SOURCES[0], as_version=4)
    nb.cells[2].source += "\n### BEGIN SOLUTION\nx = 1"
    nbformat.write(nb, src_dir / SOURCES[0].name)
    assert exercises.build(src_dir, out) == 1
    assert "never closed" in capsys.readouterr().out and not list(out.iterdir())
    assert exercises.main(["build", "--check", "--source-dir", str(src_dir), "--out-dir", str(out)]) == 1


def test_relink():
    here, there = Path("/c/exercises/source"), Path("/c/exercises")
    assert exercises.relink("[a](../../README.md) [b](https://x.org/a) [c](#top)", here, there) == \
        "[a](../README.md) [b](https://x.org/a) [c](#top)"


# Every source and every workbook in exercises/ (a stray workbook without a source is run too).
# The suite executes each of them exactly once, here: nbval is pointed at notebooks/ only (see the
# Makefile), because validate_notebook already fails on any cell that raises, which is all
# `--nbval-lax` asserts, and it also checks every problem's outcome.
REAL_NOTEBOOKS = [pytest.param(s, False, id=f"source/{s.name}") for s in SOURCES] + [
    pytest.param(w, True, id=w.name) for w in sorted((ROOT / "exercises").glob("*.ipynb"))]


@pytest.mark.parametrize("path, student", REAL_NOTEBOOKS)
def test_real_notebook_validates(path, student):
    """Runs one source (all Correct) or workbook (all Not attempted) in a fresh kernel."""
    assert exercises.validate_notebook(path, student) == []


def test_validate_runs_and_reports_every_source_and_workbook(monkeypatch, capsys):
    """`validate` with no lesson given covers every source and its workbook and reports each.

    The notebooks themselves run in test_real_notebook_validates and the declared problems'
    self-test in tests/test_checks.py::test_self_test_passes; here both are stand-ins, so this
    checks the command's coverage and report without running anything twice."""
    seen, lessons = [], []
    monkeypatch.setattr(exercises, "validate_notebook", lambda path, student, timeout: seen.append((path, student)) or [])
    monkeypatch.setattr(grading, "self_test", lambda which: lessons.extend(which) or [])
    status = exercises.main(["validate"])
    out = capsys.readouterr().out
    assert status == 0, out
    assert lessons == sorted({lesson_of(s) for s in SOURCES}) and set(lessons) <= set(grading.available_lessons())
    assert seen == [pair for s in SOURCES for pair in ((s, False), (exercises.student_path(s), True))]
    for source in SOURCES:
        assert f"ok   {source.name}" in out and f"ok   {exercises.student_path(source).name}" in out


def test_validate_fails_on_a_broken_source(tmp_path, capsys):
    """A wrong solution, a validate-only 'wrong answer' that is in fact right, and an erroring cell."""
    source = next(p for p in SOURCES if p.name.startswith("02-"))
    src_dir, out = tmp_path / "source", tmp_path
    src_dir.mkdir()
    nb = nbformat.read(source, as_version=4)
    cells = {c.id: c for c in nb.cells}
    cells["q1-answer"].source = cells["q1-answer"].source.replace('paths["months_max"] * 2', 'paths["months_max"] * 3')
    cells["q3-validate"].source = 'q3.check_wrong(["High-school diploma or GED", "Certificate program"])'
    cells["q4-help"].source = "1 / 0"
    nbformat.write(nb, src_dir / source.name)
    assert exercises.build(src_dir, out) == 0
    assert exercises.validate(src_dir, out) == 1
    report = capsys.readouterr().out
    assert f"FAIL {source.name}" in report
    assert f"FAIL {exercises.student_path(source).name}" in report  # its help cell raises there too
    assert "Question 1 was incorrect (should be correct)" in report
    assert "wrong answer for education-pathways.q3 was reported correct" in report
    assert report.count("ZeroDivisionError") == 2
    assert "Validation FAILED" in report


def test_validate_fails_when_a_workbook_is_missing_or_a_problem_is_never_checked(tmp_path, capsys):
    source = next(p for p in SOURCES if p.name.startswith("15-"))
    src_dir = tmp_path / "source"
    src_dir.mkdir()
    nb = nbformat.read(source, as_version=4)
    nb.cells = [c for c in nb.cells if c.id != "q6-check"]
    nbformat.write(nb, src_dir / source.name)
    problems = exercises.validate_notebook(src_dir / source.name, student=False)
    assert any("Question 6 (`answer_6`) is never checked" in p for p in problems)
    shutil.rmtree(src_dir)


def test_validate_can_be_limited_to_one_lesson(monkeypatch, capsys):
    seen = []
    monkeypatch.setattr(exercises, "validate_notebook", lambda path, student, timeout: seen.append(path.name) or [])
    assert exercises.main(["validate", "--lesson", "13"]) == 0
    assert seen and all(name.startswith("13-") for name in seen) and len(seen) == 2
    assert "lesson(s) 13" in capsys.readouterr().out


def test_validate_names_an_unknown_lesson(capsys):
    assert exercises.main(["validate", "--lesson", "77"]) == 2
    out = capsys.readouterr().out
    assert "No workbook source for lesson(s) 77" in out and "02-education-pathways.ipynb" in out
