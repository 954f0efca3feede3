# sandogh: `make run` runs a live Kerman election day on the embedded SQLite default; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
UV_COMPILE := $(BIN)/uv pip compile pyproject.toml requirements/build.in --extra dev \
	--generate-hashes --universal --python-version 3.11 -o requirements.lock

.PHONY: run test system lint typecheck contracts pytest bench lock upgrade-lock clean

# Every version comes from requirements.lock and must match its hashes: a fresh install is the
# one the tests passed on. Upgrades are made on purpose, with `make upgrade-lock`, in a commit.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/sandogh demo --live --dir run

test: system lint typecheck contracts pytest

system:
	scripts/system-packages

lint: $(STAMP)
	$(BIN)/ruff format --check src tests bench examples
	$(BIN)/ruff check src tests bench examples

typecheck: $(STAMP)
	$(BIN)/mypy src

contracts: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP) system
	$(BIN)/pytest -n 2 --dist worksteal --durations=30

bench: $(STAMP)
	$(BIN)/python bench/national.py

# the lock again from pyproject.toml, keeping every pinned version that still fits
lock: $(STAMP)
	$(UV_COMPILE)

# every dependency to its newest version that pyproject.toml allows
upgrade-lock: $(STAMP)
	$(UV_COMPILE) --upgrade

clean:
	rm -rf $(VENV) run .mypy_cache .ruff_cache .pytest_cache .hypothesis
