"""The practice-exam widget of lesson 18: a domain-weighted exam, a report per domain, spaced review.

A thin layer over :mod:`helpers.exam`. Results and the review schedule are kept in the
learner's progress file (sections ``exams`` and ``review``); nothing is saved while
``MRT_PROGRESS_FILE=off``.

>>> p = practice_exam(today="2026-12-01")
>>> p.controls["size"].value = 10
>>> p.controls["start"].click()
>>> "Question 1 of 10" in p.question.value
True
>>> p.controls["finish"].click()
>>> "0 of 10" in p.result.value
True
"""
from __future__ import annotations

import datetime as dt
import html
import time
from pathlib import Path
from typing import Any, Callable

import ipywidgets as w

from .. import charts, data, exam, lessons, tables
from ..checks import progress
from .base import ChartView, Panel, for_projection, message, safe, source_note

__all__ = ["practice_exam", "ExamPanel", "SIZES"]

#: Exam lengths offered: short drills up to the real exam's length.
SIZES = (10, 25, 50, 150)
_NOTE = ("Practice only: a score here does not predict a result on the real exam, whose questions, "
         "forms and scaled scoring are AHIMA's own.")


class ExamPanel(Panel):
    """The widget: ``controls`` (size, exam number, timed, mode, start, previous, next, finish, choice),
    ``question`` (the question shown), ``status`` and ``result`` (the report)."""

    ids: list[str]
    answers: dict[str, str | None]


def _letter(option: str | None) -> str | None:
    return None if option is None else option.split(".", 1)[0]


def practice_exam(today: dt.date | str | None = None, *, clock: Callable[[], float] = time.monotonic,
                  progress_file: Any = None, dashboard: bool = False) -> ExamPanel:
    """Build the practice-exam widget. ``today`` fixes the date for the review schedule (default: today);
    ``dashboard=True`` draws the score chart at the projection size (``charts.picture(projection=True)``) and
    sets the text larger (``widgets.base.for_projection``)."""
    progress_file = None if progress_file is None else Path(progress_file)
    size = w.Dropdown(options=[(f"{n} questions", n) for n in SIZES], value=25, description="Length",
                      style={"description_width": "initial"})
    number = w.BoundedIntText(value=1, min=1, max=9999, description="Exam number",
                              style={"description_width": "initial"}, layout=w.Layout(width="180px"))
    timed = w.Checkbox(value=False, description="Timed, at the real exam's pace", indent=False)
    mode = w.ToggleButtons(options=["New practice exam", "Review my misses"], value="New practice exam",
                           style={"button_width": "auto"})
    start = w.Button(description="Start", button_style="primary")
    previous = w.Button(description="Previous", disabled=True)
    nxt = w.Button(description="Next", disabled=True)
    finish = w.Button(description="Finish and score", button_style="success", disabled=True)
    choice = w.RadioButtons(options=[], value=None, layout=w.Layout(width="auto"))
    question, status, result = w.HTML(), w.HTML(), w.HTML()
    chart = ChartView()
    chart.hide()
    controls = {"size": size, "number": number, "timed": timed, "mode": mode, "start": start,
                "previous": previous, "next": nxt, "finish": finish, "choice": choice}
    panel = ExamPanel(controls, [
        w.HBox([size, number, timed]), mode, start, question, choice, w.HBox([previous, nxt, finish]), status,
        result, chart, w.HTML(message(_NOTE)), source_note("exam_questions", "rhit_exam_domains")], result, chart)
    panel.question, panel.status = question, status
    state: dict[str, Any] = {"ids": [], "at": 0, "started": 0.0, "review": False, "rows": None}
    panel.ids, panel.answers = [], {}
    on = safe(result)

    def day() -> dt.date:
        return dt.date.fromisoformat(str(today)) if today is not None else dt.date.today()

    def review_state() -> dict[str, Any]:
        found, notices = progress.read_section("review", progress_file)
        if notices:
            status.value = message(" ".join(notices))
        return found

    def refresh_mode_label() -> None:
        waiting = len(exam.due(review_state(), today=day()))
        mode.options = ["New practice exam", f"Review my misses ({waiting} due)"]

    def show_question() -> None:
        ids, at = state["ids"], state["at"]
        q = state["rows"].iloc[at]
        domain = exam.domains().set_index("domain").loc[int(q["domain"]), "name"]
        question.value = (f'<div class="tex2jax_ignore mathjax_ignore"><b>Question {at + 1} of {len(ids)}</b> '
                          f'<small style="color:#555">({html.escape(str(domain))})</small>'
                          f'<p style="font-size:15px;line-height:1.45">{html.escape(str(q["stem"]))}</p></div>')
        options = [f"{x}. {q['option_' + x.lower()]}" for x in exam.LETTERS]
        chosen = panel.answers.get(ids[at])
        choice.options = options
        choice.value = next((o for o in options if _letter(o) == chosen), None)
        previous.disabled = at == 0
        nxt.disabled = at == len(ids) - 1
        show_status()

    def show_status() -> None:
        answered = sum(v is not None for v in panel.answers.values())
        text = f"Answered {answered} of {len(state['ids'])}."
        if timed.value and state["ids"]:
            used = dt.timedelta(seconds=int(clock() - state["started"]))
            allowed = exam.time_allowed(len(state["ids"]))
            text += f" Time used {used} of {allowed} allowed."
        status.value = f"<i>{html.escape(text)}</i>"

    def remember(change: dict[str, Any]) -> None:
        if state["ids"] and change.get("name") == "value":
            panel.answers[state["ids"][state["at"]]] = _letter(change["new"])
            show_status()

    @on
    def begin(_: Any = None) -> None:
        result.value = ""
        chart.hide()
        state["review"] = str(mode.value).startswith("Review")
        if state["review"]:
            ids = exam.due(review_state(), today=day())[: size.value]
            if not ids:
                raise ValueError("No missed question is due for review today. Take a practice exam first, "
                                 "or come back on the day your next review is due.")
        else:
            ids = exam.draw_exam(size.value, seed=number.value)
        state.update(ids=ids, at=0, started=clock(), rows=exam.questions_by_id(ids))
        panel.ids, panel.answers = ids, {i: None for i in ids}
        finish.disabled = False
        show_question()

    @on
    def move(step: int) -> None:
        if state["ids"]:
            state["at"] = min(max(state["at"] + step, 0), len(state["ids"]) - 1)
            show_question()

    @on
    def score(_: Any = None) -> None:
        if not state["ids"]:
            raise ValueError("Press Start first: there is no exam to score yet.")
        report = exam.score(state["ids"], panel.answers)
        elapsed = clock() - state["started"]
        right = dict(zip(report.rows["id"], report.rows["correct"]))
        notices = progress.update_section(
            "review", lambda old: exam.schedule(old, right, today=day()), progress_file)
        entry = {"date": day().isoformat(), "kind": "review" if state["review"] else "exam",
                 "exam_number": number.value, "questions": len(state["ids"]), "right": int(sum(right.values())),
                 "seconds": round(elapsed), "timed": bool(timed.value), "missed": report.missed}
        notices += progress.update_section("exams", lambda old: (old + [entry])[-200:], progress_file)
        result.value = _report_html(report, elapsed if timed.value else None, len(state["ids"]), notices)
        chart.show(charts.picture(charts.domain_scores_chart(report.by_domain, data.cite("exam_questions")),
                                  projection=dashboard))
        state.update(ids=[], rows=None)
        for b in (previous, nxt, finish):
            b.disabled = True
        question.value, choice.options = "", []
        status.value = ""
        refresh_mode_label()

    choice.observe(remember, names="value")
    start.on_click(begin)
    previous.on_click(lambda _b: move(-1))
    nxt.on_click(lambda _b: move(1))
    finish.on_click(score)
    refresh_mode_label()
    return for_projection(panel) if dashboard else panel


