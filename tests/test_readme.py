"""The README's lesson table matches lessons.csv and the notebooks on disk."""
import re
from pathlib import Path

from helpers import data

ROOT = Path(__file__).resolve().parent.parent


def readme_rows(text: str) -> list[list[str]]:
    """Rows of the table under '## Lessons', as lists of stripped cells."""
    section = text.split("## Lessons", 1)[1].split("\n## ", 1)[0]
    rows = [ln for ln in section.splitlines() if ln.startswith("|")]
    return [[c.strip() for c in ln.strip("|").split("|")] for ln in rows[2:]]


def expected_rows() -> list[list[str]]:
    rows = []
    for r in data.load("lessons").itertuples():
        lesson = (ROOT / "notebooks" / r.notebook).exists()
        assert lesson == bool(r.available), f"lesson {r.number}: 'available' in lessons.csv must say whether {r.notebook} exists"
        title = f"[{r.title}](notebooks/{r.notebook})" if lesson else f"{r.title} (being written)"
        workbook = r.exercise if isinstance(r.exercise, str) and (ROOT / "exercises" / r.exercise).exists() else None
        # exercise minutes with no workbook are done in the lesson itself, and the table says so
        exercise = f"[workbook](exercises/{workbook})" if workbook else "in the lesson" if lesson and r.minutes_exercises else "—"
        rows.append([r.number, title, f"{r.minutes_reading} + {r.minutes_exercises}", exercise])
    return rows


def test_readme_lesson_table_matches_the_course():
    assert readme_rows((ROOT / "README.md").read_text(encoding="utf-8")) == expected_rows()


def test_every_published_lesson_is_linked_and_exists():
    rows = readme_rows((ROOT / "README.md").read_text(encoding="utf-8"))
    linked = [re.search(r"\((notebooks/[^)]+)\)", r[1]).group(1) for r in rows if "](" in r[1]]
    assert linked == sorted(f"notebooks/{p.name}" for p in (ROOT / "notebooks").glob("*.ipynb"))


def test_table_check_catches_drift():
    good = "## Lessons\n| No. | Lesson | Minutes | Exercise |\n|---|---|---|---|\n| 00 | x | 20 + 0 | — |\n"
    assert readme_rows(good) == [["00", "x", "20 + 0", "—"]]
    assert readme_rows(good.replace("20 + 0", "25 + 0")) != readme_rows(good)
