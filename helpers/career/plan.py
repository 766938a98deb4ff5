"""A personal career plan (lesson 17): where you are, where you want to be, the steps between.

:func:`make_plan` applies a short list of transparent rules (:data:`RULES`) to a
:class:`Profile` and returns a :class:`Plan` whose every step says *why* it is
there. Facts come from the course tables (``career_ladder``, ``education_paths``,
``eligibility_routes``, ``certifications``, ``certification_rules``, ``bls_wages``,
``wages_by_state``); numbers the sources do not give stay unknown, and the plan
cannot date what comes after them.

>>> plan = make_plan(Profile(education="High-school diploma or GED", hours_per_week=40, target=2, start="2027-01"))
>>> [s.title for s in plan.steps][:2]
['Study: Certificate program', 'Sit the CCA exam']
>>> plan.steps[0].months, plan.total_months
(12, 40)
>>> "## Steps" in plan.to_markdown()
True
"""
from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from .. import data
from .course import parse_hours
from .credentials import UNKNOWN, Background, ce_due, parse_months, routes
from .plan_model import Plan, PlanStep, Profile, save_plan
from .states import state_name
from .education import EDUCATION_LEVELS, pace_factor, parse_cost, parse_start

__all__ = ["FULL_TIME_HOURS", "RULES", "BACHELORS_NOTE", "Profile", "PlanStep", "Plan", "make_plan", "save_plan"]

#: Hours of study a week the plan treats as full time; below it the plan uses half pace (an assumption).
FULL_TIME_HOURS = 30
#: The rules the plan follows, in words; the notebook shows them.
RULES = [
    f"Pace: {FULL_TIME_HOURS} or more hours a week counts as full time; fewer means half pace (every month of "
    "full-time study takes two).",
    "Education: the target level's education in the career ladder decides the program. Entry and mid level need a "
    "certificate (the quickest path); senior level an associate degree, from a CAHIIM-accredited program so the RHIT "
    "is open; lead and director levels a CAHIIM-accredited bachelor's degree for the RHIA.",
    "Credentials: sit the exam the program prepares you for right after it (CCA after a certificate, RHIT after an "
    "accredited associate degree, RHIA after an accredited bachelor's). A level that expects one credential such as "
    "the RHIT or CCS is met by any one of them, or by a credential that covers it (an RHIA covers the RHIT); "
    "otherwise the plan adds the CCS, once one of its eligibility routes is met.",
    "CCS eligibility: the plan counts your months of work in the field as coding work (an assumption: AHIMA counts "
    "only work directly applying codes) and waits, if needed, until one route is met.",
    "Exams: each exam gets the number of days AHIMA allows for testing after approval, rounded up to whole months.",
    "Experience: you move up a level once you have the lower end of its typical experience; work experience is "
    "counted from after your studies (part-time work while studying is not assumed).",
    "Unknowns stay unknown: where the sources give no length, the plan says so and cannot date the steps after it.",
    "The ladder's education and credentials for steps 2-5 are the course's own inference (tag U); its years of "
    "experience come from one guide written for people who start with a certificate or an associate degree.",
]
#: What the plan says when the learner has, or will have, a bachelor's degree: the ladder was not written for them.
BACHELORS_NOTE = (
    "Where the ladder does not fit you: the career ladder comes from one guide that describes people who start with a "
    "certificate or an associate degree. It says nothing about where a bachelor's graduate starts, so this plan still "
    "counts the ladder's years at each level. With a bachelor's degree and the RHIA you may be hired above the entry "
    "level and reach management sooner; the course has no source for how much sooner (tag U), so ask employers how "
    "they count your degree.")
_LEVEL = {name: i for i, name in enumerate(EDUCATION_LEVELS)}
(_SCHOOL, _HS, _CERT, _ASSOC, _ASSOC_HIT, _BACH, _BACH_HIM, _MASTER) = range(len(EDUCATION_LEVELS))
_PATH_OF = {_CERT: "Certificate program", _ASSOC_HIT: "Associate degree in health information technology",
            _BACH_HIM: "Bachelor's degree in health information management"}


