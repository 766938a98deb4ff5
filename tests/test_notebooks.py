"""Notebook hygiene and the lesson shape, checked without running anything.

Running the lessons is nbval's job (see the Makefile's test target), running the workbooks
and their sources is tests/test_exercises.py's (each exactly once); the browser check is
tests/test_browser.py. Each rule is a function returning a list of problems,
proven here on a good and a bad example as well as applied to every notebook.
"""
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers import data

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WORKBOOKS = sorted((ROOT / "exercises").glob("*.ipynb")) + sorted((ROOT / "exercises" / "source").glob("*.ipynb"))
NAME = re.compile(r"(\d{2})-[a-z0-9-]+\.ipynb")
#: Projection dashboards (their own shape is checked in tests/test_dashboards.py); hygiene, links,
#: dollar amounts and spelling are checked here like the lessons'.
DASHBOARDS = sorted((ROOT / "dashboards").glob("*.ipynb"))


def hygiene_problems(nb) -> list[str]:
    """Committed notebooks carry no outputs, counts or widget state, and use the python3 kernel."""
    problems = []
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        problems.append(f"not valid nbformat: {exc.message}")
    if nb.metadata.get("kernelspec", {}).get("name") != "python3":
        problems.append("kernelspec is not python3")
    if "widgets" in nb.metadata:
        problems.append("widget state saved in metadata (clear it: Edit > Clear Outputs of All Cells, then save)")
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None):
            problems.append(f"cell {i} has outputs or an execution count")
    return problems


def _markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def setup_cell_problems(nb) -> list[str]:
    """The first code cell imports only from helpers and ends by printing 'Setup complete.'"""
    code = [c for c in nb.cells if c.cell_type == "code"]
    if not code:
        return ["no code cells"]
    lines = [ln for ln in code[0].source.strip().splitlines() if ln.strip() and not ln.strip().startswith("#")]
    problems = []
    if not lines or lines[-1].strip() != 'print("Setup complete.")':
        problems.append('the setup cell does not end with print("Setup complete.")')
    for ln in lines[:-1]:
        if not re.match(r"(from helpers(\.\w+)* import |import helpers\b)", ln.strip()):
            problems.append(f"the setup cell does more than import from helpers: {ln.strip()!r}")
    return problems


def lesson_shape_problems(nb, number: str) -> list[str]:
    """Title, objectives, time, prerequisites, self-check, key points, exercise and next-lesson links."""
    text = _markdown(nb)
    first = nb.cells[0].source if nb.cells else ""
    checks = {
        "a title naming the lesson number": re.match(rf"#\s+{number}\b", first),
        "an Objectives section": re.search(r"^#+\s*Objectives", text, re.M | re.I),
        "a Time line (minutes reading / exercises)": re.search(r"\*\*Time\*\*.*\d+\s*min", text, re.I),
        "a Prerequisites line": re.search(r"\*\*Prerequisites\*\*", text, re.I),
        "a Self-check section": re.search(r"^#+\s*Self-check", text, re.M | re.I),
        "a Key points section": re.search(r"^#+\s*Key points", text, re.M | re.I),
        "a link to the next lesson or the end of the course": re.search(r"\]\((\.\./notebooks/)?\d{2}-[\w-]+\.ipynb\)|end of the course", text, re.I),
    }
    problems = [f"missing {what}" for what, ok in checks.items() if not ok]
    if not any(f'lesson_quiz("{number}")' in c.source or "quiz.quiz(" in c.source for c in nb.cells if c.cell_type == "code"):
        problems.append("the self-check has no quiz widget")
    return problems


def course_numbers() -> set[str]:
    """Every number written in a course_data CSV, normalised (51880, 21.2, 0.5 ...)."""
    found = set()
    for name in data.names():
        if name == "quizzes" or data.source(name)["verification"] == "synthetic":
            continue  # course prose and made-up records back no real figure
        table = data.load(name)
        for column in table.columns:
            series = table[column]
            values = series.dropna().astype(str) if str(series.dtype) == "string" else series.dropna().map(str)
            for value in values:
                for token in re.findall(r"\d[\d,]*(?:\.\d+)?", value):
                    found.add(_normalise(token))
    return found


def _normalise(token: str) -> str:
    number = float(token.replace(",", ""))
    return f"{number:.2f}".rstrip("0").rstrip(".")


