"""Helpers for tests/test_browser.py: a throw-away JupyterLab server, headless Chromium, checks.

The browser test opens notebooks the way a learner does (JupyterLab in a browser), runs every
cell and looks at what was drawn. Everything the test needs lives here so the test module reads
as a short list of scenarios:

- ``LabServer``: starts ``python -m jupyterlab`` on 127.0.0.1 with a random token and private
  Jupyter config/data/runtime folders (the learner's own ``~/.jupyter`` is never touched), and
  stops it again, kernels included.
- ``launch_chromium``: Debian's Chromium driven by Playwright, never a downloaded browser.
- ``open_and_run``: opens a notebook, runs all cells, waits for the kernel and widgets to settle.
- ``find_problems``: the single checking function; returns a list of problems (empty = good).
- ``write_widget_notebook``: the tiny generated notebook that proves the check works both ways.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "CHROMIUM_FLAGS",
    "WIDGET_MANAGER",
    "LabServer",
    "REPO_ROOT",
    "RunResult",
    "browser_unavailable_reason",
    "find_chromium",
    "find_problems",
    "launch_chromium",
    "open_and_run",
    "notebook_state",
    "save_screenshot",
    "widget_manager_active",
    "write_widget_notebook",
]

REPO_ROOT = Path(__file__).resolve().parents[1]
WIDGET_MANAGER = "@jupyter-widgets/jupyterlab-manager"
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"

#: Flags this machine needs: no sandbox as root, no GPU, and no background traffic to Google
#: (the machine is offline, so every such request would only add noise and delay).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

ENABLE_HINT = (
    "To run the browser check install Debian's Chromium (`sudo apt-get install chromium` on "
    "Debian/Ubuntu) and the test tools (`make test`)."
)

#: Browser console errors that are not the course's fault. Keep each entry specific and say why.
KNOWN_CONSOLE_NOISE: list[str] = []

#: JupyterLab user settings for the test server (written into its private config dir).
LAB_SETTINGS = {
    # Never write outputs back into the committed lesson notebooks.
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    # Attach every cell to the page so every output can be inspected and photographed.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    # No "would you like to receive news?" toast and no update check on an offline machine.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


# --------------------------------------------------------------------------- availability


def find_chromium() -> str | None:
    """Return the path of Debian's Chromium, or None if it is not installed."""
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def browser_unavailable_reason() -> str | None:
    """Say why the browser check cannot run here (None when it can).

    >>> reason = browser_unavailable_reason()
    >>> reason is None or "apt-get install chromium" in reason
    True
    """
    if find_chromium() is None:
        return "Chromium is not installed. " + ENABLE_HINT
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python Playwright is not installed. " + ENABLE_HINT
    return None


# --------------------------------------------------------------------------- the lab server


