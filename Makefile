# Two commands do all set-up: `make serve` and `make test`.
# Both create .venv and install the pinned dependencies on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test build validate bench clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# --dirty: MkDocs rebuilds only pages whose Markdown changed; the kb pipeline rewrites
# exactly the pages an edit changes (the entry's own, backlinks, indexes, timeline).
serve: $(STAMP)  ## live preview on http://127.0.0.1:8000, re-rendered on every save in data/
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload --dirty

test: $(STAMP)  ## lint, type-check kb, then the whole test suite (unit, golden, strict build, browser)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

build: $(STAMP)  ## the static site in site/, as GitHub Pages serves it
	$(BIN)/mkdocs build --strict

validate: $(STAMP)  ## check data/ and report every problem as path:line:col
	$(BIN)/kb validate

# NETWORK_ARGS for the network drawings' comparison, e.g. "--sizes real 1000 --loads 1".
bench: $(STAMP)  ## time each pipeline stage and mkdocs on synthetic data (100, 1k, 10k entries); then the network drawn two ways
	$(BIN)/python -m kb.bench.pipeline --mkdocs --site --preview 1000 $(BENCH_ARGS)
	$(BIN)/python -m kb.bench.network $(NETWORK_ARGS)

clean:
	rm -rf $(VENV) site generated generated.*
