"""Audits a records technician runs: samples, chart completion, coding accuracy, the MPI.

Four small audits, each a plain pandas function:

- **Sampling**: :func:`audit_sample` draws a reproducible random sample.
- **Chart completion**: the synthetic extract holds no documents, so
  :func:`make_chart_completion` makes a *synthetic* chart-completion table (one row per
  inpatient stay, seeded, with planted deficiencies); :func:`chart_deficiencies` lists
  what is wrong with each chart and :func:`chart_status` says which incomplete charts are
  past the completion deadline (delinquent). The time limits come from the course table
  ``audit_rules`` (see :func:`completion_rules`), never from this code.
- **Coding accuracy**: :func:`auditor_review` simulates an auditor re-coding a sample and
  :func:`agreement_by_encounter` / :func:`accuracy_rate` score the coder.
- **Master patient index**: :func:`duplicate_rate`, :func:`label_pairs`,
  :func:`score_pairs` and :func:`error_type_counts` measure duplicates and the matcher.

Rates are returned in percent (``12.5`` means 12.5%), as in :mod:`helpers.stats`.

>>> import pandas as pd
>>> patients = pd.DataFrame({"patient_id": ["P1", "P2", "P3", "P4"]})
>>> pairs = pd.DataFrame({"id_a": ["P1"], "id_b": ["P2"]})
>>> duplicate_rate(pairs, patients)   # 2 of the 4 records are in a duplicate pair
50.0
>>> score_pairs(pairs, pd.DataFrame({"id_a": ["P2", "P3"], "id_b": ["P1", "P4"]}))
{'true_positives': 1, 'false_positives': 0, 'missed': 1, 'precision': 100.0, 'recall': 50.0}
"""
from __future__ import annotations

import functools
import numbers
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["audit_sample", "completion_rules", "make_chart_completion", "chart_deficiencies", "chart_status",
           "auditor_review", "agreement_by_encounter", "accuracy_rate", "duplicate_rate", "label_pairs",
           "score_pairs", "error_type_counts", "DEFICIENCIES", "ERROR_GROUPS", "CHART_COLUMNS"]

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
    "dates_unusable": ("admission or discharge date missing, reversed or after the snapshot", True),
}
#: Columns of the chart-completion table (see :func:`make_chart_completion`).
CHART_COLUMNS = ("encounter_id", "patient_id", "unit", "admit_date", "discharge_date", "hp_present",
                 "hp_hours_after_admission", "ds_present", "ds_signed", "ds_days_after_discharge",
                 "principal_dx_present", "discharge_status_present")
#: Groups of the generator's error types, named like the fields of Just et al. (2016) (``mpi_facts``).
ERROR_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "middle_name": ("Middle name differs", ("middle_name_mismatch",)),
    "ssn": ("SSN differs", ("ssn_transposed_digits", "ssn_missing_digit")),
    "first_name": ("First name misspelled or a nickname", ("first_name_misspelling", "first_name_nickname")),
    "last_name": ("Last name misspelled", ("last_name_misspelling",)),
    "address": ("Moved (new address)", ("moved_address",)),
}
_PLANTED = ("history_physical_missing", "history_physical_late", "discharge_summary_missing",
            "discharge_summary_unsigned", "discharge_summary_late")


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
    from .synth import REFERENCE_DATE  # the date the course's extracts are taken on

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


# -- chart completion ------------------------------------------------------------------------
def completion_rules() -> dict[str, float]:
    """The time limits of the course table ``audit_rules``, by ``rule_id`` (hours or days, see its ``unit``).

    >>> sorted(completion_rules())
    ['history_physical_after_admission', 'record_completion_after_discharge']
    """
    from . import data

    rules = data.load("audit_rules")
    return {r: float(v) for r, v in zip(rules["rule_id"], rules["value"])}


