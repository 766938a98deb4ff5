"""Running a notebook's cells against one time limit: shared by ``validate`` (:mod:`.runner`) and
the grader's worker (:mod:`.kernelrun`).

>>> cell_errors({"outputs": [{"output_type": "error", "ename": "NameError", "evalue": "x"}]}, 3)
['cell 3: NameError: x']
"""
from __future__ import annotations

import time
from typing import Any

__all__ = ["cell_errors", "run_in_time"]


def cell_errors(cell: Any, number: int) -> list[str]:
    """Each error a run cell shows, as ``cell N: Name: message``."""
    return [f"cell {number}: {out.get('ename', 'Error')}: {str(out.get('evalue', ''))[:200]}"
            for out in cell.get("outputs", []) if out.get("output_type") == "error"]


def run_in_time(client: Any, cell: Any, index: int, number: int, deadline: float,
                timeout: float) -> tuple[str | None, bool]:
    """Run code cell ``index`` (shown as ``number``) with what is left of the notebook's time.

    Returns ``(None, False)`` when it finished, else why the run stops here and whether the cell
    was still running (``True``: the caller should interrupt the kernel) or never started.
    """
    from nbclient.exceptions import CellTimeoutError

    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return f"time limit of {timeout:g} s reached before cell {number}", False
    client.timeout = max(1, int(remaining + 0.999))
    try:
        client.execute_cell(cell, index)
    except CellTimeoutError:
        return (f"cell {number} was still running when the {timeout:g} s limit for the notebook ran out "
                "(an endless loop?); the cells after it were not run"), True
    return None, False
