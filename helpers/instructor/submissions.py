"""Who handed in what: the submissions in a folder, each with a student id, and every doubt said out loud.

``SUBMISSIONS/alice.ipynb`` is student ``alice``; so is ``SUBMISSIONS/alice/<any>.ipynb``. The
extension is read in any case (``.IPYNB`` too, with a note). Nothing ambiguous is decided silently:

- a file *and* a folder for the same student, or two notebooks in one folder (unless exactly one
  is named for the lesson), is *refused*: every problem gets ``error`` and the reason names the
  files, so the instructor keeps one and grades again;
- a name that is not valid UTF-8 (common in zips made on another system) keeps its undecodable
  bytes as ``\\xNN`` in the student id, with a note, and the file is still graded;
- a notebook set up for another lesson (its ``workbook("...")`` line) is refused by the grader
  (:func:`lesson_mismatch`).

>>> safe_name("alice")
('alice', '')
>>> safe_name(b"Jos\\xe9".decode("utf-8", "surrogateescape"))[0]
'Jos\\\\xe9'
"""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

__all__ = ["Submission", "find_submissions", "guess_lesson", "lesson_mismatch", "notebook_lessons", "safe_name"]


@dataclass
class Submission:
    """One student's file (or the reason there is no usable file). ``refused`` says why it is not graded."""

    student_id: str
    path: Path | None
    note: str = ""
    refused: str = ""


def safe_name(name: str) -> tuple[str, str]:
    """A printable student id for a file name, and a note when the name was not valid UTF-8."""
    raw = os.fsencode(name)
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError:
        shown = raw.decode("utf-8", "backslashreplace")
        return shown, (f"the file name is not valid UTF-8 (its undecodable bytes are shown as \\xNN in the student id "
                       f"{shown!r}); rename the file to match your roster")


def _is_notebook(path: Path) -> bool:
    return path.suffix.lower() == ".ipynb"


def _case_note(path: Path) -> str:
    return f"the extension {path.suffix} was read as .ipynb" if path.suffix != ".ipynb" else ""


def _join(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def _shown(path: Path) -> str:
    return safe_name(path.name)[0]


def find_submissions(folder: Path, skip: Sequence[Path] = (), lesson: str | None = None) -> list[Submission]:
    """Every student in ``folder``, sorted by student id."""
    skip_set = {p.resolve() for p in skip}
    claims: dict[str, list[tuple[Path, bool]]] = {}  # student id -> (entry, is folder)
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "__")) or entry.resolve() in skip_set or entry.name.endswith(".journal.jsonl"):
            continue
        if entry.is_dir() or entry.is_file():
            student = entry.name if entry.is_dir() else entry.stem
            claims.setdefault(student, []).append((entry, entry.is_dir()))
    found: list[Submission] = []
    for student, entries in claims.items():
        sid, name_note = safe_name(student)
        dirs = [e for e, is_dir in entries if is_dir]
        files = [e for e, is_dir in entries if not is_dir]
        books = [f for f in files if _is_notebook(f)]
        if dirs and books:
            where = ", ".join([f"{_shown(books[0])}"] + [f"{_shown(d)}/" for d in dirs])
            found.append(Submission(sid, None, name_note, refused=(
                f"two submissions for {sid}: {where}; keep only one and grade again")))
            continue
        if dirs:
            found.append(_from_folder(sid, dirs[0], lesson, name_note))
            continue
        if len(books) > 1:
            found.append(Submission(sid, None, name_note, refused=(
                f"two notebooks for {sid}: {', '.join(_shown(b) for b in books)}; keep only one and grade again")))
            continue
        chosen = books[0] if books else files[0]
        others = [f for f in files if f != chosen]
        note = _join(name_note, _case_note(chosen) if books else "",
                     f"also handed in, not graded: {', '.join(_shown(o) for o in others)}" if others else "")
        found.append(Submission(sid, chosen, note))
    counts = Counter(s.student_id for s in found)
    for s in found:  # ids that only differ in undecodable bytes would collide: never merge two students
        if counts[s.student_id] > 1:
            s.refused = s.refused or f"another submission has the same student id {s.student_id!r}; rename one"
    return sorted(found, key=lambda s: s.student_id)


def _from_folder(sid: str, entry: Path, lesson: str | None, name_note: str) -> Submission:
    notebooks = sorted(p for p in entry.rglob("*") if p.is_file() and _is_notebook(p)
                       and ".ipynb_checkpoints" not in p.parts and not p.name.startswith("."))
    if not notebooks:
        return Submission(sid, None, name_note, refused=f"the folder {sid}/ holds no .ipynb notebook")
    if len(notebooks) == 1:
        return Submission(sid, notebooks[0], _join(name_note, _case_note(notebooks[0])))
    named = [p for p in notebooks if lesson and p.name.startswith(f"{lesson}-")]
    listed = ", ".join(_shown(p) for p in notebooks)
    if len(named) == 1:
        return Submission(sid, named[0], _join(name_note, f"{len(notebooks)} notebooks in {sid}/ ({listed}); graded "
                                               f"{_shown(named[0])}, the one named for lesson {lesson}"))
    return Submission(sid, None, name_note, refused=(
        f"{len(notebooks)} notebooks in {sid}/ ({listed}); leave only the one to grade and grade again"))


_WORKBOOK_CALL = re.compile(r"workbook\(\s*\\?[\"']([A-Za-z0-9-]+)\\?[\"']\s*\)")


def notebook_lessons(text: str) -> set[str]:
    """The lesson numbers a notebook's ``workbook("...")`` lines name."""
    from helpers import lessons

    named = set()
    for which in set(_WORKBOOK_CALL.findall(text)):
        try:
            named.add(lessons.number(which))
        except ValueError:
            continue
    return named


def lesson_mismatch(text: str, lesson: str) -> str:
    """Why a notebook is not for ``lesson`` (it sets up another lesson's workbook), or ``""``."""
    from helpers import lessons

    named = notebook_lessons(text)
    if not named or lesson in named:
        return ""
    other = sorted(named)[0]
    return (f"this is lesson {other}'s workbook ({lessons.slug(other)}), not lesson {lesson}'s "
            f"({lessons.slug(lesson)}): it was not graded; check that it was handed in to the right assignment")


def guess_lesson(submissions: Sequence[Submission]) -> str | None:
    """The lesson most submissions take their problems from (``workbook("slug")`` in the setup cell)."""
    votes: Counter[str] = Counter()
    for sub in submissions:
        if sub.path is None or not _is_notebook(sub.path):
            continue
        try:
            text = sub.path.read_text(encoding="utf-8", errors="replace")[:2_000_000]
        except OSError:
            continue
        votes.update(notebook_lessons(text))
        if match := re.match(r"(\d\d)-", sub.path.name):
            votes[match.group(1)] += 1
    return votes.most_common(1)[0][0] if votes else None
