"""Hospital statistics: census, occupancy, length of stay, death and autopsy rates.

The formulas a health information technician uses for the monthly statistics
report. Rates come back in percent (``85.0`` means 85%). Every function takes
plain numbers or array-likes (lists, NumPy arrays, pandas Series): scalars in
give a ``float`` out; arrays in give an array of the same shape out (a Series
keeps its index). Impossible input (negative counts, a zero denominator, more
deaths than discharges, NaN, text) raises ``ValueError`` naming the argument.

>>> average_daily_census(2_790, 31)       # 2,790 service days in a 31-day month
90.0
>>> bed_occupancy_rate(2_790, 100, 31)    # 2,790 x 100 / (100 beds x 31 days)
90.0
>>> gross_death_rate(3, 600)              # 3 x 100 / 600
0.5

Formulas (course brief, section 7):

- average daily census = inpatient service days / days in the period
- bed occupancy % = service days x 100 / (beds x days)
- average length of stay = discharge (LOS) days / discharges (deaths included)
- gross death rate = inpatient deaths x 100 / discharges
- net death rate = (deaths - deaths under 48 h) x 100 / (discharges - deaths under 48 h)
- bed turnover = discharges / average bed count
- net autopsy rate = autopsies x 100 / (deaths - unautopsied coroner cases)
"""
from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import pandas as pd

from .inputs import as_date, extract_date_of, require_frame

__all__ = [
    "average_daily_census",
    "bed_occupancy_rate",
    "average_length_of_stay",
    "gross_death_rate",
    "net_death_rate",
    "bed_turnover",
    "net_autopsy_rate",
    "census_summary",
    "screen_stays",
    "daily_census",
    "STAY_PROBLEMS",
    "CENSUS_COLUMNS",
    "SUMMARY_COLUMNS",
]

#: Columns ``census_summary`` needs: one row per unit per day.
CENSUS_COLUMNS = ("date", "unit", "census", "beds")
#: Columns of the table ``census_summary`` returns, in order.
SUMMARY_COLUMNS = (
    "unit", "days", "service_days", "bed_days", "average_daily_census",
    "occupancy_pct", "days_over_capacity",
)
#: Label of the whole-hospital row of ``census_summary``.
ALL_UNITS = "All units"


# -- input checking ------------------------------------------------------
def _counts(value: Any, name: str) -> np.ndarray:
    """``value`` as a float array of finite, non-negative numbers, or a ValueError naming ``name``."""
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be a number, not {value!r}.")
    if isinstance(value, (str, bytes)):
        raise ValueError(f"{name} must be a number, not the text {value!r}. Convert it with float() first.")
    if isinstance(value, pd.DataFrame):
        raise ValueError(f"{name} must be a number or one column of numbers, not a whole table: pick the column, "
                         f"e.g. table['{name}'].")
    raw = np.asarray(value.to_numpy() if isinstance(value, (pd.Series, pd.Index)) else value)
    if raw.ndim > 1:
        raise ValueError(f"{name} must be a number or a flat list of numbers, not a nested list (shape {raw.shape}).")
    if raw.size == 0:
        raise ValueError(f"{name} is empty; give at least one number.")
    if raw.dtype.kind == "b":
        raise ValueError(f"{name} must hold numbers, not True/False values.")
    if raw.dtype.kind not in "iuf":
        for item in raw.ravel():
            if item is None or item is pd.NA:
                raise ValueError(f"{name} has a missing value; fill it in or drop that row first.")
            if not isinstance(item, numbers.Real) or isinstance(item, (bool, np.bool_)):
                raise ValueError(f"{name} must hold numbers only; found {item!r}.")
    try:
        arr = raw.astype(float)
    except OverflowError:
        raise ValueError(f"{name} holds a number too large to count with; check the value.") from None
    if np.isnan(arr).any():
        raise ValueError(f"{name} has a missing value (NaN); fill it in or drop that row first.")
    if np.isinf(arr).any():
        raise ValueError(f"{name} must be finite; found infinity.")
    if (arr < 0).any():
        bad = arr[arr < 0].ravel()[0]
        raise ValueError(f"{name} cannot be negative (found {bad:g}); a count of days, beds or patients is 0 or more.")
    return arr


