"""The widgets of lesson 04: a term decomposer and a word-part browser.

Type a medical term and see its parts, each colored by kind (prefix, combining form,
suffix) and labeled in words too, with its meaning and a word-by-word reading. Letters
the word-part table does not explain are shown as unknown, never guessed. Everything
comes from :mod:`helpers.terms`.

>>> p = term_decomposer()
>>> p.controls["term"].value = "pericarditis"
>>> "inflammation + around + heart" in p.result.value
True
>>> b = word_part_browser()
>>> b.controls["system"].value = "urinary"
>>> "nephr/o" in b.result.value
True
"""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from .. import terms
from .base import TEXT_COLOURS, Panel, message, safe, source_note

__all__ = ["term_decomposer", "word_part_browser", "term_html", "KIND_COLOURS"]

#: Color of each kind of piece (Okabe-Ito palette); every piece is also labeled in words.
KIND_COLOURS = {"prefix": TEXT_COLOURS["info"], "combining form": TEXT_COLOURS["good"], "suffix": TEXT_COLOURS["bad"],
                "unknown": "#666666"}

_CELL = "padding:2px 10px;text-align:left;border-bottom:1px solid #ddd"

#: Terms offered in the decomposer's list of examples.
EXAMPLES = ["pericarditis", "gastroenterology", "cholecystectomy", "bradycardia", "hepatomegaly", "arthroscopy",
            "hypothyroidism", "osteoarthritis", "hyperlipidemia", "cellulitis"]


def _header(*names: str) -> str:
    return "<tr>" + "".join(f"<th style='{_CELL}'>{html.escape(n)}</th>" for n in names) + "</tr>"


def _chip(piece: str, kind: str) -> str:
    colour = KIND_COLOURS[kind]
    style = "dashed" if kind == "unknown" else "solid"
    return (f"<span style='display:inline-block;text-align:center;margin:2px;padding:2px 8px;"
            f"border:2px {style} {colour};border-radius:4px'>"
            f"<span style='font-size:1.3em;font-weight:bold;color:{colour}'>{html.escape(piece)}</span><br>"
            f"<small style='color:{colour}'>{html.escape(kind)}</small></span>")


def term_html(term: str) -> str:
    """HTML for one term: colored pieces, a table of parts and meanings, and the reading.

    >>> "not in the word-part table" in term_html("cellulitis")
    True
    """
    parts = terms.decompose(term)
    chips = "".join(_chip(r.piece, r.kind) for r in parts.itertuples(index=False))
    rows = []
    for r in parts.itertuples(index=False):
        colour = KIND_COLOURS[r.kind]
        vowel = f" (combining vowel {r.combining_vowel})" if r.combining_vowel else ""
        rows.append(f"<tr><td style='{_CELL}'><code>{html.escape(r.piece)}</code></td>"
                    f"<td style='{_CELL}'><code>{html.escape(r.part) or '?'}</code></td>"
                    f"<td style='{_CELL};color:{colour}'>{html.escape(r.kind)}{html.escape(vowel)}</td>"
                    f"<td style='{_CELL}'>{html.escape(r.meaning)}</td></tr>")
    table = (f"<table style='border-collapse:collapse;margin:6px 0'>{_header('Piece', 'Word part', 'Kind', 'Meaning')}"
             + "".join(rows) + "</table>")
    unknown = parts.attrs["unknown"]
    warning = ""
    if unknown:
        listed = ", ".join(repr(u) for u in unknown)
        warning = message(f"Not in the course's word-part table: {listed}. Look it up in a medical dictionary "
                          "rather than guessing its meaning.", "info")
    reading = (f"<p><b>Reading</b> (suffix first, then the beginning, then the middle): "
               f"{html.escape(terms.read_term(parts))}</p>")
    return f"<div style='margin:4px 0'>{chips}</div>{table}{reading}{warning}"


def term_decomposer() -> Panel:
    """Type a term (or pick an example) and see its word parts, their meanings and the reading.

    Controls: ``term`` (text box) and ``example`` (a list of terms to try). An empty box,
    digits, or several words show a message, never a traceback.

    >>> p = term_decomposer()
    >>> p.controls["term"].value = "2 lungs"
    >>> "contains digits" in p.result.value
    True
    """
    term = w.Text(value="", description="Term:", placeholder="a medical word, such as hepatomegaly",
                  continuous_update=False, style={"description_width": "initial"}, layout=w.Layout(width="360px"))
    example = w.Dropdown(options=[("(pick an example)", "")] + [(e, e) for e in EXAMPLES], value="",
                         description="Or try:", style={"description_width": "initial"})
    result = w.HTML()
    legend = w.HTML("<small>" + " ".join(
        f"<span style='color:{c};font-weight:bold'>&#9632; {html.escape(k)}</span>" for k, c in KIND_COLOURS.items())
        + "</small>")

    @safe(result)
    def show(_change: Any = None) -> None:
        if not term.value.strip():
            result.value = message("Type a medical word and press Enter, or pick an example.", "info")
            return
        result.value = term_html(term.value)

    def pick(change: Any) -> None:
        if change["new"]:
            term.value = change["new"]

    term.observe(show, names="value")
    example.observe(pick, names="value")
    show()
    return Panel({"term": term, "example": example},
                 [w.HBox([term, example]), legend, result, source_note("word_parts")], result)


def word_part_browser() -> Panel:
    """Browse the word-part table by kind and body system, or search the meanings.

    Controls: ``kind`` and ``system`` (dropdowns, "all" for no filter) and ``search``
    (words looked for in the part, its meaning and its example).

    >>> b = word_part_browser()
    >>> b.controls["search"].value = "kidney"
    >>> "nephr/o" in b.result.value and "ren/o" in b.result.value
    True
    """
    kind = w.Dropdown(options=["all", *terms.KINDS], value="all", description="Kind:")
    system = w.Dropdown(options=["all", *terms.SYSTEMS], value="all", description="Body system:",
                        style={"description_width": "initial"})
    search = w.Text(value="", description="Search:", placeholder="a meaning, such as kidney",
                    continuous_update=False, layout=w.Layout(width="300px"))
    result = w.HTML()

    @safe(result)
    def show(_change: Any = None) -> None:
        table = terms.word_parts(kind=None if kind.value == "all" else kind.value,
                                 system=None if system.value == "all" else system.value)
        text = search.value.strip().lower()
        if text:
            hit = (table["part"].str.contains(text, regex=False) | table["meaning"].str.lower().str.contains(
                text, regex=False) | table["example"].str.contains(text, regex=False))
            table = table[hit.fillna(False)]
        if table.empty:
            result.value = message(f"No word part matches {text!r} with these choices. Try another word or set "
                                   "kind and body system to 'all'.", "error")
            return
        rows = "".join(
            f"<tr><td style='{_CELL};color:{KIND_COLOURS[r.kind]}'><code>{html.escape(r.part)}</code></td>"
            + "".join(f"<td style='{_CELL}'>{html.escape(v)}</td>" for v in (r.kind, r.meaning, r.system, r.example, r.tag))
            + "</tr>" for r in table.itertuples(index=False))
        header = _header("Part", "Kind", "Meaning", "Body system", "Example", "Tag")
        result.value = (f"<p>{len(table)} word part(s).</p><div tabindex='0' role='region' aria-label='Word parts found' style='max-height:320px;overflow-y:auto'>"
                        f"<table style='border-collapse:collapse'>{header}{rows}</table></div>")

    for control in (kind, system, search):
        control.observe(show, names="value")
    show()
    return Panel({"kind": kind, "system": system, "search": search},
                 [w.HBox([kind, system, search]), result, source_note("word_parts")], result)
