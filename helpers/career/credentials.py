"""Certifications (lesson 03): facts per credential, an eligibility check, continuing education due.

Everything is read from the ``certifications``, ``eligibility_routes`` and
``certification_rules`` course tables. A fact the tables do not have is reported
as "unknown (not in our sources)", never guessed.

Two assumptions are the course's own and are stated wherever they are used:
a degree or program still to be done is counted at its full-time length from
``education_paths`` (an associate degree counts as the first half of a bachelor's),
and a month of full-time work is counted as :data:`HOURS_PER_WORK_MONTH` hours.

>>> b = Background(education="Associate degree, CAHIIM-accredited HIT program")
>>> e = eligibility(b).set_index("credential")
>>> e.loc["RHIT", "status"], int(e.loc["CHPS", "months_needed"])
('eligible now', 48)
>>> ce_due(["RHIT", "CCS"])["AHIMA"]["total"]
30
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from .. import data
from .education import EDUCATION_LEVELS

__all__ = [
    "UNKNOWN", "HOURS_PER_WORK_MONTH", "STATUSES", "Background", "credential_names", "current_code",
    "credential_details", "parse_months", "routes", "eligibility", "ce_due",
]

#: What the course says when its sources do not have a fact.
UNKNOWN = "unknown (not in our sources)"
#: Hours of full-time work counted as one month (the course's assumption, used for hour-based rules).
HOURS_PER_WORK_MONTH = 160
#: The answers of :func:`eligibility`, best first.
STATUSES = ("already held", "eligible now", "check with the body", "not yet", UNKNOWN)
_MAX_MONTHS = 600  # 50 years of experience: anything above is a typing mistake
_LEVEL = {name: i for i, name in enumerate(EDUCATION_LEVELS)}
(_SCHOOL, _HS, _CERT, _ASSOC, _ASSOC_HIT, _BACH, _BACH_HIM, _MASTER) = range(len(EDUCATION_LEVELS))
_EXPERIENCE = {"CHPS": "privacy_months", "ODS": "registry_months", "CPC": "coding_months", "CCS": "coding_months"}


@dataclass
class Background:
    """What a learner brings: highest education, months of each kind of experience, credentials, AAPC membership."""

    education: str = "High-school diploma or GED"
    coding_months: int = 0
    privacy_months: int = 0
    registry_months: int = 0
    credentials: tuple[str, ...] = field(default_factory=tuple)
    aapc_member: bool = False

    def __post_init__(self) -> None:
        if self.education not in _LEVEL:
            raise ValueError(f"{self.education!r} is not an education level. Choose one of: {'; '.join(EDUCATION_LEVELS)}.")
        for kind in ("coding", "privacy", "registry"):
            setattr(self, f"{kind}_months", parse_months(getattr(self, f"{kind}_months"), f"months of {kind} work"))
        known = credential_names()
        held = tuple(dict.fromkeys(current_code(c) for c in self.credentials))
        wrong = [c for c in held if c not in known]
        if wrong:
            raise ValueError(f"{', '.join(wrong)} is not a credential the course covers. Choose from: {', '.join(known)}.")
        self.credentials = held
        self.aapc_member = bool(self.aapc_member)


def credential_names() -> list[str]:
    """The credentials of the ``certifications`` table, in its order.

    >>> credential_names()[:3]
    ['RHIT', 'RHIA', 'CCA']
    """
    return list(data.load("certifications")["credential"])


def current_code(credential: Any) -> str:
    """A credential's short name as the course data has it today: a former name maps to the current one.

    NCRA renamed the CTR (Certified Tumor Registrar) to the ODS (Oncology Data Specialist) in 2024;
    the ``former_code`` column of ``certifications`` records such renamings.

    >>> current_code(" ctr "), current_code("rhit")
    ('ODS', 'RHIT')
    """
    code = str(credential).strip().upper()
    certs = data.load("certifications")
    former = certs.dropna(subset=["former_code"])
    hit = former[former["former_code"].str.upper() == code]
    return str(hit["credential"].iloc[0]) if len(hit) and code not in set(certs["credential"]) else code


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or (isinstance(value, str) and not value.strip())


def _num(value: Any) -> str:
    return f"{float(value):g}"


def credential_details(credential: str) -> pd.DataFrame:
    """Every fact the course has about one credential, grouped, with each group's verification tag.

    Columns ``group``, ``fact``, ``value``, ``tag``; missing facts read "unknown (not in our sources)".

    >>> d = credential_details("CHDA")
    >>> d.loc[d["fact"] == "Questions", "value"].iloc[0]
    'unknown (not in our sources)'
    """
    certs = data.load("certifications")
    rows = certs[certs["credential"] == current_code(credential)]
    if rows.empty:
        raise ValueError(f"{credential!r} is not a credential in the course data. Choose one of: {', '.join(certs['credential'])}.")
    r = rows.iloc[0]

    def show(value: Any, fmt: str = "{}") -> str:
        return UNKNOWN if _missing(value) else fmt.format(value)

    fee = UNKNOWN
    if not (_missing(r["fee_low_usd"]) and _missing(r["fee_high_usd"])):
        low, high = (show(r[c], "${:,}") for c in ("fee_low_usd", "fee_high_usd"))
        fee = low if low == high else f"{low} to {high}"
        fee += "" if _missing(r["fee_note"]) else f" ({r['fee_note']})"
    ce = UNKNOWN if _missing(r["ce_required"]) else (
        f"{int(r['ce_required'])} {r['ce_unit']}s every {show(r['ce_cycle_years'])} years")
    facts = [
        ("Who awards it", "Body", str(r["body"]), "V"),
        ("Eligibility", "Who may sit the exam", show(r["eligibility"]), r["eligibility_tag"]),
        ("Exam", "Questions", show(r["exam_items"]), r["exam_tag"]),
        ("Exam", "Scored questions", show(r["exam_scored_items"]), r["exam_tag"]),
        ("Exam", "Length", UNKNOWN if _missing(r["exam_hours"]) else f"{_num(r['exam_hours'])} hours", r["exam_tag"]),
        ("Exam", "Passing standard", show(r["passing_standard"]), r["exam_tag"]),
        ("Fee", "Exam fee", fee, r["fee_tag"]),
        ("Continuing education", "Required per cycle", ce, r["ce_tag"]),
    ]
    table = pd.DataFrame(facts, columns=["group", "fact", "value", "tag"]).astype("string")
    return table


def parse_months(value: Any, what: str = "months of experience") -> int:
    """A number of months typed by a learner: a whole number from 0 up.

    >>> parse_months(" 18 "), parse_months(6.0)
    (18, 6)
    >>> parse_months("-3")
    Traceback (most recent call last):
    ...
    ValueError: The months of experience cannot be negative (you typed '-3'). Type 0 if you have none.
    """
    if isinstance(value, bool):
        raise ValueError(f"Type the {what} as a whole number, e.g. 0 or 18.")
    raw = str(value).strip() if value is not None else ""
    if raw == "":
        return 0 if value is not None and not isinstance(value, str) else _empty(what)
    text = raw.lower().removesuffix("months").removesuffix("month").strip()
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"{raw!r} is not a number. Type the {what} as a whole number, e.g. 0 or 18.") from None
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{raw!r} is not a number. Type the {what} as a whole number, e.g. 0 or 18.")
    if number < 0:
        raise ValueError(f"The {what} cannot be negative (you typed {raw!r}). Type 0 if you have none.")
    if not number.is_integer():
        raise ValueError(f"Type the {what} as a whole number of months ({raw!r} has a fraction).")
    if number > _MAX_MONTHS:
        raise ValueError(f"{raw!r} months is more than {_MAX_MONTHS // 12} years: check for an extra digit.")
    return int(number)


def _empty(what: str) -> int:
    raise ValueError(f"The box for {what} is empty. Type 0 if you have none.")


def _path_months(level: int) -> int | None:
    """Full-time months of the education path that reaches ``level`` from high school."""
    paths = data.load("education_paths").set_index("path")["months_max"]
    name = {_CERT: "Certificate program", _ASSOC_HIT: "Associate degree in health information technology",
            _BACH_HIM: "Bachelor's degree in health information management"}.get(level)
    if name is None or name not in paths.index or pd.isna(paths[name]):
        return None
    return int(paths[name])


def _study_gap(target: int, level: int) -> tuple[int | None, str]:
    """Months of full-time study to reach an accredited program ``target`` from ``level``, and how they were counted."""
    months = _path_months(target)
    if months is None:
        return None, ""
    if target == _BACH_HIM and level in (_ASSOC, _ASSOC_HIT):
        associate = _path_months(_ASSOC_HIT)
        if associate is not None:
            return max(months - associate, 0), " (assumes your associate degree counts as the first half: ask the school)"
    return months, ""


def _education(route: pd.Series, level: int, held: set[str]) -> tuple[bool | None, str, int | None]:
    """Whether a route's education rule is met (None: cannot tell), what is missing, and months to fix it."""
    need = str(route["education"]).lower()
    prereq = set() if _missing(route["credential_prerequisite"]) else set(str(route["credential_prerequisite"]).split("|"))
    if level == _SCHOOL and "none stated" not in need:
        return False, "finish high school or a GED first", None
    if prereq & held:
        return True, "", 0
    if "listed credential" in need:  # the route needs one of its credentials, nothing else stands in
        names = sorted(prereq)
        return False, ("the " + names[0] if len(names) == 1 else "one of these credentials: " + ", ".join(names)), None
    if "coding training program" in need:
        if level >= _CERT:
            return None, "confirm with AHIMA that your program covered every subject its coding-program route lists", None
        months, how = _study_gap(_CERT, level)
        return False, f"a coding training program (counted at a certificate program's length){how}", months
    if "cahiim-accredited associate" in need:
        if level == _ASSOC_HIT:
            return True, "", 0
        months, how = _study_gap(_ASSOC_HIT, level)
        return False, f"a CAHIIM-accredited associate degree in health information technology{how}", months
    if "cahiim-accredited bachelor" in need:
        if level == _BACH_HIM:
            return True, "", 0
        if level == _MASTER:
            return None, "confirm with AHIMA that your master's program is CAHIIM-accredited", None
        months, how = _study_gap(_BACH_HIM, level)
        return False, f"a CAHIIM-accredited bachelor's degree in health information management{how}", months
    if "bachelor's degree plus" in need:
        if level in (_BACH, _BACH_HIM, _MASTER):
            return None, "an approved post-baccalaureate HIM certificate (its length is not in our sources)", None
        return False, "a bachelor's degree plus an approved HIM certificate", None
    if "cancer" in str(route["note"]).lower() or need == "accredited associate degree":
        return None, "an associate program accredited for cancer registry work (the course cannot tell whether yours is)", None
    if "60 college credits" in need:
        extra = " including two semesters of anatomy and physiology" if "anatomy" in need else ""
        if level >= _ASSOC:
            return None, f"confirm your degree gives 60 college credits{extra}", None
        return False, f"60 college credits{extra} (their length is not in our sources)", None
    if "high-school" in need or "none stated" in need:
        return True, "", 0
    for minimum, word in ((_MASTER, "master"), (_BACH, "bachelor"), (_ASSOC, "associate")):
        if word in need:
            if level >= minimum:
                return True, "", 0
            target = {_ASSOC: _ASSOC_HIT, _BACH: _BACH_HIM}.get(minimum)
            months, how = _study_gap(target, level) if target is not None else (None, "")
            return False, f"a {word}'s degree{how}" if word != "associate" else f"an associate degree{how}", months
    return None, f"check the rule '{route['education']}' with the credentialing body", None


