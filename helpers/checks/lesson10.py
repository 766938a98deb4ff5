"""Problems for exercise workbook 10, Privacy, HIPAA and release of information.

The workbook's setup cell imports them: ``from helpers.checks.lesson10 import q1, q2, q3, q4``.
Expected answers are computed by running each solution on the course data: the
SYNTHETIC request log of ``helpers.release.request_log`` (no row is a real request), the
synthetic patients, and the periods in ``privacy_rules``.

>>> q1.label, q1.name
('Question 1', 'overdue_open')
>>> q4.check(value="b").outcome
'correct'
"""
from __future__ import annotations

from .problems import ChoiceProblem, FunctionProblem, ValueProblem

__all__ = ["LESSON", "SETUP", "PROBLEMS", "q1", "q2", "q3", "q4"]

LESSON = "10"
#: What the workbook has run before the first answer cell (used to compute expected values).
SETUP = """\
import pandas as pd
from helpers import data, deid, release
rules = data.load("privacy_rules")
log = release.request_log(n=300, seed=2026, extract_date="2026-01-01")
checked = release.status(log)
patients = data.load("synthetic_patients")
"""

q1 = ValueProblem(
    "overdue_open", lesson=LESSON, number=1, setup=SETUP,
    solution="""\
### BEGIN SOLUTION
overdue_open = int((checked["status"] == "open, overdue").sum())
### END SOLUTION
overdue_open""",
    hints=[
        "`checked` has a `status` column. The requests you want are the ones whose status is exactly "
        "\"open, overdue\".",
        "Compare the column with the text, then count the Trues: "
        "`(checked[\"status\"] == \"open, overdue\").sum()`.",
    ],
    wrong_answers=[
        ("overdue_open = int(checked[\"fulfilled_date\"].isna().sum())",
         "That counts every open request, including those still within their deadline and those with no federal "
         "deadline. Keep only the status \"open, overdue\"."),
        ("overdue_open = int(checked[\"status\"].isin([\"open, overdue\", \"fulfilled late\"]).sum())",
         "Requests fulfilled late are closed now; count only the open ones that are past their due date."),
    ],
)


