"""The grader's trust rules without kernels (#14): judging plain answers, records, the capstone secret,
the journal and spreadsheet-safe CSVs, the sandbox refusal. Each check is proven both ways."""
from __future__ import annotations

import copy
import csv
import json

import pytest

from helpers.checks import capstone, wire
from helpers.checks.markers import strip_markers
from helpers.instructor import grade, journal, sandbox
from helpers.instructor.execute import Context, RunOutcome
from helpers.instructor.judge import BY_GRADER, FROM_RECORD, Key, judge, redacted_sources
from helpers.instructor.submissions import find_submissions


@pytest.fixture(scope="module")
def key02():
    return Key.prepare("02")


def answer(problem, value):
    return {"problem": problem.key, "lines": [{"problem": problem.key, "answer": wire.encode(value)}]}


def calls(problem, fn, cases):
    lines = [{"function": True}]
    for args in cases:
        lines.append({"ok": wire.encode(fn(*copy.deepcopy(args)))})
    return {"problem": problem.key, "lines": lines}


def test_plain_answers_are_judged_here_both_ways(key02):
    q1, q2 = key02.problems[0], key02.problems[1]
    right = judge(key02, q1, answer(q1, q1.expected()))
    assert right.outcome == "correct" and right.message.endswith(f"({BY_GRADER})")
    assert judge(key02, q1, answer(q1, q1.expected().head(1))).outcome == "incorrect"
    fn = q2.expected()
    assert judge(key02, q2, calls(q2, fn, key02.cases[q2.key])).outcome == "correct"
    assert judge(key02, q2, calls(q2, lambda start, part_time=False: start, key02.cases[q2.key])).outcome == "incorrect"
    killed = {"problem": q2.key, "lines": [{"function": True}, {"killed": True}]}
    assert "longer than" in judge(key02, q2, killed).message
    assert judge(key02, q1, None).outcome == "error"


def test_records_are_used_only_when_trusted(key02, tmp_path):
    forged = RunOutcome(records=[{"problem": p.key, "kind": "check", "outcome": "correct", "message": "well done."}
                                 for p in key02.problems])
    context = Context(key02, tmp_path, sandboxed=False)
    outcome, reason = context.verdict(key02.problems[0], forged)
    assert outcome == "error" and BY_GRADER in reason
    context.trust_records = True
    outcome, reason = context.verdict(key02.problems[0], forged)
    assert outcome == "correct" and FROM_RECORD in reason and "--trust-records" in reason
    given = RunOutcome(answers={key02.problems[0].key: answer(key02.problems[0], ...)}, records=forged.records)
    assert context.verdict(key02.problems[0], given)[0] == "not attempted"  # an answer beats a record


def test_the_kernel_sees_sources_without_solutions(tmp_path):
    from helpers.checks.workbooks import SOURCE_DIR, load_problems

    redacted_sources(SOURCE_DIR, tmp_path)
    text = (tmp_path / "02-education-pathways.ipynb").read_text()
    real = (SOURCE_DIR / "02-education-pathways.ipynb").read_text()
    assert 'answer_5 = \\"b\\"' in real and 'answer_5 = \\"b\\"' not in text
    problems = load_problems(tmp_path / "02-education-pathways.ipynb", "02")  # still loads: workbook() works
    assert problems[4].expected() is Ellipsis


def test_capstone_cases_come_from_the_grader_secret():
    q4 = Key.prepare("19", secret="one").problems[3]
    public = [len(e.patients) for e in capstone._extracts(capstone.CASES)]
    try:
        ref = q4.run(strip_markers(q4.solution_code))[q4.name]
        # a student who precomputed the answers on the public seeds' extracts, looked up by table size
        table = {len(e.patients): ref(e.patients) for e in capstone._extracts(capstone.CASES)}
        key = Key.prepare("19", secret="one")
        cases = key.cases[q4.key]
        lookup = calls(q4, lambda p: table.get(len(p), -1.0), cases)
        honest = calls(q4, ref, cases)
        assert judge(key, q4, honest).outcome == "correct"
        assert judge(key, q4, lookup).outcome == "incorrect"
        public_key = Key.prepare("19", secret=None)  # proof the lookup would pass on the public cases
        assert judge(public_key, q4, calls(q4, lambda p: table[len(p)], public_key.cases[q4.key])).outcome == "correct"
        assert public == [n for _, n, _, _ in capstone.CASES]
    finally:
        capstone.hold_secret(None)


