"""HL7 version 2 admit/discharge/transfer (ADT) messages made from the synthetic extract, and read back.

``adt_message`` writes one message (MSH, EVN, PID and PV1 segments, separated by carriage returns,
as HL7 v2.5.1 asks); ``adt_messages`` writes an A01 (admit) and, once a stay has a discharge date, an
A03 (discharge) for every encounter; ``registration_feed`` is a short feed of A08 (update patient
information) messages in which one registration clerk's typing error is planted. Parsing is done
by the maintained ``hl7`` package (python-hl7), never by hand: ``parse`` and ``read``.

The identifiers are the extract's synthetic MRNs and encounter ids. No SSN is ever written (PID-19
stays empty). Every message is synthetic.

>>> from helpers import data
>>> patient = data.load("synthetic_patients").iloc[0]
>>> encounter = data.load("synthetic_encounters").iloc[0]
>>> text = adt_message(patient, encounter, "A01", control_id="MSG1")
>>> text.split("\\r")[0]
'MSH|^~\\\\&|MRTCOURSE|SYNTH_HOSPITAL|COURSE_EHR|SYNTH_HOSPITAL|202301020800||ADT^A01^ADT_A01|MSG1|P|2.5.1'
>>> read(text)["event"]
'A01'
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import hl7
    import pandas as pd

__all__ = ["EVENTS", "PATIENT_CLASS", "FIELD_NAMES", "fields", "adt_message", "adt_messages", "parse", "read", "read_all",
           "registration_feed"]

#: The trigger events the course writes, with what each announces.
EVENTS = {"A01": "admit / visit notification", "A03": "discharge / end visit",
          "A08": "update patient information"}
#: PV1-2 patient class (HL7 table 0004) for the extract's encounter types.
PATIENT_CLASS = {"inpatient": "I", "outpatient": "O", "emergency": "E"}
#: What the fields the course writes hold (segment, position) -> name.
FIELD_NAMES = {
    ("MSH", 1): "field separator", ("MSH", 2): "encoding characters", ("MSH", 3): "sending application",
    ("MSH", 4): "sending facility", ("MSH", 5): "receiving application", ("MSH", 6): "receiving facility",
    ("MSH", 7): "date/time of message", ("MSH", 9): "message type^trigger event^structure",
    ("MSH", 10): "message control id", ("MSH", 11): "processing id (P = production)", ("MSH", 12): "HL7 version",
    ("EVN", 1): "event type code", ("EVN", 2): "recorded date/time",
    ("PID", 1): "set id", ("PID", 3): "patient identifier list (MRN^^^assigning authority^MR)",
    ("PID", 5): "patient name (last^first^middle)", ("PID", 7): "date of birth", ("PID", 8): "administrative sex",
    ("PID", 11): "address (street^^city^state^ZIP)", ("PID", 13): "home phone",
    ("PV1", 1): "set id", ("PV1", 2): "patient class (I, O, E; U unknown)", ("PV1", 3): "assigned location (unit)",
    ("PV1", 19): "visit number (encounter id)", ("PV1", 36): "discharge disposition",
    ("PV1", 44): "admit date/time", ("PV1", 45): "discharge date/time",
}
_SENDER = ("MRTCOURSE", "SYNTH_HOSPITAL", "COURSE_EHR", "SYNTH_HOSPITAL")
_FIELDS = ("event", "control_id", "mrn", "last_name", "first_name", "middle_name", "birth_date", "sex",
           "patient_class", "unit", "encounter_id", "discharge_status", "admit_date", "discharge_date")


def _esc(value: Any) -> str:
    """Text for an HL7 field: missing becomes empty; the delimiters are escaped."""
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = str(value)
    for raw, escaped in (("\\", "\\E\\"), ("|", "\\F\\"), ("^", "\\S\\"), ("&", "\\T\\"), ("~", "\\R\\")):
        text = text.replace(raw, escaped)
    return text.replace("\r", " ").replace("\n", " ")


def _ts(value: Any, time: str = "") -> str:
    """A date as HL7 DTM (YYYYMMDD, with HHMM appended when given); missing becomes empty."""
    text = _esc(value)[:10].replace("-", "")
    return text + time if text else ""


def adt_message(patient: Any, encounter: Any, event: str, *, control_id: str = "") -> str:
    """One ADT message for ``encounter`` of ``patient`` (rows or dicts with the extract's column names).

    The event time is the admission (A01, A08) or the discharge (A03) at 08:00. ``control_id`` (MSH-10)
    defaults to the encounter id and the event, such as ``E00000001-A01``.

    >>> adt_message({"mrn": "1"}, {"encounter_id": "E1"}, "A02", control_id="X")
    Traceback (most recent call last):
    ...
    ValueError: event 'A02' is not one the course writes; use one of A01, A03, A08.
    """
    if not isinstance(event, str) or event not in EVENTS:
        raise ValueError(f"event {event!r} is not one the course writes; use one of {', '.join(EVENTS)}.")
    for what, row in (("patient", patient), ("encounter", encounter)):
        if not callable(getattr(row, "keys", None)):
            raise ValueError(f"{what} must be one row of the {what}s table (or a dict); got {type(row).__name__}.")
    p, e = dict(patient), dict(encounter)
    control_id = control_id or f"{_esc(e.get('encounter_id'))}-{event}"
    when = _ts(e.get("discharge_date") if event == "A03" else e.get("admit_date"), "0800")
    msh = "|".join(["MSH", "^~\\&", *_SENDER, when, "", f"ADT^{event}^ADT_{'A01' if event == 'A08' else event}",
                    _esc(control_id), "P", "2.5.1"])
    evn = "|".join(["EVN", event, when])
    name = "^".join(_esc(p.get(k)) for k in ("last_name", "first_name", "middle_name"))
    address = "^".join([_esc(p.get("address")), "", _esc(p.get("city")), _esc(p.get("state")), _esc(p.get("zip"))])
    pid = ["PID", "1", "", f"{_esc(p.get('mrn'))}^^^SYNTH_HOSPITAL^MR", "", name, "", _ts(p.get("birth_date")),
           _esc(p.get("sex")), "", "", address, "", _esc(p.get("phone"))]
    pv1 = [""] * 46
    pv1[0], pv1[1] = "PV1", "1"
    pv1[2] = PATIENT_CLASS.get(str(e.get("encounter_type")), "U")
    pv1[3] = f"{_esc(e.get('unit'))}^^^SYNTH_HOSPITAL"
    pv1[19] = f"{_esc(e.get('encounter_id'))}^^^SYNTH_HOSPITAL^VN"
    pv1[36] = _esc(e.get("discharge_status")) if event == "A03" else ""
    pv1[44] = _ts(e.get("admit_date"), "0800")
    pv1[45] = _ts(e.get("discharge_date"), "0800") if event == "A03" else ""
    return "\r".join([msh, evn, "|".join(pid), "|".join(pv1).rstrip("|")])


def fields(message: str) -> "pd.DataFrame":
    """Every field of ``message`` that holds something, one row each: ``field`` (such as ``PID-5``), ``name``, ``value``.

    >>> fields(adt_messages(limit=1)["message"][0]).iloc[-1].tolist()
    ['PV1-44', 'admit date/time', '202301020800']
    """
    import pandas as pd

    text = message if isinstance(message, str) else ""
    parse(text)  # refuses what is not a message, with its own sentence
    rows = []
    for segment in text.replace("\r\n", "\r").split("\r"):
        parts = segment.split("|")
        name = parts[0]
        values = ["|", *parts[1:]] if name == "MSH" else parts[1:]
        for position, value in enumerate(values, start=1):
            if value:
                rows.append({"field": f"{name}-{position}", "name": FIELD_NAMES.get((name, position), ""),
                             "value": value})
    return pd.DataFrame(rows, columns=["field", "name", "value"])


def _frames(records: Any) -> tuple["pd.DataFrame", "pd.DataFrame"]:
    from . import ehrdb

    tables = ehrdb.tables_of(records)
    if "patients" not in tables or "encounters" not in tables:
        raise ValueError("records needs a patients and an encounters table, such as make_records(...) returns.")
    return tables["patients"], tables["encounters"]


def adt_messages(records: Any = None, *, limit: int | None = None) -> "pd.DataFrame":
    """An A01 for every encounter and an A03 for every one with a discharge date (default: the sample).

    Returns one row per message: ``control_id``, ``event``, ``encounter_id``, ``patient_id``, ``message``.

    >>> feed = adt_messages(limit=3)
    >>> feed["event"].tolist()
    ['A01', 'A03', 'A01']
    """
    import pandas as pd

    patients, encounters = _frames(records)
    if limit is not None:
        encounters = encounters.head(int(limit))
    people = patients.set_index("patient_id", drop=False)
    rows = []
    for e in encounters.to_dict("records"):
        p = people.loc[e["patient_id"]].to_dict() if e["patient_id"] in people.index else {}
        events = ["A01"] + (["A03"] if _ts(e.get("discharge_date")) else [])
        for event in events:
            control_id = f"{e['encounter_id']}-{event}"
            rows.append({"control_id": control_id, "event": event, "encounter_id": e["encounter_id"],
                         "patient_id": e["patient_id"], "message": adt_message(p, e, event, control_id=control_id)})
    feed = pd.DataFrame(rows, columns=["control_id", "event", "encounter_id", "patient_id", "message"])
    feed = feed.head(int(limit)) if limit is not None else feed
    feed.attrs["synthetic"] = True
    return feed


def parse(message: str) -> "hl7.Message":
    """Parse one HL7 v2 message with python-hl7; a text that is not one raises ValueError.

    >>> parse("hello")
    Traceback (most recent call last):
    ...
    ValueError: this text is not an HL7 v2 message: it must start with an MSH segment ('hello').
    """
    import hl7

    if not isinstance(message, str) or not message.startswith("MSH|"):
        raise ValueError(f"this text is not an HL7 v2 message: it must start with an MSH segment ({message!r:.40}).")
    try:
        return hl7.parse(message.replace("\r\n", "\r").replace("\n", "\r"))
    except hl7.HL7Exception as exc:
        raise ValueError(f"this HL7 message cannot be parsed: {exc}.") from None


def _date(text: str) -> str:
    return f"{text[:4]}-{text[4:6]}-{text[6:8]}" if len(text) >= 8 else ""


def read(message: str | "hl7.Message") -> dict[str, str]:
    """The fields a records technician reads in an ADT message, by name (empty text when absent).

    >>> read(adt_messages(limit=1)["message"][0])["encounter_id"]
    'E00000001'
    """
    import hl7

    if not isinstance(message, (str, hl7.Message)):
        raise ValueError(f"read() takes one HL7 v2 message (text starting with MSH|); got {type(message).__name__}.")
    m = parse(message) if isinstance(message, str) else message

    def get(path: str) -> str:
        try:
            return str(m[path])
        except (KeyError, IndexError):
            return ""

    return {"event": get("MSH.F9.R1.C2"), "control_id": get("MSH.F10"), "mrn": get("PID.F3.R1.C1"),
            "last_name": get("PID.F5.R1.C1"), "first_name": get("PID.F5.R1.C2"),
            "middle_name": get("PID.F5.R1.C3"), "birth_date": _date(get("PID.F7")), "sex": get("PID.F8"),
            "patient_class": get("PV1.F2"), "unit": get("PV1.F3.R1.C1"), "encounter_id": get("PV1.F19.R1.C1"),
            "discharge_status": get("PV1.F36"), "admit_date": _date(get("PV1.F44")),
            "discharge_date": _date(get("PV1.F45"))}


def read_all(messages: Any) -> "pd.DataFrame":
    """:func:`read` for many messages (a list, a Series, or a table with a ``message`` column): one row each.

    >>> read_all(adt_messages(limit=2))[["event", "encounter_id"]].values.tolist()
    [['A01', 'E00000001'], ['A03', 'E00000001']]
    """
    import pandas as pd

    if isinstance(messages, pd.DataFrame):
        if "message" not in messages.columns:
            raise ValueError("the table has no 'message' column; pass adt_messages(...) or a list of messages.")
        messages = messages["message"]
    if isinstance(messages, str) or not isinstance(messages, (list, tuple, pd.Series)):
        raise ValueError(f"pass a list of messages (or adt_messages(...)); got {type(messages).__name__}. "
                         "For one message use read(message).")
    return pd.DataFrame([read(m) for m in messages], columns=list(_FIELDS))


def _typo(rng: Any, text: str) -> str:
    """Swap two neighboring letters (a common keying slip); a name of one letter gets a letter added."""
    if len(text) < 2:
        return text + "e"
    i = int(rng.integers(0, len(text) - 1))
    if text[i] == text[i + 1]:
        return text[:i] + text[i + 1:]  # a doubled letter typed once
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def registration_feed(records: Any = None, n: int = 12, seed: int = 0) -> "pd.DataFrame":
    """``n`` A08 messages for inpatient stays, one of them keyed with a registration error.

    The error is a slip in the last name, first name or birth date of the PID segment; the patients
    table (the master patient index) keeps the right values. Returns the feed (as
    :func:`adt_messages`) with the planted error's ``control_id`` in ``.attrs["planted"]``.

    >>> feed = registration_feed(n=5, seed=3)
    >>> len(feed), feed.attrs["planted"] in set(feed["control_id"])
    (5, True)
    """
    import numpy as np
    import pandas as pd

    from .inputs import whole_number

    n = whole_number(n, "n", 2, example=12)
    seed = whole_number(seed, "seed", 0, example=1)
    patients, encounters = _frames(records)
    people = patients.set_index("patient_id", drop=False)
    complete = patients.dropna(subset=["mrn", "first_name", "last_name", "birth_date"])["patient_id"]
    stays = encounters[(encounters["encounter_type"] == "inpatient") & encounters["patient_id"].isin(complete)]
    stays = stays.drop_duplicates("patient_id")
    if len(stays) < n:
        raise ValueError(f"n={n} is more than the {len(stays)} inpatient stays of complete patient records; "
                         "ask for fewer messages.")
    rng = np.random.default_rng(seed)
    chosen = stays.iloc[np.sort(rng.choice(len(stays), size=n, replace=False))]
    wrong = int(rng.integers(0, n))
    rows = []
    for i, e in enumerate(chosen.to_dict("records")):
        p = people.loc[e["patient_id"]].to_dict()
        if i == wrong:
            field = ("last_name", "first_name", "birth_date")[int(rng.integers(0, 3))]
            if field == "birth_date":
                day = str(p["birth_date"])[:10]
                p["birth_date"] = day[:5] + day[8:10] + day[4:7] if int(day[8:10]) <= 12 and \
                    day[8:10] != day[5:7] else day[:8] + f"{(int(day[8:10]) % 28) + 1:02d}"
            else:
                p[field] = _typo(rng, str(p[field]))
        control_id = f"REG{seed:04d}{i + 1:03d}"
        rows.append({"control_id": control_id, "event": "A08", "encounter_id": e["encounter_id"],
                     "patient_id": e["patient_id"], "message": adt_message(p, e, "A08", control_id=control_id)})
    feed = pd.DataFrame(rows)
    feed.attrs.update({"synthetic": True, "planted": rows[wrong]["control_id"]})
    return feed
