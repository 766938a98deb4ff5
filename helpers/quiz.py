"""The self-check quiz every lesson ends with: multiple choice, feedback per option.

A question is plain data, so a lesson declares its quiz in one cell:

>>> q = question(
...     "Which body awards the RHIT credential?",
...     [("AHIMA", True, "Yes: AHIMA runs the RHIT exam."),
...      ("AAPC", False, "AAPC awards the CPC, a coding credential.")],
... )
>>> box = quiz([q])
>>> box.answer(0, "AAPC")
'Not quite. AAPC awards the CPC, a coding credential.'
>>> box.score_text()
'0 of 1 correct so far.'
"""
from __future__ import annotations

import html
import re
import zlib
from dataclasses import dataclass
from typing import Sequence

import ipywidgets as w

from .snapshot import StaticSnapshot

__all__ = ["Option", "Question", "question", "display_order", "quiz", "lesson_quiz", "Quiz"]


@dataclass(frozen=True)
class Option:
    """One answer to choose, whether it is right, and what to tell a learner who picks it."""

    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    """A multiple-choice question with exactly one correct option."""

    prompt: str
    options: tuple[Option, ...]

    def __post_init__(self) -> None:
        if not str(self.prompt).strip():
            raise ValueError("A quiz question needs a prompt.")
        if len(self.options) < 2:
            raise ValueError(f"The question {self.prompt!r} needs at least two options.")
        texts = [o.text for o in self.options]
        if len(set(texts)) != len(texts):
            raise ValueError(f"The question {self.prompt!r} has two options with the same text.")
        n_correct = sum(bool(o.correct) for o in self.options)
        if n_correct != 1:
            raise ValueError(f"The question {self.prompt!r} must have exactly one correct option; it has {n_correct}.")
        if any(not o.feedback.strip() for o in self.options):
            raise ValueError(f"Every option of {self.prompt!r} needs feedback, so a learner learns from any choice.")

    def grade(self, choice: str) -> tuple[bool, str]:
        """Whether ``choice`` is right, and the feedback to show."""
        for option in self.options:
            if option.text == choice:
                prefix = "Correct!" if option.correct else "Not quite."
                return option.correct, f"{prefix} {_without_verdict(option.feedback)}"
        raise ValueError(f"{choice!r} is not one of the options of {self.prompt!r}.")


_VERDICT = re.compile(r"^(right|correct|yes|no|not quite|wrong)\s*[:,.!;]\s*", re.I)


def _without_verdict(feedback: str) -> str:
    """Feedback without a verdict word of its own ("Right: ...", "No: ..."): the quiz says it once.

    >>> _without_verdict("Right: the median is the middle."), _without_verdict("No tag guarantees that.")
    ('The median is the middle.', 'No tag guarantees that.')
    """
    text = feedback.strip()
    rest = _VERDICT.sub("", text, count=1)
    if rest == text or not rest:
        return text
    return rest[:1].upper() + rest[1:]


def display_order(q: Question) -> list[str]:
    """The options in a fixed order that does not give the answer away.

    Authors tend to write the right answer first; the order shown is instead set by a
    checksum of each option's text, so it is the same on every run and every machine.
    """
    return sorted((o.text for o in q.options), key=lambda t: zlib.crc32(f"{q.prompt}|{t}".encode()))


def question(prompt: str, options: Sequence[tuple[str, bool, str]]) -> Question:
    """Build a :class:`Question` from ``(text, correct, feedback)`` tuples."""
    return Question(prompt, tuple(Option(str(t), bool(c), str(f)) for t, c, f in options))


#: ipywidgets gives each radio option a fixed height, so a long option's second line ran over the
#: next option; inside a quiz an option grows with its text instead, the button beside its first line.
_STYLE = ("<style>.mrt-quiz .widget-radio-box label{height:auto;line-height:1.35;display:flex;"
          "align-items:flex-start;white-space:normal;margin:3px 0}"
          ".mrt-quiz .widget-radio-box input{flex:none;order:-1;margin:2px 6px 0 0}</style>")


class Quiz(StaticSnapshot, w.VBox):
    """A column of questions, each with its own Check button and feedback line."""

    def __init__(self, questions: Sequence[Question], title: str = "Self-check"):
        if not questions:
            raise ValueError("A quiz needs at least one question.")
        self.questions = list(questions)
        self.results: list[bool | None] = [None] * len(self.questions)
        self.choices: list[w.RadioButtons] = []
        self.feedback: list[w.HTML] = []
        self.score = w.HTML()
        rows = [w.HTML(f"{_STYLE}<h3>{html.escape(title)}</h3>")]
        for i, q in enumerate(self.questions):
            choice = w.RadioButtons(options=display_order(q), value=None,
                                    layout=w.Layout(width="auto"), description="")
            button = w.Button(description="Check", button_style="primary", tooltip="Check your answer")
            feedback = w.HTML()
            button.on_click(lambda _b, i=i: self._on_check(i))
            self.choices.append(choice)
            self.feedback.append(feedback)
            rows += [w.HTML(f"<b>{i + 1}. {html.escape(q.prompt)}</b>"), choice, w.HBox([button, feedback])]
        self._update_score()
        super().__init__(rows + [self.score])
        self.add_class("mrt-quiz")

    def answer(self, index: int, choice: str) -> str:
        """Select ``choice`` for question ``index`` and check it (what the button does)."""
        self.choices[index].value = choice
        return self._on_check(index)

    def _on_check(self, index: int) -> str:
        choice = self.choices[index].value
        if choice is None:
            text, style = "Choose an answer first, then press Check.", "#555555"
        else:
            correct, text = self.questions[index].grade(choice)
            self.results[index] = correct
            style = "#006d4e" if correct else "#a63a00"
        self.feedback[index].value = f'<span style="color:{style}">{html.escape(text)}</span>'
        self._update_score()
        return text

    def score_text(self) -> str:
        right = sum(r is True for r in self.results)
        return f"{right} of {len(self.questions)} correct so far."

    def _update_score(self) -> None:
        self.score.value = f"<i>{html.escape(self.score_text())}</i>"


def quiz(questions: Sequence[Question], title: str = "Self-check") -> Quiz:
    """A self-check quiz widget for the end of a lesson."""
    return Quiz(questions, title)


def lesson_quiz(lesson: str) -> Quiz:
    """The self-check of lesson ``lesson``, read from the ``quizzes`` course table.

    >>> len(lesson_quiz("01").questions) >= 3
    True
    """
    from . import data

    table = data.load("quizzes")
    number = str(lesson).zfill(2)
    rows = table[table["lesson"] == number]
    if rows.empty:
        have = ", ".join(sorted(table["lesson"].unique()))
        raise ValueError(f"There is no self-check for lesson {lesson!r} in course_data/quizzes.csv; lessons with one: {have}.")
    questions = [
        question(str(group["question"].iloc[0]),
                 list(zip(group["option"], group["correct"].astype(bool), group["feedback"])))
        for _, group in rows.groupby("question_number", sort=True)
    ]
    return quiz(questions, title=f"Self-check: lesson {number}")
