"""Pay charts for lesson 15: the BLS percentile spread, wages by industry and by state.

The career ladder, the wage trend and the growth projections are in :mod:`.career`;
these charts add what lesson 15 needs besides them.

>>> from helpers.data import load, cite
>>> fig = percentile_spread(load("bls_wages"), cite("bls_wages"))
>>> fig.axes[0].get_xlabel()
'Annual wage (US$)'
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from .base import (PALETTE, CourseFigure, _check_frame, _floats, _label_axes, _legend_below, _new_figure, _note,
                   _text, _wrap, money)
from .career import bars

__all__ = ["percentile_spread", "industry_wages", "state_wages"]

_PCT = {"p10_annual_usd": "p10", "p25_annual_usd": "p25", "median_annual_usd": "median",
        "p75_annual_usd": "p75", "p90_annual_usd": "p90"}


def percentile_spread(wages: pd.DataFrame, source: str) -> CourseFigure:
    """For each BLS period: the 10th, 25th, 50th (median), 75th and 90th percentiles that are known.

    A line joins the 10th and 90th percentiles and a box the 25th and 75th only when both ends
    are known; percentiles the source does not give are listed as unknown, never drawn.

    >>> from helpers.data import load, cite
    >>> fig = percentile_spread(load("bls_wages"), cite("bls_wages"))
    >>> sum(a.get_gid() == "median" for a in fig.axes[0].lines)
    5
    """
    t = _check_frame(wages, ["reference_period", "soc_code", "tag", *_PCT], "percentile_spread")
    if "year" in t:
        t = t.sort_values("year", na_position="last", kind="stable").reset_index(drop=True)
    v = {short: _floats(t[col], col) for col, short in _PCT.items()}
    known_all = np.concatenate(list(v.values()))
    top = np.nanmax(known_all) if (~np.isnan(known_all)).any() else 1.0
    fig, ax = _new_figure(1.9 + 0.72 * len(t), source)
    grey, box_colour, median_colour = PALETTE["grey"], PALETTE["sky_blue"], PALETTE["vermillion"]
    for y in range(len(t)):
        val = {k: v[k][y] for k in v}
        has = {k: not np.isnan(x) for k, x in val.items()}
        if has["p10"] and has["p90"]:
            ax.plot([val["p10"], val["p90"]], [y, y], color=grey, lw=2, zorder=2, gid="p10-p90",
                    solid_capstyle="butt")
        if has["p25"] and has["p75"]:
            ax.barh(y, val["p75"] - val["p25"], left=val["p25"], height=0.42, color=box_colour,
                    edgecolor=PALETTE["blue"], zorder=3, gid="p25-p75")
        for k in ("p10", "p25", "p75", "p90"):
            if has[k]:
                ax.plot([val[k]], [y], marker="|", ms=16, mew=2, color=PALETTE["black"], zorder=4, gid=k)
                place = {"p10": ((-6, 0), "right", "center"), "p90": ((6, 0), "left", "center")}.get(
                    k, ((0, -13), "center", "top"))  # the ends beside the line, the box edges below it
                ax.annotate(f"{k} {money(val[k])}", (val[k], y), xytext=place[0], textcoords="offset points",
                            ha=place[1], va=place[2], fontsize=8.5, color="#333333", parse_math=False)
        if has["median"]:
            ax.plot([val["median"]], [y], marker="D", ms=9, color=median_colour, mec="white", zorder=5,
                    gid="median")
            ax.annotate(f"median ${val['median']:,.0f}", (val["median"], y), xytext=(0, 12),
                        textcoords="offset points", ha="center", va="bottom", fontsize=8.5,
                        fontweight="bold", parse_math=False)
        unknown = [k for k in _PCT.values() if not has[k]]
        if unknown:
            _note(ax, 0.76, y, "unknown: " + ", ".join(unknown), transform=ax.get_yaxis_transform(),
                  gid="unknown")
    labels = [f"{_text(p)}\ncode {_text(c)}, tag {_text(g, '?')}"
              for p, c, g in zip(t["reference_period"], t["soc_code"], t["tag"])]
    ax.set_yticks(range(len(t)), labels, parse_math=False)
    ax.set_ylim(len(t) - 0.35, -0.75)  # first period at the top
    ax.set_xlim(0, top / 0.58)  # room on the right for the "unknown" notes
    ax.xaxis.set_major_formatter(FuncFormatter(money))
    ax.grid(axis="x", color="#dddddd", zorder=0)
    _legend_below(ax, [
        Line2D([], [], color=grey, lw=2, label="10th to 90th percentile (middle 80%)"),
        Patch(facecolor=box_colour, edgecolor=PALETTE["blue"], label="25th to 75th (middle half)"),
        Line2D([], [], marker="D", ls="none", color=median_colour, mec="white", ms=8, label="Median"),
    ])
    _label_axes(ax, "How spread out the wages are: BLS percentiles by period", "Annual wage (US$)",
                "BLS reference period")
    return fig


def industry_wages(industry: pd.DataFrame, source: str, title: str = "Mean annual wage by industry",
                   highlight: str | None = None) -> CourseFigure:
    """Mean annual wage in each industry, with its number of jobs beside the name.

    >>> from helpers.data import load, cite
    >>> fig = industry_wages(load("wages_by_industry"), cite("wages_by_industry"))
    >>> fig.axes[0].get_yticklabels()[0].get_text().splitlines()[-1]
    '(67,340 jobs)'
    """
    t = _check_frame(industry, ["industry", "employment", "mean_annual_usd"], "industry_wages")
    jobs = ["jobs unknown" if pd.isna(n) else f"{int(n):,} jobs" for n in t["employment"]]
    labels = [f"{_text(name)}\n({j})" for name, j in zip(t["industry"], jobs)]
    pick = None
    if highlight is not None:
        names = [_text(n) for n in t["industry"]]
        if highlight not in names:
            raise ValueError(f"industry_wages(): highlight={highlight!r} is not one of the industries {names}.")
        pick = labels[names.index(highlight)]
    fig = bars(labels, t["mean_annual_usd"], title=title, xlabel="Mean annual wage, all levels (US$)",
               source=source, highlight=pick, ylabel="Industry")
    ax = fig.axes[0]  # bars() rewraps labels as one paragraph: put the job count on its own line
    ax.set_yticks(ax.get_yticks(), [_wrap(_text(n), 36) + f"\n({j})" for n, j in zip(t["industry"], jobs)],
                  parse_math=False)
    for tick, label in zip(ax.get_yticklabels(), labels):
        tick.set_fontweight("bold" if label == pick else "normal")
    return fig


def state_wages(states: pd.DataFrame, source: str, title: str = "Mean annual wage in the top-paying states"
                ) -> CourseFigure:
    """Mean annual wage in each state of the table, in the table's order.

    >>> from helpers.data import load, cite
    >>> fig = state_wages(load("wages_by_state"), cite("wages_by_state"))
    >>> fig.axes[0].get_yticklabels()[0].get_text()
    'New Jersey (NJ)'
    """
    t = _check_frame(states, ["state", "mean_annual_usd"], "state_wages")
    codes = t["state_code"] if "state_code" in t else [None] * len(t)
    labels = [_text(s) + ("" if pd.isna(c) else f" ({c})") for s, c in zip(t["state"], codes)]
    return bars(labels, t["mean_annual_usd"], title=title, xlabel="Mean annual wage, all levels (US$)",
                source=source, ylabel="State")
