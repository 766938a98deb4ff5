"""The practice-question bank and the RHIT exam's domains, read from ``course_data``.

Every question was written for this course (no question or wording from any exam,
prep book or website). Each one names the exam domain it serves, its cognitive
level, the lesson that teaches it, and why each option is right or wrong. A question
that rests on a course fact names the table, the row and the column it comes from,
and the figure it states; :func:`problems` checks that figure against the data.

>>> bank = questions()
>>> sorted(bank.columns[:5])
['domain', 'id', 'lesson', 'level', 'stem']
>>> domains().loc[0, "name"]
'Data Content, Structure and Information Governance'
>>> problems(bank)
[]
"""
from __future__ import annotations

import difflib
import re
from typing import Any

import pandas as pd

__all__ = ["questions", "domains", "problems", "bank_problems", "fact_value", "LETTERS", "LEVELS",
           "SIMILAR_STEMS"]

#: The option letters, in order.
LETTERS = ("A", "B", "C", "D")
#: Cognitive levels, as the exam's content outline names them.
LEVELS = ("recall", "application", "analysis")
#: Two stems at least this alike (difflib ratio over their words) count as the same question.
SIMILAR_STEMS = 0.8


def questions() -> pd.DataFrame:
    """The question bank (``exam_questions``), one row per question."""
    from .. import data

    return data.load("exam_questions")


def domains() -> pd.DataFrame:
    """The RHIT exam's six domains with their weight ranges in percent (``rhit_exam_domains``)."""
    from .. import data

    return data.load("rhit_exam_domains")


def _blank(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value) or not str(value).strip()


def fact_value(resource: str, row: str, column: str) -> Any:
    """The value a fact-backed question rests on: ``row`` is ``column=value`` pairs joined by ``&``.

    >>> fact_value("certifications", "credential=RHIT", "exam_items")
    150
    """
    from .. import data

    table = data.load(resource)
    if column not in table.columns:
        raise ValueError(f"The table {resource!r} has no column {column!r}; its columns are {list(table.columns)}.")
    mask = pd.Series(True, index=table.index)
    for part in str(row).split("&"):
        if "=" not in part:
            raise ValueError(f"The row selector {row!r} needs column=value pairs joined by '&'.")
        key, value = (s.strip() for s in part.split("=", 1))
        if key not in table.columns:
            raise ValueError(f"The table {resource!r} has no column {key!r} to select a row by.")
        mask &= table[key].astype("string") == value
    found = table.loc[mask, column]
    if len(found) != 1:
        raise ValueError(f"The selector {row!r} matches {len(found)} rows of {resource!r}; it must match exactly one.")
    value = found.iloc[0]
    return value.item() if hasattr(value, "item") else value


def _figure_matches(figure: str, value: Any) -> bool:
    text = str(figure).replace(",", "").replace("$", "").replace("%", "").strip()
    try:
        return abs(float(text) - float(value)) < 1e-9
    except (TypeError, ValueError):
        return str(figure).strip().lower() == str(value).strip().lower()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", str(text).lower())


