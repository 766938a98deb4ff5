"""helpers.stats: worked examples checked by hand, properties, and impossible input rejected."""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import stats

# -- worked examples (arithmetic written out) -----------------------------


def test_average_daily_census_worked_example():
    # March: 31 days, 2,945 inpatient service days -> 2,945 / 31 = 95.0 patients a day
    assert stats.average_daily_census(2_945, 31) == 95.0
    # 1,000 / 7 = 142.857...
    assert stats.average_daily_census(1_000, 7) == pytest.approx(142.857142857)


def test_bed_occupancy_worked_example():
    # 150 beds, April (30 days), 3,825 service days: 3,825 x 100 / (150 x 30) = 382,500 / 4,500 = 85.0
    assert stats.bed_occupancy_rate(3_825, 150, 30) == 85.0
    # overflow: 33 service days in 1 day with 30 beds: 3,300 / 30 = 110.0 (allowed, not an error)
    assert stats.bed_occupancy_rate(33, 30, 1) == pytest.approx(110.0)


def test_average_length_of_stay_worked_example():
    # 1,260 discharge days over 280 discharges (deaths included): 1,260 / 280 = 4.5 days
    assert stats.average_length_of_stay(1_260, 280) == 4.5


def test_gross_death_rate_worked_example():
    # 7 deaths among 560 discharges: 7 x 100 / 560 = 700 / 560 = 1.25 %
    assert stats.gross_death_rate(7, 560) == 1.25


def test_net_death_rate_worked_example():
    # 7 deaths, 3 within 48 h, 560 discharges: (7 - 3) x 100 / (560 - 3) = 400 / 557 = 0.71813...
    assert stats.net_death_rate(7, 3, 560) == pytest.approx(0.718132854)
    # no early deaths: net equals gross
    assert stats.net_death_rate(7, 0, 560) == stats.gross_death_rate(7, 560)


def test_bed_turnover_worked_example():
    # 1,500 discharges, average 125 beds: 1,500 / 125 = 12.0 patients per bed
    assert stats.bed_turnover(1_500, 125) == 12.0


def test_net_autopsy_rate_worked_example():
    # 20 deaths, 4 released to the coroner and not autopsied, 6 autopsies: 6 x 100 / (20 - 4) = 600 / 16 = 37.5
    assert stats.net_autopsy_rate(6, 20, 4) == 37.5


def test_a_wrong_formula_would_fail():
    # occupancy is not service days / beds (which would be 25.5 here), and ALOS is not discharges / days
    assert stats.bed_occupancy_rate(3_825, 150, 30) != pytest.approx(3_825 / 150)
    assert stats.average_length_of_stay(1_260, 280) != pytest.approx(280 / 1_260)


# -- shapes in, shapes out -------------------------------------------------


def test_scalars_give_a_float():
    out = stats.average_daily_census(np.int64(310), 31)
    assert type(out) is float and out == 10.0


def test_arrays_give_an_array_of_the_same_shape():
    out = stats.gross_death_rate(np.array([1, 2, 3]), np.array([100, 100, 300]))
    assert isinstance(out, np.ndarray)
    np.testing.assert_allclose(out, [1.0, 2.0, 1.0])
    # a list broadcasts with a scalar
    np.testing.assert_allclose(stats.bed_occupancy_rate([1_500, 3_000], 100, 30), [50.0, 100.0])


def test_series_keep_their_index():
    months = pd.Index(["Jan", "Feb"], name="month")
    service = pd.Series([3_100, 2_800], index=months)
    days = pd.Series([31, 28], index=months)
    out = stats.average_daily_census(service, days)
    assert isinstance(out, pd.Series)
    assert list(out.index) == ["Jan", "Feb"]
    assert list(out) == [100.0, 100.0]
    # a nullable integer Series works too
    assert list(stats.bed_turnover(pd.Series([10, 20], dtype="Int64"), 5)) == [2.0, 4.0]


# -- properties --------------------------------------------------------------

counts = st.integers(0, 1_000_000)
positive = st.integers(1, 1_000_000)


@given(counts, positive, positive)
def test_occupancy_is_adc_over_beds(service_days, beds, days):
    adc = stats.average_daily_census(service_days, days)
    assert stats.bed_occupancy_rate(service_days, beds, days) == pytest.approx(adc / beds * 100)


@given(counts, positive)
def test_alos_times_discharges_gives_back_los_days(los_days, discharges):
    assert stats.average_length_of_stay(los_days, discharges) * discharges == pytest.approx(los_days)


