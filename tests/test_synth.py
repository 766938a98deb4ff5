"""helpers.synth: the synthetic extract is reproducible, realistic where it should be, and its
answer keys (duplicates, defects) are exactly the problems planted, no more and no fewer."""
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from helpers import data
from helpers.synth import EXTRACT_DATE, SYNTHETIC_NOTICE, TABLES, make_records
from helpers.synth.clinical import INVALID_CODES, NON_BILLABLE_CODES
from helpers.synth.people import NICKNAMES
from helpers.synth.registration import ERROR_TYPES
from helpers.synth.sample import SAMPLE_FILES, main, sample_csv

REFERENCE = pd.Timestamp(EXTRACT_DATE)
PHONE = r"\(\d{3}\) 555-01\d{2}"
ZIP = r"\d{5}"
SSN = r"9\d{2}-(0[1-9]|[1-4]\d)-\d{4}"          # never-issued area, groups no ITIN uses
SSN_MISSING_DIGIT = r"9\d{2}-(0[1-9]|[1-4]\d)-\d{3}"
#: The contract columns of make_records(300, seed=3): a change means every lesson built on the generator
#: must be validated again (the last change: adult-only codes redrawn for children, lesson 07).
#: The basic extract (errors="basic", lookalike_rate=0): unchanged since before the realistic errors of #15.
FINGERPRINT_300_3 = "cd8ab192d33b4d448314847419b2f15371b3c1831937092c55332fc9b9d4e915"
#: The default, realistic extract (harder registration errors and look-alikes, #15).
FINGERPRINT_300_3_REALISTIC = "9aead22d0f4ecf97b16688909202f035b6fab50108b60341eed3f899fd4cd860"


@pytest.fixture(scope="module")
def extract():
    return make_records(3000, seed=7)


# --- a checker a technician could write: every problem it finds, as (table, row_id, column, kind) ---------

def problems(ex) -> set[tuple[str, str, str, str]]:
    import simple_icd_10_cm as cm

    found = set()
    p, e, d = ex.patients, ex.encounters, ex.diagnoses
    for column in ("first_name", "last_name", "birth_date", "sex"):
        found |= {("patients", i, column, "missing_required") for i in p.loc[p[column].isna(), "patient_id"]}
    found |= {("patients", i, "birth_date", "future_date") for i in p.loc[p["birth_date"] > REFERENCE, "patient_id"]}
    bad_phone = ~p["phone"].str.fullmatch(PHONE).fillna(False).astype(bool)
    found |= {("patients", i, "phone", "malformed_phone") for i in p.loc[bad_phone, "patient_id"]}
    bad_zip = ~p["zip"].str.fullmatch(ZIP).fillna(False).astype(bool)
    found |= {("patients", i, "zip", "malformed_zip") for i in p.loc[bad_zip, "patient_id"]}
    for column in ("admit_date", "encounter_type", "discharge_status"):
        found |= {("encounters", i, column, "missing_required") for i in e.loc[e[column].isna(), "encounter_id"]}
    before = e["discharge_date"] < e["admit_date"]
    found |= {("encounters", i, "discharge_date", "discharge_before_admission") for i in e.loc[before, "encounter_id"]}
    future = e["discharge_date"] > REFERENCE
    found |= {("encounters", i, "discharge_date", "future_date") for i in e.loc[future, "encounter_id"]}
    row_id = d["encounter_id"] + ":" + d["seq"].astype(str)
    for rid, code in zip(row_id, d["code"]):
        if pd.isna(code):
            found.add(("diagnoses", rid, "code", "missing_required"))
        elif not cm.is_valid_item(code):
            found.add(("diagnoses", rid, "code", "invalid_code"))
        elif not cm.is_leaf(code):
            found.add(("diagnoses", rid, "code", "nonbillable_code"))
    return found


def planted(ex) -> set[tuple[str, str, str, str]]:
    return set(ex.defects[["table", "row_id", "column", "kind"]].itertuples(index=False, name=None))


def test_the_defects_table_lists_exactly_the_problems_in_the_data(extract):
    assert len(extract.defects) > 0
    assert problems(extract) == planted(extract)


def test_the_checker_notices_an_unrecorded_problem(extract):
    """The exactness test above can fail: a problem the answer key does not list is found."""
    broken = make_records(300, seed=3)
    clean = broken.patients.index[~broken.patients["patient_id"].isin(broken.defects["row_id"])][0]
    broken.patients.loc[clean, "zip"] = "1234"
    assert problems(broken) - planted(broken) == {("patients", broken.patients.loc[clean, "patient_id"], "zip",
                                                   "malformed_zip")}


