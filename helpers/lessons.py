"""The course map: each lesson's number, stable id (slug), title and files.

A lesson's *number* says where it stands in the course and may change when
lessons are added; its *slug* never changes. Anything saved for a learner
(progress, grades) is keyed by the slug. Functions here accept either.

>>> slug("13")
'healthcare-statistics'
>>> number("healthcare-statistics"), number(13)
('13', '13')
>>> lesson("capstone")["notebook"]
'19-capstone.ipynb'
"""
from __future__ import annotations

import functools
import re
from typing import Any

__all__ = ["lesson", "slug", "number", "available", "all_lessons", "LEGACY_NUMBERS"]

#: The lesson numbers of the first, fifteen-lesson edition of the course (before November 2026)
#: and the slugs they stood for. Used only to read progress files written under those numbers.
LEGACY_NUMBERS = {
    "00": "start-here", "01": "the-role", "02": "education-pathways", "03": "certifications",
    "04": "medical-terminology", "05": "coding-systems", "06": "ehr-data-quality", "07": "privacy-and-release",
    "08": "auditing-and-mpi", "09": "healthcare-statistics", "10": "first-job", "11": "pay-and-outlook",
    "12": "advancing", "13": "career-plan", "14": "capstone",
}


@functools.lru_cache(maxsize=1)
def _rows() -> tuple[dict[str, Any], ...]:
    from . import data

    table = data.load("lessons")
    return tuple({key: (None if value is None or value != value else value) for key, value in row.items()}
                 for row in table.astype(object).to_dict("records"))


def all_lessons() -> list[dict[str, Any]]:
    """Every lesson of the course map, in order, as dictionaries (copies)."""
    return [dict(row) for row in _rows()]


def lesson(which: str | int) -> dict[str, Any]:
    """The course-map row of a lesson given by number (``"13"``, ``13``) or slug."""
    text = str(which).strip()
    if re.fullmatch(r"\d{1,2}", text):
        key, text = "number", text.zfill(2)
    else:
        key, text = "slug", text.lower()
    for row in _rows():
        if row[key] == text:
            return dict(row)
    first, last = _rows()[0], _rows()[-1]
    raise ValueError(f"There is no lesson {which!r}. Give a lesson number from {first['number']} to "
                     f"{last['number']}, or a lesson id such as {first['slug']!r}.")


def slug(which: str | int) -> str:
    """The stable id of a lesson given by number or slug."""
    return str(lesson(which)["slug"])


def number(which: str | int) -> str:
    """The two-digit number of a lesson given by number or slug."""
    return str(lesson(which)["number"])


def available(which: str | int) -> bool:
    """Whether a lesson is published (its notebook exists)."""
    return bool(lesson(which)["available"])
