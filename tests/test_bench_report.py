"""`make bench`'s summary (benchmarks/report.py): it runs every script and never hides one that failed.

The scripts themselves are not run here (they take minutes); their SUMMARY lines are checked by
reading their source, and the report's parser and runner are checked on small sample outputs and
throwaway scripts, both ways.
"""
from __future__ import annotations

import doctest
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


report = _load("report")

NOTEBOOKS_SAMPLE = """Machine: 2 cores
round 1: course 90.0 s, floor 40.0 s, ratio 2.25
SUMMARY """ + json.dumps({
    "course_s": 90.0, "floor_s": 40.0, "ratio": 2.25, "ratio_target": 1.3, "notebook_target_s": 5.0,
    "slow": [], "failures": 0, "floor_peak_mb": 140.0,
    "heaviest_lesson": ["notebooks/12-auditing-and-mpi.ipynb", 512.3],
    "heaviest_workbook": ["exercises/19-capstone-exercises.ipynb", 401.0],
    "notebooks": {"notebooks/12-auditing-and-mpi.ipynb": {"seconds": 4.2, "peak_mb": 512.3}},
})


def test_doctests_of_the_report_pass():
    assert doctest.testmod(report).failed == 0


def test_a_summary_line_is_read():
    r = report.parse("notebooks.py", NOTEBOOKS_SAMPLE, 0)
    assert r.problem is None
    assert r.figures["heaviest_lesson"] == ["notebooks/12-auditing-and-mpi.ipynb", 512.3]


def test_the_last_summary_line_wins():
    r = report.parse("x.py", 'SUMMARY {"a": 1}\nSUMMARY {"a": 2}\n', 0)
    assert r.figures == {"a": 2} and r.problem is None


@pytest.mark.parametrize("output, status, expected", [
    ("figures printed, but no machine-readable line\n", 0, "printed no SUMMARY line"),
    ("", 0, "printed no SUMMARY line"),
    ("Traceback (most recent call last):\nMemoryError\n", 1, "exit status 1"),
    ('SUMMARY {"a": 1}\n', 2, "exit status 2"),  # figures, then a failure: still a problem
    ("SUMMARY {not json}\n", 0, "not JSON"),
    ("SUMMARY [1, 2]\n", 0, "not a JSON object"),
    ('SUMMARY {"error": "JupyterLab did not start"}\n', 0, "JupyterLab did not start"),
    ("half of the output", None, "timed out"),
])
def test_a_failing_or_silent_script_is_a_problem(output, status, expected):
    r = report.parse("x.py", output, status)
    assert r.problem and expected in r.problem


def test_the_summary_shows_figures_and_lists_every_problem():
    results = [report.parse("notebooks.py", NOTEBOOKS_SAMPLE, 0),
               report.parse("widgets.py", 'SUMMARY {"overall_median_ms": 7.5, "worst_widget": "career_plan"}', 0),
               report.parse("synth.py", 'SUMMARY {"make_records_100000_s": 1.25}', 0),
               report.parse("mpi.py", "Killed\n", -9),
               report.parse("coding.py", "all fine, honestly\n", 0)]
    text = report.render(results, "2026-11-30 04:00 UTC", "2 cores, load average 3.00")
    assert "2026-11-30 04:00 UTC" in text and "2 cores, load average 3.00" in text
    assert "ratio **2.25**" in text and "512 MiB" in text and "12-auditing-and-mpi" in text
    assert "career_plan" in text and "make_records_100000_s 1.25" in text
    assert "**Problems**: 2 script(s)." in text
    assert "| mpi.py | problem |" in text and "exit status -9" in text and "Killed" in text
    assert "| coding.py | problem |" in text and "all fine, honestly" in text
    assert "| synth.py | ok |" in text


def test_a_clean_run_says_no_problems():
    text = report.render([report.parse("imports.py", 'SUMMARY {"best_ms": 2}', 0)], "now", "m")
    assert "**Problems**: none." in text


def test_every_script_in_benchmarks_is_run_by_the_report():
    """A new file in benchmarks/ is either a script (run by `make bench`) or a declared library."""
    found = {p.name for p in report.scripts()}
    for path in BENCH.glob("*.py"):
        if path.name in report.LIBRARIES:
            continue
        assert path.name in found, (
            f"benchmarks/{path.name} would not be run by `make bench`: give it an "
            "`if __name__ == \"__main__\":` block, or list it in report.LIBRARIES if it is shared code")
    assert {"notebooks.py", "widgets.py", "imports.py", "lab_server.py", "mpi.py"} <= found


@pytest.mark.parametrize("name", sorted(p.name for p in report.scripts()))
def test_every_script_prints_a_summary_line(name):
    source = (BENCH / name).read_text(encoding="utf-8")
    assert re.search(r"^from timing import .*\bsummary\b", source, re.MULTILINE), name
    assert re.search(r"^\s+summary\(", source, re.MULTILINE), f"{name} never calls summary(...)"


