# storydiff: compare versions of a news story.
# `make demo` and `make test` are the two commands a fresh machine needs; both create .venv first.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
STORY  ?= data/stories/putin-peace-plan
STORIES ?= data/stories
JOBS   ?= 2

.DEFAULT_GOAL := help
.PHONY: help setup browser demo reports lessons test lint bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv and install the package with its dev tools (once)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

browser: ## Install Debian's chromium for the browser tests when missing (root only; else they skip)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests ..."; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -q chromium >/dev/null 2>&1 || \
	    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; } || \
	    echo "chromium could not be installed: the browser tests will skip"; \
	  else echo "chromium not found (installing it needs root): the browser tests will skip"; fi; }

demo: setup ## Render the bundled story's HTML report (STORY=path), and the bundled corpus's page
	$(PY) -m storydiff report $(STORY)
	$(PY) -m storydiff corpus $(STORIES) --out reports/corpus --html --no-progress

reports: setup ## Render reports for every story under STORIES (a folder or manifest), JOBS workers
	$(PY) -m storydiff report $(STORIES) --jobs $(JOBS)

lessons: setup ## Render the six lessons to reports/lessons/ (and the teacher's copy in solutions/)
	$(PY) -m storydiff lessons
	$(PY) -m storydiff lessons --solutions

test: setup browser ## Run the test suite (doctests, notebooks, browser tests included)
	$(PY) -m pytest

lint: setup ## Check the code with ruff
	$(PY) -m ruff check lib tests bench

bench: setup ## Print the benchmarks (splitting, compare and corpus speed, reports, evaluations)
	$(PY) bench/golden_rules.py
	$(PY) bench/compare_speed.py
	$(PY) bench/iterater_spans.py
	$(PY) bench/vader_nyt.py
	$(PY) bench/analysis_speed.py
	$(PY) bench/report_floor.py
	$(PY) bench/report_speed.py
	$(PY) bench/corpus_scaling.py --sizes 1000 10000
	$(PY) bench/corpus_page.py --sizes 10000 100000
	$(PY) bench/iterater_changes.py
	$(PY) bench/long_versions.py --sentences 1000 4000 10000
	$(PY) bench/long_reports.py --sentences 5000

clean: ## Remove caches and generated reports (keeps .venv)
	rm -rf .pytest_cache .ruff_cache lib/*.egg-info
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
	find reports -mindepth 1 -not -name README.md -exec rm -rf {} +
