"""Release of information (ROI): a synthetic request log, right-of-access deadlines, retention, minimum necessary.

Every period comes from the course data, never from this file: the days to act on a
patient's request for access and the one extension from ``privacy_rules``, the
retention periods from ``retention_periods``, and what to release for each purpose
from ``minimum_necessary``. The request log is **synthetic**: made up by
:func:`request_log` from the synthetic patients, so no row is a real request.

>>> periods = access_periods()
>>> sorted(periods)
['days', 'extension_days', 'extensions']
>>> d = deadline("2024-01-31", fulfilled="2024-03-01")
>>> d["due"] == pd.Timestamp("2024-01-31") + pd.Timedelta(days=periods["days"]), d["status"]
(True, 'fulfilled on time')
>>> deadline("2024-03-10", fulfilled="2024-03-01")
Traceback (most recent call last):
...
ValueError: The fulfilled date 2024-03-01 is before the received date 2024-03-10: a request cannot be answered before it arrives. Check both dates.

Deadlines count calendar days: the due date is the received date plus the period.
A written extension notice moves the due date once, and only if it is sent on or
before the first due date. Requests that are not a patient's (or personal
representative's) access request have no federal deadline: facility policy and
state law set their timing.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

import pandas as pd

from .inputs import as_date, extract_date_of, one_of, require_frame, whole_number

__all__ = ["access_periods", "request_log", "deadline", "due_dates", "status", "retention_until", "retention_years",
           "minimum_necessary", "REQUESTERS", "STATUSES", "RECORD_TABLES"]

#: Who asks, the purpose id in ``minimum_necessary`` their request usually has, and how often the synthetic log has them.
REQUESTERS: dict[str, tuple[str, float]] = {
    "patient": ("patient_access", 0.40),
    "personal representative": ("patient_access", 0.12),
    "another provider": ("treatment", 0.18),
    "insurer": ("payment", 0.12),
    "attorney with authorization": ("authorization", 0.12),
    "court order": ("required_by_law", 0.06),
}
_ACCESS = {"patient", "personal representative"}

#: The status of a request on a given day.
STATUSES = ("fulfilled on time", "fulfilled late", "open, not yet due", "open, overdue", "no federal deadline")

#: The synthetic record tables a release draws from.
RECORD_TABLES = ("synthetic_patients", "synthetic_encounters", "synthetic_diagnoses")

_DATE_COLUMNS = ("received_date", "notice_date", "fulfilled_date")


def access_periods() -> dict[str, int]:
    """The right-of-access periods from ``privacy_rules``: days, extension_days, extensions.

    >>> access_periods()["extensions"]
    1
    """
    from helpers import data

    rules = data.load("privacy_rules").set_index("rule_id")["value"]
    return {"days": int(rules["access_days"]), "extension_days": int(rules["access_extension_days"]),
            "extensions": int(rules["access_extensions_allowed"])}


def _date(value: Any, what: str) -> pd.Timestamp | None:
    """A date (None for an empty value); a clear ValueError for anything else."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or (isinstance(value, str) and not value.strip()):
        return None
    return as_date(value, f"The {what}", example="2024-03-05")


