"""Building blocks every widget uses: the Panel, messages, source notes, the safe callback.

>>> message("Saved.", "success")[:12]
'<div style="'
"""
from __future__ import annotations

import base64
import functools
import html
from typing import Any, Callable

import ipywidgets as w

from .. import data
from ..snapshot import SnapshotHTML, StaticSnapshot

__all__ = ["Panel", "ChartView", "message", "source_note", "safe", "download_link", "for_projection",
           "PROJECTION_CSS", "TEXT_COLOURS"]

#: Colors for words (a verdict, a status, points): darker shades of the charts' Okabe-Ito green,
#: orange and vermilion, because text needs a contrast of at least 4.5:1 on white (WCAG AA) and the
#: chart shades give only 2.3-3.9:1. Bars, borders and swatches keep the chart colors.
TEXT_COLOURS = {"good": "#006D4E", "caution": "#8A5A00", "bad": "#A63A00", "info": "#0072B2", "muted": "#595959"}

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


def download_link(text: str, filename: str, label: str, mime: str = "text/markdown") -> str:
    """HTML for a link that hands ``text`` to the browser as a file called ``filename``.

    The file travels inside the link (a ``data:`` address with the ``download`` attribute), so it
    needs no server folder and no file browser: a dashboard uses it where a lesson saves a file.

    >>> link = download_link("# Plan", "my plan.md", "Download my plan")
    >>> "download='my plan.md'" in link and "base64,IyBQbGFu" in link
    True
    """
    if not isinstance(filename, str) or not filename.strip():
        raise ValueError(f"download_link(): the file name {filename!r} is empty; give one such as my-plan.md.")
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (f"<a download='{html.escape(filename.strip(), quote=True)}' "
            f"href='data:{html.escape(mime, quote=True)};charset=utf-8;base64,{data}' "
            f"style='font-weight:bold'>{html.escape(label)}</a>")


#: Text sizes of a widget in a projected dashboard: controls and prose at 16 px, small print at 14 px
#: (JupyterLab's own are 13 and about 11 px). Scoped to the widget, so nothing else on a page changes.
PROJECTION_CSS = (
    "<style>.mrt-projection{--jp-widgets-font-size:16px;--jp-widgets-inline-height:32px;--jp-ui-font-size1:16px;"
    "--jp-content-font-size1:16px;font-size:16px}"
    ".mrt-projection small,.mrt-projection figcaption{font-size:14px!important}"
    ".mrt-projection .widget-html-content,.mrt-projection td,.mrt-projection th{font-size:16px}</style>"
)


def for_projection(panel: Panel) -> Panel:
    """Make ``panel`` readable on a projector (a dashboard's widget): larger text for its controls,
    results and sources. Returns the same panel.

    >>> p = for_projection(Panel({}, [w.HTML("x")], w.HTML()))
    >>> "mrt-projection" in p._dom_classes, p.children[0].value == PROJECTION_CSS
    (True, True)
    """
    panel.add_class("mrt-projection")
    panel.children = (w.HTML(PROJECTION_CSS), *panel.children)
    return panel


def source_note(name: str, *more: str) -> SnapshotHTML:
    """Small grey lines naming the sources of one or more tables, with date and verification tag.
    With several tables each line names its table; tables with the same source share one line, so
    no source is printed twice.

    >>> "as of 2011-05" in source_note("wages_by_industry").value
    True
    >>> source_note("wages_by_industry", "wages_by_industry").value.count("Source")
    1
    >>> "Source (Tuition reference" in source_note("education_paths", "tuition_reference").value
    True
    """
    lines: dict[str, list[str]] = {}  # source text -> the tables it covers
    for each in (name, *more):
        s = data.source(each)
        tag = s["verification"]
        # A one-letter tag covers the whole table; otherwise the tag is given per row or per fact.
        tagged = f"tag {tag}: {_TAGS[tag]}" if tag in _TAGS else f"verification tags {tag}"
        text = f"{s['source']} (as of {s['as_of']}; {tagged}). License: {s['licence']}."
        if s["title"] not in lines.setdefault(text, []):
            lines[text].append(s["title"])
    named = len({t for titles in lines.values() for t in titles}) > 1
    return SnapshotHTML("".join(
        f'<small style="color:#555;line-height:1.4;display:block">'
        f'Source{" (" + html.escape(", ".join(titles)) + ")" if named else ""}: {html.escape(text)}</small>'
        for text, titles in lines.items()))


class ChartView(w.HTML):
    """Where a widget shows its chart: an HTML image with alternative text and a one-line caption
    (ipywidgets' own Image widget has no alternative text). ``png`` holds the bytes shown.

    >>> from helpers.charts import Picture
    >>> view = ChartView(); view.show(Picture(b"png", "Chart: Wages.")); view.png, "alt='Chart: Wages.'" in view.value
    (b'png', True)
    >>> view.hide(); view.layout.display
    'none'
    """

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.png = b""
        self.layout.max_width = "100%"

    def show(self, picture: Any) -> None:
        """Show ``picture`` (a :class:`helpers.charts.Picture`) in place of whatever was there."""
        self.png = picture.png
        self.value = picture.html()
        self.layout.display = None

    def hide(self) -> None:
        """Hide the chart (an entry was refused: no stale chart beside the message)."""
        self.layout.display = "none"


class Panel(StaticSnapshot, w.VBox):
    """A widget with named ``controls`` and a ``result`` HTML area (plus optional chart).

    A static page shows it as a still picture of its first state (see :mod:`helpers.snapshot`).
    """

    def __init__(self, controls: dict[str, w.Widget], children: list[w.Widget], result: w.HTML,
                 chart: ChartView | None = None):
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
