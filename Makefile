# Two commands for a fresh machine (Python 3.10+):
#   make lab    create .venv if needed, install the course, open lesson 00 in JupyterLab
#   make test   create .venv if needed, install the course and its test tools, run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PINS   := $(VENV)/constraints.txt
LAB_STAMP  := $(VENV)/.installed-lab
TEST_STAMP := $(VENV)/.installed-test
PYTEST_ARGS ?=
LAB_ARGS ?=

.PHONY: lab test test-fast notebooks-clean help

help:
	@echo "make lab    open the course in JupyterLab (installs into .venv first)"
	@echo "make test   run the full test suite (installs into .venv first)"
	@echo "make test-fast   unit tests only, no notebooks or browser"
	@echo "make bench  run every script in benchmarks/ and print one summary (long: 15-30 minutes)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# environment.yml is the one list of exact pins; pip installs them as constraints.
$(PINS): environment.yml $(BIN)/python
	sed -n 's/^ *- *\([A-Za-z0-9_.-]*==[^ ]*\) *$$/\1/p' environment.yml > $(PINS)

$(LAB_STAMP): pyproject.toml $(PINS)
	$(BIN)/python -m pip install --quiet -c $(PINS) -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(PINS)
	$(BIN)/python -m pip install --quiet -c $(PINS) -e '.[test]'
	touch $@ $(LAB_STAMP)

# JupyterLab refuses to start as root unless told to; containers, cloud notebook VMs and WSL
# often run as root, so add the flag there and say so.
USER_ID ?= $(shell id -u)
ROOT_FLAG = $(if $(filter 0,$(USER_ID)),--allow-root)

lab: $(LAB_STAMP)
	@$(if $(ROOT_FLAG),echo "You are the root user here (common in containers): starting JupyterLab with --allow-root.")
	$(BIN)/jupyter lab notebooks/00-start-here.ipynb $(ROOT_FLAG) $(LAB_ARGS)

# Tests never touch the learner's own progress file or saved data in ~/.mrt-course.
test: export MRT_PROGRESS_FILE = off
test: export MRT_HOME = $(CURDIR)/.venv/test-home
# nbval runs the lessons; the workbooks and their sources run once each, in
# tests/test_exercises.py::test_real_notebook_validates (cells must not fail, and every problem
# must come out Correct in a source and Not attempted in a workbook).
test: $(TEST_STAMP)
	rm -rf .venv/test-home
	$(BIN)/python -m pytest -n 2 --dist loadgroup --no-loadscope-reorder --nbval-lax --nbval-cell-timeout=300 \
		tests helpers notebooks $(PYTEST_ARGS)

test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest tests helpers -m "not browser" $(PYTEST_ARGS)

# Every script in benchmarks/, then one Markdown summary (benchmarks/report.py). Peers that the
# benchmarks compare against (benchmarks/requirements.txt, when present) are installed first,
# within the course's pins; if they cannot be installed, the scripts run without them.
.PHONY: bench
BENCH_ARGS ?=
bench: $(TEST_STAMP)
	@if [ -f benchmarks/requirements.txt ]; then \
		$(BIN)/python -m pip install --quiet -c $(PINS) -r benchmarks/requirements.txt \
		|| echo "benchmarks/requirements.txt did not install: the benchmarks run without those peers."; \
	fi
	$(BIN)/python benchmarks/report.py $(BENCH_ARGS)
