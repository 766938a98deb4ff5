"""HIPAA Safe Harbor de-identification (45 CFR 164.514(b)(2)) for the course's record tables.

``safe_harbor(df)`` removes or generalizes each of the eighteen identifiers and says
what it did, column by column, in ``out.attrs["safe_harbor_report"]`` (a DataFrame
from ``safe_harbor_report(out)``). Which columns are identifiers is declared in
``course_data/datapackage.json``: a field of a record table carries a
``hipaaIdentifier`` property, read here through ``helpers.data.DataPackage``.

>>> import pandas as pd
>>> df = pd.DataFrame({"patient_id": ["P1", "P2"], "last_name": ["Doe", "Roe"],
...                    "birth_date": ["1930-05-01", "1980-07-04"], "zip": ["03601", "02134"],
...                    "state": ["NH", "MA"]})
>>> safe_harbor(df, extract_date="2026-01-01").to_dict("list")
{'patient_id': ['P1', 'P2'], 'birth_year': [None, 1980], 'age': ['90+', '45'], 'zip3': ['000', '021'], 'state': ['NH', 'MA']}

What happens to each kind of identifier (``ACTIONS``):

- names, addresses and cities, phone and fax numbers, e-mail, SSN, medical record,
  health-plan, account, license, vehicle and device numbers, URLs, IP addresses,
  biometrics, photos and other unique numbers: the column is dropped;
- ZIP: kept as its first three digits (``zip3``), or ``000`` for the ZIP3 areas of
  20,000 people or fewer (``RESTRICTED_ZIP3``); a value that is not a ZIP is blanked;
- dates: kept as the year (``admit_date`` becomes ``admit_year``);
- birth date: ``birth_year`` and ``age`` (whole years on ``extract_date``, the day the
  extract was taken); over 89 the age becomes ``"90+"`` and the birth year is withheld.
  (Age and birth year together show whether the birthday falls before ``extract_date`` in
  the year.)
- ``code``: ids the extract assigns (``patient_id``, ``encounter_id``), not derived from
  anything about the patient, are kept, as 164.514(c) allows, so tables still join.

Columns the data package does not describe are **dropped** by default and the report
says so: an unknown column can hold anything (a free-text ``value`` column of the
defects table held full birth dates and phone numbers). Keep one by naming it,
``keep=["ward"]``, once you have checked that it identifies no one; the report marks
it as kept on your word. ``unknown="error"`` refuses unknown columns instead, and
``unknown="keep"`` keeps them all, flagged as not checked. Expected columns that are
absent are fine (a table need not have them all).

The result's ``attrs`` keep only the extract date, the "synthetic" flag and the report: a note naming the
generator call (and its seed) would let anyone re-create the identified table.

The ZIP3 list is the example HHS published from the 2000 census; the rule asks for the
current publicly available Census data, so a real release must re-check it (see the
``zip3_min_population`` row of ``privacy_rules``).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import pandas as pd

from helpers.inputs import as_date, extract_date_of, require_frame

__all__ = ["safe_harbor", "safe_harbor_report", "declared_columns", "ACTIONS", "RESTRICTED_ZIP3", "KEPT_ATTRS"]

#: Three-digit ZIP areas with 20,000 people or fewer in HHS's example list, made from the 2000 census:
#: reported as 000. The rule asks for current Census data; a real release checks the current list.
RESTRICTED_ZIP3 = frozenset("036 059 063 102 203 556 692 790 821 823 830 831 878 879 884 890 893".split())

_DROPPED = ("names", "geographic", "phone", "fax", "email", "ssn", "mrn", "health_plan", "account", "license",
            "vehicle", "device", "url", "ip", "biometric", "photo", "other")
#: What ``safe_harbor`` does with each ``hipaaIdentifier`` kind.
ACTIONS: dict[str, str] = {
    **{kind: "dropped" for kind in _DROPPED},
    "zip": "generalized to the first three digits (000 for restricted areas)",
    "dates": "generalized to the year",
    "birth_date": "replaced by birth year and age; ages over 89 grouped as 90+ with the year withheld",
    "code": "kept: an id assigned for the extract, not derived from the patient (164.514(c))",
}
_ZIP = r"\d{5}(-\d{4})?"
_UNKNOWN = ("drop", "error", "keep")
#: The only ``attrs`` a de-identified table keeps from its input (a generator note could re-create the table).
KEPT_ATTRS = ("extract_date", "synthetic")


def declared_columns(package: object | None = None) -> dict[str, str | None]:
    """Every column of the course's record tables and its identifier kind (None: not an identifier).

    Record tables are the resources with at least one ``hipaaIdentifier`` field.

    >>> kinds = declared_columns()
    >>> kinds["zip"], kinds["state"]
    ('zip', None)
    """
    from helpers import data

    package = package or data.DataPackage(data.DATA_DIR)
    kinds: dict[str, str | None] = {}
    for resource in package.descriptor["resources"]:
        fields = resource.get("schema", {}).get("fields", [])
        if not any("hipaaIdentifier" in f for f in fields):
            continue
        for f in fields:
            kind = f.get("hipaaIdentifier")
            if kind is not None and kind not in ACTIONS:
                raise data.CourseDataError(
                    f"datapackage.json, table {resource['name']!r}, column {f['name']!r}: hipaaIdentifier "
                    f"{kind!r} is not one of {sorted(ACTIONS)}.")
            if kinds.get(f["name"]) is None:
                kinds[f["name"]] = kind
    return kinds


def _as_dates(series: pd.Series, column: str) -> tuple[pd.Series, int]:
    """A date column as datetimes, and how many non-empty values were not dates."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return series, 0
    if pd.api.types.infer_dtype(series, skipna=True) not in ("string", "empty", "date", "datetime"):
        raise ValueError(f"Column {column!r} holds {series.dtype} values, not dates. Give dates as datetimes "
                         "or as text such as '2024-03-05'.")
    parsed = pd.to_datetime(series, errors="coerce", format="ISO8601")
    return parsed, int((parsed.isna() & series.notna()).sum())


