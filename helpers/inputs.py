"""The input checks every helper module shares: tables, whole numbers, shares and dates.

Each check returns the value in the form the caller works with, or raises a
``ValueError`` whose message names the argument, shows the value at fault and says
what to give instead, in words a learner can act on.

>>> from helpers.inputs import whole_number, share, as_date
>>> whole_number(20, "n"), share(0.08, "duplicate_rate"), as_date("2026-01-01", "extract_date").date()
(20, 0.08, datetime.date(2026, 1, 1))

**The extract date.** A synthetic extract is taken on one day, its *extract date*:
ages, "future" dates and open deadlines are counted from it, never from the
calendar, so the same table gives the same answer on any day. A function that needs
it takes an ``extract_date`` argument and follows one rule (:func:`extract_date_of`):
the argument if given, else the table's ``attrs["extract_date"]`` (set by
``helpers.synth.make_records`` and by ``helpers.data.load`` for the synthetic
tables), else a ``ValueError`` saying what is missing and what to do.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import math
import numbers
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

__all__ = ["require_frame", "whole_number", "share", "number", "one_of", "as_date", "extract_date_of",
           "EXTRACT_DATE_KEY"]

#: The key of ``DataFrame.attrs`` that holds the day an extract was taken.
EXTRACT_DATE_KEY = "extract_date"

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def require_frame(df: Any, name: str, columns: Iterable[str] = (), *, hint: str = "",
                  allow_empty: bool = True) -> pd.DataFrame:
    """``df`` itself if it is a DataFrame with every column in ``columns`` (and rows, unless ``allow_empty``).

    ``name`` says what the table is, as the start of a sentence ("The encounters table");
    ``hint`` is added to the message (say where a right table comes from).

    >>> require_frame(pd.DataFrame({"unit": ["ICU"]}), "The census table", ["unit"]).shape
    (1, 1)
    >>> require_frame(pd.DataFrame({"unit": ["ICU"]}), "The census table", ["unit", "beds"])
    Traceback (most recent call last):
    ...
    ValueError: The census table has no column 'beds'; it needs unit, beds (it has unit).
    >>> require_frame([1, 2], "The census table")
    Traceback (most recent call last):
    ...
    ValueError: The census table must be a pandas DataFrame; got list.
    """
    tail = f" {hint}" if hint else ""
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"{name} must be a pandas DataFrame; got {type(df).__name__}.{tail}")
    columns = list(columns)
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{name} has no column {', '.join(map(repr, missing))}; it needs {', '.join(columns)} "
                         f"(it has {', '.join(map(str, df.columns)) or 'no columns'}).{tail}")
    if not allow_empty and df.empty:
        raise ValueError(f"{name} is empty (no rows), so there is nothing to work on.{tail}")
    return df


def whole_number(value: Any, name: str, minimum: int | None = 0, *, example: int = 20) -> int:
    """``value`` as an ``int`` if it is a whole number (not True/False) of at least ``minimum``.

    >>> whole_number(3, "seed")
    3
    >>> whole_number(2.5, "n")
    Traceback (most recent call last):
    ...
    ValueError: n must be a whole number such as 20, not 2.5.
    >>> whole_number(0, "n", minimum=1)
    Traceback (most recent call last):
    ...
    ValueError: n must be at least 1; got 0.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number such as {example}, not {value!r}.")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}; got {value}.")
    return int(value)


def share(value: Any, name: str, *, example: float = 0.1) -> float:
    """``value`` as a ``float`` if it is a number from 0 to 1 (a share: 0.1 means 10%).

    >>> share(0.25, "deficiency_rate")
    0.25
    >>> share(12, "deficiency_rate")
    Traceback (most recent call last):
    ...
    ValueError: deficiency_rate must be a share between 0 and 1 (0.1 means 10%), not 12.
    """
    if (isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(value)
            or not 0 <= value <= 1):
        raise ValueError(f"{name} must be a share between 0 and 1 ({example:g} means {example * 100:g}%), "
                         f"not {value!r}.")
    return float(value)


def number(value: Any, name: str, minimum: float | None = None, maximum: float | None = None, *,
           example: float = 8, allow: tuple[float, ...] = ()) -> float:
    """``value`` as a ``float`` if it is a real number (not True/False, not NaN) from ``minimum`` to ``maximum``.

    Values in ``allow`` (such as ``float("-inf")``) are accepted even outside the range.

    >>> number(8, "threshold", -20, 18)
    8.0
    >>> number("8", "threshold", -20, 18)
    Traceback (most recent call last):
    ...
    ValueError: threshold must be a number such as 8, not the text '8' (write it without quotes).
    >>> number(40, "threshold", -20, 18)
    Traceback (most recent call last):
    ...
    ValueError: threshold must be from -20 to 18; got 40.
    """
    if isinstance(value, str):
        raise ValueError(f"{name} must be a number such as {example:g}, not the text {value[:20]!r} (write it "
                         "without quotes).")
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(value):
        got = "a missing value (None)" if value is None else "NaN (not a number)" if isinstance(
            value, numbers.Real) and not isinstance(value, bool) else repr(value)
        raise ValueError(f"{name} must be a number such as {example:g}, not {got}.")
    if float(value) in allow:
        return float(value)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        low = "" if minimum is None else f"from {minimum:g} "
        high = "" if maximum is None else f"to {maximum:g}"
        raise ValueError(f"{name} must be {(low + high).strip() or 'finite'}; got {value!r}.")
    return float(value)


