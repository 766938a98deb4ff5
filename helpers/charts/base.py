"""Shared pieces of every course chart: palette, figure class, PNG export, layout helpers.

>>> money(35000)
'$35k'
"""
from __future__ import annotations

import base64
import html
import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.transforms import ScaledTranslation

from ..inputs import require_frame


__all__ = ["PALETTE", "PROJECTION_DPI", "CourseFigure", "Picture", "picture", "to_png", "money", "smallest_text_px"]


#: Okabe-Ito colors (Okabe & Ito 2008), safe for the common kinds of color blindness.
PALETTE: dict[str, str] = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
_SERIES = ["blue", "vermillion", "bluish_green", "reddish_purple", "orange", "sky_blue", "black"]
_MARKERS = ["o", "s", "D", "^", "v", "P", "X"]
_SOURCE_COLOUR, _SOURCE_SIZE = "#555555", 8.5
_WIDTH = 9.0  # inches; every chart uses the same width so they line up in a notebook
# Pixels per inch of every PNG: a 9-inch chart is 900 px, about the notebook column at a 1024 px
# window, so its smallest text (7.5 pt, the source line) stays at least 10 px on screen.
_DPI = 100
#: Pixels per inch of a chart drawn for projection (``picture(fig, projection=True)``, used by the
#: dashboards): a 9-inch chart is 1350 px and is shown at the full width of the page, so in a
#: 1280 px window (about 1230 px of page) its smallest text (8.5 pt) is about 16 px high.
PROJECTION_DPI = 150


class CourseFigure(Figure):
    """A matplotlib Figure that Jupyter shows without pyplot: a picture with alternative text for
    screen readers and a one-line text summary under it (``summary``, or one made from the title
    and axis labels).

    >>> fig = CourseFigure(figsize=(2, 1))
    >>> fig._repr_png_()[:4]
    b'\\x89PNG'
    >>> ax = fig.add_subplot(); _ = ax.set_title("Wages"); _ = ax.set_xlabel("Year"); _ = ax.set_ylabel("US$")
    >>> fig.describe()
    'Chart: Wages. Across: Year. Up: US$.'
    """

    summary: str = ""
    _png: bytes | None = None

    def _repr_png_(self) -> bytes:
        # Jupyter asks for every format at once (PNG and HTML, which embeds the PNG): draw once,
        # and again only if the figure has changed since (matplotlib marks it stale).
        if self._png is None or self.stale:
            self._png = to_png(self)
            self.stale = False  # any later change to an artist marks the figure stale again
        return self._png

    def describe(self) -> str:
        """What the chart shows, in one line: its ``summary`` if a chart function set one, else its
        title and axes, and the values of its bars or points when the chart recorded them (see
        :func:`_record_values`): all of them when there are six or fewer, else the ends."""
        if self.summary:
            return self.summary
        parts = []
        for ax in self.axes[:1]:
            title = ax.get_title() or ax.get_title(loc="left")
            parts += [f"Chart: {title}." if title else "Chart."]
            parts += [f"Across: {ax.get_xlabel()}." if ax.get_xlabel() else ""]
            parts += [f"Up: {ax.get_ylabel()}." if ax.get_ylabel() else ""]
            parts += [_values_text(getattr(ax, "course_values", None))]
        return " ".join(p for p in parts if p) or "Chart."

    def _repr_html_(self) -> str:
        return Picture(self._repr_png_(), self.describe(), smallest_text_px(self, _DPI)).html()


@dataclass(frozen=True)
class Picture:
    """A drawn chart: PNG bytes, its one-line description (the image's alternative text and the
    caption under it) and the size of its smallest text in pixels when shown at its own size.

    ``fill`` (set for projection) shows the image at the full width of its column instead of at
    most its own size, so a chart drawn at :data:`PROJECTION_DPI` fills a projected page.

    >>> p = Picture(b"png", "Chart: Wages.", 10.4)
    >>> "alt='Chart: Wages.'" in p.html() and "data-min-text-px='10.4'" in p.html()
    True
    >>> "width:100%" in Picture(b"png", "Chart: Wages.", 17.7, fill=True).html()
    True
    """

    png: bytes
    alt: str
    min_text_px: float | None = None
    fill: bool = False

    def html(self) -> str:
        """The picture as HTML: an image that shrinks to fit its column, with alternative text, and
        the description again as a visible caption (for anyone who would rather read)."""
        text = html.escape(self.alt, quote=True)
        size = "" if self.min_text_px is None else f" data-min-text-px='{self.min_text_px:.1f}'"
        data = base64.b64encode(self.png).decode("ascii")
        fit = "width:100%;height:auto" if self.fill else "max-width:100%;height:auto"
        caption_size = "1em" if self.fill else "0.9em"
        # The classes keep JupyterLab's MathJax from reading "$25k–$35k" in the caption as a formula.
        return (f"<figure class='tex2jax_ignore mathjax_ignore' style='margin:0'><img src='data:image/png;base64,{data}' alt='{text}'{size} "
                f"style='{fit}'><figcaption style='font-size:{caption_size};line-height:1.4;color:#333;margin:2px 0'>"
                f"{text}</figcaption></figure>")


