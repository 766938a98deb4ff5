"""The lesson 08 data-entry checker, driven through its controls like a learner would."""
from __future__ import annotations

import datetime as dt

import pytest

from helpers import widgets


@pytest.fixture()
def checker():
    return widgets.data_entry_checker(as_of="2026-01-01")


def _rows(p):
    """Field -> 'Passes' or 'Fix', read from the result table."""
    text = p.result.value
    assert "Traceback" not in text and "Something went wrong" not in text
    out = {}
    for row in text.split("<tr>")[2:]:
        field = row.split("<b>")[1].split("</b>")[0]
        out[field] = "Passes" if "Passes" in row else "Fix"
    return out


def test_opens_with_examples_and_four_boxes(checker):
    assert set(checker.controls) == {"phone", "zip_code", "birth_date", "code"}
    assert _rows(checker) == {"Phone": "Passes", "ZIP code": "Fix", "Birth date": "Passes", "ICD-10-CM code": "Fix"}
    assert "2 of 4 entries pass" in checker.result.value


@pytest.mark.parametrize("box, typed, field, verdict, shown", [
    ("phone", "6175550101", "Phone", "Passes", "(617) 555-0101"),
    ("phone", "+1 (617) 555-0101", "Phone", "Passes", "(617) 555-0101"),
    ("phone", "617-555-O101", "Phone", "Fix", "not a digit"),
    ("phone", "555-0101", "Phone", "Fix", "has 7 digits"),
    ("zip_code", "02134", "ZIP code", "Passes", "already in the standard form"),
    ("zip_code", "02134-1234", "ZIP code", "Passes", "(1234) were cut"),
    ("zip_code", "021O4", "ZIP code", "Fix", "not 5 digits"),
    ("birth_date", "1970-03-04", "Birth date", "Passes", "1970-03-04"),
    ("birth_date", "March 4, 1970", "Birth date", "Passes", "1970-03-04"),
    ("birth_date", "12/31/2099", "Birth date", "Fix", "cannot be in the future"),
    ("birth_date", "3/4/70", "Birth date", "Fix", "two-digit year"),
    ("birth_date", "02/30/2020", "Birth date", "Fix", "not a date in a known layout"),
    ("code", "E11.9", "ICD-10-CM code", "Passes", "billable"),
    ("code", "e119", "ICD-10-CM code", "Passes", "E11.9"),
    ("code", "S62.5X0A", "ICD-10-CM code", "Fix", "not in the ICD-10-CM code set"),
    ("code", "T36.0X1", "ICD-10-CM code", "Fix", "7th character"),
])
def test_each_box(checker, box, typed, field, verdict, shown):
    checker.controls[box].value = typed
    assert _rows(checker)[field] == verdict
    assert shown in checker.result.value


@pytest.mark.parametrize("box", ["phone", "zip_code", "birth_date", "code"])
def test_strange_entries_show_messages_then_recover(checker, box):
    for typed in ["", "   ", "<script>alert(1)</script>", "ü" * 300, "0" * 50]:
        checker.controls[box].value = typed
        assert _rows(checker)  # a table, no traceback
        assert "<script>" not in checker.result.value
    checker.controls[box].value = ""
    assert "nothing entered yet" in checker.result.value
    good = {"phone": "6175550101", "zip_code": "02134", "birth_date": "1970-03-04", "code": "E11.9"}
    for name, value in good.items():
        checker.controls[name].value = value
    assert set(_rows(checker).values()) == {"Passes"}
    assert "4 of 4 entries pass" in checker.result.value


def test_bad_as_of_is_a_message_not_a_traceback():
    p = widgets.data_entry_checker(as_of="someday")
    assert "Check your entry" in p.result.value and "as_of must be a date" in p.result.value


def test_default_date_is_today():
    p = widgets.data_entry_checker()
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    p.controls["birth_date"].value = tomorrow.isoformat()
    assert _rows(p)["Birth date"] == "Fix"
    p.controls["birth_date"].value = dt.date.today().isoformat()
    assert _rows(p)["Birth date"] == "Passes"
