"""The course's one way to show a table to a learner.

``show(table)`` gives what pandas' own display does not: long text wraps and is
never cut with "...", a missing value reads "unknown", each figure is rounded to
what it means (percent to 1 decimal, money to whole dollars, days to 1 decimal,
other decimals to 2), a long table says how many rows it leaves out, and a wide,
short table is turned on its side so it fits a 1024 px screen.

>>> import pandas as pd
>>> t = show(pd.DataFrame({"path": ["Certificate", None], "median_usd": [46660.4, None],
...                        "occupancy_percent": [85.04, 3.685792349726776]}))
>>> print(t)
path        median_usd occupancy_percent
Certificate    $46,660             85.0%
unknown        unknown              3.7%
>>> "..." in t._repr_html_()
False

A column's kind is read from its name (``_usd``, ``wage``, ``percent``,
``rate``, ``days``...); ``formats={"column": "money"}`` says it outright. Kinds:
``money``, ``percent``, ``days``, ``number``, ``count``, ``text``.
"""
from __future__ import annotations

import html
import math
import numbers
import re
from typing import Any, Callable, Mapping

__all__ = ["show", "Table", "KINDS", "column_kind"]

KINDS = ("money", "percent", "days", "number", "count", "text")
_NAME_HINTS = (
    ("money", re.compile(r"(usd|dollar|wage|salary|cost|tuition|fee|payment|price)", re.I)),
    ("percent", re.compile(r"(percent|pct|rate|occupancy)", re.I)),
    ("days", re.compile(r"(days|length_of_stay|los|alos|census)", re.I)),
)
_TRANSPOSE_COLUMNS, _TRANSPOSE_ROWS = 7, 5
_LONG_WORD = re.compile(r"[^\s<>]{13,}")
_MARK = "#F5C98C"  # the shade of highlighted columns (orange, readable with black text)


def column_kind(name: str, values: Any) -> str:
    """The kind of a column, from its values' type and its name.

    >>> import pandas as pd
    >>> column_kind("p90_annual_usd", pd.Series([1.0])), column_kind("year", pd.Series([2024]))
    ('money', 'count')
    """
    import pandas as pd

    series = pd.Series(values)
    if pd.api.types.is_bool_dtype(series) or not (pd.api.types.is_numeric_dtype(series)):
        return "text"
    for kind, pattern in _NAME_HINTS:
        if pattern.search(str(name)):
            return kind
    return "count" if pd.api.types.is_integer_dtype(series) else "number"


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, (list, tuple, dict, set)) else False
    except (TypeError, ValueError):
        return False


def _formatter(kind: str, missing: str, whole: bool = False) -> Callable[[Any], str]:
    def fmt(value: Any) -> str:
        if _missing(value):
            return missing
        if isinstance(value, bool) or not isinstance(value, numbers.Number) or kind == "text":
            if hasattr(value, "strftime") and not isinstance(value, str):
                return value.strftime("%Y-%m-%d") if getattr(value, "hour", 0) == 0 and getattr(value, "minute", 0) == 0 \
                    else value.strftime("%Y-%m-%d %H:%M")
            return str(value)
        number = float(value)
        if math.isinf(number):
            return "infinite" if number > 0 else "minus infinite"
        if kind == "money":
            return f"-${abs(number):,.0f}" if number < 0 else f"${number:,.0f}"
        if kind == "percent":
            return f"{number:.0f}%" if whole else f"{number:.1f}%"
        if kind == "days":
            return f"{number:.0f}" if whole else f"{number:.1f}"
        if kind == "count" or number.is_integer():
            return f"{int(number)}"
        return f"{number:,.2f}"
    return fmt


#: Words up to this many characters are never broken inside a table cell.
_UNBROKEN = 24


