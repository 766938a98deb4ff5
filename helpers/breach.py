"""HIPAA breach notification (45 CFR 164.400-414): from a scenario to the duties and their deadlines.

:func:`notification_duties` takes what an HIM department knows after an incident (the day
it was discovered, how many people were affected and where they live, what the four-factor
risk assessment concluded, whether the PHI was secured by encryption) and returns who must
be told and by when. Every number comes from ``course_data/breach_notification.csv``
(:func:`breach_rules`), never from this file.

>>> duties = notification_duties("2026-03-02", 612, {"NH": 530, "VT": 82})
>>> duties[["notify", "required"]].values.tolist()
[['individuals', True], ['HHS', True], ['media in NH', True], ['media in VT', False]]
>>> str(duties.loc[0, "deadline"].date())
'2026-05-01'

The deadlines are the latest dates the rule allows; the rule itself asks for notice
*without unreasonable delay*, so a deadline is an outer limit, not a target. The
thresholds differ on purpose: HHS is told promptly when 500 or more people are affected in
total; the media of a state only when more than 500 of its residents are. State breach laws
may add duties (a state attorney general, shorter deadlines); they are not computed here.
Not legal advice.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .inputs import as_date, whole_number

__all__ = ["breach_rules", "annual_report_due", "notification_duties", "DUTY_COLUMNS"]

#: Columns of the table :func:`notification_duties` returns.
DUTY_COLUMNS = ("notify", "required", "deadline", "rule", "why")


def breach_rules() -> dict[str, int]:
    """The numbers of the rule from ``breach_notification``: days and thresholds by rule id.

    >>> rules = breach_rules()
    >>> rules["hhs_prompt_threshold"], rules["media_threshold"]
    (500, 500)
    """
    from helpers import data

    table = data.load("breach_notification").dropna(subset=["value"])
    return {str(k): int(v) for k, v in zip(table["rule_id"], table["value"])}


def annual_report_due(discovered: dt.date | str) -> pd.Timestamp:
    """The latest day to report to HHS a breach of fewer than 500 people discovered on ``discovered``.

    It is counted from the end of the calendar year of discovery, not from discovery.

    >>> str(annual_report_due("2027-06-15").date()), str(annual_report_due("2028-01-03").date())
    ('2028-02-29', '2029-03-01')
    """
    day = as_date(discovered, "discovered", example="2026-03-02")
    return pd.Timestamp(day.year, 12, 31) + pd.Timedelta(days=breach_rules()["hhs_annual_days"])


def _residents(residents: Any, affected: int) -> dict[str, int]:
    if residents is None:
        return {}
    if not isinstance(residents, Mapping):
        raise ValueError("residents_by_state must be a mapping of state to people, such as {'NH': 530, 'VT': 82}; "
                         f"got {type(residents).__name__}.")
    out: dict[str, int] = {}
    for state, count in residents.items():
        name = str(state).strip().upper()
        if not name:
            raise ValueError("A state in residents_by_state is empty; write its abbreviation, such as 'NH'.")
        if name in out:
            raise ValueError(f"State {name!r} appears twice in residents_by_state; give each state once.")
        out[name] = whole_number(count, f"residents of {name}", 0, example=120)
    if sum(out.values()) > affected:
        raise ValueError(f"residents_by_state adds up to {sum(out.values())} people, more than the {affected} "
                         "affected. Check the counts: each person lives in one state.")
    return out


def notification_duties(discovered: dt.date | str, affected: int, residents_by_state: Mapping[str, int] | None = None,
                        *, low_probability: bool = False, secured: bool = False,
                        business_associate: bool = False) -> pd.DataFrame:
    """Who must be told about a breach of unsecured PHI, and the latest day for each.

    ``discovered``: the first day the breach was known (or would have been, with reasonable
    diligence). ``affected``: people whose PHI was involved. ``residents_by_state``: how many
    of them live in each state (for the media duty; states left out are not checked).
    ``low_probability``: the documented four-factor assessment showed a low probability that
    the PHI was compromised, so it is not a breach. ``secured``: the PHI was encrypted or
    destroyed as HHS guidance describes. ``business_associate``: the organization that
    discovered it is a business associate, whose one duty is to tell the covered entity.

    Returns one row per duty (:data:`DUTY_COLUMNS`): ``required`` False rows say why a duty
    does not apply; ``deadline`` is NaT when there is no duty.

    >>> bool(notification_duties("2026-03-02", 40, secured=True)["required"].any())
    False
    >>> notification_duties("2026-03-02", 0)
    Traceback (most recent call last):
    ...
    ValueError: affected must be at least 1; got 0.
    """
    day = as_date(discovered, "discovered", example="2026-03-02")
    affected = whole_number(affected, "affected", 1, example=612)
    states = _residents(residents_by_state, affected)
    for name, flag in (("low_probability", low_probability), ("secured", secured),
                       ("business_associate", business_associate)):
        if not isinstance(flag, bool):
            raise ValueError(f"{name} must be True or False, not {flag!r}.")
    rules = breach_rules()
    rows: list[tuple[str, bool, Any, str, str]] = []
    if secured or low_probability:
        why = ("the PHI was secured (encrypted or destroyed as HHS guidance describes): not unsecured PHI"
               if secured else "the four-factor assessment showed a low probability of compromise: not a breach")
        rows.append(("individuals", False, pd.NaT, "45 CFR 164.402", f"No notice: {why}. Keep the assessment on file."))
        return pd.DataFrame(rows, columns=list(DUTY_COLUMNS))
    if business_associate:
        days = rules["business_associate_days"]
        rows.append(("covered entity", True, day + pd.Timedelta(days=days), "45 CFR 164.410",
                     f"A business associate tells the covered entity within {days} days of discovery, naming each "
                     "person affected; the covered entity then notifies individuals, HHS and the media."))
        return pd.DataFrame(rows, columns=list(DUTY_COLUMNS))
    days = rules["individual_notice_days"]
    rows.append(("individuals", True, day + pd.Timedelta(days=days), "45 CFR 164.404",
                 f"Every affected person, by first-class mail or e-mail if agreed, within {days} days of discovery."))
    threshold = rules["hhs_prompt_threshold"]
    if affected >= threshold:
        rows.append(("HHS", True, day + pd.Timedelta(days=rules["hhs_prompt_days"]), "45 CFR 164.408(b)",
                     f"{affected} people: {threshold} or more, so HHS is told now, with the individuals."))
    else:
        rows.append(("HHS", True, annual_report_due(day), "45 CFR 164.408(c)",
                     f"{affected} people: fewer than {threshold}, so the breach goes into the yearly report, due "
                     f"{rules['hhs_annual_days']} days after the end of {day.year}."))
    media = rules["media_threshold"]
    for state, count in states.items():
        needed = count > media
        rows.append((f"media in {state}", needed,
                     day + pd.Timedelta(days=rules["media_days"]) if needed else pd.NaT, "45 CFR 164.406",
                     f"{count} residents of {state}: " + (f"more than {media}, so prominent media outlets serving "
                                                          f"{state} are told." if needed else
                                                          f"not more than {media}, so no media notice there.")))
    out = pd.DataFrame(rows, columns=list(DUTY_COLUMNS))
    out["deadline"] = pd.to_datetime(out["deadline"])
    return out
