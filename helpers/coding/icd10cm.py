"""ICD-10-CM validation: is each code in the official code set, and is it billable?

Validity is membership in the ICD-10-CM tabular list shipped by the package
``simple-icd-10-cm`` (CDC release of April 1, 2026): a **category** (3
characters, e.g. ``C4A``), a **subcategory** or a **full code**. Chapters
(``"1"`` to ``"22"`` in the package) and blocks of categories (``A00-A09``) are
headings, not codes, even though ``simple_icd_10_cm.is_valid_item`` accepts
them. A code is **billable** when it is valid and has no subcodes (a leaf).

>>> df = validate_icd10cm(["t36.0x1a", "S62.5X0A", "M1A", "A00-A09", None])
>>> df[["code", "valid", "billable"]].values.tolist()
[['T36.0X1A', True, True], ['S62.5X0A', False, False], ['M1A', True, False], ['A00-A09', False, False], [nan, False, False]]

The ``code`` column holds the normalized code (upper case, dot after the third
character) for valid input. For invalid input it holds the input as given,
stripped of surrounding spaces (case unchanged, so you can find it in the
source); it is missing (NaN) for None/NaN input and ``str(value)`` for input
that is not text. The code set is read once, on first use, and kept.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["validate_icd10cm", "normalise", "code_set", "CodeSet", "REASONS"]

# Kinds of valid code, stored as small integers in the code set.
BILLABLE, CATEGORY_WITH_SUBCODES, SUBCATEGORY_WITH_SUBCODES, NEEDS_SEVENTH = range(4)

#: Every reason ``validate_icd10cm`` gives; "absent" may carry "(closest parent: ...)" after it.
REASONS = {
    "billable": "billable: a valid code with no subcodes",
    "category": "category with subcodes: not billable, add characters",
    "subcategory": "subcategory with subcodes: not billable, add characters",
    "seventh": "needs a 7th character (use X placeholders): not billable",
    "missing": "empty (missing value)",
    "empty": "empty",
    "block": "a block of categories, not a code",
    "chapter": "a chapter number, not a code",
    "characters": "contains characters other than letters, digits and one dot",
    "dot": "dot in the wrong place: it goes after the third character",
    "short": "too short: a code has 3 to 7 characters",
    "long": "too long: a code has 3 to 7 characters",
    "first": "must start with a letter",
    "absent": "not in the ICD-10-CM code set",
}

_KIND_REASONS = [REASONS["billable"], REASONS["category"], REASONS["subcategory"], REASONS["seventh"]]
_CODE_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.")


@dataclass(frozen=True)
class CodeSet:
    """The ICD-10-CM code set, indexed for fast look-ups (built by :func:`code_set`).

    ``keys`` holds every code without its dot, ``dotted`` the same codes with it,
    ``kinds`` what each one is (billable, category with subcodes, ...), and
    ``headings`` the chapter and block names, which are not codes, and
    ``positions`` maps each key to its place.
    """

    keys: pd.Index
    dotted: np.ndarray
    kinds: np.ndarray
    headings: dict[str, str]
    positions: dict[str, int]

    @property
    def n_codes(self) -> int:
        """Number of codes (categories, subcategories and full codes)."""
        return len(self.keys)

    @property
    def n_billable(self) -> int:
        """Number of billable (leaf) codes."""
        return int((self.kinds == BILLABLE).sum())


def _cm():
    """The ``simple_icd_10_cm`` module, imported on first use (it parses its XML then, about 2-3 s).

    Its import uses ``importlib.resources`` calls that Python 3.11+ deprecates;
    those warnings are about the package, not about your code, so they are hidden.
    """
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm as cm
    return cm


@functools.lru_cache(maxsize=1)
def code_set() -> CodeSet:
    """Read the ICD-10-CM code set from ``simple-icd-10-cm`` once (about 3 s) and keep it.

    >>> cs = code_set()
    >>> cs.n_billable > 70_000, cs.headings["A00-A09"]
    (True, 'block')
    """
    cm = _cm()
    keys, dotted, kinds, headings = [], [], [], {}
    for name in dict.fromkeys(cm.get_all_codes(with_dots=True)):
        # A block holding a single category shares its name (B99, QA0): the code wins.
        if cm.is_category(name) or cm.is_subcategory(name):
            children = cm.get_children(name)
            if not children:
                kind = BILLABLE
            elif all(cm.is_extended_subcategory(child) for child in children):
                kind = NEEDS_SEVENTH
            elif cm.is_category(name):
                kind = CATEGORY_WITH_SUBCODES
            else:
                kind = SUBCATEGORY_WITH_SUBCODES
            keys.append(name.replace(".", ""))
            dotted.append(name)
            kinds.append(kind)
        elif cm.is_chapter(name):
            headings[name] = "chapter"
        elif cm.is_block(name):
            headings[name] = "block"
    index = pd.Index(keys, dtype=object)
    if not index.is_unique:  # would make look-ups ambiguous; never seen in a CDC release
        raise RuntimeError("The ICD-10-CM code set has two codes that differ only by the dot.")
    positions = {key: i for i, key in enumerate(keys)}
    return CodeSet(index, np.array(dotted, dtype=object), np.array(kinds, dtype=np.int8), headings, positions)


def normalise(code: str) -> str:
    """Upper-case ``code``, strip surrounding spaces and put the dot after the third character.

    This is the form :func:`validate_icd10cm` reports for valid codes. It does not
    check validity.

    >>> normalise(" t360x1a ")
    'T36.0X1A'
    >>> normalise("m1a")
    'M1A'
    """
    if not isinstance(code, str):
        raise TypeError(f"An ICD-10-CM code is text such as 'E11.9'; got {type(code).__name__} {code!r}.")
    text = code.strip().upper()
    if len(text) > 3 and text[3] == ".":
        text = text[:3] + text[4:]
    return text if len(text) <= 3 or "." in text else f"{text[:3]}.{text[3:]}"


def _as_object_array(codes: object) -> tuple[np.ndarray, pd.Index | None]:
    """The input as a 1-D object array (and its index, for a Series), or a clear error."""
    if isinstance(codes, str):
        return np.array([codes], dtype=object), None
    if isinstance(codes, pd.DataFrame):
        raise TypeError("validate_icd10cm takes one column of codes, not a table: pass df['code'].")
    if isinstance(codes, pd.Series):
        return codes.to_numpy(dtype=object), codes.index
    if isinstance(codes, (pd.Index, np.ndarray)):
        if codes.ndim != 1:
            raise ValueError(f"The codes must be one-dimensional; got an array of shape {codes.shape}.")
        return np.asarray(codes, dtype=object), None
    if isinstance(codes, (list, tuple)):
        values = np.array(codes, dtype=object)
        if values.ndim != 1:  # a list of lists: keep each inner list as one (invalid) item
            values = np.empty(len(codes), dtype=object)
            values[:] = list(codes)
        return values, None
    kind = type(codes).__name__
    hint = " (a set has no order: pass sorted(codes) or a list)" if isinstance(codes, (set, frozenset)) else ""
    raise TypeError(
        "validate_icd10cm takes a code or codes as a string, list, tuple, pandas Series or "
        f"NumPy array; got {kind}{hint}."
    )


def _reason_for_miss(stripped: str, upper: str, compact: str, cs: CodeSet) -> str:
    """Why a stripped, non-empty text is not a code (only for the few unique misses)."""
    heading = cs.headings.get(upper)
    if heading is not None:
        return REASONS[heading]
    if not stripped.isascii() or not set(compact) <= _CODE_CHARACTERS:
        return REASONS["characters"]
    if "." in compact:
        return REASONS["dot"]
    if len(compact) < 3:
        return REASONS["short"]
    if len(compact) > 7:
        return REASONS["long"]
    if not compact[0].isalpha():
        return REASONS["first"]
    for end in range(len(compact) - 1, 2, -1):  # the longest start that is a code
        pos = cs.positions.get(compact[:end], -1)
        if pos >= 0:
            return f"{REASONS['absent']} (closest parent: {cs.dotted[pos]})"
    return REASONS["absent"]


def _factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Like ``pd.factorize``, but first groups identical objects by their address.

    Columns read by pandas or sampled from a list repeat the same string objects;
    grouping 8-byte addresses is several times faster than hashing the strings,
    and only the distinct objects are then grouped by value.
    """
    values = np.ascontiguousarray(values, dtype=object)
    by_address, _ = pd.factorize(np.frombuffer(values, dtype=np.intp))
    one_of_each = np.empty(by_address.max(initial=-1) + 1, dtype=np.intp)
    one_of_each[by_address] = np.arange(len(values))  # any occurrence will do: same object
    by_value, uniques = pd.factorize(values[one_of_each], use_na_sentinel=True)
    return by_value[by_address], np.asarray(uniques, dtype=object)


