"""Procedure codes: ICD-10-PCS structure and HCPCS Level II format.

The course ships no procedure code sets, so these functions check the **format**
only and decode what is fixed by the structure of ICD-10-PCS:

- an ICD-10-PCS code has 7 characters, each one of 34 values (the digits and the
  letters except I and O, which look like 1 and 0), and no dot;
- in the Medical and Surgical section (first character 0) the characters are
  section, body system, root operation, body part, approach, device and
  qualifier. Meanings are shipped for the section, the root operations and the
  approaches, and for Z as device ("No Device") and qualifier ("No Qualifier");
  body systems, body parts and other devices and qualifiers depend on the PCS
  table, so they come back as "meaning not shipped".
- an HCPCS Level II code is one letter and four digits. Five digits look like a
  CPT code (AMA copyright): the course ships no CPT codes or descriptors.

>>> decode_pcs("0LB50ZZ").meaning.tolist()[:3]
['Medical and Surgical', 'meaning not shipped', 'Excision']
>>> bool(check_hcpcs_format("e0114")), check_hcpcs_format("00000").reason
(True, 'looks like a CPT code: the course ships no CPT codes')
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = [
    "FormatCheck",
    "check_pcs_format",
    "check_hcpcs_format",
    "decode_pcs",
    "PCS_CHARACTERS",
    "ROOT_OPERATIONS",
    "APPROACHES",
]

#: The 34 characters ICD-10-PCS uses: digits and letters except I and O.
PCS_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"

#: Root operations (3rd character) of the Medical and Surgical section.
ROOT_OPERATIONS = {
    "0": "Alteration", "1": "Bypass", "2": "Change", "3": "Control", "4": "Creation",
    "5": "Destruction", "6": "Detachment", "7": "Dilation", "8": "Division", "9": "Drainage",
    "B": "Excision", "C": "Extirpation", "D": "Extraction", "F": "Fragmentation", "G": "Fusion",
    "H": "Insertion", "J": "Inspection", "K": "Map", "L": "Occlusion", "M": "Reattachment",
    "N": "Release", "P": "Removal", "Q": "Repair", "R": "Replacement", "S": "Reposition",
    "T": "Resection", "U": "Supplement", "V": "Restriction", "W": "Revision", "X": "Transfer",
    "Y": "Transplantation",
}

#: Approaches (5th character) of the Medical and Surgical section.
APPROACHES = {
    "0": "Open",
    "3": "Percutaneous",
    "4": "Percutaneous Endoscopic",
    "7": "Via Natural or Artificial Opening",
    "8": "Via Natural or Artificial Opening Endoscopic",
    "F": "Via Natural or Artificial Opening With Percutaneous Endoscopic Assistance",
    "X": "External",
}

_AXES = ["Section", "Body System", "Root Operation", "Body Part", "Approach", "Device", "Qualifier"]
_NOT_SHIPPED = "meaning not shipped"
_DIGITS = frozenset("0123456789")


@dataclass(frozen=True)
class FormatCheck:
    """The result of a format check: ``ok``, the ``code`` as checked (stripped, upper case) and a ``reason``.

    It is true when the format is right, so ``if check_pcs_format(c):`` reads naturally.
    """

    ok: bool
    code: str
    reason: str

    def __bool__(self) -> bool:
        return self.ok


def _text(code: object, system: str, example: str) -> str:
    if not isinstance(code, str):
        raise TypeError(f"Give one {system} code as text, such as {example!r}; got {type(code).__name__} {code!r}.")
    return code.strip().upper()


def check_pcs_format(code: str) -> FormatCheck:
    """Is ``code`` shaped like an ICD-10-PCS code (7 characters from the 34 allowed, no dot)?

    Whether the code exists is not checked: the course ships no PCS tables.

    >>> check_pcs_format("0lb50zz")
    FormatCheck(ok=True, code='0LB50ZZ', reason='format ok: 7 characters from the 34 allowed')
    >>> check_pcs_format("0LB5OZZ").reason
    'uses the letter O, which ICD-10-PCS never uses (it looks like 0)'
    """
    text = _text(code, "ICD-10-PCS", "0LB50ZZ")
    if not text:
        return FormatCheck(False, text, "empty")
    if "." in text:
        return FormatCheck(False, text, "has a dot: ICD-10-PCS codes have none")
    if len(text) != 7:
        return FormatCheck(False, text, f"has {len(text)} characters: an ICD-10-PCS code has exactly 7")
    for letter, looks_like in (("I", "1"), ("O", "0")):
        if letter in text:
            return FormatCheck(
                False, text, f"uses the letter {letter}, which ICD-10-PCS never uses (it looks like {looks_like})"
            )
    wrong = [c for c in text if c not in PCS_CHARACTERS]
    if wrong:
        return FormatCheck(False, text, f"contains {wrong[0]!r}: only digits and letters (not I or O) are used")
    return FormatCheck(True, text, "format ok: 7 characters from the 34 allowed")


def decode_pcs(code: str) -> pd.DataFrame:
    """Decode a Medical and Surgical ICD-10-PCS code, one row per character.

    Columns: ``position`` (1-7), ``axis`` (Section, Body System, Root Operation,
    Body Part, Approach, Device, Qualifier), ``character`` and ``meaning``. Raises
    ``ValueError`` when the format is wrong, the section is not 0, or the root
    operation or approach is not one of the section's values.

    >>> decode_pcs("0LB50ZZ")[["axis", "meaning"]].values.tolist()[2:]
    [['Root Operation', 'Excision'], ['Body Part', 'meaning not shipped'], ['Approach', 'Open'], ['Device', 'No Device'], ['Qualifier', 'No Qualifier']]
    """
    check = check_pcs_format(code)
    if not check:
        raise ValueError(f"{check.code!r} is not an ICD-10-PCS code: {check.reason}.")
    text = check.code
    if text[0] != "0":
        raise ValueError(
            f"{text!r} is in section {text[0]}; only the Medical and Surgical section (first character 0) "
            "is decoded here."
        )
    if text[2] not in ROOT_OPERATIONS:
        raise ValueError(f"{text!r}: {text[2]!r} is not a root operation of the Medical and Surgical section.")
    if text[4] not in APPROACHES:
        raise ValueError(f"{text!r}: {text[4]!r} is not an approach of the Medical and Surgical section.")
    meanings = [
        "Medical and Surgical",
        _NOT_SHIPPED,
        ROOT_OPERATIONS[text[2]],
        _NOT_SHIPPED,
        APPROACHES[text[4]],
        "No Device" if text[5] == "Z" else _NOT_SHIPPED,
        "No Qualifier" if text[6] == "Z" else _NOT_SHIPPED,
    ]
    return pd.DataFrame({"position": range(1, 8), "axis": _AXES, "character": list(text), "meaning": meanings})


def check_hcpcs_format(code: str) -> FormatCheck:
    """Is ``code`` shaped like an HCPCS Level II code (one letter and four digits)?

    Whether the code exists is not checked. Codes shaped like CPT codes (five
    digits, or four digits and a letter) are reported as such.

    >>> check_hcpcs_format(" j1100 ")
    FormatCheck(ok=True, code='J1100', reason='format ok: one letter and four digits')
    >>> check_hcpcs_format("J110").reason
    'has 4 characters: an HCPCS Level II code has 5 (one letter and four digits)'
    """
    text = _text(code, "HCPCS Level II", "J1100")
    if not text:
        return FormatCheck(False, text, "empty")
    if not text.isascii() or not text.isalnum():
        return FormatCheck(False, text, "contains characters other than letters and digits")
    if len(text) == 5 and set(text) <= _DIGITS:
        return FormatCheck(False, text, "looks like a CPT code: the course ships no CPT codes")
    if len(text) == 5 and set(text[:4]) <= _DIGITS and text[4].isalpha():
        return FormatCheck(
            False, text, "looks like a CPT code (four digits and a letter): the course ships no CPT codes"
        )
    if len(text) != 5:
        return FormatCheck(
            False, text, f"has {len(text)} characters: an HCPCS Level II code has 5 (one letter and four digits)"
        )
    if not text[0].isalpha():
        return FormatCheck(False, text, "must start with a letter")
    if not set(text[1:]) <= _DIGITS:
        return FormatCheck(False, text, "the last four characters must be digits")
    return FormatCheck(True, text, "format ok: one letter and four digits")
