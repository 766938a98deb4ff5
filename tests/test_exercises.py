"""Building and validating the exercise workbooks (helpers.instructor build / validate), from one source each."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from helpers.checks import grading, markers, workbooks
from helpers.instructor import build as exercises
from helpers.instructor import validate as validating
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
    kept = [c.id for c in src.cells if not set(exercises.INSTRUCTOR_TAGS) & set(c.metadata.get("tags", []))]
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
def test_each_problem_is_written_once_in_its_source(source):
    """The source holds each problem's question, answer cell and declaration; the workbook shows the stub,
    a check cell and the help lines; its setup cells get exactly the lesson's problems."""
    lesson = lesson_of(source)
    problems = grading.lesson_problems(lesson)
    src = nbformat.read(source, as_version=4)
    student = nbformat.read(exercises.student_path(source), as_version=4)
    src_code = [c.source for c in src.cells if c.cell_type == "code"]
    declarations = [c.source for c in src.cells if workbooks.PROBLEM_TAG in c.metadata.get("tags", [])]
    student_code = [c.source for c in student.cells if c.cell_type == "code"]
    markdown = "\n".join(c.source for c in src.cells if c.cell_type == "markdown")
    assert len(declarations) == len(problems) >= 4
    for p, declaration in zip(problems, declarations):
        assert p.solution_code in src_code
        assert f"q{p.number}.declare(" in declaration and repr(p.name) in declaration.replace('"', "'")
        assert p.student_code() in student_code
        assert f"q{p.number}.check()" in student_code
        assert f"# q{p.number}.hint()\n# q{p.number}.hint(2)\n# q{p.number}.solution()" in student_code
        assert f"## Question {p.number} " in markdown
        if isinstance(p, ChoiceProblem):
            assert len(p.choices) >= 3
            for letter, text in p.choices.items():
                assert f"**({letter})** {text}" in markdown, f"{p.key}: choice {letter} not shown"
    slug = source.stem[3:]
    names = ", ".join(f"q{p.number}" for p in problems)
    assert any(f'{names} = workbook("{slug}")' in code for code in student_code)
    setup = [c.source for c in src.cells if workbooks.SETUP_TAG in c.metadata.get("tags", [])]
    assert setup and re.search(r"^from helpers import \w+(, \w+)*\s*(#.*)?$", setup[0], re.M)
    assert all("workbook(" not in code for code in setup), "setup cells run before the problems exist"
    assert 'print("Setup complete.")' in "\n".join(student_code[:3])
    assert re.search(rf"\]\(\.\./notebooks/{lesson}-[a-z0-9-]+\.ipynb\)", "\n".join(
        c.source for c in student.cells if c.cell_type == "markdown")), "no link back to the lesson"


def _repeated_in(code: str) -> list[str]:
    """The problems whose hints or wrong-answer messages also stand in ``code``."""
    found = []
    for lesson in grading.available_lessons():
        for p in grading.lesson_problems(lesson):
            found += [p.key for text in p.hints + [m for _, m in p.wrong_answers if m] if text in code]
    return found


