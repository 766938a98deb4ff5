"""One extract date: every function that needs it takes ``extract_date``, else reads the table's
``attrs["extract_date"]``, else explains; numbers and text that is not a date are refused; and no
answer changes with the day the code is run."""
import datetime as dt
import sys
import types

import pandas as pd
import pytest

from helpers import audit, data, deid, mpi, quality, release, stats, synth
from helpers.widgets import privacy

DAY = "2026-01-01"


@pytest.fixture(scope="module")
def extract():
    return synth.make_records(150, seed=4)


def _undated(table):
    table = table.copy()
    table.attrs = {}
    return table


# name -> (function of (tables of the extract, extract_date), which tables carry the date)
CALLS = {
    "mpi.find_duplicates": lambda t, d: mpi.find_duplicates(t["patients"], extract_date=d),
    "deid.safe_harbor": lambda t, d: deid.safe_harbor(t["patients"], extract_date=d),
    "stats.screen_stays": lambda t, d: stats.screen_stays(t["encounters"], extract_date=d),
    "stats.daily_census": lambda t, d: stats.daily_census(t["encounters"], "2025-06-01", "2025-06-30",
                                                          {"Medical": 20}, extract_date=d),
    "quality.check_patients": lambda t, d: quality.check_patients(t["patients"], extract_date=d),
    "quality.check_encounters": lambda t, d: quality.check_encounters(t["encounters"], extract_date=d),
    "quality.find_defects": lambda t, d: quality.find_defects(t["patients"], t["encounters"], t["diagnoses"],
                                                              extract_date=d),
    "quality.quality_report": lambda t, d: quality.quality_report(t["patients"], t["encounters"], t["diagnoses"],
                                                                  extract_date=d),
    "audit.make_chart_completion": lambda t, d: audit.make_chart_completion(t["encounters"], t["diagnoses"],
                                                                            extract_date=d),
    "audit.chart_deficiencies": lambda t, d: audit.chart_deficiencies(t["charts"], extract_date=d),
    "audit.chart_status": lambda t, d: audit.chart_status(t["charts"], extract_date=d),
    "release.status": lambda t, d: release.status(t["log"], extract_date=d),
    "widgets.showcase_patients": lambda t, d: privacy.showcase_patients(t["patients"], extract_date=d),
}


_CACHE: dict = {}


def _tables(extract, dated=True):
    """The extract's tables plus a chart table and a request log (made once per module, read only)."""
    if (id(extract), dated) not in _CACHE:
        _CACHE[id(extract), dated] = _make_tables(extract, dated)
    return _CACHE[id(extract), dated]


def _make_tables(extract, dated):
    tables = dict(extract.tables())
    tables["charts"] = audit.make_chart_completion(extract.encounters, extract.diagnoses)
    tables["log"] = release.request_log(n=40, seed=1, extract_date=DAY, patients=extract.patients)
    return tables if dated else {k: _undated(v) for k, v in tables.items()}


def _same(a, b):
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b)
    else:
        assert a == b


def test_every_table_carries_its_date(extract):
    for name, table in _tables(extract).items():
        if name not in ("charts", "log"):
            assert table.attrs["extract_date"] == DAY == extract.parameters["extract_date"], name
    assert _tables(extract)["charts"].attrs["extract_date"] == DAY and _tables(extract)["log"].attrs["extract_date"] == DAY
    for name in ("synthetic_patients", "synthetic_encounters", "synthetic_diagnoses", "synthetic_duplicates",
                 "synthetic_defects"):
        assert data.load(name).attrs["extract_date"] == data.source(name)["as_of"], name
    assert "extract_date" not in data.load("bls_wages").attrs  # only an extract has an extract date


@pytest.mark.parametrize("name", CALLS)
def test_the_tables_date_is_used_when_none_is_given(extract, name):
    call, tables = CALLS[name], _tables(extract)
    _same(call(tables, None), call(tables, DAY))
    _same(call(tables, None), call(tables, dt.date(2026, 1, 1)))


@pytest.mark.parametrize("name", CALLS)
def test_an_explicit_date_wins_over_the_tables(extract, name):
    call, tables = CALLS[name], _tables(extract)
    _same(call(_tables(extract, dated=False), DAY), call(tables, DAY))
    call(tables, pd.Timestamp("2026-06-30"))  # another day is allowed
    call(tables, pd.Timestamp("2026-06-30").to_datetime64())


@pytest.mark.parametrize("name", [n for n in CALLS if n != "mpi.find_duplicates"])
def test_no_date_anywhere_is_explained(extract, name):
    with pytest.raises(ValueError, match=r"extract_date is needed .*extract_date='2026-01-01'"):
        CALLS[name](_tables(extract, dated=False), None)