def make_chart_completion(encounters: pd.DataFrame, diagnoses: pd.DataFrame, seed: int = 0,
                          deficiency_rate: float = 0.12) -> pd.DataFrame:
    """A SYNTHETIC chart-completion table: one row per inpatient encounter (columns :data:`CHART_COLUMNS`).

    The extract has no documents, so their presence and timing are made up here, seeded:
    a share ``deficiency_rate`` of the charts gets one planted problem (history and physical
    missing or late, discharge summary missing, unsigned or late); the others are on time.
    A document that would be dated after the snapshot date (the extract's
    ``attrs["reference_date"]``, else 2026-01-01) is not in the chart yet. The principal
    diagnosis (``seq`` 1 with a code) and the discharge status come from the extract itself.
    Encounters whose type is missing are left out (nobody can tell they were inpatient).

    >>> from helpers import synth
    >>> x = synth.make_records(200, seed=3)
    >>> charts = make_chart_completion(x.encounters, x.diagnoses, seed=1)
    >>> charts.attrs["synthetic"], len(charts) == int((x.encounters["encounter_type"] == "inpatient").sum())
    (True, True)
    """
    _frame(encounters, ("encounter_id", "patient_id", "admit_date", "discharge_date", "encounter_type", "unit",
                        "discharge_status"), "The encounters table")
    _frame(diagnoses, ("encounter_id", "seq", "code"), "The diagnoses table")
    seed, rate = _whole("seed", seed), _share("deficiency_rate", deficiency_rate)
    snapshot = pd.Timestamp(encounters.attrs.get("reference_date") or _reference_date())
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
    charts.attrs.update(synthetic=True, snapshot_date=snapshot.strftime("%Y-%m-%d"),
                        notice="SYNTHETIC chart-completion table made by helpers.audit.make_chart_completion "
                               f"(seed={seed}, deficiency_rate={rate}); no row describes a real chart.")
    return charts


def chart_deficiencies(charts: pd.DataFrame) -> pd.DataFrame:
    """One row per deficiency found: ``encounter_id``, ``deficiency``, ``description``, ``keeps_open``.

    Time limits come from :func:`completion_rules`. A chart can have several deficiencies.

    >>> chart = pd.DataFrame([{"encounter_id": "E1", "admit_date": pd.Timestamp("2025-03-01"),
    ...     "discharge_date": pd.Timestamp("2025-03-04"), "hp_present": False, "hp_hours_after_admission": None,
    ...     "ds_present": True, "ds_signed": False, "ds_days_after_discharge": 2,
    ...     "principal_dx_present": True, "discharge_status_present": True}])
    >>> chart_deficiencies(chart)["deficiency"].tolist()
    ['history_physical_missing', 'discharge_summary_unsigned']
    """
    _frame(charts, [c for c in CHART_COLUMNS if c not in ("patient_id", "unit")], "The chart table")
    rules = completion_rules()
    snapshot = pd.Timestamp(charts.attrs.get("snapshot_date") or _reference_date())
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


def chart_status(charts: pd.DataFrame, as_of: Any = None) -> pd.DataFrame:
    """One row per chart: its deficiencies, whether it is complete, its deadline and whether it is delinquent.

    ``deadline`` = discharge date + the completion limit of ``audit_rules``. A chart is
    **delinquent** when something still keeps it open (see :data:`DEFICIENCIES`) and
    ``as_of`` is past the deadline. ``as_of`` (default: the table's snapshot date) moves the
    clock only: the documents stay as they were at the snapshot. A chart whose dates are
    unusable has no deadline and is never called delinquent; fix its dates first.

    >>> from helpers import synth
    >>> x = synth.make_records(200, seed=3)
    >>> status = chart_status(make_chart_completion(x.encounters, x.diagnoses))
    >>> bool((status["delinquent"] <= ~status["complete"]).all())   # only incomplete charts are delinquent
    True
    """
    found = chart_deficiencies(charts)
    when = _date(as_of, charts.attrs.get("snapshot_date") or _reference_date())
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
    out.attrs["as_of"] = when.strftime("%Y-%m-%d")
    return out.reset_index(drop=True)


