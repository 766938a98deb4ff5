"""helpers.career.education: path lengths, paces, dated milestones, money entries (lesson 02)."""
import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from helpers import career, data
from helpers.career import education

PATHS = data.load("education_paths")


def test_every_path_has_months_from_the_table():
    for row in PATHS.itertuples():
        assert education.study_months(row.path) == (row.months_min, row.months_max)
        assert education.study_months(row.path, "part time") == (2 * row.months_min, 2 * row.months_max)


def test_pace_names_are_forgiving_but_unknown_paces_fail():
    assert education.pace_factor("Full-time") == 1 and education.pace_factor(" part time ") == 2
    with pytest.raises(ValueError, match="full time' or 'part time"):
        education.pace_factor("weekends")


def test_unknown_path_lists_the_known_ones():
    with pytest.raises(ValueError, match="Certificate program"):
        education.study_months("Online bootcamp")


@pytest.mark.parametrize("value, expected", [
    ("2026-09", dt.date(2026, 9, 1)), ("2026-9", dt.date(2026, 9, 1)), ("2027-02-15", dt.date(2027, 2, 15)),
    (dt.date(2026, 1, 31), dt.date(2026, 1, 31)), (pd.Timestamp("2030-12-01 13:00"), dt.date(2030, 12, 1)),
])
def test_parse_start_accepts_pickers_and_text(value, expected):
    assert education.parse_start(value).date() == expected


@pytest.mark.parametrize("value, words", [
    (None, "No start date"), ("", "No start date"), ("next year", "not a date"), ("2026-13", "not a real"),
    ("2026-02-30", "not a real"), ("1850-01", "outside"), (42, "not a date"), (pd.NaT, "No start date"),
])
def test_parse_start_rejects_nonsense_with_a_sentence(value, words):
    with pytest.raises(ValueError, match=words):
        education.parse_start(value)


def test_milestones_of_the_associate_degree():
    m = education.milestones("Associate degree in health information technology", "2026-09-01", "part time")
    assert list(m["kind"]) == ["study", "job-ready", "eligible"]
    assert m["milestone"].iloc[-1] == "Eligible for RHIT"
    assert (m["date"] == pd.Timestamp("2030-09-01")).all() and (m["months"] == 48).all()
    assert "CAHIIM" in m["note"].iloc[-1] and m["tag"].iloc[-1] == "V"


def test_milestones_name_every_credential_of_the_route_and_the_range():
    for row in PATHS.itertuples():
        m = education.milestones(row.path, "2026-01", "full time")
        assert [x.removeprefix("Eligible for ") for x in m.loc[m["kind"] == "eligible", "milestone"]] == row.credential_route.split("|")
        assert (m["earliest"] == pd.Timestamp("2026-01-01") + pd.DateOffset(months=row.months_min)).all()


def test_high_school_path_is_ready_at_the_start():
    m = education.milestones("High-school diploma or GED", "2026-05", "part time")
    assert (m["months"] == 0).all() and (m["date"] == pd.Timestamp("2026-05-01")).all()


def test_certificate_credentials_say_the_exam_is_formally_open_sooner():
    m = education.milestones("Certificate program", "2026-05")
    notes = m.loc[m["kind"] == "eligible", "note"]
    assert notes.str.contains("Formally open without this program").all()


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)), st.sampled_from(list(PATHS["path"])),
       st.sampled_from(["full time", "part time"]))
def test_milestones_never_end_before_they_start(start, path, pace):
    m = education.milestones(path, start, pace)
    assert (m["date"] >= m["start"]).all() and (m["earliest"] <= m["date"]).all()
    low, high = education.study_months(path, pace)
    assert (m["months"] == high).all() and low <= high


def test_add_months_keeps_month_ends():
    assert education.add_months("2028-01-31", 1).date() == dt.date(2028, 2, 29)


@pytest.mark.parametrize("text, value", [("12000", 12000), ("$12,500", 12500), (" 7.5k ", 7500), ("0", 0), (900, 900)])
def test_parse_money_reads_what_people_type(text, value):
    assert education.parse_cost(text) == value


@pytest.mark.parametrize("text, words", [("", "empty"), ("lots", "not an amount"), ("-50", "negative"),
                                         ("nan", "not an amount"), ("5000000", "extra digit"), (True, "Type")])
