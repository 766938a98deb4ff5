"""The coding widgets: lesson 05's ICD-10-CM code explorer and lesson 06's case coder.

In the explorer, type words (or a code) in the search box, pick a code from the list, and
read its description, whether it is billable, its place in the hierarchy and the notes of
the tabular list. In the case coder, pick a synthetic case note, type its codes and check
them against the answer key. Everything comes from :mod:`helpers.coding`.

>>> p = code_explorer()
>>> p.controls["words"].value = "cervical sprain"
>>> p.controls["results"].value
'S13.4'
>>> p.controls["words"].value = "S62.5X0A"
>>> "not in the ICD-10-CM code set" in p.result.value
True
"""
from __future__ import annotations

import html
import re
from typing import Any

import ipywidgets as w

from .. import coding, tables
from .base import Panel, message, safe, source_note

__all__ = ["code_explorer", "code_details_html", "case_coder", "case_note_html"]

#: Most results listed at once; more words narrow the list.
MAX_RESULTS = 50

# Looks like a code rather than words: a letter, then letters, digits or one dot, no spaces.
_CODE_LIKE = re.compile(r"[A-Za-z][0-9][0-9A-Za-z]?(\.?[0-9A-Za-z]{0,4})?|[A-Za-z]\d\d-[A-Za-z]\d\d")

_NOTE_LABELS = [
    ("includes", "Includes"),
    ("inclusion_terms", "Inclusion terms"),
    ("excludes1", "Excludes1 (never coded together with this code)"),
    ("excludes2", "Excludes2 (not part of this condition; both may be coded)"),
    ("code_first", "Code first"),
    ("use_additional_code", "Use additional code"),
    ("code_also", "Code also"),
    ("notes", "Notes"),
]


def _bullets(items: list[str]) -> str:
    return "<ul style='margin:2px 0'>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"


def code_details_html(code: str) -> str:
    """HTML describing one valid ICD-10-CM code: description, billable, hierarchy path and notes.

    Notes written at a higher level (the category, say) apply to every code under it,
    so they are shown too, each labeled with the code it comes from.

    >>> "initial encounter" in code_details_html("T36.0X1A")
    True
    """
    info = coding.lookup(code)
    reason = str(coding.validate_icd10cm(info["code"]).loc[0, "reason"])
    # The reason repeats the verdict ("billable: ...", "...: not billable"); say the verdict once.
    reason = reason.removeprefix("billable: ").replace(": not billable, ", ": ").replace(": not billable", "")
    billable = ("<b style='color:#006D4E'>Billable</b>" if info["billable"]
                else "<b style='color:#A63A00'>Not billable</b>")
    parts = [
        f"<h4 style='margin:4px 0'>{html.escape(info['code'])}: {html.escape(info['description'])}</h4>",
        f"<p>{billable}: {html.escape(reason)}.</p>",
        "<p><b>Where it sits</b> (chapter, block, then each level down to the code):</p><ol style='margin:2px 0'>",
    ]
    for row in coding.hierarchy(info["code"]).itertuples(index=False):
        parts.append(f"<li>{html.escape(row.level)} <code>{html.escape(row.code)}</code>: "
                     f"{html.escape(row.description)}</li>")
    parts.append("</ol>")
    if info["children"]:
        shown = ", ".join(info["children"][:12]) + (" ..." if len(info["children"]) > 12 else "")
        parts.append(f"<p><b>Codes one level down</b> ({len(info['children'])}): {html.escape(shown)}</p>")
    found_notes = False
    for level_code in [info["code"], *coding.ancestors(info["code"])]:
        notes = coding.notes(level_code)
        for key, label in _NOTE_LABELS:
            if notes[key]:
                where = "" if level_code == info["code"] else f" (written at {level_code}, applies here too)"
                parts.append(f"<p style='margin:4px 0'><b>{html.escape(label)}</b>{html.escape(where)}:</p>"
                             + _bullets(notes[key]))
                found_notes = True
    sevenths = coding.notes(info["code"])["seventh_characters"]
    if sevenths:
        rows = "".join(f"<li><code>{html.escape(k)}</code>: {html.escape(v.replace(chr(9), ' '))}</li>"
                       for k, v in sevenths.items())
        parts.append("<p style='margin:4px 0'><b>7th characters</b> (fill any empty place before the 7th "
                     f"with the placeholder X):</p><ul style='margin:2px 0'>{rows}</ul>")
        found_notes = True
    if not found_notes:
        parts.append("<p>The tabular list has no notes for this code or the levels above it.</p>")
    return "".join(parts)


