"""Tests for helpers.coding: ICD-10-CM validation and look-ups, ICD-10-PCS and HCPCS formats.

The code set is read once per test session (``code_set`` is cached), so these tests stay fast.
"""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import coding
from helpers.coding import (
    REASONS,
    ancestors,
    check_hcpcs_format,
    check_pcs_format,
    code_set,
    decode_pcs,
    hierarchy,
    lookup,
    normalise,
    notes,
    search,
    validate_icd10cm,
)
from helpers.coding.icd10cm import _cm

CS = code_set()
BILLABLE_CODES = list(CS.dotted[CS.kinds == 0])
ALL_CODES = list(CS.dotted)
ASCII_TEXT = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=12)


def one(code):
    """The single row validate_icd10cm returns for one input, as a dict."""
    return validate_icd10cm([code]).iloc[0].to_dict()


# --- facts from the course brief ---------------------------------------------------------------

def test_common_teaching_example_s62_5x0a_is_not_a_code():
    row = one("S62.5X0A")
    assert not row["valid"] and not row["billable"]
    assert row["reason"].startswith(REASONS["absent"])


@pytest.mark.parametrize("code", ["T36.0X1A", "U07.1"])
def test_real_codes_are_valid_and_billable(code):
    assert one(code) == {"code": code, "valid": True, "billable": True, "reason": REASONS["billable"]}


@pytest.mark.parametrize("code", ["C4A", "M1A", "Z3A", "QA0"])
def test_categories_with_a_letter_are_valid_categories_not_billable(code):
    row = one(code)
    assert row["valid"] and not row["billable"]
    assert row["reason"] == REASONS["category"]
    assert lookup(code)["level"] == "category"


def test_qa0_is_in_the_april_2026_release():
    info = lookup("QA0")
    assert info["chapter"] == "17" and info["children"] == ["QA0.0", "QA0.8"]


def test_about_74700_billable_codes():
    print(f"billable ICD-10-CM codes in the installed code set: {CS.n_billable} of {CS.n_codes}")
    assert 74_000 <= CS.n_billable <= 75_500
    assert CS.n_billable == sum(_cm().is_leaf(c) for c in ALL_CODES)


def test_a_textbook_regex_is_not_a_validator():
    # Both match ^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$; only membership tells them apart.
    assert one("S62.5X0A")["valid"] is False and one("T36.0X1A")["valid"] is True
    assert one("QA0")["valid"] is True  # a second character that is a letter


# --- validate_icd10cm: reasons, both directions -------------------------------------------------

@pytest.mark.parametrize(
    "given, code, valid, billable, reason",
    [
        ("E11.9", "E11.9", True, True, REASONS["billable"]),
        ("e119", "E11.9", True, True, REASONS["billable"]),
        ("  t36.0x1a ", "T36.0X1A", True, True, REASONS["billable"]),
        ("A33", "A33", True, True, REASONS["billable"]),  # a category with no subcodes is billable
        ("E11", "E11", True, False, REASONS["category"]),
        ("S62.5", "S62.5", True, False, REASONS["subcategory"]),
        ("T36.0X1", "T36.0X1", True, False, REASONS["seventh"]),
        ("T07", "T07", True, False, REASONS["seventh"]),
        ("B99", "B99", True, False, REASONS["category"]),  # shares its name with its one-category block
        ("A00-A09", "A00-A09", False, False, REASONS["block"]),
        (" a00-a09", "a00-a09", False, False, REASONS["block"]),
        ("1", "1", False, False, REASONS["chapter"]),
        ("", "", False, False, REASONS["empty"]),
        ("   ", "", False, False, REASONS["empty"]),
        ("A0.01", "A0.01", False, False, REASONS["dot"]),
        ("E1", "E1", False, False, REASONS["short"]),
        ("S62501AA", "S62501AA", False, False, REASONS["long"]),
        ("123", "123", False, False, REASONS["first"]),
        ("E11-9", "E11-9", False, False, REASONS["characters"]),
        ("ı10", "ı10", False, False, REASONS["characters"]),  # dotless i upper-cases to I
        ("e11.99", "e11.99", False, False, f"{REASONS['absent']} (closest parent: E11.9)"),
        ("XYZ", "XYZ", False, False, REASONS["absent"]),
    ],
)
def test_reasons(given, code, valid, billable, reason):
    assert one(given) == {"code": code, "valid": valid, "billable": billable, "reason": reason}


@pytest.mark.parametrize("missing", [None, np.nan, float("nan"), pd.NA])
def test_missing_values_are_invalid_with_a_reason(missing):
    row = one(missing)
    assert (row["valid"], row["billable"], row["reason"]) == (False, False, REASONS["missing"])
    assert pd.isna(row["code"])


