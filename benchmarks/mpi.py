"""How fast and how right is ``helpers.mpi.find_duplicates``, beside a probabilistic linkage engine? A script, not a test.

Run from the repository root:

    .venv/bin/python benchmarks/mpi.py                        # 3 datasets x 10,000 and 100,000 patients
    .venv/bin/python benchmarks/mpi.py --sizes 10000          # one size
    .venv/bin/python benchmarks/mpi.py --datasets realistic   # one dataset (basic, builtin, realistic)
    .venv/bin/python benchmarks/mpi.py --builtin              # only the stand-in generator below
    .venv/bin/python benchmarks/mpi.py --peer splink          # also splink, side by side
    .venv/bin/python benchmarks/mpi.py --million              # also 1,000,000 patients (course only)

Datasets, all synthetic:

- ``basic``: ``helpers.synth.make_records(n, errors="basic", lookalike_rate=0)``, the extract before
  issue #15 (only the errors the matcher was first built for, no look-alikes);
- ``builtin``: ``_planted_records`` below, a small stand-in generator with its own errors, twins and
  "Jr." sons;
- ``realistic``: ``helpers.synth.make_records(n)``: every registration error of ``helpers/synth/registration.py``
  and 2% look-alike pairs (twins, parent and child, same name and birth date).

For each dataset and size it times each matcher, measures its peak memory in a forked child that
resets its peak resident memory first ("extra MB": what matching needs on top of the patient table,
Linux only), and compares the pairs returned with the answer keys: precision, recall, F1, how many
look-alike pairs (different people) were merged, and recall per planted error type.

``--peer splink`` runs splink (DuckDB backend, Fellegi-Sunter) trained as its documentation shows:
the probability that two random records match from a deterministic rule (recall 0.7), u by random
sampling, m by expectation maximisation on two blocking rules; its candidate pairs come from the very
same blocking keys as the course's (``helpers.mpi.blocking_keys``), and a pair counts as a match at a
match probability of at least ``--splink-threshold`` (0.9). splink is a benchmark dependency, not a
course one, and it goes in a venv of its own (its pyarrow changes how pandas stores text, and a course
test then fails): ``python3 -m venv .venv-bench && .venv-bench/bin/pip install -e . -r
benchmarks/requirements.txt -c .venv/constraints.txt``, then run this script with ``.venv-bench/bin/python``.

Targets (course, realistic, 100,000 patients, default threshold): precision >= 0.99, look-alike
false matches under 1% of look-alike pairs, recall >= 0.97, under 10 s; and ahead of splink.
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
    extra, pairs, kinds = [], [], []
    nick: dict[str, str] = {}  # formal name -> a nickname (the table maps each nickname to its formal names)
    for short, formals in mpi._NICK.items():
        for formal in formals:
            nick.setdefault(formal, short)
    labels = {"middle": "middle_name_mismatch", "ssn": "ssn_changed", "first": "first_name_misspelling",
              "last": "last_name_misspelling", "nickname": "first_name_nickname", "moved": "moved_address"}
    for src in rng.choice(n_base, n_dup + n_twin + n_junior, replace=False)[:n_dup]:
        rec = base.iloc[src].to_dict()
        before = dict(rec)
        planted = []
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
                rec["first_name"] = nick.get(rec["first_name"].upper(), rec["first_name"].upper()).title()
            elif kind == "moved":
                rec["address"] = f"{int(rng.integers(1, 9999))} {rng.choice(lasts)} {rng.choice(streets)}"
                rec["zip"], rec["phone"] = f"{int(rng.integers(1000, 99_999)):05d}", ""
            if rec != before:
                planted.append(labels[kind])
                before = dict(rec)
        extra.append(rec)
        pairs.append((src, n_base + len(extra) - 1))
        kinds.append(";".join(sorted(planted)))
    alike = []  # (row of the original, row of the look-alike, kind)
    for src in rng.choice(n_base, n_twin, replace=False):  # a twin: same family data, different person
        rec = base.iloc[src].to_dict()
        alike.append((src, n_base + len(extra), "twin"))
        rec["first_name"] = rng.choice(males if rec["sex"] == "M" else females)
        rec["middle_name"] = rng.choice(males if rec["sex"] == "M" else females)
        rec["ssn"] = "" if not rec["ssn"] else f"{int(rng.integers(1, 899)):03d}-{int(rng.integers(1, 99)):02d}-{int(rng.integers(1, 9999)):04d}"
        extra.append(rec)
    for src in rng.choice(n_base, n_junior, replace=False):  # a son named after his father
        rec = base.iloc[src].to_dict()
        alike.append((src, n_base + len(extra), "parent_child"))
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
    truth["error_types"] = kinds
    lookalikes = pd.DataFrame([(*sorted((ids[new_id[x]], ids[new_id[y]])), kind) for x, y, kind in alike],
                              columns=["id_a", "id_b", "kind"])
    return patients, truth, lookalikes


def records(n: int, dataset: str):
    """(patients, duplicates, lookalikes, extract date, description) of one synthetic dataset."""
    if dataset == "builtin":
        patients, truth, lookalikes = _planted_records(n)
        return patients, truth, lookalikes, "2026-01-01", "the stand-in generator in benchmarks/mpi.py"
    from helpers import synth

    options = {"errors": "basic", "lookalike_rate": 0} if dataset == "basic" else {}
    made = synth.make_records(n, seed=0, **options)
    call = "make_records(n, seed=0" + "".join(f", {k}={v!r}" for k, v in options.items()) + ")"
    return made.patients, made.duplicates, made.lookalikes, made.parameters["extract_date"], call


# -- the peer: splink, imported only when asked for ---------------------------------------------
_NO_SPLINK = ("--peer splink needs splink, a benchmark dependency. Install it in a venv of its own (not the "
              "course .venv): python3 -m venv .venv-bench && .venv-bench/bin/pip install -e . -r "
              "benchmarks/requirements.txt -c .venv/constraints.txt; then run .venv-bench/bin/python benchmarks/mpi.py")
def splink_pairs(patients: pd.DataFrame, extract_date, threshold: float = 0.9) -> pd.DataFrame:
    """Pairs splink (DuckDB, Fellegi-Sunter, trained as in its docs) judges a match, on the course's blocking keys."""
    try:
        import splink.comparison_library as cl
        from splink import Linker, SettingsCreator, block_on
        from splink.backends.duckdb import DuckDBAPI
    except ImportError:
        raise SystemExit(_NO_SPLINK) from None
    import logging

    logging.getLogger("splink").setLevel(logging.WARNING)
    prepared = mpi._prepare(patients, pd.Timestamp(extract_date)).reset_index(drop=True)
    keys = mpi.blocking_keys(patients, extract_date=extract_date).reset_index(drop=True)
    none = lambda s: s.where(s != "", None)  # noqa: E731  (an empty value must not block or compare as equal)
    born = pd.to_datetime(prepared["dob"], format="%Y%m%d", errors="coerce")
    frame = pd.DataFrame({
        "unique_id": np.arange(len(patients)),
        "first_name": none(prepared["first"]), "last_name": none(prepared["last"]),
        "middle_name": none(prepared["middle"]), "dob": none(born.dt.strftime("%Y-%m-%d").fillna("")),
        "ssn": none(prepared["ssn"]), "sex": none(prepared["sex"]), "address": none(prepared["address"]),
        "phone": none(prepared["phone"]),
        **{f"key_{name}": none(column) for name, column in keys.items()},
    })
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("first_name"),
            cl.NameComparison("last_name"),
            cl.ExactMatch("middle_name"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.DamerauLevenshteinAtThresholds("ssn", [1, 2]),
            cl.ExactMatch("sex"),
            cl.ExactMatch("address"),
            cl.ExactMatch("phone"),
        ],
        blocking_rules_to_generate_predictions=[block_on(f"key_{name}") for name in keys.columns],
        retain_intermediate_calculation_columns=False,
    )
    db_api = DuckDBAPI()
    linker = Linker(db_api.register(frame), settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "last_name", "dob")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "last_name"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    found = linker.inference.predict(threshold_match_probability=threshold).as_pandas_dataframe()
    ids = patients["patient_id"].to_numpy()
    a, b = ids[found["unique_id_l"].to_numpy()], ids[found["unique_id_r"].to_numpy()]
    return pd.DataFrame({"id_a": np.where(a < b, a, b), "id_b": np.where(a < b, b, a),
                         "score": found["match_probability"].to_numpy()})


