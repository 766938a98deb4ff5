"""Synthetic people: unique persons, then duplicate registrations of some of them.

Names, street suffixes and city parts come from faker's ``en_US`` provider lists
(first names weighted by faker's frequencies), sampled with NumPy; faker itself is
imported only on first use. Each column is a NumPy array; dates are whole days
since 1970-01-01 so the generator can do arithmetic on them without loops.

Nothing here can be a real person's number:

- SSNs use area numbers 900-999, which the Social Security Administration never
  issues, with group numbers 01-49, which IRS taxpayer numbers (ITINs, also 9xx)
  never use;
- phone numbers use exchange 555 and lines 0100-0199, reserved for fiction;
- e-mail addresses use the ``example.com/.org/.net`` domains reserved by RFC 2606.

>>> import numpy as np
>>> people = make_people(np.random.default_rng(0), 3, 20454)
>>> [len(v) for v in people.values()] == [3] * len(people)
True
>>> bool(all(s.startswith("9") for s in people["ssn"]))
True
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["NICKNAMES", "ERROR_TYPES", "ERROR_SHARES", "RESTRICTED_ZIP3_STATE", "load_pools", "digits", "make_people",
           "make_duplicates", "error_labels"]

#: A small map of formal first names to common nicknames (used when a duplicate is
#: registered under a nickname). Names not in faker's lists are simply never drawn.
NICKNAMES: dict[str, str] = {
    "William": "Bill", "Robert": "Bob", "Richard": "Rick", "James": "Jim", "John": "Jack",
    "Joseph": "Joe", "Thomas": "Tom", "Charles": "Chuck", "Michael": "Mike", "Christopher": "Chris",
    "Daniel": "Dan", "Matthew": "Matt", "Anthony": "Tony", "Edward": "Ed", "Steven": "Steve",
    "Andrew": "Andy", "Kenneth": "Ken", "Ronald": "Ron", "Donald": "Don", "Timothy": "Tim",
    "Gregory": "Greg", "Jacob": "Jake", "Benjamin": "Ben", "Nicholas": "Nick", "Samuel": "Sam",
    "Alexander": "Alex", "Jonathan": "Jon", "Patrick": "Pat", "Elizabeth": "Liz", "Margaret": "Peggy",
    "Katherine": "Kate", "Jennifer": "Jen", "Patricia": "Patty", "Susan": "Sue", "Deborah": "Debbie",
    "Jessica": "Jess", "Rebecca": "Becky", "Barbara": "Barb", "Victoria": "Vicky", "Cynthia": "Cindy",
    "Kimberly": "Kim", "Christine": "Chris", "Pamela": "Pam", "Samantha": "Sam", "Catherine": "Cathy",
}

#: Error types planted in duplicate registrations, in bit order (bit 0 = first entry).
ERROR_TYPES: tuple[str, ...] = (
    "middle_name_mismatch", "ssn_transposed_digits", "ssn_missing_digit", "first_name_misspelling",
    "first_name_nickname", "last_name_misspelling", "moved_address",
)
_BIT = {name: np.uint8(1 << i) for i, name in enumerate(ERROR_TYPES)}

#: Share of duplicates carrying each kind of error. Middle name, SSN, first and last
#: name follow the shares among confirmed duplicates in Just et al. 2016 (PMC4832129):
#: 58%, 54%, 53%, 34%; a moved address is the course's own choice. A duplicate that
#: draws no error gets exactly one, chosen at random.
ERROR_SHARES: dict[str, float] = {"middle": 0.58, "ssn": 0.54, "first": 0.53, "last": 0.34, "moved": 0.25}

#: The ZIP3 areas Safe Harbor restricts (2000 census, 20,000 people or fewer) and their state.
RESTRICTED_ZIP3_STATE: dict[str, str] = {
    "036": "NH", "059": "VT", "063": "CT", "102": "NY", "203": "DC", "556": "MN", "692": "NE",
    "790": "TX", "821": "WY", "823": "WY", "830": "WY", "831": "WY", "878": "NM", "879": "NM",
    "884": "NM", "890": "NV", "893": "NV",
}
_RESTRICTED_SHARE = 0.02  # share of people given a ZIP in a restricted area, so lessons meet some
_TERRITORIES = {"AS", "FM", "GU", "MH", "MP", "PW", "PR", "VI"}
_DOMAINS = np.array(["example.com", "example.org", "example.net"], dtype=object)
_PLAN_LETTERS = np.frombuffer(b"ABCDEFGHJKLMNPRSTUVWXYZ", np.uint8)
_AGE_BANDS = np.array([[0, 18], [18, 65], [65, 90], [90, 105]])  # years; 90+ so Safe Harbor has work
_AGE_SHARE = np.array([0.15, 0.50, 0.30, 0.05])
_MIN_AGE_DAYS = 60
_MIDDLE_NAME_SHARE = 0.85


@dataclass(frozen=True)
class _Pools:
    first: np.ndarray       # male names then female names
    n_male: int
    p_male: np.ndarray
    p_female: np.ndarray
    last: np.ndarray
    p_last: np.ndarray
    street_suffixes: np.ndarray
    city_prefixes: np.ndarray
    city_suffixes: np.ndarray
    states: np.ndarray
    zip_low: np.ndarray
    zip_high: np.ndarray


@functools.lru_cache(maxsize=1)
def load_pools() -> _Pools:
    """faker's en_US name and address lists as NumPy arrays (imported on first use)."""
    from faker.providers.address.en_US import Provider as Address
    from faker.providers.person.en_US import Provider as Person

    def weights(mapping) -> tuple[np.ndarray, np.ndarray]:
        names = np.array(list(mapping), dtype=object)
        p = np.array(list(mapping.values()), dtype=float)
        return names, p / p.sum()

    male, p_male = weights(Person.first_names_male)
    female, p_female = weights(Person.first_names_female)
    last, p_last = weights(Person.last_names)
    states = [s for s in Address.states_postcode if s not in _TERRITORIES]
    return _Pools(
        first=np.concatenate([male, female]), n_male=len(male), p_male=p_male, p_female=p_female,
        last=last, p_last=p_last,
        street_suffixes=np.array(Address.street_suffixes, dtype=object),
        city_prefixes=np.array(Address.city_prefixes, dtype=object),
        city_suffixes=np.array(Address.city_suffixes, dtype=object),
        states=np.array(states, dtype=object),
        zip_low=np.array([Address.states_postcode[s][0] for s in states]),
        zip_high=np.array([Address.states_postcode[s][1] for s in states]),
    )


