"""Every course chart is readable at 1024 px and on a projector, in colours a colour-blind learner can
tell apart, and says in words what it shows (alternative text and caption).

The browser check measures the text as actually shown in JupyterLab (scaled to the column); these
tests check each chart as drawn, so a new chart that breaks a rule fails here first.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest
from matplotlib.colors import to_hex, to_rgba_array
from matplotlib.markers import MarkerStyle

from helpers import charts, data, exam
from helpers.charts import PALETTE, CourseFigure, Picture, picture, smallest_text_px
from helpers.charts.base import _DPI
from helpers.widgets import base as widget_base

MIN_PX = 10.0
#: Width in px of JupyterLab's notebook column in a 1024 px window (measured by the browser check: a
#: 900 px chart is shown at 91% of its size). Wider charts shrink to it, and their text with them.
COLUMN_AT_1024 = 820


def shown_px(fig) -> float:
    """The smallest text of ``fig`` as shown in the notebook column at 1024 px."""
    width = fig.get_figwidth() * _DPI
    return smallest_text_px(fig, _DPI) * min(1.0, COLUMN_AT_1024 / width)


def _lesson_charts() -> dict[str, CourseFigure]:
    """Each chart the lessons draw, made as the lessons make it."""
    wages = data.load("bls_wages")
    projections = data.load("growth_projections")  # as lesson 15 charts them: one occupation code
    same_workers = projections[projections["soc_code"] == projections.sort_values("start_year")["soc_code"].iloc[-1]]
    found = pd.DataFrame({"table": ["patients", "patients", "diagnoses"], "row_id": ["P1", "P2", "E1:1"],
                          "column": ["zip", "phone", "code"], "kind": ["malformed_zip", "malformed_phone", "invalid_code"]})
    deficiencies = pd.DataFrame({"deficiency": ["a", "a", "b"], "keeps_open": [True, True, False],
                                 "description": ["Unsigned note", "Unsigned note", "Missing discharge summary"]})
    milestones = pd.DataFrame({"milestone": ["Program", "RHIT exam", "Job-ready"], "kind": ["study", "exam", "job-ready"],
                               "start": pd.to_datetime(["2027-01-01"] * 3),
                               "date": pd.to_datetime(["2029-01-01", "2029-03-01", "2029-03-01"])})
    return {
        "course_map": charts.course_map(data.load("lessons"), data.cite("lessons")),
        "bars": charts.bars(["RHIT", "CCA", "CCS"], [2, 1, None], title="Credentials", xlabel="Count",
                            source=data.cite("certifications"), value_format="{:.0f}"),
        "skills_profile": charts.skills_profile(["Coding", "Privacy"], [2, 4], data.cite("skills")),
        "quality_findings": charts.quality_findings(found, data.cite("synthetic_patients")),
        "deficiency_chart": charts.deficiency_chart(deficiencies, "Source: synthetic example"),
        "duplicate_rate_chart": charts.duplicate_rate_chart(5.0, data.load("mpi_facts"), source=data.cite("mpi_facts")),
        "error_type_chart": charts.error_type_chart(
            pd.DataFrame({"label": ["Middle name differs", "Moved"], "share_pct": [60.0, 30.0],
                          "published_pct": [58.3, None]}), "Source: example"),
        "salary_ladder": charts.salary_ladder(data.load("career_ladder"), data.cite("career_ladder"), highlight=2),
        "wage_trend": charts.wage_trend(wages, data.cite("bls_wages")),
        "percentile_spread": charts.percentile_spread(wages, data.cite("bls_wages")),
        "industry_wages": charts.industry_wages(data.load("wages_by_industry"), data.cite("wages_by_industry")),
        "state_wages": charts.state_wages(data.load("wages_by_state"), data.cite("wages_by_state")),
        "growth_projections": charts.growth_projections(same_workers, data.cite("growth_projections")),
        "timeline": charts.timeline(milestones, data.cite("education_paths"), title="Example plan"),
        "coverage_chart": charts.coverage_chart(exam.coverage(), data.cite("exam_map")),
        "domain_scores_chart": charts.domain_scores_chart(
            pd.DataFrame({"name": exam.domains()["name"], "questions": [6, 4, 4, 4, 4, 3],
                          "correct": [5, 2, 4, 0, 3, 3], "percent": [83.3, 50.0, 100.0, 0.0, 75.0, 100.0]}),
            data.cite("exam_questions")),
    }


@pytest.fixture(scope="module")
def lesson_charts() -> dict[str, CourseFigure]:
    return _lesson_charts()


def test_every_public_chart_is_covered(lesson_charts):
    public = {name for name in charts.__all__ if callable(getattr(charts, name)) and name[0].islower()}
    not_charts = {"to_png", "money", "picture", "smallest_text_px"}
    assert public - not_charts <= set(lesson_charts), public - not_charts - set(lesson_charts)


@pytest.mark.parametrize("name", sorted(_lesson_charts()))
def test_smallest_text_is_at_least_10_px(lesson_charts, name):
    px = shown_px(lesson_charts[name])
    assert px >= MIN_PX, f"{name}: smallest text {px:.1f} px when shown at 1024 px"


def test_text_size_check_fails_on_small_text():
    fig = CourseFigure(figsize=(9, 1))
    fig.text(0.1, 0.5, "legible", fontsize=10)
    assert shown_px(fig) >= MIN_PX
    fig.text(0.5, 0.5, "too small", fontsize=7.5)  # 10.4 px as drawn, 9.5 px once shrunk to the column
    assert smallest_text_px(fig, _DPI) >= MIN_PX > shown_px(fig)
    fig.texts[-1].set_visible(False)  # hidden text is not shown, so it does not count
    assert shown_px(fig) >= MIN_PX


_NEUTRAL = re.compile(r"^#(..)\1\1$")  # greys, black and white: red, green and blue equal


def _colours(fig) -> set[str]:
    """Every colour that fills or outlines a bar, patch or marker, or draws a line (transparent ones
    left out)."""
    found = set()

    def add(colours) -> None:
        rgba = to_rgba_array(colours) if len(colours) else []
        found.update(to_hex(c, keep_alpha=False) for c in rgba if c[3] > 0)

    for ax in fig.axes:
        for artist in list(ax.patches) + list(ax.collections):
            add(artist.get_facecolor())
            add(artist.get_edgecolor())
        for line in ax.lines:
            if line.get_linestyle() not in ("None", "none", ""):
                add([line.get_color()])
            if line.get_marker() not in (None, "None", "none", "", " "):
                filled = MarkerStyle(line.get_marker()).is_filled()  # "_" or "|" have no face to fill
                add([line.get_markeredgecolor()] + ([line.get_markerfacecolor()] if filled else []))
    return {c.lower() for c in found}


def _off_palette(colours: set[str]) -> set[str]:
    allowed = {c.lower() for c in PALETTE.values()}
    return {c for c in colours if c not in allowed and not _NEUTRAL.match(c)}


@pytest.mark.parametrize("name", sorted(_lesson_charts()))
def test_colours_come_from_the_colour_blind_safe_palette(lesson_charts, name):
    off = _off_palette(_colours(lesson_charts[name]))
    assert not off, f"{name} uses colours outside the Okabe-Ito palette: {sorted(off)}"


def test_palette_check_fails_on_a_red_green_pair():
    fig = CourseFigure()
    ax = fig.add_subplot()
    ax.bar([0, 1], [1, 2], color=["#ff0000", "#00ff00"])
    assert _off_palette(_colours(fig)) == {"#ff0000", "#00ff00"}


@pytest.mark.parametrize("name", sorted(_lesson_charts()))
def test_every_chart_says_what_it_shows(lesson_charts, name):
    fig = lesson_charts[name]
    text = fig.describe()
    assert text.startswith("Chart: ") and len(text) > 20, text
    page = fig._repr_html_()
    assert f"alt='{text[:30]}" in page.replace("&#x27;", "'") and "<figcaption" in page
    assert re.search(r"data-min-text-px='\d+\.\d'", page)


def test_bar_and_trend_descriptions_carry_the_values(lesson_charts):
    assert "5. Director of Health Information Management: $75k–$100k+" in lesson_charts["salary_ladder"].describe()
    wages = data.load("bls_wages").dropna(subset=["median_annual_usd"]).sort_values("year")
    first = wages.iloc[0]
    assert f"{first.year:.0f}: ${first.median_annual_usd:,.0f}" in lesson_charts["wage_trend"].describe()
    assert "RHIT: 2" in lesson_charts["bars"].describe() and "CCS" not in lesson_charts["bars"].describe()


def test_chart_view_shows_an_image_with_alternative_text_and_hides():
    view = widget_base.ChartView()
    fig = charts.salary_ladder(data.load("career_ladder"), data.cite("career_ladder"))
    shown = picture(fig)
    view.show(shown)
    assert view.png.startswith(b"\x89PNG") and view.layout.display is None
    assert "alt='Chart: Career ladder" in view.value and "<figcaption" in view.value
    view.hide()
    assert view.layout.display == "none"
    assert isinstance(shown, Picture) and shown.min_text_px >= MIN_PX


def test_widget_charts_are_described_images():
    """The four widgets with a chart draw it as an HTML image whose alternative text says what it shows."""
    from helpers import widgets

    panels = {"skills": widgets.skills_self_assessment(use_saved=False), "ladder": widgets.ladder_stepper(),
              "education": widgets.path_comparer(), "plan": widgets.career_plan()}
    for name, panel in panels.items():
        assert isinstance(panel.chart, widget_base.ChartView), name
        assert panel.chart.png.startswith(b"\x89PNG"), name
        alt = re.search(r"alt='([^']*)'", panel.chart.value).group(1)
        assert alt.startswith("Chart: ") and len(alt) > 40, (name, alt)
        assert float(re.search(r"data-min-text-px='([\d.]+)'", panel.chart.value).group(1)) >= MIN_PX, name
