"""Revenue cycle: MS-DRG grouping with a real grouper, payment arithmetic and a synthetic remittance.

``group`` assigns one inpatient stay to its Medicare Severity Diagnosis Related Group
(MS-DRG v43.1, effective April 1, 2026) with the open-source grouper ``drgpy``
(Apache-2.0), imported lazily. ``group_encounters`` does the same for every inpatient stay
of a synthetic extract (``helpers.synth.make_records``), grouping each distinct combination
of codes once. ``make_remittance`` writes a seeded, synthetic remittance with denial reasons
in the course's own plain categories (no payer code lists or their texts).

>>> g = group("J18.9", age=70, sex="F")          # simple pneumonia, nothing else documented
>>> g.msdrg, g.severity, g.mdc
('195', 'none', '04')
>>> group("J18.9", ["J96.01"], age=70, sex="F").msdrg   # acute respiratory failure is an MCC
'193'

Limits, said plainly: ``drgpy`` 0.2.1 does not use age or birth weight, so the few MS-DRGs
that split on them (for example some newborn groups) may differ from CMS's own grouper; the
course checks it against hand-worked cases (``tests/test_revenue.py``). Relative weights are
``None``: the course has no verified copy of CMS's FY 2026 Table 5 on file yet and does not
invent weights (see ``course_data/README.md``).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Grouping", "group", "group_cases", "group_encounters", "estimated_payment", "case_mix_index",
           "DISCHARGE_STATUS_CODES", "DENIAL_CATEGORIES", "make_remittance", "claim_journey",
           "GROUPER_VERSION", "base_rate"]

#: The MS-DRG version the course groups with (drgpy's bundled tables).
GROUPER_VERSION = "v43.1"

#: The synthetic extract's discharge statuses as two-digit patient discharge status codes.
DISCHARGE_STATUS_CODES: dict[str, str] = {
    "home": "01", "transferred": "02", "skilled nursing facility": "03", "home health": "06",
    "left against medical advice": "07", "expired": "20",
}

#: The course's own plain denial categories: (coding related?, what would have prevented it).
DENIAL_CATEGORIES: dict[str, tuple[bool, str]] = {
    "invalid or truncated code": (True, "code to the highest specificity; check every code is billable"),
    "diagnosis does not support medical necessity": (
        True, "code every documented diagnosis that explains why the service was needed"),
    "principal diagnosis missing or out of order": (True, "sequence the principal diagnosis first"),
    "diagnosis conflicts with age or sex": (True, "check codes against the patient's age and sex"),
    "missing authorization": (False, "obtain prior authorization at scheduling"),
    "patient not eligible on the date of service": (False, "verify insurance at registration"),
    "duplicate claim": (False, "check claim status before resubmitting"),
    "filed after the time limit": (False, "submit claims promptly; track unbilled accounts"),
}

#: An ICD-10-CM code as written: three characters, then optionally a dot and up to four more (or no dot).
_DX_PATTERN = r"[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?"
_STAY_COLUMNS = ["encounter_id", "msdrg", "title", "mdc", "relative_weight", "severity"]


@dataclass(frozen=True)
class Grouping:
    """One stay's MS-DRG: the group, its title and MDC, its FY 2026 weight (``None`` for 998/999), severity."""

    msdrg: str
    title: str
    mdc: str
    relative_weight: float | None
    severity: str


@functools.lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    """MS-DRG -> FY 2026 relative weight (CMS Table 5, course table ``msdrg_weights``)."""
    from . import data

    table = data.load("msdrg_weights").dropna(subset=["weight"])
    return dict(zip(table["msdrg"].astype(str), table["weight"].astype(float)))


def base_rate() -> float:
    """The FY 2026 national operating standardized amount (course table ``ipps_rates``), US$.

    >>> base_rate() > 0
    True
    """
    from . import data

    rates = data.load("ipps_rates").set_index("rate_id")
    return float(rates.loc["operating_standardized_amount", "value"])


@functools.lru_cache(maxsize=1)
def _engine() -> Any:
    from drgpy.msdrg import DRGEngine

    return DRGEngine(version=GROUPER_VERSION)


def _clean(code: Any, what: str) -> str:
    import re

    if not isinstance(code, str) or not code.strip():
        raise ValueError(f"{what} {code!r} is not a code: give an ICD-10 code as text, for example 'J18.9'.")
    text = code.strip().upper()
    if what != "procedures" and not re.fullmatch(_DX_PATTERN, text):
        raise ValueError(f"{what} {code!r} is not written like an ICD-10-CM code (three characters, a dot, "
                         "then up to four more, for example 'J18.9' or 'S72.001A').")
    return text.replace(".", "")


def _codes(values: Any, what: str) -> list[str]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, Iterable):
        raise ValueError(f"{what} must be a list of codes; got {values!r}.")
    return [_clean(v, what) for v in values]


def _group_clean(pdx: str, sdx: tuple[str, ...], procs: tuple[str, ...], sex: str, status: str) -> Grouping:
    engine = _engine()
    alive = status != "20"
    drg = engine.get_drg([pdx, *sdx], list(procs), gender=sex, is_alive=alive, discharge_status=status)
    info = engine.drgmap.get(drg, {"desc": "Ungroupable", "mdc": ""})
    feats = engine.get_features([pdx, *sdx], list(procs), sex, alive, None, status,
                                engine.drg_exclusions.get(drg, set()))
    severity = "MCC" if feats["_MCC"] > 0 else "CC" if feats["_CC"] > 0 else "none"
    mdc = info["mdc"] or ("none" if drg in ("998", "999") else "pre-MDC")
    return Grouping(drg, info["desc"], mdc, _weights().get(drg), severity)


def group(principal_dx: str, secondary_dx: Iterable[str] = (), procedures: Iterable[str] = (), *,
          age: int, sex: str, discharge_status: str = "01") -> Grouping:
    """Group one inpatient stay to its MS-DRG (v43.1) with ``drgpy``.

    Codes may be written with or without the dot, in any case. ``sex`` is "F" or "M";
    ``discharge_status`` is the two-digit status ("20" = expired). ``age`` is checked but
    not used by the grouper (see the module's limits).

    >>> group("N39.0", age=80, sex="F").title
    'Kidney and Urinary Tract Infections without MCC'
    >>> group("J18.9", age=70, sex="X")
    Traceback (most recent call last):
    ...
    ValueError: sex must be 'F' or 'M'; got 'X'.
    """
    pdx = _clean(principal_dx, "principal_dx")
    sdx = tuple(dict.fromkeys(c for c in _codes(secondary_dx, "secondary_dx") if c != pdx))
    procs = tuple(dict.fromkeys(_codes(procedures, "procedures")))
    if isinstance(age, bool) or not isinstance(age, (int, float)) or not 0 <= age <= 124:
        raise ValueError(f"age must be a number of years from 0 to 124; got {age!r}.")
    if not isinstance(sex, str) or sex.strip().upper() not in ("F", "M"):
        raise ValueError(f"sex must be 'F' or 'M'; got {sex!r}.")
    status = str(discharge_status).strip()
    if status not in DISCHARGE_STATUS_CODES.values() and not (len(status) == 2 and status.isdigit()):
        raise ValueError(f"discharge_status must be a two-digit code such as '01' (home) or '20' (expired); "
                         f"got {discharge_status!r}.")
    engine = _engine()
    for code, what in [(pdx, "principal_dx"), *((c, "secondary_dx") for c in sdx)]:
        if code not in engine.dxmap:
            raise ValueError(f"{what} {code!r} is not an ICD-10-CM code the MS-DRG {GROUPER_VERSION} grouper knows: "
                             "check it is a complete, billable code.")
    for code in procs:
        if code not in engine.prmap:
            raise ValueError(f"procedure {code!r} is not a 7-character ICD-10-PCS code the grouper knows.")
    return _group_clean(pdx, sdx, procs, sex.strip().upper(), status)


def group_cases(cases: Iterable[tuple[str, Iterable[str]]], *, age: int, sex: str,
                discharge_status: str = "01") -> "pd.DataFrame":
    """Group several (principal, secondaries) cases of one patient; one row per case.

    >>> group_cases([("J18.9", []), ("J18.9", ["N17.9"])], age=70, sex="F")["msdrg"].tolist()
    ['195', '194']
    """
    import pandas as pd

    if isinstance(cases, (str, dict)) or not isinstance(cases, Iterable):
        raise ValueError(f"cases must be a list of (principal, [secondaries]) pairs; got {cases!r}.")
    rows = []
    for case in cases:
        if not isinstance(case, (tuple, list)) or len(case) != 2:
            raise ValueError(f"each case must be a (principal, [secondaries]) pair, such as ('J18.9', ['N17.9']); "
                             f"got {case!r}.")
        principal, secondary = case
        secondary = [secondary] if isinstance(secondary, str) else list(secondary or [])
        g = group(principal, secondary, age=age, sex=sex, discharge_status=discharge_status)
        rows.append((principal, ", ".join(secondary) or "none", g.msdrg, g.title, g.severity))
    return pd.DataFrame(rows, columns=["principal", "secondary", "msdrg", "title", "severity"])


def group_encounters(records: Any) -> "pd.DataFrame":
    """Group every inpatient stay of an extract: one row per stay (``encounter_id``, ``msdrg``,
    ``title``, ``mdc``, ``relative_weight``, ``severity``).

    ``records`` is an extract from ``helpers.synth.make_records`` (or any object with
    ``patients``, ``encounters`` and ``diagnoses`` tables; a ``procedures`` table with
    ``encounter_id`` and ``code`` is used when present). The diagnosis with ``seq`` 1 is the
    principal. A stay whose principal code is missing or unknown, or whose patient's sex is
    missing, is "999" (ungroupable), as a grouper would return it. Each distinct combination
    of codes, sex and status is grouped once.

    >>> from helpers.synth import make_records
    >>> stays = group_encounters(make_records(200, seed=3))
    >>> stays.columns.tolist()
    ['encounter_id', 'msdrg', 'title', 'mdc', 'relative_weight', 'severity']
    """
    import pandas as pd

    for name in ("patients", "encounters", "diagnoses"):
        if not isinstance(getattr(records, name, None), pd.DataFrame):
            raise ValueError(f"records has no {name} table: pass an extract from helpers.synth.make_records.")
    enc = records.encounters
    enc = enc.loc[enc["encounter_type"] == "inpatient", ["encounter_id", "patient_id", "discharge_status"]]
    sex = records.patients.drop_duplicates("patient_id").set_index("patient_id")["sex"]
    stays = enc.assign(sex=enc["patient_id"].map(sex).astype(object),
                       status=enc["discharge_status"].map(DISCHARGE_STATUS_CODES).fillna("01"))
    engine = _engine()
    dx = records.diagnoses[records.diagnoses["encounter_id"].isin(stays["encounter_id"])]
    written = dx["code"].astype("string").str.strip().str.upper()
    # plain Python strings (object): with pyarrow installed, "string" columns aggregate into arrow lists
    dx = dx.assign(code=written.str.replace(".", "", regex=False).astype(object))
    known = (written.str.fullmatch(_DX_PATTERN) & dx["code"].isin(list(engine.dxmap.keys()))).fillna(False)
    known = known.astype(bool)
    pdx = dx[(dx["seq"] == 1) & known].drop_duplicates("encounter_id").set_index("encounter_id")["code"]
    sec = dx[(dx["seq"] != 1) & known].sort_values("code").groupby("encounter_id")["code"].agg(tuple)
    stays["pdx"] = stays["encounter_id"].map(pdx).astype(object)
    stays["sdx"] = stays["encounter_id"].map(sec).astype(object)
    procs = getattr(records, "procedures", None)
    if isinstance(procs, pd.DataFrame) and len(procs):
        pr = procs.assign(code=procs["code"].astype("string").str.upper().str.replace(".", "", regex=False)
                          .astype(object))
        pr = pr[pr["code"].isin(list(engine.prmap.keys())).fillna(False).astype(bool)]
        stays["procs"] = stays["encounter_id"].map(pr.sort_values("code").groupby("encounter_id")["code"].agg(tuple))
    else:
        stays["procs"] = None
    stays[["sdx", "procs"]] = stays[["sdx", "procs"]].map(lambda v: tuple(v) if isinstance(v, (tuple, list)) else ())
    ok = stays["pdx"].notna() & stays["sex"].isin(["F", "M"])
    keys = list(zip(stays["pdx"], stays["sdx"], stays["procs"], stays["sex"], stays["status"]))
    cache: dict[tuple, Grouping] = {}
    ungroupable = Grouping("999", "Ungroupable", "none", None, "none")
    results = []
    for key, good in zip(keys, ok):
        if not good:
            results.append(ungroupable)
            continue
        if key not in cache:
            cache[key] = _group_clean(*key)
        results.append(cache[key])
    out = pd.DataFrame([(g.msdrg, g.title, g.mdc, g.relative_weight, g.severity) for g in results],
                       columns=_STAY_COLUMNS[1:], index=stays.index)
    out.insert(0, "encounter_id", stays["encounter_id"])
    out["relative_weight"] = out["relative_weight"].astype("Float64")
    out = out.reset_index(drop=True)
    out.attrs.update({"synthetic": True, "grouper": f"drgpy MS-DRG {GROUPER_VERSION}"})
    return out[_STAY_COLUMNS]


def estimated_payment(relative_weight: float, base_rate: float) -> float:
    """Relative weight x base rate: the estimated payment before hospital-specific adjustments.

    >>> estimated_payment(1.5, 100.0)
    150.0
    >>> estimated_payment(-1, 100.0)
    Traceback (most recent call last):
    ...
    ValueError: relative_weight must be a positive number; got -1.
    """
    for name, value in (("relative_weight", relative_weight), ("base_rate", base_rate)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise ValueError(f"{name} must be a positive number; got {value!r}.")
    return round(float(relative_weight) * float(base_rate), 2)


def case_mix_index(weights: Iterable[float]) -> float:
    """The case-mix index: the average relative weight of a set of discharges.

    >>> case_mix_index([1.0, 2.0, 0.6])
    1.2
    >>> case_mix_index([])
    Traceback (most recent call last):
    ...
    ValueError: case_mix_index needs at least one relative weight; got none.
    """
    import numpy as np

    if isinstance(weights, (str, dict)) or not isinstance(weights, Iterable):
        raise ValueError(f"case_mix_index needs a list of relative weights, such as [1.2, 0.8]; got {weights!r}.")
    try:
        values = np.asarray(list(weights), dtype=float)
    except (TypeError, ValueError):
        raise ValueError("case_mix_index needs numbers: every relative weight must be a positive number.") from None
    if values.size == 0:
        raise ValueError("case_mix_index needs at least one relative weight; got none.")
    if np.isnan(values).any() or (values <= 0).any():
        raise ValueError("case_mix_index needs positive relative weights; some are missing, zero or negative.")
    return round(float(values.mean()), 4)


def make_remittance(records: Any, seed: int = 0, denial_rate: float = 0.12) -> "pd.DataFrame":
    """A seeded, synthetic remittance: one row per claim (encounter) of the extract.

    Columns: ``claim_id``, ``encounter_id``, ``status`` ("paid" or "denied"),
    ``denial_category`` (the course's plain categories, ``DENIAL_CATEGORIES``; missing when
    paid), ``coding_related`` and ``prevention``. A claim whose diagnoses include a code that
    is invalid or not billable (a planted defect) is always denied as "invalid or truncated
    code"; a claim with no principal diagnosis as "principal diagnosis missing or out of
    order"; other denials are drawn at random. Synthetic: no real claim or payer.

    >>> from helpers.synth import make_records
    >>> rem = make_remittance(make_records(300, seed=2), seed=1)
    >>> sorted(rem["status"].unique())
    ['denied', 'paid']
    """
    import numpy as np
    import pandas as pd

    from .inputs import share, whole_number

    seed = whole_number(seed, "seed", 0, example=7)
    denial_rate = share(denial_rate, "denial_rate", example=0.12)
    for name in ("encounters", "diagnoses"):
        if not isinstance(getattr(records, name, None), pd.DataFrame):
            raise ValueError(f"records has no {name} table: pass an extract from helpers.synth.make_records.")
    defects = getattr(records, "defects", None)
    enc_ids = records.encounters["encounter_id"].to_numpy(object)
    rng = np.random.default_rng([seed, 707])
    categories = np.array(list(DENIAL_CATEGORIES), dtype=object)
    random_cats = np.array([c for c in categories if c not in (
        "invalid or truncated code", "principal diagnosis missing or out of order")], dtype=object)
    category = np.where(rng.random(len(enc_ids)) < denial_rate,
                        random_cats[rng.integers(0, len(random_cats), len(enc_ids))], None).astype(object)
    if isinstance(defects, pd.DataFrame) and len(defects):
        bad = defects[(defects["table"] == "diagnoses") & defects["kind"].isin(["invalid_code", "nonbillable_code"])]
        bad_enc = set(bad["row_id"].astype(str).str.split(":").str[0])
        category[np.isin(enc_ids, list(bad_enc))] = "invalid or truncated code"
    dx = records.diagnoses
    has_pdx = set(dx.loc[(dx["seq"] == 1) & dx["code"].notna(), "encounter_id"])
    category[~np.isin(enc_ids, list(has_pdx))] = "principal diagnosis missing or out of order"
    denied = pd.notna(category)
    frame = pd.DataFrame({
        "claim_id": [f"C{i:08d}" for i in range(1, len(enc_ids) + 1)], "encounter_id": enc_ids,
        "status": np.where(denied, "denied", "paid"),
        "denial_category": pd.array(category, dtype="string"),
        "coding_related": pd.array([DENIAL_CATEGORIES[c][0] if c else pd.NA for c in category], dtype="boolean"),
        "prevention": pd.array([DENIAL_CATEGORIES[c][1] if c else pd.NA for c in category], dtype="string"),
    })
    frame.attrs.update({"synthetic": True, "generator": f"helpers.revenue.make_remittance(seed={seed}, "
                                                          f"denial_rate={denial_rate})"})
    return frame


def claim_journey() -> "pd.DataFrame":
    """The steps of a claim's journey, what happens at each and what a records technician feeds.

    >>> claim_journey()["step"].iloc[0]
    'Registration and insurance verification'
    """
    import pandas as pd

    rows = [
        ("Registration and insurance verification", "demographics, insurance and eligibility are captured",
         "a correct, single patient record (no duplicate), accurate demographics"),
        ("Charge capture and the chargemaster", "each service becomes a line charge from the hospital's price list",
         "documentation that shows every service was given"),
        ("Coding", "diagnoses and procedures are turned into ICD-10-CM and ICD-10-PCS codes",
         "the principal diagnosis, secondary diagnoses with POA indicators, procedures, discharge status"),
        ("The claim", "an institutional claim (paper form or its electronic transaction) goes to the payer",
         "the coded fields: diagnoses, procedures, discharge status, dates of service"),
        ("Payer adjudication", "the payer checks eligibility, edits and coverage, and groups the stay to an MS-DRG",
         "codes that pass edits: valid, billable, consistent with age and sex"),
        ("Remittance", "the payer reports what it paid, adjusted or denied and why",
         "reading the remittance and tracing denials back to the record"),
        ("Denials and appeals", "a denial is corrected and resubmitted or appealed with the record",
         "a corrected code, or the documentation that supports the original one"),
    ]
    return pd.DataFrame(rows, columns=["step", "what happens", "what the records technician's work feeds"])
