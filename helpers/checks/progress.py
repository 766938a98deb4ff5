"""The learner's progress file: which problems were checked, with what outcome.

Where: ``~/.mrt-course/progress.json`` by default. The environment variable
``MRT_PROGRESS_FILE`` moves it; setting it to ``off`` turns recording off (the
validator and the grader do this so they never touch a real learner's file).

Safety: nothing is read or written at import. Every write goes to a temporary
file in the same folder which then replaces the old one (``os.replace``), so a
crash never leaves half a file. A file that cannot be read is never wiped: it is
renamed to ``progress.json.corrupt-1`` (``-2``, ...) and the learner is told.

Problems are keyed by the lesson's stable id (``education-pathways.q1``), never
by its number. A file written by the first edition of the course (version 1,
keys such as ``09.q1`` under the old fifteen-lesson numbering) is read with
every record moved to its lesson's id; it is rewritten in the new form on the
next save.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "progress.json"
>>> record_event("education-pathways.q1", "education-pathways", outcome="correct", path=p)
[]
>>> load_progress(p)[0]["problems"]["education-pathways.q1"]["outcome"]
'correct'
>>> upgrade({"version": 1, "problems": {"09.q2": {"lesson": "09", "outcome": "correct"}}})["problems"]
{'healthcare-statistics.q2': {'lesson': 'healthcare-statistics', 'outcome': 'correct'}}
"""
from __future__ import annotations

import datetime as _dt
import os
import re
from pathlib import Path
from typing import Any

from ..jsonfile import free_name, read_json, write_json

__all__ = ["PROGRESS_ENV", "progress_path", "load_progress", "save_progress", "record_event",
           "reset_progress", "empty_progress", "upgrade", "VERSION"]

PROGRESS_ENV = "MRT_PROGRESS_FILE"
_FORMAT = "mrt-course-progress"
#: Version 2 keys problems by lesson id (slug); version 1 keyed them by the old lesson numbers.
VERSION = 2
_OLD_KEY = re.compile(r"(\d\d)\.(q\d+)")


def progress_path() -> Path | None:
    """The progress file in use, or None when ``MRT_PROGRESS_FILE=off``.

    >>> isinstance(progress_path(), (Path, type(None)))
    True
    """
    value = os.environ.get(PROGRESS_ENV, "").strip()
    if value.lower() == "off":
        return None
    if value:
        return Path(value).expanduser()
    return Path.home() / ".mrt-course" / "progress.json"


def empty_progress() -> dict[str, Any]:
    """A new, empty progress record."""
    return {"format": _FORMAT, "version": VERSION, "problems": {}}


def upgrade(progress: dict[str, Any]) -> dict[str, Any]:
    """Move the records of a version-1 file (keys such as ``09.q1``) to lesson ids; nothing is dropped.

    A key whose number the first edition did not have is kept as it is. Should a record already
    exist under the new key, the two are merged: attempts added, the later outcome kept.
    """
    from helpers.lessons import LEGACY_NUMBERS

    if int(progress.get("version", 1) or 1) >= VERSION:
        return progress
    moved: dict[str, Any] = {}
    for key, entry in progress["problems"].items():
        match = _OLD_KEY.fullmatch(key)
        if match and match.group(1) in LEGACY_NUMBERS:
            slug = LEGACY_NUMBERS[match.group(1)]
            key, entry = f"{slug}.{match.group(2)}", {**entry, "lesson": slug}
        if key in moved:
            entry = _merge(moved[key], entry)
        moved[key] = entry
    return {**progress, "format": _FORMAT, "version": VERSION, "problems": moved}


def _count(value: Any) -> int:
    try:
        return max(int(value or 0), 0)
    except (TypeError, ValueError):
        return 0


def _merge(one: dict[str, Any], two: dict[str, Any]) -> dict[str, Any]:
    first, last = sorted((one, two), key=lambda e: str(e.get("updated", "")))
    merged = {**first, **last}
    merged["attempts"] = _count(one.get("attempts")) + _count(two.get("attempts"))
    merged["ever_correct"] = bool(one.get("ever_correct")) or bool(two.get("ever_correct"))
    merged["hints_viewed"] = max(_count(one.get("hints_viewed")), _count(two.get("hints_viewed")))
    merged["solution_viewed"] = bool(one.get("solution_viewed")) or bool(two.get("solution_viewed"))
    return merged


def load_progress(path: Path | None = None) -> tuple[dict[str, Any], list[str]]:
    """Read the progress file: ``(progress, notices)``.

    A missing file gives empty progress. A corrupt one is renamed aside and a notice
    says where it went.
    """
    path = path or progress_path()
    if path is None:
        return empty_progress(), []
    data, notices = read_json(path, "progress file", _check_progress)
    return (upgrade(data) if data is not None else empty_progress()), notices


def _check_progress(data: Any) -> None:
    if not (isinstance(data, dict) and isinstance(data.get("problems"), dict)):
        raise ValueError("it is valid JSON but not a course progress file")
    if not all(isinstance(v, dict) for v in data["problems"].values()):
        raise ValueError("some problem entries are not records")


def save_progress(progress: dict[str, Any], path: Path | None = None) -> None:
    """Write ``progress`` atomically (temporary file, then ``os.replace``)."""
    path = path or progress_path()
    if path is None:
        return
    write_json(path, progress, sort_keys=True)


def record_event(key: str, lesson: str, *, outcome: str | None = None, hint: int | None = None,
                 solution: bool = False, path: Path | None = None) -> list[str]:
    """Record a check outcome, a hint level viewed or the solution viewed; returns notices.

    Never raises: a problem saving is returned as a notice instead.
    """
    path = path or progress_path()
    if path is None:
        return []
    try:
        progress, notices = load_progress(path)
        entry = progress["problems"].setdefault(key, {"lesson": lesson, "attempts": 0, "outcome": None,
                                                      "ever_correct": False, "hints_viewed": 0,
                                                      "solution_viewed": False})
        if outcome is not None:
            entry["outcome"] = outcome
            entry["attempts"] = int(entry.get("attempts", 0)) + 1
            entry["ever_correct"] = bool(entry.get("ever_correct")) or outcome == "correct"
        if hint is not None:
            entry["hints_viewed"] = max(int(entry.get("hints_viewed", 0)), hint)
        if solution:
            entry["solution_viewed"] = True
        entry["updated"] = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        save_progress(progress, path)
        return notices
    except (OSError, ValueError, TypeError) as exc:
        return [f"Your progress could not be saved to {path} ({exc}). Your answers are not affected."]


def reset_progress(path: Path | None = None) -> Path | None:
    """Clear progress, keeping the old file as ``progress.json.backup-<n>``; returns the backup path."""
    path = path or progress_path()
    if path is None or not path.exists():
        return None
    backup = free_name(path, "backup")
    os.replace(path, backup)
    save_progress(empty_progress(), path)
    return backup
