"""Course data: every table the course teaches from, typed and with its source.

The facts live in ``course_data/`` as CSV files described by ``datapackage.json``
(a Frictionless Data Package). This module is the only place that knows where
that folder is. Notebooks ask for a table by name:

>>> from helpers import data
>>> ladder = data.load("career_ladder")
>>> ladder.loc[0, "level"]
'Entry-level Medical Records Technician'
>>> data.source("career_ladder")["verification"]
'G'

Every column is converted to the type its schema declares (``integer`` ->
``Int64``, ``number`` -> ``float64``, ``boolean`` -> ``boolean``, ``string``
-> ``string``, ``date`` -> ``datetime64``), and every constraint in the schema
is checked. A synthetic extract's table also carries the day the extract was taken
(the resource's ``extractDate``) in ``.attrs["extract_date"]``:

>>> data.load("synthetic_patients").attrs["extract_date"]
'2026-01-01'

A broken file raises :class:`CourseDataError` naming the file, the
line and the column at fault, and saying what to do.
"""
from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["load", "source", "cite", "names", "DataPackage", "CourseDataError", "DATA_DIR", "SourceRecord",
           "INT_MIN", "INT_MAX"]

#: The folder that holds ``datapackage.json`` and the CSV files.
DATA_DIR = Path(__file__).resolve().parent.parent / "course_data"

_TRUE = {"true", "True", "TRUE", "1"}
_FALSE = {"false", "False", "FALSE", "0"}
_INT = re.compile(r"[+-]?\d+")
#: The whole numbers an ``integer`` column (pandas ``Int64``) can hold.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1


class CourseDataError(ValueError):
    """A course data file is missing, unreadable or does not match its schema."""


class UnknownResourceError(CourseDataError, LookupError):
    """The name asked for is not a table in the data package."""


class SourceRecord(dict):
    """A table's source record: a plain dictionary that a notebook shows as a short, readable card."""

    _TAGS = {"V": "seen on the official body's own page", "S": "a secondary site quoting the official source",
             "G": "stated by a career guide", "U": "unverified"}

    def _lines(self) -> list[tuple[str, str]]:
        tag = str(self.get("verification", ""))
        rows = [("Table", f"{self.get('title', '')} ({self.get('name', '')})"), ("Source", str(self.get("source", ""))),
                ("As of", str(self.get("as_of", ""))), ("Tag", f"{tag}: {self._TAGS[tag]}" if tag in self._TAGS else tag),
                ("Licence", str(self.get("licence", "")))]
        rows += [("Link", str(s["path"])) for s in self.get("sources", []) if s.get("path")]
        return [(k, v) for k, v in rows if v]

    def _repr_html_(self) -> str:
        import html

        body = "".join(f"<tr><th style='text-align:left;padding:2px 10px 2px 0;vertical-align:top'>{html.escape(k)}</th>"
                       f"<td style='text-align:left;padding:2px 0;overflow-wrap:break-word'>{html.escape(v)}</td></tr>"
                       for k, v in self._lines())
        return f"<table style='max-width:100%'>{body}</table>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text("\n".join(f"{k}: {v}" for k, v in self._lines()))


