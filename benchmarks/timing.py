"""The one timing helper the benchmark scripts share (imported as a sibling: run them as scripts)."""
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
