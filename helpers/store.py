"""The learner's own data, kept in a small JSON file on this computer (optional).

Where: ``~/.mrt-course/learner.json`` by default. The environment variable
``MRT_HOME`` moves the folder (tests point it at a temporary folder). Nothing
is sent anywhere, and nothing is saved unless the learner presses a Save button.

Safety: nothing is read or written at import. Every write goes to a temporary
file in the same folder that then replaces the old one (``os.replace``), so a
crash never leaves half a file. A file that cannot be read is never wiped: it
is renamed to ``learner.json.corrupt-1`` (``-2``, ...) and the learner is told.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "learner.json"
>>> save_ratings({"Organization": 4, "Medical coding": 1}, path=path)[1]
[]
>>> load_ratings(path)
({'Organization': 4, 'Medical coding': 1}, [])
"""
from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .career import RATING_MAX, RATING_MIN
from .jsonfile import UnreadableFileError, read_json, write_json

__all__ = ["STORE_ENV", "FILE_NAME", "store_dir", "store_path", "read_store", "write_store",
           "save_ratings", "load_ratings"]

#: Environment variable that moves the folder holding the learner's file.
STORE_ENV = "MRT_HOME"
#: Name of the learner's file inside that folder.
FILE_NAME = "learner.json"
_FORMAT = "mrt-course-learner"
_RATINGS = "skill_ratings"


def store_dir() -> Path:
    """The folder for the learner's file: ``$MRT_HOME`` if set, else ``~/.mrt-course``.

    >>> store_dir().name in (".mrt-course", Path(os.environ.get(STORE_ENV, "x")).name)
    True
    """
    value = os.environ.get(STORE_ENV, "").strip()
    return Path(value).expanduser() if value else Path.home() / ".mrt-course"


def store_path() -> Path:
    """The learner's file: ``store_dir() / "learner.json"``."""
    return store_dir() / FILE_NAME


def _empty() -> dict[str, Any]:
    return {"format": _FORMAT, "version": 1}


def read_store(path: Path | None = None) -> tuple[dict[str, Any], list[str]]:
    """Read the learner's file: ``(data, notices)``.

    A missing file gives an empty record and no notice. A file that is not a
    readable JSON object is renamed aside (never deleted) and a notice says where.
    A file that cannot be opened (no permission, a folder in its place) is left as
    it is: an empty record and a notice saying what to do.

    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "learner.json"
    >>> _ = bad.write_text("{not json")
    >>> data, notices = read_store(bad)
    >>> "learner.json.corrupt-1" in notices[0], bad.exists()
    (True, False)
    """
    try:
        return _read(path)
    except UnreadableFileError as exc:
        return _empty(), [str(exc)]


def _read(path: Path | None) -> tuple[dict[str, Any], list[str]]:
    """Like :func:`read_store`, but a file that exists and cannot be opened raises
    :class:`~helpers.jsonfile.UnreadableFileError` (an ``OSError``), so nothing is saved over it."""
    path = Path(path) if path is not None else store_path()
    found, notices = read_json(path, "saved data", _check_record)
    return (found if found is not None else _empty()), notices


def _check_record(found: Any) -> None:
    if not isinstance(found, dict):
        raise ValueError("it is valid JSON but not a course file (expected an object)")


def write_store(data: Mapping[str, Any], path: Path | None = None) -> Path:
    """Write ``data`` as the learner's file, atomically; returns the path written.

    Raises ``OSError`` if the folder cannot be created or written (the caller
    shows it as a message).
    """
    path = Path(path) if path is not None else store_path()
    return write_json(path, {**_empty(), **dict(data)})


def _check_ratings(ratings: Mapping[str, Any]) -> dict[str, int]:
    if not isinstance(ratings, Mapping) or not ratings:
        raise ValueError("There are no ratings to save: rate at least one skill.")
    clean = {}
    for skill, value in ratings.items():
        if not isinstance(skill, str) or not skill.strip():
            raise ValueError(f"Each rating needs a skill name; got {skill!r}.")
        if isinstance(value, bool) or not isinstance(value, int) or not RATING_MIN <= value <= RATING_MAX:
            raise ValueError(f"The rating for {skill!r} must be a whole number from {RATING_MIN} "
                             f"to {RATING_MAX}; got {value!r}.")
        clean[skill] = value
    return clean


def save_ratings(ratings: Mapping[str, int], path: Path | None = None) -> tuple[Path, list[str]]:
    """Save the lesson 01 self-assessment; returns ``(path, notices)``.

    Other data already in the file is kept. Raises ``ValueError`` for ratings
    outside 0-5 and ``OSError`` if the file cannot be read or written (the old file is then left as it is).
    """
    clean = _check_ratings(ratings)
    data, notices = _read(path)  # an unreadable file raises here: never save over data not read
    data[_RATINGS] = {"ratings": clean,
                      "saved": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")}
    return write_store(data, path), notices


def load_ratings(path: Path | None = None) -> tuple[dict[str, int] | None, list[str]]:
    """The saved self-assessment, or None if there is none; returns ``(ratings, notices)``.

    Saved ratings that do not make sense are not used (a notice says why); the
    file itself is left as it is.
    """
    data, notices = read_store(path)
    entry = data.get(_RATINGS)
    if entry is None:
        return None, notices
    try:
        if not isinstance(entry, dict):
            raise ValueError("the entry is not a record")
        return _check_ratings(entry.get("ratings")), notices
    except ValueError as exc:
        where = Path(path) if path is not None else store_path()
        return None, notices + [f"Your saved ratings in {where} could not be used ({exc}) "
                                "Rate yourself again in lesson 01 and press Save my ratings."]