def course_pairs(patients: pd.DataFrame, extract_date) -> pd.DataFrame:
    return mpi.find_duplicates(patients, extract_date=extract_date)


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith(field + ":"))


def run_in_child(matcher, patients: pd.DataFrame, extract_date) -> tuple[float, float | None, pd.DataFrame]:
    """Seconds, peak extra memory (MB; None where it cannot be read) and pairs of one run, in a forked child."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    queue = ctx.Queue()

    def child() -> None:
        readable = os.path.exists("/proc/self/clear_refs")
        if readable:
            with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
                fh.write("5")  # reset the peak to the memory in use now
        begin = _status_kb("VmRSS") if readable else 0
        start = time.perf_counter()
        found = matcher(patients, extract_date)
        seconds = time.perf_counter() - start
        queue.put((seconds, (_status_kb("VmHWM") - begin) / 1024 if readable else None,
                   found[["id_a", "id_b"]].copy()))

    worker = ctx.Process(target=child)
    worker.start()
    result = queue.get()
    worker.join()
    return result


def _pair_set(df: pd.DataFrame) -> set[tuple]:
    a, b = df["id_a"].to_numpy(), df["id_b"].to_numpy()
    return {(min(x, y), max(x, y)) for x, y in zip(a, b)}


def measure(found: pd.DataFrame, truth: pd.DataFrame, lookalikes: pd.DataFrame) -> dict:
    got, want, alike = _pair_set(found), _pair_set(truth), _pair_set(lookalikes)
    hits = len(got & want)
    precision = hits / len(got) if got else 1.0
    recall = hits / len(want) if want else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    per_type = {}
    if "error_types" in truth:
        found_flags = [p in got for p in zip(truth["id_a"], truth["id_b"])]
        kinds = truth.assign(found=found_flags, kind=truth["error_types"].fillna("").str.split(";")).explode("kind")
        kinds = kinds[kinds["kind"] != ""]
        per_type = kinds.groupby("kind")["found"].agg(["mean", "size"]).to_dict("index")
    return {"pairs": len(got), "precision": precision, "recall": recall, "f1": f1,
            "alike_merged": len(got & alike), "alike": len(alike), "per_type": per_type}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--datasets", nargs="+", choices=["basic", "builtin", "realistic"],
                        default=["basic", "builtin", "realistic"])
    parser.add_argument("--repeat", type=int, default=3, help="runs of the course matcher (best is kept)")
    parser.add_argument("--builtin", action="store_true", help="only the stand-in generator (same as --datasets builtin)")
    parser.add_argument("--peer", choices=["splink"], help="also run this matcher, side by side")
    parser.add_argument("--splink-threshold", type=float, default=0.9, help="match probability splink needs")
    parser.add_argument("--million", action="store_true", help="also 1,000,000 patients (course only, timed once)")
    args = parser.parse_args()
    if args.builtin:
        args.datasets = ["builtin"]
    sizes = list(args.sizes) + ([1_000_000] if args.million else [])
    versions = f"numpy {np.__version__}, pandas {pd.__version__}"
    if args.peer == "splink":
        try:
            import duckdb
            import splink
        except ImportError:
            raise SystemExit(_NO_SPLINK) from None
        versions += f", splink {splink.__version__}, duckdb {duckdb.__version__}"
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, Python {platform.python_version()}, "
          f"{versions}; course threshold {mpi.THRESHOLD}"
          + (f", splink match probability >= {args.splink_threshold}" if args.peer else ""))
    rows, types = [], {}
    for dataset in args.datasets:
        for n in sizes:
            patients, truth, lookalikes, extract_date, source = records(n, dataset)
            print(f"{dataset} {n:,}: {source}: {len(patients):,} records, {len(truth):,} duplicate pairs, "
                  f"{len(lookalikes):,} look-alike pairs", flush=True)
            best = float("inf")
            for _ in range(1 if n >= 1_000_000 else args.repeat):
                start = time.perf_counter()
                found = course_pairs(patients, extract_date)
                best = min(best, time.perf_counter() - start)
            _, extra, _ = run_in_child(course_pairs, patients, extract_date)
            rows.append((dataset, n, "course", best, extra, measure(found, truth, lookalikes)))
            if args.peer == "splink" and n < 1_000_000:
                seconds, extra, found = run_in_child(
                    lambda p, d: splink_pairs(p, d, args.splink_threshold), patients, extract_date)
                rows.append((dataset, n, "splink", seconds, extra, measure(found, truth, lookalikes)))
            print(f"  load {os.getloadavg()[0]:.1f} after this dataset", flush=True)
    print("\n| dataset | patients | matcher | s | extra MB | pairs | precision | recall | F1 | look-alikes merged |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for dataset, n, who, t, mb, m in rows:
        merged = f"{m['alike_merged']:,} of {m['alike']:,}" if m["alike"] else "-"
        print(f"| {dataset} | {n:,} | {who} | {t:.1f} | {'?' if mb is None else f'{mb:,.0f}'} | {m['pairs']:,} | "
              f"{m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {merged} |")
    for dataset, n, who, _, _, m in rows:
        for kind, v in m["per_type"].items():
            types.setdefault((dataset, n, kind), {})[who] = v
    matchers = [who for who in ("course", "splink") if any(r[2] == who for r in rows)]
    print("\nRecall per planted error type (a pair with several errors counts under each):\n")
    print("| dataset | patients | error type | pairs | " + " | ".join(matchers) + " |")
    print("|---|---:|---|---:|" + "---:|" * len(matchers))
    for (dataset, n, kind), by in types.items():
        size = next(iter(by.values()))["size"]
        cells = " | ".join(f"{by[w]['mean']:.3f}" if w in by else "-" for w in matchers)
        print(f"| {dataset} | {n:,} | {kind} | {size:,} | {cells} |")
    for dataset, n, who, t, _, m in rows:
        if who == "course" and dataset == "realistic" and n == 100_000:
            share = m["alike_merged"] / m["alike"] if m["alike"] else 0.0
            checks = [("precision >= 0.99", m["precision"] >= 0.99), ("look-alikes merged < 1%", share < 0.01),
                      ("recall >= 0.97", m["recall"] >= 0.97), ("under 10 s", t < 10)]
            peer = [r for r in rows if r[0] == dataset and r[1] == n and r[2] != "course"]
            if peer:
                checks.append((f"F1 ahead of {peer[0][2]}", m["f1"] > peer[0][5]["f1"]))
            print("\ntargets (course, realistic, 100,000): "
                  + "; ".join(f"{name} {'met' if ok else 'MISSED'}" for name, ok in checks))
    def line(t, mb, m):
        merged = f", look-alikes merged {m['alike_merged']:,} of {m['alike']:,}" if m["alike"] else ""
        return (f"{t:.1f} s, {'?' if mb is None else f'{mb:,.0f}'} MB, P {m['precision']:.3f}, R {m['recall']:.3f}, "
                f"F1 {m['f1']:.3f}{merged}")
    summary(**{f"{d} {n:,} {who}": line(t, mb, m) for d, n, who, t, mb, m in rows})


if __name__ == "__main__":
    main()
