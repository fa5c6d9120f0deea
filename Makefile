# INDEX empty: agreed's own default (var/index, or $AGREED_INDEX)
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
INDEX   ?=
SAMPLE  := corpus/sample
SHARED  ?= ../shared/corpus
PORT    ?= 8000

.PHONY: install run index test lint browser bench clean

# Create .venv with the project (editable), its dev tools, and the `agreed` console script.
install: $(BIN)/agreed

$(BIN)/agreed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Build the search index of the bundled sample corpus (only changed files are re-read).
index: install
	$(BIN)/agreed index $(SAMPLE) $(if $(INDEX),--index $(INDEX))

# Install, index the sample corpus, and serve it with gunicorn on http://127.0.0.1:$(PORT).
run: index
	$(BIN)/agreed serve $(if $(INDEX),--index $(INDEX)) --port $(PORT)

# Install Debian's Chromium for the browser tests (Playwright drives it; nothing is downloaded by Playwright).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Install, then run every test, the real-browser ones included.
test: install browser
	$(BIN)/pytest -q

# Lint with ruff and type-check with mypy (config for both in pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Measure ingestion, engines, SQLite FTS5 baseline and the served pages; figures go to var/bench/ and docs/bench.md.
bench: install
	$(BIN)/python -m tests.bench.run --shared $(SHARED)

# Remove the virtualenv, built indexes and benchmark scratch files.
clean:
	rm -rf $(VENV) var build *.egg-info
