"""Tests for helpers.charts: every chart on the real course data and on edge cases.

Each test checks something a reader would notice if it broke: the title, the axis
labels and units, the source line (present and not clipped or overlapped), the
number of bars or points, and how missing values are shown.
"""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex

from helpers import charts
from helpers.charts import PALETTE, CourseFigure, to_png
from helpers.data import cite, load

PNG = b"\x89PNG\r\n\x1a\n"


def _flat(text: str) -> str:
    return " ".join(text.split())


def check_figure(fig, source: str, xunit: str | None = None, yunit: str | None = None):
    """The house style every chart must follow; returns the (single) axes."""
    assert isinstance(fig, CourseFigure)
    assert len(fig.axes) == 1
    ax = fig.axes[0]
    assert ax.get_title().strip(), "the chart has no title"
    assert ax.get_xlabel().strip() and ax.get_ylabel().strip(), "an axis is unlabelled"
    if xunit:
        assert xunit in ax.get_xlabel()
    if yunit:
        assert yunit in ax.get_ylabel()
    sources = [t for t in fig.texts if _flat(t.get_text()) == _flat(source)]
    assert len(sources) == 1, f"source line missing from {[t.get_text() for t in fig.texts]}"
    png = to_png(fig)
    assert isinstance(png, bytes) and png.startswith(PNG) and len(png) > 5000
    # Laid out: the source line lies inside the figure, below everything in the axes.
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    box, page = sources[0].get_window_extent(renderer), fig.bbox
    assert page.x0 <= box.x0 and box.x1 <= page.x1 + 1 and page.y0 <= box.y0, "source line clipped"
    assert box.y1 <= ax.get_tightbbox(renderer).y0 + 1, "source line overlaps the chart"
    return ax


def tick_texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def points(ax) -> int:
    return sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))


# -- salary_ladder ----------------------------------------------------------------------------
def test_salary_ladder_real_data():
    ladder = load("career_ladder")
    fig = charts.salary_ladder(ladder, cite("career_ladder"))
    ax = check_figure(fig, cite("career_ladder"), xunit="US$")
    assert len(ax.patches) == len(ladder)
    assert len(ax.images) == int(ladder["open_ended"].sum())  # one fading tail per open range
    assert tick_texts(ax)[0].startswith("1.")  # entry level at the bottom (y = 0)
    assert ax.get_ylim()[0] < ax.get_ylim()[1]
    first = ladder.sort_values("step").iloc[0]
    assert f"${first.salary_low_usd // 1000}k–${first.salary_high_usd // 1000}k" in texts(ax)
    open_labels = [t for t in texts(ax) if t.endswith("+")]
    assert len(open_labels) == int(ladder["open_ended"].sum())
    assert ax.xaxis.get_major_formatter()(45000, 0) == "$45k"


def test_salary_ladder_highlight():
    ladder = load("career_ladder")
    ax = charts.salary_ladder(ladder, cite("career_ladder"), highlight=2).axes[0]
    colours = [to_hex(p.get_facecolor()).upper() for p in ax.patches]
    assert colours.count(PALETTE["vermillion"]) == 1
    assert colours[1] == PALETTE["vermillion"]
    with pytest.raises(ValueError, match="highlight=9"):
        charts.salary_ladder(ladder, cite("career_ladder"), highlight=9)


def test_salary_ladder_one_row_and_missing_values():
    one = load("career_ladder").tail(1)
    ax = check_figure(charts.salary_ladder(one, "Source: test"), "Source: test")
    assert len(ax.patches) == 1
    ladder = load("career_ladder")
    ladder["salary_high_usd"] = ladder["salary_high_usd"].astype("Int64")
    ladder.loc[1, "salary_high_usd"] = pd.NA  # only a lower bound: "$35k+"
    ladder.loc[2, ["salary_low_usd", "salary_high_usd"]] = pd.NA
    ladder.loc[3, "open_ended"] = pd.NA
    ax = check_figure(charts.salary_ladder(ladder, "Source: test"), "Source: test")
    assert len(ax.patches) == len(ladder) - 2
    assert "salary unknown" in texts(ax)
    assert f"${ladder.loc[1, 'salary_low_usd'] // 1000}k+" in texts(ax)


