"""A patient's chart from the synthetic extract as a FHIR Bundle, built and validated with fhir.resources.

``bundle_dict`` writes a ``collection`` Bundle as plain JSON-ready data: one Patient, an Encounter
per encounter, a Condition per coded diagnosis and, when the extract has a ``procedures`` table, a
Procedure per row. ``validate`` checks such data against the FHIR models of the ``fhir.resources``
package (release R4B, FHIR 4.3.0: the package's R4-line models) and raises ValueError listing what
is wrong; ``patient_bundle`` does both. Every resource is synthetic: the identifier is the course's
synthetic MRN and no SSN is ever written.

>>> bundle = patient_bundle("P0000001")
>>> bundle.type, bundle.entry[0].resource.get_resource_type()
('collection', 'Patient')
>>> FHIR_VERSION
'4.3.0'
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FHIR_VERSION", "MRN_SYSTEM", "ICD10CM_SYSTEM", "ICD10PCS_SYSTEM", "bundle_dict", "validate",
           "patient_bundle", "bundles", "to_json"]

#: The FHIR release the bundles are validated against (fhir.resources' R4B models).
FHIR_VERSION = "4.3.0"
#: The identifier system of the course's synthetic medical record numbers (a URN, so nothing is looked up).
MRN_SYSTEM = "urn:mrt-course:synthetic-mrn"
#: The code systems FHIR names for ICD-10-CM diagnoses and ICD-10-PCS procedures.
ICD10CM_SYSTEM = "http://hl7.org/fhir/sid/icd-10-cm"
ICD10PCS_SYSTEM = "http://www.cms.gov/Medicare/Coding/ICD10"
_BASE = "http://example.org/fhir/"  # a reserved example domain: nothing is ever fetched
_ACT = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
_CLASS = {"inpatient": ("IMP", "inpatient encounter"), "outpatient": ("AMB", "ambulatory"),
          "emergency": ("EMER", "emergency")}
_GENDER = {"F": "female", "M": "male", "U": "unknown", "X": "other"}


def _text(value: Any) -> str | None:
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _day(value: Any) -> str | None:
    text = _text(value)
    return text[:10] if text else None


def _drop_empty(data: Any) -> Any:
    """FHIR forbids empty values: drop None, empty text, empty lists and empty objects."""
    if isinstance(data, dict):
        cleaned = {k: _drop_empty(v) for k, v in data.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [v for v in (_drop_empty(v) for v in data) if v not in (None, "", [], {})]
    return data


def _entry(resource: dict) -> dict:
    return {"fullUrl": f"{_BASE}{resource['resourceType']}/{resource['id']}", "resource": resource}


def _fhir_id(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-." else "-" for c in text)[:64]


def _resources(patient: dict, encounters: list[dict], diagnoses: list[dict], procedures: list[dict]) -> list[dict]:
    pid = _fhir_id(str(patient["patient_id"]))
    given = [g for g in (_text(patient.get("first_name")), _text(patient.get("middle_name"))) if g]
    out = [{
        "resourceType": "Patient", "id": pid,
        "meta": {"tag": [{"code": "SYNTHETIC", "display": "synthetic teaching record"}]},
        "identifier": [{"use": "usual", "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                                                               "code": "MR"}]},
                        "system": MRN_SYSTEM, "value": _text(patient.get("mrn"))}],
        "name": [{"use": "official", "family": _text(patient.get("last_name")), "given": given}],
        "gender": _GENDER.get(_text(patient.get("sex")) or "", None),
        "birthDate": _day(patient.get("birth_date")),
        "telecom": [{"system": "phone", "value": _text(patient.get("phone"))}] if _text(patient.get("phone")) else [],
        "address": [{"line": [_text(patient.get("address"))], "city": _text(patient.get("city")),
                     "state": _text(patient.get("state")), "postalCode": _text(patient.get("zip"))}],
    }]
    for e in encounters:
        eid = _fhir_id(str(e["encounter_id"]))
        code, display = _CLASS.get(_text(e.get("encounter_type")) or "", ("UNK", None))
        klass = {"system": _ACT, "code": code, "display": display} if code != "UNK" else {
            "system": "http://terminology.hl7.org/CodeSystem/v3-NullFlavor", "code": "UNK"}
        out.append({
            "resourceType": "Encounter", "id": eid,
            "identifier": [{"system": "urn:mrt-course:synthetic-encounter", "value": str(e["encounter_id"])}],
            "status": "finished" if _day(e.get("discharge_date")) else "in-progress",
            "class": klass, "subject": {"reference": f"Patient/{pid}"},
            "serviceType": {"text": _text(e.get("unit"))},
            "period": {"start": _day(e.get("admit_date")), "end": _day(e.get("discharge_date"))},
            "hospitalization": {"dischargeDisposition": {"text": _text(e.get("discharge_status"))}},
        })
    for d in diagnoses:
        code = _text(d.get("code"))
        out.append({
            "resourceType": "Condition", "id": _fhir_id(f"{d['encounter_id']}-dx{d.get('seq', 1)}"),
            "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-category",
                                      "code": "encounter-diagnosis"}]}],
            "code": {"coding": [{"system": ICD10CM_SYSTEM, "code": code}]} if code else None,
            "subject": {"reference": f"Patient/{pid}"},
            "encounter": {"reference": f"Encounter/{_fhir_id(str(d['encounter_id']))}"},
        })
    for i, p in enumerate(procedures, start=1):
        code = _text(p.get("code"))
        when = next((_day(p[k]) for k in ("procedure_date", "date", "performed_date") if _day(p.get(k))), None)
        out.append({
            "resourceType": "Procedure", "id": _fhir_id(f"{p['encounter_id']}-px{p.get('seq', i)}"),
            "status": "completed", "subject": {"reference": f"Patient/{pid}"},
            "encounter": {"reference": f"Encounter/{_fhir_id(str(p['encounter_id']))}"},
            "code": {"coding": [{"system": ICD10PCS_SYSTEM, "code": code}]} if code else None,
            "performedDateTime": when,
        })
    return out


def _tables(records: Any) -> dict[str, "pd.DataFrame"]:
    from . import ehrdb

    tables = ehrdb.tables_of(records)
    if "patients" not in tables:
        raise ValueError("records needs a patients table, such as make_records(...) returns.")
    return tables


def _rows(table: "pd.DataFrame | None", column: str, keys: set) -> dict[Any, list[dict]]:
    grouped: dict[Any, list[dict]] = {}
    if table is None or column not in table.columns:
        return grouped
    for row in table[table[column].isin(keys)].to_dict("records"):
        grouped.setdefault(row[column], []).append(row)
    return grouped


def bundles(records: Any = None, patient_ids: Any = None, *, as_dict: bool = True) -> Iterator[tuple[str, Any]]:
    """``(patient_id, bundle)`` for every patient (or those in ``patient_ids``), as dicts or validated models.

    >>> next(bundles(patient_ids=["P0000002"]))[1]["entry"][0]["resource"]["id"]
    'P0000002'
    """
    tables = _tables(records)
    patients = tables["patients"]
    if patient_ids is not None:
        wanted = [str(p) for p in ([patient_ids] if isinstance(patient_ids, str) else patient_ids)]
        unknown = sorted(set(wanted) - set(patients["patient_id"].astype(str)))
        if unknown:
            raise ValueError(f"no patient {unknown[0]!r} in the extract; use a patient_id from its patients table, "
                             "such as 'P0000001'.")
        patients = patients[patients["patient_id"].astype(str).isin(wanted)]
    encounters = _rows(tables.get("encounters"), "patient_id", set(patients["patient_id"]))
    stay_ids = {e["encounter_id"] for rows in encounters.values() for e in rows}
    diagnoses = _rows(tables.get("diagnoses"), "encounter_id", stay_ids)
    procedures = _rows(tables.get("procedures"), "encounter_id", stay_ids)
    for patient in patients.to_dict("records"):
        stays = encounters.get(patient["patient_id"], [])
        dx = [d for e in stays for d in diagnoses.get(e["encounter_id"], [])]
        px = [p for e in stays for p in procedures.get(e["encounter_id"], [])]
        data = _drop_empty({"resourceType": "Bundle", "id": _fhir_id(f"chart-{patient['patient_id']}"),
                            "type": "collection",
                            "entry": [_entry(r) for r in _resources(patient, stays, dx, px)]})
        yield str(patient["patient_id"]), (data if as_dict else validate(data))


def bundle_dict(patient_id: str, records: Any = None) -> dict:
    """The chart of ``patient_id`` as a FHIR Bundle in plain data (not yet validated).

    >>> [e["resource"]["resourceType"] for e in bundle_dict("P0000001")["entry"]][:2]
    ['Patient', 'Encounter']
    """
    return next(bundles(records, [patient_id]))[1]


def validate(bundle: Any) -> Any:
    """Validate a Bundle (plain data or JSON text) with fhir.resources' R4B models; return the model.

    >>> validate({"resourceType": "Bundle", "type": "collection", "entry": [
    ...     {"resource": {"resourceType": "Patient", "birthDate": "1980-13-45"}}]})
    Traceback (most recent call last):
    ...
    ValueError: the bundle is not valid FHIR 4.3.0: entry.0.resource.birthDate: ...
    """
    import pydantic
    from fhir.resources.R4B.bundle import Bundle

    if isinstance(bundle, Bundle):
        return bundle
    if not isinstance(bundle, (dict, str, bytes)):
        raise ValueError(f"a bundle must be a dict or JSON text; got {type(bundle).__name__}.")
    try:
        return Bundle.model_validate_json(bundle) if isinstance(bundle, (str, bytes)) else Bundle.model_validate(bundle)
    except pydantic.ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, err['loc'])) or 'bundle'}: {err['msg']}" for err in exc.errors()[:5])
        raise ValueError(f"the bundle is not valid FHIR {FHIR_VERSION}: {problems}") from None


def patient_bundle(patient_id: str, records: Any = None) -> Any:
    """The chart of ``patient_id`` as a validated ``fhir.resources.R4B.bundle.Bundle``.

    >>> patient_bundle("P9999999")
    Traceback (most recent call last):
    ...
    ValueError: no patient 'P9999999' in the extract; use a patient_id from its patients table, such as 'P0000001'.
    """
    return validate(bundle_dict(patient_id, records))


def to_json(bundle: Any, indent: int | None = 2) -> str:
    """A bundle (model or plain data) as FHIR JSON text.

    >>> to_json({"resourceType": "Bundle", "type": "collection"}, indent=None)
    '{"resourceType":"Bundle","type":"collection"}'
    """
    model = validate(bundle)
    return model.model_dump_json(indent=indent, exclude_none=True)