def free_port() -> int:
    """Ask the operating system for a port nobody is listening on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LabServer:
    """A JupyterLab server in private Jupyter folders under ``workdir``.

    Use it as a context manager; leaving the block shuts down its kernels and the server,
    also when the test failed.
    """

    root_dir: Path
    workdir: Path
    disabled_extensions: tuple[str, ...] = ()
    startup_timeout: float = 60.0
    port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: secrets.token_hex(24))
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """Base URL of the server, ending in a slash."""
        return f"http://127.0.0.1:{self.port}/"

    @property
    def log_path(self) -> Path:
        """File that receives the server's stdout and stderr."""
        return self.workdir / "jupyter-lab.log"

    def log_tail(self, lines: int = 40) -> str:
        """Last lines of the server log, for failure messages."""
        if not self.log_path.exists():
            return "(no server log)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def environment(self) -> dict[str, str]:
        """Environment with private Jupyter/IPython/matplotlib folders, the token, no progress file.

        The venv's own ``share/jupyter`` and ``etc/jupyter`` stay on Jupyter's search path (they
        come from ``sys.prefix``), so its kernels and lab extensions are still found.
        """
        env = dict(os.environ)
        for name, sub in [
            ("JUPYTER_CONFIG_DIR", "config"),
            ("JUPYTER_DATA_DIR", "data"),
            ("JUPYTER_RUNTIME_DIR", "runtime"),
            ("IPYTHONDIR", "ipython"),
            ("MPLCONFIGDIR", "matplotlib"),
        ]:
            env[name] = str(self.workdir / sub)
        env["JUPYTER_TOKEN"] = self.token
        # Running a lesson must not record anything in the learner's progress file
        # (helpers.checks.progress.PROGRESS_ENV).
        env["MRT_PROGRESS_FILE"] = "off"
        env.pop("JUPYTER_PREFER_ENV_PATH", None)
        return env

    def write_config(self) -> None:
        """Write user settings and, if asked, a page_config.json disabling extensions."""
        settings_dir = self.workdir / "config" / "lab" / "user-settings"
        for relative, values in LAB_SETTINGS.items():
            path = settings_dir / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values, indent=2))
        if self.disabled_extensions:
            self._write_page_config(self.disabled_extensions)

    @property
    def page_config_path(self) -> Path:
        """The server's labconfig/page_config.json (read again for every page it serves)."""
        return self.workdir / "config" / "labconfig" / "page_config.json"

    def _write_page_config(self, disabled_extensions) -> None:
        self.page_config_path.parent.mkdir(parents=True, exist_ok=True)
        disabled = {name: True for name in disabled_extensions}
        self.page_config_path.write_text(json.dumps({"disabledExtensions": disabled}, indent=2))

    @contextmanager
    def extensions_disabled(self, *names: str):
        """Pages loaded inside the block come without the named extensions; a running server
        picks this up on the next page load, so one server can serve both kinds of page."""
        self._write_page_config((*self.disabled_extensions, *names))
        try:
            yield self
        finally:
            if self.disabled_extensions:
                self._write_page_config(self.disabled_extensions)
            else:
                self.page_config_path.unlink(missing_ok=True)

    def command(self) -> list[str]:
        """The command line that starts the server."""
        root_flag = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        return [
            sys.executable, "-m", "jupyterlab", *root_flag,
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.root_dir}",
            # Keep checkpoints out of the course folders (an absolute path wins the join).
            f"--FileCheckpoints.checkpoint_dir={self.workdir / 'checkpoints'}",
            # Lets the test run JupyterLab commands through window.jupyterapp.
            "--LabApp.expose_app_in_browser=True",
        ]

    def start(self) -> LabServer:
        """Start the server and wait (bounded) until its API answers."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.write_config()
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            self.command(), cwd=self.root_dir, env=self.environment(),
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
        log.close()
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"JupyterLab exited with code {self.process.returncode} while starting.\n"
                    f"Server log:\n{self.log_tail()}"
                )
            try:
                self.api("GET", "api/status")
                return self
            except OSError:
                time.sleep(0.25)
        self.stop()
        raise TimeoutError(
            f"JupyterLab did not answer on {self.url} within {self.startup_timeout:.0f} s.\n"
            f"Server log:\n{self.log_tail()}"
        )

    def api(self, method: str, path: str, timeout: float = 5.0):
        """Call the server's REST API with the token; return the decoded JSON (or None)."""
        request = urllib.request.Request(
            self.url + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Shut down every kernel this server started (between lessons and before stopping)."""
        for kernel in self.api("GET", "api/kernels"):
            self.api("DELETE", f"api/kernels/{kernel['id']}", timeout=30)

    def stop(self) -> None:
        """Shut down kernels, then the server: politely first, forcefully if it hangs."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            self.shutdown_kernels()
        except (OSError, ValueError):
            pass  # The server is going away anyway; SIGTERM below also cleans up kernels.
        stop_process(self.process)

    def notebook_url(self, notebook: Path, workspace: str) -> str:
        """URL opening ``notebook`` alone in a fresh, named workspace."""
        relative = notebook.resolve().relative_to(self.root_dir.resolve()).as_posix()
        return f"{self.url}lab/workspaces/{workspace}/tree/{relative}?reset&token={self.token}"

    def __enter__(self) -> LabServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


# --------------------------------------------------------------------------- the browser


@contextmanager
def chromium_context(profile_dir: Path):
    """One headless Chromium (a Playwright browser context) for a test module, or a pytest skip
    naming what is missing. Use it in a module-scoped fixture: ``with chromium_context(dir) as c: yield c``."""
    import pytest

    reason = browser_unavailable_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = launch_chromium(playwright, profile_dir)
        try:
            yield context
        finally:
            context.close()


def stop_process(process: subprocess.Popen | None) -> None:
    """Stop a server started by a test: SIGTERM, then SIGKILL if it has not gone within 20 s."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def launch_chromium(playwright, user_data_dir: Path):
    """Launch Debian's Chromium with a fresh, empty profile; return a browser context."""
    user_data_dir.mkdir(parents=True, exist_ok=True)
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=find_chromium(),
        headless=True,
        args=CHROMIUM_FLAGS,
        viewport={"width": 1280, "height": 900},
    )


