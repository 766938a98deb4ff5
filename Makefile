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

.PHONY: lab test test-fast notebooks-clean help site site-deps site-serve dashboards

help:
	@echo "make lab    open the course in JupyterLab (installs into .venv first)"
	@echo "make test   run the full test suite (installs into .venv first)"
	@echo "make test-fast   unit tests only, no notebooks or browser"
	@echo "make site   build the course website into _build/site (make site-serve to preview it)"
	@echo "make dashboards  serve the projection dashboards (dashboards/) with Voila"
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

# postBuild (also run by Binder) turns nbgrader's JupyterLab menus and server extensions off.
$(TEST_STAMP): pyproject.toml $(PINS)
	$(BIN)/python -m pip install --quiet -c $(PINS) -e '.[test]'
	PATH="$(CURDIR)/$(BIN):$$PATH" ./postBuild > $(VENV)/postBuild.log 2>&1 || { cat $(VENV)/postBuild.log; exit 1; }
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
		tests helpers notebooks dashboards $(PYTEST_ARGS)

test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest tests helpers -m "not browser" $(PYTEST_ARGS)

# The course as a website: every lesson and workbook run, then rendered by MyST (mystmd, pinned in
# site/package-lock.json, installed here with npm ci; Node 18+ and npm needed). About 7 minutes.
# SITE_ARGS passes options on, e.g. SITE_ARGS="--only 00 03" or "--repo https://github.com/ORG/mrt-course".
SITE_NPM := site/node_modules/.package-lock.json
SITE_ARGS ?=
SITE_PORT ?= 8000

$(SITE_NPM): site/package.json site/package-lock.json
	@command -v npm >/dev/null || { echo "make site needs Node.js 18+ with npm (e.g. sudo apt-get install nodejs npm)"; exit 1; }
	cd site && npm ci --no-audit --no-fund
	touch $@

site-deps: $(SITE_NPM)

site: $(TEST_STAMP) $(SITE_NPM)
	$(BIN)/python -m helpers.site build --out _build/site $(SITE_ARGS)

site-serve:
	@test -f _build/site/index.html || { echo "Build the site first: make site"; exit 1; }
	@echo "Open http://127.0.0.1:$(SITE_PORT)/ (Ctrl+C stops it)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/site $(SITE_PORT)

# Dashboards for projecting in class: Voila serves dashboards/ (code hidden, no tracebacks; its
# settings are dashboards/voila.json, read because Voila starts in that folder). It runs the
# committed notebooks of this folder, never a learner's copy. Voila does not refuse root.
DASH_STAMP := $(VENV)/.installed-dashboards
DASHBOARD_PORT ?= 8866
DASHBOARD_ARGS ?=

$(DASH_STAMP): pyproject.toml $(PINS)
	$(BIN)/python -m pip install --quiet -c $(PINS) -e '.[dashboards]'
	touch $@

dashboards: $(DASH_STAMP)
	cd dashboards && ../$(BIN)/voila --port=$(DASHBOARD_PORT) --Voila.ip=127.0.0.1 $(DASHBOARD_ARGS) .

# Every script in benchmarks/, then one Markdown summary (benchmarks/report.py). The peers the
# benchmarks compare against (benchmarks/requirements.txt: splink for benchmarks/mpi.py) go in a venv
# of their own, .venv-bench, with the course installed there too: splink needs pyarrow, which changes
# pandas' string columns, and the course's .venv is kept as learners have it. If the peers cannot be
# installed, the scripts run without them.
.PHONY: bench
BENCH_ARGS ?=
BENCH_STAMP := .venv-bench/.installed
$(BENCH_STAMP): benchmarks/requirements.txt pyproject.toml $(PINS)
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install --quiet -c $(PINS) -e . -r benchmarks/requirements.txt
	touch $@
bench: $(TEST_STAMP)
	@$(MAKE) --no-print-directory $(BENCH_STAMP) \
		|| echo "benchmarks/requirements.txt did not install: the benchmarks run without those peers."
	$(BIN)/python benchmarks/report.py $(BENCH_ARGS)
