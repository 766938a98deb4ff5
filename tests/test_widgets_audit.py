"""Drive the lesson 12 duplicate-pair reviewer the way a learner does."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import data, mpi, widgets
from helpers.widgets.audit import DIFFERENT, NOT_SURE, SAME, UNDECIDED


@pytest.fixture()
def panel():
    return widgets.duplicate_reviewer()


def test_first_pair_shows_both_records_evidence_and_points(panel):
    found = mpi.find_duplicates(data.load("synthetic_patients"))
    first = found.iloc[0]
    text = panel.result.value
    assert f"Record {first['id_a']}" in text and f"Record {first['id_b']}" in text
    assert f"<b>{first['score']:g}</b>" in text and "Pair 1 of" in text
    assert "Traceback" not in text


def test_stepping_and_switching_lists(panel):
    c = panel.controls
    c["next"].click()
    assert c["pair"].value == 2 and "Pair 2 of" in panel.result.value
    c["previous"].click(); c["previous"].click()
    assert c["pair"].value == 1  # never below the first pair
    c["pairs"].value = "below"
    assert c["pair"].value == 1 and "below the matcher's threshold" in panel.result.value
    c["pairs"].value = "proposed"
    assert "at or above the matcher's threshold" in panel.result.value


def test_decisions_are_remembered_and_compared_with_the_key(panel):
    c = panel.controls
    c["decision"].value = SAME          # proposed pair 1: a true duplicate
    c["next"].click()
    assert c["decision"].value == UNDECIDED
    c["decision"].value = DIFFERENT     # proposed pair 2: also a true duplicate, so a missed one
    c["next"].click()
    c["decision"].value = NOT_SURE
    c["pair"].value = 1
    assert c["decision"].value == SAME
    c["compare"].click()
    text = panel.result.value
    assert "3 pair(s) decided; 1 agree with the key" in text
    assert "1 pair(s) different that are one person" in text and "1 pair(s) marked 'not sure'" in text


def test_summary_before_any_decision_says_what_to_do(panel):
    panel.controls["compare"].click()
    assert "No pair decided yet" in panel.result.value


def test_false_merge_is_reported():
    patients = data.load("synthetic_patients")
    key = data.load("synthetic_duplicates").iloc[1:]  # an answer key without its first pair
    panel = widgets.duplicate_reviewer(patients, key)
    truth = set(zip(key["id_a"], key["id_b"]))
    found = mpi.find_duplicates(patients)
    position = next(i for i, (a, b) in enumerate(zip(found["id_a"], found["id_b"]), 1) if (a, b) not in truth)
    panel.controls["pair"].value = position
    panel.controls["decision"].value = SAME
    panel.controls["compare"].click()
    assert "You called 1 pair(s) the same person that are two people" in panel.result.value


@pytest.mark.parametrize("bad", [0, -4, 100_000])
def test_out_of_range_pair_number_shows_a_message_then_recovers(panel, bad):
    panel.controls["pair"].value = bad
    assert "Pick a pair number between 1 and" in panel.result.value and "Traceback" not in panel.result.value
    panel.controls["decision"].value = SAME  # ignored while no pair is shown
    panel.controls["pair"].value = 2
    assert "Pair 2 of" in panel.result.value


def test_an_empty_list_is_explained():
    patients = pd.DataFrame({"patient_id": ["A", "B"], "first_name": ["Ann", "Bo"], "last_name": ["Lee", "Kim"],
                             "birth_date": ["1970-01-01", "1980-02-02"]})
    panel = widgets.duplicate_reviewer(patients, pd.DataFrame({"id_a": [], "id_b": [], "error_types": []}),
                                       extract_date="2026-01-01")
    assert "no pairs in this list" in panel.result.value


def test_every_decision_option_can_be_chosen(panel):
    for option in panel.controls["decision"].options:
        panel.controls["decision"].value = option
        assert f"Your decision: <b>{option}</b>" in panel.result.value


# -- the threshold explorer (#15) ------------------------------------------------------------------
def test_threshold_explorer_shows_the_trade_off_as_the_slider_moves():
    from helpers import audit

    panel = widgets.threshold_explorer()
    slider = panel.controls["threshold"]
    assert slider.value == mpi.THRESHOLD and "the matcher's own threshold" in panel.result.value
    patients, key = data.load("synthetic_patients"), data.load("synthetic_duplicates")
    scored = mpi.find_duplicates(patients, threshold=float("-inf"))
    table = audit.threshold_table(scored, key, data.load("synthetic_lookalikes")).set_index("threshold")
    for value in (slider.min, 4, int(mpi.THRESHOLD), slider.max):
        slider.value = value
        row = table.loc[float(value)]
        text = panel.result.value
        assert f"threshold of {value}" in text and "Traceback" not in text
        assert f"<b>{int(row['proposed']):,}</b> pairs" in text
        assert f"<b>{int(row['lookalikes_merged']):,}</b> of them planted look-alikes" in text
    # lower thresholds merge more look-alikes: the danger the lesson shows
    assert table.loc[float(slider.min), "lookalikes_merged"] > table.loc[mpi.THRESHOLD, "lookalikes_merged"]


def test_threshold_explorer_on_a_table_of_its_own():
    rows = [("A1", "Ann", "Lee", "1970-01-02", "901-11-1111"), ("A2", "Ann", "Lee", "1970-01-02", "901-11-1111"),
            ("B1", "Bo", "Kim", "1980-05-06", "902-22-2222"), ("B2", "Bo", "Kim", "1980-05-06", "")]
    patients = pd.DataFrame(rows, columns=["patient_id", "first_name", "last_name", "birth_date", "ssn"])
    key = pd.DataFrame({"id_a": ["A1"], "id_b": ["A2"]})
    alike = pd.DataFrame({"id_a": ["B1"], "id_b": ["B2"], "kind": ["twin"]})
    panel = widgets.threshold_explorer(patients, key, alike, extract_date="2026-01-01")
    assert "<b>1</b> of them planted look-alikes" in panel.result.value  # B1/B2 score 10: merged at 8
    panel.controls["threshold"].value = panel.controls["threshold"].max  # 17: only A1/A2
    assert "<b>0</b> of them planted look-alikes" in panel.result.value
