"""Case coding: lesson 06's synthetic case notes, and a learner's codes scored like a coding audit.

The cases live in ``course_data/coding_cases.csv`` (written by hand, no real patient). Each has
an answer key: the principal (inpatient) or first-listed (outpatient) diagnosis, the secondary
diagnoses, POA indicators, ICD-10-PCS codes and a rationale. :func:`score_case` compares the
codes a learner typed with the key and gives one row of feedback per code:

- ``right``: in the key and in a right place;
- ``right code, wrong sequence``: in the key, but the principal diagnosis is not listed first,
  a secondary code is listed first, or a manifestation comes before its underlying disease;
- ``valid code, not billable``: a category or subcategory that has codes under it;
- ``not supported by the note``: a real, billable code that the key does not have;
- ``missing``: a code of the key that was not typed;
- ``not a code`` (a typo, or a CPT-looking number) and ``listed twice`` also count as errors.

Accuracy is lesson 12's coding accuracy, computed by the same function,
:func:`helpers.audit.accuracy_rate` (defined in ``helpers.audit._common``): codes agreed x 100 /
codes reviewed. Here every row of feedback is a code reviewed, and only ``right`` rows are agreed;
a missing code counts as reviewed and not agreed, as when an auditor adds a code the coder left out.

>>> fb = score_case("C01", "i10, I21.4")
>>> fb[["code", "kind"]].values.tolist()
[['I10', 'right code, wrong sequence'], ['I21.4', 'right code, wrong sequence'], ['E78.5', 'missing']]
>>> case_accuracy("C01", ["I21.4", "I10", "E78.5"])
100.0
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

__all__ = [
    "RIGHT", "WRONG_SEQUENCE", "NOT_BILLABLE", "NOT_SUPPORTED", "MISSING", "NOT_A_CODE", "REPEATED", "KINDS",
    "load_cases", "case", "answer_key", "parse_codes", "score_case", "case_accuracy", "accuracy_by_case",
    "accuracy",
]

RIGHT = "right"
WRONG_SEQUENCE = "right code, wrong sequence"
NOT_BILLABLE = "valid code, not billable"
NOT_SUPPORTED = "not supported by the note"
MISSING = "missing"
NOT_A_CODE = "not a code"
REPEATED = "listed twice"
#: Every kind of feedback, in the order the lesson explains them.
KINDS = (RIGHT, WRONG_SEQUENCE, NOT_BILLABLE, NOT_SUPPORTED, MISSING, NOT_A_CODE, REPEATED)

_USES = ("lesson", "workbook", "practice")
# CPT Category I (five digits), II (four digits and F) and III (four digits and T): the course ships none.
_CPT_LIKE = re.compile(r"\d{4}[0-9FT]")
_MANIFESTATION = "diseases classified elsewhere"  # "in (other) diseases classified elsewhere"


def _split(text: Any) -> list[str]:
    if text is None or (isinstance(text, float) and pd.isna(text)) or text is pd.NA:
        return []
    return [part.strip() for part in str(text).split(";") if part.strip()]


def load_cases(used_in: str | Iterable[str] | None = None) -> pd.DataFrame:
    """The case notes with their keys, one row per case; ``used_in`` keeps "lesson", "workbook" or "practice".

    >>> cases = load_cases()
    >>> len(cases) >= 30, sorted(load_cases("lesson")["used_in"].unique())
    (True, ['lesson'])
    """
    from .. import data

    cases = data.load("coding_cases")
    if used_in is None:
        return cases
    wanted = [used_in] if isinstance(used_in, str) else used_in
    try:
        wanted = list(wanted)
    except TypeError:
        wanted = [wanted]
    bad = [u for u in wanted if u not in _USES]
    if bad or not wanted:
        raise ValueError(f"used_in must be one or more of {', '.join(_USES)} (or None for every case); "
                         f"got {used_in!r}.")
    return cases[cases["used_in"].isin(wanted)].reset_index(drop=True)


def case(case_id: str) -> dict:
    """One case as a dictionary, with its lists split: ``secondary_dx``, ``poa`` and ``pcs`` are lists.

    >>> c = case("c02")
    >>> c["setting"], c["principal_dx"], c["pcs"]
    ('inpatient', 'K35.80', ['0DTJ4ZZ'])
    """
    cases = load_cases()
    key = case_id.strip().upper() if isinstance(case_id, str) else None
    found = cases[cases["case_id"] == key]
    if found.empty:
        ids = cases["case_id"].tolist()
        raise ValueError(f"There is no case {case_id!r}: the cases are {ids[0]} to {ids[-1]} "
                         "(see coding.load_cases()).")
    row = found.iloc[0].to_dict()
    for column in ("secondary_dx", "poa", "pcs"):
        row[column] = _split(row[column])
    return row


def answer_key(case_id: str) -> pd.DataFrame:
    """The key of one case: ``seq``, ``role``, ``code``, ``poa`` (inpatient only) and ``description``.

    >>> answer_key("C16")[["role", "code", "poa"]].values.tolist()
    [['principal', 'O80', 'Y'], ['secondary', 'Z37.0', '1 (exempt, reported blank)'], ['procedure', '10E0XZZ', '']]
    """
    from . import decode_pcs, lookup

    c = case(case_id)
    first = "principal" if c["setting"] == "inpatient" else "first-listed"
    dx = [c["principal_dx"], *c["secondary_dx"]]
    poa = c["poa"] or [""] * len(dx)
    rows = []
    for seq, (code, flag) in enumerate(zip(dx, poa), start=1):
        rows.append((seq, first if seq == 1 else "secondary", code,
                     "1 (exempt, reported blank)" if flag == "1" else flag, lookup(code)["description"]))
    for code in c["pcs"]:
        what = "ICD-10-PCS procedure (the course checks PCS codes by format only)"
        if code.startswith("0"):
            parts = decode_pcs(code).set_index("axis")["meaning"]
            what = f"ICD-10-PCS: {parts['Root Operation']}, {parts['Approach']} approach"
        rows.append((len(rows) + 1, "procedure", code, "", what))
    return pd.DataFrame(rows, columns=["seq", "role", "code", "poa", "description"])


def parse_codes(entry: str | Iterable[str]) -> list[str]:
    """The codes in ``entry``: text with one code per line or separated by commas, semicolons or spaces.

    Nothing is corrected here: case and dots are handled by :func:`score_case`.

    >>> parse_codes("i21.4, I10\\nE785")
    ['i21.4', 'I10', 'E785']
    """
    if isinstance(entry, str):
        parts = re.split(r"[\s,;]+", entry)
    elif isinstance(entry, Iterable) and not isinstance(entry, (bytes, Mapping, pd.DataFrame)):
        items = list(entry)
        if not all(isinstance(item, str) for item in items):
            raise ValueError(f"Give the codes as text, such as 'I21.4, I10' or ['I21.4', 'I10']; got {entry!r}.")
        parts = [p for item in items for p in re.split(r"[\s,;]+", item)]
    else:
        raise ValueError(f"Give the codes as text, such as 'I21.4, I10' or ['I21.4', 'I10']; got {entry!r}.")
    codes = [p.strip() for p in parts if p.strip()]
    if not codes:
        raise ValueError("No code was entered: type the diagnosis codes, principal or first-listed first, "
                         "one per line or separated by commas (and any ICD-10-PCS codes).")
    return codes


def _read(token: str) -> tuple[str, str, str]:
    """(what, code, reason): what is "dx", "dx-not-billable", "pcs" or "bad"."""
    from . import check_pcs_format, validate_icd10cm

    if _CPT_LIKE.fullmatch(token):
        return "bad", token, ("looks like a CPT code: the course ships no CPT codes, and the procedures in "
                              "these cases are coded in ICD-10-PCS (seven characters, such as 0DTJ4ZZ)")
    row = validate_icd10cm(token).iloc[0]
    if row["valid"]:
        return ("dx" if row["billable"] else "dx-not-billable"), str(row["code"]), str(row["reason"])
    pcs = check_pcs_format(token)
    if pcs and "." not in token:
        return "pcs", pcs.code, pcs.reason
    return "bad", token.strip().upper(), f"{row['reason']} (and not an ICD-10-PCS code either)"


def score_case(case_id: str, codes: str | Iterable[str]) -> pd.DataFrame:
    """Feedback on the codes typed for a case, one row per code (see the module's list of kinds).

    Columns: ``position`` (order typed; empty for a missing code), ``entered``, ``code`` (as
    the code set writes it), ``kind``, ``agreed`` (True only for ``right``) and ``detail``. The
    first *diagnosis* code typed is taken as the principal or first-listed diagnosis.

    >>> score_case("C06", ["S82.51", "12345"])["kind"].tolist()
    ['valid code, not billable', 'not a code', 'missing']
    """
    from . import lookup

    c = case(case_id)
    typed = parse_codes(codes)
    principal, secondary, procedures = c["principal_dx"], c["secondary_dx"], c["pcs"]
    key_dx = [principal, *secondary]
    first_word = "principal" if c["setting"] == "inpatient" else "first-listed"
    read = [(position, token, *_read(token)) for position, token in enumerate(typed, start=1)]
    rank: dict[str, int] = {}  # each diagnosis code typed -> its rank among the diagnosis codes typed
    for _, _, what, code, _ in read:
        if what.startswith("dx") and code not in rank:
            rank[code] = len(rank) + 1
    rows: list[dict] = []
    seen: set[str] = set()
    for position, token, what, code, reason in read:
        row = {"position": position, "entered": token, "code": code}
        if what == "bad":
            row.update(kind=NOT_A_CODE, detail=reason)
        elif code in seen:
            row.update(kind=REPEATED, detail="the same code is listed once only")
        elif what == "pcs":
            right = code in procedures
            row.update(kind=RIGHT if right else NOT_SUPPORTED,
                       detail="ICD-10-PCS code of the procedure done" if right else
                       "an ICD-10-PCS code (format checked only) that does not match the procedure in the note")
        elif what == "dx-not-billable":
            row.update(kind=NOT_BILLABLE, detail=reason)
        elif code == principal:
            row.update(kind=RIGHT if rank[code] == 1 else WRONG_SEQUENCE,
                       detail=f"the {first_word} diagnosis" if rank[code] == 1 else
                       f"this is the {first_word} diagnosis: list it first")
        elif code in secondary:
            underlying = key_dx[key_dx.index(code) - 1]
            if rank[code] == 1:
                row.update(kind=WRONG_SEQUENCE,
                           detail=f"a secondary diagnosis listed first: it is not the {first_word} diagnosis")
            elif _MANIFESTATION in lookup(code)["description"].lower() and rank.get(underlying, 0) > rank[code]:
                row.update(kind=WRONG_SEQUENCE,
                           detail=f"a manifestation: list it after its underlying disease ({underlying})")
            else:
                row.update(kind=RIGHT, detail="a secondary diagnosis")
        elif code[0] in "VWXY":
            row.update(kind=NOT_SUPPORTED, detail="an external cause code: the course's keys leave them out, "
                                                  "as no national rule requires them (I.C.20)")
        else:
            row.update(kind=NOT_SUPPORTED, detail="a real, billable code, but the note does not support it "
                                                  "(or the guidelines say not to code it)")
        seen.add(code)
        rows.append(row)
    found = {r["code"] for r in rows if r["kind"] in (RIGHT, WRONG_SEQUENCE)}
    for code in [*key_dx, *procedures]:
        if code not in found:
            role = ("procedure" if code in procedures else first_word if code == principal else "secondary")
            rows.append({"position": pd.NA, "entered": "", "code": code, "kind": MISSING,
                         "detail": f"a {role} code of the key that was not entered"})
    out = pd.DataFrame(rows, columns=["position", "entered", "code", "kind", "detail"])
    out["position"] = out["position"].astype("Int64")
    out.insert(4, "agreed", out["kind"].eq(RIGHT))
    return out


def case_accuracy(case_id: str, codes: str | Iterable[str]) -> float:
    """Coding accuracy in percent on one case: right codes x 100 / codes reviewed (lesson 12's measure).

    >>> case_accuracy("C03", "R05.9, R50.9, J18.9")
    66.66666666666667
    """
    from ..audit._common import accuracy_rate

    return accuracy_rate(score_case(case_id, codes).assign(encounter_id=case_id))


def accuracy_by_case(answers: Mapping[str, str | Iterable[str]]) -> pd.DataFrame:
    """Per case: ``case_id``, ``codes_reviewed``, ``codes_right``, ``accuracy`` (percent).

    ``answers`` maps a case id to the codes typed for it.

    >>> accuracy_by_case({"C03": "R05.9, R50.9", "C06": "S82.51XD"}).values.tolist()
    [['C03', 2, 2, 100.0], ['C06', 2, 0, 0.0]]
    """
    reviews = _reviews(answers)
    out = reviews.groupby("encounter_id", sort=False)["agreed"].agg(codes_reviewed="size", codes_right="sum")
    out["codes_right"] = out["codes_right"].astype(int)
    out["accuracy"] = out["codes_right"] * 100 / out["codes_reviewed"]
    return out.reset_index(names="case_id")


def accuracy(answers: Mapping[str, str | Iterable[str]]) -> float:
    """Overall coding accuracy in percent over several cases: all right codes x 100 / all codes reviewed.

    Computed by lesson 12's :func:`helpers.audit.accuracy_rate` on every case's rows together,
    so a case with many codes weighs more than a case with one.

    >>> accuracy({"C03": "R05.9, R50.9", "C06": "S82.51XD"})
    50.0
    """
    from ..audit._common import accuracy_rate

    return accuracy_rate(_reviews(answers))


def _reviews(answers: Any) -> pd.DataFrame:
    if not isinstance(answers, Mapping) or not answers:
        raise ValueError("Give the answers as a dictionary of case id -> codes, such as "
                         f"{{'C03': 'R05.9, R50.9'}}; got {answers!r}.")
    frames = [score_case(case_id, codes).assign(encounter_id=case(case_id)["case_id"])
              for case_id, codes in answers.items()]
    return pd.concat(frames, ignore_index=True)
