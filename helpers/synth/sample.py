"""The committed sample extract in ``course_data/`` and how to rebuild it.

``python -m helpers.synth --write-sample`` regenerates the seven CSV files from
``make_records(2000, seed=2026)``; ``python -m helpers.synth --check`` says whether
the committed files are still exactly what the generator makes.

>>> SAMPLE_FILES["patients"]
'synthetic_patients.csv'
"""
from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["SAMPLE_ARGS", "SAMPLE_FILES", "sample_csv", "write_sample", "main"]

#: The arguments of the committed sample.
SAMPLE_ARGS = {"n_patients": 2000, "seed": 2026}
#: Table name -> file name in ``course_data/``.
SAMPLE_FILES = {name: f"synthetic_{name}.csv" for name in (
    "patients", "encounters", "diagnoses", "duplicates", "defects", "procedures", "lookalikes")}


def sample_csv() -> dict[str, bytes]:
    """The sample's CSV files as bytes (dates as YYYY-MM-DD, empty cells for missing values)."""
    from helpers.synth import make_records

    extract = make_records(**SAMPLE_ARGS)
    return {SAMPLE_FILES[name]: frame.to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\n").encode("utf-8")
            for name, frame in extract.tables().items()}


def write_sample(folder: str | Path | None = None) -> list[Path]:
    """Write the sample CSVs to ``folder`` (default ``course_data/``); return their paths."""
    from helpers.data import DATA_DIR

    folder = Path(folder) if folder is not None else DATA_DIR
    paths = []
    for name, content in sample_csv().items():
        path = folder / name
        path.write_bytes(content)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.synth", description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write-sample", action="store_true", help="regenerate the sample CSVs in course_data/")
    action.add_argument("--check", action="store_true", help="exit 1 if the committed sample differs from the generator")
    parser.add_argument("--folder", type=Path, default=None, help="another folder than course_data/")
    args = parser.parse_args(argv)
    if args.write_sample:
        for path in write_sample(args.folder):
            print(f"wrote {path} ({path.stat().st_size:,} bytes)")
        return 0
    from helpers.data import DATA_DIR

    folder = args.folder or DATA_DIR
    stale = [name for name, content in sample_csv().items()
             if not (folder / name).is_file() or (folder / name).read_bytes() != content]
    print("sample up to date" if not stale else f"differs from the generator: {', '.join(stale)}; "
          "run python -m helpers.synth --write-sample")
    return 1 if stale else 0