# -- coding accuracy -------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _billable_keys() -> np.ndarray:
    from .coding import code_set
    from .coding.icd10cm import BILLABLE  # the code set's marker for a billable (leaf) code

    cs = code_set()
    return np.asarray(cs.keys[cs.kinds == BILLABLE], dtype=str)


@functools.lru_cache(maxsize=512)
def _billable_under(prefix: str) -> tuple[str, ...]:
    """Billable codes (with dots) that start with ``prefix`` (given without a dot), in code-set order."""
    from .coding import normalise

    keys = _billable_keys()
    return tuple(normalise(k) for k in keys[np.char.startswith(keys, prefix)])


def _nearest_valid(code: str) -> str | None:
    """The longest start of ``code`` (3+ characters, no dot) that begins any billable code."""
    key = code.replace(".", "")
    for end in range(len(key), 2, -1):
        if _billable_under(key[:end]):
            return key[:end]
    return None


def auditor_review(diagnoses: pd.DataFrame, encounter_ids: Any = None, seed: int = 0,
                   disagree_share: float = 0.05) -> pd.DataFrame:
    """A SIMULATED auditor's second coding of the diagnoses of ``encounter_ids`` (default: all).

    One row per diagnosis: ``encounter_id``, ``seq``, ``coder_code``, ``auditor_code``,
    ``agreed`` and ``reason`` (from :func:`helpers.coding.validate_icd10cm` where the coder's
    code is not billable). The simulation cannot read a chart, so it is deliberately simple:

    - a valid billable code is kept, except for a seeded share ``disagree_share`` where the
      auditor picks the neighbouring billable code of the same category (a stand-in for a
      judgement call found on review);
    - a code that is not billable, or not in the code set, is replaced by the first billable
      code under its nearest valid start (E11 -> E11.00, I10.0 -> I10); a real auditor would
      choose from the documentation;
    - an empty code, or one with no valid start (12345), gets no auditor code: it is queried.

    >>> dx = pd.DataFrame({"encounter_id": ["E1", "E1", "E2"], "seq": [1, 2, 1], "code": ["I10", "E11", "J18.9"]})
    >>> auditor_review(dx, seed=0, disagree_share=0)[["coder_code", "auditor_code", "agreed"]].values.tolist()
    [['I10', 'I10', True], ['E11', 'E11.00', False], ['J18.9', 'J18.9', True]]
    """
    from .coding import normalise, validate_icd10cm

    _frame(diagnoses, ("encounter_id", "seq", "code"), "The diagnoses table")
    seed, share = _whole("seed", seed), _share("disagree_share", disagree_share)
    rows = diagnoses
    if encounter_ids is not None:
        wanted = pd.Series(list(encounter_ids) if not isinstance(encounter_ids, str) else [encounter_ids])
        unknown = sorted(set(wanted.astype(str)) - set(diagnoses["encounter_id"].astype(str)))
        if unknown:
            raise ValueError(f"encounter_id {unknown[0]!r} has no diagnosis in the table "
                             f"({len(unknown)} such id(s)); sample from the diagnoses' encounter ids.")
        rows = diagnoses[diagnoses["encounter_id"].astype(str).isin(set(wanted.astype(str)))]
    rows = rows.sort_values(["encounter_id", "seq"], kind="stable").reset_index(drop=True)
    checked = validate_icd10cm(rows["code"].astype(object).where(rows["code"].notna(), None).tolist())
    rng = np.random.default_rng(seed)
    draws, picks = rng.random(len(rows)), rng.random(len(rows))
    auditor, reasons = [], []
    for code, valid, billable, reason, u, pick in zip(checked["code"], checked["valid"], checked["billable"],
                                                      checked["reason"], draws, picks):
        text = "" if pd.isna(code) else str(code).strip()
        if valid and billable:
            family = _billable_under(text.replace(".", "")[:3])
            if u < share and len(family) > 1:  # the neighbouring code of the category, before or after
                here = family.index(normalise(text))
                auditor.append(family[here - 1 if (pick < 0.5 and here > 0) or here == len(family) - 1 else here + 1])
                reasons.append("auditor chose another code of the same category (simulated disagreement)")
            else:
                auditor.append(normalise(text))
                reasons.append("")
            continue
        start = _nearest_valid(normalise(text)) if text else None
        auditor.append(_billable_under(start)[0] if start else None)
        why = "no code recorded" if not text else f"{'not billable' if valid else 'not a valid code'}: {reason}"
        reasons.append(why + ("" if start else "; nothing to start from, so the auditor queries the coder"))
    out = pd.DataFrame({"encounter_id": rows["encounter_id"].astype("string"), "seq": rows["seq"],
                        "coder_code": rows["code"].astype("string"),
                        "auditor_code": pd.array(auditor, dtype="string")})
    coder = pd.Series([normalise(c) if isinstance(c, str) and c.strip() else None for c in checked["code"]],
                      dtype="string")
    out["agreed"] = coder.eq(out["auditor_code"]).fillna(False).astype(bool)
    out["reason"] = pd.array(reasons, dtype="string")
    return out


