"""The exercise layer (helpers.checks): outcomes, messages, strange inputs, time limits, progress."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import data
from helpers.checks import grading, markers, progress, records
from helpers.instructor.validate import self_test
from helpers.checks.compare import compare
from helpers.checks.problems import FunctionProblem, ValueProblem
from helpers.checks.results import CORRECT, INCORRECT, NOT_ATTEMPTED, OUTCOMES, CheckResult
from helpers.checks.timelimit import TimeLimitExceeded, call_with_time_limit
from helpers.checks.workbooks import workbook

ROOT = Path(__file__).resolve().parent.parent
PROBLEMS = [p for lesson in grading.available_lessons() for p in grading.lesson_problems(lesson)]


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    """Every test gets its own progress file and no grading file."""
    monkeypatch.setenv(progress.PROGRESS_ENV, str(tmp_path / "progress.json"))
    monkeypatch.delenv(records.GRADING_ENV, raising=False)
    return tmp_path / "progress.json"


def outcome_of(problem, code: str) -> str:
    return problem.judge(problem.run(code).get(problem.name, Ellipsis)).outcome


# --- every declared problem: solution, wrong answers, untouched --------------------------------------

@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.key)
def test_solution_is_correct(problem):
    assert outcome_of(problem, markers.strip_markers(problem.solution_code)) == CORRECT


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.key)
def test_every_declared_wrong_answer_is_incorrect(problem):
    assert problem.wrong_answers, f"{problem.key} declares no plausible wrong answer"
    for code, _ in problem.wrong_answers:
        result = problem.judge(problem.run(code).get(problem.name))
        assert result.outcome == INCORRECT, (code, str(result))
        assert result.message


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.key)
def test_untouched_stub_is_not_attempted(problem):
    assert outcome_of(problem, problem.student_code()) == NOT_ATTEMPTED
    assert problem.judge(Ellipsis).outcome == NOT_ATTEMPTED


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.key)
def test_each_problem_has_two_or_more_hints_and_a_solution(problem):
    assert len(problem.hints) >= 2
    assert "BEGIN SOLUTION" not in str(problem.solution())
    assert problem.name in str(problem.solution())


def test_self_test_passes():
    assert self_test() == []


def test_expected_values_come_from_the_data_not_literals():
    lesson02, lesson15 = workbook("02"), workbook("15")

    wages = data.load("bls_wages").set_index("year")
    may23 = wages.loc[2023]
    assert lesson15.q3.expected() == may23["p90_annual_usd"] - may23["p10_annual_usd"]
    m = wages["median_annual_usd"]
    assert lesson15.q2.expected() == pytest.approx((m[2024] - m[2021]) / m[2021] * 100)
    certs = data.load("certifications")
    assert set(lesson15.q5.expected()) == set(certs.loc[certs["exam_tag"] == "U", "credential"])
    paths = data.load("education_paths").set_index("path")
    assert lesson02.q4.expected() == paths.loc["Certificate program", "months_max"] * 2 / 12
    assert list(lesson02.q1.expected()["part_time_max"]) == list(paths["months_max"] * 2)


# --- messages: precise, never the expected answer -------------------------------------------------

def test_number_messages():
    assert compare(7.69, 7.6939, tolerance=0.05).ok
    assert "off by" in compare(9.0, 7.7, tolerance=0.05).message
    assert "too high" in compare(9.0, 7.7, tolerance=0.05).message
    assert "fraction" in compare(0.077, 7.7, tolerance=0.05).message
    assert "text" in compare("7.7", 7.7).message
    assert "yes/no" in compare(True, 1).message
    assert "missing" in compare(float("nan"), 1.0).message
    assert "missing" in compare(pd.NA, 1.0).message
    assert ".iloc[0]" in compare(pd.Series([7.7]), 7.7).message
    assert not compare(np.int64(42730), 42730.5).ok and compare(np.int64(42730), 42730).ok


def test_table_messages():
    expected = pd.DataFrame({"level": ["a", "b", "c"], "mid": [1.0, 2.0, 3.0]})
    assert compare(expected.copy(), expected).ok
    assert "missing the column(s) 'mid'" in compare(expected[["level"]], expected).message
    near = compare(expected.rename(columns={"mid": "Mid"}), expected).message
    assert "'Mid'" in near and "spelling" in near
    assert "2 rows" in compare(expected.head(2), expected).message
    assert "single column" in compare(expected["mid"], expected).message
    wrong = expected.assign(mid=[1.0, 2.5, 3.0])
    msg = compare(wrong, expected, key="level").message
    assert "'mid'" in msg and "1 of 3 rows" in msg and "level 'b'" in msg and "off by 0.5" in msg
    # The row is named as pandas shows it (index 1 is the 2nd row), never a bare "row 2".
    assert "the 2nd row (shown as 1)" in msg and "row 2" not in msg
    relabelled = compare(wrong.set_axis(["x", "y", "z"]), expected).message
    assert "the 2nd row (shown as 'y')" in relabelled
    sorted_wrong = compare(wrong.iloc[[2, 0, 1]], expected, key="level").message  # rows matched by key
    assert "'mid'" in sorted_wrong and "the 3rd row (shown as 1), level 'b'" in sorted_wrong, sorted_wrong
    shuffled = expected.iloc[[2, 0, 1]]
    loose = compare(shuffled, expected, key="level")
    assert loose.ok and any("different order" in n for n in loose.notes)
    assert "different order" in compare(shuffled, expected, key="level", row_order=True).message
    typed = compare(expected.assign(mid=expected["mid"].astype("Int64")), expected)
    assert typed.ok and any("Int64" in n for n in typed.notes)
    assert "not numbers" in compare(expected.assign(mid=["1", "2", "3"]), expected).message
    assert compare(expected.assign(extra=1), expected).ok


def test_list_and_date_messages():
    assert "missing 1 item" in compare(["A"], ["A", "B"]).message
    assert "'Z'" in compare(["A", "B", "Z"], ["A", "B"]).message
    assert "more than once" in compare(["A", "A", "B"], ["A", "B"]).message
    assert "wrong order" in compare(["B", "A"], ["A", "B"], ordered=True).message
    assert "generator" in compare((x for x in "AB"), ["A", "B"]).message
    assert compare(pd.Series(["B", "A"]), ["A", "B"]).ok
    assert "off by 31 day" in compare(pd.Timestamp("2025-02-01"), pd.Timestamp("2025-01-01")).message
    assert "text" in compare("2025-01-01", pd.Timestamp("2025-01-01")).message


def test_messages_do_not_reveal_the_expected_answer():
    lesson15 = workbook("15")

    expected = lesson15.q3.expected()
    for value in [0, 1.5, "x", None, [1], pd.DataFrame()]:
        assert f"{expected}" not in lesson15.q3.check(value=value).message
        assert f"{expected:,}" not in lesson15.q3.check(value=value).message


# --- strange inputs -------------------------------------------------------------------------------

class Nasty:
    """An object that fails at everything."""

    def __eq__(self, other):
        raise RuntimeError("eq")

    def __repr__(self):
        raise RuntimeError("repr")

    def __bool__(self):
        raise RuntimeError("bool")

    def __float__(self):
        raise RuntimeError("float")

    def __len__(self):
        raise RuntimeError("len")

    def __iter__(self):
        raise RuntimeError("iter")

    __hash__ = None


def forever(*args, **kwargs):
    while True:
        pass


def stubborn(*args, **kwargs):
    """Swallows the time-limit exception with a bare except, three times (the timer keeps firing)."""
    for _ in range(3):
        try:
            while True:
                pass
        except:  # noqa: E722
            pass
    while True:
        pass


def quits(*args, **kwargs):
    sys.exit(3)


def recurse(*args, **kwargs):
    return recurse(*args, **kwargs)


STRANGE = [None, 0, -1, 1e308, float("inf"), float("nan"), "", "b", "(B)", b"bytes", [], [None], {}, set(),
           (x for x in range(3)), iter([1, 2]), Nasty(), object(), type, print, pd.NA, pd.NaT,
           pd.DataFrame(), pd.DataFrame({"x": range(1_000_000)}), pd.Series(dtype=float), np.arange(5),
           np.array([[1, 2]]), lambda: 1, lambda *a, **k: None, lambda *a: 1 / 0, forever, quits, recurse]


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.key)
def test_strange_inputs_give_a_clear_result_never_a_traceback(problem, monkeypatch):
    monkeypatch.setattr(problem, "time_limit", 0.3, raising=False)
    for value in STRANGE:
        result = problem.check(value=value)
        assert result.outcome in OUTCOMES and result.message
        assert str(result) and result._repr_html_()


def test_function_time_limit_and_misbehaving_functions():
    q = FunctionProblem("double", cases=[(1,), (2,)], time_limit=0.3, hints=["a", "b"],
                        solution="def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION",
                        wrong_answers=["def double(x):\n    return x"])
    started = time.monotonic()
    for fn, words in [(forever, "longer than 0.3 s"), (stubborn, "longer than 0.3 s"), (quits, "SystemExit"),
                      (recurse, "RecursionError"), (lambda x: 1 / 0, "ZeroDivisionError"),
                      (lambda: 1, "TypeError"), (lambda x: Nasty(), "double(1)")]:
        result = q.check(value=fn)
        assert result.outcome == INCORRECT and words in result.message, str(result)
    assert time.monotonic() - started < 10
    assert q.check(value=lambda x: 2 * x).outcome == CORRECT
    assert "should be a function" in q.check(value=4).message

    def not_yet(x):
        raise NotImplementedError("Replace this line with your answer")

    assert q.check(value=not_yet).outcome == NOT_ATTEMPTED


def test_time_limit_works_outside_the_main_thread_too():
    """Off the main thread the check stops waiting on time; the runaway thread itself cannot be killed.

    The endless function here spins until the test releases it, so no thread is left burning
    CPU (and holding the GIL) for the rest of the test session.
    """
    box, release = {}, threading.Event()

    def spins_until_released():
        while not release.is_set():
            pass

    def run():
        try:
            call_with_time_limit(spins_until_released, seconds=0.2)
        except TimeLimitExceeded:
            box["stopped"] = True

    worker = threading.Thread(target=run)
    try:
        worker.start()
        worker.join(5)
        assert box.get("stopped")
    finally:
        release.set()
    assert call_with_time_limit(lambda: 5, seconds=1) == 5
    with pytest.raises(ValueError):
        call_with_time_limit(int, ("x",), seconds=1)


def _anything():
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                        st.text(max_size=20), st.binary(max_size=5), st.dates(), st.datetimes().map(pd.Timestamp))
    containers = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=6),
                                                               st.tuples(inner, inner),
                                                               st.dictionaries(st.text(max_size=3), inner, max_size=3)),
                              max_leaves=10)
    frames = st.builds(
        lambda cols, n, fill: pd.DataFrame({c: [fill] * n for c in cols}),
        st.lists(st.sampled_from(["path", "part_time_min", "part_time_max", "level", "midpoint_usd", "x", "Level"]),
                 unique=True, max_size=4),
        st.integers(0, 7), st.one_of(st.integers(-5, 100_000), st.floats(allow_nan=True), st.text(max_size=5)))
    functions = st.builds(
        lambda value, mode: {"return": lambda *a, **k: value,
                             "raise": lambda *a, **k: (_ for _ in ()).throw(ValueError(value)),
                             "echo": lambda *a, **k: a[0] if a else None,
                             "args": lambda x: value}[mode],
        containers, st.sampled_from(["return", "raise", "echo", "args"]))
    return st.one_of(containers, frames, functions, st.just(Nasty()), st.just(Ellipsis),
                     st.builds(lambda xs: (x for x in xs), st.lists(st.integers(), max_size=3)))


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.key)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=_anything())
def test_property_any_input_gives_one_of_three_outcomes(problem, value):
    result = problem.check(value=value)
    assert isinstance(result, CheckResult) and result.outcome in OUTCOMES
    assert isinstance(result.message, str) and result.message
    assert str(result) == str(problem.check(value=value)) or callable(value) or hasattr(value, "__next__")


# --- finding the learner's variable ---------------------------------------------------------------

def test_check_finds_the_variable_in_the_calling_frame():
    lesson02 = workbook("02")

    certificate_years_part_time = ...  # noqa: F841 - found by check() through the frame
    assert lesson02.q4.check().outcome == NOT_ATTEMPTED
    certificate_years_part_time = 5  # noqa: F841
    assert lesson02.q4.check().outcome == INCORRECT
    certificate_years_part_time = lesson02.q4.expected()  # noqa: F841
    assert lesson02.q4.check().outcome == CORRECT


def test_check_prefers_the_ipython_user_namespace(monkeypatch):
    lesson02 = workbook("02")

    class Shell:
        user_ns = {"answer_5": "b"}

    class FakeIPython:
        @staticmethod
        def get_ipython():
            return Shell()

    monkeypatch.setitem(sys.modules, "IPython", FakeIPython)
    answer_5 = "a"  # noqa: F841 - must be ignored: the notebook namespace wins
    assert lesson02.q5.check().outcome == CORRECT


def test_a_missing_variable_is_not_attempted_with_a_clear_message():
    lesson15 = workbook("15")

    result = lesson15.q2.check()
    assert result.outcome == NOT_ATTEMPTED and "no variable called `growth_2021_2024`" in result.message


# --- output: deterministic, readable as text and HTML ----------------------------------------------

def test_results_render_deterministically():
    lesson15 = workbook("15")

    first, second = lesson15.q4.check(value=pd.DataFrame()), lesson15.q4.check(value=pd.DataFrame())
    assert str(first) == str(second) and first._repr_html_() == second._repr_html_()
    assert str(first).startswith("Question 4 - Incorrect: ")
    assert "Incorrect" in first._repr_html_() and "<code>bands</code>" in first._repr_html_()
    tricky = CheckResult("Q", INCORRECT, "<script>alert(1)</script>")
    assert "<script>" not in tricky._repr_html_()
    with pytest.raises(ValueError):
        CheckResult("Q", "maybe")


def test_hints_and_solution():
    lesson02 = workbook("02")

    assert "Hint 1 of" in str(lesson02.q1.hint()) and "q1.hint(2)" in str(lesson02.q1.hint())
    assert lesson02.q1.hint(2).body == lesson02.q1.hints[1]
    assert "only" in str(lesson02.q1.hint(99)) and "from 1 to" in str(lesson02.q1.hint(0))
    assert "from 1 to" in str(lesson02.q1.hint("2"))
    assert "part_time = " in str(lesson02.q1.solution()) and "<pre" in lesson02.q1.solution()._repr_html_()


def test_choice_questions():
    lesson02 = workbook("02")

    q = lesson02.q5
    assert [q.check(value=v).outcome for v in ["b", " B ", "(b)", "b)"]] == [CORRECT] * 4
    assert "not one of the choices" in q.check(value="e").message
    assert "one letter in quotes" in q.check(value=2).message
    wrong = q.check(value="a")
    assert wrong.outcome == INCORRECT and q.explanations["a"] in wrong.message


# --- progress -------------------------------------------------------------------------------------

def test_checks_hints_and_solutions_are_recorded(private_files):
    lesson02 = workbook("02")

    answer_5 = "a"  # noqa: F841
    lesson02.q5.check()
    answer_5 = "b"  # noqa: F841
    lesson02.q5.check()
    lesson02.q5.hint(2)
    lesson02.q1.solution()
    saved = json.loads(private_files.read_text())["problems"]
    assert saved["education-pathways.q5"]["outcome"] == CORRECT and saved["education-pathways.q5"]["attempts"] == 2
    assert saved["education-pathways.q5"]["hints_viewed"] == 2 and saved["education-pathways.q1"]["solution_viewed"] is True
    assert lesson02.q5.check(value="a").outcome == INCORRECT and saved == json.loads(private_files.read_text())["problems"]


def test_progress_file_moves_with_the_environment_variable(tmp_path, monkeypatch):
    elsewhere = tmp_path / "deep" / "folder" / "mine.json"
    monkeypatch.setenv(progress.PROGRESS_ENV, str(elsewhere))
    assert progress.record_event("education-pathways.q1", "education-pathways", outcome=CORRECT) == []
    assert json.loads(elsewhere.read_text())["problems"]["education-pathways.q1"]["outcome"] == CORRECT
    monkeypatch.setenv(progress.PROGRESS_ENV, "off")
    assert progress.progress_path() is None and progress.record_event("education-pathways.q2", "education-pathways", outcome=CORRECT) == []
    monkeypatch.delenv(progress.PROGRESS_ENV)
    assert progress.progress_path() == Path.home() / ".mrt-course" / "progress.json"


def test_corrupt_progress_file_is_set_aside_with_a_message(private_files):
    lesson02 = workbook("02")

    private_files.write_text("{ this is not json")
    answer_5 = "b"  # noqa: F841
    result = lesson02.q5.check()
    assert result.outcome == CORRECT
    assert any("could not be read" in n and "progress.json.corrupt-1" in n for n in result.notes)
    assert (private_files.parent / "progress.json.corrupt-1").read_text() == "{ this is not json"
    assert json.loads(private_files.read_text())["problems"]["education-pathways.q5"]["outcome"] == CORRECT
    private_files.write_text('["valid json, wrong shape"]')
    notices = progress.record_event("education-pathways.q1", "education-pathways", outcome=INCORRECT)
    assert "corrupt-2" in notices[0] and (private_files.parent / "progress.json.corrupt-2").exists()


def test_progress_write_is_atomic(private_files, monkeypatch):
    progress.record_event("education-pathways.q1", "education-pathways", outcome=CORRECT)
    before = private_files.read_text()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(progress.os, "replace", broken_replace)
    notices = progress.record_event("education-pathways.q2", "education-pathways", outcome=CORRECT)
    assert notices and "could not be saved" in notices[0]
    assert private_files.read_text() == before  # the old file is intact
    # no temp file left; the lock file that serialises updates from several notebooks stays
    assert sorted(p.name for p in private_files.parent.iterdir()) == ["progress.json", "progress.json.lock"]


def test_reset_keeps_a_backup(private_files):
    progress.record_event("education-pathways.q1", "education-pathways", outcome=CORRECT)
    backup = progress.reset_progress()
    assert backup.name == "progress.json.backup-1" and "education-pathways.q1" in backup.read_text()
    assert progress.load_progress()[0]["problems"] == {}


def test_nothing_is_read_or_written_at_import(tmp_path):
    code = ("import helpers, helpers.checks, helpers.checks.workbooks, helpers.checks.grading, "
            "helpers.checks.widget, helpers.instructor, helpers.instructor.build, helpers.instructor.validate, "
            "helpers.instructor.grade, helpers.exercises, helpers.grade, helpers.hublink")
    env = {**os.environ, "HOME": str(tmp_path)}
    env.pop(progress.PROGRESS_ENV, None)
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_grading_file_gets_one_json_line_per_check(tmp_path, monkeypatch):
    lesson02 = workbook("02")

    target = tmp_path / "records.jsonl"
    monkeypatch.setenv(records.GRADING_ENV, str(target))
    answer_5 = "c"  # noqa: F841
    lesson02.q5.check()
    lesson02.q5.check_wrong("a")
    grading.check_all("02", {"answer_5": "b"})
    written = records.read_records(target)
    assert [(r["problem"], r["kind"], r["outcome"]) for r in written[:3]] == [
        ("education-pathways.q5", "check", INCORRECT), ("education-pathways.q5", "wrong-answer", INCORRECT),
        ("education-pathways.q1", "grader", NOT_ATTEMPTED)]
    assert len(written) == 2 + len(list(lesson02))


# --- progress widget -------------------------------------------------------------------------------

def test_progress_table_counts(private_files):
    progress.record_event("education-pathways.q1", "education-pathways", outcome=CORRECT)
    progress.record_event("education-pathways.q2", "education-pathways", outcome=INCORRECT)
    progress.record_event("education-pathways.q3", "education-pathways", outcome=NOT_ATTEMPTED)
    from helpers.checks.widget import progress_table

    table = progress_table().set_index("lesson")
    assert table.loc["02", ["problems", "correct", "attempted", "not_started"]].tolist() == [5, 1, 1, 3]
    assert table.loc["15", "not_started"] == 6
    lessons = data.load("lessons")
    assert set(table.index) == set(lessons.loc[lessons["exercise"].notna(), "number"])


def test_progress_widget_reset_asks_first_and_keeps_a_backup(private_files):
    from helpers.checks.widget import progress_widget

    progress.record_event("education-pathways.q1", "education-pathways", outcome=CORRECT)
    panel = progress_widget()
    buttons = {}

    def walk(widget):
        for child in getattr(widget, "children", ()):
            if hasattr(child, "on_click"):
                buttons[child.description] = child
            walk(child)

    walk(panel)
    assert "1 of 5" in panel.children[1].value
    buttons["Reset progress..."].click()
    assert private_files.exists() and "education-pathways.q1" in private_files.read_text()  # only asked so far
    buttons["Cancel"].click()
    assert "Nothing was cleared" in panel.children[-1].value
    buttons["Reset progress..."].click()
    buttons["Yes, clear it"].click()
    assert "education-pathways.q1" not in private_files.read_text()
    assert "education-pathways.q1" in (private_files.parent / "progress.json.backup-1").read_text()
    assert "0 of 5" in panel.children[1].value


# --- markers and stubs -----------------------------------------------------------------------------

def test_markers_and_stubs():
    src = "def f(x):\n    '''Doc.'''\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION\n"
    assert markers.student_source(src) == "def f(x):\n    '''Doc.'''\n    " + markers.STUB_RAISE
    two = "### BEGIN SOLUTION\na, b = 1, 2\nc: int = 3\n### END SOLUTION"
    assert markers.student_source(two).splitlines() == [f"{n} = ...{markers.STUB_COMMENT}" for n in "abc"]
    for broken, words in [("### BEGIN SOLUTION\nx = 1", "never closed"), ("### END SOLUTION", "without"),
                          ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "second"),
                          ("### BEGIN SOLUTION\nprint(1)\n### END SOLUTION", "cannot make a stub"),
                          ("### BEGIN SOLUTION\nx = (\n### END SOLUTION", "not valid Python")]:
        with pytest.raises(markers.MarkerError, match=words):
            markers.student_source(broken)
    with pytest.raises(ValueError, match="two or more hints"):
        ValueProblem("x", solution="x = 1", hints=["only one"])


def test_dictionaries_are_compared_key_by_key():
    from helpers.checks.compare import compare
    want = {"discharges": 120, "average length of stay": 4.25, "unit": "ICU"}
    assert compare({"unit": "ICU", "discharges": np.int64(120), "average length of stay": 4.2501}, want,
                   tolerance=0.001).ok
    cases = {
        "not a dict": ([120, 4.25], "is a list"),
        "misspelt key": ({"discharge": 120, "average length of stay": 4.25, "unit": "ICU"},
                         "no key 'discharges' (you have 'discharge': check the spelling)"),
        "extra key": ({**want, "deaths": 3}, "a key 'deaths' that should not be there"),
        "wrong number": ({**want, "discharges": 118}, "wrong value for 'discharges': it is off by 2 (yours is too low)"),
        "text for a number": ({**want, "average length of stay": "4.25"}, "wrong value for 'average length of stay'"),
        "wrong text": ({**want, "unit": "Surgery"}, "wrong value for 'unit'"),
    }
    for name, (value, words) in cases.items():
        verdict = compare(value, want, tolerance=0.001)
        assert not verdict.ok and words in verdict.message, (name, verdict.message)


# --- progress written under the first edition's lesson numbers -------------------------------------

def test_a_progress_file_written_under_the_old_numbers_loads_with_nothing_lost(private_files):
    """Version 1 keyed problems by the fifteen-lesson numbering (09 was statistics, 14 the capstone)."""
    old = {"format": "mrt-course-progress", "version": 1, "problems": {
        "02.q1": {"lesson": "02", "attempts": 3, "outcome": "correct", "ever_correct": True, "hints_viewed": 1,
                  "solution_viewed": False, "updated": "2026-11-20T10:00:00+00:00"},
        "09.q2": {"lesson": "09", "attempts": 1, "outcome": "incorrect", "ever_correct": False, "hints_viewed": 2,
                  "solution_viewed": True, "updated": "2026-11-21T10:00:00+00:00"},
        "14.q5": {"lesson": "14", "attempts": 2, "outcome": "correct", "ever_correct": True, "hints_viewed": 0,
                  "solution_viewed": False, "updated": "2026-11-22T10:00:00+00:00"},
        "someone-elses-key": {"lesson": "x", "attempts": 1},
    }}
    private_files.write_text(json.dumps(old))
    state, notices = progress.load_progress(private_files)
    assert notices == [] and state["version"] == progress.VERSION
    problems = state["problems"]
    assert set(problems) == {"education-pathways.q1", "healthcare-statistics.q2", "capstone.q5", "someone-elses-key"}
    assert problems["healthcare-statistics.q2"] == {**old["problems"]["09.q2"], "lesson": "healthcare-statistics"}
    assert problems["capstone.q5"]["attempts"] == 2 and problems["capstone.q5"]["lesson"] == "capstone"
    # The old statistics record now counts for lesson 13, where statistics is today, and the next save keeps it.
    from helpers.checks.widget import progress_table

    table = progress_table(private_files).set_index("lesson")
    assert table.loc["13", "attempted"] == 1 and table.loc["19", "correct"] == 1 and table.loc["02", "correct"] == 1
    progress.record_event("auditing-and-mpi.q1", "auditing-and-mpi", outcome=CORRECT, path=private_files)
    saved = json.loads(private_files.read_text())
    assert saved["version"] == progress.VERSION and "09.q2" not in saved["problems"]
    assert saved["problems"]["healthcare-statistics.q2"]["hints_viewed"] == 2 and len(saved["problems"]) == 5


def test_old_and_new_records_of_one_problem_are_merged_not_dropped():
    merged = progress.upgrade({"version": 1, "problems": {
        "09.q1": {"attempts": 2, "outcome": "incorrect", "hints_viewed": 1, "updated": "2026-11-01T00:00:00+00:00"},
        "healthcare-statistics.q1": {"attempts": "x", "outcome": "correct", "ever_correct": True,
                                     "updated": "2026-11-02T00:00:00+00:00"}}})
    entry = merged["problems"]["healthcare-statistics.q1"]
    assert len(merged["problems"]) == 1 and entry["outcome"] == "correct" and entry["attempts"] == 2
    assert entry["hints_viewed"] == 1 and entry["ever_correct"] is True


def test_an_untouched_answer_shows_no_answer_yet_not_ellipsis_in_a_workbook(tmp_path):
    """In a kernel, `workbook(...)` makes `answer = ...; answer` read "no answer yet"; without it, Ellipsis."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("answer = ...\nanswer"),
                nbformat.v4.new_code_cell('from helpers.checks import workbook\nq1, *_ = workbook("13")'),
                nbformat.v4.new_code_cell("answer")]
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    before, after = (nb.cells[i].outputs[0]["data"]["text/plain"] for i in (0, 2))
    assert before == "Ellipsis" and after.startswith("no answer yet: replace ... with your answer")
