"""Accounting of disclosures (45 CFR 164.528) and the amendment deadline (164.526): two patient rights besides access.

A patient may ask for a list of the disclosures of their PHI made in the six years before
the request, but most everyday releases are left out of it (164.528(a)(1)): those for
treatment, payment and health care operations, to the patient (or a personal
representative, who stands in the patient's shoes), under the patient's authorization, to
the directory or family, and limited data sets. What stays in are the disclosures the
patient did not ask for and that are not routine: required by law, ordered by a court,
for a subpoena, to public health, for research under a waiver.

Which purpose is which comes from ``course_data/disclosure_accounting.csv``; a request
log's ``requester_type`` is mapped to a purpose through :data:`helpers.release.REQUESTERS`.

>>> accounting_required("court order"), accounting_required("insurer")
(True, False)
>>> accounting_required("neighbor")
Traceback (most recent call last):
...
ValueError: 'neighbor' is not a requester type or a purpose in disclosure_accounting. Use a requester type (patient, personal representative, another provider, insurer, attorney with authorization, court order) or a purpose (treatment, payment, quality_review, patient_access, authorization, directory_or_family, limited_data_set, required_by_law, subpoena, public_health, research_waiver).
"""
from __future__ import annotations

from typing import Any

import pandas as pd


from .inputs import as_date, require_frame

__all__ = ["accounting_rules", "purpose_of", "accounting_required", "accounting_log", "amendment_due"]


def accounting_rules() -> pd.DataFrame:
    """The ``disclosure_accounting`` table indexed by purpose_id.

    >>> bool(accounting_rules().loc["required_by_law", "accounting_required"])
    True
    """
    from helpers import data

    return data.load("disclosure_accounting").set_index("purpose_id")


def purpose_of(requester_or_purpose: str) -> str:
    """The purpose id for a requester type of the request log (or a purpose id, returned as is).

    >>> purpose_of("personal representative"), purpose_of("payment")
    ('patient_access', 'payment')
    """
    from .release import REQUESTERS

    rules = accounting_rules()
    value = requester_or_purpose.strip() if isinstance(requester_or_purpose, str) else requester_or_purpose
    if isinstance(value, str) and value in REQUESTERS:
        return REQUESTERS[value][0]
    if isinstance(value, str) and value in rules.index:
        return value
    raise ValueError(f"{requester_or_purpose!r} is not a requester type or a purpose in disclosure_accounting. "
                     f"Use a requester type ({', '.join(REQUESTERS)}) or a purpose ({', '.join(rules.index)}).")


def accounting_required(requester_or_purpose: str) -> bool:
    """Whether a release to this requester type (or for this purpose) goes into an accounting of disclosures.

    >>> [accounting_required(p) for p in ("patient", "treatment", "authorization", "public_health")]
    [False, False, False, True]
    """
    return bool(accounting_rules().loc[purpose_of(requester_or_purpose), "accounting_required"])


def accounting_log(log: pd.DataFrame) -> pd.DataFrame:
    """A copy of a request log with ``purpose``, ``accounting_required`` and ``exemption`` for each row.

    Needs a ``requester_type`` column (as :func:`helpers.release.request_log` makes) or a
    ``purpose`` column. Keep the rows where ``accounting_required`` is True: they are the
    disclosures an accounting lists; the others are exempt under 164.528(a)(1).

    >>> log = pd.DataFrame({"requester_type": ["patient", "court order", "insurer"]})
    >>> accounting_log(log)["accounting_required"].tolist()
    [False, True, False]
    """
    if isinstance(log, pd.DataFrame) and "requester_type" not in log.columns and "purpose" in log.columns:
        column = "purpose"
    else:
        column = "requester_type"
    require_frame(log, "The request log", [column],
                  hint="Make it with release.request_log(), or give a requester_type or purpose column.")
    rules = accounting_rules()
    out = log.copy()
    blank = out[column].isna()
    if blank.any():
        row = out.index[blank.to_numpy()][0]
        raise ValueError(f"Row {row} of the request log has no {column}; every release needs one to be classified.")
    purposes = out[column].astype(str).map(purpose_of)
    out["purpose"] = pd.array(purposes, dtype="string")
    out["accounting_required"] = pd.array(purposes.map(rules["accounting_required"]).astype(bool), dtype="boolean")
    out["exemption"] = pd.array(purposes.map(rules["exemption"]).fillna(""), dtype="string")
    return out


def amendment_due(received: Any, extended: bool = False) -> pd.Timestamp:
    """The latest day to act on a request to amend a record received on ``received``.

    The days and the one extension come from ``health_law`` (``amendment_days``,
    ``amendment_extension_days``); ``extended=True`` means a written notice of the delay was
    sent within the first period. Calendar days.

    >>> str(amendment_due("2026-09-10").date()), str(amendment_due("2026-09-10", extended=True).date())
    ('2026-11-09', '2026-12-09')
    """
    from helpers import data

    if not isinstance(extended, bool):
        raise ValueError(f"extended must be True or False, not {extended!r}.")
    day = as_date(received, "received", example="2026-09-10")
    facts = data.load("health_law").set_index("fact_id")["value"]
    days = int(facts["amendment_days"]) + (int(facts["amendment_extension_days"]) if extended else 0)
    return day + pd.Timedelta(days=days)
