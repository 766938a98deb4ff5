"""Medical terminology: split a term into its word parts, read it, and build terms from parts.

Medical words are built from three kinds of parts, written the way terminology courses
write them in the ``word_parts`` table (lesson 04):

- a **prefix** at the start, written ``peri-`` (around);
- one or more **combining forms**: a root plus a combining vowel, written ``cardi/o`` (heart);
- a **suffix** at the end, written ``-itis`` (inflammation).

The combining vowel is kept before a suffix that starts with a consonant (``hepat/o`` +
``-megaly`` = hepatomegaly), dropped before a suffix that starts with a vowel (``cardi/o`` +
``-itis`` = carditis, where the i is also written only once), and kept between two combining
forms (gastroenterology).

>>> from helpers import terms
>>> list(terms.decompose("pericarditis")["part"])
['peri-', 'cardi/o', '-itis']
>>> terms.read_term("hepatomegaly")
'enlargement + liver'
>>> terms.build_term("gastr/o", "enter/o", "-logy")
'gastroenterology'

A piece that is not in the table is reported as ``unknown``, never guessed:

>>> terms.decompose("cellulitis")[["piece", "kind"]].values.tolist()
[['cellul', 'unknown'], ['itis', 'suffix']]
"""
from __future__ import annotations

import functools
import re
import reprlib
from typing import Any

import pandas as pd

__all__ = ["KINDS", "SYSTEMS", "MAX_LETTERS", "word_parts", "decompose", "read_term", "build_term", "split_part"]

#: The three kinds of word part, as the ``kind`` column spells them.
KINDS = ("prefix", "combining form", "suffix")
#: The body systems of the ``system`` column ("general" for parts used everywhere).
SYSTEMS = ("general", "cardiovascular", "respiratory", "digestive", "urinary", "musculoskeletal", "nervous",
           "integumentary", "endocrine", "reproductive", "blood and lymph", "eye and ear")

#: The longest word :func:`decompose` reads (pneumonoultramicroscopicsilicovolcanoconiosis has 45 letters).
MAX_LETTERS = 100
_VOWELS = set("aeiou")
_UNKNOWN_COST = 10  # an unexplained piece costs this, plus 1 per letter (see _best_split)
_PIECE_COST = 2
_PREFIX = re.compile(r"([a-z]+)-")
_FORM = re.compile(r"([a-z]+)/([aeiou])")
_SUFFIX = re.compile(r"-([a-z]+)")


def _choice(value: Any, allowed: tuple[str, ...], name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value.strip().lower() not in allowed:
        raise ValueError(f"{name}={value!r} is not one of: {', '.join(repr(a) for a in allowed)}. "
                         f"Pick one of those, or leave {name} out to see them all.")
    return value.strip().lower()


def word_parts(kind: str | None = None, system: str | None = None) -> pd.DataFrame:
    """The ``word_parts`` table, optionally only one kind of part and/or one body system.

    >>> cardio = word_parts(kind="combining form", system="cardiovascular")
    >>> "cardi/o" in set(cardio["part"])
    True
    >>> word_parts(kind="root")
    Traceback (most recent call last):
    ...
    ValueError: kind='root' is not one of: 'prefix', 'combining form', 'suffix'. Pick one of those, or leave kind out to see them all.
    """
    from . import data

    kind, system = _choice(kind, KINDS, "kind"), _choice(system, SYSTEMS, "system")
    table = data.load("word_parts")
    keep = pd.Series(True, index=table.index)
    if kind is not None:
        keep &= table["kind"] == kind
    if system is not None:
        keep &= table["system"] == system
    return table[keep].reset_index(drop=True)


def split_part(part: str) -> tuple[str, str, str]:
    """Read a part written in course notation: returns (kind, letters, combining vowel).

    >>> split_part("cardi/o"), split_part("peri-"), split_part("-itis")
    (('combining form', 'cardi', 'o'), ('prefix', 'peri', ''), ('suffix', 'itis', ''))
    """
    if not isinstance(part, str):
        raise ValueError(f"Each word part must be text in quotes, such as 'cardi/o'; got {part!r}.")
    text = part.strip().lower()
    for kind, pattern in (("prefix", _PREFIX), ("combining form", _FORM), ("suffix", _SUFFIX)):
        found = pattern.fullmatch(text)
        if found:
            return kind, found.group(1), found.group(2) if kind == "combining form" else ""
    raise ValueError(f"{part!r} is not written as a word part. Write a prefix with a dash after it ('peri-'), "
                     "a combining form with a slash before its vowel ('cardi/o'), and a suffix with a dash "
                     "in front ('-itis').")


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[dict]], int]:
    """Table rows keyed by their letters (without dash, slash or vowel), and the longest key.

    A part that starts with a vowel is also keyed ``"+"`` + the rest of its letters: when the
    piece before it ends with that same vowel, the two share it (peri + card + itis, hyp + ox + ia).
    """
    index: dict[str, list[dict]] = {}
    for row in word_parts().to_dict("records"):
        kind, letters, vowel = split_part(row["part"])
        entry = {**row, "letters": letters, "vowel": vowel, "kind": kind}
        index.setdefault(letters, []).append(entry)
        if letters[0] in _VOWELS and kind != "prefix":  # may share its first vowel with the piece before it
            index.setdefault("+" + letters[1:], []).append({**entry, "shared": True})
    return index, max(len(k) for k in index)


