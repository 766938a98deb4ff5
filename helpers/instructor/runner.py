"""Run one notebook in a fresh kernel and collect the check results it produced.

Used by ``python -m helpers.instructor validate`` and ``grade``.
Each notebook gets its own kernel process (nbclient), its own empty working
folder, ``MRT_PROGRESS_FILE=off`` (a learner's progress is never touched) and a
private ``MRT_GRADING_FILE`` into which every check writes its outcome.

Time limit: ``timeout`` seconds for all the notebook's cells together (kernel
start-up not included). A cell still running when time is up is interrupted,
the remaining cells are skipped, and the notebook is marked as stopped with the
reason. With ``grade_lesson`` set, one extra cell then checks every problem of
that lesson (``helpers.checks.grading.check_all``), so deleted check cells do not
matter; it has its own ``grace`` seconds.

>>> RunReport(records=[], errors=[], stopped=None, seconds=0.0).ok
True
"""
from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers.checks.progress import PROGRESS_ENV
from helpers.checks.records import GRADING_ENV, read_records
from helpers.instructor.cells import cell_errors, run_in_time

__all__ = ["RunReport", "run_notebook"]


@dataclass
class RunReport:
    """What happened when a notebook ran."""

    records: list[dict[str, Any]]
    errors: list[str]
    stopped: str | None
    seconds: float

    @property
    def ok(self) -> bool:
        """True when every cell ran without an error."""
        return not self.errors and self.stopped is None


def run_notebook(nb: Any, *, timeout: float = 120.0, grade_lesson: str | None = None,
                 grace: float = 60.0, kernel_name: str = "python3") -> RunReport:
    """Execute ``nb`` (an nbformat NotebookNode, modified in place) and report what happened."""
    import nbformat
    from jupyter_core.utils import run_sync
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    started = time.monotonic()
    errors: list[str] = []
    stopped: str | None = None
    with tempfile.TemporaryDirectory(prefix="mrt-run-") as work:
        record_file = Path(work) / ".mrt-grading.jsonl"
        env = {**os.environ, GRADING_ENV: str(record_file), PROGRESS_ENV: "off", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
        client = NotebookClient(nb, kernel_name=kernel_name, allow_errors=True, startup_timeout=60,
                                shutdown_kernel="immediate", resources={"metadata": {"path": work}})
        deadline = started + timeout
        current = 0
        try:
            with client.setup_kernel(env=env, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
                timed_out = False
                for index, cell in enumerate(list(nb.cells)):
                    if cell.get("cell_type") != "code":
                        continue
                    current = index + 1
                    stopped, timed_out = run_in_time(client, cell, index, current, deadline, timeout)
                    if stopped:
                        break
                    errors += cell_errors(cell, current)
                if grade_lesson:
                    if timed_out:
                        run_sync(client.km.interrupt_kernel)()
                    grader = nbformat.v4.new_code_cell(
                        "from helpers.checks.grading import check_all as _mrt_check_all\n"
                        f"_mrt_check_all({grade_lesson!r})")
                    grader.id = "mrt-grader"
                    nb.cells.append(grader)
                    client.timeout = max(1, int(grace))
                    try:
                        client.execute_cell(grader, len(nb.cells) - 1)
                        errors += [f"grading step: {e.split(': ', 1)[1]}" for e in cell_errors(grader, 0)]
                    except CellTimeoutError:
                        stopped = (stopped + "; then " if stopped else "") + (
                            "the kernel did not respond to the grading step")
        except DeadKernelError:
            stopped = f"the kernel died while running cell {current} (it crashed or was killed)"
        except Exception as exc:  # noqa: BLE001 - any failure becomes a reason, never a crash
            stopped = f"the notebook could not be run: {type(exc).__name__}: {str(exc)[:300]}"
        records = read_records(record_file)
    return RunReport(records=records, errors=errors, stopped=stopped, seconds=time.monotonic() - started)