# -- wage_trend -------------------------------------------------------------------------------
def test_wage_trend_real_data():
    wages = load("bls_wages")
    ax = check_figure(charts.wage_trend(wages, cite("bls_wages")), cite("bls_wages"), yunit="US$")
    assert points(ax) == wages["median_annual_usd"].notna().sum()
    codes = wages["soc_code"].nunique()
    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(scatters) == codes
    assert len({to_hex(c.get_facecolor()[0]) for c in scatters}) == codes  # told apart by colour
    assert len({c.get_paths()[0].vertices.tobytes() for c in scatters}) == codes  # ... and by marker
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert all(any(code in entry for entry in legend) for code in wages["soc_code"].unique())
    # No line joins points with different codes.
    code_of = dict(zip(wages["year"].astype(float), wages["soc_code"]))
    joined = [line for line in ax.lines if line.get_linestyle() == "-"]  # not caps, not the marker
    assert joined, "points of the same code should be joined"
    for line in joined:
        assert len({code_of[y] for y in np.asarray(line.get_xdata(), dtype=float)}) == 1
    assert any(set(line.get_xdata()) == {2018} for line in ax.lines)
    assert any("29-2071 → 29-2072" in t for t in texts(ax))
    for row in wages.itertuples():  # every point labelled with its value and tag
        assert any(f"${row.median_annual_usd:,}" in t and f"tag {row.tag}" in t for t in texts(ax))
    whiskers = [c for c in ax.collections if isinstance(c, LineCollection)]
    both = (wages["p10_annual_usd"].notna() & wages["p90_annual_usd"].notna()).sum()
    assert sum(len(c.get_segments()) for c in whiskers) == both > 0
    assert ax.yaxis.get_major_formatter()(50000, 0) == "$50k"


def test_wage_trend_one_row_and_missing_values():
    wages = load("bls_wages")
    ax = check_figure(charts.wage_trend(wages.tail(1), "Source: t"), "Source: t")
    assert points(ax) == 1
    wages.loc[1, "median_annual_usd"] = pd.NA
    wages.loc[2, ["tag", "soc_code"]] = pd.NA
    no_percentiles = wages.drop(columns=["p10_annual_usd", "p90_annual_usd"])
    ax = check_figure(charts.wage_trend(no_percentiles, "Source: t"), "Source: t")
    assert points(ax) == len(wages) - 1
    assert not [c for c in ax.collections if isinstance(c, LineCollection)]
    assert any("tag ?" in t for t in texts(ax))


# -- bars ---------------------------------------------------------------------------------
def test_bars_real_data():
    table = load("wages_by_industry")
    fig = charts.bars(table["industry"], table["mean_annual_usd"], title="Mean wage by industry",
                      xlabel="Mean annual wage (US$)", source=cite("wages_by_industry"),
                      highlight=table["industry"][1])
    ax = check_figure(fig, cite("wages_by_industry"), xunit="US$")
    assert len(ax.patches) == len(table)
    assert [p.get_width() for p in ax.patches] == list(table["mean_annual_usd"])
    assert tick_texts(ax)[0].replace("\n", " ") == table["industry"][0]  # first label at the top
    assert ax.get_ylim()[0] > ax.get_ylim()[1]
    assert f"${table['mean_annual_usd'][0]:,}" in texts(ax)
    assert ax.get_ylabel() == "Industry"
    assert to_hex(ax.patches[1].get_facecolor()).upper() == PALETTE["vermillion"]
    assert to_hex(ax.patches[0].get_facecolor()).upper() == PALETTE["blue"]
    assert ax.xaxis.get_major_formatter()(35000, 0) == "$35k"


def test_bars_one_value_and_missing_values():
    ax = check_figure(charts.bars(["Only"], [7.5], title="T", xlabel="Growth (%)", source="Source: s",
                                  value_format="{:.1f}%"), "Source: s", xunit="%")
    assert len(ax.patches) == 1 and texts(ax) == ["7.5%"]
    assert ax.xaxis.get_major_formatter()(70000, 0) == "70,000"  # not a money axis
    ax = charts.bars(["A", "B", "C"], [10, None, np.nan], title="T", xlabel="Pay (US$)",
                     source="Source: s").axes[0]
    assert len(ax.patches) == 1 and texts(ax).count("unknown") == 2
    with pytest.raises(ValueError, match="3 labels but 2 values"):
        charts.bars(["A", "B", "C"], [1, 2], title="T", xlabel="X", source="Source: s")
    with pytest.raises(ValueError, match="highlight"):
        charts.bars(["A"], [1], title="T", xlabel="X", source="Source: s", highlight="Z")
    with pytest.raises(ValueError, match="numbers"):
        charts.bars(["A"], ["lots"], title="T", xlabel="X", source="Source: s")


