"""Timeline charts for lessons 02 and 17: dated milestones as Gantt-like bars.

The layout uses fixed margins (no constrained layout), so a widget can redraw
it quickly.

>>> import pandas as pd
>>> rows = pd.DataFrame({"milestone": ["Study", "Eligible for RHIT"], "kind": ["study", "eligible"],
...                      "start": pd.to_datetime(["2026-09-01"] * 2), "date": pd.to_datetime(["2028-09-01"] * 2)})
>>> fig = timeline(rows, "Source: example")
>>> fig.axes[0].get_xlabel()
'Date (month and year)'
"""
from __future__ import annotations

import textwrap
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .base import (_SOURCE_COLOUR, _SOURCE_SIZE, _WIDTH, PALETTE, CourseFigure, _check_frame, _label_axes, _note,
                   _record_values)

__all__ = ["timeline", "KIND_COLOURS"]

#: Bar color for each kind of milestone (Okabe-Ito).
KIND_COLOURS: dict[str, str] = {
    "study": PALETTE["blue"], "job-ready": PALETTE["bluish_green"], "eligible": PALETTE["orange"],
    "exam": PALETTE["reddish_purple"], "work": PALETTE["sky_blue"], "other": PALETTE["grey"],
}
_KIND_NAMES = {"study": "Study", "job-ready": "Until job-ready", "eligible": "Until eligible for an exam",
               "exam": "Exam window", "work": "Work experience", "other": "Other"}
_ROW_IN, _TOP_IN, _BOTTOM_IN, _LEFT_IN = 0.36, 0.55, 0.95, 3.1


def _fmt(stamp: pd.Timestamp) -> str:
    return stamp.strftime("%b %Y")


