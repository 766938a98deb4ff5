"""What a learner's kernel does when it is graded: hand over its answers as plain data, judge nothing.

The grader (``python -m helpers.instructor grade``) runs a learner's cells, then one more cell that
calls :func:`export_answers`. For each problem it writes one JSON line to ``answers.jsonl`` in the
run's folder: the value of the learner's variable (made plain by :mod:`helpers.checks.wire`), or,
for a function, what it returned (or raised) on each input the grader sent in ``cases.json``.
Nothing is compared here: the grader compares, in its own process, with results it computed itself.
Patching the checks or the comparison inside the notebook therefore changes nothing.

Each problem is handled in a forked copy of the kernel that is killed (``SIGKILL``, which no
``except BaseException`` can catch) when it runs past its time, so an endless function costs that
problem only. The run's folder holds ``export.json``: ``{"problems": [{"key", "name", "kind",
"time_limit"}...]}``.

>>> _one_problem({"key": "x.q1", "name": "total", "kind": "value"}, {"total": 4}, {})
{'problem': 'x.q1', 'answer': 4}
>>> _one_problem({"key": "x.q1", "name": "total", "kind": "value"}, {}, {})
{'problem': 'x.q1', 'missing': True}
"""
from __future__ import annotations

import copy
import json
import os
import select
import signal
import sys
import time
from pathlib import Path
from typing import Any, Mapping

from . import wire
from .timelimit import TimeLimitExceeded, call_with_time_limit

__all__ = ["export_answers", "ANSWERS_FILE", "EXPORT_FILE", "CASES_FILE", "VALUE_SECONDS"]

ANSWERS_FILE, EXPORT_FILE, CASES_FILE = "answers.jsonl", "export.json", "cases.json"
#: How long handing over one variable may take (a value is only read and converted).
VALUE_SECONDS = 20.0
_MISSING: Any = object()


def _call_results(fn: Any, cases: list[list[Any]], limit: float, emit: Any) -> None:
    for args in cases:
        try:
            got = call_with_time_limit(fn, tuple(copy.deepcopy(args)), {}, limit)
            emit({"ok": wire.encode(got)})
        except NotImplementedError:
            emit({"not_implemented": True})
        except TimeLimitExceeded:
            emit({"timeout": True})
            return
        except wire.TooLarge as exc:
            emit({"too_large": str(exc)})
        except BaseException as exc:  # noqa: BLE001 - anything the learner's code raises
            try:
                text = str(exc)[:300]
            except BaseException:  # noqa: BLE001
                text = ""
            emit({"raised": type(exc).__name__[:60], "message": text})


def _one_problem(problem: Mapping[str, Any], namespace: Mapping[str, Any], cases: Mapping[str, Any],
                 emit: Any = None) -> dict[str, Any]:
    """The answer to one problem as plain data (function results are passed to ``emit`` one by one)."""
    key = problem["key"]
    try:
        value = namespace.get(problem["name"], _MISSING)
    except BaseException:  # noqa: BLE001
        value = _MISSING
    if value is _MISSING:
        return {"problem": key, "missing": True}
    if problem["kind"] == "function" and callable(value) and emit is not None:
        emit({"problem": key, "function": True})
        args = [wire.decode(a) for a in cases.get(key, [])]
        _call_results(value, args, float(problem.get("time_limit", 2.0)), emit)
        return {"problem": key, "finished": True}
    try:
        return {"problem": key, "answer": wire.encode(value)}
    except wire.TooLarge as exc:
        return {"problem": key, "too_large": str(exc)}


def _in_child(problem: Mapping[str, Any], namespace: Mapping[str, Any], cases: Mapping[str, Any],
              deadline: float) -> list[dict[str, Any]]:
    """Run :func:`_one_problem` in a forked copy of this process; kill it at ``deadline`` (monotonic)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no output to the notebook, answers down the pipe, never return
        os.close(read_fd)
        try:
            devnull = open(os.devnull, "w")
            sys.stdout = sys.stderr = devnull
            out = os.fdopen(write_fd, "w", buffering=1)

            def emit(item: dict[str, Any]) -> None:
                out.write(json.dumps(item, allow_nan=True) + "\n")
                out.flush()
            emit(_one_problem(problem, namespace, cases, emit))
        finally:
            os._exit(0)
    os.close(write_fd)
    chunks, timed_out = [], False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_fd], [], [], min(left, 1.0))
            if ready:
                data = os.read(read_fd, 1 << 16)
                if not data:
                    break
                chunks.append(data)
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
        os.waitpid(pid, 0)
        os.close(read_fd)
    lines = []
    for line in b"".join(chunks).decode("utf-8", "replace").splitlines():
        try:
            lines.append(json.loads(line))
        except ValueError:
            continue
    if timed_out:
        lines.append({"killed": True})
    return lines


def export_answers(folder: str, namespace: Mapping[str, Any] | None = None) -> None:
    """Write ``answers.jsonl`` in ``folder`` for every problem listed in its ``export.json``."""
    from .problems import _caller_namespace

    namespace = _caller_namespace() if namespace is None else namespace
    where = Path(folder)
    problems = json.loads((where / EXPORT_FILE).read_text(encoding="utf-8"))["problems"]
    cases_path = where / CASES_FILE
    cases = json.loads(cases_path.read_text(encoding="utf-8")) if cases_path.exists() else {}
    with open(where / ANSWERS_FILE, "a", encoding="utf-8") as out:
        for problem in problems:
            n_cases = len(cases.get(problem["key"], []))
            seconds = VALUE_SECONDS + (n_cases * (float(problem.get("time_limit", 2.0)) + 0.5) if
                                       problem["kind"] == "function" else 0)
            if hasattr(os, "fork"):
                lines = _in_child(problem, namespace, cases, time.monotonic() + seconds)
            else:  # no fork (Windows): in this process, with the in-process time limit only
                lines = []
                lines.append(_one_problem(problem, namespace, cases, lines.append))
            out.write(json.dumps({"problem": problem["key"], "lines": lines}, allow_nan=True) + "\n")
            out.flush()
