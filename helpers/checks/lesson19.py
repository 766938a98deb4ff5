"""Problems for the capstone workbook (14): a records audit of an extract nobody has seen.

The workbook's setup cell imports them: ``from helpers.checks.lesson19 import q1, q2, q3, q4, q5``.
The learner writes audit *functions*; each check calls them on extracts made
fresh by ``helpers.synth.make_records`` with seeds the learner never sees, and
compares the results with the course's own solution on the same extracts. So
the checks test results, not wording, and an answer tuned to one extract fails.
All records are synthetic: no row describes a real patient.

>>> q1.label, q1.name
('Question 1', 'code_findings')
>>> q5.check(value="b").outcome
'correct'
"""
from __future__ import annotations

import functools

from .problems import ChoiceProblem, FunctionProblem

__all__ = ["LESSON", "SETUP", "CASES", "CASE_SEEDS", "PROBLEMS", "extracts", "q1", "q2", "q3", "q4", "q5"]

LESSON = "19"
#: What the workbook has run before the first answer cell.
SETUP = """\
import pandas as pd
from helpers import charts, coding, data, deid, mpi, stats, synth
"""
#: The unseen extracts the learner's functions are tried on: (seed, patients, duplicate_rate, defect_rate).
#: Sizes and rates differ, so that no single typed-in answer can be right for all three.
CASES = ((90_141, 300, 0.08, 0.05), (90_142, 240, 0.05, 0.08), (90_143, 360, 0.12, 0.04))
CASE_SEEDS = tuple(case[0] for case in CASES)


@functools.lru_cache(maxsize=1)
def extracts() -> tuple:
    """The unseen test extracts (made on first use, then kept), with the code set loaded."""
    from helpers import coding, synth

    coding.validate_icd10cm(["A00.0"])  # load the code set now, not inside a learner's timed call
    return tuple(synth.make_records(n, seed=seed, duplicate_rate=dup, defect_rate=bad) for seed, n, dup, bad in CASES)


def _tables(name: str, *more: object) -> callable:
    return lambda: [(getattr(e, name), *more) for e in extracts()]


def _encounter_cases() -> list[tuple]:
    return [(e.encounters, "2025-01-01", "2025-12-31", e.parameters["extract_date"]) for e in extracts()]


def _patient_cases() -> list[tuple]:
    return [(e.patients, e.parameters["extract_date"]) for e in extracts()]


q1 = FunctionProblem(
    "code_findings", lesson=LESSON, number=1, setup=SETUP, cases=_tables("diagnoses"), time_limit=5.0,
    solution='''\
def code_findings(diagnoses):
    """Count the diagnosis rows whose code is missing, invalid, or valid but not billable."""
    ### BEGIN SOLUTION
    checked = coding.validate_icd10cm(diagnoses["code"])
    missing = int(diagnoses["code"].isna().sum())
    invalid = int((~checked["valid"]).sum()) - missing
    not_billable = int((checked["valid"] & ~checked["billable"]).sum())
    return {"missing": missing, "invalid": invalid, "not billable": not_billable}
    ### END SOLUTION''',
    hints=[
        "`coding.validate_icd10cm(diagnoses[\"code\"])` gives one row per code with `valid` and `billable`. "
        "An empty code is not valid either, so count the missing ones first and take them out of the invalid count.",
        "`missing = int(diagnoses[\"code\"].isna().sum())`; `invalid = int((~checked[\"valid\"]).sum()) - missing`; "
        "not billable means valid **and** not billable: `(checked[\"valid\"] & ~checked[\"billable\"]).sum()`.",
    ],
    wrong_answers=[
        ('def code_findings(diagnoses):\n'
         '    checked = coding.validate_icd10cm(diagnoses["code"])\n'
         '    return {"missing": int(diagnoses["code"].isna().sum()), "invalid": int((~checked["valid"]).sum()),\n'
         '            "not billable": int((checked["valid"] & ~checked["billable"]).sum())}',
         "Missing codes are counted twice: as missing and again as invalid. Subtract them from the invalid count."),
        ('def code_findings(diagnoses):\n'
         '    checked = coding.validate_icd10cm(diagnoses["code"])\n'
         '    missing = int(diagnoses["code"].isna().sum())\n'
         '    return {"missing": missing, "invalid": int((~checked["valid"]).sum()) - missing,\n'
         '            "not billable": int((~checked["billable"]).sum())}',
         "An invalid code is not billable either; \"not billable\" should count only the valid codes that are not billable."),
    ],
)

