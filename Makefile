# Two commands for a new user: `make demo` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME := $(CURDIR)/.dagster_home
export DAGSTER_DISABLE_TELEMETRY := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false
# The project runs from its folder; it is not installed into the venv.
export PYTHONPATH := $(CURDIR)
export PATH := $(CURDIR)/$(BIN):$(PATH)
export SALES_LANDING_DIR ?= data/landing
export SALES_DUCKDB_PATH ?= data/warehouse.duckdb
export SALES_ANALYST_DUCKDB_PATH ?= data/analytics.duckdb
export SALES_REPORTS_DIR ?= reports
DEMO_MONTHS ?= 36
DEMO_SCALE ?= medium
DEMO_SEED ?= 7
# e.g. DEMO_CURRENCIES=USD,EUR,CNY: a multi-currency world, the first code the reporting currency
DEMO_CURRENCIES ?=
comma := ,
space := $(subst ,, )
ifneq ($(DEMO_CURRENCIES),)
export SALES_REPORTING_CURRENCY ?= $(firstword $(subst $(comma), ,$(DEMO_CURRENCIES)))
endif
DEMO_ARGS = --months $(DEMO_MONTHS) --scale $(DEMO_SCALE) --seed $(DEMO_SEED) \
	$(if $(DEMO_CURRENCIES),--currencies $(DEMO_CURRENCIES)) \
	$(if $(SALES_FISCAL_YEAR_START_MONTH),--fiscal-year-start-month $(SALES_FISCAL_YEAR_START_MONTH))
DEMO_MARKER = $(SALES_LANDING_DIR)/.demo$(subst $(comma),-,$(subst $(space),,$(DEMO_ARGS)))
DBT := $(BIN)/dbt --no-use-colors
DBT_DIRS := --project-dir dbt_project --profiles-dir dbt_project
# The marts' thresholds come from the rules file (SALES_RULES_FILE), the fiscal year start and the
# currency settings from SALES_FISCAL_YEAR_START_MONTH, SALES_REPORTING_CURRENCY and SALES_FX_MONTH_RATE,
# as the pipeline passes them.
DBT_VARS = --vars '$(shell $(BIN)/python -m pipelines.transform.vars)'
# openjdk-17-jre-headless: Spark's JVM (make demo-spark and the Spark equality test, docs/scale.md).
APT_PACKAGES := chromium fonts-noto-cjk poppler-utils openjdk-17-jre-headless
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo demo-spark demo-data materialize test lint docs dev bench system-deps manifest full-refresh clean help

help:
	@echo "make demo   - install, generate $(DEMO_MONTHS) months of demo extracts, run every month, write the report"
	@echo "make demo-spark - the demo's small scale built on DuckDB and on Spark (local mode), marts compared"
	@echo "make test   - run the whole test suite"
	@echo "make dev    - open the Dagster UI on http://127.0.0.1:3000"
	@echo "make docs   - build dbt's docs site (offline) into dbt_project/target"
	@echo "make lint   - ruff and sqlfluff"
	@echo "make full-refresh - rebuild every dbt model from the raw tables (after an upgrade changed a mart)"
	@echo "make bench  - benchmark (SCALE=small|medium|large)"

$(BIN)/.installed: requirements-lock.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-lock.txt
	touch $@

$(DAGSTER_HOME)/dagster.yaml:
	mkdir -p $(DAGSTER_HOME)
	printf 'telemetry:\n  enabled: false\n' > $@

# Debian packages: a CJK font for charts and pages, chromium + pdftotext for the browser test.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

manifest: $(BIN)/.installed
	$(DBT) parse --quiet $(DBT_DIRS)

demo-data: $(BIN)/.installed
	@if [ -f "$(DEMO_MARKER)" ]; then \
		echo "demo extracts already in $(SALES_LANDING_DIR)"; \
	else \
		rm -f $(SALES_LANDING_DIR)/.demo*; \
		$(BIN)/python -m pipelines.demo $(DEMO_ARGS) --out $(SALES_LANDING_DIR) && touch "$(DEMO_MARKER)"; \
	fi

