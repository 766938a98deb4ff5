"""helpers.accounting: each requester type of the release log proven exempt or accounted for (45 CFR 164.528(a)(1))."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import accounting, data, release

EXPECTED = {  # requester type -> must it appear in an accounting of disclosures?
    "patient": False,                      # (a)(1)(ii) to the individual
    "personal representative": False,      # treated as the individual (164.502(g))
    "another provider": False,             # (a)(1)(i) treatment
    "insurer": False,                      # (a)(1)(i) payment
    "attorney with authorization": False,  # (a)(1)(iv) authorization
    "court order": True,                   # 164.512(e): not exempt
}


def test_every_requester_type_of_the_log_is_covered():
    assert set(EXPECTED) == set(release.REQUESTERS)


@pytest.mark.parametrize("requester, required", sorted(EXPECTED.items()))
def test_each_requester_type(requester, required):
    assert accounting.accounting_required(requester) is required


@pytest.mark.parametrize("purpose, required", [
    ("treatment", False), ("payment", False), ("quality_review", False), ("patient_access", False),
    ("authorization", False), ("directory_or_family", False), ("limited_data_set", False),
    ("required_by_law", True), ("subpoena", True), ("public_health", True), ("research_waiver", True),
])
def test_each_purpose(purpose, required):
    assert accounting.accounting_required(purpose) is required


def test_purposes_agree_with_minimum_necessary_ids():
    shared = set(data.load("minimum_necessary")["purpose_id"])
    assert shared <= set(accounting.accounting_rules().index)


def test_the_synthetic_log_most_releases_are_exempt_and_court_orders_are_not():
    log = release.request_log(n=300, seed=2026, extract_date="2026-01-01")
    out = accounting.accounting_log(log)
    assert len(out) == len(log) and out["accounting_required"].sum() < len(out) / 2
    assert (out["accounting_required"] == (out["requester_type"] == "court order")).all()
    assert (out.loc[~out["accounting_required"], "exemption"] != "").all()


def test_a_log_with_only_a_purpose_column_works():
    out = accounting.accounting_log(pd.DataFrame({"purpose": ["public_health", "payment"]}))
    assert out["accounting_required"].tolist() == [True, False]


@pytest.mark.parametrize("log, words", [
    ([{"requester_type": "patient"}], "DataFrame"),
    (pd.DataFrame({"who": ["patient"]}), "requester_type"),
    (pd.DataFrame({"requester_type": ["patient", None]}), "Row 1"),
    (pd.DataFrame({"requester_type": ["journalist"]}), "'journalist' is not a requester type"),
])
def test_bad_logs_are_refused(log, words):
    with pytest.raises(ValueError, match=words):
        accounting.accounting_log(log)


def test_amendment_due_uses_the_data_and_the_one_extension():
    facts = data.load("health_law").set_index("fact_id")["value"]
    days, extra = int(facts["amendment_days"]), int(facts["amendment_extension_days"])
    assert (days, extra) == (60, 30)
    assert accounting.amendment_due("2028-01-01") == pd.Timestamp("2028-03-01")  # leap year: 29 February counts
    assert accounting.amendment_due("2027-01-01") == pd.Timestamp("2027-03-02")
    assert accounting.amendment_due("2027-01-01", extended=True) == pd.Timestamp("2027-04-01")
    for bad, words in (("soon", "received"), (None, "received")):
        with pytest.raises(ValueError, match=words):
            accounting.amendment_due(bad)
    with pytest.raises(ValueError, match="extended"):
        accounting.amendment_due("2027-01-01", extended="yes")