def _ladder() -> pd.DataFrame:
    return data.load("career_ladder").sort_values("step").reset_index(drop=True)


def _target_row(target: Any, ladder: pd.DataFrame) -> pd.Series:
    if isinstance(target, str) and not target.strip().isdigit():
        rows = ladder[ladder["level"] == target]
    else:
        try:
            rows = ladder[ladder["step"] == int(target)]
        except (TypeError, ValueError):
            rows = ladder.iloc[0:0]
    if rows.empty:
        raise ValueError(f"{target!r} is not a level of the career ladder. Choose a step from 1 to {int(ladder['step'].max())}.")
    return rows.iloc[0]


def _experience_needed(ladder: pd.DataFrame) -> dict[int, tuple[int, bool]]:
    """Months of experience at the lower end of each step; (months, stated) where unstated uses the step below."""
    out, last = {}, 0
    for r in ladder.itertuples():
        match = re.match(r"\s*(\d+)", str(r.typical_experience))
        if match:
            last = int(match.group(1)) * 12
            out[int(r.step)] = (last, True)
        else:
            out[int(r.step)] = (last, False)
    return out


def _needs(row: pd.Series) -> tuple[int, list[str]]:
    """Education level a ladder step expects, and the credentials of which any one meets it (``credential_options``)."""
    low = str(row["education"]).lower()
    level = _BACH_HIM if "bachelor" in low else _ASSOC if "associate degree plus" in low else _CERT
    options = row.get("credential_options")
    options = [] if options is None or pd.isna(options) or not str(options).strip() else str(options).split("|")
    return level, options


def _covered(held: Any) -> set[str]:
    """The credentials held plus those they cover (``certifications.covers``: an RHIA covers the RHIT)."""
    certs = data.load("certifications").set_index("credential")["covers"]
    have = set(held)
    for code in list(have):
        if code in certs.index and pd.notna(certs[code]):
            have |= set(str(certs[code]).split("|"))
    return have


def _has(held: Any, options: list[str]) -> bool:
    """Whether the credentials held meet a ladder step: any one of its options, held or covered by a higher one.

    ``["any"]`` means any credential the course covers ("a credential such as ...").

    >>> _has(["RHIA"], ["RHIT", "CCS"]), _has(["CCA"], ["RHIT", "CCS"]), _has(["CCA"], ["any"]), _has([], [])
    (True, False, True, True)
    """
    if options == ["any"]:
        return bool(set(held))
    return not options or bool(_covered(held) & set(options))


def _salary(row: pd.Series) -> str:
    if pd.isna(row["salary_low_usd"]):
        return UNKNOWN
    plus = "+" if bool(row["open_ended"]) else ""
    return f"${int(row['salary_low_usd']):,} to ${int(row['salary_high_usd']):,}{plus} a year (career ladder, tag {row['tag']})"


def _fee(credential: str) -> tuple[str, float, float]:
    certs = data.load("certifications").set_index("credential")
    lo, hi = certs.at[credential, "fee_low_usd"], certs.at[credential, "fee_high_usd"]
    if pd.isna(lo) or pd.isna(hi):
        return f"{credential} exam fee: {UNKNOWN}", 0.0, 0.0
    return (f"{credential} exam fee ${int(lo):,} to ${int(hi):,} ({certs.at[credential, 'fee_note']}; tag "
            f"{certs.at[credential, 'fee_tag']})", float(lo), float(hi))


def _exam_months() -> int:
    rules = data.load("certification_rules")
    days = rules.loc[rules["rule"].str.contains("Days allowed", regex=False), "value"]
    return math.ceil(int(days.iloc[0]) / 30) if len(days) and pd.notna(days.iloc[0]) else 0


def _state_check(state: str) -> str:
    return state_name(state)


