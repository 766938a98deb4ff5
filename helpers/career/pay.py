"""Pay and outlook (lesson 15): salary figures side by side, percent changes, fair comparisons.

Pay figures come from sources that measure different things (a career guide's range for
one level, a survey's average for certified coders, the BLS median for everyone in the
occupation), in different years and sometimes for different occupation codes. The
functions here keep them apart: they put figures side by side with their date and tag,
and they refuse to compute a change between two BLS periods that use different codes.

>>> percent_change(40000, 50000)
25.0
>>> table = salary_sources(1, "three", "any")
>>> list(table["tag"])
['G', 'S', 'S', 'S']
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "CREDENTIAL_GROUPS", "ANY_SETTING", "PERCENTILE_COLUMNS", "usd", "percent_change", "parse_money",
    "parse_salaries", "pay_summary", "salary_sources", "place_offer", "percentile_table",
    "compare_periods", "period_changes", "prospects_summary",
]

#: Short names a learner picks -> the groups of the ``certification_pay`` table.
CREDENTIAL_GROUPS: dict[str, str] = {
    "none": "Not certified",
    "one or more": "Certified (one or more credentials)",
    "three": "Three credentials",
}
#: The setting that means "no particular industry".
ANY_SETTING = "any"
#: The percentile columns of ``bls_wages``, lowest first, with their plain names.
PERCENTILE_COLUMNS: dict[str, str] = {
    "p10_annual_usd": "10th percentile", "p25_annual_usd": "25th percentile",
    "median_annual_usd": "median", "p75_annual_usd": "75th percentile", "p90_annual_usd": "90th percentile",
}
_MONEY = re.compile(r"\$?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(k)?")
_MAX_SALARY = 10_000_000


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def usd(value: Any) -> str:
    """A whole-dollar amount as text, or "unknown" when the value is missing.

    >>> usd(50250), usd(None)
    ('$50,250', 'unknown')
    """
    return "unknown" if _missing(value) else f"${float(value):,.0f}"


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or _missing(value):
        raise ValueError(f"{what} is unknown or not a number ({value!r}), so there is nothing to compare.")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number; got {value!r}.") from None
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{what} must be a finite number; got {value!r}.")
    return number


def percent_change(old: float, new: float) -> float:
    """How far ``new`` is above (positive) or below (negative) ``old``, in percent of ``old``.

    >>> percent_change(46660, 50250) > 7
    True
    >>> percent_change(0, 10)
    Traceback (most recent call last):
    ...
    ValueError: A change in percent is measured from the starting value, which must be above 0 (got 0).
    """
    start, end = _number(old, "The starting value"), _number(new, "The new value")
    if start <= 0:
        raise ValueError("A change in percent is measured from the starting value, "
                         f"which must be above 0 (got {start:g}).")
    return (end - start) / start * 100


def parse_money(text: Any) -> float:
    """A yearly amount typed by a learner: ``42000``, ``$42,000``, ``42.5k``.

    >>> parse_money(" $42,500 "), parse_money("38k")
    (42500.0, 38000.0)
    >>> parse_money("24.16")
    Traceback (most recent call last):
    ...
    ValueError: 24.16 looks like an hourly wage. Type a yearly salary, such as 42000 or 42k.
    """
    if isinstance(text, bool):
        raise ValueError("Type a yearly salary, such as 42000 or 42k.")
    if isinstance(text, (int, float)):
        value = _number(text, "The salary")
    else:
        cleaned = str(text).strip().lower().replace(" ", "")
        if not cleaned:
            raise ValueError("The box is empty. Type a yearly salary, such as 42000 or 42k.")
        match = _MONEY.fullmatch(cleaned)
        if not match:
            raise ValueError(f"{str(text).strip()!r} is not an amount of money. Type digits, such as 42000, "
                             "$42,000 or 42k (separate several amounts with spaces or commas).")
        value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
        value *= 1000 if match.group(3) else 1
    if value <= 0:
        raise ValueError(f"A salary must be above $0; got {value:g}.")
    if value < 1000:
        raise ValueError(f"{value:g} looks like an hourly wage. Type a yearly salary, such as 42000 or 42k.")
    if value > _MAX_SALARY:
        raise ValueError(f"{value:,.0f} is far above any salary in this field. Check for an extra digit.")
    return value


def parse_salaries(text: str) -> list[float]:
    """Several yearly salaries separated by spaces, semicolons, commas or new lines.

    A comma inside a number groups its thousands (``35,500``); any other comma separates two
    salaries (``31000,35000`` or ``31000, 35000``).

    >>> parse_salaries("31000 35,500; 40k")
    [31000.0, 35500.0, 40000.0]
    >>> parse_salaries("31000,35000, $40,250")
    [31000.0, 35000.0, 40250.0]
    """
    tokens = []
    for token in re.split(r"[\s;]+|,\s+", str(text).strip()):
        if "," in token and not _MONEY.fullmatch(token.lower()):
            pieces = token.split(",")  # not thousands groups: commas between salaries
            if any(re.fullmatch(r"\d{3}", p) for p in pieces[1:]):
                raise ValueError(f"{token!r} mixes commas inside numbers and between them. Separate the salaries "
                                 "with spaces or semicolons, such as 31,000 40,000.")
            tokens += pieces
        else:
            tokens.append(token)
    tokens = [t for t in tokens if t]
    if not tokens:
        raise ValueError("The box is empty. Type a few yearly salaries separated by spaces, such as 31000 35000 40000.")
    return [parse_money(t) for t in tokens]


def pay_summary(values: Sequence[float]) -> dict[str, float]:
    """Count, lowest, 25th percentile, median, 75th percentile, highest and mean of some salaries.

    Percentiles interpolate between neighbours once the values are sorted (numpy's
    default), so the median of an even number of values is the average of the middle two.

    >>> s = pay_summary([30000, 40000, 50000, 200000])
    >>> s["median"], s["mean"]
    (45000.0, 80000.0)
    """
    numbers = [_number(v, "Each salary") for v in values]
    if not numbers:
        raise ValueError("There are no salaries to summarize: type at least one.")
    if min(numbers) < 0:
        raise ValueError(f"A salary cannot be negative (got {min(numbers):g}).")
    arr = np.sort(np.asarray(numbers, dtype=float))
    p25, median, p75 = (float(v) for v in np.percentile(arr, [25, 50, 75]))
    return {"count": len(arr), "lowest": float(arr[0]), "p25": p25, "median": median, "p75": p75,
            "highest": float(arr[-1]), "mean": float(arr.mean())}


def _table(name: str, given: pd.DataFrame | None) -> pd.DataFrame:
    if given is not None:
        return given.reset_index(drop=True)
    from .. import data  # at call time: importing helpers.career reads nothing

    return data.load(name)


def _as_of(name: str, given: pd.DataFrame | None, default: str) -> str:
    if given is not None:
        return default
    from .. import data

    return _month(str(data.source(name)["as_of"]))


def _month(text: str) -> str:
    """'2011-05' -> 'May 2011'; anything else unchanged."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return text
    return pd.Timestamp(year=int(match.group(1)), month=int(match.group(2)), day=1).strftime("%B %Y")


