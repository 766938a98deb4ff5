"""The projection dashboards in dashboards/ (served by Voila with `make dashboards`).

Three layers, each proven both ways:

- the notebooks' shape, read without running anything: a title and one paragraph with no code
  references ("run the cell", "edit the profile below", names of functions), one setup cell that only
  imports from helpers, one widget cell whose builders are asked for their dashboard mode, no outputs;
- the widgets' dashboard mode, driven in-process: charts at the projection size, the career plan
  offered as a download link and nothing written on the server, sources shown;
- the browser check (mark ``browser``): Voila serves the folder on a free port, headless Chromium opens
  each dashboard at 1280 and 1024 px and looks at what was drawn: widgets drawn, no error text or
  traceback, nothing cut off or running off the page, chart text at least 14 px at 1280 px, no raw
  Markdown, axe-core finds no serious violation, no request leaves the machine except the two
  stylesheets Voila's own template links (blocked here, as offline). Screenshots go to
  test-output/dashboards/. A generated broken dashboard and one with notebook-size charts are
  reported, so the check cannot silently pass.
"""
from __future__ import annotations

import ast
import base64
import inspect
import json
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers import charts, widgets
from helpers.career import Profile, make_plan
from helpers.career.plan_model import plan_file_name

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "dashboards"
DASHBOARDS = sorted(FOLDER.glob("*.ipynb"))
EXPECTED = {"02-path-comparer", "07-msdrg-what-if", "15-salary-explorer", "17-career-plan", "18-practice-exam"}
#: Text on a projected page must not talk about code: these are the phrases a lesson uses.
CODE_REFERENCES = re.compile(
    r"\bcells?\b|\brun (it|this|the)\b|\bedit the\b|\bbelow the code\b|`|\b\w+\(\)|\bprint\b|\bimport\b|"
    r"\bkernel\b|\bfunction\b|\bvariable\b|\bnotebook\b|\bJupyterLab\b|\bfile browser\b|\bcode\b",
    re.IGNORECASE)
#: The smallest chart text a projected dashboard may show, in CSS pixels, in a 1280 px window.
PROJECTION_MIN_PX = 14.0


# --------------------------------------------------------------------------- the notebooks' shape


def _widget_calls(source: str) -> list[ast.Call]:
    """Every call of ``widgets.<builder>(...)`` in a cell."""
    return [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "widgets"]


def dashboard_problems(nb) -> list[str]:
    """What keeps a notebook from being a dashboard: its cells, its text and its widget calls."""
    problems = []
    kinds = [c.cell_type for c in nb.cells]
    if kinds != ["markdown", "code", "code"]:
        return [f"cells are {kinds}; a dashboard has a markdown cell, a setup cell and a widget cell"]
    text, setup, widget = (c.source for c in nb.cells)
    lines = text.strip().splitlines()
    if not lines or not re.match(r"# \S", lines[0]):
        problems.append("the text does not start with a '# Title' line")
    paragraph = " ".join(ln for ln in lines[1:] if ln.strip())
    if len(re.findall(r"[.!?](\s|$)", paragraph)) < 2:
        problems.append("there is no explanation paragraph (two sentences or more) under the title")
    problems += [f"the text refers to code: {m.group(0)!r}" for m in CODE_REFERENCES.finditer(text)]
    for line in setup.strip().splitlines():
        if not re.match(r"from helpers(\.\w+)* import [\w, ]+$", line.strip()):
            problems.append(f"the setup cell does more than import from helpers: {line.strip()!r}")
    calls = _widget_calls(widget)
    if not calls:
        problems.append("the widget cell shows no widget from helpers.widgets")
    for call in calls:
        builder = getattr(widgets, call.func.attr, None)
        if builder is None:
            problems.append(f"widgets.{call.func.attr} does not exist")
            continue
        asked = any(k.arg == "dashboard" and isinstance(k.value, ast.Constant) and k.value.value is True
                    for k in call.keywords)
        if "dashboard" in inspect.signature(builder).parameters and not asked:
            problems.append(f"widgets.{call.func.attr} has a dashboard mode the cell does not ask for "
                            "(dashboard=True)")
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            problems.append(f"cell {i} has outputs or an execution count")
    if "widgets" in nb.metadata:
        problems.append("widget state saved in metadata")
    return problems


def _dashboard(text: str, setup: str = "from helpers import widgets",
               widget: str = "widgets.career_plan(dashboard=True)"):
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nb.cells = [new_markdown_cell(text), new_code_cell(setup), new_code_cell(widget)]
    return nb


GOOD_TEXT = "# A plan\n\nSay where you are and where you want to go. The plan lists dated steps with reasons."


