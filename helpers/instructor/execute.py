"""Running submissions for the grader: a worker per attempt, in its own session, sandboxed by default.

A :class:`Context` holds what a grading run shares: the lesson's :class:`~helpers.instructor.judge.Key`
(expected values, computed here), a private temporary folder (copies of the sources without their
solutions, the inputs for the learners' functions, a snapshot of each submission), and the sandbox
settings. :meth:`Context.run` runs one notebook; when a cell kills the kernel (or the worker) or
cannot be interrupted, the notebook is run again without it (at most twice), and the status says so.
The temporary folder is removed whatever happens.

>>> RunOutcome().answers
{}
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from . import sandbox
from .judge import BY_GRADER, FROM_RECORD, Key, judge, redacted_sources

__all__ = ["Context", "RunOutcome", "MAX_STDOUT"]

#: The most a worker may write to the grader (answers included) before it is cut off.
MAX_STDOUT = 64 * 1024 * 1024
COURSE = Path(__file__).resolve().parent.parent.parent
_JUDGING = threading.Lock()  # judging is quick; one at a time keeps the problems' caches simple


@dataclass
class RunOutcome:
    """What running one notebook produced."""

    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    records: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stopped: str | None = None
    notes: list[str] = field(default_factory=list)


def _read_events(stream: Any, into: list[dict[str, Any]]) -> None:
    total = 0
    for line in stream:
        total += len(line)
        if total > MAX_STDOUT:
            into.append({"flood": True})
            for _ in stream:  # keep draining so the worker is not blocked, but keep nothing
                pass
            return
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict):
            into.append(item)


def _remove_stale_folders() -> None:
    """Remove the temporary folders of grading runs whose process was killed (it could not clean up)."""
    for folder in Path(tempfile.gettempdir()).glob("mrt-grade-*"):
        owners = [int(p.name.split("-", 1)[1]) for p in folder.glob("owner-*") if p.name.split("-", 1)[1].isdigit()]
        if not owners:
            continue
        try:
            os.kill(owners[0], 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


@dataclass
class Context:
    """Everything a grading run shares between submissions."""

    key: Key
    root: Path
    sandboxed: bool
    memory_mb: int = 4096
    trust_records: bool = False
    hide: Sequence[Path] = ()
    hashes: dict[str, tuple[Path, str]] = field(default_factory=dict)

    @classmethod
    def make(cls, lesson: str, *, sandboxed: bool | None, secret: str | None = None, memory_mb: int = 4096,
             trust_records: bool = False, hide: Sequence[Path] = ()) -> "Context":
        """Prepare a run (``sandboxed=None``: use the sandbox where it works)."""
        if sandboxed is None:
            sandboxed = sandbox.sandbox_works()[0]
        _remove_stale_folders()
        root = Path(tempfile.mkdtemp(prefix="mrt-grade-"))
        try:
            (root / f"owner-{os.getpid()}").touch()
            key = Key.prepare(lesson, secret or secrets.token_hex(16))
            redacted_sources(COURSE / "exercises" / "source", root / "sources")
            (root / "export.json").write_text(json.dumps(key.export_spec()), encoding="utf-8")
            (root / "cases.json").write_text(key.encoded_cases(), encoding="utf-8")
            (root / "snap").mkdir()
        except BaseException:
            shutil.rmtree(root, ignore_errors=True)
            raise
        return cls(key, root, sandboxed, memory_mb, trust_records, [Path(p) for p in hide])

    def close(self) -> None:
        """Remove the private temporary folder."""
        shutil.rmtree(self.root, ignore_errors=True)

    # -- snapshots: what is graded is what was handed in when grading began ------------------
    def take_snapshots(self, subs: Sequence[Any]) -> None:
        """Copy each submission aside, so a submission that rewrites another's file changes nothing."""
        for i, sub in enumerate(subs):
            if sub.path is None or sub.refused or not sub.path.is_file():
                continue
            try:
                data = sub.path.read_bytes()
            except OSError:
                continue
            copy = self.root / "snap" / f"{i}.ipynb"
            copy.write_bytes(data)
            self.hashes[sub.student_id] = (copy, hashlib.sha256(data).hexdigest())

    def snapshot(self, sub: Any) -> bytes | None:
        """The bytes of ``sub`` as they were when grading began (None: no snapshot taken)."""
        if sub.student_id not in self.hashes:
            return None
        return self.hashes[sub.student_id][0].read_bytes()

    def changed_note(self, sub: Any) -> str:
        """A warning when ``sub``'s file changed on disk while the class was graded."""
        if sub.student_id not in self.hashes or sub.path is None:
            return ""
        try:
            now = hashlib.sha256(sub.path.read_bytes()).hexdigest()
        except OSError:
            now = "gone"
        if now == self.hashes[sub.student_id][1]:
            return ""
        return ("WARNING: this file changed on disk during grading (another submission may have written to it); "
                "the copy taken before grading was graded")

    # -- running ----------------------------------------------------------------------------
    def _attempt(self, nb: Any, timeout: float, skip: set[int], stop_before: int | None) -> list[dict[str, Any]]:
        import nbformat

        folder = Path(tempfile.mkdtemp(prefix="mrt-run-", dir=self.root))
        proc = None
        token = secrets.token_hex(12)
        events: list[dict[str, Any]] = []
        try:
            in_dir = folder / "in"
            in_dir.mkdir()
            export_seconds = 60 + sum(20 + len(self.key.cases.get(p.key, [])) * (getattr(p, "time_limit", 2) + 0.5)
                                      for p in self.key.problems)
            # the notebook goes down a pipe, never into a file another submission could overwrite
            job = {"notebook": "-", "timeout": timeout, "skip": sorted(skip),
                   "stop_before": stop_before, "export_timeout": export_seconds}
            (in_dir / "job.json").write_text(json.dumps(job), encoding="utf-8")
            shutil.copy(self.root / "export.json", in_dir)
            shutil.copy(self.root / "cases.json", in_dir)
            worker = [sys.executable, "-m", "helpers.instructor.kernelrun"]
            limits = sandbox.limits_prefix(self.memory_mb)
            if self.sandboxed:
                cmd = limits + sandbox.command(in_dir, folder / "work", course=COURSE, hide=self.hide,
                                               sources=self.root / "sources") + worker + [
                    sandbox.INSIDE_IN, sandbox.INSIDE_WORK]
                env = sandbox.worker_env(sandbox.INSIDE_WORK, token, None)
            else:
                cmd = limits + worker + [str(in_dir), str(folder / "work")]
                env = sandbox.worker_env(str(folder / "work"), token, str(self.root / "sources"))
            env["PYTHONPATH"] = str(COURSE)
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                    env=env, cwd=str(folder), start_new_session=True, text=True, errors="replace")
            reader = threading.Thread(target=_read_events, args=(proc.stdout, events), daemon=True)
            reader.start()
            try:
                proc.stdin.write(nbformat.writes(nb))
                proc.stdin.close()
            except OSError:
                pass  # the worker is gone already; its events say why
            try:
                proc.wait(timeout=timeout + export_seconds + 120)
            except subprocess.TimeoutExpired:
                events.append({"overtime": True})
            sandbox.kill_tree(proc, token)
            reader.join(10)
        finally:
            if proc is not None:
                sandbox.kill_tree(proc, token)
                proc.wait()
            shutil.rmtree(folder, ignore_errors=True)
        return events

    def run(self, nb: Any, timeout: float) -> RunOutcome:
        """Run ``nb`` (again without a cell that kills or hangs the kernel, at most twice); collect its answers."""
        skip: set[int] = set()
        stop_before: int | None = None
        outcome = RunOutcome()
        for _ in range(3):
            events = self._attempt(nb, timeout, skip, stop_before)
            done = next((e["done"] for e in events if isinstance(e.get("done"), dict)), None)
            cells = [e["cell"] for e in events if "cell" in e]
            died = next((e["died"] for e in events if "died" in e), None)
            stuck = next((e["stuck"] for e in events if "stuck" in e), None)
            if done is None and died is None and stuck is None and cells and isinstance(cells[-1], int):
                died = cells[-1]  # the worker itself was killed (by the learner's code) during this cell
                outcome.notes.append(f"cell {died} killed the process running the notebook")
            if isinstance(died, int) and died not in skip:
                skip.add(died)
                outcome.notes.append(f"cell {died} killed the kernel; the notebook was run again without it")
                continue
            if isinstance(stuck, int):
                stop_before = stuck
                outcome.notes.append(f"cell {stuck} ran past the time limit and could not be interrupted; the "
                                     "notebook was run again up to the cell before it")
                continue
            break
        if any(e.get("flood") for e in events):
            outcome.notes.append("the notebook wrote too much output to the grader; the rest was ignored")
        if any(e.get("overtime") for e in events):
            outcome.notes.append("the notebook's worker ran past every time limit and was killed")
        for e in events:
            if isinstance(e.get("answer"), dict) and isinstance(e["answer"].get("problem"), str):
                outcome.answers[e["answer"]["problem"]] = e["answer"]
            elif isinstance(e.get("record"), dict):
                outcome.records.append(e["record"])
        if done is not None:
            outcome.errors = [str(x)[:300] for x in done.get("errors", [])][:50]
            outcome.stopped = str(done["stopped"])[:300] if done.get("stopped") else None
            if stop_before is not None:
                outcome.stopped = (f"cell {stop_before} was still running when the {timeout:g} s limit for the "
                                   "notebook ran out (an endless loop?); the cells after it were not run")
        else:
            outcome.stopped = "the notebook stopped before its answers could be collected"
        return outcome

    def verdict(self, problem: Any, run: RunOutcome) -> tuple[str, str]:
        """The outcome and reason for one problem: judged here, or (only with ``trust_records``) the notebook's record."""
        answer = run.answers.get(problem.key)
        if answer is None and self.trust_records:
            own = [r for r in run.records if r.get("problem") == problem.key and r.get("kind") in ("check", "grader")]
            if own and own[-1].get("outcome") in ("correct", "incorrect", "not attempted"):
                return (str(own[-1].get("outcome")), f"{str(own[-1].get('message'))[:300]} ({FROM_RECORD}: "
                        "--trust-records, and the grader could not collect this answer)")
        with _JUDGING:
            result = judge(self.key, problem, answer)
        assert result.message.endswith(f"({BY_GRADER})")
        return result.outcome, result.message
