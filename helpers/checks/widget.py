"""The learner's progress, per lesson: a table and an ipywidgets panel with a reset button.

Each problem with a declared workbook counts once, by its latest check:
*correct*, *attempted* (checked, not correct yet) or *not started* (never
checked, or only checked while still untouched).

>>> import tempfile, pathlib
>>> table = progress_table(pathlib.Path(tempfile.mkdtemp()) / "progress.json")
>>> table.loc[table["lesson"] == "02", ["problems", "correct", "not_started"]].values.tolist()
[[5, 0, 5]]
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pandas as pd

from . import grading, progress
from .results import CORRECT, INCORRECT

__all__ = ["progress_table", "progress_widget"]


def progress_table(path: Path | None = None) -> pd.DataFrame:
    """One row per lesson with an exercise workbook: problems, correct, attempted, not_started."""
    from helpers import data

    state, _ = progress.load_progress(path or progress.progress_path())
    entries = state["problems"]
    declared = set(grading.available_lessons())
    rows = []
    lessons = data.load("lessons")
    for number, title, exercise in zip(lessons["number"], lessons["title"], lessons["exercise"]):
        if pd.isna(exercise):
            continue
        keys = [p.key for p in grading.lesson_problems(number)] if number in declared else []
        outcomes = [entries.get(k, {}).get("outcome") for k in keys]
        correct = sum(o == CORRECT for o in outcomes)
        attempted = sum(o == INCORRECT for o in outcomes)
        rows.append({"lesson": str(number), "title": str(title), "problems": len(keys), "correct": correct,
                     "attempted": attempted, "not_started": len(keys) - correct - attempted})
    return pd.DataFrame(rows, columns=["lesson", "title", "problems", "correct", "attempted", "not_started"])


def _table_html(table: pd.DataFrame) -> str:
    head = "".join(f"<th style='text-align:left;padding:2px 8px'>{h}</th>" for h in
                   ["Lesson", "Title", "Correct", "Attempted", "Not started"])
    body = []
    for row in table.itertuples():
        if row.problems == 0:
            cells = [row.lesson, html.escape(row.title), "", "no exercises yet", ""]
        else:
            cells = [row.lesson, html.escape(row.title), f"{row.correct} of {row.problems}", row.attempted,
                     row.not_started]
        body.append("<tr>" + "".join(f"<td style='padding:2px 8px'>{c}</td>" for c in cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def progress_widget(path: Path | None = None) -> Any:
    """A panel showing progress per lesson, with Refresh and a Reset that asks first and keeps a backup."""
    import ipywidgets as w

    where = path or progress.progress_path()
    table = w.HTML()
    message = w.HTML()
    refresh = w.Button(description="Refresh", icon="refresh")
    reset = w.Button(description="Reset progress...", button_style="warning")
    confirm_yes = w.Button(description="Yes, clear it", button_style="danger")
    confirm_no = w.Button(description="Cancel")
    confirm = w.HBox([w.HTML("Clear all recorded progress? A backup copy is kept."), confirm_yes, confirm_no])
    confirm.layout.display = "none"

    def show(_: Any = None) -> None:
        if where is None:
            table.value = ("<p>Progress saving is turned off (the environment variable "
                           f"{progress.PROGRESS_ENV} is set to <code>off</code>).</p>")
            return
        _, notices = progress.load_progress(where)
        table.value = _table_html(progress_table(where))
        if notices:
            message.value = "<p>" + "<br>".join(html.escape(n) for n in notices) + "</p>"

    def ask(_: Any) -> None:
        confirm.layout.display = "flex"

    def cancel(_: Any) -> None:
        confirm.layout.display = "none"
        message.value = "<p>Nothing was cleared.</p>"

    def clear(_: Any) -> None:
        confirm.layout.display = "none"
        try:
            backup = progress.reset_progress(where)
        except OSError as exc:
            message.value = f"<p>Could not clear progress: {html.escape(str(exc))}</p>"
            return
        message.value = ("<p>Progress cleared." + (f" The old file was kept as <code>{html.escape(str(backup))}"
                         "</code>." if backup else "") + "</p>")
        show()

    refresh.on_click(show)
    reset.on_click(ask)
    confirm_no.on_click(cancel)
    confirm_yes.on_click(clear)
    show()
    from ..snapshot import SnapshotVBox

    return SnapshotVBox([w.HTML("<b>Your progress</b>"), table, w.HBox([refresh, reset]), confirm, message])
