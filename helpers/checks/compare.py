"""Compare a learner's answer with the expected one and say precisely what differs.

Every function returns a :class:`Verdict` (``ok``, ``message``, ``notes``) and
never shows the expected answer itself: messages name the wrong type, the
missing column, the row count, how far off a number is, and so on. Unknown or
strange objects are never iterated or called, so a generator or an object whose
``__eq__`` raises cannot hang or crash a check.

>>> compare(7.5, 7.7, tolerance=0.05).message
'is off by 0.2 (yours is too low).'
>>> compare(["RHIA", "CCS"], ["CCS", "RHIA"]).ok
True
"""
from __future__ import annotations

import datetime as _dt
import decimal
import difflib
import numbers
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import pandas as pd

__all__ = ["Verdict", "compare", "compare_mapping", "safe_repr", "describe"]


@dataclass(frozen=True)
class Verdict:
    """Whether an answer matched, and if not, a message starting with a verb ("is ...", "has ...")."""

    ok: bool
    message: str = ""
    notes: tuple[str, ...] = field(default=())


def safe_repr(value: Any, limit: int = 60) -> str:
    """``repr(value)`` shortened to ``limit`` characters; never raises.

    >>> safe_repr("x" * 100, limit=10)
    "'xxxxxx..."
    >>> safe_repr(pd.Timestamp("2025-09-01"))
    "pd.Timestamp('2025-09-01')"
    """
    try:
        if type(value) is pd.Timestamp and value == value.normalize() and value.tzinfo is None:
            return f"pd.Timestamp('{value.date()}')"
        text = repr(value)
        if not isinstance(text, str):
            raise TypeError
    except BaseException:  # noqa: BLE001 - a learner object's __repr__ may do anything
        return f"<a {type(value).__name__} object>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe(value: Any) -> str:
    """A plain-words name for the type of ``value``.

    >>> describe(3), describe("3"), describe(None)
    ('a whole number (int)', 'text (str)', 'None (no value)')
    """
    kind = type(value)
    if value is None:
        return "None (no value)"
    if value is Ellipsis:
        return "... (the placeholder)"
    if isinstance(value, (bool, np.bool_)):
        return f"a yes/no value ({kind.__name__})"
    if isinstance(value, numbers.Integral):
        return f"a whole number ({kind.__name__})"
    if isinstance(value, numbers.Real):
        return f"a number ({kind.__name__})"
    if isinstance(value, str):
        return "text (str)"
    if isinstance(value, pd.DataFrame):
        return "a table (DataFrame)"
    if isinstance(value, pd.Series):
        return "a column (Series)"
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return f"a {kind.__name__}"
    if callable(value):
        return f"a function or other callable ({kind.__name__})"
    if hasattr(type(value), "__next__"):
        return f"a generator or iterator ({kind.__name__}); wrap it in list(...)"
    return f"a {kind.__name__} object"


def _fmt(x: float) -> str:
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    if abs(x) >= 1:
        return f"{x:,.2f}".rstrip("0").rstrip(".")
    return f"{x:.3g}"


def _off_by(value: float, expected: float) -> str:
    """How far off, without giving the answer away when the learner's value is far off (or zero).

    >>> _off_by(9.0, 7.7), _off_by(0.0, 7.7)
    ('off by 1.3 (yours is too high)', 'much too low (more than half away from the right value)')
    """
    diff = value - expected
    way = "high" if diff > 0 else "low"
    if value == 0 or (expected != 0 and abs(diff) > 0.5 * abs(expected)):
        return f"much too {way} (more than half away from the right value)"
    return f"off by {_fmt(abs(diff))} (yours is too {way})"


def _is_number(value: Any) -> bool:
    return isinstance(value, (numbers.Real, decimal.Decimal)) and not isinstance(value, (bool, np.bool_))


def _not_scalar(value: Any, wanted: str) -> str | None:
    """A message when ``value`` is a container holding what should be a single value."""
    if isinstance(value, (pd.Series, pd.DataFrame, pd.Index, np.ndarray, list, tuple)):
        size = value.size if hasattr(value, "size") else len(value)
        if size == 1:
            return (f"is {describe(value)} holding one value; the answer is {wanted} on its own: "
                    "take it out with `.iloc[0]` (pandas) or `[0]` (a list).")
        return f"is {describe(value)} with {size} values; the answer is a single {wanted}."
    return None


