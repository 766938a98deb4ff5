"""Career charts: the salary ladder, BLS wages over time, growth projections, generic bars.

>>> from helpers.data import load, cite
>>> fig = salary_ladder(load("career_ladder"), cite("career_ladder"))
>>> fig.axes[0].get_xlabel()
'Annual salary (US$)'
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .base import (PALETTE, CourseFigure, _MARKERS, _SERIES, _check_frame, _floats, _hbars, _label_axes,
                   _legend_below, _new_figure, _note, _record_values, _text, _wrap, money)

__all__ = ["salary_ladder", "wage_trend", "bars", "growth_projections"]


def salary_ladder(ladder: pd.DataFrame, source: str, highlight: int | None = None) -> CourseFigure:
    """Typical salary range of each career level, entry level at the bottom.

    Open-ended ranges fade out to the right and carry a "+" (``$75k–$100k+``):
    pay at that level can go higher. ``highlight`` is a ``step`` to emphasize.

    >>> from helpers.data import load, cite
    >>> fig = salary_ladder(load("career_ladder"), cite("career_ladder"), highlight=1)
    >>> fig.axes[0].get_title()
    'Career ladder: typical salary range at each level'
    """
    t = _check_frame(ladder, ["step", "level", "salary_low_usd", "salary_high_usd", "open_ended"],
                     "salary_ladder")
    t = t.sort_values("step", na_position="last", kind="stable").reset_index(drop=True)
    steps = _floats(t["step"], "step")
    known_steps = sorted(set(steps[~np.isnan(steps)].astype(int)))
    if highlight is not None and highlight not in known_steps:
        raise ValueError(f"highlight={highlight!r} is not a step in the ladder (steps: {known_steps}).")
    low, high = (_floats(t[c], c) for c in ("salary_low_usd", "salary_high_usd"))
    is_open = [bool(v) if not pd.isna(v) else False for v in t["open_ended"]]
    top = np.nanmax(np.concatenate([low, high, [1.0]]))
    tail = 0.12 * top
    fig, ax = _new_figure(2.4 + 0.75 * len(t), source)
    for y, (s, lo, hi, op) in enumerate(zip(steps, low, high, is_open)):
        picked = highlight is not None and s == highlight
        colour = PALETTE["vermillion"] if picked else PALETTE["blue"]
        alpha = 1.0 if picked or highlight is None else 0.45
        if np.isnan(lo) and np.isnan(hi):
            _note(ax, 0.01 * top, y, "salary unknown")
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
                fontweight="bold" if picked else "normal")
    names = [f"{'?' if np.isnan(s) else int(s)}. {_text(lv)}" for s, lv in zip(steps, t["level"])]
    ax.set_yticks(range(len(t)), [_wrap(n, 30) for n in names], parse_math=False)
    _record_values(ax, names, [txt.get_text() for txt in ax.texts], np.where(np.isnan(low), high, low))
    for tick, s in zip(ax.get_yticklabels(), steps):
        tick.set_fontweight("bold" if highlight is not None and s == highlight else "normal")
    ax.set_ylim(-0.6, len(t) - 0.4)
    ax.set_xlim(0, top + tail + 0.2 * top)
    ax.xaxis.set_major_formatter(FuncFormatter(money))
    ax.grid(axis="x", color="#dddddd", zorder=0)
    handles = [Patch(color=PALETTE["blue"], alpha=1 if highlight is None else 0.45,
                     label="Typical salary range"),
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
    p10, p90 = (_floats(t[c], c) if c in t else np.full(len(t), np.nan)
                for c in ("p10_annual_usd", "p90_annual_usd"))
    codes = [_text(c) for c in t["soc_code"]]
    tags = [_text(g, "?") for g in t["tag"]]
    keep = [i for i in np.argsort(year, kind="stable") if not (np.isnan(year[i]) or np.isnan(median[i]))]
    fig, ax = _new_figure(5.2, source)
    for n, code in enumerate(dict.fromkeys(codes[i] for i in keep)):  # codes in order of first year
        rows = [i for i in keep if codes[i] == code]
        colour, marker = PALETTE[_SERIES[n % len(_SERIES)]], _MARKERS[n % len(_MARKERS)]
        if len(rows) > 1:
            ax.plot(year[rows], median[rows], color=colour, lw=1.5, zorder=2)
        ax.scatter(year[rows], median[rows], s=60, marker=marker, color=colour, edgecolor="white",
                   zorder=4, label=f"Occupation code {code}")
    whisk = [i for i in keep if not (np.isnan(p10[i]) or np.isnan(p90[i]))]
    if whisk:
        m = median[whisk]
        ax.errorbar(year[whisk], m, yerr=[m - p10[whisk], p90[whisk] - m], fmt="none", capsize=5,
                    ecolor=PALETTE["grey"], elinewidth=1.5, zorder=3, label="10th–90th percentile")
    raised = False  # labels of points a year apart alternate between low and high
    box = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}
    for j, i in enumerate(keep):
        style = {"textcoords": "offset points", "fontsize": 8.5, "bbox": box, "zorder": 5,
                 "parse_math": False}
        if i in whisk:  # clear of the whisker and of a rising line: to the right, below
            style.update(xytext=(7, -3), ha="left", va="top")
        else:
            raised = j > 0 and year[i] - year[keep[j - 1]] < 1.6 and not raised
            style.update(xytext=(0, 30 if raised else 9), ha="center", va="bottom")
            if raised:
                style["arrowprops"] = {"arrowstyle": "-", "color": PALETTE["grey"], "lw": 0.6}
        ax.annotate(f"${median[i]:,.0f}\ntag {tags[i]}", (year[i], median[i]), **style)
    if keep and year[keep].min() <= 2018 <= year[keep].max():
        ax.axvline(2018, color=PALETTE["black"], ls=":", lw=1, zorder=1)
        ax.text(2018.15, 0.98, "occupation code changed\n(29-2071 → 29-2072)", ha="left", va="top",
                fontsize=8.5, transform=ax.get_xaxis_transform())
    if not keep:
        _note(ax, 0.5, 0.5, "no wage values to show (all unknown)", transform=ax.transAxes, ha="center")
    else:
        ax.set_ylim(0, np.nanmax(np.concatenate([median[keep], p90[keep]])) * 1.25)
        ax.set_xlim(year[keep].min() - 1, year[keep].max() + 1.8)
        ax.legend(loc="best", fontsize=9, framealpha=0.9)
    _record_values(ax, [f"{year[i]:.0f}" for i in keep], [f"${median[i]:,.0f}" for i in keep],
                   [median[i] for i in keep], kind="trend")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(money))
    ax.grid(axis="y", color="#dddddd", zorder=0)
    _label_axes(ax, "Median annual wage, medical records technicians",
                "Year (BLS reference period: May)", "Median annual wage (US$)")
    return fig


def bars(labels: Sequence[Any], values: Sequence[Any], *, title: str, xlabel: str, source: str,
         highlight: str | None = None, value_format: str | Callable[[float], str] = "${:,.0f}",
         ylabel: str | None = None) -> CourseFigure:
    """A horizontal bar chart in the order given (first label at the top), values at the bar ends.

    Missing values (None, NaN, NA) show "unknown" instead of a bar. ``highlight`` is a
    label to emphasize. A ``value_format`` with ``$`` gives a money axis ($35k).
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
        raise ValueError(f"bars(): {len(labels)} labels but {len(numbers)} values; they must pair up.")
    if not labels:
        raise ValueError("bars(): no labels or values, so there is nothing to draw.")
    if highlight is not None and highlight not in labels:
        raise ValueError(f"bars(): highlight={highlight!r} is not one of the labels {labels}.")
    fmt = value_format.format if isinstance(value_format, str) else value_format
    texts = [fmt(v) for v in numbers]
    colours = [PALETTE["vermillion"] if lab == highlight else PALETTE["blue"] for lab in labels]
    fig, ax = _new_figure(1.8 + 0.5 * len(labels), source)
    _hbars(ax, labels, numbers, texts, colours)
    is_money = isinstance(value_format, str) and "$" in value_format
    ax.xaxis.set_major_formatter(FuncFormatter(money if is_money else lambda v, _p: f"{v:,g}"))
    for tick, lab in zip(ax.get_yticklabels(), labels):
        tick.set_fontweight("bold" if lab == highlight else "normal")
    if ylabel is None:
        ylabel = str(name).replace("_", " ").capitalize() if name else "Group"
    _label_axes(ax, title, xlabel, ylabel)
    return fig