def test_parse_money_rejects_nonsense(text, words):
    with pytest.raises(ValueError, match=words):
        education.parse_cost(text)


def test_cost_per_month_and_its_limits():
    assert education.cost_per_month("$6,000", 12) == 500
    with pytest.raises(ValueError, match="no months of study"):
        education.cost_per_month("100", 0)


def test_reexported_from_career():
    assert career.milestones is education.milestones and "study_months" in career.__all__


# --- lesson 03: credentials --------------------------------------------------------------
from helpers.career import credentials  # noqa: E402
from helpers.career.credentials import UNKNOWN, Background, ce_due, credential_details, eligibility, parse_months  # noqa: E402

CERTS = data.load("certifications")
LEVELS = list(education.EDUCATION_LEVELS)


def test_credential_details_show_unknowns_and_tags():
    for cert in CERTS.itertuples():
        d = credential_details(cert.credential)
        assert list(d["group"].unique()) == ["Who awards it", "Eligibility", "Exam", "Fee", "Continuing education"]
        assert d.loc[d["group"] == "Exam", "tag"].eq(cert.exam_tag).all()
        assert d.loc[d["group"] == "Fee", "tag"].eq(cert.fee_tag).all()
        if pd.isna(cert.exam_items):
            assert d.loc[d["fact"] == "Questions", "value"].iloc[0] == UNKNOWN
    rhit = credential_details("rhit").set_index("fact")["value"]
    assert rhit["Questions"] == "150" and rhit["Exam fee"].startswith("$229 to $299")
    assert rhit["Required per cycle"] == "20 CEUs every 2 years"
    with pytest.raises(ValueError, match="Choose one of"):
        credential_details("XYZ")


@pytest.mark.parametrize("text, value", [("0", 0), (" 18 ", 18), ("24 months", 24), (6.0, 6), (0, 0), ("600", 600)])
def test_parse_months_reads_what_people_type(text, value):
    assert parse_months(text) == value


@pytest.mark.parametrize("text, words", [("", "empty"), ("-1", "negative"), ("two", "not a number"), ("1.5", "fraction"),
                                         ("601", "extra digit"), ("inf", "not a number"), (True, "whole number")])
def test_parse_months_rejects_nonsense(text, words):
    with pytest.raises(ValueError, match=words):
        parse_months(text)


def test_background_validates_its_fields():
    with pytest.raises(ValueError, match="not an education level"):
        Background(education="PhD in astrophysics")
    with pytest.raises(ValueError, match="not a credential"):
        Background(credentials=("RHIT", "ABC"))
    assert Background(credentials=("rhit", "RHIT")).credentials == ("RHIT",)


def _e(**kw):
    return eligibility(kw).set_index("credential")


def test_rhit_needs_the_accredited_associate():
    assert _e(education="Associate degree, CAHIIM-accredited HIT program").at["RHIT", "status"] == "eligible now"
    other = _e(education="Associate degree (other subject)")
    assert other.at["RHIT", "status"] == "not yet" and other.at["RHIT", "months_needed"] == 24
    assert "CAHIIM" in other.at["RHIT", "missing"]


def test_rhia_from_an_associate_counts_the_second_half_and_says_so():
    e = _e(education="Associate degree, CAHIIM-accredited HIT program")
    assert e.at["RHIA", "months_needed"] == 24 and "ask the school" in e.at["RHIA", "missing"]
    assert _e(education="High-school diploma or GED").at["RHIA", "months_needed"] == 48
    assert _e(education="Bachelor's degree, CAHIIM-accredited HIM program").at["RHIA", "status"] == "eligible now"


def test_chps_uses_the_quickest_route_and_the_privacy_months():
    assert _e(education="Bachelor's degree (other subject)", privacy_months=24).at["CHPS", "status"] == "eligible now"
    e = _e(education="Bachelor's degree (other subject)", privacy_months=20)
    assert e.at["CHPS", "status"] == "not yet" and e.at["CHPS", "months_needed"] == 4
    assert "4 more months of privacy work" in e.at["CHPS", "missing"]
    # A listed coding credential stands in for the associate degree: 48 months, not 72.
    held = _e(education="High-school diploma or GED", credentials=("CCA",), privacy_months=48)
    assert held.at["CHPS", "status"] == "eligible now" and held.at["CHPS", "route"] == "Associate or coding credential"
    assert _e(education="Master's degree", privacy_months=12).at["CHPS", "status"] == "eligible now"


