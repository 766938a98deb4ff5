"""environment.yml (conda/Binder pins), pyproject.toml (ranges) and the Makefile agree."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")


def pyproject_requirements() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs += extra
    return {canonicalize_name(Requirement(r).name): Requirement(r) for r in reqs}


def environment_pins(text: str) -> tuple[str, dict[str, str], list[str]]:
    env = yaml.safe_load(text)
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    pip_list = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    pins, other = {}, []
    for line in pip_list:
        if "==" in line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
        else:
            other.append(line)
    return python.split("=", 1)[1], pins, other


def disagreements(pins: dict[str, str], reqs: dict[str, Requirement]) -> list[str]:
    """Every way the pins and the ranges disagree (empty when they agree)."""
    problems = [f"{n} is pinned in environment.yml but not a dependency in pyproject.toml" for n in pins.keys() - reqs.keys()]
    problems += [f"{n} is in pyproject.toml but not pinned in environment.yml" for n in reqs.keys() - pins.keys()]
    problems += [
        f"{n}=={pins[n]} (environment.yml) is outside {reqs[n].specifier} (pyproject.toml)"
        for n in sorted(pins.keys() & reqs.keys())
        if not reqs[n].specifier.contains(pins[n], prereleases=True)
    ]
    return problems


def test_environment_and_pyproject_agree():
    python, pins, other = environment_pins((ROOT / "environment.yml").read_text())
    assert disagreements(pins, pyproject_requirements()) == []
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert SpecifierSet(requires).contains(python + ".0"), f"python={python} vs requires-python {requires}"
    assert "-e ." in other, "environment.yml must install the course package itself"


def test_disagreement_is_detected():
    reqs = {"pandas": Requirement("pandas>=2.2,<4"), "numpy": Requirement("numpy<3")}
    assert disagreements({"pandas": "1.5.3", "numpy": "2.0.0"}, reqs) == [
        "pandas==1.5.3 (environment.yml) is outside <4,>=2.2 (pyproject.toml)"
    ]
    assert disagreements({"pandas": "3.0.0"}, reqs) == ["numpy is in pyproject.toml but not pinned in environment.yml"]
    assert disagreements({"pandas": "3.0.0", "numpy": "2.0.0", "seaborn": "0.13.2"}, reqs) == [
        "seaborn is pinned in environment.yml but not a dependency in pyproject.toml"
    ]


def test_makefile_installs_exactly_the_environment_pins():
    """`make` turns environment.yml's pip pins into pip constraints with a sed command; run that command."""
    makefile = (ROOT / "Makefile").read_text()
    match = re.search(r"^\tsed (-n '.*') environment\.yml > \$\(PINS\)$", makefile, re.M)
    assert match, "the Makefile no longer builds its constraints from environment.yml"
    script = match.group(1).replace("$$", "$")
    out = subprocess.run(f"sed {script} environment.yml", shell=True, cwd=ROOT, capture_output=True, text=True, check=True)
    from_make = {canonicalize_name(line.split("==")[0]): line.split("==")[1] for line in out.stdout.split()}
    assert from_make == environment_pins((ROOT / "environment.yml").read_text())[1]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make test" in (ROOT / "README.md").read_text()


def _lab_commands(user_id: str) -> str:
    """What `make lab` would run for a user with this id (dry run; the install step taken as done)."""
    done = ["-o", ".venv/.installed-lab", "-o", ".venv/.installed-test", "-o", ".venv/constraints.txt", "-o", ".venv/bin/python"]
    out = subprocess.run(["make", "-n", *done, "lab", f"USER_ID={user_id}"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_make_lab_adds_allow_root_only_for_root():
    as_root, as_user = _lab_commands("0"), _lab_commands("1000")
    assert "--allow-root" in as_root and "starting JupyterLab with --allow-root" in as_root
    assert "--allow-root" not in as_user and "jupyter lab notebooks/00-start-here.ipynb" in as_user


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() != 0,
                    reason="only the root user can show that JupyterLab starts as root")
def test_make_lab_really_starts_as_root(tmp_path):
    """As root (a container, CI), `make lab` starts a server instead of refusing; stopped as soon as it is up."""
    import os
    import signal
    import socket
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    args = f"--no-browser --ip=127.0.0.1 --port={port} --ServerApp.token=test --ServerApp.root_dir={tmp_path}"
    proc = subprocess.Popen(["make", "lab", f"LAB_ARGS={args}"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True,
                            env={**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")})
    seen = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(line)
            if f":{port}/" in line and "http" in line:
                break
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    text = "".join(seen)
    assert "Running as root is not recommended" not in text or "--allow-root" in text
    assert f"127.0.0.1:{port}/" in text, text[-2000:]
