# Two commands: `make demo` builds the warehouse on simulated data; `make test` runs every check CI runs.
# Both create .venv from the pinned requirements when it is missing.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DBT_PROFILES_DIR := $(CURDIR)
export CC_PII_SALT ?= demo-salt-change-me
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export DO_NOT_TRACK := 1

DAYS ?= 28
START ?= 2026-10-12
SEED ?= 42
SCALE ?= 1.0

.PHONY: help venv demo simulate check-raw build publish run test lint dbt-test pytest docs lock clean bench-staffing bench-scale

help:
	@echo "make demo   simulate the demo data, check it, dbt build, publish warehouse/contact_center.duckdb"
	@echo "make test   ruff, sqlfluff, dbt build on a small simulation, pytest"

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP)

simulate: $(STAMP)
	$(BIN)/contact-center simulate --days $(DAYS) --start $(START) --seed $(SEED) --scale $(SCALE) \
		--out landing --truth-out ground_truth

check-raw: $(STAMP)
	$(BIN)/contact-center check-raw --landing landing

# Every build starts from an empty build file: a full, reproducible rebuild (the published file is untouched
# until `publish`). dbt's unit tests read a model's columns from its previous build, so a stale file would
# also make them fail after a column is added.
build: $(STAMP)
	@mkdir -p warehouse/build
	rm -f warehouse/build/contact_center.duckdb warehouse/build/contact_center.duckdb.wal
	$(BIN)/dbt build --full-refresh --fail-fast

publish: $(STAMP)
	$(BIN)/contact-center publish

# The scheduled job (hourly or nightly): raw checks on the new files, incremental build, publish. Exit codes
# in the README ("Scheduling"). `make run FULL_REFRESH=1` rebuilds everything; WAIT=600 queues behind a
# run in progress instead of exiting.
WAIT ?= 0
run: $(STAMP)
	$(BIN)/contact-center run --landing landing --wait $(WAIT) $(if $(FULL_REFRESH),--full-refresh)

demo: $(STAMP)
	$(MAKE) --no-print-directory simulate check-raw build publish

lint: $(STAMP)
	@mkdir -p warehouse/build  # sqlfluff's dbt templater opens the DuckDB build file
	$(BIN)/ruff check src tests/python
	$(BIN)/ruff format --check src tests/python
	$(BIN)/sqlfluff lint models analyses tests --processes 1

pytest: $(STAMP)
	$(BIN)/pytest

# CI: lint, then the whole demo pipeline on the default data set, then the tests that reconcile it.
test: $(STAMP)
	$(MAKE) --no-print-directory lint demo pytest

# Speed of the staffing math: required agents for BENCH_ROWS queue-intervals in the warehouse, beside
# pyworkforce on the same rows (its own pinned extras, requirements-bench.txt). Prints figures; asserts only
# that every answer agrees.
BENCH_ROWS ?= 1000000
BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP) requirements-bench.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	@touch $(BENCH_STAMP)

bench-staffing: $(BENCH_STAMP)
	$(BIN)/python -m contact_center.bench_staffing --rows $(BENCH_ROWS)

# A year of a 1,500-seat center (scale 9): the parse-once floor, full build, tests, publish, one more
# day incremental, peak memory. CONTACTS=1M|3M|10M; the simulated exports are cached in bench/cache.
CONTACTS ?= 1M
bench-scale: $(STAMP)
	$(BIN)/python -m contact_center.bench_scale --contacts $(CONTACTS) $(if $(REUSE_FLOOR),--reuse-floor)

docs: $(STAMP)
	$(BIN)/dbt docs generate --static
	@echo "dbt docs: target/static_index.html (one self-contained file: open it in a browser)"

lock:
	rm -rf /tmp/cc-lock-venv && $(PYTHON) -m venv /tmp/cc-lock-venv
	/tmp/cc-lock-venv/bin/pip install --quiet -r requirements.in
	{ echo "# Pinned, resolved set for Python 3.11 (pip freeze of a clean install). Regenerate with: make lock"; \
	  /tmp/cc-lock-venv/bin/pip freeze; } > requirements.txt

clean:
	rm -rf landing ground_truth warehouse target logs
