"""Coding accuracy: a simulated auditor re-codes a sample, and the coder is scored."""
from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pandas as pd

from ..inputs import require_frame, share, whole_number
from ._common import accuracy_rate  # defined beside the sample, so lesson 06's case scoring can use it too

__all__ = ["auditor_review", "agreement_by_encounter", "accuracy_rate"]


# -- coding accuracy -------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _billable_keys() -> np.ndarray:
    from ..coding import code_set
    from ..coding.icd10cm import BILLABLE  # the code set's marker for a billable (leaf) code

    cs = code_set()
    return np.asarray(cs.keys[cs.kinds == BILLABLE], dtype=str)


@functools.lru_cache(maxsize=512)
def _billable_under(prefix: str) -> tuple[str, ...]:
    """Billable codes (with dots) that start with ``prefix`` (given without a dot), in code-set order."""
    from ..coding import normalise

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
      judgment call found on review);
    - a code that is not billable, or not in the code set, is replaced by the first billable
      code under its nearest valid start (E11 -> E11.00, I10.0 -> I10); a real auditor would
      choose from the documentation;
    - an empty code, or one with no valid start (12345), gets no auditor code: it is queried.

    >>> dx = pd.DataFrame({"encounter_id": ["E1", "E1", "E2"], "seq": [1, 2, 1], "code": ["I10", "E11", "J18.9"]})
    >>> auditor_review(dx, seed=0, disagree_share=0)[["coder_code", "auditor_code", "agreed"]].values.tolist()
    [['I10', 'I10', True], ['E11', 'E11.00', False], ['J18.9', 'J18.9', True]]
    """
    from ..coding import normalise, validate_icd10cm

    require_frame(diagnoses, "The diagnoses table", ("encounter_id", "seq", "code"))
    seed, rate = whole_number(seed, "seed"), share(disagree_share, "disagree_share")
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
            if u < rate and len(family) > 1:  # the neighbouring code of the category, before or after
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
    require_frame(review, "The review table", ("encounter_id", "agreed"))
    out = review.groupby("encounter_id", sort=True)["agreed"].agg(codes_reviewed="size", codes_agreed="sum")
    out["codes_agreed"] = out["codes_agreed"].astype(int)
    out["all_agreed"] = out["codes_agreed"] == out["codes_reviewed"]
    return out.reset_index()