# Every delivered month in one run (single-run backfill: one dbt invocation).
materialize: $(BIN)/.installed $(DAGSTER_HOME)/dagster.yaml manifest
	@range=$$($(BIN)/python -m pipelines.landed_months $(SALES_LANDING_DIR)) || exit 1; \
	last=$${range#*...}; \
	echo "materializing $$range (full log: $(DAGSTER_HOME)/last-materialize.log)"; \
	set -o pipefail; SECONDS=0; \
	$(BIN)/dagster asset materialize -m pipelines.definitions --select '*' --partition-range "$$range" 2>&1 \
		| $(BIN)/python -m pipelines.run_progress $(DAGSTER_HOME)/last-materialize.log \
		|| { tail -40 $(DAGSTER_HOME)/last-materialize.log; echo "failed: full log in $(DAGSTER_HOME)/last-materialize.log"; exit 1; }; \
	echo; echo "Done in $$SECONDS s. Reports for $$last:"; ls -1 $(SALES_REPORTS_DIR)/$$last/ | sed "s|^|  $(SALES_REPORTS_DIR)/$$last/|"; \
	echo "Warehouse: $(SALES_DUCKDB_PATH) (schemas raw, staging, marts, ops)"; \
	echo "Analysts query: $(SALES_ANALYST_DUCKDB_PATH) (duckdb -readonly $(SALES_ANALYST_DUCKDB_PATH))"; \
	echo "Open the Dagster UI: make dev, then http://127.0.0.1:3000"

demo: $(BIN)/.installed system-deps demo-data materialize

# Its own folders: the demo's months, warehouse and lake are kept apart from `make demo`'s.
# Dagster's and Spark's logs go to demo-spark.log; the terminal shows the comparison.
SPARK_DEMO_DIR := data/spark-demo
demo-spark: $(BIN)/.installed system-deps $(DAGSTER_HOME)/dagster.yaml manifest
	@mkdir -p $(SPARK_DEMO_DIR); echo "building on DuckDB, then on Spark (full log: $(SPARK_DEMO_DIR)/demo-spark.log)"
	@SALES_LANDING_DIR=$(SPARK_DEMO_DIR)/landing SALES_DUCKDB_PATH=$(SPARK_DEMO_DIR)/warehouse.duckdb \
	SALES_ANALYST_DUCKDB_PATH=$(SPARK_DEMO_DIR)/analytics.duckdb SALES_REPORTS_DIR=$(SPARK_DEMO_DIR)/reports \
	SALES_SPARK_WAREHOUSE=$${SALES_SPARK_WAREHOUSE:-$(SPARK_DEMO_DIR)/lake} \
	SALES_SPARK_METASTORE=$${SALES_SPARK_METASTORE:-$(SPARK_DEMO_DIR)/metastore} \
	SALES_SPARK_SCRATCH_DIR=$(SPARK_DEMO_DIR)/spark-scratch \
		$(BIN)/python -m pipelines.spark.demo 2> $(SPARK_DEMO_DIR)/demo-spark.log \
		|| { tail -40 $(SPARK_DEMO_DIR)/demo-spark.log; exit 1; }

test: $(BIN)/.installed system-deps $(DAGSTER_HOME)/dagster.yaml manifest
	$(BIN)/pytest -n 2 --dist loadscope --no-loadscope-reorder

lint: $(BIN)/.installed
	$(BIN)/ruff check pipelines data_checks tests bench
	$(BIN)/ruff format --check pipelines data_checks tests bench
	$(BIN)/sqlfluff lint dbt_project/models dbt_project/tests

# After upgrading the project, a mart whose columns changed refuses to build incrementally
# (on_schema_change: fail); this rebuilds every model from the raw tables, all months.
full-refresh: $(BIN)/.installed
	$(DBT) build --full-refresh --exclude-resource-type unit_test $(DBT_DIRS) $(DBT_VARS)

docs: $(BIN)/.installed
	$(DBT) docs generate --static $(DBT_DIRS) $(DBT_VARS)
	@echo "Open dbt_project/target/static_index.html in a browser (works offline)."

dev: $(BIN)/.installed $(DAGSTER_HOME)/dagster.yaml manifest
	$(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000

bench: $(BIN)/.installed
	$(BIN)/python -m bench.run --scale $(or $(SCALE),small)

clean:
	rm -rf data reports $(DAGSTER_HOME) dbt_project/target dbt_project/logs