def agreement_by_encounter(review: pd.DataFrame) -> pd.DataFrame:
    """Per encounter: ``codes_reviewed``, ``codes_agreed``, ``all_agreed`` (from :func:`auditor_review`).

    >>> review = pd.DataFrame({"encounter_id": ["E1", "E1", "E2"], "agreed": [True, False, True]})
    >>> agreement_by_encounter(review)["all_agreed"].tolist()
    [False, True]
    """
    _frame(review, ("encounter_id", "agreed"), "The review table")
    out = review.groupby("encounter_id", sort=True)["agreed"].agg(codes_reviewed="size", codes_agreed="sum")
    out["codes_agreed"] = out["codes_agreed"].astype(int)
    out["all_agreed"] = out["codes_agreed"] == out["codes_reviewed"]
    return out.reset_index()


def accuracy_rate(review: pd.DataFrame) -> float:
    """Coding accuracy in percent: codes the auditor agreed with x 100 / codes reviewed.

    >>> accuracy_rate(pd.DataFrame({"encounter_id": ["E1", "E1", "E2", "E2"], "agreed": [True, True, True, False]}))
    75.0
    """
    _frame(review, ("encounter_id", "agreed"), "The review table")
    if review.empty:
        raise ValueError("The review table has no rows: there is no code to score. Review a sample first.")
    return float(review["agreed"].astype(bool).sum() * 100 / len(review))


# -- master patient index --------------------------------------------------------------------
def _pairs(pairs: pd.DataFrame, what: str) -> pd.DataFrame:
    """Pairs with id_a < id_b (as text), one row per pair, other columns kept."""
    _frame(pairs, ("id_a", "id_b"), what)
    a, b = pairs["id_a"].astype("string"), pairs["id_b"].astype("string")
    if (a.isna() | b.isna()).any():
        raise ValueError(f"{what} has an empty id_a or id_b; every pair needs two record ids.")
    if (a == b).any():
        raise ValueError(f"{what} pairs record {a[a == b].iloc[0]!r} with itself; a pair needs two records.")
    out = pairs.copy()
    out["id_a"], out["id_b"] = a.where(a < b, b), b.where(a < b, a)
    return out.drop_duplicates(["id_a", "id_b"]).reset_index(drop=True)


