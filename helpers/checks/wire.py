"""Answers as plain data: what a learner's kernel hands to the grader, and the test inputs it gets back.

The grader never unpickles or imports anything a learner made. A learner's kernel turns each answer
into JSON with :func:`encode` (numbers, text, dates, lists, dictionaries, tables, with their
dtypes), and the grader rebuilds plain values with :func:`decode`, which only ever builds the
types listed here. Anything else (a function, a generator, a learner's own class) travels as an
*opaque* stand-in that keeps its type name, so the grader can say "is a generator" without
running it.

>>> import pandas as pd
>>> decode(encode({"a": [1, 2.5, None], "when": pd.Timestamp("2025-09-01")}))
{'a': [1, 2.5, None], 'when': Timestamp('2025-09-01 00:00:00')}
>>> frame = pd.DataFrame({"x": [1, 2], "y": ["a", None]})
>>> decode(encode(frame)).equals(frame)
True
>>> type(decode(encode(iter([])))).__name__
'list_iterator'
"""
from __future__ import annotations

import datetime as _dt
import decimal
import json
import math
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["encode", "decode", "dumps", "loads", "Opaque", "TooLarge"]

#: The most items a list, dictionary or table column may hold on the wire.
MAX_ITEMS = 2_000_000


class TooLarge(ValueError):
    """A value too big to send (more than :data:`MAX_ITEMS` items in one container)."""


class Opaque:
    """Stands for a learner object the grader does not rebuild; keeps its type name and what it looked like."""

    def __init__(self, type_name: str = "object", callable_: bool = False, iterator: bool = False) -> None:
        self.type_name, self.is_callable, self.is_iterator = type_name, callable_, iterator

    def __repr__(self) -> str:
        return f"<a {self.type_name} object>"


def _opaque_class(name: str, callable_: bool, iterator: bool) -> type:
    attrs: dict[str, Any] = {}
    if callable_:
        attrs["__call__"] = lambda self, *a, **k: None
    if iterator:
        attrs["__next__"] = lambda self: (_ for _ in ()).throw(StopIteration)
        attrs["__iter__"] = lambda self: self
    safe = name if name.isidentifier() else "object"
    return type(safe, (Opaque,), attrs)


def _check_size(n: int) -> None:
    if n > MAX_ITEMS:
        raise TooLarge(f"it holds {n:,} items, more than the grader accepts ({MAX_ITEMS:,})")


def _encode_series(col: pd.Series) -> dict[str, Any]:
    dtype = col.dtype
    _check_size(len(col))
    if isinstance(dtype, pd.CategoricalDtype):
        return {"dtype": "category", "categories": encode(list(dtype.categories)), "ordered": bool(dtype.ordered),
                "values": [encode(v) for v in col.astype(object).tolist()]}
    if np.issubdtype(getattr(dtype, "type", object), np.datetime64) and isinstance(dtype, np.dtype):
        return {"dtype": str(dtype), "ints": col.to_numpy().view("int64").tolist()}
    return {"dtype": str(dtype), "values": [encode(v) for v in col.astype(object).tolist()]}


def _decode_series(data: dict[str, Any]) -> pd.Series:
    dtype = str(data.get("dtype", "object"))
    if "ints" in data:
        return pd.Series(np.asarray(data["ints"], dtype="int64").view(np.dtype(dtype)))
    values = [decode(v) for v in data.get("values", [])]
    if dtype == "category":
        categories = decode(data.get("categories", []))
        return pd.Series(pd.Categorical(values, categories=categories, ordered=bool(data.get("ordered"))))
    series = pd.Series(values, dtype=object)
    if dtype != "object":
        try:
            series = series.astype(dtype)
        except (TypeError, ValueError):
            series = pd.Series(values)
    return series


