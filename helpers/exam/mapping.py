"""How the course covers the RHIT exam: every lesson objective and workbook problem, mapped to domains.

The map is a course table, ``exam_map`` (lesson id, item, domain; an item serving two
domains has two rows). :func:`course_items` lists what there is to map, read from the
lessons' ``## Objectives`` and the workbook sources' ``## Question N`` headings, so a
test can prove that every item is mapped and nothing stale is:

>>> items = course_items()
>>> items.columns.tolist()
['lesson', 'item', 'text']
>>> unmapped(items)
[]
>>> table = coverage()
>>> table.columns.tolist()[:4]
['domain', 'name', 'items', 'share']

``share`` is each domain's part of the course's mapped items, in percent, beside
the exam's weight range, so a thin domain shows at a glance.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from .bank import domains

__all__ = ["course_items", "objectives", "workbook_questions", "unmapped", "stale", "coverage"]

_ROOT = Path(__file__).resolve().parent.parent.parent
_BULLET = re.compile(r"^\s*[-*]\s+(.+?)\s*$", re.M)
_QUESTION = re.compile(r"^##\s+Question\s+(\d+)\s*[·:.-]?\s*(.*?)\s*$", re.M)


def _cells(path: Path, kind: str) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == kind]


def objectives(path: Path) -> list[str]:
    """The bullets under a lesson notebook's ``## Objectives`` heading."""
    for text in _cells(Path(path), "markdown"):
        if "## Objectives" in text:
            part = text.split("## Objectives", 1)[1]
            part = re.split(r"^#{1,6}\s|^\*\*Time", part, maxsplit=1, flags=re.M)[0]
            bullets: list[str] = []
            for line in part.splitlines():
                start = _BULLET.match(line)
                if start:
                    bullets.append(start.group(1))
                elif bullets and line.strip():  # a bullet wrapped onto the next line
                    bullets[-1] += " " + line.strip()
            return bullets
    return []


def workbook_questions(path: Path) -> list[tuple[int, str]]:
    """``(number, title)`` of each ``## Question N`` in a workbook source."""
    found = []
    for text in _cells(Path(path), "markdown"):
        found += [(int(n), title) for n, title in _QUESTION.findall(text)]
    return found


def course_items() -> pd.DataFrame:
    """One row per objective (``objective N``) and workbook problem (``qN``) of every available lesson."""
    from .. import data

    rows = []
    for _, lesson in data.load("lessons").iterrows():
        if not bool(lesson["available"]):
            continue
        slug, number = str(lesson["slug"]), str(lesson["number"])
        for i, text in enumerate(objectives(_ROOT / "notebooks" / str(lesson["notebook"])), 1):
            rows.append((slug, f"objective {i}", text))
        source = _ROOT / "exercises" / "source" / f"{number}-{slug}.ipynb"
        if source.exists():
            rows += [(slug, f"q{n}", title) for n, title in workbook_questions(source)]
    return pd.DataFrame(rows, columns=["lesson", "item", "text"])


def _mapped() -> pd.DataFrame:
    from .. import data

    return data.load("exam_map")


def unmapped(items: pd.DataFrame | None = None) -> list[str]:
    """Items with no domain in the map, as ``lesson item``."""
    items = course_items() if items is None else items
    keys = set(zip(_mapped()["lesson"].astype(str), _mapped()["item"].astype(str)))
    return [f"{a} {b}" for a, b in zip(items["lesson"], items["item"]) if (a, b) not in keys]


def stale(items: pd.DataFrame | None = None) -> list[str]:
    """Map rows naming an item the course no longer has, as ``lesson item``."""
    items = course_items() if items is None else items
    keys = set(zip(items["lesson"], items["item"]))
    rows = _mapped()
    return sorted({f"{a} {b}" for a, b in zip(rows["lesson"].astype(str), rows["item"].astype(str))
                   if (a, b) not in keys})


def coverage() -> pd.DataFrame:
    """Per exam domain: mapped items, their share of the exam mappings (percent), the exam's weight range
    and ``thin`` when the share is under the range. Career-path items (domain 0) are left out."""
    rows = _mapped()
    counts = rows["domain"].astype(int).value_counts().drop(0, errors="ignore")
    table = domains()[["domain", "name", "weight_low", "weight_high"]].copy()
    table.insert(2, "items", [int(counts.get(d, 0)) for d in table["domain"]])
    table.insert(3, "share", (100.0 * table["items"] / max(int(counts.sum()), 1)).round(1))
    table["thin"] = table["share"] < table["weight_low"]
    return table
