"""helpers.ehrdb: the synthetic extract as a DuckDB database with keys, and the query checker proven both ways."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from helpers import data, ehrdb, synth
from helpers.checks.problems import QueryProblem


@pytest.fixture(scope="module")
def con():
    return ehrdb.connect()


@pytest.fixture(scope="module")
def extract():
    return synth.make_records(300, seed=4)


def count(con, table):
    return con.sql(f'SELECT count(*) FROM "{table}"').fetchall()[0][0]


def test_the_sample_is_loaded_whole(con):
    for name in data.names():
        if name.startswith("synthetic_"):
            frame = data.load(name)
            table = name[len("synthetic_"):]
            assert count(con, table) == len(frame)
            assert [r[0] for r in con.sql(f'DESCRIBE "{table}"').fetchall()] == list(frame.columns)


def test_a_generated_extract_is_loaded_whole_with_dates_as_dates(extract):
    con = ehrdb.connect(extract)
    for table, frame in extract.tables().items():
        assert count(con, table) == len(frame)
    types = dict(con.sql("SELECT column_name, data_type FROM information_schema.columns "
                         "WHERE table_name = 'encounters'").fetchall())
    assert types["admit_date"] == "DATE" and types["encounter_id"] == "VARCHAR"


def test_keys_are_declared_and_enforced(con):
    constraints = set(con.sql("SELECT table_name, constraint_type FROM information_schema.table_constraints").fetchall())
    assert {("patients", "PRIMARY KEY"), ("encounters", "PRIMARY KEY"), ("encounters", "FOREIGN KEY"),
            ("diagnoses", "FOREIGN KEY")} <= constraints
    with pytest.raises(duckdb.ConstraintException):  # an orphan encounter: no such patient
        con.execute("INSERT INTO encounters (encounter_id, patient_id) VALUES ('E99999999', 'P9999999')")
    with pytest.raises(duckdb.ConstraintException):  # an orphan diagnosis
        con.execute("INSERT INTO diagnoses (encounter_id, seq, code) VALUES ('E99999999', 1, 'I10')")
    with pytest.raises(duckdb.ConstraintException):  # a second patient with the same id
        con.execute("INSERT INTO patients (patient_id) VALUES ('P0000001')")
    patient = con.sql("SELECT patient_id FROM patients LIMIT 1").fetchall()[0][0]
    con.execute("BEGIN TRANSACTION")  # a proper encounter is accepted
    con.execute(f"INSERT INTO encounters (encounter_id, patient_id) VALUES ('E99999999', '{patient}')")
    con.execute("ROLLBACK")


def test_unknown_tables_are_loaded_without_keys_and_procedures_get_theirs(extract):
    tables = dict(extract.tables())
    first = tables["encounters"]["encounter_id"].iloc[0]
    tables["procedures"] = pd.DataFrame({"encounter_id": [first], "seq": [1], "code": ["0DTJ4ZZ"]})
    tables["notes"] = pd.DataFrame({"note_id": [1, 1], "text": ["same id twice", "is fine"]})
    con = ehrdb.connect(tables)
    constraints = set(con.sql("SELECT table_name, constraint_type FROM information_schema.table_constraints").fetchall())
    assert ("procedures", "FOREIGN KEY") in constraints
    assert not any(t == "notes" and kind in ("PRIMARY KEY", "FOREIGN KEY") for t, kind in constraints)
    assert count(con, "notes") == 2
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO procedures VALUES ('E99999999', 1, '0DTJ4ZZ')")


def test_a_table_that_breaks_its_key_is_refused_by_name(extract):
    tables = dict(extract.tables())
    tables["patients"] = pd.concat([tables["patients"], tables["patients"].head(1)])
    with pytest.raises(ValueError, match="the patients table breaks one of its keys"):
        ehrdb.connect(tables)
    with pytest.raises(ValueError, match="holds no tables"):
        ehrdb.connect(42)


# --- the query checker: each message proven on a right and a wrong query --------------------------------

EXPECTED = "SELECT patient_id, last_name FROM patients WHERE state = 'TX'"


@pytest.mark.parametrize("sql, kind", [
    (EXPECTED, "correct"),
    ("SELECT last_name, patient_id FROM patients WHERE state = 'TX' ORDER BY last_name DESC", "correct"),
    ("select PATIENT_ID, LAST_NAME from patients where state = 'TX'", "correct"),
    ("SELECT patient_id, last_name FORM patients WHERE state = 'TX'", "syntax"),
    ("SELECT patient_id, last_name FROM patients WHERE state = 'TX", "syntax"),
    ("SELECT patient_id, surname FROM patients WHERE state = 'TX'", "error"),
    ("SELECT patient_id, first_name FROM patients WHERE state = 'TX'", "columns"),
    ("SELECT patient_id FROM patients WHERE state = 'TX'", "columns"),
    ("SELECT patient_id, last_name FROM patients", "rows"),
    ("SELECT patient_id, first_name AS last_name FROM patients WHERE state = 'TX'", "values"),
    ("DELETE FROM patients", "error"),
    ("SELECT 1; SELECT 2", "error"),
])
def test_check_query_says_what_is_wrong(con, sql, kind):
    verdict = ehrdb.check_query(con, sql, EXPECTED)
    assert verdict.kind == kind, verdict.message
    assert verdict.ok == (kind == "correct")
    assert count(con, "patients") == len(data.load("synthetic_patients"))  # nothing was changed


def test_the_messages_name_the_problem(con):
    assert "syntax error" in ehrdb.check_query(con, "SELEC patient_id FROM patients", EXPECTED).message
    columns = ehrdb.check_query(con, "SELECT patient_id, first_name FROM patients WHERE state = 'TX'", EXPECTED)
    assert "missing `last_name`" in columns.message and "`first_name`" in columns.message
    expected_rows = len(con.sql(EXPECTED).fetchall())
    rows = ehrdb.check_query(con, "SELECT patient_id, last_name FROM patients", EXPECTED).message
    assert "too many" in rows and f"{expected_rows:,}" in rows


def test_order_counts_only_when_asked(con):
    ordered = "SELECT patient_id FROM patients ORDER BY patient_id LIMIT 5"
    reverse = "SELECT * FROM (SELECT patient_id FROM patients ORDER BY patient_id LIMIT 5) ORDER BY patient_id DESC"
    assert ehrdb.check_query(con, reverse, ordered).ok
    assert ehrdb.check_query(con, reverse, ordered, ordered=True).kind == "order"
    assert ehrdb.check_query(con, ordered, ordered, ordered=True).ok


def test_a_runaway_query_is_stopped(con):
    slow = "SELECT count(*) AS n FROM range(100000000) a, range(100000000) b"
    verdict = ehrdb.check_query(con, slow, "SELECT 1 AS n", time_limit=0.5)
    assert verdict.kind == "error" and "stopped" in verdict.message


def test_a_locked_database_reads_no_files():
    con = ehrdb.lock(ehrdb.connect())
    verdict = ehrdb.check_query(con, "SELECT * FROM read_csv('course_data/lessons.csv')", "SELECT 1 AS x")
    assert verdict.kind == "error"
    with pytest.raises(duckdb.Error):
        con.execute("SET enable_external_access = true")
    assert ehrdb.check_query(con, "SELECT count(*) AS n FROM patients", "SELECT count(*) AS n FROM patients").ok


def test_query_problem_both_ways():
    problem = QueryProblem("tx_sql", solution=f"### BEGIN SOLUTION\ntx_sql = \"{EXPECTED}\"\n### END SOLUTION",
                           hints=["Filter on state.", "WHERE state = 'TX'"],
                           wrong_answers=[("tx_sql = \"SELECT patient_id, last_name FROM patients\"",
                                           "That lists every state.")])
    assert problem.check(value="select last_name, patient_id from patients where state = 'TX'").outcome == "correct"
    wrong = problem.check(value="SELECT patient_id, last_name FROM patients")
    assert wrong.outcome == "incorrect" and "That lists every state." in wrong.message
    assert problem.check(value="SELEC x").outcome == "incorrect"
    assert problem.check(value=42).outcome == "incorrect"
    assert problem.check(value=...).outcome == "not attempted"
