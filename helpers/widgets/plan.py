"""The widget of lesson 17: your career plan, with a timeline and a Save button.

>>> p = career_plan(start="2027-01-01")
>>> p.controls["target"].value = 3
>>> "Why" in p.result.value
True
>>> p.controls["experience"].value = "-2"
>>> "cannot be negative" in p.result.value
True
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import charts, data
from ..career import credentials, education, plan as planning
from ..career.plan_model import plan_file_name
from .base import ChartView, Panel, download_link, for_projection, message, safe, source_note

__all__ = ["career_plan", "plan_html"]
_CACHE_SIZE = 32


def plan_html(plan: planning.Plan) -> str:
    """The plan as HTML for the widget: steps with reasons, pay, CE, budget, what to verify."""
    esc = html.escape
    when = lambda s: "date unknown" if s is None else f"{s:%b %Y}"  # noqa: E731
    steps = []
    for s in plan.steps:
        length = "length unknown" if s.months is None else f"{s.months} months"
        extra = "".join(f"<br><small>{esc(label)}: {esc(text)}</small>" for label, text in
                        (("Pay at this level", s.salary), ("Known cost", s.cost)) if text)
        steps.append(f"<li><b>{esc(s.title)}</b> ({length}; {when(s.start)} to {when(s.end)})<br>"
                     f"<i>Why:</i> {esc(s.why)}{extra}</li>")
    total = plan.total_months
    total_text = ("unknown: a step has no length in our sources" if total is None else
                  f"{total} months, to {when(plan.steps[-1].end) if plan.steps else 'now'}")
    pay = "".join(f"<li>{esc(r.level)}: {esc(r.range)}</li>" for r in plan.salaries.itertuples())
    ce = "".join(
        f"<li>{esc(body)}: {esc(credentials.UNKNOWN if e['total'] is None else str(e['total']) + ' ' + e['unit'] + 's')} "
        f"every {e['cycle_years']} years <small>({esc(e['explanation'].rstrip('.'))}; tag {esc(e['tag'])})</small></li>"
        for body, e in plan.ce.items()) or "<li>No credentials in this plan yet.</li>"
    verify = "".join(f"<li>{esc(v)}</li>" for v in plan.verify)
    return (f"<h4>Plan: {esc(plan.target_level)}</h4>"
            f"<p>Now: {esc(plan.current_level)}. Pace: {esc(plan.pace)}. Total: {esc(total_text)}.</p>"
            + "".join(f"<p><b>Note.</b> {esc(n)}</p>" for n in plan.notes) +
            f"<ol>{''.join(steps)}</ol>"
            f"<p><b>Pay along the way</b></p><ul>{pay}</ul><p><small>Official comparison: {esc(plan.bls['text'])}</small></p>"
            f"<p><b>Continuing education once you hold these credentials</b></p><ul>{ce}</ul>"
            f"<p><b>Budget.</b> {esc(plan.budget_note)}</p>"
            f"<p><b>Check for your state:</b></p><ul>{verify}</ul>")


def career_plan(folder: str | Path = ".", start: Any = None, *, dashboard: bool = False) -> Panel:
    """Enter where you are and where you want to go; get dated steps, each with its reason, and save them.

    ``folder`` is where Save writes (default: the notebook's folder); ``start`` the first month of
    the plan (default: the first of next month). ``dashboard=True`` is for a projected dashboard
    (``dashboards/``, served by Voila): the timeline is drawn at the projection size and Save
    writes nothing on the server; it offers the plan as a download link instead.

    >>> p = career_plan(start="2027-01-01")
    >>> p.controls["target"].value = 4
    >>> p.controls["bachelors"].value = False
    >>> "Choose step 3" in p.result.value
    True
    >>> d = career_plan(start="2027-01-01", dashboard=True); d.controls["save"].click()
    >>> "download='my-career-plan.md'" in d.saved.value and "file browser" not in d.saved.value
    True
    """
    ladder = data.load("career_ladder").sort_values("step")
    first = education.parse_start(start).date() if start is not None else \
        (pd.Timestamp.today().normalize() + pd.offsets.MonthBegin(1)).date()
    # A dashboard's text is larger (widgets.base.for_projection): its labels and boxes get more room.
    wide = w.Layout(width="580px" if dashboard else "500px")
    style = {"description_width": "270px" if dashboard else "210px"}
    controls: dict[str, w.Widget] = {
        "education": w.Dropdown(options=education.EDUCATION_LEVELS, value="High-school diploma or GED",
                                description="Education:", style=style, layout=wide),
        "credentials": w.SelectMultiple(options=credentials.credential_names(), value=(), rows=4,
                                        description="Credentials held:", style=style,
                                        layout=w.Layout(width="400px") if dashboard else w.Layout()),
        "experience": w.Text(value="0", description="Months of work in the field:", style=style, layout=wide),
        "hours": w.Text(value="10", description="Study hours a week:", style=style, layout=wide),
        "budget": w.Text(value="", placeholder="optional, e.g. 2000", description="Budget (US$):", style=style,
                         layout=wide),
        "target": w.Dropdown(options=[(f"{int(s)}. {lv}", int(s)) for s, lv in zip(ladder["step"], ladder["level"])],
                             value=2, description="Target role:", style=style, layout=w.Layout(width="620px")),
        "bachelors": w.Checkbox(value=True, description="I am willing to study for a bachelor's degree", indent=False,
                                 layout=w.Layout(width="auto")),
        "state": w.Text(value="", placeholder="e.g. Ohio or OH", description="State:", style=style, layout=wide),
        "start": w.DatePicker(value=first, description="Start:", style=style,
                              layout=w.Layout(width="460px" if dashboard else "380px")),
    }
    filename = w.Text(value="my-career-plan.md", description="File name:",
                      style={"description_width": "initial"} if dashboard else {},
                      layout=w.Layout(width="420px" if dashboard else "360px"))
    # Voila's page links its icon font from the internet: offline, a dashboard's button has no icon.
    save = w.Button(description="Save my plan", icon="" if dashboard else "save", button_style="primary")
    saved = w.HTML()
    result = w.HTML()
    chart = ChartView()
    cache: dict[tuple, charts.Picture] = {}
    state: dict[str, Any] = {"plan": None}
    source = ("Plan: lesson 17 rules applied to the course tables education_paths, eligibility_routes, "
              f"certifications and certification_rules (tags in each). {data.cite('career_ladder')}")

    def picture(rows: pd.DataFrame, title: str) -> charts.Picture:
        key = (title, tuple(rows["milestone"]), tuple(rows["kind"]), tuple(rows["start"]), tuple(rows["date"]))
        if key not in cache:
            if len(cache) >= _CACHE_SIZE:
                cache.pop(next(iter(cache)))
            cache[key] = charts.picture(charts.timeline(rows, source, title=title), projection=dashboard)
        return cache[key]

    def profile() -> planning.Profile:
        c = controls
        return planning.Profile(education=c["education"].value, credentials=tuple(c["credentials"].value),
                                experience_months=c["experience"].value, hours_per_week=c["hours"].value,
                                budget=c["budget"].value, target=c["target"].value, state=c["state"].value,
                                bachelors_ok=c["bachelors"].value, start=education.parse_start(c["start"].value))

    @safe(result)
    def update(_change: Any = None) -> None:
        state["plan"] = None
        saved.value = ""  # a save message belongs to the plan it saved, never to a changed form
        chart.hide()  # an entry the plan refuses leaves no stale chart beside the message
        plan = planning.make_plan(profile())
        state["plan"] = plan
        result.value = plan_html(plan)
        chart.show(picture(plan.timeline_rows(), f"Your plan, month by month: {plan.target_level}"))

    @safe(saved)
    def on_save(_button: Any = None) -> None:
        if state["plan"] is None:
            raise ValueError("There is no plan to save yet: fix the entry the message above points to first.")
        name = filename.value.strip()
        if dashboard:  # nothing is written on the server: the browser downloads the file
            file_name = plan_file_name(name)
            link = download_link(state["plan"].to_markdown(), file_name, f"Download {file_name}")
            saved.value = (message("Your plan is ready as a Markdown file (plain text you can open in any editor).",
                                   "success") + f"<p>{link} <small>(your browser saves it in its downloads "
                                                "folder)</small></p>")
            return
        try:  # a refused name (outside the folder, too long, odd characters) is a ValueError with its message
            written = planning.save_plan(state["plan"], name, folder=folder)
        except OSError as exc:
            raise ValueError(f"Your plan could not be saved in {Path(folder).resolve()} "
                             f"({exc.strerror or exc}). Check that the folder can be written and the disk has "
                             "space, then press Save again; the plan is still on screen.") from None
        note = "" if written.name in (Path(name).name, Path(name).name + ".md") else \
            f" A file called {Path(name).name} already existed, so nothing was overwritten."
        saved.value = message(f"Saved to {written}.{note} Open it in JupyterLab's file browser or any text editor.",
                              "success")

    for control in controls.values():
        control.observe(update, names="value")
    save.on_click(on_save)
    update()
    form = w.VBox([controls[k] for k in ("education", "credentials", "experience", "hours", "budget", "target",
                                         "bachelors", "state", "start")])
    panel = Panel({**controls, "filename": filename, "save": save}, [
        form, result, chart, w.HBox([filename, save]), saved,
        source_note("career_ladder", "bls_wages", "certifications")], result, chart)
    panel.saved = saved
    return for_projection(panel) if dashboard else panel
