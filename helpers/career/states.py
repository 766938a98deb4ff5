"""The US states, the District of Columbia and the inhabited territories, by USPS two-letter code.

The career plan uses this to read the learner's state (a name or a code, any case) and to catch
a typo instead of planning for a place that does not exist.

>>> state_name("oh"), state_name(" new york "), state_name("")
('Ohio', 'New York', '')
"""
from __future__ import annotations

import difflib

__all__ = ["STATES", "state_name"]

#: USPS codes and names (US Postal Service Publication 28, appendix B).
STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana",
    "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri",
    "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio",
    "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "AS": "American Samoa", "GU": "Guam", "MP": "Northern Mariana Islands", "PR": "Puerto Rico",
    "VI": "U.S. Virgin Islands",
}


def state_name(text: str | None) -> str:
    """The full name of the state given by name or USPS code, any case ('' when nothing is given);
    a ValueError that suggests the nearest name for anything else.

    >>> state_name("Ohoi")
    Traceback (most recent call last):
    ValueError: 'Ohoi' is not a US state or territory. Did you mean Ohio? Type its name or two-letter code, e.g. Ohio or OH.
    """
    given = " ".join(str(text or "").split())
    if not given:
        return ""
    by_name = {name.lower(): name for name in STATES.values()}
    found = STATES.get(given.upper()) or by_name.get(given.lower())
    if found:
        return found
    near = difflib.get_close_matches(given.lower(), list(by_name), n=1, cutoff=0.75)
    guess = f" Did you mean {by_name[near[0]]}?" if near else ""
    raise ValueError(f"{given!r} is not a US state or territory.{guess} Type its name or two-letter code, "
                     "e.g. Ohio or OH.")
