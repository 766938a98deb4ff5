"""The reproducible audit sample and the coding-accuracy rate (the input checks the audit modules share are
in ``helpers.inputs``). ``accuracy_rate`` lives here, not in ``accuracy``, because lesson 06's case scoring
(``helpers.coding.cases``) uses it and ``accuracy`` itself uses ``helpers.coding``."""
from __future__ import annotations

import pandas as pd

from ..inputs import require_frame, whole_number

__all__ = ["audit_sample", "accuracy_rate"]


# -- sampling --------------------------------------------------------------------------------
def audit_sample(df: pd.DataFrame, n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` rows drawn at random without replacement; the same ``seed`` always gives the same rows.

    The rows keep their index, so you can see where each came from.

    >>> audit_sample(pd.DataFrame({"x": range(10)}), 3, seed=1)["x"].tolist()
    [2, 9, 6]
    """
    require_frame(df, "The table to sample", [])
    n, seed = whole_number(n, "n", 1), whole_number(seed, "seed")
    if n > len(df):
        raise ValueError(f"n = {n} is larger than the table ({len(df)} rows); a sample without replacement "
                         "cannot hold more rows than the table. Ask for fewer rows.")
    return df.sample(n=n, random_state=seed)


# -- coding accuracy -------------------------------------------------------------------------
def accuracy_rate(review: pd.DataFrame) -> float:
    """Coding accuracy in percent: codes the auditor agreed with x 100 / codes reviewed.

    >>> accuracy_rate(pd.DataFrame({"encounter_id": ["E1", "E1", "E2", "E2"], "agreed": [True, True, True, False]}))
    75.0
    """
    require_frame(review, "The review table", ("encounter_id", "agreed"))
    if review.empty:
        raise ValueError("The review table has no rows: there is no code to score. Review a sample first.")
    return float(review["agreed"].astype(bool).sum() * 100 / len(review))
