"""How validation and grading learn outcomes: one JSON line per check.

When the environment variable ``MRT_GRADING_FILE`` names a file, every check
appends one JSON line to it (``lesson``, ``problem``, ``name``, ``kind``,
``outcome``, ``message``). The grader and the validator set it for each
notebook they run; learners never need it. ``kind`` is ``check`` for a
learner's own ``qN.check()``, ``wrong-answer`` for a validate-only cell and
``grader`` for :func:`check_all`, which the grader runs after the last cell.

>>> read_records("/nonexistent/records.jsonl")
[]
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .results import CheckResult

__all__ = ["GRADING_ENV", "append_record", "read_records"]

GRADING_ENV = "MRT_GRADING_FILE"


def append_record(problem: Any, result: CheckResult, kind: str) -> None:
    """Append one check result to ``$MRT_GRADING_FILE`` (does nothing when it is unset)."""
    target = os.environ.get(GRADING_ENV)
    if not target:
        return
    line = json.dumps({"lesson": problem.lesson, "problem": problem.key, "name": problem.name, "kind": kind,
                       "outcome": result.outcome, "message": result.message}, sort_keys=True)
    try:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    except OSError:
        pass  # grading reports "no result" for this problem


def read_records(path: str | Path) -> list[dict[str, Any]]:
    """The records in a grading file; unreadable lines are skipped."""
    records: list[dict[str, Any]] = []
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return records
    for line in text.splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict) and isinstance(item.get("problem"), str):
            records.append(item)
    return records