def _row_problems(q: pd.Series, lessons: set[str]) -> list[str]:
    where = f"question {q.get('id')!s}"
    found = []
    for column in ("id", "lesson", "domain", "level", "stem", "answer"):
        if _blank(q.get(column)):
            found.append(f"{where}: {column} is empty")
    if not _blank(q.get("lesson")) and str(q["lesson"]) not in lessons:
        found.append(f"{where}: lesson {q['lesson']!r} is not a lesson id in lessons.csv")
    if not _blank(q.get("level")) and str(q["level"]) not in LEVELS:
        found.append(f"{where}: level {q['level']!r} is not one of {LEVELS}")
    options = [q.get(f"option_{x.lower()}") for x in LETTERS]
    whys = [q.get(f"why_{x.lower()}") for x in LETTERS]
    if any(_blank(o) for o in options):
        found.append(f"{where}: every one of the four options needs text")
    elif len({str(o).strip().lower() for o in options}) < 4:
        found.append(f"{where}: two options have the same text")
    if any(_blank(w) for w in whys):
        found.append(f"{where}: every option needs an explanation (why_a to why_d)")
    if not _blank(q.get("answer")) and str(q["answer"]) not in LETTERS:
        found.append(f"{where}: answer {q['answer']!r} is not one of {LETTERS}")
    fact = [q.get(c) for c in ("fact_resource", "fact_row", "fact_column", "figure")]
    if any(not _blank(f) for f in fact):
        if any(_blank(f) for f in fact):
            found.append(f"{where}: a fact-backed question needs fact_resource, fact_row, fact_column and figure")
        else:
            try:
                value = fact_value(*[str(f) for f in fact[:3]])
            except Exception as exc:  # noqa: BLE001 - reported, not raised
                found.append(f"{where}: {exc}")
            else:
                if not _figure_matches(fact[3], value):
                    found.append(f"{where}: states {fact[3]!r} but {fact[0]} says {value!r}")
                right = str(q.get(f"option_{str(q.get('answer', 'A')).lower()}", ""))
                if str(fact[3]) not in str(q.get("stem", "")) + " " + right:
                    found.append(f"{where}: the figure {fact[3]!r} appears in neither the stem nor the right option")
    return found


def problems(bank: pd.DataFrame) -> list[str]:
    """What is wrong with each question of ``bank``, one sentence each; ``[]`` when all is well.

    Checks each row (fields present, four distinct options each explained, a known
    lesson and level, a fact-backed figure equal to its data row) and the bank as a
    whole (unique ids, no two stems alike). See :func:`bank_problems` for the
    balance of answers and domains.
    """
    from .. import data

    lessons = set(data.load("lessons")["slug"].astype(str))
    found: list[str] = []
    ids = bank["id"].astype(str)
    for dup in sorted(set(ids[ids.duplicated()])):
        found.append(f"question {dup}: the id is used more than once")
    known_domains = set(domains()["domain"].astype(int))
    for _, q in bank.iterrows():
        found += _row_problems(q, lessons)
        if not _blank(q.get("domain")) and int(q["domain"]) not in known_domains:
            found.append(f"question {q['id']}: domain {q['domain']!r} is not one of {sorted(known_domains)}")
    stems = [" ".join(_words(s)) for s in bank["stem"].astype(str)]
    matcher = difflib.SequenceMatcher(autojunk=False)
    for i in range(len(stems)):
        matcher.set_seq2(stems[i])
        for j in range(i):
            matcher.set_seq1(stems[j])
            if matcher.real_quick_ratio() >= SIMILAR_STEMS and matcher.quick_ratio() >= SIMILAR_STEMS \
                    and matcher.ratio() >= SIMILAR_STEMS:
                found.append(f"questions {bank['id'].iloc[j]} and {bank['id'].iloc[i]}: the stems are too alike")
    return found


def bank_problems(bank: pd.DataFrame, *, position_slack: float = 0.25, domain_slack: float = 3.0) -> list[str]:
    """Whether the bank as a whole is balanced; ``[]`` when it is.

    - each answer letter is right in about a quarter of the questions (within
      ``position_slack`` of an even share), so guessing "C" pays nothing;
    - each domain's share of the questions lies within its exam weight range,
      widened by ``domain_slack`` percentage points.
    """
    found = []
    n = len(bank)
    if n == 0:
        return ["the bank has no questions"]
    even = n / len(LETTERS)
    counts = bank["answer"].astype(str).value_counts()
    for letter in LETTERS:
        got = int(counts.get(letter, 0))
        if abs(got - even) > position_slack * even:
            found.append(f"answer {letter} is right in {got} of {n} questions; an even share is about {even:.0f}")
    shares = bank["domain"].astype(int).value_counts() / n * 100
    for _, d in domains().iterrows():
        share = float(shares.get(int(d["domain"]), 0.0))
        low, high = float(d["weight_low"]) - domain_slack, float(d["weight_high"]) + domain_slack
        if not low <= share <= high:
            found.append(f"domain {d['domain']} ({d['name']}) has {share:.1f}% of the questions; "
                         f"the exam gives it {d['weight_low']}-{d['weight_high']}%")
    return found
