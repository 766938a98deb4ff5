"""Education pathways (lesson 02): how long each path takes, and when it makes you eligible.

Lengths come from the ``education_paths`` course table (full-time months, shortest
and longest); which credential each path leads to, and what that credential asks
for, from ``eligibility_routes``. Part-time study is modeled as **half pace**, so
every month of full-time study takes two: that is the course's assumption, not a
rule of any school.

>>> study_months("Certificate program", "part time")
(18, 24)
>>> m = milestones("Associate degree in health information technology", "2026-09", "full time")
>>> m.loc[m["milestone"] == "Eligible for RHIT", "date"].iloc[0].date()
datetime.date(2028, 9, 1)
"""
from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import pandas as pd

from .. import data

__all__ = [
    "PACES", "EDUCATION_LEVELS", "path_names", "pace_factor", "study_months", "parse_start",
    "add_months", "milestones", "parse_cost", "cost_per_month",
]

#: How many calendar months one month of full-time study takes at each pace (an assumption).
PACES: dict[str, int] = {"full time": 1, "part time": 2}

#: Education levels from lowest to highest, used to compare what a learner has with what a route needs.
EDUCATION_LEVELS: list[str] = [
    "Still in high school",
    "High-school diploma or GED",
    "Certificate program",
    "Associate degree (other subject)",
    "Associate degree, CAHIIM-accredited HIT program",
    "Bachelor's degree (other subject)",
    "Bachelor's degree, CAHIIM-accredited HIM program",
    "Master's degree",
]

_EARLIEST_YEAR, _LATEST_YEAR = 1990, 2100
_MONEY_LIMIT = 1_000_000  # above this a program cost is almost certainly a typing mistake


def _paths() -> pd.DataFrame:
    return data.load("education_paths")


def path_names() -> list[str]:
    """The education paths of the ``education_paths`` table, shortest first.

    >>> path_names()[0]
    'High-school diploma or GED'
    """
    return list(_paths()["path"])


def _path_row(path: str) -> pd.Series:
    paths = _paths()
    rows = paths[paths["path"] == path]
    if rows.empty:
        raise ValueError(f"{path!r} is not one of the education paths. Choose one of: {', '.join(paths['path'])}.")
    return rows.iloc[0]


def pace_factor(pace: str) -> int:
    """Calendar months per month of full-time study: 1 full time, 2 part time (half pace).

    >>> pace_factor("Part-time")
    2
    """
    key = str(pace).strip().lower().replace("-", " ")
    if key not in PACES:
        raise ValueError(f"{pace!r} is not a study pace. Choose 'full time' or 'part time'.")
    return PACES[key]


def study_months(path: str, pace: str = "full time") -> tuple[int, int]:
    """Shortest and longest number of months a path takes at a pace.

    A path whose length is unknown in the table raises ``ValueError`` (never a guess).

    >>> study_months("Associate degree in health information technology")
    (24, 24)
    >>> study_months("Certificate program", "part time")
    (18, 24)
    """
    row = _path_row(path)
    factor = pace_factor(pace)
    if pd.isna(row["months_min"]) or pd.isna(row["months_max"]):
        raise ValueError(f"The length of {path!r} is not in the course's sources, so no time can be given.")
    return int(row["months_min"]) * factor, int(row["months_max"]) * factor