def _report_html(report: exam.ExamReport, elapsed: float | None, n: int, notices: list[str]) -> str:
    """The score, the table per domain, and each missed question with why the right answer is right."""
    parts = [f"<h4>{int(report.rows['correct'].sum())} of {n} right ({report.percent:.0f}%)</h4>"]
    if elapsed is not None:
        allowed = exam.time_allowed(n)
        used = dt.timedelta(seconds=int(elapsed))
        verdict = "within" if used <= allowed else "over"
        parts.append(f"<p>Time used {used}, {verdict} the {allowed} the real exam's pace allows.</p>")
    shown = report.by_domain.rename(columns={"name": "domain name"})
    parts.append(tables.show(shown, formats={"percent": "percent"}, missing="")._repr_html_())
    rows = exam.questions_by_id(report.missed) if report.missed else None
    if rows is not None:
        parts.append("<h4>Questions to look at again</h4>")
        chosen = report.rows.set_index("id")["chosen"]
        for _, q in rows.iterrows():
            right = str(q["answer"])
            mine = chosen.get(q["id"])
            lesson = lessons.lesson(str(q["lesson"]))
            why_mine = "" if mine is None else (f"<br>You chose {mine}: "
                                                f"{html.escape(str(q['why_' + mine.lower()]))}")
            parts.append(
                f'<p><b>{html.escape(str(q["id"]))}</b> {html.escape(str(q["stem"]))}{why_mine}'
                f"<br>Right answer {right}. {html.escape(str(q['option_' + right.lower()]))}: "
                f"{html.escape(str(q['why_' + right.lower()]))}<br><small>Study: lesson {lesson['number']} "
                f"{html.escape(str(lesson['title']))} ({html.escape(str(lesson['notebook']))}). "
                "It comes back for review tomorrow.</small></p>")
    for notice in notices:
        parts.append(message(notice))
    return '<div class="tex2jax_ignore mathjax_ignore">' + "".join(parts) + "</div>"
