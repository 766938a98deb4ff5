"""Still pictures of the course's widgets, for pages read without a running kernel.

JupyterLab draws a widget live from the ``application/vnd.jupyter.widget-view+json`` part of its
output. A static page (the course website, a notebook preview) cannot, and falls back to the text
part, which for ipywidgets is a repr such as ``VBox(children=(...))``. The course's ``Panel`` and
``Quiz`` mix in :class:`StaticSnapshot`, which adds a ``text/html`` part showing what the widget
shows right now (its messages, tables and charts, and the settings of its controls) under a one-line
note that it is live in JupyterLab, and replaces the repr text with that note. JupyterLab still
shows the live widget: it ranks the widget view above HTML.

>>> import ipywidgets as w
>>> box = w.VBox([w.HTML("<b>Result</b>"), w.IntSlider(description="Years", value=3)])
>>> page = snapshot_html(box)
>>> "<b>Result</b>" in page and "Years: 3" in page and NOTE in page
True
"""
from __future__ import annotations

import base64
import html
from typing import Any

import ipywidgets as w

__all__ = ["NOTE", "StaticSnapshot", "SnapshotHTML", "SnapshotVBox", "snapshot_html"]

#: The line above every snapshot.
NOTE = "Interactive in JupyterLab: run this lesson to use it."

_BOX = ("border:1px solid #d0d7de;border-radius:4px;padding:6px 10px;margin:4px 0;"
        "max-width:100%;overflow-wrap:break-word")


def _hidden(widget: Any) -> bool:
    layout = getattr(widget, "layout", None)
    return layout is not None and (layout.display == "none" or layout.visibility == "hidden")


def _label(widget: Any) -> str:
    return html.escape(str(getattr(widget, "description", "") or "").rstrip(":"))


def _setting(widget: Any, shown: str) -> str:
    name = _label(widget)
    text = f"{name}: {shown}" if name else shown
    return f"<div style='color:#333;margin:2px 0'>{text}</div>"


def _output_parts(outputs: Any) -> list[str]:
    parts = []
    for out in outputs:
        data = out.get("data", {})
        if "text/html" in data:
            parts.append(str(data["text/html"]))
        elif "image/png" in data:
            png = data["image/png"]
            png = png if isinstance(png, str) else base64.b64encode(png).decode("ascii")
            alt = html.escape(str(data.get("text/plain", "A chart")), quote=True)
            parts.append(f"<img src='data:image/png;base64,{png}' alt='{alt}' style='max-width:100%;height:auto'>")
        elif "text/plain" in data or "text" in out:
            parts.append(f"<pre style='white-space:pre-wrap'>{html.escape(str(data.get('text/plain', out.get('text', ''))))}</pre>")
    return parts


