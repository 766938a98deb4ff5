"""How fast does every course widget redraw? A script, not a test.

Run from the repository root:

    .venv/bin/python benchmarks/widgets.py            # every widget, 5 rounds
    .venv/bin/python benchmarks/widgets.py --repeat 10 --only skills_self_assessment

For every widget builder in ``helpers.widgets.__all__`` (so widgets added later are
picked up), it builds the widget, then for each control in ``panel.controls`` sets a
few valid values in turn and times the assignment ``control.value = x`` (or a button's
``click()``). Callbacks run synchronously, so that time is the time from the change to
the redrawn output (HTML and chart PNG), which is what a learner waits for.

"Valid" values are found by probing: candidates for the control's type (options,
slider ends and middle, both states of a checkbox, numbers or sentences for a text box)
are tried once, untimed, and kept only if the widget shows no error message. The
probe also warms caches and lazy imports, so the timed rounds measure steady use.

Targets: overall median under 50 ms, and every widget's median under 100 ms.
The learner's file goes to a temporary MRT_HOME, so a real learner's data is never touched.
"""
from __future__ import annotations

import argparse
import atexit
import datetime as dt
import inspect
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SCRATCH = tempfile.mkdtemp(prefix="mrt-bench-")
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)
os.environ["MPLBACKEND"] = "Agg"
os.environ["MRT_HOME"] = SCRATCH  # the learner's file: never the real one
os.environ["MRT_PROGRESS_FILE"] = "off"
os.chdir(SCRATCH)  # a Save button that writes "next to the notebook" writes here, not into the repository

try:
    import helpers  # noqa: F401  (installed in .venv with `pip install -e .`)
except ImportError:
    raise SystemExit("The course is not installed here: run `make test` once (it installs it into .venv), "
                     "then run this script with .venv/bin/python.")

import ipywidgets as w  # noqa: E402
import matplotlib  # noqa: E402

from helpers import widgets  # noqa: E402
from timing import summary  # noqa: E402  (benchmarks/timing.py: the SUMMARY line for report.py)

SKIP = {"Panel", "message", "safe", "source_note"}
MEDIAN_TARGET_MS, WIDGET_TARGET_MS = 50.0, 100.0
TEXTS = [
    "Medical records clerk: data entry, HIPAA, filing and ICD-10-CM coding; RHIT preferred.",
    "Sam Lee",
    "Coding Specialist",
]


def shows_error(panel: Any) -> bool:
    value = getattr(getattr(panel, "result", None), "value", "") or ""
    return "Check your entry" in value or "Something went wrong" in value


