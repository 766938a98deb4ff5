"""Problems for exercise workbook 04, Medical terminology.

The workbook's setup cell imports them: ``from helpers.checks.lesson04 import q1, q2, q3, q4, q5``.
Expected answers are computed by running each solution on the course's ``word_parts`` table and
on the ICD-10-CM descriptions of the codes in ``synthetic_diagnoses`` (synthetic records: no row
describes a real patient).

>>> q2.label, q2.name
('Question 2', 'attach_suffix')
>>> q5.check(value="b").outcome
'correct'
"""
from __future__ import annotations

from .problems import ChoiceProblem, FunctionProblem, ValueProblem

__all__ = ["LESSON", "SETUP", "PROBLEMS", "q1", "q2", "q3", "q4", "q5"]

LESSON = "04"
#: What the workbook has run before the first answer cell (used to compute expected values).
SETUP = """\
from helpers import coding, data, terms
parts = data.load("word_parts")
diagnoses = data.load("synthetic_diagnoses")
checked = coding.validate_icd10cm(list(diagnoses["code"].dropna().unique()))
descriptions = checked.loc[checked["valid"], ["code"]].reset_index(drop=True)
descriptions["description"] = [coding.lookup(code)["description"] for code in descriptions["code"]]
"""

q1 = ValueProblem(
    "skin_forms", lesson=LESSON, number=1, setup=SETUP,
    solution="""\
### BEGIN SOLUTION
skin_forms = list(parts.loc[parts["meaning"] == "skin", "part"])
### END SOLUTION
skin_forms""",
    hints=[
        "Keep the rows of `parts` whose `meaning` is exactly \"skin\", then take their `part` column.",
        "`parts.loc[condition, \"part\"]` picks the column for the rows where the condition is True; the condition "
        "is `parts[\"meaning\"] == \"skin\"`. Wrap the result in `list(...)`.",
    ],
    wrong_answers=[
        ("skin_forms = list(parts.loc[parts[\"system\"] == \"integumentary\", \"part\"])",
         "That is every part of the skin's body system, nails, hair and fat included. Keep only the parts whose "
         "meaning is \"skin\"."),
        ("skin_forms = list(parts.loc[parts[\"meaning\"] == \"skin\", \"example\"])",
         "Those are the example terms; the question asks for the word parts themselves (the `part` column)."),
    ],
)


def _suffix_cases() -> list[tuple]:
    return [("hepat/o", "-megaly"), ("gastr/o", "-itis"), ("arthr/o", "-scopy"), ("nephr/o", "-ectomy"),
            ("cardi/o", "-logy"), ("oste/o", "-oma"), ("neur/o", "-algia"), ("col/o", "-ostomy"),
            ("my/o", "-pathy"), ("mamm/o", "-gram"), ("hem/o", "-rrhage"), ("tonsill/o", "-ectomy"),
            ("laryng/o", "-itis"), ("rhin/o", "-plasty"), ("kal/i", "-emia"), ("thromb/o", "-osis")]


q2 = FunctionProblem(
    "attach_suffix", lesson=LESSON, number=2, setup=SETUP, cases=_suffix_cases,
    solution='''\
def attach_suffix(form, suffix):
    """Join a combining form such as "hepat/o" and a suffix such as "-megaly" into one word."""
    ### BEGIN SOLUTION
    root, vowel = form.split("/")
    ending = suffix.lstrip("-")
    if ending[0] in "aeiou":
        return root + ending
    return root + vowel + ending
    ### END SOLUTION''',
    hints=[
        "Split the combining form at the slash: `root, vowel = form.split(\"/\")`. Remove the dash from the suffix "
        "with `suffix.lstrip(\"-\")`.",
        "If the suffix (without its dash) starts with a vowel, `ending[0] in \"aeiou\"`, return `root + ending`; "
        "otherwise return `root + vowel + ending`.",
    ],
    wrong_answers=[
        ("def attach_suffix(form, suffix):\n"
         "    root, vowel = form.split(\"/\")\n"
         "    return root + vowel + suffix.lstrip(\"-\")",
         "The combining vowel is dropped before a suffix that starts with a vowel: gastr/o + -itis is gastritis."),
        ("def attach_suffix(form, suffix):\n"
         "    root, vowel = form.split(\"/\")\n"
         "    return root + suffix.lstrip(\"-\")",
         "The combining vowel is kept before a suffix that starts with a consonant: hepat/o + -megaly is "
         "hepatomegaly."),
        ("def attach_suffix(form, suffix):\n"
         "    return form.replace(\"/\", \"\") + suffix",
         "Remove the dash of the suffix, and decide whether the vowel stays."),
    ],
)