@dataclass
class RunResult:
    """What happened when a notebook was opened and run in the browser."""

    console_errors: list[str] = field(default_factory=list)
    run_error: str | None = None


def collect_console_errors(page) -> list[str]:
    """Start recording console errors and uncaught page errors; return the live list."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"console: {msg.text}")
            if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    return errors


# JavaScript run in the page. `jupyterapp` exists because of expose_app_in_browser.
# Each returns null on success or a problem; `ms` bounds the wait (page.evaluate has no timeout).
_JS_WAIT_FOR_KERNEL = """
async (ms) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const ready = (async () => {
    await panel.context.ready;
    await panel.sessionContext.ready;
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    if (!kernel) { return 'no kernel was started for the notebook'; }
    await kernel.info;
    return null;
  })();
  const late = new Promise(done => setTimeout(
      () => done(`the kernel was not ready after ${ms / 1000} s (a kernel dialog open?)`), ms));
  return Promise.race([ready, late]);
}
"""

_JS_RUN_ALL = """
async (ms) => {
  const run = window.jupyterapp.commands.execute('notebook:run-all-cells')
      .then(ok => ok === false ? 'run-all stopped at a failing cell' : null);
  const late = new Promise(done => setTimeout(
      () => done(`cells were still running after ${ms / 1000} s`), ms));
  return Promise.race([run, late]);
}
"""

# True once JupyterLab has started and shows the notebook's model.
_JS_NOTEBOOK_OPEN = """
() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return Boolean(panel && panel.content && panel.content.model);
}
"""

# True once the kernel is idle and no code cell is still queued or running.
_JS_SETTLED = """
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cells = Array.from(panel.content.model.cells);
  return kernel && kernel.status === 'idle'
      && !cells.some(c => c.type === 'code' && c.executionState === 'running');
}
"""

_JS_NOTEBOOK_STATE = """
(widgetMime) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = [];
  const model = panel.content.model;
  for (let i = 0; i < model.cells.length; i++) {
    const cell = model.cells.get(i);
    if (cell.type !== 'code') { continue; }
    const outputs = cell.outputs.toJSON();
    cells.push({
      index: i,
      source: cell.sharedModel.getSource().slice(0, 60),
      executionCount: cell.executionCount,
      widgetOutputs: outputs.filter(o => o.data && o.data[widgetMime]).length,
      errors: outputs.filter(o => o.output_type === 'error')
                     .map(o => `raised ${o.ename}: ${o.evalue}`)
                     .concat(outputs.filter(o => o.output_type === 'stream' && o.name === 'stderr')
                                    .map(o => [].concat(o.text).join(''))
                                    .filter(text => text.includes('Traceback'))
                                    .map(text => `printed a traceback: ${text.slice(-300)}`)),
    });
  }
  return {cells: cells};
}
"""

# Top-level outputs of notebook cells (not outputs nested inside an Output widget) whose
# renderer drew a live widget view. Without the widget manager the same output is drawn as
# plain text such as "IntSlider(value=0)".
_JS_COUNT_WIDGET_VIEWS = """
(node) => Array.from(node.querySelectorAll(
    '.jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output'))
  .filter(output => output.querySelector(':scope > .jupyter-widgets')).length