@given(st.data())
def test_net_death_rate_never_above_gross(data):
    discharges = data.draw(st.integers(1, 100_000))
    deaths = data.draw(st.integers(0, discharges))
    early = data.draw(st.integers(0, min(deaths, discharges - 1)))
    gross = stats.gross_death_rate(deaths, discharges)
    net = stats.net_death_rate(deaths, early, discharges)
    assert 0 <= net <= gross + 1e-9 <= 100 + 1e-9


@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 10_000)), min_size=1, max_size=20))
def test_arrays_match_scalars(pairs):
    deaths = np.array([min(a, b) for a, b in pairs])
    discharges = np.array([b for _, b in pairs])
    out = stats.gross_death_rate(deaths, discharges)
    assert out.shape == deaths.shape
    for d, n, r in zip(deaths, discharges, out):
        assert r == pytest.approx(stats.gross_death_rate(int(d), int(n)))


@given(st.data())
def test_net_autopsy_rate_between_0_and_100(data):
    deaths = data.draw(st.integers(1, 1_000))
    coroner = data.draw(st.integers(0, deaths - 1))
    autopsies = data.draw(st.integers(0, deaths - coroner))
    assert 0 <= stats.net_autopsy_rate(autopsies, deaths, coroner) <= 100


# -- impossible input ---------------------------------------------------------


@pytest.mark.parametrize("call, words", [
    (lambda: stats.average_daily_census(-1, 30), "service_days cannot be negative"),
    (lambda: stats.average_daily_census(100, 0), "days must be above 0"),
    (lambda: stats.bed_occupancy_rate(100, 0, 30), "beds must be above 0"),
    (lambda: stats.bed_occupancy_rate(100, -5, 30), "beds cannot be negative"),
    (lambda: stats.average_length_of_stay(100, 0), "discharges must be above 0"),
    (lambda: stats.gross_death_rate(5, 4), "deaths cannot be more than discharges"),
    (lambda: stats.gross_death_rate(1, 0), "discharges must be above 0"),
    (lambda: stats.net_death_rate(3, 4, 100), "deaths_under_48h cannot be more than deaths"),
    (lambda: stats.net_death_rate(3, 3, 3), "discharges minus deaths_under_48h must be above 0"),
    (lambda: stats.net_death_rate(-1, 0, 10), "deaths cannot be negative"),
    (lambda: stats.bed_turnover(10, 0), "average_bed_count must be above 0"),
    (lambda: stats.net_autopsy_rate(1, 4, 4), "deaths minus unautopsied_coroner_cases must be above 0"),
    (lambda: stats.net_autopsy_rate(5, 6, 2), "autopsies cannot be more than"),
    (lambda: stats.net_autopsy_rate(1, 2, 3), "unautopsied_coroner_cases cannot be more than deaths"),
    (lambda: stats.average_daily_census("300", 30), "service_days must be a number"),
    (lambda: stats.average_daily_census(True, 30), "service_days must be a number"),
    (lambda: stats.average_daily_census(float("nan"), 30), "service_days has a missing value"),
    (lambda: stats.average_daily_census(300, math.inf), "days must be finite"),
    (lambda: stats.average_daily_census(None, 30), "service_days has a missing value"),
])
def test_impossible_scalars_are_rejected(call, words):
    with pytest.raises(ValueError, match=words):
        call()


@pytest.mark.parametrize("call, words", [
    (lambda: stats.average_daily_census(np.array([300, -1]), 30), "service_days cannot be negative"),
    (lambda: stats.bed_occupancy_rate([300, 310], [10, 0], 30), "beds must be above 0"),
    (lambda: stats.gross_death_rate(pd.Series([1, 9]), pd.Series([10, 8])), "deaths cannot be more than discharges"),
    (lambda: stats.net_death_rate([2, 2], [1, 3], [10, 10]), "deaths_under_48h cannot be more than deaths"),
    (lambda: stats.average_length_of_stay(pd.Series([10.0, np.nan]), 2), "los_days has a missing value"),
    (lambda: stats.average_length_of_stay(pd.Series([10, None], dtype="Int64"), 2), "los_days has a missing value"),
    (lambda: stats.average_length_of_stay(["10", "x"], 2), "los_days must hold numbers only"),
    (lambda: stats.average_length_of_stay([True, False], 2), "los_days must hold numbers"),
    (lambda: stats.average_length_of_stay([], 2), "los_days is empty"),
    (lambda: stats.average_length_of_stay([1, 2, 3], [1, 2]), "different lengths"),
])
def test_impossible_arrays_are_rejected(call, words):
    with pytest.raises(ValueError, match=words):
        call()