def _clean_term(term: Any) -> str:
    if not isinstance(term, str):
        raise ValueError(f"The term must be text in quotes, such as 'pericarditis'; got {reprlib.repr(term)}.")
    text = term.strip().lower().replace("-", "")
    shown = repr(term if len(term) <= 40 else term[:37] + "...")
    if not text:
        raise ValueError("The term is empty: type a medical word such as 'pericarditis'.")
    if any(ch.isdigit() for ch in text):
        raise ValueError(f"{shown} contains digits. Type a medical word made of letters, such as 'hepatomegaly' "
                         "(a code such as I10 is looked up with helpers.coding instead).")
    if any(ch.isspace() for ch in text):
        raise ValueError(f"{shown} has more than one word. Decompose one word at a time, for example "
                         f"{text.split()[0]!r}.")
    if not re.fullmatch(r"[a-z]+", text):
        raise ValueError(f"{shown} contains characters other than letters. Type only the letters of the word.")
    if len(text) > MAX_LETTERS:
        raise ValueError(f"That word has {len(text):,} letters; the longest medical words have about 45. Type one "
                         f"word of at most {MAX_LETTERS} letters, such as 'pericarditis'.")
    return text


def _best_split(text: str) -> list[dict]:
    """The cheapest split of ``text`` into pieces (dynamic programming over positions).

    Score: each unexplained piece costs 10 plus 1 per letter, each piece costs 2, so a split
    that the table explains fully always wins, and an unexplained stretch is not chopped
    into short prefixes to save letters (atrial is not a- + tri- + -al). Ties go to fewer
    pieces, then to fewer combining-vowel irregularities.

    Each state keeps its pieces as a chain ``(last piece, chain before it)``, never as a copied
    list, so the work grows linearly with the length of the word (10,000 letters in a blink).
    """
    index, longest = _index()
    n = len(text)
    # state: (position, phase, last piece unknown); phase 0: only prefixes so far, 1: roots or
    # unknown pieces, 2: a suffix ended the word
    Cost = tuple[int, int, int]
    Chain = tuple[dict, Any] | None
    best: dict[tuple[int, int, bool], tuple[Cost, Chain]] = {(0, 0, False): ((0, 0, 0), None)}

    def offer(state: tuple[int, int, bool], cost: Cost, chain: Chain) -> None:
        if state not in best or cost < best[state][0]:
            best[state] = (cost, chain)

    for pos in range(n + 1):
        for phase in (0, 1):
            for after_unknown in (False, True):
                if (pos, phase, after_unknown) not in best:
                    continue
                (score, count, odd), chain = best[(pos, phase, after_unknown)]
                if pos < n:  # an unexplained letter: starts an unknown piece or extends the current one
                    extra = (1, 0) if after_unknown else (_UNKNOWN_COST + 1 + _PIECE_COST, 1)
                    offer((pos + 1, 1, True), (score + extra[0], count + extra[1], odd),
                          ({"piece": text[pos], "kind": "unknown"}, chain))
                last = chain[0] if chain else None
                can_share = (last is not None and last["kind"] != "unknown" and not last.get("vowel_kept")
                             and text[pos - 1] in _VOWELS)
                known = (score + _PIECE_COST, count + 1, odd)
                for end in range(pos + 1, min(n, pos + longest) + 1):
                    rows = index.get(text[pos:end], [])
                    if can_share:
                        rows = rows + [r for r in index.get("+" + text[pos:end], []) if r["letters"][0] == text[pos - 1]]
                    for row in rows:
                        piece = {"piece": text[pos:end], **row}
                        if row["kind"] == "prefix" and phase == 0:
                            offer((end, 0, False), known, (piece, chain))
                        elif row["kind"] == "suffix" and end == n:
                            offer((end, 2, False), (known[0], known[1], odd + _odd_vowel(last, row)), (piece, chain))
                        elif row["kind"] == "combining form":
                            offer((end, 1, False), known, ({**piece, "vowel_kept": False}, chain))
                            if end < n and text[end] == row["vowel"]:
                                offer((end + 1, 1, False), known,
                                      ({**piece, "piece": text[pos:end + 1], "vowel_kept": True}, chain))
    ends = [cost_chain for state, cost_chain in best.items() if state[0] == n]
    chain = min(ends, key=lambda e: e[0])[1]
    pieces: list[dict] = []
    while chain is not None:
        pieces.append(chain[0])
        chain = chain[1]
    return pieces[::-1]


