"""The widget of lesson 11: a breach scenario walked to its notification duties and deadlines.

A thin layer over :func:`helpers.breach.notification_duties`; the scenario is made up.

>>> p = breach_walkthrough()
>>> p.controls["affected"].value = 499
>>> "more than the 499 affected" in p.result.value
True
>>> p.controls["states"].value = "NH: 300"
>>> "yearly report" in p.result.value
True
"""
from __future__ import annotations

import datetime as dt
import html
from typing import Any

import ipywidgets as w

from .. import breach
from .base import TEXT_COLOURS, Panel, message, safe, source_note

__all__ = ["breach_walkthrough", "parse_states"]

_TABLE_STYLE = "border-collapse:collapse;font-size:12px;margin:4px 0;line-height:1.4"


def parse_states(text: str) -> dict[str, int]:
    """Residents per state from text such as ``"NH: 530, VT: 82"`` (empty text: no states).

    >>> parse_states("NH: 530, vt 82")
    {'NH': 530, 'VT': 82}
    >>> parse_states("NH=many")
    Traceback (most recent call last):
    ...
    ValueError: 'NH=many' is not a state and a count; write them as NH: 530, VT: 82.
    """
    out: dict[str, int] = {}
    for part in str(text or "").replace(";", ",").split(","):
        piece = part.strip()
        if not piece:
            continue
        bits = piece.replace(":", " ").replace("=", " ").split()
        if len(bits) != 2 or not bits[1].isdigit():
            raise ValueError(f"{piece!r} is not a state and a count; write them as NH: 530, VT: 82.")
        state = bits[0].upper()
        if state in out:
            raise ValueError(f"State {state!r} appears twice; give each state once.")
        out[state] = int(bits[1])
    return out


def breach_walkthrough(discovered: dt.date = dt.date(2026, 3, 2), affected: int = 612,
                       states: str = "NH: 530, VT: 82") -> Panel:
    """Walk a made-up breach to its duties: who is told, the latest day, and the rule behind it.

    Controls: ``discovered`` (date), ``affected`` (people), ``states`` (residents per
    state, as text), ``low_probability`` (the four-factor assessment found a low
    probability of compromise), ``secured`` (encrypted as HHS guidance describes) and
    ``business_associate`` (a business associate discovered it).

    >>> p = breach_walkthrough()
    >>> p.controls["secured"].value = True
    >>> "No notice" in p.result.value
    True
    """
    style = {"description_width": "190px"}
    discovered_w = w.DatePicker(value=discovered, description="Breach discovered on:", style=style,
                                layout=w.Layout(width="360px"))
    affected_w = w.BoundedIntText(value=affected, min=0, max=10_000_000, description="People affected:", style=style)
    states_w = w.Text(value=states, description="Residents per state:", style=style,
                      placeholder="NH: 530, VT: 82", layout=w.Layout(width="420px"))
    whole = w.Layout(width="auto")  # a checkbox's label is shortened to "..." when its box is too narrow
    low_w = w.Checkbox(value=False, description="Assessment: low probability of compromise", indent=False,
                       layout=whole)
    secured_w = w.Checkbox(value=False, description="PHI was encrypted (secured)", indent=False, layout=whole)
    ba_w = w.Checkbox(value=False, description="Discovered by a business associate", indent=False, layout=whole)
    result = w.HTML()

    @safe(result)
    def redraw(_change: Any = None) -> None:
        if discovered_w.value is None:
            result.value = message("Enter the day the breach was discovered.", "info")
            return
        duties = breach.notification_duties(discovered_w.value, affected_w.value, parse_states(states_w.value),
                                            low_probability=low_w.value, secured=secured_w.value,
                                            business_associate=ba_w.value)
        body = []
        for row in duties.itertuples(index=False):
            when = row.deadline.date().isoformat() if row.required else "no duty"
            colour = TEXT_COLOURS["bad"] if row.required else TEXT_COLOURS["good"]
            body.append(f"<tr><td style='padding:2px 8px'>{html.escape(row.notify)}</td>"
                        f"<td style='padding:2px 8px;white-space:nowrap;color:{colour}'><b>{html.escape(when)}</b></td>"
                        f"<td style='padding:2px 8px;white-space:nowrap'>{html.escape(row.rule)}</td>"
                        f"<td style='padding:2px 8px'>{html.escape(row.why)}</td></tr>")
        head = ("<tr><th style='padding:2px 8px'>Notify</th><th style='padding:2px 8px'>Latest day</th>"
                "<th style='padding:2px 8px'>Rule</th><th style='padding:2px 8px'>Why</th></tr>")
        result.value = (f"<table style='{_TABLE_STYLE}'>{head}{''.join(body)}</table>"
                        + message("A latest day is an outer limit: the rule asks for notice without unreasonable "
                                  "delay. State law may add duties.", "info"))

    controls = {"discovered": discovered_w, "affected": affected_w, "states": states_w,
                "low_probability": low_w, "secured": secured_w, "business_associate": ba_w}
    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    return Panel(controls, [discovered_w, affected_w, states_w, low_w, secured_w, ba_w, result,
                            source_note("breach_notification")], result)
