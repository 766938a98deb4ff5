"""Grading a folder of submissions (helpers.instructor.grade).

The big test grades a generated class of 31 submissions of workbook 02, every kind of submission
the grader must survive, in real kernels, two at a time. It is marked ``slow``; run it alone with
``pytest tests/test_grade.py -m slow`` (about a minute on 2 cores, most of it kernel start-up).
How long a class of 50 takes is measured by ``benchmarks/grading.py``.
"""
from __future__ import annotations

import csv
import random
from pathlib import Path

import nbformat
import pytest

from helpers.instructor import grade, sandbox
from helpers.checks import grading, markers

ROOT = Path(__file__).resolve().parent.parent
#: The class is graded in the sandbox where bubblewrap works, else with --no-sandbox.
SANDBOX_FLAGS = [] if sandbox.sandbox_works()[0] else ["--no-sandbox"]
WORKBOOK = ROOT / "exercises" / "02-education-pathways-exercises.ipynb"
PROBLEMS = grading.lesson_problems("02")


def submission(answers: dict[int, str] | None = None, edit=None) -> nbformat.NotebookNode:
    """The student workbook with some answer cells replaced (by problem number)."""
    nb = nbformat.read(WORKBOOK, as_version=4)
    cells = {c.id: c for c in nb.cells}
    for number, code in (answers or {}).items():
        cells[f"q{number}-answer"].source = "import pandas as pd\n" + code
    if edit:
        edit(nb)
    return nb


def solution(p) -> str:
    return markers.strip_markers(p.solution_code)


def all_correct() -> dict[int, str]:
    return {p.number: solution(p) for p in PROBLEMS}


def write(folder: Path, name: str, nb) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def totals_status(out: Path, student: str) -> str:
    return next(r["status"] for r in read_csv(out.with_name(f"{out.stem}-totals.csv")) if r["student_id"] == student)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_find_submissions_layouts(tmp_path):
    (tmp_path / "alice.ipynb").write_text("{}")
    (tmp_path / "alice.txt").write_text("notes")
    (tmp_path / "bob.pdf").write_text("%PDF")
    (tmp_path / ".hidden.ipynb").write_text("{}")
    (tmp_path / "carol").mkdir()
    (tmp_path / "carol" / "02-education-pathways-exercises.ipynb").write_text("{}")
    (tmp_path / "carol" / ".ipynb_checkpoints").mkdir()
    (tmp_path / "carol" / ".ipynb_checkpoints" / "x.ipynb").write_text("{}")
    (tmp_path / "dan").mkdir()
    (tmp_path / "grades.csv").write_text("")
    subs = grade.find_submissions(tmp_path, skip=[tmp_path / "grades.csv"], lesson="02")
    assert [(s.student_id, s.path.name if s.path else None) for s in subs] == [
        ("alice", "alice.ipynb"), ("bob", "bob.pdf"), ("carol", "02-education-pathways-exercises.ipynb"),
        ("dan", None)]
    assert "no .ipynb" in subs[-1].refused  # refused (graded as errors), with the reason
    assert "alice.txt" in subs[0].note  # the file beside the notebook is named, not silently dropped


def test_guess_lesson(tmp_path):
    write(tmp_path, "a.ipynb", submission())
    (tmp_path / "b.ipynb").write_text("")
    assert grade.guess_lesson(grade.find_submissions(tmp_path)) == "02"
    assert grade.guess_lesson([]) is None


def test_broken_files_need_no_kernel(tmp_path):
    (tmp_path / "x.docx").write_text("Dear teacher")
    (tmp_path / "y.ipynb").write_text("")
    (tmp_path / "z.ipynb").write_text('{"cells": 5}')
    for sub, words in zip(grade.find_submissions(tmp_path), ["not a Jupyter notebook", "empty file", "not a readable"]):
        graded = grade.grade_submission(sub, "02", timeout=5)
        assert words in graded.status
        assert {k: o for k, (o, _) in graded.outcomes.items()} == {p.key: "error" for p in PROBLEMS}


def test_usage_errors(tmp_path, capsys):
    assert grade.main([str(tmp_path / "nowhere"), "--out", str(tmp_path / "g.csv")]) == 2
    (tmp_path / "x.txt").write_text("no notebooks")
    assert grade.main([str(tmp_path), "--out", str(tmp_path / "g.csv")]) == 2
    assert "--lesson" in capsys.readouterr().err


