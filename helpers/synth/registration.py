"""Registration errors as they really happen, and different people who look like one person.

``make_records`` first makes duplicates with the errors of ``people.make_duplicates`` (the
"basic" extract). With ``errors="realistic"`` (the default) this module then gives part of
those duplicates a harder variant of the same kind of error, at the rates in :data:`RATES`,
and adds two kinds of error of its own (a birth date and a phone number). Every change is
recorded in the pair's ``error_types`` in the ``duplicates`` table. Separately,
:func:`plant_lookalikes` makes pairs of *different* people who share most of what a
registration clerk sees (twins; a parent and child with the same name at the same address;
two people with a common name born on the same day): the ``lookalikes`` table lists them,
since a matcher must not merge them.

Everything here draws from its own random generator (``default_rng([seed, 15])``), so the
encounters, diagnoses and procedures of an extract are the same with either setting, and so are
the rows and kinds of its planted defects (a few defect values that start from a changed cell differ).
All of it is synthetic: no row describes a real person.

>>> sorted(RATES)[:3]
['birth_date', 'first_name', 'last_name']
>>> UNLISTED_NICKNAMES["Sarah"]
'Sally'
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["RATES", "LOOKALIKE_KINDS", "ERROR_TYPES", "UNLISTED_NICKNAMES", "vary_duplicates", "plant_lookalikes",
           "error_labels", "short_form"]

#: How the realistic extract varies the basic errors, per field group. ``share`` is the share of
#: duplicates with an error in that group: middle name, SSN, first and last name keep the shares
#: Just et al. (2016, PMC4832129; course table ``mpi_facts``) report for confirmed duplicates (the
#: basic generator already plants them); birth date and phone are the course's own choice, as the
#: study gives no share for them. ``kinds`` split a group's errors: they are the course's own
#: choice (the study does not break the fields down), picked so that every error the industry
#: lists for duplicate records (one- and two-letter typos, nicknames, married names, a missing
#: or mistyped SSN, a swapped day and month, a move, a new phone) is planted often enough to be
#: measured at 10,000 patients.
RATES: dict[str, dict] = {
    "first_name": {"share": 0.53, "kinds": {"basic": 0.70, "nickname_unlisted": 0.15, "two_typos": 0.15}},
    "last_name": {"share": 0.34, "kinds": {"basic": 0.55, "two_typos": 0.15, "hyphenated": 0.20,
                                            "changed": 0.10}},
    "ssn": {"share": 0.54, "kinds": {"basic": 0.60, "missing": 0.25, "wrong_digit": 0.15}},
    "birth_date": {"share": 0.10, "kinds": {"day_month_swapped": 0.60, "wrong_digit": 0.40}},
    "phone": {"share": 0.20, "kinds": {"changed": 1.0}},
}
#: Kinds of look-alike pair (different people) and their shares of the look-alike pairs.
LOOKALIKE_KINDS: dict[str, float] = {"twin": 0.40, "parent_child": 0.30, "same_name_and_birth_date": 0.30}

#: Every error label an extract can carry, in bit order: the basic generator's seven first.
ERROR_TYPES: tuple[str, ...] = (
    "middle_name_mismatch", "ssn_transposed_digits", "ssn_missing_digit", "first_name_misspelling",
    "first_name_nickname", "last_name_misspelling", "moved_address",
    "first_name_nickname_unlisted", "first_name_two_typos", "last_name_two_typos", "last_name_hyphenated",
    "last_name_changed", "ssn_missing", "ssn_wrong_digit", "birth_date_day_month_swapped",
    "birth_date_wrong_digit", "changed_phone",
)
_BIT = {name: np.uint32(1 << i) for i, name in enumerate(ERROR_TYPES)}
_GROUP_BITS = {
    "first_name": ("first_name_misspelling", "first_name_nickname"),
    "last_name": ("last_name_misspelling",),
    "ssn": ("ssn_transposed_digits", "ssn_missing_digit"),
}

#: Nicknames people give at registration that the matcher's table does not list (so a
#: matcher needs another way to see them); the other unlisted nicknames planted are short
#: forms: the first three or four letters of the name (Jonathan -> Jona, Melissa -> Mel).
UNLISTED_NICKNAMES: dict[str, str] = {
    "Sarah": "Sally", "Mary": "Polly", "Henry": "Harry", "Gabriel": "Gabe", "Elizabeth": "Libby",
    "Theresa": "Tess", "Dorothy": "Dolly", "Margaret": "Daisy", "Isabella": "Bella", "Eleanor": "Nell",
}


def short_form(name: str, length: int) -> str:
    """The first ``length`` letters of a name, as a short form someone might register under.

    >>> short_form("Melissa", 3), short_form("Ann", 3)
    ('Mel', 'Ann')
    """
    return name[:max(int(length), 1)]


def _draw_kinds(rng: np.random.Generator, group: str, n: int) -> np.ndarray:
    kinds = RATES[group]["kinds"]
    return np.array(list(kinds), dtype=object)[rng.choice(len(kinds), size=n, p=list(kinds.values()))]


def _set(flags: np.ndarray, rows: np.ndarray, group: str, label: str) -> None:
    """Replace the basic bits of ``group`` by ``label`` on ``rows`` (a boolean mask)."""
    clear = np.uint32(0)
    for old in _GROUP_BITS.get(group, ()):
        clear |= _BIT[old]
    flags[rows] = (flags[rows] & ~clear) | _BIT[label]


def _new_phone(rng: np.random.Generator, old: np.ndarray) -> np.ndarray:
    from .people import digits

    n = len(old)
    area = 100 * rng.integers(2, 10, n) + 10 * rng.integers(0, 9, n) + rng.integers(0, 10, n)
    area = np.where(area % 100 == 11, area + 1, area)
    new = "(" + digits(area, 3) + ") 555-01" + digits(rng.integers(0, 100, n), 2)
    fallback = np.where(old == "(212) 555-0199", "(212) 555-0198", "(212) 555-0199")
    return np.where(new == old, fallback, new)


def vary_duplicates(rng: np.random.Generator, people: dict[str, np.ndarray], source: np.ndarray,
                    copies: dict[str, np.ndarray], flags: np.ndarray, reference_day: int) -> np.ndarray:
    """Give part of the duplicates ``copies`` (of ``people`` rows ``source``) harder errors, in place.

    Returns the error bits, widened to ``uint32`` (see :data:`ERROR_TYPES`).
    """
    from .people import NICKNAMES, _misspell, _ssn_text, load_pools

    n = len(source)
    flags = flags.astype(np.uint32)
    if not n:
        return flags
    pools = load_pools()
    first = np.asarray(people["first_name"])[source]

    # first name: an unlisted nickname or short form, or two typos, instead of the basic error
    had = (flags & (_BIT["first_name_misspelling"] | _BIT["first_name_nickname"])) > 0
    kind = np.where(had, _draw_kinds(rng, "first_name", n), "basic")
    unlisted = pd.Series(first).map(UNLISTED_NICKNAMES).to_numpy(object)
    length = rng.integers(3, 5, n)
    short = np.array([short_form(f, k) for f, k in zip(first, length)], dtype=object)
    listed = pd.Series(first).map(NICKNAMES).str.upper().to_numpy(object)
    usable = pd.notna(unlisted) | ((pd.Series(first).str.len().to_numpy() >= 5)
                                   & (pd.Series(short).str.upper().to_numpy(object) != listed))
    nick = (kind == "nickname_unlisted") & usable
    copies["first_name"][nick] = np.where(pd.notna(unlisted), unlisted, short)[nick]
    _set(flags, nick, "first_name", "first_name_nickname_unlisted")
    two = kind == "two_typos"
    if two.any():
        copies["first_name"][two] = _misspell(_misspell(first[two], rng), rng)
        _set(flags, two, "first_name", "first_name_two_typos")

    # last name: two typos, a hyphenated married name, or a wholly changed one (women only for the last two)
    last = np.asarray(people["last_name"])[source]
    had = (flags & _BIT["last_name_misspelling"]) > 0
    kind = np.where(had, _draw_kinds(rng, "last_name", n), "basic")
    female = copies["sex"] == "F"
    kind = np.where(~female & np.isin(kind, ["hyphenated", "changed"]), "two_typos", kind)
    other = pools.last[rng.choice(len(pools.last), size=n, p=pools.p_last)]
    other = np.where(other == last, pools.last[(np.searchsorted(pools.last, last) + 1) % len(pools.last)], other)
    for label, value in (("two_typos", None), ("hyphenated", np.where(rng.random(n) < 0.5, last + "-" + other,
                                                                        other + "-" + last)),
                         ("changed", other)):
        rows = kind == label
        if not rows.any():
            continue
        copies["last_name"][rows] = _misspell(_misspell(last[rows], rng), rng) if value is None else value[rows]
        _set(flags, rows, "last_name", f"last_name_{label}")

    # SSN: left blank, or one digit wrong (of the serial, so it stays a never-issued number)
    had = (flags & (_BIT["ssn_transposed_digits"] | _BIT["ssn_missing_digit"])) > 0
    kind = np.where(had, _draw_kinds(rng, "ssn", n), "basic")
    blank = kind == "missing"
    copies["ssn"][blank] = None
    _set(flags, blank, "ssn", "ssn_missing")
    wrong = kind == "wrong_digit"
    d = np.asarray(people["ssn_digits"])[source].copy()
    col = 5 + rng.integers(0, 4, n)
    rows = np.arange(n)
    d[rows, col] = (d[rows, col] + rng.integers(1, 10, n)) % 10
    d[:, 5:][(d[:, 5:] == 0).all(1)] = 1  # serial 0000 is never issued
    copies["ssn"][wrong] = _ssn_text(d[wrong])
    _set(flags, wrong, "ssn", "ssn_wrong_digit")

    # birth date: day and month swapped (when both are 1-12 and differ, and the swap is earlier), else one digit wrong
    born = np.asarray(copies["birth_day"])
    dates = born.astype("datetime64[D]")
    year = dates.astype("datetime64[Y]").astype(int) + 1970
    month = (dates.astype("datetime64[M]") - dates.astype("datetime64[Y]")).astype(int) + 1
    day = (dates - dates.astype("datetime64[M]")).astype(int) + 1
    pick = rng.random(n) < RATES["birth_date"]["share"]
    kind = np.where(pick, _draw_kinds(rng, "birth_date", n), "")
    swappable = (day <= 12) & (day != month)
    kind = np.where((kind == "day_month_swapped") & ~swappable, "wrong_digit", kind)
    slip = rng.integers(1, 10, n)
    text = [f"{y:04d}-{m:02d}-{dd:02d}" for y, m, dd in zip(year, month, day)]
    new = born.copy()
    for i in np.flatnonzero(kind != ""):
        # a mistyped date only ever moves earlier, so the visits of the true date still come after it
        start = int(slip[i]) % 4
        digit = [("wrong_digit", text[i][:pos] + str((int(text[i][pos]) + step) % 10) + text[i][pos + 1:])
                 for pos in np.roll((2, 3, 6, 9), -start) for step in (int(slip[i]), *range(1, 10))]
        swap = [("day_month_swapped", f"{year[i]:04d}-{day[i]:02d}-{month[i]:02d}")]
        for label, candidate in (swap + digit if kind[i] == "day_month_swapped" else digit):
            try:
                value = int(np.datetime64(candidate, "D").astype(np.int64))
            except ValueError:
                continue  # not a calendar date
            if reference_day - 105 * 366 < value < born[i]:
                new[i], kind[i] = value, label
                break
        else:
            kind[i] = ""
    copies["birth_day"][:] = new
    for label in ("day_month_swapped", "wrong_digit"):
        flags[kind == label] |= _BIT[f"birth_date_{label}"]

    # phone: a new number
    changed = rng.random(n) < RATES["phone"]["share"]
    copies["phone"][changed] = _new_phone(rng, copies["phone"][changed])
    flags[changed] |= _BIT["changed_phone"]
    return flags


def plant_lookalikes(rng: np.random.Generator, record: dict[str, np.ndarray], person_row: np.ndarray,
                     has_copies: np.ndarray, count: int, reference_day: int) -> pd.DataFrame:
    """Turn up to ``count`` people into look-alikes of others, in place; return the person pairs and kind.

    ``record`` holds every record's columns, ``person_row`` the row of each person's first
    record, ``has_copies`` which people have duplicates (partners are drawn among the others,
    so every record of a partner is one person). A partner's birth date only ever moves
    earlier, so the visits made for its old birth date still come after the new one.
    Columns: ``person_a`` (anchor), ``person_b`` (the look-alike), ``kind`` (see
    :data:`LOOKALIKE_KINDS`). Pairs that find no partner are dropped, so there can be fewer.
    """
    from .people import _first_names, load_pools

    pools = load_pools()
    count = int(min(count, len(person_row) // 4))
    empty = pd.DataFrame({"person_a": np.zeros(0, np.int64), "person_b": np.zeros(0, np.int64),
                          "kind": np.array([], dtype=object)})
    if count <= 0:
        return empty
    anchor = rng.choice(len(person_row), size=count, replace=False)
    kind = np.array(list(LOOKALIKE_KINDS), dtype=object)[
        rng.choice(len(LOOKALIKE_KINDS), size=count, p=list(LOOKALIKE_KINDS.values()))]
    born_a = record["birth_day"][person_row[anchor]]
    gap = ((18 + rng.random(count) * 22) * 365.25).astype(np.int64)
    child = born_a + gap <= reference_day - 60
    target = np.where(kind == "parent_child", np.where(child, born_a + gap, born_a - gap), born_a)
    # partners: people with no duplicates, not anchors, born on or after the target date
    free = np.ones(len(person_row), bool)
    free[anchor] = False
    free &= ~has_copies
    pool = np.flatnonzero(free)
    pool = pool[np.argsort(record["birth_day"][person_row[pool]], kind="stable")]
    pos = np.searchsorted(record["birth_day"][person_row[pool]], target)
    ok = pos < len(pool)
    pick = np.minimum(pos + (rng.random(count) * (len(pool) - pos)).astype(np.int64), len(pool) - 1)
    partner = np.where(ok, pool[pick] if len(pool) else -1, -1)
    first_use = np.zeros(count, bool)
    first_use[np.unique(partner, return_index=True)[1]] = True
    keep = ok & first_use & (partner >= 0)
    anchor, partner, kind, target = anchor[keep], partner[keep], kind[keep], target[keep]
    if not len(anchor):
        return empty
    a, b = person_row[anchor], person_row[partner]

    def copy(columns, mask):
        for column in columns:
            record[column][b[mask]] = record[column][a[mask]]

    home = ("last_name", "address", "city", "state", "zip", "phone")
    twin = kind == "twin"
    copy(home, twin)
    first = _first_names(rng, record["sex"][b] == "F", pools)
    again = _first_names(rng, record["sex"][b] == "F", pools)
    first = np.where(first == record["first_name"][a], again, first)
    record["first_name"][b[twin]] = first[twin]
    family = kind == "parent_child"
    copy(home + ("first_name", "middle_name", "sex"), family)
    copy(("first_name", "last_name", "sex"), kind == "same_name_and_birth_date")
    record["birth_day"][b] = target
    email = (pd.Series(record["first_name"][b]).str.lower() + "." + pd.Series(record["last_name"][b]).str.lower()
             + "@example.org").to_numpy(object)
    record["email"][b] = email
    return pd.DataFrame({"person_a": anchor, "person_b": partner, "kind": kind})


def error_labels(flags: np.ndarray) -> np.ndarray:
    """Error bits -> text such as ``'first_name_nickname;middle_name_mismatch'`` (labels sorted).

    >>> error_labels(np.array([0, 1 | 1 << 16], dtype=np.uint32)).tolist()
    ['', 'changed_phone;middle_name_mismatch']
    """
    distinct, inverse = np.unique(flags, return_inverse=True)
    text = np.array([";".join(sorted(name for name, bit in _BIT.items() if int(v) & int(bit))) for v in distinct],
                    dtype=object)
    return text[inverse] if len(flags) else np.array([], dtype=object)
