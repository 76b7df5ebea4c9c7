# storydiff: compare versions of a news story.
# `make demo` and `make test` are the two commands a fresh machine needs; both create .venv first.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
STORY  ?= data/stories/putin-peace-plan

.DEFAULT_GOAL := help
.PHONY: help setup demo test lint bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv and install the package with its dev tools (once)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

demo: setup ## Analyse the bundled story (STORY=path for another)
	$(PY) -m storydiff inspect $(STORY)

test: setup ## Run the test suite (doctests included)
	$(PY) -m pytest

lint: setup ## Check the code with ruff
	$(PY) -m ruff check lib tests bench

bench: setup ## Print the benchmarks (sentence splitting, compare speed, IteraTeR edit visibility)
	$(PY) bench/golden_rules.py
	$(PY) bench/compare_speed.py
	$(PY) bench/iterater_spans.py
	$(PY) bench/vader_nyt.py

clean: ## Remove caches and generated reports (keeps .venv)
	rm -rf .pytest_cache .ruff_cache lib/*.egg-info
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
	find reports -mindepth 1 -not -name README.md -exec rm -rf {} +