def test_the_dashboard_rules_both_ways():
    assert dashboard_problems(_dashboard(GOOD_TEXT)) == []
    lesson_text = GOOD_TEXT + " Edit the profile below and run the cell; `plan.to_markdown()` prints it."
    assert dashboard_problems(_dashboard(lesson_text)) == [
        "the text refers to code: 'Edit the'", "the text refers to code: 'run the'",
        "the text refers to code: 'cell'", "the text refers to code: '`'",
        "the text refers to code: 'to_markdown()'", "the text refers to code: '`'"]
    assert dashboard_problems(_dashboard("A plan without a title\n\nIt has two sentences. Here they are.")) == [
        "the text does not start with a '# Title' line"]
    assert dashboard_problems(_dashboard("# Title only")) == [
        "there is no explanation paragraph (two sentences or more) under the title"]
    assert dashboard_problems(_dashboard(GOOD_TEXT, setup='from helpers import widgets\nprint("Setup complete.")')) == [
        "the setup cell does more than import from helpers: 'print(\"Setup complete.\")'"]
    assert dashboard_problems(_dashboard(GOOD_TEXT, widget="widgets.career_plan()")) == [
        "widgets.career_plan has a dashboard mode the cell does not ask for (dashboard=True)"]
    assert dashboard_problems(_dashboard(GOOD_TEXT, widget="1 + 1")) == [
        "the widget cell shows no widget from helpers.widgets"]
    run = _dashboard(GOOD_TEXT)
    run.cells[2].execution_count = 1
    assert dashboard_problems(run) == ["cell 2 has outputs or an execution count"]
    run.cells.append(new_code_cell("widgets.faq_browser()"))
    assert dashboard_problems(run)[0].startswith("cells are ['markdown', 'code', 'code', 'code']")


def test_the_five_dashboards_are_there():
    assert {p.stem for p in DASHBOARDS} == EXPECTED


@pytest.mark.parametrize("path", DASHBOARDS, ids=lambda p: p.stem)
def test_dashboard_shape(path):
    assert dashboard_problems(nbformat.read(path, as_version=4)) == []


def _shown(path: Path) -> list:
    """The widgets a dashboard's widget cell shows, built in this process as Voila's kernel would."""
    nb = nbformat.read(path, as_version=4)
    shown: list = []
    namespace = {"display": lambda *objs: shown.extend(objs)}
    exec(nb.cells[1].source, namespace)  # noqa: S102 - the committed setup cell: imports only
    value = eval(nb.cells[2].source, namespace)  # noqa: S307 - the committed widget cell: one expression
    return shown + ([value] if value is not None else [])


def _html_of(widget) -> str:
    """Every HTML value inside a widget tree, joined."""
    found, stack = [], [widget]
    while stack:
        w = stack.pop()
        if hasattr(w, "value") and isinstance(w.value, str):
            found.append(w.value)
        stack.extend(getattr(w, "children", ()))
    return "\n".join(found)


@pytest.mark.parametrize("path", DASHBOARDS, ids=lambda p: p.stem)
def test_each_dashboard_shows_its_sources_and_says_when_data_are_synthetic(path):
    html = "\n".join(_html_of(w) for w in _shown(path))
    assert "Source" in html and "as of" in html, "a dashboard shows where its figures come from"
    if "synthetic" in html.lower():
        assert "synthetic" in nbformat.read(path, as_version=4).cells[0].source.lower()


def test_a_dashboard_charts_at_projection_size():
    """Built as the dashboards build them, every chart is drawn for projection; the lessons' are not."""
    exam = widgets.practice_exam(today="2026-12-01", dashboard=True)
    exam.controls["size"].value = 10
    exam.controls["start"].click()
    exam.controls["finish"].click()
    for panel in (widgets.path_comparer(start="2027-01-01", dashboard=True), widgets.ladder_stepper(dashboard=True),
                  widgets.career_plan(start="2027-01-01", dashboard=True), exam):
        assert "width:100%;height:auto" in panel.chart.value
        size = float(re.search(r"data-min-text-px='([\d.]+)'", panel.chart.value).group(1))
        assert size >= 17.0, size  # 8.5 pt at 150 dpi
    lesson = widgets.path_comparer(start="2027-01-01")
    assert "max-width:100%" in lesson.chart.value and "data-min-text-px='11.8'" in lesson.chart.value


def test_projection_and_an_explicit_dpi_are_refused_together():
    fig = charts.CourseFigure(figsize=(2, 1))
    with pytest.raises(ValueError, match="either dpi=120 or projection=True"):
        charts.picture(fig, 120, projection=True)


