"""Shared test settings: a headless plotting backend and the repository root."""
import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
# Tests and the notebooks nbval runs must never write to the learner's own progress or saved data.
os.environ["MRT_PROGRESS_FILE"] = "off"

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root() -> Path:
    return ROOT
