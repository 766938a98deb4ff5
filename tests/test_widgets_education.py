"""The lesson 02 path comparer, driven over every option and some nonsense entries."""
import datetime as dt

import pytest

from helpers import data, widgets

PNG = b"\x89PNG\r\n\x1a\n"


def shows_error(panel) -> bool:
    return "Check your entry" in panel.result.value or "Something went wrong" in panel.result.value


@pytest.fixture(scope="module")
def panel():
    return widgets.path_comparer(start="2026-09-01")


def test_every_path_pace_and_compare(panel):
    paths = data.load("education_paths")
    seen = set()
    for compare in (False, True):
        panel.controls["compare"].value = compare
        for row in paths.itertuples():
            panel.controls["path"].value = row.path
            for pace in ("full time", "part time"):
                panel.controls["pace"].value = pace
                text = panel.result.value
                assert not shows_error(panel), (row.path, pace)
                assert "Job-ready" in text and panel.chart.png.startswith(PNG)
                for credential in row.credential_route.split("|"):
                    assert f"Eligible for {credential}" in text
                assert ("half pace" in text) == (pace == "part time")
                assert "medical assistant" in text  # the tuition range is labelled honestly
                seen.add(panel.chart.png)
    assert len(seen) == 2 * 2 * 4, "each path, pace and mode draws its own chart (compare mode highlights the path)"


def test_dates_move_with_the_start(panel):
    panel.controls["compare"].value = False
    panel.controls["path"].value = "Associate degree in health information technology"
    panel.controls["pace"].value = "full time"
    panel.controls["start"].value = dt.date(2027, 1, 15)
    assert "January 2029 (24 months)" in panel.result.value
    panel.controls["pace"].value = "part time"
    assert "January 2031 (48 months)" in panel.result.value


def test_missing_start_shows_a_message_and_recovers(panel):
    panel.controls["start"].value = None
    assert shows_error(panel) and "No start date" in panel.result.value
    panel.controls["start"].value = dt.date(2026, 9, 1)
    assert not shows_error(panel)


def test_start_year_out_of_range(panel):
    panel.controls["start"].value = dt.date(1900, 1, 1)
    assert shows_error(panel) and "outside" in panel.result.value
    panel.controls["start"].value = dt.date(2026, 9, 1)
    assert not shows_error(panel)


def test_cost_per_month(panel):
    panel.controls["path"].value = "Certificate program"
    panel.controls["pace"].value = "full time"
    panel.controls["cost"].value = "$6,000"
    assert "$500 a month" in panel.result.value and "finish in 9" in panel.result.value
    panel.controls["cost"].value = ""
    assert "Type your own program" in panel.result.value


@pytest.mark.parametrize("text", ["lots", "-100", "12 dollars", "99999999"])
def test_invalid_costs_show_a_message_and_recover(panel, text):
    panel.controls["path"].value = "Certificate program"
    panel.controls["cost"].value = text
    assert shows_error(panel), text
    # the cost box is optional: its message stands beside a timeline that is still there, chart included
    assert "Starting" in panel.result.value and panel.chart.layout.display is None, text
    panel.controls["cost"].value = "9000"
    assert not shows_error(panel) and "a month" in panel.result.value


def test_cost_on_the_high_school_path_explains(panel):
    panel.controls["path"].value = "High-school diploma or GED"
    panel.controls["cost"].value = "500"
    assert shows_error(panel) and "no months of study" in panel.result.value
    panel.controls["cost"].value = ""
    assert not shows_error(panel)


# --- lesson 03 ------------------------------------------------------------------------------
def test_credential_cards_every_credential():
    p = widgets.credential_cards()
    certs = data.load("certifications")
    for cert in certs.itertuples():
        p.controls["credential"].value = cert.credential
        assert not shows_error(p) and cert.body in p.result.value
        shown = ["eligibility", "exam_items", "exam_scored_items", "exam_hours", "passing_standard", "fee_low_usd", "ce_required"]
        has_gap = certs.loc[certs["credential"] == cert.credential, shown].isna().any(axis=None)
        assert ("unknown (not in our sources)" in p.result.value) == has_gap, cert.credential
    p.controls["credential"].value = "CCS-P"
    assert p.result.value.count("unknown (not in our sources)") >= 5


def test_eligibility_checker_every_education_and_credential():
    from helpers.career import EDUCATION_LEVELS
    p = widgets.eligibility_checker()
    for level in EDUCATION_LEVELS:
        p.controls["education"].value = level
        assert not shows_error(p) and "<table" in p.result.value, level
    p.controls["education"].value = "Associate degree, CAHIIM-accredited HIT program"
    assert "eligible now" in p.result.value
    for credential in p.controls["held"].options:
        p.controls["held"].value = (credential,)
        assert "already held" in p.result.value and not shows_error(p)
    p.controls["aapc"].value = True
    p.controls["held"].value = ()
    for kind in ("coding", "privacy", "registry"):
        p.controls[kind].value = "48"
        assert not shows_error(p)


@pytest.mark.parametrize("kind", ["coding", "privacy", "registry"])
@pytest.mark.parametrize("text, words", [("-4", "negative"), ("abc", "not a number"), ("", "empty"), ("2.5", "fraction"),
                                         ("9999", "extra digit")])
def test_eligibility_checker_bad_months(kind, text, words):
    p = widgets.eligibility_checker()
    p.controls[kind].value = text
    assert shows_error(p) and words in p.result.value
    p.controls[kind].value = "12"
    assert not shows_error(p) and "<table" in p.result.value


def test_eligibility_checker_chps_answer_moves_with_privacy_months():
    p = widgets.eligibility_checker()
    p.controls["education"].value = "Bachelor's degree (other subject)"
    p.controls["privacy"].value = "0"
    assert "24 more months of privacy work" in p.result.value
    p.controls["privacy"].value = "30"
    assert "24 more months of privacy work" not in p.result.value


def test_ce_planner_all_single_credentials_and_combinations():
    p = widgets.ce_planner()
    assert "Choose one or more" in p.result.value and not shows_error(p)
    for credential in p.controls["held"].options:
        p.controls["held"].value = (credential,)
        assert not shows_error(p) and "every 2 years" in p.result.value
    p.controls["held"].value = ("RHIA", "RHIT", "CCS", "CDIP", "CPC", "ODS")
    text = p.result.value
    assert "50 CEUs" in text and "capped at 50" in text and "36 CEUs" in text and "20 CE hours" in text
    p.controls["held"].value = ()
    assert "Choose one or more" in p.result.value


def test_a_refused_start_hides_the_old_chart_until_fixed(panel):
    assert panel.chart.layout.display is None
    panel.controls["start"].value = None
    assert shows_error(panel) and panel.chart.layout.display == "none"
    panel.controls["start"].value = dt.date(2026, 9, 1)
    assert not shows_error(panel) and panel.chart.layout.display is None
