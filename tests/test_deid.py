"""helpers.deid.safe_harbor: no identifier value survives; ZIPs, dates and ages are generalized as the rule says."""
import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import data
from helpers.deid import ACTIONS, RESTRICTED_ZIP3, declared_columns, safe_harbor, safe_harbor_report
from helpers.synth import make_records

KEPT = {None, "code"}


@pytest.fixture(scope="module")
def extract():
    return make_records(2000, seed=11)


GENERALIZED = {"zip3": r"\d{3}", "age": r"\d{1,2}|90\+"}


def leaks(before: pd.DataFrame, after: pd.DataFrame) -> set[str]:
    """Identifier values of ``before`` found in any cell of ``after`` (compared as text).

    A value that ``before`` also holds in a column that is not an identifier (a middle
    initial "M" and the sex "M") gives nothing away. Generalized columns (ZIP3, years,
    age) are checked by their form instead: three digits, a year, an age or "90+".
    """
    kinds = declared_columns()
    secret, public = set(), set()
    for column in before.columns:
        values = set(before[column].dropna().astype(str))
        if kinds.get(column) in KEPT:
            public |= values
        else:
            secret |= values
    cells = set()
    for column in after.columns:
        values = after[column].dropna().astype(str)
        if column in GENERALIZED:
            assert values.str.fullmatch(GENERALIZED[column]).all(), column
        elif column.endswith("_year"):
            assert values.str.fullmatch(r"(19|20|21)\d\d").all(), column
        else:
            cells |= set(values)
    return (secret - public) & cells


@pytest.mark.parametrize("table", ["patients", "encounters", "diagnoses"])
def test_no_identifier_value_survives_in_any_cell(extract, table):
    before = getattr(extract, table)
    after = safe_harbor(before)
    assert leaks(before, after) == set()
    dropped = {c for c in before.columns if declared_columns().get(c) not in KEPT}
    assert not dropped & set(after.columns)
    assert len(after) == len(before) and after.index.equals(before.index)


def test_the_leak_check_finds_identifiers_left_in(extract):
    """The check above can fail: the raw table, or an output with a name copied back, leaks."""
    raw = extract.patients
    assert leaks(raw, raw)
    after = safe_harbor(raw)
    after["note"] = raw["last_name"]
    assert leaks(raw, after) == set(raw["last_name"].dropna())


def test_the_committed_sample_deidentifies_as_loaded():
    patients = data.load("synthetic_patients")  # dates and ZIPs arrive as text
    out = safe_harbor(patients)
    assert list(out.columns) == ["patient_id", "sex", "birth_year", "age", "state", "zip3"]
    assert leaks(patients, out) == set()
    encounters = safe_harbor(data.load("synthetic_encounters"))
    assert {"admit_year", "discharge_year"} <= set(encounters.columns)
    assert encounters["admit_year"].dropna().between(2023, 2025).all()


def test_every_identifier_column_of_the_sample_is_declared():
    kinds = declared_columns()
    for column in ("first_name", "middle_name", "last_name", "address", "city", "phone", "email", "ssn", "mrn",
                   "insurance_id", "zip", "birth_date", "admit_date", "discharge_date"):
        assert kinds[column] not in KEPT, column
    assert kinds["state"] is None and kinds["patient_id"] == "code"


# --- ZIP codes -------------------------------------------------------------------------------------

def test_restricted_zip3_become_000_and_others_keep_three_digits():
    zips = ["03601", "05901", "89301", "02134", "10001", "02134-1234", "2134", "ABCDE", None]
    out = safe_harbor(pd.DataFrame({"zip": zips}))
    assert out["zip3"].tolist()[:6] == ["000", "000", "000", "021", "100", "021"]
    assert out["zip3"].iloc[6:].isna().all()  # not a ZIP: blanked, not guessed
    assert "2 value(s) not a ZIP code" in safe_harbor_report(out).loc[0, "note"]


@settings(max_examples=60, deadline=None)
@given(st.from_regex(r"\A[0-9]{5}\Z"))
def test_zip3_property(zip_code):
    got = safe_harbor(pd.DataFrame({"zip": [zip_code]}))["zip3"].iloc[0]
    assert got == ("000" if zip_code[:3] in RESTRICTED_ZIP3 else zip_code[:3])


def test_generated_extract_has_restricted_zips_and_they_become_000(extract):
    restricted = extract.patients["zip"].str[:3].isin(RESTRICTED_ZIP3) & extract.patients["zip"].str.fullmatch(r"\d{5}")
    assert restricted.sum() > 10
    assert (safe_harbor(extract.patients).loc[restricted, "zip3"] == "000").all()


# --- dates and ages --------------------------------------------------------------------------------

def test_ages_over_89_are_grouped_and_their_year_withheld():
    born = ["1936-01-01", "1936-01-02", "1900-06-30", "1980-07-04", "2026-03-01", None]
    out = safe_harbor(pd.DataFrame({"birth_date": born}), extract_date="2026-01-01")
    assert out["age"].tolist()[:4] == ["90+", "89", "90+", "45"]
    assert out["birth_year"].tolist()[:4] == [pd.NA, 1936, pd.NA, 1980]
    assert out["age"].iloc[4:].isna().all() and out["birth_year"].iloc[4] == 2026  # born after as_of: no age
    assert "2 age(s) over 89" in safe_harbor_report(out).loc[0, "note"]


@settings(max_examples=80, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)),
       st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_age_property(born, as_of):
    out = safe_harbor(pd.DataFrame({"birth_date": [pd.Timestamp(born)]}), extract_date=as_of)
    age = as_of.year - born.year - ((as_of.month, as_of.day) < (born.month, born.day))
    assert out["age"].iloc[0] == ("90+" if age > 89 else str(age))
    assert (out["birth_year"].iloc[0] is pd.NA) == (age > 89)


