"""How fast are lesson 09's database, HL7 v2 and FHIR helpers on larger extracts? A script, not a test.

Run from the repository root:

    .venv/bin/python benchmarks/standards.py                       # the sizes of the issue
    .venv/bin/python benchmarks/standards.py --patients 20000 --encounters 2000 --bundles 200

It prints four figures, each the best of ``--repeat`` runs:

1. loading a synthetic extract of ``--patients`` patients (default 100,000) into DuckDB with
   ``helpers.ehrdb.connect`` (keys declared and checked on every row);
2. a census query on that database (inpatients in house on one day);
3. generating the HL7 v2 ADT messages of ``--encounters`` encounters (default 10,000) with
   ``helpers.hl7v2.adt_messages`` and parsing every one of them with python-hl7 (``read_all``);
4. exporting ``--bundles`` patients' charts (default 1,000) as FHIR bundles and validating each with
   fhir.resources (``helpers.fhir.bundles(..., as_dict=False)``).

All data is synthetic (``helpers.synth.make_records``). The first line names the machine.
"""
from __future__ import annotations

import argparse
import os
import platform
import time

try:
    import helpers  # noqa: F401  (installed in .venv with `pip install -e .`)
except ImportError:
    raise SystemExit("The course is not installed here: run `make test` once (it installs it into .venv), "
                     "then run this script with .venv/bin/python.")

from helpers import ehrdb, fhir, hl7v2, synth  # noqa: E402
from timing import best, summary  # noqa: E402  (benchmarks/timing.py)

CENSUS = """
SELECT count(*) AS census FROM encounters
WHERE encounter_type = 'inpatient' AND admit_date <= DATE '2025-06-30'
  AND (discharge_date > DATE '2025-06-30' OR discharge_date IS NULL)
"""




def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--encounters", type=int, default=10_000)
    parser.add_argument("--bundles", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from importlib.metadata import version

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} cores (load average {load:.1f}), Python {platform.python_version()}, "
          f"duckdb {version('duckdb')}, hl7 {version('hl7')}, fhir.resources {version('fhir.resources')}")

    start = time.perf_counter()
    extract = synth.make_records(args.patients, seed=2026)
    print(f"generated {args.patients:,} patients, {len(extract.encounters):,} encounters, "
          f"{len(extract.diagnoses):,} diagnoses in {time.perf_counter() - start:.1f} s (not counted below)")

    figures = {}
    seconds, con = best(lambda: ehrdb.connect(extract), args.repeat)
    figures[f"duckdb_load_{args.patients}_patients_s"] = round(seconds, 2)
    print(f"1. load into DuckDB with keys: {seconds:.2f} s for {args.patients:,} patients "
          f"({len(extract.encounters):,} encounters, {len(extract.diagnoses):,} diagnoses)")
    seconds, census = best(lambda: con.execute(CENSUS).fetchall()[0][0], args.repeat)
    print(f"2. census query: {seconds * 1000:.1f} ms (census {census:,})")
    figures["census_query_ms"] = round(seconds * 1000, 1)

    def messages():
        first = {"patients": extract.patients, "encounters": extract.encounters.head(args.encounters)}
        feed = hl7v2.adt_messages(first)
        return feed, hl7v2.read_all(feed)

    seconds, (feed, read) = best(messages, args.repeat)
    stays = feed["encounter_id"].nunique()
    figures[f"hl7_{stays}_encounters_s"] = round(seconds, 2)
    print(f"3. HL7 v2: {len(feed):,} ADT messages for {stays:,} encounters generated and parsed in {seconds:.2f} s "
          f"({len(read):,} parsed)")

    ids = extract.patients["patient_id"].head(args.bundles).tolist()
    seconds, count = best(lambda: sum(1 for _ in fhir.bundles(extract, ids, as_dict=False)), args.repeat)
    print(f"4. FHIR: {count:,} bundles exported and validated in {seconds:.2f} s")
    summary(**figures, **{f"fhir_{count}_bundles_s": round(seconds, 2)})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
