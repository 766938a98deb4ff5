"""helpers.charts.timeline on the real milestones and on edge cases."""
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from helpers import charts, data
from helpers.career import education
from helpers.charts import CourseFigure
from helpers.charts.education import KIND_COLOURS

SOURCE = data.cite("education_paths")


def _check(fig, source):
    assert isinstance(fig, CourseFigure) and len(fig.axes) == 1
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() == "Date (month and year)" and ax.get_ylabel() == "Milestone"
    found = [t for t in fig.texts if " ".join(t.get_text().split()) == " ".join(source.split())]
    assert len(found) == 1, "source line missing"
    png = charts.to_png(fig, dpi=60)
    assert png.startswith(b"\x89PNG") and len(png) > 3000
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    box = found[0].get_window_extent(renderer)
    assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1 + 1 and box.y0 >= fig.bbox.y0
    assert box.y1 <= ax.get_tightbbox(renderer).y0 + 1, "source line overlaps the chart"
    legend = fig.legends[0].get_window_extent(renderer) if fig.legends else None
    if legend is not None:
        assert legend.x1 <= fig.bbox.x1 + 1 and legend.y0 >= box.y1 - 1, "legend clipped or on the source line"
    return ax


def _bars(ax):
    return [p for p in ax.patches if p.get_width() > 0]


def test_timeline_of_the_certificate_part_time():
    m = education.milestones("Certificate program", "2026-09", "part time")
    ax = _check(charts.timeline(m, SOURCE, title="Certificate"), SOURCE)
    assert ax.get_title() == "Certificate"
    assert [t.get_text() for t in ax.get_yticklabels()] == list(m["milestone"])
    assert len(_bars(ax)) == 2 * len(m)  # solid part and the may-finish-sooner part of each bar
    assert all("Mar 2028–Sep 2028" in t.get_text() for t in ax.texts)
    labels = [t.get_text() for t in ax.figure.legends[0].get_texts()]
    assert labels == ["Study", "Until job-ready", "Until eligible for an exam", "Range: may finish sooner"]


def test_timeline_of_every_path_with_a_highlight():
    m = pd.concat([education.milestones(p, "2026-09") for p in education.path_names()], ignore_index=True)
    ax = _check(charts.timeline(m, SOURCE, highlight="Certificate program"), SOURCE)
    assert len(ax.get_yticklabels()) == len(m)
    bold = [t.get_text() for t in ax.texts if t.get_fontweight() == "bold"]
    assert len(bold) == (m["path"] == "Certificate program").sum()
    faded = [p for p in _bars(ax) if p.get_alpha() is not None and p.get_alpha() < 0.5]
    assert faded, "other paths should be faded"


def test_one_row_and_zero_length_row():
    one = pd.DataFrame({"milestone": ["Job-ready"], "kind": ["job-ready"],
                        "start": [pd.Timestamp("2026-01-01")], "date": [pd.Timestamp("2026-01-01")]})
    ax = _check(charts.timeline(one, "Source: test"), "Source: test")
    assert [t.get_text() for t in ax.texts] == ["Jan 2026 (at the start)"]
    assert not _bars(ax) and len(ax.lines) == 1  # a diamond, not a bar


def test_missing_dates_say_unknown():
    rows = pd.DataFrame({"milestone": ["A", "B"], "kind": ["study", "eligible"],
                         "start": [pd.Timestamp("2026-01-01"), pd.NaT], "date": [pd.Timestamp("2027-01-01"), None]})
    ax = _check(charts.timeline(rows, "Source: test"), "Source: test")
    assert [t.get_text() for t in ax.texts] == ["Jan 2027 (12 months)", "date unknown"]
    assert len(_bars(ax)) == 1 and _bars(ax)[0].get_facecolor()[:3] == pytest.approx(
        tuple(int(KIND_COLOURS["study"][i:i + 2], 16) / 255 for i in (1, 3, 5)))


def test_all_dates_missing():
    rows = pd.DataFrame({"milestone": ["A"], "kind": ["study"], "start": [pd.NaT], "date": [pd.NaT]})
    ax = _check(charts.timeline(rows, "Source: test"), "Source: test")
    assert "no dates to show (all unknown)" in [t.get_text() for t in ax.texts]


@pytest.mark.parametrize("bad, words", [(pd.DataFrame(), "has no column .start."), ("table", "DataFrame")])
def test_bad_tables(bad, words):
    with pytest.raises(ValueError, match=words):
        charts.timeline(bad, "Source: x")


def test_bad_source_and_highlight():
    m = education.milestones("Certificate program", "2026-09")
    with pytest.raises(ValueError, match="source"):
        charts.timeline(m, " ")
    with pytest.raises(ValueError, match="not a path"):
        charts.timeline(m, "Source: x", highlight="Bootcamp")


def test_timeline_of_a_plan_with_unknown_steps():
    from helpers.career.plan import Profile, make_plan
    plan = make_plan(Profile(target=5, hours_per_week=40, start="2027-01"))
    rows = plan.timeline_rows()
    ax = _check(charts.timeline(rows, "Source: plan test", title="Your plan"), "Source: plan test")
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("date unknown") == rows["date"].isna().sum() > 0
    assert len(ax.get_yticklabels()) == len(rows)
    assert any("(month " in t for t in texts)  # a zero-length step after the start says which month
