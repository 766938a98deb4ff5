"""Coding skills: check and look up diagnosis and procedure codes.

- ICD-10-CM (diagnoses): :func:`validate_icd10cm` checks many codes at once
  against the official code set; :func:`lookup`, :func:`search`,
  :func:`ancestors`, :func:`hierarchy` and :func:`notes` explain one code.
- ICD-10-PCS (inpatient procedures): :func:`check_pcs_format` and
  :func:`decode_pcs` (Medical and Surgical section).
- HCPCS Level II: :func:`check_hcpcs_format`.
- Case coding (lesson 06): :func:`load_cases`, :func:`case`, :func:`answer_key`,
  :func:`score_case` (feedback per code) and :func:`accuracy` (lesson 12's coding accuracy).

The ICD-10-CM code set comes from the package ``simple-icd-10-cm`` (CDC release
of April 1, 2026). It is imported and indexed the first time a function needs it
(a few seconds), never when ``helpers`` or this module is imported.

>>> validate_icd10cm(["E11.9", "e11", "S62.5X0A"]).billable.tolist()
[True, False, False]
>>> decode_pcs("0LB50ZZ").meaning.tolist()[::2]
['Medical and Surgical', 'Excision', 'Open', 'No Qualifier']
"""
from __future__ import annotations

from .icd10cm import REASONS, CodeSet, code_set, normalise, validate_icd10cm
from .tabular import ancestors, hierarchy, lookup, notes, search
from .procedures import (
    APPROACHES,
    PCS_CHARACTERS,
    ROOT_OPERATIONS,
    FormatCheck,
    check_hcpcs_format,
    check_pcs_format,
    decode_pcs,
)
from .cases import (
    KINDS,
    accuracy,
    accuracy_by_case,
    answer_key,
    case,
    case_accuracy,
    load_cases,
    parse_codes,
    score_case,
)

__all__ = [
    "validate_icd10cm",
    "normalise",
    "lookup",
    "search",
    "ancestors",
    "hierarchy",
    "notes",
    "check_pcs_format",
    "decode_pcs",
    "check_hcpcs_format",
    "FormatCheck",
    "code_set",
    "CodeSet",
    "REASONS",
    "PCS_CHARACTERS",
    "ROOT_OPERATIONS",
    "APPROACHES",
    "load_cases",
    "case",
    "answer_key",
    "parse_codes",
    "score_case",
    "case_accuracy",
    "accuracy_by_case",
    "accuracy",
    "KINDS",
]
