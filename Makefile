# INDEX empty: agreed's own default (var/index, or $AGREED_INDEX)
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
INDEX   ?=
SAMPLE  := corpus/sample
SHARED  ?= ../shared/corpus
PORT    ?= 8000
APT_GET ?= apt-get
APT_WAIT ?= 600

# Debian packages `make test` installs (apt-get, as root or with sudo); `make debs` prints each one's reason.
DEBS := chromium
WHY_chromium := the browser tests drive Debian's Chromium through Playwright, which downloads nothing

.PHONY: install run index test lint debs browser bench clean

# Create .venv with the project (editable), its dev tools, and the `agreed` console script.
install: $(BIN)/agreed

$(BIN)/agreed: pyproject.toml
	$(PY) -m venv $(VENV) || { rm -rf $(VENV); echo 'make install: no venv module; on Debian or Ubuntu: apt-get install python3-venv'; exit 1; }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Build the search index of the bundled sample corpus (only changed files are re-read).
index: install
	$(BIN)/agreed index $(SAMPLE) $(if $(INDEX),--index $(INDEX))

# Install, index the sample corpus, and serve it with gunicorn on http://127.0.0.1:$(PORT).
run: index
	$(BIN)/agreed serve $(if $(INDEX),--index $(INDEX)) --port $(PORT)

# Install the missing packages of DEBS; waits APT_WAIT s for another apt, skips with a reason without apt.
debs:
	@APT_GET='$(APT_GET)' APT_WAIT='$(APT_WAIT)' sh .ci/debs.sh $(foreach deb,$(DEBS),"$(deb): $(WHY_$(deb))")

# The Debian packages of the browser tests (kept as a name for `make debs`).
browser: debs

# Install, then run every test, the real-browser ones included.
test: install debs
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