q2 = FunctionProblem(
    "patient_findings", lesson=LESSON, number=2, setup=SETUP, cases=_patient_cases,
    solution='''\
def patient_findings(patients, extract_date):
    """Count the patient records with each kind of data-entry problem."""
    ### BEGIN SOLUTION
    required = ["first_name", "last_name", "sex", "birth_date"]
    missing = patients[required].isna().any(axis=1)
    born = pd.to_datetime(patients["birth_date"], errors="coerce")
    future = born > pd.Timestamp(extract_date)
    phone_ok = patients["phone"].str.fullmatch(r"\\(\\d{3}\\) \\d{3}-\\d{4}")
    zip_ok = patients["zip"].str.fullmatch(r"\\d{5}")
    return {
        "missing required": int(missing.sum()),
        "future birth date": int(future.sum()),
        "malformed phone": int((patients["phone"].notna() & ~phone_ok).sum()),
        "malformed ZIP": int((patients["zip"].notna() & ~zip_ok).sum()),
    }
    ### END SOLUTION''',
    hints=[
        "Four counts. A record is missing a required field when any of `first_name`, `last_name`, `sex`, "
        "`birth_date` is empty: `patients[required].isna().any(axis=1)`. A phone looks like `(555) 555-0123`; "
        "a ZIP code is exactly five digits.",
        "Use `.str.fullmatch(r\"\\(\\d{3}\\) \\d{3}-\\d{4}\")` for phones and `.str.fullmatch(r\"\\d{5}\")` for ZIP "
        "codes, and count the filled-in values that do **not** match: `(col.notna() & ~matches).sum()`. "
        "For the birth dates compare `pd.to_datetime(patients[\"birth_date\"])` with `pd.Timestamp(extract_date)`.",
    ],
    wrong_answers=[
        ('def patient_findings(patients, extract_date):\n'
         '    born = pd.to_datetime(patients["birth_date"], errors="coerce")\n'
         '    return {"missing required": int(patients[["first_name", "last_name"]].isna().any(axis=1).sum()),\n'
         '            "future birth date": int((born > pd.Timestamp(extract_date)).sum()),\n'
         '            "malformed phone": int((~patients["phone"].str.fullmatch(r"\\(\\d{3}\\) \\d{3}-\\d{4}")).sum()),\n'
         '            "malformed ZIP": int((~patients["zip"].str.fullmatch(r"\\d{5}")).sum())}',
         "Four fields are required in a patient record: first_name, last_name, sex and birth_date."),
        ('def patient_findings(patients, extract_date):\n'
         '    required = ["first_name", "last_name", "sex", "birth_date"]\n'
         '    born = pd.to_datetime(patients["birth_date"], errors="coerce")\n'
         '    return {"missing required": int(patients[required].isna().any(axis=1).sum()),\n'
         '            "future birth date": int((born > pd.Timestamp(extract_date)).sum()),\n'
         '            "malformed phone": int((patients["phone"].str.len() != 14).sum()),\n'
         '            "malformed ZIP": int((patients["zip"].str.len() != 5).sum())}',
         "Checking only the length lets through a phone or ZIP code with a letter O in place of a zero. "
         "Match the pattern of digits with `.str.fullmatch`."),
    ],
)