# -- census_summary ---------------------------------------------------------------


def _census() -> pd.DataFrame:
    # ICU: 4 beds; census 3, 5 (over), 4 over 3 days.  Ward: 10 beds; census 8, 9, 10.
    dates = ["2026-01-01", "2026-01-02", "2026-01-03"]
    return pd.DataFrame({
        "date": dates * 2,
        "unit": ["ICU"] * 3 + ["Ward"] * 3,
        "census": [3, 5, 4, 8, 9, 10],
        "beds": [4, 4, 4, 10, 10, 10],
    })


def test_census_summary_worked_example():
    out = stats.census_summary(_census()).set_index("unit")
    assert list(out.columns) == list(stats.SUMMARY_COLUMNS)[1:]
    assert list(out.index) == ["ICU", "Ward", "All units"]
    # ICU: service days 3 + 5 + 4 = 12; ADC 12 / 3 = 4.0; occupancy 12 x 100 / (4 x 3) = 100.0; 1 day over (5 > 4)
    assert out.loc["ICU"].to_dict() == {
        "days": 3, "service_days": 12, "bed_days": 12, "average_daily_census": 4.0,
        "occupancy_pct": 100.0, "days_over_capacity": 1,
    }
    # Ward: 8 + 9 + 10 = 27; ADC 9.0; occupancy 2,700 / 30 = 90.0; never over
    assert out.loc["Ward", "occupancy_pct"] == 90.0
    assert out.loc["Ward", "days_over_capacity"] == 0
    # Hospital: 39 service days / 3 days = 13.0; 3,900 / (14 x 3) = 92.857 -> 92.9;
    # daily totals 11, 14, 14 against 14 beds: never over, although the ICU was once
    assert out.loc["All units", "service_days"] == 39
    assert out.loc["All units", "average_daily_census"] == 13.0
    assert out.loc["All units", "occupancy_pct"] == 92.9
    assert out.loc["All units", "days_over_capacity"] == 0
    # agrees with the scalar formulas
    assert out.loc["Ward", "occupancy_pct"] == stats.bed_occupancy_rate(27, 10, 3)


def test_census_summary_rows_in_any_order_give_the_same_answer():
    shuffled = _census().sample(frac=1, random_state=1)
    pd.testing.assert_frame_equal(stats.census_summary(shuffled), stats.census_summary(_census()))


@pytest.mark.parametrize("change, words", [
    (lambda df: df.drop(columns="beds"), "no column 'beds'"),
    (lambda df: df.drop(columns=["date", "unit"]), "no column 'date', 'unit'"),
    (lambda df: df.iloc[0:0], "empty"),
    (lambda df: df.assign(census=[3, -5, 4, 8, 9, 10]), "'census' cannot be negative"),
    (lambda df: df.assign(census=[3, None, 4, 8, 9, 10]), "'census' has a missing value"),
    (lambda df: df.assign(beds=[4, 0, 4, 10, 10, 10]), "'beds' must be above 0"),
    (lambda df: df.assign(date=["2026-01-01"] * 6), "more than one row"),
    (lambda df: df.assign(date=["someday"] * 6), "not a date"),
    (lambda df: df.assign(unit=[None] * 6), "'unit' is empty"),
])
def test_census_summary_rejects_bad_tables(change, words):
    with pytest.raises(ValueError, match=words):
        stats.census_summary(change(_census()))


def test_census_summary_needs_a_dataframe():
    with pytest.raises(ValueError, match="needs a DataFrame"):
        stats.census_summary([1, 2, 3])


# -- screen_stays and daily_census ---------------------------------------------


def _encounters() -> pd.DataFrame:
    # A: 1 Mar -> 3 Mar (2 days); B: same day 2 Mar (1 day); C: discharge before admission;
    # D: no admit date; E: discharged after the extract date; F: outpatient (not a stay)
    return pd.DataFrame({
        "encounter_type": ["inpatient"] * 5 + ["outpatient"],
        "unit": ["ICU", "ICU", "ICU", "Ward", "Ward", "ICU"],
        "discharge_status": ["home", "expired", "home", "home", "home", "home"],
        "admit_date": ["2026-03-01", "2026-03-02", "2026-03-02", None, "2026-03-01", "2026-03-01"],
        "discharge_date": ["2026-03-03", "2026-03-02", "2026-03-01", "2026-03-02", "2027-01-05", "2026-03-01"],
    })


