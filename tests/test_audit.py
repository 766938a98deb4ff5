"""Tests of helpers.audit (lesson 12) and its charts."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import audit, charts, data, mpi, synth


@pytest.fixture(scope="module")
def extract():
    return synth.make_records(400, seed=11)


@pytest.fixture(scope="module")
def course():
    return {name: data.load(f"synthetic_{name}") for name in ("patients", "encounters", "diagnoses", "duplicates")}


def chart(**changes):
    row = {"encounter_id": "E1", "admit_date": pd.Timestamp("2025-03-01"), "discharge_date": pd.Timestamp("2025-03-04"),
           "hp_present": True, "hp_hours_after_admission": 5.0, "ds_present": True, "ds_signed": True,
           "ds_days_after_discharge": 2, "principal_dx_present": True, "discharge_status_present": True}
    row.update(changes)
    table = pd.DataFrame([row])
    table.attrs["extract_date"] = "2026-01-01"  # a chart table says the day it was taken, as make_chart_completion's do
    return table


# -- sampling ------------------------------------------------------------------------------
def test_sample_is_reproducible_and_without_replacement():
    table = pd.DataFrame({"x": range(50)})
    first, again = audit.audit_sample(table, 20, seed=4), audit.audit_sample(table, 20, seed=4)
    assert first.equals(again)
    assert first.index.is_unique and len(first) == 20
    assert not first.equals(audit.audit_sample(table, 20, seed=5))


@given(n=st.integers(1, 30), seed=st.integers(0, 10_000))
@settings(max_examples=40, deadline=None)
def test_sample_rows_come_from_the_table(n, seed):
    table = pd.DataFrame({"x": range(30)})
    sample = audit.audit_sample(table, n, seed)
    assert len(sample) == n and set(sample["x"]) <= set(table["x"]) and sample["x"].is_unique


@pytest.mark.parametrize("n, seed, message", [
    (11, 0, r"larger than the table \(10 rows\)"), (0, 0, "n must be at least 1"), (-3, 0, "n must be at least 1"),
    (2.5, 0, "n must be a whole number"), (True, 0, "n must be a whole number"), (3, -1, "seed must be at least 0"),
])
def test_sample_rejects_bad_sizes(n, seed, message):
    with pytest.raises(ValueError, match=message):
        audit.audit_sample(pd.DataFrame({"x": range(10)}), n, seed)


def test_sample_needs_a_dataframe():
    with pytest.raises(ValueError, match="must be a pandas DataFrame; got list"):
        audit.audit_sample([1, 2, 3], 1)


# -- chart completion ----------------------------------------------------------------------
def test_rules_come_from_the_course_table():
    rules = data.load("audit_rules").set_index("rule_id")["value"]
    assert audit.completion_rules() == {k: float(v) for k, v in rules.items()}


def test_chart_table_is_synthetic_seeded_and_one_row_per_inpatient_stay(course):
    charts_ = audit.make_chart_completion(course["encounters"], course["diagnoses"], seed=3)
    inpatient = course["encounters"]["encounter_type"].eq("inpatient").fillna(False)
    assert len(charts_) == int(inpatient.sum()) and charts_["encounter_id"].is_unique
    assert list(charts_.columns) == list(audit.CHART_COLUMNS)
    assert charts_.attrs["synthetic"] and "SYNTHETIC" in charts_.attrs["notice"]
    assert charts_.equals(audit.make_chart_completion(course["encounters"], course["diagnoses"], seed=3))
    assert not charts_.equals(audit.make_chart_completion(course["encounters"], course["diagnoses"], seed=4))
    assert not charts_.loc[~charts_["ds_present"], "ds_signed"].any()


def test_planted_rate_zero_leaves_only_the_extracts_own_problems(course):
    clean = audit.make_chart_completion(course["encounters"], course["diagnoses"], deficiency_rate=0)
    kinds = set(audit.chart_deficiencies(clean)["deficiency"])
    assert kinds <= {"principal_diagnosis_missing", "discharge_status_missing", "dates_unusable",
                     "discharge_summary_missing"}  # a summary not yet written by the snapshot date
    assert "history_physical_late" not in kinds


def test_principal_diagnosis_and_status_come_from_the_extract(course):
    charts_ = audit.make_chart_completion(course["encounters"], course["diagnoses"])
    dx = course["diagnoses"]
    coded = set(dx.loc[(dx["seq"] == 1) & dx["code"].fillna("").str.strip().ne(""), "encounter_id"])
    assert (charts_["principal_dx_present"] == charts_["encounter_id"].isin(coded)).all()
    status = course["encounters"].set_index("encounter_id")["discharge_status"]
    assert (charts_["discharge_status_present"] == charts_["encounter_id"].map(status).notna().to_numpy()).all()


def test_works_on_a_fresh_extract(extract):
    charts_ = audit.make_chart_completion(extract.encounters, extract.diagnoses, seed=2)
    status = audit.chart_status(charts_)
    assert len(status) == len(charts_) and status["delinquent"].dtype == bool
    assert charts_.attrs["extract_date"] == extract.encounters.attrs["extract_date"]


@pytest.mark.parametrize("changes, expected", [
    ({}, []),
    ({"hp_present": False, "hp_hours_after_admission": None}, ["history_physical_missing"]),
    ({"hp_hours_after_admission": 30.0}, ["history_physical_late"]),
    ({"ds_present": False, "ds_signed": False, "ds_days_after_discharge": None}, ["discharge_summary_missing"]),
    ({"ds_signed": False}, ["discharge_summary_unsigned"]),
    ({"ds_days_after_discharge": 45}, ["discharge_summary_late"]),
    ({"principal_dx_present": False}, ["principal_diagnosis_missing"]),
    ({"discharge_status_present": False}, ["discharge_status_missing"]),
    ({"admit_date": pd.NaT}, ["dates_unusable"]),
    ({"discharge_date": pd.Timestamp("2025-02-01")}, ["dates_unusable"]),
])
def test_each_deficiency_is_found(changes, expected):
    assert audit.chart_deficiencies(chart(**changes))["deficiency"].tolist() == expected


def test_limits_are_the_tables_own():
    rules = audit.completion_rules()
    at_limit = chart(hp_hours_after_admission=rules["history_physical_after_admission"],
                     ds_days_after_discharge=int(rules["record_completion_after_discharge"]))
    assert audit.chart_deficiencies(at_limit).empty


def test_delinquent_only_when_open_and_past_the_deadline():
    days = int(audit.completion_rules()["record_completion_after_discharge"])
    unsigned = chart(ds_signed=False)
    deadline = pd.Timestamp("2025-03-04") + pd.Timedelta(days=days)
    before = audit.chart_status(unsigned, extract_date=deadline)
    after = audit.chart_status(unsigned, extract_date=deadline + pd.Timedelta(days=3))
    assert not before.loc[0, "delinquent"] and after.loc[0, "delinquent"]
    assert after.loc[0, "days_past_deadline"] == 3 and after.loc[0, "deadline"] == deadline
    late_only = audit.chart_status(chart(hp_hours_after_admission=99.0), extract_date="2030-01-01")
    assert late_only.loc[0, "complete"] and not late_only.loc[0, "delinquent"]
    no_dates = audit.chart_status(chart(admit_date=pd.NaT, discharge_date=pd.NaT), extract_date="2030-01-01")
    assert not no_dates.loc[0, "delinquent"] and pd.isna(no_dates.loc[0, "deadline"])


def test_bad_chart_input_is_named():
    with pytest.raises(ValueError, match="no column 'ds_signed'"):
        audit.chart_deficiencies(chart().drop(columns="ds_signed"))
    with pytest.raises(ValueError, match="extract_date must be a date"):
        audit.chart_status(chart(), extract_date="next Tuesday")
    with pytest.raises(ValueError, match="deficiency_rate must be a share between 0 and 1"):
        audit.make_chart_completion(data.load("synthetic_encounters"), data.load("synthetic_diagnoses"),
                                    deficiency_rate=1.5)
    with pytest.raises(ValueError, match="The diagnoses table has no column 'code'"):
        audit.make_chart_completion(data.load("synthetic_encounters"), pd.DataFrame({"encounter_id": [], "seq": []}))


# -- coding accuracy -----------------------------------------------------------------------
def test_auditor_fixes_invalid_and_nonbillable_codes():
    dx = pd.DataFrame({"encounter_id": ["E1"] * 6, "seq": range(1, 7),
                       "code": ["I10", "E11", "I10.0", "S62.5X0A", "12345", None]})
    review = audit.auditor_review(dx, disagree_share=0)
    assert review["auditor_code"].tolist()[:4] == ["I10", "E11.00", "I10", "S62.501A"]
    assert review["auditor_code"].isna().tolist()[4:] == [True, True]
    assert review["agreed"].tolist() == [True] + [False] * 5
    assert "not billable" in review.loc[1, "reason"] and "not a valid code" in review.loc[2, "reason"]
    assert review.loc[5, "reason"].startswith("no code recorded")
    fixed = review["auditor_code"].dropna().tolist()
    from helpers.coding import validate_icd10cm
    assert validate_icd10cm(fixed)["billable"].all()


def test_simulated_disagreements_are_seeded_neighbours(course):
    sample = course["diagnoses"].head(400)
    one, two = audit.auditor_review(sample, seed=1), audit.auditor_review(sample, seed=1)
    assert one.equals(two)
    judged = one[one["reason"].str.startswith("auditor chose")]
    assert 0 < len(judged) < 0.15 * len(one)
    assert (judged["coder_code"].str[:3] == judged["auditor_code"].str[:3]).all()
    assert audit.auditor_review(sample, seed=1, disagree_share=0)["reason"].str.startswith("auditor").sum() == 0


def test_accuracy_rate_and_per_encounter_agreement(course):
    sample = audit.audit_sample(course["encounters"], 40, seed=2)
    ids = [i for i in sample["encounter_id"] if i in set(course["diagnoses"]["encounter_id"])]
    review = audit.auditor_review(course["diagnoses"], ids, seed=0)
    assert set(review["encounter_id"]) == set(ids)
    rate = audit.accuracy_rate(review)
    assert rate == pytest.approx(review["agreed"].mean() * 100)
    per = audit.agreement_by_encounter(review)
    assert per["codes_reviewed"].sum() == len(review) and per["codes_agreed"].sum() == review["agreed"].sum()


def test_coding_audit_errors():
    with pytest.raises(ValueError, match="encounter_id 'E999' has no diagnosis"):
        audit.auditor_review(pd.DataFrame({"encounter_id": ["E1"], "seq": [1], "code": ["I10"]}), ["E999"])
    with pytest.raises(ValueError, match="no rows"):
        audit.accuracy_rate(pd.DataFrame({"encounter_id": [], "agreed": []}))
    with pytest.raises(ValueError, match="no column 'agreed'"):
        audit.accuracy_rate(pd.DataFrame({"encounter_id": ["E1"]}))
    with pytest.raises(ValueError, match="disagree_share must be a share"):
        audit.auditor_review(pd.DataFrame({"encounter_id": ["E1"], "seq": [1], "code": ["I10"]}), disagree_share=-0.1)


# -- master patient index ------------------------------------------------------------------
def test_duplicate_rate_counts_both_records_of_each_pair(course):
    rate = audit.duplicate_rate(course["duplicates"], course["patients"])
    involved = set(course["duplicates"]["id_a"]) | set(course["duplicates"]["id_b"])
    assert rate == pytest.approx(len(involved) * 100 / len(course["patients"]))
    chain = pd.DataFrame({"id_a": ["A", "B"], "id_b": ["B", "C"]})
    assert audit.duplicate_rate(chain, pd.DataFrame({"patient_id": list("ABCDEF")})) == 50.0


def test_duplicate_rate_errors():
    patients = pd.DataFrame({"patient_id": ["A", "B"]})
    with pytest.raises(ValueError, match="record 'Z', which is not in the patients table"):
        audit.duplicate_rate(pd.DataFrame({"id_a": ["A"], "id_b": ["Z"]}), patients)
    with pytest.raises(ValueError, match="no column 'id_b'"):
        audit.duplicate_rate(pd.DataFrame({"id_a": ["A"]}), patients)
    with pytest.raises(ValueError, match="with itself"):
        audit.duplicate_rate(pd.DataFrame({"id_a": ["A"], "id_b": ["A"]}), patients)
    with pytest.raises(ValueError, match="no rows"):
        audit.duplicate_rate(pd.DataFrame({"id_a": [], "id_b": []}), patients.iloc[:0])


def test_scores_of_the_matcher_on_course_and_fresh_extracts(course, extract):
    for patients, truth in ((course["patients"], course["duplicates"]), (extract.patients, extract.duplicates)):
        found = mpi.find_duplicates(patients)
        score = audit.score_pairs(found, truth)
        assert score["true_positives"] + score["missed"] == len(truth)
        assert score["true_positives"] + score["false_positives"] == len(found)
        assert 0 <= score["precision"] <= 100 and 0 <= score["recall"] <= 100


def test_score_pairs_counts_a_wrong_matcher():
    truth = pd.DataFrame({"id_a": ["A", "C"], "id_b": ["B", "D"]})
    found = pd.DataFrame({"id_a": ["B", "E"], "id_b": ["A", "F"]})  # one right (reversed order), one wrong
    assert audit.score_pairs(found, truth) == {"true_positives": 1, "false_positives": 1, "missed": 1,
                                              "precision": 50.0, "recall": 50.0}
    empty = audit.score_pairs(found.iloc[:0], truth)
    assert math.isnan(empty["precision"]) and empty["recall"] == 0.0


@given(st.sets(st.tuples(st.sampled_from("ABCDEF"), st.sampled_from("ABCDEF")).filter(lambda p: p[0] != p[1])),
       st.sets(st.tuples(st.sampled_from("ABCDEF"), st.sampled_from("ABCDEF")).filter(lambda p: p[0] != p[1])))
@settings(max_examples=60, deadline=None)
def test_label_pairs_partitions_the_union(found, truth):
    frame = lambda pairs: pd.DataFrame(sorted(pairs), columns=["id_a", "id_b"])  # noqa: E731
    labelled = audit.label_pairs(frame(found), frame(truth))
    norm = lambda pairs: {tuple(sorted(p)) for p in pairs}  # noqa: E731
    assert set(zip(labelled["id_a"], labelled["id_b"])) == norm(found) | norm(truth)
    assert (labelled["status"] == "true positive").sum() == len(norm(found) & norm(truth))


def test_error_type_counts_against_published_shares(course):
    found = mpi.find_duplicates(course["patients"])
    counts = audit.error_type_counts(found, course["duplicates"])
    assert counts["group"].tolist() == list(audit.ERROR_GROUPS)
    confirmed = audit.label_pairs(found, course["duplicates"]).query("status == 'true positive'")
    middle = confirmed["error_types"].str.contains("middle_name_mismatch").sum()
    assert counts.loc[0, "pairs"] == middle > 0
    facts = data.load("mpi_facts").set_index("fact_id")["value"]
    assert counts.loc[0, "published_pct"] == facts["share_middle_name"]
    assert np.isnan(counts.loc[4, "published_pct"])
    with pytest.raises(ValueError, match="no column 'error_types'"):
        audit.error_type_counts(course["duplicates"], course["duplicates"].drop(columns="error_types"))


# -- charts --------------------------------------------------------------------------------
def _source_line(fig):
    return fig.get_supxlabel() if hasattr(fig, "get_supxlabel") else fig._supxlabel.get_text()


def test_duplicate_rate_chart():
    fig = charts.duplicate_rate_chart(12.5, data.load("mpi_facts"), source=data.cite("mpi_facts"))
    ax = fig.axes[0]
    assert ax.get_title() == "Duplicate record rate against the recommended ceiling"
    assert "%" in ax.get_xlabel() and ax.get_ylabel() == "Measure"
    assert len(ax.patches) == 3  # two bars and the shaded typical range
    assert "Just Associates" in _source_line(fig)
    with pytest.raises(ValueError, match="rate must be a percentage"):
        charts.duplicate_rate_chart(140, data.load("mpi_facts"), source="Source: x")
    with pytest.raises(ValueError, match="no row 'duplicate_rate_target'"):
        charts.duplicate_rate_chart(5, data.load("mpi_facts").iloc[1:], source="Source: x")


def test_error_type_and_deficiency_charts(course):
    counts = audit.error_type_counts(mpi.find_duplicates(course["patients"]), course["duplicates"])
    fig = charts.error_type_chart(counts, source="Source: synthetic")
    ax = fig.axes[0]
    assert ax.get_title() == "What differed in confirmed duplicate pairs" and "(%)" in ax.get_xlabel()
    assert len(ax.patches) == 2 * len(counts) - counts["published_pct"].isna().sum()
    found = audit.chart_deficiencies(audit.make_chart_completion(course["encounters"], course["diagnoses"]))
    fig = charts.deficiency_chart(found, source="Source: synthetic chart table")
    ax = fig.axes[0]
    assert ax.get_title() == "Chart deficiencies by type" and "(count)" in ax.get_xlabel()
    assert len(ax.patches) == found["deficiency"].nunique()
    assert _source_line(fig) == "Source: synthetic chart table"
    with pytest.raises(ValueError, match="no column 'keeps_open'"):
        charts.deficiency_chart(found.drop(columns="keeps_open"), source="Source: x")


# -- the threshold trade-off (#15) ---------------------------------------------------------------------
def test_threshold_table_counts_by_hand():
    scored = pd.DataFrame({"id_a": ["A", "C", "E", "G"], "id_b": ["B", "D", "F", "H"], "score": [12, 7, 9, 3]})
    key = pd.DataFrame({"id_a": ["B", "C", "X"], "id_b": ["A", "D", "Y"]})  # X/Y never scored: always missed
    alike = pd.DataFrame({"id_a": ["E"], "id_b": ["F"], "kind": ["twin"]})
    table = audit.threshold_table(scored, key, alike, thresholds=[0, 8, 10]).set_index("threshold")
    assert table.loc[0.0].tolist() == [4, 2, 2, 1, 50.0, pytest.approx(200 / 3), 1]
    assert table.loc[8.0].tolist() == [2, 1, 1, 2, 50.0, pytest.approx(100 / 3), 1]
    assert table.loc[10.0].tolist() == [1, 1, 0, 2, 100.0, pytest.approx(100 / 3), 0]
    # a wrong rule (counting look-alikes as right) would give precision 100 at 8: it does not
    assert table.loc[8.0, "precision"] != 100.0


def test_threshold_table_refuses_what_it_cannot_use():
    scored = pd.DataFrame({"id_a": ["A"], "id_b": ["B"], "score": ["high"]})
    with pytest.raises(ValueError, match="'score' that is not a number"):
        audit.threshold_table(scored, pd.DataFrame({"id_a": ["A"], "id_b": ["B"]}))
    with pytest.raises(ValueError, match="no column 'score'"):
        audit.threshold_table(scored.drop(columns="score"), pd.DataFrame({"id_a": ["A"], "id_b": ["B"]}))
    with pytest.raises(ValueError, match="thresholds must be numbers"):
        audit.threshold_table(scored.assign(score=[1]), pd.DataFrame({"id_a": ["A"], "id_b": ["B"]}), thresholds=[])
