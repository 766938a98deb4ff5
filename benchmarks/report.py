"""Run every benchmark script and print one Markdown summary (what ``make bench`` does).

    .venv/bin/python benchmarks/report.py                  # every script, then the summary
    .venv/bin/python benchmarks/report.py --only imports widgets
    .venv/bin/python benchmarks/report.py --out summary.md # also write the summary to a file

Every ``benchmarks/*.py`` file with an ``if __name__ == "__main__":`` block is a script and is run,
so a new script is picked up without editing this file (``timing.py`` is the shared helper, and
this file does not run itself). Each script runs in its own process with this Python, from the
repository root (a script offering ``--peer`` runs with ``--peer splink`` in ``.venv-bench`` when
that venv can import splink: ``make bench`` builds it from benchmarks/requirements.txt); its whole output goes to a log file (``--logs``, default ``.venv/bench/``) and
only a progress line is printed while it runs.

Each script's last word is one ``SUMMARY {json}`` line (``timing.summary``). This file reads that
line and prints the summary: the date and the machine (cores, load average, Python), nbval over
the course against its floor and their ratio, each notebook's time and kernel peak memory, the
heaviest lesson and workbook, the JupyterLab server's memory, ``import helpers``, the widgets'
latencies and every helper's scale figures. A script that fails, times out or prints no SUMMARY
line is listed under "Problems" with the end of its output: never silently left out.
The exit status is 1 if any script had a problem.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LIBRARIES = {"timing.py", "report.py"}  # shared code and this file: not run as benchmarks
MAIN_GUARD = re.compile(r"^if __name__ == [\"']__main__[\"']:", re.MULTILINE)
# Arguments for a script when it is run by `make bench` (none: its own defaults).
ARGS: dict[str, list[str]] = {"grading.py": ["--students", "30"]}
TIMEOUT_S = 3600


@dataclass
class Result:
    """What one script gave: its figures (the SUMMARY line) or the problem, and the end of its output."""

    script: str
    figures: dict[str, Any] | None = None
    problem: str | None = None
    seconds: float = 0.0
    tail: list[str] = field(default_factory=list)
    args: list[str] = field(default_factory=list)


def scripts(folder: Path = HERE) -> list[Path]:
    """Every benchmark script in ``folder``: a ``.py`` file with a ``__main__`` block, except LIBRARIES."""
    return sorted(p for p in folder.glob("*.py")
                  if p.name not in LIBRARIES and MAIN_GUARD.search(p.read_text(encoding="utf-8")))


#: The venv of the benchmarks' optional peers (benchmarks/requirements.txt, built by `make bench`).
#: They live apart from the course's .venv: splink needs pyarrow, which changes pandas' string columns.
PEER_PYTHON = ROOT / ".venv-bench" / "bin" / "python"


def peer_ready(python: Path | None = None) -> bool:
    """True when ``python`` (by default the peer venv's) exists and can import splink."""
    python = PEER_PYTHON if python is None else python
    if not Path(python).exists():
        return False
    return subprocess.run([str(python), "-c", "import splink"], capture_output=True).returncode == 0


def script_args(path: Path, peer: bool | None = None) -> list[str]:
    """Arguments for ``path``: ARGS, plus ``--peer splink`` for a script that offers that peer when
    the peer venv is ready (``peer``; by default :func:`peer_ready`)."""
    args = list(ARGS.get(path.name, []))
    if "--peer" in path.read_text(encoding="utf-8") and (peer_ready() if peer is None else peer):
        args += ["--peer", "splink"]
    return args


def parse(script: str, output: str, returncode: int | None, seconds: float = 0.0) -> Result:
    """Read a script's output: the figures from its last SUMMARY line, or what went wrong.

    ``returncode`` None means it timed out. A non-zero status is a problem even with figures.

    >>> parse("x.py", "warming up\\nSUMMARY {\\"best_ms\\": 2.5}\\n", 0).figures
    {'best_ms': 2.5}
    >>> parse("x.py", "Traceback ...\\nValueError: no\\n", 1).problem
    'exit status 1; printed no SUMMARY line'
    """
    lines = output.splitlines()
    result = Result(script, seconds=seconds, tail=[line for line in lines if line.strip()][-8:])
    problems = []
    if returncode is None:
        problems.append("timed out")
    elif returncode != 0:
        problems.append(f"exit status {returncode}")
    found = [line[len("SUMMARY "):] for line in lines if line.startswith("SUMMARY ")]
    if not found:
        problems.append("printed no SUMMARY line")
    else:
        try:
            figures = json.loads(found[-1])
        except json.JSONDecodeError as exc:
            problems.append(f"SUMMARY line is not JSON ({exc.msg})")
        else:
            if not isinstance(figures, dict):
                problems.append("SUMMARY line is not a JSON object")
            else:
                result.figures = figures
                if "error" in figures:
                    problems.append(f"reported an error: {figures['error']}")
    result.problem = "; ".join(problems) or None
    return result


def run(path: Path, logs: Path, timeout: float = TIMEOUT_S) -> Result:
    """Run one script with this Python from the repository root; its output goes to ``logs``."""
    args = script_args(path)
    # a script comparing with a peer runs in the peer's venv (the course installed there too)
    python = str(PEER_PYTHON) if "--peer" in args else sys.executable
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"{path.stem}.log"
    started = time.perf_counter()
    env = {**os.environ, "MPLBACKEND": "Agg", "MRT_PROGRESS_FILE": "off", "PYTHONUNBUFFERED": "1"}
    with log.open("w", encoding="utf-8") as out:
        try:
            status: int | None = subprocess.run([python, str(path), *args], cwd=ROOT, env=env,
                                                stdout=out, stderr=subprocess.STDOUT, timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            status = None
    result = parse(path.name, log.read_text(encoding="utf-8", errors="replace"), status,
                   time.perf_counter() - started)
    result.args = args
    return result


def machine() -> str:
    """Cores, load average, Python and platform, for the summary's first lines."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"{os.cpu_count()} cores, load average {load} (1, 5, 15 min); Python {platform.python_version()}; "
            f"{platform.system()} {platform.release()}")


def _value(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:,.2f}".rstrip("0").rstrip(".") if abs(v) < 1000 else f"{v:,.0f}"
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}"
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_value(x)}" for k, x in v.items())
    if isinstance(v, list):
        return ", ".join(_value(x) for x in v) or "none"
    return str(v)


def _notebooks(f: dict[str, Any]) -> list[str]:
    out = [f"**nbval over the course**: {_value(f.get('course_s'))} s against a floor of {_value(f.get('floor_s'))} s "
           f"(the same number of notebooks that only import the stack): ratio **{_value(f.get('ratio'))}** "
           f"(target {_value(f.get('ratio_target'))} or less). Notebooks over {_value(f.get('notebook_target_s'))} s "
           f"(marked * below): {len(f.get('slow', []))}. Failed cells: {_value(f.get('failures', 0))}.", ""]
    for label, key in (("lesson", "heaviest_lesson"), ("student workbook", "heaviest_workbook")):
        if f.get(key):
            name, mb = f[key]
            out.append(f"- Heaviest {label}: `{name}`, kernel peak **{mb:,.0f} MiB**")
    if f.get("floor_peak_mb") is not None:
        out.append(f"- A kernel that only imports the stack: peak {f['floor_peak_mb']:,.0f} MiB")
    rows = f.get("notebooks") or {}
    if rows:
        out += ["", "| notebook | seconds | kernel peak MiB |", "|---|---:|---:|"]
        slow = set(f.get("slow", []))
        for name, row in rows.items():
            mb = row.get("peak_mb")
            out.append(f"| {name} | {row.get('seconds', 0):.1f}{' *' if name in slow else ''} | "
                       f"{'?' if mb is None else f'{mb:,.0f}'} |")
    return out


def _widgets(f: dict[str, Any]) -> list[str]:
    return [f"**Widget latency** (time from a control change to the redrawn output): median "
            f"**{_value(f.get('overall_median_ms'))} ms** over {_value(f.get('changes'))} changes in "
            f"{_value(f.get('widgets'))} widgets; worst widget `{f.get('worst_widget')}`, median "
            f"{_value(f.get('worst_median_ms'))} ms; slowest single change {_value(f.get('worst_max_ms'))} ms. "
            f"Widgets with a median of 100 ms or more: {_value(f.get('slow', []))}. Not measured (they need "
            f"arguments): {_value(f.get('not_measured', []))}."]


def _imports(f: dict[str, Any]) -> list[str]:
    return [f"**`import helpers`** in a fresh process: best {_value(f.get('best_ms'))} ms, median "
            f"{_value(f.get('median_ms'))} ms over {_value(f.get('runs'))} runs."]


def _lab_server(f: dict[str, Any]) -> list[str]:
    return [f"**JupyterLab server** with two kernels attached: {_value(f.get('server_mb'))} MiB resident "
            f"(peak {_value(f.get('server_peak_mb'))} MiB; {_value(f.get('server_alone_mb'))} MiB before the "
            f"kernels); an idle kernel: {_value(f.get('idle_kernel_mb'))} MiB."]


SECTIONS = {"notebooks.py": _notebooks, "widgets.py": _widgets, "imports.py": _imports,
            "lab_server.py": _lab_server}


def render(results: list[Result], when: str, machine_line: str) -> str:
    """The Markdown summary of ``results``: every script appears, with its figures or its problem.

    >>> text = render([parse("a.py", "SUMMARY {\\"n\\": 3}", 0), parse("b.py", "", 1)], "today", "2 cores")
    >>> "| b.py | problem |" in text and "exit status 1; printed no SUMMARY line" in text
    True
    """
    out = [f"### Benchmark summary, {when}", "", f"Machine: {machine_line}.", "",
           "| script | status | seconds | arguments |", "|---|---|---:|---|"]
    for r in results:
        out.append(f"| {r.script} | {'problem' if r.problem else 'ok'} | {r.seconds:,.0f} | "
                   f"{' '.join(r.args) or '(defaults)'} |")
    by_name = {r.script: r for r in results}
    for name, section in SECTIONS.items():
        r = by_name.get(name)
        if r is not None and r.figures:
            out += ["", *section(r.figures)]
    scale = [r for r in results if r.figures and r.script not in SECTIONS]
    if scale:
        out += ["", "**Scale figures** (seconds unless the name says otherwise):", ""]
        for r in scale:
            out.append(f"- `{r.script}`: " + "; ".join(f"{k} {_value(v)}" for k, v in r.figures.items()))
    problems = [r for r in results if r.problem]
    out += ["", "**Problems**: " + ("none." if not problems else f"{len(problems)} script(s).")]
    for r in problems:
        out.append(f"- `{r.script}`: {r.problem}. Last lines of its output:")
        out += ["", "  ```", *[f"  {line}" for line in r.tail or ["(no output)"]], "  ```"]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="run only these scripts (names without .py)")
    parser.add_argument("--logs", type=Path, default=ROOT / ".venv" / "bench", help="folder for each script's log")
    parser.add_argument("--out", type=Path, help="also write the summary to this file")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S, help="seconds per script (default 3600)")
    args = parser.parse_args(argv)
    chosen = [p for p in scripts() if not args.only or p.stem in args.only]
    if args.only and len(chosen) != len(set(args.only)):
        known = ", ".join(p.stem for p in scripts())
        parser.error(f"--only names a script that is not in benchmarks/ (the scripts are: {known})")
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    start_machine = machine()
    results = []
    for path in chosen:
        print(f"running benchmarks/{path.name} ... ", end="", file=sys.stderr, flush=True)
        result = run(path, args.logs, args.timeout)
        print(f"{result.seconds:.0f} s, {result.problem or 'ok'} (log: {args.logs / (path.stem + '.log')})",
              file=sys.stderr, flush=True)
        results.append(result)
    text = render(results, when, f"{start_machine} at the start; load average at the end "
                                 f"{machine().split('load average ')[1].split(' (')[0]}")
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 1 if any(r.problem for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