def test_the_runner_reports_a_crashing_script_and_reads_a_good_one(tmp_path, monkeypatch):
    folder = tmp_path / "bench"
    folder.mkdir()
    (folder / "good.py").write_text('print("working")\nif __name__ == "__main__":\n'
                                    '    print(\'SUMMARY {"seconds": 1.5}\')\n')
    (folder / "crash.py").write_text('if __name__ == "__main__":\n    raise SystemExit("out of memory")\n')
    (folder / "silent.py").write_text('if __name__ == "__main__":\n    print("done")\n')
    (folder / "timing.py").write_text("def summary(**f):\n    pass\n")  # a library: not run
    found = report.scripts(folder)
    assert [p.name for p in found] == ["crash.py", "good.py", "silent.py"]
    results = {p.name: report.run(p, tmp_path / "logs", timeout=60) for p in found}
    assert results["good.py"].figures == {"seconds": 1.5} and results["good.py"].problem is None
    assert "exit status 1" in results["crash.py"].problem
    assert "out of memory" in "\n".join(results["crash.py"].tail)
    assert results["silent.py"].problem == "printed no SUMMARY line"
    assert (tmp_path / "logs" / "crash.log").read_text().strip() == "out of memory"


def test_a_script_that_hangs_is_stopped_and_reported(tmp_path):
    script = tmp_path / "hang.py"
    script.write_text('import time\nif __name__ == "__main__":\n    print("start", flush=True)\n'
                      "    time.sleep(60)\n")
    r = report.run(script, tmp_path / "logs", timeout=2)
    assert r.problem and "timed out" in r.problem


def test_the_splink_peer_is_asked_for_only_when_offered_and_installed(tmp_path, monkeypatch):
    offers = tmp_path / "mpi.py"
    offers.write_text('parser.add_argument("--peer")\n')
    plain = tmp_path / "synth.py"
    plain.write_text("pass\n")
    assert report.script_args(offers, peer=True) == ["--peer", "splink"]
    assert report.script_args(plain, peer=True) == []
    assert report.script_args(offers, peer=False) == []
    # the peer venv is ready only when its Python exists and imports splink
    assert not report.peer_ready(tmp_path / "no-such-python")
    monkeypatch.setattr(report, "PEER_PYTHON", tmp_path / "no-such-python")
    assert report.script_args(offers) == []
    monkeypatch.setattr(report, "PEER_PYTHON", Path(sys.executable))  # a Python without splink
    assert not report.peer_ready() or importlib.util.find_spec("splink")


def test_the_summary_helper_prints_one_parsable_line(capsys):
    sys.path.insert(0, str(BENCH))
    try:
        timing = _load("timing")
    finally:
        sys.path.remove(str(BENCH))
    timing.summary(best_ms=2.5, names=["a"])
    r = report.parse("x.py", capsys.readouterr().out, 0)
    assert r.figures == {"best_ms": 2.5, "names": ["a"]} and r.problem is None


def test_make_bench_runs_the_report():
    makefile = (BENCH.parent / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\nbench:")[1].split("\n\n")[0]
    assert "benchmarks/report.py" in target and "benchmarks/requirements.txt" in target


def _load_script(name: str):
    sys.path.insert(0, str(BENCH))  # the scripts import timing.py as a sibling
    try:
        return _load(name)
    finally:
        sys.path.remove(str(BENCH))


def test_peak_memory_is_read_from_proc_and_missing_processes_give_none():
    notebooks = _load_script("notebooks")
    import os

    if not Path(f"/proc/{os.getpid()}/status").exists():
        pytest.skip("no /proc here (Linux only)")
    mine = notebooks.peak_rss_mb(os.getpid())
    assert mine is not None and 10 < mine < 1_000_000
    assert notebooks.peak_rss_mb(2**22 + 12345) is None  # above Linux's pid limit: no such process


def test_the_heaviest_lesson_and_workbook_are_picked_from_their_own_folders():
    notebooks = _load_script("notebooks")
    peaks = {"notebooks/07-revenue-cycle.ipynb": 389.0, "notebooks/00-start-here.ipynb": 143.0,
             "exercises/07-revenue-cycle-exercises.ipynb": 317.0,
             "exercises/source/07-revenue-cycle.ipynb": 500.0}  # an instructor source: not a workbook
    assert notebooks.heaviest(peaks, "notebooks") == ("notebooks/07-revenue-cycle.ipynb", 389.0)
    assert notebooks.heaviest(peaks, "exercises") == ("exercises/07-revenue-cycle-exercises.ipynb", 317.0)
    assert notebooks.heaviest({}, "notebooks") is None