def request_log(n: int = 300, seed: int = 2026, extract_date: dt.date | str = "2026-01-01",
                patients: pd.DataFrame | None = None, window_days: int = 180) -> pd.DataFrame:
    """A SYNTHETIC release-of-information request log: ``n`` requests received in the ``window_days`` before
    ``extract_date``, the day the log is taken (the log carries it in ``.attrs["extract_date"]``).

    Columns: request_id, patient_id (from the synthetic patients, or ``patients``),
    requester_type, purpose, right_of_access, received_date, notice_date (written
    extension notice; NaT if none was sent), fulfilled_date (NaT if still open on ``extract_date``).
    Deterministic for a seed. Some requests are late, some notices are sent too late.

    >>> log = request_log(n=20, seed=1)
    >>> len(log), log["request_id"].iloc[0], bool((log["received_date"] <= pd.Timestamp("2026-01-01")).all())
    (20, 'R000001', True)
    """
    import numpy as np

    from helpers import data

    n, window_days = whole_number(n, "n", 1, example=300), whole_number(window_days, "window_days", 1, example=180)
    seed = whole_number(seed, "seed", 0, example=2026)
    end = as_date(extract_date, "extract_date")
    if patients is None:
        patients = data.load("synthetic_patients")
    if not isinstance(patients, pd.DataFrame) or "patient_id" not in patients.columns:
        raise ValueError("patients must be a table with a 'patient_id' column, such as data.load('synthetic_patients').")
    ids = patients["patient_id"].dropna().astype(str).unique()
    if len(ids) == 0:
        raise ValueError("patients has no patient_id values to draw requests from.")
    period = access_periods()
    days, extra = period["days"], period["extension_days"]
    rng = np.random.default_rng(seed)
    kinds = list(REQUESTERS)
    weights = np.array([REQUESTERS[k][1] for k in kinds])
    requester = rng.choice(kinds, size=n, p=weights / weights.sum())
    received = end - pd.to_timedelta(np.sort(rng.integers(0, window_days, size=n))[::-1], unit="D")
    # Days of work: most well inside the period, some close to it, a few far beyond.
    mix = rng.random(n)
    work = np.where(mix < 0.7, rng.integers(1, days - 1, size=n),
                    np.where(mix < 0.9, rng.integers(days - days // 6, days + extra, size=n),
                             rng.integers(days + 1, days + extra + days, size=n)))
    access = np.isin(requester, list(_ACCESS))
    # A written notice is sent for some slow access requests, a few of them after the first due date.
    wants_notice = access & (work > days - days // 10) & (rng.random(n) < 0.6)
    notice_day = rng.integers(days - days // 3, days + days // 6 + 1, size=n)
    notice = pd.Series(received + pd.to_timedelta(notice_day, unit="D"))
    notice = notice.where(wants_notice & (notice <= end))
    fulfilled = pd.Series(received + pd.to_timedelta(work, unit="D"))
    fulfilled = fulfilled.where(fulfilled <= end)
    log = pd.DataFrame({
        "request_id": [f"R{i:06d}" for i in range(1, n + 1)],
        "patient_id": pd.array(rng.choice(ids, size=n), dtype="string"),
        "requester_type": pd.array(requester, dtype="string"),
        "purpose": pd.array([REQUESTERS[r][0] for r in requester], dtype="string"),
        "right_of_access": pd.array(access, dtype="boolean"),
        "received_date": pd.Series(received).astype("datetime64[ns]"),
        "notice_date": notice.astype("datetime64[ns]"),
        "fulfilled_date": fulfilled.astype("datetime64[ns]"),
    })
    log.attrs["note"] = (f"SYNTHETIC: made by helpers.release.request_log(n={n}, seed={seed}, "
                         f"extract_date='{end.date()}'); no row is a real request.")
    log.attrs["extract_date"] = str(end.date())
    return log


def deadline(received: Any, notice_date: Any = None, fulfilled: Any = None, as_of: Any = None) -> dict[str, Any]:
    """The right-of-access deadline of one request, and its status on ``as_of`` (default: today).

    Returns received, due (first due date), extension ("granted", "none" or "notice too
    late"), final_due, status (one of :data:`STATUSES` but the last), days_late and notes.
    A notice sent after the first due date does not extend it (a note says so).

    >>> d = deadline("2023-12-15", notice_date="2024-01-05", as_of="2024-02-01")
    >>> d["extension"], d["status"], d["final_due"] > d["due"]
    ('granted', 'open, not yet due', True)
    """
    start = _date(received, "received date")
    if start is None:
        raise ValueError("Enter the date the request was received.")
    notice = _date(notice_date, "extension notice date")
    done = _date(fulfilled, "fulfilled date")
    today = _date(as_of, "as-of date") or pd.Timestamp(dt.date.today())
    if start > today:
        raise ValueError(f"The received date {start.date()} is after the as-of date {today.date()}: "
                         "a request cannot arrive in the future. Check both dates.")
    if done is not None and done < start:
        raise ValueError(f"The fulfilled date {done.date()} is before the received date {start.date()}: "
                         "a request cannot be answered before it arrives. Check both dates.")
    if done is not None and done > today:
        raise ValueError(f"The fulfilled date {done.date()} is after the as-of date {today.date()}: "
                         "leave it empty if the request is still open.")
    if notice is not None and notice < start:
        raise ValueError(f"The extension notice date {notice.date()} is before the received date {start.date()}. "
                         "Check both dates.")
    if notice is not None and notice > today:
        raise ValueError(f"The extension notice date {notice.date()} is after the as-of date {today.date()}: "
                         "leave it empty if no notice has been sent yet.")
    period = access_periods()
    due = start + pd.Timedelta(days=period["days"])
    notes: list[str] = []
    if notice is None:
        extension, final = "none", due
    elif notice <= due:
        extension, final = "granted", due + pd.Timedelta(days=period["extension_days"])
    else:
        extension, final = "notice too late", due
        notes.append(f"The notice was sent on {notice.date()}, after the first due date {due.date()}: "
                     "an extension needs the written notice within the first period, so the due date stays.")
    end = done if done is not None else today
    late = max(0, (end - final).days)
    if done is not None:
        state = "fulfilled late" if late else "fulfilled on time"
    else:
        state = "open, overdue" if late else "open, not yet due"
    return {"received": start, "due": due, "extension": extension, "final_due": final, "status": state,
            "days_late": late, "notes": notes}


def _check_log(log: Any, needed: Sequence[str]) -> pd.DataFrame:
    require_frame(log, "The request log", needed, hint="Make the log with release.request_log() or add the column.")
    out = log.copy()
    for column in _DATE_COLUMNS:
        if column not in out.columns:
            continue
        parsed = pd.to_datetime(out[column], errors="coerce", format="mixed")
        bad = parsed.isna() & out[column].notna()
        if bad.any():
            row = out.index[bad.to_numpy()][0]
            raise ValueError(f"Column {column!r}, row {row}: {out.loc[row, column]!r} is not a date. "
                             "Write dates such as '2024-03-05'.")
        out[column] = parsed.dt.normalize().astype("datetime64[ns]")
    return out


def _first(out: pd.DataFrame, mask: pd.Series) -> str:
    row = out.index[mask.to_numpy()][0]
    return str(out.loc[row, "request_id"]) if "request_id" in out.columns else f"row {row}"


def due_dates(log: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``log`` with due_date, extension and final_due_date for each access request.

    Needs received_date and notice_date (NaT: no notice). Rows whose right_of_access is
    False get no date and extension "no federal deadline".

    >>> log = pd.DataFrame({"received_date": ["2024-02-01", "2024-02-01"], "notice_date": [None, "2024-02-20"]})
    >>> out = due_dates(log)
    >>> out["extension"].tolist(), int((out["final_due_date"] - out["due_date"]).dt.days.iloc[1]) > 0
    (['none', 'granted'], True)
    >>> due_dates(log.drop(columns="notice_date"))
    Traceback (most recent call last):
    ...
    ValueError: The request log has no column 'notice_date'; it needs received_date, notice_date (it has received_date). Make the log with release.request_log() or add the column.
    """
    out = _check_log(log, ["received_date", "notice_date"])
    if out["received_date"].isna().any():
        raise ValueError(f"Request {_first(out, out['received_date'].isna())} has no received date; every request needs one.")
    early = out["notice_date"] < out["received_date"]
    if early.any():
        raise ValueError(f"Request {_first(out, early)}: the extension notice is dated before the request was received. "
                         "Check both dates.")
    period = access_periods()
    access = (out["right_of_access"].fillna(True).astype(bool) if "right_of_access" in out.columns
              else pd.Series(True, index=out.index))
    due = out["received_date"] + pd.Timedelta(days=period["days"])
    sent = out["notice_date"].notna()
    granted = sent & (out["notice_date"] <= due)
    out["due_date"] = due.where(access)
    out["extension"] = pd.array(
        pd.Series("none", index=out.index).mask(granted, "granted").mask(sent & ~granted, "notice too late")
        .mask(~access, "no federal deadline"), dtype="string")
    out["final_due_date"] = due.mask(granted, due + pd.Timedelta(days=period["extension_days"])).where(access)
    return out


def status(log: pd.DataFrame, extract_date: dt.date | str | None = None) -> pd.DataFrame:
    """A copy of ``log`` with each request's status on ``extract_date`` and its days late (see :data:`STATUSES`).

    Needs received_date, notice_date and fulfilled_date (NaT: still open). ``extract_date`` is
    the day the log is read (default: the log's ``attrs["extract_date"]``, which
    :func:`request_log` sets; an earlier day shows the log as it stood then).

    >>> log = pd.DataFrame({"received_date": ["2024-01-02"] * 3, "notice_date": [None] * 3,
    ...                     "fulfilled_date": ["2024-01-20", None, None]})
    >>> status(log, "2024-01-25")["status"].tolist()[:2]
    ['fulfilled on time', 'open, not yet due']
    """
    when = extract_date_of(extract_date, log)
    out = due_dates(_check_log(log, ["received_date", "notice_date", "fulfilled_date"]))
    done = out["fulfilled_date"]
    for mask, problem in (
        (done < out["received_date"], "is fulfilled before it was received"),
        (done > when, f"is fulfilled after the extract date {when.date()}"),
        (out["received_date"] > when, f"is received after the extract date {when.date()}"),
    ):
        if mask.any():
            raise ValueError(f"Request {_first(out, mask)} {problem}. Check its dates.")
    end = done.fillna(when)
    late = (end - out["final_due_date"]).dt.days.clip(lower=0)
    is_late = late > 0
    label = pd.Series("open, not yet due", index=out.index)
    label = label.mask(done.notna(), "fulfilled on time").mask(done.notna() & is_late, "fulfilled late")
    label = label.mask(done.isna() & is_late, "open, overdue").mask(out["final_due_date"].isna(), "no federal deadline")
    out["status"] = pd.array(label, dtype="string")
    out["days_late"] = pd.array(late.where(out["final_due_date"].notna()), dtype="Int64")
    return out


def retention_until(last_encounter: Any, birth_date: Any = None, rule: str = "ahima_adult", *,
                    majority_age: int | None = None, limitations_years: int | None = None) -> pd.Timestamp | None:
    """The earliest date a patient's record may be destroyed under one row of ``retention_periods``.

    ``medicare_hospital`` and ``ahima_adult``: the years after the last encounter;
    ``ahima_minor``: birth date + age of majority + statute of limitations (both set by
    state law, so you pass them); ``ahima_mpi``: None (kept permanently). State law may
    require longer: the facility keeps the record for the longest period that applies.

    >>> years = int(retention_years("ahima_adult"))
    >>> retention_until("2020-02-29", rule="ahima_adult") == pd.Timestamp("2020-02-29") + pd.DateOffset(years=years)
    True
    >>> retention_until("2020-01-01", rule="ahima_mpi") is None
    True
    """
    table, rule = _retention_rule(rule)
    if rule == "ahima_mpi":
        return None
    if rule in ("hipaa_documentation", "state_law"):
        raise ValueError(f"{rule!r} does not date a patient's record: "
                         + ("it is about HIPAA compliance documentation." if rule == "hipaa_documentation"
                            else "look up your state's period and add it to the last encounter yourself."))
    if rule == "ahima_minor":
        born = _date(birth_date, "birth date")
        if born is None:
            raise ValueError("The ahima_minor rule counts from the birth date: give birth_date.")
        for name, value in (("majority_age", majority_age), ("limitations_years", limitations_years)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"The ahima_minor rule needs {name} as a whole number of years from your state's law "
                                 f"(got {value!r}).")
        return born + pd.DateOffset(years=majority_age + limitations_years)
    last = _date(last_encounter, "last encounter date")
    if last is None:
        raise ValueError("Give the date of the last encounter.")
    return last + pd.DateOffset(years=int(table.loc[rule, "years"]))


def retention_years(rule: str) -> int | None:
    """The years of one ``retention_periods`` row (None when the rule has no number).

    An unknown rule raises ``ValueError`` listing the rules, with the closest one first.

    >>> retention_years("ahima_mpi") is None
    True
    >>> retention_years("ahima_adlt")
    Traceback (most recent call last):
    ...
    ValueError: 'ahima_adlt' is not a row of retention_periods. Did you mean 'ahima_adult'? Use one of: hipaa_documentation, medicare_hospital, ahima_adult, ahima_minor, ahima_mpi, state_law.
    """
    table, rule = _retention_rule(rule)
    years = table.loc[rule, "years"]
    return None if pd.isna(years) else int(years)


def _retention_rule(rule: Any) -> tuple[pd.DataFrame, str]:
    from helpers import data

    table = data.load("retention_periods").set_index("record_id")
    return table, one_of(rule, list(table.index), "row of retention_periods")


def _fields(table: str) -> list[dict]:
    from helpers import data

    return data.DataPackage(data.DATA_DIR).resource(table)["schema"]["fields"]


def minimum_necessary(purpose: str, specified: Sequence[str] | None = None) -> pd.DataFrame:
    """Which columns of the synthetic record tables to release for ``purpose``, and why.

    ``purpose`` is a purpose_id of the ``minimum_necessary`` table. For the purposes
    whose scope is "as_specified" (an authorization, a court order) pass ``specified``:
    the "table.column" entries the document describes. Returns table, column,
    identifier (the Safe Harbor kind, "" if none) and reason.

    >>> out = minimum_necessary("payment")
    >>> "ssn" in set(out["column"]), "insurance_id" in set(out["column"])
    (False, True)
    >>> minimum_necessary("gossip")
    Traceback (most recent call last):
    ...
    ValueError: 'gossip' is not a purpose in minimum_necessary. Use one of: patient_access, treatment, authorization, required_by_law, payment, quality_review.
    """
    from helpers import data

    rules = data.load("minimum_necessary").set_index("purpose_id")
    purpose = one_of(purpose, list(rules.index), "purpose in minimum_necessary")
    row = rules.loc[purpose]
    known = {(t, f["name"]): f.get("hipaaIdentifier", "") for t in RECORD_TABLES for f in _fields(t)}
    if row["scope"] == "all":
        pairs = list(known)
    else:
        if row["scope"] == "as_specified":
            if not isinstance(specified, (list, tuple, set, pd.Series, pd.Index)) or len(specified) == 0:
                raise ValueError(f"For {purpose!r} release what the document describes: pass specified=[...] with "
                                 "entries such as 'synthetic_encounters.admit_date'.")
            entries = list(specified)
        else:
            entries = str(row["columns"]).split("|")
        pairs = []
        for entry in entries:
            table, _, column = str(entry).partition(".")
            if (table, column) not in known:
                raise ValueError(f"{entry!r} is not a column of the synthetic record tables; write 'table.column', "
                                 "for example 'synthetic_patients.birth_date'.")
            pairs.append((table, column))
    return pd.DataFrame({"table": [t for t, _ in pairs], "column": [c for _, c in pairs],
                         "identifier": [known[p] for p in pairs], "reason": str(row["reason"])})
