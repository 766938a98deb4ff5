"""nbgitpuller links for instructors."""
import subprocess
import sys
from urllib.parse import parse_qs, urlparse

import pytest

from helpers.instructor.hublink import hub_link


def test_link_opens_the_lesson_in_the_pulled_folder():
    link = hub_link("https://hub.example.edu/", "https://github.com/org/mrt-course.git", "1")
    parsed = urlparse(link)
    assert parsed.netloc == "hub.example.edu" and parsed.path == "/hub/user-redirect/git-pull"
    query = parse_qs(parsed.query)
    assert query["repo"] == ["https://github.com/org/mrt-course.git"]
    assert query["urlpath"] == ["lab/tree/mrt-course/notebooks/01-the-role.ipynb"]


@pytest.mark.parametrize("hub, repo, lesson, words", [
    ("hub.example.edu", "https://github.com/org/c", "00", "not a web address"),
    ("https://hub.example.edu", "github.com/org/c", "00", "not a web address"),
    ("https://hub.example.edu", "https://github.com/org/c", "99", "no lesson"),
])
def test_bad_input_is_explained(hub, repo, lesson, words):
    with pytest.raises(ValueError, match=words):
        hub_link(hub, repo, lesson)


def test_a_lesson_is_found_by_its_new_number_or_its_id():
    assert "19-capstone.ipynb" in hub_link("https://hub.example.edu", "https://github.com/org/c", "19")
    assert "19-capstone.ipynb" in hub_link("https://hub.example.edu", "https://github.com/org/c", "capstone")
    assert "13-healthcare-statistics.ipynb" in hub_link("https://hub.example.edu", "https://github.com/org/c", 13)


def test_an_unpublished_lesson_is_refused(monkeypatch):
    # Every lesson is published now; a course map with two lessons still being written shows the refusal.
    from helpers import lessons

    rows = tuple({**row, "available": row["number"] not in ("06", "18")} for row in lessons._rows())
    monkeypatch.setattr(lessons, "_rows", lambda: rows)
    with pytest.raises(ValueError, match=r"Lesson 18 \(Exam readiness\) is not published yet"):
        hub_link("https://hub.example.edu", "https://github.com/org/c", "18")
    with pytest.raises(ValueError, match=r"Lesson 06 \(Coding in practice\) is not published yet"):
        hub_link("https://hub.example.edu", "https://github.com/org/c", "coding-in-practice")
    assert hub_link("https://hub.example.edu", "https://github.com/org/c", "07").startswith("https://hub.example.edu")


def test_command_line():
    ok = subprocess.run([sys.executable, "-m", "helpers.instructor", "link", "https://h.edu", "https://g.com/o/c"], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.startswith("https://h.edu/hub/user-redirect/git-pull?")
    bad = subprocess.run([sys.executable, "-m", "helpers.instructor", "link", "h.edu", "https://g.com/o/c"], capture_output=True, text=True)
    assert bad.returncode == 2 and "not a web address" in bad.stderr and "Traceback" not in bad.stderr