def _tag(value: Any) -> str:
    return "U" if _missing(value) else str(value)


def _pick_level(ladder: pd.DataFrame, level: int | str) -> pd.Series:
    names = [str(v) for v in ladder["level"]]
    if isinstance(level, str) and level in names:
        return ladder.iloc[names.index(level)]
    if not isinstance(level, bool) and isinstance(level, (int, np.integer)):
        rows = ladder[ladder["step"] == int(level)]
        if len(rows):
            return rows.iloc[0]
    raise ValueError(f"{level!r} is not a level on the career ladder. Choose a step from 1 to {len(ladder)} "
                     f"or one of: {'; '.join(names)}.")


def salary_sources(level: int | str, credentials: str = "none", setting: str = ANY_SETTING, *,
                   ladder: pd.DataFrame | None = None, pay: pd.DataFrame | None = None,
                   wages: pd.DataFrame | None = None, industry: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every pay figure the course has for a level, credential group and setting, one row per source.

    ``level`` is a ladder step (1-5) or level name; ``credentials`` one of
    :data:`CREDENTIAL_GROUPS` (or a group name); ``setting`` an industry of
    ``wages_by_industry`` or ``"any"``. Columns: ``source``, ``measures``, ``figure`` (text),
    ``low_usd``, ``high_usd`` (equal for a single figure; missing when unknown), ``open_ended``,
    ``as_of``, ``tag``. The figures are never blended into one estimate: they measure
    different things. Tables default to the course tables (pass your own to test).

    >>> t = salary_sources(3, "one or more", "Offices of physicians")
    >>> list(t["source"])[-1], list(t["as_of"])[-1]
    ('BLS, wages by industry', 'May 2011')
    """
    ladder_t, pay_t = _table("career_ladder", ladder), _table("certification_pay", pay)
    wages_t, industry_t = _table("bls_wages", wages), _table("wages_by_industry", industry)
    row = _pick_level(ladder_t, level)
    group = CREDENTIAL_GROUPS.get(credentials, credentials)
    if group not in set(pay_t["group"].astype(str)):
        raise ValueError(f"{credentials!r} is not a credential group. Choose one of: {', '.join(CREDENTIAL_GROUPS)}.")
    industries = [str(v) for v in industry_t["industry"]]
    if setting != ANY_SETTING and setting not in industries:
        raise ValueError(f"{setting!r} is not a setting the course has wages for. Choose {ANY_SETTING!r} "
                         f"or one of: {'; '.join(industries)}.")
    rows: list[dict[str, Any]] = []

    def add(source: str, measures: str, low: Any, high: Any, as_of: str, tag: Any, open_ended: bool = False) -> None:
        low = None if _missing(low) else int(low)
        high = None if _missing(high) else int(high)
        if low is None and high is None:
            figure = "unknown"
        elif low is None or high is None or low == high:
            figure = usd(low if high is None else high) + ("+" if open_ended else "")
        else:
            figure = f"{usd(low)}–{usd(high)}{'+' if open_ended else ''}"
        rows.append({"source": source, "measures": measures, "figure": figure, "low_usd": low, "high_usd": high,
                     "open_ended": open_ended, "as_of": as_of, "tag": _tag(tag)})

    add("Career guide B, career ladder", f"Typical salary range for one level: {row['level']}",
        row["salary_low_usd"], row["salary_high_usd"], _as_of("career_ladder", ladder, "unknown"), row["tag"],
        bool(row["open_ended"]) if not _missing(row["open_ended"]) else False)
    p = pay_t[pay_t["group"] == group].iloc[0]
    survey_date = _as_of("certification_pay", pay, "unknown")
    add("AAPC salary survey", f"Average (mean) salary of coders, all levels: {group}",
        p["average_salary_usd"], p["average_salary_usd"],
        survey_date if survey_date == "unknown" else f"{survey_date} data", p["tag"])
    latest = wages_t.sort_values("year", kind="stable").iloc[-1]
    same = wages_t[wages_t["soc_code"] == latest["soc_code"]].sort_values("year", kind="stable")
    add("BLS wage statistics", f"Median annual wage, whole occupation, national (code {latest['soc_code']})",
        latest["median_annual_usd"], latest["median_annual_usd"], str(latest["reference_period"]), latest["tag"])
    spread = same[same["p10_annual_usd"].notna() & same["p90_annual_usd"].notna()]
    if len(spread):
        s = spread.iloc[-1]
        add("BLS wage statistics", f"Middle 80% of wages (10th to 90th percentile), national (code {s['soc_code']})",
            s["p10_annual_usd"], s["p90_annual_usd"], str(s["reference_period"]), s["tag"])
    if setting != ANY_SETTING:
        i = industry_t[industry_t["industry"] == setting].iloc[0]
        tag = "U"  # a table passed in carries no table-level tag
        if industry is None:
            from .. import data

            tag = data.source("wages_by_industry")["verification"]
        add("BLS, wages by industry", f"Mean annual wage, all levels, in {setting} (old code 29-2071)",
            i["mean_annual_usd"], i["mean_annual_usd"], _as_of("wages_by_industry", industry, "unknown"), tag)
    table = pd.DataFrame(rows)
    table["low_usd"] = table["low_usd"].astype("Int64")
    table["high_usd"] = table["high_usd"].astype("Int64")
    return table


def place_offer(offer: float, low: Any, high: Any, open_ended: bool = False) -> str:
    """Where a salary offer sits against one source's range or single figure, in words.

    >>> place_offer(40000, 35000, 45000)
    'inside this range'
    >>> place_offer(40000, 50250, 50250)
    '$10,250 below this figure'
    """
    value = parse_money(offer)
    if _missing(low) and _missing(high):
        return "cannot compare: the figure is unknown"
    lo = float(high if _missing(low) else low)
    hi = float(low if _missing(high) else high)
    if lo == hi and not open_ended:
        if value == lo:
            return "equal to this figure"
        return f"{usd(abs(value - lo))} {'above' if value > lo else 'below'} this figure"
    if value < lo:
        return "below this range"
    if value > hi:
        return "above the usual top of this range (pay here can go higher)" if open_ended else "above this range"
    return "inside this range"


def percentile_table(wages: pd.DataFrame) -> pd.DataFrame:
    """The five BLS percentiles of each period, missing ones left missing and listed by name.

    >>> t = percentile_table(__import__("helpers").data.load("bls_wages"))
    >>> t.loc[t["reference_period"] == "May 2023", "unknown"].item()
    '25th percentile, 75th percentile'
    """
    missing = [c for c in ["reference_period", "soc_code", "tag", *PERCENTILE_COLUMNS] if c not in wages.columns]
    if missing:
        raise ValueError(f"The wage table is missing column(s) {missing}; use data.load('bls_wages').")
    t = wages[["reference_period", "soc_code", "tag", *PERCENTILE_COLUMNS]].reset_index(drop=True).copy()
    t["unknown"] = [", ".join(name for col, name in PERCENTILE_COLUMNS.items() if _missing(r[col])) or "none"
                    for _, r in t.iterrows()]
    return t


def _period(wages: pd.DataFrame, period: int | str) -> pd.Series:
    if isinstance(period, str):
        rows = wages[wages["reference_period"].astype(str).str.lower() == period.strip().lower()]
    elif not isinstance(period, bool) and isinstance(period, (int, np.integer)):
        rows = wages[wages["year"] == int(period)]
    else:
        rows = wages.iloc[0:0]
    if not len(rows):
        known = ", ".join(str(v) for v in wages["reference_period"])
        raise ValueError(f"{period!r} is not a period in the wage table. Choose one of: {known}.")
    return rows.iloc[0]


def compare_periods(wages: pd.DataFrame, start: int | str, end: int | str, *,
                    allow_mixed: bool = False) -> dict[str, Any]:
    """The change in the median wage between two BLS periods, refusing to mix occupation codes.

    Two periods with different ``soc_code`` values describe different groups of workers,
    so their difference is not a pay rise. That raises ``ValueError`` unless
    ``allow_mixed=True``, which computes the number but sets ``same_code`` to False and
    explains why it is not a like-for-like change in ``warning``.

    >>> from helpers.data import load
    >>> round(compare_periods(load("bls_wages"), 2021, 2024)["percent_change"], 1)
    7.7
    >>> compare_periods(load("bls_wages"), 2011, 2024)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: May 2011 uses occupation code 29-2071 and May 2024 uses 29-2072: they describe ... Compare two periods with the same code.
    """
    a, b = _period(wages, start), _period(wages, end)
    same = str(a["soc_code"]) == str(b["soc_code"])
    warning = ""
    if not same:
        warning = (f"{a['reference_period']} uses occupation code {a['soc_code']} and {b['reference_period']} uses "
                   f"{b['soc_code']}: they describe different groups of workers, "
                   "so the difference is not a pay change.")
        if not allow_mixed:
            raise ValueError(warning + " Compare two periods with the same code.")
    return {"start": str(a["reference_period"]), "end": str(b["reference_period"]),
            "start_median": int(_number(a["median_annual_usd"], f"The median for {a['reference_period']}")),
            "end_median": int(_number(b["median_annual_usd"], f"The median for {b['reference_period']}")),
            "percent_change": percent_change(a["median_annual_usd"], b["median_annual_usd"]),
            "same_code": same, "codes": (str(a["soc_code"]), str(b["soc_code"])),
            "tags": (_tag(a["tag"]), _tag(b["tag"])), "warning": warning}


def period_changes(wages: pd.DataFrame) -> pd.DataFrame:
    """Change in the median from each period to the next; left empty where the codes differ.

    >>> from helpers.data import load
    >>> t = period_changes(load("bls_wages"))
    >>> list(t["comparable"])
    [False, False, True, True]
    """
    t = wages.sort_values("year", kind="stable").reset_index(drop=True)
    rows = []
    for (_, a), (_, b) in zip(t.iloc[:-1].iterrows(), t.iloc[1:].iterrows()):
        same = str(a["soc_code"]) == str(b["soc_code"])
        known = not (_missing(a["median_annual_usd"]) or _missing(b["median_annual_usd"]))
        change = round(percent_change(a["median_annual_usd"], b["median_annual_usd"]), 1) if same and known else None
        note = ("same occupation code" if same and known else "a median is unknown" if same
                else f"different occupation codes ({a['soc_code']} vs {b['soc_code']}): not the same series")
        rows.append({"from_period": a["reference_period"], "to_period": b["reference_period"],
                     "from_median_usd": a["median_annual_usd"], "to_median_usd": b["median_annual_usd"],
                     "percent_change": change, "comparable": same and known, "note": note})
    out = pd.DataFrame(rows, columns=["from_period", "to_period", "from_median_usd", "to_median_usd",
                                      "percent_change", "comparable", "note"])
    out["percent_change"] = out["percent_change"].astype("Float64")
    return out


def prospects_summary(projections: pd.DataFrame) -> str:
    """A plain answer to "What are the prospects for the next decade?" from the projections table.

    >>> from helpers.data import load
    >>> prospects_summary(load("growth_projections"))[:44]
    'The latest BLS projection (2024–2034, tag S)'
    """
    t = projections.dropna(subset=["start_year", "growth_percent"]).sort_values("start_year", kind="stable")
    if t.empty:
        raise ValueError("The projections table has no period with a known growth figure.")
    last = t.iloc[-1]
    end = "?" if _missing(last["end_year"]) else int(last["end_year"])
    text = (f"The latest BLS projection ({int(last['start_year'])}–{end}, tag {_tag(last['tag'])}) expects "
            f"employment to grow by {last['growth_percent']:g}% over ten years.")
    other = t.iloc[0:0]
    if "soc_code" in t:  # only editions that count the same workers are compared
        same = t["soc_code"].astype("string").fillna("unknown") == str(last["soc_code"])
        t, other = t[same], t[~same]
    if len(t) > 1:
        low, high = t["growth_percent"].min(), t["growth_percent"].max()
        verb = "every one projected growth" if low > 0 else "not all of them projected growth"
        text += (f" Across the {len(t)} editions in the course data that count the same workers ({int(t['start_year'].min())} to "
                 f"{int(t['start_year'].max())} editions) the figure ranged from {low:g}% to {high:g}%, and {verb}.")
    if len(other):
        text += (f" {'An older edition' if len(other) == 1 else 'Older editions'} ("
                 + ", ".join(str(int(s)) for s in other["start_year"]) + ") counted a different occupation "
                 "definition, so " + ("it is" if len(other) == 1 else "they are") + " left out of that comparison.")
    return text + " A projection is an estimate, not a promise: each new edition revises it."
