"""Problems for exercise workbook 13, Healthcare statistics.

The workbook's setup cell imports them: ``from helpers.checks.lesson13 import q1, q2, q3, q4``.
Expected answers are computed by running each solution on ``synthetic_encounters``
(synthetic records: no row describes a real patient) with ``helpers.stats``.

>>> q1.label, q1.name
('Question 1', 'set_aside')
>>> q4.check(value="c").outcome
'correct'
"""
from __future__ import annotations

from .problems import ChoiceProblem, ValueProblem

__all__ = ["LESSON", "SETUP", "PROBLEMS", "q1", "q2", "q3", "q4"]

LESSON = "13"
#: What the workbook has run before the first answer cell (used to compute expected values).
SETUP = """\
from helpers import data, stats
encounters = data.load("synthetic_encounters")
stays = stats.screen_stays(encounters)
start, end = "2024-01-01", "2024-12-31"
beds = {unit: 1 for unit in sorted(stays["unit"].dropna().unique())}
census = stats.daily_census(encounters, start, end, beds)
discharged = stays[stays["problem"].isna() & stays["discharge_date"].between(start, end)]
"""

q1 = ValueProblem(
    "set_aside", lesson=LESSON, number=1, setup=SETUP,
    solution="""\
### BEGIN SOLUTION
set_aside = int(stays["problem"].notna().sum())
### END SOLUTION
set_aside""",
    hints=[
        "Every stay that cannot be counted has a reason in the `problem` column; usable stays have it empty.",
        "`.notna()` is True where a value is present; `.sum()` counts the Trues: "
        "`stays[\"problem\"].notna().sum()`.",
    ],
    wrong_answers=[
        ("set_aside = int(stays[\"problem\"].isna().sum())",
         "That counts the usable stays. Count the rows where `problem` is filled in, with `.notna()`."),
        ("set_aside = len(stays)", "That is every inpatient stay; count only those with a problem."),
    ],
)

q2 = ValueProblem(
    "occupancy", lesson=LESSON, number=2, setup=SETUP, tolerance=0.01,
    solution="""\
service_days = census["census"].sum()
days = census["date"].nunique()
### BEGIN SOLUTION
occupancy = stats.bed_occupancy_rate(service_days, sum(beds.values()), days)
### END SOLUTION
occupancy""",
    hints=[
        "Bed occupancy % = service days x 100 / (beds x days). `service_days` and `days` are ready; "
        "the hospital's beds are `sum(beds.values())`.",
        "`stats.bed_occupancy_rate(service_days, sum(beds.values()), days)` does the arithmetic for you.",
    ],
    wrong_answers=[
        ("occupancy = stats.average_daily_census(census[\"census\"].sum(), census[\"date\"].nunique())",
         "That is the average daily census. Occupancy also divides by the number of beds and gives a percentage."),
        ("occupancy = stats.bed_occupancy_rate(census[\"census\"].sum(), 1, census[\"date\"].nunique())",
         "Use the hospital's beds, `sum(beds.values())`, not the beds of one unit."),
    ],
)

q3 = ValueProblem(
    "alos", lesson=LESSON, number=3, setup=SETUP, tolerance=0.0005,
    solution="""\
### BEGIN SOLUTION
alos = stats.average_length_of_stay(discharged["stay_days"].sum(), len(discharged))
### END SOLUTION
alos""",
    hints=[
        "The average length of stay is the total of `stay_days` of the discharged patients divided by the number "
        "of discharges. Patients who died are discharges too: keep them.",
        "`stats.average_length_of_stay(discharged[\"stay_days\"].sum(), len(discharged))`.",
    ],
    wrong_answers=[
        ("alive = discharged[discharged[\"discharge_status\"] != \"expired\"]\n"
         "alos = stats.average_length_of_stay(alive[\"stay_days\"].sum(), len(alive))",
         "Deaths are discharges too: keep the patients who died in the average."),
        ("alos = stats.average_length_of_stay(census[\"census\"].sum(), len(discharged))",
         "The census counts service days inside the period; the length of stay adds up the whole stays "
         "(`stay_days`) of the patients discharged in it."),
    ],
)

q4 = ChoiceProblem(
    "answer_4", lesson=LESSON, number=4, setup=SETUP,
    choices={
        "a": "Because it leaves out the patients who were transferred",
        "b": "Because it divides by the number of beds instead of the discharges",
        "c": "Because it leaves out deaths within 48 hours of admission, from both deaths and discharges",
        "d": "Because it counts only the stays that had no data problem",
    },
    explanations={
        "a": "Transfers are discharges like any other; the net rate is about deaths soon after admission.",
        "b": "Both death rates divide by discharges; beds belong to occupancy and turnover.",
        "c": "Early deaths often reflect how ill the patient was on arrival, so the net rate sets them aside.",
        "d": "Both rates use the same screened stays; the difference is the deaths in the first 48 hours.",
    },
    solution="""\
### BEGIN SOLUTION
answer_4 = "c"
### END SOLUTION""",
    hints=[
        "Compare the two formulas in Lesson 13: what does the net rate subtract?",
        "The subtraction is done both above and below the line of the fraction.",
    ],
    wrong_answers=['answer_4 = "a"', 'answer_4 = "d"'],
)

#: Every problem of the workbook, in order.
PROBLEMS = [q1, q2, q3, q4]
