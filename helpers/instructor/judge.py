"""The grader's own judgement: expected results it computes itself, compared with a submission's plain answers.

A learner's kernel only hands over data (:mod:`helpers.checks.export`); everything that decides a
mark happens here, in the grader's process: the expected values come from running the instructor's
solutions (and, for the capstone, extracts made from the grader's secret), and the comparison is
:func:`helpers.checks.compare.compare` on rebuilt plain values (:mod:`helpers.checks.wire`).

Each reason says where the mark came from: ``graded by the grader`` or, only with
``--trust-records``, ``taken from the notebook's record``.

>>> key = Key.prepare("02")
>>> judge(key, key.problems[2], {"problem": key.problems[2].key, "lines": [{"answer": ["CCA"]}]}).outcome
'incorrect'
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.checks import markers, wire
from helpers.checks.compare import compare
from helpers.checks.results import CORRECT, INCORRECT, NOT_ATTEMPTED

__all__ = ["Key", "Mark", "judge", "redacted_sources", "BY_GRADER", "FROM_RECORD"]

BY_GRADER = "graded by the grader"
FROM_RECORD = "taken from the notebook's record"


def _function(problem: Any) -> bool:
    return hasattr(problem, "cases")


@dataclass
class Key:
    """A lesson's problems with everything the grader needs to judge them (computed once per run)."""

    lesson: str
    problems: list[Any]
    cases: dict[str, list[tuple]] = field(default_factory=dict)
    wanted: dict[str, list[Any]] = field(default_factory=dict)
    wrong: dict[str, list[tuple[Any, str]]] = field(default_factory=dict)

    @classmethod
    def prepare(cls, lesson: str, secret: str | None = None) -> "Key":
        """Compute every expected value of ``lesson`` (capstone cases from ``secret`` when given)."""
        from helpers.checks import capstone
        from helpers.checks.grading import lesson_problems

        capstone.hold_secret(secret)
        try:
            key = cls(lesson, lesson_problems(lesson))
            for p in key.problems:
                expected = p.expected()
                if _function(p):
                    key.cases[p.key] = p.cases()
                    key.wanted[p.key] = [expected(*copy.deepcopy(a)) for a in key.cases[p.key]]
                    key.wrong[p.key] = []
                    for code, message in p.wrong_answers:
                        if not message:
                            continue
                        try:
                            fn = p.run(code)[p.name]
                            key.wrong[p.key].append(([fn(*copy.deepcopy(a)) for a in key.cases[p.key]], message))
                        except BaseException:  # noqa: BLE001 - feedback is optional
                            continue
        finally:  # the cases are kept in the key; nothing else in this process uses the secret
            capstone.hold_secret(None)
        return key

    def export_spec(self) -> dict[str, Any]:
        """What a kernel needs to hand over its answers (``export.json``)."""
        return {"problems": [{"key": p.key, "name": p.name, "kind": "function" if _function(p) else "value",
                              "time_limit": getattr(p, "time_limit", 2.0)} for p in self.problems]}

    def encoded_cases(self) -> str:
        """The inputs sent to the learners' functions (``cases.json``)."""
        return json.dumps({k: [wire.encode(list(a)) for a in v] for k, v in self.cases.items()}, allow_nan=True)


@dataclass(frozen=True)
class Mark:
    """The grader's verdict on one problem: ``outcome`` (correct, incorrect, not attempted or error) and why."""

    outcome: str
    message: str


def _tag(result: Any, where: str = BY_GRADER) -> Mark:
    return Mark(result.outcome, f"{result.message} ({where})")


def judge(key: Key, problem: Any, answer: dict[str, Any] | None) -> Mark:
    """Judge one problem from the answer lines a kernel handed over; never raises."""
    def result(outcome: str, message: str) -> Mark:
        return _tag(Mark(outcome, message))

    if answer is None:
        return result("error", "no answer was handed over: the notebook stopped before its answers could be collected")
    lines = answer.get("lines", [])
    first = lines[0] if lines else {}
    try:
        if first.get("missing"):
            return _tag(problem.judge(_missing()))
        if "too_large" in first:
            return result(INCORRECT, f"`{problem.name}` is too large to grade ({first['too_large']}).")
        if "answer" in first:  # a value (or, for a function problem, something that is not a function)
            return _tag(problem.judge(wire.decode(first["answer"])))
        if first.get("function"):
            return _judge_calls(key, problem, lines[1:])
        if first.get("killed"):
            return result(INCORRECT, f"reading `{problem.name}` took longer than the grader allows and was stopped.")
    except BaseException as exc:  # noqa: BLE001 - a malformed answer is the submission's problem
        return result(INCORRECT, f"the answer to `{problem.name}` could not be read ({type(exc).__name__}).")
    return result("error", "the answer handed over was empty or unreadable")


def _missing() -> Any:
    from helpers.checks.problems import _MISSING

    return _MISSING


def _judge_calls(key: Key, problem: Any, lines: list[dict[str, Any]]) -> Mark:
    cases, wanted = key.cases[problem.key], key.wanted[problem.key]
    got: list[Any] = []

    def result(outcome: str, message: str) -> Mark:
        return _tag(Mark(outcome, message))

    for i, args in enumerate(cases):
        line = lines[i] if i < len(lines) else {"killed": True}
        shown = problem._shown(args)
        if line.get("not_implemented"):
            if i == 0:
                return result(NOT_ATTEMPTED, f"`{problem.name}` still raises NotImplementedError: replace the "
                                             "`raise ...` line with your code, run the cell, then check again.")
            return result(INCORRECT, f"{shown} raised NotImplementedError.")
        if line.get("timeout") or line.get("killed") or line.get("finished"):
            return result(INCORRECT, f"{shown} took longer than {problem.time_limit:g} s and was stopped. "
                                     "Is there a loop that never ends?")
        if "raised" in line:
            return result(INCORRECT, f"{shown} raised {str(line['raised'])[:60]}: {str(line.get('message', ''))[:100]}")
        if "too_large" in line:
            return result(INCORRECT, f"the result of {shown} is too large to grade.")
        value = wire.decode(line.get("ok"))
        got.append(value)
        verdict = compare(value, wanted[i], **problem.options)
        if not verdict.ok:
            mistake = ""
            for outputs, message in key.wrong.get(problem.key, []):
                if all(compare(g, w, **problem.options).ok for g, w in zip(got, outputs)):
                    mistake = f" {message}"
                    break
            return result(INCORRECT, f"the result of {shown} {verdict.message}{mistake} "
                                     f"Need help? `{problem.handle}.hint()`.")
    return result(CORRECT, f"your function gives the right result in all {len(cases)} test cases.")


def redacted_sources(source_dir: Path, into: Path) -> Path:
    """Copies of the workbook sources with every solution replaced by the student's stub (and validate-only
    cells left out): what a learner's kernel may read while it is graded."""
    from helpers.checks.workbooks import VALIDATE_TAG, sources

    into.mkdir(parents=True, exist_ok=True)
    for path in sources(source_dir):
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = []
        for cell in nb.get("cells", []):
            if VALIDATE_TAG in cell.get("metadata", {}).get("tags", []):
                continue
            text = cell.get("source", "")
            text = text if isinstance(text, str) else "".join(text)
            if cell.get("cell_type") == "code" and markers.BEGIN in text:
                cell["source"] = markers.student_source(text) + f"\n{markers.BEGIN}\n{markers.END}\n"
                cell["outputs"] = []
            cells.append(cell)
        nb["cells"] = cells
        (into / path.name).write_text(json.dumps(nb), encoding="utf-8")
    return into
