"""helpers.release and lesson 10's course data: the synthetic request log, deadlines, retention, minimum necessary.

Periods are always read from the course data in these tests, never typed: a test that
hard-coded the rule's days would pass even if the module ignored the table.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import charts, data, deid, release
from helpers.checks.workbooks import workbook

lesson10 = workbook("10")

PERIODS = release.access_periods()
DAYS, EXTRA = pd.Timedelta(days=PERIODS["days"]), pd.Timedelta(days=PERIODS["extension_days"])
T = pd.Timestamp


@pytest.fixture(scope="module")
def log():
    return release.request_log(n=300, seed=2026, extract_date="2026-01-01")


# -- course data ----------------------------------------------------------------------------------
def test_access_periods_come_from_privacy_rules():
    rules = data.load("privacy_rules").set_index("rule_id")["value"]
    assert PERIODS == {"days": rules["access_days"], "extension_days": rules["access_extension_days"],
                       "extensions": rules["access_extensions_allowed"]}


def test_safe_harbor_identifiers_match_the_schema_markings():
    table = data.load("safe_harbor_identifiers")
    rules = data.load("privacy_rules").set_index("rule_id")
    assert len(table) == rules.loc["safe_harbor_identifiers", "value"]
    assert list(table["letter"]) == [chr(ord("A") + i) for i in range(len(table))]
    kinds_in_table = [k for ks in table["hipaa_kinds"] for k in ks.split("|")]
    assert sorted(kinds_in_table) == sorted(k for k in deid.ACTIONS if k != "code")  # each kind exactly once
    declared = {c: k for c, k in deid.declared_columns().items() if k not in (None, "code")}
    carried = {}
    for row in table.itertuples():
        for column in ("" if pd.isna(row.synthetic_columns) else row.synthetic_columns).split("|"):
            if column:
                assert column not in carried, f"{column} listed twice"
                carried[column] = row.hipaa_kinds.split("|")
    assert set(carried) == set(declared)
    for column, kind in declared.items():
        assert kind in carried[column], column
    for row in table.itertuples():
        actions = [deid.ACTIONS[k] for k in row.hipaa_kinds.split("|")]
        assert row.course_action.startswith("dropped") == ("dropped" in actions), row.letter
        assert ("cut" in row.course_action) == any(a != "dropped" for a in actions), row.letter


def test_privacy_rules_agree_with_what_safe_harbor_does():
    rules = data.load("privacy_rules").set_index("rule_id")["value"]
    limit = int(rules["max_exact_age"])
    born = [f"{2026 - limit - 1}-01-01", f"{2026 - limit}-01-01"]  # turns limit + 1 and limit on 2026-01-01
    out = deid.safe_harbor(pd.DataFrame({"birth_date": born}), extract_date="2026-01-01")
    assert out["age"].tolist() == ["90+", str(limit)]
    assert int(rules["zip3_min_population"]) > 0


def test_minimum_necessary_table_is_consistent():
    table = data.load("minimum_necessary")
    assert (table["scope"] == "listed").eq(table["minimum_necessary_applies"]).all()
    assert table.loc[table["scope"] == "listed", "columns"].notna().all()
    assert table.loc[table["scope"] != "listed", "columns"].isna().all()
    for purpose in table.loc[table["scope"] == "listed", "purpose_id"]:
        assert len(release.minimum_necessary(purpose)) > 0  # every listed column exists


def test_retention_table_numbers_only_where_the_rule_has_one():
    table = data.load("retention_periods").set_index("record_id")
    assert table.loc[["hipaa_documentation", "medicare_hospital", "ahima_adult"], "years"].notna().all()
    assert table.loc[["ahima_minor", "ahima_mpi", "state_law"], "years"].isna().all()


# -- the synthetic request log --------------------------------------------------------------------
def test_request_log_shape_and_honesty(log):
    assert list(log.columns) == ["request_id", "patient_id", "requester_type", "purpose", "right_of_access",
                                 "received_date", "notice_date", "fulfilled_date"]
    assert len(log) == 300 and log["request_id"].is_unique
    assert "SYNTHETIC" in log.attrs["note"]
    assert set(log["patient_id"]) <= set(data.load("synthetic_patients")["patient_id"])
    assert set(log["requester_type"]) == set(release.REQUESTERS)
    end = T("2026-01-01")
    assert (log["received_date"] <= end).all() and (log["received_date"] > end - pd.Timedelta(days=180)).all()
    assert (log["fulfilled_date"].dropna() >= log.loc[log["fulfilled_date"].notna(), "received_date"]).all()
    assert (log["fulfilled_date"].dropna() <= end).all() and (log["notice_date"].dropna() <= end).all()
    assert log.loc[~log["right_of_access"].astype(bool), "notice_date"].isna().all()
    assert log["right_of_access"].eq(log["requester_type"].isin(["patient", "personal representative"])).all()


def test_request_log_is_deterministic_and_seeded(log):
    pd.testing.assert_frame_equal(log, release.request_log(n=300, seed=2026, extract_date="2026-01-01"))
    assert not log.equals(release.request_log(n=300, seed=7, extract_date="2026-01-01"))


def test_request_log_holds_every_status_for_the_lesson(log):
    counts = release.status(log, "2026-01-01")["status"].value_counts()
    assert set(counts.index) == set(release.STATUSES)
    assert set(release.due_dates(log)["extension"]) == {"none", "granted", "notice too late", "no federal deadline"}


@pytest.mark.parametrize("kwargs, words", [
    ({"n": 0}, "n must be at least 1"),
    ({"n": 2.5}, "n must be a whole number"),
    ({"window_days": -3}, "window_days must be"),
    ({"extract_date": "someday"}, "extract_date must be a date such as '2026-01-01'"),
    ({"extract_date": 2026}, r"extract_date must be a date .* not 2026 \(a number\)"),
    ({"patients": pd.DataFrame({"id": ["P1"]})}, "'patient_id' column"),
    ({"patients": pd.DataFrame({"patient_id": [None]})}, "no patient_id values"),
])
def test_request_log_rejects_bad_arguments(kwargs, words):
    with pytest.raises(ValueError, match=words):
        release.request_log(**kwargs)


# -- one deadline -------------------------------------------------------------------------------
@pytest.mark.parametrize("received", ["2024-01-31", "2024-02-29", "2023-02-28", "2024-12-31", "2100-02-28"])
def test_deadline_boundaries_around_the_first_due_date(received):
    start = T(received)
    due = start + DAYS
    on_time = release.deadline(received, notice_date=due, as_of=due)
    assert on_time["extension"] == "granted" and on_time["final_due"] == due + EXTRA and not on_time["notes"]
    late = release.deadline(received, notice_date=due + pd.Timedelta(days=1), as_of=due + pd.Timedelta(days=3))
    assert late["extension"] == "notice too late" and late["final_due"] == due
    assert "after the first due date" in late["notes"][0]
    assert late["status"] == "open, overdue" and late["days_late"] == 3
    assert release.deadline(received, fulfilled=due, as_of=due)["status"] == "fulfilled on time"
    last = release.deadline(received, fulfilled=due + pd.Timedelta(days=2), as_of="2200-01-01")
    assert last["status"] == "fulfilled late" and last["days_late"] == 2


def test_deadline_open_and_not_yet_due():
    d = release.deadline(dt.date(2025, 12, 20), as_of=dt.date(2026, 1, 1))
    assert d["status"] == "open, not yet due" and d["days_late"] == 0 and d["extension"] == "none"


@pytest.mark.parametrize("kwargs, words", [
    ({"received": "2024-03-10", "fulfilled": "2024-03-01", "as_of": "2024-04-01"}, "before the received date"),
    ({"received": "2024-03-10", "fulfilled": "2024-05-01", "as_of": "2024-04-01"}, "after the as-of date"),
    ({"received": "2024-05-10", "as_of": "2024-04-01"}, "cannot arrive in the future"),
    ({"received": "2024-03-10", "notice_date": "2024-03-01", "as_of": "2024-04-01"}, "notice date 2024-03-01 is before"),
    ({"received": "2024-03-10", "notice_date": "2024-05-01", "as_of": "2024-04-01"}, "no notice has been sent yet"),
    ({"received": "March tenth"}, "The received date must be a date such as '2024-03-05'"),
    ({"received": 20240310}, r"The received date must be a date .* not 20240310 \(a number\)"),
    ({"received": None}, "Enter the date the request was received"),
])
def test_deadline_rejects_impossible_dates(kwargs, words):
    with pytest.raises(ValueError, match=words):
        release.deadline(**kwargs)


# -- whole logs ---------------------------------------------------------------------------------
def test_status_agrees_with_deadline_row_by_row(log):
    checked = release.status(log, "2026-01-01")
    access = checked[checked["right_of_access"].astype(bool)]
    for row in access.itertuples():
        one = release.deadline(row.received_date, row.notice_date, row.fulfilled_date, "2026-01-01")
        assert (row.status, row.days_late, row.final_due_date, row.extension) == (
            one["status"], one["days_late"], one["final_due"], one["extension"]), row.request_id
    others = checked[~checked["right_of_access"].astype(bool)]
    assert (others["status"] == "no federal deadline").all() and others["days_late"].isna().all()
    assert others["final_due_date"].isna().all()


@settings(max_examples=40, deadline=None)
@given(received=st.dates(dt.date(1999, 1, 1), dt.date(2030, 12, 31)), notice_after=st.integers(0, 80),
       done_after=st.one_of(st.none(), st.integers(0, 150)), look_after=st.integers(150, 400))
def test_due_dates_vectorised_equals_the_scalar_rule(received, notice_after, done_after, look_after):
    start = T(received)
    frame = pd.DataFrame({"request_id": ["R1"], "received_date": [start],
                          "notice_date": [start + pd.Timedelta(days=notice_after)],
                          "fulfilled_date": [None if done_after is None else start + pd.Timedelta(days=done_after)]})
    as_of = start + pd.Timedelta(days=look_after)
    got = release.status(frame, as_of.date()).iloc[0]
    want = release.deadline(start, frame.loc[0, "notice_date"], frame.loc[0, "fulfilled_date"], as_of)
    assert (got["final_due_date"], got["status"], got["days_late"]) == (want["final_due"], want["status"],
                                                                         want["days_late"])
    assert got["final_due_date"] in (start + DAYS, start + DAYS + EXTRA)


def test_due_dates_accepts_text_dates_and_treats_rows_without_the_column_as_access():
    out = release.due_dates(pd.DataFrame({"received_date": ["2024-02-01"], "notice_date": [None]}))
    assert out.loc[0, "due_date"] == T("2024-02-01") + DAYS and out.loc[0, "extension"] == "none"


@pytest.mark.parametrize("frame, words", [
    (pd.DataFrame({"received_date": ["2024-01-01"]}), "no column 'notice_date'"),
    (pd.DataFrame({"received_date": ["2024-01-01"], "notice_date": ["soon"]}), "Column 'notice_date', row 0: 'soon'"),
    (pd.DataFrame({"request_id": ["R9"], "received_date": [None], "notice_date": [None]}), "Request R9 has no received"),
    (pd.DataFrame({"request_id": ["R7"], "received_date": ["2024-02-01"], "notice_date": ["2024-01-01"]}),
     "Request R7: the extension notice is dated before"),
    ("not a table", "The request log must be a pandas DataFrame; got str"),
])
def test_due_dates_errors_name_the_column_or_request(frame, words):
    with pytest.raises(ValueError, match=words):
        release.due_dates(frame)


@pytest.mark.parametrize("fulfilled, as_of, words", [
    ("2024-01-01", "2024-03-01", "Request R1 is fulfilled before it was received"),
    ("2024-02-20", "2024-02-10", "Request R1 is fulfilled after the extract date"),
    (None, "2024-01-01", "Request R1 is received after the extract date"),
    (None, "not a day", "extract_date must be a date such as"),
])
def test_status_errors(fulfilled, as_of, words):
    frame = pd.DataFrame({"request_id": ["R1"], "received_date": ["2024-02-01"], "notice_date": [None],
                          "fulfilled_date": [fulfilled]})
    with pytest.raises(ValueError, match=words):
        release.status(frame, as_of)
    with pytest.raises(ValueError, match="no column 'fulfilled_date'"):
        release.status(frame.drop(columns="fulfilled_date"), "2024-03-01")


# -- retention ----------------------------------------------------------------------------------
@pytest.mark.parametrize("rule", ["medicare_hospital", "ahima_adult"])
def test_retention_counts_years_from_the_last_encounter(rule):
    years = release.retention_years(rule)
    assert years == data.load("retention_periods").set_index("record_id").loc[rule, "years"]
    assert release.retention_until("2020-02-29", rule=rule) == T("2020-02-29") + pd.DateOffset(years=years)
    assert release.retention_until(dt.date(2021, 7, 4), rule=rule).year == 2021 + years


def test_retention_minor_and_mpi():
    assert release.retention_until(None, "2015-06-01", "ahima_minor", majority_age=2, limitations_years=1) == T("2018-06-01")
    assert release.retention_until("2020-01-01", rule="ahima_mpi") is None
    assert release.retention_years("ahima_mpi") is None


@pytest.mark.parametrize("args, kwargs, words", [
    ((None, "2015-06-01", "ahima_minor"), {}, "needs majority_age"),
    ((None, "2015-06-01", "ahima_minor"), {"majority_age": 2, "limitations_years": -1}, "needs limitations_years"),
    ((None, None, "ahima_minor"), {"majority_age": 2, "limitations_years": 1}, "give birth_date"),
    (("2020-01-01", None, "hipaa_documentation"), {}, "compliance documentation"),
    (("2020-01-01", None, "state_law"), {}, "look up your state's period"),
    (("2020-01-01", None, "forever"), {}, "'forever' is not a row of retention_periods"),
    ((None, None, "ahima_adult"), {}, "last encounter"),
    (("yesterday-ish", None, "ahima_adult"), {}, "last encounter date must be a date such as"),
])
def test_retention_errors(args, kwargs, words):
    with pytest.raises(ValueError, match=words):
        release.retention_until(*args, **kwargs)


# -- minimum necessary --------------------------------------------------------------------------
def test_payment_release_leaves_out_contact_details_but_is_not_de_identified():
    out = release.minimum_necessary("payment")
    assert list(out.columns) == ["table", "column", "identifier", "reason"]
    assert not {"ssn", "phone", "email", "first_name", "last_name", "address"} & set(out["column"])
    assert {"insurance_id", "birth_date", "code"} <= set(out["column"])
    assert (out["identifier"] != "").any()  # minimum necessary is not de-identification
    assert out["reason"].str.contains("Minimum necessary applies").all()


@pytest.mark.parametrize("purpose", ["patient_access", "treatment"])
def test_exceptions_release_every_column(purpose):
    out = release.minimum_necessary(purpose)
    expected = sum(len(data.load(t).columns) for t in release.RECORD_TABLES)
    assert len(out) == expected and "ssn" in set(out["column"])
    assert out["reason"].str.contains("does not apply").all()


def test_authorization_releases_what_it_describes():
    out = release.minimum_necessary("authorization", specified=["synthetic_encounters.admit_date"])
    assert out[["table", "column", "identifier"]].values.tolist() == [["synthetic_encounters", "admit_date", "dates"]]


@pytest.mark.parametrize("purpose, specified, words", [
    ("authorization", None, "pass specified"),
    ("required_by_law", "synthetic_patients.zip", "pass specified"),
    ("authorization", ["synthetic_patients.shoe_size"], "'synthetic_patients.shoe_size' is not a column"),
    ("marketing", None, "'marketing' is not a purpose"),
])
def test_minimum_necessary_errors(purpose, specified, words):
    with pytest.raises(ValueError, match=words):
        release.minimum_necessary(purpose, specified)


# -- the lesson's chart -------------------------------------------------------------------------
def test_status_chart_of_the_lesson(log):
    counts = release.status(log, "2026-01-01")["status"].value_counts().reindex(release.STATUSES, fill_value=0)
    source = "Synthetic request log: helpers.release.request_log(n=300, seed=2026); " + data.cite("privacy_rules")
    fig = charts.bars(counts.index, counts.values, title="Release-of-information requests by status on 2026-01-01",
                      xlabel="Requests (count)", ylabel="Status", source=source, value_format="{:.0f}",
                      highlight="open, overdue")
    ax = fig.axes[0]
    assert ax.get_title().startswith("Release-of-information requests")
    assert ax.get_xlabel() == "Requests (count)" and ax.get_ylabel() == "Status"
    assert len(ax.patches) == len(release.STATUSES)
    assert [t.get_fontweight() for t in ax.get_yticklabels()].count("bold") == 1  # the worklist stands out
    assert [t.get_text() for t in ax.texts] == [str(int(v)) for v in counts.values]
    assert any(" ".join(t.get_text().split()) == " ".join(source.split()) for t in fig.texts)


# -- the workbook's checkers, beyond the automatic proofs in test_checks.py ----------------------
def test_due_date_checker_explains_the_month_mistake():
    def by_month(received, extension_notice=None):
        first_due = received + pd.DateOffset(months=1)
        if extension_notice is not None and extension_notice <= first_due:
            return first_due + pd.DateOffset(months=1)
        return first_due

    result = lesson10.q2.check(value=by_month)
    assert result.outcome == "incorrect" and "counts days, not months" in result.message


def test_due_date_checker_cases_include_month_ends_and_leap_days():
    starts = {args[0] for args in lesson10.q2.cases()}
    assert {T("2024-02-29"), T("2024-01-31"), T("2024-12-31")} <= starts
    assert any(args[1] is not None and args[1] == args[0] + DAYS for args in lesson10.q2.cases())


def test_surviving_identifiers_checker_both_ways():
    assert lesson10.q3.check(value=["zip", "mrn", "birth_date", "city", "phone", "email", "insurance_id"]).outcome == "correct"
    wrong = lesson10.q3.check(value=["patient_id", "mrn", "birth_date", "city", "zip", "phone", "email", "insurance_id"])
    assert wrong.outcome == "incorrect" and "patient_id is a code" in wrong.message
