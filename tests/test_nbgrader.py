"""nbgrader 0.9.6's own pipeline accepts the workbook sources and makes the course's student workbooks.

The sources carry nbgrader cell metadata (written by `python -m helpers.instructor build`), so
nbgrader's preprocessors, configured by the course folder's nbgrader_config.py, turn each source
into the committed student workbook. What legitimately differs is normalised before comparing:

- nbgrader puts one stub line where a top-level solution was; the course writes `name = ...` for
  each variable the solution assigns (inside a function both write the same line);
- nbgrader does not rewrite the markdown links, which the course's build points from
  exercises/source/ to exercises/;
- nbgrader adds its own cell metadata (checksums, `editable`/`deletable`).
"""
from __future__ import annotations

import copy
import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.checks import markers, workbooks
from helpers.instructor import build, journal, nbgrader_course, nbgrader_meta

from nbgrader.preprocessors import ClearSolutions, SaveCells  # a test dependency, pinned in environment.yml
from traitlets.config.loader import PyFileConfigLoader

SOURCES = sorted(build.SOURCE_DIR.glob("[0-9][0-9]-*.ipynb"))
TOKEN = "<solution stub>"
_OUR_STUB = re.compile(r"[A-Za-z_]\w* = \.\.\." + re.escape(markers.STUB_COMMENT))


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    """The configuration nbgrader reads from the course folder (the file itself, loaded by traitlets)."""
    folder = tmp_path_factory.mktemp("nbgrader-config")
    (folder / "nbgrader_config.py").write_text(nbgrader_meta.config_text(), encoding="utf-8")
    return PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config()


def nbgrader_student(nb, config, preprocessors=None):
    """Run generate_assignment's preprocessors (all but SaveCells, which needs the gradebook) on a copy."""
    nb, resources = copy.deepcopy(nb), {}
    for preprocessor in preprocessors or config.GenerateAssignment.preprocessors:
        if preprocessor is not SaveCells:
            nb, resources = preprocessor(config=config)(nb, resources)
    return nb


def _code(text: str, ours: bool) -> str:
    lines: list[str] = []
    for line in text.split("\n"):
        stub = _OUR_STUB.fullmatch(line) if ours else line == markers.STUB_RAISE
        if stub and lines and lines[-1] == TOKEN:
            continue
        lines.append(TOKEN if stub else line)
    return "\n".join(lines)


def normalised(nb, ours: bool) -> list[tuple]:
    """(id, type, tags, text) of each cell, with the legitimate differences taken out."""
    cells = []
    for cell in nb.cells:
        text = cell.source
        if cell.cell_type == "code":
            text = _code(text, ours)
        elif not ours:
            text = build.relink(text, build.SOURCE_DIR, build.EXERCISE_DIR)
        cells.append((cell.id, cell.cell_type, tuple(cell.metadata.get("tags", [])), text))
    return cells


def differences(theirs, ours) -> list[str]:
    """How nbgrader's student notebook differs from the course's (empty when the same)."""
    a, b = normalised(theirs, ours=False), normalised(ours, ours=True)
    found = [f"nbgrader has {len(a)} cells, the course {len(b)}"] if len(a) != len(b) else []
    found += [f"cell {x[0]!r}: nbgrader {x[1:]!r} vs course {y[1:]!r}" for x, y in zip(a, b) if x != y]
    return found


def _strip(nb):
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)
    return nb


# -- the metadata ---------------------------------------------------------------------------------
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_source_carries_nbgraders_metadata(source):
    nb = nbformat.read(source, as_version=4)
    metas = {c.metadata["nbgrader"]["grade_id"]: (c, c.metadata["nbgrader"]) for c in nb.cells
             if "nbgrader" in c.metadata}
    problems = workbooks.load_problems(source)
    assert len(metas) == sum(1 for c in nb.cells if "nbgrader" in c.metadata), "grade_ids must be unique"
    for cell in nb.cells:
        if cell.cell_type == "code" and markers.has_solution(cell.source):
            assert cell.metadata["nbgrader"]["solution"] is True and cell.metadata["nbgrader"]["grade"] is False
    for problem in problems:
        cell, meta = metas[f"q{problem.number}-check"]
        assert cell.source.strip() == f"q{problem.number}.check()"
        assert meta["grade"] and meta["locked"] and not meta["solution"] and meta["points"] == problem.points
        assert metas[f"q{problem.number}-answer"][1]["solution"]
    assert all(m["schema_version"] == 3 for _c, m in metas.values())
    questions = [m for gid, (_c, m) in metas.items() if gid.endswith("-question")]
    assert questions and all(m["locked"] and not m["grade"] and not m["solution"] for m in questions)
    from nbgrader.nbgraderformat import MetadataValidator

    MetadataValidator().validate_nb(nb)  # nbgrader's own schema check


