"""The widgets of lesson 07: documentation and the MS-DRG, and compliant physician queries.

``documentation_explorer`` groups one synthetic stay with :func:`helpers.revenue.group`
and regroups it whenever a documented secondary diagnosis is added or removed, so the
learner sees the stay move between "without CC/MCC", "with CC" and "with MCC".
``query_reviewer`` shows draft physician queries and says whether each is compliant.

>>> p = documentation_explorer()
>>> p.controls["documented"].value = ("J96.01",)
>>> "193" in p.result.value and "with MCC" in p.result.value
True
>>> q = query_reviewer()
>>> q.controls["query"].value = q.controls["query"].options[1][1]
>>> "Not compliant" in q.result.value
True
"""
from __future__ import annotations

import functools
import html
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import revenue, tables
from .base import Panel, for_projection, message, safe, source_note

__all__ = ["documentation_explorer", "query_reviewer", "STAYS", "SECONDARY_CHOICES", "QUERIES"]

#: The stays the explorer offers: label -> (principal diagnosis, procedures, age, sex).
STAYS: dict[str, tuple[str, tuple[str, ...], int, str]] = {
    "Pneumonia (J18.9), 78-year-old woman": ("J18.9", (), 78, "F"),
    "Heart attack, NSTEMI (I21.4), 66-year-old man": ("I21.4", (), 66, "M"),
    "Urinary tract infection (N39.0), 84-year-old woman": ("N39.0", (), 84, "F"),
    "Hip fracture fixed with a device (S72.001A, 0QS604Z), 81-year-old woman": ("S72.001A", ("0QS604Z",), 81, "F"),
}
#: Secondary diagnoses a physician might document during the stay.
SECONDARY_CHOICES: tuple[str, ...] = ("N17.9", "E87.1", "D62", "J96.01", "E43", "R65.21", "J15.9", "E11.9", "I10")

#: Draft physician queries: (text, compliant?, why).
QUERIES: tuple[tuple[str, bool, str], ...] = (
    ("Sodium was 126 on admission and 129 on day 2; saline was given. Please document the clinical "
     "significance, if any: hyponatremia / other (please specify) / unable to determine.", True,
     "It gives the clinical indicators, offers real options including 'other' and 'unable to determine', "
     "and does not suggest an answer or mention money."),
    ("The patient's creatinine rose. Please add acute kidney failure to the discharge summary so the stay "
     "groups to a higher-paying MS-DRG.", False,
     "It tells the physician which diagnosis to write and mentions payment: that is leading."),
    ("Can you confirm the patient had severe malnutrition? Yes / No", False,
     "A yes/no question that introduces a new diagnosis not yet in the record is leading; "
     "yes/no suits only confirming something already documented."),
    ("Oxygen saturation was 86% on room air and the patient was placed on high-flow oxygen. Based on your "
     "judgment, can the respiratory status be further specified? Please document in the progress notes.", True,
     "Open-ended, backed by indicators from the record, and it leaves the diagnosis to the physician."),
    ("Documenting sepsis would improve our case-mix index. Please consider it.", False,
     "It names the diagnosis wanted and the financial effect, with no clinical indicators."),
)


@functools.lru_cache(maxsize=64)
def _describe(code: str) -> str:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm as cm
    try:
        return cm.get_description(code)
    except ValueError:
        return "(description not found)"


def _level(g: revenue.Grouping) -> str:
    return {"MCC": "with MCC", "CC": "with CC"}.get(g.severity, "without CC/MCC")


