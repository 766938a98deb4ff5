"""The chart of lesson 08: data-quality findings by table and kind.

>>> import pandas as pd
>>> found = pd.DataFrame({"table": ["patients", "patients", "diagnoses"], "row_id": ["P1", "P2", "E1:1"],
...                       "column": ["zip", "phone", "code"],
...                       "kind": ["malformed_zip", "malformed_phone", "invalid_code"]})
>>> fig = quality_findings(found, "Source: example")
>>> [t.get_text() for t in fig.axes[0].texts]
['1', '1', '1']
"""
from __future__ import annotations

import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from .base import PALETTE, CourseFigure, _check_frame, _hbars, _label_axes, _legend_below, _new_figure

__all__ = ["quality_findings", "KIND_LABELS", "TABLE_COLOURS"]

#: Plain words for each kind of finding (``helpers.quality`` and ``synthetic_defects``).
KIND_LABELS: dict[str, str] = {
    "missing_required": "Required field empty",
    "invalid_date": "Date not readable",
    "future_date": "Date in the future",
    "invalid_value": "Value not in the allowed list",
    "malformed_phone": "Phone number malformed",
    "malformed_zip": "ZIP code malformed",
    "discharge_before_admission": "Discharge before admission",
    "invalid_code": "Code not in ICD-10-CM",
    "nonbillable_code": "Code valid but not billable",
    "broken_link": "Id that links to no record",
}
#: One color per record table.
TABLE_COLOURS: dict[str, str] = {"patients": PALETTE["blue"], "encounters": PALETTE["orange"],
                                 "diagnoses": PALETTE["bluish_green"]}


def quality_findings(findings: pd.DataFrame, source: str, *, share: bool = False, drop_zero: bool = False,
                     title: str = "Data-quality findings by table and kind") -> CourseFigure:
    """Horizontal bars, one per table and kind, colored by table, largest first within a table.

    ``findings`` is either a findings table (one row per finding: ``table``, ``kind``; the
    shape of ``synthetic_defects`` and of ``helpers.quality.find_defects``) or the summary of
    ``helpers.quality.quality_report`` (with ``findings`` and ``share_of_rows``). With
    ``share=True`` the bars show the percentage of the table's rows affected (the summary
    is needed for that). ``drop_zero`` leaves out kinds with nothing found.
    """
    t = _check_frame(findings, ["table", "kind"], "quality_findings")
    summary = "findings" in t.columns
    if share and not summary:
        raise ValueError("quality_findings(share=True) needs the summary of helpers.quality.quality_report, "
                         "which has the share_of_rows column; a list of findings has no table sizes.")
    if summary:
        t = t.assign(value=(t["share_of_rows"] * 100) if share else t["findings"])
    else:
        t = t.groupby(["table", "kind"], sort=False).size().rename("value").reset_index()
    t = t.assign(value=pd.to_numeric(t["value"], errors="coerce").astype(float))
    if drop_zero:
        t = t[t["value"] > 0]
    if t.empty:
        raise ValueError("quality_findings(): every count is zero, so there is nothing to draw; "
                         "call it with drop_zero=False to show the kinds checked.")
    order = {name: i for i, name in enumerate(TABLE_COLOURS)}
    t = t.assign(_table=t["table"].map(order).fillna(len(order))).sort_values(
        ["_table", "value"], ascending=[True, False], kind="stable")
    labels = [f"{KIND_LABELS.get(k, str(k))} ({tab})" for tab, k in zip(t["table"], t["kind"])]
    colours = [TABLE_COLOURS.get(tab, PALETTE["grey"]) for tab in t["table"]]
    texts = [f"{v:.1f}%" if share else f"{v:,.0f}" for v in t["value"]]
    fig, ax = _new_figure(2.2 + 0.38 * len(labels), source)
    _hbars(ax, labels, t["value"].to_numpy(float), texts, colours)
    ax.xaxis.set_major_formatter(FuncFormatter((lambda v, _p: f"{v:g}%") if share else (lambda v, _p: f"{v:,g}")))
    xlabel = "Rows affected (% of the table's rows)" if share else "Findings (number of records)"
    _label_axes(ax, title, xlabel, "Kind of problem (table)")
    seen = list(dict.fromkeys(t["table"]))
    _legend_below(ax, [Patch(color=TABLE_COLOURS.get(s, PALETTE["grey"]), label=f"{s} table") for s in seen])
    return fig
