"""Charts for the course: each function takes data and returns a figure.

Every chart has a title, labeled axes with units and a source line at the
bottom, and uses the color-blind-safe Okabe-Ito palette (:data:`PALETTE`).
Figures are made with :class:`matplotlib.figure.Figure`, never with
``matplotlib.pyplot``, so nothing global changes and no figure is left open.
A notebook cell that ends with a chart call shows the picture
(:class:`CourseFigure` draws itself as an image with alternative text and a
one-line caption); widgets use :func:`picture` and show it in a
``helpers.widgets.base.ChartView``.

>>> from helpers.data import load, cite
>>> fig = salary_ladder(load("career_ladder"), cite("career_ladder"))
>>> fig.axes[0].get_xlabel()
'Annual salary (US$)'
>>> to_png(fig)[:4]
b'\\x89PNG'
"""
from .base import PALETTE, PROJECTION_DPI, CourseFigure, Picture, money, picture, smallest_text_px, to_png
from .career import bars, growth_projections, salary_ladder, wage_trend
from .intro import SkillsProfileRenderer, course_map, skills_profile
from .pay import industry_wages, percentile_spread, state_wages
from .education import timeline  # lessons 02 and 17
from .quality import quality_findings  # lesson 08
from .audit import deficiency_chart, duplicate_rate_chart, error_type_chart  # lesson 12

__all__ = ["PALETTE", "PROJECTION_DPI", "CourseFigure", "Picture", "picture", "smallest_text_px", "to_png", "money", "salary_ladder", "wage_trend", "bars",
           "skills_profile", "course_map", "growth_projections"]
__all__ += ["timeline"]
__all__ += ["percentile_spread", "industry_wages", "state_wages"]  # lesson 15
__all__ += ["SkillsProfileRenderer"]  # fast redraws for the lesson 01 widget
__all__ += ["quality_findings"]  # lesson 08
__all__ += ["duplicate_rate_chart", "error_type_chart", "deficiency_chart"]  # lesson 12
from .exam import coverage_chart, domain_scores_chart  # lesson 18

__all__ += ["coverage_chart", "domain_scores_chart"]  # lesson 18