def test_defect_rate_is_the_share_of_rows_with_a_defect(extract):
    for table in ("patients", "encounters", "diagnoses"):
        share = (extract.defects["table"] == table).sum() / len(getattr(extract, table))
        assert share == pytest.approx(0.05, abs=0.002), table
    assert make_records(500, seed=1, defect_rate=0).defects.empty


def test_planted_codes_are_the_documented_invalid_and_non_billable_ones(extract):
    d = extract.defects
    assert set(d.loc[d["kind"] == "invalid_code", "value"]) <= set(INVALID_CODES)
    assert set(d.loc[d["kind"] == "nonbillable_code", "value"]) <= set(NON_BILLABLE_CODES)


# --- reproducible, marked synthetic, the contract's shape ------------------------------------

def test_same_seed_same_extract_other_seed_other_extract(extract):
    again = make_records(3000, seed=7)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(again, name), getattr(extract, name))
    other = make_records(3000, seed=8)
    assert not other.patients.equals(extract.patients)


def test_fields_for_grouping_are_consistent(extract):
    from helpers.synth.clinical import DISCHARGE_STATUS_CODES, POA_SHARES, SURGICAL_PROCEDURES

    d, e, p = extract.diagnoses, extract.encounters, extract.procedures
    assert (d["principal"] == (d["seq"] == 1)).all()
    kind = d["encounter_id"].map(e.set_index("encounter_id")["encounter_type"])
    assert d.loc[kind == "inpatient", "poa"].isin(list(POA_SHARES)).all()
    assert d.loc[kind.isin(["outpatient", "emergency"]), "poa"].isna().all()
    assert (d.loc[d["principal"] & (kind == "inpatient"), "poa"] == "Y").all()
    assert (d.loc[kind == "inpatient", "poa"] == "N").any()
    assert e["discharge_status_code"].fillna("-").equals(e["discharge_status"].map(DISCHARGE_STATUS_CODES).fillna("-"))
    assert e.loc[e["discharge_status"].isna(), "discharge_status_code"].isna().all()
    assert len(p) > 0 and p["encounter_id"].is_unique
    stay = e.set_index("encounter_id").loc[p["encounter_id"]]
    assert (stay["encounter_type"].fillna("inpatient") == "inpatient").all()  # empty = a planted defect
    assert set(p["code"]) <= {code for code, _share in SURGICAL_PROCEDURES.values()}
    # the procedure fits the stay's principal diagnosis (unless a planted defect changed that code)
    first = d[d["principal"]].set_index("encounter_id")["code"].loc[p["encounter_id"]]
    fits = [SURGICAL_PROCEDURES.get(dx, ("",))[0] == code for dx, code in zip(first, p["code"])]
    assert sum(fits) >= 0.9 * len(p)


def test_the_contract_columns_do_not_change_unnoticed():
    """A fixed fingerprint of a small extract's contract columns: changing the generator's values is a
    decision (regenerate the sample, validate every lesson that uses it), never an accident."""
    import hashlib

    def fingerprint(ex):
        return hashlib.sha256(b"".join(
            getattr(ex, name).iloc[:, :n].to_csv(index=False).encode() for name, n in
            (("patients", 15), ("encounters", 8), ("diagnoses", 3), ("duplicates", 3), ("defects", 5)))).hexdigest()

    assert fingerprint(make_records(300, seed=3, errors="basic", lookalike_rate=0)) == FINGERPRINT_300_3
    assert fingerprint(make_records(300, seed=3)) == FINGERPRINT_300_3_REALISTIC


def test_adult_only_codes_never_reach_a_child(extract):
    from helpers.synth.clinical import ADULT_ONLY_CODES

    e = extract.encounters.set_index("encounter_id")
    born = extract.patients.set_index("patient_id")["birth_date"]
    d = extract.diagnoses.join(e[["patient_id", "admit_date"]], on="encounter_id")
    age = (d["admit_date"] - d["patient_id"].map(born)).dt.days / 365.25
    planted = set(extract.defects.loc[extract.defects["table"] != "diagnoses", "row_id"])
    clean = ~d["patient_id"].isin(planted) & ~d["encounter_id"].isin(planted)
    children = d[clean & (age < 18)]
    assert len(children) > 100 and not children["code"].isin(ADULT_ONLY_CODES).any()
    adults = d[clean & (age >= 18)]
    assert adults["code"].isin(ADULT_ONLY_CODES).any()   # the rule only concerns children


