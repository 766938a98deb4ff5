"""How ``helpers.mpi`` compares two patient records, field by field (vectorized over candidate pairs).

Each field of a pair gets a label (``same``, ``typo``, ``nickname``...) and each label the points
in :data:`POINTS`; ``helpers.mpi.find_duplicates`` adds them up. Names are graded with
``rapidfuzz`` (Jaro-Winkler similarity and the optimal-string-alignment edit distance), run in C
over aligned arrays of pairs with ``rapidfuzz.process.cpdist``, imported on first use. Birth
dates and SSNs use the one-edit test :func:`one_edit` on fixed-width byte matrices.
Everything here is synthetic-data tooling: no real patient data.

>>> POINTS["birth_date"]["swapped"]
3
>>> (A, la), (B, lb) = text_matrix(pd.Series(["SMITH"])), text_matrix(pd.Series(["SMTIH"]))
>>> one_edit(A, la, B, lb).tolist()
[True]
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["POINTS", "NAME_RULES", "text_matrix", "one_edit", "Labels", "features", "compare"]

#: Points for each field label (the table in ``helpers.mpi``'s docstring shows the same).
POINTS: dict[str, dict[str, float]] = {
    "last_name": {"same": 3, "part": 2, "typo": 2, "sounds_like": 1, "differ": -2, "missing": 0},
    "first_name": {"same": 3, "nickname": 3, "short_form": 2, "typo": 2, "sounds_like": 1, "differ": -3,
                   "missing": 0},
    "middle_name": {"same": 1, "typo": 1, "differ": 0, "missing": 0},
    "birth_date": {"same": 4, "swapped": 3, "typo": 2, "differ": -5, "missing": 0},
    "ssn": {"same": 5, "close": 3, "differ": -4, "missing": 0},
    "sex": {"same": 0, "differ": -3, "missing": 0},
    "address": {"same": 1, "differ": 0, "missing": 0},
    "phone": {"same": 1, "differ": 0, "missing": 0},
    "suffix": {"same": 0, "differ": -3, "missing": 0},
}
#: When two names that are not equal still count as a ``typo`` or a ``short_form``:
#: ``typo`` is one edit apart, or two edits apart with a Jaro-Winkler similarity of at least
#: ``typo_similarity``; ``short_form`` (first names only) means the same first letter and either
#: one name starts the other (at least ``prefix_letters`` letters: Rebe, Rebecca) or a
#: Jaro-Winkler similarity of at least ``short_form_similarity`` (Gabe, Gabriel).
NAME_RULES: dict[str, float] = {"typo_similarity": 0.85, "prefix_letters": 3, "short_form_similarity": 0.88}

_WIDTH = 16  # birth dates and SSNs are compared on their first 16 characters


def text_matrix(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Strings (A-Z, 0-9) as a zero-padded uint8 matrix and their lengths."""
    fixed = values.to_numpy(dtype=f"S{_WIDTH}")
    return fixed.view(np.uint8).reshape(len(values), _WIDTH), np.minimum(values.str.len().to_numpy(), _WIDTH)


def one_edit(A: np.ndarray, la: np.ndarray, B: np.ndarray, lb: np.ndarray) -> np.ndarray:
    """True where two padded strings are equal or one edit apart (substitution, insertion/deletion, swap)."""
    rows = np.arange(len(A))
    diff = A != B
    ndiff = diff.sum(1)
    same_len = la == lb
    first = diff.argmax(1)
    nxt = np.minimum(first + 1, _WIDTH - 1)
    swap = (ndiff == 2) & diff[rows, nxt] & (A[rows, first] == B[rows, nxt]) & (A[rows, nxt] == B[rows, first])
    out = same_len & ((ndiff <= 1) | swap)
    # insertion/deletion: S is the shorter string, T the longer one
    flip = (la > lb)[:, None]
    S, T = np.where(flip, B, A), np.where(flip, A, B)
    split = (S != T).argmax(1)
    tail_bad = (S[:, :-1] != T[:, 1:]) & (np.arange(_WIDTH - 1)[None, :] >= split[:, None])
    return out | ((np.abs(la - lb) == 1) & ~tail_bad.any(1))


