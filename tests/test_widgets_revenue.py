"""The lesson 07 widgets, driven through their controls like a learner would."""
from __future__ import annotations

import re

import pytest

from helpers import widgets
from helpers.widgets.revenue import QUERIES, SECONDARY_CHOICES, STAYS


def _no_traceback(p):
    assert "Traceback" not in p.result.value and "Something went wrong" not in p.result.value


def _drgs(p) -> list[str]:
    return re.findall(r"<td[^>]*>(\d{3})</td>", p.result.value)


@pytest.fixture(scope="module")
def explorer():
    return widgets.documentation_explorer()


def test_explorer_controls_and_first_view(explorer):
    assert set(explorer.controls) == {"stay", "documented"}
    assert _drgs(explorer) == ["195", "195"]
    assert "0.6285" in explorer.result.value and "$4,244" in explorer.result.value  # 0.6285 x 6,752.61


@pytest.mark.parametrize("documented,expected,level", [
    ((), "195", "without CC/MCC"), (("N17.9",), "194", "with CC"), (("J96.01",), "193", "with MCC"),
    (("N17.9", "J96.01"), "193", "with MCC"), (("J15.9",), "195", "without CC/MCC"),
    (("E11.9", "I10"), "195", "without CC/MCC"),
])
def test_documenting_a_secondary_moves_the_pneumonia_stay(explorer, documented, expected, level):
    explorer.controls["stay"].value = list(STAYS)[0]
    explorer.controls["documented"].value = documented
    _no_traceback(explorer)
    assert _drgs(explorer) == ["195", expected]
    assert level in explorer.result.value
    assert ("moves from" in explorer.result.value) == (expected != "195")


def test_every_stay_with_every_single_secondary(explorer):
    for stay in STAYS:
        explorer.controls["stay"].value = stay
        for code in ("", *SECONDARY_CHOICES):
            explorer.controls["documented"].value = (code,) if code else ()
            _no_traceback(explorer)
            assert len(_drgs(explorer)) == 2


def test_uti_splits_only_on_an_mcc(explorer):
    explorer.controls["stay"].value = [s for s in STAYS if "N39.0" in s][0]
    explorer.controls["documented"].value = ("N17.9",)
    assert _drgs(explorer) == ["690", "690"]
    explorer.controls["documented"].value = ("J96.01",)
    assert _drgs(explorer) == ["690", "689"]


def test_query_reviewer_every_query_and_a_bad_value():
    q = widgets.query_reviewer()
    assert set(q.controls) == {"query"}
    for i, (_text, ok, why) in enumerate(QUERIES):
        q.controls["query"].value = i
        _no_traceback(q)
        assert ("Not compliant" in q.result.value) == (not ok)
        assert why.split(":")[0][:30] in q.result.value.replace("&#x27;", "'")
    assert any(ok for _t, ok, _w in QUERIES) and not all(ok for _t, ok, _w in QUERIES)
    assert not any("pay" in t.lower() for t, ok, _w in QUERIES if ok)