def code_explorer() -> Panel:
    """Search ICD-10-CM by words or by code, then read the picked code's details and notes.

    Controls: ``words`` (text), ``billable_only`` (checkbox) and ``results`` (the list
    of codes found). An empty box, a code that is not in the code set or words that
    match nothing show a message, never a traceback.

    >>> p = code_explorer()
    >>> p.controls["words"].value = "   "
    >>> "Type one or more words" in p.result.value
    True
    """
    words = w.Text(value="", description="Search:", placeholder="words such as 'asthma', or a code such as E11.9",
                   continuous_update=False, style={"description_width": "initial"},
                   layout=w.Layout(width="420px"))
    billable_only = w.Checkbox(value=False, description="Billable codes only", indent=False)
    results = w.Select(options=[], rows=8, description="Codes found:", style={"description_width": "initial"},
                       layout=w.Layout(width="95%"))
    result = w.HTML()
    state = {"status": "", "busy": False}

    def show(code: str | None) -> None:
        details = code_details_html(code) if code else ""
        result.value = state["status"] + details

    def set_results(options: list[tuple[str, str]]) -> None:
        state["busy"] = True  # the list fires its own change events while it is replaced
        try:
            results.options = options
            results.value = options[0][1] if options else None
        finally:
            state["busy"] = False

    @safe(result)
    def search(_change: Any = None) -> None:
        text = words.value.strip()
        if not text:
            set_results([])
            state["status"] = message("Type one or more words (such as 'asthma' or 'wrist fracture') "
                                      "or a code (such as E11.9), then press Enter.", "info")
            show(None)
            return
        if _CODE_LIKE.fullmatch(text) and not text.isalpha():
            row = coding.validate_icd10cm(text).iloc[0]
            if not row["valid"]:
                set_results([])
                state["status"] = message(f"{text!r} is not an ICD-10-CM code: {row['reason']}.", "error")
                show(None)
                return
            info = coding.lookup(row["code"])
            set_results([(f"{info['code']}  {info['description']}", info["code"])])
            state["status"] = message(f"{info['code']} is in the ICD-10-CM code set.", "success")
            show(info["code"])
            return
        found = coding.search(text, limit=None, billable_only=billable_only.value)
        if found.empty:
            set_results([])
            kind = "billable code" if billable_only.value else "code"
            state["status"] = message(
                f"No {kind} description contains every word of {text!r}. Try fewer words, a shorter start of "
                "a word (such as 'fract'), or another spelling.", "error")
            show(None)
            return
        shown = found.head(MAX_RESULTS)
        set_results([(f"{c}  {d}", c) for c, d in zip(shown["code"], shown["description"])])
        more = (f" The first {MAX_RESULTS} are listed: add words to narrow the search."
                if len(found) > MAX_RESULTS else "")
        state["status"] = message(f"{len(found)} code(s) found.{more} Pick one in the list.", "success")
        show(results.value)

    @safe(result)
    def pick(change: Any = None) -> None:
        if not state["busy"]:
            show(results.value)

    words.observe(search, names="value")
    billable_only.observe(search, names="value")
    results.observe(pick, names="value")
    search()
    note = w.HTML('<small style="color:#555">Source: ICD-10-CM tabular list, CDC release of April 1, 2026, '
                  "as shipped by the Python package simple-icd-10-cm (MIT license).</small>")
    return Panel({"words": words, "billable_only": billable_only, "results": results},
                 [w.HBox([words, billable_only]), results, result, note], result)


# -- lesson 06: code a case ------------------------------------------------------------------
_NOTE_STYLE = "border:1px solid #999;border-radius:4px;padding:6px 10px;margin:4px 0;background:#F7F7F7"


def case_note_html(case_id: str) -> str:
    """HTML of one synthetic case note with its setting, ready to be coded.

    >>> "laparoscopic appendectomy" in case_note_html("C02")
    True
    """
    c = coding.case(case_id)
    what = ("Inpatient stay: list the principal diagnosis first, then the secondary diagnoses, "
            "and any ICD-10-PCS procedure codes." if c["setting"] == "inpatient" else
            "Outpatient visit: list the first-listed diagnosis first, then the other diagnoses.")
    return (f"<div style='{_NOTE_STYLE}'><b>Case {html.escape(c['case_id'])}</b> "
            f"({html.escape(c['setting'])}, synthetic)<br>{html.escape(c['note'])}</div>"
            f"<p style='margin:2px 0'><i>{html.escape(what)}</i></p>")