def compare_number(value: Any, expected: Any, tolerance: float | None = None) -> Verdict:
    """Numbers match within ``tolerance`` (default: one part in a million)."""
    if isinstance(value, str):
        return Verdict(False, f"is text ({safe_repr(value, 20)}), not a number: remove the quotes.")
    if value is pd.NA or value is pd.NaT:
        return Verdict(False, "is missing (NA): check that you picked the right row and column.")
    if (msg := _not_scalar(value, "number")) is not None:
        return Verdict(False, msg)
    if not _is_number(value):
        return Verdict(False, f"is {describe(value)}, but the answer is a number.")
    v, e = float(value), float(expected)
    if np.isnan(v):
        return Verdict(False, "is missing (NaN or NA): check that you picked the right row and column.")
    if np.isinf(v):
        return Verdict(False, "is infinite: did you divide by zero?")
    tol = tolerance if tolerance is not None else max(1e-9, 1e-6 * abs(e))
    diff = v - e
    if abs(diff) <= tol:
        return Verdict(True)
    if e != 0 and abs(v * 100 - e) <= tol:
        return Verdict(False, "looks like a fraction: multiply by 100 to get a percent.")
    if e != 0 and abs(v + e) <= tol:
        return Verdict(False, "has the wrong sign (+/-).")
    return Verdict(False, f"is {_off_by(v, e)}.")


def compare_text(value: Any, expected: str) -> Verdict:
    """Text matches ignoring case and surrounding spaces."""
    if not isinstance(value, str):
        return Verdict(False, f"is {describe(value)}, but the answer is text (in quotes).")
    if value.strip().casefold() == expected.strip().casefold():
        return Verdict(True)
    return Verdict(False, f"({safe_repr(value, 40)}) is not the right text.")


def _as_date(value: Any) -> pd.Timestamp | None:
    if isinstance(value, (pd.Timestamp, _dt.date, np.datetime64)):
        stamp = pd.Timestamp(value)
        return None if pd.isna(stamp) else stamp.tz_localize(None) if stamp.tzinfo else stamp
    return None


def compare_date(value: Any, expected: Any) -> Verdict:
    """Dates match on the calendar day."""
    if isinstance(value, str):
        return Verdict(False, f"is text ({safe_repr(value, 30)}), not a date: return a `pd.Timestamp`.")
    if (msg := _not_scalar(value, "date")) is not None:
        return Verdict(False, msg)
    if value is pd.NaT:
        return Verdict(False, "is NaT (a missing date).")
    stamp = _as_date(value)
    if stamp is None:
        return Verdict(False, f"is {describe(value)}, but the answer is a date (`pd.Timestamp`).")
    days = (stamp.normalize() - pd.Timestamp(expected).normalize()).days
    if days == 0:
        return Verdict(True)
    return Verdict(False, f"is off by {abs(days):,} day(s) (yours is too {'late' if days > 0 else 'early'}).")


_SEQUENCES = (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray)


def compare_items(value: Any, expected: Sequence[Any], ordered: bool = False) -> Verdict:
    """A collection of items; order matters only when ``ordered``."""
    if isinstance(value, str):
        return Verdict(False, "is a single piece of text; the answer is a list of items, like ['A', 'B'].")
    if isinstance(value, dict):
        return Verdict(False, "is a dictionary; the answer is a list of items, like ['A', 'B'].")
    if not isinstance(value, _SEQUENCES):
        return Verdict(False, f"is {describe(value)}, but the answer is a list of items.")
    if isinstance(value, np.ndarray) and value.ndim != 1:
        return Verdict(False, f"is an array with {value.ndim} dimensions; the answer is a flat list.")
    if len(value) > 10 * len(expected) + 100:
        return Verdict(False, f"has {len(value):,} items, far more than the answer has.")
    items = list(value)
    want = list(expected)
    text_wanted = all(isinstance(w, str) for w in want)
    if text_wanted:
        bad = [i for i, x in enumerate(items) if not isinstance(x, str)]
        if bad:
            return Verdict(False, f"item {bad[0] + 1} is {describe(items[bad[0]])}; every item should be text.")
    keyed = [x.strip() if isinstance(x, str) else x for x in items]
    dup = sorted({x for x in keyed if keyed.count(x) > 1}, key=str)
    if dup:
        return Verdict(False, f"lists {safe_repr(dup[0], 30)} more than once.")
    extra = [x for x in keyed if x not in want]
    missing = [w for w in want if w not in keyed]
    if extra or missing:
        parts = []
        if missing:
            parts.append(f"is missing {len(missing)} item(s)")
        if extra:
            shown = ", ".join(safe_repr(x, 30) for x in extra[:3])
            parts.append(f"includes {shown}, which should not be there")
        return Verdict(False, " and ".join(parts) + f" ({len(items)} given).")
    if ordered and keyed != want:
        return Verdict(False, "has the right items in the wrong order.")
    notes = () if isinstance(value, list) else (f"you gave {describe(value)}; a list would do too.",)
    return Verdict(True, notes=notes)


