"""The synthetic EHR extract as a real SQL database: DuckDB, in process, with its keys declared.

``connect()`` gives a DuckDB connection (embedded: no server, nothing to start) holding one table per
table of the extract, every column kept, with primary and foreign keys declared for the tables the
course knows (``patients``, ``encounters``, ``diagnoses``, ``procedures``, ``duplicates``, ``defects``).
Any other table an extract carries is loaded as it is, without keys. Every row is synthetic.

``check_query`` runs a learner's SQL and compares its result set with the answer's (order-insensitive
unless asked), with a message for a syntax error, a wrong column, a wrong row count or wrong values.

>>> con = connect()
>>> con.sql("SELECT count(*) FROM patients").fetchall()[0][0] > 0
True
>>> check_query(con, "SELEC 1", "SELECT 1 AS one").kind
'syntax'
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import decimal
import math
import threading
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

__all__ = ["connect", "tables_of", "KEYS", "query", "QueryCheck", "check_query", "run_query", "lock"]

#: Keys declared for the tables the course knows: primary key columns and (column, table, column)
#: foreign keys. A key is declared only when the extract has its columns (and the referenced table).
KEYS: dict[str, dict[str, Any]] = {
    "patients": {"primary": ("patient_id",), "foreign": ()},
    "encounters": {"primary": ("encounter_id",), "foreign": (("patient_id", "patients", "patient_id"),)},
    "diagnoses": {"primary": ("encounter_id", "seq"), "foreign": (("encounter_id", "encounters", "encounter_id"),)},
    # lesson 07's procedures table: its own key is not known here, so only the link to encounters is declared
    "procedures": {"primary": (), "foreign": (("encounter_id", "encounters", "encounter_id"),)},
    "duplicates": {"primary": ("id_a", "id_b"),
                   "foreign": (("id_a", "patients", "patient_id"), ("id_b", "patients", "patient_id"))},
    "defects": {"primary": ("table", "row_id"), "foreign": ()},
}
_PREFIX = "synthetic_"


def tables_of(records: Any = None) -> dict[str, "pd.DataFrame"]:
    """Every DataFrame an extract carries, by table name (default: the committed sample).

    ``records`` may be what ``helpers.synth.make_records`` returns, any object whose attributes
    include DataFrames, or a dict of name -> DataFrame.

    >>> sorted(tables_of({"patients": __import__("pandas").DataFrame({"patient_id": ["P1"]})}))
    ['patients']
    """
    import pandas as pd

    if records is None:
        from helpers import data

        return {name[len(_PREFIX):]: data.load(name) for name in data.names() if name.startswith(_PREFIX)}
    if isinstance(records, Mapping):
        found = dict(records)
    else:
        found = dict(records.tables()) if callable(getattr(records, "tables", None)) else {}
        for name, value in getattr(records, "__dict__", {}).items():
            found.setdefault(name, value)
    frames = {str(k): v for k, v in found.items() if isinstance(v, pd.DataFrame)}
    if not frames:
        raise ValueError(f"records holds no tables: got {type(records).__name__}. Pass what "
                         "helpers.synth.make_records(...) returns, a dict of DataFrames, or nothing for the sample.")
    for name in frames:
        if not name.isidentifier():
            raise ValueError(f"the table name {name!r} cannot be a SQL table name; use letters, digits and _.")
    return frames


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _column_types(con: "duckdb.DuckDBPyConnection", frame: "pd.DataFrame") -> list[tuple[str, str]]:
    import pandas as pd

    rows = con.execute("DESCRIBE SELECT * FROM _mrt_source").fetchall()
    out = []
    for name, kind, *_ in rows:
        column = frame[name]
        if kind.startswith("TIMESTAMP") and pd.api.types.is_datetime64_any_dtype(column):
            days = column.dropna()
            if (days == days.dt.normalize()).all():
                kind = "DATE"  # a calendar date, shown without a time of day
        elif kind == "VARCHAR" and name.endswith("_date"):  # the sample's CSV dates, YYYY-MM-DD text
            bad = con.execute(f"SELECT count(*) FROM _mrt_source WHERE {_q(name)} IS NOT NULL "
                              f"AND TRY_CAST({_q(name)} AS DATE) IS NULL").fetchall()[0][0]
            kind = "DATE" if bad == 0 else kind
        out.append((name, kind))
    return out


def connect(records: Any = None) -> "duckdb.DuckDBPyConnection":
    """An in-memory DuckDB database holding the extract's tables with their keys declared.

    With no argument it holds the committed synthetic sample (``course_data/synthetic_*.csv``).
    A table whose rows break a declared key is refused with a ValueError naming it.

    >>> con = connect()
    >>> con.sql("SELECT count(*) FROM encounters e JOIN patients p USING (patient_id)").fetchall()[0][0] > 0
    True
    """
    import duckdb

    frames = tables_of(records)
    order = [t for t in KEYS if t in frames] + [t for t in frames if t not in KEYS]
    con = duckdb.connect(":memory:")
    for table in order:
        frame = frames[table]
        keys = KEYS.get(table, {"primary": (), "foreign": ()})
        con.register("_mrt_source", frame)
        try:
            columns = _column_types(con, frame)
            names = {c for c, _ in columns}
            parts = [f"{_q(c)} {kind}" for c, kind in columns]
            if keys["primary"] and set(keys["primary"]) <= names:
                parts.append(f"PRIMARY KEY ({', '.join(map(_q, keys['primary']))})")
            for column, other, other_column in keys["foreign"]:
                if column in names and other in frames and other_column in frames[other].columns:
                    parts.append(f"FOREIGN KEY ({_q(column)}) REFERENCES {_q(other)} ({_q(other_column)})")
            con.execute(f"CREATE TABLE {_q(table)} ({', '.join(parts)})")
            con.execute(f"INSERT INTO {_q(table)} BY NAME SELECT * FROM _mrt_source")
        except duckdb.ConstraintException as exc:
            con.close()
            raise ValueError(f"the {table} table breaks one of its keys ({str(exc).splitlines()[0]}); "
                             "fix or drop the offending rows before loading it.") from None
        con.unregister("_mrt_source")
    return con


def query(con: "duckdb.DuckDBPyConnection", sql: str, params: Any = None) -> "pd.DataFrame":
    """Run one SQL statement and return its result as a table (empty for a statement that returns none).

    What the database refuses (a syntax error, an unknown column, a broken key) raises ValueError with
    the database's own message, so a notebook can show it with ``explain.errors()``.

    >>> bool(query(connect(), "SELECT count(*) AS n FROM patients WHERE sex = ?", ["F"])["n"][0] > 0)
    True
    """
    import duckdb
    import pandas as pd

    _connection(con)
    if not isinstance(sql, str) or not sql.strip():
        raise ValueError(f"a query must be SQL text such as 'SELECT * FROM patients'; got {sql!r}.")
    try:
        result = con.execute(sql, params) if params is not None else con.execute(sql)
        if result.description is None:
            return pd.DataFrame()
        return result.df()
    except duckdb.Error as exc:
        raise ValueError("the database refused the statement: " + str(exc).split("\n")[0]) from None


def _connection(con: Any) -> "duckdb.DuckDBPyConnection":
    import duckdb

    if not isinstance(con, duckdb.DuckDBPyConnection):
        raise ValueError(f"con must be a database connection such as ehrdb.connect() returns; got {type(con).__name__}.")
    return con


def lock(con: "duckdb.DuckDBPyConnection", memory_mb: int = 1024) -> "duckdb.DuckDBPyConnection":
    """Forbid files, extensions and further setting changes on ``con`` (used when checking a learner's query).

    >>> con = lock(connect())
    >>> con.sql("SELECT count(*) > 0 FROM patients").fetchall()[0][0]
    True
    """
    _connection(con).execute(f"SET memory_limit = '{int(memory_mb)}MB'")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def run_query(con: "duckdb.DuckDBPyConnection", sql: str, time_limit: float = 10.0) -> tuple[list[str], list[tuple]]:
    """Run one SELECT statement and return its column names and rows; changes are rolled back.

    Raises ValueError for anything but text holding one SELECT (or WITH ... SELECT) statement, and
    the database's own error for a query that cannot run.

    >>> run_query(connect(), "SELECT 1 + 1 AS two")
    (['two'], [(2,)])
    """
    import duckdb

    _connection(con)
    if not isinstance(sql, str) or not sql.strip():
        raise ValueError(f"a query must be SQL text such as 'SELECT * FROM patients'; got {sql!r}.")
    statements = duckdb.extract_statements(sql)
    if len(statements) != 1:
        raise ValueError(f"write exactly one SQL statement; this text holds {len(statements)}.")
    if statements[0].type != duckdb.StatementType.SELECT:
        raise ValueError("only a query that reads (SELECT ...) can be checked; this statement would "
                         f"{statements[0].type.name.lower()} instead.")
    timer = threading.Timer(time_limit, con.interrupt)
    con.execute("BEGIN TRANSACTION")
    timer.start()
    try:
        result = con.execute(sql)
        names = [d[0] for d in result.description]
        rows = result.fetchall()
    finally:
        timer.cancel()
        con.execute("ROLLBACK")
    return names, rows


@dataclasses.dataclass(frozen=True)
class QueryCheck:
    """The outcome of :func:`check_query`: ``ok``, a ``kind`` (``correct``, ``syntax``, ``error``,
    ``columns``, ``rows``, ``values`` or ``order``) and a sentence for the learner."""

    ok: bool
    kind: str
    message: str

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        return self.message


def _plain(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        value = float(value)
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def _listing(names: list[str]) -> str:
    return ", ".join(f"`{n}`" for n in names) or "none"


def check_query(con: "duckdb.DuckDBPyConnection", sql: Any, expected_sql: str, ordered: bool = False,
                time_limit: float = 10.0) -> QueryCheck:
    """Run ``sql`` and ``expected_sql`` on ``con`` and compare their results; never raises for the learner's SQL.

    Columns are matched by name (any case, any order); rows as a set unless ``ordered``.

    >>> con = connect()
    >>> check_query(con, "SELECT patient_id FROM patients", "SELECT patient_id FROM patients").ok
    True
    >>> check_query(con, "SELECT mrn FROM patients", "SELECT patient_id FROM patients").kind
    'columns'
    """
    import duckdb

    want_names, want_rows = run_query(_connection(con), expected_sql, time_limit)
    try:
        got_names, got_rows = run_query(con, sql, time_limit)
    except duckdb.ParserException as exc:
        detail = str(exc).split("\n")[0].replace("Parser Error: ", "")
        return QueryCheck(False, "syntax", f"the query has a syntax error ({detail}). Look at the words around "
                          "that spot: a missing comma, a misspelled keyword or an unclosed quote.")
    except ValueError as exc:
        return QueryCheck(False, "error", f"the query could not be checked: {exc}")
    except duckdb.InterruptException:
        return QueryCheck(False, "error", f"the query ran longer than {time_limit:g} s and was stopped: "
                          "is a join missing its ON condition?")
    except duckdb.Error as exc:
        detail = str(exc).split("\n")[0]
        return QueryCheck(False, "error", f"the database could not run the query: {detail}")
    got_lower = [n.lower() for n in got_names]
    want_lower = [n.lower() for n in want_names]
    if sorted(got_lower) != sorted(want_lower):
        missing = [n for n in want_names if n.lower() not in got_lower]
        extra = [n for n in got_names if n.lower() not in want_lower]
        return QueryCheck(False, "columns", f"the result has the wrong columns: missing {_listing(missing)}; "
                          f"not asked for {_listing(extra)}. Name each column as the question does "
                          "(use AS to rename one).")
    if len(got_rows) != len(want_rows):
        way = "too many" if len(got_rows) > len(want_rows) else "too few"
        return QueryCheck(False, "rows", f"the query returns {len(got_rows):,} rows, {way}: the answer has "
                          f"{len(want_rows):,}. Check the WHERE conditions, the join and any GROUP BY.")
    position = [got_lower.index(n) for n in want_lower]
    got = [tuple(_plain(row[i]) for i in position) for row in got_rows]
    want = [tuple(_plain(v) for v in row) for row in want_rows]
    if sorted(got, key=repr) != sorted(want, key=repr):
        differ = len(set(map(repr, want)) - set(map(repr, got)))
        return QueryCheck(False, "values", f"the columns and the number of rows are right, but {max(differ, 1):,} "
                          "row(s) of the answer are not in the result. Check the conditions and the calculations.")
    if ordered and got != want:
        return QueryCheck(False, "order", "the rows are right but in the wrong order: add or fix the ORDER BY.")
    return QueryCheck(True, "correct", "the query returns the right result.")
