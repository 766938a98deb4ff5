"""How long nbval takes over every notebook of the course, next to its floor.

    .venv/bin/python benchmarks/notebooks.py               # one round
    .venv/bin/python benchmarks/notebooks.py --repeat 3    # three rounds, medians

A round runs nbval (``--nbval-lax``, one process, no xdist) over every lesson, workbook and
workbook source, then over the *floor*: as many trivial notebooks, each a single cell importing
the course's stack (pandas, matplotlib, ipywidgets, helpers). The floor is what any notebook
costs here (kernel start-up, imports, shutdown), so the ratio of the two says how much the
course's own content adds. It prints the machine, both times, the ratio and each notebook's time
(kernel start and shutdown included). Nothing fails: targets are printed, not asserted.

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


class _Timer:
    """pytest plugin: seconds per notebook (setup + call + teardown of its cells) and failures."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.failed: list[str] = []

    def pytest_runtest_logreport(self, report) -> None:
        self.seconds[report.nodeid.split("::")[0]] += report.duration
        if report.failed:
            self.failed.append(report.nodeid)


def run_nbval(paths: list[Path]) -> tuple[float, dict[str, float], list[str]]:
    """Run nbval over ``paths`` in this process; return wall seconds, seconds per notebook, failures."""
    import pytest

    timer = _Timer()
    args = ["-qq", "-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:randomly", "--nbval-lax",
            "--nbval-cell-timeout=300", "--no-header", "--no-summary", "-o", "addopts=",
            *map(str, paths)]
    started = time.perf_counter()
    pytest.main(args, plugins=[timer])
    return time.perf_counter() - started, dict(timer.seconds), timer.failed


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
    totals, floors, per_notebook = [], [], defaultdict(list)
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="mrt-floor-") as tmp:
        floor = write_floor(Path(tmp), len(notebooks))
        for round_ in range(args.repeat):
            wall, seconds, failed = run_nbval(notebooks)
            totals.append(wall)
            failures += failed
            for nodeid, s in seconds.items():
                per_notebook[nodeid].append(s)
            wall_floor, _, failed_floor = run_nbval(floor)
            floors.append(wall_floor)
            failures += failed_floor
            print(f"round {round_ + 1}: course {wall:.1f} s, floor {wall_floor:.1f} s, "
                  f"ratio {wall / wall_floor:.2f}", flush=True)

    total, floor_s = statistics.median(totals), statistics.median(floors)
    ratio = total / floor_s
    print(f"\n{len(notebooks)} notebooks under nbval ({args.repeat} round(s), medians)")
    print("| notebook | seconds |\n|---|---:|")
    slow = []
    for nodeid, values in per_notebook.items():
        s = statistics.median(values)
        slow += [nodeid] if s > NOTEBOOK_TARGET else []
        print(f"| {nodeid} | {s:.1f}{' *' if s > NOTEBOOK_TARGET else ''} |")
    print(f"\ncourse: {total:.1f} s   floor ({len(notebooks)} notebooks importing the stack): {floor_s:.1f} s   "
          f"ratio: {ratio:.2f} (target {RATIO_TARGET}: {'met' if ratio <= RATIO_TARGET else 'not met'})")
    print(f"notebooks over {NOTEBOOK_TARGET:g} s (marked *): {len(slow)}"
          + (f" ({', '.join(slow)})" if slow else " (target met)"))
    if failures:
        print(f"\nNOTE: {len(failures)} cell(s) failed under nbval, e.g. {failures[0]}: the timings "
              "above are not comparable; run `make test`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
