"""Open every lesson in a real JupyterLab in headless Chromium, run it, and look at the page.

nbval proves the code runs; this proves what a learner *sees*: widgets drawn as widgets (not
"Error displaying widget" or a bare ``IntSlider(...)`` text), no tracebacks, a clean browser
console, nothing cut off or running off the column at 1280 or 1024 px, and no serious or critical
accessibility violation (axe-core) inside the outputs. One JupyterLab server and one browser (per
xdist worker) serve all lessons and the self-checks; screenshots of each lesson at both widths go to
test-output/browser/. A generated one-slider notebook shows the check passes when the widget
manager is active and reports a problem when it is disabled, so the check cannot silently pass.

Needs Debian's Chromium (`sudo apt-get install chromium`) and the test tools (`make test`);
without them every test here is skipped with that hint.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

import browser_support as bs

pytestmark = pytest.mark.browser
#: The widths a lesson is looked at: a laptop, and a small laptop or a projector.
WIDTHS = (1280, 1024)

LESSONS = sorted(bs.REPO_ROOT.glob("notebooks/[0-9][0-9]-*.ipynb"))
#: The student workbooks are looked at the same way: run top to bottom unanswered, as a learner first
#: opens one, every problem must say "not attempted" cleanly, with nothing cut off.
WORKBOOKS = sorted(bs.REPO_ROOT.glob("exercises/[0-9][0-9]-*-exercises.ipynb"))
LESSON_PARAMS = [pytest.param(path, id=path.stem) for path in LESSONS + WORKBOOKS] or [
    pytest.param(None, id="no-lessons", marks=pytest.mark.skip(reason="no notebooks/NN-*.ipynb yet"))
]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless Chromium (a Playwright browser context) for every test in this module."""
    with bs.chromium_context(tmp_path_factory.mktemp("chromium-profile")) as context:
        yield context


@pytest.fixture(scope="module")
def repo_lab(browser, tmp_path_factory):
    """JupyterLab serving the repository, shared by all lesson tests; stopped at the end."""
    with bs.LabServer(root_dir=bs.REPO_ROOT, workdir=tmp_path_factory.mktemp("lab-repo")) as lab:
        yield lab


@pytest.fixture
def page(browser):
    """A fresh browser tab, closed after the test."""
    tab = browser.new_page()
    yield tab
    tab.close()


@pytest.fixture
def widget_notebook(repo_lab):
    """A generated notebook that shows one IntSlider, in a private folder the shared server
    serves (under the git-ignored test-output/), removed afterwards."""
    folder = bs.REPO_ROOT / "test-output" / "browser-selfcheck" / f"{os.getpid()}-{time.monotonic_ns()}"
    yield bs.write_widget_notebook(folder / "widget-check.ipynb")
    shutil.rmtree(folder, ignore_errors=True)


def check_notebook(page, lab: bs.LabServer, notebook: Path, screenshot: str) -> list[str]:
    """Open and run ``notebook``, look at it at 1280 and at 1024 px wide, save a screenshot at each
    width, and return the problems found."""
    started = time.monotonic()
    result = bs.open_and_run(page, lab, notebook)
    problems = bs.find_problems(page, result)
    failures, notes = bs.accessibility_problems(page)
    problems += failures
    for note in notes:
        print(f"\n{notebook.name}: {note}")
    for width in WIDTHS:
        problems += bs.presentation_problems(page, width)
        path = bs.save_screenshot(page, screenshot if width == WIDTHS[0] else f"{screenshot}-{width}", width)
    cells = bs.notebook_state(page)["cells"]
    widgets = sum(cell["widgetOutputs"] for cell in cells)
    print(f"\n{notebook.name}: {len(cells)} code cells, {widgets} widget outputs, "
          f"{len(problems)} problems, {time.monotonic() - started:.1f} s; screenshot {path}")
    return problems


def format_problems(notebook: Path, problems: list[str]) -> str:
    """Assertion message listing every problem, one per line."""
    return f"{notebook.name} in JupyterLab has {len(problems)} problem(s):\n- " + "\n- ".join(
        problems
    )


# --------------------------------------------------------------------------- tests


class TestLessons:
    """Every lesson runs in the browser with live widgets and no errors."""

    @pytest.mark.parametrize("notebook", LESSON_PARAMS)
    def test_lesson_runs_cleanly_in_jupyterlab(self, notebook, repo_lab, page):
        before = notebook.read_bytes()
        try:
            problems = check_notebook(page, repo_lab, notebook, screenshot=notebook.stem)
            assert bs.widget_manager_active(page), f"{bs.WIDGET_MANAGER} is not active"
        finally:
            repo_lab.shutdown_kernels()
        assert not problems, format_problems(notebook, problems)
        assert notebook.read_bytes() == before, f"running {notebook.name} changed the file"


