# The course's commands.  `make lab` and `make test` are the two a learner needs.
#
#   make lab                      set up .venv (once) and open JupyterLab on the first notebook
#   make test                     set up .venv (once), run the unit tests and re-execute every notebook
#   make lab PYTHON=python3.12    the same with another Python (librosa 1.0 needs 3.12 or newer)
#   make bench                    time helpers against librosa, the notebooks, notebook 10's network (benchmarks/)
#   make bench-browser            explorers in JupyterLab + headless Chromium (needs requirements-ci.txt)
#   make lint                     ruff: lint everything (notebooks too), check formatting; mypy: type hints
#   make hooks                    contributors: install the pre-commit hooks (nbstripout, ruff)
#   make samples                  re-render audio_samples/ (needs Debian's fluidsynth, espeak-ng, sox)
#   make html                     execute every notebook into an accessible static site in site/ (offline)
#   make wheelhouse               download the wheels for Windows, macOS and Linux laptops into wheelhouse/
#   make wheelhouse-check         check that wheelhouse/ installs every laptop's set with the network off
#   make clean                    remove .venv and caches

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
STAMP := $(VENV)/.installed-python$(PY_VERSION)

.PHONY: setup lab test bench bench-quick bench-browser lint hooks samples html wheelhouse wheelhouse-check clean check-python

setup: $(STAMP)

check-python:
	@test -n "$(PY_VERSION)" || { echo "Cannot run '$(PYTHON)'. Install Python 3.11 or newer, or pass PYTHON=/path/to/python3." >&2; exit 1; }

# A venv made with another Python is rebuilt from scratch.
$(STAMP): requirements.txt pyproject.toml | check-python
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -e .
	$(BIN)/python -m helpers.lab_nodelay
	$(BIN)/python -m helpers.warmup
	touch $@

# JupyterLab refuses to run as root unless told to (containers, some WSL set-ups).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)
# Kernels talk to JupyterLab over local IPC sockets (Linux, macOS, WSL): nothing crosses
# the network, so the kernel has no reason to warn "Kernel is running over TCP without
# encryption".  Windows has no IPC sockets and keeps TCP (docs/instructor-guide.md).
# Tornado accepts no websocket ping timeout longer than the ping interval (30 s) and says
# so in a warning at every connection: ask for 30 s directly.
QUIET_LAB := $(if $(filter Windows_NT,$(OS)),,--KernelManager.transport=ipc) \
	'--ServerApp.tornado_settings={"ws_ping_timeout": 30000}'
# Extra options, e.g. make lab LAB_ARGS=--no-browser
LAB_ARGS ?=

lab: setup
	$(BIN)/jupyter lab $(ALLOW_ROOT) $(QUIET_LAB) $(LAB_ARGS) notebooks/00_start_here.ipynb

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python benchmarks/bench_helpers.py --first-call
	$(BIN)/python benchmarks/bench_course.py
	$(BIN)/python benchmarks/bench_deep.py

bench-quick: setup
	$(BIN)/python benchmarks/bench_helpers.py --quick
	$(BIN)/python benchmarks/bench_course.py --quick
	$(BIN)/python benchmarks/bench_deep.py --quick

# Needs Debian's Chromium and Playwright (pip install -r requirements-ci.txt); no browser download.
bench-browser: setup
	$(BIN)/python benchmarks/bench_browser.py

# The quality gate: lint everything (notebooks included) and check the formatting.
# CI runs exactly this target.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Contributors: strip outputs and lint on every commit (see CONTRIBUTING.md).
hooks: setup
	$(BIN)/python -m pip install --quiet "pre-commit>=4"
	$(BIN)/pre-commit install

html: setup
	$(BIN)/python tools/build_html.py --output site

# Every wheel the course needs on Windows, macOS (Intel and Apple silicon) and Linux laptops
# with Python 3.11 to 3.13, for installing with the network off:
#   python -m pip install --no-index --find-links wheelhouse -r requirements.txt -e .
# Fewer platforms or Pythons: make wheelhouse PLATFORMS=linux,windows PYTHONS=3.12
PLATFORMS ?= linux,windows,macos-intel,macos-arm
PYTHONS ?= 3.11,3.12,3.13
wheelhouse: setup
	$(BIN)/python tools/wheelhouse.py --dest wheelhouse --platforms $(PLATFORMS) --pythons $(PYTHONS)

wheelhouse-check: setup
	$(BIN)/python tools/wheelhouse.py --check --dest wheelhouse --platforms $(PLATFORMS) --pythons $(PYTHONS)

samples: setup
	$(BIN)/python audio_samples/make_samples.py

clean:
	rm -rf .venv .venv-* .pytest_cache .ruff_cache .mypy_cache site wheelhouse test-artifacts
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
