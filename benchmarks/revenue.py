"""How fast ``helpers.revenue.group_encounters`` groups a synthetic extract's inpatient stays.

    .venv/bin/python benchmarks/revenue.py

Makes extracts with about 10,000 and 100,000 inpatient stays (``make_records`` with 22,000 and
220,000 patients: about a quarter of encounters are inpatient), times ``group_encounters`` on each
(a fresh grouper cache per run; the grouper's tables are loaded once, before timing) and prints
how many stays landed in each Major Diagnostic Category. Target: 100,000 stays in 10 s or less.
"""
from __future__ import annotations

import os
import platform
import time

from timing import summary  # benchmarks/timing.py


def main() -> None:
    import pandas as pd

    from helpers import revenue
    from helpers.synth import make_records

    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, Python {platform.python_version()}, "
          f"pandas {pd.__version__}")
    start = time.perf_counter()
    revenue._engine()
    print(f"grouper tables loaded once in {time.perf_counter() - start:.2f} s")
    stays, figures = None, {}
    for patients in (22_000, 220_000):
        records = make_records(patients, seed=2026)
        start = time.perf_counter()
        stays = revenue.group_encounters(records)
        took = time.perf_counter() - start
        print(f"{len(stays):>7,} inpatient stays ({patients:,} patients): {took:.2f} s")
        figures[f"group_{len(stays)}_stays_s"] = round(took, 2)
    counts = stays["mdc"].value_counts().sort_index()
    print("stays per MDC (largest run):")
    for mdc, n in counts.items():
        print(f"  MDC {mdc:>7}: {n:>6,}")
    summary(**figures, target="100,000 stays in 10 s or less")


if __name__ == "__main__":
    main()
