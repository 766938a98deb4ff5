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

__all__ = [
    "Panel", "message", "safe", "source_note",
    "course_planner", "responsibility_explorer", "skills_self_assessment", "faq_browser",
]
