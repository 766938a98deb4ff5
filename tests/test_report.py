"""The capstone's audit report (helpers.report)."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import charts, report


def chart():
    return charts.bars(["invalid", "missing"], [3, 1], title="Code problems", xlabel="Rows", ylabel="Problem",
                       source="Synthetic extract")


def test_markdown_has_every_section_table_and_figure_link():
    r = report.Report("Records audit", author="A. Learner", note="Synthetic.")
    r.section("Coding", "Three codes | were invalid.", table={"invalid": 3, "missing": 1}, figure=chart())
    r.section("Duplicates", "", table=pd.DataFrame({"error": ["ssn", "name"], "pairs": [2, 5]}))
    text = r.markdown()
    assert text.startswith("# Records audit\n\n*A. Learner*\n\nSynthetic.\n")
    assert "## Coding" in text and "## Duplicates" in text
    assert "| invalid | 3 |" in text and "| error | pairs |" in text and "| name | 5 |" in text
    assert "Three codes \\| were invalid." not in text  # text is kept as written, only table cells are escaped
    assert "![Coding](figure-1-coding.png)" in text and "figure-2" not in text


def test_html_embeds_the_chart_and_escapes_text():
    r = report.Report("Audit <draft>").section("Coding", "a < b", figure=chart())
    page = r._repr_html_()
    assert "Audit &lt;draft&gt;" in page and "a &lt; b" in page
    assert page.count("data:image/png;base64,") == 1


def test_save_never_overwrites(tmp_path):
    r = report.Report("Records audit").section("Coding", "ok", figure=chart())
    first = r.save(tmp_path / "audit")
    second = r.save(tmp_path / "audit")
    assert first.name == "audit" and second.name == "audit-2"
    for folder in (first, second):
        assert (folder / "report.md").read_text().startswith("# Records audit")
        assert (folder / "figure-1-coding.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("call, words", [
    (lambda: report.Report(""), "needs a title"),
    (lambda: report.Report("x").section("", "text"), "needs a heading"),
    (lambda: report.Report("x").section("Coding", 3), "should be text"),
    (lambda: report.Report("x").section("Coding", "t", figure="chart.png"), "should be a chart"),
])
def test_bad_input_is_named(call, words):
    with pytest.raises(ValueError, match=words):
        call()


def test_save_into_a_missing_folder_says_what_to_do(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        report.Report("x").save(tmp_path / "nowhere" / "audit")
    assert not (tmp_path / "nowhere").exists()


def test_an_unfinished_result_becomes_a_note_not_an_error():
    from helpers.checks.results import Pending
    unfinished = Pending("`code_findings` on your data", "`code_findings` is not written yet.")
    assert report.counts_chart(unfinished, title="t", xlabel="x", source="s") is None
    r = report.Report("Audit").section("Coding", "My summary.", table=unfinished,
                                       figure=report.counts_chart(unfinished, title="t", xlabel="x", source="s"))
    text = r.markdown()
    assert "My summary.\n\n(Not finished yet: `code_findings` is not written yet.)" in text and "|" not in text


def test_counts_chart_draws_one_bar_per_count():
    fig = report.counts_chart({"invalid": 3, "missing": 0, "not billable": 7}, title="Code problems",
                              xlabel="Diagnosis rows", source="Synthetic extract")
    ax = fig.axes[0]
    assert len(ax.patches) == 3 and ax.get_title() == "Code problems" and ax.get_xlabel() == "Diagnosis rows"
    assert [t.get_text() for t in ax.texts] == ["3", "0", "7"]
    for not_counts in ([3, 7], {"invalid": "3"}, {"invalid": None}, {"invalid": True}, "3 invalid"):
        assert report.counts_chart(not_counts, title="t", xlabel="x", source="s") is None, not_counts


def test_a_dictionary_holding_an_unfinished_result_is_unfinished_and_numbers_are_rounded():
    from helpers.checks.results import Pending
    waiting = Pending("`duplicate_rate` on your data", "`duplicate_rate` is not written yet.")
    text = report.Report("A").section("Duplicates", "", table={"duplicate rate (%)": waiting}).markdown()
    assert "(Not finished yet: `duplicate_rate` is not written yet.)" in text
    text = report.Report("A").section("Duplicates", "", table={"rate": 100 / 3, "pairs": 4.0}).markdown()
    assert "| rate | 33.33 |" in text and "| pairs | 4.0 |" in text


@pytest.mark.parametrize("table, words", [
    ([1, 2], "dictionary or a pandas table (DataFrame), not list"),
    (pd.DataFrame({"a": range(51)}), "50 rows at most"),
])
def test_a_table_that_cannot_be_shown_is_explained_in_the_report(table, words):
    r = report.Report("x").section("Coding", "My text.", table=table)
    text = r.markdown()
    assert "My text.\n\n(Table not shown: " in text and words in text and "|" not in text