def test_screen_stays_names_each_problem():
    out = stats.screen_stays(_encounters(), extract_date="2026-12-31")
    assert list(out["problem"].fillna("ok")) == [
        "ok", "ok", "discharge before admission", "missing admit date", "discharge after the extract date"]
    assert list(out["stay_days"].iloc[:2]) == [2, 1]  # a same-day stay counts as 1 day
    assert out["stay_days"].iloc[2:].isna().all()


def test_daily_census_worked_example():
    table = stats.daily_census(_encounters(), "2026-03-01", "2026-03-03", {"ICU": 2, "Ward": 1},
                               extract_date="2026-12-31")
    icu = table[table["unit"] == "ICU"]
    # 1 Mar: A at midnight; 2 Mar: A at midnight + B in and out; 3 Mar: A left that day
    assert list(icu["census"]) == [1, 2, 0]
    assert list(table.loc[table["unit"] == "Ward", "census"]) == [0, 0, 0]
    assert table.attrs["excluded"] == {"discharge before admission": 1, "missing admit date": 1,
                                       "discharge after the extract date": 1}
    # the service days add up to the usable stays' days, and census_summary accepts the table
    summary = stats.census_summary(table).set_index("unit")
    assert summary.loc["ICU", "service_days"] == 3 and summary.loc["All units", "bed_days"] == 9


def test_daily_census_on_the_synthetic_sample_matches_the_stays():
    from helpers import data

    enc = data.load("synthetic_encounters")
    units = sorted(enc.loc[enc["encounter_type"] == "inpatient", "unit"].dropna().unique())
    table = stats.daily_census(enc, "2022-12-01", "2026-01-01", {u: 1 for u in units}, extract_date="2026-01-01")
    stays = stats.screen_stays(enc, extract_date="2026-01-01")
    ok = stays[stays["problem"].isna()]
    assert table["census"].sum() == ok["stay_days"].sum()
    assert sum(table.attrs["excluded"].values()) == stays["problem"].notna().sum() > 0


def test_daily_census_sets_aside_only_the_stays_of_its_period_and_units():
    """A monthly report counts the set-aside stays that may fall in that month, not the whole extract's."""
    april = stats.daily_census(_encounters(), "2026-04-01", "2026-04-30", {"ICU": 2, "Ward": 1},
                               extract_date="2026-12-31")
    # Only E (Ward, 1 Mar -> after the extract date) is still in a bed in April; C and D ended in March.
    assert april.attrs["excluded"] == {"discharge after the extract date": 1}
    icu_only = stats.daily_census(_encounters(), "2026-03-01", "2026-03-03", {"ICU": 2}, extract_date="2026-12-31")
    assert icu_only.attrs["excluded"] == {"discharge before admission": 1}  # D and E are Ward stays
    february = stats.daily_census(_encounters(), "2026-02-01", "2026-02-28", {"ICU": 2, "Ward": 1},
                                  extract_date="2026-12-31")
    assert february.attrs["excluded"] == {"missing admit date": 1}  # D's admission could be any day before 2 Mar


def test_a_period_after_the_extract_date_is_refused_not_counted_as_empty():
    with pytest.raises(ValueError, match="taken on 2026-03-31.*End the period on or before 2026-03-31"):
        stats.daily_census(_encounters(), "2026-04-01", "2026-04-30", {"ICU": 2}, extract_date="2026-03-31")
    last_day = stats.daily_census(_encounters(), "2026-03-01", "2026-03-31", {"ICU": 2}, extract_date="2026-03-31")
    assert len(last_day) == 31  # a period ending on the extract date itself is fine


@pytest.mark.parametrize("call, words", [
    (lambda: stats.daily_census(_encounters(), "2026-03-03", "2026-03-01", {"ICU": 2}), "on or after"),
    (lambda: stats.daily_census(_encounters(), "soon", "2026-03-01", {"ICU": 2}), "start must be a date such as"),
    (lambda: stats.daily_census(_encounters(), "2026-03-01", "2026-03-02", {}), "at least one unit"),
    (lambda: stats.daily_census(_encounters(), "2026-03-01", "2026-03-02", {"ICU": 0}), "above 0"),
    (lambda: stats.screen_stays(_encounters().drop(columns="unit")), "'unit'"),
    (lambda: stats.screen_stays([1, 2]), "DataFrame"),
])
def test_daily_census_rejects_bad_input(call, words):
    with pytest.raises(ValueError, match=words):
        call()
