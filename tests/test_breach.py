"""helpers.breach: each threshold proven on both sides (499/500/501), and the deadlines by date."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import data
from helpers.breach import annual_report_due, breach_rules, notification_duties

RULES = breach_rules()


def duty(table: pd.DataFrame, who: str) -> pd.Series:
    rows = table[table["notify"] == who]
    assert len(rows) == 1, f"expected one row for {who}, got {len(rows)}"
    return rows.iloc[0]


def test_rules_come_from_the_data_and_say_what_the_issue_says():
    table = data.load("breach_notification").set_index("rule_id")
    assert RULES["individual_notice_days"] == table.loc["individual_notice_days", "value"] == 60
    assert RULES["hhs_prompt_threshold"] == RULES["media_threshold"] == 500
    assert RULES["hhs_annual_days"] == RULES["business_associate_days"] == RULES["media_days"] == 60
    assert set(table["tag"]) <= {"V", "S", "U"}


@pytest.mark.parametrize("affected, prompt", [(499, False), (500, True), (501, True)])
def test_hhs_is_told_now_from_500_people_and_in_the_yearly_report_below(affected, prompt):
    hhs = duty(notification_duties("2026-03-02", affected), "HHS")
    assert hhs["required"]
    if prompt:
        assert hhs["deadline"] == pd.Timestamp("2026-05-01") and "164.408(b)" in hhs["rule"]
    else:
        assert hhs["deadline"] == pd.Timestamp("2027-03-01") and "164.408(c)" in hhs["rule"]


@pytest.mark.parametrize("residents, media", [(499, False), (500, False), (501, True)])
def test_media_only_when_more_than_500_residents_of_one_state(residents, media):
    table = notification_duties("2026-03-02", 800, {"NH": residents})
    row = duty(table, "media in NH")
    assert bool(row["required"]) is media
    assert (row["deadline"] == pd.Timestamp("2026-05-01")) if media else pd.isna(row["deadline"])


def test_the_media_count_is_per_state_not_the_total():
    table = notification_duties("2026-03-02", 612, {"NH": 306, "MA": 306})
    assert not table[table["notify"].str.startswith("media")]["required"].any()
    assert duty(table, "HHS")["deadline"] == pd.Timestamp("2026-05-01")  # 612 in total is still 500 or more


def test_individuals_deadline_counts_calendar_days_across_months_and_leap_years():
    assert duty(notification_duties("2028-01-15", 3), "individuals")["deadline"] == pd.Timestamp("2028-03-15")
    assert duty(notification_duties("2027-01-15", 3), "individuals")["deadline"] == pd.Timestamp("2027-03-16")
    assert duty(notification_duties("2026-12-20", 3), "individuals")["deadline"] == pd.Timestamp("2027-02-18")


def test_annual_report_runs_from_the_end_of_the_year_of_discovery():
    assert annual_report_due("2026-01-01") == annual_report_due("2026-12-31") == pd.Timestamp("2027-03-01")
    assert annual_report_due("2027-07-04") == pd.Timestamp("2028-02-29")  # 2028 is a leap year
    late = duty(notification_duties("2026-12-31", 12), "HHS")
    assert late["deadline"] == pd.Timestamp("2027-03-01")


def test_no_duties_when_secured_or_low_probability_and_the_reason_is_given():
    for kwargs, word in (({"secured": True}, "secured"), ({"low_probability": True}, "low probability")):
        table = notification_duties("2026-03-02", 5000, {"NH": 4000}, **kwargs)
        assert not table["required"].any() and word in table.loc[0, "why"]
    assert notification_duties("2026-03-02", 5000, {"NH": 4000})["required"].all()


def test_a_business_associate_tells_the_covered_entity_within_60_days():
    table = notification_duties("2026-03-02", 900, {"NH": 900}, business_associate=True)
    assert table["notify"].tolist() == ["covered entity"]
    assert table.loc[0, "deadline"] == pd.Timestamp("2026-05-01") and "164.410" in table.loc[0, "rule"]


@pytest.mark.parametrize("args, kwargs, words", [
    (("2026-03-02", 0), {}, "affected"),
    (("2026-03-02", -5), {}, "affected"),
    (("2026-03-02", 2.5), {}, "affected"),
    (("soon", 10), {}, "discovered"),
    (("2026-03-02", 10, {"NH": 11}), {}, "more than the 10 affected"),
    (("2026-03-02", 10, {"NH": -1}), {}, "residents of NH"),
    (("2026-03-02", 10, [("NH", 3)]), {}, "mapping"),
    (("2026-03-02", 10, {"nh": 2, "NH": 3}), {}, "twice"),
    (("2026-03-02", 10), {"secured": "yes"}, "secured"),
])
def test_bad_input_is_refused_with_a_sentence_naming_it(args, kwargs, words):
    with pytest.raises(ValueError, match=words):
        notification_duties(*args, **kwargs)
