"""environment.yml (conda/Binder pins), pyproject.toml (ranges) and the Makefile agree."""
import os
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


def environment_problems(text: str, reqs: dict[str, Requirement], requires_python: str) -> list[str]:
    """Every way environment.yml is not a conda environment file that installs exactly pyproject's
    dependencies (main and extras), each pinned once, plus the course itself (empty when it is)."""
    try:
        env = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return [f"environment.yml is not YAML: {exc}"]
    if not isinstance(env, dict):
        return ["environment.yml must be a mapping with name, channels and dependencies"]
    problems = [f"unexpected key {key!r} (conda reads name, channels, dependencies)"
                for key in sorted(set(env) - {"name", "channels", "dependencies"})]
    if not isinstance(env.get("name"), str) or not env.get("name"):
        problems.append("name must be a non-empty text")
    channels = env.get("channels")
    if not isinstance(channels, list) or not channels or not all(isinstance(c, str) for c in channels):
        problems.append("channels must be a non-empty list of channel names")
    deps = env.get("dependencies")
    if not isinstance(deps, list):
        return problems + ["dependencies must be a list"]
    conda = [d for d in deps if isinstance(d, str)]
    pip_sections = [d["pip"] for d in deps if isinstance(d, dict) and set(d) == {"pip"}]
    problems += [f"dependency {d!r} is neither a conda package nor the pip section" for d in deps
                 if not isinstance(d, str) and not (isinstance(d, dict) and set(d) == {"pip"})]
    pythons = [d for d in conda if re.fullmatch(r"python\s*[=<>!~].*", d)]
    if len(pythons) != 1 or not re.fullmatch(r"python=3\.\d+", pythons[0]):
        problems.append(f"pin python once as python=3.X (Binder reads X.Y), found {pythons}")
    elif not SpecifierSet(requires_python).contains(pythons[0].split("=")[1] + ".0"):
        problems.append(f"{pythons[0]} is outside requires-python {requires_python}")
    problems += [f"conda package {d!r}: only python and pip come from conda; pin the rest in the pip section"
                 for d in conda if d not in pythons and d != "pip"]
    if "pip" not in conda:
        problems.append("pip must be a conda dependency (the pip section needs it)")
    if len(pip_sections) != 1 or not isinstance(pip_sections[0], list):
        return problems + [f"one pip section (a list) is needed, found {len(pip_sections)}"]
    pins: dict[str, str] = {}
    for line in pip_sections[0]:
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9_.-]*)==([^\s=]+)", str(line))
        if line == "-e .":
            continue
        if not match:
            problems.append(f"pip line {line!r} is not an exact pin name==X.Y.Z (or -e .)")
            continue
        name = canonicalize_name(match.group(1))
        if name in pins:
            problems.append(f"{name} is pinned twice ({pins[name]} and {match.group(2)})")
        pins[name] = match.group(2)
    if pip_sections[0].count("-e .") != 1:
        problems.append("the pip section must install the course itself once (-e .)")
    return problems + disagreements(pins, reqs)


_GOOD_ENV = """name: c
channels: [conda-forge]
dependencies:
  - python=3.11
  - pip
  - pip:
      - pandas==3.0.0
      - -e .
"""


def test_environment_yml_is_a_conda_environment_with_exactly_pyprojects_pins():
    text = (ROOT / "environment.yml").read_text()
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert environment_problems(text, pyproject_requirements(), requires) == []


