"""The lesson 10 widgets, driven through their controls like a learner would."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from helpers import data, release, widgets
from helpers.widgets.privacy import showcase_patients

D = dt.date
DAYS = pd.Timedelta(days=release.access_periods()["days"])


def _no_traceback(p):
    assert "Traceback" not in p.result.value and "Something went wrong" not in p.result.value


@pytest.fixture(scope="module")
def viewer():
    return widgets.safe_harbor_viewer()


def test_viewer_controls_and_first_view(viewer):
    assert set(viewer.controls) == {"patient", "table"}
    assert viewer.controls["patient"].options[0][0].startswith("Oldest")
    assert "Before" in viewer.result.value and "After" in viewer.result.value
    assert "What was done" in viewer.result.value


def test_viewer_over_every_patient_and_table(viewer):
    patients = data.load("synthetic_patients").set_index("patient_id")
    for _label, pid in viewer.controls["patient"].options:
        for table in ("patient", "encounters"):
            viewer.controls["patient"].value = pid
            viewer.controls["table"].value = table
            _no_traceback(viewer)
            after = viewer.result.value.split("<b>After</b>")[1]
            assert patients.loc[pid, "ssn"] not in after and patients.loc[pid, "phone"] not in after
            if table == "patient":
                assert "zip3" in after and "birth_year" in after
                assert patients.loc[pid, "ssn"] in viewer.result.value.split("<b>After</b>")[0]
            else:
                assert "admit_year" in after or "no encounters rows" in viewer.result.value


def test_viewer_shows_each_rule_on_its_showcase_patient(viewer):
    options = dict(viewer.controls["patient"].options)
    viewer.controls["table"].value = "patient"
    viewer.controls["patient"].value = options["Oldest patient (age over 89 is grouped)"]
    assert "90+" in viewer.result.value.split("<b>After</b>")[1]
    viewer.controls["patient"].value = options["Restricted ZIP area (becomes 000)"]
    assert ">000<" in viewer.result.value.split("<b>After</b>")[1]
    viewer.controls["patient"].value = options["Malformed ZIP (blanked)"]
    assert "not a ZIP code, blanked" in viewer.result.value


def test_showcase_on_a_table_without_special_cases():
    pts = pd.DataFrame({"patient_id": ["P1", "P2"], "birth_date": ["1990-01-01", "bad"], "zip": ["02134", "10001"]})
    picks = showcase_patients(pts, "2026-01-01", n_plain=1)
    assert picks == [("Oldest patient (age over 89 is grouped)", "P1"), ("Patient P2", "P2")]


@pytest.fixture()
def calc():
    return widgets.roi_deadline_calculator(received=D(2025, 11, 3), as_of=D(2026, 1, 1))


def _set(p, **values):
    for name, value in values.items():
        p.controls[name].value = value


def test_calculator_statuses(calc):
    due = (pd.Timestamp("2025-11-03") + DAYS).date()
    assert set(calc.controls) == {"received", "notice", "notice_date", "fulfilled", "as_of"}
    assert "open, overdue" in calc.result.value and str(due) in calc.result.value
    _set(calc, fulfilled=due)
    assert "fulfilled on time" in calc.result.value
    _set(calc, fulfilled=due + dt.timedelta(days=4))
    assert "fulfilled late" in calc.result.value and ">4<" in calc.result.value
    _set(calc, fulfilled=None, as_of=due)
    assert "open, not yet due" in calc.result.value
    _no_traceback(calc)


def test_calculator_extension_in_time_and_too_late(calc):
    due = (pd.Timestamp("2025-11-03") + DAYS).date()
    assert calc.controls["notice_date"].disabled
    _set(calc, notice=True)
    assert not calc.controls["notice_date"].disabled
    assert "Enter the date the written extension notice was sent" in calc.result.value
    _set(calc, notice_date=due)
    assert "granted" in calc.result.value
    _set(calc, notice_date=due + dt.timedelta(days=1))
    assert "notice too late" in calc.result.value and "after the first due date" in calc.result.value
    _set(calc, notice=False)
    assert calc.controls["notice_date"].disabled and "notice too late" not in calc.result.value


@pytest.mark.parametrize("values, words", [
    ({"fulfilled": D(2025, 10, 1)}, "before the received date"),
    ({"received": D(2026, 3, 1)}, "cannot arrive in the future"),
    ({"fulfilled": D(2026, 2, 1)}, "leave it empty if the request is still open"),
    ({"notice": True, "notice_date": D(2025, 10, 1)}, "is before the received date"),
    ({"received": None}, "Enter the date the request was received"),
])
def test_calculator_messages_then_recovers(calc, values, words):
    _set(calc, **values)
    assert words in calc.result.value
    _no_traceback(calc)
    _set(calc, received=D(2025, 11, 3), notice=False, fulfilled=None, as_of=D(2026, 1, 1))
    assert "open, overdue" in calc.result.value


def test_calculator_shows_the_rules_with_their_source(calc):
    text = " ".join(child.value for child in calc.children if hasattr(child, "value") and isinstance(child.value, str))
    rules = data.load("privacy_rules").set_index("rule_id")
    assert f"<b>{rules.loc['access_days', 'value']} days</b>" in text and "164.524" in text
    assert "Source:" in text