def _hours_rule(note: str) -> int | None:
    match = re.search(r"([\d,]+)\s+hours of registry work", note)
    return int(match.group(1).replace(",", "")) if match else None


def _months_rule(note: str) -> int | None:
    match = re.search(r"(\d+)\s+months", note)
    return int(match.group(1)) if match else None


def _judge(route: pd.Series, b: Background) -> dict[str, Any]:
    level, held = _LEVEL[b.education], set(b.credentials)
    ok, missing, months = _education(route, level, held)
    gaps = [missing] if missing else []
    note = "" if _missing(route["note"]) else str(route["note"])
    kind = _EXPERIENCE.get(str(route["credential"]))
    need = 0 if _missing(route["experience_months"]) else int(route["experience_months"])
    hours = _hours_rule(note)
    if hours:  # an hour-based work rule, converted with the course's assumption
        need = max(need, math.ceil(hours / HOURS_PER_WORK_MONTH))
    short = max(need - (getattr(b, kind) if kind else 0), 0)
    if short:
        extra = f" (about {hours:,} hours, counted as {HOURS_PER_WORK_MONTH} hours a month)" if hours else ""
        gaps.append(f"{short} more months of {kind.split('_')[0] if kind else 'relevant'} work{extra}")
        months = None if months is None else months + short
    no_membership = "AAPC" in str(route["route"]) and not b.aapc_member
    if no_membership:
        gaps.append("AAPC membership (join before you register)")
    if not _missing(route["practicum_hours"]):
        note = f"{note}. Includes a {int(route['practicum_hours'])}-hour practicum.".strip(". ") + "."
    if ok is None:
        status, months = "check with the body", None
    elif ok is False or short or no_membership:
        status = "not yet"
    else:
        status, months = "eligible now", 0
    rule = _months_rule(note) if str(route["credential"]) == "CPC" else None
    if rule and b.coding_months < rule:
        note = f"{note}. With {b.coding_months} months of coding work you would start as CPC-A.".strip(". ") + "."
    return {"status": status, "route": str(route["route"]), "missing": "; ".join(gaps),
            "months_needed": months, "tag": str(route["tag"]), "note": note}