q3 = FunctionProblem(
    "inpatient_summary", lesson=LESSON, number=3, setup=SETUP, cases=_encounter_cases, tolerance=0.01,
    solution='''\
def inpatient_summary(encounters, start, end, extract_date):
    """Stays set aside, discharges, average length of stay and gross death rate for a period."""
    ### BEGIN SOLUTION
    stays = stats.screen_stays(encounters, extract_date=extract_date)
    usable = stays[stays["problem"].isna()]
    discharged = usable[usable["discharge_date"].between(start, end)]
    deaths = int((discharged["discharge_status"] == "expired").sum())
    return {
        "set aside": int(stays["problem"].notna().sum()),
        "discharges": len(discharged),
        "average length of stay": stats.average_length_of_stay(discharged["stay_days"].sum(), len(discharged)),
        "gross death rate": stats.gross_death_rate(deaths, len(discharged)),
    }
    ### END SOLUTION''',
    hints=[
        "Start as Lesson 13 did: `stays = stats.screen_stays(encounters, extract_date=extract_date)`. "
        "\"Set aside\" counts the stays with a `problem`; the other three figures use only the usable stays "
        "whose `discharge_date` is between `start` and `end`.",
        "`discharged = usable[usable[\"discharge_date\"].between(start, end)]`; then "
        "`stats.average_length_of_stay(discharged[\"stay_days\"].sum(), len(discharged))` and "
        "`stats.gross_death_rate(deaths, len(discharged))`, where deaths have `discharge_status == \"expired\"`.",
    ],
    wrong_answers=[
        ('def inpatient_summary(encounters, start, end, extract_date):\n'
         '    stays = stats.screen_stays(encounters, extract_date=extract_date)\n'
         '    usable = stays[stays["problem"].isna()]\n'
         '    d = usable[usable["discharge_date"].between(start, end)]\n'
         '    alive = d[d["discharge_status"] != "expired"]\n'
         '    return {"set aside": int(stays["problem"].notna().sum()), "discharges": len(d),\n'
         '            "average length of stay": stats.average_length_of_stay(alive["stay_days"].sum(), len(alive)),\n'
         '            "gross death rate": stats.gross_death_rate(int((d["discharge_status"] == "expired").sum()), len(d))}',
         "Deaths are discharges: keep the patients who died in the average length of stay."),
        ('def inpatient_summary(encounters, start, end, extract_date):\n'
         '    stays = stats.screen_stays(encounters, extract_date=extract_date)\n'
         '    d = stays[stays["discharge_date"].between(start, end)]\n'
         '    return {"set aside": int(stays["problem"].notna().sum()), "discharges": len(d),\n'
         '            "average length of stay": stats.average_length_of_stay(d["stay_days"].sum(), len(d)),\n'
         '            "gross death rate": stats.gross_death_rate(int((d["discharge_status"] == "expired").sum()), len(d))}',
         "Leave out the stays that were set aside before you count discharges (`stays[\"problem\"].isna()`)."),
    ],
)

q4 = FunctionProblem(
    "duplicate_rate", lesson=LESSON, number=4, setup=SETUP, cases=_tables("patients"), tolerance=0.01,
    solution='''\
def duplicate_rate(patients):
    """The duplicate record rate of a patient index, in percent, from the pairs find_duplicates judges the same person."""
    ### BEGIN SOLUTION
    pairs = mpi.find_duplicates(patients)
    involved = set(pairs["id_a"]) | set(pairs["id_b"])
    return len(involved) * 100 / len(patients)
    ### END SOLUTION''',
    hints=[
        "As in Lesson 12, the rate counts every record that is part of at least one duplicate pair, as a "
        "percentage of all records: both records of a pair count. `mpi.find_duplicates(patients)` gives the pairs.",
        "`pairs = mpi.find_duplicates(patients)`; the records involved are "
        "`set(pairs[\"id_a\"]) | set(pairs[\"id_b\"])`; divide how many there are by `len(patients)` and multiply by 100.",
    ],
    wrong_answers=[
        ('def duplicate_rate(patients):\n'
         '    pairs = mpi.find_duplicates(patients)\n'
         '    return len(set(pairs["id_a"]) | set(pairs["id_b"])) / len(patients)',
         "That is a fraction; the rate is a percentage: multiply by 100."),
        ('def duplicate_rate(patients):\n'
         '    return len(mpi.find_duplicates(patients)) * 100 / len(patients)',
         "That counts pairs. The rate counts records, and a pair holds two of them."),
    ],
)

q5 = ChoiceProblem(
    "answer_5", lesson=LESSON, number=5, setup=SETUP,
    choices={
        "a": "The list of duplicate pairs with names, dates of birth and SSNs, so the committee can check them",
        "b": "The duplicate rate and the counts by type of error; the list of pairs goes only to the staff who review "
             "and merge records",
        "c": "The list of pairs after Safe Harbor de-identification, so nobody can be recognised",
        "d": "Nothing about duplicates: the master patient index is confidential",
    },
    explanations={
        "a": "The committee needs the size of the problem, not who the patients are: that would break the minimum "
             "necessary standard.",
        "b": "Figures answer the committee's question; identities go only to the people whose job is to fix them.",
        "c": "Without the identifiers the list is useless to the committee, and the counts say the same thing more simply.",
        "d": "The duplicate rate is exactly what a quality committee should watch; only the identities stay out.",
    },
    solution="""\
### BEGIN SOLUTION
answer_5 = "b"
### END SOLUTION""",
    hints=[
        "Think of Lesson 10: the minimum necessary for the purpose. What does a quality committee need to decide?",
        "A committee decides on the size of a problem and what to do about it; the people who merge records need "
        "the identities.",
    ],
    wrong_answers=['answer_5 = "a"', 'answer_5 = "c"'],
)

#: Every problem of the workbook, in order.
PROBLEMS = [q1, q2, q3, q4, q5]
