"""Problems for exercise workbook 02, Education pathways.

The workbook's setup cell imports them: ``from helpers.checks.lesson02 import q1, q2, q3, q4, q5``.
Expected answers are computed by running each solution on ``education_paths``.

>>> q1.label, q1.name
('Question 1', 'part_time')
>>> q5.check(value="b").outcome
'correct'
"""
from __future__ import annotations

from .problems import ChoiceProblem, FunctionProblem, ValueProblem

__all__ = ["LESSON", "SETUP", "PROBLEMS", "q1", "q2", "q3", "q4", "q5"]

LESSON = "02"
#: What the workbook has run before the first answer cell (used to compute expected values).
SETUP = """\
import pandas as pd
from helpers import data
paths = data.load("education_paths")
"""

q1 = ValueProblem(
    "part_time", lesson=LESSON, number=1, setup=SETUP,
    columns=["path", "part_time_min", "part_time_max"], key="path",
    solution="""\
### BEGIN SOLUTION
part_time = paths[["path"]].copy()
part_time["part_time_min"] = paths["months_min"] * 2
part_time["part_time_max"] = paths["months_max"] * 2
### END SOLUTION
part_time""",
    hints=[
        "Half pace means every month of full-time study takes two months. Start with a copy of the "
        "`path` column: `part_time = paths[[\"path\"]].copy()`.",
        "Make a new column by multiplying an old one: `part_time[\"part_time_min\"] = paths[\"months_min\"] * 2`. "
        "Do the same for `part_time_max` from `months_max`.",
    ],
    wrong_answers=[
        ("part_time = paths[[\"path\"]].copy()\npart_time[\"part_time_min\"] = paths[\"months_min\"] / 2\n"
         "part_time[\"part_time_max\"] = paths[\"months_max\"] / 2",
         "Half pace makes a program take longer: multiply the months by 2 instead of dividing."),
        ("part_time = paths[[\"path\"]].copy()\npart_time[\"part_time_min\"] = paths[\"months_max\"] * 2\n"
         "part_time[\"part_time_max\"] = paths[\"months_min\"] * 2",
         "Check that `part_time_min` comes from `months_min` and `part_time_max` from `months_max`."),
        "part_time = paths[[\"path\"]].copy()\npart_time[\"part_time_max\"] = paths[\"months_max\"] * 2",
    ],
)


def _start_dates() -> list[tuple]:
    import pandas as pd

    return [(pd.Timestamp("2025-09-01"),), (pd.Timestamp("2025-09-01"), True), (pd.Timestamp("2026-01-12"), False),
            (pd.Timestamp("2024-08-31"), True), (pd.Timestamp("2027-03-31"),)]


q2 = FunctionProblem(
    "rhit_ready_date", lesson=LESSON, number=2, setup=SETUP, cases=_start_dates,
    solution='''\
import pandas as pd


def rhit_ready_date(start, part_time=False):
    """The first date you could sit the RHIT exam if you start an associate degree on `start`."""
    ### BEGIN SOLUTION
    associate = paths[paths["credential_route"] == "RHIT"].iloc[0]
    months = int(associate["months_max"])
    if part_time:
        months = months * 2
    return start + pd.DateOffset(months=months)
    ### END SOLUTION''',
    hints=[
        "Find the row of `paths` whose `credential_route` is \"RHIT\" and read its `months_max`. "
        "If `part_time` is True, double it.",
        "`pd.DateOffset(months=n)` moves a date by n calendar months: `start + pd.DateOffset(months=months)`.",
        "Inside the function: `associate = paths[paths[\"credential_route\"] == \"RHIT\"].iloc[0]`, then "
        "`months = int(associate[\"months_max\"])`.",
    ],
    wrong_answers=[
        ("def rhit_ready_date(start, part_time=False):\n"
         "    months = int(paths.loc[paths[\"credential_route\"] == \"RHIT\", \"months_max\"].iloc[0])\n"
         "    return start + pd.DateOffset(months=months)",
         "Did you double the months when `part_time` is True?"),
        ("def rhit_ready_date(start, part_time=False):\n"
         "    months = int(paths.loc[paths[\"credential_route\"] == \"RHIT\", \"months_max\"].iloc[0])\n"
         "    if part_time:\n        months = months * 2\n"
         "    return start + pd.Timedelta(days=30 * months)",
         "A month is not always 30 days: use `pd.DateOffset(months=...)` to move by calendar months."),
        ("def rhit_ready_date(start, part_time=False):\n"
         "    months = int(paths.loc[paths[\"path\"] == \"Certificate program\", \"months_max\"].iloc[0])\n"
         "    if part_time:\n        months = months * 2\n"
         "    return start + pd.DateOffset(months=months)",
         "The RHIT exam needs the associate degree, not a certificate program."),
    ],
)

