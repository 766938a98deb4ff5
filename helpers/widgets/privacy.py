"""The widgets of lesson 10: a Safe Harbor before/after viewer and a right-of-access deadline calculator.

Both are thin layers over :mod:`helpers.deid` and :mod:`helpers.release`; every record
they show is synthetic.

>>> p = roi_deadline_calculator()
>>> p.controls["received"].value = dt.date(2025, 11, 3)
>>> "Due date" in p.result.value
True
>>> p.controls["fulfilled"].value = dt.date(2025, 10, 1)
>>> "before the received date" in p.result.value
True
"""
from __future__ import annotations

import datetime as dt
import html
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import data, deid, release, tables
from ..inputs import extract_date_of
from ..synth import EXTRACT_DATE
from .base import TEXT_COLOURS, Panel, message, safe, source_note

__all__ = ["safe_harbor_viewer", "roi_deadline_calculator", "showcase_patients"]

_TABLE_STYLE = "border-collapse:collapse;font-size:12px;margin:4px 0"


def showcase_patients(patients: pd.DataFrame, extract_date: dt.date | str | None = None,
                      n_plain: int = 3) -> list[tuple[str, str]]:
    """(label, patient_id) pairs of synthetic patients that show each Safe Harbor rule at work.

    The oldest patient (age over 89), one in a restricted three-digit ZIP area if the
    table has one, one whose ZIP is malformed, and the first ``n_plain`` others. Ages are on
    ``extract_date`` (default: the table's ``attrs["extract_date"]``).

    >>> pts = data.load("synthetic_patients")
    >>> showcase_patients(pts)[0][0].startswith("Oldest")
    True
    """
    born = pd.to_datetime(patients["birth_date"], errors="coerce", format="ISO8601")
    picks: list[tuple[str, str]] = []
    past = born.where(born <= extract_date_of(extract_date, patients))
    if past.notna().any():
        picks.append(("Oldest patient (age over 89 is grouped)", str(patients.loc[past.idxmin(), "patient_id"])))
    zips = patients["zip"].astype("string").str.strip()
    restricted = zips.str.fullmatch(r"\d{5}").fillna(False).astype(bool) & zips.str[:3].isin(deid.RESTRICTED_ZIP3).fillna(False)
    if restricted.any():
        picks.append(("Restricted ZIP area (becomes 000)", str(patients.loc[restricted.idxmax(), "patient_id"])))
    malformed = zips.notna() & ~zips.str.fullmatch(r"\d{5}(-\d{4})?").fillna(False).astype(bool)
    if malformed.any():
        picks.append(("Malformed ZIP (blanked)", str(patients.loc[malformed.idxmax(), "patient_id"])))
    chosen, plain = {pid for _, pid in picks}, 0
    for pid in patients["patient_id"].astype(str):
        if plain >= n_plain:
            break
        if pid not in chosen:
            picks.append((f"Patient {pid}", pid))
            chosen.add(pid)
            plain += 1
    return picks


def safe_harbor_viewer(extract_date: dt.date | str | None = None) -> Panel:
    """Pick a synthetic patient and see their record before and after ``deid.safe_harbor``, with the report.

    Controls: ``patient`` (dropdown of showcase patients) and ``table`` ("patient" or
    "encounters"). Identifier columns are shaded orange in the "before" table. Ages are on
    ``extract_date`` (default: the synthetic extract's own date).

    >>> p = safe_harbor_viewer()
    >>> p.controls["table"].value = "encounters"
    >>> "admit_year" in p.result.value
    True
    """
    patients = data.load("synthetic_patients")
    encounters = data.load("synthetic_encounters")
    kinds = deid.declared_columns()
    identifiers = {c for c, k in kinds.items() if k not in (None, "code")}
    when = extract_date_of(extract_date, patients)
    options = showcase_patients(patients, when)
    patient = w.Dropdown(options=options, value=options[0][1], description="Patient:",
                         style={"description_width": "initial"}, layout=w.Layout(width="480px"))
    table = w.ToggleButtons(options=[("Patient record", "patient"), ("Encounters", "encounters")], value="patient",
                            description="Table:", style={"description_width": "initial"})
    result = w.HTML()

    @safe(result)
    def redraw(_change: Any = None) -> None:
        source = patients if table.value == "patient" else encounters
        before = source[source["patient_id"] == patient.value]
        if before.empty:
            result.value = message(f"Patient {patient.value} has no {table.value} rows in the synthetic extract.", "info")
            return
        after = deid.safe_harbor(before, extract_date=when)
        report = deid.safe_harbor_report(after)
        result.value = (
            "<p><b>Before</b> (identifiers shaded orange):</p>"
            + tables.show(before, max_rows=8, highlight=identifiers, missing="(empty)")._repr_html_()
            + "<p><b>After</b> <code>deid.safe_harbor</code>:</p>"
            + tables.show(after, max_rows=8, missing="(empty)")._repr_html_()
            + "<p><b>What was done, column by column</b> (<code>deid.safe_harbor_report</code>):</p>"
            + tables.show(report, missing="")._repr_html_()
        )

    patient.observe(redraw, names="value")
    table.observe(redraw, names="value")
    redraw()
    return Panel({"patient": patient, "table": table}, [w.HBox([patient, table]), result,
                                                         source_note("synthetic_patients")], result)


