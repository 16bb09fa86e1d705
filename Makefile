# The verbs README, CI and people all use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export PATH := $(abspath $(BIN)):$(PATH)

DEMO_STUDENTS ?= 10000
DEMO_SEED     ?= 42
DEMO_AS_OF    ?= 2026-10-01
DEMO_DIR      ?= data/demo
PORT          ?= 8501

.PHONY: system-deps install demo build test test-fast test-spark lint format bench clean

## system-deps: Debian packages (chromium, poppler, fonts, Java) via apt; the one list is the script
system-deps:
	@bash scripts/system-deps.sh

install: system-deps $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	@echo "Installing the Python packages into $(VENV) (versions pinned in constraints.txt) …"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip uv
	@$(BIN)/uv pip install -q --python $(BIN)/python -c constraints.txt -e '.[dev,spark]'
	@touch $@

## demo: sample exports -> warehouse -> tier files -> funder reports -> dashboards (local random key)
# A report that cannot be rendered (no browser) says so in one line; the dashboards start anyway.
demo: install
	@mkdir -p .secrets
	@test -s .secrets/equipath.key || $(BIN)/python -c "import secrets; print(secrets.token_hex(32))" > .secrets/equipath.key
	@$(BIN)/equipath generate --students $(DEMO_STUDENTS) --seed $(DEMO_SEED) --out $(DEMO_DIR)/landing
	@EQUIPATH_SECRET_KEY=$$(cat .secrets/equipath.key) $(BIN)/equipath build \
		--landing $(DEMO_DIR)/landing --as-of $(DEMO_AS_OF) --warehouse $(DEMO_DIR)/warehouse.duckdb
	@$(BIN)/equipath report --all --warehouse $(DEMO_DIR)/warehouse.duckdb --landing $(DEMO_DIR)/landing || true
	@$(BIN)/equipath serve --warehouse $(DEMO_DIR)/warehouse.duckdb --port $(PORT)

# The Spark parity suite (marker `spark`) is left to `make test-spark`, which CI runs next.
test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not spark"

## test-spark: the dbt project on a local Spark session gives DuckDB's marts (needs Java 17)
test-spark: install
	$(BIN)/python -m pytest -m spark

test-fast: install
	$(BIN)/python -m pytest -m "not slow"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python scripts/bench_build.py

clean:
	rm -rf data dbt_project/target dbt_project/logs .pytest_cache
