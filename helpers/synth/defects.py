"""Planted data-quality defects, each recorded so a learner's findings can be checked.

A share ``rate`` of the rows of each table gets exactly one defect, of a kind drawn
from that table's list. The ``defects`` ground truth has one row per defect:
``table``, ``row_id`` (patient id, encounter id, or ``"<encounter_id>:<seq>"`` for a
diagnosis), ``column``, ``kind`` and ``value`` (the planted text; empty when the
defect is a missing value).

Some defects carry consequences that are not recorded separately: a birth date in
the future also falls after the patient's admissions, and ``los_days`` is computed
from the dates as they stand (negative when discharge precedes admission, empty
when a date is missing).

>>> DEFECT_KINDS["encounters"]
('missing_required', 'discharge_before_admission', 'future_date')
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .clinical import INVALID_CODES, NON_BILLABLE_CODES

__all__ = ["DEFECT_KINDS", "REQUIRED_COLUMNS", "plant"]

#: The kinds of defect planted in each table.
DEFECT_KINDS: dict[str, tuple[str, ...]] = {
    "patients": ("missing_required", "future_date", "malformed_phone", "malformed_zip"),
    "encounters": ("missing_required", "discharge_before_admission", "future_date"),
    "diagnoses": ("missing_required", "invalid_code", "nonbillable_code"),
}
#: Columns a record must have; ``missing_required`` empties one of them.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "patients": ("first_name", "last_name", "birth_date", "sex"),
    "encounters": ("admit_date", "encounter_type", "discharge_status"),
    "diagnoses": ("code",),
}
_DAY = np.timedelta64(1, "D")


def _text(values: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%Y-%m-%d")
    return values.astype("string")


def _malformed_phone(phone: pd.Series, how: np.ndarray) -> pd.Series:
    # (ddd) 555-01dd -> last digit missing, a letter O for the zero, or an extra digit
    return pd.Series(np.select(
        [how == 0, how == 1],
        [phone.str[:-1], phone.str[:10] + "O" + phone.str[11:]],
        phone + phone.str[-1],
    ), index=phone.index)


def _malformed_zip(zips: pd.Series, how: np.ndarray) -> pd.Series:
    # a leading zero lost (as a spreadsheet does), a digit missing, a digit extra, or a letter O
    lost_zero = zips.str[0] == "0"
    return pd.Series(np.select(
        [(how == 0) & lost_zero, how <= 1, how == 2],
        [zips.str[1:], zips.str[:4], zips + zips.str[-1]],
        zips.str[:2] + "O" + zips.str[3:],
    ), index=zips.index)


def plant(rng: np.random.Generator, table: str, frame: pd.DataFrame, row_ids: np.ndarray, rate: float,
          reference: np.datetime64) -> pd.DataFrame:
    """Plant defects in ``frame`` (changed in place); return their ground-truth rows."""
    count = int(round(rate * len(frame)))
    rows = np.sort(rng.choice(len(frame), size=count, replace=False))
    kinds = np.array(DEFECT_KINDS[table], dtype=object)[rng.integers(0, len(DEFECT_KINDS[table]), count)]
    columns = np.empty(count, dtype=object)
    values = pd.Series(pd.NA, index=range(count), dtype="string")
    required = np.array(REQUIRED_COLUMNS[table], dtype=object)
    columns[kinds == "missing_required"] = required[rng.integers(0, len(required), (kinds == "missing_required").sum())]
    for kind in DEFECT_KINDS[table]:
        mine = np.flatnonzero(kinds == kind)
        at = rows[mine]
        if kind == "missing_required":
            for column in required:
                which = columns[mine] == column
                frame.iloc[at[which], frame.columns.get_loc(column)] = None
            continue
        if kind == "future_date" and table == "patients":
            column, old = "birth_date", frame["birth_date"].iloc[at].to_numpy("datetime64[D]")
            century = old + 36525 * _DAY   # 1962 typed as 2062; people born since 2000 get a date within a year
            plausible = (century > reference) & (century < np.datetime64("2100-01-01"))
            new = np.where(plausible, century, reference + rng.integers(1, 366, len(at)) * _DAY)
        elif kind == "future_date":
            column = "discharge_date"
            new = reference + rng.integers(1, 401, len(at)) * _DAY
        elif kind == "discharge_before_admission":
            column = "discharge_date"
            new = frame["admit_date"].iloc[at].to_numpy("datetime64[D]") - rng.integers(1, 11, len(at)) * _DAY
        elif kind == "malformed_phone":
            column = "phone"
            new = _malformed_phone(frame["phone"].iloc[at], rng.integers(0, 3, len(at))).to_numpy(object)
        elif kind == "malformed_zip":
            column = "zip"
            new = _malformed_zip(frame["zip"].iloc[at], rng.integers(0, 4, len(at))).to_numpy(object)
        elif kind == "invalid_code":
            column = "code"
            new = np.array(INVALID_CODES, dtype=object)[rng.integers(0, len(INVALID_CODES), len(at))]
        else:  # nonbillable_code
            column = "code"
            new = np.array(NON_BILLABLE_CODES, dtype=object)[rng.integers(0, len(NON_BILLABLE_CODES), len(at))]
        position = frame.columns.get_loc(column)
        frame.iloc[at, position] = pd.Series(new).astype(frame[column].dtype).to_numpy()
        columns[mine] = column
        values.iloc[mine] = _text(frame[column].iloc[at]).to_numpy()
    return pd.DataFrame({
        "table": pd.Series([table] * count, dtype="string"),
        "row_id": pd.Series(row_ids[rows], dtype="string"),
        "column": pd.Series(columns, dtype="string"),
        "kind": pd.Series(kinds, dtype="string"),
        "value": values,
    })
