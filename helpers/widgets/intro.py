"""The widgets of lessons 00 and 01: course planner, responsibilities, skills, FAQ.

>>> planner = course_planner()
>>> planner.controls["hours"].value = "none"
>>> "is not a number of hours" in planner.result.value
True
"""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from .. import career, charts, data, store
from .base import ChartView, Panel, message, safe, source_note

__all__ = ["course_planner", "responsibility_explorer", "skills_self_assessment", "faq_browser"]


def course_planner() -> Panel:
    """How many weeks the course takes at the hours a week you type.

    >>> p = course_planner()
    >>> p.controls["hours"].value = "3"
    >>> "weeks" in p.result.value
    True
    """
    lessons = data.load("lessons")
    hours = w.Text(value="3", description="Hours a week:", placeholder="e.g. 3 or 4.5",
                   style={"description_width": "initial"})
    result = w.HTML()

    @safe(result)
    def update(_change: Any = None) -> None:
        per_week = career.parse_hours(hours.value)
        published = career.course_minutes(lessons, available_only=True)
        everything = career.course_minutes(lessons)
        n_pub = int(lessons["available"].sum())
        whole = (f"the whole course of {len(lessons)} lessons and their exercises ({everything / 60:.0f} hours) "
                 f"takes about {career.weeks_to_finish(everything, per_week)} weeks")
        if n_pub < len(lessons):
            text = (f"At {per_week:g} hours a week, the {n_pub} lessons published so far take about "
                    f"{career.weeks_to_finish(published, per_week)} week(s); {whole}.")
        else:
            text = f"At {per_week:g} hours a week, {whole}."
        result.value = message(text, "success")

    hours.observe(update, names="value")
    update()
    return Panel({"hours": hours}, [hours, result, source_note("lessons")], result)


def responsibility_explorer() -> Panel:
    """Pick one of the eleven areas of the job and see what it means and where you practice it.

    >>> p = responsibility_explorer()
    >>> p.controls["area"].value = "Auditing"
    >>> "Lesson 12" in p.result.value
    True
    """
    areas = data.load("responsibilities")
    titles = data.load("lessons").set_index("number")["title"]
    area = w.Dropdown(options=list(areas["area"]), description="Area:")
    result = w.HTML()

    @safe(result)
    def update(_change: Any = None) -> None:
        row = areas[areas["area"] == area.value].iloc[0]
        lesson = str(row["lesson"])
        result.value = (
            f"<h4>{html.escape(row['area'])}</h4><p>{html.escape(row['summary'])}.</p>"
            f"<p><b>For example:</b> {html.escape(row['example'])}.</p>"
            f"<p><b>Where you practice it:</b> Lesson {lesson}, {html.escape(str(titles.get(lesson, '')))}.</p>"
        )

    area.observe(update, names="value")
    update()
    return Panel({"area": area}, [area, result, source_note("responsibilities")], result)


def skills_self_assessment(target: int = 3, use_saved: bool = True) -> Panel:
    """Rate yourself 0-5 on each of the fifteen skills; see a chart and where to focus.

    The sliders start from the ratings saved earlier, if any (``use_saved``);
    the "Save my ratings" button (``panel.save_button``) keeps them in a small
    file on this computer (see ``helpers.store``), and ``panel.save_status`` says where.

    >>> p = skills_self_assessment(use_saved=False)
    >>> p.controls["Medical coding"].value = 5
    >>> "Medical coding" in p.result.value
    True
    """
    skills = data.load("skills")
    saved, notices = store.load_ratings() if use_saved else (None, [])
    saved = saved or {}
    sliders = {
        s: w.IntSlider(value=saved.get(s, 2), min=career.RATING_MIN, max=career.RATING_MAX, description=s,
                       continuous_update=False, style={"description_width": "330px"}, layout=w.Layout(width="600px"))
        for s in skills["skill"]
    }
    lessons = dict(zip(skills["skill"], skills["lesson"]))
    result, chart = w.HTML(), ChartView()
    # Drawn once, then only the bars and numbers are redrawn on each change (see SkillsProfileRenderer).
    renderer = charts.SkillsProfileRenderer(list(sliders), data.cite("skills"), target=target)

    @safe(result)
    def update(_change: Any = None) -> None:
        ratings = {s: int(sl.value) for s, sl in sliders.items()}
        summary = career.skill_summary(ratings, target)
        chart.show(renderer.picture(list(ratings.values())))
        build = ", ".join(f"{html.escape(s)} (lesson {lessons[s]})" for s in summary["to_build"][:5]) or "none: well done"
        strong = ", ".join(html.escape(s) for s in summary["strengths"][:5]) or "none yet, and that is fine"
        result.value = (
            f"<p><b>Average rating:</b> {summary['average']:.1f} of 5.</p>"
            f"<p><b>Your strengths:</b> {strong}.</p><p><b>Build first:</b> {build}.</p>"
        )

    save = w.Button(description="Save my ratings", icon="save", tooltip="Keep these ratings on this computer")
    status = w.HTML()
    matched = sum(s in saved for s in sliders)
    if notices:
        status.value = message(" ".join(notices), "info")
    elif matched:
        status.value = message(f"Started from the ratings you saved earlier ({matched} skills).", "info")

    def save_ratings(_button: Any = None) -> None:
        try:
            where, notes = store.save_ratings({s: int(sl.value) for s, sl in sliders.items()})
        except (OSError, ValueError) as exc:
            status.value = message(f"Your ratings could not be saved ({exc}). They are still on screen; "
                                   f"check that the folder can be written, or set {store.STORE_ENV} "
                                   "to another folder.", "error")
            return
        status.value = message(" ".join(notes + [f"Saved your ratings to {where}. Only this computer has "
                                                 "them; lesson 14 uses them to read job postings."]), "success")

    save.on_click(safe(status)(save_ratings))
    for slider in sliders.values():
        slider.observe(update, names="value")
    update()
    panel = Panel(dict(sliders), [w.VBox(list(sliders.values())), result, chart, w.HBox([save]), status],
                  result, chart)
    panel.save_button, panel.save_status = save, status
    return panel


def faq_browser() -> Panel:
    """Choose a common question and read the short answer, with the lesson that goes deeper.

    >>> p = faq_browser()
    >>> p.controls["question"].value = "Can I work from home?"
    >>> "remote" in p.result.value
    True
    """
    faq = data.load("faq")
    titles = data.load("lessons").set_index("number")["title"]
    pick = w.Dropdown(options=list(faq["question"]), description="Question:",
                      layout=w.Layout(width="600px", max_width="100%"))
    result = w.HTML()
    note = w.HTML()

    @safe(result)
    def update(_change: Any = None) -> None:
        row = faq[faq["question"] == pick.value].iloc[0]
        lesson = str(row["lesson"])
        result.value = (
            f"<p>{html.escape(row['answer'])}</p>"
            f"<p><i>More in lesson {lesson}, {html.escape(str(titles.get(lesson, '')))}.</i></p>"
        )
        # An answer that rests on another course table is cited to that table's source.
        note.value = source_note(row["source_table"] if isinstance(row["source_table"], str) else "faq").value

    pick.observe(update, names="value")
    update()
    return Panel({"question": pick}, [pick, result, note], result)
