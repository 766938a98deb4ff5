"""What a check, a hint or a solution gives back: small objects that print well.

A :class:`CheckResult` has an ``outcome`` (one of :data:`OUTCOMES`) and a
``message``. It shows as colored HTML in JupyterLab and as plain text
everywhere else, with no random ids, so the same answer always prints the same.

>>> r = CheckResult("Question 1", CORRECT, "Well done.")
>>> print(r)
Question 1 - Correct: Well done.
>>> r.outcome, bool(r)
('correct', True)
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

__all__ = ["CORRECT", "INCORRECT", "NOT_ATTEMPTED", "OUTCOMES", "CheckResult", "Feedback", "Pending"]

CORRECT = "correct"
INCORRECT = "incorrect"
NOT_ATTEMPTED = "not attempted"
#: Every outcome a check can report.
OUTCOMES = (CORRECT, INCORRECT, NOT_ATTEMPTED)

# Okabe-Ito color-blind-safe colors; the label always says the outcome in words too.
_COLOURS = {CORRECT: "#007a5a", INCORRECT: "#b34700", NOT_ATTEMPTED: "#0060a0"}
_LABELS = {CORRECT: "Correct", INCORRECT: "Incorrect", NOT_ATTEMPTED: "Not attempted"}
_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*([^*`]+?)\*\*")


def _html_text(text: str) -> str:
    """Escape text for HTML and turn `backticks` into <code> and **stars** into bold (not inside code).

    >>> _html_text("Valid **and** not billable: `a ** b`")
    'Valid <b>and</b> not billable: <code>a ** b</code>'
    """
    pieces = re.split(r"(`[^`]+`)", text)
    return "".join(_CODE.sub(r"<code>\1</code>", html.escape(p)) if p.startswith("`") and p.endswith("`") and len(p) > 1
                   else _BOLD.sub(r"<b>\1</b>", html.escape(p)) for p in pieces).replace("\n", "<br>")


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: correct, incorrect or not attempted, with a message.

    >>> CheckResult("Question 2", NOT_ATTEMPTED, "Replace the ... with your answer.").label
    'Not attempted'
    """

    problem: str
    outcome: str
    message: str = ""
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {OUTCOMES}, not {self.outcome!r}")

    @property
    def label(self) -> str:
        """The outcome in words, capitalised: 'Correct', 'Incorrect' or 'Not attempted'."""
        return _LABELS[self.outcome]

    @property
    def correct(self) -> bool:
        """True when the outcome is correct."""
        return self.outcome == CORRECT

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        text = f"{self.problem} - {self.label}"
        if self.message:
            text += f": {self.message}"
        for note in self.notes:
            text += f"\n  Note: {note}"
        return text

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = _COLOURS[self.outcome]
        notes = "".join(
            f'<div style="margin-top:0.3em;color:#333">Note: {_html_text(n)}</div>' for n in self.notes
        )
        return (
            f'<div style="border-left:0.4em solid {colour};padding:0.4em 0.8em;margin:0.3em 0">'
            f'<span style="color:{colour};font-weight:bold">{html.escape(self.problem)} - {self.label}</span>'
            + (f"<span>: {_html_text(self.message)}</span>" if self.message else "")
            + notes
            + "</div>"
        )


@dataclass(frozen=True)
class Feedback:
    """A hint or a solution: a title and a body, the body optionally shown as code.

    >>> print(Feedback("Question 1 - Hint 1 of 2", "Start from the `paths` table."))
    Question 1 - Hint 1 of 2: Start from the `paths` table.
    """

    title: str
    body: str
    code: bool = False

    def __str__(self) -> str:
        if self.code:
            return f"{self.title}:\n{self.body}"
        return f"{self.title}: {self.body}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        if self.code:
            body = f'<pre style="margin:0.3em 0">{html.escape(self.body)}</pre>'
        else:
            body = f"<span>: {_html_text(self.body)}</span>"
        return (
            '<div style="border-left:0.4em solid #6a3d9a;padding:0.4em 0.8em;margin:0.3em 0">'
            f'<span style="color:#6a3d9a;font-weight:bold">{html.escape(self.title)}</span>{body}</div>'
        )


@dataclass(frozen=True)
class Pending(Feedback):
    """What ``FunctionProblem.run_on`` gives back when the learner's function cannot give a result yet.

    It shows its message in the notebook and is false in ``if`` tests, so later cells (a report,
    a chart) can skip it instead of failing.

    >>> bool(Pending("code_findings", "not written yet"))
    False
    """

    pending: bool = True

    def __bool__(self) -> bool:
        return False
