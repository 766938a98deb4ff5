"""Helpers for tests/test_site.py: serve a built site on 127.0.0.1 and find what a reader must not see.

- ``serve(folder)``: a static file server on a free local port, stopped when the block ends.
- ``text_problems(text)``: raw error output, tracebacks and widget repr text in a page's text.
- ``page_problems(page, url, width, checked)``: opens one page at one width and lists every problem:
  the text problems, internal links that do not answer 200, images without alternative text or
  that did not load, a page wider than the window, and serious/critical axe-core violations.
"""
from __future__ import annotations

import functools
import http.server
import re
import threading
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

__all__ = ["serve", "text_problems", "page_problems", "WIDGET_REPR"]

#: The text form of an ipywidgets widget, which is what a static page shows when a widget has no HTML.
WIDGET_REPR = re.compile(r"\b(VBox|HBox|Box|GridBox|Panel|Quiz|HTML|HTMLMath|Label|Output|IntSlider|FloatSlider|"
                         r"Dropdown|RadioButtons|Button|Checkbox|Text|Textarea|SelectMultiple|ChartView)\((children|value|"
                         r"description|options|layout|outputs)=")
_ERRORS = [
    (re.compile(r"Traceback \(most recent call last\)"), "a Python traceback"),
    (re.compile(r"(?m)^\s*[A-Z][A-Za-z]*(Error|Exception): "), "raw error output"),
    (re.compile(r"Error displaying widget|Failed to (load|render) "), "a widget that failed to draw"),
]


def text_problems(text: str, where: str = "page") -> list[str]:
    """What in ``text`` (a page's visible text) a reader must not see.

    >>> text_problems("All good: 3 of 5 correct.")
    []
    >>> text_problems("VBox(children=(HTML(value='x'),))")[0]
    "page: widget repr text instead of the widget: 'VBox(children='"
    """
    found = [f"{where}: widget repr text instead of the widget: {m.group(0)!r}" for m in WIDGET_REPR.finditer(text)][:3]
    for pattern, what in _ERRORS:
        match = pattern.search(text)
        if match:
            start = max(0, match.start() - 40)
            found.append(f"{where}: {what}: ...{text[start:match.end() + 60]!r}")
    return found


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output readable
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)  # the browser left a page early: not a problem


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port); yields the base URL ending in a slash."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


_JS_LINKS = "() => Array.from(document.querySelectorAll('a[href]'), a => a.href)"
_JS_IMAGES = """() => Array.from(document.images, img => ({src: img.src.slice(0, 80), alt: img.getAttribute('alt'),
  ok: img.complete && img.naturalWidth > 0}))"""
_JS_IDS = "(id) => Boolean(document.getElementById(id))"


def page_problems(page, url: str, width: int, checked: dict[str, int], base: str) -> list[str]:
    """Everything wrong with the page at ``url`` shown ``width`` px wide (``checked`` caches link statuses)."""
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(url, wait_until="load")
    where = f"{url.removeprefix(base) or 'home'} at {width} px"
    if response is None or response.status != 200:
        return [f"{where}: the page itself answered {response.status if response else 'nothing'}"]
    # Outputs only: a lesson's prose may quote an error message to explain it.
    outputs = page.evaluate("() => Array.from(document.querySelectorAll('.outputs'), o => o.innerText).join('\\n')")
    problems = text_problems(outputs, where)
    problems += [f"{where}: a cell's error output is shown" for _ in range(page.locator(".output-error").count())][:1]
    for link in sorted(set(page.evaluate(_JS_LINKS))):
        if not link.startswith(base):
            continue  # Binder, the hub and the repository are outside the site: not fetched (no network)
        target, _, fragment = link.partition("#")
        if target not in checked:
            checked[target] = _status(target)
        if checked[target] != 200:
            problems.append(f"{where}: the link {link.removeprefix(base)!r} answers {checked[target]}")
        elif fragment and target.rstrip("/") == url.partition("#")[0].rstrip("/") and not page.evaluate(_JS_IDS, fragment):
            problems.append(f"{where}: the link '#{fragment}' points at nothing on the page")
    for img in page.evaluate(_JS_IMAGES):
        if not img["alt"]:
            problems.append(f"{where}: an image has no alternative text ({img['src']})")
        if not img["ok"]:
            problems.append(f"{where}: an image did not load ({img['src']})")
    wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    if wide > 2:
        problems.append(f"{where}: the page is {wide} px wider than the window (sideways scrolling)")
    violations = Axe().run(page, options={"resultTypes": ["violations"]}).response["violations"]
    for v in violations:
        if v["impact"] in ("serious", "critical"):
            nodes = ", ".join(" ".join(n["target"])[-60:] for n in v["nodes"][:2])
            problems.append(f"{where}: accessibility ({v['impact']}) {v['id']}: {v['help']} - e.g. {nodes}")
    return problems
