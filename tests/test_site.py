"""The course website as a reader sees it: build a part of it (home, lessons 00 and 03 and the
workbook of 03) exactly as `make site` does, serve it on 127.0.0.1 and open it in headless Chromium
at 1280 and 1024 px. Every internal link must answer 200, no page may show a traceback, raw error
output or a widget's repr text, nothing may need sideways scrolling, every image needs alternative
text, and axe-core must find no serious or critical violation. Screenshots go to test-output/site/.
A small broken site (a traceback, a widget repr, a broken link, an image without alt) proves the
check reports what it looks for.

Needs Debian's Chromium and the test tools (as tests/test_browser.py), and Node with npm: the
fixture runs `make site-deps` (npm ci in site/), so with npm on the machine the test never skips.
"""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

import browser_support as bs
import site_support as ss

pytestmark = pytest.mark.browser
SUBSET = ("00", "03")
WIDTHS = (1280, 1024)
SHOTS = bs.REPO_ROOT / "test-output" / "site"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with bs.chromium_context(tmp_path_factory.mktemp("chromium-profile-site")) as context:
        yield context


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    """The site of lessons 00 and 03, built with the same command as `make site`."""
    for tool in ("node", "npm", "make"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed: the website is rendered by MyST, a Node.js tool "
                        "(sudo apt-get install nodejs npm make), installed by `make site-deps`.")
    deps = subprocess.run(["make", "site-deps"], cwd=bs.REPO_ROOT, capture_output=True, text=True, timeout=600)
    assert deps.returncode == 0, f"`make site-deps` (npm ci in site/) failed:\n{deps.stdout[-2000:]}\n{deps.stderr[-2000:]}"
    work = tmp_path_factory.mktemp("site")
    built = subprocess.run([sys.executable, "-m", "helpers.site", "build", "--only", *SUBSET,
                            "--out", str(work / "html"), "--src", str(work / "src")],
                           cwd=bs.REPO_ROOT, capture_output=True, text=True, timeout=1200)
    assert built.returncode == 0, f"the site build failed:\n{built.stdout[-3000:]}\n{built.stderr[-3000:]}"
    return work / "html"


@pytest.fixture
def page(browser):
    tab = browser.new_page()
    yield tab
    tab.close()


def test_site_pages_read_cleanly(built_site, page):
    pages = {"home": "", "lesson-00": "start-here/", "lesson-03": "certifications/",
             "workbook-03": "certifications-exercises/"}
    problems: list[str] = []
    checked: dict[str, int] = {}
    with ss.serve(built_site) as base:
        for name, path in pages.items():
            for width in WIDTHS:
                problems += ss.page_problems(page, base + path, width, checked, base)
                SHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        # The home page links every built lesson and workbook; nothing of the site is left unchecked.
        assert {f"{base}{p}".rstrip("/") for p in pages.values() if p} <= {u.rstrip("/") for u in checked}
    assert not problems, "\n".join(problems)


def test_site_shows_outputs_sources_and_run_links(built_site):
    lesson = (built_site / "certifications" / "index.html").read_text()
    assert "<img" in lesson or "data:image/png" in lesson, "the lesson's chart is missing"
    assert "Source:" in lesson and "tag S" in lesson, "the sources and verification tags are not shown"
    assert "Interactive in JupyterLab: run this lesson to use it." in lesson, "widgets lack their note"
    assert "mybinder.org/v2/gh/" in lesson and "git-pull?repo=" in lesson, "the run-this-lesson links are missing"
    assert (built_site / "myst.search.json").stat().st_size > 1000, "MyST's search index is missing"


def test_the_check_reports_a_broken_page(browser, tmp_path):
    """A page with a traceback, a widget repr, a broken link and an image without alt fails the check."""
    (tmp_path / "index.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><title>Broken</title></head><body><main>"
        "<h1>Broken page</h1><div class='outputs'><pre>Traceback (most recent call last):\n  File 'x'\nZeroDivisionError: division by zero</pre>"
        "<p>VBox(children=(HTML(value='x'),))</p></div><a href='missing/'>next lesson</a>"
        "<img src='nothing.png'></main></body></html>")
    (tmp_path / "good.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><title>Good</title></head><body><main><h1>Good page</h1>"
        "<p>Nothing wrong here. <a href='index.html'>Back</a></p></main></body></html>")
    tab = browser.new_page()
    try:
        with ss.serve(tmp_path) as base:
            bad = ss.page_problems(tab, base + "index.html", 1024, {}, base)
            good = ss.page_problems(tab, base + "good.html", 1024, {}, base)
    finally:
        tab.close()
    text = "\n".join(bad)
    for expected in ("a Python traceback", "widget repr text", "'missing/' answers 404",
                     "no alternative text", "did not load"):
        assert expected in text, f"the check missed {expected!r}; it found:\n{text}"
    assert good == [], good


def test_search_finds_a_section_and_opens_it(built_site, page):
    """MyST's search index (myst.search.json) behind the search box: typing finds a section, a click opens it."""
    with ss.serve(built_site) as base:
        page.goto(base + "start-here/")
        page.fill("#search-box", "course map")
        first = page.locator("#search-results a").first
        first.wait_for(timeout=10_000)
        assert "The course map" in first.inner_text()
        first.click()
        page.wait_for_url("**/start-here/#the-course-map")
        page.fill("#search-box", "zzzzqqq")
        page.locator("#search-results p").wait_for(timeout=10_000)
        assert "No section mentions" in page.locator("#search-results").inner_text()
