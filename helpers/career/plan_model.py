"""The career plan as data: a learner's :class:`Profile`, the :class:`PlanStep` list and the :class:`Plan`
that :func:`helpers.career.make_plan` returns, its Markdown text, and :func:`save_plan`.

>>> step = PlanStep(1, "Sit the CCA exam", "exam", 2, None, None, "A credential employers ask for.")
>>> step.title, step.months
('Sit the CCA exam', 2)
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .. import data
from ..jsonfile import write_temporary
from .credentials import UNKNOWN

__all__ = ["Profile", "PlanStep", "Plan", "save_plan", "plan_file_name", "MAX_NAME"]


@dataclass
class Profile:
    """Where a learner is now and where they want to go. Text fields are validated by :func:`make_plan`."""

    education: str = "High-school diploma or GED"
    credentials: tuple[str, ...] = ()
    experience_months: Any = 0
    hours_per_week: Any = 10
    budget: Any = ""
    target: Any = 2
    state: str = ""
    bachelors_ok: bool = True
    start: Any = None


@dataclass
class PlanStep:
    """One step: what to do, for how long, when, and why it is in the plan."""

    number: int
    title: str
    kind: str  # study, exam, work, job-ready, other
    months: int | None
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    why: str
    salary: str = ""
    cost: str = ""


@dataclass
class Plan:
    """The plan :func:`make_plan` returns; :meth:`to_markdown` gives the text a learner keeps."""

    profile: Profile
    pace: str
    steps: list[PlanStep]
    target_level: str
    current_level: str
    credentials: tuple[str, ...]
    ce: dict[str, dict[str, Any]]
    salaries: pd.DataFrame
    bls: dict[str, Any]
    budget_note: str
    verify: list[str]
    assumptions: list[str] = field(default_factory=list)  # the rules the plan followed (make_plan: RULES)
    notes: list[str] = field(default_factory=list)  # plain warnings, e.g. where the ladder does not fit the learner
    made: dt.date = field(default_factory=dt.date.today)

    @property
    def total_months(self) -> int | None:
        """Months from the start to the last step, or None when a step's length is unknown."""
        months = [s.months for s in self.steps]
        return None if any(m is None for m in months) else sum(months)

    def timeline_rows(self) -> pd.DataFrame:
        """One row per step for :func:`helpers.charts.timeline` (``milestone``, ``kind``, ``start``, ``date``)."""
        return pd.DataFrame({"milestone": [f"{s.number}. {s.title}" for s in self.steps],
                             "kind": [s.kind for s in self.steps],
                             "start": pd.to_datetime([s.start for s in self.steps]),
                             "date": pd.to_datetime([s.end for s in self.steps])})

    def to_markdown(self) -> str:
        """The whole plan as Markdown: steps with their reasons, pay, CE, budget, what to verify, sources."""
        p = self.profile
        when = lambda s: "date unknown" if s is None else f"{s:%B %Y}"  # noqa: E731
        lines = [f"# My career plan: {self.target_level}", "",
                 f"Made on {self.made:%d %B %Y} with the Medical Records Technician course (lesson 17). "
                 "It is a starting point to discuss with a school or an adviser, not a promise.", "",
                 "## Where I am", "",
                 f"- Education: {p.education}", f"- Credentials: {', '.join(self.credentials_held) or 'none yet'}",
                 f"- Months of work in the field: {p.experience_months}", f"- Study time: {p.hours_per_week} hours a week ({self.pace})",
                 f"- Current level on the career ladder: {self.current_level}", f"- State: {p.state or 'not given'}", "",
                 "## Steps", ""]
        if self.notes:
            lines[-2:-2] = ["## Before you start", "", *[f"- {n}" for n in self.notes], ""]
        for s in self.steps:
            length = "length unknown" if s.months is None else f"{s.months} months"
            lines.append(f"{s.number}. **{s.title}** ({length}; {when(s.start)} to {when(s.end)})")
            lines.append(f"   - Why: {s.why}")
            if s.salary:
                lines.append(f"   - Pay at this level: {s.salary}")
            if s.cost:
                lines.append(f"   - Known cost: {s.cost}")
        total = self.total_months
        known = sum(s.months or 0 for s in self.steps)
        lines += ["", f"Total: {f'unknown (a step has no length in our sources; the others add up to {known} months)' if total is None else f'{total} months'}.",
                  "", "## Pay along the way", "", "| Level | Typical range | Tag |", "|---|---|---|"]
        for r in self.salaries.itertuples():
            lines.append(f"| {r.level} | {r.range} | {r.tag} |")
        lines += ["", f"Official comparison: {self.bls['text']}", "", f"{data.cite('career_ladder')}.",
                  f"{data.cite('bls_wages')}.", "", "## Continuing education", ""]
        if not self.ce:
            lines.append("No credentials in this plan, so no continuing education is due.")
        for body, e in self.ce.items():
            total_ce = UNKNOWN if e["total"] is None else f"{e['total']} {e['unit']}s"
            lines.append(f"- {body}: {total_ce} every {e['cycle_years']} years ({e['explanation'].rstrip('.')}; tag {e['tag']})")
        lines += ["", "## Budget", "", self.budget_note, "", "## What I must verify for my state", ""]
        lines += [f"- {v}" for v in self.verify]
        lines += ["", "## Rules this plan follows", ""] + [f"- {a}" for a in self.assumptions] + [""]
        return "\n".join(lines)

    @property
    def credentials_held(self) -> tuple[str, ...]:
        return tuple(self.profile.credentials)