def test_cpc_needs_aapc_membership_and_warns_about_cpc_a():
    assert _e(aapc_member=False).at["CPC", "status"] == "not yet"
    e = _e(aapc_member=True, coding_months=3)
    assert e.at["CPC", "status"] == "eligible now" and "CPC-A" in e.at["CPC", "note"]
    assert "start as CPC-A" not in _e(aapc_member=True, coding_months=30).at["CPC", "note"]


def test_ods_is_never_a_false_yes():
    for level in LEVELS:
        for months in (0, 13, 200):
            assert _e(education=level, registry_months=months).at["ODS", "status"] in ("check with the body", "not yet")
    e = _e(education="High-school diploma or GED", registry_months=0)
    assert any("practicum" in x for x in e.loc[["ODS"], "note"]) or "registry" in e.at["ODS", "missing"] or \
        e.at["ODS", "status"] == "check with the body"


def _route(result, name):
    return result.set_index("route").loc[name]


def test_ccs_routes_each_route_alone_is_enough():
    """AHIMA's CCS routes (tag S): any one of them makes a person eligible."""
    hs = "High-school diploma or GED"
    for held in ("RHIA", "RHIT", "CCS-P"):
        assert _e(education=hs, credentials=(held,)).at["CCS", "status"] == "eligible now", held
    assert _e(education=hs, coding_months=24).at["CCS", "status"] == "eligible now"
    assert _e(education=hs, credentials=("CCA",), coding_months=12).at["CCS", "status"] == "eligible now"
    assert _e(education=hs, credentials=("CPC",), coding_months=12, aapc_member=True).at["CCS", "status"] == "eligible now"
    r = career.routes({"education": hs, "credentials": ("CCA",), "coding_months": 12}, "CCS")
    assert _route(r, "CCA plus experience")["status"] == "eligible now"
    assert _route(r, "By experience")["missing"] == "12 more months of coding work"
    assert (r["tag"] == "S").all()


def test_ccs_no_route_met_is_not_yet_with_the_reasons():
    hs = "High-school diploma or GED"
    e = _e(education=hs, coding_months=23)  # one month short of the experience route, no credential, no program
    assert e.at["CCS", "status"] == "not yet" and e.at["CCS", "missing"]
    r = career.routes({"education": hs, "coding_months": 23}, "CCS")
    assert (r["status"] == "not yet").all()
    assert _route(r, "By experience")["missing"] == "1 more months of coding work"
    assert _route(r, "By credential")["missing"] == "one of these credentials: CCS-P, RHIA, RHIT"
    assert _route(r, "CCA plus experience")["missing"].startswith("the CCA")
    assert "coding training program" in _route(r, "By coding program")["missing"]
    # a CCA with too little coding work is not eligible either, and is told how much more is needed
    short = career.routes({"education": hs, "credentials": ("CCA",), "coding_months": 6}, "CCS")
    assert _route(short, "CCA plus experience")["missing"] == "6 more months of coding work"
    # a program the course cannot inspect is never a false yes
    cert = _e(education="Certificate program")
    assert cert.at["CCS", "status"] == "check with the body" and "AHIMA" in cert.at["CCS", "missing"]
    with pytest.raises(ValueError, match="no eligibility routes"):
        career.routes({}, "CDIP")


def test_ccs_data_no_longer_claims_a_diploma_is_enough():
    certs = data.load("certifications").set_index("credential")
    assert "recommended" not in certs.at["CCS", "eligibility"] and certs.at["CCS", "eligibility_tag"] == "S"
    routes = data.load("eligibility_routes")
    assert set(routes.loc[routes["credential"] == "CCS", "tag"]) == {"S"}


def test_ctr_is_the_former_name_of_the_ods():
    """NCRA renamed the CTR to ODS in 2024: the data says so and the old code still works."""
    certs = data.load("certifications").set_index("credential")
    assert "CTR" not in certs.index and certs.at["ODS", "former_code"] == "CTR"
    assert "formerly" in certs.at["ODS", "name"] and "CTR" in certs.at["ODS", "name"]
    assert career.current_code("ctr") == "ODS" and career.current_code("CCS") == "CCS"
    assert _e(credentials=("CTR",)).at["ODS", "status"] == "already held"
    assert ce_due(["CTR"])["NCRA"]["credentials"] == ["ODS"]
    with pytest.raises(ValueError, match="not a credential"):
        Background(credentials=("CTX",))