def _odd_vowel(last: dict | None, suffix: dict) -> int:
    """1 if the combining vowel of ``last`` (the piece before ``suffix``) breaks the usual rule, else 0."""
    if last is None or last["kind"] != "combining form":
        return 0
    starts_with_vowel = suffix["letters"][0] in _VOWELS
    return int(last["vowel_kept"] == starts_with_vowel)


def decompose(term: str) -> pd.DataFrame:
    """Split a medical term into word parts: one row per piece, in the order they appear.

    Columns: ``piece`` (the letters as they appear in the term), ``part`` (the table entry,
    such as ``cardi/o``), ``kind`` (prefix, combining form, suffix, or ``unknown`` for letters
    the table does not explain), ``meaning`` and ``combining_vowel`` ("kept", "dropped", or
    empty for prefixes, suffixes and unknown pieces). The unknown pieces are also listed in
    ``result.attrs["unknown"]``.

    >>> decompose("gastroenterology")[["part", "combining_vowel"]].values.tolist()
    [['gastr/o', 'kept'], ['enter/o', 'kept'], ['-logy', '']]
    >>> decompose("2b")
    Traceback (most recent call last):
    ...
    ValueError: '2b' contains digits. Type a medical word made of letters, such as 'hepatomegaly' (a code such as I10 is looked up with helpers.coding instead).
    """
    text = _clean_term(term)
    rows: list[dict] = []
    pieces = _best_split(text)
    for before, piece in zip(pieces, pieces[1:]):  # a shared vowel is shown with the later part: card|itis
        if piece.get("shared"):
            before["piece"], piece["piece"] = before["piece"][:-1], before["piece"][-1] + piece["piece"]
    for piece in pieces:
        if piece["kind"] == "unknown":
            if rows and rows[-1]["kind"] == "unknown":
                rows[-1]["piece"] += piece["piece"]
            else:
                rows.append({"piece": piece["piece"], "part": "", "kind": "unknown",
                             "meaning": "not in the word-part table", "combining_vowel": ""})
            continue
        vowel = ""
        if piece["kind"] == "combining form":
            vowel = "kept" if piece["vowel_kept"] else "dropped"
        rows.append({"piece": piece["piece"], "part": piece["part"], "kind": piece["kind"],
                     "meaning": piece["meaning"], "combining_vowel": vowel})
    result = pd.DataFrame(rows, columns=["piece", "part", "kind", "meaning", "combining_vowel"])
    result.attrs["term"] = text
    result.attrs["unknown"] = [r["piece"] for r in rows if r["kind"] == "unknown"]
    return result