"""

# Texts the widget renderer writes into an output *instead of* a view: "Loading widget..."
# while it waits, "Error displaying widget[: model not found]" when it gives up. Looking only at
# childless output nodes keeps lesson prose that mentions these phrases from matching.
_JS_WIDGET_PLACEHOLDERS = """
(node) => Array.from(node.querySelectorAll('.jp-OutputArea-output'))
  .filter(output => output.childElementCount === 0)
  .map(output => output.textContent.trim())
  .filter(text => text.startsWith('Error displaying widget') || text === 'Loading widget...')
"""

_JS_RENDERED = """
() => {
  const panel = window.jupyterapp.shell.currentWidget.node;
  const texts = sel => Array.from(panel.querySelectorAll(sel)).map(n => n.innerText);
  return {
    widgetViews: (%s)(panel),
    placeholders: (%s)(panel),
    // JupyterLab 4 draws error outputs with this stderr mime type too. Cell outputs are checked
    // in the model (which names the cell); this catches tracebacks inside Output widgets.
    widgetTracebacks: texts('.jupyter-widgets [data-mime-type="application/vnd.jupyter.stderr"]')
                        .filter(t => t.includes('Traceback')),
  };
}
""" % (_JS_COUNT_WIDGET_VIEWS, _JS_WIDGET_PLACEHOLDERS)

_JS_WIDGETS_DRAWN = """
(expected) => {
  const node = window.jupyterapp.shell.currentWidget.node;
  return (%s)(node) >= expected && (%s)(node).length === 0;
}
""" % (_JS_COUNT_WIDGET_VIEWS, _JS_WIDGET_PLACEHOLDERS)


def open_and_run(page, server: LabServer, notebook: Path, timeout: float = 180.0) -> RunResult:
    """Open ``notebook`` in JupyterLab, run all cells and wait until everything has settled.

    Waits (bounded by ``timeout`` seconds) for the kernel, then for run-all to finish, the
    kernel to be idle and no cell to be running, then for widget outputs to be drawn.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    deadline = time.monotonic() + timeout

    def remaining_ms() -> float:
        return max(1.0, deadline - time.monotonic()) * 1000

    result = RunResult(console_errors=collect_console_errors(page))
    page.goto(server.notebook_url(notebook, workspace=f"check-{notebook.stem}"),
              timeout=remaining_ms())
    page.wait_for_function(_JS_NOTEBOOK_OPEN, timeout=remaining_ms())
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")  # more room for the notebook
    result.run_error = (page.evaluate(_JS_WAIT_FOR_KERNEL, remaining_ms())
                        or page.evaluate(_JS_RUN_ALL, remaining_ms()))
    try:
        page.wait_for_function(_JS_SETTLED, polling=250, timeout=remaining_ms())
    except PlaywrightTimeout:
        result.run_error = result.run_error or f"the kernel was still busy after {timeout:.0f} s"
    wait_for_widgets(page, timeout=15.0)
    return result