def encode(value: Any) -> Any:
    """``value`` as JSON-ready data (see :func:`decode`); never calls a learner's methods except len/tolist on
    the known container types."""
    if value is None or type(value) in (bool, str):
        return value
    if type(value) is int:
        return value if abs(value) < 2**63 else {"$t": "bigint", "v": str(value)}
    if type(value) is float:
        return value if math.isfinite(value) else {"$t": "float", "v": repr(value)}
    if value is Ellipsis:
        return {"$t": "ellipsis"}
    if value is pd.NA:
        return {"$t": "na"}
    if value is pd.NaT:
        return {"$t": "nat"}
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return encode(int(value))
    if isinstance(value, (float, np.floating)):
        return encode(float(value))
    if isinstance(value, decimal.Decimal):
        return {"$t": "decimal", "v": str(value)}
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, pd.Timestamp):
        return {"$t": "ts", "v": value.isoformat()}
    if isinstance(value, _dt.datetime):
        return {"$t": "ts", "v": value.isoformat()}
    if isinstance(value, _dt.date):
        return {"$t": "date", "v": value.isoformat()}
    if isinstance(value, np.datetime64):
        return {"$t": "ts", "v": str(pd.Timestamp(value).isoformat())} if not np.isnat(value) else {"$t": "nat"}
    if isinstance(value, pd.DataFrame):
        _check_size(value.shape[0] * max(1, value.shape[1]))
        index = value.index
        plain = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
        return {"$t": "frame", "columns": [encode(c) for c in value.columns],
                "data": [_encode_series(value.iloc[:, i]) for i in range(value.shape[1])],
                "index": None if plain else _encode_series(index.to_series())}
    if isinstance(value, pd.Series):
        return {"$t": "series", "name": encode(value.name), "data": _encode_series(value),
                "index": _encode_series(value.index.to_series())}
    if isinstance(value, pd.Index):
        return {"$t": "index", "data": _encode_series(value.to_series())}
    if isinstance(value, np.ndarray):
        _check_size(value.size)
        return {"$t": "array", "dtype": str(value.dtype), "shape": list(value.shape),
                "values": [encode(v) for v in value.ravel().tolist()]}
    if isinstance(value, (list, tuple, set, frozenset)):
        _check_size(len(value))
        kind = "list" if isinstance(value, list) else "tuple" if isinstance(value, tuple) else (
            "set" if isinstance(value, set) else "frozenset")
        items = [encode(v) for v in (list.__iter__(value) if isinstance(value, list) else value)]
        return items if kind == "list" else {"$t": kind, "v": items}
    if isinstance(value, dict):
        _check_size(len(value))
        return {"$t": "dict", "v": [[encode(k), encode(v)] for k, v in dict.items(value)]}
    return {"$t": "opaque", "type": type(value).__name__[:60], "callable": callable(value),
            "iterator": hasattr(type(value), "__next__")}


def decode(data: Any) -> Any:
    """Rebuild a value made by :func:`encode`; builds only plain types, tables and :class:`Opaque` stand-ins."""
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict) or "$t" not in data:
        raise ValueError("not data made by helpers.checks.wire.encode")
    kind = data["$t"]
    if kind == "ellipsis":
        return Ellipsis
    if kind == "na":
        return pd.NA
    if kind == "nat":
        return pd.NaT
    if kind == "bigint":
        return int(data["v"])
    if kind == "float":
        return float(data["v"])
    if kind == "decimal":
        return decimal.Decimal(data["v"])
    if kind == "ts":
        return pd.Timestamp(data["v"])
    if kind == "date":
        return _dt.date.fromisoformat(data["v"])
    if kind in ("tuple", "set", "frozenset"):
        return {"tuple": tuple, "set": set, "frozenset": frozenset}[kind](decode(v) for v in data["v"])
    if kind == "dict":
        return {_hashable(decode(k)): decode(v) for k, v in data["v"]}
    if kind == "array":
        values = [decode(v) for v in data["values"]]
        try:
            return np.array(values, dtype=data["dtype"]).reshape(data["shape"])
        except (TypeError, ValueError):
            return np.array(values, dtype=object)
    if kind == "series":
        series = _decode_series(data["data"])
        series.index = pd.Index(_decode_series(data["index"]))
        series.name = decode(data["name"])
        return series
    if kind == "index":
        return pd.Index(_decode_series(data["data"]))
    if kind == "frame":
        columns = [_hashable(decode(c)) for c in data["columns"]]
        frame = pd.concat([_decode_series(c) for c in data["data"]], axis=1) if columns else pd.DataFrame()
        frame.columns = columns
        if data.get("index") is not None:
            frame.index = pd.Index(_decode_series(data["index"]))
        return frame
    if kind == "opaque":
        return _opaque_class(str(data.get("type", "object")), bool(data.get("callable")), bool(data.get("iterator")))()
    raise ValueError(f"unknown kind of data {kind!r}")


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def dumps(value: Any) -> str:
    """``value`` encoded as one line of JSON."""
    return json.dumps(encode(value), allow_nan=True, separators=(",", ":"))


def loads(text: str) -> Any:
    """The value in one line made by :func:`dumps`."""
    return decode(json.loads(text))
