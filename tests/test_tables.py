"""The one table display (helpers.tables.show): nothing cut off, missing shown as words, figures rounded."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import data, tables

LONG = "category with subcodes: not billable, add characters until the code is complete (for example a 7th)"


def test_long_text_is_shown_whole_where_pandas_would_cut_it():
    frame = pd.DataFrame({"code": ["S62.5"], "reason": [LONG]})
    assert "..." in frame._repr_html_()  # pandas' own notebook display cuts it: the reason this helper exists
    shown = tables.show(frame)
    assert LONG in shown._repr_html_().replace("&#x27;", "'") and LONG in str(shown) and "..." not in str(shown)
    assert "white-space:normal" in shown._repr_html_()


def test_short_words_never_break_and_only_a_very_long_word_may():
    html = tables.show(pd.DataFrame({"seq": [1], "role": ["secondary"], "note": ["x" * 30]}))._repr_html_()
    cells = html.split("<td")[1:]
    assert "overflow-wrap:normal" in cells[1] and "overflow-wrap:anywhere" in cells[2]


def test_missing_values_read_as_words_never_na_or_nan():
    frame = pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": [None, "x"], "c": [float("nan"), 2.5],
                          "d": pd.to_datetime(["2024-01-02", None])})
    text, page = str(tables.show(frame)), tables.show(frame)._repr_html_()
    for bad in ("<NA>", "nan", "NaT", "None", "&lt;NA&gt;"):
        assert bad not in text and bad not in page
    assert text.count("unknown") == 4 and "2024-01-02" in text
    assert str(tables.show(frame, missing="not recorded")).count("not recorded") == 4


@pytest.mark.parametrize("column, value, shown", [
    ("median_annual_usd", 46660.4, "$46,660"), ("hourly_wage", 22.43, "$22"), ("occupancy_percent", 85.04, "85.0%"),
    ("gross_death_rate", 3.685792349726776, "3.7%"), ("stay_days", 4.25, "4.2"), ("score", 3.685792349726776, "3.69"),
    ("year", 2024, "2024"), ("n", 12000, "12000"),
])
def test_figures_are_rounded_to_what_they_mean(column, value, shown):
    assert str(tables.show(pd.DataFrame({column: [value]}))).splitlines()[1].strip() == shown


def test_a_kind_can_be_said_outright_and_a_wrong_kind_is_named():
    assert "$1,234" in str(tables.show(pd.DataFrame({"x": [1234.4]}), formats={"x": "money"}))
    with pytest.raises(ValueError, match="Unknown kind.*dollars.*money"):
        tables.show(pd.DataFrame({"x": [1]}), formats={"x": "dollars"})


def test_a_long_table_says_what_it_leaves_out_and_an_empty_one_says_so():
    shown = str(tables.show(pd.DataFrame({"n": range(100)}), max_rows=10))
    assert shown.endswith("Showing the first 10 of 100 rows.") and len(shown.splitlines()) == 12
    assert "No rows to show." in str(tables.show(pd.DataFrame({"n": []})))


def test_a_wide_short_table_is_turned_on_its_side():
    wide = pd.DataFrame([{f"column_{i}": i for i in range(10)}])
    turned = tables.show(wide)
    assert turned.header == ["column", "row 1"] and len(turned.rows) == 10
    assert tables.show(wide, transpose=False).header[0] == "column_0"
    assert tables.show(wide.head(0)).header[0] == "column_0"  # nothing to turn


def test_bad_input_gets_a_message():
    with pytest.raises(ValueError, match="takes a table"):
        tables.show([1, 2, 3])
    with pytest.raises(ValueError, match="max_rows must be a whole number"):
        tables.show(pd.DataFrame({"a": [1]}), max_rows=0)


def test_every_course_table_shows_without_na_or_truncation():
    for name in data.names():
        frame = data.load(name)
        shown = tables.show(frame, max_rows=len(frame) or 1)
        text = str(shown)
        assert "<NA>" not in text and "nan" not in text.split() and "NaT" not in text, name
        assert len(shown.rows) == (len(frame) if len(frame) > 0 else 0) or shown.header[0] == "column", name


def test_row_labels_are_shown_when_they_mean_something():
    counts = pd.DataFrame({"kind": ["prefix", "suffix", "prefix"], "tag": ["V", "U", "U"]}).groupby(["kind", "tag"]).size()
    assert tables.show(counts.unstack(fill_value=0)).header[0] == "kind"
    filtered = pd.DataFrame({"n": range(10)})
    assert tables.show(filtered[filtered["n"] > 5]).header == ["n"]  # row numbers left over from a filter mean nothing
    assert tables.show(filtered, index=True).header == ["index", "n"]


def test_whole_days_and_percents_stay_whole():
    shown = str(tables.show(pd.DataFrame({"stay_days": [4, 12], "growth_percent": [7, 5]})))
    assert shown.splitlines()[1].split() == ["4", "7%"]


def test_long_names_may_break_at_underscores_and_highlighted_columns_are_shaded():
    frame = pd.DataFrame({"deficiencies": ["discharge_summary_missing"], "ssn": ["900-00-0001"], "zip": ["02134"]})
    page = tables.show(frame, highlight={"ssn"})._repr_html_()
    assert "discharge_<wbr>summary_<wbr>missing" in page and ">zip<" in page  # short words are left whole
    assert page.count(tables._MARK) == 1
    turned = tables.show(pd.DataFrame([{f"c{i}": i for i in range(9)}]), highlight={"c3"})
    assert turned.marked[3] == [True, True] and not any(turned.marked[2])