def parse_start(value: Any) -> pd.Timestamp:
    """A start date from a date picker, a ``date``/``Timestamp``, or text ``YYYY-MM`` / ``YYYY-MM-DD``.

    >>> parse_start("2026-09").date()
    datetime.date(2026, 9, 1)
    >>> parse_start(None)
    Traceback (most recent call last):
    ...
    ValueError: No start date yet. Pick the month you plan to start, e.g. 2026-09.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("No start date yet. Pick the month you plan to start, e.g. 2026-09.")
    if isinstance(value, (dt.date, pd.Timestamp)):
        stamp = pd.Timestamp(value)
    elif isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", text):
            raise ValueError(f"{text!r} is not a date. Write it as year-month, e.g. 2026-09, or pick one.")
        try:
            stamp = pd.Timestamp(text if text.count("-") == 2 else text + "-01")
        except (ValueError, OverflowError):
            raise ValueError(f"{text!r} is not a real calendar date. Check the month (1-12) and day.") from None
    else:
        raise ValueError(f"{value!r} is not a date. Pick a start month, e.g. 2026-09.")
    if pd.isna(stamp):
        raise ValueError("No start date yet. Pick the month you plan to start, e.g. 2026-09.")
    if not _EARLIEST_YEAR <= stamp.year <= _LATEST_YEAR:
        raise ValueError(f"{stamp.year} is outside {_EARLIEST_YEAR}-{_LATEST_YEAR}; check the year of your start date.")
    return stamp.normalize()


def add_months(start: Any, months: int) -> pd.Timestamp:
    """``start`` moved by whole calendar months (the 31st becomes the last day of a short month).

    >>> add_months("2026-01-31", 1).date()
    datetime.date(2026, 2, 28)
    """
    return parse_start(start) + pd.DateOffset(months=int(months))


def _routes_for(credential: str) -> pd.DataFrame:
    routes = data.load("eligibility_routes")
    return routes[routes["credential"] == credential]


def milestones(path: str, start: Any, pace: str = "full time") -> pd.DataFrame:
    """Dated milestones of one path: the study period, job-ready, and eligibility for each credential.

    Columns: ``path``, ``milestone``, ``kind`` (study / job-ready / eligible), ``start``,
    ``date`` (the milestone's date; for study, the latest finish), ``earliest`` (the
    earliest finish when the length is a range), ``months`` (from the start, longest),
    ``tag`` and ``note``. Credentials are those the path's ``credential_route`` names;
    a credential is dated at the end of the program that prepares you for it, and
    ``note`` says when the formal rule would let you sit it sooner.

    >>> m = milestones("Certificate program", "2026-01", "part time")
    >>> list(m["milestone"])
    ['Study: Certificate program', 'Job-ready', 'Eligible for CCA', 'Eligible for CCS', 'Eligible for CPC']
    >>> int(m.loc[1, "months"])
    24
    """
    begin = parse_start(start)
    row = _path_row(path)
    low, high = study_months(path, pace)
    finish, earliest = begin + pd.DateOffset(months=high), begin + pd.DateOffset(months=low)
    tag = str(row["tag"])
    rows = [
        {"milestone": f"Study: {path}", "kind": "study", "start": begin, "date": finish, "earliest": earliest,
         "months": high, "tag": tag,
         "note": "No study needed: this is the starting point." if high == 0 else
         (f"{low} to {high} months at this pace" if low != high else f"{high} months at this pace")},
        {"milestone": "Job-ready", "kind": "job-ready", "start": begin, "date": finish, "earliest": earliest,
         "months": high, "tag": tag, "note": str(row["qualifies_for"])},
    ]
    route = row["credential_route"]
    for credential in ([] if pd.isna(route) else str(route).split("|")):
        options = _routes_for(credential)
        if options.empty:
            note, rtag = "Eligibility rules not in our sources: check with the credentialing body.", "U"
        else:
            first = options.iloc[0]
            rtag = str(first["tag"])
            formal = "; ".join(f"{r.route}: {r.education}" for r in options.itertuples())
            needs_program = any(word in formal.lower() for word in ("associate", "bachelor", "certificate"))
            note = (f"Route {formal}." if needs_program or high == 0 else
                    f"Formally open without this program (route {formal}); the program is the recommended preparation.")
        rows.append({"milestone": f"Eligible for {credential}", "kind": "eligible", "start": begin, "date": finish,
                     "earliest": earliest, "months": high, "tag": rtag, "note": note})
    table = pd.DataFrame(rows)
    table.insert(0, "path", path)
    table["months"] = table["months"].astype("Int64")
    return table


def parse_cost(text: Any) -> float:
    """A dollar amount typed by a learner: ``"12000"``, ``"$12,500"``, ``"12.5k"``.

    >>> parse_cost("$12,500"), parse_cost("12.5k")
    (12500.0, 12500.0)
    >>> parse_cost("-5")
    Traceback (most recent call last):
    ...
    ValueError: A cost cannot be negative (you typed '-5'). Type the program's total cost, e.g. 12000.
    """
    if isinstance(text, bool):
        raise ValueError("Type the program's total cost in dollars, e.g. 12000.")
    raw = str(text).strip() if text is not None else ""
    if not raw:
        raise ValueError("The cost box is empty. Type your program's total cost in dollars, e.g. 12000.")
    cleaned = raw.lower().replace("$", "").replace(",", "").replace("usd", "").strip()
    scale = 1000 if cleaned.endswith("k") else 1
    cleaned = cleaned.rstrip("k").strip()
    try:
        value = float(cleaned) * scale
    except ValueError:
        raise ValueError(f"{raw!r} is not an amount of money. Type a number of dollars, e.g. 12000.") from None
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"{raw!r} is not an amount of money. Type a number of dollars, e.g. 12000.")
    if value < 0:
        raise ValueError(f"A cost cannot be negative (you typed {raw!r}). Type the program's total cost, e.g. 12000.")
    if value > _MONEY_LIMIT:
        raise ValueError(f"{raw!r} is more than ${_MONEY_LIMIT:,}: check for an extra digit.")
    return value


def cost_per_month(cost: Any, months: int) -> float:
    """A program's total cost spread over its months of study.

    >>> cost_per_month("12000", 24)
    500.0
    """
    total = parse_cost(cost)
    if months <= 0:
        raise ValueError("This path has no months of study, so there is no cost per month to work out.")
    return round(total / months, 2)