def one_of(value: Any, names: Iterable[str], what: str) -> str:
    """``value`` (spaces trimmed) if it is one of ``names``; else a ValueError listing them, with the closest match.

    ``what`` names the kind of thing, as in "'x' is not a {what}".

    >>> one_of(" payment ", ["payment", "treatment"], "purpose")
    'payment'
    >>> one_of("paymnt", ["payment", "treatment"], "purpose")
    Traceback (most recent call last):
    ...
    ValueError: 'paymnt' is not a purpose. Did you mean 'payment'? Use one of: payment, treatment.
    """
    names = [str(n) for n in names]
    if isinstance(value, str) and value.strip() in names:
        return value.strip()
    close = difflib.get_close_matches(value.strip(), names, n=1) if isinstance(value, str) else []
    guess = f" Did you mean {close[0]!r}?" if close else ""
    shown = repr(value[:60]) if isinstance(value, str) else f"{str(value)[:40]!r} ({type(value).__name__}, not text)"
    raise ValueError(f"{shown} is not a {what}.{guess} Use one of: {', '.join(names)}.")


def as_date(value: Any, name: str, *, example: str = "2026-01-01") -> pd.Timestamp:
    """``value`` as a day (a ``pd.Timestamp`` at midnight).

    Accepts ``datetime.date``, ``datetime.datetime``, ``pd.Timestamp``,
    ``numpy.datetime64`` and text ``YYYY-MM-DD``; refuses numbers, True/False, missing
    values and any other text, naming ``name``.

    >>> as_date("2026-01-01", "extract_date")
    Timestamp('2026-01-01 00:00:00')
    >>> as_date(2026, "extract_date")
    Traceback (most recent call last):
    ...
    ValueError: extract_date must be a date such as '2026-01-01', not 2026 (a number): write the whole date as text, e.g. extract_date='2026-01-01'.
    """
    import numpy as np

    if isinstance(value, (bool, np.bool_)) or (isinstance(value, (numbers.Number, np.number))):
        kind = "True/False" if isinstance(value, (bool, np.bool_)) else "a number"
        like = f"{name}='{example}'" if name.isidentifier() else f"'{example}'"
        raise ValueError(f"{name} must be a date such as '{example}', not {value!r} ({kind}): write the whole "
                         f"date as text, e.g. {like}.")
    if isinstance(value, str):
        text = value.strip()
        if not _ISO.fullmatch(text):
            raise ValueError(f"{name} must be a date such as '{example}' (year-month-day), not {value!r}.")
        value = text
    elif not isinstance(value, (_dt.date, np.datetime64)):  # pd.Timestamp and datetime are dates too
        what = "a missing value" if value is None else f"{value!r} ({type(value).__name__})"
        raise ValueError(f"{name} must be a date such as '{example}', not {what}.")
    try:
        when = pd.Timestamp(value)
    except (TypeError, ValueError, OverflowError):
        when = pd.NaT
    if pd.isna(when):
        raise ValueError(f"{name} must be a date such as '{example}', not {value!r} (not a day on the calendar).")
    return when.normalize().tz_localize(None) if when.tzinfo is not None else when.normalize()


def extract_date_of(extract_date: Any, *tables: Any, required: bool = True) -> pd.Timestamp | None:
    """The day an extract was taken: ``extract_date`` if given, else the first table's ``attrs["extract_date"]``.

    Raises ``ValueError`` when neither says (or returns None, for a function that can do without it,
    with ``required=False``), or when the date given is not a date.

    >>> t = pd.DataFrame({"x": [1]})
    >>> t.attrs["extract_date"] = "2026-01-01"
    >>> extract_date_of(None, t).date(), extract_date_of("2025-06-30", t).date()
    (datetime.date(2026, 1, 1), datetime.date(2025, 6, 30))
    >>> extract_date_of(None, pd.DataFrame())
    Traceback (most recent call last):
    ...
    ValueError: extract_date is needed (the day the extract was taken) and the table does not carry one: pass it, e.g. extract_date='2026-01-01', or use a table from helpers.synth.make_records or helpers.data.load('synthetic_...'), which carry it in .attrs['extract_date'].
    """
    if extract_date is not None:
        return as_date(extract_date, "extract_date")
    for table in tables:
        carried = getattr(table, "attrs", {}).get(EXTRACT_DATE_KEY)
        if carried is not None:
            return as_date(carried, "The table's attrs['extract_date']")
    if not required:
        return None
    raise ValueError("extract_date is needed (the day the extract was taken) and the table does not carry one: "
                     "pass it, e.g. extract_date='2026-01-01', or use a table from helpers.synth.make_records or "
                     "helpers.data.load('synthetic_...'), which carry it in .attrs['extract_date'].")