def test_csv_cells_cannot_start_a_formula(tmp_path, key02):
    entries = [{"student_id": "=cmd|' /C calc'!A0", "timestamp": "", "status": "-1+1",
                "outcomes": {p.key: ["correct", "@SUM(1)"] for p in key02.problems}}]
    journal.write_csvs(tmp_path / "g.csv", entries, key02.problems, "02-exercises")
    with (tmp_path / "g.csv").open(newline="", encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    assert row["student_id"] == "'=cmd|' /C calc'!A0" and row["reason"] == "'@SUM(1)"
    with (tmp_path / "g-totals.csv").open(newline="", encoding="utf-8") as fh:
        assert next(csv.DictReader(fh))["status"] == "'-1+1"
    assert journal.csv_safe("plain") == "plain"


def test_journal_resume_and_refusals(tmp_path):
    path = tmp_path / "g.csv.journal.jsonl"
    j = journal.Journal(path, {"lesson": "02", "assignment": "a", "secret": "s"})
    j.add({"student_id": "alice", "outcomes": {}})
    j.close()
    with path.open("a") as fh:
        fh.write('{"student_id": "bo')  # cut short by a kill
    again = journal.Journal(path, {"lesson": "02", "assignment": "a", "secret": "other"}, resume=True)
    assert list(again.done) == ["alice"] and again.header["secret"] == "s"
    again.close()
    with pytest.raises(journal.JournalError, match="--lesson 02"):
        journal.Journal(path, {"lesson": "13"}, resume=True)
    fresh = journal.Journal(path, {"lesson": "02"})
    fresh.close()
    assert json.loads(path.read_text().splitlines()[0])["journal"] == 1 and len(path.read_text().splitlines()) == 1


def test_layouts_that_are_refused_or_noted(tmp_path):
    import os
    (tmp_path / "c22.ipynb").write_text("{}")
    (tmp_path / "c22").mkdir()
    (tmp_path / "c22" / "x.ipynb").write_text("{}")
    (tmp_path / "c23").mkdir()
    (tmp_path / "c23" / "a.ipynb").write_text("{}")
    (tmp_path / "c23" / "b.ipynb").write_text("{}")
    (tmp_path / "c24").mkdir()
    (tmp_path / "c24" / "02-x.ipynb").write_text("{}")
    (tmp_path / "c24" / "notes.ipynb").write_text("{}")
    (tmp_path / "up.IPYNB").write_text("{}")
    (tmp_path / os.fsdecode(b"Jos\xe9.ipynb")).write_text("{}")
    subs = {s.student_id: s for s in find_submissions(tmp_path, lesson="02")}
    assert "two submissions" in subs["c22"].refused and "c22.ipynb" in subs["c22"].refused
    assert "2 notebooks" in subs["c23"].refused
    assert not subs["c24"].refused and subs["c24"].path.name == "02-x.ipynb" and "notes.ipynb" in subs["c24"].note
    assert not subs["up"].refused and ".IPYNB" in subs["up"].note
    assert "not valid UTF-8" in subs["Jos\\xe9"].note


def test_another_lessons_notebook_is_refused(tmp_path):
    from helpers.instructor.build import EXERCISE_DIR
    import shutil
    shutil.copy(EXERCISE_DIR / "04-medical-terminology-exercises.ipynb", tmp_path / "w.ipynb")
    shutil.copy(EXERCISE_DIR / "02-education-pathways-exercises.ipynb", tmp_path / "r.ipynb")
    wrong, right = find_submissions(tmp_path)[1], find_submissions(tmp_path)[0]
    from helpers.instructor.submissions import lesson_mismatch
    assert "lesson 04's workbook" in lesson_mismatch(wrong.path.read_text(), "02")
    assert lesson_mismatch(right.path.read_text(), "02") == ""
    graded = grade.grade_submission(wrong, "02", timeout=5)
    assert "lesson 04" in graded.status and {o for o, _ in graded.outcomes.values()} == {"error"}


def test_without_bubblewrap_the_grader_refuses_unless_told(tmp_path, monkeypatch, capsys):
    (tmp_path / "s").mkdir()
    monkeypatch.setattr(sandbox, "sandbox_works", lambda: (False, "bubblewrap (bwrap) is not installed"))
    assert grade.main([str(tmp_path / "s"), "--out", str(tmp_path / "g.csv"), "--lesson", "02"]) == 2
    err = capsys.readouterr().err
    assert "apt-get install bubblewrap" in err and "--no-sandbox" in err
    assert grade.main([str(tmp_path / "s"), "--out", str(tmp_path / "g.csv"), "--lesson", "02", "--no-sandbox"]) == 0
    assert "WITHOUT a sandbox" in capsys.readouterr().out