def wait_for_widgets(page, timeout: float) -> None:
    """Give widget outputs up to ``timeout`` s to be drawn; return early once all are drawn.

    Not drawing in time is not an error here: ``find_problems`` reports what is missing.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    expected = sum(c["widgetOutputs"] for c in notebook_state(page)["cells"])
    if expected and not widget_manager_active(page):
        return  # nothing could ever draw them
    try:
        page.wait_for_function(_JS_WIDGETS_DRAWN, arg=expected, polling=250,
                               timeout=timeout * 1000)
    except PlaywrightTimeout:
        pass


def notebook_state(page) -> dict:
    """The notebook model as the browser sees it: per code cell, run state and outputs."""
    return page.evaluate(_JS_NOTEBOOK_STATE, WIDGET_VIEW_MIME)


# --------------------------------------------------------------------------- the check


def is_known_noise(message: str) -> bool:
    """True for console errors listed in KNOWN_CONSOLE_NOISE."""
    return any(pattern in message for pattern in KNOWN_CONSOLE_NOISE)


def find_problems(page, result: RunResult) -> list[str]:
    """Inspect the notebook open in ``page`` after ``open_and_run``; return every problem found.

    An empty list means: every code cell ran, nothing raised, every widget output was drawn as
    a live widget, and the browser console stayed clean.
    """
    problems: list[str] = []
    if result.run_error:
        problems.append(result.run_error)
    state = notebook_state(page)
    rendered = page.evaluate(_JS_RENDERED)
    for cell in state["cells"]:
        where = f"cell {cell['index']} ({cell['source']!r})"
        if cell["executionCount"] is None and cell["source"].strip():
            problems.append(f"{where} did not run")
        problems += [f"{where} {error}" for error in cell["errors"]]
    expected_views = sum(cell["widgetOutputs"] for cell in state["cells"])
    if rendered["widgetViews"] < expected_views:
        problems.append(
            f"only {rendered['widgetViews']} of {expected_views} widget outputs were drawn as "
            "widgets (is the @jupyter-widgets/jupyterlab-manager extension active?)"
        )
    problems += [f"a widget output shows {text!r}" for text in rendered["placeholders"]]
    problems += [f"a widget shows a traceback: {text[-300:]}" for text in rendered["widgetTracebacks"]]
    problems += [e for e in result.console_errors if not is_known_noise(e)]
    return problems


# --------------------------------------------------------------------------- what a learner sees

# Problems of presentation inside cell outputs, at the page's current width: a table cell whose
# text was cut with "..." (pandas' own display does that), a missing value shown as pandas
# prints it (<NA>, nan, NaT, None as a whole cell) or an untouched answer (Ellipsis), and any
# element wider than its output area (it runs off the notebook column or needs scrolling).
# JupyterLab's own chrome is outside the outputs and is not looked at.
_JS_PRESENTATION = r"""
() => {
  const panel = window.jupyterapp.shell.currentWidget.node;
  const problems = [];
  const outputs = Array.from(panel.querySelectorAll('.jp-Cell-outputArea .jp-OutputArea-output'));
  const cellOf = node => {
    const cell = node.closest('.jp-Cell');
    const cells = Array.from(panel.querySelectorAll('.jp-Cell'));
    return cells.indexOf(cell);
  };
  const describe = el => (el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.') : ''));
  const missingWord = /^(<NA>|nan|NaN|NaT|None|Ellipsis)$/;
  // A code line wider than the editor hides its end: the learner must scroll sideways to read it.
  panel.querySelectorAll('.jp-CodeCell .jp-InputArea .cm-scroller').forEach(scroller => {
    const hidden = scroller.scrollWidth - scroller.clientWidth;
    if (hidden > 2) {
      const cell = scroller.closest('.jp-Cell');
      const lines = Array.from(scroller.querySelectorAll('.cm-line'));
      const longest = lines.reduce((a, b) => (b.innerText.length > a.innerText.length ? b : a), lines[0]);
      problems.push(`cell ${cellOf(cell)}: a code line is cut off (${hidden} px hidden): "${(longest ? longest.innerText : '').slice(0, 50)}..." - break it over two lines`);
    }
  });
  outputs.forEach(out => {
    const where = `cell ${cellOf(out)}`;
    out.querySelectorAll('td, th').forEach(td => {
      const text = td.innerText.trim();
      if (/(\.\.\.|\u2026)$/.test(text)) { problems.push(`${where}: a table cell is cut short: "${text.slice(-60)}"`); }
      if (missingWord.test(text)) { problems.push(`${where}: a table cell shows ${text} instead of a word for missing`); }
    });
    const plain = (out.innerText || '').trim();
    if (plain === 'Ellipsis') { problems.push(`${where}: shows Ellipsis (an answer not filled in yet)`); }
    if (/(^|[\s(\[{:,])<NA>([\s)\]},]|$)/.test(plain)) { problems.push(`${where}: shows <NA>`); }
    if (out.querySelector('mjx-container, .MathJax')) {
      problems.push(`${where}: text typeset as a formula (MathJax read two dollar signs as math; mark the HTML tex2jax_ignore mathjax_ignore)`);
    }
    out.querySelectorAll('img').forEach(img => {
      if (!img.naturalWidth || !img.clientWidth) { return; }
      const smallest = parseFloat(img.dataset.minTextPx);
      if (isNaN(smallest)) {
        problems.push(`${where}: a picture with no recorded text size (draw charts with helpers.charts, which records it)`);
      } else if (smallest * img.clientWidth / img.naturalWidth < 10) {
        problems.push(`${where}: chart text shown ${(smallest * img.clientWidth / img.naturalWidth).toFixed(1)} px high, under 10 px`);
      }
    });
    let cut = 0;
    out.querySelectorAll('label, span, button, .widget-label, .widget-label-basic').forEach(el => {
      if (cut >= 3 || getComputedStyle(el).textOverflow !== 'ellipsis') { return; }
      if (el.scrollWidth > el.clientWidth + 1) {  // ipywidgets shortens a label that does not fit to "..."
        problems.push(`${where}: a label is cut short to fit: "${(el.innerText || '').slice(0, 60)}" (give the widget more width or a shorter label)`);
        cut += 1;
      }
    });
    out.querySelectorAll('.widget-radio-box label').forEach(label => {
      if (label.scrollHeight > label.clientHeight + 2) {  // a long answer spills over the next one
        problems.push(`${where}: an answer's text runs out of its line box and over the next: "${label.innerText.slice(0, 50)}..."`);
      }
    });
    const box = out.getBoundingClientRect();
    if (box.width === 0) { return; }
    let reported = 0;
    out.querySelectorAll('*').forEach(el => {
      if (reported >= 2) { return; }
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > box.right + 2) {
        problems.push(`${where}: ${describe(el)} is ${Math.round(r.width)} px wide and runs ${Math.round(r.right - box.right)} px past the output area`);
        reported += 1;
      }
    });
    if (!reported && out.scrollWidth > out.clientWidth + 2) {
      problems.push(`${where}: the output needs sideways scrolling (${out.scrollWidth} px in ${out.clientWidth} px)`);
    }
  });
  return problems;
}
"""


#: axe-core's impacts that fail the check. "moderate" and "minor" findings are printed, not failed.
FAILING_IMPACTS = ("serious", "critical")

#: Known gaps, printed but not failed, each with why it is not fixed yet. A violation is excused only
#: when every place it is found matches the selector, so the same rule anywhere else still fails.
KNOWN_ACCESSIBILITY_GAPS = {
    ("aria-input-field-name", ".noUi-handle"): "the handle of ipywidgets' sliders carries no accessible "
        "name (the slider's label is not tied to it); an upstream ipywidgets limitation",
}


def accessibility_problems(page) -> tuple[list[str], list[str]]:
    """axe-core's findings inside the notebook's cell outputs: ``(failures, notes)``.

    Only the outputs are checked (``.jp-Cell-outputArea``): JupyterLab's own menus, toolbars and
    side panels are not the course's to fix. A serious or critical violation is a failure; a
    moderate or minor one is a note.
    """
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, context={"include": [[".jp-Cell-outputArea"]]},
                      options={"resultTypes": ["violations"]}).response["violations"]
    failures, notes = [], []
    for v in found:
        where = ", ".join(" ".join(n["target"])[-80:] for n in v["nodes"][:2])
        line = f"accessibility ({v['impact']}) {v['id']}: {v['help']} - {len(v['nodes'])} place(s), e.g. {where}"
        known = [why for (rule, selector), why in KNOWN_ACCESSIBILITY_GAPS.items()
                 if v["id"] == rule and all(selector in " ".join(n["target"]) or selector.strip(".") in n.get("html", "")
                                            for n in v["nodes"])]
        if known:
            notes.append(f"{line} [known gap: {known[0]}]")
        else:
            (failures if v["impact"] in FAILING_IMPACTS else notes).append(line)
    return failures, notes


def presentation_problems(page, width: int | None = None) -> list[str]:
    """Problems a learner would see in the outputs at the page's width (or ``width`` px, set first)."""
    if width is not None:
        height = page.viewport_size["height"] if page.viewport_size else 900
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    label = f" at {page.viewport_size['width']} px" if page.viewport_size else ""
    return [p + label for p in page.evaluate(_JS_PRESENTATION)]


