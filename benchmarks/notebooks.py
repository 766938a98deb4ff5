"""How long nbval takes over every notebook of the course, next to its floor.

    .venv/bin/python benchmarks/notebooks.py               # one round
    .venv/bin/python benchmarks/notebooks.py --repeat 3    # three rounds, medians

A round runs nbval (``--nbval-lax``, one process, no xdist) over every lesson, workbook and
workbook source, then over the *floor*: as many trivial notebooks, each a single cell importing
the course's stack (pandas, matplotlib, ipywidgets, helpers). The floor is what any notebook
costs here (kernel start-up, imports, shutdown), so the ratio of the two says how much the
course's own content adds. It prints the machine, both times, the ratio and each notebook's time
(kernel start and shutdown included). Nothing fails: targets are printed, not asserted.

It also prints each notebook's **peak memory**: the peak resident set size (``VmHWM``, what
``getrusage(RUSAGE_SELF).ru_maxrss`` reports inside the kernel) of the kernel process that ran it,
read from ``/proc`` after every cell (Linux; elsewhere the column says ``?``), and names the
heaviest lesson and the heaviest student workbook: deploy/README.md sizes a JupyterHub from them.
The last line is ``SUMMARY {json}`` for ``benchmarks/report.py``.

Targets: ratio 1.3 or less; no notebook over 5 s.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from timing import summary  # benchmarks/timing.py

ROOT = Path(__file__).resolve().parent.parent
FLOOR_CELL = "import pandas, matplotlib, ipywidgets, helpers"
RATIO_TARGET, NOTEBOOK_TARGET = 1.3, 5.0


def course_notebooks() -> list[Path]:
    """Every notebook the suite runs: lessons, student workbooks, instructor sources."""
    return (sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*.ipynb"))
            + sorted((ROOT / "exercises" / "source").glob("*.ipynb")))


def write_floor(folder: Path, n: int) -> list[Path]:
    """``n`` one-cell notebooks that only import the course's stack."""
    import nbformat

    paths = []
    for i in range(n):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells = [nbformat.v4.new_code_cell(FLOOR_CELL)]
        path = folder / f"floor-{i:02d}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def peak_rss_mb(pid: int) -> float | None:
    """Peak resident memory of process ``pid`` in MiB (``VmHWM`` in /proc; None where unreadable)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return None


def kernel_pid(item) -> int | None:
    """The pid of the kernel nbval runs ``item``'s notebook in (None if it cannot be found)."""
    kernel = getattr(item.parent, "kernel", None)
    process = getattr(getattr(getattr(kernel, "km", None), "provisioner", None), "process", None)
    return getattr(process, "pid", None)


class _Timer:
    """pytest plugin: seconds per notebook (setup + call + teardown of its cells), the kernel's
    peak resident memory (MiB) and failures."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.peak_mb: dict[str, float] = {}
        self.failed: list[str] = []

    def pytest_runtest_teardown(self, item) -> None:
        # Runs before nbval stops the kernel after the notebook's last cell, so VmHWM covers every cell.
        pid = kernel_pid(item)
        mb = peak_rss_mb(pid) if pid else None
        if mb is not None:
            name = item.nodeid.split("::")[0]
            self.peak_mb[name] = max(self.peak_mb.get(name, 0.0), mb)

    def pytest_runtest_logreport(self, report) -> None:
        self.seconds[report.nodeid.split("::")[0]] += report.duration
        if report.failed:
            self.failed.append(report.nodeid)


def run_nbval(paths: list[Path]) -> tuple[float, dict[str, float], list[str], dict[str, float]]:
    """Run nbval over ``paths`` in this process; return wall seconds, seconds per notebook, failures
    and each notebook's kernel peak memory in MiB."""
    import pytest

    timer = _Timer()
    args = ["-qq", "-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:randomly", "--nbval-lax",
            "--nbval-cell-timeout=300", "--no-header", "--no-summary", "-o", "addopts=",
            *map(str, paths)]
    started = time.perf_counter()
    pytest.main(args, plugins=[timer])
    return time.perf_counter() - started, dict(timer.seconds), timer.failed, dict(timer.peak_mb)


