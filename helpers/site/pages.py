"""What the course website adds to the notebooks: the home page, the "run this lesson" links, the
MyST project file, and links to pages that are not part of a (partial) build.

>>> "mybinder.org/v2/gh/example/mrt-course/main" in binder_link("https://github.com/example/mrt-course", "notebooks/01-the-role.ipynb")
True
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import parse_qsl, quote, urlencode, urlparse

__all__ = ["DEFAULT_REPO", "DEFAULT_HUB", "binder_link", "run_links", "home_page", "myst_yml",
           "rewrite_links", "lesson_rows"]

#: Placeholder addresses, used until the builder is told the real ones (--repo / --hub, or the
#: MRT_SITE_REPO / MRT_SITE_HUB environment variables). Every page says so while they are in use.
DEFAULT_REPO = "https://github.com/YOUR-ORG/mrt-course"
DEFAULT_HUB = "https://hub.example.edu"


def binder_link(repo: str, path: str, branch: str = "main") -> str:
    """The Binder address that opens ``path`` (a file in the repository) in JupyterLab.

    >>> binder_link("https://gitlab.com/a/b", "notebooks/x.ipynb")
    Traceback (most recent call last):
    ...
    ValueError: Binder links are made for GitHub repositories; 'https://gitlab.com/a/b' is not one. Give an address such as https://github.com/OWNER/mrt-course.
    """
    parsed = urlparse(str(repo).strip())
    parts = [p for p in parsed.path.split("/") if p]
    if parsed.netloc != "github.com" or len(parts) != 2:
        raise ValueError(f"Binder links are made for GitHub repositories; {repo!r} is not one. "
                         "Give an address such as https://github.com/OWNER/mrt-course.")
    owner, name = parts[0], parts[1].removesuffix(".git")
    return f"https://mybinder.org/v2/gh/{owner}/{name}/{quote(branch)}?urlpath={quote('lab/tree/' + path, safe='')}"


def run_links(number: str, workbook: bool = False, *, repo: str = DEFAULT_REPO, hub: str = DEFAULT_HUB) -> str:
    """A Markdown line with the Binder and JupyterHub (nbgitpuller) links for a lesson or its workbook.

    >>> line = run_links("01")
    >>> "Binder" in line and "git-pull" in line and "placeholder" in line
    True
    """
    from .. import lessons
    from ..instructor.hublink import hub_link

    row = lessons.lesson(number)
    hub_url = hub_link(hub, repo, row["number"])  # checks both addresses and that the lesson is published
    path = f"notebooks/{row['notebook']}"
    if workbook:
        if not row["exercise"]:
            raise ValueError(f"Lesson {row['number']} ({row['title']}) has no workbook.")
        path = f"exercises/{row['exercise']}"
        parsed = urlparse(hub_url)
        query = dict(parse_qsl(parsed.query))
        folder = query["urlpath"].split("/")[2]
        query["urlpath"] = f"lab/tree/{folder}/{path}"
        hub_url = parsed._replace(query=urlencode(query)).geturl()
    what = "this workbook" if workbook else "this lesson"
    line = (f"**Run {what}:** [on Binder]({binder_link(repo, path)}) (free, nothing to install) · "
            f"[on your class's JupyterHub]({hub_url}) (nbgitpuller). On this page the widgets are still "
            "pictures of their first state; they are live when you run it.")
    if repo == DEFAULT_REPO or hub == DEFAULT_HUB:
        line += (" *These links use placeholder addresses: the site was built without the course's "
                 "repository or hub address (see the README, \"The course as a website\").*")
    return line


def lesson_rows(only: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """The published lessons (all, or those numbered in ``only``), in course order.

    >>> [r["number"] for r in lesson_rows(["3", "00"])]
    ['00', '03']
    """
    from .. import lessons

    rows = [r for r in lessons.all_lessons() if r["available"]]
    if only is None:
        return rows
    wanted = {lessons.number(n) for n in only}  # a ValueError names an unknown lesson
    unpublished = wanted - {r["number"] for r in rows}
    if unpublished:
        raise ValueError(f"Lesson(s) {', '.join(sorted(unpublished))} are not published yet; build published lessons only.")
    return [r for r in rows if r["number"] in wanted]


def home_page(rows: Sequence[dict[str, Any]], *, partial: bool = False) -> str:
    """The home page (MyST Markdown): what the course is and the lesson table, from course_data/lessons.csv.

    >>> page = home_page(lesson_rows(["03"]))
    >>> "notebooks/03-certifications.ipynb" in page and "exercises/03-certifications-exercises.ipynb" in page
    True
    """
    from .. import lessons

    built = {r["number"] for r in rows}
    lines = [
        "---", "title: Medical Records Technician course", "---", "",
        "An open course for future medical records and health information technicians: the job, the "
        "pathways into it, and its day-to-day skills (terminology, coding, the revenue cycle, data quality, "
        "privacy, statistics), one notebook per lesson with a workbook of exercises.",
        "",
        "This website shows every lesson and workbook as it looks after running it from top to bottom. "
        "Charts and tables are real output; each interactive widget appears as a still picture of its "
        "first state, and comes alive when you run the lesson in JupyterLab (each page has a link to do so). "
        "All patient records in the course are synthetic: made by the course's generator, never real people. "
        "Every figure names its source, its as-of date and a verification tag under the table or chart.",
        "",
    ]
    if partial:
        lines += ["*This is a partial build: only some lessons are included; the others are listed without links.*", ""]
    # The same cells as the README's lesson table (tests/test_readme.py), so the two never drift apart.
    lines += ["| No. | Lesson | Minutes (reading + exercises) | Exercises |", "|---|---|---|---|"]
    for row in lessons.all_lessons():
        title = row["title"]
        if not row["available"]:
            lesson = f"{title} (being written)"
        elif row["number"] in built:
            lesson = f"[{title}](notebooks/{row['notebook']})"
        else:
            lesson = f"{title} (not in this build)"
        if row["exercise"] and row["available"]:
            workbook = f"[workbook](exercises/{row['exercise']})" if row["number"] in built else "(not in this build)"
        else:
            workbook = "in the lesson" if row["available"] and row["minutes_exercises"] else "—"
        lines.append(f"| {row['number']} | {lesson} | {row['minutes_reading']} + {row['minutes_exercises']} | {workbook} |")
    lines += ["", "Search the course with the search box at the top of every page."]
    return "\n".join(lines) + "\n"


def myst_yml(rows: Sequence[dict[str, Any]], template: Path) -> str:
    """The MyST project file: the home page, then each lesson with its workbook, and the site template.

    >>> "file: notebooks/00-start-here.ipynb" in myst_yml(lesson_rows(["00"]), Path("/t"))
    True
    """
    toc = ["    - file: index.md"]
    for row in rows:
        toc.append(f"    - file: notebooks/{row['notebook']}")
        if row["exercise"]:
            toc.append(f"      children:\n        - file: exercises/{row['exercise']}")
    return "\n".join([
        "# Written by python -m helpers.site build; edit helpers/site/pages.py instead.",
        "version: 1",
        "project:",
        "  title: Medical Records Technician course",
        "  license:",
        "    content: CC-BY-4.0",
        "    code: MIT",
        "  toc:",
        *toc,
        "site:",
        f"  template: {template}",
        "  title: Medical Records Technician course",
        "",
    ])


_LINK = re.compile(r"\]\((?![a-z]+:|#|/)([^)\s#]+)(#[^)\s]*)?\)")


def rewrite_links(markdown: str, here: str, built: set[str], repo: str = DEFAULT_REPO) -> str:
    """Point relative links to files that are not pages of this build (a notebook left out, the
    README, a CSV) at the repository instead, so the site has no broken links.

    ``here`` is the folder of the page (``notebooks`` or ``exercises``); ``built`` the repository
    paths of the built notebooks.

    >>> rewrite_links("[next](02-education-pathways.ipynb)", "notebooks", set())
    '[next](https://github.com/YOUR-ORG/mrt-course/blob/main/notebooks/02-education-pathways.ipynb)'
    >>> rewrite_links("[next](02-x.ipynb)", "notebooks", {"notebooks/02-x.ipynb"})
    '[next](02-x.ipynb)'
    >>> rewrite_links("the [course map](../README.md#lessons)", "exercises", set())
    'the [course map](https://github.com/YOUR-ORG/mrt-course/blob/main/README.md#lessons)'
    """
    def fix(match: re.Match) -> str:
        target = Path(here, match.group(1)).as_posix()
        parts: list[str] = []
        for part in target.split("/"):
            if part == ".." and parts:
                parts.pop()
            elif part not in (".", ""):
                parts.append(part)
        path = "/".join(parts)
        if path in built:
            return match.group(0)
        return f"]({repo.rstrip('/')}/blob/main/{path}{match.group(2) or ''})"

    return _LINK.sub(fix, markdown)