def growth_projections(projections: pd.DataFrame, source: str) -> CourseFigure:
    """Projected ten-year employment growth (percent) for each BLS projection period.

    Editions must share one occupation code (``soc_code``), as the wage charts never join
    two codes: the 2019-29 edition counted a broader group, so its growth rate is not
    comparable with the later ones, and a table mixing codes is refused with a message
    saying how to pick one.

    >>> from helpers.data import load, cite
    >>> table = load("growth_projections")
    >>> fig = growth_projections(table[table["soc_code"] == "29-2072"], cite("growth_projections"))
    >>> fig.axes[0].get_yticklabels()[0].get_text()
    '2021–31 (tag S)'
    """
    t = _check_frame(projections, ["start_year", "end_year", "growth_percent", "tag", "soc_code"],
                     "growth_projections")
    if not isinstance(source, str) or not source.strip():
        raise ValueError("source must be a non-empty citation, e.g. helpers.data.cite('growth_projections').")
    codes = list(dict.fromkeys(_text(c) for c in t["soc_code"]))
    if len(codes) > 1:
        which = "; ".join(f"{c}: " + ", ".join(str(int(s)) if pd.notna(s) else "?" for s in
                                                 t.loc[[_text(x) == c for x in t["soc_code"]], "start_year"])
                          for c in codes)
        raise ValueError(f"growth_projections(): these editions cover different occupation definitions ({which} "
                         "by first year), so their growth rates describe different groups of workers. Chart one "
                         f"code at a time, e.g. table[table['soc_code'] == {codes[-1]!r}].")
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