def _rule_text() -> str:
    rules = data.load("privacy_rules").set_index("rule_id")
    lines = []
    for rule_id in ("access_days", "access_extension_days"):
        row = rules.loc[rule_id]
        lines.append(f"<li>{html.escape(str(row['statement']))}: <b>{int(row['value'])} {html.escape(str(row['unit']))}</b> "
                     f"({html.escape(str(row['citation']))}; tag {html.escape(str(row['tag']))})</li>")
    return "<ul style='margin:2px 0'>" + "".join(lines) + "</ul>"


def roi_deadline_calculator(received: dt.date = dt.date(2025, 11, 3), as_of: dt.date = EXTRACT_DATE) -> Panel:
    """Right-of-access deadline of one request: due date, extension, status and days late.

    Controls: ``received``, ``notice`` (a written extension notice was sent),
    ``notice_date``, ``fulfilled`` (empty: still open) and ``as_of`` (the day you look).
    Impossible dates show a message; a notice sent after the first due date shows why
    it does not extend the deadline.

    >>> p = roi_deadline_calculator()
    >>> p.controls["notice"].value = True
    >>> p.controls["notice_date"].value = dt.date(2025, 11, 20)
    >>> "granted" in p.result.value
    True
    """
    style = {"description_width": "170px"}
    received_w = w.DatePicker(value=received, description="Request received:", style=style)
    notice_w = w.Checkbox(value=False, description="Written extension notice sent", indent=False)
    notice_date_w = w.DatePicker(value=None, description="Notice sent on:", style=style, disabled=True)
    fulfilled_w = w.DatePicker(value=None, description="Fulfilled on (empty: open):", style=style)
    as_of_w = w.DatePicker(value=as_of, description="Looking on:", style=style)
    result = w.HTML()
    rules = w.HTML("<p style='margin:2px 0'>The rules the calculator applies:</p>" + _rule_text())

    @safe(result)
    def redraw(_change: Any = None) -> None:
        notice_date_w.disabled = not notice_w.value
        if received_w.value is None:
            result.value = message("Enter the date the request was received.", "info")
            return
        if notice_w.value and notice_date_w.value is None:
            result.value = message("Enter the date the written extension notice was sent, or untick the box.", "info")
            return
        d = release.deadline(received_w.value, notice_date_w.value if notice_w.value else None,
                             fulfilled_w.value, as_of_w.value)
        colour = {"fulfilled on time": TEXT_COLOURS["good"], "open, not yet due": TEXT_COLOURS["info"]}.get(d["status"], TEXT_COLOURS["bad"])
        rows = [("First due date", d["due"].date()), ("Extension", d["extension"]),
                ("Due date that applies", d["final_due"].date()),
                ("Status", f"<b style='color:{colour}'>{html.escape(d['status'])}</b>"),
                ("Days late", d["days_late"])]
        body = "".join(f"<tr><td style='padding:2px 8px'>{k}</td><td style='padding:2px 8px'>"
                       f"{v if k == 'Status' else html.escape(str(v))}</td></tr>" for k, v in rows)
        notes = "".join(message(n, "info") for n in d["notes"])
        result.value = notes + f"<table style='{_TABLE_STYLE}'>{body}</table>"

    for control in (received_w, notice_w, notice_date_w, fulfilled_w, as_of_w):
        control.observe(redraw, names="value")
    redraw()
    controls = {"received": received_w, "notice": notice_w, "notice_date": notice_date_w,
                "fulfilled": fulfilled_w, "as_of": as_of_w}
    return Panel(controls, [rules, received_w, w.HBox([notice_w, notice_date_w]), fulfilled_w, as_of_w, result,
                            source_note("privacy_rules")], result)