def _positive(arr: np.ndarray, name: str, what: str) -> None:
    if (arr <= 0).any():
        raise ValueError(f"{name} must be above 0: it is the denominator ({what}), and a rate over 0 of them is undefined.")


def _not_more(small: np.ndarray, small_name: str, big: np.ndarray, big_name: str) -> None:
    """Raise unless ``small <= big`` everywhere (after broadcasting)."""
    if (small > big).any():
        raise ValueError(f"{small_name} cannot be more than {big_name}; check the two counts.")


def _shape_like(result: np.ndarray, *inputs: Any) -> float | np.ndarray | pd.Series:
    """Return a float for all-scalar input, a Series if any input was one, else an array."""
    for item in inputs:
        if isinstance(item, pd.Series):
            return pd.Series(np.broadcast_to(result, item.shape).copy(), index=item.index, name=item.name)
    if all(np.ndim(item) == 0 for item in inputs):
        return float(result)
    return np.asarray(result, dtype=float)


def _broadcast(**named: np.ndarray) -> list[np.ndarray]:
    try:
        return list(np.broadcast_arrays(*named.values()))
    except ValueError:
        shapes = ", ".join(f"{k} {v.shape}" for k, v in named.items())
        raise ValueError(f"The inputs have different lengths ({shapes}); give one value per period for each.") from None


# -- the formulas --------------------------------------------------------
def average_daily_census(service_days: Any, days: Any) -> float | np.ndarray | pd.Series:
    """Average number of inpatients a day: service days / days in the period.

    >>> average_daily_census([300, 310], [30, 31])
    array([10., 10.])
    """
    sd, d = _broadcast(service_days=_counts(service_days, "service_days"), days=_counts(days, "days"))
    _positive(d, "days", "days in the period")
    return _shape_like(sd / d, service_days, days)


def bed_occupancy_rate(service_days: Any, beds: Any, days: Any) -> float | np.ndarray | pd.Series:
    """Bed occupancy in percent: service days x 100 / (beds x days).

    Above 100 is allowed: it means patients were in overflow beds.

    >>> bed_occupancy_rate(2_550, 100, 30)    # 2,550 x 100 / 3,000
    85.0
    """
    sd, b, d = _broadcast(
        service_days=_counts(service_days, "service_days"), beds=_counts(beds, "beds"), days=_counts(days, "days")
    )
    _positive(b, "beds", "bed count")
    _positive(d, "days", "days in the period")
    return _shape_like(sd * 100.0 / (b * d), service_days, beds, days)


def average_length_of_stay(los_days: Any, discharges: Any) -> float | np.ndarray | pd.Series:
    """Average length of stay in days: discharge (LOS) days / discharges, deaths included.

    >>> average_length_of_stay(2_400, 500)
    4.8
    """
    los, dis = _broadcast(los_days=_counts(los_days, "los_days"), discharges=_counts(discharges, "discharges"))
    _positive(dis, "discharges", "discharges, deaths included")
    return _shape_like(los / dis, los_days, discharges)


def gross_death_rate(deaths: Any, discharges: Any) -> float | np.ndarray | pd.Series:
    """Gross death rate in percent: inpatient deaths x 100 / discharges (deaths included).

    >>> gross_death_rate(6, 400)
    1.5
    """
    de, dis = _broadcast(deaths=_counts(deaths, "deaths"), discharges=_counts(discharges, "discharges"))
    _positive(dis, "discharges", "discharges, deaths included")
    _not_more(de, "deaths", dis, "discharges (deaths are counted among discharges)")
    return _shape_like(de * 100.0 / dis, deaths, discharges)


def net_death_rate(deaths: Any, deaths_under_48h: Any, discharges: Any) -> float | np.ndarray | pd.Series:
    """Net (institutional) death rate in percent, leaving out deaths within 48 hours of admission.

    (deaths - deaths under 48 h) x 100 / (discharges - deaths under 48 h)

    >>> net_death_rate(6, 2, 402)             # 4 x 100 / 400
    1.0
    """
    de, early, dis = _broadcast(
        deaths=_counts(deaths, "deaths"),
        deaths_under_48h=_counts(deaths_under_48h, "deaths_under_48h"),
        discharges=_counts(discharges, "discharges"),
    )
    _not_more(early, "deaths_under_48h", de, "deaths (they are some of the deaths)")
    _not_more(de, "deaths", dis, "discharges (deaths are counted among discharges)")
    if (dis - early <= 0).any():
        raise ValueError(
            "discharges minus deaths_under_48h must be above 0: it is the denominator of the net death rate."
        )
    return _shape_like((de - early) * 100.0 / (dis - early), deaths, deaths_under_48h, discharges)


