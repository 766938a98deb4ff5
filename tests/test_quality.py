"""Tests of helpers.quality (lesson 08) and its chart, charts.quality_findings."""
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import charts, data, quality
from test_charts import check_figure
from helpers.synth import make_records
from helpers.synth.defects import DEFECT_KINDS

EXTRACT = "2026-01-01"


@pytest.fixture(scope="module")
def sample():
    names = ("synthetic_patients", "synthetic_encounters", "synthetic_diagnoses", "synthetic_defects")
    return tuple(data.load(n) for n in names)


def patients_frame(**changes):
    base = {"patient_id": ["P1", "P2", "P3"], "first_name": ["Ann", "Bo", "Cy"], "last_name": ["Lee", "Roe", "Day"],
            "sex": ["F", "M", "F"], "birth_date": ["1980-02-01", "1990-05-06", "2001-12-31"],
            "zip": ["02134", "90210", "10001-1234"], "phone": ["(617) 555-0101", "617.555.0102", "+1 617 555 0103"]}
    base.update(changes)
    return pd.DataFrame(base)


def encounters_frame(**changes):
    base = {"encounter_id": ["E1", "E2", "E3"], "patient_id": ["P1", "P2", "P3"],
            "admit_date": ["2025-01-02", "2025-03-04", "2025-05-06"],
            "discharge_date": ["2025-01-02", "2025-03-09", None],
            "encounter_type": ["outpatient", "inpatient", "inpatient"], "discharge_status": ["home"] * 3}
    base.update(changes)
    return pd.DataFrame(base)


def kinds(findings):
    return sorted(zip(findings["row_id"], findings["column"], findings["kind"]))


# -- the ground truth: the committed sample and fresh extracts -----------------------------
def test_sample_recall_and_precision_are_perfect(sample):
    p, e, d, truth = sample
    found = quality.find_defects(p, e, d, extract_date=EXTRACT)
    assert tuple(found.columns) == quality.FINDING_COLUMNS
    assert all(str(t) == "string" for t in found.dtypes)
    total = quality.score_findings(found, truth).iloc[-1]
    assert (total["planted"], total["missed"], total["extra"]) == (len(truth), 0, 0)


@pytest.mark.parametrize("seed, rate", [(0, 0.05), (1, 0.2), (7, 0.5), (2027, 1.0)])
def test_fresh_extracts_every_planted_kind_found(seed, rate):
    x = make_records(300, seed=seed, defect_rate=rate)
    found = quality.find_defects(x.patients, x.encounters, x.diagnoses)  # extract date from .attrs
    score = quality.score_findings(found, x.defects)
    per_kind = score[score["table"] != "all"]
    assert (per_kind["recall"] == 1.0).all(), per_kind
    planted = {(t, k) for t, ks in DEFECT_KINDS.items() for k in ks}
    checked = {(t, k) for t, ks in quality.CHECKED_KINDS.items() for k in ks}
    assert planted <= checked
    # the generator's clean values are clean, so nothing extra is flagged on its extracts
    assert score.iloc[-1]["extra"] == 0


def test_findings_match_value_text_of_ground_truth():
    x = make_records(200, seed=3, defect_rate=0.3)
    found = quality.find_defects(x.patients, x.encounters, x.diagnoses)
    merged = found.merge(x.defects, on=["table", "row_id", "column", "kind"], suffixes=("", "_truth"))
    assert len(merged) == len(x.defects)
    assert (merged["value"].fillna("") == merged["value_truth"].fillna("")).all()


# -- checks of each table ------------------------------------------------------------------
def test_check_patients_finds_each_kind():
    p = patients_frame(first_name=["Ann", "  ", "Cy"], birth_date=["1980-02-01", "1990-13-45", "2031-01-01"],
                       sex=["F", "X", None], zip=["2134", "90210", "1O001"],
                       phone=["617 555 010", None, "617-555-O103"])
    got = kinds(quality.check_patients(p, extract_date=EXTRACT))
    assert got == sorted([("P2", "first_name", "missing_required"), ("P3", "sex", "missing_required"),
                          ("P2", "birth_date", "invalid_date"), ("P3", "birth_date", "future_date"),
                          ("P2", "sex", "invalid_value"), ("P1", "zip", "malformed_zip"),
                          ("P3", "zip", "malformed_zip"), ("P1", "phone", "malformed_phone"),
                          ("P3", "phone", "malformed_phone")])


def test_clean_patients_give_no_findings():
    assert quality.check_patients(patients_frame(), extract_date=EXTRACT).empty


