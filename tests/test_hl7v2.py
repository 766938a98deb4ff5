"""helpers.hl7v2: every message made from the committed sample parses with python-hl7 and reads back what went in."""
from __future__ import annotations

import hl7
import pandas as pd
import pytest

from helpers import data, hl7v2, synth


@pytest.fixture(scope="module")
def feed():
    return hl7v2.adt_messages()


@pytest.fixture(scope="module")
def tables():
    return data.load("synthetic_patients"), data.load("synthetic_encounters")


def test_every_message_of_the_sample_parses(feed, tables):
    _, encounters = tables
    assert len(feed) == len(encounters) + encounters["discharge_date"].notna().sum()
    for text in feed["message"]:
        assert "\n" not in text and text.count("\r") == 3
        message = hl7.parse(text)
        assert [str(s[0]) for s in message] == ["MSH", "EVN", "PID", "PV1"]
        assert str(message["MSH.F12"]) == "2.5.1"


def test_fields_round_trip(feed, tables):
    patients, encounters = tables
    read = hl7v2.read_all(feed)
    assert read["event"].tolist() == feed["event"].tolist()
    assert read["encounter_id"].tolist() == feed["encounter_id"].tolist()
    want = feed[["encounter_id", "patient_id"]].merge(patients, on="patient_id", how="left").merge(
        encounters.drop(columns="patient_id"), on="encounter_id", how="left")
    for column in ("mrn", "last_name", "first_name", "middle_name", "birth_date", "sex", "admit_date"):
        assert read[column].tolist() == want[column].fillna("").astype(str).tolist(), column
    discharge = read["event"] == "A03"
    assert read.loc[discharge, "discharge_date"].tolist() == want.loc[discharge, "discharge_date"].astype(str).tolist()
    assert (read.loc[~discharge, "discharge_date"] == "").all()
    assert set(read["patient_class"]) <= {"I", "O", "E", "U"}


def test_no_ssn_is_ever_written(feed, tables):
    patients, _ = tables
    text = "\n".join(feed["message"])
    ssns = patients["ssn"].dropna()
    assert len(ssns) and not any(ssn in text for ssn in ssns)


def test_delimiters_in_a_value_are_escaped_and_read_back():
    patient = {"mrn": "12345678", "last_name": "O|Brien^Smith", "first_name": "Ann&Marie", "middle_name": "~\\",
               "birth_date": "1980-02-03", "sex": "F"}
    encounter = {"encounter_id": "E1", "encounter_type": "inpatient", "admit_date": "2025-01-02", "unit": "ICU"}
    text = hl7v2.adt_message(patient, encounter, "A01")
    assert text.count("\r") == 3 and len(hl7.parse(text)["PID"][0]) == 14
    read = hl7v2.read(text)
    assert (read["last_name"], read["first_name"], read["middle_name"]) == ("O|Brien^Smith", "Ann&Marie", "~\\")
    assert read["control_id"] == "E1-A01" and read["patient_class"] == "I"


def test_a_generated_extract_parses_too():
    extract = synth.make_records(200, seed=9)
    messages = hl7v2.adt_messages(extract)
    assert len(hl7v2.read_all(messages)) == len(messages) > 0


def test_the_registration_feed_has_exactly_one_pid_that_disagrees_with_the_mpi(tables):
    patients, _ = tables
    mpi = patients.set_index("mrn")
    for seed in range(6):
        feed = hl7v2.registration_feed(n=12, seed=seed)
        read = hl7v2.read_all(feed)
        master = mpi.loc[read["mrn"], ["last_name", "first_name", "birth_date"]].astype(str).reset_index(drop=True)
        differs = (read[["last_name", "first_name", "birth_date"]] != master).any(axis=1)
        assert differs.sum() == 1, seed
        assert read.loc[differs, "control_id"].item() == feed.attrs["planted"]
        assert (feed["event"] == "A08").all()
    assert hl7v2.registration_feed(seed=1)["message"].equals(hl7v2.registration_feed(seed=1)["message"])
    assert not hl7v2.registration_feed(seed=1)["message"].equals(hl7v2.registration_feed(seed=2)["message"])


@pytest.mark.parametrize("text", ["", "PID|1", "MSH", None])
def test_parse_refuses_what_is_not_a_message(text):
    with pytest.raises(ValueError, match="not an HL7 v2 message"):
        hl7v2.parse(text)


def test_refusals():
    with pytest.raises(ValueError, match="A01, A03, A08"):
        hl7v2.adt_message({}, {}, "A04")
    with pytest.raises(ValueError, match="ask for fewer"):
        hl7v2.registration_feed(n=100_000)
    with pytest.raises(ValueError, match="no 'message' column"):
        hl7v2.read_all(pd.DataFrame({"x": [1]}))
