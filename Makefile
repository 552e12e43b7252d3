# Heluo's commands. Everything installs what it needs into .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint bench wheelhouse messages clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

## make run: install, migrate, load the Luoyang demo once, and start everything (heluo up).
run: $(STAMP)
	bash scripts/ensure_packages.sh run
	$(BIN)/heluo migrate --noinput
	$(BIN)/heluo demo
	$(BIN)/heluo up

## make test: ruff, missing migrations, then the whole suite on SQLite and on PostgreSQL.
test: $(STAMP)
	bash scripts/test.sh

## make lint: ruff over everything; mypy over the pure modules (found by scripts/pure_modules.py), the
## service modules and the platform's typed pieces.
lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks
	$(BIN)/mypy $$($(BIN)/python scripts/pure_modules.py) $(wildcard src/heluo/*/services.py src/heluo/*/services src/heluo/enterprise/*/services.py src/heluo/dashboards/*/services.py) \
		src/heluo/core/scope.py src/heluo/core/workflow.py src/heluo/core/ledger.py src/heluo/core/processes.py \
		src/heluo/core/homes.py src/heluo/core/documents.py src/heluo/monitoring/points.py

## make bench: the benchmarks (a table of figures; see docs/benchmarks.md).
bench: $(STAMP)
	$(BIN)/python -m benchmarks

## make wheelhouse: every wheel an offline intranet install needs, in ./wheelhouse.
wheelhouse: $(STAMP)
	$(BIN)/python -m pip wheel --quiet --wheel-dir wheelhouse ".[test]"
	@echo "Install offline with: pip install --no-index --find-links wheelhouse heluo"

## make messages: refresh and compile the zh_Hans translation catalogue.
messages: $(STAMP)
	cd src/heluo && ../../$(BIN)/heluo makemessages -l zh_Hans --no-obsolete --add-location file -i "static/*"
	cd src/heluo && ../../$(BIN)/heluo compilemessages -l zh_Hans

clean:
	rm -rf $(VENV) wheelhouse