def test_check_patients_reads_real_dates_and_custom_sex_values():
    p = patients_frame(birth_date=pd.to_datetime(["1980-02-01", "2030-01-01", None]), sex=["F", "U", "M"])
    assert kinds(quality.check_patients(p, extract_date=EXTRACT, sex_values=("F", "M", "U"))) == [
        ("P2", "birth_date", "future_date"), ("P3", "birth_date", "missing_required")]


def test_check_encounters_kinds_and_what_is_not_a_problem():
    e = encounters_frame(admit_date=["2025-01-02", None, "2025-05-06"],
                         discharge_date=["2025-01-01", "2025-03-09", "2026-02-01"],
                         encounter_type=["outpatient", "inpatient", "walk-in"])
    got = kinds(quality.check_encounters(e, extract_date=EXTRACT))
    assert got == sorted([("E1", "discharge_date", "discharge_before_admission"),
                          ("E2", "admit_date", "missing_required"), ("E3", "discharge_date", "future_date"),
                          ("E3", "encounter_type", "invalid_value")])
    # same-day visit and an empty discharge date (still in hospital) are fine
    assert quality.check_encounters(encounters_frame(), extract_date=EXTRACT).empty


def test_check_diagnoses_keeps_empty_invalid_and_nonbillable_apart():
    d = pd.DataFrame({"encounter_id": ["E1"] * 5, "seq": [1, 2, 3, 4, 5],
                      "code": ["E11.9", " e119 ", None, "S62.5X0A", "E11"]})
    assert kinds(quality.check_diagnoses(d)) == [("E1:3", "code", "missing_required"),
                                                 ("E1:4", "code", "invalid_code"), ("E1:5", "code", "nonbillable_code")]


def test_find_defects_reports_broken_links():
    p = patients_frame()
    e = encounters_frame(patient_id=["P1", "P9", "P3"])
    d = pd.DataFrame({"encounter_id": ["E1", "E7"], "seq": [1, 1], "code": ["I10", "I10"]})
    got = quality.find_defects(p, e, d, extract_date=EXTRACT)
    assert kinds(got) == [("E2", "patient_id", "broken_link"), ("E7:1", "encounter_id", "broken_link")]


