"""Pure logic behind the career widgets: no ipywidgets, no matplotlib.

Every function takes plain values (or course tables from ``helpers.data``),
returns plain values, and raises ``ValueError`` with a sentence a learner can
act on when the input makes no sense; the widgets show that sentence instead
of a traceback. One module per topic; everything is re-exported here, so
``from helpers import career; career.weeks_to_finish(...)`` works.

>>> from helpers import career
>>> career.weeks_to_finish(600, 3)
4
"""
from .course import RATING_MAX, RATING_MIN, course_minutes, parse_hours, skill_summary, weeks_to_finish
from .jobs import (CREDENTIAL_ALIASES, INTERVIEW_CARDS, MAX_POSTING_CHARS, SAMPLE_POSTINGS, SKILL_KEYWORDS,  # lesson 14
                   InterviewCard, PostingMatch, card_order, match_posting, skills_to_build, thank_you_note)
from .advancing import (ORGANIZATIONS, SPECIALIZATIONS, credential_facts, ladder_step, specialization,  # lesson 16
                        specialization_table)
from .pay import (ANY_SETTING, CREDENTIAL_GROUPS, PERCENTILE_COLUMNS, compare_periods, parse_money, parse_salaries,
                  pay_summary, percent_change, percentile_table, period_changes, place_offer, prospects_summary,
                  salary_sources, usd)
from .education import (EDUCATION_LEVELS, PACES, add_months, cost_per_month, milestones, pace_factor, parse_cost,
                        parse_start, path_names, study_months)
from .credentials import (HOURS_PER_WORK_MONTH, STATUSES, UNKNOWN, Background, ce_due, credential_details,
                          credential_names, current_code, eligibility, parse_months, routes)
from .plan import FULL_TIME_HOURS, RULES, Plan, PlanStep, Profile, make_plan, save_plan

__all__ = ["RATING_MIN", "RATING_MAX", "parse_hours", "weeks_to_finish", "course_minutes", "skill_summary"]
__all__ += [  # lesson 15, pay and outlook
    "CREDENTIAL_GROUPS", "ANY_SETTING", "PERCENTILE_COLUMNS", "usd", "percent_change", "parse_money",
    "parse_salaries", "pay_summary", "salary_sources", "place_offer", "percentile_table",
    "compare_periods", "period_changes", "prospects_summary",
]
__all__ += ["SPECIALIZATIONS", "ORGANIZATIONS", "specialization", "specialization_table", "credential_facts",  # lesson 16
            "ladder_step"]
__all__ += ["PACES", "EDUCATION_LEVELS", "path_names", "pace_factor", "study_months", "parse_start",  # lesson 02
            "add_months", "milestones", "parse_cost", "cost_per_month"]
__all__ += ["SKILL_KEYWORDS", "CREDENTIAL_ALIASES", "MAX_POSTING_CHARS", "SAMPLE_POSTINGS", "PostingMatch",  # lesson 14
            "match_posting", "skills_to_build", "InterviewCard", "INTERVIEW_CARDS", "card_order", "thank_you_note"]
__all__ += ["UNKNOWN", "HOURS_PER_WORK_MONTH", "STATUSES", "Background", "credential_names",  # lesson 03
            "current_code", "credential_details", "parse_months", "routes", "eligibility", "ce_due"]
__all__ += ["FULL_TIME_HOURS", "RULES", "Profile", "PlanStep", "Plan", "make_plan", "save_plan"]  # lesson 17
