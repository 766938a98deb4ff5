"""The widgets of lesson 12: review the duplicate pairs the matcher proposes, one at a time, and
see what moving its threshold trades (``threshold_explorer``).

Each pair shows the two records side by side, the label each field earned and its points
(:data:`helpers.mpi.POINTS`). Decide "same person", "different people" or "not sure", then
compare your decisions with the answer key of the synthetic extract.

>>> p = duplicate_reviewer()
>>> p.controls["decision"].value = "same person"
>>> p.controls["compare"].click()
>>> "1 pair(s) decided" in p.result.value
True
"""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import audit, data, mpi, tables
from .base import TEXT_COLOURS, Panel, message, safe

__all__ = ["duplicate_reviewer", "pair_html", "threshold_explorer"]

UNDECIDED, SAME, DIFFERENT, NOT_SURE = "undecided", "same person", "different people", "not sure"
#: Fields shown side by side: (label, columns of the patients table, evidence column of find_duplicates).
FIELDS = [("First name", ("first_name",), "first_name"), ("Middle name", ("middle_name",), "middle_name"),
          ("Last name", ("last_name",), "last_name"), ("Sex", ("sex",), "sex"),
          ("Birth date", ("birth_date",), "birth_date"), ("SSN", ("ssn",), "ssn"),
          ("Address", ("address", "zip"), "address"), ("Phone", ("phone",), "phone"),
          ("Suffix", ("suffix",), "suffix")]
_COLOURS = {"plus": TEXT_COLOURS["good"], "minus": TEXT_COLOURS["bad"], "zero": "#555555"}


def _value(record: pd.Series, columns: tuple[str, ...]) -> str:
    parts = [str(record[c]) for c in columns if c in record.index and pd.notna(record[c]) and str(record[c]).strip()]
    return " ".join(parts) if parts else "(empty)"


def pair_html(pair: pd.Series, records: pd.DataFrame) -> str:
    """HTML table of one candidate pair: both records, each field's label and points, the total score.

    ``records`` is the patients table indexed by ``patient_id``.

    >>> p = pd.DataFrame({"patient_id": ["A", "B"], "first_name": ["Bill", "William"], "last_name": ["Ng", "Ng"],
    ...                   "birth_date": ["1970-01-02", "1970-01-02"]})
    >>> pair = mpi.find_duplicates(p, extract_date="2026-01-01").iloc[0]
    >>> "nickname" in pair_html(pair, p.set_index("patient_id"))
    True
    """
    a, b = records.loc[pair["id_a"]], records.loc[pair["id_b"]]
    rows = []
    for label, columns, field in FIELDS:
        if field == "suffix" and "suffix" not in records.columns:
            continue
        evidence = str(pair.get(field, "missing"))
        points = mpi.POINTS[field].get(evidence, 0)
        colour = _COLOURS["plus" if points > 0 else "minus" if points < 0 else "zero"]
        rows.append(f"<tr><td><b>{html.escape(label)}</b></td><td>{html.escape(_value(a, columns))}</td>"
                    f"<td>{html.escape(_value(b, columns))}</td><td>{html.escape(evidence)}</td>"
                    f"<td style='color:{colour};text-align:right'>{points:+g}</td></tr>")
    verdict = "at or above" if pair["score"] >= mpi.THRESHOLD else "below"
    return ("<table style='border-collapse:collapse' cellpadding='4'>"
            f"<tr style='border-bottom:1px solid #999'><th>Field</th><th>Record {html.escape(str(pair['id_a']))}</th>"
            f"<th>Record {html.escape(str(pair['id_b']))}</th><th>Evidence</th><th>Points</th></tr>"
            + "".join(rows)
            + f"<tr style='border-top:1px solid #999'><td colspan='4'><b>Total score</b> ({verdict} the matcher's "
              f"threshold of {mpi.THRESHOLD:g})</td><td style='text-align:right'><b>{pair['score']:g}</b></td></tr>"
              "</table>")