def widget_manager_active(page) -> bool:
    """True when JupyterLab in ``page`` has activated the ipywidgets manager plugin."""
    return page.evaluate(
        "(id) => window.jupyterapp.isPluginActivated(id)", f"{WIDGET_MANAGER}:plugin"
    )


# --------------------------------------------------------------------------- outputs


# The notebook scrolls inside this element, not the page.
_SCROLLER = "window.jupyterapp.shell.currentWidget.content.node.querySelector('.jp-WindowedPanel-outer')"

# Window height at which the whole notebook fits without scrolling.
_JS_NOTEBOOK_HEIGHT = f"""
() => {{
  const scroller = {_SCROLLER};
  return Math.ceil(scroller.scrollHeight + window.innerHeight - scroller.clientHeight + 20);
}}
"""

# Scroll back to the first cell, then wait two frames so the new layout is painted.
_JS_SCROLL_TO_TOP = f"""
() => {{
  {_SCROLLER}.scrollTop = 0;
  return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
}}
"""


def save_screenshot(page, name: str, width: int = 1280) -> Path:
    """Save a picture of the whole notebook, ``width`` px wide, to test-output/browser/<name>.png.

    The notebook scrolls inside JupyterLab, so the window is first made as tall as the notebook.
    """
    page.set_viewport_size({"width": width, "height": 900})
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    height = page.evaluate(_JS_NOTEBOOK_HEIGHT)
    page.set_viewport_size({"width": width, "height": max(900, min(height, 20000))})
    page.evaluate(_JS_SCROLL_TO_TOP)
    path = REPO_ROOT / "test-output" / "browser" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path


