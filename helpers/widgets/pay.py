"""The widgets of lessons 15 (pay and outlook) and 16 (advancing).

Everything a learner sees is drawn as small HTML tables, so a change redraws at once;
the one chart (the ladder in :func:`ladder_stepper`) is drawn once per step and reused.

>>> p = salary_explorer()
>>> p.controls["level"].value = 2
>>> "$35,000–$45,000" in p.result.value
True
"""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import career, charts, data
from .base import _TAGS, TEXT_COLOURS, ChartView, Panel, for_projection, message, safe, source_note

__all__ = ["salary_explorer", "period_comparer", "median_explorer", "ladder_stepper", "specialization_explorer",
           "EXAMPLE_SALARIES"]

#: Made-up salaries of a small team (six technicians and their manager), for the median example.
EXAMPLE_SALARIES = "36000 38500 41000 42000 44500 47000 88000"

_WIDE = {"description_width": "initial"}
_CELL = "padding:3px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top"
_BAR_PX = 170


def _e(value: Any) -> str:
    return html.escape(str(value))


def _tag_cell(tag: str) -> str:
    return f'<span title="{_e(_TAGS.get(tag, "tag unknown"))}"><b>{_e(tag)}</b></span>'


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<th style="{_CELL}">{_e(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(f'<td style="{_CELL}">{c}</td>' for c in r) + "</tr>" for r in rows)
    return f'<table style="border-collapse:collapse;font-size:13px">{head and "<tr>" + head + "</tr>"}{body}</table>'


def _range_bar(low: Any, high: Any, scale: float, offer: float | None) -> str:
    """A tiny CSS bar: where this source's figure or range sits on a common dollar scale."""
    if pd.isna(low) and pd.isna(high):
        return "<i>unknown</i>"
    lo = float(high if pd.isna(low) else low)
    hi = float(low if pd.isna(high) else high)
    left, width = lo / scale * _BAR_PX, max((hi - lo) / scale * _BAR_PX, 3)
    mark = ""
    if offer is not None:
        x = min(offer / scale, 1.0) * _BAR_PX
        mark = (f'<span style="position:absolute;left:{x:.0f}px;top:-3px;width:2px;height:16px;'
                'background:#D55E00"></span>')
    return (f'<span style="position:relative;display:inline-block;width:{_BAR_PX}px;height:10px;background:#eee">'
            f'<span style="position:absolute;left:{left:.0f}px;width:{width:.0f}px;height:10px;background:#0072B2">'
            f"</span>{mark}</span>")


def salary_explorer(*, dashboard: bool = False) -> Panel:
    """Pick a level, credentials and a setting; see every source's figure side by side.
    ``dashboard=True`` sets its text at the projection size (``widgets.base.for_projection``).

    >>> p = salary_explorer()
    >>> p.controls["offer"].value = "40k"
    >>> "inside this range" in p.result.value
    True
    """
    ladder, industry = data.load("career_ladder"), data.load("wages_by_industry")
    pay, wages = data.load("certification_pay"), data.load("bls_wages")
    level = w.Dropdown(options=[(f"{s}. {lv}", int(s)) for s, lv in zip(ladder["step"], ladder["level"])],
                       description="Level:", style=_WIDE, layout=w.Layout(width="520px"))
    creds = w.Dropdown(options=[("None", "none"), ("One or more", "one or more"), ("Three", "three")],
                       description="Credentials:", style=_WIDE)
    setting = w.Dropdown(options=[("Any (national figures only)", career.ANY_SETTING)]
                         + [(str(i), str(i)) for i in industry["industry"]], description="Setting:", style=_WIDE,
                         layout=w.Layout(width="520px"))
    offer = w.Text(value="", description="An offer to compare (optional):", placeholder="e.g. 42000 or 42k",
                   style=_WIDE, layout=w.Layout(width="420px"))
    result = w.HTML()
    highs = [ladder["salary_high_usd"].max(), pay["average_salary_usd"].max(), wages["p90_annual_usd"].max(),
             wages["median_annual_usd"].max(), industry["mean_annual_usd"].max()]
    scale = 1.1 * max(float(v) for v in highs if not pd.isna(v))

    @safe(result)
    def update(_change: Any = None) -> None:
        typed = offer.value.strip()
        amount, refused = None, ""
        if typed:  # the offer is optional: a refused one gets its message and the comparison stays
            try:
                amount = career.parse_money(typed)
            except ValueError as exc:
                refused = message(str(exc), "error")
        t = career.salary_sources(level.value, creds.value, setting.value)
        header = ["Source", "What it measures", "Figure", f"On one scale, $0 to {career.usd(scale)}", "As of", "Tag"]
        rows = []
        for r in t.itertuples():
            cells = [_e(r.source), _e(r.measures), f"<b>{_e(r.figure)}</b>",
                     _range_bar(r.low_usd, r.high_usd, scale, amount), _e(r.as_of), _tag_cell(r.tag)]
            if amount is not None:
                cells.append(_e(career.place_offer(amount, r.low_usd, r.high_usd, bool(r.open_ended))))
            rows.append(cells)
        if amount is not None:
            header.append(f"Your offer of {career.usd(amount)} is")
        result.value = (refused + _table(header, rows) + "<p><small>Each row measures something different (one level, one "
                        "group of coders, the whole occupation, one industry) at a different date, so the course "
                        "never averages them into one number. Hover over a tag to see what it means.</small></p>")

    for control in (level, creds, setting, offer):
        control.observe(update, names="value")
    update()
    notes = [source_note(n) for n in ("career_ladder", "certification_pay", "bls_wages", "wages_by_industry")]
    panel = Panel({"level": level, "credentials": creds, "setting": setting, "offer": offer},
                  [level, creds, setting, offer, result, *notes], result)
    return for_projection(panel) if dashboard else panel


def period_comparer() -> Panel:
    """Choose two BLS periods and see the change in the median, unless the occupation codes differ.

    >>> p = period_comparer()
    >>> p.controls["start"].value = "May 2011"
    >>> "different groups of workers" in p.result.value
    True
    """
    wages = data.load("bls_wages")
    periods = [str(v) for v in wages["reference_period"]]
    # opens on the latest one-period change: the workbook asks for a longer one, which the learner works out
    start = w.Dropdown(options=periods, value=periods[-2] if len(periods) > 1 else periods[0], description="From:")
    end = w.Dropdown(options=periods, value=periods[-1], description="To:")
    mixed = w.Checkbox(value=False, description="Show the number even if the codes differ", indent=False)
    result = w.HTML()

    @safe(result)
    def update(_change: Any = None) -> None:
        c = career.compare_periods(wages, start.value, end.value, allow_mixed=mixed.value)
        text = (f"Median {c['start']}: {career.usd(c['start_median'])} (code {c['codes'][0]}, tag {c['tags'][0]}); "
                f"{c['end']}: {career.usd(c['end_median'])} (code {c['codes'][1]}, tag {c['tags'][1]}). "
                f"Change: {c['percent_change']:+.1f}%.")
        if c["same_code"]:
            result.value = message(text + " Same occupation code, so this is a like-for-like change "
                                   "(before inflation).", "success")
        else:
            result.value = message(text + " Not a pay change: " + c["warning"], "info")

    for control in (start, end, mixed):
        control.observe(update, names="value")
    update()
    return Panel({"start": start, "end": end, "allow_mixed": mixed}, [w.HBox([start, end]), mixed, result,
                                                                        source_note("bls_wages")], result)


def median_explorer() -> Panel:
    """Type some salaries; see them sorted with the median, quartiles and mean marked.

    >>> p = median_explorer()
    >>> p.controls["salaries"].value = "30000 40000 50000"
    >>> "$40,000" in p.result.value
    True
    """
    box = w.Textarea(value=EXAMPLE_SALARIES, description="Salaries:", placeholder="e.g. 31000 35000 40k",
                     layout=w.Layout(width="560px", height="60px"))
    result = w.HTML()

    @safe(result)
    def update(_change: Any = None) -> None:
        values = sorted(career.parse_salaries(box.value))
        s = career.pay_summary(values)
        chips = []
        for v in values:
            style = f"background:{TEXT_COLOURS['bad']};color:white" if v == s["median"] else "background:#eee"
            chips.append(f'<span style="{style};padding:2px 6px;margin:2px;border-radius:3px;display:inline-block">'
                         f"{career.usd(v)}</span>")
        middle = "the middle value" if s["count"] % 2 else "halfway between the two middle values"
        gap = s["mean"] - s["median"]
        pull = ("The mean is above the median: a few high salaries pull it up." if gap > 0 else
                "The mean is below the median: a few low salaries pull it down." if gap < 0 else
                "Mean and median are equal here: the salaries are balanced around the middle.")
        rows = [["Median (50th percentile)", f"<b>{career.usd(s['median'])}</b>",
                 f"{middle}: half earn less, half more"],
                ["25th percentile", career.usd(s["p25"]), "a quarter of the salaries are below this"],
                ["75th percentile", career.usd(s["p75"]), "three quarters are below this"],
                ["Mean (average)", career.usd(s["mean"]), "add them all up, divide by how many"]]
        result.value = (f"<p>Sorted ({s['count']} salaries): {''.join(chips)}</p>"
                        + _table(["Measure", "Value", "In plain words"], rows) + f"<p>{_e(pull)}</p>")

    box.observe(update, names="value")
    update()
    return Panel({"salaries": box}, [box, result, w.HTML("<small style='color:#555'>The starting salaries are "
                                                          "made up for this example; type your own.</small>")], result)


_LADDER_PICTURES: dict[tuple[str, int, bool], charts.Picture] = {}


def _ladder_picture(ladder: pd.DataFrame, cite: str, step: int, projection: bool = False) -> charts.Picture:
    """The ladder chart with one step highlighted, drawn once per step (and size) and kept."""
    key = (ladder.to_csv(index=False) + cite, step, projection)
    if key not in _LADDER_PICTURES:
        _LADDER_PICTURES[key] = charts.picture(charts.salary_ladder(ladder, cite, highlight=step),
                                               projection=projection)
    return _LADDER_PICTURES[key]


def ladder_stepper(*, dashboard: bool = False) -> Panel:
    """Step through the career ladder: what each level asks and pays, and what changes.

    ``dashboard=True`` draws the salary chart at the projection size (``charts.picture(projection=True)``) and
    sets its text larger (``widgets.base.for_projection``).

    >>> p = ladder_stepper()
    >>> p.controls["step"].value = 4
    >>> "RHIA" in p.result.value
    True
    """
    ladder, cite = data.load("career_ladder"), data.cite("career_ladder")
    steps = [int(s) for s in ladder["step"].dropna()]
    step = w.IntSlider(value=min(steps), min=min(steps), max=max(steps), description="Step:",
                       continuous_update=False)
    result, chart = w.HTML(), ChartView()
    for s in steps:  # draw every picture now, so stepping is instant
        _ladder_picture(ladder, cite, s, dashboard)

    @safe(result)
    def update(_change: Any = None) -> None:
        s = career.ladder_step(ladder, int(step.value))
        rows = [["Typical experience", _e(s["experience"])], ["Education", f"{_e(s['education'])} (tag {_tag_cell(s['education_tag'])})"],
                ["Duties", _e(s["duties"])], ["Salary range", f"{_e(s['salary'])} (tag {_tag_cell(s['tag'])})"]]
        changes = "".join(f"<li>{_e(c)}</li>" for c in s["changes"])
        result.value = (f"<h4>Step {s['step']}: {_e(s['level'])}</h4>" + _table([], rows)
                        + f"<p><b>What changes from the step below</b></p><ul>{changes}</ul>")
        chart.show(_ladder_picture(ladder, cite, s["step"], dashboard))

    step.observe(update, names="value")
    update()
    # On a dashboard it follows another widget: a heading says where it starts.
    heading = [w.HTML("<h3>The career ladder, one step at a time</h3>")] if dashboard else []
    panel = Panel({"step": step}, [*heading, step, result, chart, source_note("career_ladder")], result, chart)
    return for_projection(panel) if dashboard else panel


def specialization_explorer() -> Panel:
    """Choose a specialization: what the work is, and the facts about its credential(s) with tags.

    >>> p = specialization_explorer()
    >>> p.controls["specialization"].value = "Cancer registry"
    >>> "Oncology Data Specialist (formerly Certified Tumor Registrar, CTR)" in p.result.value
    True
    """
    certs = data.load("certifications")
    pick = w.Dropdown(options=list(career.SPECIALIZATIONS), description="Specialization:", style=_WIDE,
                      layout=w.Layout(width="520px"))
    result = w.HTML()

    @safe(result)
    def update(_change: Any = None) -> None:
        s = career.specialization(pick.value, certs)
        parts = [f"<h4>{_e(s['name'])}</h4><p>{_e(s['work'])}</p>"]
        if not s["credentials"]:
            parts.append("<p><b>Credential:</b> none in the course data.</p>")
        for c in s["credentials"]:
            rows = [[_e(f), _e(v), _tag_cell(t)] for f, v, t in c["facts"]]
            parts.append(f"<p><b>{_e(c['credential'])}</b>, {_e(c['name'])} (awarded by {_e(c['body'])})</p>"
                         + _table(["Fact", "What the course data says", "Tag"], rows))
        parts.append(f"<p><i>{_e(s['note'])}</i></p>")
        result.value = "".join(parts)

    pick.observe(update, names="value")
    update()
    return Panel({"specialization": pick}, [pick, result, source_note("certifications")], result)