#: How many submissions of the repeated kinds the class holds. Each kind of submission is graded at
#: least once (twice where its layout can differ); grading a large class is a speed question, and
#: `benchmarks/grading.py` measures that.
CLASS = {"correct": 3, "partial": 6, "untouched": 2}
CLASS_SIZE = sum(CLASS.values()) + 20  # and 3 syntax errors and 17 submissions of a kind of their own


def _make_class(folder: Path) -> dict[str, dict[str, str]]:
    """Write one submission of every kind (more of the common ones); return the expected outcome per
    student and problem."""
    rng = random.Random(2)
    expected: dict[str, dict[str, str]] = {}
    keys = [p.key for p in PROBLEMS]

    def expect(student, outcomes):
        expected[student] = dict(zip(keys, outcomes))

    for i in range(CLASS["correct"]):  # all correct, flat and in a folder
        name = f"correct{i:02d}.ipynb" if i < CLASS["correct"] - 1 else f"correct{i:02d}/02-education-pathways-exercises.ipynb"
        write(folder, name, submission(all_correct()))
        expect(f"correct{i:02d}", ["correct"] * 5)
    for i in range(CLASS["partial"]):  # partly wrong: each problem right, wrong (a declared wrong answer) or untouched
        answers, outcomes = {}, []
        for p in PROBLEMS:
            kind = rng.choice(["correct", "incorrect", "not attempted"])
            if kind == "correct":
                answers[p.number] = solution(p)
            elif kind == "incorrect":
                answers[p.number] = rng.choice(p.wrong_answers)[0]
            outcomes.append(kind)
        write(folder, f"partial{i:02d}.ipynb", submission(answers))
        expect(f"partial{i:02d}", outcomes)
    for i in range(CLASS["untouched"]):  # untouched
        write(folder, f"untouched{i}.ipynb", submission())
        expect(f"untouched{i}", ["not attempted"] * 5)
    for i in range(3):  # a syntax error in one answer; the rest correct
        answers = all_correct()
        answers[i + 1] = "part_time = paths[[\"path\"]\npaths_to_cca = ["
        write(folder, f"syntax{i}.ipynb", submission(answers))
        expect(f"syntax{i}", ["not attempted" if n == i + 1 else "correct" for n in range(1, 6)])

    def loop_after_q2(nb):
        at = [c.id for c in nb.cells].index("q2-help")
        loop = nbformat.v4.new_code_cell("while True:\n    pass")
        loop.id = "endless"
        nb.cells.insert(at + 1, loop)

    write(folder, "loops.ipynb", submission(all_correct(), loop_after_q2))
    # the cells after the loop never ran, so their variables do not exist; the reason says why
    expect("loops", ["correct", "correct", "not attempted", "not attempted", "not attempted"])
    answers = all_correct()
    answers[2] = "def rhit_ready_date(start, part_time=False):\n    while True:\n        pass"
    write(folder, "slowfunction.ipynb", submission(answers))
    expect("slowfunction", ["correct", "incorrect", "correct", "correct", "correct"])

    def drop(*ids):
        return lambda nb: setattr(nb, "cells", [c for c in nb.cells if c.id not in ids])

    write(folder, "nosetup.ipynb", submission(all_correct(), drop("setup")))
    # without the setup cell `data` is undefined: answers that use the data fail, the letter answer is fine
    expect("nosetup", ["not attempted", "incorrect", "not attempted", "not attempted", "correct"])
    write(folder, "noanswer.ipynb", submission(all_correct(), drop("q3-answer")))
    expect("noanswer", ["correct", "correct", "not attempted", "correct", "correct"])
    write(folder, "nochecks.ipynb", submission(all_correct(), drop(*[f"q{n}-check" for n in range(1, 6)])))
    expect("nochecks", ["correct"] * 5)

    def kill_after_q1(nb):
        at = [c.id for c in nb.cells].index("q1-check")
        cell = nbformat.v4.new_code_cell("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")
        cell.id = "kill"
        nb.cells.insert(at + 1, cell)

    write(folder, "killed.ipynb", submission(all_correct(), kill_after_q1))
    expect("killed", ["correct"] * 5)  # run again without the cell that killed the kernel; the status says so
    answers = all_correct()
    answers[4] = answers[4].replace("certificate_years_part_time =", "years =")
    write(folder, "renamed.ipynb", submission(answers))
    expect("renamed", ["correct", "correct", "correct", "not attempted", "correct"])

    def exits(nb):
        cell = nbformat.v4.new_code_cell("import sys\nsys.exit(1)")
        cell.id = "exit"
        nb.cells.insert(3, cell)

    write(folder, "exits.ipynb", submission(all_correct(), exits))
    expect("exits", ["correct"] * 5)

    def moved(nb):
        q5 = next(c for c in nb.cells if c.id == "q5-answer")
        nb.cells.remove(q5)
        nb.cells.insert(1, q5)

    write(folder, "moved.ipynb", submission(all_correct(), moved))
    expect("moved", ["correct"] * 5)  # a cell moved elsewhere still counts
    answers = all_correct()
    answers[4] = 'certificate_years_part_time = "2"'
    write(folder, "textnumber.ipynb", submission(answers))
    expect("textnumber", ["correct", "correct", "correct", "incorrect", "correct"])
    write(folder, "raises.ipynb", submission({n: 'raise ValueError("oops")' for n in range(1, 6)}))
    expect("raises", ["not attempted"] * 5)
    for name in ["essay.docx", "scan.pdf"]:
        (folder / name).write_text("This is my homework.")
        expect(Path(name).stem, ["error"] * 5)
    for name in ["empty1.ipynb", "empty2.ipynb"]:
        (folder / name).write_text("")
        expect(Path(name).stem, ["error"] * 5)
    (folder / "garbled.ipynb").write_text('{"cells": [')
    expect("garbled", ["error"] * 5)
    (folder / "emptyfolder").mkdir()
    expect("emptyfolder", ["error"] * 5)
    assert len(expected) == CLASS_SIZE
    return expected


