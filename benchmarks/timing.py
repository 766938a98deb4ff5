"""What the benchmark scripts share (imported as a sibling: run them as scripts): best-of-N timing
and the final ``SUMMARY {json}`` line that `benchmarks/report.py` (`make bench`) reads."""
from __future__ import annotations

import time
from typing import Any, Callable


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The shortest of ``repeat`` runs of ``fn`` in seconds, and the last run's result."""
    times, result = [], None
    for _ in range(max(int(repeat), 1)):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def summary(**figures: Any) -> None:
    """Print the one machine-readable line ``benchmarks/report.py`` reads: ``SUMMARY {json}``.

    Call it last, once, with plain numbers, strings, lists or dicts (the headline figures only)."""
    import json

    print("SUMMARY " + json.dumps(figures, sort_keys=True, default=str), flush=True)