def test_no_problem_is_written_anywhere_else():
    """Hints and wrong-answer messages live only in the sources: no helper module repeats them."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "helpers").rglob("*.py"))
    assert not list((ROOT / "helpers" / "checks").glob("lesson*.py"))
    assert _repeated_in(code) == []
    pasted = grading.lesson_problems("13")[1].hints[0]  # the check can fail: a hint copied into a module is found
    assert _repeated_in(code + "\n" + pasted) == ["healthcare-statistics.q2"]


def _source_with(tmp_path, change):
    source = next(p for p in SOURCES if p.name.startswith("13-"))
    nb = nbformat.read(source, as_version=4)
    change({c.id: c for c in nb.cells}, nb)
    path = tmp_path / source.name
    nbformat.write(nb, path)
    return path


@pytest.mark.parametrize("change, words", [
    (lambda cells, nb: setattr(cells["q2-problem"], "source", cells["q2-problem"].source.replace("hints=[", "hints=[[")),
     "13-healthcare-statistics.ipynb, cell"),
    (lambda cells, nb: setattr(cells["q2-problem"], "source", "q2.declare('guess', 'x', hints=['a', 'b'])"),
     "not one of value, function, choice"),
    (lambda cells, nb: setattr(cells["q2-problem"], "source", cells["q2-problem"].source.replace("q2.declare", "q3.declare")),
     "expected q2 here, found q3"),
    (lambda cells, nb: setattr(cells["q2-problem"], "source", "hints = ['a', 'b']"), "must call qN.declare"),
    (lambda cells, nb: setattr(cells["q4-question"], "source", "## Question 4 · Reflection\n\nNo choices here."),
     "lists no choices"),
    (lambda cells, nb: setattr(cells["q1-answer"], "source", "set_aside = 3"), "has no answer cell before it"),
])
def test_a_broken_source_is_named_with_the_cell_at_fault(tmp_path, change, words):
    path = _source_with(tmp_path, change)
    with pytest.raises(workbooks.WorkbookError, match=re.escape(words)):
        workbooks.load_problems(path, "13")


def test_an_intact_copy_of_a_source_loads(tmp_path):
    path = _source_with(tmp_path, lambda cells, nb: None)
    loaded = workbooks.load_problems(path, "13")
    assert [p.key for p in loaded] == [p.key for p in grading.lesson_problems("13")]
    assert loaded[3].choices == grading.lesson_problems("13")[3].choices


def test_running_a_declaration_in_a_notebook_changes_nothing():
    q1 = grading.lesson_problems("02")[0]
    before = (q1.hints, q1.wrong_answers, q1.options)
    assert q1.declare("value", "something_else", hints=["x", "y"]) is None
    assert (q1.hints, q1.wrong_answers, q1.options) == before and q1.name == "part_time"


def test_the_old_commands_still_work_for_one_release(capsys):
    from helpers import exercises as old_exercises
    from helpers import grade as old_grade
    from helpers import hublink as old_hublink

    assert old_exercises.main(["build", "--check"]) == 0
    assert old_exercises.main(["frobnicate"]) == 2 and "helpers.instructor" in capsys.readouterr().err
    assert old_grade.main is __import__("helpers.instructor.grade", fromlist=["main"]).main
    assert old_hublink.hub_link("https://h.edu", "https://g.com/o/c", "13").endswith("13-healthcare-statistics.ipynb")


def test_lessons_table_names_the_workbooks():
    from helpers import data

    lessons = data.load("lessons").set_index("number")
    for source in SOURCES:
        assert lessons.loc[lesson_of(source), "exercise"] == exercises.student_path(source).name


# Lesson 18 (exam readiness) is the one lesson from 02 on whose practice is a practice exam, not a workbook.
WITHOUT_WORKBOOK = {"18"}


def workbook_gaps(lessons, problem_counts: dict[str, int]) -> list[str]:
    """Every available lesson from 02 on (except those in WITHOUT_WORKBOOK) has a workbook source with at
    least four problems. ``problem_counts`` maps the number of each lesson that has a source to its problems."""
    gaps = []
    for r in lessons.itertuples():
        if not r.available or r.number < "02" or r.number in WITHOUT_WORKBOOK:
            continue
        count = problem_counts.get(r.number)
        if count is None:
            gaps.append(f"lesson {r.number} ({r.title}) has no workbook source in exercises/source/")
        elif count < 4:
            gaps.append(f"lesson {r.number} ({r.title}) has {count} problem(s); a workbook needs at least 4")
    return gaps


def _problem_counts() -> dict[str, int]:
    return {lesson_of(s): len(grading.lesson_problems(lesson_of(s))) for s in SOURCES}


def test_every_available_lesson_from_02_has_a_workbook_of_four_or_more_problems():
    from helpers import data

    assert workbook_gaps(data.load("lessons"), _problem_counts()) == []


def test_the_workbook_rule_can_fail():
    from helpers import data

    lessons = data.load("lessons")
    counts = _problem_counts()
    del counts["16"]
    counts["03"] = 3
    assert workbook_gaps(lessons, counts) == [
        "lesson 03 (Certifications and licensing) has 3 problem(s); a workbook needs at least 4",
        "lesson 16 (Advancing) has no workbook source in exercises/source/",
    ]
    # Lessons 00, 01 and 18 have no workbook and need none; any other lesson without one is named.
    counts = _problem_counts()
    assert not {"00", "01", "18"} & set(counts)
    del counts["02"]
    assert workbook_gaps(lessons, counts) == [
        "lesson 02 (Education pathways) has no workbook source in exercises/source/"]


def test_the_ce_function_of_workbook_03_reads_ahimas_rule_as_the_planner_does():
    """Workbook 03 asks for AHIMA's CE rule as a function; its reference answer must agree with career.ce_due."""
    from helpers import career

    problem = next(p for p in grading.lesson_problems("03") if p.name == "ahima_ceus")
    reference = problem.expected()
    for (held,) in problem.cases():
        assert reference(held) == career.ce_due(held).get("AHIMA", {"total": 0})["total"], held