@pytest.mark.parametrize("change, words", [
    (lambda t: t, None),
    (lambda t: t.replace("python=3.11", "python=3.9"), "python=3.9 is outside requires-python >=3.10"),
    (lambda t: t.replace("python=3.11", "python"), "pin python once as python=3.X"),
    (lambda t: t.replace("  - pip\n", "  - pip\n  - nodejs\n", 1), "conda package 'nodejs'"),
    (lambda t: t.replace("      - -e .", "      - pandas==3.0.1\n      - -e ."), "pandas is pinned twice"),
    (lambda t: t.replace("pandas==3.0.0", "pandas>=3"), "is not an exact pin"),
    (lambda t: t.replace("pandas==3.0.0", "pandas==3.0.0\n      - seaborn==0.13.2"), "seaborn is pinned in"),
    (lambda t: t.replace("      - pandas==3.0.0\n", ""), "pandas is in pyproject.toml but not pinned"),
    (lambda t: t.replace("      - -e .\n", ""), "install the course itself once"),
    (lambda t: t.replace("name: c", "name: c\nprefix: /opt/x"), "unexpected key 'prefix'"),
    (lambda t: t.replace("channels: [conda-forge]", "channels: []"), "channels must be a non-empty list"),
    (lambda t: "- just a list", "must be a mapping"),
    (lambda t: t + "  - pip:\n      - numpy==2.0.0\n", "one pip section"),
])
def test_the_environment_check_can_fail(change, words):
    problems = environment_problems(change(_GOOD_ENV), {"pandas": Requirement("pandas>=2.2,<4")}, ">=3.10")
    if words is None:
        assert problems == []
    else:
        assert any(words in p for p in problems), problems


def test_binder_builds_from_the_root_environment_yml():
    """repo2docker (Binder) reads binder/ or .binder/ instead of the root when either exists. The
    lessons need no system packages (no apt.txt); the one build step, postBuild, is run by `make` too."""
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists(), \
        "repo2docker would ignore the root environment.yml; keep one environment file at the root"
    assert not (ROOT / "environment.yaml").exists() and not (ROOT / "requirements.txt").exists()
    assert (ROOT / "environment.yml").is_file()
    post_build = ROOT / "postBuild"
    assert post_build.is_file() and os.access(post_build, os.X_OK), "repo2docker runs postBuild only if executable"
    recipe = re.search(r"^\$\(TEST_STAMP\):.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M).group(1)
    assert "./postBuild" in recipe, "make must run the same postBuild as Binder after installing the test tools"


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def enabled_nbgrader_parts(lab_list: str, server_list: str) -> list[str]:
    """nbgrader's JupyterLab extension and server extensions that `jupyter ... list` shows enabled."""
    lines = [_ANSI.sub("", line).strip() for line in (lab_list + "\n" + server_list).splitlines()]
    return [line.split()[0] for line in lines
            if re.match(r"(@jupyter/nbgrader|nbgrader\.server_extensions\.\w+)\b", line) and " enabled" in line]


def test_nbgrader_stays_out_of_the_course_jupyterlab():
    """postBuild (run by `make` and Binder) keeps nbgrader's menus and server extensions off."""
    jupyter = str(Path(sys.executable).parent / "jupyter")
    runs = [subprocess.run([jupyter, *args], capture_output=True, text=True, check=True)
            for args in (["labextension", "list"], ["server", "extension", "list"])]
    lab, server = (run.stdout + run.stderr for run in runs)
    assert "@jupyter/nbgrader" in lab and "nbgrader.server_extensions.formgrader" in server
    assert enabled_nbgrader_parts(lab, server) == []


def test_the_nbgrader_extension_check_can_fail():
    lab = "JupyterLab v4.6.6\n        @jupyter/nbgrader v0.9.6 \x1b[32menabled\x1b[0m \x1b[32mOK\x1b[0m"
    server = ("    nbgrader.server_extensions.formgrader \x1b[32menabled\x1b[0m\n"
              "      nbgrader.server_extensions.formgrader  \x1b[32mOK\x1b[0m\n"
              "    nbgrader.server_extensions.course_list \x1b[31mdisabled\x1b[0m")
    assert enabled_nbgrader_parts(lab, server) == ["@jupyter/nbgrader", "nbgrader.server_extensions.formgrader"]
    assert enabled_nbgrader_parts(lab.replace("32menabled", "31mdisabled"), "") == []


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
