"""helpers.career.pay and helpers.career.advancing: pay figures side by side, fair comparisons, the ladder."""
import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import career, data
from helpers.career import pay


@pytest.fixture(scope="module")
def wages():
    return data.load("bls_wages")


# -- percent_change ------------------------------------------------------------------------
def test_percent_change_values():
    assert career.percent_change(40000, 50000) == 25.0
    assert career.percent_change(50000, 40000) == -20.0
    assert career.percent_change(100, 100) == 0.0


@pytest.mark.parametrize("old, new", [(0, 10), (-5, 10), (None, 10), (10, None), (pd.NA, 10),
                                      (float("nan"), 1), ("abc", 1), (True, 2), (1, float("inf"))])
def test_percent_change_refuses_bad_input(old, new):
    with pytest.raises(ValueError):
        career.percent_change(old, new)


@given(st.floats(1, 1e7), st.floats(0, 1e7))
def test_percent_change_round_trips(old, new):
    change = career.percent_change(old, new)
    assert math.isclose(old * (1 + change / 100), new, rel_tol=1e-9, abs_tol=1e-6)


# -- parsing amounts -----------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [("42000", 42000), (" $42,500 ", 42500), ("38k", 38000), ("42.5K", 42500),
                                         ("$1,250,000", 1250000), (45000, 45000), ("$ 42 000", 42000)])
def test_parse_money_accepts(text, value):
    assert career.parse_money(text) == value


@pytest.mark.parametrize("text, words", [("", "empty"), ("abc", "not an amount"), ("-4000", "not an amount"),
                                         ("24.16", "hourly"), ("0", r"above \$0"), ("99999999", "extra digit"),
                                         ("42,00", "not an amount"), (True, "yearly salary"),
                                         (float("nan"), "not a number")])
def test_parse_money_refuses_with_a_useful_message(text, words):
    with pytest.raises(ValueError, match=words):
        career.parse_money(text)


def test_parse_salaries():
    assert career.parse_salaries("31000 35,500;40k\n50000") == [31000, 35500, 40000, 50000]
    with pytest.raises(ValueError, match="empty"):
        career.parse_salaries("   ")
    assert career.parse_salaries("31000, 35000,40000") == [31000, 35000, 40000]  # commas between amounts
    assert career.parse_salaries("$31,000, $35,500") == [31000, 35500]
    with pytest.raises(ValueError, match="mixes commas inside numbers and between them"):
        career.parse_salaries("31,000,40,000")  # ambiguous: refused with what to do


# -- pay_summary ---------------------------------------------------------------------------
def test_pay_summary_odd_and_even():
    assert career.pay_summary([3, 1, 2])["median"] == 2
    s = career.pay_summary([30000, 40000, 50000, 200000])
    assert (s["median"], s["mean"], s["lowest"], s["highest"], s["count"]) == (45000, 80000, 30000, 200000, 4)
    assert career.pay_summary([42000])["p25"] == 42000


@pytest.mark.parametrize("values", [[], [1, -2], [1, None], ["x"]])
def test_pay_summary_refuses(values):
    with pytest.raises(ValueError):
        career.pay_summary(values)


@given(st.lists(st.integers(1000, 500000), min_size=1, max_size=40))
def test_pay_summary_properties(values):
    s = career.pay_summary(values)
    assert s["lowest"] <= s["p25"] <= s["median"] <= s["p75"] <= s["highest"]
    assert sum(v <= s["median"] for v in values) >= len(values) / 2
    assert sum(v >= s["median"] for v in values) >= len(values) / 2