def _column_mismatch(a: pd.Series, b: pd.Series, tolerance: float | None) -> tuple[np.ndarray, str | None]:
    """A boolean array marking rows that differ, or a message when the column type is wrong."""
    if pd.api.types.is_numeric_dtype(b) and not pd.api.types.is_bool_dtype(b):
        if not pd.api.types.is_numeric_dtype(a) or pd.api.types.is_bool_dtype(a):
            return np.ones(len(a), bool), f"holds {a.dtype} values, not numbers"
        x = a.to_numpy(dtype="float64", na_value=np.nan)
        y = b.to_numpy(dtype="float64", na_value=np.nan)
        atol = tolerance if tolerance is not None else 1e-9
        same = np.isclose(x, y, rtol=1e-6, atol=atol) | (np.isnan(x) & np.isnan(y))
        return ~same, None
    xs = [None if pd.isna(v) else str(v) for v in a.astype(object)]
    ys = [None if pd.isna(v) else str(v) for v in b.astype(object)]
    return np.array([x != y for x, y in zip(xs, ys)], bool), None


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, 21st.

    >>> [_ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '102nd']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _row_name(i: int, rows: Sequence[tuple[int, Any]] | None) -> str:
    """The ``i``-th row compared, named as a learner sees it in their table: its position there and
    the index label pandas shows at its left (a table counted from 0 shows its 2nd row as 1).
    ``rows`` gives each compared row's (position, label) in the learner's table.

    >>> _row_name(1, list(enumerate(range(3)))), _row_name(0, [(4, "P7")])
    ('the 2nd row (shown as 1)', "the 5th row (shown as 'P7')")
    """
    position, label = rows[i] if rows is not None and i < len(rows) else (i, i)
    shown = label if isinstance(label, (int, np.integer)) else safe_repr(label, 30)
    return f"the {_ordinal(position + 1)} row (shown as {shown})"


def _frame_diff(sub: pd.DataFrame, exp: pd.DataFrame, key: str | None, tolerance: float | None,
                rows: Sequence[tuple[int, Any]] | None = None) -> str | None:
    for col in exp.columns:
        wrong, msg = _column_mismatch(sub[col], exp[col], tolerance)
        if msg:
            return f"column '{col}' {msg}."
        if wrong.any():
            i = int(np.flatnonzero(wrong)[0])
            where = _row_name(i, rows) + (f", {key} {safe_repr(exp[key].iloc[i], 40)}" if key else "")
            detail = ""
            if pd.api.types.is_numeric_dtype(exp[col]):
                v, e = sub[col].iloc[i], exp[col].iloc[i]
                if pd.isna(v):
                    detail = ": yours is missing (NaN)"
                elif not pd.isna(e):
                    detail = f": {_off_by(float(v), float(e))}"
            return f"column '{col}' is wrong in {int(wrong.sum())} of {len(wrong)} rows; first at {where}{detail}."
    return None