class TestTheCheckItself:
    """The same check passes with the widget manager and reports a problem without it."""

    def test_widget_notebook_passes_with_widget_manager(self, page, widget_notebook, repo_lab):
        try:
            problems = check_notebook(page, repo_lab, widget_notebook, "selfcheck-widgets-enabled")
            assert bs.widget_manager_active(page), f"{bs.WIDGET_MANAGER} is not active"
        finally:
            repo_lab.shutdown_kernels()
        assert not problems, format_problems(widget_notebook, problems)

    def test_check_reports_what_a_learner_should_not_see(self, page, repo_lab):
        """Negative control: a notebook that shows each presentation problem is reported for each."""
        folder = bs.REPO_ROOT / "test-output" / "browser-selfcheck" / f"{os.getpid()}-{time.monotonic_ns()}"
        notebook = bs.write_bad_presentation_notebook(folder / "bad-presentation.ipynb")
        try:
            problems = check_notebook(page, repo_lab, notebook, "selfcheck-bad-presentation")
        finally:
            repo_lab.shutdown_kernels()
            shutil.rmtree(folder, ignore_errors=True)
        print("problems reported, as intended:", *problems, sep="\n  ")
        text = "\n".join(problems)
        assert "a table cell is cut short" in text
        assert "a table cell shows <NA> instead of a word for missing" in text
        assert "a table cell shows NaN" in text or "a table cell shows nan" in text
        assert "shows Ellipsis" in text
        assert "px past the output area at 1024 px" in text and "px past the output area at 1280 px" in text
        assert any("div.narrow" in p and "at 1024 px" in p for p in problems)  # 900 px: fits 1280, not 1024
        assert not any("div.narrow" in p and "at 1280 px" in p for p in problems)
        assert re.search(r"chart text shown [0-6]\.\d px high, under 10 px", text)  # 5 pt at 100 dpi is 6.9 px
        assert "text typeset as a formula" in text
        assert "a code line is cut off" in text
        assert "an answer's text runs out of its line box" in text  # ipywidgets' fixed-height radio labels
        assert 'a label is cut short to fit: "a checkbox label far too long' in text
        assert "raised ZeroDivisionError" in text  # a traceback in a cell is reported too
        assert "accessibility (critical) label" in text and "accessibility (critical) button-name" in text

    def test_check_reports_missing_widget_manager(self, page, widget_notebook, repo_lab):
        # The same shared server, with the widget manager disabled for this page load only.
        try:
            with repo_lab.extensions_disabled(bs.WIDGET_MANAGER):
                problems = check_notebook(page, repo_lab, widget_notebook, "selfcheck-widgets-disabled")
            assert not bs.widget_manager_active(page), "the extension was meant to be disabled"
        finally:
            repo_lab.shutdown_kernels()
        print("problems reported, as intended:", *problems, sep="\n  ")
        assert any("widget outputs were drawn as widgets" in p for p in problems), (
            "with the widget manager disabled the check should report undrawn widgets, got: "
            f"{problems}"
        )


# What has the keyboard focus, described by the label a learner reads beside it.
_JS_FOCUSED = """
() => {
  const e = document.activeElement;
  if (!e || !e.closest('.jp-OutputArea-output')) { return {inWidget: false, tag: e ? e.tagName : '', label: ''}; }
  const box = e.closest('.widget-inline-hbox, .widget-checkbox, .widget-button, button');
  const named = box && e.type !== 'checkbox' ? box.querySelector('label') : null;  // a checkbox's text follows it
  const label = (named || box || e).innerText.replace(/\u200b/g, '');
  return {inWidget: true, tag: e.tagName, type: e.type || '', label: (label || '').trim().slice(0, 60)};
}
"""