def bed_turnover(discharges: Any, average_bed_count: Any) -> float | np.ndarray | pd.Series:
    """Bed turnover: discharges / average bed count (how many patients each bed served).

    >>> bed_turnover(600, 120)
    5.0
    """
    dis, beds = _broadcast(
        discharges=_counts(discharges, "discharges"), average_bed_count=_counts(average_bed_count, "average_bed_count")
    )
    _positive(beds, "average_bed_count", "average bed count")
    return _shape_like(dis / beds, discharges, average_bed_count)


def net_autopsy_rate(autopsies: Any, deaths: Any, unautopsied_coroner_cases: Any) -> float | np.ndarray | pd.Series:
    """Net autopsy rate in percent: autopsies x 100 / (deaths - unautopsied coroner cases).

    Bodies released to the coroner and not autopsied by the hospital leave the denominator.

    >>> net_autopsy_rate(3, 12, 2)            # 3 x 100 / 10
    30.0
    """
    aut, de, cor = _broadcast(
        autopsies=_counts(autopsies, "autopsies"),
        deaths=_counts(deaths, "deaths"),
        unautopsied_coroner_cases=_counts(unautopsied_coroner_cases, "unautopsied_coroner_cases"),
    )
    _not_more(cor, "unautopsied_coroner_cases", de, "deaths (coroner cases are some of the deaths)")
    base = de - cor
    if (base <= 0).any():
        raise ValueError(
            "deaths minus unautopsied_coroner_cases must be above 0: it is the denominator of the net autopsy rate."
        )
    _not_more(aut, "autopsies", base, "deaths minus unautopsied_coroner_cases (the deaths open to autopsy)")
    return _shape_like(aut * 100.0 / base, autopsies, deaths, unautopsied_coroner_cases)


# -- a daily census table --------------------------------------------------
def census_summary(daily_census: pd.DataFrame) -> pd.DataFrame:
    """Summarize a daily census table per unit and for the whole hospital.

    ``daily_census`` has one row per unit per day, with columns ``date``,
    ``unit``, ``census`` (inpatients at the census hour: the day's service
    days) and ``beds`` (beds set up that day). The result has one row per unit,
    sorted by unit, then a last row ``"All units"``, with columns:

    - ``days``: days counted (distinct dates);
    - ``service_days``: sum of the daily census;
    - ``bed_days``: sum of the daily beds (beds x days when the count is fixed);
    - ``average_daily_census``: service days / days;
    - ``occupancy_pct``: service days x 100 / bed days;
    - ``days_over_capacity``: days with census above beds (for "All units":
      dates on which the hospital total was above the hospital's beds).

    >>> table = pd.DataFrame({"date": ["2026-03-01", "2026-03-02"] * 2,
    ...                       "unit": ["ICU", "ICU", "Med", "Med"],
    ...                       "census": [9, 11, 30, 26], "beds": [10, 10, 30, 30]})
    >>> census_summary(table)[["unit", "service_days", "average_daily_census", "occupancy_pct"]]
            unit  service_days  average_daily_census  occupancy_pct
    0        ICU            20                  10.0          100.0
    1        Med            56                  28.0           93.3
    2  All units            76                  38.0           95.0
    """
    require_frame(daily_census, "The daily census table", CENSUS_COLUMNS,
                  hint="census_summary needs a DataFrame with one row per unit per day, such as daily_census() makes.")
    if daily_census.empty:
        raise ValueError("The daily census table is empty; it needs one row per unit per day.")
    df = daily_census[list(CENSUS_COLUMNS)].copy()
    if df["unit"].isna().any():
        raise ValueError(f"Column 'unit' is empty in {int(df['unit'].isna().sum())} row(s); name the unit of every row.")
    try:
        df["date"] = pd.to_datetime(df["date"], format="mixed").dt.normalize()
    except (ValueError, TypeError) as exc:
        raise ValueError(f"Column 'date' holds something that is not a date ({exc}); use YYYY-MM-DD.") from None
    if df["date"].isna().any():
        raise ValueError("Column 'date' has missing dates; fill them in or drop those rows.")
    for col in ("census", "beds"):
        df[col] = _counts(df[col], f"Column {col!r}")
    if (df["beds"] <= 0).any():
        raise ValueError("Column 'beds' must be above 0 on every row: a unit with no beds set up has no census.")
    dup = df.duplicated(["date", "unit"])
    if dup.any():
        row = df.loc[dup].iloc[0]
        raise ValueError(
            f"Unit {row['unit']!r} has more than one row for {row['date']:%Y-%m-%d}; keep one census per unit per day."
        )
    df["over"] = df["census"] > df["beds"]
    per_unit = df.groupby("unit", sort=True).agg(
        days=("date", "nunique"), service_days=("census", "sum"), bed_days=("beds", "sum"), days_over_capacity=("over", "sum")
    )
    per_day = df.groupby("date").agg(census=("census", "sum"), beds=("beds", "sum"))
    overall = pd.DataFrame(
        {
            "days": [len(per_day)],
            "service_days": [per_day["census"].sum()],
            "bed_days": [per_day["beds"].sum()],
            "days_over_capacity": [int((per_day["census"] > per_day["beds"]).sum())],
        },
        index=pd.Index([ALL_UNITS], name="unit"),
    )
    out = pd.concat([per_unit, overall]).rename_axis("unit").reset_index()
    out["unit"] = out["unit"].astype(str)
    out["average_daily_census"] = (out["service_days"] / out["days"]).round(2)
    out["occupancy_pct"] = (out["service_days"] * 100.0 / out["bed_days"]).round(1)
    for col in ("days", "days_over_capacity"):
        out[col] = out[col].astype("int64")
    for col in ("service_days", "bed_days"):
        whole = (out[col] == out[col].round()).all()
        out[col] = out[col].astype("int64") if whole else out[col]
    return out[list(SUMMARY_COLUMNS)]