# -- fast text from numbers ---------------------------------------------------------------
def _ascii(matrix: np.ndarray) -> np.ndarray:
    """Rows of ASCII codes (n, width) -> object array of str."""
    width = matrix.shape[1]
    raw = np.ascontiguousarray(matrix, dtype=np.uint8).view(f"S{width}").ravel()
    return raw.astype(f"U{width}").astype(object)


def _digit_matrix(values: np.ndarray, width: int) -> np.ndarray:
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    return (np.asarray(values, dtype=np.int64)[:, None] // powers) % 10


def digits(values: np.ndarray, width: int, prefix: str = "") -> np.ndarray:
    """Zero-padded decimal text: ``digits([7], 3, "P") -> ['P007']``."""
    body = _digit_matrix(values, width) + 48
    head = np.broadcast_to(np.frombuffer(prefix.encode(), np.uint8), (len(body), len(prefix)))
    return _ascii(np.hstack([head, body]))


def _ssn_text(d: np.ndarray) -> np.ndarray:
    """(n, 9) digits -> 'ddd-dd-dddd'; (n, 8) digits (one dropped) -> 'ddd-dd-ddd'."""
    cut = [3, 5]
    parts = np.split(d + 48, cut, axis=1)
    dash = np.full((len(d), 1), ord("-"))
    return _ascii(np.hstack([parts[0], dash, parts[1], dash, parts[2]]))


# -- people ---------------------------------------------------------------------------------
def _first_names(rng: np.random.Generator, female: np.ndarray, pools: _Pools) -> np.ndarray:
    n = len(female)
    male_idx = rng.choice(pools.n_male, size=n, p=pools.p_male)
    female_idx = pools.n_male + rng.choice(len(pools.p_female), size=n, p=pools.p_female)
    return pools.first[np.where(female, female_idx, male_idx)]


def _addresses(rng: np.random.Generator, state_idx: np.ndarray, pools: _Pools) -> dict[str, np.ndarray]:
    """Street address, city and ZIP for people living in the given states."""
    n = len(state_idx)
    street = (pools.last[rng.integers(0, len(pools.last), n)] + " "
              + pools.street_suffixes[rng.integers(0, len(pools.street_suffixes), n)])
    number = rng.integers(1, 10000, n).astype(str).astype(object)
    apartment = rng.random(n) < 0.15
    address = number + " " + street
    address[apartment] = address[apartment] + " Apt " + rng.integers(1, 400, apartment.sum()).astype(str).astype(object)
    kind = rng.integers(0, 3, n)
    prefix = pools.city_prefixes[rng.integers(0, len(pools.city_prefixes), n)] + " "
    stem = pools.last[rng.integers(0, len(pools.last), n)]
    suffix = pools.city_suffixes[rng.integers(0, len(pools.city_suffixes), n)]
    city = np.where(kind == 0, prefix + stem, stem + suffix)
    low, high = pools.zip_low[state_idx], pools.zip_high[state_idx]
    zips = low + (rng.random(n) * (high - low + 1)).astype(np.int64)
    return {"address": address, "city": city, "zip": digits(zips, 5)}


def make_people(rng: np.random.Generator, n: int, reference_day: int, pools: _Pools | None = None) -> dict[str, np.ndarray]:
    """``n`` distinct synthetic people as columns; ``reference_day`` is days since 1970-01-01."""
    pools = pools or load_pools()
    female = rng.random(n) < 0.52
    sex = np.where(female, "F", "M").astype(object)
    first = _first_names(rng, female, pools)
    middle = _first_names(rng, female, pools)
    middle[rng.random(n) >= _MIDDLE_NAME_SHARE] = None
    last = pools.last[rng.choice(len(pools.last), size=n, p=pools.p_last)]
    band = rng.choice(len(_AGE_SHARE), size=n, p=_AGE_SHARE)
    years = _AGE_BANDS[band, 0] + rng.random(n) * (_AGE_BANDS[band, 1] - _AGE_BANDS[band, 0])
    birth = reference_day - np.maximum((years * 365.25).astype(np.int64), _MIN_AGE_DAYS)

    state_idx = rng.integers(0, len(pools.states), n)
    place = _addresses(rng, state_idx, pools)
    state = pools.states[state_idx]
    restricted = rng.random(n) < _RESTRICTED_SHARE
    zip3 = np.array(list(RESTRICTED_ZIP3_STATE), dtype=object)[rng.integers(0, len(RESTRICTED_ZIP3_STATE), n)]
    zip_tail = digits(rng.integers(0, 100, n), 2)
    place["zip"] = np.where(restricted, zip3 + zip_tail, place["zip"])
    state = np.where(restricted, pd.Series(zip3).map(RESTRICTED_ZIP3_STATE).to_numpy(object), state)

    area = 100 * rng.integers(2, 10, n) + 10 * rng.integers(0, 9, n) + rng.integers(0, 10, n)
    area = np.where(area % 100 == 11, area + 1, area)  # no N11 service codes
    phone = "(" + digits(area, 3) + ") 555-01" + digits(rng.integers(0, 100, n), 2)

    number = np.where(rng.random(n) < 0.5, digits(rng.integers(0, 100, n), 2), "").astype(object)
    email = (pd.Series(first).str.lower().to_numpy(object) + "." + pd.Series(last).str.lower().to_numpy(object)
             + number + "@" + _DOMAINS[rng.integers(0, len(_DOMAINS), n)])

    ssn_digits = np.hstack([
        np.full((n, 1), 9), _digit_matrix(rng.integers(0, 100, n), 2),      # area 900-999
        _digit_matrix(rng.integers(1, 50, n), 2),                           # group 01-49
        _digit_matrix(rng.integers(1, 10000, n), 4),                        # serial 0001-9999
    ])
    letters = _PLAN_LETTERS[rng.integers(0, len(_PLAN_LETTERS), (n, 3))]
    insurance = _ascii(np.hstack([letters, _digit_matrix(rng.integers(0, 10**9, n), 9) + 48]))
    return {
        "first_name": first, "middle_name": middle, "last_name": last, "sex": sex, "birth_day": birth,
        "address": place["address"], "city": place["city"], "state": state, "zip": place["zip"],
        "phone": phone, "email": email, "ssn_digits": ssn_digits, "ssn": _ssn_text(ssn_digits),
        "insurance_id": insurance,
    }


# -- duplicates -------------------------------------------------------------------------------
def _typo(name: str, rng: np.random.Generator) -> str:
    """One plausible misspelling (swap, drop, double or change a vowel), never the name itself."""
    for _ in range(20):
        op, i = int(rng.integers(0, 4)), int(rng.integers(1, max(2, len(name))))
        i = min(i, len(name) - 1)
        if op == 0 and i + 1 < len(name):
            new = name[:i] + name[i + 1] + name[i] + name[i + 2:]
        elif op == 1 and len(name) > 3:
            new = name[:i] + name[i + 1:]
        elif op == 2:
            new = name[:i] + name[i] + name[i:]
        else:
            vowels = [j for j, c in enumerate(name) if j > 0 and c in "aeiouy"]
            if not vowels:
                continue
            j = vowels[int(rng.integers(0, len(vowels)))]
            new = name[:j] + "aeiouy"[int(rng.integers(0, 6))] + name[j + 1:]
        if new != name:
            return new
    return name + name[-1]


def _misspell(names: np.ndarray, rng: np.random.Generator, variants: int = 3) -> np.ndarray:
    """A misspelling of each name; the typos are made once per distinct name (a few
    hundred at most, whatever the number of patients) and then picked with NumPy."""
    distinct, inverse = np.unique(names.astype(str), return_inverse=True)
    table = np.array([[_typo(name, rng) for _ in range(variants)] for name in distinct], dtype=object)
    if not len(names):
        return names.copy()
    return table[inverse, rng.integers(0, variants, len(names))]


def make_duplicates(rng: np.random.Generator, people: dict[str, np.ndarray], source: np.ndarray,
                    pools: _Pools | None = None) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Copies of ``people`` rows ``source`` with registration errors; returns (columns, error bits)."""
    pools = pools or load_pools()
    n = len(source)
    dup = {k: v[source].copy() for k, v in people.items()}
    draws = {k: rng.random(n) < share for k, share in ERROR_SHARES.items()}
    none = ~np.logical_or.reduce(list(draws.values())) if n else np.zeros(0, bool)
    forced = rng.integers(0, len(ERROR_SHARES), n)
    for i, key in enumerate(ERROR_SHARES):
        draws[key] |= none & (forced == i)
    flags = np.zeros(n, np.uint8)

    # middle name: dropped, shortened to an initial, or a different name
    m = draws["middle"]
    had = pd.notna(dup["middle_name"])
    how = rng.integers(0, 3, n)
    other = _first_names(rng, dup["sex"] == "F", pools)
    initial = pd.Series(dup["middle_name"]).str[0].to_numpy(object)
    changed = np.where(~had, other, np.where(how == 0, None, np.where(how == 1, initial, other)))
    changed = np.where(had & (changed == dup["middle_name"]), initial, changed)
    dup["middle_name"] = np.where(m, changed, dup["middle_name"])
    flags[m] |= _BIT["middle_name_mismatch"]

    # SSN: two adjacent digits transposed (positions that keep the number in the 9xx/01-49 ranges),
    # or one serial digit missing
    s = draws["ssn"]
    swap = s & (rng.random(n) < 0.5)
    d = dup["ssn_digits"]
    pairs = np.array([[1, 2], [5, 6], [6, 7], [7, 8]])
    differ = d[:, pairs[:, 0]] != d[:, pairs[:, 1]]
    priority = np.where(differ, rng.random((n, len(pairs))), np.inf)
    choice = np.argmin(priority, axis=1)
    swap &= np.isfinite(priority[np.arange(n), choice])
    rows = np.flatnonzero(swap)
    a, b = pairs[choice[rows], 0], pairs[choice[rows], 1]
    d[rows, a], d[rows, b] = d[rows, b], d[rows, a]
    drop = s & ~swap
    keep = np.ones((n, 9), bool)
    keep[np.flatnonzero(drop), 5 + rng.integers(0, 4, drop.sum())] = False
    dup["ssn"] = _ssn_text(d)
    if drop.any():
        dup["ssn"][drop] = _ssn_text(d[drop][keep[drop]].reshape(-1, 8))
    flags[swap] |= _BIT["ssn_transposed_digits"]
    flags[drop] |= _BIT["ssn_missing_digit"]

    # first name: a nickname where one exists (half the time), else a misspelling
    f = draws["first"]
    nick = pd.Series(dup["first_name"]).map(NICKNAMES).to_numpy(object)
    use_nick = f & pd.notna(nick) & (rng.random(n) < 0.5)
    typo = f & ~use_nick
    dup["first_name"] = np.where(use_nick, nick, dup["first_name"])
    dup["first_name"][typo] = _misspell(dup["first_name"][typo], rng)
    flags[use_nick] |= _BIT["first_name_nickname"]
    flags[typo] |= _BIT["first_name_misspelling"]

    # last name: a misspelling
    last = draws["last"]
    dup["last_name"][last] = _misspell(dup["last_name"][last], rng)
    flags[last] |= _BIT["last_name_misspelling"]

    # moved: a new street address, city and ZIP in the same state
    moved = draws["moved"]
    state_idx = pd.Series(dup["state"][moved]).map({s: i for i, s in enumerate(pools.states)}).to_numpy(np.int64)
    place = _addresses(rng, state_idx, pools)
    for key in ("address", "city", "zip"):
        dup[key][moved] = place[key]
    flags[moved] |= _BIT["moved_address"]
    return dup, flags


def error_labels(flags: np.ndarray) -> np.ndarray:
    """Error bits -> text such as ``'first_name_nickname;middle_name_mismatch'`` (sorted)."""
    distinct, inverse = np.unique(flags, return_inverse=True)
    text = np.array([";".join(sorted(name for name, bit in _BIT.items() if int(v) & int(bit))) for v in distinct],
                    dtype=object)
    return text[inverse] if len(flags) else np.array([], dtype=object)