def test_unknown_rules_and_held_credentials():
    e = _e(credentials=("CCS",))
    for c in ("CCS-P", "CDIP", "CHDA"):
        assert e.at[c, "status"] == UNKNOWN and pd.isna(e.at[c, "months_needed"])
    assert e.at["CCS", "status"] == "already held"


def test_still_in_high_school_is_told_to_finish_first():
    e = _e(education="Still in high school")
    assert e.at["CCA", "status"] == "not yet" and "high school" in e.at["CCA", "missing"]


@given(st.sampled_from(LEVELS), st.integers(0, 600), st.integers(0, 600), st.integers(0, 600),
       st.lists(st.sampled_from(list(CERTS["credential"])), max_size=4), st.booleans())
def test_eligibility_is_total_and_consistent(level, coding, privacy, registry, held, member):
    e = eligibility(Background(level, coding, privacy, registry, tuple(held), member))
    assert list(e["credential"]) == list(CERTS["credential"])
    assert set(e["status"]) <= set(credentials.STATUSES)
    assert (e.loc[e["status"].isin(["eligible now", "already held"]), "months_needed"] == 0).all()
    assert e.loc[e["status"] == "not yet", "missing"].str.len().gt(0).all()
    assert e.loc[e["status"].isin(["check with the body", UNKNOWN]), "months_needed"].isna().all()
    assert (e["months_needed"].dropna() >= 0).all()


@pytest.mark.parametrize("held, total, capped", [
    (["RHIT"], 20, False), (["RHIA"], 30, False), (["RHIT", "CCS"], 30, False), (["RHIA", "RHIT"], 40, False),
    (["RHIA", "CCS", "CHPS"], 50, False), (["RHIA", "RHIT", "CCS", "CDIP"], 50, True), (["CCA", "CCS", "CCS-P"], 40, False),
])
def test_ahima_ce_rule(held, total, capped):
    due = ce_due(held)["AHIMA"]
    assert (due["total"], due["capped"]) == (total, capped) and due["unit"] == "CEU" and due["cycle_years"] == 2


def test_ce_rule_reads_its_numbers_from_the_table(monkeypatch):
    rules = data.load("certification_rules")
    rules.loc[rules["rule"].str.contains("Maximum"), "value"] = 35
    real = data.load
    monkeypatch.setattr(credentials.data, "load", lambda name: rules.copy() if name == "certification_rules" else real(name))
    assert ce_due(["RHIA", "RHIT"])["AHIMA"]["total"] == 35


def test_aapc_and_ncra_are_separate():
    due = ce_due(["CPC", "CTR", "RHIT"])
    assert due["AAPC"]["total"] == 36 and due["NCRA"]["total"] == 20 and due["NCRA"]["unit"] == "CE hour"
    assert due["AHIMA"]["total"] == 20 and "AAPC" not in due["AHIMA"]["explanation"]
    assert ce_due([]) == {} and ce_due("CPC")["AAPC"]["credentials"] == ["CPC"]
    with pytest.raises(ValueError, match="not a credential"):
        ce_due(["RHIT", "MD"])


def test_ce_planner_mentions_the_coding_self_review_and_that_it_ended():
    """AHIMA required annual coding self-reviews of CCA, CCS and CCS-P holders until 1 January 2021 (tag V)."""
    certs = data.load("certifications").set_index("credential")
    for code in ("CCA", "CCS", "CCS-P"):
        assert "self-review" in certs.at[code, "ce_note"] and "2021" in certs.at[code, "ce_note"]
        assert certs.at[code, "ce_note_tag"] == "V"
    assert pd.isna(certs.at["RHIT", "ce_note"])
    coder = ce_due(["CCS"])["AHIMA"]
    assert any("self-review" in n for n in coder["notes"]) and "self-review" in coder["explanation"]
    assert ce_due(["RHIT"])["AHIMA"]["notes"] == [] and "self-review" not in ce_due(["RHIT"])["AHIMA"]["explanation"]


def test_ehra_is_not_presented_as_a_membership_or_ce_source():
    about = career.ORGANIZATIONS["EHRA"]
    assert "companies" in about and "individuals cannot join" in about and "no continuing education" in about