def _classify_unique(uniques: np.ndarray, cs: CodeSet) -> tuple[np.ndarray, ...]:
    """Code shown, validity, billability and reason index for each distinct text, and the reasons.

    Normalizing is plain list comprehensions over the distinct texts: on object
    arrays pandas' ``.str`` methods loop in Python too, with more overhead.
    """
    stripped = [s.strip() for s in uniques]
    upper = [s.upper() for s in stripped]
    compact = [u[:3] + u[4:] if u[3:4] == "." else u for u in upper]
    pos = cs.keys.get_indexer(np.array(compact, dtype=object))
    ascii_only = np.fromiter(map(str.isascii, stripped), dtype=bool, count=len(stripped))
    pos[~ascii_only] = -1  # e.g. a dotless Turkish i upper-cases to I: not a code
    valid = pos >= 0
    kinds = np.where(valid, cs.kinds[np.maximum(pos, 0)], -1)
    shown = np.where(valid, cs.dotted[np.maximum(pos, 0)], np.array(stripped, dtype=object))
    reasons = list(_KIND_REASONS)
    reason_idx = np.where(valid, kinds, -1).astype(np.intp)
    seen: dict[str, int] = {r: i for i, r in enumerate(reasons)}
    for i in np.flatnonzero(~valid):
        reason = _reason_for_miss(stripped[i], upper[i], compact[i], cs) if stripped[i] else REASONS["empty"]
        if reason not in seen:
            seen[reason] = len(reasons)
            reasons.append(reason)
        reason_idx[i] = seen[reason]
    return shown, valid, kinds == BILLABLE, reason_idx, reasons


