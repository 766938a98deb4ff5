"""helpers.career: pure functions, proven on good, edge and bad input."""
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import career, data


@pytest.mark.parametrize("text, hours", [("3", 3.0), (" 4.5 hours", 4.5), ("2h", 2.0), ("1,5", 1.5), (7, 7.0), ("168", 168.0)])
def test_parse_hours_accepts_what_people_type(text, hours):
    assert career.parse_hours(text) == hours


@pytest.mark.parametrize("text, words", [
    ("", "empty"), ("lots", "not a number"), ("0", "above 0"), ("-2", "above 0"),
    ("200", "only 168 hours"), ("nan", "finite"), ("inf", "finite"), (True, "number of hours"),
])
def test_parse_hours_explains_bad_entries(text, words):
    with pytest.raises(ValueError, match=words):
        career.parse_hours(text)


def test_weeks_to_finish():
    assert career.weeks_to_finish(180, 3) == 1
    assert career.weeks_to_finish(181, 3) == 2
    with pytest.raises(ValueError, match="negative"):
        career.weeks_to_finish(-1, 3)


@given(st.integers(0, 100_000), st.floats(0.1, 168))
def test_weeks_cover_the_work(minutes, hours):
    weeks = career.weeks_to_finish(minutes, hours)
    assert weeks * hours * 60 >= minutes - 1e-6
    assert weeks == 0 or (weeks - 1) * hours * 60 < minutes


def test_course_minutes_adds_reading_and_exercises():
    lessons = data.load("lessons")
    total = int(lessons["minutes_reading"].sum() + lessons["minutes_exercises"].sum())
    assert career.course_minutes(lessons) == total
    published = lessons[lessons["available"]]
    assert career.course_minutes(lessons, available_only=True) == int(
        published["minutes_reading"].sum() + published["minutes_exercises"].sum())
    with pytest.raises(ValueError, match="minutes_reading"):
        career.course_minutes(lessons.drop(columns="minutes_reading"))


def test_skill_summary_sorts_strengths_and_gaps():
    s = career.skill_summary({"A": 5, "B": 0, "C": 3, "D": 2}, target=3)
    assert s == {"strengths": ["A", "C"], "to_build": ["B", "D"], "average": 2.5}


@pytest.mark.parametrize("ratings, words", [
    ({}, "no ratings"), ({"A": 6}, "from 0 to 5"), ({"A": -1}, "from 0 to 5"),
    ({"A": 2.5}, "whole number"), ({"A": True}, "whole number"), ({"A": "3"}, "whole number"),
])
def test_skill_summary_rejects_bad_ratings(ratings, words):
    with pytest.raises(ValueError, match=words):
        career.skill_summary(ratings)


def test_skill_summary_rejects_bad_target():
    with pytest.raises(ValueError, match="target"):
        career.skill_summary({"A": 1}, target=9)


@given(st.dictionaries(st.text(min_size=1, max_size=5), st.integers(0, 5), min_size=1))
def test_skill_summary_partitions_every_skill(ratings):
    s = career.skill_summary(ratings)
    assert sorted(s["strengths"] + s["to_build"]) == sorted(ratings)
    assert math.isclose(s["average"], sum(ratings.values()) / len(ratings), abs_tol=0.005)
