"""The progress file under stress: two kernels at once, strange contents, no permission, a full disk (issue #14)."""
import errno
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers import jsonfile, store
from helpers.checks import progress
from helpers.checks.problems import ValueProblem
from helpers.checks.results import CORRECT, INCORRECT, OUTCOMES

ROOT = Path(__file__).resolve().parent.parent
KEY, LESSON = "education-pathways.q1", "education-pathways"


@pytest.fixture(autouse=True)
def progress_file(tmp_path, monkeypatch):
    monkeypatch.setenv(progress.PROGRESS_ENV, str(tmp_path / "progress.json"))
    monkeypatch.delenv("MRT_GRADING_FILE", raising=False)
    return tmp_path / "progress.json"


def problem() -> ValueProblem:
    return ValueProblem("answer", solution="answer = 2", hints=["Think.", "Two."], lesson="02", number=1)


def saved(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# --- two kernels at once ---------------------------------------------------------------------------

WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from helpers.checks import progress
    path, who = Path(sys.argv[1]), sys.argv[2]
    for i in range(150):
        notices = progress.record_event(f"{who}.q{i}", who, outcome="correct", path=path)
        assert notices == [], notices
""")


def test_two_kernels_updating_at_once_lose_nothing(progress_file):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    kernels = [subprocess.Popen([sys.executable, "-c", WRITER, str(progress_file), who], env=env,
                                stderr=subprocess.PIPE, text=True) for who in ("kernel-a", "kernel-b")]
    errors = [k.communicate(timeout=240)[1] for k in kernels]
    assert [k.returncode for k in kernels] == [0, 0], errors
    problems = saved(progress_file)["problems"]
    assert len(problems) == 300
    assert {k for k in problems if k.startswith("kernel-a.")} == {f"kernel-a.q{i}" for i in range(150)}


def test_the_lock_is_held_while_a_record_is_written(progress_file, monkeypatch):
    """Another notebook holding the lock makes an update wait, then report, never write unlocked."""
    from filelock import FileLock

    monkeypatch.setattr(progress, "LOCK_TIMEOUT", 0.2)
    progress.record_event(KEY, LESSON, outcome=CORRECT)
    before = progress_file.read_text()
    with FileLock(str(progress_file) + ".lock"):
        notices = subprocess.run(
            [sys.executable, "-c", "import sys; from pathlib import Path; from helpers.checks import progress;"
             "progress.LOCK_TIMEOUT = 0.2; print(progress.record_event('x.q1', 'x', outcome='correct', "
             "path=Path(sys.argv[1])))", str(progress_file)],
            env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, check=True).stdout
    assert "another notebook kept the file busy" in notices
    assert progress_file.read_text() == before
    assert progress.record_event("x.q1", "x", outcome=CORRECT) == []  # free again


# --- whatever the file holds, check() reports and never raises ---------------------------------------

STRANGE = {
    "100000 open brackets": "[" * 100_000,
    "deeply nested object": '{"problems": ' + '{"a": ' * 5000 + "1" + "}" * 5001,
    "not JSON": "{ oops",
    "empty": "",
    "a list": "[]",
    "null": "null",
    "problems is a list": '{"problems": []}',
    "version is text": '{"problems": {}, "version": "two"}',
    "version is a list": '{"problems": {}, "version": [2]}',
    "entry is a number": '{"version": 2, "problems": {"education-pathways.q1": 7}}',
    "attempts infinite": '{"version": 2, "problems": {"education-pathways.q1": {"attempts": Infinity}}}',
    "attempts NaN": '{"version": 2, "problems": {"education-pathways.q1": {"attempts": NaN, "hints_viewed": -4}}}',
    "huge number": '{"version": 2, "problems": {"education-pathways.q1": {"attempts": 1e999}}}',
}


@pytest.mark.parametrize("text", STRANGE.values(), ids=STRANGE.keys())
def test_check_never_raises_whatever_the_progress_file_holds(progress_file, text):
    progress_file.write_text(text, encoding="utf-8")
    answer = 2  # noqa: F841 - read by check() from this frame
    result = problem().check()
    assert result.outcome == CORRECT
    assert not any("could not be saved" in n for n in result.notes), result.notes
    entry = saved(progress_file)["problems"][KEY]
    assert entry["outcome"] == CORRECT and entry["attempts"] >= 1
    assert problem().check().notes == ()  # said once; the next check is quiet


def test_bytes_that_are_not_utf8_are_set_aside(progress_file):
    progress_file.write_bytes(b"\xff\xfe{\x00")
    notices = progress.record_event(KEY, LESSON, outcome=CORRECT)
    assert "not UTF-8" in notices[0] and (progress_file.parent / "progress.json.corrupt-1").read_bytes() == b"\xff\xfe{\x00"


def test_deep_brackets_are_reported_as_corrupt_and_kept(progress_file):
    progress_file.write_text("[" * 100_000)
    state, notices = progress.load_progress()
    assert state["problems"] == {} and len(notices) == 1
    assert "nested too deeply" in notices[0] and "progress.json.corrupt-1" in notices[0]
    assert (progress_file.parent / "progress.json.corrupt-1").read_text() == "[" * 100_000


# --- one bad record is repaired alone ----------------------------------------------------------------

def test_one_bad_value_is_repaired_alone_and_said_once(progress_file):
    other = {"lesson": "the-role", "attempts": 3, "outcome": "correct", "ever_correct": True,
             "hints_viewed": 1, "solution_viewed": False, "updated": "2026-01-01T00:00:00+00:00"}
    progress_file.write_text(json.dumps({"format": "mrt-course-progress", "version": 2, "problems": {
        KEY: {"lesson": LESSON, "attempts": "lots", "outcome": "incorrect", "hints_viewed": 2},
        "the-role.q1": other}}))
    first = progress.record_event(KEY, LESSON, outcome=INCORRECT)
    assert len(first) == 1 and KEY in first[0] and "attempts 'lots'" in first[0] and "set_aside" in first[0]
    assert "could not be saved" not in first[0]
    after = saved(progress_file)
    assert after["problems"]["the-role.q1"] == other  # the others are untouched
    assert after["problems"][KEY]["attempts"] == 1 and after["problems"][KEY]["hints_viewed"] == 2
    assert after["set_aside"][0]["key"] == KEY and after["set_aside"][0]["entry"]["attempts"] == "lots"
    for _ in range(3):  # never again: not "could not be saved" for ever, not the same notice again
        assert progress.record_event(KEY, LESSON, outcome=CORRECT) == []
    assert saved(progress_file)["problems"][KEY]["attempts"] == 4


def test_a_record_that_is_not_a_record_is_set_aside_and_the_others_kept(progress_file):
    progress_file.write_text(json.dumps({"version": 2, "problems": {KEY: "correct!", "the-role.q1": {
        "lesson": "the-role", "attempts": 1, "outcome": "correct"}}}))
    state, notices = progress.load_progress()
    assert KEY not in state["problems"] and state["problems"]["the-role.q1"]["attempts"] == 1
    assert "not a record" in notices[0] and not (progress_file.parent / "progress.json.corrupt-1").exists()
    assert state["set_aside"] == [{"key": KEY, "entry": "correct!", "reason": f"{KEY}: not a record",
                                   "when": state["set_aside"][0]["when"]}]


@pytest.mark.parametrize("version", [2, "2", 2.0, None])
def test_a_plain_version_number_is_read_in_any_spelling(progress_file, version):
    progress_file.write_text(json.dumps({"version": version, "problems": {}}))
    assert progress.load_progress()[1] == [] and progress_file.exists()


def test_a_clean_file_is_read_without_notices_or_changes(progress_file):
    progress.record_event(KEY, LESSON, outcome=CORRECT, hint=2, solution=True)
    before = saved(progress_file)
    state, notices = progress.load_progress()
    assert notices == [] and state == before and "set_aside" not in state


# --- a file the learner may not read -------------------------------------------------------------------

def no_permission(monkeypatch, target: Path):
    real_open = open

    def guarded_open(file, *args, **kwargs):
        if Path(file) == target:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(jsonfile, "open", guarded_open, raising=False)


def test_a_valid_file_without_read_permission_is_reported_not_renamed(progress_file, monkeypatch):
    progress.record_event(KEY, LESSON, outcome=CORRECT)
    before = progress_file.read_text()
    no_permission(monkeypatch, progress_file)
    answer = 2  # noqa: F841
    result = problem().check()
    assert result.outcome == CORRECT
    note = " ".join(result.notes)
    assert str(progress_file) in note and "permission" in note and "chmod u+rw" in note
    assert "corrupt" not in note and "could not be read (" not in note
    assert sorted(p.name for p in progress_file.parent.iterdir()) == ["progress.json", "progress.json.lock"]
    assert progress_file.read_text() == before  # not saved over either
    state, notices = progress.load_progress()  # the progress table shows the same message, never raises
    assert state["problems"] == {} and "permission" in notices[0]
    monkeypatch.setattr(jsonfile, "open", open, raising=False)
    assert progress.load_progress()[0]["problems"][KEY]["attempts"] == 1


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file; chmod cannot test this")
def test_chmod_unreadable_file_is_reported_not_renamed(progress_file):
    progress.record_event(KEY, LESSON, outcome=CORRECT)
    progress_file.chmod(0o200)
    try:
        notices = progress.record_event(KEY, LESSON, outcome=CORRECT)
        assert "permission" in notices[0] and not (progress_file.parent / "progress.json.corrupt-1").exists()
    finally:
        progress_file.chmod(0o600)
    assert saved(progress_file)["problems"][KEY]["attempts"] == 1


def test_saved_ratings_without_read_permission_are_reported_and_not_overwritten(tmp_path, monkeypatch):
    path = tmp_path / "learner.json"
    store.save_ratings({"Organization": 4}, path=path)
    before = path.read_text()
    no_permission(monkeypatch, path)
    ratings, notices = store.load_ratings(path)
    assert ratings is None and "permission" in notices[0] and str(path) in notices[0]
    with pytest.raises(OSError, match="permission"):
        store.save_ratings({"Organization": 1}, path=path)
    assert path.read_text() == before and not (tmp_path / "learner.json.corrupt-1").exists()


def test_a_folder_in_place_of_the_file_is_reported_and_left(progress_file):
    progress_file.mkdir()
    notices = progress.record_event(KEY, LESSON, outcome=CORRECT)
    assert "folder with that name" in notices[0] and progress_file.is_dir()


# --- a full disk ---------------------------------------------------------------------------------------

def full_disk(monkeypatch):
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, text):
            self.fh.write(text[: len(text) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(jsonfile.os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))


def test_a_full_disk_leaves_the_old_file_whole(progress_file, monkeypatch):
    progress.record_event(KEY, LESSON, outcome=CORRECT)
    before = progress_file.read_text()
    full_disk(monkeypatch)
    notices = progress.record_event(KEY, LESSON, outcome=INCORRECT)
    assert "could not be saved" in notices[0] and "No space left" in notices[0]
    assert progress_file.read_text() == before
    assert sorted(p.name for p in progress_file.parent.iterdir()) == ["progress.json", "progress.json.lock"]


def test_a_full_disk_never_leaves_an_empty_new_file(progress_file, monkeypatch):
    full_disk(monkeypatch)
    notices = progress.record_event(KEY, LESSON, outcome=CORRECT)
    assert "No space left" in notices[0] and not progress_file.exists()
    assert [p.name for p in progress_file.parent.iterdir()] == ["progress.json.lock"]
    with pytest.raises(OSError, match="No space left"):
        store.save_ratings({"Organization": 2}, path=progress_file.parent / "learner.json")
    assert not (progress_file.parent / "learner.json").exists()


def test_outcomes_recorded_are_the_known_ones(progress_file):
    for outcome in OUTCOMES:
        progress.record_event(KEY, LESSON, outcome=outcome)
    assert saved(progress_file)["problems"][KEY]["attempts"] == len(OUTCOMES)