q3 = ValueProblem(
    "itis_codes", lesson=LESSON, number=3, setup=SETUP,
    solution="""\
### BEGIN SOLUTION
itis_codes = list(descriptions.loc[descriptions["description"].str.contains("itis"), "code"])
### END SOLUTION
itis_codes""",
    hints=[
        "Code descriptions use the medical word, so look for the suffix itself: keep the rows whose `description` "
        "contains the letters \"itis\".",
        "`descriptions[\"description\"].str.contains(\"itis\")` is True for those rows; use it in "
        "`descriptions.loc[..., \"code\"]` and wrap the result in `list(...)`.",
    ],
    wrong_answers=[
        ("itis_codes = list(descriptions.loc[descriptions[\"description\"].str.contains(\"inflammation\"), \"code\"])",
         "The descriptions rarely say \"inflammation\"; they use the suffix -itis. Search for \"itis\"."),
        ("itis_codes = list(descriptions.loc[descriptions[\"description\"].str.contains(\"osis\"), \"code\"])",
         "-osis is an abnormal condition; inflammation is -itis."),
    ],
)

q4 = ValueProblem(
    "term_4", lesson=LESSON, number=4, setup=SETUP,
    solution="""\
### BEGIN SOLUTION
term_4 = terms.build_term("gastr/o", "enter/o", "-itis")
### END SOLUTION
term_4""",
    hints=[
        "The parts are gastr/o (stomach), enter/o (small intestine) and -itis (inflammation), in that order.",
        "Between two combining forms the vowel stays, even before a vowel; before -itis it goes. You can check "
        "with `terms.build_term(\"gastr/o\", \"enter/o\", \"-itis\")`.",
    ],
    wrong_answers=[
        ('term_4 = "gastrenteritis"', "Between two combining forms the combining vowel is kept: gastr-o-enter."),
        ('term_4 = "gastroenteroitis"', "Before a suffix that starts with a vowel, such as -itis, the vowel is "
         "dropped."),
    ],
)

q5 = ChoiceProblem(
    "answer_5", lesson=LESSON, number=5, setup=SETUP,
    choices={
        "a": "An incision into the gallbladder",
        "b": "Surgical removal of the gallbladder",
        "c": "Inflammation of the gallbladder",
        "d": "Looking inside the gallbladder with an instrument",
    },
    explanations={
        "a": "An incision is -otomy; -ectomy takes the organ out.",
        "b": "Read the suffix first: -ectomy is surgical removal, and cholecyst/o is the gallbladder.",
        "c": "Inflammation of the gallbladder is cholecystitis; the chart says -ectomy.",
        "d": "Looking inside with an instrument is -scopy.",
    },
    solution="""\
### BEGIN SOLUTION
answer_5 = "b"
### END SOLUTION""",
    hints=[
        "Read the suffix first. Run `terms.decompose(\"cholecystectomy\")` if you want to see the parts.",
        "-ectomy, -otomy and -ostomy differ by one or two letters: removal, cutting into, making an opening.",
    ],
    wrong_answers=['answer_5 = "a"', 'answer_5 = "c"'],
)

#: Every problem of the workbook, in order.
PROBLEMS = [q1, q2, q3, q4, q5]
