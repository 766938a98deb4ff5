"""helpers.data: every table loads typed, the package validates, broken files fail clearly."""
import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from helpers import data
from helpers.data import CourseDataError, DataPackage

EXPECTED_DTYPES = {"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "string"}


def descriptor():
    return json.loads((data.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))


def test_frictionless_validates_the_whole_package():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(data.DATA_DIR / "datapackage.json"))
    assert report.valid, report.flatten(["title", "message"])


@pytest.mark.parametrize("resource", descriptor()["resources"], ids=lambda r: r["name"])
def test_every_resource_loads_typed(resource):
    frame = data.load(resource["name"])
    fields = resource["schema"]["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    assert len(frame) > 0
    for f in fields:
        assert str(frame[f["name"]].dtype) == EXPECTED_DTYPES[f["type"]], f["name"]


@pytest.mark.parametrize("resource", descriptor()["resources"], ids=lambda r: r["name"])
def test_every_resource_has_provenance(resource):
    s = data.source(resource["name"])
    assert s["source"].strip()
    assert s["as_of"] != "unknown"
    assert s["licence"].strip()
    assert resource["title"] and resource["description"]
    if resource["name"] in ("lessons", "quizzes", "exam_questions", "exam_map"):  # the course's own content
        assert s["verification"] in ("course plan, not a fact", "course content, not a fact")
    elif s["verification"] == "synthetic":  # made-up records, not facts: they must say so and name their maker
        # the generator (helpers.synth), or the hand that wrote them (lesson 06's case notes)
        assert "synthetic" in resource["description"].lower()
        assert "helpers.synth" in s["source"] or "written by hand" in s["source"].lower()
    elif len(s["verification"]) == 1:
        assert s["verification"] in "VSGU"
    else:  # tagged per row: the table must carry a tag column
        assert any(f["name"].endswith("tag") for f in resource["schema"]["fields"])


def test_load_returns_a_copy_so_learners_cannot_corrupt_the_cache():
    frame = data.load("skills")
    frame.loc[0, "skill"] = "changed"
    assert data.load("skills").loc[0, "skill"] != "changed"


def test_unknown_name_lists_the_available_tables():
    with pytest.raises(LookupError) as err:
        data.load("salaries")
    assert "career_ladder" in str(err.value) and "'salaries'" in str(err.value)


def test_import_helpers_is_light_and_silent():
    code = "import sys, helpers; print(sorted(m for m in ('pandas', 'matplotlib', 'ipywidgets', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]" and out.stderr == ""


# --- corrupt data: each case writes a broken copy of the package to a temporary folder ---

@pytest.fixture
def copy(tmp_path):
    shutil.copytree(data.DATA_DIR, tmp_path / "course_data")
    return tmp_path / "course_data"


def edit(folder, name, old, new):
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def broken(folder, table):
    with pytest.raises(CourseDataError) as err:
        DataPackage(folder).load(table)
    return str(err.value)


def test_missing_file(copy):
    (copy / "skills.csv").unlink()
    msg = broken(copy, "skills")
    assert "skills.csv" in msg and "not found" in msg


def test_empty_file(copy):
    (copy / "faq.csv").write_text("", encoding="utf-8")
    assert "faq.csv is empty" in broken(copy, "faq")


def test_header_only(copy):
    (copy / "faq.csv").write_text("question,answer,lesson,source_table\n", encoding="utf-8")
    assert "no data rows" in broken(copy, "faq")


def test_missing_column(copy):
    edit(copy, "wages_by_state.csv", "state,state_code,mean_annual_usd", "state,code,mean_annual_usd")
    msg = broken(copy, "wages_by_state")
    assert "wages_by_state.csv" in msg and "'state_code'" in msg and "'code'" in msg


def test_wrong_type_names_file_line_and_column(copy):
    edit(copy, "wages_by_state.csv", "California,CA,51880", "California,CA,\"$51,880\"")
    msg = broken(copy, "wages_by_state")
    assert "wages_by_state.csv, line 3, column 'mean_annual_usd'" in msg and "not a whole number" in msg


def test_ragged_row(copy):
    edit(copy, "wages_by_state.csv", "Hawaii,HI,50940", "Hawaii,HI,50,940")
    msg = broken(copy, "wages_by_state")
    assert "line 5" in msg and "4 values for 3 columns" in msg


def test_required_value_missing(copy):
    edit(copy, "skills.csv", "Organization,Keeping", ",Keeping")
    msg = broken(copy, "skills")
    assert "column 'skill'" in msg and "required" in msg


def test_enum_violation(copy):
    edit(copy, "certification_pay.csv", "Three credentials,71361,S", "Three credentials,71361,X")
    assert "'X' is not one of ['V', 'S', 'G', 'U']" in broken(copy, "certification_pay")


def test_negative_salary_below_minimum(copy):
    edit(copy, "career_ladder.csv", ",25000,35000,", ",-25000,35000,")
    msg = broken(copy, "career_ladder")
    assert "column 'salary_low_usd'" in msg and "below the minimum 0" in msg


def test_bad_boolean(copy):
    edit(copy, "career_ladder.csv", ",25000,35000,false,", ",25000,35000,no,")
    assert "'no' is not true or false" in broken(copy, "career_ladder")


def test_duplicate_primary_key(copy):
    edit(copy, "wages_by_state.csv", "Hawaii,HI,", "Hawaii,CA,")
    assert "appears twice" in broken(copy, "wages_by_state")


def test_not_utf8(copy):
    (copy / "faq.csv").write_bytes("question,answer,lesson,source_table\nCaf\xe9?,Yes,01,\n".encode("latin-1"))
    assert "not UTF-8" in broken(copy, "faq")


def test_malformed_descriptor(copy):
    (copy / "datapackage.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CourseDataError, match="datapackage.json is not valid JSON"):
        DataPackage(copy).names()


def test_pattern_violation(copy):
    edit(copy, "faq.csv", ",01,\n", ",1,\n")
    assert "does not match the pattern" in broken(copy, "faq")


def test_a_good_copy_still_loads(copy):
    """The corrupt-data tests start from a copy that is itself fine."""
    frame = DataPackage(copy).load("career_ladder")
    pd.testing.assert_frame_equal(frame, data.load("career_ladder"))


def test_a_source_record_is_a_dictionary_that_shows_as_a_card():
    record = data.source("bls_wages")
    assert isinstance(record, dict) and set(record) >= {"source", "as_of", "verification", "licence"}
    page = record._repr_html_()
    assert "<table" in page and "{" not in page and "As of" in page and record["as_of"] in page
    import IPython.lib.pretty as pretty
    text = pretty.pretty(record)
    assert text.startswith("Table: ") and "'name':" not in text and "Tag: " in text


# --- issue #14: NaN and infinity, numbers too big, a byte-order mark, a resource with no path ---------

@pytest.mark.parametrize("text", ["NaN", "nan", "inf", "-Infinity", "1e999"])
def test_a_bounded_number_refuses_nan_and_infinity(copy, text):
    edit(copy, "mpi_facts.csv", "for a master patient index,1,percent", f"for a master patient index,{text},percent")
    msg = broken(copy, "mpi_facts")
    assert "mpi_facts.csv, line 2, column 'value'" in msg and "not a finite number" in msg


@pytest.mark.parametrize("text", ["inf", "NaN"])
def test_an_optional_bounded_number_refuses_infinity_too(copy, text):
    edit(copy, "bls_wages.csv", ",44090,21.20,", f",44090,{text},")
    msg = broken(copy, "bls_wages")
    assert "bls_wages.csv, line 3, column 'median_hourly_usd'" in msg and "not a finite number" in msg


def test_ordinary_decimals_still_load(copy):
    edit(copy, "bls_wages.csv", ",44090,21.20,", ",44090,21.25,")
    assert 21.25 in DataPackage(copy).load("bls_wages")["median_hourly_usd"].tolist()


@pytest.mark.parametrize("text", ["9223372036854775808", "-9223372036854775809", "9" * 30, "1" * 5000],
                         ids=["2**63", "-2**63-1", "30 digits", "5000 digits"])
def test_an_integer_too_big_for_the_column_names_file_line_and_column(copy, text):
    edit(copy, "wages_by_state.csv", "California,CA,51880", f"California,CA,{text}")
    msg = broken(copy, "wages_by_state")
    assert "wages_by_state.csv, line 3, column 'mean_annual_usd'" in msg and "too big" in msg and len(msg) < 400


def test_the_largest_integer_the_column_holds_still_loads(copy):
    edit(copy, "wages_by_state.csv", "California,CA,51880", "California,CA,9223372036854775807")
    frame = DataPackage(copy).load("wages_by_state")
    assert frame["mean_annual_usd"].max() == 2**63 - 1


def test_a_byte_order_mark_at_the_start_is_accepted(copy):
    path = copy / "bls_wages.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    pd.testing.assert_frame_equal(DataPackage(copy).load("bls_wages"), data.load("bls_wages"))


def test_a_byte_order_mark_inside_a_header_is_still_reported(copy):
    edit(copy, "wages_by_state.csv", "state,state_code", "state,\ufeffstate_code")
    assert "Unexpected column(s): ['\\ufeffstate_code']" in broken(copy, "wages_by_state")


def rewrite_descriptor(folder, change):
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    change(desc)
    (folder / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")


@pytest.mark.parametrize("value", [None, "", ["a.csv", "b.csv"], 7])
def test_a_resource_without_a_path_is_named(copy, value):
    def drop(desc):
        r = next(r for r in desc["resources"] if r["name"] == "faq")
        if value is None:
            del r["path"]
        else:
            r["path"] = value
    rewrite_descriptor(copy, drop)
    msg = broken(copy, "faq")
    assert "datapackage.json" in msg and "table 'faq' has no 'path'" in msg and "faq.csv" in msg
    assert DataPackage(copy).load("skills") is not None  # the other tables still load


def test_a_resource_without_a_name_is_reported(copy):
    rewrite_descriptor(copy, lambda desc: desc["resources"][2].pop("name"))
    with pytest.raises(CourseDataError, match="resource number 3 has no 'name'"):
        DataPackage(copy).names()


def test_a_field_without_a_name_is_reported(copy):
    rewrite_descriptor(copy, lambda desc: next(r for r in desc["resources"] if r["name"] == "faq")
                       ["schema"]["fields"][0].pop("name"))
    assert "schema of table 'faq' needs a list of fields" in broken(copy, "faq")


def test_growth_editions_and_early_wage_rows_say_which_workers_they_count():
    """Editions and wage rows name their occupation code; no 29-2072 wage row predates May 2021 (OEWS)."""
    growth = data.load("growth_projections")
    assert growth["soc_code"].notna().all() and growth["occupation_definition"].notna().all()
    assert growth.loc[growth["start_year"] == 2019, "soc_code"].item() != "29-2072"
    wages = data.load("bls_wages")
    assert wages.loc[wages["soc_code"] == "29-2072", "year"].min() >= 2021
    early = wages[(wages["year"] >= 2019) & (wages["year"] <= 2020)]
    assert len(early) and early["note"].str.contains("May 2021", regex=False).all()


def test_every_table_has_a_row_in_the_course_data_readme():
    readme = (data.DATA_DIR / "README.md").read_text(encoding="utf-8")
    missing = [r["path"] for r in descriptor()["resources"] if f"| `{r['path']}` |" not in readme]
    assert missing == [], f"add a row for each to course_data/README.md: {missing}"