def test_no_global_random_state_is_used_or_changed():
    np.random.seed(1)
    before = np.random.random()
    np.random.seed(1)
    first = make_records(200, seed=5)
    assert np.random.random() == before
    np.random.seed(99)
    pd.testing.assert_frame_equal(make_records(200, seed=5).patients, first.patients)


def test_tables_have_the_contract_columns_and_say_they_are_synthetic(extract):
    assert list(extract.patients.columns) == [
        "patient_id", "mrn", "first_name", "middle_name", "last_name", "sex", "birth_date", "address", "city",
        "state", "zip", "phone", "email", "ssn", "insurance_id"]
    assert list(extract.encounters.columns) == [
        "encounter_id", "patient_id", "admit_date", "discharge_date", "encounter_type", "unit", "discharge_status",
        "los_days", "discharge_status_code"]
    assert list(extract.diagnoses.columns) == ["encounter_id", "seq", "code", "principal", "poa"]
    assert list(extract.procedures.columns) == ["encounter_id", "seq", "code"]
    assert list(extract.duplicates.columns) == ["id_a", "id_b", "error_types"]
    assert list(extract.defects.columns) == ["table", "row_id", "column", "kind", "value"]
    assert len(extract.patients) == 3000 and extract.patients["patient_id"].is_unique
    assert extract.patients["mrn"].is_unique and extract.encounters["encounter_id"].is_unique
    for name, frame in extract.tables().items():
        assert frame.attrs["synthetic"] is True and frame.attrs["notice"] == SYNTHETIC_NOTICE, name
    assert "synthetic" in repr(extract)


@pytest.mark.parametrize("kwargs, named", [
    ({"n_patients": -5}, "n_patients"), ({"n_patients": 0}, "n_patients"), ({"n_patients": 2.5}, "n_patients"),
    ({"n_patients": True}, "n_patients"), ({"n_patients": "100"}, "n_patients"),
    ({"n_patients": 10, "seed": -1}, "seed"), ({"n_patients": 10, "seed": 1.5}, "seed"),
    ({"n_patients": 10, "seed": None}, "seed"),
    ({"n_patients": 10, "duplicate_rate": -0.1}, "duplicate_rate"), ({"n_patients": 10, "duplicate_rate": 8}, "duplicate_rate"),
    ({"n_patients": 10, "duplicate_rate": float("nan")}, "duplicate_rate"),
    ({"n_patients": 10, "defect_rate": 1.01}, "defect_rate"), ({"n_patients": 10, "defect_rate": "5%"}, "defect_rate"),
    ({"n_patients": 10, "extract_date": "someday"}, "extract_date"),
])
def test_bad_arguments_name_the_argument(kwargs, named):
    with pytest.raises(ValueError, match=named):
        make_records(**kwargs)


def test_edge_arguments_work():
    assert len(make_records(1).patients) == 1
    assert make_records(1, duplicate_rate=1).duplicates.empty  # at most n - 1 duplicates: one record, no pair
    assert make_records(400, seed=2, duplicate_rate=0).duplicates.empty
    crowd = make_records(400, seed=2, duplicate_rate=0.7)  # more copies than people: some have several
    assert len(crowd.patients) == 400 and len(crowd.duplicates) > 280
    assert len(make_records(np.int64(50), seed=np.int64(3)).patients) == 50


# --- realistic and safe values --------------------------------------------------------------

def test_no_generated_number_can_be_a_real_ssn_phone_or_email(extract):
    ssn = extract.patients["ssn"].dropna()
    assert ssn.str.fullmatch(f"{SSN}|{SSN_MISSING_DIGIT}").all()
    phone = extract.patients["phone"].dropna()
    assert phone.str.match(r"\(\d{3}\) 555-[0O]1").all()  # malformed ones too: only the end is broken
    assert extract.patients["email"].str.fullmatch(r"[a-z]+\.[a-z]+\d*@example\.(com|org|net)").all()


def test_names_come_from_fakers_lists(extract):
    from faker.providers.person.en_US import Provider

    firsts = set(Provider.first_names_male) | set(Provider.first_names_female)
    paired = extract.duplicates[["id_a", "id_b"]].to_numpy().ravel()
    clean = ~extract.patients["patient_id"].isin(paired)  # a copy may be misspelled, and either id may be the copy
    assert extract.patients.loc[clean, "first_name"].dropna().isin(firsts).all()
    assert extract.patients.loc[clean, "last_name"].dropna().isin(set(Provider.last_names)).all()


