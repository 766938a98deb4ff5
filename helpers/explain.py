"""Show a helper's "bad input" message as a message, not a traceback, in cells meant to be tried.

A "Try it" cell invites the learner to type something wrong and see what the
course says. Wrapped in ``explain.errors()``, the helper's message appears in a
box and the notebook runs on (Run All does not stop there); a real bug, any
error other than a bad value, still shows its traceback.

>>> with errors():
...     int("twelve")
Check your entry: invalid literal for int() with base 10: 'twelve'
"""
from __future__ import annotations

import contextlib
import html
import sys
from typing import Iterator

__all__ = ["errors", "EXPLAINED"]

#: The errors a helper raises for bad input: they carry a message written for the learner.
EXPLAINED = (ValueError, LookupError, TypeError)


def _show(text: str) -> None:
    shell = None
    ipython = sys.modules.get("IPython")
    if ipython is not None:
        try:
            shell = ipython.get_ipython()
        except Exception:  # noqa: BLE001 - no shell: plain text below
            shell = None
    if shell is None:
        print(f"Check your entry: {text}")
        return
    from IPython.display import HTML, display

    display(HTML('<div role="status" style="border-left:4px solid #D55E00;padding:4px 8px;margin:4px 0">'
                 f"<b>Check your entry:</b> {html.escape(text)}</div>"))


@contextlib.contextmanager
def errors() -> Iterator[None]:
    """Run the block; if a helper refuses a value, show its message instead of a traceback."""
    try:
        yield
    except EXPLAINED as exc:
        _show(str(exc) or type(exc).__name__)