def _zip3(series: pd.Series, column: str) -> tuple[pd.Series, int]:
    if pd.api.types.infer_dtype(series, skipna=True) not in ("string", "empty"):
        raise ValueError(f"Column {column!r} holds {series.dtype} values; ZIP codes must be text so leading zeros "
                         "survive. Load the table with helpers.data.load, or read_csv(..., dtype=str).")
    text = series.astype("string").str.strip()
    ok = text.str.fullmatch(_ZIP).fillna(False).astype(bool)
    zip3 = text.str[:3].where(ok)
    zip3 = zip3.mask(zip3.isin(RESTRICTED_ZIP3), "000")
    return zip3, int((~ok & series.notna()).sum())


def safe_harbor(df: pd.DataFrame, *, extract_date: dt.date | str | None = None,
                columns: Mapping[str, str | None] | None = None, unknown: str = "drop",
                keep: Iterable[str] = ()) -> pd.DataFrame:
    """A copy of ``df`` with the Safe Harbor identifiers removed or generalized.

    ``extract_date``: the day ages are computed on, the day the extract was taken (default:
    ``df.attrs["extract_date"]``, which the synthetic tables carry; needed only when there
    is a birth date, see ``helpers.inputs``). ``columns``: identifier kinds by column, instead of the data package's
    (None marks a column as not an identifier). ``unknown``: what to do with columns
    neither describes: ``"drop"`` (the default), ``"error"`` or ``"keep"`` (all kept, flagged as not
    checked). ``keep``: names of such columns you have checked and vouch for; they are kept and the
    report says it was on your word. A declared identifier cannot be kept this way.

    >>> out = safe_harbor(pd.DataFrame({"state": ["NH"], "value": ["1950-02-03"], "ward": ["4B"]}), keep=["ward"])
    >>> list(out.columns), safe_harbor_report(out)["action"].tolist()[1]
    (['state', 'ward'], 'dropped: not described in the data package (name it in keep=[...] once checked)')

    >>> safe_harbor(pd.DataFrame({"zip": [2134]}))
    Traceback (most recent call last):
    ...
    ValueError: Column 'zip' holds int64 values; ZIP codes must be text so leading zeros survive. Load the table with helpers.data.load, or read_csv(..., dtype=str).
    """
    require_frame(df, "The table to de-identify", hint="safe_harbor needs a pandas DataFrame of records.")
    if unknown not in _UNKNOWN:
        raise ValueError(f"unknown must be one of {_UNKNOWN}, not {unknown!r}.")
    when = None if extract_date is None else as_date(extract_date, "extract_date")
    kinds = dict(declared_columns() if columns is None else columns)
    for column, kind in kinds.items():
        if kind is not None and kind not in ACTIONS:
            raise ValueError(f"Column {column!r}: {kind!r} is not an identifier kind; use one of {sorted(ACTIONS)}.")
    if isinstance(keep, str) or not isinstance(keep, Iterable):
        raise ValueError(f"keep must be a list of column names, such as keep=['ward'], not {keep!r}.")
    keep = [str(k) for k in keep]
    vouched = [k for k in keep if kinds.get(k) not in (None, "code")]
    if vouched:
        named = ", ".join(str(kinds[k]) for k in vouched)
        raise ValueError(f"Column(s) {vouched} are Safe Harbor identifiers ({named}); keep=[...] is only for "
                         "columns the data package does not describe. Remove them from keep.")
    strange = [c for c in df.columns if c not in kinds and c not in keep]
    if strange and unknown == "error":
        raise ValueError(f"Column(s) {strange} are not described in the data package: say what they are with "
                         "columns={...}, keep them by name with keep=[...], or pass unknown='drop'.")

    out: dict[str, pd.Series] = {}
    report: list[dict[str, object]] = []

    def note(column: str, kind: str, action: str, output: list[str], detail: str = "") -> None:
        report.append({"column": column, "identifier": kind, "action": action, "output": ", ".join(output),
                       "note": detail})

    for column in df.columns:
        series, kind = df[column], kinds.get(column)
        if column in keep and column not in kinds:
            out[column] = series
            note(column, "", "kept on the caller's word (keep=[...]): not described in the data package", [column])
        elif column in strange:
            if unknown == "drop":
                note(column, "", "dropped: not described in the data package (name it in keep=[...] once checked)", [])
            else:
                out[column] = series
                note(column, "", "kept, NOT CHECKED: not described in the data package; make sure it identifies no one",
                     [column])
        elif kind is None or kind == "code":
            out[column] = series
            note(column, kind or "", ACTIONS["code"] if kind else "kept: not an identifier", [column])
        elif kind == "zip":
            out["zip3"], bad = _zip3(series, column)
            note(column, kind, ACTIONS[kind], ["zip3"], f"{bad} value(s) not a ZIP code, blanked" if bad else "")
        elif kind == "dates":
            dates, bad = _as_dates(series, column)
            name = (column[:-5] if column.endswith("_date") else column) + "_year"
            out[name] = dates.dt.year.astype("Int64")
            note(column, kind, ACTIONS[kind], [name], f"{bad} value(s) not a date, blanked" if bad else "")
        elif kind == "birth_date":
            born, bad = _as_dates(series, column)
            when = extract_date_of(when, df)
            later = (born.dt.month > when.month) | ((born.dt.month == when.month) & (born.dt.day > when.day))
            age = (when.year - born.dt.year - later.astype(int)).astype("Int64")
            old, unborn = age > 89, age < 0
            out["birth_year"] = born.dt.year.astype("Int64").mask(old.fillna(False))
            out["age"] = age.astype("string").mask(old.fillna(False), "90+").mask(unborn.fillna(False))
            details = [f"{int(old.sum())} age(s) over 89 grouped as 90+"]
            if bad:
                details.append(f"{bad} value(s) not a date, blanked")
            if unborn.sum():
                details.append(f"{int(unborn.sum())} birth date(s) after {when.date()}: age left blank")
            note(column, kind, ACTIONS[kind], ["birth_year", "age"], "; ".join(details))
        else:
            note(column, kind, ACTIONS[kind], [])
    result = pd.DataFrame(out, index=df.index)
    result.attrs = {k: v for k, v in df.attrs.items() if k in KEPT_ATTRS}
    result.attrs["safe_harbor_report"] = report
    return result


def safe_harbor_report(result: pd.DataFrame) -> pd.DataFrame:
    """What ``safe_harbor`` did, one row per input column (column, identifier, action, output, note).

    >>> safe_harbor_report(safe_harbor(pd.DataFrame({"phone": ["(212) 555-0100"]})))["action"].tolist()
    ['dropped']
    """
    if not isinstance(result, pd.DataFrame) or "safe_harbor_report" not in result.attrs:
        raise ValueError("This table has no Safe Harbor report: pass the DataFrame that safe_harbor returned.")
    return pd.DataFrame(result.attrs["safe_harbor_report"], columns=["column", "identifier", "action", "output", "note"])