def routes(profile: Background | Mapping[str, Any], credential: str) -> pd.DataFrame:
    """Every route to one credential's exam, each judged for ``profile``: met, or what is missing.

    Columns ``route``, ``status``, ``missing``, ``months_needed``, ``tag``, ``note``, in the
    table's order. :func:`eligibility` reports only the best of them.

    >>> r = routes({"education": "High-school diploma or GED", "coding_months": 30}, "CCS").set_index("route")
    >>> r.loc["By experience", "status"], r.loc["By credential", "missing"]
    ('eligible now', 'one of these credentials: CCS-P, RHIA, RHIT')
    """
    b = profile if isinstance(profile, Background) else Background(**dict(profile))
    code = current_code(credential)
    table = data.load("eligibility_routes")
    options = table[table["credential"] == code]
    if options.empty:
        raise ValueError(f"The course has no eligibility routes for {credential!r}. Routes are known for: "
                         f"{', '.join(dict.fromkeys(table['credential']))}.")
    judged = pd.DataFrame([_judge(r, b) for _, r in options.iterrows()],
                          columns=["route", "status", "missing", "months_needed", "tag", "note"])
    judged["months_needed"] = pd.array(judged["months_needed"].tolist(), dtype="Int64")
    return judged


def eligibility(profile: Background | Mapping[str, Any]) -> pd.DataFrame:
    """For each credential: eligible now, or what is missing and about how many months it takes.

    ``profile`` is a :class:`Background` or a dict with its fields. For each credential
    the route that takes least time is reported. ``months_needed`` is empty when the
    course cannot put a number on the gap (the ``missing`` column says why).

    >>> e = eligibility({"education": "High-school diploma or GED", "aapc_member": True}).set_index("credential")
    >>> e.loc["CCA", "status"], e.loc["CPC", "status"], int(e.loc["RHIA", "months_needed"])
    ('eligible now', 'eligible now', 48)
    >>> e.loc["CDIP", "status"]
    'unknown (not in our sources)'
    """
    b = profile if isinstance(profile, Background) else Background(**dict(profile))
    certs = data.load("certifications")
    routes = data.load("eligibility_routes")
    rows = []
    for cert in certs.itertuples():
        base = {"credential": cert.credential, "name": cert.name, "body": cert.body}
        options = routes[routes["credential"] == cert.credential]
        if cert.credential in b.credentials:
            rows.append({**base, "status": "already held", "route": "", "missing": "", "months_needed": 0,
                         "tag": str(cert.eligibility_tag), "note": ""})
            continue
        if options.empty:
            rows.append({**base, "status": UNKNOWN, "route": "", "tag": str(cert.eligibility_tag), "note": "",
                         "missing": "Eligibility rules are not in our sources: check the body's current handbook.",
                         "months_needed": None})
            continue
        judged = [_judge(r, b) for _, r in options.iterrows()]
        judged.sort(key=lambda j: (STATUSES.index(j["status"]),
                                   j["months_needed"] if j["months_needed"] is not None else 10**6))
        rows.append({**base, **judged[0]})
    table = pd.DataFrame(rows, columns=["credential", "name", "body", "status", "route", "missing",
                                        "months_needed", "tag", "note"])
    table["months_needed"] = pd.array(table["months_needed"].tolist(), dtype="Int64")
    return table


