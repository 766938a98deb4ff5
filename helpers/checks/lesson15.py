"""Problems for exercise workbook 15, Pay and outlook.

The workbook's setup cell imports them: ``from helpers.checks.lesson15 import q1, q2, q3, q4, q5, q6``.
Expected answers are computed by running each solution on ``bls_wages``,
``career_ladder`` and ``certifications``.

>>> [p.name for p in PROBLEMS][:3]
['percent_change', 'growth_2021_2024', 'spread_2023']
>>> q6.check(value="b").outcome
'correct'
"""
from __future__ import annotations

from .problems import ChoiceProblem, FunctionProblem, ValueProblem

__all__ = ["LESSON", "SETUP", "PROBLEMS", "q1", "q2", "q3", "q4", "q5", "q6"]

LESSON = "15"
#: What the workbook has run before the first answer cell (used to compute expected values).
SETUP = """\
import pandas as pd
from helpers import data
wages = data.load("bls_wages")
ladder = data.load("career_ladder")
certs = data.load("certifications")
"""


def _wage_pairs() -> list[tuple]:
    from helpers import data

    medians = [int(v) for v in data.load("bls_wages")["median_annual_usd"]]
    return list(zip(medians[:-1], medians[1:])) + [(200, 150), (40000, 40000)]


q1 = FunctionProblem(
    "percent_change", lesson=LESSON, number=1, setup=SETUP, cases=_wage_pairs, tolerance=1e-6,
    solution='''\
def percent_change(old, new):
    """How far `new` is above (or below) `old`, as a percent of `old`."""
    ### BEGIN SOLUTION
    return (new - old) / old * 100
    ### END SOLUTION''',
    hints=[
        "First the change: `new - old`. Then compare it with where you started, `old`.",
        "Divide the change by `old`, then multiply by 100 to get a percent: `(new - old) / old * 100`.",
    ],
    wrong_answers=[
        "def percent_change(old, new):\n    return (new - old) / old",
        ("def percent_change(old, new):\n    return (new - old) / new * 100",
         "Divide by the *old* value: a change is measured from where you started."),
        ("def percent_change(old, new):\n    return new / old * 100",
         "That is the new value as a percent of the old one; subtract `old` from `new` first to get the change."),
    ],
)

q2 = ValueProblem(
    "growth_2021_2024", lesson=LESSON, number=2, setup=SETUP, tolerance=0.05,
    solution="""\
median = wages.set_index("year")["median_annual_usd"]
### BEGIN SOLUTION
growth_2021_2024 = (median[2024] - median[2021]) / median[2021] * 100
### END SOLUTION
growth_2021_2024""",
    hints=[
        "`median[2021]` is the median wage in May 2021 and `median[2024]` the one in May 2024.",
        "Use your function from Question 1: `percent_change(median[2021], median[2024])`.",
    ],
    wrong_answers=[
        ("median = wages.set_index(\"year\")[\"median_annual_usd\"]\n"
         "growth_2021_2024 = (median[2024] - median[2011]) / median[2011] * 100",
         "That starts in 2011, under the old occupation code 29-2071, which covered a different group. Start in 2021."),
        ("median = wages.set_index(\"year\")[\"median_annual_usd\"]\n"
         "growth_2021_2024 = (median[2024] - median[2023]) / median[2023] * 100",
         "The question asks about May 2021 to May 2024."),
        ("median = wages.set_index(\"year\")[\"median_annual_usd\"]\n"
         "growth_2021_2024 = (median[2024] - median[2021]) / median[2021]"),
    ],
)

q3 = ValueProblem(
    "spread_2023", lesson=LESSON, number=3, setup=SETUP,
    solution="""\
may_2023 = wages[wages["reference_period"] == "May 2023"].iloc[0]
### BEGIN SOLUTION
spread_2023 = may_2023["p90_annual_usd"] - may_2023["p10_annual_usd"]
### END SOLUTION
spread_2023""",
    hints=[
        "The spread runs from the 10th percentile (`p10_annual_usd`) up to the 90th (`p90_annual_usd`).",
        "Subtract the lower from the higher: `may_2023[\"p90_annual_usd\"] - may_2023[\"p10_annual_usd\"]`.",
    ],
    wrong_answers=[
        ("may_2023 = wages[wages[\"reference_period\"] == \"May 2023\"].iloc[0]\n"
         "spread_2023 = may_2023[\"p90_annual_usd\"] - may_2023[\"median_annual_usd\"]",
         "The spread runs from the 10th percentile to the 90th, not from the median."),
        ("may_2023 = wages[wages[\"reference_period\"] == \"May 2023\"].iloc[0]\n"
         "spread_2023 = may_2023[\"p75_annual_usd\"] - may_2023[\"p25_annual_usd\"]"),
        ("may_2011 = wages[wages[\"reference_period\"] == \"May 2011\"].iloc[0]\n"
         "spread_2023 = may_2011[\"p90_annual_usd\"] - may_2011[\"p10_annual_usd\"]",
         "That is the May 2011 row; use `may_2023`."),
    ],
)

