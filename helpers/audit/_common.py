"""The reproducible audit sample (the input checks the audit modules share are in ``helpers.inputs``)."""
from __future__ import annotations

import pandas as pd

from ..inputs import require_frame, whole_number

__all__ = ["audit_sample"]


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
