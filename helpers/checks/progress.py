"""The learner's progress file: which problems were checked, with what outcome.

Where: ``~/.mrt-course/progress.json`` by default. The environment variable
``MRT_PROGRESS_FILE`` moves it; setting it to ``off`` turns recording off (the
validator and the grader do this so they never touch a real learner's file).

Safety: nothing is read or written at import. Every write goes to a temporary
file in the same folder which then replaces the old one (``os.replace``), so a
crash or a full disk never leaves an empty or half file. Each update reads, changes
and writes the file while holding a lock (``progress.json.lock`` beside it), so two
notebooks open at once never lose each other's records. A corrupt file is never
wiped: it is renamed to ``progress.json.corrupt-1`` (``-2``, ...) and the learner is
told. A file the learner may not read is left alone, with a message saying what to
do. One record with a value that makes no sense is repaired alone (the original is
kept under ``set_aside`` in the same file) and the learner is told once.

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

import contextlib
import datetime as _dt
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..jsonfile import UnreadableFileError, free_name, read_json, write_json

__all__ = ["PROGRESS_ENV", "progress_path", "load_progress", "save_progress", "record_event",
           "reset_progress", "empty_progress", "upgrade", "VERSION", "LOCK_TIMEOUT", "read_section",
           "update_section", "SECTIONS"]

PROGRESS_ENV = "MRT_PROGRESS_FILE"
_FORMAT = "mrt-course-progress"
#: Version 2 keys problems by lesson id (slug); version 1 keyed them by the old lesson numbers.
VERSION = 2
_OLD_KEY = re.compile(r"(\d\d)\.(q\d+)")
#: Seconds an update waits for another notebook that is saving at the same moment.
LOCK_TIMEOUT = 15.0
_SET_ASIDE = "set_aside"
#: Other parts of the file, each owned by one lesson's tools: ``exams`` (a list of practice-exam
#: results) and ``review`` (question id -> spaced-review stage and due date), both from lesson 18.
SECTIONS = {"exams": list, "review": dict}


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

    if _version(progress) >= VERSION:
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
    except (TypeError, ValueError, OverflowError):  # None, text, NaN, infinity
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
    """Read the progress file: ``(progress, notices)``; never raises.

    A missing file gives empty progress. A corrupt one is renamed aside and a notice
    says where it went. One that cannot be opened (no permission) is left as it is and
    a notice says what to do. Records with values that make no sense are repaired
    (the originals kept under ``set_aside``) and a notice says which.
    """
    path = path or progress_path()
    if path is None:
        return empty_progress(), []
    try:
        return _load(path)
    except UnreadableFileError as exc:
        return empty_progress(), [str(exc)]


def _load(path: Path) -> tuple[dict[str, Any], list[str]]:
    """Like :func:`load_progress`, but an unreadable file raises ``UnreadableFileError``."""
    data, notices = read_json(path, "progress file", _check_progress)
    if data is None:
        return empty_progress(), notices
    data, repaired = _repair(data)
    if repaired:
        notices = notices + [
            f"Your progress file {path} had {len(repaired)} record(s) that could not be used "
            f"({'; '.join(repaired[:3])}{'; ...' if len(repaired) > 3 else ''}). Only those were reset; "
            f"the originals are kept under \"{_SET_ASIDE}\" in the same file and your other records are unchanged."]
    return upgrade(data), notices


def _version(data: dict[str, Any]) -> int:
    value = data.get("version", 1)
    if value is None or value == "":
        return 1
    if isinstance(value, float) and value.is_integer() and value >= 0:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit():
        raise ValueError(f"its version {str(value)[:20]!r} is not a whole number")
    return int(value)


def _check_progress(data: Any) -> None:
    if not (isinstance(data, dict) and isinstance(data.get("problems"), dict)):
        raise ValueError("it is valid JSON but not a course progress file")
    _version(data)


_COUNTS = ("attempts", "hints_viewed")
_FLAGS = ("ever_correct", "solution_viewed")


def _entry_problems(key: str, entry: Any) -> tuple[dict[str, Any] | None, list[str]]:
    """``(repaired entry or None to drop it, what was wrong)`` for one record."""
    shown = key if len(key) <= 60 else key[:57] + "..."
    if not isinstance(entry, dict):
        return None, [f"{shown}: not a record"]
    fixed, wrong = dict(entry), []
    for name in _COUNTS:
        value = entry.get(name, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            fixed[name] = _count(value) if isinstance(value, (int, float, str)) and not isinstance(value, bool) else 0
            wrong.append(f"{shown}: {name} {str(value)[:20]!r}")
    for name in _FLAGS:
        if not isinstance(entry.get(name, False), bool):
            fixed[name] = False
            wrong.append(f"{shown}: {name} {str(entry.get(name))[:20]!r}")
    for name in ("outcome", "updated"):
        if not isinstance(entry.get(name), (str, type(None))):
            fixed[name] = None
            wrong.append(f"{shown}: {name} {str(entry.get(name))[:20]!r}")
    if not isinstance(entry.get("lesson"), str) or not entry.get("lesson"):
        fixed["lesson"] = key.split(".", 1)[0]  # a record without one simply gets it; a wrong one is reported
        if "lesson" in entry:
            wrong.append(f"{shown}: lesson {str(entry.get('lesson'))[:20]!r}")
    return fixed, wrong


def _repair(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Repair or set aside each record that makes no sense, alone; the others are untouched."""
    problems, kept, repaired = {}, [], []
    for key, entry in data["problems"].items():
        fixed, wrong = _entry_problems(key, entry)
        if wrong:
            repaired.append(", ".join(wrong))
            kept.append({"key": key, "entry": entry, "reason": "; ".join(wrong),
                         "when": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")})
        if fixed is not None:
            problems[key] = fixed
    if not repaired:
        return data, []
    earlier = data.get(_SET_ASIDE, [])
    earlier = earlier if isinstance(earlier, list) else [earlier]
    return {**data, "problems": problems, _SET_ASIDE: earlier + kept}, repaired


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold ``NAME.lock`` beside ``path``, so one notebook at a time reads, changes and writes it."""
    from filelock import FileLock, Timeout

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        lock = FileLock(str(path.with_name(path.name + ".lock")), timeout=LOCK_TIMEOUT)
        lock.acquire()
    except Timeout:
        raise OSError(f"another notebook kept the file busy for {LOCK_TIMEOUT:.0f} seconds; run the check "
                      "again in a moment") from None
    try:
        yield
    finally:
        lock.release()


def save_progress(progress: dict[str, Any], path: Path | None = None) -> None:
    """Write ``progress`` atomically (temporary file, then ``os.replace``)."""
    path = path or progress_path()
    if path is None:
        return
    write_json(path, progress, sort_keys=True)


def record_event(key: str, lesson: str, *, outcome: str | None = None, hint: int | None = None,
                 solution: bool = False, path: Path | None = None) -> list[str]:
    """Record a check outcome, a hint level viewed or the solution viewed; returns notices.

    Never raises, whatever the file holds: a problem saving is returned as a notice
    instead. The read, the change and the write happen under the file's lock, so
    records from other notebooks saving at the same time are kept.
    """
    def change(progress: dict[str, Any]) -> None:
        entry = progress["problems"].setdefault(key, {"lesson": lesson, "attempts": 0, "outcome": None,
                                                      "ever_correct": False, "hints_viewed": 0,
                                                      "solution_viewed": False})
        if outcome is not None:
            entry["outcome"] = outcome
            entry["attempts"] = _count(entry.get("attempts")) + 1
            entry["ever_correct"] = bool(entry.get("ever_correct")) or outcome == "correct"
        if hint is not None:
            entry["hints_viewed"] = max(_count(entry.get("hints_viewed")), hint)
        if solution:
            entry["solution_viewed"] = True
        entry["updated"] = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")

    return _update(path, change, "Your answers are not affected; only the record of them is not being saved.",
                   "Your answers are not affected.")


def _update(path: Path | None, change: Callable[[dict[str, Any]], None], unreadable: str, failed: str) -> list[str]:
    """Read, ``change`` in place and write the progress file under its lock; returns notices, never raises.

    ``unreadable`` and ``failed`` end the notice when the file cannot be read or saved.
    """
    path = path or progress_path()
    if path is None:
        return []
    try:
        with _locked(path):
            progress, notices = _load(path)
            change(progress)
            save_progress(progress, path)
        return notices
    except UnreadableFileError as exc:
        return [f"{exc} {unreadable}"]
    except Exception as exc:  # noqa: BLE001 - a check must never fail because of its progress file
        return [f"Your progress could not be saved to {path} ({type(exc).__name__}: {exc}). {failed}"]


def reset_progress(path: Path | None = None) -> Path | None:
    """Clear progress, keeping the old file as ``progress.json.backup-<n>``; returns the backup path."""
    path = path or progress_path()
    if path is None or not path.exists():
        return None
    with _locked(path):
        backup = free_name(path, "backup")
        os.replace(path, backup)
        save_progress(empty_progress(), path)
    return backup


def read_section(name: str, path: Path | None = None) -> tuple[Any, list[str]]:
    """``(section, notices)``: one of :data:`SECTIONS` as saved, or empty; never raises.

    A section that is not of its kind (a damaged file) reads as empty, with a notice.
    """
    kind = SECTIONS[name]
    progress, notices = load_progress(path)
    value = progress.get(name, kind())
    if not isinstance(value, kind):
        return kind(), notices + [f"The {name!r} part of your progress file could not be read; "
                                  "it starts again empty and the file keeps the old one until the next save."]
    return value, notices


def update_section(name: str, change: Callable[[Any], Any], path: Path | None = None) -> list[str]:
    """Replace section ``name`` with ``change(old)`` under the file's lock; returns notices, never raises."""
    kind = SECTIONS[name]

    def replace(progress: dict[str, Any]) -> None:
        old = progress.get(name, kind())
        progress[name] = change(old if isinstance(old, kind) else kind())

    return _update(path, replace, "Your results are shown but not saved.", "Your results are still shown.")