def picture(fig: Figure, dpi: int | None = None, *, projection: bool = False) -> Picture:
    """Draw ``fig`` once for a widget: PNG, description and smallest text size together.

    ``projection=True`` is the projection size the dashboards use: the chart is drawn at
    :data:`PROJECTION_DPI` and shown at the full width of the page, so its text stays readable
    on a projector (the layout is the same; only the pixels grow).

    >>> fig = CourseFigure(figsize=(2, 1)); _ = fig.add_subplot().set_title("Wages")
    >>> p = picture(fig); p.png[:4], p.alt
    (b'\\x89PNG', 'Chart: Wages.')
    >>> big = picture(fig, projection=True); big.fill, big.min_text_px > p.min_text_px
    (True, True)
    """
    if projection and dpi is not None:
        raise ValueError(f"picture(): give either dpi={dpi!r} or projection=True, not both "
                         f"(projection draws at {PROJECTION_DPI} dpi).")
    dpi = (PROJECTION_DPI if projection else _DPI) if dpi is None else dpi
    alt = fig.describe() if isinstance(fig, CourseFigure) else "Chart."
    return Picture(to_png(fig, dpi=dpi), alt, smallest_text_px(fig, dpi), fill=bool(projection))


def smallest_text_px(fig: Figure, dpi: float = None) -> float | None:
    """The height in pixels of the smallest visible text in ``fig`` drawn at ``dpi`` (None if it has
    no text). A point is 1/72 inch, so 7.5 pt at 100 dpi is about 10.4 px.

    >>> fig = CourseFigure(figsize=(2, 1)); _ = fig.text(0, 0, "tiny", fontsize=7.2)
    >>> smallest_text_px(fig, dpi=100)
    10.0
    """
    from matplotlib.text import Text

    dpi = _DPI if dpi is None else dpi
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return round(min(sizes) * dpi / 72, 1) if sizes else None


