"""Charts of lesson 18 (exam readiness).

>>> from helpers.data import cite
>>> from helpers.exam import coverage
>>> fig = coverage_chart(coverage(), source=cite("exam_map"))
>>> fig.axes[0].get_xlabel()
'Share (%)'
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .base import PALETTE, CourseFigure, _check_frame, _floats, _label_axes, _legend_below, _new_figure, \
    _record_values, _wrap

__all__ = ["coverage_chart", "domain_scores_chart"]


def coverage_chart(table: pd.DataFrame, source: str) -> CourseFigure:
    """Each domain's share of the course's mapped items (bars) against the exam's weight range (shaded).

    ``table`` is :func:`helpers.exam.coverage` (columns ``name``, ``share``,
    ``weight_low``, ``weight_high``). A bar under its range is drawn in vermillion:
    the course covers that domain thinly.
    """
    table = _check_frame(table, ["name", "share", "weight_low", "weight_high"], "coverage_chart")
    share = _floats(table["share"], "share")
    low, high = _floats(table["weight_low"], "weight_low"), _floats(table["weight_high"], "weight_high")
    labels = [str(n) for n in table["name"]]
    fig, ax = _new_figure(0.75 * len(labels) + 2.2, source)
    y = np.arange(len(labels))
    for yi, lo, hi in zip(y, low, high):
        ax.fill_betweenx([yi - 0.42, yi + 0.42], lo, hi, color=PALETTE["orange"], alpha=0.3, zorder=1)
    thin = share < low
    colours = [PALETTE["vermillion"] if t else PALETTE["blue"] for t in thin]
    ax.barh(y, share, height=0.5, color=colours, zorder=2)
    texts = [f"{s:.0f}% of the course (exam {lo:g}-{hi:g}%)" + (": thin" if t else "")
             for s, lo, hi, t in zip(share, low, high, thin)]
    span = max(float(np.nanmax(np.r_[share, high])), 1.0)
    for yi, s, hi, t in zip(y, share, high, texts):  # to the right of both the bar and the range
        ax.text(max(s, hi) + 0.01 * span, yi, t, va="center", fontsize=9, parse_math=False, zorder=3)
    ax.set_yticks(y, [_wrap(lab, 30) for lab in labels], parse_math=False)
    ax.set_ylim(len(labels) - 0.4, -0.6)
    ax.set_xlim(0, span * 1.9)
    ax.grid(axis="x", color="#dddddd", zorder=0)
    _record_values(ax, labels, texts, share)
    _legend_below(ax, [Patch(color=PALETTE["blue"], label="Course's share"),
                       Patch(color=PALETTE["vermillion"], label="Under the exam's range"),
                       Patch(color=PALETTE["orange"], alpha=0.4, label="Exam's weight range")])
    _label_axes(ax, "What the course teaches, by RHIT exam domain", "Share (%)", "Exam domain")
    return fig


def domain_scores_chart(by_domain: pd.DataFrame, source: str) -> CourseFigure:
    """Percent right per domain in a practice exam (``ExamReport.by_domain``), with the count asked."""
    table = _check_frame(by_domain, ["name", "questions", "correct", "percent"], "domain_scores_chart")
    pct = _floats(table["percent"], "percent")
    labels = [str(n) for n in table["name"]]
    fig, ax = _new_figure(0.6 * len(labels) + 2.0, source)
    y = np.arange(len(labels))
    ax.barh(y, pct, height=0.6, color=PALETTE["blue"], zorder=2)
    texts = [f"{c} of {q} right ({p:.0f}%)" for c, q, p in zip(table["correct"], table["questions"], pct)]
    for yi, p, t in zip(y, pct, texts):
        ax.text(p + 1, yi, t, va="center", fontsize=9, parse_math=False)
    ax.set_yticks(y, [_wrap(lab, 30) for lab in labels], parse_math=False)
    ax.set_ylim(len(labels) - 0.4, -0.6)
    ax.set_xlim(0, 140)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.grid(axis="x", color="#dddddd", zorder=0)
    _record_values(ax, labels, texts, pct)
    _label_axes(ax, "Your practice exam, by domain", "Questions answered right (%)", "Exam domain")
    return fig
