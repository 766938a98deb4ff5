"""Input checks shared by the audit modules, and the reproducible audit sample."""
from __future__ import annotations

import numbers
from typing import Any

import pandas as pd

__all__ = ["audit_sample"]


# -- checks shared by every function ---------------------------------------------------------
def _frame(df: Any, columns: tuple[str, ...] | list[str], what: str) -> pd.DataFrame:
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"{what} must be a pandas DataFrame; got {type(df).__name__}.")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what} has no column {', '.join(map(repr, missing))}; it needs {', '.join(columns)} "
                         f"(it has {', '.join(map(str, df.columns))}).")
    return df


def _whole(name: str, value: Any, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number such as 20, not {value!r}.")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}; got {value}.")
    return int(value)


def _share(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= value <= 1:
        raise ValueError(f"{name} must be a share between 0 and 1 (0.1 means 10%), not {value!r}.")
    return float(value)


def _reference_date() -> Any:
    from ..synth import REFERENCE_DATE  # the date the course's extracts are taken on

    return REFERENCE_DATE


def _date(value: Any, default: Any) -> pd.Timestamp:
    try:
        when = pd.Timestamp(default if value is None else value)
    except (ValueError, TypeError):
        raise ValueError(f"as_of must be a date such as '2026-01-01' (got {value!r}).") from None
    if pd.isna(when):
        raise ValueError("as_of must be a date such as '2026-01-01', not a missing value.")
    return when


# -- sampling --------------------------------------------------------------------------------
def audit_sample(df: pd.DataFrame, n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` rows drawn at random without replacement; the same ``seed`` always gives the same rows.

    The rows keep their index, so you can see where each came from.

    >>> audit_sample(pd.DataFrame({"x": range(10)}), 3, seed=1)["x"].tolist()
    [2, 9, 6]
    """
    _frame(df, [], "The table to sample")
    n, seed = _whole("n", n, 1), _whole("seed", seed)
    if n > len(df):
        raise ValueError(f"n = {n} is larger than the table ({len(df)} rows); a sample without replacement "
                         "cannot hold more rows than the table. Ask for fewer rows.")
    return df.sample(n=n, random_state=seed)