def dollar_problems(text: str, known: set[str]) -> list[str]:
    """Dollar amounts in prose ($51,880, $35k, $24.16) that no course_data value backs."""
    problems = []
    for match in re.finditer(r"\$\s?(\d[\d,]*(?:\.\d+)?)\s*([kK])?", text):
        amount = float(match.group(1).replace(",", "")) * (1000 if match.group(2) else 1)
        if _normalise(f"{amount}") not in known:
            problems.append(f"{match.group(0).strip()} is not a value in course_data/")
    return problems


# --- the rules, proven both ways -------------------------------------------------

def good_lesson():
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nb.cells = [
        new_markdown_cell("# 07 Example\n\n## Objectives\n- one\n\n**Time**: 20 min reading, 10 min exercises\n\n**Prerequisites**: none"),
        new_code_cell('from helpers import data, quiz\nprint("Setup complete.")'),
        new_markdown_cell("## Self-check"),
        new_code_cell("quiz.quiz([])"),
        new_markdown_cell("## Key points\n- one\n\nNext: [08](08-next.ipynb)"),
    ]
    return nb


def test_rules_pass_a_good_lesson():
    nb = good_lesson()
    assert hygiene_problems(nb) == [] and setup_cell_problems(nb) == [] and lesson_shape_problems(nb, "07") == []


def test_rules_catch_a_bad_lesson():
    nb = good_lesson()
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="Setup complete.\n")]
    nb.cells[1].source = "import pandas as pd\nfrom helpers import data"
    nb.metadata["widgets"] = {"state": {}}
    del nb.cells[4]
    assert len(hygiene_problems(nb)) == 2
    assert len(setup_cell_problems(nb)) == 2
    assert set(lesson_shape_problems(nb, "07")) == {"missing a Key points section", "missing a link to the next lesson or the end of the course"}


def test_dollar_rule_both_ways():
    known = {"51880", "35000", "24.16"}
    assert dollar_problems("pays $51,880 a year, $35k to start, or $24.16 an hour", known) == []
    assert dollar_problems("pays $52,000 a year", known) == ["$52,000 is not a value in course_data/"]


# --- applied to the course ----------------------------------------------------------

@pytest.mark.parametrize("path", LESSONS + WORKBOOKS + DASHBOARDS, ids=lambda p: str(p.relative_to(ROOT)))
def test_hygiene(path):
    assert hygiene_problems(nbformat.read(path, as_version=4)) == []


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_shape(path):
    nb = nbformat.read(path, as_version=4)
    number = NAME.fullmatch(path.name).group(1)
    assert setup_cell_problems(nb) + lesson_shape_problems(nb, number) == []


@pytest.mark.parametrize("path", LESSONS + WORKBOOKS + DASHBOARDS, ids=lambda p: str(p.relative_to(ROOT)))
def test_dollar_amounts_in_prose_come_from_course_data(path):
    assert dollar_problems(_markdown(nbformat.read(path, as_version=4)), course_numbers()) == []


def test_lesson_numbering_is_contiguous_and_matches_the_course_map():
    """The course map numbers lessons 00, 01, 02 ... without gaps; each notebook is the one the map names.

    Lessons are published out of order (the career lessons before the skills lessons), so the
    notebooks on disk are exactly the map's 'available' rows, not necessarily a prefix of it.
    """
    assert LESSONS, "no lesson notebooks found"
    lessons = data.load("lessons")
    assert list(lessons["number"]) == [f"{i:02d}" for i in range(len(lessons))], "lessons.csv numbers have gaps"
    named = [f"{n}-{s}.ipynb" for n, s in zip(lessons["number"], lessons["slug"])]
    assert list(lessons["notebook"]) == named, "a lesson's notebook is named NN-slug.ipynb after its row"
    assert lessons["slug"].is_unique
    for path in LESSONS:
        assert NAME.fullmatch(path.name), f"{path.name}: name lessons NN-lower-case-title.ipynb"
    by_number = dict(zip(lessons["number"], lessons["notebook"]))
    for path in LESSONS:
        assert by_number.get(path.name[:2]) == path.name, f"{path.name}: lessons.csv names {by_number.get(path.name[:2])!r}"
    published = lessons[lessons["available"]]
    assert list(published["notebook"]) == [p.name for p in LESSONS], "lessons.csv 'available' rows differ from notebooks/"


