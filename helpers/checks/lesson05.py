"""Problems for exercise workbook 05, Classification and coding systems.

The workbook's setup cell imports them: ``from helpers.checks.lesson05 import q1, q2, q3, q4``.
Expected answers are computed by running each solution with ``helpers.coding`` on the
ICD-10-CM code set the course ships (CDC release of April 1, 2026).

>>> q1.label, q1.name
('Question 1', 'n_valid')
>>> q4.check(value="b").outcome
'correct'
"""
from __future__ import annotations

from .problems import ChoiceProblem, ValueProblem

__all__ = ["LESSON", "SETUP", "PROBLEMS", "q1", "q2", "q3", "q4"]

LESSON = "05"
#: What the workbook has run before the first answer cell (used to compute expected values).
SETUP = """\
from helpers import coding
claim_codes = ["E11.9", "e11", "S62.5X0A", "J45.909", " i10 ", "A00-A09",
               "T36.0X1", "Z3A", "M1A.0", "R07.9", "E11.99", ""]
"""

q1 = ValueProblem(
    "n_valid", lesson=LESSON, number=1, setup=SETUP,
    solution="""\
checked = coding.validate_icd10cm(claim_codes)
### BEGIN SOLUTION
n_valid = int(checked["valid"].sum())
### END SOLUTION
n_valid""",
    hints=[
        "`checked` has one row per code and a `valid` column that is True or False. Count the Trues.",
        "`.sum()` on a column of True/False counts the Trues: `checked[\"valid\"].sum()`.",
    ],
    wrong_answers=[
        ("n_valid = len(claim_codes)", "That counts every entry; some of them are not ICD-10-CM codes."),
        ("n_valid = int(coding.validate_icd10cm(claim_codes)[\"billable\"].sum())",
         "That counts the billable codes. A category such as `E11` is valid too, even though it is not billable."),
    ],
)

q2 = ValueProblem(
    "not_billable", lesson=LESSON, number=2, setup=SETUP,
    solution="""\
checked = coding.validate_icd10cm(claim_codes)
### BEGIN SOLUTION
not_billable = checked.loc[checked["valid"] & ~checked["billable"], "code"].tolist()
### END SOLUTION
not_billable""",
    hints=[
        "You want the rows where `valid` is True and `billable` is False, and from them the `code` column "
        "(which shows each valid code tidied up, such as `E11`).",
        "Combine the two conditions with `&` and turn `billable` around with `~`: "
        "`checked.loc[checked[\"valid\"] & ~checked[\"billable\"], \"code\"].tolist()`.",
    ],
    wrong_answers=[
        ("checked = coding.validate_icd10cm(claim_codes)\n"
         "not_billable = checked.loc[~checked[\"billable\"], \"code\"].tolist()",
         "That list also holds entries that are not codes at all. Keep only the valid ones."),
        ("not_billable = [\"e11\", \"T36.0X1\", \"Z3A\", \"M1A.0\"]",
         "Use the tidied codes from the `code` column, not the entries as they were typed."),
    ],
)

q3 = ValueProblem(
    "sprain_code", lesson=LESSON, number=3, setup=SETUP,
    solution="""\
### BEGIN SOLUTION
sprain_code = "S13.4XXA"
### END SOLUTION
coding.validate_icd10cm([sprain_code])""",
    hints=[
        "A 7th character always sits in the seventh place. `S13.4` has four characters, so the fifth and sixth "
        "places are empty and each takes the placeholder X.",
        "The initial encounter is `A`. Write the code with its dot, as text in quotes, and run the cell: "
        "`validate_icd10cm` must say billable.",
    ],
    wrong_answers=[
        ("sprain_code = \"S13.4A\"", "The A must be the seventh character: fill the empty places before it with X."),
        ("sprain_code = \"S13.4XA\"", "Count the characters: the A has to be the seventh, so two X are needed."),
        ("sprain_code = \"S13.4XXD\"", "D is for a subsequent encounter; this is the first visit for the sprain."),
    ],
)

q4 = ChoiceProblem(
    "answer_4", lesson=LESSON, number=4, setup=SETUP,
    choices={
        "a": "Both have a dot after the third character",
        "b": "ICD-10-PCS codes have exactly 7 characters and no dot; ICD-10-CM codes have 3 to 7 with a dot after "
             "the third",
        "c": "ICD-10-PCS codes diagnoses and ICD-10-CM codes procedures",
        "d": "ICD-10-PCS uses every letter of the alphabet, including I and O",
    },
    explanations={
        "a": "Only ICD-10-CM has a dot; an ICD-10-PCS code is seven characters in a row.",
        "b": "PCS codes are always seven characters long; CM codes vary in length and carry a dot.",
        "c": "It is the other way round: CM (clinical modification) codes diagnoses, PCS codes inpatient procedures.",
        "d": "PCS leaves out I and O because they look like 1 and 0: each character is one of 34 values.",
    },
    solution="""\
### BEGIN SOLUTION
answer_4 = "b"
### END SOLUTION""",
    hints=[
        "Look at `0LB50ZZ` and `T36.0X1A` side by side: which one has a dot, and how long is each?",
        "ICD-10-PCS is for procedures on hospital inpatients and never changes length.",
    ],
    wrong_answers=['answer_4 = "a"', 'answer_4 = "c"'],
)

#: Every problem of the workbook, in order.
PROBLEMS = [q1, q2, q3, q4]