q3 = ValueProblem(
    "paths_to_cca", lesson=LESSON, number=3, setup=SETUP,
    solution="""\
leads_to_cca = paths["credential_route"].str.contains("CCA")
### BEGIN SOLUTION
paths_to_cca = list(paths.loc[leads_to_cca, "path"])
### END SOLUTION
paths_to_cca""",
    hints=[
        "`leads_to_cca` is True for each row whose route mentions CCA. Use it to pick rows with `.loc`.",
        "`paths.loc[leads_to_cca, \"path\"]` picks the path names; wrap it in `list(...)`.",
    ],
    wrong_answers=[
        ("paths_to_cca = list(paths.loc[paths[\"credential_route\"] == \"CCA\", \"path\"])",
         "`== \"CCA\"` only matches a route that is exactly CCA, but routes can list several credentials "
         "(like CCA|CCS). Use the `leads_to_cca` column we made for you."),
        "paths_to_cca = list(paths[\"path\"])",
    ],
)

q4 = ValueProblem(
    "certificate_years_part_time", lesson=LESSON, number=4, setup=SETUP, tolerance=0.01,
    solution="""\
certificate = paths[paths["path"] == "Certificate program"].iloc[0]
### BEGIN SOLUTION
certificate_years_part_time = certificate["months_max"] * 2 / 12
### END SOLUTION
certificate_years_part_time""",
    hints=[
        "Take the longest certificate program (`months_max`), double it for half pace, then turn months into years.",
        "There are 12 months in a year: `certificate[\"months_max\"] * 2 / 12`.",
    ],
    wrong_answers=[
        ("certificate = paths[paths[\"path\"] == \"Certificate program\"].iloc[0]\n"
         "certificate_years_part_time = certificate[\"months_max\"] / 12",
         "Remember the half pace: it doubles the time."),
        ("certificate = paths[paths[\"path\"] == \"Certificate program\"].iloc[0]\n"
         "certificate_years_part_time = certificate[\"months_max\"] * 2",
         "That is in months: divide by 12 to get years."),
        ("certificate = paths[paths[\"path\"] == \"Certificate program\"].iloc[0]\n"
         "certificate_years_part_time = certificate[\"months_min\"] * 2 / 12",
         "The question asks about the longest program: use `months_max`."),
    ],
)

q5 = ChoiceProblem(
    "answer_5", lesson=LESSON, number=5, setup=SETUP,
    choices={
        "a": "A certificate program, then the RHIT exam",
        "b": "A CAHIIM-accredited associate degree studied part time, then the RHIT exam",
        "c": "The RHIT exam straight after high school",
        "d": "A bachelor's degree first, because RHIT needs one",
    },
    explanations={
        "a": "A certificate prepares for the CCA or CPC exams; the RHIT exam needs an accredited associate degree.",
        "b": "The associate degree is the route to RHIT, and at half pace it takes twice as long.",
        "c": "A high-school diploma opens the CCA and CCS exams, not RHIT.",
        "d": "A bachelor's degree leads to RHIA; RHIT needs the associate degree.",
    },
    solution="""\
### BEGIN SOLUTION
answer_5 = "b"
### END SOLUTION""",
    hints=[
        "Look at the `credential_route` column: which path lists RHIT?",
        "The `note` column says what makes a graduate eligible for RHIT. Half pace changes how long, not which path.",
    ],
    wrong_answers=['answer_5 = "a"', 'answer_5 = "d"'],
)

#: Every problem of the workbook, in order.
PROBLEMS = [q1, q2, q3, q4, q5]
