"""How fast the synthetic extract is made and de-identified.

    .venv/bin/python benchmarks/synth.py            # 10k and 100k patients, safe_harbor on 100k
    .venv/bin/python benchmarks/synth.py --million  # also 1M patients (about 30 s and 2-3 GB of memory)

Prints the time of each size (best of --repeat runs), the ratio per tenfold size
(10 would be exactly linear), the first call of a fresh process (which imports
faker and the ICD-10-CM code set once), and safe_harbor on 100k patients.
Targets: make_records(100_000) under 3 s; safe_harbor on 100k patients under 2 s.
"""
from __future__ import annotations

import argparse
import os
import platform
import time

from timing import best, summary  # benchmarks/timing.py





def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--million", action="store_true", help="also time 1,000,000 patients (one run)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size below 1M (best is kept)")
    args = parser.parse_args()

    import numpy as np
    import pandas as pd

    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, Python {platform.python_version()}, "
          f"numpy {np.__version__}, pandas {pd.__version__}")
    from helpers.deid import safe_harbor
    from helpers.synth import make_records

    start = time.perf_counter()
    make_records(1000)
    print(f"first call in this process (imports faker and the ICD-10-CM code set): {time.perf_counter() - start:.2f} s")

    sizes = [10_000, 100_000] + ([1_000_000] if args.million else [])
    print(f"\n{'patients':>10} {'encounters':>11} {'diagnoses':>10} {'seconds':>8} {'x per 10x':>9}")
    previous, extracts, figures = None, {}, {}
    for n in sizes:
        seconds, extract = best(lambda: make_records(n), 1 if n >= 1_000_000 else args.repeat)
        ratio = f"{seconds / previous:9.1f}" if previous else f"{'':>9}"
        print(f"{n:>10,} {len(extract.encounters):>11,} {len(extract.diagnoses):>10,} {seconds:8.2f} {ratio}")
        previous = seconds
        figures[f"make_records_{n}_s"] = round(seconds, 2)
        if n == 100_000:
            extracts[n] = extract
        del extract

    patients = extracts[100_000].patients
    seconds, out = best(lambda: safe_harbor(patients), args.repeat)
    print(f"\nsafe_harbor on {len(patients):,} patients ({patients.shape[1]} -> {out.shape[1]} columns): {seconds:.2f} s")
    encounters = extracts[100_000].encounters
    figures["safe_harbor_100000_patients_s"] = round(seconds, 2)
    seconds, _ = best(lambda: safe_harbor(encounters), args.repeat)
    print(f"safe_harbor on {len(encounters):,} encounters: {seconds:.2f} s")
    summary(**figures, safe_harbor_encounters_s=round(seconds, 2))


if __name__ == "__main__":
    main()