class Labels:
    """Label codes (positions in ``POINTS[field]``) for one field over all candidate pairs.

    Starts as 'differ' ('missing' where a side is empty); ``mark`` gives a label to the
    pairs still undecided, so the first rule that holds wins and later, dearer rules
    (``todo``) run only on what is left.
    """

    def __init__(self, field: str, missing: np.ndarray):
        self.names = list(POINTS[field])
        self.codes = np.full(len(missing), self.names.index("differ"), dtype=np.int8)
        self.codes[missing] = self.names.index("missing")
        self.open = ~missing

    def todo(self) -> np.ndarray:
        return np.flatnonzero(self.open)

    def mark(self, name: str, hit: np.ndarray, rows: np.ndarray | None = None) -> None:
        """Label pairs where ``hit`` holds (``hit`` over all pairs, or over ``rows`` only)."""
        if rows is None:
            rows, hit = np.flatnonzero(self.open & hit), None
        else:
            rows = rows[hit]
        self.codes[rows] = self.names.index(name)
        self.open[rows] = False


def _codes(values: pd.Series) -> np.ndarray:
    """Integer code per row, equal for equal values; -1 for empty or missing."""
    codes, _ = pd.factorize(values.where(values != ""), use_na_sentinel=True)
    return codes


def features(p: pd.DataFrame, roots: int) -> dict[str, Any]:
    """What the comparisons need of each record (the prepared table), worked out once for the whole table."""
    return {
        "code": {c: _codes(p[c]) for c in ("last", "first", "middle", "dob", "ssn", "sex", "address", "phone",
                                           "suffix", "sx_last", "sx_first", "first_initial")},
        "mats": {c: text_matrix(p[c]) for c in ("middle", "dob", "ssn")},
        "text": {c: p[c].to_numpy(dtype=object) for c in ("last", "first", "last_parts")},
        "roots": pd.factorize(pd.concat([p[f"root{k}"] for k in range(roots)]))[0].reshape(roots, -1),
        "dob_int": p["dob_int"].to_numpy(),
    }


