"""The fault suite (#14): a hostile class and a careless machine, graded with and without the sandbox.

A generated class of 43 submissions of workbook 02 (:mod:`classroom`) tries every way the issue saw
to fake a mark, damage another student's work, kill or outlive the grader, plus the careless cases
(names that are not UTF-8 or start a spreadsheet formula, a file beside a folder, two notebooks,
another lesson's notebook, ``.IPYNB``, endless loops that catch ``BaseException``, huge output).
It is graded with ``--jobs 2`` in the sandbox (skipped, saying why, where bubblewrap cannot run)
and with ``--no-sandbox``; then a run is killed part-way and resumed. The figures are printed
(``pytest -s``). About 5-8 minutes on 2 cores.
"""
from __future__ import annotations

import csv
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from classroom import KEYS, make_class
from helpers.instructor import grade, sandbox

pytestmark = pytest.mark.faults
ROOT = Path(__file__).resolve().parents[2]
SANDBOX_OK, WHY_NOT = sandbox.sandbox_works()


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Listener:
    """A TCP server on the grader's loopback counting the connections a submission manages to make."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.5)
        self.port, self.hits, self.stop = self.sock.getsockname()[1], 0, False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
                self.hits += 1
                conn.close()
            except OSError:
                continue


def grade_class(base: Path, sandboxed: bool, extra: list[str] = ()) -> dict:
    """Make the class, grade it, and gather what the assertions need."""
    folder, out = base / "class", base / "grades" / "grades.csv"
    listener = Listener()
    expected = make_class(folder, out, port=listener.port)
    pristine = base / "pristine"
    shutil.copytree(folder, pristine, copy_function=shutil.copy2)
    victim = digest(folder / "victim.ipynb")
    started = time.monotonic()
    status = grade.main([str(folder), "--out", str(out), "--lesson", "02", "--timeout", "20", "--jobs", "2"]
                        + ([] if sandboxed else ["--no-sandbox"]) + list(extra))
    seconds = time.monotonic() - started
    written = out.read_bytes() if out.exists() else b""
    time.sleep(3.5)  # a detached process would rewrite grades.csv two seconds after the grader finished
    listener.stop = True
    return {"status": status, "expected": expected, "rows": read(out), "totals": read(out.with_name("grades-totals.csv")),
            "out": out, "folder": folder, "pristine": pristine, "seconds": seconds, "victim_same":
            digest(folder / "victim.ipynb") == victim, "grades_same": out.read_bytes() == written,
            "connections": listener.hits}


@pytest.fixture(scope="module")
def sandboxed(tmp_path_factory):
    if not SANDBOX_OK:
        pytest.skip(f"the sandboxed half of the fault suite needs bubblewrap: {WHY_NOT}. {sandbox.INSTALL_HINT}")
    return grade_class(tmp_path_factory.mktemp("sandboxed"), True)


@pytest.fixture(scope="module")
def unsandboxed(tmp_path_factory):
    return grade_class(tmp_path_factory.mktemp("unsandboxed"), False)


@pytest.fixture(params=["sandboxed", "unsandboxed"])
def run(request):
    return request.getfixturevalue(request.param) | {"mode": request.param}


def fake_marks(run: dict) -> list[str]:
    """Marks a hostile submission got that it did not earn."""
    fakes = []
    for r in run["rows"]:
        want = run["expected"].get(r["student_id"].lstrip("'"))
        if want and want.hostile and r["outcome"] == "correct" and want.outcomes[KEYS.index(r["problem"])] != "correct":
            fakes.append(f"{r['student_id']} {r['problem']}")
    return fakes


def test_rows_in_equal_rows_out(run):
    assert run["status"] == 0
    students = {r["student_id"] for r in run["totals"]}
    assert len(run["totals"]) == len(run["expected"]) >= 40
    assert len(run["rows"]) == len(run["expected"]) * len(KEYS)
    assert {s.lstrip("'") for s in students} == set(run["expected"])


def test_no_fake_full_mark(run):
    assert fake_marks(run) == [] or (run["mode"] == "unsandboxed" and fake_marks(run) == ["solution_file education-pathways.q5"])


def test_every_outcome_status_and_reason(run):
    got = {(r["student_id"].lstrip("'"), r["problem"]): r for r in run["rows"]}
    totals = {r["student_id"].lstrip("'"): r for r in run["totals"]}
    wrong = []
    for student, want in run["expected"].items():
        outcomes = want.unsandboxed if run["mode"] == "unsandboxed" and want.unsandboxed else want.outcomes
        for key, outcome in zip(KEYS, outcomes):
            if got[student, key]["outcome"] != outcome:
                wrong.append(f"{student} {key}: {got[student, key]['outcome']} ({got[student, key]['reason'][:200]})")
        if want.status and want.status not in totals[student]["status"]:
            wrong.append(f"{student}: status {totals[student]['status']!r} lacks {want.status!r}")
        for q, words in want.extra.items():
            if words not in got[student, f"education-pathways.{q}"]["reason"]:
                wrong.append(f"{student} {q}: reason lacks {words!r}")
    assert wrong == [], "\n".join(wrong)
    for r in run["rows"]:  # every mark says where it came from; the default never trusts a notebook's record
        assert "(graded by the grader)" in r["reason"] or r["outcome"] == "error", r
        assert "taken from the notebook's record" not in r["reason"]


def test_spreadsheet_formulas_are_neutralised(run):
    ids = {r["student_id"] for r in run["totals"]}
    assert "'=1+2" in ids and "=1+2" not in ids
    assert "Jos\\xe9" in ids  # bytes that are not UTF-8 shown, never a crash


def test_nothing_outlives_the_grader_and_no_temp_folder_is_left(run):
    assert run["grades_same"], "something rewrote grades.csv after the grader finished"
    if run["mode"] == "sandboxed":
        assert run["victim_same"], "a submission changed another student's notebook"
        assert run["connections"] == 0, "a submission reached the network from the sandbox"
    else:  # without the sandbox the file may be hit, but the copy taken before grading is what counts
        victim = next(r for r in run["totals"] if r["student_id"] == "victim")
        assert victim["score"] == "5"
        assert run["victim_same"] or "changed on disk during grading" in victim["status"]


def test_resume_after_the_grader_is_killed_gives_the_same_csvs(tmp_path, request):
    first = request.getfixturevalue("sandboxed" if SANDBOX_OK else "unsandboxed")
    folder, out = tmp_path / "class", tmp_path / "grades.csv"
    shutil.copytree(first["pristine"], folder, copy_function=shutil.copy2)
    args = [sys.executable, "-m", "helpers.instructor", "grade", str(folder), "--out", str(out), "--lesson", "02",
            "--timeout", "20", "--jobs", "2"] + ([] if SANDBOX_OK else ["--no-sandbox"])
    started = time.monotonic()
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "MRT_GRADER_SECRET": "fault-suite"})
    journal = tmp_path / "grades.csv.journal.jsonl"
    while time.monotonic() - started < 300 and proc.poll() is None:
        if journal.exists() and len(journal.read_text().splitlines()) > 12:
            break
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)  # a careless machine: no clean-up, nothing written at the end
    proc.wait()
    assert not out.exists()
    done_before = len(journal.read_text().splitlines()) - 1
    resumed = subprocess.run(args + ["--resume"], cwd=ROOT, capture_output=True, text=True,
                             env={**os.environ, "MRT_GRADER_SECRET": "fault-suite"})
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert f"{done_before} already graded" in resumed.stdout
    seconds = time.monotonic() - started
    first_rows = [r for r in first["rows"]]
    assert read(out) == first_rows
    assert read(tmp_path / "grades-totals.csv") == first["totals"]
    assert not list(Path(os.environ.get("TMPDIR", "/tmp")).glob(f"mrt-grade-*/owner-{proc.pid}"))
    print(f"\nFAULT SUITE FIGURES: submissions {len(first['expected'])}, rows {len(first['rows'])} "
          f"(= {len(first['expected'])} x {len(KEYS)}); fake marks achieved: sandboxed "
          f"{len(fake_marks(first)) if SANDBOX_OK else 'n/a (' + WHY_NOT + ')'}; grading took {first['seconds']:.0f} s "
          f"({'sandboxed' if SANDBOX_OK else 'no sandbox'}); killed after {done_before} students and resumed: "
          f"CSVs identical, {seconds:.0f} s for both runs.")