#: The longest file name :func:`save_plan` accepts (characters, ``.md`` included).
MAX_NAME = 100
_BAD_CHARACTERS = set('<>:"|?*\\') | {chr(c) for c in range(32)}


def plan_file_name(text: Any) -> str:
    """The file name a plan is saved or downloaded under: the last part of ``text``, with ``.md``
    added when missing. An empty name, one with characters such as ``<>:"|?*`` or one longer than
    :data:`MAX_NAME` characters raises ``ValueError`` saying what to type instead.

    >>> plan_file_name(" my plan "), plan_file_name("notes/plan.md")
    ('my plan.md', 'plan.md')
    """
    text = str(text).strip() if text is not None else ""
    if not text or text in (".", ".."):
        raise ValueError("Type a file name such as my-career-plan.md.")
    name = Path(text).name
    bad = sorted({repr(ch) if ch.isspace() or not ch.isprintable() else ch for ch in name if ch in _BAD_CHARACTERS})
    if bad:
        raise ValueError(f"A file name cannot contain {' '.join(bad)}. Type a name such as my-career-plan.md "
                         "(letters, numbers, - and _ are safe).")
    if not name.lower().endswith(".md"):
        name += ".md"
    if len(name) > MAX_NAME or len(name.encode("utf-8")) > 2 * MAX_NAME:
        raise ValueError(f"That file name is {len(Path(text).name)} characters long; use at most {MAX_NAME}, "
                         "such as my-career-plan.md.")
    return name


def _plan_target(path: str | Path, folder: str | Path) -> Path:
    """Where ``path`` (a file name) would be written inside ``folder``; a ValueError says why not."""
    home = Path(folder).expanduser()
    if not home.is_dir():
        raise ValueError(f"The folder {home} does not exist. Save in the current folder or type an existing one.")
    text = str(path).strip()
    name = plan_file_name(text)
    target = Path(text).expanduser()
    target = (target if target.is_absolute() else home / target).with_name(name)
    inside = home.resolve()
    where = target.parent.resolve()
    if where != inside and inside not in where.parents:
        raise ValueError(f"The plan is saved only inside {inside}, and {text!r} points outside it (a full path "
                         "or ..), so nothing was saved; the name was refused, not changed. Type a plain file "
                         "name such as my-career-plan.md.")
    if not target.parent.is_dir():
        raise ValueError(f"The folder {target.parent} does not exist. Save in the current folder or type an "
                         "existing one.")
    return target


def save_plan(plan: Plan, path: str | Path = "my-career-plan.md", *, folder: str | Path = ".") -> Path:
    """Write the plan as Markdown inside ``folder``; never overwrite: an existing name gets -2, -3, ... before ``.md``.

    ``path`` is a file name (``.md`` is added when missing), or a path inside ``folder`` (default: the
    current folder, where the notebook is). A name that points outside ``folder`` (``../plan.md``, a full path
    to another folder), a name longer than :data:`MAX_NAME` characters or with characters such as ``<>:"|?*``
    raises ``ValueError`` saying what to type instead; nothing is written. A failed write (a full disk) raises
    ``OSError`` and leaves no empty or partial file. Returns the full path written.

    >>> import tempfile
    >>> from helpers.career import Profile, make_plan
    >>> folder = tempfile.mkdtemp()
    >>> save_plan(make_plan(Profile(target=1)), "plan", folder=folder).name
    'plan.md'
    >>> try:
    ...     save_plan(make_plan(Profile(target=1)), "../escape.md", folder=folder)
    ... except ValueError as exc:
    ...     print("the name was refused, not changed" in str(exc))
    True
    """
    target = _plan_target(path, folder)
    text = plan.to_markdown()
    tmp = write_temporary(text, target.parent, target.stem)
    try:
        candidate, n = target, 2
        while not _claim(tmp, candidate):
            candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
            n += 1
    finally:
        Path(tmp).unlink(missing_ok=True)
    return candidate.resolve()


def _claim(tmp: str, candidate: Path) -> bool:
    """Give the written temporary file the name ``candidate`` if it is free; False if it is taken."""
    try:
        os.link(tmp, candidate)  # atomic, and never replaces an existing file
        return True
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: reserve the name, then replace it whole
        pass
    try:
        open(candidate, "x").close()
    except FileExistsError:
        return False
    try:
        os.replace(tmp, candidate)
    except BaseException:
        candidate.unlink(missing_ok=True)
        raise
    return True
