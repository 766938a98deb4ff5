"""How fast and how right is ``helpers.mpi.find_duplicates``? A script, not a test.

Run from the repository root:

    .venv/bin/python benchmarks/mpi.py                  # 10,000 and 100,000 patients
    .venv/bin/python benchmarks/mpi.py --sizes 10000    # one size
    .venv/bin/python benchmarks/mpi.py --builtin        # force the generator below
    .venv/bin/python benchmarks/mpi.py --million        # also 1,000,000 patients (a few minutes, ~5 GB)

For each size it builds a synthetic patient table with planted duplicates,
times ``find_duplicates`` (best of ``--repeat`` runs) and compares the pairs it
returns with the planted ones: precision (share of returned pairs that are
planted duplicates) and recall (share of planted duplicates returned).

Records come from ``helpers.synth.make_records`` when that module exists;
otherwise from ``_planted_records`` below, a small stand-in generator
(clearly marked) so the figures can still be printed. The first lines say
which one was used. All data is synthetic.

Memory: each size is also run once in a forked child that resets its peak resident memory first,
so "extra MB" is what ``find_duplicates`` itself needs on top of the patient table (Linux only).

Targets: 100k patients under 10 s, precision at least 0.9, recall at least 0.95; 1,000,000 patients
within 4 GB of extra memory (candidate pairs are scored a block at a time).
"""
from __future__ import annotations

import argparse
import os
import platform
import time

import numpy as np
import pandas as pd

try:
    import helpers  # noqa: F401  (installed in .venv with `pip install -e .`)
except ImportError:
    raise SystemExit("The course is not installed here: run `make test` once (it installs it into .venv), "
                     "then run this script with .venv/bin/python.")

from helpers import mpi  # noqa: E402
from timing import summary  # noqa: E402  (benchmarks/timing.py: the SUMMARY line for report.py)


# ---------------------------------------------------------------------------
# STAND-IN GENERATOR (used only when helpers.synth is not available).
# Plants duplicates with the industry's error types and adds look-alikes that
# are different people (twins, father and son "Jr."), so precision means something.
# ---------------------------------------------------------------------------
def _misspell(name: str, rng: np.random.Generator) -> str:
    if len(name) < 3:
        return name + "e"
    i = int(rng.integers(1, len(name) - 1))
    kind = rng.integers(3)
    if kind == 0:  # swap two neighbours
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    if kind == 1:  # drop a letter
        return name[:i] + name[i + 1:]
    letter = "aeiou"[int(rng.integers(5))] if name[i] not in "aeiou" else "r"
    return name[:i] + letter + name[i + 1:]  # wrong letter