def _summary(decisions: dict[tuple[str, str], str], truth: set[tuple[str, str]]) -> str:
    decided = {k: v for k, v in decisions.items() if v != UNDECIDED}
    if not decided:
        return message("No pair decided yet: pick 'same person', 'different people' or 'not sure' first.", "info")
    right = sum((v == SAME) == (k in truth) for k, v in decided.items() if v != NOT_SURE)
    false_merge = sum(v == SAME and k not in truth for k, v in decided.items())
    missed = sum(v == DIFFERENT and k in truth for k, v in decided.items())
    unsure = sum(v == NOT_SURE for v in decided.values())
    return (f"<div style='border-left:4px solid #0072B2;padding:4px 8px;margin:6px 0'><b>Compared with the answer "
            f"key</b> (synthetic extract): {len(decided)} pair(s) decided; {right} agree with the key. "
            f"You called {false_merge} pair(s) the same person that are two people (merging them would mix two "
            f"patients' records) and {missed} pair(s) different that are one person (a duplicate left in the "
            f"index). {unsure} pair(s) marked 'not sure' would go for more research before anyone merges.</div>")


def duplicate_reviewer(patients: pd.DataFrame | None = None, truth: pd.DataFrame | None = None,
                       extract_date: Any = None) -> Panel:
    """Step through candidate pairs, decide, then compare your decisions with the answer key.

    Controls: ``pairs`` (the proposed pairs, or candidate pairs scored below the threshold),
    ``pair`` (position, from 1), ``previous`` / ``next`` buttons, ``decision`` and ``compare``.
    Defaults: the course's synthetic patients and their answer key. ``extract_date`` is the
    day the extract was taken (default: the patients' ``attrs["extract_date"]``).

    >>> p = duplicate_reviewer()
    >>> p.controls["pair"].value = 0
    >>> "between 1 and" in p.result.value
    True
    """
    patients = data.load("synthetic_patients") if patients is None else patients
    truth = data.load("synthetic_duplicates") if truth is None else truth
    records = patients.assign(patient_id=patients["patient_id"].astype("string")).set_index("patient_id")
    key = audit.label_pairs(truth.iloc[:0], truth)
    truth_pairs = set(zip(key["id_a"], key["id_b"]))
    candidates = mpi.find_duplicates(patients, threshold=float("-inf"), extract_date=extract_date)
    candidates = candidates.assign(id_a=candidates["id_a"].astype("string"), id_b=candidates["id_b"].astype("string"))
    lists = {"proposed": candidates[candidates["score"] >= mpi.THRESHOLD].reset_index(drop=True),
             "below": candidates[candidates["score"] < mpi.THRESHOLD].reset_index(drop=True)}
    which = w.Dropdown(options=[(f"Proposed pairs (score {mpi.THRESHOLD:g} or more): {len(lists['proposed'])}", "proposed"),
                                (f"Candidate pairs scored below {mpi.THRESHOLD:g}: {len(lists['below'])}", "below")],
                       value="proposed", description="Review:", layout=w.Layout(width="440px"))
    position = w.IntText(value=1, description="Pair no.:", layout=w.Layout(width="160px"))
    previous, following = w.Button(description="< Previous"), w.Button(description="Next >")
    decision = w.ToggleButtons(options=[UNDECIDED, SAME, DIFFERENT, NOT_SURE], value=UNDECIDED, description="Decision:")
    compare = w.Button(description="Compare with the answer key", button_style="info", layout=w.Layout(width="240px"))
    result = w.HTML()
    decisions: dict[tuple[str, str], str] = {}
    state = {"busy": False, "summary": False}

    def current() -> pd.Series | None:
        pairs = lists[which.value]
        return pairs.iloc[position.value - 1] if 1 <= position.value <= len(pairs) else None

    @safe(result)
    def draw(_change: Any = None) -> None:
        pairs = lists[which.value]
        if pairs.empty:
            result.value = message("There are no pairs in this list. Choose the other list above.", "info")
            return
        if not 1 <= position.value <= len(pairs):
            result.value = message(f"Pick a pair number between 1 and {len(pairs)} (you typed {position.value}).",
                                   "error")
            return
        pair = pairs.iloc[position.value - 1]
        state["busy"] = True
        try:
            decision.value = decisions.get((pair["id_a"], pair["id_b"]), UNDECIDED)
        finally:
            state["busy"] = False
        head = f"<p>Pair {position.value} of {len(pairs)}. Your decision: <b>{html.escape(decision.value)}</b>.</p>"
        result.value = head + pair_html(pair, records) + (_summary(decisions, truth_pairs) if state["summary"] else "")

    @safe(result)
    def decide(_change: Any = None) -> None:
        pair = current()
        if not state["busy"] and pair is not None:
            decisions[(pair["id_a"], pair["id_b"])] = decision.value
            draw()

    def step(by: int) -> None:
        size = len(lists[which.value])
        position.value = min(max(position.value + by, 1), max(size, 1))

    @safe(result)
    def switch(_change: Any = None) -> None:
        if position.value != 1:
            position.value = 1  # redraws through its own observer
        else:
            draw()

    @safe(result)
    def show_summary(_button: Any = None) -> None:
        state["summary"] = True
        draw()

    which.observe(switch, names="value")
    position.observe(draw, names="value")
    decision.observe(decide, names="value")
    previous.on_click(safe(result)(lambda _b: step(-1)))
    following.on_click(safe(result)(lambda _b: step(1)))
    compare.on_click(show_summary)
    draw()
    note = w.HTML('<small style="color:#555">' + html.escape(data.cite("synthetic_patients"))
                  + ". Points: helpers.mpi.POINTS.</small>")
    controls = {"pairs": which, "pair": position, "previous": previous, "next": following, "decision": decision,
                "compare": compare}
    return Panel(controls, [which, w.HBox([previous, position, following]), decision, result, compare, note], result)