def read_term(term: str | pd.DataFrame) -> str:
    """A word-by-word reading: the suffix's meaning first, then the prefixes, then the roots.

    Turn the reading into a sentence yourself: "inflammation + around + heart" is
    inflammation around the heart. Letters the table does not explain appear in brackets.
    ``term`` is a word, or a table returned by :func:`decompose`.

    >>> read_term("pericarditis")
    'inflammation + around + heart'
    >>> read_term("cellulitis")
    'inflammation + [cellul: not in the table]'
    """
    parts = term if isinstance(term, pd.DataFrame) else decompose(term)
    missing = {"piece", "kind", "meaning"} - set(parts.columns)
    if missing:
        raise ValueError(f"The table has no column {sorted(missing)[0]!r}: pass a word, or the table that "
                         "terms.decompose(word) returns.")

    def gloss(row: Any) -> str:
        return f"[{row.piece}: not in the table]" if row.kind == "unknown" else row.meaning

    rows = list(parts.itertuples(index=False))
    order = ([r for r in rows if r.kind == "suffix"] + [r for r in rows if r.kind == "prefix"]
             + [r for r in rows if r.kind in ("combining form", "unknown")])
    return " + ".join(gloss(r) for r in order)


def build_term(*parts: str) -> str:
    """Join word parts into a term with the combining-vowel rule.

    Give prefixes first, then combining forms, then one suffix at the end. The combining
    vowel is kept before another combining form and before a suffix that starts with a
    consonant, and dropped before a suffix that starts with a vowel. When one part ends with
    the vowel the next one starts with, the vowel is written once (cardi + itis = carditis).

    >>> build_term("cardi/o", "-itis"), build_term("hepat/o", "-megaly"), build_term("brady-", "cardi/o", "-ia")
    ('carditis', 'hepatomegaly', 'bradycardia')
    >>> build_term("cardi/o")
    Traceback (most recent call last):
    ...
    ValueError: A term built from word parts ends with a suffix, such as '-itis' or '-logy'; 'cardi/o' is a combining form.
    """
    if len(parts) == 1 and isinstance(parts[0], (list, tuple)):
        parts = tuple(parts[0])
    if not parts:
        raise ValueError("Give at least one combining form or prefix and a suffix, such as "
                         "build_term('cardi/o', '-itis').")
    read = [split_part(p) for p in parts]
    rank = {"prefix": 0, "combining form": 1, "suffix": 2}
    for (kind, _l, _v), (next_kind, _l2, _v2), part, nxt in zip(read, read[1:], parts, parts[1:]):
        if rank[next_kind] < rank[kind] or (kind == next_kind == "suffix"):
            raise ValueError(f"{nxt!r} ({next_kind}) cannot come after {part!r} ({kind}). Put prefixes first, "
                             "then combining forms, then one suffix at the end.")
    if read[-1][0] != "suffix":
        raise ValueError(f"A term built from word parts ends with a suffix, such as '-itis' or '-logy'; "
                         f"{parts[-1]!r} is a {read[-1][0]}.")
    word = ""
    for i, (kind, letters, vowel) in enumerate(read):
        if word and word[-1] == letters[0] and letters[0] in _VOWELS:
            letters = letters[1:]  # the same vowel twice is written once: cardi + itis = carditis
        word += letters
        if kind == "combining form":
            following = read[i + 1]
            if following[0] == "combining form" or following[1][0] not in _VOWELS:
                word += vowel
    return word