def _planted_records(n: int, seed: int = 0, duplicate_rate: float = 0.08):
    from faker.providers.address.en_US import Provider as Address
    from faker.providers.person.en_US import Provider as Person

    rng = np.random.default_rng(seed)
    n_dup = int(n * duplicate_rate)
    n_twin, n_junior = n // 100, n // 200
    n_base = n - n_dup - n_twin - n_junior
    males, females = list(Person.first_names_male), list(Person.first_names_female)
    lasts = list(Person.last_names)
    last_w = np.array(list(Person.last_names.values()), float)
    streets = list(Address.street_suffixes)
    sex = rng.choice(np.array(["M", "F"]), n_base)
    first = np.where(sex == "M", rng.choice(males, n_base), rng.choice(females, n_base))
    middle = np.where(rng.random(n_base) < 0.2, "", np.where(sex == "M", rng.choice(males, n_base), rng.choice(females, n_base)))
    base = pd.DataFrame({
        "first_name": first, "middle_name": middle, "last_name": rng.choice(lasts, n_base, p=last_w / last_w.sum()),
        "birth_date": pd.Timestamp("1935-01-01") + pd.to_timedelta(rng.integers(0, 32_000, n_base), unit="D"),
        "sex": sex,
        "address": [f"{h} {s} {t}" for h, s, t in zip(rng.integers(1, 9999, n_base), rng.choice(lasts, n_base), rng.choice(streets, n_base))],
        "zip": [f"{z:05d}" for z in rng.integers(1000, 99_999, n_base)],
        "phone": [f"{a}-{b}-{c:04d}" for a, b, c in zip(rng.integers(201, 990, n_base), rng.integers(200, 999, n_base), rng.integers(0, 9999, n_base))],
        "ssn": [f"{a:03d}-{b:02d}-{c:04d}" for a, b, c in zip(rng.integers(1, 899, n_base), rng.integers(1, 99, n_base), rng.integers(1, 9999, n_base))],
    })
    base.loc[rng.random(n_base) < 0.15, "ssn"] = ""  # many registrations have no SSN
    extra, pairs = [], []
    nick = {formal: nick for nick, formal in mpi._NICK.items()}
    for src in rng.choice(n_base, n_dup + n_twin + n_junior, replace=False)[:n_dup]:
        rec = base.iloc[src].to_dict()
        for kind in rng.choice(["middle", "ssn", "first", "last", "nickname", "moved"], int(rng.integers(1, 3)), replace=False,
                               p=[0.25, 0.22, 0.2, 0.13, 0.1, 0.1]):
            if kind == "middle":
                rec["middle_name"] = rec["middle_name"][:1] if rng.random() < 0.5 else ""
            elif kind == "ssn" and rec["ssn"]:
                d = rec["ssn"].replace("-", "")
                i = int(rng.integers(0, 8))
                rec["ssn"] = d[:i] + d[i + 1] + d[i] + d[i + 2:] if rng.random() < 0.5 else d[:i] + d[i + 1:]
            elif kind == "first":
                rec["first_name"] = _misspell(rec["first_name"], rng)
            elif kind == "last":
                rec["last_name"] = _misspell(rec["last_name"], rng)
            elif kind == "nickname":
                rec["first_name"] = nick.get(rec["first_name"].upper(), rec["first_name"]).title()
            elif kind == "moved":
                rec["address"] = f"{int(rng.integers(1, 9999))} {rng.choice(lasts)} {rng.choice(streets)}"
                rec["zip"], rec["phone"] = f"{int(rng.integers(1000, 99_999)):05d}", ""
        extra.append(rec)
        pairs.append((src, n_base + len(extra) - 1))
    for src in rng.choice(n_base, n_twin, replace=False):  # a twin: same family data, different person
        rec = base.iloc[src].to_dict()
        rec["first_name"] = rng.choice(males if rec["sex"] == "M" else females)
        rec["middle_name"] = rng.choice(males if rec["sex"] == "M" else females)
        rec["ssn"] = "" if not rec["ssn"] else f"{int(rng.integers(1, 899)):03d}-{int(rng.integers(1, 99)):02d}-{int(rng.integers(1, 9999)):04d}"
        extra.append(rec)
    for src in rng.choice(n_base, n_junior, replace=False):  # a son named after his father
        rec = base.iloc[src].to_dict()
        rec["last_name"] += " Jr."
        rec["birth_date"] = rec["birth_date"] + pd.Timedelta(days=int(rng.integers(7_000, 13_000)))
        rec["ssn"] = f"{int(rng.integers(1, 899)):03d}-{int(rng.integers(1, 99)):02d}-{int(rng.integers(1, 9999)):04d}"
        extra.append(rec)
    patients = pd.concat([base, pd.DataFrame(extra)], ignore_index=True)
    order = rng.permutation(len(patients))
    patients = patients.iloc[order].reset_index(drop=True)
    new_id = np.empty(len(order), int)
    new_id[order] = np.arange(len(order))
    patients.insert(0, "patient_id", [f"P{i:07d}" for i in range(len(patients))])
    ids = patients["patient_id"].to_numpy()
    truth = pd.DataFrame([sorted((ids[new_id[x]], ids[new_id[y]])) for x, y in pairs], columns=["id_a", "id_b"])
    return patients, truth


def records(n: int, builtin: bool):
    if not builtin:
        try:
            from helpers import synth
        except ImportError:
            pass
        else:
            made = synth.make_records(n, seed=0)
            extract_date = made.parameters["extract_date"]
            return (made.patients, made.duplicates, extract_date,
                    f"helpers.synth.make_records (extract date {extract_date})")
    patients, truth = _planted_records(n)
    return patients, truth, "2026-01-01", "the stand-in generator in benchmarks/mpi.py (helpers.synth not used)"


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(field + ":"))


