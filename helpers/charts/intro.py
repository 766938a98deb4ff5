"""Charts of lessons 00 and 01: the course map and the skills profile.

>>> from helpers.data import load, cite
>>> course_map(load("lessons"), cite("lessons")).axes[0].get_xlabel()
'Minutes'
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .base import (PALETTE, CourseFigure, _check_frame, _floats, _label_axes,
                   _legend_below, _new_figure, _note, _text, _wrap)

__all__ = ["skills_profile", "course_map"]


def skills_profile(skills: Sequence[str], ratings: Sequence[Any], source: str,
                   target: int = 3) -> CourseFigure:
    """Your self-ratings (0-5) per skill; bars below ``target`` in orange, at or above in blue.

    A missing rating (None) is shown as "not rated".

    >>> fig = skills_profile(["Coding", "Privacy"], [2, 4], "Source: your ratings")
    >>> [round(p.get_width()) for p in fig.axes[0].patches]
    [2, 4]
    """
    skills = [_text(s) for s in skills]
    scores = _floats(ratings, "ratings")
    if len(skills) != len(scores):
        raise ValueError(f"skills_profile(): {len(skills)} skills but {len(scores)} ratings; "
                         "give one rating per skill.")
    if not skills:
        raise ValueError("skills_profile(): no skills given, so there is nothing to draw.")
    for s, r in zip(skills, scores):
        if not np.isnan(r) and (r < 0 or r > 5 or not float(r).is_integer()):
            raise ValueError(f"skills_profile(): the rating for {s!r} is {r:g}; "
                             "ratings are whole numbers 0 to 5.")
    if not (0 <= target <= 5):
        raise ValueError(f"skills_profile(): target={target!r}; it must be between 0 and 5.")
    below, above = PALETTE["orange"], PALETTE["blue"]
    fig, ax = _new_figure(2.4 + 0.38 * len(skills), source)
    y = np.arange(len(skills))
    rated = ~np.isnan(scores)
    ax.barh(y[rated], scores[rated], height=0.65, zorder=2,
            color=[below if r < target else above for r in scores[rated]])
    for yi, r in zip(y, scores):
        if np.isnan(r):
            _note(ax, 0.06, yi, "not rated")
        else:
            ax.text(r + 0.06, yi, f"{r:.0f}", va="center", fontsize=9)
    ax.axvline(target, color=PALETTE["black"], ls="--", lw=1.2, zorder=3)
    _legend_below(ax, [Patch(color=below, label=f"Below target ({target})"),
                       Patch(color=above, label="At or above target"),
                       Line2D([], [], color=PALETTE["black"], ls="--", label=f"Target: {target}")])
    ax.set_yticks(y, [_wrap(s, 36) for s in skills], parse_math=False)
    ax.set_ylim(len(skills) - 0.4, -0.6)
    ax.set_xlim(0, 5.6)
    ax.set_xticks(range(6))
    ax.grid(axis="x", color="#dddddd", zorder=0)
    _label_axes(ax, "Your skills profile", "Your rating (0 = not yet, 5 = confident)", "Skill")
    return fig


def course_map(lessons: pd.DataFrame, source: str) -> CourseFigure:
    """Reading and exercise minutes per lesson, lesson 00 at the top; lessons to come are hatched.

    >>> from helpers.data import load, cite
    >>> fig = course_map(load("lessons"), cite("lessons"))
    >>> fig.axes[0].get_yticklabels()[0].get_text()
    '00 Start here'
    """
    t = _check_frame(lessons, ["number", "title", "minutes_reading", "minutes_exercises", "available"],
                     "course_map")
    reading = _floats(t["minutes_reading"], "minutes_reading")
    exercises = _floats(t["minutes_exercises"], "minutes_exercises")
    ready = [bool(v) if not pd.isna(v) else False for v in t["available"]]
    names = [f"{_text(n, '??')} {_text(title)}" + ("" if ok else " (coming)")
             for n, title, ok in zip(t["number"], t["title"], ready)]
    fig, ax = _new_figure(2.4 + 0.36 * len(t), source)
    y = np.arange(len(t))
    style = [{"alpha": 1.0 if ok else 0.35, "hatch": None if ok else "///"} for ok in ready]
    bar = {"height": 0.65, "edgecolor": "white", "lw": 0.5, "zorder": 2}
    for yi, r, e, st in zip(y, np.nan_to_num(reading), np.nan_to_num(exercises), style):
        ax.barh(yi, r, color=PALETTE["blue"], **bar, **st)
        ax.barh(yi, e, left=r, color=PALETTE["orange"], **bar, **st)
    total = np.nansum(np.vstack([reading, exercises]), axis=0)
    span = max(np.nanmax(total), 1.0)
    for yi, r, e, tot in zip(y, reading, exercises, total):
        if np.isnan(r) and np.isnan(e):
            _note(ax, 0.01 * span, yi, "minutes unknown")
        else:
            unknown = " + unknown" if np.isnan(r) or np.isnan(e) else ""
            ax.text(tot + 0.01 * span, yi, f"{tot:.0f} min{unknown}", va="center", fontsize=8.5)
    ax.set_yticks(y, names, parse_math=False)
    for tick, ok in zip(ax.get_yticklabels(), ready):
        tick.set_color(PALETTE["black"] if ok else "#666666")
    ax.set_ylim(len(t) - 0.4, -0.6)
    ax.set_xlim(0, span * 1.22)
    ax.grid(axis="x", color="#dddddd", zorder=0)
    _legend_below(ax, [Patch(color=PALETTE["blue"], label="Reading"),
                       Patch(color=PALETTE["orange"], label="Exercises"),
                       Patch(fc="white", ec=PALETTE["grey"], hatch="///", label="Lesson coming later")])
    _label_axes(ax, "Course map: time per lesson", "Minutes", "Lesson")
    return fig
