"""Small JSON files on the learner's computer, read and written safely.

Used by ``helpers.store`` (saved self-assessment) and ``helpers.checks.progress``
(exercise progress). Every write goes to a temporary file in the same folder that
then replaces the old one (``os.replace``), so a crash never leaves half a file.
A file that cannot be read is never wiped: it is renamed to ``NAME.corrupt-1``
(``-2``, ...) and the caller gets a notice saying where it went.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.json"
>>> write_json(path, {"a": 1}) == path
True
>>> read_json(path, "demo file")
({'a': 1}, [])
>>> _ = path.write_text("{oops")
>>> data, notices = read_json(path, "demo file")
>>> data is None, "demo.json.corrupt-1" in notices[0]
(True, True)

A file that exists but cannot be opened (no permission to read it, a folder in
its place) is not corrupt: it is left exactly as it is and
:class:`UnreadableFileError` (an ``OSError``) says what to do, so a caller never
saves over data it could not read.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["free_name", "read_json", "write_json", "write_temporary", "UnreadableFileError"]


def free_name(path: Path, suffix: str) -> Path:
    """The first unused ``NAME.suffix-N`` beside ``path``."""
    n = 1
    while path.with_name(f"{path.name}.{suffix}-{n}").exists():
        n += 1
    return path.with_name(f"{path.name}.{suffix}-{n}")


class UnreadableFileError(OSError):
    """A file exists but could not be read (or set aside); it was left as it is. The message says what to do."""


def _unreadable(path: Path, what: str, exc: OSError) -> UnreadableFileError:
    if isinstance(exc, PermissionError):
        fix = (f"You do not have permission to read it. Give yourself read and write permission on it "
               f"(for example `chmod u+rw {path}` in a terminal) or ask whoever manages this computer")
    elif isinstance(exc, IsADirectoryError) or path.is_dir():
        fix = "There is a folder with that name. Move or rename that folder"
    else:
        fix = f"The computer refused to read it ({exc.strerror or exc}). Check the file and the disk"
    return UnreadableFileError(
        f"Your {what} {path} exists but could not be opened, so nothing was read from it or saved to it. "
        f"{fix}, then try again. The file was left as it is.")


def read_json(path: Path, what: str, check: Callable[[Any], None] | None = None) -> tuple[Any, list[str]]:
    """Read ``path``: ``(data, notices)``; ``(None, [])`` when the file does not exist.

    ``check(data)`` may raise ``ValueError`` to reject a file that is valid JSON but
    not the expected kind. A rejected or corrupt file (bad JSON, not UTF-8, nested
    too deeply to read) is moved aside and ``(None, [notice])`` is returned; the
    notice names ``what`` and the new name. A file that cannot be opened, or a
    corrupt one that cannot be moved aside, raises :class:`UnreadableFileError`
    and is left untouched.
    """
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        return None, []
    except UnicodeDecodeError as exc:
        return None, _set_aside(path, what, f"it is not UTF-8 text: {exc.reason}")
    except OSError as exc:
        raise _unreadable(path, what, exc) from exc
    try:
        data = json.loads(text)
        if check is not None:
            check(data)
        return data, []
    except RecursionError:
        return None, _set_aside(path, what, "it is nested too deeply to be a course file")
    except (ValueError, TypeError) as exc:  # JSONDecodeError is a ValueError
        return None, _set_aside(path, what, exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc))


def _set_aside(path: Path, what: str, reason: str) -> list[str]:
    try:
        aside = free_name(path, "corrupt")
        os.replace(path, aside)
    except OSError as move_error:
        raise UnreadableFileError(
            f"Your {what} {path} could not be read ({reason}) nor moved aside ({move_error}). "
            "Nothing will be saved there until you fix or remove that file."
        ) from move_error
    return [
        f"Your {what} {path} could not be read ({reason}). It was kept as {aside.name} in the "
        "same folder, and a new file will be started when anything is saved. Nothing was deleted."
    ]


def write_json(path: Path, data: Any, sort_keys: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically and return the path.

    The JSON text is made before the disk is touched, so data that cannot be
    serialised raises without changing the file. Raises ``OSError`` when the
    folder cannot be created or written.
    """
    text = json.dumps(data, indent=1, sort_keys=sort_keys) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = write_temporary(text, path.parent, path.name)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_temporary(text: str, folder: Path, name: str) -> str:
    """Write ``text`` to a new hidden temporary file in ``folder`` (named after ``name``), flushed
    to disk, and return its path: the first half of every save that never leaves a partial file.
    The caller gives it its real name (``os.replace`` or a link) and removes it if that fails; if
    writing fails, nothing is left behind.

    >>> import tempfile as _t
    >>> folder = Path(_t.mkdtemp()); tmp = write_temporary("hello", folder, "note.md")
    >>> Path(tmp).read_text(), Path(tmp).name.startswith(".note.md.")
    ('hello', True)
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{name[:40]}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp
