"""The unseen extracts the capstone's functions are checked on (lesson 19's workbook).

Each check calls the learner's function on extracts made fresh by
``helpers.synth.make_records`` with seeds the learner never sees, and compares
the results with the course's own solution on the same extracts. Sizes and
rates differ, so that no single typed-in answer can be right for all three.
All records are synthetic: no row describes a real patient.

>>> CASE_SEEDS
(90141, 90142, 90143)
>>> callable(table_cases("patients"))
True

The seeds above let a learner's own ``qN.check()`` give feedback; a student can read them. When
grading, the grader calls :func:`hold_secret` first, so the cases come from seeds derived from a
secret only the grader holds (``--secret`` or ``MRT_GRADER_SECRET``), with the same sizes and rates.

>>> [seed for seed, *_ in secret_cases("s3cret")] != list(CASE_SEEDS)
True
"""
from __future__ import annotations

import functools
import hashlib
import hmac
from typing import Any, Callable

__all__ = ["CASES", "CASE_SEEDS", "extracts", "table_cases", "patient_cases", "encounter_cases",
           "secret_cases", "hold_secret"]

#: (seed, patients, duplicate_rate, defect_rate) of each unseen extract.
CASES = ((90_141, 300, 0.08, 0.05), (90_142, 240, 0.05, 0.08), (90_143, 360, 0.12, 0.04))
CASE_SEEDS = tuple(case[0] for case in CASES)


_HELD: dict[str, tuple] = {}


def secret_cases(secret: str) -> tuple:
    """The cases (seed, patients, duplicate_rate, defect_rate) made from ``secret``: seeds, sizes and rates no one
    can work out without it (sizes within 29 of :data:`CASES`' own, so the three stay apart), so that no answer
    can be looked up from a table's size either."""
    def number(i: int, what: str) -> int:
        digest = hmac.new(secret.encode("utf-8"), f"mrt-capstone-case-{i}-{what}".encode(), hashlib.sha256).digest()
        return int.from_bytes(digest[:4], "big")
    return tuple((100_000 + number(i, "seed") % 2_000_000_000, n - 29 + number(i, "size") % 59,
                  round(0.04 + number(i, "duplicates") % 90 / 1000, 3), round(0.03 + number(i, "defects") % 60 / 1000, 3))
                 for i, (_, n, _, _) in enumerate(CASES))


def hold_secret(secret: str | None) -> None:
    """From now on (in this process), make the unseen extracts from ``secret``; ``None`` goes back to
    :data:`CASES`. The grader calls this; a learner's kernel never sees the secret."""
    _HELD.clear()
    if secret:
        _HELD["cases"] = secret_cases(secret)
    _extracts.cache_clear()


def extracts() -> tuple:
    """The unseen test extracts (made on first use, then kept), with the code set loaded."""
    return _extracts(_HELD.get("cases", CASES))


@functools.lru_cache(maxsize=2)
def _extracts(cases: tuple) -> tuple:
    from helpers import coding, synth

    coding.validate_icd10cm(["A00.0"])  # load the code set now, not inside a learner's timed call
    return tuple(synth.make_records(n, seed=seed, duplicate_rate=dup, defect_rate=bad) for seed, n, dup, bad in cases)


def table_cases(name: str) -> Callable[[], list[tuple]]:
    """Cases that pass one table of each extract (``"patients"``, ``"diagnoses"``...)."""
    return lambda: [(getattr(e, name),) for e in extracts()]


def patient_cases() -> list[tuple[Any, ...]]:
    """Each extract's patients with the extract's date."""
    return [(e.patients, e.parameters["extract_date"]) for e in extracts()]


def encounter_cases() -> list[tuple[Any, ...]]:
    """Each extract's encounters, the year 2025 as the report period, and the extract's date."""
    return [(e.encounters, "2025-01-01", "2025-12-31", e.parameters["extract_date"]) for e in extracts()]
