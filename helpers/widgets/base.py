"""Building blocks every widget uses: the Panel, messages, source notes, the safe callback.

>>> message("Saved.", "success")[:12]
'<div style="'
"""
from __future__ import annotations

import functools
import html
from typing import Any, Callable

import ipywidgets as w

from .. import data

__all__ = ["Panel", "message", "source_note", "safe"]

_COLOURS = {"info": "#0072B2", "success": "#009E73", "error": "#D55E00"}
_TAGS = {
    "V": "seen on the official body's own page",
    "S": "a secondary site quoting the official source",
    "G": "stated by a career guide",
    "U": "unverified",
}


def message(text: str, kind: str = "info") -> str:
    """HTML for a short message box; ``kind`` is info, success or error."""
    colour = _COLOURS.get(kind, _COLOURS["info"])
    label = {"error": "Check your entry: ", "success": "", "info": ""}.get(kind, "")
    return (
        f'<div style="border-left:4px solid {colour};padding:4px 8px;margin:4px 0">'
        f"{html.escape(label)}{html.escape(text)}</div>"
    )


def source_note(name: str) -> w.HTML:
    """A small grey line naming a table's source, date and verification tag.

    >>> "as of 2011-05" in source_note("wages_by_industry").value
    True
    """
    s = data.source(name)
    tag = s["verification"]
    # A one-letter tag covers the whole table; otherwise the tag is given per row or per fact.
    tagged = f"tag {tag}: {_TAGS[tag]}" if tag in _TAGS else f"verification tags {tag}"
    text = f"{s['source']} (as of {s['as_of']}; {tagged}). License: {s['licence']}."
    return w.HTML(f'<small style="color:#555">Source: {html.escape(text)}</small>')


class Panel(w.VBox):
    """A widget with named ``controls`` and a ``result`` HTML area (plus optional chart)."""

    def __init__(self, controls: dict[str, w.Widget], children: list[w.Widget], result: w.HTML,
                 chart: w.Image | None = None):
        self.controls = controls
        self.result = result
        self.chart = chart
        super().__init__(children)


def safe(result: w.HTML) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Wrap a callback so a ValueError becomes a message and anything else a polite note."""

    def decorate(func: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> None:
            try:
                func(*args, **kwargs)
            except ValueError as exc:
                result.value = message(str(exc), "error")
            except Exception as exc:  # a learner must never see a traceback
                result.value = message(
                    f"Something went wrong ({type(exc).__name__}: {exc}). "
                    "Try another value; if it keeps happening, restart the kernel and run all cells.",
                    "error",
                )

        return wrapper

    return decorate
