"""helpers.charts.pay: the percentile spread and the industry and state charts, on real data and edge cases."""
import pandas as pd
import pytest

from helpers import charts
from helpers.data import cite, load, source

from test_charts import check_figure, texts, tick_texts


def by_gid(ax, gid):
    return [a for a in ax.lines + ax.patches + ax.texts if a.get_gid() == gid]


def test_percentile_spread_real_data():
    wages = load("bls_wages")
    fig = charts.percentile_spread(wages, cite("bls_wages"))
    ax = check_figure(fig, cite("bls_wages"), xunit="US$")
    assert ax.get_title() == "How spread out the wages are: BLS percentiles by period"
    assert ax.get_ylabel() == "BLS reference period"
    assert tick_texts(ax) == [f"{p}\ncode {c}, tag {t}" for p, c, t in
                              zip(wages["reference_period"], wages["soc_code"], wages["tag"])]
    assert len(by_gid(ax, "median")) == 5
    assert len(by_gid(ax, "p10-p90")) == 2  # May 2011 and May 2023 have both ends
    assert len(by_gid(ax, "p25-p75")) == 1  # only May 2011 has the quartiles
    assert len(by_gid(ax, "p10")) == 2 and len(by_gid(ax, "p75")) == 1
    notes = [t.get_text() for t in by_gid(ax, "unknown")]
    assert notes == ["unknown: p10, p25, p75, p90"] * 2 + ["unknown: p25, p75", "unknown: p10, p25, p75, p90"]
    assert "median $33,310" in texts(ax) and "p90 $77.8k" in texts(ax)
    # nothing is drawn beyond the known values: the widest line ends at the largest p90
    assert max(max(line.get_xdata()) for line in by_gid(ax, "p10-p90")) == wages["p90_annual_usd"].max()


def test_percentile_spread_one_row_and_missing_values():
    one = load("bls_wages").iloc[[3]].copy()
    one["p90_annual_usd"] = pd.NA  # now only p10 and the median are known
    fig = charts.percentile_spread(one, "Source: test")
    ax = check_figure(fig, "Source: test")
    assert len(by_gid(ax, "median")) == 1 and by_gid(ax, "p10-p90") == [] and by_gid(ax, "p25-p75") == []
    assert [t.get_text() for t in by_gid(ax, "unknown")] == ["unknown: p25, p75, p90"]
    empty = one.assign(median_annual_usd=pd.NA, p10_annual_usd=pd.NA, soc_code=pd.NA)
    ax = check_figure(charts.percentile_spread(empty, "Source: test"), "Source: test")
    assert by_gid(ax, "median") == [] and "code unknown" in tick_texts(ax)[0]
    assert [t.get_text() for t in by_gid(ax, "unknown")] == ["unknown: p10, p25, median, p75, p90"]


def test_percentile_spread_bad_input():
    with pytest.raises(ValueError, match="p25_annual_usd"):
        charts.percentile_spread(load("bls_wages").drop(columns="p25_annual_usd"), "Source: x")
    with pytest.raises(ValueError, match="empty"):
        charts.percentile_spread(load("bls_wages").iloc[0:0], "Source: x")
    with pytest.raises(ValueError, match="source"):
        charts.percentile_spread(load("bls_wages"), "")


def test_industry_wages_real_data_and_highlight():
    table = load("wages_by_industry")
    title = source("wages_by_industry")["title"]
    fig = charts.industry_wages(table, cite("wages_by_industry"), title=title, highlight="Offices of physicians")
    ax = check_figure(fig, cite("wages_by_industry"), xunit="US$")
    assert ax.get_title() == title and ax.get_ylabel() == "Industry"
    assert len(ax.patches) == len(table)
    assert tick_texts(ax)[1] == "Offices of physicians\n(40,970 jobs)"
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["Offices of physicians\n(40,970 jobs)"]
    assert "$30,120" in texts(ax)
    with pytest.raises(ValueError, match="not one of the industries"):
        charts.industry_wages(table, "Source: x", highlight="Casinos")


def test_industry_wages_one_row_and_missing_values():
    table = load("wages_by_industry").iloc[[0]].copy()
    table.loc[0, ["employment", "mean_annual_usd"]] = pd.NA
    ax = check_figure(charts.industry_wages(table, "Source: test"), "Source: test")
    assert len(ax.patches) == 0 and "unknown" in texts(ax)
    assert tick_texts(ax)[0].endswith("(jobs unknown)")


def test_state_wages_real_and_missing():
    table = load("wages_by_state")
    ax = check_figure(charts.state_wages(table, cite("wages_by_state")), cite("wages_by_state"), xunit="US$")
    assert tick_texts(ax)[:2] == ["New Jersey (NJ)", "California (CA)"] and len(ax.patches) == 5
    one = table.iloc[[1]].assign(mean_annual_usd=pd.NA, state_code=pd.NA)
    ax = check_figure(charts.state_wages(one, "Source: test"), "Source: test")
    assert tick_texts(ax) == ["California"] and len(ax.patches) == 0 and "unknown" in texts(ax)
    with pytest.raises(ValueError, match="mean_annual_usd"):
        charts.state_wages(table.drop(columns="mean_annual_usd"), "Source: x")