class TestKeyboard:
    """A learner who cannot use a mouse can fill in and save the career plan with the keyboard alone."""

    FORM = ("Education:", "Credentials held:", "Months of work in the field:", "Study hours a week:",
            "Budget (US$):", "Target role:", "I am willing to study for a bachelor's degree", "State:",
            "Start:", "File name:", "Save my plan")

    def test_career_plan_can_be_filled_in_and_saved_with_the_keyboard_alone(self, page, repo_lab):
        folder = bs.REPO_ROOT / "test-output" / "browser-selfcheck" / f"{os.getpid()}-{time.monotonic_ns()}"
        notebook = bs.write_code_notebook(folder / "keyboard-plan.ipynb", [
            "from helpers import widgets\npanel = widgets.career_plan(start='2027-01-01')\npanel"])
        try:
            result = bs.open_and_run(page, repo_lab, notebook)
            assert not result.run_error, result.run_error
            before = page.locator(".jp-OutputArea-output").inner_text()
            page.locator(".jp-OutputArea-output select").first.focus()
            # A closed drop-down's arrow keys go to JupyterLab (it moves between cells: ipywidgets
            # issue 3912), so lesson 00 teaches Space to open the list, arrows, Enter to choose.
            for key in (" ", "ArrowDown", "Enter"):
                page.keyboard.press(key)
                page.wait_for_timeout(300)  # the list opens in its own popup: give it a moment
            page.wait_for_function("(before) => document.querySelector('.jp-OutputArea-output').innerText !== before",
                                   arg=before, timeout=15000)
            reached: list[str] = []
            for _ in range(60):
                focused = page.evaluate(_JS_FOCUSED)
                assert focused["inWidget"], f"Tab left the form after {reached}: focus is on {focused}"
                if focused["label"] and (not reached or reached[-1] != focused["label"]):
                    reached.append(focused["label"])
                if focused["label"] == "File name:":
                    page.keyboard.press("Control+A")
                    page.keyboard.type("keyboard-plan.md")
                    page.wait_for_timeout(500)  # the new name reaches the kernel before Save is pressed
                if focused["tag"] == "BUTTON" and "Save my plan" in focused["label"]:
                    page.keyboard.press("Enter")
                    break
                page.keyboard.press("Tab")
            missing = [label for label in self.FORM if not any(r.startswith(label) for r in reached)]
            assert not missing, f"never reached with Tab: {missing} (reached, in order: {reached})"
            saved = folder / "keyboard-plan.md"
            for _ in range(60):
                if saved.exists():
                    break
                time.sleep(0.25)
            said = page.locator(".jp-OutputArea-output").inner_text()[-600:]
            assert saved.exists(), f"pressing Enter on Save wrote no {saved.name}; the widget ends with: {said}"
            assert "Certificate program" in saved.read_text(encoding="utf-8")  # the level chosen above
        finally:
            repo_lab.shutdown_kernels()
            shutil.rmtree(folder, ignore_errors=True)


    def test_practice_exam_can_be_taken_with_the_keyboard_alone(self, page, repo_lab):
        folder = bs.REPO_ROOT / "test-output" / "browser-selfcheck" / f"{os.getpid()}-{time.monotonic_ns()}"
        saved = folder / "progress.json"
        notebook = bs.write_code_notebook(folder / "keyboard-exam.ipynb", [
            "from helpers import widgets\n"
            f"panel = widgets.practice_exam(today='2026-12-01', progress_file={str(saved)!r})\n"
            "panel.controls['size'].value = 10\npanel"])
        try:
            result = bs.open_and_run(page, repo_lab, notebook)
            assert not result.run_error, result.run_error
            output = page.locator(".jp-OutputArea-output")
            page.locator(".jp-OutputArea-output button", has_text="Start").focus()
            page.keyboard.press("Enter")
            page.wait_for_function("() => document.querySelector('.jp-OutputArea-output').innerText"
                                   ".includes('Question 1 of 10')", timeout=15000)
            for number in range(1, 11):
                # The answers come after Start and before Previous and Next: Tab from Start, Shift+Tab
                # from Next; Space picks the answer in focus.
                for _ in range(6):
                    if page.evaluate(_JS_FOCUSED).get("type") == "radio":
                        break
                    page.keyboard.press("Tab" if number == 1 else "Shift+Tab")
                assert page.evaluate(_JS_FOCUSED).get("type") == "radio", page.evaluate(_JS_FOCUSED)
                page.keyboard.press("Space")
                page.wait_for_function("(n) => document.querySelector('.jp-OutputArea-output').innerText"
                                       ".includes(`Answered ${n} of 10`)", arg=number, timeout=15000)
                target = "Next" if number < 10 else "Finish and score"
                for _ in range(6):
                    page.keyboard.press("Tab")
                    if target in page.evaluate(_JS_FOCUSED)["label"]:
                        break
                assert target in page.evaluate(_JS_FOCUSED)["label"], (number, page.evaluate(_JS_FOCUSED))
                page.keyboard.press("Enter")
                if number < 10:
                    page.wait_for_function("(n) => document.querySelector('.jp-OutputArea-output').innerText"
                                           ".includes(`Question ${n} of 10`)", arg=number + 1, timeout=15000)
            page.wait_for_function("() => document.querySelector('.jp-OutputArea-output').innerText"
                                   ".includes('of 10 right')", timeout=15000)
            assert "Traceback" not in output.inner_text()
            for _ in range(40):
                if saved.exists():
                    break
                time.sleep(0.25)
            assert '"questions": 10' in saved.read_text(encoding="utf-8")
        finally:
            repo_lab.shutdown_kernels()
            shutil.rmtree(folder, ignore_errors=True)