def make_plan(profile: Profile) -> Plan:
    """Turn a profile into dated steps, each with its reason, plus pay, CE, budget and state checks.

    Raises ``ValueError`` with an explanation when the profile makes no sense (negative
    months, a budget that is not a number, a target that needs a bachelor's degree you
    say you will not study for).

    >>> make_plan(Profile(target=4, bachelors_ok=False))
    Traceback (most recent call last):
    ...
    ValueError: The Lead Medical Records Technician / Health Information Manager level usually expects a bachelor's degree and the RHIA (career ladder, tag G), and you said you will not study for a bachelor's. Choose step 3 (Senior Medical Records Technician) as your target, or tick the bachelor's box.
    """
    if profile.education not in _LEVEL:
        raise ValueError(f"{profile.education!r} is not an education level. Choose one of: {'; '.join(EDUCATION_LEVELS)}.")
    level = _LEVEL[profile.education]
    experience = parse_months(profile.experience_months, "months of work in the field")
    hours = parse_hours(profile.hours_per_week, goal="a program of study")
    budget = None if str(profile.budget or "").strip() == "" else parse_cost(profile.budget)
    state = _state_check(profile.state)
    background = Background(education=profile.education, credentials=tuple(profile.credentials))
    held = list(background.credentials)
    start = parse_start(profile.start if profile.start is not None else
                        (pd.Timestamp.today().normalize() + pd.offsets.MonthBegin(1)))
    ladder = _ladder()
    target = _target_row(profile.target, ladder)
    goal = int(target["step"])
    need_edu, _ = _needs(target)
    if need_edu >= _BACH_HIM and level < _BACH_HIM and not profile.bachelors_ok:
        below = ladder[ladder["step"] < goal]
        below = below[[_needs(r)[0] < _BACH_HIM for _, r in below.iterrows()]]
        hint = (f"Choose step {int(below['step'].iloc[-1])} ({below['level'].iloc[-1]}) as your target, or tick "
                "the bachelor's box.") if len(below) else "Tick the bachelor's box to see this plan."
        raise ValueError(f"The {target['level']} level usually expects a bachelor's degree and the RHIA (career ladder, "
                         f"tag {target['tag']}), and you said you will not study for a bachelor's. {hint}")
    pace = "full time" if hours >= FULL_TIME_HOURS else "part time"
    factor = pace_factor(pace)
    exam_months = _exam_months()
    paths = data.load("education_paths").set_index("path")
    experience_needed = _experience_needed(ladder)
    steps: list[PlanStep] = []
    fees_low = fees_high = 0.0
    fee_notes: list[str] = []
    fee_unknown: list[str] = []

    def add(title: str, kind: str, months: int | None, why: str, salary: str = "", cost: str = "") -> None:
        begin = start if not steps else steps[-1].end
        end = None if begin is None or months is None else begin + pd.DateOffset(months=months)
        steps.append(PlanStep(len(steps) + 1, title, kind, months, begin, end, why, salary, cost))

    def exam(credential: str, why: str) -> None:
        nonlocal fees_low, fees_high
        text, lo, hi = _fee(credential)
        fees_low, fees_high = fees_low + lo, fees_high + hi
        (fee_notes if hi else fee_unknown).append(text if hi else credential)
        add(f"Sit the {credential} exam", "exam", exam_months, why, cost=text)
        held.append(credential)

    def study(lvl: int, why: str) -> None:
        name = _PATH_OF[lvl]
        months = int(paths.at[name, "months_max"]) * factor
        if lvl == _BACH_HIM and level in (_ASSOC, _ASSOC_HIT):
            months = (int(paths.at[name, "months_max"]) - int(paths.at[_PATH_OF[_ASSOC_HIT], "months_max"])) * factor
            why += " Your associate degree is assumed to count as the first half: ask the school how many credits transfer."
        add(f"Study: {name}", "study", months, why + f" ({pace}, tag {paths.at[name, 'tag']})")

    # 1. Education.
    if level == _SCHOOL:
        add("Finish high school or a GED", "study", None,
            "Every program and credential in the course starts from a high-school diploma or GED.")
        level = _HS
    if need_edu >= _BACH_HIM and level < _BACH_HIM:
        if level == _BACH:
            add("Approved post-baccalaureate HIM certificate", "study", None,
                "With a bachelor's in another subject, this certificate is a route to the RHIA; its length is not "
                "in our sources.")
        elif level == _MASTER:
            add("Confirm with AHIMA that your master's program counts for the RHIA", "other", 0,
                "The RHIA needs a CAHIIM-accredited bachelor's or master's program.")
        else:
            study(_BACH_HIM, f"The {target['level']} level expects a bachelor's degree and the RHIA, which needs a "
                             "CAHIIM-accredited program.")
        level = _BACH_HIM
    elif need_edu == _ASSOC and level < _ASSOC:
        study(_ASSOC_HIT, f"The {target['level']} level expects an associate degree; an accredited one also opens the RHIT.")
        level = _ASSOC_HIT
    elif need_edu == _CERT and level < _CERT:
        study(_CERT, "The quickest path to entry-level work; it prepares you for the CCA.")
        level = _CERT
    # 2. The credential the program prepares you for.
    if level == _BACH_HIM and "RHIA" not in held:
        exam("RHIA", "A CAHIIM-accredited bachelor's (or the approved certificate) opens the RHIA, the credential the "
                     "management levels ask for.")
    elif level == _ASSOC_HIT and "RHIT" not in held:
        exam("RHIT", "Your accredited associate degree opens the RHIT, the credential employers name most often.")
    elif level in (_CERT, _ASSOC) and not held:
        exam("CCA", "The certificate prepares you for it, and the pay survey in lesson 03 links credentials with "
                    "higher pay.")
    def ccs_wait(row: pd.Series) -> str:
        """Wait (as work at the level below) until one CCS route is met; say which route, or what is missing."""
        nonlocal experience
        judged = routes(Background(education=EDUCATION_LEVELS[level], coding_months=experience, credentials=tuple(held)),
                        "CCS")
        ok = judged[judged["status"] == "eligible now"]
        if len(ok):
            return f" You meet its route '{ok['route'].iloc[0]}' (tag {ok['tag'].iloc[0]})."
        waits = judged[judged["missing"].str.fullmatch(r"\d+ more months of coding work")]
        if len(waits):
            best = waits.sort_values("months_needed").iloc[0]
            prev = rows.loc[max(int(row.name) - 1, 1)]
            add(f"Work as {prev['level']}", "work", int(best["months_needed"]),
                f"The CCS route '{best['route']}' needs {best['missing']} (eligibility routes, tag {best['tag']}).",
                salary=_salary(prev))
            experience += int(best["months_needed"])
            return f" You then meet its route '{best['route']}' (tag {best['tag']})."
        return (" Check your eligibility with AHIMA first: no CCS route is met yet ("
                + "; ".join(f"{r.route}: {r.missing}" for r in judged.itertuples()) + ").")

    # 3. Up the ladder.
    current = 0
    for r in ladder.itertuples():
        edu, options = _needs(pd.Series(r._asdict()))
        months_needed, stated = experience_needed[int(r.step)]
        if (_LEVEL[profile.education] >= edu and _has(background.credentials, options)
                and stated and experience >= months_needed):
            current = int(r.step)
        else:
            break
    current_level = "not yet on the ladder" if current == 0 else str(ladder.loc[ladder["step"] == current, "level"].iloc[0])
    on_ladder = max(current, 1)
    rows = ladder.set_index("step")
    for step in range(min(on_ladder, goal), goal + 1):
        row = rows.loc[step]
        months_needed, stated = experience_needed[step]
        if step > max(current, on_ladder) and (experience < months_needed or not stated):
            prev = rows.loc[step - 1]
            if stated:
                add(f"Work as {prev['level']}", "work", months_needed - experience,
                    f"{row['level']} roles typically ask for {row['typical_experience'].lower()} (career ladder, "
                    f"tag {row['tag']}).", salary=_salary(prev))
                experience = months_needed
            else:
                add(f"Work as {prev['level']}", "work", None,
                    f"{row['level']} roles ask for {row['typical_experience'].lower()}; the sources give no number of "
                    "years, so the plan cannot date this step or the ones after it.", salary=_salary(prev))
        _, options = _needs(row)
        if not _has(held, options):
            choices = ["CCS"] if options == ["any"] else options
            pick = next((c for c in choices if c not in _covered(held) and (c != "RHIT" or level == _ASSOC_HIT)), None)
            if pick is not None:
                wanted = "a credential" if options == ["any"] else f"one of {' or '.join(options)}"
                why = (f"{row['level']} roles commonly ask for {wanted} (career ladder: the course's inference, tag "
                       f"{row['education_tag']}).")
                if pick == "CCS":
                    why += ccs_wait(row)
                exam(pick, why)
        if step > current or step == goal:
            add(f"Apply for {row['level']} roles", "job-ready", 0,
                "You already meet the typical education, credentials and experience for this level." if
                step <= current else "You now meet the typical education, credentials and experience for this level.",
                salary=_salary(row))
    # Pay, CE, budget, state.
    span = ladder[(ladder["step"] >= on_ladder) & (ladder["step"] <= goal)]
    salaries = pd.DataFrame({"level": span["level"], "range": [_salary(r) for _, r in span.iterrows()],
                             "tag": span["tag"]}).reset_index(drop=True)
    bls = data.load("bls_wages").sort_values("year").iloc[-1]
    bls_text = (f"the BLS median annual wage for {bls['occupation_definition']} was ${int(bls['median_annual_usd']):,} "
                f"in {bls['reference_period']} (tag {bls['tag']}; {bls['source_title']}).")
    if budget is None:
        budget_note = "No budget given."
    else:
        budget_note = f"Your budget: ${budget:,.0f}."
    if fee_notes:
        budget_note += (f" Known exam fees in this plan: ${fees_low:,.0f} to ${fees_high:,.0f} ("
                        + "; ".join(fee_notes) + ").")
        if budget is not None:
            budget_note += (" It covers them." if budget >= fees_high else " It covers them at the lower prices."
                            if budget >= fees_low else " It does not cover them: plan for the difference.")
    if fee_unknown:
        budget_note += (f" Exam fees for {', '.join(fee_unknown)}: {UNKNOWN}; ask the credentialing body, and do not "
                        "count them as zero.")
    budget_note += (" Tuition for health information programs is not in our sources: ask each school for its total "
                    "price and divide it by the months of study (lesson 02).")
    verify = [
        "whether the state licenses or registers records or coding staff, and what it requires;",
        "which credentials employers there ask for (read several real job postings);",
        "the state's rules on releasing health information and on how long records are kept;",
        "that your program is accredited and accepted for students living in the state (CAHIIM for RHIT and RHIA);",
        "tuition and financial aid at the schools you can reach.",
    ]
    states = data.load("wages_by_state")
    hit = states[(states["state"].str.lower() == state.lower()) | (states["state_code"].str.lower() == state.lower())]
    if state and len(hit):
        verify.append(f"how current pay compares: the course's only state figure is a mean of "
                      f"${int(hit['mean_annual_usd'].iloc[0]):,} ({data.cite('wages_by_state')}).")
    if not state:
        verify.insert(0, "Type your state to keep this list with your plan; every item below depends on it.")
    notes = []
    if level >= _BACH and goal > 1:
        notes.append(BACHELORS_NOTE)
    return Plan(profile=profile, pace=pace, steps=steps, target_level=str(target["level"]), current_level=current_level,
                credentials=tuple(held), ce=ce_due(held), salaries=salaries, bls={"text": bls_text, "tag": bls["tag"]},
                budget_note=budget_note, verify=verify, assumptions=list(RULES), notes=notes)
