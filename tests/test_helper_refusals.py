"""Helpers refuse obviously wrong input with their own sentence, never a pandas/NumPy/KeyError (issue #14)."""
import math
import time

import numpy as np
import pandas as pd
import pytest

from helpers import inputs, mpi, release, standardize, stats, synth, terms


def refused(call, *words):
    """The call raises ValueError (nothing else) and its message holds every one of ``words``."""
    with pytest.raises(ValueError) as err:
        call()
    assert type(err.value).__module__ == "builtins" or type(err.value).__module__.startswith("helpers")
    for word in words:
        assert word in str(err.value), (word, str(err.value))
    return str(err.value)


# --- release -----------------------------------------------------------------------------------------

def test_retention_years_of_an_unknown_rule_lists_the_rules_and_suggests_one():
    msg = refused(lambda: release.retention_years("ahima_adlt"), "'ahima_adlt' is not a row of retention_periods",
                  "Did you mean 'ahima_adult'?", "ahima_minor", "medicare_hospital")
    assert "KeyError" not in msg
    assert release.retention_years(" ahima_adult ") == release.retention_years("ahima_adult") > 0


@pytest.mark.parametrize("rule", [None, ["ahima_adult"], 7, "zzzz"])
def test_retention_rules_that_are_not_text_or_unknown_are_refused(rule):
    msg = refused(lambda: release.retention_years(rule), "is not a row of retention_periods", "Use one of:")
    assert ("not text" in msg) == (not isinstance(rule, str))
    assert "Did you mean" not in msg
    refused(lambda: release.retention_until("2020-01-01", rule=rule), "is not a row of retention_periods")


@pytest.mark.parametrize("purpose, words", [
    (["payment"], "(list, not text)"), ("paymnt", "Did you mean 'payment'?"), (None, "(NoneType, not text)"),
])
def test_minimum_necessary_refuses_a_purpose_that_is_not_one(purpose, words):
    refused(lambda: release.minimum_necessary(purpose), "is not a purpose in minimum_necessary", words)


@pytest.mark.parametrize("specified", [5, "synthetic_encounters.admit_date", [], None])
def test_minimum_necessary_needs_a_list_of_columns_for_an_authorization(specified):
    refused(lambda: release.minimum_necessary("authorization", specified), "pass specified=[...]")
    assert len(release.minimum_necessary("authorization", ("synthetic_encounters.admit_date",))) == 1


@pytest.mark.parametrize("seed, words", [("x", "seed must be a whole number"), (-1, "seed must be at least 0"),
                                         (1.5, "seed must be a whole number")])
def test_request_log_refuses_a_seed_numpy_cannot_use(seed, words):
    refused(lambda: release.request_log(5, seed=seed), words)
    assert len(release.request_log(5, seed=0)) == 5


# --- mpi ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def patients():
    return synth.make_records(60, seed=3).patients


@pytest.mark.parametrize("threshold, words", [
    (None, "threshold must be a number such as 8, not a missing value (None)"),
    ("8", "not the text '8'"), ("x", "not the text 'x'"), (float("nan"), "NaN"), (True, "not True"),
    ([8], "not [8]"), (40, "from -20 to 18; got 40"), (-21, "from -20 to 18"), (float("inf"), "got inf"),
])
def test_find_duplicates_refuses_a_threshold_that_is_not_a_score(patients, threshold, words):
    msg = refused(lambda: mpi.find_duplicates(patients, threshold=threshold), words)
    assert "ufunc" not in msg and "NoneType" not in msg


def test_find_duplicates_accepts_every_score_and_minus_infinity(patients):
    every = mpi.find_duplicates(patients, threshold=float("-inf"))
    assert len(mpi.find_duplicates(patients, threshold=mpi.LOWEST)) <= len(every)
    assert len(mpi.find_duplicates(patients, threshold=np.float64(8))) == len(mpi.find_duplicates(patients))
    assert mpi.find_duplicates(patients, threshold=mpi.HIGHEST)["score"].eq(mpi.HIGHEST).all()
    assert (mpi.LOWEST, mpi.HIGHEST) == (-20, 18)


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, "", "  ", "123"])
def test_soundex_of_a_missing_name_is_empty_never_n500(missing):
    assert mpi.soundex(missing) == "" and mpi.nickname_roots(missing) == ()