def _graded(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Edit distance (optimal string alignment) and Jaro-Winkler similarity of aligned name pairs."""
    from rapidfuzz.distance import OSA, JaroWinkler
    from rapidfuzz.process import cpdist

    if not len(x):
        return np.zeros(0, np.int64), np.zeros(0)
    x, y = x.tolist(), y.tolist()
    return (cpdist(x, y, scorer=OSA.distance, dtype=np.int32, workers=1),
            cpdist(x, y, scorer=JaroWinkler.normalized_similarity, dtype=np.float32, workers=1))


def _name_typo(edits: np.ndarray, similarity: np.ndarray) -> np.ndarray:
    return (edits == 1) | ((edits == 2) & (similarity >= NAME_RULES["typo_similarity"]))


def _short_form(x: np.ndarray, y: np.ndarray, similarity: np.ndarray, initial: np.ndarray) -> np.ndarray:
    """Same first letter (``initial``) and one name starting the other, or a high similarity."""
    shorter = NAME_RULES["prefix_letters"]
    out = initial & (similarity >= NAME_RULES["short_form_similarity"])
    for i in np.flatnonzero(initial & ~out):
        u, v = x[i], y[i]
        out[i] = (len(u) >= shorter and v.startswith(u)) or (len(v) >= shorter and u.startswith(v))
    return out


def _shares_a_part(x: np.ndarray, y: np.ndarray, px: np.ndarray, py: np.ndarray) -> np.ndarray:
    """True where one surname is made of parts and shares one with the other (Orozco-Perry, Perry)."""
    out = np.zeros(len(x), bool)
    for i in np.flatnonzero((px != "") | (py != "")):
        left = set(px[i].split("|")) if px[i] else {x[i]}
        right = set(py[i].split("|")) if py[i] else {y[i]}
        out[i] = bool(left & right)
    return out


def compare(feat: dict[str, Any], a: np.ndarray, b: np.ndarray) -> dict[str, Labels]:
    """Labels of every field for the candidate pairs (row positions ``a[i]``, ``b[i]``)."""
    code, mats, text = feat["code"], feat["mats"], feat["text"]

    def same(c):
        return code[c][a] == code[c][b]

    def empty(c):
        return (code[c][a] < 0) | (code[c][b] < 0)

    def near(c, rows):
        (M, L), x, y = mats[c], a[rows], b[rows]
        return one_edit(M[x], L[x], M[y], L[y])

    out = {}
    lab = out["last_name"] = Labels("last_name", empty("last"))
    lab.mark("same", same("last"))
    rows = lab.todo()
    x, y = text["last"][a[rows]], text["last"][b[rows]]
    lab.mark("part", _shares_a_part(x, y, text["last_parts"][a[rows]], text["last_parts"][b[rows]]), rows)
    rows = lab.todo()
    edits, similarity = _graded(text["last"][a[rows]], text["last"][b[rows]])
    lab.mark("typo", _name_typo(edits, similarity), rows)
    lab.mark("sounds_like", same("sx_last"))

    lab = out["first_name"] = Labels("first_name", empty("first"))
    lab.mark("same", same("first"))
    rc, k = feat["roots"], len(feat["roots"])
    lab.mark("nickname", np.logical_or.reduce([rc[i][a] == rc[j][b] for i in range(k) for j in range(k)]))
    rows = lab.todo()
    x, y = text["first"][a[rows]], text["first"][b[rows]]
    edits, similarity = _graded(x, y)
    typo = _name_typo(edits, similarity)
    lab.mark("typo", typo, rows)
    rows, x, y, similarity = rows[~typo], x[~typo], y[~typo], similarity[~typo]
    initial = feat["code"]["first_initial"][a[rows]] == feat["code"]["first_initial"][b[rows]]
    lab.mark("short_form", _short_form(x, y, similarity, initial), rows)
    lab.mark("sounds_like", same("sx_first"))

    lab = out["middle_name"] = Labels("middle_name", empty("middle"))
    lab.mark("same", same("middle"))
    rows = lab.todo()
    (M, L), x, y = mats["middle"], a[rows], b[rows]
    initial = ((L[x] == 1) | (L[y] == 1)) & (M[x, 0] == M[y, 0])
    lab.mark("typo", near("middle", rows) | initial, rows)

    lab = out["birth_date"] = Labels("birth_date", empty("dob"))
    lab.mark("same", same("dob"))
    rows = lab.todo()
    u, v = feat["dob_int"][a[rows]], feat["dob_int"][b[rows]]
    swapped = (u // 10000 == v // 10000) & (u // 100 % 100 == v % 100) & (u % 100 == v // 100 % 100)
    lab.mark("swapped", swapped, rows)
    rows = lab.todo()
    u, v = feat["dob_int"][a[rows]], feat["dob_int"][b[rows]]
    lab.mark("typo", near("dob", rows) | (np.abs(u - v) == 100 * 10000), rows)

    lab = out["ssn"] = Labels("ssn", empty("ssn"))
    lab.mark("same", same("ssn"))
    rows = lab.todo()
    lab.mark("close", near("ssn", rows), rows)
    for field, c in (("sex", "sex"), ("address", "address"), ("phone", "phone")):
        out[field] = Labels(field, empty(c))
        out[field].mark("same", same(c))
    out["suffix"] = Labels("suffix", (code["suffix"][a] < 0) & (code["suffix"][b] < 0))
    out["suffix"].mark("same", same("suffix"))
    return out
