"""Nothing lost: each graded student goes to a journal at once; the CSV files are written from it.

The journal (``grades.csv.journal.jsonl`` beside the output) starts with a header line (lesson,
assignment, the capstone secret when the grader made one up) and gets one JSON line per student,
flushed to disk as soon as that student is graded. A run that is killed or interrupted continues
with ``--resume``: students already in the journal are not graded again, and the CSV files are the
same as an uninterrupted run's. CSV cells that a spreadsheet would run as a formula (starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) get a leading ``'``.

>>> csv_safe("=HYPERLINK(1)"), csv_safe("alice"), csv_safe(3)
("'=HYPERLINK(1)", 'alice', 3)
"""
from __future__ import annotations

import csv
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Sequence

__all__ = ["Journal", "JournalError", "csv_safe", "journal_path", "write_csvs", "NBGRADER_COLUMNS", "COLUMNS",
           "TOTAL_COLUMNS"]

#: The columns of nbgrader's grades.csv export.
NBGRADER_COLUMNS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
                    "raw_score", "late_submission_penalty", "score", "max_score"]
#: The columns of the per-problem grades file.
COLUMNS = NBGRADER_COLUMNS + ["problem", "outcome", "reason"]
#: The columns of the totals file.
TOTAL_COLUMNS = NBGRADER_COLUMNS + ["problems_correct", "status"]
ERROR = "error"


class JournalError(ValueError):
    """A journal that cannot be resumed (another lesson, or not a journal); the message says what to do."""


def journal_path(out: Path) -> Path:
    """The journal kept beside ``out``."""
    return out.with_name(out.name + ".journal.jsonl")


def csv_safe(value: Any) -> Any:
    """``value`` made harmless for a spreadsheet: text starting a formula gets a leading ``'``."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class Journal:
    """The append-only record of a grading run."""

    def __init__(self, path: Path, header: dict[str, Any], resume: bool = False) -> None:
        self.path, self.header = path, dict(header)
        self.done: dict[str, dict[str, Any]] = {}
        self.resumed = False
        if resume and path.exists():
            self._read()
            self.resumed = True
            self._fh = path.open("a", encoding="utf-8")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = path.open("w", encoding="utf-8")
            self._write({"journal": 1, **self.header})

    def _read(self) -> None:
        lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        try:
            first = json.loads(lines[0]) if lines else {}
        except ValueError:
            first = {}
        if first.get("journal") != 1:
            raise JournalError(f"{self.path} is not a grading journal; remove it or grade without --resume.")
        if str(first.get("lesson")) != str(self.header.get("lesson")):
            raise JournalError(f"{self.path} is the journal of lesson {first.get('lesson')}, not lesson "
                               f"{self.header.get('lesson')}; pass --lesson {first.get('lesson')} to resume it, or "
                               "grade into another --out.")
        for key in ("secret", "assignment"):
            if first.get(key) is not None:
                self.header[key] = first[key]
        for line in lines[1:]:
            try:
                entry = json.loads(line)
            except ValueError:  # a line cut short when the run was killed: that student is graded again
                continue
            if isinstance(entry, dict) and isinstance(entry.get("student_id"), str):
                self.done[entry["student_id"]] = entry

    def _write(self, item: dict[str, Any]) -> None:
        self._fh.write(json.dumps(item, ensure_ascii=True) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def add(self, entry: dict[str, Any]) -> None:
        """Record one graded student, on disk before this returns."""
        self._write(entry)
        self.done[entry["student_id"]] = entry

    def close(self) -> None:
        """Close the file (the journal stays, for ``--resume`` or as a record of the run)."""
        self._fh.close()


def _atomic_csv(path: Path, columns: list[str], rows: Iterable[dict[str, Any]]) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows({k: csv_safe(v) for k, v in row.items()} for row in rows)
    os.replace(tmp, path)


def write_csvs(out: Path, entries: Sequence[dict[str, Any]], problems: Sequence[Any], assignment: str,
               duedate: str = "") -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Write the grades, totals and summary files from journal entries; returns (rows, summary)."""
    rows, totals = [], []
    for g in entries:
        base = {"assignment": assignment, "duedate": duedate, "timestamp": g.get("timestamp", ""),
                "student_id": g["student_id"], "last_name": "", "first_name": "", "email": "",
                "late_submission_penalty": 0}
        raw = right = 0
        for p in problems:
            outcome, reason = g.get("outcomes", {}).get(p.key, (ERROR, "no result"))
            score = p.points if outcome == "correct" else 0
            raw, right = raw + score, right + (outcome == "correct")
            rows.append({**base, "raw_score": score, "score": score, "max_score": p.points, "problem": p.key,
                         "outcome": outcome, "reason": reason})
        totals.append({**base, "raw_score": raw, "score": raw, "max_score": sum(p.points for p in problems),
                       "problems_correct": right, "status": g.get("status", "")})
    out.parent.mkdir(parents=True, exist_ok=True)
    _atomic_csv(out, COLUMNS, rows)
    _atomic_csv(out.with_name(f"{out.stem}-totals.csv"), TOTAL_COLUMNS, totals)
    summary = []
    for p in problems:
        counts = Counter(r["outcome"] for r in rows if r["problem"] == p.key)
        summary.append({"problem": p.key, "variable": p.name, "correct": counts["correct"],
                        "incorrect": counts["incorrect"], "not_attempted": counts["not attempted"],
                        "error": counts[ERROR], "students": len(entries),
                        "percent_correct": round(100 * counts["correct"] / len(entries), 1) if entries else 0.0})
    _atomic_csv(out.with_name(f"{out.stem}-summary.csv"), list(summary[0]) if summary else ["problem"], summary)
    return rows, summary
