"""Widgets of lessons 02 and 03: the path comparer, the eligibility checker, the CE planner, fact cards.

>>> p = path_comparer(start="2026-09-01")
>>> p.controls["path"].value = "Certificate program"
>>> "Job-ready" in p.result.value
True
>>> p.controls["cost"].value = "lots"
>>> "Check your entry" in p.result.value
True
"""
from __future__ import annotations

import datetime as dt
import html
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import charts, data
from ..career import credentials, education
from .base import TEXT_COLOURS, ChartView, Panel, for_projection, message, safe, source_note

__all__ = ["path_comparer", "credential_cards", "eligibility_checker", "ce_planner"]

_SHORT = {"High-school diploma or GED": "High school", "Certificate program": "Certificate",
          "Associate degree in health information technology": "Associate",
          "Bachelor's degree in health information management": "Bachelor's"}
_CACHE_SIZE = 64


def _next_month() -> dt.date:
    today = dt.date.today()
    return dt.date(today.year + today.month // 12, today.month % 12 + 1, 1)


def _chart_rows(path: str, start: pd.Timestamp, pace: str, compare: bool) -> pd.DataFrame:
    if not compare:
        return education.milestones(path, start, pace)
    frames = []
    for name in education.path_names():
        m = education.milestones(name, start, pace)
        m = m[m["kind"] != "job-ready"].copy()  # job-ready is the end of the study bar
        short = _SHORT.get(name, name)
        m["milestone"] = [f"{short}: study" if k == "study" else f"{short}: {lab[:1].lower()}{lab[1:]}"
                          for k, lab in zip(m["kind"], m["milestone"])]
        frames.append(m)
    return pd.concat(frames, ignore_index=True)


def path_comparer(start: Any = None, *, dashboard: bool = False) -> Panel:
    """Pick a path, a pace and a start month; see dated milestones, a timeline and cost per month.

    ``start`` sets the first value of the date picker (default: the first of next month);
    ``dashboard=True`` draws the timeline at the projection size (``charts.picture(projection=True)``) and
    sets the text larger (``widgets.base.for_projection``).

    >>> p = path_comparer(start="2026-09-01")
    >>> p.controls["pace"].value = "part time"
    >>> "half pace" in p.result.value
    True
    """
    names = education.path_names()
    tuition = data.load("tuition_reference").iloc[0]
    cite = data.cite("education_paths")
    first = education.parse_start(start).date() if start is not None else _next_month()
    path = w.Dropdown(options=names, value=names[2] if len(names) > 2 else names[0], description="Path:",
                      layout=w.Layout(width="520px"))
    pace = w.ToggleButtons(options=list(education.PACES), value="full time", description="Pace:")
    when = w.DatePicker(value=first, description="Start:")
    compare = w.Checkbox(value=False, description="Show every path for comparison", indent=False)
    cost = w.Text(value="", description="Your program's total cost (US$):", placeholder="e.g. 12000",
                  style={"description_width": "initial"}, layout=w.Layout(width="420px"))
    result = w.HTML()
    chart = ChartView()
    cache: dict[tuple, charts.Picture] = {}

    def picture(key: tuple) -> charts.Picture:
        if key not in cache:
            if len(cache) >= _CACHE_SIZE:
                cache.pop(next(iter(cache)))
            rows = _chart_rows(key[0], key[1], key[2], key[3])
            title = ("Every path compared" if key[3] else key[0]) + f": months to each milestone ({key[2]})"
            fig = charts.timeline(rows, cite, title=title, highlight=key[0] if key[3] else None)
            cache[key] = charts.picture(fig, projection=dashboard)
        return cache[key]

    @safe(result)
    def update(_change: Any = None) -> None:
        chart.hide()  # a refused entry leaves no stale chart beside the message
        begin = education.parse_start(when.value)
        m = education.milestones(path.value, begin, pace.value)
        chart.show(picture((path.value, begin, pace.value, bool(compare.value))))
        low, high = education.study_months(path.value, pace.value)
        items = []
        for r in m.itertuples():
            when_text = "at the start" if r.months == 0 else f"{r.date:%B %Y} ({r.months} months)"
            if r.kind == "study" or r.months == 0 or r.earliest >= r.date:
                pass
            else:
                when_text = f"{r.earliest:%B %Y} to {when_text}"
            items.append(f"<li><b>{html.escape(r.milestone)}</b>: {when_text}. "
                         f"<small>{html.escape(str(r.note))} (tag {html.escape(str(r.tag))})</small></li>")
        parts = [f"<p>Starting {begin:%B %Y}, studying {html.escape(pace.value)}:</p><ul>{''.join(items)}</ul>"]
        if pace.value == "part time":
            parts.append("<p><i>Assumption: part time means half pace, so every month of full-time study takes two. "
                         "Schools set their own part-time schedules: ask yours.</i></p>")
        parts.append(
            f"<p><b>Cost.</b> The course has no tuition figures for health information programs. The one range it has, "
            f"${int(tuition['tuition_low_usd']):,} to ${int(tuition['tuition_high_usd']):,}, comes from a review of "
            f"{int(tuition['programs_reviewed'])} <b>medical assistant</b> programs (tag {html.escape(str(tuition['tag']))}): "
            f"{html.escape(str(tuition['caution']))}.</p>")
        if cost.value.strip():
            # The cost box is optional: a refused cost gets its message here and the timeline above stays.
            try:
                if high == 0:
                    raise ValueError("This path has no months of study, so there is no cost per month to work out.")
                per_month = education.cost_per_month(cost.value, high)
                total = education.parse_cost(cost.value)
                parts.append(f"<p>Your program: ${total:,.0f} over {high} months is about <b>${per_month:,.0f} a month</b>"
                             + (f" (or ${total / low:,.0f} a month if you finish in {low})" if low != high and low > 0
                                else "") + ".</p>")
            except ValueError as exc:
                parts.append(message(str(exc), "error"))
        else:
            parts.append("<p>Type your own program's total cost above to see it per month of study.</p>")
        result.value = "".join(parts)

    for control in (path, pace, when, compare, cost):
        control.observe(update, names="value")
    update()
    controls = {"path": path, "pace": pace, "start": when, "compare": compare, "cost": cost}
    children = [path, w.HBox([pace, when]), compare, cost, result, chart,
                source_note("education_paths", "tuition_reference")]
    panel = Panel(controls, children, result, chart)
    return for_projection(panel) if dashboard else panel


_STATUS_COLOURS = {"already held": TEXT_COLOURS["good"], "eligible now": TEXT_COLOURS["good"],
                   "check with the body": TEXT_COLOURS["caution"], "not yet": TEXT_COLOURS["bad"],
                   credentials.UNKNOWN: TEXT_COLOURS["muted"]}


def _cell(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else html.escape(str(value))


def credential_cards() -> Panel:
    """Choose a credential and read every fact the course has about it, with each group's tag.

    >>> p = credential_cards()
    >>> p.controls["credential"].value = "CHDA"
    >>> "unknown (not in our sources)" in p.result.value
    True
    """
    certs = data.load("certifications")
    pick = w.Dropdown(options=[(f"{c} · {n}", c) for c, n in zip(certs["credential"], certs["name"])],
                      description="Credential:", layout=w.Layout(width="520px"))
    result = w.HTML()

    @safe(result)
    def update(_change: Any = None) -> None:
        d = credentials.credential_details(pick.value)
        rows = "".join(
            f"<tr><td>{_cell(r.group)}</td><td>{_cell(r.fact)}</td><td>{_cell(r.value)}</td><td>{_cell(r.tag)}</td></tr>"
            for r in d.itertuples())
        result.value = ('<table style="border-collapse:collapse" cellpadding="4"><tr><th align="left">Group</th>'
                        '<th align="left">Fact</th><th align="left">Value</th><th>Tag</th></tr>' + rows + "</table>")

    pick.observe(update, names="value")
    update()
    return Panel({"credential": pick}, [pick, result, source_note("certifications")], result)


def eligibility_checker() -> Panel:
    """Describe your background; see, per credential, whether you may sit the exam now or what is missing.

    >>> p = eligibility_checker()
    >>> p.controls["privacy"].value = "-4"
    >>> "cannot be negative" in p.result.value
    True
    """
    names = credentials.credential_names()
    education_pick = w.Dropdown(options=education.EDUCATION_LEVELS, value="High-school diploma or GED",
                                description="Education:", layout=w.Layout(width="520px"))
    boxes = {kind: w.Text(value="0", description=f"Months of {kind} work:", style={"description_width": "170px"},
                          layout=w.Layout(width="300px")) for kind in ("coding", "privacy", "registry")}
    held = w.SelectMultiple(options=names, value=(), description="Held:", rows=5, layout=w.Layout(width="220px"))
    member = w.Checkbox(value=False, description="AAPC member", indent=False)
    result = w.HTML()

    @safe(result)
    def update(_change: Any = None) -> None:
        background = credentials.Background(
            education=education_pick.value, credentials=tuple(held.value), aapc_member=member.value,
            **{f"{k}_months": credentials.parse_months(b.value, f"months of {k} work") for k, b in boxes.items()})
        table = credentials.eligibility(background)
        rows = []
        for r in table.itertuples():
            colour = _STATUS_COLOURS.get(r.status, "#999999")
            months = "" if pd.isna(r.months_needed) or r.status in ("eligible now", "already held") else (
                f"about {int(r.months_needed)} months" if r.months_needed else "no waiting time")
            detail = "; ".join(x for x in (_cell(r.missing), months) if x)
            rows.append(f'<tr><td><b>{_cell(r.credential)}</b></td><td style="color:{colour}"><b>{_cell(r.status)}</b></td>'
                        f"<td>{_cell(r.route)}</td><td>{detail}<br><small>{_cell(r.note)}</small></td>"
                        f"<td>{_cell(r.tag)}</td></tr>")
        result.value = (
            '<table style="border-collapse:collapse" cellpadding="4"><tr><th align="left">Credential</th>'
            '<th align="left">Answer</th><th align="left">Route</th><th align="left">What is missing, how long</th>'
            "<th>Tag</th></tr>" + "".join(rows) + "</table>"
            "<p><small>How long: a degree still to do counts at its full-time length from the education paths "
            f"table; an hour-based work rule counts {credentials.HOURS_PER_WORK_MONTH} hours as a month. Both are the "
            "course's assumptions. Always confirm with the credentialing body before you apply.</small></p>")

    for control in (education_pick, held, member, *boxes.values()):
        control.observe(update, names="value")
    update()
    controls = {"education": education_pick, **boxes, "held": held, "aapc": member}
    children = [education_pick, w.HBox([w.VBox(list(boxes.values())), held, member]), result,
                source_note("eligibility_routes")]
    return Panel(controls, children, result)


def ce_planner() -> Panel:
    """Tick the credentials you hold (or plan to); see the continuing education due per cycle, per body.

    >>> p = ce_planner()
    >>> p.controls["held"].value = ("RHIT", "CCS")
    >>> "30 CEUs" in p.result.value
    True
    """
    held = w.SelectMultiple(options=credentials.credential_names(), value=(), description="Credentials:", rows=6)
    result = w.HTML()

    @safe(result)
    def update(_change: Any = None) -> None:
        due = credentials.ce_due(held.value)
        if not due:
            result.value = message("Choose one or more credentials (Ctrl- or Cmd-click to choose several).")
            return
        items = []
        for body, entry in due.items():
            total = credentials.UNKNOWN if entry["total"] is None else f"{entry['total']} {entry['unit']}s"
            cycle = "" if entry["cycle_years"] is None else f" every {entry['cycle_years']} years"
            items.append(f"<li><b>{html.escape(body)}</b> ({html.escape(', '.join(entry['credentials']))}): "
                         f"<b>{html.escape(total)}</b>{cycle}. <small>{html.escape(entry['explanation'])} "
                         f"(tag {html.escape(entry['tag'])})</small></li>")
        result.value = "<ul>" + "".join(items) + "</ul>"

    held.observe(update, names="value")
    update()
    return Panel({"held": held}, [held, result, source_note("certification_rules", "certifications")],
                 result)
