"""helpers.inputs: each shared check lets good input through and explains plausible bad input."""
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from helpers.inputs import as_date, extract_date_of, require_frame, share, whole_number


# -- require_frame ---------------------------------------------------------------------------
def test_require_frame_passes_a_table_with_its_columns():
    table = pd.DataFrame({"unit": ["ICU"], "beds": [4]})
    assert require_frame(table, "The census table", ["unit", "beds"]) is table
    assert require_frame(table.iloc[:0], "The census table", ["unit"]).empty  # empty is fine unless refused


@pytest.mark.parametrize("value, kwargs, words", [
    ([1, 2], {}, "The census table must be a pandas DataFrame; got list"),
    ({"unit": ["ICU"]}, {}, "got dict"),
    (pd.DataFrame({"unit": ["ICU"]}), {"columns": ["unit", "beds"]}, r"has no column 'beds'; it needs unit, beds \(it has unit\)"),
    (pd.DataFrame({"unit": []}), {"allow_empty": False}, r"is empty \(no rows\)"),
    ([1], {"hint": "Load it with data.load('x')."}, r"Load it with data.load\('x'\)"),
])
def test_require_frame_explains(value, kwargs, words):
    with pytest.raises(ValueError, match=words):
        require_frame(value, "The census table", **kwargs)


# -- whole_number ----------------------------------------------------------------------------
@pytest.mark.parametrize("value", [0, 7, np.int64(12)])
def test_whole_number_passes(value):
    assert whole_number(value, "seed") == int(value) and type(whole_number(value, "seed")) is int


@pytest.mark.parametrize("value, minimum, words", [
    (2.5, 0, "n must be a whole number such as 20, not 2.5"),
    (True, 0, "n must be a whole number such as 20, not True"),
    ("3", 0, "not '3'"),
    (None, 0, "not None"),
    (0, 1, "n must be at least 1; got 0"),
    (-3, 0, "n must be at least 0; got -3"),
])
def test_whole_number_explains(value, minimum, words):
    with pytest.raises(ValueError, match=words):
        whole_number(value, "n", minimum)


def test_whole_number_example_is_the_callers():
    with pytest.raises(ValueError, match="such as 2000"):
        whole_number(1.5, "n_patients", 1, example=2000)


# -- share -----------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [0, 0.08, 1, np.float64(0.5)])
def test_share_passes(value):
    assert share(value, "rate") == float(value)


@pytest.mark.parametrize("value", [8, -0.1, 1.01, float("nan"), True, "5%", None])
def test_share_explains(value):
    with pytest.raises(ValueError, match=r"rate must be a share between 0 and 1 \(0.1 means 10%\)"):
        share(value, "rate")


# -- as_date ---------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [
    "2026-01-01", " 2026-01-01 ", dt.date(2026, 1, 1), dt.datetime(2026, 1, 1, 15, 30), pd.Timestamp("2026-01-01 08:00"),
    np.datetime64("2026-01-01"), pd.Timestamp("2026-01-01 23:00", tz="US/Eastern"),
])
def test_as_date_accepts_every_kind_of_date(value):
    assert as_date(value, "extract_date") == pd.Timestamp("2026-01-01")


@pytest.mark.parametrize("value, words", [
    (2026, r"not 2026 \(a number\)"),
    (2026.0, r"not 2026.0 \(a number\)"),
    (np.int64(2026), r"\(a number\)"),
    (True, r"not True \(True/False\)"),
    ("soon", "not 'soon'"),
    ("01/02/2026", "year-month-day"),
    ("2026-02-30", "not a day on the calendar"),
    (None, "not a missing value"),
    (pd.NaT, "not a day on the calendar"),
    ([2026, 1, 1], r"\(list\)"),
])
def test_as_date_refuses_what_is_not_a_date(value, words):
    with pytest.raises(ValueError, match="extract_date must be a date such as '2026-01-01'") as err:
        as_date(value, "extract_date")
    assert err.match(words)


# -- extract_date_of -------------------------------------------------------------------------
def _dated(day="2026-01-01"):
    table = pd.DataFrame({"x": [1]})
    table.attrs["extract_date"] = day
    return table


def test_extract_date_of_follows_the_rule():
    assert extract_date_of("2025-06-30", _dated()) == pd.Timestamp("2025-06-30")  # the argument first
    assert extract_date_of(None, _dated()) == pd.Timestamp("2026-01-01")  # then the table's
    assert extract_date_of(None, pd.DataFrame(), _dated("2024-05-05")) == pd.Timestamp("2024-05-05")  # any table's


def test_extract_date_of_explains_a_missing_or_bad_date():
    with pytest.raises(ValueError, match=r"extract_date is needed .* pass it, e.g. extract_date='2026-01-01'"):
        extract_date_of(None, pd.DataFrame())
    with pytest.raises(ValueError, match="extract_date must be a date"):
        extract_date_of(2026, _dated())
    with pytest.raises(ValueError, match=r"attrs\['extract_date'\] must be a date"):
        extract_date_of(None, _dated(2026))
