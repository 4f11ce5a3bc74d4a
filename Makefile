# Two commands do all the set-up on a fresh machine:
#   make seeds   - install, then analyse seeds/ into output/ (JSON, scores.csv, dossiers, briefing)
#   make test    - install, then lint and run the tests
# The venv is made with the first of these that can make one. Debian's python3.11 comes first: it is built with
# profile-guided and link-time optimisation and linked statically, and the analysis takes about 10% less CPU on it
# than on a build without them (pyenv's default); see docs/scale.md. Any Python 3.11+ works: `make PYS=python3`.
PYS ?= /usr/bin/python3.11 python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: seeds test setup system-deps clean

$(BIN)/reporter: setup.cfg pyproject.toml
	@for py in $(PYS); do \
	  if "$$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	     && "$$py" -m venv --clear $(VENV) 2>/dev/null; then echo "venv: $$py"; exit 0; fi; \
	done; echo "no Python 3.11+ that can make a venv among: $(PYS)" >&2; exit 1
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
