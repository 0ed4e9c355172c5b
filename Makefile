# Two commands matter to a newcomer: `make run` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck demo-data server benchmarks translations screenshots clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (found %s)" % sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Start the station on the embedded default (SQLite, in-process server, demo site on first start).
run: $(STAMP)
	$(PY) main.py run

## Run the whole test suite: lint, types, architecture contracts, then pytest.
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

demo-data: $(STAMP)
	$(PY) main.py demo-data

server: $(STAMP)
	$(PY) main.py server

benchmarks: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

## Rebuild the compiled translations (.qm) from the .ts sources.
translations: $(STAMP)
	$(PY) -m ui.i18n_tools

## Render the shell's screens (English and Chinese) into screenshots-tmp/ to look at.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.screenshots screenshots-tmp

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