def test_the_dashboard_career_plan_downloads_and_writes_nothing(tmp_path):
    panel = widgets.career_plan(folder=tmp_path, start="2027-01-01", dashboard=True)
    panel.controls["target"].value = 3
    panel.controls["filename"].value = "class plan"
    panel.controls["save"].click()
    assert list(tmp_path.iterdir()) == [], "a dashboard writes nothing on the server"
    link = re.search(r"<a download='([^']+)' href='data:text/markdown;charset=utf-8;base64,([^']+)'",
                     panel.saved.value)
    assert link and link.group(1) == "class plan.md"
    text = base64.b64decode(link.group(2)).decode("utf-8")
    assert text.startswith("# My career plan") and "## Steps" in text
    assert "file browser" not in panel.saved.value and "JupyterLab" not in panel.saved.value
    assert "<h4>Plan:" in panel.result.value and "## Steps" not in panel.result.value  # rendered, not Markdown
    panel.controls["filename"].value = "a<b"
    panel.controls["save"].click()
    assert "cannot contain &lt;" in panel.saved.value and "download=" not in panel.saved.value


def test_the_lesson_career_plan_still_saves_a_file(tmp_path):
    panel = widgets.career_plan(folder=tmp_path, start="2027-01-01")
    panel.controls["save"].click()
    assert [p.name for p in tmp_path.iterdir()] == ["my-career-plan.md"]
    assert "file browser" in panel.saved.value and "download=" not in panel.saved.value


@pytest.mark.parametrize("name, words", [("", "Type a file name"), ("a|b", "cannot contain |"),
                                         ("x" * 101, "at most 100"), (None, "Type a file name")])