@pytest.mark.parametrize("value, kind", [(5, "int"), (3.5, "float"), (True, "bool"), (b"E11.9", "bytes")])
def test_values_that_are_not_text_are_invalid_with_a_reason(value, kind):
    row = one(value)
    assert not row["valid"] and row["reason"] == f"not text (got {kind})" and row["code"] == str(value)


def test_an_untouched_exercise_answer_says_what_to_do_not_ellipsis():
    row = one(...)
    assert not row["valid"] and row["code"] == "(none yet)" and "replace ... with a code" in row["reason"]
    assert "Ellipsis" not in validate_icd10cm([..., "E11.9"]).to_string()


def test_input_containers_and_order():
    codes = ["E11.9", "bad", None, "M1A"]
    expected = validate_icd10cm(codes)
    assert list(expected.columns) == ["code", "valid", "billable", "reason"]
    assert expected.valid.tolist() == [True, False, False, True]
    for container in (tuple(codes), np.array(codes, dtype=object), pd.Index(codes, dtype=object)):
        pd.testing.assert_frame_equal(validate_icd10cm(container), expected)
    series = pd.Series(codes, index=[10, 30, 20, 0])
    got = validate_icd10cm(series)
    assert got.index.tolist() == [10, 30, 20, 0]
    assert got.reset_index(drop=True).equals(expected)
    assert validate_icd10cm("E11.9").shape == (1, 4)
    strided = validate_icd10cm(np.array(["E11.9", "x", "M1A", "y"])[::2])
    assert strided.code.tolist() == ["E11.9", "M1A"]


def test_empty_input_gives_an_empty_frame_with_typed_columns():
    df = validate_icd10cm([])
    assert df.shape == (0, 4)
    assert df.valid.dtype == bool and df.billable.dtype == bool


@pytest.mark.parametrize(
    "bad, words",
    [
        ({"a": "E11.9"}, "dict"),
        ({"E11.9"}, "set has no order"),
        (pd.DataFrame({"code": ["E11.9"]}), "df['code']"),
        (119, "int"),
        ((c for c in ["E11.9"]), "generator"),
    ],
)
def test_other_containers_are_rejected_with_a_clear_error(bad, words):
    with pytest.raises(TypeError, match="validate_icd10cm") as err:
        validate_icd10cm(bad)
    assert words in str(err.value)


def test_two_dimensional_arrays_are_rejected():
    with pytest.raises(ValueError, match="one-dimensional"):
        validate_icd10cm(np.array([["E11.9", "M1A"]]))


def test_agrees_with_simple_icd_10_cm_except_headings():
    cm = _cm()
    rng = np.random.default_rng(1)
    sample = list(rng.choice(cm.get_all_codes(), 3000, replace=False)) + ["S62.5X0A", "A00-A09", "22", "XYZ"]
    ours = validate_icd10cm(sample)
    theirs_valid = np.array([cm.is_valid_item(c) for c in sample])
    headings = np.array([cm.is_chapter(c) or (cm.is_block(c) and not cm.is_category(c)) for c in sample])
    assert headings.sum() > 0
    assert (ours.valid.to_numpy() == (theirs_valid & ~headings)).all()
    leaf = np.array([cm.is_valid_item(c) and cm.is_leaf(c) for c in sample])
    assert (ours.billable.to_numpy() == (leaf & ~headings)).all()


def test_normalise():
    assert normalise(" t360x1a ") == "T36.0X1A" and normalise("c4a") == "C4A" and normalise("a00.") == "A00"
    with pytest.raises(TypeError, match="text"):
        normalise(None)


# --- property tests ------------------------------------------------------------------------------

@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=10), st.none(), st.integers(), st.floats()), max_size=30))
def test_any_input_gives_one_row_each_in_order_with_a_reason(values):
    df = validate_icd10cm(values)
    assert len(df) == len(values) and df.index.tolist() == list(range(len(values)))
    assert df.reason.map(lambda r: isinstance(r, str) and r != "").all()
    assert not (df.billable & ~df.valid).any()
    # Order: validating the reversed list gives the same rows, reversed.
    backwards = validate_icd10cm(values[::-1]).iloc[::-1].reset_index(drop=True)
    pd.testing.assert_frame_equal(backwards, df)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=12))
def test_any_single_text_gives_one_row(text):
    df = validate_icd10cm(text)
    assert df.shape == (1, 4) and df.reason[0]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ALL_CODES), st.sampled_from(["", " ", "\t", "  "]), st.booleans(),
                          st.booleans()), min_size=1, max_size=20))
def test_case_dot_and_spaces_do_not_change_a_valid_code(cases):
    codes, messy = [], []
    for code, pad, lower, drop_dot in cases:
        text = code.lower() if lower else code
        text = text.replace(".", "") if drop_dot else text
        codes.append(code)
        messy.append(pad + text + pad)
    expected = validate_icd10cm(codes)
    assert expected.valid.all()
    pd.testing.assert_frame_equal(validate_icd10cm(messy), expected)


