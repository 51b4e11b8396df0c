# The course's commands.  `make lab` and `make test` are the two a learner needs.
#
#   make lab                      set up .venv (once) and open JupyterLab on the first notebook
#   make test                     set up .venv (once), run the unit tests and re-execute every notebook
#   make lab PYTHON=python3.12    the same with another Python (librosa 1.0 needs 3.12 or newer)
#   make bench                    time helpers against librosa (benchmarks/)
#   make lint                     ruff: lint everything (notebooks too), check formatting; mypy: type hints
#   make hooks                    contributors: install the pre-commit hooks (nbstripout, ruff)
#   make samples                  re-render audio_samples/ (needs Debian's fluidsynth, espeak-ng, sox)
#   make html                     execute every notebook into a static HTML site in site/ (offline)
#   make wheelhouse               download every wheel into wheelhouse/ for offline installs (workshops)
#   make clean                    remove .venv and caches

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
STAMP := $(VENV)/.installed-python$(PY_VERSION)

.PHONY: setup lab test bench bench-quick lint hooks samples html wheelhouse clean check-python

setup: $(STAMP)

check-python:
	@test -n "$(PY_VERSION)" || { echo "Cannot run '$(PYTHON)'. Install Python 3.11 or newer, or pass PYTHON=/path/to/python3." >&2; exit 1; }

# A venv made with another Python is rebuilt from scratch.
$(STAMP): requirements.txt pyproject.toml | check-python
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -e .
	$(BIN)/python -m helpers.warmup
	touch $@

# JupyterLab refuses to run as root unless told to (containers, some WSL set-ups).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

lab: setup
	$(BIN)/jupyter lab $(ALLOW_ROOT) notebooks/00_start_here.ipynb

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python benchmarks/bench_helpers.py --first-call
	$(BIN)/python benchmarks/bench_course.py

bench-quick: setup
	$(BIN)/python benchmarks/bench_helpers.py --quick
	$(BIN)/python benchmarks/bench_course.py --quick

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

# Every wheel the course needs, for installing with the network off:
#   python -m pip install --no-index --find-links wheelhouse -r requirements.txt -e .
# Wheels are specific to the OS and Python version: build it on a machine like the learners'.
wheelhouse: setup
	$(BIN)/python -m pip download --quiet --dest wheelhouse -r requirements.txt "setuptools>=77" pip
	@echo "wheelhouse/: $$(ls wheelhouse | wc -l) files, $$(du -sh wheelhouse | cut -f1)"

samples: setup
	$(BIN)/python audio_samples/make_samples.py

clean:
	rm -rf .venv .venv-* .pytest_cache .ruff_cache .mypy_cache site wheelhouse test-artifacts
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
