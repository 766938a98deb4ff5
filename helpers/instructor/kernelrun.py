"""Run one submission's cells in a fresh kernel and collect its answers (the grader's worker process).

    python -m helpers.instructor.kernelrun IN WORK

The grader starts this, in its own session (and inside the sandbox where there is one), for each
submission; nothing here is trusted, it only produces data. ``IN`` (read-only) is copied into the
empty folder ``WORK``, where the notebook runs; it holds ``job.json``
(``notebook``: a file name, or ``-`` for standard input; ``timeout``, ``skip``: cell numbers not to run, ``stop_before``: the first cell
not to run), the notebook, and what :mod:`helpers.checks.export` needs. After the learner's cells
one more cell hands over the answers (``answers.jsonl``); the grader judges them.

Progress goes to standard output as JSON lines: ``{"cell": N}`` when cell N starts, then one
``{"done": {...}}`` with the cell errors and why the run stopped early (if it did), or
``{"died": N}`` / ``{"stuck": N}`` when cell N killed the kernel or could not be interrupted
(the grader then runs the notebook again without it). Before ``done`` come the answers, one
``{"answer": ...}`` per problem, and (for ``--trust-records``) the notebook's own check records,
one ``{"record": ...}`` each.

>>> EXPORT_CELL_ID
'mrt-export'
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from helpers.instructor.cells import cell_errors, run_in_time

__all__ = ["run", "main", "EXPORT_CELL_ID"]

EXPORT_CELL_ID = "mrt-export"


def _say(item: dict[str, Any]) -> None:
    sys.__stdout__.write(json.dumps(item) + "\n")
    sys.__stdout__.flush()


def _client_class() -> type:
    from nbclient import NotebookClient

    class KeepErrorsOnly(NotebookClient):
        """Keeps only error outputs: a cell printing gigabytes costs no memory here."""

        def output(self, outs: list, msg: dict, display_id: Any, cell_index: int) -> Any:
            if msg.get("msg_type") != "error":
                return None
            return super().output(outs, msg, display_id, cell_index)

    return KeepErrorsOnly


def run(folder: Path) -> dict[str, Any]:
    """Run the job in ``folder``; returns what ``{"done": ...}`` reports (or a died/stuck event)."""
    import nbformat
    from jupyter_core.utils import run_sync
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    job = json.loads((folder / "job.json").read_text(encoding="utf-8"))
    if job["notebook"] == "-":  # sent down a pipe by the grader: no file for another submission to overwrite
        nb = nbformat.reads(sys.stdin.read(), as_version=4)
    else:
        nb = nbformat.read(folder / job["notebook"], as_version=4)
    timeout, skip, stop_before = float(job["timeout"]), set(job.get("skip", [])), job.get("stop_before")
    env = {k: v for k, v in os.environ.items()}
    client = _client_class()(nb, kernel_name="python3", allow_errors=True, startup_timeout=60,
                             shutdown_kernel="immediate", resources={"metadata": {"path": str(folder)}})
    errors: list[str] = []
    stopped: str | None = None
    started = time.monotonic()
    deadline = started + timeout
    current: Any = 0
    with client.setup_kernel(env=env, cwd=str(folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
        try:
            for index, cell in enumerate(list(nb.cells)):
                if cell.get("cell_type") != "code":
                    continue
                current = index + 1
                if current in skip:
                    continue
                if stop_before is not None and current >= stop_before:
                    break
                _say({"cell": current})
                stopped, running = run_in_time(client, cell, index, current, deadline, timeout)
                if running:
                    run_sync(client.km.interrupt_kernel)()
                    probe = nbformat.v4.new_code_cell("pass")
                    client.timeout = 5
                    try:
                        client.execute_cell(probe, index)
                    except CellTimeoutError:
                        return {"stuck": current}
                if stopped:
                    break
                errors += cell_errors(cell, current)
            current = "export"
            _say({"cell": current})
            export = nbformat.v4.new_code_cell(
                "from helpers.checks.export import export_answers as _mrt_export\n"
                f"_mrt_export({str(folder)!r})")
            export.id = EXPORT_CELL_ID
            nb.cells.append(export)
            client.timeout = max(1, int(float(job.get("export_timeout", 120))))
            try:
                client.execute_cell(export, len(nb.cells) - 1)
                errors += [f"collecting the answers: {e.split(': ', 1)[1]}" for e in cell_errors(export, 0)]
            except CellTimeoutError:
                stopped = (stopped + "; then " if stopped else "") + "collecting the answers ran out of time"
        except DeadKernelError:
            if current and current != "export":
                return {"died": current}
            stopped = (stopped + "; then " if stopped else "") + "the kernel died while its answers were collected"
    return {"done": {"errors": errors, "stopped": stopped, "seconds": round(time.monotonic() - started, 2)}}


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the job in the folder given, report on standard output."""
    args = sys.argv[1:] if argv is None else argv
    import logging
    import shutil

    from helpers.checks.export import ANSWERS_FILE
    from helpers.checks.records import GRADING_ENV, read_records

    work = Path(args[1])
    work.mkdir(parents=True, exist_ok=True)
    for item in Path(args[0]).iterdir():
        shutil.copy(item, work / item.name)
    os.environ[GRADING_ENV] = str(work / ".mrt-grading.jsonl")

    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    logging.getLogger("traitlets").setLevel(logging.CRITICAL)
    try:
        outcome = run(work)
    except Exception as exc:  # noqa: BLE001 - any failure becomes a reason for the grader
        outcome = {"done": {"errors": [], "stopped": f"the notebook could not be run: {type(exc).__name__}: "
                                                    f"{str(exc)[:300]}", "seconds": 0}}
    if "done" in outcome:
        try:
            with open(work / ANSWERS_FILE, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    try:
                        _say({"answer": json.loads(line)})
                    except ValueError:
                        continue
        except OSError:
            pass
        for record in read_records(work / ".mrt-grading.jsonl"):
            _say({"record": record})
    _say(outcome)
    return 0


if __name__ == "__main__":
    sys.exit(main())