def extra_memory_mb(patients: pd.DataFrame, extract_date) -> float | None:
    """Peak memory find_duplicates adds, measured in a forked child (None where that cannot be read)."""
    import multiprocessing as mp

    if not os.path.exists("/proc/self/clear_refs"):
        return None
    ctx = mp.get_context("fork")
    queue = ctx.Queue()

    def child() -> None:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")  # reset the peak to the memory in use now
        start = _status_kb("VmRSS")
        mpi.find_duplicates(patients, extract_date=extract_date)
        queue.put((_status_kb("VmHWM") - start) / 1024)

    worker = ctx.Process(target=child)
    worker.start()
    extra = queue.get()
    worker.join()
    return extra


def _pair_set(df: pd.DataFrame) -> set[tuple]:
    a, b = df["id_a"].to_numpy(), df["id_b"].to_numpy()
    return {(min(x, y), max(x, y)) for x, y in zip(a, b)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--builtin", action="store_true", help="use the stand-in generator even if helpers.synth exists")
    parser.add_argument("--million", action="store_true", help="also 1,000,000 patients (timed once)")
    args = parser.parse_args()
    if args.million:
        args.sizes = list(args.sizes) + [1_000_000]
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, Python {platform.python_version()}, "
          f"numpy {np.__version__}, pandas {pd.__version__}; threshold {mpi.THRESHOLD}")
    rows = []
    for n in args.sizes:
        patients, truth, extract_date, source = records(n, args.builtin)
        print(f"{n:,} patients from {source}: {len(patients):,} records, {len(truth):,} planted duplicate pairs")
        best = float("inf")
        for _ in range(1 if n >= 1_000_000 else args.repeat):
            start = time.perf_counter()
            found = mpi.find_duplicates(patients, extract_date=extract_date)
            best = min(best, time.perf_counter() - start)
        got, want = _pair_set(found), _pair_set(truth)
        hits = len(got & want)
        precision = hits / len(got) if got else 1.0
        recall = hits / len(want) if want else 1.0
        rows.append((n, len(patients), best, len(got), precision, recall, extra_memory_mb(patients, extract_date)))
        missed = truth[[p not in got for p in zip(truth["id_a"], truth["id_b"])]]
        if len(missed):
            print(f"  first missed pairs: {list(zip(missed['id_a'], missed['id_b']))[:3]}")
    print("\n| patients | records | best s | pairs returned | precision | recall | extra MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n, recs, t, k, p, r, mb in rows:
        print(f"| {n:,} | {recs:,} | {t:.2f} | {k:,} | {p:.4f} | {r:.4f} | {'?' if mb is None else f'{mb:,.0f}'} |")
    if len(rows) > 1:
        print(f"time ratio {rows[-1][2] / rows[0][2]:.1f}x for {rows[-1][1] / rows[0][1]:.0f}x the records")
    big = [r for r in rows if r[0] >= 100_000]
    for n, _, _, _, _, _, mb in rows:
        if n >= 1_000_000 and mb is not None:
            print(f"target at {n:,}: within 4 GB of extra memory {'met' if mb <= 4096 else 'MISSED'} ({mb:,.0f} MB)")
    for n, _, t, _, p, r, _ in big:
        speed = f"under 10 s {'met' if t < 10 else 'MISSED'}, " if n == 100_000 else ""  # the time target is for 100k
        print(f"targets at {n:,}: {speed}precision >= 0.9 "
              f"{'met' if p >= 0.9 else 'MISSED'}, recall >= 0.95 {'met' if r >= 0.95 else 'MISSED'}")
    summary(sizes={f"{n}": {"seconds": round(t, 2), "precision": round(p, 4), "recall": round(r, 4),
                            "extra_mb": None if mb is None else round(mb)}
                   for n, _, t, _, p, r, mb in rows})


if __name__ == "__main__":
    main()