@settings(max_examples=100, deadline=None)
@given(ASCII_TEXT)
def test_case_and_surrounding_spaces_do_not_change_validity(text):
    df = validate_icd10cm([text, text.lower(), text.upper(), f"  {text} ", text.swapcase()])
    assert df.valid.nunique() == 1 and df.billable.nunique() == 1


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(ALL_CODES), min_size=1, max_size=50))
def test_a_valid_code_validates_to_itself(codes):
    df = validate_icd10cm(codes)
    assert df.code.tolist() == codes
    pd.testing.assert_frame_equal(validate_icd10cm(df.code), df)


# --- look-ups --------------------------------------------------------------------------------------

def test_lookup():
    info = lookup(" t36.0x1a")
    assert info["code"] == "T36.0X1A" and info["billable"] and info["level"] == "code with 7th character"
    assert info["parent"] == "T36.0X1" and info["children"] == []
    assert info["block"] == "T36-T50" and info["chapter"] == "19"
    assert "Poisoning by penicillins" in info["description"]
    assert lookup("E11")["parent"] is None and "E11.9" in lookup("E11")["children"]
    assert lookup("B99")["block_description"] == "Other infectious diseases (B99)"


@pytest.mark.parametrize("func", [lookup, ancestors, hierarchy, notes])
@pytest.mark.parametrize(
    "bad, reason", [("S62.5X0A", "not in the ICD-10-CM code set"), ("A00-A09", "block"), ("", "empty")]
)
def test_look_ups_reject_what_is_not_a_code(func, bad, reason):
    with pytest.raises(ValueError, match=reason):
        func(bad)


@pytest.mark.parametrize("func", [lookup, ancestors, hierarchy, notes])
def test_look_ups_reject_what_is_not_text(func):
    with pytest.raises(TypeError, match="as text"):
        func(["E11.9"])


def test_ancestors_and_hierarchy():
    assert ancestors("T36.0X1A") == ["T36.0X1", "T36.0X", "T36.0", "T36"]
    assert ancestors("M1A") == []
    h = hierarchy("E11.9")
    assert h.level.tolist() == ["chapter", "block", "category", "subcategory"]
    assert h.code.tolist() == ["4", "E08-E13", "E11", "E11.9"]


def test_notes():
    e11 = notes("e11")
    assert "type 1 diabetes mellitus (E10.-)" in e11["excludes1"]
    assert "diabetes NOS" in e11["includes"]
    assert "insulin (Z79.4)" in e11["use_additional_code"]
    assert e11["seventh_characters"] == {} and e11["seventh_character_note"] == ""
    s62 = notes("S62.501A")
    assert s62["seventh_characters"]["A"] == "initial encounter for closed fracture"
    assert "S62" in s62["seventh_character_note"]
    assert set(notes("U07.1")) == set(e11)


def test_search():
    found = search("Type 2 DIABETES without complications")
    assert "E11.9" in found.code.tolist()
    assert found.description.str.lower().str.contains("diabetes").all()
    assert search("diabetes zebra").empty  # every word must match
    assert len(search("thumb fracture", limit=5)) == 5 and len(search("thumb fracture", limit=None)) > 100
    assert search(["merkel", "carcinoma"], limit=1).code.tolist() == ["C4A"]
    assert search("thumb fracture", limit=50, billable_only=True).billable.all()
    assert not search("fract thumb").empty and search("racture thumb").empty  # words match from their start


@pytest.mark.parametrize("words, limit, error", [("", 20, ValueError), ("  ", 20, ValueError), (5, 20, TypeError),
                                                  ("asthma", 0, ValueError), ("asthma", 2.5, ValueError),
                                                  ("asthma", True, ValueError)])
def test_search_rejects_bad_input(words, limit, error):
    with pytest.raises(error):
        search(words, limit=limit)


# --- ICD-10-PCS -----------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["0LB50ZZ", " 0lb50zz ", "0DTJ4ZZ", "0UT9FZZ", "XW033E5", "B2111ZZ"])
def test_pcs_format_accepts_seven_of_the_34_characters(code):
    check = check_pcs_format(code)
    assert check and check.ok and check.code == code.strip().upper()


