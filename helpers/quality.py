"""Data-entry quality for the course's EHR extract: completeness, validity, standardizing, a report.

The checks cover the three record tables of ``helpers.synth.make_records`` (and of the
committed sample ``synthetic_patients`` / ``synthetic_encounters`` /
``synthetic_diagnoses``). They return *findings* in the long shape of the ground truth
``synthetic_defects``: one row per problem with ``table``, ``row_id`` (patient id,
encounter id, or ``"<encounter_id>:<seq>"`` for a diagnosis), ``column``, ``kind`` and
``value`` (the stored text; empty when the value is missing), so
:func:`score_findings` can compare them with the planted defects.

Blank text (spaces only) counts as missing, like an empty cell. Dates may be real
dates or text in the data dictionary's form, ``YYYY-MM-DD``; "in the future" means
after ``extract_date``, the day the extract was taken (by default the tables'
``attrs["extract_date"]``, set by ``helpers.synth`` and ``helpers.data.load``; pass it for
tables read some other way).
The standardizing functions (from ``helpers.standardize``, re-exported here) never drop a
value: what they cannot put in the standard form is kept as typed and flagged.

>>> import pandas as pd
>>> patients = pd.DataFrame({"patient_id": ["P1", "P2"], "first_name": ["Ann", None],
...     "last_name": ["Lee", "Roe"], "sex": ["F", "M"], "birth_date": ["1980-02-01", "2061-07-04"],
...     "zip": ["02134", "2134"], "phone": ["(617) 555-0101", "(617) 555-O101"]})
>>> check_patients(patients, extract_date="2026-01-01")[["row_id", "column", "kind"]]
  row_id      column              kind
0     P2  first_name  missing_required
1     P2  birth_date       future_date
2     P2       phone   malformed_phone
3     P2         zip     malformed_zip
>>> standardize_phone(["617.555.0101", "+1 617 555 0101", "617-555-O101"])["standard"].tolist()
['(617) 555-0101', '(617) 555-0101', '617-555-O101']
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

import pandas as pd

from .inputs import as_date, extract_date_of, require_frame
from .standardize import (STATUSES, _blank, _text, is_valid_phone, is_valid_zip, standardize_date,  # noqa: F401
                          standardize_name, standardize_phone, standardize_zip)

__all__ = ["FINDING_COLUMNS", "CHECKED_KINDS", "KEY_COLUMNS", "SEX_VALUES", "STATUSES", "data_dictionary",
           "completeness", "is_valid_phone", "is_valid_zip", "check_patients", "check_encounters", "check_diagnoses",
           "find_defects", "compare_findings", "score_findings", "standardize_phone", "standardize_zip",
           "standardize_name", "standardize_date", "check_entry", "quality_report"]

#: The columns of a findings table (the same as the ground truth ``synthetic_defects``).
FINDING_COLUMNS = ("table", "row_id", "column", "kind", "value")
#: The kinds each check looks for, by table. Kinds the generator never plants
#: (``invalid_date``, ``invalid_value``, ``broken_link``) can only be "extra" when scored.
CHECKED_KINDS: dict[str, tuple[str, ...]] = {
    "patients": ("missing_required", "invalid_date", "future_date", "invalid_value", "malformed_phone",
                 "malformed_zip"),
    "encounters": ("missing_required", "invalid_date", "discharge_before_admission", "future_date",
                   "invalid_value", "broken_link"),
    "diagnoses": ("missing_required", "invalid_code", "nonbillable_code", "broken_link"),
}
#: The ids of each table (its key and the key it links to); a record must have them.
KEY_COLUMNS: dict[str, tuple[str, ...]] = {"patients": ("patient_id",), "encounters": ("encounter_id", "patient_id"),
                                           "diagnoses": ("encounter_id", "seq")}
#: Values the data dictionary allows in ``patients.sex``.
SEX_VALUES = ("F", "M")


# -- small helpers -------------------------------------------------------------------------
def _frame(frame: Any, table: str, needed: Iterable[str], caller: str) -> pd.DataFrame:
    load = f"Load it with data.load('synthetic_{table}') or rename the column." if table in ("patients", "encounters", "diagnoses") else ""
    return require_frame(frame, f"The {table} table", needed, hint=f"{caller} needs it. {load}".strip())


def _dates(series: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.dt.normalize()
    return pd.to_datetime(_text(series).str.strip(), format="%Y-%m-%d", errors="coerce")


def _found(table: str, ids: pd.Series, mask: pd.Series, column: str, kind: str, values: pd.Series) -> pd.DataFrame:
    mask = mask.fillna(False).astype(bool).to_numpy()
    return pd.DataFrame({"table": table, "row_id": _text(ids)[mask].to_numpy(), "column": column, "kind": kind,
                         "value": _text(values)[mask].to_numpy()}, dtype="string")


def _combine(parts: list[pd.DataFrame]) -> pd.DataFrame:
    empty = pd.DataFrame({c: pd.Series(dtype="string") for c in FINDING_COLUMNS})
    out = pd.concat([empty, *parts], ignore_index=True).astype("string")
    return out[list(FINDING_COLUMNS)]



# -- the data dictionary and completeness ----------------------------------------------------
def data_dictionary(name: str) -> pd.DataFrame:
    """The data dictionary of a course table: each column's type, description and rules.

    Read from the table's schema in ``course_data/datapackage.json``.

    >>> data_dictionary("synthetic_patients").loc[5, ["column", "rules"]].tolist()
    ['sex', 'one of: F, M']
    """
    from helpers.data import DATA_DIR, DataPackage

    fields = DataPackage(DATA_DIR).resource(name).get("schema", {}).get("fields", [])
    rows = []
    for f in fields:
        cons = f.get("constraints", {})
        rules = ["required"] if cons.get("required") else []
        rules += [f"one of: {', '.join(cons['enum'])}"] if "enum" in cons else []
        rules += [f"pattern {cons['pattern']}"] if "pattern" in cons else []
        rules += ["unique"] if cons.get("unique") else []
        rows.append({"column": f["name"], "type": f.get("type", "string"), "description": f.get("description", ""),
                     "rules": "; ".join(rules)})
    return pd.DataFrame(rows, columns=["column", "type", "description", "rules"])


def completeness(frame: pd.DataFrame, table: str | None = None) -> pd.DataFrame:
    """Per column: cells filled, cells missing and the share filled (0 to 1), in column order.

    ``table`` ("patients", "encounters" or "diagnoses") marks the columns a record must
    have in column ``required``: the table's ids (:data:`KEY_COLUMNS`) and the fields of
    ``helpers.synth.defects.REQUIRED_COLUMNS``.

    >>> completeness(pd.DataFrame({"code": ["I10", None, " ", "E11.9"]}), "diagnoses")
      column  filled  missing  share_filled  required
    0   code       2        2           0.5      True
    """
    from helpers.synth.defects import REQUIRED_COLUMNS

    if table is not None and table not in REQUIRED_COLUMNS:
        raise ValueError(f"table must be one of {', '.join(REQUIRED_COLUMNS)} (or None), not {table!r}.")
    frame = _frame(frame, table or "given", (), "completeness")
    required = (*KEY_COLUMNS.get(table, ()), *REQUIRED_COLUMNS.get(table, ()))
    missing = [int(_blank(frame[c]).sum()) for c in frame.columns]
    out = pd.DataFrame({"column": [str(c) for c in frame.columns], "missing": missing})
    out.insert(1, "filled", len(frame) - out["missing"])
    out["share_filled"] = out["filled"] / len(frame) if len(frame) else float("nan")
    out["required"] = out["column"].isin(required)
    return out


# -- checks of whole tables ------------------------------------------------------------------
def _missing_required(table: str, frame: pd.DataFrame, ids: pd.Series) -> list[pd.DataFrame]:
    from helpers.synth.defects import REQUIRED_COLUMNS

    return [_found(table, ids, _blank(frame[c]), c, "missing_required", frame[c]) for c in REQUIRED_COLUMNS[table]]


def check_patients(patients: pd.DataFrame, extract_date: Any = None, sex_values: Iterable[str] = SEX_VALUES
                   ) -> pd.DataFrame:
    """Findings in the patients table (see the module docstring for the shape).

    Kinds: ``missing_required`` (first or last name, birth date, sex empty), ``invalid_date``
    (a birth date that is not a ``YYYY-MM-DD`` date), ``future_date`` (born after
    ``extract_date``), ``invalid_value`` (sex not in ``sex_values``), ``malformed_phone``
    (not a 10-digit number) and ``malformed_zip`` (not 5 digits or ZIP+4). An empty phone
    or ZIP is not a finding: the data dictionary does not require them.
    """
    needed = ("patient_id", "first_name", "last_name", "birth_date", "sex", "zip", "phone")
    p = _frame(patients, "patients", needed, "check_patients")
    when = extract_date_of(extract_date, p)
    ids = p["patient_id"]
    born, present = _dates(p["birth_date"]), ~_blank(p["birth_date"])
    sex, phone, zips = _text(p["sex"]).str.strip(), _text(p["phone"]), _text(p["zip"])
    valid_phone = standardize_phone(phone)["status"].isin(["ok", "standardized", "missing"]).to_numpy()
    return _combine([
        *_missing_required("patients", p, ids),
        _found("patients", ids, present & born.isna(), "birth_date", "invalid_date", p["birth_date"]),
        _found("patients", ids, born > when, "birth_date", "future_date", p["birth_date"]),
        _found("patients", ids, sex.notna() & ~sex.isin(list(sex_values)) & ~_blank(sex), "sex", "invalid_value",
               p["sex"]),
        _found("patients", ids, pd.Series(~valid_phone, index=p.index), "phone", "malformed_phone", phone),
        _found("patients", ids, ~_blank(zips) & ~zips.map(is_valid_zip, na_action="ignore").fillna(True).astype(bool),
               "zip", "malformed_zip", zips),
    ])


def check_encounters(encounters: pd.DataFrame, extract_date: Any = None) -> pd.DataFrame:
    """Findings in the encounters table.

    Kinds: ``missing_required`` (admission date, encounter type, discharge status empty),
    ``invalid_date`` (a date that is not ``YYYY-MM-DD``), ``discharge_before_admission``,
    ``future_date`` (admitted or discharged after ``extract_date``) and ``invalid_value``
    (an encounter type or discharge status outside the data dictionary's lists). An empty
    discharge date is not a finding: the patient may still be in hospital.
    """
    from helpers.synth.clinical import DISCHARGE_STATUSES, ENCOUNTER_TYPES

    needed = ("encounter_id", "admit_date", "discharge_date", "encounter_type", "discharge_status")
    e = _frame(encounters, "encounters", needed, "check_encounters")
    when = extract_date_of(extract_date, e)
    ids = e["encounter_id"]
    admit, discharge = _dates(e["admit_date"]), _dates(e["discharge_date"])
    parts = _missing_required("encounters", e, ids)
    for col, parsed in (("admit_date", admit), ("discharge_date", discharge)):
        parts.append(_found("encounters", ids, ~_blank(e[col]) & parsed.isna(), col, "invalid_date", e[col]))
    parts.append(_found("encounters", ids, discharge < admit, "discharge_date", "discharge_before_admission",
                        e["discharge_date"]))
    for col, parsed in (("admit_date", admit), ("discharge_date", discharge)):
        parts.append(_found("encounters", ids, parsed > when, col, "future_date", e[col]))
    allowed = {"encounter_type": list(ENCOUNTER_TYPES),
               "discharge_status": sorted({s for shares in DISCHARGE_STATUSES.values() for s in shares})}
    for col, values in allowed.items():
        bad = ~_blank(e[col]) & ~_text(e[col]).str.strip().isin(values).fillna(False).astype(bool)
        parts.append(_found("encounters", ids, bad, col, "invalid_value", e[col]))
    return _combine(parts)


def _diagnosis_ids(d: pd.DataFrame) -> pd.Series:
    return _text(d["encounter_id"]) + ":" + _text(d["seq"].astype("Int64") if d["seq"].dtype.kind == "f" else d["seq"])


def check_diagnoses(diagnoses: pd.DataFrame) -> pd.DataFrame:
    """Findings in the diagnoses table: ``missing_required`` (no code), ``invalid_code`` (not in the
    ICD-10-CM code set) and ``nonbillable_code`` (valid, but has subcodes), with
    ``helpers.coding.validate_icd10cm``. Row ids are ``"<encounter_id>:<seq>"``."""
    from helpers.coding import validate_icd10cm

    d = _frame(diagnoses, "diagnoses", ("encounter_id", "seq", "code"), "check_diagnoses")
    ids, empty = _diagnosis_ids(d), _blank(d["code"])
    checked = validate_icd10cm(_text(d["code"]).where(~empty, "").reset_index(drop=True))
    valid, billable = checked["valid"].to_numpy(bool), checked["billable"].to_numpy(bool)
    return _combine([
        *_missing_required("diagnoses", d, ids),
        _found("diagnoses", ids, pd.Series(~valid, index=d.index) & ~empty, "code", "invalid_code", d["code"]),
        _found("diagnoses", ids, pd.Series(valid & ~billable, index=d.index), "code", "nonbillable_code", d["code"]),
    ])


def find_defects(patients: pd.DataFrame, encounters: pd.DataFrame, diagnoses: pd.DataFrame,
                 extract_date: Any = None) -> pd.DataFrame:
    """Every finding of the three tables, plus ``broken_link`` rows: an encounter whose
    ``patient_id`` is not in the patients table, or a diagnosis whose ``encounter_id`` is not
    in the encounters table (the value is the id that does not link)."""
    when = extract_date_of(extract_date, patients, encounters, diagnoses) if isinstance(encounters, pd.DataFrame) \
        and isinstance(patients, pd.DataFrame) and isinstance(diagnoses, pd.DataFrame) else extract_date
    parts = [check_patients(patients, when), check_encounters(encounters, when), check_diagnoses(diagnoses)]
    e = _frame(encounters, "encounters", ("patient_id",), "find_defects")
    orphan = ~_blank(e["patient_id"]) & ~_text(e["patient_id"]).isin(_text(patients["patient_id"]).dropna())
    parts.append(_found("encounters", e["encounter_id"], orphan, "patient_id", "broken_link", e["patient_id"]))
    lost = ~_blank(diagnoses["encounter_id"]) & ~_text(diagnoses["encounter_id"]).isin(
        _text(e["encounter_id"]).dropna())
    parts.append(_found("diagnoses", _diagnosis_ids(diagnoses), lost, "encounter_id", "broken_link",
                        diagnoses["encounter_id"]))
    return _combine(parts)


# -- scoring against the ground truth ----------------------------------------------------------
_KEY = ["table", "row_id", "column", "kind"]


def compare_findings(found: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    """One row per finding in either table, with ``outcome``: ``found`` (also planted),
    ``missed`` (planted, not found) or ``extra`` (found, not planted). Rows match on
    table, row id, column and kind; ``value`` is the planted value when there is one."""
    found = _frame(found, "findings", _KEY, "compare_findings")
    truth = _frame(truth, "ground-truth", _KEY, "compare_findings")
    a = found[_KEY + (["value"] if "value" in found else [])].astype("string").drop_duplicates(_KEY)
    b = truth[_KEY + (["value"] if "value" in truth else [])].astype("string").drop_duplicates(_KEY)
    both = b.merge(a, on=_KEY, how="outer", suffixes=("", "_found"), indicator=True)
    if "value" not in both:
        both["value"] = pd.NA
    if "value_found" in both:
        both["value"] = both["value"].fillna(both["value_found"])
    both["outcome"] = both["_merge"].map({"both": "found", "left_only": "missed", "right_only": "extra"})
    return both[_KEY + ["value", "outcome"]].astype("string").sort_values(_KEY, ignore_index=True)


def score_findings(found: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    """Per table and kind: ``planted``, ``found``, ``missed``, ``extra``, ``precision`` (share of
    the findings that were planted) and ``recall`` (share of the planted defects found);
    the last row (table and kind ``all``) adds everything up. A share with nothing to
    divide by is missing.

    >>> truth = pd.DataFrame({"table": ["patients"] * 2, "row_id": ["P1", "P2"], "column": ["zip"] * 2,
    ...                       "kind": ["malformed_zip"] * 2})
    >>> score_findings(truth.iloc[:1], truth)
          table           kind  planted  found  missed  extra  precision  recall
    0  patients  malformed_zip        2      1       1      0        1.0     0.5
    1       all            all        2      1       1      0        1.0     0.5
    """
    rows = compare_findings(found, truth)
    counts = pd.crosstab([rows["table"], rows["kind"]], rows["outcome"])
    counts = counts.reindex(columns=["found", "missed", "extra"], fill_value=0)
    counts.loc[("all", "all"), :] = counts.sum()
    out = counts.reset_index().rename_axis(columns=None)
    out.insert(2, "planted", out["found"] + out["missed"])
    for col in ("planted", "found", "missed", "extra"):
        out[col] = out[col].astype("int64")
    out["precision"] = (out["found"] / (out["found"] + out["extra"]).where(lambda s: s > 0)).astype("Float64")
    out["recall"] = (out["found"] / out["planted"].where(lambda s: s > 0)).astype("Float64")
    return out


# -- one registration entry ------------------------------------------------------------------
def check_entry(phone: str = "", zip_code: str = "", birth_date: str = "", code: str = "", *,
                as_of: Any = None) -> pd.DataFrame:
    """Check what a registration clerk typed: one row per field with ``entered``, ``passed``,
    ``standard`` (the value to store) and ``message``. ``as_of`` is today's date unless given.

    >>> check_entry("617.555.0101", "02134", "03/04/1970", "E11", as_of="2026-01-01")["passed"].tolist()
    [True, True, True, False]
    """
    from helpers.coding import validate_icd10cm

    # a registration is checked on the day it is typed, not against an extract: today is the right default here
    when = pd.Timestamp(dt.date.today()) if as_of is None else as_date(as_of, "as_of")
    rows = []
    for field, entered, frame in (("Phone", phone, standardize_phone), ("ZIP code", zip_code, standardize_zip),
                                  ("Birth date", birth_date, standardize_date)):
        if entered is not None and not isinstance(entered, str):
            raise ValueError(f"{field} must be typed as text, e.g. '02134'; got {type(entered).__name__}.")
        r = frame([entered]).iloc[0]
        passed = r["status"] in ("ok", "standardized")
        message = r["note"] or ("already in the standard form" if r["status"] == "ok" else "standardized")
        message = "nothing entered yet" if r["status"] == "missing" else message
        if field == "Birth date" and passed and pd.Timestamp(r["standard"]) > when:
            passed, message = False, f"after {when:%Y-%m-%d}: a birth date cannot be in the future"
        rows.append({"field": field, "entered": entered or "", "passed": passed,
                     "standard": r["standard"] if passed else "", "message": message})
    if code is not None and not isinstance(code, str):
        raise ValueError(f"The ICD-10-CM code must be typed as text, e.g. 'E11.9'; got {type(code).__name__}.")
    v = validate_icd10cm(code or "").iloc[0]
    rows.append({"field": "ICD-10-CM code", "entered": code or "", "passed": bool(v["billable"]),
                 "standard": v["code"] if v["billable"] else "",
                 "message": "nothing entered yet" if not (code or "").strip() else v["reason"]})
    return pd.DataFrame(rows, columns=["field", "entered", "passed", "standard", "message"])


# -- the manager's summary -------------------------------------------------------------------
def quality_report(patients: pd.DataFrame, encounters: pd.DataFrame, diagnoses: pd.DataFrame,
                   extract_date: Any = None) -> pd.DataFrame:
    """Per table and kind of problem checked: ``findings``, ``rows_affected``, ``table_rows`` and
    ``share_of_rows`` (rows affected / rows, 0 to 1). Every kind checked is listed, with 0 when
    none was found, so the report also says what was looked for."""
    findings = find_defects(patients, encounters, diagnoses, extract_date)
    sizes = {"patients": len(patients), "encounters": len(encounters), "diagnoses": len(diagnoses)}
    rows = []
    for table, kinds in CHECKED_KINDS.items():
        for kind in kinds:
            mine = findings[(findings["table"] == table) & (findings["kind"] == kind)]
            rows.append({"table": table, "kind": kind, "findings": len(mine),
                         "rows_affected": mine["row_id"].nunique(), "table_rows": sizes[table]})
    out = pd.DataFrame(rows)
    out["share_of_rows"] = out["rows_affected"] / out["table_rows"].where(out["table_rows"] > 0)
    out.attrs["extract_date"] = str(extract_date_of(extract_date, patients, encounters, diagnoses).date())
    return out