def _due_cases() -> list[tuple]:
    import pandas as pd

    from helpers import release

    days = release.access_periods()["days"]
    t = pd.Timestamp
    cases: list[tuple] = []
    for received in ["2024-01-31", "2024-02-29", "2023-02-28", "2024-12-31", "2025-06-30", "2023-01-31",
                     "2024-02-01", "2100-02-28"]:
        start = t(received)
        first_due = start + pd.Timedelta(days=days)
        cases.append((start, None))
        cases.append((start, start))                                      # notice sent the same day
        cases.append((start, first_due))                                  # on the last day of the first period
        cases.append((start, first_due + pd.Timedelta(days=1)))           # one day too late
        cases.append((start, start + pd.Timedelta(days=days // 2)))       # well within the period
    return cases


_PERIODS = ("access_days = int(rules.loc[rules[\"rule_id\"] == \"access_days\", \"value\"].iloc[0])\n"
            "extension_days = int(rules.loc[rules[\"rule_id\"] == \"access_extension_days\", \"value\"].iloc[0])\n")

q2 = FunctionProblem(
    "due_date", lesson=LESSON, number=2, setup=SETUP, cases=_due_cases,
    solution='''\
access_days = int(rules.loc[rules["rule_id"] == "access_days", "value"].iloc[0])
extension_days = int(rules.loc[rules["rule_id"] == "access_extension_days", "value"].iloc[0])


def due_date(received, extension_notice=None):
    """The date by which a right-of-access request received on `received` must be acted on."""
    ### BEGIN SOLUTION
    first_due = received + pd.Timedelta(days=access_days)
    if extension_notice is not None and extension_notice <= first_due:
        return first_due + pd.Timedelta(days=extension_days)
    return first_due
    ### END SOLUTION''',
    hints=[
        "First work out the first due date: `received + pd.Timedelta(days=access_days)`. Calendar days, not months. "
        "Then decide whether the extension applies.",
        "The extension applies only when a notice was sent (`extension_notice is not None`) and it was sent on or "
        "before the first due date (`extension_notice <= first_due`). Then add `pd.Timedelta(days=extension_days)`.",
    ],
    wrong_answers=[
        (_PERIODS + "def due_date(received, extension_notice=None):\n"
         "    first_due = received + pd.DateOffset(months=1)\n"
         "    if extension_notice is not None and extension_notice <= first_due:\n"
         "        return first_due + pd.DateOffset(months=1)\n"
         "    return first_due",
         "The rule counts days, not months: a month is not always the same number of days. Use "
         "`pd.Timedelta(days=access_days)`."),
        (_PERIODS + "def due_date(received, extension_notice=None):\n"
         "    first_due = received + pd.Timedelta(days=access_days)\n"
         "    if extension_notice is not None:\n"
         "        return first_due + pd.Timedelta(days=extension_days)\n"
         "    return first_due",
         "A notice sent after the first due date does not extend it: check when the notice was sent."),
        (_PERIODS + "def due_date(received, extension_notice=None):\n"
         "    first_due = received + pd.Timedelta(days=access_days)\n"
         "    if extension_notice is not None and extension_notice < first_due:\n"
         "        return first_due + pd.Timedelta(days=extension_days)\n"
         "    return first_due",
         "A notice sent on the first due date itself is still in time: use `<=`."),
    ],
)

q3 = ValueProblem(
    "surviving", lesson=LESSON, number=3, setup=SETUP, ordered=False,
    solution="""\
shared = patients.drop(columns=["first_name", "middle_name", "last_name", "address", "ssn"])
kinds = deid.declared_columns()
### BEGIN SOLUTION
surviving = [column for column in shared.columns if kinds.get(column) not in (None, "code")]
### END SOLUTION
surviving""",
    hints=[
        "`kinds` maps each column name to its identifier kind: None for a column that identifies no one, \"code\" "
        "for ids the extract assigns itself (Safe Harbor keeps those). Every other kind is an identifier.",
        "Go through `shared.columns` and keep a column when `kinds.get(column)` is neither None nor \"code\": "
        "`[column for column in shared.columns if kinds.get(column) not in (None, \"code\")]`.",
    ],
    wrong_answers=[
        ("shared = patients.drop(columns=[\"first_name\", \"middle_name\", \"last_name\", \"address\", \"ssn\"])\n"
         "kinds = deid.declared_columns()\n"
         "surviving = [column for column in shared.columns if kinds.get(column) is not None]",
         "patient_id is a code the extract assigns, not derived from the patient: Safe Harbor keeps it. "
         "Leave out the kind \"code\"."),
        ("surviving = [\"phone\", \"email\"]",
         "Some identifiers are less obvious: a medical record number, a health plan id, a city, a full ZIP code and "
         "a full birth date all identify a person too."),
    ],
)

q4 = ChoiceProblem(
    "answer_4", lesson=LESSON, number=4, setup=SETUP,
    choices={
        "a": "Only the most recent visit, because minimum necessary limits every release",
        "b": "What she asked for: minimum necessary does not apply to disclosures to the patient herself",
        "c": "Nothing until she signs an authorization form",
        "d": "A de-identified copy made with Safe Harbor",
    },
    explanations={
        "a": "Minimum necessary has exceptions, and a patient's request for her own records is one of them.",
        "b": "The right of access covers her records; the release is limited by what she asked for, not trimmed "
             "to a minimum (45 CFR 164.502(b)(2)(ii)).",
        "c": "An authorization is how a third party gets records; a patient asking for her own records exercises "
             "her right of access.",
        "d": "A de-identified copy would remove who she is from her own record; she is entitled to the record itself.",
    },
    solution="""\
### BEGIN SOLUTION
answer_4 = "b"
### END SOLUTION""",
    hints=[
        "Look at the `minimum_necessary` table of the lesson: which purposes say the standard does not apply?",
        "The first row of that table is the patient asking for a copy of her own records.",
    ],
    wrong_answers=['answer_4 = "a"', 'answer_4 = "c"'],
)

#: Every problem of the workbook, in order.
PROBLEMS = [q1, q2, q3, q4]
