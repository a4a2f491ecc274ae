# RugCoach: `make run` serves the app with demo data; `make test` runs every check.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
DEPS_STAMP := $(VENV)/.deps-installed

.PHONY: run serve test test-js setup lint format chromium vendor messages clean lock figures-png bench wrk

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when the declared dependencies or the lock change.
$(DEPS_STAMP): pyproject.toml requirements.lock | $(PY)
	$(PY) -m pip install --quiet --constraint requirements.lock --editable '.[dev]'
	touch $@

setup: $(DEPS_STAMP)

# The web server and the task worker side by side; Ctrl-C stops both (tools/run.py).
run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_accounts
	$(PY) manage.py demo_history
	$(PY) manage.py demo_programs
	$(PY) manage.py demo_trainers
	$(PY) manage.py build_herstelgids
	$(PY) tools/run.py $(HOST):$(PORT)

# The production profile on this machine (docs/deploy.md): PostgreSQL and Redis from
# DATABASE_URL/REDIS_URL (the database is created if missing), collectstatic, migrate,
# then gunicorn (GUNICORN_WORKERS, default 2) and RQ's worker; DEBUG off, plain HTTP.
# RUGCOACH_SERVE_DEMO=1 adds the demo accounts. Ctrl-C stops both (tools/run.py).
serve: setup
	$(PY) tools/run.py --serve $(HOST):$(PORT)

# Browser tests need Debian's chromium; install it (and the PDF tools) when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    chromium fonts-liberation poppler-utils >/dev/null; }

# The HTTP benchmark needs Debian's wrk; install it when missing (as chromium above).
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  echo "Installing Debian's wrk for the HTTP benchmark"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    wrk >/dev/null; }

# The HTTP benchmark against a ceiling (docs/performance.md); not part of `make test`.
# BENCH_ARGS passes options on: make bench BENCH_ARGS="--rounds 5 --json bench.json".
BENCH_ARGS ?=
bench: setup wrk
	$(PY) bench/bench_http.py $(BENCH_ARGS)

# ruff, then mypy on the pure core and the import contracts (pyproject.toml, docs/architecture.md).
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The player's logic (timers, state machine, outbox): Node's own test runner, no npm.
test-js:
	node --test tests/js/

# pytest-xdist: one worker per core, each with its own test database (docs/testing.md).
# TEST_WORKERS=0 runs the tests in this one process.
TEST_WORKERS ?= auto
test: setup chromium lint test-js
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --durations=15

# Every exercise figure as a large PNG in test-artifacts/figures/, to review (docs/figures.md).
figures-png: setup chromium
	$(PY) tools/render_figures.py
	$(PY) tools/render_figures.py --mode thumbnail

# Refresh the vendored front-end files from npm (versions pinned in package.json).
vendor:
	npm install --no-save --no-audit --no-fund
	cp node_modules/htmx.org/dist/htmx.min.js rugcoach/static/vendor/htmx.min.js
	cp node_modules/axe-core/axe.min.js tests/browser/vendor/axe.min.js

# Extract interface strings (Dutch is the source language) and compile the English catalogue.
messages: setup
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=tests
	$(PY) manage.py compilemessages -l en

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache .ruff_cache

# Re-pin every installed version after changing pyproject.toml.
lock: $(PY)
	$(PY) -m pip install --quiet --editable '.[dev]'
	{ echo "# Exact versions CI and 'make' install (a pip constraints file). Regenerate with 'make lock'."; \
	  $(PY) -m pip freeze --exclude-editable | grep -v '^-e'; } > requirements.lock
