"""Build the course website: run each notebook, then let MyST render the executed copies.

1. Each lesson and workbook is copied into a build folder (``_build/site-src`` by default) and run
   top to bottom there with nbclient, in its own folder of the repository (so relative paths work),
   with ``MRT_PROGRESS_FILE=off`` and a temporary ``MRT_HOME``: building never touches a learner's
   saved progress. A cell that fails stops the build with the notebook and cell named.
2. A "run this lesson" line is put under each page's title; relative links to files that are not
   pages of the site (the README, a lesson left out of a partial build) point at the repository.
3. ``mystmd`` (pinned in ``site/package-lock.json``, installed by ``make site`` with ``npm ci``) renders
   the executed notebooks with the course's site template in ``site/theme``; no kernel is needed then.

>>> find_myst(Path("/nowhere")) is None
True
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

from . import pages

__all__ = ["COURSE", "build", "execute", "find_myst", "prepare"]

COURSE = Path(__file__).resolve().parent.parent.parent
SITE = COURSE / "site"


def find_myst(site: Path = SITE) -> Path | None:
    """The ``myst`` command installed by ``npm ci`` in ``site/``, or None when it is not there."""
    path = site / "node_modules" / ".bin" / "myst"
    return path if path.exists() else None


@contextmanager
def _quiet_environment(home: Path) -> Iterator[None]:
    """Run kernels with no progress file and a private course home; restore the environment after."""
    saved = {k: os.environ.get(k) for k in ("MRT_PROGRESS_FILE", "MRT_HOME", "MPLBACKEND")}
    os.environ.update(MRT_PROGRESS_FILE="off", MRT_HOME=str(home))
    os.environ.pop("MPLBACKEND", None)  # the kernel's own inline backend draws the charts
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def execute(source: Path, target: Path, *, timeout: int = 600) -> float:
    """Run the notebook ``source`` in its own folder and write it, outputs included, to ``target``.

    Returns the seconds it took. A failing cell raises ValueError naming the notebook and the cell.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    source = Path(source)
    if not source.is_file():
        raise ValueError(f"There is no notebook {source}; give a path to an .ipynb file.")
    notebook = nbformat.read(source, as_version=4)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mrt-site-home-") as home, _quiet_environment(Path(home)):
        client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(source.parent)}})
        try:
            client.execute()
        except CellExecutionError as exc:
            last = re.sub(r"\x1b\[[0-9;]*m", "", str(exc).strip().splitlines()[-1])  # no terminal colors
            raise ValueError(f"{source.name} failed while building the site: {last}. "
                             f"Run it in JupyterLab to see the cell, fix it, then build again.") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return time.monotonic() - started


def _add_run_line(path: Path, line: str, here: str, built: set[str], repo: str) -> None:
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = pages.rewrite_links(cell.source, here, built, repo)
    # After the title, so MyST still takes the page title from the first heading.
    first = notebook.cells[0] if notebook.cells else None
    if first is not None and first.cell_type == "markdown" and first.source.lstrip().startswith("# "):
        title, _, rest = first.source.lstrip().partition("\n")
        first.source = f"{title}\n\n{line}\n\n{rest.lstrip()}"
    else:
        notebook.cells.insert(0, nbformat.v4.new_markdown_cell(line))
    nbformat.write(notebook, path)


def prepare(src: Path, only: Sequence[str] | None = None, *, repo: str = pages.DEFAULT_REPO,
            hub: str = pages.DEFAULT_HUB, log=print) -> Path:
    """Fill the folder ``src`` with the MyST project: home page, myst.yml and executed notebooks."""
    rows = pages.lesson_rows(only)
    src = Path(src)
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    (src / "index.md").write_text(pages.home_page(rows, partial=only is not None))
    (src / "myst.yml").write_text(pages.myst_yml(rows, SITE / "theme"))
    jobs = []
    for row in rows:
        jobs.append((f"notebooks/{row['notebook']}", pages.run_links(row["number"], repo=repo, hub=hub)))
        if row["exercise"]:
            jobs.append((f"exercises/{row['exercise']}", pages.run_links(row["number"], True, repo=repo, hub=hub)))
    built = {path for path, _ in jobs}
    for path, line in jobs:
        seconds = execute(COURSE / path, src / path)
        _add_run_line(src / path, line, path.split("/")[0], built, repo)
        log(f"ran {path} in {seconds:.0f} s")
    return src


def build(out: Path, only: Sequence[str] | None = None, *, src: Path | None = None,
          repo: str = pages.DEFAULT_REPO, hub: str = pages.DEFAULT_HUB, log=print) -> Path:
    """Build the website into ``out`` (all published lessons, or those numbered in ``only``)."""
    myst = find_myst()
    if myst is None:
        raise ValueError("MyST is not installed in site/node_modules; run `make site` (it runs npm ci in site/) "
                         "or `cd site && npm ci`, then build again.")
    src = Path(src or COURSE / "_build" / "site-src")
    prepare(src, only, repo=repo, hub=hub, log=log)
    env = dict(os.environ, BASE_URL=os.environ.get("BASE_URL", ""))
    result = subprocess.run([str(myst), "build", "--html", "--ci"], cwd=src, env=env,
                            capture_output=True, text=True, timeout=1800)
    log(result.stdout[-3000:] + result.stderr[-3000:])
    html = src / "_build" / "html"
    if result.returncode != 0 or not (html / "index.html").exists():
        raise ValueError(f"MyST could not render the site (exit code {result.returncode}); its messages are above.")
    out = Path(out)
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(html, out)
    log(f"The site is in {out}; preview it with: {Path(sys.executable).name} -m http.server -d {out}")
    return out