# -- from encounters to a daily census --------------------------------------------
#: Why ``screen_stays`` leaves an inpatient stay out of the statistics.
STAY_PROBLEMS = ("missing admit date", "missing discharge date", "discharge before admission",
                 "discharge after the extract date")


def screen_stays(encounters: pd.DataFrame, extract_date: Any = None) -> pd.DataFrame:
    """The inpatient stays of an encounter table, each with the reason it cannot be counted (if any).

    Keeps rows whose ``encounter_type`` is ``"inpatient"``; ``admit_date`` and
    ``discharge_date`` become dates. Column ``problem`` names the first of
    ``STAY_PROBLEMS`` that applies (missing value when the stay is usable); a
    discharge after ``extract_date``, the day the extract was taken (default: the table's
    ``attrs["extract_date"]``; see ``helpers.inputs``), cannot have happened yet. Column ``stay_days`` is the length of stay in
    days, counting a same-day stay as 1 day.

    >>> enc = pd.DataFrame({"encounter_type": ["inpatient"] * 3 + ["outpatient"],
    ...                     "unit": ["ICU"] * 4, "discharge_status": ["home"] * 4,
    ...                     "admit_date": ["2026-03-01", "2026-03-05", None, "2026-03-01"],
    ...                     "discharge_date": ["2026-03-04", "2026-03-02", "2026-03-02", "2026-03-01"]})
    >>> screen_stays(enc, extract_date="2026-04-01")[["stay_days", "problem"]]
       stay_days                     problem
    0          3                        <NA>
    1       <NA>  discharge before admission
    2       <NA>          missing admit date
    """
    needed = ("encounter_type", "unit", "admit_date", "discharge_date", "discharge_status")
    require_frame(encounters, "The encounters table", needed,
                  hint="screen_stays needs the encounters DataFrame, e.g. data.load('synthetic_encounters').")
    cutoff = extract_date_of(extract_date, encounters)
    stays = encounters[encounters["encounter_type"].astype("string") == "inpatient"].copy()
    for col in ("admit_date", "discharge_date"):
        stays[col] = pd.to_datetime(stays[col], errors="coerce").dt.normalize().astype("datetime64[ns]")
    problem = pd.Series(pd.NA, index=stays.index, dtype="string")
    checks = [stays["admit_date"].isna(), stays["discharge_date"].isna(),
              stays["discharge_date"] < stays["admit_date"]]
    checks.append(stays["discharge_date"] > cutoff)
    for reason, bad in reversed(list(zip(STAY_PROBLEMS, checks))):
        problem[bad.fillna(False).astype(bool)] = reason
    stays["problem"] = problem
    days = (stays["discharge_date"] - stays["admit_date"]).dt.days.clip(lower=1)
    stays["stay_days"] = days.where(problem.isna()).astype("Int64")
    return stays.reset_index(drop=True)