@pytest.mark.parametrize("bad", [5, 3.5, ["Robert"], b"Robert"])
def test_soundex_refuses_a_value_that_is_not_text(bad):
    refused(lambda: mpi.soundex(bad), "soundex needs a name as text, such as 'Robert'")
    refused(lambda: mpi.nickname_roots(bad), "nickname_roots needs a name as text")
    assert mpi.soundex("None") == "N500"  # the word None is a name like any other: only the value None is missing


# --- terms ---------------------------------------------------------------------------------------------

def test_a_ten_thousand_letter_word_is_refused_at_once_with_a_message():
    start = time.perf_counter()
    msg = refused(lambda: terms.decompose("A" * 10_000), "10,000 letters", f"at most {terms.MAX_LETTERS} letters")
    assert time.perf_counter() - start < 0.5 and len(msg) < 200
    assert list(terms.decompose("p" * terms.MAX_LETTERS)["kind"]) == ["unknown"]  # the longest allowed is read


def test_splitting_grows_linearly_with_the_length_of_the_word():
    """The split itself no longer copies its list of pieces at every letter (it was quadratic: 7 s for 10,000)."""
    from helpers.terms import _best_split

    _best_split("cardiology")  # the word-part table is read once
    start = time.perf_counter()
    pieces = _best_split("a" * 10_000)
    assert time.perf_counter() - start < 2.0 and "".join(p["piece"] for p in pieces) == "a" * 10_000


def test_long_odd_terms_are_shown_cut_in_messages():
    msg = refused(lambda: terms.decompose("1" + "a" * 5000), "contains digits", "...")
    assert len(msg) < 250


# --- stats ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, words", [
    (pd.DataFrame({"service_days": [100]}), "not a whole table: pick the column"),
    ([[100, 200], [300, 400]], "not a nested list (shape (2, 2))"),
    (10**400, "too large to count with"),
])
def test_census_refuses_tables_nested_lists_and_huge_numbers(value, words):
    refused(lambda: stats.average_daily_census(value, 30), "service_days", words)
    assert stats.average_daily_census(pd.Series([300, 600]), 30).tolist() == [10.0, 20.0]


# --- standardize ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("call, words", [
    (lambda: standardize.standardize_phone(pd.DataFrame({"phone": ["6175550101"]})), "not a whole DataFrame"),
    (lambda: standardize.standardize_phone({"phone": "6175550101"}), "not a whole dict"),
    (lambda: standardize.standardize_zip(["02134"], states=5), "states needs a list or column"),
    (lambda: standardize.standardize_zip(["02134"], states="MA"), "states needs a list or column"),
    (lambda: standardize.standardize_name(None), "patients['last_name']"),
    (lambda: standardize.standardize_date(20240101), "patients['birth_date']"),
])
def test_standardize_refuses_tables_dicts_and_single_values(call, words):
    refused(call, words)
    assert standardize.standardize_zip(["2134"], states=["MA"])["status"].tolist() == ["flagged"]


# --- the shared checks -----------------------------------------------------------------------------------

def test_number_and_one_of():
    assert inputs.number(-math.inf, "t", -20, 18, allow=(-math.inf,)) == -math.inf
    refused(lambda: inputs.number(-math.inf, "t", -20, 18), "t must be from -20 to 18")
    refused(lambda: inputs.number(np.nan, "t"), "NaN")
    assert inputs.number(np.int64(3), "t", 0) == 3.0
    refused(lambda: inputs.one_of("x" * 500, ["a"], "rule"), "is not a rule")
    assert len(refused(lambda: inputs.one_of("x" * 500, ["a"], "rule"))) < 120
