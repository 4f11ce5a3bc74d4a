# Two commands do all the set-up on a fresh machine:
#   make seeds   - install, then analyse seeds/ into output/ (JSON, scores.csv, dossiers, briefing)
#   make test    - install, then lint and run the tests
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: seeds test setup system-deps clean

$(BIN)/reporter: setup.cfg pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

setup: system-deps $(BIN)/reporter

# Optional speed-ups and tools from Debian; never fatal where apt is not available.
system-deps:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && ! dpkg -s libharfbuzz-subset0 >/dev/null 2>&1; then \
	  (apt-get update -qq && apt-get install -y -qq libharfbuzz-subset0 poppler-utils >/dev/null) \
	  || echo "note: could not install libharfbuzz-subset0 (PDF font subsetting will be slower)"; fi

seeds: setup
	$(BIN)/reporter build seeds -o output

test: setup
	$(BIN)/ruff check reporter tests scripts
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) output/json output/dossiers output/*.pdf output/*.csv