def test_build_refreshes_the_metadata_and_keeps_the_workbook(tmp_path, capsys):
    source = next(p for p in SOURCES if p.name.startswith("02-"))
    src_dir, out = tmp_path / "source", tmp_path / "out"
    src_dir.mkdir(), out.mkdir()
    nb = _strip(nbformat.read(source, as_version=4))  # as the sources were before nbgrader metadata
    next(c for c in nb.cells if c.id == "q1-help").metadata["nbgrader"] = {  # and a stale one
        "grade": True, "grade_id": "old", "locked": True, "points": 9, "schema_version": 3, "solution": False}
    nbformat.write(nb, src_dir / source.name)
    assert build.build(src_dir, out, check=True) == 1
    assert "nbgrader cell metadata is out of date" in capsys.readouterr().out
    assert build.build(src_dir, out) == 0
    assert (src_dir / source.name).read_text(encoding="utf-8") == source.read_text(encoding="utf-8")
    unchanged = build.render(build.build_notebook(nbformat.read(source, as_version=4), source.name, src_dir, out))
    assert build.student_path(source, out).read_text(encoding="utf-8") == unchanged
    assert build.build(src_dir, out, check=True) == 0


@pytest.mark.parametrize("change, words", [
    (lambda cells: cells.append(dict(cells[9])), "are both 'q1-check'"),
    (lambda cells: cells.append({"cell_type": "code", "source": "q9.check()", "metadata": {}}), "never declared"),
    (lambda cells: cells.append({"cell_type": "code", "source": "### BEGIN SOLUTION\nx = 1\n### END SOLUTION",
                                 "metadata": {}}), "no qN.declare(...) cell tagged 'problem' after it"),
    (lambda cells: cells.remove(cells[9]), "q1 has no check cell"),
    (lambda cells: cells[11].update(source="q1.declare('value', 'x', points=two)"), "whole number of points"),
    (lambda cells: cells[11].update(source="q1.declare('value', 'x', points=-1)"), "whole number of points"),
    (lambda cells: cells[11].update(source="q1.declare('value',"), "not valid Python"),
    (lambda cells: cells[11].update(source="print('no declaration')"), "must call qN.declare"),
])
def test_a_source_nbgrader_could_not_use_is_refused_with_the_cell(change, words):
    source = next(p for p in SOURCES if p.name.startswith("02-"))
    cells = [dict(c) for c in nbformat.read(source, as_version=4).cells]
    assert [cells[i]["id"] for i in (8, 9, 11)] == ["q1-answer", "q1-check", "q1-problem"]
    nbgrader_meta.cell_metadata(cells, "02")  # the intact cells are accepted
    change(cells)
    with pytest.raises(ValueError, match=re.escape(words)):
        nbgrader_meta.cell_metadata(cells, "02")


def test_points_come_from_the_declaration():
    assert nbgrader_meta.declared_points("q3.declare('value', 'x', points=4)") == (3, 4)
    assert nbgrader_meta.declared_points("q3.declare('value', 'x')") == (3, 1)
    cells = [{"cell_type": "code", "source": "### BEGIN SOLUTION\nx = 1\n### END SOLUTION", "metadata": {}},
             {"cell_type": "code", "source": "q1.check()", "metadata": {}},
             {"cell_type": "code", "source": "q1.declare('value', 'x', points=4)", "metadata": {"tags": ["problem"]}}]
    assert nbgrader_meta.cell_metadata(cells)[1]["points"] == 4


# -- nbgrader's own preprocessors -----------------------------------------------------------------
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_nbgraders_pipeline_makes_the_course_workbook(source, config):
    theirs = nbgrader_student(nbformat.read(source, as_version=4), config)
    ours = nbformat.read(build.student_path(source), as_version=4)
    assert differences(theirs, ours) == []
    assert any(line == markers.STUB_RAISE for c in theirs.cells for line in c.source.split("\n")), \
        "the comparison must have met nbgrader's stub"
    for cell in theirs.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") or meta.get("locked"):
            assert cell.metadata["editable"] is False and cell.metadata["deletable"] is False


