"""The pieces of the course website that need no browser: widget snapshots, the home page, the
"run this lesson" links, links to files left out of a build, and running a notebook for the site."""
from __future__ import annotations

import csv
import re
from urllib.parse import parse_qs, urlparse

import ipywidgets as w
import nbformat
import pytest

from helpers import quiz, site, widgets
from helpers.site import pages
from helpers.site.build import COURSE, SITE
from helpers.snapshot import NOTE, SnapshotHTML, snapshot_html

import site_support as ss
import test_readme

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


# --------------------------------------------------------------------------- widget snapshots


def test_a_panel_keeps_its_live_view_and_adds_a_still_picture():
    panel = widgets.course_planner()
    bundle = panel._repr_mimebundle_()
    assert WIDGET_VIEW in bundle, "JupyterLab must still get the live widget"
    assert NOTE in bundle["text/html"] and panel.result.value in bundle["text/html"]
    assert ss.text_problems(bundle["text/plain"]) == [] and ss.text_problems(bundle["text/html"]) == []


def test_a_bare_widget_would_show_its_repr_and_the_check_says_so():
    bundle = w.VBox([w.HTML("x")])._repr_mimebundle_()
    assert "text/html" not in bundle
    assert ss.text_problems(bundle["text/plain"]), "the site check must flag VBox(children=...)"


def test_the_snapshot_follows_the_widget_state():
    panel = widgets.course_planner()
    panel.controls["hours"].value = "6"
    assert "Hours a week: 6" in panel._repr_mimebundle_()["text/html"]
    skills = widgets.skills_self_assessment(use_saved=False)
    assert "<img" in snapshot_html(skills)
    skills.chart.hide()
    assert "<img" not in snapshot_html(skills)


def test_a_quiz_shows_its_questions_without_revealing_the_answer():
    q = quiz.lesson_quiz("03")
    page = q._repr_mimebundle_()["text/html"]
    assert NOTE in page and "(chosen)" not in page
    for option in q.choices[0].options:
        assert option in page


def test_source_lines_show_as_plain_html():
    bundle = widgets.source_note("wages_by_industry")._repr_mimebundle_()
    assert "Source" in bundle["text/html"] and NOTE not in bundle["text/html"]
    assert isinstance(widgets.source_note("wages_by_industry"), SnapshotHTML)


# --------------------------------------------------------------------------- pages and links


def _published():
    with open(COURSE / "course_data" / "lessons.csv", newline="") as f:
        return [r for r in csv.DictReader(f) if r["available"] == "true"]


def test_the_home_page_is_the_readme_lesson_table():
    page = site.home_page(site.lesson_rows())
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in page.splitlines() if line.startswith("|")][2:]
    assert rows == test_readme.expected_rows()
    assert "synthetic" in page and "partial build" not in page


def test_a_partial_home_page_links_only_what_was_built():
    page = site.home_page(site.lesson_rows(["03"]), partial=True)
    assert "partial build" in page and "](notebooks/03-certifications.ipynb)" in page
    assert "](notebooks/01-the-role.ipynb)" not in page and "| 01 | The role (not in this build) |" in page


def test_myst_project_lists_each_lesson_with_its_workbook():
    text = pages.myst_yml(site.lesson_rows(), SITE / "theme")
    files = re.findall(r"file: (\S+)", text)
    assert files[0] == "index.md"
    assert len(files) == 1 + sum(1 + bool(r["exercise"]) for r in _published())


def test_run_links_open_the_lesson_or_its_workbook():
    repo = "https://github.com/example/mrt-course"
    line = site.run_links("03", workbook=True, repo=repo, hub="https://hub.example.org")
    binder, hub = re.findall(r"\]\((https://[^)]+)\)", line)
    assert binder == ("https://mybinder.org/v2/gh/example/mrt-course/main?urlpath="
                      "lab%2Ftree%2Fexercises%2F03-certifications-exercises.ipynb")
    query = parse_qs(urlparse(hub).query)
    assert query["repo"] == [repo] and query["urlpath"] == ["lab/tree/mrt-course/exercises/03-certifications-exercises.ipynb"]
    assert "placeholder" not in line
    assert "placeholder" in site.run_links("03")


@pytest.mark.parametrize("call, words", [
    (lambda: site.run_links("00", workbook=True), "has no workbook"),
    (lambda: site.run_links("99"), "There is no lesson '99'"),
    (lambda: site.binder_link("https://example.org/x", "notebooks/a.ipynb"), "GitHub"),
    (lambda: site.run_links("01", hub="hub.example.edu"), "not a web address"),
    (lambda: site.lesson_rows(["7x"]), "There is no lesson"),
])
def test_bad_input_is_refused_with_a_sentence(call, words):
    with pytest.raises(ValueError, match=words):
        call()


def test_links_to_files_outside_the_build_go_to_the_repository():
    text = "[a](01-the-role.ipynb) [b](../README.md) [c](https://x.org/a.ipynb) [d](#objectives) [e](02-x.ipynb#top)"
    out = pages.rewrite_links(text, "notebooks", {"notebooks/02-x.ipynb"}, "https://github.com/o/r")
    assert out == ("[a](https://github.com/o/r/blob/main/notebooks/01-the-role.ipynb) "
                   "[b](https://github.com/o/r/blob/main/README.md) [c](https://x.org/a.ipynb) [d](#objectives) "
                   "[e](02-x.ipynb#top)")


# --------------------------------------------------------------------------- running a notebook


def test_running_a_notebook_keeps_outputs_and_gives_widgets_a_picture(tmp_path):
    source = tmp_path / "in" / "x.ipynb"
    source.parent.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import os\nfrom helpers import widgets\nprint(os.environ['MRT_PROGRESS_FILE'])"),
                nbformat.v4.new_code_cell("widgets.course_planner()"),
                nbformat.v4.new_code_cell("import ipywidgets as w\nw.VBox([w.HTML('bare')])")]
    nbformat.write(nb, source)
    site.execute(source, tmp_path / "out" / "x.ipynb")
    done = nbformat.read(tmp_path / "out" / "x.ipynb", 4)
    assert done.cells[0].outputs[0]["text"].strip() == "off", "a site build must not record progress"
    panel, bare = done.cells[1].outputs[0]["data"], done.cells[2].outputs[0]["data"]
    assert WIDGET_VIEW in panel and NOTE in panel["text/html"] and not ss.text_problems(panel["text/plain"])
    assert "text/html" not in bare and ss.text_problems(bare["text/plain"])


def test_a_failing_notebook_stops_the_build_with_its_name(tmp_path):
    source = tmp_path / "broken.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("1 / 0")]
    nbformat.write(nb, source)
    with pytest.raises(ValueError, match=r"broken.ipynb failed while building the site: ZeroDivisionError"):
        site.execute(source, tmp_path / "out.ipynb")
    with pytest.raises(ValueError, match="There is no notebook"):
        site.execute(tmp_path / "missing.ipynb", tmp_path / "out.ipynb")
