"""Exercise problems declared as data, Kaggle Learn style.

A problem names the variable (or function) the learner writes, its solution
code (the expected value is computed by running that code on the course data,
never typed in), two or more hints and at least one plausible wrong answer.
A workbook cell then says ``q1.check()``, ``q1.hint()``, ``q1.hint(2)`` or
``q1.solution()``.

``check()`` finds the learner's variable in the notebook (IPython's user
namespace, or the calling frame in plain Python), never raises, records the
outcome in the progress file, and returns a :class:`CheckResult`.

>>> q1 = ValueProblem("total", number=1, solution="### BEGIN SOLUTION\\ntotal = 2 + 2\\n### END SOLUTION",
...                   hints=["Add the numbers.", "Write `total = 2 + 2`."], wrong_answers=["total = 22"])
>>> total = ...
>>> q1.check().outcome
'not attempted'
>>> total = 5
>>> print(q1.check())
Question 1 - Incorrect: `total` is off by 1 (yours is too high). Need help? `q1.hint()`.
>>> q1.check(value=4).outcome
'correct'
"""
from __future__ import annotations

import copy
import dataclasses
import os
import sys
from typing import Any, Callable, Mapping, Sequence

from . import markers, progress, records
from .compare import compare, describe, safe_repr
from .results import CORRECT, INCORRECT, NOT_ATTEMPTED, CheckResult, Feedback, Pending
from .timelimit import TimeLimitExceeded, call_with_time_limit

__all__ = ["Problem", "ValueProblem", "FunctionProblem", "ChoiceProblem", "QueryProblem"]

_HERE = os.path.dirname(os.path.abspath(__file__))
_UNSET: Any = object()
_MISSING: Any = object()


def _caller_namespace() -> Mapping[str, Any]:
    """The notebook's namespace (IPython), else the globals and locals of the first caller outside this package."""
    ipython = sys.modules.get("IPython")
    if ipython is not None:
        try:
            shell = ipython.get_ipython()
        except Exception:  # noqa: BLE001
            shell = None
        if shell is not None:
            return shell.user_ns
    frame = sys._getframe(1)
    while frame is not None and os.path.dirname(os.path.abspath(frame.f_code.co_filename)) == _HERE:
        frame = frame.f_back
    if frame is None:
        return {}
    return {**frame.f_globals, **frame.f_locals}


