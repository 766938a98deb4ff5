"""Chart completion: a synthetic chart-completion table, its deficiencies and delinquent charts."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..inputs import extract_date_of, require_frame, share, whole_number

__all__ = ["completion_rules", "make_chart_completion", "chart_deficiencies", "chart_status",
           "DEFICIENCIES", "CHART_COLUMNS"]

#: Deficiency -> (what it means, whether it leaves the chart open until someone fixes it).
#: A late document is reported but cannot be made on time afterwards, so it does not keep the chart open.
DEFICIENCIES: dict[str, tuple[str, bool]] = {
    "history_physical_missing": ("no history and physical in the chart", True),
    "history_physical_late": ("history and physical documented after the time limit", False),
    "discharge_summary_missing": ("no discharge summary in the chart", True),
    "discharge_summary_unsigned": ("discharge summary not signed (authenticated)", True),
    "discharge_summary_late": ("discharge summary written after the completion limit", False),
    "principal_diagnosis_missing": ("no principal diagnosis code", True),
    "discharge_status_missing": ("no discharge status", True),
    "dates_unusable": ("admission or discharge date missing, reversed or after the extract date", True),
}
#: Columns of the chart-completion table (see :func:`make_chart_completion`).
CHART_COLUMNS = ("encounter_id", "patient_id", "unit", "admit_date", "discharge_date", "hp_present",
                 "hp_hours_after_admission", "ds_present", "ds_signed", "ds_days_after_discharge",
                 "principal_dx_present", "discharge_status_present")
_PLANTED = ("history_physical_missing", "history_physical_late", "discharge_summary_missing",
            "discharge_summary_unsigned", "discharge_summary_late")


# -- chart completion ------------------------------------------------------------------------
def completion_rules() -> dict[str, float]:
    """The time limits of the course table ``audit_rules``, by ``rule_id`` (hours or days, see its ``unit``).

    >>> sorted(completion_rules())
    ['history_physical_after_admission', 'record_completion_after_discharge']
    """
    from .. import data

    rules = data.load("audit_rules")
    return {r: float(v) for r, v in zip(rules["rule_id"], rules["value"])}


def make_chart_completion(encounters: pd.DataFrame, diagnoses: pd.DataFrame, seed: int = 0,
                          deficiency_rate: float = 0.12, extract_date: Any = None) -> pd.DataFrame:
    """A SYNTHETIC chart-completion table: one row per inpatient encounter (columns :data:`CHART_COLUMNS`).

    The extract has no documents, so their presence and timing are made up here, seeded:
    a share ``deficiency_rate`` of the charts gets one planted problem (history and physical
    missing or late, discharge summary missing, unsigned or late); the others are on time.
    A document that would be dated after the extract date (``extract_date``, else the
    encounters' ``attrs["extract_date"]``; the table made carries it too) is not in the chart yet. The principal
    diagnosis (``seq`` 1 with a code) and the discharge status come from the extract itself.
    Encounters whose type is missing are left out (nobody can tell they were inpatient).

    >>> from helpers import synth
    >>> x = synth.make_records(200, seed=3)
    >>> charts = make_chart_completion(x.encounters, x.diagnoses, seed=1)
    >>> charts.attrs["synthetic"], len(charts) == int((x.encounters["encounter_type"] == "inpatient").sum())
    (True, True)
    """
    require_frame(encounters, "The encounters table", ("encounter_id", "patient_id", "admit_date", "discharge_date",
                                                       "encounter_type", "unit", "discharge_status"))
    require_frame(diagnoses, "The diagnoses table", ("encounter_id", "seq", "code"))
    seed, rate = whole_number(seed, "seed"), share(deficiency_rate, "deficiency_rate")
    snapshot = extract_date_of(extract_date, encounters)
    rules = completion_rules()
    hp_limit, days_limit = rules["history_physical_after_admission"], rules["record_completion_after_discharge"]
    stays = encounters[encounters["encounter_type"].astype("string").eq("inpatient").fillna(False)]
    stays = stays.sort_values("encounter_id", kind="stable").reset_index(drop=True)
    n = len(stays)
    admit = pd.to_datetime(stays["admit_date"], errors="coerce", format="mixed")
    discharge = pd.to_datetime(stays["discharge_date"], errors="coerce", format="mixed")
    rng = np.random.default_rng(seed)
    planted = np.where(rng.random(n) < rate, rng.integers(0, len(_PLANTED), n), -1)
    kind = np.array([_PLANTED[k] if k >= 0 else "" for k in planted], dtype=object)
    hp_hours = np.where(kind == "history_physical_late", hp_limit + rng.uniform(1, 2 * hp_limit, n),
                        rng.uniform(0.5, hp_limit - 0.5, n)).round(1)
    ds_days = np.where(kind == "discharge_summary_late", days_limit + rng.integers(1, days_limit + 1, n),
                       rng.integers(0, max(int(days_limit) // 3, 1), n))
    ds_written = discharge + pd.to_timedelta(ds_days, unit="D")
    ds_present = (kind != "discharge_summary_missing") & (ds_written <= snapshot).to_numpy()
    coded = diagnoses[(pd.to_numeric(diagnoses["seq"], errors="coerce") == 1)
                      & diagnoses["code"].astype("string").str.strip().fillna("").ne("")]
    charts = pd.DataFrame({
        "encounter_id": stays["encounter_id"].astype("string"),
        "patient_id": stays["patient_id"].astype("string"),
        "unit": stays["unit"].astype("string"),
        "admit_date": admit,
        "discharge_date": discharge,
        "hp_present": kind != "history_physical_missing",
        "hp_hours_after_admission": np.where(kind == "history_physical_missing", np.nan, hp_hours),
        "ds_present": ds_present,
        "ds_signed": ds_present & (kind != "discharge_summary_unsigned"),
        "ds_days_after_discharge": pd.Series(ds_days, dtype="Int64").where(ds_present).array,
        "principal_dx_present": stays["encounter_id"].isin(coded["encounter_id"]).to_numpy(),
        "discharge_status_present": stays["discharge_status"].astype("string").str.strip().fillna("").ne("")
                                                             .to_numpy(),
    })
    charts.attrs.update(synthetic=True, extract_date=snapshot.strftime("%Y-%m-%d"),
                        notice="SYNTHETIC chart-completion table made by helpers.audit.make_chart_completion "
                               f"(seed={seed}, deficiency_rate={rate}); no row describes a real chart.")
    return charts


def chart_deficiencies(charts: pd.DataFrame, extract_date: Any = None) -> pd.DataFrame:
    """One row per deficiency found: ``encounter_id``, ``deficiency``, ``description``, ``keeps_open``.

    Time limits come from :func:`completion_rules`. A chart can have several deficiencies.
    A discharge after the extract date (``extract_date``, else the table's
    ``attrs["extract_date"]``) makes the chart's dates unusable.

    >>> chart = pd.DataFrame([{"encounter_id": "E1", "admit_date": pd.Timestamp("2025-03-01"),
    ...     "discharge_date": pd.Timestamp("2025-03-04"), "hp_present": False, "hp_hours_after_admission": None,
    ...     "ds_present": True, "ds_signed": False, "ds_days_after_discharge": 2,
    ...     "principal_dx_present": True, "discharge_status_present": True}])
    >>> chart_deficiencies(chart, extract_date="2026-01-01")["deficiency"].tolist()
    ['history_physical_missing', 'discharge_summary_unsigned']
    """
    require_frame(charts, "The chart table", [c for c in CHART_COLUMNS if c not in ("patient_id", "unit")])
    snapshot = extract_date_of(extract_date, charts)
    rules = completion_rules()
    admit, discharge = pd.to_datetime(charts["admit_date"]), pd.to_datetime(charts["discharge_date"])
    flag = lambda col: charts[col].astype("boolean").fillna(False).to_numpy(bool)  # noqa: E731
    hours = pd.to_numeric(charts["hp_hours_after_admission"], errors="coerce")
    days = pd.to_numeric(charts["ds_days_after_discharge"], errors="coerce")
    found = {
        "history_physical_missing": ~flag("hp_present"),
        "history_physical_late": flag("hp_present") & (hours > rules["history_physical_after_admission"]).to_numpy(),
        "discharge_summary_missing": ~flag("ds_present"),
        "discharge_summary_unsigned": flag("ds_present") & ~flag("ds_signed"),
        "discharge_summary_late": flag("ds_present")
                                  & (days > rules["record_completion_after_discharge"]).fillna(False).to_numpy(bool),
        "principal_diagnosis_missing": ~flag("principal_dx_present"),
        "discharge_status_missing": ~flag("discharge_status_present"),
        "dates_unusable": (admit.isna() | discharge.isna() | (discharge < admit) | (discharge > snapshot)).to_numpy(),
    }
    ids = charts["encounter_id"].to_numpy()
    rows = [(i, pos, name) for name, hit in found.items() for pos, i in zip(np.flatnonzero(hit), ids[hit])]
    rows.sort(key=lambda r: (r[1], list(DEFICIENCIES).index(r[2])))
    out = pd.DataFrame([(i, name) for i, _, name in rows], columns=["encounter_id", "deficiency"])
    out["description"] = out["deficiency"].map({k: v[0] for k, v in DEFICIENCIES.items()})
    out["keeps_open"] = out["deficiency"].map({k: v[1] for k, v in DEFICIENCIES.items()}).astype(bool)
    return out


def chart_status(charts: pd.DataFrame, extract_date: Any = None) -> pd.DataFrame:
    """One row per chart: its deficiencies, whether it is complete, its deadline and whether it is delinquent.

    ``deadline`` = discharge date + the completion limit of ``audit_rules``. A chart is
    **delinquent** when something still keeps it open (see :data:`DEFICIENCIES`) and
    the extract date is past the deadline. ``extract_date`` (default: the table's
    ``attrs["extract_date"]``) moves the clock only: the documents stay as the table has them.
    A chart whose dates are unusable has no deadline and is never called delinquent; fix its
    dates first. The result carries the date in ``attrs["extract_date"]``.

    >>> from helpers import synth
    >>> x = synth.make_records(200, seed=3)
    >>> status = chart_status(make_chart_completion(x.encounters, x.diagnoses))
    >>> bool((status["delinquent"] <= ~status["complete"]).all())   # only incomplete charts are delinquent
    True
    """
    when = extract_date_of(extract_date, charts)
    found = chart_deficiencies(charts, None if charts.attrs.get("extract_date") is not None else when)
    limit = pd.Timedelta(days=completion_rules()["record_completion_after_discharge"])
    per_chart = found.groupby("encounter_id", sort=False).agg(
        deficiencies=("deficiency", "; ".join), open_deficiencies=("keeps_open", "sum"))
    out = charts[[c for c in ("encounter_id", "unit", "discharge_date") if c in charts.columns]].copy()
    out = out.join(per_chart, on="encounter_id")
    out["deficiencies"] = out["deficiencies"].fillna("")
    out["open_deficiencies"] = out["open_deficiencies"].fillna(0).astype(int)
    out["complete"] = out["open_deficiencies"].eq(0)
    unusable = out["deficiencies"].str.contains("dates_unusable", regex=False)
    out["deadline"] = (pd.to_datetime(out["discharge_date"]) + limit).where(~unusable)
    out["delinquent"] = (~out["complete"] & (out["deadline"] < when)).fillna(False).astype(bool)
    out["days_past_deadline"] = (when - out["deadline"]).dt.days.astype("Int64").where(out["delinquent"])
    out.attrs["extract_date"] = when.strftime("%Y-%m-%d")
    return out.reset_index(drop=True)
