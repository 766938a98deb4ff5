"""How long ``import helpers`` takes in a fresh Python process. A script, not a test.

    .venv/bin/python benchmarks/imports.py              # best and median of 7 fresh processes
    .venv/bin/python benchmarks/imports.py --repeat 15

Each run is a new interpreter that times only the ``import helpers`` statement (the interpreter's own
start-up is not counted). The package reads, seeds and configures nothing at import and imports its
heavy libraries (pandas, matplotlib, ipywidgets) lazily, so this should stay small.
Target: under 0.2 s (best run). The last line is ``SUMMARY {json}`` for ``benchmarks/report.py``.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys

from timing import summary  # benchmarks/timing.py

TARGET_S = 0.2
PROBE = ("import time, sys; t = time.perf_counter(); import helpers; "
         "print(time.perf_counter() - t, len([m for m in sys.modules if m.startswith('helpers')]))")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="fresh processes (default 7)")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, Python {platform.python_version()}")
    times, modules = [], 0
    for _ in range(max(args.repeat, 1)):
        out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True,
                             env={**os.environ, "MPLBACKEND": "Agg"})
        seconds, modules = out.stdout.split()
        times.append(float(seconds))
    best, median = min(times), statistics.median(times)
    print(f"import helpers: best {best * 1000:.0f} ms, median {median * 1000:.0f} ms over {len(times)} fresh "
          f"processes ({modules} helpers modules loaded); target under {TARGET_S * 1000:.0f} ms: "
          f"{'met' if best < TARGET_S else 'NOT met'}")
    summary(best_ms=round(best * 1000, 1), median_ms=round(median * 1000, 1), runs=len(times),
            target_ms=TARGET_S * 1000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