def candidates(control: w.Widget) -> list[Any] | None:
    """Values to try for a control, or None if this kind of control is not benchmarked."""
    value = control.value if hasattr(control, "value") else None
    if isinstance(control, w.Button):
        return ["click"]
    if hasattr(control, "_options_values"):
        options = list(control._options_values)
        if isinstance(control, w.SelectMultiple):
            return [(o,) for o in options[:4]]
        return options[:4] if len(options) <= 4 else [options[0], options[1], options[len(options) // 2], options[-1]]
    if isinstance(value, bool):
        return [not value, value]
    if isinstance(value, (int, float)) and hasattr(control, "min") and hasattr(control, "max"):
        lo, hi = control.min, control.max
        mid = (lo + hi) // 2 if isinstance(value, int) else (lo + hi) / 2
        return list(dict.fromkeys([lo, hi, mid, value]))
    if isinstance(value, tuple) and len(value) == 2 and hasattr(control, "min"):
        lo, hi = control.min, control.max
        mid = (lo + hi) // 2 if isinstance(lo, int) else (lo + hi) / 2
        return [(lo, hi), (lo, mid), (mid, hi), value]
    if isinstance(value, (int, float)):  # IntText, FloatText
        return [value + 1, value * 2 or 2, value]
    if isinstance(value, dt.date):
        return [value + dt.timedelta(days=d) for d in (30, 365, 0)]
    if isinstance(value, str):
        found = []
        if _NUMBER.search(value):  # "3", "$45,000", "36000 38500 41000": scale the numbers
            found += [_scaled(value, 1, 1), _scaled(value, 2, 2), _scaled(value, 1.1)]
        example = re.search(r"e\.g\.\s*(.+)", getattr(control, "placeholder", "") or "")
        if example:  # the placeholder's own examples, "e.g. 42000 or 42k"
            found += [e.strip() for e in example.group(1).split(" or ") if e.strip()]
        if value.strip():
            found += [value + " x", value.upper()]
        return list(dict.fromkeys(found + TEXTS + [value]))
    return None


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _scaled(text: str, factor: float, plus: float = 0) -> str:
    """The text with every number n in it replaced by n * factor + plus (commas kept if it had them)."""
    def one(m: re.Match) -> str:
        n = float(m.group(0).replace(",", "")) * factor + plus
        n = round(n) if "." not in m.group(0) else round(n, 2)
        return f"{n:,}" if "," in m.group(0) else f"{n}"
    return _NUMBER.sub(one, text)


def change(control: w.Widget, x: Any) -> float:
    """Apply one change and return how long it took, in milliseconds."""
    start = time.perf_counter()
    if x == "click" and isinstance(control, w.Button):
        control.click()
    else:
        control.value = x
    return (time.perf_counter() - start) * 1000


def valid_values(panel: Any, control: w.Widget, tries: list[Any]) -> list[Any]:
    """Keep the candidates that the widget accepts without an error message (untimed probe)."""
    kept = []
    for x in tries:
        try:
            if x != "click" and control.value == x:
                kept.append(x)  # the current value is valid as displayed
                continue
            change(control, x)
        except Exception:  # a value the control itself refuses (e.g. not in range)
            continue
        if not shows_error(panel):
            kept.append(x)
    return kept[:4]


def restore(control: w.Widget, initial: Any) -> None:
    """Put a control back as it was found, so the next control is measured from the defaults."""
    if initial is not None and not isinstance(control, w.Button):
        try:
            control.value = initial
        except Exception:
            pass


def bench_widget(name: str, builder: Any, repeat: int) -> tuple[list[dict], str | None, float]:
    """Rows (one per control) for one widget, a note if it was skipped, and its build time."""
    required = [p for p in inspect.signature(builder).parameters.values()
                if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if required:
        return [], f"needs arguments ({', '.join(p.name for p in required)})", 0.0
    start = time.perf_counter()
    panel = builder()
    build_ms = (time.perf_counter() - start) * 1000
    controls = getattr(panel, "controls", None)
    if not isinstance(controls, dict) or not controls:
        return [], "no named controls", build_ms
    rows = []
    for cname, control in controls.items():
        tries = candidates(control)
        if tries is None:
            rows.append({"widget": name, "control": cname, "times": [], "note": f"skipped ({type(control).__name__})"})
            continue
        initial = getattr(control, "value", None)
        values = valid_values(panel, control, tries)
        if len([v for v in values if v != initial or v == "click"]) < 1:
            restore(control, initial)
            rows.append({"widget": name, "control": cname, "times": [], "note": "no valid values found"})
            continue
        times, errors = [], 0
        for _ in range(repeat):
            for x in values:
                if x != "click" and control.value == x:
                    continue  # no change, no redraw: not a measurement
                times.append(change(control, x))
                errors += shows_error(panel)
        restore(control, initial)
        rows.append({"widget": name, "control": cname, "times": times,
                     "note": f"{errors} error message(s)" if errors else ""})
    return rows, None, build_ms


def machine() -> str:
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return (f"{platform.platform()}; {os.cpu_count()} cores (load average {load}); "
            f"Python {platform.python_version()}; matplotlib {matplotlib.__version__}; "
            f"ipywidgets {w.__version__}; backend {matplotlib.get_backend()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds through each control's values (default 5)")
    parser.add_argument("--only", nargs="*", default=None, help="benchmark only these widget builders")
    args = parser.parse_args(argv)
    names = [n for n in widgets.__all__ if n not in SKIP and callable(getattr(widgets, n, None))]
    if args.only:
        names = [n for n in names if n in args.only]
    print(f"Machine: {machine()}")
    print(f"Widgets found in helpers.widgets.__all__: {len(names)}; rounds: {args.repeat}\n")
    all_rows, skipped, builds = [], [], {}
    for name in names:
        try:
            rows, note, builds[name] = bench_widget(name, getattr(widgets, name), args.repeat)
        except Exception as exc:  # report and carry on with the other widgets
            rows, note = [], f"failed: {type(exc).__name__}: {exc}"
        if note:
            skipped.append((name, note))
        all_rows += rows
    width = max([len(r["widget"]) for r in all_rows] + [6])
    cwidth = max([len(r["control"]) for r in all_rows] + [7])
    cwidth = min(cwidth, 44)
    print(f"{'widget':<{width}}  {'control':<{cwidth}}  {'n':>3}  {'median ms':>9}  {'max ms':>7}  note")
    for r in all_rows:
        t = r["times"]
        med = f"{statistics.median(t):9.1f}" if t else f"{'-':>9}"
        mx = f"{max(t):7.1f}" if t else f"{'-':>7}"
        print(f"{r['widget']:<{width}}  {r['control'][:cwidth]:<{cwidth}}  {len(t):>3}  {med}  {mx}  {r['note']}")
    per_widget: dict[str, list[float]] = {}
    for r in all_rows:
        per_widget.setdefault(r["widget"], []).extend(r["times"])
    per_widget = {k: v for k, v in per_widget.items() if v}
    if not per_widget:
        print("\nNo measurements.")
        return 1
    print(f"\n{'widget':<{width}}  {'n':>4}  {'median ms':>9}  {'max ms':>7}  {'build ms':>8}")
    for name, t in per_widget.items():
        print(f"{name:<{width}}  {len(t):>4}  {statistics.median(t):9.1f}  {max(t):7.1f}  {builds.get(name, 0):8.0f}")
    everything = [x for t in per_widget.values() for x in t]
    overall = statistics.median(everything)
    worst = max(per_widget, key=lambda k: statistics.median(per_widget[k]))
    worst_med = statistics.median(per_widget[worst])
    print(f"\nOverall median: {overall:.1f} ms over {len(everything)} changes "
          f"(target under {MEDIAN_TARGET_MS:.0f} ms): {'met' if overall < MEDIAN_TARGET_MS else 'NOT met'}")
    print(f"Worst widget: {worst}, median {worst_med:.1f} ms, max {max(per_widget[worst]):.1f} ms")
    slow = [k for k, t in per_widget.items() if statistics.median(t) >= WIDGET_TARGET_MS]
    print(f"Every widget's median under {WIDGET_TARGET_MS:.0f} ms: "
          + ("met" if not slow else f"NOT met ({', '.join(slow)})"))
    for name, note in skipped:
        print(f"Not measured: {name}: {note}")
    summary(overall_median_ms=round(overall, 1), changes=len(everything), widgets=len(per_widget),
            worst_widget=worst, worst_median_ms=round(worst_med, 1),
            worst_max_ms=round(max(everything), 1), slow=slow, not_measured=[n for n, _ in skipped])
    return 0


if __name__ == "__main__":
    sys.exit(main())