def compare_frame(value: Any, expected: pd.DataFrame, columns: Sequence[str] | None = None,
                  key: str | None = None, row_order: bool = False, tolerance: float | None = None) -> Verdict:
    """Tables match by value in ``columns``; extra columns, index and dtype differences are allowed."""
    columns = list(columns or expected.columns)
    if isinstance(value, pd.Series):
        return Verdict(False, "is a single column (Series); the answer is a table (DataFrame) with the "
                              f"columns {', '.join(repr(c) for c in columns)}.")
    if not isinstance(value, pd.DataFrame):
        return Verdict(False, f"is {describe(value)}, but the answer is a table (DataFrame).")
    have = [str(c) for c in value.columns]
    if len(set(have)) != len(have):
        twice = next(c for c in have if have.count(c) > 1)
        return Verdict(False, f"has two columns called {twice!r}.")
    missing = [c for c in columns if c not in have]
    if missing:
        msg = f"is missing the column(s) {', '.join(repr(c) for c in missing)}"
        near = difflib.get_close_matches(missing[0], [c for c in have if c not in columns], n=1)
        msg += f" (you have {near[0]!r}: check the spelling)." if near else f"; its columns are {have[:8]}."
        return Verdict(False, msg)
    if len(value) != len(expected):
        return Verdict(False, f"has {len(value):,} rows; it should have {len(expected):,}, one per row of the data.")
    sub = value.set_axis(have, axis=1)[columns].reset_index(drop=True)
    exp = expected[columns].reset_index(drop=True)
    notes: list[str] = []
    problem = _frame_diff(sub, exp, key, tolerance, rows=list(enumerate(value.index)))
    if problem:
        order = [key] if key else columns
        try:
            mine = np.argsort(sub[order].astype(str).agg("|".join, axis=1).to_numpy(), kind="stable")
            s2 = sub.iloc[mine]
            e2 = exp.iloc[np.argsort(exp[order].astype(str).agg("|".join, axis=1).to_numpy(), kind="stable")]
            reordered = _frame_diff(s2.reset_index(drop=True), e2.reset_index(drop=True), key, tolerance,
                                    rows=[(int(j), value.index[j]) for j in mine])
        except Exception:  # noqa: BLE001 - unsortable learner values: keep the first message
            reordered = problem
        if reordered is not None:
            # With a key, rows are matched by it: name the learner's row that holds the wrong value.
            return Verdict(False, reordered if key else problem)
        if row_order:
            return Verdict(False, "has the right rows in a different order: keep the order of the data table.")
        notes.append("your rows are in a different order from the data table; that is fine here.")
    if not isinstance(value.index, pd.RangeIndex) or not value.index.equals(pd.RangeIndex(len(value))):
        notes.append("your table has a different index (row labels); the values match, so that is fine.")
    for col in columns:
        if str(sub[col].dtype) != str(exp[col].dtype):
            notes.append(f"column '{col}' is {sub[col].dtype} where the data uses {exp[col].dtype}; "
                         "the values match, so that is fine.")
    return Verdict(True, notes=tuple(notes))


def compare_mapping(value: Any, expected: dict, tolerance: float | None = None, ordered: bool = False) -> Verdict:
    """Dictionaries match when they have the same keys and each value matches (numbers within ``tolerance``).

    >>> compare_mapping({"invalid": 3, "missing": 2}, {"missing": 2, "invalid": 4}).message
    "has the wrong value for 'invalid': it is off by 1 (yours is too low)."
    """
    if not isinstance(value, dict):
        return Verdict(False, f"is {describe(value)}, but the answer is a dictionary like "
                              f"{{{', '.join(f'{k!r}: ...' for k in list(expected)[:3])}}}.")
    missing = [k for k in expected if k not in value]
    if missing:
        near = difflib.get_close_matches(str(missing[0]), [str(k) for k in value if k not in expected], n=1)
        hint = f" (you have {near[0]!r}: check the spelling)" if near else ""
        return Verdict(False, f"has no key {missing[0]!r}{hint}; the keys should be "
                              f"{', '.join(repr(k) for k in expected)}.")
    extra = [k for k in value if k not in expected]
    if extra:
        return Verdict(False, f"has a key {safe_repr(extra[0], 30)} that should not be there; the keys should be "
                              f"{', '.join(repr(k) for k in expected)}.")
    for key, want in expected.items():
        verdict = compare(value[key], want, tolerance=tolerance, ordered=ordered)
        if not verdict.ok:
            return Verdict(False, f"has the wrong value for {key!r}: it {verdict.message}")
    return Verdict(True)


def compare(value: Any, expected: Any, *, tolerance: float | None = None, ordered: bool = False,
            columns: Sequence[str] | None = None, key: str | None = None, row_order: bool = False) -> Verdict:
    """Compare ``value`` with ``expected``, choosing the rule from the type of ``expected``.

    >>> compare("7", 7).ok
    False
    """
    if isinstance(expected, pd.DataFrame):
        return compare_frame(value, expected, columns, key, row_order, tolerance)
    if isinstance(expected, (pd.Timestamp, _dt.date, np.datetime64)):
        return compare_date(value, expected)
    if isinstance(expected, str):
        return compare_text(value, expected)
    if _is_number(expected):
        return compare_number(value, expected, tolerance)
    if isinstance(expected, (list, tuple)):
        return compare_items(value, expected, ordered)
    if isinstance(expected, dict):
        return compare_mapping(value, expected, tolerance, ordered)
    if type(value) is not type(expected):
        return Verdict(False, f"is {describe(value)}, but the answer is {describe(expected)}.")
    return Verdict(bool(value == expected), "" if value == expected else "is not the right value.")
