"""Charts of lesson 12 (auditing and the master patient index).

>>> import pandas as pd
>>> from helpers.data import load, cite
>>> fig = duplicate_rate_chart(5.0, load("mpi_facts"), source=cite("mpi_facts"))
>>> fig.axes[0].get_xlabel()
'Records in a duplicate pair (% of all records)'
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .base import PALETTE, CourseFigure, _check_frame, _floats, _hbars, _label_axes, _legend_below, _new_figure, _note

__all__ = ["duplicate_rate_chart", "error_type_chart", "deficiency_chart"]


def _fact(facts: pd.DataFrame, fact_id: str) -> float:
    found = facts.loc[facts["fact_id"] == fact_id, "value"]
    if found.empty:
        raise ValueError(f"duplicate_rate_chart(): the facts table has no row {fact_id!r}; "
                         "pass helpers.data.load('mpi_facts').")
    return float(found.iloc[0])


def duplicate_rate_chart(rate: float, facts: pd.DataFrame, source: str,
                         label: str = "This extract (synthetic)") -> CourseFigure:
    """The duplicate rate of an extract beside the recommended ceiling, over the typical range (shaded).

    ``facts`` is the course table ``mpi_facts`` (rows ``duplicate_rate_target``,
    ``industry_rate_low`` and ``industry_rate_high``); ``rate`` is in percent.

    >>> from helpers.data import load
    >>> fig = duplicate_rate_chart(3.2, load("mpi_facts"), source="Source: example")
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['This extract (synthetic)', 'Recommended ceiling (AHIMA)']
    """
    facts = _check_frame(facts, ["fact_id", "value"], "duplicate_rate_chart")
    value = _floats([rate], "rate")[0]
    if np.isnan(value) or not 0 <= value <= 100:
        raise ValueError(f"duplicate_rate_chart(): rate must be a percentage from 0 to 100, not {rate!r}.")
    target = _fact(facts, "duplicate_rate_target")
    low, high = _fact(facts, "industry_rate_low"), _fact(facts, "industry_rate_high")
    fig, ax = _new_figure(3.2, source)
    colour = PALETTE["vermillion"] if value > target else PALETTE["bluish_green"]
    _hbars(ax, [label, "Recommended ceiling (AHIMA)"], np.array([value, target]),
           [f"{value:.1f}%", f"at most {target:g}%"], [colour, PALETTE["grey"]])
    ax.axvspan(low, high, color=PALETTE["orange"], alpha=0.25, zorder=1)
    ax.set_xlim(0, max(high, value) * 1.25)
    _legend_below(ax, [Patch(color=PALETTE["orange"], alpha=0.4, label=f"Typical range reported: {low:g}% to {high:g}%")])
    _label_axes(ax, "Duplicate record rate against the recommended ceiling",
                "Records in a duplicate pair (% of all records)", "Measure")
    return fig


def error_type_chart(counts: pd.DataFrame, source: str) -> CourseFigure:
    """Share of confirmed duplicate pairs with each kind of error, beside the published share.

    ``counts`` is the table of :func:`helpers.audit.error_type_counts` (``label``,
    ``share_pct``, ``published_pct``); a missing published share is marked "not in the study".

    >>> counts = pd.DataFrame({"label": ["Middle name differs", "Moved"], "share_pct": [60.0, 30.0],
    ...                        "published_pct": [58.3, None]})
    >>> len(error_type_chart(counts, "Source: example").axes[0].patches)
    3
    """
    counts = _check_frame(counts, ["label", "share_pct", "published_pct"], "error_type_chart")
    ours, published = _floats(counts["share_pct"], "share_pct"), _floats(counts["published_pct"], "published_pct")
    labels = [str(v) for v in counts["label"]]
    fig, ax = _new_figure(1.8 + 0.75 * len(labels), source)
    y = np.arange(len(labels))
    for offset, values, colour in ((-0.19, ours, PALETTE["blue"]), (0.19, published, PALETTE["orange"])):
        known = ~np.isnan(values)
        ax.barh(y[known] + offset, values[known], height=0.36, color=colour, zorder=2)
        for yi, v, k in zip(y + offset, values, known):
            if k:
                ax.text(v + 1, yi, f"{v:.1f}%", va="center", fontsize=8.5)
            else:
                _note(ax, 1, yi, "not in the study")
    ax.set_yticks(y, labels, parse_math=False)
    ax.set_ylim(len(labels) - 0.4, -0.6)
    ax.set_xlim(0, 100)
    ax.grid(axis="x", color="#dddddd", zorder=0)
    _legend_below(ax, [Patch(color=PALETTE["blue"], label="Confirmed pairs in the synthetic extract"),
                       Patch(color=PALETTE["orange"], label="Just et al. (2016)")])
    _label_axes(ax, "What differed in confirmed duplicate pairs",
                "Share of confirmed duplicate pairs (%)", "What differed")
    return fig


def deficiency_chart(deficiencies: pd.DataFrame, source: str) -> CourseFigure:
    """Number of charts with each kind of deficiency, most common first.

    ``deficiencies`` is the table of :func:`helpers.audit.chart_deficiencies`. Bars of
    deficiencies that keep a chart open are vermillion; late documents are sky blue.

    >>> d = pd.DataFrame({"deficiency": ["a", "a", "b"], "description": ["A", "A", "B"],
    ...                   "keeps_open": [True, True, False]})
    >>> [t.get_text() for t in deficiency_chart(d, "Source: example").axes[0].texts]
    ['2', '1']
    """
    deficiencies = _check_frame(deficiencies, ["deficiency", "description", "keeps_open"], "deficiency_chart")
    table = (deficiencies.groupby(["description", "keeps_open"], sort=False).size().rename("charts")
             .reset_index().sort_values("charts", ascending=False, kind="stable"))
    colours = [PALETTE["vermillion"] if k else PALETTE["sky_blue"] for k in table["keeps_open"]]
    fig, ax = _new_figure(2.0 + 0.45 * len(table), source)
    values = table["charts"].to_numpy(dtype=float)
    _hbars(ax, [d[:1].upper() + d[1:] for d in table["description"]], values,
           [f"{v:,.0f}" for v in values], colours)
    _legend_below(ax, [Patch(color=PALETTE["vermillion"], label="Keeps the chart open until fixed"),
                       Patch(color=PALETTE["sky_blue"], label="Late: reported, cannot be undone")])
    _label_axes(ax, "Chart deficiencies by type", "Charts with the deficiency (count)", "Deficiency")
    return fig
