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
AXE     := var/axe/node_modules/axe-core/axe.min.js
AXE_VERSION := 4.11.0

# Debian packages `make test` installs (apt-get, as root or with sudo); `make debs` prints each one's reason.
DEBS := chromium sphinxsearch
WHY_chromium := the browser tests drive Debian's Chromium through Playwright, which downloads nothing
WHY_sphinxsearch := the sphinx engine's tests start local searchd nodes (agreed cluster up)

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

# The browser tests' Debian packages (`make debs`) and axe-core.
browser: debs $(AXE)

# axe-core (pinned, from the npm registry) for the browser test's accessibility audit; injected there only.
$(AXE):
	@command -v npm >/dev/null 2>&1 || ! command -v $(APT_GET) >/dev/null 2>&1 || { $(APT_GET) update -qq && $(APT_GET) install -y -qq npm >/dev/null; }
	@if command -v npm >/dev/null 2>&1; then npm install --prefix var/axe --no-save --no-audit --no-fund axe-core@$(AXE_VERSION); \
	else echo "make browser: no npm and no apt-get: the accessibility test will skip (it needs axe-core from npm)"; fi

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
