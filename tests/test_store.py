"""helpers.store: the learner's file, always in a temporary MRT_HOME."""
import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import store


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv(store.STORE_ENV, str(tmp_path / "mrt"))
    return tmp_path / "mrt"


def test_mrt_home_moves_the_folder(home, monkeypatch):
    assert store.store_dir() == home and store.store_path() == home / "learner.json"
    monkeypatch.delenv(store.STORE_ENV)
    assert store.store_dir() == store.Path.home() / ".mrt-course"
    monkeypatch.setenv(store.STORE_ENV, "   ")
    assert store.store_dir() == store.Path.home() / ".mrt-course"


def test_missing_file_is_empty_and_not_created(home):
    data, notices = store.read_store()
    assert notices == [] and "skill_ratings" not in data
    assert store.load_ratings() == (None, [])
    assert not home.exists(), "reading must not create the folder"


def test_save_and_load_round_trip(home):
    ratings = {"Organization": 4, "Medical coding": 0, "Persistence": 5}
    path, notices = store.save_ratings(ratings)
    assert path == home / "learner.json" and path.exists() and notices == []
    assert store.load_ratings() == (ratings, [])
    on_disk = json.loads(path.read_text())
    assert on_disk["format"] == "mrt-course-learner" and on_disk["skill_ratings"]["ratings"] == ratings
    assert [p.name for p in home.iterdir()] == ["learner.json"], "no temporary files left behind"


def test_saving_keeps_other_data(home):
    store.write_store({"career_plan": {"goal": "RHIT"}})
    store.save_ratings({"Organization": 3})
    data, _ = store.read_store()
    assert data["career_plan"] == {"goal": "RHIT"} and data["skill_ratings"]["ratings"] == {"Organization": 3}


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", "\xff\xfe garbage", ""])
def test_corrupt_file_is_renamed_aside_never_wiped(home, text):
    home.mkdir(parents=True)
    bad = home / "learner.json"
    bad.write_bytes(text.encode("latin-1"))
    ratings, notices = store.load_ratings()
    assert ratings is None and len(notices) == 1
    assert "learner.json.corrupt-1" in notices[0] and "Nothing was deleted" in notices[0]
    assert (home / "learner.json.corrupt-1").read_bytes() == text.encode("latin-1")
    assert not bad.exists()
    # A second corrupt file goes to -2, and saving afterwards works.
    bad.write_text("{")
    store.read_store()
    assert (home / "learner.json.corrupt-2").exists()
    path, notices = store.save_ratings({"Organization": 2})
    assert notices == [] and store.load_ratings() == ({"Organization": 2}, [])


def test_saving_over_a_corrupt_file_reports_it(home):
    home.mkdir(parents=True)
    (home / "learner.json").write_text("oops")
    path, notices = store.save_ratings({"Organization": 1})
    assert "could not be read" in notices[0] and (home / "learner.json.corrupt-1").read_text() == "oops"


def test_bad_saved_ratings_are_ignored_with_a_notice_and_the_file_kept(home):
    store.write_store({"skill_ratings": {"ratings": {"Organization": 9}}, "career_plan": 1})
    ratings, notices = store.load_ratings()
    assert ratings is None and "could not be used" in notices[0] and "Organization" in notices[0]
    assert store.read_store()[0]["career_plan"] == 1
    store.write_store({"skill_ratings": "nonsense"})
    assert store.load_ratings()[0] is None


@pytest.mark.parametrize("ratings, words", [
    ({}, "no ratings"),
    ({"Organization": 6}, "0 to 5"),
    ({"Organization": -1}, "0 to 5"),
    ({"Organization": 2.5}, "whole number"),
    ({"Organization": True}, "whole number"),
    ({"": 3}, "skill name"),
    (None, "no ratings"),
])
def test_invalid_ratings_are_refused_before_writing(home, ratings, words):
    with pytest.raises(ValueError, match=words):
        store.save_ratings(ratings)
    assert not home.exists()


def test_unwritable_folder_raises_oserror(home):
    home.parent.mkdir(parents=True, exist_ok=True)
    home.write_text("a file where the folder should be")
    with pytest.raises(OSError):
        store.save_ratings({"Organization": 1})


def test_write_is_atomic_when_the_replace_fails(home, monkeypatch):
    store.save_ratings({"Organization": 1})
    before = (home / "learner.json").read_text()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(store.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        store.save_ratings({"Organization": 5})
    assert (home / "learner.json").read_text() == before
    assert [p.name for p in home.iterdir()] == ["learner.json"], "the temporary file is cleaned up"


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.text(min_size=1).filter(str.strip), st.integers(0, 5), min_size=1, max_size=15))
def test_any_valid_ratings_round_trip(ratings):
    # hypothesis and function-scoped fixtures do not mix: use an explicit path
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "learner.json"
    store.save_ratings(ratings, path=path)
    assert store.load_ratings(path) == (ratings, [])


def test_nothing_happens_at_import(tmp_path):
    env = {**os.environ, store.STORE_ENV: str(tmp_path / "never")}
    code = "import helpers.store, helpers.widgets.jobs, helpers.career.jobs"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "never").exists()