@pytest.mark.slow
def test_grade_a_class_with_every_kind_of_submission(tmp_path, capsys):
    folder, out = tmp_path / "submitted", tmp_path / "grades" / "grades.csv"
    folder.mkdir()
    expected = _make_class(folder)
    status = grade.main([str(folder), "--out", str(out), "--timeout", "10", "--jobs", "2"] + SANDBOX_FLAGS)
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert printed.count("] ") >= CLASS_SIZE and f"Per problem ({CLASS_SIZE} students)" in printed

    rows = read_csv(out)
    assert list(rows[0]) == grade.COLUMNS
    assert len(rows) == CLASS_SIZE * len(PROBLEMS)
    assert {(r["student_id"], r["problem"]) for r in rows} == {(s, p.key) for s in expected for p in PROBLEMS}
    got = {(r["student_id"], r["problem"]): r for r in rows}
    wrong = [(s, k, o, got[s, k]["outcome"], got[s, k]["reason"]) for s, outs in expected.items()
             for k, o in outs.items() if got[s, k]["outcome"] != o]
    assert wrong == [], "\n".join(f"{s} {k}: expected {o}, got {g} ({r[:150]})" for s, k, o, g, r in wrong)
    for r in rows:
        assert r["score"] == r["raw_score"] == ("1" if r["outcome"] == "correct" else "0")
        assert r["max_score"] == "1" and r["assignment"] == "02-exercises"
        assert r["reason"].endswith("(graded by the grader)") or "(graded by the grader) [notebook:" in r["reason"] \
            or r["outcome"] == "error", r  # every mark says where it came from
    reason = {s: " ".join(got[s, p.key]["reason"] for p in PROBLEMS) for s in expected}
    assert "SyntaxError" in reason["syntax0"]
    assert "10 s limit" in reason["loops"] and "endless loop" in reason["loops"]
    assert "NameError: name 'data' is not defined" in reason["nosetup"]
    assert "longer than" in reason["slowfunction"]
    assert "killed the kernel" in totals_status(out, "killed")
    assert "not a Jupyter notebook" in reason["essay"] and "empty file" in reason["empty1"]
    assert "not a readable notebook" in reason["garbled"] and "no .ipynb" in reason["emptyfolder"]
    assert "no variable called `certificate_years_part_time`" in reason["renamed"]
    assert "text" in reason["textnumber"] and "ValueError: oops" in reason["raises"]

    totals = {r["student_id"]: r for r in read_csv(out.with_name("grades-totals.csv"))}
    assert list(next(iter(totals.values())))[:11] == grade.NBGRADER_COLUMNS and len(totals) == CLASS_SIZE
    for student, outs in expected.items():
        right = sum(o == "correct" for o in outs.values())
        assert totals[student]["score"] == str(right) and totals[student]["max_score"] == str(len(PROBLEMS))
    summary = {r["problem"]: r for r in read_csv(out.with_name("grades-summary.csv"))}
    for p in PROBLEMS:
        right = sum(outs[p.key] == "correct" for outs in expected.values())
        assert summary[p.key]["correct"] == str(right) and summary[p.key]["students"] == str(CLASS_SIZE)