def test_clean_codes_are_billable_icd10cm_and_seq_starts_at_one(extract):
    import simple_icd_10_cm as cm

    codes = set(extract.diagnoses["code"].dropna()) - set(INVALID_CODES) - set(NON_BILLABLE_CODES)
    assert len(codes) > 40 and all(cm.is_valid_item(c) and cm.is_leaf(c) for c in codes)
    first = extract.diagnoses.groupby("encounter_id")["seq"].agg(["min", "max", "count"])
    assert (first["min"] == 1).all() and (first["max"] == first["count"]).all()
    d = extract.diagnoses
    repeated = d.duplicated(["encounter_id", "code"], keep=False) & d["code"].notna()
    assert d.loc[repeated, "code"].isin(INVALID_CODES + NON_BILLABLE_CODES).all()  # only two planted codes can repeat


def test_encounters_are_consistent_where_no_defect_was_planted(extract):
    e = extract.encounters.merge(extract.patients[["patient_id", "birth_date"]], on="patient_id")
    e = e[~e["encounter_id"].isin(extract.defects["row_id"])
          & ~e["patient_id"].isin(extract.defects.loc[extract.defects["column"] == "birth_date", "row_id"])]
    assert (e["admit_date"] >= e["birth_date"]).all()
    assert (e["admit_date"] <= e["discharge_date"]).all() and (e["discharge_date"] <= REFERENCE).all()
    assert (e["los_days"] == (e["discharge_date"] - e["admit_date"]).dt.days).all()
    assert set(e["encounter_type"]) == {"inpatient", "outpatient", "emergency"}
    assert (e.loc[e["encounter_type"] == "outpatient", "los_days"] == 0).all()


def test_expired_only_on_a_patients_last_encounter(extract):
    e = extract.encounters.dropna(subset=["admit_date"]).sort_values(["patient_id", "admit_date", "discharge_date"])
    died = e["discharge_status"] == "expired"
    assert died.sum() > 10
    last = ~e["patient_id"].duplicated(keep="last")
    assert (last[died]).all()


# --- duplicates: each pair really differs in the ways its error types say ---------------------

def pair_problems(x: pd.Series, y: pd.Series, kinds: set[str], defects: frozenset = frozenset()) -> list[str]:
    """Ways records x and y fail to be the same person differing only as ``kinds`` say
    (``defects``: the (patient id, column) cells where a planted defect explains a difference)."""
    found = []
    spoiled = {column for (row, column) in defects if row in (x.name, y.name)}
    if not kinds or not kinds <= set(ERROR_TYPES):
        found.append("unknown error types")
    if "middle_name_mismatch" in kinds and x["middle_name"] == y["middle_name"]:
        found.append("middle names agree")
    if "first_name_nickname" in kinds and NICKNAMES.get(x["first_name"]) != y["first_name"] \
            and NICKNAMES.get(y["first_name"]) != x["first_name"]:
        found.append("no nickname")
    if "ssn_transposed_digits" in kinds and (x["ssn"] == y["ssn"] or sorted(str(x["ssn"])) != sorted(str(y["ssn"]))):
        found.append("SSN not a transposition")
    if "ssn_missing_digit" in kinds and {len(str(x["ssn"])), len(str(y["ssn"]))} != {10, 11}:
        found.append("no SSN digit missing")
    if "ssn_missing" in kinds and pd.notna(x["ssn"]) and pd.notna(y["ssn"]):
        found.append("no SSN missing")
    if "ssn_wrong_digit" in kinds and (len(str(x["ssn"])) != len(str(y["ssn"]))
                                       or sum(c != d for c, d in zip(str(x["ssn"]), str(y["ssn"]))) != 1):
        found.append("SSN not one digit wrong")
    if not any(k.startswith("ssn_") for k in kinds) and x["ssn"] != y["ssn"]:
        found.append("SSNs differ")
    if not any(k.startswith("birth_date_") for k in kinds) and x["birth_date"] != y["birth_date"] \
            and "birth_date" not in spoiled:
        found.append("birth dates differ")
    if "birth_date_day_month_swapped" in kinds and (x["birth_date"].year != y["birth_date"].year
                                                    or x["birth_date"].month != y["birth_date"].day):
        found.append("day and month not swapped")
    if "last_name_hyphenated" in kinds and "-" not in str(x["last_name"]) + str(y["last_name"]):
        found.append("no hyphenated name")
    if not any(k.startswith("last_name_") for k in kinds) and x["last_name"] != y["last_name"]:
        found.append("last names differ")
    if "changed_phone" not in kinds and x["phone"] != y["phone"] and "phone" not in spoiled:
        found.append("phones differ")
    if "moved_address" not in kinds and x["address"] != y["address"]:
        found.append("addresses differ")
    names = {k for k in kinds if k.startswith("first_name_")}
    if not names and pd.notna(x["first_name"]) and pd.notna(y["first_name"]) and x["first_name"] != y["first_name"]:
        found.append("first names differ")
    if x["mrn"] == y["mrn"] or x["insurance_id"] != y["insurance_id"]:
        found.append("MRN shared or insurance differs")
    return found