def timeline(milestones: pd.DataFrame, source: str, title: str = "Timeline: months to each milestone",
             label_column: str = "milestone", highlight: str | None = None) -> CourseFigure:
    """One horizontal bar per row, from ``start`` to ``date``, first row at the top.

    ``milestones`` needs ``start``, ``date``, ``kind`` and the ``label_column``; an optional
    ``earliest`` (earliest finish) shades the part of a bar that may not be needed; an
    optional ``path`` column lets ``highlight`` fade the rows of other paths. A row whose
    date is missing shows "date unknown" instead of a bar; a zero-length row a diamond.

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"milestone": ["Job-ready"], "kind": ["job-ready"],
    ...                      "start": [pd.Timestamp("2026-01-01")], "date": [pd.Timestamp("2027-01-01")]})
    >>> [t.get_text() for t in timeline(rows, "Source: x").axes[0].texts]
    ['Jan 2027 (12 months)']
    """
    t = _check_frame(milestones, ["start", "date", "kind", label_column], "timeline")
    if not isinstance(source, str) or not source.strip():
        raise ValueError("source must be a non-empty citation, e.g. helpers.data.cite('education_paths').")
    starts = pd.to_datetime(t["start"], errors="coerce")
    ends = pd.to_datetime(t["date"], errors="coerce")
    earliest = pd.to_datetime(t["earliest"], errors="coerce") if "earliest" in t else pd.Series(pd.NaT, index=t.index)
    paths = t["path"].astype(object) if "path" in t else pd.Series([None] * len(t))
    if highlight is not None and highlight not in set(paths):
        raise ValueError(f"timeline(): highlight={highlight!r} is not a path in the table.")
    n = len(t)
    height = _TOP_IN + _BOTTOM_IN + _ROW_IN * max(n, 2)
    fig = CourseFigure(figsize=(_WIDTH, height))
    source_lines = textwrap.wrap(" ".join(source.split()), int(_WIDTH * 72 / (_SOURCE_SIZE * 0.58)))
    source_in = 0.06 + len(source_lines) * _SOURCE_SIZE * 1.3 / 72
    height += source_in
    fig.set_size_inches(_WIDTH, height)
    fig.subplots_adjust(left=_LEFT_IN / _WIDTH, right=0.97, top=1 - _TOP_IN / height,
                        bottom=(_BOTTOM_IN + source_in) / height)
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    known = starts.notna() & ends.notna()
    first = starts[known].min() if known.any() else pd.Timestamp.today().normalize()
    last = ends[known].max() if known.any() else first
    span_days = max((last - first).days, 180)
    kinds_seen: list[str] = []
    shown: list[tuple[int, str]] = []  # (row, the end label) for the chart's description
    for y, i in enumerate(t.index):
        kind = str(t.at[i, "kind"]) if str(t.at[i, "kind"]) in KIND_COLOURS else "other"
        colour = KIND_COLOURS[kind]
        alpha = 1.0 if highlight is None or paths[i] == highlight else 0.35
        if not known[i]:
            _note(ax, mdates.date2num(first), y, "date unknown")
            continue
        if kind not in kinds_seen:
            kinds_seen.append(kind)
        s, e = starts[i], ends[i]
        months = (e.year - s.year) * 12 + (e.month - s.month)
        x0, x1 = mdates.date2num(s), mdates.date2num(e)
        if x1 <= x0:
            ax.plot([x0], [y], marker="D", color=colour, alpha=alpha, markersize=8, zorder=3, linestyle="none")
            offset = (e.year - first.year) * 12 + (e.month - first.month)
            label = f"{_fmt(e)} (at the start)" if offset <= 0 else f"{_fmt(e)} (month {offset})"
        else:
            soon = earliest[i]
            if pd.notna(soon) and s < soon < e:
                xs = mdates.date2num(soon)
                ax.barh(y, xs - x0, left=x0, height=0.6, color=colour, alpha=alpha, zorder=2)
                ax.barh(y, x1 - xs, left=xs, height=0.6, color=colour, alpha=alpha * 0.35, zorder=2,
                        hatch="//", edgecolor="white", linewidth=0)
                label = f"{_fmt(soon)}–{_fmt(e)} ({(soon.year - s.year) * 12 + soon.month - s.month}–{months} mo)"
            else:
                ax.barh(y, x1 - x0, left=x0, height=0.6, color=colour, alpha=alpha, zorder=2)
                label = f"{_fmt(e)} ({months} months)" if months != 1 else f"{_fmt(e)} (1 month)"
        shown.append((y, label))
        ax.text(x1 + span_days * 0.01, y, label, va="center", fontsize=8.5, parse_math=False,
                fontweight="bold" if highlight is not None and paths[i] == highlight else "normal")
    labels = [str(v) if pd.notna(v) else "unknown" for v in t[label_column]]
    _record_values(ax, [labels[y] for y, _ in shown], [text for _, text in shown], [float(y) for y, _ in shown],
                   kind="steps")
    ax.set_yticks(range(n), ["\n".join(textwrap.wrap(lab, 44)) or lab for lab in labels], fontsize=8.5,
                  parse_math=False)
    ax.set_ylim(n - 0.4, -0.6)
    left = mdates.date2num(first - pd.DateOffset(months=1))
    ax.set_xlim(left, mdates.date2num(last) + (span_days + 31) * 0.6)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.tick_params(axis="x", labelsize=8.5)
    ax.grid(axis="x", color="#dddddd", zorder=0)
    if not known.any():
        _note(ax, 0.5, 0.5, "no dates to show (all unknown)", transform=ax.transAxes, ha="center")
    handles = [Patch(color=KIND_COLOURS[k], label=_KIND_NAMES[k]) for k in kinds_seen]
    if "earliest" in t and (earliest.notna() & (earliest < ends)).any():
        handles.append(Patch(facecolor="#cccccc", hatch="//", edgecolor="white", label="Range: may finish sooner"))
    if handles:
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.01, (source_in + 0.12) / height), ncol=len(handles),
                   fontsize=8.5, frameon=False, borderaxespad=0)
    fig.text(0.01, 0.04 / height, "\n".join(source_lines), ha="left", va="bottom",
             fontsize=_SOURCE_SIZE, color=_SOURCE_COLOUR, parse_math=False, gid="source")
    _label_axes(ax, title, "Date (month and year)", "Milestone")
    axes_in = _WIDTH * (0.97 - _LEFT_IN / _WIDTH)
    ax.title.set_x((0.12 - _LEFT_IN) / axes_in)  # from the figure's left edge, so long titles fit
    return fig
