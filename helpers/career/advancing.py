"""Advancing (lesson 16): the ladder step by step, specializations and their credentials.

The link from a specialization to the credential that goes with it is course content,
kept here as a documented constant (:data:`SPECIALIZATIONS`); the facts about each
credential (body, eligibility, exam, fee, continuing education) come from the
``certifications`` table, each with its verification tag.

>>> SPECIALIZATIONS["Cancer registry"]["credentials"]
('ODS',)
>>> ladder_step(None, 2)["changes"][0]
'Experience: 0-2 years → 2-5 years'
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from .pay import _missing, _tag, usd

__all__ = ["SPECIALIZATIONS", "ORGANIZATIONS", "specialization", "specialization_table", "credential_facts",
           "ladder_step"]

#: Specializations a records technician can grow into, what the work is, and the credential(s)
#: that go with each. The list of specializations and the advanced credentials are named by the
#: career guides (tag G); which credential goes with which path is the course team's summary.
SPECIALIZATIONS: dict[str, dict[str, Any]] = {
    "Coding": {
        "work": "Turn diagnoses and procedures into standard codes (ICD-10-CM, ICD-10-PCS, CPT, HCPCS) "
                "that drive payment, statistics and research.",
        "credentials": ("CCS", "CPC"),
        "note": "AHIMA's CCS and AAPC's CPC are the best-known coding credentials; the career guides name "
                "CCS among the most sought-after.",
    },
    "Cancer registry": {
        "work": "Abstract and report each cancer case (diagnosis, stage, treatment, follow-up) to hospital "
                "and state registries that track the disease.",
        "credentials": ("ODS",),
        "note": "The ODS (formerly CTR) is awarded by NCRA, not AHIMA; NCRA renamed the Certified Tumor "
                "Registrar credential Oncology Data Specialist in 2024. Its routes combine education with "
                "registry work or a practicum.",
    },
    "Data analysis": {
        "work": "Pull, clean and analyze health data to report on quality of care, costs and trends.",
        "credentials": ("CHDA",),
        "note": "The career guides list CHDA among the advanced credentials.",
    },
    "Privacy and security": {
        "work": "Decide and audit who may see health information, handle release requests and help "
                "respond when something goes wrong.",
        "credentials": ("CHPS",),
        "note": "CHPS asks for years of privacy or security work; the more education, the fewer years.",
    },
    "Documentation improvement": {
        "work": "Review clinicians' notes while care is under way and ask them to clarify gaps, so the "
                "record and its codes say what really happened.",
        "credentials": ("CDIP",),
        "note": "The career guides list CDIP among the advanced credentials.",
    },
    "Management": {
        "work": "Lead a health information department: people, budgets, policies, record systems and "
                "compliance.",
        "credentials": ("RHIA",),
        "note": "The RHIA needs a bachelor's or master's in health information management (or an approved "
                "post-baccalaureate certificate): the usual route to the top two steps of the ladder.",
    },
    "Vendor systems (Epic, Meditech and others)": {
        "work": "Become the person who knows one electronic health record system well: setting it up, "
                "training colleagues, fixing problems.",
        "credentials": (),
        "note": "The course has no verified facts about vendor training (tag U): ask employers how they "
                "train staff on their system.",
    },
}

#: Professional organizations for staying current (named by the career guides, tag G).
ORGANIZATIONS: dict[str, str] = {
    "AHIMA": "American Health Information Management Association: awards RHIT, RHIA, CCA, CCS, CCS-P, CDIP, "
             "CHDA and CHPS; publications, webinars, conferences",
    "AAPC": "Coding and billing association: awards the CPC; local chapters, webinars, conferences",
    "HIMSS": "Healthcare Information and Management Systems Society: health IT, EHRs and data; "
             "events and reports",
    # EHRA's members are EHR vendor companies that are HIMSS corporate members (its membership page, tag V):
    # individuals cannot join it, and it is not a source of continuing education.
    "EHRA": "Electronic Health Records Association: a trade group of the companies that build EHR systems; "
            "individuals cannot join and it offers no continuing education, but its public statements show "
            "where the systems are going",
}


def _certs(certifications: pd.DataFrame | None) -> pd.DataFrame:
    if certifications is not None:
        return certifications.reset_index(drop=True)
    from .. import data

    return data.load("certifications")


def _num(value: Any) -> str:
    return f"{float(value):g}"


def credential_facts(credential: str, certifications: pd.DataFrame | None = None) -> list[tuple[str, str, str]]:
    """(fact, value, tag) for one credential: eligibility, exam, fee, continuing education.

    Missing facts say "unknown"; nothing is filled in.

    >>> credential_facts("CHDA")[1]
    ('Exam', 'unknown', 'U')
    """
    certs = _certs(certifications)
    code = str(credential).strip().upper()
    if "former_code" in certs and code not in set(certs["credential"].astype(str).str.upper()):
        renamed = certs[certs["former_code"].astype("string").str.upper() == code]
        code = str(renamed["credential"].iloc[0]).upper() if len(renamed) else code  # CTR -> ODS
    rows = certs[certs["credential"].astype(str).str.upper() == code]
    if rows.empty:
        raise ValueError(f"{credential!r} is not a credential in the course data. Choose one of: "
                         f"{', '.join(certs['credential'].astype(str))}.")
    r = rows.iloc[0]
    exam = []
    if not _missing(r["exam_items"]):
        scored = "" if _missing(r["exam_scored_items"]) else f" ({int(r['exam_scored_items'])} scored)"
        exam.append(f"{int(r['exam_items'])} questions{scored}")
    if not _missing(r["exam_hours"]):
        exam.append(f"{_num(r['exam_hours'])} hours")
    if not _missing(r["passing_standard"]):
        exam.append(f"pass: {r['passing_standard']}")
    if _missing(r["fee_low_usd"]) and _missing(r["fee_high_usd"]):
        fee = "unknown"
    else:
        fee = usd(r["fee_low_usd"]) if r["fee_low_usd"] == r["fee_high_usd"] else \
            f"{usd(r['fee_low_usd'])} to {usd(r['fee_high_usd'])}"
        fee += "" if _missing(r["fee_note"]) else f": {r['fee_note']}"
    if _missing(r["ce_required"]):
        ce = "unknown"
    else:
        cycle = "" if _missing(r["ce_cycle_years"]) else f" every {int(r['ce_cycle_years'])} years"
        unit = "" if _missing(r["ce_unit"]) else str(r["ce_unit"])
        unit += "s" if unit.endswith("hour") and int(r["ce_required"]) != 1 else ""  # "CE hour" -> "CE hours"
        ce = f"{int(r['ce_required'])} {unit}{cycle}".replace("  ", " ")
    return [
        ("Eligibility", "unknown" if _missing(r["eligibility"]) else str(r["eligibility"]), _tag(r["eligibility_tag"])),
        ("Exam", "; ".join(exam) or "unknown", _tag(r["exam_tag"])),
        ("Fee", fee, _tag(r["fee_tag"])),
        ("Continuing education", ce, _tag(r["ce_tag"])),
    ]


def specialization(name: str, certifications: pd.DataFrame | None = None) -> dict[str, Any]:
    """What a specialization's work is and the facts about its credential(s).

    >>> s = specialization("Data analysis")
    >>> s["credentials"][0]["credential"], s["credentials"][0]["name"]
    ('CHDA', 'Certified Health Data Analyst')
    """
    if name not in SPECIALIZATIONS:
        raise ValueError(f"{name!r} is not one of the specializations in this lesson. Choose one of: "
                         f"{'; '.join(SPECIALIZATIONS)}.")
    spec = SPECIALIZATIONS[name]
    certs = _certs(certifications)
    creds = []
    for code in spec["credentials"]:
        facts = credential_facts(code, certs)
        row = certs[certs["credential"] == code].iloc[0]
        creds.append({"credential": code, "name": "unknown" if _missing(row["name"]) else str(row["name"]),
                      "body": "unknown" if _missing(row["body"]) else str(row["body"]), "facts": facts})
    return {"name": name, "work": spec["work"], "note": spec["note"], "credentials": creds}


def specialization_table() -> pd.DataFrame:
    """The specializations as a table: name, the work, and the credential(s) that go with each.

    >>> specialization_table().loc[0, "credentials"]
    'CCS, CPC'
    """
    return pd.DataFrame(
        [{"specialization": name, "the_work": spec["work"], "credentials": ", ".join(spec["credentials"]) or "none"}
         for name, spec in SPECIALIZATIONS.items()]
    )


def _range(row: pd.Series) -> str:
    low, high = row["salary_low_usd"], row["salary_high_usd"]
    plus = "+" if not _missing(row["open_ended"]) and bool(row["open_ended"]) else ""
    if _missing(low) and _missing(high):
        return "unknown"
    return f"{usd(low)} to {usd(high)}{plus}"


def ladder_step(ladder: pd.DataFrame | None, step: int) -> dict[str, Any]:
    """One level of the career ladder and what changes from the level below.

    ``ladder`` is the ``career_ladder`` table (``None`` loads it).

    >>> s = ladder_step(None, 1)
    >>> s["level"], s["changes"]
    ('Entry-level Medical Records Technician', ['This is where most people start.'])
    """
    if ladder is None:
        from .. import data

        ladder = data.load("career_ladder")
    steps = [int(s) for s in ladder["step"].dropna()]
    if isinstance(step, bool) or not isinstance(step, int) or step not in steps:
        raise ValueError(f"Step {step!r} is not on the career ladder; choose a whole number from "
                         f"{min(steps)} to {max(steps)}.")
    t = ladder.dropna(subset=["step"]).sort_values("step", kind="stable").reset_index(drop=True)
    i = int(t.index[t["step"] == step][0])
    row = t.iloc[i]

    def text(r: pd.Series, column: str) -> str:
        return "unknown" if _missing(r[column]) else str(r[column])

    out = {"step": step, "level": text(row, "level"), "experience": text(row, "typical_experience"),
           "education": text(row, "education"), "duties": text(row, "duties"), "salary": _range(row),
           "tag": _tag(row["tag"]), "changes": [],
           # the guide states education for the entry level only; later levels' education is the course's inference
           "education_tag": _tag(row["education_tag"]) if "education_tag" in row.index else _tag(row["tag"])}
    if i == 0:
        out["changes"] = ["This is where most people start."]
        return out
    below = t.iloc[i - 1]
    for label, column in [("Experience", "typical_experience"), ("Education", "education"), ("Duties", "duties")]:
        if text(below, column) != text(row, column):
            out["changes"].append(f"{label}: {text(below, column)} → {text(row, column)}")
    if _range(below) != _range(row):
        out["changes"].append(f"Salary range (career guide): {_range(below)} → {_range(row)}")
    return out