class DataPackage:
    """A folder holding ``datapackage.json`` and the CSV files it describes.

    >>> pkg = DataPackage(DATA_DIR)
    >>> "bls_wages" in pkg.names()
    True
    """

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self._descriptor: dict | None = None
        self._tables: dict[str, pd.DataFrame] = {}

    # -- the descriptor -------------------------------------------------
    @property
    def descriptor(self) -> dict:
        if self._descriptor is None:
            path = self.folder / "datapackage.json"
            if not path.is_file():
                raise CourseDataError(
                    f"{path} not found. The course data folder is missing or moved; "
                    "restore it from the course repository (git checkout course_data)."
                )
            try:
                descriptor = json.loads(path.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise CourseDataError(f"{path} is not valid JSON ({exc}). Restore it from the repository.") from exc
            if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
                raise CourseDataError(f"{path} has no 'resources' list.")
            for i, r in enumerate(descriptor["resources"], start=1):
                if not isinstance(r, dict) or not isinstance(r.get("name"), str) or not r["name"]:
                    raise CourseDataError(f"{path}: resource number {i} has no 'name'. Give every resource a "
                                          "name (the table's name, such as \"career_ladder\").")
            self._descriptor = descriptor
        return self._descriptor

    def names(self) -> list[str]:
        """The names of every table, in the order of the data package."""
        return [r["name"] for r in self.descriptor["resources"]]

    def resource(self, name: str) -> dict:
        """The descriptor of one table; an unknown name lists the known ones."""
        for r in self.descriptor["resources"]:
            if r.get("name") == name:
                return r
        raise UnknownResourceError(
            f"There is no course table called {name!r}. Available tables: {', '.join(self.names())}."
        )

    # -- loading --------------------------------------------------------
    def load(self, name: str) -> pd.DataFrame:
        """Read one table, typed and checked against its schema (a fresh copy each call)."""
        if name not in self._tables:
            self._tables[name] = self._read(self.resource(name))
        return self._tables[name].copy()

    def source(self, name: str) -> dict[str, Any]:
        """Where a table's facts come from: source titles and links, as-of date, tag, license."""
        r = self.resource(name)
        sources = [dict(s) for s in r.get("sources", [])]
        licences = r.get("licenses") or self.descriptor.get("licenses") or []
        return SourceRecord({
            "name": name,
            "title": r.get("title", name),
            "source": "; ".join(s.get("title", "") for s in sources),
            "sources": sources,
            "as_of": r.get("asOf", "unknown"),
            "verification": r.get("verification", "U"),
            "licence": ", ".join(lic.get("title") or lic.get("name", "") for lic in licences),
        })

    def _read(self, r: dict) -> pd.DataFrame:
        where = self.folder / "datapackage.json"
        if not isinstance(r.get("path"), str) or not r["path"].strip():
            raise CourseDataError(
                f"{where}: the table {r['name']!r} has no 'path' (one CSV file, such as \"{r['name']}.csv\"); "
                f"found {r.get('path')!r}. Add the file name to its entry, or restore datapackage.json from the "
                "repository.")
        path = self.folder / r["path"]
        schema = r.get("schema") if isinstance(r.get("schema"), dict) else {}
        fields = schema.get("fields", [])
        if not isinstance(fields, list) or not all(isinstance(f, dict) and isinstance(f.get("name"), str)
                                                   for f in fields):
            raise CourseDataError(f"{where}: the schema of table {r['name']!r} needs a list of fields, each with "
                                  "a 'name'. Restore datapackage.json from the repository.")
        if not path.is_file():
            raise CourseDataError(f"{path} not found (table {r['name']!r}). Restore it from the repository.")
        try:  # utf-8-sig: a byte-order mark that a spreadsheet put at the start is dropped, not read as text
            with path.open(encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.reader(fh, strict=True))
        except UnicodeDecodeError as exc:
            raise CourseDataError(f"{path} is not UTF-8 text ({exc}). Save it as UTF-8 CSV.") from exc
        except csv.Error as exc:
            raise CourseDataError(f"{path} is not well-formed CSV ({exc}).") from exc
        if not rows or not any(cell.strip() for cell in rows[0]):
            raise CourseDataError(f"{path} is empty: expected a header row with {[f['name'] for f in fields]}.")
        header, body = rows[0], rows[1:]
        expected = [f["name"] for f in fields]
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        if missing or extra:
            raise CourseDataError(
                f"{path}: the header does not match the schema in datapackage.json."
                + (f" Missing column(s): {missing}." if missing else "")
                + (f" Unexpected column(s): {extra}." if extra else "")
            )
        if not body:
            raise CourseDataError(f"{path} has a header but no data rows.")
        for i, row in enumerate(body):
            if len(row) != len(header):
                raise CourseDataError(
                    f"{path}, line {i + 2}: {len(row)} values for {len(header)} columns "
                    "(an unquoted comma, or a missing value?)."
                )
        columns = {}
        for field in fields:
            j = header.index(field["name"])
            columns[field["name"]] = _convert([row[j] for row in body], field, path)
        frame = pd.DataFrame(columns)
        _check_primary_key(frame, r.get("schema", {}).get("primaryKey"), path)
        if r.get("extractDate"):  # a synthetic extract carries the day it was taken (see helpers.inputs)
            frame.attrs["extract_date"] = str(r["extractDate"])
        return frame


def _where(path: Path, line: int, column: str) -> str:
    return f"{path}, line {line}, column {column!r}"


def _convert(raw: list[str], field: dict, path: Path) -> pd.Series:
    """Convert one column of raw strings to the field's type, checking its constraints."""
    name, kind = field["name"], field.get("type", "string")
    cons = field.get("constraints", {})
    values: list[Any] = []
    for i, text in enumerate(raw):
        line = i + 2  # the header is line 1
        if text == "":
            if cons.get("required"):
                raise CourseDataError(f"{_where(path, line, name)}: a value is required but the cell is empty.")
            values.append(None)
            continue
        values.append(_parse(text, kind, _where(path, line, name)))
        _check(values[-1], text, cons, _where(path, line, name))
    if kind == "integer":
        return pd.array(values, dtype="Int64")
    if kind == "number":
        return pd.Series([float("nan") if v is None else v for v in values], dtype="float64")
    if kind == "boolean":
        return pd.array(values, dtype="boolean")
    if kind in ("date", "datetime"):
        return pd.to_datetime(pd.Series(values, dtype="object"))
    return pd.array(values, dtype="string")


def _parse(text: str, kind: str, where: str) -> Any:
    if kind == "integer":
        if not _INT.fullmatch(text.strip()):
            raise CourseDataError(f"{where}: {text!r} is not a whole number (write digits only, no commas or $).")
        digits = text.strip().lstrip("+-").lstrip("0")
        if len(digits) > 19 or not INT_MIN <= int(text) <= INT_MAX:
            raise CourseDataError(f"{where}: {_short(text)} is too big for a whole-number column (at most "
                                  f"{INT_MAX:,} either side of zero). Check the value; a typing slip added digits?")
        return int(text)
    if kind == "number":
        try:
            value = float(text)
        except ValueError:
            raise CourseDataError(f"{where}: {_short(text)} is not a number (write digits only, no commas or $).") from None
        if not math.isfinite(value):
            raise CourseDataError(f"{where}: {_short(text)} is not a finite number (NaN and infinity are not "
                                  "allowed). Write the value, or leave the cell empty if it is unknown and optional.")
        return value
    if kind == "boolean":
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise CourseDataError(f"{where}: {text!r} is not true or false.")
    if kind in ("date", "datetime"):
        try:
            return pd.Timestamp(text)
        except ValueError:
            raise CourseDataError(f"{where}: {text!r} is not a date (use YYYY-MM-DD).") from None
    return text


def _short(text: str) -> str:
    """``text`` quoted, cut to 40 characters so a message stays readable."""
    return repr(text) if len(text) <= 40 else repr(text[:37] + "...")


def _check(value: Any, text: str, cons: dict, where: str) -> None:
    if "enum" in cons and text not in [str(e) for e in cons["enum"]]:
        raise CourseDataError(f"{where}: {text!r} is not one of {cons['enum']}.")
    if "minimum" in cons and value < cons["minimum"]:
        raise CourseDataError(f"{where}: {text} is below the minimum {cons['minimum']}.")
    if "maximum" in cons and value > cons["maximum"]:
        raise CourseDataError(f"{where}: {text} is above the maximum {cons['maximum']}.")
    if "pattern" in cons and not re.fullmatch(cons["pattern"], text):
        raise CourseDataError(f"{where}: {text!r} does not match the pattern {cons['pattern']!r}.")


def _check_primary_key(frame: pd.DataFrame, key: list[str] | str | None, path: Path) -> None:
    if not key:
        return
    key = [key] if isinstance(key, str) else list(key)
    dup = frame.duplicated(subset=key, keep="first")
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        values = ", ".join(str(frame.iloc[i][k]) for k in key)
        raise CourseDataError(f"{path}, line {i + 2}: the key {key} value ({values}) appears twice; keys must be unique.")


_default: DataPackage | None = None


def _package() -> DataPackage:
    global _default
    if _default is None:
        _default = DataPackage(DATA_DIR)
    return _default


def names() -> list[str]:
    """Names of every course table.

    >>> names()[:2]
    ['lessons', 'career_ladder']
    """
    return _package().names()


def load(name: str) -> pd.DataFrame:
    """Load the course table ``name`` as a typed DataFrame (a fresh copy each call).

    >>> load("bls_wages")["median_annual_usd"].dtype
    Int64Dtype()
    """
    return _package().load(name)


def source(name: str) -> dict[str, Any]:
    """Source, as-of date, verification tag and license of the course table ``name``.

    >>> sorted(source("wages_by_state"))
    ['as_of', 'licence', 'name', 'source', 'sources', 'title', 'verification']
    """
    return _package().source(name)


def cite(name: str) -> str:
    """A one-line citation for a chart or table caption.

    >>> cite("wages_by_industry")
    'Source: BLS Occupational Employment Statistics, May 2011, 29-2071 (as of 2011-05; tag V)'
    """
    s = source(name)
    return f"Source: {s['source']} (as of {s['as_of']}; tag {s['verification']})"
