"""No pandas, NumPy or Python internals reach a learner: every learner-facing helper, given the wrong
kind of value, either works or says in its own words what it needs (a ValueError, or a TypeError
with the course's own sentence), never a KeyError, AttributeError, IndexError or a library's error."""
from __future__ import annotations

import importlib
import inspect
import re
import warnings

import numpy as np
import pandas as pd
import pytest

MODULES = ["stats", "mpi", "deid", "release", "quality", "standardize", "terms", "coding", "audit", "accounting", "breach",
           "ehrdb", "hl7v2", "fhir", "revenue"]
WRONG = [None, "x", -1, 1e308, [], {}, pd.DataFrame(), np.nan, object()]
#: What Python or a library says when a helper did not check its input first.
INTERNAL = re.compile(r"object is not|unsupported operand|not subscriptable|cannot be interpreted|"
                      r"missing \d+ required|unhashable|has no attribute|must be real number|invalid literal")


def public_functions():
    for module in MODULES:
        mod = importlib.import_module(f"helpers.{module}")
        for name in getattr(mod, "__all__", []):
            func = getattr(mod, name)
            if inspect.isfunction(func):
                required = [p for p in inspect.signature(func).parameters.values()
                            if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
                keywords = tuple(p.name for p in inspect.signature(func).parameters.values()
                                 if p.default is p.empty and p.kind is p.KEYWORD_ONLY)
                if required:
                    yield pytest.param(func, len(required), keywords, id=f"{module}.{name}")


def leaks(func, arity: int, keywords: tuple[str, ...] = ()) -> list[str]:
    """The wrong values that make ``func`` fail with something other than its own message."""
    found = []
    for wrong in WRONG:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                func(*[wrong] * arity, **{k: wrong for k in keywords})
        except ValueError:
            continue
        except TypeError as exc:
            if INTERNAL.search(str(exc)):
                found.append(f"{type(wrong).__name__}: TypeError {str(exc)[:80]}")
        except Exception as exc:  # noqa: BLE001 - that is what the test looks for
            found.append(f"{type(wrong).__name__}: {type(exc).__name__} {str(exc)[:80]}")
    return found


def test_the_leak_finder_both_ways():
    def unchecked(table):
        return table["x"].mean()

    def checked(table):
        if not isinstance(table, pd.DataFrame) or "x" not in table:
            raise ValueError("Give a table with a column 'x', such as data.load('bls_wages').")
        return table["x"].mean()

    assert leaks(unchecked, 1) and not leaks(checked, 1)


@pytest.mark.parametrize("func, arity, keywords", list(public_functions()))
def test_a_wrong_value_gets_the_helpers_own_message(func, arity, keywords):
    assert not leaks(func, arity, keywords), leaks(func, arity, keywords)