@pytest.mark.parametrize(
    "code, reason",
    [
        ("0LB.50ZZ", "has a dot"),
        ("0LB50Z", "has 6 characters"),
        ("0LB50ZZZ", "has 8 characters"),
        ("0LB5OZZ", "letter O"),
        ("0LBI0ZZ", "letter I"),
        ("0LB5-ZZ", "contains '-'"),
        ("", "empty"),
    ],
)
def test_pcs_format_rejects_wrong_shapes(code, reason):
    check = check_pcs_format(code)
    assert not check and reason in check.reason


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=coding.PCS_CHARACTERS, min_size=7, max_size=7))
def test_any_seven_allowed_characters_pass_the_pcs_format(code):
    assert check_pcs_format(code).ok


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=10))
def test_pcs_format_never_raises_on_text_and_rejects_i_and_o(text):
    check = check_pcs_format(text)
    assert isinstance(check.reason, str)
    if "I" in text.upper() or "O" in text.upper():
        assert not check.ok


def test_decode_pcs_medical_and_surgical():
    df = decode_pcs("0LB50ZZ")
    assert df.axis.tolist() == ["Section", "Body System", "Root Operation", "Body Part", "Approach", "Device",
                                "Qualifier"]
    assert df.character.tolist() == list("0LB50ZZ")
    assert df.meaning.tolist() == ["Medical and Surgical", "meaning not shipped", "Excision", "meaning not shipped",
                                   "Open", "No Device", "No Qualifier"]
    assert decode_pcs("0DTJ4ZZ").meaning[2:5].tolist() == ["Resection", "meaning not shipped",
                                                           "Percutaneous Endoscopic"]
    assert decode_pcs("0UT9FZZ").meaning[4].startswith("Via Natural or Artificial Opening With")
    assert decode_pcs("0LB50ZX").meaning[6] == "meaning not shipped"
    assert len(coding.ROOT_OPERATIONS) == 31 and len(coding.APPROACHES) == 7


@pytest.mark.parametrize(
    "code, message",
    [
        ("0LB5OZZ", "not an ICD-10-PCS code: uses the letter O"),
        ("B2111ZZ", "only the Medical and Surgical section"),
        ("0LA50ZZ", "'A' is not a root operation"),
        ("0LB51ZZ", "'1' is not an approach"),
    ],
)
def test_decode_pcs_rejects_what_it_cannot_decode(code, message):
    with pytest.raises(ValueError, match=message):
        decode_pcs(code)


# --- HCPCS Level II -------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["J1100", " e0114", "a0428 ", "G0008"])
def test_hcpcs_format_accepts_one_letter_and_four_digits(code):
    assert check_hcpcs_format(code).ok


@pytest.mark.parametrize(
    "code, reason",
    [
        ("00000", "looks like a CPT code: the course ships no CPT codes"),
        ("0001F", "looks like a CPT code (four digits and a letter)"),
        ("J110", "has 4 characters"),
        ("J11000", "has 6 characters"),
        ("JJ100", "the last four characters must be digits"),
        ("J 100", "other than letters and digits"),
        ("J1١00", "other than letters and digits"),  # an Arabic-Indic digit
        ("", "empty"),
    ],
)
def test_hcpcs_format_rejects_wrong_shapes(code, reason):
    check = check_hcpcs_format(code)
    assert not check and reason in check.reason


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=8))
def test_hcpcs_format_never_raises_on_text(text):
    check = check_hcpcs_format(text)
    shape_ok = (len(t := text.strip().upper()) == 5 and t[0] in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                and all(c in "0123456789" for c in t[1:]))
    assert check.ok == shape_ok


@pytest.mark.parametrize("func", [check_pcs_format, check_hcpcs_format, decode_pcs])
@pytest.mark.parametrize("bad", [None, 1234567, ["0LB50ZZ"]])
def test_procedure_checks_reject_what_is_not_text(func, bad):
    with pytest.raises(TypeError, match="as text"):
        func(bad)


# --- house rules -----------------------------------------------------------------------------------

def test_importing_the_module_does_not_load_the_code_set():
    code = "import sys, helpers, helpers.coding; print('simple_icd_10_cm' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_public_names():
    for name in coding.__all__:
        assert getattr(coding, name) is not None


def test_seventh_characters_differ_by_category_and_lesson_05_says_so():
    """A/D/S for injuries, more letters for fractures, digits for the fetus in obstetric categories."""
    from pathlib import Path
    import nbformat
    fracture = set(coding.notes("S62.5")["seventh_characters"])
    assert {"A", "B", "D", "G", "K", "P", "S"} <= fracture and fracture != {"A", "D", "S"}
    fetus = set(coding.notes("O32")["seventh_characters"])
    assert {"0", "1", "5", "9"} <= fetus and not any(c.isalpha() for c in fetus)
    assert set(coding.notes("T36.0X1A")["seventh_characters"]) == {"A", "D", "S"}
    nb = nbformat.read(Path(__file__).parents[1] / "notebooks" / "05-coding-systems.ipynb", as_version=4)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for word in ("nonunion", "malunion", "fetus", "`K`", "`P`", "`9`"):
        assert word in prose, word
