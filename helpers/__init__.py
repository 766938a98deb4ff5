"""Helper package for the Medical Records Technician course.

Importing ``helpers`` is instant and does nothing else: each module is loaded
the first time you use it, so ``import helpers`` never reads files, seeds
random numbers or changes plotting settings.

>>> import helpers
>>> helpers.data.load("skills").shape[0]
15
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: The modules of the package, loaded on first use.
__all__ = ["data", "career", "charts", "widgets", "quiz", "checks", "store", "coding", "stats", "mpi", "synth", "deid",
           "hublink", "exercises", "grade", "report", "terms", "quality", "standardize", "release", "audit", "lessons", "tables", "explain",
           "instructor"]
__all__ += ["accounting", "breach"]  # lessons 10 and 11
__all__ += ["revenue"]  # lesson 07
__all__ += ["ehrdb", "hl7v2", "fhir"]  # lesson 09
__all__ += ["exam"]  # lesson 18
__all__ += ["snapshot", "site"]  # the course as a static website (make site)


def __getattr__(name: str) -> object:
    if name in __all__:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'helpers' has no attribute {name!r}; the modules are {', '.join(__all__)}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
