"""Practice exams drawn from the bank, scored per domain, and spaced review of misses.

A practice exam draws questions in proportion to the exam's domain weights (the
middle of each range), the same draw for the same seed:

>>> exam = draw_exam(20, seed=1)
>>> len(exam), len(set(exam))
(20, 20)
>>> exam == draw_exam(20, seed=1)
True

Scoring gives one row per question and a report per domain:

>>> first = questions_by_id(exam[:1])
>>> report = score(exam[:1], {exam[0]: first.loc[0, "answer"]})
>>> int(report.by_domain["correct"].sum()), report.percent
(1, 100.0)

**Spaced review.** A question you miss comes back the next day; answered right
then, it comes back 3 days later, then 7 days later, and then it is retired. A
miss on any review starts it over (:data:`INTERVALS`).

>>> import datetime as dt
>>> state = schedule({}, {"Q001": False}, today=dt.date(2026, 12, 1))
>>> state["Q001"]
{'stage': 0, 'due': '2026-12-02'}
>>> due(state, today=dt.date(2026, 12, 2))
['Q001']

A score here is practice: it does not predict a result on the real exam.
"""
from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from .bank import LETTERS, domains, questions

__all__ = ["draw_exam", "questions_by_id", "score", "ExamReport", "pace_seconds", "time_allowed",
           "schedule", "due", "INTERVALS"]

#: Days until a missed question comes back: after the miss, then after each right review.
INTERVALS = (1, 3, 7)


def _whole(value: Any, name: str, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) and not (
            isinstance(value, float) and value.is_integer()):
        raise ValueError(f"{name} must be a whole number, like 25; got {value!r}.")
    value = int(value)
    if value < low:
        raise ValueError(f"{name} must be at least {low}; got {value}.")
    return value


def draw_exam(n: int, seed: int = 0, *, bank: pd.DataFrame | None = None,
              exclude: Sequence[str] = ()) -> list[str]:
    """``n`` question ids, spread over the domains by the exam's weights (largest remainder), seeded.

    A domain with too few questions gives all it has and the rest come from the others.
    ``exclude`` leaves out ids (questions already seen, say) while enough others remain.
    """
    n = _whole(n, "The number of questions", 1)
    seed = _whole(seed, "The seed", 0)
    bank = questions() if bank is None else bank
    pool = bank[~bank["id"].astype(str).isin(set(map(str, exclude)))]
    if len(pool) < n:
        pool = bank
    if n > len(pool):
        raise ValueError(f"The bank has {len(pool)} questions; ask for {len(pool)} or fewer.")
    weights = domains().set_index("domain")
    mid = (weights["weight_low"] + weights["weight_high"]).astype(float) / 2
    share = mid / mid.sum() * n
    take = np.floor(share).astype(int)
    for d in (share - take).sort_values(ascending=False, kind="stable").index[: n - int(take.sum())]:
        take[d] += 1
    rng = np.random.default_rng(seed)
    chosen: list[str] = []
    spare: list[str] = []
    for d, want in take.items():
        ids = pool.loc[pool["domain"].astype(int) == int(d), "id"].astype(str).to_numpy()
        ids = ids[rng.permutation(len(ids))]
        chosen += list(ids[:want])
        spare += list(ids[want:])
    if len(chosen) < n:
        spare_arr = np.array(spare, dtype=object)[rng.permutation(len(spare))]
        chosen += list(spare_arr[: n - len(chosen)])
    order = rng.permutation(len(chosen))
    return [str(chosen[i]) for i in order]


def questions_by_id(ids: Sequence[str], bank: pd.DataFrame | None = None) -> pd.DataFrame:
    """The bank's rows for ``ids``, in that order; an unknown id is named in a ``ValueError``."""
    bank = questions() if bank is None else bank
    indexed = bank.set_index(bank["id"].astype(str), drop=False)
    missing = [i for i in ids if str(i) not in indexed.index]
    if missing:
        raise ValueError(f"No question has the id {missing[0]!r}; ids look like 'Q001'.")
    return indexed.loc[[str(i) for i in ids]].reset_index(drop=True)


