"""A short audit report: sections of text, small tables and charts, shown in the notebook and saved as files.

The capstone ends with a report to a health information manager. ``Report`` keeps
it as data, so the same report shows in JupyterLab (HTML with the charts inside)
and saves as a Markdown file with its charts as PNG files beside it, ready to
attach to an e-mail or to print.

>>> r = Report("Records audit", author="A. Learner", note="Synthetic extract, seed 14.")
>>> _ = r.section("Coding", "3 invalid codes were found.", table={"invalid": 3, "missing": 1})
>>> print(r.markdown())  # doctest: +NORMALIZE_WHITESPACE
# Records audit
<BLANKLINE>
*A. Learner*
<BLANKLINE>
Synthetic extract, seed 14.
<BLANKLINE>
## Coding
<BLANKLINE>
3 invalid codes were found.
<BLANKLINE>
| item | value |
| --- | --- |
| invalid | 3 |
| missing | 1 |
<BLANKLINE>

Saving never overwrites: ``save()`` picks a new folder name (``-2``, ``-3``...) when
the first one is taken, and returns where it wrote.
"""
from __future__ import annotations

import html
import numbers
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Report", "Section", "counts_chart"]


def _cell(value: Any) -> str:
    if isinstance(value, float) and value == value and not value.is_integer():
        value = f"{value:,.2f}"
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _as_rows(table: Any) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a dict (item -> value) or a DataFrame / Series, as text."""
    import pandas as pd

    if isinstance(table, dict):
        return ["item", "value"], [[_cell(k), _cell(v)] for k, v in table.items()]
    if isinstance(table, pd.Series):
        table = table.reset_index()
    if isinstance(table, pd.DataFrame):
        if len(table) > 50:
            raise ValueError(f"the table has {len(table):,} rows; a report table should be a short summary "
                             "(50 rows at most). Count or group the rows first, for example with value_counts().")
        return [_cell(c) for c in table.columns], [[_cell(v) for v in row] for row in table.itertuples(index=False)]
    raise ValueError(f"table should be a dictionary or a pandas table (DataFrame), not {type(table).__name__}.")


def counts_chart(counts: Any, *, title: str, xlabel: str, source: str) -> Any:
    """A bar chart of a dictionary of counts (``{"invalid": 3, ...}``), or ``None`` when there is
    nothing it can draw: an unfinished result, an empty dictionary, or something that is not a
    dictionary of numbers. A report cell therefore still runs; the section's table (see
    :meth:`Report.section`) says what is wrong with such a result.

    >>> counts_chart({}, title="Codes", xlabel="Rows", source="Synthetic") is None
    True
    >>> counts_chart([3, 1], title="Codes", xlabel="Rows", source="Synthetic") is None
    True
    """
    if not isinstance(counts, dict) or not counts:
        return None
    if not all(isinstance(v, numbers.Real) and not isinstance(v, bool) and v == v for v in counts.values()):
        return None
    from .charts import bars

    return bars([str(k) for k in counts], [float(v) for v in counts.values()], title=title, xlabel=xlabel,
                ylabel="Finding", source=source, value_format="{:,.0f}")


@dataclass
class Section:
    """One heading with its text, an optional table and an optional chart (a matplotlib Figure)."""

    heading: str
    text: str
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    figure: Any = None


class Report:
    """A titled report made of sections, shown as HTML in a notebook and saved as Markdown + PNG."""

    def __init__(self, title: str, *, author: str = "", note: str = "") -> None:
        if not isinstance(title, str) or not title.strip():
            raise ValueError("the report needs a title: Report(\"Records audit\").")
        self.title, self.author, self.note = title.strip(), str(author).strip(), str(note).strip()
        self.sections: list[Section] = []

    def section(self, heading: str, text: str, *, table: Any = None, figure: Any = None) -> "Report":
        """Add a section; ``table`` is a dict or a small DataFrame, ``figure`` a chart from ``helpers.charts``.

        A table that cannot be shown (an unfinished result, a list, a table too long for a report)
        does not stop the report: the section says why instead.
        """
        if not isinstance(heading, str) or not heading.strip():
            raise ValueError("each section needs a heading, for example report.section(\"Coding\", \"...\").")
        if not isinstance(text, str):
            raise ValueError(f"the text of section {heading!r} should be text in quotes, not {type(text).__name__}.")
        if figure is not None and not hasattr(figure, "savefig"):
            raise ValueError(f"the figure of section {heading!r} should be a chart (a matplotlib Figure), "
                             f"not {type(figure).__name__}.")
        text = text.strip()
        if isinstance(table, dict):  # {"rate": result} where the result is not ready yet
            table = next((v for v in table.values() if getattr(v, "pending", False)), table)
        if getattr(table, "pending", False):  # a learner's function that has no result yet
            text = (text + "\n\n" if text else "") + f"(Not finished yet: {table.body})"
            table = None
        try:
            header, rows = _as_rows(table) if table is not None else ([], [])
        except ValueError as problem:  # keep the section and say why its table is not shown
            header, rows = [], []
            text = (text + "\n\n" if text else "") + f"(Table not shown: {problem})"
        self.sections.append(Section(heading.strip(), text, header, rows, figure))
        return self

    # -- output ---------------------------------------------------------------------------
    def _figure_name(self, i: int) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.sections[i].heading.lower()).strip("-") or "chart"
        return f"figure-{i + 1}-{slug}.png"

    def markdown(self) -> str:
        """The report as Markdown; charts are linked as ``figure-N-heading.png`` files."""
        lines = [f"# {self.title}", ""]
        if self.author:
            lines += [f"*{self.author}*", ""]
        if self.note:
            lines += [self.note, ""]
        for i, s in enumerate(self.sections):
            lines += [f"## {s.heading}", ""]
            if s.text:
                lines += [s.text, ""]
            if s.header:
                lines += ["| " + " | ".join(s.header) + " |", "| " + " | ".join("---" for _ in s.header) + " |"]
                lines += ["| " + " | ".join(r) + " |" for r in s.rows] + [""]
            if s.figure is not None:
                lines += [f"![{s.heading}]({self._figure_name(i)})", ""]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from .charts import picture

        parts = [f"<h2>{html.escape(self.title)}</h2>"]
        if self.author:
            parts.append(f"<p><em>{html.escape(self.author)}</em></p>")
        if self.note:
            parts.append(f"<p>{html.escape(self.note)}</p>")
        for s in self.sections:
            parts.append(f"<h3>{html.escape(s.heading)}</h3><p>{html.escape(s.text)}</p>")
            if s.header:
                head = "".join(f"<th>{html.escape(h)}</th>" for h in s.header)
                body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in r) + "</tr>" for r in s.rows)
                parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
            if s.figure is not None:
                parts.append(picture(s.figure).html())
        # A learner's text may hold two dollar amounts: keep MathJax from reading them as a formula.
        return "<div class='tex2jax_ignore mathjax_ignore'>" + "\n".join(parts) + "</div>"

    def save(self, folder: str | Path = "my-audit-report") -> Path:
        """Write ``report.md`` and the chart PNGs into a new folder; never overwrite. Returns the folder."""
        from .charts import to_png

        target = Path(folder).expanduser()
        if not target.parent.exists():
            raise ValueError(f"the folder {target.parent} does not exist: save in the current folder "
                             "(report.save()) or give a folder that exists.")
        candidate, n = target, 2
        while candidate.exists():
            candidate = target.with_name(f"{target.name}-{n}")
            n += 1
        candidate.mkdir()
        for i, s in enumerate(self.sections):
            if s.figure is not None:
                (candidate / self._figure_name(i)).write_bytes(to_png(s.figure))
        (candidate / "report.md").write_text(self.markdown(), encoding="utf-8")
        return candidate.resolve()
