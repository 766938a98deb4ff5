"""Shared test settings: a headless plotting backend and the repository root."""
import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
# Tests and the notebooks nbval runs must never write to the learner's own progress or saved data.
os.environ["MRT_PROGRESS_FILE"] = "off"

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis's per-example deadline (200 ms by default) is a timing check, and timings belong in
# benchmarks/: on a busy shared machine it failed correct property tests as "flaky". The
# properties themselves, and the number of examples, are unchanged.
try:
    from hypothesis import settings as _hypothesis_settings
except ImportError:  # make test-fast without the test extras
    pass
else:
    _hypothesis_settings.register_profile("course", deadline=None)
    _hypothesis_settings.load_profile("course")


@pytest.fixture
def root() -> Path:
    return ROOT


# --------------------------------------------------------------------------- distribution
# `make test` runs pytest-xdist with `--dist loadgroup`: every test is given a group (its xdist
# work unit) here. A group is normally a test file or a notebook (so module fixtures and a
# notebook's kernel are set up once), but each browser lesson and each exercise notebook is a
# group of its own, so the two workers share them out as they come free.
# Groups are handed out longest first, so no worker starts a long group near the end while the
# other sits idle.
_FIRST = ("browser-", "tests/faults/", "tests/test_grade.py", "tests/test_browser.py", "tests/test_dashboards.py")
_THEN = ("exercise:", "notebooks/", "prove-skill:")


def _group(item) -> str:
    path = Path(str(item.path)).resolve().relative_to(ROOT).as_posix()
    if path == "tests/test_browser.py" and "notebook" in getattr(item, "callspec", _NoParams).params:
        # one group per lesson: the workers take them as they come free, and a worker's JupyterLab
        # and Chromium (module fixtures) serve every browser group it runs one after another
        return f"browser-lesson:{Path(str(item.callspec.params['notebook'])).stem}"
    if path == "tests/test_browser.py" and "::TestTheCheckItself::" in item.nodeid:
        return "browser-selfcheck"
    if path == "tests/test_exercises_prove_skill.py" and "workbook_path" in getattr(item, "callspec", _NoParams).params:
        return f"prove-skill:{item.callspec.id}"  # each runs a whole lesson: share them out
    if item.name.startswith("test_real_notebook_validates["):
        return f"exercise:{item.callspec.id}"
    return path


class _NoParams:
    params: dict = {}


def _rank(group: str) -> int:
    return 0 if group.startswith(_FIRST) else 1 if group.startswith(_THEN) else 2


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    if not config.getoption("loadgroup", default=False):
        return
    groups = {item: _group(item) for item in items}
    for item in items:
        item.add_marker(pytest.mark.xdist_group(groups[item]))
    items.sort(key=lambda item: _rank(groups[item]))  # stable: order within a group is kept