@dataclass(frozen=True)
class ExamReport:
    """A scored exam: one row per question (``rows``) and per domain (``by_domain``)."""

    rows: pd.DataFrame
    by_domain: pd.DataFrame

    @property
    def percent(self) -> float:
        """Percent of the exam's questions answered right."""
        return round(100.0 * float(self.rows["correct"].mean()), 1) if len(self.rows) else 0.0

    @property
    def missed(self) -> list[str]:
        """Ids of the questions answered wrong or left unanswered."""
        return self.rows.loc[~self.rows["correct"], "id"].tolist()


def score(ids: Sequence[str], answers: Mapping[str, str | None], *,
          bank: pd.DataFrame | None = None) -> ExamReport:
    """Score ``answers`` (id -> letter A-D, or None when left blank) for the exam ``ids``.

    An unanswered question counts as missed. A letter other than A-D is refused.
    """
    if not ids:
        raise ValueError("There are no questions to score: draw an exam first.")
    rows = questions_by_id(ids, bank)
    chosen = []
    for qid in rows["id"]:
        value = answers.get(qid)
        if value is not None and str(value).strip().upper() not in LETTERS:
            raise ValueError(f"The answer to {qid} must be one of A, B, C or D; got {value!r}.")
        chosen.append(None if value is None else str(value).strip().upper())
    out = pd.DataFrame({"id": rows["id"].astype(str), "domain": rows["domain"].astype(int),
                        "lesson": rows["lesson"].astype(str), "chosen": chosen,
                        "answer": rows["answer"].astype(str)})
    out["correct"] = out["chosen"] == out["answer"]
    names = domains().set_index("domain")["name"]
    grouped = out.groupby("domain")
    by_domain = pd.DataFrame({
        "questions": grouped.size(),
        "correct": grouped["correct"].sum().astype(int),
    })
    by_domain["percent"] = (100.0 * by_domain["correct"] / by_domain["questions"]).round(1)
    by_domain["lessons to review"] = grouped.apply(
        lambda g: ", ".join(sorted(set(g.loc[~g["correct"], "lesson"]))), include_groups=False)
    by_domain.insert(0, "name", [names.get(d, str(d)) for d in by_domain.index])
    return ExamReport(out, by_domain.reset_index())


def pace_seconds() -> float:
    """Seconds per question at the real RHIT exam's pace (its hours over its questions, course data).

    >>> round(pace_seconds())
    84
    """
    from .. import data

    certs = data.load("certifications").set_index("credential")
    return float(certs.loc["RHIT", "exam_hours"]) * 3600 / float(certs.loc["RHIT", "exam_items"])


def time_allowed(n: int) -> _dt.timedelta:
    """The time ``n`` questions get at the real exam's pace, rounded up to a whole minute.

    >>> str(time_allowed(25))
    '0:35:00'
    """
    n = _whole(n, "The number of questions", 1)
    return _dt.timedelta(minutes=math.ceil(n * pace_seconds() / 60))


def _day(value: Any) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD.") from None


def schedule(state: Mapping[str, Mapping[str, Any]], results: Mapping[str, bool], *,
             today: _dt.date | str) -> dict[str, dict[str, Any]]:
    """The review state after ``results`` (id -> answered right?) on ``today``; ``state`` is not changed.

    A miss sets the question to stage 0, due after ``INTERVALS[0]`` days. A right answer
    to a question under review moves it one stage on (due after ``INTERVALS[stage]``
    days) and retires it after the last stage. A right answer to a question not under
    review changes nothing.
    """
    today = _day(today)
    new = {str(k): dict(v) for k, v in state.items()}
    for qid, right in results.items():
        qid = str(qid)
        if not right:
            new[qid] = {"stage": 0, "due": (today + _dt.timedelta(days=INTERVALS[0])).isoformat()}
        elif qid in new:
            stage = int(new[qid].get("stage", 0)) + 1
            if stage >= len(INTERVALS):
                del new[qid]
            else:
                new[qid] = {"stage": stage, "due": (today + _dt.timedelta(days=INTERVALS[stage])).isoformat()}
    return new


def due(state: Mapping[str, Mapping[str, Any]], *, today: _dt.date | str) -> list[str]:
    """Ids whose review is due on or before ``today``, the longest-waiting first."""
    today = _day(today)
    ready = []
    for qid, entry in state.items():
        try:
            when = _day(entry.get("due"))
        except (AttributeError, ValueError):
            continue  # a damaged entry is skipped, never fatal
        if when <= today:
            ready.append((when, str(qid)))
    return [qid for _, qid in sorted(ready)]
