"""Charts for the course: each function takes data and returns a figure.

Every chart has a title, labelled axes with units and a source line at the
bottom, and uses the colour-blind-safe Okabe-Ito palette (:data:`PALETTE`).
Figures are made with :class:`matplotlib.figure.Figure`, never with
``matplotlib.pyplot``, so nothing global changes and no figure is left open.
A notebook cell that ends with a chart call shows the picture
(:class:`CourseFigure` knows how to draw itself as a PNG); widgets use
:func:`to_png`.

>>> from helpers.data import load, cite
>>> fig = salary_ladder(load("career_ladder"), cite("career_ladder"))
>>> fig.axes[0].get_xlabel()
'Annual salary (US$)'
>>> to_png(fig)[:4]
b'\\x89PNG'
"""
from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import ScaledTranslation
from matplotlib.ticker import FuncFormatter, MaxNLocator

__all__ = [
    "PALETTE", "CourseFigure", "to_png", "money", "salary_ladder", "wage_trend", "bars",
    "skills_profile", "course_map", "growth_projections",
]

#: Okabe-Ito colours (Okabe & Ito 2008), safe for the common kinds of colour blindness.
PALETTE: dict[str, str] = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
_SERIES = ["blue", "vermillion", "bluish_green", "reddish_purple", "orange", "sky_blue", "black"]
_MARKERS = ["o", "s", "D", "^", "v", "P", "X"]
_SOURCE_COLOUR, _SOURCE_SIZE = "#555555", 7.5
_WIDTH = 9.0  # inches; every chart uses the same width so they line up in a notebook


class CourseFigure(Figure):
    """A matplotlib Figure that Jupyter shows as a PNG without pyplot.

    >>> fig = CourseFigure(figsize=(2, 1))
    >>> fig._repr_png_()[:4]
    b'\\x89PNG'
    """

    def _repr_png_(self) -> bytes:
        return to_png(self)