# -- salary_sources ------------------------------------------------------------------------
def test_salary_sources_every_option_keeps_sources_apart():
    ladder, industry = data.load("career_ladder"), data.load("wages_by_industry")
    pay_table = data.load("certification_pay")
    for step in ladder["step"]:
        for key, group in career.CREDENTIAL_GROUPS.items():
            for setting in [career.ANY_SETTING, *industry["industry"]]:
                t = career.salary_sources(int(step), key, setting)
                assert list(t.columns) == ["source", "measures", "figure", "low_usd", "high_usd", "open_ended",
                                           "as_of", "tag"]
                assert len(t) == (4 if setting == career.ANY_SETTING else 5)
                assert t["source"].is_unique or list(t["source"]).count("BLS wage statistics") == 2
                assert set(t["tag"]) <= {"V", "S", "G", "U"} and t["as_of"].str.len().gt(0).all()
                aapc = t[t["source"] == "AAPC salary survey"].iloc[0]
                assert group in aapc["measures"]
                assert aapc["low_usd"] == pay_table.set_index("group").loc[group, "average_salary_usd"]
                guide = t.iloc[0]
                row = ladder[ladder["step"] == step].iloc[0]
                assert (guide["low_usd"], guide["high_usd"]) == (row["salary_low_usd"], row["salary_high_usd"])
                if setting != career.ANY_SETTING:
                    assert t.iloc[-1]["as_of"] == "May 2011" and "29-2071" in t.iloc[-1]["measures"]
                    assert t.iloc[-1]["tag"] == "V"


def test_salary_sources_by_level_name_and_group_name():
    a = career.salary_sources("Senior Medical Records Technician", "Three credentials")
    b = career.salary_sources(3, "three")
    pd.testing.assert_frame_equal(a, b)
    assert a.loc[0, "figure"] == "$45,000–$55,000"
    assert career.salary_sources(5).loc[0, "figure"].endswith("+")


@pytest.mark.parametrize("args, words", [((9,), "not a level"), (("Chief",), "not a level"), ((True,), "not a level"),
                                         ((1, "two"), "not a credential group"),
                                         ((1, "none", "Casino"), "not a setting")])
def test_salary_sources_refuses(args, words):
    with pytest.raises(ValueError, match=words):
        career.salary_sources(*args)


def test_salary_sources_missing_values_stay_unknown():
    ladder = data.load("career_ladder")
    ladder.loc[0, "salary_high_usd"] = pd.NA
    ladder.loc[1, ["salary_low_usd", "salary_high_usd"]] = pd.NA
    pay_table = data.load("certification_pay")
    pay_table.loc[0, "average_salary_usd"] = pd.NA
    wages = data.load("bls_wages").iloc[[0, 4]]  # no 29-2072 row with both p10 and p90
    t = career.salary_sources(1, "none", ladder=ladder, pay=pay_table, wages=wages)
    assert t.loc[0, "figure"] == "$25,000" and t.loc[1, "figure"] == "unknown"
    assert len(t) == 3, "no percentile row may be invented when the percentiles are unknown"
    assert career.salary_sources(2, ladder=ladder).loc[0, "figure"] == "unknown"
    assert (t["as_of"] == "unknown").sum() == 2, "tables passed in have no date: say unknown"


# -- place_offer ---------------------------------------------------------------------------
@pytest.mark.parametrize("offer, low, high, open_, words", [
    (30000, 35000, 45000, False, "below this range"), (40000, 35000, 45000, False, "inside this range"),
    (50000, 35000, 45000, False, "above this range"), (90000, 55000, 75000, True, "can go higher"),
    (50250, 50250, 50250, False, "equal"), (40000, 50250, 50250, False, "$10,250 below"),
    (40000, None, None, False, "unknown"), (40000, pd.NA, 45000, False, "below"),
])
def test_place_offer(offer, low, high, open_, words):
    assert words in career.place_offer(offer, low, high, open_)


def test_place_offer_refuses_nonsense():
    with pytest.raises(ValueError):
        career.place_offer("lots", 1, 2)


# -- periods -------------------------------------------------------------------------------
def test_percentile_table(wages):
    t = career.percentile_table(wages)
    assert len(t) == len(wages) and t.loc[0, "unknown"] == "none"
    assert t.loc[1, "unknown"] == "10th percentile, 25th percentile, 75th percentile, 90th percentile"
    assert t["p25_annual_usd"].isna().sum() == 4, "missing percentiles stay missing"
    with pytest.raises(ValueError, match="missing column"):
        career.percentile_table(wages.drop(columns="p90_annual_usd"))