def test_exercise_workbooks_share_a_lesson_number():
    lessons = data.load("lessons").set_index("number")
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        number = path.name[:2]
        assert number in lessons.index, f"{path.name}: no lesson {number} in lessons.csv"
        assert lessons.loc[number, "exercise"] == path.name, f"{path.name}: lessons.csv names {lessons.loc[number, 'exercise']!r}"


def broken_links(text: str, folder: Path) -> list[str]:
    """Relative links in markdown that point at files that do not exist."""
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)
    return [t for t in targets if "://" not in t and not (folder / t).exists()]


def test_link_rule_both_ways(tmp_path):
    (tmp_path / "01-a.ipynb").write_text("{}")
    assert broken_links("see [a](01-a.ipynb) and [web](https://example.org)", tmp_path) == []
    assert broken_links("see [b](02-b.ipynb)", tmp_path) == ["02-b.ipynb"]


@pytest.mark.parametrize("path", LESSONS + WORKBOOKS + DASHBOARDS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(path):
    assert broken_links(_markdown(nbformat.read(path, as_version=4)), path.parent) == []


def test_dollar_amounts_in_quizzes_come_from_course_data():
    quizzes = data.load("quizzes")
    text = "\n".join(quizzes["question"]) + "\n" + "\n".join(quizzes["option"]) + "\n" + "\n".join(quizzes["feedback"])
    assert dollar_problems(text, course_numbers()) == []


# -- US spelling in learner-facing text ---------------------------------------------------------
#: British spellings that crept into the course once; each must be written the US way.
#: Whole words only, so "analyses", "specialist", "organism", "realistic" and code such as
#: ``PALETTE["grey"]`` or the ``licence`` key of ``data.source`` (inside backticks) are never flagged.
BRITISH = (
    "organise organised organising organisation organisations authorise authorised authorisation "
    "recognise recognised specialise specialised specialisation practise practised practises practising "
    "enrol enrolment licence licences labelled labelling colour colours coloured behaviour behaviours "
    "emphasise normalise normalised centre centres analyse analysed analysing catalogue favour favourite "
    "judgement realise realised summarise summarised prioritise standardise standardised minimise optimise "
    "anonymise anonymised categorise utilise criticise modelled modelling travelled cancelled fulfil fulfilment "
    "defence offence whilst amongst programme programmes grey honour labour tumour oedema paediatric"
).split()
_BRITISH = re.compile(r"\b(" + "|".join(BRITISH) + r")\b", re.IGNORECASE)


def british_spellings(text: str) -> list[str]:
    """British spellings in prose, ignoring `inline code` (identifiers keep their own names)."""
    prose = re.sub(r"`[^`\n]*`", "", text)
    return sorted({m.group(0) for m in _BRITISH.finditer(prose)})


def _learner_text() -> dict[str, str]:
    texts = {}
    for path in LESSONS + WORKBOOKS + DASHBOARDS:
        texts[str(path.relative_to(ROOT))] = _markdown(nbformat.read(path, as_version=4))
    for path in sorted((ROOT / "course_data").glob("*.csv")):
        if not path.name.startswith("synthetic_"):
            texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8").partition("\n")[2]
    for name in ("README.md", "CONTRIBUTING.md", "course_data/README.md", "exercises/README.md"):
        texts[name] = (ROOT / name).read_text(encoding="utf-8")
    import json
    described = []

    def walk(o):
        if isinstance(o, dict):
            described.extend(v for k, v in o.items() if k in ("title", "description") and isinstance(v, str))
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    walk(json.loads((ROOT / "course_data" / "datapackage.json").read_text(encoding="utf-8")))
    texts["course_data/datapackage.json (titles, descriptions)"] = "\n".join(described)
    return texts


def test_spelling_rule_both_ways():
    assert british_spellings("Records are organised by colour; the centre's licence.") == \
        ["centre", "colour", "licence", "organised"]
    fine = ("Records are organized by color at the center; a license to practice. Analyses by a specialist, "
            "an organism, realistic data, `PALETTE['grey']`, `s['licence']`.")
    assert british_spellings(fine) == []


def test_learner_facing_text_uses_us_spelling():
    found = {name: words for name, text in _learner_text().items() if (words := british_spellings(text))}
    assert not found, f"British spellings (write them the US way): {found}"


# -- time line and prerequisites -------------------------------------------------------------------
def time_and_prerequisite_problems(nb, number: str, lessons) -> list[str]:
    """The time line repeats lessons.csv; exercise minutes without a workbook say where they are done;
    prerequisites link only to lessons that come earlier."""
    text = _markdown(nb)
    problems = []
    row = lessons.loc[number]
    m = re.search(r"\*\*Time\*\*:\s*(\d+) min reading, (\d+) min exercises([^\n]*)", text)
    if not m:
        return ["no line '**Time**: N min reading, M min exercises'"]
    if (int(m.group(1)), int(m.group(2))) != (int(row["minutes_reading"]), int(row["minutes_exercises"])):
        problems.append(f"time line says {m.group(1)} + {m.group(2)} min, lessons.csv "
                        f"{row['minutes_reading']} + {row['minutes_exercises']}")
    has_workbook = isinstance(row["exercise"], str) and bool(row["exercise"])
    if int(m.group(2)) and not has_workbook and "in this notebook" not in m.group(3):
        problems.append("exercise minutes but no workbook: say they are done in this notebook")
    pre = re.search(r"\*\*Prerequisites\*\*:([^\n]*)", text)
    for linked in re.findall(r"\]\((\d{2})-[a-z0-9-]+\.ipynb\)", pre.group(1) if pre else ""):
        if linked >= number:
            problems.append(f"prerequisite {linked} does not come before lesson {number}")
    return problems


def test_time_and_prerequisite_rule_both_ways():
    lessons = data.load("lessons").set_index("number")
    # every published lesson with exercise minutes now has a workbook, so prove the in-notebook rule on
    # a copy of the course map in which lesson 03 has none (as it was before its workbook)
    in_notebook = lessons.copy()
    in_notebook.loc["03", "minutes_exercises"] = 20
    in_notebook.loc["03", "exercise"] = None
    good = new_notebook(cells=[new_markdown_cell(
        "**Time**: 40 min reading, 20 min exercises in this notebook (no separate workbook)\n\n"
        "**Prerequisites**: [01 The role](01-the-role.ipynb)")])
    assert time_and_prerequisite_problems(good, "03", in_notebook) == []
    bad = new_notebook(cells=[new_markdown_cell(
        "**Time**: 40 min reading, 20 min exercises\n\n**Prerequisites**: [13 Stats](13-healthcare-statistics.ipynb)")])
    problems = time_and_prerequisite_problems(bad, "10", lessons)
    assert any("13 does not come before" in p for p in problems) and any("lessons.csv 45 + 30" in p for p in problems)
    assert any("no workbook" in p for p in time_and_prerequisite_problems(bad, "03", in_notebook))
    assert not any("no workbook" in p for p in time_and_prerequisite_problems(bad, "03", lessons))
    assert any("lessons.csv" in p for p in time_and_prerequisite_problems(bad, "02", lessons))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_time_line_and_prerequisites(path):
    lessons = data.load("lessons").set_index("number")
    assert time_and_prerequisite_problems(nbformat.read(path, as_version=4), path.name[:2], lessons) == []


# --- code a learner reads fits the editor at 1024 px ---------------------------------------------
#: Characters of code JupyterLab's editor shows whole in a 1024 px window (measured by the browser
#: check: a 107-character line hides its last 4 px), less a margin for other fonts.
MAX_CODE_LINE = 100
STUDENT_NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")) + sorted(
    (ROOT / "exercises").glob("[0-9][0-9]-*-exercises.ipynb"))


def long_code_lines(nb) -> list[str]:
    """The code lines longer than MAX_CODE_LINE, each with its cell number."""
    return [f"cell {i}: {len(line)} characters: {line[:60]}..."
            for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            for line in cell.source.splitlines() if len(line) > MAX_CODE_LINE]


def test_long_code_line_rule_both_ways():
    nb = new_notebook(cells=[new_code_cell("x = 1  # short"), new_code_cell("y = " + "1 + " * 30 + "1")])
    assert long_code_lines(nb) == [f"cell 1: 125 characters: {nb.cells[1].source[:60]}..."]
    nb.cells[1].source = "y = (" + "1 + " * 15 + "\n     " + "1 + " * 15 + "1)"
    assert long_code_lines(nb) == []


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS, ids=lambda p: p.stem)
def test_code_lines_fit_the_editor_at_1024_px(path):
    """A longer line runs past the editor's edge: the learner must scroll sideways to read it."""
    assert not long_code_lines(nbformat.read(path, as_version=4)), long_code_lines(nbformat.read(path, as_version=4))
