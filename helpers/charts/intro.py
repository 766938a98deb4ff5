"""Charts of lessons 00 and 01: the course map and the skills profile.

>>> from helpers.data import load, cite
>>> course_map(load("lessons"), cite("lessons")).axes[0].get_xlabel()
'Minutes'
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .base import (_DPI, PALETTE, CourseFigure, Picture, smallest_text_px, _check_frame, _floats, _label_axes,
                   _legend_below, _new_figure, _note, _text, _wrap)

__all__ = ["skills_profile", "SkillsProfileRenderer", "course_map"]


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


class SkillsProfileRenderer:
    """The skills profile as PNG bytes, redrawn fast for a widget that changes one rating at a time.

    Drawing :func:`skills_profile` from scratch takes a few hundred milliseconds,
    mostly laying out and drawing text that never changes (tick labels, title,
    legend, source line). This draws that chart once, keeps the layout, saves
    the static parts as pixels, and on each call only moves the bars, recolors
    them, rewrites the numbers and draws those over the saved pixels. The
    picture is the same, pixel for pixel, as ``to_png(skills_profile(...), dpi)``
    (the tests check this).

    >>> r = SkillsProfileRenderer(["Coding", "Privacy"], "Source: your ratings")
    >>> r.png([2, 4])[:4]
    b'\\x89PNG'
    """

    def __init__(self, skills: Sequence[str], source: str, target: int = 3, dpi: int = _DPI):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.skills, self.target, self.dpi = [_text(s) for s in skills], target, dpi
        self.figure = skills_profile(self.skills, [0] * len(self.skills), source, target=target)
        self.figure.set_dpi(dpi)
        self._canvas = FigureCanvasAgg(self.figure)
        ax = self.figure.axes[0]
        self._bars, self._numbers = list(ax.patches), list(ax.texts)
        # What can overlap a bar is redrawn with it, in the order the axes itself draws
        # (by zorder): bars, the left spine, the numbers, the dashed target line.
        moving = {id(a) for a in self._bars + self._numbers + list(ax.spines.values()) + list(ax.lines)}
        self._dynamic = [a for a in sorted(ax.get_children(), key=lambda a: a.get_zorder()) if id(a) in moving]
        self._shared = [a for a in self._dynamic if id(a) not in {id(b) for b in self._bars + self._numbers}]
        for artist in self._dynamic:
            artist.set_animated(True)  # left out of full draws
        self._canvas.draw()  # constrained layout runs once, here; the positions then stay fixed
        self.figure.set_layout_engine("none")
        self._background = self._canvas.copy_from_bbox(self.figure.bbox)
        self._bands = [self._band(ax, i) for i in range(len(self.skills))]
        self._shown: list[int] | None = None  # the ratings currently drawn on the canvas

    @staticmethod
    def _band(ax: Any, i: int) -> Any:
        """Whole-pixel box around row ``i`` (half-way to its neighbours), across the axes."""
        from matplotlib.transforms import Bbox

        (_, y0), (_, y1) = ax.transData.transform([(0, i - 0.5), (0, i + 0.5)])
        x0, x1 = ax.bbox.x0, ax.bbox.x1
        return Bbox.from_extents(np.floor(x0) - 1, np.ceil(min(y0, y1)), np.ceil(x1) + 1, np.floor(max(y0, y1)))

    def picture(self, ratings: Sequence[int]) -> Picture:
        """The chart for ``ratings`` with its description (see :class:`helpers.charts.Picture`)."""
        png = self.png(ratings)
        below = [s for s, r in zip(self.skills, self._shown or []) if r < self.target]
        alt = (f"Chart: your skills profile, {len(self.skills)} skills rated 0 to 5 against a target of "
               f"{self.target}; {len(below)} below target" + (f": {', '.join(below)}." if below else "."))
        return Picture(png, alt, smallest_text_px(self.figure, self.dpi))

    def png(self, ratings: Sequence[int]) -> bytes:
        """The chart for ``ratings`` (whole numbers 0-5, one per skill) as PNG bytes."""
        values = tuple(ratings)
        if len(values) != len(self.skills):
            raise ValueError(f"SkillsProfileRenderer.png(): {len(self.skills)} skills but {len(values)} "
                             "ratings; give one rating per skill.")
        for skill, r in zip(self.skills, values):
            if isinstance(r, bool) or not isinstance(r, (int, np.integer)) or not 0 <= r <= 5:
                raise ValueError(f"SkillsProfileRenderer.png(): the rating for {skill!r} is {r!r}; "
                                 "ratings are whole numbers 0 to 5.")
        new = [int(r) for r in values]
        below, above = PALETTE["orange"], PALETTE["blue"]
        for bar, number, r in zip(self._bars, self._numbers, new):
            bar.set_width(r)
            bar.set_facecolor(below if r < self.target else above)
            number.set_x(r + 0.06)
            number.set_text(f"{r:.0f}")
        ax = self.figure.axes[0]
        changed = [i for i, r in enumerate(new) if self._shown is None or self._shown[i] != r]
        if self._shown is None or len(changed) > 3:
            self._canvas.restore_region(self._background)
            for artist in self._dynamic:
                ax.draw_artist(artist)
        else:
            # A slider moved: only its row changes. Restore that row's pixels and redraw,
            # clipped to the row, what lies in it; the other rows are already right.
            for i in changed:
                band = self._bands[i]
                # The saved pixels count y from the top, and Agg's clip box stops one row short
                # of the restored box: restore exactly the rows the clipped drawing covers.
                top = self._canvas.get_width_height()[1] - band.y1
                self._canvas.restore_region(self._background, xy=(0, 0),  # xy: where the copy's corner goes
                                            bbox=(band.x0, top, band.x1, top + band.height - 1))
                row = {id(self._bars[i]), id(self._numbers[i])}
                for artist in self._dynamic:
                    if id(artist) in row or artist in self._shared:
                        clip = artist.get_clip_box()
                        artist.set_clip_box(band if clip is None else type(band).intersection(band, clip))
                        ax.draw_artist(artist)
                        artist.set_clip_box(clip)
        self._shown = new
        # The figure is opaque white, so RGB holds everything; level 1 compresses about
        # three times faster than the default and the file is only slightly larger.
        from PIL import Image

        rgb = Image.frombuffer("RGBA", self._canvas.get_width_height(), self._canvas.buffer_rgba(),
                               "raw", "RGBA", 0, 1).convert("RGB")
        buffer = io.BytesIO()
        rgb.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


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