q4 = ValueProblem(
    "bands", lesson=LESSON, number=4, setup=SETUP, columns=["level", "midpoint_usd"], key="level",
    solution="""\
### BEGIN SOLUTION
bands = ladder[["step", "level", "salary_low_usd", "salary_high_usd"]].copy()
bands["midpoint_usd"] = (bands["salary_low_usd"] + bands["salary_high_usd"]) / 2
### END SOLUTION
bands""",
    hints=[
        "Copy the columns you need from `ladder`, then add a column `midpoint_usd`: halfway between low and high.",
        "Halfway between two numbers is their sum divided by 2. Mind the brackets: "
        "`(bands[\"salary_low_usd\"] + bands[\"salary_high_usd\"]) / 2`.",
    ],
    wrong_answers=[
        ("bands = ladder.copy()\n"
         "bands[\"midpoint_usd\"] = bands[\"salary_low_usd\"] + bands[\"salary_high_usd\"] / 2",
         "Brackets matter: add low and high first, then divide by 2."),
        ("bands = ladder.copy()\n"
         "bands[\"midpoint_usd\"] = (bands[\"salary_high_usd\"] - bands[\"salary_low_usd\"]) / 2",
         "That is half the width of the band; the midpoint is (low + high) / 2."),
        "bands = ladder[[\"level\", \"salary_low_usd\", \"salary_high_usd\"]].copy()",
    ],
)

q5 = ValueProblem(
    "unknown_exam", lesson=LESSON, number=5, setup=SETUP,
    solution="""\
### BEGIN SOLUTION
unknown_exam = list(certs.loc[certs["exam_tag"] == "U", "credential"])
### END SOLUTION
unknown_exam""",
    hints=[
        "The column `exam_tag` says how well the exam facts are verified; \"U\" means unverified.",
        "Pick the rows with `certs[\"exam_tag\"] == \"U\"` and take their `credential` column, "
        "with `.loc[rows, \"credential\"]`; wrap it in `list(...)`.",
    ],
    wrong_answers=[
        ("unknown_exam = list(certs.loc[certs[\"exam_items\"].isna(), \"credential\"])",
         "That lists credentials with no item count. The question asks for exam facts tagged \"U\": "
         "use the `exam_tag` column."),
        ("unknown_exam = list(certs.loc[certs[\"fee_tag\"] == \"U\", \"credential\"])",
         "That uses the fee tag; the question is about the exam: use `exam_tag`."),
    ],
)

q6 = ChoiceProblem(
    "answer_6", lesson=LESSON, number=6, setup=SETUP,
    choices={
        "a": "The 2011 wages are given per hour, not per year",
        "b": "The occupation code and its definition changed in 2018, so the two figures describe different "
             "groups of workers",
        "c": "BLS figures from before 2020 cannot be trusted",
        "d": "Thirteen years is too long a gap to compare any two numbers",
    },
    explanations={
        "a": "Both rows give annual figures (`median_annual_usd`).",
        "b": "Code 29-2071 also covered technologists and registrars; since 2018 the figures are for 29-2072, "
             "Medical Records Specialists. Label the two series and never join them silently.",
        "c": "The 2011 figure was checked on the BLS page itself (tag V). The problem is what it measures.",
        "d": "Long comparisons are fine when both numbers measure the same thing (and, ideally, are adjusted "
             "for inflation).",
    },
    solution="""\
### BEGIN SOLUTION
answer_6 = "b"
### END SOLUTION""",
    hints=[
        "Compare the `soc_code` and `occupation_definition` columns of the 2011 and 2024 rows.",
        "The data package says the occupation code changed in 2018. Does 29-2071 cover the same jobs as 29-2072?",
    ],
    wrong_answers=['answer_6 = "c"', 'answer_6 = "a"'],
)

#: Every problem of the workbook, in order.
PROBLEMS = [q1, q2, q3, q4, q5, q6]