@pytest.mark.parametrize("call, message", [
    (lambda: quality.check_patients(patients_frame().drop(columns="zip"), EXTRACT), "no column 'zip'"),
    (lambda: quality.check_patients([1, 2], EXTRACT), "got list"),
    (lambda: quality.check_encounters(encounters_frame().drop(columns="admit_date"), EXTRACT), "'admit_date'"),
    (lambda: quality.check_diagnoses(pd.DataFrame({"code": ["I10"]})), "'encounter_id', 'seq'"),
    (lambda: quality.check_patients(patients_frame()), "extract_date is needed"),
    (lambda: quality.check_patients(patients_frame(), extract_date="soon"), "not 'soon'"),
    (lambda: quality.check_encounters(encounters_frame(), extract_date=2026), "not 2026"),
    (lambda: quality.completeness(patients_frame(), "people"), "not 'people'"),
    (lambda: quality.completeness("a table"), "got str"),
    (lambda: quality.standardize_phone("617 555 0101"), "wrap it in a list"),
    (lambda: quality.standardize_zip(["02134"], states=["MA", "NH"]), "states has 2 values"),
    (lambda: quality.check_entry(phone=6175550101, as_of=EXTRACT), "Phone must be typed as text"),
    (lambda: quality.check_entry(code=250.0, as_of=EXTRACT), "must be typed as text"),
    (lambda: quality.score_findings(pd.DataFrame({"table": []}), pd.DataFrame()), "no column 'row_id'"),
])
def test_errors_name_what_is_wrong(call, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call()


def test_data_dictionary_unknown_table():
    with pytest.raises(ValueError, match="no course table called 'nope'"):
        quality.data_dictionary("nope")
    rules = quality.data_dictionary("synthetic_encounters").set_index("column")["rules"]
    assert "required" in rules["encounter_id"]


# -- completeness --------------------------------------------------------------------------
def test_completeness_counts_blank_text_as_missing_and_marks_required():
    p = patients_frame(first_name=["Ann", " ", None])
    c = quality.completeness(p, "patients").set_index("column")
    assert c.loc["first_name", ["filled", "missing"]].tolist() == [1, 2]
    assert c.loc["first_name", "share_filled"] == pytest.approx(1 / 3)
    assert c.loc["first_name", "required"] and c.loc["patient_id", "required"] and not c.loc["zip", "required"]
    assert not quality.completeness(p)["required"].any()
    assert quality.completeness(p.iloc[:0])["share_filled"].isna().all()


def test_completeness_agrees_with_pandas_on_the_sample(sample):
    p = sample[0]
    c = quality.completeness(p, "patients").set_index("column")["share_filled"]
    assert c.to_dict() == pytest.approx(p.notna().mean().to_dict())


# -- standardizing -------------------------------------------------------------------------
@pytest.mark.parametrize("typed, standard, status", [
    ("(617) 555-0101", "(617) 555-0101", "ok"), ("617.555.0101", "(617) 555-0101", "standardized"),
    ("1-617-555-0101", "(617) 555-0101", "standardized"), ("6175550101", "(617) 555-0101", "standardized"),
    ("617-555-O101", "617-555-O101", "flagged"), ("(455) 555-010", "(455) 555-010", "flagged"),
    ("(455) 555-01022", "(455) 555-01022", "flagged"), ("", None, "missing"), (None, None, "missing"),
])
def test_standardize_phone(typed, standard, status):
    row = quality.standardize_phone([typed]).iloc[0]
    assert (row["status"], None if pd.isna(row["standard"]) else row["standard"]) == (status, standard)


def test_standardize_zip_repairs_only_when_the_state_says_so():
    zips = ["02134", "2138", "2138", "0136", "02134-1234", "021341234", "57O00", "307166", " 90210 "]
    states = ["MA", "MA", "TX", "MA", "MA", "MA", "SD", "GA", "CA"]
    out = quality.standardize_zip(pd.Series(zips, index=range(10, 19)), states=states)
    assert list(out.index) == list(range(10, 19))
    assert out["status"].tolist() == ["ok", "repaired", "flagged", "flagged", "standardized", "standardized",
                                      "flagged", "flagged", "standardized"]
    assert out["standard"].tolist() == ["02134", "02138", "2138", "0136", "02134", "02134", "57O00", "307166", "90210"]
    assert "(1234) were cut" in out["note"].iloc[4]
    assert quality.standardize_zip(["2138", "02134"])["status"].tolist() == ["flagged", "ok"]  # no states: no guess


def test_standardize_zip_keeps_floats_from_spreadsheets_flagged():
    assert quality.standardize_zip([2134.0])["status"].tolist() == ["flagged"]


def test_standardize_name_and_date():
    names = quality.standardize_name(["  anne   marie ", "DE LA CRUZ", "McDonald", "Smith 2", ""])
    assert names["standard"].fillna("").tolist() == ["Anne Marie", "De La Cruz", "McDonald", "Smith 2", ""]
    assert names["status"].tolist() == ["standardized", "standardized", "ok", "flagged", "missing"]
    dates = quality.standardize_date(["19700304", "1970/03/04", "Mar 4, 1970", "03-04-1970", "1970-3-4", "04.03.1970"])
    assert dates["standard"].tolist()[:5] == ["1970-03-04"] * 5
    assert dates["status"].tolist()[-1] == "flagged"
    real = quality.standardize_date(pd.Series(pd.to_datetime(["1970-03-04", None])))
    assert real["status"].tolist() == ["ok", "missing"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=14)), max_size=8))
def test_standardizing_never_loses_a_value(values):
    for func in (quality.standardize_phone, quality.standardize_zip, quality.standardize_name,
                 quality.standardize_date):
        out = func(values)
        assert len(out) == len(values) and set(out["status"]) <= set(quality.STATUSES)
        flagged = out[out["status"] == "flagged"]
        assert (flagged["standard"] == flagged["value"].str.strip()).all()
        assert out.loc[out["status"] != "missing", "standard"].notna().all()


@settings(max_examples=60, deadline=None)
@given(st.text("0123456789", min_size=10, max_size=10), st.sampled_from(["{}{}{}.{}{}{}.{}{}{}{}",
       "({}{}{}) {}{}{}-{}{}{}{}", "+1 {}{}{} {}{}{} {}{}{}{}", "{}{}{}{}{}{}{}{}{}{}"]))
def test_any_ten_digit_layout_standardizes_to_the_same_digits(digits, layout):
    row = quality.standardize_phone([layout.format(*digits)]).iloc[0]
    assert row["status"] in ("ok", "standardized")
    assert "".join(ch for ch in row["standard"] if ch.isdigit()) == digits


