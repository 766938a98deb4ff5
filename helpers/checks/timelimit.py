"""Run a learner's function with a time limit, so an endless loop cannot hang a check.

How: in the main thread of a Unix process (the usual case: a Jupyter kernel, a
plain script, a pytest worker) the limit is a ``SIGALRM`` timer
(``signal.setitimer``). When time is up the timer raises :class:`TimeLimitExceeded`
inside the learner's code, and keeps raising it every 50 ms in case the code
swallows it with a bare ``except:``. (Code that catches *every* exception inside
an endless loop cannot be stopped this way; the grader's per-notebook limit, which
interrupts and then kills the kernel, is the backstop.) Any timer already running (for example
pytest-timeout's) is saved and restored afterwards.

Elsewhere (Windows, or a check called from a thread other than the main one)
the function runs in a daemon thread and we stop *waiting* for it after the
limit. Python cannot kill a thread, so in that case a runaway function keeps
using CPU in the background until the kernel is restarted; the check still
reports Incorrect on time.

>>> call_with_time_limit(sum, ([1, 2, 3],), {}, seconds=1.0)
6
"""
from __future__ import annotations

import signal
import threading
import time
from typing import Any, Callable

__all__ = ["TimeLimitExceeded", "call_with_time_limit", "signal_timer_available"]


class TimeLimitExceeded(BaseException):
    """Raised when a learner's function runs past its limit.

    It derives from BaseException so that a learner's ``except Exception:`` does not swallow it.
    """


def signal_timer_available() -> bool:
    """True when ``SIGALRM`` timers can be used here (Unix, main thread).

    >>> isinstance(signal_timer_available(), bool)
    True
    """
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _with_signal(fn: Callable[..., Any], args: tuple, kwargs: dict, seconds: float) -> Any:
    state = {"active": True}

    def on_alarm(signum: int, frame: Any) -> None:
        if state["active"]:
            raise TimeLimitExceeded(seconds)

    started = time.monotonic()
    try:
        old_handler = signal.signal(signal.SIGALRM, on_alarm)
    except ValueError:  # signal.signal refused (e.g. an embedded interpreter): use a thread
        return _with_thread(fn, args, kwargs, seconds)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        return fn(*args, **kwargs)
    finally:
        state["active"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_delay > 0:  # give back what was left of an outer timer
            left = max(0.001, old_delay - (time.monotonic() - started))
            signal.setitimer(signal.ITIMER_REAL, left, old_interval)


def _with_thread(fn: Callable[..., Any], args: tuple, kwargs: dict, seconds: float) -> Any:
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller below
            box["error"] = exc

    worker = threading.Thread(target=run, name="mrt-check", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeLimitExceeded(seconds)
    if "error" in box:
        raise box["error"]
    return box.get("value")


def call_with_time_limit(fn: Callable[..., Any], args: tuple = (), kwargs: dict | None = None,
                         seconds: float = 2.0) -> Any:
    """Call ``fn(*args, **kwargs)``; raise :class:`TimeLimitExceeded` after ``seconds``.

    Exceptions raised by ``fn`` pass through unchanged.
    """
    kwargs = kwargs or {}
    if signal_timer_available():
        return _with_signal(fn, args, kwargs, seconds)
    return _with_thread(fn, args, kwargs, seconds)