def test_plan_file_name_refusals(name, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        plan_file_name(name)


def test_download_link_needs_a_name():
    with pytest.raises(ValueError, match="is empty"):
        widgets.base.download_link("text", " ", "Download")


def test_to_markdown_is_unchanged_for_the_lesson():
    assert make_plan(Profile(target=1)).to_markdown().startswith("# My career plan")


# --------------------------------------------------------------------------- Voila's settings


def test_voila_settings_hide_tracebacks_and_speak_plainly():
    config = json.loads((FOLDER / "voila.json").read_text())
    assert config["VoilaConfiguration"]["show_tracebacks"] is False
    assert config["VoilaExecutor"]["show_tracebacks"] is False
    for key in ("cell_error_instruction", "cell_timeout_instruction"):
        said = config["VoilaExecutor"][key]
        assert "make dashboards" in said and "--" not in said.replace("'make dashboards'", "")


def test_make_dashboards_serves_this_folder_with_its_settings():
    done = ["-o", ".venv/.installed-dashboards", "-o", ".venv/constraints.txt", "-o", ".venv/bin/python"]
    out = subprocess.run(["make", "--no-print-directory", "-n", *done, "dashboards"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert re.search(r"cd dashboards && \.\./\.venv/bin/voila .*--Voila\.ip=127\.0\.0\.1.* \.$", out.stdout.strip())
    install = subprocess.run(["make", "-n", "-W", "pyproject.toml", "-o", ".venv/constraints.txt", "-o",
                              ".venv/bin/python", "dashboards"], cwd=ROOT, capture_output=True, text=True)
    assert "-e '.[dashboards]'" in install.stdout


def test_voila_is_pinned_for_the_dashboards_and_the_tests():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        tomllib = pytest.importorskip("tomli")
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert any(r.startswith("voila") for r in extras["dashboards"]) and any(r.startswith("voila") for r in extras["test"])
    assert "- voila==0.5.13" in (ROOT / "environment.yml").read_text()


# --------------------------------------------------------------------------- the browser check

WIDTHS = (1280, 1024)
#: Requests Voila 0.5.13's own lab template makes to the internet (Font Awesome's stylesheets, used for
#: button icons). Offline they fail; the test blocks them so the check is the same on any machine.
TEMPLATE_CDN = ("https://cdn.jsdelivr.net/npm/@fortawesome/", "https://cdn.jsdelivr.net/npm/font-awesome@")


class VoilaServer:
    """Voila serving one folder on a free port, in private Jupyter folders; a context manager."""

    def __init__(self, folder: Path, workdir: Path):
        import browser_support as bs

        self.folder, self.workdir, self.port = folder, workdir, bs.free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process: subprocess.Popen | None = None
        self.env = bs.LabServer(root_dir=folder, workdir=workdir).environment()
        self.env.pop("JUPYTER_TOKEN", None)

    def __enter__(self) -> "VoilaServer":
        self.workdir.mkdir(parents=True, exist_ok=True)
        with (self.workdir / "voila.log").open("wb") as log:
            # The same command `make dashboards` runs, started in the folder so its voila.json is read.
            self.process = subprocess.Popen(
                [sys.executable, "-m", "voila", "--no-browser", "--Voila.ip=127.0.0.1", f"--port={self.port}",
                 "--Voila.port_retries=0", "."], cwd=self.folder, env=self.env, stdout=log,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Voila exited while starting:\n{self.log_tail()}")
            try:
                urllib.request.urlopen(self.url, timeout=5).read()
                return self
            except OSError:
                time.sleep(0.25)
        self.__exit__()
        raise TimeoutError(f"Voila did not answer on {self.url}:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        path = self.workdir / "voila.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def __exit__(self, *exc_info) -> None:
        import browser_support as bs

        bs.stop_process(self.process)


# Drawn widget views at the top of an output, error outputs, and what the page says in words.
_JS_STATE = """
() => ({
  widgets: document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets').length,
  placeholders: Array.from(document.querySelectorAll('.jp-OutputArea-output'))
      .filter(o => o.childElementCount === 0).map(o => o.textContent.trim())
      .filter(t => t.startsWith('Error displaying widget') || t === 'Loading widget...'),
  errors: Array.from(document.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]'))
      .map(o => o.innerText.slice(0, 300)),
  text: document.body.innerText,
})
"""
_JS_CHART_TEXT = """
() => Array.from(document.querySelectorAll('.jp-OutputArea-output img')).filter(i => i.naturalWidth)
  .map(i => parseFloat(i.dataset.minTextPx) * i.clientWidth / i.naturalWidth)
"""
# The page scrolls inside one of Voila's elements, not the window: the tallest scrolling height.
_JS_CONTENT_HEIGHT = """
() => Math.max(document.documentElement.scrollHeight, ...Array.from(document.querySelectorAll('body *'))
  .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowY)).map(e => e.scrollHeight))
"""
_FAILURE_WORDS = ("Traceback", "There was an error", "Error displaying widget", "Something went wrong",
                  "Check your entry", "Cell execution timed out")


def _expected_widgets(path: Path) -> int:
    return len(_widget_calls(nbformat.read(path, as_version=4).cells[2].source))


def open_dashboard(page, server: VoilaServer, path: Path, timeout: float = 180.0) -> list[str]:
    """Open a dashboard and wait until its widgets are drawn or it shows an error; return early problems."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    expected = _expected_widgets(path)
    page.goto(f"{server.url}voila/render/{path.name}", timeout=timeout * 1000)
    try:
        page.wait_for_function(
            """(n) => document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets').length >= n
                     || document.querySelector('[data-mime-type="application/vnd.jupyter.stderr"]')""",
            arg=expected, polling=250, timeout=timeout * 1000)
    except PlaywrightTimeout:
        return [f"the widgets were not drawn within {timeout:.0f} s"]
    page.wait_for_timeout(500)  # the last redraws of a widget's first state
    return []


def dashboard_page_problems(page, path: Path, width: int) -> list[str]:
    """What a class would see wrong in the dashboard open in ``page`` at ``width`` px."""
    import browser_support as bs

    page.set_viewport_size({"width": width, "height": 900})
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    state = page.evaluate(_JS_STATE)
    problems = [f"{e!r}" for e in state["errors"]]
    problems += [f"the page says {w!r}" for w in _FAILURE_WORDS if w in state["text"]]
    if state["widgets"] < _expected_widgets(path):
        problems.append(f"only {state['widgets']} of {_expected_widgets(path)} widgets were drawn")
    problems += [f"a widget output shows {t!r}" for t in state["placeholders"]]
    problems += [f"raw Markdown on the page: {line[:60]!r}" for line in state["text"].splitlines()
                 if re.match(r"\s*(#{2,} |\*\*\w)", line)]
    # The lessons' presentation rules (cut-off labels and cells, wide elements, chart text < 10 px),
    # applied to Voila's page instead of JupyterLab's notebook panel.
    js = bs._JS_PRESENTATION.replace("window.jupyterapp.shell.currentWidget.node", "document.body")
    problems += [f"{p} at {width} px" for p in page.evaluate(js)]
    if width >= 1280:
        problems += [f"chart text shown {px:.1f} px high at {width} px, under {PROJECTION_MIN_PX:.0f} px for a projector"
                     for px in page.evaluate(_JS_CHART_TEXT) if px < PROJECTION_MIN_PX]
    failures, _notes = bs.accessibility_problems(page)
    problems += failures
    return problems


def save_dashboard_screenshot(page, name: str, width: int) -> Path:
    """The whole dashboard, ``width`` px wide, in test-output/dashboards/<name>-<width>.png."""
    page.set_viewport_size({"width": width, "height": 900})
    height = page.evaluate(_JS_CONTENT_HEIGHT)
    page.set_viewport_size({"width": width, "height": max(900, min(int(height) + 20, 20000))})
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    path = ROOT / "test-output" / "dashboards" / f"{name}-{width}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": width, "height": 900})
    return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    import browser_support as bs

    with bs.chromium_context(tmp_path_factory.mktemp("chromium-dashboards")) as context:
        yield context


@pytest.fixture
def page(browser):
    """A fresh tab that records console errors and refuses every request that would leave the machine."""
    import browser_support as bs

    page = browser.new_page()
    page.console_errors = bs.collect_console_errors(page)
    page.outside = []
    page.failed = []
    page.on("requestfailed", lambda request: page.failed.append(request.url))

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            request_route.continue_()
        else:
            if not url.startswith(TEMPLATE_CDN):
                page.outside.append(url)
            request_route.abort()

    page.route("**/*", route)
    yield page
    page.close()


def _console_problems(page) -> list[str]:
    """Console errors and failed requests, except the blocked template stylesheets (each of which
    also shows as one "Failed to load resource: net::ERR_FAILED" console line)."""
    failed = [u for u in page.failed if not u.startswith(TEMPLATE_CDN)]
    errors = page.console_errors if failed else [e for e in page.console_errors if "net::ERR_FAILED" not in e]
    return errors + [f"a request failed: {u}" for u in failed] + [f"a request left the machine: {u}" for u in page.outside]


@pytest.fixture(scope="module")
def course_voila(browser, tmp_path_factory):
    with VoilaServer(FOLDER, tmp_path_factory.mktemp("voila-course")) as server:
        yield server


@pytest.mark.browser
@pytest.mark.parametrize("path", DASHBOARDS, ids=lambda p: p.stem)
def test_dashboard_in_voila(page, course_voila, path):
    problems = open_dashboard(page, course_voila, path)
    for width in WIDTHS:
        save_dashboard_screenshot(page, path.stem, width)
        problems += dashboard_page_problems(page, path, width)
    problems += _console_problems(page)
    assert problems == [], "\n".join(problems) + f"\nVoila log:\n{course_voila.log_tail()}"


@pytest.mark.browser
def test_the_career_plan_downloads_in_the_browser(page, course_voila):
    path = FOLDER / "17-career-plan.ipynb"
    assert open_dashboard(page, course_voila, path) == []
    page.get_by_role("button", name="Save my plan").click()
    link = page.get_by_role("link", name="Download my-career-plan.md")
    link.wait_for(timeout=30000)
    with page.expect_download(timeout=30000) as download:
        link.click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "my-career-plan.md"
    assert text.startswith("# My career plan") and "## Steps" in text
    assert not list(FOLDER.glob("*.md")), "nothing is written into dashboards/"


@pytest.mark.browser
def test_the_check_reports_a_broken_dashboard_and_notebook_size_charts(page, tmp_path):
    """A widget cell that raises, and a chart drawn at the lessons' size, are both reported."""
    folder = tmp_path / "faulty"
    folder.mkdir()
    shutil.copy(FOLDER / "voila.json", folder)
    broken = nbformat.read(FOLDER / "17-career-plan.ipynb", as_version=4)
    broken.cells[2].source = "widgets.career_plan(dashbord=True)"  # a typo: TypeError in the kernel
    nbformat.write(broken, folder / "broken.ipynb")
    small = nbformat.read(FOLDER / "02-path-comparer.ipynb", as_version=4)
    small.cells[2].source = "widgets.path_comparer()"  # the lesson's size: 8.5 pt at 100 dpi
    nbformat.write(small, folder / "small.ipynb")
    with VoilaServer(folder, tmp_path / "voila") as server:
        problems = open_dashboard(page, server, folder / "broken.ipynb", timeout=120)
        problems += dashboard_page_problems(page, folder / "broken.ipynb", 1280)
        assert any("There was an error" in p for p in problems), problems
        assert any("only 0 of 1 widgets were drawn" in p for p in problems), problems
        page_text = page.evaluate("() => document.body.innerText")
        assert "Ask your instructor" in page_text and "Traceback" not in page_text and "dashbord" not in page_text
        assert open_dashboard(page, server, folder / "small.ipynb", timeout=120) == []
        problems = dashboard_page_problems(page, folder / "small.ipynb", 1280)
        assert any("under 14 px for a projector" in p for p in problems), problems