def test_single_value_validators():
    assert quality.is_valid_zip("02134") and quality.is_valid_zip("02134-1234")
    assert not any(quality.is_valid_zip(z) for z in ["2134", "021345", "02O34", "", None, 2134])
    assert quality.is_valid_phone("617 555 0101") and not quality.is_valid_phone("617 555 010")


# -- scoring and the report ----------------------------------------------------------------
def test_score_and_compare_found_missed_extra():
    truth = pd.DataFrame({"table": ["patients"] * 3, "row_id": ["P1", "P2", "P3"], "column": ["zip"] * 3,
                          "kind": ["malformed_zip"] * 3, "value": ["2134", "9021", "1O001"]})
    found = pd.concat([truth.iloc[:2], pd.DataFrame({"table": ["patients"], "row_id": ["P4"], "column": ["sex"],
                                                      "kind": ["invalid_value"], "value": ["X"]})])
    rows = quality.compare_findings(found, truth)
    assert dict(zip(rows["row_id"], rows["outcome"])) == {"P1": "found", "P2": "found", "P3": "missed", "P4": "extra"}
    score = quality.score_findings(found, truth).set_index("kind")
    assert score.loc["all", ["planted", "found", "missed", "extra"]].tolist() == [3, 2, 1, 1]
    assert score.loc["all", "precision"] == pytest.approx(2 / 3) and score.loc["all", "recall"] == pytest.approx(2 / 3)
    assert pd.isna(score.loc["invalid_value", "recall"])  # nothing planted: no recall
    assert pd.isna(quality.score_findings(found.iloc[:0], truth).iloc[-1]["precision"])  # nothing found


def test_quality_report_lists_every_kind_checked(sample):
    p, e, d, _ = sample
    report = quality.quality_report(p, e, d, extract_date=EXTRACT)
    assert len(report) == sum(len(k) for k in quality.CHECKED_KINDS.values())
    assert report["findings"].sum() == len(quality.find_defects(p, e, d, extract_date=EXTRACT))
    row = report.set_index(["table", "kind"]).loc[("patients", "malformed_zip")]
    assert row["share_of_rows"] == pytest.approx(row["rows_affected"] / len(p))
    assert report.attrs["extract_date"] == EXTRACT


def test_check_entry():
    out = quality.check_entry("6175550101", "02134", "2030-01-01", "e119", as_of=EXTRACT).set_index("field")
    assert out["passed"].tolist() == [True, True, False, True]
    assert out.loc["ICD-10-CM code", "standard"] == "E11.9"
    assert "cannot be in the future" in out.loc["Birth date", "message"]
    empty = quality.check_entry(as_of=EXTRACT)
    assert not empty["passed"].any() and set(empty["message"]) == {"nothing entered yet"}


# -- the chart -----------------------------------------------------------------------------
def test_chart_from_report_and_from_findings(sample):
    p, e, d, truth = sample
    report = quality.quality_report(p, e, d, extract_date=EXTRACT)
    fig = charts.quality_findings(report, data.cite("synthetic_defects"))
    ax = check_figure(fig, data.cite("synthetic_defects"), xunit="number of records")
    assert ax.get_title() == "Data-quality findings by table and kind"
    assert ax.get_xlabel() == "Findings (number of records)" and ax.get_ylabel() == "Kind of problem (table)"
    assert len(ax.patches) == len(report)
    share = charts.quality_findings(report, data.cite("synthetic_defects"), share=True, drop_zero=True).axes[0]
    assert share.get_xlabel() == "Rows affected (% of the table's rows)"
    assert len(share.patches) == (report["findings"] > 0).sum()
    assert "%" in share.texts[0].get_text()
    planted = charts.quality_findings(truth, data.cite("synthetic_defects")).axes[0]
    assert len(planted.patches) == truth.groupby(["table", "kind"]).ngroups


def test_chart_errors():
    found = pd.DataFrame({"table": ["patients"], "kind": ["malformed_zip"]})
    with pytest.raises(ValueError, match="share_of_rows"):
        charts.quality_findings(found, "Source: x", share=True)
    with pytest.raises(ValueError, match="no column 'kind'"):
        charts.quality_findings(found.drop(columns="kind"), "Source: x")
    zero = pd.DataFrame({"table": ["patients"], "kind": ["invalid_date"], "findings": [0], "share_of_rows": [0.0]})
    with pytest.raises(ValueError, match="every count is zero"):
        charts.quality_findings(zero, "Source: x", drop_zero=True)
    with pytest.raises(ValueError, match="source"):
        charts.quality_findings(found, "")