class Problem:
    """One exercise question. Use a subclass: ValueProblem, FunctionProblem or ChoiceProblem."""

    def __init__(self, name: str, *, solution: str, hints: Sequence[str],
                 wrong_answers: Sequence[str | tuple[str, str]] = (), lesson: str | None = None,
                 number: int | None = None, setup: str = "", points: int = 1, **options: Any) -> None:
        if not name.isidentifier():
            raise ValueError(f"{name!r} is not a valid Python name for a problem's variable.")
        if len(hints) < 2:
            raise ValueError(f"problem {name!r} needs two or more hints, got {len(hints)}.")
        markers.strip_markers(solution, where=f"solution of {name!r}: ")  # checks the markers balance
        self.name, self.solution_code, self.hints = name, solution, list(hints)
        self.wrong_answers = [w if isinstance(w, tuple) else (w, "") for w in wrong_answers]
        self.lesson, self.number, self.setup, self.points = lesson, number, setup, points
        self.options = options
        self._expected: Any = _MISSING
        self._wrong_values: dict[int, Any] = {}

    # -- identity -------------------------------------------------------------------
    @property
    def key(self) -> str:
        """Unique id such as ``'education-pathways.q1'`` (used in progress and grades).

        It names the lesson by its stable id (slug), never by its number, so saved progress and
        grades survive a renumbering of the course."""
        if not (self.lesson and self.number):
            return self.name
        from helpers import lessons

        return f"{lessons.slug(self.lesson)}.q{self.number}"

    def _slug(self) -> str:
        from helpers import lessons

        return lessons.slug(self.lesson)

    @property
    def label(self) -> str:
        """What the learner sees, such as ``'Question 1'``."""
        return f"Question {self.number}" if self.number else self.name

    @property
    def handle(self) -> str:
        """How the workbook names this problem, such as ``'q1'``."""
        return f"q{self.number}" if self.number else "problem"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.key}: `{self.name}`>"

    def declare(self, *args: Any, **options: Any) -> None:
        """How a source notebook declares this problem (a cell tagged ``problem``).

        The course reads declarations from the saved source file (see :mod:`helpers.checks.workbooks`);
        running the cell in a notebook changes nothing, so save and restart after editing one.
        """

    # -- code -----------------------------------------------------------------------
    def run(self, code: str) -> dict[str, Any]:
        """Run the lesson's setup code and then ``code`` in a fresh namespace; return the namespace."""
        namespace: dict[str, Any] = {"__name__": "__mrt_exercise__"}
        exec(compile(self.setup, f"<setup of {self.key}>", "exec"), namespace)
        exec(compile(code, f"<code for {self.key}>", "exec"), namespace)
        return namespace

    def expected(self) -> Any:
        """The expected value, computed once by running the solution on the course data."""
        if self._expected is _MISSING:
            namespace = self.run(markers.strip_markers(self.solution_code))
            if self.name not in namespace:
                raise RuntimeError(f"the solution of {self.key} does not define {self.name!r}.")
            self._expected = namespace[self.name]
        return self._expected

    def student_code(self) -> str:
        """The stub the student workbook shows in place of the solution."""
        return markers.student_source(self.solution_code)

    # -- judging --------------------------------------------------------------------
    def _evaluate(self, value: Any) -> CheckResult:
        raise NotImplementedError

    def _result(self, outcome: str, message: str, notes: Sequence[str] = ()) -> CheckResult:
        return CheckResult(self.label, outcome, message, tuple(notes))

    def _mistake(self, value: Any) -> str:
        """The message of a declared wrong answer that ``value`` matches, if any."""
        for i, (code, message) in enumerate(self.wrong_answers):
            if not message:
                continue
            try:
                if i not in self._wrong_values:
                    self._wrong_values[i] = self.run(code).get(self.name)
                if self._same(value, self._wrong_values[i]):
                    return message
            except BaseException:  # noqa: BLE001 - feedback is optional; never fail because of it
                continue
        return ""

    def _same(self, value: Any, other: Any) -> bool:
        return compare(value, other, **self.options).ok

    def judge(self, value: Any) -> CheckResult:
        """Judge ``value`` (``_MISSING`` when the variable does not exist); never raises."""
        try:
            if value is _MISSING:
                return self._result(NOT_ATTEMPTED, f"there is no variable called `{self.name}` yet. Write your "
                                    "answer in the cell above, run it (Shift+Enter), then run this check again.")
            if value is Ellipsis:
                return self._result(NOT_ATTEMPTED, f"`{self.name}` is still `...`: replace the `...` with your "
                                    "answer, run the cell, then run this check again.")
            return self._evaluate(value)
        except BaseException as exc:  # noqa: BLE001 - a check never raises, whatever the learner wrote
            return self._result(INCORRECT, f"`{self.name}` could not be checked: {type(exc).__name__} "
                                f"({safe_repr(str(exc), 80)}). Look at what you stored in `{self.name}`.")

    # -- the learner's API ----------------------------------------------------------
    def check(self, value: Any = _UNSET) -> CheckResult:
        """Check the learner's answer and record the outcome.

        With ``value`` the given value is checked instead of the notebook's variable
        and nothing is recorded in the progress file (useful in tests).
        """
        if value is not _UNSET:
            return self.judge(value)
        namespace = _caller_namespace()
        try:
            found = namespace.get(self.name, _MISSING)
        except BaseException:  # noqa: BLE001
            found = _MISSING
        result = self.judge(found)
        records.append_record(self, result, kind="check")
        notices = progress.record_event(self.key, self._slug(), outcome=result.outcome) if self.lesson else []
        return dataclasses.replace(result, notes=result.notes + tuple(notices)) if notices else result

    def check_wrong(self, value: Any) -> CheckResult:
        """Validation only: check a plausible wrong ``value``; the validator requires Incorrect."""
        result = self.judge(value)
        records.append_record(self, result, kind="wrong-answer")
        verdict = "reported Incorrect, as it should be" if result.outcome == INCORRECT else (
            f"PROBLEM: reported {result.label}, but a wrong answer must be Incorrect")
        return dataclasses.replace(result, problem=f"{self.label} (validation: {verdict})")

    def hint(self, level: int = 1) -> Feedback:
        """Hint number ``level`` (1 = gentlest)."""
        count = len(self.hints)
        if not isinstance(level, int) or isinstance(level, bool) or level < 1:
            return Feedback(f"{self.label} - Hints", f"ask for a hint by number, from 1 to {count}: `{self.handle}.hint(1)`.")
        if level > count:
            return Feedback(f"{self.label} - Hints", f"there are only {count} hints for this question. "
                            f"If you are stuck, `{self.handle}.solution()` shows one way to answer it.")
        if self.lesson:
            progress.record_event(self.key, self._slug(), hint=level)
        more = f" For more help: `{self.handle}.hint({level + 1})`." if level < count else ""
        return Feedback(f"{self.label} - Hint {level} of {count}", self.hints[level - 1] + more)

    def solution(self) -> Feedback:
        """One correct way to answer (the instructor's solution)."""
        if self.lesson:
            progress.record_event(self.key, self._slug(), solution=True)
        return Feedback(f"{self.label} - Solution", markers.strip_markers(self.solution_code), code=True)