def case_coder(used_in: tuple[str, ...] = ("lesson", "practice")) -> Panel:
    """Code a synthetic case note and get feedback per code, the rationale, and your running accuracy.

    Controls: ``case`` (the cases of ``used_in``; the workbook's cases are left out by
    default), ``codes`` (text: one code per line or separated by commas, any case, with or
    without the dot) and ``check`` (a button). After the first check of a case the answer key
    and its rationale are shown. Accuracy is lesson 12's coding accuracy, over the last check
    of every case checked in this widget. An empty box, a typo or a CPT-looking number shows a
    message or a feedback row, never a traceback.

    >>> p = case_coder()
    >>> p.controls["case"].value = "C03"
    >>> p.controls["codes"].value = "R05.9, R50.9"
    >>> p.controls["check"].click()
    >>> "100%" in p.result.value and "Rationale" in p.result.value
    True
    """
    cases = coding.load_cases(used_in)
    options = [(f"{r.case_id} · {r.setting} · {r.topic}", r.case_id) for r in cases.itertuples(index=False)]
    pick = w.Dropdown(options=options, value=options[0][1], description="Case:",
                      style={"description_width": "initial"}, layout=w.Layout(width="95%"))
    codes = w.Textarea(value="", placeholder="One code per line, or separated by commas, e.g.\nI21.4\nI10",
                       description="Your codes:", style={"description_width": "initial"},
                       layout=w.Layout(width="420px", height="110px"))
    check = w.Button(description="Check my codes", button_style="primary", icon="check")
    result = w.HTML()
    state: dict[str, Any] = {"answers": {}}  # case id -> codes of its last check

    def key_html(case_id: str) -> str:
        c = coding.case(case_id)
        return ("<p style='margin:6px 0 2px'><b>Answer key</b> (POA: Y present on admission, N not present, "
                "U not documented, W clinically undetermined, 1 exempt):</p>"
                + tables.show(coding.answer_key(case_id), missing="")._repr_html_()
                + f"<p style='margin:4px 0'><b>Rationale:</b> {html.escape(c['rationale'])} "
                f"<i>(Guidelines FY 2026, section {html.escape(c['guideline'].replace(';', ', '))})</i></p>")

    def running() -> str:
        answers = state["answers"]
        overall = coding.accuracy(answers)
        return (f"<p><b>Your coding accuracy over {len(answers)} case(s) checked: {overall:.0f}%</b> "
                "(right codes x 100 / codes reviewed, the coding-audit measure of lesson 12).</p>")

    @safe(result)
    def show_case(_change: Any = None) -> None:
        case_id = pick.value
        tried = case_id in state["answers"]
        result.value = case_note_html(case_id) + (key_html(case_id) if tried else message(
            "Type your codes and press Check: you will see feedback on each code, then the answer key "
            "and its rationale.", "info"))

    @safe(result)
    def on_check(_button: Any = None) -> None:
        case_id = pick.value
        note = case_note_html(case_id)
        if not codes.value.strip():
            result.value = note + message("The box is empty: type the codes for this case, the principal "
                                          "or first-listed diagnosis first, then press Check.", "error")
            return
        feedback = coding.score_case(case_id, codes.value)
        state["answers"][case_id] = codes.value
        rate = coding.case_accuracy(case_id, codes.value)
        right = int(feedback["agreed"].sum())
        verdict = "success" if rate == 100 else "info"
        result.value = (note + message(f"This case: {right} of {len(feedback)} codes right, accuracy "
                                       f"{rate:.0f}%.", verdict)
                        + tables.show(feedback[["position", "entered", "code", "kind", "detail"]],
                                      missing="")._repr_html_()
                        + running() + key_html(case_id))

    pick.observe(show_case, names="value")
    check.on_click(on_check)
    show_case()
    return Panel({"case": pick, "codes": codes, "check": check},
                 [pick, w.HBox([codes, check]), result, source_note("coding_cases")], result)
