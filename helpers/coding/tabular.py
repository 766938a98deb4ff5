"""Look ICD-10-CM codes up in the tabular list: by code, by words, up the hierarchy, and their notes.

Every function takes a code in any form :func:`validate_icd10cm` accepts (any
case, with or without the dot, surrounding spaces) and raises ``ValueError``
with the validator's reason when it is not a code.

>>> lookup("e119")["description"]
'Type 2 diabetes mellitus without complications'
>>> ancestors("T36.0X1A")
['T36.0X1', 'T36.0X', 'T36.0', 'T36']
>>> search("merkel carcinoma", limit=1).code.tolist()
['C4A']
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .icd10cm import BILLABLE, _cm, code_set, validate_icd10cm

__all__ = ["lookup", "search", "ancestors", "hierarchy", "notes"]


def _resolve(code: str) -> str:
    """The dotted form of a valid code, or a ``ValueError`` saying why it is not one."""
    if not isinstance(code, str):
        raise TypeError(f"Give one ICD-10-CM code as text, such as 'E11.9'; got {type(code).__name__} {code!r}.")
    row = validate_icd10cm(code).iloc[0]
    if not row["valid"]:
        raise ValueError(f"{code.strip()!r} is not an ICD-10-CM code: {row['reason']}.")
    return row["code"]


def _level(code: str) -> str:
    cm = _cm()
    if cm.is_category(code):
        return "category"
    return "code with 7th character" if cm.is_extended_subcategory(code) else "subcategory"


def lookup(code: str) -> dict:
    """Everything about one code: description, billable, level, parent, children, block, chapter.

    ``parent`` is the code one level up (``None`` for a category, whose parent is
    its block); ``children`` are the codes one level down.

    >>> info = lookup("M1A")
    >>> info["level"], info["billable"], info["parent"], info["block"], info["chapter"]
    ('category', False, None, 'M05-M14', '13')
    """
    cm = _cm()
    dotted = _resolve(code)
    chain = cm.get_ancestors(dotted)  # codes up to the category, then the block, then the chapter
    block, chapter = chain[-2], chain[-1]
    return {
        "code": dotted,
        "description": cm.get_description(dotted).strip(),
        "level": _level(dotted),
        "billable": cm.is_leaf(dotted),
        "parent": chain[0] if len(chain) > 2 else None,
        "children": cm.get_children(dotted),
        "block": block,
        "block_description": cm.get_description(block, prioritize_blocks=True).strip(),
        "chapter": chapter,
        "chapter_description": cm.get_description(chapter).strip(),
    }


def ancestors(code: str) -> list[str]:
    """The codes above ``code``, nearest first, ending at its category (blocks and chapters left out).

    >>> ancestors("C4A")
    []
    """
    cm = _cm()
    return cm.get_ancestors(_resolve(code))[:-2]


def hierarchy(code: str) -> pd.DataFrame:
    """The path from the chapter down to ``code``: columns ``level``, ``code``, ``description``.

    >>> hierarchy("U07.1").level.tolist()
    ['chapter', 'block', 'category', 'subcategory']
    """
    cm = _cm()
    dotted = _resolve(code)
    chain = cm.get_ancestors(dotted)
    codes = [*reversed(chain[:-2]), dotted]
    rows = [("chapter", chain[-1], cm.get_description(chain[-1]).strip()),
            ("block", chain[-2], cm.get_description(chain[-2], prioritize_blocks=True).strip())]
    rows += [(_level(c), c, cm.get_description(c).strip()) for c in codes]
    return pd.DataFrame(rows, columns=["level", "code", "description"])


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def notes(code: str) -> dict:
    """The tabular list's notes on ``code``, as ``simple-icd-10-cm`` provides them.

    Keys: ``includes``, ``inclusion_terms``, ``excludes1``, ``excludes2``,
    ``code_first``, ``code_also``, ``use_additional_code``, ``notes`` (lists of
    lines, empty when there is none), ``seventh_characters`` (dict character ->
    meaning) and ``seventh_character_note``. The 7th-character entries are
    inherited from the category that defines them; the other notes are the code's
    own: notes at a category apply to all its subcodes, so read ``notes`` of each
    code in :func:`ancestors` too.

    >>> n = notes("T36.0X1A")
    >>> n["seventh_characters"]["A"], n["excludes1"]
    ('initial encounter', [])
    >>> notes("E11")["excludes1"][0]
    'diabetes mellitus due to underlying condition (E08.-)'
    """
    cm = _cm()
    dotted = _resolve(code)
    return {
        "includes": cm.get_includes(dotted),
        "inclusion_terms": cm.get_inclusion_term(dotted),
        "excludes1": cm.get_excludes1(dotted),
        "excludes2": cm.get_excludes2(dotted),
        "code_first": _lines(cm.get_code_first(dotted)),
        "code_also": _lines(cm.get_code_also(dotted)),
        "use_additional_code": _lines(cm.get_use_additional_code(dotted)),
        "notes": _lines(cm.get_notes(dotted)),
        "seventh_characters": cm.get_seven_chr_def(dotted, search_in_ancestors=True),
        "seventh_character_note": cm.get_seven_chr_note(dotted, search_in_ancestors=True),
    }


@functools.lru_cache(maxsize=1)
def _descriptions() -> tuple[pd.DataFrame, np.ndarray]:
    """Every code with its description in tabular-list order, and the descriptions in lower case."""
    cm = _cm()
    cs = code_set()
    table = pd.DataFrame({
        "code": cs.dotted,
        "description": [cm.get_description(c).strip() for c in cs.dotted],
        "billable": cs.kinds == BILLABLE,
    })
    return table, np.array([d.lower() for d in table["description"]], dtype=object)


def search(words: str | Sequence[str], limit: int | None = 20, billable_only: bool = False) -> pd.DataFrame:
    """Codes whose description contains all ``words`` (any case), in tabular-list order.

    Each word must start a word of the description, so ``"fract"`` finds
    "fracture" but ``"ract"`` does not. ``words`` is a string (split on spaces)
    or a list of words. Returns columns ``code``, ``description``, ``billable``;
    at most ``limit`` rows (``None`` for all).

    >>> search("covid", limit=3).code.tolist()
    ['Z11.52', 'Z20.822', 'Z28.31']
    >>> search(["fract", "thumb", "initial"], limit=2, billable_only=True).code.tolist()
    ['S62.501A', 'S62.501B']
    """
    if isinstance(words, str):
        terms = words.split()
    elif isinstance(words, Sequence) and all(isinstance(w, str) for w in words):
        terms = [t for w in words for t in w.split()]
    else:
        raise TypeError(f"Give the words to search for as text, such as 'type 2 diabetes'; got {words!r}.")
    if not terms:
        raise ValueError("There is nothing to search for: type one or more words, such as 'asthma'.")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise ValueError(f"limit must be a whole number of rows of at least 1, or None for all; got {limit!r}.")
    table, lower = _descriptions()
    rows = np.flatnonzero(table["billable"].to_numpy()) if billable_only else np.arange(len(table))
    for term in (t.lower() for t in terms):  # each word narrows the rows, so later words scan fewer
        rows = rows[[term in lower[i] for i in rows]]  # quick substring test first
        starts_a_word = re.compile(r"\b" + re.escape(term))
        rows = rows[[starts_a_word.search(lower[i]) is not None for i in rows]]
    found = table.iloc[rows[:limit] if limit else rows]
    return found.reset_index(drop=True)