# -- skills_profile -------------------------------------------------------------------------
def test_skills_profile_real_skills():
    skills = list(load("skills")["skill"])
    ratings = [i % 6 for i in range(len(skills))]
    fig = charts.skills_profile(skills, ratings, cite("skills"), target=3)
    ax = check_figure(fig, cite("skills"))
    assert ax.get_xlabel() == "Your rating (0 = not yet, 5 = confident)"
    assert len(ax.patches) == len(skills)
    for patch, rating in zip(ax.patches, ratings):
        assert patch.get_width() == rating
        expected = PALETTE["orange"] if rating < 3 else PALETTE["blue"]
        assert to_hex(patch.get_facecolor()).upper() == expected
    target_lines = [ln for ln in ax.lines if list(ln.get_xdata()) == [3, 3]]
    assert len(target_lines) == 1 and target_lines[0].get_linestyle() == "--"
    assert any("Target" in t.get_text() for t in ax.get_legend().get_texts())


def test_skills_profile_one_skill_missing_rating_and_bad_input():
    ax = check_figure(charts.skills_profile(["Coding"], [None], "Source: s"), "Source: s")
    assert len(ax.patches) == 0 and "not rated" in texts(ax)
    with pytest.raises(ValueError, match="2 skills but 1 ratings"):
        charts.skills_profile(["A", "B"], [1], "Source: s")
    for bad in (6, -1, 2.5):
        with pytest.raises(ValueError, match="0 to 5"):
            charts.skills_profile(["A"], [bad], "Source: s")


# -- course_map -----------------------------------------------------------------------------
def test_course_map_real_data():
    lessons = load("lessons")
    ax = check_figure(charts.course_map(lessons, cite("lessons")), cite("lessons"), xunit="Minutes")
    assert len(ax.patches) == 2 * len(lessons)  # reading + exercises for every lesson
    labels = tick_texts(ax)
    assert labels[0] == f"{lessons['number'][0]} {lessons['title'][0]}" == "00 Start here"
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # lesson 00 at the top
    for label, ok, reading in zip(labels, lessons["available"], ax.patches[::2]):
        assert label.endswith("(coming)") != bool(ok)
        assert (reading.get_hatch() is None) == bool(ok)
        assert reading.get_alpha() == (1.0 if ok else 0.35)
    totals = lessons["minutes_reading"] + lessons["minutes_exercises"]
    assert f"{totals.iloc[-1]} min" in texts(ax)
    assert {t.get_text() for t in ax.get_legend().get_texts()} >= {"Reading", "Exercises"}


def test_course_map_one_row_and_missing_values():
    lessons = load("lessons")
    ax = check_figure(charts.course_map(lessons.head(1), "Source: s"), "Source: s")
    assert len(ax.patches) == 2 and tick_texts(ax) == ["00 Start here"]
    lessons.loc[1, "minutes_exercises"] = pd.NA
    lessons.loc[2, ["minutes_reading", "minutes_exercises"]] = pd.NA
    lessons.loc[3, "available"] = pd.NA
    ax = check_figure(charts.course_map(lessons.head(4), "Source: s"), "Source: s")
    assert "minutes unknown" in texts(ax)
    assert any("+ unknown" in t for t in texts(ax))
    assert tick_texts(ax)[3].endswith("(coming)")


# -- growth_projections ---------------------------------------------------------------------
def test_growth_projections_refuses_to_mix_occupation_definitions():
    table = load("growth_projections")
    assert table["soc_code"].nunique() > 1  # the 2019-29 edition counted a broader group
    with pytest.raises(ValueError, match="different occupation definitions") as err:
        charts.growth_projections(table, cite("growth_projections"))
    assert "OOH group: 2019" in str(err.value) and "soc_code" in str(err.value)


def test_growth_projections_real_data():
    table = load("growth_projections")
    table = table[table["soc_code"] == "29-2072"]
    ax = check_figure(charts.growth_projections(table, cite("growth_projections")),
                      cite("growth_projections"), xunit="%")
    assert len(ax.patches) == table["growth_percent"].notna().sum()
    first = table.sort_values("start_year").iloc[0]
    assert tick_texts(ax)[0] == f"{first.start_year}–{str(first.end_year)[-2:]} (tag {first.tag})"
    assert all("(tag " in t for t in tick_texts(ax))
    assert any(t.startswith(f"{first.growth_percent:g}%") for t in texts(ax))


def test_growth_projections_one_row_and_missing_values():
    table = load("growth_projections")
    table = table[table["soc_code"] == "29-2072"].reset_index(drop=True)
    ax = check_figure(charts.growth_projections(table.tail(1), "Source: s"), "Source: s")
    assert len(ax.patches) == 1
    table.loc[0, "growth_percent"] = np.nan
    table.loc[1, "end_year"] = pd.NA
    ax = charts.growth_projections(table, "Source: s").axes[0]
    assert len(ax.patches) == len(table) - 1 and "unknown" in texts(ax)
    assert "–? " in tick_texts(ax)[1]