def test_find_duplicates_does_without_a_date_and_then_sets_no_birth_date_aside():
    """The contract call find_duplicates(patients) works on a hand-made table: the date only refines it."""
    people = pd.DataFrame({"patient_id": [1, 2, 3], "last_name": ["Ray", "Ray", "Oduya"],
                           "first_name": ["Ann", "Ann", "Tom"], "birth_date": ["2030-05-01", "2030-05-01", "1980-01-02"],
                           "sex": ["F", "F", "M"], "ssn": [None, None, None]})
    undated = mpi.find_duplicates(people)
    assert undated[["id_a", "id_b"]].values.tolist() == [[1, 2]] and undated.loc[0, "birth_date"] != "missing"
    dated = mpi.find_duplicates(people, extract_date="2026-01-01")  # born after the extract: impossible, so unused
    assert dated.empty or dated.loc[0, "score"] < undated.loc[0, "score"]


@pytest.mark.parametrize("bad", [2026, 2026.0, True, "soon"])
@pytest.mark.parametrize("name", CALLS)
def test_what_is_not_a_date_is_refused(extract, name, bad):
    with pytest.raises(ValueError, match="extract_date must be a date such as '2026-01-01'") as err:
        CALLS[name](_tables(extract), bad)
    assert f"not {bad!r}" in str(err.value)


@pytest.mark.parametrize("bad", [2026, 2026.0, True, "soon"])
@pytest.mark.parametrize("make", [lambda d: synth.make_records(20, extract_date=d),
                                  lambda d: release.request_log(n=5, extract_date=d)])
def test_generators_refuse_what_is_not_a_date(make, bad):
    with pytest.raises(ValueError, match="extract_date must be a date"):
        make(bad)


def test_the_examples_from_the_issue_are_refused():
    patients = data.load("synthetic_patients")
    with pytest.raises(ValueError, match=r"extract_date must be a date .*not 2026 \(a number\)"):
        deid.safe_harbor(patients, extract_date=2026)
    with pytest.raises(ValueError, match=r"extract_date must be a date .*not 2026 \(a number\)"):
        stats.screen_stays(data.load("synthetic_encounters"), extract_date=2026)


def test_a_generated_extract_is_dated_by_its_argument():
    made = synth.make_records(30, seed=2, extract_date="2020-06-30")
    assert made.parameters["extract_date"] == made.encounters.attrs["extract_date"] == "2020-06-30"
    assert (made.encounters["admit_date"].dropna() <= pd.Timestamp("2020-06-30")).mean() > 0.9


# -- the calendar ------------------------------------------------------------------------------
class _SameKind(type):
    """isinstance(x, Fake) answers as for the real class, so the helpers' type checks are unchanged."""

    def __instancecheck__(cls, obj):
        return isinstance(obj, cls.__mro__[1])


def _freeze(monkeypatch, day: str) -> None:
    """Make every "today" the helpers could ask for (datetime, pandas) answer ``day``."""
    monkeypatch.undo()  # a second freeze starts from the real modules
    stamp = pd.Timestamp(day)

    class Date(dt.date, metaclass=_SameKind):
        @classmethod
        def today(cls):
            return dt.date(stamp.year, stamp.month, stamp.day)

    class DateTime(dt.datetime, metaclass=_SameKind):
        @classmethod
        def today(cls):
            return stamp.to_pydatetime()

        @classmethod
        def now(cls, tz=None):
            return stamp.to_pydatetime()

    class Stamp(pd.Timestamp, metaclass=_SameKind):
        @classmethod
        def today(cls, tz=None):
            return stamp

        @classmethod
        def now(cls, tz=None):
            return stamp

    fake_dt = types.ModuleType("datetime")
    fake_dt.__dict__.update({**vars(dt), "date": Date, "datetime": DateTime})

    class FakePandas(types.ModuleType):
        def __getattr__(self, name):
            return getattr(pd, name)

    fake_pd = FakePandas("pandas")
    fake_pd.Timestamp = Stamp
    for module in [m for n, m in sys.modules.items() if n.startswith("helpers") and m is not None]:
        for attr, value in list(vars(module).items()):
            if value is dt:
                monkeypatch.setattr(module, attr, fake_dt)
            elif value is pd:
                monkeypatch.setattr(module, attr, fake_pd)
            elif value is dt.date:
                monkeypatch.setattr(module, attr, Date)
            elif value is dt.datetime:
                monkeypatch.setattr(module, attr, DateTime)


def _run_everything(extract):
    tables = _tables(extract)
    out = {name: call(tables, None) for name, call in CALLS.items()}
    out["loaded safe_harbor"] = deid.safe_harbor(data.load("synthetic_patients"))
    out["loaded find_duplicates"] = mpi.find_duplicates(data.load("synthetic_patients").head(400))
    out["request_log"] = release.request_log(n=30, seed=3)
    return out


def test_the_freeze_reaches_the_helpers(monkeypatch):
    """The check below can fail: a function that does use the calendar sees the frozen day."""
    _freeze(monkeypatch, "2026-01-10")
    early = release.deadline("2026-01-02")["status"]
    _freeze(monkeypatch, "2027-06-01")
    late = release.deadline("2026-01-02")["status"]
    assert (early, late) == ("open, not yet due", "open, overdue")


def test_the_same_call_gives_the_same_answer_on_two_days(monkeypatch, extract):
    _freeze(monkeypatch, "2026-01-02")
    first = _run_everything(extract)
    _freeze(monkeypatch, "2031-09-17")
    second = _run_everything(extract)
    for name in first:
        _same(first[name], second[name])