def write_widget_notebook(path: Path) -> Path:
    """Write a two-cell notebook that displays one IntSlider; return its path."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3", "language": "python",
    }
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Browser self-check\nOne slider should appear below."),
        nbformat.v4.new_code_cell("import ipywidgets as w\nw.IntSlider(description='check')"),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, str(path))
    return path


def write_code_notebook(path: Path, cells: list[str]) -> Path:
    """Write a notebook of the given code cells (a Python 3 kernel); return its path."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(code) for code in cells]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, str(path))
    return path


def write_bad_presentation_notebook(path: Path) -> Path:
    """Write a notebook whose outputs show every presentation problem the check looks for; return its path.

    A pandas table cut with "...", <NA> and NaN in a table, an untouched answer (Ellipsis), a box
    too wide at any width, one that fits at 1280 but not at 1024 px, a chart with 5-point text,
    a text box without a label and a button without a name, a radio answer too long for its line, a checkbox label cut short, and last (run-all stops there) a cell that raises.
    """
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Presentation self-check\nEvery output below is something a learner must not see."),
        nbformat.v4.new_code_cell('import pandas as pd\nfrom IPython.display import HTML\n'
                                  'pd.DataFrame({"reason": ["category with subcodes: " + "not billable " * 8]})'),
        nbformat.v4.new_code_cell('pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": [1.5, float("nan")]})'),
        nbformat.v4.new_code_cell("answer = ...\nanswer"),
        nbformat.v4.new_code_cell('HTML("<div class=\'wide\' style=\'width:2400px;background:#eee\'>a very wide box</div>")'),
        nbformat.v4.new_code_cell('HTML("<div class=\'narrow\' style=\'width:900px;background:#eee\'>900 px</div>")'),
        nbformat.v4.new_code_cell('from helpers.charts import CourseFigure\nfig = CourseFigure(figsize=(9, 1))\n'
                                  '_ = fig.text(0.1, 0.5, "tiny text", fontsize=5)\nfig'),
        nbformat.v4.new_code_cell('HTML("<p>From $25k to $35k a year</p>")'),
        nbformat.v4.new_code_cell("long_line = 1  # " + "a comment far too long for the editor to show whole " * 4),
        nbformat.v4.new_code_cell('HTML("<input type=\'text\'> <button></button>")'),
        nbformat.v4.new_code_cell('import ipywidgets as w\nw.RadioButtons(options=["an answer " * 30, "short"], '
                                  'layout=w.Layout(width="auto"))'),
        nbformat.v4.new_code_cell('w.Checkbox(description="a checkbox label far too long for its box", indent=False, '
                                  'layout=w.Layout(width="150px"))'),
        nbformat.v4.new_code_cell("1 / 0"),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, str(path))
    return path