# -- bad input, shared behaviour ---------------------------------------------------------------
FRAME_CHARTS = [
    (charts.salary_ladder, "career_ladder", "salary_high_usd"),
    (charts.wage_trend, "bls_wages", "median_annual_usd"),
    (charts.course_map, "lessons", "minutes_reading"),
    (charts.growth_projections, "growth_projections", "growth_percent"),
]


@pytest.mark.parametrize("chart, table, column", FRAME_CHARTS)
def test_missing_column_is_named(chart, table, column):
    with pytest.raises(ValueError, match=column):
        chart(load(table).drop(columns=[column]), "Source: s")


@pytest.mark.parametrize("chart, table, column", FRAME_CHARTS)
def test_empty_frame_is_refused(chart, table, column):
    with pytest.raises(ValueError, match="empty"):
        chart(load(table).iloc[:0], "Source: s")
    with pytest.raises(ValueError, match="DataFrame"):
        chart([1, 2, 3], "Source: s")


@pytest.mark.parametrize("chart, table, column", FRAME_CHARTS)
def test_source_is_required(chart, table, column):
    with pytest.raises(ValueError, match="source"):
        chart(load(table), "  ")


def test_long_source_is_wrapped_not_clipped():
    source = "Source: " + "a very long citation " * 20 + "(as of 2024; tag G)"
    fig = charts.bars(["A"], [1], title="T", xlabel="X (US$)", source=source)
    ax = check_figure(fig, source)  # asserts the source line is inside the figure, not clipped
    assert ax is not None
    line = next(t.get_text() for t in fig.texts if "a very long citation" in t.get_text())
    assert line.count("\n") >= 1, "a citation wider than the figure must be wrapped onto more lines"


def test_money_format():
    values = (0, 35000, 2500, 100000, -5000)
    assert [charts.money(v) for v in values] == ["$0", "$35k", "$2.5k", "$100k", "-$5k"]


def test_palette_is_okabe_ito():
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    assert set(PALETTE.values()) >= okabe_ito


def test_png_for_jupyter_and_widgets():
    fig = charts.course_map(load("lessons"), cite("lessons"))
    assert fig._repr_png_().startswith(PNG)
    assert to_png(fig, dpi=50).startswith(PNG)
    assert len(to_png(fig, dpi=50)) < len(to_png(fig, dpi=150))
    IPython = pytest.importorskip("IPython")
    data, _ = IPython.core.formatters.DisplayFormatter().format(fig)
    assert data["image/png"].startswith(PNG)


def test_import_and_use_without_pyplot():
    code = (
        "import sys, helpers.charts as c\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'imported pyplot'\n"
        "from helpers.data import load, cite\n"
        "c.to_png(c.wage_trend(load('bls_wages'), cite('bls_wages')))\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'drawing imported pyplot'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


RCPARAMS_SCRIPT = """
import matplotlib as mpl
from helpers import charts
from helpers.data import cite, load
keys = [k for k in mpl.rcParams if k != "backend"]  # reading 'backend' may resolve it
before = {k: repr(mpl.rcParams[k]) for k in keys}
figs = [
    charts.salary_ladder(load("career_ladder"), cite("career_ladder"), highlight=1),
    charts.wage_trend(load("bls_wages"), cite("bls_wages")),
    charts.bars(["A"], [1.0], title="T", xlabel="X", source="Source: s"),
    charts.skills_profile(["A"], [3], "Source: s"),
    charts.course_map(load("lessons"), cite("lessons")),
    charts.growth_projections(load("growth_projections").tail(1), cite("growth_projections")),
]
for fig in figs:
    charts.to_png(fig)
    fig._repr_png_()
changed = sorted(k for k in keys if repr(mpl.rcParams[k]) != before[k])
assert not changed, f"rcParams changed: {changed}"
"""


def test_rcparams_unchanged():
    # In a fresh process, so that a change made by an earlier test cannot hide a later one.
    done = subprocess.run([sys.executable, "-c", RCPARAMS_SCRIPT], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_chart_is_drawn_once_for_all_its_formats_and_again_after_a_change():
    fig = charts.bars(["a", "b"], [1, 2], title="First", xlabel="x", ylabel="y", source="a source")
    first = fig._repr_png_()
    assert fig._repr_png_() is first and "alt='Chart: First." in fig._repr_html_()
    fig.axes[0].set_title("Second")
    assert fig._repr_png_() != first and "Chart: Second." in fig._repr_html_()