class Table:
    """A formatted table: HTML in a notebook, aligned plain text elsewhere. Made by :func:`show`."""

    def __init__(self, header: list[str], rows: list[list[str]], numeric: list[bool], note: str = "",
                 caption: str = "", marked: list[list[bool]] | None = None) -> None:
        self.header, self.rows, self.numeric, self.note, self.caption = header, rows, numeric, note, caption
        self.marked = marked or [[False] * len(header) for _ in rows]

    def __str__(self) -> str:
        widths = [max([len(h)] + [len(r[i]) for r in self.rows]) for i, h in enumerate(self.header)]

        def line(cells: list[str]) -> str:
            return " ".join(c.rjust(w) if num else c.ljust(w)
                            for c, w, num in zip(cells, widths, self.numeric)).rstrip()
        text = "\n".join([line(self.header)] + [line(r) for r in self.rows])
        return "\n".join(x for x in (self.caption, text, self.note) if x)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        cell = "padding:3px 10px;vertical-align:top;white-space:normal;max-width:32em"

        def td(text: str, num: bool, tag: str = "td", marked: bool = False) -> str:
            align = "right" if num else "left"
            shade = f";background:{_MARK}" if marked else ""
            # Short words never break ("seq", "secondary" stay whole in a narrow column); only a cell
            # with a word too long for any column may break it anywhere rather than run off the page.
            wrap = "anywhere" if any(len(word) > _UNBROKEN for word in text.split()) else "normal"
            # a long name_with_underscores or a/path may break after each _ or /, never elsewhere
            shown = _LONG_WORD.sub(lambda m: m.group(0).replace("_", "_<wbr>").replace("/", "/<wbr>"), html.escape(text))
            return f"<{tag} style='{cell};overflow-wrap:{wrap};text-align:{align}{shade}'>{shown}</{tag}>"
        head = "".join(td(h, n, "th") for h, n in zip(self.header, self.numeric))
        body = "".join("<tr>" + "".join(td(c, n, marked=m) for c, n, m in zip(r, self.numeric, ms)) + "</tr>"
                       for r, ms in zip(self.rows, self.marked))
        caption = (f"<caption style='text-align:left;font-weight:bold;padding:2px 0'>{html.escape(self.caption)}"
                   "</caption>") if self.caption else ""
        note = f"<p style='margin:4px 0;color:#555'>{html.escape(self.note)}</p>" if self.note else ""
        # tex2jax_ignore/mathjax_ignore: MathJax must not read "$30 ... $45" in cells as a formula.
        return (f"<div class='mrt-table tex2jax_ignore mathjax_ignore' style='max-width:100%'>"
                f"<table style='border-collapse:collapse;table-layout:auto;max-width:100%'>{caption}<thead><tr>{head}</tr></thead><tbody>{body}"
                f"</tbody></table>{note}</div>")


def show(table: Any, *, formats: Mapping[str, str] | None = None, missing: str = "unknown", index: bool | None = None,
         max_rows: int = 30, transpose: bool | None = None, caption: str = "",
         highlight: Any = ()) -> Table:
    """A table ready to show: wrapped, never truncated, missing as ``missing``, figures rounded.

    The row labels are shown when they mean something (a named index, or labels that are not
    plain row numbers); ``index=True`` or ``False`` decides it outright.
    ``formats`` maps a column to a kind (``money``, ``percent``, ``days``, ``number``, ``count``,
    ``text``) where its name does not say it. Only the first ``max_rows`` rows are shown, and a note
    says how many there are. A table of more than 7 columns and at most 5 rows is shown on its side
    (one row per column) unless ``transpose`` says otherwise. Columns named in ``highlight`` are
    shaded (their cells, or their row when the table is on its side).
    """
    import pandas as pd

    if isinstance(table, pd.Series):
        table = table.to_frame()
    if not isinstance(table, pd.DataFrame):
        raise ValueError(f"show() takes a table (a pandas DataFrame); it got {type(table).__name__}.")
    formats = dict(formats or {})
    unknown = {k: v for k, v in formats.items() if v not in KINDS}
    if unknown:
        raise ValueError(f"Unknown kind(s) in formats: {unknown}. Use one of {', '.join(KINDS)}.")
    if not isinstance(max_rows, int) or isinstance(max_rows, bool) or max_rows < 1:
        raise ValueError(f"max_rows must be a whole number of at least 1; got {max_rows!r}.")
    if index is None:
        labels = table.index
        index = any(n is not None for n in labels.names) or not pd.api.types.is_integer_dtype(labels)
    frame = table.reset_index() if index else table
    total = len(frame)
    shown = frame.head(max_rows)
    columns = [str(c) for c in shown.columns]
    kinds = [formats.get(c) or column_kind(c, shown.iloc[:, i]) for i, c in enumerate(columns)]
    whole = [pd.api.types.is_integer_dtype(shown.iloc[:, i]) for i in range(len(columns))]
    cells = [[_formatter(k, missing, w)(v) for v in shown.iloc[:, i]] for i, (k, w) in enumerate(zip(kinds, whole))]
    note = f"Showing the first {max_rows:,} of {total:,} rows." if total > max_rows else ""
    if total == 0:
        note = "No rows to show."
    turn = transpose if transpose is not None else (len(columns) > _TRANSPOSE_COLUMNS and 0 < total <= _TRANSPOSE_ROWS)
    marked = {str(c) for c in highlight}
    if turn:
        header = ["column"] + [f"row {i + 1}" for i in range(len(shown))]
        rows = [[name] + cells[i] for i, name in enumerate(columns)]
        return Table(header, rows, [False] * len(header), note, caption,
                     [[name in marked] * len(header) for name in columns])
    rows = [list(r) for r in zip(*cells)] if cells else []
    return Table(columns, rows, [k not in ("text",) for k in kinds], note, caption,
                 [[c in marked for c in columns] for _ in rows])
