"""Words the widgets color (verdicts, statuses, points) stay readable: at least 4.5:1 on white.

JupyterLab's accessibility check cannot always measure contrast inside its scrolling notebook, so
the site's check found these first; this test reads the colors from the code instead.
"""
import re
from pathlib import Path

import pytest

from helpers.widgets import audit, base, education, terms

ROOT = Path(__file__).resolve().parent.parent
AA = 4.5  # WCAG 2 level AA, normal-size text

# color: #hex (not background-color or border-color), and a background with white words on it
_TEXT = re.compile(r"(?<![\w-])color:\s*(#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b)")
_WHITE_ON = re.compile(r"background:\s*(#[0-9A-Fa-f]{6});\s*color:\s*white")


def luminance(colour: str) -> float:
    h = colour.lstrip("#")
    h = "".join(c * 2 for c in h) if len(h) == 3 else h
    rgb = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str = "#FFFFFF") -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour_problems(source: str, where: str = "") -> list[str]:
    """Each colored text (or white text on a colored background) under 4.5:1 contrast."""
    found = [(m.group(1), "on white") for m in _TEXT.finditer(source)]
    found += [(m.group(1), "under white text") for m in _WHITE_ON.finditer(source)]
    return [f"{where}{c} {how}: {contrast(c):.2f}:1" for c, how in found if contrast(c) < AA]


def test_contrast_arithmetic_matches_known_values():
    assert contrast("#000000") == pytest.approx(21.0)
    assert contrast("#FFFFFF") == pytest.approx(1.0)
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes AA


def test_the_check_finds_chart_shades_used_for_words():
    assert text_colour_problems("<b style='color:#009E73'>Passes</b>")
    assert text_colour_problems('style="background:#D55E00;color:white"')
    assert not text_colour_problems("<b style='color:#006D4E'>Passes</b><div style='background-color:#009E73'>")
    assert not text_colour_problems("border-left:4px solid #D55E00")


def test_no_helper_colours_words_below_aa():
    problems = [p for path in sorted((ROOT / "helpers").rglob("*.py"))
                for p in text_colour_problems(path.read_text(), f"{path.relative_to(ROOT)}: ")]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name, colours", [
    ("widgets.base.TEXT_COLOURS", base.TEXT_COLOURS),
    ("widgets.terms.KIND_COLOURS", terms.KIND_COLOURS),
    ("widgets.education._STATUS_COLOURS", education._STATUS_COLOURS),
    ("widgets.audit._COLOURS", audit._COLOURS),
])
def test_text_colour_tables_pass_aa(name, colours):
    low = {k: round(contrast(c), 2) for k, c in colours.items() if contrast(c) < AA}
    assert not low, f"{name}: {low} are under {AA}:1 on white"
