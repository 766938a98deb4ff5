"""Course pacing and the skills self-assessment (lessons 00 and 01).

>>> weeks_to_finish(600, 3)
4
"""
from __future__ import annotations

import math
from collections.abc import Mapping

__all__ = [
    "RATING_MIN",
    "RATING_MAX",
    "parse_hours",
    "weeks_to_finish",
    "course_minutes",
    "skill_summary",
]

RATING_MIN, RATING_MAX = 0, 5
_HOURS_IN_A_WEEK = 168


def parse_hours(text: str | float | int, goal: str = "the course") -> float:
    """Read a number of hours per week typed by a learner.

    Accepts ``"3"``, ``"4.5"``, ``" 2 hours "`` and plain numbers; rejects
    anything that is not a positive number of hours that fits in a week.
    ``goal`` names what the hours are for in the message about zero hours.

    >>> parse_hours(" 4.5 hours")
    4.5
    >>> parse_hours("lots")
    Traceback (most recent call last):
    ...
    ValueError: 'lots' is not a number of hours. Type a number such as 3 or 4.5.
    """
    if isinstance(text, bool):
        raise ValueError("Type a number of hours such as 3 or 4.5.")
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        cleaned = str(text).strip().lower()
        for word in ("hours", "hour", "hrs", "hr", "h"):
            if cleaned.endswith(word):
                cleaned = cleaned[: -len(word)].strip()
                break
        cleaned = cleaned.replace(",", ".")
        if not cleaned:
            raise ValueError("The box is empty. Type how many hours a week you can study, such as 3.")
        try:
            value = float(cleaned)
        except ValueError:
            raise ValueError(f"{str(text).strip()!r} is not a number of hours. Type a number such as 3 or 4.5.") from None
    if math.isnan(value) or math.isinf(value):
        raise ValueError("Type a finite number of hours such as 3 or 4.5.")
    if value <= 0:
        raise ValueError(f"{value:g} hours a week would never finish {goal}. Type a number above 0.")
    if value > _HOURS_IN_A_WEEK:
        raise ValueError(f"A week has only {_HOURS_IN_A_WEEK} hours; {value:g} is more than that.")
    return value


def weeks_to_finish(total_minutes: float, hours_per_week: float) -> int:
    """Whole weeks needed to study ``total_minutes`` at ``hours_per_week``.

    >>> weeks_to_finish(61, 1)
    2
    >>> weeks_to_finish(0, 5)
    0
    """
    if total_minutes < 0:
        raise ValueError(f"Study time cannot be negative (got {total_minutes} minutes).")
    hours = parse_hours(hours_per_week)
    return math.ceil(total_minutes / (hours * 60))


def course_minutes(lessons, available_only: bool = False) -> int:
    """Total reading and exercise minutes of the lessons table.

    ``lessons`` is the ``lessons`` course table (see ``helpers.data``).

    >>> import pandas as pd
    >>> lessons = pd.DataFrame({"minutes_reading": [20, 40], "minutes_exercises": [0, 25],
    ...                         "available": [True, False]})
    >>> course_minutes(lessons), course_minutes(lessons, available_only=True)
    (85, 20)
    """
    missing = {"minutes_reading", "minutes_exercises", "available"} - set(lessons.columns)
    if missing:
        raise ValueError(f"The lessons table needs the column(s) {sorted(missing)}.")
    rows = lessons[lessons["available"].fillna(False).astype(bool)] if available_only else lessons
    return int(rows["minutes_reading"].fillna(0).sum() + rows["minutes_exercises"].fillna(0).sum())


def skill_summary(ratings: Mapping[str, int], target: int = 3) -> dict:
    """Sort a self-assessment into strengths and skills to build.

    ``ratings`` maps each skill to a whole number from 0 (not yet) to 5
    (confident). Skills rated at or above ``target`` are strengths.

    >>> s = skill_summary({"Organization": 4, "Medical coding": 1})
    >>> s["strengths"], s["to_build"], s["average"]
    (['Organization'], ['Medical coding'], 2.5)
    """
    if not ratings:
        raise ValueError("There are no ratings to summarize yet: rate at least one skill.")
    if not RATING_MIN <= target <= RATING_MAX:
        raise ValueError(f"The target must be between {RATING_MIN} and {RATING_MAX}; got {target}.")
    for skill, value in ratings.items():
        if isinstance(value, bool) or not isinstance(value, int) or not RATING_MIN <= value <= RATING_MAX:
            raise ValueError(
                f"The rating for {skill!r} must be a whole number from {RATING_MIN} to {RATING_MAX}; got {value!r}."
            )
    # Highest first for strengths, lowest first for the skills to build; ties keep the given order.
    strengths = sorted((s for s, v in ratings.items() if v >= target), key=lambda s: -ratings[s])
    to_build = sorted((s for s, v in ratings.items() if v < target), key=lambda s: ratings[s])
    return {
        "strengths": strengths,
        "to_build": to_build,
        "average": round(sum(ratings.values()) / len(ratings), 2),
    }