class ValueProblem(Problem):
    """The learner stores an answer in a variable: a number, text, a list or a table.

    Options passed to :func:`helpers.checks.compare.compare`: ``tolerance``, ``ordered``,
    ``columns``, ``key``, ``row_order``.
    """

    def _evaluate(self, value: Any) -> CheckResult:
        verdict = compare(value, self.expected(), **self.options)
        if verdict.ok:
            return self._result(CORRECT, "well done.", verdict.notes)
        mistake = self._mistake(value)
        message = f"`{self.name}` {verdict.message}" + (f" {mistake}" if mistake else "")
        return self._result(INCORRECT, message + f" Need help? `{self.handle}.hint()`.", verdict.notes)


class FunctionProblem(Problem):
    """The learner writes a function; it is called on test cases, each with a time limit.

    ``cases`` is a list of argument tuples, or a function returning one (so cases can
    come from the course data without reading it at import).
    """

    def __init__(self, name: str, *, cases: Sequence[tuple] | Callable[[], Sequence[tuple]],
                 time_limit: float = 2.0, **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self._cases, self.time_limit = cases, time_limit

    def cases(self) -> list[tuple]:
        """The argument tuples the learner's function is tried on."""
        return list(self._cases() if callable(self._cases) else self._cases)

    def _call(self, fn: Callable[..., Any], args: tuple) -> Any:
        return call_with_time_limit(fn, copy.deepcopy(args), {}, self.time_limit)

    def _shown(self, args: tuple) -> str:
        def one(a: Any) -> str:
            if hasattr(a, "columns") and hasattr(a, "shape"):  # a table: say what it is, not its header
                return f"<a table of {a.shape[0]:,} rows>"
            return safe_repr(a, 40)
        return f"`{self.name}({', '.join(one(a) for a in args)})`"

    def _same(self, value: Any, other: Any) -> bool:
        if not (callable(value) and callable(other)):
            return False
        return all(compare(self._call(value, a), other(*copy.deepcopy(a)), **self.options).ok for a in self.cases())

    def run_on(self, *args: Any) -> Any:
        """Call the learner's function on ``args`` (for example the workbook's own extract) and return
        what it returns. Never raises: when the function is missing, unfinished, too slow or fails,
        the result is a :class:`Pending` that says why (and is false in an ``if``)."""
        fn = _caller_namespace().get(self.name, _MISSING)
        title = f"`{self.name}` on your data"
        if fn is _MISSING or fn is Ellipsis:
            return Pending(title, f"there is no function `{self.name}` yet: run the cell where you write it first.")
        if not callable(fn):
            return Pending(title, f"`{self.name}` should be a function (written with `def`), but it is {describe(fn)}.")
        try:
            return self._call(fn, args)
        except NotImplementedError:
            return Pending(title, f"`{self.name}` is not written yet: replace the `raise NotImplementedError` line "
                                  "with your code, run that cell, then this one again.")
        except TimeLimitExceeded:
            return Pending(title, f"`{self.name}` took longer than {self.time_limit:g} s and was stopped.")
        except BaseException as exc:  # noqa: BLE001 - anything the learner's code raises
            return Pending(title, f"`{self.name}` raised {type(exc).__name__}: {safe_repr(str(exc), 100)}. "
                                  f"Fix it, run its cell, then this one again; `{self.handle}.check()` may say more.")

    def _evaluate(self, fn: Any) -> CheckResult:
        if not callable(fn):
            return self._result(INCORRECT, f"`{self.name}` should be a function (written with `def`), "
                                f"but it is {describe(fn)}.")
        reference = self.expected()
        cases = self.cases()
        for i, args in enumerate(cases):
            want = reference(*copy.deepcopy(args))
            try:
                got = self._call(fn, args)
            except NotImplementedError:
                if i == 0:
                    return self._result(NOT_ATTEMPTED, f"`{self.name}` still raises NotImplementedError: replace "
                                        "the `raise ...` line with your code, run the cell, then check again.")
                return self._result(INCORRECT, f"{self._shown(args)} raised NotImplementedError.")
            except TimeLimitExceeded:
                return self._result(INCORRECT, f"{self._shown(args)} took longer than {self.time_limit:g} s and "
                                    "was stopped. Is there a loop that never ends?")
            except BaseException as exc:  # noqa: BLE001 - anything the learner's code raises
                return self._result(INCORRECT, f"{self._shown(args)} raised {type(exc).__name__}: "
                                    f"{safe_repr(str(exc), 100)}")
            verdict = compare(got, want, **self.options)
            if not verdict.ok:
                mistake = self._mistake(fn)
                return self._result(INCORRECT, f"the result of {self._shown(args)} {verdict.message}"
                                    + (f" {mistake}" if mistake else "") + f" Need help? `{self.handle}.hint()`.")
        return self._result(CORRECT, f"your function gives the right result in all {len(cases)} test cases.")


class ChoiceProblem(Problem):
    """A multiple-choice question: the learner stores a letter, e.g. ``answer_5 = "b"``.

    ``choices`` maps each letter to the text of the choice; ``explanations`` maps letters to
    why that choice is right or wrong (shown after checking).
    """

    def __init__(self, name: str, *, choices: Mapping[str, str], explanations: Mapping[str, str] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.choices = {k.lower(): v for k, v in choices.items()}
        self.explanations = {k.lower(): v for k, v in (explanations or {}).items()}

    def _letter(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return None
        return value.strip().strip("().").strip().lower()

    def _same(self, value: Any, other: Any) -> bool:
        return self._letter(value) == self._letter(other)

    def _evaluate(self, value: Any) -> CheckResult:
        letters = ", ".join(self.choices)
        letter = self._letter(value)
        if letter is None:
            return self._result(INCORRECT, f"`{self.name}` should be one letter in quotes, like \"a\"; "
                                f"it is {describe(value)}.")
        if letter not in self.choices:
            return self._result(INCORRECT, f"{safe_repr(value, 20)} is not one of the choices ({letters}).")
        why = self.explanations.get(letter, "")
        if letter == self._letter(self.expected()):
            return self._result(CORRECT, f"({letter}) is right. {why}".strip())
        return self._result(INCORRECT, f"({letter}) is not the best answer. {why}".strip())


class QueryProblem(Problem):
    """The learner stores an SQL query (text) in a variable; it is run on the synthetic EHR database.

    The result set is compared with the solution query's (:func:`helpers.ehrdb.check_query`): columns by
    name, rows in any order unless ``ordered=True``. Each check runs on a fresh copy of the committed
    sample that can read no files and changes nothing.
    """

    def _connection(self) -> Any:
        from helpers import ehrdb

        return ehrdb.lock(ehrdb.connect())

    def _verdict(self, sql: Any, other: str) -> Any:
        from helpers import ehrdb

        con = self._connection()
        try:
            return ehrdb.check_query(con, sql, other, ordered=bool(self.options.get("ordered", False)),
                                     time_limit=float(self.options.get("time_limit", 10.0)))
        finally:
            con.close()

    def _same(self, value: Any, other: Any) -> bool:
        return isinstance(value, str) and isinstance(other, str) and self._verdict(value, other).ok

    def _evaluate(self, value: Any) -> CheckResult:
        if not isinstance(value, str):
            return self._result(INCORRECT, f"`{self.name}` should be an SQL query in quotes, like "
                                f"\"SELECT * FROM patients\"; it is {describe(value)}.")
        verdict = self._verdict(value, self.expected())
        if verdict.ok:
            return self._result(CORRECT, "well done: " + verdict.message)
        mistake = self._mistake(value) if verdict.kind in ("rows", "values", "order") else ""
        return self._result(INCORRECT, f"`{self.name}`: {verdict.message}" + (f" {mistake}" if mistake else "")
                            + f" Need help? `{self.handle}.hint()`.")
