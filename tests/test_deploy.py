"""deploy/: the Zero to JupyterHub values and the single-user image for a class.

config.yaml is validated the way Helm validates it: merged over the chart's own defaults
(deploy/schema/values.yaml), then checked against the chart's values schema
(deploy/schema/values.schema.yaml), both vendored from the chart's repository (BSD-3-Clause).
Each check is shown to fail on a plausible mistake. No image is built here (no Docker daemon in the
test environment): the Dockerfile is read and its install step compared with the Makefile's.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
SCHEMA = yaml.safe_load((DEPLOY / "schema" / "values.schema.yaml").read_text(encoding="utf-8"))
DEFAULTS = yaml.safe_load((DEPLOY / "schema" / "values.yaml").read_text(encoding="utf-8"))
CHART = yaml.safe_load((DEPLOY / "schema" / "Chart.yaml").read_text(encoding="utf-8"))
CONFIG = yaml.safe_load((DEPLOY / "config.yaml").read_text(encoding="utf-8"))
DOCKERFILE = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
README = (DEPLOY / "README.md").read_text(encoding="utf-8")


def merged(overrides: dict, defaults: dict = DEFAULTS) -> dict:
    """Helm's merge of user values over chart defaults: maps merge key by key, anything else
    replaces, and a null removes the default."""
    out = copy.deepcopy(defaults)
    for key, value in overrides.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(value, out[key])
        else:
            out[key] = copy.deepcopy(value)
    return out


def schema_errors(overrides: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMA)
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(merged(overrides))]


def with_change(path: str, value) -> dict:
    """A copy of config.yaml with ``value`` set at the dotted ``path``."""
    config = copy.deepcopy(CONFIG)
    node = config
    *parents, last = path.split(".")
    for key in parents:
        node = node.setdefault(key, {})
    node[last] = value
    return config


def quantity_bytes(text) -> float:
    """A Kubernetes memory quantity ("1G", "512M", "2Gi") in bytes."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT]i?)?", str(text))
    if not m:
        raise ValueError(f"{text!r} is not a memory quantity such as 1G or 512Mi")
    units = {None: 1, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12,
             "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}
    return float(m.group(1)) * units[m.group(2)]


def test_the_vendored_schema_is_the_chart_s_and_checks_keys():
    assert SCHEMA["$schema"].startswith("http://json-schema.org/draft-07")
    assert SCHEMA["additionalProperties"] is False
    assert CHART["name"] == "jupyterhub"
    notes = (DEPLOY / "schema" / "README.md").read_text(encoding="utf-8")
    assert "4.4.0" in notes and "5c5f5df751588a68a7781ead01d0f62e88e2e72f" in notes
    assert "BSD 3-Clause" in (DEPLOY / "schema" / "LICENSE").read_text(encoding="utf-8")


def test_the_chart_defaults_alone_are_valid():
    assert schema_errors({}) == []


def test_config_yaml_is_valid_for_the_chart():
    assert schema_errors(CONFIG) == []


@pytest.mark.parametrize("path, value, expected", [
    ("singleuser.memmory", {"limit": "2G"}, "memmory"),          # misspelled key
    ("cull.timout", 3600, "timout"),                              # misspelled key
    ("cull.timeout", "1h", "cull.timeout"),                       # wrong type: seconds are an integer
    ("singleuser.cpu.limit", "1", "singleuser.cpu.limit"),        # wrong type: a number, not a string
    ("prePuller.continuous.enabled", "yes", "prePuller.continuous.enabled"),
    ("scheduling.userPlaceholder.replicas", 2.5, "scheduling.userPlaceholder.replicas"),
    ("singleuser.image.tag", 20261130, "singleuser.image.tag"),   # an unquoted tag becomes a number
])
def test_a_misspelled_key_or_a_wrong_type_is_refused(path, value, expected):
    errors = schema_errors(with_change(path, value))
    assert errors and any(expected in e for e in errors), errors


def test_the_merge_follows_helm():
    assert merged({"cull": {"timeout": 60}})["cull"]["every"] == DEFAULTS["cull"]["every"]
    assert "timeout" not in merged({"cull": {"timeout": None}})["cull"]
    assert merged({"singleuser": {"cmd": ["a"]}})["singleuser"]["cmd"] == ["a"]


def test_the_class_settings_are_there():
    single = CONFIG["singleuser"]
    assert single["image"]["name"] and isinstance(single["image"]["tag"], str) and single["image"]["tag"] != "latest"
    assert single["defaultUrl"] == "/lab"
    assert CONFIG["cull"]["enabled"] is True and 0 < CONFIG["cull"]["timeout"] <= 4 * 3600
    assert CONFIG["prePuller"]["hook"]["enabled"] and CONFIG["prePuller"]["continuous"]["enabled"]
    assert CONFIG["scheduling"]["userPlaceholder"]["enabled"] and CONFIG["scheduling"]["podPriority"]["enabled"]
    assert CONFIG["scheduling"]["userPlaceholder"]["replicas"] >= 1
    assert 0 < single["cpu"]["guarantee"] <= single["cpu"]["limit"]
    assert 0 < quantity_bytes(single["memory"]["guarantee"]) <= quantity_bytes(single["memory"]["limit"])


def test_the_memory_quantity_reader_refuses_nonsense():
    assert quantity_bytes("1G") == 1e9 and quantity_bytes("512Mi") == 512 * 2**20
    with pytest.raises(ValueError):
        quantity_bytes("lots")


def test_the_guarantee_covers_the_measured_learner():
    """deploy/README.md's measured per-learner peak (server + heaviest lesson + heaviest workbook)
    fits under config.yaml's guarantee, and the README quotes the same guarantee and limit."""
    m = re.search(r"measured per learner: \*\*(\d+) MiB\*\*", README)
    assert m, "deploy/README.md must state 'measured per learner: **N MiB**'"
    per_learner = int(m.group(1)) * 2**20
    memory = CONFIG["singleuser"]["memory"]
    assert per_learner <= quantity_bytes(memory["guarantee"])
    assert f"guarantee: {memory['guarantee']}" in README and f"limit: {memory['limit']}" in README


# ---- the Dockerfile ---------------------------------------------------------------------------

def makefile_sed() -> str:
    rule = re.search(r"^\$\(PINS\):.*\n\t(sed .*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    return rule.group(1).replace("$$", "$").split(" environment.yml")[0]


def test_the_image_installs_the_pins_make_lab_installs():
    run = " ".join(line.rstrip("\\").strip() for line in DOCKERFILE.splitlines())
    assert makefile_sed() + " environment.yml > /tmp/constraints.txt" in run, \
        "the Dockerfile must turn environment.yml into pip constraints exactly as the Makefile does"
    assert re.search(r"pip install [^&]*-c /tmp/constraints\.txt -e \.", run)
    assert re.search(r"^COPY\b.* \. /opt/mrt-course$", DOCKERFILE, re.MULTILINE)


def pins(text: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2)
            for m in re.finditer(r"^ *- *([A-Za-z0-9_.-]+)==(\S+) *$", text, re.MULTILINE)}


def test_every_course_dependency_is_pinned_for_the_image():
    """`pip install -c constraints -e .` is fully pinned only if each main dependency has a pin."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        tomllib = pytest.importorskip("tomli")

    env = pins((ROOT / "environment.yml").read_text(encoding="utf-8"))
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {re.split(r"[<>=!~ ;\[]", d, maxsplit=1)[0].lower() for d in deps}
    assert names and names <= set(env), sorted(names - set(env))


def test_the_hub_packages_are_pinned_and_match_the_chart():
    extra = dict(re.findall(r"\b(nbgitpuller|jupyterhub)==([0-9][0-9A-Za-z.]*)", DOCKERFILE))
    assert set(extra) == {"nbgitpuller", "jupyterhub"}
    assert extra["jupyterhub"] == CHART["appVersion"], "jupyterhub in the image should match the hub's version"


def test_the_base_image_is_pinned_and_its_python_is_environment_yml_s():
    base = re.search(r"^FROM (\S+)", DOCKERFILE, re.MULTILINE).group(1)
    name, _, tag = base.partition(":")
    assert name == "quay.io/jupyter/minimal-notebook" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", tag), base
    python = re.search(r"^ *- *python=(\S+)", (ROOT / "environment.yml").read_text(encoding="utf-8"),
                       re.MULTILINE).group(1)
    assert f"ARG PYTHON_VERSION={python}\n" in DOCKERFILE
    assert "assert v == '${PYTHON_VERSION}'" in DOCKERFILE


def test_the_dockerfile_checks_would_catch_a_drift(tmp_path):
    """The pin checks above fail on a Dockerfile or environment that drifted."""
    drifted = DOCKERFILE.replace("jupyterhub==5.5.0", "jupyterhub==4.1.6")
    extra = dict(re.findall(r"\b(nbgitpuller|jupyterhub)==([0-9][0-9A-Za-z.]*)", drifted))
    assert extra["jupyterhub"] != CHART["appVersion"]
    no_pin = (ROOT / "environment.yml").read_text(encoding="utf-8").replace("      - duckdb==2.0.0\n", "")
    assert "duckdb" not in pins(no_pin)
    loose = DOCKERFILE.replace("-c /tmp/constraints.txt -e .", "-e .")
    run = " ".join(line.rstrip("\\").strip() for line in loose.splitlines())
    assert not re.search(r"pip install [^&]*-c /tmp/constraints\.txt -e \.", run)


def test_the_build_context_leaves_out_the_local_environment():
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8").split()
    assert ".venv" in ignore and ".git" in ignore