def threshold_explorer(patients: pd.DataFrame | None = None, truth: pd.DataFrame | None = None,
                       lookalikes: pd.DataFrame | None = None, extract_date: Any = None) -> Panel:
    """Move the matcher's threshold and see what it trades: right pairs, wrong merges, missed duplicates.

    The candidate pairs are scored once (``mpi.find_duplicates(..., threshold=-inf)``); the
    ``threshold`` slider only decides which of them count as proposed. The output says, for that
    threshold, how many proposals are right, how many would merge two different people (and how
    many of those are planted look-alikes: twins, parent and child, same name and birth date), how
    many duplicates stay in the index, and precision and recall, beside the rows for the thresholds
    around it. Defaults: the course's synthetic patients and their answer keys.

    >>> p = threshold_explorer()
    >>> p.controls["threshold"].value = 4
    >>> "threshold of 4" in p.result.value and "precision" in p.result.value
    True
    """
    patients = data.load("synthetic_patients") if patients is None else patients
    truth = data.load("synthetic_duplicates") if truth is None else truth
    lookalikes = data.load("synthetic_lookalikes") if lookalikes is None else lookalikes
    candidates = mpi.find_duplicates(patients, threshold=float("-inf"), extract_date=extract_date)
    low = int(max(min(candidates["score"].min(), mpi.THRESHOLD - 6), mpi.LOWEST)) if len(candidates) else 0
    high = int(min(candidates["score"].max(), mpi.HIGHEST)) if len(candidates) else int(mpi.HIGHEST)
    table = audit.threshold_table(candidates, truth, lookalikes, thresholds=range(low, high + 1))
    slider = w.IntSlider(value=int(mpi.THRESHOLD), min=low, max=high, step=1, description="Threshold:",
                         continuous_update=False, layout=w.Layout(width="420px"))
    result = w.HTML()

    @safe(result)
    def draw(_change: Any = None) -> None:
        row = table[table["threshold"] == slider.value].iloc[0]
        precision = "no pair proposed" if pd.isna(row["precision"]) else f"{row['precision']:.1f}%"
        note = " (the matcher's own threshold)" if slider.value == mpi.THRESHOLD else ""
        near = table[(table["threshold"] - slider.value).abs() <= 2]
        result.value = (
            f"<p>At a threshold of {slider.value}{note} the matcher proposes <b>{int(row['proposed']):,}</b> pairs: "
            f"<b>{int(row['true_positives']):,}</b> are one person, <b>{int(row['false_positives']):,}</b> are two "
            f"different people (<b>{int(row['lookalikes_merged']):,}</b> of them planted look-alikes), and "
            f"<b>{int(row['missed']):,}</b> true duplicates are not proposed. Precision {precision}, recall "
            f"{row['recall']:.1f}%.</p><p>Every wrong proposal merged without review would be an overlay: two "
            "patients' histories in one chart. Every missed pair leaves one patient's history split.</p>"
            + tables.show(near, formats={"precision": "percent", "recall": "percent"}, index=False)._repr_html_())

    slider.observe(draw, names="value")
    draw()
    note = w.HTML('<small style="color:#555">' + html.escape(data.cite("synthetic_patients"))
                  + ". Answer keys: synthetic_duplicates, synthetic_lookalikes.</small>")
    return Panel({"threshold": slider}, [slider, result, note], result)
