"""helpers.fhir: every bundle exported from the committed sample validates; broken bundles do not."""
from __future__ import annotations

import copy
import json
from collections import Counter

import pandas as pd
import pytest

from helpers import data, fhir, synth


def test_every_bundle_of_the_sample_validates():
    patients = data.load("synthetic_patients")
    encounters = data.load("synthetic_encounters")
    diagnoses = data.load("synthetic_diagnoses")
    seen, kinds = [], Counter()
    for patient_id, bundle in fhir.bundles():
        model = fhir.validate(bundle)  # raises on the first invalid bundle
        assert model.type == "collection"
        seen.append(patient_id)
        kinds.update(entry["resource"]["resourceType"] for entry in bundle["entry"])
    assert seen == patients["patient_id"].tolist()
    want = {"Patient": len(patients), "Encounter": len(encounters), "Condition": len(diagnoses)}
    if "synthetic_procedures" in data.names():  # lesson 07's extract adds procedures
        want["Procedure"] = len(data.load("synthetic_procedures"))
    assert dict(kinds) == want


def test_the_json_round_trips_and_holds_no_ssn():
    patients = data.load("synthetic_patients").set_index("patient_id")
    bundle = fhir.patient_bundle("P0000002")
    text = fhir.to_json(bundle)
    again = fhir.validate(text)
    assert again.model_dump() == bundle.model_dump()
    patient = json.loads(text)["entry"][0]["resource"]
    assert patient["identifier"][0]["value"] == patients.loc["P0000002", "mrn"]
    assert patient["birthDate"] == patients.loc["P0000002", "birth_date"]
    assert patients.loc["P0000002", "ssn"] not in text


BROKEN = {
    "a birth date that is not a date": lambda b: b["entry"][0]["resource"].update(birthDate="1980-13-45"),
    "an encounter without its required status": lambda b: next(
        e for e in b["entry"] if e["resource"]["resourceType"] == "Encounter")["resource"].pop("status"),
    "an element FHIR does not define": lambda b: b["entry"][0]["resource"].update(socialSecurity="900-00-0000"),
    "a reference written as plain text": lambda b: next(
        e for e in b["entry"] if e["resource"]["resourceType"] == "Encounter")["resource"].update(subject="Patient/x"),
}


@pytest.mark.parametrize("how", list(BROKEN))
def test_a_broken_bundle_fails(how):
    bundle = fhir.bundle_dict("P0000001")
    assert fhir.validate(copy.deepcopy(bundle))  # the unbroken one passes
    BROKEN[how](bundle)
    with pytest.raises(ValueError, match="not valid FHIR 4.3.0"):
        fhir.validate(bundle)


def test_the_models_check_structure_not_code_values():
    """What the lesson says: fhir.resources checks types, required elements and names, not each code's value set."""
    bundle = fhir.bundle_dict("P0000001")
    bundle["type"] = "pile"
    assert fhir.validate(bundle).type == "pile"


def test_procedures_become_procedure_resources():
    extract = synth.make_records(50, seed=3)
    tables = dict(extract.tables())
    stay = tables["encounters"].iloc[0]
    tables["procedures"] = pd.DataFrame({"encounter_id": [stay["encounter_id"]], "seq": [1], "code": ["0DTJ4ZZ"],
                                         "procedure_date": [stay["admit_date"]]})
    bundle = fhir.patient_bundle(stay["patient_id"], tables)
    procedures = [e.resource for e in bundle.entry if e.resource.get_resource_type() == "Procedure"]
    assert len(procedures) == 1 and procedures[0].code.coding[0].code == "0DTJ4ZZ"
    assert procedures[0].encounter.reference == f"Encounter/{stay['encounter_id']}"


def test_refusals():
    with pytest.raises(ValueError, match="no patient 'nobody'"):
        fhir.bundle_dict("nobody")
    with pytest.raises(ValueError, match="must be a dict or JSON text"):
        fhir.validate(42)