def test_the_comparison_can_fail(config):
    source = next(p for p in SOURCES if p.name.startswith("02-"))
    nb = nbformat.read(source, as_version=4)
    ours = nbformat.read(build.student_path(source), as_version=4)
    without_tag_removal = nbgrader_student(nb, config, config.GenerateAssignment.preprocessors[1:])
    assert "nbgrader has 39 cells, the course 29" in differences(without_tag_removal, ours)
    theirs = nbgrader_student(nb, config)
    theirs.cells[8].source = theirs.cells[8].source.replace("part_time", "part_tim")
    assert [d for d in differences(theirs, ours) if d.startswith("cell 'q1-answer'")]
    theirs = nbgrader_student(nb, config)
    theirs.cells[2].metadata["tags"] = []
    assert len(differences(theirs, ours)) == 1


def test_clear_solutions_refuses_a_solution_region_outside_a_solution_cell(config):
    """What the issue saw: without the metadata, nbgrader's ClearSolutions refuses the sources."""
    source = next(p for p in SOURCES if p.name.startswith("02-"))
    with pytest.raises(RuntimeError, match="Solution region detected in a non-solution cell"):
        ClearSolutions(config=config)(_strip(nbformat.read(source, as_version=4)), {})
    nb = nbformat.read(source, as_version=4)
    del next(c for c in nb.cells if c.id == "q3-answer").metadata["nbgrader"]
    with pytest.raises(RuntimeError, match="Solution region detected in a non-solution cell"):
        nbgrader_student(nb, config)
    nbgrader_student(nbformat.read(source, as_version=4), config)  # and the real source is accepted


# -- nbgrader's command line in a course folder -----------------------------------------------------
def _nbgrader(folder: Path, *args: str) -> subprocess.CompletedProcess:
    # nbgrader runs `alembic` from PATH, as in an activated environment
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "MRT_PROGRESS_FILE": "off"}
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=folder, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def test_generate_assignment_and_autograde_in_a_course_folder(tmp_path):
    """The commands the instructor guide gives, for lesson 02: generate, autograde three students, export."""
    folder = tmp_path / "course"
    assert nbgrader_course.main([str(folder), "--lesson", "education-pathways"]) == 0
    name = "02-education-pathways-exercises.ipynb"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        "nbgrader_config.py", f"source/02-exercises/{name}"]
    _nbgrader(folder, "generate_assignment", "02-exercises")
    released = nbformat.read(folder / "release" / "02-exercises" / name, as_version=4)
    assert differences(released, nbformat.read(build.EXERCISE_DIR / name, as_version=4)) == []
    assert "HIDDEN TESTS" not in "".join(c.source for c in released.cells)

    source = nbformat.read(SOURCES[0], as_version=4)
    solutions = {c.id: markers.strip_markers(c.source) for c in source.cells if markers.has_solution(c.source)}
    for student, answers in {"untouched": {}, "solved": solutions,
                             "one-wrong": {**solutions, "q5-answer": 'answer_5 = "a"'}}.items():
        nb = copy.deepcopy(released)
        for cell in nb.cells:
            cell.source = answers.get(cell.id, cell.source)
        (folder / "submitted" / student / "02-exercises").mkdir(parents=True)
        nbformat.write(nb, folder / "submitted" / student / "02-exercises" / name)
    _nbgrader(folder, "autograde", "02-exercises")
    _nbgrader(folder, "export")
    with open(folder / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(handle)
        scores = {row["student_id"]: (float(row["score"]), float(row["max_score"])) for row in rows}
    assert rows.fieldnames == journal.NBGRADER_COLUMNS, "the course's totals file promises nbgrader's columns"
    assert scores == {"untouched": (0.0, 5.0), "solved": (5.0, 5.0), "one-wrong": (4.0, 5.0)}


def test_the_course_folder_refuses_an_unknown_lesson(tmp_path, capsys):
    assert nbgrader_course.main([str(tmp_path / "c"), "--lesson", "77"]) == 2
    assert "There is no lesson '77'" in capsys.readouterr().err
    assert nbgrader_course.main([str(tmp_path / "c"), "--lesson", "00"]) == 2
    assert "no workbook source for lesson(s) 00" in capsys.readouterr().err
    with pytest.raises(ValueError, match="not a check cell"):
        nbgrader_meta.hidden_test("q1.check(); print(1)")
    shutil.rmtree(tmp_path / "c", ignore_errors=True)
