"""The lesson 11 breach walkthrough, driven through its controls like a learner would."""
from __future__ import annotations

import datetime as dt

import pytest

from helpers import widgets
from helpers.widgets.law import parse_states


def _clean(p):
    assert "Traceback" not in p.result.value and "Something went wrong" not in p.result.value


@pytest.fixture
def walk():
    return widgets.breach_walkthrough()


def test_controls_and_first_view(walk):
    assert set(walk.controls) == {"discovered", "affected", "states", "low_probability", "secured", "business_associate"}
    value = walk.result.value
    assert "2026-05-01" in value and "media in NH" in value and "media in VT" in value
    _clean(walk)


@pytest.mark.parametrize("affected, word", [(499, "yearly report"), (500, "HHS is told now"), (501, "HHS is told now")])
def test_hhs_threshold_both_ways(walk, affected, word):
    walk.controls["states"].value = ""
    walk.controls["affected"].value = affected
    assert word in walk.result.value
    _clean(walk)


@pytest.mark.parametrize("count, media", [(500, False), (501, True)])
def test_media_threshold_both_ways(walk, count, media):
    walk.controls["affected"].value = 900
    walk.controls["states"].value = f"NH: {count}"
    assert ("prominent media outlets serving NH" in walk.result.value) is media
    _clean(walk)


def test_every_switch_and_bad_entries_show_messages(walk):
    for name in ("secured", "low_probability", "business_associate"):
        walk.controls[name].value = True
        _clean(walk)
        walk.controls[name].value = False
    walk.controls["business_associate"].value = True
    assert "covered entity" in walk.result.value
    walk.controls["business_associate"].value = False
    for text in ("NH=many", "NH: 10, NH: 20", "NH: 99999"):
        walk.controls["states"].value = text
        _clean(walk)
        assert "Notify" not in walk.result.value
    walk.controls["states"].value = ""
    walk.controls["affected"].value = 0
    assert "at least 1" in walk.result.value
    walk.controls["affected"].value = 10
    walk.controls["discovered"].value = None
    assert "Enter the day" in walk.result.value
    walk.controls["discovered"].value = dt.date(2026, 12, 31)
    assert "2027-03-01" in walk.result.value


def test_parse_states():
    assert parse_states("") == {}
    assert parse_states("ma 3; nh: 4") == {"MA": 3, "NH": 4}
    with pytest.raises(ValueError, match="twice"):
        parse_states("NH: 1, nh: 2")
