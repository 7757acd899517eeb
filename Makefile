# binhdang — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)

.PHONY: demo test bench lint format system-deps constraints clean bundle

# The editable install leaves src/ uncompiled: compileall compiles it, so that the first runs of
# a fresh clone do not compile every module they import (with PYTHONDONTWRITEBYTECODE set, every
# run did). Python checks each .pyc against its source's mtime and size when it imports it, and
# compiles an edited module afresh (__pycache__ is in .gitignore).
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	$(BIN)/python -m compileall -q src
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# Debian packages the tests use (PDF conversion, browser tests), installed when missing.
system-deps:
	@bash scripts/system-deps.sh

demo: $(STAMP)
	$(BIN)/binhdang demo --out demo-output

# One test process per core (pytest-xdist; TEST_WORKERS=0 for one process). Whole files go to
# one worker (--dist loadfile): a file's module fixtures are built once, and tests that watch
# the server's schemas or the write lock see only their own file's neighbours.
TEST_WORKERS ?= auto
test: $(STAMP) system-deps
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

bench: $(STAMP)
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[bench]'
	$(BIN)/python -m compileall -q src  # start-up as after an install, whatever was edited since
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/run.py
	$(BIN)/python bench/web_load.py --pg-url $${BINHDANG_BENCH_PG_URL:-postgresql://postgres@127.0.0.1:5432/postgres}

# Offline installation kit: dist/binhdang-bundle-<version>-<python>-<platform>.tar.gz (every
# wheel for this platform, install.sh, README-OFFLINE.md); see scripts/bundle.sh.
bundle: $(STAMP)
	PYTHON=$(BIN)/python bash scripts/bundle.sh dist

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

# Record the versions of the current venv as the tested set.
constraints: $(STAMP)
	@{ sed -n '1,3p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -v '^binhdang'; } > constraints.tmp && mv constraints.tmp constraints.txt

clean:
	rm -rf $(VENV) demo-output .pytest_cache
