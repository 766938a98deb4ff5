"""Problems for exercise workbook 12, Auditing and the master patient index.

The workbook's setup cell imports them: ``from helpers.checks.lesson12 import q1, q2, q3, q4, q5``.
Expected answers are computed by running each solution on the course's synthetic tables
(no row describes a real patient) with ``helpers.audit`` and ``helpers.mpi``.

>>> q1.label, q1.name
('Question 1', 'sample_ids')
>>> q5.check(value="b").outcome
'correct'
"""
from __future__ import annotations

from .problems import ChoiceProblem, ValueProblem

__all__ = ["LESSON", "SETUP", "PROBLEMS", "q1", "q2", "q3", "q4", "q5"]

LESSON = "12"
#: What the workbook has run before the first answer cell (used to compute expected values).
SETUP = """\
from helpers import audit, data, mpi
patients = data.load("synthetic_patients")
encounters = data.load("synthetic_encounters")
diagnoses = data.load("synthetic_diagnoses")
duplicates = data.load("synthetic_duplicates")
inpatient = encounters[encounters["encounter_type"] == "inpatient"]
"""

q1 = ValueProblem(
    "sample_ids", lesson=LESSON, number=1, setup=SETUP, ordered=False,
    solution="""\
### BEGIN SOLUTION
sample_ids = audit.audit_sample(inpatient, 25, seed=8)["encounter_id"].tolist()
### END SOLUTION
sample_ids""",
    hints=[
        "Sample the inpatient stays (`inpatient`), not every encounter: 25 rows with seed 8.",
        "`audit.audit_sample(inpatient, 25, seed=8)` gives the rows; add `[\"encounter_id\"].tolist()` for the ids.",
    ],
    wrong_answers=[
        ("sample_ids = audit.audit_sample(encounters, 25, seed=8)[\"encounter_id\"].tolist()",
         "That samples every encounter, outpatient and emergency visits too. Sample `inpatient`."),
        ("sample_ids = audit.audit_sample(inpatient, 25, seed=0)[\"encounter_id\"].tolist()",
         "A different seed draws different stays: use seed 8, so anyone can repeat your sample."),
        ("sample_ids = inpatient[\"encounter_id\"].head(25).tolist()",
         "Those are the first 25 stays, not a random sample. Draw them with `audit.audit_sample`."),
    ],
)

_REVIEW = """\
review = audit.auditor_review(diagnoses, audit.audit_sample(inpatient, 25, seed=8)["encounter_id"], seed=8)
"""

q2 = ValueProblem(
    "accuracy", lesson=LESSON, number=2, setup=SETUP, tolerance=0.01,
    solution="""\
sample_ids = audit.audit_sample(inpatient, 25, seed=8)["encounter_id"]
review = audit.auditor_review(diagnoses, sample_ids, seed=8)
### BEGIN SOLUTION
accuracy = review["agreed"].sum() * 100 / len(review)
### END SOLUTION
accuracy""",
    hints=[
        "Coding accuracy % = codes the auditor agreed with x 100 / codes reviewed. Each row of `review` is one "
        "code; the column `agreed` is True where the auditor kept it.",
        "`review[\"agreed\"].sum()` counts the agreed codes and `len(review)` the codes reviewed "
        "(or use `audit.accuracy_rate(review)`).",
    ],
    wrong_answers=[
        (_REVIEW + "accuracy = review[\"agreed\"].mean()",
         "That is a share between 0 and 1. Multiply by 100 to give the rate in percent."),
        (_REVIEW + "accuracy = audit.agreement_by_encounter(review)[\"all_agreed\"].mean() * 100",
         "That is the share of encounters with every code agreed. The accuracy rate counts codes, not encounters."),
    ],
)

q3 = ValueProblem(
    "dup_rate", lesson=LESSON, number=3, setup=SETUP, tolerance=0.01,
    solution="""\
proposed = mpi.find_duplicates(patients)
### BEGIN SOLUTION
dup_rate = audit.duplicate_rate(proposed, patients)
### END SOLUTION
dup_rate""",
    hints=[
        "AHIMA's duplicate record rate counts **both** records of every pair, divided by all records, in percent.",
        "`audit.duplicate_rate(proposed, patients)` does it; by hand, collect the ids in `id_a` and `id_b`, "
        "count the distinct ones and divide by `len(patients)`.",
    ],
    wrong_answers=[
        ("dup_rate = len(mpi.find_duplicates(patients)) * 100 / len(patients)",
         "That counts each pair once. Both records of a pair are duplicate records: count the records."),
        ("dup_rate = audit.duplicate_rate(mpi.find_duplicates(patients), patients) / 100",
         "The rate is in percent already (2.5 means 2.5%): no need to divide by 100."),
    ],
)

q4 = ValueProblem(
    "precision", lesson=LESSON, number=4, setup=SETUP, tolerance=0.01,
    solution="""\
loose = mpi.find_duplicates(patients, threshold=0)
### BEGIN SOLUTION
precision = audit.score_pairs(loose, duplicates)["precision"]
### END SOLUTION
precision""",
    hints=[
        "Precision = true positives x 100 / pairs proposed: how often a proposed pair is really one person. "
        "Score `loose` against the answer key `duplicates`.",
        "`audit.score_pairs(loose, duplicates)` returns a dictionary; take its `\"precision\"` entry.",
    ],
    wrong_answers=[
        ("precision = audit.score_pairs(mpi.find_duplicates(patients, threshold=0), duplicates)[\"recall\"]",
         "That is recall: the share of true duplicates found. Precision divides by the pairs proposed."),
        ("s = audit.score_pairs(mpi.find_duplicates(patients, threshold=0), duplicates)\n"
         "precision = s[\"true_positives\"] / (s[\"true_positives\"] + s[\"false_positives\"])",
         "That is a share between 0 and 1. Give it in percent, like the other rates."),
    ],
)

q5 = ChoiceProblem(
    "answer_5", lesson=LESSON, number=5, setup=SETUP,
    choices={
        "a": "Delete the newer record, since the older one has the same person's details",
        "b": "Merge them under the written policy: one surviving record gets the encounters, the retired number "
             "stays as a link, and the merge is logged",
        "c": "Change one digit of the SSN on one record so the matcher stops proposing the pair",
        "d": "Leave both records: a duplicate does no harm as long as both are kept",
    },
    explanations={
        "a": "Deleting throws away encounters, results and signatures that are part of the legal record.",
        "b": "Nothing is lost: the history moves to one record and the audit trail shows who did what.",
        "c": "That hides the duplicate and corrupts the data; the split history stays.",
        "d": "A split history is a patient-safety risk: a clinician may miss an allergy or a result.",
    },
    solution="""\
### BEGIN SOLUTION
answer_5 = "b"
### END SOLUTION""",
    hints=[
        "Think about what happens to the encounters and documents filed under each record.",
        "A medical record is a legal record: it is never simply thrown away.",
    ],
    wrong_answers=['answer_5 = "a"', 'answer_5 = "c"'],
)

#: Every problem of the workbook, in order.
PROBLEMS = [q1, q2, q3, q4, q5]
