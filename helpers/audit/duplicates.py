"""The master patient index: the duplicate rate, and how a matcher's pairs compare with the answer key."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..inputs import require_frame

__all__ = ["duplicate_rate", "label_pairs", "score_pairs", "error_type_counts", "threshold_table", "ERROR_GROUPS"]

#: Groups of the generator's error types, named like the fields of Just et al. (2016) (``mpi_facts``).
ERROR_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "middle_name": ("Middle name differs", ("middle_name_mismatch",)),
    "ssn": ("SSN differs or is missing", ("ssn_transposed_digits", "ssn_missing_digit", "ssn_missing",
                                          "ssn_wrong_digit")),
    "first_name": ("First name misspelled or a nickname", ("first_name_misspelling", "first_name_nickname",
                                                           "first_name_two_typos", "first_name_nickname_unlisted")),
    "last_name": ("Last name misspelled or changed", ("last_name_misspelling", "last_name_two_typos",
                                                      "last_name_hyphenated", "last_name_changed")),
    "birth_date": ("Birth date differs", ("birth_date_day_month_swapped", "birth_date_wrong_digit")),
    "address": ("Moved (new address)", ("moved_address",)),
    "phone": ("New phone number", ("changed_phone",)),
}


# -- master patient index --------------------------------------------------------------------
def _pairs(pairs: pd.DataFrame, what: str) -> pd.DataFrame:
    """Pairs with id_a < id_b (as text), one row per pair, other columns kept."""
    require_frame(pairs, what, ("id_a", "id_b"))
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
    require_frame(patients, "The patients table", ("patient_id",))
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
    from .. import data

    require_frame(truth, "The answer key", ("id_a", "id_b", "error_types"))
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


def threshold_table(candidates: pd.DataFrame, truth: pd.DataFrame, lookalikes: pd.DataFrame | None = None,
                    thresholds: Any = None) -> pd.DataFrame:
    """What a matcher's threshold trades: one row per threshold, for the same scored candidate pairs.

    ``candidates`` are scored pairs (``id_a``, ``id_b``, ``score``; from
    ``mpi.find_duplicates(patients, threshold=-inf)``), ``truth`` the answer key, ``lookalikes``
    optional pairs of *different* people who look alike. Columns: ``threshold``, ``proposed``,
    ``true_positives``, ``false_positives``, ``missed``, ``precision``, ``recall`` (percent; NaN
    when nothing is proposed) and ``lookalikes_merged`` (look-alike pairs proposed as one person).
    Thresholds default to every whole score from the lowest to the highest candidate score.

    >>> scored = pd.DataFrame({"id_a": ["A", "C", "E"], "id_b": ["B", "D", "F"], "score": [12, 7, 3]})
    >>> key = pd.DataFrame({"id_a": ["A", "C"], "id_b": ["B", "D"]})
    >>> threshold_table(scored, key, thresholds=[5, 10])[["threshold", "proposed", "recall"]].values.tolist()
    [[5.0, 2.0, 100.0], [10.0, 1.0, 50.0]]
    """
    require_frame(candidates, "The scored pairs", ("id_a", "id_b", "score"))
    scored = _pairs(candidates[["id_a", "id_b", "score"]], "The scored pairs")
    score = pd.to_numeric(scored["score"], errors="coerce")
    if score.isna().any():
        raise ValueError("The scored pairs have a 'score' that is not a number; score them with "
                         "mpi.find_duplicates(patients, threshold=float('-inf')).")
    key = _pairs(truth, "The answer key")
    key_set = set(zip(key["id_a"], key["id_b"]))
    alike = set() if lookalikes is None else set(zip(*_pairs(lookalikes, "The look-alike pairs")[["id_a", "id_b"]]
                                                      .to_numpy().T))
    if thresholds is None:
        thresholds = np.arange(np.floor(score.min()), np.ceil(score.max()) + 1) if len(score) else np.array([0.0])
    steps = np.atleast_1d(np.asarray(thresholds, dtype=float))
    if not len(steps) or np.isnan(steps).any():
        raise ValueError(f"thresholds must be numbers, such as [4, 6, 8, 10]; got {thresholds!r}.")
    is_true = np.array([p in key_set for p in zip(scored["id_a"], scored["id_b"])], bool)
    is_alike = np.array([p in alike for p in zip(scored["id_a"], scored["id_b"])], bool)
    values = score.to_numpy(float)
    rows = []
    for t in steps:
        kept = values >= t
        tp, proposed = int((kept & is_true).sum()), int(kept.sum())
        rows.append((float(t), proposed, tp, proposed - tp, len(key_set) - tp,
                     tp * 100 / proposed if proposed else float("nan"),
                     tp * 100 / len(key_set) if key_set else float("nan"), int((kept & is_alike).sum())))
    return pd.DataFrame(rows, columns=["threshold", "proposed", "true_positives", "false_positives", "missed",
                                       "precision", "recall", "lookalikes_merged"])