def heaviest(peaks: dict[str, float], folder: str) -> tuple[str, float] | None:
    """The notebook directly in ``folder`` (e.g. "notebooks", "exercises") with the highest peak."""
    inside = {k: v for k, v in peaks.items() if str(Path(k).parent) == folder}
    return max(inside.items(), key=lambda kv: kv[1]) if inside else None


def machine() -> str:
    import matplotlib
    import pandas

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores, load average {load}; Python {platform.python_version()}, "
            f"pandas {pandas.__version__}, matplotlib {matplotlib.__version__}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="rounds (course then floor each); medians shown")
    args = parser.parse_args(argv)

    os.chdir(ROOT)
    home = tempfile.mkdtemp(prefix="mrt-bench-home-")
    os.environ.update(MPLBACKEND="Agg", MRT_PROGRESS_FILE="off", MRT_HOME=home)
    notebooks = course_notebooks()
    print(f"Machine: {machine()}")
    totals, floors, per_notebook, peaks, floor_peaks = [], [], defaultdict(list), defaultdict(list), []
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="mrt-floor-") as tmp:
        floor = write_floor(Path(tmp), len(notebooks))
        for round_ in range(args.repeat):
            wall, seconds, failed, peak = run_nbval(notebooks)
            totals.append(wall)
            failures += failed
            for nodeid, s in seconds.items():
                per_notebook[nodeid].append(s)
            for nodeid, mb in peak.items():
                peaks[nodeid].append(mb)
            wall_floor, _, failed_floor, peak_floor = run_nbval(floor)
            floor_peaks += peak_floor.values()
            floors.append(wall_floor)
            failures += failed_floor
            print(f"round {round_ + 1}: course {wall:.1f} s, floor {wall_floor:.1f} s, "
                  f"ratio {wall / wall_floor:.2f}", flush=True)

    total, floor_s = statistics.median(totals), statistics.median(floors)
    ratio = total / floor_s
    print(f"\n{len(notebooks)} notebooks under nbval ({args.repeat} round(s), medians)")
    print("| notebook | seconds | peak MiB |\n|---|---:|---:|")
    slow, rows = [], {}
    peak = {k: max(v) for k, v in peaks.items()}
    for nodeid, values in per_notebook.items():
        s = statistics.median(values)
        slow += [nodeid] if s > NOTEBOOK_TARGET else []
        mb = f"{peak[nodeid]:.0f}" if nodeid in peak else "?"
        print(f"| {nodeid} | {s:.1f}{' *' if s > NOTEBOOK_TARGET else ''} | {mb} |")
        rows[nodeid] = {"seconds": round(s, 2), "peak_mb": round(peak[nodeid], 1) if nodeid in peak else None}
    print(f"\ncourse: {total:.1f} s   floor ({len(notebooks)} notebooks importing the stack): {floor_s:.1f} s   "
          f"ratio: {ratio:.2f} (target {RATIO_TARGET}: {'met' if ratio <= RATIO_TARGET else 'not met'})")
    print(f"notebooks over {NOTEBOOK_TARGET:g} s (marked *): {len(slow)}"
          + (f" ({', '.join(slow)})" if slow else " (target met)"))
    lesson, workbook = heaviest(peak, "notebooks"), heaviest(peak, "exercises")
    floor_mb = max(floor_peaks) if floor_peaks else None
    for label, found in (("lesson", lesson), ("student workbook", workbook)):
        if found:
            print(f"heaviest {label}: {found[0]}, kernel peak {found[1]:.0f} MiB")
    if floor_mb is not None:
        print(f"a kernel that only imports the stack peaks at {floor_mb:.0f} MiB")
    if failures:
        print(f"\nNOTE: {len(failures)} cell(s) failed under nbval, e.g. {failures[0]}: the timings "
              "above are not comparable; run `make test`.")
    summary(course_s=round(total, 1), floor_s=round(floor_s, 1), ratio=round(ratio, 2),
            ratio_target=RATIO_TARGET, notebook_target_s=NOTEBOOK_TARGET, slow=slow,
            heaviest_lesson=list(lesson) if lesson else None,
            heaviest_workbook=list(workbook) if workbook else None,
            floor_peak_mb=floor_mb, failures=len(failures), notebooks=rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
