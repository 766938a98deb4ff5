"""Synthetic encounters and diagnoses, and the ICD-10-CM code lists they draw from.

Diagnosis codes come from fixed lists of common, billable ICD-10-CM codes. Before
they are used, every code is checked against the installed code set
(``simple_icd_10_cm``, CDC April 2026 release): a code that is no longer valid and
billable stops the generator with an error naming it, so the lists cannot silently
go stale. Codes of adult life (``ADULT_ONLY_CODES``) are given only to patients aged 18 or over; none
of the codes is sex-specific.
Read no clinical patterns into them.

>>> PRINCIPAL_CODES["I10"]
3
>>> "S62.5X0A" in INVALID_CODES  # a common wrong teaching example: not in the code set
True
"""
from __future__ import annotations

import functools
import warnings

import numpy as np
import pandas as pd

__all__ = ["PRINCIPAL_CODES", "SECONDARY_CODES", "INVALID_CODES", "NON_BILLABLE_CODES", "ENCOUNTER_TYPES",
           "DISCHARGE_STATUSES", "DISCHARGE_STATUS_CODES", "SURGICAL_PROCEDURES", "POA_SHARES", "verified_codes",
           "ADULT_ONLY_CODES", "make_encounters", "make_diagnoses", "fit_ages", "make_coding"]

#: Codes that may be the principal diagnosis, with relative weights (3 = common).
PRINCIPAL_CODES: dict[str, int] = {
    "I10": 3, "E11.9": 3, "E78.5": 2, "J18.9": 3, "J44.1": 2, "I50.9": 3, "N39.0": 3, "A41.9": 2,
    "I21.4": 1, "I48.91": 2, "J06.9": 3, "R07.9": 3, "R10.9": 2, "M54.50": 2, "K21.9": 2, "F32.A": 2,
    "F41.1": 2, "J45.909": 2, "N18.30": 1, "E03.9": 2, "K35.80": 1, "K80.20": 1, "S72.001A": 1,
    "S06.0X0A": 1, "J20.9": 2, "R51.9": 2, "R55": 1, "I63.9": 1, "G40.909": 1, "U07.1": 1, "B34.9": 1,
    "L03.115": 1, "E87.1": 1, "D64.9": 2, "R50.9": 1, "M17.11": 1, "K57.30": 1, "I25.10": 2, "E86.0": 1,
    "N17.9": 1, "F10.20": 1, "R19.7": 1, "K52.9": 1, "J02.9": 2, "H66.90": 1, "R42": 1, "M79.604": 1,
    "J96.01": 1, "K92.2": 1,
}
#: Codes used only as secondary diagnoses (status, history and long-term drug codes).
SECONDARY_CODES: dict[str, int] = {
    "Z79.4": 2, "Z79.01": 2, "Z87.891": 3, "Z91.81": 1, "Z99.2": 1, "Z95.1": 1, "F17.210": 2, "E87.6": 1,
    "Z86.73": 1, "E66.9": 2, "Z79.899": 2, "Z88.0": 1, "E55.9": 1, "G47.33": 1,
}
#: Planted defects: strings that are not ICD-10-CM codes at all (checked at run time).
INVALID_CODES: tuple[str, ...] = ("S62.5X0A", "I10.0", "E11.99", "J18.0X", "Z99.99", "E1.19", "12345")
#: Planted defects: real categories or subcategories that have children, so cannot be billed.
NON_BILLABLE_CODES: tuple[str, ...] = ("E11", "I50", "J44", "N18", "S72.0", "M54.5", "I21", "F32", "K35.8", "R07")

ENCOUNTER_TYPES: dict[str, float] = {"inpatient": 0.25, "outpatient": 0.55, "emergency": 0.20}
_UNITS = {
    "inpatient": np.array(["Medical", "Surgical", "Cardiology", "Intensive Care", "Oncology", "Orthopedics",
                           "Behavioral Health"], dtype=object),
    "outpatient": np.array(["Clinic", "Day Surgery", "Radiology", "Infusion Center"], dtype=object),
    "emergency": np.array(["Emergency Department"], dtype=object),
}
#: Discharge status shares by encounter type ("expired" = the patient died).
DISCHARGE_STATUSES: dict[str, dict[str, float]] = {
    "inpatient": {"home": 0.72, "home health": 0.10, "skilled nursing facility": 0.09, "transferred": 0.04,
                  "left against medical advice": 0.02, "expired": 0.03},
    "outpatient": {"home": 1.0},
    "emergency": {"home": 0.90, "transferred": 0.05, "left against medical advice": 0.04, "expired": 0.01},
}
#: Codes the generator gives only to patients aged 18 or over at the visit (conditions of adult life,
#: or implausible in a child's record: the course's teaching choice, not a payer's age edit).
ADULT_ONLY_CODES: frozenset[str] = frozenset({
    "E78.5", "I21.4", "I48.91", "I50.9", "J44.1", "N18.30", "M17.11", "K57.30", "I25.10", "F10.20", "I63.9",
    "S72.001A", "Z79.01", "Z87.891", "Z91.81", "Z99.2", "Z95.1", "F17.210", "Z86.73",
})
#: The discharge statuses as two-digit patient discharge status codes (as on an institutional claim).
DISCHARGE_STATUS_CODES: dict[str, str] = {
    "home": "01", "transferred": "02", "skilled nursing facility": "03", "home health": "06",
    "left against medical advice": "07", "expired": "20",
}
#: Inpatient stays with these principal diagnoses get this ICD-10-PCS procedure, with this chance:
#: laparoscopic appendectomy, open reduction and internal fixation of the right upper femur,
#: laparoscopic cholecystectomy, cemented right total knee replacement.
SURGICAL_PROCEDURES: dict[str, tuple[str, float]] = {
    "K35.80": ("0DTJ4ZZ", 0.9), "S72.001A": ("0QS604Z", 0.85), "K80.20": ("0FT44ZZ", 0.7),
    "M17.11": ("0SRC0J9", 0.6),
}
#: Present-on-admission indicators of inpatient secondary diagnoses and their shares (principal diagnoses
#: are "Y"; other encounters have none). Codes exempt from POA reporting are not modeled.
POA_SHARES: dict[str, float] = {"Y": 0.88, "N": 0.08, "U": 0.02, "W": 0.02}
_WINDOW_DAYS = 3 * 365   # encounters fall in the three years before the reference date
_MAX_LOS = 45