def daily_census(encounters: pd.DataFrame, start: Any, end: Any, beds_by_unit: dict,
                 extract_date: Any = None) -> pd.DataFrame:
    """One row per unit per day from ``start`` to ``end`` (both included): ``date, unit, census, beds``.

    The census of a day counts the patients in a bed at midnight (admitted on or before
    the day, discharged after it) plus those admitted and discharged that same day, so it
    is the day's inpatient service days. Stays with a ``problem`` (see ``screen_stays``)
    are left out (``extract_date`` as there); ``.attrs["excluded"]`` counts, by reason, those of
    the units asked for that may fall in the period (their known dates touch it). Units not in
    ``beds_by_unit`` are left out too. A period ending after the extract date is refused: the
    extract holds no stays after the day it was taken. The result feeds ``census_summary``.

    >>> enc = pd.DataFrame({"encounter_type": ["inpatient"] * 3, "unit": ["ICU"] * 3,
    ...                     "discharge_status": ["home"] * 3,
    ...                     "admit_date": ["2026-03-01", "2026-03-02", "2026-03-02"],
    ...                     "discharge_date": ["2026-03-03", "2026-03-02", "2026-03-01"]})
    >>> table = daily_census(enc, "2026-03-01", "2026-03-03", {"ICU": 2}, extract_date="2026-04-01")
    >>> list(table["census"]), table.attrs["excluded"]
    ([1, 2, 0], {'discharge before admission': 1})
    """
    if not isinstance(beds_by_unit, dict) or not beds_by_unit:
        raise ValueError("beds_by_unit must be a dict such as {'Medical': 20}, with at least one unit.")
    for unit, beds in beds_by_unit.items():
        if isinstance(beds, bool) or not isinstance(beds, numbers.Real) or not beds > 0:
            raise ValueError(f"beds_by_unit[{unit!r}] must be a number of beds above 0, not {beds!r}.")
    first, last = as_date(start, "start", example="2024-01-01"), as_date(end, "end", example="2024-12-31")
    if last < first:
        raise ValueError(f"end ({end!r}) must be a date on or after start ({start!r}).")
    stays = screen_stays(encounters, extract_date)
    taken = extract_date_of(extract_date, encounters)
    if last > taken:
        raise ValueError(f"The extract was taken on {taken:%Y-%m-%d}, so it holds no stays after that day and "
                         f"a period ending {last:%Y-%m-%d} would count empty beds. End the period on or before "
                         f"{taken:%Y-%m-%d}.")
    mine = stays[stays["unit"].isin(list(beds_by_unit))]
    touches = (~(mine["admit_date"] > last)) & (~(mine["discharge_date"] < first))  # unknown dates may touch it
    excluded = {str(k): int(v) for k, v in mine.loc[touches, "problem"].value_counts().items()}
    ok = mine[mine["problem"].isna()]
    dates = pd.date_range(first, last, freq="D")
    rows = []
    for unit in beds_by_unit:
        mine = ok[ok["unit"] == unit]
        admit = mine["admit_date"].to_numpy()[:, None]
        leave = mine["discharge_date"].to_numpy()[:, None]
        day = dates.to_numpy()[None, :]
        midnight = (admit <= day) & (leave > day)
        same_day = (admit == day) & (leave == day)
        counts = (midnight | same_day).sum(axis=0)
        rows.append(pd.DataFrame({"date": dates, "unit": unit, "census": counts.astype("int64"),
                                  "beds": beds_by_unit[unit]}))
    out = pd.concat(rows, ignore_index=True)
    out.attrs["excluded"] = excluded
    return out
