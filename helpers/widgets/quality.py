"""The widget of lesson 08: a data-entry checker.

Type a phone number, ZIP code, birth date and ICD-10-CM code as a registration clerk
would, and see which checks pass and the standard form the record should store. The
logic is :func:`helpers.quality.check_entry`.

>>> p = data_entry_checker(as_of="2026-01-01")
>>> p.controls["phone"].value = "617.555.0101"
>>> "(617) 555-0101" in p.result.value
True
>>> p.controls["birth_date"].value = "2/30/1970"
>>> "not a date in a known layout" in p.result.value
True
"""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from .. import quality
from .base import Panel, message, safe

__all__ = ["data_entry_checker", "entry_html"]

#: What the boxes hold when the checker opens: a few typical slips to look at.
_PAD = "padding:3px 10px 3px 0;vertical-align:top"
EXAMPLE = {"phone": "617.555.0101", "zip_code": "2134", "birth_date": "03/04/1970", "code": "E11"}


def entry_html(checked: Any) -> str:
    """An HTML table of :func:`helpers.quality.check_entry` results: a pass or fail mark per field.

    >>> "Passes" in entry_html(quality.check_entry("(617) 555-0101", as_of="2026-01-01"))
    True
    """
    td, th = f"<td style='{_PAD}'>", f"<th style='text-align:left;{_PAD}'>"
    rows = []
    for r in checked.itertuples(index=False):
        mark = ("<b style='color:#006D4E;white-space:nowrap'>&#10004; Passes</b>" if r.passed
                else "<b style='color:#A63A00;white-space:nowrap'>&#10008; Fix</b>")
        stored = (f"<code>{html.escape(r.standard)}</code>" if r.standard else "<i>nothing to store</i>"
                  if not r.entered.strip() else "<i>keep as typed, flag for review</i>")
        typed = f"<code>{html.escape(r.entered)}</code>" if r.entered else "<i>(empty)</i>"
        rows.append(f"<tr>{td}<b>{html.escape(r.field)}</b></td>{td}{typed}</td>{td}{mark}</td>{td}{stored}</td>"
                    f"{td}{html.escape(r.message)}</td></tr>")
    head = "<tr>" + "".join(f"{th}{h}</th>" for h in ("Field", "You typed", "Check", "Store as", "Why")) + "</tr>"
    passed = int(checked["passed"].sum())
    summary = message(f"{passed} of {len(checked)} entries pass.", "success" if passed == len(checked) else "info")
    return summary + f"<table style='border-collapse:collapse'>{head}{''.join(rows)}</table>"


def data_entry_checker(as_of: Any = None) -> Panel:
    """Four text boxes (``phone``, ``zip_code``, ``birth_date``, ``code``) and a table of checks.

    ``as_of`` is the date a birth date may not be after (today unless given). Any entry,
    even an empty or strange one, shows a message, never a traceback.
    """
    boxes = {
        "phone": w.Text(value=EXAMPLE["phone"], description="Phone:", placeholder="(617) 555-0101"),
        "zip_code": w.Text(value=EXAMPLE["zip_code"], description="ZIP code:", placeholder="02134"),
        "birth_date": w.Text(value=EXAMPLE["birth_date"], description="Birth date:", placeholder="1970-03-04"),
        "code": w.Text(value=EXAMPLE["code"], description="Diagnosis:", placeholder="ICD-10-CM code, e.g. E11.9"),
    }
    for box in boxes.values():
        box.continuous_update = False
        box.style = {"description_width": "90px"}
        box.layout = w.Layout(width="320px")
    result = w.HTML()

    @safe(result)
    def update(_change: Any = None) -> None:
        checked = quality.check_entry(**{k: b.value for k, b in boxes.items()}, as_of=as_of)
        result.value = entry_html(checked)

    for box in boxes.values():
        box.observe(update, names="value")
    update()
    note = w.HTML('<small style="color:#555">Checks: helpers.quality (phone: 10 digits; ZIP: 5 digits; birth date: '
                  "a real date, not in the future; code: ICD-10-CM, CDC release of April 1, 2026, via the Python "
                  "package simple-icd-10-cm). Type a value and press Enter.</small>")
    rows = [w.HBox([boxes["phone"], boxes["zip_code"]]), w.HBox([boxes["birth_date"], boxes["code"]])]
    return Panel(dict(boxes), [*rows, result, note], result)