def _parts(widget: Any) -> list[str]:
    """The HTML of one widget and its children, as it stands now."""
    if _hidden(widget):
        return []
    if isinstance(widget, (w.HTML, w.HTMLMath)):
        return [str(widget.value)] if widget.value else []
    if isinstance(widget, w.Label):
        return [f"<div>{html.escape(str(widget.value))}</div>"] if widget.value else []
    if isinstance(widget, w.Output):
        return _output_parts(widget.outputs)
    if isinstance(widget, w.Box):
        if not isinstance(widget, w.HBox):
            return [p for child in widget.children for p in _parts(child)]
        inner = [part for part in ("".join(_parts(child)) for child in widget.children) if part]
        if len(inner) < 2:
            return inner
        return ["<div style='display:flex;flex-wrap:wrap;gap:4px 16px;align-items:flex-start'>"
                + "".join(f"<div style='max-width:100%'>{p}</div>" for p in inner) + "</div>"]
    if isinstance(widget, w.Button):
        return []
    if isinstance(widget, (w.SelectMultiple, w.Select)):
        chosen = widget.value if isinstance(widget.value, tuple) else (widget.value,)
        labels = [str(label) for label, value in zip(widget._options_labels, widget._options_values) if value in chosen]
        return [_setting(widget, html.escape(", ".join(labels)) if labels else "none chosen")]
    if isinstance(widget, (w.RadioButtons, w.ToggleButtons)):
        chosen = widget.value if isinstance(widget.value, tuple) else (widget.value,)
        items = "".join(f"<li>{html.escape(str(label))}{' (chosen)' if value in chosen else ''}</li>"
                        for label, value in zip(widget._options_labels, widget._options_values))
        head = f"<div>{_label(widget)}</div>" if _label(widget) else ""
        return [f"{head}<ul style='margin:2px 0 6px 1.2em'>{items}</ul>"]
    if isinstance(widget, w.Dropdown):
        return [_setting(widget, html.escape(str(widget.label)) if widget.label is not None else "none chosen")]
    if isinstance(widget, (w.Checkbox, w.ToggleButton)):
        return [_setting(widget, "yes" if widget.value else "no")]
    if isinstance(widget, w.ValueWidget):
        value = widget.value
        shown = " to ".join(map(str, value)) if isinstance(value, tuple) else str(value)
        return [_setting(widget, html.escape(shown) if shown else "(empty)")]
    return []


def snapshot_html(widget: Any, note: str = NOTE) -> str:
    """HTML showing ``widget`` as it stands now, under ``note`` (no note when empty).

    >>> import ipywidgets as w
    >>> "(chosen)" in snapshot_html(w.RadioButtons(options=["A", "B"], value="B"))
    True
    >>> snapshot_html("not a widget")
    Traceback (most recent call last):
    ...
    ValueError: snapshot_html needs an ipywidgets widget; got a str. Pass the widget itself, e.g. snapshot_html(panel).
    """
    if not isinstance(widget, w.Widget):
        raise ValueError(f"snapshot_html needs an ipywidgets widget; got a {type(widget).__name__}. "
                         "Pass the widget itself, e.g. snapshot_html(panel).")
    body = "".join(_parts(widget))
    # The classes keep MathJax from reading dollar amounts as formulas.
    if not note:  # a plain note or table: shown as it is, without a frame
        return f"<div class='mrt-snapshot tex2jax_ignore mathjax_ignore'>{body}</div>"
    head = (f"<div class='mrt-snapshot-note' style='font-size:0.85em;color:#444;margin-bottom:4px'>"
            f"{html.escape(note)}</div>")
    return f"<div class='mrt-snapshot tex2jax_ignore mathjax_ignore' style='{_BOX}'>{head}{body}</div>"


class StaticSnapshot:
    """Mix into an ipywidgets class (before it) to give its output a static ``text/html`` part.

    >>> import ipywidgets as w
    >>> class Box(StaticSnapshot, w.VBox): pass
    >>> bundle = Box([w.HTML("<i>hello</i>")])._repr_mimebundle_()
    >>> "<i>hello</i>" in bundle["text/html"], "VBox(" in bundle["text/plain"]
    (True, False)
    """

    #: The line shown above the snapshot; a subclass showing no controls may set it to "".
    snapshot_note = NOTE

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        bundle = super()._repr_mimebundle_(**kwargs)  # type: ignore[misc]
        if not bundle:
            return bundle
        bundle["text/html"] = snapshot_html(self, self.snapshot_note)  # type: ignore[arg-type]
        bundle["text/plain"] = self.snapshot_note or "(shown as HTML)"
        return bundle


class SnapshotVBox(StaticSnapshot, w.VBox):
    """An ipywidgets VBox that a static page shows as a still picture under the note."""


class SnapshotHTML(StaticSnapshot, w.HTML):
    """An ipywidgets HTML (a source line, a table) that a static page shows as its HTML, with no note.

    >>> SnapshotHTML("<small>Source: x</small>")._repr_mimebundle_()["text/html"].count("Source: x")
    1
    """

    snapshot_note = ""