def to_png(fig: Figure, dpi: int = _DPI) -> bytes:
    """The figure as PNG bytes (for ``ipywidgets.Image(value=...)`` or saving to a file).

    >>> to_png(CourseFigure(figsize=(1, 1)), dpi=50)[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
    return buffer.getvalue()


def money(value: float, _pos: Any = None) -> str:
    """A dollar amount in thousands, as on the money axes: ``$35k``.

    >>> money(35000), money(2500), money(0)
    ('$35k', '$2.5k', '$0')
    """
    k = abs(value) / 1000
    text = "$0" if k == 0 else f"${k:,.0f}k" if float(k).is_integer() else f"${k:,.1f}k"
    return "-" + text if value < 0 else text


# -- shared pieces --------------------------------------------------------------------------
def _check_frame(frame: Any, required: Sequence[str], chart: str) -> pd.DataFrame:
    return require_frame(frame, f"The table given to {chart}()", required, allow_empty=False).reset_index(drop=True)


def _floats(values: Any, what: str) -> np.ndarray:
    """Numbers as a float array, missing values (None, NA, NaN) as NaN."""
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    try:
        numbers = pd.to_numeric(series.astype(object).where(series.notna(), np.nan))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what} must be numbers ({exc}).") from None
    return np.asarray(numbers, dtype=float)


def _text(value: Any, missing: str = "unknown") -> str:
    return missing if value is None or pd.isna(value) else str(value)


def _new_figure(height: float, source: str) -> tuple[CourseFigure, Any]:
    """A figure with one axes and the source line at the bottom, with room kept for it."""
    if not isinstance(source, str) or not source.strip():
        raise ValueError("source must be a non-empty citation, e.g. helpers.data.cite('bls_wages').")
    fig = CourseFigure(figsize=(_WIDTH, height), layout="constrained")
    lines = textwrap.wrap(" ".join(source.split()), width=int(_WIDTH * 72 / (_SOURCE_SIZE * 0.58)))
    # A figure-level x label, so constrained layout keeps room for it below everything else.
    fig.supxlabel("\n".join(lines), x=0.01, ha="left", fontsize=_SOURCE_SIZE, color=_SOURCE_COLOUR,
                  parse_math=False, gid="source")
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _label_axes(ax: Any, title: str, xlabel: str, ylabel: str) -> None:
    # The centre title (what ax.get_title() returns), aligned with the left edge of the axes.
    ax.set_title(title, fontsize=12, fontweight="bold", parse_math=False, x=0.0, ha="left")
    ax.set_xlabel(xlabel, parse_math=False)
    ax.set_ylabel(ylabel, parse_math=False)


def _legend_below(ax: Any, handles: list[Any]) -> None:
    """A one-row legend under the x-axis label (constrained layout makes room for it)."""
    below = ax.transAxes + ScaledTranslation(0, -42 / 72, ax.figure.dpi_scale_trans)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below,
              ncol=len(handles), fontsize=9, frameon=False)


def _note(ax: Any, x: float, y: float, text: str, **kw: Any) -> None:
    """Grey italic text where a value is missing ("unknown", "not rated")."""
    ax.text(x, y, text, va="center", fontsize=9, style="italic", color=_SOURCE_COLOUR, **kw)


def _record_values(ax: Any, labels: Sequence[str], texts: Sequence[str], values: Sequence[float],
                   kind: str = "bars") -> None:
    """Keep each bar's or point's label, shown value and number on ``ax`` for the chart's one-line
    description. ``kind`` is "bars" (ends: highest and lowest), "trend" (points in time order: first,
    last, highest and lowest) or "steps" (rows in order: first and last)."""
    ax.course_values = (kind, [(" ".join(str(a).split()), " ".join(str(b).split()), float(v))
                               for a, b, v in zip(labels, texts, values) if not np.isnan(v)])


def _values_text(recorded: Any) -> str:
    """The recorded values as one sentence.

    >>> _values_text(("bars", [("A", "$1k", 1.0), ("B", "$2k", 2.0)]))
    'Values: A: $1k; B: $2k.'
    >>> _values_text(("trend", [(str(y), f"${y}", float(y)) for y in range(2011, 2019)]))
    'From 2011 ($2011) to 2018 ($2018), 8 points; highest 2018 ($2018), lowest 2011 ($2011).'
    """
    if not recorded or not recorded[1]:
        return ""
    kind, points = recorded
    if len(points) <= 6:
        return "Values: " + "; ".join(f"{a}: {b}" for a, b, _ in points) + "."
    first, last = f"{points[0][0]} ({points[0][1]})", f"{points[-1][0]} ({points[-1][1]})"
    if kind == "steps":
        return f"{len(points)} rows, from {first} to {last}."
    top, low = max(points, key=lambda p: p[2]), min(points, key=lambda p: p[2])
    ends = f"From {first} to {last}, {len(points)} points; " if kind == "trend" else f"{len(points)} bars; "
    return ends + f"highest {top[0]} ({top[1]}), lowest {low[0]} ({low[1]})."


def _wrap(label: str, width: int = 34) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _hbars(ax: Any, labels: list[str], values: np.ndarray, texts: list[str],
           colours: list[str], **bar_kw: Any) -> None:
    """Horizontal bars, first label at the top; NaN values get 'unknown' text instead of a bar."""
    y = np.arange(len(labels))
    known = ~np.isnan(values)
    ax.barh(y[known], values[known], color=[c for c, k in zip(colours, known) if k],
            height=0.65, zorder=2, **bar_kw)
    span = max(np.nanmax(np.abs(values)) if known.any() else 1.0, 1e-9)
    for yi, v, t, k in zip(y, values, texts, known):
        if k:
            ax.text(v + (0.01 if v >= 0 else -0.01) * span, yi, t, va="center", parse_math=False,
                    ha="left" if v >= 0 else "right", fontsize=9)
        else:
            _note(ax, 0.01 * span, yi, "unknown")
    ax.set_yticks(y, [_wrap(lab) for lab in labels], parse_math=False)
    _record_values(ax, labels, texts, values)
    ax.set_ylim(len(labels) - 0.4, -0.6)  # first label at the top
    low = min(0.0, np.nanmin(values) * 1.2) if known.any() else 0.0
    ax.set_xlim(low, span * 1.2 if known.any() and np.nanmax(values) > 0 else span * 0.2)
    ax.axvline(0, color=PALETTE["black"], lw=0.8, zorder=3)
    ax.grid(axis="x", color="#dddddd", zorder=0)


# -- the charts -----------------------------------------------------------------------------
