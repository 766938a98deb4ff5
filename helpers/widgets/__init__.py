"""Interactive pieces of the lessons: thin ipywidgets layers over ``career`` and ``charts``.

Each builder returns a :class:`Panel` (an ``ipywidgets.VBox``) whose controls
and outputs are attributes, so a test can set a value and read the result the
way a learner would. A callback never lets an exception reach the learner: a
bad entry shows a message inside the widget (see :func:`safe`).

One module per lesson group; everything is re-exported here:

>>> from helpers import widgets
>>> p = widgets.course_planner()
>>> p.controls["hours"].value = "4"
>>> "weeks" in p.result.value
True
"""
from .base import Panel, message, safe, source_note
from .intro import course_planner, faq_browser, responsibility_explorer, skills_self_assessment
from .jobs import interview_cards, job_posting_matcher, thank_you_note_writer  # lesson 14
from .pay import (ladder_stepper, median_explorer, period_comparer, salary_explorer,  # lessons 15, 16
                  specialization_explorer)
from .education import ce_planner, credential_cards, eligibility_checker, path_comparer  # lessons 02-03
from .plan import career_plan, plan_html  # lesson 17
from .coding import case_coder, case_note_html, code_details_html, code_explorer  # lessons 05, 06
from .privacy import roi_deadline_calculator, safe_harbor_viewer  # lesson 10
from .quality import data_entry_checker, entry_html  # lesson 08
from .terms import term_decomposer, term_html, word_part_browser  # lesson 04
from .audit import duplicate_reviewer, pair_html, threshold_explorer  # lesson 12
from .law import breach_walkthrough  # lesson 11
from .exam import practice_exam  # lesson 18
from .revenue import documentation_explorer, query_reviewer  # lesson 07

__all__ = [
    "Panel", "message", "safe", "source_note",
    "course_planner", "responsibility_explorer", "skills_self_assessment", "faq_browser",
]
__all__ += ["path_comparer", "credential_cards", "eligibility_checker", "ce_planner"]
__all__ += ["salary_explorer", "period_comparer", "median_explorer", "ladder_stepper",  # lessons 15, 16
            "specialization_explorer"]
__all__ += ["job_posting_matcher", "interview_cards", "thank_you_note_writer"]  # lesson 14
__all__ += ["career_plan", "plan_html"]
__all__ += ["code_explorer", "code_details_html", "case_coder", "case_note_html"]  # lessons 05, 06
__all__ += ["safe_harbor_viewer", "roi_deadline_calculator"]  # lesson 10
__all__ += ["data_entry_checker", "entry_html"]  # lesson 08
__all__ += ["term_decomposer", "word_part_browser", "term_html"]  # lesson 04
__all__ += ["duplicate_reviewer", "pair_html", "threshold_explorer"]  # lesson 12
__all__ += ["breach_walkthrough"]  # lesson 11
__all__ += ["practice_exam"]  # lesson 18
__all__ += ["documentation_explorer", "query_reviewer"]  # lesson 07