def test_dates_become_years_and_other_columns_stay(extract):
    out = safe_harbor(extract.encounters)
    assert out["admit_year"].equals(extract.encounters["admit_date"].dt.year.astype("Int64"))
    assert out["los_days"].equals(extract.encounters["los_days"])
    assert "admit_date" not in out and "discharge_date" not in out


# --- unknown, missing and wrong columns --------------------------------------------------------------

def test_unknown_columns_are_dropped_by_default_kept_by_name_or_refused():
    frame = pd.DataFrame({"state": ["MA"], "nickname": ["Bo"]})
    dropped = safe_harbor(frame)
    assert list(dropped.columns) == ["state"]
    report = safe_harbor_report(dropped).set_index("column")
    assert report.loc["nickname", "action"].startswith("dropped: not described")
    assert "keep=[...]" in report.loc["nickname", "action"] and report.loc["state", "action"] == "kept: not an identifier"
    kept = safe_harbor(frame, keep=["nickname"])
    assert list(kept.columns) == ["state", "nickname"]
    assert "caller's word" in safe_harbor_report(kept).set_index("column").loc["nickname", "action"]
    everything = safe_harbor(frame, unknown="keep")
    assert "NOT CHECKED" in safe_harbor_report(everything).set_index("column").loc["nickname", "action"]
    with pytest.raises(ValueError, match="'nickname'"):
        safe_harbor(frame, unknown="error")
    assert list(safe_harbor(frame, unknown="error", keep=["nickname"]).columns) == ["state", "nickname"]


def test_an_unknown_column_holding_birth_dates_and_phones_is_dropped_unless_named():
    frame = pd.DataFrame({"patient_id": ["P1", "P2"], "value": ["1950-02-03", "(603) 555-0142"]})
    out = safe_harbor(frame)
    assert "value" not in out.columns
    cells = set(out.astype(str).to_numpy().ravel())
    assert not cells & {"1950-02-03", "(603) 555-0142"}
    assert safe_harbor_report(out).set_index("column").loc["value", "output"] == ""
    named = safe_harbor(frame, keep=("value",))
    assert named["value"].tolist() == ["1950-02-03", "(603) 555-0142"]  # the caller's word, and the report says so
    assert safe_harbor_report(named).set_index("column").loc["value", "output"] == "value"


def test_the_defects_table_value_column_does_not_survive(extract):
    assert "value" in extract.defects.columns
    out = safe_harbor(extract.defects)
    assert "value" not in out.columns
    assert "value" in set(safe_harbor_report(out)["column"])
    vouched = safe_harbor(extract.defects, keep=["table", "row_id", "column", "kind"])
    assert list(vouched.columns) == ["table", "row_id", "column", "kind"]  # the free-text value still goes


def test_keep_cannot_rescue_a_declared_identifier_or_take_a_string():
    frame = pd.DataFrame({"ssn": ["912-00-1234"], "state": ["NH"]})
    with pytest.raises(ValueError, match="'ssn'"):
        safe_harbor(frame, keep=["ssn"])
    with pytest.raises(ValueError, match="list of column names"):
        safe_harbor(frame, keep="state")


def test_the_generator_call_does_not_travel_with_the_result(extract):
    before = extract.patients
    notes = {k: v for k, v in before.attrs.items() if "seed" in str(v)}
    assert notes, "the synthetic table should name its generator call (else this test proves nothing)"
    out = safe_harbor(before)
    assert not any("seed" in str(v) for k, v in out.attrs.items() if k != "safe_harbor_report")
    assert set(out.attrs) <= {"extract_date", "synthetic", "safe_harbor_report"}


def test_a_table_without_some_expected_columns_is_fine():
    out = safe_harbor(pd.DataFrame({"state": ["NH"], "last_name": ["Doe"]}))
    assert list(out.columns) == ["state"]
    assert safe_harbor_report(out)["action"].tolist() == ["kept: not an identifier", "dropped"]


def test_columns_mapping_for_other_tables():
    frame = pd.DataFrame({"visit": ["2024-05-01"], "plate": ["ABC123"], "ward": ["3B"]})
    out = safe_harbor(frame, columns={"visit": "dates", "plate": "vehicle", "ward": None})
    assert out.to_dict("list") == {"visit_year": [2024], "ward": ["3B"]}


@pytest.mark.parametrize("frame, kwargs, named", [
    (pd.DataFrame({"zip": [2134, 3601]}), {}, "'zip'"),
    (pd.DataFrame({"admit_date": [20240501]}), {}, "'admit_date'"),
    (pd.DataFrame({"birth_date": [1.5]}), {}, "'birth_date'"),
    (pd.DataFrame({"state": ["MA"]}), {"unknown": "ignore"}, "unknown"),
    (pd.DataFrame({"state": ["MA"]}), {"extract_date": "soon"}, "extract_date"),
    (pd.DataFrame({"x": ["1"]}), {"columns": {"x": "secret"}}, "'x'"),
    ([{"zip": "02134"}], {}, "DataFrame"),
])
def test_wrong_input_names_what_is_wrong(frame, kwargs, named):
    with pytest.raises(ValueError, match=named):
        safe_harbor(frame, **kwargs)


def test_report_has_one_row_per_input_column_and_every_action_is_described(extract):
    out = safe_harbor(extract.patients)
    report = safe_harbor_report(out)
    assert report["column"].tolist() == list(extract.patients.columns)
    assert set(report["identifier"]) - {""} <= set(ACTIONS)
    assert out.attrs["synthetic"] is True  # the input's notice travels with the result
    with pytest.raises(ValueError, match="no Safe Harbor report"):
        safe_harbor_report(extract.patients)
