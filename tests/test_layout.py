"""The package's layout stays easy to find one's way around: no import circle, and the
lesson -> modules table in CONTRIBUTING.md says truly which code serves which lesson."""
from __future__ import annotations

import ast
from pathlib import Path

from helpers.instructor import layout

ROOT = Path(__file__).resolve().parent.parent


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path = ROOT / "helpers") -> dict[str, set[str]]:
    """Every helpers module and the helpers modules it imports, at the top or inside a function."""
    modules = {module_name(p): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
                targets |= {f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names}
        graph[name] = {t for t in targets if t in modules and t != name and not name.startswith(t + ".")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    return found


def test_no_import_circle_in_the_package():
    assert cycles(import_graph()) == []


def test_the_circle_check_can_fail():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_instructor_tools_are_apart_from_what_a_learner_runs():
    graph = import_graph()
    learner_side = [m for m in graph if m.startswith("helpers.checks")]
    assert learner_side and not any(t.startswith("helpers.instructor") for m in learner_side for t in graph[m])


def test_contributing_shows_the_true_lesson_to_modules_table():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert layout.table() in text, "regenerate it with `python -m helpers.instructor layout` and paste it in"
    assert "`stats`" in layout.table().split("| 13 ")[1].split("\n")[0]