def to_png(fig: Figure, dpi: int = 100) -> bytes:
    """The figure as PNG bytes (for ``ipywidgets.Image(value=...)`` or saving to a file).

    >>> to_png(CourseFigure(figsize=(1, 1)), dpi=50)[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
    return buffer.getvalue()


def money(value: float, _pos: Any = None) -> str:
    """A dollar amount in thousands, as on the money axes: ``$35k``.

    >>> money(35000), money(2500), money(0)
    ('$35k', '$2.5k', '$0')
    """
    if value == 0:
        return "$0"
    sign = "-" if value < 0 else ""
    k = abs(value) / 1000
    return f"{sign}${k:,.0f}k" if float(k).is_integer() else f"{sign}${k:,.1f}k"


# -- shared pieces --------------------------------------------------------------------------
def _check_frame(frame: Any, required: Sequence[str], chart: str) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{chart}() needs a pandas DataFrame, got {type(frame).__name__}.")
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{chart}(): the table is missing column(s) {missing}; it has {list(frame.columns)}."
        )
    if frame.empty:
        raise ValueError(f"{chart}(): the table is empty (no rows), so there is nothing to draw.")
    return frame.reset_index(drop=True)


def _floats(values: Any, what: str) -> np.ndarray:
    """Numbers as a float array, missing values (None, NA, NaN) as NaN."""
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    try:
        numbers = pd.to_numeric(series.astype(object).where(series.notna(), np.nan))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what} must be numbers ({exc}).") from None
    return np.asarray(numbers, dtype=float)


def _text(value: Any, missing: str = "unknown") -> str:
    return missing if value is None or pd.isna(value) else str(value)


def _new_figure(height: float, source: str) -> tuple[CourseFigure, Any]:
    """A figure with one axes and the source line at the bottom, with room kept for it."""
    if not isinstance(source, str) or not source.strip():
        raise ValueError("source must be a non-empty citation, e.g. helpers.data.cite('bls_wages').")
    fig = CourseFigure(figsize=(_WIDTH, height), layout="constrained")
    lines = textwrap.wrap(" ".join(source.split()), width=int(_WIDTH * 72 / (_SOURCE_SIZE * 0.52)))
    # A figure-level x label, so constrained layout keeps room for it below everything else.
    fig.supxlabel("\n".join(lines), x=0.01, ha="left", fontsize=_SOURCE_SIZE, color=_SOURCE_COLOUR,
                  parse_math=False, gid="source")
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _label_axes(ax: Any, title: str, xlabel: str, ylabel: str) -> None:
    # The centre title (what ax.get_title() returns), aligned with the left edge of the axes.
    ax.set_title(title, fontsize=12, fontweight="bold", parse_math=False, x=0.0, ha="left")
    ax.set_xlabel(xlabel, parse_math=False)
    ax.set_ylabel(ylabel, parse_math=False)


def _legend_below(ax: Any, handles: list[Any]) -> None:
    """A one-row legend under the x-axis label (constrained layout makes room for it)."""
    below = ax.transAxes + ScaledTranslation(0, -42 / 72, ax.figure.dpi_scale_trans)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below,
              ncol=len(handles), fontsize=9, frameon=False)


def _wrap(label: str, width: int = 34) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _hbars(ax: Any, labels: list[str], values: np.ndarray, texts: list[str],
           colours: list[str], **bar_kw: Any) -> None:
    """Horizontal bars, first label at the top; NaN values get 'unknown' text instead of a bar."""
    y = np.arange(len(labels))
    known = ~np.isnan(values)
    ax.barh(y[known], values[known], color=[c for c, k in zip(colours, known) if k],
            height=0.65, zorder=2, **bar_kw)
    span = max(np.nanmax(np.abs(values)) if known.any() else 1.0, 1e-9)
    for yi, v, t, k in zip(y, values, texts, known):
        if k:
            ax.text(v + (0.01 if v >= 0 else -0.01) * span, yi, t, va="center", parse_math=False,
                    ha="left" if v >= 0 else "right", fontsize=9)
        else:
            ax.text(0.01 * span, yi, "unknown", va="center", ha="left", fontsize=9,
                    style="italic", color=_SOURCE_COLOUR)
    ax.set_yticks(y, [_wrap(lab) for lab in labels], parse_math=False)
    ax.set_ylim(len(labels) - 0.4, -0.6)  # first label at the top
    low = min(0.0, np.nanmin(values) * 1.2) if known.any() else 0.0
    ax.set_xlim(low, span * 1.2 if known.any() and np.nanmax(values) > 0 else span * 0.2)
    ax.axvline(0, color=PALETTE["black"], lw=0.8, zorder=3)
    ax.grid(axis="x", color="#dddddd", zorder=0)


# -- the charts -----------------------------------------------------------------------------
def salary_ladder(ladder: pd.DataFrame, source: str, highlight: int | None = None) -> CourseFigure:
    """Typical salary range of each career level, entry level at the bottom.

    Open-ended ranges fade out to the right and carry a "+" (``$75k–$100k+``):
    pay at that level can go higher. ``highlight`` is a ``step`` to emphasise.

    >>> from helpers.data import load, cite
    >>> fig = salary_ladder(load("career_ladder"), cite("career_ladder"), highlight=1)
    >>> fig.axes[0].get_title()
    'Career ladder: typical salary range at each level'
    """
    t = _check_frame(ladder, ["step", "level", "salary_low_usd", "salary_high_usd", "open_ended"],
                     "salary_ladder")
    t = t.sort_values("step", na_position="last", kind="stable").reset_index(drop=True)
    steps = _floats(t["step"], "step")
    if highlight is not None and highlight not in set(steps[~np.isnan(steps)].astype(int)):
        raise ValueError(f"highlight={highlight!r} is not a step in the ladder "
                         f"(steps: {sorted(set(steps[~np.isnan(steps)].astype(int)))}).")
    low, high = _floats(t["salary_low_usd"], "salary_low_usd"), _floats(t["salary_high_usd"], "salary_high_usd")
    is_open = [bool(v) if not pd.isna(v) else False for v in t["open_ended"]]
    top = np.nanmax(np.concatenate([low, high, [1.0]]))
    tail = 0.12 * top
    fig, ax = _new_figure(2.4 + 0.75 * len(t), source)
    for y, (s, lo, hi, op) in enumerate(zip(steps, low, high, is_open)):
        lit = highlight is None or s == highlight
        colour = PALETTE["vermillion"] if (highlight is not None and s == highlight) else PALETTE["blue"]
        alpha = 1.0 if lit else 0.45
        if np.isnan(lo) and np.isnan(hi):
            ax.text(0.01 * top, y, "salary unknown", va="center", fontsize=9, style="italic",
                    color=_SOURCE_COLOUR)
            continue
        if np.isnan(hi):  # only a lower bound: open at the top by definition
            hi, op, label = lo, True, f"{money(lo)}+"
        elif np.isnan(lo):
            lo, label = hi, f"up to {money(hi)}"
        else:
            label = f"{money(lo)}–{money(hi)}{'+' if op else ''}"
        if hi > lo:
            ax.barh(y, hi - lo, left=lo, height=0.55, color=colour, alpha=alpha, zorder=2)
        end = hi
        if op:  # a fading tail: the top of the range is open
            rgba = np.zeros((1, 64, 4))
            rgba[..., :3] = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
            rgba[..., 3] = np.linspace(0.85 * alpha, 0, 64)
            ax.imshow(rgba, extent=(hi, hi + tail, y - 0.275, y + 0.275), aspect="auto",
                      interpolation="bilinear", zorder=2)
            end = hi + tail
        ax.text(end + 0.01 * top, y, label, va="center", fontsize=10, parse_math=False,
                fontweight="bold" if highlight is not None and s == highlight else "normal")
    names = [f"{_text(s if np.isnan(s) else int(s), '?')}. {_text(lv)}" for s, lv in zip(steps, t["level"])]
    ax.set_yticks(range(len(t)), [_wrap(n, 30) for n in names])
    for tick, s in zip(ax.get_yticklabels(), steps):
        if highlight is not None and s == highlight:
            tick.set_fontweight("bold")
    ax.set_ylim(-0.6, len(t) - 0.4)
    ax.set_xlim(0, top + tail + 0.2 * top)
    ax.xaxis.set_major_formatter(FuncFormatter(money))
    ax.grid(axis="x", color="#dddddd", zorder=0)
    handles = [Patch(color=PALETTE["blue"], alpha=1.0 if highlight is None else 0.45, label="Typical salary range"),
               Patch(color=PALETTE["blue"], alpha=0.3, label="Open-ended (+): pay can go higher")]
    if highlight is not None:
        handles.insert(0, Patch(color=PALETTE["vermillion"], label=f"Step {highlight}"))
    _legend_below(ax, handles)
    _label_axes(ax, "Career ladder: typical salary range at each level", "Annual salary (US$)",
                "Career level (step)")
    return fig


def wage_trend(wages: pd.DataFrame, source: str) -> CourseFigure:
    """BLS median annual wage by year, one marker per occupation code, with 10th–90th percentiles.

    Points are joined only within the same ``soc_code``: BLS changed the occupation
    code in 2018, so numbers before and after are not the same series.

    >>> from helpers.data import load, cite
    >>> fig = wage_trend(load("bls_wages"), cite("bls_wages"))
    >>> fig.axes[0].get_ylabel()
    'Median annual wage (US$)'
    """
    t = _check_frame(wages, ["year", "median_annual_usd", "soc_code", "tag"], "wage_trend")
    year, median = _floats(t["year"], "year"), _floats(t["median_annual_usd"], "median_annual_usd")
    p10 = _floats(t["p10_annual_usd"], "p10") if "p10_annual_usd" in t else np.full(len(t), np.nan)
    p90 = _floats(t["p90_annual_usd"], "p90") if "p90_annual_usd" in t else np.full(len(t), np.nan)
    codes = [_text(c) for c in t["soc_code"]]
    tags = [_text(g, "?") for g in t["tag"]]
    keep = [i for i in np.argsort(year, kind="stable") if not (np.isnan(year[i]) or np.isnan(median[i]))]
    fig, ax = _new_figure(5.2, source)
    order = list(dict.fromkeys(codes[i] for i in keep))
    for n, code in enumerate(order):
        rows = [i for i in keep if codes[i] == code]
        colour, marker = PALETTE[_SERIES[n % len(_SERIES)]], _MARKERS[n % len(_MARKERS)]
        if len(rows) > 1:
            ax.plot(year[rows], median[rows], color=colour, lw=1.5, zorder=2)
        ax.scatter(year[rows], median[rows], s=60, marker=marker, color=colour, edgecolor="white",
                   zorder=4, label=f"Occupation code {code}")
    whisk = [i for i in keep if not (np.isnan(p10[i]) or np.isnan(p90[i]))]
    if whisk:
        ax.errorbar(year[whisk], median[whisk], yerr=[median[whisk] - p10[whisk], p90[whisk] - median[whisk]],
                    fmt="none", ecolor=PALETTE["grey"], elinewidth=1.5, capsize=5, zorder=3,
                    label="10th–90th percentile")
    raised = False
    for j, i in enumerate(keep):
        label = f"${median[i]:,.0f}\ntag {tags[i]}"
        box = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}
        if i in whisk:  # keep clear of the whisker and of a rising line: right of it, below
            ax.annotate(label, (year[i], median[i]), xytext=(7, -3), textcoords="offset points",
                        ha="left", va="top", fontsize=8, bbox=box, zorder=5, parse_math=False)
            continue
        close = j > 0 and year[i] - year[keep[j - 1]] < 1.6
        raised = close and not raised
        ax.annotate(label, (year[i], median[i]), xytext=(0, 30 if raised else 9),
                    textcoords="offset points", ha="center", va="bottom", fontsize=8, bbox=box,
                    zorder=5, parse_math=False, arrowprops={"arrowstyle": "-", "color": PALETTE["grey"], "lw": 0.6} if raised else None)
    if keep and year[keep].min() <= 2018 <= year[keep].max():
        ax.axvline(2018, color=PALETTE["black"], ls=":", lw=1, zorder=1)
        ax.text(2018.15, 0.98, "occupation code changed\n(29-2071 → 29-2072)", transform=ax.get_xaxis_transform(),
                ha="left", va="top", fontsize=8.5, color=PALETTE["black"])
    if not keep:
        ax.text(0.5, 0.5, "no wage values to show (all unknown)", transform=ax.transAxes, ha="center",
                style="italic", color=_SOURCE_COLOUR)
    else:
        top = np.nanmax(np.concatenate([median[keep], p90[keep]]))
        ax.set_ylim(0, top * 1.25)
        ax.set_xlim(year[keep].min() - 1, year[keep].max() + 1.8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(money))
    ax.grid(axis="y", color="#dddddd", zorder=0)
    ax.legend(loc="best", fontsize=9, frameon=True, framealpha=0.9)
    _label_axes(ax, "Median annual wage, medical records technicians", "Year (BLS reference period: May)",
                "Median annual wage (US$)")
    return fig


def bars(labels: Sequence[Any], values: Sequence[Any], *, title: str, xlabel: str, source: str,
         highlight: str | None = None, value_format: str | Callable[[float], str] = "${:,.0f}",
         ylabel: str | None = None) -> CourseFigure:
    """A horizontal bar chart in the order given (first label at the top), values at the bar ends.

    Missing values (None, NaN, NA) show "unknown" instead of a bar. ``highlight`` is a
    label to emphasise. A ``value_format`` with ``$`` gives a money axis ($35k).
    ``ylabel`` defaults to the name of ``labels`` if it is a named Series, else "Group".

    >>> fig = bars(["A", "B"], [30000, None], title="Pay", xlabel="Mean annual wage (US$)",
    ...            source="Source: example")
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['$30,000', 'unknown']
    """
    name = getattr(labels, "name", None)
    labels = [_text(lab) for lab in labels]
    numbers = _floats(values, "values")
    if len(labels) != len(numbers):
        raise ValueError(f"bars(): {len(labels)} labels but {len(numbers)} values; they must match one to one.")
    if not labels:
        raise ValueError("bars(): no labels or values, so there is nothing to draw.")
    if highlight is not None and highlight not in labels:
        raise ValueError(f"bars(): highlight={highlight!r} is not one of the labels {labels}.")
    fmt = value_format.format if isinstance(value_format, str) else value_format
    texts = [fmt(v) for v in numbers]
    colours = [PALETTE["vermillion"] if lab == highlight else PALETTE["blue"] for lab in labels]
    fig, ax = _new_figure(1.8 + 0.5 * len(labels), source)
    _hbars(ax, labels, numbers, texts, colours)
    if isinstance(value_format, str) and "$" in value_format:
        ax.xaxis.set_major_formatter(FuncFormatter(money))
    for tick, lab in zip(ax.get_yticklabels(), labels):
        tick.set_fontweight("bold" if lab == highlight else "normal")
    if ylabel is None:
        ylabel = str(name).replace("_", " ").capitalize() if name else "Group"
    _label_axes(ax, title, xlabel, ylabel)
    return fig


def skills_profile(skills: Sequence[str], ratings: Sequence[Any], source: str, target: int = 3) -> CourseFigure:
    """Your self-ratings (0-5) per skill; bars below ``target`` in orange, at or above in blue.

    A missing rating (None) is shown as "not rated".

    >>> fig = skills_profile(["Coding", "Privacy"], [2, 4], "Source: your ratings")
    >>> [round(p.get_width()) for p in fig.axes[0].patches]
    [2, 4]
    """
    skills = [_text(s) for s in skills]
    scores = _floats(ratings, "ratings")
    if len(skills) != len(scores):
        raise ValueError(f"skills_profile(): {len(skills)} skills but {len(scores)} ratings; give one rating per skill.")
    if not skills:
        raise ValueError("skills_profile(): no skills given, so there is nothing to draw.")
    for s, r in zip(skills, scores):
        if not np.isnan(r) and (r < 0 or r > 5 or not float(r).is_integer()):
            raise ValueError(f"skills_profile(): the rating for {s!r} is {r:g}; ratings are whole numbers 0 to 5.")
    if not (0 <= target <= 5):
        raise ValueError(f"skills_profile(): target={target!r}; it must be between 0 and 5.")
    below, above = PALETTE["orange"], PALETTE["blue"]
    fig, ax = _new_figure(2.4 + 0.38 * len(skills), source)
    y = np.arange(len(skills))
    rated = ~np.isnan(scores)
    ax.barh(y[rated], scores[rated], height=0.65, zorder=2,
            color=[below if r < target else above for r in scores[rated]])
    for yi, r in zip(y, scores):
        ax.text(0.06 if np.isnan(r) else r + 0.06, yi, "not rated" if np.isnan(r) else f"{r:.0f}",
                va="center", fontsize=9, style="italic" if np.isnan(r) else "normal",
                color=_SOURCE_COLOUR if np.isnan(r) else PALETTE["black"])
    ax.axvline(target, color=PALETTE["black"], ls="--", lw=1.2, zorder=3)
    _legend_below(ax, [Patch(color=below, label=f"Below target ({target})"),
                       Patch(color=above, label="At or above target"),
                       Line2D([], [], color=PALETTE["black"], ls="--", label=f"Target: {target}")])
    ax.set_yticks(y, [_wrap(s, 36) for s in skills])
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
    for yi, r, e, st in zip(y, np.nan_to_num(reading), np.nan_to_num(exercises), style):
        ax.barh(yi, r, height=0.65, color=PALETTE["blue"], edgecolor="white", lw=0.5, zorder=2, **st)
        ax.barh(yi, e, left=r, height=0.65, color=PALETTE["orange"], edgecolor="white", lw=0.5, zorder=2, **st)
    total = np.nansum(np.vstack([reading, exercises]), axis=0)
    span = max(np.nanmax(total), 1.0)
    for yi, r, e, tot in zip(y, reading, exercises, total):
        text = f"{tot:.0f} min" if not (np.isnan(r) or np.isnan(e)) else (
            "minutes unknown" if np.isnan(r) and np.isnan(e) else f"{tot:.0f} min + unknown")
        ax.text(tot + 0.01 * span, yi, text, va="center", fontsize=8.5,
                color=PALETTE["black"] if "unknown" not in text else _SOURCE_COLOUR)
    ax.set_yticks(y, names)
    for tick, ok in zip(ax.get_yticklabels(), ready):
        tick.set_color(PALETTE["black"] if ok else "#666666")
    ax.set_ylim(len(t) - 0.4, -0.6)
    ax.set_xlim(0, span * 1.22)
    ax.grid(axis="x", color="#dddddd", zorder=0)
    _legend_below(ax, [Patch(color=PALETTE["blue"], label="Reading"),
                       Patch(color=PALETTE["orange"], label="Exercises"),
                       Patch(facecolor="white", edgecolor=PALETTE["grey"], hatch="///", label="Lesson coming later")])
    _label_axes(ax, "Course map: time per lesson", "Minutes", "Lesson")
    return fig


def growth_projections(projections: pd.DataFrame, source: str) -> CourseFigure:
    """Projected ten-year employment growth (percent) for each BLS projection period.

    >>> from helpers.data import load, cite
    >>> fig = growth_projections(load("growth_projections"), cite("growth_projections"))
    >>> fig.axes[0].get_yticklabels()[0].get_text()
    '2019–29 (tag V)'
    """
    t = _check_frame(projections, ["start_year", "end_year", "growth_percent", "tag"], "growth_projections")
    t = t.sort_values("start_year", na_position="last", kind="stable").reset_index(drop=True)
    labels = []
    for start, end, tag in zip(t["start_year"], t["end_year"], t["tag"]):
        end_text = "?" if pd.isna(end) else str(int(end))[-2:]
        period = "period unknown" if pd.isna(start) else f"{int(start)}–{end_text}"
        labels.append(f"{period} (tag {_text(tag, '?')})")
    growth = _floats(t["growth_percent"], "growth_percent")
    jobs = _floats(t["jobs_added"], "jobs_added") if "jobs_added" in t else np.full(len(t), np.nan)
    texts = [f"{g:g}%" + ("" if np.isnan(j) else f"  (+{j:,.0f} jobs)") for g, j in zip(growth, jobs)]
    fig, ax = _new_figure(1.8 + 0.55 * len(t), source)
    _hbars(ax, labels, growth, texts, [PALETTE["bluish_green"]] * len(t))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:g}%"))
    _label_axes(ax, "Projected job growth over ten years", "Projected growth in employment (%)",
                "Projection period (verification tag)")
    return fig