def test_compare_periods_same_code(wages):
    c = career.compare_periods(wages, "May 2021", 2024)
    assert c["same_code"] and c["warning"] == "" and c["codes"] == ("29-2072", "29-2072")
    assert c["percent_change"] == pytest.approx((50250 - 46660) / 46660 * 100)
    assert career.compare_periods(wages, 2024, 2021)["percent_change"] < 0


@pytest.mark.parametrize("start, end", [(2011, 2024), ("May 2020", "May 2021"), (2011, 2020)])
def test_compare_periods_refuses_to_mix_codes(wages, start, end):
    with pytest.raises(ValueError, match="different groups of workers"):
        career.compare_periods(wages, start, end)
    c = career.compare_periods(wages, start, end, allow_mixed=True)
    assert not c["same_code"] and "not a pay change" in c["warning"]


@pytest.mark.parametrize("period", [2019, "June 2024", None, True])
def test_compare_periods_unknown_period(wages, period):
    with pytest.raises(ValueError, match="not a period"):
        career.compare_periods(wages, period, 2024)


def test_compare_periods_unknown_median(wages):
    w = wages.copy()
    w.loc[w["year"] == 2023, "median_annual_usd"] = pd.NA
    with pytest.raises(ValueError, match="unknown"):
        career.compare_periods(w, 2023, 2024)


def test_period_changes(wages):
    t = career.period_changes(wages)
    assert len(t) == len(wages) - 1
    assert list(t["comparable"]) == [False, False, True, True]
    assert t["percent_change"].isna().tolist() == [True, True, False, False]
    assert "not the same series" in t.loc[0, "note"]
    w = wages.copy()
    w.loc[w["year"] == 2023, "median_annual_usd"] = pd.NA
    assert career.period_changes(w)["percent_change"].isna().all()
    assert len(career.period_changes(wages.iloc[[0]])) == 0


def test_prospects_summary():
    projections = data.load("growth_projections")
    text = career.prospects_summary(projections)
    assert "2024–2034" in text and "7%" in text and "9%" in text and "estimate" in text
    one = career.prospects_summary(projections.iloc[[0]])
    assert "2019–2029" in one and "Across" not in one
    assert "2019" in text.split("Across")[1] and "different occupation definition" in text  # not compared
    shrink = projections.copy()
    shrink.loc[shrink["start_year"] == 2023, "growth_percent"] = -2
    assert "not all of them" in career.prospects_summary(shrink)
    with pytest.raises(ValueError):
        career.prospects_summary(projections.assign(growth_percent=float("nan")))


def test_usd_and_month():
    assert career.usd(1234.4) == "$1,234" and career.usd(pd.NA) == "unknown"
    assert pay._month("2011-05") == "May 2011" and pay._month("2024") == "2024" and pay._month("2011-13") == "2011-13"


# -- lesson 16 -----------------------------------------------------------------------------
def test_specializations_name_real_credentials():
    certs = set(data.load("certifications")["credential"])
    wanted = {"Coding": {"CCS", "CPC"}, "Cancer registry": {"ODS"}, "Data analysis": {"CHDA"},
              "Privacy and security": {"CHPS"}, "Documentation improvement": {"CDIP"}, "Management": {"RHIA"}}
    for name, creds in wanted.items():
        assert set(career.SPECIALIZATIONS[name]["credentials"]) == creds
    for name, spec in career.SPECIALIZATIONS.items():
        assert set(spec["credentials"]) <= certs, name
        assert spec["work"].endswith(".") and spec["note"].endswith(".")
    assert any("Epic" in name for name in career.SPECIALIZATIONS)
    assert set(career.ORGANIZATIONS) == {"AHIMA", "AAPC", "HIMSS", "EHRA"}