def validate_icd10cm(codes: str | Sequence | pd.Series | np.ndarray) -> pd.DataFrame:
    """Check ICD-10-CM codes against the official code set: one row per input, in order.

    ``codes`` is a string, list, tuple, pandas Series or 1-D NumPy array. Codes
    may have the dot or not, any case and surrounding spaces. Returns a DataFrame
    with columns ``code`` (normalized when valid; see the module docstring),
    ``valid``, ``billable`` and ``reason`` (short and specific). A Series keeps its
    index. Each distinct input is checked once, so a million codes take well
    under a second once the code set is loaded (see ``benchmarks/coding.py``).

    >>> validate_icd10cm(" u071 ").values.tolist()
    [['U07.1', True, True, 'billable: a valid code with no subcodes']]
    >>> validate_icd10cm(["S62.5X0A", "T36.0X1", ""]).reason.tolist()
    ['not in the ICD-10-CM code set (closest parent: S62.5)', 'needs a 7th character (use X placeholders): not billable', 'empty']
    """
    values, index = _as_object_array(codes)
    cs = code_set()
    n = len(values)
    if pd.api.types.infer_dtype(values, skipna=True) not in ("string", "empty"):
        is_missing = pd.isna(values)
        not_text = ~is_missing & ~np.fromiter((isinstance(v, str) for v in values), dtype=bool, count=n)
    else:
        not_text = np.zeros(n, dtype=bool)
    clean = values.copy() if not_text.any() else values
    clean[not_text] = None
    positions, uniques = _factorize(clean)
    shown, valid, billable, reason_idx, reasons = _classify_unique(uniques, cs)
    # One extra slot at the end: position -1 (a missing value) takes it.
    shown = np.append(shown, None)
    valid, billable = np.append(valid, False), np.append(billable, False)
    reason_idx = np.append(reason_idx, len(reasons))
    reasons = reasons + [REASONS["missing"]]
    # Take from per-distinct-value columns already typed, so pandas checks each string once.
    code_col = pd.Series(shown).array.take(positions)
    reason_col = pd.Series(reasons).array.take(reason_idx[positions])
    if not_text.any():
        # An exercise's untouched answer (...) is shown as the learner typed it, with what to do.
        code_col[not_text] = ["(none yet)" if v is Ellipsis else str(v) for v in values[not_text]]
        reason_col[not_text] = ["no code yet: replace ... with a code" if v is Ellipsis
                                else f"not text (got {type(v).__name__})" for v in values[not_text]]
    return pd.DataFrame(
        {"code": code_col, "valid": valid[positions], "billable": billable[positions], "reason": reason_col},
        index=index,
    )