def test_build_reports_a_broken_source(tmp_path, capsys):
    src_dir, out = tmp_path / "source", tmp_path / "out"
    src_dir.mkdir(), out.mkdir()
    nb = nbformat.read(SOURCES[0], as_version=4)
    nb.cells[2].source += "\n### BEGIN SOLUTION\nx = 1"
    nbformat.write(nb, src_dir / SOURCES[0].name)
    assert exercises.build(src_dir, out) == 1
    assert "never closed" in capsys.readouterr().out and not list(out.iterdir())
    assert exercises.main(["--check", "--source-dir", str(src_dir), "--out-dir", str(out)]) == 1


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
    assert validating.validate_notebook(path, student) == []


def test_validate_runs_and_reports_every_source_and_workbook(monkeypatch, capsys):
    """`validate` with no lesson given covers every source and its workbook and reports each.

    The notebooks themselves run in test_real_notebook_validates and the declared problems'
    self-test in tests/test_checks.py::test_self_test_passes; here both are stand-ins, so this
    checks the command's coverage and report without running anything twice."""
    seen, lessons = [], []
    monkeypatch.setattr(validating, "validate_notebook", lambda path, student, timeout: seen.append((path, student)) or [])
    monkeypatch.setattr(validating, "self_test", lambda which: lessons.extend(which) or [])
    status = validating.main([])
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
    assert validating.validate(src_dir, out) == 1
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
    problems = validating.validate_notebook(src_dir / source.name, student=False)
    assert any("Question 6 (`answer_6`) is never checked" in p for p in problems)
    shutil.rmtree(src_dir)


def test_validate_can_be_limited_to_one_lesson(monkeypatch, capsys):
    seen = []
    monkeypatch.setattr(validating, "validate_notebook", lambda path, student, timeout: seen.append(path.name) or [])
    assert validating.main(["--lesson", "13"]) == 0
    assert seen and all(name.startswith("13-") for name in seen) and len(seen) == 2
    assert "lesson(s) 13" in capsys.readouterr().out


def test_validate_names_an_unknown_lesson(capsys):
    assert validating.main(["--lesson", "77"]) == 2
    out = capsys.readouterr().out
    assert "No workbook source for lesson(s) 77" in out and "02-education-pathways.ipynb" in out


def test_one_entry_point_for_the_instructor_tools(capsys):
    from helpers.instructor.__main__ import main

    assert main([]) == 2 and "build" in capsys.readouterr().out
    assert main(["--help"]) == 0 and "grade" in capsys.readouterr().out
    assert main(["mark"]) == 2 and "Unknown command 'mark'" in capsys.readouterr().err
    assert main(["build", "--check"]) == 0 and "matches its source" in capsys.readouterr().out
    assert main(["link", "https://h.edu", "https://g.com/o/c", "--lesson", "capstone"]) == 0
    assert capsys.readouterr().out.strip().endswith("19-capstone.ipynb")