def test_duplicate_pairs_match_their_error_types(extract):
    p = extract.patients.set_index("patient_id")
    d = extract.duplicates
    assert (d["id_a"] < d["id_b"]).all() and not d.duplicated(["id_a", "id_b"]).any()
    assert len(d) == round(0.08 * 3000)
    shares = {t: d["error_types"].str.contains(t).mean() for t in ("middle_name_mismatch", "last_name_")}
    assert 0.45 < shares["middle_name_mismatch"] < 0.7 and 0.2 < shares["last_name_"] < 0.45
    defects = frozenset(zip(extract.defects["row_id"], extract.defects["column"]))
    for a, b, kinds in d.itertuples(index=False):
        assert pair_problems(p.loc[a], p.loc[b], set(kinds.split(";")), defects) == [], (a, b, kinds)


def test_the_pair_check_fails_on_strangers_and_on_a_wrong_label(extract):
    p = extract.patients.set_index("patient_id")
    paired = set(extract.duplicates[["id_a", "id_b"]].to_numpy().ravel())
    a, b = [i for i in p.index if i not in paired][:2]
    assert "SSNs differ" in pair_problems(p.loc[a], p.loc[b], {"middle_name_mismatch"})
    a, b, kinds = extract.duplicates.loc[~extract.duplicates["error_types"].str.contains("ssn")].iloc[0]
    assert "no SSN digit missing" in pair_problems(p.loc[a], p.loc[b], set(kinds.split(";")) | {"ssn_missing_digit"})


# --- the committed sample ---------------------------------------------------------------------

def test_regenerating_the_sample_reproduces_the_committed_files_byte_for_byte():
    for name, content in sample_csv().items():
        assert (data.DATA_DIR / name).read_bytes() == content, f"{name} differs: run python -m helpers.synth --write-sample"


def test_check_command_both_ways(tmp_path, capsys):
    assert main(["--check"]) == 0
    for name in SAMPLE_FILES.values():
        (tmp_path / name).write_bytes((data.DATA_DIR / name).read_bytes())
    (tmp_path / SAMPLE_FILES["defects"]).write_text("table,row_id,column,kind,value\n", encoding="utf-8")
    assert main(["--check", "--folder", str(tmp_path)]) == 1
    assert "synthetic_defects.csv" in capsys.readouterr().out


def test_the_sample_loads_with_its_defects_intact_and_is_small():
    patients = data.load("synthetic_patients")
    defects = data.load("synthetic_defects")
    assert len(patients) == 2000 and set(defects["kind"]) >= {"malformed_zip", "future_date", "invalid_code"}
    bad_zip = defects.loc[defects["kind"] == "malformed_zip", "row_id"]
    assert not patients.set_index("patient_id").loc[bad_zip, "zip"].str.fullmatch(ZIP).any()
    assert sum((data.DATA_DIR / n).stat().st_size for n in SAMPLE_FILES.values()) < 2_000_000
    assert data.source("synthetic_patients")["verification"] == "synthetic"


def test_importing_the_generator_loads_nothing_heavy():
    code = ("import sys, helpers.synth; "
            "print(sorted(m for m in ('numpy', 'pandas', 'faker', 'simple_icd_10_cm') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]" and out.stderr == ""


def test_module_entry_point_help_runs():
    out = subprocess.run([sys.executable, "-m", "helpers.synth", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "--write-sample" in out.stdout
    assert re.search(r"required", subprocess.run([sys.executable, "-m", "helpers.synth"], capture_output=True,
                                                 text=True).stderr)