@functools.lru_cache(maxsize=1)
def verified_codes() -> dict[str, tuple[str, ...]]:
    """Check every code list against the installed ICD-10-CM code set (once per session)."""
    with warnings.catch_warnings():  # the package uses a deprecated importlib.resources call
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm as cm

    def valid(code: str) -> bool:
        return cm.is_valid_item(code)

    for code in [*PRINCIPAL_CODES, *SECONDARY_CODES]:
        if not (valid(code) and cm.is_leaf(code)):
            raise RuntimeError(f"{code!r} in helpers.synth.clinical is no longer a billable ICD-10-CM code in the "
                               "installed simple_icd_10_cm release: replace it in the code list.")
    for code in INVALID_CODES:
        if valid(code):
            raise RuntimeError(f"{code!r} is listed as invalid but is in the installed ICD-10-CM code set.")
    for code in NON_BILLABLE_CODES:
        if not valid(code) or cm.is_leaf(code):
            raise RuntimeError(f"{code!r} is listed as valid but not billable; the installed code set disagrees.")
    return {"principal": tuple(PRINCIPAL_CODES), "secondary": tuple(SECONDARY_CODES),
            "invalid": INVALID_CODES, "non_billable": NON_BILLABLE_CODES}


def _pick(rng: np.random.Generator, shares: dict[str, float], n: int) -> np.ndarray:
    """Indices into ``list(shares)``, drawn with the given shares."""
    p = np.array(list(shares.values()), dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


_KINDS = np.array(list(ENCOUNTER_TYPES), dtype=object)
_UNIT_NAMES = np.array([u for units in _UNITS.values() for u in units] + ["Pediatrics"], dtype=object)
_STATUS_LIST = list(dict.fromkeys(s for shares in DISCHARGE_STATUSES.values() for s in shares))
_STATUS_NAMES = np.array(_STATUS_LIST, dtype=object)


def make_encounters(rng: np.random.Generator, birth_day: np.ndarray, person: np.ndarray,
                    reference_day: int) -> dict[str, np.ndarray]:
    """Encounters for each patient record (row ``i`` of ``birth_day``): clean, consistent data.

    Admission and discharge fall before ``reference_day``, never before birth; only a
    person's last encounter (over all their records) can end in death ("expired").
    Categories are drawn as small integers and turned into text at the end.
    """
    n = len(birth_day)
    count = 1 + rng.poisson(0.8, n)
    patient = np.repeat(np.arange(n), count)
    m = len(patient)
    kind = _pick(rng, ENCOUNTER_TYPES, m)
    inpatient, emergency = kind == 0, kind == 2
    los = np.where(inpatient, np.minimum(rng.geometric(0.22, m), _MAX_LOS), 0)
    los = np.where(emergency & (rng.random(m) < 0.3), 1, los)
    low = np.maximum(birth_day[patient], reference_day - _WINDOW_DAYS)
    high = reference_day - _MAX_LOS - 1
    admit = low + (rng.random(m) * (high - low + 1)).astype(np.int64)
    discharge = admit + los

    unit = np.empty(m, dtype=np.int64)
    status = np.empty(m, dtype=np.int64)
    offset = 0
    for i, name in enumerate(ENCOUNTER_TYPES):
        rows = kind == i
        unit[rows] = offset + rng.integers(0, len(_UNITS[name]), rows.sum())
        offset += len(_UNITS[name])
        codes = np.array([_STATUS_LIST.index(s) for s in DISCHARGE_STATUSES[name]])
        status[rows] = codes[_pick(rng, DISCHARGE_STATUSES[name], rows.sum())]
    child = (admit - birth_day[patient]) < 18 * 365.25
    unit[inpatient & child] = len(_UNIT_NAMES) - 1  # Pediatrics

    # only the last encounter of a person (over all their records) may end in death
    order = np.lexsort((discharge, admit, person[patient]))
    last = np.zeros(m, bool)
    who = person[patient][order]
    last[order[np.r_[who[1:] != who[:-1], True]]] = True
    expired, home = _STATUS_LIST.index("expired"), _STATUS_LIST.index("home")
    status[(status == expired) & ~last] = home

    # account-style ids in admission order
    order = np.lexsort((patient, admit))
    return {"patient": patient[order], "admit_day": admit[order], "discharge_day": discharge[order],
            "inpatient": inpatient[order], "encounter_type": _KINDS[kind[order]], "unit": _UNIT_NAMES[unit[order]],
            "discharge_status": _STATUS_NAMES[status[order]]}


def make_diagnoses(rng: np.random.Generator, inpatient: np.ndarray) -> pd.DataFrame:
    """Diagnosis rows (``encounter`` index, ``seq``, ``code``): a principal then secondaries, no repeats."""
    codes = verified_codes()
    m = len(inpatient)
    count = np.where(inpatient, 2 + rng.poisson(2.5, m), 1 + rng.poisson(0.7, m))
    count = np.minimum(count, 12)
    encounter = np.repeat(np.arange(m), count)
    first = np.r_[0, np.cumsum(count)[:-1]]
    principal = np.zeros(len(encounter), bool)
    principal[first] = True
    p_codes = np.array(codes["principal"], dtype=object)
    p_weight = np.array(list(PRINCIPAL_CODES.values()), float)
    all_codes = np.concatenate([p_codes, np.array(codes["secondary"], dtype=object)])
    all_weight = np.concatenate([p_weight, np.array(list(SECONDARY_CODES.values()), float)])
    code = all_codes[rng.choice(len(all_codes), size=len(encounter), p=all_weight / all_weight.sum())]
    code[principal] = p_codes[rng.choice(len(p_codes), size=m, p=p_weight / p_weight.sum())]
    frame = pd.DataFrame({"encounter": encounter, "code": code}).drop_duplicates(["encounter", "code"])
    frame["seq"] = frame.groupby("encounter").cumcount() + 1
    return frame.reset_index(drop=True)


def fit_ages(rng: np.random.Generator, coded: pd.DataFrame, child: np.ndarray) -> pd.DataFrame:
    """``coded`` with every adult-only code of a child's visit (``child[encounter]``) redrawn from the
    codes that suit any age (principal from principal codes, secondary from all), repeats within a
    visit dropped and ``seq`` renumbered. Uses its own generator ``rng``.
    """
    codes = coded["code"].to_numpy(object).copy()
    first = (coded["seq"] == 1).to_numpy()
    wrong = child[coded["encounter"].to_numpy()] & np.isin(codes, list(ADULT_ONLY_CODES))
    for rows, pool in ((wrong & first, PRINCIPAL_CODES), (wrong & ~first, {**PRINCIPAL_CODES, **SECONDARY_CODES})):
        fit = {c: w for c, w in pool.items() if c not in ADULT_ONLY_CODES}
        weight = np.array(list(fit.values()), float)
        codes[rows] = np.array(list(fit), dtype=object)[rng.choice(len(fit), size=int(rows.sum()),
                                                                   p=weight / weight.sum())]
    frame = pd.DataFrame({"encounter": coded["encounter"].to_numpy(), "code": codes})
    frame = frame.drop_duplicates(["encounter", "code"])
    frame["seq"] = frame.groupby("encounter").cumcount() + 1
    return frame.reset_index(drop=True)


def make_coding(rng: np.random.Generator, coded: pd.DataFrame, inpatient: np.ndarray) -> tuple[np.ndarray, pd.DataFrame]:
    """POA indicators for the diagnosis rows of ``coded`` and the procedure rows of surgical inpatient stays.

    Drawn from their own generator ``rng``, so adding them changes no other value of the
    extract. Returns (``poa`` per diagnosis row, procedures with ``encounter`` index, ``seq``
    and ``code``).
    """
    principal = (coded["seq"] == 1).to_numpy()
    shares = np.array(list(POA_SHARES.values()))
    poa = np.array(list(POA_SHARES), dtype=object)[rng.choice(len(shares), size=len(coded), p=shares / shares.sum())]
    poa[principal] = "Y"
    poa[~inpatient[coded["encounter"].to_numpy()]] = None  # POA is reported for inpatient claims only
    first = coded[principal]
    enc = first["encounter"].to_numpy()
    plan = first["code"].map(SURGICAL_PROCEDURES)
    draw = rng.random(len(first))
    chance = plan.map(lambda v: v[1] if isinstance(v, tuple) else 0.0).to_numpy(float)
    done = inpatient[enc] & (draw < chance)
    procedures = pd.DataFrame({"encounter": enc[done], "seq": 1,
                               "code": plan[done].map(lambda v: v[0]).to_numpy(object)})
    return poa, procedures.sort_values("encounter", kind="stable").reset_index(drop=True)