def test_specialization_facts_and_unknowns():
    s = career.specialization("Coding")
    assert [c["credential"] for c in s["credentials"]] == ["CCS", "CPC"]
    ccs, cpc = (dict((f, (v, t)) for f, v, t in c["facts"]) for c in s["credentials"])
    assert ccs["Exam"] == ("unknown", "U") and ccs["Continuing education"] == ("20 CEU every 2 years", "V")
    assert cpc["Fee"][0].startswith("$399 to $499") and cpc["Fee"][1] == "S"
    assert career.specialization("Vendor systems (Epic, Meditech and others)")["credentials"] == []
    with pytest.raises(ValueError, match="not one of the specializations"):
        career.specialization("Astronaut")
    with pytest.raises(ValueError, match="not a credential"):
        career.credential_facts("XYZ")
    assert career.credential_facts("rhit")[1][1].startswith("150 questions (130 scored); 3.5 hours")
    assert career.credential_facts("ODS")[3][1] == "20 CE hours every 2 years"
    assert career.credential_facts("CTR") == career.credential_facts("ODS")  # the former name still works


def test_credential_facts_with_missing_values():
    certs = data.load("certifications")
    certs.loc[certs["credential"] == "CPC", ["ce_required", "fee_low_usd", "fee_high_usd", "fee_tag"]] = pd.NA
    facts = dict((f, (v, t)) for f, v, t in career.credential_facts("CPC", certs))
    assert facts["Continuing education"][0] == "unknown" and facts["Fee"] == ("unknown", "U")


def test_ladder_step_every_level():
    ladder = data.load("career_ladder")
    for step in ladder["step"]:
        s = career.ladder_step(ladder, int(step))
        assert s["level"] == ladder.loc[ladder["step"] == step, "level"].item()
        assert s["changes"], "every step says what changes"
    top = career.ladder_step(ladder, 5)
    assert top["salary"] == "$75,000 to $100,000+"
    assert any(c.startswith("Education:") and "RHIA" in c for c in top["changes"])


@pytest.mark.parametrize("step", [0, 6, "2", 2.5, True, None])
def test_ladder_step_refuses(step):
    with pytest.raises(ValueError, match="not on the career ladder"):
        career.ladder_step(None, step)


def test_ladder_step_missing_salary_and_one_row():
    ladder = data.load("career_ladder")
    ladder.loc[1, ["salary_low_usd", "salary_high_usd"]] = pd.NA
    s = career.ladder_step(ladder, 2)
    assert s["salary"] == "unknown" and any("→ unknown" in c for c in s["changes"])
    assert career.ladder_step(ladder.iloc[[2]], 3)["changes"] == ["This is where most people start."]


def test_import_reads_nothing():
    import subprocess
    import sys

    code = ("import sys, helpers.career as c; "
            "from helpers import data; assert data._default is None, 'career read the data at import'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_specialization_table():
    t = career.specialization_table()
    assert list(t.columns) == ["specialization", "the_work", "credentials"]
    assert list(t["specialization"]) == list(career.SPECIALIZATIONS)
    assert t.set_index("specialization").loc["Management", "credentials"] == "RHIA"
    assert (t["credentials"] == "none").sum() == 1


def test_ladder_education_above_entry_is_the_courses_inference():
    """Guide B names education only for the entry level: steps 2-5 must not claim tag G for their education."""
    ladder = data.load("career_ladder").set_index("step")
    assert ladder.at[1, "education_tag"] == "G"
    assert (ladder.loc[2:5, "education_tag"] == "U").all()
    assert career.ladder_step(None, 3)["education_tag"] == "U" and career.ladder_step(None, 1)["education_tag"] == "G"
    assert "credentials" not in ladder.at[3, "education"].split("(")[0]  # one credential, not "credentials" read as two


def test_pay_quiz_says_the_2011_to_2024_change_cannot_be_read_as_a_rise():
    """The change mixes two occupation definitions and is not adjusted for inflation; it does not show pay stood still."""
    q = data.load("quizzes")
    rows = q[(q["lesson"] == "15") & q["question"].str.contains("pay rise", regex=False)]
    assert len(rows) and not rows["question"].str.contains("not a pay rise", regex=False).any()
    right = rows[rows["correct"]]
    assert len(right) == 1 and "inflation" in right["option"].iloc[0] and "occupation codes" in right["option"].iloc[0]
