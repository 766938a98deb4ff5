"""How fast is ``helpers.coding.validate_icd10cm`` on a million codes? A script, not a test.

Run from the repository root:

    .venv/bin/python benchmarks/coding.py               # 1,000,000 codes, best of 3 warm runs
    .venv/bin/python benchmarks/coding.py --n 100000 --repeat 5

The input mixes what a claims or abstract extract holds: billable codes, valid
codes that are not billable (categories and subcategories with subcodes), wrong
codes (a real code with a wrong last character, and S62.5X0A), blocks and
chapter numbers, junk, empty strings and None, written in messy ways (lower
case, no dot, surrounding spaces). Rows are drawn from a pool of distinct
strings, so equal codes are the same string object, as in a column read by
``pandas.read_csv``. A second warm run uses one new string object per row (the
worst case for the first, address-based, grouping step).

It prints:

- **cold**: a fresh Python process imports ``helpers.coding``, reads the code set
  from ``simple-icd-10-cm`` and validates the input (the input is unpickled first,
  untimed);
- **warm**: best of ``--repeat`` runs with the code set in memory;
- **peer**: the same input through a per-code loop over ``simple_icd_10_cm``
  (``is_valid_item`` and ``is_leaf``), normalised the same way, and the ratio;
- whether both agree on validity and billability except where the peer accepts
  blocks and chapters as items (``is_valid_item("A00-A09")`` is true; they are
  headings, not codes).

Targets: warm under 1 s and at least 2x faster than the peer.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
try:
    import helpers  # noqa: F401  (installed in .venv with `pip install -e .`)
except ImportError:
    raise SystemExit("The course is not installed here: run `make test` once (it installs it into .venv), "
                     "then run this script with .venv/bin/python.")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from timing import summary  # noqa: E402  (benchmarks/timing.py: the SUMMARY line for report.py)

WARM_TARGET_S, RATIO_TARGET = 1.0, 2.0


def machine() -> str:
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return (f"{os.cpu_count()} cores (load average {load}); Python {platform.python_version()}; "
            f"pandas {pd.__version__}; numpy {np.__version__}; "
            f"simple-icd-10-cm {metadata.version('simple-icd-10-cm')}")


def make_input(n: int, seed: int = 0) -> list:
    """``n`` messy codes drawn from a pool of distinct strings (see the module docstring)."""
    from helpers.coding import code_set

    cs = code_set()
    rng = np.random.default_rng(seed)
    billable = rng.choice(cs.dotted[cs.kinds == 0], 20_000, replace=False)
    not_billable = rng.choice(cs.dotted[cs.kinds != 0], 5_000, replace=False)
    near_misses = [c[:-1] + ("Z" if c[-1] != "Z" else "Y") for c in rng.choice(billable, 3_000)]
    near_misses += ["S62.5X0A"] * 50
    headings = list(cs.headings)
    junk = ["", "   ", "E11-9", "A0.01", "123.45", "diabetes", "ZZZ", "E1"]

    def messy(code: str, i: int) -> str:
        return [code, code.lower(), code.replace(".", ""), f"  {code} ", code.lower().replace(".", "")][i % 5]

    groups = {  # share of the rows, distinct strings
        "valid billable": (0.60, [messy(c, i) for i, c in enumerate(billable)]),
        "valid, not billable": (0.15, [messy(c, i) for i, c in enumerate(not_billable)]),
        "not in the code set": (0.12, [messy(c, i) for i, c in enumerate(near_misses)]),
        "block or chapter": (0.05, [messy(h, i) if "-" in h else h for i, h in enumerate(headings)]),
        "junk or empty": (0.05, junk),
        "None": (0.03, [None]),
    }
    parts = []
    for share, pool in groups.values():
        pool_arr = np.empty(len(pool), dtype=object)
        pool_arr[:] = pool
        parts.append(pool_arr[rng.integers(0, len(pool), round(n * share))])
    rows = np.concatenate(parts)[:n]
    rng.shuffle(rows)
    return list(rows)


def peer(values: list) -> tuple[np.ndarray, np.ndarray]:
    """A per-code loop over simple_icd_10_cm, on input normalised as validate_icd10cm does."""
    from helpers.coding import normalise
    from helpers.coding.icd10cm import _cm

    cm = _cm()
    valid = np.zeros(len(values), dtype=bool)
    billable = np.zeros(len(values), dtype=bool)
    for i, value in enumerate(values):
        if isinstance(value, str):
            code = normalise(value)
            if cm.is_valid_item(code):
                valid[i] = True
                billable[i] = cm.is_leaf(code)
    return valid, billable


def cold(path: str) -> None:
    """Child process: unpickle the input (untimed), then time import + code set + validation."""
    with open(path, "rb") as f:
        values = pickle.load(f)
    t0 = time.perf_counter()
    from helpers.coding import code_set, validate_icd10cm

    code_set()
    t1 = time.perf_counter()
    validate_icd10cm(values)
    t2 = time.perf_counter()
    print(json.dumps({"load": t1 - t0, "validate": t2 - t1, "total": t2 - t0}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="number of codes (default 1,000,000)")
    parser.add_argument("--repeat", type=int, default=3, help="warm runs; the best is reported (default 3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cold-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_child:
        cold(args.cold_child)
        return

    print(machine())
    from helpers.coding import REASONS, validate_icd10cm

    values = make_input(args.n, args.seed)
    with tempfile.TemporaryDirectory(prefix="mrt-bench-") as scratch:
        path = os.path.join(scratch, "codes.pickle")
        with open(path, "wb") as f:
            pickle.dump(values, f)
        out = subprocess.run([sys.executable, __file__, "--cold-child", path], capture_output=True, text=True,
                             check=True, cwd=scratch)
    c = json.loads(out.stdout)

    warm = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        result = validate_icd10cm(values)
        warm.append(time.perf_counter() - t)
    fresh = [(v + ".")[:-1] if isinstance(v, str) else v for v in values]  # a new object per row
    t = time.perf_counter()
    validate_icd10cm(fresh)
    unshared = time.perf_counter() - t

    t = time.perf_counter()
    p_valid, p_billable = peer(values)
    peer_s = time.perf_counter() - t

    ours_valid, ours_billable = result["valid"].to_numpy(), result["billable"].to_numpy()
    heading = result["reason"].isin([REASONS["block"], REASONS["chapter"]]).to_numpy()
    differ = ours_valid != p_valid
    explained = differ & heading & p_valid
    unexplained = differ & ~explained
    bill_differ = (ours_billable != p_billable) & ~heading

    n = len(values)
    stems = result["reason"].str.replace(r" \(closest parent: .*\)$", " (closest parent: ...)", regex=True)
    share = stems.value_counts(normalize=True)
    print(f"\n{n:,} codes: {result['valid'].mean():.1%} valid, {result['billable'].mean():.1%} billable, "
          f"{result['code'].nunique():,} distinct normalised values; most common reasons:")
    for reason, s in share.items():
        print(f"  {s:6.1%}  {reason}")
    best = min(warm)
    print("\n| run | seconds |\n|---|---:|")
    print(f"| cold: import + read code set | {c['load']:.2f} |")
    print(f"| cold: first validation | {c['validate']:.3f} |")
    print(f"| cold: total | {c['total']:.2f} |")
    print(f"| warm: validate_icd10cm, best of {args.repeat} | {best:.3f} |")
    print(f"| warm: same input, one string object per row | {unshared:.3f} |")
    print(f"| peer: per-code simple_icd_10_cm loop | {peer_s:.2f} |")
    print(f"\nwarm is {peer_s / best:.1f}x faster than the peer "
          f"({peer_s / unshared:.1f}x with one string object per row); "
          f"{n / best / 1e6:.1f} million codes a second.")
    print(f"agreement on validity: {n - differ.sum():,} of {n:,} rows; the {explained.sum():,} others are blocks "
          f"or chapters the peer accepts as items; unexplained differences: {unexplained.sum()} "
          f"(billable: {bill_differ.sum()}).")
    ok_warm, ok_ratio = best < WARM_TARGET_S, peer_s / best >= RATIO_TARGET
    summary(codes=n, warm_s=round(best, 3), cold_s=round(c["total"], 2), peer_s=round(peer_s, 2),
            times_faster_than_peer=round(peer_s / best, 1), unexplained=int(unexplained.sum() + bill_differ.sum()))
    print(f"targets: warm under {WARM_TARGET_S:.0f} s: {'met' if ok_warm else 'NOT met'}; "
          f"at least {RATIO_TARGET:.0f}x the peer: {'met' if ok_ratio else 'NOT met'}.")
    if unexplained.any() or bill_differ.any():
        sample = [values[i] for i in np.flatnonzero(unexplained | bill_differ)[:10]]
        print(f"DISAGREEMENT on: {sample}")
        sys.exit(1)


if __name__ == "__main__":
    main()
