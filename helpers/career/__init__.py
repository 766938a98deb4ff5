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

__all__ = ["RATING_MIN", "RATING_MAX", "parse_hours", "weeks_to_finish", "course_minutes", "skill_summary"]