def documentation_explorer(*, dashboard: bool = False) -> Panel:
    """Pick a stay, tick the secondary diagnoses the physician documented, and watch the MS-DRG move.

    Controls: ``stay`` (one of ``STAYS``) and ``documented`` (a tuple of codes from
    ``SECONDARY_CHOICES``). The result compares the stay with nothing documented and with the
    ticked codes: MS-DRG, title, severity level, FY 2026 relative weight and the estimated payment
    (weight x the national operating base rate, before hospital-specific adjustments).
    ``dashboard=True`` sets its text at the projection size (``widgets.base.for_projection``).

    >>> p = documentation_explorer()
    >>> p.controls["documented"].value = ("N17.9",)
    >>> "194" in p.result.value
    True
    """
    stay = w.Dropdown(options=list(STAYS), value=list(STAYS)[0], description="Stay:",
                      style={"description_width": "initial"}, layout=w.Layout(width="560px"))
    documented = w.SelectMultiple(options=[(f"{c} {_describe(c)}", c) for c in SECONDARY_CHOICES], value=(),
                                  rows=len(SECONDARY_CHOICES), description="Documented:",
                                  style={"description_width": "initial"}, layout=w.Layout(width="560px"))
    result = w.HTML()

    @safe(result)
    def redraw(_change: Any = None) -> None:
        pdx, procs, age, sex = STAYS[stay.value]
        base = revenue.group(pdx, (), procs, age=age, sex=sex)
        now = revenue.group(pdx, documented.value, procs, age=age, sex=sex)
        rate = revenue.base_rate()
        rows = pd.DataFrame([
            (label, g.msdrg, g.title, _level(g), f"{g.relative_weight:.4f}",  # CMS gives weights to 4 places
             revenue.estimated_payment(g.relative_weight, rate))
            for label, g in (("principal only", base), ("with what is documented", now))
        ], columns=["coded", "MS-DRG", "title", "severity level", "relative weight", "estimated payment"])
        if now.msdrg == base.msdrg:
            change = (f"The stay stays in MS-DRG {now.msdrg}." + (
                " A secondary diagnosis counts as a CC or MCC only if this MS-DRG splits on it and it is not "
                "excluded for this principal diagnosis." if documented.value else ""))
        else:
            change = (f"The stay moves from MS-DRG {base.msdrg} ({_level(base)}) to {now.msdrg} ({_level(now)}): "
                      f"the weight goes from {base.relative_weight:.4f} to {now.relative_weight:.4f}, an estimated "
                      f"${revenue.estimated_payment(now.relative_weight, rate) - revenue.estimated_payment(base.relative_weight, rate):,.2f} "
                      "more for the same stay, because the record now says how sick the patient was.")
        result.value = (tables.show(rows, formats={"relative weight": "text", "estimated payment": "money"})
                        ._repr_html_() + message(change, "info")
                        + f"<small>Grouped with drgpy, MS-DRG {html.escape(revenue.GROUPER_VERSION)}. "
                          "Synthetic stays; no real patient.</small>" + source_note("msdrg_weights", "ipps_rates").value)

    stay.observe(redraw, names="value")
    documented.observe(redraw, names="value")
    redraw()
    panel = Panel({"stay": stay, "documented": documented}, [stay, documented, result], result)
    return for_projection(panel) if dashboard else panel


def query_reviewer() -> Panel:
    """Read a draft physician query and see whether it is compliant, and why.

    Control: ``query`` (an index into ``QUERIES``).

    >>> q = query_reviewer()
    >>> "Compliant" in q.result.value
    True
    """
    query = w.Dropdown(options=[(f"Draft query {i + 1}", i) for i in range(len(QUERIES))], value=0,
                       description="Query:", style={"description_width": "initial"})
    result = w.HTML()

    @safe(result)
    def redraw(_change: Any = None) -> None:
        if query.value not in range(len(QUERIES)):
            raise ValueError(f"There is no draft query {query.value!r}: pick one from the list.")
        text, ok, why = QUERIES[query.value]
        verdict = "Compliant" if ok else "Not compliant"
        result.value = (f"<blockquote>{html.escape(text)}</blockquote>"
                        + message(f"{verdict}: {why}", "success" if ok else "info"))

    query.observe(redraw, names="value")
    redraw()
    return Panel({"query": query}, [query, result], result)
