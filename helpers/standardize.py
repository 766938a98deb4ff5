"""Standardizing patient data: one form for phone numbers, ZIP codes, names and dates.

The functions behind ``helpers.quality``'s format checks (and re-exported there). Each
takes a list or column of values and returns one row per value: ``value`` (as given),
``standard``, ``status`` (one of :data:`STATUSES`) and ``note``. They change layout
only: what cannot be put in standard form with certainty is kept as typed and
``flagged``, never dropped or guessed.

>>> standardize_phone(["617.555.0101", "+1 617 555 0101", "617-555-O101"])["standard"].tolist()
['(617) 555-0101', '(617) 555-0101', '617-555-O101']
>>> standardize_zip(["02134-1234", "2134"])["status"].tolist()
['standardized', 'flagged']
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

import pandas as pd

__all__ = ["STATUSES", "standardize_phone", "standardize_zip", "standardize_name", "standardize_date",
           "is_valid_phone", "is_valid_zip"]

#: What a standardizing function says about each value.
STATUSES = ("ok", "standardized", "repaired", "flagged", "missing")

_LAYOUT = re.compile(r"[\s().\-+]")
_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y", "%Y/%m/%d", "%Y%m%d", "%B %d, %Y", "%b %d, %Y")


def _text(values: Any) -> pd.Series:
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.dt.strftime("%Y-%m-%d").astype("string")
    return series.astype(object).where(series.notna(), None).astype("string")


def _blank(series: pd.Series) -> pd.Series:
    text = _text(series)
    return (text.isna() | (text.str.strip() == "")).fillna(True).astype(bool)



def _digits_only(text: pd.Series) -> pd.Series:
    return text.str.strip().str.replace(_LAYOUT, "", regex=True)

# -- validity of single values ---------------------------------------------------------------
def is_valid_phone(text: Any) -> bool:
    """True when ``text`` holds a 10-digit US phone number, whatever its layout (``+1`` allowed).

    >>> is_valid_phone("(617) 555-0101"), is_valid_phone("617 555 010"), is_valid_phone("617-555-O101")
    (True, False, False)
    """
    return standardize_phone([text]).loc[0, "status"] in ("ok", "standardized")


def is_valid_zip(text: Any) -> bool:
    """True when ``text`` is a 5-digit ZIP code or a ZIP+4 (``02134-1234``).

    >>> is_valid_zip("02134"), is_valid_zip("2134"), is_valid_zip("02134-1234"), is_valid_zip("021O4")
    (True, False, True, False)
    """
    return isinstance(text, str) and re.fullmatch(r"\d{5}(-\d{4})?", text.strip()) is not None


# -- standardizing --------------------------------------------------------------------------
def _standard(values: Any, text: pd.Series, standard: pd.Series, status: pd.Series, note: pd.Series) -> pd.DataFrame:
    index = values.index if isinstance(values, pd.Series) else None
    out = pd.DataFrame({"value": text.to_numpy(), "standard": standard.to_numpy(), "status": status.to_numpy(),
                        "note": note.to_numpy()}, index=index, dtype="string")
    return out


def _column(values: Any, caller: str, column: str) -> None:
    """A ValueError unless ``values`` is one list or column of values (not text, a number, a table or a dict)."""
    if isinstance(values, (pd.DataFrame, Mapping)):
        raise ValueError(f"{caller} needs one column of values, not a whole {type(values).__name__}: pick the "
                         f"column, e.g. patients['{column}'].")
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise ValueError(f"{caller} needs a list or column of values (e.g. patients['{column}']); "
                         f"got {type(values).__name__}. For one value, wrap it in a list: [value].")


def _start(values: Any, caller: str) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series, pd.Series]:
    _column(values, caller, {"name": "last_name", "date": "birth_date"}.get(caller[12:], caller[12:]))
    text = _text(values).reset_index(drop=True)
    blank = _blank(text)
    status = pd.Series("flagged", index=text.index, dtype="string").mask(blank, "missing")
    note = pd.Series("", index=text.index, dtype="string").mask(blank, "empty: nothing to standardize")
    return text, text.str.strip(), blank, status, note


def standardize_phone(values: Any) -> pd.DataFrame:
    """Phone numbers in the extract's form ``(ddd) ddd-dddd``.

    Returns one row per value with ``value`` (as given), ``standard``, ``status`` (one of
    :data:`STATUSES`) and ``note``. Spaces, brackets, dots, dashes and a leading ``+1`` or
    ``1`` are layout and may change; a value with another character or a number of digits
    other than 10 is kept as given and ``flagged``.
    """
    text, clean, blank, status, note = _start(values, "standardize_phone")
    digits = _digits_only(clean).fillna("")
    digits = digits.where(~((digits.str.len() == 11) & digits.str.startswith("1")), digits.str[1:])
    good = digits.str.fullmatch(r"\d{10}").fillna(False).astype(bool) & ~blank
    standard = ("(" + digits.str[:3] + ") " + digits.str[3:6] + "-" + digits.str[6:]).where(good, clean)
    status = status.mask(good, "standardized").mask(good & (standard == text), "ok")
    other = ~blank & ~good & digits.str.contains(r"\D", regex=True).fillna(False).astype(bool)
    note = note.mask(~blank & ~good, "has " + digits.str.len().astype(str) + " digits; a US phone number has 10")
    note = note.mask(other, "contains a character that is not a digit (a letter O for a zero?)")
    return _standard(values, text, standard.where(~blank), status, note)


def standardize_zip(values: Any, states: Any = None) -> pd.DataFrame:
    """ZIP codes as 5 digits (a ZIP+4 keeps its first five; the note says what was cut).

    A 4-digit value may have lost its leading zero (a spreadsheet stored it as a number)
    or a digit. With ``states`` (the state of each row), the zero is put back and the
    row marked ``repaired`` only when other ZIP codes of that state in the same column
    start with the restored first three digits; otherwise it is ``flagged``. Anything
    else that is not 5 or 9 digits is kept as given and ``flagged``.

    >>> standardize_zip(["2134", "02134", "2134"], states=["MA", "MA", "TX"])["status"].tolist()
    ['repaired', 'ok', 'flagged']
    """
    text, clean, blank, status, note = _start(values, "standardize_zip")
    digits = clean.str.replace(r"[\s\-]", "", regex=True).fillna("")
    five = digits.str.fullmatch(r"\d{5}|\d{9}").fillna(False).astype(bool) & ~blank
    standard = digits.str[:5].where(five, clean)
    status = status.mask(five, "standardized").mask(five & (standard == text), "ok")
    note = note.mask(five & (digits.str.len() == 9), "ZIP+4: the last four digits (" + digits.str[5:] + ") were cut")
    four = digits.str.fullmatch(r"\d{4}").fillna(False).astype(bool) & ~blank
    note = note.mask(~blank & ~five, "not 5 digits: kept as typed; check the address")
    note = note.mask(four, "4 digits: a leading zero or another digit was lost; check the address")
    if states is not None:
        _column(states, "standardize_zip's states", "state")
        state = _text(states).reset_index(drop=True).str.strip().str.upper()
        if len(state) != len(text):
            raise ValueError(f"states has {len(state)} values but there are {len(text)} ZIP codes; give one state "
                             "per ZIP code (e.g. patients['state']).")
        known = set(zip(state[five], standard[five].str[:3]))
        restored = "0" + digits
        fix = four & pd.Series([(s, z[:3]) in known for s, z in zip(state, restored)], index=text.index)
        standard, status = standard.mask(fix, restored), status.mask(fix, "repaired")
        note = note.mask(fix, "leading zero restored: other " + state + " ZIP codes here start with "
                         + restored.str[:3])
    return _standard(values, text, standard.where(~blank), status, note)


def standardize_name(values: Any) -> pd.DataFrame:
    """Names with stray spaces removed and ALL-CAPS or all-lower-case text put in title case.

    Mixed case is left as typed (McDonald, DeShawn); a name with a character other than
    letters, spaces, apostrophes, hyphens and dots is kept as given and flagged.

    >>> standardize_name(["  mary  ann ", "O'BRIEN", "McDonald", "J0hn"])[["standard", "status"]].values.tolist()
    [['Mary Ann', 'standardized'], ["O'Brien", 'standardized'], ['McDonald', 'ok'], ['J0hn', 'flagged']]
    """
    text, clean, blank, status, note = _start(values, "standardize_name")
    spaced = clean.str.replace(r"\s+", " ", regex=True)
    fine = spaced.str.fullmatch(r"[^\W\d_]+([ '\-.][^\W\d_]*)*\.?").fillna(False).astype(bool) & ~blank
    one_case = (spaced == spaced.str.upper()) | (spaced == spaced.str.lower())
    standard = spaced.where(~(fine & one_case), spaced.str.title()).where(fine, clean)
    status = status.mask(fine, "standardized").mask(fine & (standard == text), "ok")
    note = note.mask(fine & one_case & (standard != spaced), "case changed: check names such as McDonald or de la Cruz")
    note = note.mask(~blank & ~fine, "contains a character that is not a letter: kept as typed")
    return _standard(values, text, standard.where(~blank), status, note)


def standardize_date(values: Any) -> pd.DataFrame:
    """Dates in ISO form, ``YYYY-MM-DD``, from the layouts a registration screen or spreadsheet
    gives: ``YYYY-MM-DD``, ``MM/DD/YYYY`` (US order: month first), ``MM-DD-YYYY``, ``YYYY/MM/DD``,
    ``YYYYMMDD``, ``March 4, 1970``. A two-digit year (which century?), an impossible date
    (February 30) or another layout is kept as given and flagged.

    >>> standardize_date(["03/04/1970", "1970-03-04", "3/4/70", "02/30/2020"])["standard"].tolist()
    ['1970-03-04', '1970-03-04', '3/4/70', '02/30/2020']
    """
    if isinstance(values, pd.Series) and pd.api.types.is_datetime64_any_dtype(values):
        values = values.dt.strftime("%Y-%m-%d")
    text, clean, blank, status, note = _start(values, "standardize_date")
    parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[us]")
    for layout in _DATE_FORMATS:
        todo = parsed.isna() & ~blank
        if todo.any():
            parsed[todo] = pd.to_datetime(clean[todo], format=layout, errors="coerce").astype("datetime64[us]")
    good = parsed.notna()
    iso = parsed.dt.strftime("%Y-%m-%d").astype("string")
    standard = iso.where(good, clean)
    status = status.mask(good, "standardized").mask(good & (iso == text), "ok")
    note = note.mask(~blank & ~good, "not a date in a known layout (use YYYY-MM-DD): kept as typed")
    two_digit = clean.str.fullmatch(r"\d{1,2}[/\-]\d{1,2}[/\-]\d{2}").fillna(False).astype(bool)
    note = note.mask(two_digit & ~good, "two-digit year: which century? Ask for all four digits")
    return _standard(values, text, standard.where(~blank), status, note)
