"""Problems for exercise workbook 08, EHR data and data-entry quality.

The workbook's setup cell imports them: ``from helpers.checks.lesson08 import q1, q2, q3, q4, q5``.
Expected answers are computed by running each solution on the committed synthetic extract
(``synthetic_patients`` and ``synthetic_encounters``: no row describes a real patient).

>>> q1.label, q1.name
('Question 1', 'status_filled')
>>> q3.check(value=lambda text: len(text) == 5 and text.isdigit()).outcome
'correct'
>>> q5.check(value="c").outcome
'correct'
"""
from __future__ import annotations

from .problems import ChoiceProblem, FunctionProblem, ValueProblem

__all__ = ["LESSON", "SETUP", "PROBLEMS", "ZIP_CASES", "q1", "q2", "q3", "q4", "q5"]

LESSON = "08"
#: What the workbook has run before the first answer cell (used to compute expected values).
SETUP = """\
import pandas as pd
from helpers import data
patients = data.load("synthetic_patients")
encounters = data.load("synthetic_encounters")
extract_date = pd.Timestamp(data.source("synthetic_encounters")["as_of"])
admit = pd.to_datetime(encounters["admit_date"])
discharge = pd.to_datetime(encounters["discharge_date"])
"""

q1 = ValueProblem(
    "status_filled", lesson=LESSON, number=1, setup=SETUP, tolerance=0.0001,
    solution="""\
### BEGIN SOLUTION
status_filled = encounters["discharge_status"].notna().mean()
### END SOLUTION
status_filled""",
    hints=[
        "`.notna()` gives True for every filled cell of a column; the mean of Trues and Falses is the share "
        "of Trues.",
        "`encounters[\"discharge_status\"].notna().mean()` gives a number between 0 and 1.",
    ],
    wrong_answers=[
        ("status_filled = encounters[\"discharge_status\"].isna().mean()",
         "That is the share of empty cells. Completeness is the share of filled cells: use `.notna()`."),
        ("status_filled = encounters[\"discharge_status\"].notna().sum()",
         "That is the number of filled cells. Divide by the number of rows, or use `.mean()` instead of `.sum()`."),
    ],
)

q2 = ValueProblem(
    "backwards", lesson=LESSON, number=2, setup=SETUP,
    solution="""\
### BEGIN SOLUTION
backwards = int((discharge < admit).sum())
### END SOLUTION
backwards""",
    hints=[
        "`discharge < admit` compares the two date columns row by row and is True where the discharge comes "
        "first. `.sum()` counts the Trues.",
        "`backwards = int((discharge < admit).sum())`. A same-day visit (discharge equal to admission) is fine: "
        "use `<`, not `<=`.",
    ],
    wrong_answers=[
        ("backwards = int((discharge <= admit).sum())",
         "A visit that starts and ends on the same day is normal (most outpatient visits do). Use `<`, not `<=`."),
        ("backwards = int((discharge > admit).sum())",
         "That counts the stays whose discharge comes after the admission: turn the comparison around."),
    ],
)

#: Strings the learner's ZIP check is tried on: clean ZIP codes, the slips planted in the
#: extract (a lost leading zero, a missing or extra digit, a letter O) and a few others.
ZIP_CASES = [("02134",), ("90210",), ("00501",), ("2134",), ("021345",), ("02O34",), ("57O00",), (" 02134",),
             ("02134 ",), ("",), ("12345-6789",), ("abcde",), ("9999",), ("307166",), ("0213",), ("1234 ",)]

q3 = FunctionProblem(
    "zip_is_valid", lesson=LESSON, number=3, setup=SETUP, cases=ZIP_CASES,
    solution='''\
def zip_is_valid(text):
    """True when `text` is stored as the data dictionary says: exactly five digits, nothing else."""
    ### BEGIN SOLUTION
    return len(text) == 5 and text.isdigit()
    ### END SOLUTION''',
    hints=[
        "Two things must both be true: the text has 5 characters (`len(text) == 5`) and every character is a "
        "digit (`text.isdigit()`). Join them with `and`.",
        "`return len(text) == 5 and text.isdigit()`. Spaces count as characters, so ' 02134' is not valid as "
        "stored.",
    ],
    wrong_answers=[
        ("def zip_is_valid(text):\n    return len(text) == 5",
         "Five characters are not enough: a letter O typed for a zero ('02O34') also has five. Check that every "
         "character is a digit."),
        ("def zip_is_valid(text):\n    return text.isdigit()",
         "Digits only is not enough: '2134' lost its leading zero. Check the length too."),
        ("def zip_is_valid(text):\n    return len(text.strip()) == 5 and text.strip().isdigit()",
         "A stored value with a space in it is not in the standard form yet: do not strip the spaces when you "
         "check."),
    ],
)

q4 = ValueProblem(
    "future_discharges", lesson=LESSON, number=4, setup=SETUP,
    solution="""\
### BEGIN SOLUTION
future_discharges = int((discharge > extract_date).sum())
### END SOLUTION
future_discharges""",
    hints=[
        "`extract_date` is the day the extract was taken. A discharge after that day had not happened yet.",
        "`future_discharges = int((discharge > extract_date).sum())`.",
    ],
    wrong_answers=[
        ("future_discharges = int((admit > extract_date).sum())",
         "That checks the admission dates. The question asks about discharge dates."),
        ("future_discharges = int((discharge < extract_date).sum())",
         "That counts the discharges before the extract date, which is almost all of them. Turn the comparison "
         "around."),
    ],
)

q5 = ChoiceProblem(
    "answer_5", lesson=LESSON, number=5, setup=SETUP,
    choices={
        "a": "Add a zero in front, since spreadsheets often drop leading zeros",
        "b": "Delete the ZIP code so the bad value does not spread",
        "c": "Keep the value as typed, flag it, and confirm the address with the patient or the source document",
        "d": "Replace it with the most common ZIP code of the patient's city",
    },
    explanations={
        "a": "Four digits may also mean the last digit was lost; adding a zero in front may invent a ZIP code.",
        "b": "Deleting loses the four digits you have and hides the problem from whoever fixes it.",
        "c": "The value stays, the flag sends it to someone who can check the source: nothing is lost or invented.",
        "d": "A guess looks like real data afterwards; nobody would know it was made up.",
    },
    solution="""\
### BEGIN SOLUTION
answer_5 = "c"
### END SOLUTION""",
    hints=[
        "Lesson 08 has a rule for values that cannot be standardized with certainty: never lose a value, "
        "never invent one.",
        "Which choice keeps the four digits and gets the right ZIP code from someone who knows it?",
    ],
    wrong_answers=['answer_5 = "a"', 'answer_5 = "d"'],
)

#: Every problem of the workbook, in order.
PROBLEMS = [q1, q2, q3, q4, q5]