def duplicate_rate(pairs: pd.DataFrame, patients: pd.DataFrame) -> float:
    """Duplicate record rate in percent: records in at least one duplicate pair x 100 / all records.

    This is the duplicate record error rate AHIMA describes (as reported by Just Associates,
    see ``mpi_facts``): both records of a pair count, so 1 pair in 100 records is 2%.

    >>> duplicate_rate(pd.DataFrame({"id_a": ["A"], "id_b": ["B"]}), pd.DataFrame({"patient_id": list("ABCD")}))
    50.0
    """
    pairs = _pairs(pairs, "The pairs table")
    _frame(patients, ("patient_id",), "The patients table")
    if patients.empty:
        raise ValueError("The patients table has no rows, so there is no rate to compute.")
    ids = set(patients["patient_id"].astype("string").dropna())
    involved = set(pairs["id_a"]) | set(pairs["id_b"])
    unknown = sorted(involved - ids)
    if unknown:
        raise ValueError(f"The pairs name record {unknown[0]!r}, which is not in the patients table "
                         f"({len(unknown)} such id(s)); use pairs from the same extract.")
    return len(involved) * 100 / len(patients)


def label_pairs(found: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    """Every pair in ``found`` or ``truth``, with ``status`` true positive / false positive / missed.

    Other columns of both tables (``score``, ``error_types``...) are kept.

    >>> f = pd.DataFrame({"id_a": ["A", "C"], "id_b": ["B", "D"]})
    >>> label_pairs(f, pd.DataFrame({"id_a": ["B", "E"], "id_b": ["A", "F"]}))["status"].tolist()
    ['true positive', 'false positive', 'missed']
    """
    found, truth = _pairs(found, "The found pairs"), _pairs(truth, "The answer key")
    both = found.merge(truth, on=["id_a", "id_b"], how="outer", indicator=True, sort=False,
                       suffixes=("", "_truth"))
    both["status"] = both.pop("_merge").map({"both": "true positive", "left_only": "false positive",
                                             "right_only": "missed"}).astype(str)
    order = {"true positive": 0, "false positive": 1, "missed": 2}
    return both.sort_values(["status", "id_a", "id_b"], key=lambda s: s.map(order) if s.name == "status" else s,
                            ignore_index=True)


def score_pairs(found: pd.DataFrame, truth: pd.DataFrame) -> dict[str, float]:
    """True positives, false positives, missed pairs, precision and recall (percent) of a matcher.

    precision = true positives x 100 / pairs found; recall = true positives x 100 / true pairs.
    Either is NaN when its denominator is zero (nothing found, or an empty answer key).
    """
    status = label_pairs(found, truth)["status"].value_counts()
    tp, fp, fn = (int(status.get(k, 0)) for k in ("true positive", "false positive", "missed"))
    return {"true_positives": tp, "false_positives": fp, "missed": fn,
            "precision": tp * 100 / (tp + fp) if tp + fp else float("nan"),
            "recall": tp * 100 / (tp + fn) if tp + fn else float("nan")}


def error_type_counts(found: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    """What differed in the confirmed pairs (found and in the answer key), by field group.

    One row per :data:`ERROR_GROUPS` entry: ``group``, ``label``, ``pairs`` (confirmed pairs
    with that kind of error; a pair can have several), ``share_pct`` (of the confirmed pairs)
    and ``published_pct``, the share Just et al. (2016) report (course table ``mpi_facts``;
    empty where the study gives none).
    """
    from . import data

    _frame(truth, ("id_a", "id_b", "error_types"), "The answer key")
    confirmed = label_pairs(found, truth)
    confirmed = confirmed[confirmed["status"] == "true positive"]
    kinds = confirmed["error_types"].astype("string").fillna("").str.split(";")
    facts = data.load("mpi_facts").set_index("fact_id")["value"]
    rows = []
    for group, (label, members) in ERROR_GROUPS.items():
        hits = int(kinds.map(lambda ks: any(k in members for k in ks)).sum()) if len(kinds) else 0
        share = hits * 100 / len(confirmed) if len(confirmed) else float("nan")
        rows.append((group, label, hits, share, float(facts.get(f"share_{group}", np.nan))))
    return pd.DataFrame(rows, columns=["group", "label", "pairs", "share_pct", "published_pct"])