def _rule(body: str, words: str) -> int | None:
    rules = data.load("certification_rules")
    hit = rules[(rules["body"] == body) & rules["rule"].str.contains(words, case=False, regex=False)]
    return None if hit.empty or pd.isna(hit["value"].iloc[0]) else int(hit["value"].iloc[0])


def ce_due(credentials: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Continuing education due per cycle for the credentials held, one entry per body.

    **AHIMA, as this course reads its rule** ("each additional AHIMA credential adds 10
    CEUs, up to 50 total"): start from the requirement of the held AHIMA credential that
    asks for most (e.g. RHIA 30), add the extra amount from ``certification_rules`` (10) for
    every other AHIMA credential held, and cap the sum at the maximum from the same table
    (50). AAPC and NCRA are counted separately, in their own units: the course's data has
    one credential from each, so its requirement is the total. A held credential's ``ce_note``
    (e.g. the annual coding self-review AHIMA dropped in 2021) is listed under ``notes`` and
    added to the explanation.

    >>> due = ce_due(["RHIA", "RHIT", "CCS", "CDIP"])
    >>> due["AHIMA"]["total"], due["AHIMA"]["capped"]
    (50, True)
    >>> ce_due(["CPC"])["AAPC"]["total"]
    36
    """
    if isinstance(credentials, str):
        credentials = [credentials]
    certs = data.load("certifications").set_index("credential")
    held = list(dict.fromkeys(current_code(c) for c in credentials))
    wrong = [c for c in held if c not in certs.index]
    if wrong:
        raise ValueError(f"{', '.join(wrong)} is not a credential the course covers. Choose from: {', '.join(certs.index)}.")
    result: dict[str, dict[str, Any]] = {}
    for body in dict.fromkeys(certs.loc[held, "body"]) if held else []:
        mine = [c for c in held if certs.at[c, "body"] == body]
        needs = {c: certs.at[c, "ce_required"] for c in mine}
        unit = str(certs.at[mine[0], "ce_unit"])
        cycle = certs.at[mine[0], "ce_cycle_years"]
        entry: dict[str, Any] = {"credentials": mine, "unit": unit, "tag": str(certs.at[mine[0], "ce_tag"]),
                                 "cycle_years": None if pd.isna(cycle) else int(cycle)}
        known = {c: int(v) for c, v in needs.items() if not pd.isna(v)}
        notes = {} if "ce_note" not in certs else \
            {str(certs.at[c, "ce_note"]): str(certs.at[c, "ce_note_tag"]) for c in mine if not _missing(certs.at[c, "ce_note"])}
        entry["notes"] = [f"{n} (tag {tag})" for n, tag in notes.items()]
        if len(known) < len(mine):
            entry.update(total=None, base=None, extra=None, capped=False,
                         explanation=f"The requirement of {', '.join(c for c in mine if c not in known)} is {UNKNOWN}.")
        elif body == "AHIMA":
            extra_each, cap = _rule("AHIMA", "Extra CEUs per additional"), _rule("AHIMA", "Maximum CEUs")
            top = max(known, key=lambda c: known[c])
            base, extra = known[top], (extra_each or 0) * (len(mine) - 1)
            total = base + extra if cap is None else min(base + extra, cap)
            entry.update(total=total, base=base, extra=extra, capped=cap is not None and base + extra > cap,
                         explanation=(f"{top} asks for {base}" + (f", plus {extra_each} for each of the other "
                                      f"{len(mine) - 1} AHIMA credential(s) = {base + extra}" if len(mine) > 1 else "")
                                      + (f", capped at {cap}" if cap is not None and base + extra > cap else "")
                                      + f": {total} {unit}s."))
        else:
            total = sum(known.values())
            entry.update(total=total, base=total, extra=0, capped=False,
                         explanation=f"{' + '.join(f'{c} {v}' for c, v in known.items())}: {total} {unit}s, "
                                     f"counted separately from AHIMA.")
        if entry["notes"]:
            entry["explanation"] += " " + " ".join(n if n.endswith(".") else n + "." for n in entry["notes"])
        result[body] = entry
    return result
